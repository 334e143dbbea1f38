"""What every built-in renderer shares: the document outline, the grid geometry, values, text safety, findings.

Everything here is derived from the edition declaration (:mod:`govreport.editions`): the order of sections, the
official merged-cell grid of each table, labels and units. Renderers only decide how to draw it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs

from govreport.editions import Edition, FieldSpec, GridCell, TableSpec, get_edition, pointer
from govreport.errors import GovReportError, RenderError
from govreport.findings import Finding, Status
from govreport.rules import rules_for

if TYPE_CHECKING:
    from govreport.model import Report

__all__ = [
    "MISSING_MARK",
    "CellMarks",
    "Document",
    "Placed",
    "blank_document",
    "check_options",
    "document",
    "format_value",
    "mark_findings",
    "place",
    "safe_text",
]

#: How a missing cell (``None``: blank, ``/``, ``-`` or ``—`` in the source) is drawn everywhere but in CSV,
#: where it is blank. Never ``0``.
MISSING_MARK = "—"

Number = int | Decimal

# C0 controls (except tab and newline), DEL, lone surrogates and the two XML non-characters cannot be written
# to XML or UTF-8, and escape sequences would drive a terminal: they are shown, not dropped (see safe_text).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _show(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" of the character, e.g. ␁ for U+0001
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """``text`` with characters that no output format can carry made visible instead of dropped.

    C0 control characters other than tab and newline become their Unicode control pictures (U+0001 → ``␁``;
    a carriage return becomes ``␍``), DEL becomes ``␡``, and lone surrogates and U+FFFE/U+FFFF become the
    escape text ``\\udXXX``. Everything else is kept exactly.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_show, text)


def format_value(value: Number | None, ptr: str = "") -> str | None:
    """The exact text of a cell value, or ``None`` for a missing cell.

    Counts print as integers; amounts print as exact decimals in positional notation (``722.61``, ``7545``,
    ``96171.6``; trailing zeros as published), falling back to scientific notation only for absurd exponents,
    so that the text can never grow without bound.

    Raises:
        RenderError: a count too long to print (Python refuses integers of more than 4300 digits).
    """
    if value is None:
        return None
    if isinstance(value, Decimal):
        if not value.is_finite():
            msg = f"{ptr or 'a cell'}: cannot render the non-finite amount {value}"
            raise RenderError(msg)
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= -40 and value.adjusted() < 40:
            return format(value, "f")
        return str(value)
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{ptr or 'a cell'}: cannot render {type(value).__name__} {value!r} as a count"
        raise RenderError(msg)
    try:
        return str(value)
    except ValueError as e:  # int too long to convert (sys.get_int_max_str_digits)
        msg = f"{ptr or 'a cell'}: the count has too many digits to render"
        raise RenderError(msg) from e


def check_options(renderer: str, options: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Raise :class:`RenderError` naming every option in ``options`` that ``renderer`` does not take."""
    known = set(allowed)
    unknown = sorted(set(options) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "no options"
        msg = f"renderer {renderer!r} does not take option(s) {', '.join(unknown)}; it takes: {takes}"
        raise RenderError(msg)


# --- the document outline ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Document:
    """A report seen through its edition: metadata, prose and cell values, ready to draw.

    Attributes:
        edition: the report's edition.
        report: the report.
        title: the report's title, or ``None``.
        meta: ``(label, text)`` pairs: agency, year, edition and the optional source metadata, labels from the
            edition declaration.
        preamble: the text before section 一, or ``None``.
        sections: ``(section number, heading, prose field or table)`` in section order.
        cells: every data cell by JSON Pointer (``None`` = missing).
    """

    edition: Edition
    report: Any
    title: str | None
    meta: tuple[tuple[str, str], ...]
    preamble: str | None
    sections: tuple[tuple[int, str, FieldSpec | TableSpec], ...]
    cells: Mapping[str, Number | None]

    @property
    def agency(self) -> str:
        """The agency's name, safe for every format."""
        return safe_text(self.report.agency)

    @property
    def heading(self) -> str:
        """The report's title, or (when it has none, or an empty one) its agency and year."""
        return self.title if self.title and self.title.strip() else f"{self.agency} {self.report.year}"

    def prose(self, spec: FieldSpec) -> str:
        """The text of the prose field ``spec`` (sections 一, 五, 六), safe for every format."""
        value = getattr(self.report, spec.key)
        return safe_text(value) if isinstance(value, str) else ""

    def value_text(self, ptr: str) -> str | None:
        """The exact text of the cell at ``ptr``, or ``None`` when it is missing."""
        return format_value(self.cells[ptr], ptr)


def _meta(edition: Edition, report: Any) -> list[tuple[str, str]]:
    """``(label, text)`` of the metadata the edition declares (agency, year, edition, the members of ``source``),
    in declaration order, leaving out the unset ones; the title and preamble are drawn on their own."""
    meta: list[tuple[str, str]] = []
    # agency and year first, then the edition, then the object members: the order of the official cover
    order = {"edition": 1, "object": 2}
    for f in sorted(edition.fields, key=lambda f: order.get(f.kind, 0)):
        value = getattr(report, f.key, None)
        if value is None or f.kind == "prose" or f.key == "title":
            continue
        if f.kind == "edition":
            meta.append((f.label, f"{edition.name}（{edition.notice}）"))
        elif f.kind == "object":
            meta.extend(
                (sub.label, safe_text(v)) for sub in f.fields if (v := getattr(value, sub.key, None)) is not None
            )
        else:
            meta.append((f.label, safe_text(str(value))))
    return meta


def document(report: object) -> Document:
    """Read ``report`` into a :class:`Document`.

    Raises:
        RenderError: ``report`` is not a report of a registered edition.
    """
    name = getattr(report, "edition", None)
    try:
        edition = get_edition(name) if isinstance(name, str) else None
    except GovReportError:
        edition = None
    if edition is None or not isinstance(report, edition.report_type):
        msg = f"cannot render {type(report).__name__}: expected a govreport Report (load it with govreport.loads)"
        raise RenderError(msg)
    typed = cast("Report", report)
    try:
        cells = rules_for(edition.name).read_cells(typed)
    except GovReportError as e:
        raise RenderError(str(e)) from e
    meta = _meta(edition, typed)
    title = getattr(typed, "title", None)
    preamble = getattr(typed, "preamble", None)
    return Document(
        edition=edition,
        report=typed,
        title=safe_text(title) if title is not None else None,
        meta=tuple(meta),
        preamble=safe_text(preamble) if preamble is not None else None,
        sections=_sections(edition),
        cells=cells,
    )


def _sections(edition: Edition) -> tuple[tuple[int, str, FieldSpec | TableSpec], ...]:
    sections: list[tuple[int, str, FieldSpec | TableSpec]] = [
        (f.section, f.label, f) for f in edition.fields if f.section is not None
    ]
    sections.extend((t.section, t.heading, t) for t in edition.tables)
    sections.sort(key=lambda s: s[0])
    return tuple(sections)


def blank_document(edition: Edition) -> Document:
    """The :class:`Document` of a blank form of ``edition`` (an authoring template): no report, every cell
    missing, no metadata, no prose."""
    return Document(
        edition=edition,
        report=None,
        title=None,
        meta=(),
        preamble=None,
        sections=_sections(edition),
        cells=dict.fromkeys(edition.cell_pointers()),
    )


def field_pointer(spec: FieldSpec) -> str:
    """The JSON Pointer of a top-level field (``/overview``)."""
    return pointer((spec.key,))


# --- grid geometry ----------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Placed:
    """A grid cell at its position in the official layout (0-based row and column of its top-left corner)."""

    cell: GridCell
    row: int
    col: int

    @property
    def last_col(self) -> int:
        """The last column the cell covers."""
        return self.col + self.cell.colspan - 1

    @property
    def last_row(self) -> int:
        """The last row the cell covers."""
        return self.row + self.cell.rowspan - 1


def place(table: TableSpec) -> list[list[Placed]]:
    """Every cell of ``table``'s official grid at its row and column, row by row, as HTML's table model does.

    Raises:
        RenderError: the grid overlaps itself or does not fill ``table.width`` columns (a broken edition).
    """
    taken: set[tuple[int, int]] = set()
    rows: list[list[Placed]] = []
    for r, grid_row in enumerate(table.grid):
        out: list[Placed] = []
        c = 0
        for cell in grid_row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if (r + dr, c + dc) in taken:
                        msg = f"table {table.key}: grid cells overlap at row {r + dr}, column {c + dc}"
                        raise RenderError(msg)
                    taken.add((r + dr, c + dc))
            out.append(Placed(cell=cell, row=r, col=c))
            c += cell.colspan
        rows.append(out)
    for r in range(len(table.grid)):
        if any((r, c) not in taken for c in range(table.width)):
            msg = f"table {table.key}: row {r} of the grid does not fill {table.width} columns"
            raise RenderError(msg)
    return rows


def block_title_rows(table: TableSpec) -> set[int]:
    """The grid rows that hold only a block title (``第二十条第（一）项``…), which start a new block."""
    titles = {b.title for b in table.blocks if b.title is not None}
    return {
        r
        for r, row in enumerate(table.grid)
        if len(row) == 1 and row[0].text in titles and row[0].colspan == table.width
    }


def segments(table: TableSpec) -> Iterator[tuple[str | None, list[list[Placed]]]]:
    """The table cut into its blocks: ``(block title or None, placed rows without the title row)``.

    Tables with one untitled block (三, 四) yield one segment with every row.
    """
    placed = place(table)
    starts = sorted(block_title_rows(table))
    if not starts:
        yield None, placed
        return
    bounds = [*starts, len(placed)]
    for start, end in itertools.pairwise(bounds):
        yield table.grid[start][0].text, placed[start + 1 : end]


# --- findings ---------------------------------------------------------------------------------------------

Role = Literal["fail", "involved", "not_assessable", "missing"]


@attrs.frozen(kw_only=True)
class CellMarks:
    """What the findings say about each pointer: roles and the numbers of the findings (1-based footnotes).

    Attributes:
        findings: the findings, numbered from 1 in this order.
        roles: pointer → the roles it plays in findings (``fail`` for the checked cell of a failing finding,
            ``involved`` for the other cells of it, ``not_assessable`` for cells of a rule that could not be
            evaluated, ``missing`` for the missing cells themselves).
        notes: pointer → the numbers of the findings that name it.
    """

    findings: tuple[Finding, ...]
    roles: Mapping[str, frozenset[Role]]
    notes: Mapping[str, tuple[int, ...]]

    def role(self, ptr: str) -> Role | None:
        """The strongest role of ``ptr``: fail, then involved, then missing, then not assessable."""
        roles = self.roles.get(ptr, frozenset())
        order: tuple[Role, ...] = ("fail", "involved", "missing", "not_assessable")
        for r in order:
            if r in roles:
                return r
        return None


def mark_findings(findings: Any) -> CellMarks:
    """Index ``findings`` (an iterable of :class:`~govreport.findings.Finding`, or ``None``) by pointer.

    Raises:
        RenderError: ``findings`` is not an iterable of findings.
    """
    if findings is None:
        items: tuple[Finding, ...] = ()
    else:
        if isinstance(findings, str | bytes | Mapping) or not isinstance(findings, Iterable):
            msg = f"findings must be an iterable of govreport.Finding, not {type(findings).__name__}"
            raise RenderError(msg)
        items = tuple(findings)
        for i, f in enumerate(items):
            if not isinstance(f, Finding):
                msg = f"findings[{i}] is a {type(f).__name__}, not a govreport.Finding"
                raise RenderError(msg)
    roles: dict[str, set[Role]] = {}
    notes: dict[str, list[int]] = {}
    for n, f in enumerate(items, start=1):
        for i, ptr in enumerate(f.pointers):
            if f.status is Status.NOT_ASSESSABLE:
                role: Role = "missing" if ptr in f.missing else "not_assessable"
            elif f.rule == "cells.missing":
                role = "missing"
            else:
                role = "fail" if i == 0 else "involved"
            roles.setdefault(ptr, set()).add(role)
            if n not in notes.setdefault(ptr, []):
                notes[ptr].append(n)
    return CellMarks(
        findings=items,
        roles={k: frozenset(v) for k, v in roles.items()},
        notes={k: tuple(v) for k, v in notes.items()},
    )


def _says(message: str, value: object) -> bool:
    """Whether ``message`` states the number ``value`` (as a whole number, not a part of a longer one)."""
    return re.search(rf"(?<![\d.]){re.escape(str(value))}(?![\d.]*\d)", message) is not None


#: The severities in each language of the renderers.
_SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}}


def severity_word(f: Finding, lang: str) -> str:
    """The severity of ``f`` as a word of ``lang``."""
    return _SEVERITY_WORDS.get(lang, {}).get(f.severity.value, f.severity.value)


def finding_summary(f: Finding, lang: str) -> str:
    """One line about ``f``, all in ``lang``: severity, rule, message, and expected/actual when the rule computed
    them and the message does not already say them."""
    message = f.message_in(lang)
    text = f"{severity_word(f, lang)} {f.rule}: {safe_text(message)}"
    said = f.expected is not None and all(_says(message, v) for v in (f.expected, f.actual))
    if f.status is Status.FAIL and f.expected is not None and not said:
        exp = "expected" if lang == "en" else "应为"
        act = "actual" if lang == "en" else "实为"
        text += f" ({exp} {safe_text(str(f.expected))}, {act} {safe_text(str(f.actual))})"
    return text


def check_lang(renderer: str, lang: Any) -> str:
    """``lang`` if it is ``"zh"`` or ``"en"``.

    Raises:
        RenderError: any other value.
    """
    if lang not in ("zh", "en"):
        msg = f"renderer {renderer!r}: lang must be 'zh' or 'en', not {lang!r}"
        raise RenderError(msg)
    return str(lang)


def check_flag(renderer: str, name: str, value: Any) -> bool:
    """``value`` if it is a bool.

    Raises:
        RenderError: any other value.
    """
    if not isinstance(value, bool):
        msg = f"renderer {renderer!r}: option {name} must be True or False, not {value!r}"
        raise RenderError(msg)
    return value
