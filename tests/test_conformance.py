"""The conformance cases in conformance/: every implementation of the contract must agree with them, and so do we.

Each case is run three ways where it applies: plain jsonschema (what a tool in any language does with the
shipped schema), govreport's schema validator (findings with rule codes and pointers) and govreport's loader and
rule engine.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import govreport
from govreport import schemas
from govreport.cli import main

ROOT = Path(__file__).parent.parent / "conformance"
MANIFEST: dict[str, Any] = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = MANIFEST["cases"]


def _cases(expect: str) -> list[Any]:
    return [pytest.param(c, id=c["id"]) for c in CASES if c["expect"] == expect]


def _exact(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def _plain(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _schema_validator() -> jsonschema.Draft202012Validator:
    shipped = json.loads((ROOT / MANIFEST["schema"]).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(shipped)


def _pairs(items: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(item[k] for k in keys) for item in items)


def test_manifest_lists_every_fixture_and_only_existing_files() -> None:
    """Every JSON file under conformance/ is a case (or a case's previous report), and every case file exists."""
    listed = {c["file"] for c in CASES} | {c["previous"] for c in CASES if "previous" in c}
    on_disk = {str(p.relative_to(ROOT)) for p in ROOT.rglob("*.json") if p.name != "manifest.json"}
    assert listed == on_disk
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert {c["expect"] for c in CASES} == {"valid", "invalid", "findings"}
    assert (ROOT / MANIFEST["schema"]).resolve() == (
        Path(schemas.__file__).parent / schemas.file_name(MANIFEST["edition"])
    ).resolve()


def test_every_loader_rule_code_has_a_case() -> None:
    """The invalid cases cover every rule code the schema validator can report."""
    codes = {e["rule"] for c in CASES if c["expect"] == "invalid" for e in c["errors"]}
    assert codes == {
        "schema.type",
        "schema.required",
        "schema.additionalProperties",
        "schema.const",
        "schema.minLength",
        "schema.range",
        "schema.text",
        "values.non_negative",
    }


@pytest.mark.parametrize("case", _cases("valid"))
def test_valid_case(case: dict[str, Any]) -> None:
    """A valid case passes plain jsonschema and govreport's validator, and loads into the model."""
    path = ROOT / case["file"]
    assert list(_schema_validator().iter_errors(_plain(path))) == []
    assert schemas.validate_document(_exact(path)) == []
    report = govreport.load(path)
    assert govreport.loads(govreport.dumps(report)) == report


@pytest.mark.parametrize("case", _cases("invalid"))
def test_invalid_case_with_plain_jsonschema(case: dict[str, Any]) -> None:
    """Plain jsonschema reports exactly the listed (keyword, instance location) errors."""
    errors = list(_schema_validator().iter_errors(_plain(ROOT / case["file"])))
    got = sorted(
        {
            (e.validator, "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in e.absolute_path))
            for e in errors
        }
    )
    assert got == _pairs(case["json_schema_errors"], "keyword", "instanceLocation")
    assert (not errors) == case.get("json_schema_valid", False)


@pytest.mark.parametrize("case", _cases("invalid"))
def test_invalid_case_with_govreport_schema_validator(case: dict[str, Any]) -> None:
    """govreport's schema validator reports exactly the listed (rule, pointer) findings, all errors."""
    findings = schemas.validate_document(_exact(ROOT / case["file"]))
    assert sorted((f.rule, f.pointers[0]) for f in findings) == _pairs(case["errors"], "rule", "pointer")
    assert all(f.severity is govreport.Severity.ERROR for f in findings)


@pytest.mark.parametrize("case", _cases("invalid"))
def test_invalid_case_with_the_loader(case: dict[str, Any]) -> None:
    """The loader rejects the document with the same (rule, pointer) pairs, unless the case says it accepts it."""
    path = ROOT / case["file"]
    if case.get("loader_accepts"):
        govreport.load(path)
        return
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.load(path)
    got = sorted((p.rule, p.pointers[0]) for p in info.value.problems)
    assert got == _pairs(case["errors"], "rule", "pointer")


def test_invalid_cases_through_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`govreport validate --json` rejects every invalid case the loader rejects, naming the listed pointers."""
    cases = [c for c in CASES if c["expect"] == "invalid" and not c.get("loader_accepts")]
    assert main(["validate", "--json", *(str(ROOT / c["file"]) for c in cases)]) == 2
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    by_file = {Path(line["file"]).resolve(): line for line in lines if "file" in line}
    for case in cases:
        line = by_file[(ROOT / case["file"]).resolve()]
        assert line["valid"] is False
        assert _pairs(
            [{"rule": f["rule"], "pointer": f["pointers"][0]} for f in line["findings"]], "rule", "pointer"
        ) == _pairs(case["errors"], "rule", "pointer")


_FINDING_KEYS = ("rule", "pointer", "severity", "status", "expected", "actual", "difference")


def _finding_tuple(item: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(item.get(k) for k in _FINDING_KEYS)


@pytest.mark.parametrize("case", _cases("findings"))
def test_rule_case(case: dict[str, Any]) -> None:
    """A rule case is schema-valid, loads, and validate() yields exactly the listed findings and verdict."""
    path = ROOT / case["file"]
    assert schemas.validate_document(_exact(path)) == []
    assert list(_schema_validator().iter_errors(_plain(path))) == []
    previous = govreport.load(ROOT / case["previous"]) if "previous" in case else None
    result = govreport.validate(govreport.load(path), previous)
    got = sorted(
        (_finding_tuple(f.to_dict() | {"pointer": f.pointers[0]}) for f in result.findings),
        key=repr,
    )
    want = sorted((_finding_tuple(item) for item in _exact_items(case["findings"])), key=repr)
    assert got == want
    assert result.valid is case["valid"]


def _exact_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # The manifest is read with floats off the shelf; numbers in findings are integers or decimals.
    convert: Callable[[Any], Any] = lambda v: Decimal(repr(v)) if isinstance(v, float) else v  # noqa: E731
    return [{k: convert(v) for k, v in item.items()} for item in items]
