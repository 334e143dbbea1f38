"""The parsers on the published sample, the truncated excerpts, and hand-made sources of every §4 style."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport.editions import e2021, get_edition
from govreport.findings import Severity
from govreport.parsers import PLACEHOLDER_AGENCY, ParseResult, parse, sniff

from .conftest import cells_of

FIXTURES = Path(__file__).parent / "fixtures"
EXCERPTS = FIXTURES / "excerpts"
EDITION = get_edition("2021")


def rules_of(result: ParseResult, rule: str) -> list[govreport.Finding]:
    """The findings of ``result`` with rule id ``rule``."""
    return [f for f in result.findings if f.rule == rule]


def row(line: Any, *values: int | None) -> dict[str, int | None]:
    """The cells of ``line`` with ``values`` in column order."""
    return {line.cell_pointer(c): v for c, v in zip(line.columns, values, strict=True)}


# --- the sample report ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_result() -> ParseResult:
    """The published sample text, parsed."""
    return parse(FIXTURES / "jingxing-2023.txt")


def test_sample_reproduces_every_cell(sample_result: ParseResult) -> None:
    """All 200 cells of the sample text equal the contract document's."""
    expected = cells_of(govreport.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8")))
    got = cells_of(sample_result.report)
    assert len(got) == 200
    assert {p: v for p, v in got.items() if v != expected[p]} == {}


def test_sample_reads_metadata_and_prose_as_published(sample_result: ParseResult) -> None:
    """Agency, year, title and the prose of 一, 五, 六 are kept in the published (traditional) characters."""
    expected = govreport.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8"))
    got = sample_result.report
    assert (got.agency, got.year, got.title) == (expected.agency, expected.year, expected.title)
    assert got.preamble == expected.preamble
    assert got.overview == expected.overview
    assert got.problems_and_improvements == expected.problems_and_improvements
    assert got.other_matters == expected.other_matters


def test_sample_parses_without_findings_and_validates_with_the_narrative_warning(sample_result: ParseResult) -> None:
    """The sample reads cleanly, and validation then shows the 64-versus-73 narrative warning."""
    assert sample_result.findings == ()
    result = govreport.validate(sample_result.report)
    assert result.valid
    assert [(f.rule, f.expected, f.actual) for f in result.findings] == [("narrative.request_count", 73, 64)]


def test_source_map_points_at_the_lines_of_the_cells(sample_result: ParseResult) -> None:
    """Each cell pointer maps to the line of the text where its number stands."""
    lines = (FIXTURES / "jingxing-2023.txt").read_text(encoding="utf-8").splitlines()
    smap = sample_result.source_map
    assert set(EDITION.cell_pointers()) <= set(smap)
    fee = smap[e2021.PD_BLOCKS[3].lines[0].cell_pointer("amount_10k_yuan")]
    assert fee.line is not None
    assert lines[fee.line - 1].startswith("722.61")
    total = smap[e2021.RECEIVED.cell_pointer("total")]
    assert total.line is not None
    assert lines[total.line - 1].startswith("73")
    assert smap["/overview"].line == 3
    assert smap["/agency"].line == 1
    for ptr, start in (("/requests", "三、"), (e2021.WITHHELD.pointer, "(三)")):
        line = smap[ptr].line
        assert line is not None
        assert lines[line - 1].startswith(start)


def test_wrapped_labels_with_values_on_either_line() -> None:
    """A label wrapped after its values (PDF text layers) is matched by its start; the rest is consumed."""
    text = (
        "某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "（二）部分公开（区分处理的，只计这 16 1 0 0 0 0 17\n一情形，不计其他情形）\n"
        "（三）不予公开 1.属于国家\n秘密 0 0 0 0 0 0 2\n"
    )
    result = parse(text)
    got = cells_of(result.report)
    assert [got[e2021.PARTIALLY_GRANTED.cell_pointer(c)] for c in e2021.REQUEST_COLUMNS] == [16, 1, 0, 0, 0, 0, 17]
    assert got[e2021.WITHHELD_LINES[0].cell_pointer("total")] == 2
    assert not rules_of(result, "parse.label_unknown")


def test_cli_parse_prints_the_document_and_validates(tmp_path: Path) -> None:
    """``govreport parse`` prints JSON that ``govreport validate`` accepts with the narrative warning."""
    out = subprocess.run(
        [sys.executable, "-m", "govreport", "parse", str(FIXTURES / "jingxing-2023.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    doc = tmp_path / "parsed.json"
    doc.write_text(out.stdout, encoding="utf-8")
    report = govreport.load(doc)
    assert report.requests.received.total == 73
    checked = subprocess.run(
        [sys.executable, "-m", "govreport", "validate", "--json", str(doc)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0
    assert "narrative.request_count" in checked.stdout


def test_cli_parse_exits_2_on_garbage(tmp_path: Path) -> None:
    """A file that is not a report gets exit status 2 and a "not a report" message."""
    junk = tmp_path / "junk.txt"
    junk.write_text("hello\nworld\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "govreport", "parse", str(junk)], capture_output=True, text=True, check=False
    )
    assert out.returncode == 2
    assert "not a report" in out.stderr


def test_cli_parse_exits_1_on_error_findings_and_accepts_hints() -> None:
    """A source without an agency exits 1; with ``--agency`` it exits 0 and uses the hint."""
    src = str(EXCERPTS / "longgang-bumen-2024.txt")
    out = subprocess.run([sys.executable, "-m", "govreport", "parse", src], capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert "parse.agency_missing" in out.stderr
    hinted = subprocess.run(
        [sys.executable, "-m", "govreport", "parse", src, "--agency", "龙岗区某局"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert hinted.returncode == 0
    assert json.loads(hinted.stdout)["agency"] == "龙岗区某局"


# --- the excerpts: truncated real reports -------------------------------------------------------------


def _null_except(expected: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    """The cells of ``got`` that differ from ``expected``, where every unlisted cell is expected to be null."""
    return {p: v for p, v in got.items() if v != expected.get(p)}


PD = e2021.PD_BLOCKS
RULES, NORMATIVE = PD[0].lines
LICENSING = PD[1].lines[0]
PENALTIES, COERCIVE = PD[2].lines
FEES = PD[3].lines[0]
W = e2021.WITHHELD_LINES


def test_erlang_excerpt() -> None:
    """The 二郎街道 2022 excerpt reads its section 二 up to the cut inside the fee header."""
    result = parse(EXCERPTS / "erlang-jiedao-2022.txt")
    assert (result.report.agency, result.report.year) == ("重庆市九龙坡区二郎街道办事处", 2022)
    expected = {
        **row(RULES, 0, 0, 0),
        **row(NORMATIVE, 4, 0, 4),
        **row(LICENSING, 0),
        **row(PENALTIES, 0),
        **row(COERCIVE, 0),
    }
    assert _null_except(expected, cells_of(result.report)) == {}
    assert rules_of(result, "parse.truncated")
    missing = {p for f in rules_of(result, "cells.missing") for p in f.pointers}
    assert FEES.cell_pointer("amount_10k_yuan") in missing
    assert len(missing) == 200 - len(expected)
    assert "全年新收政府信息公开申请数量0件" in result.report.overview


def test_longgang_excerpt() -> None:
    """The 龙岗 2024 excerpt (no title) reads every row up to the cut in 7.属于行政执法案卷, total missing."""
    result = parse(EXCERPTS / "longgang-bumen-2024.txt")
    zeros = (0, 0, 0, 0, 0, 0, 0)
    expected = {
        **row(RULES, 0, 0, 0),
        **row(NORMATIVE, 5, 1, 25),
        **row(LICENSING, 0),
        **row(PENALTIES, 0),
        **row(COERCIVE, 0),
        FEES.cell_pointer("amount_10k_yuan"): Decimal(0),
        **row(e2021.RECEIVED, 58, 7, 0, 0, 1, 0, 66),
        **row(e2021.CARRIED_OVER, 2, 0, 0, 0, 0, 0, 2),
        **row(e2021.GRANTED, 2, 1, 0, 0, 0, 0, 3),
        **row(e2021.PARTIALLY_GRANTED, 16, 1, 0, 0, 0, 0, 17),
        **row(W[0], *zeros),
        **row(W[1], *zeros),
        **row(W[2], *zeros),
        **row(W[3], *zeros),
        **row(W[4], 1, 0, 0, 0, 0, 0, 1),
        **row(W[5], *zeros),
        **row(W[6], 0, 0, 0, 0, 0, 0, None),
    }
    assert _null_except(expected, cells_of(result.report)) == {}
    assert result.report.year == 2024
    assert result.report.agency == PLACEHOLDER_AGENCY
    assert [f.severity for f in rules_of(result, "parse.agency_missing")] == [Severity.ERROR]
    cut = {p for f in rules_of(result, "cells.missing") for p in f.pointers}
    assert W[6].cell_pointer("total") in cut
    assert rules_of(result, "parse.truncated")[0].location is not None


def test_longgang_excerpt_with_an_agency_hint() -> None:
    """An ``agency=`` hint replaces the placeholder and the error finding."""
    result = parse(EXCERPTS / "longgang-bumen-2024.txt", agency="深圳市龙岗区某局")
    assert result.report.agency == "深圳市龙岗区某局"
    assert not rules_of(result, "parse.agency_missing")


def test_qu_tongjiju_excerpt() -> None:
    """The 区统计局 2023 excerpt: ``/`` and blank cells are missing, never 0; totals that are printed are read."""
    result = parse(EXCERPTS / "qu-tongjiju-2023.txt")
    assert (result.report.agency, result.report.year) == ("区统计局", 2023)
    expected = {
        **row(NORMATIVE, 0, 0, 0),
        **row(LICENSING, 0),
        **row(PENALTIES, 0),
        **row(COERCIVE, 0),
        FEES.cell_pointer("amount_10k_yuan"): Decimal(0),
        e2021.RECEIVED.cell_pointer("total"): 0,
        e2021.CARRIED_OVER.cell_pointer("total"): 0,
    }
    assert _null_except(expected, cells_of(result.report)) == {}
    by_pointer = {f.pointers[0]: f for f in rules_of(result, "cells.missing")}
    slash = by_pointer[RULES.cell_pointer("issued")]
    assert slash.excerpt == "/"
    assert slash.location is not None
    assert slash.location.line is not None
    blank = by_pointer[e2021.RECEIVED.cell_pointer("natural_persons")]
    assert dict(blank.detail)["reason"] == "blank"
    assert rules_of(result, "parse.truncated")


def test_xiaocun_excerpt() -> None:
    """The 肖村乡 2021 excerpt (cells vanished, "三是" heading) keeps 270 and 2 and reports the 0 it cannot place."""
    result = parse(EXCERPTS / "xiaocun-xiang-2021.txt")
    assert (result.report.agency, result.report.year) == ("肖村乡人民政府", 2021)
    expected = {**row(LICENSING, 270), **row(PENALTIES, 2)}
    assert _null_except(expected, cells_of(result.report)) == {}
    unplaced = rules_of(result, "parse.unplaced_value")
    assert [f.actual for f in unplaced] == [0]
    assert unplaced[0].location is not None
    assert unplaced[0].location.line == 15


@pytest.mark.parametrize("name", sorted(p.name for p in EXCERPTS.glob("*.txt")))
def test_every_finding_of_an_excerpt_says_where(name: str) -> None:
    """Every finding of a parsed excerpt carries a source location with a line."""
    result = parse(EXCERPTS / name)
    assert result.findings
    for f in result.findings:
        assert f.location is not None, f
        assert f.location.line is not None, f


# --- hand-made sources: one thing at a time --------------------------------------------------------------


def build_text(rows: Iterator[tuple[str, list[str]]], *, sep: str = " | ") -> str:
    """A minimal report text whose table 三 rows are ``rows`` (label, cells) in style A."""
    head = ["某某局2023年政府信息公开工作年度报告", "一、总体情况", "概况。", "三、收到和处理政府信息公开申请情况"]
    body = [sep.join([label, *cells]) for label, cells in rows]
    tail = ["五、存在的主要问题及改进情况", "问题。", "六、其他需要报告的事项", "未收取信息处理费。"]
    return "\n".join([*head, *body, *tail]) + "\n"


def test_missing_markers_become_null_with_findings() -> None:
    """``/``, ``-``, ``—`` and blank cells are null with a ``cells.missing`` finding each, never 0."""
    text = build_text(iter([(e2021.RECEIVED.label, ["1", "/", "-", "—", "", "0", "1"])]))
    result = parse(text)
    got = cells_of(result.report)
    assert [got[e2021.RECEIVED.cell_pointer(c)] for c in e2021.REQUEST_COLUMNS] == [1, None, None, None, None, 0, 1]
    missing = {f.pointers[0]: f.excerpt for f in rules_of(result, "cells.missing")}
    assert missing[e2021.RECEIVED.cell_pointer("commercial_enterprises")] == "/"
    assert missing[e2021.RECEIVED.cell_pointer("social_welfare_organizations")] == "—"


def test_vanished_cells_realign_when_the_totals_prove_it() -> None:
    """A row printed as "5 5" (blanks vanished) has its total proven; the part's column is not, so it is reported."""
    text = build_text(iter([(e2021.RECEIVED.label, ["0", "0", "0", "0", "3", "3"])]))
    result = parse(text)
    got = cells_of(result.report)
    assert got[e2021.RECEIVED.cell_pointer("total")] == 3
    realigned = rules_of(result, "parse.realigned")
    assert realigned
    assert e2021.RECEIVED.cell_pointer("total") in realigned[0].pointers
    unplaced = rules_of(result, "parse.unplaced_value")
    assert sorted(f.actual for f in unplaced) == [0, 0, 0, 0, 3]
    assert all(got[e2021.RECEIVED.cell_pointer(c)] is None for c in e2021.REQUEST_PARTS)


def test_vanished_cells_realign_uniquely() -> None:
    """Where the row total proves a value's column it is placed and the repair is reported."""
    text = build_text(iter([(e2021.RECEIVED.label, ["4", "0", "0", "4"])]))
    result = parse(text)
    got = cells_of(result.report)
    assert got[e2021.RECEIVED.cell_pointer("total")] == 4
    assert rules_of(result, "parse.realigned")[0].pointers[-1] == e2021.RECEIVED.cell_pointer("total")


def test_zeros_prove_nothing() -> None:
    """A lone 0 where seven cells stood could be any cell (0 = 0 + … + 0), so it is reported, not placed."""
    lone = parse(build_text(iter([(e2021.RECEIVED.label, ["0"])])))
    assert cells_of(lone.report)[e2021.RECEIVED.cell_pointer("total")] is None
    assert [f.actual for f in rules_of(lone, "parse.unplaced_value")] == [0]
    assert not rules_of(lone, "parse.realigned")


def test_a_lone_nonzero_value_is_not_assumed_to_be_the_total() -> None:
    """A single 7 where seven cells stood may be a part or the total: the totals cannot tell, so it is reported."""
    result = parse(build_text(iter([(e2021.RECEIVED.label, ["7"])])))
    assert cells_of(result.report)[e2021.RECEIVED.cell_pointer("total")] is None
    assert [f.actual for f in rules_of(result, "parse.unplaced_value")] == [7]


def test_values_the_totals_contradict_are_not_guessed() -> None:
    """Three values for seven columns whose sums never match are all reported unplaced."""
    text = build_text(iter([(e2021.RECEIVED.label, ["5", "3", "7"])]))
    result = parse(text)
    got = cells_of(result.report)
    assert all(got[e2021.RECEIVED.cell_pointer(c.key)] is None for c in e2021.REQUEST_COLUMNS)
    assert sorted(f.actual for f in rules_of(result, "parse.unplaced_value")) == [3, 5, 7]


def test_collapsed_other_handling_row() -> None:
    """（六）其他处理 printed as one row goes to 3.其他, the two other sub-rows are 0, and non-zero is flagged."""
    rows = [(e2021.OTHER_HANDLING.label, ["2", "0", "0", "0", "0", "0", "2"])]
    result = parse(build_text(iter(rows)))
    got = cells_of(result.report)
    no_correction, fee_unpaid, other = e2021.OTHER_HANDLING_LINES
    assert got[other.cell_pointer("natural_persons")] == 2
    assert got[other.cell_pointer("total")] == 2
    assert got[no_correction.cell_pointer("natural_persons")] == 0
    assert got[fee_unpaid.cell_pointer("total")] == 0
    flagged = rules_of(result, "layout.collapsed_row")
    assert len(flagged) == 1
    assert other.cell_pointer("natural_persons") in flagged[0].pointers
    assert other.cell_pointer("commercial_enterprises") not in flagged[0].pointers


def test_a_number_without_a_row_is_reported() -> None:
    """A number after text that is no label of the format is reported, not put anywhere."""
    text = build_text(iter([("合计（自定义行）", ["9"]), (e2021.RECEIVED.label, ["1", "0", "0", "0", "0", "0", "1"])]))
    result = parse(text)
    assert [f.actual for f in rules_of(result, "parse.unplaced_value")] == [9]
    assert rules_of(result, "parse.label_unknown")
    assert cells_of(result.report)[e2021.RECEIVED.cell_pointer("total")] == 1


@pytest.mark.parametrize(
    ("label", "line"),
    [
        ("2.其他法律行政止公开", e2021.WITHHELD_LINES[1]),
        ("2、其他法律行政法规禁止公开", e2021.WITHHELD_LINES[1]),
        ("２．其他法律行政法規禁止公開", e2021.WITHHELD_LINES[1]),
        ('3.危及"三安全一稳定"', e2021.WITHHELD_LINES[2]),
        ("3.危及「三安全一穩定」", e2021.WITHHELD_LINES[2]),
        ("1.屬於國家秘密", e2021.WITHHELD_LINES[0]),
        ("（ 一 ） 予以公开", e2021.GRANTED),
        ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", e2021.PARTIALLY_GRANTED),
        ("3.補正後申請內容仍不明確", e2021.UNAVAILABLE_LINES[2]),
        ("一、本年新收政府資訊公開申請數量", e2021.RECEIVED),
        ("一、本年新收政府信息公开申请数量(bào)", e2021.RECEIVED),
    ],
)
def test_label_variants_are_recognised(label: str, line: Any) -> None:
    """Typos, traditional characters (naive and Taiwan), NFKC punctuation, item numbers and quotes all match."""
    result = parse(build_text(iter([(label, ["1", "0", "0", "0", "0", "0", "1"])])))
    assert cells_of(result.report)[line.cell_pointer("total")] == 1


def test_2019_word_for_normative_documents() -> None:
    """The 2019 row word 规范性文件 (and the Taiwan 規範性檔案) read as 行政规范性文件."""
    for word in ("规范性文件", "規範性檔案"):
        text = f"某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n{word} 1 2 3\n"
        result = parse(text)
        assert [cells_of(result.report)[NORMATIVE.cell_pointer(c)] for c in NORMATIVE.columns] == [1, 2, 3]


def test_not_a_count_is_reported() -> None:
    """A count cell holding 2.5 is missing with a ``parse.not_a_count`` finding; the fee keeps its decimals."""
    text = "某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n行政许可 2.5\n行政事业性收费 96171.6\n"
    result = parse(text)
    got = cells_of(result.report)
    assert got[LICENSING.cell_pointer("decisions")] is None
    assert got[FEES.cell_pointer("amount_10k_yuan")] == Decimal("96171.6")
    assert rules_of(result, "parse.not_a_count")


def test_duplicate_rows_do_not_overwrite() -> None:
    """A row label printed twice keeps the first row's values and reports the second."""
    text = "某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n行政许可 5\n行政许可 6\n"
    result = parse(text)
    assert cells_of(result.report)[LICENSING.cell_pointer("decisions")] == 5
    assert rules_of(result, "parse.duplicate_row")
    assert [f.actual for f in rules_of(result, "parse.unplaced_value")] == [6]


def test_year_from_the_statistics_period_and_missing_year() -> None:
    """Without a title the year comes from the statistics period; without either it is an error finding."""
    with_period = "一、总体情况\n本报告统计期限自2022年1月1日至2022年12月31日。\n二、主动公开政府信息情况\n行政许可 1\n"
    result = parse(with_period, agency="某局")
    assert result.report.year == 2022
    assert not rules_of(result, "parse.year_missing")
    without = "一、总体情况\n概况。\n二、主动公开政府信息情况\n行政许可 1\n"
    result = parse(without, agency="某局")
    assert [f.severity for f in rules_of(result, "parse.year_missing")] == [Severity.ERROR]
    assert parse(without, agency="某局", year=2021).report.year == 2021


def test_sections_found_by_heading_variants() -> None:
    """Heading variants (第X部分, ASCII separators, other wording) still split the prose sections."""
    text = (
        "某局2023年政府信息公开工作年度报告\n一.总体情况\n概况文字。\n"
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n"
        "第五部分 存在的主要问题及改进情况\n问题文字。\n六、其他事项\n其他文字。\n"
    )
    report = parse(text).report
    assert (report.overview, report.problems_and_improvements, report.other_matters) == (
        "概况文字。",
        "问题文字。",
        "其他文字。",
    )


@pytest.mark.parametrize(
    "source",
    [
        "",
        "   \n\n",
        "hello world",
        "一二三四五六七八九十",
        "\x00\x01\x02\x03" * 100,
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"%PDF-1.7\nnot really a pdf",
        "<html><body><p>nothing here</p></body></html>",
    ],
)
def test_garbage_is_a_parse_error(source: str | bytes) -> None:
    """Empty, binary, broken PDF and unrelated input raise ParseError, a GovReportError and ValueError."""
    with pytest.raises(govreport.ParseError):
        parse(source)


def test_unknown_kind_and_wrong_type_are_parse_errors() -> None:
    """An unknown ``kind`` or a source of an unsupported type raises ParseError."""
    with pytest.raises(govreport.ParseError, match="kind"):
        parse("x", kind="odt")
    with pytest.raises(govreport.ParseError, match="cannot parse"):
        parse(12345)  # type: ignore[arg-type]


def test_gbk_bytes_are_decoded() -> None:
    """Text published in GBK (as many mainland sites still do) decodes."""
    text = (FIXTURES / "excerpts" / "erlang-jiedao-2022.txt").read_text(encoding="utf-8")
    result = parse(text.encode("gb18030"))
    assert result.report.agency == "重庆市九龙坡区二郎街道办事处"


def test_column_totals_settle_a_row_the_row_total_cannot() -> None:
    """ "3 3" under （一）予以公开 fits six columns by its row total; （七）总计 per column leaves only 自然人."""
    full = {
        e2021.RECEIVED.pointer: ["3", "0", "0", "0", "0", "0", "3"],
        e2021.GRANTED.pointer: ["3", "3"],
        e2021.OUTCOMES_TOTAL.pointer: ["3", "0", "0", "0", "0", "0", "3"],
    }
    zeros = ["0"] * 7
    rows = iter([(line.label, full.get(line.pointer, zeros)) for line in e2021.REQUEST_LINES])
    result = parse(build_text(rows))
    got = cells_of(result.report)
    assert got[e2021.GRANTED.cell_pointer("natural_persons")] == 3
    assert got[e2021.GRANTED.cell_pointer("total")] == 3
    assert got[e2021.GRANTED.cell_pointer("commercial_enterprises")] is None
    realigned = rules_of(result, "parse.realigned")
    assert [dict(f.detail)["proof"] for f in realigned] == ["columns"]
    assert not rules_of(result, "parse.unplaced_value")


def test_sniffing_and_kinds(tmp_path: Path) -> None:
    """The kind comes from the file name, then from the content; a PDF cannot be given as str."""
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"  <!DOCTYPE html><html>") == "html"
    assert sniff("一、总体情况\n".encode()) == "text"
    with pytest.raises(govreport.ParseError, match="PDF"):
        parse("%PDF-1.7", kind="pdf")
    page = tmp_path / "report.htm"
    page.write_text((FIXTURES / "parse" / "jingxing-2023.html").read_text(encoding="utf-8"), encoding="utf-8")
    assert parse(page).kind == "html"
    assert parse(FIXTURES / "jingxing-2023.txt", kind="text").kind == "text"


def test_a_file_name_given_as_str_gets_a_hint() -> None:
    """A str is content; when it names an existing file, the ParseError says to pass a Path."""
    with pytest.raises(govreport.ParseError, match=r"pathlib\.Path"):
        parse(str(FIXTURES / "jingxing-2023.txt"))


def test_2019_columns_are_not_read_as_2021_cells() -> None:
    """With the 2021 edition forced, a 第二十条 sub-table printed with the 2019 trial format's columns (made /
    published / total, or item counts) is reported and its cells stay missing; the next sub-table with 2021
    columns is read again.
    """
    text = (
        "某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        f"{e2021.PD_BLOCKS[0].title}\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量\n"
        "规范性文件 | 5 | 5 | 30\n"
        f"{e2021.PD_BLOCKS[1].title}\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量\n"
        "行政许可 | 12 | 0 | 1500\n"
        f"{e2021.PD_BLOCKS[2].title}\n信息内容 | {e2021.DECISIONS_COLUMNS[0].label}\n"
        "行政处罚 | 7\n"
    )
    result = parse(text, edition=e2021.NAME)
    got = cells_of(result.report)
    assert [got[NORMATIVE.cell_pointer(c)] for c in NORMATIVE.columns] == [None, None, None]
    assert got[LICENSING.cell_pointer("decisions")] is None
    assert got[PENALTIES.cell_pointer("decisions")] == 7
    assert len(rules_of(result, "parse.columns_2019")) == 2
    assert sorted(f.actual for f in rules_of(result, "parse.unplaced_value")) == [0, 5, 5, 12, 30, 1500]


def test_title_and_statistics_period_disagree() -> None:
    """A title year that contradicts the statistics period is reported; the period's year is the statistics year."""
    text = (
        "某局2023年政府信息公开工作年度报告\n本报告统计期限自2022年1月1日至2022年12月31日。\n"
        "二、主动公开政府信息情况\n行政许可 1\n"
    )
    result = parse(text)
    assert result.report.year == 2022
    conflict = rules_of(result, "parse.year_conflict")
    assert [(f.expected, f.actual) for f in conflict] == [(2023, 2022)]
    assert conflict[0].location is not None
    assert conflict[0].location.line == 2


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [("行政規範性檔案", "行政规范性档案"), ("屬於國家秘密", "属于国家秘密"), ("補正後", "补正后"), ("答覆", "答复")],
)
def test_hanzi_table_folds_one_character_for_one(traditional: str, simplified: str) -> None:
    """The generated T→S table folds naive and proper conversions, one character for one character."""
    from govreport._hanzi import _SIMPLIFIED, _TRADITIONAL, to_simplified  # noqa: PLC0415 - private table

    assert len(_TRADITIONAL) == len(_SIMPLIFIED) > 4000
    assert to_simplified(traditional) == simplified
    assert len(to_simplified(traditional)) == len(traditional)
