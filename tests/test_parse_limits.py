"""The parsers' limits and budgets: hostile sizes are refused while they are read, with work bounded by counters
(never measured by the clock); a PDF read only in part says that govreport stopped, and where; a pipe-table cell
that holds something other than a number is still a cell; and what the parser writes, the loader reads.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport.editions import get_edition
from govreport.limits import MAX_AGENCY_CHARS, MAX_DOCUMENT_CHARS, MAX_READINGS
from govreport.parsers import (
    MAX_HTML_TAGS,
    MAX_ITEMS,
    MAX_PAGES,
    MAX_SOURCE_BYTES,
    ParseResult,
    parse,
)
from govreport.parsers import _placement as placement_module
from govreport.parsers import html as html_front
from govreport.parsers import pdf as pdf_front
from govreport.parsers import text as text_front
from govreport.parsers._source import Stop

from .conftest import cells_of
from .pdfs import draw_pdf

FIXTURES = Path(__file__).parent / "fixtures"
EDITION = get_edition()
REQUESTS = EDITION.table("requests")
RECEIVED = REQUESTS.lines[0]
COLUMNS = RECEIVED.columns


def rules_of(result: ParseResult, rule: str) -> list[govreport.Finding]:
    """The findings of ``result`` with rule id ``rule``."""
    return [f for f in result.findings if f.rule == rule]


def report_text(*table_lines: str) -> str:
    """A minimal report whose table 三 is ``table_lines``; headings and labels from the edition."""
    overview, problems, other = (
        EDITION.field(k).label for k in ("overview", "problems_and_improvements", "other_matters")
    )
    return "\n".join(
        [
            "某局2023年政府信息公开工作年度报告",
            overview,
            "概况。",
            REQUESTS.heading,
            *table_lines,
            *(problems, "问题。", other, "未收取信息处理费。", ""),
        ]
    )


def received(got: dict[str, Any]) -> list[Any]:
    """The cells of the row 一、本年新收 in column order."""
    return [got[RECEIVED.cell_pointer(c)] for c in COLUMNS]


# --- a cell that is not a number is still a cell (issue 17, item 6) ---------------------------------------

UNREADABLE = ["N/A", "一", "(1)", "1e3", "12345678901234567", "（1）", "1O"]


@pytest.mark.parametrize("bad", UNREADABLE)
def test_an_unreadable_last_cell_does_not_shift_the_row(bad: str) -> None:
    """``| label | 1 | 2 | 0 | 0 | 0 | 0 | N/A |``: the six numbers stay in their columns; the total is missing, and a
    ``parse.not_a_number`` warning names it."""
    result = parse(report_text(f"| {RECEIVED.label} | 1 | 2 | 0 | 0 | 0 | 0 | {bad} |"))
    assert received(cells_of(result.report)) == [1, 2, 0, 0, 0, 0, None]
    (finding,) = rules_of(result, "parse.not_a_number")
    assert finding.pointers == (RECEIVED.cell_pointer("total"),)
    assert finding.actual == bad
    assert finding.severity == govreport.Severity.WARNING
    assert finding.location is not None
    assert finding.location.line == 5


@pytest.mark.parametrize("bad", UNREADABLE)
def test_an_unreadable_first_cell_does_not_shift_the_row(bad: str) -> None:
    """``| label | N/A | 1 | 2 | 0 | 0 | 0 | 3 |``: the cell is missing, the others keep their columns."""
    result = parse(report_text(f"| {RECEIVED.label} | {bad} | 1 | 2 | 0 | 0 | 0 | 3 |"))
    assert received(cells_of(result.report)) == [None, 1, 2, 0, 0, 0, 3]
    assert [f.pointers for f in rules_of(result, "parse.not_a_number")] == [(RECEIVED.cell_pointer(COLUMNS[0]),)]


@pytest.mark.parametrize("bad", UNREADABLE)
def test_an_unreadable_html_cell_is_a_cell(bad: str) -> None:
    """In an HTML table the same holds: ``<td>N/A</td>`` is a missing cell with a finding."""
    cells = "".join(f"<td>{v}</td>" for v in ["1", "2", "0", "0", "0", "0", bad])
    page = (
        f"<html><body><p>{REQUESTS.heading}</p><table><tr><td>{RECEIVED.label}</td>{cells}</tr></table></body></html>"
    )
    result = parse(page, agency="某局", year=2023)
    assert received(cells_of(result.report)) == [1, 2, 0, 0, 0, 0, None]
    assert [f.pointers for f in rules_of(result, "parse.not_a_number")] == [(RECEIVED.cell_pointer("total"),)]


def test_labels_in_cells_are_still_labels() -> None:
    """A cell holding a label, a column header or a label's start (``1.``) is not taken for a value."""
    header = " | ".join(c.label for c in COLUMNS)
    result = parse(report_text(f"| | {header} |", f"| {RECEIVED.label} | 1 | 2 | 0 | 0 | 0 | 0 | 3 |"))
    assert received(cells_of(result.report)) == [1, 2, 0, 0, 0, 0, 3]
    assert not rules_of(result, "parse.not_a_number")


# --- sizes refused while they are read (issue 17, item 4) ----------------------------------------------------


@pytest.fixture
def lines_cut(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the lines the text front end cuts (one entry per line)."""
    counted: list[int] = []
    original = text_front._lines

    def counting(text: str) -> Iterator[list[str]]:
        for batch in original(text):
            counted.extend([1] * len(batch))
            yield batch

    monkeypatch.setattr(text_front, "_lines", counting)
    return counted


def test_sixteen_million_pipe_lines_are_refused_after_the_item_limit(lines_cut: list[int]) -> None:
    """16 Mi lines of ``|`` (32 MB, the source size limit) are refused once the item limit is passed: the lines cut
    stay within the limit and one chunk, not 16 million."""
    source = "|\n" * (MAX_SOURCE_BYTES // 2)
    with pytest.raises(govreport.ParseError, match="lines or cells"):
        parse(source)
    assert MAX_ITEMS < len(lines_cut) <= MAX_ITEMS + 2 * text_front._CHUNK


def test_text_lines_are_cut_as_splitlines_cuts_them() -> None:
    """Cut a chunk at a time, a long text gives exactly the lines of :meth:`str.splitlines`, whatever the line
    breaks and wherever a chunk ends (``\\r\\n`` split across two chunks included)."""
    breaks = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028"]
    text = "".join("行" * (i % 7) + breaks[i % len(breaks)] for i in range(40_000)) + "尾"
    text = text[: text_front._CHUNK - 1] + "\r\n" + text[text_front._CHUNK - 1 :]
    got = [line for batch in text_front._lines(text) for line in batch]
    assert got == text.splitlines()


@pytest.fixture
def tags_seen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the start tags the HTML front end hands on."""
    seen: list[str] = []
    original = html_front._Collector.start

    def counting(self: Any, tag: str, attributes: str) -> None:
        seen.append(tag)
        original(self, tag, attributes)

    monkeypatch.setattr(html_front._Collector, "start", counting)
    return seen


def test_thirty_two_megabytes_of_paragraph_tags_are_refused_after_the_tag_limit(tags_seen: list[str]) -> None:
    """32 MB of ``<p>`` (11 million tags) are refused once the tag limit is passed, not after every tag."""
    source = "<p>" * (MAX_SOURCE_BYTES // 3)
    with pytest.raises(govreport.ParseError, match="tags"):
        parse(source, kind="html")
    assert len(tags_seen) == MAX_HTML_TAGS


def test_a_table_of_empty_rows_is_refused_at_the_tag_limit() -> None:
    """Rows read at once, one after the other, count their start tags: a table of more empty rows than the tag
    limit is refused."""
    source = "<table>" + "<tr></tr>\n" * MAX_HTML_TAGS + "</table>"
    with pytest.raises(govreport.ParseError, match=f"more than {MAX_HTML_TAGS} tags"):
        parse(source, kind="html")


def test_html_items_are_refused_at_the_item_limit() -> None:
    """A page of more paragraphs than a report has lines is refused while it is scanned."""
    source = "<p>x</p>" * (MAX_ITEMS + 1)
    with pytest.raises(govreport.ParseError, match="lines or cells"):
        parse(source, kind="html")


def test_a_prose_too_large_for_the_loader_is_refused() -> None:
    """A source whose prose would make a document the loader refuses (``json.too_large``) is no report."""
    line = "概况" * 500 + "。"
    prose = [line] * (MAX_DOCUMENT_CHARS // len(line) + 10)
    with pytest.raises(govreport.ParseError, match="document would have"):
        parse(report_text().replace("概况。", "\n".join(prose), 1))


def test_a_large_but_loadable_prose_parses_and_loads() -> None:
    """Prose of a megabyte and more (checked exactly) still parses when the document fits, and loads again."""
    line = "概况" * 500 + "。"
    source = report_text().replace("概况。", "\n".join([line] * 1200), 1)
    report = parse(source).report
    assert len(report.overview) > 1 << 20
    assert govreport.loads(govreport.dumps(report)) == report


def test_an_agency_name_longer_than_the_loader_takes_is_not_taken() -> None:
    """A "name" longer than the loader takes, before the title's year, is not an agency: placeholder and error."""
    title = "某" * (MAX_AGENCY_CHARS + 1) + "2023年政府信息公开工作年度报告"
    result = parse(report_text().replace("某局2023年政府信息公开工作年度报告", title, 1))
    assert [f.severity for f in rules_of(result, "parse.agency_missing")] == [govreport.Severity.ERROR]


# --- PDF: a work budget, and the real cause when reading stops (issue 17, items 4 and 5) ------------------------


_PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
)


def heavy_pdf(operations: int, pages: int) -> bytes:
    """A PDF of ``pages`` pages that all share one content stream of ``operations`` text operations (two operators
    each), compressed: small on disk, heavy to extract."""
    body = b"BT /F1 9 Tf 30 800 Td " + b"(0) Tj 0 -1 Td " * operations + b"ET"
    stream = zlib.compress(body, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (5 + i) for i in range(pages)), pages),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[_PAGE] * pages,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (n, obj))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


@pytest.fixture
def operators_seen(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the content operators text extraction interprets."""
    pytest.importorskip("pypdf")
    seen: list[int] = []
    original = pdf_front._Budget.operator

    def counting(self: Any, *args: Any) -> None:
        seen.append(1)
        original(self, *args)

    monkeypatch.setattr(pdf_front._Budget, "operator", counting)
    return seen


def test_pages_sharing_a_heavy_stream_stop_at_the_operator_budget(operators_seen: list[int]) -> None:
    """400 pages that share one heavy content stream are read only until the operator budget is spent: the
    operators interpreted stay within the budget (plus the one that spent it), and the source says where and why
    reading stopped."""
    data = heavy_pdf(2000, 400)
    assert len(data) < 100_000  # as small as the reproducer (96 kB)
    source = pdf_front.pdf_source(data, max_operators=10_000)
    assert source.stop == Stop(page=2, pages=400, limit="work")
    assert len(operators_seen) == 10_001
    assert {(text, source.location(i << 32).page) for i, text in enumerate(source.texts) if text} == {
        ("0" * 2000, 1),
        ("0" * 2000, 2),
    }


def test_pages_sharing_a_heavy_stream_stop_at_the_content_budget(operators_seen: list[int]) -> None:
    """The content bytes of each page count before the page is read: the budget stops reading before the page
    that would pass it, so no operator of that page is interpreted."""
    data = heavy_pdf(2000, 400)
    per_page = len(b"BT /F1 9 Tf 30 800 Td " + b"(0) Tj 0 -1 Td " * 2000 + b"ET")
    source = pdf_front.pdf_source(data, max_content=3 * per_page + 10)
    assert source.stop == Stop(page=3, pages=400, limit="work")
    assert len(operators_seen) == 3 * (2 * 2000 + 4)


def test_default_budget_bounds_the_heavy_reproducer(operators_seen: list[int]) -> None:
    """With the default budget, a small PDF whose 400 pages share one stream of 40,000 operators is read for at most
    the default number of operators (such a PDF took 85 minutes to read in full)."""
    data = heavy_pdf(20_000, 400)
    source = pdf_front.pdf_source(data)
    assert source.stop is not None
    assert source.stop.limit == "work"
    assert len(operators_seen) <= pdf_front.MAX_PDF_OPERATORS + 1


def test_the_page_limit_is_named(operators_seen: list[int]) -> None:
    """Pages after the page limit are not read, and the source says so (page 400 of 401)."""
    source = pdf_front.pdf_source(heavy_pdf(1, MAX_PAGES + 1))
    assert source.stop == Stop(page=MAX_PAGES, pages=MAX_PAGES + 1, limit="pages")
    assert len([t for t in source.texts if t]) == MAX_PAGES


@cache
def sample_pdf() -> bytes:
    """The sample text drawn into a PDF of eight pages."""
    pytest.importorskip("reportlab")
    return draw_pdf((FIXTURES / "jingxing-2023.txt").read_text(encoding="utf-8"))


def test_a_report_read_up_to_the_page_limit_says_govreport_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A report that runs past the page limit gets ``parse.stopped`` (the page, the page count, the limit, what was
    not read), never ``parse.truncated``: the file is not cut off, govreport stopped reading it."""
    pytest.importorskip("pypdf")
    monkeypatch.setattr(pdf_front, "MAX_PAGES", 2)
    result = parse(sample_pdf())
    assert not rules_of(result, "parse.truncated")
    (stopped,) = rules_of(result, "parse.stopped")
    detail = dict(stopped.detail)
    assert (detail["page"], detail["pages"], detail["limit"]) == ("2", "8", "page")
    assert "五" in detail["sections"]
    assert "stopped reading after page 2 of 8" in stopped.message_in("en")
    assert "not cut off" in stopped.message_in("en")
    assert "第 2 页" in stopped.message_in("zh")
    reasons = {dict(f.detail).get("reason") for f in rules_of(result, "cells.missing")}
    assert "not_read" in reasons
    assert "truncated" not in reasons


def test_a_report_within_the_page_limit_has_no_stop_finding() -> None:
    """The whole sample PDF is read: no ``parse.stopped``."""
    pytest.importorskip("pypdf")
    result = parse(sample_pdf())
    assert not rules_of(result, "parse.stopped")
    assert cells_of(result.report) == cells_of(govreport.loads((FIXTURES / "jingxing-2023.json").read_text("utf-8")))


@pytest.fixture
def choices_made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the token indices the placement's readings are chosen from (every index of every choice made), and
    stops a parse that has chosen more than a million (the count is the list's one entry)."""
    made: list[int] = [0]
    original = placement_module.combinations

    def counting(pool: Any, r: int) -> Iterator[tuple[int, ...]]:
        for choice in original(pool, r):
            made[0] += len(choice)
            if made[0] > 1_000_000:
                raise AssertionError("more than a million indices chosen")
            yield choice

    monkeypatch.setattr(placement_module, "combinations", counting)
    return made


def test_a_row_of_thousands_of_values_is_refused_without_trying_its_readings(choices_made: list[int]) -> None:
    """A row of 7 columns with 9,000 values after its label (a stray run of ``0 |`` lines) has more readings than
    :data:`~govreport.limits.MAX_READINGS`: that is counted before any is made, the row is reported with no cell
    read, and the next rows are read as printed. Before, each reading was made from the tokens it drops, all but 7
    of 9,000: 20,000 choices of about 9,000 indices each, about 30 s of work for a 47 kB source."""
    lines = (FIXTURES / "jingxing-2023.txt").read_text(encoding="utf-8").splitlines()
    at = lines.index("(一)予以公開 |") + 1
    result = parse("\n".join([*lines[:at], *["0 |"] * 9_000, *lines[at:]]))
    misfit = [f for f in result.findings if f.rule == "parse.values_misfit"]
    assert [dict(f.detail)["readings"] for f in misfit] == [f"> {MAX_READINGS}"]
    granted = EDITION.table("requests").lines[2].pointer  # (一)予以公开
    assert choices_made[0] == 0  # not one reading made, of this row or any other of the sample
    expected = govreport.load(FIXTURES / "jingxing-2023.json")
    right = cells_of(expected)
    got = cells_of(result.report)
    row = {p for p in right if p.startswith(granted + "/")}
    assert len(row) == len(COLUMNS)
    assert all(got[p] is None for p in row)  # not one cell of the row guessed
    assert {p for p in right if got[p] != right[p]} == row  # every other cell read as printed
