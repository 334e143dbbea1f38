"""The Excel front end: ``.xlsx`` workbooks, govreport's own renders and the authoring template agencies fill in.

Needs the ``xlsx`` extra (``pip install 'govreport[xlsx]'``). openpyxl opens the workbook; its sheets are read in
order, row by row:

- A sheet with a row of three or more filled cells is a **table sheet**: each of its cells is one item, located
  by ``table`` (the sheet's index in the workbook, from 0), ``row`` and ``cell`` (the sheet's row and column, from
  0: ``row=4, cell=2`` is Excel's ``C5``). A merged range is read once, at its top-left cell; the cells it covers
  are no cells of their own. An empty cell inside the table is a blank item, which the reader reports as a
  missing value, never 0.
- Any other sheet (the text sheet ``正文`` of a render or a template) is read **row by row**: the filled cells of a
  row make one line (a label cell such as ``机关名称：`` and the cell beside it read as ``机关名称：…``), and the
  lines of a cell (Alt+Enter) are lines of their own.

Numbers are read exactly as stored (``722.61``, with the zeros a ``0.00`` number format shows). A **formula**
cell is read from the value the spreadsheet program cached when it saved the file; where there is none (a file
written by a program that computes nothing, such as openpyxl or govreport's own template), govreport computes
the formulas its template writes: sums of cells and ranges of the same sheet (``=SUM(C5:H5)``, ``=C5+D5-E5``,
``=SUM(C5,C7)+D9``). Any other formula, a formula over a missing or non-numeric cell, or a cycle leaves the cell
``null`` with a ``parse.formula`` finding, never a guessed value. A formula is never taken on trust: the value
read is checked by the validation rules like any published number, so a total that disagrees with its parts is
a finding of :func:`govreport.validate`.

The package is checked before openpyxl reads it (see :func:`govreport.parsers._package.check_package`), and its
sheets may hold at most :data:`~govreport.parsers.MAX_SHEET_CELLS` cells, counted in the sheet XML before the
workbook is loaded.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import sys
import warnings
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from html import unescape
from typing import Any, Final

import attrs

from govreport.editions import get_edition
from govreport.errors import ParseError
from govreport.findings import Finding, Severity, SourceLocation
from govreport.parsers._assembly import ParseResult, check_items, read_source
from govreport.parsers._detect import detect
from govreport.parsers._lexicon import Lexicon, lexicon
from govreport.parsers._limits import (
    MAX_FORMULA_CHARS,
    MAX_FORMULA_DEPTH,
    MAX_FORMULA_RANGE_CELLS,
    MAX_ITEMS,
    MAX_SHEET_CELLS,
    MAX_SHEET_WORK,
)
from govreport.parsers._package import check_package
from govreport.parsers._sections import heading_section
from govreport.parsers._source import Source, shorten

__all__ = ["evaluate_formula", "parse_xlsx", "xlsx_source"]

_SHEET_MEMBER = re.compile(r"xl/worksheets/[^/]+\.xml")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_MERGE_REF = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=[\"']\$?"
    rb"([A-Za-z]{1,3}\$?[0-9]{1,7}(?::\$?[A-Za-z]{1,3}\$?[0-9]{1,7})?)"
)
#: A row with this many filled cells makes its sheet a table sheet.
_TABLE_ROW_CELLS: Final = 3
_LABEL_CELL: Final = 24  # a cell this short, beside one other filled cell, is that cell's label
_FORMAT_PLACES = re.compile(r"^0\.(0+)$")
_EXACT_DIGITS: Final = 15  # what a spreadsheet's binary double holds exactly


# --- formulas -------------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<sum>SUM)\s*\(|(?P<range>\$?[A-Z]{1,3}\$?[0-9]{1,7}:\$?[A-Z]{1,3}\$?[0-9]{1,7})"
    r"|(?P<ref>\$?[A-Z]{1,3}\$?[0-9]{1,7})|(?P<number>[0-9]+(?:\.[0-9]+)?)|(?P<op>[-+,)]))",
    re.IGNORECASE,
)
_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})", re.IGNORECASE)

Value = int | Decimal


class FormulaError(ValueError):
    """A formula govreport does not compute, or cannot compute here (``reason``: a short English phrase)."""

    def __init__(self, reason: str, reason_zh: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_zh = reason_zh


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _cell(ref: str) -> tuple[int, int]:
    m = _REF.fullmatch(ref)
    assert m is not None  # noqa: S101 - the tokenizer matched it
    return int(m.group(2)), _column_number(m.group(1))


def _tokens(formula: str) -> Iterator[tuple[str, str]]:
    at = 0
    text = formula.rstrip()
    while at < len(text):
        m = _TOKEN.match(text, at)
        if m is None or m.end() == at:
            raise FormulaError("not a sum of cells", "不是单元格求和")
        kind = m.lastgroup
        assert kind is not None  # noqa: S101 - every alternative is a named group
        yield kind, m.group(kind)
        at = m.end()


def evaluate_formula(formula: str, value_of: Callable[[int, int], Value | None]) -> Value:
    """The value of a sum formula, the only kind govreport's template writes.

    ``formula`` is ``=`` followed by terms joined by ``+`` and ``-``; a term is a cell (``C5``, ``$C$5``), a whole
    number or decimal, or ``SUM(…)`` of cells and ranges (``C5:H5``) separated by commas. Cells are of the same
    sheet; ``value_of(row, column)`` (1-based) gives a cell's value, ``None`` when it is missing.

    >>> evaluate_formula("=SUM(A1:B1)-C1+2", lambda row, col: {1: 5, 2: 7, 3: 1}[col])
    13

    Raises:
        FormulaError: the formula is of another kind, a range is larger than a table, or a cell it adds is
            missing.
    """
    if not formula.startswith("=") or len(formula) > MAX_FORMULA_CHARS:
        raise FormulaError("not a sum of cells", "不是单元格求和")
    tokens = list(_tokens(formula[1:]))
    total: Value = 0
    sign = 1
    expect_term = True
    i = 0

    def cell_value(row: int, col: int) -> Value:
        value = value_of(row, col)
        if value is None:
            raise FormulaError("a cell it adds is missing or not a number", "所加单元格缺失或不是数字")
        return value

    while i < len(tokens):
        kind, text = tokens[i]
        i += 1
        if not expect_term:
            if kind != "op" or text not in "+-":
                raise FormulaError("not a sum of cells", "不是单元格求和")
            sign = 1 if text == "+" else -1
            expect_term = True
            continue
        if kind == "op" and text in "+-" and i == 1:  # a leading sign
            sign = 1 if text == "+" else -1
            continue
        if kind == "ref":
            term: Value = cell_value(*_cell(text))
        elif kind == "number":
            if len(text) > 2 * _EXACT_DIGITS:  # (and never past int()'s limit on digits)
                raise FormulaError("a number longer than a spreadsheet holds", "数字超出表格可保存的位数")
            term = Decimal(text) if "." in text else int(text)
        elif kind == "sum":
            term, i = _sum_args(tokens, i, cell_value)
        else:
            raise FormulaError("not a sum of cells", "不是单元格求和")
        total = total + term if sign > 0 else total - term
        expect_term = False
    if expect_term:
        raise FormulaError("not a sum of cells", "不是单元格求和")
    return total


def _sum_args(tokens: list[tuple[str, str]], i: int, cell_value: Callable[[int, int], Value]) -> tuple[Value, int]:
    """The sum of ``SUM(``'s arguments from token ``i``, and the index after its ``)``."""
    total: Value = 0
    while i < len(tokens):
        kind, text = tokens[i]
        i += 1
        if kind == "ref":
            total += cell_value(*_cell(text))
        elif kind == "range":
            first, last = (_cell(part) for part in text.split(":"))
            rows = range(min(first[0], last[0]), max(first[0], last[0]) + 1)
            cols = range(min(first[1], last[1]), max(first[1], last[1]) + 1)
            if len(rows) * len(cols) > MAX_FORMULA_RANGE_CELLS:
                raise FormulaError("a range larger than a table", "区域大于表格")
            for r in rows:
                for c in cols:
                    total += cell_value(r, c)
        else:
            raise FormulaError("not a sum of cells", "不是单元格求和")
        if i < len(tokens) and tokens[i] == ("op", ","):
            i += 1
            continue
        if i < len(tokens) and tokens[i] == ("op", ")"):
            return total, i + 1
        break
    raise FormulaError("not a sum of cells", "不是单元格求和")


# --- the workbook ---------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _FormulaProblem:
    sheet: int
    row: int
    col: int
    formula: str
    error: FormulaError


def _number_text(value: Any, number_format: str | None) -> str:
    """The text of a stored value: whole numbers without a decimal point, decimals as stored (zeros padded to
    the places of a ``0.00`` format), anything else as text."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return _float_text(value, number_format)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _float_text(value: float, number_format: str | None) -> str:
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 10**_EXACT_DIGITS:
        return str(int(value))
    exact = Decimal(repr(value))  # the shortest decimal that reads back as the stored double
    m = _FORMAT_PLACES.match(number_format or "")
    places = len(m.group(1)) if m else 0
    exponent = exact.as_tuple().exponent
    if places and isinstance(exponent, int) and -exponent < places and exact.adjusted() < _EXACT_DIGITS:
        exact = exact.quantize(Decimal(1).scaleb(-places))
    return format(exact, "f")


def _area(ref: bytes) -> int:
    first, _, last = ref.partition(b":")
    (r1, c1), (r2, c2) = _cell(first.decode()), _cell((last or first).decode())
    return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)


def _count_cells(data: bytes) -> bool:
    """Refuse a workbook whose sheets hold more than :data:`~govreport.parsers.MAX_SHEET_CELLS` cells, counting the
    cells that merged ranges cover (openpyxl makes an object of each when it loads the sheet), or a whole number
    longer than Python reads (:func:`_check_numbers`); and say whether its sheets have formulas.

    Raises:
        ParseError: the sheets are too large, or hold such a number.
    """
    total = 0
    formulas = False
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            if not _SHEET_MEMBER.fullmatch(info.filename):
                continue
            xml = package.read(info)
            _check_numbers(package, info.filename, xml)
            total += len(_CELL_TAG.findall(xml))
            formulas = formulas or _FORMULA_TAG.search(xml) is not None
            for m in _MERGE_REF.finditer(xml):
                total += _area(m.group(1))
                if total > MAX_SHEET_CELLS:
                    break
            if total > MAX_SHEET_CELLS:
                msg = (
                    f"not a report: the workbook's sheets hold more than {MAX_SHEET_CELLS} cells "
                    "(merged ranges counted)"
                )
                raise ParseError(msg)
    return formulas


# A cell's value (<v>) that is a whole number of more digits than Python reads (by that number, the limit of the
# day), and the start of a cell tag with its reference (r="B3").
_LONG_WHOLE_VALUES: dict[int, re.Pattern[bytes]] = {}
_CELL_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\br\s*=\s*[\"']([A-Za-z]{1,3}[0-9]{1,7})[\"']")
# A sheet of the workbook and a relation of its part, each tag whole; and an attribute's value in one of them.
_SHEET_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\b[^>]*>")
_RELATION_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship\b[^>]*>")
_ATTRIBUTE = {
    name: re.compile(rb"[\s:]" + name.encode() + rb"\s*=\s*\"([^\"]{0,300})\"")
    for name in ("name", "id", "Id", "Target")
}


def _check_numbers(package: zipfile.ZipFile, member: str, xml: bytes) -> None:
    """Refuse a sheet with a whole number longer than Python reads (``sys.get_int_max_str_digits``, 4,300 digits by
    default), saying where: openpyxl fails on it with a message about invalid XML.

    Raises:
        ParseError: the sheet has such a number.
    """
    limit = sys.get_int_max_str_digits()
    if not limit:
        return
    long_value = _LONG_WHOLE_VALUES.get(limit)
    if long_value is None:
        long_value = _LONG_WHOLE_VALUES[limit] = re.compile(
            rb"<(?:[A-Za-z_][\w.-]*:)?v>\s*[-+]?([0-9]{%d,})\s*</" % (limit + 1)
        )
    m = long_value.search(xml)
    if m is not None:
        digits = m.end(1) - m.start(1)
        refs = _CELL_REF.findall(xml, max(0, m.start() - 1024), m.start())  # the cell's tag is just before
        where = f"sheet {_sheet_name(package, member)!r}" + (f", cell {refs[-1].decode()}" if refs else "")
        msg = (
            f"not a readable Excel (XLSX) workbook: {where} holds a whole number of {digits} digits, longer than "
            "a spreadsheet holds"
        )
        raise ParseError(msg)


def _sheet_name(package: zipfile.ZipFile, member: str) -> str:
    """The name of the sheet stored in ``member`` (``xl/worksheets/sheet1.xml``), or the member's name when the
    workbook does not say."""
    try:
        book = package.read("xl/workbook.xml")
        relations = package.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return member
    targets: dict[bytes, str] = {}
    for tag in _RELATION_TAG.findall(relations):
        rid, path = _ATTRIBUTE["Id"].search(tag), _ATTRIBUTE["Target"].search(tag)
        if rid is not None and path is not None:
            targets[rid.group(1)] = path.group(1).decode(errors="replace").lstrip("/")
    for tag in _SHEET_TAG.findall(book):
        name, rid = _ATTRIBUTE["name"].search(tag), _ATTRIBUTE["id"].search(tag)
        target = targets.get(rid.group(1), "") if rid is not None else ""  # relative to xl/, or from the root
        if name is not None and target and member in (target, f"xl/{target}"):
            return unescape(name.group(1).decode(errors="replace"))
    return member


Memo = dict[tuple[int, int], Value | FormulaError | None]


class _Work:
    """What is left of the work budget of one workbook: cells visited, covered by merges, or added by formulas.

    A workbook of few cells can still name a vast area (a cell in ``XFD1048576``, a merged range over a whole sheet,
    formulas over large ranges); the budget bounds the work that area could cause.
    """

    __slots__ = ("left",)

    def __init__(self, cells: int) -> None:
        self.left = cells

    def spend(self, cells: int) -> None:
        """Spend ``cells``.

        Raises:
            ParseError: the budget is spent.
        """
        self.left -= cells
        if self.left < 0:
            msg = f"not a report: the workbook's sheets span more than {MAX_SHEET_WORK} cells"
            raise ParseError(msg)


class _Sheet:
    """One worksheet as read: its cells' texts and numbers, formulas computed where no value is cached."""

    def __init__(
        self, index: int, ws: Any, cached: Any, *, problems: dict[tuple[int, int, int], _FormulaProblem], work: _Work
    ) -> None:
        self.index = index
        self.ws = ws
        self.cached = cached
        self.problems = problems
        self.work = work
        self.memo: Memo = {}
        self.depth = 0  # formulas being computed, one inside the other

    def _covered(self, last: dict[int, int]) -> set[tuple[int, int]]:
        """The cells of the rows in ``last`` (row → its last column read) that merged ranges cover, other than each
        range's top-left cell."""
        rows = sorted(last)
        out: set[tuple[int, int]] = set()
        for merged in self.ws.merged_cells.ranges:
            for r in rows[bisect_left(rows, merged.min_row) : bisect_right(rows, merged.max_row)]:
                cols = range(merged.min_col, min(merged.max_col, last[r]) + 1)
                self.work.spend(len(cols))
                out.update((r, c) for c in cols)
            out.discard((merged.min_row, merged.min_col))
        return out

    def rows(self) -> list[tuple[int, list[tuple[int, str]]]]:
        """Every row that has cells, as ``(row, [(column, text), …])`` (1-based), from the first column to the
        sheet's last one (or, in a sheet too wide for that, to the row's own last cell); the cells that merged ranges
        cover are left out.

        Raises:
            ParseError: the work budget is spent.
        """
        last: dict[int, int] = {}
        for r, c in self.ws._cells:  # the cells the sheet has; openpyxl's own index
            last[r] = max(last.get(r, 0), c)
        width = max(last.values(), default=0)
        if len(last) * width <= self.work.left:
            last = dict.fromkeys(last, width)
        covered = self._covered(last)
        out = []
        for r in sorted(last):
            self.work.spend(last[r])
            out.append((r, [(c, self.text(r, c)) for c in range(1, last[r] + 1) if (r, c) not in covered]))
        return out

    def number(self, row: int, col: int) -> Value | None:
        """The number in a cell, for a formula that adds it.

        Raises:
            FormulaError: the cell is a formula that cannot be computed.
        """
        self.work.spend(1)
        found = self.value(row, col)
        if isinstance(found, FormulaError):
            raise found
        return found

    def _cached(self, row: int, col: int) -> Any:
        """The value a spreadsheet program cached for the formula at ``row``, ``col`` (``None``: none)."""
        if self.cached is self.ws:  # a workbook without formulas is loaded once: nothing is cached
            return None
        cell = self.cached._cells.get((row, col))
        return None if cell is None else cell.value

    def value(self, row: int, col: int) -> Value | FormulaError | None:
        """The number in a cell (a formula's cached or computed value), ``None`` if missing, or why not."""
        key = (row, col)
        if key in self.memo:
            found = self.memo[key]
            if found is _COMPUTING:
                return FormulaError("the formulas refer to each other in a cycle", "公式循环引用")
            return found
        self.memo[key] = _COMPUTING
        cell = self.ws._cells.get(key)  # never ws.cell(), which adds the cells it is asked about
        result: Value | FormulaError | None
        if cell is None:
            result = None
        elif _is_formula(cell):
            cached = self._cached(row, col)
            if cached is not None:
                result = _as_number(cached, cell.number_format)
            elif self.depth >= MAX_FORMULA_DEPTH:  # a chain of formulas over formulas: bounded, never recursed on
                result = FormulaError("formulas over formulas nested too deep", "公式嵌套过深")
            elif isinstance(cell.value, str):
                self.depth += 1
                try:
                    result = evaluate_formula(cell.value, self.number)
                except FormulaError as e:
                    result = e
                finally:
                    self.depth -= 1
            else:  # an array or data-table formula
                result = FormulaError("not a sum of cells", "不是单元格求和")
        else:
            result = _as_number(cell.value, cell.number_format)
        self.memo[key] = result
        return result

    def text(self, row: int, col: int) -> str:
        """The text of a cell as the reader sees it (a formula's cached or computed value; ``""`` for a formula
        that cannot be computed, which is recorded as a problem)."""
        cell = self.ws._cells.get((row, col))
        value = None if cell is None else cell.value
        if value is None:
            return ""
        if not _is_formula(cell):
            if isinstance(value, str):
                return "\n".join(line.strip() for line in value.split("\n") if line.strip())
            return _number_text(value, cell.number_format)
        cached = self._cached(row, col)
        if cached is not None:
            return _number_text(cached, cell.number_format).strip()
        found = self.value(row, col)
        if isinstance(found, FormulaError):
            formula = value if isinstance(value, str) else str(getattr(value, "text", "") or "")
            where = (self.index, row - 1, col - 1)
            self.problems[where] = _FormulaProblem(
                sheet=self.index, row=row - 1, col=col - 1, formula=formula, error=found
            )
            return ""
        return "" if found is None else _number_text(found, cell.number_format)


def _is_formula(cell: Any) -> bool:
    return bool(cell.data_type == "f" or not isinstance(cell.value, str | int | float | Decimal | None))


def _text_lines(filled: list[tuple[int, str]]) -> list[str]:
    """The lines of a row of a text sheet: a short label cell and the cell beside it make ``label：value``."""
    if len(filled) == 2 and len(filled[0][1]) <= _LABEL_CELL and "\n" not in filled[0][1]:
        label = filled[0][1]
        joined = label + ("" if label.endswith((":", "：")) else "：") + filled[1][1]
        return [line.strip() for line in joined.split("\n") if line.strip()]
    return [line.strip() for _, t in filled for line in t.split("\n") if line.strip()]


class _Reader:
    def __init__(self, formulas: Any, cached: Any) -> None:
        self.formulas = formulas
        self.cached = cached
        self.texts: list[str] = []
        self.cells: list[bool] = []
        self.where: list[tuple[int, int, int]] = []
        self.problems: dict[tuple[int, int, int], _FormulaProblem] = {}
        self.starts: list[int] = []  # the first item of each sheet
        self.titles: list[str] = []  # the name of each sheet

    def _add(self, text: str, where: tuple[int, int, int], *, cell: bool) -> None:
        self.texts.append(text)
        self.cells.append(cell)
        self.where.append(where)
        if len(self.texts) > MAX_ITEMS:
            check_items(len(self.texts))

    def read(self) -> None:
        work = _Work(MAX_SHEET_WORK)
        for index, ws in enumerate(self.formulas.worksheets):
            self.sheet(_Sheet(index, ws, self.cached.worksheets[index], problems=self.problems, work=work))

    def sheet(self, sheet: _Sheet) -> None:
        """Add the items of ``sheet``: every cell of a table sheet, the lines of the rows of a text sheet."""
        index = sheet.index
        rows = sheet.rows()
        table = any(sum(1 for _, t in row if t) >= _TABLE_ROW_CELLS for _, row in rows)
        self.starts.append(len(self.texts))
        self.titles.append(str(sheet.ws.title))
        first = True
        for number, row in rows:
            r = number - 1
            filled = [(c, t) for c, t in row if t]
            if not filled:
                continue
            if table and not (first and len(filled) == 1):  # (a table's heading above it is a line, as rendered)
                for c, t in row:
                    self._add(t, (index, r, c - 1), cell=True)
            else:
                for line in _text_lines(filled):
                    self._add(line.replace("\n", " "), (index, r, filled[0][0] - 1), cell=False)
            first = False

    def in_section_order(self, lex: Lexicon) -> None:
        """Put the sheets' parts in the order of the sections they hold.

        A workbook has no one reading order: a render has the text sheet (title, sections 一, 五 and 六) first and a
        sheet per table after it. The items are cut at every section heading (a line of a text sheet, the heading
        row of a table sheet, or a sheet named by a heading), and the parts put in section order; what comes before
        the first heading stays first.
        """
        bounds = [*self.starts, len(self.texts)]
        parts: list[tuple[int, int, list[int]]] = []  # (section, order, items)
        current = 0
        for sheet, (start, end) in enumerate(itertools.pairwise(bounds)):
            named = heading_section(self.titles[sheet], lex, 0)
            items: list[int] = []
            for i in range(start, end):
                section = None if self.cells[i] else heading_section(self.texts[i], lex, 0)
                if section is None and i == start and named is not None:
                    section = named
                if section is not None:
                    if items:
                        parts.append((current, len(parts), items))
                    items, current = [], section
                items.append(i)
            if items:
                parts.append((current, len(parts), items))
        order = [i for _, _, items in sorted(parts) for i in items]
        if order == sorted(order):
            return
        self.texts = [self.texts[i] for i in order]
        self.cells = [self.cells[i] for i in order]
        self.where = [self.where[i] for i in order]

    def source(self) -> Source:
        where = self.where

        def locate(i: int, offset: int) -> SourceLocation:
            sheet, row, col = where[i]
            return SourceLocation(table=sheet, row=row, cell=col)

        return Source(self.texts, locate, cells=self.cells if any(self.cells) else None)


_COMPUTING: Final[Any] = object()


def _as_number(value: Any, number_format: str | None) -> Value | None:
    """A cell's value as a number, ``None`` when it is empty, a missing mark, text that is no number, or a number of
    more than thirty digits before or after the decimal point (no count or amount is)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return value
    text = _number_text(value, number_format).strip().replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number.adjusted()) > 2 * _EXACT_DIGITS:
        return None  # (``1e999999`` is no number a formula adds: never int() of it, nor its million digits)
    return int(number) if number == number.to_integral_value() and "." not in text else number


def _load(data: bytes, *, formulas: bool) -> tuple[Any, Any]:
    """The workbook with its formulas, and (when it has any) the workbook with the values cached for them."""
    try:
        from openpyxl import load_workbook  # noqa: PLC0415 - an optional dependency
    except ImportError as e:  # pragma: no cover - the test environment has the extra
        msg = "reading XLSX needs the xlsx extra: pip install 'govreport[xlsx]'"
        raise ParseError(msg) from e
    try:
        with warnings.catch_warnings():  # openpyxl warns about features it drops (data validation, styles)
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), data_only=False)
            cached = load_workbook(io.BytesIO(data), data_only=True) if formulas else book
    except ParseError:
        raise
    except Exception as e:
        msg = f"not a readable Excel (XLSX) workbook: {type(e).__name__}: {e}"
        raise ParseError(msg) from e
    return book, cached


def xlsx_source(data: bytes, edition: str | None = None) -> tuple[Source, str | None, list[_FormulaProblem]]:
    """The source of a workbook (lines of text sheets, cells of table sheets, in the order of the sections of
    ``edition`` they hold), its title property, and the formulas that could not be computed.

    Raises:
        ParseError: the xlsx extra is missing, ``data`` is no readable workbook, or it is far larger than a
            report.
    """
    check_package(data, "xlsx")
    formulas, cached = _load(data, formulas=_count_cells(data))
    reader = _Reader(formulas, cached)
    try:
        reader.read()
        reader.in_section_order(lexicon(get_edition(edition or detect(reader.texts, brief=True).edition)))
    except ParseError:
        raise
    except Exception as e:  # pragma: no cover - openpyxl reads what it loaded
        msg = f"not a readable Excel (XLSX) workbook: {type(e).__name__}: {e}"
        raise ParseError(msg) from e
    title = (formulas.properties.title or "").strip() or None
    return reader.source(), title, list(reader.problems.values())


def parse_xlsx(
    data: bytes,
    *,
    edition: str | None = None,
    agency: str | None = None,
    year: int | None = None,
    file_name: str | None = None,
) -> ParseResult:
    """Parse a report written as an Excel workbook.

    Args:
        data: the ``.xlsx`` file's bytes.
        edition: the edition whose labels are matched; ``None`` to detect it.
        agency: the agency, when known (see :func:`govreport.parsers.parse`).
        year: the statistics year, when known.
        file_name: the name of the file read (the last place the agency and year are looked for).

    Returns:
        The :class:`~govreport.parsers.ParseResult`; every item is located by sheet (``table``), ``row`` and
        column (``cell``), from 0.

    Raises:
        ParseError: the workbook is unreadable, far larger than a report, or does not read as a report.
    """
    source, title, problems = xlsx_source(data, edition)
    if not source.texts:
        msg = "the workbook is empty"
        raise ParseError(msg)
    result = read_source(
        source, kind="xlsx", edition=edition, agency=agency, year=year, document_title=title, file_name=file_name
    )
    if not problems:
        return result
    at = {(loc.table, loc.row, loc.cell): p for p, loc in result.source_map.items()}
    extra = []
    for problem in problems:
        location = SourceLocation(table=problem.sheet, row=problem.row, cell=problem.col)
        pointer = at.get((problem.sheet, problem.row, problem.col))
        extra.append(
            Finding(
                rule="parse.formula",
                severity=Severity.WARNING,
                pointers=(pointer,) if pointer is not None else (),
                excerpt=shorten(problem.formula),
                location=location,
                detail={"reason": problem.error.reason, "reason_zh": problem.error.reason_zh},
            )
        )
    return attrs.evolve(result, findings=(*extra, *result.findings))
