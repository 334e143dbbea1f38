"""The 勾稽 rules of the 2021 edition, declared once, and the engine that runs them.

Each :class:`Rule` has an id (the ids of format-2021.md §3), a severity, the clause of the format it enforces,
its formula, its message templates and a check. Arithmetic rules are declared as :class:`Equation` data
(``sum(expected side) == sum(actual side)``) and evaluated over one flat read of every cell, so validating a
report reads each cell once.

A rule that needs a missing cell reports ``not_assessable`` (severity ``info``), never pass or fail; the
``cells.missing`` warning says which cell is missing and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any, Literal

import attrs

from govreport._hanzi import to_simplified
from govreport.editions import e2021 as E  # noqa: N812 - E is the edition, read like a namespace
from govreport.editions._spec import Column, Line
from govreport.errors import EditionMismatchError
from govreport.findings import Finding, Severity, Status, register_message
from govreport.model import Report

__all__ = [
    "Context",
    "Equation",
    "Rule",
    "RuleSet",
    "ValidationResult",
    "rules_for",
    "validate",
]

Number = int | Decimal


@attrs.frozen(kw_only=True)
class Equation:
    """``sum(expected) == sum(actual)`` over cells named by JSON Pointer.

    ``actual`` holds the published cell(s) being checked (a total), ``expected`` the cells whose sum it must
    equal. A finding lists the actual pointers first.
    """

    actual: tuple[str, ...]
    expected: tuple[str, ...]
    detail: tuple[tuple[str, str], ...] = ()


@attrs.frozen(kw_only=True)
class Context:
    """What a rule's check sees: the report, the previous year's report, and every cell read once.

    ``cells`` maps each data-cell pointer of the edition to its value (``None`` = missing).
    """

    report: Report
    previous: Report | None
    cells: dict[str, Number | None]
    previous_cells: dict[str, Number | None] | None


Check = Callable[["Rule", Context], Iterable[Finding]]


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of the format.

    Attributes:
        id: the stable rule id (``requests.balance``).
        severity: the severity of a failing finding.
        origin: ``stated`` (printed in the format itself), ``derived`` (follows from it), ``parse`` (a fact
            about the source).
        clause: the clause of the format the rule enforces, in Chinese.
        clause_en: the same in English.
        formula: the rule as a formula over contract keys.
        needs_previous: the rule compares two consecutive years.
        check: ``check(rule, context)`` yields the rule's findings.
        equations: for arithmetic rules, the equations the check evaluates.
    """

    id: str
    severity: Severity
    origin: Literal["stated", "derived", "parse", "format"]
    clause: str
    clause_en: str
    formula: str
    needs_previous: bool = False
    check: Check = attrs.field(repr=False, eq=False)
    equations: tuple[Equation, ...] = attrs.field(default=(), repr=False)

    def catalogue_entry(self) -> dict[str, Any]:
        """The rule as a JSON-ready catalogue entry."""
        return {
            "id": self.id,
            "severity": self.severity.value,
            "origin": self.origin,
            "clause": self.clause,
            "clause_en": self.clause_en,
            "formula": self.formula,
            "needs_previous": self.needs_previous,
        }


# --- building blocks ----------------------------------------------------------------------------------


def _equation_findings(rule: Rule, ctx: Context) -> Iterator[Finding]:
    cells = ctx.cells
    for eq in rule.equations:
        actual_values = [cells[p] for p in eq.actual]
        expected_values = [cells[p] for p in eq.expected]
        if None in actual_values or None in expected_values:
            missing = tuple(p for p in (*eq.actual, *eq.expected) if cells[p] is None)
            yield Finding(
                rule=rule.id,
                severity=Severity.INFO,
                status=Status.NOT_ASSESSABLE,
                pointers=(*eq.actual, *eq.expected),
                missing=missing,
                detail=eq.detail,
            )
            continue
        actual: Number = sum(actual_values)  # type: ignore[arg-type]
        expected: Number = sum(expected_values)  # type: ignore[arg-type]
        if actual != expected:
            yield Finding(
                rule=rule.id,
                severity=rule.severity,
                pointers=(*eq.actual, *eq.expected),
                expected=expected,
                actual=actual,
                difference=actual - expected,
                detail=eq.detail,
            )


def _declare(
    *,
    id: str,  # noqa: A002 - the catalogue's own word
    severity: Severity,
    origin: Literal["stated", "derived", "parse", "format"],
    clause: str,
    clause_en: str,
    formula: str,
    check: Check,
    zh: str,
    en: str,
    needs_previous: bool = False,
    equations: Sequence[Equation] = (),
) -> Rule:
    register_message(id, zh=zh, en=en)
    return Rule(
        id=id,
        severity=severity,
        origin=origin,
        clause=clause,
        clause_en=clause_en,
        formula=formula,
        check=check,
        needs_previous=needs_previous,
        equations=tuple(equations),
    )


def _col(line: Line, column: Column) -> str:
    return line.cell_pointer(column)


# --- requests.* and review_litigation.total -----------------------------------------------------------

BALANCE = _declare(
    id="requests.balance",
    severity=Severity.ERROR,
    origin="stated",
    clause=E.REQUESTS_NOTE,
    clause_en="the table's own note: items one plus two equal items three plus four, in every column",
    formula="received + carried_over = outcomes.total + carried_forward (per column)",
    check=_equation_findings,
    equations=[
        Equation(
            actual=(_col(E.OUTCOMES_TOTAL, c), _col(E.CARRIED_FORWARD, c)),
            expected=(_col(E.RECEIVED, c), _col(E.CARRIED_OVER, c)),
        )
        for c in E.REQUEST_COLUMNS
    ],
    zh="{column}列不平衡：一、本年新收 + 二、上年结转 = {expected}，（七）总计 + 四、结转下年度继续办理 = {actual}，"
    "相差 {difference}",
    en="column {column} does not balance: received + carried over = {expected}, but outcomes total + carried "
    "forward = {actual} (difference {difference})",
)

OUTCOME_TOTAL = _declare(
    id="requests.outcome_total",
    severity=Severity.ERROR,
    origin="derived",
    clause="（二）部分公开（区分处理的，只计这一情形，不计其他情形）：每件申请只计入一种办理结果，（七）总计为各项之和",
    clause_en="each request counts in exactly one outcome, so （七）总计 is the sum of the 21 outcome rows",
    formula="outcomes.total = granted + partially_granted + withheld.* + unavailable.* + not_processed.* "
    "+ other_handling.* (per column)",
    check=_equation_findings,
    equations=[
        Equation(
            actual=(_col(E.OUTCOMES_TOTAL, c),),
            expected=tuple(_col(line, c) for line in E.OUTCOME_LINES),
        )
        for c in E.REQUEST_COLUMNS
    ],
    zh="{column}列：（七）总计应为各办理结果之和 {expected}，实为 {actual}，相差 {difference}",
    en="column {column}: outcomes total should be the sum of the outcome rows, {expected}, but is {actual} "
    "(difference {difference})",
)

ROW_TOTAL = _declare(
    id="requests.row_total",
    severity=Severity.ERROR,
    origin="derived",
    clause="总计列为自然人与法人或其他组织各列之和",
    clause_en="the 总计 column is the sum of the six applicant columns",
    formula="total = natural_persons + commercial_enterprises + research_institutions "
    "+ social_welfare_organizations + legal_service_institutions + other_organizations (per row)",
    check=_equation_findings,
    equations=[
        Equation(
            actual=(_col(line, E.REQUEST_TOTAL),),
            expected=tuple(_col(line, c) for c in E.REQUEST_PARTS),
        )
        for line in E.REQUEST_LINES
    ],
    zh="{row}：总计应为各申请人之和 {expected}，实为 {actual}，相差 {difference}",
    en="{row}: the total should be the sum of the applicant columns, {expected}, but is {actual} "
    "(difference {difference})",
)

REVIEW_TOTAL = _declare(
    id="review_litigation.total",
    severity=Severity.ERROR,
    origin="derived",
    clause="行政复议、未经复议直接起诉、复议后起诉各组：总计为结果维持、结果纠正、其他结果、尚未审结之和",
    clause_en="in each of the three groups, 总计 is 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    formula="total = upheld + corrected + other + pending (per group)",
    check=_equation_findings,
    equations=[
        Equation(
            actual=(_col(line, E.REVIEW_TOTAL),),
            expected=tuple(_col(line, c) for c in E.REVIEW_PARTS),
        )
        for line in E.REVIEW_LINES
    ],
    zh="{row}：总计应为 {expected}（结果维持 + 结果纠正 + 其他结果 + 尚未审结），实为 {actual}，相差 {difference}",
    en="{row}: the total should be {expected} (upheld + corrected + other + pending), but is {actual} "
    "(difference {difference})",
)


# --- values.non_negative and cells.missing ------------------------------------------------------------


def _non_negative(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for ptr, value in ctx.cells.items():
        if value is not None and value < 0:
            yield Finding(
                rule=rule.id, severity=rule.severity, pointers=(ptr,), expected=0, actual=value, difference=value
            )


NON_NEGATIVE = _declare(
    id="values.non_negative",
    severity=Severity.ERROR,
    origin="derived",
    clause="件数为非负整数；收费金额为非负数",
    clause_en="every count is a whole number ≥ 0; the fee is a decimal ≥ 0",
    formula="cell ≥ 0 (every cell)",
    check=_non_negative,
    zh="{subject}（{pointer}）：不能为负数，实为 {actual}",
    en="{pointer} ({subject}): must not be negative, but is {actual}",
)


def _missing(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for ptr, value in ctx.cells.items():
        if value is None:
            yield Finding(rule=rule.id, severity=rule.severity, pointers=(ptr,), missing=(ptr,))


MISSING = _declare(
    id="cells.missing",
    severity=Severity.WARNING,
    origin="parse",
    clause="单元格空白、为“/”“-”“—”或不是数字",
    clause_en="a cell is blank, '/', '-', '—' or otherwise not a number in the source",
    formula="cell is not null (every cell)",
    check=_missing,
    zh="{subject}（{pointer}）：单元格缺失（空白、“/”或“—”），需要它的规则无法判断",
    en="{pointer} ({subject}): the cell is missing (blank, '/' or '—'); rules that need it are not assessable",
)


# --- narrative.* and other_matters.processing_fee -----------------------------------------------------

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUM = r"(\d+|[零〇一二两三四五六七八九十百千]+)"


def _number(text: str) -> int | None:
    """An Arabic or simple Chinese numeral (up to 9999) as an int; None if it is not one."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
        else:  # pragma: no cover - the regex admits only these characters
            return None
    return total + current


_FOLD_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _prose(text: str) -> str:
    """Fold ``text`` for keyword matching, one character for one, so offsets point into the original."""
    return to_simplified(text).translate(_FOLD_DIGITS)


_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_REQUEST_VERBS = "收到|受理|办理|接收|接到|答复|处理|新收|办结"
_HANDLED_VERBS = frozenset({"办理", "答复", "处理", "办结"})
_REQUEST_COUNT = re.compile(
    rf"(?P<verb>{_REQUEST_VERBS})[^。；;\d]{{0,25}}?申请[^。；;\d]{{0,12}}?(?P<n>{_NUM})\s*(?:件|宗|份)"
    rf"|申请[^。；;\d]{{0,12}}?(?P<verb2>{_REQUEST_VERBS})[^。；;\d]{{0,12}}?(?P<n2>{_NUM})\s*(?:件|宗|份)"
)


def _request_count(rule: Rule, ctx: Context) -> Iterator[Finding]:
    original = ctx.report.overview
    text = _prose(original)
    if "申请" not in text:
        return
    received = E.RECEIVED.cell_pointer("total")
    carried = E.CARRIED_OVER.cell_pointer("total")
    handled = E.OUTCOMES_TOTAL.cell_pointer("total")
    for sentence in _SENTENCE.finditer(text):
        for m in _REQUEST_COUNT.finditer(text, sentence.start(), sentence.end()):
            if any(w in m.group() for w in ("复议", "诉讼")):
                continue  # a count of reviews or lawsuits, not of requests
            verb = m.group("verb") or m.group("verb2")
            n = _number(m.group("n") or m.group("n2"))
            if n is None:  # pragma: no cover - the regex admits only numerals
                continue
            pointers = ("/overview", received, carried, handled)
            values = [ctx.cells[p] for p in (received, carried, handled)]
            if None in values:
                yield Finding(
                    rule=rule.id,
                    severity=Severity.INFO,
                    status=Status.NOT_ASSESSABLE,
                    pointers=pointers,
                    missing=tuple(p for p in pointers[1:] if ctx.cells[p] is None),
                    actual=n,
                    excerpt=original[m.start() : m.end()],
                )
                continue
            r, c, h = values
            assert r is not None  # noqa: S101 - narrowing for mypy
            assert c is not None  # noqa: S101
            assert h is not None  # noqa: S101
            if n in (r, r + c, h):
                continue
            expected = h if verb in _HANDLED_VERBS else r
            yield Finding(
                rule=rule.id,
                severity=rule.severity,
                pointers=pointers,
                expected=expected,
                actual=n,
                difference=n - expected,
                excerpt=original[m.start() : m.end()],
            )


REQUEST_COUNT = _declare(
    id="narrative.request_count",
    severity=Severity.WARNING,
    origin="derived",
    clause="一、总体情况中所述申请件数应与表三一致（一、一 + 二，或（七）总计）",
    clause_en="a request count quoted in section 一 matches 一, 一 + 二 or （七）总计 of table 三",
    formula="count quoted in overview ∈ {received.total, received.total + carried_over.total, outcomes.total.total}",
    check=_request_count,
    zh="一、总体情况称“{excerpt}”（{actual} 件），与表三不符：应为 {expected}，相差 {difference}",
    en="the overview says “{excerpt}” ({actual}), which does not match table 三: expected {expected} "
    "(difference {difference})",
)

_REVIEW_COUNT = re.compile(rf"行政复议[^。；;，,\d]{{0,10}}?(?P<n>{_NUM})\s*(?:件|起|宗|次|个)")
_LITIGATION_COUNT = re.compile(rf"(?:行政诉讼|起诉)[^。；;，,\d]{{0,10}}?(?P<n>{_NUM})\s*(?:件|起|宗|次|个)")
_NONE_OF = re.compile(r"(?:未|没有|无|未发生|未有|零)[^。；;\d]{0,20}?(?P<what>行政复议|行政诉讼)")


def _review_litigation(rule: Rule, ctx: Context) -> Iterator[Finding]:
    original = ctx.report.overview
    text = _prose(original)
    if "复议" not in text and "诉讼" not in text:
        return
    review = (E.ADMINISTRATIVE_REVIEW.cell_pointer("total"),)
    litigation = (E.LITIGATION_DIRECT.cell_pointer("total"), E.LITIGATION_AFTER_REVIEW.cell_pointer("total"))
    claims: list[tuple[tuple[str, ...], int, str]] = []
    pointers: tuple[str, ...]
    for sentence in _SENTENCE.finditer(text):
        a, b = sentence.span()
        for pattern, pointers in ((_REVIEW_COUNT, review), (_LITIGATION_COUNT, litigation)):
            for m in pattern.finditer(text, a, b):
                n = _number(m["n"])
                if n is not None:
                    claims.append((pointers, n, original[m.start() : m.end()]))
        for m in _NONE_OF.finditer(text, a, b):
            excerpt = original[m.start() : m.end()]
            if m["what"] == "行政复议":
                claims.append((review, 0, excerpt))
            # "未有…行政复议和行政诉讼": a negation covers every kind named right after it.
            if "行政诉讼" in text[m.start() : min(b, m.end() + 6)]:
                claims.append((litigation, 0, original[m.start() : min(b, m.end() + 6)]))
    seen: set[tuple[tuple[str, ...], int]] = set()
    for pointers, n, excerpt in claims:
        if (pointers, n) in seen:
            continue
        seen.add((pointers, n))
        values = [ctx.cells[p] for p in pointers]
        if None in values:
            yield Finding(
                rule=rule.id,
                severity=Severity.INFO,
                status=Status.NOT_ASSESSABLE,
                pointers=("/overview", *pointers),
                missing=tuple(p for p in pointers if ctx.cells[p] is None),
                actual=n,
                excerpt=excerpt,
            )
            continue
        expected: int = sum(values)  # type: ignore[arg-type]
        if n != expected:
            yield Finding(
                rule=rule.id,
                severity=rule.severity,
                pointers=("/overview", *pointers),
                expected=expected,
                actual=n,
                difference=n - expected,
                excerpt=excerpt,
            )


REVIEW_LITIGATION = _declare(
    id="narrative.review_litigation",
    severity=Severity.WARNING,
    origin="derived",
    clause="一、总体情况中所述行政复议、行政诉讼件数应与表四总计一致",
    clause_en="review and litigation counts quoted in the prose match the totals of table 四",
    formula="review count quoted = administrative_review.total; litigation count quoted = "
    "litigation_direct.total + litigation_after_review.total",
    check=_review_litigation,
    zh="一、总体情况称“{excerpt}”（{actual} 件），与表四不符：应为 {expected}",
    en="the overview says “{excerpt}” ({actual}), which does not match table 四: expected {expected}",
)

_FEE_STATED = re.compile(
    r"处理费[^。；;]{0,40}?(?:\d+(?:\.\d+)?\s*(?:万?元)|未收取|未收|不收取|没有收取|免收|免予收取|零|为0|0元)"
    r"|(?:未收取|未收|不收取|没有收取|免收|免予收取|收取)[^。；;]{0,30}?处理费"
)


def _processing_fee(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if _FEE_STATED.search(_prose(ctx.report.other_matters)) is None:
        yield Finding(rule=rule.id, severity=rule.severity, pointers=("/other_matters",))


PROCESSING_FEE = _declare(
    id="other_matters.processing_fee",
    severity=Severity.WARNING,
    origin="format",
    clause="六、其他需要报告的事项：报告《政府信息公开信息处理费管理办法》规定的信息处理费收取情况",
    clause_en="section 六 reports the information processing fees collected (国办函〔2020〕109号), an amount or 未收取",
    formula="other_matters states the 信息处理费 collected (an amount in 元, or 未收取)",
    check=_processing_fee,
    zh="六、其他需要报告的事项未说明信息处理费的收取情况（金额或“未收取”）",
    en="section 六 does not say what information processing fee was collected (an amount or 未收取)",
)


# --- continuity.* (two consecutive years) -------------------------------------------------------------


def _previous_ok(rule: Rule, ctx: Context) -> Finding | None:
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
    )


def _carried_over(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if (skip := _previous_ok(rule, ctx)) is not None:
        yield skip
        return
    prev = ctx.previous_cells
    assert prev is not None  # noqa: S101 - narrowing
    for c in E.REQUEST_COLUMNS:
        now_ptr, before_ptr = E.CARRIED_OVER.cell_pointer(c), E.CARRIED_FORWARD.cell_pointer(c)
        now, before = ctx.cells[now_ptr], prev[before_ptr]
        if now is None or before is None:
            yield Finding(
                rule=rule.id,
                severity=Severity.INFO,
                status=Status.NOT_ASSESSABLE,
                pointers=(now_ptr,),
                previous_pointers=(before_ptr,),
                missing=(now_ptr,) if now is None else (),
            )
        elif now != before:
            yield Finding(
                rule=rule.id,
                severity=rule.severity,
                pointers=(now_ptr,),
                previous_pointers=(before_ptr,),
                expected=before,
                actual=now,
                difference=now - before,
            )


CARRIED_OVER = _declare(
    id="continuity.carried_over",
    severity=Severity.WARNING,
    origin="derived",
    clause="本年“二、上年结转”等于上年“四、结转下年度继续办理”",
    clause_en="this year's 二、上年结转 equals last year's 四、结转下年度继续办理, per column",
    formula="requests.carried_over(Y) = requests.carried_forward(Y−1) (per column)",
    check=_carried_over,
    needs_previous=True,
    zh="{column}列：二、上年结转为 {actual}，上年报告的四、结转下年度继续办理为 {expected}，相差 {difference}",
    en="column {column}: carried over is {actual}, but last year's report carried forward {expected} "
    "(difference {difference})",
)


def _in_force(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if (skip := _previous_ok(rule, ctx)) is not None:
        yield skip
        return
    prev = ctx.previous_cells
    assert prev is not None  # noqa: S101 - narrowing
    for line in E.PD_BLOCKS[0].lines:
        in_force, issued, repealed = (line.cell_pointer(k) for k in ("in_force", "issued", "repealed"))
        values = (ctx.cells[in_force], prev[in_force], ctx.cells[issued], ctx.cells[repealed])
        if None in values:
            missing = tuple(
                p for p, v in zip((in_force, issued, repealed), (values[0], *values[2:]), strict=True) if v is None
            )
            yield Finding(
                rule=rule.id,
                severity=Severity.INFO,
                status=Status.NOT_ASSESSABLE,
                pointers=(in_force, issued, repealed),
                previous_pointers=(in_force,),
                missing=missing,
            )
            continue
        now, before, plus, minus = values
        expected = before + plus - minus  # type: ignore[operator]
        if now != expected:
            yield Finding(
                rule=rule.id,
                severity=rule.severity,
                pointers=(in_force, issued, repealed),
                previous_pointers=(in_force,),
                expected=expected,
                actual=now,
                difference=now - expected,  # type: ignore[operator]
            )


IN_FORCE = _declare(
    id="continuity.in_force",
    severity=Severity.WARNING,
    origin="derived",
    clause="第二十条第（一）项：本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（修订会打破此关系）",
    clause_en="per row of 第二十条第（一）项: in force(Y) = in force(Y−1) + issued(Y) − repealed(Y); "
    "revisions break it",
    formula="in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y) (rules, normative_documents)",
    check=_in_force,
    needs_previous=True,
    zh="{row}：现行有效件数应为上年 + 本年制发 − 本年废止 = {expected}，实为 {actual}，相差 {difference}",
    en="{row}: in force should be last year's + issued − repealed = {expected}, but is {actual} "
    "(difference {difference})",
)


# --- the rule set and the engine ----------------------------------------------------------------------


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


class RuleSet:
    """The rules of one edition, in catalogue order, with the engine that runs them.

    The cell read is compiled once per rule set: one :func:`operator.attrgetter` call reads every cell.
    """

    def __init__(self, edition: str, rules: Sequence[Rule], pointers: Sequence[str]) -> None:
        ids = [r.id for r in rules]
        if len(set(ids)) != len(ids):
            msg = "duplicate rule ids"
            raise ValueError(msg)
        self.edition = edition
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._pointers = tuple(pointers)
        self._read = attrgetter(*(p[1:].replace("/", ".") for p in self._pointers))

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def ids(self) -> tuple[str, ...]:
        """The rule ids, in catalogue order."""
        return tuple(r.id for r in self.rules)

    def get(self, rule_id: str) -> Rule:
        """The rule with id ``rule_id``.

        Raises:
            KeyError: no such rule.
        """
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def read_cells(self, report: Report) -> dict[str, Number | None]:
        """Every data cell of ``report`` by JSON Pointer, read in one pass."""
        return dict(zip(self._pointers, self._read(report), strict=True))

    def check(
        self,
        report: Report,
        previous: Report | None = None,
        *,
        strict: bool = False,
        select: Iterable[str] | None = None,
    ) -> ValidationResult:
        """Run the rules over ``report`` (and ``previous``, the preceding year's report, for cross-year rules).

        Args:
            report: the report to check.
            previous: the same agency's report for the preceding year; enables the ``continuity.*`` rules.
            strict: treat missing cells as errors (``cells.missing`` findings get severity ``error``).
            select: run only the rules with these ids.
        """
        chosen = set(select) if select is not None else None
        if chosen is not None and (unknown := chosen - set(self.ids)):
            msg = f"unknown rule ids: {', '.join(sorted(unknown))}"
            raise KeyError(msg)
        ctx = Context(
            report=report,
            previous=previous,
            cells=self.read_cells(report),
            previous_cells=self.read_cells(previous) if previous is not None else None,
        )
        findings: list[Finding] = []
        for rule in self.rules:
            if (chosen is not None and rule.id not in chosen) or (rule.needs_previous and previous is None):
                continue
            findings.extend(rule.check(rule, ctx))
        if strict:
            findings = [attrs.evolve(f, severity=Severity.ERROR) if f.rule == MISSING.id else f for f in findings]
        return ValidationResult(findings=tuple(findings))


RULES_2021 = RuleSet(
    E.NAME,
    [
        BALANCE,
        OUTCOME_TOTAL,
        ROW_TOTAL,
        REVIEW_TOTAL,
        NON_NEGATIVE,
        MISSING,
        CARRIED_OVER,
        IN_FORCE,
        REQUEST_COUNT,
        REVIEW_LITIGATION,
        PROCESSING_FEE,
    ],
    list(E.EDITION.cell_pointers()),
)

_RULE_SETS: dict[str, RuleSet] = {E.NAME: RULES_2021}


def rules_for(edition: str) -> RuleSet:
    """The rule set of ``edition``.

    Raises:
        UnknownEditionError: no rule set is registered for that edition.
    """
    try:
        return _RULE_SETS[edition]
    except KeyError:
        from govreport.errors import UnknownEditionError  # noqa: PLC0415 - only on the error path

        raise UnknownEditionError(edition, tuple(_RULE_SETS)) from None


def validate(
    report: Report,
    previous: Report | None = None,
    *,
    strict: bool = False,
    select: Iterable[str] | None = None,
) -> ValidationResult:
    """Check every 勾稽 relation of ``report`` and say exactly which cells break which rule.

    Args:
        report: the report.
        previous: the same agency's report for the preceding year (enables ``continuity.*``).
        strict: treat missing cells as errors.
        select: run only these rule ids.

    Returns:
        A :class:`ValidationResult`: ``.valid`` is true when no finding has severity ``error``.

    >>> import govreport
    >>> result = govreport.validate(govreport.loads(govreport.example_document()))
    >>> result.valid, [f.rule for f in result.findings]
    (True, ['narrative.request_count'])
    """
    if previous is not None and previous.edition != report.edition:
        msg = f"previous report is of edition {previous.edition!r}, this one of {report.edition!r}"
        raise EditionMismatchError(msg)
    return rules_for(report.edition).check(report, previous, strict=strict, select=select)
