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
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from govreport._defaults import DEFAULT_EDITION
from govreport.editions import Edition, TableSpec, get_edition
from govreport.limits import MAX_YEAR, MIN_YEAR
from govreport.renderers._common import (
    MISSING_MARK,
    CellMarks,
    Document,
    Placed,
    blank_document,
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
from govreport.rules import EquationRule, Term

__all__ = ["RENDERER", "XlsxRenderer", "formula", "template", "template_cells", "total_formulas"]

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
_TOTAL_FILL = PatternFill("solid", fgColor="DDEBF7")  # the computed cells of a template
_TEXT_WIDTH = 8  # columns of the text sheet
_TEXT_COL = 12.0  # their width in character units
_CHUNK = 1000  # characters of prose per cell: Excel caps a cell at 32767 and a row at 409 points
_EXACT_DIGITS = 15  # what a spreadsheet's binary double holds exactly
_TOP = 3  # the first row of a table on its sheet (row 1: the heading; row 2: blank)


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
                _table_sheet(wb.create_sheet(_sheet_name(spec)), doc, marks, spec, lang)
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


def _table_sheet(
    ws: Worksheet, doc: Document, marks: CellMarks, table: TableSpec, lang: str, *, form: _Form | None = None
) -> None:
    top = _TOP
    heading = _set_text(ws, 1, 1, table.heading)
    heading.font = Font(bold=True, size=12)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=table.width)
    widths = [6.0] * table.width
    placed = place(table)
    at = _positions(placed)
    for row in placed:
        for p in row:
            r, c = top + p.row, 1 + p.col
            if p.cell.pointer is None:
                _label_cell(ws, r, c, p, widths)
            elif form is not None:
                _form_cell(ws, r, c, p, form=form, at=at, widths=widths)
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


# --- the authoring template ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Form:
    """What a template's table sheets need: the formula of each computed cell, the validation of each input."""

    edition: Edition
    formulas: Mapping[str, tuple[Term, ...]]
    counts: DataValidation
    amounts: DataValidation


def total_formulas(edition: Edition) -> dict[str, tuple[Term, ...]]:
    """The cells an authoring template computes, each with the terms it adds up, from ``edition``'s equations.

    An equation of the edition's rules defines a cell when its checked side is that one cell of this year's report,
    and its other side adds cells of this year's report in the same table (the row totals, （七）总计, the totals of
    table 四). The first equation that defines a cell is its formula; one that would make the formulas refer to
    each other in a cycle is left out, and so are equations with two cells on the checked side (the balance of
    table 三) and equations over last year's report: those are checks, not totals.
    """
    table_of = {line.cell_pointer(c): t.key for t in edition.tables for line, c in t.cells()}
    formulas: dict[str, tuple[Term, ...]] = {}

    def reaches(start: str, target: str) -> bool:
        todo, seen = [start], set()
        while todo:
            ptr = todo.pop()
            if ptr == target:
                return True
            if ptr not in seen:
                seen.add(ptr)
                todo.extend(t.pointer for t in formulas.get(ptr, ()))
        return False

    for rule in edition.rules:
        if not isinstance(rule, EquationRule):
            continue
        for eq in rule.equations:
            if len(eq.actual) != 1 or eq.actual[0].coefficient != 1 or not eq.expected:
                continue
            total = eq.actual[0].pointer
            table = table_of.get(total)
            if (
                eq.actual[0].previous
                or total in formulas
                or table is None
                or any(t.previous or abs(t.coefficient) != 1 or table_of.get(t.pointer) != table for t in eq.expected)
                or any(reaches(t.pointer, total) for t in eq.expected)
            ):
                continue
            formulas[total] = eq.expected
    return formulas


def _positions(placed: list[list[Placed]]) -> dict[str, tuple[int, int]]:
    """Where each data cell of a table sheet is: pointer → 1-based row and column."""
    return {p.cell.pointer: (_TOP + p.row, 1 + p.col) for row in placed for p in row if p.cell.pointer is not None}


def template_cells(edition: str = DEFAULT_EDITION) -> dict[str, tuple[str, str]]:
    """Where each data cell of ``edition`` is in its :func:`template` (and in every render): JSON Pointer →
    (sheet name, cell reference such as ``"D6"``). Programs that fill a template in use it.

    >>> template_cells()["/requests/received/natural_persons"][1]
    'D6'
    """
    out: dict[str, tuple[str, str]] = {}
    for table in get_edition(edition).tables:
        for ptr, (row, col) in _positions(place(table)).items():
            out[ptr] = (_sheet_name(table), f"{get_column_letter(col)}{row}")
    return out


def _sheet_name(table: TableSpec) -> str:
    return table.heading[:31]  # Excel's limit


def _refs(cells: list[tuple[int, int]]) -> list[str]:
    """Cells as references, runs of neighbours in a row or a column joined into ranges (``C5:H5``)."""
    out: list[str] = []
    i = 0
    while i < len(cells):
        r, c = cells[i]
        j = i
        while j + 1 < len(cells) and cells[j + 1] == (r, cells[j][1] + 1):
            j += 1
        if j == i:
            while j + 1 < len(cells) and cells[j + 1] == (cells[j][0] + 1, c):
                j += 1
        last = cells[j]
        first_ref = f"{get_column_letter(c)}{r}"
        out.append(first_ref if j == i else f"{first_ref}:{get_column_letter(last[1])}{last[0]}")
        i = j + 1
    return out


def formula(terms: tuple[Term, ...], at: Mapping[str, tuple[int, int]]) -> str:
    """The Excel formula adding ``terms`` (cells at ``at``: pointer → 1-based row and column): ``=SUM(C5:H5)``."""
    plus = [at[t.pointer] for t in terms if t.coefficient > 0]
    minus = [at[t.pointer] for t in terms if t.coefficient < 0]
    text = f"=SUM({','.join(_refs(plus))})" if plus else "=0"
    return text + "".join(f"-{ref}" for ref in _refs(minus))


def _form_cell(
    ws: Worksheet, r: int, c: int, p: Placed, *, form: _Form, at: Mapping[str, tuple[int, int]], widths: list[float]
) -> None:
    ptr = p.cell.pointer or ""
    terms = form.formulas.get(ptr)
    target = ws.cell(row=r, column=c)
    found = form.edition.cell(ptr)
    amount = found is not None and found[1].kind == "amount"
    target.number_format = "0.00" if amount else "0"
    target.alignment = Alignment(horizontal="right", vertical="center")
    if terms is not None:
        target.value = formula(terms, at)
        target.fill = _TOTAL_FILL
        target.font = Font(bold=True)
    else:
        target.protection = Protection(locked=False)
        (form.amounts if amount else form.counts).add(target)
    if p.cell.colspan == 1:
        widths[p.col] = max(widths[p.col], 10.0)


def _validation(kind: str) -> DataValidation:
    whole = kind == "whole"
    return DataValidation(
        type="whole" if whole else "decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle="govreport",
        error="请填写非负整数；无数据的单元格留空（不要填 0）" if whole else "请填写非负数（万元）；无数据请留空",
        promptTitle="govreport",
        prompt="件数：非负整数；空白表示缺失，不等于 0" if whole else "金额（万元）：非负数；空白表示缺失",
    )


def _input_row(ws: Worksheet, row: int, label: str, *, height: float = 18) -> None:
    """A row of the template's text sheet: a locked label and an unlocked input cell across the other columns."""
    cell = _set_text(ws, row, 1, f"{label}：")
    cell.font = Font(bold=True)
    cell.alignment = Alignment(vertical="top")
    cell.fill = _HEADER_FILL
    target = ws.cell(row=row, column=2)
    target.protection = Protection(locked=False)
    target.alignment = Alignment(wrap_text=True, vertical="top")
    target.border = _BORDER
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=_TEXT_WIDTH)
    ws.row_dimensions[row].height = height


def _template_text_sheet(ws: Worksheet, edition: Edition) -> None:
    for c in range(1, _TEXT_WIDTH + 1):
        ws.column_dimensions[get_column_letter(c)].width = _TEXT_COL
    ws.column_dimensions["A"].width = 16
    row = 1
    for key in ("title", "agency", "year"):  # what the metadata reader finds by the fields' labels
        field = next((f for f in edition.fields if f.key == key), None)
        if field is not None:
            _input_row(ws, row, field.label)
            row += 1
    year = next((f for f in edition.fields if f.kind == "year"), None)
    if year is not None:
        year_cell = ws.cell(row=row - 1, column=2)
        check = DataValidation(type="whole", operator="between", formula1=str(MIN_YEAR), formula2=str(MAX_YEAR))
        ws.add_data_validation(check)
        check.add(year_cell)
    for field in sorted((f for f in edition.fields if f.section is not None), key=lambda f: f.section or 0):
        if field.kind != "prose":
            continue
        heading = _set_text(ws, row, 1, field.label)
        heading.font = Font(bold=True, size=12)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=_TEXT_WIDTH)
        row += 1
        target = ws.cell(row=row, column=1)
        target.protection = Protection(locked=False)
        target.alignment = Alignment(wrap_text=True, vertical="top")
        target.border = _BORDER
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=_TEXT_WIDTH)
        ws.row_dimensions[row].height = 160
        row += 1
    ws.protection.sheet = True
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def template(edition: str = DEFAULT_EDITION) -> bytes:
    """The blank official template of ``edition`` as an XLSX workbook, for an agency to fill in.

    The text sheet has a row for the title, the agency and the year and a box for each prose section; each table
    has its sheet in the official merged-cell layout. The cells an agency fills in are unlocked and checked as
    they are typed (counts are whole numbers ≥ 0, the fee a number ≥ 0, the year a year); the totals are formulas
    (:func:`total_formulas`, from the edition's declared equations), so the sheet adds up as the agency types.
    Every sheet is protected **without a password** (Excel: Review → Unprotect Sheet), so only the input cells
    take typing. :func:`govreport.parse` reads the filled-in workbook back, computing the formulas where no
    spreadsheet program has cached their values.

    >>> from openpyxl import load_workbook
    >>> book = load_workbook(io.BytesIO(template()))
    >>> book.worksheets[0].protection.sheet
    True

    Raises:
        UnknownEditionError: no edition of that name is registered.
    """
    ed = get_edition(edition)
    form = _Form(edition=ed, formulas=total_formulas(ed), counts=_validation("whole"), amounts=_validation("decimal"))
    doc = blank_document(ed)
    wb = Workbook()
    text_sheet = wb.active
    assert text_sheet is not None  # noqa: S101 - a new workbook always has a sheet
    text_sheet.title = _TEXT_SHEET
    _template_text_sheet(text_sheet, ed)
    marks = mark_findings(None)
    for table in ed.tables:
        ws = wb.create_sheet(_sheet_name(table))
        form = attrs.evolve(form, counts=_validation("whole"), amounts=_validation("decimal"))
        ws.add_data_validation(form.counts)
        ws.add_data_validation(form.amounts)
        _table_sheet(ws, doc, marks, table, "zh", form=form)
        ws.protection.sheet = True
    wb.properties.creator = "govreport"
    wb.properties.lastModifiedBy = "govreport"
    buffer = io.BytesIO()
    wb.save(buffer)
    return deterministic(buffer.getvalue())


RENDERER = XlsxRenderer()
