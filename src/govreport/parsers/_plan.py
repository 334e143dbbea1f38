"""Plans: what the walk did with a table region whose shape alone decided it, kept by that shape and done again.

Reports of one layout differ in their numbers, not in their labels, blanks and headings: a platform publishes every
agency's report from one template. The walk (:class:`~._walk.Walk`) decides from the region's *shape* (the kinds of
its tokens; the keys of its labels, blanks and headings; whether the source ends inside the tables, is HTML cells,
or has runs of digits) which token goes into which cell, except where it asks the values: a row whose values do not
fill its columns plainly is placed by the declared relations, a group printed as one row is settled by its values.
A walk that never asked the values is kept as a :class:`Plan`: in order, each label located at its token, each row
read plainly (one count per cell) from its first token, each row stored from the tokens its shape chose. The next
region of the same shape does the plan (after the one test the walk makes of values in a plain row: that each is a
count) instead of walking again. Storing a cell is the same code either way, so a value in another unit of money, a
blank cell or a marker reads as it would.

A plan is kept only when doing it on the region it was made from gives back exactly what the walk gave: values,
source map and their order, findings, the lines and tables found; so is a plan kept by the shapes of the region's
items (below). A region of a shape not seen walks as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import getitem, itemgetter
from typing import TYPE_CHECKING, Any, Final

import attrs

from govreport.parsers._source import Findings, Source

if TYPE_CHECKING:
    from govreport.parsers._lexicon import Lexicon
    from govreport.parsers._tokens import Tokens
    from govreport.parsers._walk import Walk

__all__ = [
    "ITEMS_PLANNED",
    "LABEL",
    "PLAIN",
    "PLANS_KEPT",
    "STORED",
    "TOKENS_PLANNED",
    "Mark",
    "Plan",
    "Region",
    "RegionPlan",
    "region",
    "remember",
    "remember_region",
    "replay",
    "replay_region",
    "shape",
]

#: Plans kept per lexicon (each holds its shape, a few kB); the store is emptied when it is full.
PLANS_KEPT: Final = 256
#: Regions of more tokens than this are walked and never kept (a report's tables cut into about 450), so the plans
#: kept hold at most a few MB whatever is read.
TOKENS_PLANNED: Final = 2_000
#: Regions of more items than this (lines, cells: blank ones too) are never planned by items, so the keys of the
#: plans kept by items stay small whatever is read.
ITEMS_PLANNED: Final = 4_000
_INTS: Final = frozenset({int})
_VALUES: Final = itemgetter(3)

#: A label's row or group located at a token: ``(LABEL, pointer, token)``.
LABEL: Final = 0
#: A row read plainly, one count per cell: ``(PLAIN, pointers, first token)``.
PLAIN: Final = 1
#: A row's cells stored from the tokens its shape chose: ``(STORED, slots, tokens)``.
STORED: Final = 2
#: One of those three: what it is, and its two parts (typed by the first).
Mark = tuple[int, Any, Any]
Shape = tuple[bytes, tuple[str, ...], bool, bool, bool]


@attrs.frozen
class Plan:
    """What a walk decided by the tokens' shape alone, by token index.

    Attributes:
        marks: what the walk did, in order (:data:`LABEL`, :data:`PLAIN`, :data:`STORED`).
        counts: the tokens of the rows read plainly, each of which must be a count.
        found_lines: the pointers of the lines found.
        found_tables: the keys of the tables found.
        first_label: the token of the first row label, if any.
    """

    marks: tuple[Mark, ...]
    counts: tuple[int, ...]
    found_lines: frozenset[str]
    found_tables: frozenset[str]
    first_label: int | None


def shape(tokens: Tokens, *, truncated: bool) -> Shape | None:
    """All a walk that never asks the values depends on, besides whether the values of its plain rows are counts
    (``None`` for a region too long to plan, :data:`TOKENS_PLANNED`)."""
    if len(tokens) > TOKENS_PLANNED:
        return None
    source = tokens.source
    return (tokens.kind, tuple(tokens.key), truncated, source.cells is not None, bool(source.runs))


def replay(walk: Walk, key: Shape) -> Plan | None:
    """Do what the plan kept for ``key`` says, when there is one and every value of its plain rows is a count;
    the plan, if it was done."""
    plan: Plan | None = walk.lex.cache("plans").get(key)
    if plan is None:
        return None
    numbers = walk.tokens.value
    if not _INTS.issuperset(type(numbers[t]) for t in plan.counts):
        return None  # a value that is no count: the walk reads that row another way
    _do(plan, walk)
    return plan


def _do(plan: Plan, walk: Walk) -> None:
    placement = walk.placement
    tokens = walk.tokens
    numbers, positions = tokens.value, tokens.pos
    values, source_map = placement.values, placement.source_map
    for what, where, t in plan.marks:
        if what == LABEL:
            source_map.setdefault(where, positions[t])
        elif what == PLAIN:
            end = t + len(where)
            values.update(zip(where, numbers[t:end], strict=True))
            source_map.update(zip(where, positions[t:end], strict=True))
        else:
            placement.store_all(where, t)
    walk.found_lines.update(plan.found_lines)
    walk.found_tables.update(plan.found_tables)
    if plan.first_label is not None:
        walk.first_label_item = positions[plan.first_label] >> 32


def remember(walk: Walk, key: Shape, findings_before: int) -> Plan | None:
    """Keep a plan of ``walk`` (which began when there were ``findings_before`` findings) for regions of shape
    ``key``, when the walk never asked the values and doing the plan on the same region gives back what it gave;
    the plan, if one was kept."""
    from govreport.parsers._placement import Placement  # noqa: PLC0415 - they import this module
    from govreport.parsers._walk import Walk  # noqa: PLC0415

    placement = walk.placement
    if not placement.plain or walk.collapsed or placement.doubts or placement.ambiguous or placement.garbled:
        return None
    marks = placement.marks
    counts: list[int] = []
    for what, where, t in marks:
        if what == PLAIN:
            counts.extend(range(t, t + len(where)))
    plan = Plan(
        marks=tuple(marks),
        counts=tuple(counts),
        found_lines=frozenset(walk.found_lines),
        found_tables=frozenset(walk.found_tables),
        first_label=walk.first_label_token,
    )
    findings = Findings(walk.findings.source)
    again = Walk(walk.lex, walk.tokens, Placement(walk.lex, walk.tokens, findings), findings)
    _do(plan, again)
    if not (
        _same(again.placement.values, placement.values)
        and list(again.placement.source_map.items()) == list(placement.source_map.items())
        and findings.items == walk.findings.items[findings_before:]
        and again.found_lines == walk.found_lines
        and again.found_tables == walk.found_tables
        and again.first_label_item == walk.first_label_item
    ):
        return None  # not what the walk did: never done again
    plans = walk.lex.cache("plans")
    if len(plans) >= PLANS_KEPT:
        plans.clear()
    plans[key] = plan
    return plan


def _same(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    """The same cells, in the same order, with values of the same types."""
    return list(a) == list(b) and _same_cells(a, b)


def _same_cells(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    """The same cells with values of the same types."""
    return a.keys() == b.keys() and all(type(a[k]) is type(b[k]) and a[k] == b[k] for k in a)


# --- plans by the region's items -----------------------------------------------------------------------------------
#
# A region's tokens are what its items cut into (``_tokens.cut_items``): the same items, by their shapes, cut into
# the same tokens. A plan is also kept by the shapes of the region's items, with where each of its tokens is (the
# item, and the token's place in it), so that the next region of the same items' shapes is read straight from what
# its items cut into, without making the tokens' columns.

#: The shape of each item of a region (``_tokens.cut_items``' shape ids), whether the source ends inside the
#: tables, and whether it is HTML cells.
Region = tuple[tuple[int, ...], bool, bool]
#: What a region's item cuts into (``_tokens._Template``): kinds, texts, keys, values, offsets, shape id.
Template = tuple[bytes, tuple[str, ...], tuple[str, ...], tuple[Any, ...], tuple[int, ...], int]


@attrs.frozen
class RegionPlan:
    """What a :class:`Plan` does, by the items of the region (from its first) and the places of tokens in them.

    Attributes:
        count_pointers: the cells of the rows read plainly, in order.
        count_items: the item of the token each is read from.
        count_places: the token's place in its item.
        map_pointers: the source map's pointers, in the order the walk added them.
        map_at: where each is located, as the position of its token's item from the region's first item, its
            offset added (the items' shapes hold their tokens' offsets).
        stored_at: the item and place of each token of the plan's :data:`STORED` marks, in order.
        stored: the plan's :data:`STORED` marks, the tokens numbered in that order.
        found_lines: the pointers of the lines found.
        found_tables: the keys of the tables found.
        first_item: the item of the first row label, from the region's first, if any.
        tokens: the number of tokens the region cuts into.
    """

    count_pointers: tuple[str, ...]
    count_items: tuple[int, ...]
    count_places: tuple[int, ...]
    map_pointers: tuple[str, ...]
    map_at: tuple[int, ...]
    stored_at: tuple[tuple[int, int], ...]
    stored: tuple[tuple[Any, tuple[int, ...]], ...]
    found_lines: frozenset[str]
    found_tables: frozenset[str]
    first_item: int | None
    tokens: int


def region(found: Sequence[Template], *, truncated: bool, cells: bool) -> Region | None:
    """The key of a region whose items cut into ``found`` (``None`` for a region of too many items to plan,
    :data:`ITEMS_PLANNED`)."""
    if len(found) > ITEMS_PLANNED:
        return None
    return (tuple(map(itemgetter(5), found)), truncated, cells)


def remember_region(
    walk: Walk, plan: Plan, key: Region, found: Sequence[Template], *, start: int, limit: int, findings_before: int
) -> None:
    """Keep ``plan``, the plan ``walk`` was read by (or kept as), for regions of items of the shapes ``key``, when
    doing it from what the items cut into (``found``, items ``start`` on) gives back what the walk gave; ``walk``
    began when there were ``findings_before`` findings."""
    lex = walk.lex
    at: list[tuple[int, int]] = []
    for i, template in enumerate(found):
        at.extend((i, k) for k in range(len(template[0])))

    def relative(t: int) -> int:
        i, k = at[t]
        return (i << 32) + found[i][4][k]

    located: dict[str, int] = {}  # the source map the plan makes, pointer -> token, in order (see _do)
    counted: dict[str, int] = {}
    stored: list[tuple[Any, tuple[int, ...]]] = []
    stored_at: list[tuple[int, int]] = []
    filled: set[str] = set()
    for what, where, t in plan.marks:
        if what == LABEL:
            located.setdefault(where, t)
        elif what == PLAIN:
            for ptr, token in zip(where, range(t, t + len(where)), strict=True):
                located[ptr] = counted[ptr] = token
            filled.update(where)
        else:
            for slot, token in zip(where, t, strict=False):  # store_all: a cell filled already is left
                if slot.pointer not in filled:
                    located[slot.pointer] = token
                    filled.add(slot.pointer)
            stored.append((where, tuple(range(len(stored_at), len(stored_at) + len(t)))))
            stored_at.extend(at[c] for c in t)
    kept = RegionPlan(
        count_pointers=tuple(counted),
        count_items=tuple(at[t][0] for t in counted.values()),
        count_places=tuple(at[t][1] for t in counted.values()),
        map_pointers=tuple(located),
        map_at=tuple(map(relative, located.values())),
        stored_at=tuple(stored_at),
        stored=tuple(stored),
        found_lines=plan.found_lines,
        found_tables=plan.found_tables,
        first_item=None if plan.first_label is None else at[plan.first_label][0],
        tokens=len(at),
    )
    findings = Findings(walk.findings.source)
    again = _replay_region(kept, walk.tokens.source, lex, found, start=start, limit=limit, findings=findings)
    placement = walk.placement
    if (
        again is None
        or not _same_cells(again.placement.values, placement.values)
        or list(again.placement.source_map.items()) != list(placement.source_map.items())
        or findings.items != walk.findings.items[findings_before:]
        or again.found_lines != walk.found_lines
        or again.found_tables != walk.found_tables
        or again.first_label_item != walk.first_label_item
    ):
        return  # not what the walk did: never done again
    regions = lex.cache("regions")
    if len(regions) >= PLANS_KEPT:
        regions.clear()
    regions[key] = kept


def replay_region(
    source: Source, lex: Lexicon, found: Sequence[Template], key: Region, *, start: int, limit: int, findings: Findings
) -> Walk | None:
    """Read the region of items ``start`` on, which cut into ``found``, by the plan kept for ``key``, when there
    is one and every value of its plain rows is a count: the :class:`~._walk.Walk` as the plan leaves it (its
    placement holds the values), or ``None``."""
    kept: RegionPlan | None = lex.cache("regions").get(key)
    if kept is None:
        return None
    return _replay_region(kept, source, lex, found, start=start, limit=limit, findings=findings)


def _replay_region(
    kept: RegionPlan,
    source: Source,
    lex: Lexicon,
    found: Sequence[Template],
    *,
    start: int,
    limit: int,
    findings: Findings,
) -> Walk | None:
    from govreport.parsers._placement import Placement  # noqa: PLC0415 - they import this module
    from govreport.parsers._tokens import Tokens  # noqa: PLC0415
    from govreport.parsers._walk import Walk  # noqa: PLC0415

    if kept.tokens > limit:  # more tokens than the limit: refused where the tokens are made
        return None
    counts = list(map(getitem, map(_VALUES, map(found.__getitem__, kept.count_items)), kept.count_places))
    if not _INTS.issuperset(map(type, counts)):
        return None
    base = start << 32
    tokens = Tokens(source, limit, lex)  # the tokens of the stored rows alone, numbered in order
    tokens.kind = bytes(found[i][0][k] for i, k in kept.stored_at)
    tokens.text = [found[i][1][k] for i, k in kept.stored_at]
    tokens.key = [found[i][2][k] for i, k in kept.stored_at]
    tokens.value = [found[i][3][k] for i, k in kept.stored_at]
    tokens.pos = [base + (i << 32) + found[i][4][k] for i, k in kept.stored_at]
    placement = Placement(lex, tokens, findings)
    placement.source_map.update(zip(kept.map_pointers, map(base.__add__, kept.map_at), strict=True))
    placement.values.update(zip(kept.count_pointers, counts, strict=True))
    for slots, cells in kept.stored:
        placement.store_all(slots, cells)
    walk = Walk(lex, tokens, placement, findings)
    walk.found_lines.update(kept.found_lines)
    walk.found_tables.update(kept.found_tables)
    if kept.first_item is not None:
        walk.first_label_item = start + kept.first_item
    return walk
