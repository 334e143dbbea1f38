"""Properties of every renderer over generated reports: it never raises, and its output holds every value where
the official layout puts it.

Reports come from ``govreport.strategies.reports()`` (valid by construction, every shape, with and without
missing cells) and from a local strategy of "wild" reports that the model can hold but no published report
would: negative and huge counts, odd decimals, hostile prose with control characters, markup and lone surrogates.
"""

from __future__ import annotations

import csv
import html
import io
import re
from decimal import Decimal
from typing import Any

import attrs
import docx
import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport.editions import pointer
from govreport.limits import MAX_AMOUNT, MAX_COUNT
from govreport.renderers import _common
from govreport.strategies import reports

EDITION = govreport.get_edition("2021")
RULES = govreport.rules_for("2021")
POINTERS = list(EDITION.cell_pointers())

HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "a & b &amp; c",
        "**bold** [link](javascript:alert(1)) | pipe",
        "\x1b[2J\x00\x07",
        "\ud800 lone surrogate",
        "=HYPERLINK(1)",
        "line\nbreak\r\nmore",
        "\u202etext direction",
        "",
    ]
)
TEXT = st.one_of(st.text(max_size=60), HOSTILE)


def _no_table_mark(text: str) -> bool:
    return not any(line.lstrip().startswith("|") for line in text.splitlines())


def _counts() -> st.SearchStrategy[int | None]:
    return st.one_of(st.none(), st.integers(0, 20), st.integers(0, MAX_COUNT))


def _amounts() -> st.SearchStrategy[Decimal | None]:
    return st.one_of(
        st.none(),
        st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
        st.decimals(min_value=0, max_value=MAX_AMOUNT, allow_nan=False, allow_infinity=False),
    )


@st.composite
def wild_reports(draw: st.DrawFn) -> govreport.Report:
    """Reports the model can hold, built cell by cell with no regard for the 勾稽 relations."""
    doc: dict[str, Any] = {"edition": "2021", "agency": "x", "year": draw(st.integers(1000, 9999))}
    for f in EDITION.fields:
        if f.kind == "prose":
            doc[f.key] = ""
    for ptr in POINTERS:
        cell = EDITION.cell(ptr)
        assert cell is not None
        value = draw(_amounts() if cell[1].kind == "amount" else _counts())
        node = doc
        *parents, last = ptr[1:].split("/")
        for token in parents:
            node = node.setdefault(token, {})
        node[last] = value
    report = govreport.structure(doc)
    # Free text, negative counts and values past the limits go in after loading: the loader refuses lone
    # surrogates, negatives and numbers out of range, a program building a report can hold them
    # (values.non_negative reports the negatives).
    agency = draw(TEXT.filter(str.strip))
    # Prose goes out verbatim in plain text, so a prose line that starts with "|" looks exactly like a table row
    # there; the checker below finds table rows by that mark, so prose drawn here never starts a line with it.
    texts = {f.key: draw(TEXT.filter(_no_table_mark)) for f in EDITION.fields if f.kind == "prose"}
    title = draw(st.none() | TEXT)
    negative = draw(st.none() | st.integers(-(10**9), -1))
    huge = draw(st.none() | st.integers(MAX_COUNT + 1, 10**30))
    requests = report.requests
    if negative is not None:
        requests = attrs.evolve(requests, received=attrs.evolve(requests.received, natural_persons=negative))
    if huge is not None:
        requests = attrs.evolve(requests, received=attrs.evolve(requests.received, commercial_enterprises=huge))
    proactive = report.proactive_disclosure
    fee = draw(st.none() | st.decimals(min_value=MAX_AMOUNT + 1, allow_nan=False, allow_infinity=False))
    if fee is not None:
        proactive = attrs.evolve(proactive, fees=attrs.evolve(proactive.fees, amount_10k_yuan=fee))
    return attrs.evolve(report, agency=agency, title=title, requests=requests, proactive_disclosure=proactive, **texts)


any_reports = st.one_of(
    reports(),
    reports(missing=True),
    reports(shape="small"),
    reports(shape="city", missing=True),
)


def _expected_texts(report: govreport.Report) -> dict[str, str]:
    return {
        ptr: (_common.MISSING_MARK if (t := _common.format_value(v)) is None else t)
        for ptr, v in RULES.read_cells(report).items()
    }


def _grid_rows_with_values(table: Any) -> list[list[str]]:
    return [[p.cell.pointer for p in row if p.cell.pointer] for row in _common.place(table)]


# --- the checks, one per format -------------------------------------------------------------------------


def check_html(report: govreport.Report, out: str) -> None:
    expected = _expected_texts(report)
    found = dict(re.findall(r'<td class="[^"]*"[^>]*data-pointer="([^"]+)"[^>]*>([^<]*)</td>', out))
    assert {p: html.unescape(v) for p, v in found.items()} == expected
    assert "<script>" not in out.split("<style>", maxsplit=1)[0] + out.split("</style>")[1]


def _table_lines(out: str, *, markdown: bool) -> list[list[str]]:
    """The cells of every table line, in order; Markdown's alignment rows are left out."""
    rows = []
    for line in out.splitlines():
        if not line.startswith("|") or re.fullmatch(r"[|\-: ]+", line):
            continue
        body = line[1:-1]
        cells = re.split(r"(?<!\\)\|", body)
        rows.append([c.strip() for c in cells])
    del markdown
    return rows


def check_table_text(report: govreport.Report, out: str, *, markdown: bool) -> None:
    expected = _expected_texts(report)
    lines = iter(_table_lines(out, markdown=markdown))
    for table in EDITION.tables:
        for title, rows in _common.segments(table):
            del title
            for row in rows:
                line = next(lines)
                pointers = [p.cell.pointer for p in row if p.cell.pointer]
                if pointers:
                    values = line[-len(pointers) :]
                    assert values == [expected[p] for p in pointers], (table.key, pointers[0])


def check_csv(report: govreport.Report, out: str) -> None:
    cells = RULES.read_cells(report)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["pointer"] for r in rows] == POINTERS
    for r in rows:
        value = _common.format_value(cells[r["pointer"]])
        assert r["value"] == ("" if value is None else value)


def check_xlsx(report: govreport.Report, out: bytes) -> None:
    cells = RULES.read_cells(report)
    wb = openpyxl.load_workbook(io.BytesIO(out))
    for table in EDITION.tables:
        ws = wb[table.heading]
        for row in _common.place(table):
            for p in row:
                if p.cell.pointer is None:
                    continue
                at = ws.cell(row=3 + p.row, column=1 + p.col).value
                value = cells[p.cell.pointer]
                if value is None:
                    assert at == _common.MISSING_MARK
                elif isinstance(at, str):  # too many digits for a double: kept as exact text
                    assert at == _common.format_value(value)
                else:
                    assert Decimal(str(at)) == value


def check_docx(report: govreport.Report, out: bytes) -> None:
    expected = _expected_texts(report)
    document = docx.Document(io.BytesIO(out))
    for table, word in zip(EDITION.tables, document.tables, strict=True):
        grid = word._cells
        for row in _common.place(table):
            for p in row:
                if p.cell.pointer is not None:
                    assert grid[p.row * table.width + p.col].text == expected[p.cell.pointer]


TEXT_CHECKS = {
    "html": check_html,
    "text": lambda r, o: check_table_text(r, o, markdown=False),
    "markdown": lambda r, o: check_table_text(r, o, markdown=True),
    "csv": check_csv,
}


@given(report=st.one_of(any_reports, wild_reports()))
def test_text_renderers_never_raise_and_show_every_value_in_place(report: govreport.Report) -> None:
    """HTML, Markdown, text and CSV render every report, each value exactly at its place in the layout, and the
    same report twice gives the same output."""
    for name, check in TEXT_CHECKS.items():
        out = govreport.render(report, name)
        assert isinstance(out, str)
        out.encode("utf-8")
        check(report, out)
        assert govreport.render(report, name) == out


@settings(max_examples=20)  # renders four formats with findings: a few tenths of a second each
@given(report=st.one_of(any_reports, wild_reports()), data=st.data())
def test_text_renderers_take_the_report_s_own_findings(report: govreport.Report, data: st.DataObject) -> None:
    """With the report's own findings, no text renderer raises, and the table values stay in place."""
    findings = govreport.validate(report).findings
    lang = data.draw(st.sampled_from(["zh", "en"]))
    check_html(
        report,
        re.sub(
            r'<span class="gr-value">([^<]*)</span><sup class="gr-fn">.*?</sup>',
            r"\1",
            str(govreport.render(report, "html", findings=findings, lang=lang)),
        ),
    )
    for name in ("text", "markdown"):
        out = str(govreport.render(report, name, findings=findings, lang=lang))
        assert out.count("\n") > 50
    rows = list(csv.DictReader(io.StringIO(str(govreport.render(report, "csv", findings=findings)))))
    assert len(rows) == len(POINTERS)


@settings(max_examples=10)  # an XLSX and a DOCX take a few tenths of a second each
@given(report=st.one_of(any_reports, wild_reports()))
def test_office_renderers_never_raise_and_put_every_value_in_its_cell(report: govreport.Report) -> None:
    """XLSX and DOCX render every report with each value in the cell of the official grid."""
    check_xlsx(report, bytes(govreport.render(report, "xlsx")))
    check_docx(report, bytes(govreport.render(report, "docx")))


def test_the_pointer_helper_matches_the_edition() -> None:
    """The table walk of these tests sees the 200 cells of the edition, each once."""
    seen = [p for t in EDITION.tables for row in _grid_rows_with_values(t) for p in row]
    assert sorted(seen) == sorted(POINTERS)
    assert pointer(("requests", "received", "total")) in seen
