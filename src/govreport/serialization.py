"""JSON in and out, through one configured cattrs converter.

:func:`make_converter` builds the converter and :func:`configure_converter` teaches any cattrs converter the
report model (so a project with its own converter can reuse govreport's hooks). :func:`loads` / :func:`load` read
a document per ``contract.md``; :func:`dumps` / :func:`dump` write one. Numbers are exact: JSON numbers are read
straight into :class:`int` and :class:`~decimal.Decimal`, never through a binary float, and written back digit
for digit.

Every problem of a bad document is collected, with its JSON Pointer, into one
:class:`~govreport.errors.ReportDecodeError`.
"""

from __future__ import annotations

import json
import os
import re
import typing
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from json.encoder import encode_basestring
from operator import attrgetter
from pathlib import Path
from typing import IO, Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from govreport._io import read_file, read_stream
from govreport.editions import DEFAULT_EDITION, edition_names, get_edition
from govreport.editions._model_support import CELL_KIND, row_types
from govreport.errors import InputTooLargeError, ReportDecodeError, ReportLimitError, UnknownEditionError
from govreport.findings import Finding, Severity, SourceLocation
from govreport.limits import (
    MAX_AGENCY_CHARS,
    MAX_AMOUNT,
    MAX_COUNT,
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENT_CHARS,
    MAX_YEAR,
    MIN_YEAR,
)
from govreport.model import Report
from govreport.pointers import join as _ptr
from govreport.pointers import split as _split

__all__ = [
    "MAX_DOCUMENT_CHARS",
    "configure_converter",
    "dump",
    "dumps",
    "dumps_json",
    "limit_problems",
    "load",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
]

_COUNT_EXPECTED = "integer ≥ 0 or null"
_AMOUNT_EXPECTED = "number ≥ 0 or null"
_COUNT_RANGE = f"0–{MAX_COUNT}"
_SIGNED_RANGE = f"-{MAX_COUNT}–{MAX_COUNT}"
_AMOUNT_RANGE = f"0–{MAX_AMOUNT}"
_YEAR_RANGE = f"{MIN_YEAR}–{MAX_YEAR}"


class _Problem(Exception):  # noqa: N818 - internal signal, never escapes
    """A cell- or member-level problem raised inside a structure hook and turned into a Finding."""

    def __init__(self, rule: str, expected: object, actual: object) -> None:
        super().__init__(rule)
        self.rule = rule
        self.expected = expected
        self.actual = actual


class _Unrepresentable:
    """A JSON number whose exponent no :class:`~decimal.Decimal` holds (``1e99999999999999999999``).

    The decoder hands it to the structure hooks instead of failing the whole document, so the number is refused
    at its pointer like any other number out of range.
    """

    __slots__ = ("negative", "text", "tiny")

    def __init__(self, text: str) -> None:
        self.text = text
        self.negative = text.startswith("-")
        self.tiny = "e-" in text.lower()  # a negative exponent: a number too close to 0, not too large

    def __repr__(self) -> str:
        return self.text if len(self.text) <= 40 else self.text[:37] + "…"


def _parse_float(text: str) -> Decimal | _Unrepresentable:
    # Called for numbers with a fraction or an exponent only (amounts, and counts written as 3.0): rare enough
    # that this Python-level wrapper of the C constructor costs nothing measurable.
    try:
        return Decimal(text)
    except InvalidOperation:
        return _Unrepresentable(text)


def _describe_value(value: object) -> str:  # noqa: PLR0911 - one return per JSON type
    """A short, printable description of a JSON value for a problem's ``actual`` (shared with the schema
    validator, so both name a bad value the same way)."""
    if value is None:
        return "null"
    if isinstance(value, _Unrepresentable):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return json.dumps(shown, ensure_ascii=False)
    if isinstance(value, int | Decimal | float):
        # A float (a document decoded without parse_float=Decimal) prints as its exact decimal; an int goes
        # through Decimal too, which prints any length (str(int) refuses more than 4300 digits).
        text = str(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
        return text if len(text) <= 40 else text[:37] + "…"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list):
        return "array"
    return type(value).__name__


def _integer(value: object, low: int, high: int, *, expected: str, in_range: str, floor: str) -> int:
    """``value`` as an int when it is a JSON integer (``3``, and like JSON Schema also ``3.0``) in ``low–high``.

    The range is checked on the Decimal, before any conversion: ``int(Decimal("1e999999999"))`` would build a
    billion-digit integer, so a 49-byte document could hang the loader.

    Raises:
        _Problem: ``schema.type`` (not an integer), ``floor`` (below ``low``), ``schema.range`` (above ``high``).
    """
    if isinstance(value, _Unrepresentable):
        if value.tiny:
            raise _Problem("schema.type", expected, _describe_value(value))
        raise _Problem(floor if value.negative else "schema.range", low if value.negative else in_range, repr(value))
    if type(value) is Decimal:
        if not value.is_finite() or value != value.to_integral_value():
            raise _Problem("schema.type", expected, _describe_value(value))
    elif type(value) is not int:
        raise _Problem("schema.type", expected, _describe_value(value))
    if value < low:
        raise _Problem(floor, low if floor == "values.non_negative" else in_range, _bounded(value, high))
    if value > high:
        raise _Problem("schema.range", in_range, value)
    return int(value)


def _bounded(value: int | Decimal, high: int) -> int | Decimal:
    """A value below the range as a finding shows it: an int when that is cheap, else the Decimal as it is."""
    return int(value) if type(value) is Decimal and value >= -high else value


def _structure_count(value: Any, _: Any) -> int | None:
    if type(value) is int and 0 <= value <= MAX_COUNT:  # the hot path: a plain non-negative integer
        return value
    if value is None:
        return None
    return _integer(value, 0, MAX_COUNT, expected=_COUNT_EXPECTED, in_range=_COUNT_RANGE, floor="values.non_negative")


def _structure_signed_count(value: Any, _: Any) -> int | None:
    if (type(value) is int and -MAX_COUNT <= value <= MAX_COUNT) or value is None:
        return value
    return _integer(
        value, -MAX_COUNT, MAX_COUNT, expected="integer or null", in_range=_SIGNED_RANGE, floor="schema.range"
    )


def _structure_amount(value: Any, _: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, _Unrepresentable):
        rule = "values.non_negative" if value.negative else "schema.range"
        raise _Problem(rule, 0 if value.negative else _AMOUNT_RANGE, repr(value))
    amount: Decimal
    if type(value) is int:
        amount = Decimal(value)  # at most 4300 digits (Python's own limit): quick
    elif type(value) is Decimal and value.is_finite():
        amount = value
    else:
        raise _Problem("schema.type", _AMOUNT_EXPECTED, _describe_value(value))
    if amount < 0:
        raise _Problem("values.non_negative", 0, _bounded(value, MAX_AMOUNT))
    if amount > MAX_AMOUNT:
        raise _Problem("schema.range", _AMOUNT_RANGE, value)
    return amount


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise _Problem("schema.type", "string", _describe_value(value))
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _Problem("schema.text", "text", "unpaired surrogate") from None
    return value


def _structure_optional_str(value: Any, _: Any) -> str | None:
    return None if value is None else _structure_str(value, str)


def _structure_year(value: Any, _: Any) -> int:
    return _integer(value, MIN_YEAR, MAX_YEAR, expected="integer", in_range=_YEAR_RANGE, floor="schema.range")


def _edition_hook(name: str) -> Callable[[Any, Any], str]:
    """The hook of a report class's ``edition`` member: the edition's own name and nothing else."""

    def structure_edition(value: Any, _: Any) -> str:
        if type(value) is not str or value != name:
            raise _Problem("schema.const", json.dumps(name), _describe_value(value))
        return value

    return structure_edition


def _structure_agency(value: Any, _: Any) -> str:
    text = _structure_str(value, str)
    if not text.strip():
        raise _Problem("schema.minLength", "non-empty string", _describe_value(value))
    if len(text) > MAX_AGENCY_CHARS:
        raise _Problem("schema.maxLength", MAX_AGENCY_CHARS, len(text))
    return text


#: The loader's check of each kind of cell, and of the members with limits: what :func:`limit_problems` runs.
_CELL_CHECKS: dict[str, Callable[[Any, Any], Any]] = {
    "count": _structure_count,
    "signed_count": _structure_signed_count,
    "amount": _structure_amount,
}
_MEMBER_CHECKS: dict[str, Callable[[Any, Any], Any]] = {"/year": _structure_year, "/agency": _structure_agency}
_PLAIN_NUMBERS = frozenset({int, Decimal})
_EVERY_KIND_MAX = min(MAX_COUNT, MAX_AMOUNT)


def limit_problems(report: Any, pointers: Iterable[str] | None = None, *, negatives: bool = True) -> list[Finding]:
    """The values of ``report`` that no report document may hold, found by the loader's own checks (the one range
    policy of :mod:`govreport.limits`): what :func:`loads` would refuse in the document of ``report``, at the same
    pointers.

    Args:
        report: a report of a registered edition, as the model holds it (built in Python, any values).
        pointers: only these members (``/agency``, ``/year``, cells); ``None`` for every one.
        negatives: also the negative counts (``values.non_negative``); ``False`` for the limits alone, as
            :func:`dumps` and ``Report.evolve`` check them (the format's rule reports a negative count).

    Returns:
        The problems (``values.non_negative``, ``schema.range``, ``schema.maxLength``…), in document order.
    """
    edition = get_edition(report.edition)
    cells: Iterable[tuple[str, Any]]
    if pointers is None:
        members = list(_MEMBER_CHECKS)
        values = edition.read_values(report)
        present = tuple(filter(None, values))  # 0 and missing are always in range
        if not present or (
            _PLAIN_NUMBERS.issuperset(map(type, present)) and min(present) >= 0 and max(present) <= _EVERY_KIND_MAX
        ):
            cells = ()  # the common case, decided in C: every value in the range every kind of cell accepts
        else:
            cells = zip(edition.cell_index, values, strict=True)
    else:
        wanted = list(dict.fromkeys(pointers))
        members = [p for p in wanted if p in _MEMBER_CHECKS]
        by_pointer = edition.read_cells(report)
        cells = [(p, by_pointer[p]) for p in wanted if p in by_pointer]
    problems = []
    for ptr in members:
        try:
            _MEMBER_CHECKS[ptr](getattr(report, ptr[1:]), None)
        except _Problem as e:
            problems.append(_finding(e.rule, (ptr[1:],), expected=e.expected, actual=e.actual))
    for ptr, value in cells:
        if value is None or (type(value) is int and 0 <= value <= MAX_COUNT):
            continue  # the common case: a count or a missing cell, decided without a call
        cell = edition.cell(ptr)
        assert cell is not None  # noqa: S101 - the pointers come from the edition's cells
        try:
            _CELL_CHECKS[cell[1].kind](value, None)
        except _Problem as e:
            if negatives or e.rule != "values.non_negative":
                problems.append(_finding(e.rule, tuple(_split(ptr)), expected=e.expected, actual=e.actual))
    return problems


def _edition_of(cls: type) -> str | None:
    """The name of the edition whose report class is ``cls``, if it is one.

    A report class names its edition in the default of its ``edition`` member; only that edition is asked (and
    loaded, if it is not yet), so loading a 2021 document does not load the other editions and their models.
    """
    member = attrs.fields_dict(cls).get("edition")
    name = None if member is None else member.default
    if isinstance(name, str) and name in edition_names() and get_edition(name).report_type is cls:
        return name
    return None


def _signed_overrides(cls: type) -> dict[str, Any]:
    """Hooks for the cells of ``cls`` that may be negative (本年增/减), declared so in the edition."""
    return {
        a.name: override(struct_hook=_structure_signed_count)
        for a in attrs.fields(cls)
        if a.metadata.get(CELL_KIND) == "signed_count"
    }


def _object_hook_factory(converter: cattrs.Converter) -> Callable[[type], Callable[[Any, Any], Any]]:
    # cattrs asks for nested hooks without caching them while it generates a class's function, so without this
    # memo every nested class would be generated once per path to it (hundreds of functions, most of a second).
    built: dict[type, Callable[[Any, Any], Any]] = {}

    def factory(cls: type) -> Callable[[Any, Any], Any]:
        hook = built.get(cls)
        if hook is None:
            hook = built[cls] = build(cls)
        return hook

    def build(cls: type) -> Callable[[Any, Any], Any]:
        overrides: dict[str, Any] = _signed_overrides(cls)
        edition = _edition_of(cls)
        if edition is not None:
            overrides = {
                "edition": override(struct_hook=_edition_hook(edition)),
                "agency": override(struct_hook=_structure_agency),
                "year": override(struct_hook=_structure_year),
            }
        # With detailed validation, a failure collects every problem with its path (a good document pays
        # nothing measurable for it: the benchmark found a lean function without it no faster).
        detailed: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True, **overrides
        )

        def structure_object(value: Any, _: Any) -> Any:
            if type(value) is not dict:
                raise _Problem("schema.type", "object", _describe_value(value))
            return detailed(value, cls)

        if cls in row_types() and not overrides:
            # A row of counts is most of a document. The row's own constructor checks that every member is there
            # and that every cell is an int or None, so a good row of ints in range is built straight away.
            # Anything else (a missing cell, an integral decimal such as 3.0, a negative, too large or mistyped
            # cell, a missing or unknown key, not an object) takes the general path above, which converts or
            # reports. A row of zeros, the commonest row by far (most reasons for withholding are 0 in most
            # reports), is one shared instance, built once: rows are immutable.
            counts = all(a.metadata.get(CELL_KIND) == "count" for a in attrs.fields(cls))
            zeros = dict.fromkeys((a.name for a in attrs.fields(cls)), 0) if counts else None
            zero = cls(**zeros) if zeros is not None else None

            def structure_row(value: Any, _: Any) -> Any:
                # == holds for 0.0 and false too: the types say the zeros are ints
                if value == zeros and _INT.issuperset(map(type, value.values())):
                    return zero
                try:
                    row = cls(**value)
                    cells = value.values()
                    # TypeError when a cell is None: the general path handles it
                    if min(cells) >= 0 and max(cells) <= MAX_COUNT:
                        return row
                except TypeError:
                    pass
                return structure_object(value, cls)

            return structure_row

        return structure_object

    return factory


_INT = frozenset({int})


def _omitted(cls: type) -> tuple[str, ...]:
    """The members of ``cls`` that a document leaves out when they hold their default: a report class's optional
    members (``title``, ``preamble``, ``source`` in 2021), and every member of the class of an optional object
    member (``Source``). cattrs writes them after the other members, and so does :func:`dumps`."""
    edition = _edition_of(cls)
    if edition is not None:
        return tuple(f.key for f in get_edition(edition).fields if not f.required and f.kind != "edition")
    for name in edition_names():
        spec = get_edition(name)
        if any(_object_type(spec.report_type, f.key) is cls for f in spec.fields if f.kind == "object"):
            return tuple(a.name for a in attrs.fields(cls))
    return ()


def _unstructure_hooks(converter: cattrs.Converter) -> None:
    """Optional members are left out of a document when they are unset; an object member's own unset members
    too (``source``)."""
    omit = override(omit_if_default=True)

    def factory(cls: type) -> Callable[[Any], Any]:
        overrides: dict[str, Any] = dict.fromkeys(_omitted(cls), omit)
        return make_dict_unstructure_fn(cls, converter, **overrides)

    converter.register_unstructure_hook_factory(attrs.has, factory)


def _object_type(cls: type, key: str) -> type:
    """The attrs class of the optional object member ``key`` of report class ``cls`` (``Source | None``)."""
    hints = typing.get_type_hints(cls)
    return next(t for t in typing.get_args(hints[key]) if attrs.has(t))


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach ``converter`` the report model: strict cells, exact decimals, no unknown keys.

    The converter must be a :class:`cattrs.Converter` built with ``detailed_validation=True`` for the error
    paths to be complete.
    """
    converter.register_structure_hook_func(lambda t: t == (int | None), _structure_count)
    converter.register_structure_hook_func(lambda t: t == (Decimal | None), _structure_amount)
    converter.register_structure_hook_func(lambda t: t == (str | None), _structure_optional_str)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook_factory(attrs.has, _object_hook_factory(converter))
    converter.register_unstructure_hook(Decimal, lambda d: d)
    _unstructure_hooks(converter)


def make_converter() -> cattrs.Converter:
    """A new converter configured for govreport documents (see :func:`configure_converter`)."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(converter)
    return converter


_CONVERTER = make_converter()


# --- errors → findings --------------------------------------------------------------------------------


def _difference(actual: object, expected: object) -> int | Decimal | None:
    """``actual - expected`` when both are numbers and the difference is representable (``-1e999999999 - 0``
    overflows Decimal's default context), else None."""
    if not (isinstance(actual, int | Decimal) and isinstance(expected, int | Decimal)):
        return None
    try:
        return actual - expected
    except ArithmeticError:
        return None


def _finding(rule: str, path: tuple[str, ...], *, expected: object = None, actual: object = None) -> Finding:
    exp = expected if isinstance(expected, int | Decimal | str) or expected is None else str(expected)
    act = actual if isinstance(actual, int | Decimal | str) or actual is None else str(actual)
    diff = _difference(act, exp)
    return Finding(
        rule=rule, severity=Severity.ERROR, pointers=(_ptr(path),), expected=exp, actual=act, difference=diff
    )


def _problems(exc: BaseException, path: tuple[str, ...]) -> Iterator[Finding]:
    if isinstance(exc, ClassValidationError):
        with_notes, without_notes = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _problems(sub, (*path, str(note.name)))
        for sub in without_notes:
            yield from _problems(sub, path)
    elif isinstance(exc, IterableValidationError):  # pragma: no cover - the 2021 model has no lists
        with_index, without_index = exc.group_exceptions()
        for sub, index_note in with_index:
            yield from _problems(sub, (*path, str(index_note.index)))
        for sub in without_index:
            yield from _problems(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield _finding("schema.additionalProperties", (*path, key), expected="no such member", actual=key)
    elif isinstance(exc, _Problem):
        yield _finding(exc.rule, path, expected=exc.expected, actual=exc.actual)
    elif isinstance(exc, KeyError):
        yield _finding("schema.required", path, expected="member present", actual="missing")
    else:  # pragma: no cover - defensive
        yield _finding("schema.type", path, expected="a valid value", actual=type(exc).__name__)


# --- reading ------------------------------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    msg = f"{name} is not a JSON number"
    raise ValueError(msg)


class _DuplicateKeyError(Exception):
    """An object with a member name twice (``findings`` says where, once they are known)."""

    def __init__(self, findings: list[Finding] | None = None) -> None:
        super().__init__("duplicate key")
        self.findings = findings or []


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKeyError
    return obj


def _decoder(hook: Callable[[list[tuple[str, Any]]], dict[str, Any]], *, wide: bool) -> json.JSONDecoder:
    return json.JSONDecoder(
        parse_float=_parse_float,
        parse_int=_parse_float if wide else None,
        parse_constant=_reject_constant,
        object_pairs_hook=hook,
    )


# Built once (as json.loads's own default decoder is): building one per document costs a few microseconds.
_DECODER = _decoder(_unique_object, wide=False)


def _parse_json(text: str) -> Any:
    """Decode ``text``: exact numbers, no NaN or Infinity, no member name twice in one object.

    Raises:
        _DuplicateKeyError: a member name appears twice in an object; the findings name each with its pointer.
        ValueError: not JSON (:class:`json.JSONDecodeError`), or NaN/Infinity.
        RecursionError: nested too deeply.
    """
    try:
        return _DECODER.decode(text)
    except _DuplicateKeyError:
        pass
    except ValueError as e:
        if isinstance(e, json.JSONDecodeError) or "integer string conversion" not in str(e):
            raise
    # Rare: decode again, with integers as Decimals (so an integer of more digits than Python converts is
    # refused at its pointer like any number out of range) and recording the objects with a repeated member.
    repeated: list[tuple[dict[str, Any], list[str]]] = []

    def record(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            counts: dict[str, int] = {}
            for key, _ in pairs:
                counts[key] = counts.get(key, 0) + 1
            repeated.append((obj, [key for key, n in counts.items() if n > 1]))
        return obj

    root = _decoder(record, wide=True).decode(text)
    if not repeated:
        return root
    where = {id(obj): keys for obj, keys in repeated}
    findings: list[Finding] = []
    stack: list[tuple[Any, tuple[str, ...]]] = [(root, ())]
    while stack:  # find the objects again by identity, walking down from the root, to know their pointers
        node, path = stack.pop()
        if isinstance(node, dict):
            keys = where.get(id(node), ())
            findings.extend(_finding("json.duplicate_key", (*path, k), expected="one member", actual=k) for k in keys)
            stack.extend((v, (*path, k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, (*path, str(i))) for i, v in enumerate(node))
    raise _DuplicateKeyError(sorted(findings, key=lambda f: f.pointers))


def _too_large(size: int, source: str | None) -> ReportDecodeError:
    return ReportDecodeError(
        [Finding(rule="json.too_large", severity=Severity.ERROR, expected=MAX_DOCUMENT_CHARS, actual=size)],
        source=source,
    )


def _decode(data: str | bytes | bytearray, source: str | None) -> Any:
    if isinstance(data, bytes | bytearray):
        if len(data) > MAX_DOCUMENT_BYTES:
            raise _too_large(len(data), source)
        if (published := _published_format(bytes(data[:8]), source)) is not None:
            raise ReportDecodeError(
                [Finding(rule="json.published_format", severity=Severity.ERROR, detail={"format": published})],
                source=source,
            )
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ReportDecodeError(
                [Finding(rule="json.encoding", severity=Severity.ERROR, detail={"reason": str(e)})], source=source
            ) from e
    elif isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        msg = f"expected str or bytes, not {type(data).__name__}"
        raise TypeError(msg)
    if len(text) > MAX_DOCUMENT_CHARS:
        raise _too_large(len(text), source)
    try:
        return _parse_json(text)
    except _DuplicateKeyError as e:
        raise ReportDecodeError(e.findings, source=source) from None
    except json.JSONDecodeError as e:
        loc = SourceLocation(line=e.lineno, column=e.colno)
        problem = Finding(rule="json.syntax", severity=Severity.ERROR, location=loc, detail={"reason": e.msg})
        raise ReportDecodeError([problem], source=source) from e
    except RecursionError as e:
        raise ReportDecodeError([Finding(rule="json.too_deep", severity=Severity.ERROR)], source=source) from e
    except ValueError as e:  # NaN or Infinity
        problem = Finding(
            rule="json.syntax", severity=Severity.ERROR, location=SourceLocation(), detail={"reason": str(e)}
        )
        raise ReportDecodeError([problem], source=source) from e


def structure(obj: Any, *, edition: str | None = None, source: str | None = None) -> Report:
    """Build a :class:`~govreport.model.Report` from an already decoded JSON value.

    Numbers that are not integers must be :class:`~decimal.Decimal` (decode with ``parse_float=Decimal``).

    Raises:
        ReportDecodeError: the value is not a valid report document; every problem is listed.
    """
    if type(obj) is not dict:
        raise ReportDecodeError(
            [_finding("schema.type", (), expected="object", actual=_describe_value(obj))], source=source
        )
    name = obj.get("edition", edition or DEFAULT_EDITION)
    if edition is not None and name != edition:
        raise ReportDecodeError(
            [_finding("schema.const", ("edition",), expected=json.dumps(edition), actual=_describe_value(name))],
            source=source,
        )
    try:
        report_type = get_edition(name).report_type if type(name) is str else Report
    except UnknownEditionError:
        report_type = Report  # the edition member's own check reports the unknown edition with its pointer
    # The model gives ``edition`` a default for code that builds reports; a document must name its edition.
    problems = (
        []
        if "edition" in obj
        else [_finding("schema.required", ("edition",), expected="member present", actual="missing")]
    )
    try:
        result: Report = _CONVERTER.structure(obj, report_type)
    except ClassValidationError as e:
        raise ReportDecodeError([*problems, *_problems(e, ())], source=source) from e
    except _Problem as e:  # pragma: no cover - the top level is checked above
        raise ReportDecodeError([_finding(e.rule, (), expected=e.expected, actual=e.actual)], source=source) from e
    if problems:
        raise ReportDecodeError(problems, source=source)
    return result


#: The first bytes of published formats that are not report documents: (magic, format).
_PUBLISHED_MAGIC = ((b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP"), (b"\xd0\xcf\x11\xe0", "OLE (DOC/XLS)"))


def _published_format(head: bytes, source: str | None) -> str | None:
    """The name of the office or PDF format ``head`` starts, or None (the bytes may be a JSON document)."""
    for magic, name in _PUBLISHED_MAGIC:
        if head.startswith(magic):
            suffix = (source or "").rpartition(".")[2].upper()
            # a ZIP container is named by its file's suffix when it has an office one
            return suffix if name == "ZIP" and suffix in {"XLSX", "DOCX", "ODS", "ODT"} else name
    return None


def loads(data: str | bytes | bytearray, *, edition: str | None = None, source: str | None = None) -> Report:
    """Read a report from a JSON document (``str`` or UTF-8 ``bytes``).

    Args:
        data: the document.
        edition: if given, the document must be of this edition.
        source: a name for the input (a file path) used in error messages.

    Returns:
        The report, wrong totals and all: validate it with :func:`govreport.validate`.

    Raises:
        ReportDecodeError: not JSON, too large or deep, or not a report document: wrong types, unknown or
            missing keys, negative counts. ``.problems`` lists every problem with its JSON Pointer.

    >>> import govreport
    >>> report = govreport.loads(govreport.example_document())
    >>> report.requests.received.total
    73
    """
    return structure(_decode(data, source), edition=edition, source=source)


def load(file: str | os.PathLike[str] | IO[str] | IO[bytes], *, edition: str | None = None) -> Report:
    """Read a report from a path or an open file (text or binary). See :func:`loads`.

    At most :data:`~govreport.limits.MAX_DOCUMENT_BYTES` + 1 bytes are read, whatever the file is.

    Raises:
        ReportDecodeError: the document is not a report (see :func:`loads`), or it is too large.
        NotRegularFileError: the path names a directory, FIFO, device or socket (an :class:`OSError`).
        OSError: the file cannot be read.
    """
    if isinstance(file, str | os.PathLike):
        name = os.fspath(file)
        try:
            data = read_file(name, limit=MAX_DOCUMENT_BYTES)
        except InputTooLargeError as e:
            raise _too_large(e.size or MAX_DOCUMENT_BYTES + 1, name) from e
        return loads(data, edition=edition, source=name)
    text = read_stream(file, limit=MAX_DOCUMENT_BYTES)
    return loads(text, edition=edition, source=getattr(file, "name", None))


# --- writing ------------------------------------------------------------------------------------------


def unstructure(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (dicts, strings, ints, :class:`~decimal.Decimal`, None)."""
    data: dict[str, Any] = _CONVERTER.unstructure(report)
    return data


def dumps_json(value: Any, *, indent: int | None = 2) -> str:
    """Write JSON-ready data with :class:`~decimal.Decimal` values as exact JSON numbers.

    Non-ASCII text is written as is (UTF-8), so prose stays byte for byte what was published.
    """
    token = f"__govreport_decimal_{uuid.uuid4().hex}__"
    seen = False

    def default(o: object) -> object:
        nonlocal seen
        if isinstance(o, Decimal):
            if not o.is_finite():
                msg = f"cannot write {o} as a JSON number"
                raise ValueError(msg)
            seen = True
            return token + str(o)
        msg = f"Object of type {type(o).__name__} is not JSON serializable"
        raise TypeError(msg)

    text = json.dumps(value, ensure_ascii=False, indent=indent, default=default)
    if seen:
        text = re.sub('"' + token + r'([-+0-9.eE]+)"', r"\1", text)
    return text


class _Unwritable(Exception):  # noqa: N818 - internal signal, never escapes
    """A value the text writer does not handle; :func:`dumps` then takes the general path."""


_INT_ONLY = frozenset({int})


class _TextWriter:
    """Writes report objects as JSON text, byte for byte what ``dumps_json(unstructure(report))`` writes.

    ``json.dumps`` with an indent runs in pure Python (its C encoder only writes one line), and it walks the
    dictionaries that :func:`unstructure` builds first; that made writing 2.4× slower than reading. This writer
    walks the attrs objects themselves. Each class gets, per nesting depth, one ``%`` template holding every key,
    separator and indentation, read off its attrs fields, so an object is written by one C-level formatting: a row
    of plain ints goes in as it is, anything else is written member by member. Any value it does not know (a
    float, a non-finite decimal, a subclass of str or int) raises :class:`_Unwritable`.
    """

    def __init__(self, indent: int | None) -> None:
        self._step = None if indent is None else " " * indent if isinstance(indent, int) else str(indent)
        self._writers: dict[int, Callable[[Any], str]] = {}
        self._objects: dict[tuple[type, int], Callable[[Any], str]] = {}

    def value_writer(self, depth: int) -> Callable[[Any], str]:
        """The function that writes one value standing at nesting ``depth``."""
        write = self._writers.get(depth)
        if write is not None:
            return write
        objects = self._objects

        def write_value(value: Any) -> str:
            kind = type(value)
            if kind is int:
                return int.__repr__(value)
            if value is None:
                return "null"
            if kind is str:
                return encode_basestring(value)
            if kind is Decimal and value.is_finite():
                return str(value)
            write_object = objects.get((kind, depth)) or self._object_writer(kind, depth)
            return write_object(value)

        self._writers[depth] = write_value
        return write_value

    def _object_writer(self, cls: type, depth: int) -> Callable[[Any], str]:
        if not attrs.has(cls):
            raise _Unwritable(cls)
        optional = _omitted(cls)
        names = [a.name for a in attrs.fields(cls) if a.name not in optional] + list(optional)
        defaults = [attrs.fields_dict(cls)[name].default for name in optional]
        if any(d is attrs.NOTHING or isinstance(d, attrs.Factory) for d in defaults):  # type: ignore[arg-type]
            raise _Unwritable(cls)  # cattrs compares with a fresh default; the general path does it
        if not names:
            return lambda obj: "{}"
        if self._step is None:
            inner, close, separator = "", "", ", "
        else:
            inner, close, separator = "\n" + self._step * (depth + 1), "\n" + self._step * depth, ","
        keys = [inner + encode_basestring(name).replace("%", "%%") + ": %s" for name in names]
        read = attrgetter(*names) if len(names) > 1 else (lambda obj, name=names[0]: (getattr(obj, name),))
        write_member = self.value_writer(depth + 1)
        if not optional:
            template = "{" + separator.join(keys) + close + "}"

            def write_object(obj: Any) -> str:
                values = read(obj)
                if _INT_ONLY.issuperset(map(type, values)):  # a row of plain ints: straight into the template
                    return template % values
                return template % tuple(map(write_member, values))
        else:
            required = len(names) - len(optional)

            def write_object(obj: Any) -> str:
                values = read(obj)
                present = [*zip(keys[:required], values[:required], strict=True)] + [
                    (k, v) for k, v, d in zip(keys[required:], values[required:], defaults, strict=True) if v != d
                ]
                if not present:
                    return "{}"
                template = "{" + separator.join(k for k, _ in present) + close + "}"
                return template % tuple(write_member(v) for _, v in present)

        self._objects[cls, depth] = write_object
        return write_object


_WRITERS: dict[int | None, _TextWriter] = {}


def dumps(report: Report, *, indent: int | None = 2) -> str:
    """Write ``report`` as a contract JSON document; ``loads(dumps(r)) == r``.

    >>> import govreport
    >>> report = govreport.loads(govreport.example_document())
    >>> '"amount_10k_yuan": 722.61' in govreport.dumps(report)
    True

    A negative count is written as it is: it is a value a program may compute, which the format's own rule
    ``values.non_negative`` reports (and which :func:`loads` refuses); documents that other validators are tested
    with, such as the ``negative_cell`` mutants of :mod:`govreport.strategies`, hold one.

    Raises:
        ReportLimitError: the report holds values past the limits of :mod:`govreport.limits` (a count past
            :data:`~govreport.limits.MAX_COUNT`, an amount past :data:`~govreport.limits.MAX_AMOUNT`, an agency
            past :data:`~govreport.limits.MAX_AGENCY_CHARS` characters…), which :func:`loads` would refuse and
            other tools could not read exactly; each problem names its pointer.
    """
    if problems := limit_problems(report, negatives=False):
        raise ReportLimitError(problems)
    return _write(report, indent)


def _write(report: Report, indent: int | None) -> str:
    """The JSON text of ``report``, whatever values it holds (:func:`dumps` checks them first)."""
    writer = _WRITERS.get(indent)
    if writer is None:
        writer = _WRITERS[indent] = _TextWriter(indent)
    try:
        return writer.value_writer(0)(report)
    except _Unwritable:
        return dumps_json(unstructure(report), indent=indent)


def dump(report: Report, file: str | os.PathLike[str] | IO[str], *, indent: int | None = 2) -> None:
    """Write ``report`` to a path (UTF-8, with a final newline) or to an open text file."""
    text = dumps(report, indent=indent) + "\n"
    if isinstance(file, str | os.PathLike):
        Path(file).write_text(text, encoding="utf-8")
    else:
        file.write(text)
