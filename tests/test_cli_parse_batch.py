"""``govreport parse`` on many inputs: folders, globs, ``-``, ``--out``, ``--json``, ``--jobs``, the progress bar."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import govreport
from govreport._verbs import _OutputNames
from govreport.cli import main

from .conftest import FIXTURES
from .corpus_files import mixed_folder
from .terminal import on_a_terminal

TEXT = FIXTURES / "jingxing-2023.txt"
HTML = FIXTURES / "parse" / "jingxing-2023.html"
NO_AGENCY = FIXTURES / "excerpts" / "longgang-bumen-2024.txt"


def _govreport(*argv: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(govreport.__file__).parents[1])}
    return subprocess.run(
        [sys.executable, "-m", "govreport", *argv],
        input=None if stdin is None else stdin.decode("utf-8"),
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
    )


def test_a_folder_parses_into_one_document_per_input_with_names_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--out DIR writes DIR/<the input's path>.json for every published report below a folder; three reports that
    share a name keep their endings; a page that is no report is reported and skipped (exit 2), and the report
    documents (*.json) and other files in the folder are not parsed."""
    mixed_folder(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    status = main(["parse", "--lang", "en", "--out", "parsed", "corpus"])
    captured = capsys.readouterr()
    assert status == 2
    written = sorted(str(p.relative_to(tmp_path / "parsed")) for p in (tmp_path / "parsed").rglob("*.json"))
    assert written == [
        "corpus/pages/jingxing.json",
        "corpus/pages/jingxing.pdf.json",
        "corpus/pages/jingxing.txt.json",
    ]
    for name in written:
        report = govreport.load(tmp_path / "parsed" / name)
        assert report.requests.received.total == 73
    assert captured.out == ""  # the documents went to files
    assert "corpus/pages/notes.txt: not a report: " in captured.err
    assert "4 files: 3 valid, 0 invalid, 1 unreadable" in captured.err


def test_json_lines_carry_the_parse_findings_with_their_source_locations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json prints one line per input in the results schema: the input's path, its parse findings with where in
    the source they are, and with --out the document written; an input that is no report has its line too."""
    import jsonschema  # noqa: PLC0415

    from govreport.schemas import results_schema  # noqa: PLC0415

    junk = tmp_path / "junk.txt"
    junk.write_text("hello\nworld\n", encoding="utf-8")
    status = main(
        ["parse", "--json", "--lang", "en", "--out", str(tmp_path / "out"), str(NO_AGENCY), str(junk), str(TEXT)]
    )
    assert status == 2
    lines = [json.loads(line, parse_float=Decimal) for line in capsys.readouterr().out.splitlines()]
    assert [(d["file"], d["valid"]) for d in lines] == [(str(NO_AGENCY), False), (str(junk), False), (str(TEXT), True)]
    validator = jsonschema.Draft202012Validator(results_schema(), format_checker=jsonschema.FormatChecker())
    for line in lines:
        assert list(validator.iter_errors(line)) == [], line["file"]
    located = [f for f in lines[0]["findings"] if f["rule"] == "parse.truncated"]
    assert located
    assert located[0]["location"]["line"] > 0
    assert "parse.agency_missing" in {f["rule"] for f in lines[0]["findings"]}
    assert [f["rule"] for f in lines[1]["findings"]] == ["input.not_a_report"]
    assert lines[1]["findings"][0]["message"].count("not a report") == 1
    assert "output" not in lines[1]
    assert govreport.load(lines[2]["output"]).agency == govreport.load(FIXTURES / "jingxing-2023.json").agency


def test_several_inputs_without_out_print_json_lines_that_validate_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --out, several inputs print one document per line, in input order, which validate - reads back."""
    assert main(["parse", "--no-summary", str(TEXT), str(HTML), str(tmp_path / "absent.txt")]) == 2
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    assert [govreport.loads(line).requests.received.total for line in lines] == [73, 73]
    assert f"{tmp_path / 'absent.txt'}: cannot read: " in captured.err
    done = _govreport("validate", "--json", "--no-summary", "-", stdin=captured.out.encode("utf-8"))
    assert [json.loads(x)["file"] for x in done.stdout.splitlines()] == ["<stdin>:1", "<stdin>:2"]


def test_globs_and_standard_input(tmp_path: Path) -> None:
    """A glob names what it matches, - reads one published report from standard input, and a glob that matches
    nothing is reported without stopping the others."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    done = _govreport(
        "parse", "--json", "--no-summary", "--lang", "en", "a/*.txt", "-", "a/*.html",
        stdin=TEXT.read_bytes(), cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    lines = [json.loads(x) for x in done.stdout.splitlines()]
    assert [(d["file"], d["valid"]) for d in lines] == [("a/x.txt", True), ("<stdin>", True), ("a/*.html", False)]
    assert [f["rule"] for f in lines[2]["findings"]] == ["input.not_found"]
    assert "Traceback" not in done.stderr


def test_jobs_give_the_same_files_and_lines_in_input_order(tmp_path: Path) -> None:
    """--jobs 2 writes the same files with the same content, and prints the same lines in the same order, as one
    process does."""
    mixed_folder(tmp_path / "corpus")
    for n in range(3):
        (tmp_path / "corpus" / "more" / str(n)).mkdir(parents=True)
        (tmp_path / "corpus" / "more" / str(n) / "report.txt").write_text(
            TEXT.read_text(encoding="utf-8"), encoding="utf-8"
        )
    one = _govreport("parse", "--json", "--out", "one", "corpus", cwd=tmp_path)
    two = _govreport("parse", "--json", "--jobs", "2", "--out", "two", "corpus", cwd=tmp_path)
    assert one.returncode == two.returncode == 2
    assert one.stdout.replace('"output": "one/', '"output": "two/') == two.stdout
    files = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.json")}
    assert len(files) == 6
    assert files == {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.json")}


def test_one_input_without_out_prints_its_document_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    """One input and no --out: the indented document on standard output, findings on standard error without a
    summary, and the exit status of that input (1: an error finding)."""
    assert main(["parse", "--lang", "en", str(NO_AGENCY)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith('{\n  "edition": ')
    assert f"{NO_AGENCY}: error   parse.agency_missing" in captured.err
    assert "files:" not in captured.err


def test_output_names_stay_below_the_folder_and_never_collide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Output names keep the input's folders, stay below DIR whatever the input's path (absolute, with ..), take
    the input's ending and then a number when two inputs would share a name, and never name the input itself."""
    monkeypatch.chdir(tmp_path)
    names = _OutputNames(Path("out"))
    assert names("a/b/report.txt") == Path("out/a/b/report.json")
    assert names("a/b/report.html") == Path("out/a/b/report.html.json")
    assert names("./a/b/report.html") == Path("out/a/b/report.html-2.json")
    assert names("a/b/Report.TXT") == Path("out/a/b/Report.TXT.json")  # report.json and Report.json: one file
    assert names(str(tmp_path / "c" / "d.pdf")) == Path("out/c/d.json")
    assert names("../../x/y.txt") == Path("out/x/y.json")
    assert names("/elsewhere/z") == Path("out/elsewhere/z.json")
    assert names("<stdin>") == Path("out/stdin.json")
    (tmp_path / "r.json").write_text("{}", encoding="utf-8")
    assert _OutputNames(Path("."))("r.json") == Path("r.json.json")


def test_a_bad_input_among_good_ones_with_jobs_never_stops_the_batch(tmp_path: Path) -> None:
    """Empty, binary and unreadable inputs and a directory that cannot be listed are each reported; every good
    input is still written, with --jobs too."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "binary.html").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "in" / "good.txt").write_text(TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    done = _govreport("parse", "--jobs", "2", "--lang", "en", "--out", "out", "in", "missing.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert (tmp_path / "out" / "in" / "good.json").is_file()
    assert sorted(p.name for p in (tmp_path / "out").rglob("*.json")) == ["good.json"]
    for name in ("in/empty.txt", "in/binary.html", "missing.txt"):
        assert f"{name}: " in done.stderr
    assert "4 files: 1 valid, 0 invalid, 3 unreadable" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_output_folder_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    """--out at a place that is a file is one 'cannot write' line and exit 2, as for every verb's output."""
    (tmp_path / "taken").write_text("", encoding="utf-8")
    done = _govreport("parse", "--out", str(tmp_path / "taken"), str(TEXT))
    assert done.returncode == 2
    assert done.stderr.startswith("govreport: cannot write ")
    assert "Traceback" not in done.stderr


def test_the_progress_bar_of_a_parse_batch_shows_rate_and_time_left(tmp_path: Path) -> None:
    """On a terminal a parse batch draws a bar with the count, the rate and the time left, in colour; with
    NO_COLOR in plain text; piped, there is no bar and no escape code at all."""
    pytest.importorskip("tqdm")
    for n in range(5):
        (tmp_path / f"r{n}.txt").write_text(TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["parse", "--lang", "en", "--out", str(tmp_path / "out"), str(tmp_path)]
    status, out, terminal = on_a_terminal(argv)
    assert status == 0
    assert out == ""  # the documents went to --out; the bar never reaches standard output
    assert "5/5" in terminal
    assert " files/s" in terminal  # the rate
    assert "<00:" in terminal  # elapsed<time left
    assert "0 invalid, 0 unreadable" in terminal
    assert "\x1b[32m" in terminal  # the bar in colour
    assert "5 files: 5 valid" in terminal
    _, _, plain = on_a_terminal(argv, env={"NO_COLOR": "1"})
    assert "5/5" in plain
    assert "\x1b[32m" not in plain
    piped = _govreport(*argv)
    assert piped.returncode == 0
    assert "\x1b" not in piped.stderr
    assert "\r" not in piped.stderr
    assert "5 files: 5 valid" in piped.stderr


def test_results_are_in_colour_on_a_terminal_and_plain_otherwise(tmp_path: Path) -> None:
    """validate's text results are in colour when standard output is a terminal (green valid, red INVALID and
    error), plain with NO_COLOR, and plain when piped."""
    import json as json_module  # noqa: PLC0415

    doc = json_module.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8"))
    (tmp_path / "good.json").write_text(json_module.dumps(doc, ensure_ascii=False), encoding="utf-8")
    doc["requests"]["received"]["total"] += 1
    (tmp_path / "bad.json").write_text(json_module.dumps(doc, ensure_ascii=False), encoding="utf-8")
    argv = ["validate", "--lang", "en", "--no-progress", str(tmp_path)]
    status, _, terminal = on_a_terminal(argv, stdout_too=True)
    assert status == 1
    assert "\x1b[32mvalid\x1b[0m" in terminal
    assert "\x1b[1;31mINVALID\x1b[0m" in terminal
    assert "\x1b[1;31merror  \x1b[0m requests.row_total" in terminal
    _, _, plain = on_a_terminal(argv, env={"NO_COLOR": "1"}, stdout_too=True)
    assert "INVALID (2 errors" in plain
    assert "\x1b" not in plain
    piped = _govreport(*argv)
    assert "INVALID (2 errors" in piped.stdout
    assert "\x1b" not in piped.stdout + piped.stderr


def test_without_tqdm_there_is_no_bar_and_nothing_else_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bar is an extra: without tqdm, progress_bar draws nothing, even on a terminal."""
    from govreport._progress import progress_bar  # noqa: PLC0415
    from govreport.corpus import Summary  # noqa: PLC0415

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm raises ImportError
    stream = Terminal()
    bar = progress_bar(stream, 3, enabled=True)
    bar.update(Summary(files=3, valid=3), force=True)
    bar.close()
    assert stream.getvalue() == ""


def test_the_readme_batch_examples_work_in_a_fresh_clone(tmp_path: Path) -> None:
    """Every batch command of the README names folders that a clone has, and the parse example runs there as the
    README says: a document per input below parsed/, exit 1 (one excerpt names no agency), then validate reads
    them."""
    import re  # noqa: PLC0415
    import shlex  # noqa: PLC0415
    import shutil  # noqa: PLC0415

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    commands = [
        command.strip()
        for block in re.findall(r"```sh\n(.*?)```", readme, flags=re.DOTALL)
        for line in block.splitlines()
        for command in re.split(r"&&|;", line)
        if "--jobs" in command or command.strip().startswith(("govreport report", "govreport validate -q"))
    ]
    assert any(c.startswith("govreport parse --jobs") for c in commands)
    for command in commands:
        for word in shlex.split(command)[2:]:
            if word.endswith("/") and not word.startswith(("parsed", "tables")):
                assert (root / word).is_dir(), f"{command}: {word} is not in the repository"
    parse = next(c for c in commands if c.startswith("govreport parse"))
    shutil.copytree(root / "tests" / "fixtures", tmp_path / "tests" / "fixtures")
    done = _govreport(*shlex.split(parse)[1:], cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "parse.agency_missing" in done.stderr
    assert (tmp_path / "parsed" / "tests" / "fixtures" / "jingxing-2023.json").is_file()
    assert (tmp_path / "parsed" / "tests" / "fixtures" / "parse" / "jingxing-2023.json").is_file()
    check = next(c for c in commands if c.startswith("govreport validate -q"))
    checked = _govreport(*shlex.split(check)[1:], cwd=tmp_path)
    assert "Traceback" not in checked.stderr
    assert re.search(r"\d+ files: \d+ valid", checked.stdout)


def test_a_folder_of_every_form_parses_in_one_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder holding a report in every form the parser reads (text, Markdown conversion, HTML page, Word and Excel
    renders) parses in one command, each into its own document with its numbers; the Markdown conversion is found
    in the folder like the others."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_bytes(TEXT.read_bytes())
    (folder / "b.html").write_bytes(HTML.read_bytes())
    (folder / "c.md").write_bytes((FIXTURES / "forms" / "shuyang-2025-converted.md").read_bytes())
    example = govreport.load(FIXTURES / "jingxing-2023.json")
    for to in ("docx", "xlsx"):
        (folder / f"d.{to}").write_bytes(govreport.render(example, to))
    status = main(["parse", "--lang", "en", "--no-progress", "--out", str(tmp_path / "out"), str(folder)])
    capsys.readouterr()
    assert status in (0, 1)  # findings, but no input unreadable
    out = tmp_path / "out"
    written = {p.name: govreport.load(p) for p in out.rglob("*.json")}
    assert sorted(written) == ["a.json", "b.json", "c.json", "d.json", "d.xlsx.json"]
    assert written["c.json"].year == 2025
    shuyang = json.loads((FIXTURES / "forms" / "shuyang-2025-converted.json").read_text(encoding="utf-8"))
    assert written["c.json"].requests.received.total == shuyang["requests"]["received"]["total"]
    for name in ("a.json", "b.json", "d.json", "d.xlsx.json"):
        assert written[name].requests.received.total == example.requests.received.total
