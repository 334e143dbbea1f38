"""One bounded reader for every file govreport reads: documents (the loader, the command line) and sources (the
parsers).

:func:`read_file` reads at most ``limit + 1`` bytes whatever the file claims to be, so its memory and time are
bounded by the limit, not by the input. A size from ``stat()`` is trusted only to refuse early: a device or a
FIFO reports 0. Only regular files are read, and standard input named by a path (``/dev/stdin``): a device such as
``/dev/zero`` never ends, a FIFO without a writer blocks forever, and opening some devices has effects. The file
is opened without blocking, so a FIFO is refused instead of waited on.
"""

from __future__ import annotations

import os
import stat
from typing import IO, Any, overload

from govreport.errors import InputTooLargeError, NotRegularFileError

__all__ = ["read_file", "read_stream"]

_CHUNK = 1 << 20
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_KINDS = (
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


def _kind(mode: int) -> str | None:
    """What a non-regular file is (``"FIFO"``…), or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "special file")


def _is_stdin(st: os.stat_result) -> bool:
    """Whether ``st`` describes this process's standard input (as ``/dev/stdin`` names it)."""
    try:
        own = os.fstat(0)
    except OSError:
        return False
    return (own.st_dev, own.st_ino) == (st.st_dev, st.st_ino)


def _refuse_special(name: str, st: os.stat_result) -> bool:
    """Raise unless ``st`` is a regular file or standard input; return whether it is standard input."""
    kind = _kind(st.st_mode)
    if kind is None:
        return False
    if kind != "directory" and _is_stdin(st):
        return True
    raise NotRegularFileError(name, kind)


@overload
def read_stream(stream: IO[bytes], *, limit: int, first: int = ...) -> bytes: ...
@overload
def read_stream(stream: IO[str], *, limit: int, first: int = ...) -> str: ...


def read_stream(stream: IO[Any], *, limit: int, first: int = _CHUNK) -> Any:
    """At most ``limit + 1`` bytes (or characters) of an open ``stream``, read in chunks.

    A result longer than ``limit`` means the stream is longer than the limit; what follows is not read.

    Args:
        stream: a binary or text stream.
        limit: the most the caller accepts.
        first: the size of the first read (the file's size when it is known), to read a small file at once.

    Returns:
        What was read, ``bytes`` or ``str`` as the stream gives.
    """
    want = limit + 1
    chunks: list[Any] = []
    total = 0
    size = max(1, min(first, want))
    while total < want:
        chunk = stream.read(min(size, want - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        size = _CHUNK
    if not chunks:
        return stream.read(0)
    return chunks[0][:0].join(chunks)


def read_file(path: str | os.PathLike[str], *, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, refusing more than ``limit`` of them.

    Args:
        path: the file; a path that names standard input (``/dev/stdin``) is read as a stream.
        limit: the most bytes the caller accepts.

    Returns:
        The file's content.

    Raises:
        InputTooLargeError: the file has more than ``limit`` bytes (at most ``limit + 1`` were read).
        NotRegularFileError: ``path`` is a directory, FIFO, device or socket.
        OSError: the file cannot be opened or read.
    """
    name = os.fspath(path)
    # Refuse before opening (opening a tape device rewinds it), and again on what was opened (it may have changed).
    _refuse_special(name, os.stat(name))
    flags = os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(name, flags)
    with open(fd, "rb", buffering=0) as file:  # closes fd
        st = os.fstat(fd)
        if _refuse_special(name, st):
            if _NONBLOCK:
                os.set_blocking(fd, True)  # standard input: wait for the data as any reader of it would
        elif st.st_size > limit:
            raise InputTooLargeError(name, size=st.st_size, limit=limit)
        data = read_stream(file, limit=limit, first=st.st_size + 1 if st.st_size else _CHUNK)
    if len(data) > limit:
        raise InputTooLargeError(name, size=None, limit=limit)
    return data
