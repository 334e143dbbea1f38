"""Tokens: the items of the table region cut into labels, numbers, missing markers and blank cells.

However a table was flattened (format-2021.md §4 styles A–F), its items become one flat sequence of tokens. The
tokens are held column-wise in :class:`Tokens` (one list per attribute, indexed by token number), so cutting a
report makes no object per token; a token's place in the source is a position (:func:`~._source.position`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from govreport.errors import ParseError
from govreport.parsers._lexicon import Lexicon
from govreport.parsers._source import Source
from govreport.parsers.normalize import MONEY_UNITS, classify, fold

__all__ = ["BLANK", "HEADING", "MISSING", "NUMBER", "STRONG", "TEXT", "UNREADABLE", "WEAK", "Tokens", "tokenize"]

# Token kinds.
TEXT: Final = 0
NUMBER: Final = 1
MISSING: Final = 2
BLANK: Final = 3
HEADING: Final = 4
#: A cell that holds something other than a number or a missing marker (``N/A``, ``一``, ``(1)``, ``1e3``, a number
#: of more digits than a count may have): still a cell, read as missing with a ``parse.not_a_number`` finding.
UNREADABLE: Final = 5
#: The kinds of value cells (what a row's cells are), as opposed to labels and blanks.
STRONG: Final = (NUMBER, MISSING, UNREADABLE)
#: The key of a *weak* blank: ``a | b |`` may end with a blank cell or with a terminating pipe; a weak blank is
#: used only when the row is one cell short without it.
WEAK: Final = "\x00weak"

_KINDS: Final = {"number": NUMBER, "missing": MISSING, "blank": BLANK, "text": TEXT}
# A word that is no label but was meant as a value: no CJK ideograph, and a digit; or in a cell of its own, a
# short ASCII text or a Chinese numeral.
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_DIGIT = re.compile(r"\d")
_CHINESE_NUMERAL = re.compile("[〇零一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟]{1,8}")
_SHORT_ASCII: Final = 8
_WORD_MAX: Final = 24
_MD_DELIMITER = re.compile(r"\s{0,8}:?-{3,}:?\s{0,8}")
_WORD = re.compile(r"\S+")
# A run of digits too long for one number (in crawler text, several cells run together), maybe with a unit.
_DIGIT_RUN = re.compile(r"[0-9]{16,}(?:\.[0-9]{1,8})?[^\s0-9]{0,2}")
# A piece longer than this is cut into words lazily, counting them against the token limit as it goes.
_LONG_PIECE: Final = 4096


class Tokens:
    """The tokens of a table region, column-wise: token ``i`` is ``kind[i]``, ``text[i]``, ``key[i]``…

    Attributes:
        kind: :data:`TEXT`, :data:`NUMBER`, :data:`MISSING`, :data:`UNREADABLE`, :data:`BLANK` or
            :data:`HEADING`.
        text: the token as published (stripped).
        key: the folded key of a text token; the section number of a heading; :data:`WEAK` for a weak blank.
        value: the number of a number token.
        pos: the token's position in the source.
    """

    __slots__ = ("key", "kind", "labels", "limit", "pos", "source", "text", "value", "weak")

    def __init__(self, source: Source, limit: int, labels: Lexicon) -> None:
        self.source = source
        self.limit = limit
        self.labels = labels
        self.kind: list[int] = []
        self.text: list[str] = []
        self.key: list[str] = []
        self.value: list[int | Decimal | None] = []
        self.pos: list[int] = []
        #: Whether a weak blank is among the tokens.
        self.weak = False

    def __len__(self) -> int:
        return len(self.kind)

    def add(self, kind: int, text: str, key: str, value: int | Decimal | None, pos: int) -> None:
        """Append one token."""
        self.kind.append(kind)
        self.text.append(text)
        self.key.append(key)
        self.value.append(value)
        self.pos.append(pos)

    def strong(self, i: int) -> bool:
        """Whether token ``i`` is a value cell (a number or a missing marker), not a label or a blank."""
        return self.kind[i] in STRONG

    def refuse(self, pos: int) -> None:
        """Raise: the region runs to more tokens than :attr:`limit`.

        Raises:
            ParseError: always.
        """
        msg = (
            f"not a report: the tables between sections 二 and 五 run to more than {self.limit} cells "
            f"(at {self.source.location(pos)})"
        )
        raise ParseError(msg)


#: What a line or cell cuts into, as offsets from its start: kinds, texts, keys, values, offsets.
_Template = tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...], tuple[int | Decimal | None, ...], tuple[int, ...]]
# Table lines recur across reports ("0 |", labels, "|"): what each cuts into is kept (a bounded cache).
_CACHE_MAX: Final = 50_000
_CACHE_TEXT: Final = 512


def tokenize(source: Source, lex: Lexicon, *, start: int, end: int, headings: Mapping[int, int], limit: int) -> Tokens:
    """The tokens of items ``start`` to ``end`` of ``source``; the items in ``headings`` (item → section) are
    section headings; ``lex`` tells labels from values that are not numbers.

    Raises:
        ParseError: the items cut into more than ``limit`` tokens (no report's tables do).
    """
    tokens = Tokens(source, limit, lex)
    line_cache, cell_cache = lex.cache("lines"), lex.cache("cells")
    texts = source.texts
    cells = source.cells
    runs = source.runs
    kinds, text_of, keys, values, positions = tokens.kind, tokens.text, tokens.key, tokens.value, tokens.pos
    for idx in range(start, end):
        text = texts[idx]
        base = idx << 32
        section = headings.get(idx)
        if section is not None:
            tokens.add(HEADING, text, str(section), None, base)
            continue
        cell = cells is not None and cells[idx]
        cache = cell_cache if cell else line_cache
        found = cache.get(text)
        if found is None:
            found = _template(tokens, text, base, cell=cell)
            if len(text) <= _CACHE_TEXT:
                if len(cache) >= _CACHE_MAX:
                    cache.clear()
                cache[text] = found
        k, t, ky, v, offsets = found
        if runs and idx in runs and TEXT in k:  # crawler text: a run of more digits than a number has is cells
            k = tuple(
                UNREADABLE if kk == TEXT and _DIGIT_RUN.fullmatch(tt) else kk for kk, tt in zip(k, t, strict=True)
            )
        if len(k) == 1:  # one token (every HTML cell, most table lines)
            kinds.append(k[0])
            text_of.append(t[0])
            keys.append(ky[0])
            values.append(v[0])
            positions.append(base + offsets[0])
            if ky[0] == WEAK:
                tokens.weak = True
            if len(kinds) > limit:
                tokens.refuse(base)
            continue
        if not k:
            continue
        if WEAK in ky:
            tokens.weak = True
        kinds.extend(k)
        text_of.extend(t)
        keys.extend(ky)
        values.extend(v)
        positions.extend([base + o for o in offsets])
        if len(kinds) > limit:
            tokens.refuse(base)
    return tokens


def _template(tokens: Tokens, text: str, base: int, *, cell: bool) -> _Template:
    """Cut one item (within what is left of the limit) into a template of offsets."""
    scratch = Tokens(tokens.source, tokens.limit - len(tokens.kind), tokens.labels)
    if cell:
        _cell(scratch, text, base)
    else:
        _line(scratch, text, base)
    return (
        tuple(scratch.kind),
        tuple(scratch.text),
        tuple(scratch.key),
        tuple(scratch.value),
        tuple(p - base for p in scratch.pos),
    )


def _cell(tokens: Tokens, text: str, pos: int) -> None:
    """An HTML table cell: one token, whatever it holds."""
    s = text.strip()
    kind, value = classify(s)
    if kind != "text":
        tokens.add(_KINDS[kind], s, "", value, pos)
        return
    key = fold(text)
    tokens.add(UNREADABLE if _unreadable(tokens.labels, s, key) else TEXT, s, key, None, pos)


def _unreadable(lex: Lexicon, word: str, key: str) -> bool:
    """Whether the cell ``word`` (folded: ``key``), which is no number, was meant as a value: it is no label or piece
    of one, and has a digit but no CJK ideograph (``1e3``, ``(1)``, ``1O``, 17 digits), or it is short ASCII text
    (``N/A``) or a Chinese numeral (``一``); the last two even where a label starts with the same characters."""
    if not key or len(word) > _WORD_MAX or key in lex.entries:
        return False
    if key not in lex.prefixes and _CJK.search(word) is None and _DIGIT.search(key) is not None:
        return True
    return (key.isascii() and len(key) <= _SHORT_ASCII) or _CHINESE_NUMERAL.fullmatch(key) is not None


def _line(tokens: Tokens, text: str, pos: int) -> None:
    """A line (or paragraph): cut at ``|`` (each piece a cell), else into words and values."""
    if "｜" in text:
        text = text.replace("｜", "|")
    if "|" not in text:
        if text and not text.isspace():
            _piece(tokens, text, pos, 0)
        return
    if text.count("|") > tokens.limit:
        tokens.refuse(pos)
    pieces = text.split("|")
    if (
        "---" in text
        and all(not p.strip() or _MD_DELIMITER.fullmatch(p) for p in pieces)
        and any(p.strip() for p in pieces)
    ):
        return  # a markdown delimiter row |---|---|
    offset = 0
    last = len(pieces) - 1
    for i, piece in enumerate(pieces):
        # every piece before a pipe is a cell (maybe blank); the piece after the last pipe only if not blank
        if i < last or (piece and not piece.isspace()):
            _piece(tokens, piece, pos, offset, cell=True)
        elif i > 0 and piece:
            tokens.add(BLANK, "", WEAK, None, pos + offset)
            tokens.weak = True
        offset += len(piece) + 1


def _piece(tokens: Tokens, text: str, pos: int, offset: int, *, cell: bool = False) -> None:
    """One piece of a line: a blank cell, one value, or words (labels and the values a PDF line runs together);
    ``cell``: the piece is a cell of a pipe table."""
    s = text.strip()
    if not s:
        tokens.add(BLANK, "", "", None, pos + offset)
        return
    lead = len(text) - len(text.lstrip())
    kind, value = classify(s)
    if kind != "text":
        tokens.add(_KINDS[kind], s, "", value, pos + offset + lead)
        return
    if len(s.split(None, 1)) == 1:  # one word: the piece itself
        key = fold(s)
        word_kind = UNREADABLE if cell and _unreadable(tokens.labels, s, key) else TEXT
        tokens.add(word_kind, s, key, None, pos + offset + lead)
        return
    if len(text) > _LONG_PIECE:  # a huge piece: cut lazily, within the limit
        for m in _WORD.finditer(text):
            _word(tokens, m.group(), pos + offset + m.start())
            if len(tokens.kind) > tokens.limit:
                tokens.refuse(pos)
        return
    cursor = 0
    for word in text.split():
        start = text.find(word, cursor)
        _word(tokens, word, pos + offset + start)
        cursor = start + len(word)


def _word(tokens: Tokens, word: str, pos: int) -> None:
    """One word of several in a piece: a value, or text (where words run together, one that is no number may be
    a separator or a label's piece as well as a value, so it is never taken for a cell)."""
    kind, value = classify(word)
    if kind == "text" and tokens.kind and tokens.kind[-1] == NUMBER and fold(word) in MONEY_UNITS:
        tokens.text[-1] += word  # a unit of money printed apart from its value (25.1 万元): the value's unit
    elif kind == "text":
        tokens.add(TEXT, word, fold(word), None, pos)
    else:
        tokens.add(_KINDS[kind], word, "", value, pos)
