"""The public strategies themselves: their options, their parts, their errors and their registration."""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
import subprocess
import sys
import textwrap
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import govreport
import govreport.strategies
from govreport import _hypothesis_plugin
from govreport.editions import e2021, edition_names
from govreport.editions._rules import ClaimRule, StatementRule
from govreport.findings import Status
from govreport.model import ProactiveDisclosure, Report, RequestRow, Requests, ReviewAndLitigation, ReviewRow
from govreport.strategies import (
    MUTATION_KINDS,
    Mutant,
    ReportPair,
    StrategyArgumentError,
    arbitrary_reports,
    cells,
    mutants,
    proactive_disclosures,
    report_pairs,
    reports,
    request_rows,
    request_tables,
    review_rows,
    review_tables,
)

from .conftest import mutant_failures


def _sum(row: Any, keys: Any) -> int:
    return sum(getattr(row, c.key) for c in keys)


@given(request_rows())
def test_request_rows_add_up(row: RequestRow) -> None:
    """A drawn row of table 三 has 总计 equal to the six applicant columns."""
    assert row.total == _sum(row, e2021.REQUEST_PARTS)


@given(review_rows())
def test_review_rows_add_up(row: ReviewRow) -> None:
    """A drawn group of table 四 has 总计 equal to its four results."""
    assert row.total == _sum(row, e2021.REVIEW_PARTS)


@given(request_tables(), review_tables(), proactive_disclosures())
def test_tables_hold_every_relation(requests: Requests, review: ReviewAndLitigation, pd: ProactiveDisclosure) -> None:
    """Tables drawn separately, put into one report, satisfy every arithmetic rule."""
    combined = Report(
        agency="测试局",
        year=2023,
        overview="",
        proactive_disclosure=pd,
        requests=requests,
        review_and_litigation=review,
        problems_and_improvements="（一）存在的主要问题。信息发布的及时性有待加强。",
        other_matters="未收取信息处理费。",
    )
    assert govreport.validate(combined).findings == ()


@given(st.from_type(Report), st.from_type(Requests), st.from_type(RequestRow))
def test_from_type_draws_valid_reports_and_parts(report: Report, requests: Requests, row: RequestRow) -> None:
    """st.from_type() knows govreport's classes and draws valid instances."""
    assert govreport.validate(report).findings == ()
    assert requests.outcomes.total.total == requests.received.total + requests.carried_over.total - (
        requests.carried_forward.total or 0
    )
    assert row.total == _sum(row, e2021.REQUEST_PARTS)


@given(reports(shape="small"))
def test_small_agencies_are_mostly_zeros(report: Report) -> None:
    """The small shape has few requests, nearly all from natural persons, and few documents."""
    rq = report.requests
    assert (rq.received.total or 0) + (rq.carried_over.total or 0) <= 5 * 2 + 3 * 12 + 2
    assert report.proactive_disclosure.rules.issued <= 5
    assert rq.received.commercial_enterprises is not None
    assert rq.received.commercial_enterprises <= 2


@given(reports(processing_fee=False, years=st.just(2024), agencies=st.just("测试局")))
def test_report_options(report: Report) -> None:
    """agencies and years set the agency and year; processing_fee=False fails other_matters.processing_fee, and
    sections.substance too when section 六 is then empty."""
    assert (report.agency, report.year) == ("测试局", 2024)
    result = govreport.validate(report)
    expected = [("other_matters.processing_fee", ("/other_matters",))]
    if not report.other_matters:
        expected.append(("sections.substance", ("/other_matters",)))
    assert [(f.rule, f.pointers) for f in result.findings] == expected


@given(cells(), cells("amount"), cells(missing=True))
def test_cells_are_counts_amounts_or_missing(count: Any, amount: Any, maybe: Any) -> None:
    """cells() draws non-negative ints, exact decimals of at most two places, and None only when asked."""
    assert type(count) is int
    assert count >= 0
    assert amount >= 0
    assert amount.as_tuple().exponent >= -2
    assert maybe is None or maybe >= 0


@pytest.mark.parametrize("kind", MUTATION_KINDS)
def test_every_kind_of_mutant_is_drawn_and_caught(kind: str) -> None:
    """mutants(kinds=[k]) draws only kind k, each changing something that its predicted rules catch."""

    @settings(max_examples=10)
    @given(mutants(kinds=[kind]))  # type: ignore[list-item]
    def check(mutant: Mutant) -> None:
        assert mutant.kind == kind
        assert mutant.changed
        assert mutant.description
        result = govreport.validate(mutant.report)
        assert {(f.rule, f.pointers) for f in result.findings if f.status is Status.FAIL} == mutant_failures(mutant)

    check()


@pytest.mark.parametrize("name", edition_names())
def test_every_registered_edition_is_drawn_and_mutated(name: str) -> None:
    """Every registered edition gets valid reports and mutants caught by exactly their findings, from its
    declaration alone."""

    @settings(max_examples=15)
    @given(reports(name), mutants(name))
    def check(report: Any, mutant: Mutant) -> None:
        assert report.edition == mutant.report.edition == name
        assert govreport.validate(report).findings == ()
        result = govreport.validate(mutant.report)
        assert {(f.rule, f.pointers) for f in result.findings if f.status is Status.FAIL} == mutant.failures
        assert {f.rule for f in result.findings if f.status is Status.NOT_ASSESSABLE} == mutant.not_assessable

    check()


@pytest.mark.parametrize("name", edition_names())
def test_every_registered_edition_gets_year_pairs(name: str) -> None:
    """Every registered edition gets pairs of consecutive years that fail exactly the predicted findings of its
    rules over two years (none when consistent)."""

    @settings(max_examples=15)
    @given(st.booleans().flatmap(lambda consistent: report_pairs(name, consistent=consistent)))
    def check(pair: ReportPair) -> None:
        previous, current = pair
        assert govreport.validate(previous).findings == govreport.validate(current).findings == ()
        result = govreport.validate(current, previous)
        assert {(f.rule, f.pointers) for f in result.findings} == pair.failures

    check()


def test_examples_of_the_rules_are_read_back_as_written() -> None:
    """Every example sentence of the 2021 claim rules compared with cells is read as its own claim, with the number
    written (0 for a negation), and every statement example satisfies its rule."""
    ruleset = govreport.rules_for("2021")
    example = govreport.loads(govreport.example_document())
    # a quantity with no cell (the 信息处理费) is compared only between statements: no examples
    claims = [(r.spec, c) for r in ruleset if isinstance(r.spec, ClaimRule) for c in r.spec.claims if c.equals]
    assert all(c.examples for _, c in claims)
    for rule, claim in claims:
        for sentence in claim.examples:
            n = 987654 if "{n}" in sentence else 0
            # Every cell the claim reads is 5, so the number written matches none of its sums and is reported.
            report = example.evolve({**dict.fromkeys(claim.pointers, 5), "/overview": sentence.replace("{n}", str(n))})
            found = govreport.validate(report, select=[rule.id]).findings
            assert [(f.pointers, f.actual) for f in found] == [(("/overview", *claim.pointers), n)], sentence
    fee = ruleset.get("other_matters.processing_fee")
    assert isinstance(fee.spec, StatementRule)
    for sentence in fee.spec.examples:
        report = attrs.evolve(example, other_matters=sentence.replace("{n}", "30"))
        assert govreport.validate(report, select=[fee.id]).findings == ()


@given(report_pairs(consistent=False, breaks=["in_force"]))
def test_pairs_break_only_what_is_asked(pair: ReportPair) -> None:
    """breaks=["in_force"] breaks continuity.in_force only."""
    assert pair.rules == {"continuity.in_force"}
    assert not pair.consistent


@pytest.mark.parametrize(
    "make",
    [
        lambda: reports(shape="huge"),  # type: ignore[arg-type]
        lambda: mutants(kinds=[]),
        lambda: mutants(kinds=["typo"]),  # type: ignore[list-item]
        lambda: report_pairs(consistent=False, breaks=["year"]),  # type: ignore[list-item]
        lambda: cells("text"),  # type: ignore[arg-type]
    ],
)
def test_bad_arguments_raise_a_govreport_error(make: Any) -> None:
    """An unknown option raises StrategyArgumentError, both a GovReportError and Hypothesis's InvalidArgument."""
    with pytest.raises(StrategyArgumentError) as info:
        make()
    assert isinstance(info.value, govreport.GovReportError)
    assert isinstance(info.value, InvalidArgument)


@pytest.mark.parametrize("make", [reports, mutants, report_pairs, arbitrary_reports])
def test_unknown_editions_are_refused(make: Any) -> None:
    """An unregistered edition raises UnknownEditionError naming the registered ones."""
    with pytest.raises(govreport.UnknownEditionError, match="2021"):
        make("nope")


def test_docstring_examples() -> None:
    """The >>> examples of every module of govreport.strategies pass."""
    names = [info.name for info in pkgutil.iter_modules(govreport.strategies.__path__, "govreport.strategies.")]
    results = [
        doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
        for name in ["govreport.strategies", *names]
    ]
    assert sum(r.attempted for r in results) > 0
    assert [r.failed for r in results] == [0] * len(results)


def test_setup_hook_honours_the_opt_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The entry-point hook registers every model class, and nothing when HYPOTHESIS_NO_PLUGINS is set."""
    seen: list[type] = []
    monkeypatch.setattr(st, "register_type_strategy", lambda cls, _: seen.append(cls))
    monkeypatch.setenv("HYPOTHESIS_NO_PLUGINS", "1")
    _hypothesis_plugin._hypothesis_setup_hook()
    assert seen == []
    monkeypatch.delenv("HYPOTHESIS_NO_PLUGINS")
    _hypothesis_plugin._hypothesis_setup_hook()
    assert set(seen) == {Report, Requests, ReviewAndLitigation, ProactiveDisclosure, RequestRow, ReviewRow}


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"} | env
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=environ, check=False
    )


def test_entry_point_in_a_fresh_interpreter() -> None:
    """In a new process, from_type(Report) works without importing govreport.strategies, and importing
    govreport.strategies before Hypothesis works too (the hook does not need the half-imported module).
    """
    lazy = _run(
        """
        import sys
        from hypothesis import given, settings, strategies as st
        import govreport
        from govreport.model import Report
        assert "govreport.strategies" not in sys.modules

        @settings(max_examples=3, database=None)
        @given(st.from_type(Report))
        def check(report):
            assert govreport.validate(report).findings == ()

        check()
        print("ok")
        """
    )
    assert (lazy.returncode, lazy.stdout.strip()) == (0, "ok"), lazy.stderr
    first = _run("import govreport.strategies; import hypothesis; print('ok')")
    assert (first.returncode, first.stdout.strip()) == (0, "ok"), first.stderr


def test_without_hypothesis_the_import_error_says_which_extra_to_install() -> None:
    """Importing govreport.strategies where Hypothesis is missing names the govreport[hypothesis] extra."""
    result = _run(
        """
        import sys
        sys.modules["hypothesis"] = None  # as if Hypothesis were not installed
        import govreport
        try:
            import govreport.strategies
        except ImportError as e:
            print(e)
        """,
        HYPOTHESIS_NO_PLUGINS="1",
    )
    assert result.returncode == 0, result.stderr
    assert 'pip install "govreport[hypothesis]"' in result.stdout
