"""Parsers: published reports (flattened text, Markdown, HTML pages, PDF text layers, Word and Excel files) into the
typed model.

:func:`parse` reads a report as agencies publish it and returns a :class:`ParseResult`: the
:class:`~govreport.model.Report`, the findings about everything that could not be read (or was read with a
repair), each with a :class:`~govreport.findings.SourceLocation`, a ``source_map`` from JSON Pointers back to
the source, and the ``origins`` of the agency, year and title: an :class:`Origin` each, naming what stated the
value (``title``, ``signature``, ``preamble``, ``period``, ``crawler``, ``page_meta``, ``file_name``…), where, and
how sure that makes the parser.

Finding codes of the parsers (besides ``cells.missing`` of the rule catalogue):

==========================  ========  ==============================================================================
code                        severity  meaning
==========================  ========  ==============================================================================
``cells.missing``           warning   a cell is blank, ``/``, ``-``, ``—``, vanished, or not in the (cut-off) source;
                                      the cell is ``null``, never 0 (``detail.reason``: blank, marker, vanished,
                                      ambiguous, truncated, not_read, not_found, columns_2019)
``parse.truncated``         warning   the source ends before section 五/六: what follows was not read
``parse.stopped``           warning   govreport stopped reading a PDF at a limit (pages, or the work budget of text
                                      extraction): ``detail`` names the page, the page count and the limit
``parse.section_missing``   warning   a section heading (and its content) was not found
``parse.table_missing``     warning   none of a table's rows was found (e.g. a table published as an image)
``parse.realigned``         warning   a row had fewer values than columns; the row totals proved where each went
``parse.values_misfit``     warning   a row had more or fewer values than columns (a value lost, two run together, one
                                      split or repeated): every reading was tried, the declared relations dropped those
                                      they refute, and only the cells every remaining reading agrees on were read; the
                                      others are ``null`` (``cells.missing``, reason ambiguous)
``parse.digits_split``      info      crawler text with the cells run together: a run of digits split into the row's
                                      cells in the one way the digits and the relations allow
``parse.digits_ambiguous``  warning   crawler text: a run of digits that splits in several ways the relations allow
                                      (``detail.candidates``): the cells they disagree on are ``null``; a row with no
                                      relation is read only where its digits split one way (``000``)
``parse.unplaced_value``    warning   a number that could not be placed in a cell (reported, never guessed)
``parse.not_a_count``       warning   a count cell holds a number that is not whole
``parse.not_a_number``      warning   a cell holds text that is no number (``N/A``, ``一``, ``(1)``, ``1e3``, too many
                                      digits): it is ``null``, and the row's other cells keep their columns
``parse.lookalike_read``    info      a cell printed with OCR look-alike letters (``1O``, ``l9``) read as the number
                                      they stand for, because a declared relation with every other cell known holds
                                      with it and none fails (else ``parse.not_a_number``: the cell is ``null``)
``parse.duplicate_row``     warning   a row label appears twice; the second row's values are not used
``parse.columns_2019``      warning   a sub-table of 二 printed with the 2019 trial format's columns: its values are
                                      reported, not read into the 2021 cells, which stay missing
``parse.edition_detected``  info      the edition was detected (``edition=None``) and is not the default edition, or
                                      signs of another edition were found too: ``detail`` names the edition and the
                                      signs it was read from (``signs``, ``others``, ``declared``); with an edition
                                      forced, a report of another edition is not detected (``parse.columns_2019``)
``parse.unit_assumed``      info      an amount printed as a bare number under a header that names no unit
                                      (采购总金额): it is taken in the column's unit (``detail.unit``, 元)
``parse.label_unknown``     info      text inside a table that is not a label of the format
``parse.label_variant``     info      a label read as the official one it closely resembles (a typo)
``parse.agency_missing``    error     no agency in the source and no ``agency=`` hint: a placeholder was written
``parse.year_missing``      error     no year in the source and no ``year=`` hint: a placeholder was written
``parse.year_conflict``     warning   two sources state different years (the title and the statistics period…); the
                                      first source's is used (``detail``: ``source``, ``other``)
``parse.agency_conflict``   warning   two sources name different agencies (the title and the signature…); the first
                                      source's is used (``detail``: ``source``, ``other``)
``parse.agency_uncertain``  info      only a source of low confidence (the file name) names the agency
``parse.year_uncertain``    info      only a source of low confidence (the file name, the report's date) gives the
                                      year
``parse.hint_differs``      info      an ``agency=``/``year=`` hint differs from what the source says
``parse.formula``           warning   an Excel formula without a cached value that govreport does not compute (only
                                      sums of cells are computed), or over a missing cell: the cell is ``null``
                                      (``detail.reason``)
``layout.collapsed_row``    warning   （六）其他处理 printed as one row (2019 layout): its value went to 3.其他
==========================  ========  ==============================================================================

The parser's promise: every number it returns is either right, or pointed at by a parse finding of severity
warning or above, one whose ``pointers`` (or ``missing``) name the cell or its row. Where a row's values do not fit
its columns one for one (a value lost or repeated, two run together, a number split, the cells of crawler text run
into one run of digits), the readings are tried against the edition's declared relations (row totals, column
totals, the balance, table 四's totals) and a cell is read only where the readings they leave agree.

Limits, checked while the source is read (a source beyond them is refused with :class:`~govreport.ParseError`,
except where a PDF is read only in part, which ``parse.stopped`` reports): the ``MAX_*`` constants of
:mod:`govreport.limits`, the one place for every limit, exported here under the same names
(:data:`MAX_SOURCE_BYTES`, :data:`MAX_ITEMS`, :data:`MAX_TABLE_TOKENS`, :data:`MAX_PAGES`,
:data:`MAX_PACKAGE_BYTES`, :data:`MAX_SHEET_CELLS`, …); and a parsed report's document fits what
:func:`govreport.loads` reads. The readings of one row tried against the relations are at most
:data:`MAX_READINGS`, counted as they are made (or, for a row with more values than columns, before any is made),
and the numbers tried to split one row's runs of digits at most :data:`MAX_SPLITS` (a row beyond them is not read,
and its cells are reported).

Reading many reports: what recurs from report to report is kept, per edition and in bounded memory, so a corpus
reads faster than its first report. What a table line or cell cuts into is kept by its text, folded labels by their
text, and the walk over a table region whose labels, blanks and headings placed every value (no row re-aligned or
settled by the relations) is kept as a *plan* by the region's shape: the next region of the same shape, another
agency's report from the same template with other numbers, is read by that plan, with the same results as a walk;
a region whose lines or cells have the shapes of one read before is read by its plan straight from what they cut
into.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Final

from govreport._defaults import DEFAULT_EDITION
from govreport._io import read_file
from govreport._kinds import KIND_BY_SUFFIX, KINDS
from govreport.editions import get_edition
from govreport.errors import InputTooLargeError, ParseError
from govreport.parsers._assembly import ParseResult, read_items
from govreport.parsers._limits import (
    MAX_FORMULA_CHARS,
    MAX_FORMULA_DEPTH,
    MAX_FORMULA_RANGE_CELLS,
    MAX_HTML_TAGS,
    MAX_INLINE_MARKS,
    MAX_ITEMS,
    MAX_LABEL_COMPARISONS,
    MAX_PACKAGE_BYTES,
    MAX_PACKAGE_MEMBERS,
    MAX_PACKAGE_TAGS,
    MAX_PAGES,
    MAX_PART_TAGS,
    MAX_PDF_CONTENT_BYTES,
    MAX_PDF_OPERATORS,
    MAX_READINGS,
    MAX_SHEET_CELLS,
    MAX_SHEET_WORK,
    MAX_SOURCE_BYTES,
    MAX_SPLITS,
    MAX_TABLE_DEPTH,
    MAX_TABLE_TOKENS,
)
from govreport.parsers._metadata import PLACEHOLDER_YEAR, Origin, placeholder_agency
from govreport.parsers._package import office_kind
from govreport.parsers._source import Item

__all__ = [
    "MAX_FORMULA_CHARS",
    "MAX_FORMULA_DEPTH",
    "MAX_FORMULA_RANGE_CELLS",
    "MAX_HTML_TAGS",
    "MAX_INLINE_MARKS",
    "MAX_ITEMS",
    "MAX_LABEL_COMPARISONS",
    "MAX_PACKAGE_BYTES",
    "MAX_PACKAGE_MEMBERS",
    "MAX_PACKAGE_TAGS",
    "MAX_PAGES",
    "MAX_PART_TAGS",
    "MAX_PDF_CONTENT_BYTES",
    "MAX_PDF_OPERATORS",
    "MAX_READINGS",
    "MAX_SHEET_CELLS",
    "MAX_SHEET_WORK",
    "MAX_SOURCE_BYTES",
    "MAX_SPLITS",
    "MAX_TABLE_DEPTH",
    "MAX_TABLE_TOKENS",
    "PLACEHOLDER_AGENCY",
    "PLACEHOLDER_YEAR",
    "Item",
    "Origin",
    "ParseResult",
    "parse",
    "read_items",
    "sniff",
]

#: The agency written into a parsed report (of the default edition) whose source names no agency and no
#: ``agency=`` hint was given. It is paired with an error-severity ``parse.agency_missing`` finding, so such a
#: result never passes as read.
PLACEHOLDER_AGENCY: Final = placeholder_agency(get_edition(DEFAULT_EDITION))


_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|table|div|p|meta|title)\b", re.IGNORECASE)
_HTML_DOCUMENT = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]{2,20})", re.IGNORECASE)


def sniff(data: bytes) -> str:
    """Guess the kind of a source from its bytes: ``"pdf"``, ``"docx"``, ``"xlsx"``, ``"html"``, ``"markdown"`` or
    ``"text"``.

    Word and Excel files are ZIP packages, told apart by their members (``word/``, ``xl/``). Markdown is a pipe
    table's ``|---|`` row or a ``#`` heading in the first 16 KiB, and no ``<html>``, ``<head>``, ``<body>`` ….
    """
    office = office_kind(data)
    if office is not None:
        return office
    head = data[:4096].lstrip()
    if head.startswith(b"%PDF-") or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    from govreport.parsers.markdown import looks_like_markdown  # noqa: PLC0415 - front ends load on demand

    html = _HTML_SNIFF.search(head[:2048]) is not None
    if html and _HTML_DOCUMENT.search(head[:2048]):
        return "html"
    if looks_like_markdown(data[:16384].decode("utf-8", errors="ignore")):
        return "markdown"  # Markdown may hold tables as HTML markup, as converters write merged cells
    return "html" if html else "text"


def _decode(data: bytes, *, html: bool) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    candidates = ["utf-8", "gb18030"]  # mainland sites still publish GBK pages and text
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m is not None:
            name = m.group(1).decode("ascii").lower()
            candidates.insert(0, "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name)
    for name in candidates:
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


# Control characters (not tab, line and page breaks) and the replacement character mark binary data. In UTF-8 a
# control character is its own byte and no other character has such a byte: counting them in the encoded sample
# with bytes.translate takes a few instructions a byte, a character class of a pattern many times more.
_NOT_CONTROL: Final = bytes(b for b in range(256) if not (b <= 0x08 or 0x0E <= b <= 0x1F))


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = len(sample.encode("utf-8", "surrogatepass").translate(None, _NOT_CONTROL)) + sample.count("\ufffd")
    return controls > max(8, len(sample) // 50)


def parse(  # noqa: PLR0912, PLR0915 - one branch per kind of source
    source: str | bytes | os.PathLike[str],
    *,
    kind: str | None = None,
    edition: str | None = None,
    agency: str | None = None,
    year: int | None = None,
) -> ParseResult:
    """Read a published report into a :class:`ParseResult`.

    Args:
        source: the report: a path (``os.PathLike``), its bytes, or its content as ``str`` (text or HTML).
        kind: ``"text"``, ``"markdown"``, ``"html"``, ``"pdf"``, ``"docx"`` or ``"xlsx"``; guessed from the file
            name (``.md``, ``.html``, ``.pdf``, ``.docx``…) and the content when ``None`` (a Word or Excel file by
            the members of its ZIP package).
        edition: the edition of the format the report follows; ``None`` (the default) detects it from what the
            source prints: the signs that each registered edition declares (``parse.edition_detected`` says which
            edition was read and why, when it is not the default edition).
        agency: the agency, when the caller knows it (sources without a title often do not say).
        year: the statistics year, when the caller knows it.

    Returns:
        The report, findings with source locations, and a map from JSON Pointers to source locations.

    Raises:
        ParseError: the source is empty, binary, too large, of an unknown kind, or nothing in it reads as a
            report of the format. Files that cannot be read raise :class:`OSError`; a directory, FIFO or device
            raises :class:`~govreport.errors.NotRegularFileError` (an :class:`OSError`).
        UnknownEditionError: ``edition`` is not a registered edition.
    """
    if kind is not None and kind not in KINDS:
        msg = f"unknown kind of source {kind!r}; use one of {', '.join(KINDS)}"
        raise ParseError(msg)
    if edition is not None:
        get_edition(edition)  # an unknown edition is refused before the source is read
    text: str | None = None
    data: bytes | None = None
    file_name: str | None = None
    if isinstance(source, str):
        if len(source) > MAX_SOURCE_BYTES:
            msg = f"the source is too large ({len(source)} characters; the limit is {MAX_SOURCE_BYTES})"
            raise ParseError(msg)
        text = source
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, os.PathLike):
        path = Path(source)
        file_name = path.name
        try:
            data = read_file(path, limit=MAX_SOURCE_BYTES)  # regular files only, at most the limit + 1 bytes
        except InputTooLargeError as e:
            raise ParseError(f"{e}: too large to be a report") from e
        if kind is None:
            kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    else:
        msg = f"cannot parse a {type(source).__name__}; pass a path, bytes or str"
        raise ParseError(msg)
    if data is not None:
        if len(data) > MAX_SOURCE_BYTES:
            msg = f"the source is too large ({len(data)} bytes; the limit is {MAX_SOURCE_BYTES})"
            raise ParseError(msg)
        if kind is None:
            kind = sniff(data)
        if kind == "pdf":
            from govreport.parsers.pdf import parse_pdf  # noqa: PLC0415 - needs the pdf extra

            return parse_pdf(data, edition=edition, agency=agency, year=year, file_name=file_name)
        if kind in ("docx", "xlsx"):
            return _parse_office(data, kind, edition=edition, agency=agency, year=year, file_name=file_name)
        text = _decode(data, html=kind == "html")
    assert text is not None  # noqa: S101 - one of the branches above set it
    if kind in ("pdf", "docx", "xlsx"):
        msg = f"a {kind.upper()} file must be given as a path or bytes, not as str"
        raise ParseError(msg)
    if not text or text.isspace():
        msg = "the source is empty"
        raise ParseError(msg)
    if _looks_binary(text):
        msg = "the source is binary data, not text, HTML or PDF"
        raise ParseError(msg)
    if kind is None:
        kind = sniff(text[:4096].encode("utf-8", errors="replace"))
    if kind == "html":
        from govreport.parsers.html import parse_html  # noqa: PLC0415 - keeps the text path light

        return parse_html(text, edition=edition, agency=agency, year=year, file_name=file_name)
    if kind == "markdown":
        from govreport.parsers.markdown import parse_markdown  # noqa: PLC0415 - front ends load on demand

        return parse_markdown(text, edition=edition, agency=agency, year=year, file_name=file_name)
    from govreport.parsers.text import parse_text  # noqa: PLC0415 - front ends load on demand

    try:
        return parse_text(text, edition=edition, agency=agency, year=year, file_name=file_name)
    except ParseError as e:
        if isinstance(source, str) and _names_a_file(source):
            msg = f"{e}; a str is read as the report's content: pass pathlib.Path({source!r}) to read that file"
            raise ParseError(msg) from e
        raise


def _parse_office(
    data: bytes, kind: str, *, edition: str | None, agency: str | None, year: int | None, file_name: str | None
) -> ParseResult:
    if kind == "docx":
        from govreport.parsers.docx import parse_docx  # noqa: PLC0415 - needs the docx extra

        return parse_docx(data, edition=edition, agency=agency, year=year, file_name=file_name)
    from govreport.parsers.xlsx import parse_xlsx  # noqa: PLC0415 - needs the xlsx extra

    return parse_xlsx(data, edition=edition, agency=agency, year=year, file_name=file_name)


def _names_a_file(text: str) -> bool:
    if len(text) > 1024 or "\n" in text:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False
