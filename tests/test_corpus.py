"""govreport.corpus: the streaming engine over many inputs, shared by the command line and the export."""

from __future__ import annotations

import io
import json
import pickle
from decimal import Decimal
from pathlib import Path

import pytest

import govreport
from govreport import corpus
from govreport.corpus import Outcome, Source

from .conftest import FIXTURES
from .corpus_files import SAMPLE, mixed_folder


def _states(outcomes: list[Outcome], root: Path) -> dict[str, str]:
    return {Path(o.source).relative_to(root).as_posix(): o.state for o in outcomes}


def test_a_mixed_folder_streams_documents_and_published_reports(tmp_path: Path) -> None:
    """With published=True a folder yields its documents and its published pages, in sorted order, each read."""
    expected = mixed_folder(tmp_path)
    outcomes = list(corpus.stream(tmp_path, published=True))
    assert _states(outcomes, tmp_path) == expected
    assert [Path(o.source).relative_to(tmp_path).as_posix() for o in outcomes] == sorted(expected)
    by_name = {Path(o.source).name: o for o in outcomes}
    page = by_name["jingxing.txt"]
    assert page.form == "published"
    assert page.report is not None
    assert page.report.agency == govreport.loads(SAMPLE.read_text(encoding="utf-8")).agency
    assert by_name["notes.txt"].findings[0].rule == "input.not_a_report"
    assert by_name["c.json"].findings[0].rule == "json.syntax"
    # without published=True, only the documents are named
    assert [Path(o.source).name for o in corpus.stream(tmp_path)] == ["a.json", "b.json", "c.json"]


def test_outcomes_unpack_as_source_report_or_error_findings(tmp_path: Path) -> None:
    """Each outcome unpacks as (source, report or error, findings); an error says why and can be raised."""
    report = govreport.load(SAMPLE)
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    got = list(corpus.stream([report, str(bad)]))
    (name, found, findings), (bad_name, error, problems) = got
    assert (name, found) == ("<item 1>", report)
    assert [f.rule for f in findings] == ["narrative.request_count"]
    assert bad_name == str(bad)
    assert isinstance(error, govreport.errors.UnreadableInputError)
    assert error.problems == problems
    assert problems[0].rule == "schema.type"
    with pytest.raises(govreport.GovReportError, match=r"bad\.json"):
        raise error


def test_documents_in_memory_and_sources() -> None:
    """Reports, decoded documents, Sources with bytes and things that are not inputs each get an outcome."""
    text = SAMPLE.read_text(encoding="utf-8")
    page = (FIXTURES / "jingxing-2023.txt").read_bytes()
    items = [
        json.loads(text, parse_float=Decimal),
        Source(name="from-db:17", data=text.encode()),
        Source(name="crawl:1", data=page, form="published"),
        42,
    ]
    got = [(o.source, o.state) for o in corpus.stream(items)]
    assert got == [("<item 1>", "valid"), ("from-db:17", "valid"), ("crawl:1", "valid"), ("<item 4>", "unreadable")]


def test_json_lines_and_globs(tmp_path: Path) -> None:
    """'-' reads JSON Lines from the stream given as stdin; a glob that matches nothing is input.not_found, an
    empty directory input.empty, a directory that does not exist input.unreadable."""
    line = json.dumps(json.loads(SAMPLE.read_text(encoding="utf-8")), ensure_ascii=False)
    stdin = io.BytesIO(f"{line}\n\n{{oops\n".encode())
    (tmp_path / "empty").mkdir()
    inputs = ["-", str(tmp_path / "none-*.json"), str(tmp_path / "empty"), str(tmp_path / "nowhere" / "*.json")]
    got = [(o.source, o.state, o.findings[0].rule) for o in corpus.stream(inputs, stdin=stdin)]
    assert got == [
        ("<stdin>:1", "valid", "narrative.request_count"),
        ("<stdin>:3", "unreadable", "json.syntax"),
        (str(tmp_path / "none-*.json"), "unreadable", "input.not_found"),
        (str(tmp_path / "empty"), "unreadable", "input.empty"),
        (str(tmp_path / "nowhere"), "unreadable", "input.unreadable"),
    ]


def test_worker_processes_give_the_same_outcomes_in_order(tmp_path: Path) -> None:
    """With jobs=2 the outcomes, reports and errors included, equal those of one process, in the same order."""
    mixed_folder(tmp_path)
    serial = list(corpus.stream(tmp_path, published=True))
    parallel = list(corpus.stream(tmp_path, published=True, jobs=2, chunksize=1))

    def key(o: Outcome) -> tuple[object, ...]:
        return (o.source, o.state, o.report, tuple(o.findings), o.error.problems if o.error else None)

    assert [key(o) for o in parallel] == [key(o) for o in serial]


def test_unreadable_input_error_survives_pickling() -> None:
    """The error of an unreadable input crosses process boundaries with its source and problems."""
    (outcome,) = corpus.stream(["absent.json"])
    assert outcome.error is not None
    copy = pickle.loads(pickle.dumps(outcome.error))  # noqa: S301 - our own object
    assert (copy.source, copy.problems, str(copy)) == ("absent.json", outcome.error.problems, str(outcome.error))


def test_a_task_that_fails_on_one_input_reports_it_and_goes_on() -> None:
    """A task that raises on an outcome gets that input's internal.error outcome instead; the run goes on."""
    report = govreport.load(SAMPLE)

    def task(outcome: Outcome) -> tuple[str, str]:
        if outcome.source == "<item 2>" and outcome.report is not None:
            msg = "a bug in the task"
            raise RuntimeError(msg)
        return outcome.source, outcome.findings[0].rule

    got = list(corpus.process(corpus.sources([report, report, report]), task))
    assert got == [
        ("<item 1>", "narrative.request_count"),
        ("<item 2>", "internal.error"),
        ("<item 3>", "narrative.request_count"),
    ]


def test_check_options_reach_validation() -> None:
    """select, ignore and strict are the arguments of govreport.validate for every input."""
    report = govreport.load(SAMPLE)
    (selected,) = corpus.stream([report], select=["cells"])
    assert selected.findings == ()
    (ignored,) = corpus.stream([report], ignore=["narrative"])
    assert ignored.findings == ()
    missing = report.evolve({"/requests/received/natural_persons": None})
    (lenient,), (strict,) = corpus.stream([missing]), corpus.stream([missing], strict=True)
    assert lenient.valid
    assert not strict.valid


def test_summary_counts_outcomes() -> None:
    """The summary counts inputs by state and findings by rule, and gives the run's exit status."""
    summary = corpus.Summary()
    for outcome in corpus.stream([govreport.load(SAMPLE), "absent.json"]):
        summary.add(outcome)
    assert (summary.files, summary.valid, summary.unreadable, summary.status) == (2, 1, 1, 2)
    assert summary.findings["input.unreadable", "error"] == 1
    assert "2 files: 1 valid, 0 invalid, 1 unreadable" in summary.render("en")


def test_jobs_must_not_be_negative() -> None:
    """A negative number of jobs is refused before anything is read."""
    with pytest.raises(ValueError, match="jobs"):
        corpus.process([], lambda o: o, jobs=-1)
