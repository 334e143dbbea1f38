"""Sections: the section headings of a source (official wording, declared variants, keywords) and their prose."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from govreport.parsers._lexicon import Lexicon
from govreport.parsers._source import Source
from govreport.parsers.normalize import fold, fold_same_length

__all__ = ["find_headings", "heading_section", "prose"]

_MAX_HEADING = 48


def heading_section(text: str, lex: Lexicon, after: int) -> int | None:  # noqa: PLR0911 - one exit per test
    """The section whose heading ``text`` is, if it is one numbered after section ``after``."""
    stripped = text.strip().strip("*#").strip()
    if not stripped or stripped[0] not in lex.heading_starts or len(stripped) > _MAX_HEADING:
        return None
    if "。" in stripped[:-1]:
        return None
    m = lex.heading_pattern.match(fold_same_length(stripped))
    if m is None:
        return None
    heading = next((h for h in lex.headings.values() if h.numeral == m.group(1)), None)
    if heading is None or heading.section <= after:
        return None
    body = fold(m.group(3))
    if not body:
        return None
    if body == heading.official or body in heading.variants:
        return heading.section
    if m.group(2) is None:  # "一总体情况": only the exact wording counts without a separator
        return None
    if not any(k in body for k in heading.keywords):
        return None
    best = max(difflib.SequenceMatcher(None, body, c).ratio() for c in (heading.official, *heading.variants))
    return heading.section if best >= 0.5 else None


def find_headings(source: Source, lex: Lexicon) -> dict[int, int]:
    """The item index of each section heading found, in order (section → item)."""
    found: dict[int, int] = {}
    last = 0
    for i in _candidates(source.texts, lex):
        s = heading_section(source.texts[i], lex, last)
        if s is not None:
            found[s] = i
            last = s
    return found


def _candidates(texts: list[str], lex: Lexicon) -> Iterator[int]:
    """The items that may be headings: those that start with a section numeral (or 第, or white space), found by one
    search over the whole text where no item has a line break of its own."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        starts = lex.heading_starts
        for i, text in enumerate(texts):
            head = text.lstrip(" \t\u3000*#")[:1]
            if not head or head in starts or head.isspace():
                yield i
        return
    item, at = 0, 0
    for m in lex.heading_candidate.finditer(joined):
        item += joined.count("\n", at, m.start())
        at = m.start()
        yield item


def prose(texts: Sequence[str]) -> str:
    """Lines of prose as published, stripped, blank lines dropped."""
    return "\n".join(line for line in (t.strip() for t in texts) if line)
