"""The ``html`` renderer: the whole report as one self-contained page, tables in the official merged-cell layout.

Every table is drawn from its edition's grid (:attr:`govreport.editions.TableSpec.grid`): the rowspan and
colspan of format-2021.md §2 and the verbatim labels. The page is semantic and accessible (section headings
inside the table captions, ``<th scope>``, and a ``headers`` attribute on every value cell naming all the
header cells above it and to its left), carries its own CSS (screen and print, A4), loads nothing (a
Content-Security-Policy forbids it), and escapes everything that comes from the report.

Each value cell carries ``data-pointer``, the JSON Pointer of the number it shows. A missing cell shows ``—``
with class ``missing``, never ``0``.

Options:
    findings: findings to show (e.g. ``govreport.validate(report).findings``). The checked cell of a failing
        finding gets class ``fail``, the other cells it names ``involved``, cells of a rule that could not be
        evaluated ``na`` and missing cells ``missing``; each shows the rule, message, expected and actual value
        on hover (``title``) and links to a numbered footnote.
    lang: language of the finding messages, ``"zh"`` (default) or ``"en"``.
    standalone: ``True`` (default) for a whole page; ``False`` for the ``<article>`` alone, to embed.
"""

from __future__ import annotations

from html import escape
from typing import Any

from govreport.editions import FieldSpec, TableSpec
from govreport.renderers._common import (
    MISSING_MARK,
    CellMarks,
    Document,
    Placed,
    check_flag,
    check_lang,
    check_options,
    document,
    field_pointer,
    finding_summary,
    mark_findings,
    segments,
)

__all__ = ["RENDERER", "HtmlRenderer"]

_CSS = """\
:root { color-scheme: light; }
body { margin: 2rem auto; max-width: 62rem; padding: 0 1rem; color: #1b1b1b; background: #fff;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  line-height: 1.7; }
h1 { font-size: 1.5rem; text-align: center; margin: 0 0 .75rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
caption { text-align: left; }
caption h2 { margin-top: 0; }
p { text-indent: 2em; margin: .35rem 0; }
.gr-meta { list-style: none; margin: 0 0 1rem; padding: 0; font-size: .9rem; color: #444; }
.gr-meta .gr-key { font-weight: bold; }
table.gr-table { border-collapse: collapse; width: 100%; margin: .25rem 0 1.5rem; font-size: .88rem;
  line-height: 1.45; }
.gr-table th, .gr-table td { border: 1px solid #444; padding: .3rem .45rem; vertical-align: middle; }
.gr-table th { font-weight: normal; background: #f2f2f2; text-align: center; }
.gr-table th[scope="row"] { text-align: left; background: #fafafa; }
.gr-table th[scope="col"] { white-space: nowrap; }
.gr-table th[scope="colgroup"].gr-block { text-align: left; font-weight: bold; background: #e6e6e6; }
.gr-table td.v { text-align: right; white-space: nowrap; min-width: 2.5em;
  font-variant-numeric: tabular-nums; }
.gr-table td.missing { text-align: center; color: #555;
  background: repeating-linear-gradient(45deg, #fff, #fff 4px, #e9e9e9 4px, #e9e9e9 8px); }
.gr-table td.fail { background: #fde0de; box-shadow: inset 0 0 0 2px #c62828; font-weight: bold; }
.gr-table td.involved { background: #fff1dc; }
.gr-table td.na { box-shadow: inset 0 0 0 2px #b8a100; }
.gr-fn { font-size: .7em; line-height: 0; margin-left: .15em; }
.gr-fn a { color: #c62828; text-decoration: none; }
.gr-findings ol { padding-left: 2em; }
.gr-findings li { margin: .25rem 0; }
.gr-findings .sev-error { color: #b71c1c; }
.gr-findings .sev-warning { color: #8a5a00; }
.gr-legend { font-size: .85rem; }
.gr-legend span { display: inline-block; padding: 0 .4em; margin-right: .5em; border: 1px solid #444; }
.gr-legend .fail { background: #fde0de; box-shadow: inset 0 0 0 2px #c62828; }
.gr-legend .involved { background: #fff1dc; }
.gr-legend .na { box-shadow: inset 0 0 0 2px #b8a100; }
.gr-legend .missing { background: repeating-linear-gradient(45deg, #fff, #fff 4px, #e9e9e9 4px, #e9e9e9 8px); }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  table.gr-table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, th, td { break-inside: avoid; }
  h2 { break-after: avoid; }
  .gr-table td, .gr-legend span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .gr-fn a { color: #000; }
}
"""

_WORDS = {
    "zh": {"findings": "审查发现", "fail": "不符合", "involved": "相关单元格", "na": "无法判断", "missing": "缺失"},
    "en": {
        "findings": "Findings",
        "fail": "fails",
        "involved": "involved",
        "na": "not assessable",
        "missing": "missing",
    },
}
_ROLE_CLASS = {"fail": "fail", "involved": "involved", "not_assessable": "na", "missing": "missing"}


def _e(text: str) -> str:
    return escape(text, quote=True)


def _paragraphs(text: str) -> list[str]:
    return [f"<p>{_e(p)}</p>" for p in text.split("\n") if p.strip()]


def _fn_refs(numbers: tuple[int, ...]) -> str:
    if not numbers:
        return ""
    links = ",".join(f'<a href="#finding-{n}">{n}</a>' for n in numbers)
    return f'<sup class="gr-fn">{links}</sup>'


class HtmlRenderer:
    """Renders a report as a self-contained, accessible HTML page in the official layout."""

    name = "html"
    media_type = "text/html"
    binary = False
    suffix = ".html"

    def render(self, report: Any, **options: Any) -> str:
        """Render ``report`` as HTML.

        Args:
            report: a :class:`govreport.Report`.
            **options: ``findings``, ``lang`` (``"zh"``/``"en"``), ``standalone`` (see the module docs).

        Returns:
            The page (or the ``<article>`` when ``standalone=False``).

        Raises:
            RenderError: not a report, or a bad option.
        """
        check_options(self.name, options, ("findings", "lang", "standalone"))
        lang = check_lang(self.name, options.get("lang", "zh"))
        standalone = check_flag(self.name, "standalone", options.get("standalone", True))
        doc = document(report)
        marks = mark_findings(options.get("findings"))
        article = _Page(doc, marks, lang).article()
        if not standalone:
            return article
        title = doc.heading
        return (
            "<!DOCTYPE html>\n"
            '<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            '<meta name="generator" content="govreport">\n'
            f"<title>{_e(title)}</title>\n<style>\n{_CSS}</style>\n</head>\n<body>\n{article}</body>\n</html>\n"
        )


class _Page:
    def __init__(self, doc: Document, marks: CellMarks, lang: str) -> None:
        self.doc = doc
        self.marks = marks
        self.lang = lang
        self.words = _WORDS[lang]

    def article(self) -> str:
        doc = self.doc
        # A <div>, not a <header>: readers of published pages (govreport.parse among them) skip <header> as site
        # chrome, and the title names the agency and the year.
        out = [f'<article class="govreport" data-edition="{_e(doc.edition.name)}">\n<div class="gr-title">\n']
        heading = doc.heading
        out.append(f'<h1>{_e(heading)}</h1>\n<ul class="gr-meta">\n')
        # "label：value" on one line, as the text renderer prints it, so that a reader of the page gets both.
        out.extend(f'<li><span class="gr-key">{_e(label)}</span>：{_e(value)}</li>\n' for label, value in doc.meta)
        out.append("</ul>\n</div>\n")
        if doc.preamble is not None:
            out.append('<section class="gr-preamble">\n')
            out.extend(p + "\n" for p in _paragraphs(doc.preamble))
            out.append("</section>\n")
        for number, heading_text, spec in doc.sections:
            if isinstance(spec, TableSpec):
                out.append(self.table_section(number, spec))
            else:
                out.append(self.prose_section(number, heading_text, spec))
        if self.marks.findings:
            out.append(self.findings_section())
        out.append("</article>\n")
        return "".join(out)

    def prose_section(self, number: int, heading: str, spec: FieldSpec) -> str:
        hid = f"section-{number}"
        refs = _fn_refs(self.marks.notes.get(field_pointer(spec), ()))
        parts = [f'<section id="{hid}" class="gr-prose" data-field="{_e(spec.key)}">\n']
        parts.append(f"<h2>{_e(heading)}{refs}</h2>\n")
        parts.extend(p + "\n" for p in _paragraphs(self.doc.prose(spec)))
        parts.append("</section>\n")
        return "".join(parts)

    def table_section(self, number: int, table: TableSpec) -> str:
        hid = f"section-{number}"
        refs = _fn_refs(self.marks.notes.get(field_pointer_of_table(table), ()))
        out = [f'<section id="{hid}" class="gr-tables">\n']
        out.append(f'<table class="gr-table" id="table-{_e(table.key)}" data-table="{_e(table.key)}">\n')
        out.append(f"<caption><h2>{_e(table.heading)}{refs}</h2></caption>\n")
        for title, rows in segments(table):
            header_ids = self._header_index(table, title, rows)
            if title is not None:
                out.append("<tbody>\n<tr>")
                out.append(
                    f'<th id="{_hid(table, rows[0][0].row - 1, 0)}" colspan="{table.width}" scope="colgroup" '
                    f'class="gr-block">{_e(title)}</th></tr>\n'
                )
                body = rows
            else:
                n_head = _thead_rows(rows)
                out.append("<thead>\n")
                out.extend(self._row(table, r, header_ids) for r in rows[:n_head])
                out.append("</thead>\n<tbody>\n")
                body = rows[n_head:]
            out.extend(self._row(table, r, header_ids) for r in body)
            out.append("</tbody>\n")
        out.append("</table>\n</section>\n")
        return "".join(out)

    def _header_index(self, table: TableSpec, title: str | None, rows: list[list[Placed]]) -> list[Placed]:
        headers = [p for row in rows for p in row if p.cell.header and p.cell.scope is not None]
        if title is not None:
            # The block title row sits just above the segment and heads every column of it.
            from govreport.editions import GridCell  # noqa: PLC0415 - only for titled blocks

            top = rows[0][0].row - 1
            headers.insert(
                0,
                Placed(cell=GridCell(text=title, colspan=table.width, header=True, scope="colgroup"), row=top, col=0),
            )
        return headers

    def _row(self, table: TableSpec, row: list[Placed], header_cells: list[Placed]) -> str:
        cells = []
        for p in row:
            cell = p.cell
            span = ""
            if cell.rowspan > 1:
                span += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                span += f' colspan="{cell.colspan}"'
            if cell.pointer is None:
                tag = "th" if cell.header else "td"
                scope = f' scope="{cell.scope}"' if cell.scope else ""
                ident = f' id="{_hid(table, p.row, p.col)}"' if cell.header else ""
                cells.append(f"<{tag}{ident}{span}{scope}>{_e(cell.text or '')}</{tag}>")
                continue
            cells.append(self._value_cell(table, p, span, header_cells))
        return "<tr>" + "".join(cells) + "</tr>\n"

    def _value_cell(self, table: TableSpec, p: Placed, span: str, header_cells: list[Placed]) -> str:
        ptr = p.cell.pointer or ""
        ids = [
            _hid(table, h.row, h.col)
            for h in header_cells
            if h.cell.scope in ("col", "colgroup") and h.row < p.row and h.col <= p.last_col and p.col <= h.last_col
        ]
        ids += [
            _hid(table, h.row, h.col)
            for h in header_cells
            if h.cell.scope in ("row", "rowgroup") and h.col < p.col and h.row <= p.last_row and p.row <= h.last_row
        ]
        text = self.doc.value_text(ptr)
        classes = ["v"]
        attrs = f' data-pointer="{_e(ptr)}" headers="{" ".join(ids)}"'
        if text is None:
            classes.append("missing")
            shown = MISSING_MARK
            titles = [self.words["missing"]]
        else:
            shown = _e(text)
            titles = []
        role = self.marks.role(ptr)
        if role is not None and role != "missing":
            classes.append(_ROLE_CLASS[role])
        numbers = self.marks.notes.get(ptr, ())
        titles.extend(f"[{n}] {finding_summary(self.marks.findings[n - 1], self.lang)}" for n in numbers)
        if titles:
            attrs += f' title="{_e(chr(10).join(titles))}"'
        value = f'<span class="gr-value">{shown}</span>' if numbers else shown
        return f'<td class="{" ".join(classes)}"{span}{attrs}>{value}{_fn_refs(numbers)}</td>'

    def findings_section(self) -> str:
        w = self.words
        out = ['<section class="gr-findings" id="findings">\n', f"<h2>{_e(w['findings'])}</h2>\n"]
        legend = "".join(
            f'<span class="{c}">{_e(w[k])}</span>'
            for k, c in (("fail", "fail"), ("involved", "involved"), ("na", "na"), ("missing", "missing"))
        )
        out.append(f'<p class="gr-legend">{legend}</p>\n<ol>\n')
        for n, f in enumerate(self.marks.findings, start=1):
            where = "、".join(_e(self.doc.edition.describe(ptr, self.lang)) for ptr in f.pointers if ptr)
            suffix = f"<br><small>{where}</small>" if where else ""
            out.append(
                f'<li id="finding-{n}" class="sev-{_e(f.severity.value)}">'
                f"{_e(finding_summary(f, self.lang))}{suffix}</li>\n"
            )
        out.append("</ol>\n</section>\n")
        return "".join(out)


def field_pointer_of_table(table: TableSpec) -> str:
    """The JSON Pointer of a table's object (``/requests``)."""
    return f"/{table.key}"


def _hid(table: TableSpec, row: int, col: int) -> str:
    return f"h-{table.key}-{row}-{col}"


def _thead_rows(rows: list[list[Placed]]) -> int:
    """How many leading rows hold only headers and no rowspan reaching past them (they form ``<thead>``)."""
    n = 0
    for i, row in enumerate(rows):
        if any(p.cell.pointer is not None for p in row):
            break
        n = i + 1
    while n and any(p.last_row >= rows[0][0].row + n for row in rows[:n] for p in row):
        n -= 1
    return n


RENDERER = HtmlRenderer()
