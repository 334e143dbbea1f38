"""The Word front end: ``.docx`` reports, as agencies write them in the official merged-cell template.

Needs the ``docx`` extra (``pip install 'govreport[docx]'``): python-docx opens the package, and the body is read
in document order, paragraph by paragraph and table by table (content controls included; headers, footers,
comments and deleted text of tracked changes are not the report's and are not read).

- A paragraph outside a table is one item, located by ``line``: the paragraph's number in the body, from 1,
  counting the paragraphs outside tables (a Word document has no lines of its own).
- A table cell is one item, located by ``table`` (the table's index in the body, from 0), ``row`` (from 0) and
  ``cell``: the cell's **grid column** (from 0), the column of the table's grid where the cell starts. A merged
  cell is read once, where it starts: a horizontal merge (``w:gridSpan``) covers the grid columns that follow,
  and the continuation of a vertical merge (``w:vMerge``) in the rows below is no cell of its own (python-docx's
  ``row.cells`` repeats a merged cell for every grid column it covers; this reader does not). An empty cell is a
  blank item, which the reader reports as a missing value, never 0. A cell's paragraphs are its lines.

The document's core property ``title`` serves as the title when the body has none, as HTML's ``<title>`` does.
The package is checked before python-docx reads it (see :func:`govreport.parsers._package.check_package`), and
at most :data:`~govreport.parsers.MAX_ITEMS` paragraphs and cells are read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from govreport.errors import ParseError
from govreport.findings import SourceLocation
from govreport.parsers._assembly import ParseResult, check_items, read_source
from govreport.parsers._limits import MAX_ITEMS
from govreport.parsers._package import check_package
from govreport.parsers._source import Source

__all__ = ["docx_source", "parse_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}sdt"
_T, _TAB, _BR, _CR = f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"
_VAL = f"{_W}val"


def _blocks(parent: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body (or cell) in document order, content controls opened."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter(_T, _TAB, _BR, _CR):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    lines = (_paragraph_text(p) for p in tc.iter(_P))
    return "\n".join(line.strip() for text in lines for line in text.split("\n") if line.strip())


def _int(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return max(1, int(element.get(_VAL, default)))
    except ValueError:
        return default


class _Reader:
    """The items of a body in document order, with where each one is."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.cells: list[bool] = []
        self.where: list[tuple[int, int, int] | int] = []  # (table, row, grid column) of a cell, or a paragraph
        self.paragraphs = 0
        self.tables = 0

    def _add(self, text: str, where: tuple[int, int, int] | int, *, cell: bool) -> None:
        self.texts.append(text)
        self.cells.append(cell)
        self.where.append(where)
        if len(self.texts) > MAX_ITEMS:
            check_items(len(self.texts))

    def body(self, body: Any) -> None:
        for block in _blocks(body):
            if block.tag == _P:
                self.paragraphs += 1
                for line in _paragraph_text(block).split("\n"):
                    if line.strip():
                        self._add(line.strip(), self.paragraphs, cell=False)
            else:
                self.table(block)

    def table(self, tbl: Any) -> None:
        index = self.tables
        self.tables += 1
        for r, tr in enumerate(tbl.iterchildren(_TR)):
            pr = tr.find(f"{_W}trPr")
            col = _int(pr.find(f"{_W}gridBefore") if pr is not None else None, 0)
            for tc in tr.iterchildren(_TC):
                tc_pr = tc.find(f"{_W}tcPr")
                span = _int(tc_pr.find(f"{_W}gridSpan") if tc_pr is not None else None, 1)
                v_merge = tc_pr.find(f"{_W}vMerge") if tc_pr is not None else None
                if v_merge is None or v_merge.get(_VAL) == "restart":
                    self._add(_cell_text(tc), (index, r, col), cell=True)
                col += span

    def source(self) -> Source:
        where = self.where

        def locate(i: int, offset: int) -> SourceLocation:
            at = where[i]
            if isinstance(at, int):
                return SourceLocation(line=at, column=1 + offset)
            return SourceLocation(table=at[0], row=at[1], cell=at[2])

        return Source(self.texts, locate, cells=self.cells if self.tables else None)


def docx_source(data: bytes) -> tuple[Source, str | None]:
    """The source of a Word document (paragraphs and table cells in document order) and its title property.

    Raises:
        ParseError: the docx extra is missing, ``data`` is no readable Word package, or it is far larger than a
            report (see :func:`govreport.parsers._package.check_package` and
            :data:`~govreport.parsers.MAX_ITEMS`).
    """
    check_package(data, "docx")
    try:
        import docx  # noqa: PLC0415 - an optional dependency
    except ImportError as e:  # pragma: no cover - the test environment has the extra
        msg = "reading DOCX needs the docx extra: pip install 'govreport[docx]'"
        raise ParseError(msg) from e
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        title = (document.core_properties.title or "").strip() or None
    except Exception as e:
        msg = f"not a readable Word (DOCX) document: {type(e).__name__}: {e}"
        raise ParseError(msg) from e
    reader = _Reader()
    reader.body(body)
    return reader.source(), title


def parse_docx(
    data: bytes,
    *,
    edition: str | None = None,
    agency: str | None = None,
    year: int | None = None,
    file_name: str | None = None,
) -> ParseResult:
    """Parse a report written as a Word document.

    Args:
        data: the ``.docx`` file's bytes.
        edition: the edition whose labels are matched; ``None`` to detect it.
        agency: the agency, when known (see :func:`govreport.parsers.parse`).
        year: the statistics year, when known.
        file_name: the name of the file read (the last place the agency and year are looked for).

    Returns:
        The :class:`~govreport.parsers.ParseResult`; table cells are located by table, row and grid column,
        paragraphs by their number (``line``).

    Raises:
        ParseError: the document is unreadable, far larger than a report, or does not read as a report.
    """
    source, title = docx_source(data)
    if not source.texts:
        msg = "the Word document is empty"
        raise ParseError(msg)
    return read_source(
        source, kind="docx", edition=edition, agency=agency, year=year, document_title=title, file_name=file_name
    )
