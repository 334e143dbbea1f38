"""The ``markdown`` renderer: the report as CommonMark with GitHub-flavoured pipe tables.

Pipe tables cannot merge cells, so each table keeps the official grid's rows and columns and leaves the cells
that a merged cell covers empty; the first grid row is the Markdown header row. The four 第二十条 sub-tables
are separate tables under their block titles. Cells are padded to line up in a monospaced editor (wide
characters counted as two columns). Labels are verbatim, numbers exact, a missing cell shows ``—``.

Text from the report is escaped (``\\*``, ``\\<``, ``\\|``…), so a report cannot inject markup, links or raw HTML
into a page that displays the Markdown.

Options:
    findings: findings to list after the tables; the cells they name are flagged with ``[n]``.
    lang: language of the finding messages, ``"zh"`` (default) or ``"en"``.
"""

from __future__ import annotations

import re
from typing import Any

from govreport.editions import TableSpec
from govreport.renderers._common import (
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
from govreport.renderers.text import cell_text, compact_columns, display_width

__all__ = ["RENDERER", "MarkdownRenderer", "escape_markdown"]

_FINDINGS = {"zh": "审查发现", "en": "Findings"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!&$])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def escape_markdown(text: str, *, block: bool = True) -> str:
    """``text`` with every character that CommonMark or GFM could read as markup backslash-escaped.

    Args:
        text: the text.
        block: the text starts a block (a paragraph), where ``-``, ``+``, ``=`` and ``1.`` would also start a
            list, a heading or a rule; ``False`` inside a table cell or after a list marker.
    """
    text = _SPECIAL.sub(r"\\\1", text)
    if not block:
        return text
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def _table(doc: Document, marks: CellMarks, rows: list[list[Placed]]) -> list[str]:
    starts = compact_columns(rows)
    index = {c: i for i, c in enumerate(starts)}
    n = len(starts)
    grid = [[""] * n for _ in rows]
    first_row = rows[0][0].row
    for row in rows:
        for p in row:
            grid[p.row - first_row][index[p.col]] = escape_markdown(cell_text(doc, marks, p), block=False)
    numeric = {index[p.col] for row in rows for p in row if p.cell.pointer is not None}
    widths = [max(3, *(display_width(r[c]) for r in grid)) for c in range(n)]

    def line(cells: list[str]) -> str:
        padded = [
            (" " * (widths[c] - display_width(t)) + t) if c in numeric else (t + " " * (widths[c] - display_width(t)))
            for c, t in enumerate(cells)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "| " + " | ".join(("-" * (w - 1) + ":") if c in numeric else "-" * w for c, w in enumerate(widths)) + " |"
    return [line(grid[0]), rule, *(line(r) for r in grid[1:])]


def _paragraphs(text: str) -> list[str]:
    out: list[str] = []
    for p in text.split("\n"):
        if p.strip():
            out.extend((escape_markdown(p.strip()), ""))
    return out


class MarkdownRenderer:
    """Renders a report as Markdown (CommonMark + GFM pipe tables)."""

    name = "markdown"
    media_type = "text/markdown"
    binary = False
    suffix = ".md"

    def render(self, report: Any, **options: Any) -> str:
        """Render ``report`` as Markdown.

        Args:
            report: a :class:`govreport.Report`.
            **options: ``findings``, ``lang`` (see the module docs).

        Returns:
            The Markdown text, ending in a newline.

        Raises:
            RenderError: not a report, or a bad option.
        """
        check_options(self.name, options, ("findings", "lang"))
        lang = check_lang(self.name, options.get("lang", "zh"))
        doc = document(report)
        marks = mark_findings(options.get("findings"))
        heading = doc.heading
        out = [f"# {escape_markdown(heading)}", ""]
        out.extend(f"- **{label}**：{escape_markdown(value, block=False)}" for label, value in doc.meta)
        out.append("")
        if doc.preamble is not None:
            out.extend(_paragraphs(doc.preamble))
        for _number, section_heading, spec in doc.sections:
            out.extend((f"## {section_heading}", ""))
            if not isinstance(spec, TableSpec):
                out.extend(_paragraphs(doc.prose(spec)))
                continue
            for title, rows in segments(spec):
                if title is not None:
                    out.extend((f"### {title}", ""))
                out.extend((*_table(doc, marks, rows), ""))
        if marks.findings:
            out.extend((f"## {_FINDINGS[lang]}", ""))
            out.extend(
                f"{n}. {escape_markdown(finding_summary(f, lang), block=False)}"
                for n, f in enumerate(marks.findings, start=1)
            )
            out.append("")
        return "\n".join(out).rstrip("\n") + "\n"


RENDERER = MarkdownRenderer()
