"""The parsers and the 2019 trial edition: the edition is detected from what a report prints, 2019 reports read
into edition-2019 documents (every number right, every blank null), amounts of 采购总金额 read into exact 元, and
every renderer that the parsers read round-trips a 2019 report."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import govreport
from govreport import editions
from govreport.editions import Sign, get_edition
from govreport.errors import UnknownEditionError
from govreport.parsers import ParseResult, parse
from govreport.parsers._detect import detect
from govreport.strategies import reports

from . import test_parse_roundtrip as roundtrip
from .conftest import cells_of
from .test_edition_registry import TOY
from .test_parse_editions import toy_text

FIXTURES = Path(__file__).parent / "fixtures"
E2019 = get_edition("2019")
E2021 = get_edition("2021")
AMOUNT = E2019.table("proactive_disclosure").lines[-1]  # 政府集中采购
AMOUNT_PTR = AMOUNT.cell_pointer("amount_yuan")
FEE_PTR = E2021.table("proactive_disclosure").lines[-1].cell_pointer("amount_10k_yuan")
#: The label of the document's edition field (the metadata line ``格式版本：…`` that govreport's renderers print).
EDITION_LABEL = next(f.label for f in E2019.fields if f.kind == "edition")


def rules_of(result: ParseResult, rule: str) -> list[govreport.Finding]:
    """The findings of ``result`` with rule id ``rule``."""
    return [f for f in result.findings if f.rule == rule]


def without_edition_line(text: str) -> str:
    """``text`` without the metadata line that names the edition, so the edition is read from the tables."""
    return "\n".join(line for line in text.split("\n") if EDITION_LABEL not in line)


def assert_same_cells(parsed: Any, report: Any) -> None:
    """Every cell of ``parsed`` equals the one of ``report`` (``None`` where the report has ``None``)."""
    got, expected = cells_of(parsed), cells_of(report)
    assert {p: (got[p], v) for p, v in expected.items() if got[p] != v} == {}


@pytest.fixture(scope="module")
def blanks() -> Any:
    """The 2019 fixture in the shape of a real report: blanks, the 元 amount, negative changes."""
    return govreport.load(FIXTURES / "blanks-2019.json")


# --- round trips: what the renderers write, the parsers read back as a 2019 document ---------------------


@pytest.mark.parametrize("to", ["text", "html", "markdown"])
@settings(max_examples=25)  # each example renders and parses a whole report
@given(report=reports(edition="2019", missing=True))
def test_every_2019_rendering_parses_back(to: str, report: Any) -> None:
    """What :func:`govreport.render` writes of a 2019 report (blanks included), :func:`govreport.parse` reads back
    as an edition-2019 document with every cell: the same numbers, and None where the report has None."""
    out = govreport.render(report, to)
    assert isinstance(out, str)
    result = parse(out, kind="html" if to == "html" else "text")
    assert result.report.edition == E2019.name
    assert_same_cells(result.report, report)
    assert (result.report.agency, result.report.year) == (report.agency, report.year)


@pytest.mark.parametrize("to", ["text", "html", "markdown"])
@settings(max_examples=10)
@given(report=reports(edition="2019"))
def test_every_2019_rendering_is_detected_from_its_tables(to: str, report: Any) -> None:
    """Without the metadata line that names the edition, a rendered 2019 report is detected from its tables, and
    the finding names the signs (the trial format's column headers, 第二十条第（九）项)."""
    out = without_edition_line(str(govreport.render(report, to)))
    result = parse(out, kind="html" if to == "html" else "text")
    assert result.report.edition == E2019.name
    assert_same_cells(result.report, report)
    (found,) = rules_of(result, "parse.edition_detected")
    detail = dict(found.detail)
    assert detail["declared"] == "false"
    signs = detail["signs"].split("、")
    assert E2019.table("proactive_disclosure").blocks[-1].title in signs
    assert AMOUNT.columns[1].label in signs
    assert found.actual == E2019.name


@pytest.mark.parametrize("style", ["A", "B", "C", "D", "E", "html"])
@settings(max_examples=10)
@given(report=reports(edition="2019", missing=True))
def test_2019_flattenings_are_detected_and_never_wrong(style: str, report: Any) -> None:
    """The flattenings of format-2021.md §4 (styles A–E, and an HTML page with site chrome), built from the 2019
    grid, are detected as 2019; every cell read is the report's value or null with a finding (blank cells that
    vanish are never guessed)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(roundtrip, "EDITION", E2019)
        page = roundtrip.render_html(report) if style == "html" else roundtrip.render_text(report, style)
    result = parse(page)
    assert result.report.edition == E2019.name
    roundtrip.assert_never_wrong(result, report)
    if style in ("A", "html"):
        assert_same_cells(result.report, report)


# --- detection ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["blanks-2019.txt", "blanks-2019.html"])
def test_a_published_2019_report_parses_into_a_2019_document(name: str, blanks: Any) -> None:
    """The fixture made in the shape of a real 2019 report (its page, and its text copied from the page) reads into
    an edition-2019 document: every number right (the two （五） rows, the negative 本年增/减, the amount printed
    ``251000元`` or ``25.1万元``), every blank null with a ``cells.missing`` finding, and nothing else reported
    but the edition detected."""
    result = parse(FIXTURES / "parse" / name)
    report: Any = result.report
    assert report.edition == E2019.name
    assert (report.agency, report.year) == (blanks.agency, blanks.year)
    assert_same_cells(report, blanks)
    assert report.proactive_disclosure.procurement.amount_yuan == Decimal(251000)
    assert isinstance(report.proactive_disclosure.procurement.amount_yuan, Decimal)
    assert report.proactive_disclosure.licensing.change == -2
    nulls = {p for p, v in cells_of(blanks).items() if v is None}
    assert len(nulls) == 135
    missing = {p for f in rules_of(result, "cells.missing") for p in f.pointers}
    assert missing == nulls
    assert {f.rule for f in result.findings} == {"cells.missing", "parse.edition_detected"}
    assert report.overview == blanks.overview
    assert report.other_matters == blanks.other_matters
    assert govreport.validate(report).findings == govreport.validate(blanks).findings


def test_the_detected_edition_is_said_with_its_signs_and_location() -> None:
    """``parse.edition_detected`` is an info finding at the first sign, naming the edition, its notice and the
    signs in the order the source prints them, in both languages."""
    result = parse(FIXTURES / "parse" / "blanks-2019.txt")
    (found,) = rules_of(result, "parse.edition_detected")
    assert found.severity is govreport.Severity.INFO
    assert found.location is not None
    assert found.location.line == 9  # the first header of table 二
    detail = dict(found.detail)
    assert detail["notice"] == E2019.notice
    assert detail["others"] == "—"
    publication = [c.label for c in E2019.table("proactive_disclosure").lines[0].columns]
    assert detail["signs"].split("、")[:3] == publication
    assert E2019.notice in found.message_in("zh")
    assert "read as edition '2019'" in found.message_in("en")


def test_the_crawler_sample_is_detected_as_2019() -> None:
    """The real 2019 report as a crawler saved it, every cell run together in one line, still shows its edition:
    the trial format's headers, 第二十条第（九）项 and the single （六） row before （七）总计."""
    result = parse(FIXTURES / "forms" / "pingtan-2019-crawler.txt")
    assert result.report.edition == E2019.name
    (found,) = rules_of(result, "parse.edition_detected")
    signs = dict(found.detail)["signs"].split("、")
    requests = E2019.table("requests")
    single_row = next(line for line in requests.lines if line.key == "other_handling")
    assert single_row.label in signs
    assert E2019.table("proactive_disclosure").blocks[-1].title in signs
    assert len(signs) == len(E2019.signs)


def collapsed_2021_text() -> tuple[str, dict[str, Any]]:
    """The rendered 2021 sample with （六）其他处理 printed as one row holding the sums of its three sub-rows and one
    more request (the 2019 layout), and the cells expected from it by the collapsed-row convention."""
    sample = govreport.load(FIXTURES / "jingxing-2023.json")
    cells = cells_of(sample)
    group = next(g for g in E2021.table("requests").groups if g.collapse_into is not None)
    sub_rows = [line for line in E2021.table("requests").lines if line.path[: len(group.path)] == group.path]
    columns = sub_rows[0].columns
    sums = [sum(cells[line.cell_pointer(c)] for line in sub_rows) for c in columns]
    sums[0] += 1  # one more request of a natural person, so the row is not all zeros
    sums[-1] += 1
    lines = without_edition_line(str(govreport.render(sample, "text"))).split("\n")
    at = [i for i, line in enumerate(lines) if any(sub.label in line for sub in sub_rows)]
    assert len(at) == len(sub_rows)
    row = f"| | {group.label} | " + " | ".join(map(str, sums)) + " |"
    expected = dict(cells)
    for line in sub_rows:
        for c, total in zip(columns, sums, strict=True):
            expected[line.cell_pointer(c)] = total if line.key == group.collapse_into else 0
    return "\n".join([*lines[: at[0]], row, *lines[at[-1] + 1 :]]), expected


def test_a_2021_report_with_a_collapsed_row_stays_2021() -> None:
    """A 2021 report that prints （六）其他处理 as one row is read as 2021 by the collapsed-row convention: the one
    row alone is no sign of 2019; the finding says what looked like the other edition."""
    text, expected = collapsed_2021_text()
    result = parse(text)
    assert result.report.edition == E2021.name
    assert cells_of(result.report) == expected
    assert [f.rule for f in rules_of(result, "layout.collapsed_row")] == ["layout.collapsed_row"]
    (found,) = rules_of(result, "parse.edition_detected")
    detail = dict(found.detail)
    assert detail["edition"] == E2021.name
    assert detail["others"].startswith(f"{E2019.name}：")
    assert rules_of(result, "parse.columns_2019") == []


def test_a_2021_report_says_nothing_about_its_edition() -> None:
    """A report with only the default edition's signs is read as it, with no finding about the edition."""
    result = parse(FIXTURES / "jingxing-2023.txt")
    assert result.report.edition == E2021.name
    assert rules_of(result, "parse.edition_detected") == []
    assert detect(result.report.title.split("\n")).edition == E2021.name  # no sign at all: the default


def test_a_forced_edition_is_read_as_given(blanks: Any) -> None:
    """``edition=`` forces the edition: a 2019 report read as 2021 keeps the existing ``parse.columns_2019``
    behaviour (its table 二 values reported, not read), and no edition is detected."""
    result = parse(FIXTURES / "parse" / "blanks-2019.txt", edition=E2021.name)
    assert result.report.edition == E2021.name
    assert rules_of(result, "parse.edition_detected") == []
    assert len(rules_of(result, "parse.columns_2019")) >= 1
    first = E2021.table("proactive_disclosure").lines[0]
    assert [cells_of(result.report)[first.cell_pointer(c)] for c in first.columns] == [None] * len(first.columns)
    again = parse(FIXTURES / "parse" / "blanks-2019.txt", edition=E2019.name)
    assert rules_of(again, "parse.edition_detected") == []
    assert_same_cells(again.report, blanks)


def test_an_unknown_edition_is_refused() -> None:
    """An edition that is not registered is refused before the source is read."""
    with pytest.raises(UnknownEditionError):
        parse(FIXTURES / "parse" / "blanks-2019.txt", edition="1999")


def test_the_edition_line_of_the_metadata_decides() -> None:
    """A metadata line naming a registered edition (as govreport's renderers print it) decides by itself."""
    result = parse(FIXTURES / "jingxing-2023.txt")
    text = (FIXTURES / "jingxing-2023.txt").read_text(encoding="utf-8")
    declared = parse(f"{EDITION_LABEL}：{E2019.name}（{E2019.notice}）\n{text}", edition=None)
    assert declared.report.edition == E2019.name
    (found,) = rules_of(declared, "parse.edition_detected")
    assert dict(found.detail)["declared"] == "true"
    assert result.report.edition == E2021.name


def test_detection_is_generic_over_registered_editions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A toy edition registered with a sign of its own is detected from it; without signs it parses when forced
    and is never detected."""
    line = TOY.tables[0].lines[0]
    text = toy_text(f"{line.label} | 1 | 2 | 3")
    monkeypatch.setitem(editions._REGISTRY, TOY.name, TOY)
    assert parse(text, edition=TOY.name).report.edition == TOY.name
    assert detect(text.split("\n")).edition == E2021.name  # the toy declares no sign
    signed = attrs.evolve(TOY, signs=(Sign(text=line.columns[-1].label), Sign(text=line.label)))
    monkeypatch.setitem(editions._REGISTRY, TOY.name, signed)
    result = parse(text)
    assert result.report.edition == TOY.name
    assert (result.report.table.row.a, result.report.table.row.total) == (1, 3)  # type: ignore[attr-defined]
    assert dict(rules_of(result, "parse.edition_detected")[0].detail)["signs"] == "、".join(
        [line.columns[-1].label, line.label]
    )


def test_a_supporting_sign_alone_decides_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sign declared as supporting (the single （六） row) counts only with another sign of its edition."""
    table = TOY.tables[0]
    line = table.lines[0]
    text = f"{line.label} | 1 | 2 | 3\n"
    supporting = attrs.evolve(TOY, signs=(Sign(text=line.label, supporting=True),))
    monkeypatch.setitem(editions._REGISTRY, TOY.name, supporting)
    assert detect([text]).edition == E2021.name
    both = attrs.evolve(TOY, signs=(Sign(text=line.label, supporting=True), Sign(text=line.columns[0].label)))
    monkeypatch.setitem(editions._REGISTRY, TOY.name, both)
    assert detect([text, " ".join(c.label for c in line.columns)]).signs == (line.label, line.columns[0].label)


# --- amounts of 采购总金额 ----------------------------------------------------------------------------------


def with_amount(printed: str) -> str:
    """The 2019 fixture text with 采购总金额 printed as ``printed``."""
    text = (FIXTURES / "parse" / "blanks-2019.txt").read_text(encoding="utf-8")
    row = re.compile(rf"^({re.escape(AMOUNT.label)} \| \d+ \| ).*$", re.MULTILINE)
    assert row.search(text) is not None
    return row.sub(lambda m: m.group(1) + printed, text)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("251000元", "251000"),
        ("25.1万元", "251000"),
        ("25.1 万元", "251000"),
        ("75394432.52元", "75394432.52"),
        ("7539.443252万元", "75394432.52"),
        ("0.0251萬元", "251"),
        ("1,234.5元", "1234.5"),
    ],
)
def test_an_amount_with_its_unit_reads_into_exact_yuan(printed: str, expected: str) -> None:
    """An amount printed with 元 or 万元 reads into exact 元 (万元 × 10000, Decimal, no float), with no
    finding about its unit."""
    result = parse(with_amount(printed))
    value = cells_of(result.report)[AMOUNT_PTR]
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)
    assert str(value) == expected
    assert rules_of(result, "parse.unit_assumed") == []


def test_a_bare_amount_is_taken_as_yuan_and_said_so() -> None:
    """A bare number under 采购总金额 (whose header names no unit) is taken as 元, and an info finding says so."""
    result = parse(with_amount("75394432.52"))
    assert cells_of(result.report)[AMOUNT_PTR] == Decimal("75394432.52")
    (found,) = rules_of(result, "parse.unit_assumed")
    assert found.severity is govreport.Severity.INFO
    assert found.pointers == (AMOUNT_PTR,)
    assert dict(found.detail)["unit"] == AMOUNT.columns[1].unit
    assert "75394432.52" in found.message_in("zh")
    assert "taken as" in found.message_in("en")


def test_a_fee_amount_in_yuan_goes_into_its_10k_yuan_cell() -> None:
    """The 2021 fee cell is in 万元 and its header says so: a bare number is no assumption, and an amount printed
    in 元 is converted exactly."""
    sample = govreport.load(FIXTURES / "jingxing-2023.json")
    fee = cells_of(sample)[FEE_PTR]
    text = str(govreport.render(sample, "text"))
    bare = parse(text)
    assert cells_of(bare.report)[FEE_PTR] == fee
    assert rules_of(bare, "parse.unit_assumed") == []
    assert fee is not None
    row = text.split(f"{fee}", 1)
    in_yuan = parse(row[0] + f"{(fee * 10000).normalize():f}元" + row[1])
    assert cells_of(in_yuan.report)[FEE_PTR] == fee


# --- the command line -----------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``govreport`` run in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "govreport", *args], capture_output=True, text=True, encoding="utf-8", check=False
    )


def test_cli_parse_detects_or_is_told_the_edition() -> None:
    """``govreport parse`` detects the edition (``--edition auto``, the default) or reads the one given."""
    page = str(FIXTURES / "parse" / "blanks-2019.html")
    auto = run_cli("parse", page)
    assert auto.returncode == 0, auto.stderr
    assert govreport.loads(auto.stdout).edition == E2019.name
    assert "parse.edition_detected" in auto.stderr or E2019.notice in auto.stderr
    forced = run_cli("parse", "--edition", E2021.name, page)
    assert govreport.loads(forced.stdout).edition == E2021.name
    unknown = run_cli("parse", "--edition", "1999", page)
    assert unknown.returncode == 2
    assert "1999" in unknown.stderr
