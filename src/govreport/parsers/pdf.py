"""The PDF front end: the text layer of a published PDF (format-2021.md §4 style E), through pypdf.

Needs the ``pdf`` extra (``pip install 'govreport[pdf]'``). pypdf is pure Python, has no dependencies of its
own, is actively maintained and extracts CJK text through the fonts' ToUnicode maps and the predefined CMaps
that Chinese PDFs use. Each page's text becomes located lines (``page`` and ``line``); page footers are dropped
and the reader copes with wrapped labels, split header words and one-character-per-line labels. Scanned PDFs
have no text layer: they read as a document without tables, with findings saying so.

Text extraction works within a budget: at most :data:`~govreport.parsers.MAX_PAGES` pages,
:data:`~govreport.parsers.MAX_PDF_CONTENT_BYTES` bytes of page content and
:data:`~govreport.parsers.MAX_PDF_OPERATORS` content operators. Where the budget ends, reading stops, and the
result says so (``parse.stopped``, with the page and the limit), never that the source is cut off.
"""

from __future__ import annotations

import io
from typing import Any

from govreport.errors import ParseError
from govreport.parsers._assembly import ParseResult, read_source
from govreport.parsers._limits import MAX_PAGES, MAX_PDF_CONTENT_BYTES, MAX_PDF_OPERATORS
from govreport.parsers._source import Item, Source, Stop
from govreport.parsers.text import Lines

__all__ = ["MAX_PAGES", "parse_pdf", "pdf_items", "pdf_source"]


class _Spent(Exception):  # noqa: N818 - a signal inside pypdf's extraction, never seen outside this module
    """The operator budget is spent."""


class _Budget:
    """What is left of the work budget: content bytes and operators."""

    __slots__ = ("content", "operators")

    def __init__(self, content: int, operators: int) -> None:
        self.content = content
        self.operators = operators

    def operator(self, *_: Any) -> None:
        """Count one content operator (pypdf's ``visitor_operand_before``).

        Raises:
            _Spent: the operators are spent.
        """
        self.operators -= 1
        if self.operators < 0:
            raise _Spent


def _content_size(page: Any) -> int:
    contents = page.get_contents()
    return 0 if contents is None else len(contents.get_data())


def pdf_source(
    data: bytes,
    *,
    max_pages: int | None = None,
    max_content: int | None = None,
    max_operators: int | None = None,
) -> Source:
    """The located lines of the text layer of the PDF ``data``, read within the budget.

    Args:
        data: the PDF file's bytes.
        max_pages: the most pages read (default :data:`~govreport.parsers.MAX_PAGES`).
        max_content: the most bytes of (decoded) page content read, all pages together (default
            :data:`~govreport.parsers.MAX_PDF_CONTENT_BYTES`).
        max_operators: the most content operators interpreted, all pages together (default
            :data:`~govreport.parsers.MAX_PDF_OPERATORS`).

    Returns:
        The source; its ``stop`` says where and why reading stopped early, if it did.

    Raises:
        ParseError: the pdf extra is not installed, or ``data`` is not a readable PDF.
    """
    try:
        from pypdf import PdfReader  # noqa: PLC0415 - an optional dependency
    except ImportError as e:  # pragma: no cover - the test environment has the extra
        msg = "reading PDF needs the pdf extra: pip install 'govreport[pdf]'"
        raise ParseError(msg) from e
    max_pages = MAX_PAGES if max_pages is None else max_pages
    lines = Lines()
    stop: Stop | None = None
    budget = _Budget(
        MAX_PDF_CONTENT_BYTES if max_content is None else max_content,
        MAX_PDF_OPERATORS if max_operators is None else max_operators,
    )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            msg = "the PDF is encrypted"
            raise ParseError(msg)
        pages = reader.pages
        total = len(pages)
        for number in range(1, total + 1):
            if number > max_pages:
                stop = Stop(page=max_pages, pages=total, limit="pages")
                break
            page = pages[number - 1]
            budget.content -= _content_size(page)
            if budget.content < 0:
                stop = Stop(page=number - 1, pages=total, limit="work")
                break
            try:
                text = page.extract_text(visitor_operand_before=budget.operator)
            except _Spent:
                stop = Stop(page=number - 1, pages=total, limit="work")
                break
            lines.add(text or "", page=number)
    except ParseError:
        raise
    except Exception as e:
        msg = f"not a readable PDF: {type(e).__name__}: {e}"
        raise ParseError(msg) from e
    source = lines.source()
    source.stop = stop
    source.meta = _document_info(reader)
    return source


def _document_info(reader: Any) -> list[tuple[str, str]]:
    """The title and author of a PDF's document information, where it has them (a broken dictionary has none)."""
    try:
        info = reader.metadata
        found = (
            []
            if info is None
            else [(name, info.get(key)) for name, key in (("title", "/Title"), ("author", "/Author"))]
        )
    except Exception:  # the document information is a hint, never a reason to fail
        return []
    return [
        (name, " ".join(str(value).split())[:1000]) for name, value in found if isinstance(value, str) and value.strip()
    ]


def pdf_items(data: bytes) -> list[Item]:
    """The located lines of the text layer of the PDF ``data``.

    Raises:
        ParseError: the pdf extra is not installed, or ``data`` is not a readable PDF.
    """
    return pdf_source(data).items()


def parse_pdf(
    data: bytes,
    *,
    edition: str | None = None,
    agency: str | None = None,
    year: int | None = None,
    file_name: str | None = None,
) -> ParseResult:
    """Parse a report published as a PDF with a text layer.

    Args:
        data: the PDF file's bytes.
        edition: the edition whose labels are matched; ``None`` to detect it.
        agency: the agency, when known (see :func:`govreport.parsers.parse`).
        year: the statistics year, when known.
        file_name: the name of the file read (the last place the agency and year are looked for).

    Returns:
        The :class:`~govreport.parsers.ParseResult`; locations carry ``page`` and ``line``.

    Raises:
        ParseError: the extra is missing, the PDF is unreadable, or its text does not read as a report.
    """
    source = pdf_source(data)
    if not source.texts and source.stop is not None:
        msg = (
            f"the PDF has no text in the pages read: govreport stopped reading after page {source.stop.page} of "
            f"{source.stop.pages} at its {source.stop.limit} limit"
        )
        raise ParseError(msg)
    if not source.texts:
        msg = "the PDF has no text layer (a scanned document?)"
        raise ParseError(msg)
    return read_source(source, kind="pdf", edition=edition, agency=agency, year=year, file_name=file_name)
