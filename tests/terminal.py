"""Running govreport with its output on a pseudo-terminal, as a person at a terminal would see it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import govreport


def on_a_terminal(
    argv: list[str], env: dict[str, str] | None = None, *, stdout_too: bool = False
) -> tuple[int, str, str]:
    """Run govreport with standard error (and with ``stdout_too`` standard output) on a pseudo-terminal: its exit
    status, standard output when piped, and what the terminal showed."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport", *argv],
        stdout=follower if stdout_too else subprocess.PIPE,
        stderr=follower,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(Path(govreport.__file__).parents[1]), **(env or {})},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # EIO: the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    out = proc.stdout.read().decode() if proc.stdout else ""
    status = proc.wait()
    if proc.stdout:
        proc.stdout.close()
    os.close(leader)
    return status, out, b"".join(chunks).decode(errors="replace")
