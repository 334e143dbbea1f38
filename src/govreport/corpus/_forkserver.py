"""Imported by the fork server of a run with worker processes (and by nothing else): the server's children say
nothing when the pool they were to join is already gone.

A worker process starts by reading its orders from the parent. When the parent is stopping the pool (Ctrl-C in the
first moments of ``--jobs``, while workers are still being forked), what the orders name is gone already: the
pool's semaphores are unlinked, its pipes closed. The child then fails with ``FileNotFoundError``, ``EOFError`` or a
broken pipe, and the fork server printed that traceback on the terminal, after the parent's own "interrupted". Such
a child now leaves quietly; any other failure is still printed, and the parent reports the broken pool.
"""

from __future__ import annotations

import os
import sys
from types import TracebackType

__all__: list[str] = []

#: What a worker meets when its pool was shut down while it started.
_POOL_GONE = (FileNotFoundError, EOFError, BrokenPipeError, ConnectionResetError)

_default_hook = sys.excepthook


def _quiet_when_the_pool_is_gone(
    kind: type[BaseException], error: BaseException, traceback: TracebackType | None
) -> None:
    if issubclass(kind, _POOL_GONE) and os.getpid() != _SERVER:
        return  # a child of the fork server whose pool is gone: nothing to say
    _default_hook(kind, error, traceback)


#: The fork server's own process id: the hook runs quietly only in its children.
_SERVER = os.getpid()
sys.excepthook = _quiet_when_the_pool_is_gone
