"""The JSON Schemas of govreport: report documents (one per edition) and validation results.

The schemas are generated from the edition declaration (:func:`generate`, :func:`generate_results`) and shipped
as package data (``report-2021.schema.json``, ``results.schema.json``); a test keeps the shipped files identical
to the generator's output. For integrators in other languages the schema *is* the contract.

Validation follows jsonschema's three entry points, with findings in govreport's shape and the loader's rule
codes (``schema.type``, ``schema.required``, ``schema.additionalProperties``, ``schema.const``,
``schema.minLength``, ``schema.range``, ``values.non_negative``):

- :func:`iter_errors`: every problem, lazily;
- :func:`validate_document`: the list of every problem (never only the first);
- :func:`is_valid`: a bool.

:func:`basic_output` gives the standard "basic" output format for tools that expect it.

Documents are decoded JSON, with non-integral numbers as :class:`~decimal.Decimal`
(``json.loads(text, parse_float=Decimal)``), as :func:`govreport.loads` reads them.

Where the schema and the loader cannot agree:

- Strings with an unpaired surrogate (``"\\ud800"`` escapes): JSON Schema has no way to reject them and
  other validators accept them; the loader rejects them (``schema.text``) and so does :func:`iter_errors`, as an
  extra check outside the schema. :func:`basic_output` does not.
- Binary floats (documents decoded without ``parse_float=Decimal``) are JSON numbers to the schema; the loader
  accepts only :class:`int` and :class:`~decimal.Decimal`.

>>> import json
>>> from decimal import Decimal
>>> import govreport
>>> from govreport import schemas
>>> doc = json.loads(govreport.example_document(), parse_float=Decimal)
>>> schemas.is_valid(doc)
True
>>> doc["requests"]["received"]["total"] = -1
>>> [(f.rule, f.pointers[0]) for f in schemas.validate_document(doc)]
[('values.non_negative', '/requests/received/total')]
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any, Literal

from govreport.editions import DEFAULT_EDITION, get_edition
from govreport.errors import GovReportError
from govreport.findings import Finding
from govreport.schemas._generate import generate, generate_results
from govreport.schemas._validate import basic_output, report_validator, results_validator
from govreport.schemas._validate import iter_errors as _iter_errors

__all__ = [
    "SchemaKind",
    "UnknownSchemaError",
    "basic_output",
    "file_name",
    "for_codegen",
    "generate",
    "generate_results",
    "is_valid",
    "iter_errors",
    "report_validator",
    "results_schema",
    "results_validator",
    "schema",
    "schema_text",
    "to_text",
    "validate_document",
]

SchemaKind = Literal["report", "results"]


class UnknownSchemaError(GovReportError, LookupError):
    """A schema kind that govreport does not publish (the kinds are ``report`` and ``results``)."""


def file_name(edition: str = DEFAULT_EDITION, kind: SchemaKind = "report") -> str:
    """The name of the shipped file of a schema: ``report-2021.schema.json`` or ``results.schema.json``.

    Raises:
        UnknownSchemaError: ``kind`` is neither ``report`` nor ``results``.
        UnknownEditionError: no edition of that name is registered.
    """
    if kind == "results":
        return "results.schema.json"
    if kind == "report":
        return f"report-{get_edition(edition).name}.schema.json"
    msg = f"unknown schema kind {kind!r}; the kinds are 'report' and 'results'"
    raise UnknownSchemaError(msg)


def to_text(document: dict[str, Any]) -> str:
    """A schema as the text of its shipped file: UTF-8 JSON, two-space indent, labels unescaped, final newline.

    Args:
        document: the schema.

    Returns:
        The text, ending in a newline.
    """
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@functools.cache
def _shipped_text(name: str) -> str | None:
    ref = resources.files(__name__).joinpath(name)
    return ref.read_text(encoding="utf-8") if ref.is_file() else None


def schema_text(edition: str = DEFAULT_EDITION, kind: SchemaKind = "report") -> str:
    """The text of the shipped schema file (what ``govreport schema`` prints), ending in a newline.

    An edition registered by a third party without a shipped file gets its schema generated from its
    declaration.

    Args:
        edition: the edition of report documents (ignored for ``kind="results"``).
        kind: ``"report"`` (report documents) or ``"results"`` (validation results).

    Returns:
        The schema file's text, ending in a newline.

    Raises:
        UnknownEditionError: no edition of that name is registered.
        UnknownSchemaError: unknown ``kind``.
    """
    text = _shipped_text(file_name(edition, kind))
    if text is not None:
        return text
    return to_text(generate_results() if kind == "results" else generate(edition))


@functools.cache
def _parsed(edition: str, kind: SchemaKind) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(edition, kind))
    return loaded


def schema(edition: str = DEFAULT_EDITION) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of report documents of ``edition``, as shipped.

    Returns a fresh copy each call, so callers may modify it.

    Raises:
        UnknownEditionError: no edition of that name is registered.

    >>> from govreport import schemas
    >>> s = schemas.schema("2021")
    >>> s["properties"]["requests"]["title"]
    '三、收到和处理政府信息公开申请情况'
    """
    return json.loads(json.dumps(_parsed(get_edition(edition).name, "report")))  # type: ignore[no-any-return]


def for_codegen(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of a report schema shaped for code generators that name types after ``title``.

    json-schema-to-typescript names a type after the ``title`` next to a ``$ref`` (the official Chinese label) and
    gives a type alias to every titled property, so the shipped schema gives ``NoName1`` … there. This copy moves
    every non-ASCII ``title`` to the annotation ``x-label`` and leaves each ``$ref`` alone in its object, so each
    type is named once, after its ``$defs`` entry (``RequestRow``). It accepts the same documents.

    Args:
        document: a report schema, such as :func:`schema`'s.

    Returns:
        The new schema; ``document`` is not changed.

    >>> from govreport import schemas
    >>> s = schemas.for_codegen(schemas.schema())
    >>> s["properties"]["requests"]
    {'$ref': '#/$defs/Requests'}
    >>> s["$defs"]["Requests"]["title"], s["$defs"]["RequestRow"]["properties"]["natural_persons"]["x-label"]
    ('Requests', '自然人')
    """

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            return {"$ref": node["$ref"]}
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "title" and isinstance(value, str) and not value.isascii():
                out["x-label"] = value
            elif key in ("properties", "$defs"):
                out[key] = {name: walk(sub) for name, sub in value.items()}
            else:
                out[key] = walk(value)
        return out

    return walk(document)  # type: ignore[no-any-return]


def results_schema() -> dict[str, Any]:
    """The JSON Schema of validation results (``govreport validate --json``, ``ValidationResult.to_dict()``).

    Returns:
        A fresh copy of the shipped ``results.schema.json``.
    """
    return json.loads(json.dumps(_parsed(DEFAULT_EDITION, "results")))  # type: ignore[no-any-return]


def iter_errors(document: object, *, edition: str | None = None) -> Iterator[Finding]:
    """Every schema problem of a decoded document, lazily, as findings (severity ``error``).

    Args:
        document: decoded JSON (non-integral numbers as :class:`~decimal.Decimal`).
        edition: validate against this edition's schema; by default the document's own ``edition`` member
            chooses (and an unknown one is reported against the default edition's ``const``).

    Yields:
        One finding per problem, with the loader's rule code and the JSON Pointer of the offending member.

    Raises:
        UnknownEditionError: ``edition`` is given and not registered.
    """
    return _iter_errors(document, edition=edition)


def validate_document(document: object, *, edition: str | None = None) -> list[Finding]:
    """Every schema problem of a decoded document (all at once, never only the first); empty when valid.

    Args:
        document: decoded JSON (non-integral numbers as :class:`~decimal.Decimal`).
        edition: validate against this edition's schema (default: the document's own ``edition``).

    Returns:
        The findings, as :func:`iter_errors` yields them.

    Raises:
        UnknownEditionError: ``edition`` is given and not registered.
    """
    return list(_iter_errors(document, edition=edition))


def is_valid(document: object, *, edition: str | None = None) -> bool:
    """Whether the decoded document has no schema problem; stops at the first one.

    Args:
        document: decoded JSON (non-integral numbers as :class:`~decimal.Decimal`).
        edition: validate against this edition's schema (default: the document's own ``edition``).

    Returns:
        True when :func:`iter_errors` would yield nothing.

    Raises:
        UnknownEditionError: ``edition`` is given and not registered.
    """
    return next(iter(_iter_errors(document, edition=edition)), None) is None
