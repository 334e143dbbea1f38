"""Inputs of a corpus: what the arguments of a run name, one :class:`Source` at a time.

A path names a file; a directory names every report file below it (sorted per directory level, so a run's order
is reproducible without listing the whole tree first); a glob pattern names what it matches; ``-`` names JSON
Lines on standard input; and Python callers may also hand in documents (a :class:`~govreport.Report`, a decoded
JSON object) or :class:`Source` objects. Nothing is read here: a :class:`Source` only says where its content is,
so naming a hundred thousand inputs costs no more memory than naming ten.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal

import attrs

from govreport.editions import edition_names, get_edition
from govreport.findings import Finding, Severity
from govreport.model import Report
from govreport.serialization import MAX_DOCUMENT_CHARS

__all__ = ["PUBLISHED_SUFFIXES", "Form", "Source", "is_report", "read_json_lines", "sources"]

#: ``document``: a contract JSON document; ``published``: a report as published (text, HTML, PDF), read through
#: :func:`govreport.parse`.
Form = Literal["document", "published"]

#: The file name endings of published reports, read through :func:`govreport.parse` when a run reads them.
PUBLISHED_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".pdf")

#: Characters that make an argument a glob pattern rather than a file name.
_GLOB_CHARS = frozenset("*?[")
#: The longest JSON Lines record read from a stream, in bytes (the loader's own limit for bytes).
MAX_LINE_BYTES = 4 * MAX_DOCUMENT_CHARS


@attrs.frozen(kw_only=True)
class Source:
    """One input of a run: a file to read, content in memory, or a problem met while naming inputs.

    Attributes:
        name: how results name the input: its path, ``<stdin>:N`` for a line of standard input, ``<item N>``
            for the N-th document handed in from Python (1-based).
        data: the content when it is in memory (JSON bytes or text, a decoded JSON object, a
            :class:`~govreport.Report`, or a published report's bytes); ``None`` to read the file ``name``.
        form: ``"document"`` (contract JSON) or ``"published"`` (text, HTML or PDF, read by the parsers).
        problem: why there is nothing to read (no file matches a pattern…), or ``None``.
    """

    name: str
    data: bytes | str | Mapping[str, Any] | Report | None = None
    form: Form = "document"
    problem: Finding | None = None


def is_report(obj: object) -> bool:
    """Whether ``obj`` is a report of a registered edition (an instance of that edition's model)."""
    name = getattr(obj, "edition", None)
    return isinstance(name, str) and name in edition_names() and isinstance(obj, get_edition(name).report_type)


def _form_of(name: str, *, published: bool) -> Form:
    return "published" if published and name.lower().endswith(PUBLISHED_SUFFIXES) else "document"


def _wanted(name: str, *, published: bool) -> bool:
    return name.endswith(".json") or (published and name.lower().endswith(PUBLISHED_SUFFIXES))


def _expand(spec: str, *, published: bool) -> Iterator[Source]:
    """The inputs named by one path argument: a file, a directory (every report file below it) or a glob."""
    path = Path(spec)
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(root, name)
                # regular files only: a FIFO or device named *.json in a corpus would block the run
                if _wanted(name, published=published) and os.path.isfile(full):
                    yield Source(name=full, form=_form_of(full, published=published))
        return
    if path.exists() or not (_GLOB_CHARS & set(spec)):
        # a missing file is reported when it is read, with the operating system's reason
        yield Source(name=spec, form=_form_of(spec, published=published))
        return
    matched = False
    recursive = "**" in spec
    # sorted, so runs are reproducible: this holds the matching names (not the reports) in memory
    for name in sorted(glob.iglob(spec, recursive=True)):
        matched = True
        if os.path.isdir(name):
            if not recursive:  # 'reports/20*' names folders; 'reports/**' already names the files in them
                yield from _expand(name, published=published)
        elif os.path.isfile(name):
            yield Source(name=name, form=_form_of(name, published=published))
    if not matched:
        yield Source(name=spec, problem=Finding(rule="input.not_found", severity=Severity.ERROR))


def read_json_lines(stream: IO[bytes], name: str = "<stdin>") -> Iterator[Source]:
    """One document per non-blank line of ``stream`` (JSON Lines), read lazily, each line at most
    :data:`MAX_LINE_BYTES`; an over-long line is skipped without being held and becomes a ``json.too_large``
    problem."""
    lineno = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        lineno += 1
        label = f"{name}:{lineno}"
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            too_large = Finding(
                rule="json.too_large", severity=Severity.ERROR, expected=MAX_DOCUMENT_CHARS, actual=len(line)
            )
            yield Source(name=label, problem=too_large)
            continue
        if line.strip():
            yield Source(name=label, data=line)


def sources(
    inputs: str | os.PathLike[str] | Iterable[Any],
    *,
    published: bool = False,
    stdin: IO[bytes] | None = None,
) -> Iterator[Source]:
    """Every :class:`Source` that ``inputs`` name, lazily, in order.

    Args:
        inputs: one path, directory or glob pattern, or an iterable whose items are paths, directories, glob
            patterns, ``"-"`` (JSON Lines from ``stdin``), :class:`~govreport.Report` objects, decoded JSON
            documents (mappings) or :class:`Source` objects.
        published: also read published reports (``*.txt``, ``*.html``, ``*.htm``, ``*.xhtml``, ``*.pdf``) through
            the parsers: directories and globs name them too, and a path with such an ending is parsed rather
            than loaded as JSON.
        stdin: the stream that ``"-"`` reads; ``"-"`` names nothing without one.

    Yields:
        One source per input, in the order the inputs name them.
    """
    items: Iterable[Any] = [inputs] if isinstance(inputs, str | os.PathLike) else inputs
    for n, item in enumerate(items, 1):
        if isinstance(item, Source):
            yield item
        elif isinstance(item, str) and item == "-":
            if stdin is not None:
                yield from read_json_lines(stdin)
        elif isinstance(item, str | os.PathLike):
            yield from _expand(os.fspath(item), published=published)
        elif is_report(item) or isinstance(item, Mapping):
            yield Source(name=f"<item {n}>", data=item)
        else:
            problem = Finding(
                rule="input.error",
                severity=Severity.ERROR,
                detail={"reason": f"not a path, a report or a document: {type(item).__name__}"},
            )
            yield Source(name=f"<item {n}>", problem=problem)
