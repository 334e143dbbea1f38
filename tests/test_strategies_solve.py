"""Solving declared equations for construction (:mod:`govreport.strategies._solve`): which cells are drawn,
which follow, and how a negative one is repaired."""

from __future__ import annotations

import pytest

from govreport.strategies._solve import Solution, UnsolvableError, equation, solve

ORDER = {v: i for i, v in enumerate(("received", "over", "a", "b", "handled", "forward", "x", "y", "change"))}


Side = list[tuple[str, int]]


def _solve(*equations: tuple[Side, Side], signed: frozenset[str] = frozenset()) -> Solution:
    cells = [v for v in ORDER if any(v in dict(side) for eq in equations for side in eq)]
    return solve(
        [equation(actual, expected) for actual, expected in equations],
        order=ORDER,
        cells=cells,
        non_negative=frozenset(cells) - signed,
        signed=signed,
    )


def test_totals_follow_from_parts_and_the_balance_from_the_rest() -> None:
    """A total is solved as the sum of its parts; the balance then derives 一、本年新收 (received), which may come
    out negative and is repaired by raising a part or what is carried forward, never what is carried over."""
    solution = _solve(
        ([("handled", 1), ("forward", 1)], [("received", 1), ("over", 1)]),
        ([("handled", 1)], [("a", 1), ("b", 1)]),
    )
    pivots = {v: dict(e.terms) for v, e in solution.pivots}
    assert pivots == {"handled": {"a": 1, "b": 1}, "received": {"over": -1, "a": 1, "b": 1, "forward": 1}}
    assert solution.free == ("over", "a", "b", "forward")
    assert solution.repairs == {"received": ("a", "b", "forward")}
    values = {"over": 5, "a": 1, "b": 0, "forward": 0}
    solution.complete(values)
    assert values["received"] == -4  # repaired by the caller with one of the raisers


def test_an_implied_equation_is_skipped_and_its_owner_is_none() -> None:
    """An equation that the others imply gets no pivot."""
    solution = _solve(([("x", 1)], [("a", 1)]), ([("y", 1)], [("a", 1)]), ([("x", 1)], [("y", 1)]))
    assert solution.owners[2] is None
    assert sorted(v for v, _ in solution.pivots) == ["x", "y"]


def test_coefficients_stay_whole_or_the_edition_is_refused() -> None:
    """y = 2x is solved for y; 2x = 3y leaves fractions whichever cell is solved, and is refused."""
    solution = _solve(([("y", 1)], [("x", 2)]))
    assert dict(solution.pivots)["y"].terms == (("x", 2),)
    with pytest.raises(UnsolvableError, match="fractions"):
        _solve(([("x", 2)], [("y", 3)]))


def test_a_signed_cell_is_solved_for_and_an_unraisable_cell_is_refused() -> None:
    """x = change (本年增/减, signed) is solved for the change, which may be negative; x + y = 0 over non-negative
    cells can only come out negative, with no cell to raise, and is refused."""
    solution = _solve(([("x", 1)], [("change", 1)]), signed=frozenset({"change"}))
    assert [v for v, _ in solution.pivots] == ["change"]
    assert solution.repairs == {}
    with pytest.raises(UnsolvableError, match="negative"):
        _solve(([("x", 1), ("y", 1)], []))
