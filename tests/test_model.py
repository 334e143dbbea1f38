"""The typed model: frozen, keyword-only, strict about types, lenient about arithmetic."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import govreport
from govreport.model import FeesRow, RequestRow, ReviewRow


def test_classes_are_frozen_slotted_keyword_only(sample: govreport.Report) -> None:
    """Report parts cannot be changed in place and take keyword arguments only."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        sample.year = 2024  # type: ignore[misc]
    assert not hasattr(sample, "__dict__")
    with pytest.raises(TypeError):
        ReviewRow(0, 0, 0, 0, 0)  # type: ignore[misc]


def test_wrong_totals_can_be_held() -> None:
    """Construction checks types only: a row whose total is wrong is a valid object."""
    row = ReviewRow(upheld=10, corrected=1, other=0, pending=0, total=0)
    assert row.total == 0


@pytest.mark.parametrize("value", ["1", 1.0, True, Decimal(1)])
def test_counts_must_be_int_or_none(value: object) -> None:
    """A count is an int or None, never a string, float, bool or decimal."""
    with pytest.raises(TypeError):
        RequestRow(
            natural_persons=value,
            commercial_enterprises=0,
            research_institutions=0,  # type: ignore[arg-type]
            social_welfare_organizations=0,
            legal_service_institutions=0,
            other_organizations=0,
            total=0,
        )


@pytest.mark.parametrize("value", [722.61, "722.61", 722])
def test_fee_must_be_decimal(value: object) -> None:
    """The fee is a Decimal or None, never a binary float."""
    with pytest.raises(TypeError):
        FeesRow(amount_10k_yuan=value)  # type: ignore[arg-type]


def test_fee_must_be_finite() -> None:
    """NaN and infinities are not amounts."""
    with pytest.raises(ValueError, match="finite"):
        FeesRow(amount_10k_yuan=Decimal("NaN"))
    assert FeesRow(amount_10k_yuan=None).amount_10k_yuan is None


def test_agency_must_not_be_empty(sample: govreport.Report) -> None:
    """The agency is a non-empty string."""
    with pytest.raises(ValueError, match="empty"):
        attrs.evolve(sample, agency=" ")
