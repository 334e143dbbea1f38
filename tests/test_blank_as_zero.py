"""validate(..., blank_as_zero=True): an explicit assumption, named in a field of every finding that rests on it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import govreport
from govreport import schemas
from govreport.editions import get_edition
from govreport.rules import BLANK_AS_ZERO

from .reports_2019 import FIXTURES, cell_values, kind, zero_report


def _without_assumption(f: govreport.Finding) -> govreport.Finding:
    return attrs.evolve(f, assumptions=(), missing=())


@given(cells=cell_values())
def test_the_assumption_is_validating_the_report_with_blanks_set_to_zero(cells: dict[str, Any]) -> None:
    """With blank_as_zero the rules find what they find in the report with every blank written 0, plus the blanks'
    own cells.missing; a finding carries the assumption exactly when one of its cells was blank."""
    report = zero_report().evolve(cells)
    zeroed = report.evolve({p: (Decimal(0) if kind(p) == "amount" else 0) for p, v in cells.items() if v is None})
    blank = {p for p, v in cells.items() if v is None}
    assumed = govreport.validate(report, blank_as_zero=True).findings
    assert [_without_assumption(f) for f in assumed if f.rule != "cells.missing"] == [
        _without_assumption(f) for f in govreport.validate(zeroed).findings
    ]
    assert {f.pointers[0] for f in assumed if f.rule == "cells.missing"} == blank
    for f in assumed:
        rests = bool(blank & set(f.pointers)) and f.rule != "cells.missing"
        assert f.assumptions == ((BLANK_AS_ZERO,) if rests else ())
        if rests:
            assert set(f.missing) == blank & set(f.pointers)
        assert f.status is govreport.Status.FAIL  # nothing is left unassessable
    assert report.evolve({}) == report  # the report itself is untouched: blanks stay None
    assert all(govreport.rules_for("2019").read_cells(report)[p] is None for p in blank)


def test_the_blank_report_under_the_assumption() -> None:
    """The report that leaves the 总计 column blank on every outcome row: by default nothing fails; assuming blank
    is 0, the outcome rows' totals fail, and each such finding names the assumption and its blank cell."""
    report = govreport.load(FIXTURES / "blanks-2019.json")
    plain = govreport.validate(report)
    assert not any(f.assumptions for f in plain.findings)
    assert plain.valid
    result = govreport.validate(report, blank_as_zero=True)
    assert not result.valid
    resting = [f for f in result.findings if f.assumptions]
    assert {f.rule for f in resting} == {"requests.row_total", "requests.outcome_total"}
    granted = next(f for f in resting if f.pointers[0] == "/requests/outcomes/granted/total")
    granted_row = "/requests/outcomes/granted/"
    assert (granted.expected, granted.actual) == (225, 0)
    assert granted.missing == tuple(
        granted_row + c for c in ("total", "research_institutions", "social_welfare_organizations")
    )
    assert not any(f.status is govreport.Status.NOT_ASSESSABLE for f in result.findings)
    assert sum(f.rule == "cells.missing" for f in result.findings) == 135
    assert report.requests.outcomes.granted.total is None


def test_the_finding_says_so_in_its_field_its_json_and_its_message() -> None:
    """assumptions is in to_dict (and meets the results schema); the message adds a note in both languages."""
    report = govreport.load(FIXTURES / "blanks-2019.json")
    result = govreport.validate(report, blank_as_zero=True)
    finding = next(f for f in result.findings if f.assumptions)
    data = finding.to_dict("en")
    assert data["assumptions"] == ["blank_as_zero"]
    assert data["missing"] == list(finding.missing)
    assert "assuming blank cells are 0" in data["message"]
    assert "假定空白单元格为 0" in finding.message
    assert "assumptions" not in next(f for f in result.findings if not f.assumptions).to_dict()
    document = json.loads(govreport.serialization.dumps_json(result.to_dict()), parse_float=Decimal)
    assert schemas.results_validator().is_valid(document)


def test_previous_year_blanks_rest_on_the_assumption_too() -> None:
    """continuity.carried_over with a blank cell in last year's report: compared as 0, and marked."""
    current = zero_report().evolve({"/year": 2020})
    previous = zero_report().evolve({"/requests/carried_forward/natural_persons": None})
    plain = govreport.validate(current, previous, select=["continuity"]).findings
    assert [(f.pointers[0], f.status.value) for f in plain] == [
        ("/requests/carried_over/natural_persons", "not_assessable")
    ]
    assert govreport.validate(current, previous, select=["continuity"], blank_as_zero=True).findings == ()
    current = current.evolve({"/requests/carried_over/natural_persons": 1, "/requests/carried_over/total": 1})
    current = current.evolve({"/requests/received/natural_persons": 0})
    found = govreport.validate(current, previous, select=["continuity"], blank_as_zero=True).findings
    assert [(f.pointers[0], f.expected, f.actual, f.assumptions) for f in found] == [
        ("/requests/carried_over/natural_persons", 0, 1, ("blank_as_zero",)),
        ("/requests/carried_over/total", 0, 1, ()),
    ]


def test_a_cell_the_previous_edition_lacks_is_still_not_assessable() -> None:
    """Blank as zero is about blank cells: a cell the 2019 edition does not have is never read as 0."""
    previous = attrs.evolve(zero_report(), year=2020)
    current = attrs.evolve(govreport.loads(govreport.example_document()), year=2021)
    found = govreport.validate(current, previous, select=["continuity.in_force"], blank_as_zero=True).findings
    assert {(f.status.value, f.assumptions) for f in found} == {("not_assessable", ())}


def test_2021_reports_take_the_assumption_as_well() -> None:
    """The option is the engine's, for every edition: a blank 2021 total under the assumption."""
    report = govreport.loads(govreport.example_document())
    report = report.evolve({"/review_and_litigation/administrative_review/upheld": 2})
    report = report.evolve({"/review_and_litigation/administrative_review/total": None})
    found = [
        f
        for f in govreport.validate(report, blank_as_zero=True).findings
        if f.rule == "review_litigation.total" and f.status is govreport.Status.FAIL
    ]
    assert [(f.expected, f.actual, f.assumptions) for f in found] == [(2, 0, ("blank_as_zero",))]
    assert get_edition("2021").read_cells(report)["/review_and_litigation/administrative_review/total"] is None


def test_cli_blank_as_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`govreport validate --blank-as-zero --json` prints the assumption with each finding that rests on it."""
    from govreport.cli import main  # noqa: PLC0415

    path = FIXTURES / "blanks-2019.json"
    assert main(["validate", "--json", "--no-summary", str(path)]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert not any("assumptions" in f for f in plain["findings"])
    assert main(["validate", "--json", "--no-summary", "--blank-as-zero", str(path)]) == 1
    assumed = json.loads(capsys.readouterr().out)
    resting = [f for f in assumed["findings"] if f.get("assumptions") == ["blank_as_zero"]]
    assert resting
    assert all(f["missing"] for f in resting)
