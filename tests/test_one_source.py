"""The edition is the one source: nothing outside ``govreport/editions/`` imports an edition module or types an
official label (docstrings and comments aside), and the committed model is what the declaration generates."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import govreport
from govreport.editions import _codegen, edition_names, get_edition

SRC = Path(govreport.__file__).parent
EDITIONS = SRC / "editions"


def _modules_outside_editions() -> Iterator[Path]:
    for path in sorted(SRC.rglob("*.py")):
        if EDITIONS not in path.parents and path.name != "model.py":  # model.py is generated from an edition
            yield path


def _labels() -> set[str]:
    """Every official label, heading and title of every registered edition (three characters or more)."""
    out: set[str] = set()
    for name in edition_names():
        edition = get_edition(name)
        for f in edition.fields:
            out.update((f.label, *f.aliases, *(s.label for s in f.fields)))
        for t in edition.tables:
            out.update((t.heading, *t.aliases))
            out.update(g.label for g in t.groups)
            out.update(b.title for b in t.blocks if b.title)
            for line in t.lines:
                out.update((line.label, *line.aliases))
                out.update(c.label for c in line.columns)
            out.update(cell.text for row in t.grid for cell in row if cell.text)
    return {label for label in out if len(label) >= 3}


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def test_no_module_outside_editions_imports_an_edition_module() -> None:
    """Everything outside ``editions/`` asks the registry (or reads ``report.edition``)."""
    offenders = []
    for path in _modules_outside_editions():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if any(n.startswith("govreport.editions.e") and n.split(".")[2][1:].isdigit() for n in names):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def test_no_official_label_is_typed_outside_editions() -> None:
    """No string literal outside ``editions/`` (docstrings aside) is or contains an official label."""
    labels = _labels()
    assert len(labels) > 50
    offenders = []
    for path in _modules_outside_editions():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                hits = [label for label in labels if label in node.value]
                if hits:
                    offenders.append(f"{path.relative_to(SRC)}:{node.lineno}: {hits[0]}")
    assert offenders == []


@pytest.mark.parametrize("name", edition_names())
def test_committed_model_is_what_the_declaration_generates(name: str) -> None:
    """The committed model module of each built-in edition is exactly the generator's output."""
    edition = get_edition(name)
    path = _codegen._committed(edition)
    assert path is not None
    assert path.read_text(encoding="utf-8") == _codegen.source(edition)


def test_codegen_check_mode_passes_on_a_clean_tree() -> None:
    """``python -m govreport.editions._codegen --check`` exits 0 when nothing drifted."""
    done = subprocess.run(
        [sys.executable, "-m", "govreport.editions._codegen", "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_messages_do_not_depend_on_import_order() -> None:
    """A finding's message is the same in a fresh interpreter, before anything else is imported, as after."""
    codes = ["parse.truncated", "schema.type", "input.unreadable", "requests.balance", "layout.collapsed_row"]
    script = (
        "from govreport.findings import Finding\n"
        f"codes = {codes!r}\n"
        "detail = {'sections': 's', 'reason': 'r', 'group': 'g', 'line': 'l'}\n"
        "def messages():\n"
        "    return [Finding(rule=c, severity='error', pointers=('/requests/received/total',), detail=detail)"
        ".message_in(lang) for c in codes for lang in ('zh', 'en')]\n"
        "first = messages()\n"
        "import govreport, govreport.parsers, govreport.cli, govreport.schemas\n"
        "assert first == messages(), (first, messages())\n"
        "assert not any(m.startswith(c) for m, c in zip(first, [c for c in codes for _ in 'ab'])), first\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stderr
