"""``export``: every input of a corpus into the cells, reports and findings tables, streamed in batches."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Unpack

from govreport.corpus._engine import RunOptions, run
from govreport.corpus._summary import Summary
from govreport.corpus._tables import Batch, Record, ToRecord
from govreport.corpus._writers import FORMATS, open_writer
from govreport.errors import ExportError

__all__ = ["FORMATS", "export", "write_records"]


def _count(summary: Summary, record: Record) -> None:
    rules = Counter((row[0], row[1]) for row in record.findings)
    summary.count(record.report[1], [(rule, severity, n) for (rule, severity), n in rules.items()])


def write_records(
    records: Iterable[Record],
    to: str,
    out: str | os.PathLike[str],
    *,
    wide: bool = False,
    batch_size: int = 512,
    formula_guard: bool = True,
    progress: Callable[[Summary], None] | None = None,
    part: str | None = None,
) -> Summary:
    """Write ``records`` into the tables of format ``to`` at ``out``, ``batch_size`` inputs at a time.

    ``part`` writes one part of a Parquet dataset (``out/<table>/<part>.parquet``).

    Returns:
        The summary of what was written.
    """
    if batch_size < 1:
        msg = f"batch_size must be ≥ 1, not {batch_size}"
        raise ExportError(msg)
    writer = open_writer(to, out, formula_guard=formula_guard, part=part)
    summary = Summary()
    batch = Batch(wide=wide)
    try:
        for record in records:
            batch.add(record)
            _count(summary, record)
            if batch.reports >= batch_size:
                for columns in batch.take():
                    writer.write(columns)
            if progress is not None:
                progress(summary)
        for columns in batch.take():  # the last batch, and the headers of empty tables
            writer.write(columns)
    finally:
        writer.close()
    return summary


def export(
    inputs: str | os.PathLike[str] | Iterable[Any],
    out: str | os.PathLike[str],
    *,
    to: str = "parquet",
    wide: bool = False,
    lang: str = "zh",
    batch_size: int = 512,
    formula_guard: bool = True,
    progress: Callable[[Summary], None] | None = None,
    **options: Unpack[RunOptions],
) -> Summary:
    """Export every input into a ``cells`` (or ``wide``), a ``reports`` and a ``findings`` table.

    Memory stays flat in the number of inputs: they are read as :func:`~govreport.corpus.stream` reads them and
    written ``batch_size`` at a time. An input that cannot be read is a row of the reports table (with the reason
    in ``read_error``) and rows of the findings table, never an abort.

    Args:
        inputs: what :func:`~govreport.corpus.sources` takes: paths, directories, globs, documents, sources.
        out: a directory (``parquet``, ``csv``, ``jsonl``: ``cells.parquet``, ``reports.parquet`` and
            ``findings.parquet`` in it), or the database file (``duckdb``: tables ``cells``, ``reports``,
            ``findings``). Files and tables of those names are replaced.
        to: ``parquet``, ``duckdb``, ``csv`` or ``jsonl``.
        wide: write the wide form (one row per report, one column per cell) as table ``wide`` instead of ``cells``.
        lang: the language of the findings' messages.
        batch_size: inputs per write (a Parquet row group, a DuckDB insert).
        formula_guard: in CSV, put an apostrophe before text a spreadsheet would read as a formula.
        progress: called with the running summary after each input.
        **options: how inputs are read and checked (``published``, ``jobs``, ``previous``, ``strict``,
            ``select``, ``ignore``, ``stdin``, ``chunksize``): see :class:`~govreport.corpus.RunOptions`.

    Returns:
        The summary: inputs, valid, invalid, unreadable, findings by rule.

    Raises:
        ExportError: an unknown format, or ``parquet``/``duckdb`` without the ``corpus`` extra.
    """
    records = run(inputs, ToRecord(lang=lang), **options)
    return write_records(
        records, to, out, wide=wide, batch_size=batch_size, formula_guard=formula_guard, progress=progress
    )
