"""Names a package loads on first use (a module ``__getattr__``), so that importing the package stays light."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, names: Mapping[str, str], public: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of ``package``, which load each of ``names`` (name → the module
    that defines it) on first use and keep it, so the next access costs nothing; ``public`` is its ``__all__``.
    """
    listed = tuple(public)

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module protocol's name
        module = names.get(name)
        if module is None:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        value = getattr(import_module(module), name)
        setattr(sys.modules[package], name, value)  # the next access finds it without calling this function
        return value

    def __dir__() -> list[str]:  # noqa: N807 - the module protocol's name
        return sorted({*vars(sys.modules[package]), *listed})

    return __getattr__, __dir__
