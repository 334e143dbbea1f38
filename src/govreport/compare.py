"""Two years of one agency side by side (``govreport.diff``): every cell that changed, and the cross-year rules.

:func:`diff` compares the 200 data cells of two reports of the same edition (read with the edition's own cell
list, so a later edition compares its own cells) and runs the rules that need two consecutive years
(``continuity.carried_over``, ``continuity.in_force``).

>>> import govreport
>>> current = govreport.loads(govreport.example_document())
>>> d = govreport.diff(current, current)
>>> d.changes, [f.rule for f in d.findings]
((), ['continuity.carried_over', 'continuity.in_force'])
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from govreport.editions import get_edition
from govreport.errors import EditionMismatchError
from govreport.findings import Finding, Severity
from govreport.model import Report
from govreport.rules import rules_for

__all__ = ["CellChange", "ReportDiff", "diff"]

Number = int | Decimal


@attrs.frozen(kw_only=True)
class CellChange:
    """One data cell whose value differs between the two years.

    Attributes:
        pointer: the RFC 6901 JSON Pointer of the cell (the same in both documents).
        old: the value in the previous year's report (``None``: missing there).
        new: the value in the current report (``None``: missing there).
        difference: ``new - old`` when both are present, else ``None``.
        edition: the edition whose labels name the cell.
    """

    pointer: str
    old: Number | None
    new: Number | None
    difference: Number | None
    edition: str = "2021"

    def label(self, lang: str = "zh") -> str:
        """The cell's official label (``lang="zh"``) or its English name."""
        return get_edition(self.edition).describe(self.pointer, lang)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """A JSON-ready dict; decimals stay :class:`~decimal.Decimal` (write it with ``dumps_json``)."""
        return {
            "pointer": self.pointer,
            "label": self.label(lang),
            "old": self.old,
            "new": self.new,
            "difference": self.difference,
        }


@attrs.frozen(kw_only=True)
class ReportDiff:
    """What changed from one year's report to the next.

    Attributes:
        previous_year: the statistics year of the earlier report.
        year: the statistics year of the current report.
        changes: every data cell whose value differs, in document order.
        findings: the findings of the cross-year rules (``continuity.*``) for the current report.
    """

    previous_year: int
    year: int
    changes: tuple[CellChange, ...]
    findings: tuple[Finding, ...]

    @property
    def valid(self) -> bool:
        """True when no cross-year finding has severity ``error``."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """``{"previous_year", "year", "changes": [...], "findings": [...]}``, the shape of ``diff --json``."""
        return {
            "previous_year": self.previous_year,
            "year": self.year,
            "changes": [c.to_dict(lang) for c in self.changes],
            "findings": [f.to_dict(lang) for f in self.findings],
        }


def diff(previous: Report, current: Report) -> ReportDiff:
    """Compare ``previous`` (the earlier year) with ``current``, cell by cell.

    A cell counts as changed when its value differs, including a cell that is missing in one year and present
    in the other. The cross-year rules are run as :func:`govreport.validate` runs them with ``previous``; when
    the years are not consecutive they report ``not_assessable``.

    Args:
        previous: the same agency's report for an earlier year.
        current: the report to compare with it.

    Returns:
        A :class:`ReportDiff`.

    Raises:
        EditionMismatchError: the two reports are of different editions.
    """
    if previous.edition != current.edition:
        msg = f"previous report is of edition {previous.edition!r}, this one of {current.edition!r}"
        raise EditionMismatchError(msg)
    rules = rules_for(current.edition)
    before, after = rules.read_cells(previous), rules.read_cells(current)
    changes = tuple(
        CellChange(
            pointer=ptr,
            old=old,
            new=new,
            difference=new - old if old is not None and new is not None else None,
            edition=current.edition,
        )
        for ptr, new in after.items()
        if (old := before[ptr]) != new
    )
    cross_year = [r.id for r in rules if r.needs_previous]
    findings = rules.check(current, previous, select=cross_year).findings
    return ReportDiff(previous_year=previous.year, year=current.year, changes=changes, findings=findings)
