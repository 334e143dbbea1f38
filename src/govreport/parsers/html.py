"""The HTML front end: report pages as agencies publish them (format-2021.md §4 style F).

A small scanner of its own cuts the page into tags and text (one regular expression per construct, no tree):
the reader wants cells in document order, not a DOM, and the standard library's
:class:`html.parser.HTMLParser` spends most of a parse in its per-construct bookkeeping; lxml or html5lib would be
a dependency. A table row of text-only cells, most rows of a report, is read at once (two regular expressions for
the whole row; its cells are located only when asked). Like ``HTMLParser`` it never raises on broken markup, skips
comments, declarations and the raw content of ``<script>`` and ``<style>``, and decodes character references. What
this front end handles:

- ``<table>`` markup with ``rowspan``/``colspan`` (cells are emitted once, in document order, which is the order
  the reader expects) and ``&nbsp;`` cells (blank);
- nested layout tables: a cell that contains a table is layout, not data; its own text becomes paragraphs;
- site chrome around the report: ``<script>``, ``<style>``, ``<nav>``, ``<header>``, ``<footer>``, ``<aside>``,
  forms, and elements whose ``class``/``id`` names a navigation bar, menu, breadcrumb, header or footer;
- paragraphs outside tables (``<p>``, ``<div>``, ``<br>``, headings, list items) become lines of prose.

Every item is located by source line and column, and table cells also by ``table``, ``row`` and ``cell``
(0-based indices of the ``<table>`` in the page, the ``<tr>`` in the table and the cell in the row). A page of
more than :data:`~govreport.parsers.MAX_HTML_TAGS` tags or :data:`~govreport.parsers.MAX_ITEMS` items is refused
while it is scanned.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from html import unescape
from itertools import islice
from typing import Final

import attrs

from govreport.errors import ParseError
from govreport.findings import SourceLocation
from govreport.parsers._assembly import ParseResult, check_items, read_source
from govreport.parsers._limits import MAX_HTML_TAGS, MAX_ITEMS, MAX_TABLE_DEPTH
from govreport.parsers._source import Item, Source

__all__ = ["html_items", "html_source", "page_meta", "parse_html"]

_META = re.compile(r"<meta\s[^>]{0,600}>", re.IGNORECASE)
_META_NAME = re.compile(r"""\b(?:name|property)\s*=\s*["']?([^"'\s>]{1,40})""", re.IGNORECASE)
_META_CONTENT = re.compile(r"""\bcontent\s*=\s*(?:"([^"]{0,600})"|'([^']{0,600})'|([^\s>]{1,600}))""", re.IGNORECASE)
_META_SCAN = 1 << 16
_META_MAX = 64

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


# One construct each, as HTMLParser reads them; possessive loops, so no input makes them backtrack.
_TAG = re.compile(
    r"""<(?:([a-zA-Z][^\t\n\r\f />\x00]*+)((?:[^>=]++|=\s*+(?:"[^"]*+"|'[^']*+'|[^>\s"'][^>\s]*+)?)*+)>"""
    r"|/\s*+([a-zA-Z][^\t\n\r\f />\x00]*+)[^>]*+>)"
)
_CELL_TAGS: Final = frozenset({"td", "th"})
# A row of cells that hold text only, read in two passes: _SIMPLE_ROW matches the rest of the row after its start
# tag (its cells, white space between, its end tag) and _CELL_TEXTS then finds the cells' text in it. A cell's
# attributes must read as its start tag's do, with no ">" in a quoted value (then every ">" of the row outside the
# cells' text ends a tag); an "=" after white space or after a name ending like "class", "id" or "role" (an
# attribute that may name chrome, see _names_chrome) makes the row take the slow way.
_CELL_ATTRIBUTES = (
    r"""[^>"'=]*+(?:(?<![aA][sS][sS]|[oO][lL][eE])(?<![iI][dD])(?<!\s)="""
    r"""\s*+(?:"[^">]*+"|'[^'>]*+'|[^>\s"'][^>\s]*+|)[^>"'=]*+)*+"""
)
_CELL_END = r"</\s*+[tT][dDhH](?=[\t\n\r\f />])"
_ROW_CELL = re.compile(rf"<[tT][dDhH](?=[\t\n\r\f />]){_CELL_ATTRIBUTES}>[^<]*+{_CELL_END}[^>]*+>")
_SIMPLE_ROW = re.compile(rf"(?:\s*+{_ROW_CELL.pattern})*+\s*+(</\s*+[tT][rR](?=[\t\n\r\f />]))[^>]*+>")
_ROW_END_SEARCH = re.compile(r"</\s*+[tT][rR](?=[\t\n\r\f />])")
_CELL_TEXTS = re.compile(rf">([^<]*+){_CELL_END}")
# White space and a row's start tag without attributes: where the next row read at once may start.
_BARE_ROW = re.compile(r"\s*+<[tT][rR]>")
_CHROME_ATTRIBUTE = re.compile(r"(?:class|id|role)\s*=")


def _names_chrome(text: str) -> bool:
    """Whether ``text`` (a tag's attributes, or a row of tags) may hold a ``class``, ``id`` or ``role`` attribute.

    Lower-cased first, then searched for literal words: far quicker than a case-blind regular expression.
    """
    if "=" not in text:
        return False
    low = text.lower()
    return ("class" in low or "id" in low or "role" in low) and _CHROME_ATTRIBUTE.search(low) is not None


_ATTRIBUTE = re.compile(r"""([^\s/>=][^\s/=>]*)(?:\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")
_BARE_SLASH = re.compile(r"=\s*[^\s\"'][^\s]*/$")


def _self_closing(attributes: str) -> bool:
    """Whether a start tag whose attributes are ``attributes`` closes itself (``<br/>``, ``<p class="x" />``): they
    end in a ``/`` that does not end an unquoted value (``<a href=/path/>``).

    A value that ends there starts in the last run of non-white space, or right after an ``=`` and the white space
    before that run: :data:`_BARE_SLASH` is searched from there only (searched from every ``=`` of a long run that
    does not reach the end, it took time that grows as the square of the run: 20,000 ``=`` took 2 s).
    """
    if not attributes.endswith("/"):
        return False
    run = len(attributes) - len(attributes.rsplit(None, 1)[-1])
    before = attributes[:run].rstrip()
    return _BARE_SLASH.search(attributes, len(before) - 1 if before.endswith("=") else run) is None


_RAW_END = {tag: re.compile(rf"</\s*{tag}\s*>", re.IGNORECASE) for tag in ("script", "style")}


def _too_many_tags() -> ParseError:
    return ParseError(f"not a report: the page has more than {MAX_HTML_TAGS} tags")


def _cell_text(text: str) -> str:
    """The text of a cell of text only: character references decoded, on one line, stripped."""
    if "&" in text:
        text = unescape(text)
    return text.replace("\n", " ").strip()


@attrs.define
class _Table:
    index: int
    row: int = -1
    cell: int = -1
    buffer: list[str] | None = None
    cell_pos: int = 0
    layout: bool = False


#: Items located one by one (each a count of the lines before it) before all are counted in one pass.
_FEW_LOCATIONS: Final = 16


def _lines_and_columns(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """The line (1-based) and column (0-based) of each character offset, counted in one pass over ``text``."""
    out = [(0, 0)] * len(positions)
    line, at, line_start = 1, 0, 0
    for i in sorted(range(len(positions)), key=positions.__getitem__):
        pos = positions[i]
        breaks = text.count("\n", at, pos)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", at, pos) + 1
        at = pos
        out[i] = (line, pos - line_start)
    return out


class _Collector:
    """The items of a page: paragraphs and table cells in document order, each at its line and column."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.texts: list[str] = []
        self.cells: list[bool] = []
        self.positions: list[int] = []
        self.grid: dict[int, tuple[int, int, int]] = {}  # item → (table, row, cell) of a table cell
        self.title_parts: list[str] = []
        self.in_title = False
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.tables: list[_Table] = []
        self.table_count = 0
        self.ignored_tables = 0
        self.para: list[str] = []
        self.para_pos: int | None = None
        self.pos = 0  # where the construct being handled starts
        self.marked_sections = True  # whether a "]]>" may still follow
        # the rows read at once, (first item, items, offset of the row, table, row): their cells are located when asked
        self.rows: list[tuple[int, int, int, int, int]] = []

    # -- helpers

    def _item(self, text: str, pos: int, table: _Table | None = None) -> None:
        if table is not None:
            self.grid[len(self.texts)] = (table.index, table.row, table.cell)
        self.texts.append(text)
        self.cells.append(table is not None)
        self.positions.append(pos)
        if len(self.texts) > MAX_ITEMS:
            check_items(len(self.texts))

    def _flush_para(self) -> None:
        text = "".join(self.para)
        if text.strip() and self.para_pos is not None:
            self._item(text.strip(), self.para_pos)
        self.para = []
        self.para_pos = None

    def _open_cell(self) -> _Table | None:
        """The innermost table's cell, if one is open (text in it is the cell's)."""
        if self.tables:
            t = self.tables[-1]
            if t.buffer is not None:
                return t
        return None

    def _close_cell(self, table: _Table) -> None:
        if table.buffer is None:
            return
        text = "".join(table.buffer)
        table.buffer = None
        if table.layout:
            for p in text.split("\n"):
                if p.strip():
                    self._item(p.strip(), table.cell_pos)
            table.layout = False
            return
        cleaned = "\n".join(p.strip() for p in text.split("\n") if p.strip())
        self._item(cleaned, table.cell_pos, table)

    def _is_chrome(self, tag: str, attributes: str) -> bool:
        if tag in _SKIP_TAGS:
            return True
        if not _names_chrome(attributes):
            return False
        for m in _ATTRIBUTE.finditer(attributes):
            name, value = m.group(1).lower(), m.group(2)
            if name in ("class", "id", "role") and value:
                if value[:1] in ("'", '"') and value[:1] == value[-1:]:
                    value = value[1:-1]
                words = {w.lower() for w in _CLASS_SPLIT.split(unescape(value)) if w}
                if words & _CHROME_WORDS:
                    return True
        return False

    # -- the events of the scan

    def start(self, tag: str, attributes: str) -> None:  # noqa: PLR0911, PLR0912 - one branch per kind of tag
        if tag == "title" and self.skip_tag in (None, "head"):
            self.in_title = True
            return
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if tag not in _VOID and (tag in _SKIP_TAGS or (attributes and self._is_chrome(tag, attributes))):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag == "table":
            if len(self.tables) >= MAX_TABLE_DEPTH:
                self.ignored_tables += 1
                return
            outer = self._open_cell()
            if outer is not None and outer.buffer is not None:
                # the outer cell is layout: what it said so far is prose, in order
                outer.layout = True
                text = "".join(outer.buffer)
                outer.buffer = []
                for p in text.split("\n"):
                    if p.strip():
                        self._item(p.strip(), outer.cell_pos)
                outer.cell_pos = self.pos
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
            t.cell_pos = self.pos
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

    def start_end(self, tag: str, attributes: str) -> None:
        if tag in _BLOCK and self.skip_tag is None:
            self.start(tag, attributes)

    def end(self, tag: str) -> None:
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

    def data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_tag is not None:
            return
        cell = self._open_cell()
        if cell is not None and cell.buffer is not None:
            cell.buffer.append(data.replace("\n", " "))
            return
        if self.para_pos is None:
            if not data.strip():
                return
            self.para_pos = self.pos
        self.para.append(data.replace("\n", " "))

    def finish(self) -> None:
        while self.tables:
            self._close_cell(self.tables[-1])
            self.tables.pop()
        self._flush_para()

    # -- the scan

    def scan(self) -> None:
        """Cut the page into tags and text, in order, and hand each to its event.

        Raises:
            ParseError: the page has more than :data:`~govreport.parsers.MAX_HTML_TAGS` tags.
        """
        html = self.html
        n = len(html)
        i = 0
        find = html.find
        match = _TAG.match
        constructs = 0
        while True:
            j = find("<", i)
            if j < 0:
                j = n
            if i < j and (self.skip_tag is None or self.in_title):  # text in chrome is not read
                self.pos = i
                chunk = html[i:j]
                self.data(unescape(chunk) if "&" in chunk else chunk)
            if j >= n:
                return
            constructs += 1
            if constructs > MAX_HTML_TAGS:
                raise _too_many_tags()
            self.pos = j
            m = match(html, j)
            if m is None:
                i = self._other(j)
                continue
            i = m.end()
            tag = m[1]
            if tag is None:
                self.end(m[3].lower())
                continue
            tag = tag.lower()
            attributes = m[2]
            if _self_closing(attributes):
                self.start_end(tag, attributes)
                continue
            if (tag == "tr" or tag in _CELL_TAGS) and self.tables and self.skip_tag is None and not self.in_title:
                k = self._row(i, attributes) if tag == "tr" else self._cell(j, i, attributes)
                if k >= 0:
                    i, constructs = self._more_rows(k, constructs) if tag == "tr" else (k, constructs)
                    continue
            self.start(tag, attributes)
            raw_end = _RAW_END.get(tag)
            if raw_end is not None:  # the content of <script> and <style> is not markup
                e = raw_end.search(html, i)
                if e is None:
                    return
                self.pos = e.start()
                self.end(tag)
                i = e.end()

    def _row(self, i: int, attributes: str) -> int:
        """A whole table row of simple cells, ``<tr…><td…>text</td>…</tr>`` (most rows are), whose start tag ends
        at ``i``: read at once, as its events would read it. The offset after its end tag, or -1 when the row is not
        that simple (then its tags are read one by one).
        """
        html = self.html
        if self.para_pos is not None or _names_chrome(attributes):
            return -1
        end = _SIMPLE_ROW.match(html, i)
        if end is None:
            return -1
        contents = _CELL_TEXTS.findall(html, i, end.end())
        count = len(contents)
        if html.count("<", i, end.end()) != 2 * count + 1:  # a "<" in a tag: the row must end at the first "</tr"
            first = _ROW_END_SEARCH.search(html, i)
            if first is None or first.start() != end.start(1):
                return -1
        t = self.tables[-1]
        if t.buffer is not None:
            self._close_cell(t)
        t.row += 1
        texts = self.texts
        if count:
            self.rows.append((len(texts), count, i, t.index, t.row))
            joined = "".join(contents)
            if "&" in joined or "\n" in joined:
                texts += [_cell_text(content) for content in contents]
            else:
                texts += map(str.strip, contents)
            self.cells += [True] * count
            self.positions += [-1] * count  # found when asked (see source)
            if len(texts) > MAX_ITEMS:
                check_items(len(texts))
        t.cell = count - 1
        return end.end()

    def _more_rows(self, i: int, constructs: int) -> tuple[int, int]:
        """The rows after a row read at once, each after white space and a bare ``<tr>``, read at once as long as
        they are as simple: the offset after the last one read and the count of constructs read so far.

        Raises:
            ParseError: the page has more than :data:`~govreport.parsers.MAX_HTML_TAGS` tags.
        """
        while (after := _BARE_ROW.match(self.html, i)) is not None:
            k = self._row(after.end(), "")
            if k < 0:
                break
            constructs += 1
            if constructs > MAX_HTML_TAGS:
                raise _too_many_tags()
            i = k
        return i, constructs

    def _cell(self, j: int, i: int, attributes: str) -> int:
        """A whole table cell of text only, ``<td…>text</td>`` (most cells are): read at once, as its three events
        would read it. The offset after its end tag, or -1 when the cell is not that simple.
        """
        html = self.html
        k = html.find("<", i)
        end = _TAG.match(html, k) if k >= 0 else None
        if end is None or end.group(3) is None or end.group(3).lower() not in _CELL_TAGS:
            return -1
        if _names_chrome(attributes) and self._is_chrome("td", attributes):
            return -1
        t = self.tables[-1]
        self._close_cell(t)
        t.row = max(t.row, 0)
        t.cell += 1
        t.buffer = None
        t.cell_pos = j
        self._item(_cell_text(html[i:k]), j, t)
        return end.end()

    def _other(self, j: int) -> int:
        """Read the construct at ``j`` that is no whole tag; the offset after it."""
        html = self.html
        n = len(html)
        find = html.find
        nxt = html[j + 1 : j + 2]
        if nxt.isascii() and nxt.isalpha():  # no whole start tag: text up to the next ">", as HTMLParser reads it
            k = find(">", j + 1)
            k = n if k < 0 else k + 1
            chunk = html[j:k]
            self.data(unescape(chunk) if "&" in chunk else chunk)
            return k
        if html.startswith("<!--", j):
            k = find("-->", j + 4)
            return n if k < 0 else k + 3
        if html.startswith("<![", j):
            k = find("]]>", j + 3) if self.marked_sections else -1
            if k >= 0:
                return k + 3
            self.marked_sections = False  # no "]]>" after here: do not look again
            k = find(">", j + 3)
            return n if k < 0 else k + 1
        if nxt in ("!", "?", "/"):  # a declaration, a processing instruction, "</>" or a bogus comment
            k = find(">", j + 2)
            return n if k < 0 else k + 1
        self.data("<")
        return j + 1

    def source(self) -> Source:
        """The source of the items collected; lines and columns are counted when a location is first asked."""
        html, positions, grid, rows, cells = self.html, self.positions, self.grid, self.rows, self.cells
        firsts = [row[0] for row in rows]
        every: list[list[tuple[int, int]]] = []  # the line and column of every item, once many are asked
        asked: dict[int, tuple[int, int]] = {}  # of the few items asked so far (most parses ask a handful)

        def row_of(i: int) -> tuple[int, int, int, int, int]:
            """The row read at once whose cell item ``i`` is (a table cell that is not in ``grid``)."""
            return rows[bisect_right(firsts, i) - 1]

        def locate_row(row: tuple[int, int, int, int, int]) -> None:
            first, count, start = row[0], row[1], row[2]
            positions[first : first + count] = [cell.start() for cell in islice(_ROW_CELL.finditer(html, start), count)]

        def line_and_column(i: int) -> tuple[int, int]:
            if every:
                return every[0][i]
            found = asked.get(i)
            if found is None:
                if len(asked) >= _FEW_LOCATIONS:
                    for row in rows:
                        if positions[row[0]] < 0:
                            locate_row(row)
                    every.append(_lines_and_columns(html, positions))
                    return every[0][i]
                if positions[i] < 0:
                    locate_row(row_of(i))
                pos = positions[i]
                found = asked[i] = (html.count("\n", 0, pos) + 1, pos - html.rfind("\n", 0, pos) - 1)
            return found

        def locate(i: int, offset: int) -> SourceLocation:
            line, col = line_and_column(i)
            if not cells or not cells[i]:
                return SourceLocation(line=line, column=col + 1 + offset)
            cell = grid.get(i)
            if cell is None:
                first, _, _, table, row = row_of(i)
                cell = (table, row, i - first)
            return SourceLocation(line=line, column=col + 1 + offset, table=cell[0], row=cell[1], cell=cell[2])

        return Source(self.texts, locate, cells=cells if grid or rows else None)


def html_source(html: str) -> tuple[Source, str | None]:
    """The source of an HTML page (paragraphs and table cells in document order) and its ``<title>``.

    Raises:
        ParseError: the page has more than :data:`~govreport.parsers.MAX_HTML_TAGS` tags or
            :data:`~govreport.parsers.MAX_ITEMS` items.
    """
    collector = _Collector(html)
    collector.scan()
    collector.finish()
    title = " ".join("".join(collector.title_parts).split()) or None
    return collector.source(), title


def html_items(html: str) -> tuple[list[Item], str | None]:
    """The located items of an HTML page and its ``<title>``.

    Args:
        html: the page.

    Returns:
        The items (paragraphs and table cells in document order) and the page title (or ``None``).

    Raises:
        ParseError: the page is far larger than a report page (see :func:`html_source`).
    """
    source, title = html_source(html)
    return source.items(), title


def page_meta(html: str) -> list[tuple[str, str]]:
    """The ``(name, content)`` of the ``<meta>`` tags in the first 64 KiB of a page (at most 64 of them).

    Government sites name the article's title, its publisher and its date in them (``ArticleTitle``,
    ``ContentSource``, ``PubDate``).
    """
    found = []
    for m in _META.finditer(html, 0, min(len(html), _META_SCAN)):
        tag = m.group()
        name, content = _META_NAME.search(tag), _META_CONTENT.search(tag)
        if name is None or content is None:
            continue
        value = next(g for g in content.groups() if g is not None)
        found.append((name.group(1), " ".join(unescape(value).split())))
        if len(found) >= _META_MAX:
            break
    return found


def parse_html(
    html: str,
    *,
    edition: str | None = None,
    agency: str | None = None,
    year: int | None = None,
    file_name: str | None = None,
) -> ParseResult:
    """Parse a report published as an HTML page.

    Args:
        html: the page.
        edition: the edition whose labels are matched; ``None`` to detect it.
        agency: the agency, when known (see :func:`govreport.parsers.parse`).
        year: the statistics year, when known.
        file_name: the name of the file read (the last place the agency and year are looked for).

    Returns:
        The :class:`~govreport.parsers.ParseResult`.

    Raises:
        ParseError: the page does not read as a report, or is far larger than a report page.
    """
    source, title = html_source(html)
    return read_source(
        source,
        kind="html",
        edition=edition,
        agency=agency,
        year=year,
        document_title=title,
        document_meta=page_meta(html),
        file_name=file_name,
    )
