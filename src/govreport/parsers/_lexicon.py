"""The lexicon: everything the reader matches, compiled once per edition from its declaration.

Labels, headers and their declared variants (``aliases``) of every line, group, block, column, grid cell and
table, as folded keys (:func:`~govreport.parsers.normalize.fold`); the section headings with their variants and
keywords; the cells of each row in column order; and the relations among them, read from the edition's declared
equations (``govreport.rules.rules_for(edition)``), never rebuilt here. Nothing in this module knows a label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, Literal

import attrs

from govreport.editions import Edition
from govreport.editions._spec import Column, Group, Line, TableSpec
from govreport.parsers.normalize import fold
from govreport.pointers import join
from govreport.rules import RuleSet, rules_for

__all__ = ["Entry", "Heading", "Lexicon", "Relation", "Slot", "lexicon"]

EntryKind = Literal["line", "group", "header"]


@attrs.frozen(kw_only=True)
class Entry:
    """What a folded key names: a data row (``line``), a group of rows, or a header that holds no value.

    Attributes:
        kind: ``line``, ``group`` or ``header``.
        label: the official label (what messages quote).
        tables: the keys of the tables whose layout prints this text.
        pointer: the JSON Pointer of the line or group.
        line: the data row, for ``line``.
        group: the group, for ``group`` (and for a group's header).
        block: a sub-table title (第二十条第（一）项…).
        superseded: a column header of an earlier edition (see :attr:`TableSpec.superseded`).
    """

    kind: EntryKind
    label: str
    tables: frozenset[str]
    pointer: str = ""
    line: Line | None = None
    group: Group | None = None
    block: bool = False
    superseded: bool = False


@attrs.frozen(kw_only=True, eq=False)
class Slot:
    """One cell of a row: its JSON Pointer and whether it holds an amount (a decimal) or a count.

    Attributes:
        unit: the unit of an amount (元, 万元): a value printed in another unit of money is converted.
        unit_assumed: the template's header names no unit for the amount (采购总金额), so a bare number is taken
            in :attr:`unit`, and a ``parse.unit_assumed`` finding says so.
    """

    pointer: str
    amount: bool
    unit: str = ""
    unit_assumed: bool = False


def _slot(line: Line, column: Column) -> Slot:
    amount = column.kind == "amount"
    return Slot(
        pointer=line.cell_pointer(column),
        amount=amount,
        unit=column.unit if amount else "",
        unit_assumed=amount and column.unit not in column.label,
    )


#: A row relation among the slots of one row: (index of the total, indices of its parts).
Relation = tuple[int, tuple[int, ...]]


@attrs.frozen(kw_only=True, eq=False)
class Row:
    """A row the reader fills: its slots in column order and the declared totals among them.

    Attributes:
        pointers: the pointers of the slots, in column order.
        counts: every slot holds a count (none an amount).
    """

    label: str
    pointer: str
    slots: tuple[Slot, ...]
    relations: tuple[Relation, ...]
    pointers: tuple[str, ...] = attrs.field(init=False)
    counts: bool = attrs.field(init=False)

    @pointers.default
    def _pointers(self) -> tuple[str, ...]:
        return tuple(s.pointer for s in self.slots)

    @counts.default
    def _counts(self) -> bool:
        return not any(s.amount for s in self.slots)


@attrs.frozen(kw_only=True, eq=False)
class ColumnTable:
    """A table whose lines are labelled by column headers, with every value in the last grid row (table 四)."""

    table: TableSpec
    row: Row


@attrs.frozen(kw_only=True, eq=False)
class Collapse:
    """A group that reports print as one row (:attr:`Group.collapse_into`): its lines and the one that holds the
    printed values."""

    group: Group
    lines: tuple[Line, ...]
    target: Line
    pointer: str
    line_pointers: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Heading:
    """A section heading: its numeral, its official body and variant bodies (folded), and its keywords."""

    section: int
    numeral: str
    label: str
    official: str
    variants: tuple[str, ...]
    keywords: tuple[str, ...]
    pointer: str


@attrs.frozen(kw_only=True, eq=False)
class Lexicon:
    """Everything the reader matches for one edition, compiled once (:func:`lexicon`)."""

    edition: Edition
    entries: dict[str, Entry]
    prefixes: frozenset[str]
    unique_prefix: dict[str, Entry]
    line_keys: tuple[str, ...]
    column_tables: dict[str, ColumnTable]
    headings: dict[int, Heading]
    heading_pattern: re.Pattern[str]
    heading_starts: frozenset[str]
    heading_candidate: re.Pattern[str]
    table_of_section: dict[int, TableSpec]
    max_key: int
    fragments: frozenset[str]
    rows: dict[str, Row]
    collapses: dict[str, Collapse]
    column_relations: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    meta_labels: tuple[tuple[str, str], ...]
    #: Every cell pointer of each table, in document order.
    table_cells: dict[str, tuple[str, ...]]
    _caches: dict[str, dict[Any, Any]] = attrs.field(factory=dict, repr=False)
    _entry_tables: dict[int, tuple[ColumnTable, ...]] = attrs.field(factory=dict, repr=False)

    def column_tables_of(self, entry: Entry) -> tuple[ColumnTable, ...]:
        """The tables labelled by column headers among the tables of ``entry``."""
        found: tuple[ColumnTable, ...] | None = self._entry_tables.get(id(entry))
        if found is None:
            found = self._entry_tables[id(entry)] = tuple(
                self.column_tables[t] for t in sorted(entry.tables) if t in self.column_tables
            )
        return found

    def cache(self, name: str) -> dict[Any, Any]:
        """A cache of the reader's that depends on this lexicon (what recurring table lines cut into)."""
        found = self._caches.get(name)
        if found is None:
            found = self._caches[name] = {}
        return found


_LEXICONS: dict[str, tuple[Edition, RuleSet, Lexicon]] = {}


def lexicon(edition: Edition) -> Lexicon:
    """The lexicon of ``edition`` (a registered edition), compiled on first use and again when its rules change."""
    rules = rules_for(edition.name)
    found = _LEXICONS.get(edition.name)
    if found is None or found[0] is not edition or found[1] is not rules:
        found = _LEXICONS[edition.name] = (edition, rules, _compile(edition, rules))
    return found[2]


def _compile(edition: Edition, rules: RuleSet) -> Lexicon:
    entries = _entries(edition)
    line_keys = tuple(k for k, e in entries.items() if e.kind == "line")
    rows, column_relations = _relations(edition, rules)
    headings = _headings(edition)
    numerals = "".join(h.numeral for h in sorted(headings.values(), key=lambda h: h.section))
    return Lexicon(
        edition=edition,
        entries=entries,
        prefixes=frozenset(k[:i] for k in entries for i in range(1, len(k))),
        unique_prefix=_unique_prefixes(entries, line_keys),
        line_keys=line_keys,
        column_tables=_column_tables(edition, rows),
        headings=headings,
        heading_pattern=re.compile(
            rf"^[\s#*]{{0,8}}(?:第\s{{0,2}})?([{re.escape(numerals)}])(?:\s{{0,2}}部分)?\s{{0,3}}"
            r"([、.,:，．：]|是|\s)?(.*)$"
        ),
        heading_starts=frozenset(numerals + "第"),
        # a line break, then a line that starts like a heading (the literal \n makes the search skip to line breaks)
        heading_candidate=re.compile(rf"\n[ \t\u3000*#]*+(?:[{re.escape(numerals)}第]|[^\S\n])"),
        table_of_section={t.section: t for t in edition.tables},
        max_key=max((len(k) for k in entries), default=0),
        fragments=frozenset(k[i:j] for k in entries for i in range(len(k)) for j in range(i + 1, len(k) + 1)),
        rows=rows,
        collapses=_collapses(edition),
        column_relations=column_relations,
        meta_labels=tuple(
            (fold(f.label) + ":", f.key) for f in edition.fields if f.kind in ("text", "year", "edition")
        ),
        table_cells={t.key: tuple(line.cell_pointer(c) for line, c in t.cells()) for t in edition.tables},
    )


def _labelled_lines(edition: Edition, table: TableSpec) -> dict[str, Line]:
    """The lines of ``table`` whose label the grid prints in their own row (the others are column-labelled)."""
    rows_of: dict[str, int] = {}
    for r, grid_row in enumerate(table.grid):
        for cell in grid_row:
            if cell.pointer is not None:
                rows_of.setdefault(cell.pointer, r)
    labelled = {}
    for line in table.lines:
        at = rows_of.get(line.cell_pointer(line.columns[0]))
        if at is not None and any(c.text == line.label for c in table.grid[at]):
            labelled[line.label] = line
    return labelled


def _entries(edition: Edition) -> dict[str, Entry]:  # noqa: PLR0912 - one pass over the declaration
    entries: dict[str, Entry] = {}

    def add(key: str, entry: Entry) -> None:
        old = entries.get(key)
        if old is None:
            entries[key] = entry
        elif old.kind == entry.kind:
            entries[key] = attrs.evolve(old, tables=old.tables | entry.tables)
        elif entry.kind == "line":  # a data row wins over a header of the same wording
            entries[key] = entry

    variants: list[tuple[str, Entry]] = []  # header words that are no label of the template
    aliases: list[tuple[str, Line | Group]] = []  # other words for a row or a group
    for table in edition.tables:
        tset = frozenset({table.key})
        groups = {g.label: g for g in table.groups}
        labelled = _labelled_lines(edition, table)
        for block in table.blocks:
            if block.title:
                add(fold(block.title), Entry(kind="header", label=block.title, tables=tset, block=True))
            variants.extend(
                (alias, Entry(kind="header", label=block.title or alias, tables=tset, block=True))
                for alias in block.aliases
            )
        for grid_row in table.grid:
            for cell in grid_row:
                if not cell.text:
                    continue
                if cell.text in labelled:
                    line = labelled[cell.text]
                    add(
                        fold(cell.text),
                        Entry(kind="line", label=cell.text, tables=tset, line=line, pointer=line.pointer),
                    )
                elif cell.text in groups:
                    group = groups[cell.text]
                    add(
                        fold(cell.text),
                        Entry(kind="group", label=cell.text, tables=tset, group=group, pointer=group.pointer),
                    )
                else:
                    add(fold(cell.text), Entry(kind="header", label=cell.text, tables=tset))
                variants.extend((a, Entry(kind="header", label=cell.text, tables=tset)) for a in cell.aliases)
        for line in table.lines:
            aliases.extend((a, line) for a in line.aliases)
            for column in line.columns:
                variants.extend((a, Entry(kind="header", label=column.label, tables=tset)) for a in column.aliases)
        aliases.extend((a, g) for g in table.groups for a in g.aliases)
        variants.extend((note, Entry(kind="header", label=note, tables=tset)) for note in table.notes)
    for table in edition.tables:
        for word in table.superseded:  # values under these are reported, never read
            entries[fold(word)] = Entry(kind="header", label=word, tables=frozenset({table.key}), superseded=True)
    declared = set(entries)
    for word, entry in variants:  # a variant never shadows a label of the template
        key = fold(word)
        if key not in declared:
            add(key, entry)
    for word, target in aliases:
        found = _entry_of(entries, target)
        if found is not None:
            entries[fold(word)] = found
    return entries


def _entry_of(entries: dict[str, Entry], target: Line | Group) -> Entry | None:
    for e in entries.values():
        if isinstance(target, Line) and e.line is not None and e.line.pointer == target.pointer:
            return e
        if isinstance(target, Group) and e.group is not None and e.group.pointer == target.pointer:
            return e
    return None


def _unique_prefixes(entries: dict[str, Entry], line_keys: Sequence[str]) -> dict[str, Entry]:
    """Prefixes (4 characters or more) that only one row's keys start with: a label cut off by a wrap."""
    counts: dict[str, set[str]] = {}
    for k in line_keys:
        line = entries[k].line
        ptr = line.pointer if line is not None else k
        for i in range(4, len(k)):
            counts.setdefault(k[:i], set()).add(ptr)
    unique = {}
    for p, ptrs in counts.items():
        if len(ptrs) == 1:
            full = next(k for k in line_keys if k.startswith(p))
            unique[p] = entries[full]
    return unique


def _headings(edition: Edition) -> dict[int, Heading]:
    out: dict[int, Heading] = {}

    def heading(section: int, label: str, pointer: str, aliases: Sequence[str], keywords: Sequence[str]) -> None:
        numeral, _, body = label.partition("、")
        out[section] = Heading(
            section=section,
            numeral=numeral,
            label=label,
            official=fold(body),
            variants=tuple(fold(v) for v in aliases),
            keywords=tuple(keywords),
            pointer=pointer,
        )

    for f in edition.fields:
        if f.section is not None:
            heading(f.section, f.label, join((f.key,)), f.aliases, f.heading_keywords)
    for t in edition.tables:
        heading(t.section, t.heading, join((t.key,)), t.aliases, t.heading_keywords)
    return out


def _slots(line: Line, columns: Sequence[Column] | None = None) -> Iterator[Slot]:
    for c in columns if columns is not None else line.columns:
        yield _slot(line, c)


def _relations(
    edition: Edition, rules: RuleSet
) -> tuple[dict[str, Row], tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """Each line's row and its declared row totals, and the other declared relations (column totals, balances).

    The relations are the edition's equations (:func:`govreport.rules.rules_for`) that read this year's report
    only, with every coefficient 1: a *row* relation is one whose cells all lie in one line, with one total.
    """
    line_of: dict[str, Line] = {}
    for line in edition.lines():
        for c in line.columns:
            line_of[line.cell_pointer(c)] = line
    row_totals: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    others: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for rule in rules.rules:
        for eq in rule.equations:
            if not eq.unit_weights:
                continue
            actual = tuple(t.pointer for t in eq.actual)
            expected = tuple(t.pointer for t in eq.expected)
            lines = {line_of[p].pointer if p in line_of else None for p in (*actual, *expected)}
            (row,) = lines if len(lines) == 1 else (None,)
            if len(actual) == 1 and row is not None:
                row_totals.setdefault(row, []).append((actual[0], expected))
            else:
                others.append((actual, expected))
    rows = {}
    for line in edition.lines():
        slots = tuple(_slots(line))
        rows[line.pointer] = Row(
            label=line.label, pointer=line.pointer, slots=slots, relations=_row_relations(slots, row_totals)
        )
    return rows, tuple(others)


def _row_relations(
    slots: Sequence[Slot], row_totals: dict[str, list[tuple[str, tuple[str, ...]]]]
) -> tuple[Relation, ...]:
    index = {s.pointer: i for i, s in enumerate(slots)}
    out: list[Relation] = []
    seen: set[str] = set()
    for slot in slots:
        line = slot.pointer.rpartition("/")[0]
        if line in seen:
            continue
        seen.add(line)
        out.extend(
            (index[total], tuple(index[p] for p in parts))
            for total, parts in row_totals.get(line, ())
            if total in index and len(parts) >= 2 and all(p in index for p in parts)
        )
    return tuple(out)


def _column_tables(edition: Edition, rows: dict[str, Row]) -> dict[str, ColumnTable]:
    out = {}
    row_totals: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for line in edition.lines():
        row = rows[line.pointer]
        for total, parts in row.relations:
            row_totals.setdefault(line.pointer, []).append(
                (row.slots[total].pointer, tuple(row.slots[p].pointer for p in parts))
            )
    for table in edition.tables:
        if len(_labelled_lines(edition, table)) == len(table.lines):
            continue
        cells = [edition.cell(c.pointer) for c in table.grid[-1] if c.pointer is not None]
        slots = tuple(_slot(line, col) for line, col in filter(None, cells))
        out[table.key] = ColumnTable(
            table=table,
            row=Row(
                label=table.heading,
                pointer=join((table.key,)),
                slots=slots,
                relations=_row_relations(slots, row_totals),
            ),
        )
    return out


def _collapses(edition: Edition) -> dict[str, Collapse]:
    out = {}
    for table in edition.tables:
        for group in table.groups:
            if group.collapse_into is None:
                continue
            lines = tuple(line for line in table.lines if line.path[: len(group.path)] == group.path)
            target = next((line for line in lines if line.key == group.collapse_into), None)
            if target is not None:
                out[group.pointer] = Collapse(
                    group=group,
                    lines=lines,
                    target=target,
                    pointer=group.pointer,
                    line_pointers=tuple(line.pointer for line in lines),
                )
    return out
