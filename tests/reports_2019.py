"""Reports of the 2019 edition for the tests: the fixtures, a zero report, and a strategy for every cell."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import govreport
from govreport.editions import get_edition

FIXTURES = Path(__file__).parent / "fixtures"
EDITION = get_edition("2019")


def kind(ptr: str, edition: str = "2019") -> str:
    """The column kind (count, signed_count, amount) of the cell at ``ptr``."""
    found = get_edition(edition).cell(ptr)
    assert found is not None, ptr
    return found[1].kind


def zero_report() -> Any:
    """A 2019 report with every cell 0 and prose that no rule objects to."""
    report = govreport.load(FIXTURES / "pingtan-2019.json")
    zeros = {p: Decimal(0) if kind(p) == "amount" else 0 for p in EDITION.cell_pointers()}
    prose = {
        "/overview": "2019年，本机关持续推进政务公开工作。",
        "/problems_and_improvements": "（一）存在的主要问题：信息发布的及时性有待加强。（二）改进情况：建立提醒机制。",
        "/other_matters": "本年度未收取信息处理费。",
    }
    return report.evolve({**zeros, **prose})


def cell_values(edition: str = "2019", *, blanks: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    """Every cell of ``edition``: a count, a signed count or an amount of its kind, or (with ``blanks``) missing.

    The counts are small, so that sums and totals sometimes agree and sometimes do not.
    """

    def one(ptr: str) -> st.SearchStrategy[Any]:
        k = kind(ptr, edition)
        if k == "amount":
            value: st.SearchStrategy[Any] = st.decimals(min_value=0, max_value=10**9, places=2)
        elif k == "signed_count":
            value = st.integers(min_value=-50, max_value=50)
        else:
            value = st.integers(min_value=0, max_value=3)
        return st.none() | value if blanks else value

    return st.fixed_dictionaries({p: one(p) for p in get_edition(edition).cell_pointers()})
