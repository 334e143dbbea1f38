"""The JSON Schemas: generated from the edition, shipped as package data, validated with jsonschema."""

from __future__ import annotations

import copy
import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import govreport
from govreport import schemas
from govreport.cli import main
from govreport.editions import e2021, edition_names, get_edition
from govreport.pointers import resolve_ref as _resolve
from govreport.schemas.__main__ import expected_files
from govreport.schemas._generate import agency_pattern

from .conftest import FIXTURES, set_pointer

SCHEMA_DIR = Path(schemas.__file__).parent


def _at(root: dict[str, Any], path: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The property schema at a document path (as written, with title) and its dereferenced schema."""
    node = root
    prop = root
    for token in path:
        prop = _resolve(root, node)["properties"][token]
        node = prop
    return prop, _resolve(root, prop)


def _objects(root: dict[str, Any]) -> Iterator[dict[str, Any]]:
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "object" in (node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]):
                yield node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


# --- shipped, generated, published --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(expected_files()))
def test_shipped_file_is_what_the_generator_produces(name: str) -> None:
    """A shipped schema file that differs from the generator's output fails (run python -m govreport.schemas)."""
    assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == expected_files()[name]


def test_every_edition_has_a_shipped_schema() -> None:
    """Each registered edition's report schema is shipped, and schema() returns exactly that file."""
    for name in edition_names():
        shipped = json.loads((SCHEMA_DIR / schemas.file_name(name)).read_text(encoding="utf-8"))
        assert schemas.schema(name) == shipped == schemas.generate(name)
        assert govreport.schema(edition=name) == shipped


@pytest.mark.parametrize("kind", ["report", "results"])
def test_schemas_are_valid_draft_2020_12(kind: schemas.SchemaKind) -> None:
    """Both schemas are valid draft 2020-12 schemas with $schema and $id."""
    document = schemas.schema() if kind == "report" else schemas.results_schema()
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"].startswith("urn:govreport:schema:")


def test_schema_returns_an_independent_copy() -> None:
    """Changing the dict schema() returned does not change the next one."""
    first = schemas.schema()
    first["properties"].clear()
    assert schemas.schema()["properties"]


def test_unknown_edition_and_kind_are_govreport_errors() -> None:
    """An unknown edition or schema kind raises an error of govreport's hierarchy that names it."""
    with pytest.raises(govreport.UnknownEditionError, match="1999"):
        schemas.schema("1999")
    with pytest.raises(govreport.UnknownEditionError):
        schemas.validate_document({}, edition="1999")
    with pytest.raises(schemas.UnknownSchemaError, match="rules"):
        schemas.schema_text(kind="rules")  # type: ignore[arg-type]
    assert isinstance(schemas.UnknownSchemaError("x"), govreport.GovReportError)


def test_cli_prints_the_shipped_schemas(capsys: pytest.CaptureFixture[str]) -> None:
    """`govreport schema` prints the shipped report schema; --kind results prints the results schema."""
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == schemas.schema_text("2021") == (SCHEMA_DIR / "report-2021.schema.json").read_text(encoding="utf-8")
    assert out.endswith("}\n")
    assert main(["schema", "--edition", "2021", "--kind", "results"]) == 0
    assert json.loads(capsys.readouterr().out) == schemas.results_schema()


def test_cli_schema_with_an_unknown_edition_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """`govreport schema --edition 1999` says the edition is unknown and exits 2, without a traceback."""
    assert main(["schema", "--edition", "1999"]) == 2
    err = capsys.readouterr().err
    assert "1999" in err
    assert "Traceback" not in err


# --- the schema says what the edition declares ------------------------------------------------------------


def test_every_cell_has_its_label_type_and_bounds() -> None:
    """Each of the 200 cells is a property titled with its column label: integer or number ≥ 0, or null."""
    root = schemas.schema()
    edition = get_edition("2021")
    cells = 0
    for table in edition.tables:
        for line, column in table.cells():
            prop, target = _at(root, (*line.path, column.key))
            assert target is prop  # cells are inline, not references
            assert prop["title"] == column.label
            assert prop["type"] == (["number", "null"] if column.kind == "amount" else ["integer", "null"])
            assert prop["minimum"] == 0
            assert column.name_en in prop["description"]
            cells += 1
    assert cells == 200


def test_rows_groups_and_tables_carry_their_labels() -> None:
    """Rows, groups and tables are required properties titled with the official label."""
    root = schemas.schema()
    edition = get_edition("2021")
    for table in edition.tables:
        prop, _ = _at(root, (table.key,))
        assert prop["title"] == table.heading
        assert table.key in root["required"]
        for line in table.lines:
            prop, _ = _at(root, line.path)
            assert prop["title"] == line.label
            parent = _at(root, line.path[:-1])[1]
            assert line.key in parent["required"]
        for group in table.groups:
            if len(group.path) > 1:
                assert _at(root, group.path)[0]["title"] == group.label


def test_top_level_fields_follow_the_declaration() -> None:
    """Every declared field is a property titled with its label, required exactly when declared required."""
    root = schemas.schema()
    for field in e2021.FIELDS:
        assert root["properties"][field.key]["title"] == field.label
        assert (field.key in root["required"]) == field.required
    assert root["properties"]["edition"]["const"] == "2021"
    source = root["properties"]["source"]
    assert set(source["properties"]) == {f.key for f in e2021.SOURCE_FIELDS}
    assert [k for k in root["properties"] if k in {t.key for t in e2021.EDITION.tables}] == [
        "proactive_disclosure",
        "requests",
        "review_and_litigation",
    ]


def test_every_object_forbids_unknown_members() -> None:
    """Every object schema says additionalProperties: false, and lists each of its properties; the one map of
    the results schema, a finding's ``detail``, holds text only."""
    objects = list(_objects(schemas.schema()))
    assert len(objects) >= 14
    for node in objects:
        assert node["additionalProperties"] is False
        assert node["properties"]
    results = schemas.results_schema()
    detail = results["$defs"]["Finding"]["properties"]["detail"]
    assert detail["additionalProperties"] == {"type": "string"}
    for node in _objects(results):
        assert node["additionalProperties"] is False or node is detail


def test_type_comes_first_in_every_subschema() -> None:
    """'type' is the first keyword wherever it appears, which the validator relies on to let type errors win."""
    stack: list[Any] = [schemas.schema()]
    seen = 0
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "type" in node and isinstance(node["type"], str | list) and "$schema" not in node:
                assert next(iter(node)) == "type", node
                seen += 1
            stack.extend(v for k, v in node.items() if k != "properties")
            stack.extend(node.get("properties", {}).values())
    assert seen > 30


def test_agency_pattern_agrees_with_the_loader() -> None:
    """A one-character agency matches the pattern exactly when the loader accepts it as non-empty."""
    pattern = re.compile(agency_pattern())
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        assert (pattern.search(ch) is not None) == bool(ch.strip()), hex(code)


# --- validation ---------------------------------------------------------------------------------------


def test_sample_is_valid_with_plain_jsonschema(sample_text: str) -> None:
    """The sample document is valid against the shipped schema with jsonschema's own Draft202012Validator."""
    validator = jsonschema.Draft202012Validator(schemas.schema())
    assert list(validator.iter_errors(json.loads(sample_text))) == []


def test_sample_is_valid_with_govreport(sample_doc: dict[str, Any]) -> None:
    """The sample (decoded with exact decimals) has no schema finding, and its basic output is valid."""
    assert schemas.validate_document(sample_doc) == []
    assert schemas.is_valid(sample_doc)
    assert schemas.basic_output(sample_doc) == {"valid": True}


def test_every_error_is_reported_at_once(sample_doc: dict[str, Any]) -> None:
    """Many problems in one document are all reported, each with the loader's rule code and pointer."""
    doc = copy.deepcopy(sample_doc)
    doc["requests"]["received"]["total"] = -1
    doc["requests"]["carried_over"]["natural_persons"] = "3"
    doc["requests"]["outcomes"]["withheld"]["a/b~c"] = 0
    del doc["review_and_litigation"]["litigation_direct"]["pending"]
    doc["year"] = 20230
    doc["agency"] = " \u3000"
    doc["edition"] = 2021
    doc["source"] = {"url": "https://example.org", "mirror": True}
    doc["proactive_disclosure"]["fees"]["amount_10k_yuan"] = Decimal("-0.5")
    found = {(f.rule, f.pointers) for f in schemas.iter_errors(doc)}
    assert found == {
        ("values.non_negative", ("/requests/received/total",)),
        ("schema.type", ("/requests/carried_over/natural_persons",)),
        ("schema.additionalProperties", ("/requests/outcomes/withheld/a~1b~0c",)),
        ("schema.required", ("/review_and_litigation/litigation_direct/pending",)),
        ("schema.range", ("/year",)),
        ("schema.minLength", ("/agency",)),
        ("schema.const", ("/edition",)),
        ("schema.additionalProperties", ("/source/mirror",)),
        ("values.non_negative", ("/proactive_disclosure/fees/amount_10k_yuan",)),
    }
    assert not schemas.is_valid(doc)
    assert all(f.severity is govreport.Severity.ERROR for f in schemas.validate_document(doc))


def test_schema_findings_equal_the_loaders(sample_doc: dict[str, Any]) -> None:
    """For a document with many problems, the schema validator and the loader report the same problems."""
    doc = set_pointer(sample_doc, "/requests/received/total", Decimal("-2"))
    doc = set_pointer(doc, "/requests/outcomes/total", [])
    doc = set_pointer(doc, "/title", 5)
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.structure(doc)
    loader = sorted((p.rule, p.pointers, str(p.actual)) for p in info.value.problems)
    schema = sorted((f.rule, f.pointers, str(f.actual)) for f in schemas.iter_errors(doc))
    assert schema == loader


def test_finding_messages_name_the_cell(sample_doc: dict[str, Any]) -> None:
    """A schema finding's message says where, in Chinese by default and in English."""
    doc = set_pointer(sample_doc, "/requests/received/total", -1)
    (finding,) = schemas.validate_document(doc)
    assert finding.expected == 0
    assert finding.actual == -1
    assert "一、本年新收政府信息公开申请数量" in finding.message
    assert "/requests/received/total" in finding.message_in("en")


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (Decimal("3.0"), True),
        (Decimal("1E+2"), True),
        (Decimal("-0.0"), True),
        (3, True),
        (None, True),
        (Decimal("3.5"), False),
        (Decimal("NaN"), False),
        (Decimal("Infinity"), False),
        (True, False),
        ("3", False),
        ([3], False),
        (float("nan"), False),
    ],
)
def test_counts_are_integers_like_the_loader(sample_doc: dict[str, Any], value: object, ok: bool) -> None:
    """A count is an integer (an integral Decimal counts, as in JSON Schema) or null, as the loader reads it."""
    doc = set_pointer(sample_doc, "/requests/received/natural_persons", value)
    assert schemas.is_valid(doc) is ok
    if not ok:
        assert [f.rule for f in schemas.validate_document(doc)] == ["schema.type"]


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        (Decimal("0.10"), None),
        (7545, None),
        (None, None),
        (Decimal("-0.01"), "values.non_negative"),
        ("1", "schema.type"),
    ],
)
def test_the_fee_is_a_number_or_null(sample_doc: dict[str, Any], value: object, rule: str | None) -> None:
    """The fee is any non-negative number or null."""
    doc = set_pointer(sample_doc, "/proactive_disclosure/fees/amount_10k_yuan", value)
    assert [f.rule for f in schemas.validate_document(doc)] == ([rule] if rule else [])


@pytest.mark.parametrize("document", [None, [], "report", 3, Decimal("1.5"), True])
def test_a_document_that_is_not_an_object(document: object) -> None:
    """A document that is not an object is one schema.type finding at the root pointer."""
    (finding,) = schemas.validate_document(document)
    assert (finding.rule, finding.pointers, finding.expected) == ("schema.type", ("",), "object")


def test_hostile_documents_get_findings_not_tracebacks(sample_doc: dict[str, Any]) -> None:
    """Non-string keys, Python objects, a deeply nested unknown member and huge numbers give findings."""
    doc = copy.deepcopy(sample_doc)
    nested: Any = 0
    for _ in range(5000):
        nested = {"x": nested}
    doc[1] = "non-string key"  # type: ignore[index]
    doc["deep"] = nested
    doc["requests"]["received"]["total"] = Decimal("1E+100000")
    doc["requests"]["received"]["natural_persons"] = object()
    doc["overview"] = b"bytes"
    found = {(f.rule, f.pointers[0]) for f in schemas.iter_errors(doc)}
    assert found == {
        ("schema.additionalProperties", "/1"),
        ("schema.additionalProperties", "/deep"),
        ("schema.type", "/requests/received/natural_persons"),
        ("schema.type", "/overview"),
        ("schema.range", "/requests/received/total"),  # past govreport.limits.MAX_COUNT
    }


def test_unpaired_surrogates_are_reported_like_the_loader(sample_doc: dict[str, Any]) -> None:
    """Text with an unpaired surrogate is a schema.text finding (outside the JSON Schema), as in the loader."""
    doc = set_pointer(sample_doc, "/overview", "前\ud800后")
    doc = set_pointer(doc, "/source", {"contact": "\udfff"})
    assert [(f.rule, f.pointers[0]) for f in schemas.iter_errors(doc)] == [
        ("schema.text", "/overview"),
        ("schema.text", "/source/contact"),
    ]
    assert schemas.basic_output(doc) == {"valid": True}  # JSON Schema itself cannot say it


def test_the_document_edition_chooses_the_schema(sample_doc: dict[str, Any]) -> None:
    """An unknown edition member is one schema.const finding; edition= forces a schema, as loads(edition=) does."""
    doc = set_pointer(sample_doc, "/edition", "2018")
    assert [(f.rule, f.pointers[0], f.expected) for f in schemas.iter_errors(doc)] == [
        ("schema.const", "/edition", '"2021"')
    ]
    assert schemas.validate_document(sample_doc, edition="2021") == []


def test_validators_are_compiled_once() -> None:
    """The compiled validators are cached, not rebuilt per call."""
    assert schemas.report_validator("2021") is schemas.report_validator("2021")
    assert schemas.results_validator() is schemas.results_validator()


# --- the basic output format --------------------------------------------------------------------------


def test_basic_output_lists_every_error_with_locations(sample_doc: dict[str, Any]) -> None:
    """The basic output has one unit per error with keyword, absolute keyword and instance locations."""
    doc = set_pointer(sample_doc, "/requests/outcomes/withheld/state_secret/total", "x")
    doc = set_pointer(doc, "/agency", "")
    out = schemas.basic_output(doc)
    assert out["valid"] is False
    by_instance = {u["instanceLocation"]: u for u in out["errors"]}
    cell = by_instance["/requests/outcomes/withheld/state_secret/total"]
    assert cell["keywordLocation"] == (
        "/properties/requests/$ref/properties/outcomes/$ref/properties/withheld/$ref"
        "/properties/state_secret/$ref/properties/total/type"
    )
    assert cell["absoluteKeywordLocation"] == "urn:govreport:schema:report-2021#/$defs/RequestRow/properties/total/type"
    assert {u["keywordLocation"] for u in out["errors"] if u["instanceLocation"] == "/agency"} == {
        "/properties/agency/minLength",
        "/properties/agency/pattern",
    }
    root = schemas.schema()
    for unit in out["errors"]:
        assert set(unit) == {"keywordLocation", "absoluteKeywordLocation", "instanceLocation", "error"}
        # the absolute location really names the failing keyword in the schema
        fragment = unit["absoluteKeywordLocation"].split("#", 1)[1]
        node: Any = root
        for token in fragment.lstrip("/").split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        assert node is not None


# --- the results schema -------------------------------------------------------------------------------


def test_validate_json_output_matches_the_results_schema(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    """Each line of `govreport validate --json`, for valid, invalid and unreadable files, fits the results schema."""
    broken = set_pointer(sample_doc, "/requests/received/total", 1)
    files = [FIXTURES / "jingxing-2023.json", tmp_path / "broken.json", tmp_path / "bad.json", tmp_path / "neg.json"]
    files[1].write_text(govreport.serialization.dumps_json(broken), encoding="utf-8")
    files[2].write_text("{not json", encoding="utf-8")
    files[3].write_text(
        govreport.serialization.dumps_json(set_pointer(sample_doc, "/requests/received/total", -1)), encoding="utf-8"
    )
    out = io.StringIO()
    old, sys.stdout = sys.stdout, out
    try:
        status = main(["validate", "--json", *map(str, files)])
    finally:
        sys.stdout = old
    assert status == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    validator = schemas.results_validator()
    for line in lines:
        result = json.loads(line, parse_float=Decimal)
        assert list(validator.iter_errors(result)) == []
    assert not json.loads(lines[1])["valid"]


def test_validation_result_dict_matches_the_results_schema(sample: govreport.Report) -> None:
    """ValidationResult.to_dict() fits the results schema, and a wrong shape does not."""
    result = govreport.validate(sample).to_dict("en")
    validator = jsonschema.Draft202012Validator(schemas.results_schema())
    assert validator.is_valid(json.loads(govreport.serialization.dumps_json(result)))
    result["findings"][0]["severity"] = "fatal"
    assert not validator.is_valid(json.loads(govreport.serialization.dumps_json(result)))


# --- packaging ----------------------------------------------------------------------------------------


def test_the_wheel_ships_the_schema_files(tmp_path: Path) -> None:
    """A wheel built from the source tree contains both schema files."""
    pytest.importorskip("hatchling")
    root = Path(__file__).parent.parent
    if not (root / "pyproject.toml").is_file():  # pragma: no cover - tests run from a checkout
        pytest.skip("not a source checkout")
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from hatchling.build import build_wheel; build_wheel(sys.argv[1])",
            tmp_path,
        ],
        cwd=root,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in expected_files():
        assert f"govreport/schemas/{name}" in names


def test_ints_too_long_to_print_get_findings(sample_doc: dict[str, Any]) -> None:
    """A Python caller's int of 5000 digits (JSON text cannot carry one) gets findings with printable messages."""
    huge = 10**5000
    doc = set_pointer(sample_doc, "/year", huge)
    doc = set_pointer(doc, "/title", -huge)
    doc = set_pointer(doc, "/requests/received/total", -huge)
    findings = schemas.validate_document(doc)
    assert {(f.rule, f.pointers[0]) for f in findings} == {
        ("schema.range", "/year"),
        ("schema.type", "/title"),
        ("values.non_negative", "/requests/received/total"),
    }
    for f in findings:
        assert f.pointers[0] in f.message_in("en")
    out = schemas.basic_output(doc)
    assert {u["instanceLocation"] for u in out["errors"]} == {"/year", "/title", "/requests/received/total"}
