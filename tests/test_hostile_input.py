"""Hostile and odd input (issue 17): bounded work, govreport's own errors, every input accounted for.

Each reproducer of the issue is a test here, next to a property test of its class: numbers in every numeric
position, non-regular files, size bombs (bounded through limits and counters, never through the clock) and hostile
strings through every renderer live in this module and in ``test_cli.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport import schemas
from govreport._io import read_file, read_stream
from govreport.errors import InputTooLargeError, NotRegularFileError
from govreport.limits import MAX_AMOUNT, MAX_COUNT, MAX_DOCUMENT_BYTES, MAX_YEAR, MIN_YEAR
from govreport.serialization import dumps_json

from .conftest import FIXTURES, set_pointer

SAMPLE_DOC: dict[str, Any] = json.loads((FIXTURES / "jingxing-2023.json").read_text("utf-8"), parse_float=Decimal)
SAMPLE_TEXT = dumps_json(SAMPLE_DOC)
EDITION = govreport.get_edition("2021")
COUNT = "/requests/received/total"
FEE = "/proactive_disclosure/fees/amount_10k_yuan"


def _problems(text: str | bytes) -> set[tuple[str, str]]:
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.loads(text)
    return {(p.rule, p.pointers[0] if p.pointers else "") for p in info.value.problems}


def _run_with_budget(code: str, *, cpu_seconds: int = 20, memory: int = 2 << 30) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter under a CPU-time and address-space budget (resource limits, not a
    clock): work that grows with the input instead of with the limits gets the process killed, so the test fails
    instead of hanging."""
    resource = pytest.importorskip("resource")

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-c", code],
        preexec_fn=limits,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )


# --- 1 and 2: numbers out of range are refused at their pointer, before any work that grows with them ---------


def test_a_49_byte_document_with_a_huge_exponent_is_refused_within_budget() -> None:
    """``year: 1e999999999`` is a schema.range finding at /year, well within a small CPU and memory budget (it
    made the loader build a billion-digit int: killed after 20 s with 436 MB)."""
    code = """if True:
        import govreport
        try:
            govreport.loads('{"edition":"2021","agency":"x","year":1e999999999}')
        except govreport.ReportDecodeError as e:
            print(sorted((p.rule, p.pointers[0]) for p in e.problems)[0])
    """
    done = _run_with_budget(code, cpu_seconds=10, memory=1 << 30)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "('schema.range', '/year')"


@pytest.mark.parametrize("literal", ["1e5000", "1e999999999", "1E+999999999", "2.5e999999999", "1" + "0" * 5000])
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
        ("-1e999999999", "values.non_negative"),  # its difference from 0 overflows Decimal's context
    ],
)
def test_numbers_beyond_decimal_are_findings_not_exceptions(literal: str, rule: str) -> None:
    """Exponents no Decimal holds, and negatives whose difference overflows, are findings at the pointer."""
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
    done = _run_with_budget(code, memory=1 << 30)
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
