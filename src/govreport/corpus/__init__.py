"""Corpus scale: many reports, streamed, in constant memory.

:func:`stream` reads paths, directories, glob patterns, JSON Lines, documents in memory and published reports
(through :func:`govreport.parse`) and yields, for each input in order, an :class:`Outcome` that unpacks as
``(source, report or error, findings)``::

    >>> import govreport
    >>> from govreport import corpus
    >>> report = govreport.loads(govreport.example_document())
    >>> for source, found, findings in corpus.stream([report, {"agency": "某局"}, "absent.json"]):
    ...     print(source, type(found).__name__, [f.rule for f in findings][:1])
    <item 1> Report ['narrative.request_count']
    <item 2> UnreadableInputError ['schema.required']
    absent.json UnreadableInputError ['input.unreadable']

One input at a time is held (or, with ``jobs``, a bounded number of chunks per worker process), so a run over a
million reports needs no more memory than a run over ten, and an input that cannot be read is an outcome, never
an exception. The command line's ``validate``, ``export`` and ``report`` run on the same engine
(:func:`process`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Unpack

from govreport._lazy import lazy_names
from govreport.corpus._engine import Check, Outcome, RunOptions, State, failure, jobs_for, process, read, run
from govreport.corpus._inputs import PUBLISHED_SUFFIXES, Form, Source, read_json_lines, sources
from govreport.corpus._summary import Summary, rule_counts

if TYPE_CHECKING:
    from govreport.corpus._export import FORMATS, export, write_records
    from govreport.corpus._report import Glance, Overview, html_report, overview, render_overview
    from govreport.corpus._tables import AMOUNT_SCALE, Column, Record, Table, ToRecord, tables, wide_column

#: Names loaded on first use, so that the command line's ``validate`` loads no writer, no pyarrow, no charts.
_LAZY = {
    **dict.fromkeys(("FORMATS", "export", "write_records"), "govreport.corpus._export"),
    **dict.fromkeys(("Glance", "Overview", "html_report", "overview", "render_overview"), "govreport.corpus._report"),
    **dict.fromkeys(
        ("AMOUNT_SCALE", "Column", "Record", "Table", "ToRecord", "tables", "wide_column"), "govreport.corpus._tables"
    ),
}

__all__ = [
    "AMOUNT_SCALE",
    "FORMATS",
    "PUBLISHED_SUFFIXES",
    "Check",
    "Column",
    "Form",
    "Glance",
    "Outcome",
    "Overview",
    "Record",
    "RunOptions",
    "Source",
    "State",
    "Summary",
    "Table",
    "ToRecord",
    "export",
    "failure",
    "html_report",
    "jobs_for",
    "overview",
    "process",
    "read",
    "read_json_lines",
    "render_overview",
    "rule_counts",
    "run",
    "sources",
    "stream",
    "tables",
    "wide_column",
    "write_records",
]


def _identity(outcome: Outcome) -> Outcome:
    return outcome


def stream(inputs: str | os.PathLike[str] | Iterable[Any], **options: Unpack[RunOptions]) -> Iterator[Outcome]:
    """Read and validate every input, yielding one :class:`Outcome` per input, in input order.

    Args:
        inputs: a path, directory or glob pattern, or an iterable of them and of :class:`~govreport.Report`
            objects, decoded JSON documents and :class:`Source` objects (see :func:`sources`).
        **options: ``published``, ``jobs``, ``previous``, ``strict``, ``select``, ``ignore``, ``stdin``,
            ``chunksize``: see :class:`RunOptions`. With ``jobs``, outcomes (reports included) come back from the
            worker processes; to keep less, give :func:`process` a task that returns only what you need.

    Yields:
        One outcome per input: ``source, report_or_error, findings``.
    """
    return run(inputs, _identity, **options)


__getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__)
