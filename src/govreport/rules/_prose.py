"""Reading numbers out of prose: the claim patterns' placeholders, folding to traditional characters, numerals,
amounts, and PDF line wraps.

Prose is searched as published: patterns are folded so that they match traditional characters too, and a view
of the text without soft line wraps keeps a map back to the original offsets, so excerpts quote the source.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from decimal import Decimal
from functools import cache

from govreport._hanzi import TO_SIMPLIFIED

__all__ = ["STOP", "amount", "compile_pattern", "locator", "number", "required_chars", "unwrap"]

#: A match never crosses the end of a sentence or clause-level punctuation listed here.
STOP = "。；;！!？?\n"

# At most nine digits: a quoted count is a count of requests or cases, and a longer run of digits (a document
# number, or hostile text) is not one; it also keeps int() far from its 4300-digit limit.
_NUM = r"(\d{1,9}|[零〇一二两三四五六七八九十百千]{1,9})"

# An amount of money: at most nine digits before the decimal point and four after, then its unit (元 or 万元).
_AMOUNT = r"(?P<a>\d{1,9}(?:[.．]\d{1,4})?)\s*(?P<unit>万元|元)"

_PLACEHOLDERS = {
    "{n}": f"(?P<n>{_NUM})",
    "{a}": _AMOUNT,
    "{x}": rf"[^{STOP}\d]",
    "{xc}": rf"[^{STOP}，,\d]",
    "{s}": rf"[^{STOP}]",
}

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def number(text: str) -> int | None:
    """An Arabic (full-width too) or simple Chinese numeral (up to 9999) as an int; None if it is not one.

    >>> number("73"), number("七十三"), number("十"), number("abc")
    (73, 73, 10, None)
    """
    if text.isdigit():
        return int(text) if len(text) <= 9 else None
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


_UNITS = {"元": 1, "万元": 10_000}


def amount(text: str, unit: str) -> Decimal | None:
    """An amount of money as exact :class:`~decimal.Decimal` yuan: ``text`` in ``unit`` (元 or 万元, traditional
    characters too); None if either is not one.

    >>> amount("0.038", "万元"), amount("380", "元"), amount("1", "美元")
    (Decimal('380.000'), Decimal('380'), None)
    """
    factor = _UNITS.get(unit.translate(_UNIT_FOLD))
    try:
        value = Decimal(text.replace("．", "."))
    except ArithmeticError:
        return None
    return None if factor is None or not value.is_finite() else value * factor


_UNIT_FOLD = str.maketrans({"萬": "万"})


@cache
def _variants() -> dict[str, str]:
    inverse: dict[str, str] = {}
    for trad, simp in TO_SIMPLIFIED.items():
        s = chr(simp) if isinstance(simp, int) else simp
        t = chr(trad) if isinstance(trad, int) else trad
        if isinstance(s, str) and len(s) == 1 and s != t:
            inverse[s] = inverse.get(s, "") + t
    return inverse


def _fold(pattern: str) -> str:
    """``pattern``, written in simplified characters, rewritten so that it also matches traditional ones.

    Each character with traditional variants becomes a class (``请`` → ``[请請]``).
    """
    variants = _variants()
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        extra = variants.get(ch, "")
        if escaped:
            escaped = False
            out.append(ch)
        elif ch == "\\":
            escaped = True
            out.append(ch)
        elif in_class:
            in_class = ch != "]"
            out.append(ch + extra)
        elif ch == "[":
            in_class = True
            out.append(ch)
        else:
            out.append(f"[{ch}{extra}]" if extra else ch)
    return "".join(out)


@cache
def expand_pattern(pattern: str) -> str:
    """A declared prose pattern as a regular expression: its placeholders (``{n}`` a count, ``{a}`` an amount with
    its unit, ``{x}``, ``{xc}``, ``{s}``) expanded, and folded to match traditional characters too."""
    for key, value in _PLACEHOLDERS.items():
        pattern = pattern.replace(key, value)
    return _fold(pattern)


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a declared prose pattern (:func:`expand_pattern`)."""
    return re.compile(expand_pattern(pattern))


#: Punctuation that never ends a paragraph: a line break right after it is a wrap too.
_OPEN_CLAUSE = frozenset("，,、")


def _wraps(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch.isdigit()


def locator(text: str) -> Callable[[int], tuple[int, int]]:
    """The line and column (both 1-based, in characters) of offsets in ``text``: its line breaks are found once,
    and each offset's line by bisection (counting the breaks before each of thousands of statements took time that
    grows as their square).

    >>> locator("一行\\n第二行")(4)
    (2, 2)
    """
    found: list[list[int]] = []  # the offsets of the line breaks, once the first offset is asked

    def locate(offset: int) -> tuple[int, int]:
        if not found:
            found.append([m.start() for m in _NEWLINE.finditer(text)])
        breaks = found[0]
        before = bisect_left(breaks, offset)  # the line breaks before offset
        return before + 1, offset - (breaks[before - 1] if before else -1)

    return locate


_NEWLINE = re.compile("\n")


def unwrap(text: str) -> tuple[str, list[int] | None]:
    """``text`` without the line breaks a PDF layout put inside sentences, and the map of offsets back.

    A line break between two ideographs or digits is a wrap (``受理政府\\n信息公开申请``), and so is one right after
    a comma (a paragraph never ends with one); every other line break (after 。, ：, a heading's closing bracket…)
    separates paragraphs and stays. Returns the joined text and, when something was joined, for each of its
    characters the offset of that character in ``text``.
    """
    if "\n" not in text:
        return text, None
    drop = [
        i
        for i in (m.start() for m in _NEWLINE.finditer(text))  # the line breaks only, not every character
        if 0 < i < len(text) - 1 and (_wraps(text[i - 1]) or text[i - 1] in _OPEN_CLAUSE) and _wraps(text[i + 1])
    ]
    if not drop:
        return text, None
    pieces: list[str] = []
    offsets: list[int] = []
    start = 0
    for i in (*drop, len(text)):  # whole stretches between the dropped breaks, not character by character
        pieces.append(text[start:i])
        offsets.extend(range(start, i))
        start = i + 1
    return "".join(pieces), offsets


# --- which characters a match must contain (a prefilter) ------------------------------------------------

_CLASS_ESCAPES = frozenset("dDsSwWbBAZ")


class _UnknownError(Exception):
    """A construct the anchor analysis does not follow: no prefilter for that pattern."""


def required_chars(pattern: str) -> tuple[frozenset[str], ...] | None:
    """Sets of characters such that every match of the regular expression ``pattern`` contains at least one
    character of each set, or ``None`` when the pattern is not simple enough to tell. The engine skips a sentence
    that misses one of the sets.

    Only literal characters, character sets without ranges or escapes, groups, alternation, lookarounds (which
    require nothing) and quantifiers are followed; anything else gives ``None``.

    >>> [sorted(s) for s in required_chars("(?:收到|受理)[^。]{0,5}?申请")]
    [['受', '收'], ['申'], ['请']]
    >>> required_chars(r"\\d+件") == (frozenset("件"),)
    True
    >>> required_chars("a|.") is None
    True
    """
    try:
        parser = _AnchorParser(pattern)
        found = parser.alternation()
        if parser.i != len(pattern):
            raise _UnknownError
    except (_UnknownError, IndexError):
        return None
    return found or None


class _AnchorParser:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def alternation(self) -> tuple[frozenset[str], ...]:
        branches = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        if not all(branches):
            return ()
        # one of the branches matches: each contributes its rarest set
        return (frozenset().union(*(min(b, key=len) for b in branches)),)

    def sequence(self) -> tuple[frozenset[str], ...]:
        required: list[frozenset[str]] = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            found, zero_width = self.atom()
            if self.quantifier() > 0 and not zero_width:
                required.extend(found)
        return tuple(required)

    def atom(self) -> tuple[tuple[frozenset[str], ...], bool]:
        ch = self.p[self.i]
        self.i += 1
        if ch == "(":
            zero_width = False
            if self.p.startswith("?:", self.i):
                self.i += 2
            elif self.p.startswith("?P<", self.i):
                self.i = self.p.index(">", self.i) + 1
            elif self.p.startswith(("?=", "?!"), self.i):
                self.i += 2
                zero_width = True
            elif self.p.startswith(("?<=", "?<!"), self.i):
                self.i += 3
                zero_width = True
            elif self.p.startswith("?", self.i):
                raise _UnknownError
            found = self.alternation()
            if self.p[self.i] != ")":
                raise _UnknownError
            self.i += 1
            return found, zero_width
        if ch == "[":
            chars = self.char_set()
            return ((chars,) if chars else ()), False
        if ch == "\\":
            escaped = self.p[self.i]
            self.i += 1
            if escaped in _CLASS_ESCAPES or escaped.isdigit() or escaped.isalpha():
                return (), escaped in "bBAZ"
            return (frozenset(escaped),), False
        if ch in ".^$":
            return (), ch != "."
        if ch in "*+?{":
            raise _UnknownError
        return (frozenset(ch),), False

    def char_set(self) -> frozenset[str] | None:
        chars: set[str] = set()
        exact = self.p[self.i] != "^"
        first = True
        while True:
            ch = self.p[self.i]
            self.i += 1
            if ch == "]" and not first:
                return frozenset(chars) if exact else None
            first = False
            if ch == "\\":
                escaped = self.p[self.i]
                self.i += 1
                if escaped in _CLASS_ESCAPES or escaped.isalpha():
                    exact = False
                chars.add(escaped)
            elif ch == "-" and chars and self.p[self.i] != "]":
                exact = False
            else:
                chars.add(ch)

    def quantifier(self) -> int:
        """The minimum repeat of the quantifier at the cursor (1 without one)."""
        if self.i >= len(self.p):
            return 1
        ch = self.p[self.i]
        minimum = 1
        if ch in "?*":
            minimum = 0
            self.i += 1
        elif ch == "+":
            self.i += 1
        elif ch == "{":
            end = self.p.index("}", self.i)
            low = self.p[self.i + 1 : end].split(",")[0]
            if low and not low.isdigit():
                raise _UnknownError
            minimum = int(low) if low else 0
            self.i = end + 1
        else:
            return 1
        if self.i < len(self.p) and self.p[self.i] in "?+":
            self.i += 1  # lazy or possessive
        return minimum
