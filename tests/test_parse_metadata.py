"""The agency, the year and the title, found wherever a report states them, each with where it was found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govreport.findings import Severity
from govreport.parsers import PLACEHOLDER_AGENCY, PLACEHOLDER_YEAR, Origin, ParseResult, parse

FORMS = Path(__file__).parent / "fixtures" / "forms"
BODY = "一、总体情况\n本年度工作概况。\n二、主动公开政府信息情况\n行政许可 5\n行政处罚 7\n"
END = "六、其他需要报告的事项\n无。\n"


def rules_of(result: ParseResult, rule: str) -> list[Any]:
    """The findings of ``result`` with rule id ``rule``."""
    return [f for f in result.findings if f.rule == rule]


def origin(result: ParseResult, pointer: str) -> tuple[object, str, str, int | None]:
    """``(value, source, confidence, line)`` of where ``pointer`` was found."""
    found = result.origins[pointer]
    assert isinstance(found, Origin)
    return found.value, found.source, found.confidence, found.location.line if found.location else None


@pytest.mark.parametrize(
    ("text", "agency", "year", "title"),
    [
        # a title over two lines, the agency after the year
        (
            "2024 年上海市科委政府信息公开工作\n年度报告\n" + BODY,
            "上海市科委",
            2024,
            "2024 年上海市科委政府信息公开工作年度报告",
        ),
        # a "#" title, a name and a year written with spaces
        (
            "# 沐阳县 人民政府 2025 年 政府信息公开工作年度报告\n" + BODY,
            "沐阳县人民政府",
            2025,
            "沐阳县 人民政府 2025 年 政府信息公开工作年度报告",
        ),
        # the agency on the line above the title
        ("某某县交通运输局\n2024年政府信息公开工作年度报告\n" + BODY, "某某县交通运输局", 2024, None),
        # a title a PDF text layer spaced out letter by letter
        (
            "沐 阳 县 人 民 政 府 2 0 2 5 年 政 府 信 息 公 开 工 作 年 度 报 告\n" + BODY,
            "沐阳县人民政府",
            2025,
            "沐阳县人民政府2025年政府信息公开工作年度报告",
        ),
        # a title that calls the report 年报
        ("某某区统计局2023年政府信息公开年报\n" + BODY, "某某区统计局", 2023, "某某区统计局2023年政府信息公开年报"),
        # the agency in a heading of its own above the title
        (
            "# 某某县人民政府\n\n# 2025年度政府信息公开工作年度报告\n\n" + BODY,
            "某某县人民政府",
            2025,
            "某某县人民政府2025年度政府信息公开工作年度报告",
        ),
    ],
)
def test_titles_as_published(text: str, agency: str, year: int, title: str | None) -> None:
    """Titles over two lines, with ``#``, spaces inside names and years, and the agency above, are read."""
    result = parse(text)
    assert (result.report.agency, result.report.year) == (agency, year)
    if title is not None:
        assert result.report.title == title
    assert origin(result, "/agency")[1:3] == ("title", "high")
    assert not rules_of(result, "parse.agency_missing")


@pytest.mark.parametrize(
    "navigation",
    [
        "栏目导航",
        "当前位置：首页 > 政务公开 > 政府信息公开年报",
        "首页 > 政务公开 > 政府信息公开年报",
        "您的位置：首页»信息公开",
    ],
)
def test_a_navigation_line_is_never_the_agency(navigation: str) -> None:
    """A navigation bar or breadcrumb above a title without an agency leaves the agency not found, and says so."""
    result = parse(f"{navigation}\n2024年政府信息公开工作年度报告\n" + BODY)
    assert result.report.agency == PLACEHOLDER_AGENCY
    assert "/agency" not in result.origins
    assert [f.severity for f in rules_of(result, "parse.agency_missing")] == [Severity.ERROR]
    assert result.report.year == 2024


def test_a_page_named_by_its_navigation_has_no_agency() -> None:
    """An HTML page whose ``<title>`` and first paragraph are navigation reports the agency as not found."""
    page = (
        "<html><head><title>栏目导航</title></head><body><p>栏目导航</p><p>2024年政府信息公开工作年度报告</p>"
        "<p>一、总体情况</p><p>概况。</p><p>二、主动公开政府信息情况</p>"
        "<table><tr><td>行政许可</td><td>5</td></tr></table></body></html>"
    )
    result = parse(page)
    assert result.report.agency == PLACEHOLDER_AGENCY
    assert rules_of(result, "parse.agency_missing")


@pytest.mark.parametrize(
    "signature",
    ["某某市统计局\n2025年1月20日\n", "某某市统计局 2025年1月20日\n", "某某市统计局\n（2025 年 1 月 20 日）\n"],
)
def test_the_signature_names_the_agency(signature: str) -> None:
    """The agency above (or beside) the date line at the end names the agency when the title does not."""
    text = "2024年政府信息公开工作年度报告\n" + BODY + END + signature
    result = parse(text)
    assert result.report.agency == "某某市统计局"
    _value, source, confidence, line = origin(result, "/agency")
    assert (source, confidence) == ("signature", "high")
    assert text.splitlines()[line - 1].startswith("某某市统计局")  # type: ignore[operator]
    assert result.source_map["/agency"].line == line
    assert result.report.other_matters == "无。"  # the signature is no prose


def test_the_byline_under_the_title_names_the_agency() -> None:
    """An agency and date under a title without an agency (``沐阳县人民政府`` / ``(2026年1月23日)``) are read."""
    result = parse("# 2025年政府信息公开工作年度报告\n\n某某县人民政府\n(2026年1月23日)\n\n" + BODY, kind="markdown")
    assert origin(result, "/agency")[:2] == ("某某县人民政府", "signature")
    assert result.report.preamble is None


def test_the_preamble_names_the_agency() -> None:
    """``本报告由…编制`` names the agency when nothing above does."""
    result = parse("2024年政府信息公开工作年度报告\n本报告由某某市统计局编制。\n" + BODY)
    assert origin(result, "/agency") == ("某某市统计局", "preamble", "medium", 2)


def test_the_meta_tags_and_title_of_a_page() -> None:
    """``<meta name="ContentSource">`` names the agency and ``<title>`` the year when the body does not."""
    page = (
        '<html><head><title>2024年政府信息公开工作年度报告_某某网</title><meta name="ContentSource" '
        'content="某某县财政局"></head><body><p>栏目导航</p><p>一、总体情况</p><p>概况。</p>'
        "<p>二、主动公开政府信息情况</p><table><tr><td>行政许可</td><td>5</td></tr></table></body></html>"
    )
    result = parse(page)
    assert origin(result, "/agency") == ("某某县财政局", "page_meta", "medium", None)
    assert origin(result, "/year") == (2024, "page_title", "medium", None)
    assert result.report.title == "2024年政府信息公开工作年度报告"


def test_the_file_name_is_the_last_resort(tmp_path: Path) -> None:
    """A body that names nothing takes the agency and year from the file name, and says they are uncertain."""
    path = tmp_path / "某某县民政局2024年政府信息公开工作年度报告.txt"
    path.write_text(BODY, encoding="utf-8")
    result = parse(path)
    assert (result.report.agency, result.report.year) == ("某某县民政局", 2024)
    assert origin(result, "/agency") == ("某某县民政局", "file_name", "low", None)
    uncertain = rules_of(result, "parse.agency_uncertain") + rules_of(result, "parse.year_uncertain")
    assert [(f.severity, dict(f.detail)["source"]) for f in uncertain] == [(Severity.INFO, "file_name")] * 2
    assert "文件名" in uncertain[0].message_in("zh")
    assert "file name" in uncertain[0].message_in("en")
    # the same body without a telling name: nothing found, nothing guessed
    plain = tmp_path / "report.txt"
    plain.write_text(BODY, encoding="utf-8")
    result = parse(plain)
    assert (result.report.agency, result.report.year) == (PLACEHOLDER_AGENCY, PLACEHOLDER_YEAR)
    assert result.origins == {}


def test_sources_that_disagree_are_reported() -> None:
    """A signature naming another agency than the title is a warning; the title's agency is used."""
    result = parse("某某市统计局2024年政府信息公开工作年度报告\n" + BODY + END + "某某市民政局\n2025年1月20日\n")
    assert result.report.agency == "某某市统计局"
    [conflict] = rules_of(result, "parse.agency_conflict")
    assert conflict.severity is Severity.WARNING
    assert (conflict.expected, conflict.actual) == ("某某市统计局", "某某市民政局")
    assert conflict.location is not None
    assert conflict.location.line == 9
    assert "落款" in conflict.message_in("zh")
    assert "signature" in conflict.message_in("en")


def test_sources_that_agree_are_quiet() -> None:
    """A short name in the title and the full name in the signature agree; so does the compiling office."""
    text = "某某市统计局2024年政府信息公开工作年度报告\n本报告由某某市统计局办公室编制。\n" + BODY + END
    result = parse(text + "某某市统计局\n2025年1月20日\n")
    assert not rules_of(result, "parse.agency_conflict")
    assert not rules_of(result, "parse.year_conflict")


def test_year_sources_that_disagree() -> None:
    """The statistics period wins over the title, and the conflict names both sources."""
    result = parse("某局2023年政府信息公开工作年度报告\n本报告统计期限自2022年1月1日至2022年12月31日。\n" + BODY)
    [conflict] = rules_of(result, "parse.year_conflict")
    assert (conflict.expected, conflict.actual) == (2023, 2022)
    assert dict(conflict.detail)["source"] == "period"
    assert dict(conflict.detail)["other"] == "title"
    assert origin(result, "/year") == (2022, "period", "high", 2)


def test_a_date_alone_gives_an_uncertain_year() -> None:
    """A report dated 2025年1月20日 and stating no year is taken as the report of 2024, with an info finding."""
    result = parse(BODY + END + "2025年1月20日\n")
    assert origin(result, "/year")[:3] == (2024, "date", "low")
    assert [f.severity for f in rules_of(result, "parse.year_uncertain")] == [Severity.INFO]


def test_hints_keep_their_origin() -> None:
    """An ``agency=`` hint is the agency, its origin is the hint, and the source's own differing name is noted."""
    result = parse("某某市统计局2024年政府信息公开工作年度报告\n" + BODY, agency="某某市民政局")
    assert origin(result, "/agency") == ("某某市民政局", "hint", "high", None)
    [differs] = rules_of(result, "parse.hint_differs")
    assert dict(differs.detail)["source"] == "title"


def test_crawler_metadata_lines() -> None:
    """A crawler's saved page: the agency, year and title are in its ``标题:`` line, not the body's run-on text."""
    result = parse(FORMS / "pingtan-2019-crawler.txt", edition="2019")
    assert (result.report.agency, result.report.year) == ("平潭综合实验区", 2019)
    assert result.report.title == "平潭综合实验区2019年度政府信息公开工作年度报告"
    assert origin(result, "/title") == (result.report.title, "crawler", "medium", 1)
    assert not rules_of(result, "parse.agency_conflict")
    assert "原文链接" not in (result.report.preamble or "")
    assert result.address == "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202001/t20200120_80576.htm"


def test_a_crawlers_header_is_no_preamble() -> None:
    """The metadata lines and notes a crawler writes above its ``==== 正文 ====`` line are no preamble, and its
    ``标题:`` agrees with the body's title."""
    header = (FORMS / "pingtan-2019-crawler.txt").read_text(encoding="utf-8").split("=" * 20)[0]
    body = "平潭综合实验区2019年政府信息公开工作年度报告\n本报告由区管委会办公室编制。\n" + BODY
    result = parse(header + "=" * 20 + " 正文 " + "=" * 20 + "\n" + body)
    assert (result.report.agency, result.report.year) == ("平潭综合实验区", 2019)
    assert result.report.preamble == "本报告由区管委会办公室编制。"
    assert not [f for f in result.findings if f.rule.endswith("_conflict")]
    assert result.address is not None


def test_the_address_of_a_page() -> None:
    """An HTML page's ``og:url`` is the address the report was published at; a source that states none has none."""
    page = (
        '<html><head><meta property="og:url" content="https://www.example.gov.cn/nb/2024.html"></head><body>'
        "<p>某县2024年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p>"
        "<table><tr><td>行政许可</td><td>5</td></tr></table></body></html>"
    )
    assert parse(page).address == "https://www.example.gov.cn/nb/2024.html"
    assert parse("某县2024年政府信息公开工作年度报告\n" + BODY).address is None
    assert parse("原文链接: javascript:alert(1)\n某县2024年政府信息公开工作年度报告\n" + BODY).address is None


def test_every_origin_is_located_in_the_source() -> None:
    """The agency, year and title of the Markdown sample each come with a source, a confidence and a place."""
    result = parse(FORMS / "shuyang-2025-converted.md")
    assert origin(result, "/agency") == ("沐阳县人民政府", "title", "high", 1)
    assert origin(result, "/year")[:3] == (2025, "period", "high")
    assert set(result.origins) == {"/agency", "/year", "/title"}


def test_the_document_information_of_a_pdf() -> None:
    """A PDF's document title names the agency and year when its text does not; an author that is a person does
    not."""
    pytest.importorskip("reportlab")
    import io  # noqa: PLC0415 - only this test writes a PDF

    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415 - the pdf extra

    from .pdfs import draw_pdf  # noqa: PLC0415 - reportlab is optional

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(draw_pdf(BODY))))
    writer.add_metadata(
        {"/Title": "Microsoft Word - 某某县财政局2024年政府信息公开工作年度报告.docx", "/Author": "张三"}
    )
    buf = io.BytesIO()
    writer.write(buf)
    result = parse(buf.getvalue())
    assert result.kind == "pdf"
    assert origin(result, "/agency") == ("某某县财政局", "page_meta", "medium", None)
    assert origin(result, "/year")[:2] == (2024, "page_meta")
    assert result.report.title == "某某县财政局2024年政府信息公开工作年度报告"
    assert [f.location for f in result.findings if f.rule.startswith("parse.agency")] == []


@pytest.mark.parametrize("lead", ["-2+3", "=1+1", "@SUM(1)", "+86"])
def test_a_title_that_starts_like_a_formula_names_no_agency(lead: str) -> None:
    """Text before the year that starts like a spreadsheet formula is never taken as the agency."""
    result = parse(f"{lead}某某局2024年政府信息公开工作年度报告\n" + BODY)
    assert not result.report.agency.startswith(("-", "=", "@", "+"))
    assert result.report.year == 2024


def test_the_pre_checks_know_every_character_that_folds_to_what_they_look_for() -> None:
    """The characters the metadata reader looks for in the published text before folding it (公 for a title, 日
    and 月 for a period, the colons of a field's label) are every character that folds to them."""
    import unicodedata  # noqa: PLC0415 - only this test reads the character database

    from govreport.parsers import _metadata, normalize  # noqa: PLC0415 - the reader's own constants

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    folded = normalize.fold_same_length(every)
    assert len(folded) == len(every)
    folds_to: dict[str, set[str]] = {"公": set(), "日": set(), "月": set()}
    for char, fold in zip(every, folded, strict=True):
        if fold in folds_to:
            folds_to[fold].add(char)
    assert folds_to["公"] == {_metadata._OPEN}
    assert folds_to["日"] == set(_metadata._DAYS)
    assert folds_to["月"] == set(_metadata._MONTHS)
    colons = {char for char in every if ":" in unicodedata.normalize("NFKC", char)}
    assert colons == set(_metadata._COLONS)
    assert not any(":" in str(v) for v in normalize._FOLD_TABLE.values())  # folding adds no colon of its own


@pytest.mark.parametrize(
    ("head", "year"),
    [
        # a date that is no period before the period, on one line
        ("2024年5月20日召开会议。本报告统计期限自2023年1月1日至2023年12月31日。", 2023),
        # characters that fold to 年, 月 and 日 (a CJK compatibility ideograph, a Kangxi radical, a circled one)
        ("统计期限自２０２３\uf98e１\u2f49１\u3290至12月31日。", 2023),
        ("统计期限自2023年 01 \u328a 01 \u2f47至12月31日。", 2023),
        ("统计期限自2023年1\U0001f2371日至12月31日。", 2023),
        # a 日 just after 月 before the period's own
        ("本月日程。统计期限自2023年1月1日起。", 2023),
    ],
)
def test_a_statistics_period_among_other_dates_and_folded_characters(head: str, year: int) -> None:
    """The statistics period is found wherever its line has it, however its characters are written."""
    result = parse("某局2025年政府信息公开工作年度报告\n" + head + "\n" + BODY)
    assert origin(result, "/year")[:2] == (year, "period")


def test_a_signature_dated_with_a_spaced_out_year() -> None:
    """A date line at the end whose year is spaced out digit by digit dates the report, and the agency above it
    signs it."""
    result = parse("政府信息公开工作年度报告\n" + BODY + END + "某某县人民政府办公室\n2 0 2 5 年 1 月 10 日\n")
    assert origin(result, "/agency")[:2] == ("某某县人民政府办公室", "signature")
    assert origin(result, "/year")[:2] == (2024, "date")


@pytest.mark.parametrize("colon", [":", "："])
def test_a_metadata_line_with_any_colon(colon: str) -> None:
    """A metadata line names its field with a colon as any script writes it."""
    result = parse(f"机关名称{colon}某某县统计局\n报告年度{colon}2024\n" + BODY)
    assert origin(result, "/agency")[:2] == ("某某县统计局", "field")
    assert origin(result, "/year")[:2] == (2024, "field")


def test_a_crawler_line_after_other_lines() -> None:
    """A crawler's metadata line indented and below other lines at the top is read as such."""
    result = parse("网页快照\n  发布机构：某某县审计局\n标题：2024年政府信息公开工作年度报告\n" + BODY)
    assert origin(result, "/agency")[:2] == ("某某县审计局", "crawler")
    assert result.report.year == 2024
    assert result.report.title == "2024年政府信息公开工作年度报告"
