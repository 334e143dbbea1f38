"""JSON in, validation and JSON out of the bundled example report, each as a ratio against an alternative.

Every pair is timed in the same run, alternating rounds so that machine noise hits both sides, in CPU time of
this process (time another job holds the core is not counted); each ratio is the median over the rounds, with
the range of the round-by-round ratios:

- load + validate: govreport against a pydantic v2 model plus a plain-Python check doing the same work (decode
  JSON, build typed objects with strict cell types — int-or-null counts ≥ 0, an exact decimal fee, no unknown
  keys — then every 勾稽 rule with findings that name their cells, the missing and empty cells, and the prose:
  every claim of the edition read in every sentence of every prose section with the same guards, the 信息处理费
  statement and the sections that say nothing; the baseline compiles the edition's own patterns, so both sides
  search for the same things), target ≤ 0.5; and the same with the tables only (no prose check on either side,
  no target);
- load alone: ``govreport.loads`` against ``json.loads`` of the same bytes (target ≤ 3), and against
  ``json.loads`` + plain jsonschema with the shipped schema (the same shape check);
- JSON out: ``govreport.dumps`` against ``govreport.loads`` of the same document (target ≤ 1);
- memory held by 1,000 loaded reports against pydantic's models.

Run: ``python benchmarks/bench_load_validate.py [--rounds N]``; ``--quick`` runs every case once, prints no
figures, and exits non-zero when the two sides disagree or a round trip is not lossless.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from jsonschema import Draft202012Validator
from pydantic import BaseModel, ConfigDict, Field

import govreport
from govreport.editions import get_edition
from govreport.rules import Claim, ClaimRule, StatementRule, SubstanceRule
from govreport.rules._prose import STOP, amount, compile_pattern, number, unwrap

SAMPLE = Path(__file__).resolve().parent.parent / "src" / "govreport" / "data" / "example-2023.json"

Count = Annotated[int | None, Field(ge=0, strict=True)]
Amount = Annotated[Decimal | None, Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IssuanceRow(_Strict):
    issued: Count
    repealed: Count
    in_force: Count


class DecisionsRow(_Strict):
    decisions: Count


class FeesRow(_Strict):
    amount_10k_yuan: Amount


class ProactiveDisclosure(_Strict):
    rules: IssuanceRow
    normative_documents: IssuanceRow
    licensing: DecisionsRow
    penalties: DecisionsRow
    coercive_measures: DecisionsRow
    fees: FeesRow


class RequestRow(_Strict):
    natural_persons: Count
    commercial_enterprises: Count
    research_institutions: Count
    social_welfare_organizations: Count
    legal_service_institutions: Count
    other_organizations: Count
    total: Count


class Withheld(_Strict):
    state_secret: RequestRow
    prohibited_by_law: RequestRow
    security_and_stability: RequestRow
    third_party_rights: RequestRow
    internal_affairs: RequestRow
    process_information: RequestRow
    enforcement_files: RequestRow
    administrative_queries: RequestRow


class Unavailable(_Strict):
    not_held: RequestRow
    needs_compilation: RequestRow
    still_unclear: RequestRow


class NotProcessed(_Strict):
    petitions_and_complaints: RequestRow
    repeated_requests: RequestRow
    publications_requested: RequestRow
    excessive_requests: RequestRow
    confirmation_requests: RequestRow


class OtherHandling(_Strict):
    no_correction: RequestRow
    fee_unpaid: RequestRow
    other: RequestRow


class Outcomes(_Strict):
    granted: RequestRow
    partially_granted: RequestRow
    withheld: Withheld
    unavailable: Unavailable
    not_processed: NotProcessed
    other_handling: OtherHandling
    total: RequestRow


class Requests(_Strict):
    received: RequestRow
    carried_over: RequestRow
    outcomes: Outcomes
    carried_forward: RequestRow


class ReviewRow(_Strict):
    upheld: Count
    corrected: Count
    other: Count
    pending: Count
    total: Count


class ReviewAndLitigation(_Strict):
    administrative_review: ReviewRow
    litigation_direct: ReviewRow
    litigation_after_review: ReviewRow


class Source(_Strict):
    url: str | None = None
    retrieved: str | None = None
    issuing_office: str | None = None
    contact: str | None = None


class PydanticReport(_Strict):
    edition: str = Field(pattern="^2021$")
    agency: str = Field(min_length=1)
    year: int = Field(ge=1000, le=9999, strict=True)
    title: str | None = None
    preamble: str | None = None
    overview: str
    proactive_disclosure: ProactiveDisclosure
    requests: Requests
    review_and_litigation: ReviewAndLitigation
    problems_and_improvements: str
    other_matters: str
    source: Source | None = None


# --- the plain-Python invariant check -----------------------------------------------------------------

COLUMNS = list(RequestRow.model_fields)
PARTS = COLUMNS[:-1]
REVIEW_PARTS = ["upheld", "corrected", "other", "pending"]


def _finding(rule: str, pointers: list[str], expected: Any, actual: Any) -> dict[str, Any]:
    missing = [p for p, v in zip(pointers, (actual, expected), strict=False) if v is None]
    if expected is None or actual is None:
        return {"rule": rule, "status": "not_assessable", "severity": "info", "pointers": pointers, "missing": missing}
    return {
        "rule": rule,
        "status": "fail",
        "severity": "error",
        "pointers": pointers,
        "expected": expected,
        "actual": actual,
        "difference": actual - expected,
    }


def _sum(values: list[int | None]) -> int | None:
    return None if None in values else sum(values)  # type: ignore[arg-type]


def check(report: PydanticReport, *, prose: bool = True) -> list[dict[str, Any]]:  # noqa: PLR0912 - one function, as a user would write it
    rq = report.requests
    out = rq.outcomes
    outcome_rows: list[tuple[str, RequestRow]] = [
        ("granted", out.granted),
        ("partially_granted", out.partially_granted),
    ]
    for group in ("withheld", "unavailable", "not_processed", "other_handling"):
        obj = getattr(out, group)
        outcome_rows.extend((f"{group}/{k}", getattr(obj, k)) for k in type(obj).model_fields)
    all_rows = [("received", rq.received), ("carried_over", rq.carried_over)]
    all_rows += [(f"outcomes/{k}", r) for k, r in outcome_rows]
    all_rows += [("outcomes/total", out.total), ("carried_forward", rq.carried_forward)]
    findings: list[dict[str, Any]] = []
    for c in COLUMNS:
        lhs = _sum([getattr(rq.received, c), getattr(rq.carried_over, c)])
        rhs = _sum([getattr(out.total, c), getattr(rq.carried_forward, c)])
        if lhs != rhs or lhs is None:
            ptrs = [
                f"/requests/outcomes/total/{c}",
                f"/requests/carried_forward/{c}",
                f"/requests/received/{c}",
                f"/requests/carried_over/{c}",
            ]
            findings.append(_finding("requests.balance", ptrs, lhs, rhs))
    for c in COLUMNS:
        expected = _sum([getattr(r, c) for _, r in outcome_rows])
        actual = getattr(out.total, c)
        if expected != actual or expected is None:
            ptrs = [f"/requests/outcomes/total/{c}"] + [f"/requests/outcomes/{k}/{c}" for k, _ in outcome_rows]
            findings.append(_finding("requests.outcome_total", ptrs, expected, actual))
    for key, row in all_rows:
        expected = _sum([getattr(row, c) for c in PARTS])
        if expected != row.total or expected is None:
            ptrs = [f"/requests/{key}/total"] + [f"/requests/{key}/{c}" for c in PARTS]
            findings.append(_finding("requests.row_total", ptrs, expected, row.total))
    rl = report.review_and_litigation
    for key in ("administrative_review", "litigation_direct", "litigation_after_review"):
        row = getattr(rl, key)
        expected = _sum([getattr(row, c) for c in REVIEW_PARTS])
        if expected != row.total or expected is None:
            ptrs = [f"/review_and_litigation/{key}/total"]
            findings.append(_finding("review_litigation.total", ptrs, expected, row.total))
    cells: list[tuple[str, Any]] = [(f"/requests/{k}/{c}", getattr(r, c)) for k, r in all_rows for c in COLUMNS]
    pd = report.proactive_disclosure
    for key in ("rules", "normative_documents", "licensing", "penalties", "coercive_measures", "fees"):
        row = getattr(pd, key)
        cells += [(f"/proactive_disclosure/{key}/{c}", getattr(row, c)) for c in type(row).model_fields]
    for key in ("administrative_review", "litigation_direct", "litigation_after_review"):
        row = getattr(rl, key)
        cells += [(f"/review_and_litigation/{key}/{c}", getattr(row, c)) for c in [*REVIEW_PARTS, "total"]]
    for ptr, value in cells:
        if value is None:
            findings.append({"rule": "cells.missing", "severity": "warning", "status": "fail", "pointers": [ptr]})
        elif value < 0:
            findings.append(_finding("values.non_negative", [ptr], 0, value))
    findings.extend(  # a table all blank
        {"rule": "cells.empty", "severity": "warning", "status": "fail", "pointers": [table]}
        for table in ("/proactive_disclosure/", "/requests/", "/review_and_litigation/")
        if all(v is None for p, v in cells if p.startswith(table))
    )
    if all(getattr(r, c) is None for _, r in all_rows for c in COLUMNS[1:-1]):  # the 法人或其他组织 columns
        findings.append({"rule": "cells.empty", "severity": "warning", "status": "fail", "pointers": ["/requests"]})
    if prose:
        findings += prose_checks(report, dict(cells))
    return findings


# --- the prose checks: the same claims, statements and formula, read the plain way ---------------------
#
# govreport reads every number the prose states about the tables (the claim rules: 39 patterns over every prose
# section), checks that section 六 states the 信息处理费 and that sections 五 and 六 are not just "无". The baseline
# does the same work the way one would write it by hand: every claim's pattern tried in every sentence of every
# section, with the same guards. It uses the edition's own declarations, compiled to the same regular expressions
# (and the same numeral reader), so that both sides search for exactly the same things.

_EDITION = get_edition("2021")
_STOPS = re.compile(f"[{re.escape(STOP)}]")
_NOT_WORDS = re.compile(r"[\W_]+")


def _optional(pattern: str | None) -> re.Pattern[str] | None:
    return compile_pattern(pattern) if pattern else None


_CLAIMS = [
    (
        spec,
        claim,
        compile_pattern(claim.pattern),
        # exclude, context, not_after, other_period, year_pattern, continuation
        tuple(
            _optional(p)
            for p in (
                claim.exclude,
                claim.context,
                claim.not_after,
                spec.other_period,
                spec.year_pattern,
                spec.continuation,
            )
        ),
    )
    for spec in _EDITION.rules
    if isinstance(spec, ClaimRule)
    for claim in spec.claims
]
_SECTIONS = [f.key for f in _EDITION.fields if f.kind == "prose"]  # the document's order
_STATEMENTS = [(spec, compile_pattern(spec.pattern)) for spec in _EDITION.rules if isinstance(spec, StatementRule)]
_SUBSTANCE = [(spec, compile_pattern(spec.formula)) for spec in _EDITION.rules if isinstance(spec, SubstanceRule)]


def _clause_start(text: str, offset: int) -> int:
    return max((m.end() for m in _STOPS.finditer(text, 0, offset)), default=0)


def _stated(m: re.Match[str]) -> tuple[Any, tuple[int, int], bool] | None:
    """The number a match states, the span holding it, and whether it is an amount of money."""
    groups = m.groupdict()
    if groups.get("n") is not None:
        return number(groups["n"]), m.span("n"), False
    if groups.get("a") is not None:
        return amount(groups["a"], groups.get("unit") or ""), m.span("a"), True
    if groups.get("zero") is not None:
        return 0, m.span("what" if groups.get("what") is not None else "zero"), False
    return None


def _placed(text: str, m: re.Match[str], guards: tuple[re.Pattern[str] | None, ...], year: int) -> bool:
    """Whether the claim's guards let the match stand as a statement of the report's year."""
    exclude, context, not_after, other_period, year_pattern, continuation = guards
    if exclude is not None and exclude.search(m.group()):
        return False
    clause = _clause_start(text, m.start())
    if not_after is not None and not_after.search(text, clause, m.start()):
        return False
    if context is not None and not context.search(text, text.rfind("\n", 0, m.start()) + 1, m.end()):
        return False
    period = clause
    if clause and continuation is not None and continuation.match(text, clause):
        period = _clause_start(text, clause - 1)
    if other_period is not None and other_period.search(text, period, m.end()):
        return False
    return year_pattern is None or all(
        number(y.group("year")) == year for y in year_pattern.finditer(text, period, m.end())
    )


def _read_claims(report: PydanticReport) -> list[tuple[int, int, ClaimRule, Claim, Any]]:
    """Every number the prose states: (section, offset, rule, claim, value), in the order a reader meets them."""
    statements: list[tuple[int, int, ClaimRule, Claim, Any]] = []
    for order, key in enumerate(_SECTIONS):
        raw = getattr(report, key, None)
        if not raw:
            continue
        text = unwrap(raw)[0]
        ends = [m.end() for m in _STOPS.finditer(text)]
        sentences = list(zip([0, *ends], [*ends, len(text)], strict=True))  # no match crosses a stop
        taken: list[tuple[int, int]] = []  # a number goes to the first claim that places it
        for spec, claim, pattern, guards in _CLAIMS:
            if key not in spec.sections:
                continue
            for start, end in sentences:
                for m in pattern.finditer(text, start, end):
                    found = _stated(m)
                    if found is None or found[0] is None:
                        continue
                    value, span, _ = found
                    if any(a < span[1] and span[0] < b for a, b in taken):
                        continue
                    if not _placed(text, m, guards, report.year):
                        continue
                    taken.append(span)
                    statements.append((order, m.start(), spec, claim, value))
    return sorted(statements, key=lambda st: st[:2])


def prose_checks(report: PydanticReport, cells: dict[str, Any]) -> list[dict[str, Any]]:
    """Every claim in every sentence of every prose section, then the statement and substance checks."""
    findings: list[dict[str, Any]] = []
    seen: set[Any] = set()
    first: dict[str, Any] = {}
    for _, _, spec, claim, value in _read_claims(report):
        key = (spec.id, claim.equals or claim.quantity, value)
        if key in seen:
            continue
        seen.add(key)
        if not claim.equals:  # a quantity with no cell (the fee): every statement must equal the first
            if first.setdefault(claim.quantity, value) != value:
                findings.append({"rule": spec.id, "status": "fail", "actual": value})
            continue
        sums = []
        for alternative in claim.equals:
            values = [cells[p] for p in alternative]
            sums.append(None if None in values else sum(values))
        if value not in sums:
            status = "not_assessable" if None in sums else "fail"
            findings.append({"rule": spec.id, "status": status, "actual": value, "expected": sums[claim.expected]})
    for spec, pattern in _STATEMENTS:
        if pattern.search(unwrap(getattr(report, spec.section) or "")[0]) is None:
            findings.append({"rule": spec.id, "status": "fail", "pointers": ["/" + spec.section]})
    for spec, formula in _SUBSTANCE:
        for e in spec.sections:
            bare = _NOT_WORDS.sub("", (getattr(report, e.section) or "").strip())
            if not bare or formula.fullmatch(bare) is not None:
                findings.append({"rule": spec.id, "status": "fail", "pointers": ["/" + e.section]})
    return findings


# --- the run ------------------------------------------------------------------------------------------


def _govreport(text: str) -> int:
    return len(govreport.validate(govreport.loads(text)).findings)


def _baseline(text: str) -> int:
    return len(check(PydanticReport.model_validate_json(text)))


#: The rules that read the prose; the tables-only comparison leaves them out on both sides.
_PROSE_RULES = ["narrative", "other_matters.processing_fee", "sections.substance"]


def _govreport_tables(text: str) -> int:
    return len(govreport.validate(govreport.loads(text), ignore=_PROSE_RULES).findings)


def _baseline_tables(text: str) -> int:
    return len(check(PydanticReport.model_validate_json(text), prose=False))


_SCHEMA_VALIDATOR = Draft202012Validator(govreport.schema("2021"))


def _govreport_load(text: str) -> int:
    govreport.loads(text)
    return 0


def _json_load(text: str) -> int:
    json.loads(text, parse_float=Decimal)
    return 0


def _jsonschema_load(text: str) -> int:
    # The document's shape checked by plain jsonschema against the shipped schema, compiled once.
    _SCHEMA_VALIDATOR.validate(json.loads(text, parse_float=Decimal))
    return 0


def _time(fn: Callable[[], object], n: int) -> float:
    # CPU time of this process: on a shared machine, the time other jobs hold the core is not counted
    start = time.process_time()
    for _ in range(n):
        fn()
    return (time.process_time() - start) / n


def _ratio(
    name: str,
    *,
    ours: tuple[str, Callable[[], object]],
    theirs: tuple[str, Callable[[], object]],
    rounds: int,
    per_round: int,
) -> float:
    """Print and return the median time of ``ours`` over the median time of ``theirs``."""
    ours_t: list[float] = []
    theirs_t: list[float] = []
    for _ in range(rounds):  # alternate, so that machine noise hits both sides alike
        ours_t.append(_time(ours[1], per_round))
        theirs_t.append(_time(theirs[1], per_round))
    o, t = statistics.median(ours_t), statistics.median(theirs_t)
    width = max(len(ours[0]), len(theirs[0]))
    print(name)
    print(f"  {ours[0]:<{width}} {o * 1e6:9.1f} µs per report (median of {rounds} rounds × {per_round})")
    print(f"  {theirs[0]:<{width}} {t * 1e6:9.1f} µs per report")
    spread = sorted(a / b for a, b in zip(ours_t, theirs_t, strict=True))
    print(f"  ratio: {o / t:.2f} (round by round: {spread[0]:.2f}–{spread[-1]:.2f})")
    return o / t


def _memory(build: Callable[[], object], n: int) -> int:
    """Bytes allocated to hold ``n`` objects made by ``build``, measured with tracemalloc."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [build() for _ in range(n)]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return after - before


def _found(findings: list[Any]) -> list[tuple[str, str]]:
    """The rule and status of each finding (a govreport Finding or a baseline dict), sorted."""
    pairs = [(f["rule"], f["status"]) if isinstance(f, dict) else (f.rule, f.status.value) for f in findings]
    return sorted(pairs)


def _variants(text: str) -> list[str]:
    """The sample, and the sample changed so that other checks fire: claims off, a fee stated twice differently,
    sections saying nothing, a missing cell."""
    doc = json.loads(text)
    claims = dict(
        doc, overview=doc["overview"] + "\n本年度行政复议维持2件。共收取信息处理费100元，信息处理费金额为200元。"
    )
    empty = dict(doc, other_matters="无。", problems_and_improvements="暂无")
    received = dict(doc["requests"]["received"], total=None)
    missing = dict(doc, requests=dict(doc["requests"], received=received))
    return [text, *(json.dumps(d, ensure_ascii=False) for d in (claims, empty, missing))]


def _agrees(text: str) -> str | None:
    """Why the two sides or the round trip disagree on ``text`` or a variant, or None when all is well."""
    for variant in _variants(text):
        ours = _found(list(govreport.validate(govreport.loads(variant)).findings))
        theirs = _found(check(PydanticReport.model_validate_json(variant)))
        if ours != theirs:  # the two sides must do the same work and find the same things
            return f"the findings differ: govreport {ours}, baseline {theirs}"
        ours = _found(list(govreport.validate(govreport.loads(variant), ignore=_PROSE_RULES).findings))
        theirs = _found(check(PydanticReport.model_validate_json(variant), prose=False))
        if ours != theirs:
            return f"the findings on the tables differ: govreport {ours}, baseline {theirs}"
    report = govreport.loads(text)
    if govreport.loads(govreport.dumps(report)) != report:
        return "loads(dumps(report)) is not the report"
    _jsonschema_load(text)
    return None


def main(argv: list[str] | None = None) -> int:
    """Print each ratio; 1 when the two sides of the main comparison disagree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--per-round", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="check every case once, no figures")
    args = parser.parse_args(argv)
    text = SAMPLE.read_text(encoding="utf-8")
    problem = _agrees(text)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    n = 10 if args.quick else 1000
    ours_mem = _memory(lambda: govreport.loads(text), n)
    theirs_mem = _memory(lambda: PydanticReport.model_validate_json(text), n)
    if args.quick:
        print(f"{SAMPLE.name}: load + validate, load, dumps and memory cases ok")
        return 0
    report = govreport.loads(text)
    print(f"document: {SAMPLE.name} ({len(text.encode('utf-8'))} bytes)")
    # (title, ours, theirs, how much fewer calls: the jsonschema side is slow)
    cases: list[tuple[str, tuple[str, Callable[[], object]], tuple[str, Callable[[], object]], int]] = [
        (
            "load + validate: govreport vs pydantic v2 model + plain-Python check (target ≤ 0.50)",
            ("govreport", lambda: _govreport(text)),
            ("pydantic", lambda: _baseline(text)),
            1,
        ),
        (
            "load + validate, the tables only (no prose check on either side; no target)",
            ("govreport", lambda: _govreport_tables(text)),
            ("pydantic", lambda: _baseline_tables(text)),
            1,
        ),
        (
            "load: govreport.loads vs json.loads of the same text (target ≤ 3.00)",
            ("govreport.loads", lambda: _govreport_load(text)),
            ("json.loads", lambda: _json_load(text)),
            1,
        ),
        (
            "load (shape check): govreport.loads vs json.loads + jsonschema Draft202012Validator (target ≤ 1.00)",
            ("govreport.loads", lambda: _govreport_load(text)),
            ("jsonschema", lambda: _jsonschema_load(text)),
            30,
        ),
        (
            "JSON out: govreport.dumps vs govreport.loads of the same document (target ≤ 1.00)",
            ("govreport.dumps", lambda: govreport.dumps(report)),
            ("govreport.loads", lambda: govreport.loads(text)),
            1,
        ),
    ]
    for title, ours, theirs, fewer in cases:
        rounds = args.rounds if fewer == 1 else max(3, args.rounds // 3)
        _ratio(title, ours=ours, theirs=theirs, rounds=rounds, per_round=max(10, args.per_round // fewer))
    print(f"memory to hold {n} loaded reports (target ratio ≤ 1.00)")
    print(f"  govreport: {ours_mem / n / 1024:7.1f} KiB per report")
    print(f"  pydantic : {theirs_mem / n / 1024:7.1f} KiB per report")
    print(f"  ratio: {ours_mem / theirs_mem:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
