"""``govreport report``: a corpus as one self-contained HTML page with charts, for people who would rather look.

What it shows:

- how many inputs were valid, invalid and unreadable, and the findings by rule;
- the agencies that break the most relations, each linked to the list of its broken relations;
- the share of invalid reports per year;
- how requests were handled (the outcome groups of table 三, their labels from the edition) per year;
- year-over-year changes of the requests each agency received.

The charts are Vega-Lite specifications rendered to SVG in this process by ``vl-convert`` (which carries Vega and
a JavaScript engine of its own, so nothing is fetched), inlined in the page with their data beside them as
tables. The page loads nothing and runs no script; a Content-Security-Policy says so. Chinese by default,
English with ``lang="en"``; every label of the format comes from the edition registry.

Memory grows with the number of distinct rules, years and agencies (a few hundred bytes per agency), never
with the number of cells or findings: the findings listed per agency are kept for a bounded number of agencies.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from html import escape
from typing import Any, Final, Unpack

import attrs

from govreport.corpus._engine import Outcome, RunOptions, State, run
from govreport.editions import Edition, get_edition
from govreport.errors import ExportError
from govreport.findings import Severity

__all__ = ["Glance", "Overview", "html_report", "overview", "render_overview"]

# The contract keys (not labels) the report reads: the outcome groups of the requests table, the requests
# received, and the column of row totals. An edition without them gets the other sections only.
_OUTCOMES: Final = ("requests", "outcomes")
_RECEIVED: Final = ("requests", "received")
_TOTAL: Final = "total"

#: How many agencies the page lists, and how many broken relations it keeps and shows for each.
TOP_AGENCIES: Final = 20
FINDINGS_PER_AGENCY: Final = 12
#: Agencies whose findings are kept while the corpus streams by (the ones with the most errors so far).
_TRACKED: Final = 500


@attrs.frozen
class _Category:
    key: str
    label: str
    name_en: str
    pointers: tuple[str, ...]


_NUMBERING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]|^[一二三四五六七八九十]+、|[（(][^（()）]*[）)]$")


def short_label(label: str) -> str:
    """An official label without its numbering and its trailing note (``（二）部分公开（区分处理的，…）`` becomes
    ``部分公开``)."""
    short = _NUMBERING.sub("", label).strip()
    short = _NUMBERING.sub("", short).strip()
    return short or label


@cache
def _categories(edition: Edition) -> tuple[_Category, ...]:
    """The outcome groups of table 三 (予以公开, 部分公开, 不予公开…), each with the row-total cells it sums."""
    out: list[_Category] = []
    depth = len(_OUTCOMES) + 1
    groups = {g.path: g for t in edition.tables for g in t.groups}
    seen: dict[str, list[str]] = {}
    for line in edition.lines():
        if line.path[: len(_OUTCOMES)] != _OUTCOMES or len(line.path) < depth or line.key == _TOTAL:
            continue
        if not any(c.key == _TOTAL for c in line.columns):
            continue
        head = line.path[:depth]
        if head[-1] not in seen:
            seen[head[-1]] = []
            named = groups.get(head, line)
            out.append(_Category(head[-1], short_label(named.label), named.name_en, ()))
        seen[head[-1]].append(line.cell_pointer(_TOTAL))
    return tuple(attrs.evolve(c, pointers=tuple(seen[c.key])) for c in out)


@cache
def _received(edition: Edition) -> str | None:
    for line in edition.lines():
        if line.path == _RECEIVED and any(c.key == _TOTAL for c in line.columns):
            return line.cell_pointer(_TOTAL)
    return None


@attrs.frozen(kw_only=True)
class Glance:
    """What the corpus report needs of one input (small: it comes back from a worker process).

    Attributes:
        source: the input's name.
        state: ``valid``, ``invalid`` or ``unreadable``.
        agency: the agency, or ``None`` for an unreadable input.
        year: the statistics year.
        edition: the edition's name.
        rules: ``(rule, severity, n)`` of its findings.
        broken: ``(rule, pointer, message)`` of its findings of severity error, at most
            :data:`FINDINGS_PER_AGENCY`.
        outcomes: the requests handled in each outcome group of the edition (``None`` where a cell is missing).
        received: the requests received this year (``None`` when missing).
    """

    source: str
    state: State
    agency: str | None = None
    year: int | None = None
    edition: str | None = None
    rules: tuple[tuple[str, str, int], ...] = ()
    broken: tuple[tuple[str, str, str], ...] = ()
    outcomes: tuple[int | None, ...] = ()
    received: int | None = None


def _total(cells: dict[str, Any], pointers: Iterable[str]) -> int | None:
    values: list[int | None] = [cells.get(p) for p in pointers]
    counts = [v for v in values if v is not None]
    return sum(counts) if len(counts) == len(values) else None


@attrs.frozen(kw_only=True)
class ToGlance:
    """The task of the corpus report (it runs in the worker processes): an outcome as a :class:`Glance`."""

    lang: str = "zh"

    def __call__(self, outcome: Outcome) -> Glance:
        counts = Counter((f.rule, f.severity.value) for f in outcome.findings)
        rules = tuple((rule, severity, n) for (rule, severity), n in counts.items())
        report = outcome.report
        if report is None:
            return Glance(source=outcome.source, state=outcome.state, rules=rules)
        edition = get_edition(report.edition)
        cells = edition.read_cells(report)
        errors = [f for f in outcome.findings if f.severity is Severity.ERROR][:FINDINGS_PER_AGENCY]
        received = _received(edition)
        return Glance(
            source=outcome.source,
            state=outcome.state,
            agency=report.agency,
            year=report.year,
            edition=report.edition,
            rules=rules,
            broken=tuple((f.rule, f.pointers[0] if f.pointers else "", f.message_in(self.lang)) for f in errors),
            outcomes=tuple(_total(cells, c.pointers) for c in _categories(edition)),
            received=None if received is None else cells.get(received),
        )


@attrs.define
class _Agency:
    reports: int = 0
    invalid: int = 0
    errors: int = 0
    rules: Counter[str] = attrs.Factory(Counter)
    received: dict[int, int] = attrs.Factory(dict)


@attrs.define
class Overview:
    """The corpus in aggregate: what :func:`render_overview` draws. Built by :meth:`add`, one input at a time."""

    files: int = 0
    states: Counter[str] = attrs.Factory(Counter)
    findings: Counter[tuple[str, str]] = attrs.Factory(Counter)
    files_by_rule: Counter[tuple[str, str]] = attrs.Factory(Counter)
    years: dict[int, Counter[str]] = attrs.Factory(dict)
    outcomes: dict[int, Counter[str]] = attrs.Factory(dict)
    categories: dict[str, tuple[str, str]] = attrs.Factory(dict)
    agencies: dict[str, _Agency] = attrs.Factory(dict)
    broken: dict[str, list[tuple[str, str, str, str]]] = attrs.Factory(dict)

    def add(self, glance: Glance) -> None:
        """Count one input."""
        self.files += 1
        self.states[glance.state] += 1
        for rule, severity, n in glance.rules:
            self.findings[rule, severity] += n
            self.files_by_rule[rule, severity] += 1
        if glance.agency is None or glance.year is None or glance.edition is None:
            return
        self.years.setdefault(glance.year, Counter())[glance.state] += 1
        edition = get_edition(glance.edition)
        handled = self.outcomes.setdefault(glance.year, Counter())
        for category, value in zip(_categories(edition), glance.outcomes, strict=True):
            self.categories.setdefault(category.key, (category.label, category.name_en))
            if value is not None:
                handled[category.key] += value
        agency = self.agencies.setdefault(glance.agency, _Agency())
        agency.reports += 1
        errors = sum(n for _, severity, n in glance.rules if severity == Severity.ERROR.value)
        if errors:
            agency.invalid += 1
            agency.errors += errors
            agency.rules.update({rule: n for rule, severity, n in glance.rules if severity == Severity.ERROR.value})
            self._keep(glance)
        if glance.received is not None:
            agency.received[glance.year] = agency.received.get(glance.year, 0) + glance.received

    def _keep(self, glance: Glance) -> None:
        """Keep the broken relations of ``glance``'s agency, for a bounded number of agencies (the most errors)."""
        assert glance.agency is not None  # noqa: S101 - add() checked it
        kept = self.broken.setdefault(glance.agency, [])
        room = FINDINGS_PER_AGENCY - len(kept)
        kept.extend((glance.source, rule, ptr, message) for rule, ptr, message in glance.broken[: max(room, 0)])
        if len(self.broken) > 2 * _TRACKED:
            ranked = sorted(self.broken, key=lambda a: -self.agencies[a].errors)
            for name in ranked[_TRACKED:]:
                del self.broken[name]

    def top_agencies(self, n: int = TOP_AGENCIES) -> list[tuple[str, _Agency]]:
        """The ``n`` agencies with the most findings of severity error."""
        ranked = sorted(((a, s) for a, s in self.agencies.items() if s.errors), key=lambda i: (-i[1].errors, i[0]))
        return ranked[:n]

    def changes(self, n: int = 25) -> list[tuple[str, int, int, int]]:
        """``(agency, year, received, received the year before)`` of the ``n`` largest year-over-year changes."""
        out = [
            (agency, year, count, stats.received[year - 1])
            for agency, stats in self.agencies.items()
            for year, count in stats.received.items()
            if year - 1 in stats.received
        ]
        out.sort(key=lambda c: (-abs(c[2] - c[3]), c[0], c[1]))
        return out[:n]


# --- charts ------------------------------------------------------------------------------------------------

_TEXT: Final[dict[str, dict[str, str]]] = {
    "zh": {
        "title": "政府信息公开工作年度报告：语料总览",
        "inputs": "输入",
        "valid": "有效",
        "invalid": "无效",
        "unreadable": "无法读取",
        "by_rule": "按规则统计的发现",
        "rule": "规则",
        "severity": "严重程度",
        "findings": "发现数",
        "files": "涉及文件数",
        "by_agency": "违反勾稽关系最多的机关",
        "agency": "机关",
        "reports": "报告数",
        "invalid_reports": "无效报告数",
        "errors": "错误数",
        "rules_broken": "违反的规则",
        "invalid_share": "各年度无效报告占比",
        "year": "年度",
        "share": "无效占比",
        "handled": "各年度政府信息公开申请办理结果",
        "outcome": "办理结果",
        "requests": "申请数（件）",
        "changes": "各机关新收申请数的年度变化",
        "received": "本年新收申请数",
        "received_before": "上年新收申请数",
        "change": "变化",
        "details": "违反的勾稽关系",
        "source": "文件",
        "cell": "单元格",
        "message": "说明",
        "data": "数据",
        "none": "无",
        "more": "另有 {n} 条未列出",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "not_available": "本语料中没有可用于此图的数据。",
    },
    "en": {
        "title": "Annual reports on government information disclosure: corpus overview",
        "inputs": "inputs",
        "valid": "valid",
        "invalid": "invalid",
        "unreadable": "unreadable",
        "by_rule": "Findings by rule",
        "rule": "rule",
        "severity": "severity",
        "findings": "findings",
        "files": "files",
        "by_agency": "Agencies that break the most relations",
        "agency": "agency",
        "reports": "reports",
        "invalid_reports": "invalid reports",
        "errors": "errors",
        "rules_broken": "rules broken",
        "invalid_share": "Share of invalid reports per year",
        "year": "year",
        "share": "invalid share",
        "handled": "How requests were handled, per year",
        "outcome": "outcome",
        "requests": "requests",
        "changes": "Year-over-year change of the requests each agency received",
        "received": "received this year",
        "received_before": "received the year before",
        "change": "change",
        "details": "Relations broken",
        "source": "file",
        "cell": "cell",
        "message": "message",
        "data": "data",
        "none": "none",
        "more": "{n} more not listed",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "not_available": "The corpus has no data for this chart.",
    },
}

_SEVERITY_COLORS: Final = {"error": "#c0392b", "warning": "#e69f00", "info": "#7f8c8d"}
_FONT: Final = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"


def _spec(values: list[dict[str, Any]], **layers: Any) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": values},
        "width": 560,
        "config": {
            "font": _FONT,
            "axis": {"labelLimit": 260, "labelFontSize": 11, "titleFontSize": 12},
            "legend": {"labelLimit": 260, "labelFontSize": 11},
            "view": {"stroke": None},
        },
        **layers,
    }


def _svg(spec: dict[str, Any]) -> str:
    try:
        import vl_convert  # noqa: PLC0415 - an optional dependency of the corpus extra
    except ImportError as e:
        msg = "the corpus report draws its charts with vl-convert: pip install 'govreport[corpus]'"
        raise ExportError(msg) from e
    svg: str = vl_convert.vegalite_to_svg(spec)
    return svg.removeprefix('<?xml version="1.0" encoding="utf-8"?>').strip()


def _rule_chart(view: Overview, t: dict[str, str]) -> dict[str, Any]:
    values = [
        {"rule": rule, "severity": t[sev], "order": i, "findings": n}
        for i, ((rule, sev), n) in enumerate(_sorted_findings(view))
    ]
    colors = {t[s]: c for s, c in _SEVERITY_COLORS.items()}
    return _spec(
        values,
        height={"step": 18},
        mark={"type": "bar"},
        encoding={
            "y": {"field": "rule", "type": "nominal", "sort": {"field": "order"}, "title": t["rule"]},
            "x": {
                "field": "findings",
                "type": "quantitative",
                "title": t["findings"],
                "axis": _count_axis(v["findings"] for v in values),
            },
            "color": {
                "field": "severity",
                "type": "nominal",
                "title": t["severity"],
                "scale": {"domain": list(colors), "range": list(colors.values())},
            },
        },
    )


def _agency_chart(top: list[tuple[str, _Agency]], t: dict[str, str]) -> dict[str, Any]:
    values = [{"agency": name, "errors": s.errors, "order": i} for i, (name, s) in enumerate(top)]
    return _spec(
        values,
        height={"step": 18},
        mark={"type": "bar", "color": _SEVERITY_COLORS["error"]},
        encoding={
            "y": {"field": "agency", "type": "nominal", "sort": {"field": "order"}, "title": t["agency"]},
            "x": {
                "field": "errors",
                "type": "quantitative",
                "title": t["errors"],
                "axis": _count_axis(v["errors"] for v in values),
            },
        },
    )


def _share_chart(view: Overview, t: dict[str, str]) -> dict[str, Any]:
    values = [
        {"year": str(year), "share": counts["invalid"] / total, "label": f"{counts['invalid']}/{total}"}
        for year, counts in sorted(view.years.items())
        if (total := sum(counts.values()))
    ]
    bar = {
        "mark": {"type": "bar", "color": _SEVERITY_COLORS["error"]},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": t["year"], "axis": {"labelAngle": 0}},
            "y": {"field": "share", "type": "quantitative", "title": t["share"], "axis": {"format": ".0%"}},
        },
    }
    text = {
        "mark": {"type": "text", "dy": -6, "fontSize": 11},
        "encoding": {
            "x": {"field": "year", "type": "ordinal"},
            "y": {"field": "share", "type": "quantitative"},
            "text": {"field": "label"},
        },
    }
    return _spec(values, height=220, layer=[bar, text])


def _category_names(view: Overview, lang: str) -> dict[str, str]:
    return {key: label if lang == "zh" else name_en for key, (label, name_en) in view.categories.items()}


def _handled_chart(view: Overview, t: dict[str, str], lang: str) -> dict[str, Any]:
    names = _category_names(view, lang)
    order = list(names)
    values = [
        {"year": str(year), "outcome": names[key], "order": order.index(key), "requests": n}
        for year, counts in sorted(view.outcomes.items())
        for key, n in counts.items()
    ]
    return _spec(
        values,
        height=260,
        mark={"type": "bar"},
        encoding={
            "x": {"field": "year", "type": "ordinal", "title": t["year"], "axis": {"labelAngle": 0}},
            "y": {"field": "requests", "type": "quantitative", "title": t["requests"], "stack": "normalize"},
            "color": {
                "field": "outcome",
                "type": "nominal",
                "title": t["outcome"],
                "sort": [names[k] for k in order],
                "scale": {"scheme": "tableau10"},
            },
            "order": {"field": "order"},
        },
    )


def _changes_chart(view: Overview, changes: list[tuple[str, int, int, int]], t: dict[str, str]) -> dict[str, Any]:
    agencies = list(dict.fromkeys(agency for agency, _, _, _ in changes))[:8]
    values = [
        {"agency": agency, "year": str(year), "received": n}
        for agency in agencies
        for year, n in sorted(view.agencies[agency].received.items())
    ]
    return _spec(
        values,
        height=240,
        mark={"type": "line", "point": True},
        encoding={
            "x": {"field": "year", "type": "ordinal", "title": t["year"], "axis": {"labelAngle": 0}},
            "y": {
                "field": "received",
                "type": "quantitative",
                "title": t["received"],
                "axis": _count_axis(v["received"] for v in values),
            },
            "color": {"field": "agency", "type": "nominal", "title": t["agency"], "sort": agencies},
        },
    )


def _sorted_findings(view: Overview) -> list[tuple[tuple[str, str], int]]:
    order = {s.value: i for i, s in enumerate(Severity)}
    return sorted(view.findings.items(), key=lambda item: (order.get(item[0][1], 9), -item[1], item[0][0]))


# --- the page ----------------------------------------------------------------------------------------------

_CSS = """\
:root { color-scheme: light; }
body { margin: 2rem auto; max-width: 62rem; padding: 0 1rem; color: #1b1b1b; background: #fff;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  line-height: 1.6; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.totals { display: flex; gap: 1rem; flex-wrap: wrap; padding: 0; list-style: none; }
.totals li { border: 1px solid #ccc; border-radius: 4px; padding: .4rem .8rem; }
.totals b { font-size: 1.3rem; display: block; }
figure.chart { margin: .5rem 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: .85rem; margin: .4rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: .2rem .5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
details summary { cursor: pointer; color: #444; font-size: .9rem; }
.sev-error { color: #b71c1c; }
.sev-warning { color: #8a5a00; }
.note { color: #555; font-size: .9rem; }
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _table(head: Iterable[str], rows: Iterable[Iterable[object]], numeric: Iterable[int] = ()) -> str:
    numbers = set(numeric)
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            cls = ' class="n"' if i in numbers else ""
            out.append(f"<td{cls}>{cell}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _figure(name: str, spec: dict[str, Any], caption: str, data: str = "") -> str:
    """A chart, with its data as a table that opens beneath it (when the data is not in a table already)."""
    svg = _svg(spec).replace("<svg ", f'<svg role="img" aria-label="{_e(caption)}" ', 1)
    below = f"<figcaption><details><summary>{_e(caption)}</summary>{data}</details></figcaption>" if data else ""
    return f'<figure class="chart" id="chart-{name}" data-chart="{name}">{svg}{below}</figure>\n'


def _count_axis(values: Iterable[Any]) -> dict[str, Any]:
    """An axis of whole numbers (counts of findings, of requests) up to the largest of ``values``: whole ticks."""
    return {"format": "d", "tickCount": max(1, min(max(values, default=1), 8))}


def _anchor(index: int) -> str:
    return f"agency-{index + 1}"


def _section(name: str, title: str, content: str) -> str:
    return f'<section id="{name}"><h2>{_e(title)}</h2>\n{content}</section>\n'


def _note(text: str) -> str:
    return f'<p class="note">{_e(text)}</p>\n'


def _rules_section(view: Overview, t: dict[str, str]) -> str:
    if not view.findings:
        return _note(t["none"])
    rows: list[tuple[object, ...]] = [
        (_e(rule), f'<span class="sev-{_e(sev)}">{_e(t.get(sev, sev))}</span>', n, view.files_by_rule[rule, sev])
        for (rule, sev), n in _sorted_findings(view)
    ]
    data = _table((t["rule"], t["severity"], t["findings"], t["files"]), rows, numeric=(2, 3))
    return _figure("rules", _rule_chart(view, t), t["by_rule"], data)


def _agencies_section(top: list[tuple[str, _Agency]], t: dict[str, str]) -> str:
    if not top:
        return _note(t["none"])
    rows: list[tuple[object, ...]] = [
        (
            f'<a href="#{_anchor(i)}">{_e(name)}</a>',
            s.reports,
            s.invalid,
            s.errors,
            _e(", ".join(rule for rule, _ in s.rules.most_common(4))),
        )
        for i, (name, s) in enumerate(top)
    ]
    head = (t["agency"], t["reports"], t["invalid_reports"], t["errors"], t["rules_broken"])
    return _figure("agencies", _agency_chart(top, t), t["by_agency"]) + _table(head, rows, numeric=(1, 2, 3))


def _share_section(view: Overview, t: dict[str, str]) -> str:
    if not view.years:
        return _note(t["not_available"])
    rows: list[tuple[object, ...]] = [
        (year, sum(c.values()), c["invalid"], f"{c['invalid'] / sum(c.values()):.1%}")
        for year, c in sorted(view.years.items())
    ]
    data = _table((t["year"], t["reports"], t["invalid_reports"], t["share"]), rows, numeric=(1, 2, 3))
    return _figure("invalid-share", _share_chart(view, t), t["invalid_share"], data)


def _handled_section(view: Overview, t: dict[str, str], lang: str) -> str:
    if not any(view.outcomes.values()):
        return _note(t["not_available"])
    names = _category_names(view, lang)
    years = sorted(view.outcomes)
    rows: list[tuple[object, ...]] = [(_e(names[key]), *(view.outcomes[y][key] for y in years)) for key in names]
    data = _table((t["outcome"], *map(str, years)), rows, numeric=range(1, len(years) + 1))
    return _figure("handled", _handled_chart(view, t, lang), t["handled"], data)


def _changes_section(view: Overview, t: dict[str, str]) -> str:
    changes = view.changes()
    if not changes:
        return _note(t["not_available"])
    rows: list[tuple[object, ...]] = [
        (_e(a), year, before, now, f"{now - before:+d}") for a, year, now, before in changes
    ]
    head = (t["agency"], t["year"], t["received_before"], t["received"], t["change"])
    return _figure("changes", _changes_chart(view, changes, t), t["changes"]) + _table(head, rows, numeric=(1, 2, 3, 4))


def _details_section(view: Overview, top: list[tuple[str, _Agency]], t: dict[str, str]) -> str:
    parts: list[str] = []
    for i, (name, s) in enumerate(top):
        kept = view.broken.get(name, [])
        parts.append(f'<h3 id="{_anchor(i)}">{_e(name)}</h3>\n')
        rows: list[tuple[object, ...]] = [
            (_e(src), _e(rule), f"<code>{_e(ptr)}</code>", _e(msg)) for src, rule, ptr, msg in kept
        ]
        parts.append(_table((t["source"], t["rule"], t["cell"], t["message"]), rows))
        if s.errors > len(kept):
            parts.append(_note(t["more"].format(n=s.errors - len(kept))))
    return "".join(parts)


def _check_lang(lang: str) -> dict[str, str]:
    if lang not in _TEXT:
        msg = f"the corpus report is written in zh or en, not {lang!r}"
        raise ExportError(msg)
    return _TEXT[lang]


def render_overview(view: Overview, lang: str = "zh") -> str:
    """The corpus report page of ``view``, self-contained.

    Raises:
        ExportError: ``lang`` is not ``zh`` or ``en``, or vl-convert is not installed.
    """
    t = _check_lang(lang)
    top = view.top_agencies()
    totals = "".join(f"<li><b>{view.states[s]}</b>{t[s]}</li>" for s in ("valid", "invalid", "unreadable"))
    body = [
        f'<ul class="totals"><li><b>{view.files}</b>{t["inputs"]}</li>{totals}</ul>\n',
        _section("rules", t["by_rule"], _rules_section(view, t)),
        _section("agencies", t["by_agency"], _agencies_section(top, t)),
        _section("invalid-share", t["invalid_share"], _share_section(view, t)),
        _section("handled", t["handled"], _handled_section(view, t, lang)),
        _section("changes", t["changes"], _changes_section(view, t)),
        _section("details", t["details"], _details_section(view, top, t)) if top else "",
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{_e(t['title'])}</title>\n<style>\n{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{_e(t['title'])}</h1>\n{''.join(body)}</main>\n</body>\n</html>\n"
    )


def overview(
    inputs: str | os.PathLike[str] | Iterable[Any],
    *,
    lang: str = "zh",
    progress: Callable[[Overview], None] | None = None,
    **options: Unpack[RunOptions],
) -> Overview:
    """Read and check every input (as :func:`~govreport.corpus.stream` does) into an :class:`Overview`.

    Args:
        inputs: what :func:`~govreport.corpus.sources` takes: paths, directories, globs, documents, sources.
        lang: the language of the messages of the findings kept for the page.
        progress: called with the overview so far after each input.
        **options: how inputs are read and checked: see :class:`~govreport.corpus.RunOptions`.
    """
    view = Overview()
    for glance in run(inputs, ToGlance(lang=lang), **options):
        view.add(glance)
        if progress is not None:
            progress(view)
    return view


def html_report(
    inputs: str | os.PathLike[str] | Iterable[Any], *, lang: str = "zh", **options: Unpack[RunOptions]
) -> str:
    """The corpus report of ``inputs`` as one self-contained HTML page (``options``: see
    :class:`~govreport.corpus.RunOptions`).

    Raises:
        ExportError: vl-convert (the ``corpus`` extra) is not installed, or ``lang`` is not ``zh`` or ``en``.
    """
    _check_lang(lang)
    return render_overview(overview(inputs, lang=lang, **options), lang)
