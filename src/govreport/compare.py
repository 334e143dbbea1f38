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

from govreport.editions import DEFAULT_EDITION, get_edition
from govreport.errors import EditionMismatchError
from govreport.findings import Finding, Severity
from govreport.rules import rules_for
from govreport.upgrading import carried

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
        previous_pointer: the cell's pointer in the previous report, when that report is of an older edition
            in which the same count sits elsewhere; ``None`` when it is ``pointer``.
    """

    pointer: str
    old: Number | None
    new: Number | None
    difference: Number | None
    edition: str = DEFAULT_EDITION
    previous_pointer: str | None = None

    def label(self, lang: str = "zh") -> str:
        """The cell's official label (``lang="zh"``) or its English name."""
        return get_edition(self.edition).describe(self.pointer, lang)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """A JSON-ready dict; decimals stay :class:`~decimal.Decimal` (write it with ``dumps_json``)."""
        out: dict[str, Any] = {
            "pointer": self.pointer,
            "label": self.label(lang),
            "old": self.old,
            "new": self.new,
            "difference": self.difference,
        }
        if self.previous_pointer is not None:
            out["previous_pointer"] = self.previous_pointer
        return out


@attrs.frozen(kw_only=True)
class ReportDiff:
    """What changed from one year's report to the next.

    Attributes:
        previous_year: the statistics year of the earlier report.
        year: the statistics year of the current report.
        changes: every data cell whose value differs, in document order.
        findings: the findings of the cross-year rules (``continuity.*``) for the current report.
        not_compared: across an edition change, the current report's cells that no cell of the previous
            report's edition counts the same way (empty for two reports of one edition).
    """

    previous_year: int
    year: int
    changes: tuple[CellChange, ...]
    findings: tuple[Finding, ...]
    not_compared: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        """True when no cross-year finding has severity ``error``."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """``{"previous_year", "year", "changes": [...], "findings": [...]}``, the shape of ``diff --json``, with
        ``"not_compared": [...]`` across an edition change."""
        out: dict[str, Any] = {
            "previous_year": self.previous_year,
            "year": self.year,
            "changes": [c.to_dict(lang) for c in self.changes],
            "findings": [f.to_dict(lang) for f in self.findings],
        }
        if self.not_compared:
            out["not_compared"] = list(self.not_compared)
        return out


def diff(previous: Any, current: Any) -> ReportDiff:
    """Compare ``previous`` (the earlier year) with ``current``, cell by cell.

    A cell counts as changed when its value differs, including a cell that is missing in one year and present
    in the other. The cross-year rules are run as :func:`govreport.validate` runs them with ``previous``; when
    the years are not consecutive they report ``not_assessable``.

    ``previous`` may be of an older edition from which a declared upgrade leads to ``current``'s (a 2020 report
    on the 2019 trial format): then the cells compared are those the upgrade carries as the same count, and the
    others are listed in :attr:`ReportDiff.not_compared`.

    Args:
        previous: the same agency's report for an earlier year.
        current: the report to compare with it.

    Returns:
        A :class:`ReportDiff`.

    Raises:
        EditionMismatchError: no declared upgrade leads from the previous report's edition to the current one's.
    """
    rules = rules_for(current.edition)
    after = rules.read_cells(current)
    if previous.edition == current.edition:
        before = rules.read_cells(previous)
        sources: dict[str, str] = {ptr: ptr for ptr in after}
    else:
        found = carried(previous.edition, current.edition)
        if found is None:
            msg = (
                f"previous report is of edition {previous.edition!r}, this one of {current.edition!r}, and no "
                "upgrade leads from one to the other"
            )
            raise EditionMismatchError(msg)
        before, sources = rules_for(previous.edition).read_cells(previous), found
    changes = tuple(
        CellChange(
            pointer=ptr,
            old=old,
            new=new,
            difference=new - old if old is not None and new is not None else None,
            edition=current.edition,
            previous_pointer=None if sources[ptr] == ptr else sources[ptr],
        )
        for ptr, new in after.items()
        if ptr in sources and (old := before[sources[ptr]]) != new
    )
    cross_year = [r.id for r in rules if r.needs_previous]
    findings = rules.check(current, previous, select=cross_year).findings
    return ReportDiff(
        previous_year=previous.year,
        year=current.year,
        changes=changes,
        findings=findings,
        not_compared=tuple(ptr for ptr in after if ptr not in sources),
    )
