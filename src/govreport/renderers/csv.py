"""The ``csv`` renderer: the long ("tidy") form that analysts load into pandas, DuckDB or a spreadsheet.

One line per data cell (200 per 2021-edition report), in the edition's document order, with the columns
:data:`COLUMNS`: the report's agency, year and edition; the table's key and official heading; the row's key (its
path inside the table, dotted: ``outcomes.withheld.state_secret``) and official label; the column's key, official
label and unit; the cell's JSON Pointer; and the value, exact (``722.61``), blank when the cell is missing.

Many reports go into one file with :func:`render_many` (one header line, then every report's cells), or on the
command line with ``govreport render a.json b.json --to csv``.

The output is RFC 4180 CSV (comma, double quotes where needed, CRLF line ends), UTF-8. It is safe to open in a
spreadsheet: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and is not a plain
number, would be read as a formula there (CSV injection), so it is written with an apostrophe in front, as OWASP
recommends (``=1+2`` becomes ``'=1+2``). Report text reaches these cells unchecked: an agency name, or a title a
parser took for one. ``formula_guard=False`` (``govreport render --no-formula-guard``) writes every value exactly
as it is, for programs that read the file as data. ``excel=True`` adds a byte-order mark, so that Excel reads
UTF-8.

>>> import csv, io, govreport
>>> report = govreport.loads(govreport.example_document())
>>> cells = list(csv.DictReader(io.StringIO(govreport.render(report, "csv"))))
>>> len(cells), cells[9]["row_label"], cells[9]["column_label"], cells[9]["value"]
(200, '行政事业性收费', '本年收费金额（单位：万元）', '722.61')

With pandas, read the value column as text and convert it exactly: ``pandas.read_csv(path, dtype={"value":
str})``.

When ``findings`` are given (``govreport render --findings``), a last column ``findings`` lists, for each cell,
the findings that name it as ``rule:status`` separated by ``;``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from govreport.errors import RenderError
from govreport.findings import Finding
from govreport.limits import MAX_AGENCY_CHARS
from govreport.renderers._common import CellMarks, check_flag, check_options, document, mark_findings

__all__ = ["COLUMNS", "RENDERER", "CsvRenderer", "render_many", "rows"]

#: The header line of the long form.
COLUMNS = (
    "agency",
    "year",
    "edition",
    "table",
    "table_label",
    "row_key",
    "row_label",
    "column_key",
    "column_label",
    "unit",
    "pointer",
    "value",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def rows(report: Any) -> Iterator[tuple[str, ...]]:
    """The long-form rows of one report (without the header), in document order.

    Raises:
        RenderError: not a report.
    """
    doc = document(report)
    # The agency is on every line: one past the limit of a document (a report built in Python) would multiply.
    if len(doc.agency) > MAX_AGENCY_CHARS:
        msg = f"/agency: too long, at most {MAX_AGENCY_CHARS} characters, got {len(doc.agency)}"
        raise RenderError(msg)
    agency = doc.agency
    year = str(doc.report.year)
    for table in doc.edition.tables:
        for line, column in table.cells():
            ptr = line.cell_pointer(column)
            value = doc.value_text(ptr)
            yield (
                agency,
                year,
                doc.edition.name,
                table.key,
                table.heading,
                ".".join(line.path[1:]),
                line.label,
                column.key,
                column.label,
                column.unit,
                ptr,
                "" if value is None else value,
            )


def _guard(value: str) -> str:
    """``value`` with an apostrophe in front when a spreadsheet would read it as a formula (a number is kept)."""
    if value.startswith(_FORMULA_START) and _NUMBER.fullmatch(value) is None:
        return "'" + value
    return value


def _finding_column(marks: CellMarks, ptr: str) -> str:
    return ";".join(
        f"{marks.findings[n - 1].rule}:{marks.findings[n - 1].status.value}" for n in marks.notes.get(ptr, ())
    )


def _write(reports: Iterable[Any], *, excel: bool, formula_guard: bool, findings: Sequence[Any] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS if findings is None else (*COLUMNS, "findings"))
    for i, report in enumerate(reports):
        marks = None
        if findings is not None:
            if i >= len(findings):
                msg = f"report {i}: no findings given for it (findings has {len(findings)} items)"
                raise RenderError(msg)
            marks = mark_findings(findings[i])
        try:
            body = list(rows(report))
        except RenderError as e:
            msg = f"report {i}: {e}"
            raise RenderError(msg) from e
        if marks is not None:
            body = [(*row, _finding_column(marks, row[10])) for row in body]
        if formula_guard:
            body = [tuple(_guard(v) for v in row) for row in body]
        writer.writerows(body)
    text = buffer.getvalue()
    return ("\ufeff" + text) if excel else text


def render_many(
    reports: Iterable[Any],
    *,
    excel: bool = False,
    formula_guard: bool = True,
    findings: Sequence[Iterable[Finding]] | None = None,
) -> str:
    """Every cell of every report in ``reports`` as one long-form CSV text with one header line.

    Args:
        reports: :class:`govreport.Report` objects, of any agencies and years.
        excel: add a UTF-8 byte-order mark.
        formula_guard: put an apostrophe in front of a cell that a spreadsheet would read as a formula (the
            default); ``False`` writes every value exactly as it is.
        findings: for each report, its findings (e.g. ``validate(report).findings``): adds the ``findings``
            column.

    Returns:
        The CSV text.

    Raises:
        RenderError: an item is not a report (the message says which, counting from 0).
    """
    if isinstance(reports, str | bytes) or not isinstance(reports, Iterable):
        msg = f"render_many takes an iterable of reports, not {type(reports).__name__}"
        raise RenderError(msg)
    check_flag("csv", "excel", excel)
    check_flag("csv", "formula_guard", formula_guard)
    if findings is not None and (isinstance(findings, str | bytes) or not isinstance(findings, Sequence)):
        msg = f"findings must be a sequence with the findings of each report, not {type(findings).__name__}"
        raise RenderError(msg)
    return _write(reports, excel=excel, formula_guard=formula_guard, findings=findings)


class CsvRenderer:
    """Renders a report as long-form CSV, one line per cell."""

    name = "csv"
    media_type = "text/csv"
    binary = False
    suffix = ".csv"

    def render(self, report: Any, **options: Any) -> str:
        """Render ``report`` as long-form CSV.

        Args:
            report: a :class:`govreport.Report`.
            **options: ``excel``, ``formula_guard``, ``findings`` (see the module docs).

        Returns:
            The CSV text.

        Raises:
            RenderError: not a report, or a bad option.
        """
        check_options(self.name, options, ("excel", "formula_guard", "findings"))
        excel = check_flag(self.name, "excel", options.get("excel", False))
        formula_guard = check_flag(self.name, "formula_guard", options.get("formula_guard", True))
        findings = options.get("findings")
        if findings is not None:
            mark_findings(findings)  # a bad findings argument is named as such, not as "report 0"
        try:
            return _write(
                [report], excel=excel, formula_guard=formula_guard, findings=None if findings is None else [findings]
            )
        except RenderError as e:
            raise RenderError(str(e).removeprefix("report 0: ")) from e.__cause__


RENDERER = CsvRenderer()
