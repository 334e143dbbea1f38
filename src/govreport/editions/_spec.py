"""The vocabulary in which an edition of the format is declared, as data.

An edition says, once, which tables it has, which rows ("lines") and columns each table has, the JSON key and
the verbatim official label of each, its unit, and the merged-cell layout of the official template. The model,
the loader's messages, the rules, the JSON Schema, the renderers and the parsers' label matching all read this
declaration instead of spelling labels again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    from govreport.rules import RuleSet

CellKind = Literal["count", "amount"]


def escape_pointer_token(token: str) -> str:
    """Escape one reference token for an RFC 6901 JSON Pointer (``~`` → ``~0``, ``/`` → ``~1``)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer(path: tuple[str, ...]) -> str:
    """Build an RFC 6901 JSON Pointer from path tokens; the empty path is the whole document (``""``)."""
    return "".join("/" + escape_pointer_token(t) for t in path)


@attrs.frozen(kw_only=True)
class Column:
    """A value column of a table: its JSON key, official label, English name and unit.

    Args:
        key: the contract key of the cell inside its row object.
        label: the verbatim official header label.
        name_en: an English name, used for English messages and docs.
        kind: ``"count"`` (a whole number of 件) or ``"amount"`` (an exact decimal).
        unit: the unit printed in the official template (``件``, ``万元``).
    """

    key: str
    label: str
    name_en: str
    kind: CellKind = "count"
    unit: str = "件"


@attrs.frozen(kw_only=True)
class Line:
    """A data row of a table: one JSON object in the document whose members are the row's cells.

    ``path`` runs from the document root, so ``Line.pointer`` is the row's JSON Pointer and
    ``Line.cell_pointer(col)`` the pointer of one cell.
    """

    path: tuple[str, ...]
    label: str
    name_en: str
    columns: tuple[Column, ...]
    # Pointers are built once: rules, renderers and parsers ask for them on hot paths.
    _cell_pointers: dict[str, str] = attrs.field(init=False, eq=False, repr=False)

    @_cell_pointers.default
    def _build_cell_pointers(self) -> dict[str, str]:
        return {c.key: pointer((*self.path, c.key)) for c in self.columns}

    @property
    def key(self) -> str:
        """The row's own key (the last path token)."""
        return self.path[-1]

    @property
    def pointer(self) -> str:
        """The RFC 6901 JSON Pointer of the row object."""
        return pointer(self.path)

    def cell_pointer(self, column: Column | str) -> str:
        """The JSON Pointer of the cell of this row in ``column``."""
        key = column if isinstance(column, str) else column.key
        found = self._cell_pointers.get(key)
        return found if found is not None else pointer((*self.path, key))

    def column(self, key: str) -> Column:
        """The column of this row with contract key ``key``."""
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


@attrs.frozen(kw_only=True)
class Group:
    """A labelled group of lines that holds no values of its own (``三、本年度办理结果``, ``（三）不予公开``…)."""

    path: tuple[str, ...]
    label: str
    name_en: str

    @property
    def pointer(self) -> str:
        """The JSON Pointer of the group's object."""
        return pointer(self.path)


@attrs.frozen(kw_only=True)
class Block:
    """A sub-table: the four 第二十条 sub-tables of section 二 are blocks; tables 三 and 四 have one each."""

    title: str | None
    lines: tuple[Line, ...]


@attrs.frozen(kw_only=True)
class GridCell:
    """One cell of the official merged-cell layout.

    A label cell has ``text``; a value cell has ``pointer`` (the JSON Pointer of the number it shows).
    ``header`` marks column headers (``<th scope="col">``); row labels are ``header`` too, with ``scope="row"``.
    """

    text: str | None = None
    pointer: str | None = None
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    scope: Literal["col", "row", "colgroup", "rowgroup"] | None = None


Grid = tuple[tuple[GridCell, ...], ...]


@attrs.frozen(kw_only=True)
class TableSpec:
    """One table of the format (section 二, 三 or 四): its lines, groups, blocks and official layout."""

    key: str
    section: int
    heading: str
    name_en: str
    blocks: tuple[Block, ...]
    groups: tuple[Group, ...]
    grid: Grid
    width: int

    @property
    def lines(self) -> tuple[Line, ...]:
        """Every data line of the table in document order."""
        return tuple(line for b in self.blocks for line in b.lines)

    def cells(self) -> Iterator[tuple[Line, Column]]:
        """Every (line, column) cell of the table in document order."""
        for line in self.lines:
            for col in line.columns:
                yield line, col


@attrs.frozen(kw_only=True)
class FieldSpec:
    """A top-level member of the document that is not a table (metadata and prose sections)."""

    key: str
    label: str
    name_en: str
    kind: Literal["edition", "text", "prose", "year", "object"]
    required: bool
    section: int | None = None
    heading: str | None = None


@attrs.frozen(kw_only=True, eq=False)
class Edition:
    """A named version of the national format, with everything derived from it.

    Attributes:
        name: the edition's name as it appears in the document's ``edition`` member (``"2021"``).
        notice: the notice that published the format.
        fields: the top-level members that are not tables, in document order.
        tables: the tables, in section order.
        report_type: the attrs class that holds a report of this edition.
    """

    name: str
    notice: str
    title_en: str
    fields: tuple[FieldSpec, ...]
    tables: tuple[TableSpec, ...]
    report_type: type
    _index: dict[str, tuple[str, str]] = attrs.field(init=False, factory=dict)
    _cells: dict[str, tuple[Line, Column]] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        index = self._index
        for f in self.fields:
            index[pointer((f.key,))] = (f.label, f.name_en)
        for t in self.tables:
            index[pointer((t.key,))] = (t.heading, t.name_en)
            for g in t.groups:
                index[g.pointer] = (g.label, g.name_en)
            for line in t.lines:
                index[line.pointer] = (line.label, line.name_en)
                for c in line.columns:
                    self._cells[line.cell_pointer(c)] = (line, c)
                    index[line.cell_pointer(c)] = (f"{line.label} {c.label}", f"{line.name_en}, {c.name_en}")

    @property
    def rules(self) -> RuleSet:
        """The rule set of this edition."""
        from govreport.rules import rules_for  # noqa: PLC0415 - rules import the editions

        return rules_for(self.name)

    def table(self, key: str) -> TableSpec:
        """The table with contract key ``key``."""
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def lines(self) -> Iterator[Line]:
        """Every data line of every table."""
        for t in self.tables:
            yield from t.lines

    def cell_pointers(self) -> Iterator[str]:
        """The JSON Pointer of every data cell of the edition, in document order."""
        for t in self.tables:
            for line, col in t.cells():
                yield line.cell_pointer(col)

    def cell(self, ptr: str) -> tuple[Line, Column] | None:
        """The line and column of the data cell at JSON Pointer ``ptr``, or ``None`` if it is not a cell."""
        return self._cells.get(ptr)

    def describe(self, ptr: str, lang: str = "zh") -> str:
        """The official label (``lang="zh"``) or English name of the thing at JSON Pointer ``ptr``.

        Unknown pointers are returned unchanged, so a message can always name its subject.
        """
        found = self._index.get(ptr)
        if found is None:
            return ptr
        return found[0] if lang == "zh" else found[1]
