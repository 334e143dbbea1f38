"""The catalogue's formula of each rule, rendered from its declaration (never typed by hand)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from govreport.editions import Edition
from govreport.editions._rules import (
    ClaimRule,
    CustomRule,
    EmptyRule,
    EquationRule,
    PresenceRule,
    RangeRule,
    RuleSpec,
    StatementRule,
    SubstanceRule,
    Term,
)
from govreport.pointers import split

__all__ = ["claim_sum", "equation_formula", "formula"]


def _relative(pointer: str, edition: Edition, *, drop_last: bool = False) -> str:
    tokens = split(pointer)
    tables = {t.key for t in edition.tables}
    if tokens and tokens[0] in tables:
        tokens = tokens[1:]
    if drop_last:
        tokens = tokens[:-1]
    return ".".join(tokens)


def _compress(names: list[str], edition: Edition) -> list[str]:
    """Write every complete group of sibling rows as ``group.*`` (``outcomes.withheld.*``)."""
    out: list[str] = []
    i = 0
    while i < len(names):
        parent = names[i].rpartition(".")[0]
        run = [n for n in names[i:] if n.rpartition(".")[0] == parent and "." in n]
        siblings = {
            ".".join(line.path[1:])
            for line in edition.lines()
            if ".".join(line.path[1:-1]) == parent and parent.count(".") >= 1
        }
        if parent and len(run) > 1 and set(run) == siblings and names[i : i + len(run)] == run:
            out.append(parent + ".*")
            i += len(run)
        else:
            out.append(names[i])
            i += 1
    return out


def _side(terms: Sequence[Term], name: Callable[[str], str], edition: Edition, *, previous_marks: bool) -> str:
    if not terms:
        return "0"
    names = [name(t.pointer) for t in terms]
    if all(t.coefficient == 1 and not t.previous for t in terms):
        names = _compress(names, edition)
        return " + ".join(n + ("(Y)" if previous_marks else "") for n in names)
    parts: list[str] = []
    for t, n in zip(terms, names, strict=True):
        year = "(Y−1)" if t.previous else "(Y)" if previous_marks else ""
        sign = "−" if t.coefficient < 0 else "+"
        size = abs(t.coefficient)
        body = f"{size}×{n}{year}" if size != 1 else f"{n}{year}"
        parts.append(body if not parts and sign == "+" else f"{sign} {body}" if parts else f"−{body}")
    return " ".join(parts)


def claim_sum(terms: Sequence[str], edition: Edition) -> str:
    """A claim's sum over contract keys; every row of a group in one column is written ``outcomes.withheld.*.total``."""
    columns = {split(p)[-1] for p in terms}
    if len(columns) != 1:
        return " + ".join(_relative(p, edition) for p in terms)
    column = columns.pop()
    rows = _compress([_relative(p, edition, drop_last=True) for p in terms], edition)
    return " + ".join(f"{row}.{column}" for row in rows)


def equation_formula(spec: EquationRule, edition: Edition) -> str:
    """The rule's equations as one formula over contract keys, rendered from the declaration.

    A family whose equations each read one column of several rows is written once, ``(per column)``; one whose
    equations each read one row is written over the column keys, ``(per row)``.
    """
    if not spec.equations:
        return ""
    eq = spec.equations[0]
    pointers = [t.pointer for t in eq.terms]
    columns = {split(p)[-1] for p in pointers}
    rows = {split(p)[:-1] for p in pointers}
    marks = spec.needs_previous
    many = len(spec.equations) > 1
    if len(columns) == 1 and many:

        def name(p: str) -> str:
            return _relative(p, edition, drop_last=True)

        suffix = " (per column)"
    elif len(rows) == 1:

        def name(p: str) -> str:
            return split(p)[-1]

        row_keys = [split(e.terms[0].pointer)[-2] for e in spec.equations]
        suffix = f" (per row: {', '.join(row_keys)})" if many and len(row_keys) <= 4 else " (per row)" if many else ""
    else:

        def name(p: str) -> str:
            return _relative(p, edition)

        suffix = ""
    lhs = _side(eq.actual, name, edition, previous_marks=marks)
    rhs = _side(eq.expected, name, edition, previous_marks=marks)
    return f"{lhs} = {rhs}{suffix}"


def formula(spec: RuleSpec, edition: Edition) -> str:  # noqa: PLR0911 - one return per rule kind
    """The formula of any rule declaration, for the catalogue."""
    if isinstance(spec, EquationRule):
        return equation_formula(spec, edition)
    if isinstance(spec, ClaimRule):
        sums = sorted({claim_sum(alt, edition) for c in spec.claims for alt in c.equals})
        quantities = sorted({c.quantity for c in spec.claims if c.quantity})
        where = ", ".join(spec.sections)
        if not sums:
            return f"every {', '.join(quantities)} stated in {where} = the first one stated"
        return f"a number stated in {where} ∈ {{{', '.join(sums)}}}"
    if isinstance(spec, SubstanceRule):
        return f"{', '.join(e.section for e in spec.sections)} not empty and not only a formula"
    if isinstance(spec, EmptyRule):
        return f"not every cell of a {' or a '.join(p.replace('_', ' ') for p in spec.parts)} is null"
    if isinstance(spec, StatementRule):
        return f"{spec.section} states {spec.states}"
    if isinstance(spec, PresenceRule):
        return "cell is not null (every cell)"
    if isinstance(spec, RangeRule):
        return f"cell ≥ {spec.minimum} ({', '.join(spec.kinds)} cells)"
    if isinstance(spec, CustomRule):
        return spec.formula_text
    return ""
