"""What every part of the strategies shares: the shapes, the argument error and cached primitive strategies."""

from __future__ import annotations

import functools
import typing
from collections.abc import Collection, Iterable
from decimal import Decimal
from typing import Any, Literal, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govreport.errors import GovReportError

__all__ = [
    "ANY_MAX",
    "SHAPES",
    "Cells",
    "Failure",
    "Number",
    "Shape",
    "StrategyArgumentError",
    "check_shape",
    "choose",
    "ints",
    "pick",
    "skip",
]

Number = int | Decimal
#: Cell values by JSON Pointer (``None`` = missing).
Cells = dict[str, Number | None]
#: A failing finding as ``(rule id, pointers)``.
Failure = tuple[str, tuple[str, ...]]

#: ``"small"``: a township or a bureau: mostly zeros, a few requests from natural persons, a small fee.
#: ``"city"``: city-level numbers: thousands of requests, every applicant column used.
#: ``"any"``: every cell anywhere from 0 to a million, to reach the corners.
Shape = Literal["any", "small", "city"]
SHAPES: tuple[Shape, ...] = typing.get_args(Shape)

#: The largest count of the ``"any"`` shape.
ANY_MAX = 10**6


class StrategyArgumentError(GovReportError, InvalidArgument):
    """A strategy of :mod:`govreport.strategies` was called with an argument it cannot honour.

    It is both a :class:`~govreport.errors.GovReportError` and Hypothesis's own
    :class:`~hypothesis.errors.InvalidArgument`, so either can be caught.
    """


@functools.lru_cache(maxsize=4096)
def ints(low: int, high: int) -> st.SearchStrategy[int]:
    """``st.integers(low, high)``, built once: a report draws a few hundred numbers, and building and validating
    a new strategy object for each draw cost more than the draw itself.
    """
    return st.integers(low, high)


@functools.lru_cache(maxsize=1024)
def pick(choices: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    """``st.sampled_from(choices)``, built once per tuple of choices (see :func:`ints`)."""
    return st.sampled_from(choices)


def check_shape(shape: Shape | None) -> st.SearchStrategy[Shape]:
    """The shapes to draw from: ``shape``, or all of them for ``None``.

    Raises:
        StrategyArgumentError: an unknown shape.
    """
    if shape is None:
        return st.sampled_from(SHAPES)
    if shape not in SHAPES:
        msg = f"shape must be one of {', '.join(SHAPES)} (or None for all), not {shape!r}"
        raise StrategyArgumentError(msg)
    return st.just(shape)


_Option = TypeVar("_Option", bound=str)


def choose(name: str, options: tuple[_Option, ...], given: Iterable[str] | None) -> tuple[_Option, ...]:
    """The ``options`` named in ``given`` (all of them for ``None``), in their canonical order.

    Raises:
        StrategyArgumentError: ``given`` names an unknown option, or none.
    """
    wanted = set(options) if given is None else set(given)
    chosen = tuple(o for o in options if o in wanted)
    unknown = wanted - set(options)
    if unknown or not chosen:
        msg = f"{name} must be a non-empty collection of {', '.join(options) or '(none here)'}; "
        msg += f"unknown: {sorted(unknown)}"
        raise StrategyArgumentError(msg)
    return chosen


def skip(k: int, taken: Collection[Number]) -> int:
    """The ``k``-th non-negative integer (from 0) that is not in ``taken``: draws "anything but these"."""
    for t in sorted({int(t) for t in taken if t >= 0 and t == int(t)}):
        if k >= t:
            k += 1
    return k
