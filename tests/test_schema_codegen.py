"""Code generators name the shipped schema's types after the model classes (RequestRow, ReviewRow …), not NoName."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from govreport import schemas
from govreport.editions import edition_names, get_edition
from govreport.schemas._generate import column_groups

SCHEMAS = Path(schemas.__file__).parent


@pytest.mark.parametrize("edition", edition_names())
def test_every_definition_has_an_ascii_title_equal_to_its_name(edition: str) -> None:
    """Each ``$defs`` entry is titled with its own (ASCII) name; properties that refer to it keep the official label."""
    schema = schemas.schema(edition)
    for name, definition in schema["$defs"].items():
        assert definition["title"] == name
        assert name.isascii()
        assert name.isidentifier()
    requests = schema["properties"]["requests"]
    assert requests["$ref"] == "#/$defs/Requests"
    assert requests["title"] == get_edition(edition).table("requests").heading


@pytest.mark.parametrize("edition", edition_names())
def test_column_groups_are_annotations_in_the_schema(edition: str) -> None:
    """The applicant columns carry the headers that span them in the official layout, outermost first."""
    ed = get_edition(edition)
    table = ed.table("requests")
    columns, _ = column_groups(ed, table)
    legal = {c.group for c in table.lines[0].columns if c.group}
    assert len(legal) == 1  # the one 法人或其他组织 header of the format
    row = schemas.schema(edition)["$defs"]["RequestRow"]["properties"]
    for column in table.lines[0].columns:
        groups = row[column.key]["x-column-groups"]
        assert groups == list(columns[column.key])
        assert (column.group in groups) is (column.group is not None)
        assert len(groups) == (2 if column.group else 1)  # 申请人情况 spans every applicant column and the total


def test_litigation_rows_name_the_header_above_them() -> None:
    """Table 四's two litigation rows sit under one header of their own, which the schema keeps on the rows."""
    schema = schemas.schema()
    rows = schema["$defs"]["ReviewAndLitigation"]["properties"]
    assert "x-groups" not in rows["administrative_review"]
    assert rows["litigation_direct"]["x-groups"] == rows["litigation_after_review"]["x-groups"]
    assert len(rows["litigation_direct"]["x-groups"]) == 1


@pytest.mark.parametrize("edition", edition_names())
def test_datamodel_code_generator_names_the_classes(edition: str, tmp_path: Path) -> None:
    """datamodel-code-generator turns the shipped schema into named pydantic classes, one per model class."""
    pytest.importorskip("datamodel_code_generator")
    out = tmp_path / "model.py"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(SCHEMAS / f"report-{edition}.schema.json"),
            "--input-file-type",
            "jsonschema",
            "--output",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    classes = {node.name for node in ast.parse(out.read_text(encoding="utf-8")).body if isinstance(node, ast.ClassDef)}
    defs = set(json.loads((SCHEMAS / f"report-{edition}.schema.json").read_text(encoding="utf-8"))["$defs"])
    assert {"RequestRow", "ReviewRow", "Outcomes"} <= defs
    assert defs <= classes
    assert not any(name.startswith(("Model", "NoName")) for name in classes)


@pytest.mark.parametrize("edition", edition_names())
def test_codegen_schema_has_ascii_titles_and_bare_refs(edition: str) -> None:
    """``for_codegen`` keeps the labels as ``x-label``, leaves every ``$ref`` alone, and accepts the same documents."""
    import jsonschema  # noqa: PLC0415 - only this test needs it

    shipped = schemas.schema(edition)
    codegen = schemas.for_codegen(shipped)
    assert shipped == schemas.schema(edition)  # the argument is not changed
    titles, refs, labels = [], [], []
    stack: list[object] = [codegen]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "$ref" in node:
                refs.append(node)
            titles += [node["title"]] if isinstance(node.get("title"), str) else []
            labels += [node["x-label"]] if "x-label" in node else []
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert all(t.isascii() for t in titles)
    assert refs
    assert all(list(r) == ["$ref"] for r in refs)
    assert get_edition(edition).table("requests").lines[0].columns[0].label in labels
    validator = jsonschema.Draft202012Validator(codegen)
    document = json.loads((Path(__file__).parent.parent / "conformance" / "valid" / "all-zero.json").read_text("utf-8"))
    if document.get("edition") == edition:
        assert validator.is_valid(document)
        document["requests"]["received"]["total"] = -1
        assert not validator.is_valid(document)
