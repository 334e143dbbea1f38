"""Third-party rule packs: installed through the ``govreport.rules`` entry-point group, run by the one engine."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import govreport
from govreport import rules
from govreport.cli import main

from .conftest import FIXTURES, install_plugin

EXAMPLE = Path(__file__).parent / "plugins" / "example_rules"
SAMPLE = FIXTURES / "jingxing-2023.json"


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """pip installs tests/plugins/example_rules into a folder on sys.path for one test."""
    site = tmp_path / "site"
    install_plugin(EXAMPLE, site)
    monkeypatch.syspath_prepend(str(site))
    rules.refresh_plugins()
    yield
    monkeypatch.undo()
    rules.refresh_plugins()


@pytest.mark.usefixtures("installed")
def test_the_example_pack_installs_and_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The pack's rules join the 2021 rule set after the edition's own, with their formula, reads and pack name,
    and fire through validate and the command line."""
    ruleset = govreport.rules_for("2021")
    assert ruleset.ids[-2:] == ("example.no_fee_refusals", "example.title_names_agency")
    added = ruleset.get("example.no_fee_refusals")
    assert added.pack == "no-fee-province"
    assert added.formula == "outcomes.other_handling.fee_unpaid = 0 (per column)"
    assert added.reads[-1] == "/requests/outcomes/other_handling/fee_unpaid/total"
    sample = govreport.load(SAMPLE)
    assert [f.rule for f in govreport.validate(sample, select=["example"]).findings] == []
    broken = sample.evolve(
        {
            "/requests/outcomes/other_handling/fee_unpaid/natural_persons": 1,
            "/title": "某某局2023年报告",
        }
    )
    found = govreport.validate(broken, select=["example"]).findings
    assert [(f.rule, f.pointers[0], f.actual) for f in found] == [
        ("example.no_fee_refusals", "/requests/outcomes/other_handling/fee_unpaid/natural_persons", 1),
        ("example.title_names_agency", "/title", None),
    ]
    assert found[0].message_in("en").endswith("should be 0 (no fees in this province), but is 1")
    assert main(["rules", "--json"]) == 0
    catalogue = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert catalogue["example.title_names_agency"]["pack"] == "no-fee-province"
    assert main(["validate", str(SAMPLE), "--select", "example", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_without_the_pack_its_rules_are_unknown() -> None:
    """A rule id of an uninstalled pack is unknown to the edition."""
    rules.refresh_plugins()
    assert "example.no_fee_refusals" not in govreport.rules_for("2021").ids
    with pytest.raises(govreport.UnknownRuleError):
        govreport.validate(govreport.load(SAMPLE), select=["example"])


def test_a_pack_with_a_taken_rule_id_is_refused() -> None:
    """Registering a pack whose rule id an edition already has raises, and leaves the rule set as it was."""
    taken = rules.RulePack(name="clash", edition="2021", rules=[govreport.rules_for("2021").get("cells.missing").spec])
    before = govreport.rules_for("2021").ids
    with pytest.raises(ValueError, match="duplicate rule ids"):
        rules.register_rules(taken)
    assert govreport.rules_for("2021").ids == before
