"""The ``docx`` renderer: a Word document in the official layout, as an agency would publish it.

Needs python-docx: ``pip install 'govreport[docx]'``.

The document has the title, the metadata, the preamble, and the six sections in order; the prose of 一, 五 and
六 as paragraphs, and tables 二, 三 and 四 drawn from the edition's grid with the official merged cells (Word's
"Table Grid" style, labels verbatim, numbers exact and right-aligned, a missing cell ``—``, never ``0``). The
body font is SimSun for Chinese and Times New Roman for Latin text, as in published reports.

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
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

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
)
from govreport.renderers._ooxml import deterministic
from govreport.renderers.text import display_width

__all__ = ["RENDERER", "DocxRenderer"]

_FINDINGS = {"zh": "审查发现", "en": "Findings"}
_SHADES = {"fail": "FDE0DE", "involved": "FFF1DC", "not_assessable": "FFF9C4", "missing": "E9E9E9"}
_HEADER_SHADE = "F2F2F2"
_EAST_ASIAN = "SimSun"
_LATIN = "Times New Roman"
_HEADING_EAST_ASIAN = "SimHei"
_MARGIN_MM = 20
_TEXT_WIDTH_MM = 210 - 2 * _MARGIN_MM


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
        word = DocxDocument()
        section = word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(_MARGIN_MM)
        section.top_margin = section.bottom_margin = Mm(25)
        _fonts(word.styles["Normal"], _LATIN, _EAST_ASIAN)
        word.styles["Normal"].font.size = Pt(11)
        for style in ("Title", "Heading 1", "Heading 2"):
            _fonts(word.styles[style], _LATIN, _HEADING_EAST_ASIAN)
        title = doc.heading
        heading = word.add_heading(title, level=0)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for label, value in doc.meta:
            word.add_paragraph(f"{label}：{value}")
        if doc.preamble is not None:
            _prose(word, doc.preamble)
        for _number, section_heading, spec in doc.sections:
            word.add_heading(section_heading, level=1)
            if isinstance(spec, TableSpec):
                _table(word, doc, marks, spec)
            else:
                _prose(word, doc.prose(spec))
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


def _prose(word: Any, text: str) -> None:
    for paragraph in text.split("\n"):
        if paragraph.strip():
            p = word.add_paragraph(paragraph)
            p.paragraph_format.first_line_indent = Pt(22)


def _column_widths(doc: Document, marks: CellMarks, placed: list[list[Placed]], n: int) -> list[Length]:
    """Column widths that share the text width of an A4 page by what each column holds.

    A column gets the display width of its widest one-column cell (labels counted up to 24 columns, since long
    labels wrap), at least 6; the widths are then scaled to fill :data:`_TEXT_WIDTH_MM`.
    """
    want = [6] * n
    for row in placed:
        for p in row:
            if p.cell.colspan != 1:
                continue
            if p.cell.pointer is None:
                width = min(24, display_width(p.cell.text or ""))
            else:
                notes = "".join(f"[{k}]" for k in marks.notes.get(p.cell.pointer, ()))
                width = display_width((doc.value_text(p.cell.pointer) or MISSING_MARK) + notes)
            want[p.col] = max(want[p.col], width + 2)
    total = sum(want)
    return [Mm(_TEXT_WIDTH_MM * w / total) for w in want]


def _table(word: Any, doc: Document, marks: CellMarks, table: TableSpec) -> None:
    placed = place(table)
    grid = word.add_table(rows=len(placed), cols=table.width)
    grid.style = word.styles["Table Grid"]
    grid.autofit = False
    widths = _column_widths(doc, marks, placed, table.width)
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
            ptr = p.cell.pointer
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
    for first, last in merges:
        first.merge(last)


RENDERER = DocxRenderer()
