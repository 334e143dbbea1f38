"""Upgrading a 2019-edition report to the 2021 edition: every cell accounted for, no silent guess."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import govreport
from govreport import editions
from govreport.editions import get_edition, get_upgrade
from govreport.editions._upgrade import Carry, Collapse, Lose, NoSource
from govreport.upgrading import COLLAPSED_ROW, carried

from .reports_2019 import FIXTURES, cell_values, zero_report

OLD, NEW = get_edition("2019"), get_edition("2021")
DECLARATION = get_upgrade("2019")
assert DECLARATION is not None
TABLE_RULES = ("requests.", "review_litigation.", "cells.missing", "values.non_negative")


def _entries(kind: type) -> list[Any]:
    return [e for e in DECLARATION.entries if isinstance(e, kind)]


# --- the declaration --------------------------------------------------------------------------------------


def test_the_declaration_names_every_cell_of_both_editions_once() -> None:
    """198 sources and 200 targets, each named once: 179 carried (7 of them collapsed), 19 lost, 7 unsourced."""
    DECLARATION.check(OLD, NEW)
    assert sorted(DECLARATION.sources()) == sorted(OLD.cell_pointers())
    assert sorted(DECLARATION.targets()) == sorted(NEW.cell_pointers())
    counts = Counter(type(e).__name__ for e in DECLARATION.entries)
    assert counts == {"Carry": 172, "Collapse": 7, "Lose": 19, "NoSource": 7}
    assert sum(len(e.zeros) for e in _entries(Collapse)) == 14


def test_only_the_same_count_is_carried() -> None:
    """Tables 三 and 四 carry cell by cell; of table 二 only 处理决定数量 of 行政许可, 行政处罚 and 行政强制."""
    pd = [e for e in _entries(Carry) if e.source.startswith("/proactive_disclosure/")]
    assert [e.source for e in pd] == [
        f"/proactive_disclosure/{row}/decisions" for row in ("licensing", "penalties", "coercive_measures")
    ]
    assert all(e.source == e.target for e in _entries(Carry))
    assert {e.source.split("/")[2] for e in _entries(Lose)} == {
        "rules",
        "normative_documents",
        "licensing",
        "other_management_services",
        "penalties",
        "coercive_measures",
        "fees",
        "procurement",
    }
    assert all(e.target.startswith("/requests/outcomes/other_handling/other/") for e in _entries(Collapse))


def test_an_incomplete_or_doubled_declaration_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dropping an entry, or naming a cell twice, fails the check; registering a second upgrade from 2019 too."""
    short = attrs.evolve(DECLARATION, entries=DECLARATION.entries[1:])
    with pytest.raises(ValueError, match="not named"):
        short.check(OLD, NEW)
    doubled = attrs.evolve(DECLARATION, entries=(*DECLARATION.entries, DECLARATION.entries[-1]))
    with pytest.raises(ValueError, match="named twice"):
        doubled.check(OLD, NEW)
    with pytest.raises(ValueError, match="registered already"):
        editions.register_upgrade(DECLARATION)
    monkeypatch.setattr(editions, "_UPGRADES", {})
    with pytest.raises(ValueError, match="not named"):
        editions.register_upgrade(short)
    assert get_upgrade("2019") is None


# --- upgrading a report -----------------------------------------------------------------------------------


def test_the_real_report_upgrades_to_a_valid_2021_document() -> None:
    """The 平潭 report becomes a 2021 document: table 三 and the decisions carried, the rest listed."""
    report = govreport.load(FIXTURES / "pingtan-2019.json")
    upgraded, losses = govreport.upgrade(report)
    assert isinstance(upgraded, govreport.Report)
    assert upgraded.edition == "2021"
    assert (upgraded.agency, upgraded.year, upgraded.title) == (report.agency, report.year, report.title)
    assert upgraded.proactive_disclosure.licensing.decisions == 181
    assert upgraded.proactive_disclosure.rules.issued is None
    # each edition has its own row classes: compare their values
    assert attrs.asdict(upgraded.requests.received) == attrs.asdict(report.requests.received)
    assert attrs.asdict(upgraded.requests.outcomes.other_handling.other) == attrs.asdict(
        report.requests.outcomes.other_handling
    )
    assert govreport.validate(upgraded).valid
    assert Counter((f.rule, f.severity.value) for f in losses) == {
        ("upgrade.lost", "warning"): 19,
        ("upgrade.unsourced", "info"): 7,
        ("upgrade.assumed", "info"): 14,  # the printed （六） is 0 in every column: the zeros are exact
    }
    amount = next(f for f in losses if f.pointers == ("/proactive_disclosure/procurement/amount_yuan",))
    assert amount.actual == Decimal("75394432.52")
    assert amount.edition == "2019"
    assert "政府集中采购" in amount.message
    assert "procurement" in amount.message_in("en")
    assert govreport.loads(govreport.dumps(upgraded)) == upgraded


def test_a_report_of_the_target_edition_is_returned_as_it_is() -> None:
    """Upgrading a 2021 report changes nothing and loses nothing; there is no downgrade."""
    report = govreport.loads(govreport.example_document())
    assert govreport.upgrade(report) == (report, ())
    with pytest.raises(govreport.UpgradeError, match="no upgrade"):
        govreport.upgrade(report, to="2019")
    with pytest.raises(govreport.UnknownEditionError):
        govreport.upgrade(report, to="1999")


@given(cells=cell_values())
def test_every_cell_lands_once_or_is_listed(cells: dict[str, Any]) -> None:
    """For any 2019 report: carried cells hold their value, each lost cell is listed with its value, each
    unsourced cell is null and listed, and the collapsed row's value goes to 3.其他 with its siblings 0."""
    report = zero_report().evolve(cells)
    upgraded, losses = govreport.upgrade(report)
    after = NEW.read_cells(upgraded)
    by_rule: dict[str, dict[str, Any]] = {}
    for f in losses:
        by_rule.setdefault(f.rule, {})[f.pointers[0]] = f
    for e in DECLARATION.entries:
        if isinstance(e, Carry):
            assert after[e.target] == cells[e.source]
        elif isinstance(e, Lose):
            assert by_rule["upgrade.lost"][e.source].actual == cells[e.source]
        elif isinstance(e, NoSource):
            assert after[e.target] is None
            assert e.target in by_rule["upgrade.unsourced"]
        else:
            assert after[e.target] == cells[e.source]
            for zero in e.zeros:
                assert after[zero] == 0
                finding = by_rule["upgrade.assumed"][zero]
                assert finding.assumptions == (COLLAPSED_ROW,)
                exact = cells[e.source] == 0
                assert finding.severity is (govreport.Severity.INFO if exact else govreport.Severity.WARNING)
    assert len(losses) == 19 + 7 + 14
    assert Counter(f.severity for f in losses if f.rule == "upgrade.lost") == Counter(
        govreport.Severity.INFO if cells[e.source] is None else govreport.Severity.WARNING for e in _entries(Lose)
    )


def _mapped(finding: govreport.Finding, mapping: dict[str, str], dropped: set[str]) -> tuple[Any, ...]:
    """The finding in terms both editions share: its pointers mapped into 2021 and the collapsed zeros left out."""

    def ptrs(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(mapping.get(p, p) for p in values if mapping.get(p, p) not in dropped)

    return (
        finding.rule,
        finding.severity,
        finding.status,
        finding.expected,
        finding.actual,
        finding.difference,
        ptrs(finding.pointers),
        ptrs(finding.missing),
    )


def _table_findings(report: Any, mapping: dict[str, str], dropped: set[str], **options: Any) -> list[tuple[Any, ...]]:
    found = govreport.validate(report, **options).findings
    return sorted(
        (
            _mapped(f, mapping, dropped)
            for f in found
            if f.rule.startswith(TABLE_RULES) and f.pointers[0].startswith(("/requests/", "/review_and_litigation/"))
        ),
        key=repr,
    )


MAPPING = {e.source: e.target for e in DECLARATION.entries if isinstance(e, Carry | Collapse)}
ZEROS = {z for e in _entries(Collapse) for z in e.zeros}


@given(cells=cell_values())
def test_table_three_and_four_findings_are_the_same_after_the_upgrade(cells: dict[str, Any]) -> None:
    """Any 2019 report, blanks and broken totals included: validating it and validating its upgrade give the same
    table 三 and 四 findings, pointer for pointer (with blank_as_zero too)."""
    report = zero_report().evolve(cells)
    upgraded, _ = govreport.upgrade(report)
    for options in ({}, {"blank_as_zero": True}):
        before = _table_findings(report, MAPPING, ZEROS, **options)
        after = _table_findings(upgraded, {}, ZEROS, **options)
        assert before == after


def test_table_findings_are_the_same_for_the_blank_report() -> None:
    """The report with 135 blank cells has the same table findings before and after, blanks as they are."""
    report = govreport.load(FIXTURES / "blanks-2019.json")
    upgraded, _ = govreport.upgrade(report)
    before = _table_findings(report, MAPPING, ZEROS)
    assert len(before) > 100
    assert before == _table_findings(upgraded, {}, ZEROS)


def test_carried_maps_the_same_counts_across_editions() -> None:
    """carried() is the Carry entries: 2021 pointer → 2019 pointer; None where no upgrade leads."""
    mapping = carried("2019", "2021")
    assert mapping is not None
    assert len(mapping) == 172
    assert mapping["/proactive_disclosure/licensing/decisions"] == "/proactive_disclosure/licensing/decisions"
    assert "/requests/outcomes/other_handling/other/total" not in mapping
    assert carried("2021", "2019") is None
    assert carried("2021", "2021") == {p: p for p in NEW.cell_pointers()}


# --- the command line -------------------------------------------------------------------------------------


def test_cli_prints_the_2021_document_and_the_losses_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`govreport upgrade FILE` prints the upgraded document; every loss is a finding line on standard error."""
    from govreport.cli import main  # noqa: PLC0415

    path = FIXTURES / "pingtan-2019.json"
    assert main(["upgrade", str(path), "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    upgraded = govreport.loads(out)
    assert upgraded == govreport.upgrade(govreport.load(path))[0]
    lines = err.splitlines()
    assert len(lines) == 40
    assert sum("upgrade.lost [/proactive_disclosure/procurement/amount_yuan]" in line for line in lines) == 1
    assert all(line.startswith(f"{path}: ") for line in lines)


def test_cli_upgrade_of_a_2021_document_and_of_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 2021 document is printed as it is with no losses; an unreadable file or a non-report exits 2."""
    from govreport.cli import main  # noqa: PLC0415

    current = tmp_path / "2023.json"
    current.write_text(govreport.example_document(), encoding="utf-8")
    assert main(["upgrade", str(current)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == json.loads(govreport.example_document())
    assert err == ""
    assert main(["upgrade", str(tmp_path / "missing.json")]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"edition": "2019"}', encoding="utf-8")
    assert main(["upgrade", str(bad)]) == 2
    assert main(["upgrade", str(current), "--to", "2019"]) == 2
    assert "no upgrade" in capsys.readouterr().err
