"""An example rule pack: a province that charges no information processing fees.

Its agencies can never stop handling a request because a fee was not paid, so the row
（六）2.申请人逾期未按收费通知要求缴纳费用 must be 0 in every column; and the title must name the agency.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govreport import Finding, Severity
from govreport.rules import CustomRule, Equation, EquationRule, Messages, RulePack

_FEE_UNPAID = "/requests/outcomes/other_handling/fee_unpaid/"
_COLUMNS = (
    "natural_persons",
    "commercial_enterprises",
    "research_institutions",
    "social_welfare_organizations",
    "legal_service_institutions",
    "other_organizations",
    "total",
)


def _title_names_agency(context: Any) -> Iterator[Finding]:
    report = context.report
    if report.title is not None and report.agency not in report.title:
        yield Finding(rule="example.title_names_agency", severity=Severity.INFO, pointers=("/title", "/agency"))


PACK = RulePack(
    name="no-fee-province",
    edition="2021",
    rules=[
        EquationRule(
            id="example.no_fee_refusals",
            severity=Severity.WARNING,
            origin="format",
            clause="本省不收取信息处理费，不存在因逾期未缴纳费用而不再处理的申请",
            clause_en="this province charges no processing fee, so no request is dropped for an unpaid fee",
            equations=[Equation(actual=(_FEE_UNPAID + c,), expected=()) for c in _COLUMNS],
            messages=Messages(
                zh="{row}（{column}）应为 0（本省不收费），实为 {actual}",
                en="{row} ({column}) should be 0 (no fees in this province), but is {actual}",
            ),
        ),
        CustomRule(
            id="example.title_names_agency",
            severity=Severity.INFO,
            origin="format",
            clause="标题应写明机关名称",
            clause_en="the title names the agency",
            check=_title_names_agency,
            cells=("/title", "/agency"),
            formula_text="agency ⊂ title",
            messages=Messages(zh="标题未写明机关名称", en="the title does not name the agency"),
        ),
    ],
)
