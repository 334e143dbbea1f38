"""The parsers' limits: how much of a source they read before they refuse it, checked while the work proceeds.

A published report is small (10 kB – 2 MB, about 2,000 lines, 1,000 table cells, 5–30 pages); input far beyond
these limits is not a report, and refusing it early keeps hostile input cheap in time and memory.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MAX_HTML_TAGS",
    "MAX_ITEMS",
    "MAX_PACKAGE_BYTES",
    "MAX_PACKAGE_MEMBERS",
    "MAX_PAGES",
    "MAX_PDF_CONTENT_BYTES",
    "MAX_PDF_OPERATORS",
    "MAX_READINGS",
    "MAX_SHEET_CELLS",
    "MAX_SPLITS",
    "MAX_TABLE_TOKENS",
]

#: Lines (or HTML paragraphs and cells) a source may have: a long report has about 2,000.
MAX_ITEMS: Final = 50_000
#: Cells and words the tables of 二, 三 and 四 may flatten into: a report has about 1,000.
MAX_TABLE_TOKENS: Final = 10_000
#: Tags an HTML page may have: a report page has about 2,000, one with a large site around it 20,000.
MAX_HTML_TAGS: Final = 200_000
#: Pages of a PDF that are read; annual reports have 5–30.
MAX_PAGES: Final = 400
#: Bytes of page content (decoded content streams) read from a PDF, all pages together: a page of text has 5–50 kB.
#: Reading a page costs time in proportion to its content, so this bounds the work a PDF can cause.
MAX_PDF_CONTENT_BYTES: Final = 2 * 1024 * 1024
#: Content-stream operators interpreted while extracting a PDF's text, all pages together (forms included): a page
#: of text has 200–2,000.
MAX_PDF_OPERATORS: Final = 200_000
#: Readings of one table row tried against the declared relations (which values go in which cells, how a run of
#: digits splits into cells), counted as they are made: a row beyond it is not read, and says so.
MAX_READINGS: Final = 20_000
#: Numbers tried while one row's runs of digits (crawler text, its cells run together) are split into its cells,
#: counted as they are tried: a row of long runs has more splits than can be checked in time; beyond it the row
#: is not read, and says so (about 2 ms a row).
MAX_SPLITS: Final = 2_000
#: Bytes an Office package (DOCX, XLSX) may hold once unpacked, all members together, by the sizes its ZIP
#: directory declares (a member is never read past its declared size): a report's package unpacks to 50 kB – 5 MB
#: (more with pictures). A ZIP bomb unpacks to gigabytes from a few kilobytes, and is refused before it is read.
MAX_PACKAGE_BYTES: Final = 64 * 1024 * 1024
#: Members an Office package may have: a document has 10–40.
MAX_PACKAGE_MEMBERS: Final = 2_000
#: Cells a workbook's sheets may hold, all sheets together (counted in the sheet XML before the workbook is
#: loaded): the official template has about 300.
MAX_SHEET_CELLS: Final = 100_000
