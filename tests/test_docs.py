"""Every example in the documentation and the README runs, so the docs cannot rot.

Conventions for authors of ``docs/**/*.md`` and ``README.md``:

- ```` ```python ```` blocks (and ```` ```{code-block} python ````) are executed, in page order, in one namespace per
  page, with the working directory set to a fresh folder that holds the sample files (``example-2023.json``,
  ``example-2023.txt``, ``example-2019.json``, a report of the 2019 edition, and
  ``src/govreport/data/example-2023.json`` for the README).
- ```` ```pycon ```` blocks (``>>>`` sessions) run as doctests in the same namespace: their output is checked.
- ```` ```console ```` blocks run each ``$ command`` with bash in that folder; every output line shown under a
  command must appear in what it prints (a line ``...`` stands for lines left out, ``...`` within a line for text
  left out), and it must exit 0 unless the command ends with ``# exits N``.
- ```` ```sh ````, ```` ```json ````, ```` ```java ```` … blocks are shown, not run (JSON examples are checked by
  their own tests).
- A block that must not run is preceded by the line ``% docs-test: skip`` (keep these rare).
"""

from __future__ import annotations

import doctest
import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FIXTURES = Path(__file__).parent / "fixtures"
SKIP_MARKERS = ("% docs-test: skip", "<!-- docs-test: skip -->")
RUNNABLE = {"python", "pycon", "console"}
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
_EXITS = re.compile(r"#\s*exits\s+(\d+)\s*$")


@attrs.frozen
class Block:
    """One fenced code block of a page."""

    page: Path
    line: int  # 1-based line of the opening fence
    lang: str
    code: str
    skipped: bool


def _language(info: str) -> str:
    info = info.strip()
    if info.startswith(("{code-block}", "{code}")):
        info = info.split("}", 1)[1].strip()
    return info.split()[0].lower() if info else ""


def blocks(page: Path) -> list[Block]:
    """The fenced code blocks of ``page``, outermost only (a longer fence may quote shorter ones)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        fence, start = m["fence"], i
        body: list[str] = []
        i += 1
        while i < len(lines):
            close = _FENCE.match(lines[i])
            if close and close["fence"][0] == fence[0] and len(close["fence"]) >= len(fence) and not close["info"]:
                break
            body.append(lines[i])
            i += 1
        i += 1
        if m["info"].strip().startswith("{"):  # a MyST directive: drop its :option: lines
            while body and body[0].startswith(":"):
                body.pop(0)
        previous = next((line.strip() for line in reversed(lines[:start]) if line.strip()), "")
        found.append(
            Block(
                page=page,
                line=start + 1,
                lang=_language(m["info"]),
                code="\n".join(body) + "\n",
                skipped=previous in SKIP_MARKERS,
            )
        )
    return found


def pages() -> list[Path]:
    """Every documentation page with a runnable block, and the README."""
    candidates = [ROOT / "README.md", *sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)]
    return [p for p in candidates if any(b.lang in RUNNABLE and not b.skipped for b in blocks(p))]


def _prepare(folder: Path) -> None:
    shutil.copy(FIXTURES / "jingxing-2023.json", folder / "example-2023.json")
    shutil.copy(FIXTURES / "jingxing-2023.txt", folder / "example-2023.txt")
    shutil.copy(FIXTURES / "pingtan-2019.json", folder / "example-2019.json")  # a report of the 2019 edition
    data = folder / "src" / "govreport" / "data"
    data.mkdir(parents=True)
    shutil.copy(FIXTURES / "jingxing-2023.json", data / "example-2023.json")


def _run_console(block: Block, folder: Path) -> None:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": "100",
        "PYTHONIOENCODING": "utf-8",
    }
    commands: list[tuple[str, list[str]]] = []
    for line in block.code.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        elif commands:
            commands[-1][1].append(line)
    assert commands, f"{block.page.name}:{block.line}: a console block without a $ command"
    for command, shown in commands:
        proc = subprocess.run(  # the docs' own commands, run with bash as a reader would type them
            ["bash", "-c", command],  # noqa: S607 - bash from PATH, like the reader's shell
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        where = f"{block.page.relative_to(ROOT)}:{block.line}: $ {command}"
        m = _EXITS.search(command)
        expected_status = int(m.group(1)) if m else 0
        assert proc.returncode == expected_status, f"{where}\nexit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        printed = proc.stdout + proc.stderr
        for line in shown:
            text = line.strip()
            if text and text not in {"...", "…"}:
                # "..." inside a line stands for text left out of that line
                pattern = ".*".join(re.escape(part) for part in re.split(r"\.\.\.|…", text))
                assert re.search(pattern, printed), f"{where}\nshown but not printed: {text!r}\nprinted:\n{printed}"


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every python, pycon and console block of the page runs, in order, and shows what it prints."""
    _prepare(tmp_path)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    ran = 0
    for block in blocks(page):
        if block.skipped or block.lang not in RUNNABLE:
            continue
        name = f"{page.relative_to(ROOT)}:{block.line}"
        if block.lang == "python":
            exec(compile(block.code, name, "exec"), namespace)  # noqa: S102 - the docs' own examples
        elif block.lang == "pycon":
            test = doctest.DocTestParser().get_doctest(block.code, namespace, name, str(page), block.line)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
            runner.run(test, clear_globs=False)
            namespace.update(test.globs)  # DocTest works on a copy; later blocks see what this one defined
            assert runner.failures == 0, f"{name}: a >>> example printed something else (see the report above)"
        else:
            _run_console(block, tmp_path)
        ran += 1
    assert ran > 0


def test_block_parser_reads_fences(tmp_path: Path) -> None:
    """The block finder sees languages, MyST code-block directives, nested fences and the skip marker."""
    page = tmp_path / "page.md"
    page.write_text(
        "````markdown\n```python\nnot run\n```\n````\n\n"
        "```{code-block} python\n:caption: x\nprint(1)\n```\n\n"
        "% docs-test: skip\n\n```python\nraise SystemExit\n```\n",
        encoding="utf-8",
    )
    found = blocks(page)
    assert [(b.lang, b.skipped) for b in found] == [("markdown", False), ("python", False), ("python", True)]
    assert found[1].code == "print(1)\n"


def test_docs_have_examples() -> None:
    """The getting-started page, the tutorial and the README are among the pages whose examples run."""
    names = {str(p.relative_to(ROOT)) for p in pages()}
    assert {"README.md", "docs/getting-started.md", "docs/tutorial/check-a-published-report.md"} <= names


def _json_blocks() -> list[Block]:
    candidates = [ROOT / "README.md", *sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)]
    return [b for p in candidates for b in blocks(p) if b.lang == "json" and not b.skipped]


def _tables(page: Path) -> dict[str, dict[str, Any]]:
    """For each table key of the page's edition, the report schema with only that table required."""
    from govreport import schemas  # noqa: PLC0415
    from govreport.editions import DEFAULT_EDITION, edition_names, get_edition  # noqa: PLC0415

    edition = next((name for name in edition_names() if name in page.relative_to(DOCS).parts), DEFAULT_EDITION)
    root = schemas.schema(edition)
    return {t.key: root | {"required": [t.key]} for t in get_edition(edition).tables}


@pytest.mark.parametrize("block", _json_blocks(), ids=lambda b: f"{b.page.relative_to(ROOT)}:{b.line}")
def test_json_examples_are_valid(block: Block) -> None:
    """Every JSON example parses; a report document loads and meets the schema; a result meets the results schema."""
    import json  # noqa: PLC0415
    from decimal import Decimal  # noqa: PLC0415

    import jsonschema  # noqa: PLC0415

    import govreport  # noqa: PLC0415
    from govreport.schemas import results_schema, validate_document  # noqa: PLC0415

    value = json.loads(block.code, parse_float=Decimal)
    if isinstance(value, dict) and "edition" in value:
        assert validate_document(value) == []
        govreport.structure(value)
    elif isinstance(value, dict) and len(value) == 1 and (key := next(iter(value))) in (tables := _tables(block.page)):
        # a table's member on its reference page: valid against the report schema with only that member required
        validator = jsonschema.Draft202012Validator(tables[key])
        assert list(validator.iter_errors(json.loads(block.code))) == []
    elif isinstance(value, dict) and {"valid", "findings"} <= set(value):
        validator = jsonschema.Draft202012Validator(results_schema(), format_checker=jsonschema.FormatChecker())
        assert list(validator.iter_errors(json.loads(block.code))) == []


def test_the_contract_page_shows_a_document_and_a_result() -> None:
    """The JSON contract how-to carries a complete report document and a validation result, both checked above."""
    page = DOCS / "how-to" / "integrate-json-contract.md"
    kinds = {("edition" in b.code, '"findings"' in b.code) for b in blocks(page) if b.lang == "json"}
    assert kinds == {(True, False), (False, True)}


def _api_objects() -> list[str]:
    """The dotted names the API reference renders with autodoc directives."""
    text = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    return re.findall(r"^\.\. auto(?:function|class|data|exception|module):: (\S+)", text, flags=re.MULTILINE)


def _resolve(dotted: str) -> object:
    import importlib  # noqa: PLC0415

    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(dotted)


def test_api_reference_examples_run() -> None:
    """Every >>> example in a docstring that the API reference renders passes (they are docs examples too)."""
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    names = _api_objects()
    assert "govreport.validate" in names
    seen: set[str] = set()
    for dotted in names:
        obj = _resolve(dotted)
        if not (inspect.ismodule(obj) or inspect.isclass(obj) or inspect.isroutine(obj)):
            continue  # a constant: its docstring is its type's (int's examples are not ours)
        for test in finder.find(obj, dotted):
            if test.examples and test.name not in seen:
                seen.add(test.name)
                runner.run(test)
    assert runner.tries > 0
    assert runner.failures == 0, "a docstring example shown in docs/reference/api.md fails (see the report above)"
