"""The parsers' limits, kept in :mod:`govreport.limits` (the one place for every limit) and re-exported here and by
:mod:`govreport.parsers` under the same names."""

from __future__ import annotations

from govreport.limits import (
    MAX_FORMULA_CHARS,
    MAX_FORMULA_DEPTH,
    MAX_FORMULA_RANGE_CELLS,
    MAX_HTML_TAGS,
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
    MAX_TABLE_DEPTH,
    MAX_TABLE_TOKENS,
)

__all__ = [
    "MAX_FORMULA_CHARS",
    "MAX_FORMULA_DEPTH",
    "MAX_FORMULA_RANGE_CELLS",
    "MAX_HTML_TAGS",
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
    "MAX_TABLE_DEPTH",
    "MAX_TABLE_TOKENS",
]
