"""Single-fault mutants: a valid report broken in one realistic way, and exactly what the rules must find."""

from __future__ import annotations

import typing
from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from govreport.editions import DEFAULT_EDITION
from govreport.strategies._common import (
    Cells,
    Failure,
    Number,
    Shape,
    StrategyArgumentError,
    check_shape,
    choose,
    ints,
    pick,
    skip,
)
from govreport.strategies._expect import expected
from govreport.strategies._plan import Plan, plan_for
from govreport.strategies._prose import Quote
from govreport.strategies._reports import Drawn, Ensure, drawn
from govreport.strategies._values import assemble_tables

__all__ = ["MUTATION_KINDS", "Mutant", "MutationKind", "mutants"]

#: The ways :func:`mutants` breaks a report; see :class:`Mutant`.
MutationKind = Literal[
    "changed_cell",
    "negative_cell",
    "swapped_cells",
    "split_cell",
    "merged_cells",
    "shifted_left",
    "blank_total",
    "quoted_count",
    "fee_dropped",
]
MUTATION_KINDS: tuple[MutationKind, ...] = typing.get_args(MutationKind)

_ENSURE: dict[MutationKind, Ensure] = {"swapped_cells": "distinct", "split_cell": "two_digit", "quoted_count": "quote"}


def _frozen_failures(value: Collection[Failure]) -> frozenset[Failure]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Mutant:
    """A valid report broken in one realistic way, and what a validator must say about it.

    Attributes:
        report: the broken report.
        original: the valid report it was made from.
        kind: how it was broken (one of :data:`MUTATION_KINDS`):

            - ``changed_cell``: one count that an equation reads changed (a typo);
            - ``negative_cell``: one such count made negative (a program computed it);
            - ``swapped_cells``: two cells of different value swapped;
            - ``split_cell``: a number split over two cells (``12`` read as ``1`` and ``2``), the rest of the row
              shifted right and its last value lost (拆格, seen when tables are flattened);
            - ``merged_cells``: two neighbouring cells read as one number, the rest shifted left, the last cell
              blank;
            - ``shifted_left``: an empty cell vanished in flattening, the values after it moved one column left
              and the last cell is blank;
            - ``blank_total``: a total left blank;
            - ``quoted_count``: a number the prose states (in 2021: the request, review or litigation count quoted
              in 一、总体情况) no longer matches;
            - ``fee_dropped``: the sentence a statement rule looks for removed (in 2021: 六 no longer says what
              信息处理费 was collected).
        description: what was done, in English.
        changed: the pointers of the cells (or prose members) that differ from the original.
        failures: exactly the ``(rule id, pointers)`` of each failing finding, pointers in finding order.
        not_assessable: the rule ids that must report ``not_assessable`` (where a needed cell became blank).
    """

    report: Any
    original: Any
    kind: MutationKind
    description: str
    changed: frozenset[str]
    failures: frozenset[Failure] = attrs.field(converter=_frozen_failures)
    not_assessable: frozenset[str] = frozenset()

    @property
    def rules(self) -> frozenset[str]:
        """The rule ids that must fail."""
        return frozenset(rule for rule, _ in self.failures)

    @property
    def pointers(self) -> frozenset[str]:
        """Every pointer that the failing findings name."""
        return frozenset(p for _, ptrs in self.failures for p in ptrs)


def applicable(plan: Plan) -> tuple[MutationKind, ...]:
    """The kinds of mutant the edition's rules can catch."""
    possible = {
        "changed_cell": bool(plan.checked),
        "negative_cell": any(plan.kinds[p] != "signed_count" for p in plan.checked),
        "swapped_cells": bool(plan.checked),
        "split_cell": bool(plan.rows),
        # A shifted row ends in a blank cell: without a presence rule, that is only not assessable.
        "merged_cells": bool(plan.rows and plan.presence),
        "shifted_left": bool(plan.rows and plan.presence),
        "blank_total": bool(plan.totals and plan.presence),
        "quoted_count": any(s.numbers for s in plan.prose.subjects),
        "fee_dropped": any(s.examples for s in plan.prose.statements),
    }
    return tuple(k for k in MUTATION_KINDS if possible[k])


class _Mutation:
    """The base report, the predictor, and the changes made to it."""

    def __init__(self, plan: Plan, base: Drawn) -> None:
        self.plan = plan
        self.base = base
        self.stated = frozenset(s.rule for s in base.stated)

    def failures(self, new: Mapping[str, Number | None], quotes: tuple[Quote, ...] | None = None) -> bool:
        """Whether cells ``new`` fail some rule (the prose unchanged)."""
        quotes = self.base.quotes if quotes is None else quotes
        return bool(expected(self.plan, self.base.values, new, quotes, self.stated)[0])

    def row_of(self, ptr: str) -> tuple[str, ...]:
        return next((row for row in self.plan.rows if ptr in row), ())

    def swap_partners(self, a: str) -> list[str]:
        """Cells whose swap with ``a`` changes something a rule sees: different value, and not cancelling out (two
        parts of one sum swapped leave it right). Same row first, as a typist's swap would."""
        values = self.base.values
        row = self.row_of(a)
        return [
            b
            for b in sorted(self.plan.checked, key=lambda p: p not in row)  # stable: document order within
            if values[b] != values[a] and self.failures({**values, a: values[b], b: values[a]})
        ]

    def split(self, row: tuple[str, ...], i: int, k: int) -> Cells:
        values = self.base.values
        digits = str(values[row[i]])
        parts: list[Number | None] = [int(digits[:k]), int(digits[k:])]
        shifted = [values[p] for p in row[:i]] + parts + [values[p] for p in row[i + 1 :]]
        return {**values, **dict(zip(row, shifted[: len(row)], strict=True))}

    def split_candidates(self) -> list[tuple[tuple[str, ...], int, int]]:
        values = self.base.values
        return [
            (row, i, k)
            for row in self.plan.rows
            for i, p in enumerate(row[:-1])
            for k in range(1, len(str(values[p])))
            if self.failures(self.split(row, i, k))
        ]


def _changed_value(draw: st.DrawFn, old: Number) -> Number:
    new = skip(draw(ints(0, max(2 * int(old), 20))), (old,))
    return Decimal(new) if isinstance(old, Decimal) else new


@st.composite
def _mutate(draw: st.DrawFn, plan: Plan, base: Drawn, kind: MutationKind) -> Mutant:  # noqa: PLR0912, PLR0915 - a branch per kind
    m = _Mutation(plan, base)
    values = base.values
    new: Cells = dict(values)
    texts = dict(base.texts)
    quotes = base.quotes
    stated = m.stated
    if kind == "changed_cell":
        p = draw(pick(plan.checked))
        old = typing.cast("Number", values[p])
        new[p] = _changed_value(draw, old)
        description = f"{p}: {old} → {new[p]}"
    elif kind == "negative_cell":
        p = draw(pick(tuple(p for p in plan.checked if plan.kinds[p] != "signed_count")))
        new[p] = -draw(ints(1, 100))
        description = f"{p}: {values[p]} → {new[p]}"
    elif kind == "swapped_cells":
        distinct = plan.checked if len({values[p] for p in plan.checked}) > 1 else ()
        start = draw(ints(0, max(len(distinct) - 1, 0)))
        # From a drawn cell on, the first that has a partner (nearly always the drawn one).
        a = next((p for p in (*distinct[start:], *distinct[:start]) if m.swap_partners(p)), None)
        if a is None:
            reject()
        b = draw(st.sampled_from(m.swap_partners(a)))
        new[a], new[b] = values[b], values[a]
        description = f"swapped {a} ({values[a]}) and {b} ({values[b]})"
    elif kind == "split_cell":
        candidates = m.split_candidates()
        if not candidates:
            reject()
        row, i, k = draw(st.sampled_from(candidates))
        new = m.split(row, i, k)
        digits = str(values[row[i]])
        description = f"{row[i]}: {digits} split into {digits[:k]} and {digits[k:]}, the rest shifted right"
    elif kind == "merged_cells":
        row = draw(pick(plan.rows))
        i = draw(ints(0, len(row) - 2))
        merged = int(f"{values[row[i]]}{values[row[i + 1]]}")
        shifted = [values[p] for p in row[:i]] + [merged] + [values[p] for p in row[i + 2 :]] + [None]
        new.update(zip(row, shifted, strict=True))
        description = f"{row[i]} and {row[i + 1]} read as one number {merged}, the rest shifted left"
    elif kind == "shifted_left":
        row = draw(pick(plan.rows))
        # The cell that vanishes was printed empty; in a valid report that is usually a 0.
        zeros = [i for i, p in enumerate(row[:-1]) if values[p] == 0]
        i = draw(st.sampled_from(zeros)) if zeros else draw(ints(0, len(row) - 2))
        shifted = [values[p] for p in row[:i]] + [values[p] for p in row[i + 1 :]] + [None]
        new.update(zip(row, shifted, strict=True))
        description = f"{row[i]} vanished, the values after it moved one column left"
    elif kind == "blank_total":
        p = draw(pick(plan.totals))
        new[p] = None
        description = f"{p} left blank"
    elif kind == "quoted_count":
        quote = draw(st.sampled_from([q for q in quotes if q.span is not None]))
        assert quote.span is not None  # noqa: S101 - narrowing
        sums = [sum(typing.cast("Number", values[p]) for p in alternative) for alternative in quote.equals]
        wrong = skip(draw(ints(0, max(2 * quote.value, 20))), (*sums, quote.value))
        start, end = quote.span
        text = typing.cast("str", texts[quote.section])
        texts[quote.section] = text[:start] + str(wrong) + text[end:]
        quotes = tuple(attrs.evolve(q, value=wrong) if q is quote else q for q in quotes)
        description = f"the number quoted in /{quote.section} ({quote.name}): {quote.value} → {wrong}"
    else:  # fee_dropped
        sentence = draw(st.sampled_from(base.stated))
        start, end = sentence.span
        text = typing.cast("str", texts[sentence.section])
        remaining = (text[:start] + text[end:]).strip("\n")
        bank = plan.prose.filler.get("other", ())
        if not remaining.strip() and bank:
            # a section left empty would also be reported as saying nothing: keep the one fault, say something else
            remaining = draw(st.sampled_from(bank))
        texts[sentence.section] = remaining
        stated = stated - {sentence.rule}
        description = f"the sentence that states {sentence.states} removed from /{sentence.section}"
    failures, not_assessable = expected(plan, values, new, quotes, stated)
    if not failures:
        reject()  # a change no rule sees (rare: a sum whose changes cancel out)
    changed = {p for p in plan.pointers if new[p] != values[p]}
    changed.update("/" + key for key, text in texts.items() if text != base.texts[key])
    prose = {key: text for key, text in texts.items() if text != base.texts[key]}
    broken = attrs.evolve(base.report, **prose, **assemble_tables(plan, new))
    return Mutant(
        report=broken,
        original=base.report,
        kind=kind,
        description=description,
        changed=frozenset(changed),
        failures=failures,
        not_assessable=not_assessable,
    )


def mutants(
    edition: str = DEFAULT_EDITION,
    *,
    kinds: Collection[MutationKind] | None = None,
    shape: Shape | None = None,
) -> st.SearchStrategy[Mutant]:
    """Valid reports broken in one realistic way, each with exactly the findings a validator must report.

    The expected findings are predicted from the rules' declarations (an equation fails when its sides differ
    and is not assessable when a cell it reads is missing; a stated number is compared with its claim's sums;
    a statement's sentence must be there; presence and range rules read each cell), never by running the
    validator. Every mutant changes something a rule sees: a swap of two equal cells is never drawn.

    Args:
        edition: the edition's name (any registered edition).
        kinds: the kinds of mutation to draw (see :class:`Mutant`); ``None`` for every kind the edition's rules
            can catch.
        shape: the shape of the valid reports that are broken (see :func:`reports`).

    Returns:
        A strategy of :class:`Mutant`.

    Raises:
        UnknownEditionError: ``edition`` is not registered.
        StrategyArgumentError: an unknown kind or shape, no kinds, or a kind the edition's rules cannot catch.
    """
    plan = plan_for(edition)
    chosen = choose("kinds", MUTATION_KINDS, kinds)
    possible = applicable(plan)
    if kinds is None:
        chosen = possible
        if not chosen:
            msg = f"the rules of edition {edition!r} catch no kind of mutant"
            raise StrategyArgumentError(msg)
    elif unusable := [k for k in chosen if k not in possible]:
        msg = f"the rules of edition {edition!r} cannot catch mutants of kind {', '.join(unusable)}"
        raise StrategyArgumentError(msg)
    shapes = check_shape(shape)

    @st.composite
    def draw_mutant(draw: st.DrawFn) -> Mutant:
        kind = draw(st.sampled_from(chosen))
        base = draw(drawn(plan, shape=draw(shapes), ensure=_ENSURE.get(kind)))
        return draw(_mutate(plan, base, kind))

    return draw_mutant()
