"""Tokens: the items of the table region cut into labels, numbers, missing markers and blank cells.

However a table was flattened (format-2021.md §4 styles A–F), its items become one flat sequence of tokens. The
tokens are held column-wise in :class:`Tokens` (the kinds as bytes, one list per other attribute, indexed by token
number), so cutting a report makes no object per token; a token's place in the source is a position
(:func:`~._source.position`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from itertools import count
from typing import Final

from govreport.errors import ParseError
from govreport.parsers._lexicon import Lexicon
from govreport.parsers._source import Source
from govreport.parsers.normalize import MONEY_UNITS, classify, fold

__all__ = [
    "BLANK",
    "HEADING",
    "MISSING",
    "NUMBER",
    "STRONG",
    "TEXT",
    "UNREADABLE",
    "WEAK",
    "Tokens",
    "columns",
    "cut_items",
]

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
            :data:`HEADING`, one byte per token.
        text: the token as published (stripped).
        key: the folded key of a text token; the section number of a heading; :data:`WEAK` for a weak blank.
        value: the number of a number token.
        pos: the token's position in the source.
        weak: whether a weak blank is among the tokens.
    """

    __slots__ = ("key", "kind", "labels", "limit", "pos", "source", "text", "value", "weak")

    def __init__(self, source: Source, limit: int, labels: Lexicon) -> None:
        self.source = source
        self.limit = limit
        self.labels = labels
        self.kind = b""
        self.text: list[str] = []
        self.key: list[str] = []
        self.value: list[int | Decimal | None] = []
        self.pos: list[int] = []
        self.weak = False

    def __len__(self) -> int:
        return len(self.kind)

    def refuse(self, pos: int) -> None:
        """Raise: the region runs to more tokens than :attr:`limit`.

        Raises:
            ParseError: always.
        """
        _refuse(self.source, self.limit, pos)


def _refuse(source: Source, limit: int, pos: int) -> None:
    msg = (
        f"not a report: the tables between sections 二 and 五 run to more than {limit} cells "
        f"(at {source.location(pos)})"
    )
    raise ParseError(msg)


class _Cut:
    """The tokens one item cuts into, as they are cut (see :class:`Tokens`), at most :attr:`room` of them."""

    __slots__ = ("key", "kind", "labels", "limit", "pos", "room", "source", "text", "value")

    def __init__(self, source: Source, limit: int, room: int, labels: Lexicon) -> None:
        self.source = source
        self.limit = limit
        self.room = room
        self.labels = labels
        self.kind: list[int] = []
        self.text: list[str] = []
        self.key: list[str] = []
        self.value: list[int | Decimal | None] = []
        self.pos: list[int] = []

    def add(self, kind: int, text: str, key: str, value: int | Decimal | None, pos: int) -> None:
        """Append one token."""
        self.kind.append(kind)
        self.text.append(text)
        self.key.append(key)
        self.value.append(value)
        self.pos.append(pos)

    def check(self, pos: int, count: int | None = None) -> None:
        """Refuse at ``pos`` when the item cuts (or would cut, ``count``) into more tokens than there is room for.

        Raises:
            ParseError: over the limit.
        """
        if (len(self.kind) if count is None else count) > self.room:
            _refuse(self.source, self.limit, pos)


#: What a line or cell cuts into, as offsets from its start: kinds (one byte each), texts, keys, values, offsets,
#: and the id of its shape (its kinds, keys and offsets: items of one shape cut alike, whatever their values).
_Template = tuple[bytes, tuple[str, ...], tuple[str, ...], tuple[int | Decimal | None, ...], tuple[int, ...], int]
# Table lines recur across reports ("0 |", labels, "|"): what each cuts into is kept (a bounded cache).
_CACHE_MAX: Final = 50_000
_CACHE_TEXT: Final = 512
_HEADING_KIND: Final = bytes((HEADING,))
# Shape ids are never reused, so a shape forgotten (its cache emptied) never takes another's id.
_SHAPE_IDS = count()


def _shape_id(lex: Lexicon, kinds: bytes, keys: tuple[str, ...], offsets: tuple[int, ...], *, kept: bool = True) -> int:
    """The id of the shape ``kinds``, ``keys``, ``offsets``; one of its own for an item not ``kept`` (a text longer
    than the caches hold: the shapes kept stay as small as the items kept)."""
    if not kept:
        return next(_SHAPE_IDS)
    shapes = lex.cache("shapes")
    key = (kinds, keys, offsets)
    found: int | None = shapes.get(key)
    if found is None:
        if len(shapes) >= _CACHE_MAX:
            shapes.clear()
        found = shapes[key] = next(_SHAPE_IDS)
    return found


def _heading(lex: Lexicon, section: int) -> _Template:
    """What the heading of ``section`` is in the tokens (its text as published is put in when the columns are
    made)."""
    headings = lex.cache("heading templates")
    found: _Template | None = headings.get(section)
    if found is None:
        kinds, keys = _HEADING_KIND, (str(section),)
        found = headings[section] = (kinds, ("",), keys, (None,), (0,), _shape_id(lex, kinds, keys, (0,)))
    return found


def cut_items(
    source: Source, lex: Lexicon, *, start: int, end: int, headings: Mapping[int, int], limit: int
) -> list[_Template]:
    """What each of items ``start`` to ``end`` of ``source`` cuts into (:func:`columns` makes the tokens of
    them); the items in ``headings`` (item → section) are section headings; ``lex`` tells labels from values that
    are not numbers.

    What a recurring line or cell cuts into is looked up in a cache; only the items not there are cut
    (:func:`_template`).

    Raises:
        ParseError: the items cut into more than ``limit`` tokens (no report's tables do).
    """
    line_cache, cell_cache = lex.cache("lines"), lex.cache("cells")
    texts, cells = source.texts[start:end], source.cells
    if cells is None:
        found: list[_Template | None] = list(map(line_cache.get, texts))
    else:
        found = [(cell_cache if c else line_cache).get(t) for t, c in zip(texts, cells[start:end], strict=True)]
    for idx, section in headings.items():
        if start <= idx < end:
            found[idx - start] = _heading(lex, section)
    if None in found:  # cut what is not in the cache, counting the tokens as they are cut
        tokens = Tokens(source, limit, lex)
        so_far = 0
        for i, known in enumerate(found):
            template = known
            if template is None:
                text, cell = texts[i], cells is not None and cells[start + i]
                template = found[i] = _template(tokens, text, (start + i) << 32, cell=cell, room=limit - so_far)
                if len(text) <= _CACHE_TEXT:
                    cache = cell_cache if cell else line_cache
                    if len(cache) >= _CACHE_MAX:
                        cache.clear()
                    cache[text] = template
            so_far += len(template[0])
            if so_far > limit:
                tokens.refuse((start + i) << 32)
    return found  # type: ignore[return-value]  # every None was cut above


def columns(source: Source, lex: Lexicon, found: Sequence[_Template], *, start: int, limit: int) -> Tokens:
    """The tokens of the items from ``start`` on, which cut into ``found`` (:func:`cut_items`), column-wise.

    Raises:
        ParseError: the items cut into more than ``limit`` tokens.
    """
    tokens = Tokens(source, limit, lex)
    texts, runs = source.texts, source.runs
    kinds: list[int] = []
    text_of, keys, values, positions = tokens.text, tokens.key, tokens.value, tokens.pos
    for idx, (k, t, ky, v, offsets, _) in enumerate(found, start):
        base = idx << 32
        if k == _HEADING_KIND:  # a section heading: its text as published
            t = (texts[idx],)  # noqa: PLW2901
        elif runs and idx in runs and TEXT in k:  # crawler text: a run of more digits than a number has is cells
            k = _with_runs(k, t)  # noqa: PLW2901
        if len(k) == 1:  # one token (every HTML cell, most table lines)
            kinds.append(k[0])
            text_of.append(t[0])
            keys.append(ky[0])
            values.append(v[0])
            positions.append(base + offsets[0])
        elif k:
            kinds.extend(k)
            text_of.extend(t)
            keys.extend(ky)
            values.extend(v)
            positions.extend([base + o for o in offsets])
        else:
            continue
        if len(kinds) > limit:
            tokens.refuse(base)
    tokens.kind = bytes(kinds)
    tokens.weak = WEAK in keys
    return tokens


def _with_runs(kinds: bytes, texts: tuple[str, ...]) -> bytes:
    """``kinds`` with each text token that is a run of more digits than a number has made unreadable."""
    return bytes(UNREADABLE if k == TEXT and _DIGIT_RUN.fullmatch(t) else k for k, t in zip(kinds, texts, strict=True))


def _template(tokens: Tokens, text: str, base: int, *, cell: bool, room: int) -> _Template:
    """Cut one item into a template of offsets; ``room``: the tokens it may cut into before the limit."""
    scratch = _Cut(tokens.source, tokens.limit, room, tokens.labels)
    if cell:
        _cell(scratch, text, base)
    else:
        _line(scratch, text, base)
    kinds, keys, offsets = bytes(scratch.kind), tuple(scratch.key), tuple(p - base for p in scratch.pos)
    return (
        kinds,
        tuple(scratch.text),
        keys,
        tuple(scratch.value),
        offsets,
        _shape_id(tokens.labels, kinds, keys, offsets, kept=len(text) <= _CACHE_TEXT),
    )


def _cell(tokens: _Cut, text: str, pos: int) -> None:
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


def _line(tokens: _Cut, text: str, pos: int) -> None:
    """A line (or paragraph): cut at ``|`` (each piece a cell), else into words and values."""
    if "｜" in text:
        text = text.replace("｜", "|")
    if "|" not in text:
        if text and not text.isspace():
            _piece(tokens, text, pos, 0)
        return
    tokens.check(pos, text.count("|"))
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
        offset += len(piece) + 1


def _piece(tokens: _Cut, text: str, pos: int, offset: int, *, cell: bool = False) -> None:
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
            tokens.check(pos)
        return
    cursor = 0
    for word in text.split():
        start = text.find(word, cursor)
        _word(tokens, word, pos + offset + start)
        cursor = start + len(word)


def _word(tokens: _Cut, word: str, pos: int) -> None:
    """One word of several in a piece: a value, or text (where words run together, one that is no number may be
    a separator or a label's piece as well as a value, so it is never taken for a cell)."""
    kind, value = classify(word)
    if kind == "text" and tokens.kind and tokens.kind[-1] == NUMBER and fold(word) in MONEY_UNITS:
        tokens.text[-1] += word  # a unit of money printed apart from its value (25.1 万元): the value's unit
    elif kind == "text":
        tokens.add(TEXT, word, fold(word), None, pos)
    else:
        tokens.add(_KINDS[kind], word, "", value, pos)
