"""The typed model of the 2019 edition (国办公开办函〔2019〕60号): frozen, slotted, keyword-only attrs classes.

GENERATED from the edition's declaration by ``python -m govreport.editions._codegen``; do not edit by hand (a test
fails when this file and the declaration differ).

The classes hold a report *as published*, wrong totals included: construction checks types and shapes only, and
the rule engine judges the 勾稽 relations. A count is ``int | None`` and an amount ``Decimal | None``, where
``None`` means the published report left the cell blank or printed ``/``, ``-``, ``—``. Negative counts can be
held in memory (a program may compute one) and are reported by the ``values.non_negative`` rule; the JSON loader
rejects them at the boundary. A signed count (``_m.signed_count()``, a change such as 本年增/减) may be negative.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

import attrs

from govreport.editions import _model_support as _m

__all__ = [
    "FeeItemsRow",
    "ItemsRow",
    "NotProcessed",
    "Outcomes",
    "ProactiveDisclosure",
    "ProcurementRow",
    "PublicationRow",
    "Report",
    "RequestRow",
    "Requests",
    "ReviewAndLitigation",
    "ReviewRow",
    "Source",
    "Unavailable",
    "Withheld",
]


@attrs.frozen(kw_only=True)
class PublicationRow:
    """A row of 规章、规范性文件: 本年新制作数量, 本年新公开数量, 对外公开总数量."""

    produced: int | None = _m.count()
    published: int | None = _m.count()
    total_published: int | None = _m.count()

    def __attrs_post_init__(self) -> None:
        _m.check_counts(self)


@attrs.frozen(kw_only=True)
class ItemsRow:
    """A row of 行政许可、其他对外管理服务事项、行政处罚…: 上一年项目数量, 本年增/减, 处理决定数量."""

    previous_year_items: int | None = _m.count()
    change: int | None = _m.signed_count()
    decisions: int | None = _m.count()

    def __attrs_post_init__(self) -> None:
        _m.check_counts(self)


@attrs.frozen(kw_only=True)
class FeeItemsRow:
    """A row of 行政事业性收费: 上一年项目数量, 本年增/减."""

    previous_year_items: int | None = _m.count()
    change: int | None = _m.signed_count()

    def __attrs_post_init__(self) -> None:
        _m.check_counts(self)


@attrs.frozen(kw_only=True)
class ProcurementRow:
    """A row of 政府集中采购: 采购项目数量, 采购总金额."""

    projects: int | None = _m.count()
    amount_yuan: Decimal | None = _m.amount()

    def __attrs_post_init__(self) -> None:
        _m.check_counts(self)


@attrs.frozen(kw_only=True)
class ProactiveDisclosure:
    """Section 二: 二、主动公开政府信息情况."""

    rules: PublicationRow = attrs.field(validator=_m.instance(PublicationRow))
    normative_documents: PublicationRow = attrs.field(validator=_m.instance(PublicationRow))
    licensing: ItemsRow = attrs.field(validator=_m.instance(ItemsRow))
    other_management_services: ItemsRow = attrs.field(validator=_m.instance(ItemsRow))
    penalties: ItemsRow = attrs.field(validator=_m.instance(ItemsRow))
    coercive_measures: ItemsRow = attrs.field(validator=_m.instance(ItemsRow))
    fees: FeeItemsRow = attrs.field(validator=_m.instance(FeeItemsRow))
    procurement: ProcurementRow = attrs.field(validator=_m.instance(ProcurementRow))


@attrs.frozen(kw_only=True)
class RequestRow:
    """A row of 一、本年新收政府信息公开申请数量、二、上年结转政府信息公开申请数量、（一）予以公开…: 自然人,
    商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    """

    natural_persons: int | None = _m.count()
    commercial_enterprises: int | None = _m.count()
    research_institutions: int | None = _m.count()
    social_welfare_organizations: int | None = _m.count()
    legal_service_institutions: int | None = _m.count()
    other_organizations: int | None = _m.count()
    total: int | None = _m.count()

    def __attrs_post_init__(self) -> None:
        _m.check_counts(self)


@attrs.frozen(kw_only=True)
class Withheld:
    """（三）不予公开: 8 rows."""

    state_secret: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    prohibited_by_law: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    security_and_stability: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    third_party_rights: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    internal_affairs: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    process_information: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    enforcement_files: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    administrative_queries: RequestRow = attrs.field(validator=_m.instance(RequestRow))


@attrs.frozen(kw_only=True)
class Unavailable:
    """（四）无法提供: 3 rows."""

    not_held: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    needs_compilation: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    still_unclear: RequestRow = attrs.field(validator=_m.instance(RequestRow))


@attrs.frozen(kw_only=True)
class NotProcessed:
    """（五）不予处理: 5 rows."""

    petitions_and_complaints: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    repeated_requests: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    publications_requested: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    excessive_requests: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    confirmation_requests: RequestRow = attrs.field(validator=_m.instance(RequestRow))


@attrs.frozen(kw_only=True)
class Outcomes:
    """三、本年度办理结果: 20 rows."""

    granted: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    partially_granted: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    withheld: Withheld = attrs.field(validator=_m.instance(Withheld))
    unavailable: Unavailable = attrs.field(validator=_m.instance(Unavailable))
    not_processed: NotProcessed = attrs.field(validator=_m.instance(NotProcessed))
    other_handling: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    total: RequestRow = attrs.field(validator=_m.instance(RequestRow))


@attrs.frozen(kw_only=True)
class Requests:
    """Section 三: 三、收到和处理政府信息公开申请情况."""

    received: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    carried_over: RequestRow = attrs.field(validator=_m.instance(RequestRow))
    outcomes: Outcomes = attrs.field(validator=_m.instance(Outcomes))
    carried_forward: RequestRow = attrs.field(validator=_m.instance(RequestRow))


@attrs.frozen(kw_only=True)
class ReviewRow:
    """A row of 行政复议、未经复议直接起诉、复议后起诉: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计."""

    upheld: int | None = _m.count()
    corrected: int | None = _m.count()
    other: int | None = _m.count()
    pending: int | None = _m.count()
    total: int | None = _m.count()

    def __attrs_post_init__(self) -> None:
        _m.check_counts(self)


@attrs.frozen(kw_only=True)
class ReviewAndLitigation:
    """Section 四: 四、政府信息公开行政复议、行政诉讼情况."""

    administrative_review: ReviewRow = attrs.field(validator=_m.instance(ReviewRow))
    litigation_direct: ReviewRow = attrs.field(validator=_m.instance(ReviewRow))
    litigation_after_review: ReviewRow = attrs.field(validator=_m.instance(ReviewRow))


@attrs.frozen(kw_only=True)
class Source:
    """来源."""

    url: str | None = attrs.field(default=None, validator=_m.optional_text)
    retrieved: str | None = attrs.field(default=None, validator=_m.optional_text)
    issuing_office: str | None = attrs.field(default=None, validator=_m.optional_text)
    contact: str | None = attrs.field(default=None, validator=_m.optional_text)


@attrs.frozen(kw_only=True)
class Report:
    """A report of the 2019 edition (国办公开办函〔2019〕60号).

    Prose is kept exactly as published; the tables
    are typed. Wrong totals are allowed: validate with
    :func:`govreport.validate`.
    """

    edition: Literal["2019"] = attrs.field(default="2019", validator=attrs.validators.in_(("2019",)))
    agency: str = attrs.field(validator=_m.non_empty_text)
    year: int = attrs.field(validator=_m.year)
    title: str | None = attrs.field(default=None, validator=_m.optional_text)
    preamble: str | None = attrs.field(default=None, validator=_m.optional_text)
    overview: str = attrs.field(validator=_m.text)
    proactive_disclosure: ProactiveDisclosure = attrs.field(validator=_m.instance(ProactiveDisclosure))
    requests: Requests = attrs.field(validator=_m.instance(Requests))
    review_and_litigation: ReviewAndLitigation = attrs.field(validator=_m.instance(ReviewAndLitigation))
    problems_and_improvements: str = attrs.field(validator=_m.text)
    other_matters: str = attrs.field(validator=_m.text)
    source: Source | None = attrs.field(default=None, validator=_m.optional_instance(Source))

    def evolve(self, changes: Mapping[str, object]) -> Report:
        """A copy with the values at the JSON Pointers of ``changes`` replaced, each checked like the model checks
        it: ``report.evolve({"/requests/received/natural_persons": 80})``.

        Raises:
            ReportEditError: a pointer names nothing, or a value has the wrong type.
        """
        changed: Report = _m.evolve(self, changes)
        return changed


_m.register_rows(PublicationRow, ItemsRow, FeeItemsRow, ProcurementRow, RequestRow, ReviewRow)
