"""The Markdown front end: reports as PDF-to-Markdown converters and people write them.

The source is read line by line, like plain text (page footers dropped, at most
:data:`~govreport.parsers.MAX_ITEMS` lines), and what Markdown adds is taken back out before the reader sees it:

- ``#`` headings (and setext underlines ``===``/``---``) are read as their text; ``\\.`` and other backslash
  escapes as the character they escape; ``**`` and ``<br>`` are dropped;
- tables written as ``<table>`` markup inside the Markdown (converters write merged cells so) are read by the HTML
  front end, cell by cell, in place;
- GitHub-style pipe tables are read row by row (the reader cuts a row at its pipes and skips ``|---|`` separator
  rows), so one table spread over several pipe tables and loose lines reads as the one table it is;
- a heading that only captions the table fragment after it (``### （一）予以公开`` above a one-row table whose row
  is ``予以公开``) is a caption, not a second copy of the row's label;
- a table whose rows are column groups (table 四), converted into one small table per group, each captioned with
  the group's name and holding one unlabelled row of values, is put back together in the declared order of its
  groups, but only when the captions name every group of the table once and each fragment has exactly its
  group's number of cells. Otherwise the fragments are read as they stand, and values without a label are
  reported, not placed.

Every item keeps its line and its column in the Markdown source.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from govreport._defaults import DEFAULT_EDITION
from govreport.editions import get_edition
from govreport.editions._spec import Line
from govreport.errors import ParseError
from govreport.findings import SourceLocation
from govreport.parsers._assembly import ParseResult, check_items, read_source
from govreport.parsers._detect import detect
from govreport.parsers._lexicon import Lexicon, lexicon
from govreport.parsers._limits import MAX_INLINE_MARKS
from govreport.parsers._source import Source
from govreport.parsers.normalize import classify, fold
from govreport.parsers.text import Lines

__all__ = ["looks_like_markdown", "markdown_source", "parse_markdown"]

_ATX = re.compile(r"\s{0,3}(#{1,6})(?:\s+|$)")
# A run of white space is taken whole (possessive, *+) and a search starts no match inside one ((?<!\s)): with a
# run that could be cut between two quantifiers, or searched from each of its characters, a line of many spaces
# took time that grows as its square (20,000 spaces: 5 to 11 s each). What each pattern matches is unchanged.
_ATX_CLOSE = re.compile(r"(?<!\s)\s++#++\s*+$")
_SETEXT = re.compile(r"\s{0,3}(?:=+|-{3,})\s*")
_INLINE = re.compile(r"\\([!-/:-@\[-`{-~])|<br\s{0,4}/?>|\*\*")
_DELIMITER_ROW = re.compile(r"\s*+\|?\s*+:?-{3,}:?\s*+(?:\|\s*+:?-{3,}:?\s*+)*+\|?\s*+")
_ENUMERATOR = re.compile(
    r"(?<!\s)\s*+(?:[(（]\s*+[一二三四五六七八九十0-9]{1,3}\s*+[)）]|[一二三四五六七八九十0-9]{1,3}\s*+[、.．])\s*+"
)
#: Markdown in the first bytes of a source: a pipe table's separator row, or an ATX heading, on one line (white
#: space that may hold a line break made a search over thousands of line breaks take time that grows as their square).
_SNIFF = re.compile(r"(?m)^[^\S\n]{0,3}(?:\|?[^\S\n]*:?-{3,}:?[^\S\n]*\|[^\S\n]*:?-{3,}|#{1,6}[^\S\n]+\S)")
_MAX_CAPTION: Final = 80
_TABLE_TAG = re.compile(r"<(/)?table\b[^>]{0,2000}>", re.IGNORECASE)


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` (the first kilobytes of a source) has a pipe table's separator row or an ``#`` heading."""
    if "---" not in text and "#" not in text:  # what both signs need: a quick no for most text and pages
        return False
    return _SNIFF.search(text) is not None


def _cells(line: str) -> list[str]:
    """The cells of a pipe-table row (the pipes at its ends are no cells)."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


def _is_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def _key(text: str) -> str:
    """The matching key of a caption or label, without its enumerator (``（一）``, ``一、``, ``1.``)."""
    return fold(_ENUMERATOR.sub("", text, count=1))


class _Text:
    """The lines of the source as the reader will see them, with their column shifts and order."""

    def __init__(self, lines: Lines) -> None:
        self.texts = lines.texts
        self.numbers = lines.numbers
        self.pages = lines.pages
        self.shift = [0] * len(self.texts)
        self.maps: dict[int, list[int]] = {}
        self.headings: set[int] = set()
        self.marks = 0  # inline marks taken out so far, all lines together

    def unmark(self) -> None:
        """Headings as their text, setext underlines dropped, backslash escapes as the characters they escape."""
        texts = self.texts
        for i, line in enumerate(texts):
            if not line or line.isspace():
                continue
            text = line
            m = _ATX.match(text)
            if m is not None:
                body = _ATX_CLOSE.sub("", text[m.end() :]).rstrip()
                texts[i] = body
                self.shift[i] = m.end()
                self.headings.add(i)
                text = body
            elif i > 0 and _SETEXT.fullmatch(text) and texts[i - 1].strip() and not _is_row(texts[i - 1]):
                texts[i] = ""
                self.headings.add(i - 1)
                continue
            if "\\" in text or "<" in text or "**" in text:
                self._inline(i, text)

    def _inline(self, i: int, text: str) -> None:
        """Line ``i`` without backslash escapes (``1\\.`` is ``1.``), ``<br>`` tags and ``**`` emphasis, each
        character kept where it was."""
        kept: list[int] = []
        out: list[str] = []
        last = 0
        for e in _INLINE.finditer(text):
            self.marks += 1
            if self.marks > MAX_INLINE_MARKS:
                msg = (
                    f"not a report: more than {MAX_INLINE_MARKS} inline marks (backslash escapes, <br> tags, ** "
                    "emphasis) in the Markdown"
                )
                raise ParseError(msg)
            out.append(text[last : e.start()])
            kept.extend(range(last, e.start()))
            if e.group(1) is not None:  # an escaped character: the character (a pipe inside a cell: a space)
                out.append(" " if e.group(1) == "|" else e.group(1))
                kept.append(e.start() + 1)
            last = e.end()
        if last:
            out.append(text[last:])
            kept.extend(range(last, len(text)))
            self.texts[i] = "".join(out)
            self.maps[i] = [k + self.shift[i] for k in kept] or [self.shift[i]]

    def blocks(self) -> list[tuple[int, int]]:
        """The pipe tables: (first line, line after the last) of each run of table rows."""
        found = []
        texts = self.texts
        i, n = 0, len(texts)
        while i < n:
            if _is_row(texts[i]):
                j = i
                while j < n and _is_row(texts[j]):
                    j += 1
                found.append((i, j))
                i = j
            else:
                i += 1
        return found

    def caption_of(self, start: int) -> int | None:
        """The heading right above line ``start`` (blank lines between), if there is one."""
        i = start - 1
        while i >= 0 and not self.texts[i].strip():
            i -= 1
        if i >= 0 and i in self.headings and len(self.texts[i]) <= _MAX_CAPTION:
            return i
        return None

    def body(self, start: int, end: int) -> tuple[list[str] | None, list[int]]:
        """The header row's cells and the body rows of a table: the header is the row above the separator row
        ``|---|``, or, in a table without one, a first row of text cells only above rows with values."""
        texts = self.texts
        if end - start >= 2 and _DELIMITER_ROW.fullmatch(texts[start + 1]):
            return _cells(texts[start]), list(range(start + 2, end))
        rows = [i for i in range(start, end) if not _DELIMITER_ROW.fullmatch(texts[i])]
        if len(rows) >= 2:
            first = _cells(texts[rows[0]])
            if all(classify(c)[0] == "text" for c in first if c) and any(
                classify(c)[0] != "text" for c in _cells(texts[rows[1]])
            ):
                return first, rows[1:]
        return None, rows

    def drop_captions(self, blocks: list[tuple[int, int]], lex: Lexicon) -> None:
        """Take out the headings that only caption the fragment of a table below them, whose first row has the
        caption's label. Where the caption has the label as the format prints it (``（一）予以公开``) and the row a
        shorter one (``予以公开``), the row is read with the caption's label (located at the row's label cell)."""
        texts = self.texts
        for start, end in blocks:
            caption = self.caption_of(start)
            if caption is None:
                continue
            _header, rows = self.body(start, end)
            if not rows:
                continue
            row = rows[0]
            label = _cells(texts[row])[0]
            key = _key(texts[caption])
            if not key or _key(label) != key:
                continue
            published = texts[caption].strip()
            if fold(published) in lex.entries and fold(label) not in lex.entries and row not in self.maps:
                self._relabel(row, published)
            texts[caption] = ""

    def _relabel(self, row: int, label: str) -> None:
        """Give the label cell of table row ``row`` the text ``label``, located where the cell's text was."""
        text = self.texts[row]
        first = text.index("|") + 1
        second = text.find("|", first)
        if second < 0:
            return
        cell = text[first:second]
        at = first + len(cell) - len(cell.lstrip())
        new = f"{text[:first]} {label} {text[second:]}"
        shift = self.shift[row]
        self.maps[row] = [
            *(shift + k for k in range(first)),
            *([shift + at] * (len(label) + 2)),
            *(shift + k for k in range(second, len(text))),
        ]
        self.texts[row] = new

    def regroup(self, blocks: list[tuple[int, int]], lex: Lexicon) -> list[int]:
        """The reading order of the lines: a column-grouped table printed as one fragment per group is put back
        into one row (its captions and headers first, then every fragment's values in order)."""
        order = list(range(len(self.texts)))
        runs: list[list[tuple[int, int, int, int]]] = []
        run: list[tuple[int, int, int, int]] = []
        for start, end in blocks:
            fragment = self._fragment(start, end)
            if fragment is not None and run and self._adjacent(run[-1][2], fragment[0]):
                run.append(fragment)
                continue
            if len(run) > 1:
                runs.append(run)
            run = [fragment] if fragment is not None else []
        if len(run) > 1:
            runs.append(run)
        tables = [
            [(line, tuple(fold(t) for t in (line.label, *line.aliases))) for line in ct.table.lines]
            for ct in lex.column_tables.values()
        ]
        for run in runs:
            for lines in tables:
                # every group named once by a caption (in any order), each fragment with the group's number of cells
                picked = [_group_of(self.texts[f[0]], lines) for f in run]
                if sorted(picked, key=lambda g: -1 if g is None else g) != list(range(len(lines))) or any(
                    g is None or len(_cells(self.texts[f[3]])) != len(lines[g][0].columns)
                    for f, g in zip(run, picked, strict=True)
                ):
                    continue
                first_line, last_line = run[0][0], run[-1][2]
                values = [f[3] for _g, f in sorted(zip(picked, run, strict=True), key=lambda p: p[0] or 0)]
                for r in values:  # one row now: its fragments' outer pipes are no blank cells
                    self.texts[r] = _unpiped(self.texts[r])
                head = [i for i in range(first_line, last_line) if i not in values]
                order[first_line:last_line] = [*head, *values]
                break
        return order

    def _fragment(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """A captioned fragment with a header row and one body row of values only: (caption, start, end, row)."""
        caption = self.caption_of(start)
        if caption is None:
            return None
        header, rows = self.body(start, end)
        if header is None or len(rows) != 1:
            return None
        cells = _cells(self.texts[rows[0]])
        if not cells or any(classify(c)[0] == "text" for c in cells):
            return None
        return caption, start, end, rows[0]

    def _adjacent(self, end: int, caption: int) -> bool:
        return all(not self.texts[i].strip() for i in range(end, caption))

    def source(self, order: list[int], tables: dict[int, tuple[Source, int, int, int]]) -> Source:
        """The :class:`~._source.Source` of the lines in ``order``, each HTML table (``tables``: first line →
        its source, line number and column) read as its cells in place of its lines."""
        numbers, pages, shift, maps, texts = self.numbers, self.pages, self.shift, self.maps, self.texts
        out: list[str] = []
        cells: list[bool] = []
        where: list[tuple[int, int]] = []  # item → (line, -1) or (table's first line, its item)
        for k in order:
            table = tables.get(k)
            if table is None:
                out.append(texts[k])
                cells.append(False)
                where.append((k, -1))
                continue
            found = table[0]
            out.extend(found.texts)
            cells.extend(found.cells or [False] * len(found.texts))
            where.extend((k, j) for j in range(len(found.texts)))

        def locate(i: int, offset: int) -> SourceLocation:
            k, j = where[i]
            if j >= 0:
                table, line, column, before = tables[k]
                at = table.locate(j, offset)
                first = at.line == 1
                return attrs.evolve(
                    at,
                    line=(at.line or 1) + line - 1,
                    column=(at.column or 1) + (column if first else 0),
                    page=pages[k],
                    table=None if at.table is None else at.table + before,
                )
            found = maps.get(k)
            column = found[min(offset, len(found) - 1)] if found else shift[k] + offset
            return SourceLocation(line=numbers[k], column=1 + column, page=pages[k])

        return Source(out, locate, cells=cells if tables else None)

    def html_tables(self, text: str) -> dict[int, tuple[Source, int, int, int]]:
        """The ``<table>`` markup in the Markdown (converters write merged-cell tables as HTML): for the first line
        of each table, the table read by the HTML front end, its line number and column, and the number of tables
        before it; its lines are blanked."""
        found: dict[int, tuple[Source, int, int, int]] = {}
        if "<table" not in text and "<TABLE" not in text:
            return found
        from govreport.parsers.html import html_source  # noqa: PLC0415 - only for Markdown with HTML tables

        line_of = {n: i for i, n in enumerate(self.numbers)}
        count = len(self.texts)
        line, at = 1, 0  # the line number of offset ``at``, counted on as the tables come
        for start, end, before in _html_tables(text):
            line += text.count("\n", at, start)
            first_line, at = line, start
            last_line = first_line + text.count("\n", start, end)
            column = start - (text.rfind("\n", 0, start) + 1)
            items = [line_of[n] for n in range(first_line, last_line + 1) if n in line_of]
            if not items:
                continue
            table, _title = html_source(text[start:end])
            count += len(table.texts)
            check_items(count)  # the cells of every table and the lines, checked as they are made
            for i in items:
                self.texts[i] = ""
            found[items[0]] = (table, first_line, column, before)
        return found


def _html_tables(text: str) -> list[tuple[int, int, int]]:
    """Where each outermost ``<table>…</table>`` is in ``text`` (an unclosed one runs to the end), and how many
    tables open before it."""
    spans = []
    depth, start, opened, before = 0, 0, 0, 0
    for m in _TABLE_TAG.finditer(text):
        if m.group(1) is None:  # an opening tag
            if depth == 0:
                start, before = m.start(), opened
            depth += 1
            opened += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                spans.append((start, m.end(), before))
    if depth > 0:
        spans.append((start, len(text), before))
    return spans


def _unpiped(row: str) -> str:
    """A table row without the pipes at its ends (each a space, so every column stays where it was)."""
    start = row.index("|")
    end = row.rindex("|")
    inner = row[start + 1 : end] if end > start else row[start + 1 :]
    tail = row[end + 1 :] if end > start else ""
    return f"{row[:start]} {inner} {tail}" if end > start else f"{row[:start]} {inner}"


def _group_of(caption: str, lines: list[tuple[Line, tuple[str, ...]]]) -> int | None:
    """The index of the one group whose label (the longest one, where several are in it) the caption names."""
    key = fold(caption)
    best, size, ties = None, 0, False
    for n, (_line, keys) in enumerate(lines):
        for k in keys:
            if k and k in key:
                if len(k) > size:
                    best, size, ties = n, len(k), False
                elif len(k) == size and best != n:
                    ties = True
    return None if ties else best


def markdown_source(text: str, *, edition: str | None = DEFAULT_EDITION) -> Source:
    """The :class:`~._source.Source` of a Markdown report: its lines, as the reader reads them.

    Args:
        text: the Markdown.
        edition: the edition whose column-grouped tables may have been printed in fragments; ``None``: the one
            the text shows (:func:`~._detect.detect`).

    Raises:
        ParseError: more than :data:`~govreport.parsers.MAX_ITEMS` lines.
    """
    lines = Lines()
    lines.add(text)
    md = _Text(lines)
    tables = md.html_tables(text)
    md.unmark()
    blocks = md.blocks()
    lex = lexicon(get_edition(edition if edition is not None else detect(md.texts, brief=True).edition))
    md.drop_captions(blocks, lex)
    order = md.regroup(blocks, lex)
    return md.source(order, tables)


def parse_markdown(
    text: str,
    *,
    edition: str | None = None,
    agency: str | None = None,
    year: int | None = None,
    file_name: str | None = None,
) -> ParseResult:
    """Parse a report written in (or converted to) Markdown.

    Args:
        text: the Markdown.
        edition: the edition whose labels are matched; ``None`` to detect it.
        agency: the agency, when known (see :func:`govreport.parsers.parse`).
        year: the statistics year, when known.
        file_name: the name of the file the report came from (the last place the agency and year are looked for).

    Returns:
        The :class:`~govreport.parsers.ParseResult`.

    Raises:
        ParseError: the text does not read as a report, or has more than
            :data:`~govreport.parsers.MAX_ITEMS` lines.
    """
    source = markdown_source(text, edition=edition)
    return read_source(source, kind="markdown", edition=edition, agency=agency, year=year, file_name=file_name)
