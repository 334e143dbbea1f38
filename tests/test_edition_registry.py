"""A new edition joins the registry, the loader and the rule engine without touching the core."""

from __future__ import annotations

import json
from typing import Any, Literal

import attrs
import pytest

import govreport
from govreport import editions, rules
from govreport.editions import Block, Column, Edition, FieldSpec, GridCell, Line, TableSpec
from govreport.findings import register_message

PATH = ("table",)
COLUMNS = (
    Column(key="a", label="甲", name_en="a"),
    Column(key="b", label="乙", name_en="b"),
    Column(key="total", label="合计", name_en="total"),
)
LINE = Line(path=(*PATH, "row"), label="一行", name_en="the row", columns=COLUMNS)


@attrs.frozen(kw_only=True)
class ToyRow:
    """A row of the toy edition."""

    a: int | None
    b: int | None
    total: int | None


@attrs.frozen(kw_only=True)
class ToyTable:
    """The toy edition's only table."""

    row: ToyRow


@attrs.frozen(kw_only=True)
class ToyReport:
    """A report of the toy edition."""

    edition: Literal["toy"] = "toy"
    agency: str
    year: int
    table: ToyTable


TOY = Edition(
    name="toy",
    notice="none",
    title_en="a toy edition for tests",
    fields=(FieldSpec(key="agency", label="机关名称", name_en="agency", kind="text", required=True),),
    tables=(
        TableSpec(
            key="table",
            section=2,
            heading="二、表",
            name_en="the table",
            blocks=(Block(title=None, lines=(LINE,)),),
            groups=(),
            grid=((GridCell(text=LINE.label), *(GridCell(pointer=LINE.cell_pointer(c)) for c in COLUMNS)),),
            width=4,
        ),
    ),
    report_type=ToyReport,
)
TOTAL_RULE = rules.Rule(
    id="toy.total",
    severity=govreport.Severity.ERROR,
    origin="derived",
    clause="合计为甲乙之和",
    clause_en="total is a + b",
    formula="total = a + b",
    check=rules.check_equations,
    equations=(
        rules.Equation(actual=(LINE.cell_pointer("total"),), expected=(LINE.cell_pointer("a"), LINE.cell_pointer("b"))),
    ),
)


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the toy edition and its rules for one test."""
    monkeypatch.setitem(editions._REGISTRY, "toy", TOY)
    monkeypatch.setitem(rules._RULE_SETS, "toy", rules.RuleSet("toy", [TOTAL_RULE], list(TOY.cell_pointers())))
    register_message(
        "toy.total", zh="{row}：合计应为 {expected}，实为 {actual}", en="{row}: total should be {expected}, is {actual}"
    )


def _doc(**row: Any) -> str:
    return json.dumps({"edition": "toy", "agency": "某机关", "year": 2030, "table": {"row": row}})


@pytest.mark.usefixtures("toy")
def test_new_edition_loads_and_validates() -> None:
    """A document naming the toy edition loads into its class and is checked by its rules, with its labels."""
    report: Any = govreport.loads(_doc(a=1, b=2, total=4))
    assert isinstance(report, ToyReport)
    result = govreport.validate(report)
    (finding,) = result.findings
    assert (finding.rule, finding.expected, finding.actual) == ("toy.total", 3, 4)
    assert finding.message == "一行：合计应为 3，实为 4"
    assert finding.message_in("en") == "the row: total should be 3, is 4"


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


def test_unregistered_edition_is_refused() -> None:
    """Without registration the toy document is not a report: its edition member is named."""
    with pytest.raises(govreport.ReportDecodeError) as info:
        govreport.loads(_doc(a=1, b=2, total=3))
    assert ("schema.const", ("/edition",)) in [(p.rule, p.pointers) for p in info.value.problems]
