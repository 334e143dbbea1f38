"""What the rules must find, predicted from their declarations (never by running the validator).

Each rule kind is evaluated as :mod:`govreport.editions._rules` and the engine's documentation define it:

- an equation fails when ``Σ actual ≠ Σ expected`` and is not assessable when one of its cells is missing;
- a stated number holds when it equals one of its claim's sums whose cells are all present; otherwise it is not
  assessable when some sum has a missing cell, and fails when every sum is complete;
- a statement fails when its sentence is not in its section;
- a missing cell fails the presence rules, a value below the minimum the range rules.

Custom rules (:class:`~govreport.editions._rules.CustomRule`) are code, not declarations: nothing is predicted
for them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from govreport.editions._rules import Equation
from govreport.strategies._common import Failure, Number
from govreport.strategies._plan import Plan
from govreport.strategies._prose import Quote

__all__ = ["continuity_failures", "expected"]

Values = Mapping[str, Number | None]


def _evaluate(eq: Equation, values: Values, previous: Values | None = None) -> bool | None:
    """Whether ``eq`` holds; ``None`` when a cell it needs is missing."""
    sides: list[Number] = []
    for terms in (eq.actual, eq.expected):
        total: Number = 0
        for t in terms:
            value = (previous or {}).get(t.pointer) if t.previous else values[t.pointer]
            if value is None:
                return None
            total += t.coefficient * value
        sides.append(total)
    return sides[0] == sides[1]


def _claim(quote: Quote, values: Values) -> bool | None:
    """Whether the stated number holds; ``None`` when it cannot be assessed."""
    sums: list[Number | None] = []
    for alternative in quote.equals:
        read = [values[p] for p in alternative]
        sums.append(None if None in read else sum(v for v in read if v is not None))
    if quote.value in [s for s in sums if s is not None]:
        return True
    return None if None in sums else False


def expected(
    plan: Plan,
    base: Values,
    new: Values,
    quotes: Sequence[Quote],
    stated: Collection[str],
) -> tuple[frozenset[Failure], frozenset[str]]:
    """The failures and not-assessable rule ids of a report with cells ``new``, given that the report with cells
    ``base`` satisfied every rule.

    Args:
        plan: the edition.
        base: the cells of the valid report.
        new: the cells of the changed one.
        quotes: the numbers its prose states.
        stated: the ids of the statement rules whose sentence its prose holds.
    """
    failures: set[Failure] = set()
    not_assessable: set[str] = set()
    changed = [p for p in plan.pointers if new[p] != base[p]]
    for rule_id in plan.presence:
        failures.update((rule_id, (p,)) for p in plan.pointers if new[p] is None)
    for rule_id, cells, minimum in plan.ranges:
        failures.update((rule_id, (p,)) for p in cells if (v := new[p]) is not None and v < minimum)
    # Only an equation with a changed cell can have changed: the others held, and still hold.
    for index in sorted({i for p in changed for i in plan.by_cell.get(p, ())}):
        rule_id, eq = plan.equations[index]
        holds = _evaluate(eq, new)
        if holds is None:
            not_assessable.add(rule_id)
        elif not holds:
            failures.add((rule_id, eq.pointers))
    for quote in quotes:
        holds = _claim(quote, new)
        if holds is None:
            not_assessable.add(quote.rule)
        elif not holds:
            failures.add((quote.rule, ("/" + quote.section, *quote.pointers)))
    for rule_id, rule in plan.statements.items():
        if rule_id not in stated:
            failures.add((rule_id, ("/" + rule.section,)))
    return frozenset(failures), frozenset(not_assessable)


def continuity_failures(plan: Plan, previous: Values, current: Values) -> frozenset[Failure]:
    """The failing findings of the equations over two years, for consecutive reports with these cells."""
    return frozenset(
        (rule_id, eq.pointers) for rule_id, eq in plan.continuity if _evaluate(eq, current, previous) is False
    )
