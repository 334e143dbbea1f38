"""Inputs of a corpus: what the arguments of a run name, one :class:`Source` at a time.

A path names a file; a directory names every report file below it (sorted per directory level, so a run's order
is reproducible without listing the whole tree first; each directory listed once, so a symbolic link back up the
tree neither loops nor repeats files; a directory that cannot be listed is an input of its own, reported); a glob
pattern names what it matches (see :mod:`govreport._walk`); ``-`` names JSON
Lines on standard input; and Python callers may also hand in documents (a :class:`~govreport.Report`, a decoded
JSON object) or :class:`Source` objects. Nothing is read here: a :class:`Source` only says where its content is,
so naming a hundred thousand inputs costs no more memory than naming ten.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from typing import IO, Any, Literal

import attrs

from govreport._kinds import PUBLISHED_SUFFIXES
from govreport._walk import GLOB_CHARS, is_directory, walk_directory, walk_glob
from govreport.editions import edition_names, get_edition
from govreport.findings import Finding, Severity
from govreport.limits import MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS
from govreport.model import Report

__all__ = ["PUBLISHED_SUFFIXES", "Form", "Source", "is_report", "read_json_lines", "sources"]

#: ``document``: a contract JSON document; ``published``: a report as published (text, HTML, PDF), read through
#: :func:`govreport.parse`.
Form = Literal["document", "published"]


#: The longest JSON Lines record read from a stream, in bytes (the loader's own limit for bytes).
MAX_LINE_BYTES = MAX_DOCUMENT_BYTES


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


def _wanted(name: str, *, published: bool, documents: bool) -> bool:
    return (documents and name.endswith(".json")) or (published and name.lower().endswith(PUBLISHED_SUFFIXES))


def _expand(spec: str, *, published: bool, documents: bool = True) -> Iterator[Source]:
    """The inputs named by one path argument: a file, a directory (every report file below it) or a glob.

    Whatever cannot be listed or matches nothing is an input too, with the problem that says so.
    """
    is_dir = is_directory(spec)
    if is_dir is False or (is_dir is None and not GLOB_CHARS & set(spec)):
        # reading it reports a missing or unreadable file, or one that is not a regular file
        yield Source(name=spec, form=_form_of(spec, published=published))
        return
    wanted = partial(_wanted, published=published, documents=documents)
    for found in walk_directory(spec, wanted) if is_dir else walk_glob(spec, wanted):
        problem = None
        if found.problem == "unreadable":
            problem = Finding(rule="input.unreadable", severity=Severity.ERROR, detail={"reason": found.reason or ""})
        elif found.problem is not None:
            rule = "input.empty" if found.problem == "empty" else "input.not_found"
            problem = Finding(rule=rule, severity=Severity.ERROR)
        yield Source(name=found.path, form=_form_of(found.path, published=published), problem=problem)


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
    documents: bool = True,
) -> Iterator[Source]:
    """Every :class:`Source` that ``inputs`` name, lazily, in order.

    Args:
        inputs: one path, directory or glob pattern, or an iterable whose items are paths, directories, glob
            patterns, ``"-"`` (JSON Lines from ``stdin``), :class:`~govreport.Report` objects, decoded JSON
            documents (mappings) or :class:`Source` objects.
        published: also read published reports (``*.txt``, ``*.html``, ``*.htm``, ``*.xhtml``, ``*.pdf``,
            ``*.docx``, ``*.xlsx``) through the parsers: directories and globs name them too, and a path with such
            an ending is parsed rather than loaded as JSON.
        stdin: the stream that ``"-"`` reads; ``"-"`` names nothing without one.
        documents: whether directories and globs name report documents (``*.json``); ``False`` with
            ``published`` names published reports only (``govreport parse`` on a folder).

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
            yield from _expand(os.fspath(item), published=published, documents=documents)
        elif is_report(item) or isinstance(item, Mapping):
            yield Source(name=f"<item {n}>", data=item)
        else:
            problem = Finding(
                rule="input.error",
                severity=Severity.ERROR,
                detail={"reason": f"not a path, a report or a document: {type(item).__name__}"},
            )
            yield Source(name=f"<item {n}>", problem=problem)
