"""The parser's promise under damage: every number it returns is right, or a warning points at it (issue 12).

Damage as extraction does it (:mod:`tests.damage`: a value dropped, two neighbours merged, a number split, an OCR
look-alike letter, a value duplicated) is applied to the text and HTML that ``govreport.render`` writes for
generated reports and to the real samples; the parse must return no *silent wrong number*: no cell whose value is a
number other than the truth while no finding of severity warning or above names the cell or its row.

Crawler text (issue 13), where every table cell runs into the next, is read by splitting each run of digits into
its row's cells where the relations leave one split: the real sample (pingtan-2019-crawler.txt) and generated
reports run together the same way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import govreport
from govreport.editions import get_edition
from govreport.findings import Severity
from govreport.parsers import parse
from govreport.parsers._limits import MAX_READINGS
from govreport.parsers._runs import splits
from govreport.renderers import render
from govreport.strategies import reports

from .damage import KINDS, Damage, damage, silent_wrong, wrong_cells
from .test_parse_roundtrip import render_text

FIXTURES = Path(__file__).parent / "fixtures"
FORMS = FIXTURES / "forms"

damages = st.builds(
    Damage,
    kind=st.sampled_from(KINDS),
    index=st.integers(min_value=0, max_value=1 << 16),
    at=st.integers(min_value=0, max_value=255),
)


def _damaged_parse(text: str, edition: str, d: Damage, *, html: bool) -> Any:
    damaged = damage(text, edition, d, html=html)
    assume(damaged is not None)
    assert damaged is not None
    return parse(damaged, kind="html" if html else "text", edition=edition)


@given(report=reports(), html=st.booleans(), d=damages)
def test_damaged_render_has_no_silent_wrong_number(report: Any, html: bool, d: Damage) -> None:
    """Damaged text and HTML renders of generated reports parse to no number that is wrong and unreported."""
    text = render(report, "html" if html else "text")
    result = _damaged_parse(text, report.edition, d, html=html)
    assert silent_wrong(result, report) == []


@pytest.mark.parametrize("style", ["A", "B", "C", "D", "E"])
@given(report=reports(), d=damages)
def test_damaged_flattening_has_no_silent_wrong_number(style: str, report: Any, d: Damage) -> None:
    """Damaged text flattened in each §4 style (pipes, a cell per line, no separators, a PDF text layer) parses to
    no number that is wrong and unreported."""
    result = _damaged_parse(render_text(report, style), report.edition, d, html=False)
    assert silent_wrong(result, report) == []


_SAMPLES = [("jingxing-2023.txt", False), ("parse/jingxing-2023.html", True)]


@pytest.mark.parametrize(("name", "html"), _SAMPLES)
@given(d=damages)
def test_damaged_sample_has_no_silent_wrong_number(name: str, html: bool, d: Damage) -> None:
    """Damaged copies of the real samples parse to no number that is wrong and unreported."""
    truth = govreport.load(FIXTURES / "jingxing-2023.json")
    text = (FIXTURES / name).read_text(encoding="utf-8")
    result = _damaged_parse(text, truth.edition, d, html=html)
    assert silent_wrong(result, truth) == []


def test_a_wrong_number_that_a_warning_names_is_not_silent() -> None:
    """The rule's checker itself: a duplicated value shifts cells, which are wrong and named by a warning."""
    truth = govreport.load(FIXTURES / "jingxing-2023.json")
    text = render(truth, "text")
    numbers = list(re.finditer(r"\| +(73) +\|", text))
    at = numbers[0].start(1)
    result = parse(text[:at] + "73 | " + text[at:], kind="text")
    assert wrong_cells(result, truth) == []  # the relations leave one reading: the duplicate is dropped
    misfit = [f for f in result.findings if f.rule == "parse.values_misfit"]
    assert misfit
    assert misfit[0].severity is Severity.WARNING
    assert silent_wrong(result, truth) == []


# --- crawler text --------------------------------------------------------------------------------------


def run_together(text: str) -> str:
    """``text`` as a crawler saves a page: every line and cell run into the next, no separators."""
    kept = [re.sub(r"[\s|]+", "", line) for line in text.splitlines() if not re.fullmatch(r"[\s|:\-]*", line)]
    return "".join(kept)


@given(report=reports())
def test_run_together_render_has_no_silent_wrong_number(report: Any) -> None:
    """A generated report's text with every cell run together parses to no silent wrong number, and the rows that
    some split of their digits fits are read or reported as split."""
    result = parse(run_together(render(report, "text")), kind="text", edition=report.edition)
    assert silent_wrong(result, report) == []
    assert any(f.rule in ("parse.digits_split", "parse.digits_ambiguous") for f in result.findings)


def test_crawler_sample_reads_every_cell_the_relations_allow() -> None:
    """The crawler's saved text of a 2019 report: 179 of 198 cells right, none wrong; the 19 null cells are those
    of table 二, whose rows have no relation, each named by a finding that lists the candidate splits."""
    truth = govreport.load(FORMS / "pingtan-2019-crawler.json")
    result = parse(FORMS / "pingtan-2019-crawler.txt", edition="2019")
    edition = get_edition("2019")
    got, expected = edition.read_cells(result.report), edition.read_cells(truth)
    wrong = {p: (got[p], expected[p]) for p in got if got[p] is not None and got[p] != expected[p]}
    null = {p for p in got if got[p] is None}
    assert wrong == {}
    table_2 = edition.tables[0].key
    assert null == {p for p in got if p.startswith(f"/{table_2}/") and p not in _zero_rows(got)}
    assert len(null) == 19
    ambiguous = [f for f in result.findings if f.rule == "parse.digits_ambiguous"]
    assert {f.pointers[0] for f in ambiguous} == {p.rpartition("/")[0] for p in null}
    normative = next(f for f in ambiguous if f.pointers[0].endswith("/normative_documents"))
    assert "89 89 89" in dict(normative.detail)["candidates"]
    assert normative.location is not None
    assert normative.location.line == 10
    missing = {p for f in result.findings if f.rule == "cells.missing" for p in f.pointers}
    assert null <= missing
    assert all(f.severity is Severity.INFO for f in result.findings if f.rule == "parse.digits_split")
    detected = parse(FORMS / "pingtan-2019-crawler.txt")  # the edition detected, not given, reads the same
    assert detected.report.edition == "2019"
    assert edition.read_cells(detected.report) == got


def _zero_rows(cells: dict[str, Any]) -> set[str]:
    """The cells of rows that read as all zeros (``000``: one split only)."""
    rows: dict[str, list[str]] = {}
    for p in cells:
        rows.setdefault(p.rpartition("/")[0], []).append(p)
    return {p for ps in rows.values() if all(cells[p] == 0 for p in ps) for p in ps}


def test_run_of_digits_from_the_issue_splits_one_way() -> None:
    """``713000074`` after the row label of 本年新收 stands for 71, 3, 0, 0, 0, 0, 74: the only split whose total
    holds."""
    edition = get_edition(govreport.DEFAULT_EDITION)
    table = next(t for t in edition.tables if t.key == "requests")
    received, carried, granted = (table.lines[i] for i in range(3))
    text = (
        f"{table.heading}{received.label}713000074{carried.label}0000000{granted.label}700007"
        f"{edition.tables[-1].heading}"
    )
    result = parse(text, kind="text", edition=edition.name)
    cells = edition.read_cells(result.report)
    row = [cells[received.cell_pointer(c)] for c in received.columns]
    assert row == [71, 3, 0, 0, 0, 0, 74]
    assert [cells[carried.cell_pointer(c)] for c in carried.columns] == [0] * 7
    # 700007 into seven cells: 7 and 7 with five zeros, one fewer digit than cells: no split
    assert all(cells[granted.cell_pointer(c)] is None for c in granted.columns)
    split = next(f for f in result.findings if f.rule == "parse.digits_split")
    assert split.pointers[0] == received.pointer
    assert split.location is not None


def test_splits_keep_no_leading_zero() -> None:
    """A run of digits splits into numbers written without a leading zero, a decimal part kept on its last."""
    found = splits(["713000074"], 7, MAX_READINGS)
    assert found is not None
    every = set(found)
    assert (71, 3, 0, 0, 0, 0, 74) in every
    assert all(len(s) == 7 for s in every)
    assert (7, 13, 0, 0, 0, 0, 74) in every
    assert not any(s[-1] == 74 and s[-2] == 0 and s[-3] == 0 and s[0] == 713 for s in every)
    assert set(splits(["000"], 3, MAX_READINGS) or ()) == {(0, 0, 0)}
    assert set(splits(["1", "23"], 2, MAX_READINGS) or ()) == {(1, 23)}
    assert list(splits(["12"], 3, MAX_READINGS) or ()) == []
    assert splits(["1a"], 2, MAX_READINGS) is None
    money = set(splits(["135.5"], 2, MAX_READINGS) or ())
    assert {str(s[1]) for s in money} == {"35.5", "5.5"}


def test_splits_stop_at_the_limit() -> None:
    """The splits are counted as they are made: beyond the limit, iterating raises OverflowError."""
    found = splits(["123456789123456789"], 7, 10)
    assert found is not None
    with pytest.raises(OverflowError):
        list(found)


def test_a_lookalike_letter_is_read_where_the_relations_confirm_it() -> None:
    """``6g`` where 69 stands is read as 69 when the row total and the column totals hold with it (an info
    finding says so); a look-alike in a cell that no relation reads stays missing, with a warning."""
    truth = govreport.load(FIXTURES / "jingxing-2023.json")
    text = render(truth, "text")
    granted = re.search(r"\| +(69) +\|", text)
    fee = re.search(r"\| +(722\.61) +\|", text)
    assert granted is not None
    assert fee is not None
    spans = sorted([(granted.span(1), "6g"), (fee.span(1), "722.6l")], reverse=True)
    damaged = text
    for (start, end), replacement in spans:  # from the end, so the earlier offsets hold
        damaged = damaged[:start] + replacement + damaged[end:]
    result = parse(damaged, kind="text")
    got = edition_cells(result.report)
    assert wrong_cells(result, truth) == []
    read = [f for f in result.findings if f.rule == "parse.lookalike_read"]
    assert len(read) == 1
    assert read[0].severity is Severity.INFO
    assert got[read[0].pointers[0]] == 69
    (unread,) = (f for f in result.findings if f.rule == "parse.not_a_number")
    assert unread.severity is Severity.WARNING
    assert got[unread.pointers[0]] is None


def edition_cells(report: Any) -> dict[str, Any]:
    """Every data cell of ``report`` by JSON Pointer."""
    return get_edition(report.edition).read_cells(report)
