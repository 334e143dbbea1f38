"""The reference pages in docs/reference/ are generated from the edition, the schema and the rule declarations."""

from __future__ import annotations

import doctest
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govreport
import govreport.schemas
from govreport import schemas
from govreport.editions import edition_names, get_edition, get_upgrade
from govreport.rules import rules_for
from govreport.schemas import __main__ as schemas_main
from govreport.schemas import docs

REFERENCE = Path(__file__).parent.parent / "docs" / "reference"
PAGES = docs.pages("2021")
ALL_PAGES = docs.all_pages()


@pytest.mark.parametrize("name", sorted(ALL_PAGES))
def test_committed_page_is_what_the_generator_produces(name: str) -> None:
    """A committed reference page that differs from the generator fails (run python -m govreport.schemas.docs)."""
    assert (REFERENCE / name).read_text(encoding="utf-8") == ALL_PAGES[name]


def test_every_edition_and_upgrade_has_pages() -> None:
    """The default edition's pages are at the top, the 2019 edition's under 2019/, the upgrade's page beside."""
    assert {"schema.md", "rules.md", "2019/schema.md", "2019/rules.md", "upgrade-2019-2021.md"} <= set(ALL_PAGES)
    assert set(PAGES) <= set(ALL_PAGES)
    assert {n.removeprefix("2019/") for n in ALL_PAGES if n.startswith("2019/")} == set(docs.pages("2019"))


def test_no_stale_table_pages() -> None:
    """Every table-*.md page in docs/reference (and its edition folders) is one the generator produces."""
    on_disk = {str(p.relative_to(REFERENCE)) for p in REFERENCE.rglob("table-*.md")}
    assert on_disk == {n for n in ALL_PAGES if n.rpartition("/")[2].startswith("table-")}


def test_check_mode_reports_a_changed_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m govreport.schemas.docs DIR --check` exits 0 on the committed pages and 1 after an edit."""
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE, target)
    assert docs.main([str(target), "--check"]) == 0
    (target / "rules.md").write_text("edited\n", encoding="utf-8")
    assert docs.main([str(target), "--check"]) == 1
    assert "rules.md: differs" in capsys.readouterr().out
    assert docs.main([str(target)]) == 0
    assert (target / "rules.md").read_text(encoding="utf-8") == PAGES["rules.md"]


def test_schema_files_check_mode() -> None:
    """`python -m govreport.schemas --check` finds the shipped schema files up to date."""
    assert schemas_main.main(["--check"]) == 0


@pytest.mark.parametrize("name", edition_names())
def test_table_pages_list_every_cell_with_its_labels(name: str) -> None:
    """Each table page has a row for every cell: its pointer, row label, column label and unit."""
    edition = get_edition(name)
    pages = docs.pages(name)
    for table in edition.tables:
        page = pages[docs.table_page_name(table)]
        assert f"# {table.heading}" in page
        for line, column in table.cells():
            assert f"| `{line.cell_pointer(column)}` | {line.label} | {column.label} |" in page
            assert column.unit in page


def test_schema_page_lists_every_top_level_member() -> None:
    """The schema page names every top-level member with its official label and the schema's $id."""
    page = PAGES["schema.md"]
    root = schemas.schema("2021")
    assert root["$id"] in page
    for key, node in root["properties"].items():
        assert f"| `/{key}` | {node['title']} |" in page


def test_rules_page_has_every_rule() -> None:
    """The rule catalogue has a section per rule with its severity, clause and formula."""
    page = PAGES["rules.md"]
    for rule in rules_for("2021"):
        assert f"## {rule.id}\n" in page
        assert f"| severity | {rule.severity.value} |" in page
        assert rule.clause in page
        assert rule.formula in page


def test_pages_list_what_the_rules_declare_they_read() -> None:
    """The pages' "rules that read it" is each rule's declaration: an equation rule reads its equations' cells."""
    reading = docs.rules_reading("2021")
    checked = 0
    for rule in rules_for("2021"):
        listed = {p for p, ids in reading.items() if rule.id in ids}
        assert listed == set(rule.reads), rule.id
        if rule.equations and not rule.needs_previous:
            assert listed == {p for eq in rule.equations for p in eq.pointers}, rule.id
            checked += 1
    assert checked >= 4


def _zero_report() -> Any:
    """The example report with every cell 0 and prose that states those zeros: no rule fails on it."""
    report = govreport.loads(govreport.example_document())
    edition = get_edition("2021")
    zeros = {p: Decimal(0) if edition.cell(p)[1].kind == "amount" else 0 for p in edition.cell_pointers()}  # type: ignore[index]
    prose = {"/overview": "本年度共收到政府信息公开申请0件。全年发生行政复议0件，行政诉讼0件。"}
    return report.evolve({**zeros, **prose})


@pytest.mark.parametrize("rule_id", rules_for("2021").ids)
def test_rules_read_only_what_they_declare(rule_id: str) -> None:
    """Changing a cell a rule does not declare never changes what that rule finds: the declarations are honest."""
    base = _zero_report()
    rule = rules_for("2021").get(rule_id)
    previous = attrs.evolve(base, year=base.year - 1)
    expected = govreport.validate(base, previous, select=[rule_id]).findings
    edition = get_edition("2021")
    for ptr in edition.cell_pointers():
        if ptr in rule.reads:
            continue
        value = Decimal(7) if edition.cell(ptr)[1].kind == "amount" else 7  # type: ignore[index]
        changed = base.evolve({ptr: value})
        assert govreport.validate(changed, previous, select=[rule_id]).findings == expected, (rule_id, ptr)


def test_declared_reads_of_cell_wide_and_cross_year_rules() -> None:
    """values.non_negative and cells.missing read every cell; continuity.carried_over reads last year's 四; the
    prose rules read section 六."""
    edition = get_edition("2021")
    reading = docs.rules_reading("2021")
    for ptr in edition.cell_pointers():
        assert {"values.non_negative", "cells.missing"} <= set(reading[ptr])
    previous = docs.rules_reading("2021", previous_year=True)
    assert {p for p, ids in previous.items() if "continuity.carried_over" in ids} == {
        *(f"/requests/carried_forward/{c.key}" for c in edition.table("requests").lines[0].columns),
        "/year",
    }
    assert reading["/other_matters"] == (
        "narrative.request_count",
        "narrative.outcomes",
        "narrative.review_litigation",
        "narrative.processing_fee",
        "other_matters.processing_fee",
        "sections.substance",
    )


def test_schemas_docstring_examples() -> None:
    """The >>> examples in govreport.schemas run."""
    result = doctest.testmod(govreport.schemas, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_2019_schema_page_states_the_signed_count_and_the_amount_in_yuan() -> None:
    """The 2019 conventions come from its declaration: 本年增/减 may be negative, 采购总金额 is in 元."""
    page = ALL_PAGES["2019/schema.md"]
    assert "- **Signed counts** (本年增/减) are JSON integers that may be negative." in page
    assert "- **政府集中采购 采购总金额** is a JSON number ≥ 0 in 元" in page
    assert "example-2019.json" in page
    assert "[2019 → 2021](../upgrade-2019-2021.md)" in page
    assert "continuity.in_force" not in ALL_PAGES["2019/rules.md"]


def test_upgrade_page_lists_every_cell_of_both_editions() -> None:
    """The mapping table names every 2019 cell as a source and every 2021 cell as a target, each in one row."""
    page = ALL_PAGES["upgrade-2019-2021.md"]
    rows = [line for line in page.splitlines() if line.startswith(("| `", "| — |"))]
    upgrade = get_upgrade("2019")
    assert upgrade is not None
    assert len(rows) == len(upgrade.entries)
    sources = [row.split(" | ")[0].removeprefix("| ").strip("`") for row in rows]
    targets = [row.split(" | ")[2].strip("`") for row in rows]
    assert sorted(s for s in sources if s != "—") == sorted(get_edition("2019").cell_pointers())
    collapsed = [row.split("carried; ")[1].split(" set to 0")[0] for row in rows if "carried; " in row]
    zeros = [z.strip("`") for cells in collapsed for z in cells.split(", ")]
    assert sorted([t for t in targets if t != "—"] + zeros) == sorted(get_edition("2021").cell_pointers())
    assert "| lost: a 2019 cell with no 2021 counterpart | 19 | `upgrade.lost` |" in page
