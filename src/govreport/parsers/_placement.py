"""Placement: the values that follow a row label go into the row's cells, and the relations decide the doubtful.

A row whose tokens fit its columns is read left to right. A row with fewer values than columns (blank cells
vanished in the flattening) is re-aligned only when the edition's declared relations prove where each value goes:
first the row's own totals, then, for rows that several placements fit, the relations across rows (column totals,
the balance). What no relation proves is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from itertools import combinations
from math import comb
from typing import Any, Concatenate, Final, ParamSpec

import attrs

from govreport.findings import Severity, SourceLocation
from govreport.parsers._lexicon import Lexicon, Relation, Row, Slot
from govreport.parsers._limits import MAX_READINGS, MAX_SPLITS
from govreport.parsers._plan import LABEL, PLAIN, STORED, Mark
from govreport.parsers._runs import splits
from govreport.parsers._source import Findings
from govreport.parsers._tokens import BLANK, NUMBER, STRONG, UNREADABLE, WEAK, Tokens
from govreport.parsers.normalize import MONEY_UNITS, classify, money_unit

__all__ = ["Placement"]

#: Readings of a row that a finding lists.
_SHOWN: Final = 6
_ONE: Final = Decimal(1)
_INTS: Final = frozenset({int})

Number = int | Decimal
_P = ParamSpec("_P")
Where = int | SourceLocation | None


@attrs.define(kw_only=True)
class _Ambiguity:
    """A row whose vanished cells more than one placement of its values fits."""

    row: Row
    values: list[int]
    candidates: list[tuple[int, ...]]
    label: str


@attrs.define(kw_only=True)
class _Doubt:
    """A row whose tokens do not fit its columns one for one, with the readings of its cells still possible.

    Each candidate is one reading: a value (or ``None``, unknown) for every slot of the row.
    """

    row: Row
    tokens: list[int]
    candidates: list[tuple[Number | None, ...]]
    label: str
    how: str
    where: Where
    #: The reading as published (the values from the row's first cell on), when it is one of the candidates.
    as_read: tuple[Number | None, ...] | None = None
    #: The tokens of that reading, one per slot.
    as_read_tokens: tuple[int, ...] = ()
    #: More readings than :data:`~._limits.MAX_READINGS` were possible: none was tried to the end.
    overflow: bool = False


def _reading(place: Callable[Concatenate[Placement, _P], None]) -> Callable[Concatenate[Placement, _P], None]:
    """``place``, noting whether the row's reading was chosen by the tokens' shape alone (:attr:`Placement.plain`
    turns false when it was not)."""

    def reading(self: Placement, /, *args: _P.args, **kwargs: _P.kwargs) -> None:
        self._shaped = self._by_lines = False
        place(self, *args, **kwargs)
        if not self._shaped:
            self.plain = False

    reading.__name__, reading.__qualname__, reading.__doc__ = place.__name__, place.__qualname__, place.__doc__
    return reading


class Placement:
    """The cells read so far: their values, where each came from, and the findings about them.

    Args:
        lex: the lexicon (rows, relations).
        tokens: the tokens the values are read from.
        findings: where findings go.
    """

    def __init__(self, lex: Lexicon, tokens: Tokens, findings: Findings) -> None:
        self.lex = lex
        self.tokens = tokens
        self.findings = findings
        #: Every cell read or settled so far (a missing one is None): what is in it is not read again.
        self.values: dict[str, Number | None] = {}
        #: Where each pointer was read: a position, or a location.
        self.source_map: dict[str, int | SourceLocation] = {}
        self.ambiguous: list[_Ambiguity] = []
        self.doubts: list[_Doubt] = []
        #: Cells whose token may be a number with an OCR look-alike letter (``1O``): pointer, token, the index of
        #: its ``parse.not_a_number`` finding.
        self.garbled: list[tuple[str, int, int]] = []
        #: Why the cells after the end of what was read are missing: the source ends (``truncated``), or the
        #: front end stopped reading it at a limit (``not_read``).
        self.cut = "not_read" if tokens.source.stop is not None else "truncated"
        #: What was done, in order, where a plan can do it again (:mod:`._plan`): labels located, rows read
        #: plainly, cells stored as their tokens stand.
        self.marks: list[Mark] = []
        #: Whether every row was read by the tokens' shape alone (so a plan can be kept): no relation was asked,
        #: no reading chosen by the values.
        self.plain = True
        self._shaped = self._by_lines = False

    # -- storing one cell

    def locate(self, pointer: str, t: int) -> None:
        """Locate ``pointer`` (a label's row or group) at token ``t``, unless it is located already."""
        self.source_map.setdefault(pointer, self.tokens.pos[t])
        self.marks.append((LABEL, pointer, t))

    def store(self, slot: Slot, t: int) -> None:
        """Store token ``t`` in ``slot`` (unless the slot is filled already)."""
        ptr = slot.pointer
        if ptr in self.values:
            return
        tokens = self.tokens
        pos = tokens.pos[t]
        self.source_map[ptr] = pos
        kind = tokens.kind[t]
        if kind == NUMBER:
            value = tokens.value[t]
            if slot.amount:
                self.values[ptr] = self._amount(slot, t, value)
            elif isinstance(value, Decimal):
                if value == value.to_integral_value():
                    self.values[ptr] = int(value)
                else:
                    self.values[ptr] = None
                    text = tokens.text[t]
                    self.findings.add(
                        "parse.not_a_count", Severity.WARNING, pos, pointers=(ptr,), excerpt=text, actual=text
                    )
            else:
                self.values[ptr] = value
            return
        self.values[ptr] = None
        if kind == UNREADABLE:  # a cell, but not a number: missing, and said so
            text = tokens.text[t]
            if _LOOKALIKE_CELL.fullmatch(text):  # maybe an OCR look-alike letter in a number: the relations may tell
                self.garbled.append((ptr, t, len(self.findings.items)))
            self.findings.add("parse.not_a_number", Severity.WARNING, pos, pointers=(ptr,), excerpt=text, actual=text)
            return
        self.findings.add(
            "cells.missing",
            Severity.WARNING,
            pos,
            pointers=(ptr,),
            missing=(ptr,),
            excerpt=tokens.text[t] or "blank",
            detail={"reason": "blank" if kind == BLANK else "marker"},
        )

    def _amount(self, slot: Slot, t: int, value: Number | None) -> Decimal:
        """The amount of number token ``t`` in the unit of ``slot``, exactly: a value printed in another unit of
        money is converted (``25.1万元`` in 元 is 251000); a bare one under a header that names no unit is taken
        in the slot's unit, and a ``parse.unit_assumed`` finding says so."""
        amount = value if isinstance(value, Decimal) else Decimal(value or 0)
        text = self.tokens.text[t]
        printed = money_unit(text)
        if printed is None:
            if slot.unit_assumed:
                self.findings.add(
                    "parse.unit_assumed",
                    Severity.INFO,
                    self.tokens.pos[t],
                    pointers=(slot.pointer,),
                    excerpt=text,
                    actual=amount,
                    detail={"unit": slot.unit},
                )
            return amount
        if printed == slot.unit or slot.unit not in MONEY_UNITS:
            return amount
        converted = amount * Decimal(MONEY_UNITS[printed]) / Decimal(MONEY_UNITS[slot.unit])
        return converted.quantize(_ONE) if converted == converted.to_integral_value() else converted.normalize()

    def store_all(self, slots: Sequence[Slot], cells: Sequence[int]) -> None:
        """:meth:`store` each token of ``cells`` in the slot at the same place (the common case, made short)."""
        values, source_map = self.values, self.source_map
        kinds, numbers, positions = self.tokens.kind, self.tokens.value, self.tokens.pos
        for slot, t in zip(slots, cells, strict=False):
            ptr = slot.pointer
            value = numbers[t]
            if type(value) is int and kinds[t] == NUMBER and not slot.amount and ptr not in values:
                source_map[ptr] = positions[t]
                values[ptr] = value
            else:
                self.store(slot, t)

    def read_plainly(self, row: Row, pending: Sequence[int]) -> bool:
        """Store a row whose tokens are one count for each cell, in order, then blank cells at most, none of the
        cells read yet (the common case, which :meth:`place` reads the same way, made short); whether it was such a
        row."""
        n = len(row.pointers)
        count = len(pending)
        if count < n or not row.counts:
            return False
        first = pending[0]
        end = first + n
        tokens = self.tokens
        kinds = tokens.kind
        if (
            pending[-1] != first + count - 1  # not one run of tokens
            or kinds.count(NUMBER, first, end) != n
            or (count > n and kinds.count(BLANK, end, first + count) != count - n)
        ):
            return False
        numbers = tokens.value[first:end]
        pointers = row.pointers
        if not _INTS.issuperset(map(type, numbers)) or not self.values.keys().isdisjoint(pointers):
            return False
        self.values.update(zip(pointers, numbers, strict=True))
        self.source_map.update(zip(pointers, tokens.pos[first:end], strict=True))
        self.marks.append((PLAIN, pointers, first))
        return True

    def _store_shaped(self, slots: Sequence[Slot], cells: Sequence[int]) -> None:
        """:meth:`store_all`, where the tokens' shape alone chose ``cells`` (a plan may do it again)."""
        self.store_all(slots, cells)
        self.marks.append((STORED, tuple(slots), tuple(cells)))
        self._shaped = not self._by_lines

    def missing(self, pointer: str, where: Where, reason: str) -> None:
        """Record ``pointer`` as missing for ``reason`` (unless it is filled already)."""
        if pointer in self.values:
            return
        self.values[pointer] = None
        self.findings.add(
            "cells.missing",
            Severity.WARNING,
            where,
            pointers=(pointer,),
            missing=(pointer,),
            detail={"reason": reason},
        )

    def fill(self, pointer: str, value: Number, where: Where) -> None:
        """Set ``pointer`` to ``value`` by a convention of the layout (not read from a token)."""
        self.values[pointer] = value
        if where is not None:
            self.source_map[pointer] = where

    def unplaced(self, t: int, context: str, pointers: Sequence[str] = ()) -> None:
        """Report number token ``t`` as a value that could not be placed in a cell (other tokens are dropped)."""
        tokens = self.tokens
        if tokens.kind[t] != NUMBER:
            return
        self.findings.add(
            "parse.unplaced_value",
            Severity.WARNING,
            tokens.pos[t],
            pointers=pointers,
            excerpt=tokens.text[t],
            actual=tokens.value[t],
            detail={"context": context},
        )

    # -- placing a row

    @_reading
    def place(  # noqa: PLR0911, PLR0912 - the cases of format-2021.md §4 cells, in order
        self,
        row: Row,
        pending: Sequence[int],
        label: str,
        *,
        at_end: bool,
        where: Where,
        unlabelled: bool = False,
    ) -> None:
        """Place the tokens ``pending`` that follow a row label into the cells of ``row``.

        Args:
            row: the row.
            pending: the tokens after its label, in order.
            label: the label, for messages.
            at_end: the source ends inside this row.
            where: the row label's position, for cells with no token of their own.
            unlabelled: the values stand under column headers (table 四), not after a row label.
        """
        tokens = self.tokens
        keys, kinds = tokens.key, tokens.kind
        slots = row.slots
        n = len(slots)
        firm = [t for t in pending if keys[t] != WEAK] if tokens.weak else list(pending)
        if len(firm) < n:  # a row short of cells takes the weak blanks that end it
            last_firm = max((i for i, t in enumerate(pending) if keys[t] != WEAK), default=-1)
            trailing = [t for t in pending[last_firm + 1 :] if keys[t] == WEAK]
            firm.extend(trailing[: n - len(firm)])
        cells = firm
        strong = [i for i, t in enumerate(cells) if kinds[t] in STRONG]
        if tokens.source.runs and 0 < len(strong) < n and self.digits(row, [cells[i] for i in strong], label, where):
            return
        if not strong:
            if len(cells) >= n:
                for slot, t in zip(slots, cells[:n], strict=True):
                    self.store(slot, t)
            else:
                loc = tokens.pos[cells[-1]] if cells else where
                for i, slot in enumerate(slots):
                    if i < len(cells):
                        self.store(slot, cells[i])
                    else:
                        self.missing(slot.pointer, loc, self.cut if at_end else "not_found")
            return
        span = strong[-1] - strong[0] + 1  # the tokens from the row's first value to its last
        if span > n:  # more values than columns: a value duplicated, a number split, a stray number
            self.excess(row, cells[strong[0] : strong[-1] + 1], label, where=where)
            return
        if span < n <= len(cells) and not at_end:
            # what follows depends on the lines the tokens stand on, not only on their shape
            self._by_lines = tokens.source.cells is None
            if self._layout_padding(cells, strong, n, unlabelled=unlabelled, label_at=where):
                # blank cells of a text line fill the row: blank cells as published, or a pipe that starts the next
                # line, a value lost or two run together. The relations decide.
                self.short(row, cells, strong, label, where=where)
                return
        if strong[0] == 0 and strong[-1] < n <= len(cells):  # the values start the row and fill it: one reading
            self._store_shaped(slots, cells[:n])
            return
        if len(cells) >= n:
            self._window(row, cells, strong, label, unlabelled=unlabelled)
            return
        if at_end:  # the document was cut off inside this row: what is there is read from the left
            for i, slot in enumerate(slots):
                if i < len(cells):
                    self.store(slot, cells[i])
                else:
                    self.missing(slot.pointer, tokens.pos[cells[-1]], self.cut)
            return
        self._realign(row, [cells[i] for i in strong], label)

    def _layout_padding(
        self, cells: Sequence[int], strong: Sequence[int], n: int, *, unlabelled: bool, label_at: Where
    ) -> bool:
        """Whether every way to fill a text row of ``n`` cells, short of values, with the blanks around its values
        takes a blank that may be layout rather than a blank cell as published.

        A line of nothing but pipes is a blank cell, and so is a blank between the cells of the row label's line or
        of a line that holds two or more of the row's values. A blank is layout when it is the pipe that starts a
        line of more (``| 0 |``; `` | 0`` starts with a blank cell), when its line holds none of the row's values
        (the next row's leading cells), when its line holds just one (``3 | ||``, the end of a row written a cell
        per line), or when it is a bare ``|`` line after the row's last value or before values under column
        headers (a blank cell, or the ``|`` that starts a row).
        """
        source = self.tokens.source
        if source.cells is not None:
            return False
        kinds, positions, texts = self.tokens.kind, self.tokens.pos, source.texts
        values_on: dict[int, int] = {}
        for i in strong:
            line = positions[cells[i]] >> 32
            values_on[line] = values_on.get(line, 0) + 1

        first, last = strong[0], strong[-1]
        last_line = positions[cells[last]] >> 32
        label_line = label_at >> 32 if isinstance(label_at, int) and not unlabelled else None

        def layout(t: int) -> bool:
            if kinds[t] != BLANK:
                return False
            line = positions[t] >> 32
            text = texts[line]
            if not text.strip(" \t|｜\u3000"):  # a line of pipes: a blank cell; a bare "|" may start a row
                return text in ("|", "｜") and (line > last_line or unlabelled)
            if positions[t] & 0xFFFFFFFF == 0 and text[:1] in ("|", "｜"):
                return True  # the pipe that starts a line (a blank written before it, " | 0", is a cell)
            return line != label_line and values_on.get(line, 0) < 2  # a line of one value

        for start in range(max(0, last - n + 1), min(first, len(cells) - n) + 1):  # the windows that hold the values
            if not any(layout(t) for t in (*cells[start:first], *cells[last + 1 : start + n])):
                return False  # one reading with blank cells as published
        return True

    def _window(self, row: Row, cells: list[int], strong: list[int], label: str, *, unlabelled: bool) -> None:
        """A row with at least as many tokens as cells: the window of ``n`` tokens that holds every value."""
        slots = row.slots
        n = len(slots)
        windows = [s for s in range(len(cells) - n + 1) if s <= strong[0] and strong[-1] < s + n]
        # Several windows fit when blank cells and layout pipes look alike ("|" starting a row): the one whose
        # row totals hold is the reading; failing that, the first.
        relations = row.relations if len(windows) > 1 else ()
        consistent = [s for s in windows if self._consistent(cells[s : s + n], relations)]
        start = consistent[0] if consistent else windows[0] if windows else strong[0]
        # A row label is followed by its cells, so the first window is the reading. Values under column headers
        # (table 四) may be preceded by a layout pipe that starts the row: where the windows that fit disagree
        # about a cell, the cell cannot be read.
        fits = (consistent or windows) if unlabelled else [start]
        if len(windows) == 1:  # one reading, whatever the values: every cell as it stands
            self._store_shaped(slots, cells[start : start + n])
        elif len(fits) == 1:  # one reading, chosen by the row's totals
            self.store_all(slots, cells[start : start + n])
        else:
            self._disagreeing(slots, cells, start, fits, label)
        kinds = self.tokens.kind
        for t in cells[start + n :]:
            if kinds[t] == NUMBER:
                self.unplaced(t, f"more values than the {n} columns of {label}")

    def _disagreeing(self, slots: Sequence[Slot], cells: list[int], start: int, fits: list[int], label: str) -> None:
        """Store each cell that every window in ``fits`` reads alike; report the others."""
        tokens = self.tokens
        kinds, values = tokens.kind, tokens.value
        n = len(slots)
        for i, (slot, t) in enumerate(zip(slots, cells[start : start + n], strict=False)):
            readings = {(kinds[cells[w + i]], values[cells[w + i]]) for w in fits}
            if len(readings) == 1:
                self.store(slot, t)
            else:
                self.missing(slot.pointer, tokens.pos[t], "ambiguous")
                self.unplaced(t, f"a blank cell or a layout pipe before the values of {label}")

    def _consistent(self, window: Sequence[int], relations: Sequence[Relation]) -> bool:
        """Whether no row relation with every cell a number fails in ``window``."""
        kinds, values = self.tokens.kind, self.tokens.value
        for total, parts in relations:
            if (
                all(kinds[window[i]] == NUMBER for i in (total, *parts))
                and sum(values[window[p]] or 0 for p in parts) != values[window[total]]
            ):
                return False
        return True

    def _realign(self, row: Row, values: list[int], label: str) -> None:
        n, k = len(row.slots), len(values)
        relations = row.relations
        candidates: list[tuple[int, ...]] = []
        kinds, numbers = self.tokens.kind, self.tokens.value
        if relations and all(kinds[v] == NUMBER for v in values):
            found = [numbers[v] for v in values]
            for count, combo in enumerate(combinations(range(n), k)):
                if count > MAX_READINGS:
                    candidates = []
                    break
                if _proves(dict(zip(combo, found, strict=True)), relations):
                    candidates.append(combo)
        if len(candidates) > 1:  # the column totals may still tell (resolve() runs when every row is read)
            self.ambiguous.append(_Ambiguity(row=row, values=values, candidates=candidates, label=label))
            return
        self._settle(row, values, candidates, label, how="row")

    def _settle(
        self, row: Row, values: Sequence[int], candidates: Sequence[tuple[int, ...]], label: str, *, how: str
    ) -> None:
        """Place the values whose column every remaining candidate agrees on; report the others."""
        slots = row.slots
        n, k = len(slots), len(values)
        tokens = self.tokens
        where = tokens.pos[values[0]]
        if not candidates:
            for v in values:
                self.unplaced(v, f"{k} values for the {n} columns of {label}; the row totals do not prove where")
            for slot in slots:
                self.missing(slot.pointer, where, "vanished")
            return
        proven: dict[int, int] = {}
        for t in range(k):
            positions = {c[t] for c in candidates}
            if len(positions) == 1:
                proven[t] = positions.pop()
        for t, v in enumerate(values):
            if t in proven:
                self.store(slots[proven[t]], v)
            else:
                self.unplaced(v, f"{k} values for the {n} columns of {label}; more than one placement fits the totals")
        if proven:
            self.findings.add(
                "parse.realigned",
                Severity.WARNING,
                where,
                pointers=[slots[p].pointer for p in sorted(proven.values())],
                excerpt=" ".join(tokens.text[v] for v in values),
                detail={"found": str(k), "columns": str(n), "proof": how},
            )
        for slot in slots:
            self.missing(slot.pointer, where, "vanished")

    # -- rows with more values than columns, and runs of digits

    def excess(self, row: Row, cells: Sequence[int], label: str, *, where: Where) -> None:
        """A row with more tokens from its first value to its last than it has columns (``cells``).

        The readings tried: every choice of as many tokens as there are columns (a value duplicated, a stray
        number), and every pair of neighbours joined again (a number split in two). The declared relations drop the
        readings they refute; a cell is read only where every remaining reading agrees, and the row is reported.
        """
        n, m = len(row.slots), len(cells)
        tokens = self.tokens
        kinds, numbers, texts = tokens.kind, tokens.value, tokens.text
        values = [numbers[t] if kinds[t] == NUMBER else None for t in cells]
        readings: dict[tuple[Number | None, ...], None] = {}
        # Counted before any is made: a row of thousands of tokens has few columns, and each reading is made from
        # the tokens it keeps (one per column), not from those it drops. The readings are in the order of the
        # tokens dropped (every choice of the tokens kept, in reverse).
        overflow = comb(m, n) > MAX_READINGS + 1
        if not overflow:
            for chosen in reversed(list(combinations(range(m), n))):
                readings[tuple([values[i] for i in chosen])] = None
        if m == n + 1 and readings:
            for i in range(m - 1):
                joined = _joined(texts[cells[i]], texts[cells[i + 1]]) if values[i] is not None else None
                if joined is not None and values[i + 1] is not None:
                    readings[(*values[:i], joined, *values[i + 2 :])] = None
        kept = [r for r in readings if _holds(r, row.relations)]
        doubt = _Doubt(
            row=row, tokens=list(cells), candidates=kept, label=label, how="row", where=where, overflow=overflow
        )
        if len(kept) > 1 and self.lex.column_relations:
            self.doubts.append(doubt)
            return
        self._settle_doubt(doubt)

    def short(self, row: Row, pending: Sequence[int], strong: Sequence[int], label: str, *, where: Where) -> None:
        """A text row whose tokens from its first value to its last (``cells``) are fewer than its columns, with
        blank cells around them.

        The readings tried: those tokens in order in every choice of columns, the others unknown (the blanks as
        published are one of them; a value lost, two values run together, a blank cell vanished are others). The
        relations drop what they refute; a cell is read where every remaining reading agrees on a number.
        """
        cells = pending[strong[0] : strong[-1] + 1]
        n, m = len(row.slots), len(cells)
        kinds, numbers = self.tokens.kind, self.tokens.value
        values = [numbers[t] if kinds[t] == NUMBER else None for t in cells]
        readings: list[tuple[Number | None, ...]] = []
        overflow = False
        for count, combo in enumerate(combinations(range(n), m)):
            if count > MAX_READINGS:
                readings, overflow = [], True
                break
            reading: list[Number | None] = [None] * n
            for v, c in zip(values, combo, strict=True):
                reading[c] = v
            if _holds(reading, row.relations):
                readings.append(tuple(reading))
        doubt = _Doubt(
            row=row, tokens=list(cells), candidates=readings, label=label, how="row", where=where, overflow=overflow
        )
        if strong[0] == 0:
            doubt.as_read = (*values, *([None] * (n - m)))
            doubt.as_read_tokens = tuple(pending[:n])
        if len(readings) > 1 and self.lex.column_relations:
            self.doubts.append(doubt)
            return
        self._settle_doubt(doubt)

    def digits(self, row: Row, values: Sequence[int], label: str, where: Where) -> bool:
        """Split the runs of digits ``values`` of a run-together row (crawler text) into its cells, where the
        relations leave one split; ``False`` when they are no runs of digits of such text.

        Every split of the runs into the row's cells is tried (:func:`~._runs.splits`), within
        :data:`~._limits.MAX_SPLITS` numbers tried; the relations drop what they refute, across rows too. A cell is
        read where every remaining split agrees; a row without relations is read only where the digits allow one
        split (``000`` into three cells).
        """
        tokens = self.tokens
        runs, kinds = tokens.source.runs, tokens.kind
        if not all(kinds[t] in (NUMBER, UNREADABLE) and tokens.pos[t] >> 32 in runs for t in values):
            return False
        found = splits([_digits_of(tokens.text[t]) for t in values], len(row.slots), 5000)
        if found is None:
            return False
        amounts = [slot.amount for slot in row.slots]
        readings: list[tuple[Number | None, ...]] = []
        overflow = False
        try:
            readings.extend(
                reading
                for reading in found
                if all(a or isinstance(v, int) for a, v in zip(amounts, reading, strict=True))
                and _holds(reading, row.relations)
            )
        except OverflowError:
            readings, overflow = [], True
        doubt = _Doubt(
            row=row, tokens=list(values), candidates=readings, label=label, how="digits", where=where, overflow=overflow
        )
        if len(readings) > 1 and self.lex.column_relations:
            self.doubts.append(doubt)
        else:
            self._settle_doubt(doubt)
        return True

    def _settle_doubt(self, doubt: _Doubt) -> None:
        """Read the cells of ``doubt`` that every remaining reading agrees on; the others are missing, and the row
        is reported with the number of readings that the relations left."""
        row, candidates, tokens = doubt.row, doubt.candidates, self.tokens
        if doubt.as_read is not None and candidates == [doubt.as_read]:  # the relations confirm the row as published
            for slot, t in zip(row.slots, doubt.as_read_tokens, strict=True):
                self.store(slot, t)
            return
        where = tokens.pos[doubt.tokens[0]] if doubt.tokens else doubt.where
        read: list[str] = []
        for i, slot in enumerate(row.slots):
            found = {c[i] for c in candidates}
            if len(found) == 1 and (value := found.pop()) is not None:
                if slot.amount and doubt.how != "digits":  # in the slot's unit of money, as store() does
                    printed = next((k for k in doubt.tokens if tokens.value[k] == value), None)
                    value = self._amount(slot, printed, value) if printed is not None else value
                self._put(slot, value, where)
                read.append(slot.pointer)
        for slot in row.slots:
            self.missing(slot.pointer, where, "ambiguous")
        if doubt.how != "digits":
            code, severity = "parse.values_misfit", Severity.WARNING
        elif len(candidates) == 1:
            code, severity = "parse.digits_split", Severity.INFO
        else:
            code, severity = "parse.digits_ambiguous", Severity.WARNING
        self.findings.add(
            code,
            severity,
            where,
            pointers=(row.pointer, *read),
            excerpt=" ".join(tokens.text[t] for t in doubt.tokens),
            detail={
                "label": doubt.label,
                "found": str(len(doubt.tokens)),
                "columns": str(len(row.slots)),
                "readings": f"> {MAX_SPLITS if doubt.how == 'digits' else MAX_READINGS}"
                if doubt.overflow
                else str(len(candidates)),
                "read": str(len(read)),
                "candidates": " / ".join(" ".join("?" if v is None else str(v) for v in c) for c in candidates[:_SHOWN])
                + (" …" if len(candidates) > _SHOWN else ""),
            },
        )

    def _put(self, slot: Slot, value: Number, where: Where) -> None:
        """Set ``slot`` to ``value``, an amount as a decimal, a count only when whole."""
        ptr = slot.pointer
        if ptr in self.values:
            return
        if slot.amount:
            value = value if isinstance(value, Decimal) else Decimal(value)
        elif isinstance(value, Decimal):
            if value != value.to_integral_value():
                return
            value = int(value)
        self.values[ptr] = value
        if where is not None:
            self.source_map[ptr] = where

    def _refuted(
        self,
        slots: Sequence[Slot],
        trial: Mapping[str, Any],
        by_pointer: Mapping[str, list[tuple[tuple[str, ...], tuple[str, ...]]]],
    ) -> bool:
        """Whether a relation across rows, with every cell known under the reading ``trial`` of a row's
        ``slots`` (a missing cell is unknown), fails."""
        row_cells = {s.pointer for s in slots}

        def value(ptr: str) -> Any:
            if ptr in row_cells:
                return trial.get(ptr)
            if ptr not in self.values:
                return None
            return self.values.get(ptr)

        for ptr, v in trial.items():
            if v is None:
                continue
            for lhs, rhs in by_pointer.get(ptr, ()):
                left = [value(p) for p in lhs]
                right = [value(p) for p in rhs]
                if any(x is None for x in (*left, *right)):
                    continue
                if sum(left) != sum(right):
                    return True
        return False

    def _infeasible(
        self,
        doubt: _Doubt,
        reading: Sequence[Number | None],
        by_pointer: Mapping[str, list[tuple[tuple[str, ...], tuple[str, ...]]]],
        owner: Mapping[str, tuple[_Doubt, int]],
    ) -> bool:
        """Whether a relation across rows fails under ``reading`` of ``doubt`` whatever the readings still
        possible for the other rows in doubt: its cells are known, or cells of rows in doubt whose readings give
        a set of sums none of which makes it hold. A relation with a cell unknown (missing, or a reading's gap)
        refutes nothing."""
        mine = {s.pointer: v for s, v in zip(doubt.row.slots, reading, strict=True)}
        seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        for ptr, v in mine.items():
            if v is None:
                continue
            for relation in by_pointer.get(ptr, ()):
                if relation in seen:
                    continue
                seen.add(relation)
                sums = self._sums(relation, mine, owner)
                if sums is not None and 0 not in sums:
                    return True
        return False

    def _sums(
        self,
        relation: tuple[tuple[str, ...], tuple[str, ...]],
        mine: Mapping[str, Number | None],
        owner: Mapping[str, tuple[_Doubt, int]],
    ) -> set[Number] | None:
        """The values ``left - right`` of ``relation`` can take (``None``: not known, or too many to follow)."""
        fixed: Number = 0
        others: dict[int, tuple[_Doubt, list[tuple[int, int]]]] = {}
        for sign, side in ((1, relation[0]), (-1, relation[1])):
            for p in side:
                if p in mine:
                    x = mine[p]
                elif p in owner:
                    d, i = owner[p]
                    others.setdefault(id(d), (d, []))[1].append((i, sign))
                    continue
                else:
                    x = self.values.get(p)
                if x is None:
                    return None
                fixed += sign * x
        sums: set[Number] = {fixed}
        for d, cells in others.values():
            parts: set[Number] = set()
            for c in d.candidates:
                if any(c[i] is None for i, _ in cells):
                    return None
                parts.add(sum(sign * (c[i] or 0) for i, sign in cells))
            sums = {a + b for a in sums for b in parts}
            if len(sums) > MAX_READINGS:
                return None
        return sums

    def resolve(self) -> None:
        """Settle the rows that more than one placement fitted, using the relations across rows.

        A placement is dropped only when a relation it takes part in is fully known and fails; one that cannot
        be checked stays possible.
        """
        if not self.ambiguous and not self.doubts:
            self._repair()
            return
        by_pointer: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for relation in self.lex.column_relations:
            for ptr in (*relation[0], *relation[1]):
                by_pointer.setdefault(ptr, []).append(relation)
        progress = True
        while progress and (self.ambiguous or self.doubts):
            progress = False
            owner = {s.pointer: (d, i) for d in self.doubts for i, s in enumerate(d.row.slots)}
            for doubt in list(self.doubts):
                left = [c for c in doubt.candidates if not self._infeasible(doubt, c, by_pointer, owner)]
                if len(left) <= 1 or len(left) < len(doubt.candidates):
                    doubt.candidates = left
                    doubt.how = "columns" if doubt.how == "row" else doubt.how
                    if len(left) <= 1:
                        self.doubts.remove(doubt)
                        self._settle_doubt(doubt)
                    progress = True
            for amb in list(self.ambiguous):
                kept = [c for c in amb.candidates if not self._contradicted(amb, c, by_pointer)]
                if len(kept) < len(amb.candidates):
                    amb.candidates = kept
                if len(kept) <= 1:
                    self.ambiguous.remove(amb)
                    self._settle(amb.row, amb.values, kept, amb.label, how="columns")
                    progress = True
        for amb in self.ambiguous:
            self._settle(amb.row, amb.values, amb.candidates, amb.label, how="row")
        self.ambiguous.clear()
        for doubt in self.doubts:
            self._settle_doubt(doubt)
        self.doubts.clear()
        self._repair()

    def _confirmed(self, ptr: str, value: Number, across: Sequence[tuple[tuple[str, ...], tuple[str, ...]]]) -> bool:
        """Whether a relation of ``ptr`` (its row's totals, or ``across`` rows) with every other cell known holds
        when ``ptr`` is ``value``, and none fails."""
        row = self.lex.rows.get(ptr.rpartition("/")[0])
        own = (
            [((row.slots[t].pointer,), tuple(row.slots[p].pointer for p in parts)) for t, parts in row.relations]
            if row is not None
            else []
        )
        held = False
        for lhs, rhs in (*own, *across):
            if ptr not in lhs and ptr not in rhs:
                continue
            left = [value if p == ptr else self.values.get(p) for p in lhs]
            right = [value if p == ptr else self.values.get(p) for p in rhs]
            if None in left or None in right:
                continue
            if sum(v for v in left if v is not None) != sum(v for v in right if v is not None):
                return False
            held = True
        return held

    def _repair(self) -> None:
        """Read a cell printed with OCR look-alike letters (``1O``, ``l9``) as the number they stand for, where a
        declared relation with every other cell known holds with it and none fails; the cell's
        ``parse.not_a_number`` becomes ``parse.lookalike_read`` (info). Otherwise the cell stays missing."""
        if not self.garbled:
            return
        relations: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for lhs, rhs in self.lex.column_relations:
            for ptr in (*lhs, *rhs):
                relations.setdefault(ptr, []).append((lhs, rhs))
        items = self.findings.items
        for ptr, t, index in self.garbled:
            text = self.tokens.text[t]
            kind, value = classify(text.translate(_LOOKALIKE))
            if kind != "number" or value is None or self.values.get(ptr) is not None:
                continue
            if not self._confirmed(ptr, value, relations.get(ptr, ())):
                continue
            found_cell = self.lex.edition.cell(ptr)
            if found_cell is not None and found_cell[1].kind == "amount":
                value = Decimal(value)
            elif isinstance(value, Decimal):
                if value != value.to_integral_value():
                    continue
                value = int(value)
            self.values[ptr] = value
            found = items[index]
            items[index] = attrs.evolve(found, rule="parse.lookalike_read", severity=Severity.INFO, expected=value)

    def _contradicted(
        self,
        amb: _Ambiguity,
        combo: tuple[int, ...],
        by_pointer: Mapping[str, list[tuple[tuple[str, ...], tuple[str, ...]]]],
    ) -> bool:
        slots = amb.row.slots
        numbers = self.tokens.value
        # the row's other cells are vanished (missing, unknown) under this placement
        trial: dict[str, Any] = dict.fromkeys((s.pointer for s in slots), None)
        trial.update({slots[slot].pointer: numbers[amb.values[t]] for t, slot in enumerate(combo)})
        return self._refuted(slots, trial, by_pointer)


def _holds(reading: Sequence[Any], relations: Sequence[Relation]) -> bool:
    """Whether no relation with every cell known (not ``None``) fails in ``reading``."""
    for total, parts in relations:
        t = reading[total]
        if t is None:
            continue
        found = [reading[p] for p in parts]
        if None not in found and sum(found) != t:
            return False
    return True


#: Letters that OCR reads for digits, and the digits.
_LOOKALIKE: Final = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "l": "1",
        "I": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
        "b": "6",
        "g": "9",
        "q": "9",
    }
)
_LOOKALIKE_CELL: Final = re.compile(r"[0-9OoDlISsBZzbgq]*[0-9][0-9OoDlISsBZzbgq]*|[OoDlI][0-9OoDlI]+")


def _digits_of(text: str) -> str:
    """A run of digits as printed, without the unit that may follow it (``13575394432.52元``)."""
    end = len(text)
    while end and not text[end - 1].isdigit():
        end -= 1
    return text[:end]


def _joined(first: str, second: str) -> Number | None:
    """The number that two neighbouring tokens make written together (``7`` ``3`` → 73), if they do."""
    kind, value = classify(first + second)
    return value if kind == "number" and first.isdigit() else None


def _proves(placed: Mapping[int, Any], relations: Sequence[Relation]) -> bool:
    checked = False
    for total, parts in relations:
        placed_parts = [placed[p] for p in parts if p in placed]
        if total in placed:
            if sum(placed_parts) != placed[total]:
                return False
            # 0 = 0 + … + 0 proves nothing: a row of zeros whose 总计 vanished reads the same
            checked = checked or placed[total] != 0
        elif placed_parts:
            return False
    covered = {total for total, _ in relations} | {p for _, parts in relations for p in parts}
    return checked and all(p in covered for p in placed)
