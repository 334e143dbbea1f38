"""The conformance cases in conformance/: every implementation of the contract must agree with them, and so do we.

Each case is run three ways where it applies: plain jsonschema (what a tool in any language does with the
shipped schema), govreport's schema validator (findings with rule codes and pointers) and govreport's loader and
rule engine. There is one manifest per edition: ``conformance/manifest.json`` (2021) and
``conformance/2019/manifest.json`` (the 2019 trial edition).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import govreport
from govreport import schemas
from govreport.cli import main

TOP = Path(__file__).parent.parent / "conformance"
#: Each manifest's directory (cases are relative to it) and the manifest.
MANIFESTS: dict[Path, dict[str, Any]] = {
    path.parent: json.loads(path.read_text(encoding="utf-8")) for path in sorted(TOP.rglob("manifest.json"))
}
#: The cases of the 2021 manifest.
CASES: list[dict[str, Any]] = MANIFESTS[TOP]["cases"]


@attrs.frozen
class Case:
    """One case with the directory and manifest it belongs to."""

    root: Path
    manifest: dict[str, Any] = attrs.field(repr=False)
    data: dict[str, Any] = attrs.field(repr=False)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, default: Any = None) -> Any:
        """The member ``key`` of the case, or ``default``."""
        return self.data.get(key, default)

    @property
    def path(self) -> Path:
        """The case's document."""
        return self.root / self.data["file"]


def _all_cases() -> list[Case]:
    return [Case(root, manifest, c) for root, manifest in MANIFESTS.items() for c in manifest["cases"]]


def _case_id(case: Case) -> str:
    prefix = "" if case.root == TOP else f"{case.root.relative_to(TOP)}/"
    return prefix + str(case["id"])


def _cases(expect: str) -> list[Any]:
    return [pytest.param(c, id=_case_id(c)) for c in _all_cases() if c["expect"] == expect]


def _exact(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def _plain(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _schema_validator(case: Case) -> jsonschema.Draft202012Validator:
    shipped = json.loads((case.root / case.manifest["schema"]).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(shipped)


def _pairs(items: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(item[k] for k in keys) for item in items)


def test_there_is_a_manifest_per_edition() -> None:
    """The 2021 manifest is at the top of conformance/, the 2019 one in conformance/2019/."""
    assert {root.relative_to(TOP).as_posix(): m["edition"] for root, m in MANIFESTS.items()} == {
        ".": "2021",
        "2019": "2019",
    }


@pytest.mark.parametrize("root", sorted(MANIFESTS), ids=lambda p: p.name)
def test_manifest_lists_every_fixture_and_only_existing_files(root: Path) -> None:
    """Every JSON file of a manifest's directory (outside other manifests' directories) is a case, or a case's
    previous report, and every case file exists."""
    manifest = MANIFESTS[root]
    cases = manifest["cases"]
    others = [r for r in MANIFESTS if r != root and root in r.parents]
    listed = {c["file"] for c in cases} | {c["previous"] for c in cases if "previous" in c}
    on_disk = {
        str(p.relative_to(root))
        for p in root.rglob("*.json")
        if p.name != "manifest.json" and not any(o in p.parents for o in others)
    }
    assert listed == on_disk
    assert len({c["id"] for c in cases}) == len(cases)
    assert {c["expect"] for c in cases} == {"valid", "invalid", "findings"}
    assert (root / manifest["schema"]).resolve() == (
        Path(schemas.__file__).parent / schemas.file_name(manifest["edition"])
    ).resolve()
    assert all(
        json.loads((root / c["file"]).read_text(encoding="utf-8")).get("edition") == manifest["edition"]
        for c in cases
        if c["expect"] != "invalid"
    )


def test_2019_cases_cover_the_loader_rule_codes_of_its_cells() -> None:
    """The 2019 invalid cases cover the codes of its own shapes: a signed count, the amount in 元, the single row."""
    codes = {e["rule"] for c in MANIFESTS[TOP / "2019"]["cases"] if c["expect"] == "invalid" for e in c["errors"]}
    assert codes == {"schema.type", "schema.required", "schema.additionalProperties", "values.non_negative"}


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
def test_valid_case(case: Case) -> None:
    """A valid case passes plain jsonschema and govreport's validator, and loads into the model."""
    path = case.path
    assert list(_schema_validator(case).iter_errors(_plain(path))) == []
    assert schemas.validate_document(_exact(path)) == []
    report = govreport.load(path)
    assert govreport.loads(govreport.dumps(report)) == report


@pytest.mark.parametrize("case", _cases("invalid"))
def test_invalid_case_with_plain_jsonschema(case: Case) -> None:
    """Plain jsonschema reports exactly the listed (keyword, instance location) errors."""
    errors = list(_schema_validator(case).iter_errors(_plain(case.path)))
    got = sorted(
        {
            (e.validator, "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in e.absolute_path))
            for e in errors
        }
    )
    assert got == _pairs(case["json_schema_errors"], "keyword", "instanceLocation")
    assert (not errors) == case.get("json_schema_valid", False)


@pytest.mark.parametrize("case", _cases("invalid"))
def test_invalid_case_with_govreport_schema_validator(case: Case) -> None:
    """govreport's schema validator reports exactly the listed (rule, pointer) findings, all errors."""
    findings = schemas.validate_document(_exact(case.path))
    assert sorted((f.rule, f.pointers[0]) for f in findings) == _pairs(case["errors"], "rule", "pointer")
    assert all(f.severity is govreport.Severity.ERROR for f in findings)


@pytest.mark.parametrize("case", _cases("invalid"))
def test_invalid_case_with_the_loader(case: Case) -> None:
    """The loader rejects the document with the same (rule, pointer) pairs, unless the case says it accepts it."""
    path = case.path
    if case.get("loader_accepts"):
        govreport.load(path)
        return
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.load(path)
    got = sorted((p.rule, p.pointers[0]) for p in info.value.problems)
    assert got == _pairs(case["errors"], "rule", "pointer")


def test_invalid_cases_through_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`govreport validate --json` rejects every invalid case the loader rejects, naming the listed pointers."""
    cases = [c for c in _all_cases() if c["expect"] == "invalid" and not c.get("loader_accepts")]
    assert main(["validate", "--json", *(str(c.path) for c in cases)]) == 2
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    by_file = {Path(line["file"]).resolve(): line for line in lines if "file" in line}
    for case in cases:
        line = by_file[case.path.resolve()]
        assert line["valid"] is False
        assert _pairs(
            [{"rule": f["rule"], "pointer": f["pointers"][0]} for f in line["findings"]], "rule", "pointer"
        ) == _pairs(case["errors"], "rule", "pointer")


_FINDING_KEYS = ("rule", "pointer", "severity", "status", "expected", "actual", "difference")


def _finding_tuple(item: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(item.get(k) for k in _FINDING_KEYS)


@pytest.mark.parametrize("case", _cases("findings"))
def test_rule_case(case: Case) -> None:
    """A rule case is schema-valid, loads, and validate() yields exactly the listed findings and verdict."""
    path = case.path
    assert schemas.validate_document(_exact(path)) == []
    assert list(_schema_validator(case).iter_errors(_plain(path))) == []
    previous = govreport.load(case.root / case["previous"]) if "previous" in case else None
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
