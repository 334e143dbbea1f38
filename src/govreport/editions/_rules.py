"""The vocabulary in which an edition declares its rules, as data.

A rule declares its id, its severity, the clause of the format it enforces (quoted), the cells it reads and its
*kind*; one engine (:mod:`govreport.rules`) evaluates every kind. The kinds:

- :class:`EquationRule`: linear equations over cells, ``Σ actual = Σ expected`` with integer coefficients; a term
  may read the previous year's report (continuity);
- :class:`ClaimRule`: numbers the prose states, each of which must equal one of several sums of cells;
- :class:`StatementRule`: a prose section must state something (a fee, "未收取");
- :class:`PresenceRule`: a missing cell; :class:`RangeRule`: a value out of range (negative counts);
- :class:`CustomRule`: a check written in Python, for third-party rule packs whose rule is none of the above.

The catalogue's formula, the docs' "which rules read this cell", the strategies' totals and mutants, the
parser's placement and the diagnosis all read these declarations; nothing re-derives them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from govreport.findings import Finding, Severity

if TYPE_CHECKING:
    from govreport.editions._spec import Edition

__all__ = [
    "Claim",
    "ClaimRule",
    "CustomRule",
    "Equation",
    "EquationRule",
    "Messages",
    "PresenceRule",
    "RangeRule",
    "RulePack",
    "RuleSpec",
    "StatementRule",
    "Term",
]

Origin = Literal["stated", "derived", "parse", "format"]


@attrs.frozen
class Term:
    """One term of an equation: ``coefficient × cell``, read from this year's report or the previous one."""

    pointer: str
    coefficient: int = 1
    previous: bool = False


def _terms(value: Iterable[str | Term]) -> tuple[Term, ...]:
    return tuple(t if isinstance(t, Term) else Term(t) for t in value)


def _pairs(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), str(v)) for k, v in value.items()))
    return tuple(value)


@attrs.frozen(kw_only=True)
class Equation:
    """``Σ actual = Σ expected``: ``actual`` holds the published cell(s) being checked (a total), ``expected`` the
    terms whose sum it must equal. Plain pointers are terms with coefficient 1 read from this year's report.

    >>> eq = Equation(actual=("/t/r/total",), expected=("/t/r/a", "/t/r/b"))
    >>> eq.pointers
    ('/t/r/total', '/t/r/a', '/t/r/b')
    """

    actual: tuple[Term, ...] = attrs.field(converter=_terms)
    expected: tuple[Term, ...] = attrs.field(converter=_terms)
    detail: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term, the actual side first."""
        return (*self.actual, *self.expected)

    @property
    def pointers(self) -> tuple[str, ...]:
        """The cells of this year's report that the equation reads, the actual side first."""
        return tuple(t.pointer for t in self.terms if not t.previous)

    @property
    def previous_pointers(self) -> tuple[str, ...]:
        """The cells of the previous year's report that the equation reads."""
        return tuple(t.pointer for t in self.terms if t.previous)

    @property
    def unit_weights(self) -> bool:
        """Every term has coefficient 1 and reads this year's report (the common, fast case)."""
        return all(t.coefficient == 1 and not t.previous for t in self.terms)


@attrs.frozen
class Messages:
    """A message template in Chinese and English (:meth:`str.format` over a finding's fields; see
    :func:`govreport.findings.register_message` for the names)."""

    zh: str
    en: str


@attrs.frozen(kw_only=True)
class RuleSpec:
    """What every rule declares.

    Attributes:
        id: the stable rule id (``requests.balance``).
        severity: the severity of a failing finding.
        origin: ``stated`` (printed in the format itself), ``derived`` (follows from it), ``parse`` (a fact about
            the source) or ``format`` (the format's rule for a section).
        clause: the clause of the format the rule enforces, quoted, in Chinese.
        clause_en: the same in English.
        messages: the message of a failing finding; ``None`` takes the kind's template.
    """

    id: str
    severity: Severity = attrs.field(converter=Severity)
    origin: Origin
    clause: str
    clause_en: str
    messages: Messages | None = None

    #: The kind's name, as listed in the catalogue.
    kind = "rule"

    @property
    def needs_previous(self) -> bool:
        """The rule compares two consecutive years."""
        return False

    def reads(self, edition: Edition) -> tuple[str, ...]:
        """The JSON Pointers of everything the rule reads in this year's report, in document order."""
        return ()

    def reads_previous(self, edition: Edition) -> tuple[str, ...]:
        """The JSON Pointers of what the rule reads in the previous year's report."""
        return ()


def _equations(value: Iterable[Equation]) -> tuple[Equation, ...]:
    return tuple(value)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _claims(value: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(value)


def _specs(value: Iterable[RuleSpec]) -> tuple[RuleSpec, ...]:
    return tuple(value)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


@attrs.frozen(kw_only=True)
class EquationRule(RuleSpec):
    """A family of linear equations: one finding per equation that fails or cannot be assessed."""

    equations: tuple[Equation, ...] = attrs.field(converter=_equations)
    kind = "equation"

    @property
    def needs_previous(self) -> bool:
        return any(t.previous for eq in self.equations for t in eq.terms)

    def reads(self, edition: Edition) -> tuple[str, ...]:
        years = ("/year",) if self.needs_previous else ()  # the two reports must be of consecutive years
        return _unique((*years, *(p for eq in self.equations for p in eq.pointers)))

    def reads_previous(self, edition: Edition) -> tuple[str, ...]:
        years = ("/year",) if self.needs_previous else ()
        return _unique((*years, *(p for eq in self.equations for p in eq.previous_pointers)))


def _sums(value: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(s) for s in value)


@attrs.frozen(kw_only=True)
class Claim:
    """A number the prose states, and the sums of cells it may equal.

    Attributes:
        pattern: a regular expression in simplified characters (it is folded to match traditional ones too). A
            group ``n`` captures the number (Arabic or Chinese numerals); where instead a group ``zero`` matches
            (a negation such as 未发生…行政复议), the stated number is 0. ``{n}`` in the pattern stands for the
            number group, ``{stop}`` for a character that does not end a clause.
        equals: the sums the number may equal; each is a tuple of cell pointers added up.
        expected: which of ``equals`` a failing finding reports as expected.
        exclude: a pattern which, found in the matched excerpt, means the number is about something else.
        name_en: what the number is, in English, for the catalogue.
        examples: sentences that state the claim as a report would, ``{n}`` standing for the number (a sentence
            without ``{n}`` states 0, for a pattern with a ``zero`` group). The number is the sum
            ``equals[expected]``. :mod:`govreport.strategies` writes prose from them, and checks that the pattern
            reads each one back.
    """

    pattern: str
    equals: tuple[tuple[str, ...], ...] = attrs.field(converter=_sums)
    expected: int = 0
    exclude: str | None = None
    name_en: str = ""
    examples: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def pointers(self) -> tuple[str, ...]:
        """Every cell any of the sums reads, in order."""
        return _unique(p for alternative in self.equals for p in alternative)


@attrs.frozen(kw_only=True)
class ClaimRule(RuleSpec):
    """Numbers stated in the prose sections ``sections`` must equal the cells their :class:`Claim` names.

    Each match is compared once; a sentence the patterns cannot place says nothing.
    """

    sections: tuple[str, ...] = attrs.field(converter=_strings)
    claims: tuple[Claim, ...] = attrs.field(converter=_claims)
    kind = "claim"

    def reads(self, edition: Edition) -> tuple[str, ...]:
        return _unique((*("/" + s for s in self.sections), *(p for c in self.claims for p in c.pointers)))


@attrs.frozen(kw_only=True)
class StatementRule(RuleSpec):
    """The prose section ``section`` must state what ``pattern`` finds (e.g. the processing fee collected)."""

    section: str
    pattern: str
    #: What the section must state, in English, for the catalogue's formula.
    states: str = "what the rule's pattern finds"
    #: Sentences that state it as a report would (``{n}`` stands for a number); :mod:`govreport.strategies` writes
    #: them, and checks that the pattern finds each one.
    examples: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    kind = "statement"

    def reads(self, edition: Edition) -> tuple[str, ...]:
        return ("/" + self.section,)


@attrs.frozen(kw_only=True)
class PresenceRule(RuleSpec):
    """Every data cell must hold a value: one finding per missing cell."""

    kind = "presence"

    def reads(self, edition: Edition) -> tuple[str, ...]:
        return tuple(edition.cell_pointers())


@attrs.frozen(kw_only=True)
class RangeRule(RuleSpec):
    """Every data cell of the column kinds ``kinds`` must be at least ``minimum``."""

    minimum: int = 0
    kinds: tuple[str, ...] = ("count", "amount")
    kind = "range"

    def reads(self, edition: Edition) -> tuple[str, ...]:
        return tuple(line.cell_pointer(c) for t in edition.tables for line, c in t.cells() if c.kind in self.kinds)


@attrs.frozen(kw_only=True)
class CustomRule(RuleSpec):
    """A rule written in Python, for third-party rule packs.

    ``check(context)`` yields findings (:class:`govreport.findings.Finding`); ``cells`` and ``previous_cells``
    declare what it reads, so the catalogue and the docs can say so.
    """

    check: Callable[[Any], Iterable[Finding]] = attrs.field(eq=False, repr=False)
    cells: tuple[str, ...] = ()
    previous_cells: tuple[str, ...] = ()
    formula_text: str = ""
    kind = "custom"

    @property
    def needs_previous(self) -> bool:
        return bool(self.previous_cells)

    def reads(self, edition: Edition) -> tuple[str, ...]:
        return self.cells

    def reads_previous(self, edition: Edition) -> tuple[str, ...]:
        return self.previous_cells


@attrs.frozen(kw_only=True)
class RulePack:
    """Rules a third party adds to an edition, through the ``govreport.rules`` entry-point group.

    Attributes:
        name: the pack's name.
        edition: the edition the rules are for.
        rules: the rule declarations.
    """

    name: str
    edition: str
    rules: tuple[RuleSpec, ...] = attrs.field(converter=_specs)
