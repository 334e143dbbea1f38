"""Patterns whose search took time that grows as the square of a line: a run of white space (or of ``=``) that a
pattern could cut between two quantifiers, or searched again from each of its characters. Found by a mutation fuzzer
over the samples (a 29 kB source took 10 s in the sniff alone) and a scan of every pattern of the package over
repeated characters. Each is rewritten so that no run is taken twice; these tests check that each matches what it
matched before, and that the hostile lines are read within a small CPU budget.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from govreport.parsers import html, markdown

from .conftest import run_with_budget

# The patterns as they were.
OLD_SNIFF = re.compile(r"(?m)^\s{0,3}(?:\|?\s*:?-{3,}:?\s*\|\s*:?-{3,}|#{1,6}\s+\S)")
OLD_ATX_CLOSE = re.compile(r"\s+#+\s*$")
OLD_DELIMITER_ROW = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*")
OLD_ENUMERATOR = re.compile(
    r"\s*(?:[(（]\s*[一二三四五六七八九十0-9]{1,3}\s*[)）]|[一二三四五六七八九十0-9]{1,3}\s*[、.．])\s*"
)

_SPACES = " \t\u3000\xa0\r\x0b\x0c\x85"
_LINES = st.text(
    st.sampled_from([*_SPACES, "|", "-", ":", "#", "x", "一", "1", "(", "）", "、", ".", "="]), max_size=24
)


@given(_LINES)
def test_the_markdown_line_patterns_match_as_before(line: str) -> None:
    """A heading's closing ``#``, a table's delimiter row and an item's enumerator are found where they were."""
    assert markdown._ATX_CLOSE.sub("", line) == OLD_ATX_CLOSE.sub("", line)
    assert (markdown._DELIMITER_ROW.fullmatch(line) is None) == (OLD_DELIMITER_ROW.fullmatch(line) is None)
    assert markdown._ENUMERATOR.sub("", line, count=1) == OLD_ENUMERATOR.sub("", line, count=1)


@given(st.lists(_LINES, max_size=4))
def test_the_markdown_sniff_finds_a_sign_on_one_line(lines: list[str]) -> None:
    """On one line, the sniff finds what it found; across lines, only what stands on one of them (a separator row
    or a heading is one line; the white space of the old pattern could run over line breaks)."""
    text = "\n".join(lines)
    found = markdown._SNIFF.search(text) is not None
    assert found == any(OLD_SNIFF.search(line) is not None for line in lines)
    if found:
        assert OLD_SNIFF.search(text) is not None


@given(st.text(st.sampled_from([" ", "\t", "\u3000", "=", "/", '"', "'", "a", "-"]), max_size=16))
def test_a_self_closing_tag_is_told_as_before(attributes: str) -> None:
    """A start tag closes itself when its attributes end in a ``/`` that does not end an unquoted value."""
    before = attributes.endswith("/") and not html._BARE_SLASH.search(attributes)
    assert html._self_closing(attributes) == before


def test_hostile_lines_are_read_within_a_small_cpu_budget() -> None:
    """Each of these took 10 s to minutes before (measured at a quarter of the size or less: 16,000 line breaks
    after ``---`` took the sniff 19 s, 20,000 ``=`` in a tag 2 s, 8,000 spaces in a table line 1.5 s, each growing as
    the square). Now they are read in a fraction of a second each, within 20 s of CPU time for all together."""
    code = """if True:
        from govreport.errors import ParseError
        from govreport.parsers import parse, sniff
        table = "| 项目 | 数量 |\\n|---|---|\\n| 一、本年新收政府信息公开申请数量 | 73 |\\n"
        print(sniff(b"---" + b"\\n" * 16_000))
        print(sniff(b"#" + b" " * 16_000))
        for kind, source in [
            ("markdown", "# 报告 x" + " " * 100_000 + "y\\n" + table),
            ("markdown", table + "|x" + " " * 100_000 + "y|\\n"),
            ("markdown", "（ 一 x" + " " * 100_000 + "）\\n" + table),
            ("html", "<html><body><p " + "=" * 100_000 + " x/>一、总体情况</p></body></html>"),
        ]:
            try:
                print(kind, len(parse(source, kind=kind).findings) > 0)
            except ParseError as e:
                print(kind, "refused", e)
    """
    done = run_with_budget(code, cpu_seconds=20, memory=1 << 30)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["text", "text", "markdown True", "markdown True", "markdown True", "html True"]
