"""Two consecutive years of one agency, and what the rules over two years must say about them."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

import attrs
from hypothesis import strategies as st

from govreport.editions import DEFAULT_EDITION
from govreport.strategies._common import Failure, Shape, StrategyArgumentError, check_shape, choose, ints
from govreport.strategies._expect import continuity_failures
from govreport.strategies._plan import Plan, plan_for
from govreport.strategies._reports import drawn, years_of

__all__ = ["ReportPair", "report_pairs"]


def _frozen_failures(value: Collection[Failure]) -> frozenset[Failure]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class ReportPair:
    """Two consecutive years of one agency, and what the rules over two years must say about them.

    Unpacks as ``previous, current = pair``.

    Attributes:
        previous: the report of year Y − 1.
        current: the report of year Y; validate it with ``previous=``.
        failures: exactly the ``(rule id, pointers)`` of each failing finding of those rules (empty when
            consistent).
    """

    previous: Any
    current: Any
    failures: frozenset[Failure] = attrs.field(converter=_frozen_failures, default=frozenset())

    @property
    def consistent(self) -> bool:
        """True when no rule over two years must fail."""
        return not self.failures

    @property
    def rules(self) -> frozenset[str]:
        """The ids of the rules over two years that must fail."""
        return frozenset(rule for rule, _ in self.failures)

    def __iter__(self) -> Iterator[Any]:
        return iter((self.previous, self.current))


def _break_names(plan: Plan) -> dict[str, str]:
    """Each breakable rule over two years by the names ``breaks`` accepts: its id's last part, and its id."""
    names = {rule_id.rpartition(".")[2]: rule_id for rule_id in plan.breakable}
    names.update({rule_id: rule_id for rule_id in plan.breakable})
    return names


def report_pairs(
    edition: str = DEFAULT_EDITION,
    *,
    consistent: bool = True,
    breaks: Collection[str] | None = None,
    shape: Shape | None = None,
) -> st.SearchStrategy[ReportPair]:
    """Reports of two consecutive years of one agency, each valid on its own.

    When ``consistent``, every equation over two years holds (in 2021: this year's 二、上年结转 is last year's
    四、结转下年度继续办理 in every column, and each 现行有效件数 of 第二十条第（一）项 is last year's + 本年制发 −
    本年废止). When not, some of those equations are broken (in ways that keep each report valid on its own) and
    :attr:`ReportPair.failures` says exactly which findings must fail.

    Args:
        edition: the edition's name (any registered edition).
        consistent: whether the two years agree.
        breaks: when not consistent, which rules may be broken, by id (``continuity.in_force``) or by the id's
            last part (``in_force``); ``None`` for all. At least one is broken in every pair.
        shape: the shape of the reports (see :func:`reports`).

    Returns:
        A strategy of :class:`ReportPair`.

    Raises:
        UnknownEditionError: ``edition`` is not registered.
        StrategyArgumentError: an unknown break or shape, no breaks, or (when not consistent) an edition with no
            rule over two years to break.
    """
    plan = plan_for(edition)
    names = _break_names(plan)
    rules: tuple[str, ...] = ()
    if breaks is not None or names:
        rules = tuple(dict.fromkeys(names[name] for name in choose("breaks", tuple(names), breaks)))
    shapes = check_shape(shape)
    first, last = years_of(plan.edition)

    @st.composite
    def draw_pair(draw: st.DrawFn) -> ReportPair:
        s = draw(shapes)
        previous = draw(drawn(plan, shape=s, years=ints(first, last - 1)))
        broken: set[int] = set()
        if not consistent:
            for rule_id in draw(st.lists(st.sampled_from(rules), min_size=1, unique=True)):
                broken.update(draw(st.lists(st.sampled_from(plan.breakable[rule_id]), min_size=1, unique=True)))
        current = draw(
            drawn(
                plan,
                shape=s,
                agency=previous.agency,
                year=previous.year + 1,
                previous=previous.values,
                broken=broken,
            )
        )
        failures = continuity_failures(plan, previous.values, current.values)
        return ReportPair(previous=previous.report, current=current.report, failures=failures)

    if not consistent and not rules:
        msg = f"edition {edition!r} has no rule over two years to break"
        raise StrategyArgumentError(msg)
    return draw_pair()
