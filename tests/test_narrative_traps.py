"""Narrative claims say nothing rather than something false: traps seen on real reports."""

from __future__ import annotations

import pytest

import govreport
from govreport.findings import Status

EXAMPLE = govreport.loads(govreport.example_document())  # table 三: received 73, handled 73; table 四: all 0
_WITHHELD = (
    "state_secret",
    "prohibited_by_law",
    "security_and_stability",
    "third_party_rights",
    "internal_affairs",
    "process_information",
    "enforcement_files",
    "administrative_queries",
)


def _claims(overview: str = "", other_matters: str | None = None) -> list[govreport.Finding]:
    changes: dict[str, object] = {"/overview": overview}
    if other_matters is not None:
        changes["/other_matters"] = other_matters
    report = EXAMPLE.evolve(changes)
    return list(govreport.validate(report, select=["narrative", "other_matters"]).findings)


def test_no_corrections_is_not_zero_reviews() -> None:
    """ "未发生…行政复议纠错或行政诉讼败诉" denies corrections and lost suits, not the cases themselves."""
    report = EXAMPLE.evolve(
        {
            "/review_and_litigation/administrative_review/upheld": 2,
            "/review_and_litigation/administrative_review/total": 2,
        }
    )
    report = report.evolve({"/overview": "全年未发生政府信息公开行政复议纠错或行政诉讼败诉的情况。"})
    found = govreport.validate(report, select=["narrative.review_litigation"]).findings
    assert found == ()


def test_no_reviews_is_still_read_as_zero() -> None:
    """A plain negation still states zero cases, and is checked against table 四."""
    report = EXAMPLE.evolve(
        {
            "/review_and_litigation/administrative_review/upheld": 2,
            "/review_and_litigation/administrative_review/total": 2,
            "/overview": "全年未发生政府信息公开行政复议。",
        }
    )
    (finding,) = govreport.validate(report, select=["narrative.review_litigation"]).findings
    assert (finding.expected, finding.actual) == (2, 0)


def test_granted_count_is_not_the_requests_received() -> None:
    """ "同意公开答复 9 件" counts one outcome, not the requests: it is compared with （一）予以公开 (69 in the
    example), "不予公开答复 2 件" with the eight rows of （三）不予公开 (0), and no request count is read."""
    found = _claims("本年度办理政府信息公开申请，同意公开答复 9 件，不予公开答复 2 件。")
    assert [(f.rule, f.pointers[1:], f.expected, f.actual) for f in found] == [
        ("narrative.outcomes", ("/requests/outcomes/granted/total",), 69, 9),
        ("narrative.outcomes", tuple(f"/requests/outcomes/withheld/{k}/total" for k in _WITHHELD), 0, 2),
    ]


def test_no_fee_event_states_the_processing_fee() -> None:
    """ "未发生政府信息公开收费事项" tells what fee was collected (none)."""
    assert _claims("本年度共收到政府信息公开申请73件。", "本年度未发生政府信息公开收费事项。") == []
    (missing,) = _claims("本年度共收到政府信息公开申请73件。", "无其他需要报告的事项。")
    assert missing.rule == "other_matters.processing_fee"


@pytest.mark.parametrize("overview", ["全年受理政府\n信息公开申请 17 件。", "全年受理政府信息公开申请 17 件。"])
def test_a_line_wrap_does_not_hide_a_claim(overview: str) -> None:
    """A number split from its sentence by a PDF line wrap is read and checked; the excerpt quotes the source."""
    (finding,) = _claims(overview)
    assert (finding.rule, finding.status, finding.expected, finding.actual) == (
        "narrative.request_count",
        Status.FAIL,
        73,
        17,
    )
    assert finding.excerpt is not None
    assert finding.excerpt in overview


def test_a_paragraph_break_is_not_a_wrap() -> None:
    """A line break after sentence-ending punctuation separates paragraphs: nothing is read across it."""
    assert _claims("全年受理政府信息公开申请。\n17件材料已归档。") == []
