"""Reading the prose's statements in time that grows with the prose, not with its square: a report whose prose
repeats a statement thousands of times (found by the mutation fuzzer of ``benchmarks/bench_fuzz.py``: a parsed
preamble of 6,000 such sentences took ``validate`` 12 s). Three lookups were made over everything read so far for
each statement: the numbers already taken, the sentence's start, and its line. Each is now found by bisection or
by the statement's own offsets; these tests check each against the plain definition, and the whole within a CPU
budget.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from govreport.rules._engine import _CLAUSE_STOPS, _Sentences, _Taken
from govreport.rules._prose import STOP, locator

from .conftest import FIXTURES, run_with_budget

_TEXT = st.text(st.sampled_from([*STOP, "a", "一", "1", " "]), max_size=40)


@given(_TEXT, st.data())
def test_a_sentence_starts_after_the_last_stop_before_it(text: str, data: st.DataObject) -> None:
    """The start found by bisection over the stops is the end of the last stop found before the offset."""
    sentences = _Sentences(text, _CLAUSE_STOPS)
    offset = data.draw(st.integers(0, len(text)))
    before = max((s.end() for s in _CLAUSE_STOPS.finditer(text, 0, offset)), default=0)  # as it was found
    assert sentences.sentence_start(offset) == before


def _location(text: str, offset: int) -> tuple[int, int]:
    """The line and column of ``offset`` as they were found for each statement: the breaks before it counted."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


@given(_TEXT)
def test_the_locator_gives_the_line_and_column_of_every_offset(text: str) -> None:
    locate = locator(text)
    assert [locate(i) for i in range(len(text) + 1)] == [_location(text, i) for i in range(len(text) + 1)]


_SPANS = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 4)).map(lambda s: (s[0], s[0] + s[1])),  # some empty
    max_size=40,
)


@given(_SPANS)
def test_the_numbers_taken_overlap_as_spans_do(spans: list[tuple[int, int]]) -> None:
    """Taking spans one by one, each refused when it overlaps one taken (``a < d`` and ``c < b``), takes the same
    spans whether the overlap is looked up by offsets or by a look at every span taken (empty spans included)."""
    taken = _Taken()
    plain: list[tuple[int, int]] = []
    for span in spans:
        overlaps = any(a < span[1] and span[0] < b for a, b in plain)
        assert taken.overlaps(span) == overlaps
        if not overlaps:
            taken.add(span)
            plain.append(span)


def test_a_prose_of_twenty_thousand_statements_is_read_within_a_small_cpu_budget() -> None:
    """20,000 sentences that each state two counts (720 kB), the first not the table's (74 requests received, the
    table says 73), are read in about 2 s: the statement is found and reported. Before, 2,000 took 6 s and the time
    grew as the square of their number."""
    code = f"""if True:
        import govreport
        report = govreport.load({str(FIXTURES / "jingxing-2023.json")!r})
        said = "全年新收政府信息公开申请数量74件,上年结转政府信息公开申请数量0件。\\n" * 20_000
        result = govreport.validate(report.evolve({{"/overview": report.overview + said}}))
        print(sorted({{(f.rule, str(f.actual)) for f in result.findings}}))
    """
    done = run_with_budget(code, cpu_seconds=20, memory=2 << 30)
    assert done.returncode == 0, done.stderr
    assert "('narrative.request_count', '74')" in done.stdout  # the statement, read and found wrong


_STRETCH = st.text(st.sampled_from(["一", "二", "a", " "]), min_size=1, max_size=3)
_STRETCHES = st.one_of(st.lists(_STRETCH, max_size=20), st.lists(_STRETCH, min_size=300, max_size=600))


@given(_STRETCHES, st.sampled_from(["。", "\n", "；"]))
def test_each_character_is_found_in_the_stretches_that_hold_it(stretches: list[str], stop: str) -> None:
    """Few stretches or many (more than ``_FEW_STRETCHES``, whose masks are made another way), each needed
    character's mask has the bits of the stretches that hold it, and a claim's matches are met in the text's order."""
    text = stop.join(stretches)
    sentences = _Sentences(text, re.compile("[一二]"))
    assert len(sentences.spans) == len(stretches)
    for ch in "一二":
        holding = [i for i, (start, end) in enumerate(sentences.spans) if ch in text[start:end]]
        assert sentences.where.get(ch, 0) == sum(1 << i for i in holding)
    claim = SimpleNamespace(anchors=(frozenset("一"),), pattern=re.compile("一+"))
    found = [m.span() for m in sentences.matches(claim)]  # type: ignore[arg-type]
    assert found == [m.span() for m in re.finditer("一+", text)]
