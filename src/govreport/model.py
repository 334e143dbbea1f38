"""The typed model of a 2021-edition report: frozen, slotted, keyword-only attrs classes.

The classes hold a report *as published*, wrong totals included: construction checks types and shapes only, and
the rule engine (:mod:`govreport.rules`) judges the 勾稽 relations. A count is ``int | None`` and the fee
``Decimal | None``, where ``None`` means the published report left the cell blank or printed ``/``, ``-``, ``—``.

Negative numbers can be held in memory (a program may compute one) and are reported by the
``values.non_negative`` rule; the JSON loader rejects them at the boundary.

The keys and official labels of every row and column are declared once, in
:mod:`govreport.editions.e2021`; a test checks that these classes and that declaration agree.
"""

from __future__ import annotations

from decimal import Decimal
from operator import attrgetter
from typing import Any, Literal

import attrs

__all__ = [
    "DecisionsRow",
    "FeesRow",
    "IssuanceRow",
    "NotProcessed",
    "OtherHandling",
    "Outcomes",
    "ProactiveDisclosure",
    "Report",
    "RequestRow",
    "Requests",
    "ReviewAndLitigation",
    "ReviewRow",
    "Source",
    "Unavailable",
    "Withheld",
]


def _count(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    # bool is an int subclass; True is never a count.
    if value is not None and (type(value) is not int):
        msg = f"{attribute.name} must be an int or None (missing), not {type(value).__name__}"
        raise TypeError(msg)


def _amount(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if type(value) is not Decimal:
        msg = f"{attribute.name} must be a decimal.Decimal or None (missing), not {type(value).__name__}"
        raise TypeError(msg)
    if not value.is_finite():
        msg = f"{attribute.name} must be a finite decimal, not {value}"
        raise ValueError(msg)


def _text(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str:
        msg = f"{attribute.name} must be a str, not {type(value).__name__}"
        raise TypeError(msg)


def _optional_text(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _text(inst, attribute, value)


def _non_empty_text(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _text(inst, attribute, value)
    if not value.strip():
        msg = f"{attribute.name} must not be empty"
        raise ValueError(msg)


def _year(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not int:
        msg = f"{attribute.name} must be an int, not {type(value).__name__}"
        raise TypeError(msg)
    if not 1000 <= value <= 9999:
        msg = f"{attribute.name} must be a four-digit year, not {value}"
        raise ValueError(msg)


def _instance(cls: type) -> Any:
    return attrs.validators.instance_of(cls)


def count() -> Any:
    """An ``int | None`` cell field (``None`` = missing in the source).

    The type is checked once per row by :func:`_check_counts` (called from the row's ``__attrs_post_init__``)
    rather than by one validator per cell: loading a report builds ~40 rows, and one call per row instead of one
    per cell is most of the cost of construction.
    """
    return attrs.field()


_COUNT_TYPES = frozenset({int, type(None)})


def _check_counts(row: Any) -> None:
    """Raise TypeError naming the first cell of ``row`` that is neither an int nor None (bool is not a count)."""
    values = _CELL_READERS[type(row)](row)
    if _COUNT_TYPES.issuperset(map(type, values)):  # the common case, decided in C
        return
    for attribute in attrs.fields(type(row)):
        _count(row, attribute, getattr(row, attribute.name))


def _cells_reader(cls: type) -> Any:
    names = [a.name for a in attrs.fields(cls)]
    if len(names) == 1:
        only = names[0]
        return lambda row: (getattr(row, only),)
    return attrgetter(*names)


_CELL_READERS: dict[type, Any] = {}


def amount() -> Any:
    """A ``Decimal | None`` cell field (``None`` = missing in the source)."""
    return attrs.field(validator=_amount)


# --- 二、主动公开政府信息情况 ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class IssuanceRow:
    """A row of 第二十条第（一）项: 本年制发件数, 本年废止件数, 现行有效件数."""

    issued: int | None = count()
    repealed: int | None = count()
    in_force: int | None = count()

    def __attrs_post_init__(self) -> None:
        _check_counts(self)


@attrs.frozen(kw_only=True)
class DecisionsRow:
    """A row of 第二十条第（五）项 or 第（六）项: 本年处理决定数量."""

    decisions: int | None = count()

    def __attrs_post_init__(self) -> None:
        _check_counts(self)


@attrs.frozen(kw_only=True)
class FeesRow:
    """The row of 第二十条第（八）项: 本年收费金额（单位：万元）, an exact decimal."""

    amount_10k_yuan: Decimal | None = amount()


@attrs.frozen(kw_only=True)
class ProactiveDisclosure:
    """Section 二: the four 第二十条 sub-tables."""

    rules: IssuanceRow = attrs.field(validator=_instance(IssuanceRow))
    normative_documents: IssuanceRow = attrs.field(validator=_instance(IssuanceRow))
    licensing: DecisionsRow = attrs.field(validator=_instance(DecisionsRow))
    penalties: DecisionsRow = attrs.field(validator=_instance(DecisionsRow))
    coercive_measures: DecisionsRow = attrs.field(validator=_instance(DecisionsRow))
    fees: FeesRow = attrs.field(validator=_instance(FeesRow))


# --- 三、收到和处理政府信息公开申请情况 -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RequestRow:
    """A row of table 三: the seven value columns, 自然人 … 其他 and 总计."""

    natural_persons: int | None = count()
    commercial_enterprises: int | None = count()
    research_institutions: int | None = count()
    social_welfare_organizations: int | None = count()
    legal_service_institutions: int | None = count()
    other_organizations: int | None = count()
    total: int | None = count()

    def __attrs_post_init__(self) -> None:
        _check_counts(self)


def _row() -> Any:
    return attrs.field(validator=_instance(RequestRow))


@attrs.frozen(kw_only=True)
class Withheld:
    """（三）不予公开: eight reasons."""

    state_secret: RequestRow = _row()
    prohibited_by_law: RequestRow = _row()
    security_and_stability: RequestRow = _row()
    third_party_rights: RequestRow = _row()
    internal_affairs: RequestRow = _row()
    process_information: RequestRow = _row()
    enforcement_files: RequestRow = _row()
    administrative_queries: RequestRow = _row()


@attrs.frozen(kw_only=True)
class Unavailable:
    """（四）无法提供: three reasons."""

    not_held: RequestRow = _row()
    needs_compilation: RequestRow = _row()
    still_unclear: RequestRow = _row()


@attrs.frozen(kw_only=True)
class NotProcessed:
    """（五）不予处理: five reasons."""

    petitions_and_complaints: RequestRow = _row()
    repeated_requests: RequestRow = _row()
    publications_requested: RequestRow = _row()
    excessive_requests: RequestRow = _row()
    confirmation_requests: RequestRow = _row()


@attrs.frozen(kw_only=True)
class OtherHandling:
    """（六）其他处理: three sub-rows."""

    no_correction: RequestRow = _row()
    fee_unpaid: RequestRow = _row()
    other: RequestRow = _row()


@attrs.frozen(kw_only=True)
class Outcomes:
    """三、本年度办理结果: the 21 outcome rows and （七）总计."""

    granted: RequestRow = _row()
    partially_granted: RequestRow = _row()
    withheld: Withheld = attrs.field(validator=_instance(Withheld))
    unavailable: Unavailable = attrs.field(validator=_instance(Unavailable))
    not_processed: NotProcessed = attrs.field(validator=_instance(NotProcessed))
    other_handling: OtherHandling = attrs.field(validator=_instance(OtherHandling))
    total: RequestRow = _row()


@attrs.frozen(kw_only=True)
class Requests:
    """Section 三: the request table (25 data rows × 7 value columns)."""

    received: RequestRow = _row()
    carried_over: RequestRow = _row()
    outcomes: Outcomes = attrs.field(validator=_instance(Outcomes))
    carried_forward: RequestRow = _row()


# --- 四、政府信息公开行政复议、行政诉讼情况 -------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ReviewRow:
    """One group of table 四: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计."""

    upheld: int | None = count()
    corrected: int | None = count()
    other: int | None = count()
    pending: int | None = count()
    total: int | None = count()

    def __attrs_post_init__(self) -> None:
        _check_counts(self)


@attrs.frozen(kw_only=True)
class ReviewAndLitigation:
    """Section 四: 行政复议, and 行政诉讼 未经复议直接起诉 / 复议后起诉."""

    administrative_review: ReviewRow = attrs.field(validator=_instance(ReviewRow))
    litigation_direct: ReviewRow = attrs.field(validator=_instance(ReviewRow))
    litigation_after_review: ReviewRow = attrs.field(validator=_instance(ReviewRow))


# --- the document -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Source:
    """Optional metadata about where a report was found; every member is optional text."""

    url: str | None = attrs.field(default=None, validator=_optional_text)
    retrieved: str | None = attrs.field(default=None, validator=_optional_text)
    issuing_office: str | None = attrs.field(default=None, validator=_optional_text)
    contact: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class Report:
    """A 2021-edition annual report on government information disclosure work.

    Prose is kept exactly as published; the three tables are typed. Wrong totals are allowed: validate with
    :func:`govreport.validate`.
    """

    edition: Literal["2021"] = attrs.field(default="2021", validator=attrs.validators.in_(("2021",)))
    agency: str = attrs.field(validator=_non_empty_text)
    year: int = attrs.field(validator=_year)
    title: str | None = attrs.field(default=None, validator=_optional_text)
    preamble: str | None = attrs.field(default=None, validator=_optional_text)
    overview: str = attrs.field(validator=_text)
    proactive_disclosure: ProactiveDisclosure = attrs.field(validator=_instance(ProactiveDisclosure))
    requests: Requests = attrs.field(validator=_instance(Requests))
    review_and_litigation: ReviewAndLitigation = attrs.field(validator=_instance(ReviewAndLitigation))
    problems_and_improvements: str = attrs.field(validator=_text)
    other_matters: str = attrs.field(validator=_text)
    source: Source | None = attrs.field(default=None, validator=attrs.validators.optional(_instance(Source)))


for _row in (IssuanceRow, DecisionsRow, RequestRow, ReviewRow):
    _CELL_READERS[_row] = _cells_reader(_row)
