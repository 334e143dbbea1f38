"""Validate decoded documents against the shipped schema with jsonschema, and say so in govreport's words.

Every jsonschema error becomes a :class:`~govreport.findings.Finding` with the loader's rule code and an RFC 6901
pointer, so the schema validator and :func:`govreport.loads` report the same ``(rule, pointer)`` pairs for the
same document. Validators are compiled once per schema and cached.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs
import jsonschema
from jsonschema.exceptions import ValidationError

from govreport.editions import DEFAULT_EDITION, edition_names, get_edition
from govreport.findings import Finding, Severity
from govreport.pointers import escape as escape_pointer_token
from govreport.pointers import resolve, resolve_ref
from govreport.serialization import _describe_value as _describe
from govreport.serialization import _difference

__all__ = ["basic_output", "iter_errors", "report_validator"]


# --- numbers as the loader reads them -----------------------------------------------------------------


def _is_integer(_: object, instance: object) -> bool:
    # Documents are decoded with parse_float=Decimal: 3.0 arrives as Decimal("3.0"), an integer in JSON Schema's
    # sense (a number with a zero fractional part), exactly as the loader reads it.
    if type(instance) is int:
        return True
    if type(instance) is Decimal:
        return instance.is_finite() and instance == instance.to_integral_value()
    if type(instance) is float:
        return math.isfinite(instance) and instance.is_integer()
    return False


def _is_number(_: object, instance: object) -> bool:
    if type(instance) is int:
        return True
    if type(instance) is Decimal:
        return instance.is_finite()
    if type(instance) is float:
        return math.isfinite(instance)
    return False


_TYPE_CHECKER = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine_many(
    {"integer": _is_integer, "number": _is_number}
)


def _printable(keyword: Callable[..., Iterator[ValidationError]]) -> Callable[..., Iterator[ValidationError]]:
    """``keyword`` with a message that survives an int too long for ``repr`` (Python's int-to-str digit limit).

    JSON text cannot carry such an int (``json.loads`` refuses it), but a Python caller can pass one; jsonschema's
    own messages would then raise ValueError instead of reporting the member.
    """

    def checked(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
        try:
            yield from keyword(validator, value, instance, schema)
        except ValueError:
            yield ValidationError(f"an integer too long to print fails {keyword.__name__} {value!r}")

    return checked


_KEYWORDS = jsonschema.Draft202012Validator.VALIDATORS
_Validator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]  # untyped in the stubs
    jsonschema.Draft202012Validator, type_checker=_TYPE_CHECKER
)
# The wrappers cost a fifth of the validation time, so they are used only when the plain validator hits such an
# int: validation then restarts with this class (findings already yielded are not repeated).
_PrintableValidator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]  # untyped in the stubs
    _Validator, validators={k: _printable(_KEYWORDS[k]) for k in ("type", "minimum", "maximum", "const")}
)


@functools.cache
def _compiled(kind: str, edition: str, *, printable: bool = False) -> Any:
    from govreport.schemas import results_schema, schema  # noqa: PLC0415 - the package imports this module

    document = results_schema() if kind == "results" else schema(edition)
    return (_PrintableValidator if printable else _Validator)(document)


@functools.cache
def _text_paths(edition: str) -> tuple[tuple[str, ...], ...]:
    """The paths of every text member of the report schema (where the loader rejects unpaired surrogates)."""
    root = _compiled("report", edition).schema
    out: list[tuple[str, ...]] = []

    def walk(node: Mapping[str, Any], path: tuple[str, ...]) -> None:
        node = resolve_ref(root, node)
        types = node.get("type")
        if (types == "string" or (isinstance(types, list) and "string" in types)) and "const" not in node:
            out.append(path)
        for key, child in node.get("properties", {}).items():
            walk(child, (*path, key))

    walk(root, ())
    return tuple(out)


def report_validator(edition: str = DEFAULT_EDITION) -> Any:
    """The compiled (and cached) jsonschema validator of report documents of ``edition``.

    Its type checker reads an integral :class:`~decimal.Decimal` as an ``integer`` and any finite one as a
    ``number``, so documents decoded with ``json.loads(text, parse_float=Decimal)`` validate as JSON.

    Args:
        edition: the name of a registered edition.

    Returns:
        A jsonschema draft 2020-12 validator (``iter_errors``, ``is_valid``, ``validate``).

    Raises:
        UnknownEditionError: no edition of that name is registered.
    """
    return _compiled("report", get_edition(edition).name)


def results_validator() -> Any:
    """The compiled (and cached) jsonschema validator of validation results.

    Returns:
        A draft 2020-12 validator of ``results.schema.json`` with the Decimal-aware type checker.
    """
    return _compiled("results", "")


# --- errors → findings --------------------------------------------------------------------------------


def _pointer(path: Iterator[object] | Any) -> str:
    return "".join("/" + escape_pointer_token(str(t)) for t in path)


# Python refuses to print ints of more than 4300 digits (sys.get_int_max_str_digits); stay well below.
_PRINTABLE_BITS = 4000 * 3


def _expected_type(schema: Mapping[str, Any]) -> str:
    types = schema["type"]
    names = [types] if isinstance(types, str) else list(types)
    if schema.get("minimum") == 0 and names and names[0] in ("integer", "number"):  # as the loader names a cell
        names[0] = f"{names[0]} ≥ {schema['minimum']}"
    return " or ".join(names)


def _error(rule: str, pointer: str, expected: object, actual: object, edition: str) -> Finding:
    exp = expected if isinstance(expected, int | Decimal | str) or expected is None else str(expected)
    act = actual if isinstance(actual, int | Decimal | str) or actual is None else str(actual)
    diff = _difference(act, exp)
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        pointers=(pointer,),
        expected=exp,
        actual=act,
        difference=diff,
        edition=edition,
    )


def _number(value: object) -> object:
    """A number as the finding holds it: ints and Decimals as they are, a float (a document not decoded with
    parse_float=Decimal) as an exact Decimal, and an int too long for ``str`` as a Decimal, which prints.
    """
    if type(value) is float:
        return Decimal(repr(value))
    if type(value) is int and value.bit_length() > _PRINTABLE_BITS:
        return Decimal(value)
    return value


def _member_findings(error: ValidationError, where: str, edition: str) -> Iterator[Finding]:
    """``required`` and ``additionalProperties``: one finding per member, at the member's own pointer."""
    value: Any = error.instance
    if not isinstance(value, Mapping):  # pragma: no cover - both keywords apply to objects only
        return
    if error.validator == "required":
        required: Any = error.validator_value
        for key in required:
            if key not in value:
                token = escape_pointer_token(key)
                yield _error("schema.required", f"{where}/{token}", "member present", "missing", edition)
        return
    known = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
    for key in value:
        if key not in known:
            token = escape_pointer_token(str(key))
            yield _error("schema.additionalProperties", f"{where}/{token}", "no such member", str(key), edition)


def _findings(error: ValidationError, edition: str) -> Iterator[Finding]:
    where = _pointer(error.absolute_path)
    keyword = error.validator
    schema: Any = error.schema
    value = error.instance
    if keyword == "type":
        yield _error("schema.type", where, _expected_type(schema), _describe(value), edition)
    elif keyword in ("required", "additionalProperties"):
        yield from _member_findings(error, where, edition)
    elif keyword == "const":
        yield _error("schema.const", where, json.dumps(error.validator_value), _describe(value), edition)
    elif keyword in ("minLength", "pattern"):
        yield _error("schema.minLength", where, "non-empty string", _describe(value), edition)
    elif keyword == "maxLength":
        yield _error("schema.maxLength", where, schema["maxLength"], len(str(value)), edition)
    elif keyword in ("minimum", "maximum"):
        if keyword == "minimum" and schema["minimum"] == 0 and get_edition(edition).cell(where) is not None:
            yield _error("values.non_negative", where, schema["minimum"], _number(value), edition)
        else:
            yield _error("schema.range", where, f"{schema['minimum']}–{schema['maximum']}", _number(value), edition)
    else:  # pragma: no cover - the generated schemas use no other keyword
        finding = _error("schema.invalid", where, None, _describe(value), edition)
        yield attrs.evolve(finding, detail={"keyword": str(keyword)})


def _unpaired_surrogates(document: object, edition: str) -> Iterator[str]:
    """Pointers of text members that contain an unpaired surrogate (the loader rejects them; JSON Schema cannot)."""
    for path in _text_paths(edition):
        node = document
        for token in path:
            if not isinstance(node, Mapping) or token not in node:
                break
            node = node[token]
        else:
            if isinstance(node, str) and not node.isascii():
                try:
                    node.encode("utf-8")
                except UnicodeEncodeError:
                    yield "".join("/" + escape_pointer_token(t) for t in path)


def _edition_of(document: object, edition: str | None) -> str:
    if edition is not None:
        return get_edition(edition).name
    name = document.get("edition") if isinstance(document, Mapping) else None
    # Like the loader: an unknown or malformed edition member is judged against the default edition's schema,
    # whose const says what is wrong with it.
    return name if isinstance(name, str) and name in edition_names() else DEFAULT_EDITION


def iter_errors(document: object, *, edition: str | None = None) -> Iterator[Finding]:
    """Every schema problem of ``document``, lazily, as findings with the loader's rule codes.

    One finding per member and problem: a member of the wrong type gets ``schema.type`` only (not also the
    range checks that the wrong type makes meaningless), and an empty agency gets one ``schema.minLength`` (not
    also ``schema.maxLength`` when it is a long run of spaces), as the loader says.

    Args:
        document: decoded JSON.
        edition: validate against this edition's schema (default: the document's own ``edition``).

    Yields:
        Findings of severity ``error``, each with one pointer.

    Raises:
        UnknownEditionError: ``edition`` is given and not registered.
    """
    name = _edition_of(document, edition)
    seen: set[tuple[str, str]] = set()
    # A member whose type is wrong, or an agency that is blank, gets that one finding: the generator puts "type"
    # first and "maxLength" after "minLength" and "pattern", so these come before the checks they make moot.
    settled: dict[str, str] = {}

    def fresh(errors: Iterator[ValidationError]) -> Iterator[Finding]:
        for error in errors:
            for finding in _findings(error, name):
                where = finding.pointers[0]
                key = (finding.rule, where)
                if key in seen or settled.get(where, finding.rule) != finding.rule:
                    continue
                seen.add(key)
                if finding.rule in ("schema.type", "schema.minLength"):
                    settled[where] = finding.rule
                yield finding

    try:
        yield from fresh(report_validator(name).iter_errors(document))
    except ValueError:  # an int too long for jsonschema's messages: start again with printable messages
        yield from fresh(_compiled("report", name, printable=True).iter_errors(document))
    for where in _unpaired_surrogates(document, name):
        if settled.get(where) != "schema.type":
            yield _error("schema.text", where, "text", "unpaired surrogate", name)


# --- the standard "basic" output format ---------------------------------------------------------------


def _locations(root: Mapping[str, Any], error: ValidationError) -> tuple[str, str]:
    """``keywordLocation`` (through ``$ref``) and the dereferenced pointer of the keyword in the schema."""
    keyword_location, absolute = "", ""
    node: Mapping[str, Any] = root

    def follow() -> None:
        nonlocal node, keyword_location, absolute
        while "$ref" in node and node is not error.schema:
            keyword_location += "/$ref"
            absolute = node["$ref"].removeprefix("#")
            node = resolve(root, absolute)

    for token in error.absolute_path:
        follow()
        step = "/properties/" + escape_pointer_token(str(token))
        keyword_location += step
        absolute += step
        node = node["properties"][token]
    follow()
    step = "/" + escape_pointer_token(str(error.validator))
    return keyword_location + step, absolute + step


def basic_output(document: object, *, edition: str | None = None) -> dict[str, Any]:
    """The standard JSON Schema output of ``document`` in the "basic" format (draft 2020-12, §12.4.2).

    Unlike :func:`iter_errors` it reports exactly what JSON Schema says (no ``schema.text`` check), one unit per
    jsonschema error, for tools that expect the standard shape.

    Args:
        document: decoded JSON.
        edition: validate against this edition's schema (default: the document's own ``edition``).

    Returns:
        ``{"valid": true}``, or ``{"valid": false, "errors": [...]}`` whose units have ``keywordLocation`` (through
        ``$ref``), ``absoluteKeywordLocation`` (the schema's ``$id`` and the dereferenced keyword), an
        ``instanceLocation`` (a JSON Pointer) and the ``error`` message.

    Raises:
        UnknownEditionError: ``edition`` is given and not registered.
    """
    name = _edition_of(document, edition)
    validator = report_validator(name)
    root = validator.schema
    try:
        raw = list(validator.iter_errors(document))
    except ValueError:  # an int too long for jsonschema's messages
        raw = list(_compiled("report", name, printable=True).iter_errors(document))
    errors = []
    for error in raw:
        keyword_location, absolute = _locations(root, error)
        errors.append(
            {
                "keywordLocation": keyword_location,
                "absoluteKeywordLocation": f"{root['$id']}#{absolute}",
                "instanceLocation": _pointer(error.absolute_path),
                "error": error.message,
            }
        )
    if not errors:
        return {"valid": True}
    return {"valid": False, "errors": errors}
