"""The one engine that runs every rule kind of every edition.

An edition declares its rules as data (:mod:`govreport.editions._rules`); :func:`rules_for` compiles them once per
edition into a :class:`RuleSet`, together with the rule packs that third parties register through the
``govreport.rules`` entry-point group. Validating a report reads each of its cells once, then runs every rule
over that one read.

A rule that needs a missing cell reports ``not_assessable`` (severity ``info``), never pass or fail; the
``cells.missing`` warning says which cell is missing and why.
"""

from __future__ import annotations

import os
import re
import sys
import typing
from bisect import bisect_right, insort
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import Any, Final, Literal

import attrs

from govreport.editions import Edition, get_edition
from govreport.editions._rules import (
    Claim,
    ClaimRule,
    CustomRule,
    EmptyRule,
    Equation,
    EquationRule,
    Messages,
    PresenceRule,
    RangeRule,
    RulePack,
    RuleSpec,
    StatementRule,
    SubstanceRule,
)
from govreport.errors import GovReportError, PluginError
from govreport.findings import Finding, Severity, SourceLocation, Status
from govreport.pointers import join
from govreport.rules._formula import formula
from govreport.rules._prose import (
    STOP,
    amount,
    compile_pattern,
    expand_pattern,
    locator,
    number,
    required_chars,
    unwrap,
)

__all__ = [
    "BLANK_AS_ZERO",
    "ENTRY_POINT_GROUP",
    "Context",
    "Rule",
    "RuleSet",
    "Statement",
    "UnknownRuleError",
    "ValidationResult",
    "refresh_plugins",
    "register_rules",
    "rules_for",
    "validate",
]

Number = int | Decimal

#: The entry-point group in which third-party packages declare rule packs (:class:`RulePack`).
ENTRY_POINT_GROUP = "govreport.rules"

#: The assumption of ``validate(..., blank_as_zero=True)``, named in :attr:`Finding.assumptions` of every finding
#: that rests on it.
BLANK_AS_ZERO = "blank_as_zero"


class UnknownRuleError(GovReportError, KeyError):
    """A rule id or prefix given to ``select`` or ``ignore`` names no rule of the edition."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown rule"


Reader = Callable[[tuple[Any, ...]], tuple[Any, ...]]


def _pick(indices: Sequence[int]) -> Reader:
    """A C-speed function that picks ``indices`` out of a tuple, always returning a tuple."""
    if not indices:
        return lambda values: ()
    if len(indices) == 1:
        only = indices[0]
        return lambda values: (values[only],)
    return itemgetter(*indices)


def _single_attr(key: str) -> Reader:
    get = attrgetter(key)
    return lambda obj: (get(obj),)


@attrs.frozen(kw_only=True)
class Context:
    """What a rule's check sees: the report, the previous year's report, and every cell read once.

    ``values`` holds every data cell of the edition in declaration order (``None`` = missing), ``index`` maps a
    cell's JSON Pointer to its position; :meth:`value` and :meth:`previous_value` read them by pointer.
    """

    report: Any
    previous: Any | None
    values: tuple[Number | None, ...]
    index: Mapping[str, int]
    previous_values: tuple[Number | None, ...] | None = None
    previous_index: Mapping[str, int] | None = None
    #: What the engine computes once per report for several rules (the statements the prose makes).
    cache: dict[Any, Any] = attrs.field(factory=dict, repr=False, eq=False)
    complete: bool = attrs.field(init=False)

    @complete.default
    def _complete(self) -> bool:
        """No cell of the report is missing (decided once, in C)."""
        return None not in self.values

    def value(self, pointer: str) -> Number | None:
        """The value of the cell at ``pointer`` in the report."""
        return self.values[self.index[pointer]]

    def previous_value(self, pointer: str) -> Number | None:
        """The value of the cell at ``pointer`` in the previous year's report (``None`` when that report's
        edition has no such cell)."""
        if self.previous_values is None or self.previous_index is None:
            msg = "no previous report"
            raise LookupError(msg)
        i = self.previous_index.get(pointer)
        return None if i is None else self.previous_values[i]

    def previous_has(self, pointer: str) -> bool:
        """Whether the previous year's report's edition has a cell at ``pointer``."""
        return self.previous_index is not None and pointer in self.previous_index

    @property
    def cells(self) -> dict[str, Number | None]:
        """Every cell of the report by JSON Pointer."""
        return dict(zip(self.index, self.values, strict=True))

    def blank_as_zero(self) -> Context:
        """This context with every missing cell of both reports read as 0 (``validate(blank_as_zero=True)``)."""
        previous = self.previous_values
        return attrs.evolve(
            self,
            values=_zeroed(self.values),
            previous_values=None if previous is None else _zeroed(previous),
        )


def _zeroed(values: tuple[Number | None, ...]) -> tuple[Number | None, ...]:
    return tuple(0 if v is None else v for v in values) if None in values else values


Check = Callable[["Rule", Context], Iterable[Finding]]


@attrs.frozen(kw_only=True)
class Rule:
    """A compiled rule: its declaration, what it reads, its formula and its check.

    Attributes:
        spec: the declaration (:mod:`govreport.editions._rules`).
        id: the stable rule id (``requests.balance``).
        severity: the severity of a failing finding.
        origin: ``stated``, ``derived``, ``parse`` or ``format``.
        clause: the clause of the format the rule enforces, in Chinese; ``clause_en`` in English.
        kind: ``equation``, ``claim``, ``statement``, ``presence``, ``range`` or ``custom``.
        formula: the rule as a formula over contract keys, rendered from the declaration.
        reads: the JSON Pointers the rule reads in the report; ``reads_previous`` in the previous year's.
        needs_previous: the rule compares two consecutive years.
        equations: for equation rules, the equations.
        messages: the message templates of a failing finding.
        pack: the rule pack that added the rule, ``None`` for the edition's own rules.
    """

    spec: RuleSpec = attrs.field(repr=False)
    id: str
    severity: Severity
    origin: Literal["stated", "derived", "parse", "format"]
    clause: str
    clause_en: str
    kind: str
    formula: str
    reads: tuple[str, ...] = attrs.field(repr=False)
    reads_previous: tuple[str, ...] = attrs.field(repr=False)
    needs_previous: bool
    equations: tuple[Equation, ...] = attrs.field(default=(), repr=False)
    messages: Messages = attrs.field(repr=False)
    pack: str | None = None
    check: Check = attrs.field(repr=False, eq=False)

    def catalogue_entry(self) -> dict[str, Any]:
        """The rule as a JSON-ready catalogue entry (``govreport rules --json``)."""
        return {
            "id": self.id,
            "severity": self.severity.value,
            "origin": self.origin,
            "kind": self.kind,
            "clause": self.clause,
            "clause_en": self.clause_en,
            "formula": self.formula,
            "needs_previous": self.needs_previous,
            "reads": list(self.reads),
            "reads_previous": list(self.reads_previous),
            "pack": self.pack,
        }


# --- the kinds' default message templates ----------------------------------------------------------------

_KIND_MESSAGES = {
    "equation": Messages(
        zh="{subject}：应为 {expected}，实为 {actual}，相差 {difference}",
        en="{subject}: expected {expected}, got {actual} (difference {difference})",
    ),
    "range": Messages(
        zh="{subject}（{pointer}）：不能为负数，实为 {actual}",
        en="{pointer} ({subject}): must not be negative, but is {actual}",
    ),
    "presence": Messages(
        zh="{subject}（{pointer}）：单元格缺失（空白、“/”或“—”），需要它的规则无法判断",
        en="{pointer} ({subject}): the cell is missing (blank, '/' or '—'); rules that need it are not assessable",
    ),
    "claim": Messages(
        zh="{subject}称“{excerpt}”（{actual}），与表格不符：{detail_cells}应为 {expected}",
        en="{subject} says “{excerpt}” ({actual}), which does not match the tables: {detail_cells_en} is {expected}",
    ),
    "statement": Messages(
        zh="{subject}：未说明{detail_clause}",
        en="{subject}: does not state {detail_clause_en}",
    ),
    "substance": Messages(
        zh="{subject}没有实质内容（“{excerpt}”），应报告{detail_expects}",
        en="{subject} says nothing of substance (“{excerpt}”); it should report {detail_expects_en}",
    ),
    "empty": Messages(
        zh="{detail_part}：全部 {detail_cells} 个单元格缺失",
        en="{detail_part_en}: all {detail_cells} cells are missing",
    ),
    "custom": Messages(zh="{rule}：{subject}", en="{rule}: {subject}"),
}


# --- equations ----------------------------------------------------------------------------------------


def _not_consecutive(rule: Rule, ctx: Context) -> Finding | None:
    """A not-assessable finding when ``previous`` is not the preceding year's report, else None."""
    assert ctx.previous is not None  # noqa: S101 - the engine runs these rules only with a previous report
    if ctx.previous.year == ctx.report.year - 1:
        return None
    return Finding(
        rule=rule.id,
        severity=Severity.INFO,
        status=Status.NOT_ASSESSABLE,
        pointers=("/year",),
        previous_pointers=("/year",),
        expected=ctx.report.year - 1,
        actual=ctx.previous.year,
        detail={"reason": "year"},
    )


def _check_unit_equations(rule: Rule, ctx: Context, readers: Sequence[tuple[Reader, Reader]]) -> Iterator[Finding]:
    """Equations with unit coefficients over this year's cells: sums read in C, one finding per failure."""
    values = ctx.values
    complete = ctx.complete
    for eq, (read_actual, read_expected) in zip(rule.equations, readers, strict=True):
        actual_values = read_actual(values)
        expected_values = read_expected(values)
        if not complete and (None in actual_values or None in expected_values):
            yield Finding(
                rule=rule.id,
                severity=Severity.INFO,
                status=Status.NOT_ASSESSABLE,
                pointers=eq.pointers,
                missing=tuple(p for p in eq.pointers if ctx.value(p) is None),
                detail=eq.detail,
            )
            continue
        actual: Number = sum(actual_values)
        expected: Number = sum(expected_values)
        if actual != expected:
            yield Finding(
                rule=rule.id,
                severity=rule.severity,
                pointers=eq.pointers,
                expected=expected,
                actual=actual,
                difference=actual - expected,
                detail=eq.detail,
            )


def _check_weighted_equations(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Equations with coefficients or terms from the previous year's report."""
    if rule.needs_previous and (skip := _not_consecutive(rule, ctx)) is not None:
        yield skip
        return
    for eq in rule.equations:
        sides: list[Number] = []
        missing: list[str] = []
        incomplete = absent = False
        for terms in (eq.actual, eq.expected):
            total: Number = 0
            for t in terms:
                v = ctx.previous_value(t.pointer) if t.previous else ctx.value(t.pointer)
                if v is None:
                    incomplete = True
                    if not t.previous:
                        missing.append(t.pointer)
                    elif not ctx.previous_has(t.pointer):
                        absent = True
                else:
                    total += t.coefficient * v
            sides.append(total)
        if incomplete:
            detail = dict(eq.detail)
            if absent:  # the previous report is of an edition without the cell (2019 has no 现行有效件数)
                detail.update(reason="edition", previous_edition=str(getattr(ctx.previous, "edition", "")))
            yield Finding(
                rule=rule.id,
                severity=Severity.INFO,
                status=Status.NOT_ASSESSABLE,
                pointers=eq.pointers,
                previous_pointers=eq.previous_pointers,
                missing=tuple(missing),
                detail=detail,
            )
            continue
        actual, expected = sides
        if actual != expected:
            yield Finding(
                rule=rule.id,
                severity=rule.severity,
                pointers=eq.pointers,
                previous_pointers=eq.previous_pointers,
                expected=expected,
                actual=actual,
                difference=actual - expected,
                detail=eq.detail,
            )


def _equation_check(spec: EquationRule, index: Mapping[str, int]) -> Check:
    if all(eq.unit_weights for eq in spec.equations):
        readers = [
            (_pick([index[t.pointer] for t in eq.actual]), _pick([index[t.pointer] for t in eq.expected]))
            for eq in spec.equations
        ]
        return lambda rule, ctx: _check_unit_equations(rule, ctx, readers)
    return _check_weighted_equations


# --- cells: range and presence --------------------------------------------------------------------------


def _range_check(spec: RangeRule, edition: Edition, index: Mapping[str, int]) -> Check:
    positions = sorted(index[p] for p in spec.reads(edition))
    pick = _pick(positions) if positions else (lambda values: ())
    minimum = spec.minimum

    def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
        present = [v for v in pick(ctx.values) if v is not None]
        if not present or min(present) >= minimum:  # the common case, decided in C
            return
        for ptr in rule.reads:
            value = ctx.value(ptr)
            if value is not None and value < minimum:
                yield Finding(
                    rule=rule.id,
                    severity=rule.severity,
                    pointers=(ptr,),
                    expected=minimum,
                    actual=value,
                    difference=value - minimum,
                )

    return check


def _presence_check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if ctx.complete:
        return
    for ptr, value in zip(ctx.index, ctx.values, strict=True):
        if value is None:
            yield Finding(rule=rule.id, severity=rule.severity, pointers=(ptr,), missing=(ptr,))


# --- prose: claims and statements ---------------------------------------------------------------------


def _compile_optional(pattern: str | None) -> re.Pattern[str] | None:
    return compile_pattern(pattern) if pattern else None


@attrs.frozen(kw_only=True)
class _CompiledClaim:
    """A claim compiled for one edition: its pattern, its guards and its sums as cells.

    The pattern and the guards (the claim's and its rule's) compile on first use (:func:`compile_pattern` keeps
    them): a report's prose brings a few of the claims past the prefilter, and compiling every pattern of an
    edition up front costs more than validating a report.
    """

    rule: str
    claim: Claim
    spec: ClaimRule
    anchors: tuple[frozenset[str], ...] | None
    sums: tuple[tuple[str, ...], ...]
    cells: tuple[str, ...]
    factors: Mapping[str, Number]
    detail: tuple[tuple[str, str], ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        """The claim's pattern."""
        return compile_pattern(self.claim.pattern)


@attrs.frozen(kw_only=True)
class _Statement:
    """A number the prose states: the claim that read it, its value, where, and the quoted excerpt."""

    claim: _CompiledClaim
    value: Number
    amount: bool
    where: str
    offset: int
    excerpt: str
    location: SourceLocation

    def public(self) -> Statement:
        return Statement(
            rule=self.claim.rule,
            claim=self.claim.claim,
            value=self.value,
            pointer=self.where,
            excerpt=self.excerpt,
            location=self.location,
        )


@attrs.frozen(kw_only=True)
class Statement:
    """A number the prose of a report states, as the claim rules read it (:meth:`RuleSet.statements`).

    Attributes:
        rule: the id of the claim rule that read it.
        claim: the claim (its pattern, what it is compared with).
        value: the number (an ``int`` count, or :class:`~decimal.Decimal` 元 for an amount; 0 for a denial).
        pointer: the prose section, as a JSON Pointer (``/overview``).
        excerpt: the text the claim matched, as published (line wraps included).
        location: the line and column (1-based, in characters) where the excerpt starts, in that section.
    """

    rule: str
    claim: Claim
    value: Number
    pointer: str
    excerpt: str
    location: SourceLocation


_CLAUSE_STOPS = re.compile(f"[{re.escape(STOP)}]")


def _value(m: re.Match[str]) -> tuple[Number, tuple[int, int], bool] | None:
    """The number a match states, the span that holds it, and whether it is an amount of money."""
    groups = m.groupdict()
    if groups.get("n") is not None:
        n = number(groups["n"])
        return None if n is None else (n, m.span("n"), False)
    if groups.get("a") is not None:
        a = amount(groups["a"], groups.get("unit") or "")
        return None if a is None else (a, m.span("a"), True)
    if groups.get("zero") is not None:
        return 0, m.span("what" if groups.get("what") is not None else "zero"), False
    return None


class _ProseReader:
    """Reads every claim of every claim rule of an edition out of a report's prose, once per report.

    Claims are tried in catalogue order (and each rule's claims in order); a number goes to the first claim whose
    pattern places it and whose guards let it, so what a rule reads does not depend on which rules are selected.
    """

    def __init__(self, specs: Sequence[ClaimRule], edition: Edition) -> None:
        self._fields: dict[str, list[_CompiledClaim]] = {}
        # the document's order of its members, which is the order a reader meets the statements in
        self._order = {"/" + key: i for i, key in enumerate(edition.order)}
        for spec in specs:
            for claim in spec.claims:
                sums = claim.equals
                unknown = [p for alternative in sums for p in alternative if edition.cell(p) is None]
                if unknown:
                    msg = f"rule {spec.id!r} reads cells the edition {edition.name!r} does not have: {unknown[:3]}"
                    raise ValueError(msg)
                cells = _unique_cells(sums)
                factors: dict[str, Number] = {}
                for ptr in cells:
                    found = edition.cell(ptr)
                    unit = found[1].unit if found is not None else None
                    factors[ptr] = (amount("1", unit) if unit else None) or 1
                detail: dict[str, str] = {"claim": claim.name_en or claim.quantity}
                if claim.equals:
                    expected = claim.equals[claim.expected]
                    detail["cells"] = " + ".join(edition.describe(p, "zh") for p in expected)
                    detail["cells_en"] = " + ".join(edition.describe(p, "en") for p in expected)
                compiled = _CompiledClaim(
                    rule=spec.id,
                    claim=claim,
                    spec=spec,
                    anchors=required_chars(expand_pattern(claim.pattern)),
                    sums=sums,
                    cells=cells,
                    factors=factors,
                    detail=tuple(sorted(detail.items())),
                )
                for section in spec.sections:
                    self._fields.setdefault(section, []).append(compiled)
        #: every character some claim needs: where each of them occurs is all the prefilter looks up
        needed = {ch for claims in self._fields.values() for cc in claims for chars in cc.anchors or () for ch in chars}
        self._needed = re.compile(f"[{''.join(re.escape(ch) for ch in sorted(needed))}]" if needed else "(?!)")
        #: by section, each set of characters some claim needs, with the claims that need it (bit i: claim i): a
        #: section without any character of a set rules those claims out at once
        self._gates: dict[str, list[tuple[frozenset[str], int]]] = {}
        for section, claims in self._fields.items():
            gates: dict[frozenset[str], int] = {}
            for i, cc in enumerate(claims):
                for chars in cc.anchors or ():
                    gates[chars] = gates.get(chars, 0) | 1 << i
            self._gates[section] = list(gates.items())

    def statements(self, ctx: Context) -> Mapping[str, list[_Statement]]:
        """Every statement the prose of ``ctx.report`` makes, by rule id (computed once per report)."""
        found = ctx.cache.get(self)
        if found is None:
            found = ctx.cache[self] = self._read(ctx.report)
        return typing.cast("Mapping[str, list[_Statement]]", found)

    def _read(self, report: Any) -> dict[str, list[_Statement]]:
        out: dict[str, list[_Statement]] = {}
        year = getattr(report, "year", None)
        for section, claims in self._fields.items():
            text = getattr(report, section, None)
            if not isinstance(text, str) or not text:
                continue
            joined, offsets = unwrap(text)
            locate = locator(text)
            taken = _Taken()
            sentences = _Sentences(joined, self._needed)
            ruled_out = self._ruled_out(section, sentences)
            for i, cc in enumerate(claims):
                if ruled_out >> i & 1:
                    continue
                for m in sentences.matches(cc):
                    found = _value(m)
                    if found is None:
                        continue
                    value, span, is_amount = found
                    if taken.overlaps(span):
                        continue  # this number was read already, by an earlier claim
                    if not _placed(cc, sentences, m, year):
                        continue
                    taken.add(span)
                    start, end = m.span()
                    first, last = (offsets[start], offsets[end - 1] + 1) if offsets else (start, end)
                    line, column = locate(first)
                    out.setdefault(cc.rule, []).append(
                        _Statement(
                            claim=cc,
                            value=value,
                            amount=is_amount,
                            where="/" + section,
                            offset=first,
                            excerpt=text[first:last],
                            location=SourceLocation(line=line, column=column),
                        )
                    )
        for statements in out.values():  # in the order a reader meets them
            statements.sort(key=lambda st: (self._order.get(st.where, len(self._order)), st.offset))
        return out

    def _ruled_out(self, section: str, sentences: _Sentences) -> int:
        """The claims of ``section`` (bit i: claim i) that need a character the section does not hold."""
        present = sentences.where.keys()
        ruled_out = 0
        for chars, needing in self._gates[section]:
            if present.isdisjoint(chars):
                ruled_out |= needing
        return ruled_out


#: Up to this many stretches in a section, its masks grow a bit at a time (quicker for a report's prose); beyond,
#: each is made once from its bits (a prose of 100,000 stretches took seconds, copying masks as they grew).
_FEW_STRETCHES: Final = 256


class _Sentences:
    """A prose section cut into stretches between clause-level stops (no match crosses one), and in which of them
    each character a claim needs occurs, so that a claim's pattern is tried only where every character it needs is.
    """

    def __init__(self, text: str, needed: re.Pattern[str]) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.stops: list[int] = []  # the offset after each stop, in order (see sentence_start)
        start = 0
        for stop in _CLAUSE_STOPS.finditer(text):
            if stop.start() > start:
                self.spans.append((start, stop.end()))
            start = stop.end()
            self.stops.append(start)
        if start < len(text):
            self.spans.append((start, len(text)))
        # for each needed character, the stretches it occurs in as a bit mask (bit i: stretch i)
        self.where: dict[str, int] = {}
        if len(self.spans) <= _FEW_STRETCHES:
            for i, (start, end) in enumerate(self.spans):
                bit = 1 << i
                for ch in set(needed.findall(text, start, end)):  # only the needed characters are made strings
                    self.where[ch] = self.where.get(ch, 0) | bit
        else:  # each mask made once from its bits: a mask grown a bit at a time is copied each time
            where: dict[str, bytearray] = {}
            size = (len(self.spans) + 7) // 8
            for i, (start, end) in enumerate(self.spans):
                for ch in set(needed.findall(text, start, end)):
                    bits = where.get(ch)
                    if bits is None:
                        bits = where[ch] = bytearray(size)
                    bits[i >> 3] |= 1 << (i & 7)
            self.where = {ch: int.from_bytes(bits, "little") for ch, bits in where.items()}
        self.everywhere = (1 << len(self.spans)) - 1
        self._masks: dict[frozenset[str], int] = {}  # a set of characters -> the stretches holding one of them

    def candidates(self, anchors: tuple[frozenset[str], ...] | None) -> int:
        """The stretches (a bit mask) that hold a character of every set of ``anchors``."""
        mask = self.everywhere
        for chars in anchors or ():
            found = self._masks.get(chars)
            if found is None:
                found = 0
                for ch in chars:
                    found |= self.where.get(ch, 0)
                self._masks[chars] = found
            mask &= found
            if not mask:
                break
        return mask

    def sentence_start(self, offset: int) -> int:
        """The offset where the sentence (or clause-level stretch, see ``STOP``) holding ``offset`` starts: after
        the last stop before it (a stop is one character), found by bisection."""
        stops = self.stops
        i = bisect_right(stops, offset)
        return stops[i - 1] if i else 0

    def matches(self, cc: _CompiledClaim) -> Iterator[re.Match[str]]:
        """The matches of ``cc``'s pattern, stretch by stretch, in the stretches that hold what it needs."""
        mask = self.candidates(cc.anchors)
        if not mask:
            return
        bits = bin(mask)[:1:-1]  # bit i at index i (taking bits off the mask one by one copies it each time)
        i = bits.find("1")
        while i >= 0:
            start, end = self.spans[i]
            yield from cc.pattern.finditer(self.text, start, end)
            i = bits.find("1", i + 1)


def _unique_cells(sums: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for alternative in sums for c in alternative))


class _Taken:
    """The spans of a section's numbers read so far, none overlapping another (``[a, b)`` overlaps ``[c, d)`` when
    ``a < d`` and ``c < b``), kept by the offsets they cover: whether a span overlaps one is a look at its own
    offsets (a look at every span read made a prose of thousands of statements take time that grows as their square).
    """

    def __init__(self) -> None:
        self._covered: dict[int, int] = {}  # offset -> the span (its number) that covers it
        self._empty: list[int] = []  # where the empty spans stand, sorted (no number is one; a plugin's group may be)

    def overlaps(self, span: tuple[int, int]) -> bool:
        """Whether ``span`` overlaps a span taken."""
        start, end = span
        covered = self._covered
        if start >= end:  # empty: it overlaps a span that holds it strictly inside
            holder = covered.get(start - 1)
            return holder is not None and covered.get(start) == holder
        if any(offset in covered for offset in range(start, end)):
            return True
        i = bisect_right(self._empty, start)
        return i < len(self._empty) and self._empty[i] < end

    def add(self, span: tuple[int, int]) -> None:
        """Take ``span`` (which overlaps none taken)."""
        start, end = span
        if start >= end:
            insort(self._empty, start)
            return
        number = len(self._covered) + len(self._empty) + 1
        for offset in range(start, end):
            self._covered[offset] = number


def _placed(cc: _CompiledClaim, sentences: _Sentences, m: re.Match[str], year: int | None) -> bool:
    """Whether the guards of ``cc`` let match ``m`` of the section ``sentences`` cut stand as a statement of the
    report's year."""
    text = sentences.text
    claim, spec = cc.claim, cc.spec
    exclude = _compile_optional(claim.exclude)
    if exclude is not None and exclude.search(m.group()):
        return False
    start = m.start()
    clause = sentences.sentence_start(start)
    not_after = _compile_optional(claim.not_after)
    if not_after is not None and not_after.search(text, clause, start):
        return False
    context = _compile_optional(claim.context)
    if context is not None:
        paragraph = text.rfind("\n", 0, start) + 1
        if context.search(text, paragraph, m.end()) is None:
            return False
    period = clause
    continuation = _compile_optional(spec.continuation)
    if clause and continuation is not None and continuation.match(text, clause):
        period = sentences.sentence_start(clause - 1)  # 其中…: the sentence before says which period
    other_period = _compile_optional(spec.other_period)
    if other_period is not None and other_period.search(text, period, m.end()):
        return False
    year_pattern = _compile_optional(spec.year_pattern)
    if year_pattern is not None and year is not None:
        for y in year_pattern.finditer(text, period, m.end()):
            named = number(y.group("year"))
            if named is not None and named != year:
                return False
    return True


def _claim_check(spec: ClaimRule, prose: _ProseReader) -> Check:
    def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
        seen: set[tuple[Any, ...]] = set()
        first: dict[str, _Statement] = {}
        for st in prose.statements(ctx).get(rule.id, ()):
            key = (st.claim.cells or st.claim.claim.quantity, st.value)
            if key in seen:
                continue  # the same number stated again says nothing new
            seen.add(key)
            if st.claim.cells:
                yield from _compare_claim(rule, ctx, st)
                continue
            reference = first.setdefault(st.claim.claim.quantity, st)
            if st is not reference and st.value != reference.value:
                yield Finding(
                    rule=rule.id,
                    severity=rule.severity,
                    pointers=tuple(dict.fromkeys((st.where, reference.where))),
                    expected=reference.value,
                    actual=st.value,
                    difference=st.value - reference.value,
                    excerpt=st.excerpt,
                    location=st.location,
                    detail=(*st.claim.detail, ("first", reference.excerpt)),
                )

    return check


def _compare_claim(rule: Rule, ctx: Context, st: _Statement) -> Iterator[Finding]:
    cc = st.claim
    pointers = (st.where, *cc.cells)
    sums: list[Number | None] = []
    for alternative in cc.sums:
        values = [ctx.value(p) for p in alternative]
        if None in values:
            sums.append(None)
        else:
            sums.append(
                sum(
                    typing.cast("Number", v) * (cc.factors[p] if st.amount else 1)
                    for p, v in zip(alternative, values, strict=True)
                )
            )
    if st.value in sums:
        return
    if None in sums:
        yield Finding(
            rule=rule.id,
            severity=Severity.INFO,
            status=Status.NOT_ASSESSABLE,
            pointers=pointers,
            missing=tuple(p for p in cc.cells if ctx.value(p) is None),
            actual=st.value,
            excerpt=st.excerpt,
            location=st.location,
            detail=cc.detail,
        )
        return
    expected = sums[cc.claim.expected]
    assert expected is not None  # noqa: S101 - every sum is complete here
    yield Finding(
        rule=rule.id,
        severity=rule.severity,
        pointers=pointers,
        expected=expected,
        actual=st.value,
        difference=st.value - expected,
        excerpt=st.excerpt,
        location=st.location,
        detail=cc.detail,
    )


def _statement_check(spec: StatementRule) -> Check:
    pattern = compile_pattern(spec.pattern)

    def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
        text = getattr(ctx.report, spec.section, None)
        joined = unwrap(text)[0] if isinstance(text, str) else ""
        if pattern.search(joined) is None:
            yield Finding(
                rule=rule.id,
                severity=rule.severity,
                pointers=("/" + spec.section,),
                detail={"clause": spec.clause, "clause_en": spec.clause_en},
            )

    return check


#: Whitespace and punctuation, dropped before a section is compared with the formula of a SubstanceRule.
_NOT_WORDS = re.compile(r"[\W_]+")


def _substance_check(spec: SubstanceRule) -> Check:
    formula = compile_pattern(spec.formula)

    def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
        for e in spec.sections:
            text = getattr(ctx.report, e.section, None)
            text = text.strip() if isinstance(text, str) else ""
            bare = _NOT_WORDS.sub("", text)
            if bare and formula.fullmatch(bare) is None:
                continue
            yield Finding(
                rule=rule.id,
                severity=rule.severity,
                pointers=("/" + e.section,),
                excerpt=text,
                detail={"expects": e.expects, "expects_en": e.expects_en},
            )

    return check


# --- cells: a whole table or column group missing -------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Part:
    """A table, or a group of columns of a table: its cells, and what a finding calls it."""

    pointers: tuple[str, ...]
    positions: tuple[int, ...]
    detail: tuple[tuple[str, str], ...]


def _part(table: str, ptrs: Sequence[str], index: Mapping[str, int], zh: str, en: str) -> _Part:
    return _Part(
        pointers=(join((table,)), *ptrs),
        positions=tuple(index[p] for p in ptrs),
        detail=(("cells", str(len(ptrs))), ("part", zh), ("part_en", en)),
    )


def _empty_check(spec: EmptyRule, edition: Edition, index: Mapping[str, int]) -> Check:
    tables: list[tuple[_Part | None, list[_Part]]] = []
    for t in edition.tables:
        cells = [(line.cell_pointer(c), c.group) for line, c in t.cells()]
        whole = _part(t.key, [p for p, _ in cells], index, t.heading, t.name_en) if "table" in spec.parts else None
        names = dict.fromkeys(g for _, g in cells if g) if "column_group" in spec.parts else {}
        groups = [
            _part(t.key, [p for p, pg in cells if pg == g], index, f"{t.heading} {g}", f"{t.name_en}, columns {g}")
            for g in names
        ]
        tables.append((whole, groups))

    def empty(values: tuple[Number | None, ...], p: _Part) -> bool:
        return bool(p.positions) and all(values[i] is None for i in p.positions)

    def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
        if ctx.complete:
            return
        for whole, groups in tables:
            # a group inside an empty table is not reported again
            parts = [whole] if whole is not None and empty(ctx.values, whole) else groups
            for p in parts:
                if p is whole or empty(ctx.values, p):
                    yield Finding(rule=rule.id, severity=rule.severity, pointers=p.pointers, detail=p.detail)

    return check


def _custom_check(spec: CustomRule) -> Check:
    def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
        for finding in spec.check(ctx):
            yield finding if finding.rule == rule.id else attrs.evolve(finding, rule=rule.id)

    return check


# --- the rule set ---------------------------------------------------------------------------------------


def _compile(spec: RuleSpec, edition: Edition, index: Mapping[str, int], pack: str | None, prose: _ProseReader) -> Rule:
    check: Check
    if isinstance(spec, EquationRule):
        unknown = [t.pointer for eq in spec.equations for t in eq.terms if t.pointer not in index]
        if unknown:
            msg = f"rule {spec.id!r} reads cells the edition {edition.name!r} does not have: {unknown[:3]}"
            raise ValueError(msg)
        check = _equation_check(spec, index)
    elif isinstance(spec, RangeRule):
        check = _range_check(spec, edition, index)
    elif isinstance(spec, PresenceRule):
        check = _presence_check
    elif isinstance(spec, EmptyRule):
        check = _empty_check(spec, edition, index)
    elif isinstance(spec, ClaimRule):
        check = _claim_check(spec, prose)
    elif isinstance(spec, StatementRule):
        check = _statement_check(spec)
    elif isinstance(spec, SubstanceRule):
        check = _substance_check(spec)
    elif isinstance(spec, CustomRule):
        check = _custom_check(spec)
    else:
        msg = f"rule {spec.id!r}: unknown rule kind {type(spec).__name__}"
        raise TypeError(msg)
    return Rule(
        spec=spec,
        id=spec.id,
        severity=spec.severity,
        origin=spec.origin,
        clause=spec.clause,
        clause_en=spec.clause_en,
        kind=spec.kind,
        formula=formula(spec, edition),
        reads=spec.reads(edition),
        reads_previous=spec.reads_previous(edition),
        needs_previous=spec.needs_previous,
        equations=spec.equations if isinstance(spec, EquationRule) else (),
        messages=spec.messages or _KIND_MESSAGES[spec.kind],
        pack=pack,
        check=check,
    )


@attrs.frozen(kw_only=True)
class ValidationResult:
    """What :func:`validate` found.

    Attributes:
        findings: every finding, in catalogue order and document order within a rule.
    """

    findings: tuple[Finding, ...]

    @property
    def valid(self) -> bool:
        """True when no finding has severity ``error`` (missing cells alone never make a report invalid)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity ``error``."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity ``warning``."""
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """``{"valid": bool, "findings": [...]}``, the shape of ``govreport validate --json``."""
        return {"valid": self.valid, "findings": [f.to_dict(lang) for f in self.findings]}


def matches(rule_id: str, pattern: str) -> bool:
    """Whether ``pattern`` (a rule id, a prefix such as ``requests`` or ``requests.``, or ``requests.*``) names
    ``rule_id``."""
    stem = pattern.removesuffix("*").removesuffix(".")
    return rule_id == stem or rule_id.startswith(stem + ".") or (pattern.endswith("*") and rule_id.startswith(stem))


class RuleSet:
    """The compiled rules of one edition, in catalogue order, with the engine that runs them.

    The cell read is compiled once per rule set: one :func:`operator.attrgetter` call reads every row object, one
    per row its cells.
    """

    def __init__(self, edition: Edition, specs: Sequence[RuleSpec], packs: Mapping[str, str] | None = None) -> None:
        ids = [s.id for s in specs]
        if len(set(ids)) != len(ids):
            dup = sorted({i for i in ids if ids.count(i) > 1})
            msg = f"duplicate rule ids in edition {edition.name!r}: {', '.join(dup)}"
            raise ValueError(msg)
        self.edition = edition.name
        self._edition = edition
        self._pointers = tuple(edition.cell_pointers())
        self._index = edition.cell_index
        packs = packs or {}
        prose = self._prose = _ProseReader([s for s in specs if isinstance(s, ClaimRule)], edition)
        self.rules: tuple[Rule, ...] = tuple(_compile(s, edition, self._index, packs.get(s.id), prose) for s in specs)
        self._by_id = {r.id: r for r in self.rules}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def edition_spec(self) -> Edition:
        """The edition declaration the rules were compiled from."""
        return self._edition

    @property
    def ids(self) -> tuple[str, ...]:
        """The rule ids, in catalogue order."""
        return tuple(r.id for r in self.rules)

    def get(self, rule_id: str) -> Rule:
        """The rule with id ``rule_id``.

        Raises:
            UnknownRuleError: no such rule.
        """
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise UnknownRuleError(f"unknown rule id: {rule_id}") from None

    def messages(self, rule_id: str) -> Messages | None:
        """The message templates of rule ``rule_id``, or ``None`` when the edition has no such rule."""
        rule = self._by_id.get(rule_id)
        return None if rule is None else rule.messages

    @property
    def pointers(self) -> tuple[str, ...]:
        """The JSON Pointer of every data cell, in declaration order."""
        return self._pointers

    @property
    def index(self) -> Mapping[str, int]:
        """The position of every data cell's pointer in :attr:`pointers`."""
        return self._index

    def read_values(self, report: Any) -> tuple[Number | None, ...]:
        """Every data cell of ``report``, in the order of :attr:`pointers`, read in one pass."""
        return self._edition.read_values(report)

    def read_cells(self, report: Any) -> dict[str, Number | None]:
        """Every data cell of ``report`` by JSON Pointer, read in one pass."""
        return self._edition.read_cells(report)

    def statements(self, report: Any) -> tuple[Statement, ...]:
        """Every number the prose of ``report`` states that a claim rule reads, rule by rule in catalogue order and
        in the order of the text within a rule: what the claim rules compare, whether it matches or not.

        >>> import govreport
        >>> report = govreport.loads(govreport.example_document())
        >>> for s in govreport.rules_for("2021").statements(report)[:2]:
        ...     print(s.rule, s.value, s.excerpt, s.location)
        narrative.request_count 64 辦理依申請公開64件 line 3, column 129
        narrative.review_litigation 0 未有因信息公開引發行政復議 line 3, column 147
        """
        ctx = Context(report=report, previous=None, values=self.read_values(report), index=self._index)
        found = self._prose.statements(ctx)
        return tuple(st.public() for rule in self.rules for st in found.get(rule.id, ()))

    def select(self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> tuple[Rule, ...]:
        """The rules that ``select`` (ids or prefixes; all when ``None``) names and ``ignore`` does not.

        Raises:
            UnknownRuleError: an id or prefix names no rule.
        """
        chosen = list(select) if select is not None else None
        dropped = list(ignore) if ignore is not None else []
        unknown = [p for p in (*(chosen or ()), *dropped) if not any(matches(r.id, p) for r in self.rules)]
        if unknown:
            msg = f"unknown rule ids: {', '.join(sorted(unknown))}"
            raise UnknownRuleError(msg)
        return tuple(
            r
            for r in self.rules
            if (chosen is None or any(matches(r.id, p) for p in chosen)) and not any(matches(r.id, p) for p in dropped)
        )

    def check(
        self,
        report: Any,
        previous: Any | None = None,
        *,
        strict: bool = False,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        blank_as_zero: bool = False,
    ) -> ValidationResult:
        """Run the rules over ``report`` (and ``previous``, the preceding year's report, for cross-year rules).

        Args:
            report: the report to check.
            previous: the same agency's report for the preceding year, of this edition or another one; enables
                the cross-year rules.
            strict: treat missing cells as errors (``cells.missing`` findings get severity ``error``).
            select: run only the rules with these ids or id prefixes.
            ignore: skip the rules with these ids or id prefixes.
            blank_as_zero: assume that a missing cell is 0 wherever a rule reads it (the report is not changed,
                and ``cells.missing`` still names every missing cell); a finding that reads such a cell carries
                ``"blank_as_zero"`` in :attr:`Finding.assumptions` and the cells in :attr:`Finding.missing`.

        Raises:
            UnknownRuleError: ``select`` or ``ignore`` names no rule.
        """
        rules = self.rules if select is None and ignore is None else self.select(select, ignore)
        previous_values = previous_index = None
        if previous is not None:
            prev_set = self if previous.edition == self.edition else rules_for(previous.edition)
            previous_values, previous_index = prev_set.read_values(previous), prev_set.index
        ctx = Context(
            report=report,
            previous=previous,
            values=self.read_values(report),
            index=self._index,
            previous_values=previous_values,
            previous_index=previous_index,
        )
        findings: list[Finding] = []
        assumed = ctx.blank_as_zero() if blank_as_zero else ctx
        for rule in rules:
            if rule.needs_previous and previous is None:
                continue
            if assumed is ctx or rule.kind == "presence":
                findings.extend(rule.check(rule, ctx))
            else:
                findings.extend(_resting_on_blanks(f, ctx) for f in rule.check(rule, assumed))
        if strict:
            findings = [
                attrs.evolve(f, severity=Severity.ERROR) if f.rule in self._presence_ids else f for f in findings
            ]
        if self.edition != Finding.__attrs_attrs__.edition.default:
            # Findings name their edition so that messages use its labels.
            findings = [attrs.evolve(f, edition=self.edition) for f in findings]
        return ValidationResult(findings=tuple(findings))

    @property
    def _presence_ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.rules if r.kind in ("presence", "empty"))


def _resting_on_blanks(finding: Finding, ctx: Context) -> Finding:
    """``finding`` (found with blanks read as 0) marked with the assumption when it read a blank cell of either
    report; the blank cells of this year's report go to ``missing``."""
    blanks = tuple(p for p in finding.pointers if p in ctx.index and ctx.value(p) is None)
    previous_blank = ctx.previous_values is not None and any(
        ctx.previous_has(p) and ctx.previous_value(p) is None for p in finding.previous_pointers
    )
    if not blanks and not previous_blank:
        return finding
    return attrs.evolve(
        finding,
        assumptions=(*finding.assumptions, BLANK_AS_ZERO),
        missing=tuple(dict.fromkeys((*finding.missing, *blanks))),
    )


# --- the registry of rule sets and rule packs -----------------------------------------------------------

_COMPILED: dict[str, RuleSet] = {}
_PACKS: dict[str, list[RulePack]] = {}
_ENTRY_POINTS_LOADED = False
_FROM_ENTRY_POINTS: list[RulePack] = []


def _may_declare_packs() -> bool:
    """Whether an installed distribution may declare a rule pack: a quick look, before importing
    :mod:`importlib.metadata` (about 40 ms, more than validating a report), which most installations, with no rule
    pack, need not pay.

    It reads the ``entry_points.txt`` of every ``*.dist-info`` and ``*.egg-info`` folder of the folders on
    :data:`sys.path`, where the standard finder (and the ``importlib_metadata`` backport's, which some libraries
    install) looks. Whatever it cannot look into (a zip file or egg on the path, another finder of distributions on
    :data:`sys.meta_path`) counts as a maybe: then :mod:`importlib.metadata` decides.
    """
    from importlib.machinery import PathFinder  # noqa: PLC0415 - already imported by the interpreter

    for finder in sys.meta_path:
        path_based = finder is PathFinder or type(finder).__module__.startswith("importlib_metadata")
        if hasattr(finder, "find_distributions") and not path_based:
            return True
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except NotADirectoryError:
            return True  # a zip file
        except OSError:
            continue  # a folder that is not there
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(folder, name, "entry_points.txt"), "rb") as f:
                        if ENTRY_POINT_GROUP.encode() in f.read():
                            return True
                except OSError:
                    continue  # no entry points (or an .egg-info file)
            elif name.endswith(".egg"):
                return True
    return False


def _load_entry_points() -> None:
    global _ENTRY_POINTS_LOADED  # noqa: PLW0603 - a lazily filled module cache
    if _ENTRY_POINTS_LOADED:
        return
    _ENTRY_POINTS_LOADED = True
    if not _may_declare_packs():
        return
    from importlib.metadata import entry_points  # noqa: PLC0415 - slow to import; only with the first rule set

    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        try:
            loaded = ep.load()
            packs = loaded() if callable(loaded) and not isinstance(loaded, RulePack) else loaded
            for pack in [packs] if isinstance(packs, RulePack) else list(packs):
                if not isinstance(pack, RulePack):
                    msg = f"entry point {ep.name!r} gave {type(pack).__name__}, not a RulePack"
                    raise TypeError(msg)
                _PACKS.setdefault(pack.edition, []).append(pack)
                _FROM_ENTRY_POINTS.append(pack)
        except Exception as e:
            msg = f"rule pack entry point {ep.name!r} ({ep.value}) failed to load: {e}"
            raise PluginError(msg) from e


def refresh_plugins() -> None:
    """Read the ``govreport.rules`` entry points again (after installing a rule pack into a running process)."""
    global _ENTRY_POINTS_LOADED  # noqa: PLW0603 - a lazily filled module cache
    for edition, packs in _PACKS.items():
        _PACKS[edition] = [p for p in packs if p not in _FROM_ENTRY_POINTS]
    _FROM_ENTRY_POINTS.clear()
    _ENTRY_POINTS_LOADED = False
    _COMPILED.clear()


def register_rules(pack: RulePack) -> None:
    """Add the rules of ``pack`` to its edition (after the edition's own rules and earlier packs).

    Raises:
        ValueError: a rule id of the pack is taken already.
        UnknownEditionError: the pack's edition is not registered.
    """
    get_edition(pack.edition)
    _PACKS.setdefault(pack.edition, []).append(pack)
    try:
        _COMPILED.pop(pack.edition, None)
        rules_for(pack.edition)
    except ValueError:
        _PACKS[pack.edition].remove(pack)
        raise


def unregister_rules(pack: RulePack) -> None:
    """Remove a pack added with :func:`register_rules` (tests and long-running hosts)."""
    if pack in _PACKS.get(pack.edition, []):
        _PACKS[pack.edition].remove(pack)
        _COMPILED.pop(pack.edition, None)


def rules_for(edition: str) -> RuleSet:
    """The compiled rule set of ``edition``: its own rules, then those of the rule packs for it.

    Raises:
        UnknownEditionError: no edition of that name is registered.
        PluginError: a rule pack entry point failed to load.
    """
    found = _COMPILED.get(edition)
    ed = get_edition(edition)
    if found is not None and found.edition_spec is ed:
        return found
    _load_entry_points()
    specs = list(ed.rules)
    packs: dict[str, str] = {}
    for pack in _PACKS.get(edition, []):
        specs.extend(pack.rules)
        packs.update({r.id: pack.name for r in pack.rules})
    found = _COMPILED[edition] = RuleSet(ed, specs, packs)
    return found


def validate(
    report: Any,
    previous: Any | None = None,
    *,
    strict: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    blank_as_zero: bool = False,
    diagnose: bool = False,
) -> ValidationResult:
    """Check every 勾稽 relation of ``report`` and say exactly which cells break which rule.

    Args:
        report: the report.
        previous: the same agency's report for the preceding year, of this edition or the one before
            (enables ``continuity.*``).
        strict: treat missing cells as errors.
        select: run only the rules with these ids or prefixes (``requests`` selects ``requests.*``).
        ignore: skip the rules with these ids or prefixes.
        blank_as_zero: an explicit, opt-in assumption for reports that leave zero cells blank: a rule reads a
            missing cell as 0 instead of being not assessable. The report keeps its ``None``; every finding
            that rests on the assumption says so in :attr:`Finding.assumptions` (``"blank_as_zero"``) and names
            the blank cells in :attr:`Finding.missing`.
        diagnose: add the ``diagnosis.*`` findings of :func:`govreport.diagnose` when an equation fails or
            cannot be assessed: the smallest corrections that explain the failures, and the values the equations
            give missing cells. The diagnosis takes blank cells for unknowns, ``blank_as_zero`` or not.

    Returns:
        A :class:`ValidationResult`: ``.valid`` is true when no finding has severity ``error``.

    Raises:
        UnknownRuleError: ``select`` or ``ignore`` names no rule.

    >>> import govreport
    >>> result = govreport.validate(govreport.loads(govreport.example_document()))
    >>> result.valid, [f.rule for f in result.findings]
    (True, ['narrative.request_count'])
    """
    ruleset = rules_for(report.edition)
    result = ruleset.check(report, previous, strict=strict, select=select, ignore=ignore, blank_as_zero=blank_as_zero)
    equations = {r.id for r in ruleset.rules if r.kind == "equation"}
    if diagnose and any(f.rule in equations for f in result.findings):
        from govreport.rules._diagnose import diagnose as explain  # noqa: PLC0415 - it builds on this module

        found = explain(report, previous, select=select, ignore=ignore)
        result = ValidationResult(findings=(*result.findings, *found.findings))
    return result
