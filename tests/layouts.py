"""What the tests check of a rendering in any edition: the official grid in an XLSX sheet and in a DOCX table."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import docx
import openpyxl

import govreport
from govreport.renderers import _common


def check_xlsx_layout(report: Any) -> Any:
    """Assert that each table sheet of ``report``'s XLSX merges exactly its grid's spans, with labels and values
    (exact) at their grid positions; return the workbook for further checks."""
    out = govreport.render(report, "xlsx")
    assert isinstance(out, bytes)
    wb = openpyxl.load_workbook(io.BytesIO(out))
    edition = govreport.get_edition(report.edition)
    cells = edition.read_cells(report)
    assert wb.sheetnames[1:] == [t.heading for t in edition.tables]
    for table in edition.tables:
        ws = wb[table.heading]
        expected_merges = {(1, 1, 1, table.width)}
        for row in _common.place(table):
            for p in row:
                at = ws.cell(row=3 + p.row, column=1 + p.col).value
                if p.cell.pointer is None:
                    assert at == p.cell.text
                elif cells[p.cell.pointer] is not None:  # a double holds these exactly; read back its repr
                    assert Decimal(str(at)) == cells[p.cell.pointer]
                if p.cell.rowspan > 1 or p.cell.colspan > 1:
                    expected_merges.add((3 + p.row, 1 + p.col, 3 + p.last_row, 1 + p.last_col))
        merges = {(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges}
        assert merges == expected_merges
    return wb


def check_docx_layout(report: Any) -> Any:
    """Assert that ``report``'s DOCX has one table per table of its edition, with the grid's shape, labels, values
    and merged cells; return the document for further checks."""
    out = govreport.render(report, "docx")
    assert isinstance(out, bytes)
    document = docx.Document(io.BytesIO(out))
    edition = govreport.get_edition(report.edition)
    cells = edition.read_cells(report)
    assert len(document.tables) == len(edition.tables)
    for table, word in zip(edition.tables, document.tables, strict=True):
        assert (len(word.rows), len(word.columns)) == (len(table.grid), table.width)
        grid = word._cells  # row-major, a merged cell repeated at every position it covers (as word.cell() sees it)
        for row in _common.place(table):
            for p in row:
                at = grid[p.row * table.width + p.col]
                if p.cell.pointer is None:
                    assert at.text == p.cell.text
                elif cells[p.cell.pointer] is not None:
                    assert at.text == str(cells[p.cell.pointer])
                # a merged cell is one cell: its far corner is the same cell
                assert grid[p.last_row * table.width + p.last_col]._tc is at._tc
    return document
