"""An example govreport renderer plug-in: every 总计 cell of a report, one JSON object per line."""

from __future__ import annotations

import json
from typing import Any

from govreport import RenderError, get_edition


class TotalsRenderer:
    """Renders the totals of a report as JSON lines: ``{"pointer": ..., "label": ..., "value": ...}``."""

    name = "totals"
    media_type = "application/jsonl"
    binary = False
    suffix = ".jsonl"

    def render(self, report: Any, **options: Any) -> str:
        """Render the 总计 cells of ``report``.

        Args:
            report: a govreport Report.
            **options: none are taken.

        Returns:
            One JSON object per line.

        Raises:
            RenderError: an option was given.
        """
        if options:
            msg = f"the totals renderer takes no options, got {', '.join(sorted(options))}"
            raise RenderError(msg)
        edition = get_edition(report.edition)
        cells = edition.read_cells(report)
        lines = []
        for table in edition.tables:
            for line, column in table.cells():
                if column.key == "total":
                    ptr = line.cell_pointer(column)
                    value = cells[ptr]
                    lines.append(
                        json.dumps(
                            {"pointer": ptr, "label": edition.describe(ptr), "value": value},
                            ensure_ascii=False,
                        )
                    )
        return "\n".join(lines) + "\n"
