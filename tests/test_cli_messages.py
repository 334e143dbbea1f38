"""Errors name the real problem, and the API takes the same plain findings flag as the command line."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

import govreport
from govreport.cli import main
from govreport.renderers import render

ROOT = Path(__file__).resolve().parent.parent
ZERO = ROOT / "conformance" / "valid" / "all-zero.json"
BALANCE = ROOT / "conformance" / "rules" / "balance.json"


def test_render_of_several_files_to_an_unknown_format_names_the_format(capsys: pytest.CaptureFixture[str]) -> None:
    """``render a.json b.json --to parquet`` says the renderer is unknown, not that parquet takes one file."""
    assert main(["render", str(ZERO), str(ZERO), "--to", "parquet"]) == 2
    err = capsys.readouterr().err
    assert "unknown renderer 'parquet'" in err
    assert "takes one FILE" not in err


def test_validate_of_an_xlsx_file_says_it_is_not_a_report_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An XLSX file is named as such, with the way forward, instead of an encoding error."""
    path = tmp_path / "report.xlsx"
    openpyxl.Workbook().save(path)
    assert main(["validate", "--lang", "en", "--no-summary", "--no-progress", str(path)]) == 2
    out = capsys.readouterr().out
    assert "json.published_format" in out
    assert "this is a XLSX file, not a report document (JSON)" in out
    assert "govreport parse" in out
    assert "UTF-8" not in out


def test_a_pdf_given_to_loads_is_named_a_pdf() -> None:
    """The library says the same: a PDF is not a report document."""
    with pytest.raises(govreport.ReportDecodeError) as e:
        govreport.loads(b"%PDF-1.7\n...")
    assert [p.rule for p in e.value.problems] == ["json.published_format"]
    assert dict(e.value.problems[0].detail) == {"format": "PDF"}


def test_parse_says_not_a_report_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``parse report.csv`` does not double the "not a report" prefix."""
    path = tmp_path / "report.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("not a report") == 1


def test_diff_says_when_every_cross_year_check_holds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """With no cross-year finding, ``diff`` says that the checks hold instead of an empty heading."""
    doc = json.loads(ZERO.read_text(encoding="utf-8"))
    doc["year"] -= 1
    previous = tmp_path / "previous.json"
    previous.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["diff", "--lang", "en", str(previous), str(ZERO)]) == 0
    out = capsys.readouterr().out
    assert out.endswith("cross-year checks:\n  all hold\n")
    assert main(["diff", str(previous), str(ZERO)]) == 0
    assert capsys.readouterr().out.endswith("跨年度检查：\n  全部成立\n")


def test_render_takes_findings_true_as_the_cli_does() -> None:
    """``findings=True`` validates the report and marks what is wrong, as ``--findings`` does; False marks nothing."""
    report = govreport.load(BALANCE)
    flagged = render(report, "html", findings=True)
    explicit = render(report, "html", findings=govreport.validate(report).findings)
    assert flagged == explicit
    assert render(report, "html", findings=False) == render(report, "html")
    assert flagged != render(report, "html")


def test_readme_batch_example_works_in_a_clone() -> None:
    """The README's folder example names a folder of the repository, and validating it succeeds."""
    import re  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [command] = re.findall(r"^govreport validate --jobs 0 .*$", readme, re.M)
    folder = command.split()[-1]
    assert (ROOT / folder).is_dir()
    args = [a for a in command.split()[2:] if a not in {"0", "--jobs"}]
    proc = subprocess.run(
        [sys.executable, "-m", "govreport", "validate", "--jobs", "1", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " 0 invalid, 0 unreadable" in proc.stdout


def test_render_takes_lang(capsys: pytest.CaptureFixture[str]) -> None:
    """``govreport render --lang en`` writes the findings in English, as the API's ``lang="en"`` does."""
    assert main(["render", "--findings", "--lang", "en", "--to", "text", str(BALANCE)]) == 0
    out = capsys.readouterr().out
    report = govreport.load(BALANCE)
    assert out == render(report, "text", findings=True, lang="en")
    assert "does not balance" in out
    assert main(["render", "--findings", "--to", "csv", "--lang", "en", str(BALANCE)]) == 0  # CSV: no language


def test_html_findings_are_in_the_chosen_language_and_say_each_fact_once() -> None:
    """The Chinese findings list has no English severity and does not repeat the numbers its message states."""
    import re  # noqa: PLC0415

    report = govreport.load(BALANCE)
    html = render(report, "html", findings=True)
    items = re.findall(r'<li id="finding-\d+"[^>]*>(.*?)</li>', html, re.S)
    assert items
    for item in items:
        assert not re.search(r"\b(error|warning|info)\b", item)
        assert "应为" not in item  # the balance message already says 1 and 0
    english = render(report, "html", findings=True, lang="en")
    assert re.search(r'<li id="finding-1"[^>]*>error requests\.balance', english)
    assert "(expected" not in english


@pytest.mark.parametrize(
    ("lang", "header", "severity"),
    [("zh", "规则", "错误"), ("en", "rule", "error")],
)
def test_xlsx_findings_sheet_has_a_header_row_and_a_column_per_field(lang: str, header: str, severity: str) -> None:
    """The findings sheet starts with a header row; severity, rule, cell, message and the numbers have own columns."""
    import io  # noqa: PLC0415

    report = govreport.load(BALANCE)
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx", findings=True, lang=lang)))  # type: ignore[arg-type]
    ws = book.worksheets[-1]
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows[0]) == 9
    assert rows[0][2] == header
    findings = govreport.validate(report).findings
    assert len(rows) == 1 + len(findings)
    first = rows[1]
    assert first[0] == 1
    assert first[1] == severity
    assert first[2] == findings[0].rule
    assert first[4] == findings[0].pointers[0]
    assert first[5] == findings[0].message_in(lang)
    assert first[6:] == (findings[0].expected, findings[0].actual, findings[0].difference)
    assert "fail" not in first[3] or lang == "en"
