"""The rule engine and every rule of format-2021.md §3: each passes a correct report and catches a broken one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

import govreport
from govreport.findings import Severity, Status
from govreport.serialization import dumps_json

from .conftest import set_pointer

ALL_RULES = {
    "requests.balance",
    "requests.outcome_total",
    "requests.row_total",
    "review_litigation.total",
    "values.non_negative",
    "cells.missing",
    "cells.empty",
    "continuity.carried_over",
    "continuity.in_force",
    "narrative.request_count",
    "narrative.outcomes",
    "narrative.review_litigation",
    "narrative.processing_fee",
    "other_matters.processing_fee",
    "sections.substance",
}


def _load(doc: dict[str, Any]) -> govreport.Report:
    return govreport.loads(dumps_json(doc))


def _clean(doc: dict[str, Any]) -> dict[str, Any]:
    """The sample with its prose fixed so that it validates with no finding at all."""
    return set_pointer(doc, "/overview", doc["overview"].replace("64件", "73件"))


def _rules(result: govreport.ValidationResult) -> list[str]:
    return [f.rule for f in result.findings]


def test_catalogue_has_every_rule_of_the_format() -> None:
    """The 2021 rule set declares exactly the rule ids of format-2021.md §3, each with clause and formula."""
    rules = govreport.rules_for("2021")
    assert set(rules.ids) == ALL_RULES
    for rule in rules:
        assert rule.clause
        assert rule.clause_en
        assert rule.formula
    assert {r.id for r in rules if r.needs_previous} == {"continuity.carried_over", "continuity.in_force"}


def test_sample_is_valid_with_one_warning(sample: govreport.Report) -> None:
    """The published sample validates, with exactly the narrative.request_count warning (64 vs 73)."""
    result = govreport.validate(sample)
    assert result.valid
    assert len(result.findings) == 1
    (finding,) = result.findings
    assert finding.rule == "narrative.request_count"
    assert finding.severity is Severity.WARNING
    assert finding.status is Status.FAIL
    assert (finding.expected, finding.actual, finding.difference) == (73, 64, -9)
    assert finding.pointers[0] == "/overview"
    assert "/requests/outcomes/total/total" in finding.pointers
    assert finding.excerpt == "辦理依申請公開64件"
    assert "64" in finding.message
    assert "73" in finding.message_in("en")


def test_clean_report_has_no_findings(sample_doc: dict[str, Any]) -> None:
    """A correct report gives no finding at all."""
    assert govreport.validate(_load(_clean(sample_doc))).findings == ()


def test_changed_cell_breaks_exactly_two_rules(sample_doc: dict[str, Any]) -> None:
    """granted/natural_persons 69 → 70 breaks outcome_total and row_total, and balance still holds."""
    doc = set_pointer(_clean(sample_doc), "/requests/outcomes/granted/natural_persons", 70)
    result = govreport.validate(_load(doc))
    assert not result.valid
    assert len(result.errors) == 2
    by_rule = {f.rule: f for f in result.errors}
    outcome = by_rule["requests.outcome_total"]
    assert "/requests/outcomes/total/natural_persons" in outcome.pointers
    assert "/requests/outcomes/granted/natural_persons" in outcome.pointers
    assert len(outcome.pointers) == 22
    assert (outcome.expected, outcome.actual, outcome.difference) == (74, 73, -1)
    row = by_rule["requests.row_total"]
    assert row.pointers[0] == "/requests/outcomes/granted/total"
    assert (row.expected, row.actual) == (70, 69)
    assert "requests.balance" not in _rules(result)


def test_balance_fails_per_column(sample_doc: dict[str, Any]) -> None:
    """A wrong carry-forward breaks the balance of its column only, naming all four cells."""
    doc = set_pointer(_clean(sample_doc), "/requests/carried_forward/research_institutions", 2)
    doc = set_pointer(doc, "/requests/carried_forward/total", 2)
    result = govreport.validate(_load(doc))
    balance = [f for f in result.findings if f.rule == "requests.balance"]
    assert [f.pointers[0] for f in balance] == [
        "/requests/outcomes/total/research_institutions",
        "/requests/outcomes/total/total",
    ]
    first = balance[0]
    assert first.pointers == (
        "/requests/outcomes/total/research_institutions",
        "/requests/carried_forward/research_institutions",
        "/requests/received/research_institutions",
        "/requests/carried_over/research_institutions",
    )
    assert (first.expected, first.actual, first.difference) == (0, 2, 2)
    assert "科研机构" in first.message
    assert set(_rules(result)) == {"requests.balance"}


def test_review_total_reported_per_group(sample_doc: dict[str, Any]) -> None:
    """结果维持 10, 结果纠正 1, 总计 0 (a real 2023 district report) fails review_litigation.total."""
    doc = set_pointer(_clean(sample_doc), "/review_and_litigation/administrative_review/upheld", 10)
    doc = set_pointer(doc, "/review_and_litigation/administrative_review/corrected", 1)
    result = govreport.validate(_load(doc))
    (finding,) = [f for f in result.findings if f.rule == "review_litigation.total"]
    assert finding.pointers[0] == "/review_and_litigation/administrative_review/total"
    assert (finding.expected, finding.actual, finding.difference) == (11, 0, -11)
    assert "行政复议" in finding.message


def test_missing_cell_is_not_assessable_never_passed(sample_doc: dict[str, Any]) -> None:
    """A blank 总计 makes the rules that need it not assessable, and cells.missing says why."""
    doc = set_pointer(_clean(sample_doc), "/requests/outcomes/granted/total", None)
    result = govreport.validate(_load(doc))
    assert result.valid
    missing = [f for f in result.findings if f.rule == "cells.missing"]
    assert [(f.severity, f.pointers) for f in missing] == [(Severity.WARNING, ("/requests/outcomes/granted/total",))]
    na = [f for f in result.findings if f.status is Status.NOT_ASSESSABLE]
    assert {f.rule for f in na} == {"requests.outcome_total", "requests.row_total"}
    for f in na:
        assert f.severity is Severity.INFO
        assert f.missing == ("/requests/outcomes/granted/total",)
        assert f.expected is None
        assert f.actual is None
    strict = govreport.validate(_load(doc), strict=True)
    assert not strict.valid


def test_missing_cell_does_not_hide_a_wrong_one(sample_doc: dict[str, Any]) -> None:
    """Other columns are still checked when one column has a missing cell."""
    doc = set_pointer(_clean(sample_doc), "/requests/outcomes/granted/total", None)
    doc = set_pointer(doc, "/requests/received/commercial_enterprises", 5)
    result = govreport.validate(_load(doc))
    failing = {(f.rule, f.pointers[0]) for f in result.errors}
    assert ("requests.balance", "/requests/outcomes/total/commercial_enterprises") in failing
    assert ("requests.row_total", "/requests/received/total") in failing


def test_negative_values_fail_in_memory(sample: govreport.Report) -> None:
    """A model built in code with a negative count or fee is caught by values.non_negative."""
    pd = sample.proactive_disclosure
    report = attrs.evolve(
        sample,
        proactive_disclosure=attrs.evolve(
            pd,
            penalties=attrs.evolve(pd.penalties, decisions=-3),
            fees=attrs.evolve(pd.fees, amount_10k_yuan=Decimal("-0.5")),
        ),
    )
    result = govreport.validate(report)
    negative = [f for f in result.findings if f.rule == "values.non_negative"]
    assert [(f.pointers, f.actual) for f in negative] == [
        (("/proactive_disclosure/penalties/decisions",), -3),
        (("/proactive_disclosure/fees/amount_10k_yuan",), Decimal("-0.5")),
    ]
    assert not result.valid


@pytest.mark.parametrize(
    ("sentence", "fails"),
    [
        ("全年共收到政府信息公开申请73件。", False),
        ("全年共收到政府信息公开申请70件。", True),
        ("本年度受理依申请公开七十三件。", False),
        ("共依法依规办理依申请公开64件。", True),
        ("共答复依申請公開73件。", False),
        ("全年无依申请公开事项。", False),
        ("全年共收到政府信息公开申请123456789件。", True),
        ("文号申请20231234567890件。", False),
    ],
)
def test_request_count_in_prose(sample_doc: dict[str, Any], sentence: str, fails: bool) -> None:
    """narrative.request_count compares counts quoted in section 一 with table 三."""
    doc = set_pointer(sample_doc, "/overview", sentence)
    rules = _rules(govreport.validate(_load(doc)))
    assert ("narrative.request_count" in rules) is fails


@pytest.mark.parametrize(
    ("sentence", "fails"),
    [
        ("未有因信息公开引发行政复议和行政诉讼。", False),
        ("全年发生政府信息公开行政复议2件。", True),
        ("全年未发生行政诉讼，收到行政复议申请0件。", False),
        ("因政府信息公开被提起行政诉讼1起。", True),
        ("本年度未發生行政復議。", False),
    ],
)
def test_review_counts_in_prose(sample_doc: dict[str, Any], sentence: str, fails: bool) -> None:
    """narrative.review_litigation compares review and litigation counts in section 一 with table 四."""
    doc = set_pointer(sample_doc, "/overview", sentence)
    result = govreport.validate(_load(doc))
    assert ("narrative.review_litigation" in _rules(result)) is fails
    doc = set_pointer(
        doc,
        "/review_and_litigation/administrative_review",
        {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2},
    )
    doc = set_pointer(
        doc,
        "/review_and_litigation/litigation_direct",
        {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
    )
    flipped = "narrative.review_litigation" in _rules(govreport.validate(_load(doc)))
    assert flipped is not fails


@pytest.mark.parametrize(
    ("text", "fails"),
    [
        ("2023年未收取信息处理费。", False),
        ("2023年未收取信息處理費。", False),
        ("本年度收取信息处理费120元。", False),
        ("信息处理费：0元。", False),
        ("无其他需要报告的事项。", True),
        ("", True),
    ],
)
def test_processing_fee_is_reported(sample_doc: dict[str, Any], text: str, fails: bool) -> None:
    """other_matters.processing_fee warns when section 六 does not state the 信息处理费 collected."""
    result = govreport.validate(_load(set_pointer(sample_doc, "/other_matters", text)))
    found = [f for f in result.findings if f.rule == "other_matters.processing_fee"]
    assert bool(found) is fails
    if fails:
        assert found[0].pointers == ("/other_matters",)
        assert found[0].severity is Severity.WARNING


def _next_year(doc: dict[str, Any]) -> dict[str, Any]:
    out = set_pointer(doc, "/year", doc["year"] + 1)
    out = set_pointer(out, "/requests/carried_over", doc["requests"]["carried_forward"])
    rules = doc["proactive_disclosure"]["normative_documents"]
    return set_pointer(
        out,
        "/proactive_disclosure/normative_documents",
        {"issued": 3, "repealed": 1, "in_force": rules["in_force"] + 3 - 1},
    )


def test_continuity_holds_for_consistent_years(sample_doc: dict[str, Any]) -> None:
    """previous= runs the cross-year rules; consistent consecutive years give no finding from them."""
    prev = _load(_clean(sample_doc))
    now = _load(_clean(_next_year(sample_doc)))
    assert govreport.validate(now, prev).findings == ()


def test_carried_over_must_match_last_carried_forward(sample_doc: dict[str, Any]) -> None:
    """This year's 上年结转 differs from last year's 结转下年度 → one warning per column that differs."""
    prev = _load(_clean(set_pointer(sample_doc, "/requests/carried_forward/natural_persons", 4)))
    now = _load(_clean(_next_year(sample_doc)))
    result = govreport.validate(now, prev)
    carried = [f for f in result.findings if f.rule == "continuity.carried_over"]
    assert [(f.pointers, f.previous_pointers, f.expected, f.actual) for f in carried] == [
        (("/requests/carried_over/natural_persons",), ("/requests/carried_forward/natural_persons",), 4, 0)
    ]
    assert carried[0].severity is Severity.WARNING


def test_in_force_must_follow_from_last_year(sample_doc: dict[str, Any]) -> None:
    """现行有效(Y) ≠ 现行有效(Y−1) + 制发 − 废止 → continuity.in_force."""
    prev = _load(_clean(sample_doc))
    doc = set_pointer(_clean(_next_year(sample_doc)), "/proactive_disclosure/normative_documents/in_force", 30)
    result = govreport.validate(_load(doc), prev)
    (finding,) = [f for f in result.findings if f.rule == "continuity.in_force"]
    assert finding.pointers[0] == "/proactive_disclosure/normative_documents/in_force"
    assert (finding.expected, finding.actual, finding.difference) == (24, 30, 6)


def test_continuity_needs_the_preceding_year(sample_doc: dict[str, Any]) -> None:
    """A previous report that is not of the preceding year makes the cross-year rules not assessable."""
    prev = _load(_clean(sample_doc))
    later = _load(_clean(set_pointer(_next_year(sample_doc), "/year", 2026)))
    result = govreport.validate(later, prev)
    na = {f.rule for f in result.findings if f.status is Status.NOT_ASSESSABLE}
    assert na == {"continuity.carried_over", "continuity.in_force"}
    assert result.valid


def test_select_runs_only_some_rules(sample_doc: dict[str, Any]) -> None:
    """validate(select=...) runs only the named rules; an unknown id is an error."""
    doc = set_pointer(sample_doc, "/requests/outcomes/granted/natural_persons", 70)
    result = govreport.validate(_load(doc), select=["requests.row_total"])
    assert set(_rules(result)) == {"requests.row_total"}
    with pytest.raises(KeyError):
        govreport.validate(_load(doc), select=["no.such.rule"])


def test_result_as_json_shape(sample: govreport.Report) -> None:
    """ValidationResult.to_dict is the --json shape of contract.md."""
    out = govreport.validate(sample).to_dict("en")
    assert out["valid"] is True
    (finding,) = out["findings"]
    assert set(finding) >= {"rule", "severity", "status", "pointers", "expected", "actual", "difference", "message"}
    assert finding["severity"] == "warning"
    assert finding["status"] == "fail"
