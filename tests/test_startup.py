"""Start-up stays light: ``import govreport`` and the command line load the heavy parts on first use only, and every
public name still resolves."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys

import pytest

import govreport

#: What a bare ``import govreport`` must not load: the JSON stack (cattrs), the comparison of two years, the
#: parsers, the renderers, the JSON Schema and its validator, the Hypothesis strategies.
HEAVY = (
    "cattrs",
    "govreport.serialization",
    "govreport.compare",
    "govreport.parsers",
    "govreport.renderers",
    "govreport.schemas",
    "jsonschema",
    "govreport.strategies",
    "hypothesis",
    "importlib.metadata",
)


def _loaded_after(code: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """The ``heavy`` modules present in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {heavy!r} if m in sys.modules]))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    loaded: list[str] = json.loads(out.splitlines()[-1])
    return loaded


def test_import_govreport_loads_none_of_the_heavy_parts() -> None:
    """A fresh ``import govreport`` imports none of the heavy modules."""
    assert _loaded_after("import govreport") == []


def test_the_first_use_of_a_lazy_name_loads_its_module() -> None:
    """Reading ``govreport.loads`` loads the JSON stack, and ``govreport.diff`` the comparison, and no more."""
    assert _loaded_after("import govreport; govreport.loads") == ["cattrs", "govreport.serialization"]
    assert _loaded_after("from govreport import diff") == ["govreport.compare"]


@pytest.mark.parametrize("name", govreport.__all__)
def test_every_public_name_resolves(name: str) -> None:
    """Every name of ``__all__`` is an attribute of the package and is listed by ``dir()``."""
    assert getattr(govreport, name) is not None
    assert name in dir(govreport)


def test_a_lazy_name_is_the_object_of_its_module() -> None:
    """The lazily loaded names are the very objects of their modules."""
    from govreport import compare, serialization  # noqa: PLC0415 - after the package, as a user would

    assert govreport.loads is serialization.loads
    assert govreport.dumps is serialization.dumps
    assert govreport.ReportDiff is compare.ReportDiff


def test_an_unknown_name_is_an_attribute_error() -> None:
    """A name the package does not have raises AttributeError, so hasattr() and getattr(..., default) work."""
    assert not hasattr(govreport, "no_such_name")
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = govreport.no_such_name  # type: ignore[attr-defined]


def test_the_command_line_loads_only_what_validate_needs() -> None:
    """The command line's module loads neither the process pool (only ``--jobs`` needs it), the comparison (only
    ``diff``), nor the parsers, renderers, JSON Schema or package metadata, nor the corpus writers and charts
    (only ``export`` and ``report``)."""
    heavy = (
        "multiprocessing",
        "concurrent.futures",
        "logging",
        "govreport.compare",
        "govreport.parsers",
        "govreport.renderers",
        "jsonschema",
        "importlib.metadata",
        "govreport.corpus._export",
        "govreport.corpus._report",
        "pyarrow",
        "duckdb",
        "vl_convert",
        "dask",
    )
    assert _loaded_after("import govreport.cli", heavy) == []


def test_version_is_the_package_metadata_version() -> None:
    """``govreport.__version__`` and ``govreport --version`` give the version of the installed distribution."""
    installed = importlib.metadata.version("govreport")
    assert govreport.__version__ == installed
    out = subprocess.run(
        [sys.executable, "-m", "govreport", "--version"], check=True, capture_output=True, text=True
    ).stdout
    assert out == f"govreport {installed}\n"
