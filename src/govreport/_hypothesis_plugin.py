"""Hypothesis's entry point for govreport: ``st.from_type(Report)`` draws valid reports.

Hypothesis runs every function registered in the ``hypothesis`` entry-point group when it is imported, unless
the ``HYPOTHESIS_NO_PLUGINS`` environment variable is set. :func:`_hypothesis_setup_hook` stays cheap: it
registers, for each model class, a function that imports :mod:`govreport.strategies` only when a test first asks
Hypothesis for that type. The hook lives outside :mod:`govreport.strategies` because that module imports
Hypothesis: when it is the first to do so, Hypothesis would load the entry point from a half-imported module.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

#: Model class name → the strategy of :mod:`govreport.strategies` that draws valid instances of it.
STRATEGY_FOR_TYPE = {
    "Report": "reports",
    "Requests": "request_tables",
    "ReviewAndLitigation": "review_tables",
    "ProactiveDisclosure": "proactive_disclosures",
    "RequestRow": "request_rows",
    "ReviewRow": "review_rows",
}


def _lazy(name: str) -> Callable[[type[Any]], Any]:
    def resolve(_: type[Any]) -> Any:
        from govreport import strategies  # noqa: PLC0415 - imported on first use, not when Hypothesis starts

        return getattr(strategies, name)()

    return resolve


def _hypothesis_setup_hook() -> None:
    """Register govreport's strategies with Hypothesis (honours ``HYPOTHESIS_NO_PLUGINS``)."""
    if os.environ.get("HYPOTHESIS_NO_PLUGINS"):
        return
    from hypothesis import strategies as st  # noqa: PLC0415 - Hypothesis is an optional dependency

    from govreport import model  # noqa: PLC0415 - keeps importing this module free

    for type_name, strategy_name in STRATEGY_FOR_TYPE.items():
        st.register_type_strategy(getattr(model, type_name), _lazy(strategy_name))
