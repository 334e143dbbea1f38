"""The format-aware reader shared by the text, HTML and PDF front ends.

A front end turns its source into :class:`Item` objects in reading order: lines of text (text, PDF) or
paragraphs and table cells (HTML), each with its :class:`~govreport.findings.SourceLocation`. This module then

1. finds the six section headings (official wording and the variants of format-2021.md §1 and §4),
2. reads title, agency and year from the title or preamble,
3. cuts the items between the headings of 二 and 五 into *tokens* (labels, numbers, missing markers, blank
   cells) however the table was flattened (§4 styles A–F),
4. matches labels against the edition's declared labels after :func:`~govreport.parsers.normalize.fold`,
   and places the values that follow each row label into the row's cells; a row whose cells vanished is
   re-aligned only when the row totals prove where each value goes,
5. keeps the prose of 一, 五 and 六 exactly as published,

and says, with a source location, everything it could not read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import combinations
from types import MappingProxyType
from typing import Any, Final, Literal, TypeVar

import attrs

from govreport.editions import Edition, get_edition
from govreport.editions import e2021 as _e2021
from govreport.editions._spec import Column, Group, Line, TableSpec
from govreport.errors import ParseError
from govreport.findings import Finding, Severity, SourceLocation
from govreport.model import Report
from govreport.parsers.normalize import (
    COLUMNS_2019,
    HEADER_VARIANTS,
    HEADING_KEYWORDS,
    HEADING_VARIANTS,
    LINE_ALIASES,
    fold,
    fold_same_length,
    read_cell,
)

__all__ = ["PLACEHOLDER_AGENCY", "PLACEHOLDER_YEAR", "Item", "ParseResult", "read_items"]

#: The agency written into a parsed report whose source names no agency and no ``agency=`` hint was given.
#: It is paired with an error-severity ``parse.agency_missing`` finding, so such a result never passes as read.
PLACEHOLDER_AGENCY: Final = "（未能识别机关名称）"
#: The year written into a parsed report whose source states no year (and no ``year=`` hint was given): an
#: impossible statistics year, paired with an error-severity ``parse.year_missing`` finding.
PLACEHOLDER_YEAR: Final = 1000

_MAX_UNPLACED_COMBINATIONS: Final = 20000
#: Lines (or HTML paragraphs and cells) a source may have: a long report has about 2,000.
MAX_ITEMS: Final = 50_000
#: Cells and words the tables of 二, 三 and 四 may flatten into: a report has about 1,000.
MAX_TABLE_TOKENS: Final = 10_000
#: Unknown labels per document that are compared with the official ones for typos (difflib is not cheap).
_FUZZY_BUDGET: Final = 300


@attrs.frozen(kw_only=True)
class Item:
    """One unit of a published source in reading order.

    Attributes:
        text: the text as published (a line, a paragraph, or a table cell's text).
        location: where it is in the source.
        cell: ``True`` for an HTML table cell, which is one table cell however it reads.
    """

    text: str
    location: SourceLocation
    cell: bool = False


@attrs.frozen(kw_only=True)
class ParseResult:
    """What a parser read from a published report.

    Attributes:
        report: the typed report; cells that could not be read are ``None`` (missing), never 0.
        findings: what could not be read, or was read with a repair, each with a source location.
        source_map: the source location of every JSON Pointer that was read from the source (cells, rows,
            title, agency, year, prose sections).
        kind: the kind of source that was read: ``"text"``, ``"html"`` or ``"pdf"``.
    """

    report: Report
    findings: tuple[Finding, ...]
    source_map: Mapping[str, SourceLocation]
    kind: str = "text"


# --- the lexicon, derived from the edition ---------------------------------------------------------------

EntryKind = Literal["line", "group", "header"]


@attrs.frozen(kw_only=True)
class _Entry:
    kind: EntryKind
    label: str
    tables: frozenset[str]
    line: Line | None = None
    group: Group | None = None
    block: bool = False  # a sub-table title (第二十条第（一）项…)
    foreign: bool = False  # a column header of the 2019 trial format


@attrs.frozen(kw_only=True)
class _ColumnTable:
    """A table whose lines are labelled by column headers, with all values in the last grid row (table 四)."""

    table: TableSpec
    cells: tuple[tuple[Line, Column], ...]


@attrs.frozen(kw_only=True, eq=False)
class _Lexicon:
    entries: dict[str, _Entry]
    prefixes: frozenset[str]
    unique_prefix: dict[str, _Entry]
    line_keys: tuple[str, ...]
    column_tables: dict[str, _ColumnTable]
    headings: dict[int, tuple[str, str, tuple[str, ...]]]  # section → (numeral, official body, variant bodies)
    tables: tuple[TableSpec, ...]
    max_key: int
    fragments: frozenset[str]


_LEXICONS: dict[str, _Lexicon] = {}


def _lexicon(edition: Edition) -> _Lexicon:  # noqa: PLR0912, PLR0915 - one pass over the declaration
    found = _LEXICONS.get(edition.name)
    if found is not None:
        return found
    entries: dict[str, _Entry] = {}
    column_tables: dict[str, _ColumnTable] = {}

    def add(key: str, entry: _Entry) -> None:
        old = entries.get(key)
        if old is None:
            entries[key] = entry
        elif old.kind == entry.kind:
            entries[key] = attrs.evolve(old, tables=old.tables | entry.tables)
        elif entry.kind == "line":  # a data row wins over a header of the same wording
            entries[key] = entry

    for table in edition.tables:
        tset = frozenset({table.key})
        rows_of: dict[str, int] = {}
        for r, row in enumerate(table.grid):
            for cell in row:
                if cell.pointer is not None:
                    rows_of.setdefault(cell.pointer, r)
        groups = {g.label: g for g in table.groups}
        labelled = {}
        for line in table.lines:
            grid_row = rows_of.get(line.cell_pointer(line.columns[0]))
            if grid_row is not None and any(c.text == line.label for c in table.grid[grid_row]):
                labelled[line.label] = line
        if len(labelled) < len(table.lines):
            last = table.grid[-1]
            cells = tuple(edition.cell(c.pointer) for c in last if c.pointer is not None)
            column_tables[table.key] = _ColumnTable(table=table, cells=tuple(c for c in cells if c is not None))
        for block in table.blocks:
            if block.title:
                add(fold(block.title), _Entry(kind="header", label=block.title, tables=tset, block=True))
        for row in table.grid:
            for cell in row:
                if not cell.text:
                    continue
                if cell.text in labelled:
                    add(fold(cell.text), _Entry(kind="line", label=cell.text, tables=tset, line=labelled[cell.text]))
                elif cell.text in groups:
                    add(fold(cell.text), _Entry(kind="group", label=cell.text, tables=tset, group=groups[cell.text]))
                else:
                    add(fold(cell.text), _Entry(kind="header", label=cell.text, tables=tset))
    all_tables = frozenset(t.key for t in edition.tables)
    for key in COLUMNS_2019:
        entries[fold(key)] = _Entry(kind="header", label=key, tables=frozenset({edition.tables[0].key}), foreign=True)
    for key in HEADER_VARIANTS:
        if key not in entries:
            entries[key] = _Entry(kind="header", label=key, tables=all_tables)
    for key, ptr in LINE_ALIASES.items():
        for e in list(entries.values()):
            if e.line is not None and e.line.pointer == ptr:
                entries[key] = e
                break
            if e.group is not None and e.group.pointer == ptr:
                entries[key] = e
                break
    prefixes = frozenset(k[:i] for k in entries for i in range(1, len(k)))
    line_keys = tuple(k for k, e in entries.items() if e.kind == "line")
    counts: dict[str, set[str]] = {}
    for k in line_keys:
        ptr = entries[k].line.pointer if entries[k].line is not None else k  # type: ignore[union-attr]
        for i in range(4, len(k)):
            counts.setdefault(k[:i], set()).add(ptr)
    unique_prefix = {}
    for p, ptrs in counts.items():
        if len(ptrs) == 1:
            full = next(k for k in line_keys if k.startswith(p))
            unique_prefix[p] = entries[full]
    headings: dict[int, tuple[str, str, tuple[str, ...]]] = {}
    for field in edition.fields:
        if field.section is not None:
            headings[field.section] = _heading_parts(field.label, field.section)
    for table in edition.tables:
        headings[table.section] = _heading_parts(table.heading, table.section)
    lex = _Lexicon(
        entries=entries,
        prefixes=prefixes,
        unique_prefix=unique_prefix,
        line_keys=line_keys,
        column_tables=column_tables,
        headings=headings,
        tables=edition.tables,
        max_key=max(len(k) for k in entries),
        fragments=frozenset(k[i:j] for k in entries for i in range(len(k)) for j in range(i + 1, len(k) + 1)),
    )
    _LEXICONS[edition.name] = lex
    return lex


def _heading_parts(label: str, section: int) -> tuple[str, str, tuple[str, ...]]:
    numeral, _, body = label.partition("、")
    variants = tuple(fold(v) for v in HEADING_VARIANTS.get(section, ()))
    return numeral, fold(body), variants


# --- findings --------------------------------------------------------------------------------------------


class _Findings:
    def __init__(self) -> None:
        self.items: list[Finding] = []

    def add(
        self,
        rule: str,
        severity: Severity,
        location: SourceLocation | None,
        *,
        pointers: Sequence[str] = (),
        excerpt: str | None = None,
        expected: Any = None,
        actual: Any = None,
        missing: Sequence[str] = (),
        detail: Mapping[str, str] | None = None,
    ) -> None:
        self.items.append(
            Finding(
                rule=rule,
                severity=severity,
                pointers=tuple(pointers),
                excerpt=_shorten(excerpt) if excerpt is not None else None,
                expected=expected,
                actual=actual,
                missing=tuple(missing),
                location=location,
                detail=dict(detail or {}),
            )
        )


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- headings --------------------------------------------------------------------------------------------

_NUMERALS = "一二三四五六"
_HEADING_STARTS = frozenset(_NUMERALS + "第")
_HEADING = re.compile(r"^[\s#*]{0,8}(?:第\s{0,2})?([一二三四五六])(?:\s{0,2}部分)?\s{0,3}([、.,:，．：]|是|\s)?(.*)$")


def _heading_section(text: str, lex: _Lexicon, after: int) -> int | None:  # noqa: PLR0911 - one exit per test
    stripped = text.strip().strip("*#").strip()
    if not stripped or stripped[0] not in _HEADING_STARTS or len(stripped) > 48 or "。" in stripped[:-1]:
        return None
    m = _HEADING.match(fold_same_length(stripped))
    if m is None:
        return None
    section = _NUMERALS.index(m.group(1)) + 1
    if section <= after or section not in lex.headings:
        return None
    body = fold(m.group(3))
    if not body:
        return None
    _, official, variants = lex.headings[section]
    if body in (official, *variants):
        return section
    if m.group(2) is None:  # "一总体情况": only the exact wording counts without a separator
        return None
    if not any(k in body for k in HEADING_KEYWORDS.get(section, ())):
        return None
    best = max(difflib.SequenceMatcher(None, body, c).ratio() for c in (official, *variants))
    return section if best >= 0.5 else None


def _find_headings(items: Sequence[Item], lex: _Lexicon) -> dict[int, int]:
    found: dict[int, int] = {}
    last = 0
    for i, item in enumerate(items):
        s = _heading_section(item.text, lex, last)
        if s is not None:
            found[s] = i
            last = s
    return found


# --- tokens ----------------------------------------------------------------------------------------------

TokenKind = Literal["text", "number", "missing", "blank", "heading"]


@attrs.define(kw_only=True)
class _Token:  # mutable only so that the region walk can stamp the item index without a copy
    kind: TokenKind
    text: str
    key: str
    value: int | Decimal | None
    location: SourceLocation
    item: int = -1

    @property
    def strong(self) -> bool:
        return self.kind in ("number", "missing")


_WEAK: Final = "weak"
_MD_DELIMITER = re.compile(r"\s{0,8}:?-{3,}:?\s{0,8}")
_WORD = re.compile(r"\S+")


def _at(location: SourceLocation, column: int) -> SourceLocation:
    if location.line is None or column == 0:
        return location
    return SourceLocation(line=location.line, column=(location.column or 1) + column, page=location.page)


def _cell_token(text: str, location: SourceLocation) -> _Token:
    c = read_cell(text)
    if c.kind == "text":
        return _Token(kind="text", text=text.strip(), key=fold(text), value=None, location=location)
    return _Token(kind=c.kind, text=text.strip(), key="", value=c.value, location=location)


def _piece_tokens(text: str, location: SourceLocation, offset: int) -> Iterator[_Token]:
    if not text.strip():
        yield _Token(kind="blank", text="", key="", value=None, location=_at(location, offset))
        return
    whole = read_cell(text)
    if whole.kind != "text":
        start = len(text) - len(text.lstrip())
        yield _Token(
            kind=whole.kind, text=text.strip(), key="", value=whole.value, location=_at(location, offset + start)
        )
        return
    for m in _WORD.finditer(text):
        yield _cell_token(m.group(), _at(location, offset + m.start()))


def _item_tokens(item: Item) -> Iterator[_Token]:
    if item.cell:
        yield _cell_token(item.text, item.location)
        return
    raw = item.text.replace("｜", "|")
    if "|" not in raw:
        if raw.strip():
            yield from _piece_tokens(raw, item.location, 0)
        return
    pieces = raw.split("|")
    if all(not p.strip() or _MD_DELIMITER.fullmatch(p) for p in pieces) and any(p.strip() for p in pieces):
        return  # a markdown delimiter row |---|---|
    offset = 0
    last = len(pieces) - 1
    for i, piece in enumerate(pieces):
        # every piece before a pipe is a cell (maybe blank); the piece after the last pipe only if not blank
        if i < last or piece.strip():
            yield from _piece_tokens(piece, item.location, offset)
        elif i > 0 and piece and i == last:
            # "a | b | " may end with a blank cell or with a terminating pipe: a *weak* blank, used only when
            # the row is one cell short without it
            yield _Token(kind="blank", text="", key=_WEAK, value=None, location=_at(item.location, offset))
        offset += len(piece) + 1


# --- placing values --------------------------------------------------------------------------------------


@attrs.define(kw_only=True)
class _Ambiguity:
    """A row whose vanished cells more than one placement of its values fits."""

    slots: list[_Slot]
    values: list[_Token]
    candidates: list[tuple[int, ...]]
    label: str


@attrs.frozen(kw_only=True)
class _Slot:
    line: Line
    column: Column

    @property
    def pointer(self) -> str:
        return self.line.cell_pointer(self.column)


def _relations(slots: Sequence[_Slot]) -> list[tuple[int, list[int]]]:
    """The row-total relations among ``slots``: (index of a line's total, indices of its parts)."""
    out: list[tuple[int, list[int]]] = []
    by_line: dict[str, list[int]] = {}
    for i, s in enumerate(slots):
        by_line.setdefault(s.line.pointer, []).append(i)
    for idxs in by_line.values():
        keys = [slots[i].column.key for i in idxs]
        total_keys = {_e2021.REQUEST_TOTAL.key, _e2021.REVIEW_TOTAL.key}
        totals = [i for i, k in zip(idxs, keys, strict=True) if k in total_keys]
        if len(totals) == 1 and len(idxs) > 2:
            out.append((totals[0], [i for i in idxs if i != totals[0]]))
    return out


class _Reader:
    def __init__(self, items: Sequence[Item], edition: Edition) -> None:
        self.items = items
        self.edition = edition
        self.lex = _lexicon(edition)
        self.findings = _Findings()
        self.values: dict[str, int | Decimal | None] = {}
        self.source_map: dict[str, SourceLocation] = {}
        self.filled: set[str] = set()
        self.found_lines: set[str] = set()
        self.found_tables: set[str] = set()
        self.collapsed: list[tuple[Group, list[_Token], SourceLocation]] = []
        self.first_label_item: int | None = None
        self.fuzzy_budget = _FUZZY_BUDGET
        self.ambiguous: list[_Ambiguity] = []

    # -- value conversion

    def _store(self, slot: _Slot, token: _Token | None, reason: str) -> None:
        ptr = slot.pointer
        if ptr in self.filled:
            return
        self.filled.add(ptr)
        if token is None:
            self.values[ptr] = None
            return
        self.source_map[ptr] = token.location
        if token.kind == "number":
            value = token.value
            if slot.column.kind == "amount":
                self.values[ptr] = value if isinstance(value, Decimal) else Decimal(value or 0)
                return
            if isinstance(value, Decimal):
                if value == value.to_integral_value():
                    self.values[ptr] = int(value)
                    return
                self.values[ptr] = None
                self.findings.add(
                    "parse.not_a_count",
                    Severity.WARNING,
                    token.location,
                    pointers=(ptr,),
                    excerpt=token.text,
                    actual=token.text,
                )
                return
            self.values[ptr] = value
            return
        self.values[ptr] = None
        self.findings.add(
            "cells.missing",
            Severity.WARNING,
            token.location,
            pointers=(ptr,),
            missing=(ptr,),
            excerpt=token.text or reason,
            detail={"reason": "blank" if token.kind == "blank" else "marker"},
        )

    def _missing(self, slot: _Slot, location: SourceLocation | None, reason: str) -> None:
        ptr = slot.pointer
        if ptr in self.filled:
            return
        self.filled.add(ptr)
        self.values[ptr] = None
        self.findings.add(
            "cells.missing",
            Severity.WARNING,
            location,
            pointers=(ptr,),
            missing=(ptr,),
            detail={"reason": reason},
        )

    def _unplaced(self, token: _Token, context: str, pointers: Sequence[str] = ()) -> None:
        if token.kind != "number":
            return
        self.findings.add(
            "parse.unplaced_value",
            Severity.WARNING,
            token.location,
            pointers=pointers,
            excerpt=token.text,
            actual=token.value,
            detail={"context": context},
        )

    # -- placing a row

    def place(  # noqa: PLR0912 - the cases of format-2021.md §4 cells, in order
        self,
        slots: Sequence[_Slot],
        tokens: Sequence[_Token],
        label: str,
        *,
        at_end: bool,
        where: SourceLocation,
        unlabelled: bool = False,
    ) -> None:
        n = len(slots)
        firm = [t for t in tokens if t.key != _WEAK]
        if len(firm) < n:  # a row short of cells takes the weak blanks that end it
            last_firm = max((i for i, t in enumerate(tokens) if t.key != _WEAK), default=-1)
            trailing = [t for t in tokens[last_firm + 1 :] if t.key == _WEAK]
            firm.extend(trailing[: n - len(firm)])
        tokens = firm
        strong = [i for i, t in enumerate(tokens) if t.strong]
        if not strong:
            if len(tokens) >= n:
                for slot, token in zip(slots, tokens[:n], strict=True):
                    self._store(slot, token, "blank")
            else:
                loc = tokens[-1].location if tokens else where
                for i, slot in enumerate(slots):
                    if i < len(tokens):
                        self._store(slot, tokens[i], "blank")
                    else:
                        self._missing(slot, loc, "truncated" if at_end else "not_found")
            return
        if len(tokens) >= n:
            windows = [s for s in range(len(tokens) - n + 1) if s <= strong[0] and strong[-1] < s + n]
            # Several windows fit when blank cells and layout pipes look alike ("|" starting a row): the one
            # whose row totals hold is the reading; failing that, the first.
            relations = _relations(slots) if len(windows) > 1 else []
            consistent = [s for s in windows if _consistent(tokens[s : s + n], relations)]
            start = consistent[0] if consistent else windows[0] if windows else strong[0]
            # A row label is followed by its cells, so the first window is the reading. Values under column
            # headers (table 四) may be preceded by a layout pipe that starts the row: where the windows that
            # fit disagree about a cell, the cell cannot be read.
            fits = (consistent or windows) if unlabelled else [start]
            for i, (slot, token) in enumerate(zip(slots, tokens[start : start + n], strict=False)):
                readings = {(tokens[w + i].kind, tokens[w + i].value) for w in fits}
                if len(readings) == 1:
                    self._store(slot, token, "blank")
                else:
                    self._missing(slot, token.location, "ambiguous")
                    self._unplaced(token, f"a blank cell or a layout pipe before the values of {label}")
            for token in tokens[start + n :]:
                self._unplaced(token, f"more values than the {n} columns of {label}")
            return
        if at_end:  # the document was cut off inside this row: what is there is read from the left
            for i, slot in enumerate(slots):
                if i < len(tokens):
                    self._store(slot, tokens[i], "blank")
                else:
                    self._missing(slot, tokens[-1].location, "truncated")
            return
        self._realign(slots, [tokens[i] for i in strong], label)

    def _realign(self, slots: Sequence[_Slot], values: Sequence[_Token], label: str) -> None:
        n, k = len(slots), len(values)
        relations = _relations(slots)
        candidates: list[tuple[int, ...]] = []
        if relations and all(v.kind == "number" for v in values):
            numbers = [v.value for v in values]
            for count, combo in enumerate(combinations(range(n), k)):
                if count > _MAX_UNPLACED_COMBINATIONS:
                    candidates = []
                    break
                placed = dict(zip(combo, numbers, strict=True))
                if _proves(placed, relations):
                    candidates.append(combo)
        if len(candidates) > 1:  # the column totals may still tell (resolve() runs when every row is read)
            self.ambiguous.append(
                _Ambiguity(slots=list(slots), values=list(values), candidates=candidates, label=label)
            )
            return
        self._settle(slots, values, candidates, label, how="row")

    def _settle(
        self,
        slots: Sequence[_Slot],
        values: Sequence[_Token],
        candidates: Sequence[tuple[int, ...]],
        label: str,
        *,
        how: str,
    ) -> None:
        """Place the values whose column every remaining candidate agrees on; report the others."""
        n, k = len(slots), len(values)
        location = values[0].location
        if not candidates:
            for v in values:
                self._unplaced(v, f"{k} values for the {n} columns of {label}; the row totals do not prove where")
            for slot in slots:
                self._missing(slot, location, "vanished")
            return
        proven: dict[int, int] = {}
        for t in range(k):
            positions = {c[t] for c in candidates}
            if len(positions) == 1:
                proven[t] = positions.pop()
        for t, v in enumerate(values):
            if t in proven:
                self._store(slots[proven[t]], v, "blank")
            else:
                self._unplaced(v, f"{k} values for the {n} columns of {label}; more than one placement fits the totals")
        if proven:
            self.findings.add(
                "parse.realigned",
                Severity.WARNING,
                location,
                pointers=[slots[p].pointer for p in sorted(proven.values())],
                excerpt=" ".join(v.text for v in values),
                detail={"found": str(k), "columns": str(n), "proof": how},
            )
        for slot in slots:
            self._missing(slot, location, "vanished")

    def resolve(self) -> None:
        """Settle the rows that more than one placement fitted, using the column totals of table 三.

        A placement is dropped only when a column relation it takes part in is fully known and fails
        (``requests.outcome_total``, ``requests.balance``); one that cannot be checked stays possible.
        """
        by_pointer: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for relation in _column_relations():
            for ptr in (*relation[0], *relation[1]):
                by_pointer.setdefault(ptr, []).append(relation)
        progress = True
        while progress and self.ambiguous:
            progress = False
            for amb in list(self.ambiguous):
                kept = [c for c in amb.candidates if not self._contradicted(amb, c, by_pointer)]
                if len(kept) < len(amb.candidates):
                    amb.candidates = kept
                if len(kept) <= 1:
                    self.ambiguous.remove(amb)
                    self._settle(amb.slots, amb.values, kept, amb.label, how="columns")
                    progress = True
        for amb in self.ambiguous:
            self._settle(amb.slots, amb.values, amb.candidates, amb.label, how="row")
        self.ambiguous.clear()

    def _contradicted(
        self,
        amb: _Ambiguity,
        combo: tuple[int, ...],
        by_pointer: Mapping[str, list[tuple[tuple[str, ...], tuple[str, ...]]]],
    ) -> bool:
        trial = {amb.slots[slot].pointer: amb.values[t].value for t, slot in enumerate(combo)}
        # the row's other cells are vanished (missing) under this placement
        empty = {s.pointer for s in amb.slots} - set(trial)

        def value(ptr: str) -> Any:
            if ptr in trial:
                return trial[ptr]
            if ptr in empty or ptr not in self.filled:
                return None
            return self.values.get(ptr)

        for ptr in trial:
            for lhs, rhs in by_pointer.get(ptr, ()):
                left = [value(p) for p in lhs]
                right = [value(p) for p in rhs]
                if any(v is None for v in (*left, *right)):
                    continue
                if sum(left) != sum(right):
                    return True
        return False

    # -- the token walk

    def match(self, tokens: Sequence[_Token], i: int) -> tuple[_Entry, int, str] | None:
        """The entry whose label starts at ``tokens[i]``, the index of its last token, and the unread suffix."""
        lex = self.lex
        key = tokens[i].key
        best: tuple[_Entry, int] | None = (lex.entries[key], i) if key in lex.entries else None
        acc, j = key, i
        while j + 1 < len(tokens) and tokens[j + 1].kind == "text" and len(acc) < lex.max_key:
            nxt = acc + tokens[j + 1].key
            if nxt not in lex.prefixes and nxt not in lex.entries:
                break
            acc, j = nxt, j + 1
            if acc in lex.entries:
                best = (lex.entries[acc], j)
        if best is not None:
            return best[0], best[1], ""
        if acc in lex.unique_prefix and len(acc) >= 4:
            e = lex.unique_prefix[acc]
            return e, j, fold(e.label)[len(acc) :]
        if 5 <= len(key) <= 60 and self.fuzzy_budget > 0:
            self.fuzzy_budget -= 1
            close = difflib.get_close_matches(key, lex.line_keys, n=2, cutoff=0.85)
            if len(close) == 1 or (len(close) == 2 and lex.entries[close[0]] is lex.entries[close[1]]):
                e = lex.entries[close[0]]
                self.findings.add(
                    "parse.label_variant",
                    Severity.INFO,
                    tokens[i].location,
                    pointers=(e.line.pointer,) if e.line is not None else (),
                    excerpt=tokens[i].text,
                    expected=e.label,
                    actual=tokens[i].text,
                )
                return e, i, ""
        return None

    def walk(self, tokens: Sequence[_Token], *, truncated: bool) -> None:  # noqa: PLR0912, PLR0915 - one state machine
        anchor: Any = None  # a _Slot row, a _ColumnTable, a collapsed Group, or None
        anchor_label = ""
        anchor_loc = SourceLocation()
        pending: list[_Token] = []
        suffix = ""
        unknown: list[_Token] = []
        foreign: SourceLocation | None = None  # under 2019 column headers since this location

        def flush(*, at_end: bool = False) -> None:
            nonlocal anchor, pending
            if isinstance(anchor, Line) and foreign is not None:
                for t in pending:
                    self._unplaced(t, f"{anchor_label} under columns of the 2019 trial format", (anchor.pointer,))
                for c in anchor.columns:
                    self._missing(_Slot(line=anchor, column=c), anchor_loc, "columns_2019")
            elif isinstance(anchor, Line):
                slots = [_Slot(line=anchor, column=c) for c in anchor.columns]
                self.place(slots, pending, anchor_label, at_end=at_end, where=anchor_loc)
            elif isinstance(anchor, _ColumnTable):
                if any(t.strong for t in pending) or at_end or len(pending) >= len(anchor.cells):
                    slots = [_Slot(line=ln, column=c) for ln, c in anchor.cells]
                    self.place(slots, pending, anchor_label, at_end=at_end, where=anchor_loc, unlabelled=True)
            elif isinstance(anchor, Group):
                if any(t.kind == "number" for t in pending):
                    self.collapsed.append((anchor, list(pending), pending[0].location))
            else:
                for t in pending:
                    self._unplaced(t, "after a label that is not a row of the format" if unknown else "no row label")
            anchor, pending = None, []

        def report_unknown() -> None:
            # pieces of official labels (header words split over lines in a PDF) are layout, not unknown text
            if unknown and not all(t.key in self.lex.fragments for t in unknown):
                self.findings.add(
                    "parse.label_unknown",
                    Severity.INFO,
                    unknown[0].location,
                    excerpt=" ".join(t.text for t in unknown),
                )
            unknown.clear()

        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.kind == "heading":
                report_unknown()
                flush()
                suffix = ""
                foreign = None
                # A table whose headers could not be read (split words in a PDF) still owns its values.
                spec = next((t for t in self.lex.tables if str(t.section) == tok.key), None)
                if spec is not None and spec.key in self.lex.column_tables:
                    anchor, anchor_label, anchor_loc = self.lex.column_tables[spec.key], spec.heading, tok.location
                i += 1
                continue
            if tok.kind != "text":
                report_unknown()
                pending.append(tok)
                i += 1
                continue
            if suffix and suffix.startswith(tok.key):  # the rest of a label wrapped after its values
                suffix = suffix[len(tok.key) :]
                i += 1
                continue
            found = self.match(tokens, i)
            if found is None:
                if len(tok.key) <= 2:  # a fragment: one character of a vertical label, a stray unit
                    i += 1
                    continue
                # Unknown text ends a row (its values must not run into the next one), except inside the
                # headers of a column-labelled table, whose split header words are unknown text.
                if not unknown and not (isinstance(anchor, _ColumnTable) and not any(t.strong for t in pending)):
                    flush()
                unknown.append(tok)
                i += 1
                continue
            report_unknown()
            entry, j, suffix = found
            label_text = " ".join(t.text for t in tokens[i : j + 1])
            if entry.kind == "line" and entry.line is not None:
                flush()
                line = entry.line
                if self.first_label_item is None:
                    self.first_label_item = tok.item
                self.found_tables.update(entry.tables)
                if line.pointer in self.found_lines:
                    self.findings.add(
                        "parse.duplicate_row",
                        Severity.WARNING,
                        tok.location,
                        pointers=(line.pointer,),
                        excerpt=label_text,
                    )
                    anchor = None
                else:
                    self.found_lines.add(line.pointer)
                    self.source_map.setdefault(line.pointer, tok.location)
                    anchor, anchor_label, anchor_loc = line, entry.label, tok.location
            elif entry.kind == "group" and entry.group is not None and entry.group == _e2021.OTHER_HANDLING:
                flush()
                self.found_tables.update(entry.tables)
                self.source_map.setdefault(entry.group.pointer, tok.location)
                anchor, anchor_label, anchor_loc = entry.group, entry.label, tok.location
            else:
                if entry.group is not None:
                    self.source_map.setdefault(entry.group.pointer, tok.location)
                if entry.block or entry.foreign:
                    flush()
                    if entry.block:
                        foreign = None
                    elif foreign is None:
                        foreign = tok.location
                        self.findings.add("parse.columns_2019", Severity.WARNING, tok.location, excerpt=label_text)
                column_tables = [self.lex.column_tables[t] for t in entry.tables if t in self.lex.column_tables]
                current = anchor.table.key if isinstance(anchor, _ColumnTable) else None
                if column_tables and (current in entry.tables or len(entry.tables) == 1):
                    self.found_tables.update(entry.tables)
                    if isinstance(anchor, _ColumnTable):
                        if not any(t.strong for t in pending):
                            pending = []
                    else:
                        flush()
                        anchor, anchor_label, anchor_loc = column_tables[0], entry.label, tok.location
                elif not (isinstance(anchor, _ColumnTable) and not any(t.strong for t in pending)):
                    flush()  # a header of another table ends a row; inside 四's split headers it is a word
            i = j + 1
        report_unknown()
        flush(at_end=truncated)

    def finish_collapsed(self) -> None:
        for group, tokens, location in self.collapsed:
            lines = next(ls for g, ls in _e2021.OUTCOME_GROUPS if g == group)
            if any(line.pointer in self.found_lines for line in lines):
                for t in tokens:
                    self._unplaced(t, f"{group.label} is printed both as one row and with its sub-rows")
                continue
            target = lines[-1]
            slots = [_Slot(line=target, column=c) for c in target.columns]
            self.place(slots, tokens, group.label, at_end=False, where=location)
            self.found_lines.update(line.pointer for line in lines)
            nonzero = []
            for c in target.columns:
                value = self.values.get(target.cell_pointer(c))
                for other in lines[:-1]:
                    ptr = other.cell_pointer(c)
                    self.filled.add(ptr)
                    self.values[ptr] = 0
                    self.source_map[ptr] = location
                if value != 0:
                    nonzero.append(c)
            if nonzero:
                pointers = [ln.cell_pointer(c) for c in nonzero for ln in lines]
                self.findings.add(
                    "layout.collapsed_row",
                    Severity.WARNING,
                    location,
                    pointers=pointers,
                    excerpt=" ".join(t.text for t in tokens),
                    detail={"group": group.label, "line": target.label},
                )


def _column_relations() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The per-column relations of table 三 (format-2021.md §3), as (left pointers, right pointers) of equal sums."""
    out: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for col in _e2021.REQUEST_COLUMNS:
        total = _e2021.OUTCOMES_TOTAL.cell_pointer(col)
        out.append(((total,), tuple(line.cell_pointer(col) for line in _e2021.OUTCOME_LINES)))
        out.append(
            (
                (_e2021.RECEIVED.cell_pointer(col), _e2021.CARRIED_OVER.cell_pointer(col)),
                (total, _e2021.CARRIED_FORWARD.cell_pointer(col)),
            )
        )
    return out


def _consistent(window: Sequence[_Token], relations: Sequence[tuple[int, list[int]]]) -> bool:
    """Whether no row-total relation with every cell a number fails in ``window``."""
    for total, parts in relations:
        cells = [window[i] for i in (total, *parts)]
        if all(t.kind == "number" for t in cells) and sum(window[p].value or 0 for p in parts) != window[total].value:
            return False
    return True


def _proves(placed: Mapping[int, Any], relations: Sequence[tuple[int, list[int]]]) -> bool:
    checked = False
    for total, parts in relations:
        placed_parts = [placed[p] for p in parts if p in placed]
        if total in placed:
            if sum(placed_parts) != placed[total]:
                return False
            # 0 = 0 + … + 0 proves nothing: a row of zeros whose 总计 vanished reads the same
            checked = checked or placed[total] != 0
        elif placed_parts:
            return False
    covered = {total for total, _ in relations} | {p for _, parts in relations for p in parts}
    return checked and all(p in covered for p in placed)


# --- title, agency, year -----------------------------------------------------------------------------

_TITLE = re.compile(
    r"((?:19|20)\d{2})\s{0,2}年度?\s{0,2}[^\s。，,、]{0,8}?(?:政府信息公开|政务公开|信息公开)[^\n。，,]{0,8}?报告"
)
_PERIOD = re.compile(r"((?:19|20)\d{2})\s{0,2}年\s{0,2}0?1\s{0,2}月\s{0,2}0?1\s{0,2}日")
_AGENCY_CUT = re.compile(r"[，,。:：;；《》“”\"()（）\s、]")
_AGENCY_VERBS = ("现予公布", "现公布", "现将", "特发布", "公布", "发布", "关于", "编制")


def _agency_before(text: str, end: int) -> str:
    head = text[:end].lstrip("#* ")
    folded = fold_same_length(head)
    cut = max((m.end() for m in _AGENCY_CUT.finditer(folded)), default=0)
    start = cut
    rest = folded[cut:]
    for verb in _AGENCY_VERBS:
        if rest.startswith(verb):
            start += len(verb)
            break
    return head[start:].strip()


def _normalise_prose(items: Sequence[Item]) -> str:
    lines = [item.text.strip() for item in items]
    return "\n".join(line for line in lines if line)


# --- the whole document ------------------------------------------------------------------------------


def _region_tokens(items: Sequence[Item], start: int, end: int, headings: Mapping[int, int]) -> list[_Token]:
    heading_items = set(headings.values())
    tokens: list[_Token] = []
    for idx in range(start, end):
        item = items[idx]
        if idx in heading_items:
            section = next(sec for sec, i in headings.items() if i == idx)
            tokens.append(
                _Token(kind="heading", text=item.text, key=str(section), value=None, location=item.location, item=idx)
            )
            continue
        for t in _item_tokens(item):
            t.item = idx
            tokens.append(t)
            if len(tokens) > MAX_TABLE_TOKENS:
                msg = (
                    f"not a report: the tables between sections 二 and 五 run to more than {MAX_TABLE_TOKENS} "
                    f"cells (at {item.location})"
                )
                raise ParseError(msg)
    return tokens


_T = TypeVar("_T")


def _settle(
    findings: _Findings,
    field: str,
    *,
    hint: _T | None,
    found: _T | None,
    found_at: SourceLocation | None,
    placeholder: _T,
    first: SourceLocation | None,
) -> _T:
    """A metadata field's value: the caller's hint (noting where the source says otherwise), else what the source
    says, else a visible placeholder with an error finding (``parse.agency_missing``, ``parse.year_missing``).
    """
    if hint is not None:
        if found is not None and found != hint:
            findings.add(
                "parse.hint_differs", Severity.INFO, found_at, expected=found, actual=hint, detail={"field": field}
            )
        return hint
    if found is not None:
        return found
    findings.add(f"parse.{field}_missing", Severity.ERROR, first, pointers=("/" + field,), actual=placeholder)
    return placeholder


def read_items(  # noqa: PLR0912, PLR0915 - the document walk reads top to bottom
    items: Sequence[Item],
    *,
    kind: str,
    edition: str = "2021",
    agency: str | None = None,
    year: int | None = None,
    document_title: str | None = None,
) -> ParseResult:
    """Read a report from ``items`` (the output of a front end).

    Args:
        items: the source's lines, paragraphs and cells in reading order.
        kind: the kind of source (``"text"``, ``"html"``, ``"pdf"``), recorded in the result.
        edition: the edition whose labels are matched.
        agency: the agency, when the caller knows it (used instead of what the source says).
        year: the statistics year, when the caller knows it.
        document_title: a title from outside the body (an HTML ``<title>``), used when the body has none.

    Returns:
        The :class:`ParseResult`.

    Raises:
        ParseError: nothing in ``items`` reads as a report of the format (no section heading, no table label).
    """
    if len(items) > MAX_ITEMS:
        msg = f"not a report: {len(items)} lines or cells, more than the {MAX_ITEMS} a report could have"
        raise ParseError(msg)
    ed = get_edition(edition)
    reader = _Reader(items, ed)
    lex = reader.lex
    findings = reader.findings
    headings = _find_headings(items, lex)
    end_of_doc = items[-1].location if items else SourceLocation()

    table_sections = [headings[s] for s in (2, 3, 4) if s in headings]
    after_overview = headings[1] + 1 if 1 in headings else 0
    region_start = min(table_sections) if table_sections else after_overview
    region_end = len(items)
    for s in (5, 6):
        if s in headings and headings[s] > region_start:
            region_end = headings[s]
            break
    truncated_doc = 5 not in headings and 6 not in headings
    tokens = _region_tokens(items, region_start, region_end, headings)
    reader.walk(tokens, truncated=truncated_doc)
    reader.finish_collapsed()
    reader.resolve()

    if not headings and not reader.found_lines:
        msg = "not a report: no section heading and no table row of the 2021 format was found"
        raise ParseError(msg)

    # Every cell that was not read is missing, and says why.
    first_line_pointer = {t.key: t.lines[0].pointer for t in ed.tables}
    # In a cut-off source, what comes after the last heading found is covered by parse.truncated.
    last_section = max(headings, default=0)
    cut = truncated_doc and bool(items)
    for table in ed.tables:
        if table.key not in reader.found_tables and not (cut and table.section > last_section):
            where = items[headings[table.section]].location if table.section in headings else end_of_doc
            findings.add(
                "parse.table_missing",
                Severity.WARNING,
                where,
                pointers=(first_line_pointer[table.key],),
                detail={"table": table.heading},
            )
        table_loc = items[headings[table.section]].location if table.section in headings else end_of_doc
        for line, col in table.cells():
            ptr = line.cell_pointer(col)
            if ptr not in reader.filled:
                reader._missing(
                    _Slot(line=line, column=col),
                    end_of_doc if truncated_doc else table_loc,
                    "truncated" if truncated_doc else "not_found",
                )
    # Sections and prose.
    missing_sections = [s for s in range(1, 7) if s not in headings]
    for s in missing_sections:
        if cut and s > last_section:
            continue
        numeral, _, _ = lex.headings[s]
        spec = next((t for t in ed.tables if t.section == s), None)
        if spec is not None and spec.key in reader.found_tables:
            continue
        label = spec.heading if spec is not None else next(f.label for f in ed.fields if f.section == s)
        following = [headings[t] for t in range(s + 1, 7) if t in headings]
        findings.add(
            "parse.section_missing",
            Severity.WARNING,
            items[following[0]].location if following else end_of_doc,  # where the section should have begun
            detail={"section": numeral, "heading": label},
        )
    if truncated_doc:
        findings.add(
            "parse.truncated",
            Severity.WARNING,
            end_of_doc,
            excerpt=items[-1].text if items else "",
            detail={"sections": "、".join(lex.headings[s][0] for s in missing_sections) or "—"},
        )

    def prose(section: int, stop_candidates: Sequence[int]) -> str:
        if section not in headings:
            return ""
        start = headings[section] + 1
        stop = min((x for x in stop_candidates if x >= start), default=len(items))
        reader.source_map[_field_pointer(ed, section)] = items[headings[section]].location
        return _normalise_prose(items[start:stop])

    for table in ed.tables:
        if table.section in headings:
            reader.source_map["/" + table.key] = items[headings[table.section]].location
    first_table_item = region_start if table_sections else (reader.first_label_item or region_start)
    overview = prose(1, [first_table_item, *(headings[s] for s in range(2, 7) if s in headings)])
    problems = prose(5, [headings[s] for s in (6,) if s in headings])
    other = prose(6, [])

    # Title, agency, year.
    head_end = min(headings.values(), default=region_start)
    head_items = items[:head_end]
    title = found_agency = None
    title_loc = agency_loc = None
    title_index = -1
    found_year: int | None = None
    for idx, item in enumerate(head_items[:40]):
        if len(item.text) > 1000:  # a title or a preamble sentence, not a page-long line
            continue
        folded = fold_same_length(item.text)
        m = _TITLE.search(folded)
        if m is None:
            continue
        found_year = int(m.group(1))
        candidate = _agency_before(item.text, m.start())
        if len(item.text.strip()) <= 80 and "。" not in item.text:
            title = item.text.strip().strip("#*").strip()
            title_loc = item.location
        if len(candidate) >= 2:
            found_agency, agency_loc = candidate, item.location
        elif idx > 0 and 2 <= len(head_items[idx - 1].text.strip()) <= 30 and "。" not in head_items[idx - 1].text:
            prev = head_items[idx - 1]
            found_agency, agency_loc = prev.text.strip(), prev.location
            if title is not None:
                title = prev.text.strip() + title
                title_loc = prev.location
        title_index = idx
        break
    if title is None and document_title:
        m = _TITLE.search(fold_same_length(document_title))
        if m is not None:
            title = re.split(r"\s[-_|]\s|[_|]", document_title.strip(), maxsplit=1)[0].strip()
            found_year = found_year or int(m.group(1))
            if found_agency is None:
                candidate = _agency_before(document_title, m.start())
                if len(candidate) >= 2:
                    found_agency = candidate
                    agency_loc = SourceLocation()
    # Metadata lines "机关名称：…", "报告年度：…" (as renderers print them) name the fields by their labels.
    meta_items = set()
    meta_labels = {fold(f.label) + ":": f for f in ed.fields if f.kind in ("text", "year", "edition")}
    for idx, item in enumerate(head_items[:60]):
        if len(item.text) > 1000:
            continue
        key = fold(item.text.lstrip("-+ "))
        field = next((f for lab, f in meta_labels.items() if key.startswith(lab)), None)
        if field is None:
            continue
        meta_items.add(idx)
        value = re.split(r"[:：]", item.text, maxsplit=1)[-1].strip().strip("*").strip()
        if field.key == "agency" and value:
            found_agency, agency_loc = value, item.location
        elif field.key == "year" and re.fullmatch(r"(?:19|20)\d{2}", value):
            found_year = int(value)
            title_loc = title_loc or item.location
        elif field.key == "title" and value:
            title, title_loc = value, item.location
    first_preamble = title_index + 1 if title_index >= 0 else 0
    preamble_items = [it for i, it in enumerate(head_items) if i >= first_preamble and i not in meta_items]
    preamble = _normalise_prose(preamble_items) or None
    # The statistics period (自YYYY年1月1日至…) states the statistics year outright; the title usually agrees.
    period_year: int | None = None
    period_loc: SourceLocation | None = None
    for item in [*head_items, *(items[headings[1] + 1 : headings[1] + 30] if 1 in headings else [])]:
        m = _PERIOD.search(fold_same_length(item.text[:4000]))
        if m is not None:
            period_year, period_loc = int(m.group(1)), item.location
            break
    if period_year is not None and found_year is not None and period_year != found_year:
        findings.add(
            "parse.year_conflict",
            Severity.WARNING,
            period_loc,
            expected=found_year,
            actual=period_year,
            detail={"title": title or ""},
        )
    if period_year is not None and (found_year is None or period_year != found_year):
        found_year = period_year
        reader.source_map["/year"] = period_loc or SourceLocation()
    elif found_year is not None and (title_loc is not None or agency_loc is not None):
        reader.source_map["/year"] = title_loc or agency_loc or SourceLocation()

    first = items[0].location if items else None
    final_agency = _settle(
        findings,
        "agency",
        hint=agency,
        found=found_agency,
        found_at=agency_loc,
        placeholder=PLACEHOLDER_AGENCY,
        first=first,
    )
    if agency is None and found_agency is not None and agency_loc is not None:
        reader.source_map["/agency"] = agency_loc
    final_year = _settle(
        findings, "year", hint=year, found=found_year, found_at=title_loc, placeholder=PLACEHOLDER_YEAR, first=first
    )
    if title is not None and title_loc is not None:
        reader.source_map["/title"] = title_loc
    if preamble is not None and preamble_items:
        reader.source_map["/preamble"] = preamble_items[0].location

    doc: dict[str, Any] = {
        "edition": ed.name,
        "agency": final_agency,
        "year": final_year,
        "title": title,
        "preamble": preamble,
        "overview": overview,
        "problems_and_improvements": problems,
        "other_matters": other,
    }
    for ptr, value in reader.values.items():
        node = doc
        *parents, last = ptr.lstrip("/").split("/")
        for token in parents:
            node = node.setdefault(token, {})
        node[last] = value
    try:
        report = _build(ed.report_type, doc)
    except (TypeError, ValueError) as e:  # pragma: no cover - every value was typed above
        msg = f"the parsed values do not fit the {ed.name} model: {e}"
        raise ParseError(msg) from e
    order = {ptr: i for i, ptr in enumerate(ed.cell_pointers())}
    ordered = sorted(
        findings.items,
        key=lambda f: (
            0 if f.rule.startswith("parse.") or f.rule == "layout.collapsed_row" else 1,
            order.get(f.pointers[0], -1) if f.pointers else -1,
        ),
    )
    return ParseResult(
        report=report,
        findings=tuple(ordered),
        source_map=MappingProxyType(dict(reader.source_map)),
        kind=kind,
    )


def _field_pointer(edition: Edition, section: int) -> str:
    for f in edition.fields:
        if f.section == section:
            return "/" + f.key
    for t in edition.tables:
        if t.section == section:
            return "/" + t.key
    return ""  # pragma: no cover


def _build(cls: type, data: Mapping[str, Any]) -> Any:
    """Construct the attrs class ``cls`` from nested dicts, recursing into attrs-typed members."""
    attrs.resolve_types(cls)
    kwargs: dict[str, Any] = {}
    for field in attrs.fields(cls):
        name = field.alias or field.name
        if field.name not in data:
            continue
        value = data[field.name]
        ftype = field.type
        if isinstance(value, dict) and isinstance(ftype, type) and attrs.has(ftype):
            value = _build(ftype, value)
        kwargs[name] = value
    return cls(**kwargs)
