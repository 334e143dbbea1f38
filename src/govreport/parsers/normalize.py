"""Folding of published text for *matching* labels, headings and numbers; prose is never changed.

Published reports spell the official labels in many ways (format-2021.md §4): traditional characters (naive
conversions such as ``行政規范性文件`` and Taiwan vocabulary such as ``規範性檔案``), NFKC-folded punctuation
(``(一)`` ``,`` ``:``), item numbers as ``1.`` ``1、`` ``１．``, extra spaces, ASCII or curly quotes, pinyin
injected by reading aids (``報(bào)告``), known typos and words of the 2019 trial format. :func:`fold` maps all of
these to one key, and the same function folds the edition's own labels, so official labels are never typed
again here: this module only holds the *variants* as data.

:func:`fold_same_length` is a one-character-for-one-character fold, so a match found in the folded text can be cut
out of the published text at the same offsets (agency names and titles are kept as published).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

import attrs

from govreport._hanzi import to_simplified
from govreport.editions import e2021

__all__ = [
    "COLUMNS_2019",
    "HEADER_VARIANTS",
    "HEADING_KEYWORDS",
    "HEADING_VARIANTS",
    "LINE_ALIASES",
    "MISSING_MARKERS",
    "PHRASE_VARIANTS",
    "Cell",
    "fold",
    "fold_same_length",
    "read_cell",
]

# --- variants, as data -------------------------------------------------------------------------------

#: Substring replacements applied to folded text: known typos and Taiwan vocabulary. Keys and values are in
#: folded form (simplified, no spaces, ASCII punctuation where NFKC gives it).
PHRASE_VARIANTS: Final[tuple[tuple[str, str], ...]] = (
    ("行政止公开", "行政法规禁止公开"),  # the typo "2.其他法律行政止公开" seen in published reports
    ("资讯", "信息"),  # Taiwan vocabulary: 政府資訊公開
    ("讯息", "信息"),
    ("档案", "文件"),  # Taiwan vocabulary: 規範性檔案 for 规范性文件
)

#: Whole-label variants of data rows, mapped to the JSON Pointer of the row they name (2019 words, typos).
LINE_ALIASES: Final[dict[str, str]] = {
    "规范性文件": e2021.PD_BLOCKS[0].lines[1].pointer,  # the 2019 trial format's word for 行政规范性文件
    "其他处理": e2021.OTHER_HANDLING.pointer,  # handled as the collapsed （六）其他处理 row
}

#: Column-header words that are not the 2021 labels but appear in published tables (2019 words, wrapped or
#: shortened headers). They carry no values, so recognising them only keeps them out of ``parse.label_unknown``.
HEADER_VARIANTS: Final[frozenset[str]] = frozenset(
    {
        "现行有效件",
        "本年新",
        "本年新制发数量",
        "制发数量",
        "废止数量",
        "现行有效数量",
        "处理决定数量",
        "收费金额(单位:万元)",
        "本年收费金额(万元)",
        "本年收费金额",
        "法人或其他组织",
        "申请人",
        "项目",
        "单位:件",
        "单位:万元",
    }
)

#: Column headers of the 2019 trial format (国办公开办函〔2019〕60号, format-2021.md §5) whose cells mean something
#: else than the 2021 columns (items made and published, item counts and their change instead of documents issued
#: and repealed, decisions and amounts). Values under them are reported, never read into 2021 cells.
COLUMNS_2019: Final[frozenset[str]] = frozenset(
    {"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减", "采购项目数量"}
)

#: Section headings as published in the wild besides the official wording (after the section numeral).
HEADING_VARIANTS: Final[dict[int, tuple[str, ...]]] = {
    1: ("总体情况概述", "概述"),
    2: ("主动公开情况",),
    3: ("收到和处理政府信息公开申请情况", "依申请公开情况", "收到和处理政府信息公开申请"),
    4: (
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
        "政府信息公开行政复议、行政诉讼情况",
        "行政复议、行政诉讼情况",
    ),
    5: (
        "政府信息公开工作存在的主要问题及改进情况",
        "存在问题及改进情况",
        "存在的主要问题及改进措施",
        "存在的问题及改进情况",
        "主要问题及改进情况",
    ),
    6: ("其他事项", "其他需要报告的事项", "其他需要说明的事项"),
}

#: Words one of which a heading of each section must contain (checked on folded text).
HEADING_KEYWORDS: Final[dict[int, tuple[str, ...]]] = {
    1: ("总体",),
    2: ("主动公开",),
    3: ("申请",),
    4: ("复议", "诉讼"),
    5: ("问题", "改进"),
    6: ("其他", "事项"),
}

#: Cell contents that mean "missing" (format-2021.md §3 ``cells.missing``), after NFKC.
MISSING_MARKERS: Final[frozenset[str]] = frozenset(
    {"/", "//", "\\", "-", "--", "---", "—", "——", "–", "―", "─", "－", "×", "x", "X", "无", "空"}
)

# --- folding -----------------------------------------------------------------------------------------

# Pinyin that reading aids inject after a character: 報(bào)告. Bounded, no nested quantifier.
_PINYIN = re.compile(r"\((?:[a-zü\u00e0-\u00fc\u0101-\u01dc]{1,7}[1-5]?)\)")
# Whitespace, quotes, and markdown emphasis/heading/escape marks never distinguish two labels.
_DROP = dict.fromkeys(map(ord, " \t\r\n\f\v\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff“”\"'‘’「」『』`*#\\>"), None)
_PUNCT = str.maketrans(
    {
        ",": "、",
        "，": "、",
        "﹐": "、",
        "､": "、",
        "．": ".",
        "。": "",
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "[": "(",
        "]": ")",
        ";": "、",
        "|": "",
    }
)
_ITEM_NUMBER = re.compile(r"^(\d{1,2})(?:[.、)]|\.、)")
_SECTION_NUMBER = re.compile(r"^([一二三四五六七八九十]{1,3})[.、:]")


def fold(text: str) -> str:
    """The matching key of a label, heading or header as published.

    Args:
        text: a label as printed in a report (any script, spacing, punctuation).

    Returns:
        A key that equals ``fold(official_label)`` for the official label and for its known variants.
    """
    s = unicodedata.normalize("NFKC", text)
    s = to_simplified(s)
    if "(" in s:
        s = _PINYIN.sub("", s)
    s = s.translate(_DROP).translate(_PUNCT)
    s = _ITEM_NUMBER.sub(r"\1.", s, count=1)
    s = _SECTION_NUMBER.sub(r"\1、", s, count=1)
    for wrong, right in PHRASE_VARIANTS:
        if wrong in s:
            s = s.replace(wrong, right)
    return s


def _same_length_char(c: str) -> str:
    folded = unicodedata.normalize("NFKC", c)
    return folded if len(folded) == 1 else c


_SAME_LENGTH_CACHE: dict[str, str] = {}


def fold_same_length(text: str) -> str:
    """Fold ``text`` one character for one character (NFKC where it yields one character, then T→S).

    Offsets into the result are offsets into ``text``, so a match can be cut out of the published text.
    """
    out = []
    cache = _SAME_LENGTH_CACHE
    for c in text:
        f = cache.get(c)
        if f is None:
            f = _same_length_char(c)
            if len(cache) < 65536:
                cache[c] = f
        out.append(f)
    return to_simplified("".join(out))


# --- cells -------------------------------------------------------------------------------------------

CellKind = Literal["number", "missing", "blank", "text"]

_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.\d{1,8})?")
_UNITS = ("万元", "件", "元", "项", "条", "个")


@attrs.frozen(kw_only=True)
class Cell:
    """What one published cell holds: a number, a missing marker, nothing, or text.

    Attributes:
        kind: ``number``, ``missing`` (``/``, ``-``, ``—``…), ``blank`` (nothing) or ``text``.
        value: the number, exactly (``int`` when written without a decimal point, else ``Decimal``).
    """

    kind: CellKind
    value: int | Decimal | None = None


_BLANK = Cell(kind="blank")
_MISSING = Cell(kind="missing")
_TEXT = Cell(kind="text")


def read_cell(text: str) -> Cell:  # noqa: PLR0911 - one exit per kind of cell
    """Classify one published cell.

    Args:
        text: the cell's text as published.

    Returns:
        The :class:`Cell`: numbers are exact (``1,926`` → 1926, ``722.61`` → ``Decimal("722.61")``); a unit
        printed after the number (``73件``, ``0万元``) is allowed.
    """
    s = text.strip()
    if s.isascii() and s.isdigit() and len(s) <= 15:  # the common case: a plain count
        return Cell(kind="number", value=int(s))
    s = unicodedata.normalize("NFKC", s).strip()
    if not s:
        return _BLANK
    if len(s) > 40:
        return _TEXT
    if any(c.isspace() for c in s):  # several values in one cell ("0 0 0" in a PDF line) are split by the caller
        return _TEXT
    if s in MISSING_MARKERS:
        return _MISSING
    for unit in _UNITS:
        if s.endswith(unit) and len(s) > len(unit):
            s = s[: -len(unit)]
            break
    if not _NUMBER.fullmatch(s):
        return _TEXT
    s = s.replace(",", "")
    if "." in s:
        try:
            return Cell(kind="number", value=Decimal(s))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            return _TEXT
    return Cell(kind="number", value=int(s))
