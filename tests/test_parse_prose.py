"""Prose as published: lines a PDF layout wrapped are joined back into paragraphs, page footers dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport.parsers import parse
from govreport.parsers._sections import prose
from govreport.parsers.text import Lines, is_page_footer

FIXTURES = Path(__file__).parent / "fixtures"
PROSE = ("preamble", "overview", "problems_and_improvements", "other_matters")


HEAD = "全年主动公开市政府规章 22 件，行政规范性文件 34 件，其他文件"


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # a sentence wrapped at the line width, and across a page break's blank line
        (
            ["全年共受理政府信息公开申请 749 件，其中自然人申请", "741 件。"],
            "全年共受理政府信息公开申请 749 件，其中自然人申请741 件。",
        ),
        (
            ["2025年，我县坚持以群众需求为导向，努力让政务信息“看", "", "得懂”。"],
            "2025年，我县坚持以群众需求为导向，努力让政务信息“看得懂”。",
        ),
        # a heading is short: it is a paragraph of its own
        (
            ["（一）主动公开方面", "全年主动公开市政府规章 22 件。"],
            "（一）主动公开方面\n全年主动公开市政府规章 22 件。",
        ),
        # a sentence that ends, and a point that starts, are paragraph breaks
        ([HEAD + "。", "二是提升公开质量。"], HEAD + "。\n二是提升公开质量。"),
        ([HEAD, "二是提升公开质量。"], HEAD + "\n二是提升公开质量。"),
        ([HEAD, "（二）依申请公开"], HEAD + "\n（二）依申请公开"),
        ([HEAD, "3. 其他"], HEAD + "\n3. 其他"),
        # two Latin words keep their space
        (
            ["全年在政府网站和政务新媒体（如 WeChat", "official accounts）发布信息。"],
            "全年在政府网站和政务新媒体（如 WeChat official accounts）发布信息。",
        ),
    ],
)
def test_wrapped_lines_join_into_paragraphs(lines: list[str], joined: str) -> None:
    """A line wrapped inside a sentence joins the next; headings, sentence ends and numbered points do not."""
    assert prose(lines) == joined


def test_a_parsed_pdf_layout_reads_as_paragraphs() -> None:
    """Wrapped lines and a page footer inside the overview come out as the paragraphs the agency wrote."""
    text = (
        "某某县人民政府2024年政府信息公开工作年度报告\n"
        "一、总体情况\n"
        "2024年，我县坚持以群众需求为导向，聚焦重点领域和关键环节，\n"
        "全年主动公开政府信息4511条。\n"
        "- 3 -\n"
        "（一）主动公开\n"
        "全年公开政策文件4件，对3件主动公开政策性文件进行意见征集并公开\n"
        "\n"
        "第 2 页 共 9 页\n"
        "征集结果。\n"
        "二、主动公开政府信息情况\n"
        "行政许可 5\n"
    )
    report = parse(text).report
    assert report.overview == (
        "2024年，我县坚持以群众需求为导向，聚焦重点领域和关键环节，全年主动公开政府信息4511条。\n"
        "（一）主动公开\n"
        "全年公开政策文件4件，对3件主动公开政策性文件进行意见征集并公开征集结果。"
    )


@pytest.mark.parametrize("name", ["kewei-2024", "shanghai-office-2025", "shuyang-2025"])
def test_narrative_rules_read_the_joined_prose(name: str) -> None:
    """Real reports' prose, joined as the parser joins it, states the same numbers to the narrative rules, with
    no finding, and has fewer line breaks and no page footer."""
    report = govreport.load(FIXTURES / "prose" / f"{name}.json")
    joined = report.evolve(
        {
            f"/{key}": prose([line for line in (getattr(report, key) or "").split("\n") if not is_page_footer(line)])
            for key in PROSE
        }
    )
    rules = govreport.rules_for(report.edition)
    assert sorted(s.rule for s in rules.statements(joined)) == sorted(s.rule for s in rules.statements(report))
    assert list(govreport.validate(joined, select=["narrative", "sections"]).findings) == []
    assert joined.overview.count("\n") < report.overview.count("\n")
    assert "— 1 —" not in joined.overview


_FOOTER_LIKE = st.sampled_from(["- 4 -", "第4页", "第 4 页 共 12 页", "4/12", "Page 3 of 9", " 12 ", "0 |", "—3—"])


@given(st.lists(st.one_of(_FOOTER_LIKE, st.text(max_size=50)), max_size=30))
def test_the_footers_kept_for_lines_seen_before_agree_with_the_pattern(lines: list[str]) -> None:
    """The text front end drops exactly the lines :func:`is_page_footer` calls footers, whether a line is met for
    the first time or again (its answer is kept)."""
    lines = [line for line in lines if not any(c in line for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")]
    for _ in range(2):
        kept = Lines()
        kept.add("".join(line + "\n" for line in lines))
        assert kept.texts == [line for line in lines if not is_page_footer(line)]
