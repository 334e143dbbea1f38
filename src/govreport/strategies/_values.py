"""Cell values by construction, and the model objects built from them.

The free cells of the edition's solved equations (:mod:`govreport.strategies._solve`) are drawn by shape, every
other cell follows from them, and a non-negative cell that came out negative is repaired by raising a free one.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Collection, Mapping
from decimal import ROUND_CEILING, Decimal
from typing import Any, Literal

import attrs
from hypothesis import strategies as st

from govreport.editions import DEFAULT_EDITION, Line, TableSpec
from govreport.editions._spec import CellKind
from govreport.pointers import join as pointer
from govreport.strategies._common import (
    ANY_MAX,
    Cells,
    Number,
    Shape,
    StrategyArgumentError,
    check_shape,
    ints,
    pick,
    skip,
)
from govreport.strategies._plan import OFFSET, PREVIOUS, Plan, plan_for
from govreport.strategies._solve import Solution

__all__ = [
    "amounts",
    "assemble_tables",
    "cells",
    "draw_values",
    "proactive_disclosures",
    "request_rows",
    "request_tables",
    "review_rows",
    "review_tables",
]


# --- one cell ------------------------------------------------------------------------------------------------


@st.composite
def amounts(draw: st.DrawFn, shape: Shape) -> Decimal:
    """An amount as published: 0, 1 or 2 decimal places (0, 7545, 96171.6, 722.61)."""
    if shape == "small" and draw(st.booleans()):
        return Decimal(0)
    places = draw(ints(0, 2))
    high = {"small": 50, "city": 10**5, "any": ANY_MAX}[shape]
    return Decimal(draw(ints(0, high * 10**places))).scaleb(-places)


def _value(kind: CellKind, shape: Shape) -> st.SearchStrategy[Number]:
    """One free cell that no equation reads (or that is not a plain count), by kind and shape."""
    if kind == "amount":
        return amounts(shape)
    high = {"small": 5, "city": 10**4, "any": ANY_MAX}[shape]
    if kind == "signed_count":
        return ints(-high, high)
    return ints(0, high)


def cells(
    kind: Literal["count", "signed_count", "amount"] = "count",
    *,
    shape: Shape | None = None,
    missing: bool = False,
) -> st.SearchStrategy[int | Decimal | None]:
    """Values of one data cell: a count (``int`` ≥ 0), a signed count (本年增/减, an ``int`` that may be
    negative) or an amount (an exact ``Decimal`` ≥ 0 of at most two places).

    Args:
        kind: ``"count"``, ``"signed_count"`` or ``"amount"``.
        shape: the scale of the numbers (see :data:`Shape`); ``None`` draws any.
        missing: also draw ``None``, a cell the published report left blank or filled with ``/``.

    Returns:
        A strategy of cell values.

    Raises:
        StrategyArgumentError: an unknown ``kind`` or ``shape``.
    """
    shapes = check_shape(shape)
    if kind not in ("count", "signed_count", "amount"):
        msg = f"kind must be 'count', 'signed_count' or 'amount', not {kind!r}"
        raise StrategyArgumentError(msg)
    values: st.SearchStrategy[int | Decimal | None] = shapes.flatmap(lambda s: _value(kind, s))
    return st.none() | values if missing else values


# --- every cell ---------------------------------------------------------------------------------------------


def _free(draw: st.DrawFn, plan: Plan, solution: Solution, shape: Shape) -> dict[str, Number]:
    """The free cells of ``solution``, table by table.

    Counts that equations read are drawn like a report's: the first column (自然人 in table 三 of 2021) holds
    most of them, the others a few; ``"small"`` is mostly zeros, ``"city"`` has a few busy rows.
    """
    out: dict[str, Number] = {}
    for draws in plan.draws_for(solution):
        if shape == "any":
            for p in (*draws.first, *(p for column in draws.others for p in column)):
                out[p] = draw(ints(0, ANY_MAX))
        else:
            for p in (*draws.first, *(p for column in draws.others for p in column)):
                out[p] = 0
            small = shape == "small"
            if draws.first:
                if not small:
                    for p in draws.first:
                        out[p] = draw(ints(0, 150))
                for _ in range(draw(ints(0, 3))):
                    p = draw(pick(draws.first))
                    out[p] = typing.cast("int", out[p]) + draw(ints(1, 12) if small else ints(0, 3000))
            for column in draws.others:
                for _ in range(draw(ints(0, 1 if small else 3))):
                    p = draw(pick(column))
                    out[p] = typing.cast("int", out[p]) + draw(ints(1, 2) if small else ints(1, 150))
        for p, kind in draws.rest:
            out[p] = draw(_value(kind, shape))
    return out


@st.composite
def draw_values(
    draw: st.DrawFn,
    plan: Plan,
    shape: Shape,
    *,
    previous: Mapping[str, Number | None] | None = None,
    broken: Collection[int] = (),
    bump: int = 0,
) -> Cells:
    """Every cell of a report of ``plan``'s edition, satisfying every equation of its rules.

    Args:
        plan: the edition.
        shape: the scale of the numbers.
        previous: the previous year's cells: the continuity equations hold too (but those in ``broken``).
        broken: indices of continuity equations to break: their cell differs from what they say.
        bump: raise one free cell by this much (so a two-digit value, or two different values, exist).
    """
    solution = plan.single if previous is None or plan.pair is None else plan.pair
    values: dict[str, Number] = _free(draw, plan, solution, shape)
    if bump and plan.bump is not None:
        values[plan.bump] = typing.cast("int", values[plan.bump]) + bump
    if solution is plan.pair and previous is not None:
        for _, eq in plan.continuity:
            for t in eq.terms:
                if t.previous:
                    values[PREVIOUS + t.pointer] = typing.cast("Number", previous[t.pointer])
        values.update({f"{OFFSET}{i}": 0 for i in range(len(plan.continuity))})
        for i in sorted(broken):
            owner = solution.owners[len(plan.equations) + i]
            assert owner is not None  # noqa: S101 - breakable equations have an owner cell
            expression = solution.expression(owner)
            assert expression is not None  # noqa: S101
            now = int(expression.value(values))
            wanted = skip(draw(ints(0, max(2 * now, 10))), (now,))
            values[f"{OFFSET}{i}"] = (wanted - now) * expression.coefficient(f"{OFFSET}{i}")
    for p, raisers in solution.repairs.items():
        expression = solution.expression(p)
        assert expression is not None  # noqa: S101
        deficit = -expression.value(values)
        if deficit > 0:
            raised = draw(pick(raisers))
            values[raised] += _ceil_div(deficit, expression.coefficient(raised))
    solution.complete(values)
    return {p: values[p] for p in plan.pointers}


def _ceil_div(deficit: Number, coefficient: int) -> Number:
    """The least whole number ``k`` with ``k × coefficient ≥ deficit`` (``coefficient`` ≥ 1)."""
    if isinstance(deficit, Decimal):
        return (deficit / coefficient).to_integral_value(rounding=ROUND_CEILING)
    return -(-deficit // coefficient)


# --- model objects -------------------------------------------------------------------------------------------


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, type | None], ...]:
    """Each field of ``cls`` with its attrs class (a nested table or row) or None (a cell), resolved once."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (f.name, hints[f.name] if isinstance(hints[f.name], type) and attrs.has(hints[f.name]) else None)
        for f in attrs.fields(cls)
    )


def _assemble(cls: type, prefix: str, values: Mapping[str, Number | None]) -> Any:
    """Build ``cls`` (a table or row class) at JSON Pointer ``prefix`` from cell values keyed by JSON Pointer.

    The model's keys are identifiers, so joining them with ``/`` needs no RFC 6901 escaping.
    """
    return cls(
        **{
            name: values[f"{prefix}/{name}"] if sub is None else _assemble(sub, f"{prefix}/{name}", values)
            for name, sub in _fields(cls)
        }
    )


def assemble_tables(plan: Plan, values: Mapping[str, Number | None]) -> dict[str, Any]:
    """Every table of ``plan``'s edition as a model object, by key."""
    types = dict(_fields(plan.edition.report_type))
    return {t.key: _assemble(typing.cast("type", types[t.key]), pointer((t.key,)), values) for t in plan.edition.tables}


# --- the parts of the default edition's model ------------------------------------------------------------


def _table(type_name: str) -> TableSpec:
    return next(t for t in plan_for(DEFAULT_EDITION).edition.tables if t.type_name == type_name)


def _tables_of_type(type_name: str, shape: Shape | None) -> st.SearchStrategy[Any]:
    shapes = check_shape(shape)
    plan = plan_for(DEFAULT_EDITION)
    table = _table(type_name)
    return shapes.flatmap(lambda s: draw_values(plan, s)).map(lambda v: assemble_tables(plan, v)[table.key])


def _rows_of_type(row_type: str, shape: Shape | None) -> st.SearchStrategy[Any]:
    shapes = check_shape(shape)
    plan = plan_for(DEFAULT_EDITION)
    lines = tuple(line for line in plan.edition.lines() if line.row_type == row_type)

    def row(values: Cells, line: Line) -> Any:
        node: Any = assemble_tables(plan, values)
        for token in line.path:
            node = node[token] if isinstance(node, dict) else getattr(node, token)
        return node

    return st.tuples(shapes.flatmap(lambda s: draw_values(plan, s)), pick(lines)).map(lambda a: row(*a))


def request_rows(*, shape: Shape | None = None) -> st.SearchStrategy[Any]:
    """A row of table 三 whose 总计 is the sum of the six applicant columns (``requests.row_total`` holds).

    Raises:
        StrategyArgumentError: an unknown ``shape``.
    """
    return _rows_of_type("RequestRow", shape)


def review_rows(*, shape: Shape | None = None) -> st.SearchStrategy[Any]:
    """A group of table 四 whose 总计 is 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    Raises:
        StrategyArgumentError: an unknown ``shape``.
    """
    return _rows_of_type("ReviewRow", shape)


def request_tables(*, shape: Shape | None = None) -> st.SearchStrategy[Any]:
    """Table 三 satisfying ``requests.balance``, ``requests.outcome_total`` and ``requests.row_total``.

    Raises:
        StrategyArgumentError: an unknown ``shape``.
    """
    return _tables_of_type("Requests", shape)


def review_tables(*, shape: Shape | None = None) -> st.SearchStrategy[Any]:
    """Table 四 satisfying ``review_litigation.total``.

    Raises:
        StrategyArgumentError: an unknown ``shape``.
    """
    return _tables_of_type("ReviewAndLitigation", shape)


def proactive_disclosures(*, shape: Shape | None = None) -> st.SearchStrategy[Any]:
    """Section 二: the 第二十条 sub-tables, with amounts of 0, 1 or 2 decimal places.

    Raises:
        StrategyArgumentError: an unknown ``shape``.
    """
    return _tables_of_type("ProactiveDisclosure", shape)
