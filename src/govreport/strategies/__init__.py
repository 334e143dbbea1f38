"""Public Hypothesis strategies: reports that are valid *by construction*, single-fault mutants, year pairs.

Install with ``pip install "govreport[hypothesis]"``. Nothing here filters, and nothing here knows an edition:
everything is derived from the edition's declaration (:func:`govreport.editions.get_edition`) and its rules
(:func:`govreport.rules.rules_for`, rule packs included). The strategies solve the rules' equations for the cells
they leave free, draw those, derive every total from them, and write prose from the claim and statement rules'
example sentences, quoting the numbers they produced. So every report satisfies every 勾稽 relation of its
edition however many examples are drawn.

- :func:`reports` draws valid reports of any registered edition (options for small agencies, city-level numbers
  and missing cells);
- :func:`mutants` draws a :class:`Mutant`: a valid report broken in one realistic way, with the exact rule ids,
  pointers and findings that must fail, predicted from the rules' declarations;
- :func:`report_pairs` draws two consecutive years of one agency for the rules over two years
  (``continuity.*``);
- :func:`arbitrary_reports` draws anything the model can hold (negative counts, missing cells, any text), for
  robustness tests; :func:`cells`, :func:`request_rows`, :func:`review_rows`, :func:`request_tables`,
  :func:`review_tables` and :func:`proactive_disclosures` draw parts of the default edition's model.

The package reads, in order: ``_plan`` (the edition read once: its cells, its equations solved by ``_solve``),
``_values`` (cells by construction), ``_prose`` (sentences from the claim and statement declarations),
``_reports``, ``_expect`` (the findings predicted from the declarations), ``_mutants`` and ``_pairs``.

Importing this package registers :func:`reports` for the default edition's report class (and the part strategies
for their classes), so ``st.from_type(Report)`` works; Hypothesis's ``hypothesis`` entry point does the same
when Hypothesis is imported, unless ``HYPOTHESIS_NO_PLUGINS`` is set.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib

try:
    from hypothesis import strategies as st
except ImportError as e:  # the optional extra is not installed: say how to get it
    msg = 'govreport.strategies needs Hypothesis: pip install "govreport[hypothesis]"'
    raise ImportError(msg, name=e.name) from e

from govreport._hypothesis_plugin import STRATEGY_FOR_TYPE
from govreport.editions import DEFAULT_EDITION, get_edition
from govreport.strategies._common import SHAPES, Shape, StrategyArgumentError
from govreport.strategies._mutants import MUTATION_KINDS, Mutant, MutationKind, mutants
from govreport.strategies._pairs import ReportPair, report_pairs
from govreport.strategies._reports import arbitrary_reports, reports
from govreport.strategies._values import (
    cells,
    proactive_disclosures,
    request_rows,
    request_tables,
    review_rows,
    review_tables,
)

__all__ = [
    "MUTATION_KINDS",
    "SHAPES",
    "Mutant",
    "MutationKind",
    "ReportPair",
    "Shape",
    "StrategyArgumentError",
    "arbitrary_reports",
    "cells",
    "mutants",
    "proactive_disclosures",
    "report_pairs",
    "reports",
    "request_rows",
    "request_tables",
    "review_rows",
    "review_tables",
]


def _register() -> None:
    """Make ``st.from_type`` draw valid reports and valid parts (the same table the entry point uses)."""
    model = importlib.import_module(get_edition(DEFAULT_EDITION).report_type.__module__)
    for type_name, strategy_name in STRATEGY_FOR_TYPE.items():
        st.register_type_strategy(getattr(model, type_name), globals()[strategy_name]())


_register()
