"""Renderer plug-ins found through the ``govreport.renderers`` entry-point group: real installs, broken ones."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import govreport
from govreport import renderers
from govreport.cli import main
from govreport.errors import PluginWarning, RenderError

from .conftest import install_plugin

EXAMPLE = Path(__file__).parent / "plugins" / "example_renderer"
SAMPLE = Path(__file__).parent / "fixtures" / "jingxing-2023.json"


@pytest.fixture(autouse=True)
def fresh_plugins() -> Iterator[None]:
    """Each test reads the entry points anew, and leaves none of its plug-ins behind."""
    renderers.refresh_plugins()
    yield
    renderers.refresh_plugins()


def _distribution(site: Path, name: str, entry_points: dict[str, str], modules: dict[str, str]) -> None:
    """Lay out an installed distribution by hand: its .dist-info (METADATA, entry_points.txt) and modules."""
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    lines = "".join(f"{k} = {v}\n" for k, v in entry_points.items())
    (info / "entry_points.txt").write_text(f"[govreport.renderers]\n{lines}", encoding="utf-8")
    for module, source in modules.items():
        (site / f"{module}.py").write_text(source, encoding="utf-8")


def test_the_example_package_installs_and_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: govreport.Report, capsys: pytest.CaptureFixture[str]
) -> None:
    """pip installs tests/plugins/example_renderer; its entry point is found, loaded lazily, and renders through
    govreport.render and the command line."""
    site = tmp_path / "site"
    install_plugin(EXAMPLE, site)
    monkeypatch.syspath_prepend(str(site))
    renderers.refresh_plugins()
    assert "totals" in renderers.available_renderers(load=False)
    assert "govreport_example_renderer" not in sys.modules  # listed, not imported
    out = govreport.render(sample, "totals")
    assert isinstance(out, str)
    rows = [json.loads(line) for line in out.splitlines()]
    assert {
        "pointer": "/requests/received/total",
        "label": "一、本年新收政府信息公开申请数量 总计",
        "value": 73,
    } in rows
    assert len(rows) == 25 + 3  # the 总计 column of table 三 and the three 总计 of table 四
    assert main(["render", str(SAMPLE), "--to", "totals"]) == 0
    assert capsys.readouterr().out == out
    with pytest.raises(RenderError, match="takes no options"):
        govreport.render(sample, "totals", findings=[])
    sys.modules.pop("govreport_example_renderer", None)


def test_a_broken_plugin_is_skipped_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plug-in whose module fails to import is left out with a PluginWarning; asking for it is a RenderError
    that says why; the built-ins keep working."""
    _distribution(
        tmp_path,
        "broken_plugin",
        {"broken": "broken_renderer_mod:RENDERER"},
        {"broken_renderer_mod": "raise RuntimeError('this plug-in is broken')\n"},
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    renderers.refresh_plugins()
    with pytest.warns(PluginWarning, match=r"'broken'.*RuntimeError: this plug-in is broken"):
        names = renderers.available_renderers()
    assert "broken" not in names
    assert "html" in names
    with pytest.raises(RenderError, match="could not be loaded: RuntimeError"):
        renderers.get_renderer("broken")
    sys.modules.pop("broken_renderer_mod", None)


def test_a_plugin_without_the_renderer_shape_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry point naming something that is not a renderer is skipped with a warning that says what is wrong."""
    _distribution(
        tmp_path,
        "shapeless_plugin",
        {"shapeless": "shapeless_mod:NOT_A_RENDERER"},
        {"shapeless_mod": "NOT_A_RENDERER = 42\n"},
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    renderers.refresh_plugins()
    with (
        pytest.warns(PluginWarning, match="is not a renderer: its name is not a str"),
        pytest.raises(RenderError, match="could not be loaded"),
    ):
        renderers.get_renderer("shapeless")
    sys.modules.pop("shapeless_mod", None)


def test_a_plugin_cannot_take_a_builtin_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry point called like a built-in is skipped with a warning; the built-in stays."""
    _distribution(tmp_path, "shadow_plugin", {"html": "shadow_mod:X"}, {"shadow_mod": "X = None\n"})
    monkeypatch.syspath_prepend(str(tmp_path))
    renderers.refresh_plugins()
    with pytest.warns(PluginWarning, match="name of a built-in renderer"):
        renderers.available_renderers()
    assert renderers.get_renderer("html").media_type == "text/html"
    assert "shadow_mod" not in sys.modules


def test_builtins_never_read_entry_points(monkeypatch: pytest.MonkeyPatch, sample: govreport.Report) -> None:
    """Asking for a built-in does not scan package metadata (plug-ins are loaded lazily)."""

    def refuse(**kwargs: object) -> object:
        raise AssertionError("entry points were read")

    monkeypatch.setattr(renderers, "entry_points", refuse)
    renderers.refresh_plugins()
    assert isinstance(govreport.render(sample, "text"), str)
    with pytest.raises(AssertionError, match="entry points were read"):
        renderers.get_renderer("not-a-builtin")
