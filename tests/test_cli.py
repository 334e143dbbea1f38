"""The command line: verbs, JSON output and exit statuses of contract.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govreport.cli import main

from .conftest import FIXTURES


def test_validate_sample_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    """A valid report exits 0 and its warning is printed."""
    assert main(["validate", str(FIXTURES / "jingxing-2023.json")]) == 0
    out = capsys.readouterr().out
    assert "valid" in out
    assert "narrative.request_count" in out


def test_validate_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--json prints {"valid", "findings"} per file; an error finding exits 1."""
    doc = json.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8"))
    doc["requests"]["outcomes"]["granted"]["natural_persons"] = 70
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", "--json", str(FIXTURES / "jingxing-2023.json"), str(broken)]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["valid"] for d in lines] == [True, False]
    assert {f["rule"] for f in lines[1]["findings"]} >= {"requests.outcome_total", "requests.row_total"}


def test_validate_unreadable_exits_two(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Not JSON, not a report, or no such file: exit 2, and the other files are still checked."""
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    status = main(["validate", str(bad), str(tmp_path / "absent.json"), str(FIXTURES / "jingxing-2023.json")])
    assert status == 2
    captured = capsys.readouterr()
    assert "json.syntax" in captured.out
    assert "absent.json" in captured.err
    assert "jingxing-2023.json: valid" in captured.out


def test_rules_lists_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    """govreport rules --json prints every rule with its severity and formula."""
    assert main(["rules", "--json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert len(rules) == 11
    assert {r["id"]: r["severity"] for r in rules}["cells.missing"] == "warning"


def test_python_dash_m() -> None:
    """python -m govreport runs the same command line."""
    proc = subprocess.run(
        [sys.executable, "-m", "govreport", "validate", "--lang", "en", str(FIXTURES / "jingxing-2023.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "does not match table" in proc.stdout
