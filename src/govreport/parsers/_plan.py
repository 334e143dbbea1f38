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
source map and their order, findings, the lines and tables found. A region of a shape not seen walks as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from govreport.parsers._source import Findings

if TYPE_CHECKING:
    from govreport.parsers._tokens import Tokens
    from govreport.parsers._walk import Walk

__all__ = ["LABEL", "PLAIN", "PLANS_KEPT", "STORED", "Mark", "Plan", "remember", "replay", "shape"]

#: Plans kept per lexicon (each holds its shape, a few kB); the store is emptied when it is full.
PLANS_KEPT: Final = 256
_INTS: Final = frozenset({int})

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


def shape(tokens: Tokens, *, truncated: bool) -> Shape:
    """All a walk that never asks the values depends on, besides whether the values of its plain rows are counts."""
    source = tokens.source
    return (tokens.kind, tuple(tokens.key), truncated, source.cells is not None, bool(source.runs))


def replay(walk: Walk, key: Shape) -> bool:
    """Do what the plan kept for ``key`` says, when there is one and every value of its plain rows is a count;
    whether it did."""
    plan: Plan | None = walk.lex.cache("plans").get(key)
    if plan is None:
        return False
    numbers = walk.tokens.value
    if not _INTS.issuperset(type(numbers[t]) for t in plan.counts):
        return False  # a value that is no count: the walk reads that row another way
    _do(plan, walk)
    return True


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


def remember(walk: Walk, key: Shape, findings_before: int) -> None:
    """Keep a plan of ``walk`` (which began when there were ``findings_before`` findings) for regions of shape
    ``key``, when the walk never asked the values and doing the plan on the same region gives back what it gave."""
    from govreport.parsers._placement import Placement  # noqa: PLC0415 - they import this module
    from govreport.parsers._walk import Walk  # noqa: PLC0415

    placement = walk.placement
    if not placement.plain or walk.collapsed or placement.doubts or placement.ambiguous or placement.garbled:
        return
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
        return  # not what the walk did: never done again
    plans = walk.lex.cache("plans")
    if len(plans) >= PLANS_KEPT:
        plans.clear()
    plans[key] = plan


def _same(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    """The same cells, in the same order, with values of the same types."""
    return list(a) == list(b) and all(type(a[k]) is type(b[k]) and a[k] == b[k] for k in a)
