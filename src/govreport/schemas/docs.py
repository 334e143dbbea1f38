"""Generate the reference pages of ``docs/reference/`` from the edition, the schema and the rule declarations.

``python -m govreport.schemas.docs [DIR] [--check]`` writes (or compares) the pages:

- ``schema.md``: the report document for integrators: every top-level member, the conventions, how to validate,
  the rule codes of schema findings and the results schema;
- ``table-2-proactive-disclosure.md``, ``table-3-requests.md``, ``table-4-review-and-litigation.md``: one page
  per table: for every cell its JSON Pointer, official label, type, unit and the rules that read it;
- ``rules.md``: the rule catalogue (id, severity, origin, clause, formula, messages, what each reads);
- ``upgrade-<source>-<target>.md``: the mapping of a declared upgrade between editions, cell by cell.

The default edition's pages are written to the directory itself, each other edition's to a subdirectory named
after it (``docs/reference/2019/``).

Which rules read a cell is not typed here: every rule declares the cells it reads, and the pages print those
declarations, the same ones the engine runs, rule packs included.

The pages are plain MyST Markdown (headings, tables, fenced code); a test fails when the committed pages differ
from this output.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from govreport._messages import MESSAGES
from govreport.editions import DEFAULT_EDITION, Edition, Upgrade, edition_names, get_edition, upgrades
from govreport.editions._spec import TableSpec, pointer
from govreport.editions._upgrade import Carry, Collapse, Lose
from govreport.pointers import resolve_ref
from govreport.rules import ClaimRule, EmptyRule, Rule, RuleSet, SubstanceRule, claim_sum, rules_for
from govreport.schemas import schema as _schema
from govreport.schemas._generate import generate_results

__all__ = [
    "all_pages",
    "main",
    "pages",
    "rules_reading",
    "sample_file",
    "table_page_name",
    "upgrade_page",
    "upgrade_page_name",
]

_RULE_CODES = (
    ("schema.type", "type", "a member of the wrong JSON type"),
    ("schema.required", "required", "a member is missing (a missing cell is null, never absent)"),
    ("schema.additionalProperties", "additionalProperties", "a member the format does not have"),
    ("schema.const", "const", "the edition member is not this edition"),
    ("schema.minLength", "minLength, pattern", "the agency is empty or whitespace only"),
    ("schema.maxLength", "maxLength", "the agency is longer than the limit"),
    ("schema.range", "minimum, maximum (year); maximum (cells)", "the year, a count or the fee is out of range"),
    ("values.non_negative", "minimum (cells)", "a negative count or fee"),
    ("schema.text", "(none: outside JSON Schema)", "text with an unpaired surrogate"),
    ("json.duplicate_key", "(none: outside JSON Schema)", "a member name twice in one object"),
)


def table_page_name(table: TableSpec) -> str:
    """The file name of a table's page: ``table-3-requests.md``.

    Args:
        table: a table of an edition.

    Returns:
        ``table-<section>-<key with dashes>.md``.
    """
    return f"table-{table.section}-{table.key.replace('_', '-')}.md"


# --- which rules read what: their declarations say ------------------------------------------------------

Reading = dict[str, tuple[str, ...]]


def rules_reading(edition_name: str = DEFAULT_EDITION, *, previous_year: bool = False) -> Reading:
    """For every JSON Pointer that some rule reads, the ids of those rules in catalogue order.

    Read from the rules' declarations (:attr:`govreport.rules.Rule.reads`), the same ones the engine runs.

    Args:
        edition_name: the edition.
        previous_year: report what the rules read in the previous year's report instead.

    Returns:
        ``{pointer: (rule id, …)}``.
    """
    out: dict[str, list[str]] = {}
    for rule in rules_for(edition_name):
        for ptr in rule.reads_previous if previous_year else rule.reads:
            out.setdefault(ptr, []).append(rule.id)
    return {ptr: tuple(ids) for ptr, ids in out.items()}


# --- Markdown -----------------------------------------------------------------------------------------


def _cell_text(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out.extend("| " + " | ".join(_cell_text(c) for c in row) + " |" for row in rows)
    out.append("")
    return out


def _code(text: str) -> str:
    return f"`{text}`" if text else '`""` (the whole document)'


def _rule_links(ids: Iterable[str]) -> str:
    return ", ".join(f"[`{i}`](rules.md#{_anchor(i)})" for i in ids) or "—"


def _anchor(rule_id: str) -> str:
    # MyST's heading anchors (myst_heading_anchors) lower-case the text and drop characters other than letters,
    # digits, "-" and "_".
    return "".join(ch for ch in rule_id.lower() if ch.isalnum() or ch in "-_")


def _type_of(node: Mapping[str, Any]) -> str:
    if "const" in node:
        return f"the string `{node['const']}`"
    types = node.get("type", "object")
    names = [types] if isinstance(types, str) else list(types)
    if "minimum" in node and "maximum" in node:
        names[0] = f"{names[0]} {node['minimum']}–{node['maximum']}"
    elif "minimum" in node:
        names[0] = f"{names[0]} ≥ {node['minimum']}"
    if "minLength" in node:
        names[0] = f"non-empty {names[0]}"
    if "maxLength" in node:
        names[0] = f"{names[0]} of at most {node['maxLength']} characters"
    return " or ".join(names)


def _cell_schema(root: Mapping[str, Any], path: Sequence[str]) -> Mapping[str, Any]:
    node: Mapping[str, Any] = root
    for token in path:
        node = resolve_ref(root, node)["properties"][token]
    return node


def _header(edition: Edition) -> list[str]:
    return [
        (
            f"<!-- Generated by `python -m govreport.schemas.docs` from the {edition.name} edition declaration, "
            "the JSON Schema and the rule declarations. Do not edit by hand. -->"
        ),
        "",
    ]


def _field_rows(edition: Edition, root: Mapping[str, Any], reading: Mapping[str, Sequence[str]]) -> list[list[object]]:
    rows: list[list[object]] = []
    props = root["properties"]
    required = set(root["required"])
    for key, node in props.items():
        table = next((t for t in edition.tables if t.key == key), None)
        if table is not None:
            name = table_page_name(table).removesuffix(".md")
            kind = f"object: [table {table.section}]({name}.md)"
        else:
            kind = _type_of(node)
        rows.append(
            [
                _code(pointer((key,))),
                node["title"],
                kind,
                "yes" if key in required else "no",
                _rule_links(reading.get(pointer((key,)), ())),
            ]
        )
    return rows


def _source_rows(root: Mapping[str, Any]) -> list[list[object]]:
    source = root["properties"].get("source")
    if not source:
        return []
    return [
        [_code(pointer(("source", key))), node["title"], _type_of(node), node["description"]]
        for key, node in source["properties"].items()
    ]


def sample_file(edition: str) -> str:
    """The name of the sample document the pages' examples read (the docs tests put it next to them)."""
    return "example-2023.json" if edition == DEFAULT_EDITION else f"example-{edition}.json"


def _edition_suffix(edition: Edition) -> str:
    return "" if edition.name == DEFAULT_EDITION else f" ({edition.name} edition)"


def _directory(name: str) -> str:
    """Where the pages of edition ``name`` live, relative to the reference directory (``""`` or ``"2019/"``)."""
    return "" if name == DEFAULT_EDITION else f"{name}/"


def _edition_links(edition: Edition) -> list[str]:
    """A paragraph that points to the other editions' schema pages and to the upgrades from and to this one."""
    up = "" if edition.name == DEFAULT_EDITION else "../"
    others = [f"[{name}]({up}{_directory(name)}schema.md)" for name in edition_names() if name != edition.name]
    moves = [
        f"[{u.source} → {u.target}]({up}{upgrade_page_name(u)})"
        for u in upgrades()
        if edition.name in (u.source, u.target)
    ]
    parts = []
    if others:
        parts.append("Other editions: " + ", ".join(others) + ".")
    if moves:
        parts.append("Upgrades between editions, cell by cell: " + ", ".join(moves) + ".")
    return [" ".join(parts), ""] if parts else []


def _cell_conventions(edition: Edition) -> list[str]:
    """The conventions of the edition's cells: counts, signed counts and amounts, with their units."""
    cells = [(line, c) for t in edition.tables for line, c in t.cells()]
    out = []
    units = "、".join(dict.fromkeys(c.unit for _, c in cells if c.kind == "count"))
    if units:
        out.append(
            f"- **Counts** are JSON integers ≥ 0, in {units}. A number with a zero fractional part (`3.0`, `3E+0`) "
            "is an integer, as JSON Schema defines it."
        )
    signed = list(dict.fromkeys(c.label for _, c in cells if c.kind == "signed_count"))
    if signed:
        out.append(f"- **Signed counts** ({', '.join(signed)}) are JSON integers that may be negative.")
    out.extend(
        f"- **{line.label} {c.label}** is a JSON number ≥ 0 in {c.unit}, with the digits as published: read it as a "
        "decimal (Java `BigDecimal`, C# `decimal`, Python `decimal.Decimal`), never through a binary float."
        for line, c in cells
        if c.kind == "amount"
    )
    return out


def _schema_page(edition: Edition, reading: Mapping[str, Sequence[str]]) -> str:
    root = _schema(edition.name)
    results = generate_results()
    file = f"report-{edition.name}.schema.json"
    sample = sample_file(edition.name)
    lines = [
        *_header(edition),
        f"# JSON Schema of report documents ({edition.name} edition)",
        "",
        (
            f"A report of the {edition.name} edition of the national format ({edition.notice}) is exchanged as one "
            f"JSON document. Its JSON Schema (draft 2020-12) is generated from the edition declaration and ships with "
            f"govreport as `govreport/schemas/{file}`:"
        ),
        "",
        f"- `$id`: `{root['$id']}`",
        f"- `$schema`: `{root['$schema']}`",
        f'- `govreport schema --edition {edition.name}` prints it; `govreport.schema("{edition.name}")` returns it.',
        "",
        "Every property's `title` is its official Chinese label, verbatim, and its `description` says in English "
        "what it holds. Each table has its own page: "
        + ", ".join(f"[{t.heading}]({table_page_name(t)})" for t in edition.tables)
        + "; the rules are in the [rule catalogue](rules.md).",
        "",
        *_edition_links(edition),
        "## Conventions",
        "",
        (
            "- **Closed objects.** Every object has `additionalProperties: false` and lists every member as required "
            "(except the optional top-level members below): an unknown key is an error with its pointer, never ignored."
        ),
        *_cell_conventions(edition),
        (
            "- **Missing cells are `null`**: the published report left the cell blank or printed `/`, `-`, `—`. A "
            "missing cell is never 0, and never absent: every row object has all its cells."
        ),
        "- **Pointers** are RFC 6901 JSON Pointers: `/requests/outcomes/total/natural_persons`.",
        "- **Prose** is kept exactly as published, paragraphs separated by `\\n`.",
        "",
        "## Top-level members",
        "",
        *_table(["pointer", "label", "type", "required", "rules that read it"], _field_rows(edition, root, reading)),
    ]
    source_rows = _source_rows(root)
    if source_rows:
        lines += [
            "### `source`",
            "",
            "Optional metadata about where the report was found; each member is optional and may be null.",
            "",
            *_table(["pointer", "label", "type", "description"], source_rows),
        ]
    lines += [
        "## Validating a document",
        "",
        "Any draft 2020-12 validator can use the schema. In Python, jsonschema's own validator:",
        "",
        "```python",
        "import json",
        "",
        "import jsonschema",
        "",
        "import govreport",
        "",
        f'with open("{sample}", encoding="utf-8") as f:',
        "    document = json.load(f)",
        f'jsonschema.Draft202012Validator(govreport.schema("{edition.name}")).validate(document)',
        "```",
        "",
        (
            "`govreport.schemas` validates with the same schema and reports every problem at once as findings, with "
            "the rule codes and pointers that `govreport.loads` uses. Decode with exact decimals:"
        ),
        "",
        "```pycon",
        ">>> from decimal import Decimal",
        ">>> from govreport import schemas",
        f'>>> with open("{sample}", encoding="utf-8") as f:',
        "...     document = json.load(f, parse_float=Decimal)",
        ">>> schemas.is_valid(document)",
        "True",
        '>>> document["requests"]["received"]["total"] = -1',
        '>>> document["year"] = "2023"',
        ">>> for finding in schemas.validate_document(document):",
        "...     print(finding.rule, finding.pointers[0])",
        "schema.type /year",
        "values.non_negative /requests/received/total",
        '>>> schemas.basic_output(document)["errors"][0]["instanceLocation"]',
        "'/year'",
        "```",
        "",
        (
            '`schemas.basic_output(document)` gives the standard "basic" output format of JSON Schema '
            "(`valid`, and `errors` with `keywordLocation`, `absoluteKeywordLocation`, `instanceLocation`, `error`)."
        ),
        "",
        "### Rule codes of schema findings",
        "",
        (
            "A finding names the member itself: a missing or unknown member's own pointer, not its object's. A member "
            "of the wrong type gets `schema.type` only."
        ),
        "",
        *_table(["rule", "JSON Schema keyword", "meaning"], [[f"`{r}`", k, m] for r, k, m in _RULE_CODES]),
        "### Where JSON Schema and the loader differ",
        "",
        (
            "- **Unpaired surrogates** (a `\\ud800` escape in a string): JSON Schema cannot reject them, so other "
            "validators accept the document; `govreport.loads` and `govreport.schemas.validate_document` report "
            "`schema.text`."
        ),
        (
            "- **Whitespace**: the agency must contain a character that is not whitespace. The schema spells out the "
            "whitespace characters instead of using `\\S`, whose meaning differs between Python and ECMA-262 regular "
            "expressions, so validators in every language agree with the loader."
        ),
        (
            '- **Duplicate member names** (`"total": 73, "total": 999`): most JSON parsers keep the last one, '
            "so a validator never sees the first; `govreport.loads` refuses the document with `json.duplicate_key` "
            "at the repeated member's pointer."
        ),
        "",
        (
            "The limits (sizes, digits, lengths) are listed with the finding each gives in "
            f"[Limits]({'' if edition.name == DEFAULT_EDITION else '../'}limits.md)."
        ),
        "",
        (
            "The repository's `conformance/` directory holds valid and invalid documents with the errors each must "
            "produce, for testing an implementation in any language."
        ),
        "",
        "## Validation results",
        "",
        (
            f"`govreport validate --json` prints one object per file; its schema (`$id` `{results['$id']}`) is printed "
            "by `govreport schema --kind results` and describes `ValidationResult.to_dict()` too (without `file`)."
        ),
        "",
        *_table(
            ["member", "type", "description"],
            [
                [f"`{k}`", _type_of(v) if "items" not in v else "array of findings", v.get("description", "")]
                for k, v in results["properties"].items()
            ],
        ),
        "A finding:",
        "",
        *_table(
            ["member", "type", "required", "description"],
            [
                [
                    f"`{k}`",
                    ("array of JSON Pointers" if "items" in v else _type_of(v))
                    + (f" (one of {', '.join(f'`{e}`' for e in v['enum'])})" if "enum" in v else ""),
                    "yes" if k in results["$defs"]["Finding"]["required"] else "no",
                    v.get("description", ""),
                ]
                for k, v in results["$defs"]["Finding"]["properties"].items()
            ],
        ),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _previous_links(ids: Sequence[str]) -> str:
    return f"; as last year's value: {_rule_links(ids)}" if ids else ""


def _table_example(edition: Edition, table: TableSpec) -> list[str]:
    """A JSON example of the table's member: the bundled example report's, or zeros for another edition."""
    import json  # noqa: PLC0415 - only the pages need it
    from decimal import Decimal  # noqa: PLC0415

    from govreport import example_document  # noqa: PLC0415
    from govreport.serialization import dumps_json  # noqa: PLC0415

    example = json.loads(example_document(), parse_float=Decimal)
    if example.get("edition") == edition.name:
        value = example[table.key]
        where = "the bundled example report (`govreport.example_document()`)"
    else:
        value = {}
        for line, column in table.cells():
            node = value
            for token in line.path[1:]:
                node = node.setdefault(token, {})
            node[column.key] = 0
        where = "a report with every cell 0"
    return [
        "## JSON example",
        "",
        f"The member `{pointer((table.key,))}` as it appears in {where}:",
        "",
        "```json",
        dumps_json({table.key: value}),
        "```",
        "",
    ]


def _table_page(edition: Edition, table: TableSpec, reading: Mapping[str, Sequence[str]]) -> str:
    root = _schema(edition.name)
    previous = rules_reading(edition.name, previous_year=True)
    lines = [
        *_header(edition),
        f"# {table.heading}{_edition_suffix(edition)}",
        "",
        (
            f"Section {table.section} of the report, {table.name_en}: the member `{pointer((table.key,))}` of the "
            f"[report document](schema.md), {sum(1 for _ in table.cells())} cells. Labels are verbatim from "
            f"{edition.notice}."
        ),
        "",
    ]
    if table.groups:
        lines += [
            "## Groups",
            "",
            "Labelled groups of rows that hold no values of their own:",
            "",
            *_table(
                ["pointer", "label", "English"],
                [
                    [_code(g.pointer) if len(g.path) > 1 else "(a header over the rows below it)", g.label, g.name_en]
                    for g in table.groups
                ],
            ),
        ]
    for block in table.blocks:
        if block.title:
            lines += [f"## {block.title}", ""]
        elif len(table.blocks) == 1:
            lines += ["## Rows", ""]
        lines += _table(
            ["row", "label", "English"],
            [[_code(line.pointer), line.label, line.name_en] for line in block.lines],
        )
        columns = {c.key: c for line in block.lines for c in line.columns}
        lines += [
            "Columns:",
            "",
            *_table(
                ["key", "label", "English", "type", "unit"],
                [
                    [
                        f"`{c.key}`",
                        c.label,
                        c.name_en,
                        _type_of(_cell_schema(root, (*block.lines[0].path, c.key))),
                        c.unit,
                    ]
                    for c in columns.values()
                ],
            ),
            "Cells:",
            "",
            *_table(
                ["pointer", "row", "column", "type", "unit", "rules that read it"],
                [
                    [
                        _code(line.cell_pointer(c)),
                        line.label,
                        c.label,
                        _type_of(_cell_schema(root, (*line.path, c.key))),
                        c.unit,
                        _rule_links(reading.get(line.cell_pointer(c), ()))
                        + _previous_links(previous.get(line.cell_pointer(c), ())),
                    ]
                    for line in block.lines
                    for c in line.columns
                ],
            ),
        ]
    lines += _table_example(edition, table)
    return "\n".join(lines).rstrip("\n") + "\n"


def _reads(rule: Rule, reading: Mapping[str, Sequence[str]], edition: Edition) -> str:
    this_year = _pointers_read(rule, reading, edition)
    last_year = _pointers_read(rule, rules_reading(edition.name, previous_year=True), edition)
    if last_year != "—":
        return f"{this_year}; in the previous year's report: {last_year}"
    return this_year


def _pointers_read(rule: Rule, reading: Mapping[str, Sequence[str]], edition: Edition) -> str:
    ptrs = [p for p, ids in reading.items() if rule.id in ids]
    cells = [p for p in edition.cell_pointers() if p in ptrs]
    others = sorted(p for p in ptrs if edition.cell(p) is None)
    parts = []
    total = sum(1 for _ in edition.cell_pointers())
    if len(cells) == total:
        parts.append(f"every cell ({total})")
    elif len(cells) > 8:
        per_table = []
        for t in edition.tables:
            n = sum(1 for line, c in t.cells() if line.cell_pointer(c) in cells)
            if n:
                per_table.append(f"{n} cells of [table {t.section}]({table_page_name(t)})")
        parts.append(", ".join(per_table))
    else:
        parts.extend(f"`{p}`" for p in cells)
    parts.extend(f"`{p}`" for p in others)
    return ", ".join(parts) or "—"


def _inline_code(text: str) -> str:
    """``text`` as inline code in a Markdown table cell (pipes escaped, backticks doubled around backticks)."""
    body = text.replace("|", "\\|")
    return f"`` {body} ``" if "`" in body else f"`{body}`"


def _claim_rows(rule: Rule, edition: Edition) -> list[list[str]]:
    """For a prose rule, one row per claim (its pattern, what it is compared with, its guards and an example),
    or what a section or table rule looks at."""
    spec = rule.spec
    if isinstance(spec, SubstanceRule):
        rows = [[f"section: `{e.section}`", f"expects {e.expects} ({e.expects_en})"] for e in spec.sections]
        return [*rows, ["formula pattern", _inline_code(spec.formula)]]
    if isinstance(spec, EmptyRule):
        groups = sorted({c.group for t in edition.tables for _, c in t.cells() if c.group})
        return [["parts", ", ".join(spec.parts) + (f" (column groups: {', '.join(groups)})" if groups else "")]]
    if not isinstance(spec, ClaimRule):
        return []
    rows = []
    if spec.other_period or spec.year_pattern:
        skips = [_inline_code(p) for p in (spec.other_period, spec.year_pattern) if p]
        text = " or ".join(skips) + " (a year other than the report's)"
        if spec.continuation:
            text += f"; a sentence starting with {_inline_code(spec.continuation)} is read with the one before"
        rows.append(["says nothing in a sentence matching", text])
    for claim in spec.claims:
        if claim.quantity:
            compared = f"every other statement of `{claim.quantity}` (no cell holds it)"
        else:
            compared = " or ".join(f"`{claim_sum(alternative, edition)}`" for alternative in claim.equals)
        guards = [
            f"{what} {_inline_code(pattern)}"
            for what, pattern in (
                ("unless the excerpt has", claim.exclude),
                ("only after", claim.context),
                ("not after", claim.not_after),
            )
            if pattern
        ]
        text = f"{_inline_code(claim.pattern)} = {compared}"
        if guards:
            text += "; " + "; ".join(guards)
        if claim.examples:
            text += "; e.g. " + ", ".join(f"“{e}”" for e in claim.examples)
        rows.append([f"claim: {claim.name_en or 'a number'}", text])
    return rows


def _rules_page(edition: Edition, reading: Mapping[str, Sequence[str]]) -> str:
    ruleset = rules_for(edition.name)
    lines = [
        *_header(edition),
        f"# Rule catalogue ({edition.name} edition)",
        "",
        (
            "The 勾稽 relations and other checks of the format, generated from the rule declarations "
            "(`govreport rules --json` prints the same catalogue). A failing finding carries the rule's severity; a "
            'rule that needs a missing cell reports `not_assessable` with severity `info` instead. "Reads" is '
            "what each rule declares it reads, the declaration the engine runs."
        ),
        "",
        *_table(
            ["id", "severity", "origin", "formula"],
            [[f"[`{r.id}`](#{_anchor(r.id)})", r.severity.value, r.origin, r.formula] for r in ruleset],
        ),
    ]
    for rule in ruleset:
        lines += [
            f"## {rule.id}",
            "",
            *_table(
                ["", ""],
                [
                    ["severity", rule.severity.value],
                    ["kind", rule.kind],
                    ["origin", rule.origin],
                    ["clause", rule.clause],
                    ["clause (English)", rule.clause_en],
                    ["formula", f"`{rule.formula}`"],
                    ["needs the previous year's report", "yes" if rule.needs_previous else "no"],
                    ["equations", str(len(rule.equations)) if rule.equations else "—"],
                    ["reads", _reads(rule, reading, edition)],
                    *_claim_rows(rule, edition),
                    ["message (zh)", rule.messages.zh],
                    ["message (en)", rule.messages.en],
                ],
            ),
        ]
    return "\n".join([*lines, *_diagnosis_section(edition, ruleset)]).rstrip("\n") + "\n"


def _diagnosis_section(edition: Edition, ruleset: RuleSet) -> list[str]:
    """What the diagnosis reads of the catalogue, and the codes of its findings with their messages."""
    equations = [r for r in ruleset if r.kind == "equation"]
    up = "../" * (1 + _directory(edition.name).count("/"))
    return [
        "## Diagnosis",
        "",
        (
            f"`govreport.diagnose` (`validate --diagnose`) reads the {sum(len(r.equations) for r in equations)} "
            f"equations of the {len(equations)} equation rules above ({', '.join(f'`{r.id}`' for r in equations)}; "
            "those that need the previous year's report only when it is given) and names the smallest corrections "
            "that make every failing one hold. An equation is named `rule id[index]`, the index counting the rule's "
            f"equations from 0 in the order of its formula. See [diagnosis]({up}explanation/diagnosis.md)."
        ),
        "",
        *_table(
            ["code", "message (zh)", "message (en)"],
            [[f"`{code}`", *MESSAGES[code]] for code in sorted(MESSAGES) if code.startswith("diagnosis.")],
        ),
    ]


def pages(edition: str = DEFAULT_EDITION) -> dict[str, str]:
    """Every reference page of ``edition``: file name → Markdown text.

    Args:
        edition: the name of a registered edition.

    Returns:
        ``schema.md``, ``rules.md`` and one ``table-*.md`` per table, sorted by name.

    Raises:
        UnknownEditionError: no edition of that name is registered.
    """
    ed = get_edition(edition)
    reading = rules_reading(ed.name)
    out = {"schema.md": _schema_page(ed, reading), "rules.md": _rules_page(ed, reading)}
    for table in ed.tables:
        out[table_page_name(table)] = _table_page(ed, table, reading)
    return dict(sorted(out.items()))


def upgrade_page_name(upgrade: Upgrade) -> str:
    """The file name of an upgrade's page: ``upgrade-2019-2021.md``."""
    return f"upgrade-{upgrade.source}-{upgrade.target}.md"


def _upgrade_rows(upgrade: Upgrade) -> list[list[object]]:
    old, new = get_edition(upgrade.source), get_edition(upgrade.target)
    rows: list[list[object]] = []
    for e in upgrade.entries:
        if isinstance(e, Carry):
            why = (e.note.en, e.note.zh) if e.note else ("the same cell", "同一单元格")
            rows.append(
                [_code(e.source), old.describe(e.source), _code(e.target), new.describe(e.target), "carried", *why]
            )
        elif isinstance(e, Lose):
            rows.append(
                [_code(e.source), old.describe(e.source), "—", "—", "lost (`upgrade.lost`)", e.reason.en, e.reason.zh]
            )
        elif isinstance(e, Collapse):
            zeros = ", ".join(_code(z) for z in e.zeros)
            what = f"carried; {zeros} set to 0 (`upgrade.assumed`)"
            rows.append(
                [
                    _code(e.source),
                    old.describe(e.source),
                    _code(e.target),
                    new.describe(e.target),
                    what,
                    e.reason.en,
                    e.reason.zh,
                ]
            )
        else:
            what = "null (`upgrade.unsourced`)"
            rows.append(["—", "—", _code(e.target), new.describe(e.target), what, e.reason.en, e.reason.zh])
    return rows


def upgrade_page(upgrade: Upgrade) -> str:
    """The page of a declared upgrade: what it does, and every cell of both editions, where it goes or comes from.

    Args:
        upgrade: a registered upgrade.

    Returns:
        The Markdown text.
    """
    old, new = get_edition(upgrade.source), get_edition(upgrade.target)
    kinds = Counter(type(e).__name__ for e in upgrade.entries)
    zeros = sum(len(e.zeros) for e in upgrade.entries if isinstance(e, Collapse))
    lines = [
        (
            f"<!-- Generated by `python -m govreport.schemas.docs` from the upgrade declaration {upgrade.source} → "
            f"{upgrade.target}. Do not edit by hand. -->"
        ),
        "",
        f"# Upgrading a {upgrade.source} report to the {upgrade.target} edition",
        "",
        (
            f"`govreport.upgrade(report)` and `govreport upgrade FILE` turn a document of the {old.name} edition "
            f"({old.notice}) into one of the {new.name} edition ({new.notice}) by the declaration below, the one "
            "they run. They return the upgraded report and the *losses*: one finding per cell that is not simply "
            "carried, so that nothing is guessed silently."
        ),
        "",
        f"{upgrade.summary.en[:1].upper()}{upgrade.summary.en[1:]}.",
        "",
        f"{upgrade.summary.zh}。",
        "",
        *_table(
            ["what happens", "cells", "finding"],
            [
                ["carried: the value is copied", kinds["Carry"] + kinds["Collapse"], "—"],
                [f"lost: a {old.name} cell with no {new.name} counterpart", kinds["Lose"], "`upgrade.lost`"],
                [
                    f"unsourced: a {new.name} cell that {old.name} does not count, `null`",
                    kinds["NoSource"],
                    "`upgrade.unsourced`",
                ],
                ["set to 0 by the collapsed-row convention", zeros, "`upgrade.assumed`"],
            ],
        ),
        (
            f"Every data cell of the {old.name} edition ({sum(1 for _ in old.cell_pointers())}) lands in exactly one "
            f"cell of the {new.name} edition or is lost; every cell of the {new.name} edition "
            f"({sum(1 for _ in new.cell_pointers())}) has one source, is set to 0 by the convention, or is `null`. "
            "The findings of the table 三 and 四 rules are the same before and after."
        ),
        "",
        "## Mapping",
        "",
        *_table(
            [
                f"{old.name} cell",
                f"{old.name} label",
                f"{new.name} cell",
                f"{new.name} label",
                "what happens",
                "why",
                "原因",
            ],
            _upgrade_rows(upgrade),
        ),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def all_pages() -> dict[str, str]:
    """Every reference page of every registered edition and upgrade: path relative to the reference directory →
    Markdown text (the default edition's pages at the top, the others under their edition's name)."""
    out: dict[str, str] = {}
    for name in edition_names():
        out.update({_directory(name) + page: text for page, text in pages(name).items()})
    for upgrade in upgrades():
        out[upgrade_page_name(upgrade)] = upgrade_page(upgrade)
    return dict(sorted(out.items()))


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the reference pages.

    Args:
        argv: the arguments (default: ``sys.argv[1:]``): ``[DIRECTORY] [--edition E] [--check]``; without
            ``--edition``, the pages of every edition and upgrade.

    Returns:
        0, or 1 when ``--check`` finds a page that differs.
    """
    parser = argparse.ArgumentParser(prog="python -m govreport.schemas.docs", description=__doc__.split("\n")[0])
    parser.add_argument("directory", nargs="?", default="docs/reference", help="default: docs/reference")
    parser.add_argument("--edition", help="only this edition's pages, into DIRECTORY itself (default: every page)")
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when a page differs")
    args = parser.parse_args(argv)
    directory = Path(args.directory)
    stale = []
    for name, text in (pages(args.edition) if args.edition else all_pages()).items():
        path = directory / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for name in stale:
        sys.stdout.write(f"{directory / name}: {'differs' if args.check else 'written'}\n")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
