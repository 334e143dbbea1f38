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
from importlib import import_module
from typing import IO, TYPE_CHECKING, Any

from govreport.corpus._engine import Check, Outcome, State, failure, jobs_for, process, read
from govreport.corpus._inputs import PUBLISHED_SUFFIXES, Form, Source, read_json_lines, sources
from govreport.corpus._summary import Summary, rule_counts
from govreport.model import Report

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
    "sources",
    "stream",
    "tables",
    "wide_column",
    "write_records",
]


def _identity(outcome: Outcome) -> Outcome:
    return outcome


def stream(
    inputs: str | os.PathLike[str] | Iterable[Any],
    *,
    published: bool = False,
    jobs: int = 1,
    previous: Report | None = None,
    strict: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    stdin: IO[bytes] | None = None,
    chunksize: int = 16,
) -> Iterator[Outcome]:
    """Read and validate every input, yielding one :class:`Outcome` per input, in input order.

    Args:
        inputs: a path, directory or glob pattern, or an iterable of them and of :class:`~govreport.Report`
            objects, decoded JSON documents and :class:`Source` objects (see :func:`sources`).
        published: also read published reports (``*.txt``, ``*.html``, ``*.pdf``…) through the parsers.
        jobs: worker processes (``0``: one per core); ``1`` reads in this process. Outcomes, reports
            included, come back from the workers; to keep less, give :func:`process` a task that returns only what
            you need.
        previous: the preceding year's report, for the continuity rules.
        strict: treat missing cells as errors.
        select: run only these rules (ids or prefixes).
        ignore: skip these rules.
        stdin: the stream that an input ``"-"`` reads as JSON Lines.
        chunksize: how many inputs a worker process takes at a time.

    Yields:
        One outcome per input: ``source, report_or_error, findings``.
    """
    check = Check(previous=previous, strict=strict, select=select, ignore=ignore)
    named = sources(inputs, published=published, stdin=stdin)
    return process(named, _identity, check=check, jobs=jobs, chunksize=chunksize)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(import_module(module), name)
        globals()[name] = value  # the next access finds it without calling this function
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
