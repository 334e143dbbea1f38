"""The edition, read once: its cells, its rules' equations solved for construction, and its prose.

Everything the strategies draw is derived from the edition declaration (:func:`govreport.editions.get_edition`)
and its compiled rules (:func:`govreport.rules.rules_for`, rule packs included); nothing here knows an edition.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from govreport.editions import Edition, get_edition
from govreport.editions._rules import Equation, EquationRule, PresenceRule, RangeRule, StatementRule
from govreport.editions._spec import CellKind
from govreport.rules import RuleSet, rules_for
from govreport.strategies._common import StrategyArgumentError
from govreport.strategies._prose import ProsePlan, prose_plan
from govreport.strategies._solve import Equation as Form
from govreport.strategies._solve import Solution, UnsolvableError, equation, solve

__all__ = ["Draws", "Plan", "plan_for"]

#: The prefix of the parameters that stand for the previous year's cells, and for the offsets that break a
#: continuity equation on purpose.
PREVIOUS = "previous:"
OFFSET = "offset:"


@attrs.frozen(kw_only=True)
class Draws:
    """How the free cells of one table are drawn (see :mod:`govreport.strategies._values`).

    Attributes:
        first: free counts in equations, in the first column of their row (自然人 in table 三 of 2021).
        others: free counts in equations in the other columns, one tuple per column position.
        rest: every other free cell of the table, with its kind.
    """

    first: tuple[str, ...]
    others: tuple[tuple[str, ...], ...]
    rest: tuple[tuple[str, CellKind], ...]


@attrs.frozen(kw_only=True, eq=False)
class Plan:
    """One edition, read for the strategies.

    Attributes:
        edition: the declaration.
        ruleset: the compiled rules (the edition's own and those of rule packs).
        pointers: every cell, in document order.
        kinds: each cell's column kind.
        equations: the equations within one report, with their rule ids.
        by_cell: for each cell, the indices of the equations it appears in.
        continuity: the equations over two years, with their rule ids.
        presence: the ids of the rules that report a missing cell.
        ranges: ``(rule id, cells, minimum)`` of each range rule.
        statements: the statement rules, by id.
        checked: the cells that some equation reads, in document order.
        rows: the rows of counts that some equation reads, each as its cells left to right.
        totals: the cells that are alone on the actual side of an equation (a total a report may leave blank).
        single: the equations of one report, solved.
        pair: the equations of a report and the previous year's, solved (``None`` without continuity rules).
        breakable: for each continuity rule, the indices of its equations that can be broken on their own.
        bump: the free cell raised to make a two-digit value or two different values exist.
        draws: for each solution, how its free cells are drawn, table by table.
        prose: the claims and statements, read back.
    """

    edition: Edition
    ruleset: RuleSet
    pointers: tuple[str, ...]
    kinds: Mapping[str, CellKind]
    equations: tuple[tuple[str, Equation], ...]
    by_cell: Mapping[str, tuple[int, ...]]
    continuity: tuple[tuple[str, Equation], ...]
    presence: tuple[str, ...]
    ranges: tuple[tuple[str, tuple[str, ...], int], ...]
    statements: Mapping[str, StatementRule]
    checked: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    totals: tuple[str, ...]
    single: Solution
    pair: Solution | None
    breakable: Mapping[str, tuple[int, ...]]
    bump: str | None
    draws: tuple[tuple[Solution, tuple[Draws, ...]], ...]
    prose: ProsePlan

    def draws_for(self, solution: Solution) -> tuple[Draws, ...]:
        """How the free cells of ``solution`` are drawn."""
        return next(draws for s, draws in self.draws if s is solution)


def _term_var(pointer: str, *, previous: bool) -> str:
    return PREVIOUS + pointer if previous else pointer


def _draws(
    edition: Edition, solution: Solution, checked: frozenset[str], kinds: Mapping[str, CellKind]
) -> tuple[Draws, ...]:
    free = frozenset(solution.free)
    out = []
    for table in edition.tables:
        first: list[str] = []
        others: dict[int, list[str]] = {}
        rest: list[tuple[str, CellKind]] = []
        for line in table.lines:
            for position, column in enumerate(line.columns):
                p = line.cell_pointer(column)
                if p not in free:
                    continue
                if p in checked and column.kind == "count":
                    (first if position == 0 else others.setdefault(position, [])).append(p)
                else:
                    rest.append((p, kinds[p]))
        out.append(
            Draws(first=tuple(first), others=tuple(tuple(v) for _, v in sorted(others.items())), rest=tuple(rest))
        )
    return tuple(out)


def _build(ruleset: RuleSet) -> Plan:
    edition = ruleset.edition_spec
    pointers = tuple(edition.cell_pointers())
    kinds: dict[str, CellKind] = {}
    for table in edition.tables:
        for line, column in table.cells():
            kinds[line.cell_pointer(column)] = column.kind
    specs = [r.spec for r in ruleset]
    equations = tuple(
        (s.id, eq) for s in specs if isinstance(s, EquationRule) and not s.needs_previous for eq in s.equations
    )
    continuity = tuple(
        (s.id, eq) for s in specs if isinstance(s, EquationRule) and s.needs_previous for eq in s.equations
    )
    by_cell: dict[str, tuple[int, ...]] = {}
    for i, (_, eq) in enumerate(equations):
        for p in dict.fromkeys(eq.pointers):
            by_cell[p] = (*by_cell.get(p, ()), i)
    order = {p: i for i, p in enumerate(pointers)}
    signed = frozenset(p for p, k in kinds.items() if k == "signed_count")
    non_negative = frozenset(pointers) - signed

    def forms(eqs: tuple[tuple[str, Equation], ...], *, offsets: bool) -> list[Form]:
        out = []
        for i, (_, eq) in enumerate(eqs):
            actual = [(_term_var(t.pointer, previous=t.previous), t.coefficient) for t in eq.actual]
            expected = [(_term_var(t.pointer, previous=t.previous), t.coefficient) for t in eq.expected]
            if offsets:
                expected.append((f"{OFFSET}{i}", 1))
            out.append(equation(actual, expected))
        return out

    try:
        single = solve(
            forms(equations, offsets=False), order=order, cells=pointers, non_negative=non_negative, signed=signed
        )
        pair = None
        breakable: dict[str, tuple[int, ...]] = {}
        if continuity:
            params = [v for f in forms(continuity, offsets=True) for v in f.coefficients if v not in order]
            offsets = frozenset(v for v in params if v.startswith(OFFSET))
            pair_order = {**order, **{v: len(order) + i for i, v in enumerate(dict.fromkeys(params))}}
            pair = solve(
                [*forms(equations, offsets=False), *forms(continuity, offsets=True)],
                order=pair_order,
                cells=pointers,
                non_negative=non_negative,
                signed=signed | offsets,
                fixed=frozenset(v for v in params if v.startswith(PREVIOUS)),
                last_resort=offsets,
            )
            owners = pair.owners[len(equations) :]
            for i, ((rule_id, _), owner) in enumerate(zip(continuity, owners, strict=True)):
                expression = pair.expression(owner) if owner is not None and owner in order else None
                if expression is not None and abs(expression.coefficient(f"{OFFSET}{i}")) == 1:
                    breakable[rule_id] = (*breakable.get(rule_id, ()), i)
    except UnsolvableError as e:
        msg = f"the equations of edition {edition.name!r} cannot be solved for construction: {e}"
        raise StrategyArgumentError(msg) from e
    checked = tuple(p for p in pointers if p in by_cell)
    checked_set = frozenset(checked)
    rows = tuple(
        cells
        for line in edition.lines()
        if all(c.kind == "count" for c in line.columns)
        and len(cells := tuple(line.cell_pointer(c) for c in line.columns)) > 1
        and checked_set.intersection(cells)
    )
    alone = {eq.actual[0].pointer for _, eq in equations if len(eq.actual) == 1}
    totals = tuple(p for p in pointers if p in alone and kinds[p] == "count")
    lowered = {v for _, expr in single.pivots for v, c in expr.terms if c < 0}
    bump = next((p for p in single.free if p in checked_set and p not in lowered and kinds[p] == "count"), None)
    draws = tuple((s, _draws(edition, s, checked_set, kinds)) for s in (single, pair) if s is not None)
    return Plan(
        edition=edition,
        ruleset=ruleset,
        pointers=pointers,
        kinds=kinds,
        equations=equations,
        by_cell=by_cell,
        continuity=continuity,
        presence=tuple(s.id for s in specs if isinstance(s, PresenceRule)),
        ranges=tuple((s.id, s.reads(edition), s.minimum) for s in specs if isinstance(s, RangeRule)),
        statements={s.id: s for s in specs if isinstance(s, StatementRule)},
        checked=checked,
        rows=rows,
        totals=totals,
        single=single,
        pair=pair,
        breakable=breakable,
        bump=bump,
        draws=draws,
        prose=prose_plan(ruleset),
    )


_PLANS: dict[str, tuple[RuleSet, Plan]] = {}


def plan_for(name: str) -> Plan:
    """The plan of edition ``name`` (built once per compiled rule set, so a new rule pack is seen).

    Raises:
        UnknownEditionError: no edition of that name is registered.
        StrategyArgumentError: the edition's equations or examples cannot be used for construction.
    """
    get_edition(name)  # an unregistered name raises UnknownEditionError, naming the known ones
    ruleset = rules_for(name)
    found = _PLANS.get(name)
    if found is None or found[0] is not ruleset:
        found = _PLANS[name] = (ruleset, _build(ruleset))
    return found[1]
