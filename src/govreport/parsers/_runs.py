"""Run-together text: a report saved with every table cell run into the next, and its runs of digits split.

Crawlers save a page's text with the cells of its tables run together, often the whole report on one line:
``一、本年新收政府信息公开申请数量713000074`` stands for 71, 3, 0, 0, 0, 0, 74. :func:`cut_runs` finds such items (an
item in which three or more row labels are followed at once by a digit) and cuts them at the section headings and,
inside the tables, at every label and header of the edition, so the reader sees labels and runs of digits as a
text report's items; the items between labels are marked as *runs*. :func:`splits` then gives every way a row's
runs of digits can be cut into its cells (each cell a number written without a leading zero, ``0`` itself
aside); the placement keeps a split only where the declared relations leave one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Final

from govreport._hanzi import TO_SIMPLIFIED
from govreport.findings import SourceLocation
from govreport.parsers._lexicon import Lexicon
from govreport.parsers._source import Source, item_of, position
from govreport.parsers.normalize import fold, fold_same_length

__all__ = ["MIN_RUN_LABELS", "cut_runs", "splits"]

#: Row labels followed at once by a digit that make an item run-together text (a table line of a PDF has one).
MIN_RUN_LABELS: Final = 3
#: Items shorter than this are never run-together text.
_MIN_LENGTH: Final = 40
#: Row labels of at least this many characters serve the quick test for run-together text.
_KEY_LENGTH: Final = 4
_ITEM_NUMBER = re.compile(r"(?<=\d)、")


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching one character at a time, and the offset in ``text`` of each folded character."""
    out: list[str] = []
    offsets: list[int] = []
    for i, c in enumerate(text):
        f = fold(c) if not c.isascii() or c in " \t\"'`*#|\\>,;[]" else c
        out.append(f)
        offsets.extend([i] * len(f))
    folded = _ITEM_NUMBER.sub(".", "".join(out))
    offsets.append(len(text))
    return folded, offsets


def _patterns(
    lex: Lexicon,
) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int], tuple[str, ...], re.Pattern[str]]:
    """The labels of the tables, the row labels followed by a digit, the headings (folded key → section), the
    row labels of the quick test, and the last character of a row label (in any script) followed by a digit."""
    cache = lex.cache("runs")
    found = cache.get("patterns")
    if found is None:
        keys = sorted((k for k in lex.entries if len(k) >= 2), key=len, reverse=True)
        lines = sorted((k for k, e in lex.entries.items() if e.kind == "line"), key=len, reverse=True)
        headings = {}
        for h in lex.headings.values():
            for body in (h.official, *h.variants):
                headings[h.numeral + "、" + body] = h.section
        labels = re.compile("|".join(map(re.escape, keys)))
        rows = re.compile("(?:" + "|".join(map(re.escape, lines)) + r")\s{0,3}\d")
        quick = tuple(k for k in lines if len(k) >= _KEY_LENGTH)
        last = {k[-1] for k in lines}
        ends = last | {chr(o) for o, s in TO_SIMPLIFIED.items() if s in last}
        glued = re.compile("[" + "".join(sorted(map(re.escape, ends))) + "][0-9０-９]")
        found = cache["patterns"] = (labels, rows, headings, quick, glued)
    return found


def cut_runs(source: Source, lex: Lexicon) -> Source:
    """``source`` with each run-together item cut into headings, labels, runs of digits and prose (the same source
    when no item is run together)."""
    labels, rows, headings, quick, glued = _patterns(lex)
    cuts: dict[int, list[tuple[int, int, bool]]] = {}
    for i, text in enumerate(source.texts):
        if len(text) < _MIN_LENGTH or (source.cells is not None and source.cells[i]):
            continue
        if len(glued.findall(text)) < MIN_RUN_LABELS:
            continue  # the quickest test: a digit right after the last character of a row label, three times
        same = fold_same_length(text)  # the quick test: three row labels in the item at all
        if sum(1 for _ in zip(range(MIN_RUN_LABELS), (k for k in quick if k in same), strict=False)) < MIN_RUN_LABELS:
            continue
        folded, offsets = _folded(text)
        if sum(1 for _ in zip(range(MIN_RUN_LABELS), rows.finditer(folded), strict=False)) < MIN_RUN_LABELS:
            continue
        cuts[i] = _cut(folded, offsets, labels, headings, lex)
    if not cuts:
        return source
    texts: list[str] = []
    origins: list[int] = []
    runs: set[int] = set()
    for i, text in enumerate(source.texts):
        pieces = cuts.get(i)
        if pieces is None:
            texts.append(text)
            origins.append(position(i))
            continue
        for start, end, run in pieces:
            piece = text[start:end]
            if not piece.strip():
                continue
            if run:
                runs.add(len(texts))
            texts.append(piece)
            origins.append(position(i, start))
    locate = source.locate

    def located(i: int, offset: int) -> SourceLocation:
        origin = origins[i]
        return locate(item_of(origin), (origin & 0xFFFFFFFF) + offset)

    cut = Source(texts, located, stop=source.stop, runs=frozenset(runs))
    cut.meta = source.meta
    return cut


def _cut(
    folded: str, offsets: Sequence[int], labels: re.Pattern[str], headings: dict[str, int], lex: Lexicon
) -> list[tuple[int, int, bool]]:
    """The pieces of one run-together item: (start, end, whether it is a run of values), in order."""
    # the section headings, in order of their numbers
    heads: list[tuple[int, int, int]] = []
    at, last = 0, 0
    while True:
        best: tuple[int, int, int] | None = None
        for key, section in headings.items():
            if section <= last:
                continue
            j = folded.find(key, at)
            if j >= 0 and (best is None or j < best[0] or (j == best[0] and j + len(key) > best[1])):
                best = (j, j + len(key), section)
        if best is None:
            break
        heads.append(best)
        at, last = best[1], best[2]
    table_sections = {t.section for t in lex.edition.tables}
    bounds: list[tuple[int, int, bool]] = []  # (start, end, in the tables) in folded offsets
    previous = 0
    in_tables = not any(s in table_sections for _, _, s in heads)
    for start, end, section in heads:
        bounds.append((previous, start, in_tables))
        bounds.append((start, end, False))
        previous, in_tables = end, section in table_sections
    bounds.append((previous, len(folded), in_tables))
    pieces: list[tuple[int, int, bool]] = []
    for start, end, tables in bounds:
        if not tables:
            pieces.append((offsets[start], offsets[end], False))
            continue
        cursor = start
        for m in labels.finditer(folded, start, end):
            if m.start() > cursor:
                pieces.append((offsets[cursor], offsets[m.start()], True))
            pieces.append((offsets[m.start()], offsets[m.end()], False))
            cursor = m.end()
        if cursor < end:
            pieces.append((offsets[cursor], offsets[end], True))
    return pieces


def splits(texts: Sequence[str], n: int, limit: int) -> Iterator[tuple[int | Decimal, ...]] | None:
    """Every way to cut the runs of digits ``texts`` (in order) into ``n`` numbers, each written without a leading
    zero (``0`` itself aside); a decimal part stays with the last number of its run.

    Returns:
        The splits, made as they are iterated; ``None`` when a text is no run of digits. Iterating raises
        :class:`OverflowError` once ``limit`` numbers have been tried.
    """
    runs: list[tuple[str, str]] = []
    for text in texts:
        whole, dot, fraction = text.partition(".")
        if not whole.isascii() or not whole.isdigit() or (dot and not (fraction.isascii() and fraction.isdigit())):
            return None
        runs.append((whole, dot + fraction))
    total_digits = sum(len(w) for w, _ in runs)
    if not len(runs) <= n <= total_digits:
        return iter(())
    return _splits(runs, n, limit)


def _splits(runs: list[tuple[str, str]], n: int, limit: int) -> Iterator[tuple[int | Decimal, ...]]:
    """The splits of :func:`splits`; every number tried counts against ``limit``, so the work is bounded even
    where few splits come out."""
    count = 0
    suffix_digits = [sum(len(w) for w, _ in runs[k:]) for k in range(len(runs) + 1)]

    def tick() -> None:
        nonlocal count
        count += 1
        if count > limit:
            raise OverflowError

    def numbers(whole: str, fraction: str, parts: int) -> Iterator[list[int | Decimal]]:
        """``whole`` (with ``fraction`` on its last number) cut into ``parts`` numbers."""
        tick()
        if parts == 1:
            if len(whole) > 1 and whole[0] == "0":
                return
            yield [Decimal(whole + fraction) if fraction else int(whole)]
            return
        for k in range(1, len(whole) - (parts - 1) + 1):
            head = whole[:k]
            if k > 1 and head[0] == "0":
                break
            for rest in numbers(whole[k:], fraction, parts - 1):
                yield [int(head), *rest]

    def walk(k: int, left: int) -> Iterator[list[int | Decimal]]:
        if k == len(runs):
            if left == 0:
                tick()
                yield []
            return
        whole, fraction = runs[k]
        remaining = len(runs) - k - 1
        for parts in range(1, min(len(whole), left - remaining) + 1):
            if left - parts > suffix_digits[k + 1]:
                continue
            for head in numbers(whole, fraction, parts):
                for tail in walk(k + 1, left - parts):
                    yield head + tail

    for found in walk(0, n):
        yield tuple(found)
