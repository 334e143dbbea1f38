"""Upgrade a report to a later edition of the format, with an explicit list of what could not be carried.

``govreport.upgrade(report)`` runs the upgrade declarations of :mod:`govreport.editions` (the 2019 trial edition →
2021) cell by cell and returns ``(upgraded report, losses)``. There is no silent guess; every cell that is not
copied as it is becomes a finding in ``losses``:

- ``upgrade.lost``: a cell of the older edition that has no place in the newer one (its value is in ``actual``,
  its pointer is the older edition's; severity ``warning``, or ``info`` when the cell was blank anyway);
- ``upgrade.unsourced``: a cell of the newer edition that the older one does not count: it is ``null``
  (severity ``info``);
- ``upgrade.assumed``: a cell set to 0 by a convention (a row the older edition prints as one where the newer has
  sub-rows: the value goes to one sub-row, the others are 0). ``assumptions`` names the convention; severity
  ``info`` where the printed value is 0 (then it is exact, counts cannot be negative), ``warning`` otherwise.

Every data cell of the older edition lands in exactly one cell of the newer, or is listed as lost; every cell of
the newer edition without a source is listed. The table 三 and 四 relations give the same findings before and after.

>>> import govreport
>>> report_2021 = govreport.loads(govreport.example_document())
>>> govreport.upgrade(report_2021) == (report_2021, ())
True
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from govreport.editions import DEFAULT_EDITION, get_edition, get_upgrade
from govreport.editions._upgrade import Carry, Collapse, Lose, NoSource, Upgrade
from govreport.errors import UpgradeError
from govreport.findings import Finding, Severity
from govreport.pointers import split

__all__ = ["COLLAPSED_ROW", "carried", "upgrade"]

Number = int | Decimal

#: The assumption of an ``upgrade.assumed`` finding: a row printed as one holds the value of one sub-row, and the
#: other sub-rows are 0 (``format-2021.md`` §4).
COLLAPSED_ROW = "collapsed_row"


def _reason(entry: Lose | Collapse | NoSource) -> dict[str, str]:
    return {"reason": entry.reason.zh, "reason_en": entry.reason.en}


def _step(report: Any, declaration: Upgrade) -> tuple[Any, list[Finding]]:
    """One upgrade, from ``declaration.source`` to ``declaration.target``."""
    # the JSON stack loads with the first upgrade: govreport.diff reads carried() without it
    from govreport.serialization import structure, unstructure  # noqa: PLC0415

    source, target = get_edition(declaration.source), get_edition(declaration.target)
    old = source.read_cells(report)
    new: dict[str, Number | None] = {}
    losses: list[Finding] = []
    for entry in declaration.entries:
        if isinstance(entry, Carry):
            new[entry.target] = old[entry.source]
        elif isinstance(entry, Lose):
            value = old[entry.source]
            losses.append(
                Finding(
                    rule="upgrade.lost",
                    severity=Severity.INFO if value is None else Severity.WARNING,
                    pointers=(entry.source,),
                    actual=value,
                    detail=_reason(entry),
                    edition=source.name,
                )
            )
        elif isinstance(entry, Collapse):
            value = new[entry.target] = old[entry.source]
            for zero in entry.zeros:
                new[zero] = 0
                losses.append(
                    Finding(
                        rule="upgrade.assumed",
                        severity=Severity.INFO if value == 0 else Severity.WARNING,
                        pointers=(zero, entry.target),
                        actual=0,
                        detail={**_reason(entry), "source": entry.source},
                        edition=target.name,
                        assumptions=(COLLAPSED_ROW,),
                    )
                )
        else:
            new[entry.target] = None
            losses.append(
                Finding(
                    rule="upgrade.unsourced",
                    severity=Severity.INFO,
                    pointers=(entry.target,),
                    detail=_reason(entry),
                    edition=target.name,
                )
            )
    document = _document(unstructure(report), source, target, losses)
    for ptr in target.cell_pointers():
        *parents, key = split(ptr)
        node = document
        for token in parents:
            node = node.setdefault(token, {})
        node[key] = new[ptr]
    return structure(document, edition=target.name), losses


def _document(data: dict[str, Any], source: Any, target: Any, losses: list[Finding]) -> dict[str, Any]:
    """The members of ``data`` that are not tables, for the ``target`` edition; a member ``target`` does not
    have is listed as lost."""
    tables = {t.key for t in source.tables}
    fields = {f.key for f in target.fields}
    document: dict[str, Any] = {"edition": target.name}
    for key, value in data.items():
        if key in tables or key == "edition":
            continue
        if key in fields:
            document[key] = value
        elif value is not None:
            reason = {"reason": "新版格式没有此项", "reason_en": f"the {target.name} edition has no such member"}
            losses.append(
                Finding(
                    rule="upgrade.lost",
                    severity=Severity.WARNING,
                    pointers=(f"/{key}",),
                    detail=reason,
                    edition=source.name,
                )
            )
    return document


def _path(source: str, target: str) -> list[Upgrade] | None:
    """The upgrade declarations that lead from edition ``source`` to edition ``target``, or ``None``."""
    steps: list[Upgrade] = []
    seen = {source}
    while source != target:
        declaration = get_upgrade(source)
        if declaration is None or declaration.target in seen:
            return None
        steps.append(declaration)
        seen.add(source := declaration.target)
    return steps


def carried(source: str, target: str) -> dict[str, str] | None:
    """The cells of edition ``target`` that count the same as a cell of edition ``source``: target pointer →
    source pointer, through the declared upgrades (their :class:`~govreport.editions._upgrade.Carry` entries).

    Returns:
        The mapping, or ``None`` when no upgrade leads from ``source`` to ``target``.
    """
    steps = _path(source, target)
    if steps is None:
        return None
    mapping = {p: p for p in get_edition(source).cell_pointers()}
    for step in steps:
        mapping = {e.target: mapping[e.source] for e in step.entries if isinstance(e, Carry) and e.source in mapping}
    return mapping


def upgrade(report: Any, to: str = DEFAULT_EDITION) -> tuple[Any, tuple[Finding, ...]]:
    """``report`` as a report of the edition ``to``, and every cell that could not be carried as it is.

    Args:
        report: a report of an older edition (a report of edition ``to`` is returned as it is).
        to: the edition to upgrade to (default: the current edition).

    Returns:
        ``(upgraded report, losses)``: ``losses`` are findings (``upgrade.lost``, ``upgrade.unsourced``,
        ``upgrade.assumed``), one per cell, in the order of the upgrade declaration.

    Raises:
        UpgradeError: no declared upgrade leads from the report's edition to ``to``.
        UnknownEditionError: ``to`` is not a registered edition.
    """
    get_edition(to)
    steps = _path(report.edition, to)
    if steps is None:
        msg = f"no upgrade leads from edition {report.edition!r} to edition {to!r}"
        raise UpgradeError(msg)
    losses: list[Finding] = []
    for step in steps:
        report, found = _step(report, step)
        losses.extend(found)
    return report, tuple(losses)
