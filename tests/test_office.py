"""Word and Excel: reading ``.docx`` and ``.xlsx`` reports (merged cells by grid position, formulas computed or read
from their cached values, never trusted), the authoring templates, bounded work on hostile packages, round trips
of generated reports through both formats, and the DOCX layout (landscape table 三, repeated header rows, widths).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("openpyxl")
pytest.importorskip("docx")

import docx
from docx.oxml.ns import qn
from openpyxl import Workbook, load_workbook

import govreport
from govreport.editions import get_edition
from govreport.errors import ParseError, RenderError
from govreport.parsers import MAX_PACKAGE_BYTES, parse, sniff
from govreport.parsers import xlsx as xlsx_front
from govreport.parsers.docx import docx_source
from govreport.parsers.xlsx import FormulaError, evaluate_formula
from govreport.renderers import template
from govreport.renderers._common import place
from govreport.renderers.xlsx import template_cells, total_formulas
from govreport.strategies import reports

from .conftest import cells_of

FIXTURES = Path(__file__).parent / "fixtures"
EDITIONS = ("2021", "2019")


def _sample() -> govreport.Report:
    return govreport.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8"))


def _differences(parsed: Any, report: Any) -> dict[str, tuple[Any, Any]]:
    got, expected = cells_of(parsed), cells_of(report)
    return {p: (got[p], v) for p, v in expected.items() if got[p] != v}


def _prose(report: Any) -> dict[str, str]:
    """The prose of the sections (一, 五, 六). (The preamble is compared where the report has a title: without
    one, a render writes agency and year as its heading, which reads back as the text before 一.)"""
    ed = get_edition(report.edition)
    return {f.key: getattr(report, f.key) for f in ed.fields if f.kind == "prose" and f.section is not None}


def _grid_position(ptr: str) -> tuple[int, int]:
    """The row and column (from 0) of a data cell in its table's official grid."""
    for table in get_edition("2021").tables:
        for row in place(table):
            for p in row:
                if p.cell.pointer == ptr:
                    return p.row, p.col
    raise KeyError(ptr)


def assert_round_trip(parsed: Any, report: Any) -> None:
    """The numbers, the agency, the year and the prose of ``parsed`` are those of ``report``."""
    assert _differences(parsed, report) == {}
    assert (parsed.agency, parsed.year) == (report.agency, report.year)
    expected = {k: v or "" for k, v in _prose(report).items()}
    assert {k: v or "" for k, v in _prose(parsed).items()} == expected


# --- round trips --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("to", ["docx", "xlsx"])
@settings(max_examples=15, deadline=None)  # each example writes and reads an Office package
@given(data=st.data())
def test_office_round_trip(to: str, edition: str, data: st.DataObject) -> None:
    """A generated report of either edition, rendered to DOCX or XLSX, parses back to the same numbers, agency,
    year and prose."""
    report = data.draw(reports(edition))
    out = govreport.render(report, to)
    assert isinstance(out, bytes)
    result = parse(out, edition=edition)
    assert result.kind == to
    assert_round_trip(result.report, report)


@pytest.mark.parametrize("to", ["docx", "xlsx"])
@settings(max_examples=5, deadline=None)
@given(report=reports(missing=True))
def test_office_round_trip_with_missing_cells(to: str, report: Any) -> None:
    """Missing cells (``—`` in a render) read back as missing, never 0, and every other number exactly."""
    out = govreport.render(report, to)
    assert isinstance(out, bytes)
    assert _differences(parse(out).report, report) == {}


@pytest.mark.parametrize("to", ["docx", "xlsx"])
def test_office_edition_is_detected(to: str) -> None:
    """Without ``edition=``, a render of a 2019 report is read as the 2019 edition (its metadata says so)."""
    report = govreport.loads((FIXTURES / "pingtan-2019.json").read_text(encoding="utf-8"))
    out = govreport.render(report, to)
    assert isinstance(out, bytes)
    result = parse(out)
    assert result.report.edition == "2019"
    assert _differences(result.report, report) == {}


def _tamper(package: bytes, member: str, old: bytes, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == member:
                assert old in data
                data = data.replace(old, new, 1)
            dst.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize("to", ["docx", "xlsx"])
def test_round_trip_check_fails_on_a_changed_number(to: str) -> None:
    """The round-trip check is not vacuous: one number changed inside the package is a difference it names."""
    report = _sample()
    out = govreport.render(report, to)
    assert isinstance(out, bytes)
    if to == "docx":
        changed = _tamper(out, "word/document.xml", b"<w:t>1926</w:t>", b"<w:t>1927</w:t>")
    else:
        changed = _tamper(out, "xl/worksheets/sheet2.xml", b"<v>1926</v>", b"<v>1927</v>")
    parsed = parse(changed).report
    assert _differences(parsed, report) == {"/proactive_disclosure/licensing/decisions": (1927, 1926)}
    with pytest.raises(AssertionError):
        assert_round_trip(parsed, report)


def test_round_trip_check_fails_on_changed_prose() -> None:
    """Prose is compared too: a changed sentence is a failure of the round trip."""
    report = _sample()
    out = govreport.render(report, "docx")
    assert isinstance(out, bytes)
    sentence = report.other_matters.split("。")[0].encode()
    changed = _tamper(out, "word/document.xml", sentence[:12], "改".encode() + sentence[3:12])
    with pytest.raises(AssertionError):
        assert_round_trip(parse(changed).report, report)


def test_sample_docx_locations() -> None:
    """Cells of a Word render are located by table, row and grid column; prose by paragraph number."""
    out = govreport.render(_sample(), "docx")
    assert isinstance(out, bytes)
    result = parse(out)
    fee = result.source_map["/proactive_disclosure/fees/amount_10k_yuan"]
    # table 二 is the first table; the fee is where the official grid has it
    assert (fee.table, fee.row, fee.cell) == (0, *_grid_position("/proactive_disclosure/fees/amount_10k_yuan"))
    total = result.source_map["/requests/outcomes/total/total"]
    assert (total.table, total.cell) == (1, 9)  # the 总计 column, behind the three merged label columns
    assert (result.report.title, result.report.preamble) == (_sample().title, _sample().preamble)
    agency = result.source_map["/agency"]
    assert agency.line is not None
    assert agency.table is None


def test_sample_xlsx_locations_and_decimals() -> None:
    """Cells of an Excel render are located by sheet, row and column; an amount keeps its published decimals."""
    report = _sample()
    out = govreport.render(report, "xlsx")
    assert isinstance(out, bytes)
    result = parse(out)
    assert_round_trip(result.report, report)
    fee = result.source_map["/proactive_disclosure/fees/amount_10k_yuan"]
    row, col = _grid_position("/proactive_disclosure/fees/amount_10k_yuan")
    assert (fee.table, fee.row, fee.cell) == (1, row + 2, col)  # sheet 二 (below its heading and a blank row)
    assert (row + 3, col) == (16, 1)  # Excel's B16
    assert result.report.proactive_disclosure.fees.amount_10k_yuan == Decimal("722.61")
    assert (result.report.title, result.report.preamble) == (report.title, report.preamble)


# --- Word: merged cells by grid position ------------------------------------------------------------------------


def test_docx_merged_cells_are_read_once_at_their_grid_column() -> None:
    """A horizontally merged cell is one item at its first grid column, the next cell at the column after the
    merge; a vertically merged cell is read once, in the row where it starts (python-docx repeats both)."""
    document = docx.Document()
    document.add_paragraph("before")
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "wide"
    table.cell(0, 2).text = "c"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "tall"
    table.cell(1, 1).text = "x"
    table.cell(2, 3).text = "7"
    document.add_paragraph("after")
    buffer = io.BytesIO()
    document.save(buffer)
    assert len(table.rows[0].cells) == 4  # python-docx repeats the merged cell
    source, _ = docx_source(buffer.getvalue())
    items = source.items()
    cells = [(i.text, (i.location.table, i.location.row, i.location.cell)) for i in items if i.cell]
    assert cells == [
        ("wide", (0, 0, 0)),
        ("c", (0, 0, 2)),
        ("", (0, 0, 3)),
        ("tall", (0, 1, 0)),
        ("x", (0, 1, 1)),
        ("", (0, 1, 2)),
        ("", (0, 1, 3)),
        ("", (0, 2, 1)),
        ("", (0, 2, 2)),
        ("7", (0, 2, 3)),
    ]
    paragraphs = [(i.text, i.location.line) for i in items if not i.cell]
    assert paragraphs == [("before", 1), ("after", 2)]


# --- Excel: formulas ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "value"),
    [
        ("=SUM(A1:C1)", 6),
        ("=A1+B1-C1", 0),
        ("=SUM(A1,C1)+B1", 6),
        ("=sum($A$1:$B$1)", 3),
        ("=-A1+10", 9),
        ("=SUM(A1:A1)+0.5", Decimal("1.5")),
    ],
)
def test_sum_formulas_are_computed(formula: str, value: Any) -> None:
    """The sums the template writes (and a few spellings of them) are computed exactly."""
    assert evaluate_formula(formula, lambda row, col: {1: 1, 2: 2, 3: 3}[col]) == value


@pytest.mark.parametrize(
    "formula", ["=A1*2", "=AVERAGE(A1:B1)", "=Sheet2!A1", "=SUM(A1:B1", "=A1+", "=IF(A1>0,1,0)", "=SUM(A1:XFD99999)"]
)
def test_other_formulas_are_not_computed(formula: str) -> None:
    """Anything but a sum of cells of the sheet is refused, never approximated."""
    with pytest.raises(FormulaError):
        evaluate_formula(formula, lambda row, col: 1)


def test_formula_over_a_missing_cell_is_not_computed() -> None:
    """A sum over a blank cell is not 0 plus the rest: it cannot be computed."""
    with pytest.raises(FormulaError, match="missing"):
        evaluate_formula("=SUM(A1:B1)", lambda row, col: None if col == 2 else 1)


# --- the authoring templates -------------------------------------------------------------------------------------


def _filled_template(report: Any, edition: str = "2021") -> Workbook:
    """The XLSX template of ``edition`` with ``report`` typed into its input cells (the totals left to their
    formulas, with no cached values: openpyxl computes nothing)."""
    book = load_workbook(io.BytesIO(template("xlsx", edition=edition)))
    computed = total_formulas(get_edition(edition))
    values = cells_of(report)
    for ptr, (sheet, ref) in template_cells(edition).items():
        if ptr not in computed:
            book[sheet][ref] = values[ptr]
    text = book.worksheets[0]
    for row in text.iter_rows():
        label = str(row[0].value or "")
        if label.startswith(("机关名称", "报告年度")):
            row[1].value = report.agency if label.startswith("机关名称") else report.year
    return book


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("edition", EDITIONS)
@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_filled_template_parses_to_the_numbers_typed(edition: str, data: st.DataObject) -> None:
    """A template filled in (no cached formula values) parses to exactly the numbers typed, with every total
    computed from its formula."""
    report = data.draw(reports(edition))
    result = parse(_bytes(_filled_template(report, edition)), edition=edition)
    assert _differences(result.report, report) == {}
    assert (result.report.agency, result.report.year) == (report.agency, report.year)
    assert [f for f in result.findings if f.rule == "parse.formula"] == []


def test_template_totals_are_formulas_from_the_declared_equations() -> None:
    """Every total of the equations that define a cell is a formula over exactly its parts; the balance of table
    三 (two cells on one side) and the cross-year equations are checks, not formulas."""
    edition = get_edition("2021")
    computed = total_formulas(edition)
    book = load_workbook(io.BytesIO(template("xlsx")))
    where = template_cells("2021")
    assert "/requests/outcomes/total/natural_persons" in computed
    assert "/requests/received/total" in computed
    assert "/review_and_litigation/administrative_review/total" in computed
    assert "/requests/carried_forward/natural_persons" not in computed  # the balance is checked, not computed
    assert "/proactive_disclosure/rules/in_force" not in computed  # an equation over last year's report
    for ptr, terms in computed.items():
        sheet, ref = where[ptr]
        cell = book[sheet][ref]
        assert cell.data_type == "f"
        assert isinstance(cell.value, str)
        refs = {where[t.pointer][1] for t in terms}
        expanded = set()
        for part in re.findall(r"[A-Z]+\d+(?::[A-Z]+\d+)?", cell.value):
            first, _, last = part.partition(":")
            last = last or first
            c1, r1 = re.match(r"([A-Z]+)(\d+)", first).groups()  # type: ignore[union-attr]
            c2, r2 = re.match(r"([A-Z]+)(\d+)", last).groups()  # type: ignore[union-attr]
            for r in range(int(r1), int(r2) + 1):
                for c in range(ord(c1), ord(c2) + 1):
                    expanded.add(f"{chr(c)}{r}")
        assert expanded == refs, ptr


def test_template_input_cells_are_unlocked_and_the_rest_protected() -> None:
    """Input cells are unlocked, totals and labels locked, and every sheet protected without a password."""
    book = load_workbook(io.BytesIO(template("xlsx")))
    computed = total_formulas(get_edition("2021"))
    for ws in book.worksheets:
        assert ws.protection.sheet is True
        assert not ws.protection.password
    for ptr, (sheet, ref) in template_cells("2021").items():
        assert book[sheet][ref].protection.locked is (ptr in computed), ptr
    table = get_edition("2021").table("requests")
    label = next(p for row in place(table) for p in row if p.cell.pointer is None)
    ws = book[table.heading[:31]]
    assert ws.cell(row=3 + label.row, column=1 + label.col).protection.locked is True
    # the cells for agency and year on the text sheet take typing
    text = book.worksheets[0]
    assert [r[1].protection.locked for r in text.iter_rows(max_row=3)] == [False, False, False]


def test_template_total_that_disagrees_with_its_parts_is_a_finding() -> None:
    """A total typed over its formula, or a cached value that disagrees with the parts, is read as it stands and
    the validation rules say it disagrees: a formula is never trusted."""
    report = _sample()
    book = _filled_template(report)
    sheet, ref = template_cells("2021")["/requests/received/total"]
    book[sheet][ref] = 80  # the agency typed over the formula
    result = parse(_bytes(book))
    assert result.report.requests.received.total == 80
    failing = {f.rule for f in govreport.validate(result.report).errors}
    assert "requests.row_total" in failing

    # a cached value (as Excel saves it) that disagrees with the parts is read, and found out
    data = _bytes(_filled_template(report))
    index = [ws.title for ws in book.worksheets].index(sheet) + 1
    formula = f"<f>SUM(D{ref[1:]}:I{ref[1:]})</f><v></v>".encode()
    tampered = _tamper(data, f"xl/worksheets/sheet{index}.xml", formula, formula.replace(b"<v></v>", b"<v>99</v>"))
    result = parse(tampered)
    assert result.report.requests.received.total == 99
    assert "requests.row_total" in {f.rule for f in govreport.validate(result.report).errors}


def test_unsupported_formula_is_null_with_a_finding() -> None:
    """A formula govreport does not compute leaves its cell missing, with a ``parse.formula`` finding there."""
    book = _filled_template(_sample())
    sheet, ref = template_cells("2021")["/requests/received/total"]
    book[sheet][ref] = "=D6*2"
    result = parse(_bytes(book))
    assert result.report.requests.received.total is None
    found = [f for f in result.findings if f.rule == "parse.formula"]
    assert len(found) == 1
    assert found[0].pointers == ("/requests/received/total",)
    assert found[0].excerpt == "=D6*2"
    assert found[0].location is not None
    assert (found[0].location.row, found[0].location.cell) == (5, 9)
    assert "not computed" in found[0].message_in("en")


def test_total_over_a_blank_input_is_missing_not_a_partial_sum() -> None:
    """A part left blank is missing, so the total that adds it cannot be computed: it is missing too, with a
    ``parse.formula`` finding, never the sum of the other parts."""
    book = _filled_template(_sample())
    sheet, ref = template_cells("2021")["/requests/received/natural_persons"]
    book[sheet][ref] = None
    result = parse(_bytes(book))
    received = result.report.requests.received
    assert (received.natural_persons, received.total) == (None, None)
    assert received.commercial_enterprises == 0
    found = {f.pointers: dict(f.detail)["reason"] for f in result.findings if f.rule == "parse.formula"}
    assert found[("/requests/received/total",)] == "a cell it adds is missing or not a number"
    assert ("/requests/outcomes/total/natural_persons",) not in found  # its parts are all there


def test_blank_template_reads_as_missing_never_zero() -> None:
    """The blank templates parse to a report whose every cell is missing (never 0)."""
    for to in ("xlsx", "docx"):
        result = parse(template(to))
        assert set(cells_of(result.report).values()) == {None}
        assert result.kind == to


def test_filled_docx_template_parses_to_the_numbers_typed() -> None:
    """The Word template, its empty value cells filled with python-docx, reads back every number and prose."""
    report = _sample()
    edition = get_edition("2021")
    document = docx.Document(io.BytesIO(template("docx")))
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("机关名称"):
            paragraph.add_run(report.agency)
        elif paragraph.text.startswith("报告年度"):
            paragraph.add_run(str(report.year))
    values = cells_of(report)
    tables = document.tables
    boxes = [t for t in tables if len(t.rows) == 1 and len(t.columns) == 1]
    grids = [t for t in tables if t not in boxes]
    assert len(grids) == len(edition.tables)
    for spec, grid in zip(edition.tables, grids, strict=True):
        for row in place(spec):
            for p in row:
                if p.cell.pointer is not None and values[p.cell.pointer] is not None:
                    grid.cell(p.row, p.col).paragraphs[0].add_run(str(values[p.cell.pointer]))
    boxes[0].cell(0, 0).paragraphs[0].add_run(report.overview.split("\n")[0])
    buffer = io.BytesIO()
    document.save(buffer)
    result = parse(buffer.getvalue())
    assert _differences(result.report, report) == {}
    assert result.report.agency == report.agency
    assert result.report.overview == report.overview.split("\n")[0]


def test_template_api_errors() -> None:
    """An unknown template format or edition is govreport's own error."""
    with pytest.raises(RenderError, match="xlsx or docx"):
        template("pdf")
    with pytest.raises(govreport.GovReportError):
        template("xlsx", edition="1999")


# --- kinds, sniffing and hostile packages ------------------------------------------------------------------


def test_sniff_and_suffix(tmp_path: Path) -> None:
    """Word and Excel files are recognised by their ZIP members, and by their file names."""
    docx_bytes, xlsx_bytes = template("docx"), template("xlsx")
    assert sniff(docx_bytes) == "docx"
    assert sniff(xlsx_bytes) == "xlsx"
    odd = tmp_path / "report.bin"
    odd.write_bytes(xlsx_bytes)
    assert parse(odd).kind == "xlsx"
    named = tmp_path / "report.docx"
    named.write_bytes(docx_bytes)
    assert parse(named).kind == "docx"
    with pytest.raises(ParseError, match=r"no xl/workbook\.xml"):
        parse(docx_bytes, kind="xlsx")
    with pytest.raises(ParseError, match="path or bytes"):
        parse("text", kind="docx")


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_hostile_packages_are_refused_with_parse_errors(kind: str) -> None:
    """Broken, encrypted, other and bomb-like packages give govreport's own ParseError, never a foreign one."""
    main = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    cases = [
        b"PK\x03\x04 not really a zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,  # an encrypted package is an OLE file
        _zip({"[Content_Types].xml": b"<Types/>", "other.xml": b"<x/>"}),
        _zip({"[Content_Types].xml": b"<Types/>", main: b"<not xml"}),
        _zip({"[Content_Types].xml": b"<Types/>", main: b"\x00" * (MAX_PACKAGE_BYTES + 1)}),
    ]
    for data in cases:
        with pytest.raises(ParseError):
            parse(data, kind=kind)
    bomb = cases[-1]
    assert len(bomb) < MAX_PACKAGE_BYTES // 100  # a ZIP bomb: refused before it is unpacked
    with pytest.raises(ParseError, match="ZIP bomb"):
        parse(bomb, kind=kind)


def test_too_many_cells_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook whose sheets hold more cells than the limit is refused before openpyxl loads it."""
    monkeypatch.setattr(xlsx_front, "MAX_SHEET_CELLS", 100)
    with pytest.raises(ParseError, match="more than 100 cells"):
        parse(template("xlsx"))


def test_a_vast_sheet_area_is_refused_not_walked() -> None:
    """A workbook of few cells that spans a whole sheet (a merged range over millions of cells, cells far out in
    column XFD, formulas over large ranges again and again) is refused or read by its cells, never walked cell by
    cell: openpyxl would make an object of every merged cell, so merged ranges count as cells before it loads."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws["A1"] = "x"
    ws.merge_cells("B2:C3")
    merged = _tamper(_bytes(book), "xl/worksheets/sheet1.xml", b'ref="B2:C3"', b'ref="B2:XFD1048575"')
    with pytest.raises(ParseError, match="merged ranges counted"):
        parse(merged, kind="xlsx")

    wide = Workbook()
    ws = wide.active
    assert ws is not None
    for row in range(1, 101):
        ws.cell(row=row, column=16384, value=1)
    with pytest.raises(ParseError, match="span more than"):
        parse(_bytes(wide), kind="xlsx")

    sparse = Workbook()
    ws = sparse.active
    assert ws is not None
    ws["A1"] = "x"
    ws["XFD1048576"] = 1  # two rows, however far apart
    source, _, _ = xlsx_front.xlsx_source(_bytes(sparse))
    assert source.texts == ["x", "1"]

    summed = Workbook()
    ws = summed.active
    assert ws is not None
    for row in range(1, 10001):
        ws.cell(row=row, column=2, value=1)
    ws["A1"] = "=" + "+".join(["SUM(B1:B10000)"] * 120)
    with pytest.raises(ParseError, match="span more than"):
        parse(_bytes(summed), kind="xlsx")


def test_a_zip_that_is_neither_is_not_read_as_office() -> None:
    """A ZIP archive that is no Word or Excel file is not taken for one (it is binary data, not a report)."""
    data = _zip({"readme.txt": b"hello"})
    assert sniff(data) not in ("docx", "xlsx")
    with pytest.raises(ParseError):
        parse(data)


# --- the command line ----------------------------------------------------------------------------------------


def test_cli_template_and_parse(tmp_path: Path) -> None:
    """``govreport template --to xlsx|docx -o FILE`` writes the template; ``parse --from`` reads Office files."""
    for to in ("xlsx", "docx"):
        out = tmp_path / f"template.{to}"
        done = subprocess.run(
            [sys.executable, "-m", "govreport", "template", "--to", to, "--edition", "2019", "-o", str(out)],
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert sniff(out.read_bytes()) == to
    rendered = tmp_path / "report.bin"
    data = govreport.render(_sample(), "docx")
    assert isinstance(data, bytes)
    rendered.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "govreport", "parse", "--from", "docx", str(rendered)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert govreport.loads(done.stdout.decode()).agency == _sample().agency
    done = subprocess.run(
        [sys.executable, "-m", "govreport", "template", "--to", "xlsx", "--edition", "1999"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert b"1999" in done.stderr


def test_validate_published_reads_office_files(tmp_path: Path) -> None:
    """``govreport validate --published DIR`` reads the Word and Excel reports in a folder like the others."""
    for to in ("docx", "xlsx"):
        data = govreport.render(_sample(), to)
        assert isinstance(data, bytes)
        (tmp_path / f"report.{to}").write_bytes(data)
    (tmp_path / "template.xlsx").write_bytes(template("xlsx"))
    done = subprocess.run(
        [sys.executable, "-m", "govreport", "validate", "--published", "--json", "--no-summary", str(tmp_path)],
        capture_output=True,
        check=False,
    )
    lines = [json.loads(line) for line in done.stdout.decode().splitlines() if line.strip()]
    assert sorted(Path(line["file"]).name for line in lines) == ["report.docx", "report.xlsx", "template.xlsx"]
    verdicts = {Path(line["file"]).name: line["valid"] for line in lines}
    assert verdicts["report.docx"] == verdicts["report.xlsx"]
    assert verdicts["template.xlsx"] is False  # a blank template names no agency: an error finding


# --- the DOCX layout (issue 15) ------------------------------------------------------------------------------


def _body(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data)).element.body


def test_docx_wide_tables_are_on_landscape_pages() -> None:
    """Tables 三 and 四 are in a landscape section of their own; the text before and after is on portrait pages."""
    out = govreport.render(_sample(), "docx")
    assert isinstance(out, bytes)
    document = docx.Document(io.BytesIO(out))
    body = document.element.body
    sections: list[tuple[str, list[int]]] = []  # (orientation, widths of the tables in the section)
    tables: list[int] = []
    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            tables.append(len(child.findall(qn("w:tblGrid") + "/" + qn("w:gridCol"))))
        sect = child.find(".//" + qn("w:sectPr")) if child.tag == qn("w:p") else None
        if child.tag == qn("w:sectPr"):
            sect = child
        if sect is not None:
            size = sect.find(qn("w:pgSz"))
            landscape = size.get(qn("w:orient")) == "landscape" and int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))
            sections.append(("landscape" if landscape else "portrait", tables))
            tables = []
    widths = [t.width for t in get_edition("2021").tables]
    assert sections == [("portrait", [widths[0]]), ("landscape", widths[1:]), ("portrait", [])]


def test_docx_header_rows_repeat_and_rows_do_not_split() -> None:
    """The header rows of 三 and 四 (the rows above the first value) are marked to repeat on every page."""
    out = govreport.render(_sample(), "docx")
    assert isinstance(out, bytes)
    tables = _body(out).findall(qn("w:tbl"))
    edition = get_edition("2021")
    for spec, tbl in zip(edition.tables, tables, strict=True):
        rows = tbl.findall(qn("w:tr"))
        marked = [r.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None for r in rows]
        assert all(r.find(qn("w:trPr") + "/" + qn("w:cantSplit")) is not None for r in rows)
        if spec.key == "proactive_disclosure":
            assert not any(marked)  # a header per block: none repeats
            continue
        header = next(i for i, row in enumerate(place(spec)) if any(p.cell.pointer for p in row))
        assert header >= 1
        assert marked == [True] * header + [False] * (len(rows) - header)


def test_docx_columns_fit_their_labels() -> None:
    """Every column is wide enough for its short labels (其他, 总计…) on one line at 9 points, and the table fills
    the page's text width."""
    out = govreport.render(_sample(), "docx")
    assert isinstance(out, bytes)
    tables = _body(out).findall(qn("w:tbl"))
    edition = get_edition("2021")
    twips_per_char = 9 * 20  # a CJK character at 9 points, in twentieths of a point
    margins = 2 * 108  # Word's default cell margins (0.19 cm each side)
    for spec, tbl in zip(edition.tables, tables, strict=True):
        grid = [int(c.get(qn("w:w"))) for c in tbl.findall(qn("w:tblGrid") + "/" + qn("w:gridCol"))]
        page = (297 if spec.width > 5 else 210) - 40
        assert abs(sum(grid) - page / 25.4 * 1440) < 1440 * 0.05  # fills the text width, give or take rounding
        for row in place(spec):
            for p in row:
                text = p.cell.text or ""
                if p.cell.pointer is None and p.cell.colspan == 1 and 0 < len(text) <= 4:
                    assert grid[p.col] >= len(text) * twips_per_char + margins, (spec.key, text, grid[p.col])
