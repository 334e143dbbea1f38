"""The renderers: registry, every built-in format on the sample report, missing cells, escaping, determinism."""

from __future__ import annotations

import csv
import doctest
import importlib
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import docx
import openpyxl
import pytest

import govreport
from govreport import renderers
from govreport.cli import main
from govreport.editions import e2021 as E  # noqa: N812 - the edition, read like a namespace
from govreport.errors import PluginError, RenderError
from govreport.renderers import _common
from govreport.renderers.csv import COLUMNS, render_many
from govreport.renderers.text import display_width

from .conftest import set_pointer
from .layouts import check_docx_layout, check_xlsx_layout

EDITION = govreport.get_edition("2021")
BUILTINS = ("csv", "docx", "html", "markdown", "text", "xlsx")
TEXT_FORMATS = ("html", "markdown", "text")


def _labels() -> set[str]:
    out: set[str] = set()
    for table in EDITION.tables:
        out.add(table.heading)
        for row in table.grid:
            out.update(c.text for c in row if c.text)
    out.update(f.label for f in EDITION.fields if f.section is not None)
    return out


def _html_text(html: str) -> str:
    """The characters of an HTML page without its tags (entities decoded), to look for verbatim labels."""
    import html as html_module  # noqa: PLC0415

    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


# --- the registry ---------------------------------------------------------------------------------------


def test_builtins_are_available_and_have_the_renderer_shape() -> None:
    """Every built-in is listed, and each is a Renderer with the flags its output needs."""
    assert set(BUILTINS) <= set(renderers.available_renderers())
    for name in BUILTINS:
        r = renderers.get_renderer(name)
        assert isinstance(r, renderers.Renderer)
        assert r.name == name
        assert r.binary is (name in ("xlsx", "docx"))
        assert r.suffix.startswith(".")


def test_unknown_renderer_is_a_render_error_that_lists_the_known_ones() -> None:
    """Asking for a name nobody registered raises RenderError naming the available renderers."""
    with pytest.raises(RenderError, match=r"unknown renderer 'pdfx'.*html"):
        renderers.get_renderer("pdfx")
    with pytest.raises(RenderError, match="is a str"):
        renderers.get_renderer(3)  # type: ignore[arg-type]


def test_register_renderer_checks_the_shape_and_refuses_taken_names(sample: govreport.Report) -> None:
    """A renderer registered in code renders through govreport.render; malformed ones and clashes are refused."""

    class Agency:
        name = "agency-only"
        media_type = "text/plain"
        binary = False
        suffix = ".txt"

        def render(self, report: Any, **options: Any) -> str:
            return report.agency

    renderers.register_renderer(Agency())
    try:
        assert govreport.render(sample, "agency-only") == sample.agency
        with pytest.raises(PluginError, match="registered already"):
            renderers.register_renderer(Agency())
        with pytest.raises(PluginError, match="registered already"):
            renderers.register_renderer(Agency(), name="html")
    finally:
        renderers.unregister_renderer("agency-only")
    with pytest.raises(PluginError, match="binary is not a bool"):
        renderers.register_renderer(type("Bad", (), {"name": "x", "media_type": "t", "suffix": ".x"})())
    with pytest.raises(RenderError, match="unknown renderer"):
        renderers.get_renderer("agency-only")


def test_a_builtin_can_be_replaced_on_purpose_and_comes_back(sample: govreport.Report) -> None:
    """replace=True swaps a built-in; unregistering it brings the built-in back."""

    class Plain:
        name = "text"
        media_type = "text/plain"
        binary = False
        suffix = ".txt"

        def render(self, report: Any, **options: Any) -> str:
            return "replaced"

    renderers.register_renderer(Plain(), replace=True)
    try:
        assert govreport.render(sample, "text") == "replaced"
    finally:
        renderers.unregister_renderer("text")
    assert govreport.render(sample, "text") != "replaced"


def test_a_renderer_that_breaks_or_lies_is_reported_as_a_govreport_error(sample: govreport.Report) -> None:
    """Exceptions of third-party renderers become RenderError; wrong output types become PluginError."""

    class Broken:
        name = "broken"
        media_type = "text/plain"
        binary = False
        suffix = ".txt"

        def render(self, report: Any, **options: Any) -> str:
            raise ZeroDivisionError("oops")

    class Liar(Broken):
        name = "liar"
        binary = True

        def render(self, report: Any, **options: Any) -> str:
            return "not bytes"

    renderers.register_renderer(Broken())
    renderers.register_renderer(Liar())
    try:
        with pytest.raises(RenderError, match="renderer 'broken' failed: ZeroDivisionError: oops"):
            govreport.render(sample, "broken")
        with pytest.raises(PluginError, match="returned str, not bytes"):
            govreport.render(sample, "liar")
    finally:
        renderers.unregister_renderer("broken")
        renderers.unregister_renderer("liar")


@pytest.mark.parametrize("name", BUILTINS)
def test_bad_arguments_are_render_errors(name: str, sample: govreport.Report) -> None:
    """Not a report, an unknown option, or findings that are not findings: RenderError with a clear message."""
    with pytest.raises(RenderError, match="expected a govreport Report"):
        govreport.render({"agency": "x"}, name)  # type: ignore[arg-type]
    with pytest.raises(RenderError, match="does not take option"):
        govreport.render(sample, name, colour="red")
    with pytest.raises(RenderError, match="findings"):
        govreport.render(sample, name, findings="requests.balance")
    with pytest.raises(RenderError, match=r"not a govreport\.Finding"):
        govreport.render(sample, name, findings=[{"rule": "x"}])


@pytest.mark.parametrize("name", ["html", "markdown", "text", "xlsx", "docx"])
def test_lang_must_be_zh_or_en(name: str, sample: govreport.Report) -> None:
    """The lang option takes "zh" or "en" and nothing else."""
    with pytest.raises(RenderError, match="lang must be"):
        govreport.render(sample, name, lang="fr")


# --- every format on the sample report ------------------------------------------------------------------


@pytest.mark.parametrize("name", TEXT_FORMATS)
def test_text_formats_show_every_label_verbatim_and_every_value(name: str, sample: govreport.Report) -> None:
    """HTML, Markdown and text carry every heading and grid label of the edition verbatim and the sample's
    values (the fee exactly: 722.61)."""
    out = govreport.render(sample, name)
    assert isinstance(out, str)
    shown = _html_text(out) if name == "html" else out.replace("\\", "")
    for label in _labels():
        assert label in shown, label
    assert "722.61" in shown
    assert "1926" in shown
    assert sample.agency in shown


def test_text_tables_align_counting_wide_characters_as_two_columns(sample: govreport.Report) -> None:
    """Every line of a text table has the same display width, and its | separators line up by display column."""
    out = govreport.render(sample, "text")
    assert isinstance(out, str)
    block: list[str] = []
    blocks: list[list[str]] = []
    for line in [*out.splitlines(), ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    assert len(blocks) == 6  # four 第二十条 blocks, table 三, table 四
    for b in blocks:
        assert len({display_width(line) for line in b}) == 1, b[0]
        # the closing | of every line sits in the same display column, and so does the first separator
        firsts = {display_width(line[: line.index("|", 1)]) for line in b}
        assert len(firsts) <= 3  # label columns differ in rows with merged label cells, but few layouts exist
    assert display_width("一、本年") == 8
    assert display_width("ab（c）") == 7
    assert display_width("e\u0301") == 1


def test_text_draws_merged_cells_once(sample: govreport.Report) -> None:
    """A rowspan label is printed once, on its first row (三、本年度办理结果 spans 22 rows)."""
    out = govreport.render(sample, "text")
    assert isinstance(out, str)
    assert out.count(E.OUTCOMES.label) == 1
    assert out.count(E.WITHHELD.label) == 1
    row = next(line for line in out.splitlines() if E.WITHHELD_LINES[1].label in line)
    assert row.split("|")[1].strip() == ""  # under 三、本年度办理结果
    assert row.split("|")[2].strip() == ""  # under （三）不予公开


def test_csv_is_the_long_form_with_every_cell(sample: govreport.Report) -> None:
    """One line per cell (200), the official labels, exact values, in document order."""
    out = govreport.render(sample, "csv")
    assert isinstance(out, str)
    assert out.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == COLUMNS
    assert [r["pointer"] for r in rows] == list(EDITION.cell_pointers())
    cells = govreport.rules_for("2021").read_cells(sample)
    for r in rows:
        assert r["value"] == str(cells[r["pointer"]])
        line, column = EDITION.cell(r["pointer"])  # type: ignore[misc]
        assert (r["row_label"], r["column_label"], r["unit"]) == (line.label, column.label, column.unit)
        assert r["agency"] == sample.agency
        assert r["year"] == "2023"
    fee = next(r for r in rows if r["column_key"] == "amount_10k_yuan")
    assert (fee["value"], fee["unit"], fee["row_key"]) == ("722.61", "万元", "fees")
    withheld = next(r for r in rows if r["pointer"] == "/requests/outcomes/withheld/state_secret/total")
    assert withheld["row_key"] == "outcomes.withheld.state_secret"


def test_csv_render_many_writes_one_header_and_every_report(sample: govreport.Report) -> None:
    """Several reports go into one file with one header line; a bad item is named by its index."""
    other = govreport.structure({**govreport.unstructure(sample), "agency": "另一机关", "year": 2022})
    out = render_many([sample, other])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 400
    assert out.count("agency,year,edition") == 1
    assert {(r["agency"], r["year"]) for r in rows} == {(sample.agency, "2023"), ("另一机关", "2022")}
    with pytest.raises(RenderError, match="report 1"):
        render_many([sample, "nope"])
    with pytest.raises(RenderError, match="iterable of reports"):
        render_many("abc")


@pytest.mark.parametrize("agency", ["=HYPERLINK(1)", "+1+2", "-2+3 某局", "@SUM(A1)", "\tx", "-5 局"])
def test_csv_guards_formulas_by_default_and_excel_adds_a_bom(sample: govreport.Report, agency: str) -> None:
    """By default an apostrophe goes before text a spreadsheet would run as a formula (it was written as it is);
    formula_guard=False keeps the raw value; excel=True adds a BOM."""
    hostile = govreport.structure({**govreport.unstructure(sample), "agency": agency})
    guarded = govreport.render(hostile, "csv")
    raw = govreport.render(hostile, "csv", formula_guard=False)
    excel = govreport.render(hostile, "csv", excel=True)
    assert isinstance(guarded, str)
    assert isinstance(raw, str)
    assert isinstance(excel, str)
    assert next(csv.DictReader(io.StringIO(guarded)))["agency"] == "'" + agency
    assert next(csv.DictReader(io.StringIO(raw)))["agency"] == agency
    assert excel == "\ufeff" + guarded
    with pytest.raises(RenderError, match="formula_guard"):
        govreport.render(hostile, "csv", formula_guard="no")


def test_csv_keeps_numbers_that_start_with_a_minus(sample: govreport.Report) -> None:
    """A negative count (the model can hold one) is a number, not a formula: it is not guarded."""
    received = attrs.evolve(sample.requests.received, total=-5)
    report = attrs.evolve(sample, requests=attrs.evolve(sample.requests, received=received))
    rows = {r["pointer"]: r["value"] for r in csv.DictReader(io.StringIO(str(govreport.render(report, "csv"))))}
    assert rows["/requests/received/total"] == "-5"


def test_csv_findings_column_names_the_rules_of_each_cell(sample: govreport.Report) -> None:
    """With findings, a last column lists rule:status for the cells the findings name."""
    findings = govreport.validate(sample).findings
    rows = list(csv.DictReader(io.StringIO(str(govreport.render(sample, "csv", findings=findings)))))
    by_ptr = {r["pointer"]: r["findings"] for r in rows}
    assert by_ptr["/requests/received/total"] == "narrative.request_count:fail"
    assert by_ptr["/requests/received/natural_persons"] == ""


def test_xlsx_has_the_official_merged_cells_and_exact_values(sample: govreport.Report) -> None:
    """Each table sheet merges exactly the grid's spans, labels sit at their grid positions, values are numbers
    with the published decimals."""
    wb = check_xlsx_layout(sample)
    fee_at = next(
        p
        for row in _common.place(E.PROACTIVE_DISCLOSURE)
        for p in row
        if p.cell.pointer == "/proactive_disclosure/fees/amount_10k_yuan"
    )
    fee = wb[E.PROACTIVE_DISCLOSURE.heading].cell(row=3 + fee_at.row, column=1 + fee_at.col)
    assert fee.value == Decimal("722.61") or str(fee.value) == "722.61"
    assert fee.number_format == "0.00"
    text = [c.value for c in wb["正文"]["A"] if c.value]
    assert text[0] == sample.title
    assert E.FIELDS[5].label in text


def test_docx_has_the_official_tables(sample: govreport.Report) -> None:
    """The document has the three tables with the grid's shape, labels and values at their grid positions."""
    document = check_docx_layout(sample)
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == [s[1] for s in _common.document(sample).sections]


# --- missing cells, escaping, hostile text --------------------------------------------------------------


def test_a_missing_cell_is_never_zero(sample_doc: dict[str, Any]) -> None:
    """A None cell shows — (class missing) in HTML, — in text and Markdown, blank in CSV and — in XLSX/DOCX."""
    ptr = "/requests/received/commercial_enterprises"
    report = govreport.structure(set_pointer(sample_doc, ptr, None))
    html = str(govreport.render(report, "html"))
    cell = re.search(rf'<td class="v missing"[^>]*data-pointer="{ptr}"[^>]*>([^<]*)</td>', html)
    assert cell is not None
    assert cell.group(1) == "—"
    text = str(govreport.render(report, "text"))
    received = next(line for line in text.splitlines() if E.RECEIVED.label in line)
    assert [c.strip() for c in received.split("|")[2:4]] == ["73", "—"]
    rows = {r["pointer"]: r["value"] for r in csv.DictReader(io.StringIO(str(govreport.render(report, "csv"))))}
    assert rows[ptr] == ""
    wb = openpyxl.load_workbook(io.BytesIO(bytes(govreport.render(report, "xlsx"))))
    assert wb[E.REQUESTS.heading].cell(row=3 + 3, column=5).value == "—"
    word = docx.Document(io.BytesIO(bytes(govreport.render(report, "docx"))))
    assert word.tables[1].cell(3, 4).text == "—"


HOSTILE = '<script>alert("x")</script>&amp; *bold* [a](javascript:x) | =1+1 \x1b[31m\x00\ud800'


def test_hostile_text_is_escaped_or_made_visible(sample: govreport.Report) -> None:
    """Script tags, entities, Markdown links, ANSI escapes, NUL and lone surrogates never pass through raw."""
    # The loader refuses lone surrogates, but a report built in code can hold them.
    report = attrs.evolve(sample, agency=HOSTILE, title=HOSTILE, overview=HOSTILE)
    html = str(govreport.render(report, "html"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;amp;" in html
    md = str(govreport.render(report, "markdown"))
    assert "<script>" not in md
    assert "[a](javascript" not in md
    assert "\\[a\\]" in md
    for name in ("html", "markdown", "text", "csv"):
        out = str(govreport.render(report, name))
        assert "\x1b" not in out
        assert "\x00" not in out
        assert "\u241b" in out  # ESC shown as its control picture
        out.encode("utf-8")  # no lone surrogate left
    wb = openpyxl.load_workbook(io.BytesIO(bytes(govreport.render(report, "xlsx"))))
    assert wb["正文"]["A1"].value.startswith("<script>")
    assert wb["正文"]["A1"].data_type == "s"
    word = docx.Document(io.BytesIO(bytes(govreport.render(report, "docx"))))
    assert word.paragraphs[0].text.startswith("<script>")


def test_safe_text_shows_what_it_cannot_carry() -> None:
    """Controls become control pictures, lone surrogates their escape text; ordinary text is untouched."""
    assert _common.safe_text("a\x01b\tc\nd") == "a\u2401b\tc\nd"
    assert _common.safe_text("\x7f\ud83d") == "\u2421\\ud83d"
    assert _common.safe_text("井陉矿区“三安全”") == "井陉矿区“三安全”"


def test_values_print_exactly() -> None:
    """Counts print as integers, amounts with their published decimals, in positional notation."""
    assert _common.format_value(Decimal("722.61")) == "722.61"
    assert _common.format_value(Decimal("96171.60")) == "96171.60"
    assert _common.format_value(Decimal("1E+3")) == "1000"
    assert _common.format_value(Decimal("1E+100")) == "1E+100"
    assert _common.format_value(0) == "0"
    assert _common.format_value(None) is None
    with pytest.raises(RenderError, match="too many digits"):
        _common.format_value(10**5000, "/x")
    with pytest.raises(RenderError, match="as a count"):
        _common.format_value(True, "/x")


# --- findings -------------------------------------------------------------------------------------------


def test_html_findings_mark_the_failing_cell_with_rule_and_expected_value(sample_doc: dict[str, Any]) -> None:
    """A broken total is highlighted (class fail) with the rule and expected value on hover and a footnote;
    cells of a rule that cannot be evaluated are marked na, missing cells missing."""
    doc = set_pointer(sample_doc, "/requests/outcomes/total/total", 70)
    doc = set_pointer(doc, "/review_and_litigation/administrative_review/upheld", None)
    report = govreport.structure(doc)
    findings = govreport.validate(report).findings
    html = str(govreport.render(report, "html", findings=findings))
    cell = re.search(r'<td class="([^"]*)"[^>]*data-pointer="/requests/outcomes/total/total"[^>]*title="([^"]*)"', html)
    assert cell is not None
    assert "fail" in cell.group(1).split()
    assert "requests.outcome_total" in cell.group(2)
    assert "73" in cell.group(2)  # the expected sum of the outcome rows
    number = next(i for i, f in enumerate(findings, 1) if f.rule == "requests.outcome_total")
    assert f'<li id="finding-{number}"' in html
    assert f'href="#finding-{number}"' in html
    missing = re.search(
        r'<td class="([^"]*)"[^>]*data-pointer="/review_and_litigation/administrative_review/upheld"', html
    )
    assert missing is not None
    assert missing.group(1).split() == ["v", "missing"]
    na = re.search(r'<td class="([^"]*)"[^>]*data-pointer="/review_and_litigation/administrative_review/total"', html)
    assert na is not None
    assert "na" in na.group(1).split()
    english = str(govreport.render(report, "html", findings=findings, lang="en"))
    assert "Findings" in english


@pytest.mark.parametrize("name", ["markdown", "text"])
def test_text_formats_list_findings_after_the_tables(name: str, sample: govreport.Report) -> None:
    """Markdown and text list each finding, numbered, after the tables, and flag the cells with [n]."""
    findings = govreport.validate(sample).findings
    out = str(govreport.render(sample, name, findings=findings)).replace("\\", "")
    tail = out[out.index(E.FIELDS[7].label) :]
    assert "narrative.request_count" in tail
    assert "73[1]" in out


# --- determinism ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILTINS)
def test_the_same_report_renders_byte_identical_output(name: str, sample: govreport.Report) -> None:
    """Rendering twice (with findings) gives the same bytes."""
    findings = govreport.validate(sample).findings
    assert govreport.render(sample, name, findings=findings) == govreport.render(sample, name, findings=findings)


@pytest.mark.parametrize("name", ["xlsx", "docx"])
def test_office_packages_carry_no_time_of_rendering(name: str, sample: govreport.Report) -> None:
    """Every ZIP member and the core properties carry the fixed 1980-01-01 date, not the time of saving."""
    out = govreport.render(sample, name)
    assert isinstance(out, bytes)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    stamps = re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core)
    assert stamps
    assert set(stamps) == {"1980-01-01T00:00:00Z"}


# --- command line and docstrings ------------------------------------------------------------------------


def test_cli_renders_to_stdout_and_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """govreport render FILE --to text prints; -o writes binary formats to a file."""
    source = Path(__file__).parent / "fixtures" / "jingxing-2023.json"
    assert main(["render", str(source), "--to", "text"]) == 0
    assert E.OUTCOMES.label in capsys.readouterr().out
    target = tmp_path / "r.xlsx"
    assert main(["render", str(source), "--to", "xlsx", "-o", str(target)]) == 0
    assert zipfile.is_zipfile(target)
    assert main(["render", str(source), "--to", "html", "--findings"]) == 0
    assert "narrative.request_count" in capsys.readouterr().out


def test_cli_renders_many_files_into_one_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Several files go into one long-form CSV; several files for another format is a usage error."""
    source = Path(__file__).parent / "fixtures" / "jingxing-2023.json"
    assert main(["render", str(source), str(source), "--to", "csv"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 401
    assert main(["render", str(source), str(source), "--to", "text"]) == 2
    assert "one FILE" in capsys.readouterr().err


def test_cli_render_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown format or an unreadable file exits 2 with a message, not a traceback."""
    source = Path(__file__).parent / "fixtures" / "jingxing-2023.json"
    assert main(["render", str(source), "--to", "nope"]) == 2
    assert "unknown renderer 'nope'" in capsys.readouterr().err
    assert main(["render", str(tmp_path / "absent.json"), "--to", "csv"]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("module", ["govreport.renderers", "govreport.renderers.csv"])
def test_docstring_examples(module: str) -> None:
    """The >>> examples in the renderers' docstrings pass."""
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_html_fragment_is_the_article_alone(sample: govreport.Report) -> None:
    """standalone=False gives the <article> to embed in another page: no doctype, head, style or CSP."""
    fragment = str(govreport.render(sample, "html", standalone=False))
    page = str(govreport.render(sample, "html"))
    assert fragment.startswith('<article class="govreport"')
    assert "<!DOCTYPE" not in fragment
    assert "<style>" not in fragment
    assert fragment in page
    assert "Content-Security-Policy" in page
    with pytest.raises(RenderError, match="standalone must be True or False"):
        govreport.render(sample, "html", standalone="yes")


def test_html_value_cells_name_their_headers(sample: govreport.Report) -> None:
    """Each value cell's headers attribute names the column headers above it and the row labels to its left."""
    page = str(govreport.render(sample, "html"))
    cell = re.search(
        r'data-pointer="/requests/outcomes/withheld/state_secret/commercial_enterprises" headers="([^"]*)"', page
    )
    assert cell is not None
    ids = cell.group(1).split()
    texts = [re.search(rf'id="{i}"[^>]*>([^<]*)<', page).group(1) for i in ids]  # type: ignore[union-attr]
    assert texts == [
        E.APPLICANTS_HEADER,
        E.LEGAL_PERSONS_HEADER,
        E.REQUEST_COLUMNS[1].label,
        E.OUTCOMES.label,
        E.WITHHELD.label,
        E.WITHHELD_LINES[0].label,
    ]


def test_the_sample_renders_in_every_format(sample: govreport.Report) -> None:
    """The sample report renders, with its findings, in every built-in format; the files go to test-output/ for a
    person to open."""
    out_dir = Path(__file__).resolve().parents[1] / "test-output"
    out_dir.mkdir(exist_ok=True)
    findings = govreport.validate(sample).findings
    for name in BUILTINS:
        renderer = renderers.get_renderer(name)
        out = govreport.render(sample, name, findings=findings)
        path = out_dir / f"sample{renderer.suffix}"
        if isinstance(out, bytes):
            path.write_bytes(out)
            assert zipfile.is_zipfile(path)
        else:
            path.write_text(out, encoding="utf-8", newline="")
            assert sample.agency in out
