"""The ``docx`` renderer: a Word document in the official layout, as an agency would publish it.

Needs python-docx: ``pip install 'govreport[docx]'``.

The document has the title, the metadata, the preamble, and the six sections in order; the prose of 一, 五 and
六 as paragraphs, and tables 二, 三 and 四 drawn from the edition's grid with the official merged cells (Word's
"Table Grid" style, labels verbatim, numbers exact and right-aligned, a missing cell ``—``, never ``0``). The
body font is SimSun for Chinese and Times New Roman for Latin text, as in published reports.

A table of more than five columns (三 and 四) is on A4 landscape pages, in a section of its own; the pages after
it are portrait again. The header rows of a table of one block (三, 四) repeat at the top of every page it runs
over (``w:tblHeader``), and no row is cut by a page break (``w:cantSplit``). Each column is at least as wide as
its values and its short labels need on one line (``其他``, ``总计``; longer labels wrap), and the rest of the
width is shared by what the columns hold.

:func:`template` writes the blank form an agency fills in (see the how-to *Fill in the official template*).

Options:
    findings: findings to show: the cells they name are shaded (fail red, involved orange, not assessable
        yellow, missing grey) and carry ``[n]`` footnote numbers; the findings are listed at the end.
    lang: language of the finding messages, ``"zh"`` (default) or ``"en"``.

The output is byte-identical for the same report (fixed package dates, see
:func:`govreport.renderers._ooxml.deterministic`).
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from govreport._defaults import DEFAULT_EDITION
from govreport.editions import TableSpec, get_edition
from govreport.renderers._common import (
    MISSING_MARK,
    CellMarks,
    Document,
    Placed,
    blank_document,
    block_title_rows,
    check_lang,
    check_options,
    document,
    finding_summary,
    mark_findings,
    place,
)
from govreport.renderers._ooxml import deterministic
from govreport.renderers.text import display_width

__all__ = ["RENDERER", "DocxRenderer", "template"]

_FINDINGS = {"zh": "审查发现", "en": "Findings"}
_SHADES = {"fail": "FDE0DE", "involved": "FFF1DC", "not_assessable": "FFF9C4", "missing": "E9E9E9"}
_HEADER_SHADE = "F2F2F2"
_EAST_ASIAN = "SimSun"
_LATIN = "Times New Roman"
_HEADING_EAST_ASIAN = "SimHei"
_MARGIN_MM = 20
_TEXT_WIDTH_MM = 210 - 2 * _MARGIN_MM
_LANDSCAPE_WIDTH_MM = 297 - 2 * _MARGIN_MM
_PORTRAIT_COLUMNS = 5  # a table of more columns is drawn on landscape pages
_HALF_WIDTH_MM = 9 * 25.4 / 72 / 2  # one display column (half a CJK character) at the table's 9 points
_CELL_MARGINS_MM = 2 * 1.91 + 0.5  # Word's default left and right cell margins (0.19 cm), and the borders
_UNBROKEN = 8  # display columns of a label kept on one line: four CJK characters


def _fonts(style: Any, latin: str, east_asian: str) -> None:
    style.font.name = latin
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # python-docx has no public API for cell shading
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


class DocxRenderer:
    """Renders a report as a DOCX document with the official merged-cell tables."""

    name = "docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    binary = True
    suffix = ".docx"

    def render(self, report: Any, **options: Any) -> bytes:
        """Render ``report`` as a Word document.

        Args:
            report: a :class:`govreport.Report`.
            **options: ``findings``, ``lang`` (see the module docs).

        Returns:
            The document's bytes.

        Raises:
            RenderError: not a report, or a bad option.
        """
        check_options(self.name, options, ("findings", "lang"))
        lang = check_lang(self.name, options.get("lang", "zh"))
        doc = document(report)
        marks = mark_findings(options.get("findings"))
        word = _new_document()
        title = doc.heading
        heading = word.add_heading(title, level=0)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for label, value in doc.meta:
            word.add_paragraph(f"{label}：{value}")
        if doc.preamble is not None:
            _prose(word, doc.preamble)
        _body(word, doc, marks)
        if marks.findings:
            word.add_heading(_FINDINGS[lang], level=1)
            for n, f in enumerate(marks.findings, start=1):
                word.add_paragraph(f"[{n}] {finding_summary(f, lang)}")
        props = word.core_properties
        props.author = "govreport"
        props.last_modified_by = "govreport"
        props.title = title
        props.revision = 1
        buffer = io.BytesIO()
        word.save(buffer)
        return deterministic(buffer.getvalue())


def _new_document() -> Any:
    """An empty A4 portrait document with the report's fonts."""
    word = DocxDocument()
    _page(word.sections[0], landscape=False)
    _fonts(word.styles["Normal"], _LATIN, _EAST_ASIAN)
    word.styles["Normal"].font.size = Pt(11)
    for style in ("Title", "Heading 1", "Heading 2"):
        _fonts(word.styles[style], _LATIN, _HEADING_EAST_ASIAN)
    return word


def _page(section: Any, *, landscape: bool) -> None:
    """Set ``section`` to an A4 page, portrait or landscape, with the report's margins."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.left_margin = section.right_margin = Mm(_MARGIN_MM)
    section.top_margin = section.bottom_margin = Mm(25)


def _landscape(table: TableSpec) -> bool:
    """Whether ``table`` is drawn on landscape pages: the wide ones (三 and 四 of the official layout)."""
    return table.width > _PORTRAIT_COLUMNS


def _body(word: Any, doc: Document, marks: CellMarks, *, blank: bool = False) -> None:
    """The sections in order: prose as paragraphs (an empty box to fill in when ``blank``), tables in their layout;
    a wide table on landscape pages of a section of its own, the pages after it portrait again."""
    landscape = False
    for _number, section_heading, spec in doc.sections:
        wide = isinstance(spec, TableSpec) and _landscape(spec)
        if wide != landscape:
            _page(word.add_section(WD_SECTION.NEW_PAGE), landscape=wide)
            landscape = wide
        word.add_heading(section_heading, level=1)
        if isinstance(spec, TableSpec):
            _table(word, doc, marks, spec, width_mm=_LANDSCAPE_WIDTH_MM if wide else _TEXT_WIDTH_MM, blank=blank)
        elif blank:
            _input_box(word)
        else:
            _prose(word, doc.prose(spec))


def _input_box(word: Any) -> None:
    """A one-cell table with room to write a section's text in (a template's prose section)."""
    box = word.add_table(rows=1, cols=1)
    box.style = word.styles["Table Grid"]
    row = box.rows[0]
    row.height = Mm(60)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def template(edition: str = DEFAULT_EDITION) -> bytes:
    """The blank official template of ``edition`` as a Word document, for an agency to fill in.

    The document starts with a line for the title, the agency and the year (``机关名称：``…: write after the
    colon), then the sections in order: an empty box for the text of each prose section, and each table in the
    official merged-cell layout with its value cells empty. :func:`govreport.parse` reads the filled-in document
    back; a cell left empty is missing, never 0.

    Raises:
        UnknownEditionError: no edition of that name is registered.
    """
    ed = get_edition(edition)
    doc = blank_document(ed)
    word = _new_document()
    for key in ("title", "agency", "year"):
        field = next((f for f in ed.fields if f.key == key), None)
        if field is not None:
            word.add_paragraph(f"{field.label}：")
    _body(word, doc, mark_findings(None), blank=True)
    props = word.core_properties
    props.author = "govreport"
    props.last_modified_by = "govreport"
    props.revision = 1
    buffer = io.BytesIO()
    word.save(buffer)
    return deterministic(buffer.getvalue())


def _prose(word: Any, text: str) -> None:
    for paragraph in text.split("\n"):
        if paragraph.strip():
            p = word.add_paragraph(paragraph)
            p.paragraph_format.first_line_indent = Pt(22)


def _column_widths(
    doc: Document, marks: CellMarks, placed: list[list[Placed]], n: int, width_mm: float = _TEXT_WIDTH_MM
) -> list[Length]:
    """Column widths that share the text width of the page (``width_mm``) by what each column holds.

    Every column first gets the room its one-column cells need on one line: a value, and a label of up to
    :data:`_UNBROKEN` display columns (``其他``, ``总计``, ``商业企业``), at the table's 9-point size plus the cell
    margins; longer labels wrap. What is left of the width is shared by each column's wish, the display width of
    its widest one-column cell (labels counted up to 24 columns). Where even the minimums do not fit, they are
    scaled down together.
    """
    want = [6] * n
    need = [0.0] * n
    for row in placed:
        for p in row:
            if p.cell.colspan != 1:
                continue
            if p.cell.pointer is None:
                text = p.cell.text or ""
                width = min(24, display_width(text))
                unbroken = min(_UNBROKEN, display_width(text))
            else:
                notes = "".join(f"[{k}]" for k in marks.notes.get(p.cell.pointer, ()))
                width = unbroken = display_width((doc.value_text(p.cell.pointer) or MISSING_MARK) + notes)
            want[p.col] = max(want[p.col], width + 2)
            need[p.col] = max(need[p.col], unbroken * _HALF_WIDTH_MM + _CELL_MARGINS_MM)
    spare = width_mm - sum(need)
    if spare <= 0:
        return [Mm(width_mm * w / sum(need)) for w in need]
    total = sum(want)
    return [Mm(need[i] + spare * want[i] / total) for i in range(n)]


def _header_rows(table: TableSpec, placed: list[list[Placed]]) -> int:
    """How many rows at the top of ``table`` are its header (no value cell), repeated on every page it runs over.

    A table of several titled blocks (二) has a header per block, which is not repeated.
    """
    if block_title_rows(table):
        return 0
    count = 0
    for row in placed:
        if any(p.cell.pointer is not None for p in row):
            break
        count += 1
    return count


def _row_flag(row: Any, name: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # python-docx has no public API for these row properties
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _table(
    word: Any,
    doc: Document,
    marks: CellMarks,
    table: TableSpec,
    *,
    width_mm: float = _TEXT_WIDTH_MM,
    blank: bool = False,
) -> None:
    """Draw ``table`` in its official layout, ``width_mm`` wide; with ``blank``, value cells are left empty."""
    placed = place(table)
    grid = word.add_table(rows=len(placed), cols=table.width)
    grid.style = word.styles["Table Grid"]
    grid.autofit = False
    widths = _column_widths(doc, marks, placed, table.width, width_mm)
    header = _header_rows(table, placed)
    for i, row in enumerate(grid.rows):
        _row_flag(row, "w:cantSplit")  # a row is never cut by a page break
        if i < header:
            _row_flag(row, "w:tblHeader")  # repeated at the top of every page the table runs over
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    # Table.cell() re-reads the whole table on every call (quadratic); take the cells once, fill them, and
    # merge last: the merges never overlap, so the cells taken stay valid.
    cells = list(grid._cells)
    size = Pt(9)
    merges = []
    for row in placed:
        for p in row:
            cell = cells[p.row * table.width + p.col]
            for dr in range(p.cell.rowspan):
                for dc in range(p.cell.colspan):
                    # Word reads each cell's own width; merging adds the widths of the cells it absorbs.
                    cells[(p.row + dr) * table.width + p.col + dc].width = widths[p.col + dc]
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                merges.append((cell, cells[p.last_row * table.width + p.last_col]))
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            if p.cell.pointer is None:
                paragraph.add_run(p.cell.text or "").font.size = size
                paragraph.alignment = (
                    WD_ALIGN_PARAGRAPH.LEFT if p.cell.scope in ("row", "rowgroup") else WD_ALIGN_PARAGRAPH.CENTER
                )
                _shade(cell, _HEADER_SHADE)
                continue
            if blank:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                _value(cell, p.cell.pointer, doc, marks)
    for first, last in merges:
        first.merge(last)


def _value(cell: Any, ptr: str, doc: Document, marks: CellMarks) -> None:
    """Write the value at ``ptr`` into ``cell``, with the findings' footnote numbers and shade."""
    size = Pt(9)
    paragraph = cell.paragraphs[0]
    text = doc.value_text(ptr)
    paragraph.add_run(MISSING_MARK if text is None else text).font.size = size
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if text is None else WD_ALIGN_PARAGRAPH.RIGHT
    numbers = marks.notes.get(ptr, ())
    if numbers:
        note = paragraph.add_run("".join(f"[{n}]" for n in numbers))
        note.font.superscript = True
        note.font.size = size
    role = marks.role(ptr)
    if role is not None:
        _shade(cell, _SHADES[role])


RENDERER = DocxRenderer()
