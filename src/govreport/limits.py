"""The limits govreport puts on what it reads: the one place for every limit of the loader, the JSON Schema, the
parsers and the command line.

A report is small (10–60 kB of JSON, 200 cells, counts in the thousands); anything far beyond these limits is
not a report, and refusing it early, before any work that grows with it, keeps hostile input cheap. The loader
(:func:`govreport.loads`) and the shipped JSON Schema read the same constants, so both refuse the same documents
with the same finding at the same JSON Pointer. The parsers' limits (a published report is 10 kB – 2 MB, about
2,000 lines, 1,000 table cells, 5–30 pages) are checked while the work proceeds; :mod:`govreport.parsers` exports
them under the same names. ``docs/reference/limits.md`` lists every limit with the finding or error it gives.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MAX_AGENCY_CHARS",
    "MAX_AMOUNT",
    "MAX_COUNT",
    "MAX_DOCUMENT_BYTES",
    "MAX_DOCUMENT_CHARS",
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
    "MAX_YEAR",
    "MIN_YEAR",
]

# --- report documents (the loader and the JSON Schema) ---------------------------------------------------------

#: The largest count a cell may hold: fifteen digits, the most that a spreadsheet's and JavaScript's binary
#: doubles hold exactly, so every count govreport accepts means the same number in every tool. A real count is
#: below a million. Larger values are refused with ``schema.range`` at the cell's pointer (schema: ``maximum``).
MAX_COUNT: Final = 10**15 - 1
#: The largest amount (the fee, in 万元) a cell may hold; the same fifteen digits before the decimal point.
MAX_AMOUNT: Final = 10**15 - 1
#: The earliest and the latest statistics year (``schema.range``).
MIN_YEAR: Final = 1000
MAX_YEAR: Final = 9999
#: The longest agency name, in characters (``schema.maxLength``). Real names have 4–40; the name is repeated on
#: each of the 200 lines of the CSV long form, so its length multiplies the size of that output.
MAX_AGENCY_CHARS: Final = 200
#: The largest document the loader reads, in characters (``json.too_large``).
MAX_DOCUMENT_CHARS: Final = 8 * 1024 * 1024
#: The largest document file or JSON Lines record, in bytes: four bytes per character, UTF-8's worst case.
MAX_DOCUMENT_BYTES: Final = 4 * MAX_DOCUMENT_CHARS

# --- published sources (the parsers) ----------------------------------------------------------------------------

#: The largest source :func:`govreport.parsers.parse` reads, in bytes (or characters for ``str``). Published
#: reports are 10 kB – 2 MB (PDFs with images more).
MAX_SOURCE_BYTES: Final = 32 * 1024 * 1024
#: Lines (or HTML paragraphs and cells, Word paragraphs and cells, workbook cells) a source may have: a long report
#: has about 2,000.
MAX_ITEMS: Final = 50_000
#: Cells and words the tables of 二, 三 and 四 may flatten into: a report has about 1,000.
MAX_TABLE_TOKENS: Final = 10_000
#: Tags an HTML page may have: a report page has about 2,000, one with a large site around it 20,000.
MAX_HTML_TAGS: Final = 200_000
#: Inline marks taken out of a Markdown source (backslash escapes, ``<br>`` tags, ``**`` emphasis), all lines
#: together: a report has a few hundred. Each costs a step of Python, so 30 MB of them would cost a minute.
MAX_INLINE_MARKS: Final = 100_000
#: HTML tables nested in one another that are read as tables; deeper ones are read as paragraphs.
MAX_TABLE_DEPTH: Final = 64
#: Unknown table labels per document compared with the official ones for typos (the comparison is not cheap);
#: later ones are reported without it.
MAX_LABEL_COMPARISONS: Final = 300
#: Readings of one table row tried against the declared relations (which values go in which cells, how a run of
#: digits splits into cells), counted as they are made (those of a row with more values than columns before any is
#: made): a row beyond it is not read, and says so.
MAX_READINGS: Final = 20_000
#: Numbers tried while one row's runs of digits (crawler text, its cells run together) are split into its cells,
#: counted as they are tried: a row of long runs has more splits than can be checked in time; beyond it the row
#: is not read, and says so (about 2 ms a row).
MAX_SPLITS: Final = 2_000
#: Pages of a PDF that are read; annual reports have 5–30.
MAX_PAGES: Final = 400
#: Bytes of page content (decoded content streams) read from a PDF, all pages together: a page of text has 5–50 kB.
#: Reading a page costs time in proportion to its content, so this bounds the work a PDF can cause.
MAX_PDF_CONTENT_BYTES: Final = 2 * 1024 * 1024
#: Content-stream operators interpreted while extracting a PDF's text, all pages together (forms included): a page
#: of text has 200–2,000.
MAX_PDF_OPERATORS: Final = 200_000
#: Bytes an Office package (DOCX, XLSX) may hold once unpacked, all members together, by the sizes its ZIP
#: directory declares (a member is never read past its declared size): a report's package unpacks to 50 kB – 5 MB
#: (more with pictures). A ZIP bomb unpacks to gigabytes from a few kilobytes, and is refused before it is read.
MAX_PACKAGE_BYTES: Final = 64 * 1024 * 1024
#: Members an Office package may have: a document has 10–40.
MAX_PACKAGE_MEMBERS: Final = 2_000
#: Tags (elements, counted as ``<``) the XML parts of an Office package may hold, all parts together, counted
#: before python-docx or openpyxl parses them: each becomes an object in memory. The official templates have about
#: 30,000; a document of 4 million empty paragraphs or a workbook of 3 million shared strings is refused here.
MAX_PACKAGE_TAGS: Final = 1_000_000
#: Tags one XML part of an Office package may hold when it is not the body (``word/document.xml``) or a sheet:
#: styles, themes, shared strings, properties. Their libraries build costlier objects per tag (openpyxl spends
#: tens of microseconds on a style record); the official templates' largest such part has about 12,000.
MAX_PART_TAGS: Final = 100_000
#: Cells a workbook's sheets may hold, all sheets together (counted in the sheet XML before the workbook is
#: loaded, merged ranges by the cells they cover): the official template has about 300.
MAX_SHEET_CELLS: Final = 100_000
#: Cells reading a workbook may visit, all sheets together: its cells, the cells merged ranges cover and the cells
#: formulas add (a template visits about 1,000). A few cells can name a vast area (a cell in ``XFD1048576``, a
#: merged range over a whole sheet); this bounds the work that area could cause.
MAX_SHEET_WORK: Final = 4 * MAX_SHEET_CELLS
#: Characters of one Excel formula that is computed (the template's longest has about 60).
MAX_FORMULA_CHARS: Final = 2_000
#: Cells one range of an Excel formula may add (a table has a few hundred).
MAX_FORMULA_RANGE_CELLS: Final = 10_000
#: Formulas a formula may depend on through one another, one inside the other (the template's totals go 3 deep).
MAX_FORMULA_DEPTH: Final = 100
