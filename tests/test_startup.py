"""Start-up: what ``import govreport``, ``govreport --version`` and validating one 2021 document load.

Each case runs in a fresh interpreter (what a module loads depends on what ran before it in the same process)
and lists the modules it loaded; the figures of time are benchmarks/bench_startup.py's, not a test's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.machinery import PathFinder
from pathlib import Path

import pytest

import govreport
from govreport.rules import _engine

SRC = str(Path(__file__).resolve().parent.parent / "src")
EXAMPLE = str(Path(SRC) / "govreport" / "data" / "example-2023.json")


def _loaded(code: str, *argv: str) -> set[str]:
    """The modules loaded in a fresh interpreter by ``code`` (run with ``argv``)."""
    script = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.splitlines()[-1]))


def test_import_loads_the_version_and_the_exceptions_only() -> None:
    """``import govreport`` loads neither attrs nor the editions, the model or the rules; a name loads on use."""
    loaded = _loaded("import govreport")
    assert "govreport.errors" in loaded
    assert not {"attrs", "cattrs", "govreport.editions", "govreport.model", "govreport.rules"} & loaded
    used = _loaded("import govreport; govreport.Report")
    assert {"attrs", "govreport.model"} <= used


def test_version_loads_no_library() -> None:
    """``govreport --version`` builds the parser and prints the version without loading attrs or the verbs."""
    loaded = _loaded("from govreport.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass")
    assert "govreport.cli" in loaded
    assert not {"attrs", "govreport._verbs", "govreport.editions", "govreport.serialization"} & loaded


def test_validating_a_2021_document_loads_neither_2019_nor_the_diagnosis() -> None:
    """Loading and validating a 2021 document, in the library and on the command line, leaves the 2019 edition,
    its model, the upgrade, the diagnosis and the comparison unloaded; asking for them loads them."""
    unused = {
        "govreport.editions.e2019",
        "govreport.model_2019",
        "govreport.editions._upgrade",
        "govreport.rules._diagnose",
        "govreport.compare",
    }
    loaded = _loaded("import govreport\nassert govreport.validate(govreport.load(sys.argv[1])).valid", EXAMPLE)
    assert {"govreport.model", "govreport.editions.e2021"} <= loaded
    assert not unused & loaded
    command = "from govreport.cli import main\nassert main(['validate', '--no-summary', sys.argv[1]]) == 0"
    cli = _loaded(command, EXAMPLE)
    assert not unused & cli
    asked = _loaded("import govreport\ngovreport.get_edition('2019').report_type\ngovreport.diagnose")
    assert {"govreport.editions.e2019", "govreport.model_2019", "govreport.rules._diagnose"} <= asked


def test_a_declared_pack_is_never_skipped_by_the_quick_look(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The look before importlib.metadata finds a distribution on sys.path that declares a rule pack, and counts
    an egg or zip file on the path as a maybe; distributions without the group do not count."""
    site = tmp_path / "site"
    info = site / "other-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text("[console_scripts]\nother = other:main\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "absent")])
    monkeypatch.setattr(sys, "meta_path", [PathFinder])
    assert not _engine._may_declare_packs()
    (info / "entry_points.txt").write_text(f"[{_engine.ENTRY_POINT_GROUP}]\nmine = mine:PACK\n", encoding="utf-8")
    assert _engine._may_declare_packs()
    zipped = tmp_path / "packs.zip"
    zipped.write_bytes(b"")
    monkeypatch.setattr(sys, "path", [str(zipped)])
    assert _engine._may_declare_packs()


def test_a_finder_of_distributions_off_the_path_is_a_maybe(monkeypatch: pytest.MonkeyPatch) -> None:
    """A finder on sys.meta_path that finds distributions elsewhere than in the folders of sys.path makes the
    quick look say maybe, so importlib.metadata is asked."""

    class Elsewhere:
        def find_distributions(self, context: object = None) -> list[object]:
            return []

    monkeypatch.setattr(sys, "path", [])
    monkeypatch.setattr(sys, "meta_path", [PathFinder])
    assert not _engine._may_declare_packs()
    monkeypatch.setattr(sys, "meta_path", [PathFinder, Elsewhere()])
    assert _engine._may_declare_packs()


@pytest.mark.parametrize("name", sorted(govreport.__all__))
def test_every_public_name_resolves(name: str) -> None:
    """Every name of ``__all__`` is an attribute of the package and is listed by ``dir()``."""
    assert getattr(govreport, name) is not None
    assert name in dir(govreport)


def test_a_lazy_name_is_the_object_of_its_module() -> None:
    """The lazily loaded names are the very objects of their modules."""
    from govreport import compare, serialization  # noqa: PLC0415

    assert govreport.loads is serialization.loads
    assert govreport.dumps is serialization.dumps
    assert govreport.ReportDiff is compare.ReportDiff


def test_an_unknown_name_is_an_attribute_error() -> None:
    """A name the package does not have raises AttributeError, so hasattr() and getattr(..., default) work."""
    assert not hasattr(govreport, "no_such_name")
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = govreport.no_such_name  # type: ignore[attr-defined]


def test_version_is_the_package_metadata_version() -> None:
    """``govreport.__version__`` and ``govreport --version`` give the version of the installed distribution."""
    import importlib.metadata  # noqa: PLC0415

    installed = importlib.metadata.version("govreport")
    assert govreport.__version__ == installed
    out = subprocess.run(
        [sys.executable, "-m", "govreport", "--version"], check=True, capture_output=True, text=True
    ).stdout
    assert out == f"govreport {installed}\n"
