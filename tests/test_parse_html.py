"""The HTML front end: real table markup, layout tables, site chrome, encodings and broken markup."""

from __future__ import annotations

import pytest

import govreport
from govreport.editions import e2021
from govreport.parsers import parse
from govreport.parsers.html import html_items

LICENSING = e2021.PD_BLOCKS[1].lines[0]
PENALTIES, COERCIVE = e2021.PD_BLOCKS[2].lines
RULES, NORMATIVE = e2021.PD_BLOCKS[0].lines


def page(body: str, *, head: str = "") -> str:
    """A page with ``body``, titled as a report when no ``head`` is given."""
    head = head or "<title>某区统计局2023年政府信息公开工作年度报告_某区人民政府</title>"
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


TABLE_2 = f"""
<p>二、主动公开政府信息情况</p>
<table border=1>
<tr><td colspan=4>{e2021.PD_BLOCKS[0].title}</td></tr>
<tr><td>{e2021.CONTENT_HEADER}</td>{"".join(f"<td>{c.label}</td>" for c in e2021.ISSUANCE_COLUMNS)}</tr>
<tr><td>{RULES.label}</td><td>&nbsp;</td><td>0</td><td>/</td></tr>
<tr><td>{NORMATIVE.label}</td><td>3</td><td>1</td><td>20</td></tr>
<tr><td colspan=4>{e2021.PD_BLOCKS[2].title}</td></tr>
<tr><td rowspan=2>{PENALTIES.label}</td><td colspan=3>268</td></tr>
</table>
"""


def test_blank_and_slash_cells_are_missing_with_table_locations() -> None:
    """``&nbsp;`` and ``/`` cells are null with findings located by table, row and cell."""
    result = parse(page(TABLE_2))
    report = result.report
    assert report.proactive_disclosure.rules.issued is None
    assert report.proactive_disclosure.rules.repealed == 0
    assert report.proactive_disclosure.rules.in_force is None
    assert report.proactive_disclosure.normative_documents.in_force == 20
    assert report.proactive_disclosure.penalties.decisions == 268
    missing = {f.pointers[0]: f.location for f in result.findings if f.rule == "cells.missing"}
    loc = missing[RULES.cell_pointer("issued")]
    assert loc is not None
    assert (loc.table, loc.row, loc.cell) == (0, 2, 1)
    assert loc.line is not None


def test_report_inside_a_layout_table_with_chrome() -> None:
    """A report nested in a layout table, between a nav bar, breadcrumbs, scripts and a footer, reads cleanly."""
    body = (
        "<nav>首页 政务公开 行政许可 5</nav><div class='site-header'>二、主动公开政府信息情况</div>"
        "<script>document.write('<table><tr><td>行政许可</td><td>9</td></tr></table>')</script>"
        "<table><tr><td>左栏</td><td>"
        "<p>某区统计局2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>全年公开信息50条。</p>"
        f"{TABLE_2}"
        "<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>"
        "</td></tr></table>"
        "<footer>版权所有 某区人民政府</footer><div id='copyright'>网站标识码 123</div>"
    )
    result = parse(page(body))
    report = result.report
    assert (report.agency, report.year) == ("某区统计局", 2023)
    assert report.overview == "全年公开信息50条。"
    assert report.other_matters == "本年度未收取信息处理费。"
    assert report.proactive_disclosure.licensing.decisions is None
    assert report.proactive_disclosure.normative_documents.issued == 3
    assert not [f for f in result.findings if f.rule == "parse.unplaced_value"]


def test_layout_cell_text_keeps_its_order() -> None:
    """Text before and after a nested table in the same layout cell stays before and after the table's cells."""
    items, title = html_items("<table><tr><td>甲<table><tr><td>乙</td></tr></table>丙</td></tr></table>")
    assert [(i.text, i.cell) for i in items] == [("甲", False), ("乙", True), ("丙", False)]
    assert title is None


def test_title_from_the_title_element() -> None:
    """Without a title in the body, agency and year come from ``<title>``, cut at the site name."""
    result = parse(page("<p>一、总体情况</p><p>概况。</p>" + TABLE_2))
    assert result.report.agency == "某区统计局"
    assert result.report.year == 2023
    assert result.report.title == "某区统计局2023年政府信息公开工作年度报告"


def test_gbk_page_with_meta_charset() -> None:
    """A page encoded in GBK that says so in ``<meta charset>`` decodes."""
    html = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
        f"<title>某区统计局2023年政府信息公开工作年度报告</title></head><body>{TABLE_2}</body></html>"
    )
    result = parse(html.encode("gb18030"))
    assert result.kind == "html"
    assert result.report.proactive_disclosure.penalties.decisions == 268


def test_unclosed_cells_and_rows_still_read() -> None:
    """Cells and rows without end tags (common in hand-written pages) are read in order."""
    body = (
        "<p>某区统计局2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p>"
        f"<table><tr><td>{LICENSING.label}<td>12<tr><td>{COERCIVE.label}<td>7</table>"
    )
    report = parse(page(body)).report
    assert report.proactive_disclosure.licensing.decisions == 12
    assert report.proactive_disclosure.coercive_measures.decisions == 7


@pytest.mark.parametrize("kind", [None, "html"])
def test_html_given_as_str_is_sniffed(kind: str | None) -> None:
    """HTML passed as ``str`` is recognised as HTML (tags are not read as text)."""
    result = parse(page(TABLE_2), kind=kind)
    assert result.kind == "html"
    assert isinstance(result.report, govreport.Report)
