"""The whole-document scans before the table walk (edition detection, section headings): each search over the
joined text finds what a look at every item finds, wherever in the source it stands."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govreport.editions import get_edition
from govreport.findings import SourceLocation
from govreport.parsers import normalize
from govreport.parsers._detect import detect
from govreport.parsers._lexicon import lexicon
from govreport.parsers._sections import find_headings
from govreport.parsers._source import Source
from govreport.parsers.normalize import _fold, fold_all

E2019 = get_edition("2019")
E2021 = get_edition("2021")
EDITION_LABEL = next(f.label for f in E2019.fields if f.kind == "edition")
FILLER = ["某机关", "0", "", "12", "说明：无"] * 30  # many short items before what is looked for


def _source(texts: list[str]) -> Source:
    return Source(texts, lambda i, offset: SourceLocation(line=i + 1, column=offset + 1))


def test_the_edition_line_is_found_behind_list_marks_anywhere() -> None:
    """An edition line behind ``-`` or ``+`` marks is found after many items, at its own item."""
    texts = [*FILLER, f"- + {EDITION_LABEL}：{E2019.name}", "尾"]
    found = detect(texts)
    assert (found.edition, found.declared, found.at) == (E2019.name, True, len(FILLER))


def test_an_edition_label_inside_a_line_does_not_declare() -> None:
    """The label standing inside a line (not at its start), or split over two items, declares nothing."""
    half = len(EDITION_LABEL) // 2
    for texts in (
        [*FILLER, f"注：{EDITION_LABEL}：{E2019.name}"],
        [*FILLER, EDITION_LABEL[:half], f"{EDITION_LABEL[half:]}：{E2019.name}"],
    ):
        found = detect(texts)
        assert (found.edition, found.declared) == (E2021.name, False)


def test_the_first_sign_is_located_at_its_item() -> None:
    """The item of the first sign of the edition read is counted over the items before it, empty ones too."""
    signs = [s.text for s in E2019.signs if not s.supporting][:3]
    texts = [*FILLER, "", signs[0], *FILLER, signs[1], signs[2]]
    found = detect(texts)
    assert (found.edition, found.at, found.signs) == (E2019.name, len(FILLER) + 1, tuple(signs))


def test_headings_are_found_in_items_with_line_breaks_of_their_own() -> None:
    """A heading is found at its item whether the items are lines or cells holding line breaks of their own."""
    lex = lexicon(E2021)
    first, second = (lex.headings[s].label for s in sorted(lex.headings)[:2])
    lines = ["标题", first, "概况。", *FILLER, "  " + second, "正文"]
    assert find_headings(_source(lines), lex) == {1: 1, 2: len(FILLER) + 3}
    cells = ["标题\n副标题", first, "概况。\n第二段", *FILLER, "  " + second, "正文"]
    assert find_headings(_source(cells), lex) == {1: 1, 2: len(FILLER) + 3}
    assert find_headings(_source([f"\n{first}", "概况。\n", f" {second}"]), lex) == {1: 0, 2: 2}


def test_fold_all_gives_the_fold_of_each_item() -> None:
    """Folding the items of a source at once gives every item's own key, for texts never folded before too."""
    texts = ["報(bào)告", "1、資訊公開", "一:總體", "", "  檔案 ", "２０２３", "1、資訊公開"]
    assert fold_all(texts) == [_fold(t) for t in texts]


_FOLDED_CHARS = sorted(normalize._FOLD_TABLE)


@given(
    st.lists(
        st.one_of(st.sampled_from(_FOLDED_CHARS).map(chr), st.characters(exclude_categories=["Cs"])),
        max_size=40,
    ).map("".join)
)
def test_the_fold_table_as_a_list_folds_as_the_table(text: str) -> None:
    """The quick fold (a list indexed by code point, the dict past the Basic Multilingual Plane) gives what the
    fold table gives, for the characters it maps and any others, astral ones included."""
    assert normalize._translate(text) == text.translate(normalize._FOLD_TABLE)
    assert any(code > 0xFFFF for code in _FOLDED_CHARS)  # the dict's path is needed


@given(
    number=st.integers(0, 99),
    numeral=st.sampled_from(["一", "二", "六", "十", "十二"]),
    mark=st.sampled_from([".", "、", ")"]),
    section_mark=st.sampled_from([".", "、", ":", "："]),
    rest=st.text(alphabet="申请数量总计abc 12", max_size=8),
)
def test_item_and_section_numbers_are_written_one_way(
    number: int, numeral: str, mark: str, section_mark: str, rest: str
) -> None:
    """An item number (``1、`` ``1)``) folds to ``1.`` and a section numeral (``二.`` ``二:``) to ``二、``,
    only at the start of the text; nothing else of the text changes."""
    folded_rest = _fold(rest)
    assert _fold(f"{number}{mark}{rest}") == f"{number}.{folded_rest}"
    assert _fold(f"{numeral}{section_mark}{rest}") == f"{numeral}、{folded_rest}"
    assert _fold(f"申{number}{mark}") == f"申{number}{mark}"  # not at the start: as written


def test_a_long_text_is_folded_but_not_kept() -> None:
    """A text past the cache's size (a crawler's page on one line) folds as any other and is not kept, so the
    cache's memory stays bounded; a short one is kept."""
    long_text = "第一，本年度全文公开（例）“申请”  " * 200
    short = "全年共受理申请 "
    assert len(long_text) > normalize._FOLDED_TEXT >= len(short)
    assert normalize.fold(long_text) == _fold(long_text)
    assert normalize.fold_all([long_text, short]) == [_fold(long_text), _fold(short)]
    assert long_text not in normalize._FOLDED
    assert short in normalize._FOLDED
