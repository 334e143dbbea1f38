"""JSON in and out: lossless round trips, exact decimals, and one error listing every problem."""

from __future__ import annotations

import collections
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from cattrs.errors import ClassValidationError
from hypothesis import given
from hypothesis import strategies as st

import govreport
import govreport.model
from govreport import serialization
from govreport.serialization import MAX_DOCUMENT_CHARS, dumps_json

from .conftest import FIXTURES, set_pointer


def _problems(data: str | bytes) -> list[tuple[str, tuple[str, ...]]]:
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.loads(data)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, govreport.GovReportError)
    return [(p.rule, p.pointers) for p in info.value.problems]


def test_sample_loads_with_every_number(sample: govreport.Report) -> None:
    """The sample document loads into the model with its published numbers."""
    assert sample.agency == "井陘礦區政府"
    assert sample.year == 2023
    assert sample.requests.received.natural_persons == 73
    assert sample.requests.outcomes.granted.total == 69
    assert sample.requests.outcomes.unavailable.not_held.natural_persons == 1
    assert sample.proactive_disclosure.normative_documents.in_force == 22
    assert sample.proactive_disclosure.licensing.decisions == 1926
    assert sample.proactive_disclosure.fees.amount_10k_yuan == Decimal("722.61")
    assert type(sample.proactive_disclosure.fees.amount_10k_yuan) is Decimal


def test_round_trip_is_lossless(sample: govreport.Report, sample_text: str) -> None:
    """loads(dumps(r)) == r, and the written document equals the published contract JSON."""
    text = govreport.dumps(sample)
    assert govreport.loads(text) == sample
    assert json.loads(text) == json.loads(sample_text)
    assert '"amount_10k_yuan": 722.61' in text
    assert "722.6099" not in text


_ROOT = Path(__file__).resolve().parent.parent
#: What dumps() wrote for the bundled example and for every loadable conformance document, committed as bytes
#: (tests/fixtures/dumps/), so a faster writer cannot change a byte; the 2019 edition's documents are named
#: ``2019-…``. The jingxing conformance copies are the example itself and share its file.
_DUMPED = {
    "example-2023": _ROOT / "src" / "govreport" / "data" / "example-2023.json",
    **{
        f"{path.parent.name}-{path.stem}": path
        for folder in ("valid", "rules")
        for path in sorted((_ROOT / "conformance" / folder).glob("*.json"))
    },
    **{
        f"2019-{path.parent.name}-{path.stem}": path
        for folder in ("valid", "rules")
        for path in sorted((_ROOT / "conformance" / "2019" / folder).glob("*.json"))
    },
}
_SAME_AS = {"valid-jingxing-2023": "example-2023", "rules-jingxing-2023": "example-2023"}


@pytest.mark.parametrize("name", sorted(_DUMPED))
def test_dumps_writes_the_committed_bytes(name: str) -> None:
    """dumps() of each document writes exactly the bytes committed for it, final newline added by dump()."""
    report = govreport.loads(_DUMPED[name].read_bytes())
    expected = (FIXTURES / "dumps" / f"{_SAME_AS.get(name, name)}.json").read_bytes()
    assert (govreport.dumps(report) + "\n").encode("utf-8") == expected
    out = io.StringIO()
    govreport.dump(report, out)
    assert out.getvalue().encode("utf-8") == expected


@pytest.mark.parametrize("indent", [None, 0])
def test_dumps_with_other_indents_writes_the_committed_bytes(indent: int | None) -> None:
    """dumps() on one line (indent=None) and with indent=0 writes exactly the committed bytes."""
    report = govreport.loads(govreport.example_document())
    name = "none" if indent is None else str(indent)
    expected = (FIXTURES / "dumps" / f"example-2023.indent-{name}.json").read_bytes()
    assert (govreport.dumps(report, indent=indent) + "\n").encode("utf-8") == expected


def test_prose_is_kept_byte_for_byte(sample: govreport.Report, sample_doc: dict[str, Any]) -> None:
    """Prose, including traditional characters and line breaks, is not normalised."""
    for key in ("overview", "problems_and_improvements", "other_matters", "preamble", "title"):
        assert getattr(sample, key) == sample_doc[key]
    again = govreport.loads(govreport.dumps(sample).encode("utf-8"))
    assert again.overview.encode("utf-8") == sample_doc["overview"].encode("utf-8")


@pytest.mark.parametrize("literal", ["0", "7545", "96171.6", "722.61", "0.10", "1E+2", "123456789012345.678901"])
def test_fee_is_an_exact_decimal(sample_doc: dict[str, Any], literal: str) -> None:
    """The fee goes in and out digit for digit, never through a binary float."""
    doc = set_pointer(sample_doc, "/proactive_disclosure/fees/amount_10k_yuan", Decimal(literal))
    text = dumps_json(doc)
    report = govreport.loads(text)
    assert report.proactive_disclosure.fees.amount_10k_yuan == Decimal(literal)
    assert f'"amount_10k_yuan": {Decimal(literal)}' in govreport.dumps(report)


def test_optional_metadata_is_omitted_when_absent(sample_doc: dict[str, Any]) -> None:
    """title, preamble and source are written only when present; cells are always written."""
    doc = dict(sample_doc)
    del doc["title"], doc["preamble"]
    report = govreport.loads(dumps_json(doc))
    assert report.title is None
    out = json.loads(govreport.dumps(report))
    assert "title" not in out
    assert "source" not in out
    with_source = govreport.loads(dumps_json({**doc, "source": {"url": "http://example.gov.cn/r.html"}}))
    assert json.loads(govreport.dumps(with_source))["source"] == {"url": "http://example.gov.cn/r.html"}


def test_missing_cells_are_null_not_zero(sample_doc: dict[str, Any]) -> None:
    """A null cell loads as None and is written back as null."""
    doc = set_pointer(sample_doc, "/requests/outcomes/granted/total", None)
    report = govreport.loads(dumps_json(doc))
    assert report.requests.outcomes.granted.total is None
    assert json.loads(govreport.dumps(report))["requests"]["outcomes"]["granted"]["total"] is None


def test_integral_numbers_are_counts(sample_doc: dict[str, Any]) -> None:
    """A count written 3.0 is the integer 3 (JSON Schema's notion of integer)."""
    doc = set_pointer(sample_doc, "/proactive_disclosure/penalties/decisions", Decimal("268.0"))
    report = govreport.loads(dumps_json(doc))
    assert report.proactive_disclosure.penalties.decisions == 268
    assert type(report.proactive_disclosure.penalties.decisions) is int


def test_every_problem_is_listed_with_its_pointer(sample_doc: dict[str, Any]) -> None:
    """One error lists every problem of a bad document, each with its JSON Pointer."""
    doc = set_pointer(sample_doc, "/requests/received/total", "73")
    doc = set_pointer(doc, "/requests/received/natural_persons", -1)
    doc = set_pointer(doc, "/requests/foo", 1)
    doc = set_pointer(doc, "/proactive_disclosure/fees/amount_10k_yuan", True)
    doc = set_pointer(doc, "/review_and_litigation/litigation_direct", [])
    doc = set_pointer(doc, "/year", "2023")
    del doc["overview"]
    problems = _problems(dumps_json(doc))
    assert sorted(problems) == sorted(
        [
            ("schema.type", ("/year",)),
            ("schema.required", ("/overview",)),
            ("schema.type", ("/proactive_disclosure/fees/amount_10k_yuan",)),
            ("values.non_negative", ("/requests/received/natural_persons",)),
            ("schema.type", ("/requests/received/total",)),
            ("schema.additionalProperties", ("/requests/foo",)),
            ("schema.type", ("/review_and_litigation/litigation_direct",)),
        ]
    )


@pytest.mark.parametrize(
    ("pointer", "value", "rule"),
    [
        ("/requests/received/total", 7.5, "schema.type"),
        ("/requests/received/total", True, "schema.type"),
        ("/requests/received/total", {}, "schema.type"),
        ("/proactive_disclosure/fees/amount_10k_yuan", "722.61", "schema.type"),
        ("/proactive_disclosure/fees/amount_10k_yuan", -1, "values.non_negative"),
        ("/agency", "  ", "schema.minLength"),
        ("/agency", None, "schema.type"),
        ("/edition", "2018", "schema.const"),
        ("/year", 20233, "schema.range"),
        ("/overview", 5, "schema.type"),
        ("/source", {"url": 1}, "schema.type"),
        ("/source", {"publisher": "x"}, "schema.additionalProperties"),
    ],
)
def test_bad_members_are_named(sample_doc: dict[str, Any], pointer: str, value: Any, rule: str) -> None:
    """Each kind of bad member is reported with its rule code and pointer."""
    problems = _problems(
        dumps_json(set_pointer(sample_doc, pointer, Decimal(str(value)) if isinstance(value, float) else value))
    )
    assert len(problems) == 1
    got_rule, pointers = problems[0]
    assert got_rule == rule
    assert pointers[0].startswith(pointer)


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        ("", "json.syntax"),
        ("{", "json.syntax"),
        ('{"a": NaN}', "json.syntax"),
        ("[" * 100_000 + "]" * 100_000, "json.too_deep"),
        ("9" * 5000, "schema.type"),  # a number, not an object: read whole though int() stops at 4300 digits
        (b"\xff\xfe{}", "json.encoding"),
        ("[]", "schema.type"),
        ('"report"', "schema.type"),
        ("null", "schema.type"),
    ],
)
def test_not_a_document(data: str | bytes, rule: str) -> None:
    """Malformed, deep or non-object input gives a ReportDecodeError, never a foreign exception."""
    assert [r for r, _ in _problems(data)] == [rule]


def test_huge_input_is_refused_early() -> None:
    """A document over the size limit is refused before it is decoded."""
    assert [r for r, _ in _problems(" " * (MAX_DOCUMENT_CHARS + 1))] == ["json.too_large"]


def test_unpaired_surrogates_are_rejected(sample_doc: dict[str, Any]) -> None:
    """Text that cannot be written back as UTF-8 is refused with its pointer."""
    text = dumps_json(sample_doc).replace('"title": "', '"title": "\\ud800', 1)
    assert _problems(text) == [("schema.text", ("/title",))]


def test_error_message_names_every_pointer(sample_doc: dict[str, Any]) -> None:
    """str(error) is a readable summary that names each pointer."""
    doc = set_pointer(sample_doc, "/requests/foo", 1)
    doc = set_pointer(doc, "/year", "x")
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.loads(dumps_json(doc), source="r.json")
    text = str(info.value)
    assert text.startswith("r.json: not a valid report document (2 problems)")
    assert "/requests/foo" in text
    assert "/year" in text


def test_load_and_dump_files(tmp_path: Path, sample: govreport.Report) -> None:
    """load/dump accept paths and open files, text or binary."""
    path = tmp_path / "r.json"
    govreport.dump(sample, path)
    assert path.read_text(encoding="utf-8").endswith("}\n")
    assert govreport.load(path) == sample
    assert govreport.load(str(path)) == sample
    with path.open("rb") as fb:
        assert govreport.load(fb) == sample
    buf = io.StringIO()
    govreport.dump(sample, buf)
    assert govreport.load(io.StringIO(buf.getvalue())) == sample


def test_edition_can_be_required(sample_text: str) -> None:
    """loads(edition=...) refuses a document of another edition."""
    assert govreport.loads(sample_text, edition="2021").edition == "2021"
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.loads(sample_text, edition="2019")
    assert info.value.problems[0].pointers == ("/edition",)


def test_own_converter_can_be_configured(sample_doc: dict[str, Any]) -> None:
    """make_converter() builds a converter that structures and unstructures reports like loads/dumps."""
    converter = govreport.make_converter()
    report = converter.structure(sample_doc, govreport.Report)
    assert report == govreport.structure(sample_doc)
    assert converter.unstructure(report)["requests"] == sample_doc["requests"]


def test_each_class_is_generated_once(monkeypatch: pytest.MonkeyPatch, sample_doc: dict[str, Any]) -> None:
    """A new converter generates each model class's structure function once, not once per path, and a failing
    document generates none again."""
    counts: collections.Counter[str] = collections.Counter()
    real = serialization.make_dict_structure_fn

    def counting(cls: type, *args: Any, **kwargs: Any) -> Any:
        counts[cls.__name__] += 1
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(serialization, "make_dict_structure_fn", counting)
    converter = serialization.make_converter()
    converter.structure(sample_doc, govreport.Report)
    assert counts["RequestRow"] == 1
    assert max(counts.values()) == 1
    bad = set_pointer(sample_doc, "/requests/received/total", "many")
    for _ in range(2):
        with pytest.raises(ClassValidationError):
            converter.structure(bad, govreport.Report)
    assert max(counts.values()) == 1


def test_rows_of_zeros_are_shared_and_checked(sample_doc: dict[str, Any]) -> None:
    """Every row of zeros of a loaded report is one shared instance of its class, equal to a row built by hand;
    zeros written as 0.0 are read as ints and false is still refused."""
    report = govreport.loads(dumps_json(sample_doc))
    rows = report.requests.outcomes.withheld
    zero = govreport.model.RequestRow(**dict.fromkeys(attrs.fields_dict(govreport.model.RequestRow), 0))
    assert rows.state_secret is rows.prohibited_by_law
    assert rows.state_secret == zero
    assert govreport.loads(dumps_json(sample_doc)).requests.outcomes.withheld.state_secret is rows.state_secret
    zero_doc = dict.fromkeys(attrs.fields_dict(govreport.model.RequestRow), 0)
    as_decimal = govreport.loads(
        dumps_json(set_pointer(sample_doc, "/requests/outcomes/withheld/state_secret", {**zero_doc, "total": 0.0}))
    )
    assert as_decimal.requests.outcomes.withheld.state_secret == zero
    assert type(as_decimal.requests.outcomes.withheld.state_secret.total) is int
    with pytest.raises(govreport.ReportDecodeError) as caught:
        govreport.loads(
            dumps_json(
                set_pointer(sample_doc, "/requests/outcomes/withheld/state_secret", {**zero_doc, "total": False})
            )
        )
    assert [f.pointers for f in caught.value.problems] == [("/requests/outcomes/withheld/state_secret/total",)]


_CELL_VALUES = st.one_of(
    st.integers(min_value=-3, max_value=10**6),
    st.none(),
    st.booleans(),
    st.decimals(allow_nan=False, allow_infinity=False, places=1, min_value=-5, max_value=5),
    st.text(max_size=3),
)


_SAMPLE_DOC = json.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8"), parse_float=Decimal)


@given(cells=st.lists(_CELL_VALUES, min_size=7, max_size=7), extra=st.booleans(), drop=st.booleans())
def test_row_fast_path_agrees_with_the_rules_of_a_cell(cells: list[Any], extra: bool, drop: bool) -> None:
    """However a request row is written, it loads exactly when every cell is a count (or null), as the contract says."""
    sample_doc = _SAMPLE_DOC
    keys = list(sample_doc["requests"]["received"])
    row: dict[str, Any] = dict(zip(keys, cells, strict=True))
    if extra:
        row["subtotal"] = 0
    if drop:
        del row["total"]
    doc = set_pointer(sample_doc, "/requests/received", row)

    def ok(v: Any) -> bool:
        if v is None or (type(v) is int and v >= 0):
            return True
        return type(v) is Decimal and v == v.to_integral_value() and v >= 0

    expected_problems = {f"/requests/received/{k}" for k, v in row.items() if k in keys and not ok(v)}
    if extra:
        expected_problems.add("/requests/received/subtotal")
    if drop:
        expected_problems.add("/requests/received/total")
    if expected_problems:
        with pytest.raises(govreport.ReportDecodeError) as info:
            govreport.loads(dumps_json(doc))
        assert {p.pointers[0] for p in info.value.problems} == expected_problems
    else:
        report = govreport.loads(dumps_json(doc))
        got = [getattr(report.requests.received, k) for k in keys]
        assert got == [None if v is None else int(v) for v in cells]


def test_document_must_name_its_edition(sample_doc: dict[str, Any]) -> None:
    """A document without "edition" is refused, as the schema refuses it, together with its other problems."""
    doc = {k: v for k, v in sample_doc.items() if k != "edition"}
    assert _problems(dumps_json(doc)) == [("schema.required", ("/edition",))]
    doc["year"] = "x"
    assert sorted(_problems(dumps_json(doc))) == [("schema.required", ("/edition",)), ("schema.type", ("/year",))]


def test_huge_integers_from_python_are_reported_not_crashed(sample_doc: dict[str, Any]) -> None:
    """Integers past str()'s digit limit, handed in by a Python caller, give a ReportDecodeError, not ValueError."""
    doc = set_pointer(sample_doc, "/requests/received/total", -(10**6000))
    doc = set_pointer(doc, "/year", 10**5000)
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.structure(doc)
    assert sorted((p.rule, p.pointers[0]) for p in info.value.problems) == [
        ("schema.range", "/year"),
        ("values.non_negative", "/requests/received/total"),
    ]
    assert "bits" in str(info.value)


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=8)
    | st.decimals(allow_nan=False, allow_infinity=False, places=2),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@given(
    pointer=st.sampled_from(
        [
            "",
            "/requests",
            "/requests/outcomes",
            "/requests/outcomes/withheld",
            "/requests/received",
            "/requests/received/total",
            "/proactive_disclosure/fees",
            "/review_and_litigation",
            "/source",
            "/year",
        ]
    ),
    value=_JSON,
)
def test_any_json_in_any_place_loads_or_fails_cleanly(pointer: str, value: Any) -> None:
    """Whatever JSON stands at any place of a document, loading gives a report or a ReportDecodeError naming it."""
    doc = value if pointer == "" else set_pointer(_SAMPLE_DOC, pointer, value)
    error: govreport.ReportDecodeError | None = None
    try:
        report = govreport.loads(dumps_json(doc))
    except govreport.ReportDecodeError as e:
        error = e
    if error is None:
        assert govreport.loads(govreport.dumps(report)) == report
    else:
        assert error.problems
        assert all(p.pointers and (p.pointers[0] + "/").startswith(pointer + "/") for p in error.problems)
        assert str(error)
