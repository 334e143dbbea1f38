"""The 2019 trial edition (国办公开办函〔2019〕60号): its declaration, model, rules and renderings.

Two fixtures in the shape of real 2019 reports: ``pingtan-2019.json`` holds the numbers of the 平潭综合实验区 2019
report as printed on the agency's page (prose left empty, as the shared sample has it); ``blanks-2019.json`` is made
in the shape of the 上海市人民政府办公厅 2019 report, which leaves 135 of its 198 table cells blank and the 总计
column blank on every outcome row, with the amount in 元, a negative 本年增/减 and both （五） rows filled in.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given

import govreport
from govreport.editions import get_edition
from govreport.renderers import _common

from .layouts import check_docx_layout, check_xlsx_layout
from .reports_2019 import EDITION, FIXTURES, cell_values, zero_report

PD = "/proactive_disclosure/"
OTHER_HANDLING = "/requests/outcomes/other_handling/"


@pytest.fixture
def pingtan() -> Any:
    """The 平潭综合实验区 2019 report (2019 edition)."""
    return govreport.load(FIXTURES / "pingtan-2019.json")


@pytest.fixture
def blanks() -> Any:
    """A report in the shape of one that leaves most zero cells blank."""
    return govreport.load(FIXTURES / "blanks-2019.json")


# --- the declaration --------------------------------------------------------------------------------------


def test_the_edition_has_198_cells_in_23_request_rows() -> None:
    """Table 二 has 22 cells, table 三 23 rows of 7 (161), table 四 15: 198 in all."""
    assert [sum(1 for _ in t.cells()) for t in EDITION.tables] == [22, 161, 15]
    assert len(EDITION.table("requests").lines) == 23
    assert len(list(EDITION.cell_pointers())) == 198
    assert govreport.edition_names() == ("2021", "2019")
    assert EDITION.notice == "国办公开办函〔2019〕60号"


def test_table_two_has_the_trial_format_blocks_and_columns() -> None:
    """Five 第二十条 sub-tables with the 2019 columns; （五） has two rows; 本年增/减 is signed; the amount is in 元."""
    table = EDITION.table("proactive_disclosure")
    blocks = [(b.title, [line.label for line in b.lines], [c.label for c in b.lines[0].columns]) for b in table.blocks]
    assert blocks == [
        ("第二十条第（一）项", ["规章", "规范性文件"], ["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
        ("第二十条第（五）项", ["行政许可", "其他对外管理服务事项"], ["上一年项目数量", "本年增/减", "处理决定数量"]),
        ("第二十条第（六）项", ["行政处罚", "行政强制"], ["上一年项目数量", "本年增/减", "处理决定数量"]),
        ("第二十条第（八）项", ["行政事业性收费"], ["上一年项目数量", "本年增/减"]),
        ("第二十条第（九）项", ["政府集中采购"], ["采购项目数量", "采购总金额"]),
    ]
    kinds = {(line.key, c.key): (c.kind, c.unit) for line, c in table.cells()}
    assert {k for k, (kind, _) in kinds.items() if kind == "signed_count"} == {
        (row, "change") for row in ("licensing", "other_management_services", "penalties", "coercive_measures", "fees")
    }
    assert kinds[("procurement", "amount_yuan")] == ("amount", "元")


def test_the_official_grid_spans() -> None:
    """The two-column blocks stretch their last column over two; 三、本年度办理结果 spans the 20 outcome rows and
    （六）其他处理 is one row whose label spans two columns."""
    spans = {
        cell.text or cell.pointer: (cell.rowspan, cell.colspan)
        for t in EDITION.tables
        for row in t.grid
        for cell in row
        if cell.text or cell.pointer
    }
    grid = EDITION.table("proactive_disclosure").grid
    headers = {grid[r - 1][0].text: [(c.text, c.colspan) for c in grid[r]] for r in range(1, len(grid))}
    assert headers["第二十条第（五）项"] == [
        ("信息内容", 1),
        ("上一年项目数量", 1),
        ("本年增/减", 1),
        ("处理决定数量", 1),
    ]
    assert headers["第二十条第（八）项"] == [("信息内容", 1), ("上一年项目数量", 1), ("本年增/减", 2)]
    assert headers["第二十条第（九）项"] == [("信息内容", 1), ("采购项目数量", 1), ("采购总金额", 2)]
    assert spans[PD + "fees/change"] == (1, 2)
    assert spans[PD + "procurement/amount_yuan"] == (1, 2)
    assert spans["三、本年度办理结果"] == (20, 1)
    assert spans["（六）其他处理"] == (1, 2)
    assert spans[OTHER_HANDLING + "total"] == (1, 1)
    assert [g.label for g in EDITION.table("requests").groups] == [
        "三、本年度办理结果",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
    ]


def test_what_is_the_same_as_2021_is_the_2021_declaration() -> None:
    """Table 四, the request columns and every request row but （六） are the 2021 declaration's own objects."""
    new = get_edition("2021")
    assert EDITION.table("review_and_litigation") is new.table("review_and_litigation")
    old_lines = {line.pointer: line for line in EDITION.table("requests").lines}
    new_lines = {line.pointer: line for line in new.table("requests").lines}
    shared = set(old_lines) & set(new_lines)
    assert len(shared) == 22
    assert all(old_lines[p] is new_lines[p] for p in shared)
    assert set(old_lines) - shared == {OTHER_HANDLING.rstrip("/")}


def test_rules_are_those_of_2021_over_the_2019_rows() -> None:
    """No continuity.in_force; the outcome total adds 19 rows, （六）其他处理 among them as one leaf row."""
    rules = govreport.rules_for("2019")
    assert rules.ids == (
        "requests.balance",
        "requests.outcome_total",
        "requests.row_total",
        "review_litigation.total",
        "values.non_negative",
        "cells.missing",
        "cells.empty",
        "continuity.carried_over",
        "narrative.request_count",
        "narrative.outcomes",
        "narrative.review_litigation",
        "narrative.processing_fee",
        "other_matters.processing_fee",
        "sections.substance",
    )
    outcome = rules.get("requests.outcome_total")
    assert all(len(eq.expected) == 19 for eq in outcome.equations)
    assert OTHER_HANDLING + "total" in outcome.reads
    assert len(rules.get("requests.row_total").equations) == 23
    ranged = set(rules.get("values.non_negative").reads)
    assert PD + "licensing/change" not in ranged
    assert {PD + "licensing/decisions", PD + "procurement/amount_yuan"} <= ranged


# --- the model and JSON -----------------------------------------------------------------------------------


def test_a_2019_document_loads_into_the_2019_model(pingtan: Any) -> None:
    """The edition member chooses the generated 2019 model; the amount is an exact Decimal in 元."""
    assert type(pingtan).__module__ == "govreport.model_2019"
    assert pingtan.edition == "2019"
    assert pingtan.proactive_disclosure.procurement.amount_yuan == Decimal("75394432.52")
    assert pingtan.proactive_disclosure.other_management_services.decisions == 153
    assert pingtan.requests.outcomes.other_handling.total == 0


@pytest.mark.parametrize("name", ["pingtan-2019.json", "blanks-2019.json"])
def test_fixtures_round_trip_through_json(name: str) -> None:
    """dumps(loads(doc)) is the document again, nulls and the amount's digits included."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    report = govreport.loads(text)
    assert json.loads(govreport.dumps(report), parse_float=Decimal) == json.loads(text, parse_float=Decimal)
    assert govreport.loads(govreport.dumps(report)) == report


@given(cells=cell_values())
def test_any_2019_report_round_trips(cells: dict[str, Any]) -> None:
    """Any values of the right kinds, blanks included, survive dumps and loads exactly."""
    report = zero_report().evolve(cells)
    again = govreport.loads(govreport.dumps(report))
    assert again == report
    assert EDITION.read_cells(again) == cells


def test_change_may_be_negative_other_counts_may_not() -> None:
    """本年增/减 loads negative; a negative 处理决定数量 or 采购总金额 is rejected with its pointer."""
    doc = json.loads((FIXTURES / "pingtan-2019.json").read_text(encoding="utf-8"), parse_float=Decimal)
    doc["proactive_disclosure"]["licensing"]["change"] = -7
    assert govreport.structure(doc).proactive_disclosure.licensing.change == -7
    doc["proactive_disclosure"]["licensing"]["decisions"] = -1
    doc["proactive_disclosure"]["procurement"]["amount_yuan"] = Decimal("-0.01")
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.structure(doc)
    assert sorted((p.rule, p.pointers[0]) for p in info.value.problems) == [
        ("values.non_negative", PD + "licensing/decisions"),
        ("values.non_negative", PD + "procurement/amount_yuan"),
    ]


def test_a_2021_shaped_other_handling_is_refused_in_a_2019_document() -> None:
    """（六）其他处理 is one row in 2019: the 2021 group of three rows names its unknown and missing members."""
    doc = json.loads((FIXTURES / "pingtan-2019.json").read_text(encoding="utf-8"), parse_float=Decimal)
    row = doc["requests"]["outcomes"]["other_handling"]
    doc["requests"]["outcomes"]["other_handling"] = {"no_correction": row, "fee_unpaid": row, "other": row}
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.structure(doc)
    rules = {p.rule for p in info.value.problems}
    assert rules == {"schema.additionalProperties", "schema.required"}
    assert (OTHER_HANDLING + "other") in {p.pointers[0] for p in info.value.problems}


def test_the_schema_allows_a_negative_change_only() -> None:
    """The shipped 2019 schema: 本年增/减 has no minimum, every other cell has minimum 0."""
    from govreport import schemas  # noqa: PLC0415

    doc = json.loads((FIXTURES / "pingtan-2019.json").read_text(encoding="utf-8"), parse_float=Decimal)
    doc["proactive_disclosure"]["fees"]["change"] = -3
    assert schemas.validate_document(doc) == []
    doc["proactive_disclosure"]["fees"]["previous_year_items"] = -3
    assert [(f.rule, f.pointers[0]) for f in schemas.validate_document(doc)] == [
        ("values.non_negative", PD + "fees/previous_year_items")
    ]
    assert schemas.schema_text("2019") == schemas.to_text(schemas.generate("2019"))


# --- the rules: every rule catches a hand-made mutant -----------------------------------------------------


def _mutants() -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
    """For each rule: changes to the zero report that break that rule alone, and the previous year's changes."""
    oh = OTHER_HANDLING
    return {
        "requests.balance": (
            {"/requests/received/natural_persons": 1, "/requests/received/total": 1},
            None,
        ),
        "requests.outcome_total": ({oh + "natural_persons": 1, oh + "total": 1}, None),
        "requests.row_total": (
            {oh + "total": 1, "/requests/outcomes/total/total": 1, "/requests/received/total": 1},
            None,
        ),
        "review_litigation.total": ({"/review_and_litigation/administrative_review/upheld": 1}, None),
        "values.non_negative": ({PD + "licensing/decisions": -1}, None),
        "cells.missing": ({PD + "procurement/amount_yuan": None}, None),
        "continuity.carried_over": (
            {},
            {"/requests/carried_forward/natural_persons": 2, "/requests/carried_forward/total": 2},
        ),
        "cells.empty": ({p: None for p in EDITION.cell_pointers() if p.startswith(PD)}, None),
        "narrative.request_count": ({"/overview": "2019年，本机关共收到政府信息公开申请5件。"}, None),
        "narrative.outcomes": ({"/overview": "2019年，本机关办结的申请中，其他处理2件。"}, None),
        "narrative.review_litigation": ({"/overview": "2019年，本机关发生政府信息公开行政复议3件。"}, None),
        "narrative.processing_fee": (
            {"/other_matters": "本年度共收取信息处理费100元。经核实，本年度未收取信息处理费。"},
            None,
        ),
        "other_matters.processing_fee": ({"/other_matters": "按要求落实年度政务公开工作要点。"}, None),
        "sections.substance": ({"/problems_and_improvements": "无"}, None),
    }


def test_every_rule_has_a_mutant() -> None:
    """The mutants below cover every rule of the edition."""
    assert set(_mutants()) == set(govreport.rules_for("2019").ids)


@pytest.mark.parametrize("rule_id", list(_mutants()))
def test_each_rule_catches_its_mutant_and_no_other_rule_fires(rule_id: str) -> None:
    """The zero report passes every rule; each mutant fails its own rule and no other."""
    base = zero_report()
    previous = attrs.evolve(base, year=base.year - 1)
    assert govreport.validate(base, previous).findings == ()
    changes, previous_changes = _mutants()[rule_id]
    mutant = base.evolve(changes)
    if previous_changes:
        previous = previous.evolve(previous_changes)
    findings = govreport.validate(mutant, previous).findings
    assert findings
    # a table empty as a whole is one finding besides each cell's own
    expected = {rule_id, "cells.missing"} if rule_id == "cells.empty" else {rule_id}
    assert {f.rule for f in findings} == expected
    assert all(f.status is govreport.Status.FAIL for f in findings)


def test_a_negative_change_is_no_finding() -> None:
    """本年增/减 below zero is a decrease, not an error."""
    report = zero_report().evolve({PD + "licensing/change": -5, PD + "fees/change": -1})
    assert govreport.validate(report).findings == ()


def test_the_real_report_passes_its_table_rules(pingtan: Any) -> None:
    """The 平潭 numbers break no table rule; its empty prose does not state the processing fee, and its sections
    五 and 六 say nothing."""
    assert [f.rule for f in govreport.validate(pingtan).findings] == [
        "other_matters.processing_fee",
        "sections.substance",
        "sections.substance",
    ]


def test_blanks_stay_null_and_make_rules_not_assessable(blanks: Any) -> None:
    """The report with 135 blank cells: 135 cells.missing warnings, no error, nothing read as 0."""
    result = govreport.validate(blanks)
    missing = [f for f in result.findings if f.rule == "cells.missing"]
    assert len(missing) == 135
    assert result.valid
    assert blanks.requests.outcomes.granted.total is None
    statuses = {f.status for f in result.findings if f.rule.startswith("requests.")}
    assert statuses == {govreport.Status.NOT_ASSESSABLE}


# --- every renderer draws the 2019 layout -------------------------------------------------------------------


def _labels() -> set[str]:
    return {cell.text for t in EDITION.tables for row in t.grid for cell in row if cell.text}


def _html_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ")


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_text_formats_draw_every_2019_label_and_value(fmt: str, blanks: Any) -> None:
    """HTML, Markdown and text carry every 2019 grid label, the amount in 元, a negative change and blank marks."""
    out = govreport.render(blanks, fmt)
    assert isinstance(out, str)
    shown = _html_text(out) if fmt == "html" else out.replace("\\", "")
    for label in _labels():
        assert label in shown, label
    assert "251000" in shown
    assert "48213" in shown
    assert re.search(r"(?<![\d-])-2(?!\d)", shown)
    assert _common.MISSING_MARK in shown


def test_csv_has_one_line_per_2019_cell(blanks: Any) -> None:
    """The long CSV form lists the 198 cells with their 2019 labels; a blank cell is an empty value, never 0."""
    out = govreport.render(blanks, "csv")
    assert isinstance(out, str)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["pointer"] for r in rows] == list(EDITION.cell_pointers())
    by_pointer = {r["pointer"]: r for r in rows}
    assert by_pointer[PD + "procurement/amount_yuan"]["value"] == "251000"
    assert by_pointer[PD + "procurement/amount_yuan"]["unit"] == "元"
    assert by_pointer[PD + "licensing/change"]["value"] == "-2"
    assert by_pointer["/requests/outcomes/granted/total"]["value"] == ""
    assert {r["edition"] for r in rows} == {"2019"}


@pytest.mark.parametrize("name", ["pingtan-2019.json", "blanks-2019.json"])
def test_office_formats_have_the_2019_grid(name: str) -> None:
    """XLSX sheets merge exactly the 2019 grid's spans and DOCX tables have its shape, labels and values."""
    report = govreport.load(FIXTURES / name)
    check_xlsx_layout(report)
    check_docx_layout(report)


def test_cli_prints_the_2019_schema_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    """`govreport schema --edition 2019` prints the shipped file; `govreport rules --edition 2019 --json` the
    catalogue without continuity.in_force; `govreport validate` takes a 2019 document."""
    from govreport import schemas  # noqa: PLC0415
    from govreport.cli import main  # noqa: PLC0415

    assert main(["schema", "--edition", "2019"]) == 0
    out = capsys.readouterr().out
    assert out == schemas.schema_text("2019")
    assert json.loads(out)["properties"]["edition"]["const"] == "2019"
    assert main(["rules", "--edition", "2019", "--json"]) == 0
    ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
    assert ids == list(govreport.rules_for("2019").ids)
    assert main(["validate", "--no-summary", str(FIXTURES / "pingtan-2019.json")]) == 0
    assert "valid (0 errors, 1 warning)" in capsys.readouterr().out
