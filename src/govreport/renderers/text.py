"""The ``text`` renderer: the report as plain text, tables aligned for a monospaced screen.

Tables keep the official grid (:attr:`govreport.editions.TableSpec.grid`): one line per grid row, cells between
``|`` separators, a merged cell drawn once across the columns or rows it spans, the four 第二十条 sub-tables each
under its block title. Columns are aligned by display width, counting East Asian wide and fullwidth characters
as two columns (``unicodedata.east_asian_width``), so the tables line up in a terminal with a CJK font. Labels are
verbatim, numbers exact and right-aligned, a missing cell shows ``—`` (never ``0``).

Options:
    findings: findings to list after the tables; the cells they name are flagged with ``[n]``.
    lang: language of the finding messages, ``"zh"`` (default) or ``"en"``.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from govreport.editions import TableSpec
from govreport.renderers._common import (
    MISSING_MARK,
    CellMarks,
    Document,
    Placed,
    check_lang,
    check_options,
    document,
    finding_summary,
    mark_findings,
    segments,
)

__all__ = ["RENDERER", "TextRenderer", "display_width", "grid_lines"]

_FINDINGS = {"zh": "审查发现", "en": "Findings"}


def display_width(text: str) -> int:
    """The number of terminal columns ``text`` takes: wide and fullwidth characters count two, combining marks
    and format characters zero, everything else one."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad(text: str, width: int, *, right: bool) -> str:
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def cell_text(doc: Document, marks: CellMarks, p: Placed) -> str:
    """What a grid cell shows in text: its label, or its exact value (``—`` when missing) and finding numbers."""
    if p.cell.pointer is None:
        return p.cell.text or ""
    ptr = p.cell.pointer
    value = doc.value_text(ptr)
    shown = MISSING_MARK if value is None else value
    notes = marks.notes.get(ptr, ())
    return shown + ("".join(f"[{n}]" for n in notes) if notes else "")


def compact_columns(rows: list[list[Placed]]) -> list[int]:
    """The grid columns at which some cell of ``rows`` starts; columns where none starts are merged away.

    (第二十条第（五）项 spans its one value over three columns: in its own block it needs one.)
    """
    return sorted({p.col for row in rows for p in row})


def grid_lines(rows: list[list[Placed]], texts: dict[tuple[int, int], str], *, rule_after: int) -> list[str]:
    """Draw placed rows as aligned text lines.

    Args:
        rows: placed grid rows (one segment of a table).
        texts: ``(row, col)`` of each cell → its text.
        rule_after: draw a ``|---|`` rule after this many rows (0: none).
    """
    starts = compact_columns(rows)
    index = {c: i for i, c in enumerate(starts)}
    n = len(starts)

    def span(p: Placed) -> tuple[int, int]:
        first = index[p.col]
        last = max(i for i, c in enumerate(starts) if c <= p.last_col)
        return first, last

    widths = [0] * n
    cells = [p for row in rows for p in row]
    for p in sorted(cells, key=lambda q: span(q)[1] - span(q)[0]):
        first, last = span(p)
        need = display_width(texts[p.row, p.col])
        have = sum(widths[first : last + 1]) + 3 * (last - first)
        if need > have:
            widths[last] += need - have
    value_cols = {index[p.col] for p in cells if p.cell.pointer is not None}
    # (row, compact column) → the cell that covers it.
    cover: dict[tuple[int, int], Placed] = {}
    for p in cells:
        first, last = span(p)
        for r in range(p.row, p.last_row + 1):
            for c in range(first, last + 1):
                cover[r, c] = p
    out: list[str] = []
    for i, row in enumerate(rows):
        r = row[0].row
        pieces: list[str] = []
        c = 0
        while c < n:
            found = cover.get((r, c))
            if found is None:  # pragma: no cover - place() guarantees a full grid
                pieces.append(" " * widths[c])
                c += 1
                continue
            p = found
            first, last = span(p)
            w = sum(widths[first : last + 1]) + 3 * (last - first)
            text = texts[p.row, p.col] if p.row == r else ""
            pieces.append(_pad(text, w, right=p.cell.pointer is not None))
            c = last + 1
        out.append("| " + " | ".join(pieces) + " |")
        if rule_after and i + 1 == rule_after:
            rule = "|".join(("-" * (w + 1) + ":" if j in value_cols else "-" * (w + 2)) for j, w in enumerate(widths))
            out.append("|" + rule + "|")
    return out


def header_rows(rows: list[list[Placed]]) -> int:
    """How many leading rows of a segment hold no value cell."""
    for i, row in enumerate(rows):
        if any(p.cell.pointer is not None for p in row):
            return i
    return len(rows)


def table_lines(doc: Document, marks: CellMarks, table: TableSpec) -> list[str]:
    """The lines of one table: each block title on its own line, then the block's aligned grid."""
    lines: list[str] = []
    for title, rows in segments(table):
        if title is not None:
            if lines:
                lines.append("")
            lines.append(title)
        texts = {(p.row, p.col): cell_text(doc, marks, p) for row in rows for p in row}
        lines.extend(grid_lines(rows, texts, rule_after=header_rows(rows)))
    return lines


class TextRenderer:
    """Renders a report as plain UTF-8 text with aligned tables."""

    name = "text"
    media_type = "text/plain"
    binary = False
    suffix = ".txt"

    def render(self, report: Any, **options: Any) -> str:
        """Render ``report`` as text.

        Args:
            report: a :class:`govreport.Report`.
            **options: ``findings``, ``lang`` (see the module docs).

        Returns:
            The text, ending in a newline.

        Raises:
            RenderError: not a report, or a bad option.
        """
        check_options(self.name, options, ("findings", "lang"))
        lang = check_lang(self.name, options.get("lang", "zh"))
        doc = document(report)
        marks = mark_findings(options.get("findings"))
        out: list[str] = []
        out.append(doc.heading)
        out.extend(f"{label}：{value}" for label, value in doc.meta)
        if doc.preamble is not None:
            out.append("")
            out.extend(p for p in doc.preamble.split("\n") if p.strip())
        for _number, heading, spec in doc.sections:
            out.append("")
            out.append(heading)
            if isinstance(spec, TableSpec):
                out.extend(table_lines(doc, marks, spec))
            else:
                out.extend(p for p in doc.prose(spec).split("\n") if p.strip())
        if marks.findings:
            out.append("")
            out.append(_FINDINGS[lang])
            out.extend(f"[{n}] {finding_summary(f, lang)}" for n, f in enumerate(marks.findings, start=1))
        return "\n".join(out) + "\n"


RENDERER = TextRenderer()
