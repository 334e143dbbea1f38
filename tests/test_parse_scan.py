"""The whole-document scans before the table walk (edition detection, section headings): each search over the
joined text finds what a look at every item finds, wherever in the source it stands."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import assume, given
from hypothesis import strategies as st

from govreport._defaults import DEFAULT_EDITION
from govreport.editions import get_edition
from govreport.findings import SourceLocation
from govreport.parsers import normalize
from govreport.parsers._detect import _MATCHERS, QUICK_AFTER, Detection, _matcher, detect, quick_look
from govreport.parsers._lexicon import lexicon
from govreport.parsers._sections import find_headings
from govreport.parsers._source import Source
from govreport.parsers.normalize import _fold, fold_all

from .conftest import FIXTURES

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


# --- the brief detection: a quick look on texts only NFKC-normalized, then the whole search when it may matter ----

_SPELLINGS = normalize._unfolded() or {}
_WIDE = {c: chr(ord(c) + 0xFEE0) for c in "()/.,:;-xX0123456789"}  # full-width forms NFKC folds back
_WORDS = [
    *(s.text for e in (E2019, E2021) for s in e.signs),
    *(s.then for e in (E2019, E2021) for s in e.signs if s.then),
    *(f"{s.text} 12 / 3 {s.then}" for e in (E2019, E2021) for s in e.signs if s.then),
    f"{EDITION_LABEL}：{E2019.name}",
    f"{EDITION_LABEL}：{E2021.name}",
]


@st.composite
def _spelled(draw: st.DrawFn, words: str) -> str:
    """``words`` as a report may print them: each character in a form the fold makes it from (traditional,
    full-width, a regional word's), with what the fold drops (spaces, quotes, pinyin) or not (、) between."""
    out = []
    for c in words:
        ch = draw(st.sampled_from(sorted({c, *_SPELLINGS.get(c, ())})))
        out.append(_WIDE.get(ch, ch) if draw(st.booleans()) else ch)
        out.append(draw(st.sampled_from(["", "", "", "", " ", "\u3000", "“", "(bào)", "、", "|", "。"])))
    return "".join(out)


@st.composite
def _sources(draw: st.DrawFn) -> list[str]:
    """A source's items: signs and labels of every edition, spelled as in :func:`_spelled`, cut into items at
    random places, between items of prose and numbers."""
    items: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        items += draw(
            st.lists(st.sampled_from(["本年度", "其他", "12", "", "（六）", "1.", "采购", "總計"]), max_size=3)
        )
        text = draw(_spelled(draw(st.sampled_from(_WORDS))))
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=3)))
        items += [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return items


@given(_sources())
def test_a_brief_detection_reads_the_edition_the_whole_search_reads(texts: list[str]) -> None:
    """The brief detection (no fold of texts not seen before) reads every source as the whole search does; it
    leaves out the signs only when the source is read as the default edition with no sign of another, whether
    the source's texts were folded before or not."""
    assert quick_look() is not None
    normalize._FOLDED.clear()
    for _ in range(2):  # texts not seen before, then the same texts folded by the whole search
        brief, full = detect(texts, brief=True), detect(texts)
        assert brief.edition == full.edition
        if brief != full:
            assert brief == Detection(edition=DEFAULT_EDITION)
            assert (full.edition, full.others, full.declared) == (DEFAULT_EDITION, (), False)


def test_a_sign_spelled_apart_is_found_by_the_brief_detection() -> None:
    """A sign of another edition in traditional characters, with pinyin, spaces and quotes inside and cut over
    two items, is seen by the quick look: the brief detection reads that edition, with its signs."""
    sign = next(s.text for s in E2019.signs if not s.supporting and len(s.text) > 4)
    traditional = (next((t for t in sorted(_SPELLINGS.get(c, ())) if t != c), c) for c in sign)
    spelled = "".join(f"{c}(cǎi) “" for c in traditional)
    assert _fold(spelled) == sign
    texts = ["某机关", spelled[:7], spelled[7:], "尾"]
    assert quick_look() is not None
    found = detect(texts, brief=True)
    assert (found.edition, found.signs) == (E2019.name, (sign,))
    assert found == detect(texts)


def test_a_report_of_the_default_edition_is_read_briefly() -> None:
    """The sample (a 2021 report, traditional characters) has no sign of another edition: the brief detection
    reads the default edition without folding its prose, and without its signs."""
    texts = (FIXTURES / "jingxing-2023.txt").read_text(encoding="utf-8").splitlines()
    full = detect(texts)
    assert (full.edition, full.others) == (DEFAULT_EDITION, ())
    assert full.signs
    assert quick_look() is not None
    normalize._FOLDED.clear()
    assert detect(texts, brief=True) == Detection(edition=DEFAULT_EDITION)
    assert not any(len(t) > normalize._PREFOLD_SHORT and t in normalize._FOLDED for t in texts)  # prose: not folded


def test_the_quick_look_is_built_once_a_process_has_read_a_few_sources() -> None:
    """Its pattern costs the compiler tens of milliseconds: the first :data:`QUICK_AFTER` brief detections of a
    process run the whole search (the same edition, with its signs), and the next one builds it and uses it."""
    texts = (FIXTURES / "jingxing-2023.txt").read_text(encoding="utf-8").splitlines()
    full = detect(texts)
    _MATCHERS.clear()  # a process that has read nothing yet
    try:
        for _ in range(QUICK_AFTER):
            assert detect(texts, brief=True) == full
        assert _matcher().quick == []
        assert detect(texts, brief=True) == Detection(edition=DEFAULT_EDITION)
        assert _matcher().quick != []
    finally:
        _MATCHERS.clear()


_NUMBERS = [
    "",
    "1.",
    "1、",
    "1)",
    "12.、",
    "１．",
    "一.",
    "六:",
    "二、",
    "十二：",
]  # what the fold rewrites at the start
_RAW = st.tuples(
    st.sampled_from(_NUMBERS),
    st.lists(
        st.one_of(
            st.sampled_from(["資訊", "讯息", "檔案", "(bào)", "報", "開", "1)", "、"]),
            st.sampled_from(
                sorted({c for chars in _SPELLINGS.values() for c in chars} | set("公开申请数量总计 “”|。"))
            ),
            st.sampled_from(sorted(_WIDE.values())),
        ),
        max_size=12,
    ).map("".join),
).map("".join)


@given(text=_RAW, data=st.data())
def test_fold_patterns_find_every_place_a_fold_holds_the_words(text: str, data: st.DataObject) -> None:
    """Any part of a text's fold is found by :func:`fold_patterns` in the text only NFKC-normalized: traditional
    and regional spellings, full-width forms, item and section numbers written another way, pinyin and dropped
    marks between (the patterns may find more, never less)."""
    folded = _fold(text)
    assume(folded)
    start = data.draw(st.integers(0, len(folded) - 1))
    words = folded[start : data.draw(st.integers(start + 1, len(folded)))]
    patterns = normalize.fold_patterns(words)
    assert patterns is not None
    assert re.search("|".join(patterns), unicodedata.normalize("NFKC", text)) is not None


@given(lead=st.sampled_from(["", " ", "“", "(bào)", "|", "\u3000 "]), body=_RAW, other=_RAW, data=st.data())
def test_a_text_whose_fold_starts_with_a_prefix_is_folded(
    lead: str, body: str, other: str, data: st.DataObject
) -> None:
    """:func:`fold_starting` folds every text whose fold starts with one of the prefixes (what the fold drops
    before it: marks and pinyin; the first character in any spelling the fold makes it from), seen before or not;
    a text it does not fold does not start so."""
    text = lead + body
    folded = _fold(text)
    assume(folded)
    prefix = folded[: data.draw(st.integers(1, len(folded)))]
    firsts = normalize.first_spellings([prefix, "格式版本:"])
    assert firsts is not None
    normalize._FOLDED.clear()
    for _ in range(2):  # not seen before, then folded
        assert normalize.fold_starting(text, firsts) == folded
        found = normalize.fold_starting(other, firsts)
        assert found == _fold(other) if found is not None else not _fold(other).startswith((prefix, "格式版本:"))
