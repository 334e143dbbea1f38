"""Rendered text and HTML read back through the parsers give the same numbers (render → parse round trip)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport.strategies import reports

RULES = govreport.rules_for("2021")

any_reports = st.one_of(reports(), reports(missing=True), reports(shape="small"), reports(shape="city"))


@pytest.mark.parametrize("kind", ["text", "html"])
def test_the_sample_round_trips(kind: str, sample: govreport.Report) -> None:
    """The sample rendered as text or HTML parses back to its 200 cells, its agency and its year."""
    result = govreport.parse(str(govreport.render(sample, kind)), kind=kind)
    assert RULES.read_cells(result.report) == RULES.read_cells(sample)
    assert (result.report.agency, result.report.year) == (sample.agency, sample.year)


@settings(max_examples=25)  # each example renders and parses two whole reports
@given(report=any_reports)
def test_rendered_text_and_html_parse_back_to_the_same_numbers(report: govreport.Report) -> None:
    """For generated reports (missing cells included), parse(render(report)) has every cell of the report:
    the same numbers, and None where the report has None."""
    expected = RULES.read_cells(report)
    for kind in ("text", "html"):
        result = govreport.parse(str(govreport.render(report, kind)), kind=kind)
        assert RULES.read_cells(result.report) == expected, kind
        assert result.report.year == report.year
