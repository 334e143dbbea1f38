"""The plain-text front end: published reports flattened to text (format-2021.md §4 styles A–E).

Every line becomes an item located by line (and by page for PDF text layers); the reader splits table lines into
cells itself, whichever flattening style they use. Page footers that PDF text layers leave inside tables
(``- 4 -``, ``第4页``, ``第 4 页 共 12 页``, ``4/12``) are dropped here, because they are layout, not data. Lines
are cut a bounded chunk at a time, so a text of millions of lines is refused after
:data:`~govreport.parsers.MAX_ITEMS` of them, not after all of them were made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from govreport.findings import SourceLocation
from govreport.parsers._assembly import ParseResult, check_items, read_source
from govreport.parsers._limits import MAX_ITEMS
from govreport.parsers._source import Item, Source

__all__ = ["Lines", "is_page_footer", "parse_text", "text_items"]

_FOOTER = re.compile(
    r"\s{0,8}(?:[-—–－]\s{0,3}\d{1,4}\s{0,3}[-—–－]"
    r"|第\s{0,2}\d{1,4}\s{0,2}页(?:\s{0,3}[,，/]?\s{0,3}共\s{0,2}\d{1,4}\s{0,2}页)?"
    r"|\d{1,4}\s{0,2}/\s{0,2}\d{1,4}"
    r"|[Pp]age\s{1,3}\d{1,4}(?:\s{1,3}of\s{1,3}\d{1,4})?)\s{0,8}"
)
_FOOTER_MAX: Final = 40
# Text is cut into lines this many characters at a time.
_CHUNK: Final = 1 << 16
_BREAK: Final = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def is_page_footer(line: str) -> bool:
    """Whether ``line`` is a page number or page footer line and nothing else."""
    return len(line) <= _FOOTER_MAX and _FOOTER.fullmatch(line) is not None


class _Footers(dict[str, bool]):
    """:func:`is_page_footer` of the short lines seen so far (table lines recur in every report: ``0 |``, labels; a
    bounded cache): a line is matched when it is first looked up."""

    def __missing__(self, line: str) -> bool:
        found = is_page_footer(line)
        if len(line) > _FOOTER_MAX:  # long lines are prose, each its own: not kept
            return found
        if len(self) >= _FOOTERS_KEPT:
            self.clear()
        self[line] = found
        return found


_FOOTERS_KEPT: Final = 50_000
_FOOTERS = _Footers()


def _lines(text: str) -> Iterator[list[str]]:
    """The lines of ``text`` as :meth:`str.splitlines` cuts them, a bounded batch at a time.

    Each batch is cut right after the first line break at least :data:`_CHUNK` characters on, so no character is
    looked at twice: a line without breaks is one batch, however long (it was rejoined and cut again for every
    chunk, which made a 30 MB line take 40 s).
    """
    n = len(text)
    if n <= _CHUNK:
        yield text.splitlines()
        return
    start = 0
    while start < n:
        m = _BREAK.search(text, min(start + _CHUNK, n))  # ("\r" then "\n" across the cut: the "\n" is found)
        end = n if m is None else m.end()
        yield text[start:end].splitlines()
        start = end


class Lines:
    """The located lines of one or more texts (the pages of a PDF), footers dropped, at most ``limit`` of them.

    Args:
        limit: the most lines kept; one more raises :class:`~govreport.ParseError` while they are cut.
    """

    __slots__ = ("limit", "numbers", "pages", "texts")

    def __init__(self, limit: int = MAX_ITEMS) -> None:
        self.limit = limit
        self.texts: list[str] = []
        self.numbers: list[int] = []
        self.pages: list[int | None] = []

    def add(self, text: str, *, page: int | None = None, first_line: int = 1) -> None:
        """Add the lines of ``text`` (from ``page``), numbered from ``first_line``.

        Raises:
            ParseError: more than :attr:`limit` lines in all.
        """
        texts, numbers, pages = self.texts, self.numbers, self.pages
        footer = _FOOTERS.__getitem__
        n = first_line
        for batch in _lines(text):
            # most texts have no footer line at all: one pass over the lines, without a Python loop, tells (a table's
            # lines recur, "0 |" a hundred times in a report and in every report, and the answer for each is kept)
            footers = any(map(footer, batch))
            kept = [not footer(line) for line in batch] if footers else None
            if kept is None or all(kept):
                texts.extend(batch)
                numbers.extend(range(n, n + len(batch)))
                pages.extend([page] * len(batch))
            else:
                for i, line in enumerate(batch):
                    if kept[i]:  # a footer is layout, not data
                        texts.append(line)
                        numbers.append(n + i)
                        pages.append(page)
            n += len(batch)
            if len(texts) > self.limit:
                check_items(len(texts))

    def source(self) -> Source:
        """The :class:`~._source.Source` of the lines added."""
        numbers, pages = self.numbers, self.pages

        def locate(i: int, offset: int) -> SourceLocation:
            return SourceLocation(line=numbers[i], column=1 + offset, page=pages[i])

        return Source(self.texts, locate)


def text_items(text: str, *, page: int | None = None, first_line: int = 1) -> list[Item]:
    """Split ``text`` into located line items, without page footers.

    Args:
        text: the published text.
        page: the 1-based page the text comes from (PDF), or ``None``.
        first_line: the number of the first line (lines are numbered from 1 on each page).

    Returns:
        One item per line that is not a page footer; empty lines are kept, they separate cells in some styles.

    Raises:
        ParseError: the text has more than :data:`~govreport.parsers.MAX_ITEMS` lines.
    """
    lines = Lines()
    lines.add(text, page=page, first_line=first_line)
    return lines.source().items()


def parse_text(
    text: str,
    *,
    edition: str | None = None,
    agency: str | None = None,
    year: int | None = None,
    file_name: str | None = None,
) -> ParseResult:
    """Parse a report published as plain text.

    Args:
        text: the text.
        edition: the edition whose labels are matched; ``None`` to detect it.
        agency: the agency, when known (see :func:`govreport.parsers.parse`).
        year: the statistics year, when known.
        file_name: the name of the file read (the last place the agency and year are looked for).

    Returns:
        The :class:`~govreport.parsers.ParseResult`.

    Raises:
        ParseError: the text does not read as a report, or has more than
            :data:`~govreport.parsers.MAX_ITEMS` lines.
    """
    lines = Lines()
    lines.add(text)
    return read_source(lines.source(), kind="text", edition=edition, agency=agency, year=year, file_name=file_name)
