"""The vocabulary in which an edition declares its rules, as data.

A rule declares its id, its severity, the clause of the format it enforces (quoted), the cells it reads and its
*kind*; one engine (:mod:`govreport.rules`) evaluates every kind. The kinds:

- :class:`EquationRule`: linear equations over cells, ``Σ actual = Σ expected`` with integer coefficients; a term
  may read the previous year's report (continuity);
- :class:`ClaimRule`: numbers the prose states, each of which must equal one of several sums of cells (or, for a
  number with no cell, the other statements of it);
- :class:`StatementRule`: a prose section must state something (a fee, "未收取");
- :class:`SubstanceRule`: a prose section must not be empty or only a formula ("无");
- :class:`PresenceRule`: a missing cell; :class:`EmptyRule`: a whole table or group of columns missing;
  :class:`RangeRule`: a value out of range (negative counts);
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
    "EmptyRule",
    "Equation",
    "EquationRule",
    "Expectation",
    "Messages",
    "PresenceRule",
    "RangeRule",
    "RulePack",
    "RuleSpec",
    "StatementRule",
    "SubstanceRule",
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


def _claim_target(claim: Claim, attribute: attrs.Attribute[Any], value: Any) -> None:
    if bool(claim.equals) == bool(claim.quantity):
        msg = "a claim compares its number either with cells (equals) or with other statements (quantity)"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Claim:
    """A number the prose states, and what it is compared with.

    Attributes:
        pattern: a regular expression in simplified characters (it is folded to match traditional ones too). A
            group ``n`` captures a count (Arabic or Chinese numerals; ``{n}``), a group ``a`` an amount of money with
            its unit ``unit`` (元 or 万元, compared exactly in 元; ``{a}``); where instead a group ``zero`` matches (a
            negation such as 未发生…行政复议), the stated number is 0, and an optional group ``what`` marks what is
            denied (two negated kinds in one sentence are two claims). ``{x}``, ``{xc}`` and ``{s}`` stand for
            characters within a clause (see :mod:`govreport.rules._prose`).
        equals: the sums of cells the number may equal; each is a tuple of cell pointers added up.
        expected: which of ``equals`` a failing finding reports as expected.
        quantity: instead of ``equals``, for a number with no cell (the 信息处理费): every statement of this
            quantity in the prose must equal the first one.
        exclude: a pattern which, found in the matched excerpt, means the number is about something else.
        context: a pattern that must be found in the paragraph before the number (a count of 予以公开 is one only
            in a paragraph about requests).
        not_after: a pattern which, found in the sentence before the match, means the number is a part of another
            one (其中…).
        name_en: what the number is, in English, for the catalogue and the findings.
        examples: sentences that state the claim as a report would, ``{n}`` standing for the number (a sentence
            without ``{n}`` states 0, for a pattern with a ``zero`` group). The number is the sum
            ``equals[expected]``. :mod:`govreport.strategies` writes prose from them, the catalogue shows them, and
            the tests check that the claim, and no other, reads each one back.
    """

    pattern: str
    equals: tuple[tuple[str, ...], ...] = attrs.field(default=(), converter=_sums, validator=_claim_target)
    expected: int = 0
    quantity: str = ""
    exclude: str | None = None
    context: str | None = None
    not_after: str | None = None
    name_en: str = ""
    examples: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def pointers(self) -> tuple[str, ...]:
        """Every cell any of the sums reads, in order."""
        return _unique(p for alternative in self.equals for p in alternative)


@attrs.frozen(kw_only=True)
class ClaimRule(RuleSpec):
    """Numbers stated in the prose sections ``sections`` must equal what their :class:`Claim` names.

    All claim rules of an edition read the prose together, in catalogue order and each rule's claims in order: a
    number is read by the first claim whose pattern places it, and no other. So a rule says the same whether or not
    another one is selected. A sentence the patterns cannot place says nothing, and so does one that
    ``other_period`` finds (去年…) or that names a year, by ``year_pattern`` (its group ``year``), other than the
    report's; a sentence that ``continuation`` finds at its start (其中…) is checked with the sentence before it.
    """

    sections: tuple[str, ...] = attrs.field(converter=_strings)
    claims: tuple[Claim, ...] = attrs.field(converter=_claims)
    other_period: str | None = None
    year_pattern: str | None = None
    continuation: str | None = None
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
class EmptyRule(RuleSpec):
    """A whole table, or a whole group of columns of a table (Column.group, e.g. 法人或其他组织), with every cell
    missing: one finding for the part, besides the per-cell ones of :class:`PresenceRule`; a part inside an empty
    table is not reported again."""

    parts: tuple[Literal["table", "column_group"], ...] = ("table", "column_group")
    kind = "empty"

    def reads(self, edition: Edition) -> tuple[str, ...]:
        return tuple(edition.cell_pointers())


@attrs.frozen(kw_only=True)
class Expectation:
    """What a prose section is expected to report (for the finding's message), in Chinese and English."""

    section: str
    expects: str
    expects_en: str


def _expectations(value: Iterable[Expectation]) -> tuple[Expectation, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class SubstanceRule(RuleSpec):
    """The prose sections of ``sections`` must say something: a section that is empty, or that is only a formula
    (``formula`` matches the whole of it once whitespace and punctuation are dropped: 无, 暂无…), gets a finding
    saying what was expected."""

    sections: tuple[Expectation, ...] = attrs.field(converter=_expectations)
    formula: str
    kind = "substance"

    def reads(self, edition: Edition) -> tuple[str, ...]:
        return tuple("/" + e.section for e in self.sections)


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
