"""Writers of the exported tables, one batch at a time: Parquet, a DuckDB database, CSV and JSON Lines.

Each writer takes the columns of one batch of every table (:class:`~govreport.corpus._tables.Batch`) and
appends them to its output, so memory holds one batch, whatever the number of reports. Parquet and DuckDB need
the ``corpus`` extra (pyarrow, duckdb); CSV and JSON Lines need nothing.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import IO, Any, Final, Protocol

from govreport._kinds import EXPORT_FORMATS
from govreport.corpus._tables import (
    AMOUNT_PRECISION,
    AMOUNT_SCALE,
    STATIC_COLUMNS,
    CellColumns,
    Columns,
    ColumnType,
    Table,
    static,
)
from govreport.errors import ExportError
from govreport.serialization import dumps_json

__all__ = ["FORMATS", "Writer", "open_writer"]

#: The formats an export writes, and what ``out`` is for each.
FORMATS: Final = EXPORT_FORMATS


class Writer(Protocol):
    """Appends batches of every table to one output."""

    def write(self, batch: Columns | CellColumns) -> None:
        """Append the rows of one batch of a table."""

    def close(self) -> None:
        """Finish the output (footers, indexes); the output is complete only after this."""


def _need(module: str) -> Any:
    import importlib  # noqa: PLC0415 - only when a format needs it

    try:
        return importlib.import_module(module)
    except ImportError as e:
        msg = f"this format needs {module.partition('.')[0]}: pip install 'govreport[corpus]'"
        raise ExportError(msg) from e


def arrow_schema(table: Table) -> Any:
    """The Arrow schema of ``table``: exact decimals, 64-bit counts, lists of texts."""
    pa = _need("pyarrow")
    types: dict[ColumnType, Any] = {
        "string": pa.string(),
        "int32": pa.int32(),
        "int64": pa.int64(),
        "bool": pa.bool_(),
        "decimal": pa.decimal128(AMOUNT_PRECISION, AMOUNT_SCALE),
        "strings": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(c.name, types[c.type], nullable=True) for c in table.columns])


def arrow_table(batch: Columns | CellColumns) -> Any:
    """One batch of a table as a :class:`pyarrow.Table`."""
    pa = _need("pyarrow")
    schema = arrow_schema(batch.table)
    if isinstance(batch, CellColumns):
        return _arrow_cells(batch, schema)
    columns = batch.lists()
    arrays = [pa.array(columns[field.name], type=field.type) for field in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


@cache
def _static_array(edition: str, column: str) -> Any:
    return _need("pyarrow").array(static(edition).columns[column], type=_need("pyarrow").string())


def _arrow_cells(batch: CellColumns, schema: Any) -> Any:
    """The tidy cells of a batch, with the columns that repeat per report or per edition built in Arrow."""
    pa = _need("pyarrow")
    editions = [who[3] for who in batch.who]
    rows = [j for j, edition in enumerate(editions) for _ in range(static(edition).size)]
    index = pa.array(rows, type=pa.int32())
    arrays: dict[str, Any] = {}
    for i, name in enumerate(("source", "agency", "year", "edition")):
        arrays[name] = pa.array([who[i] for who in batch.who], type=schema.field(name).type).take(index)
    for name in STATIC_COLUMNS:
        parts = [_static_array(edition, name) for edition in editions]
        arrays[name] = pa.concat_arrays(parts) if parts else pa.array([], type=pa.string())
    arrays["value"] = pa.array(batch.values, type=schema.field("value").type)
    arrays["amount"] = pa.array(batch.amounts, type=schema.field("amount").type)
    return pa.Table.from_arrays([arrays[field.name] for field in schema], schema=schema)


class _Parquet:
    """``out/<table>.parquet`` (or, for one part of a dataset, ``out/<table>/<part>.parquet``), one row group per
    batch."""

    def __init__(self, out: Path, part: str | None = None) -> None:
        self.pq = _need("pyarrow.parquet")
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.part = part
        self.writers: dict[str, Any] = {}

    def write(self, batch: Columns | CellColumns) -> None:
        table = batch.table
        writer = self.writers.get(table.name)
        if writer is None:
            if self.part is None:
                path = self.out / f"{table.name}.parquet"
            else:
                (self.out / table.name).mkdir(exist_ok=True)
                path = self.out / table.name / f"{self.part}.parquet"
            writer = self.writers[table.name] = self.pq.ParquetWriter(path, arrow_schema(table), compression="zstd")
        writer.write_table(arrow_table(batch))

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()


_DUCKDB_TYPES: Final[dict[ColumnType, str]] = {
    "string": "VARCHAR",
    "int32": "INTEGER",
    "int64": "BIGINT",
    "bool": "BOOLEAN",
    "decimal": f"DECIMAL({AMOUNT_PRECISION}, {AMOUNT_SCALE})",
    "strings": "VARCHAR[]",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _DuckDB:
    """A DuckDB database file with one table per exported table (replaced if it exists)."""

    def __init__(self, out: Path) -> None:
        duckdb = _need("duckdb")
        _need("pyarrow")  # batches go in as Arrow tables
        if out.parent != Path():
            out.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(out))
        except duckdb.Error as e:  # a directory, a file that is not a database, a database in use
            msg = f"{out}: cannot open it as a DuckDB database: {e}"
            raise ExportError(msg) from e
        # a bounded buffer: the database grows on disk, not in memory
        self.con.execute("SET memory_limit = '64MB'")
        self.con.execute("SET preserve_insertion_order = true")
        self.con.execute("SET threads = 1")
        self.created: set[str] = set()

    def write(self, batch: Columns | CellColumns) -> None:
        table = batch.table
        name = _quote(table.name)
        if table.name not in self.created:
            body = ", ".join(f"{_quote(c.name)} {_DUCKDB_TYPES[c.type]}" for c in table.columns)
            self.con.execute(f"CREATE OR REPLACE TABLE {name} ({body})")
            self.created.add(table.name)
        rows = arrow_table(batch)  # noqa: F841 - DuckDB reads the local variable by its name
        self.con.execute(f"INSERT INTO {name} SELECT * FROM rows")  # noqa: S608 - our own table names

    def close(self) -> None:
        self.con.execute("CHECKPOINT")
        self.con.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class _Files:
    """``out/<table>.<suffix>``, one text file per table, appended batch by batch."""

    suffix = ""

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.files: dict[str, IO[str]] = {}

    def open(self, table: Table) -> tuple[IO[str], bool]:
        """The file of ``table`` and whether it was just opened."""
        found = self.files.get(table.name)
        if found is not None:
            return found, False
        path = self.out / f"{table.name}{self.suffix}"
        self.files[table.name] = opened = path.open("w", encoding="utf-8", newline="")
        return opened, True

    def close(self) -> None:
        for f in self.files.values():
            f.close()


class _Csv(_Files):
    """RFC 4180 CSV, UTF-8, one header line; text a spreadsheet would read as a formula gets an apostrophe."""

    suffix = ".csv"

    def __init__(self, out: Path, *, formula_guard: bool = True) -> None:
        from govreport.renderers.csv import _guard  # noqa: PLC0415 - the csv renderer's one neutraliser

        super().__init__(out)
        self.formula_guard = formula_guard
        self.guard: Callable[[str], str] = _guard

    def write(self, batch: Columns | CellColumns) -> None:
        table, columns = batch.table, batch.lists()
        f, new = self.open(table)
        writer = csv.writer(f, lineterminator="\r\n")
        if new:
            writer.writerow(table.names)
        converters: list[Callable[[Any], str]] = [
            self._guarded if self.formula_guard and c.type == "string" else _text for c in table.columns
        ]
        rows = zip(*(columns[c.name] for c in table.columns), strict=True)
        writer.writerows([conv(v) for conv, v in zip(converters, row, strict=True)] for row in rows)

    def _guarded(self, value: Any) -> str:
        return "" if value is None else self.guard(str(value))


class _JsonLines(_Files):
    """One JSON object per row; exact decimals as JSON numbers, null as null."""

    suffix = ".jsonl"

    def write(self, batch: Columns | CellColumns) -> None:
        table, columns = batch.table, batch.lists()
        f, _ = self.open(table)
        names = table.names
        rows = zip(*(columns[n] for n in names), strict=True)
        f.writelines(dumps_json(dict(zip(names, row, strict=True)), indent=None) + "\n" for row in rows)


def open_writer(to: str, out: str | os.PathLike[str], *, formula_guard: bool = True, part: str | None = None) -> Writer:
    """A writer of format ``to`` into ``out`` (a directory, or the database file for ``duckdb``).

    ``part`` (Parquet only) names one part of a dataset: ``out/<table>/<part>.parquet``.

    Raises:
        ExportError: an unknown format, or ``parquet`` or ``duckdb`` without the ``corpus`` extra.
    """
    path = Path(out)
    if part is not None and to != "parquet":
        msg = f"only parquet is written in parts, not {to}"
        raise ExportError(msg)
    if to == "parquet":
        return _Parquet(path, part)
    if to == "duckdb":
        return _DuckDB(path)
    if to == "csv":
        return _Csv(path, formula_guard=formula_guard)
    if to == "jsonl":
        return _JsonLines(path)
    msg = f"unknown export format {to!r}; use one of {', '.join(FORMATS)}"
    raise ExportError(msg)
