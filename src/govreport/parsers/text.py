"""The plain-text front end: published reports flattened to text (format-2021.md §4 styles A–E).

Every line becomes an :class:`~govreport.parsers._reader.Item` located by line (and by page for PDF text
layers); the reader splits table lines into cells itself, whichever flattening style they use. Page footers
that PDF text layers leave inside tables (``- 4 -``, ``第4页``, ``第 4 页 共 12 页``, ``4/12``) are dropped here,
because they are layout, not data.
"""

from __future__ import annotations

import re

from govreport.findings import SourceLocation
from govreport.parsers._reader import Item, ParseResult, read_items

__all__ = ["is_page_footer", "parse_text", "text_items"]

_FOOTER = re.compile(
    r"\s{0,8}(?:[-—–－]\s{0,3}\d{1,4}\s{0,3}[-—–－]"
    r"|第\s{0,2}\d{1,4}\s{0,2}页(?:\s{0,3}[,，/]?\s{0,3}共\s{0,2}\d{1,4}\s{0,2}页)?"
    r"|\d{1,4}\s{0,2}/\s{0,2}\d{1,4}"
    r"|[Pp]age\s{1,3}\d{1,4}(?:\s{1,3}of\s{1,3}\d{1,4})?)\s{0,8}"
)


def is_page_footer(line: str) -> bool:
    """Whether ``line`` is a page number or page footer line and nothing else."""
    return len(line) <= 40 and _FOOTER.fullmatch(line) is not None


def text_items(text: str, *, page: int | None = None, first_line: int = 1) -> list[Item]:
    """Split ``text`` into located line items, without page footers.

    Args:
        text: the published text.
        page: the 1-based page the text comes from (PDF), or ``None``.
        first_line: the number of the first line (lines are numbered from 1 on each page).

    Returns:
        One item per line that is not a page footer; empty lines are kept, they separate cells in some styles.
    """
    items = []
    for n, line in enumerate(text.splitlines(), start=first_line):
        if is_page_footer(line):
            continue
        items.append(Item(text=line, location=SourceLocation(line=n, column=1, page=page)))
    return items


def parse_text(text: str, *, edition: str = "2021", agency: str | None = None, year: int | None = None) -> ParseResult:
    """Parse a report published as plain text.

    Args:
        text: the text.
        edition: the edition whose labels are matched.
        agency: the agency, when known (see :func:`govreport.parsers.parse`).
        year: the statistics year, when known.

    Returns:
        The :class:`~govreport.parsers.ParseResult`.

    Raises:
        ParseError: the text does not read as a report.
    """
    return read_items(text_items(text), kind="text", edition=edition, agency=agency, year=year)
