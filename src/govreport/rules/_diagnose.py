"""Diagnosis: the smallest corrections of the published cells that make every failing equation hold.

:func:`validate` lists every equation that does not hold; one wrong cell usually breaks several (a leaf of table 三
breaks its row total and its column total). :func:`diagnose` does the reader's work: from the equations the
edition declares (the rules of kind ``equation``, with their coefficients and, given the previous year's report,
their terms from that report) it searches the smallest sets of corrections that make all of them hold, and says
whether the smallest one is unique.

The hypotheses, each counted as one fault unless said otherwise:

- one wrong cell (``diagnosis.cell``), labelled ``diagnosis.transposed_digits`` when the correction swaps two
  neighbouring digits of the printed number (12 printed 21) and ``diagnosis.wrong_row_total`` when a printed total
  equals the same column of another row (a total copied from the wrong row);
- a printed row whose values moved one column, left or right, from one cell to the end of the row or of a line
  (``diagnosis.shifted_row``): a value vanished (an empty cell lost in flattening) or a spurious one crept in;
- two neighbouring cells read as one number, ``1 0`` read as ``10``, the rest moved left
  (``diagnosis.merged_digits``), or one number read as two cells, the rest moved right (``diagnosis.split_digits``);
- two wrong cells (``diagnosis.cells``, two faults), searched only when no single fault explains the failures.

A missing cell is an unknown, never 0: the equations are solved for it, and where they determine its value
``diagnosis.inferred`` says which value it must have. A correction is kept only when the values it proposes are
determined by the equations, whole numbers in count columns and not below 0 in count and amount columns.
Arithmetic is exact (integers and fractions; amounts come back as :class:`~decimal.Decimal`).

When several corrections are equally small, every one is listed and ``diagnosis.ambiguous`` says so; none is
picked. When nothing small explains the failures, ``diagnosis.unexplained`` says that.

>>> import govreport
>>> report = govreport.loads(govreport.example_document())
>>> typo = report.evolve({"/requests/outcomes/granted/natural_persons": 35})
>>> [(e.kind, e.corrections, e.unique) for e in govreport.diagnose(typo).explanations]
[('cell', (('/requests/outcomes/granted/natural_persons', 69),), True)]
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from math import gcd
from typing import Any

import attrs

from govreport.editions import Edition
from govreport.findings import Finding, Severity
from govreport.rules._engine import RuleSet, _pick, rules_for

__all__ = ["Diagnosis", "Explanation", "diagnose"]

Number = int | Decimal
#: The exact numbers of the arithmetic: counts stay ints, amounts become fractions.
_Q = int | Fraction

#: The kinds of explanation in the order of preference when two of them propose the same corrected report.
KINDS = ("cell", "wrong_row_total", "transposed_digits", "merged_digits", "split_digits", "shifted_row", "cells")
_PREFERENCE = {kind: i for i, kind in enumerate(KINDS)}


# --- the public result ----------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Explanation:
    """One smallest set of corrections that makes every failing equation hold.

    Attributes:
        kind: ``cell``, ``wrong_row_total``, ``transposed_digits``, ``shifted_row``, ``merged_digits``,
            ``split_digits`` or ``cells``; the finding's code is ``diagnosis.<kind>``.
        corrections: ``(pointer, corrected value)`` of every cell whose value changes, in document order (a cell
            printed blank that the correction fills included).
        published: ``(pointer, published value)`` of the same cells (``None`` for a blank cell).
        inferred: ``(pointer, value)`` of the missing cells the equations determine once corrected.
        explains: the failing equations, as ``rule id[index of the equation in the rule]``.
        size: how many published cells it corrects (a blank cell it fills does not count): smaller is smaller.
        unique: it is the only smallest explanation.
        detail: what else the kind says: ``direction`` (``left``/``right``) of a shifted row, ``copied_from`` (the
            pointer of the cell a total was copied from).
    """

    kind: str
    corrections: tuple[tuple[str, Number], ...]
    published: tuple[tuple[str, Number | None], ...]
    inferred: tuple[tuple[str, Number], ...] = ()
    explains: tuple[str, ...]
    size: int
    unique: bool
    detail: tuple[tuple[str, str], ...] = ()

    @property
    def code(self) -> str:
        """The finding code, ``diagnosis.<kind>``."""
        return f"diagnosis.{self.kind}"


@attrs.frozen(kw_only=True)
class Diagnosis:
    """What :func:`diagnose` found.

    Attributes:
        failing: the equations that do not hold (or that contradict each other through missing cells), as
            ``rule id[index]``; empty when the report is consistent.
        explanations: the smallest explanations, in order of preference; one when the diagnosis is unique, none
            when the report is consistent or nothing small explains it.
        inferred: ``(pointer, value)`` of the missing cells the equations determine: for a consistent report, or
            the values every smallest explanation agrees on.
        findings: all of it as findings (``diagnosis.*``, severity ``info``).
    """

    failing: tuple[str, ...]
    explanations: tuple[Explanation, ...]
    inferred: tuple[tuple[str, Number], ...]
    findings: tuple[Finding, ...]

    @property
    def unique(self) -> bool:
        """Exactly one smallest explanation."""
        return len(self.explanations) == 1

    @property
    def ambiguous(self) -> bool:
        """Several equally small explanations, none picked."""
        return len(self.explanations) > 1


# --- the equations of one rule set, as sparse integer rows --------------------------------------------------


@attrs.frozen
class _Equation:
    label: str
    checked: int  # the cell of the equation's first actual term (the published total it checks)
    coeffs: tuple[tuple[int, int], ...]  # (cell, coefficient): actual side +, expected side −
    previous: tuple[tuple[str, int], ...]  # (pointer in the previous year's report, coefficient)


@attrs.define(slots=True)
class _Row:
    """``Σ coeffs[cell] × cell + const = 0``, derived from the equations ``origin``."""

    coeffs: dict[int, int]
    const: _Q
    origin: frozenset[int]


def _summer(coeffs: Mapping[int, int]) -> Callable[[tuple[Any, ...]], _Q]:
    """A function that computes ``Σ coeffs[j] × values[j]`` over complete values (in C when every coefficient is
    ±1)."""
    plus = [j for j, c in coeffs.items() if c == 1]
    minus = [j for j, c in coeffs.items() if c == -1]
    if len(plus) + len(minus) < len(coeffs):
        items = tuple(coeffs.items())
        return lambda values: sum(c * values[j] for j, c in items)
    add = _pick(plus) if plus else (lambda values: ())
    sub = _pick(minus) if minus else (lambda values: ())
    return lambda values: sum(add(values)) - sum(sub(values))


@attrs.frozen
class _Static:
    rows: list[_Row]
    cell_rows: dict[int, list[tuple[int, int]]]
    sums: list[Callable[[tuple[Any, ...]], _Q]]


class _System:
    """What diagnosis reads from an edition and its equation rules, prepared once per rule selection."""

    def __init__(self, ruleset: RuleSet, rule_ids: tuple[str, ...]) -> None:
        edition = ruleset.edition_spec
        index = ruleset.index
        self.edition = edition
        self.pointers = ruleset.pointers
        equations: list[_Equation] = []
        totals: set[int] = set()
        for rule_id in rule_ids:
            for i, eq in enumerate(ruleset.get(rule_id).equations):
                coeffs: dict[int, int] = {}
                previous: list[tuple[str, int]] = []
                for sign, terms in ((1, eq.actual), (-1, eq.expected)):
                    for t in terms:
                        if t.previous:
                            previous.append((t.pointer, sign * t.coefficient))
                        else:
                            j = index[t.pointer]
                            coeffs[j] = coeffs.get(j, 0) + sign * t.coefficient
                # A total: the one term of its side, the other side a sum of this year's cells.
                if len(eq.actual) == 1 and not eq.actual[0].previous and sum(not t.previous for t in eq.expected) > 1:
                    totals.add(index[eq.actual[0].pointer])
                checked = index[eq.pointers[0]] if eq.pointers else -1
                equations.append(
                    _Equation(
                        label=f"{rule_id}[{i}]",
                        checked=checked,
                        coeffs=tuple(sorted((j, c) for j, c in coeffs.items() if c)),
                        previous=tuple(previous),
                    )
                )
        self.equations = tuple(equations)
        self.totals = frozenset(totals)
        n = len(self.pointers)
        self.integral = [True] * n
        self.minimum: list[int | None] = [0] * n
        self.amount = [False] * n
        for ptr, j in index.items():
            found = edition.cell(ptr)
            kind = found[1].kind if found is not None else "count"
            self.integral[j] = kind != "amount"
            self.amount[j] = kind == "amount"
            self.minimum[j] = None if kind == "signed_count" else 0
        self.amount_cells = tuple(j for j in range(n) if self.amount[j])
        #: The equations over this year's report alone, and those with terms from the previous year's.
        self.this_year = tuple(e for e, eq in enumerate(equations) if not eq.previous)
        self.cross_year = tuple(e for e, eq in enumerate(equations) if eq.previous)
        self.zeros: tuple[_Q, ...] = (0,) * len(self.this_year)
        self.equation_cells = tuple(sorted({j for eq in equations for j, _ in eq.coeffs}))
        self.printed = _printed_rows(edition, index)
        self.same_column = _same_column(edition, index)
        self._static: dict[tuple[int, ...], _Static] = {}

    def static(self, active: tuple[int, ...]) -> _Static:
        """The rows of the ``active`` equations over a complete report, indexed by cell, with their readers."""
        found = self._static.get(active)
        if found is None:
            rows = [_Row(coeffs=dict(self.equations[e].coeffs), const=0, origin=frozenset((e,))) for e in active]
            cell_rows: dict[int, list[tuple[int, int]]] = {}
            for r, row in enumerate(rows):
                for j, c in row.coeffs.items():
                    cell_rows.setdefault(j, []).append((r, c))
            found = self._static[active] = _Static(
                rows=rows, cell_rows=cell_rows, sums=[_summer(row.coeffs) for row in rows]
            )
        return found

    def ok(self, cell: int, value: _Q) -> bool:
        """``value`` can stand in ``cell``: whole in a count column, not below the column's minimum."""
        if self.integral[cell] and not (isinstance(value, int) or value.denominator == 1):
            return False
        if self.amount[cell] and isinstance(value, Fraction) and not _decimal_denominator(value.denominator):
            return False
        minimum = self.minimum[cell]
        return minimum is None or value >= minimum


def _printed_rows(edition: Edition, index: Mapping[str, int]) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """The value cells of each printed row of each table (the official grid), with the positions at which a line
    or the row ends: a shift runs to one of them."""
    out: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for table in edition.tables:
        rows = [[cell.pointer for cell in grid_row if cell.pointer is not None] for grid_row in table.grid]
        rows = [r for r in rows if r] or [[line.cell_pointer(c) for c in line.columns] for line in table.lines]
        for pointers in rows:
            known = [p for p in pointers if p in index]
            cells = tuple(index[p] for p in known)
            lines = [_line_of(edition, p) for p in known]
            ends = tuple(k for k in range(len(cells)) if k == len(cells) - 1 or lines[k] != lines[k + 1])
            if len(cells) > 1:
                out.append((cells, ends))
    return tuple(out)


def _line_of(edition: Edition, ptr: str) -> str:
    found = edition.cell(ptr)
    return found[0].pointer if found is not None else ptr.rpartition("/")[0]


def _same_column(edition: Edition, index: Mapping[str, int]) -> dict[int, tuple[int, ...]]:
    """For each cell, the cells of the same column in the other lines of its table, in document order."""
    out: dict[int, tuple[int, ...]] = {}
    for table in edition.tables:
        by_column: dict[str, list[int]] = {}
        for line, column in table.cells():
            by_column.setdefault(column.key, []).append(index[line.cell_pointer(column)])
        for cells in by_column.values():
            for j in cells:
                out[j] = tuple(k for k in cells if k != j)
    return out


@functools.lru_cache(maxsize=64)
def _system(ruleset: RuleSet, rule_ids: tuple[str, ...]) -> _System:
    return _System(ruleset, rule_ids)


# --- exact arithmetic -------------------------------------------------------------------------------------------


def _exact(value: object) -> _Q | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        q = Fraction(value)
        return q.numerator if q.denominator == 1 else q
    if isinstance(value, int):
        return value
    msg = f"not a number: {value!r}"
    raise TypeError(msg)


def _div(num: _Q, den: int) -> _Q:
    if isinstance(num, int) and num % den == 0:
        return num // den
    q = Fraction(num) / den
    return q.numerator if q.denominator == 1 else q


def _decimal_denominator(den: int) -> bool:
    for p in (2, 5):
        while den % p == 0:
            den //= p
    return den == 1


def _number(system: _System, cell: int, value: _Q) -> Number:
    """``value`` as the model holds it in ``cell``: an int, or a Decimal in an amount column."""
    if not system.amount[cell]:
        return int(value)
    q = Fraction(value)
    places = 0
    while (q * 10**places).denominator != 1:
        places += 1
    return Decimal((q * 10**places).numerator).scaleb(-places)


def _combine(row: _Row, pivot: _Row, u: int) -> _Row:
    """``row`` with the column ``u`` eliminated by ``pivot`` (integer row operations, divided by their gcd)."""
    a, b = pivot.coeffs[u], row.coeffs[u]
    g = gcd(a, b)
    ma, mb = a // g, b // g
    coeffs = {j: c * ma for j, c in row.coeffs.items()}
    for j, c in pivot.coeffs.items():
        v = coeffs.get(j, 0) - c * mb
        if v:
            coeffs[j] = v
        else:
            coeffs.pop(j, None)
    const = row.const * ma - pivot.const * mb
    g = 0
    for c in coeffs.values():
        g = gcd(g, c)
    if isinstance(const, int):
        g = gcd(g, const)
    if g > 1:
        coeffs = {j: c // g for j, c in coeffs.items()}
        const = _div(const, g)
    return _Row(coeffs=coeffs, const=const, origin=row.origin | pivot.origin)


def _reduce(rows: list[_Row], unknown: Iterable[int]) -> tuple[list[_Row], dict[int, int]]:
    """Eliminate the ``unknown`` columns (reduced row echelon form in them): the rows, and the pivot row of each
    unknown that has one. Rows that are no unknown's pivot end up with no unknown at all."""
    rows = list(rows)
    pivot_of: dict[int, int] = {}
    used: set[int] = set()
    for u in sorted(unknown):
        best = -1
        for i, row in enumerate(rows):
            if i not in used and u in row.coeffs and (best < 0 or len(row.coeffs) < len(rows[best].coeffs)):
                best = i
        if best < 0:
            continue  # a free unknown: no equation left to determine it
        used.add(best)
        pivot_of[u] = best
        pivot = rows[best]
        for i, row in enumerate(rows):
            if i != best and u in row.coeffs:
                rows[i] = _combine(row, pivot, u)
    return rows, pivot_of


# --- the system of one report ---------------------------------------------------------------------------------


@attrs.frozen
class _State:
    """A corrected report: the corrected cells and the missing cells the equations then determine."""

    corrections: dict[int, _Q]
    inferred: dict[int, tuple[_Q, frozenset[int]]]

    @property
    def key(self) -> frozenset[tuple[int, _Q]]:
        final = {j: v for j, (v, _) in self.inferred.items()}
        final.update(self.corrections)
        return frozenset(final.items())


_SLOW = object()


class _Problem:
    """The equations over one report's values, missing cells eliminated, with the residual of each row.

    Rows are of three sorts: conditions (no missing cell: the residual must be 0), determined rows (one missing cell,
    whose value they give) and open rows (several missing cells; they constrain nothing else).
    """

    def __init__(
        self,
        system: _System,
        values: list[_Q | None],
        active: tuple[int, ...],
        consts: Sequence[_Q],
    ) -> None:
        self.system = system
        self.values = values
        self.active = active
        self.consts = tuple(consts)
        equations = system.equations
        nulls = {j for j in system.equation_cells if values[j] is None} if None in values else set()
        self.nulls = frozenset(nulls)
        self.determined: dict[int, int] = {}
        if not nulls:
            static = system.static(active)
            self.rows = static.rows
            self.cell_rows = static.cell_rows
            read = tuple(values)
            self.residual: list[_Q] = [total(read) + k for total, k in zip(static.sums, consts, strict=True)]
            self.sort = ["condition"] * len(self.rows)
        else:
            start = [
                _Row(coeffs=dict(equations[e].coeffs), const=k, origin=frozenset((e,)))
                for e, k in zip(active, consts, strict=True)
            ]
            self.rows, pivot_of = _reduce(start, nulls)
            self.sort = ["condition"] * len(self.rows)
            for u, r in pivot_of.items():
                if sum(1 for j in self.rows[r].coeffs if j in nulls) == 1:
                    self.sort[r] = "determined"
                    self.determined[u] = r
                else:
                    self.sort[r] = "open"
            self.cell_rows = {}
            self.residual = []
            for r, row in enumerate(self.rows):
                total: _Q = row.const
                for j, c in row.coeffs.items():
                    v = values[j]
                    if v is not None:
                        total += c * v
                        if self.sort[r] != "open":
                            self.cell_rows.setdefault(j, []).append((r, c))
                self.residual.append(total)
        self.inferred: dict[int, tuple[_Q, frozenset[int]]] = {}
        violated = [r for r, res in enumerate(self.residual) if res and self.sort[r] == "condition"]
        for u, r in self.determined.items():
            value = _div(-self.residual[r], self.rows[r].coeffs[u])
            self.inferred[u] = (value, self.rows[r].origin)
            if not system.ok(u, value):
                violated.append(r)
        self.violated = sorted(violated)

    @property
    def failing(self) -> tuple[int, ...]:
        """The equations (indices into the system) that the violated rows derive from."""
        return tuple(sorted(set().union(*(self.rows[r].origin for r in self.violated))))

    def attempt(self, changes: Mapping[int, _Q | None], unknowns: Sequence[int]) -> _State | None:
        """The corrected report when the cells of ``changes`` take those values and the ``unknowns`` (published
        cells) are solved for; ``None`` when that does not make every row hold with determined, valid values."""
        found = self._attempt(changes, unknowns)
        if found is _SLOW:
            return self._attempt_anew(changes, unknowns)
        assert found is None or isinstance(found, _State)  # noqa: S101 - narrowing
        return found

    def _attempt(self, changes: Mapping[int, _Q | None], unknowns: Sequence[int]) -> _State | object | None:  # noqa: PLR0911, PLR0912 - one pass, early exits
        values, system, residual, cell_rows = self.values, self.system, self.residual, self.cell_rows
        touched: dict[int, _Q] = {}
        corrections: dict[int, _Q] = {}
        for j, new in changes.items():
            old = values[j]
            if old is None:
                if new is None:
                    continue
                r = self.determined.get(j)
                if r is None:
                    return _SLOW
                touched[r] = touched.get(r, residual[r]) + self.rows[r].coeffs[j] * new
                corrections[j] = new
                continue
            if new is None:
                return _SLOW
            if new != old:
                if not system.ok(j, new):
                    return None
                corrections[j] = new
                d = new - old
                for r, c in cell_rows.get(j, ()):
                    touched[r] = touched.get(r, residual[r]) + c * d
        coefficient: dict[int, dict[int, int]] = {}
        for h in unknowns:
            old = values[h]
            if old is None:
                return _SLOW
            for r, c in cell_rows.get(h, ()):
                touched[r] = touched.get(r, residual[r]) - c * old
                coefficient.setdefault(r, {})[h] = c
        if any(r not in touched for r in self.violated):
            return None
        # Rows that must hold: conditions, and determined rows whose missing cell the changes fill.
        must: list[tuple[dict[int, int], _Q]] = []
        gives: list[int] = []
        for r, res in touched.items():
            if self.sort[r] == "condition" or any(j in corrections for j in self.rows[r].coeffs if j in self.nulls):
                coeffs = coefficient.get(r)
                if coeffs:
                    must.append((coeffs, res))
                elif res:
                    return None
            else:
                gives.append(r)
        solved = _solve(must, unknowns)
        if solved is None:
            return None
        for h, y in solved.items():
            if not system.ok(h, y) or y == values[h]:
                return None
            corrections[h] = y
        inferred = dict(self.inferred)
        for j in corrections:
            inferred.pop(j, None)
        for r in gives:
            u = next(j for j in self.rows[r].coeffs if j in self.nulls)
            res = touched[r] + sum(c * solved[h] for h, c in coefficient.get(r, {}).items())
            value = _div(-res, self.rows[r].coeffs[u])
            if not system.ok(u, value):
                return None
            inferred[u] = (value, self.rows[r].origin)
        return _State(corrections=corrections, inferred=inferred)

    def _attempt_anew(self, changes: Mapping[int, _Q | None], unknowns: Sequence[int]) -> _State | None:
        """The general case (a missing cell moves, or fills a cell the equations leave open): solve again."""
        values = list(self.values)
        for j, new in changes.items():
            if new is not None and not self.system.ok(j, new):
                return None
            values[j] = new
        for h in unknowns:
            values[h] = None
        again = _Problem(self.system, values, self.active, self.consts)
        if again.violated:
            return None
        corrections: dict[int, _Q] = {}
        for j in (*changes, *unknowns):
            v = values[j]
            if v is None:
                if j not in again.inferred:
                    return None  # the hypothesis leaves a published cell undetermined
                v = again.inferred[j][0]
            if v != self.values[j]:
                corrections[j] = v
        if not corrections:
            return None
        inferred = {j: v for j, v in again.inferred.items() if j not in corrections}
        return _State(corrections=corrections, inferred=inferred)


def _solve(rows: Sequence[tuple[dict[int, int], _Q]], unknowns: Sequence[int]) -> dict[int, _Q] | None:
    """The one solution of ``Σ coeffs[h] × y_h + res = 0`` over every row, or ``None`` (none, or not one)."""
    if not unknowns:
        return {}
    if len(unknowns) == 1:
        return _solve_one(rows, unknowns[0])
    return _solve_two(rows, unknowns[0], unknowns[1])


def _solve_one(rows: Sequence[tuple[dict[int, int], _Q]], h: int) -> dict[int, _Q] | None:
    values = {_div(-res, coeffs[h]) for coeffs, res in rows}
    return {h: values.pop()} if len(values) == 1 else None


def _solve_two(rows: Sequence[tuple[dict[int, int], _Q]], h: int, k: int) -> dict[int, _Q] | None:
    first = rows[0] if rows else None
    for coeffs, res in rows[1:]:
        assert first is not None  # noqa: S101 - narrowing
        a0, b0, r0 = first[0].get(h, 0), first[0].get(k, 0), first[1]
        a, b = coeffs.get(h, 0), coeffs.get(k, 0)
        det = a0 * b - b0 * a
        if det:
            solution = {h: _div(-(r0 * b - res * b0), det), k: _div(-(a0 * res - a * r0), det)}
            ok = all(c.get(h, 0) * solution[h] + c.get(k, 0) * solution[k] + r == 0 for c, r in rows)
            return solution if ok else None
    return None  # fewer than two independent rows: not determined (or no row at all)


# --- the hypotheses ---------------------------------------------------------------------------------------------

_Hypothesis = tuple[str, dict[int, "_Q | None"], tuple[int, ...], tuple[tuple[str, str], ...]]


@attrs.frozen
class _Candidate:
    kind: str
    state: _State
    size: int  # how many published cells the correction changes
    detail: tuple[tuple[str, str], ...] = ()
    cells: tuple[int, ...] = ()  # the finding's pointers, in order

    @property
    def order(self) -> tuple[int, tuple[int, ...], tuple[tuple[int, _Q], ...]]:
        return _PREFERENCE[self.kind], self.cells, tuple(sorted(self.state.corrections.items()))


#: The leading zeros a number split in two may lose in its second part.
_LOST_ZEROS = ("", "0", "00")


def _row_hypotheses(
    system: _System, values: Sequence[_Q | None], cells: tuple[int, ...], ends: tuple[int, ...]
) -> Iterator[_Hypothesis]:
    """Every shift, merge and split of one printed row, from a cell ``i`` to an end ``j`` of a line or the row."""
    integral = system.integral
    for j in ends:
        for i in range(j):
            right = {cells[k]: values[cells[k - 1]] for k in range(i + 1, j + 1)}
            yield "shifted_row", right, (cells[i],), (("direction", "right"),)
            left = {cells[k]: values[cells[k + 1]] for k in range(i, j)}
            yield "shifted_row", left, (cells[j],), (("direction", "left"),)
            a, b = values[cells[i]], values[cells[i + 1]]
            if not (integral[cells[i]] and integral[cells[i + 1]] and isinstance(a, int)):
                continue
            if a >= 10:  # two digits at least
                digits = str(a)
                rest = {cells[k]: values[cells[k - 1]] for k in range(i + 2, j + 1)}
                for cut in range(1, len(digits)):
                    tail = digits[cut:]
                    if len(tail) > 1 and tail.startswith("0"):
                        continue
                    yield "merged_digits", {cells[i]: int(digits[:cut]), cells[i + 1]: int(tail), **rest}, (), ()
            if a > 0 and isinstance(b, int) and b >= 0:
                rest = {cells[k]: values[cells[k + 1]] for k in range(i + 1, j)}
                for zeros in _LOST_ZEROS:  # "1 05" is read as 1 and 5
                    yield "split_digits", {cells[i]: int(f"{a}{zeros}{b}"), **rest}, (cells[j],), ()


def _transposed(a: _Q, b: _Q) -> bool:
    """``b`` is ``a`` with two neighbouring digits swapped (12 and 21)."""
    if not (isinstance(a, int) and isinstance(b, int)) or a < 0 or b < 0:
        return False
    s, t = str(a), str(b)
    diff = [k for k in range(len(s)) if len(s) == len(t) and s[k] != t[k]]
    return len(s) == len(t) and len(diff) == 2 and diff[1] == diff[0] + 1 and s[diff[0]] == t[diff[1]]


def _label(system: _System, values: Sequence[_Q | None], candidate: _Candidate) -> _Candidate:
    """A one-cell correction named more precisely: a total copied from another row, or transposed digits."""
    if candidate.kind != "cell":
        return candidate
    ((j, new),) = candidate.state.corrections.items()
    old = values[j]
    if old is None:
        return candidate
    if j in system.totals and old != 0:
        sources = [k for k in system.same_column.get(j, ()) if values[k] == old]
        if sources:
            k = min(sources, key=lambda k: (abs(k - j), k))
            return attrs.evolve(
                candidate, kind="wrong_row_total", detail=(("copied_from", system.pointers[k]),), cells=(j, k)
            )
    if _transposed(old, new):
        return attrs.evolve(candidate, kind="transposed_digits")
    return candidate


class _Found:
    """The explanations found so far, one per corrected report (the most specific kind kept)."""

    def __init__(self, values: Sequence[_Q | None]) -> None:
        self.values = values
        self.by_state: dict[frozenset[tuple[int, _Q]], _Candidate] = {}

    def keep(self, kind: str, state: _State | None, detail: tuple[tuple[str, str], ...] = ()) -> None:
        if state is None:
            return
        size = sum(1 for j in state.corrections if self.values[j] is not None)
        candidate = _Candidate(kind, state, size, detail, tuple(sorted(state.corrections)))
        key = state.key
        old = self.by_state.get(key)
        if old is None or _PREFERENCE[kind] < _PREFERENCE[old.kind]:
            self.by_state[key] = candidate

    def smallest(self) -> list[_Candidate]:
        if not self.by_state:
            return []
        size = min(c.size for c in self.by_state.values())
        return [c for c in self.by_state.values() if c.size == size]


def _pairs(problem: _Problem, vsets: Sequence[frozenset[int]]) -> Iterator[tuple[int, int]]:
    """Every two published cells that together take part in every violated row: one in the smallest such row,
    the other in each row the first is not in, or else in a row with the first (to compensate it there)."""
    values = problem.values
    seen: set[tuple[int, int]] = set()
    smallest = vsets[0]
    for s in vsets:
        if len(s) < len(smallest):
            smallest = s
    for j in sorted(smallest):
        if values[j] is None:
            continue
        rest = [s for s in vsets if j not in s]
        if rest:
            partners = frozenset.intersection(*rest)
        else:
            partners = frozenset(k for r, _ in problem.cell_rows.get(j, ()) for k in problem.rows[r].coeffs)
        for k in sorted(partners):
            pair = (min(j, k), max(j, k))
            if k != j and values[k] is not None and pair not in seen:
                seen.add(pair)
                yield pair


def _search(system: _System, problem: _Problem) -> list[_Candidate]:
    """The smallest explanations: those that correct the fewest published cells.

    One wrong cell first; failing that, two wrong cells and every shift, merge and split of a printed row that
    takes part in every violated row, of which those that change the fewest published cells.
    """
    values = problem.values
    vsets = [frozenset(problem.rows[r].coeffs) for r in problem.violated]
    if not vsets or any(not s for s in vsets):
        return []  # nothing to explain, or a contradiction among the previous year's values alone
    found = _Found(values)
    for j in sorted(frozenset.intersection(*vsets)):
        if values[j] is not None:
            found.keep("cell", problem.attempt({}, (j,)))
    if not found.by_state:
        for pair in _pairs(problem, vsets):
            found.keep("cells", problem.attempt({}, pair))
        for cells, ends in system.printed:
            if any(s.isdisjoint(cells) for s in vsets):
                continue
            for kind, changes, unknowns, detail in _row_hypotheses(system, values, cells, ends):
                moved = {j for j, new in changes.items() if new != values[j]}.union(unknowns)
                if all(not s.isdisjoint(moved) for s in vsets):
                    found.keep(kind, problem.attempt(changes, unknowns), detail)
    return sorted((_label(system, values, c) for c in found.smallest()), key=lambda c: c.order)


# --- the diagnosis --------------------------------------------------------------------------------------------


def _prepare(report: Any, previous: Any | None, rule_ids: tuple[str, ...]) -> tuple[_System, _Problem, tuple[Any, ...]]:
    ruleset = rules_for(report.edition)
    system = _system(ruleset, rule_ids)
    published = ruleset.read_values(report)
    values: list[Any] = list(published)
    for j in system.amount_cells:
        values[j] = _exact(values[j])
    if previous is None or previous.year != report.year - 1 or not system.cross_year:
        return system, _Problem(system, values, system.this_year, system.zeros), published
    before = rules_for(previous.edition).read_cells(previous)
    active = list(system.this_year)
    consts: list[_Q] = list(system.zeros)
    for e in system.cross_year:
        const: _Q = 0
        terms = system.equations[e].previous
        got = [_exact(before.get(p)) for p, _ in terms]
        if any(g is None for g in got):
            continue  # not assessable: a cell of last year's report is missing
        for (_, c), g in zip(terms, got, strict=True):
            const += c * g  # type: ignore[operator]
        active.append(e)
        consts.append(const)
    return system, _Problem(system, values, tuple(active), consts), published


def _fmt(value: object) -> str:
    return "—" if value is None else str(value)


def diagnose(
    report: Any,
    previous: Any | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> Diagnosis:
    """Name the cells whose correction explains every failing equation of ``report``.

    Args:
        report: the report.
        previous: the same agency's report for the preceding year; its values enter the cross-year equations.
        select: use only the equation rules with these ids or prefixes (as :func:`validate`).
        ignore: leave out the equation rules with these ids or prefixes.

    Returns:
        A :class:`Diagnosis`: the smallest explanations (one when unique, several when equally small, none when
        the report is consistent or nothing small explains it), the missing cells the equations determine, and
        all of it as ``diagnosis.*`` findings.

    Raises:
        UnknownRuleError: ``select`` or ``ignore`` names no rule.

    >>> import govreport
    >>> report = govreport.loads(govreport.example_document())
    >>> blank = report.evolve({"/requests/received/total": None})
    >>> govreport.diagnose(blank).inferred
    (('/requests/received/total', 73),)
    """
    ruleset = rules_for(report.edition)
    rules = ruleset.rules if select is None and ignore is None else ruleset.select(select, ignore)
    rule_ids = tuple(r.id for r in rules if r.kind == "equation")
    system, problem, published = _prepare(report, previous, rule_ids)
    failing = tuple(system.equations[e].label for e in problem.failing)
    candidates = _search(system, problem) if problem.violated else []
    pointers = system.pointers

    def explanation(c: _Candidate) -> Explanation:
        cells = sorted(c.state.corrections)
        return Explanation(
            kind=c.kind,
            corrections=tuple((pointers[j], _number(system, j, c.state.corrections[j])) for j in cells),
            published=tuple((pointers[j], published[j]) for j in cells),
            inferred=tuple((pointers[j], _number(system, j, v)) for j, (v, _) in sorted(c.state.inferred.items())),
            explains=failing,
            size=c.size,
            unique=len(candidates) == 1,
            detail=c.detail,
        )

    explanations = tuple(explanation(c) for c in candidates)
    inferred: dict[int, tuple[_Q, frozenset[int]]] = {}
    if not problem.violated:
        inferred = problem.inferred
    elif candidates:
        first = candidates[0].state.inferred
        inferred = {
            j: found
            for j, found in first.items()
            if all(j in c.state.inferred and c.state.inferred[j][0] == found[0] for c in candidates)
        }
    findings = _findings(
        system=system,
        problem=problem,
        candidates=candidates,
        explanations=explanations,
        inferred=inferred,
        published=published,
        edition=report.edition,
    )
    return Diagnosis(
        failing=failing,
        explanations=explanations,
        inferred=tuple((pointers[j], _number(system, j, v)) for j, (v, _) in sorted(inferred.items())),
        findings=findings,
    )


def _findings(
    *,
    system: _System,
    problem: _Problem,
    candidates: Sequence[_Candidate],
    explanations: Sequence[Explanation],
    inferred: Mapping[int, tuple[_Q, frozenset[int]]],
    published: Sequence[Any],
    edition: str,
) -> tuple[Finding, ...]:
    pointers = system.pointers
    explains = ", ".join(system.equations[e].label for e in problem.failing)
    n = str(len(explanations))
    out: list[Finding] = []

    def corrections(e: Explanation) -> str:
        return "; ".join(
            f"{ptr} {_fmt(old)} → {new}" for (ptr, new), (_, old) in zip(e.corrections, e.published, strict=True)
        )

    if len(explanations) > 1:
        cells = sorted({j for c in candidates for j in c.cells})
        out.append(
            Finding(
                rule="diagnosis.ambiguous",
                severity=Severity.INFO,
                pointers=tuple(pointers[j] for j in cells),
                detail={
                    "explanations": n,
                    "explains": explains,
                    "candidates": " | ".join(f"{e.code}: {corrections(e)}" for e in explanations),
                },
                edition=edition,
            )
        )
    for c, e in zip(candidates, explanations, strict=True):
        first = c.cells[0]
        expected = _number(system, first, c.state.corrections[first])
        actual = published[first]
        detail = {
            "corrections": corrections(e),
            "explains": explains,
            "explanations": n,
            "unique": "true" if e.unique else "false",
            "size": str(e.size),
            **dict(e.detail),
        }
        if e.inferred:
            detail["inferred"] = "; ".join(f"{ptr} = {v}" for ptr, v in e.inferred)
        out.append(
            Finding(
                rule=e.code,
                severity=Severity.INFO,
                pointers=tuple(pointers[j] for j in c.cells),
                expected=expected,
                actual=actual,
                difference=None if actual is None else actual - expected,
                detail=detail,
                edition=edition,
            )
        )
    if problem.violated and not candidates:
        checked = sorted({system.equations[e].checked for e in problem.failing} - {-1})
        out.append(
            Finding(
                rule="diagnosis.unexplained",
                severity=Severity.INFO,
                pointers=tuple(pointers[j] for j in checked),
                detail={"explains": explains},
                edition=edition,
            )
        )
    for j, (value, origin) in sorted(inferred.items()):
        out.append(
            Finding(
                rule="diagnosis.inferred",
                severity=Severity.INFO,
                pointers=(pointers[j],),
                expected=_number(system, j, value),
                detail={"from": ", ".join(system.equations[e].label for e in sorted(origin))},
                edition=edition,
            )
        )
    return tuple(out)
