"""The command line: verbs, JSON output and exit statuses of contract.md."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from govreport.cli import build_parser, main
from govreport.rules import rules_for

from .conftest import FIXTURES
from .terminal import on_a_terminal

SAMPLE = FIXTURES / "jingxing-2023.json"


def test_validate_sample_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    """A valid report exits 0 and its warning is printed."""
    assert main(["validate", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "valid" in out
    assert "narrative.request_count" in out


def test_validate_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--json prints {"file", "valid", "findings"} per file; an error finding exits 1."""
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["requests"]["outcomes"]["granted"]["natural_persons"] = 70
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", "--json", str(SAMPLE), str(broken)]) == 1
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [(d["file"], d["valid"]) for d in lines] == [(str(SAMPLE), True), (str(broken), False)]
    assert {f["rule"] for f in lines[1]["findings"]} >= {"requests.outcome_total", "requests.row_total"}
    # standard output holds JSON Lines only; the summary goes to standard error
    assert "1 invalid" in captured.err or "无效 1" in captured.err


def test_validate_unreadable_exits_two(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Not JSON, not a report, or no such file: exit 2, and the other files are still checked."""
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    status = main(["validate", "--lang", "en", str(bad), str(tmp_path / "absent.json"), str(SAMPLE)])
    assert status == 2
    out = capsys.readouterr().out
    assert "json.syntax" in out
    assert f"{tmp_path / 'absent.json'}: UNREADABLE" in out
    assert "input.unreadable" in out
    assert f"{SAMPLE}: valid" in out
    assert "3 files: 1 valid, 0 invalid, 2 unreadable" in out


def test_unreadable_inputs_have_json_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """With --json every input gets its line, unreadable ones too, with a finding that says why."""
    status = main(["validate", "--json", str(tmp_path / "absent.json"), str(tmp_path / "none-*.json")])
    assert status == 2
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(d["valid"], d["findings"][0]["rule"]) for d in lines] == [
        (False, "input.unreadable"),
        (False, "input.not_found"),
    ]
    assert all(d["findings"][0]["severity"] == "error" for d in lines)


def _write_corpus(root: Path, n: int) -> dict[str, str]:
    """``n`` reports under ``root`` (in two levels), every seventh with a broken total, and one bad file.

    Returns the expected verdict per file name.
    """
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    expected: dict[str, str] = {}
    for i in range(n):
        d = json.loads(json.dumps(doc))
        d["agency"] = f"第{i}号机关"
        if i % 7 == 3:
            d["requests"]["received"]["total"] += 1  # breaks requests.row_total and requests.balance
        folder = root / (f"part{i % 3}" if i % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"report-{i:03d}.json"
        path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        expected[str(path)] = "INVALID" if i % 7 == 3 else "valid"
    (root / "part1" / "notes.txt").write_text("not a report, and not *.json", encoding="utf-8")
    bad = root / "part2" / "truncated.json"
    bad.write_text(SAMPLE.read_text(encoding="utf-8")[:500], encoding="utf-8")
    expected[str(bad)] = "UNREADABLE"
    return expected


def _run(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govreport", *argv], capture_output=True, text=True, input=stdin, check=False
    )


def test_folder_with_two_jobs(tmp_path: Path) -> None:
    """A folder of 50 reports and a bad file validates in two processes, in order, with a summary and exit 2."""
    expected = _write_corpus(tmp_path, 50)
    proc = _run("validate", "--lang", "en", "--jobs", "2", "--chunksize", "4", str(tmp_path))
    assert proc.returncode == 2, proc.stderr
    verdicts = {
        line.split(": ")[0]: line.split(": ")[1].split(" ")[0]
        for line in proc.stdout.splitlines()
        if line.startswith(str(tmp_path))
    }
    assert verdicts == expected
    n_invalid = sum(1 for v in expected.values() if v == "INVALID")
    assert f"51 files: {50 - n_invalid} valid, {n_invalid} invalid, 1 unreadable" in proc.stdout
    assert f"requests.row_total               error    {n_invalid:>7} in {n_invalid} files" in proc.stdout
    # the same run in one process prints the same thing in the same order
    serial = _run("validate", "--lang", "en", str(tmp_path))
    assert serial.stdout == proc.stdout
    assert "\r" not in proc.stderr  # no progress bar when standard error is not a terminal


def test_glob_and_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A glob is expanded by govreport; --quiet prints only inputs with errors, and only their errors."""
    expected = _write_corpus(tmp_path, 14)
    status = main(["validate", "-q", "--lang", "en", str(tmp_path / "**" / "report-00*.json")])
    out = capsys.readouterr().out
    assert status == 1
    named = [line.split(":")[0] for line in out.splitlines() if line.startswith(str(tmp_path))]
    assert named == sorted(p for p, v in expected.items() if v == "INVALID" and "report-00" in p)
    assert "narrative.request_count" not in out.split("files:")[0]  # warnings of valid files are not printed
    chosen = [v for p, v in expected.items() if "report-00" in p]
    assert f"10 files: {chosen.count('valid')} valid, {chosen.count('INVALID')} invalid, 0 unreadable" in out


def test_directory_walk_reports_what_is_not_a_regular_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A FIFO named *.json inside a directory is reported as unreadable without blocking the run (exit 2); a
    folder named *.json is walked like any folder."""
    import os  # noqa: PLC0415

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    (tmp_path / "a.json").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "folder.json").mkdir()
    os.mkfifo(tmp_path / "pipe.json")
    assert main(["validate", "--lang", "en", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert f"{tmp_path / 'pipe.json'}: UNREADABLE" in out
    assert "cannot be read: not a regular file but a FIFO" in out
    assert "2 files: 1 valid, 0 invalid, 1 unreadable" in out


def test_recursive_glob_names_each_file_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'dir/**' matches folders and the files in them; each file is still checked once, whatever its name."""
    _write_corpus(tmp_path, 6)
    assert main(["validate", "--json", "--no-summary", str(tmp_path / "**")]) == 2
    files = [json.loads(line)["file"] for line in capsys.readouterr().out.splitlines()]
    assert len(files) == len(set(files)) == 8  # six reports, the truncated one, and notes.txt that the glob names
    assert main(["validate", "--json", "--no-summary", str(tmp_path / "part*")]) == 2  # folders are walked
    assert len(capsys.readouterr().out.splitlines()) == 4


def test_stdin_json_lines() -> None:
    """`-` reads JSON Lines from standard input: one document per line, blank lines skipped, bad lines reported."""
    line = json.dumps(json.loads(SAMPLE.read_text(encoding="utf-8")), ensure_ascii=False)
    stdin = f"{line}\n\n{line}\n{{not json\n[1, 2]\n"
    proc = _run("validate", "--json", "--lang", "en", "-", stdin=stdin)
    assert proc.returncode == 2
    results = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [(r["file"], r["valid"]) for r in results] == [
        ("<stdin>:1", True),
        ("<stdin>:3", True),
        ("<stdin>:4", False),
        ("<stdin>:5", False),
    ]
    assert results[2]["findings"][0]["rule"] == "json.syntax"
    assert results[3]["findings"][0]["rule"] == "schema.type"
    assert "4 files: 2 valid, 0 invalid, 2 unreadable" in proc.stderr


def test_stdin_with_jobs_and_files(tmp_path: Path) -> None:
    """--stdin adds standard input after the named files; with --jobs 2 the order is kept."""
    line = json.dumps(json.loads(SAMPLE.read_text(encoding="utf-8")), ensure_ascii=False)
    proc = _run("validate", "--json", "--jobs", "2", "--stdin", str(SAMPLE), stdin=f"{line}\n" * 5)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["file"] for x in proc.stdout.splitlines()] == [
        str(SAMPLE),
        *(f"<stdin>:{i}" for i in range(1, 6)),
    ]


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    """The progress bar is drawn on standard error when it is a terminal, with the rate, and not with
    --no-progress."""
    pytest.importorskip("tqdm")
    _write_corpus(tmp_path, 6)

    def run_on_pty(*extra: str) -> tuple[int, str, str]:
        return on_a_terminal(["validate", "--lang", "en", *extra, str(tmp_path)])

    status, out, terminal = run_on_pty()
    assert status == 2
    assert "7/7 [" in terminal
    assert "100%" in terminal
    assert " files/s" in terminal  # the rate
    assert "1 invalid, 1 unreadable" in terminal
    assert "\r" not in out  # results on standard output are never mixed with the bar
    assert "7 files: 5 valid, 1 invalid, 1 unreadable" in out

    status, out, terminal = run_on_pty("--no-progress")
    assert status == 2
    assert "\r" not in terminal


def test_stdin_on_a_terminal_says_what_it_waits_for() -> None:
    """Reading standard input from a terminal, validate says it waits for JSON Lines; Ctrl-D ends the input."""
    pty = pytest.importorskip("pty")
    import os  # noqa: PLC0415 - with pty, POSIX only

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport", "validate", "--lang", "en", "-"],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    os.close(follower)
    os.write(leader, b"\x04")  # Ctrl-D: end of input on a terminal
    out, err = proc.communicate(timeout=60)
    os.close(leader)
    assert b"reading JSON Lines" in err
    assert b"0 files" in out
    assert proc.returncode == 0


def test_progress_bar_counts_without_a_total() -> None:
    """Reading standard input, the bar counts files with their rate (the total is unknown) and is cleared at the
    end."""
    import io  # noqa: PLC0415

    pytest.importorskip("tqdm")
    from govreport._progress import progress_bar  # noqa: PLC0415
    from govreport.corpus import Summary  # noqa: PLC0415

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    bar = progress_bar(stream, None, enabled=True, lang="en")
    bar.update(Summary(files=12, valid=10, invalid=1, unreadable=1), force=True)
    drawn = stream.getvalue()
    bar.close()
    assert "12 files [" in drawn
    assert " files/s, 1 invalid, 1 unreadable]" in drawn
    assert "%" not in drawn  # no share of an unknown total
    assert stream.getvalue().endswith("\r")  # taken off the screen


def test_memory_stays_flat_over_many_documents() -> None:
    """Validating a stream of documents holds one document at a time: the peak does not grow with the count."""
    import io  # noqa: PLC0415
    import tracemalloc  # noqa: PLC0415

    from govreport._verbs import _run_validate  # noqa: PLC0415 - the streaming loop with its streams passed in

    line = SAMPLE.read_bytes().replace(b"\n", b"") + b"\n"

    class LazyLines:
        """A standard input that makes its lines on demand, so the test itself holds none of them."""

        def __init__(self, n: int) -> None:
            self.n = n

        def readline(self, limit: int = -1) -> bytes:
            if self.n == 0:
                return b""
            self.n -= 1
            return line

        def isatty(self) -> bool:
            return False

    class Discard(io.TextIOBase):
        def write(self, s: str) -> int:
            return len(s)

    args = build_parser().parse_args(["validate", "-"])

    def peak(n: int) -> int:
        tracemalloc.start()
        try:
            status = _run_validate(args, stdin=LazyLines(n), stdout=Discard(), stderr=Discard())  # type: ignore[arg-type]
            highest = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert status == 0
        return highest

    peak(3)  # warm up: first-use caches and imports are not what this test is about
    few, many = peak(30), peak(300)
    assert many <= 2 * few + 64 * 1024
    assert many < 30 * len(line)  # far below what holding 300 documents would take


def test_parallel_reads_inputs_a_bounded_distance_ahead() -> None:
    """--jobs keeps at most 2 × jobs chunks in flight: it never reads the whole input ahead."""
    from govreport._verbs import _Format  # noqa: PLC0415 - white-box: the task validate hands the engine
    from govreport.corpus import Source, process  # noqa: PLC0415

    pulled = 0

    def inputs() -> object:
        nonlocal pulled
        for _ in range(10_000):
            pulled += 1
            yield Source(name=str(SAMPLE))

    printed = process(inputs(), _Format(lang="en", json=True, quiet=False), jobs=2, chunksize=3)  # type: ignore[arg-type]
    first = next(printed)
    assert first.state == "valid"
    assert pulled <= (2 * 2 + 1) * 3
    printed.close()  # shuts the pool down


def test_previous_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--previous enables the continuity rules; an unreadable previous report exits 2 before anything else."""
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["year"] = 2022
    doc["requests"]["carried_forward"]["natural_persons"] = 5
    prev = tmp_path / "2022.json"
    prev.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", "--lang", "en", "--previous", str(prev), str(SAMPLE)]) == 0
    assert "continuity.carried_over" in capsys.readouterr().out
    assert main(["validate", "--previous", str(tmp_path / "absent.json"), str(SAMPLE)]) == 2
    assert "--previous" in capsys.readouterr().err


def test_validate_needs_an_input(capsys: pytest.CaptureFixture[str]) -> None:
    """validate with nothing to check says so and exits 2."""
    assert main(["validate"]) == 2
    assert "at least one FILE" in capsys.readouterr().err


def test_jobs_must_be_a_count(capsys: pytest.CaptureFixture[str]) -> None:
    """--jobs takes a whole number ≥ 0; anything else is a usage error (argparse's exit 2)."""
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--jobs", "-1", str(SAMPLE)])
    assert exc.value.code == 2
    assert "whole number" in capsys.readouterr().err


def test_diff_lists_changed_cells(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """diff prints every changed cell with old and new values and the cross-year findings."""
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["year"] = 2022
    doc["requests"]["received"]["natural_persons"] = 60
    doc["requests"]["received"]["total"] = 60
    prev = tmp_path / "2022.json"
    prev.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["diff", "--json", "--lang", "en", str(prev), str(SAMPLE)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["previous_year"], result["year"]) == (2022, 2023)
    assert [(c["pointer"], c["old"], c["new"], c["difference"]) for c in result["changes"]] == [
        ("/requests/received/natural_persons", 60, 73, 13),
        ("/requests/received/total", 60, 73, 13),
    ]
    assert {f["rule"] for f in result["findings"]} <= {"continuity.carried_over", "continuity.in_force"}
    assert main(["diff", str(prev), str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "2 个单元格有变化" in out
    assert "一、本年新收政府信息公开申请数量 自然人: 60 → 73 (+13)" in out


def test_diff_unreadable_exits_two(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """diff with a file that is not a report exits 2 and names it."""
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    assert main(["diff", str(bad), str(SAMPLE)]) == 2
    assert "bad.json" in capsys.readouterr().err


def test_rules_lists_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    """govreport rules --json prints every rule with its severity and formula."""
    assert main(["rules", "--json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert len(rules) == len(rules_for("2021"))
    assert {r["id"]: r["severity"] for r in rules}["cells.missing"] == "warning"


def test_rules_list_the_cells_each_rule_reads(capsys: pytest.CaptureFixture[str]) -> None:
    """govreport rules says which cells each rule reads, this year and last year, as the declarations say."""
    assert main(["rules", "--json"]) == 0
    by_id = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert by_id["review_litigation.total"]["reads"][:2] == [
        "/review_and_litigation/administrative_review/total",
        "/review_and_litigation/administrative_review/upheld",
    ]
    assert "/requests/carried_forward/total" in by_id["continuity.carried_over"]["reads_previous"]
    assert main(["rules", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "reads: 15 cells /review_and_litigation" in text
    assert "reads last year's: /year" in text


def test_validate_select_and_ignore_take_ids_and_prefixes(capsys: pytest.CaptureFixture[str]) -> None:
    """--select and --ignore choose rules by id or prefix; a name that matches no rule exits 2."""
    sample = str(FIXTURES / "jingxing-2023.json")
    assert main(["validate", "--json", sample, "--select", "narrative"]) == 0
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["narrative.request_count"]
    assert main(["validate", "--json", sample, "--ignore", "narrative.request_count,cells"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    assert main(["validate", sample, "--select", "no.such.rule"]) == 2
    assert "no.such.rule" in capsys.readouterr().err


@pytest.mark.parametrize(
    "verb", ["validate", "export", "report", "diff", "parse", "render", "example", "schema", "rules"]
)
def test_every_verb_has_help_with_examples(verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`govreport VERB --help` describes the verb and shows examples of it."""
    with pytest.raises(SystemExit) as exc:
        main([verb, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: govreport {verb}")
    assert f"govreport {verb} " in out.split("examples:")[1]


def test_example_prints_the_bundled_report(capsys: pytest.CaptureFixture[str]) -> None:
    """govreport example prints a document that loads; --kind text prints the published text."""
    import govreport  # noqa: PLC0415

    assert main(["example"]) == 0
    assert govreport.loads(capsys.readouterr().out).year == 2023
    assert main(["example", "--kind", "text"]) == 0
    assert capsys.readouterr().out.startswith("井陘礦區政府2023年")


def test_python_dash_m() -> None:
    """python -m govreport runs the same command line."""
    proc = _run("validate", "--lang", "en", str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    assert "does not match table" in proc.stdout


def test_json_lines_match_the_results_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Every --json line, for valid, invalid, unreadable and missing inputs alike, matches results.schema.json."""
    import jsonschema  # noqa: PLC0415

    from govreport.schemas import results_schema  # noqa: PLC0415

    _write_corpus(tmp_path, 8)
    main(["validate", "--json", "--no-summary", str(tmp_path), str(tmp_path / "absent.json"), str(tmp_path / "*.nope")])
    lines = [json.loads(line, parse_float=Decimal) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 11
    validator = jsonschema.Draft202012Validator(results_schema(), format_checker=jsonschema.FormatChecker())
    for line in lines:
        assert list(validator.iter_errors(line)) == [], line["file"]


def test_quiet_json_keeps_every_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--quiet does not thin out --json: machines get a line for every input, valid ones included."""
    expected = _write_corpus(tmp_path, 6)
    main(["validate", "--json", "-q", "--no-summary", str(tmp_path)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(d["file"] for d in lines) == sorted(expected)


def test_a_bug_on_one_input_does_not_stop_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected exception while checking one input becomes its internal.error result; the run goes on."""
    import govreport.corpus._engine  # noqa: PLC0415 - the engine's call of validate

    real_validate = govreport.corpus._engine.validate

    def flaky(report: object, *args: object, **kwargs: object) -> object:
        if getattr(report, "agency", "") == "第1号机关":
            msg = "a bug"
            raise RuntimeError(msg)
        return real_validate(report, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(govreport.corpus._engine, "validate", flaky)
    _write_corpus(tmp_path, 6)
    assert main(["validate", "--lang", "en", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert "internal.error: internal error in govreport (please report it): RuntimeError: a bug" in out
    assert "7 files: 4 valid, 1 invalid, 2 unreadable" in out


def _emptied(tmp_path: Path, *keys: str) -> Path:
    """The sample with every cell of the tables ``keys`` blank, written to a file."""
    import govreport  # noqa: PLC0415

    report = govreport.load(SAMPLE)
    edition = govreport.get_edition(report.edition)
    blank = {line.cell_pointer(c): None for key in keys for line, c in edition.table(key).cells()}
    path = tmp_path / "empty.json"
    path.write_text(govreport.dumps(report.evolve(blank)), encoding="utf-8")
    return path


def test_validate_shows_an_empty_table_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A blank table 三 is one cells.empty line, not 175 cells.missing lines and the rules they make not assessable;
    --json still lists every finding."""
    path = _emptied(tmp_path, "requests")
    assert main(["validate", "--no-summary", "--lang", "en", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("cells.empty") == 1
    assert "information disclosure requests: missing as a whole, all 175 cells are blank" in out
    assert "cells.missing [/requests" not in out
    assert "requests.balance" not in out
    assert "more findings about the cells of these empty parts not shown" in out
    assert main(["validate", "--no-summary", "--json", str(path)]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert sum(f["rule"] == "cells.missing" for f in findings) == 175
    (empty,) = [f for f in findings if f["rule"] == "cells.empty"]
    assert empty["pointers"][0] == "/requests"
    assert len(empty["pointers"]) == 1 + 175


def test_validate_select_and_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--ignore and --select take rule ids and prefixes, comma-separated or repeated; an unknown one exits 2."""
    assert main(["validate", "--no-summary", "--json", "--ignore", "narrative.request_count", str(SAMPLE)]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    path = _emptied(tmp_path, "review_and_litigation")
    assert main(["validate", "--no-summary", "--json", "--select", "cells.empty,narrative", str(path)]) == 0
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert rules == {"cells.empty", "narrative.request_count", "narrative.review_litigation"}
    assert main(["validate", "--select", "cells", "--ignore", "cells.missing", str(path)]) == 0
    assert "cells.missing" not in capsys.readouterr().out
    assert main(["validate", "--ignore", "no.such.rule", str(SAMPLE)]) == 2
    assert "no.such.rule" in capsys.readouterr().err
