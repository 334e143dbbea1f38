"""What was left of the hostile-input issue: values out of range built in Python, Ctrl-C while the worker pool
starts, and one agency name repeated on every CSV line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govreport
from govreport import corpus
from govreport.limits import MAX_AGENCY_CHARS, MAX_AMOUNT, MAX_COUNT

from .conftest import FIXTURES

SAMPLE = FIXTURES / "jingxing-2023.json"
SAMPLE_2019 = FIXTURES / "pingtan-2019.json"  # the trial format has signed counts (本年增/减)
CELL = "/requests/received/natural_persons"


@pytest.fixture
def report() -> govreport.Report:
    """The sample report."""
    return govreport.load(SAMPLE)


def _pointer_of_kind(kind: str, edition_name: str) -> str:
    edition = govreport.get_edition(edition_name)
    for ptr in edition.cell_pointers():
        cell = edition.cell(ptr)
        if cell is not None and cell[1].kind == kind:
            return ptr
    raise AssertionError(kind)


FEE = _pointer_of_kind("amount", govreport.DEFAULT_EDITION)


@pytest.mark.parametrize(
    ("kind", "value", "words"),
    [
        ("count", MAX_COUNT + 1, "out of range"),
        ("count", 10**5000, "out of range"),  # past Python's 4300 digits: never turned into text
        ("signed_count", -(MAX_COUNT + 1), "out of range"),
        ("amount", Decimal(MAX_AMOUNT) + 1, "out of range"),
    ],
    ids=["past-max", "5000-digits", "signed-past-max", "amount-past-max"],
)
def test_evolve_refuses_values_out_of_range_with_the_pointer(
    report: govreport.Report, kind: str, value: object, words: str
) -> None:
    """report.evolve({ptr: value}) checks the value against the limits of a document, as the loader does, and
    raises govreport's own error naming the pointer."""
    if kind == "signed_count":
        report = govreport.load(SAMPLE_2019)
    ptr = _pointer_of_kind(kind, report.edition)
    with pytest.raises(govreport.ReportEditError) as info:
        report.evolve({ptr: value})
    assert info.value.pointer == ptr
    assert words in str(info.value)
    assert str(info.value).startswith(f"{ptr}: ")


def test_evolve_keeps_a_negative_count_for_the_rule_to_judge(report: govreport.Report) -> None:
    """report.evolve({ptr: -5}) gives the report (a program may compute -5; the model holds reports as published),
    and validate reports it with values.non_negative at that pointer; loads would refuse its document."""
    edited = report.evolve({CELL: -5, FEE: Decimal("-0.01")})
    found = {f.pointers[0] for f in govreport.validate(edited).findings if f.rule == "values.non_negative"}
    assert found == {CELL, FEE}
    with pytest.raises(govreport.ReportDecodeError):
        govreport.loads(govreport.dumps(edited))


def test_evolve_keeps_values_in_range_and_checks_the_agency(report: govreport.Report) -> None:
    """Values at the very limits are kept; an agency past its length limit is refused at /agency."""
    edited = report.evolve({CELL: MAX_COUNT, FEE: Decimal(MAX_AMOUNT), "/agency": "局" * MAX_AGENCY_CHARS})
    assert govreport.loads(govreport.dumps(edited)) == edited
    trial = govreport.load(SAMPLE_2019)
    signed = trial.evolve({_pointer_of_kind("signed_count", "2019"): -MAX_COUNT})
    assert govreport.loads(govreport.dumps(signed)) == signed
    with pytest.raises(govreport.ReportEditError) as info:
        report.evolve({"/agency": "局" * (MAX_AGENCY_CHARS + 1)})
    assert info.value.pointer == "/agency"


def test_dumps_refuses_values_past_the_limits_with_every_pointer(report: govreport.Report) -> None:
    """A report built in Python with a huge count, an amount past the limit and a long agency (bypassing evolve) is
    not written: dumps raises ReportLimitError listing each problem at its pointer, in document order, instead of
    writing a document the loader refuses or failing with Python's 4300-digit ValueError. A negative count is
    written (the format's rule reports it; mutants for other validators have one), and loads refuses it."""
    received = attrs.evolve(report.requests.received, natural_persons=10**5000, research_institutions=-1)
    fees = attrs.evolve(report.proactive_disclosure.fees, amount_10k_yuan=Decimal(MAX_AMOUNT) + 1)
    bad = attrs.evolve(
        report,
        agency="x" * 10**6,
        requests=attrs.evolve(report.requests, received=received),
        proactive_disclosure=attrs.evolve(report.proactive_disclosure, fees=fees),
    )
    with pytest.raises(govreport.ReportLimitError) as info:
        govreport.dumps(bad)
    assert [(f.rule, f.pointers[0]) for f in info.value.problems] == [
        ("schema.maxLength", "/agency"),
        ("schema.range", FEE),
        ("schema.range", CELL),
    ]
    assert isinstance(info.value, govreport.ReportDecodeError)  # and a ValueError, as every document problem
    assert "values no report document may hold (3 problems)" in str(info.value)
    negative = attrs.evolve(report, requests=attrs.evolve(report.requests, received=attrs.evolve(
        report.requests.received, research_institutions=-1
    )))  # fmt: skip
    text = govreport.dumps(negative)
    with pytest.raises(govreport.ReportDecodeError) as refused:
        govreport.loads(text)
    assert [(f.rule, f.pointers[0]) for f in refused.value.problems] == [
        ("values.non_negative", "/requests/received/research_institutions")
    ]


def test_csv_refuses_an_agency_that_would_be_repeated_past_the_limit(report: govreport.Report) -> None:
    """One agency name is on each of the 200 lines of the CSV long form: a 1 MB name built in Python would make a
    200 MB file, so the renderer refuses a name past the limit of a document; at the limit it is written."""
    with pytest.raises(govreport.RenderError, match="/agency: too long"):
        govreport.render(attrs.evolve(report, agency="x" * 10**6), "csv")
    text = str(govreport.render(attrs.evolve(report, agency="x" * MAX_AGENCY_CHARS), "csv"))
    assert len(text) < 200 * (MAX_AGENCY_CHARS + 400)


def test_reports_handed_to_a_corpus_run_are_held_to_the_same_limits(report: govreport.Report) -> None:
    """A Report object handed to corpus.stream with a value no document may hold is that input's unreadable
    outcome with the loader's finding; the other inputs are read as usual."""
    bad = attrs.evolve(report, agency="x" * (MAX_AGENCY_CHARS + 1))
    outcomes = list(corpus.stream([bad, report]))
    assert [o.state for o in outcomes] == ["unreadable", "valid"]
    assert [(f.rule, f.pointers) for f in outcomes[0].findings] == [("schema.maxLength", ("/agency",))]


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


@pytest.mark.parametrize("children", [1, 2])
def test_ctrl_c_while_the_worker_pool_starts_is_one_line_and_exit_130(tmp_path: Path, children: int) -> None:
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) in the first moments of --jobs 0, when
    the resource tracker (1 child) or the fork server (2 children) has just started and workers are being forked,
    prints 'govreport: interrupted' and exits 130: no traceback from the fork server or a worker, and the Ctrl-C
    is not lost."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to see the child processes")
    for n in range(60):
        (tmp_path / f"r{n}.json").write_bytes(SAMPLE.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(Path(govreport.__file__).parents[1])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport", "validate", "--jobs", "0", "--json", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=env,
    )
    try:
        while len(_children(proc.pid)) < children and proc.poll() is None:
            time.sleep(0.002)
        assert proc.poll() is None, "the run ended before its worker pool started"
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:  # pragma: no cover - only when the assertion above fails
            proc.kill()
            proc.wait()
    text = err.decode("utf-8", errors="replace")
    assert "Traceback" not in text
    assert text == "govreport: interrupted\n"
    assert proc.returncode == 130


_INTERRUPT_ON_IMPORT = """
import sys


class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "govreport.cli":
            raise KeyboardInterrupt
        return None


sys.meta_path.insert(0, Interrupt())
import runpy

runpy.run_module("govreport", run_name="__main__")
"""


def test_ctrl_c_while_the_command_line_loads_is_one_line_and_exit_130() -> None:
    """Ctrl-C while ``python -m govreport`` (and the ``govreport`` command) loads its command line, the slowest part
    of its start (here: an import hook that raises as a Ctrl-C would, at the import of ``govreport.cli``), prints
    'govreport: interrupted' and exits 130, with no traceback."""
    env = {**os.environ, "PYTHONPATH": str(Path(govreport.__file__).parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_ON_IMPORT, "--version"], capture_output=True, text=True, env=env, check=False
    )
    assert (done.returncode, done.stderr, done.stdout) == (130, "govreport: interrupted\n", "")


def test_ctrl_c_while_the_parser_is_built_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C after the command line loaded and before a verb runs (building its parser) ends the same way."""
    import govreport.cli  # noqa: PLC0415 - the module whose parser is replaced
    from govreport._entry import main  # noqa: PLC0415

    def interrupt() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(govreport.cli, "build_parser", interrupt)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)  # restored after the test
    assert main() == 130
    assert capsys.readouterr().err == "govreport: interrupted\n"


def test_a_report_with_a_negative_count_handed_to_a_corpus_run_is_judged_by_the_rule(report: govreport.Report) -> None:
    """A negative count is no limit: a Report object holding one is read and found invalid by values.non_negative,
    as validate finds it."""
    outcome = next(corpus.stream([report.evolve({CELL: -5})]))
    assert outcome.state == "invalid"
    assert CELL in {f.pointers[0] for f in outcome.findings if f.rule == "values.non_negative"}
