"""Plans (``govreport.parsers._plan``): a table region of a layout the parser has walked is read again by the plan
of that walk, and gives exactly what the walk gives; a walk that asked the values is never kept.

Each test compares a parse that may replay a plan with a parse that walks (plans switched off), field by field:
the report, the findings, the source map in its order, the origins and the address.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.editions import DEFAULT_EDITION, edition_names, get_edition
from govreport.parsers import ParseResult, _assembly, parse
from govreport.parsers import _plan as plan_module
from govreport.parsers._lexicon import lexicon
from govreport.parsers._walk import Walk
from govreport.strategies import reports

from .conftest import cells_of
from .test_parse_roundtrip import render_html, render_text

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = (FIXTURES / "jingxing-2023.txt").read_bytes()
HTML = (FIXTURES / "parse" / "jingxing-2023.html").read_bytes()
SAMPLES = [
    FIXTURES / "jingxing-2023.txt",
    FIXTURES / "parse" / "jingxing-2023.html",
    FIXTURES / "parse" / "blanks-2019.txt",
    FIXTURES / "parse" / "blanks-2019.html",
    FIXTURES / "forms" / "shuyang-2025-converted.md",
    FIXTURES / "forms" / "pingtan-2019-crawler.txt",
]


def _plans(edition: str = DEFAULT_EDITION) -> dict[Any, Any]:
    return lexicon(get_edition(edition)).cache("plans")


def _regions(edition: str = DEFAULT_EDITION) -> dict[Any, Any]:
    return lexicon(get_edition(edition)).cache("regions")


def _observed(result: ParseResult) -> dict[str, Any]:
    return {
        "report": govreport.dumps(result.report),
        "findings": list(result.findings),
        "source_map": list(result.source_map.items()),
        "origins": dict(result.origins),
        "address": result.address,
    }


def _walked(data: bytes | str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What a parse of ``data`` gives with plans switched off."""
    with monkeypatch.context() as m:
        m.setattr("govreport.parsers._walk.replay", lambda walk, key: None)
        m.setattr("govreport.parsers._walk.remember", lambda walk, key, before: None)
        m.setattr("govreport.parsers._assembly.replay_region", lambda *a, **k: None)
        return _observed(parse(data))


class _Walks:
    """Counts the walks made (a parse that replays a plan makes none) and the regions whose tokens were made (a
    parse that replays a plan kept by its items' shapes makes none)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self.columns = 0
        walk = Walk.walk
        columns = _assembly.columns

        def counted(w: Walk, *, truncated: bool) -> None:
            self.count += 1
            walk(w, truncated=truncated)

        def counted_columns(*args: Any, **kwargs: Any) -> Any:
            self.columns += 1
            return columns(*args, **kwargs)

        monkeypatch.setattr(Walk, "walk", counted)
        monkeypatch.setattr(_assembly, "columns", counted_columns)


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> _Walks:
    for name in edition_names():
        _plans(name).clear()
        _regions(name).clear()
    return _Walks(monkeypatch)


def _scaled(text: str, factor: int) -> str:
    """The text report ``text`` with every number of a one-cell line (``12 |``) multiplied by ``factor``."""
    return re.sub(r"(?m)^(\d+(?:\.\d+)?)(?= \|)", lambda m: str(Decimal(m.group()) * factor), text)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_a_replayed_plan_gives_what_the_walk_gives(path: Path, walks: _Walks, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    first = _observed(parse(data))
    again = _observed(parse(data))
    assert first == again == _walked(data, monkeypatch)


def test_the_published_layouts_are_kept_and_replayed(walks: _Walks) -> None:
    for data in (TEXT, HTML):
        parse(data)
        kept = len(_plans())
        parse(data)
        assert len(_plans()) == kept
    assert walks.count == 2  # one walk for each layout; the second parse of each replayed its plan
    assert walks.columns == 2  # from what its items cut into, without making the tokens
    assert len(_plans()) == len(_regions()) == 2


def test_the_same_tokens_on_other_lines_are_read_by_the_tokens_plan(
    walks: _Walks, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two cells of a row on one line instead of two: the same tokens, items of other shapes."""
    parse(TEXT)
    text = TEXT.decode("utf-8")
    assert "\n0 |\n0 |\n" in text
    other = text.replace("\n0 |\n0 |\n", "\n0 | 0 |\n", 1)
    result = parse(other)
    assert (walks.count, walks.columns) == (1, 2)  # no plan of these items; the tokens' plan read them
    assert cells_of(result.report) == _expected()
    assert len(_regions()) == 2  # and it is kept by these items' shapes too
    again = _observed(parse(other))
    assert walks.columns == 2  # the second time, by the plan of these items
    assert _observed(result) == again == _walked(other, monkeypatch)


def test_a_plan_reads_another_report_of_the_same_layout(walks: _Walks, monkeypatch: pytest.MonkeyPatch) -> None:
    parse(TEXT)
    expected = govreport.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8"))
    cells = cells_of(expected)
    other = _scaled(TEXT.decode("utf-8"), 7)
    result = parse(other)
    assert walks.count == 1  # the plan of the first report read the second
    read = cells_of(result.report)
    assert read == {ptr: None if v is None else v * 7 for ptr, v in cells.items()}
    assert any(v not in (None, 0) for v in read.values())
    assert _observed(result) == _walked(other, monkeypatch)


def _expected() -> dict[str, Any]:
    report = govreport.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8"))
    return cells_of(report)


def test_a_value_that_is_no_count_is_walked(walks: _Walks, monkeypatch: pytest.MonkeyPatch) -> None:
    parse(TEXT)
    text = TEXT.decode("utf-8")
    assert text.count("\n69 |\n") == 1  # the first cell of a row read plainly ((一)予以公开, 69 … 69)
    other = text.replace("\n69 |\n", "\n69.0 |\n")
    result = parse(other)
    assert walks.count == 2  # the same shape, but a value failed the plan's test: walked
    assert cells_of(result.report) == _expected()
    assert _observed(result) == _walked(other, monkeypatch)


def test_a_walk_that_asks_the_values_is_not_kept(walks: _Walks, monkeypatch: pytest.MonkeyPatch) -> None:
    text = TEXT.decode("utf-8").replace("\n69 |\n", "\n")  # a row one cell short: the relations decide
    result = parse(text)
    assert result.findings  # what the short row left open is said
    assert _plans() == {}
    again = _observed(parse(text))
    assert walks.count == 2  # walked again: nothing was kept
    assert again == _walked(text, monkeypatch)


def test_the_plans_kept_are_bounded(walks: _Walks, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_module, "PLANS_KEPT", 1)
    parse(TEXT)
    parse(HTML)
    assert len(_plans()) == 1


def test_a_region_too_long_to_plan_is_walked(walks: _Walks, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_module, "TOKENS_PLANNED", 100)  # the sample's tables cut into about 450 tokens
    first, again = _observed(parse(TEXT)), _observed(parse(TEXT))
    assert _plans() == {}
    assert walks.count == 2
    assert first == again


def test_a_region_of_too_many_items_is_planned_by_its_tokens_only(
    walks: _Walks, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_module, "ITEMS_PLANNED", 100)  # the sample's tables are about 330 lines
    first, again = _observed(parse(TEXT)), _observed(parse(TEXT))
    assert (_regions(), len(_plans())) == ({}, 1)
    assert (walks.count, walks.columns) == (1, 2)  # the second read by the tokens' plan
    assert first == again


def test_a_region_past_the_token_limit_is_refused_though_a_plan_was_kept(
    walks: _Walks, monkeypatch: pytest.MonkeyPatch
) -> None:
    parse(TEXT)
    assert len(_regions()) == 1
    monkeypatch.setattr(_assembly, "MAX_TABLE_TOKENS", 100)  # the sample's tables cut into about 450 tokens
    with pytest.raises(govreport.ParseError, match="more than 100 cells"):
        parse(TEXT)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports(), layout=st.sampled_from(["html", "A", "B", "C", "D"]), factor=st.integers(1, 9))
def test_a_report_read_by_a_plan_reads_as_walked(
    report: govreport.Report, layout: str, factor: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any report of the strategies, read once (which may keep a plan) and again with other numbers in the same
    layout: the second read gives what a walk gives, and is read by a plan whenever the first one kept or used one
    (the other numbers change no token's kind)."""
    cells = cells_of(report)
    other = report.evolve({p: v * factor for p, v in cells.items() if v is not None})
    render = render_html if layout == "html" else (lambda r: render_text(r, layout))
    planned: list[bool] = []
    walked: list[int] = []
    read, walk_region, walk = Walk.read, _assembly.replay_region, Walk.walk

    def reading(w: Walk, *, truncated: bool) -> None:
        read(w, truncated=truncated)
        planned.append(w.plan is not None)

    def replaying(*args: Any, **kwargs: Any) -> Any:
        found = walk_region(*args, **kwargs)
        if found is not None:
            planned.append(True)
        return found

    def walking(w: Walk, *, truncated: bool) -> None:
        walked.append(1)
        walk(w, truncated=truncated)

    with monkeypatch.context() as m:
        m.setattr(Walk, "read", reading)
        m.setattr(_assembly, "replay_region", replaying)
        m.setattr(Walk, "walk", walking)
        parse(render(report))
        first_planned = planned == [True]
        walked.clear()
        data = render(other)
        result = _observed(parse(data))
    if first_planned:
        assert walked == []
    assert result == _walked(data, monkeypatch)
