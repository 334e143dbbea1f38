"""Reports drawn by the public strategy for the benchmarks: the same ones in every run (and every call)."""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings

from govreport.strategies import reports

__all__ = ["drawn_reports"]


@functools.cache
def drawn_reports(n: int) -> list[Any]:
    """``n`` valid reports drawn by :func:`govreport.strategies.reports`, derandomised."""
    drawn: list[Any] = []

    @settings(
        max_examples=n,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(reports())
    def collect(report: Any) -> None:
        drawn.append(report)

    collect()
    return drawn[:n]
