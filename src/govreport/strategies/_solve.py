"""Solving an edition's equations for construction: which cells are drawn, and which follow from them.

Every equation of the rules is linear (``Σ c·actual = Σ c·expected``), so the cells that a valid report may
choose freely and the ones its equations then determine are found by Gaussian elimination. At each step, among
all equations not solved yet (with the cells solved so far substituted), one is solved for one of its cells (its
*pivot*): the one whose expression has the fewest negative terms (a total is a sum of parts, so totals go
first; then 一、本年新收 of the 2021 table becomes outcomes + carried forward − carried over), then a cell of the
equation's actual side, then the first in document order. Every pivot ends as an integer combination of free
variables: drawn cells and *parameters* (the previous year's cells, and the offsets that break a continuity
equation on purpose).

A non-negative pivot that comes out negative is *repaired*: a free cell with a positive coefficient in it, and
a negative one in no other non-negative pivot, is raised by the deficit. Raising it lowers nothing, so one pass
repairs every pivot.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from fractions import Fraction

import attrs

from govreport.strategies._common import Number

__all__ = ["Linear", "Solution", "UnsolvableError", "solve"]


class UnsolvableError(ValueError):
    """The equations cannot be solved for construction (a coefficient that leaves fractions, or equations that
    contradict each other)."""


@attrs.frozen(kw_only=True)
class Linear:
    """``Σ coefficient × variable``, over free variables."""

    terms: tuple[tuple[str, int], ...]

    def value(self, values: Mapping[str, Number]) -> Number:
        """The value for the free variables' ``values``."""
        total: Number = 0
        for var, coefficient in self.terms:
            total += coefficient * values[var]
        return total

    def coefficient(self, var: str) -> int:
        """The coefficient of ``var`` (0 when absent)."""
        return next((c for v, c in self.terms if v == var), 0)


@attrs.frozen(kw_only=True)
class Equation:
    """One equation to solve: ``Σ coefficients[var] × var = 0``; ``actual`` are the variables of its actual side,
    preferred as the pivot."""

    coefficients: Mapping[str, int]
    actual: frozenset[str]


@attrs.frozen(kw_only=True, eq=False)
class Solution:
    """Which variables are free, and each pivot as a combination of free ones.

    Attributes:
        pivots: each solved variable and its expression, in the order they were solved.
        owners: for each equation (by its index in the input), the variable it was solved for, or ``None`` when
            the earlier equations implied it.
        free: the free cells (not parameters), in document order.
        repairs: for each non-negative pivot that can come out negative, the free cells that may raise it, the
            pivots with the fewest terms first.
    """

    pivots: tuple[tuple[str, Linear], ...]
    owners: tuple[str | None, ...]
    free: tuple[str, ...]
    repairs: Mapping[str, tuple[str, ...]]

    def complete(self, values: dict[str, Number]) -> None:
        """Add the value of every pivot to ``values`` (which holds every free variable)."""
        for var, expression in self.pivots:
            values[var] = expression.value(values)

    def expression(self, var: str) -> Linear | None:
        """The expression of pivot ``var``, or ``None`` when it is free."""
        return dict(self.pivots).get(var)


#: A coefficient while solving: an int, a Fraction only where a division is not exact.
Coefficient = int | Fraction


def _quotient(c: Coefficient, a: Coefficient) -> Coefficient:
    """``c / a``, an int when exact (ints are several times faster than fractions)."""
    if isinstance(c, int) and isinstance(a, int) and c % a == 0:
        return c // a
    return Fraction(c) / a


def _substitute(
    form: Mapping[str, Coefficient], pivots: Mapping[str, dict[str, Coefficient]]
) -> dict[str, Coefficient]:
    out: dict[str, Coefficient] = {}
    for var, c in form.items():
        for v, d in pivots[var].items() if var in pivots else ((var, 1),):
            out[v] = out.get(v, 0) + c * d
    return {v: c for v, c in out.items() if c}


def solve(
    equations: Sequence[Equation],
    *,
    order: Mapping[str, int],
    cells: Collection[str],
    non_negative: Collection[str],
    signed: Collection[str] = frozenset(),
    fixed: Collection[str] = frozenset(),
    last_resort: Collection[str] = frozenset(),
) -> Solution:
    """Solve ``equations`` for construction.

    Args:
        equations: the equations (on a tie, the earlier one is solved first).
        order: every variable's position (document order for cells; parameters after them).
        cells: every cell of the edition (the variables that are not parameters, free or not).
        non_negative: the cells that must not be negative.
        signed: the variables that may be negative (signed cells, offsets): they count as negative terms.
        fixed: parameters that are never solved for (the previous year's cells).
        last_resort: parameters solved for only when an equation has no cell left (the offset of a continuity
            equation that the other equations imply).

    Raises:
        UnsolvableError: the equations contradict each other or leave fractions.
    """
    pivots: dict[str, dict[str, Coefficient]] = {}
    owners: list[str | None] = [None] * len(equations)
    remaining: dict[int, dict[str, Coefficient]] = {i: dict(eq.coefficients) for i, eq in enumerate(equations)}
    best: dict[int, tuple[_Key, str]] = {}  # each equation's best pivot, until it changes
    while True:
        for i in [i for i, form in remaining.items() if not form]:
            del remaining[i]  # implied by the equations solved before it
            best.pop(i, None)
        if not remaining:
            break
        for i, form in remaining.items():
            if i not in best:
                best[i] = _pivot(
                    equations[i], i, form, order=order, signed=signed, fixed=fixed, last_resort=last_resort
                )
        i = min(best, key=lambda j: best[j][0])
        var = best.pop(i)[1]
        form = remaining.pop(i)
        solved = {u: _quotient(-c, form[var]) for u, c in form.items() if u != var}
        pivots.update({p: _substitute(e, {var: solved}) for p, e in pivots.items() if var in e})
        for j in [j for j, f in remaining.items() if var in f]:
            remaining[j] = _substitute(remaining[j], {var: solved})
            best.pop(j, None)
        pivots[var] = solved
        owners[i] = var
    linear: dict[str, Linear] = {}
    for var, expr in pivots.items():
        if any(c.denominator != 1 for c in expr.values()):
            msg = f"solving for {var} leaves fractions: {expr}"
            raise UnsolvableError(msg)
        terms = tuple(sorted(((v, int(c)) for v, c in expr.items()), key=lambda t: order[t[0]]))
        linear[var] = Linear(terms=terms)
    free = tuple(sorted((c for c in cells if c not in linear), key=order.__getitem__))
    return Solution(
        pivots=tuple(linear.items()),
        owners=tuple(owners),
        free=free,
        repairs=_repairs(linear, free, non_negative=non_negative, signed=signed, unchecked=last_resort),
    )


_Key = tuple[bool, bool, int, bool, int, int]


def _pivot(
    eq: Equation,
    index: int,
    form: Mapping[str, Coefficient],
    *,
    order: Mapping[str, int],
    signed: Collection[str],
    fixed: Collection[str],
    last_resort: Collection[str],
) -> tuple[_Key, str]:
    """The variable to solve equation ``index`` for, and how good a choice it is (the least key is solved
    first; see the module's docstring)."""
    pool = [v for v in form if v not in fixed]
    if not pool:
        msg = f"an equation over {sorted(eq.coefficients)} reads only fixed values"
        raise UnsolvableError(msg)
    # Solving for v negates the terms whose sign is v's own: count them, signed variables always.
    counted = {1: {u for u, c in form.items() if c > 0 or u in signed}}
    counted[-1] = {u for u, c in form.items() if c < 0 or u in signed}
    keys = []
    for v in pool:
        sign = 1 if form[v] > 0 else -1
        negatives = len(counted[sign]) - (v in counted[sign])
        keys.append(((v in last_resort, abs(form[v]) != 1, negatives, v not in eq.actual, order[v], index), v))
    return min(keys)


def _repairs(
    linear: Mapping[str, Linear],
    free: Collection[str],
    *,
    non_negative: Collection[str],
    signed: Collection[str],
    unchecked: Collection[str],
) -> dict[str, tuple[str, ...]]:
    """For each non-negative pivot that can come out negative, the free cells that raise it and lower no other
    non-negative pivot; the pivots with the fewest terms first (a total of repaired parts needs no repair).

    Raises:
        UnsolvableError: a pivot can come out negative, and no free cell raises it alone.
    """
    checked = sorted((v for v in linear if v in non_negative), key=lambda v: len(linear[v].terms))
    lowered = {v for p in checked for v, c in linear[p].terms if c < 0}
    repairs: dict[str, tuple[str, ...]] = {}
    for p in checked:
        terms = linear[p].terms
        # An offset is drawn so that the pivot it breaks stays non-negative: it needs no raiser.
        if any((c < 0 or v in signed) and v not in unchecked for v, c in terms):
            raisers = tuple(v for v, c in terms if c > 0 and v in free and v not in lowered and v not in signed)
            if not raisers:
                msg = f"{p} can come out negative, and no free cell raises it alone"
                raise UnsolvableError(msg)
            repairs[p] = raisers
    return repairs


def equation(actual: Iterable[tuple[str, int]], expected: Iterable[tuple[str, int]]) -> Equation:
    """``Σ actual = Σ expected`` over ``(variable, coefficient)`` pairs, as one form ``Σ actual − Σ expected``."""
    coefficients: dict[str, int] = {}
    sides = []
    for sign, terms in ((1, actual), (-1, expected)):
        listed = list(terms)
        sides.append(listed)
        for var, c in listed:
            coefficients[var] = coefficients.get(var, 0) + sign * c
    return Equation(
        coefficients={v: c for v, c in coefficients.items() if c},
        actual=frozenset(v for v, _ in sides[0]),
    )
