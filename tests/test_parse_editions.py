"""The parsers read any registered edition from its declaration alone: a toy edition declared in a test module
parses, with its own labels, relations and placeholder."""

from __future__ import annotations

from typing import Any

import pytest

from govreport import editions
from govreport.parsers import parse

from .test_edition_registry import TOY


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the toy edition for one test."""
    monkeypatch.setitem(editions._REGISTRY, "toy", TOY)


def toy_text(*rows: str) -> str:
    """A toy report: title, its one prose section, its one table with ``rows`` (labels from the declaration)."""
    (table,) = TOY.tables
    header = " | ".join(c.text or "" for c in table.grid[0])
    overview = TOY.field("overview").label
    return "\n".join(["某机关2030年政府信息公开工作年度报告", overview, "概况。", table.heading, header, *rows, ""])


@pytest.mark.usefixtures("toy")
def test_a_toy_edition_parses_with_its_own_labels() -> None:
    """The toy's row label and columns are matched; nothing is missing and nothing is said to be cut off."""
    line = TOY.tables[0].lines[0]
    result = parse(toy_text(f"{line.label} | 1 | 2 | 3"), edition="toy")
    report: Any = result.report
    assert (report.edition, report.agency, report.year) == ("toy", "某机关", 2030)
    assert (report.table.row.a, report.table.row.b, report.table.row.total) == (1, 2, 3)
    assert report.overview == "概况。"
    assert result.findings == ()


@pytest.mark.usefixtures("toy")
def test_a_toy_edition_realigns_by_its_own_declared_total() -> None:
    """A row printed without its blank cells is realigned only as the toy's declared total proves: "2 2" puts 2
    in the total (and the 2 of a part stays unplaced, as either part fits)."""
    line = TOY.tables[0].lines[0]
    result = parse(toy_text(f"{line.label} 2 2"), edition="toy")
    assert result.report.table.row.total == 2  # type: ignore[attr-defined]
    assert [f.rule for f in result.findings if f.rule == "parse.realigned"] == ["parse.realigned"]


@pytest.mark.usefixtures("toy")
def test_a_toy_edition_without_an_agency_gets_its_placeholder() -> None:
    """The placeholder names the toy's own agency field."""
    line = TOY.tables[0].lines[0]
    result = parse(toy_text(f"{line.label} | 1 | 2 | 3").split("\n", 1)[1], edition="toy", year=2030)
    assert result.report.agency == f"（未能识别{TOY.field('agency').label}）"
    assert [f.rule for f in result.findings] == ["parse.agency_missing"]
