"""The HTML front end: report pages as agencies publish them (format-2021.md §4 style F).

Built on the standard library's :class:`html.parser.HTMLParser`, which never raises on broken markup, needs no
dependency and reads a typical report page in milliseconds; lxml or html5lib would build a tree we do not need
(the reader wants cells in document order, not a DOM). What this front end handles:

- ``<table>`` markup with ``rowspan``/``colspan`` (cells are emitted once, in document order, which is the order
  the reader expects) and ``&nbsp;`` cells (blank);
- nested layout tables: a cell that contains a table is layout, not data; its own text becomes paragraphs;
- site chrome around the report: ``<script>``, ``<style>``, ``<nav>``, ``<header>``, ``<footer>``, ``<aside>``,
  forms, and elements whose ``class``/``id`` names a navigation bar, menu, breadcrumb, header or footer;
- paragraphs outside tables (``<p>``, ``<div>``, ``<br>``, headings, list items) become lines of prose.

Every item is located by source line and column, and table cells also by ``table``, ``row`` and ``cell``
(0-based indices of the ``<table>`` in the page, the ``<tr>`` in the table and the cell in the row).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import attrs

from govreport.findings import SourceLocation
from govreport.parsers._reader import Item, ParseResult, read_items

__all__ = ["html_items", "parse_html"]

_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "select",
        "button",
        "iframe",
        "svg",
        "object",
        "textarea",
        "head",
    }
)
_CHROME_WORDS = frozenset(
    {"nav", "navbar", "menu", "footer", "header", "breadcrumb", "crumb", "crumbs", "sidebar", "share", "copyright"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "hr",
        "center",
        "main",
        "caption",
    }
)
_CLASS_SPLIT = re.compile(r"[\s_\-]+")
_MAX_TABLE_DEPTH = 64


@attrs.define
class _Table:
    index: int
    row: int = -1
    cell: int = -1
    buffer: list[str] | None = None
    cell_pos: tuple[int, int] = (0, 0)
    layout: bool = False


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[Item] = []
        self.title_parts: list[str] = []
        self.in_title = False
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.tables: list[_Table] = []
        self.table_count = 0
        self.ignored_tables = 0
        self.para: list[str] = []
        self.para_pos: tuple[int, int] | None = None

    # -- helpers

    def _flush_para(self) -> None:
        text = "".join(self.para)
        if text.strip() and self.para_pos is not None:
            line, col = self.para_pos
            for i, part in enumerate(text.split("\n")):
                if part.strip():
                    self.items.append(Item(text=part.strip(), location=SourceLocation(line=line + i, column=col + 1)))
        self.para = []
        self.para_pos = None

    def _open_cell(self) -> _Table | None:
        for t in reversed(self.tables):
            if t.buffer is not None:
                return t
            return None
        return None

    def _close_cell(self, table: _Table) -> None:
        if table.buffer is None:
            return
        text = "".join(table.buffer)
        table.buffer = None
        if table.layout:
            lines = [p.strip() for p in text.split("\n")]
            line, col = table.cell_pos
            self.items.extend(Item(text=p, location=SourceLocation(line=line, column=col + 1)) for p in lines if p)
            table.layout = False
            return
        line, col = table.cell_pos
        cleaned = "\n".join(p.strip() for p in text.split("\n") if p.strip())
        self.items.append(
            Item(
                text=cleaned,
                location=SourceLocation(line=line, column=col + 1, table=table.index, row=table.row, cell=table.cell),
                cell=True,
            )
        )

    def _is_chrome(self, tag: str, attributes: list[tuple[str, str | None]]) -> bool:
        if tag in _SKIP_TAGS:
            return True
        for name, value in attributes:
            if name in ("class", "id", "role") and value:
                words = {w.lower() for w in _CLASS_SPLIT.split(value) if w}
                if words & _CHROME_WORDS:
                    return True
        return False

    # -- HTMLParser hooks

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:  # noqa: PLR0911 - one branch per kind of tag
        if tag == "title" and self.skip_tag in (None, "head"):
            self.in_title = True
            return
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if tag not in _VOID and self._is_chrome(tag, attributes):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag == "table":
            if len(self.tables) >= _MAX_TABLE_DEPTH:
                self.ignored_tables += 1
                return
            outer = self._open_cell()
            if outer is not None and outer.buffer is not None:
                # the outer cell is layout: what it said so far is prose, in order
                outer.layout = True
                text = "".join(outer.buffer)
                outer.buffer = []
                line, col = outer.cell_pos
                self.items.extend(
                    Item(text=p.strip(), location=SourceLocation(line=line, column=col + 1))
                    for p in text.split("\n")
                    if p.strip()
                )
                outer.cell_pos = self.getpos()
            else:
                self._flush_para()
            self.tables.append(_Table(index=self.table_count))
            self.table_count += 1
            return
        if self.tables and tag == "tr":
            t = self.tables[-1]
            self._close_cell(t)
            t.row += 1
            t.cell = -1
            return
        if self.tables and tag in ("td", "th"):
            t = self.tables[-1]
            self._close_cell(t)
            t.row = max(t.row, 0)
            t.cell += 1
            t.buffer = []
            t.cell_pos = self.getpos()
            return
        if tag in _BLOCK:
            self._block_break()

    def _block_break(self) -> None:
        """A block element starts or ends: a line break inside a table cell, a new paragraph outside one."""
        cell = self._open_cell()
        if cell is not None and cell.buffer is not None:
            cell.buffer.append("\n")
        else:
            self._flush_para()

    def handle_startendtag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK and self.skip_tag is None:
            self.handle_starttag(tag, attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth <= 0:
                    self.skip_tag = None
            return
        if tag == "table":
            if self.ignored_tables:
                self.ignored_tables -= 1
                return
            if self.tables:
                self._close_cell(self.tables[-1])
                self.tables.pop()
            return
        if self.tables and tag in ("td", "th", "tr"):
            self._close_cell(self.tables[-1])
            return
        if tag in _BLOCK:
            self._block_break()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_tag is not None:
            return
        cell = self._open_cell()
        if cell is not None and cell.buffer is not None:
            cell.buffer.append(data.replace("\n", " "))
            return
        if self.tables:  # text between cells: stray, keep it as prose
            pass
        if self.para_pos is None:
            if not data.strip():
                return
            self.para_pos = self.getpos()
        self.para.append(data.replace("\n", " "))

    def finish(self) -> None:
        self.close()
        while self.tables:
            self._close_cell(self.tables[-1])
            self.tables.pop()
        self._flush_para()


def html_items(html: str) -> tuple[list[Item], str | None]:
    """The located items of an HTML page and its ``<title>``.

    Args:
        html: the page.

    Returns:
        The items (paragraphs and table cells in document order) and the page title (or ``None``).
    """
    collector = _Collector()
    collector.feed(html)
    collector.finish()
    title = " ".join("".join(collector.title_parts).split()) or None
    return collector.items, title


def parse_html(html: str, *, edition: str = "2021", agency: str | None = None, year: int | None = None) -> ParseResult:
    """Parse a report published as an HTML page.

    Args:
        html: the page.
        edition: the edition whose labels are matched.
        agency: the agency, when known (see :func:`govreport.parsers.parse`).
        year: the statistics year, when known.

    Returns:
        The :class:`~govreport.parsers.ParseResult`.

    Raises:
        ParseError: the page does not read as a report.
    """
    items, title = html_items(html)
    return read_items(items, kind="html", edition=edition, agency=agency, year=year, document_title=title)
