"""Round trips: parse(render(report)) gives back the numbers, for HTML, text, and text degraded the ways real
flattening degrades it (format-2021.md §4 styles A–E, traditional conversions, NFKC folding), and for PDF.

The flattenings are built here from the edition's official grid (so no label is typed), independently of
:mod:`govreport.renderers`; where the renderers are installed, their text and HTML output is parsed too.
"""

from __future__ import annotations

import html as html_lib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport._hanzi import _SIMPLIFIED, _TRADITIONAL
from govreport.editions import TableSpec, get_edition
from govreport.parsers import ParseResult, parse
from govreport.strategies import reports

from .conftest import cells_of
from .pdfs import draw_pdf

EDITION = get_edition("2021")
FIXTURES = Path(__file__).parent / "fixtures"

# A naive simplified → traditional conversion: the first traditional character of each simplified one.
_TO_TRADITIONAL: dict[int, str] = {}
for _t, _s in zip(_TRADITIONAL, _SIMPLIFIED, strict=True):
    _TO_TRADITIONAL.setdefault(ord(_s), _t)


def to_traditional(text: str) -> str:
    """``text`` converted naively to traditional characters, as mirror sites do."""
    return text.translate(_TO_TRADITIONAL)


def _value(values: dict[str, Any], pointer: str) -> str:
    v = values[pointer]
    return "" if v is None else str(v)


def _grid(report: govreport.Report, table: TableSpec) -> list[list[tuple[str, int, int, bool]]]:
    """The table's official grid with the report's values: rows of (text, rowspan, colspan, is_value)."""
    values = cells_of(report)
    return [
        [
            (_value(values, c.pointer) if c.pointer else (c.text or ""), c.rowspan, c.colspan, c.pointer is not None)
            for c in row
        ]
        for row in table.grid
    ]


def _prose_sections(report: govreport.Report) -> dict[int, str]:
    return {f.section: getattr(report, f.key) for f in EDITION.fields if f.section is not None}


def _headings() -> dict[int, str]:
    out = {f.section: f.label for f in EDITION.fields if f.section is not None}
    out.update({t.section: t.heading for t in EDITION.tables})
    return out


def _title(report: govreport.Report) -> list[str]:
    return [
        f"{report.agency}{report.year}年政府信息公开工作年度报告",
        f"本报告所列数据的统计期限自{report.year}年1月1日至{report.year}年12月31日。",
    ]


def render_html(report: govreport.Report, *, chrome: bool = True) -> str:
    """An HTML page of ``report`` with real ``<table>`` markup, ``&nbsp;`` blanks, and (optionally) site chrome
    around it: a navigation bar, a header, scripts, a nested layout table and a footer.
    """
    esc = html_lib.escape
    prose = _prose_sections(report)
    body: list[str] = [f"<h1>{esc(_title(report)[0])}</h1>", f"<p>{esc(_title(report)[1])}</p>"]
    for section, heading in sorted(_headings().items()):
        body.append(f"<p><strong>{esc(heading)}</strong></p>")
        if section in prose:
            body.extend(f"<p>{esc(p)}</p>" for p in prose[section].split("\n") if p)
            continue
        table = EDITION.tables[section - 2]
        body.append('<table border="1" cellspacing="0">')
        for row in _grid(report, table):
            cells = "".join(
                f'<td rowspan="{r}" colspan="{c}">{esc(text) if text else "&nbsp;"}</td>' for text, r, c, _ in row
            )
            body.append(f"<tr>{cells}</tr>")
        body.append("</table>")
    content = "\n".join(body)
    if not chrome:
        return f"<html><body>{content}</body></html>"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        f"{esc(_title(report)[0])}_某某市人民政府</title>"
        "<script>var nav = '<table><tr><td>1</td></tr></table>';</script><style>td{padding:2px}</style></head>"
        '<body><div class="top-header">某某市人民政府 门户网站</div>'
        '<nav><ul><li><a href="/">首页</a></li><li>政务公开</li><li>2023年</li></ul></nav>'
        '<div class="breadcrumb">首页 &gt; 政务公开 &gt; 年度报告</div>'
        '<table width="100%"><tr><td class="left">栏目导航</td><td>'
        f'<div class="article">{content}</div>'
        "</td></tr></table>"
        '<div id="footer">主办：某某市人民政府办公室 版权所有 网站标识码 1300000000 备案号 12345</div>'
        "</body></html>"
    )


def _flat_rows(report: govreport.Report, table: TableSpec) -> list[list[str]]:
    return [[text for text, _, _, _ in row] for row in _grid(report, table)]


def _document(report: govreport.Report, table_lines: Callable[[TableSpec], list[str]]) -> str:
    prose = _prose_sections(report)
    lines = _title(report)
    for section, heading in sorted(_headings().items()):
        lines.append(heading)
        if section in prose:
            lines.extend(p for p in prose[section].split("\n") if p)
        else:
            lines.extend(table_lines(EDITION.tables[section - 2]))
    return "\n".join(lines) + "\n"


def render_text(report: govreport.Report, style: str) -> str:
    """``report`` flattened in a §4 style: ``A`` rows split by `` | ``, ``B`` one cell per line ending in ``|``
    with spans as ``| ||``, ``C`` markdown-like, ``D`` one cell per line without separators (blank cells vanish),
    ``E`` a PDF text layer (values space-separated, wrapped labels, a one-character-per-line group label, split
    header words, page footers).
    """

    def style_a(table: TableSpec) -> list[str]:
        return [" | ".join(row) for row in _flat_rows(report, table)]

    def style_b(table: TableSpec) -> list[str]:
        out = []
        for row in _grid(report, table):
            out.append("|")
            out.extend(f"{text} |" for text, _, _, _ in row[:-1])
            pad = table.width - len(row)
            out.append(f"{row[-1][0]} |" + (" " + "|" * pad if pad > 0 else ""))
        return out

    def style_c(table: TableSpec) -> list[str]:
        rows = _flat_rows(report, table)
        out = []
        for i, row in enumerate(rows):
            out.append("| " + " | ".join(row) + " |")
            if i == 0:
                out.append("|" + "---|" * len(row))
        return out

    def style_d(table: TableSpec) -> list[str]:
        return [text for row in _flat_rows(report, table) for text in row if text]

    def style_e(table: TableSpec) -> list[str]:
        out: list[str] = []
        vertical = list(EDITION.tables[1].groups[0].label) if table.key == "requests" else []
        for row in _grid(report, table):
            labels = [t for t, _, _, is_value in row if not is_value and t]
            values = [t or "" for t, _, _, is_value in row if is_value]
            if not values:  # a header row: words split over two lines, as narrow PDF columns do
                out.append(" ".join(w[: (len(w) + 1) // 2] for w in labels))
                out.append(" ".join(w[(len(w) + 1) // 2 :] for w in labels if len(w) > 1))
                continue
            if vertical and len(out) % 2 == 0:
                out.append(vertical.pop(0))
            label = " ".join(t for t in labels if t not in EDITION.tables[1].groups[0].label)
            if len(label) > 14:  # a long label wraps; its values stand on the second line
                out.append(label[:14])
                label = label[14:]
            out.append(" ".join([label, *values]).strip())
        return out

    styles = {"A": style_a, "B": style_b, "C": style_c, "D": style_d, "E": style_e}
    text = _document(report, styles[style])
    if style == "E":  # page footers every 30 lines, inside tables too
        lines = text.split("\n")
        text = "\n".join(
            line for i, line in enumerate(lines) for line in ([line, f"- {i // 30 + 1} -"] if i % 30 == 29 else [line])
        )
    return text


def render_pdf(text: str) -> bytes:
    """A PDF whose text layer is ``text`` (see :func:`tests.pdfs.draw_pdf`); skips without reportlab."""
    pytest.importorskip("reportlab")
    return draw_pdf(text)


def assert_same_numbers(parsed: govreport.Report, report: govreport.Report) -> None:
    """Every one of the 200 cells of ``parsed`` equals the one of ``report``."""
    got, expected = cells_of(parsed), cells_of(report)
    assert {p: (got[p], v) for p, v in expected.items() if got[p] != v} == {}


# --- properties -----------------------------------------------------------------------------------------


@given(reports())
def test_html_round_trip(report: govreport.Report) -> None:
    """The numbers, agency and year of an HTML page with site chrome read back exactly."""
    parsed = parse(render_html(report)).report
    assert_same_numbers(parsed, report)
    assert (parsed.agency, parsed.year) == (report.agency, report.year)


@given(reports(missing=True))
def test_html_round_trip_with_missing_cells(report: govreport.Report) -> None:
    """``&nbsp;`` cells read back as missing (null), never 0."""
    assert_same_numbers(parse(render_html(report, chrome=False)).report, report)


@pytest.mark.parametrize("style", ["A", "B", "C", "D", "E"])
@given(report=reports())
def test_text_round_trip(style: str, report: govreport.Report) -> None:
    """The numbers of a text flattened in each §4 style read back exactly."""
    result = parse(render_text(report, style))
    assert_same_numbers(result.report, report)
    assert result.report.year == report.year


@pytest.mark.parametrize("style", ["A", "C"])
@given(report=reports(missing=True))
def test_text_round_trip_with_missing_cells(style: str, report: govreport.Report) -> None:
    """Blank cells kept by the separators read back as missing (null). Only where a blank cell ends table 四's
    row of values, after a pipe that may start the row, may a cell read as null instead, reported as ambiguous
    (``| 0 | … | 0 |  |`` reads as well with the blank first): never a wrong number, and only in table 四.
    """
    result = parse(render_text(report, style))
    got, expected = cells_of(result.report), cells_of(report)
    ambiguous = {
        p
        for f in result.findings
        if f.rule == "cells.missing" and dict(f.detail).get("reason") == "ambiguous"
        for p in f.pointers
    }
    assert {p: (got[p], v) for p, v in expected.items() if got[p] != v and p not in ambiguous} == {}
    assert all(got[p] is None and p.startswith("/review_and_litigation/") for p in ambiguous)


def assert_never_wrong(result: ParseResult, report: govreport.Report) -> None:
    """Every cell of ``result`` is the report's value or null with a ``cells.missing`` finding; only a cell that a
    ``parse.realigned`` warning names may differ.
    """
    got, expected = cells_of(result.report), cells_of(report)
    realigned = {p for f in result.findings if f.rule == "parse.realigned" for p in f.pointers}
    wrong = {p: (got[p], v) for p, v in expected.items() if got[p] not in (v, None) and p not in realigned}
    assert wrong == {}
    nulls = {p for p, v in got.items() if v is None and expected[p] is not None}
    reported = {p for f in result.findings if f.rule == "cells.missing" for p in f.pointers}
    assert nulls <= reported


@given(report=reports(missing=True))
def test_style_b_with_missing_cells_is_never_wrong(report: govreport.Report) -> None:
    """In style B a row may start with a bare ``|`` line, which looks like a blank cell: where that leaves a cell
    of table 四 in doubt it is null and reported, never a wrong number; table 三's rows read exactly.
    """
    result = parse(render_text(report, "B"))
    assert_never_wrong(result, report)
    got, expected = cells_of(result.report), cells_of(report)
    assert {p: got[p] for p in expected if p.startswith("/requests/")} == {
        p: v for p, v in expected.items() if p.startswith("/requests/")
    }


@pytest.mark.parametrize("style", ["A", "B", "E"])
@given(report=reports(), fold=st.sampled_from(["traditional", "nfkc", "both"]))
def test_degraded_text_round_trip(style: str, report: govreport.Report, fold: str) -> None:
    """Traditional conversion and NFKC folding of the whole text do not change the numbers read."""
    text = render_text(report, style)
    if fold in ("traditional", "both"):
        text = to_traditional(text)
    if fold in ("nfkc", "both"):
        text = unicodedata.normalize("NFKC", text)
    assert_same_numbers(parse(text).report, report)


@settings(max_examples=5)  # each example builds a PDF, which is slow
@given(reports())
def test_pdf_round_trip(report: govreport.Report) -> None:
    """A PDF whose text layer is the style-E flattening reads back exactly, with page locations."""
    pytest.importorskip("pypdf")
    result = parse(render_pdf(render_text(report, "E")))
    assert_same_numbers(result.report, report)
    assert result.kind == "pdf"
    locations = list(result.source_map.values())
    assert all(loc.page is not None for loc in locations)
    assert max(loc.page or 0 for loc in locations) >= 2


@pytest.mark.parametrize("to", ["text", "html", "markdown"])
@given(reports())
def test_renderers_round_trip(to: str, report: govreport.Report) -> None:
    """What :func:`govreport.render` writes, :func:`govreport.parse` reads back with the same numbers."""
    pytest.importorskip("govreport.renderers")
    out = govreport.render(report, to)
    assert isinstance(out, str)
    parsed = parse(out, kind="html" if to == "html" else "text").report
    assert_same_numbers(parsed, report)
    assert parsed.agency == report.agency


# --- the sample as an HTML page, and as a PDF ----------------------------------------------------------------


def test_sample_html_page_fixture() -> None:
    """The sample as a site page (chrome, nested layout table, traditional) reads every cell, agency and prose."""
    page = FIXTURES / "parse" / "jingxing-2023.html"
    expected = govreport.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8"))
    result = parse(page)
    assert result.kind == "html"
    assert_same_numbers(result.report, expected)
    assert result.report.agency == expected.agency
    assert result.report.overview == expected.overview
    assert result.report.other_matters == expected.other_matters
    assert "版权所有" not in result.report.other_matters
    fee = result.source_map["/proactive_disclosure/fees/amount_10k_yuan"]
    assert (fee.table, fee.row, fee.cell) == (1, 13, 1)


def test_sample_pdf() -> None:
    """The sample text, drawn into a PDF, reads back every cell through the pdf extra, without noise."""
    pytest.importorskip("pypdf")
    expected = govreport.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8"))
    data = render_pdf(render_text(expected, "E"))
    result = parse(data)
    assert_same_numbers(result.report, expected)
    assert result.report.agency == expected.agency
    # header words split over two lines are pieces of official labels, not unknown text
    assert [f.excerpt for f in result.findings if f.rule == "parse.label_unknown"] == []


@pytest.mark.parametrize("style", ["D", "E"])
@given(report=reports(missing=True))
def test_vanished_cells_never_give_a_wrong_number(style: str, report: govreport.Report) -> None:
    """Where blank cells vanish (styles D and E), every cell read is the report's value or null (reported);
    only a cell that a ``parse.realigned`` warning names may differ, and that warning says so.
    """
    assert_never_wrong(parse(render_text(report, style)), report)
