"""Validation results in the formats continuous integration reads: SARIF 2.1.0, JUnit XML, GitHub annotations.

Each function takes *records*, one per input, in the shape ``govreport validate --json`` prints: a mapping with
``file`` (the input's name), ``valid`` and ``findings`` (each a finding's :meth:`~govreport.findings.Finding.to_dict`:
``rule``, ``severity``, ``message``, ``pointers`` and, where known, the source ``location``). An input that could
not be read has ``valid: false``, ``unreadable: true`` and the findings that say why.

The JSON Pointer of a finding's first cell becomes a SARIF *logical location*; a source location (a line and
column in the input) becomes a SARIF *region*, a GitHub annotation's ``line``/``col`` and part of the JUnit
message.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from govreport._kinds import VALIDATE_FORMATS
from govreport._version import __version__
from govreport.pointers import escape
from govreport.serialization import dumps_json

__all__ = [
    "FORMATS",
    "CIReport",
    "add_format_arguments",
    "github_annotations",
    "json_positions",
    "junit_xml",
    "sarif_log",
]

#: The values of ``govreport validate --format``.
FORMATS = VALIDATE_FORMATS


def add_format_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--format`` (one of :data:`FORMATS`) and its alias ``--json`` to ``parser``, as govreport's own verbs
    take them (the value lands in ``args.format``)."""
    from govreport.cli import _add_format_arguments  # noqa: PLC0415 - the command line owns its arguments

    _add_format_arguments(parser)


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_INFORMATION_URI = "https://github.com/govreport/govreport"
#: govreport's severities as SARIF levels and GitHub annotation commands.
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
#: Inputs read from standard input are named ``<stdin>:LINE``.
_STDIN_LINE = re.compile(r"^<stdin>:(\d+)$")

Record = Mapping[str, Any]


def _source(name: str, location: Mapping[str, int] | None) -> tuple[str, int | None, int | None]:
    """The input's URI and the line and column of a finding in it, where known."""
    line = location.get("line") if location else None
    column = location.get("column") if location else None
    if m := _STDIN_LINE.match(name):
        return "stdin", int(m.group(1)), None  # a JSON Lines record: its line of standard input
    return quote(name.replace("\\", "/"), safe="/:@-._~"), line, column


def _where(finding: Mapping[str, Any]) -> str:
    pointers: Sequence[str] = finding.get("pointers") or ()
    return pointers[0] if pointers and pointers[0] else ""


# --- where a pointer's value sits in a JSON document -----------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _scalar(text: str, i: int) -> tuple[str, int]:
    """The string (or the text of the number or literal) at ``i``, and the offset just after it."""
    value, end = _DECODER.raw_decode(text, i)
    return str(value), end


def _walk(text: str, i: int, pointer: str, out: dict[str, int]) -> int:
    """Record where the value at ``i`` and every value inside it start; return the offset just after it."""
    i = _WS.match(text, i).end()  # type: ignore[union-attr]  # the pattern matches the empty string
    out[pointer] = i
    opener = text[i]
    if opener not in "{[":
        return _scalar(text, i)[1]
    closer, index = ("}" if opener == "{" else "]"), 0
    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    if text[i] == closer:
        return i + 1
    while True:
        if opener == "{":
            key, i = _scalar(text, i)
            i = _WS.match(text, i).end() + 1  # type: ignore[union-attr]  # past the colon
            i = _walk(text, i, f"{pointer}/{escape(key)}", out)
        else:
            i = _walk(text, i, f"{pointer}/{index}", out)
            index += 1
        i = _WS.match(text, i).end()  # type: ignore[union-attr]
        if text[i] == closer:
            return i + 1
        i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]  # past the comma


def json_positions(text: str) -> dict[str, tuple[int, int]]:
    """The line and column (both 1-based) where each JSON Pointer's value starts in the JSON document ``text``.

    Args:
        text: a JSON document that parses (what cannot be walked gives an empty mapping: a location is shown
            where known, never guessed).

    Returns:
        A mapping from pointer (``""`` for the whole document) to ``(line, column)``.
    """
    offsets: dict[str, int] = {}
    try:
        _walk(text, 1 if text.startswith("\ufeff") else 0, "", offsets)
    except (IndexError, ValueError, AttributeError, RecursionError):
        return {}
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    positions = {}
    for pointer, offset in offsets.items():
        line = bisect.bisect_right(starts, offset)
        positions[pointer] = (line, offset - starts[line - 1] + 1)
    return positions


def _locate(record: dict[str, Any]) -> None:
    """Give the findings of a record read from a file the line and column of their first pointer's value."""
    findings = [f for f in record.get("findings", ()) if "location" not in f and _where(f)]
    name = str(record["file"])
    if not findings or _STDIN_LINE.match(name):
        return
    try:
        with open(name, encoding="utf-8-sig") as stream:
            positions = json_positions(stream.read())
    except (OSError, UnicodeDecodeError):
        return
    for finding in findings:
        if (where := positions.get(_where(finding))) is not None:
            finding["location"] = {"line": where[0], "column": where[1]}


# --- SARIF 2.1.0 ----------------------------------------------------------------------------------------


def _sarif_result(name: str, finding: Mapping[str, Any], rule_index: int) -> dict[str, Any]:
    uri, line, column = _source(name, finding.get("location"))
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if line is not None:
        region: dict[str, int] = {"startLine": line}
        if column is not None:
            region["startColumn"] = column
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    pointer = _where(finding)
    if pointer:
        location["logicalLocations"] = [
            {"name": pointer.rsplit("/", 1)[-1], "fullyQualifiedName": pointer, "kind": "member"}
        ]
    result: dict[str, Any] = {
        "ruleId": finding["rule"],
        "ruleIndex": rule_index,
        "level": _SARIF_LEVEL.get(finding["severity"], "note"),
        "message": {"text": finding["message"]},
        "locations": [location],
    }
    result["properties"] = {
        k: finding[k] for k in ("status", "pointers", "expected", "actual", "difference") if k in finding
    }
    return result


def sarif_log(records: Iterable[Record]) -> dict[str, Any]:
    """One SARIF 2.1.0 log (a JSON-ready dict) with one run holding every input's findings.

    Args:
        records: the per-input results, as ``govreport validate --json`` prints them.

    Returns:
        The log; write it with :func:`govreport.serialization.dumps_json`.
    """
    rules: dict[str, int] = {}
    results = []
    artifacts: dict[str, None] = {}
    for record in records:
        name = str(record["file"])
        artifacts.setdefault(_source(name, None)[0])
        for finding in record.get("findings", ()):
            index = rules.setdefault(finding["rule"], len(rules))
            results.append(_sarif_result(name, finding, index))
    driver = {
        "name": "govreport",
        "version": __version__,
        "informationUri": _INFORMATION_URI,
        "rules": [{"id": rule} for rule in rules],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "artifacts": [{"location": {"uri": uri}} for uri in artifacts],
                "results": results,
            }
        ],
    }


# --- JUnit XML ------------------------------------------------------------------------------------------


def _line(finding: Mapping[str, Any]) -> str:
    pointer = _where(finding)
    where = f" [{pointer}]" if pointer else ""
    return f"{finding['severity']} {finding['rule']}{where}: {finding['message']}"


def junit_xml(records: Iterable[Record]) -> str:
    """A JUnit XML document: one test case per input, failed by its errors (``<error>`` when unreadable).

    Warnings and notes of an input go to its ``<system-out>``.

    Args:
        records: the per-input results, as ``govreport validate --json`` prints them.

    Returns:
        The document, with an XML declaration, ending in a newline.
    """
    suite = ET.Element("testsuite", name="govreport validate")
    tests = failures = errors = 0
    for record in records:
        tests += 1
        name = str(record["file"])
        case = ET.SubElement(suite, "testcase", classname="govreport", name=name, file=name)
        findings = list(record.get("findings", ()))
        bad = [f for f in findings if f["severity"] == "error"]
        others = [f for f in findings if f["severity"] != "error"]
        if record.get("valid") is False:
            unreadable = bool(record.get("unreadable"))
            tag = "error" if unreadable else "failure"
            if unreadable:
                errors += 1
            else:
                failures += 1
            first = bad[0] if bad else (findings[0] if findings else None)
            element = ET.SubElement(case, tag, type=first["rule"] if first else "invalid")
            element.set("message", first["message"] if first else "")
            element.text = "\n".join(_line(f) for f in bad or findings)
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    root = ET.Element("testsuites", name="govreport", tests=str(tests), failures=str(failures), errors=str(errors))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --- GitHub workflow commands ---------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(record: Record) -> str:
    """GitHub workflow commands (``::error file=…,line=…::message``), one line per finding of one input.

    Args:
        record: one input's result, as ``govreport validate --json`` prints it.

    Returns:
        The lines, each ending in a newline; empty when the input has no findings.
    """
    name = str(record["file"])
    lines = []
    for finding in record.get("findings", ()):
        command = _GITHUB_COMMAND.get(finding["severity"], "notice")
        uri, line, column = _source(name, finding.get("location"))
        props = [f"file={_escape_property(name if uri != 'stdin' else 'stdin')}"]
        if line is not None:
            props.append(f"line={line}")
        if column is not None:
            props.append(f"col={column}")
        props.append(f"title={_escape_property(finding['rule'])}")
        lines.append(f"::{command} {','.join(props)}::{_escape_data(finding['message'])}\n")
    return "".join(lines)


# --- the collector behind ``govreport validate --format`` ---------------------------------------------------


class CIReport:
    """Turns the JSON Lines records of ``govreport validate`` into one CI format as the inputs are checked.

    GitHub annotations are written per input, as they come; SARIF and JUnit are one document each, written by
    :meth:`finish` (they hold the findings, not the reports).

    Args:
        name: ``"sarif"``, ``"junit"`` or ``"github"``.
    """

    def __init__(self, name: str) -> None:
        if name not in FORMATS[2:]:
            msg = f"unknown CI format {name!r}; choose one of {', '.join(FORMATS[2:])}"
            raise ValueError(msg)
        self.name = name
        self.records: list[dict[str, Any]] = []

    def add(self, line: str, *, unreadable: bool = False) -> str:
        """Take one input's JSON Lines record; return what to write now (GitHub annotations), else ``""``."""
        record: dict[str, Any] = json.loads(line, parse_float=Decimal)
        if unreadable:
            record["unreadable"] = True
        _locate(record)
        if self.name == "github":
            return github_annotations(record)
        self.records.append(record)
        return ""

    def finish(self) -> str:
        """The whole document of a SARIF or JUnit report (``""`` for GitHub annotations)."""
        if self.name == "sarif":
            return dumps_json(sarif_log(self.records)) + "\n"
        if self.name == "junit":
            return junit_xml(self.records)
        return ""
