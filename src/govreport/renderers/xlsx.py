"""The ``xlsx`` renderer: an Excel workbook in the official layout, as an agency would print or publish it.

Needs openpyxl: ``pip install 'govreport[xlsx]'``.

The workbook has one sheet for the text (``正文``: title, metadata, preamble and the prose sections 一, 五 and
六) and one sheet per table, named by the table's heading, drawn from the edition's grid with the official
merged cells, thin borders, wrapped labels and A4 print setup (landscape and fit to width for the wide tables).
Counts are numbers; amounts are numbers with as many decimals as published (``722.61``). A value that a
spreadsheet could not hold exactly (more than 15 significant digits) is written as text, never rounded. A
missing cell shows ``—``, never ``0``.

Options:
    findings: findings to show: the cells they name are coloured (fail red, involved orange, not assessable
        yellow, missing grey) and carry a comment with the rule, message, expected and actual value; a last
        sheet lists every finding.
    lang: language of the finding messages, ``"zh"`` (default) or ``"en"``.

The output is byte-identical for the same report (fixed package dates, see
:func:`govreport.renderers._ooxml.deterministic`).
"""

from __future__ import annotations

import io
import math
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from govreport.editions import TableSpec
from govreport.renderers._common import (
    MISSING_MARK,
    CellMarks,
    Document,
    Placed,
    check_lang,
    check_options,
    document,
    finding_summary,
    mark_findings,
    place,
    severity_word,
)
from govreport.renderers._ooxml import deterministic
from govreport.renderers.text import display_width

__all__ = ["RENDERER", "XlsxRenderer"]

_TEXT_SHEET = "正文"
_FINDINGS = {"zh": "审查发现", "en": "Findings"}
_THIN = Side(style="thin", color="444444")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILLS = {
    "fail": PatternFill("solid", fgColor="FDE0DE"),
    "involved": PatternFill("solid", fgColor="FFF1DC"),
    "not_assessable": PatternFill("solid", fgColor="FFF9C4"),
    "missing": PatternFill("solid", fgColor="E9E9E9"),
}
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_TEXT_WIDTH = 8  # columns of the text sheet
_TEXT_COL = 12.0  # their width in character units
_CHUNK = 1000  # characters of prose per cell: Excel caps a cell at 32767 and a row at 409 points
_EXACT_DIGITS = 15  # what a spreadsheet's binary double holds exactly


def _cell_value(value: int | Decimal, text: str) -> tuple[int | Decimal | str, str | None]:
    """The value to store and its number format: a number when a double holds it exactly, else the text."""
    if isinstance(value, Decimal):
        digits = len(value.as_tuple().digits)
        exponent = value.as_tuple().exponent
        if digits > _EXACT_DIGITS or not isinstance(exponent, int) or abs(exponent) > _EXACT_DIGITS:
            return text, None
        places = max(0, -exponent)
        return value, ("0." + "0" * places) if places else "0"
    if abs(value) >= 10**_EXACT_DIGITS:
        return text, None
    return value, "0"


def _set_text(ws: Worksheet, row: int, col: int, text: str) -> Any:
    cell = ws.cell(row=row, column=col, value=text)
    # openpyxl reads a string that starts with "=" as a formula; report text is never one.
    cell.data_type = "s"
    return cell


def _lines(text: str, width: float) -> int:
    return max(1, math.ceil(display_width(text) / max(1.0, width)))


class XlsxRenderer:
    """Renders a report as an XLSX workbook with the official merged-cell tables."""

    name = "xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    binary = True
    suffix = ".xlsx"

    def render(self, report: Any, **options: Any) -> bytes:
        """Render ``report`` as an XLSX workbook.

        Args:
            report: a :class:`govreport.Report`.
            **options: ``findings``, ``lang`` (see the module docs).

        Returns:
            The workbook's bytes.

        Raises:
            RenderError: not a report, or a bad option.
        """
        check_options(self.name, options, ("findings", "lang"))
        lang = check_lang(self.name, options.get("lang", "zh"))
        doc = document(report)
        marks = mark_findings(options.get("findings"))
        wb = Workbook()
        text_sheet = wb.active
        assert text_sheet is not None  # noqa: S101 - a new workbook always has a sheet
        text_sheet.title = _TEXT_SHEET
        _text_sheet(text_sheet, doc)
        for _number, _heading, spec in doc.sections:
            if isinstance(spec, TableSpec):
                _table_sheet(wb.create_sheet(spec.heading[:31]), doc, marks, spec, lang)
        if marks.findings:
            _findings_sheet(wb.create_sheet(_FINDINGS[lang]), marks, lang)
        wb.properties.creator = "govreport"
        wb.properties.lastModifiedBy = "govreport"
        if doc.title is not None:
            wb.properties.title = doc.title
        buffer = io.BytesIO()
        wb.save(buffer)
        return deterministic(buffer.getvalue())


#: The findings sheet's columns: (Chinese header, English header, width).
_FINDING_COLUMNS = (
    ("序号", "No.", 6),
    ("严重程度", "severity", 10),
    ("规则", "rule", 28),
    ("状态", "status", 14),
    ("单元格", "cell", 44),
    ("说明", "message", 90),
    ("应为", "expected", 12),
    ("实为", "actual", 12),
    ("差额", "difference", 12),
)


#: A finding's status in each language but English.
_STATUS_WORDS = {"zh": {"fail": "不成立", "not_assessable": "无法评估"}}


def _findings_sheet(ws: Worksheet, marks: CellMarks, lang: str) -> None:
    """One row per finding under a header row, one column per field; numbers stay numbers."""
    for col, (zh, en, width) in enumerate(_FINDING_COLUMNS, start=1):
        _set_text(ws, 1, col, en if lang == "en" else zh).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    for n, f in enumerate(marks.findings, start=1):
        row = n + 1
        ws.cell(row=row, column=1, value=n)
        status = _STATUS_WORDS.get(lang, {}).get(f.status.value, f.status.value)
        texts = (
            severity_word(f, lang),
            f.rule,
            status,
            f.pointers[0] if f.pointers else "",
            f.message_in(lang),
        )
        for col, text in enumerate(texts, start=2):
            _set_text(ws, row, col, text).alignment = Alignment(wrap_text=col == 6, vertical="top")
        for col, value in enumerate((f.expected, f.actual, f.difference), start=7):
            if isinstance(value, int | Decimal) and not isinstance(value, bool):
                ws.cell(row=row, column=col, value=value)
            elif value is not None:
                _set_text(ws, row, col, str(value))


def _text_sheet(ws: Worksheet, doc: Document) -> None:
    for c in range(1, _TEXT_WIDTH + 1):
        ws.column_dimensions[get_column_letter(c)].width = _TEXT_COL
    line_width = _TEXT_WIDTH * _TEXT_COL
    row = 1

    def put(text: str, *, bold: bool = False, size: float = 11) -> None:
        nonlocal row
        cell = _set_text(ws, row, 1, text)
        cell.font = Font(bold=bold, size=size)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=_TEXT_WIDTH)
        # 18 points a line at 11 points: CJK fonts (Noto, SimSun) need more leading than Calibri.
        ws.row_dimensions[row].height = min(409, 18 * size / 11 * _lines(text, line_width * 0.9) + 4)
        row += 1

    def prose(text: str) -> None:
        for paragraph in text.split("\n"):
            if not paragraph.strip():
                continue
            for i in range(0, len(paragraph), _CHUNK):
                put(paragraph[i : i + _CHUNK])

    put(doc.heading, bold=True, size=14)
    for label, value in doc.meta:
        put(f"{label}：{value}")
    if doc.preamble is not None:
        prose(doc.preamble)
    for _number, heading, spec in doc.sections:
        if isinstance(spec, TableSpec):
            continue
        put(heading, bold=True, size=12)
        prose(doc.prose(spec))
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True


def _label_cell(ws: Worksheet, r: int, c: int, p: Placed, widths: list[float]) -> None:
    cell = p.cell
    target = _set_text(ws, r, c, cell.text or "")
    horizontal = "left" if cell.scope in ("row", "rowgroup") else "center"
    target.alignment = Alignment(wrap_text=True, vertical="center", horizontal=horizontal)
    target.fill = _HEADER_FILL
    if cell.colspan == 1:
        widths[p.col] = max(widths[p.col], min(36.0, display_width(cell.text or "") + 2.0))


def _value_cell(
    ws: Worksheet, r: int, c: int, p: Placed, *, widths: list[float], doc: Document, marks: CellMarks, lang: str
) -> None:
    ptr = p.cell.pointer or ""
    value = doc.cells[ptr]
    text = doc.value_text(ptr)
    if value is None or text is None:
        target = _set_text(ws, r, c, MISSING_MARK)
        target.alignment = Alignment(horizontal="center", vertical="center")
    else:
        stored, number_format = _cell_value(value, text)
        if isinstance(stored, str):
            target = _set_text(ws, r, c, stored)
        else:
            target = ws.cell(row=r, column=c, value=stored)
            target.number_format = number_format or "General"
        target.alignment = Alignment(horizontal="right", vertical="center")
        if p.cell.colspan == 1:
            widths[p.col] = max(widths[p.col], display_width(text) + 2.0)
    role = marks.role(ptr)
    if role is not None:
        target.fill = _FILLS[role]
    numbers = marks.notes.get(ptr, ())
    if numbers:
        note = "\n".join(f"[{n}] {finding_summary(marks.findings[n - 1], lang)}" for n in numbers)
        target.comment = Comment(note, "govreport", width=360, height=160)


def _table_sheet(ws: Worksheet, doc: Document, marks: CellMarks, table: TableSpec, lang: str) -> None:
    top = 3  # row 1: the heading; row 2: blank
    heading = _set_text(ws, 1, 1, table.heading)
    heading.font = Font(bold=True, size=12)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=table.width)
    widths = [6.0] * table.width
    placed = place(table)
    for row in placed:
        for p in row:
            r, c = top + p.row, 1 + p.col
            if p.cell.pointer is None:
                _label_cell(ws, r, c, p, widths)
            else:
                _value_cell(ws, r, c, p, widths=widths, doc=doc, marks=marks, lang=lang)
            for dr in range(p.cell.rowspan):
                for dc in range(p.cell.colspan):
                    ws.cell(row=r + dr, column=c + dc).border = _BORDER
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=top + p.last_row, end_column=1 + p.last_col)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    # Rows whose labels wrap need room: Excel does not size rows with merged or wrapped cells by itself.
    for row in placed:
        lines = 1
        for p in row:
            if p.cell.pointer is None and p.cell.rowspan == 1:
                span_width = sum(widths[p.col : p.last_col + 1])
                lines = max(lines, _lines(p.cell.text or "", span_width - 1))
        ws.row_dimensions[top + row[0].row].height = 15 * lines + 2
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if table.width > 4 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True


RENDERER = XlsxRenderer()
