"""Directories and glob patterns into the inputs they name, with every one that cannot be listed accounted for.

One walker serves both: it lists each directory once, in sorted order, follows symbolic links to directories
but never into a directory it has already listed (so a ``self -> .`` link neither loops nor repeats files), and
reports a directory it cannot list instead of skipping it. Glob patterns are matched here too (``*``, ``?``,
``[…]`` within a name, ``**`` across directories, names starting with ``.`` only when the pattern's does),
because :func:`glob.glob` silently drops the directories it cannot read and follows symlink loops 40 levels deep.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

import attrs

__all__ = ["GLOB_CHARS", "Found", "walk_directory", "walk_glob"]

_S = TypeVar("_S")

#: Characters that make a command-line argument a glob pattern rather than a file name.
GLOB_CHARS = frozenset("*?[")


@attrs.frozen
class Found:
    """One thing a directory or a pattern names: a file to read, or a problem with a path.

    Attributes:
        path: the file, or the directory (or pattern) the problem is about.
        problem: ``None`` for a file to read; ``"unreadable"`` (a directory that cannot be listed, ``reason``
            says why), ``"empty"`` (a directory with no ``*.json`` file below it) or ``"no_match"``.
        reason: the operating system's reason, for ``"unreadable"``.
    """

    path: str
    problem: str | None = None
    reason: str | None = None


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _listing(path: str) -> tuple[list[tuple[str, bool]], OSError | None]:
    """The sorted entries of a directory as (name, is a directory, following links), or the error of listing."""
    try:
        with os.scandir(path) as it:
            entries = [(entry.name, _is_dir(entry)) for entry in it]
    except OSError as e:
        return [], e
    return sorted(entries), None


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows a symbolic link
    except OSError:
        return False


def _unreadable(path: str, error: OSError) -> Found:
    return Found(path=path, problem="unreadable", reason=error.strerror or str(error))


def _join(path: str, name: str) -> str:
    return os.path.join(path, name) if path else name


def _directories(
    top: str, state: _S, below: Callable[[_S, str], _S | None]
) -> Iterator[Found | tuple[str, _S, list[tuple[str, bool]]]]:
    """Each directory from ``top`` down, once, depth first in sorted order: its path, its state and its entries
    (or an ``"unreadable"`` :class:`Found`). ``below(state, name)`` gives a subdirectory's state, or ``None`` to
    leave it out."""
    visited: set[tuple[int, int]] = set()
    pending = [(top, state)]
    while pending:
        path, here = pending.pop()
        identity = _identity(path or ".")
        if identity is not None:
            if identity in visited:  # a symbolic link back to a directory already listed
                continue
            visited.add(identity)
        entries, error = _listing(path or ".")
        if error is not None:
            yield _unreadable(path or ".", error)
            continue
        yield path, here, entries
        deeper = [
            (_join(path, name), sub) for name, is_dir in entries if is_dir and (sub := below(here, name)) is not None
        ]
        pending.extend(reversed(deeper))  # in sorted order: of two names of one directory, the first is kept


def _is_json(name: str) -> bool:
    return name.endswith(".json")


def walk_directory(top: str, wanted: Callable[[str], bool] = _is_json) -> Iterator[Found]:
    """Every ``*.json`` entry that is not a directory below ``top``, files of a directory before its subdirectories.

    FIFOs, devices and broken links named ``*.json`` are named too: reading them reports why they cannot be read.
    ``wanted`` chooses the file names to name instead of ``*.json`` (a corpus run with published reports names
    ``*.txt``, ``*.html``, ``*.pdf``… too).

    Yields:
        The files, a ``"unreadable"`` :class:`Found` for each directory that cannot be listed, and an ``"empty"``
        one for ``top`` when nothing at all is below it.
    """
    named = False
    for item in _directories(top, 0, lambda depth, _: depth + 1):
        if isinstance(item, Found):
            named = True
            yield item
            continue
        path, _, entries = item
        for name, is_dir in entries:
            if not is_dir and wanted(name):
                named = True
                yield Found(path=_join(path, name))
    if not named:
        yield Found(path=top, problem="empty")


class _Pattern:
    """A glob pattern split at ``/``: literal leading directories, then one matcher per component."""

    def __init__(self, pattern: str) -> None:
        parts = pattern.replace(os.sep, "/").split("/") if os.sep != "/" else pattern.split("/")
        first = next((i for i, p in enumerate(parts) if GLOB_CHARS & set(p)), len(parts))
        literal = parts[:first]
        self.root = "/".join(literal) if any(literal) else ("/" if pattern.startswith("/") else "")
        self.raw: Sequence[str] = [p for p in parts[first:] if p]
        self.parts: list[re.Pattern[str] | None] = [
            None if p == "**" else re.compile(fnmatch.translate(p)) for p in self.raw
        ]
        self.recursive = "**" in self.raw

    def closure(self, states: set[int]) -> frozenset[int]:
        """``states`` and every state after a ``**`` that may match no directory at all."""
        out = set(states)
        todo = list(states)
        while todo:
            i = todo.pop()
            if i < len(self.parts) and self.parts[i] is None and i + 1 not in out:
                out.add(i + 1)
                todo.append(i + 1)
        return frozenset(out)

    def step(self, states: frozenset[int], name: str) -> frozenset[int]:
        """The states after one more path component ``name``."""
        out: set[int] = set()
        for i in states:
            if i >= len(self.parts):
                continue
            part = self.parts[i]
            if name.startswith(".") and not self.raw[i].startswith("."):
                continue  # like the shell and glob: * and ** do not name hidden files
            if part is None:
                out.add(i)
            elif part.match(name):
                out.add(i + 1)
        return self.closure(out)


def walk_glob(pattern: str, wanted: Callable[[str], bool] = _is_json) -> Iterator[Found]:
    """What the glob ``pattern`` names, in sorted order: files, and every ``*.json`` below a directory it names
    (a ``**`` pattern names the files below itself), each directory listed once.

    Yields:
        The files, ``"unreadable"`` for directories that cannot be listed, and one ``"no_match"`` when the
        pattern names nothing.
    """
    glob = _Pattern(pattern)
    end = len(glob.parts)

    def below(states: frozenset[int], name: str) -> frozenset[int] | None:
        after = glob.step(states, name)
        return after if any(i < end for i in after) else None

    found: list[tuple[str, bool | Found]] = []
    for item in _directories(glob.root, glob.closure({0}), below):
        if isinstance(item, Found):
            found.append((item.path, item))
            continue
        path, states, entries = item
        for name, is_dir in entries:
            if end in glob.step(states, name) and not (is_dir and glob.recursive):
                found.append((_join(path, name), is_dir))
    if not found:
        yield Found(path=pattern, problem="no_match")
    for full, what in sorted(found, key=lambda item: item[0]):
        if isinstance(what, Found):
            yield what
        elif what:
            yield from walk_directory(full, wanted)
        else:
            yield Found(path=full)


def is_directory(path: str) -> bool | None:
    """Whether ``path`` is a directory (following links), or ``None`` when it cannot be told (no such path, or
    a directory on the way that cannot be searched)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return None
