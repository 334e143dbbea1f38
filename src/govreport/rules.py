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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import cache
from itertools import chain
from operator import attrgetter, call, itemgetter
from typing import Any, Literal

import attrs

from govreport._hanzi import TO_SIMPLIFIED, to_simplified
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
    "check_equations",
    "register_rules",
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


Reader = Callable[[tuple[Any, ...]], tuple[Any, ...]]


def _single(key: str) -> Reader:
    def read(row: Any) -> tuple[Any, ...]:
        return (getattr(row, key),)

    return read


def _single_path(path: str) -> Callable[[Any], tuple[Any, ...]]:
    get = attrgetter(path)
    return lambda obj: (get(obj),)


def _reader(indices: Sequence[int]) -> Reader:
    """A C-speed function that picks ``indices`` out of a tuple, always returning a tuple."""
    if len(indices) == 1:
        only = indices[0]
        return lambda values: (values[only],)
    return itemgetter(*indices)


@attrs.frozen(kw_only=True)
class Context:
    """What a rule's check sees: the report, the previous year's report, and every cell read once.

    ``values`` holds every data cell of the edition in declaration order (``None`` = missing), ``index`` maps a
    cell's JSON Pointer to its position; :meth:`value` and :attr:`cells` read them by pointer.
    """

    report: Report
    previous: Report | None
    values: tuple[Number | None, ...]
    previous_values: tuple[Number | None, ...] | None
    index: Mapping[str, int]
    readers: Mapping[int, tuple[Reader, Reader]]
    complete: bool = attrs.field(init=False)

    @complete.default
    def _complete(self) -> bool:
        """No cell of the report is missing (decided once, in C)."""
        return None not in self.values

    def value(self, pointer: str) -> Number | None:
        """The value of the cell at ``pointer`` in the report."""
        return self.values[self.index[pointer]]

    def previous_value(self, pointer: str) -> Number | None:
        """The value of the cell at ``pointer`` in the previous year's report."""
        if self.previous_values is None:
            msg = "no previous report"
            raise LookupError(msg)
        return self.previous_values[self.index[pointer]]

    @property
    def cells(self) -> dict[str, Number | None]:
        """Every cell of the report by JSON Pointer."""
        return dict(zip(self.index, self.values, strict=True))


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


def check_equations(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """The check of an arithmetic rule: one finding per equation of ``rule.equations`` that fails or cannot be
    assessed. Use it as the ``check`` of a :class:`Rule` declared with equations.
    """
    values, readers = ctx.values, ctx.readers
    complete = ctx.complete
    for eq in rule.equations:
        read_actual, read_expected = readers[id(eq)]
        actual_values = read_actual(values)
        expected_values = read_expected(values)
        if not complete and (None in actual_values or None in expected_values):
            missing = tuple(p for p in (*eq.actual, *eq.expected) if ctx.value(p) is None)
            yield Finding(
                rule=rule.id,
                severity=Severity.INFO,
                status=Status.NOT_ASSESSABLE,
                pointers=(*eq.actual, *eq.expected),
                missing=missing,
                detail=eq.detail,
            )
            continue
        actual: Number = sum(actual_values)
        expected: Number = sum(expected_values)
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
    check=check_equations,
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
    check=check_equations,
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
    check=check_equations,
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
    check=check_equations,
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
    present = [v for v in ctx.values if v is not None]
    if not present or min(present) >= 0:  # the common case, decided in C
        return
    for ptr, value in zip(ctx.index, ctx.values, strict=True):
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
    if ctx.complete:
        return
    for ptr, value in zip(ctx.index, ctx.values, strict=True):
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
# At most nine digits: a quoted count is a count of requests or cases, and a longer run of digits (a document
# number, or hostile text) is not one; it also keeps int() far from its 4300-digit limit.
_NUM = r"(\d{1,9}|[零〇一二两三四五六七八九十百千]{1,9})"


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


@cache  # one pass over the table for all the patterns compiled at import
def _variants() -> dict[str, str]:
    inverse: dict[str, str] = {}
    for trad, simp in TO_SIMPLIFIED.items():
        s = chr(simp) if isinstance(simp, int) else simp
        t = chr(trad) if isinstance(trad, int) else trad
        if isinstance(s, str) and len(s) == 1 and s != t:
            inverse[s] = inverse.get(s, "") + t
    return inverse


def _fold(pattern: str) -> re.Pattern[str]:
    """Compile ``pattern``, written in simplified characters, so that it also matches traditional ones.

    Each character with traditional variants becomes a class (``请`` → ``[请請]``), so the prose is searched as
    published: no copy is converted, and match offsets point into the original text. Full-width digits need no
    folding: ``\\d`` matches them and :func:`int` reads them.
    """
    variants = _variants()
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        extra = variants.get(ch, "")
        if escaped:
            escaped = False
            out.append(ch)
        elif ch == "\\":
            escaped = True
            out.append(ch)
        elif in_class:
            in_class = ch != "]"
            out.append(ch + extra)
        elif ch == "[":
            in_class = True
            out.append(ch)
        else:
            out.append(f"[{ch}{extra}]" if extra else ch)
    return re.compile("".join(out))


# A match never crosses the end of a sentence or clause-level punctuation listed here.
_STOP = "。；;！!？?\n"
_REQUEST_VERBS = "收到|受理|办理|接收|接到|答复|处理|新收|办结"
_HANDLED_VERBS = frozenset({"办理", "答复", "处理", "办结"})
_COUNT = rf"(?P<n>{_NUM})\s*(?:件|宗|份)"
# Anchored on 申请, a literal the regex engine finds fast; the verb stands before it or right after it.
_REQUEST = _fold("申请")
_VERB_BEFORE = _fold(rf"(?P<verb>{_REQUEST_VERBS})[^{_STOP}\d]{{0,25}}$")
_COUNT_AFTER = _fold(rf"[^{_STOP}\d]{{0,12}}?{_COUNT}")
_VERB_COUNT_AFTER = _fold(rf"[^{_STOP}\d]{{0,12}}?(?P<verb>{_REQUEST_VERBS})[^{_STOP}\d]{{0,12}}?{_COUNT}")
_REVIEW_WORDS = _fold("复议|诉讼")


def _request_counts(text: str) -> Iterator[tuple[str, int, str]]:
    """(verb, count, excerpt) for each request count quoted in ``text``."""
    for m in _REQUEST.finditer(text):
        a, b = m.span()
        window_start = max(0, a - 30)
        before = _VERB_BEFORE.search(text, window_start, a)
        after = _COUNT_AFTER.match(text, b) if before else _VERB_COUNT_AFTER.match(text, b)
        if after is None:
            continue
        verb = (before or after)["verb"]
        excerpt = text[before.start() if before else a : after.end()]
        n = _number(after["n"])
        if n is not None and not _REVIEW_WORDS.search(excerpt):  # not a count of reviews or lawsuits
            yield to_simplified(verb), n, excerpt


def _request_count(rule: Rule, ctx: Context) -> Iterator[Finding]:
    received = E.RECEIVED.cell_pointer("total")
    carried = E.CARRIED_OVER.cell_pointer("total")
    handled = E.OUTCOMES_TOTAL.cell_pointer("total")
    pointers = ("/overview", received, carried, handled)
    for verb, n, excerpt in _request_counts(ctx.report.overview):
        r, c, h = (ctx.value(p) for p in pointers[1:])
        if r is None or c is None or h is None:
            yield Finding(
                rule=rule.id,
                severity=Severity.INFO,
                status=Status.NOT_ASSESSABLE,
                pointers=pointers,
                missing=tuple(p for p in pointers[1:] if ctx.value(p) is None),
                actual=n,
                excerpt=excerpt,
            )
            continue
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
            excerpt=excerpt,
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

# Anchored on the kind (行政复议, 行政诉讼, 起诉); a count follows it, or a negation stands before it
# ("未有因信息公开引发行政复议和行政诉讼" denies both kinds).
_KIND = _fold("行政复议|行政诉讼|起诉")
_KIND_COUNT_AFTER = _fold(rf"[^{_STOP}，,\d]{{0,10}}?(?P<n>{_NUM})\s*(?:件|起|宗|次|个)")
_NEGATION_BEFORE = _fold(rf"(?:未|没有|无|零)[^{_STOP}\d]{{0,20}}$")


def _review_litigation(rule: Rule, ctx: Context) -> Iterator[Finding]:
    text = ctx.report.overview
    review = (E.ADMINISTRATIVE_REVIEW.cell_pointer("total"),)
    litigation = (E.LITIGATION_DIRECT.cell_pointer("total"), E.LITIGATION_AFTER_REVIEW.cell_pointer("total"))
    claims: list[tuple[tuple[str, ...], int, str]] = []
    for m in _KIND.finditer(text):
        a, b = m.span()
        pointers: tuple[str, ...] = review if to_simplified(m.group()) == "行政复议" else litigation
        count = _KIND_COUNT_AFTER.match(text, b)
        if count is not None and (n := _number(count["n"])) is not None:
            claims.append((pointers, n, text[a : count.end()]))
        elif m.group() != "起诉" and (negation := _NEGATION_BEFORE.search(text, max(0, a - 24), a)) is not None:
            claims.append((pointers, 0, text[negation.start() : b]))
    seen: set[tuple[tuple[str, ...], int]] = set()
    for pointers, n, excerpt in claims:
        if (pointers, n) in seen:
            continue
        seen.add((pointers, n))
        values = [ctx.value(p) for p in pointers]
        if None in values:
            yield Finding(
                rule=rule.id,
                severity=Severity.INFO,
                status=Status.NOT_ASSESSABLE,
                pointers=("/overview", *pointers),
                missing=tuple(p for p in pointers if ctx.value(p) is None),
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

_FEE_STATED = _fold(
    rf"处理费[^{_STOP}]{{0,40}}?(?:\d+(?:\.\d+)?\s*(?:万?元)|未收取|未收|不收取|没有收取|免收|免予收取|零|为0|0元)"
    rf"|(?:未收取|未收|不收取|没有收取|免收|免予收取|收取)[^{_STOP}]{{0,30}}?处理费"
)


def _processing_fee(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if _FEE_STATED.search(ctx.report.other_matters) is None:
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
    for c in E.REQUEST_COLUMNS:
        now_ptr, before_ptr = E.CARRIED_OVER.cell_pointer(c), E.CARRIED_FORWARD.cell_pointer(c)
        now, before = ctx.value(now_ptr), ctx.previous_value(before_ptr)
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
    for line in E.PD_BLOCKS[0].lines:
        in_force, issued, repealed = (line.cell_pointer(k) for k in ("in_force", "issued", "repealed"))
        values = (ctx.value(in_force), ctx.previous_value(in_force), ctx.value(issued), ctx.value(repealed))
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
        self._index = {p: i for i, p in enumerate(self._pointers)}
        # One C-level attrgetter reads every row object; one per row reads its cells.
        parents: dict[str, list[str]] = {}
        for p in self._pointers:
            parent, _, key = p.rpartition("/")
            parents.setdefault(parent, []).append(key)
        if list(chain.from_iterable(parents.values())) != [p.rpartition("/")[2] for p in self._pointers]:
            msg = "the cells of a row must be declared together"
            raise ValueError(msg)
        row_paths = [parent[1:].replace("/", ".") for parent in parents]
        self._rows: Callable[[Any], tuple[Any, ...]] = (
            attrgetter(*row_paths) if len(row_paths) > 1 else _single_path(row_paths[0])
        )
        self._row_cells: tuple[Reader, ...] = tuple(
            attrgetter(*keys) if len(keys) > 1 else _single(keys[0]) for keys in parents.values()
        )
        self._readers: dict[int, tuple[Reader, Reader]] = {
            id(eq): (
                _reader([self._index[p] for p in eq.actual]),
                _reader([self._index[p] for p in eq.expected]),
            )
            for rule in self.rules
            for eq in rule.equations
        }

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

    @property
    def pointers(self) -> tuple[str, ...]:
        """The JSON Pointer of every data cell, in declaration order."""
        return self._pointers

    def read_values(self, report: Report) -> tuple[Number | None, ...]:
        """Every data cell of ``report``, in the order of :attr:`pointers`, read in one pass."""
        return tuple(chain.from_iterable(map(call, self._row_cells, self._rows(report))))

    def read_cells(self, report: Report) -> dict[str, Number | None]:
        """Every data cell of ``report`` by JSON Pointer, read in one pass."""
        return dict(zip(self._pointers, self.read_values(report), strict=True))

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
            values=self.read_values(report),
            previous_values=self.read_values(previous) if previous is not None else None,
            index=self._index,
            readers=self._readers,
        )
        findings: list[Finding] = []
        for rule in self.rules:
            if (chosen is not None and rule.id not in chosen) or (rule.needs_previous and previous is None):
                continue
            findings.extend(rule.check(rule, ctx))
        if strict:
            findings = [attrs.evolve(f, severity=Severity.ERROR) if f.rule == MISSING.id else f for f in findings]
        if self.edition != Finding.__attrs_attrs__.edition.default:
            # Findings name their edition so that messages use its labels.
            findings = [attrs.evolve(f, edition=self.edition) for f in findings]
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


def register_rules(rule_set: RuleSet, *, replace: bool = False) -> None:
    """Make ``rule_set`` the rules of its edition (an edition added with
    :func:`govreport.editions.register_edition` brings its rules this way).

    Raises:
        ValueError: the edition has a rule set already and ``replace`` is false.
    """
    if rule_set.edition in _RULE_SETS and not replace:
        msg = f"edition {rule_set.edition!r} has a rule set already"
        raise ValueError(msg)
    _RULE_SETS[rule_set.edition] = rule_set


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
