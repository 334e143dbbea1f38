"""govreport's exception hierarchy.

Every exception govreport raises on purpose derives from :class:`GovReportError`, and also from the built-in
exception a caller would naturally catch (``ValueError`` for bad input, ``LookupError`` for an unknown name).
Exceptions of govreport's dependencies (cattrs, jsonschema, parsers) never escape the public API: they are
caught at the boundary and re-raised from one of these.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govreport.findings import Finding

__all__ = [
    "EditionMismatchError",
    "ExportError",
    "GovReportError",
    "GovReportWarning",
    "InputTooLargeError",
    "NotRegularFileError",
    "ParseError",
    "PluginError",
    "PluginWarning",
    "RenderError",
    "ReportDecodeError",
    "ReportEditError",
    "ReportLimitError",
    "UnknownEditionError",
    "UnreadableInputError",
    "UpgradeError",
]


class GovReportError(Exception):
    """The root of every exception govreport raises on purpose."""


class UnknownEditionError(GovReportError, LookupError):
    """An edition name that is not in the registry.

    Attributes:
        name: the name asked for.
        known: the names that are registered.
    """

    def __init__(self, name: object, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(f"unknown edition {name!r}; known editions: {', '.join(self.known) or 'none'}")


class ReportDecodeError(GovReportError, ValueError):
    """A document that is not a well-formed report: not JSON, wrong types, unknown or missing keys, negatives.

    The error lists *every* problem found, each as a :class:`~govreport.findings.Finding` whose ``pointers``
    name the JSON Pointer of the offending member.

    Attributes:
        problems: the problems, in document order.
        source: a name for the input (a file path), when known.
    """

    def __init__(self, problems: Iterable[Finding], *, source: str | None = None) -> None:
        self.problems: tuple[Finding, ...] = tuple(problems)
        self.source = source
        super().__init__(self._summary())

    def _summary(self) -> str:
        where = f"{self.source}: " if self.source else ""
        n = len(self.problems)
        head = f"{where}not a valid report document ({n} problem{'s' if n != 1 else ''})"
        lines = [head]
        shown = self.problems[:20]
        lines.extend(f"  {p.message_in('en')}" for p in shown)
        if n > len(shown):
            lines.append(f"  … and {n - len(shown)} more")
        return "\n".join(lines)


class ReportLimitError(ReportDecodeError):
    """A report built in Python holds values past the limits of a report document (see :mod:`govreport.limits`): a
    count past :data:`~govreport.limits.MAX_COUNT`, an amount past :data:`~govreport.limits.MAX_AMOUNT`, an agency
    longer than :data:`~govreport.limits.MAX_AGENCY_CHARS`. :func:`govreport.dumps` raises it rather than write a
    document that :func:`govreport.loads` would refuse; the problems are the loader's own findings, each at its
    JSON Pointer.

    .. versionadded:: 0.1.0
    """

    def _summary(self) -> str:
        return super()._summary().replace("not a valid report document", "values no report document may hold", 1)


class UnreadableInputError(GovReportError, ValueError):
    """An input of a corpus run that could not be read as a report: a missing or unreadable file, a glob that
    matches nothing, a document that is not JSON or not a report, a published page that is not a report.

    A corpus run never stops for one: the input's result carries this error instead of a report.

    Attributes:
        source: the input's name (its path, ``<stdin>:N``…).
        problems: why, as findings (``input.unreadable``, ``json.syntax``, ``schema.type``…), each with the
            pointer of what is wrong where there is one.
    """

    def __init__(self, source: str, problems: Iterable[Finding]) -> None:
        self.source = source
        self.problems: tuple[Finding, ...] = tuple(problems)
        reason = self.problems[0].message_in("en") if self.problems else "unreadable"
        more = f" (and {len(self.problems) - 1} more problems)" if len(self.problems) > 1 else ""
        super().__init__(f"{source}: {reason}{more}")

    def __reduce__(self) -> tuple[type[UnreadableInputError], tuple[str, tuple[Finding, ...]]]:
        # pickled by its arguments, so a worker process can hand it back to the parent
        return (type(self), (self.source, self.problems))


class InputTooLargeError(GovReportError, ValueError):
    """A file larger than the limit of what reads it (see ``docs/reference/limits.md``); nothing beyond the
    limit was read.

    Attributes:
        filename: the file.
        size: its size in bytes when known (a regular file), else ``None`` (more than ``limit`` arrived).
        limit: the limit in bytes.

    .. versionadded:: 0.1.0
    """

    def __init__(self, filename: str, *, size: int | None, limit: int) -> None:
        self.filename = filename
        self.size = size
        self.limit = limit
        amount = f"{size} bytes" if size is not None else f"more than {limit} bytes"
        super().__init__(f"{filename}: too large: {amount}, the limit is {limit}")


class NotRegularFileError(GovReportError, OSError):
    """A path that names a directory, FIFO, device or socket where a file is read. govreport reads regular files
    (and standard input) only: a device such as ``/dev/zero`` never ends and a FIFO can block forever.

    Attributes:
        filename: the path.
        kind: what it is instead (``"directory"``, ``"FIFO"``, ``"character device"``…).

    .. versionadded:: 0.1.0
    """

    def __init__(self, filename: str, kind: str) -> None:
        reason = f"not a regular file but a {kind}; govreport reads files and standard input"
        self.message = f"{filename}: {reason}"
        super().__init__(self.message)
        self.filename = filename
        self.strerror = reason  # as for any OSError: the reason without the file name
        self.kind = kind

    def __str__(self) -> str:
        return self.message  # OSError's own would print "[Errno None] None: <filename>"


class EditionMismatchError(GovReportError, ValueError):
    """Two reports compared across years are of different editions."""


class UpgradeError(GovReportError, ValueError):
    """No declared upgrade leads from a report's edition to the edition asked for."""


class ReportEditError(GovReportError, ValueError):
    """A change asked of a report (``report.evolve({pointer: value})``) names nothing or has the wrong type."""

    def __init__(self, pointer: str, reason: str) -> None:
        super().__init__(f"{pointer}: {reason}")
        self.pointer = pointer
        self.reason = reason


class ParseError(GovReportError, ValueError):
    """A published report (text, HTML, PDF) that cannot be read as a report at all."""


class RenderError(GovReportError, ValueError):
    """A report that a renderer cannot render, or an unknown renderer name."""


class PluginError(GovReportError, RuntimeError):
    """A plug-in (renderer, parser, rule pack) that could not be loaded or misbehaved."""


class ExportError(GovReportError, ValueError):
    """An export that cannot be written: an unknown format, a format whose packages are not installed (the
    ``corpus`` extra), an output that cannot be created."""


class GovReportWarning(UserWarning):
    """The root of every warning govreport issues."""


class PluginWarning(GovReportWarning):
    """A plug-in (renderer, parser, rule pack) that could not be loaded and was skipped."""
