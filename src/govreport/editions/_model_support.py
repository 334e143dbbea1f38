"""What the generated model modules build on: cell fields and the validators of the typed model.

The model classes of an edition are generated from its declaration (:mod:`govreport.editions._codegen`); they hold
a report *as published*, wrong totals included: construction checks types and shapes only, and the rule engine
judges the 勾稽 relations. A count is ``int | None`` and an amount ``Decimal | None``, where ``None`` means the
published report left the cell blank or printed ``/``, ``-``, ``—``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from operator import attrgetter
from typing import Any

import attrs

from govreport.pointers import join, split

__all__ = [
    "CELL_KIND",
    "amount",
    "check_counts",
    "count",
    "evolve",
    "instance",
    "non_empty_text",
    "optional_instance",
    "optional_text",
    "register_rows",
    "row_types",
    "signed_count",
    "text",
    "year",
]

#: The key of a cell field's metadata that holds its column kind (``count``, ``signed_count``, ``amount``).
CELL_KIND = "govreport.kind"


def _count(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    # bool is an int subclass; True is never a count.
    if value is not None and (type(value) is not int):
        msg = f"{attribute.name} must be an int or None (missing), not {type(value).__name__}"
        raise TypeError(msg)


def _amount(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if type(value) is not Decimal:
        msg = f"{attribute.name} must be a decimal.Decimal or None (missing), not {type(value).__name__}"
        raise TypeError(msg)
    if not value.is_finite():
        msg = f"{attribute.name} must be a finite decimal, not {value}"
        raise ValueError(msg)


def text(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a ``str``."""
    if type(value) is not str:
        msg = f"{attribute.name} must be a str, not {type(value).__name__}"
        raise TypeError(msg)


def optional_text(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a ``str`` or ``None``."""
    if value is not None:
        text(inst, attribute, value)


def non_empty_text(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a ``str`` with at least one character that is not white space."""
    text(inst, attribute, value)
    if not value.strip():
        msg = f"{attribute.name} must not be empty"
        raise ValueError(msg)


def year(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a four-digit ``int`` year."""
    if type(value) is not int:
        msg = f"{attribute.name} must be an int, not {type(value).__name__}"
        raise TypeError(msg)
    if not 1000 <= value <= 9999:
        msg = f"{attribute.name} must be a four-digit year, not {value}"
        raise ValueError(msg)


def instance(cls: type) -> Any:
    """Validator: an instance of ``cls``."""
    return attrs.validators.instance_of(cls)


def optional_instance(cls: type) -> Any:
    """Validator: an instance of ``cls`` or ``None``."""
    return attrs.validators.optional(attrs.validators.instance_of(cls))


def count() -> Any:
    """An ``int | None`` cell field (``None`` = missing in the source).

    The type is checked once per row by :func:`check_counts` (called from the row's ``__attrs_post_init__``)
    rather than by one validator per cell: loading a report builds ~40 rows, and one call per row instead of one
    per cell is most of the cost of construction.
    """
    return attrs.field(metadata={CELL_KIND: "count"})


def signed_count() -> Any:
    """An ``int | None`` cell field that may be negative (本年增/减); checked like :func:`count`."""
    return attrs.field(metadata={CELL_KIND: "signed_count"})


def amount() -> Any:
    """A ``Decimal | None`` cell field (``None`` = missing in the source)."""
    return attrs.field(validator=_amount, metadata={CELL_KIND: "amount"})


_COUNT_TYPES = frozenset({int, type(None)})
_CELL_READERS: dict[type, Any] = {}


def check_counts(row: Any) -> None:
    """Raise TypeError naming the first count of ``row`` that is neither an int nor None (bool is not a count)."""
    values = _CELL_READERS[type(row)](row)
    if _COUNT_TYPES.issuperset(map(type, values)):  # the common case, decided in C
        return
    for attribute in attrs.fields(type(row)):
        if attribute.metadata.get(CELL_KIND) != "amount":
            _count(row, attribute, getattr(row, attribute.name))


def _reader(names: list[str]) -> Any:
    if len(names) == 1:
        only = names[0]
        return lambda row: (getattr(row, only),)
    return attrgetter(*names)


def register_rows(*classes: type) -> None:
    """Register the row classes whose counts :func:`check_counts` reads."""
    for cls in classes:
        names = [a.name for a in attrs.fields(cls) if a.metadata.get(CELL_KIND) in ("count", "signed_count")]
        _CELL_READERS[cls] = _reader(names)


def row_types() -> frozenset[type]:
    """Every registered row class that holds counts."""
    return frozenset(_CELL_READERS)


def evolve(obj: Any, changes: Mapping[str, Any]) -> Any:
    """A copy of the report ``obj`` with the values at the JSON Pointers of ``changes`` replaced.

    Each value is checked as the model checks it (a count is ``int | None``, an amount ``Decimal | None``, text
    is ``str``) and against the limits of a report document, as the loader checks them (a count at most
    :data:`~govreport.limits.MAX_COUNT`, an agency of at most :data:`~govreport.limits.MAX_AGENCY_CHARS`
    characters…); the copy shares every unchanged part with ``obj``. A negative count is kept: it is a value a
    report may hold, which the format's rule ``values.non_negative`` reports.

    Raises:
        ReportEditError: a pointer names nothing in the report, or a value has the wrong type or is past a limit.
    """
    from govreport.errors import ReportEditError  # noqa: PLC0415 - errors import findings, which the model needs not
    from govreport.serialization import limit_problems  # noqa: PLC0415 - the loader's checks, loaded by then

    tree: dict[str, Any] = {}
    for ptr, value in changes.items():
        try:
            path = split(ptr)
        except ValueError:
            raise ReportEditError(ptr, "not a JSON Pointer") from None
        if not path:
            raise ReportEditError(ptr, "the whole document cannot be replaced")
        node = tree
        for token in path[:-1]:
            child = node.setdefault(token, {})
            if not isinstance(child, dict):
                raise ReportEditError(ptr, "changed twice")
            node = child
        if path[-1] in node:
            raise ReportEditError(ptr, "changed twice")
        node[path[-1]] = _Leaf(value)
    changed = _apply(obj, tree, ())
    for problem in limit_problems(changed, changes, negatives=False):  # a negative count is the rules' to judge
        ptr = problem.pointers[0]
        raise ReportEditError(ptr, problem.message_in("en").removeprefix(ptr).removeprefix(": ").strip())
    return changed


@attrs.frozen
class _Leaf:
    value: Any


def _apply(obj: Any, tree: dict[str, Any], path: tuple[str, ...]) -> Any:
    from govreport.errors import ReportEditError  # noqa: PLC0415

    if not attrs.has(type(obj)):
        raise ReportEditError(join(path), "not an object of the report")
    names = attrs.fields_dict(type(obj))
    updates: dict[str, Any] = {}
    for key, sub in tree.items():
        here = (*path, key)
        if key not in names:
            raise ReportEditError(join(here), "no such member")
        updates[key] = sub.value if isinstance(sub, _Leaf) else _apply(getattr(obj, key), sub, here)
        if isinstance(sub, _Leaf) and attrs.has(type(getattr(obj, key))):
            raise ReportEditError(join(here), "an object of the report, not a value")
    try:
        return attrs.evolve(obj, **updates)
    except (TypeError, ValueError) as e:
        raise ReportEditError(join(path) or "/", str(e)) from None
