"""The batch engine: read and check each :class:`~govreport.corpus.Source`, in this process or in a pool of worker
processes, and hand each result on in input order.

:func:`process` is the one loop of every corpus run (``govreport validate``, ``export``, ``report``, and
:func:`~govreport.corpus.stream`). It reads a source, validates the report, passes the :class:`Outcome` to a *task*
(a picklable callable that turns it into what the caller needs: a line of output, rows of a table) and yields the
task's results in input order. With ``jobs > 1`` the reading, the checking and the task run in worker processes,
which take sources in chunks with at most ``ahead × jobs`` chunks in flight, so memory stays flat however many
inputs there are (a bare ``Pool.imap`` would read the whole input iterator ahead). A problem with one input
becomes that input's outcome and never stops the others.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, TypedDict, TypeVar, Unpack

import attrs

from govreport.corpus._inputs import Form, Source, is_report, sources
from govreport.errors import GovReportError, ParseError, ReportDecodeError, ReportLimitError, UnreadableInputError
from govreport.findings import Finding, Severity
from govreport.model import Report
from govreport.rules import validate
from govreport.serialization import limit_problems, load, loads, structure

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext

__all__ = ["Check", "Outcome", "RunOptions", "State", "failure", "process", "read", "run"]

T = TypeVar("T")

#: ``valid``: read, and no finding of severity error; ``invalid``: read, with an error finding; ``unreadable``:
#: not read as a report at all.
State = Literal["valid", "invalid", "unreadable"]


def _names(names: Iterable[str]) -> tuple[str, ...]:
    return (names,) if isinstance(names, str) else tuple(names)


def _optional_names(names: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if names is None else _names(names)


@attrs.frozen(kw_only=True)
class Check:
    """How every report of a run is checked: the arguments of :func:`govreport.validate`.

    Attributes:
        previous: the preceding year's report, for the continuity rules (the same for every input).
        strict: treat missing cells as errors.
        blank_as_zero: assume blank cells are 0 where a rule reads them (the findings that rest on it say so).
        diagnose: when equations fail, add ``diagnosis.*`` findings naming the smallest corrections that explain
            them.
        select: run only these rules (ids or prefixes); ``None`` for all.
        ignore: skip these rules (ids or prefixes).
        rules: run the rules; ``False`` only reads each input (``govreport parse``: the findings are the
            parser's).
        parse: keyword arguments of :func:`govreport.parse` for every published input (``kind``, ``agency``,
            ``year``…).
    """

    previous: Report | None = None
    strict: bool = False
    blank_as_zero: bool = False
    diagnose: bool = False
    select: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_names)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_names)
    rules: bool = True
    parse: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class Outcome:
    """What reading and checking one input gave. Unpacks as ``source, report_or_error, findings``.

    Attributes:
        source: the input's name (its path, ``<stdin>:N``, ``<item N>``).
        form: ``"document"`` or ``"published"``.
        report: the report, or ``None`` when the input could not be read as one.
        error: why the input could not be read, or ``None``.
        findings: the validation findings (after the parsers' findings, for a published report); for an
            unreadable input, the problems that say why.
    """

    source: str
    form: Form = "document"
    report: Report | None = None
    error: UnreadableInputError | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def state(self) -> State:
        """``valid``, ``invalid`` or ``unreadable``."""
        if self.error is not None:
            return "unreadable"
        return "invalid" if any(f.severity is Severity.ERROR for f in self.findings) else "valid"

    @property
    def valid(self) -> bool:
        """True when the input was read and no finding has severity ``error``."""
        return self.state == "valid"

    def __iter__(self) -> Iterator[Any]:
        """``source``, then the report (or the error), then the findings: ``for source, report, findings in …``."""
        yield self.source
        yield self.report if self.error is None else self.error
        yield self.findings


def failure(source: Source | str, problems: Iterable[Finding], form: Form = "document") -> Outcome:
    """The outcome of an input that could not be read, for the reasons ``problems`` give."""
    name = source if isinstance(source, str) else source.name
    error = UnreadableInputError(name, problems)
    return Outcome(source=name, form=form, error=error, findings=error.problems)


def _problem(rule: str, reason: str) -> Finding:
    return Finding(rule=rule, severity=Severity.ERROR, detail={"reason": reason})


def _load(source: Source, parse_options: Mapping[str, Any]) -> tuple[Report, tuple[Finding, ...]]:
    """The report of ``source`` and the findings of reading it (the parsers', given ``parse_options``), or an
    exception."""
    data = source.data
    if source.form == "published":
        from govreport.parsers import parse  # noqa: PLC0415 - only published inputs need the parsers

        if not isinstance(data, str | bytes | None):
            msg = "a published report is read from a file, bytes or text, not from a document"
            raise ParseError(msg)
        parsed = parse(Path(source.name) if data is None else data, **parse_options)
        return parsed.report, tuple(parsed.findings)
    if data is None:
        return load(source.name), ()
    if isinstance(data, str | bytes):
        return loads(data, source=source.name), ()
    if isinstance(data, Mapping):
        return structure(data, source=source.name), ()
    if is_report(data):  # built in Python: held to the limits of a document, as a file would be
        if problems := limit_problems(data, negatives=False):
            raise ReportLimitError(problems, source=source.name)
        return data, ()
    msg = f"not a path, a report or a document: {type(data).__name__}"
    raise GovReportError(msg)


def read(source: Source, check: Check | None = None) -> Outcome:
    """Read and validate one input. Never raises: a problem with the input becomes its outcome.

    Args:
        source: the input.
        check: how to validate (default: every rule, not strict, no previous report).

    Returns:
        The outcome: the report with its findings, or the error that says why there is none.
    """
    check = check or _DEFAULT_CHECK
    if source.problem is not None:
        return failure(source, [source.problem], source.form)
    try:
        report, read_findings = _load(source, check.parse)
        if not check.rules:
            return Outcome(source=source.name, form=source.form, report=report, findings=read_findings)
        result = validate(
            report,
            check.previous,
            strict=check.strict,
            select=check.select,
            ignore=check.ignore,
            blank_as_zero=check.blank_as_zero,
            diagnose=check.diagnose,
        )
    except Exception as e:  # one input's failure, even a bug, must not stop a run over thousands
        return failure(source, _reasons(e), source.form)
    return Outcome(source=source.name, form=source.form, report=report, findings=(*read_findings, *result.findings))


def _reasons(error: Exception) -> tuple[Finding, ...]:
    """Why an input could not be read, as findings."""
    if isinstance(error, ReportDecodeError):
        return error.problems
    if isinstance(error, OSError):
        return (_problem("input.unreadable", error.strerror or str(error)),)
    if isinstance(error, ParseError):  # the message says "not a report: …"; the parser's own may say so too
        return (_problem("input.not_a_report", str(error).removeprefix("not a report: ")),)
    if isinstance(error, GovReportError):  # e.g. a previous report of another edition
        return (_problem("input.error", str(error)),)
    return (_internal(error),)


def _internal(error: Exception) -> Finding:
    return _problem("internal.error", f"{type(error).__name__}: {error}")


_DEFAULT_CHECK = Check()


def _run(source: Source, check: Check, task: Callable[[Outcome], T]) -> T:
    """``task`` of the outcome of ``source``; a bug in the task becomes the input's ``internal.error``."""
    outcome = read(source, check)
    try:
        return task(outcome)
    except Exception as e:
        if outcome.error is not None and outcome.error.problems[0].rule == "internal.error":
            raise  # the task fails on the outcome that reports a failure: nothing is left to report with
        return task(failure(source, [_internal(e)], source.form))


# --- worker processes ------------------------------------------------------------------------------------

# What the current worker process runs, set once by the pool's initializer (so the previous year's report and
# the task are sent to each worker once, not with every chunk).
_WORKER: tuple[Check, Callable[[Outcome], Any]] | None = None


def _init_worker(check: Check, task: Callable[[Outcome], Any], pypdf_level: int) -> None:
    import logging  # noqa: PLC0415 - the process pool's imports are paid by runs with --jobs only
    import signal  # noqa: PLC0415

    global _WORKER  # noqa: PLW0603 - per-process state is what a pool initializer is for
    _WORKER = (check, task)
    logging.getLogger("pypdf").setLevel(pypdf_level)  # as quiet as the parent asked the pdf reader to be
    # Ctrl-C is handled by the parent, which shuts the pool down; workers just stop with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(chunk: list[Source]) -> list[Any]:
    assert _WORKER is not None  # noqa: S101 - set by _init_worker before any task runs
    check, task = _WORKER
    return [_run(source, check, task) for source in chunk]


def _chunks(items: Iterator[Source], size: int) -> Iterator[list[Source]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


#: What the fork server imports before it forks the workers (and the module of the run's task); _forkserver keeps
#: a worker that starts while its pool is being shut down (Ctrl-C) from printing a traceback.
_PRELOAD = ["govreport.corpus", "govreport.corpus._forkserver"]


def _context(task: Callable[..., Any]) -> BaseContext:
    """forkserver (or spawn) rather than fork: forking a process that may hold threads can deadlock."""
    import multiprocessing  # noqa: PLC0415 - the process pool's imports are paid by runs with --jobs only

    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows, some macOS
        return multiprocessing.get_context("spawn")
    forkserver = multiprocessing.get_context("forkserver")
    # the server imports govreport once and every worker is forked from it, ready (no import per worker)
    modules = [*_PRELOAD, getattr(task, "__module__", None) or type(task).__module__]
    forkserver.set_forkserver_preload([m for m in dict.fromkeys(modules) if m and m != "__main__"])
    _start_forkserver()
    return forkserver


def _start_forkserver() -> None:
    """Start the fork server with Ctrl-C ignored, so that it and every worker forked from it leave Ctrl-C to this
    process, which stops the pool. A process started with SIGINT ignored keeps ignoring it; otherwise a Ctrl-C
    while the server imports govreport (the first half-second of a run with jobs) printed its traceback.

    SIGINT is blocked as well while the server starts, so that a Ctrl-C in that moment is not lost for this
    process: it stays pending (a blocked signal is never discarded for being ignored) and arrives, as
    KeyboardInterrupt, once the handler is back.
    """
    import signal  # noqa: PLC0415 - only with a pool of workers
    import threading  # noqa: PLC0415
    from multiprocessing import forkserver, resource_tracker  # noqa: PLC0415

    if threading.current_thread() is not threading.main_thread():  # pragma: no cover - signals: main thread only
        forkserver.ensure_running()
        return
    # The resource tracker first: starting it unblocks SIGINT, which would let a Ctrl-C be lost below.
    resource_tracker.ensure_running()
    block = hasattr(signal, "pthread_sigmask")
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if block else set()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
        if block:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _parallel(
    sources: Iterator[Source], task: Callable[[Outcome], T], *, check: Check, jobs: int, chunksize: int, ahead: int
) -> Iterator[T]:
    # Imported here: a run in one process (and every other verb) does not pay for the process-pool machinery.
    import logging  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

    level = logging.getLogger("pypdf").getEffectiveLevel()
    executor = ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(task), initializer=_init_worker, initargs=(check, task, level)
    )
    pending: deque[Future[list[T]]] = deque()
    try:
        for chunk in _chunks(sources, chunksize):
            pending.append(executor.submit(_run_chunk, chunk))
            if len(pending) >= ahead * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool as e:
        msg = f"a worker process stopped unexpectedly ({e}); rerun with one job to find the input that causes it"
        raise GovReportError(msg) from e
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def jobs_for(jobs: int) -> int:
    """The number of processes ``jobs`` asks for: ``0`` is one per core."""
    if jobs < 0:
        msg = f"jobs must be a whole number ≥ 0 (0: one per core), not {jobs}"
        raise ValueError(msg)
    return jobs or os.cpu_count() or 1


def process(
    sources: Iterable[Source],
    task: Callable[[Outcome], T],
    *,
    check: Check | None = None,
    jobs: int = 1,
    chunksize: int = 16,
    ahead: int = 2,
) -> Iterator[T]:
    """Read, check and hand to ``task`` every source, yielding the task's results in input order.

    Args:
        sources: the inputs (see :func:`govreport.corpus.sources`); read lazily, a bounded distance ahead.
        task: turns each :class:`Outcome` into a result. With ``jobs > 1`` it runs in the worker processes, so
            it must be picklable (a module-level function, or an instance of a module-level class) and should
            return something small: the rows or the text the caller needs rather than the report.
        check: how to validate each report.
        jobs: the number of processes; ``1`` runs everything in this process, ``0`` one process per core.
        chunksize: how many sources a worker takes at a time.
        ahead: how many chunks per worker may be in flight (read ahead of the results handed on).

    Yields:
        ``task(outcome)`` for each source, in input order.

    Raises:
        GovReportError: a worker process died (a crash in native code); rerun with ``jobs=1`` to find the input.
    """
    check = check or _DEFAULT_CHECK
    n = jobs_for(jobs)
    if chunksize < 1 or ahead < 1:
        msg = f"chunksize and ahead must be ≥ 1, not {chunksize} and {ahead}"
        raise ValueError(msg)
    items = iter(sources)
    if n == 1:
        return (_run(source, check, task) for source in items)
    return _parallel(items, task, check=check, jobs=n, chunksize=chunksize, ahead=ahead)


class RunOptions(TypedDict, total=False):
    """The options of every corpus run (:func:`~govreport.corpus.stream`, :func:`~govreport.corpus.export`,
    :func:`~govreport.corpus.overview`), by keyword.

    Attributes:
        published: also read published reports (``*.txt``, ``*.html``, ``*.htm``, ``*.xhtml``, ``*.pdf``,
            ``*.docx``, ``*.xlsx``) through the parsers: directories and globs name them too, and a path with such
            an ending is parsed.
        jobs: worker processes (``0``: one per core); ``1`` (the default) reads in this process.
        previous: the preceding year's report, for the continuity rules (the same for every input).
        strict: treat missing cells as errors.
        blank_as_zero: assume blank cells are 0 where a rule reads them (the findings that rest on it say so).
        diagnose: add ``diagnosis.*`` findings naming the smallest corrections that explain failing equations.
        select: run only these rules (ids or prefixes).
        ignore: skip these rules (ids or prefixes).
        stdin: the stream that an input ``"-"`` reads as JSON Lines.
        chunksize: how many inputs a worker process takes at a time (default 16).
    """

    published: bool
    jobs: int
    previous: Report | None
    strict: bool
    blank_as_zero: bool
    diagnose: bool
    select: Iterable[str] | None
    ignore: Iterable[str]
    stdin: IO[bytes] | None
    chunksize: int


def run(
    inputs: str | os.PathLike[str] | Iterable[Any], task: Callable[[Outcome], T], **options: Unpack[RunOptions]
) -> Iterator[T]:
    """:func:`process` over the :func:`~govreport.corpus.sources` of ``inputs``, with the options of a run."""
    check = Check(
        previous=options.get("previous"),
        strict=options.get("strict", False),
        blank_as_zero=options.get("blank_as_zero", False),
        diagnose=options.get("diagnose", False),
        select=options.get("select"),
        ignore=options.get("ignore", ()),
    )
    named = sources(inputs, published=options.get("published", False), stdin=options.get("stdin"))
    return process(named, task, check=check, jobs=options.get("jobs", 1), chunksize=options.get("chunksize", 16))
