"""Hostile and odd input for the input kinds added after issue 17: Markdown, Word, Excel, the templates, and the
corpus verbs that walk folders (export, report).

Each reproducer failed before its fix; bounds are asserted through the limits (a refusal that names the limit, a
library that is never called) or a CPU-time budget, never through wall-clock timing.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
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

import govreport
from govreport import limits, parsers
from govreport.cli import main
from govreport.errors import ParseError
from govreport.findings import Severity
from govreport.parsers import docx as docx_front
from govreport.parsers import xlsx as xlsx_front
from govreport.serialization import dumps_json

from .conftest import run_with_budget
from .test_hostile_input import SAMPLE_DOC, SAMPLE_TEXT, _deny


def _parse_with_budget(path: Path, *, cpu_seconds: int) -> subprocess.CompletedProcess[str]:
    """Parse ``path`` in a child process limited to ``cpu_seconds`` of CPU; it prints ``refused <error>`` when
    govreport refuses the file with a ParseError."""
    code = (
        "import pathlib\n"
        "import govreport\n"
        "from govreport.errors import ParseError\n"
        "try:\n"
        f"    govreport.parse(pathlib.Path({str(path)!r}))\n"
        "except ParseError as e:\n"
        "    print('refused', e)\n"
    )
    return run_with_budget(code, cpu_seconds=cpu_seconds)


openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("docx")

ROOT = Path(__file__).parent.parent
_CT = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HOSTILE = ["=1+1", '=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _zip(members: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return out.getvalue()


def _docx(body: str) -> bytes:
    document = f'<?xml version="1.0"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    return _zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": document})


def _workbook(fill: Any) -> bytes:
    wb = openpyxl.Workbook()
    fill(wb.active)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _never(*_: Any, **__: Any) -> Any:
    raise AssertionError("the library was asked to read what the limits refuse")


# --- size bombs ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["md", "html"])
def test_unclosed_nested_table_markup_is_read_in_bounded_work(tmp_path: Path, kind: str) -> None:
    """``<table><tr><td>`` repeated without an end tag (in HTML, or a Markdown file full of it) made the row
    reader search to the end of the page for every row: 300 kB ran 35 s, 3 MB hung; now it is refused at once."""
    path = tmp_path / f"bomb.{kind}"
    path.write_text("<table><tr><td>" * 70_000, encoding="utf-8")
    done = _parse_with_budget(path, cpu_seconds=30)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "refused" in done.stdout
    assert "not a report" in done.stdout


def test_a_word_document_of_millions_of_tags_is_refused_before_it_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """2 million line breaks (40 MB of XML in 90 kB) took 833 MB in python-docx before the item limit; now the tags
    are counted while the part is unpacked, and python-docx is never called."""
    import docx  # noqa: PLC0415 - the library watched

    monkeypatch.setattr(docx, "Document", _never)
    data = _docx("<w:p><w:r>" + "<w:t>x</w:t><w:br/>" * (limits.MAX_PACKAGE_TAGS // 3 + 1) + "</w:r></w:p>")
    with pytest.raises(ParseError, match=f"more than {limits.MAX_PACKAGE_TAGS} tags"):
        parsers.parse(data, kind="docx")


def test_a_shared_strings_bomb_is_refused_before_openpyxl_loads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook of 3 million tiny shared strings ran past 40 s in openpyxl; now it is refused by its tag count."""
    base = zipfile.ZipFile(io.BytesIO(_workbook(lambda ws: ws.cell(1, 1, "x"))))
    members: dict[str, str | bytes] = {name: base.read(name) for name in base.namelist()}
    strings = "<si><t>a</t></si>" * (limits.MAX_PACKAGE_TAGS // 2 + 1)
    members["xl/sharedStrings.xml"] = (
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>'
    )
    monkeypatch.setattr("openpyxl.load_workbook", _never)
    with pytest.raises(ParseError, match=f"sharedStrings.xml holds more than {limits.MAX_PART_TAGS} tags"):
        parsers.parse(_zip(members), kind="xlsx")


def test_a_style_bomb_is_refused_before_openpyxl_loads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """600,000 style records (under the package's tag limit) took openpyxl 34 s and 360 MB; a part that is not the
    body or a sheet now has a limit of its own, MAX_PART_TAGS."""
    base = zipfile.ZipFile(io.BytesIO(_workbook(lambda ws: ws.cell(1, 1, "x"))))
    members: dict[str, str | bytes] = {name: base.read(name) for name in base.namelist()}
    records = "<xf/>" * (limits.MAX_PART_TAGS + 1)
    members["xl/styles.xml"] = (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<cellXfs>{records}</cellXfs></styleSheet>"
    )
    monkeypatch.setattr("openpyxl.load_workbook", _never)
    with pytest.raises(ParseError, match=f"xl/styles.xml holds more than {limits.MAX_PART_TAGS} tags"):
        parsers.parse(_zip(members), kind="xlsx")


def test_a_package_within_the_limits_is_read() -> None:
    """The tag count refuses nothing a template holds: both templates pass the package check."""
    from govreport.parsers._package import check_package  # noqa: PLC0415 - the check under test
    from govreport.renderers import template  # noqa: PLC0415 - the writer of the templates

    for kind in ("xlsx", "docx"):
        data = template(kind)
        check_package(data, kind)
        package = zipfile.ZipFile(io.BytesIO(data))
        xml = b"".join(package.read(n) for n in package.namelist())
        assert xml.count(b"<") < limits.MAX_PACKAGE_TAGS // 10


def test_a_chain_of_formulas_deeper_than_the_limit_is_a_finding_not_a_recursion_error() -> None:
    """A column of 3000 formulas each over the next ended in RecursionError (reported through a foreign message);
    now a chain deeper than MAX_FORMULA_DEPTH leaves its cells missing with a parse.formula reason."""

    def chain(ws: Any) -> None:
        ws["A1"] = "一、总体情况"
        n = limits.MAX_FORMULA_DEPTH * 3
        for i in range(2, n):
            ws.cell(i, 2, f"=B{i + 1}+1")
        ws.cell(n, 2, 1)

    _, _, problems = xlsx_front.xlsx_source(_workbook(chain))
    reasons = {p.error.reason for p in problems}
    assert "formulas over formulas nested too deep" in reasons


def test_a_formula_cycle_is_a_finding() -> None:
    """Two formulas over each other are a cycle: both cells missing, with the reason, never a hang."""

    def cycle(ws: Any) -> None:
        ws["A1"] = "x"
        ws["B1"] = "=C1"
        ws["C1"] = "=B1+1"

    _, _, problems = xlsx_front.xlsx_source(_workbook(cycle))
    assert {p.error.reason for p in problems} == {"the formulas refer to each other in a cycle"}


def test_huge_numbers_in_a_workbook_are_read_without_a_foreign_error() -> None:
    """1e308 under a 0.00 format raised decimal.InvalidOperation, and a 5000-digit number in a formula int()'s
    ValueError; now the first is read as written, and a formula's overlong number is a parse.formula finding."""

    def numbers(ws: Any) -> None:
        ws["A1"] = "一、总体情况"
        ws["A2"] = 1e308
        ws["A2"].number_format = "0.00"
        ws["B2"] = 1e-300
        ws["C2"] = 10**30
        ws["D2"] = "=1" + "0" * 40 + "+1"
        ws["F2"] = "=1" + "0" * 5000 + "+1"
        ws["E2"] = float("-0.0")

    source, _, problems = xlsx_front.xlsx_source(_workbook(numbers))
    assert any(t.startswith("1" + "0" * 308) for t in source.texts)
    assert [p.error.reason for p in problems] == ["a number longer than a spreadsheet holds", "not a sum of cells"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a readable ZIP archive"),
        (b"PK\x03\x04", "not a readable ZIP archive"),
        (b"not a zip at all", "not a readable ZIP archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "OLE"),
        (_zip({"[Content_Types].xml": _CT, "word/document.xml": "<a/>" + " " * (65 << 20)}), "ZIP bomb"),
        (_zip({**{f"m{i}": "" for i in range(2100)}, "[Content_Types].xml": _CT}), "members"),
        (_docx("<w:p>" * 300 + "</w:p>" * 300), "readable"),
        (_docx("<w:p><w:r><w:t>" + "x" * 11_000_000 + "</w:t></w:r></w:p>"), "readable"),
    ],
)
def test_broken_and_bombed_word_packages_are_parse_errors(data: bytes, message: str) -> None:
    """Non-ZIP bytes named .docx, truncated or encrypted packages, ZIP bombs, too many members, deep XML and a huge
    text node: each a ParseError that says why."""
    with pytest.raises(ParseError, match=message):
        parsers.parse(data, kind="docx")


def test_truncated_office_files_are_parse_errors() -> None:
    """Half a valid workbook or document is no readable ZIP archive."""
    whole = _workbook(lambda ws: ws.cell(1, 1, "x"))
    for kind, data in (("xlsx", whole), ("docx", _docx("<w:p/>"))):
        with pytest.raises(ParseError, match="not a readable ZIP archive"):
            parsers.parse(data[: len(data) // 2], kind=kind)


@pytest.mark.parametrize(
    "text",
    [
        "|\n" * 70_000,
        "#" * 100_000 + " 一、总体情况\n",
        "".join(f"{'#' * (i % 6 + 1)} 二、主动公开政府信息情况\n" for i in range(60_000)),
        "| a |" + " b |" * 20_000 + "\n|" + "---|" * 20_001 + "\n" + "| 1 |" + " 2 |" * 20_000 + "\n",
        ">" * 200_000 + " x\n",
        "*" * 200_000,
    ],
    ids=["pipes", "deep-heading", "headings", "wide-table", "quotes", "emphasis"],
)
def test_markdown_size_bombs_end_in_a_result_or_a_parse_error(text: str) -> None:
    """Markdown bombs (a line of pipes per line, a heading of 100,000 #, 60,000 headings, a 20,000-column table…)
    end in a result or govreport's ParseError, within the item limits."""
    result: parsers.ParseResult | ParseError
    try:
        result = parsers.parse(text, kind="markdown")
    except ParseError as e:
        result = e
    if isinstance(result, ParseError):
        assert re.search("not a report|more than", str(result))
    else:
        govreport.loads(govreport.dumps(result.report))


# --- numbers in every numeric position ----------------------------------------------------------------------------

#: The numbers of _NUMBERS that write a count, and the count.
_COUNTS = {"１２３": 123, "1,234,567": 1234567}
_NUMBERS = ["9" * 5000, "1e999999", "-1e999999", "1E+308", "0.000001", "NaN", "Infinity", "１２３", "1,234,567", "(3)"]


@pytest.mark.parametrize("number", _NUMBERS)
def test_any_number_in_a_markdown_table_parses_to_a_loadable_document(number: str) -> None:
    """A number of any size or notation in a count's cell of a Markdown table parses to a document the loader
    reads back, never int()'s 4300-digit ValueError; the cell holds the count the number writes (full-width digits,
    thousands separators), or is null with a warning on it, never a wrong number."""
    text = (
        "# 某某局2023年政府信息公开工作年度报告\n## 三、收到和处理政府信息公开申请情况\n"
        f"| 本年度办理结果 | 自然人 |\n|---|---|\n| 一、本年新收政府信息公开申请数量 | {number} |\n"
    )
    result = parsers.parse(text, kind="markdown")
    assert govreport.loads(govreport.dumps(result.report)) == result.report
    cell = "/requests/received/natural_persons"
    value = result.report.requests.received.natural_persons
    if number in _COUNTS:
        assert value == _COUNTS[number]
    else:
        assert value is None
        warned = [f for f in result.findings if f.severity in (Severity.WARNING, Severity.ERROR)]
        assert any(cell in (*f.pointers, *f.missing) for f in warned)


@given(st.lists(st.sampled_from([*_NUMBERS, "1", "=1+1", "", "—", "/"]), min_size=1, max_size=8))
@settings(max_examples=25, deadline=None)
def test_numbers_in_workbook_cells_never_escape_as_foreign_errors(cells: list[str]) -> None:
    """Any mix of numbers, exponents, formulas and marks in a workbook's cells reads, or is a ParseError."""

    def fill(ws: Any) -> None:
        ws["A1"] = "一、总体情况"
        for i, value in enumerate(cells, 1):
            ws.cell(2, i, value)

    with contextlib.suppress(ParseError):
        xlsx_front.xlsx_source(_workbook(fill))


@given(
    st.lists(
        st.sampled_from(
            [
                "<w:p>",
                "</w:p>",
                "<w:tbl>",
                "</w:tbl>",
                "<w:tr>",
                "</w:tr>",
                "<w:tc>",
                "</w:tc>",
                "<w:r><w:t>1</w:t></w:r>",
                '<w:gridSpan w:val="99999999999999999999"/>',
                "<w:vMerge/>",
                "<w:sdt><w:sdtContent>",
                "</w:sdtContent></w:sdt>",
                "x",
                "&amp;",
                "<",
            ]
        ),
        max_size=40,
    )
)
@settings(max_examples=40, deadline=None)
def test_any_word_body_is_read_or_refused(parts: list[str]) -> None:
    """Any body of Word markup, well-formed or not, reads or is a ParseError: python-docx's and lxml's errors never
    escape."""
    with contextlib.suppress(ParseError):
        docx_front.docx_source(_docx("".join(parts)))


@given(st.text(alphabet="|#<>/tabledr-*`[]()!=:\n 1一二三、", max_size=300))
@settings(max_examples=60, deadline=None)
def test_any_markdown_markup_is_read_or_refused(text: str) -> None:
    """Any string of Markdown and HTML table markup parses or is a ParseError."""
    with contextlib.suppress(ParseError):
        parsers.parse(text, kind="markdown")


# --- hostile strings through the renderers ------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_are_text_in_xlsx_and_docx(text: str) -> None:
    """An agency or prose that starts like a formula is a string cell in XLSX (never a formula) and plain text in
    DOCX (never a field)."""
    doc = json.loads(SAMPLE_TEXT, parse_float=Decimal)
    doc["agency"] = text + "某某局"
    report = govreport.loads(dumps_json(doc))
    book = openpyxl.load_workbook(io.BytesIO(govreport.render(report, "xlsx")))  # type: ignore[arg-type]
    formulas = [c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    docx_bytes = govreport.render(report, "docx")
    assert isinstance(docx_bytes, bytes)
    body = zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml").decode()
    assert "fldSimple" not in body
    assert "instrText" not in body


# --- the command line on each -------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".docx", ".xlsx"])
def test_the_cli_refuses_bombs_of_each_kind_with_exit_2(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """parse and validate --published on a non-ZIP .docx/.xlsx and a pipe bomb .md: govreport's message, exit 2."""
    path = tmp_path / f"bomb{suffix}"
    path.write_bytes(b"|\n" * 70_000 if suffix == ".md" else b"not a package")
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert "not a report" in err
    assert "Traceback" not in err
    assert main(["validate", "--published", str(path)]) == 2
    capsys.readouterr()


@pytest.mark.parametrize("where", ["missing/t.xlsx", "", "/dev/full"])
def test_template_to_a_bad_place_is_exit_2(tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]) -> None:
    """template -o to a missing directory, a directory or a full device: a clear message, exit 2."""
    target = where if where.startswith("/") else str(tmp_path / where)
    if where == "/dev/full" and not os.path.exists(where):
        pytest.skip("no /dev/full here")
    assert main(["template", "--to", "xlsx", "-o", target]) == 2
    assert "cannot write" in capsys.readouterr().err


# --- folders: export and report -----------------------------------------------------------------------------------


def _corpus(verb: str, tmp_path: Path, *inputs: str) -> int:
    out = ["--to", "jsonl", "-o", str(tmp_path / "out")] if verb == "export" else ["-o", str(tmp_path / "o.html")]
    return main([verb, *inputs, *out])


@pytest.mark.parametrize("verb", ["export", "report"])
def test_corpus_verbs_fail_on_an_empty_directory(tmp_path: Path, verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty directory exported or reported gave exit 0; now it is input.empty and exit 2."""
    (tmp_path / "empty").mkdir()
    assert _corpus(verb, tmp_path, str(tmp_path / "empty")) == 2
    capsys.readouterr()


@pytest.mark.parametrize("verb", ["export", "report"])
def test_corpus_verbs_report_fifos_and_follow_loops_once(
    tmp_path: Path, verb: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A FIFO named *.json is unreadable (exit 2, never a hang); a link back up the tree is followed once."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    top = tmp_path / "d"
    top.mkdir()
    (top / "a.json").write_text(SAMPLE_TEXT, encoding="utf-8")
    (top / "loop").symlink_to("..")
    assert _corpus(verb, tmp_path, str(top)) == 0
    if verb == "export":
        rows = (tmp_path / "out" / "reports.jsonl").read_text("utf-8").splitlines()
        assert len(rows) == 1
    os.mkfifo(top / "f.json")
    assert _corpus(verb, tmp_path, str(top)) == 2
    if verb == "export":
        rows = [json.loads(r) for r in (tmp_path / "out" / "reports.jsonl").read_text("utf-8").splitlines()]
        assert sorted((Path(r["source"]).name, r["state"]) for r in rows) == [
            ("a.json", "valid"),
            ("f.json", "unreadable"),
        ]
    capsys.readouterr()


@pytest.mark.parametrize("verb", ["export", "report"])
def test_corpus_verbs_report_unreadable_directories(
    tmp_path: Path, verb: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory that cannot be listed (permission denied, mocked at the walker's one os call, so that root sees
    it too) is an unreadable input: exit 2, and it is in the tables."""
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.json").write_text(SAMPLE_TEXT, encoding="utf-8")
    (tmp_path / "ok" / "locked").mkdir()
    (tmp_path / "ok" / "locked" / "b.json").write_text(SAMPLE_TEXT, encoding="utf-8")
    _deny(monkeypatch, tmp_path / "ok" / "locked")
    assert _corpus(verb, tmp_path, str(tmp_path / "ok")) == 2
    if verb == "export":
        rows = [json.loads(r) for r in (tmp_path / "out" / "reports.jsonl").read_text("utf-8").splitlines()]
        assert sorted(r["state"] for r in rows) == ["unreadable", "valid"]
    capsys.readouterr()


# --- one place for the limits -------------------------------------------------------------------------------------


def test_every_limit_lives_in_govreport_limits() -> None:
    """No module but govreport.limits defines a numeric MAX_ constant: every limit has one home, re-exported by
    govreport.parsers under the same names."""
    definition = re.compile(r"^(_?MAX_\w+)\s*(?::\s*Final)?\s*=\s*[\d(]", re.MULTILINE)
    # lengths that decide what a line is (a caption, a heading), not limits on what is read
    shapes = {"_MAX_CAPTION", "_MAX_HEADING"}
    offenders = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path in (ROOT / "src" / "govreport").rglob("*.py")
        if path.name != "limits.py"
        for m in definition.finditer(path.read_text("utf-8"))
        if m.group(1) not in shapes
    ]
    assert offenders == []
    exported = [name for name in parsers.__all__ if name.startswith("MAX_")]
    assert len(exported) >= 18
    for name in exported:
        assert getattr(parsers, name) is getattr(limits, name)
        assert name in limits.__all__


def test_every_limit_is_on_the_limits_page() -> None:
    """docs/reference/limits.md names every constant of govreport.limits, with its value and what it gives."""
    page = (ROOT / "docs" / "reference" / "limits.md").read_text("utf-8")
    for name in limits.__all__:
        line = next((line for line in page.splitlines() if f"`{name}`" in line or f".{name}`" in line), None)
        assert line is not None, f"{name} is not on the limits page"
        assert str(getattr(limits, name)) in line, f"{name} = {getattr(limits, name)} is not on its line"
        assert line.count("|") >= 4, f"{name}'s line does not say what passing it gives"


def test_sample_doc_is_what_the_tests_attack() -> None:
    """The sample the renderer tests attack is a valid report, so a refusal is the attack's doing."""
    assert govreport.validate(govreport.loads(dumps_json(SAMPLE_DOC))).valid


@pytest.mark.parametrize("verb", [["parse"], ["validate", "--published"]])
def test_parse_batches_report_every_input_they_cannot_read(
    tmp_path: Path, verb: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder with a FIFO, a link loop and a directory that cannot be listed (mocked at the walker's os call, so
    that root sees it too): the readable report is read once, each other input is reported, exit 2."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    top = tmp_path / "d"
    (top / "locked").mkdir(parents=True)
    (top / "a.md").write_bytes((ROOT / "tests" / "fixtures" / "forms" / "shuyang-2025-converted.md").read_bytes())
    (top / "locked" / "b.md").write_text("# x", encoding="utf-8")
    (top / "loop").symlink_to("..")
    os.mkfifo(top / "f.txt")
    _deny(monkeypatch, top / "locked")
    assert main([*verb, "--json", str(top)]) == 2
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_file = {Path(line["file"]).name: line for line in lines}
    assert sorted(by_file) == ["a.md", "f.txt", "locked"]
    assert by_file["a.md"]["findings"][0]["rule"] != "input.unreadable"
    for name in ("f.txt", "locked"):
        assert [f["rule"] for f in by_file[name]["findings"]] == ["input.unreadable"]


@pytest.mark.parametrize("verb", [["parse"], ["validate", "--published"]])
def test_parse_batches_fail_on_an_empty_directory(
    tmp_path: Path, verb: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder with nothing to parse is input.empty, exit 2, and the message names what was looked for (it named
    only *.json)."""
    assert main([*verb, "--lang", "en", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "no file to read (*.json; parse and --published also read .txt, .md" in captured.out + captured.err


# --- long lines -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["txt", "md"])
def test_a_30_mb_line_is_cut_in_linear_work(tmp_path: Path, suffix: str) -> None:
    """A 30 MB line without a break was rejoined and split again for every 64 kB chunk (40 s for text, 24 s for
    Markdown); each character is now looked at once, within a CPU budget far below the old cost."""
    path = tmp_path / f"line.{suffix}"
    path.write_text("1 " * (limits.MAX_SOURCE_BYTES // 2 - 8), encoding="ascii")
    done = _parse_with_budget(path, cpu_seconds=15)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "refused not a report" in done.stdout


@given(st.lists(st.sampled_from(["a", "bc", "\r", "\n", "\r\n", "\x0b", "\u2028", "\x85", "\r\r\n"]), max_size=60))
@settings(max_examples=200, deadline=None)
def test_text_is_cut_into_the_lines_splitlines_gives(pieces: list[str]) -> None:
    """However the batches fall (here every 3 characters, breaks and CRLF across the cut), the lines are the ones
    str.splitlines gives."""
    from govreport.parsers import text as text_front  # noqa: PLC0415 - the cutter under test

    text = "".join(pieces)
    real = text_front._CHUNK
    try:
        text_front._CHUNK = 3  # type: ignore[misc]  # a small chunk, so that every cut is exercised
        batches = list(text_front._lines(text))
    finally:
        text_front._CHUNK = real  # type: ignore[misc]
    assert [line for batch in batches for line in batch] == text.splitlines()


def test_markdown_inline_marks_have_a_budget() -> None:
    """30 MB of backslash escapes took 39 s (a Python step each); more than MAX_INLINE_MARKS is refused as they are
    taken out."""
    with pytest.raises(ParseError, match=f"more than {limits.MAX_INLINE_MARKS} inline marks"):
        parsers.parse("\\." * (limits.MAX_INLINE_MARKS + 1), kind="markdown")
    parsers.parse("# 一、总体情况\n" + "1\\. **x**<br>\n" * 1000 + "\n", kind="markdown", agency="某局", year=2023)


def _filled_template(kind: str, value: str) -> bytes:
    """The blank template of ``kind`` with ``value`` typed into its first empty input cells."""
    from govreport.renderers import template  # noqa: PLC0415 - the writer of the templates

    out = io.BytesIO()
    if kind == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(template("xlsx")))
        inputs = [
            c
            for ws in book.worksheets
            for row in ws.iter_rows()
            for c in row
            if type(c).__name__ == "Cell" and c.value is None and not c.protection.locked
        ]
        for cell in inputs[:40]:
            cell.value = value
        book.save(out)
    else:
        import docx  # noqa: PLC0415 - the library that fills it in

        document = docx.Document(io.BytesIO(template("docx")))
        empty = [c for t in document.tables for row in t.rows for c in row.cells if not c.text.strip()]
        for cell in empty[:60]:
            cell.text = value
        document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
@pytest.mark.parametrize("number", ["9" * 5000, "1e999999", "-1e999999", "1e-999999", "NaN", "1,234,567"])
def test_any_number_typed_into_a_template_parses_to_a_loadable_document(kind: str, number: str) -> None:
    """A template filled with a 5000-digit number or an exponent: its totals' formulas summed int(1e999999) and
    failed on Python's 4300-digit limit ("not a readable workbook"); now such a cell is no number a formula adds,
    and the document parsed loads back."""
    result = parsers.parse(_filled_template(kind, number), kind=kind, agency="某局", year=2023)
    govreport.loads(govreport.dumps(result.report))


def _with_value(workbook: bytes, old: bytes, new: bytes) -> bytes:
    """``workbook`` with the value ``old`` of its first sheet's XML written as ``new`` (which openpyxl won't)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert old in data
                data = data.replace(old, new)
            dst.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize("digits", [sys.get_int_max_str_digits() + 1, 20_000])
def test_a_whole_number_longer_than_python_reads_is_refused_saying_where(digits: int) -> None:
    """A cell whose stored value is a whole number of more digits than Python reads (4,300) made openpyxl fail with
    "invalid XML"; now the workbook is refused before openpyxl reads it, naming the sheet, the cell and the count."""

    def fill(ws: Any) -> None:
        ws.title = "表三 & 附"
        ws["A1"] = "一、总体情况"
        ws["B3"] = 123456789

    data = _with_value(_workbook(fill), b"<v>123456789</v>", b"<v>" + b"9" * digits + b"</v>")
    with pytest.raises(ParseError) as caught:
        parsers.parse(data, kind="xlsx")
    assert str(caught.value) == (
        f"not a readable Excel (XLSX) workbook: sheet '表三 & 附', cell B3 holds a whole number of {digits} digits, "
        "longer than a spreadsheet holds"
    )


def test_a_whole_number_python_reads_is_read() -> None:
    """A whole number of as many digits as Python reads is no error of the workbook: it is read, whole."""

    def fill(ws: Any) -> None:
        ws["A1"] = "一、总体情况"
        ws["B3"] = 123456789

    longest = "9" * sys.get_int_max_str_digits()
    data = _with_value(_workbook(fill), b"<v>123456789</v>", f"<v>{longest}</v>".encode())
    source, _, problems = xlsx_front.xlsx_source(data)
    assert source.texts == ["一、总体情况", longest]  # the number whole, as text
    assert problems == []
