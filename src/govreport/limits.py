"""The limits govreport puts on what it reads: one policy for the loader, the JSON Schema and the command line.

A report is small (10–60 kB of JSON, 200 cells, counts in the thousands); anything far beyond these limits is
not a report, and refusing it early, before any work that grows with it, keeps hostile input cheap. The loader
(:func:`govreport.loads`) and the shipped JSON Schema read the same constants, so both refuse the same documents
with the same finding at the same JSON Pointer. ``docs/reference/limits.md`` lists every limit with the finding or
error it gives.

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
    "MAX_YEAR",
    "MIN_YEAR",
]

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
