"""``govreport validate --format sarif|junit|github``: the formats continuous integration reads."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from govreport.cli import main
from govreport.formats import CIReport, github_annotations, json_positions, sarif_log

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "conformance" / "invalid"
VALID = ROOT / "conformance" / "valid"
RULES = ROOT / "conformance" / "rules"
#: The SARIF 2.1.0 schema (rtm.5, as published on SchemaStore), vendored from the MIT-licensed npm package
#: @microsoft/jest-sarif 1.0.0-beta.0 (lib/schemas/sarif-2.1.0-rtm.5.json).
SARIF_SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _validate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(["validate", "--no-progress", *argv])
    return status, capsys.readouterr().out


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A file that is not JSON: its problem has a line and a column."""
    path = tmp_path / "broken.json"
    path.write_text('{\n  "edition": ,\n}\n', encoding="utf-8")
    return path


def test_sarif_validates_against_the_schema(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    """The SARIF log of valid, invalid and unreadable inputs is valid SARIF 2.1.0."""
    status, out = _validate(capsys, "--format", "sarif", str(VALID / "all-zero.json"), str(INVALID), str(broken))
    assert status == 2
    log = json.loads(out)
    jsonschema.validate(log, SARIF_SCHEMA)
    results = log["runs"][0]["results"]
    assert len(results) > len(list(INVALID.glob("*.json")))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_sarif_carries_the_pointer_and_the_source_location(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    """A rule finding names its cell as a logical location; a syntax error its line and column as a region."""
    _, out = _validate(capsys, "--format", "sarif", str(INVALID / "count-negative.json"), str(broken))
    results = json.loads(out)["runs"][0]["results"]
    negative = next(r for r in results if r["ruleId"] == "values.non_negative")
    location = negative["locations"][0]
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "/requests/received/total"
    assert location["physicalLocation"]["artifactLocation"]["uri"].endswith("invalid/count-negative.json")
    text = (INVALID / "count-negative.json").read_text(encoding="utf-8")
    region = location["physicalLocation"]["region"]
    assert text.splitlines()[region["startLine"] - 1][region["startColumn"] - 1 :].startswith("-1")
    assert negative["level"] == "error"
    syntax = next(r for r in results if r["ruleId"] == "json.syntax")
    assert syntax["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 14}


def test_sarif_of_a_valid_input_has_no_results(capsys: pytest.CaptureFixture[str]) -> None:
    """A valid report gives an empty result list, exit status 0 and nothing but the log on standard output."""
    status, out = _validate(capsys, "--format", "sarif", str(VALID / "all-zero.json"))
    assert status == 0
    log = json.loads(out)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["artifacts"] == [{"location": {"uri": str(VALID / "all-zero.json")}}]


def test_junit_has_one_case_per_input(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    """JUnit XML: a passing case for a valid report, a failure for an invalid one, an error for an unreadable one."""
    valid, invalid = VALID / "all-zero.json", RULES / "balance.json"
    status, out = _validate(capsys, "--format", "junit", str(valid), str(invalid), str(broken))
    assert status == 2
    root = ET.fromstring(out.encode())  # noqa: S314 - govreport's own output
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert list(cases[str(valid)]) == []
    failure = cases[str(invalid)].find("failure")
    assert failure is not None
    assert failure.get("type") == "requests.balance"
    assert "/requests/outcomes/total/natural_persons" in (failure.text or "")
    error = cases[str(broken)].find("error")
    assert error is not None
    assert error.get("type") == "json.syntax"


def test_github_annotations(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    """One workflow command per finding, with the file, the line and column where known, and the rule as title."""
    status, out = _validate(
        capsys, "--lang", "en", "--format", "github", str(INVALID / "count-negative.json"), str(broken)
    )
    assert status == 2
    lines = out.splitlines()
    negative = INVALID / "count-negative.json"
    line_no, col = json_positions(negative.read_text(encoding="utf-8"))["/requests/received/total"]
    assert any(
        line.startswith(f"::error file={negative},line={line_no},col={col},title=values.non_negative::")
        for line in lines
    )
    assert any(line.startswith(f"::error file={broken},line=2,col=14,title=json.syntax::") for line in lines)


def test_github_annotations_escape_their_data() -> None:
    """Commas, colons and newlines in properties and messages are escaped as the runner expects."""
    record = {
        "file": "a,b:c.json",
        "valid": False,
        "findings": [{"rule": "x.y", "severity": "warning", "message": "50% off\nnext", "pointers": []}],
    }
    assert github_annotations(record) == "::warning file=a%2Cb%3Ac.json,title=x.y::50%25 off%0Anext\n"


def test_json_alias_and_format_json_agree(capsys: pytest.CaptureFixture[str]) -> None:
    """``--json`` is ``--format json``: the same JSON Lines."""
    path = str(INVALID / "count-negative.json")
    assert _validate(capsys, "--json", path) == _validate(capsys, "--format", "json", path)


def test_stdin_records_are_located_by_their_line() -> None:
    """A report read from standard input's JSON Lines is located by its line there."""
    report = CIReport("sarif")
    finding = {"rule": "r", "severity": "info", "message": "m", "pointers": ["/a"]}
    report.add(json.dumps({"file": "<stdin>:3", "valid": True, "findings": [finding]}))
    log = sarif_log(report.records)
    jsonschema.validate(log, SARIF_SCHEMA)
    physical = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": "stdin"}, "region": {"startLine": 3}}
    assert log["runs"][0]["results"][0]["level"] == "note"


def test_unknown_ci_format_is_refused() -> None:
    """A collector for a format that does not exist is a ValueError naming the choices."""
    with pytest.raises(ValueError, match="sarif, junit, github"):
        CIReport("xml")


def test_json_positions_walk_objects_arrays_and_escaped_keys() -> None:
    """Every value's start is found, under keys that need escaping and inside arrays, as 1-based line and column."""
    text = '{"a/b": [1, {"c~d": "x\\"y"}],\n  "e": {}, "f": [], "g": null}'
    positions = json_positions(text)
    assert positions[""] == (1, 1)
    assert positions["/a~1b"] == (1, 9)
    assert positions["/a~1b/0"] == (1, 10)
    assert positions["/a~1b/1/c~0d"] == (1, 21)
    assert positions["/e"] == (2, 8)
    assert positions["/f"] == (2, 17)
    assert positions["/g"] == (2, 26)


def test_json_positions_of_broken_text_are_empty() -> None:
    """Text that cannot be walked gives no positions rather than a guess or a traceback."""
    assert json_positions('{"a": [1, ') == {}
    assert json_positions("") == {}


def test_add_format_arguments_gives_a_parser_the_verbs_format_options() -> None:
    """``add_format_arguments`` gives another program's parser the ``--format`` of govreport's verbs, with ``--json``
    as its alias, text by default, and refuses a format the verbs do not write."""
    import argparse  # noqa: PLC0415 - only this test builds a parser

    from govreport.formats import FORMATS, add_format_arguments  # noqa: PLC0415

    parser = argparse.ArgumentParser(exit_on_error=False)
    add_format_arguments(parser)
    assert parser.parse_args([]).format == "text"
    assert parser.parse_args(["--json"]).format == "json"
    assert [parser.parse_args(["--format", f]).format for f in FORMATS] == list(FORMATS)
    with pytest.raises(argparse.ArgumentError):
        parser.parse_args(["--format", "yaml"])
