"""govreport.diff (module govreport.compare): the cells that changed between two years, and the cross-year rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

import govreport
from govreport.compare import CellChange, diff
from govreport.editions import get_edition

from .conftest import FIXTURES, set_pointer

RECEIVED_NP = "/requests/received/natural_persons"
FEE = "/proactive_disclosure/fees/amount_10k_yuan"


def test_identical_reports_have_no_changes(sample: govreport.Report) -> None:
    """A report compared with itself has no changed cell."""
    assert diff(sample, sample).changes == ()


def test_changed_cells_in_document_order(sample_doc: dict[str, Any], sample: govreport.Report) -> None:
    """Every changed cell is listed once, in the edition's document order, with old, new and new − old."""
    doc = set_pointer(sample_doc, "/year", 2022)
    doc = set_pointer(doc, FEE, Decimal("700.5"))
    doc = set_pointer(doc, RECEIVED_NP, 60)
    doc = set_pointer(doc, "/review_and_litigation/administrative_review/pending", None)
    result = diff(govreport.structure(doc), sample)
    order = list(get_edition().cell_pointers())
    assert [c.pointer for c in result.changes] == sorted(
        [FEE, RECEIVED_NP, "/review_and_litigation/administrative_review/pending"], key=order.index
    )
    by_pointer = {c.pointer: c for c in result.changes}
    assert by_pointer[FEE].difference == Decimal("722.61") - Decimal("700.5")
    assert by_pointer[RECEIVED_NP] == CellChange(pointer=RECEIVED_NP, old=60, new=73, difference=13)
    missing_before = by_pointer["/review_and_litigation/administrative_review/pending"]
    assert (missing_before.old, missing_before.difference) == (None, None)
    assert missing_before.new is not None
    assert (result.previous_year, result.year) == (2022, 2023)


def test_labels_come_from_the_edition(sample: govreport.Report) -> None:
    """A change names its cell with the edition's official label, or its English name."""
    change = CellChange(pointer=RECEIVED_NP, old=1, new=2, difference=1)
    assert change.label() == get_edition().describe(RECEIVED_NP)
    assert change.label("en") == get_edition().describe(RECEIVED_NP, "en")
    assert change.to_dict("en")["label"] == change.label("en")


def test_cross_year_rules_run(sample_doc: dict[str, Any], sample: govreport.Report) -> None:
    """The continuity rules run on consecutive years: a carried-over mismatch is reported as a warning."""
    doc = set_pointer(sample_doc, "/year", 2022)
    carried_forward = govreport.structure(doc).requests.carried_forward.natural_persons
    doc = set_pointer(doc, "/requests/carried_forward/natural_persons", (carried_forward or 0) + 4)
    result = diff(govreport.structure(doc), sample)
    failing = [f for f in result.findings if f.rule == "continuity.carried_over" and f.status == "fail"]
    assert [f.pointers for f in failing] == [("/requests/carried_over/natural_persons",)]
    assert failing[0].difference == -4
    assert result.valid  # continuity rules are warnings
    assert {f.rule for f in result.findings} <= {"continuity.carried_over", "continuity.in_force"}


def test_non_consecutive_years_are_not_assessable(sample: govreport.Report) -> None:
    """Two reports that are not consecutive years make the cross-year rules not assessable, never passed."""
    earlier = attrs.evolve(sample, year=2020)
    result = diff(earlier, sample)
    assert result.findings
    assert {f.status.value for f in result.findings} == {"not_assessable"}


def test_an_edition_with_no_upgrade_to_this_one_is_refused(sample: govreport.Report) -> None:
    """A later edition followed by an earlier one, or an edition with no declared upgrade, is not compared:
    EditionMismatchError (a ValueError) says so."""
    trial = attrs.evolve(govreport.load(FIXTURES / "pingtan-2019.json"), year=2024)
    with pytest.raises(govreport.EditionMismatchError, match="2019"):
        diff(sample, trial)
    with pytest.raises(ValueError, match="edition"):
        diff(sample, trial)


def _across() -> tuple[Any, govreport.Report]:
    """A 2020 report of the 2019 edition and a 2021 report of the same (made-up) agency."""
    previous = attrs.evolve(govreport.load(FIXTURES / "pingtan-2019.json"), year=2020)
    current = attrs.evolve(govreport.loads(govreport.example_document()), year=2021)
    return previous, current


def test_across_the_edition_change_the_shared_counts_are_compared() -> None:
    """A 2020 report (2019 edition) then a 2021 report: the cells the upgrade carries are compared, the 28 others
    are listed as not compared, and continuity.in_force says the 2019 edition has no such cell."""
    previous, current = _across()
    result = diff(previous, current)
    old = govreport.rules_for("2019").read_cells(previous)
    new = govreport.rules_for("2021").read_cells(current)
    assert [c.pointer for c in result.changes] == [p for p in new if p in old and old[p] != new[p]]
    first = result.changes[0]
    assert (first.pointer, first.old, first.new, first.previous_pointer) == (
        "/proactive_disclosure/licensing/decisions",
        181,
        1926,
        None,
    )
    assert len(result.not_compared) == 28
    assert "/requests/outcomes/other_handling/other/total" in result.not_compared
    assert "/proactive_disclosure/fees/amount_10k_yuan" in result.not_compared
    assert {(f.rule, f.status.value) for f in result.findings} == {("continuity.in_force", "not_assessable")}
    assert all(("reason", "edition") in f.detail for f in result.findings)
    assert "2019" in result.findings[0].message_in("en")
    assert result.to_dict()["not_compared"] == list(result.not_compared)


def test_carried_over_is_checked_against_a_2019_edition_report() -> None:
    """validate(previous=…) reads last year's 四、结转下年度继续办理 through the 2019 edition's own cells."""
    previous, current = _across()
    previous = previous.evolve({"/requests/carried_forward/natural_persons": 5, "/requests/carried_forward/total": 5})
    found = govreport.validate(current, previous, select=["continuity.carried_over"]).findings
    assert [(f.pointers[0], f.expected, f.actual) for f in found] == [
        ("/requests/carried_over/natural_persons", 5, 0),
        ("/requests/carried_over/total", 5, 0),
    ]
    assert diff(previous, current).findings[:2] == found


def test_two_2019_edition_reports_are_compared_cell_by_cell() -> None:
    """Within the 2019 edition every cell is compared, and there is no continuity.in_force."""
    previous = govreport.load(FIXTURES / "pingtan-2019.json")
    current = attrs.evolve(previous, year=2020).evolve({"/proactive_disclosure/licensing/change": -4})
    result = diff(previous, current)
    assert [(c.pointer, c.old, c.new, c.difference) for c in result.changes] == [
        ("/proactive_disclosure/licensing/change", 0, -4, -4)
    ]
    assert result.not_compared == ()
    assert [f.rule for f in result.findings] == []


def test_to_dict_is_the_cli_shape(sample_doc: dict[str, Any], sample: govreport.Report) -> None:
    """to_dict has the years, the changes and the findings, decimals kept exact."""
    doc = set_pointer(set_pointer(sample_doc, "/year", 2022), FEE, Decimal("0.01"))
    data = diff(govreport.structure(doc), sample).to_dict("en")
    assert set(data) == {"previous_year", "year", "changes", "findings"}
    assert data["changes"][0]["old"] == Decimal("0.01")
    assert '"old": 0.01' in govreport.serialization.dumps_json(data)


def test_module_examples() -> None:
    """The >>> examples of govreport.compare pass."""
    import doctest  # noqa: PLC0415
    import importlib  # noqa: PLC0415

    result = doctest.testmod(importlib.import_module("govreport.compare"))
    assert result.attempted > 0
    assert result.failed == 0
