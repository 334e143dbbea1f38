"""A new edition, declared in this test module alone, joins every part of govreport without touching ``src/``."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import govreport
from govreport import editions, rules, schemas, strategies
from govreport.editions import Block, Column, Edition, FieldSpec, GridCell, Line, TableSpec
from govreport.findings import Status

PATH = ("table",)
COLUMNS = (
    Column(key="a", label="甲", name_en="a"),
    Column(key="b", label="乙", name_en="b"),
    Column(key="total", label="合计", name_en="total"),
)
LINE = Line(path=(*PATH, "row"), label="一行", name_en="the row", columns=COLUMNS, row_type="ToyRow")
TOTAL_RULE = rules.EquationRule(
    id="toy.total",
    severity=govreport.Severity.ERROR,
    origin="derived",
    clause="合计为甲乙之和",
    clause_en="total is a + b",
    equations=[
        rules.Equation(actual=(LINE.cell_pointer("total"),), expected=(LINE.cell_pointer("a"), LINE.cell_pointer("b")))
    ],
    messages=rules.Messages(
        zh="{row}：合计应为 {expected}，实为 {actual}", en="{row}: total should be {expected}, is {actual}"
    ),
)
TOY = Edition(
    name="toy",
    notice="none",
    title_en="a toy edition for tests",
    fields=(
        FieldSpec(key="edition", label="版本", name_en="edition", kind="edition", required=True),
        FieldSpec(key="agency", label="机关名称", name_en="agency", kind="text", required=True),
        FieldSpec(key="year", label="年度", name_en="year", kind="year", required=True),
        FieldSpec(key="overview", label="一、概况", name_en="overview", kind="prose", required=True, section=1),
    ),
    tables=(
        TableSpec(
            key="table",
            section=2,
            heading="二、表",
            name_en="the table",
            blocks=(Block(title=None, lines=(LINE,)),),
            groups=(),
            grid=(
                (GridCell(text="项目", header=True), *(GridCell(text=c.label, header=True) for c in COLUMNS)),
                (GridCell(text=LINE.label, header=True), *(GridCell(pointer=LINE.cell_pointer(c)) for c in COLUMNS)),
            ),
            width=4,
            type_name="ToyTable",
        ),
    ),
    rules=(TOTAL_RULE,),
)


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the toy edition for one test."""
    monkeypatch.setitem(editions._REGISTRY, "toy", TOY)


def _doc(**row: Any) -> str:
    return json.dumps({"edition": "toy", "agency": "某机关", "year": 2030, "overview": "概况。", "table": {"row": row}})


@pytest.mark.usefixtures("toy")
def test_new_edition_gets_a_typed_model() -> None:
    """The model classes are derived from the declaration: attrs classes with the declared keys, frozen."""
    report: Any = govreport.loads(_doc(a=1, b=2, total=3))
    cls = TOY.report_type
    assert isinstance(report, cls)
    assert [f.name for f in attrs.fields(cls)] == ["edition", "agency", "year", "overview", "table"]
    assert type(report.table.row).__name__ == "ToyRow"
    assert report.table.row.total == 3
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.table.row.a = 5


@pytest.mark.usefixtures("toy")
def test_new_edition_loads_dumps_and_validates() -> None:
    """A toy document round-trips through JSON and is checked by its rules, with its labels."""
    text = _doc(a=1, b=2, total=4)
    report: Any = govreport.loads(text)
    assert json.loads(govreport.dumps(report)) == json.loads(text)
    result = govreport.validate(report)
    (finding,) = result.findings
    assert (finding.rule, finding.expected, finding.actual) == ("toy.total", 3, 4)
    assert finding.message == "一行：合计应为 3，实为 4"
    assert finding.message_in("en") == "the row: total should be 3, is 4"
    assert govreport.rules_for("toy").get("toy.total").formula == "total = a + b"


@pytest.mark.usefixtures("toy")
def test_new_edition_documents_are_checked_strictly() -> None:
    """The toy edition's documents get the same strict loading: its edition name, counts, no unknown keys."""
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.loads(_doc(a=-1, b="2", total=3, extra=0))
    assert sorted((p.rule, p.pointers[0]) for p in info.value.problems) == [
        ("schema.additionalProperties", "/table/row/extra"),
        ("schema.type", "/table/row/b"),
        ("values.non_negative", "/table/row/a"),
    ]
    with pytest.raises(govreport.ReportDecodeError):
        govreport.loads(_doc(a=1, b=2, total=3), edition="2021")


@pytest.mark.usefixtures("toy")
@pytest.mark.parametrize("fmt", ["html", "markdown", "text", "csv"])
def test_new_edition_renders(fmt: str) -> None:
    """Every built-in text renderer draws the toy edition with its own labels and values."""
    report: Any = govreport.loads(_doc(a=1, b=2, total=3))
    out = govreport.render(report, fmt)
    assert isinstance(out, str)
    for label in ("甲", "乙", "合计", "一行"):
        assert label in out
    assert "3" in out


@pytest.mark.usefixtures("toy")
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_new_edition_renders_office_formats(fmt: str) -> None:
    """The office renderers draw the toy edition too."""
    report: Any = govreport.loads(_doc(a=1, b=2, total=3))
    out = govreport.render(report, fmt)
    assert isinstance(out, bytes)
    assert out[:2] == b"PK"


@pytest.mark.usefixtures("toy")
def test_new_edition_gets_a_schema() -> None:
    """The JSON Schema of the toy edition is generated from its declaration and validates its documents."""
    schema = schemas.schema("toy")
    assert schema["properties"]["table"]["$ref"].endswith("ToyTable")
    assert schemas.report_validator("toy").is_valid(json.loads(_doc(a=1, b=2, total=3)))


def test_unregistered_edition_is_refused() -> None:
    """Without registration the toy document is not a report: its edition member is named."""
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.loads(_doc(a=1, b=2, total=3))
    assert ("schema.const", ("/edition",)) in [(p.rule, p.pointers) for p in info.value.problems]


@pytest.mark.usefixtures("toy")
def test_rule_pack_adds_a_rule_and_select_ignore_choose() -> None:
    """A rule pack adds a rule to an edition; select and ignore take ids and prefixes."""
    pack = rules.RulePack(
        name="toy-pack",
        edition="toy",
        rules=[
            rules.EquationRule(
                id="toy.pack.a_le_total",
                severity=govreport.Severity.WARNING,
                origin="derived",
                clause="甲等于合计",
                clause_en="a equals the total",
                equations=[rules.Equation(actual=(LINE.cell_pointer("a"),), expected=(LINE.cell_pointer("total"),))],
            )
        ],
    )
    rules.register_rules(pack)
    try:
        report: Any = govreport.loads(_doc(a=1, b=2, total=4))
        assert [f.rule for f in govreport.validate(report).findings] == ["toy.total", "toy.pack.a_le_total"]
        assert [f.rule for f in govreport.validate(report, select=["toy.pack"]).findings] == ["toy.pack.a_le_total"]
        assert [f.rule for f in govreport.validate(report, ignore=["toy.pack.*"]).findings] == ["toy.total"]
        assert govreport.rules_for("toy").get("toy.pack.a_le_total").pack == "toy-pack"
        with pytest.raises(rules.UnknownRuleError):
            govreport.validate(report, select=["nothing.here"])
    finally:
        rules.unregister_rules(pack)
    assert "toy.pack.a_le_total" not in govreport.rules_for("toy").ids


@pytest.mark.usefixtures("toy")
def test_new_edition_is_drawn_by_the_strategies() -> None:
    """strategies.reports(edition="toy") draws valid toy reports, and toy mutants fail exactly their findings."""

    @settings(max_examples=25)
    @given(strategies.reports(edition="toy"), strategies.mutants(edition="toy"))
    def check(report: Any, mutant: strategies.Mutant) -> None:
        assert isinstance(report, TOY.report_type)
        assert govreport.validate(report).findings == ()
        assert report.table.row.total == report.table.row.a + report.table.row.b
        assert mutant.failures
        assert {p for _, ptrs in mutant.failures for p in ptrs} <= {LINE.cell_pointer(c) for c in COLUMNS}
        result = govreport.validate(mutant.report)
        assert {(f.rule, f.pointers) for f in result.findings if f.status is Status.FAIL} == mutant.failures
        assert {f.rule for f in result.findings if f.status is Status.NOT_ASSESSABLE} == mutant.not_assessable

    check()


@pytest.mark.usefixtures("toy")
def test_new_edition_refuses_what_its_rules_cannot_catch() -> None:
    """The toy edition has no presence, claim, statement or continuity rule: mutants and pairs that need one are
    refused by name, and the kinds its equation catches are drawn."""
    with pytest.raises(strategies.StrategyArgumentError, match="blank_total"):
        strategies.mutants(edition="toy", kinds=["blank_total"])
    with pytest.raises(strategies.StrategyArgumentError, match="toy"):
        strategies.report_pairs(edition="toy", consistent=False)

    @settings(max_examples=10)
    @given(strategies.mutants(edition="toy", kinds=["split_cell", "swapped_cells"]), strategies.report_pairs("toy"))
    def check(mutant: strategies.Mutant, pair: strategies.ReportPair) -> None:
        assert mutant.kind in {"split_cell", "swapped_cells"}
        assert mutant.rules == {"toy.total"}
        assert pair.consistent
        assert pair.current.year == pair.previous.year + 1

    check()


@pytest.mark.usefixtures("toy")
def test_new_edition_is_documented_by_the_docs_generator() -> None:
    """The reference pages of the toy edition come from its declaration: its table with labels and pointers, and
    its rule catalogue with the cells each rule reads."""
    from govreport.schemas import docs  # noqa: PLC0415 - the docs generator loads jsonschema

    pages = docs.pages("toy")
    assert {"schema.md", "rules.md"} <= set(pages)
    (table_page,) = [name for name in pages if name.startswith("table-")]
    for label in ("甲", "乙", "合计", "一行"):
        assert label in pages[table_page]
    assert "`/table/row/total`" in pages[table_page]
    assert "## toy.total" in pages["rules.md"]
    assert "total = a + b" in pages["rules.md"]
