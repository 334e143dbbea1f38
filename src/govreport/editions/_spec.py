"""The vocabulary in which an edition of the format is declared, as data.

An edition says, once, which tables it has, which rows ("lines") and columns each table has, the JSON key and
the verbatim official label of each, its unit, and the merged-cell layout of the official template. The model,
the loader's messages, the rules, the JSON Schema, the renderers and the parsers' label matching all read this
declaration instead of spelling labels again.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from itertools import chain
from operator import attrgetter, call
from typing import Any, Literal

import attrs

from govreport.editions._rules import RuleSpec
from govreport.pointers import escape as escape_pointer_token
from govreport.pointers import join as pointer
from govreport.pointers import split

__all__ = [
    "Block",
    "CellKind",
    "Column",
    "Edition",
    "FieldSpec",
    "Grid",
    "GridCell",
    "Group",
    "Line",
    "Sign",
    "TableSpec",
    "escape_pointer_token",
    "pointer",
]

#: ``count``: a whole number ≥ 0 of 件; ``signed_count``: a whole number that may be negative (本年增/减);
#: ``amount``: an exact decimal ≥ 0 in the column's unit.
CellKind = Literal["count", "signed_count", "amount"]


@attrs.frozen(kw_only=True)
class Column:
    """A value column of a table: its JSON key, official label, English name and unit.

    Args:
        key: the contract key of the cell inside its row object.
        label: the verbatim official header label.
        name_en: an English name, used for English messages and docs.
        kind: ``"count"`` (a whole number ≥ 0), ``"signed_count"`` (a whole number that may be negative) or
            ``"amount"`` (an exact decimal ≥ 0).
        unit: the unit of the cell (``件``, ``万元``, ``元``).
        aliases: other spellings of the label seen in published reports, for the parsers.
        group: the label of the header that spans this column with its neighbours (法人或其他组织), if any.
    """

    key: str
    label: str
    name_en: str
    kind: CellKind = "count"
    unit: str = "件"
    aliases: tuple[str, ...] = ()
    group: str | None = None


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
    #: The name of the typed model class of the row (rows with the same columns share one).
    row_type: str = "Row"
    #: Other spellings of the label seen in published reports, for the parsers.
    aliases: tuple[str, ...] = ()
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
    """A labelled group of lines that holds no values of its own (``三、本年度办理结果``, ``（三）不予公开``…).

    Attributes:
        type_name: the model class of the group's JSON object; ``None`` for a label that spans lines without an
            object of its own (行政诉讼 over its two groups).
        collapse_into: when a report prints the group as one row with no sub-rows, the key of the line that
            holds the printed value (the others are 0); ``None`` when that is not a known convention.
        aliases: other spellings of the label seen in published reports.
    """

    path: tuple[str, ...]
    label: str
    name_en: str
    type_name: str | None = None
    collapse_into: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def pointer(self) -> str:
        """The JSON Pointer of the group's object."""
        return pointer(self.path)


@attrs.frozen(kw_only=True)
class Block:
    """A sub-table: the four 第二十条 sub-tables of section 二 are blocks; tables 三 and 四 have one each."""

    title: str | None
    lines: tuple[Line, ...]
    #: Other spellings of the title seen in published reports.
    aliases: tuple[str, ...] = ()


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
    #: Other spellings of a header's ``text`` seen in published reports, for the parsers (``项目`` for
    #: ``信息内容``).
    aliases: tuple[str, ...] = ()


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
    #: The model class of the table's JSON object.
    type_name: str = "Table"
    #: Other headings seen in published reports, without the section numeral (``主动公开情况``).
    aliases: tuple[str, ...] = ()
    #: Words one of which a published heading must contain to be read as a variant of :attr:`heading`.
    heading_keywords: tuple[str, ...] = ()
    #: Words printed in published copies of the table that name no cell and carry no value (unit notes such as
    #: ``单位：件``): the parsers recognise them, so they are not reported as unknown text.
    notes: tuple[str, ...] = ()
    #: Column headers of an earlier edition's version of this table whose cells mean something else; values
    #: printed under them are reported by the parsers, never read into this edition's cells.
    superseded: tuple[str, ...] = ()

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
    #: For ``kind="object"``: its members, and the name of its model class.
    fields: tuple[FieldSpec, ...] = ()
    type_name: str | None = None
    #: Other headings of the section seen in published reports, without the section numeral (``概述``).
    aliases: tuple[str, ...] = ()
    #: Words one of which a published heading must contain to be read as a variant of :attr:`label`.
    heading_keywords: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Sign:
    """Words that reports of one edition print and reports of the other editions do not: the parsers read a
    report's edition from them (``parse(..., edition=None)``).

    Signs are matched in the folded text of the whole source (:func:`govreport.parsers.normalize.fold`), so they
    should be words that prose does not use: column headers and sub-table titles of the edition's own template.

    Attributes:
        text: the words as the template prints them (a column header, a sub-table title, a row label).
        then: a label that must follow ``text`` with nothing but values between them: a row printed without the
            sub-rows another edition gives it (``（六）其他处理`` followed by ``（七）总计``).
        supporting: the sign counts only together with another sign of the edition: a layout that reports of
            another edition print too, by a convention of theirs (:attr:`Group.collapse_into`).
    """

    text: str
    then: str | None = None
    supporting: bool = False


def _single(key: str) -> Callable[[Any], tuple[Any, ...]]:
    get = attrgetter(key)
    return lambda obj: (get(obj),)


def _cell_reader(pointers: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    parents: dict[str, list[str]] = {}
    for p in pointers:
        parent, _, key = p.rpartition("/")
        parents.setdefault(parent, []).append(key)
    row_paths = [".".join(split(parent)) for parent in parents]
    if not row_paths:
        return lambda report: ()
    rows = attrgetter(*row_paths) if len(row_paths) > 1 else _single(row_paths[0])
    cells = tuple(attrgetter(*keys) if len(keys) > 1 else _single(keys[0]) for keys in parents.values())
    return lambda report: tuple(chain.from_iterable(map(call, cells, rows(report))))


@attrs.frozen(kw_only=True, eq=False)
class Edition:
    """A named version of the national format, declared once, with everything derived from it.

    Attributes:
        name: the edition's name as it appears in the document's ``edition`` member.
        notice: the notice that published the format.
        title_en: the format's name in English.
        fields: the top-level members that are not tables (metadata and prose sections), in document order.
        tables: the tables, in section order.
        rules: the edition's rule declarations, in catalogue order.
        model: the typed model of a report: its class, or ``"module:Class"`` of a generated model module
            (imported on first use), or ``None`` to derive the classes from the declaration at run time.
        previous: the name of the edition this one revises (``"2019"`` for ``"2021"``), if any.
        signs: what reports of this edition print and reports of the other editions do not, from which the
            parsers detect the edition of a report (:class:`Sign`).
    """

    name: str
    notice: str
    title_en: str
    fields: tuple[FieldSpec, ...]
    tables: tuple[TableSpec, ...]
    rules: tuple[RuleSpec, ...] = ()
    model: type | str | None = None
    previous: str | None = None
    signs: tuple[Sign, ...] = ()
    _index: dict[str, tuple[str, str]] = attrs.field(init=False, factory=dict)
    _cells: dict[str, tuple[Line, Column]] = attrs.field(init=False, factory=dict)
    _resolved: dict[str, Any] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        index = self._index
        for f in self.fields:
            index[pointer((f.key,))] = (f.label, f.name_en)
            for sub in f.fields:
                index[pointer((f.key, sub.key))] = (sub.label, sub.name_en)
        for t in self.tables:
            index[pointer((t.key,))] = (t.heading, t.name_en)
            for g in t.groups:
                index.setdefault(g.pointer, (g.label, g.name_en))
            for line in t.lines:
                index[line.pointer] = (line.label, line.name_en)
                for c in line.columns:
                    self._cells[line.cell_pointer(c)] = (line, c)
                    index[line.cell_pointer(c)] = (f"{line.label} {c.label}", f"{line.name_en}, {c.name_en}")
        ids = [r.id for r in self.rules]
        if len(set(ids)) != len(ids):
            msg = f"edition {self.name!r} declares a rule id twice"
            raise ValueError(msg)

    @property
    def report_type(self) -> type:
        """The attrs class that holds a report of this edition (imported, or derived on first use)."""
        found = self._resolved.get("report_type")
        if found is None:
            if isinstance(self.model, type):
                found = self.model
            elif isinstance(self.model, str):
                module, _, name = self.model.partition(":")
                found = getattr(importlib.import_module(module), name)
            else:
                from govreport.editions._codegen import build  # noqa: PLC0415 - codegen reads this module

                found = build(self)
            self._resolved["report_type"] = found
        return found

    @property
    def order(self) -> tuple[str, ...]:
        """The top-level members in document order: each table stands before the first prose section numbered
        after it, and tables numbered after every section come last."""
        out: list[str] = []
        tables = list(self.tables)
        for f in self.fields:
            if f.section is not None:
                while tables and tables[0].section < f.section:
                    out.append(tables.pop(0).key)
            out.append(f.key)
        out.extend(t.key for t in tables)
        return tuple(out)

    def field(self, key: str) -> FieldSpec:
        """The top-level member (not a table) with contract key ``key``."""
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def prose_fields(self) -> tuple[FieldSpec, ...]:
        """The prose members (the preamble and the prose sections), in document order."""
        return tuple(f for f in self.fields if f.kind == "prose")

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

    @property
    def cell_index(self) -> dict[str, int]:
        """The position of each data cell's JSON Pointer in :meth:`cell_pointers` order."""
        found = self._resolved.get("cell_index")
        if found is None:
            found = self._resolved["cell_index"] = {p: i for i, p in enumerate(self.cell_pointers())}
        return found

    def read_values(self, report: Any) -> tuple[Any, ...]:
        """Every data cell of ``report``, in :meth:`cell_pointers` order (``None`` = missing), read in one pass.

        One C-level :func:`operator.attrgetter` call reads every row object, one per row its cells.
        """
        reader = self._resolved.get("reader")
        if reader is None:
            reader = self._resolved["reader"] = _cell_reader(tuple(self.cell_pointers()))
        values: tuple[Any, ...] = reader(report)
        return values

    def read_cells(self, report: Any) -> dict[str, Any]:
        """Every data cell of ``report`` by JSON Pointer, read in one pass."""
        return dict(zip(self.cell_index, self.read_values(report), strict=True))

    def describe(self, ptr: str, lang: str = "zh") -> str:
        """The official label (``lang="zh"``) or English name of the thing at JSON Pointer ``ptr``.

        Unknown pointers are returned unchanged, so a message can always name its subject.
        """
        found = self._index.get(ptr)
        if found is None:
            return ptr
        return found[0] if lang == "zh" else found[1]
