"""An oracle for diagnosis that knows no linear algebra: it asks :func:`govreport.validate` instead.

The diagnosis tests and ``benchmarks/bench_diagnose.py`` need to know, independently of
:mod:`govreport.rules._diagnose`, which corrections make every equation of a report hold. The oracle finds out by
probing: it sets the cells in question to 0 and to 1, reads the ``difference`` of every failing equation finding
(each is an affine function of the probed cells), solves for the values that make them all 0, and checks the
corrected report with ``validate`` again (equations, and the range rule: no negative count).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

import govreport
from govreport.errors import ReportEditError
from govreport.findings import Status

Key = tuple[str, tuple[str, ...]]
Number = Any  # int or Decimal


def checked_rules(edition: str) -> tuple[str, ...]:
    """The rules the oracle checks: every equation rule and every range rule of ``edition``."""
    return tuple(r.id for r in govreport.rules_for(edition) if r.kind in {"equation", "range"})


@functools.cache
def equation_cells(edition: str) -> tuple[str, ...]:
    """Every cell that some equation of ``edition`` over one year's report reads, in document order."""
    ruleset = govreport.rules_for(edition)
    read = {
        p for r in ruleset if r.kind == "equation" and not r.needs_previous for eq in r.equations for p in eq.pointers
    }
    return tuple(p for p in ruleset.pointers if p in read)


def failures(report: Any) -> dict[Key, Any]:
    """``(rule, pointers) → difference`` of every failing equation of ``report``; not-assessable ones as None."""
    ruleset = govreport.rules_for(report.edition)
    equations = {r.id for r in ruleset if r.kind == "equation"}
    out: dict[Key, Any] = {}
    for f in govreport.validate(report, select=checked_rules(report.edition)).findings:
        if f.rule in equations:
            out[(f.rule, f.pointers)] = f.difference if f.status is Status.FAIL else None
        elif f.status is Status.FAIL:
            out[(f.rule, f.pointers)] = "range"
    return out


def holds(report: Any) -> bool:
    """Every equation and range rule holds and can be assessed."""
    return not failures(report)


def _evolve(report: Any, changes: Mapping[str, Any]) -> Any | None:
    try:
        return report.evolve(dict(changes))
    except ReportEditError:
        return None  # e.g. a fraction for a count


def solve(report: Any, unknowns: Sequence[str], fixed: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """The one assignment of the ``unknowns`` that, with ``fixed`` applied, makes every equation and range rule of
    ``report`` hold; ``None`` when there is none, or more than one."""
    fixed = dict(fixed or {})
    probes = []
    points = [tuple(int(i == k) for i in range(len(unknowns))) for k in range(-1, len(unknowns))]
    for point in points:
        probe = _evolve(report, {**fixed, **dict(zip(unknowns, point, strict=True))})
        if probe is None:
            return None
        probes.append(failures(probe))
    if any(d is None for p in probes for d in p.values()):
        return None  # a cell outside the unknowns is missing: the probes cannot see every equation
    keys = {k for p in probes for k, d in p.items() if d != "range"}
    rows = []
    for key in keys:
        d0 = Fraction(probes[0].get(key, 0))
        rows.append([*(Fraction(p.get(key, 0)) - d0 for p in probes[1:]), d0])
    solution = _linear(rows, len(unknowns))
    if solution is None:
        return None
    values: dict[str, Any] = {}
    for ptr, y in zip(unknowns, solution, strict=True):
        if y.denominator != 1:
            return None
        values[ptr] = int(y)
    corrected = _evolve(report, {**fixed, **values})
    return values if corrected is not None and holds(corrected) else None


def _linear(rows: list[list[Fraction]], n: int) -> list[Fraction] | None:
    """The one solution of ``Σ row[k] y_k + row[n] = 0`` over the rows (Gauss–Jordan on fractions), else None."""
    rows = [list(r) for r in rows]
    pivots: list[int] = []
    for col in range(n):
        found = next((i for i in range(len(pivots), len(rows)) if rows[i][col] != 0), None)
        if found is None:
            return None  # not determined
        top = len(pivots)
        rows[top], rows[found] = rows[found], rows[top]
        rows[top] = [x / rows[top][col] for x in rows[top]]
        for i in range(len(rows)):
            if i != top and rows[i][col] != 0:
                rows[i] = [x - rows[i][col] * y for x, y in zip(rows[i], rows[top], strict=True)]
        pivots.append(col)
    if any(r[n] != 0 for r in rows[n:]):
        return None  # inconsistent
    return [-rows[k][n] for k in range(n)]


def single_cell_corrections(report: Any) -> set[tuple[str, Any]]:
    """Every ``(pointer, value)`` such that changing that one published cell to that value makes every equation
    hold (the report must be complete)."""
    failing = [set(ptrs) for (_, ptrs), d in failures(report).items()]
    if not failing:
        return set()
    cells = govreport.rules_for(report.edition).read_cells(report)
    out = set()
    for ptr in sorted(set.intersection(*failing)):
        found = solve(report, [ptr])
        if found is not None and found[ptr] != cells[ptr]:
            out.add((ptr, found[ptr]))
    return out


# --- every hypothesis of the diagnosis, by brute force ---------------------------------------------------------

State = frozenset[tuple[str, Any]]


def printed_rows(edition: str) -> list[tuple[list[str], list[int]]]:
    """The value cells of every printed row of the official grid, and the positions at which a line ends."""
    out = []
    for table in govreport.get_edition(edition).tables:
        for grid_row in table.grid:
            cells = [c.pointer for c in grid_row if c.pointer is not None]
            ends = [
                k
                for k in range(len(cells))
                if k == len(cells) - 1 or cells[k].rpartition("/")[0] != cells[k + 1].rpartition("/")[0]
            ]
            if len(cells) > 1:
                out.append((cells, ends))
    return out


def _row_hypotheses(
    cells: list[str], ends: list[int], v: Mapping[str, Any]
) -> Iterator[tuple[dict[str, Any], list[str]]]:
    """(new values, cells to solve for) of every shift, merge and split of a printed row (see docs/explanation)."""
    for j in ends:
        for i in range(j):
            yield {cells[k]: v[cells[k - 1]] for k in range(i + 1, j + 1)}, [cells[i]]  # a value vanished at i
            yield {cells[k]: v[cells[k + 1]] for k in range(i, j)}, [cells[j]]  # a value crept in at i
            a, b = v[cells[i]], v[cells[i + 1]]
            if isinstance(a, int) and a >= 10:
                digits = str(a)
                rest = {cells[k]: v[cells[k - 1]] for k in range(i + 2, j + 1)}
                for cut in range(1, len(digits)):
                    if len(digits[cut:]) == 1 or not digits[cut:].startswith("0"):
                        yield {cells[i]: int(digits[:cut]), cells[i + 1]: int(digits[cut:]), **rest}, []
            if isinstance(a, int) and isinstance(b, int) and a > 0 and b >= 0:
                rest = {cells[k]: v[cells[k + 1]] for k in range(i + 1, j)}
                for zeros in ("", "0", "00"):
                    yield {cells[i]: int(f"{a}{zeros}{b}"), **rest}, [cells[j]]


def _state(report: Any, fixed: Mapping[str, Any], unknowns: Sequence[str], cells: Mapping[str, Any]) -> State | None:
    """The corrected report's changed cells, when ``fixed`` and the solved ``unknowns`` (with every cell still
    missing) make every equation hold with one solution."""
    after = {**cells, **fixed}
    missing = [p for p in equation_cells(report.edition) if after[p] is None and p not in unknowns]
    solved = solve(report, [*unknowns, *missing], {k: val for k, val in fixed.items() if val is not None})
    if solved is None:
        return None
    final = {**after, **solved}
    return frozenset((p, final[p]) for p in final if final[p] != cells[p])


def smallest_explanations(report: Any) -> tuple[int, set[State]]:
    """(size, states) of the smallest explanations among one cell, two cells and the printed rows' shifts, merges
    and splits, found by brute force and ``validate``: each state the changed cells with their corrected values,
    size the number of published cells changed."""
    cells = govreport.rules_for(report.edition).read_cells(report)
    failing = [set(ptrs) for (_, ptrs), d in failures(report).items() if d is not None]
    if not failing:
        return 0, set()
    found: dict[State, int] = {}

    def keep(state: State | None) -> None:
        if state:
            found[state] = sum(1 for p, _ in state if cells[p] is not None)

    for ptr in sorted(set.intersection(*failing)):
        if cells[ptr] is not None:
            keep(_state(report, {}, [ptr], cells))
    if not found:
        for a, b in _pairs(report, failing):
            if cells[a] is not None and cells[b] is not None:
                keep(_state(report, {}, [a, b], cells))
        for row, ends in printed_rows(report.edition):
            if all(f & set(row) for f in failing):
                for fixed, unknowns in _row_hypotheses(row, ends, cells):
                    moved = {p for p, val in fixed.items() if val != cells[p]}.union(unknowns)
                    if all(f & moved for f in failing):  # else a failing equation stays as it is
                        keep(_state(report, fixed, unknowns, cells))
    if not found:
        return 0, set()
    size = min(found.values())
    return size, {s for s, n in found.items() if n == size}


def _pairs(report: Any, failing: list[set[str]]) -> list[tuple[str, str]]:
    """The pairs of cells that may explain the failing equations together: between them they are in every failing
    equation, and an equation that holds and can be assessed holds both or neither (else it would break)."""
    broken = set(failures(report))
    holding = [
        set(eq.pointers)
        for rule in govreport.rules_for(report.edition)
        if rule.kind == "equation" and not rule.needs_previous
        for eq in rule.equations
        if (rule.id, eq.pointers) not in broken
    ]
    pairs = set()
    for a in min(failing, key=len):
        rest = [f for f in failing if a not in f]
        partners = set.intersection(*rest) if rest else set().union(*(h for h in holding if a in h))
        for b in partners - {a}:
            if all((a in h) == (b in h) for h in holding if a in h or b in h):
                pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)
