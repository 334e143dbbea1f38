"""The schema and the model agree: property tests in both directions, and on broken documents.

- every document the schema accepts loads into the model (documents drawn from the shipped schema itself);
- every report the model can hold serialises to a schema-valid document (drawn with govreport.strategies);
- the schema rejects exactly what the loader rejects, with the same (rule, pointer) findings (single mutations of
  schema-valid documents).

The documents are drawn by a small interpreter of the schema (:func:`from_schema`), not by hypothesis-jsonschema,
whose current release does not run with this Hypothesis. It understands exactly the keywords the generator emits
and fails loudly on any other, so a change to the generator cannot make these tests silently weaker.
"""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport import schemas
from govreport import strategies as gs
from govreport.editions import get_edition
from govreport.serialization import dumps_json

from .conftest import refused_members

SCHEMA = schemas.schema("2021")
PLAIN = jsonschema.Draft202012Validator(SCHEMA)  # jsonschema's own validator, as an integrator would use it
EDITION = get_edition("2021")
_ANNOTATIONS = {"title", "description", "$schema", "$id", "$defs", "x-column-groups", "x-groups"}
_KNOWN = {"type", "properties", "required", "additionalProperties", "$ref", "const", "minimum", "maximum"}
_KNOWN |= {"minLength", "maxLength", "pattern"} | _ANNOTATIONS


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = SCHEMA
        for token in node["$ref"].removeprefix("#/").split("/"):
            target = target[token]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _integers(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    ints = st.integers(min_value=node.get("minimum"), max_value=node.get("maximum"))
    # JSON Schema (and the loader) read 3.0 and 3E+0 as the integer 3: draw those spellings too.
    return ints | ints.map(lambda n: Decimal(f"{n}.0")) | ints.map(lambda n: Decimal(n).scaleb(0))


def _numbers(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    low, high = node.get("minimum"), node.get("maximum")
    return st.integers(min_value=low, max_value=high) | st.decimals(
        min_value=low, max_value=high, allow_nan=False, allow_infinity=False
    )


def _strings(node: dict[str, Any]) -> st.SearchStrategy[str]:
    low, high = node.get("minLength", 0), node.get("maxLength")
    if "pattern" in node:
        # a string containing a match: the unanchored semantics of JSON Schema's pattern
        return st.from_regex(node["pattern"]).filter(lambda s: low <= len(s) <= (high or len(s)))
    return st.text(min_size=low, max_size=high)


def from_schema(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Documents valid against ``node``, a (sub)schema of the shipped report schema."""
    node = _resolve(node)
    if unknown := set(node) - _KNOWN:
        msg = f"the schema strategy does not know the keywords {sorted(unknown)}"
        raise NotImplementedError(msg)
    if "const" in node:
        return st.just(node["const"])
    types = node["type"] if isinstance(node["type"], list) else [node["type"]]
    options: list[st.SearchStrategy[Any]] = []
    for t in types:
        if t == "null":
            options.append(st.none())
        elif t == "integer":
            options.append(_integers(node))
        elif t == "number":
            options.append(_numbers(node))
        elif t == "string":
            options.append(_strings(node))
        elif t == "object":
            assert node["additionalProperties"] is False
            required = set(node.get("required", ()))
            props = {k: from_schema(v) for k, v in node["properties"].items()}
            options.append(
                st.fixed_dictionaries(
                    {k: s for k, s in props.items() if k in required},
                    optional={k: s for k, s in props.items() if k not in required},
                )
            )
        else:  # pragma: no cover - the generator emits no other type
            msg = f"unknown type {t!r}"
            raise NotImplementedError(msg)
    return st.one_of(options)


DOCUMENTS = from_schema(SCHEMA)

# Near misses first (negative, fractional, out-of-range and blank values), so every rule code is reached often.
NEAR_MISSES = st.sampled_from(
    [
        *(-1, Decimal("-0.5"), Decimal("2.5"), Decimal("3.0"), 99, 10000, "", " \u3000", "0"),
        # just past the limits of govreport.limits: the largest count and fee, and the longest agency
        *(10**15, Decimal("1E+15"), Decimal("999999999999999.5"), Decimal("-1E+999999999"), "长" * 201, " " * 201),
    ]
)
JSON_VALUES = st.recursive(
    NEAR_MISSES
    | st.none()
    | st.booleans()
    | st.integers(-5, 10**6)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _paths(doc: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            out.extend(_paths(value, (*path, key)))
    return out


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """A schema-valid document with one member replaced, deleted or joined by an unknown one."""
    doc = draw(DOCUMENTS)
    path = draw(st.sampled_from(_paths(doc)))
    how = draw(st.sampled_from(["replace", "delete", "add"]))
    out = copy.deepcopy(doc)
    if not path:
        return draw(JSON_VALUES) if how == "replace" else out
    node = out
    for token in path[:-1]:
        node = node[token]
    if how == "replace":
        node[path[-1]] = draw(JSON_VALUES)
    elif how == "delete":
        del node[path[-1]]
    elif isinstance(node[path[-1]], dict):
        node[path[-1]][draw(st.text(max_size=8).filter(lambda k: k not in node[path[-1]]))] = draw(JSON_VALUES)
    return out


def _loader_problems(text: str) -> set[tuple[str, str]]:
    try:
        govreport.loads(text)
    except govreport.ReportDecodeError as e:
        return {(p.rule, p.pointers[0]) for p in e.problems}
    return set()


# --- schema → model -----------------------------------------------------------------------------------


@given(DOCUMENTS)
def test_every_schema_valid_document_loads(doc: dict[str, Any]) -> None:
    """A document drawn from the schema is valid to jsonschema and to govreport, and loads with every number."""
    assert schemas.validate_document(doc) == []
    text = dumps_json(doc)
    assert PLAIN.is_valid(json.loads(text))
    report = govreport.loads(text)
    for ptr, value in govreport.rules_for("2021").read_cells(report).items():
        node: Any = doc
        for token in ptr.lstrip("/").split("/"):
            node = node[token]
        assert value == node
        cell = EDITION.cell(ptr)
        assert cell is not None
        assert value is None or type(value) is (Decimal if cell[1].kind == "amount" else int)
    assert report.agency == doc["agency"]
    assert report.year == doc["year"]


@given(mutated_documents())
def test_the_schema_rejects_what_the_loader_rejects(doc: Any) -> None:
    """After one mutation, the schema validator and the loader report the same (rule, pointer) problems."""
    schema_problems = {(f.rule, f.pointers[0]) for f in schemas.iter_errors(doc)}
    loader_problems = _loader_problems(dumps_json(doc))
    assert schema_problems == loader_problems


# --- model → schema -----------------------------------------------------------------------------------


@given(st.deferred(lambda: gs.reports(missing=True) | gs.reports()))
def test_every_valid_report_serialises_to_a_schema_valid_document(report: govreport.Report) -> None:
    """A report from govreport.strategies.reports() dumps to a document valid to govreport and to jsonschema."""
    text = govreport.dumps(report)
    assert schemas.validate_document(json.loads(text, parse_float=Decimal)) == []
    assert PLAIN.is_valid(json.loads(text))


@given(st.deferred(lambda: gs.arbitrary_reports()))  # noqa: PLW0108 - gs may be None at import
def test_anything_the_model_holds_serialises_to_a_document_the_schema_judges_like_the_rules(
    report: govreport.Report,
) -> None:
    """Any report the model holds is written as a document whose only schema problems are the loader's: negative
    cells, values past the limits, a too long agency (dumps refuses the last two; the writer behind it writes
    anything)."""
    from govreport.serialization import _write  # noqa: PLC0415 - white-box: the text dumps would refuse too

    doc = json.loads(_write(report, 2), parse_float=Decimal)
    negatives = {p for p, v in govreport.rules_for("2021").read_cells(report).items() if v is not None and v < 0}
    assert {(f.rule, f.pointers[0]) for f in schemas.iter_errors(doc)} == refused_members(report)
    rules = {f.pointers[0] for f in govreport.validate(report).findings if f.rule == "values.non_negative"}
    assert rules == negatives


def test_the_schema_strategy_knows_every_keyword_it_meets() -> None:
    """Drawing from a schema with a keyword the interpreter does not know fails instead of ignoring it."""
    with pytest.raises(NotImplementedError, match="oneOf"):
        from_schema({"type": "object", "oneOf": []})
    assert re.search(SCHEMA["properties"]["agency"]["pattern"], "县")
