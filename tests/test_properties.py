"""Property tests of govreport's invariants, driven by the public strategies of :mod:`govreport.strategies`.

Settings come from the profiles of ``conftest.py``: "fast" locally, ``GOVREPORT_HYPOTHESIS_PROFILE=thorough`` for
300 examples per property, and Hypothesis's own derandomised "ci" profile when ``CI`` is set.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport.editions import get_edition
from govreport.findings import Finding, Severity, Status
from govreport.serialization import dumps_json, structure, unstructure
from govreport.strategies import (
    MUTATION_KINDS,
    Mutant,
    ReportPair,
    arbitrary_reports,
    mutants,
    report_pairs,
    reports,
)

from .conftest import mutant_failures, refused_members

EDITION = get_edition("2021")
CELL_POINTERS = tuple(EDITION.cell_pointers())
MISSING_RULE = "cells.missing"
TABLE_KEYS = {t.key for t in EDITION.tables}


def _failures(findings: tuple[Finding, ...]) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.rule, f.pointers) for f in findings if f.status is Status.FAIL}


def _empty_parts(blank: set[str]) -> set[tuple[str, tuple[str, ...]]]:
    """The cells.empty findings for ``blank`` cells: each table all blank, else each column group all blank."""
    out = set()
    for table in EDITION.tables:
        cells = [(line.cell_pointer(c), c.group) for line, c in table.cells()]
        parts = [[p for p, _ in cells]]
        if not set(parts[0]) <= blank:
            parts = [[p for p, g in cells if g == group] for group in dict.fromkeys(g for _, g in cells if g)]
        out |= {("cells.empty", ("/" + table.key, *part)) for part in parts if set(part) <= blank}
    return out


def _cells(report: govreport.Report) -> dict[str, Any]:
    out = {}
    for ptr in CELL_POINTERS:
        node: Any = report
        for token in ptr[1:].split("/"):
            node = getattr(node, token)
        out[ptr] = node
    return out


@given(reports())
def test_every_valid_report_validates_clean(report: govreport.Report) -> None:
    """A report drawn by reports() has no finding at all: every rule holds, the prose agrees with the tables."""
    result = govreport.validate(report)
    assert result.valid
    assert result.findings == ()


@given(reports(missing=True))
def test_missing_cells_give_warnings_and_not_assessable_findings_only(report: govreport.Report) -> None:
    """With missing cells the report stays valid: one cells.missing warning per blank cell, info otherwise."""
    result = govreport.validate(report)
    assert result.valid
    blank = {p for p, v in _cells(report).items() if v is None}
    assert blank
    assert _failures(result.findings) == {(MISSING_RULE, (p,)) for p in blank} | _empty_parts(blank)
    for finding in result.findings:
        if finding.status is Status.NOT_ASSESSABLE:
            assert finding.severity is Severity.INFO
            assert set(finding.missing) <= blank
        else:
            assert finding.severity is Severity.WARNING


@given(mutants())
def test_every_mutant_is_caught_by_exactly_its_rules(mutant: Mutant) -> None:
    """A single-fault mutant fails exactly the findings it predicts, and is not assessable exactly where said."""
    assert mutant.report != mutant.original
    assert mutant.failures
    result = govreport.validate(mutant.report)
    failures = mutant_failures(mutant)
    assert _failures(result.findings) == failures
    rules = {rule for rule, _ in failures}
    assert {f.rule for f in result.findings} - {MISSING_RULE} == (rules | mutant.not_assessable) - {MISSING_RULE}
    assert {f.rule for f in result.findings if f.status is Status.NOT_ASSESSABLE} == mutant.not_assessable
    assert {p for f in result.findings if f.status is Status.FAIL for p in f.pointers} == {
        p for _, ptrs in failures for p in ptrs
    }


@given(report_pairs(consistent=True))
def test_consistent_years_pass_the_continuity_rules(pair: ReportPair) -> None:
    """Two consecutive years that agree validate with no finding, continuity rules included."""
    previous, current = pair
    assert current.year == previous.year + 1
    assert current.agency == previous.agency
    assert govreport.validate(current, previous).findings == ()


@given(report_pairs(consistent=False))
def test_inconsistent_years_fail_exactly_the_predicted_continuity_findings(pair: ReportPair) -> None:
    """A pair that breaks carried-over or in-force continuity fails exactly the predicted findings."""
    previous, current = pair
    assert pair.failures
    assert govreport.validate(previous).findings == ()
    assert govreport.validate(current).findings == ()
    result = govreport.validate(current, previous)
    assert _failures(result.findings) == pair.failures
    assert {f.rule for f in result.findings} == pair.rules
    assert all(f.severity is Severity.WARNING for f in result.findings)


@given(reports(missing=True))
def test_load_of_dump_is_the_report(report: govreport.Report) -> None:
    """loads(dumps(r)) == r, exact decimals and missing cells included."""
    assert govreport.loads(govreport.dumps(report)) == report
    assert govreport.loads(govreport.dumps(report, indent=None).encode()) == report


@given(arbitrary_reports(), st.sampled_from([2, None, 0, 4, "\t"]))
def test_dumps_writes_what_the_general_json_writer_writes(report: govreport.Report, indent: Any) -> None:
    """dumps()'s fast writer gives exactly the text of json.dumps over unstructure(), for any report (values out
    of range included: dumps refuses those before writing)."""
    from govreport.serialization import _write  # noqa: PLC0415 - white-box: the writer behind the range check

    assert _write(report, indent) == dumps_json(unstructure(report), indent=indent)


@given(arbitrary_reports())
def test_dump_of_anything_the_model_holds_loads_back_or_names_the_refused_members(report: govreport.Report) -> None:
    """Any report the model holds round-trips, except negative cells, values past the limits and a too long agency,
    which loads() rejects by pointer; dumps() writes negative cells (the format's rule reports them) and refuses
    values past the limits with the very problems, at the very pointers, that loads() finds in the written text."""
    from govreport.serialization import _write  # noqa: PLC0415

    refused = refused_members(report)
    if not refused:
        assert govreport.loads(govreport.dumps(report)) == report
        return
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.loads(_write(report, 2))
    assert {(f.rule, f.pointers[0]) for f in info.value.problems} == refused
    past_limits = [(f.rule, f.pointers[0]) for f in info.value.problems if f.rule != "values.non_negative"]
    if not past_limits:
        assert govreport.dumps(report) == _write(report, 2)
        return
    with pytest.raises(govreport.ReportLimitError) as refusal:
        govreport.dumps(report)
    assert [(f.rule, f.pointers[0]) for f in refusal.value.problems] == past_limits


@given(arbitrary_reports(), st.none() | arbitrary_reports(), st.booleans())
def test_validation_never_raises_on_any_report_the_model_can_hold(
    report: govreport.Report, previous: govreport.Report | None, strict: bool
) -> None:
    """validate() returns findings, with messages in both languages, for anything the model can hold."""
    result = govreport.validate(report, previous, strict=strict)
    for finding in result.findings:
        assert finding.rule in govreport.rules_for(EDITION.name).ids
        assert finding.message_in("zh")
        assert finding.message_in("en")
    json.loads(dumps_json(result.to_dict("en")))
    negative = {p for p, v in _cells(report).items() if v is not None and v < 0}
    assert {f.pointers[0] for f in result.findings if f.rule == "values.non_negative"} == negative


def _shuffled(value: Any, data: st.DataObject) -> Any:
    if isinstance(value, dict):
        keys = data.draw(st.permutations(list(value)))
        return {k: _shuffled(value[k], data) for k in keys}
    return value


def _rebuilt(report: govreport.Report) -> govreport.Report:
    """The same report built another way: from an all-zero report, one cell at a time with attrs.evolve."""
    doc = unstructure(report)
    zero = structure({k: _zeroed(v) if k in TABLE_KEYS else v for k, v in doc.items()})
    for ptr, value in _cells(report).items():
        zero = _evolve_at(zero, ptr[1:].split("/"), value)
    return attrs.evolve(zero, overview=report.overview, other_matters=report.other_matters)


def _zeroed(doc: Any) -> Any:
    if isinstance(doc, dict):
        return {k: _zeroed(v) for k, v in doc.items()}
    if isinstance(doc, Decimal):
        return Decimal(0)
    return 0 if isinstance(doc, int) or doc is None else doc


def _evolve_at(obj: Any, path: list[str], value: Any) -> Any:
    head, *rest = path
    return attrs.evolve(obj, **{head: _evolve_at(getattr(obj, head), rest, value) if rest else value})


# Negative counts are refused by the loader at the boundary, so those mutants have no JSON route to compare.
_LOADABLE_MUTANTS = mutants(kinds=[k for k in MUTATION_KINDS if k != "negative_cell"])


@given(st.one_of(reports(missing=True), _LOADABLE_MUTANTS.map(lambda m: m.report)), st.data())
def test_result_is_independent_of_key_order_and_of_how_the_report_was_built(
    report: govreport.Report, data: st.DataObject
) -> None:
    """Shuffled keys, a JSON round trip and a cell-by-cell rebuild all validate to the very same findings."""
    expected = govreport.validate(report).findings
    doc = unstructure(report)
    shuffled = _shuffled(doc, data)
    built = (
        structure(shuffled),
        govreport.loads(dumps_json(shuffled, indent=None)),
        _rebuilt(report),
    )
    for other in built:
        assert other == report
        assert govreport.validate(other).findings == expected


@pytest.mark.parametrize("overview", ["共收到政府信息公开申请" + "9" * 5000 + "件", "行政复议" + "9" * 5000 + "件"])
def test_validation_survives_a_quoted_number_longer_than_python_converts(overview: str) -> None:
    """A hostile overview quoting a 5000-digit "count" gets no narrative finding and no ValueError from int()."""
    report = attrs.evolve(govreport.loads(govreport.example_document()), overview=overview)
    result = govreport.validate(report)
    assert not [f for f in result.findings if f.rule.startswith("narrative.")]
    assert result.valid
