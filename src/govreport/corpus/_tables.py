"""The tables of a corpus export, their columns, and the rows one input gives.

Three tables, named and typed once here for every format (Parquet, DuckDB, CSV, JSON Lines):

- ``cells``, the tidy (long) form: one row per data cell of every report that could be read;
- ``reports``: one row per input, readable or not;
- ``findings``: one row per finding (validation, parsing, or why an input could not be read).

``wide`` replaces ``cells`` in the wide form: one row per report, one column per cell. Column names are never SQL
keywords (``table_key``, not ``table``), and the names of the wide form's cell columns are the cell's JSON
Pointer tokens joined by ``__`` (``requests__outcomes__granted__total``), stable as long as the contract's keys
are. Everything about cells is read from the edition registry: keys, labels, units, kinds.

Numbers are exact: counts are 64-bit integers, amounts decimals with :data:`AMOUNT_SCALE` places (an amount in
万元 to the 分). A value that does not fit (an amount with more places) is left out of the typed column and
reported by an ``export.inexact`` finding, never rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any, Literal

import attrs

from govreport.corpus._engine import Outcome
from govreport.editions import Edition, edition_names, get_edition
from govreport.findings import Finding, Severity
from govreport.pointers import split

__all__ = [
    "AMOUNT_PRECISION",
    "AMOUNT_SCALE",
    "Column",
    "Record",
    "Table",
    "ToRecord",
    "cells_table",
    "findings_table",
    "reports_table",
    "tables",
    "wide_table",
]

#: Decimal places of amounts (and of the numbers of the findings table): 6 places of 万元 are 1 分.
AMOUNT_SCALE = 6
#: Total digits of amounts: every amount the loader accepts (below 10^15) fits with :data:`AMOUNT_SCALE` places.
AMOUNT_PRECISION = 38
_QUANTUM = Decimal(1).scaleb(-AMOUNT_SCALE)
_LIMIT = Decimal(10) ** (AMOUNT_PRECISION - AMOUNT_SCALE)

#: The type of a column: text, a whole number, a truth value, an exact decimal, or a list of texts.
ColumnType = Literal["string", "int32", "int64", "bool", "decimal", "strings"]


@attrs.frozen
class Column:
    """A column of an exported table: its name, its type and what it holds."""

    name: str
    type: ColumnType
    doc: str


@attrs.frozen
class Table:
    """An exported table: its name and its columns, in order."""

    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)


_SEVERITIES = tuple(s.value for s in Severity)


@cache
def _metadata() -> tuple[tuple[str, tuple[str, ...], ColumnType, str], ...]:
    """``(column, attribute path, type, description)`` of each metadata field of every registered edition other
    than the edition, agency and year (the title, the members of ``source``…), in registry order."""
    out: dict[str, tuple[str, tuple[str, ...], ColumnType, str]] = {}
    for name in edition_names():
        for f in get_edition(name).fields:
            if f.kind == "text" and f.key != "agency":
                out.setdefault(f.key, (f.key, (f.key,), "string", f.name_en))
            elif f.kind == "object":
                for sub in f.fields:
                    if sub.kind == "text":
                        column = f"{f.key}_{sub.key}"
                        out.setdefault(column, (column, (f.key, sub.key), "string", f"{f.name_en}: {sub.name_en}"))
    return tuple(out.values())


_WHO = (
    Column("source", "string", "the input: its path, <stdin>:N or <item N>"),
    Column("agency", "string", "the agency (null when the input could not be read)"),
    Column("year", "int32", "the statistics year"),
    Column("edition", "string", "the edition of the format"),
)


def cells_table() -> Table:
    """The tidy cells table: one row per data cell."""
    return Table(
        "cells",
        (
            *_WHO,
            Column("table_key", "string", "the table's key (proactive_disclosure, requests…)"),
            Column("row_key", "string", "the row's path inside its table, dotted (outcomes.withheld.state_secret)"),
            Column("column_key", "string", "the column's key (natural_persons, total…)"),
            Column("pointer", "string", "the cell's JSON Pointer"),
            Column("row_label", "string", "the row's official label"),
            Column("column_label", "string", "the column's official label"),
            Column("unit", "string", "the cell's unit (件, 万元)"),
            Column("value", "int64", "a count; null when missing or when the cell is an amount"),
            Column("amount", "decimal", "an amount, exact; null when missing or when the cell is a count"),
        ),
    )


def reports_table() -> Table:
    """The reports table: one row per input."""
    meta = tuple(Column(name, kind, doc) for name, _, kind, doc in _metadata())
    counts = tuple(Column(f"{s}_count", "int64", f"the number of findings of severity {s}") for s in _SEVERITIES)
    return Table(
        "reports",
        (
            *_WHO,
            Column("form", "string", "document (contract JSON) or published (read by the parsers)"),
            Column("state", "string", "valid, invalid or unreadable"),
            Column("valid", "bool", "no finding of severity error (null when the input could not be read)"),
            *meta,
            *counts,
            Column("not_assessable_count", "int64", "the number of rules not assessable (a needed cell is missing)"),
            Column("read_error", "string", "why the input could not be read (null when it was)"),
            Column("read_error_rule", "string", "the code of the first problem (json.syntax, input.unreadable…)"),
        ),
    )


def findings_table() -> Table:
    """The findings table: one row per finding."""
    return Table(
        "findings",
        (
            *_WHO,
            Column("rule", "string", "the rule id or finding code"),
            Column("severity", "string", "error, warning or info"),
            Column("status", "string", "fail or not_assessable"),
            Column("pointer", "string", "the first (checked) cell's JSON Pointer"),
            Column("pointers", "strings", "the JSON Pointers of every cell involved"),
            Column("previous_pointers", "strings", "pointers into the previous year's report (cross-year rules)"),
            Column("missing", "strings", "the pointers of the missing cells (not_assessable findings)"),
            Column("expected", "decimal", "the computed value (null when it is not a number)"),
            Column("actual", "decimal", "the published value (null when it is not a number)"),
            Column("difference", "decimal", "actual - expected"),
            Column("message", "string", "the message"),
        ),
    )


def wide_column(pointer: str) -> str:
    """The wide form's column name of the cell at ``pointer``: its tokens joined by ``__``."""
    return "__".join(split(pointer))


@cache
def _wide_cells() -> tuple[tuple[str, ColumnType, str], ...]:
    """``(pointer, type, description)`` of every cell of every registered edition, in registry order."""
    out: dict[str, tuple[str, ColumnType, str]] = {}
    for name in edition_names():
        edition = get_edition(name)
        for ptr in edition.cell_pointers():
            found = edition.cell(ptr)
            if found is not None and ptr not in out:
                kind: ColumnType = "decimal" if found[1].kind == "amount" else "int64"
                out[ptr] = (ptr, kind, f"{edition.describe(ptr, 'en')} ({found[1].unit})")
    return tuple(out.values())


def wide_table() -> Table:
    """The wide form: one row per report that could be read, one column per cell."""
    cells = tuple(Column(wide_column(ptr), kind, doc) for ptr, kind, doc in _wide_cells())
    return Table("wide", (*_WHO, *cells))


def tables(*, wide: bool = False) -> tuple[Table, ...]:
    """The tables an export writes: ``cells`` (or ``wide``), ``reports`` and ``findings``."""
    return (wide_table() if wide else cells_table(), reports_table(), findings_table())


# --- the rows of one input ---------------------------------------------------------------------------------


def exact(value: object) -> Decimal | None:
    """``value`` as a decimal, as written (``722.61``), when it fits :data:`AMOUNT_SCALE` places exactly; ``None``
    when it is not a number or does not fit (too many places or digits)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    try:
        number = Decimal(value)
        if not number.is_finite() or abs(number) >= _LIMIT:
            return None
        fitted = number.quantize(_QUANTUM)
    except InvalidOperation:
        return None
    return number if fitted == number else None


@attrs.frozen(kw_only=True)
class Record:
    """What one input contributes to every table, compact enough to come back from a worker process.

    Attributes:
        who: ``(source, agency, year, edition)``.
        report: the row of the reports table after ``who``.
        values: the report's cell values in its edition's cell order (amounts as exact decimals), or ``None``.
        findings: the rows of the findings table after ``who``.
    """

    who: tuple[str, str | None, int | None, str | None]
    report: tuple[Any, ...]
    values: tuple[Any, ...] | None
    findings: tuple[tuple[Any, ...], ...]


@lru_cache(maxsize=4096)
def _message(f: Finding, lang: str) -> str:
    """The message of ``f``, remembered: a corpus repeats the same findings (a missing cell, a broken total)."""
    return f.message_in(lang)


def _finding_row(f: Finding, lang: str) -> tuple[Any, ...]:
    return (
        f.rule,
        f.severity.value,
        f.status.value,
        f.pointers[0] if f.pointers else None,
        list(f.pointers),
        list(f.previous_pointers),
        list(f.missing),
        exact(f.expected),
        exact(f.actual),
        exact(f.difference),
        _message(f, lang),
    )


def _attribute(obj: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        obj = getattr(obj, key, None)
        if obj is None:
            return None
    return obj


@attrs.frozen(kw_only=True)
class ToRecord:
    """The task of an export (it runs in the worker processes): an :class:`Outcome` as a :class:`Record`.

    Attributes:
        lang: the language of the findings' messages.
    """

    lang: str = "zh"

    def __call__(self, outcome: Outcome) -> Record:
        report = outcome.report
        findings = list(outcome.findings)
        values: tuple[Any, ...] | None = None
        meta: tuple[Any, ...] = (None,) * len(_metadata())
        if report is None:
            who: tuple[str, str | None, int | None, str | None] = (outcome.source, None, None, None)
        else:
            edition = get_edition(report.edition)
            who = (outcome.source, report.agency, report.year, report.edition)
            values, inexact = _exact_values(edition, edition.read_values(report))
            findings.extend(inexact)
            meta = tuple(_attribute(report, path) for _, path, _, _ in _metadata())
        counts = [sum(1 for f in findings if f.severity.value == s) for s in _SEVERITIES]
        error = outcome.error
        first = error.problems[0] if error is not None and error.problems else None
        row = (
            outcome.form,
            outcome.state,
            None if error is not None else outcome.state == "valid",
            *meta,
            *counts,
            sum(1 for f in findings if f.status.value == "not_assessable"),
            None if error is None else first.message_in(self.lang) if first else str(error),
            None if first is None else first.rule,
        )
        return Record(who=who, report=row, values=values, findings=tuple(_finding_row(f, self.lang) for f in findings))


@cache
def _amount_positions(edition: Edition) -> tuple[int, ...]:
    kinds = [edition.cell(ptr) for ptr in edition.cell_pointers()]
    return tuple(i for i, found in enumerate(kinds) if found is not None and found[1].kind == "amount")


def _exact_values(edition: Edition, values: Sequence[Any]) -> tuple[tuple[Any, ...], list[Finding]]:
    """The values with each amount as an exact decimal; an amount that does not fit is left out and reported."""
    positions = _amount_positions(edition)
    if not positions:
        return tuple(values), []
    out = list(values)
    problems: list[Finding] = []
    pointers: list[str] | None = None
    for i in positions:
        if out[i] is None:
            continue
        fitted = exact(out[i])
        if fitted is None:
            pointers = pointers or list(edition.cell_pointers())
            problems.append(
                Finding(
                    rule="export.inexact",
                    severity=Severity.WARNING,
                    pointers=(pointers[i],),
                    actual=out[i],
                    detail={"places": str(AMOUNT_SCALE)},
                    edition=edition.name,
                )
            )
        out[i] = fitted
    return tuple(out), problems


# --- records into columns ----------------------------------------------------------------------------------


@attrs.frozen
class Static:
    """The columns of the tidy form that depend on the edition only, and where its amounts are."""

    columns: dict[str, tuple[str, ...]]
    amounts: tuple[int, ...]
    size: int


#: The columns of :func:`cells_table` that :class:`Static` holds.
STATIC_COLUMNS = ("table_key", "row_key", "column_key", "pointer", "row_label", "column_label", "unit")


@cache
def static(name: str) -> Static:
    """The edition-only columns of the tidy form for edition ``name``, one entry per cell in document order."""
    edition = get_edition(name)
    rows = [
        (
            table.key,
            ".".join(line.path[1:]),
            column.key,
            line.cell_pointer(column),
            line.label,
            column.label,
            column.unit,
        )
        for table in edition.tables
        for line, column in table.cells()
    ]
    columns = {key: tuple(row[i] for row in rows) for i, key in enumerate(STATIC_COLUMNS)}
    return Static(columns=columns, amounts=_amount_positions(edition), size=len(rows))


@attrs.frozen
class Columns:
    """One batch of a table, column by column."""

    table: Table
    data: dict[str, list[Any]]

    def lists(self) -> dict[str, list[Any]]:
        """Every column as a list, all of one length."""
        return self.data


@attrs.frozen
class CellColumns:
    """One batch of the tidy cells table, kept compact: who each report is, and its values, flattened.

    :meth:`lists` expands it; the Arrow writers build the repeated columns without Python lists.
    """

    table: Table
    who: list[tuple[Any, ...]]
    values: list[Any]
    amounts: list[Any]

    def lists(self) -> dict[str, list[Any]]:
        """Every column as a list, all of one length."""
        out: dict[str, list[Any]] = {name: [] for name in self.table.names}
        for who in self.who:
            found = static(who[3])
            for name, value in zip(("source", "agency", "year", "edition"), who, strict=True):
                out[name].extend([value] * found.size)
            for name, column in found.columns.items():
                out[name].extend(column)
        out["value"] = self.values
        out["amount"] = self.amounts
        return out


class Batch:
    """Records gathered for one write of every table."""

    def __init__(self, *, wide: bool) -> None:
        self.wide = wide
        self.tables = tables(wide=wide)
        self.reports = 0
        self._wide_index = {ptr: i for i, (ptr, _, _) in enumerate(_wide_cells())}
        self._clear()

    def _clear(self) -> None:
        self.columns: dict[str, dict[str, list[Any]]] = {t.name: {c: [] for c in t.names} for t in self.tables}
        self.who: list[tuple[Any, ...]] = []
        self.values: list[Any] = []
        self.amounts: list[Any] = []
        self.reports = 0

    def add(self, record: Record) -> None:
        """Add one input's rows."""
        self.reports += 1
        who = record.who
        reports = self.columns["reports"]
        for name, value in zip(reports, (*who, *record.report), strict=True):
            reports[name].append(value)
        findings = self.columns["findings"]
        names = list(findings)
        for row in record.findings:
            for name, value in zip(names, (*who, *row), strict=True):
                findings[name].append(value)
        if record.values is not None and who[3] is not None:
            if self.wide:
                self._add_wide(who, who[3], record.values)
            else:
                self._add_cells(who, who[3], record.values)

    def _add_cells(self, who: tuple[Any, ...], edition: str, values: tuple[Any, ...]) -> None:
        found = static(edition)
        counts = list(values)
        amounts: list[Any] = [None] * found.size
        for i in found.amounts:
            amounts[i], counts[i] = counts[i], None
        self.who.append(who)
        self.values.extend(counts)
        self.amounts.extend(amounts)

    def _add_wide(self, who: tuple[Any, ...], edition: str, values: tuple[Any, ...]) -> None:
        wide = self.columns["wide"]
        row: list[Any] = [None] * len(self._wide_index)
        for ptr, value in zip(get_edition(edition).cell_pointers(), values, strict=True):
            row[self._wide_index[ptr]] = value
        for name, value in zip(wide, (*who, *row), strict=True):
            wide[name].append(value)

    def take(self) -> list[Columns | CellColumns]:
        """Each table's batch, in :func:`tables` order; the batch starts again empty."""
        out: list[Columns | CellColumns] = []
        for table in self.tables:
            if table.name == "cells":
                out.append(CellColumns(table, self.who, self.values, self.amounts))
            else:
                out.append(Columns(table, self.columns[table.name]))
        self._clear()
        return out
