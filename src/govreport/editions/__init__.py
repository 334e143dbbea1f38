"""The edition registry: every named version of the national format that govreport knows.

An edition (:class:`~govreport.editions._spec.Edition`) declares its tables, labels and layout as data and names
its typed model. ``"2021"`` and the 2019 trial edition ``"2019"`` are built in; later revisions join with
:func:`register_edition` without touching the core. An upgrade from one edition to the next is declared as data
too (:class:`~govreport.editions._upgrade.Upgrade`) and registered with :func:`register_upgrade`.
"""

from __future__ import annotations

import threading
from importlib import import_module
from typing import TYPE_CHECKING

from govreport._defaults import DEFAULT_EDITION
from govreport._lazy import lazy_names
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
from govreport.errors import UnknownEditionError

if TYPE_CHECKING:
    from govreport.editions._upgrade import Upgrade

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


#: The built-in editions, in registration order: the module that declares each (its ``EDITION``) and the name
#: of the upgrade it declares to the next edition, if any. An edition module is imported, and its edition and
#: upgrade registered, when the edition is first asked for: a program that reads 2021 reports never loads the
#: 2019 edition or its model. Only this table names the edition modules: everything else asks the registry.
_BUILTINS: dict[str, tuple[str, str | None]] = {
    "2021": ("govreport.editions.e2021", None),
    "2019": ("govreport.editions.e2019", "UPGRADE_TO_2021"),
}

_REGISTRY: dict[str, Edition] = {}
_UPGRADES: dict[str, Upgrade] = {}
#: The built-in editions not loaded yet (and not replaced by :func:`register_edition`).
_PENDING: dict[str, tuple[str, str | None]] = dict(_BUILTINS)
_LOADING = threading.RLock()


def _load(name: str) -> None:
    """Import the built-in edition ``name`` if it is still pending, and register it and its upgrade."""
    entry = _PENDING.get(name)
    if entry is None:
        return
    module_name, upgrade = entry
    module = import_module(module_name)
    with _LOADING:  # two threads asking at once: the first registers, the second finds it done
        if name not in _PENDING:
            return
        _REGISTRY[name] = module.EDITION
        del _PENDING[name]
        if upgrade is not None:
            register_upgrade(getattr(module, upgrade))


def _load_all() -> None:
    for name in tuple(_PENDING):
        _load(name)


def register_edition(edition: Edition, *, replace: bool = False) -> None:
    """Add ``edition`` to the registry.

    Raises:
        ValueError: an edition of that name is registered already and ``replace`` is false.
    """
    if (edition.name in _REGISTRY or edition.name in _PENDING) and not replace:
        msg = f"edition {edition.name!r} is registered already"
        raise ValueError(msg)
    _PENDING.pop(edition.name, None)  # a built-in replaced before it was loaded is never loaded
    _REGISTRY[edition.name] = edition


def get_edition(name: str = DEFAULT_EDITION) -> Edition:
    """The registered edition called ``name``.

    Raises:
        UnknownEditionError: no edition of that name is registered.
    """
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        pass
    if isinstance(name, str) and name in _PENDING:
        _load(name)
        return _REGISTRY[name]
    raise UnknownEditionError(name, edition_names()) from None


def edition_names() -> tuple[str, ...]:
    """The names of every registered edition, in registration order (the built-in ones first), loaded or not."""
    return tuple(dict.fromkeys((*(n for n in _BUILTINS if n in _PENDING or n in _REGISTRY), *_REGISTRY)))


def register_upgrade(upgrade: Upgrade, *, replace: bool = False) -> None:
    """Add ``upgrade`` (from its source edition to its target edition) to the registry.

    Both editions must be registered, and the declaration must name every cell of both exactly once.

    Raises:
        ValueError: an upgrade from that source edition is registered already and ``replace`` is false, or the
            declaration is incomplete.
        UnknownEditionError: an edition it names is not registered.
    """
    _load(upgrade.source)  # a built-in edition registers its own upgrade when it loads
    if upgrade.source in _UPGRADES and not replace:
        msg = f"an upgrade from edition {upgrade.source!r} is registered already"
        raise ValueError(msg)
    upgrade.check(get_edition(upgrade.source), get_edition(upgrade.target))
    _UPGRADES[upgrade.source] = upgrade


def get_upgrade(source: str) -> Upgrade | None:
    """The registered upgrade from edition ``source`` to the next one, or ``None`` when there is none."""
    _load(source)
    return _UPGRADES.get(source)


def upgrades() -> tuple[Upgrade, ...]:
    """Every registered upgrade, in registration order."""
    _load_all()
    return tuple(_UPGRADES.values())


__getattr__, __dir__ = lazy_names(__name__, {"Upgrade": "govreport.editions._upgrade"}, __all__)
