"""The PDF front end: the text layer of a published PDF (format-2021.md §4 style E), through pypdf.

Needs the ``pdf`` extra (``pip install 'govreport[pdf]'``). pypdf is pure Python, has no dependencies of its
own, is actively maintained and extracts CJK text through the fonts' ToUnicode maps and the predefined CMaps
that Chinese PDFs use. Each page's text becomes located lines (``page`` and ``line``); page footers are dropped
and the reader copes with wrapped labels, split header words and one-character-per-line labels. Scanned PDFs
have no text layer: they read as a document without tables, with findings saying so.
"""

from __future__ import annotations

import io
from typing import Final

from govreport.errors import ParseError
from govreport.parsers._reader import Item, ParseResult, read_items
from govreport.parsers.text import text_items

__all__ = ["MAX_PAGES", "parse_pdf", "pdf_items"]

#: Pages read at most; annual reports have 5–30.
MAX_PAGES: Final = 400


def pdf_items(data: bytes) -> list[Item]:
    """The located lines of the text layer of the PDF ``data``.

    Raises:
        ParseError: the pdf extra is not installed, or ``data`` is not a readable PDF.
    """
    try:
        from pypdf import PdfReader  # noqa: PLC0415 - an optional dependency
    except ImportError as e:  # pragma: no cover - the test environment has the extra
        msg = "reading PDF needs the pdf extra: pip install 'govreport[pdf]'"
        raise ParseError(msg) from e
    items: list[Item] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            msg = "the PDF is encrypted"
            raise ParseError(msg)
        for number, page in enumerate(reader.pages, start=1):
            if number > MAX_PAGES:
                break
            items.extend(text_items(page.extract_text() or "", page=number))
    except ParseError:
        raise
    except Exception as e:
        msg = f"not a readable PDF: {type(e).__name__}: {e}"
        raise ParseError(msg) from e
    return items


def parse_pdf(data: bytes, *, edition: str = "2021", agency: str | None = None, year: int | None = None) -> ParseResult:
    """Parse a report published as a PDF with a text layer.

    Args:
        data: the PDF file's bytes.
        edition: the edition whose labels are matched.
        agency: the agency, when known (see :func:`govreport.parsers.parse`).
        year: the statistics year, when known.

    Returns:
        The :class:`~govreport.parsers.ParseResult`; locations carry ``page`` and ``line``.

    Raises:
        ParseError: the extra is missing, the PDF is unreadable, or its text does not read as a report.
    """
    items = pdf_items(data)
    if not items:
        msg = "the PDF has no text layer (a scanned document?)"
        raise ParseError(msg)
    return read_items(items, kind="pdf", edition=edition, agency=agency, year=year)
