"""Public Hypothesis strategies: reports that are valid *by construction*, single-fault mutants, year pairs.

Install with ``pip install "govreport[hypothesis]"``. Nothing here filters: the strategies sample the leaf cells
of each applicant column, derive every total from them, and write prose that quotes the numbers they produced, so
every report satisfies every 勾稽 relation of the edition however many examples are drawn.

- :func:`reports` draws valid reports (options for small agencies, city-level numbers and missing cells);
- :func:`mutants` draws a :class:`Mutant`: a valid report broken in one realistic way, with the exact rule ids,
  pointers and findings that must fail, derived from the rules' declared equations and documented behaviour;
- :func:`report_pairs` draws two consecutive years of one agency for the ``continuity.*`` rules;
- :func:`arbitrary_reports` draws anything the model can hold (negative counts, missing cells, any text), for
  robustness tests; :func:`cells`, :func:`request_rows`, :func:`review_rows`, :func:`request_tables`,
  :func:`review_tables` and :func:`proactive_disclosures` draw the parts.

Importing this module registers :func:`reports` for :class:`~govreport.model.Report` (and the part strategies
for their classes), so ``st.from_type(Report)`` works; Hypothesis's ``hypothesis`` entry point does the same
when Hypothesis is imported, unless ``HYPOTHESIS_NO_PLUGINS`` is set.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, TypeVar

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as e:  # the optional extra is not installed: say how to get it
    msg = 'govreport.strategies needs Hypothesis: pip install "govreport[hypothesis]"'
    raise ImportError(msg, name=e.name) from e

from govreport import model
from govreport import rules as R  # noqa: N812 - R is the rule catalogue, read like a namespace
from govreport._hypothesis_plugin import STRATEGY_FOR_TYPE
from govreport.editions import e2021 as E  # noqa: N812 - E is the edition, read like a namespace
from govreport.editions import get_edition
from govreport.editions._spec import Line, pointer
from govreport.errors import GovReportError, UnknownEditionError
from govreport.model import (
    ProactiveDisclosure,
    Report,
    RequestRow,
    Requests,
    ReviewAndLitigation,
    ReviewRow,
    Source,
)

__all__ = [
    "MUTATION_KINDS",
    "SHAPES",
    "Mutant",
    "MutationKind",
    "ReportPair",
    "Shape",
    "StrategyArgumentError",
    "arbitrary_reports",
    "cells",
    "mutants",
    "proactive_disclosures",
    "report_pairs",
    "reports",
    "request_rows",
    "request_tables",
    "review_rows",
    "review_tables",
]

Number = int | Decimal
Cells = dict[str, Number | None]
Failure = tuple[str, tuple[str, ...]]

#: ``"small"``: a township or a bureau: mostly zeros, a few requests from natural persons, a small fee.
#: ``"city"``: city-level numbers: thousands of requests, every applicant column used.
#: ``"any"``: every cell anywhere from 0 to a million, to reach the corners.
Shape = Literal["any", "small", "city"]
SHAPES: tuple[Shape, ...] = typing.get_args(Shape)

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

#: The continuity rules :func:`report_pairs` can break.
Break = Literal["carried_over", "in_force"]
BREAKS: tuple[Break, ...] = typing.get_args(Break)

_ANY_MAX = 10**6
_YEARS = (2021, 2035)


class StrategyArgumentError(GovReportError, InvalidArgument):
    """A strategy of :mod:`govreport.strategies` was called with an argument it cannot honour.

    It is both a :class:`~govreport.errors.GovReportError` and Hypothesis's own
    :class:`~hypothesis.errors.InvalidArgument`, so either can be caught.
    """


# --- the edition, read once ---------------------------------------------------------------------------

_REQUEST_ROWS: tuple[tuple[str, ...], ...] = tuple(
    tuple(line.cell_pointer(c) for c in line.columns) for line in E.REQUEST_LINES
)
_REVIEW_ROWS: tuple[tuple[str, ...], ...] = tuple(
    tuple(line.cell_pointer(c) for c in line.columns) for line in E.REVIEW_LINES
)
#: Every row of tables 三 and 四 as its cell pointers, left to right (the order a flattened table prints them).
_ROWS = _REQUEST_ROWS + _REVIEW_ROWS
#: The cells that the single-report rules check (section 二's cells take part in no single-report equation).
_CHECKED = tuple(p for row in _ROWS for p in row)
#: The totals a published table may leave blank: the 总计 column, the （七）总计 row and the 总计 of table 四.
_TOTALS = tuple(
    dict.fromkeys(
        (
            *(row[-1] for row in _ROWS),
            *(E.OUTCOMES_TOTAL.cell_pointer(c) for c in E.REQUEST_COLUMNS),
        )
    )
)
#: Every arithmetic equation of the edition's rules, with its rule id, and the equations each cell appears in.
_EQUATIONS: tuple[tuple[str, R.Equation], ...] = tuple(
    (rule.id, eq) for rule in R.rules_for(E.NAME) for eq in rule.equations if not rule.needs_previous
)


def _equations_by_cell() -> dict[str, tuple[int, ...]]:
    out: dict[str, tuple[int, ...]] = {}
    for index, (_, eq) in enumerate(_EQUATIONS):
        for p in eq.pointers:
            out[p] = (*out.get(p, ()), index)
    return out


_BY_CELL = _equations_by_cell()

_RECEIVED_TOTAL = E.RECEIVED.cell_pointer(E.REQUEST_TOTAL)
_CARRIED_OVER_TOTAL = E.CARRIED_OVER.cell_pointer(E.REQUEST_TOTAL)
_HANDLED_TOTAL = E.OUTCOMES_TOTAL.cell_pointer(E.REQUEST_TOTAL)
_REQUEST_QUOTED = (_RECEIVED_TOTAL, _CARRIED_OVER_TOTAL, _HANDLED_TOTAL)
_REVIEW_QUOTED = (E.ADMINISTRATIVE_REVIEW.cell_pointer(E.REVIEW_TOTAL),)
_LITIGATION_QUOTED = (
    E.LITIGATION_DIRECT.cell_pointer(E.REVIEW_TOTAL),
    E.LITIGATION_AFTER_REVIEW.cell_pointer(E.REVIEW_TOTAL),
)
_OVERVIEW = pointer(("overview",))
_OTHER_MATTERS = pointer(("other_matters",))
_ISSUANCE_LINES = E.PD_BLOCKS[0].lines


@functools.lru_cache(maxsize=4096)
def _ints(low: int, high: int) -> st.SearchStrategy[int]:
    """``st.integers(low, high)``, built once: a report draws a few hundred numbers, and building and validating
    a new strategy object for each draw cost more than the draw itself.
    """
    return st.integers(low, high)


def _check_edition(edition: str) -> None:
    get_edition(edition)  # an unregistered name raises UnknownEditionError, naming the known ones
    if edition != E.NAME:
        raise UnknownEditionError(edition, (E.NAME,))


def _check_shape(shape: Shape | None) -> st.SearchStrategy[Shape]:
    if shape is None:
        return st.sampled_from(SHAPES)
    if shape not in SHAPES:
        msg = f"shape must be one of {', '.join(SHAPES)} (or None for all), not {shape!r}"
        raise StrategyArgumentError(msg)
    return st.just(shape)


# --- building model objects from cells ----------------------------------------------------------------


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, type | None], ...]:
    """Each field of ``cls`` with its attrs class (a nested table or row) or None (a cell), resolved once."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (f.name, hints[f.name] if isinstance(hints[f.name], type) and attrs.has(hints[f.name]) else None)
        for f in attrs.fields(cls)
    )


def _assemble(cls: type, prefix: str, values: Mapping[str, Number | None]) -> Any:
    """Build ``cls`` (a table or row class) at JSON Pointer ``prefix`` from cell values keyed by JSON Pointer.

    The model's keys are snake_case, so joining them with ``/`` needs no RFC 6901 escaping.
    """
    return cls(
        **{
            name: values[f"{prefix}/{name}"] if sub is None else _assemble(sub, f"{prefix}/{name}", values)
            for name, sub in _plan(cls)
        }
    )


def _tables(values: Mapping[str, Number | None]) -> dict[str, Any]:
    return {t.key: _assemble(_TABLE_TYPES[t.key], pointer((t.key,)), values) for t in E.EDITION.tables}


_TABLE_TYPES: dict[str, type] = {
    name: sub for name, sub in _plan(Report) if sub is not None and name in {t.key for t in E.EDITION.tables}
}


def _read(report: Report) -> Cells:
    """Every data cell of ``report`` by JSON Pointer (read here, independently of the rule engine)."""
    out: Cells = {}
    for ptr in E.EDITION.cell_pointers():
        node: Any = report
        for token in ptr[1:].split("/"):
            node = getattr(node, token)
        out[ptr] = node
    return out


# --- cells ----------------------------------------------------------------------------------------------


@st.composite
def _amounts(draw: st.DrawFn, shape: Shape) -> Decimal:
    """A fee in 万元 as published: 0, 1 or 2 decimal places (0, 7545, 96171.6, 722.61)."""
    if shape == "small" and draw(st.booleans()):
        return Decimal(0)
    places = draw(_ints(0, 2))
    high = {"small": 50, "city": 10**5, "any": _ANY_MAX}[shape]
    return Decimal(draw(_ints(0, high * 10**places))).scaleb(-places)


def _counts(shape: Shape, high: int) -> st.SearchStrategy[int]:
    return _ints(0, _ANY_MAX if shape == "any" else high)


def cells(
    kind: Literal["count", "amount"] = "count",
    *,
    shape: Shape | None = None,
    missing: bool = False,
) -> st.SearchStrategy[int | Decimal | None]:
    """Values of one data cell: a count (``int`` ≥ 0) or a fee amount (an exact ``Decimal`` in 万元).

    Args:
        kind: ``"count"`` or ``"amount"`` (the only amount of the 2021 edition is 行政事业性收费).
        shape: the scale of the numbers (see :data:`Shape`); ``None`` draws any.
        missing: also draw ``None``, a cell the published report left blank or filled with ``/``.

    Returns:
        A strategy of cell values.

    Raises:
        StrategyArgumentError: an unknown ``kind`` or ``shape``.
    """
    shapes = _check_shape(shape)
    if kind == "count":
        values: st.SearchStrategy[int | Decimal | None] = shapes.flatmap(lambda s: _counts(s, 5000))
    elif kind == "amount":
        values = shapes.flatmap(_amounts)
    else:
        msg = f"kind must be 'count' or 'amount', not {kind!r}"
        raise StrategyArgumentError(msg)
    return st.none() | values if missing else values


#: Outcome rows that city-level reports fill with large numbers: most requests are granted, partly granted or
#: concern information the agency does not hold.
_COMMON_OUTCOMES = frozenset(
    E.OUTCOME_LINES.index(line) for line in (E.GRANTED, E.PARTIALLY_GRANTED, E.UNAVAILABLE_LINES[0])
)
_LEAF = _ints(0, len(E.OUTCOME_LINES) - 1)
#: Pointers of table 三 by column, computed once (Line and Column objects are slow dictionary keys).
_OUTCOME_PTRS = tuple(tuple(line.cell_pointer(c) for line in E.OUTCOME_LINES) for c in E.REQUEST_COLUMNS)
_LINE_PTRS = tuple(tuple(line.cell_pointer(c) for c in E.REQUEST_COLUMNS) for line in E.REQUEST_LINES)


@functools.lru_cache(maxsize=256)
def _pick(choices: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    """``st.sampled_from(choices)``, built once per tuple of choices (see :func:`_ints`)."""
    return st.sampled_from(choices)


def _request_leaf(shape: Shape, leaf: int, column: int) -> st.SearchStrategy[int]:
    if shape == "any":
        return _ints(0, _ANY_MAX)
    high = 3000 if leaf in _COMMON_OUTCOMES else 150
    return _ints(0, high if column == 0 else high // 20)


def _column_leaves(draw: st.DrawFn, shape: Shape, index: int) -> tuple[list[int], int, int]:
    """The 21 outcome counts (in table order), carried forward and carried over of applicant column ``index``."""
    leaves = [0] * len(E.OUTCOME_LINES)
    if shape == "small":
        # A small agency: a handful of requests, nearly all from natural persons.
        for _ in range(draw(_ints(0, 3 if index == 0 else 1))):
            leaves[draw(_LEAF)] += draw(_ints(1, 12 if index == 0 else 2))
        forward = draw(_ints(0, 2 if index == 0 else 0))
        over = draw(_ints(0, 2 if index == 0 else 0))
    else:
        if shape == "city" and index > 0:
            # Organisations file a few requests, in a few outcomes: draw only those (fewer draws, same reports).
            for _ in range(draw(_ints(0, 6))):
                leaf = draw(_LEAF)
                leaves[leaf] += draw(_request_leaf(shape, leaf, index))
        else:
            for leaf in range(len(leaves)):
                leaves[leaf] = draw(_request_leaf(shape, leaf, index))
        high = _ANY_MAX if shape == "any" else (300 if index == 0 else 20)
        forward = draw(_ints(0, high))
        over = draw(_ints(0, high))
    return leaves, forward, over


@st.composite
def _request_cells(
    draw: st.DrawFn, shape: Shape, carried_over: Mapping[str, int] | None = None, bump: int = 0
) -> dict[str, int]:
    """Table 三 by construction: per applicant column, the 21 outcomes, carried over and forward, then totals.

    ``received`` is derived (outcomes + carried forward − carried over); where carried over exceeds the rest, the
    difference goes to one drawn outcome row, so no example is ever rejected. ``bump`` adds that many granted
    requests from natural persons (to make a two-digit cell exist).
    """
    out: dict[str, int] = {}
    for index, column in enumerate(E.REQUEST_PARTS):
        leaves, forward, over = _column_leaves(draw, shape, index)
        if index == 0:
            leaves[0] += bump  # （一）予以公开
        if carried_over is not None:
            over = carried_over[column.key]
        handled = sum(leaves)
        if handled + forward < over:
            # More was carried over than handled and carried forward: those requests ended in some outcome.
            leaves[draw(_LEAF)] += over - handled - forward
            handled = over - forward
        out.update(zip(_OUTCOME_PTRS[index], leaves, strict=True))
        out[E.OUTCOMES_TOTAL.cell_pointer(column)] = handled
        out[E.CARRIED_FORWARD.cell_pointer(column)] = forward
        out[E.CARRIED_OVER.cell_pointer(column)] = over
        out[E.RECEIVED.cell_pointer(column)] = handled + forward - over
    for ptrs in _LINE_PTRS:
        out[ptrs[-1]] = sum(out[p] for p in ptrs[:-1])
    return out


@st.composite
def _review_cells(draw: st.DrawFn, shape: Shape) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in E.REVIEW_LINES:
        high = {"small": 1, "city": 40, "any": _ANY_MAX}[shape]
        for column in E.REVIEW_PARTS:
            out[line.cell_pointer(column)] = draw(_ints(0, high))
        out[line.cell_pointer(E.REVIEW_TOTAL)] = sum(out[line.cell_pointer(c)] for c in E.REVIEW_PARTS)
    return out


@st.composite
def _disclosure_cells(
    draw: st.DrawFn,
    shape: Shape,
    previous_in_force: Mapping[str, int] | None = None,
    in_force_offsets: Mapping[str, int] | None = None,
) -> Cells:
    """Section 二. With ``previous_in_force`` (per row pointer), 现行有效 = last year's + 制发 − 废止 (+ offset)."""
    out: Cells = {}
    for line in _ISSUANCE_LINES:
        small_rules = shape == "small" and line is _ISSUANCE_LINES[0]  # 规章 are made by provinces and cities
        high = 0 if small_rules else {"small": 5, "city": 60, "any": _ANY_MAX}[shape]
        issued = draw(_ints(0, high))
        in_force_ptr = line.cell_pointer("in_force")
        if previous_in_force is not None:
            before = previous_in_force[in_force_ptr]
            repealed = draw(_ints(0, before + issued))
            in_force = before + issued - repealed + (in_force_offsets or {}).get(in_force_ptr, 0)
        else:
            repealed = draw(_ints(0, high))
            in_force = issued + draw(_ints(0, 10 * high if shape != "any" else _ANY_MAX))
        out[line.cell_pointer("issued")] = issued
        out[line.cell_pointer("repealed")] = repealed
        out[in_force_ptr] = in_force
    for block in E.PD_BLOCKS[1:3]:
        for line in block.lines:
            high = {"small": 3000, "city": 10**6, "any": _ANY_MAX}[shape]
            out[line.cell_pointer("decisions")] = draw(_ints(0, high))
    fees = E.PD_BLOCKS[3].lines[0]
    out[fees.cell_pointer(fees.columns[0])] = draw(_amounts(shape))
    return out


def _rows_of(values: Mapping[str, Number | None], cls: type, line: Line) -> Any:
    return cls(**{c.key: values[line.cell_pointer(c)] for c in line.columns})


def request_rows(*, shape: Shape | None = None) -> st.SearchStrategy[RequestRow]:
    """A row of table 三 whose 总计 is the sum of the six applicant columns (``requests.row_total`` holds).

    Raises:
        StrategyArgumentError: an unknown ``shape``.
    """
    return _check_shape(shape).flatmap(_request_cells).map(lambda v: _rows_of(v, RequestRow, E.GRANTED))


def review_rows(*, shape: Shape | None = None) -> st.SearchStrategy[ReviewRow]:
    """A group of table 四 whose 总计 is 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    Raises:
        StrategyArgumentError: an unknown ``shape``.
    """
    return _check_shape(shape).flatmap(_review_cells).map(lambda v: _rows_of(v, ReviewRow, E.ADMINISTRATIVE_REVIEW))


def request_tables(*, shape: Shape | None = None) -> st.SearchStrategy[Requests]:
    """Table 三 satisfying ``requests.balance``, ``requests.outcome_total`` and ``requests.row_total``.

    Raises:
        StrategyArgumentError: an unknown ``shape``.
    """
    return _check_shape(shape).flatmap(_request_cells).map(lambda v: _assemble(Requests, pointer(E.RQ), v))


def review_tables(*, shape: Shape | None = None) -> st.SearchStrategy[ReviewAndLitigation]:
    """Table 四 satisfying ``review_litigation.total``.

    Raises:
        StrategyArgumentError: an unknown ``shape``.
    """
    return _check_shape(shape).flatmap(_review_cells).map(lambda v: _assemble(ReviewAndLitigation, pointer(E.RL), v))


def proactive_disclosures(*, shape: Shape | None = None) -> st.SearchStrategy[ProactiveDisclosure]:
    """Section 二: the four 第二十条 sub-tables, with a fee of 0, 1 or 2 decimal places.

    Raises:
        StrategyArgumentError: an unknown ``shape``.
    """
    return (
        _check_shape(shape).flatmap(_disclosure_cells).map(lambda v: _assemble(ProactiveDisclosure, pointer(E.PD), v))
    )


# --- prose ----------------------------------------------------------------------------------------------

_PLACES = (
    "井陉矿区",
    "石家庄市",
    "海淀区",
    "龙岗区",
    "余杭区",
    "武侯区",
    "南京市",
    "大兴区",
    "天河区",
    "长沙县",
)
_OFFICES = (
    "人民政府",
    "人民政府办公室",
    "统计局",
    "教育局",
    "司法局",
    "自然资源和规划局",
    "市场监督管理局",
    "人力资源和社会保障局",
    "城关街道办事处",
    "小村乡人民政府",
)
_INTRO = (
    "深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，扎实推进政务公开工作。",
    "围绕中心工作，持续深化决策、执行、管理、服务、结果公开，保障人民群众的知情权、参与权和监督权。",
)
_MANAGEMENT = (
    "（三）政府信息管理。严格落实公开前保密审查机制，动态调整政府信息公开目录。",
    "（三）政府信息管理。规范公文公开属性源头认定，做好信息发布前的审核把关。",
)
_PLATFORM = (
    "（四）政府信息公开平台建设。持续优化政府网站政府信息公开专栏，及时更新栏目内容。",
    "（四）政府信息公开平台建设。推进政务新媒体规范化建设，拓宽信息发布渠道。",
)
_SUPERVISION = (
    "（五）监督保障。调整政务公开工作领导小组，将政务公开工作纳入绩效考核。",
    "（五）监督保障。加强业务培训，开展政务公开工作自查。",
)
_REQUESTS_FILLER = (
    "严格按照法定程序和时限答复，规范答复文书。",
    "强化法律顾问合法性审查，提升办理质量。",
)
_PROBLEMS = (
    (
        "（一）存在的主要问题。政策解读形式较为单一，基层政务公开标准化规范化水平有待提升。"
        "\n（二）改进措施。丰富政策解读形式，加强业务培训，推进基层政务公开标准化规范化建设。"
    ),
    "（一）存在的主要问题。信息发布的及时性有待加强。\n（二）改进措施。建立信息发布提醒机制，压实发布责任。",
)
_OTHER_ITEMS = (
    "（一）落实上级年度政务公开工作要点情况。按照年度政务公开工作要点逐项抓好落实。",
    "（二）人大代表建议和政协提案办理结果公开情况。按要求公开建议提案办理复文。",
    "（三）政务公开工作创新情况。开展政府开放日活动，邀请群众代表参与。",
)
_HANZI_DIGITS = "零一二三四五六七八九"

# Each request quote: (before, which number, after). "r" is 一、本年新收, "rc" is 一 + 二, "h" is （七）总计; all three
# are what narrative.request_count accepts.
_REQUEST_QUOTES = (
    ("全年共收到政府信息公开申请", "r", "件。"),
    ("本年度新收政府信息公开申请", "r", "件。"),
    ("全年共受理政府信息公开申请", "rc", "件。"),
    ("全年共办结政府信息公开申请", "h", "件，均在法定期限内予以答复。"),
)


def _hanzi(n: int) -> str:
    """A number from 1 to 99 in Chinese numerals, as some reports print small counts (三件, 十二件)."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _HANZI_DIGITS[ones]
    return ("" if tens == 1 else _HANZI_DIGITS[tens]) + "十" + (_HANZI_DIGITS[ones] if ones else "")


@attrs.frozen(kw_only=True)
class _Quote:
    """A number the overview quotes: which rule compares it, the claim, and where its numeral is (or None)."""

    kind: Literal["request", "review", "litigation"]
    value: int
    span: tuple[int, int] | None


@attrs.frozen(kw_only=True)
class _Drawn:
    report: Report
    values: Cells  # the complete cells, before any were blanked
    quotes: tuple[_Quote, ...]
    fee_span: tuple[int, int] | None


class _Text:
    """Prose being written, remembering where quoted numerals land."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, text: str) -> None:
        self.text += text

    def number(self, value: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += value
        return start, len(self.text)


@st.composite
def _overview(draw: st.DrawFn, agency: str, year: int, values: Cells, *, quote: bool) -> tuple[str, list[_Quote]]:
    """一、总体情况 in the five customary paragraphs, quoting request and review counts (or not)."""
    out = _Text()
    quotes: list[_Quote] = []
    out.add(f"{year}年，{agency}{draw(_pick(_INTRO))}\n")
    out.add(f"（一）主动公开。全年通过政府网站主动公开政府信息{draw(_ints(0, 20000))}条，重点领域信息公开持续深化。\n")
    out.add("（二）依申请公开。")
    r, c, h = (typing.cast("int", values[p]) for p in _REQUEST_QUOTED)
    if quote or draw(st.booleans()):
        before, which, after = draw(_pick(_REQUEST_QUOTES))
        n = {"r": r, "rc": r + c, "h": h}[which]
        out.add(before)
        numeral = _hanzi(n) if 0 < n < 100 and draw(st.booleans()) else str(n)
        quotes.append(_Quote(kind="request", value=n, span=out.number(numeral)))
        out.add(after)
    elif r == 0:
        out.add("本年度未收到政府信息公开申请。")
    out.add(draw(_pick(_REQUESTS_FILLER)))
    review = typing.cast("int", values[_REVIEW_QUOTED[0]])
    litigation = sum(typing.cast("int", values[p]) for p in _LITIGATION_QUOTED)
    form = draw(_pick(("numbers", "none", "silent")))
    if form == "numbers":
        out.add("全年发生政府信息公开行政复议")
        quotes.append(_Quote(kind="review", value=review, span=out.number(str(review))))
        out.add("件，行政诉讼")
        quotes.append(_Quote(kind="litigation", value=litigation, span=out.number(str(litigation))))
        out.add("件。")
    elif form == "none" and review == litigation == 0:
        out.add("全年未发生因政府信息公开引起的行政复议和行政诉讼。")
        quotes.append(_Quote(kind="review", value=0, span=None))
        quotes.append(_Quote(kind="litigation", value=0, span=None))
    elif form == "none" and review == 0:
        # Separate sentences: a negation covers every kind it names in its own sentence.
        out.add("全年未发生政府信息公开行政复议。因政府信息公开被提起行政诉讼")
        quotes.append(_Quote(kind="review", value=0, span=None))
        quotes.append(_Quote(kind="litigation", value=litigation, span=out.number(str(litigation))))
        out.add("件。")
    elif form == "none" and litigation == 0:
        out.add("全年发生政府信息公开行政复议")
        quotes.append(_Quote(kind="review", value=review, span=out.number(str(review))))
        out.add("件，未发生政府信息公开行政诉讼。")
        quotes.append(_Quote(kind="litigation", value=0, span=None))
    out.add("\n" + draw(_pick(_MANAGEMENT)))
    out.add("\n" + draw(_pick(_PLATFORM)))
    out.add("\n" + draw(_pick(_SUPERVISION)))
    return out.text, quotes


@st.composite
def _other_matters(draw: st.DrawFn, year: int, *, fee: bool) -> tuple[str, tuple[int, int] | None]:
    """六、其他需要报告的事项, with the 信息处理费 sentence (its span is returned) unless ``fee`` is false."""
    items = draw(st.lists(st.sampled_from(_OTHER_ITEMS), max_size=3, unique=True).map(sorted))
    text = "\n".join(items)
    if not fee:
        return text, None
    yuan = draw(_pick((0, 0, 0, 20, 150, 1260)))
    if yuan:
        sentence = f"本年度按照《政府信息公开信息处理费管理办法》共收取信息处理费{yuan}元。"
    else:
        sentence = draw(st.sampled_from((f"{year}年未收取信息处理费。", "本年度未收取信息处理费。")))
    start = len(text) + (1 if text else 0)
    text = f"{text}\n{sentence}" if text else sentence
    return text, (start, start + len(sentence))


def _agencies() -> st.SearchStrategy[str]:
    return st.builds(lambda place, office: place + office, st.sampled_from(_PLACES), st.sampled_from(_OFFICES))


_SOURCES = st.none() | st.builds(
    Source,
    url=st.sampled_from(("https://www.gov.cn/zhengce/xxgk/nb.html", "http://www.example.gov.cn/xxgk/2023nb.htm")),
    retrieved=st.none() | st.dates().map(lambda d: d.isoformat()),
)


# --- reports --------------------------------------------------------------------------------------------

_Ensure = Literal["distinct", "two_digit", "quote"] | None


@st.composite
def _drawn(
    draw: st.DrawFn,
    *,
    shape: Shape,
    missing: bool = False,
    fee: bool = True,
    agencies: st.SearchStrategy[str] | None = None,
    years: st.SearchStrategy[int] | None = None,
    agency: str | None = None,
    year: int | None = None,
    carried_over: Mapping[str, int] | None = None,
    previous_in_force: Mapping[str, int] | None = None,
    in_force_offsets: Mapping[str, int] | None = None,
    ensure: _Ensure = None,
) -> _Drawn:
    agency = agency if agency is not None else draw(agencies if agencies is not None else _agencies())
    year = year if year is not None else draw(years if years is not None else st.integers(*_YEARS))
    # "two_digit": a split needs a cell of two digits or more; "distinct": a swap needs two different values.
    bump = 10 if ensure == "two_digit" else 1 if ensure == "distinct" else 0
    values: Cells = {
        **draw(_disclosure_cells(shape, previous_in_force, in_force_offsets)),
        **draw(_request_cells(shape, carried_over, bump)),
        **draw(_review_cells(shape)),
    }
    overview, quotes = draw(_overview(agency, year, values, quote=ensure == "quote"))
    other_matters, fee_span = draw(_other_matters(year, fee=fee))
    published = dict(values)
    if missing:
        for ptr in draw(_missing_cells()):
            published[ptr] = None
    report = Report(
        agency=agency,
        year=year,
        title=draw(st.sampled_from((None, f"{agency}{year}年政府信息公开工作年度报告"))),
        preamble=draw(
            st.sampled_from(
                (
                    None,
                    f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
                )
            )
        ),
        overview=overview,
        **_tables(published),
        problems_and_improvements=draw(_pick(_PROBLEMS)),
        other_matters=other_matters,
        source=draw(_SOURCES),
    )
    return _Drawn(report=report, values=values, quotes=tuple(quotes), fee_span=fee_span)


def _missing_cells() -> st.SearchStrategy[Collection[str]]:
    """Cells a published report leaves blank: scattered cells, a row of table 三 printed as ``/``, the 总计 column
    of the outcome rows, or a table published only as an image.
    """
    every = tuple(E.EDITION.cell_pointers())
    outcome_totals = tuple(line.cell_pointer(E.REQUEST_TOTAL) for line in E.OUTCOME_LINES)
    whole_tables = tuple(tuple(line.cell_pointer(c) for line, c in t.cells()) for t in E.EDITION.tables)
    rows = tuple(tuple(line.cell_pointer(c) for c in line.columns) for line in E.REQUEST_LINES)
    return st.one_of(
        st.sets(st.sampled_from(every), min_size=1, max_size=8),
        st.sampled_from(rows),
        st.just(outcome_totals),
        st.sampled_from(whole_tables),
    )


def reports(
    edition: str = "2021",
    *,
    shape: Shape | None = None,
    missing: bool = False,
    processing_fee: bool = True,
    agencies: st.SearchStrategy[str] | None = None,
    years: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Report]:
    """Reports that satisfy every rule of ``edition``, built by construction (never by filtering).

    Per applicant column the strategy samples the 21 outcome rows, 二、上年结转 and 四、结转下年度继续办理, then
    derives 一、本年新收, （七）总计 and the 总计 column; table 四's totals are the sums of their parts. The prose is
    realistic: 一、总体情况 may quote the request count and the review and litigation counts (always correctly),
    and 六、其他需要报告的事项 states the 信息处理费.

    Args:
        edition: the edition's name; only ``"2021"`` has strategies so far.
        shape: ``"small"`` (mostly zeros, a few requests from natural persons), ``"city"`` (city-level numbers)
            or ``"any"``; ``None`` mixes all three.
        missing: blank some cells (scattered cells, a row of table 三, the 总计 column of the outcome rows, or a
            whole table). The report then has ``cells.missing`` warnings and not-assessable findings, but no other
            failure.
        processing_fee: when false, 六 never states the 信息处理费, so ``other_matters.processing_fee`` fails.
        agencies: agency names (default: realistic names such as 石家庄市统计局).
        years: statistics years (default: 2021 to 2035).

    Returns:
        A strategy of :class:`~govreport.model.Report`.

    Raises:
        UnknownEditionError: ``edition`` has no strategies.
        StrategyArgumentError: an unknown ``shape``.

    >>> import govreport
    >>> from hypothesis import given
    >>> from govreport.strategies import reports
    >>> @given(reports(shape="small"))
    ... def test_validates_clean(report):
    ...     assert govreport.validate(report).findings == ()
    >>> test_validates_clean()
    """
    _check_edition(edition)
    return (
        _check_shape(shape)
        .flatmap(lambda s: _drawn(shape=s, missing=missing, fee=processing_fee, agencies=agencies, years=years))
        .map(lambda d: d.report)
    )


_TEXT = st.text(max_size=200)
#: Words the narrative and fee rules look for, so that arbitrary prose also reaches their patterns' corners.
_FRAGMENTS = (
    "申请",
    "收到",
    "受理",
    "办结",
    "件",
    "宗",
    "行政复议",
    "行政诉讼",
    "起诉",
    "未",
    "没有",
    "无",
    "和",
    "，",
    "。",
    "\n",
    "处理费",
    "未收取",
    "元",
    "万元",
    "十",
    "百",
    "千",
    "零",
    "两",
    "三",
    "０",
    "申請",
    "訴訟",
)
_PROSE = st.lists(
    st.one_of(st.text(max_size=12), st.sampled_from(_FRAGMENTS), st.integers(0, 10**12).map(str)), max_size=40
).map("".join)


@st.composite
def arbitrary_reports(draw: st.DrawFn) -> Report:
    """Anything the model can hold: every cell independently ``None``, any int (negatives too) or any finite
    decimal, and arbitrary text (mixed, in 一 and 六, with the words and numerals the narrative and fee rules look
    for). For robustness tests ("validation never raises"), not for valid data.

    Returns:
        A :class:`~govreport.model.Report` (drawn by this composite strategy).
    """
    counts = st.none() | st.integers()
    amounts = st.none() | st.decimals(allow_nan=False, allow_infinity=False)
    values: Cells = {}
    for table in E.EDITION.tables:
        for line, column in table.cells():
            values[line.cell_pointer(column)] = draw(amounts if column.kind == "amount" else counts)
    first = draw(st.characters(exclude_categories=("Z", "Cc", "Cs")))
    return Report(
        agency=first + draw(_TEXT),
        year=draw(_ints(1000, 9999)),
        title=draw(st.none() | _TEXT),
        preamble=draw(st.none() | _TEXT),
        overview=draw(_PROSE),
        **_tables(values),
        problems_and_improvements=draw(_TEXT),
        other_matters=draw(_PROSE),
        source=draw(st.none() | st.builds(Source, url=st.none() | _TEXT, contact=st.none() | _TEXT)),
    )


# --- what must fire --------------------------------------------------------------------------------------


def _claims(quotes: Sequence[_Quote], values: Mapping[str, Number | None]) -> Iterator[tuple[str, bool, bool]]:
    """For each quote: (rule id's pointers key, failing, not assessable), per the narrative rules' definitions.

    narrative.request_count accepts 一, 一 + 二 or （七）总计 of table 三's 总计 column; narrative.review_litigation
    compares a review count with 行政复议 总计 and a litigation count with the two litigation 总计s added.
    """
    for q in quotes:
        ptrs = {"request": _REQUEST_QUOTED, "review": _REVIEW_QUOTED, "litigation": _LITIGATION_QUOTED}[q.kind]
        got = [values[p] for p in ptrs]
        key = "|".join(ptrs)
        if any(v is None for v in got):
            yield key, False, True
            continue
        nums = typing.cast("list[int]", got)
        if q.kind == "request":
            r, c, h = nums
            yield key, q.value not in (r, r + c, h), False
        else:
            yield key, q.value != sum(nums), False


def _expected(
    base: Mapping[str, Number | None],
    new: Mapping[str, Number | None],
    quotes: Sequence[_Quote],
    *,
    fee_stated: bool = True,
) -> tuple[frozenset[Failure], frozenset[str]]:
    """The failures and not-assessable rule ids of ``new``, given that ``base`` satisfies every rule.

    An equation of a rule ``sum(actual) == sum(expected)`` that held for ``base`` fails for ``new`` exactly when
    the changes of its cells do not cancel: Σ Δactual − Σ Δexpected ≠ 0. It is not assessable when one of its
    cells is missing. The narrative and fee rules follow their documented definitions.
    """
    changed = [p for p in new if new[p] != base[p]]
    failures: set[Failure] = set()
    not_assessable: set[str] = set()
    for p in changed:
        value = new[p]
        if value is None:
            failures.add((E.MISSING_RULE.id, (p,)))
        elif value < 0:
            failures.add((E.NON_NEGATIVE_RULE.id, (p,)))
    for index in sorted({i for p in changed for i in _BY_CELL.get(p, ())}):
        rule_id, eq = _EQUATIONS[index]
        ptrs = eq.pointers
        if any(new[p] is None for p in ptrs):
            not_assessable.add(rule_id)
            continue

        def delta(p: str) -> Number:
            return typing.cast("Number", new[p]) - typing.cast("Number", base[p])

        if sum(delta(t.pointer) for t in eq.actual) - sum(delta(t.pointer) for t in eq.expected) != 0:
            failures.add((rule_id, ptrs))
    for key, failing, unassessable in _claims(quotes, new):
        ptrs = (_OVERVIEW, *key.split("|"))
        rule_id = E.REQUEST_COUNT_RULE.id if ptrs[1:] == _REQUEST_QUOTED else E.REVIEW_LITIGATION_RULE.id
        if unassessable:
            not_assessable.add(rule_id)
        elif failing:
            failures.add((rule_id, ptrs))
    if not fee_stated:
        failures.add((E.PROCESSING_FEE_RULE.id, (_OTHER_MATTERS,)))
    return frozenset(failures), frozenset(not_assessable)


def _frozen_failures(value: Collection[Failure]) -> frozenset[Failure]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Mutant:
    """A valid report broken in one realistic way, and what a validator must say about it.

    Attributes:
        report: the broken report.
        original: the valid report it was made from.
        kind: how it was broken (one of :data:`MUTATION_KINDS`):

            - ``changed_cell``: one count of table 三 or 四 changed (a typo);
            - ``negative_cell``: one count made negative (a program computed it);
            - ``swapped_cells``: two cells of different value swapped;
            - ``split_cell``: a number split over two cells (``12`` read as ``1`` and ``2``), the rest of the row
              shifted right and its last value lost (拆格, seen when tables are flattened);
            - ``merged_cells``: two neighbouring cells read as one number, the rest shifted left, the last cell
              blank;
            - ``shifted_left``: an empty cell vanished in flattening, the values after it moved one column left
              and the last cell is blank;
            - ``blank_total``: a total left blank;
            - ``quoted_count``: the request, review or litigation count quoted in 一、总体情况 no longer matches;
            - ``fee_dropped``: 六 no longer says what 信息处理费 was collected.
        description: what was done, in English.
        changed: the pointers of the cells (or prose members) that differ from the original.
        rules: the rule ids that must report a failure (status ``fail``), and no other.
        pointers: every pointer named by those failing findings.
        failures: exactly the ``(rule id, pointers)`` of each failing finding, pointers in finding order.
        not_assessable: the rule ids that must report ``not_assessable`` (where a needed cell became blank).
    """

    report: Report
    original: Report
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


def _skip(k: int, taken: Collection[int]) -> int:
    """The ``k``-th non-negative integer (from 0) that is not in ``taken``: draws "anything but these"."""
    for t in sorted(set(taken)):
        if k >= t:
            k += 1
    return k


def _row_of(ptr: str) -> tuple[str, ...]:
    return next(row for row in _ROWS if ptr in row)


def _swap_partners(values: Mapping[str, Number | None], a: str) -> list[str]:
    """Cells whose swap with ``a`` changes something a rule sees: different value, and not cancelling out (two
    parts of one group of table 四 swapped leave its total right). Same row first, as a typist's swap would.
    """
    row = _row_of(a)
    out = []
    for b in sorted(_CHECKED, key=lambda p: (p not in row, _CHECKED.index(p))):
        if values[b] == values[a]:
            continue
        new = {**values, a: values[b], b: values[a]}
        if _expected(values, new, ())[0]:
            out.append(b)
    return out


def _split_candidates(values: Mapping[str, Number | None]) -> list[tuple[tuple[str, ...], int, int]]:
    return [
        (row, i, k)
        for row in _ROWS
        for i, p in enumerate(row[:-1])
        for k in range(1, len(str(values[p])))
        if _expected(values, _split(values, row, i, k), ())[0]
    ]


def _split(values: Mapping[str, Number | None], row: tuple[str, ...], i: int, k: int) -> Cells:
    digits = str(values[row[i]])
    shifted = [values[p] for p in row[:i]] + [int(digits[:k]), int(digits[k:])] + [values[p] for p in row[i + 1 :]]
    return {**values, **dict(zip(row, shifted[: len(row)], strict=True))}


@st.composite
def _mutate(draw: st.DrawFn, base: _Drawn, kind: MutationKind) -> Mutant:  # noqa: PLR0915 - one branch per kind
    values = base.values
    report = base.report
    new: Cells = dict(values)
    overview, other_matters = report.overview, report.other_matters
    fee_stated = True
    if kind == "changed_cell":
        p = draw(_pick(_CHECKED))
        old = typing.cast("int", values[p])
        new[p] = _skip(draw(_ints(0, max(2 * old, 20))), (old,))
        description = f"{p}: {old} → {new[p]}"
    elif kind == "negative_cell":
        p = draw(_pick(_CHECKED))
        new[p] = -draw(_ints(1, 100))
        description = f"{p}: {values[p]} → {new[p]}"
    elif kind == "swapped_cells":
        distinct = [p for p in _CHECKED if any(values[q] != values[p] for q in _CHECKED)]
        a = draw(st.sampled_from(distinct))
        b = draw(st.sampled_from(_swap_partners(values, a)))
        new[a], new[b] = values[b], values[a]
        description = f"swapped {a} ({values[a]}) and {b} ({values[b]})"
    elif kind == "split_cell":
        row, i, k = draw(st.sampled_from(_split_candidates(values)))
        new = _split(values, row, i, k)
        digits = str(values[row[i]])
        description = f"{row[i]}: {digits} split into {digits[:k]} and {digits[k:]}, the rest shifted right"
    elif kind == "merged_cells":
        row = draw(_pick(_ROWS))
        i = draw(_ints(0, len(row) - 2))
        merged = int(f"{values[row[i]]}{values[row[i + 1]]}")
        shifted = [values[p] for p in row[:i]] + [merged] + [values[p] for p in row[i + 2 :]] + [None]
        new.update(zip(row, shifted, strict=True))
        description = f"{row[i]} and {row[i + 1]} read as one number {merged}, the rest shifted left"
    elif kind == "shifted_left":
        row = draw(_pick(_ROWS))
        # The cell that vanishes was printed empty; in a valid report that is usually a 0.
        zeros = [i for i, p in enumerate(row[:-1]) if values[p] == 0]
        i = draw(st.sampled_from(zeros)) if zeros else draw(_ints(0, len(row) - 2))
        shifted = [values[p] for p in row[:i]] + [values[p] for p in row[i + 1 :]] + [None]
        new.update(zip(row, shifted, strict=True))
        description = f"{row[i]} vanished, the values after it moved one column left"
    elif kind == "blank_total":
        p = draw(_pick(_TOTALS))
        new[p] = None
        description = f"{p} left blank"
    elif kind == "quoted_count":
        quote = draw(st.sampled_from([q for q in base.quotes if q.span is not None]))
        assert quote.span is not None  # noqa: S101 - narrowing
        r, c, h = (typing.cast("int", values[p]) for p in _REQUEST_QUOTED)
        taken = (r, r + c, h) if quote.kind == "request" else (quote.value,)
        wrong = _skip(draw(_ints(0, max(2 * quote.value, 20))), taken)
        start, end = quote.span
        overview = overview[:start] + str(wrong) + overview[end:]
        quotes = [attrs.evolve(q, value=wrong) if q is quote else q for q in base.quotes]
        description = f"the {quote.kind} count quoted in the overview: {quote.value} → {wrong}"
    else:  # fee_dropped
        assert base.fee_span is not None  # noqa: S101 - bases are drawn with the fee stated
        start, end = base.fee_span
        other_matters = (other_matters[:start] + other_matters[end:]).strip("\n")
        fee_stated = False
        description = "the 信息处理费 sentence removed from section 六"
    if kind != "quoted_count":
        quotes = list(base.quotes)
    failures, not_assessable = _expected(values, new, quotes, fee_stated=fee_stated)
    changed = {p for p in new if new[p] != values[p]}
    if overview != report.overview:
        changed.add(_OVERVIEW)
    if other_matters != report.other_matters:
        changed.add(_OTHER_MATTERS)
    broken = attrs.evolve(report, overview=overview, other_matters=other_matters, **_tables(new))
    return Mutant(
        report=broken,
        original=report,
        kind=kind,
        description=description,
        changed=frozenset(changed),
        failures=failures,
        not_assessable=not_assessable,
    )


_ENSURE: dict[MutationKind, _Ensure] = {"swapped_cells": "distinct", "split_cell": "two_digit", "quoted_count": "quote"}


_Option = TypeVar("_Option", bound=str)


def _choose(name: str, options: tuple[_Option, ...], given: Iterable[str] | None) -> tuple[_Option, ...]:
    """The ``options`` named in ``given`` (all of them for ``None``), in their canonical order.

    Raises:
        StrategyArgumentError: ``given`` names an unknown option, or none.
    """
    wanted = set(options) if given is None else set(given)
    chosen = tuple(o for o in options if o in wanted)
    unknown = wanted - set(options)
    if unknown or not chosen:
        msg = f"{name} must be a non-empty collection of {', '.join(options)}; unknown: {sorted(unknown)}"
        raise StrategyArgumentError(msg)
    return chosen


def mutants(
    edition: str = "2021",
    *,
    kinds: Collection[MutationKind] | None = None,
    shape: Shape | None = None,
) -> st.SearchStrategy[Mutant]:
    """Valid reports broken in one realistic way, each with exactly the findings a validator must report.

    The expected findings are derived from the rules' declared equations (an equation that held fails exactly
    when the changes of its cells do not cancel) and from the documented behaviour of the narrative, fee and
    missing-cell rules, never by running the validator. Every mutant changes something a rule sees: a swap of
    two equal cells is never drawn.

    Args:
        edition: the edition's name; only ``"2021"`` has strategies so far.
        kinds: the kinds of mutation to draw (see :class:`Mutant`); ``None`` for all.
        shape: the shape of the valid reports that are broken (see :func:`reports`).

    Returns:
        A strategy of :class:`Mutant`.

    Raises:
        UnknownEditionError: ``edition`` has no strategies.
        StrategyArgumentError: an unknown kind or shape, or no kinds.
    """
    _check_edition(edition)
    chosen = _choose("kinds", MUTATION_KINDS, kinds)
    shapes = _check_shape(shape)

    @st.composite
    def draw_mutant(draw: st.DrawFn) -> Mutant:
        kind = draw(st.sampled_from(chosen))
        base = draw(_drawn(shape=draw(shapes), ensure=_ENSURE.get(kind)))
        return draw(_mutate(base, kind))

    return draw_mutant()


# --- two consecutive years ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ReportPair:
    """Two consecutive years of one agency, and what the ``continuity.*`` rules must say about them.

    Unpacks as ``previous, current = pair``.

    Attributes:
        previous: the report of year Y − 1.
        current: the report of year Y; validate it with ``previous=``.
        failures: exactly the ``(rule id, pointers)`` of each failing continuity finding (empty when consistent).
    """

    previous: Report
    current: Report
    failures: frozenset[Failure] = attrs.field(converter=_frozen_failures, default=frozenset())

    @property
    def consistent(self) -> bool:
        """True when no continuity rule must fail."""
        return not self.failures

    @property
    def rules(self) -> frozenset[str]:
        """The continuity rule ids that must fail."""
        return frozenset(rule for rule, _ in self.failures)

    def __iter__(self) -> Iterator[Report]:
        return iter((self.previous, self.current))


def report_pairs(
    edition: str = "2021",
    *,
    consistent: bool = True,
    breaks: Collection[Break] | None = None,
    shape: Shape | None = None,
) -> st.SearchStrategy[ReportPair]:
    """Reports of two consecutive years of one agency, each valid on its own.

    When ``consistent``, this year's 二、上年结转 is last year's 四、结转下年度继续办理 in every column and each
    现行有效件数 of 第二十条第（一）项 is last year's + 本年制发 − 本年废止. When not, one or both relations are
    broken (in ways that keep each report valid on its own) and :attr:`ReportPair.failures` says exactly which
    ``continuity.*`` findings must fail.

    Args:
        edition: the edition's name; only ``"2021"`` has strategies so far.
        consistent: whether the two years agree.
        breaks: when not consistent, which relations may be broken (``"carried_over"``, ``"in_force"``);
            ``None`` for both. At least one is broken in every pair.
        shape: the shape of the reports (see :func:`reports`).

    Returns:
        A strategy of :class:`ReportPair`.

    Raises:
        UnknownEditionError: ``edition`` has no strategies.
        StrategyArgumentError: an unknown break or shape, or no breaks.
    """
    _check_edition(edition)
    chosen = _choose("breaks", BREAKS, breaks)
    shapes = _check_shape(shape)

    @st.composite
    def draw_pair(draw: st.DrawFn) -> ReportPair:
        s = draw(shapes)
        previous = draw(_drawn(shape=s, years=_ints(_YEARS[0], _YEARS[1] - 1)))
        before = previous.values
        forward = {c.key: typing.cast("int", before[E.CARRIED_FORWARD.cell_pointer(c)]) for c in E.REQUEST_COLUMNS}
        in_force = {
            p: typing.cast("int", before[p]) for p in (line.cell_pointer("in_force") for line in _ISSUANCE_LINES)
        }
        failures: set[Failure] = set()
        offsets: dict[str, int] = {}
        over = dict(forward)
        if not consistent:
            broken = draw(st.lists(st.sampled_from(chosen), min_size=1, unique=True))
            if "carried_over" in broken:
                # Retyped figures: some applicant columns carried over differ from last year's carried forward.
                for c in draw(st.lists(st.sampled_from(E.REQUEST_PARTS), min_size=1, unique=True)):
                    over[c.key] = _skip(draw(_ints(0, max(2 * forward[c.key], 10))), (forward[c.key],))
                over[E.REQUEST_TOTAL.key] = sum(over[c.key] for c in E.REQUEST_PARTS)
                failures.update(
                    (E.CARRIED_OVER_RULE.id, (E.CARRIED_OVER.cell_pointer(c),))
                    for c in E.REQUEST_COLUMNS
                    if over[c.key] != forward[c.key]
                )
            if "in_force" in broken:
                # A revision, or a count kept by another office: in force no longer follows from last year's.
                for line in draw(st.lists(st.sampled_from(_ISSUANCE_LINES), min_size=1, unique=True)):
                    offsets[line.cell_pointer("in_force")] = _skip(draw(_ints(0, 20)), (0,))
                    failures.add(
                        (E.IN_FORCE_RULE.id, tuple(line.cell_pointer(k) for k in ("in_force", "issued", "repealed")))
                    )
        current = draw(
            _drawn(
                shape=s,
                agency=previous.report.agency,
                year=previous.report.year + 1,
                carried_over=over,
                previous_in_force=in_force,
                in_force_offsets=offsets,
            )
        )
        return ReportPair(previous=previous.report, current=current.report, failures=failures)

    return draw_pair()


# --- registration -------------------------------------------------------------------------------------------


def _register() -> None:
    """Make ``st.from_type`` draw valid reports and valid parts (the same table the entry point uses)."""
    for type_name, strategy_name in STRATEGY_FOR_TYPE.items():
        st.register_type_strategy(getattr(model, type_name), globals()[strategy_name]())


_register()
