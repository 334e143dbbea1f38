"""Generate the JSON Schemas (draft 2020-12) from the edition declaration and the finding shape.

Nothing here spells a label or a key: every property, its ``title`` (the verbatim official label) and its English
``description`` come from :mod:`govreport.editions`; the ``$defs`` are named after the model classes that hold
them, so code generators in other languages produce the same type names as the Python model.

The generated schema uses only the keywords ``type``, ``properties``, ``required``, ``additionalProperties``,
``$ref``, ``const``, ``enum``, ``minimum``, ``maximum``, ``minLength``, ``maxLength``, ``pattern``, ``items`` and
``format``, no
combinators, so every error a validator reports is a leaf error at the member it is about. ``type`` comes first
in every subschema: :mod:`govreport.schemas._validate` relies on it to let a type error win over the range checks
of the same member.
"""

from __future__ import annotations

import json
import sys
import typing
from collections.abc import Iterator
from typing import Any

from govreport.editions import DEFAULT_EDITION, Edition, get_edition
from govreport.editions._spec import Column, FieldSpec, Line, TableSpec
from govreport.errors import GovReportError
from govreport.limits import MAX_AGENCY_CHARS, MAX_AMOUNT, MAX_COUNT, MAX_YEAR, MIN_YEAR

__all__ = [
    "DRAFT",
    "RESULTS_ID",
    "YEAR_RANGE",
    "agency_pattern",
    "generate",
    "generate_results",
    "report_id",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: The statistics year is a four-digit year, as the model and the loader require (:mod:`govreport.limits`).
YEAR_RANGE = (MIN_YEAR, MAX_YEAR)
RESULTS_ID = "urn:govreport:schema:results"

_MISSING = "null when the published report left the cell blank or printed '/', '-' or '—' (missing, never 0)"


def report_id(edition: str) -> str:
    """The ``$id`` of the report schema of ``edition``.

    A URN, not a web address: the schema is published with the package and the repository, and its identity
    must not depend on a host name.

    Args:
        edition: the edition's name.

    Returns:
        ``urn:govreport:schema:report-<edition>``.
    """
    return f"urn:govreport:schema:report-{edition}"


def agency_pattern() -> str:
    """A pattern matching any string with at least one non-whitespace character.

    Python's ``\\S`` (used by jsonschema and by the loader's ``str.strip()``) and ECMA-262's ``\\S`` (the dialect
    of JSON Schema patterns, used by validators in Java and JavaScript) disagree on U+001C–U+001F, U+0085 and
    U+FEFF. Spelling out Python's whitespace characters makes every validator agree with the loader.

    Returns:
        A character class that excludes exactly the characters for which :meth:`str.isspace` is true.
    """
    spaces = [c for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    ranges: list[tuple[int, int]] = []
    for c in spaces:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))

    def esc(c: int) -> str:
        return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"

    parts = [esc(a) if a == b else f"{esc(a)}{esc(b)}" if b == a + 1 else f"{esc(a)}-{esc(b)}" for a, b in ranges]
    return "[^" + "".join(parts) + "]"


def cell_groups(edition: Edition, table: TableSpec) -> dict[str, tuple[str, ...]]:
    """The headers of the official layout that stand above each value cell of ``table``, outermost first.

    Read from the table's grid: every ``colgroup`` header narrower than the table (申请人情况 over the applicant
    columns, 法人或其他组织 over five of them, 行政诉讼 over two rows of table 四 laid out side by side).

    Returns:
        A mapping from the JSON Pointer of each value cell to its spanning headers (empty when there are none).
    """
    taken: set[tuple[int, int]] = set()
    spans: list[tuple[int, int, str]] = []  # (first column, last column, header text), top to bottom
    found: dict[str, tuple[str, ...]] = {}
    for r, row in enumerate(table.grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            first, last = c, c + cell.colspan - 1
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            if cell.scope == "colgroup" and cell.text and cell.colspan < table.width:
                spans.append((first, last, cell.text))
            if cell.pointer and edition.cell(cell.pointer) is not None:
                found[cell.pointer] = tuple(text for low, high, text in spans if low <= first and last <= high)
            c = last + 1
    return found


def _common(groups: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The headers every one of ``groups`` has, in order."""
    return tuple(g for g in groups[0] if all(g in other for other in groups[1:])) if groups else ()


def column_groups(edition: Edition, table: TableSpec) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The spanning headers of each column of ``table`` and, beyond those, of each of its lines.

    A header over a column in every line of the table (申请人情况, 法人或其他组织) belongs to the column; a header
    over all the cells of one line that is not the line's own label (行政诉讼 over 未经复议直接起诉) to the line.

    Returns:
        ``(by column key, by line pointer)``; columns and lines under no such header are left out.
    """
    cells = cell_groups(edition, table)
    per_column: dict[str, list[tuple[str, ...]]] = {}
    for line, column in table.cells():
        per_column.setdefault(column.key, []).append(cells.get(line.cell_pointer(column), ()))
    columns = {key: common for key, groups in per_column.items() if (common := _common(groups))}
    lines = {}
    for line in table.lines:
        own = _common([cells.get(line.cell_pointer(c), ()) for c in line.columns])
        rest = tuple(g for g in own if g != line.label and not any(g in columns.get(c.key, ()) for c in line.columns))
        if rest:
            lines[line.pointer] = rest
    return columns, lines


def _cell(column: Column, groups: tuple[str, ...] = ()) -> dict[str, Any]:
    if groups:
        # the headers that span the column in the official layout, outermost first (an annotation only)
        return _cell(column) | {"x-column-groups": list(groups)}
    if column.kind == "amount":
        return {
            "type": ["number", "null"],
            "minimum": 0,
            "maximum": MAX_AMOUNT,
            "title": column.label,
            "description": f"{column.name_en}: an amount in {column.unit}, an exact decimal from 0 to {MAX_AMOUNT} "
            f"(read it as a decimal, never through a binary float); {_MISSING}",
        }
    if column.kind == "signed_count":
        return {
            "type": ["integer", "null"],
            "minimum": -MAX_COUNT,
            "maximum": MAX_COUNT,
            "title": column.label,
            "description": f"{column.name_en}: a whole number of {column.unit}, which may be negative, from "
            f"-{MAX_COUNT} to {MAX_COUNT}; {_MISSING}",
        }
    return {
        "type": ["integer", "null"],
        "minimum": 0,
        "maximum": MAX_COUNT,
        "title": column.label,
        "description": f"{column.name_en}: a whole number of {column.unit}, from 0 to {MAX_COUNT}; {_MISSING}",
    }


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _model_class(report_type: type, path: tuple[str, ...]) -> type:
    """The model class that holds the object at ``path`` (``("requests", "outcomes")`` → ``Outcomes``)."""
    cls = report_type
    for token in path:
        cls = _hints(cls)[token]
    return cls


def _ref(name: str) -> str:
    return f"#/$defs/{name}"


def _object(name: str, properties: dict[str, Any], description: str) -> dict[str, Any]:
    # An ASCII title, the model class's name, so that code generators name the type after it (RequestRow …);
    # the official label stays the title of each property that refers to the definition.
    return {
        "type": "object",
        "title": name,
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


class _Builder:
    """Walks one edition and fills ``defs`` with one definition per model class."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.defs: dict[str, Any] = {}

    def row(self, line: Line, columns: dict[str, tuple[str, ...]], lines: dict[str, tuple[str, ...]]) -> dict[str, Any]:
        name = _model_class(self.edition.report_type, line.path).__name__
        if name not in self.defs:
            self.defs[name] = _object(
                name,
                {c.key: _cell(c, columns.get(c.key, ())) for c in line.columns},
                f"A data row: {', '.join(c.name_en for c in line.columns)}.",
            )
        prop: dict[str, Any] = {
            "$ref": _ref(name),
            "title": line.label,
            "description": f"{line.name_en} (row {line.pointer})",
        }
        if groups := lines.get(line.pointer):
            prop["x-groups"] = list(groups)  # the headers above the row's cells besides its own label
        return prop

    def table(self, table: TableSpec) -> dict[str, Any]:
        groups = {g.path: g for g in table.groups if len(g.path) > 1}
        columns, spanned_lines = column_groups(self.edition, table)
        tree: dict[str, Any] = {}
        lines_at: dict[tuple[str, ...], Line] = {}
        for line in table.lines:
            node = tree
            for token in line.path[1:-1]:
                node = node.setdefault(token, {})
            node[line.key] = None
            lines_at[line.path] = line

        def build(path: tuple[str, ...], node: dict[str, Any], title: str, name_en: str) -> dict[str, Any]:
            props: dict[str, Any] = {}
            for key, child in node.items():
                child_path = (*path, key)
                if child is None:
                    props[key] = self.row(lines_at[child_path], columns, spanned_lines)
                else:
                    group = groups[child_path]
                    props[key] = build(child_path, child, group.label, group.name_en)
            name = _model_class(self.edition.report_type, path).__name__
            self.defs[name] = _object(name, props, f"{name_en[:1].upper()}{name_en[1:]}.")
            return {"$ref": _ref(name), "title": title, "description": f"{name_en} ({'/' + '/'.join(path)})"}

        prop = build((table.key,), tree, table.heading, table.name_en)
        prop["description"] = f"Section {table.section}: {table.name_en}."
        return prop

    def field(self, f: FieldSpec) -> dict[str, Any]:
        nullable = not f.required
        if f.kind == "edition":
            # const alone (no "type"): any other value, of any type, is one schema.const error, as the loader says.
            return {
                "const": self.edition.name,
                "title": f.label,
                "description": f"{f.name_en}: always the string {json.dumps(self.edition.name)} "
                f"({self.edition.notice})",
            }
        if f.kind == "year":
            low, high = YEAR_RANGE
            return {
                "type": "integer",
                "minimum": low,
                "maximum": high,
                "title": f.label,
                "description": f"{f.name_en}: the year the statistics cover, {low}–{high}",
            }
        if f.kind == "object":
            members = f.fields
            if not members:
                msg = f"edition {self.edition.name!r} declares no members for its object field {f.key!r}"
                raise GovReportError(msg)
            props = {m.key: self.field(m) for m in members}
            return {
                "type": ["object", "null"] if nullable else "object",
                "title": f.label,
                "description": f"{f.name_en}: optional metadata about where the report was found; unknown members "
                "are an error",
                "properties": props,
                "additionalProperties": False,
            }
        # Text. The loader (like the model) accepts null for every optional string, so the schema does too.
        out: dict[str, Any] = {"type": ["string", "null"] if nullable else "string"}
        if f.required and f.kind == "text":
            # maxLength last: a blank agency is one schema.minLength (see _validate), however long it is
            out |= {"minLength": 1, "pattern": agency_pattern(), "maxLength": MAX_AGENCY_CHARS}
        what = "prose as published, paragraphs separated by \\n" if f.kind == "prose" else "text as published"
        section = f"section {f.section}: " if f.section is not None else ""
        qualifier = (
            f"a non-empty string of at most {MAX_AGENCY_CHARS} characters"
            if "minLength" in out
            else "optional"
            if nullable
            else "a string"
        )
        return out | {"title": f.label, "description": f"{section}{f.name_en}, {what} ({qualifier})"}

    def members(self) -> Iterator[tuple[str, dict[str, Any], bool]]:
        """Top-level members in document order: fields, with each table placed before the next section."""
        tables = list(self.edition.tables)
        for f in self.edition.fields:
            while tables and f.section is not None and tables[0].section < f.section:
                t = tables.pop(0)
                yield t.key, self.table(t), True
            yield f.key, self.field(f), f.required
        for t in tables:
            yield t.key, self.table(t), True


def generate(edition: str = DEFAULT_EDITION) -> dict[str, Any]:
    """Generate the JSON Schema (draft 2020-12) of report documents of ``edition`` from its declaration.

    Args:
        edition: the name of a registered edition.

    Returns:
        The schema as a JSON-ready dict; :func:`govreport.schemas.schema` returns the shipped copy, which a test
        keeps identical to this.

    Raises:
        UnknownEditionError: no edition of that name is registered.
        GovReportError: the edition declares something the generator cannot express.
    """
    ed = get_edition(edition)
    builder = _Builder(ed)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for key, prop, is_required in builder.members():
        properties[key] = prop
        if is_required:
            required.append(key)
    return {
        "$schema": DRAFT,
        "$id": report_id(ed.name),
        "title": ed.title_en,
        "description": f"A report document of the {ed.name} edition of the national format ({ed.notice}), "
        "as read and written by govreport. Keys are fixed; unknown members are an error. Counts are integers ≥ 0 "
        "and the fee a decimal ≥ 0; null marks a cell the published report left blank. Each property's title is "
        "its official Chinese label.",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }


def _pointer_list(description: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "format": "json-pointer"},
        "description": description,
    }


def generate_results() -> dict[str, Any]:
    """Generate the JSON Schema of validation results: one line of ``govreport validate --json``.

    The same object, without ``file``, is :meth:`govreport.ValidationResult.to_dict`; a finding is
    :meth:`govreport.Finding.to_dict`.

    Returns:
        The schema as a JSON-ready dict (shipped as ``results.schema.json``).
    """
    value = {"type": ["number", "string", "null"]}
    location = {
        key: {"type": "integer", "minimum": 0, "description": description}
        for key, description in (
            ("line", "text sources: the line, 1-based"),
            ("column", "text sources: the column, 1-based"),
            ("page", "PDF sources: the page, 1-based"),
            ("table", "HTML sources: the index of the <table>, 0-based"),
            ("row", "HTML sources: the index of the <tr>, 0-based"),
            ("cell", "HTML sources: the index of the cell, 0-based"),
        )
    }
    finding = {
        "type": "object",
        "description": "One finding: a broken rule, a cell that could not be assessed, a document or parse problem.",
        "properties": {
            "rule": {
                "type": "string",
                "minLength": 1,
                "description": "the rule id (requests.balance …) or a document/parse code (schema.type …)",
            },
            "severity": {"type": "string", "enum": ["error", "warning", "info"]},
            "status": {"type": "string", "enum": ["fail", "not_assessable"]},
            "pointers": _pointer_list("JSON Pointers of every cell involved, the checked (published) cell first"),
            "expected": value | {"description": "the computed value, or what was expected"},
            "actual": value | {"description": "the published value, or what was found"},
            "difference": {"type": ["number", "null"], "description": "actual − expected, for arithmetic rules"},
            "message": {"type": "string", "description": "human text built from the other fields"},
            "previous_pointers": _pointer_list("cross-year rules: pointers into the previous year's report"),
            "missing": _pointer_list(
                "not_assessable findings: the pointers of the missing cells; findings resting on blank_as_zero: "
                "the blank cells taken as 0"
            ),
            "assumptions": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "description": "the assumptions the finding rests on, which the report does not state "
                "(blank_as_zero: blank cells were taken as 0); absent when it rests on the published values alone",
            },
            "excerpt": {"type": "string", "description": "the quoted source or prose the finding is about"},
            "location": {
                "type": "object",
                "description": "where in a published source a parse finding comes from; for a prose claim, where its "
                "excerpt starts in the prose section of the first pointer (line and column, 1-based, in characters)",
                "properties": location,
                "additionalProperties": False,
            },
            "detail": {
                "type": "object",
                "description": "named values the message is built from, as text; diagnosis.* findings put here "
                "their corrections, the equations they explain (explains), how many equally small explanations "
                "there are (explanations) and whether this one is the only one (unique)",
                "additionalProperties": {"type": "string"},
            },
        },
        "required": ["rule", "severity", "status", "pointers", "expected", "actual", "difference", "message"],
        "additionalProperties": False,
    }
    return {
        "$schema": DRAFT,
        "$id": RESULTS_ID,
        "title": "govreport validation result",
        "description": "What `govreport validate --json` and `govreport parse --json` print for each file (one JSON "
        "object per line), and ValidationResult.to_dict() (without `file`). A report is valid when no finding has "
        "severity error.",
        "type": "object",
        "properties": {
            "file": {"type": "string", "description": "the file the result is about (command line only)"},
            "valid": {"type": "boolean", "description": "true when no finding has severity error"},
            "output": {
                "type": "string",
                "description": "govreport parse --out: the report document written for this input (absent when "
                "none was: the input is not a report)",
            },
            "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
        },
        "required": ["valid", "findings"],
        "additionalProperties": False,
        "$defs": {"Finding": finding},
    }
