"""An oracle for diagnosis that knows no linear algebra: it asks :func:`govreport.validate` instead.

The diagnosis tests and ``benchmarks/bench_diagnose.py`` need to know, independently of
:mod:`govreport.rules.diagnose`, which corrections make every equation of a report hold. The oracle finds out by
probing: it sets the cells in question to 0 and to 1, reads the ``difference`` of every failing equation finding
(each is an affine function of the probed cells), solves for the values that make them all 0, and checks the
corrected report with ``validate`` again (equations, and the range rule: no negative count).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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


def equation_cells(edition: str) -> list[str]:
    """Every cell that some equation of ``edition`` over one year's report reads, in document order."""
    ruleset = govreport.rules_for(edition)
    read = {
        p for r in ruleset if r.kind == "equation" and not r.needs_previous for eq in r.equations for p in eq.pointers
    }
    return [p for p in ruleset.pointers if p in read]


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
    """The one assignment of the (at most two) ``unknowns`` that, with ``fixed`` applied, makes every equation
    and range rule of ``report`` hold; ``None`` when there is none, or more than one."""
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
        slopes = [Fraction(p.get(key, 0)) - d0 for p in probes[1:]]
        rows.append((slopes, d0))
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


def _linear(rows: Iterable[tuple[list[Fraction], Fraction]], n: int) -> list[Fraction] | None:
    """The one solution of ``Σ slopes[k] y_k + d0 = 0`` over the rows (``n`` is 1 or 2), else None."""
    rows = list(rows)
    if n == 1:
        values = {-d0 / s[0] for s, d0 in rows if s[0] != 0}
        if len(values) != 1 or any(s[0] == 0 and d0 != 0 for s, d0 in rows):
            return None
        return [values.pop()]
    for (a, r), (b, q) in ((x, y) for x in rows for y in rows):
        det = a[0] * b[1] - a[1] * b[0]
        if det != 0:
            y1 = (-r * b[1] + q * a[1]) / det
            y2 = (-a[0] * q + b[0] * r) / det
            if all(s[0] * y1 + s[1] * y2 + d0 == 0 for s, d0 in rows):
                return [y1, y2]
            return None
    return None


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
