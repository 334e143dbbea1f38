"""Folding of published text for *matching* labels, headings and numbers; prose is never changed.

Published reports spell the official labels in many ways (format-2021.md §4): traditional characters (naive
conversions such as ``行政規范性文件`` and Taiwan vocabulary such as ``規範性檔案``), NFKC-folded punctuation
(``(一)`` ``,`` ``:``), item numbers as ``1.`` ``1、`` ``１．``, extra spaces, ASCII or curly quotes, pinyin
injected by reading aids (``報(bào)告``). :func:`fold` maps all of these to one key, and the same function folds
the edition's own labels and their declared variants (``aliases``), so no label is typed here: this module knows
the language (scripts, punctuation, regional vocabulary), the edition knows the format.

:func:`fold_same_length` is a one-character-for-one-character fold, so a match found in the folded text can be cut
out of the published text at the same offsets (agency names and titles are kept as published).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Final, Literal

import attrs

from govreport._hanzi import TO_SIMPLIFIED, to_simplified

__all__ = [
    "MISSING_MARKERS",
    "MONEY_UNITS",
    "REGIONAL_WORDS",
    "Cell",
    "first_spellings",
    "fold",
    "fold_all",
    "fold_patterns",
    "fold_same_length",
    "fold_starting",
    "money_unit",
    "prefolded",
    "read_cell",
]

#: Words of Taiwan and Hong Kong usage folded to the mainland word (政府資訊公開, 規範性檔案), after the
#: traditional → simplified character fold. Keys and values are in folded form.
REGIONAL_WORDS: Final[tuple[tuple[str, str], ...]] = (
    ("资讯", "信息"),
    ("讯息", "信息"),
    ("档案", "文件"),
)

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
# One table: simplified characters, then dropped marks, then punctuation (the folds do not overlap).
_FOLD_TABLE: Final[dict[int, str | int | None]] = {**TO_SIMPLIFIED, **_DROP, **_PUNCT}
# The same table as a list indexed by code point, for the characters of the Basic Multilingual Plane (built on first
# use): :meth:`str.translate` looks a character up in a list about twice as fast as in a dict (no exception for a
# character the dict lacks). A text with a character past the plane is folded with the dict.
_BMP: Final = 0x10000
_PAST_BMP = re.compile("[\U00010000-\U0010ffff]")
_FOLD_LIST: list[str | int | None] = []


def _fold_list() -> list[str | int | None]:
    if not _FOLD_LIST:
        table: list[str | int | None] = list(range(_BMP))
        for code, folded in _FOLD_TABLE.items():
            if code < _BMP:  # a character as its code point: translate writes it without looking at a string
                table[code] = ord(folded) if isinstance(folded, str) and len(folded) == 1 else folded
        _FOLD_LIST[:] = table
    return _FOLD_LIST


def _translate(text: str) -> str:
    """``text.translate(_FOLD_TABLE)``, made quicker."""
    if _PAST_BMP.search(text) is not None:
        return text.translate(_FOLD_TABLE)
    return text.translate(_FOLD_LIST or _fold_list())


_ITEM_NUMBER = re.compile(r"^(\d{1,2})(?:[.、)]|\.、)")
_SECTION_NUMBER = re.compile(r"^([一二三四五六七八九十]{1,3})[.、:]")
_NUMBER_START = re.compile(r"\d|[一二三四五六七八九十]{1,3}[.、:]")
_FOLDED_MAX: Final = 20_000


#: Texts longer than this are folded each time, not kept: a crawler's page on one line recurs in no other report,
#: and the cache's memory stays bounded (at most :data:`_FOLDED_MAX` texts of at most this many characters).
_FOLDED_TEXT: Final = 1024


class _Folded(dict[str, str]):
    """The keys folded so far (labels, headers and their variants recur in every report; a bounded cache): a text
    is folded when it is first looked up."""

    def __missing__(self, text: str) -> str:
        s = _fold(text)
        if len(text) <= _FOLDED_TEXT:
            if len(self) >= _FOLDED_MAX:
                self.clear()
            self[text] = s
        return s


_FOLDED = _Folded()


def fold(text: str) -> str:
    """The matching key of a label, heading or header as published.

    Args:
        text: a label as printed in a report (any script, spacing, punctuation).

    Returns:
        A key that equals ``fold(official_label)`` for the official label and for its declared variants.
    """
    return _FOLDED[text]


def fold_all(texts: Iterable[str]) -> list[str]:
    """:func:`fold` of each of ``texts`` (the items of a whole source: one lookup each, no call)."""
    return list(map(_FOLDED.__getitem__, texts))


#: Texts up to this long are folded (and kept) by :func:`prefolded`: the cells and labels of a table, which recur.
_PREFOLD_SHORT: Final = 64


def prefolded(texts: Iterable[str]) -> list[str]:
    """Each of ``texts`` folded when it is short or its fold is known already, else only NFKC-normalized (a quick
    first form of a whole source for :func:`fold_patterns`: the prose of a report not seen before is not folded)."""
    folded = _FOLDED
    known = folded.get
    normalize = unicodedata.normalize
    return [known(t) or (folded[t] if len(t) <= _PREFOLD_SHORT else normalize("NFKC", t)) for t in texts]


@cache
def _unfolded() -> dict[str, set[str]] | None:
    """Every character :func:`fold` may make, with the characters it makes it from (itself included) when they
    follow NFKC, or ``None`` when the fold is not one character for at most one (then no pattern is made)."""
    inverse: dict[str, set[str]] = {}
    for code, folded in _FOLD_TABLE.items():
        made = chr(folded) if isinstance(folded, int) else folded or ""
        if len(made) > 1:
            return None
        if made:
            inverse.setdefault(made, set()).add(chr(code))
    for regional, mainland in REGIONAL_WORDS:
        if len(regional) != len(mainland):
            return None
        for r, m in zip(regional, mainland, strict=True):  # 资讯 → 信息: 资 may make 信, 讯 may make 息
            inverse.setdefault(m, set()).update({r, *inverse.get(r, ())})
    return inverse


# What a fold drops between two characters it keeps: the marks the table drops and pinyin after a character.
_DROPPED: Final = "".join(chr(c) for c, folded in _FOLD_TABLE.items() if folded is None or folded == "")
# The marks an item or section number is written with (1、 1) 一. 一:): the fold rewrites them as "." or "、".
_NUMBER_MARKS: Final = ".、):"


def fold_patterns(words: str, *, then: str = "", between: str = "") -> tuple[str, ...] | None:
    """Regular expressions that find, in texts of :func:`prefolded` joined, every place where ``words`` (folded)
    may stand in the same texts folded and joined; they may find more (a quick first look, never a miss).

    Each character of ``words`` is matched by any character the fold makes it from (traditional forms, full-width
    and regional spellings), the marks of item numbers stand for each other, and what a fold drops (spaces,
    quotes, pinyin in brackets) may stand between. With ``then``: ``words``, then any run of
    digits and characters of ``between`` (folded), then ``then`` (folded).

    Returns:
        One expression for each character the first of ``words`` may be spelled with, each starting with that
        character: joined with ``|``, the search skips quickly to where one may start. ``None`` when the fold
        cannot be undone character by character (a table that makes two characters of one), or ``words`` is
        empty.
    """
    spellings = _spellings()
    if spellings is None or not words:
        return None
    rest = "".join(_GAP + _one_of(spellings(c)) for c in words[1:])
    if then:
        values = set().union(*map(spellings, between)) - set(_DROPPED)
        rest += rf"(?:\d|{_one_of(values)}|{_GAP_ONE})*"
        rest += _GAP.join(_one_of(spellings(c)) for c in then)
    return tuple(re.escape(first) + rest for first in sorted(spellings(words[0])))


@cache
def _spellings() -> Callable[[str], set[str]] | None:
    """A function giving the characters a text only NFKC-normalized may have where its fold has a character (see
    :func:`fold_patterns`), or ``None`` when the fold cannot be undone character by character."""
    inverse = _unfolded()
    if inverse is None:
        return None
    marks = set(_NUMBER_MARKS).union(*(inverse.get(m, ()) for m in _NUMBER_MARKS))

    def spellings(c: str) -> set[str]:
        chars = {c, *inverse.get(c, ())}
        return chars | marks if c in marks else chars

    return spellings


def _one_of(chars: set[str]) -> str:
    """A pattern of one of ``chars``: a character alone is written as itself (a class of characters past Latin-1
    costs the compiler a map of the whole plane, and these patterns hold hundreds)."""
    if len(chars) == 1:
        return re.escape(next(iter(chars)))
    return "[" + "".join(map(re.escape, sorted(chars))) + "]"


# One thing a fold drops between two characters it keeps: a mark the table drops, or pinyin in brackets (any short
# text in brackets here: more than the fold's own pattern, never less). The marks past Latin-1 are alternatives of
# their own, not one class, which the compiler would map over the whole plane at each of the hundreds of places.
_GAP_ONE: Final = "|".join(
    [
        "[" + re.escape("".join(c for c in _DROPPED if ord(c) < 256)) + "]",
        *(re.escape(c) for c in _DROPPED if ord(c) >= 256),
        r"\([^()]{1,8}\)",
    ]
)
_GAP: Final = f"(?:{_GAP_ONE})*"


def first_spellings(prefixes: Iterable[str]) -> frozenset[str] | None:
    """The characters a text may start with, once NFKC-normalized and past what the fold drops before its first
    character, when its fold starts with one of ``prefixes`` (folded): for :func:`fold_starting`. ``None`` when
    the fold cannot be undone character by character."""
    spellings = _spellings()
    if spellings is None:
        return None
    return frozenset().union(*(spellings(p[0]) for p in prefixes if p))


def fold_starting(text: str, firsts: frozenset[str]) -> str | None:
    """:func:`fold` of ``text`` when it is known, or when the text may start with one of ``firsts`` (from
    :func:`first_spellings`), else ``None`` (its fold surely starts with none of the prefixes): a text not folded
    before is only NFKC-normalized, and folded only when its first character, past what the fold drops (marks,
    pinyin in brackets), is one of ``firsts``."""
    known = _FOLDED.get(text)
    if known is not None:
        return known
    s = unicodedata.normalize("NFKC", text).lstrip(_DROPPED)
    while (m := _PINYIN.match(s)) is not None:  # the fold drops pinyin first, then the marks
        s = s[m.end() :].lstrip(_DROPPED)
    if s[:1] not in firsts:
        return None
    return _FOLDED[text]


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    if "(" in s:
        s = _PINYIN.sub("", s)
    s = _translate(s)
    if _NUMBER_START.match(s):  # an item or section number: written one way (a match, not a substitution: quicker)
        m = _ITEM_NUMBER.match(s)
        if m is not None:
            s = f"{m[1]}.{s[m.end() :]}"
        m = _SECTION_NUMBER.match(s)
        if m is not None:
            s = f"{m[1]}、{s[m.end() :]}"
    for regional, mainland in REGIONAL_WORDS:
        if regional in s:
            s = s.replace(regional, mainland)
    return s


def _same_length_char(c: str) -> str:
    folded = unicodedata.normalize("NFKC", c)
    return folded if len(folded) == 1 else c


class _SameLength(dict[int, str]):
    """Every character seen so far, mapped to its one-character fold (NFKC where that is one character, then T→S);
    a character is folded when :meth:`str.translate` first meets it."""

    def __missing__(self, code: int) -> str:
        folded = to_simplified(_same_length_char(chr(code)))
        if len(self) < _SAME_LENGTH_MAX:  # a hostile text of every character: the rest are folded each time
            self[code] = folded
        return folded


_SAME_LENGTH = _SameLength()
_SAME_LENGTH_MAX: Final = 65536


def fold_same_length(text: str) -> str:
    """Fold ``text`` one character for one character (NFKC where it yields one character, then T→S).

    Offsets into the result are offsets into ``text``, so a match can be cut out of the published text.
    """
    if text.isascii():
        return text
    return text.translate(_SAME_LENGTH)


# --- cells -------------------------------------------------------------------------------------------

CellKind = Literal["number", "missing", "blank", "text"]

_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.\d{1,8})?")
_UNITS = ("万元", "萬元", "件", "元", "项", "条", "个")
# A value and its unit with spaces between (``25.1 万元``): one cell.
_SPACED_UNIT = re.compile(r"([-+]?[\d.,]{1,24})\s{1,4}(" + "|".join(_UNITS) + ")")

#: The units of money an amount may be printed in, and what one of each is in 元.
MONEY_UNITS: Final[dict[str, int]] = {"元": 1, "万元": 10_000}


def _joined_unit(s: str) -> str:
    """``s``, a value and its unit with spaces between (``25.1 万元``), without the spaces; else ``""``."""
    spaced = _SPACED_UNIT.fullmatch(s)
    return spaced.group(1) + spaced.group(2) if spaced is not None else ""


def money_unit(text: str) -> str | None:
    """The unit of money printed after the number in the cell ``text`` (``25.1万元`` → ``万元``), or ``None``."""
    s = to_simplified(unicodedata.normalize("NFKC", text)).rstrip()
    for unit in sorted(MONEY_UNITS, key=len, reverse=True):
        if s.endswith(unit):
            return unit
    return None


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


def read_cell(text: str) -> Cell:
    """Classify one published cell.

    Args:
        text: the cell's text as published.

    Returns:
        The :class:`Cell`: numbers are exact (``1,926`` → 1926, ``722.61`` → ``Decimal("722.61")``); a unit
        printed after the number (``73件``, ``0万元``) is allowed.
    """
    kind, value = classify(text.strip())
    if kind == "number":
        return Cell(kind="number", value=value)
    return _BLANK if kind == "blank" else _MISSING if kind == "missing" else _TEXT


def classify(s: str) -> tuple[CellKind, int | Decimal | None]:  # noqa: PLR0911, PLR0912 - one exit per kind of cell
    """:func:`read_cell` of an already stripped ``s``, as a (kind, value) pair: no object for the common cases."""
    if s.isascii() and s.isdigit() and len(s) <= 15:  # the common case: a plain count
        return "number", int(s)
    if not s:
        return "blank", None
    if "\u4e00" <= s[0] <= "\u9fff" and s not in MISSING_MARKERS:
        return "text", None  # a label: NFKC keeps a CJK ideograph, and no number starts with one
    s = unicodedata.normalize("NFKC", s).strip()
    if not s:
        return "blank", None
    if len(s) > 40:
        return "text", None
    if any(c.isspace() for c in s):  # several values in one cell ("0 0 0" in a PDF line) are split by the caller
        s = _joined_unit(s)  # but a value and its unit are one (25.1 万元)
        if not s:
            return "text", None
    if s in MISSING_MARKERS:
        return "missing", None
    for unit in _UNITS:
        if s.endswith(unit) and len(s) > len(unit):
            s = s[: -len(unit)]
            break
    if not _NUMBER.fullmatch(s):
        return "text", None
    s = s.replace(",", "")
    if "." in s:
        try:
            return "number", Decimal(s)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            return "text", None
    return "number", int(s)
