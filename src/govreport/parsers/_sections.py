"""Sections: the section headings of a source (official wording, declared variants, keywords) and their prose."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Final

from govreport.parsers._lexicon import Lexicon
from govreport.parsers._source import Source
from govreport.parsers.normalize import fold, fold_same_length

__all__ = ["find_headings", "heading_section", "prose"]

_MAX_HEADING = 48
_CACHE_MAX = 20_000


def heading_section(text: str, lex: Lexicon, after: int) -> int | None:
    """The section whose heading ``text`` is, if it is one numbered after section ``after``."""
    cache = lex.cache("headings")
    found = cache.get(text)
    if found is None:
        found = _section_of(text, lex) or 0
        if len(text) <= _MAX_HEADING * 2:  # headings recur across reports; long lines are no headings
            if len(cache) >= _CACHE_MAX:
                cache.clear()
            cache[text] = found
    return found if found > after else None


def _section_of(text: str, lex: Lexicon) -> int | None:  # noqa: PLR0911 - one exit per test
    """The section whose heading ``text`` is, whatever precedes it."""
    stripped = text.strip().strip("*#").strip()
    if not stripped or stripped[0] not in lex.heading_starts or len(stripped) > _MAX_HEADING:
        return None
    if "。" in stripped[:-1]:
        return None
    m = lex.heading_pattern.match(fold_same_length(stripped))
    if m is None:
        return None
    heading = next((h for h in lex.headings.values() if h.numeral == m.group(1)), None)
    if heading is None:
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


def _candidates(texts: list[str], lex: Lexicon) -> list[int]:
    """The items that may be headings: those that start with a section numeral (or 第, or white space), found by one
    search over the whole text; an item with line breaks of its own (an HTML cell) is looked at by itself."""
    pattern = lex.heading_candidate  # a line break, then the start of a heading
    joined = "\n".join(texts)
    found = [0] if texts and pattern.match("\n" + texts[0]) else []
    item, at = 0, 0
    for m in pattern.finditer(joined):
        p = m.start()
        item += joined.count("\n", at, p + 1)
        at = p + 1
        found.append(item)
    if item + joined.count("\n", at) == len(texts) - 1:
        return found  # no item has a line break of its own: the line breaks count the items
    starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
    found = [0] if found[:1] == [0] else []
    for m in pattern.finditer(joined):
        i = bisect_right(starts, m.start() + 1) - 1
        if starts[i] == m.start() + 1:
            found.append(i)
    heads = lex.heading_starts
    for i, text in enumerate(texts):
        if "\n" in text:
            head = text.lstrip(" \t\u3000*#")[:1]
            if not head or head in heads or head.isspace():
                found.append(i)
    return sorted(set(found))


#: A line at least this long that ends inside a sentence was wrapped by the layout (headings are shorter).
_WRAP_MIN: Final = 20
#: Characters a wrapped line may end with: inside a sentence (an ideograph, a digit, a letter, a comma, an opening
#: quote or bracket); a paragraph ends with 。！？；：, a closing quote or bracket.
_WRAP_END = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9A-Za-z，,、“‘《〈（(\[【]")
#: How a paragraph starts that the line above may not run into: 一、 （一） 1. 一是 第一，
_PARAGRAPH_START = re.compile(
    r"[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是]|\d{1,2}\s?[.、．](?!\d)|第[一二三四五六七八九十]{1,3}[，,、]"
)


def prose(texts: Sequence[str]) -> str:
    """Paragraphs of prose as published: lines stripped, blank lines dropped, and a line the layout wrapped inside
    a sentence (a PDF's line width, a page break) joined to the next, so that ``\n`` separates paragraphs only."""
    lines = [line for line in (" ".join(t.split()) if "\u3000" in t else t.strip() for t in texts) if line]
    if len(lines) < 2:
        return "\n".join(lines)
    out = [lines[0]]
    for line in lines[1:]:
        last = out[-1]
        if len(last) >= _WRAP_MIN and _WRAP_END.match(last[-1]) and not _PARAGRAPH_START.match(line):
            out[-1] = last + line if _joins_tight(last[-1], line[0]) else f"{last} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _joins_tight(a: str, b: str) -> bool:
    """Whether two characters a wrap separated are written without a space between (not two Latin words)."""
    return not (a.isascii() and a.isalnum() and b.isascii() and b.isalnum())
