"""The walk: one pass over the tokens of the table region, matching labels and handing each row's values on.

A row label (a line of the edition) anchors the values that follow it; a header of a column-labelled table
(table 四) anchors the values under it; a group printed as one row (:attr:`Group.collapse_into`) anchors its
values until the end; a heading ends every row. What is no label of the format is reported.
"""

from __future__ import annotations

import difflib
import re
from typing import Final

import attrs

from govreport.findings import Severity
from govreport.parsers._lexicon import Collapse, ColumnTable, Entry, Lexicon, Row
from govreport.parsers._limits import MAX_LABEL_COMPARISONS
from govreport.parsers._placement import Placement
from govreport.parsers._plan import Plan, remember, replay, shape
from govreport.parsers._source import Findings
from govreport.parsers._tokens import HEADING, NUMBER, STRONG, TEXT, Tokens
from govreport.parsers.normalize import fold

__all__ = ["Walk"]

#: Unknown labels per document that are compared with the official ones for typos (difflib is not cheap).
_FUZZY_BUDGET: Final = MAX_LABEL_COMPARISONS
#: A run of tokens that are no label and no heading (values, blanks, markers), in :attr:`Tokens.kind`.
_VALUE_RUN: Final = re.compile(b"[^%c%c]+" % (TEXT, HEADING))


@attrs.define(kw_only=True)
class _Collapsed:
    """A group printed as one row, with the tokens of its values, settled after the walk."""

    collapse: Collapse
    pending: list[int]
    pos: int


Anchor = Row | ColumnTable | Collapse | None


class Walk:
    """The state of the walk over one document's tokens.

    Args:
        lex: the lexicon.
        tokens: the tokens of the table region.
        placement: where the values go.
        findings: where findings go.
    """

    def __init__(self, lex: Lexicon, tokens: Tokens, placement: Placement, findings: Findings) -> None:
        self.lex = lex
        self.tokens = tokens
        self.placement = placement
        self.findings = findings
        self.found_lines: set[str] = set()
        self.found_tables: set[str] = set()
        self.first_label_item: int | None = None
        self.first_label_token: int | None = None
        #: The plan this walk was read by, or kept as (:mod:`._plan`).
        self.plan: Plan | None = None
        self.collapsed: list[_Collapsed] = []
        self.fuzzy_budget = _FUZZY_BUDGET
        # the state of the walk
        self.anchor: Anchor = None
        self.anchor_label = ""
        self.anchor_pos = 0
        self.pending: list[int] = []
        self.unknown: list[int] = []
        self.superseded: int | None = None  # under an earlier edition's column headers since this position

    # -- matching a label

    def match(self, i: int) -> tuple[Entry, int, str] | None:
        """The entry whose label starts at token ``i``, the index of its last token, and the unread suffix."""
        lex = self.lex
        entries, prefixes = lex.entries, lex.prefixes
        keys, kinds = self.tokens.key, self.tokens.kind
        n = len(kinds)
        key = keys[i]
        found = entries.get(key)
        best: tuple[Entry, int] | None = (found, i) if found is not None else None
        acc, j = key, i
        while j + 1 < n and kinds[j + 1] == TEXT and len(acc) < lex.max_key:
            nxt = acc + keys[j + 1]
            if nxt not in prefixes and nxt not in entries:
                break
            acc, j = nxt, j + 1
            found = entries.get(acc)
            if found is not None:
                best = (found, j)
        if best is not None:
            return best[0], best[1], ""
        if len(acc) >= 4 and acc in lex.unique_prefix:
            e = lex.unique_prefix[acc]
            return e, j, fold(e.label)[len(acc) :]
        if 5 <= len(key) <= 60 and self.fuzzy_budget > 0:
            self.fuzzy_budget -= 1
            close = difflib.get_close_matches(key, lex.line_keys, n=2, cutoff=0.85)
            if len(close) == 1 or (len(close) == 2 and entries[close[0]] is entries[close[1]]):
                e = entries[close[0]]
                text = self.tokens.text[i]
                self.findings.add(
                    "parse.label_variant",
                    Severity.INFO,
                    self.tokens.pos[i],
                    pointers=(e.pointer,) if e.line is not None else (),
                    excerpt=text,
                    expected=e.label,
                    actual=text,
                )
                return e, i, ""
        return None

    # -- ending a row

    def flush(self, *, at_end: bool = False) -> None:
        """Hand the pending tokens to the anchor's row (or report them) and drop the anchor."""
        anchor, pending, placement = self.anchor, self.pending, self.placement
        if anchor is None and not pending:  # nothing to hand on
            return
        if isinstance(anchor, Row) and self.superseded is not None:
            placement.plain = False
            for t in pending:
                placement.unplaced(t, f"{self.anchor_label} under columns of the 2019 trial format", (anchor.pointer,))
            for slot in anchor.slots:
                placement.missing(slot.pointer, self.anchor_pos, "columns_2019")
        elif isinstance(anchor, Row):
            if not placement.read_plainly(anchor, pending):
                placement.place(anchor, pending, self.anchor_label, at_end=at_end, where=self.anchor_pos)
        elif isinstance(anchor, ColumnTable):
            if self._any_strong() or at_end or len(pending) >= len(anchor.row.slots):
                placement.place(
                    anchor.row, pending, self.anchor_label, at_end=at_end, where=self.anchor_pos, unlabelled=True
                )
        elif isinstance(anchor, Collapse):
            if any(self.tokens.kind[t] == NUMBER for t in pending):
                placement.plain = False
                self.collapsed.append(
                    _Collapsed(collapse=anchor, pending=list(pending), pos=self.tokens.pos[pending[0]])
                )
        else:
            context = "after a label that is not a row of the format" if self.unknown else "no row label"
            for t in pending:
                placement.unplaced(t, context)
        self.anchor, self.pending = None, []

    def _any_strong(self) -> bool:
        kinds = self.tokens.kind
        return any(kinds[t] in STRONG for t in self.pending)

    def report_unknown(self) -> None:
        """Report the unknown text collected since the last label (pieces of official labels are layout)."""
        unknown = self.unknown
        if unknown:
            keys = self.tokens.key
            if not all(keys[t] in self.lex.fragments for t in unknown):
                self.findings.add(
                    "parse.label_unknown",
                    Severity.INFO,
                    self.tokens.pos[unknown[0]],
                    excerpt=" ".join(self.tokens.text[t] for t in unknown),
                )
            unknown.clear()

    # -- the walk

    def read(self, *, truncated: bool) -> None:
        """Read the region: replay the plan kept for a region of the same shape (:mod:`._plan`), or walk it, settle
        what the walk left open, and keep a plan of the walk where one can be replayed."""
        key = shape(self.tokens, truncated=truncated)
        self.plan = replay(self, key) if key is not None else None
        if self.plan is not None:
            return
        before = len(self.findings.items)
        self.walk(truncated=truncated)
        self.finish_collapsed()
        self.placement.resolve()
        if key is not None:
            self.plan = remember(self, key, before)

    def walk(self, *, truncated: bool) -> None:
        """Walk every token; ``truncated``: the source ends inside the tables."""
        tokens = self.tokens
        kinds, keys = tokens.kind, tokens.key
        entries = self.lex.entries
        suffix = ""
        i, n = 0, len(kinds)
        values_from = _VALUE_RUN.match  # a run of values ends at the next label or heading
        while i < n:
            kind = kinds[i]
            if kind == HEADING:
                self._heading(i)
                suffix = ""
                i += 1
                continue
            if kind != TEXT:  # a run of values, up to the next word
                if self.unknown:
                    self.report_unknown()
                end = values_from(kinds, i).end()  # type: ignore[union-attr]  # the run holds token i at least
                self.pending.extend(range(i, end))
                i = end
                continue
            key = keys[i]
            if suffix and suffix.startswith(key):  # the rest of a label wrapped after its values
                suffix = suffix[len(key) :]
                i += 1
                continue
            entry = entries.get(key)
            if entry is not None and (i + 1 == n or kinds[i + 1] != TEXT):  # a label of one token: the common case
                found: tuple[Entry, int, str] | None = (entry, i, "")
            else:
                found = self.match(i)
            if found is None:
                if len(key) <= 2:
                    i += 1
                    continue
                # Unknown text ends a row (its values must not run into the next one), except inside the headers
                # of a column-labelled table, whose split header words are unknown text.
                if not self.unknown and not (isinstance(self.anchor, ColumnTable) and not self._any_strong()):
                    self.flush()
                self.unknown.append(i)
                i += 1
                continue
            if self.unknown:
                self.report_unknown()
            entry, j, suffix = found
            self._label(entry, i, j)
            i = j + 1
        self.report_unknown()
        self.flush(at_end=truncated)

    def _heading(self, i: int) -> None:
        """Token ``i`` is a section heading: every row ends."""
        self.report_unknown()
        self.flush()
        self.superseded = None
        # A table whose headers could not be read (split words in a PDF) still owns its values.
        spec = self.lex.table_of_section.get(int(self.tokens.key[i]))
        if spec is not None and spec.key in self.lex.column_tables:
            self.anchor = self.lex.column_tables[spec.key]
            self.anchor_label, self.anchor_pos = spec.heading, self.tokens.pos[i]

    def _label(self, entry: Entry, i: int, j: int) -> None:  # noqa: PLR0912 - one branch per kind of label
        """Tokens ``i`` to ``j`` are the label of ``entry``."""
        tokens = self.tokens
        pos = tokens.pos[i]
        lex = self.lex
        if entry.kind == "line":
            self.flush()
            pointer = entry.pointer
            if self.first_label_item is None:
                self.first_label_item, self.first_label_token = pos >> 32, i
            self.found_tables.update(entry.tables)
            if pointer in self.found_lines:
                self.findings.add(
                    "parse.duplicate_row",
                    Severity.WARNING,
                    pos,
                    pointers=(pointer,),
                    excerpt=" ".join(tokens.text[i : j + 1]),
                )
                self.anchor = None
            else:
                self.found_lines.add(pointer)
                self.placement.locate(pointer, i)
                self.anchor, self.anchor_label, self.anchor_pos = lex.rows[pointer], entry.label, pos
            return
        collapse = lex.collapses.get(entry.pointer) if entry.kind == "group" else None
        if collapse is not None:
            self.flush()
            self.found_tables.update(entry.tables)
            self.placement.locate(collapse.pointer, i)
            self.anchor, self.anchor_label, self.anchor_pos = collapse, entry.label, pos
            return
        if entry.group is not None:
            self.placement.locate(entry.pointer, i)
        if entry.block or entry.superseded:
            self.flush()
            if entry.block:
                self.superseded = None
            elif self.superseded is None:
                self.superseded = pos
                self.findings.add("parse.columns_2019", Severity.WARNING, pos, excerpt=" ".join(tokens.text[i : j + 1]))
        column_tables = lex.column_tables_of(entry)
        anchor = self.anchor
        current = anchor.table.key if isinstance(anchor, ColumnTable) else None
        if column_tables and (current in entry.tables or len(entry.tables) == 1):
            self.found_tables.update(entry.tables)
            if isinstance(anchor, ColumnTable):
                if not self._any_strong():
                    self.pending = []
            else:
                self.flush()
                self.anchor, self.anchor_label, self.anchor_pos = column_tables[0], entry.label, pos
        elif not (isinstance(anchor, ColumnTable) and not self._any_strong()):
            self.flush()  # a header of another table ends a row; inside 四's split headers it is a word

    def finish_collapsed(self) -> None:
        """Place the values of each group printed as one row into the line that holds them; its other lines are
        0 by the convention of the layout, which is reported where a value is not 0."""
        placement = self.placement
        for found in self.collapsed:
            collapse, pending, pos = found.collapse, found.pending, found.pos
            group, lines, target = collapse.group, collapse.lines, collapse.target
            if any(p in self.found_lines for p in collapse.line_pointers):
                for t in pending:
                    placement.unplaced(t, f"{group.label} is printed both as one row and with its sub-rows")
                continue
            placement.place(self.lex.rows[target.pointer], pending, group.label, at_end=False, where=pos)
            self.found_lines.update(collapse.line_pointers)
            others = [line for line in lines if line is not target]
            nonzero = []
            for c in target.columns:
                value = placement.values.get(target.cell_pointer(c))
                for other in others:
                    placement.fill(other.cell_pointer(c), 0, pos)
                if value != 0:
                    nonzero.append(c)
            if nonzero:
                self.findings.add(
                    "layout.collapsed_row",
                    Severity.WARNING,
                    pos,
                    pointers=[line.cell_pointer(c) for c in nonzero for line in lines],
                    excerpt=" ".join(self.tokens.text[t] for t in pending),
                    detail={"group": group.label, "line": target.label},
                )
