"""The Markdown front end: a PDF-to-Markdown conversion of a real report, and the shapes such conversions take."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport.cli import main
from govreport.editions import get_edition
from govreport.parsers import ParseResult, parse, sniff
from govreport.pointers import resolve

from .conftest import cells_of

FORMS = Path(__file__).parent / "fixtures" / "forms"
SAMPLE = FORMS / "shuyang-2025-converted.md"
EXPECTED = json.loads((FORMS / "shuyang-2025-converted.json").read_text(encoding="utf-8"), parse_float=Decimal)
EDITION = get_edition("2021")
REVIEW = [p for p in EDITION.cell_pointers() if p.startswith("/review_and_litigation/")]


def rules_of(result: ParseResult, rule: str) -> list[Any]:
    """The findings of ``result`` with rule id ``rule``."""
    return [f for f in result.findings if f.rule == rule]


def tally(result: ParseResult) -> tuple[int, int, int]:
    """Cells right, wrong and null against the sample's numbers."""
    right = wrong = null = 0
    for pointer, value in cells_of(result.report).items():
        if value is None:
            null += 1
        elif value == resolve(EXPECTED, pointer):
            right += 1
        else:
            wrong += 1
    return right, wrong, null


def variant(*replacements: tuple[str, str]) -> str:
    """The sample's Markdown with each ``(old, new)`` replaced (each must be in it)."""
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return text


def test_the_converted_sample_reads_every_number() -> None:
    """Every cell of the converted 沐阳 report is read and right, with its agency, year and title."""
    result = parse(SAMPLE)
    assert result.kind == "markdown"
    assert tally(result) == (len(cells_of(result.report)), 0, 0)
    assert result.report.agency == EXPECTED["agency"]
    assert result.report.year == EXPECTED["year"]
    assert result.report.title == EXPECTED["title"]
    assert not [f for f in result.findings if f.rule in ("parse.unplaced_value", "parse.duplicate_row")]
    # the prose as the agency wrote it: the byline and the signature are no prose
    transcribed = json.loads((FORMS.parent / "prose" / "shuyang-2025.json").read_text(encoding="utf-8"))
    assert result.report.preamble == transcribed["preamble"]
    assert result.report.other_matters == transcribed["other_matters"]
    assert "\n\n" not in result.report.overview
    assert "“看得懂、用得上、易监督”" in result.report.overview


def test_markdown_is_recognised_without_being_named() -> None:
    """Bytes with ``#`` headings or ``|---|`` rows sniff as Markdown; ``kind="markdown"`` reads a ``str``."""
    data = SAMPLE.read_bytes()
    assert sniff(data) == "markdown"
    assert sniff(b"| a | b |\n|---|---|\n| 1 | 2 |\n") == "markdown"
    assert sniff("一、总体情况\n行政许可 | 5\n".encode()) == "text"
    assert parse(data).kind == "markdown"
    assert parse(data.decode("utf-8"), kind="markdown").report == parse(SAMPLE).report


def test_the_cli_reads_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``govreport parse --from markdown`` reads a Markdown file whatever its name."""
    source = tmp_path / "report.txt"
    source.write_bytes(SAMPLE.read_bytes())
    main(["parse", "--from", "markdown", str(source)])
    document = json.loads(capsys.readouterr().out)
    assert document["agency"] == EXPECTED["agency"]
    assert document["review_and_litigation"] == EXPECTED["review_and_litigation"]


def test_source_locations_point_into_the_markdown() -> None:
    """The title is located after its ``#``; a row read with its caption's label is located at the row."""
    result = parse(SAMPLE)
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    title = result.source_map["/title"]
    assert (title.line, title.column) == (1, 3)
    granted = result.source_map["/requests/outcomes/granted"]
    assert lines[granted.line - 1].startswith("| 予以公开 |")
    assert granted.column == 3
    review = result.source_map["/review_and_litigation/litigation_after_review/total"]
    assert lines[review.line - 1].split("|")[-2].strip() == "10"


def test_labels_split_across_cells_and_lines() -> None:
    """Header words and row labels a converter split over cells or lines are still read, and nothing is wrong."""
    text = variant(
        (
            "| 商业企业 | 科研机构 | 社会公益 | 法律服务机构 | 其他 |",
            "| 商业企 | 科研机 | 社会公 | 法律服务 | 其他 |\n| 业 | 构 | 益 | 机构 | |",
        ),
        (
            "| 5. 要求行政机关确认或重新出具已获取信息 | 0 |",
            "| 5. 要求行政机关确认或重新出具已 | 0 |",
        ),
        ("| 0 | 0 | 0 | 0 | 0 | 0 |\n\n### (六)", "| 0 | 0 | 0 | 0 | 0 | 0 |\n| 获取信息 | | | | | | | |\n\n### (六)"),
        ("| 2. 重复申请 | 6 |", "| 2. 重复 | 申请 | 6 |"),
        ("| 7. 属于行政执法案卷 |", "| 7. 属于行政执法 案卷 |"),
    )
    result = parse(text, kind="markdown")
    _right, wrong, null = tally(result)
    assert (wrong, null) == (0, 0)


@pytest.mark.parametrize(
    "replacements",
    [
        # rows printed as loose lines between the pipe tables
        (
            ("| 2. 重复申请 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |\n", "2. 重复申请 6 1 0 0 0 0 7\n"),
            ("| 3. 其他 | 142 | 1 | 0 | 0 | 0 | 0 | 143 |\n", "\n3. 其他 142 1 0 0 0 0 143\n\n"),
        ),
        # emphasis and line breaks inside cells
        (
            ("| 行政许可 |", "| **行政许可** |"),
            ("| 1. 本机关不掌握相关政府信息 |", "| 1. 本机关不掌握<br>相关政府信息 |"),
        ),
    ],
)
def test_rows_as_loose_lines_and_inline_markup(replacements: tuple[tuple[str, str], ...]) -> None:
    """Rows outside the pipe tables, ``**`` and ``<br>`` inside cells: every number is still read and right."""
    assert tally(parse(variant(*replacements), kind="markdown"))[1:] == (0, 0)


def test_tables_without_separator_rows() -> None:
    """Pipe tables without their ``|---|`` rows: a first row of text cells is the header, and all is read."""
    text = re.sub(r"\n\|[-| ]+\|\n", "\n", SAMPLE.read_text(encoding="utf-8"))
    assert "|---|" not in text
    assert tally(parse(text, kind="markdown"))[1:] == (0, 0)


def plain_table(html: str) -> str:
    """A rendered ``<table>`` as converters write one: merged cells kept, no caption, class, id or headers."""
    html = re.sub(r"(?s)<caption>.*?</caption>", "", html)
    html = re.sub(r'\s(?:class|id|data-[\w-]+|headers|scope)="[^"]*"', "", html)
    return html.replace("<th", "<td").replace("</th>", "</td>")


def test_tables_written_as_html_inside_the_markdown(tmp_path: Path) -> None:
    """Converters write merged-cell tables as ``<table>`` markup inside the Markdown: they are read cell by cell,
    located at their line, and the file is still recognised as Markdown."""
    page = govreport.render(govreport.load(FORMS / "shuyang-2025-converted.json"), "html")
    requests, review = re.findall(r"(?s)<table\b.*?</table>", page)[1:]
    text = SAMPLE.read_text(encoding="utf-8")
    start, four, review_start, five = (
        text.index(s) for s in ("(本列数据的勾稽关系", "## 四、", "### 行政复议", "## 五、")
    )
    converted = (
        text[:start]
        + plain_table(requests)
        + "\n\n"
        + text[four:review_start]
        + plain_table(review)
        + "\n\n"
        + text[five:]
    )
    assert sniff(converted.encode()) == "markdown"
    result = parse(converted.encode())
    assert result.kind == "markdown"
    assert tally(result) == (len(cells_of(result.report)), 0, 0)
    where = result.source_map["/requests/received/natural_persons"]
    line = converted.splitlines()[where.line - 1]
    assert line[where.column - 1 :].startswith("<td>705<")
    assert (where.table, where.row, where.cell) == (0, 3, 1)
    assert result.source_map["/review_and_litigation/administrative_review/total"].table == 1
    assert "<td" not in result.report.overview + (result.report.problems_and_improvements or "")


def test_spaced_out_labels_are_read() -> None:
    """Labels and headings whose characters a text layer spaced out are matched."""
    text = variant(
        ("| 行政许可 |", "| 行 政 许 可 |"), ("## 二、主动公开政府信息情况", "## 二、主 动 公 开 政 府 信 息 情 况")
    )
    result = parse(text, kind="markdown")
    assert tally(result)[1:] == (0, 0)


def test_table_four_fragments_in_another_order() -> None:
    """The fragments of table 四 are placed by their captions, whatever order they come in."""
    text = SAMPLE.read_text(encoding="utf-8")
    direct, after, end = (text.index(s) for s in ("### 行政诉讼（未经", "### 行政诉讼（复议后", "## 五、"))
    swapped = text[:direct] + text[after:end].rstrip("\n") + "\n\n" + text[direct:after] + text[end:]
    assert tally(parse(swapped, kind="markdown")) == (len(cells_of(parse(SAMPLE).report)), 0, 0)


@pytest.mark.parametrize(
    "replacements",
    [
        # no captions: nothing names the fragments
        (("### 行政复议\n", ""), ("### 行政诉讼（未经复议直接起诉）\n", ""), ("### 行政诉讼（复议后起诉）\n", "")),
        # two captions name the same group
        (("### 行政诉讼（复议后起诉）", "### 行政诉讼（未经复议直接起诉）"),),
        # a fragment with a cell fewer than its group has
        (("| 3 | 0 | 0 | 0 | 3 |", "| 3 | 0 | 0 | 3 |"),),
    ],
)
def test_table_four_fragments_that_are_not_named_stay_null(replacements: tuple[tuple[str, str], ...]) -> None:
    """Fragments of table 四 that the captions do not place are null with findings, never guessed."""
    result = parse(variant(*replacements), kind="markdown")
    cells = cells_of(result.report)
    assert tally(result)[1] == 0
    assert any(cells[p] is None for p in REVIEW)
    missing = {p for f in rules_of(result, "cells.missing") for p in f.pointers}
    assert {p for p in REVIEW if cells[p] is None} <= missing
    # the values are reported: as values no cell takes, or as a row whose readings the relations leave open
    assert rules_of(result, "parse.unplaced_value") or rules_of(result, "parse.values_misfit")


def test_a_caption_that_repeats_the_row_label_is_no_second_row() -> None:
    """``### 一、本年新收…`` above a one-row table whose row repeats it is a caption, not a duplicate row."""
    result = parse(SAMPLE)
    assert not rules_of(result, "parse.duplicate_row")
    assert cells_of(result.report)["/requests/received/total"] == EXPECTED["requests"]["received"]["total"]


def test_markdown_escapes_and_setext_headings() -> None:
    """``1\\.`` reads as ``1.`` and a setext heading as its text."""
    text = variant(
        ("| 1. 属于国家秘密 |", "| 1\\. 属于国家秘密 |"),
        ("## 二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n---\n"),
    )
    result = parse(text, kind="markdown")
    assert tally(result)[1:] == (0, 0)
    assert result.source_map["/requests/outcomes/withheld/state_secret"].column == 3


def test_many_html_tables_are_refused_while_they_are_read() -> None:
    """Markdown with more table cells than a report could have is refused by the item limit, counted across the
    HTML tables as each is read."""
    from govreport.parsers import MAX_ITEMS  # noqa: PLC0415 - the limit under test

    row = "<table><tr><td>1</td><td>2</td></tr></table>\n"
    with pytest.raises(govreport.ParseError, match=str(MAX_ITEMS)):
        parse("# 标题\n" + row * (MAX_ITEMS // 3 + 1), kind="markdown")
