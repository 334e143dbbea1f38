"""The edition registry: every named version of the national format that govreport knows.

An edition (:class:`~govreport.editions._spec.Edition`) declares its tables, labels and layout as data and names
its typed model. ``"2021"`` and the 2019 trial edition ``"2019"`` are built in; later revisions join with
:func:`register_edition` without touching the core. An upgrade from one edition to the next is declared as data
too (:class:`~govreport.editions._upgrade.Upgrade`) and registered with :func:`register_upgrade`.
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
    Sign,
    TableSpec,
    pointer,
)
from govreport.editions._upgrade import Upgrade
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
    "Sign",
    "TableSpec",
    "Upgrade",
    "edition_names",
    "get_edition",
    "get_upgrade",
    "pointer",
    "register_edition",
    "register_upgrade",
    "upgrades",
]


_REGISTRY: dict[str, Edition] = {}
_UPGRADES: dict[str, Upgrade] = {}


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


def register_upgrade(upgrade: Upgrade, *, replace: bool = False) -> None:
    """Add ``upgrade`` (from its source edition to its target edition) to the registry.

    Both editions must be registered, and the declaration must name every cell of both exactly once.

    Raises:
        ValueError: an upgrade from that source edition is registered already and ``replace`` is false, or the
            declaration is incomplete.
        UnknownEditionError: an edition it names is not registered.
    """
    if upgrade.source in _UPGRADES and not replace:
        msg = f"an upgrade from edition {upgrade.source!r} is registered already"
        raise ValueError(msg)
    upgrade.check(get_edition(upgrade.source), get_edition(upgrade.target))
    _UPGRADES[upgrade.source] = upgrade


def get_upgrade(source: str) -> Upgrade | None:
    """The registered upgrade from edition ``source`` to the next one, or ``None`` when there is none."""
    return _UPGRADES.get(source)


def upgrades() -> tuple[Upgrade, ...]:
    """Every registered upgrade, in registration order."""
    return tuple(_UPGRADES.values())


def _register_builtins() -> None:
    # The built-in editions are the only modules that import an edition module: everything else asks here.
    from govreport.editions import e2019, e2021  # noqa: PLC0415 - they import this package's vocabulary

    register_edition(e2021.EDITION)
    register_edition(e2019.EDITION)
    register_upgrade(e2019.UPGRADE_TO_2021)


_register_builtins()
