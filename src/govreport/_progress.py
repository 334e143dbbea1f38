"""The progress bar of the command line's batch verbs (``validate``, ``export``, ``report``, ``parse``).

One helper, :func:`progress_bar`, draws it with tqdm (the ``cli`` extra): how many inputs are done of how many,
the rate, the time left, and how many were invalid or unreadable so far. It is drawn on standard error, and only
when standard error is a terminal; in colour unless ``NO_COLOR`` is set (https://no-color.org) or the terminal is
``dumb``. Without tqdm installed there is no bar, and nothing else changes.
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from govreport.corpus import Summary

__all__ = ["Progress", "colour_allowed", "progress_bar"]


class Progress(Protocol):
    """What a batch verb does with its progress bar."""

    def update(self, summary: Summary, *, force: bool = False) -> None:
        """Show ``summary``'s counts (at most ten redraws a second unless ``force``)."""

    def clear(self) -> None:
        """Take the bar off the screen before other output is written; the next update draws it again."""

    def close(self) -> None:
        """Take the bar off the screen for good."""


class _NoBar:
    """No progress bar: not a terminal, ``--no-progress``, or tqdm not installed."""

    def update(self, summary: Summary, *, force: bool = False) -> None:
        """Nothing to draw."""

    def clear(self) -> None:
        """Nothing to clear."""

    def close(self) -> None:
        """Nothing to close."""


def colour_allowed(stream: IO[Any]) -> bool:
    """Whether to write colour to ``stream``: a terminal, ``NO_COLOR`` unset (or empty), and not ``TERM=dumb``."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # no descriptor, or closed
        return False
    return terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


class _Bar:
    """A tqdm bar over the inputs of a run."""

    def __init__(self, bar: Any, lang: str) -> None:
        self._bar = bar
        self._lang = lang
        self._shown = (-1, -1)

    def update(self, summary: Summary, *, force: bool = False) -> None:
        counts = (summary.invalid, summary.unreadable)
        if counts != self._shown:
            self._shown = counts
            postfix = (
                f"{summary.invalid} 个不合格，{summary.unreadable} 个无法读取"
                if self._lang == "zh"
                else f"{summary.invalid} invalid, {summary.unreadable} unreadable"
            )
            self._bar.set_postfix_str(postfix, refresh=False)
        done = summary.files - self._bar.n
        if done > 0:
            self._bar.update(done)  # tqdm redraws at most every mininterval, and keeps the rate and time left
        if force:
            self._bar.refresh()

    def clear(self) -> None:
        self._bar.clear()

    def close(self) -> None:
        self._bar.close()


def _width(stream: IO[str]) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 0


def progress_bar(stream: IO[str], total: int | None, *, enabled: bool, lang: str = "en") -> Progress:
    """The progress bar of a batch on ``stream`` (standard error), or one that draws nothing.

    Args:
        stream: where to draw.
        total: how many inputs the run has, or ``None`` when it is not known (standard input).
        enabled: whether a bar is wanted; it is drawn only when ``stream`` is a terminal as well.
        lang: the language of the counts beside the bar.

    Returns:
        The bar; without tqdm, or when not wanted or not on a terminal, one that draws nothing.
    """
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    if not enabled or not terminal:
        return _NoBar()
    try:
        from tqdm import tqdm  # noqa: PLC0415 - the cli extra; only a run on a terminal draws a bar
    except ImportError:
        return _NoBar()
    tqdm.monitor_interval = 0  # no monitor thread: the bar is redrawn by the run itself
    sized = _width(stream) > 0  # a terminal that does not say its width (0 columns) gets 80
    bar = tqdm(
        total=total,
        file=stream,
        unit=" 个" if lang == "zh" else " files",
        dynamic_ncols=sized,
        ncols=None if sized else 80,
        nrows=None if sized else 24,
        mininterval=0.1,
        leave=False,
        colour="green" if colour_allowed(stream) else None,
    )
    return _Bar(bar, lang)
