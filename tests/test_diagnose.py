"""Diagnosis: the smallest corrections that explain the failing equations, never one picked silently."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport import editions, rules
from govreport._messages import MESSAGES
from govreport.cli import main
from govreport.editions import Block, Column, GridCell, Line
from govreport.rules._diagnose import KINDS
from govreport.schemas import results_schema
from govreport.strategies import arbitrary_reports, reports

from . import diagnosis_oracle as oracle
from .conftest import cells_of
from .test_edition_registry import TOY as REGISTRY_TOY

RQ = "/requests"
GRANTED = f"{RQ}/outcomes/granted"
PARTIAL = f"{RQ}/outcomes/partially_granted"
REVIEW = "/review_and_litigation/administrative_review"
APPLICANTS = tuple(c.key for c in govreport.get_edition("2021").table("requests").lines[0].columns)
EQUATION_CELLS = oracle.equation_cells("2021")


def _row(line: str, values: list[int | None]) -> dict[str, int | None]:
    return {f"{line}/{key}": v for key, v in zip(APPLICANTS, values, strict=True)}


@pytest.fixture
def spread(sample: govreport.Report) -> govreport.Report:
    """The sample with its （一）予以公开 requests spread over every applicant column (still valid)."""
    parts = [4, 10, 5, 3, 6, 41]
    changes = {
        **_row(GRANTED, [*parts, 69]),
        **_row(f"{RQ}/received", [p + (4 if k == 0 else 0) for k, p in enumerate(parts)] + [73]),
        **_row(f"{RQ}/outcomes/total", [p + (4 if k == 0 else 0) for k, p in enumerate(parts)] + [73]),
    }
    report = sample.evolve(changes)
    assert govreport.validate(report).valid
    return report


def _corrections(d: govreport.Diagnosis) -> list[tuple[str, tuple[tuple[str, Any], ...]]]:
    return [(e.kind, e.corrections) for e in d.explanations]


# --- one wrong cell -----------------------------------------------------------------------------------------


def test_total_printed_zero_is_named_with_its_sum(sample: govreport.Report) -> None:
    """Table 四's 总计 printed 0 while its parts sum to 11: the total, and 11, is the one smallest correction."""
    report = sample.evolve({f"{REVIEW}/upheld": 6, f"{REVIEW}/corrected": 3, f"{REVIEW}/other": 2})
    d = govreport.diagnose(report)
    assert d.failing == ("review_litigation.total[0]",)
    assert d.unique
    (e,) = d.explanations
    assert (e.kind, e.corrections, e.published, e.size) == (
        "cell",
        ((f"{REVIEW}/total", 11),),
        ((f"{REVIEW}/total", 0),),
        1,
    )
    (f,) = d.findings
    assert (f.rule, f.pointers, f.expected, f.actual, f.difference) == (
        "diagnosis.cell",
        (f"{REVIEW}/total",),
        11,
        0,
        -11,
    )
    assert ("unique", "true") in f.detail
    assert f.message_in("en") == (
        "administrative review, total: printed 0, should be 11; correcting this one cell makes every failing "
        "equation hold (review_litigation.total[0]; equally small explanations: 1)"
    )
    assert "应为 11" in f.message


def test_a_wrong_leaf_of_table_3_is_named(sample: govreport.Report) -> None:
    """The tutorial's typo breaks a row total and a column total; the cell where they cross is the one answer."""
    d = govreport.diagnose(sample.evolve({f"{GRANTED}/natural_persons": 35}))
    assert d.failing == ("requests.outcome_total[0]", "requests.row_total[2]")
    assert _corrections(d) == [("cell", ((f"{GRANTED}/natural_persons", 69),))]


def test_transposed_digits_are_named(sample: govreport.Report) -> None:
    """69 printed as 96 is a correction of one cell, named as two transposed digits."""
    d = govreport.diagnose(sample.evolve({f"{GRANTED}/natural_persons": 96}))
    assert _corrections(d) == [("transposed_digits", ((f"{GRANTED}/natural_persons", 69),))]
    assert d.findings[0].rule == "diagnosis.transposed_digits"


def test_a_total_copied_from_the_row_above_is_named(sample: govreport.Report) -> None:
    """（二）部分公开's 总计 printed as the 69 of the row above: a total copied from the wrong row."""
    d = govreport.diagnose(sample.evolve({f"{PARTIAL}/total": 69}))
    (e,) = d.explanations
    assert (e.kind, e.corrections, e.detail) == (
        "wrong_row_total",
        ((f"{PARTIAL}/total", 3),),
        (("copied_from", f"{GRANTED}/total"),),
    )
    assert d.findings[0].pointers == (f"{PARTIAL}/total", f"{GRANTED}/total")


# --- rows that moved, digits merged and split ---------------------------------------------------------------


def _final(report: govreport.Report, e: govreport.Explanation) -> dict[str, Any]:
    """Every cell of ``report`` once the explanation's corrections and inferred values are applied."""
    return {**cells_of(report), **dict(e.inferred), **dict(e.corrections)}


def test_a_row_shifted_left_is_put_back(spread: govreport.Report) -> None:
    """An empty cell lost in flattening moved the rest of the row left; the diagnosis puts every value back."""
    report = spread.evolve(_row(GRANTED, [4, 5, 3, 6, 41, 69, None]))
    (e,) = govreport.diagnose(report).explanations
    assert (e.kind, e.detail) == ("shifted_row", (("direction", "right"),))
    assert _final(report, e) == cells_of(spread)


def test_two_cells_read_as_one_number_are_split_again(spread: govreport.Report) -> None:
    """4 and 10 read as 410 and the rest moved left: merged digits, split back into 4 and 10."""
    report = spread.evolve(_row(GRANTED, [410, 5, 3, 6, 41, 69, None]))
    (e,) = govreport.diagnose(report).explanations
    assert e.kind == "merged_digits"
    assert _final(report, e) == cells_of(spread)


def test_one_number_read_as_two_cells_is_joined_again(spread: govreport.Report) -> None:
    """10 read as 1 and 0 and the rest moved right (the 69 lost): split digits, joined back."""
    report = spread.evolve(_row(GRANTED, [4, 1, 0, 5, 3, 6, 41]))
    d = govreport.diagnose(report)
    (e,) = d.explanations
    assert e.kind == "split_digits"
    assert _final(report, e) == cells_of(spread)
    assert (d.findings[0].pointers[0], d.findings[0].expected) == (f"{GRANTED}/commercial_enterprises", 10)


# --- two cells, several answers, none ----------------------------------------------------------------------


def test_two_wrong_cells_are_found_when_one_does_not_do(sample: govreport.Report) -> None:
    """No single cell explains a row total and two column totals that fail together; two cells do."""
    d = govreport.diagnose(sample.evolve({f"{GRANTED}/natural_persons": 0, f"{GRANTED}/total": 70}))
    assert _corrections(d) == [("cells", ((f"{GRANTED}/natural_persons", 69), (f"{GRANTED}/total", 69)))]
    assert d.explanations[0].size == 2


def test_equally_small_corrections_are_all_listed(sample: govreport.Report) -> None:
    """Table 四's total 12 over parts that sum to 11: any of the five cells may be the wrong one; all are listed."""
    report = sample.evolve(
        {f"{REVIEW}/upheld": 6, f"{REVIEW}/corrected": 3, f"{REVIEW}/other": 2, f"{REVIEW}/total": 12}
    )
    d = govreport.diagnose(report)
    assert d.ambiguous
    assert {e.corrections for e in d.explanations} == {
        ((f"{REVIEW}/upheld", 7),),
        ((f"{REVIEW}/corrected", 4),),
        ((f"{REVIEW}/other", 3),),
        ((f"{REVIEW}/pending", 1),),
        ((f"{REVIEW}/total", 11),),
    }
    assert {(ptr, v) for e in d.explanations for ptr, v in e.corrections} == oracle.single_cell_corrections(report)
    head, *rest = d.findings
    assert head.rule == "diagnosis.ambiguous"
    assert ("explanations", "5") in head.detail
    assert all(("unique", "false") in f.detail for f in rest)
    assert "none can be picked" in head.message_in("en")


def test_three_scattered_faults_are_unexplained(sample: govreport.Report) -> None:
    """Three wrong cells in different rows and columns: nothing small explains them, and the diagnosis says so."""
    report = sample.evolve(
        {
            f"{RQ}/received/natural_persons": 70,
            f"{GRANTED}/research_institutions": 5,
            f"{RQ}/outcomes/unavailable/not_held/legal_service_institutions": 2,
        }
    )
    d = govreport.diagnose(report)
    assert d.explanations == ()
    assert [f.rule for f in d.findings] == ["diagnosis.unexplained"]
    assert "requests.row_total[0]" in dict(d.findings[0].detail)["explains"]


# --- missing cells are unknowns ---------------------------------------------------------------------------


def test_a_missing_cell_is_inferred(sample: govreport.Report) -> None:
    """A blank cell is not 0: the equations say which value it must have."""
    d = govreport.diagnose(sample.evolve({f"{GRANTED}/total": None}))
    assert (d.failing, d.explanations) == ((), ())
    assert d.inferred == ((f"{GRANTED}/total", 69),)
    (f,) = d.findings
    assert (f.rule, f.pointers, f.expected, f.actual) == ("diagnosis.inferred", (f"{GRANTED}/total",), 69, None)
    assert dict(f.detail)["from"] == "requests.row_total[2]"


def test_a_whole_missing_row_is_inferred_from_the_columns(sample: govreport.Report) -> None:
    """A row of table 三 printed as / is determined, cell by cell, by the column totals."""
    d = govreport.diagnose(sample.evolve(_row(GRANTED, [None] * 7)))
    assert dict(d.inferred) == _row(GRANTED, [69, 0, 0, 0, 0, 0, 69])


def test_cells_the_equations_leave_open_are_not_inferred(sample: govreport.Report) -> None:
    """Two blanks in one group of table 四 can take many values: neither is inferred."""
    d = govreport.diagnose(sample.evolve({f"{REVIEW}/upheld": None, f"{REVIEW}/other": None}))
    assert d.inferred == ()
    assert d.findings == ()


def test_missing_cells_do_not_hide_a_wrong_one(sample: govreport.Report) -> None:
    """With two blanks every rule that reads the wrong cell is not assessable and the report is 'valid'; the
    equations still contradict each other. Two corrections reconcile them, each with its own values for the blanks,
    so both are listed and no blank is inferred."""
    report = sample.evolve({f"{GRANTED}/natural_persons": None, f"{PARTIAL}/total": None, f"{GRANTED}/total": 70})
    assert govreport.validate(report).errors == ()
    d = govreport.diagnose(report)
    assert [(e.corrections, e.inferred) for e in d.explanations] == [
        (((f"{GRANTED}/total", 69),), ((f"{GRANTED}/natural_persons", 69), (f"{PARTIAL}/total", 3))),
        (((f"{PARTIAL}/natural_persons", 2),), ((f"{GRANTED}/natural_persons", 70), (f"{PARTIAL}/total", 2))),
    ]
    assert d.inferred == ()
    fixed = govreport.diagnose(report.evolve({f"{PARTIAL}/total": 3}))
    assert _corrections(fixed) == [("cell", ((f"{GRANTED}/total", 69),))]
    assert fixed.inferred == ((f"{GRANTED}/natural_persons", 69),)


# --- the previous year, other editions, exact amounts --------------------------------------------------------


def _previous(report: govreport.Report) -> govreport.Report:
    """Last year's report of the sample's agency, consistent with this year's."""
    return report.evolve(
        {
            "/year": report.year - 1,
            "/proactive_disclosure/normative_documents/in_force": 21,
            **_row(f"{RQ}/carried_forward", [0] * 7),
        }
    )


def test_the_previous_year_tells_which_rows_are_wrong(sample: govreport.Report) -> None:
    """5 carried over that last year did not carry forward: alone the balance cannot say which row is wrong (4
    pairs of cells fit); with last year's report only 二、上年结转 does."""
    changes = {f"{RQ}/carried_over/natural_persons": 5, f"{RQ}/carried_over/total": 5}
    report = sample.evolve(changes)
    alone = govreport.diagnose(report)
    assert alone.ambiguous
    assert ((f"{RQ}/carried_over/natural_persons", 0), (f"{RQ}/carried_over/total", 0)) in {
        e.corrections for e in alone.explanations
    }
    both = govreport.diagnose(report, _previous(sample))
    assert "continuity.carried_over[0]" in both.failing
    assert _corrections(both) == [
        ("cells", ((f"{RQ}/carried_over/natural_persons", 0), (f"{RQ}/carried_over/total", 0)))
    ]


def test_the_2019_edition_is_diagnosed_from_its_own_equations() -> None:
    """The 2019 trial edition brings its own equations; a wrong cell of its table 三 is named from them, and a cell
    that a cross-year equation checks is not taken for a total copied from another row."""
    report = govreport.load(Path(__file__).parent.parent / "conformance" / "2019" / "valid" / "pingtan-2019.json")
    assert report.edition == "2019"
    ptr = f"{RQ}/carried_over/natural_persons"
    d = govreport.diagnose(report.evolve({ptr: cells_of(report)[f"{GRANTED}/natural_persons"] or 7}))
    assert d.failing == ("requests.balance[0]", "requests.row_total[1]")
    assert _corrections(d) == [("cell", ((ptr, cells_of(report)[ptr]),))]


def test_a_previous_report_of_another_year_is_not_used(sample: govreport.Report) -> None:
    """Cross-year equations need consecutive years, as in validate."""
    report = sample.evolve({f"{RQ}/carried_over/natural_persons": 5, f"{RQ}/carried_over/total": 5})
    older = _previous(sample).evolve({"/year": sample.year - 2})
    assert govreport.diagnose(report, older).failing == govreport.diagnose(report).failing


COLUMNS = (
    Column(key="a", label="甲", name_en="a", kind="amount", unit="万元"),
    Column(key="b", label="乙", name_en="b", kind="amount", unit="万元"),
    Column(key="total", label="合计", name_en="total", kind="amount", unit="万元"),
)
LINES = tuple(
    Line(path=("table", key), label=label, name_en=key, columns=COLUMNS, row_type="ToyRow")
    for key, label in (("one", "一行"), ("two", "二行"), ("sum", "合计行"))
)


def _sums(rule_id: str, equations: list[tuple[str, str, str]]) -> rules.EquationRule:
    """A rule of equations ``total = a + b`` over the given cells."""
    return rules.EquationRule(
        id=rule_id,
        severity=govreport.Severity.ERROR,
        origin="derived",
        clause="合计为各项之和",
        clause_en="a total is the sum of its parts",
        equations=[rules.Equation(actual=(total,), expected=(a, b)) for total, a, b in equations],
    )


# The registry test's toy edition, with a table that adds up both ways and amounts for cells.
TOY = attrs.evolve(
    REGISTRY_TOY,
    name="toy-diagnosis",
    tables=(
        attrs.evolve(
            REGISTRY_TOY.tables[0],
            blocks=(Block(title=None, lines=LINES),),
            grid=tuple(
                (GridCell(text=line.label, header=True), *(GridCell(pointer=line.cell_pointer(c)) for c in COLUMNS))
                for line in LINES
            ),
        ),
    ),
    rules=(
        _sums(
            "toy.rows", [(line.cell_pointer("total"), line.cell_pointer("a"), line.cell_pointer("b")) for line in LINES]
        ),
        _sums("toy.columns", [tuple(line.cell_pointer(c) for line in (LINES[2], LINES[0], LINES[1])) for c in COLUMNS]),
    ),
)


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the toy edition for one test."""
    monkeypatch.setitem(editions._REGISTRY, TOY.name, TOY)


def _toy(table: str) -> Any:
    return govreport.loads(
        f'{{"edition": "{TOY.name}", "agency": "某机关", "year": 2030, "overview": "概况。", "table": {table}}}'
    )


@pytest.mark.usefixtures("toy")
def test_any_edition_is_diagnosed_from_its_declared_equations_with_exact_amounts() -> None:
    """A toy edition declared in this test alone: its equations locate a wrong amount and infer a missing one,
    digit for digit."""
    report = _toy(
        '{"one": {"a": 1.25, "b": 2.50, "total": 3.75}, "two": {"a": 0.10, "b": 7.00, "total": 7.10}, '
        '"sum": {"a": 1.35, "b": 9.5, "total": 10.85}}'
    )
    assert govreport.validate(report).valid
    wrong = report.evolve({"/table/one/b": Decimal("2.05")})
    assert _corrections(govreport.diagnose(wrong)) == [("cell", (("/table/one/b", Decimal("2.5")),))]
    blank = report.evolve({"/table/two/a": None, "/table/sum/total": None})
    assert govreport.diagnose(blank).inferred == (
        ("/table/two/a", Decimal("0.1")),
        ("/table/sum/total", Decimal("10.85")),
    )


# --- validate and the command line --------------------------------------------------------------------------


def test_validate_adds_the_diagnosis_on_request(sample: govreport.Report) -> None:
    """validate(diagnose=True) appends the diagnosis findings after the rules' own, and only when asked."""
    report = sample.evolve({f"{GRANTED}/natural_persons": 35})
    plain = govreport.validate(report)
    both = govreport.validate(report, diagnose=True)
    assert both.findings[: len(plain.findings)] == plain.findings
    assert [f.rule for f in both.findings[len(plain.findings) :]] == ["diagnosis.cell"]
    assert govreport.validate(sample, diagnose=True).findings == govreport.validate(sample).findings
    only = govreport.validate(report, diagnose=True, select=["requests.row_total"])
    # the row total alone cannot say which of its cells is wrong
    assert next(f.rule for f in only.findings if f.rule.startswith("diagnosis.")) == "diagnosis.ambiguous"


def test_cli_diagnose_prints_findings_that_fit_the_results_schema(
    sample: govreport.Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """govreport validate --diagnose names the cell, in the text output and in --json lines the schema accepts."""
    path = tmp_path / "typo.json"
    path.write_text(govreport.dumps(sample.evolve({f"{GRANTED}/natural_persons": 35})), encoding="utf-8")
    assert main(["validate", "--diagnose", "--lang", "en", "--no-summary", "-q", str(path)]) == 1
    out = capsys.readouterr().out
    assert "diagnosis.cell [/requests/outcomes/granted/natural_persons]: " in out
    assert "printed 35, should be 69" in out
    assert main(["validate", "--diagnose", "--json", "--no-summary", str(path)]) == 1
    (line,) = [json.loads(text, parse_float=Decimal) for text in capsys.readouterr().out.splitlines()]
    validator = jsonschema.Draft202012Validator(results_schema())
    assert list(validator.iter_errors(line)) == []
    (finding,) = [f for f in line["findings"] if f["rule"].startswith("diagnosis.")]
    assert (finding["expected"], finding["actual"], finding["detail"]["unique"]) == (69, 35, "true")


def test_every_diagnosis_code_has_both_messages() -> None:
    """Every code diagnose can emit has a Chinese and an English template in the one message table."""
    codes = {f"diagnosis.{k}" for k in KINDS} | {"diagnosis.ambiguous", "diagnosis.unexplained", "diagnosis.inferred"}
    for code in codes:
        zh, en = MESSAGES[code]
        assert zh
        assert en
        assert zh != en


# --- properties ---------------------------------------------------------------------------------------------

_PROPERTY = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@st.composite
def single_cell_mutants(draw: st.DrawFn) -> tuple[govreport.Report, str, int]:
    """A generated valid report with one cell that some equation reads changed to another count."""
    report = draw(reports())
    ptr = draw(st.sampled_from(EQUATION_CELLS))
    old = cells_of(report)[ptr]
    new = draw(st.integers(0, max(2 * old, 20)).filter(lambda v: v != old))
    return report.evolve({ptr: new}), ptr, old


@_PROPERTY
@given(single_cell_mutants())
def test_single_cell_mutants_are_named_exactly_or_called_ambiguous(case: tuple[govreport.Report, str, int]) -> None:
    """The oracle (probing validate, no linear algebra) lists every cell whose correction alone makes the equations
    hold. When it finds one, the diagnosis names that cell and its original value and says it is unique; when it
    finds several, the diagnosis says ambiguous and lists exactly those."""
    mutant, ptr, old = case
    expected = oracle.single_cell_corrections(mutant)
    assert (ptr, old) in expected
    d = govreport.diagnose(mutant)
    found = {e.corrections for e in d.explanations}
    assert found == {((p, v),) for p, v in expected}
    assert all(e.size == 1 for e in d.explanations)
    if len(expected) == 1:
        assert d.unique
        assert d.findings[0].pointers[0] == ptr
        assert d.findings[0].expected == old
        assert ("unique", "true") in d.findings[0].detail
    else:
        assert d.ambiguous
        assert d.findings[0].rule == "diagnosis.ambiguous"


@_PROPERTY
@given(reports(), st.data())
def test_blank_cells_are_inferred_only_as_they_were(report: govreport.Report, data: st.DataObject) -> None:
    """Blank some cells of a valid report: every value the diagnosis infers is the one that was there, nothing
    needs correcting, and a lone blank cell that an equation reads is always inferred."""
    blanks = data.draw(st.sets(st.sampled_from(EQUATION_CELLS), min_size=1, max_size=6))
    original = cells_of(report)
    d = govreport.diagnose(report.evolve(dict.fromkeys(blanks)))
    assert (d.failing, d.explanations) == ((), ())
    assert all(original[p] == v for p, v in d.inferred)
    assert {p for p, _ in d.inferred} <= blanks
    lone = data.draw(st.sampled_from(EQUATION_CELLS))
    assert govreport.diagnose(report.evolve({lone: None})).inferred == ((lone, original[lone]),)


@st.composite
def row_faults(draw: st.DrawFn) -> tuple[govreport.Report, govreport.Report]:
    """A valid report, and a copy with one printed row of table 三 shifted: a value vanished (the rest moved
    left, the last cell blank) or two neighbours merged into one number."""
    report = draw(reports())
    line = draw(
        st.sampled_from([p.rpartition("/")[0] for p in EQUATION_CELLS if p.endswith("/total") and p.startswith(RQ)])
    )
    values = [cells_of(report)[f"{line}/{k}"] for k in APPLICANTS]
    i = draw(st.integers(0, len(values) - 2))
    if draw(st.booleans()):
        published = [*values[:i], *values[i + 1 :], None]
    else:
        published = [*values[:i], int(f"{values[i]}{values[i + 1]}"), *values[i + 2 :], None]
    return report, report.evolve(_row(line, published))


@_PROPERTY
@given(row_faults())
def test_every_explanation_of_a_row_fault_holds_and_none_is_larger_than_the_truth(
    case: tuple[govreport.Report, govreport.Report],
) -> None:
    """Every explanation the diagnosis gives, applied, makes every equation hold (checked by validate); none
    corrects more published cells than the fault changed; and when it corrects as many, the truth is among them."""
    original, mutant = case
    before, after = cells_of(original), cells_of(mutant)
    d = govreport.diagnose(mutant)
    if not d.failing:
        return  # the fault left every equation satisfiable (e.g. a row of zeros)
    truth_size = sum(1 for p in after if after[p] is not None and after[p] != before[p])
    for e in d.explanations:
        corrected = mutant.evolve({**dict(e.inferred), **dict(e.corrections)})
        assert not [
            f
            for f in govreport.validate(corrected).findings
            if f.status.value == "fail" and f.severity.value == "error"
        ]
        assert e.size <= truth_size
    truth = {p: before[p] for p in after if after[p] != before[p]}
    if d.explanations and d.explanations[0].size == truth_size:
        assert any({**dict(e.inferred), **dict(e.corrections)}.items() >= truth.items() for e in d.explanations)


@_PROPERTY
@given(arbitrary_reports())
def test_anything_the_model_holds_is_diagnosed_without_error_and_fits_the_results_schema(report: Any) -> None:
    """Negative counts, huge numbers, blanks anywhere: diagnosis never raises, every message renders in both
    languages, and validate's result with the diagnosis fits the results schema."""
    result = govreport.validate(report, diagnose=True)
    validator = jsonschema.Draft202012Validator(results_schema())
    for lang in ("zh", "en"):
        assert list(validator.iter_errors(result.to_dict(lang))) == []
    d = govreport.diagnose(report)
    assert d.unique or d.ambiguous or not d.explanations
    assert all(f.rule.startswith("diagnosis.") and f.severity.value == "info" for f in d.findings)
