"""The source as the reader sees it: its items in reading order, and where each thing is, found only when asked.

A front end (text, HTML, PDF) turns its input into a :class:`Source`: the text of every item (a line, a paragraph
or a table cell) in reading order, which items are table cells, and a function that locates a position. A
position is one ``int``, the item's index and a column offset inside its text (:func:`position`), so the reader
never builds a :class:`~govreport.findings.SourceLocation` for a token, a cell or a line: only a finding, or a
lookup in the :class:`SourceMap`, builds one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final

import attrs

from govreport.findings import Finding, Severity, SourceLocation

__all__ = ["Findings", "Item", "Source", "SourceMap", "Stop", "item_of", "position"]

_SHIFT: Final = 32
_OFFSET: Final = (1 << _SHIFT) - 1


def position(item: int, offset: int = 0) -> int:
    """The position of column ``offset`` of item ``item``, as one ``int``."""
    return (item << _SHIFT) | min(offset, _OFFSET)


def item_of(pos: int) -> int:
    """The item index of position ``pos``."""
    return pos >> _SHIFT


@attrs.frozen(kw_only=True)
class Item:
    """One unit of a published source in reading order.

    Attributes:
        text: the text as published (a line, a paragraph, or a table cell's text).
        location: where it is in the source.
        cell: ``True`` for an HTML table cell, which is one table cell however it reads.
    """

    text: str
    location: SourceLocation
    cell: bool = False


@attrs.frozen(kw_only=True)
class Stop:
    """Why a front end stopped reading before the end of its source.

    Attributes:
        page: the last page read.
        pages: the number of pages in the source.
        limit: the limit that was reached: ``"pages"`` (:data:`~govreport.parsers.MAX_PAGES`) or ``"work"``
            (:data:`~govreport.parsers.MAX_PDF_OPERATORS`, :data:`~govreport.parsers.MAX_PDF_CONTENT_BYTES`).
    """

    page: int
    pages: int
    limit: str


def shifted(location: SourceLocation, offset: int) -> SourceLocation:
    """``location`` moved ``offset`` columns to the right (a location without a line stays as it is)."""
    if location.line is None or offset == 0:
        return location
    return SourceLocation(line=location.line, column=(location.column or 1) + offset, page=location.page)


class Source:
    """The items of a source in reading order, with a locator that builds source locations on demand.

    Args:
        texts: the text of every item.
        locate: ``(item index, column offset) → SourceLocation``.
        cells: for each item, whether it is a table cell (``None``: no item is).
        stop: why the front end stopped before the end of its input, if it did.
        runs: the items whose digits may be several cells run together (crawler text, see :mod:`._runs`).

    Attributes:
        meta: ``(name, content)`` pairs the document states about itself outside its text (a PDF's document
            information: ``title``, ``author``), read like an HTML page's ``<meta>`` tags.
    """

    __slots__ = ("cells", "locate", "meta", "runs", "stop", "texts")

    def __init__(
        self,
        texts: list[str],
        locate: Callable[[int, int], SourceLocation],
        *,
        cells: list[bool] | None = None,
        stop: Stop | None = None,
        runs: frozenset[int] = frozenset(),
    ) -> None:
        self.texts = texts
        self.locate = locate
        self.cells = cells
        self.stop = stop
        self.runs = runs
        self.meta: list[tuple[str, str]] = []

    @classmethod
    def of_items(cls, items: Sequence[Item]) -> Source:
        """The source of located :class:`Item` objects (what :func:`~govreport.parsers.read_items` takes)."""
        return cls(
            [item.text for item in items],
            lambda i, offset: shifted(items[i].location, offset),
            cells=[item.cell for item in items] if any(item.cell for item in items) else None,
        )

    def __len__(self) -> int:
        return len(self.texts)

    def location(self, pos: int) -> SourceLocation:
        """The source location of position ``pos``."""
        return self.locate(pos >> _SHIFT, pos & _OFFSET)

    def items(self) -> list[Item]:
        """The located :class:`Item` objects of this source (built on demand, for callers that want them)."""
        cells = self.cells
        return [
            Item(text=text, location=self.locate(i, 0), cell=bool(cells and cells[i]))
            for i, text in enumerate(self.texts)
        ]


class SourceMap(Mapping[str, SourceLocation]):
    """A read-only map from JSON Pointers to source locations, each built when it is first looked up."""

    __slots__ = ("_built", "_positions", "_source")

    def __init__(self, source: Source, positions: Mapping[str, int | SourceLocation]) -> None:
        self._source = source
        self._positions = dict(positions)
        self._built: dict[str, SourceLocation] = {}

    def __getitem__(self, pointer: str) -> SourceLocation:
        found = self._built.get(pointer)
        if found is None:
            where = self._positions[pointer]
            found = where if isinstance(where, SourceLocation) else self._source.location(where)
            self._built[pointer] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def __contains__(self, pointer: object) -> bool:
        return pointer in self._positions

    def __repr__(self) -> str:
        return f"SourceMap({dict(self)!r})"


class Findings:
    """The findings of one parse, located when they are made (findings are few; tokens and cells are many)."""

    __slots__ = ("items", "source")

    def __init__(self, source: Source) -> None:
        self.source = source
        self.items: list[Finding] = []

    def add(
        self,
        rule: str,
        severity: Severity,
        where: int | SourceLocation | None,
        *,
        pointers: Sequence[str] = (),
        excerpt: str | None = None,
        expected: Any = None,
        actual: Any = None,
        missing: Sequence[str] = (),
        detail: Mapping[str, str] | None = None,
    ) -> None:
        """Record a finding at ``where``: a position (:func:`position`), a location, or nowhere."""
        self.items.append(
            Finding(
                rule=rule,
                severity=severity,
                pointers=tuple(pointers),
                excerpt=shorten(excerpt) if excerpt is not None else None,
                expected=expected,
                actual=actual,
                missing=tuple(missing),
                location=self.source.location(where) if isinstance(where, int) else where,
                detail=dict(detail or {}),
            )
        )


def shorten(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
