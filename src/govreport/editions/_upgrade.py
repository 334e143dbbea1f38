"""The vocabulary in which an upgrade from one edition to the next is declared, as data.

An upgrade says, for every data cell of the source edition, where its value goes in the target edition, and for
every data cell of the target edition, where its value comes from. Each cell is named in exactly one entry:

- :class:`Carry`: a source cell whose count is the same count in the target (the value is copied);
- :class:`Lose`: a source cell that the target edition does not count (the value is dropped, and listed);
- :class:`Collapse`: a source row that the target edition splits into sub-rows: the value goes to one sub-row
  and the others are 0, an assumption that is listed (the convention of ``format-2021.md`` §4);
- :class:`NoSource`: a target cell that the source edition does not count (it is ``null``, and listed).

:func:`govreport.upgrade` runs a declaration; the docs print it as the mapping table; :meth:`Upgrade.check`
proves that it names every cell of both editions exactly once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from govreport.editions._rules import Messages

if TYPE_CHECKING:
    from govreport.editions._spec import Edition

__all__ = ["Carry", "Collapse", "Entry", "Lose", "NoSource", "Upgrade"]


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Carry:
    """The source cell ``source`` counts what the target cell ``target`` counts: its value is copied.

    ``note`` says why the two are the same count where their labels differ.
    """

    source: str
    target: str
    note: Messages | None = None


@attrs.frozen(kw_only=True)
class Lose:
    """The source cell ``source`` has no place in the target edition; ``reason`` says why."""

    source: str
    reason: Messages


@attrs.frozen(kw_only=True)
class Collapse:
    """The source cell ``source`` is one printed row where the target edition has sub-rows.

    Its value goes to ``target``; the sibling cells ``zeros`` are set to 0. That is exact when the value is 0
    (counts cannot be negative) and an assumption otherwise; ``reason`` names the convention.
    """

    source: str
    target: str
    zeros: tuple[str, ...] = attrs.field(converter=_strings)
    reason: Messages


@attrs.frozen(kw_only=True)
class NoSource:
    """The target cell ``target`` counts something the source edition does not: it is ``null`` after an
    upgrade; ``reason`` says why."""

    target: str
    reason: Messages


Entry = Carry | Lose | Collapse | NoSource


def _entries(value: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Upgrade:
    """How a document of edition ``source`` becomes a document of edition ``target``, cell by cell.

    Attributes:
        source: the name of the edition upgraded from.
        target: the name of the edition upgraded to.
        entries: one entry per cell, in the order the docs print them.
        summary: what the upgrade does, in a sentence, for the docs.
    """

    source: str
    target: str
    entries: tuple[Entry, ...] = attrs.field(converter=_entries)
    summary: Messages

    def sources(self) -> Iterator[str]:
        """The source cells named by the entries (each once, if the declaration is complete)."""
        for e in self.entries:
            if isinstance(e, Carry | Lose | Collapse):
                yield e.source

    def targets(self) -> Iterator[str]:
        """The target cells named by the entries (each once, if the declaration is complete)."""
        for e in self.entries:
            if isinstance(e, Carry | NoSource):
                yield e.target
            elif isinstance(e, Collapse):
                yield e.target
                yield from e.zeros

    def check(self, source: Edition, target: Edition) -> None:
        """Prove that the entries name every data cell of both editions exactly once, and nothing else.

        Raises:
            ValueError: a cell is named twice, not at all, or is not a cell of its edition.
        """
        for what, named, cells in (
            ("source", list(self.sources()), list(source.cell_pointers())),
            ("target", list(self.targets()), list(target.cell_pointers())),
        ):
            twice = sorted(p for p, n in Counter(named).items() if n > 1)
            missing = sorted(set(cells) - set(named))
            unknown = sorted(set(named) - set(cells))
            if twice or missing or unknown:
                msg = (
                    f"upgrade {self.source} → {self.target}: {what} cells named twice {twice[:3]}, "
                    f"not named {missing[:3]}, not cells {unknown[:3]}"
                )
                raise ValueError(msg)
