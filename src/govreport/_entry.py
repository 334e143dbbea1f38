"""The ``govreport`` command and ``python -m govreport``: the command line is loaded here, inside the handling of
Ctrl-C, so that an interrupt while it loads or builds its parser ends the command as an interrupt anywhere else
does (one line, exit status 130), not with a traceback."""

from __future__ import annotations

import sys


def main() -> int:
    """Load the command line and run it on ``sys.argv[1:]``; the exit status."""
    try:
        from govreport.cli import main as run  # noqa: PLC0415 - loaded where Ctrl-C is handled

        return run()
    except KeyboardInterrupt:  # before the command line's own handling of it (loading, building the parser)
        return interrupted()


def interrupted() -> int:
    """Say that the command was interrupted (Ctrl-C) and return its exit status, 130 (the shell's convention for a
    command stopped by SIGINT)."""
    sys.stderr.write("govreport: interrupted\n")
    # What the interrupt cut off half-made (a multiprocessing finalizer stopped inside its constructor) may fail when
    # it is collected before the interpreter exits: "Exception ignored … Traceback" is no news after Ctrl-C.
    sys.unraisablehook = _ignore_unraisable
    return 130


def _ignore_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """Print nothing for an exception Python cannot raise (the run was interrupted)."""
