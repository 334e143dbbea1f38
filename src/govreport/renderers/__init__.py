"""Renderers: a report drawn as HTML, Markdown, text, CSV, XLSX, DOCX, or any format a plug-in adds.

A renderer is any object with the :class:`Renderer` shape: a ``name``, a ``media_type``, a ``binary`` flag, a
file ``suffix`` and a ``render(report, **options)`` method that returns ``str`` (or ``bytes`` when ``binary``).
No subclassing: write a small class or instance, and either call :func:`register_renderer` or declare it in the
``govreport.renderers`` entry-point group of your package::

    [project.entry-points."govreport.renderers"]
    yaml = "my_package.render:YamlRenderer"

The entry point may name a renderer object, or a class (or other callable) that builds one with no arguments.

Plug-ins are loaded lazily: asking for a built-in name never reads package metadata, asking for another name
loads only that entry point, and :func:`available_renderers` loads them all. A plug-in that cannot be imported,
or that does not have the renderer shape, is skipped with a :class:`~govreport.errors.PluginWarning`; it never
stops govreport from working.

The built-in renderers are registered in code rather than through govreport's own entry points, so that they
work from a source checkout or a vendored copy with no installed metadata and cost no metadata scan. A plug-in
entry point with a built-in name is skipped with a warning; replace a built-in on purpose with
``register_renderer(renderer, replace=True)``.

>>> import govreport
>>> report = govreport.loads(govreport.example_document())
>>> "html" in available_renderers() and "text" in available_renderers()
True
>>> print(govreport.render(report, "csv").splitlines()[0])
agency,year,edition,table,table_label,row_key,row_label,column_key,column_label,unit,pointer,value
"""

from __future__ import annotations

import importlib
import warnings
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Protocol, runtime_checkable

from govreport.errors import GovReportError, PluginError, PluginWarning, RenderError

__all__ = [
    "ENTRY_POINT_GROUP",
    "TEMPLATE_FORMATS",
    "Renderer",
    "available_renderers",
    "get_renderer",
    "refresh_plugins",
    "register_renderer",
    "render",
    "template",
    "unregister_renderer",
]

#: The formats :func:`template` writes.
TEMPLATE_FORMATS = ("xlsx", "docx")

#: The entry-point group in which third-party packages declare renderers.
ENTRY_POINT_GROUP = "govreport.renderers"

# name → "module:attribute" of the built-ins, imported on first use (xlsx and docx need their extras).
_BUILTINS: dict[str, str] = {
    "csv": "govreport.renderers.csv:RENDERER",
    "docx": "govreport.renderers.docx:RENDERER",
    "html": "govreport.renderers.html:RENDERER",
    "markdown": "govreport.renderers.markdown:RENDERER",
    "text": "govreport.renderers.text:RENDERER",
    "xlsx": "govreport.renderers.xlsx:RENDERER",
}

_registry: dict[str, Renderer] = {}
_entry_points: dict[str, EntryPoint] | None = None
_failed: dict[str, str] = {}


@runtime_checkable
class Renderer(Protocol):
    """What a renderer is: a name, a media type, whether it writes bytes, a file suffix, and a render method.

    Attributes:
        name: the name it is registered and asked for by (``"html"``).
        media_type: the IANA media type of its output (``"text/html"``).
        binary: ``True`` when :meth:`render` returns ``bytes``, ``False`` when it returns ``str``.
        suffix: the usual file name suffix of its output, with the dot (``".html"``).
    """

    name: str
    media_type: str
    binary: bool
    suffix: str

    def render(self, report: Any, **options: Any) -> str | bytes:
        """Render ``report``.

        Args:
            report: a :class:`govreport.Report`.
            **options: renderer-specific options; ``findings`` (an iterable of
                :class:`~govreport.findings.Finding`) is understood by every built-in renderer.

        Returns:
            The rendered report: ``bytes`` when :attr:`binary`, else ``str``.

        Raises:
            RenderError: the report or an option cannot be rendered.
        """
        ...  # pragma: no cover - a protocol


def _shape_problem(obj: object) -> str | None:
    for attr, kind in (("name", str), ("media_type", str), ("suffix", str), ("binary", bool)):
        if not isinstance(getattr(obj, attr, None), kind):
            return f"its {attr} is not a {kind.__name__}"
    if not callable(getattr(obj, "render", None)):
        return "it has no render method"
    return None


def register_renderer(renderer: Renderer, *, name: str | None = None, replace: bool = False) -> None:
    """Make ``renderer`` available as ``name`` (default: ``renderer.name``).

    Args:
        renderer: an object with the :class:`Renderer` shape.
        name: the name to register it under; defaults to ``renderer.name``.
        replace: replace a renderer of that name (built-ins included) instead of refusing.

    Raises:
        PluginError: ``renderer`` does not have the :class:`Renderer` shape, or the name is taken and
            ``replace`` is false.
    """
    problem = _shape_problem(renderer)
    if problem is not None:
        msg = f"{renderer!r} is not a renderer: {problem}"
        raise PluginError(msg)
    key = name if name is not None else renderer.name
    if not replace and (key in _registry or key in _BUILTINS):
        msg = f"a renderer called {key!r} is registered already (pass replace=True to replace it)"
        raise PluginError(msg)
    _registry[key] = renderer
    _failed.pop(key, None)


def unregister_renderer(name: str) -> None:
    """Forget the renderer registered as ``name`` (a built-in comes back on next use)."""
    _registry.pop(name, None)
    _failed.pop(name, None)


def _plugin_entry_points() -> dict[str, EntryPoint]:
    global _entry_points  # noqa: PLW0603 - a lazily filled module cache
    if _entry_points is None:
        found: dict[str, EntryPoint] = {}
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
            if ep.name in _BUILTINS:
                warnings.warn(
                    f"renderer plug-in {ep.value!r} is called {ep.name!r}, the name of a built-in renderer; "
                    "it is skipped (register it with replace=True to replace the built-in)",
                    PluginWarning,
                    stacklevel=3,
                )
                continue
            found.setdefault(ep.name, ep)
        _entry_points = found
    return _entry_points


def refresh_plugins() -> None:
    """Forget the entry points read so far and the plug-ins loaded from them, so they are read again.

    Call it after installing a plug-in into a running interpreter.
    """
    global _entry_points  # noqa: PLW0603 - a lazily filled module cache
    if _entry_points is not None:
        for name in _entry_points:
            _registry.pop(name, None)
    _entry_points = None
    _failed.clear()


def _load_builtin(name: str) -> Renderer:
    module_name, _, attr = _BUILTINS[name].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        extra = f"govreport[{name}]"
        msg = f"the {name!r} renderer needs an optional dependency ({e.name or e}): pip install '{extra}'"
        raise RenderError(msg) from e
    renderer: Renderer = getattr(module, attr)
    _registry[name] = renderer
    return renderer


def _load_plugin(ep: EntryPoint) -> Renderer | None:
    try:
        obj = ep.load()
        if isinstance(obj, type) or (callable(obj) and _shape_problem(obj) is not None):
            obj = obj()
    except Exception as e:  # any failure of third-party code must not stop govreport
        problem = f"{type(e).__name__}: {e}"
    else:
        shape = _shape_problem(obj)
        if shape is None:
            _registry[ep.name] = obj
            return obj  # type: ignore[no-any-return]
        problem = f"{obj!r} is not a renderer: {shape}"
    _failed[ep.name] = problem
    warnings.warn(
        f"renderer plug-in {ep.name!r} ({ep.value}) could not be loaded and is skipped: {problem}",
        PluginWarning,
        stacklevel=4,
    )
    return None


def get_renderer(name: str) -> Renderer:
    """The renderer registered as ``name``: a built-in, one registered in code, or a plug-in.

    Raises:
        RenderError: no renderer of that name, or its plug-in could not be loaded, or a built-in's optional
            dependency is missing.
    """
    if not isinstance(name, str):
        msg = f"a renderer name is a str, not {type(name).__name__}"
        raise RenderError(msg)
    found = _registry.get(name)
    if found is not None:
        return found
    if name in _BUILTINS:
        return _load_builtin(name)
    if name not in _failed:
        ep = _plugin_entry_points().get(name)
        if ep is not None and (loaded := _load_plugin(ep)) is not None:
            return loaded
    if name in _failed:
        msg = f"renderer {name!r} is a plug-in that could not be loaded: {_failed[name]}"
        raise RenderError(msg)
    known = ", ".join(available_renderers(load=False))
    msg = f"unknown renderer {name!r}; available: {known}"
    raise RenderError(msg)


def available_renderers(*, load: bool = True) -> tuple[str, ...]:
    """The names of every renderer, sorted.

    Args:
        load: load every plug-in first, so that broken ones are left out (with a warning); with ``False`` the
            names of plug-ins are listed without importing them.
    """
    if load:
        for name, ep in _plugin_entry_points().items():
            if name not in _registry and name not in _failed:
                _load_plugin(ep)
    names = set(_BUILTINS) | set(_registry)
    names |= {n for n in _plugin_entry_points() if n not in _failed}
    return tuple(sorted(names))


def render(report: Any, to: str = "html", **options: Any) -> str | bytes:
    """Render ``report`` with the renderer called ``to``.

    Args:
        report: a :class:`govreport.Report`.
        to: the renderer's name: ``html``, ``markdown``, ``text``, ``csv``, ``xlsx``, ``docx`` or a plug-in's.
        **options: passed to the renderer. ``findings`` highlights what is wrong: ``True`` validates the report and
            shows its findings (like the command line's ``--findings``), ``False`` shows none, and an iterable of
            findings (``validate(report).findings``) shows those.

    Returns:
        ``str``, or ``bytes`` for binary formats (``xlsx``, ``docx``).

    Raises:
        RenderError: unknown renderer, bad option, or a report it cannot render.
        PluginError: a plug-in returned something other than what its ``binary`` flag promises.
    """
    renderer = get_renderer(to)
    if options.get("findings") is True:
        from govreport.rules import validate  # noqa: PLC0415 - only a render with findings needs the engine

        options["findings"] = validate(report).findings
    elif options.get("findings") is False:
        options["findings"] = None
    try:
        out = renderer.render(report, **options)
    except GovReportError:
        raise
    except Exception as e:
        msg = f"renderer {to!r} failed: {type(e).__name__}: {e}"
        raise RenderError(msg) from e
    expected = bytes if renderer.binary else str
    if not isinstance(out, expected):
        msg = f"renderer {to!r} returned {type(out).__name__}, not {expected.__name__}"
        raise PluginError(msg)
    return out


def template(to: str, *, edition: str | None = None) -> bytes:
    """The blank official template of ``edition`` (default: the current edition) as a ``to`` file, for an agency
    to fill in and :func:`govreport.parse` to read back.

    ``"xlsx"``: a workbook whose totals are formulas, whose input cells are unlocked and checked as they are typed,
    and whose sheets are protected without a password (:func:`govreport.renderers.xlsx.template`). ``"docx"``: a
    Word document with the official merged-cell tables left empty and a box for each prose section
    (:func:`govreport.renderers.docx.template`).

    >>> template("xlsx")[:2]
    b'PK'

    Raises:
        RenderError: ``to`` is not ``"xlsx"`` or ``"docx"``, or its extra is not installed.
        UnknownEditionError: no edition of that name is registered.
    """
    if to not in TEMPLATE_FORMATS:
        msg = f"no template in {to!r}: templates are written as {' or '.join(TEMPLATE_FORMATS)}"
        raise RenderError(msg)
    try:
        module = importlib.import_module(f"govreport.renderers.{to}")
    except ImportError as e:
        msg = f"the {to} template needs the {to} extra: pip install 'govreport[{to}]'"
        raise RenderError(msg) from e
    from govreport._defaults import DEFAULT_EDITION  # noqa: PLC0415 - light, but only templates need it here

    data: bytes = module.template(DEFAULT_EDITION if edition is None else edition)
    return data
