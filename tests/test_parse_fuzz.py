"""Robustness: whatever the input, the parsers return a result or raise ParseError, and never hang.

Hypothesis feeds arbitrary text, bytes and HTML, and mutations of the real sample (lines deleted, duplicated,
swapped, cut, characters inserted); the only outcomes allowed are a :class:`~govreport.parsers.ParseResult`
whose report is a valid model object, or :class:`~govreport.ParseError`.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.parsers import MAX_ITEMS, MAX_SOURCE_BYTES, MAX_TABLE_TOKENS, ParseResult, parse

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = (FIXTURES / "jingxing-2023.txt").read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE.splitlines()
SAMPLE_HTML = (FIXTURES / "parse" / "jingxing-2023.html").read_text(encoding="utf-8")
MARKDOWN_LINES = (FIXTURES / "forms" / "shuyang-2025-converted.md").read_text(encoding="utf-8").splitlines()


def outcome(source: str | bytes, kind: str | None = None) -> ParseResult | None:
    """Parse ``source``; ``None`` when it raised ParseError. Any other exception fails the test."""
    try:
        result = parse(source, kind=kind)
    except govreport.ParseError:
        return None
    assert isinstance(result.report, govreport.Report)
    # what the parser produced must be a document the JSON contract accepts
    govreport.loads(govreport.dumps(result.report))
    for finding in result.findings:
        assert finding.location is not None, finding
    return result


@given(st.text(max_size=3000))
def test_arbitrary_text(text: str) -> None:
    """Arbitrary text parses or raises ParseError."""
    outcome(text)


_MD_PARTS = st.sampled_from(
    [
        *MARKDOWN_LINES[70:180],
        "|---|---|",
        "| 1 | 2 |",
        "### 行政复议",
        "# 标题",
        "\\|",
        "<br>",
        "**",
        "",
        "---",
        "<table><tr><td rowspan=2>行政复议</td><td>1",
        "</td></tr></table>",
    ]
)


@given(st.lists(_MD_PARTS, max_size=120), st.sampled_from([None, "markdown"]))
def test_markdown_fragments(lines: list[str], kind: str | None) -> None:
    """Lines of the converted Markdown sample in any order, with captions, separators and markup, parse or raise
    ParseError; every finding is located."""
    outcome("\n".join(lines), kind=kind)


@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data: bytes) -> None:
    """Arbitrary bytes (including ones that start like a PDF) parse or raise ParseError."""
    outcome(data)
    outcome(b"%PDF-1.4\n" + data)


_TAGS = st.sampled_from(["<table>", "</table>", "<tr>", "</tr>", "<td rowspan=3>", "<td colspan=2>", "</td>", "<p>"])
_WORDS = st.sampled_from([*SAMPLE_LINES[:60], "&nbsp;", "0", "12", "/", "—", "<script>", "<nav>", "</div>"])


@given(st.lists(st.one_of(_TAGS, _WORDS), max_size=200))
def test_broken_html(parts: list[str]) -> None:
    """Broken, unbalanced HTML made of table tags and report lines parses or raises ParseError."""
    outcome("<html><body>" + "".join(parts), kind="html")


@st.composite
def mutated_samples(draw: st.DrawFn) -> str:
    """The sample text with lines deleted, duplicated, swapped or cut, and characters inserted."""
    lines = list(SAMPLE_LINES)
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "cut", "insert"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        else:
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.text(max_size=5)) + lines[i][pos:]
    end = draw(st.integers(0, len(lines)))
    return "\n".join(lines[:end])


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated_samples())
def test_mutated_sample(text: str) -> None:
    """A damaged or truncated copy of the sample parses or raises ParseError; no count is invented."""
    result = outcome(text)
    if result is None:
        return
    published = {int(n) for n in re.findall(r"\d+", unicodedata.normalize("NFKC", text))}
    doc = govreport.unstructure(result.report)
    for table in ("proactive_disclosure", "requests", "review_and_litigation"):
        stack = [doc[table]]
        while stack:
            node = stack.pop()
            for value in node.values():
                if isinstance(value, dict):
                    stack.append(value)
                elif isinstance(value, int):
                    assert value in published or value == 0  # 0: a collapsed row's convention


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SAMPLE_HTML)))
def test_truncated_html(end: int) -> None:
    """The sample page cut anywhere parses or raises ParseError."""
    outcome(SAMPLE_HTML[:end], kind="html")


@pytest.mark.parametrize(
    ("source", "match"),
    [
        ("二、主动公开政府信息情况\n" + "1 2 3 4 5 6 7 8 9\n" * (MAX_TABLE_TOKENS // 9 + 10), "cells"),
        ("二、主动公开政府信息情况\n" + "|" * (MAX_TABLE_TOKENS + 10), "cells"),
        ("行\n" * (MAX_ITEMS + 1), "lines"),
        ("x" * (MAX_SOURCE_BYTES + 1), "too large"),
    ],
)
def test_huge_inputs_are_refused(source: str, match: str) -> None:
    """Inputs far larger than any report are refused with ParseError, not worked through."""
    with pytest.raises(govreport.ParseError, match=match):
        parse(source)


_PDF: list[bytes] = []


def sample_pdf() -> bytes:
    """A small PDF of the sample's first lines (made once)."""
    if not _PDF:
        pytest.importorskip("pypdf")
        pytest.importorskip("reportlab")
        from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 - optional
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415 - optional
        from reportlab.pdfgen import canvas  # noqa: PLC0415 - optional

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        buf = io.BytesIO()
        pdf = canvas.Canvas(buf, invariant=1)
        pdf.setFont("STSong-Light", 9)
        for i, line in enumerate(SAMPLE_LINES[:40]):
            pdf.drawString(30, 800 - 16 * i, line[:80])
        pdf.showPage()
        pdf.save()
        _PDF.append(buf.getvalue())
    return _PDF[0]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=8)), min_size=1, max_size=10), st.data())
def test_damaged_pdf(edits: list[tuple[int, bytes]], data: st.DataObject) -> None:
    """A PDF with bytes overwritten and cut off parses or raises ParseError, whatever pypdf makes of it."""
    pdf = bytearray(sample_pdf())
    for pos, junk in edits:
        at = pos % len(pdf)
        pdf[at : at + len(junk)] = junk
    end = data.draw(st.integers(len(pdf) // 2, len(pdf)))
    outcome(bytes(pdf[:end]))
