"""The corpus export on a Dask cluster: one machine or many, through Dask's scheduler rather than one of our own.

:func:`export` builds a :class:`dask.bag.Bag` from a list of paths, reads and checks each input on the workers
(exactly as :func:`govreport.corpus.export` does in one process) and has each partition write its part of a
Parquet dataset::

    out/cells/part-00000000.parquet     out/reports/part-00000000.parquet     out/findings/part-00000000.parquet
    out/cells/part-00000250.parquet     …

Each part is named after the position of its first input, so the dataset reads back in input order. DuckDB,
pyarrow, pandas and Dask read it as one table (``read_parquet('out/cells/*.parquet')``). With a
:class:`distributed.Client` the work runs on its cluster; without one, on Dask's default scheduler. On a cluster
of several machines, the inputs and ``out`` must be paths that every worker can read and write (a shared file
system), and govreport must be installed on every worker.

Needs the ``dask`` and ``corpus`` extras: ``pip install 'govreport[corpus,dask]'``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from govreport.corpus._engine import Check, process
from govreport.corpus._export import write_records
from govreport.corpus._inputs import Source, sources
from govreport.corpus._summary import Summary
from govreport.corpus._tables import Record, ToRecord, tables
from govreport.errors import ExportError
from govreport.model import Report

if TYPE_CHECKING:
    import dask.bag

__all__ = ["export", "records"]


def _bag_module() -> Any:
    try:
        import dask.bag  # noqa: PLC0415 - an optional dependency, only for this module's functions
    except ImportError as e:
        msg = "the Dask export needs dask: pip install 'govreport[corpus,dask]'"
        raise ExportError(msg) from e
    return dask.bag


@attrs.frozen(kw_only=True)
class _Part:
    """What each partition needs to write its part (sent to the workers with the task)."""

    out: str
    check: Check
    lang: str
    wide: bool
    batch_size: int


def _write_part(items: Iterable[tuple[int, Source]], part: _Part) -> list[Summary]:
    """Read, check and write one partition's inputs as one part of the dataset; its summary."""
    numbered = list(items)  # the sources of one partition: names only, or documents the caller handed in
    if not numbered:
        return [Summary()]
    name = f"part-{numbered[0][0]:08d}"
    outcomes = process((source for _, source in numbered), ToRecord(lang=part.lang), check=part.check)
    summary = write_records(outcomes, "parquet", part.out, wide=part.wide, batch_size=part.batch_size, part=name)
    return [summary]


def records(
    inputs: str | os.PathLike[str] | Sequence[Any],
    *,
    published: bool = False,
    lang: str = "zh",
    npartitions: int | None = None,
    previous: Report | None = None,
    strict: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
) -> dask.bag.Bag:
    """A Dask bag with the :class:`~govreport.corpus.Record` of each input (the rows it gives every table).

    Directories and globs are listed here, on the client; each input is read and checked on the workers.
    """
    db = _bag_module()
    named = list(sources(inputs, published=published))
    task = _RecordOf(check=Check(previous=previous, strict=strict, select=select, ignore=ignore), lang=lang)
    bag: dask.bag.Bag = db.from_sequence(named, npartitions=npartitions or _partitions(len(named))).map(task)
    return bag


@attrs.frozen(kw_only=True)
class _RecordOf:
    check: Check
    lang: str

    def __call__(self, source: Source) -> Record:
        (record,) = process([source], ToRecord(lang=self.lang), check=self.check)
        return record


def _partitions(n: int) -> int:
    """About 250 inputs a partition (a second or two of work), at least one."""
    return max(1, min(10_000, -(-n // 250)))


def export(
    inputs: str | os.PathLike[str] | Sequence[Any],
    out: str | os.PathLike[str],
    *,
    published: bool = False,
    lang: str = "zh",
    wide: bool = False,
    npartitions: int | None = None,
    batch_size: int = 512,
    previous: Report | None = None,
    strict: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    client: Any = None,
) -> Summary:
    """Export every input into a Parquet dataset under ``out``, the partitions written on the Dask workers.

    Args:
        inputs: paths (files, directories, globs) or documents, as :func:`govreport.corpus.sources` takes them;
            directories and globs are listed on the client, and the list of names is what Dask partitions.
        out: the dataset's directory: ``out/cells/`` (or ``out/wide/``), ``out/reports/``, ``out/findings/``.
            Parts left there by an earlier export are removed first.
        published: also read published reports (``*.txt``, ``*.html``, ``*.pdf``…) through the parsers.
        lang: the language of the findings' messages.
        wide: the wide form (one row per report, one column per cell) instead of the tidy cells table.
        npartitions: how many parts (default: one per 250 inputs).
        batch_size: inputs per Parquet row group.
        previous: the preceding year's report, for the continuity rules.
        strict: treat missing cells as errors.
        select: run only these rules.
        ignore: skip these rules.
        client: a :class:`distributed.Client` to run on; ``None`` uses Dask's default scheduler (the client
            created last, if any).

    Returns:
        The summary of the whole export (every partition's, added up).

    Raises:
        ExportError: dask (or pyarrow) is not installed.
    """
    db = _bag_module()
    root = Path(out)
    for table in tables(wide=wide):
        for stale in (root / table.name).glob("part-*.parquet"):
            stale.unlink()
    named = list(enumerate(sources(inputs, published=published)))
    part = _Part(
        out=str(root),
        check=Check(previous=previous, strict=strict, select=select, ignore=ignore),
        lang=lang,
        wide=wide,
        batch_size=batch_size,
    )
    bag = db.from_sequence(named, npartitions=npartitions or _partitions(len(named)))
    parts = bag.map_partitions(_write_part, part)
    summaries = client.compute(parts).result() if client is not None else parts.compute()
    total = Summary()
    for summary in summaries:
        total.update(summary)
    return total
