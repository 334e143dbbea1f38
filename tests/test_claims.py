"""Every number the prose states about the tables is checked, in every prose section (issue 18).

The claims are the rule declarations' own: each :class:`~govreport.rules.Claim` carries example sentences, and the
property tests state every claim of the edition with it, in generated reports, both right and off by one.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport.editions import get_edition
from govreport.findings import Finding, Severity, Status
from govreport.rules import Claim, ClaimRule, RulePack, _engine, register_rules, rules_for, unregister_rules
from govreport.rules._prose import unwrap
from govreport.strategies import reports

from .conftest import FIXTURES, cells_of

EDITION = get_edition("2021")
RULES = rules_for("2021")
CLAIM_RULES = tuple(r.id for r in RULES if r.kind == "claim")
PROSE = tuple(f.key for f in EDITION.prose_fields)
#: Every claim of the edition, with its rule id, in catalogue order.
CLAIMS = tuple((r.id, c) for r in RULES if r.kind == "claim" for c in r.spec.claims)
FEE_RULE = "narrative.processing_fee"
#: The 信息处理费 has no cell, so its claims carry no examples (a sentence alone is compared with nothing): these
#: sentences state it, an amount ({a}, in 元) or none.
FEE_SENTENCES = (
    "本年度共收取信息处理费{a}。",
    "本年度信息处理费收取金额为{a}。",
    "本年度未收取信息处理费。",
    "本年度未发生政府信息公开收费事项。",
)
#: Every sentence the tests state: (rule id, claim or None for the fee, template).
SENTENCES = (
    *((rule, c, e) for rule, c in CLAIMS for e in c.examples),
    *((FEE_RULE, None, e) for e in FEE_SENTENCES),
)
EXAMPLE = govreport.loads(govreport.example_document())
PROSE_FIXTURES = sorted((FIXTURES / "prose").glob("*.json"))

Stated = tuple[str, Claim | None, str, Any, str]  # rule id, claim, template, value, section


def _load(path: Path) -> govreport.Report:
    return govreport.load(path)


def _prose_findings(report: govreport.Report) -> list[Finding]:
    return list(govreport.validate(report, select=["narrative", "sections"]).findings)


def _with_prose(report: govreport.Report, **sections: str) -> govreport.Report:
    """``report`` with its prose sections replaced: those given, the others empty."""
    return report.evolve({f"/{key}": sections.get(key, "") for key in PROSE})


def _claims_of(report: govreport.Report, **sections: str) -> list[Finding]:
    found = govreport.validate(_with_prose(report, **sections), select=CLAIM_RULES).findings
    return list(found)


def _sums(claim: Claim, cells: dict[str, Any]) -> list[int]:
    return [sum(cells[p] for p in alternative) for alternative in claim.equals]


def _stated(template: str, value: object) -> str:
    return template.replace("{n}", str(value)).replace("{a}", f"{value}元")


# --- the declarations -------------------------------------------------------------------------------------


def test_every_claim_has_examples_its_own_pattern_reads() -> None:
    """Every claim compared with cells has examples; alone in a section, each is read by that claim and no other,
    with the number written; the fee sentences are read by the fee claims."""
    assert len(CLAIMS) >= 30
    for rule_id, claim, template in SENTENCES:
        if claim is not None:
            assert claim.name_en
        report = _with_prose(EXAMPLE, problems_and_improvements=_stated(template, 7))
        (statement,) = RULES.statements(report)
        assert (statement.rule, statement.pointer) == (rule_id, "/problems_and_improvements")
        assert statement.claim == claim or (claim is None and statement.claim.quantity)
        assert statement.value == (7 if "{" in template else 0)
    assert all(c.examples for _, c in CLAIMS if c.equals)
    assert all(not c.examples for _, c in CLAIMS if c.quantity)


def test_a_group_count_is_the_sum_of_its_rows() -> None:
    """不予公开 is compared with the 总计 of the eight rows of （三）; 其他处理 with its one row in 2019."""
    withheld = next(c for _, c in CLAIMS if c.name_en == "withheld")
    (cells,) = withheld.equals
    assert len(cells) == 8
    assert all(p.startswith("/requests/outcomes/withheld/") and p.endswith("/total") for p in cells)


# --- properties: stated right, nothing; one number off by one, exactly its finding -----------------------


@st.composite
def _stated_reports(draw: st.DrawFn) -> tuple[govreport.Report, list[Stated]]:
    """A generated report whose prose states every claim it can, each with the right number, spread over the
    prose sections; and the statements."""
    report = draw(reports())
    cells = cells_of(report)
    fee = draw(st.decimals(min_value=0, max_value=10**6, places=2))
    statements: list[Stated] = []
    for rule_id, claim, template in SENTENCES:
        if claim is None:
            value: Any = fee
            if "{a}" not in template and fee != 0:
                continue
        else:
            value = _sums(claim, cells)[claim.expected]
            if "{n}" not in template and value != 0:
                continue
        statements.append((rule_id, claim, template, value, draw(st.sampled_from(PROSE))))
    return report, statements


def _compose(statements: list[Stated], changed: int | None = None) -> dict[str, str]:
    """The prose sections stating ``statements``, one sentence a paragraph; statement ``changed`` off by one."""
    out: dict[str, list[str]] = {}
    for i, (_, _, template, value, section) in enumerate(statements):
        out.setdefault(section, []).append(_stated(template, value + 1 if i == changed else value))
    return {section: "\n".join(sentences) for section, sentences in out.items()}


@given(_stated_reports())
def test_prose_stating_its_own_numbers_raises_no_claim_finding(drawn: tuple[govreport.Report, list[Stated]]) -> None:
    """Every claim stated with the number the tables hold, in any prose section, raises no finding."""
    report, statements = drawn
    assert _claims_of(report, **_compose(statements)) == []


@given(_stated_reports(), st.data())
def test_a_number_off_by_one_raises_exactly_the_finding_of_its_claim(
    drawn: tuple[govreport.Report, list[Stated]], data: st.DataObject
) -> None:
    """One stated number changed by one raises one finding, of that claim's rule, quoting the sentence and naming
    its cells, unless the new number is another sum the claim accepts (一 + 二 for a count of requests)."""
    report, statements = drawn
    numbers = [i for i, s in enumerate(statements) if "{n}" in s[2] or "{a}" in s[2]]
    i = data.draw(st.sampled_from(numbers))
    rule_id, claim, template, value, section = statements[i]
    found = _claims_of(report, **_compose(statements, changed=i))
    if claim is None:  # the fee: compared with the first statement of it
        first = min((s for s in statements if s[1] is None), key=lambda s: (PROSE.index(s[4]), statements.index(s)))
        if first is statements[i]:  # the first statement is the reference: every other one now differs
            assert {(f.rule, f.expected, f.actual) for f in found} == {(rule_id, value + 1, value)}
        else:
            assert [(f.rule, f.expected, f.actual) for f in found] == [(rule_id, value, value + 1)]
        return
    if value + 1 in _sums(claim, cells_of(report)):
        assert found == []
        return
    (finding,) = found
    assert (finding.rule, finding.status, finding.severity) == (rule_id, Status.FAIL, Severity.WARNING)
    assert (finding.expected, finding.actual, finding.difference) == (value, value + 1, 1)
    assert finding.pointers == (f"/{section}", *claim.pointers)
    assert finding.excerpt is not None
    assert finding.excerpt in _stated(template, value + 1)
    assert str(value + 1) in finding.message
    assert finding.location is not None


@given(_stated_reports(), st.data())
def test_the_prefilter_skips_only_stretches_that_cannot_match(
    drawn: tuple[govreport.Report, list[Stated]], data: st.DataObject
) -> None:
    """The prose reader tries a claim only in sections and stretches holding every character it needs: it reads
    exactly the statements that trying every claim in every stretch reads, line wraps and shuffled sentences
    included."""
    report, statements = drawn
    statements = data.draw(st.permutations(statements))
    glue = data.draw(st.sampled_from(["\n", "", "，", "\n其中"]))
    sections = {k: glue.join(v.split("\n")) for k, v in _compose(statements).items()}
    stated = report.evolve({f"/{k}": v for k, v in sections.items()})
    everywhere = pytest.MonkeyPatch()
    with everywhere.context() as patch:
        patch.setattr(_engine._Sentences, "candidates", lambda self, anchors: self.everywhere)
        patch.setattr(_engine._ProseReader, "_ruled_out", lambda self, section, sentences: 0)
        unfiltered = RULES.statements(stated)
    assert unfiltered
    assert RULES.statements(stated) == unfiltered


def test_unwrap_joins_wraps_and_maps_offsets_back() -> None:
    """A line break inside a sentence is dropped and every character of the joined text maps back to its own
    offset in the source; a paragraph break stays."""
    text = "受理政府\n信息公开申请17件，\n其中予以公开3件。\n二、主动公开"
    joined, offsets = unwrap(text)
    assert joined == "受理政府信息公开申请17件，其中予以公开3件。\n二、主动公开"
    assert offsets is not None
    assert [text[i] for i in offsets] == list(joined)
    assert unwrap("一行。\n二行") == ("一行。\n二行", None)


@given(reports(), st.data())
def test_a_denial_fails_when_the_table_counts_one(report: govreport.Report, data: st.DataObject) -> None:
    """A negation (无下年度结转, 未发生行政复议纠错…) states 0: it holds when the cells add up to 0 and fails, by
    exactly its finding, when they add up to 1."""
    rule_id, claim, template = data.draw(st.sampled_from([s for s in SENTENCES if s[1] and "{n}" not in s[2]]))
    assert claim is not None
    zeroed = report.evolve(dict.fromkeys(claim.pointers, 0))
    assert _claims_of(zeroed, overview=template) == []
    one = zeroed.evolve({claim.equals[claim.expected][0]: 1})
    (finding,) = _claims_of(one, overview=template)
    assert (finding.rule, finding.expected, finding.actual) == (rule_id, 1, 0)


# --- the phrases of the issue ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "pointer", "stated"),
    [
        ("上年结转16件。", "/requests/carried_over/total", 16),
        ("結轉下年度繼續辦理26件。", "/requests/carried_forward/total", 26),
        ("全年共收到政府信息公开申请80件。", "/requests/received/total", 80),
        ("全年共办结政府信息公开申请70件。", "/requests/outcomes/total/total", 70),
    ],
)
def test_request_counts_in_any_section_and_script(sentence: str, pointer: str, stated: int) -> None:
    """Received, carried over, handled and carried forward are compared with table 三, in 五 and 六 too, in
    traditional characters too."""
    report = EXAMPLE.evolve({pointer: stated})  # the table agrees: nothing
    for section in PROSE:
        assert _claims_of(report, **{section: sentence}) == []
    report = EXAMPLE.evolve({pointer: stated - 1})
    for section in PROSE:
        (finding,) = _claims_of(report, **{section: sentence})
        assert (finding.rule, finding.pointers[0], finding.actual, finding.expected) == (
            "narrative.request_count",
            f"/{section}",
            stated,
            stated - 1,
        )
        assert pointer in finding.pointers


KEWEI = (
    "所有办结的信息公开申请中同意公开答复 {} 件，部分公开答复 {} 件，不予公开答复 {} 件，无法提供的 {} 件，"
    "不予处理 {} 件，其他处理 {} 件，转下一年度办理答复的有 {} 件。"
)
KEWEI_NUMBERS = (
    ("granted", 9),
    ("partially granted", 0),
    ("withheld", 2),
    ("cannot be provided", 10),
    ("not processed", 0),
    ("other handling", 14),
    ("requests carried forward", 1),
)


def test_every_outcome_of_the_issue_sentence_is_checked() -> None:
    """The sentence of the issue (上海市科委 2024) agrees with its table; each of its numbers changed by one is
    caught by the claim of that outcome, compared with the group's sum."""
    report = _load(FIXTURES / "prose" / "kewei-2024.json")
    numbers = [n for _, n in KEWEI_NUMBERS]
    assert _claims_of(report, overview=KEWEI.format(*numbers)) == []
    for i, (name, value) in enumerate(KEWEI_NUMBERS):
        bumped = [n + (j == i) for j, n in enumerate(numbers)]
        (finding,) = _claims_of(report, overview=KEWEI.format(*bumped))
        assert (dict(finding.detail)["claim"], finding.expected, finding.actual) == (name, value, value + 1)


def test_granted_and_partially_granted_together() -> None:
    """予以公开及部分公开 N 件 is （一） + （二）, and neither of them alone."""
    report = _load(FIXTURES / "prose" / "shanghai-office-2025.json")
    sentence = "办结的申请中，予以公开及部分公开 208 件。"
    assert _claims_of(report, overview=sentence) == []
    (finding,) = _claims_of(report, overview=sentence.replace("208", "206"))
    assert finding.pointers[1:] == ("/requests/outcomes/granted/total", "/requests/outcomes/partially_granted/total")


@pytest.mark.parametrize(
    ("sentence", "pointers", "stated"),
    [
        ("全年发生政府信息公开行政复议2件。", ("/review_and_litigation/administrative_review/total",), 2),
        ("本年度行政复议结果维持2件。", ("/review_and_litigation/administrative_review/upheld",), 2),
        ("本年度行政复议被纠正2件。", ("/review_and_litigation/administrative_review/corrected",), 2),
        ("行政复议其他结果2件。", ("/review_and_litigation/administrative_review/other",), 2),
        ("行政复议尚未审结2件。", ("/review_and_litigation/administrative_review/pending",), 2),
        (
            "因政府信息公开被提起行政诉讼2起。",
            ("/review_and_litigation/litigation_direct/total", "/review_and_litigation/litigation_after_review/total"),
            2,
        ),
        (
            "行政诉讼败诉2件。",
            (
                "/review_and_litigation/litigation_direct/corrected",
                "/review_and_litigation/litigation_after_review/corrected",
            ),
            2,
        ),
        ("未经复议直接起诉2件。", ("/review_and_litigation/litigation_direct/total",), 2),
        (
            "行政复议和行政诉讼共2件。",
            (
                "/review_and_litigation/administrative_review/total",
                "/review_and_litigation/litigation_direct/total",
                "/review_and_litigation/litigation_after_review/total",
            ),
            2,
        ),
    ],
)
def test_review_and_litigation_counts_and_results(sentence: str, pointers: tuple[str, ...], stated: int) -> None:
    """Totals and results (维持, 纠正, 其他, 未审结) of table 四, in every section; a count of corrected or lost
    cases is compared with 结果纠正, never with the total (table 四 of the example is all 0)."""
    for section in PROSE:
        (finding,) = _claims_of(EXAMPLE, **{section: sentence})
        assert (finding.rule, finding.pointers[1:], finding.actual, finding.expected) == (
            "narrative.review_litigation",
            pointers,
            stated,
            0,
        )
    report = EXAMPLE.evolve({pointers[0]: stated})
    assert all(f.pointers[1:] != pointers for f in _claims_of(report, overview=sentence))


def test_a_litigation_count_in_section_five_is_checked() -> None:
    """The peer's case: a litigation count stated in 五 rather than 一 is compared with table 四."""
    text = "（一）存在的主要问题。本年度因政府信息公开被提起行政诉讼1件，暴露出答复不够规范的问题。"
    (finding,) = _claims_of(EXAMPLE, problems_and_improvements=text)
    assert (finding.rule, finding.pointers[0], finding.actual, finding.expected) == (
        "narrative.review_litigation",
        "/problems_and_improvements",
        1,
        0,
    )


@pytest.mark.parametrize(
    ("first", "second", "fails"),
    [
        ("本年度共收取信息处理费380元。", "其中民政局1件，收取380元。", False),
        ("本年度共收取信息处理费380元。", "信息处理费收入0.038万元。", False),
        ("本年度共收取信息處理費380元。", "信息处理费收取金额为380.00元。", False),
        ("本年度共收取信息处理费380元。", "信息处理费收取金额为381元。", True),
        ("本年度共收取信息处理费380元。", "本年度未收取信息处理费。", True),
        ("本年度未发生政府信息公开收费事项。", "信息处理费：0元。", False),
        ("本年度未收取信息处理费。", "本年度共收取信息处理费0.01万元。", True),
        ("本年度共收取信息处理费380元，其中民政局收取信息处理费200元。", "", False),
        ("按件计收的，收取信息处理费100元/件。", "本年度未收取信息处理费。", False),
        ("2022年收取信息处理费100元。", "本年度未收取信息处理费。", False),
    ],
)
def test_processing_fee_statements_agree(first: str, second: str, fails: bool) -> None:
    """The 信息处理费 has no cell: the amounts the prose states (元 or 万元, exactly; 未收取 is 0) must agree with
    the first one stated; a part (其中…), a fee schedule and another year's fee say nothing."""
    found = _claims_of(EXAMPLE, overview=first, other_matters=second)
    assert bool(found) is fails
    if fails:
        (finding,) = found
        assert finding.rule == "narrative.processing_fee"
        assert finding.pointers == ("/other_matters", "/overview")
        assert finding.excerpt is not None
        assert finding.excerpt in second


def test_fee_amounts_are_exact_decimals() -> None:
    """Amounts are compared as exact decimals in 元: 0.038万元 is 380元, and 380.01元 is not."""
    (finding,) = _claims_of(EXAMPLE, other_matters="共收取信息处理费0.038万元。信息处理费收取金额为380.01元。")
    assert (finding.expected, finding.actual, finding.difference) == (
        Decimal("380.000"),
        Decimal("380.01"),
        Decimal("0.010"),
    )


# --- traps: when unsure, say nothing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。",  # denies corrections, not the cases
        "行政复议、行政诉讼各1件。",  # "each": not a total
        "上年共受理政府信息公开申请50件。",  # another period
        "2022年共受理政府信息公开申请50件。",  # another year
        "全年受理政府信息公开申请较上年增加10件。",  # a change, not a count
        "全年共受理行政许可申请5000件。",  # not information disclosure requests
        "全年受理政府信息公开申请约300件。",  # approximate
        "依申请公开办理答复率100%。",  # a rate
        "人大代表建议和政协提案办理复文予以公开50件。",  # not an outcome of a request
        "全区共办理相关案件74件。",  # neither reviews nor lawsuits named
        "其他1件（申请人自主撤销）。",  # 其他 alone could be anything
        "部分公开67，占4.61%。",  # no unit
        "组织行政复议应诉培训2次。",  # trainings, not cases
        "条例实施以来累计受理政府信息公开申请500件。",  # since the regulation, not this year
        "2022年上半年共受理政府信息公开申请267件。其中同意公开或部分公开共81件。",  # a half year, also for 其中
        "收取信息处理费的标准为100元/件。本年度共收取信息处理费200元。",  # a schedule is not the fee collected
        "依申请公开方面，全年办理人大代表建议12件。",  # across a heading's comma: not requests
    ],
)
def test_trap_sentences_say_nothing(sentence: str) -> None:
    """Sentences whose numbers are about something else, or unclear, raise no claim finding, whatever the tables
    (table 四 of the example is all 0, table 三 counts 73)."""
    report = EXAMPLE.evolve({"/review_and_litigation/administrative_review/upheld": 3})
    assert _claims_of(report, overview="依申请公开工作情况：" + sentence) == []


@pytest.mark.parametrize(
    ("sentence", "claim", "stated"),
    [
        ("全年受理各类政府信息公开申请70件。", "requests received", 70),
        ("其中予以公开69件、部分公开5件。", "partially granted", 5),
        ("2023年度本单位共受理信息公开申请70件。", "requests received", 70),
    ],
)
def test_near_trap_sentences_are_read(sentence: str, claim: str, stated: int) -> None:
    """Sentences close to the traps are still read: 各类 is not "each", a list's 、 is not 予以公开、部分公开, and
    the report's own year is not another period."""
    found = _claims_of(EXAMPLE, overview="依申请公开方面。全年办结申请如下。" + sentence)
    assert [(dict(f.detail)["claim"], f.actual) for f in found] == [(claim, stated)]


def test_a_corrected_count_is_not_a_count_of_reviews() -> None:
    """ "行政复议纠错 2 件" is compared with 结果纠正, not with the number of reviews."""
    report = EXAMPLE.evolve(
        {
            "/review_and_litigation/administrative_review/corrected": 2,
            "/review_and_litigation/administrative_review/total": 5,
        }
    )
    assert _claims_of(report, overview="本年度行政复议纠错2件。") == []


def test_an_answer_count_may_include_carried_over_requests() -> None:
    """ "答复 N 件" may count this year's requests plus those carried over (一 + 二)."""
    report = EXAMPLE.evolve({"/requests/carried_over/total": 5})
    assert _claims_of(report, overview="全年共答复政府信息公开申请78件。") == []
    assert _claims_of(report, overview="全年共答复政府信息公开申请73件。") == []
    (finding,) = _claims_of(report, overview="全年共答复政府信息公开申请77件。")
    assert finding.expected == 73


def test_two_denials_in_one_sentence_are_two_claims() -> None:
    """ "未发生…行政复议和行政诉讼" denies both kinds: each is compared with its own cells."""
    report = EXAMPLE.evolve(
        {
            "/review_and_litigation/litigation_direct/upheld": 1,
            "/review_and_litigation/litigation_direct/total": 1,
        }
    )
    (finding,) = _claims_of(report, overview="全年未发生因政府信息公开引起的行政复议和行政诉讼。")
    assert finding.pointers[1:] == (
        "/review_and_litigation/litigation_direct/total",
        "/review_and_litigation/litigation_after_review/total",
    )
    assert (finding.expected, finding.actual) == (1, 0)


@pytest.mark.parametrize("wrapped", ["全年收到政府信息公开申请 1\n7 件。", "全年收到政府信息公开申请，\n共计17件。"])
def test_a_wrap_inside_a_number_or_after_a_comma_is_joined(wrapped: str) -> None:
    """A PDF line wrap inside a number, or after a comma, is joined before reading; the excerpt quotes the source."""
    (finding,) = _claims_of(EXAMPLE, overview=wrapped)
    assert (finding.actual, finding.expected) == (17, 73)
    assert finding.excerpt is not None
    assert finding.excerpt in wrapped


def test_a_finding_says_where_and_what_it_compared() -> None:
    """A finding quotes the excerpt with its line and column in the section, and names the cells compared."""
    text = "（二）依申请公开。\n本年度共受理政府信息公开申请70件，均按时答复。"
    (finding,) = _claims_of(EXAMPLE, overview=text)
    assert finding.excerpt == "受理政府信息公开申请70件"
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == (2, 5)
    assert text.splitlines()[1][4:].startswith(finding.excerpt)
    detail = dict(finding.detail)
    assert detail["cells"] == "一、本年新收政府信息公开申请数量 总计"
    assert detail["claim"] == "requests received"
    assert "一、本年新收政府信息公开申请数量 总计为 73" in finding.message
    assert finding.to_dict()["location"] == {"line": 2, "column": 5}


def test_a_number_is_read_once_whatever_is_selected() -> None:
    """A number goes to the first claim (in catalogue order) that places it, whichever rules are selected: a rule
    pack's claim does not read a number the edition's own claims read, even when it is selected alone."""
    pack = RulePack(
        name="test",
        edition="2021",
        rules=[
            ClaimRule(
                id="test.granted_as_received",
                severity="warning",
                origin="derived",
                clause="test",
                clause_en="test",
                sections=["overview"],
                claims=[Claim(pattern="予以公开{n}件", equals=[["/requests/received/total"]], name_en="test")],
            )
        ],
    )
    register_rules(pack)
    try:
        taken = _with_prose(EXAMPLE, overview="办结的申请中，予以公开69件。")
        assert govreport.validate(taken, select=["test"]).findings == ()
        free = _with_prose(EXAMPLE, overview="予以公开69件。")  # no request in sight: the edition says nothing
        (finding,) = govreport.validate(free, select=["test", "narrative"]).findings
        assert (finding.rule, finding.expected, finding.actual) == ("test.granted_as_received", 73, 69)
    finally:
        unregister_rules(pack)


# --- the samples -----------------------------------------------------------------------------------------


def test_jingxing_has_exactly_its_real_prose_finding(sample: govreport.Report) -> None:
    """On the 井陉矿区 2023 sample the only prose finding is the real one: 64 handled in the prose, 73 in table 三."""
    found = _prose_findings(sample)
    assert [(f.rule, f.actual, f.expected) for f in found] == [("narrative.request_count", 64, 73)]
    assert _prose_findings(EXAMPLE) == found


@pytest.mark.parametrize("path", PROSE_FIXTURES, ids=lambda p: p.stem)
def test_real_reports_raise_no_prose_finding(path: Path) -> None:
    """Published reports whose prose agrees with their tables raise no prose finding at all."""
    assert _prose_findings(_load(path)) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kewei-2024", {"narrative.request_count": 3, "narrative.outcomes": 6, "narrative.review_litigation": 2}),
        (
            "shanghai-office-2025",
            {"narrative.request_count": 2, "narrative.outcomes": 5, "narrative.review_litigation": 2},
        ),
        ("shuyang-2025", {"narrative.request_count": 2, "narrative.processing_fee": 1}),
    ],
)
def test_real_reports_state_numbers_that_are_read(name: str, expected: dict[str, int]) -> None:
    """The numbers those reports state are read (each would fail against other cells), not silently skipped."""
    report = _load(FIXTURES / "prose" / f"{name}.json")
    read: dict[str, int] = {}
    for statement in RULES.statements(report):
        read[statement.rule] = read.get(statement.rule, 0) + 1
    assert {k: v for k, v in read.items() if k in expected} == expected


# --- section substance -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fails"),
    [
        ("", True),
        ("无", True),
        ("暂无。", True),
        ("暂无问题。", True),
        ("无其他需要报告的事项。", True),
        ("本年度无其他需要报告的事项。", True),
        ("2023年度本单位无需要报告的其他事项", True),
        ("無其他需要報告的事項。", True),
        ("2023年未收取信息处理费。", False),
        ("（一）存在的主要问题：信息发布不够及时。（二）改进情况：建立提醒机制。", False),
    ],
)
def test_sections_five_and_six_say_something(text: str, fails: bool) -> None:
    """sections.substance: 五 or 六 empty or only a formula gets an info finding saying what was expected."""
    for section in ("problems_and_improvements", "other_matters"):
        report = EXAMPLE.evolve({f"/{section}": text})
        found = govreport.validate(report, select=["sections.substance"]).findings
        assert bool(found) is fails
        if fails:
            (finding,) = found
            assert (finding.severity, finding.pointers) == (Severity.INFO, (f"/{section}",))
            assert finding.excerpt == text.strip()
            assert "应报告" in finding.message
            assert "should report" in finding.message_in("en")


def test_section_substance_can_be_ignored() -> None:
    """ignore= (and --ignore) turn the section check off."""
    report = EXAMPLE.evolve({"/problems_and_improvements": "无"})
    assert [f.rule for f in govreport.validate(report).findings] == ["narrative.request_count", "sections.substance"]
    assert [f.rule for f in govreport.validate(report, ignore=["sections.substance"]).findings] == [
        "narrative.request_count"
    ]


# --- empty tables and column groups ----------------------------------------------------------------------


def _blank(report: govreport.Report, table: str, group: str | None = None) -> govreport.Report:
    cells = [line.cell_pointer(c) for line, c in EDITION.table(table).cells() if group is None or c.group == group]
    return report.evolve(dict.fromkeys(cells, None))


@pytest.mark.parametrize("table", [t.key for t in EDITION.tables])
def test_an_empty_table_is_one_finding(table: str) -> None:
    """A table with every cell missing gets one cells.empty finding naming all its cells, besides the per-cell
    ones; its column groups are not reported again."""
    report = _blank(EXAMPLE, table)
    found = govreport.validate(report, select=["cells"]).findings
    (empty,) = [f for f in found if f.rule == "cells.empty"]
    cells = tuple(line.cell_pointer(c) for line, c in EDITION.table(table).cells())
    assert empty.pointers == (f"/{table}", *cells)
    assert empty.severity is Severity.WARNING
    assert sum(f.rule == "cells.missing" for f in found) == len(cells)
    assert f"{len(cells)}" in empty.message
    strict = govreport.validate(report, select=["cells.empty"], strict=True).findings
    assert [f.severity for f in strict] == [Severity.ERROR]


def test_an_empty_column_group_is_one_finding() -> None:
    """The 法人或其他组织 columns of table 三 all missing: one finding for the group."""
    group = next(c.group for _, c in EDITION.table("requests").cells() if c.group)
    report = _blank(EXAMPLE, "requests", group)
    (empty,) = govreport.validate(report, select=["cells.empty"]).findings
    assert len(empty.pointers) == 1 + 5 * 25
    assert empty.pointers[0] == "/requests"
    assert group in empty.message
    some = report.evolve({"/requests/received/commercial_enterprises": 0})
    assert govreport.validate(some, select=["cells.empty"]).findings == ()


def test_a_complete_or_partly_blank_report_has_no_empty_part() -> None:
    """A complete report, or one with a few cells missing, has no cells.empty finding."""
    assert govreport.validate(EXAMPLE, select=["cells.empty"]).findings == ()
    report = EXAMPLE.evolve(
        {"/requests/received/total": None, "/review_and_litigation/administrative_review/total": None}
    )
    assert govreport.validate(report, select=["cells.empty"]).findings == ()


def test_fixtures_are_contract_documents() -> None:
    """The prose fixtures are contract documents of the 2021 edition with their source named."""
    for path in PROSE_FIXTURES:
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["edition"] == "2021"
        assert doc["source"]["url"]


def test_the_2019_edition_reads_the_same_claims_over_its_rows() -> None:
    """The 2019 edition has the same claims over its rows: 其他处理 is one row there, three rows in 2021."""
    claim_2019 = next(
        c for r in rules_for("2019") if r.kind == "claim" for c in r.spec.claims if c.name_en == "other handling"
    )
    claim_2021 = next(c for _, c in CLAIMS if c.name_en == "other handling")
    assert claim_2019.pointers == ("/requests/outcomes/other_handling/total",)
    assert len(claim_2021.pointers) == 3
    assert claim_2019.pattern == claim_2021.pattern
    report = govreport.load(FIXTURES / "pingtan-2019.json")
    report = report.evolve({"/overview": "2019年，本机关办结的申请中，其他处理1件。"})
    (finding,) = govreport.validate(report, select=["narrative.outcomes"]).findings
    assert (finding.pointers, finding.actual) == (("/overview", "/requests/outcomes/other_handling/total"), 1)
