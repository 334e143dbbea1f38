"""Damage as extraction does it, applied to a published text or HTML page, and the rule the parser must keep.

The damage (issue 12): one value dropped; two neighbouring values merged; a number split in two; an OCR look-alike
letter inside a number (``1O``, ``l9``); a value duplicated. Each is applied to one *value* of the tables: in text, a
word or pipe-table cell that is a number and nothing else; in HTML, a ``<td>`` that holds only a number. Labels that
hold digits (``1.``, ``第二十条``) are never damaged.

The rule (:func:`silent_wrong`): every number the parser returns is either right, or *pointed at* by a parse finding
of severity warning or above. A finding points at a cell when its ``pointers`` or ``missing`` name the cell's JSON
Pointer or the pointer of the row (line) that holds it: damage moves values inside a row, and a finding that names
the row tells the reader that every cell of it is in doubt.

Used by tests/test_parse_damage.py and benchmarks/bench_damage.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

import attrs

from govreport.editions import get_edition
from govreport.findings import Severity

__all__ = ["KINDS", "Damage", "damage", "silent_wrong", "table_region", "value_spans", "wrong_cells"]

#: The kinds of damage.
KINDS: Final = ("drop", "merge", "split", "ocr", "duplicate")
#: Letters an OCR engine reads for digits.
LOOKALIKE: Final = {"0": "O", "1": "l", "5": "S", "8": "B", "6": "b", "2": "Z"}

_TEXT_VALUE = re.compile(r"(?<![^\s|｜])\d+(?:\.\d+)?(?![^\s|｜])")
_TD = re.compile(r"<td\b[^>]*>(\s*\d+(?:\.\d+)?\s*)</td>")
_SEPARATOR = re.compile(r"[\s|｜]*")
_TD_SEPARATOR = re.compile(r"\s*")


@attrs.frozen(kw_only=True)
class Damage:
    """One damage: its kind, which value (an index into :func:`value_spans`, taken modulo their number) and a
    number that picks the split point or the digit the OCR letter replaces."""

    kind: str
    index: int
    at: int = 0


def table_region(text: str, edition: str) -> tuple[int, int]:
    """The offsets of the tables in ``text``: from the first table's heading to the next section after the tables
    (the whole text when a heading is not found)."""
    ed = get_edition(edition)
    first = min(ed.tables, key=lambda t: t.section)
    last = max(t.section for t in ed.tables)
    start = text.find(first.heading)
    after = sorted((f.section, f.label) for f in ed.fields if f.section is not None and f.section > last)
    end = text.find(after[0][1], max(start, 0)) if after else -1
    return (max(start, 0), end if end > start else len(text))


def value_spans(text: str, edition: str, *, html: bool) -> list[tuple[int, int]]:
    """The (start, end) offsets of the table values of ``text``: a ``<td>`` element in HTML, a number in text."""
    start, end = table_region(text, edition)
    pattern = _TD if html else _TEXT_VALUE
    return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]


def _number(text: str, span: tuple[int, int], *, html: bool) -> tuple[int, int]:
    """The offsets of the number inside a value span."""
    if not html:
        return span
    m = _TD.match(text, span[0])
    assert m is not None
    s = m.start(1) + len(m.group(1)) - len(m.group(1).lstrip())
    return s, s + len(m.group(1).strip())


def damage(text: str, edition: str, d: Damage, *, html: bool) -> str | None:  # noqa: PLR0911 - one exit per kind
    """``text`` with damage ``d`` applied, or ``None`` when it cannot be applied there (no value, no neighbour, a
    one-digit number to split, no digit with a look-alike)."""
    spans = value_spans(text, edition, html=html)
    if not spans:
        return None
    i = d.index % len(spans)
    s, e = spans[i]
    ns, ne = _number(text, spans[i], html=html)
    num = text[ns:ne]
    sep_pattern = _TD_SEPARATOR if html else _SEPARATOR
    nxt = spans[i + 1] if i + 1 < len(spans) and sep_pattern.fullmatch(text, e, spans[i + 1][0]) else None
    prv = spans[i - 1] if i > 0 and sep_pattern.fullmatch(text, spans[i - 1][1], s) else None
    sep = text[e : nxt[0]] if nxt else text[prv[1] : s] if prv else ("" if html else " ")
    if d.kind == "drop":
        if nxt:
            return text[:s] + text[nxt[0] :]
        if prv:
            return text[: prv[1]] + text[e:]
        return text[:s] + text[e:] if html else text[:ns] + text[ne:]
    if d.kind == "merge":
        if nxt is None:
            return None
        ms, me = _number(text, nxt, html=html)
        joined = num + text[ms:me]
        return text[:ns] + joined + text[ne:e] + text[nxt[1] :] if html else text[:s] + joined + text[me:]
    if d.kind == "split":
        digits = num.replace(".", "")
        if len(digits) < 2 or "." in num:
            return None
        k = 1 + d.at % (len(num) - 1)
        first, second = num[:k], num[k:]
        return text[:s] + _cell(text, (s, e), ns, ne, first) + sep + _cell(text, (s, e), ns, ne, second) + text[e:]
    if d.kind == "ocr":
        places = [j for j, c in enumerate(num) if c in LOOKALIKE]
        if not places:
            return None
        j = places[d.at % len(places)]
        return text[: ns + j] + LOOKALIKE[num[j]] + text[ns + j + 1 :]
    if d.kind == "duplicate":
        cell = text[s:e]
        return text[:e] + sep + cell + text[e:]
    msg = f"unknown damage {d.kind!r}"
    raise ValueError(msg)


def _cell(text: str, span: tuple[int, int], ns: int, ne: int, number: str) -> str:
    """The value span with its number replaced by ``number``."""
    return text[span[0] : ns] + number + text[ne : span[1]]


def silent_wrong(result: Any, truth: Any) -> list[str]:
    """The cells whose parsed value is a number that differs from ``truth`` and that no finding of severity warning
    or above points at (see the module docstring for what *points at* means)."""
    ed = get_edition(truth.edition)
    got = ed.read_cells(result.report)
    expected = ed.read_cells(truth)
    pointed: set[str] = set()
    for f in result.findings:
        if f.severity in (Severity.WARNING, Severity.ERROR):
            pointed.update(f.pointers)
            pointed.update(f.missing)
    wrong = []
    for ptr, value in got.items():
        if value is None or value == expected[ptr]:
            continue
        if ptr in pointed or ptr.rpartition("/")[0] in pointed:
            continue
        wrong.append(ptr)
    return wrong


def wrong_cells(result: Any, truth: Any) -> Sequence[str]:
    """Every cell whose parsed value is a number that differs from ``truth``, pointed at or not."""
    ed = get_edition(truth.edition)
    got = ed.read_cells(result.report)
    expected = ed.read_cells(truth)
    return [p for p, v in got.items() if v is not None and v != expected[p]]
