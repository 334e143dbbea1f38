"""The edition declared once: the model, the declaration and the official layout agree."""

from __future__ import annotations

import attrs
import pytest

import govreport
from govreport.editions import e2021, edition_names, get_edition


def _model_pointers(cls: type, prefix: str = "") -> list[str]:
    out: list[str] = []
    attrs.resolve_types(cls)  # the generated modules postpone annotations
    for field in attrs.fields(cls):
        if attrs.has(field.type):
            out.extend(_model_pointers(field.type, f"{prefix}/{field.name}"))
        else:
            out.append(f"{prefix}/{field.name}")
    return out


def test_edition_has_two_hundred_cells() -> None:
    """The 2021 edition has 10 + 175 + 15 = 200 data cells."""
    edition = get_edition("2021")
    counts = [sum(1 for _ in t.cells()) for t in edition.tables]
    assert counts == [10, 175, 15]
    assert len(list(edition.cell_pointers())) == 200
    assert len(e2021.REQUEST_LINES) == 25
    assert len(e2021.OUTCOME_LINES) == 21


@pytest.mark.parametrize("name", edition_names())
def test_model_and_declaration_agree(name: str) -> None:
    """Every cell of the attrs model is declared in the edition, in the same order, and vice versa."""
    edition = get_edition(name)
    tables = {t.key for t in edition.tables}
    model = [p for p in _model_pointers(edition.report_type) if p.split("/")[1] in tables]
    assert model == list(edition.cell_pointers())


def _grid_shape(grid: tuple[tuple[govreport.editions.GridCell, ...], ...], width: int) -> list[list[str | None]]:
    """Lay the merged cells on a full grid, as a browser would, and return what each slot holds."""
    slots: list[list[str | None]] = []
    taken: dict[tuple[int, int], str | None] = {}
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[(r + dr, c + dc)] = cell.pointer or cell.text
            c += cell.colspan
    slots.extend([taken.get((r, c), "<hole>") for c in range(width)] for r in range(len(grid)))
    return slots


@pytest.mark.parametrize("name", edition_names())
@pytest.mark.parametrize("key", ["proactive_disclosure", "requests", "review_and_litigation"])
def test_official_grid_is_rectangular(name: str, key: str) -> None:
    """Each table's merged-cell layout fills a full rectangle: no holes and no overlaps."""
    table = get_edition(name).table(key)
    shape = _grid_shape(table.grid, table.width)
    assert all(len(row) == table.width for row in shape)
    assert not any("<hole>" in row for row in shape)
    pointers = [p for row in table.grid for cell in row if (p := cell.pointer)]
    assert pointers == [line.cell_pointer(c) for line, c in table.cells()]


def test_requests_layout_matches_the_template() -> None:
    """三、本年度办理结果 spans 22 rows; （三）不予公开 spans 8; the corner note spans 3×3."""
    grid = get_edition("2021").table("requests").grid
    spans = {cell.text: (cell.rowspan, cell.colspan) for row in grid for cell in row if cell.text}
    assert spans[e2021.REQUESTS_NOTE] == (3, 3)
    assert spans["三、本年度办理结果"] == (22, 1)
    assert spans["（三）不予公开"] == (8, 1)
    assert spans["（四）无法提供"] == (3, 1)
    assert spans["（五）不予处理"] == (5, 1)
    assert spans["（六）其他处理"] == (3, 1)
    assert spans["一、本年新收政府信息公开申请数量"] == (1, 3)
    assert spans["（七）总计"] == (1, 2)
    assert spans["法人或其他组织"] == (1, 5)


def test_labels_are_verbatim() -> None:
    """A few labels, checked against format-2021.md character for character."""
    edition = get_edition("2021")
    assert edition.describe("/requests/outcomes/withheld/security_and_stability") == "3.危及“三安全一稳定”"
    assert edition.describe("/proactive_disclosure/fees/amount_10k_yuan") == "行政事业性收费 本年收费金额（单位：万元）"
    assert edition.describe("/requests/outcomes/partially_granted") == (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    assert edition.describe("/no/such/pointer") == "/no/such/pointer"


def test_unknown_edition() -> None:
    """Asking for an edition that is not registered raises UnknownEditionError, a LookupError."""
    with pytest.raises(govreport.UnknownEditionError) as info:
        get_edition("1999")
    assert isinstance(info.value, LookupError)
    assert "2021" in str(info.value)


def test_register_refuses_duplicates() -> None:
    """The registry does not silently replace an edition."""
    with pytest.raises(ValueError, match="registered already"):
        govreport.register_edition(get_edition("2021"))
