"""Edition detection: which registered edition a source follows, read from the signs each edition declares.

Every registered edition declares, as data, what its reports print and reports of the other editions do not
(:attr:`Edition.signs <govreport.editions.Edition.signs>`: column headers, sub-table titles, a row printed without
sub-rows). The folded text of the whole source is searched once for the signs of every edition; the edition with
the most distinct signs is the one read. A *supporting* sign counts only together with another sign of its
edition. A source with no sign of any edition, or with as many signs of two editions, is read as the default
edition (:data:`govreport.editions.DEFAULT_EDITION`) when it is among them. A line of the document's metadata that
names a registered edition (``格式版本：2019``, as govreport's renderers print it) decides by itself.

A caller that needs only the edition (``brief``) gets it more cheaply for a source of the default edition: a quick
look on the texts only NFKC-normalized first rules out every sign of the other editions and every metadata label
(:func:`~.normalize.fold_patterns`: it may find more than the fold would, never less), so the prose of a new
report is not folded; only where one may stand is the whole source folded and searched. Nothing in this module
knows a label or an edition.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Final

import attrs

from govreport._defaults import DEFAULT_EDITION
from govreport.editions import Edition, edition_names, get_edition
from govreport.editions._spec import Sign
from govreport.parsers.normalize import fold, fold_all, fold_patterns, prefolded

__all__ = ["QUICK_AFTER", "Detection", "detect", "quick_look"]

# What may stand between a row label and the next one when the row holds values only: digits, decimal points,
# separators and missing markers (in folded form: spaces and pipes are gone).
_VALUE_MARKS: Final = ".、/\\-—–―─－×xX无空"
_VALUES: Final = rf"[\d{re.escape(_VALUE_MARKS)}]{{0,200}}"
_ITEM_NUMBER: Final = re.compile(r"^\d{1,2}\.")
# What an item number a key's fold rewrites starts with (1、 一.).
_NUMBERED: Final = re.compile(r"[\d一二三四五六七八九十]")
# A metadata line is short; longer items are prose or tables.
_META_MAX: Final = 120


@attrs.frozen(kw_only=True)
class Detection:
    """The edition a source was read as, and why.

    Attributes:
        edition: the name of the edition.
        signs: the signs of that edition found, in the order the source prints them (their words).
        at: the item of the source where the first of them stands, if any.
        others: the other editions whose signs were found too, with their signs.
        declared: the source's metadata names the edition (a ``格式版本`` line).
    """

    edition: str
    signs: tuple[str, ...] = ()
    at: int | None = None
    others: tuple[tuple[str, tuple[str, ...]], ...] = ()
    declared: bool = False


@attrs.frozen(kw_only=True, eq=False)
class _Matcher:
    """The signs of every registered edition, folded: (edition, sign, folded words, the pattern of a sign with
    ``then``)."""

    editions: tuple[Edition, ...]
    signs: tuple[tuple[str, Sign, str, re.Pattern[str] | None], ...]
    meta_labels: tuple[str, ...]
    numbered_labels: bool
    quick: list[re.Pattern[str] | None] = attrs.Factory(list)  # the quick look's pattern, once built (see _quick)
    reads: list[int] = attrs.Factory(lambda: [0])  # the sources read before it was built


_MATCHERS: dict[tuple[int, ...], _Matcher] = {}


def _matcher() -> _Matcher:
    editions = tuple(get_edition(name) for name in edition_names())
    key = tuple(map(id, editions))
    found = _MATCHERS.get(key)
    if found is None:
        _MATCHERS.clear()  # the registry changed: the old matcher is of no more use
        signs = []
        for e in editions:
            for sign in e.signs:
                words = _ITEM_NUMBER.sub("", fold(sign.text))  # an item number inside a line is not folded
                then = None
                if sign.then is not None:
                    then = re.compile(re.escape(words) + _VALUES + re.escape(_ITEM_NUMBER.sub("", fold(sign.then))))
                signs.append((e.name, sign, words, then))
        meta = {fold(f.label) + ":" for e in editions for f in e.fields if f.kind == "edition"}
        found = _MATCHERS[key] = _Matcher(
            editions=editions,
            signs=tuple(signs),
            meta_labels=tuple(sorted(meta)),
            numbered_labels=any(_NUMBERED.match(m) for m in meta),
        )
    return found


#: The brief detection's quick look is built once a process has read this many sources: its pattern takes the
#: compiler tens of milliseconds, more than folding the prose of a few reports (a command that reads one file never
#: builds it; a corpus run builds it once).
QUICK_AFTER: Final = 16


def _quick(matcher: _Matcher, *, build: bool = False) -> re.Pattern[str] | None:
    """The pattern of the quick look of :func:`detect` (``brief``), built on the read after :data:`QUICK_AFTER`
    (or now, with ``build``); ``None`` before, or when none can be made."""
    if not matcher.quick:
        matcher.reads[0] += 1
        if matcher.reads[0] <= QUICK_AFTER and not build:
            return None
        matcher.quick.append(None if matcher.numbered_labels else _others(matcher.meta_labels, matcher.signs))
    return matcher.quick[0]


def quick_look() -> re.Pattern[str] | None:
    """The pattern of the brief detection's quick look for the editions registered now, built now if it was not
    (``None`` when none can be made): for tests and for a long-running process that wants it from the start."""
    return _quick(_matcher(), build=True)


def _others(
    meta: Iterable[str], signs: Iterable[tuple[str, Sign, str, re.Pattern[str] | None]]
) -> re.Pattern[str] | None:
    """One pattern that finds every place where a metadata label (``meta``, folded) or a sign of an edition other
    than the default may stand in a source's texts :func:`prefolded` and joined, or ``None`` when no such pattern
    can be made (see :func:`~.normalize.fold_patterns`) or the default edition is not registered."""
    if DEFAULT_EDITION not in edition_names():
        return None
    patterns: list[str] = []
    words = [(m, "") for m in meta] + [
        (w, _ITEM_NUMBER.sub("", fold(s.then)) if s.then is not None else "")
        for n, s, w, _ in signs
        if n != DEFAULT_EDITION
    ]
    for w, then in words:
        found = fold_patterns(w, then=then, between=_VALUE_MARKS)
        if found is None:
            return None
        patterns += found
    return re.compile("|".join(patterns)) if patterns else None


def _first(document: str, words: str, then: re.Pattern[str] | None) -> int:
    """Where the sign (``words``, then the label of ``then``) first stands in ``document``, or -1."""
    at = document.find(words) if words else -1
    while then is not None and at >= 0 and then.match(document, at) is None:
        at = document.find(words, at + 1)
    return at


def detect(texts: Sequence[str], *, brief: bool = False) -> Detection:
    """The edition the source whose items are ``texts`` follows (see the module's description).

    Args:
        texts: the source's lines, paragraphs and cells, in reading order.
        brief: the caller needs the signs only when the source is read as another edition than the default or
            shows signs of another: when neither a metadata label nor a sign of another edition can stand in the
            source, the default edition is returned without its signs. That is decided on the texts only
            NFKC-normalized (see :func:`~.normalize.fold_patterns`), so the prose of a report not seen before is
            not folded (about a fifth of the parse of a new text report). The quick look is built once the
            process has read :data:`QUICK_AFTER` sources (see :func:`quick_look`); before, the whole search runs.

    Returns:
        The :class:`Detection`.
    """
    matcher = _matcher()
    if not matcher.meta_labels and not matcher.signs:
        return Detection(edition=_default(matcher))
    quick = _quick(matcher) if brief else None
    if quick is not None and quick.search("".join(prefolded(texts))) is None:
        return Detection(edition=DEFAULT_EDITION)
    folded = fold_all(texts)
    document = "".join(folded)
    declared = _declared(texts, folded, document, matcher)
    if declared is not None:
        return declared
    default = _default(matcher)
    if not matcher.signs:
        return Detection(edition=default)
    found: dict[str, dict[str, int]] = {}  # edition -> sign words -> first offset
    for name, sign, words, then in matcher.signs:
        at = _first(document, words, then)
        if at >= 0:
            found.setdefault(name, {}).setdefault(sign.text, at)
    scores: dict[str, int] = {}
    for name, seen in found.items():
        supporting = {s.text for n, s, _, _ in matcher.signs if n == name and s.supporting}
        strong = len(set(seen) - supporting)
        scores[name] = strong + (len(set(seen) & supporting) if strong else 0)
    best = max(scores.values(), default=0)
    leaders = [n for n in (e.name for e in matcher.editions) if scores.get(n, 0) == best and best > 0]
    edition = default if not leaders or default in leaders else leaders[0]

    def ordered(name: str) -> tuple[str, ...]:
        return tuple(sorted(found.get(name, {}), key=found[name].__getitem__)) if name in found else ()

    signs = ordered(edition) if scores.get(edition, 0) else ()
    first = min(found[edition].values()) if signs else None
    return Detection(
        edition=edition,
        signs=signs,
        at=_item_at(folded, first) if first is not None else None,
        others=tuple((n, ordered(n)) for n in (e.name for e in matcher.editions) if n != edition and n in found),
    )


def _default(matcher: _Matcher) -> str:
    """The edition a source without signs is read as."""
    return DEFAULT_EDITION if DEFAULT_EDITION in edition_names() else matcher.editions[0].name


def _item_at(folded: Sequence[str], offset: int) -> int:
    """The item whose folded text holds ``offset`` of the folded document (``folded`` joined); the items before
    the tables are few and long, so this is quicker than the offsets of every item."""
    end = 0
    for i, n in enumerate(map(len, folded)):
        end += n
        if end > offset:
            return i
    return len(folded) - 1  # pragma: no cover - ``offset`` is inside the document


def _declared(texts: Sequence[str], folded: Sequence[str], document: str, matcher: _Matcher) -> Detection | None:
    """A metadata line that names a registered edition (``格式版本：2019（…）``), if the source has one.

    Only the items in whose folded text a metadata label starts are looked at (the folded ``document`` is searched
    once for each label): an item whose key starts with a label holds the label in its folded text too, since the
    marks stripped before the key is folded (``-+``) stay in front of it.
    """
    if not matcher.meta_labels:
        return None
    if matcher.numbered_labels:  # an item number before the label is folded in the key only: look at every item
        candidates: Iterable[int] = range(len(texts))
    else:
        starts: list[int] | None = None
        found: set[int] = set()
        for meta in matcher.meta_labels:
            at = document.find(meta)
            while at >= 0:
                if starts is None:
                    starts = list(accumulate(map(len, folded), initial=0))
                found.add(bisect_right(starts, at) - 1)
                at = document.find(meta, at + 1)
        if not found:
            return None
        candidates = sorted(found)
    names = sorted((e.name for e in matcher.editions), key=len, reverse=True)
    for i in candidates:
        text = texts[i]
        if len(text) > _META_MAX or ("：" not in text and ":" not in text):
            continue
        key = fold(text.lstrip("-+ "))
        label = next((m for m in matcher.meta_labels if key.startswith(m)), None)
        if label is None:
            continue
        value = key[len(label) :]
        name = next((n for n in names if value.startswith(fold(n)) and not value[len(fold(n)) :][:1].isdigit()), None)
        if name is not None:
            return Detection(edition=name, signs=(text.strip(),), at=i, declared=True)
    return None
