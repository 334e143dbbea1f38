"""The edition registry: every named version of the national format that govreport knows.

An edition (:class:`~govreport.editions._spec.Edition`) declares its tables, labels and layout as data and names
its typed model. ``"2021"`` is built in; later revisions (and the 2019 trial edition) join with
:func:`register_edition` without touching the core.
"""

from __future__ import annotations

from govreport._defaults import DEFAULT_EDITION
from govreport.editions._spec import (
    Block,
    Column,
    Edition,
    FieldSpec,
    Grid,
    GridCell,
    Group,
    Line,
    TableSpec,
    pointer,
)
from govreport.errors import UnknownEditionError

__all__ = [
    "DEFAULT_EDITION",
    "Block",
    "Column",
    "Edition",
    "FieldSpec",
    "Grid",
    "GridCell",
    "Group",
    "Line",
    "TableSpec",
    "edition_names",
    "get_edition",
    "pointer",
    "register_edition",
]


_REGISTRY: dict[str, Edition] = {}


def register_edition(edition: Edition, *, replace: bool = False) -> None:
    """Add ``edition`` to the registry.

    Raises:
        ValueError: an edition of that name is registered already and ``replace`` is false.
    """
    if edition.name in _REGISTRY and not replace:
        msg = f"edition {edition.name!r} is registered already"
        raise ValueError(msg)
    _REGISTRY[edition.name] = edition


def get_edition(name: str = DEFAULT_EDITION) -> Edition:
    """The registered edition called ``name``.

    Raises:
        UnknownEditionError: no edition of that name is registered.
    """
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise UnknownEditionError(name, tuple(_REGISTRY)) from None


def edition_names() -> tuple[str, ...]:
    """The names of every registered edition, in registration order."""
    return tuple(_REGISTRY)


def _register_builtins() -> None:
    # The built-in editions are the only modules that import an edition module: everything else asks here.
    from govreport.editions import e2021  # noqa: PLC0415 - e2021 imports this package's vocabulary

    register_edition(e2021.EDITION)


_register_builtins()
