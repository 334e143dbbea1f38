"""Findings: what validation, loading and parsing say about a report, as data.

A :class:`Finding` carries a rule id, a severity, a status, the JSON Pointers of every cell involved, and for
arithmetic rules the expected value (the computed sum), the actual (published) value and their difference.
Its message is *built from those fields* by a template, in Chinese by default and in English on request.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from govreport._defaults import DEFAULT_EDITION

__all__ = [
    "Finding",
    "Severity",
    "SourceLocation",
    "Status",
    "message_template",
    "register_message",
]

Number = int | Decimal


class Severity(enum.StrEnum):
    """How much a finding matters. A report is *valid* when no finding has severity ``error``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Status(enum.StrEnum):
    """``fail``: the rule was evaluated and does not hold. ``not_assessable``: a cell it needs is missing."""

    FAIL = "fail"
    NOT_ASSESSABLE = "not_assessable"


@attrs.frozen(kw_only=True)
class SourceLocation:
    """Where in a published source a parse finding (or a parsed cell) comes from.

    Text sources use ``line`` and ``column`` (both 1-based); HTML uses ``table``, ``row`` and ``cell``
    (0-based indices of the ``<table>``, ``<tr>`` and cell); PDF adds ``page`` (1-based).
    """

    line: int | None = None
    column: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    def to_dict(self) -> dict[str, int]:
        """The members that are set, as a JSON-ready dict."""
        return {k: v for k, v in attrs.asdict(self).items() if v is not None}

    def __str__(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}" + (f", column {self.column}" if self.column is not None else ""))
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.cell is not None:
            parts.append(f"cell {self.cell}")
        return ", ".join(parts) or "unknown location"


@attrs.frozen(kw_only=True)
class _Template:
    zh: str
    en: str


_TEMPLATES: dict[str, _Template] = {}

_NOT_ASSESSABLE = _Template(
    zh="{rule}：无法判断，所需单元格缺失：{missing}",
    en="{rule}: not assessable, needed cells are missing: {missing}",
)
_NOT_CONSECUTIVE = _Template(
    zh="{rule}：无法判断，两份报告的年度不连续：上年报告应为 {expected} 年，实为 {actual} 年",
    en="{rule}: not assessable, the years are not consecutive: the previous report should be of {expected}, "
    "but is of {actual}",
)
_NOT_IN_PREVIOUS_EDITION = _Template(
    zh="{rule}：无法判断，上年报告所用的版本（{detail_previous_edition}）没有所需的单元格",
    en="{rule}: not assessable, the previous report's edition ({detail_previous_edition}) has no such cells",
)
_FALLBACK = _Template(zh="{rule}：{subject}", en="{rule}: {subject}")


def _assumption_template(assumption: str, lang: str) -> str:
    """The note a message gets for an assumption its finding rests on (``assumption.<name>`` in the table)."""
    from govreport._messages import MESSAGES  # noqa: PLC0415 - a data table, loaded on the first message

    pair = MESSAGES.get(f"assumption.{assumption}")
    if pair is None:
        return f" [{assumption}]"
    return pair[0] if lang == "zh" else pair[1]


def _template(rule: str, edition: str) -> _Template:
    """The template of ``rule``: the edition's rule declaration, govreport's table of other codes, or one a
    third party registered; never dependent on what has been imported."""
    from govreport._messages import MESSAGES  # noqa: PLC0415 - a data table, loaded on the first message
    from govreport.errors import GovReportError  # noqa: PLC0415 - errors import this module

    try:
        from govreport.rules import rules_for  # noqa: PLC0415 - the engine imports this module

        declared = rules_for(edition).messages(rule)
    except (GovReportError, LookupError):
        declared = None
    if declared is not None:
        return _Template(zh=declared.zh, en=declared.en)
    if (found := _TEMPLATES.get(rule)) is not None:
        return found
    if (pair := MESSAGES.get(rule)) is not None:
        return _Template(zh=pair[0], en=pair[1])
    return _FALLBACK


def register_message(rule: str, *, zh: str, en: str) -> None:
    """Register the message templates of a finding code that is not a rule of an edition (a third party's own
    codes); rules carry their messages in their declaration.

    Templates are :meth:`str.format` strings over the finding's fields: ``{rule}``, ``{subject}`` (the label
    of the first pointer), ``{subjects}`` (labels of every pointer), ``{row}`` and ``{column}`` (the row and
    column labels of the first pointer's cell), ``{pointer}``, ``{expected}``, ``{actual}``, ``{difference}``,
    ``{missing}``, ``{excerpt}``, ``{location}``, and ``{detail_*}`` for each entry of
    :attr:`Finding.detail`.
    """
    _TEMPLATES[rule] = _Template(zh=zh, en=en)


def message_template(rule: str, lang: str = "zh", edition: str = DEFAULT_EDITION) -> str | None:
    """The message template of ``rule`` (a rule of ``edition`` or another finding code) in ``lang``, or
    ``None``."""
    t = _template(rule, edition)
    if t is _FALLBACK:
        return None
    return t.zh if lang == "zh" else t.en


def _fmt(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, int) and value.bit_length() > 3000:  # past str()'s 4300-digit limit
        return f"<an integer of {value.bit_length()} bits>"
    text = str(value)
    if isinstance(value, int | Decimal) and len(text) > 40:  # a number out of range: its head and its length
        return f"{text[:20]}…({len(text)} characters)"
    return text


def _pointers(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _detail_converter(value: Mapping[str, str] | tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), str(v)) for k, v in value.items()))
    return tuple(value)


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a check found: a broken rule, a cell that could not be assessed, a document or parse problem.

    Attributes:
        rule: the rule id (``requests.balance``…) or a document/parse code (``schema.type``, ``parse.truncated``).
        severity: ``error``, ``warning`` or ``info``.
        status: ``fail`` or ``not_assessable``.
        pointers: RFC 6901 JSON Pointers of every cell involved, the checked (published) cell first.
        expected: for arithmetic rules the computed value; for document problems what was expected.
        actual: the published value (or what was found).
        difference: ``actual - expected`` for arithmetic rules.
        previous_pointers: for cross-year rules, the pointers into the previous year's report.
        missing: for ``not_assessable`` findings, the pointers of the missing cells.
        excerpt: the quoted source or prose the finding is about.
        location: where in a published source the finding comes from (parse findings).
        detail: extra named values for the message template (sorted pairs).
        edition: the edition whose labels name the pointers in messages.
        assumptions: the assumptions the finding rests on, which the report itself does not state
            (``blank_as_zero``: blank cells were taken as 0, and ``missing`` names them); empty when it rests on
            the published values alone.
    """

    rule: str
    severity: Severity = attrs.field(converter=Severity)
    status: Status = attrs.field(default=Status.FAIL, converter=Status)
    pointers: tuple[str, ...] = attrs.field(default=(), converter=_pointers)
    expected: Number | str | None = None
    actual: Number | str | None = None
    difference: Number | None = None
    previous_pointers: tuple[str, ...] = attrs.field(default=(), converter=_pointers)
    missing: tuple[str, ...] = attrs.field(default=(), converter=_pointers)
    excerpt: str | None = None
    location: SourceLocation | None = None
    detail: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_detail_converter)
    edition: str = DEFAULT_EDITION
    assumptions: tuple[str, ...] = attrs.field(default=(), converter=_pointers)

    @property
    def message(self) -> str:
        """The message in Chinese (the default language)."""
        return self.message_in("zh")

    def message_in(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``), built from this finding's fields."""
        from govreport.editions import get_edition  # noqa: PLC0415 - editions import findings via errors

        en = lang != "zh"
        if self.status is Status.NOT_ASSESSABLE:
            if ("reason", "year") in self.detail:
                template = _NOT_CONSECUTIVE
            elif ("reason", "edition") in self.detail:
                template = _NOT_IN_PREVIOUS_EDITION
            else:
                template = _NOT_ASSESSABLE
        else:
            template = _template(self.rule, self.edition)
        lg = "en" if en else "zh"
        try:
            edition = get_edition(self.edition)
        except LookupError:
            edition = None
        describe = edition.describe if edition is not None else (lambda ptr, lang="zh": ptr)
        cell = edition.cell(self.pointers[0]) if edition is not None and self.pointers else None
        sep = ", " if en else "、"
        fields: dict[str, Any] = {
            "rule": self.rule,
            "subject": describe(self.pointers[0], lg) if self.pointers else ("the document" if en else "文档"),
            "subjects": sep.join(describe(p, lg) for p in self.pointers),
            "pointer": (self.pointers[0] or "/") if self.pointers else "/",
            "row": (cell[0].name_en if en else cell[0].label) if cell else "",
            "column": (cell[1].name_en if en else cell[1].label) if cell else "",
            "expected": _fmt(self.expected),
            "actual": _fmt(self.actual),
            "difference": _fmt(self.difference),
            "missing": sep.join(describe(p, lg) for p in self.missing) or "—",
            "excerpt": self.excerpt or "",
            "location": str(self.location) if self.location else "",
        }
        fields.update({f"detail_{k}": v for k, v in self.detail})
        text = template.en if en else template.zh
        for assumption in self.assumptions:
            text += _assumption_template(assumption, lg)
        try:
            return text.format_map(fields)
        except (KeyError, IndexError, ValueError):  # a third-party template naming an unknown field
            return (_FALLBACK.en if en else _FALLBACK.zh).format_map(fields)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """A JSON-ready dict in the contract's finding shape; decimals stay :class:`~decimal.Decimal`.

        Use :func:`govreport.serialization.dumps_json` (or the CLI's ``--json``) to write it with exact
        decimals.
        """
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "status": self.status.value,
            "pointers": list(self.pointers),
            "expected": self.expected,
            "actual": self.actual,
            "difference": self.difference,
            "message": self.message_in(lang),
        }
        if self.previous_pointers:
            out["previous_pointers"] = list(self.previous_pointers)
        if self.missing:
            out["missing"] = list(self.missing)
        if self.excerpt is not None:
            out["excerpt"] = self.excerpt
        if self.location is not None:
            out["location"] = self.location.to_dict()
        if self.assumptions:
            out["assumptions"] = list(self.assumptions)
        if self.detail:
            out["detail"] = dict(self.detail)
        return out
