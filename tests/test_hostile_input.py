"""Hostile and odd input (issue 17): bounded work, govreport's own errors, every input accounted for.

Each reproducer of the issue is a test here, next to a property test of its class: numbers in every numeric
position, non-regular files, size bombs (bounded through limits and counters, never through the clock) and hostile
strings through every renderer live in this module and in ``test_cli.py``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport import schemas
from govreport._io import read_file, read_stream
from govreport.cli import main
from govreport.errors import InputTooLargeError, NotRegularFileError
from govreport.limits import MAX_AMOUNT, MAX_COUNT, MAX_DOCUMENT_BYTES, MAX_YEAR, MIN_YEAR
from govreport.serialization import dumps_json

from .conftest import FIXTURES, run_with_budget, set_pointer

SAMPLE_DOC: dict[str, Any] = json.loads((FIXTURES / "jingxing-2023.json").read_text("utf-8"), parse_float=Decimal)
SAMPLE_TEXT = dumps_json(SAMPLE_DOC)
EDITION = govreport.get_edition("2021")
COUNT = "/requests/received/total"
FEE = "/proactive_disclosure/fees/amount_10k_yuan"


def _problems(text: str | bytes) -> set[tuple[str, str]]:
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.loads(text)
    return {(p.rule, p.pointers[0] if p.pointers else "") for p in info.value.problems}


# --- 1 and 2: numbers out of range are refused at their pointer, before any work that grows with them ---------


_HUGE = [
    ("/year", "1e999999999", "schema.range"),
    (COUNT, "1e999999999", "schema.range"),
    (COUNT, "1E+999999999", "schema.range"),
    (COUNT, "2.5e999999999", "schema.range"),
    (COUNT, "-1e999999999", "values.non_negative"),  # and its difference from 0 overflows Decimal's context
    (FEE, "1e999999999", "schema.range"),
]


def test_huge_exponents_are_refused_at_their_pointer_within_budget() -> None:
    """``{"edition":"2021","agency":"x","year":1e999999999}`` hung the loader (killed after 20 s with 436 MB): it
    built a billion-digit int before any range check. Now it, and such exponents in every kind of numeric member,
    is one finding at its pointer, well within a small CPU and memory budget."""
    code = f"""if True:
        import govreport
        def problems(text):
            try:
                govreport.loads(text)
            except govreport.ReportDecodeError as e:
                return sorted((p.rule, p.pointers[0]) for p in e.problems)
        print(problems('{{"edition":"2021","agency":"x","year":1e999999999}}')[0])
        sample = {SAMPLE_TEXT!r}
        for pointer, literal in {[(p, lit) for p, lit, _ in _HUGE]!r}:
            old = '"total": 73' if pointer.endswith("/total") else '"amount_10k_yuan": 722.61'
            if pointer == "/year":
                old = '"year": 2023'
            print(problems(sample.replace(old, old.split(":")[0] + ": " + literal, 1)))
    """
    done = run_with_budget(code, cpu_seconds=20, memory=1 << 30)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "('schema.range', '/year')"
    assert lines[1:] == [str([(rule, pointer)]) for pointer, _, rule in _HUGE]


@pytest.mark.parametrize("literal", ["1e5000", "1" + "0" * 5000])
def test_a_count_past_the_maximum_is_refused_at_its_pointer(literal: str) -> None:
    """A count of 1e5000 (or a 5001-digit integer) no longer loads: it is schema.range at the cell's pointer."""
    text = SAMPLE_TEXT.replace('"total": 73', f'"total": {literal}', 1)
    assert _problems(text) == {("schema.range", COUNT)}


def test_the_largest_count_loads_and_the_next_one_does_not() -> None:
    """MAX_COUNT is the last count that loads; the schema and the loader agree on both sides of it."""
    for value, problems in ((MAX_COUNT, set()), (MAX_COUNT + 1, {("schema.range", COUNT)})):
        doc = set_pointer(SAMPLE_DOC, COUNT, value)
        assert {(f.rule, f.pointers[0]) for f in schemas.iter_errors(doc)} == problems
        if problems:
            assert _problems(dumps_json(doc)) == problems
        else:
            assert govreport.loads(dumps_json(doc)).requests.received.total == MAX_COUNT


def test_a_huge_count_never_reaches_the_writers(tmp_path: Path) -> None:
    """With a count of 1e5000 refused at load, dumps, validate --json and diff have nothing to crash on."""
    text = dumps_json(SAMPLE_DOC).replace('"total": 73', '"total": 1e5000', 1)
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.loads(text)
    (finding,) = info.value.problems
    json.loads(dumps_json(finding.to_dict("en")))  # the finding itself prints
    assert "1E+5000" in finding.message_in("en")


@pytest.mark.parametrize(
    ("literal", "rule"),
    [
        ("1e99999999999999999999", "schema.range"),  # past what a Decimal holds: no InvalidOperation escapes
        ("-1e99999999999999999999", "values.non_negative"),
        ("1e-99999999999999999999", "schema.type"),  # not a whole number
    ],
)
def test_numbers_beyond_decimal_are_findings_not_exceptions(literal: str, rule: str) -> None:
    """Exponents no Decimal holds are findings at the pointer, not a decimal.InvalidOperation traceback."""
    text = dumps_json(SAMPLE_DOC).replace('"total": 73', f'"total": {literal}', 1)
    assert _problems(text) == {(rule, COUNT)}


# A JSON number literal: sign, digits, fraction, exponent (up to far past what a Decimal holds).
_EXPONENTS = st.one_of(
    st.integers(-30, 30), st.integers(-(10**21), 10**21), st.sampled_from([999999999, -999999999, 10**18, -(10**18)])
)
_LITERALS = st.builds(
    lambda sign, whole, frac, exp: f"{sign}{whole}{'.' + frac if frac else ''}{'' if exp is None else f'e{exp}'}",
    st.sampled_from(["", "-"]),
    st.one_of(st.integers(0, 10**20).map(str), st.integers(1, 5000).map(lambda n: "9" * n), st.just("0")),
    st.one_of(st.none(), st.text("0123456789", min_size=1, max_size=30)),
    st.none() | _EXPONENTS,
)
_NUMERIC_POINTERS = ("/year", *EDITION.cell_pointers())


def _expected(pointer: str, literal: str) -> tuple[str | None, object]:  # noqa: PLR0911 - one return per case
    """What the format says about ``literal`` at ``pointer``: (rule or None, the value it loads as)."""
    try:
        value = Decimal(literal)
    except InvalidOperation:  # an exponent no Decimal holds
        tiny, negative = "e-" in literal, literal.startswith("-")
        if pointer == "/year":
            return ("schema.type" if tiny else "schema.range"), None
        if tiny and EDITION.cell(pointer)[1].kind != "amount":  # type: ignore[index]
            return "schema.type", None
        return ("values.non_negative" if negative else "schema.range"), None
    if pointer == "/year":
        if value != value.to_integral_value():
            return "schema.type", None
        return (None, int(value)) if MIN_YEAR <= value <= MAX_YEAR else ("schema.range", None)
    amount = EDITION.cell(pointer)[1].kind == "amount"  # type: ignore[index]
    if not amount and value != value.to_integral_value():
        return "schema.type", None
    if value < 0:
        return "values.non_negative", None
    if value > (MAX_AMOUNT if amount else MAX_COUNT):
        return "schema.range", None
    return None, (value if amount else int(value))


@given(st.sampled_from(_NUMERIC_POINTERS), _LITERALS)
def test_any_number_in_any_numeric_position_loads_exactly_or_is_refused_at_its_pointer(
    pointer: str, literal: str
) -> None:
    """Every numeric member, with any literal (long, fractional, any exponent): the loader gives the exact value
    or one finding at that pointer, the one the format's ranges say; the JSON Schema agrees when it can decode."""
    placeholder = "__NUMBER__"
    text = dumps_json(set_pointer(SAMPLE_DOC, pointer, placeholder)).replace(f'"{placeholder}"', literal)
    rule, value = _expected(pointer, literal)
    if rule is None:
        report = govreport.loads(text)
        node: Any = govreport.unstructure(report)
        for token in pointer.lstrip("/").split("/"):
            node = node[token]
        assert node == value
        assert type(node) is type(value)
    else:
        assert _problems(text) == {(rule, pointer)}
    try:
        doc = json.loads(text, parse_float=Decimal)
    except (ValueError, InvalidOperation):  # json's own int() limit, or an exponent no Decimal holds
        return
    assert {(f.rule, f.pointers[0]) for f in schemas.iter_errors(doc)} == ({(rule, pointer)} if rule else set())


# --- 10: duplicate keys --------------------------------------------------------------------------------------


def test_a_duplicate_key_is_an_error_with_its_pointer() -> None:
    """``"total":73,"total":999`` no longer loads as 999: json.duplicate_key at /requests/received/total."""
    text = dumps_json(SAMPLE_DOC).replace('"total": 73', '"total": 73, "total": 999', 1)
    assert _problems(text) == {("json.duplicate_key", COUNT)}


def _json_repeating(node: Any, path: tuple[str, ...], key: str, extra: object) -> str:
    """``node`` as JSON text, with the object at ``path`` starting with an extra ``key: extra`` member."""
    if not isinstance(node, dict):
        return dumps_json(node, indent=None)
    members = [
        f"{json.dumps(k)}: {_json_repeating(v, path[1:] if path and path[0] == k else (None,), key, extra)}"  # type: ignore[arg-type]
        for k, v in node.items()
    ]
    if path == ():
        members.insert(0, f"{json.dumps(key)}: {json.dumps(extra)}")
    return "{" + ", ".join(members) + "}"


@given(st.sampled_from(sorted({p.rsplit("/", 1)[0] for p in EDITION.cell_pointers()} | {""})), st.data())
def test_a_repeated_member_anywhere_is_named(parent: str, data: st.DataObject) -> None:
    """A member repeated in any object of a document is reported at its own pointer, whatever its value."""
    path = tuple(parent.lstrip("/").split("/")) if parent else ()
    node: Any = SAMPLE_DOC
    for token in path:
        node = node[token]
    key = data.draw(st.sampled_from(sorted(node)))
    text = _json_repeating(SAMPLE_DOC, path, key, data.draw(st.integers(0, 9) | st.none()))
    assert _problems(text) == {("json.duplicate_key", f"{parent}/{key}")}


# --- 3: one bounded reader, regular files only ------------------------------------------------------------


class _Endless(io.RawIOBase):
    """An endless stream of zeros, like /dev/zero, that counts what is read from it."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        view[:] = b"\0" * len(view)
        self.served += len(view)
        return len(view)


def test_an_endless_stream_is_read_only_to_the_limit() -> None:
    """load() of an open endless stream reads at most the limit + 1 bytes, then says json.too_large."""
    stream = _Endless()
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.load(io.BufferedReader(stream))
    assert [p.rule for p in info.value.problems] == ["json.too_large"]
    assert stream.served <= MAX_DOCUMENT_BYTES + 1 + io.DEFAULT_BUFFER_SIZE


def test_read_stream_stops_after_limit_plus_one() -> None:
    """The shared reader asks for at most limit + 1 bytes, whatever the stream has."""
    stream = _Endless()
    data = read_stream(stream, limit=1000)
    assert len(data) == 1001
    assert stream.served == 1001


def test_a_device_is_refused_before_it_is_read() -> None:
    """load('/dev/zero') grew to 24 GB; now a NotRegularFileError (an OSError) names what it is, for the loader
    and the parser, within a small memory budget."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    code = """if True:
        from pathlib import Path
        import govreport
        for read in (govreport.load, lambda p: govreport.parse(Path(p))):
            try:
                read("/dev/zero")
            except govreport.errors.NotRegularFileError as e:
                print(isinstance(e, OSError), e.kind)
    """
    done = run_with_budget(code, memory=1 << 30)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["True character device"] * 2


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A FIFO with a writer that keeps offering a document until the test ends (so nothing blocks forever)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "report.json"
    os.mkfifo(path)
    done = threading.Event()

    def write() -> None:
        while not done.is_set():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)  # fails while no reader has it open
            except OSError:
                done.wait(0.01)
                continue
            with contextlib.suppress(OSError):
                os.write(fd, b"{}")
            os.close(fd)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    yield path
    done.set()
    writer.join()


def test_a_fifo_is_refused_not_waited_on(fifo: Path) -> None:
    """A FIFO named as a document is a NotRegularFileError, for the loader and the parser alike."""
    with pytest.raises(NotRegularFileError, match="FIFO"):
        govreport.load(fifo)
    with pytest.raises(NotRegularFileError, match="FIFO"):
        govreport.parse(fifo)


def test_a_directory_is_refused_with_the_same_error(tmp_path: Path) -> None:
    """A directory named as a document is a NotRegularFileError too (it was an IsADirectoryError)."""
    with pytest.raises(NotRegularFileError, match="directory"):
        govreport.load(tmp_path)


def test_a_regular_file_past_the_limit_is_refused_from_its_size(tmp_path: Path) -> None:
    """A file larger than the limit is refused from its size, before it is read."""
    path = tmp_path / "big.json"
    with path.open("wb") as f:
        f.truncate(MAX_DOCUMENT_BYTES + 10)  # sparse: no disk used
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.load(path)
    (problem,) = info.value.problems
    assert (problem.rule, problem.actual) == ("json.too_large", MAX_DOCUMENT_BYTES + 10)
    with pytest.raises(InputTooLargeError) as too_large:
        read_file(path, limit=100)
    assert too_large.value.size == MAX_DOCUMENT_BYTES + 10


# --- 2 and 7: the command line accounts for every input -------------------------------------------------------


def _govreport(*argv: str, **streams: Any) -> subprocess.CompletedProcess[str]:
    streams = streams or {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.run([sys.executable, "-m", "govreport", *argv], text=True, check=False, **streams)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_huge_count_in_a_json_batch_does_not_stop_the_others(tmp_path: Path, jobs: str) -> None:
    """In a --json batch of 3 files, the one with a count of 1e5000 gets its line like the others (only 1 line was
    written, 0 with --jobs 2)."""
    for name in ("a", "c"):
        (tmp_path / f"{name}.json").write_text(SAMPLE_TEXT, encoding="utf-8")
    (tmp_path / "b.json").write_text(SAMPLE_TEXT.replace('"total": 73', '"total": 1e5000', 1), encoding="utf-8")
    done = _govreport("validate", "--json", "--jobs", jobs, str(tmp_path))
    assert done.returncode == 2, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [Path(d["file"]).name for d in lines] == ["a.json", "b.json", "c.json"]
    assert [(f["rule"], f["pointers"]) for f in lines[1]["findings"]] == [("schema.range", [COUNT])]
    assert "Traceback" not in done.stderr


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(["validate", "--lang", "en", *argv])
    return status, capsys.readouterr().out


def test_an_unreadable_subdirectory_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A subdirectory that cannot be listed is an unreadable input (exit 2), not skipped with '1 file: 1 valid'."""
    (tmp_path / "a.json").write_text(SAMPLE_TEXT, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.json").write_text(SAMPLE_TEXT, encoding="utf-8")
    _deny(monkeypatch, tmp_path / "locked")
    status, out = _cli(capsys, str(tmp_path))
    assert status == 2
    assert f"{tmp_path / 'locked'}: UNREADABLE" in out
    assert "input.unreadable: cannot be read: Permission denied" in out
    assert "2 files: 1 valid, 0 invalid, 1 unreadable" in out
    status, out = _cli(capsys, str(tmp_path / "**" / "*.json"))  # the same through a glob
    assert status == 2
    assert "2 files: 1 valid, 0 invalid, 1 unreadable" in out


def _deny(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """Make ``paths`` unreadable as a directory without search permission makes them, even for root."""
    denied = {str(p) for p in paths}
    real_scandir, real_stat, real_open = os.scandir, os.stat, os.open

    def check(path: Any) -> None:
        name = os.fspath(path)
        if name in denied or any(name.startswith(d + os.sep) for d in denied):
            raise PermissionError(13, "Permission denied", name)

    def scandir(path: Any = ".") -> Any:
        check(path)
        return real_scandir(path)

    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        if any(os.fspath(path).startswith(d + os.sep) for d in denied):
            check(path)
        return real_stat(path, *args, **kwargs)

    def open_(path: Any, *args: Any, **kwargs: Any) -> Any:
        check(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "open", open_)


def test_an_unreadable_file_named_directly_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file in a directory that cannot be searched gave a PermissionError traceback; now it is unreadable."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.json").write_text(SAMPLE_TEXT, encoding="utf-8")
    _deny(monkeypatch, locked)
    status, out = _cli(capsys, str(locked / "b.json"), str(locked / "*.json"))
    assert status == 2
    assert f"{locked / 'b.json'}: UNREADABLE" in out
    assert f"{locked}: UNREADABLE" in out  # the glob could not list the directory: said, not "no match"
    assert "2 files: 0 valid, 0 invalid, 2 unreadable" in out


def test_an_empty_directory_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A directory with no *.json below it gave '0 files' and exit 0; now it is input.empty, exit 2."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    status, out = _cli(capsys, str(tmp_path))
    assert status == 2
    assert f"{tmp_path}: UNREADABLE" in out
    assert "input.empty: the directory holds no file to read (*.json;" in out


@pytest.mark.parametrize("spec", ["{d}", "{d}/**", "{d}/**/*.json", "{d}/*/*.json"])
def test_a_symlink_loop_names_each_file_once(tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str) -> None:
    """A 'self -> .' link made '**' count one file 40 times; each directory is now listed once."""
    (tmp_path / "a.json").write_text(SAMPLE_TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_text(SAMPLE_TEXT, encoding="utf-8")
    (tmp_path / "self").symlink_to(".")
    status, out = _cli(capsys, spec.format(d=tmp_path))
    assert status == 0
    files = [line.split(": ")[0] for line in out.splitlines() if line.startswith(str(tmp_path))]
    assert len(files) == len({os.path.realpath(f) for f in files})
    expected = 1 if spec.endswith("/*/*.json") else 2
    assert f"{expected} files: {expected} valid" in out or f"{expected} file: {expected} valid" in out


def test_links_up_and_across_the_tree_are_followed_once(tmp_path: Path) -> None:
    """Links back up the tree and across it (to a folder outside, twice) list each directory once."""
    from govreport._walk import walk_directory, walk_glob  # noqa: PLC0415

    tree, outside = tmp_path / "tree", tmp_path / "outside"
    (tree / "sub").mkdir(parents=True)
    outside.mkdir()
    for folder in (tree, tree / "sub", outside):
        (folder / "r.json").write_text("{}", encoding="utf-8")
    (tree / "sub" / "up").symlink_to("..")
    (tree / "sub" / "root").symlink_to(tree)
    (tree / "a-link").symlink_to(outside)
    (tree / "z-link").symlink_to(outside)
    expected = [str(tree / "r.json"), str(tree / "a-link" / "r.json"), str(tree / "sub" / "r.json")]
    assert [f.path for f in walk_directory(str(tree))] == expected
    assert [f.path for f in walk_glob(f"{tree}/**/*.json")] == sorted(expected)


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", ".h", "c d"]), st.sampled_from(["x.json", "y.json", "z.txt", ".w.json"])),
        max_size=8,
    ),
    st.sampled_from(["**", "**/*.json", "*/*.json", "*", "a/*", "[ab]/x.json", "?/*.json", "**/x.json"]),
)
def test_the_walker_matches_globs_like_the_standard_library(
    tmp_path_factory: pytest.TempPathFactory, files: list[tuple[str, str]], pattern: str
) -> None:
    """Without links or unreadable directories, the walker names exactly what glob.glob names, in sorted order."""
    import glob  # noqa: PLC0415

    from govreport._walk import walk_glob  # noqa: PLC0415

    root = tmp_path_factory.mktemp("tree")
    for folder, name in files:
        (root / folder).mkdir(exist_ok=True)
        (root / folder / name).write_text("{}", encoding="utf-8")
    full = f"{root}/{pattern}"
    expected = []
    for name in sorted(glob.glob(full, recursive=True)):
        if os.path.isdir(name):
            if "**" not in pattern:
                expected.extend(sorted(str(p) for p in Path(name).rglob("*.json")))  # a folder named: its *.json
        else:
            expected.append(name)
    got = [f.path for f in walk_glob(full) if f.problem is None]
    assert sorted(got) == sorted(expected)


# --- 8: output errors are a message and exit 2 -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "where"),
    [
        (["render", str(FIXTURES / "jingxing-2023.json"), "--to", "text", "-o", "{tmp}/missing/out.txt"], "missing"),
        (["render", str(FIXTURES / "jingxing-2023.json"), "--to", "html", "-o", "{tmp}"], "Is a directory"),
        (["render", str(FIXTURES / "jingxing-2023.json"), "--to", "xlsx", "-o", "/dev/full"], "No space left"),
    ],
)
def test_output_that_cannot_be_written_is_a_message_and_exit_2(tmp_path: Path, argv: list[str], where: str) -> None:
    """-o into a missing folder, a directory or a full device: a clear message and exit 2, not an OSError
    traceback and exit 1."""
    if "/dev/full" in argv and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    done = _govreport(*(a.replace("{tmp}", str(tmp_path)) for a in argv))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("govreport: cannot write ")
    assert where in done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["example"],
        ["schema"],
        ["rules"],
        ["validate", str(FIXTURES / "jingxing-2023.json")],
        ["validate", "--jobs", "2", str(FIXTURES / "jingxing-2023.json")],
        ["diff", str(FIXTURES / "jingxing-2023.json"), str(FIXTURES / "jingxing-2023.json")],
        ["render", str(FIXTURES / "jingxing-2023.json"), "--to", "markdown"],
        ["parse", "{example_text}"],
    ],
)
def test_standard_output_on_a_full_disk_is_a_message_and_exit_2(tmp_path: Path, argv: list[str]) -> None:
    """Every verb writing to /dev/full says 'cannot write standard output' and exits 2, with no traceback and no
    'Exception ignored' at exit."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    text = tmp_path / "example.txt"
    text.write_text(govreport.example_document("text"), encoding="utf-8")
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = _govreport(*(a.replace("{example_text}", str(text)) for a in argv), stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2, done.stderr
    assert "govreport: cannot write standard output: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr


def test_a_read_only_place_is_a_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """-o into a place that cannot be written (as a read-only folder refuses, even for root): exit 2."""
    real_open = Path.open

    def read_only(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if self.parent == tmp_path and "w" in mode:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only)
    status = main(["render", str(FIXTURES / "jingxing-2023.json"), "--to", "csv", "-o", str(tmp_path / "x.csv")])
    assert status == 2
    assert capsys.readouterr().err == f"govreport: cannot write {tmp_path / 'x.csv'}: Permission denied\n"


# --- 10: Ctrl-C while the worker pool starts -----------------------------------------------------------------


def test_the_fork_server_starts_with_ctrl_c_ignored(tmp_path: Path) -> None:
    """The fork server (and every worker forked from it) starts with SIGINT ignored, so a Ctrl-C in the first
    half-second of --jobs, while it imports govreport, no longer prints its traceback: the main process handles
    it. A probe module, preloaded by the server, records what SIGINT does there."""
    import multiprocessing  # noqa: PLC0415

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server here")
    (tmp_path / "sigint_probe.py").write_text(
        "import os, signal\n"
        "with open(os.environ['PROBE_OUT'], 'a') as f:\n"
        "    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN\n"
        "    f.write(('ignored' if ignored else repr(signal.getsignal(signal.SIGINT))) + '\\n')\n",
        encoding="utf-8",
    )
    out = tmp_path / "probe.txt"
    code = f"""if True:
        import govreport.cli as cli
        import govreport.corpus._engine as engine
        engine._PRELOAD.append("sigint_probe")
        raise SystemExit(cli.main(["validate", "--jobs", "2", {str(FIXTURES / "jingxing-2023.json")!r}]))
    """
    env = {**os.environ, "PROBE_OUT": str(out), "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").splitlines() == ["ignored"]


# --- 9: CSV formula injection ----------------------------------------------------------------------------------


def test_the_command_line_guards_formulas_unless_told_not_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An agency starting '-2+3' (a parser can take a title for one) is written with an apostrophe by render --to
    csv; --no-formula-guard writes it as it is, and applies to csv only."""
    doc = tmp_path / "hostile.json"
    doc.write_text(dumps_json(set_pointer(SAMPLE_DOC, "/agency", "-2+3+cmd|' /C calc'!A0")), encoding="utf-8")
    assert main(["render", str(doc), "--to", "csv"]) == 0
    guarded = next(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert guarded["agency"] == "'-2+3+cmd|' /C calc'!A0"
    assert main(["render", str(doc), "--to", "csv", "--no-formula-guard"]) == 0
    assert next(csv.DictReader(io.StringIO(capsys.readouterr().out)))["agency"] == "-2+3+cmd|' /C calc'!A0"
    assert main(["render", str(doc), str(doc), "--to", "csv", "--no-formula-guard"]) == 0
    assert capsys.readouterr().out.count("\n-2+3+cmd") == 400
    assert main(["render", str(doc), "--to", "html", "--no-formula-guard"]) == 2


# Text an attacker controls: formula starts, controls, markup, bidirectional overrides, lone surrogates.
_HOSTILE_PIECES = st.sampled_from(
    ["=", "+", "-", "@", "\t", "\r", "\n", "|", "<script>", "&amp;", "\x1b[2J", "\x00", "\u202e", "\ud800", "'", '"']
)
_HOSTILE_TEXT = st.lists(_HOSTILE_PIECES | st.text(max_size=4), min_size=1, max_size=12).map("".join)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@given(agency=_HOSTILE_TEXT.filter(str.strip), prose=_HOSTILE_TEXT)
def test_hostile_text_goes_through_every_renderer_safely(agency: str, prose: str) -> None:
    """Any agency and prose render in every format: no CSV cell a spreadsheet would run, no formula in XLSX, no
    raw markup in HTML, no terminal escape or lone surrogate in text, and the office files open."""
    import docx  # noqa: PLC0415
    import openpyxl  # noqa: PLC0415

    sample = govreport.loads(SAMPLE_TEXT)
    report = attrs.evolve(sample, agency=agency, title=prose or None, overview=prose)
    rows = list(csv.reader(io.StringIO(str(govreport.render(report, "csv")))))
    assert len(rows) == 201
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(_FORMULA) or re.fullmatch(r"-?[0-9.]+", cell)
    workbook = openpyxl.load_workbook(io.BytesIO(bytes(govreport.render(report, "xlsx"))))
    for sheet in workbook.worksheets:
        for line in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in line)
    docx.Document(io.BytesIO(bytes(govreport.render(report, "docx"))))
    page = str(govreport.render(report, "html"))
    assert "<script>" not in page
    for name in ("html", "markdown", "text", "csv"):
        out = str(govreport.render(report, name))
        assert "\x1b" not in out
        assert "\x00" not in out
        out.encode("utf-8")


@pytest.mark.parametrize(
    ("literal", "rule"),
    [
        ("-3", None),
        (f"-{MAX_COUNT}", None),
        (f"-{MAX_COUNT + 1}", "schema.range"),
        ("1e999999999", "schema.range"),
        ("-1e999999999", "schema.range"),
        ("-2.5", "schema.type"),
    ],
)
def test_a_signed_count_has_the_same_range_on_both_sides(literal: str, rule: str | None) -> None:
    """A 2019 本年增/减 cell may be negative, within the same fifteen digits: the loader and the schema agree."""
    text = (Path(__file__).parent.parent / "conformance" / "2019" / "valid" / "negative-change.json").read_text("utf-8")
    pointer = "/proactive_disclosure/licensing/change"
    assert '"change": -3' in text
    text = text.replace('"change": -3', f'"change": {literal}', 1)
    doc = json.loads(text, parse_float=Decimal)
    assert {(f.rule, f.pointers[0]) for f in schemas.iter_errors(doc)} == ({(rule, pointer)} if rule else set())
    if rule is None:
        govreport.loads(text)
    else:
        assert _problems(text) == {(rule, pointer)}
