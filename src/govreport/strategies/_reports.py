"""Reports: valid by construction, with blank cells, or anything the model can hold."""

from __future__ import annotations

import functools
import typing
from collections.abc import Collection, Mapping
from typing import Any, Literal

import attrs
from hypothesis import strategies as st

from govreport.editions import DEFAULT_EDITION, Edition, FieldSpec
from govreport.strategies._common import Cells, Number, Shape, check_shape, ints, pick
from govreport.strategies._plan import Plan, plan_for
from govreport.strategies._prose import Quote, Stated, fragments, write_prose
from govreport.strategies._values import assemble_tables, draw_values

__all__ = ["Drawn", "Ensure", "arbitrary_reports", "drawn", "reports", "years_of"]

_PLACES = ("井陉矿区", "石家庄市", "海淀区", "龙岗区", "余杭区", "武侯区", "南京市", "大兴区", "天河区", "长沙县")
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
#: Values of the members of object fields (the source metadata), by member key; other members stay empty.
_OBJECT_VALUES: dict[str, st.SearchStrategy[str]] = {
    "url": st.sampled_from(("https://www.gov.cn/zhengce/xxgk/nb.html", "http://www.example.gov.cn/xxgk/2023nb.htm")),
    "retrieved": st.dates().map(lambda d: d.isoformat()),
}


def _agencies() -> st.SearchStrategy[str]:
    return st.builds(lambda place, office: place + office, st.sampled_from(_PLACES), st.sampled_from(_OFFICES))


def years_of(edition: Edition) -> tuple[int, int]:
    """The default statistics years of ``edition``: from the year it is named after (else 2008, when the
    regulations took effect), fifteen years on."""
    first = int(edition.name) if edition.name.isdigit() and len(edition.name) == 4 else 2008
    return first, first + 14


# --- valid reports ----------------------------------------------------------------------------------------

#: What a mutant needs of the valid report it breaks: two different values to swap, a value of two digits to
#: split, a number quoted in the prose.
Ensure = Literal["distinct", "two_digit", "quote"] | None


@attrs.frozen(kw_only=True)
class Drawn:
    """A valid report, with what it was built from."""

    report: Any
    agency: str
    year: int
    values: Cells  # the complete cells, before any were blanked
    quotes: tuple[Quote, ...]
    stated: tuple[Stated, ...]
    texts: Mapping[str, str | None]


@functools.cache
def _object_type(report_type: type, key: str) -> type:
    hint = typing.get_type_hints(report_type)[key]
    return next(t for t in typing.get_args(hint) if isinstance(t, type) and attrs.has(t))


@functools.cache
def _objects(report_type: type, field: FieldSpec) -> st.SearchStrategy[Any]:
    cls = _object_type(report_type, field.key)
    members = {sub.key: st.none() | _OBJECT_VALUES[sub.key] for sub in field.fields if sub.key in _OBJECT_VALUES}
    return st.none() | st.builds(cls, **members)


@st.composite
def drawn(
    draw: st.DrawFn,
    plan: Plan,
    *,
    shape: Shape,
    missing: bool = False,
    statements: bool = True,
    agencies: st.SearchStrategy[str] | None = None,
    years: st.SearchStrategy[int] | None = None,
    agency: str | None = None,
    year: int | None = None,
    previous: Mapping[str, Number | None] | None = None,
    broken: Collection[int] = (),
    ensure: Ensure = None,
) -> Drawn:
    """A valid report of ``plan``'s edition (see :func:`reports`); with ``previous``, the continuity equations
    hold too, but those in ``broken``."""
    edition = plan.edition
    agency = agency if agency is not None else draw(agencies if agencies is not None else _agencies())
    year = year if year is not None else draw(years if years is not None else ints(*years_of(edition)))
    bump = 10 if ensure == "two_digit" else 1 if ensure == "distinct" else 0
    values = draw(draw_values(plan, shape, previous=previous, broken=broken, bump=bump))
    texts, quotes, stated = draw(
        write_prose(
            edition,
            plan.prose,
            agency=agency,
            year=year,
            values=values,
            quote=ensure == "quote",
            statements=statements,
        )
    )
    published = dict(values)
    if missing:
        for ptr in draw(_missing_cells(plan)):
            published[ptr] = None
    members: dict[str, Any] = {}
    for field in edition.fields:
        if field.kind == "year":
            members[field.key] = year
        elif field.kind == "prose":
            members[field.key] = texts[field.key]
        elif field.kind == "text":
            title = f"{agency}{year}年政府信息公开工作年度报告"
            members[field.key] = agency if field.required else draw(pick((None, title)))
        elif field.kind == "object":
            members[field.key] = draw(_objects(edition.report_type, field))
    report = edition.report_type(**members, **assemble_tables(plan, published))
    return Drawn(report=report, agency=agency, year=year, values=values, quotes=quotes, stated=stated, texts=texts)


@functools.cache
def _missing_cells(plan: Plan) -> st.SearchStrategy[Collection[str]]:
    """Cells a published report leaves blank: scattered cells, a row printed as ``/``, a column of a table, or
    a table published only as an image. The rows and columns are those that equations read."""
    edition = plan.edition
    checked = frozenset(plan.checked)
    columns: list[tuple[str, ...]] = []
    for table in edition.tables:
        by_key: dict[str, list[str]] = {}
        for line, column in table.cells():
            by_key.setdefault(column.key, []).append(line.cell_pointer(column))
        columns.extend(tuple(cells) for cells in by_key.values() if len(cells) > 1 and checked.intersection(cells))
    tables = tuple(tuple(line.cell_pointer(c) for line, c in t.cells()) for t in edition.tables)
    options: list[st.SearchStrategy[Collection[str]]] = [
        st.sets(st.sampled_from(plan.pointers), min_size=1, max_size=8)
    ]
    options.extend(st.sampled_from(group) for group in (plan.rows, tuple(columns), tables) if group)
    return st.one_of(options)


def reports(
    edition: str = DEFAULT_EDITION,
    *,
    shape: Shape | None = None,
    missing: bool = False,
    processing_fee: bool = True,
    agencies: st.SearchStrategy[str] | None = None,
    years: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Any]:
    """Reports that satisfy every rule of ``edition``, built by construction (never by filtering).

    Everything is derived from the edition's declaration and its rules (rule packs included). The cells that its
    equations leave free are drawn; every other cell follows from them (for the 2021 edition: per applicant
    column the 21 outcome rows, 二、上年结转 and 四、结转下年度继续办理 are drawn, and 一、本年新收, （七）总计 and the
    总计 column follow; table 四's totals are the sums of their parts). The prose is written from the claim and
    statement rules' example sentences: 一、总体情况 may state the request, review and litigation counts (always
    correctly), and 六、其他需要报告的事项 states the 信息处理费.

    Args:
        edition: the edition's name (any registered edition).
        shape: ``"small"`` (mostly zeros, a few requests from natural persons), ``"city"`` (city-level numbers)
            or ``"any"``; ``None`` mixes all three.
        missing: blank some cells (scattered cells, a row, a column of a table, or a whole table). The report then
            has ``cells.missing`` warnings and not-assessable findings, but no other failure.
        processing_fee: when false, no statement rule's sentence is written (in 2021: 六 never states the
            信息处理费, so ``other_matters.processing_fee`` fails).
        agencies: agency names (default: realistic names such as 石家庄市统计局).
        years: statistics years (default: fifteen years from the year the edition is named after).

    Returns:
        A strategy of reports (instances of the edition's model).

    Raises:
        UnknownEditionError: ``edition`` is not registered.
        StrategyArgumentError: an unknown ``shape``, or an edition whose equations or examples cannot be used.

    >>> import govreport
    >>> from hypothesis import given
    >>> from govreport.strategies import reports
    >>> @given(reports(shape="small"))
    ... def test_validates_clean(report):
    ...     assert govreport.validate(report).findings == ()
    >>> test_validates_clean()
    """
    plan = plan_for(edition)
    return (
        check_shape(shape)
        .flatmap(
            lambda s: drawn(plan, shape=s, missing=missing, statements=processing_fee, agencies=agencies, years=years)
        )
        .map(lambda d: d.report)
    )


# --- anything the model can hold ------------------------------------------------------------------------

_TEXT = st.text(max_size=200)
#: Characters and numerals prose rules meet, besides the words of the edition's own patterns.
_MARKS = ("，", "。", "\n", "十", "百", "千", "零", "两", "三", "０")


@functools.cache
def _prose(plan: Plan) -> st.SearchStrategy[str]:
    words = (*fragments(plan.ruleset), *_MARKS)
    return st.lists(
        st.one_of(st.text(max_size=12), st.sampled_from(words), st.integers(0, 10**12).map(str)), max_size=40
    ).map("".join)


def arbitrary_reports(edition: str = DEFAULT_EDITION) -> st.SearchStrategy[Any]:
    """Anything the model can hold: every cell independently ``None``, any int (negatives too) or any finite
    decimal, and arbitrary text (mixed, in the prose sections, with the words and numerals the prose rules look
    for). For robustness tests ("validation never raises"), not for valid data.

    Args:
        edition: the edition's name (any registered edition).

    Returns:
        A strategy of reports of the edition's model.

    Raises:
        UnknownEditionError: ``edition`` is not registered.
    """
    plan = plan_for(edition)
    spec = plan.edition
    counts = st.none() | st.integers()
    amounts = st.none() | st.decimals(allow_nan=False, allow_infinity=False)
    prose = _prose(plan)

    @st.composite
    def draw_report(draw: st.DrawFn) -> Any:
        values: Cells = {p: draw(amounts if kind == "amount" else counts) for p, kind in plan.kinds.items()}
        members: dict[str, Any] = {}
        for field in spec.fields:
            if field.kind == "year":
                members[field.key] = draw(ints(1000, 9999))
            elif field.kind == "prose":
                members[field.key] = draw(prose if field.required else st.none() | prose)
            elif field.kind == "text" and field.required:
                members[field.key] = draw(st.characters(exclude_categories=("Z", "Cc", "Cs"))) + draw(_TEXT)
            elif field.kind == "text":
                members[field.key] = draw(st.none() | _TEXT)
            elif field.kind == "object":
                cls = _object_type(spec.report_type, field.key)
                text = st.none() | _TEXT
                members[field.key] = draw(st.none() | st.builds(cls, **{sub.key: text for sub in field.fields}))
        return spec.report_type(**members, **assemble_tables(plan, values))

    return draw_report()
