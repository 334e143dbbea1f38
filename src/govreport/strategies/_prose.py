"""Prose by construction: sentences that state the tables' numbers, written from the edition's claim and
statement declarations, around neutral paragraphs.

A :class:`~govreport.editions._rules.Claim` carries example sentences (``全年共收到政府信息公开申请{n}件。``);
a :class:`~govreport.editions._rules.StatementRule` too. Before they are used, each example is read back by the
rule engine itself: it must be read as exactly its claim, with exactly the number written, and no other rule
may read anything in it. Filler paragraphs that some rule would read are left out. So the prose says what the
strategies mean it to say, and the mutants' predictions can rely on it.
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from govreport.editions import Edition
from govreport.editions._rules import ClaimRule, StatementRule
from govreport.rules import Context, RuleSet
from govreport.strategies._common import Cells, StrategyArgumentError, ints, pick

__all__ = ["ProsePlan", "Quote", "Stated", "Subject", "fragments", "hanzi", "prose_plan", "write_prose"]

_HANZI_DIGITS = "零一二三四五六七八九"


def hanzi(n: int) -> str:
    """A number from 1 to 99 in Chinese numerals, as some reports print small counts (三件, 十二件)."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _HANZI_DIGITS[ones]
    return ("" if tens == 1 else _HANZI_DIGITS[tens]) + "十" + (_HANZI_DIGITS[ones] if ones else "")


# --- the declarations, read back ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True, eq=False)
class Subject:
    """What one claim rule may state in one section: its claims that read the same cells, and their examples.

    Attributes:
        rule: the claim rule's id.
        section: the prose member the sentence goes in.
        pointers: the cells the claims read (the pointers of a finding, after the section's).
        equals: the sums the stated number may equal.
        numbers: ``(template, sum index, Chinese numerals read back too)`` of the examples that state a number.
        zeros: the examples that state 0 without a number (negations).
        name: what the number is, in English.
    """

    rule: str
    section: str
    pointers: tuple[str, ...]
    equals: tuple[tuple[str, ...], ...]
    numbers: tuple[tuple[str, int, bool], ...]
    zeros: tuple[tuple[str, int], ...]
    name: str


@attrs.frozen(kw_only=True, eq=False)
class Statement:
    """A statement rule and its example sentences."""

    rule: str
    section: str
    states: str
    examples: tuple[str, ...]


@attrs.frozen(kw_only=True, eq=False)
class ProsePlan:
    """The edition's prose, verified once: what may be stated where, and the filler that states nothing."""

    subjects: tuple[Subject, ...]
    statements: tuple[Statement, ...]
    filler: Mapping[str, tuple[str, ...]]


class _Reader:
    """Runs the edition's claim and statement rules over one sentence, as the engine does for a section."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.blank = (None,) * len(ruleset.pointers)

    def _run(self, rule_id: str, section: str, text: str) -> list[Any]:
        rule = self.ruleset.get(rule_id)
        report = types.SimpleNamespace(**{section: text})
        ctx = Context(report=report, previous=None, values=self.blank, index=self.ruleset.index)
        return list(rule.check(rule, ctx))

    def comparisons(self, rule: ClaimRule, text: str) -> list[tuple[tuple[str, ...], Any]]:
        """What ``rule`` compares in ``text``: ``(cells read, number stated)`` for each number it reads.

        With every cell missing, each number read gives a not-assessable finding naming it.
        """
        return [(f.pointers[1:], f.actual) for f in self._run(rule.id, rule.sections[0], text)]

    def states(self, rule: StatementRule, text: str) -> bool:
        """Whether ``text`` states what ``rule`` looks for."""
        return not self._run(rule.id, rule.section, text)

    def silent(self, text: str, *, but: str | None = None, section: str | None = None) -> bool:
        """No claim rule (but ``but``) reads a number in ``text``, and it states nothing a statement rule of
        ``section`` (of any section, for ``None``) looks for, but ``but``."""
        for spec in self.ruleset.edition_spec.rules:
            if spec.id == but:
                continue
            if isinstance(spec, ClaimRule) and self.comparisons(spec, text):
                return False
            if isinstance(spec, StatementRule) and section in (None, spec.section) and self.states(spec, text):
                return False
        return True


#: The numbers every example is read back with (and 7, 12, 35 in Chinese numerals).
_SAMPLES = (0, 7, 12, 345, 6789, 20230)
_HANZI_SAMPLES = (7, 12, 35)


def _subjects(reader: _Reader, rule: ClaimRule) -> Iterator[Subject]:
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, claim in enumerate(rule.claims):
        groups.setdefault(claim.pointers, []).append(i)
    for pointers, indices in groups.items():
        claims = [rule.claims[i] for i in indices]
        if len({frozenset(c.equals) for c in claims}) > 1:
            msg = f"rule {rule.id}: claims that read the same cells must allow the same sums"
            raise StrategyArgumentError(msg)
        numbers: list[tuple[str, int, bool]] = []
        zeros: list[tuple[str, int]] = []
        for claim in claims:
            for example in claim.examples:
                if "{n}" not in example:
                    ok = _reads_back(reader, rule, pointers, example, 0)
                    zeros.append((example, claim.expected))
                else:
                    ok = all(_reads_back(reader, rule, pointers, example.replace("{n}", str(n)), n) for n in _SAMPLES)
                    chinese = all(
                        _reads_back(reader, rule, pointers, example.replace("{n}", hanzi(n)), n) for n in _HANZI_SAMPLES
                    )
                    numbers.append((example, claim.expected, chinese))
                if not ok:
                    msg = f"rule {rule.id}: the example {example!r} is not read back as its claim alone"
                    raise StrategyArgumentError(msg)
        if numbers or zeros:
            yield Subject(
                rule=rule.id,
                section=rule.sections[0],
                pointers=pointers,
                equals=claims[0].equals,
                numbers=tuple(numbers),
                zeros=tuple(zeros),
                name=claims[0].name_en or rule.id,
            )


def _reads_back(reader: _Reader, rule: ClaimRule, pointers: tuple[str, ...], text: str, n: int) -> bool:
    return reader.comparisons(rule, text) == [(pointers, n)] and reader.silent(
        text, but=rule.id, section=rule.sections[0]
    )


def _statements(reader: _Reader, rule: StatementRule) -> Statement | None:
    for example in rule.examples:
        for n in _SAMPLES:
            text = example.replace("{n}", str(n))
            if not reader.states(rule, text) or not reader.silent(text, but=rule.id, section=rule.section):
                msg = f"rule {rule.id}: the example {example!r} is not found by its pattern alone"
                raise StrategyArgumentError(msg)
    if not rule.examples:
        return None
    return Statement(rule=rule.id, section=rule.section, states=rule.states, examples=rule.examples)


# --- neutral paragraphs ------------------------------------------------------------------------------------

#: Paragraphs by role. ``{year}``, ``{agency}`` and ``{k}`` (a number) are filled in; a paragraph that any rule
#: of the edition would read is left out for that edition.
_FILLER: dict[str, tuple[str, ...]] = {
    "intro": (
        (
            "{year}年，{agency}深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
            "扎实推进政务公开工作。"
        ),
        (
            "{year}年，{agency}围绕中心工作，持续深化决策、执行、管理、服务、结果公开，保障人民群众的知情权、"
            "参与权和监督权。"
        ),
    ),
    "disclosure": (
        "（一）主动公开。全年通过政府网站主动公开政府信息{k}条，重点领域信息公开持续深化。",
        "（一）主动公开。全年主动公开政府信息{k}条，及时发布政策文件和解读材料。",
    ),
    "requests": ("（二）依申请公开。",),
    "requests_filler": ("严格按照法定程序和时限答复，规范答复文书。", "强化法律顾问合法性审查，提升办理质量。"),
    "work": (
        "（三）政府信息管理。严格落实公开前保密审查机制，动态调整政府信息公开目录。",
        "（三）政府信息管理。规范公文公开属性源头认定，做好信息发布前的审核把关。",
        "（四）政府信息公开平台建设。持续优化政府网站政府信息公开专栏，及时更新栏目内容。",
        "（四）政府信息公开平台建设。推进政务新媒体规范化建设，拓宽信息发布渠道。",
        "（五）监督保障。调整政务公开工作领导小组，将政务公开工作纳入绩效考核。",
        "（五）监督保障。加强业务培训，开展政务公开工作自查。",
    ),
    "problems": (
        (
            "（一）存在的主要问题。政策解读形式较为单一，基层政务公开标准化规范化水平有待提升。"
            "\n（二）改进措施。丰富政策解读形式，加强业务培训，推进基层政务公开标准化规范化建设。"
        ),
        "（一）存在的主要问题。信息发布的及时性有待加强。\n（二）改进措施。建立信息发布提醒机制，压实发布责任。",
    ),
    "other": (
        "（一）落实上级年度政务公开工作要点情况。按照年度政务公开工作要点逐项抓好落实。",
        "（二）人大代表建议和政协提案办理结果公开情况。按要求公开建议提案办理复文。",
        "（三）政务公开工作创新情况。开展政府开放日活动，邀请群众代表参与。",
    ),
    "preamble": ("本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",),
}


def _fill(template: str, *, year: int, agency: str, k: int) -> str:
    return template.replace("{year}", str(year)).replace("{agency}", agency).replace("{k}", str(k))


def _filler(reader: _Reader) -> dict[str, tuple[str, ...]]:
    samples = [(year, k) for year in (2008, 2035) for k in _SAMPLES]
    return {
        role: tuple(
            t for t in bank if all(reader.silent(_fill(t, year=y, agency="某某县统计局", k=k)) for y, k in samples)
        )
        for role, bank in _FILLER.items()
    }


def prose_plan(ruleset: RuleSet) -> ProsePlan:
    """Read the edition's claim and statement rules, and check their examples and the filler against them.

    Raises:
        StrategyArgumentError: an example is not read back as its own claim (or found by its statement) alone.
    """
    reader = _Reader(ruleset)
    specs = [r.spec for r in ruleset]
    subjects = tuple(s for spec in specs if isinstance(spec, ClaimRule) for s in _subjects(reader, spec))
    statements = tuple(
        s for spec in specs if isinstance(spec, StatementRule) and (s := _statements(reader, spec)) is not None
    )
    return ProsePlan(subjects=subjects, statements=statements, filler=_filler(reader))


def fragments(ruleset: RuleSet) -> tuple[str, ...]:
    """The words of the edition's prose patterns and examples, so that arbitrary prose reaches their corners."""
    words: dict[str, None] = {}
    for rule in ruleset:
        spec = rule.spec
        texts: list[str] = []
        if isinstance(spec, ClaimRule):
            for claim in spec.claims:
                texts.extend((claim.pattern, claim.exclude or "", *claim.examples))
        elif isinstance(spec, StatementRule):
            texts.extend((spec.pattern, *spec.examples))
        for text in texts:
            words.update(dict.fromkeys(re.findall(r"[\u3400-\u9fff]+", text)))
    return tuple(words)


# --- writing ---------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Quote:
    """A number the prose states: the claim rule that compares it, the sums it may equal, and where its numeral
    is (``None`` for a negation, which states 0 without one)."""

    rule: str
    section: str
    pointers: tuple[str, ...]
    equals: tuple[tuple[str, ...], ...]
    value: int
    span: tuple[int, int] | None
    name: str


@attrs.frozen(kw_only=True)
class Stated:
    """A sentence that states what a statement rule looks for, and where it is."""

    rule: str
    section: str
    span: tuple[int, int]
    states: str


class _Text:
    """Prose being written, remembering where numerals and sentences land."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, text: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += text
        return start, len(self.text)

    def paragraph(self) -> None:
        if self.text and not self.text.endswith("\n"):
            self.text += "\n"


def _sum(values: Cells, cells: Sequence[str]) -> int:
    return int(sum(v for p in cells if (v := values[p]) is not None))


@st.composite
def _claims(draw: st.DrawFn, subjects: Sequence[Subject], values: Cells, out: _Text, *, force: bool) -> list[Quote]:
    """One sentence per subject (or none), stating its number correctly; the first that can is forced."""
    quotes: list[Quote] = []
    for subject in subjects:
        forms = []
        if subject.numbers:
            forms.append("number")
        if any(_sum(values, subject.equals[i]) == 0 for _, i in subject.zeros):
            forms.append("zero")
        if force and "number" in forms:
            form, force = "number", False
        else:
            form = draw(pick((*forms, "silent")))
        if form == "number":
            template, index, chinese = draw(pick(subject.numbers))
            n = _sum(values, subject.equals[index])
            numeral = hanzi(n) if chinese and 0 < n < 100 and draw(st.booleans()) else str(n)
            before, _, after = template.partition("{n}")
            out.add(before)
            span: tuple[int, int] | None = out.add(numeral)
            out.add(after)
        elif form == "zero":
            out.add(draw(pick(tuple(z for z, i in subject.zeros if _sum(values, subject.equals[i]) == 0))))
            n, span = 0, None
        else:
            continue
        quote = Quote(
            rule=subject.rule,
            section=subject.section,
            pointers=subject.pointers,
            equals=subject.equals,
            value=n,
            span=span,
            name=subject.name,
        )
        quotes.append(quote)
    return quotes


@functools.lru_cache(maxsize=64)
def _some(items: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    """Up to three of ``items``, built once."""
    return st.lists(st.sampled_from(items), max_size=3, unique=True)


class _Writer:
    """Writes the prose members of one report: filler from the verified banks, claims, statements."""

    def __init__(self, draw: st.DrawFn, plan: ProsePlan, *, agency: str, year: int) -> None:
        self.draw = draw
        self.plan = plan
        self.agency = agency
        self.year = year

    def bank(self, role: str) -> str | None:
        """A paragraph of ``role``, or ``None`` when every one of them would be read by some rule."""
        bank = self.plan.filler[role]
        if not bank:
            return None
        return _fill(self.draw(pick(bank)), year=self.year, agency=self.agency, k=self.draw(ints(0, 20000)))

    def paragraphs(self, out: _Text, *roles: str) -> None:
        for role in roles:
            text = self.bank(role)
            if text is not None:
                out.paragraph()
                out.add(text)

    def lead(self, out: _Text, position: int, *, last: bool) -> None:
        """What comes before the claims: the overview's opening (first section), the items of the last section,
        or the problems and improvements (the sections between)."""
        if position == 0:
            self.paragraphs(out, "intro", "disclosure", "requests")
        elif last:
            items = self.plan.filler["other"]
            for item in sorted(self.draw(_some(items))) if items else ():
                out.paragraph()
                out.add(item)
        else:
            self.paragraphs(out, "problems")
        if position != 0:
            out.paragraph()

    def tail(self, out: _Text, position: int) -> None:
        """What comes after the claims in the first section: the rest of the overview."""
        if position == 0:
            text = self.bank("requests_filler")
            if text is not None:
                out.add(text)
            self.paragraphs(out, *["work"] * self.draw(ints(0, 3)))

    def statements(self, out: _Text, section: str) -> list[Stated]:
        stated = []
        for statement in (s for s in self.plan.statements if s.section == section):
            out.paragraph()
            sentence = self.draw(pick(statement.examples)).replace("{n}", str(self.draw(pick((0, 20, 150, 1260)))))
            span = out.add(sentence)
            stated.append(Stated(rule=statement.rule, section=section, span=span, states=statement.states))
        return stated


@st.composite
def write_prose(
    draw: st.DrawFn,
    edition: Edition,
    plan: ProsePlan,
    *,
    agency: str,
    year: int,
    values: Cells,
    quote: bool,
    statements: bool,
) -> tuple[dict[str, str | None], tuple[Quote, ...], tuple[Stated, ...]]:
    """Every prose member of ``edition``: customary paragraphs, the claims' sentences (stating ``values``
    correctly; at least one number when ``quote``) and, when ``statements``, the statement rules' sentences.

    Returns:
        The prose members by key, the numbers stated, and the statement sentences written.
    """
    writer = _Writer(draw, plan, agency=agency, year=year)
    sections = [f for f in edition.prose_fields if f.required]
    texts: dict[str, str | None] = {}
    quotes: list[Quote] = []
    stated: list[Stated] = []
    for field in edition.prose_fields:
        if not field.required:
            texts[field.key] = writer.bank("preamble") if draw(st.booleans()) else None
            continue
        out = _Text()
        position = sections.index(field)
        writer.lead(out, position, last=position == len(sections) - 1)
        subjects = [s for s in plan.subjects if s.section == field.key]
        quotes.extend(draw(_claims(subjects, values, out, force=quote and not quotes)))
        writer.tail(out, position)
        if statements:
            stated.extend(writer.statements(out, field.key))
        texts[field.key] = out.text.rstrip("\n")
    return texts, tuple(quotes), tuple(stated)
