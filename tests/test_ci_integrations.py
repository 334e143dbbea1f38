"""The pre-commit hook (``.pre-commit-hooks.yaml``) and the composite GitHub Action (``action.yml``) run as declared."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "conformance" / "valid" / "all-zero.json"
INVALID = ROOT / "conformance" / "rules" / "balance.json"
BIN = Path(sys.executable).parent


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    [hook] = hooks
    assert isinstance(hook, dict)
    return hook


def _run_hook(*files: Path) -> subprocess.CompletedProcess[str]:
    """Run the hook's entry as pre-commit does: the command, then the names of the staged files it matches."""
    command = [*shlex.split(_hook()["entry"]), *map(str, files)]
    return subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=120, check=False)


def test_pre_commit_hook_is_a_python_hook_on_json_files() -> None:
    """The hook installs govreport itself (language python) and is offered JSON files."""
    hook = _hook()
    assert hook["id"] == "govreport-validate"
    assert hook["language"] == "python"
    assert hook["types"] == ["json"]
    assert shlex.split(hook["entry"])[:2] == ["govreport", "validate"]


def test_pre_commit_hook_passes_a_valid_report_and_fails_a_broken_one() -> None:
    """The hook exits 0 on a valid report and 1 (naming the rule) when a staged report breaks one."""
    ok = _run_hook(VALID)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = _run_hook(VALID, INVALID)
    assert bad.returncode == 1
    assert "requests.balance" in bad.stdout
    assert str(VALID) not in bad.stdout  # --quiet: only the inputs with errors


def _action() -> dict[str, Any]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert isinstance(action, dict)
    return action


def _substitute(value: str, inputs: dict[str, str]) -> str:
    """Replace ``${{ inputs.NAME }}`` as the runner does."""
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], value)


def _run_action(tmp_path: Path, fake_python: Path, **given: str) -> list[subprocess.CompletedProcess[str]]:
    """Run every step of the composite action with bash, its inputs (defaults, then ``given``) substituted."""
    action = _action()
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, f"the action has no inputs {unknown}"
    inputs.update(given)
    done = []
    for step in action["runs"]["steps"]:
        assert step["shell"] == "bash"
        env = _env(GITHUB_ACTION_PATH=str(ROOT), **{k: _substitute(v, inputs) for k, v in step.get("env", {}).items()})
        # the install step's python is a stand-in that records what it was asked (the test has no network)
        env["PATH"] = f"{fake_python}{os.pathsep}{env['PATH']}"
        proc = subprocess.run(
            ["bash", "-e", "-c", _substitute(step["run"], inputs)],  # noqa: S607 - bash, as the runner uses
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        done.append(proc)
        if proc.returncode:
            break
    return done


@pytest.fixture
def fake_python(tmp_path: Path) -> Path:
    """A folder whose ``python`` writes its arguments to ``python-args.txt`` instead of installing anything."""
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    script = folder / "python"
    script.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$(dirname "$0")/python-args.txt"\n', encoding="utf-8")
    script.chmod(0o755)
    return folder


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A checkout with a valid report and a report with a broken balance under reports/."""
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(VALID, reports / "ok.json")
    shutil.copy(INVALID, reports / "broken.json")
    return tmp_path


def test_action_installs_govreport_from_its_own_checkout(workspace: Path, fake_python: Path) -> None:
    """The install step installs the action's own version of govreport, from the action's path."""
    install, validate = _run_action(workspace, fake_python, files="reports/ok.json")
    assert install.returncode == 0
    args = (fake_python / "python-args.txt").read_text(encoding="utf-8").split()
    assert args[:3] == ["-m", "pip", "install"]
    assert args[-1] == str(ROOT)
    assert validate.returncode == 0, validate.stdout + validate.stderr


def test_action_annotates_the_broken_report(workspace: Path, fake_python: Path) -> None:
    """With its default inputs over the folder, the action fails the job and annotates the broken report's line."""
    *_, validate = _run_action(workspace, fake_python, files="reports", args="--lang en")
    assert validate.returncode == 1
    assert re.search(
        r"^::error file=reports/broken\.json,line=\d+,col=\d+,title=requests\.balance::", validate.stdout, re.M
    )
    assert "ok.json" not in validate.stdout


def test_action_writes_sarif_to_a_file_and_leaves_globs_to_govreport(workspace: Path, fake_python: Path) -> None:
    """``output`` takes the SARIF log; a glob in ``files`` reaches govreport unexpanded."""
    *_, validate = _run_action(workspace, fake_python, files="reports/**/*.json", format="sarif", output="out.sarif")
    assert validate.returncode == 1
    log = json.loads((workspace / "out.sarif").read_text(encoding="utf-8"))
    uris = {a["location"]["uri"] for a in log["runs"][0]["artifacts"]}
    assert uris == {"reports/broken.json", "reports/ok.json"}
