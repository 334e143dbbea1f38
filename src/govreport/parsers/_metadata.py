"""Metadata: the title, the agency and the statistics year, wherever the report states them.

Every place a report may state them is read, and each value found is a candidate with its :class:`Origin` (what
stated it, where, and how sure that makes the parser):

===============  ==========  ===========================================================================
source           confidence  where
===============  ==========  ===========================================================================
``hint``         high        the caller's ``agency=``/``year=``
``field``        high        a metadata line naming the field by its label (``机关名称：…``, as renderers print)
``period``       high        the statistics period (``自2025年1月1日至…``): the statistics year
``title``        high        the title line (``#`` titles, titles over two lines, names and years with spaces)
``signature``    high/low    the agency above (or beside) the date line, at the end or under the title
``preamble``     medium      ``本报告由…编制``, ``现将…2025年政府信息公开工作年度报告…``
``crawler``      medium      a crawler's metadata lines (``标题:``, ``发布机构:``)
``page_meta``    medium      an HTML page's ``<meta>`` tags (``ArticleTitle``, ``ContentSource``), a PDF's title
``page_title``   medium      an HTML page's ``<title>``
``file_name``    low         the name of the file read
``date``         low         the report's date (a report is dated in the year after its statistics year)
===============  ==========  ===========================================================================

The first source in this order that states a value gives it; a source of at least medium confidence that states
another is a ``parse.agency_conflict`` (or ``parse.year_conflict``) finding. An agency or year that only a source
of low confidence states is used with a ``parse.agency_uncertain`` (``parse.year_uncertain``) finding. Site
navigation (``栏目导航``, ``当前位置``, breadcrumbs ``首页 > 政务公开 > …``) is never an agency; when nothing
names one, the agency is a visible placeholder with ``parse.agency_missing``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain
from typing import Final, Literal, NamedTuple, TypeVar

import attrs

from govreport.editions import Edition
from govreport.findings import Severity, SourceLocation
from govreport.limits import MAX_AGENCY_CHARS
from govreport.parsers._lexicon import Lexicon
from govreport.parsers._sections import prose
from govreport.parsers._source import Findings, Source, position
from govreport.parsers.normalize import first_spellings, fold, fold_same_length, fold_starting

__all__ = ["PLACEHOLDER_YEAR", "Metadata", "Origin", "placeholder_agency", "read_metadata"]

#: The year written into a parsed report whose source states no year (and no ``year=`` hint was given): an
#: impossible statistics year, paired with an error-severity ``parse.year_missing`` finding.
PLACEHOLDER_YEAR: Final = 1000
_LONG_LINE: Final = 1000
_SHORT_LINE: Final = 80
_HEAD_LINES: Final = 40

_TITLE = re.compile(
    r"((?:19|20)\d{2})\s{0,2}年度?\s{0,2}([^\s。，,、]{0,12}?)(?:政府信息公开|政务公开|信息公开)[^\n。，,]{0,8}?(?:报告|年报)"
)
_TITLE_START = re.compile(r"政府信息公开|政务公开|信息公开")
#: What a title needs in the published text, before any folding: no character but 公 folds to 公 (a test checks).
_OPEN: Final = "公"
_PERIOD = re.compile(r"((?:19|20)\d{2})\s{0,2}年\s{0,2}0?1\s{0,2}月\s{0,2}0?1\s{0,2}日")
#: The most characters :data:`_PERIOD` matches before its 月 (4 + 2 + 1 + 2 + 2 + 2).
_PERIOD_BEFORE_MONTH: Final = 13
#: The characters that fold to 日 and to 月 (a test checks that no other character does).
_DAYS: Final = "日\u2f47\u3290"
_MONTHS: Final = "月\u2f49\u328a\U0001f237"
#: What the period needs in the published text, before any folding: a 日 one to five characters after a 月.
_PERIOD_HINT = re.compile(f"[{_MONTHS}].{{1,5}}?[{_DAYS}]", re.DOTALL)
#: The same in a text with no 月 but 月 itself: a pattern that starts with one character is found several times faster.
_PERIOD_HINT_MONTH = re.compile(f"{_MONTHS[0]}.{{1,5}}?[{_DAYS}]", re.DOTALL)
_AGENCY_CUT = re.compile(r"[，,。:：;；《》“”\"()（）\s、]")
_AGENCY_VERB = re.compile("现予公布|现公布|现将|特发布|公布|发布|关于|编制")
_SITE_NAME = re.compile(r"\s[-_|]\s|[_|]")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_SPACED = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])")
_LETTER_SPACED = re.compile(rf"(?:[{_CJK}0-9][ \t\u3000]){{5}}[{_CJK}0-9]")
_UNSPACED = re.compile(rf"(?<=[{_CJK}0-9])[ \t\u3000]+(?=[{_CJK}0-9])")
_SPACED_YEAR = re.compile(r"(?<!\d)([12]) ([0-9]) ([0-9]) ([0-9])(?![0-9])")
#: How agency names end: a government, an organ, an office, a place.
_AGENCY_END = re.compile(
    r"(?:政府|委员会|管委会|委|局|办公室|办|厅|院|部|署|中心|所|处|站|街道|镇|乡|村|区|县|市|州|盟|旗|省|公司|集团|会|馆|队|司|室|社|行)$"
)
#: Site chrome: navigation bars, breadcrumbs, page tools. Never an agency. (Every branch a literal: the regex
#: engine then skips to the characters that start one, several times faster than trying each branch everywhere.)
_NAVIGATION = re.compile(
    r"导航|当前位置|您的位置|你的位置|您现在的位置|首页|主页|网站地图|站点地图|栏目|频道|>|＞|»|›|→|打印|关闭|字号|分享|登录|注册|无障碍|搜索"
)
_RELATIVE: Final = "本我该贵"
_HAS_CJK = re.compile(f"[{_CJK}]")
#: Site chrome, or what a title says after the agency (never part of its name).
_NOT_A_NAME = re.compile(rf"{_NAVIGATION.pattern}|报告|年报|信息公开$|政务公开$")
_DATE = re.compile(
    r"[(（]?\s{0,2}((?:19|20)\d{2})\s{0,2}(?:年\s{0,2}\d{1,2}\s{0,2}月\s{0,2}\d{1,2}\s{0,2}日|[-./]\d{1,2}[-./]\d{1,2})"
    r"(?:\s{0,2}\d{1,2}:\d{2}(?::\d{2})?)?\s{0,2}[)）]?"
)
#: Each pattern of a preamble, and two words it needs (looked for first: a pattern's search is slow).
_PREAMBLE = (
    (re.compile(r"本报告由([^，,。；;：:]{2,40}?)(?:负责|组织|牵头)?(?:编制|编写|起草|发布)"), "本报告由", ""),
    (re.compile(r"([^，,。；;：:、]{2,40}?)(?:编制完成了?|编制了?|编写了?)本报告"), "本报告", "编"),
    (re.compile(r"现将([^，,。；;：:]{2,40}?)(?:19|20)\d{2}\s{0,2}年"), "现将", ""),
)
_FILE_SUFFIX = re.compile(r"\.(?:docx?|wps|pdf|xlsx?|html?|txt|md|markdown)$", re.IGNORECASE)
_ADDRESS = re.compile(r"https?://[^\s<>\"']{1,2000}")
_CRAWLER_NAMES: Final = (
    "标题",
    "题目",
    "发布机构",
    "来源",
    "发布时间",
    "发布日期",
    "原文链接",
    "原文地址",
    "文号",
    "栏目",
    "本地目录",
)
_CRAWLER = re.compile(rf"\s{{0,4}}({'|'.join(_CRAWLER_NAMES)})\s{{0,2}}[:：]\s{{0,4}}(.*)")
#: Where a crawler's line may start in the lines joined by ``\n`` (the regex engine skips from ``\n`` to ``\n``).
_CRAWLER_START = re.compile(rf"\n\s{{0,4}}(?:{'|'.join(_CRAWLER_NAMES)})\s{{0,2}}[:：]")
#: What a field's label needs (every label ends with ``:``), before any folding: a character whose NFKC has ``:``.
_COLONS: Final = (":", "\uff1a", "\ufe55", "\ufe13", "\u2a74")
_RULE_LINE = re.compile(r"\s{0,4}[=\-_~*]{6,}\s{0,2}\S{0,6}\s{0,2}[=\-_~*]{0,40}\s{0,4}")
_END_LINES: Final = 8

#: The name of each source in messages (Chinese, English).
SOURCE_NAMES: Final = {
    "hint": ("参数", "argument"),
    "field": ("元数据行", "metadata line"),
    "period": ("统计期限", "statistics period"),
    "title": ("标题", "title"),
    "signature": ("落款", "signature"),
    "preamble": ("前言", "preamble"),
    "crawler": ("采集元数据", "crawler's metadata"),
    "page_meta": ("网页元数据", "page's meta tags"),
    "page_title": ("网页标题", "page title"),
    "file_name": ("文件名", "file name"),
    "date": ("成文日期", "report's date"),
}

Where = int | SourceLocation
Confidence = Literal["high", "medium", "low"]
_RANK: Final = {"high": 2, "medium": 1, "low": 0}


@attrs.frozen(kw_only=True)
class Origin:
    """Where a metadata value (the agency, the year or the title of a parsed report) was found.

    Attributes:
        value: the value found.
        source: what stated it: ``hint``, ``field``, ``period``, ``title``, ``signature``, ``preamble``,
            ``crawler``, ``page_meta``, ``page_title``, ``file_name`` or ``date`` (see :mod:`govreport.parsers`).
        location: where it is in the source (``None`` for a hint, a file name or an HTML ``<meta>``/``<title>``
            without a place of its own).
        confidence: ``high``, ``medium`` or ``low``: how sure the source makes the parser.
    """

    value: str | int
    source: str
    location: SourceLocation | None = None
    confidence: Confidence = "high"


@attrs.frozen(kw_only=True)
class Metadata:
    """What the source says: title, agency, year and preamble (``None`` where it says nothing), and where; the items
    of the signature at the end (the agency and the date line), which are no prose."""

    title: str | None
    agency: str
    year: int
    preamble: str | None
    origins: dict[str, Origin]
    signature: frozenset[int] = frozenset()
    address: str | None = None


class _Found(NamedTuple):
    value: str | int
    source: str
    where: Where | None
    confidence: Confidence


def placeholder_agency(edition: Edition) -> str:
    """The agency written into a parsed report whose source names none: the agency field, named as unread."""
    field = next((f for f in edition.fields if f.key == "agency"), None)
    return f"（未能识别{field.label if field is not None else 'agency'}）"


def _placeholder(lex: Lexicon) -> str:
    """:func:`placeholder_agency` of the lexicon's edition, named once."""
    cache = lex.cache("metadata")
    found = cache.get("placeholder")
    if found is None:
        found = cache["placeholder"] = placeholder_agency(lex.edition)
    return str(found)


def despace(text: str) -> str:
    """``text`` without the white space between two CJK characters (``社 会 公 益``, ``沐阳县 人民政府``) and inside a
    year spaced out digit by digit (``2 0 2 4 年``)."""
    if " " not in text and "\t" not in text and "\u3000" not in text:
        return text
    return _SPACED_YEAR.sub(r"\1\2\3\4", _SPACED.sub("", text))


def _agency_before(text: str, folded: str, end: int) -> str:
    """The agency named in ``text`` before offset ``end`` (``folded`` is ``text`` folded one for one)."""
    head = text[:end].lstrip("#* ")
    first = end - len(head)
    head = head.rstrip()
    folded = folded[first : first + len(head)]
    last = _AGENCY_CUT.search(folded[::-1])  # the last cut, found from the end (a cut is one character)
    cut = len(folded) - last.start() if last is not None else 0
    verb = _AGENCY_VERB.match(folded, cut)
    return head[verb.end() if verb is not None else cut :].strip()


def plausible_agency(candidate: str) -> bool:
    """Whether ``candidate`` may name an agency: of a name's length, with CJK characters, and no site navigation."""
    return (
        2 <= len(candidate) <= MAX_AGENCY_CHARS
        and candidate[0] not in _RELATIVE
        and candidate[0] not in "=+-@\t\r"
        and _HAS_CJK.search(candidate) is not None
        and _NOT_A_NAME.search(candidate) is None
    )


def _named(candidate: str) -> bool:
    """Whether ``candidate`` ends the way agency names end (政府, 局, 委员会, 办公室…)."""
    return _AGENCY_END.search(candidate) is not None


class _Title(NamedTuple):
    year: int
    agency: str | None


def _read_title(text: str) -> _Title | None:
    """The year and agency a title states (``沐阳县人民政府 2025 年 政府信息公开…报告``, ``2024年上海市科委政府…``)."""
    if _OPEN not in text:  # no title without 公开, and only 公 folds to 公: the text need not be folded
        return None
    flat = despace(text)
    folded = fold_same_length(flat)
    m = _TITLE.search(folded)
    if m is None:
        return None
    agency = _agency_before(flat, folded, m.start())
    if not plausible_agency(agency):
        inner = m.group(2)
        agency = flat[m.start(2) : m.end(2)] if inner and plausible_agency(inner) and inner != "度" else ""
    return _Title(year=int(m.group(1)), agency=agency or None)


def _date_line(text: str) -> tuple[str, re.Match[str]] | None:
    """``text`` (a short line) as a date line may be written (stripped, despaced) and its date, if it has one."""
    if not ("20" in text or "19" in text or "2 0" in text or "1 9" in text):
        return None  # no year (before despace joins a year spaced out digit by digit)
    flat = despace(text.strip().strip("#*").strip())
    if len(flat) > _SHORT_LINE:
        return None
    m = _DATE.search(flat)
    return (flat, m) if m is not None else None


class _Reader:
    """The candidates of one source, gathered place by place."""

    def __init__(self, source: Source, lex: Lexicon, head_end: int) -> None:
        self.source = source
        self.lex = lex
        self.texts = source.texts
        self.head_end = head_end
        self.agencies: list[_Found] = []
        self.years: list[_Found] = []
        self.titles: list[_Found] = []
        self.skip: set[int] = set()  # items of the head that are metadata, not preamble
        self.signature: set[int] = set()  # items of the signature at the end
        self.address: str | None = None  # where the report was published (a crawler's 原文链接, og:url)
        self.title_index = -1
        self.found = {"agency": self.agencies, "year": self.years, "title": self.titles}
        self._titles: dict[str, _Title | None] = {}  # what each text read as a title states (read once)

    def add(self, field: str, value: str | int, source: str, where: Where | None, confidence: Confidence) -> None:
        if field == "title" and isinstance(value, str) and _LETTER_SPACED.search(value):
            value = _UNSPACED.sub("", value)  # a title a text layer spaced out letter by letter, as the agency wrote it
        self.found[field].append(_Found(value, source, where, confidence))

    def read_title(self, text: str) -> _Title | None:
        """:func:`_read_title` of ``text``, read once however many places read it (the title line, the preamble,
        the page's ``<title>``)."""
        if text in self._titles:
            return self._titles[text]
        found = self._titles[text] = _read_title(text)
        return found

    def title_lines(self) -> None:
        """The title: one line, or two (``…政府信息公开工作`` + ``年度报告``), with the agency on the line above."""
        texts, end = self.texts, min(self.head_end, _HEAD_LINES)
        for idx in range(end):
            text = texts[idx]
            if len(text) > _LONG_LINE or not text.strip() or idx in self.skip:  # a crawler's line is read above
                continue
            found = self.read_title(text)
            lines = 1
            if (
                found is None
                and idx + 1 < end
                and _OPEN in text
                and _TITLE_START.search(fold_same_length(despace(text)))
                and _NAVIGATION.search(text) is None
            ):
                nxt = texts[idx + 1]
                if len(text) + len(nxt) <= _SHORT_LINE and "。" not in text + nxt:
                    found = self.read_title(text.strip() + nxt.strip())
                    lines = 2 if found is not None else 1
            if found is None:
                continue
            short = len(text.strip()) <= _SHORT_LINE and "。" not in text
            title = (text.strip() + texts[idx + 1].strip() if lines == 2 else text.strip()).strip("#*").strip()
            where = position(idx)
            self.add("year", found.year, "title" if short else "preamble", where, "high" if short else "medium")
            if found.agency is not None:
                self.add("agency", found.agency, "title" if short else "preamble", where, "high")
            else:
                above = next((i for i in (idx - 1, idx - 2) if i >= 0 and texts[i].strip()), -1)  # blank between
                prev = texts[above].strip().strip("#*").strip() if above >= 0 else ""
                flat = despace(prev)
                if plausible_agency(flat) and len(flat) <= 30 and "。" not in prev and _DATE.fullmatch(flat) is None:
                    self.add("agency", flat, "title", position(above), "high" if _named(flat) else "low")
                    if short:
                        title = prev + title
                        self.add("title", title, "title", position(above), "high")
                        short = False
            if short:
                self.add("title", title, "title", where, "high")
            self.title_index = idx + lines - 1
            return

    def fields(self) -> None:
        """Metadata lines ``机关名称：…``, ``报告年度：…`` (as renderers print them) name the fields by their labels."""
        texts, labels = self.texts, self.lex.meta_labels
        cache = self.lex.cache("metadata")
        prefixes = cache.get("labels")
        if prefixes is None:
            prefixes = cache["labels"] = tuple(label for label, _ in labels)
            cache["firsts"] = first_spellings(prefixes)
        firsts = cache["firsts"]
        for idx in range(min(self.head_end, 60)):
            text = texts[idx]
            if len(text) > _LONG_LINE or idx in self.skip:  # a crawler's line is read as such
                continue
            if not (":" in text or "\uff1a" in text or "\ufe55" in text or "\ufe13" in text or "\u2a74" in text):
                continue  # no label (the _COLONS, each found fast)
            # a line not seen before is folded only when it may start with a label (most are prose)
            key = fold(text.lstrip("-+ ")) if firsts is None else fold_starting(text.lstrip("-+ "), firsts)
            if key is None or not key.startswith(prefixes):
                continue
            field = next(f for label, f in labels if key.startswith(label))
            self.skip.add(idx)
            value = re.split(r"[:：]", text, maxsplit=1)[-1].strip().strip("*").strip()
            if field == "agency" and value:
                if len(value) <= MAX_AGENCY_CHARS:
                    self.add("agency", value, "field", position(idx), "high")
            elif field == "year" and _YEAR.fullmatch(value):
                self.add("year", int(value), "field", position(idx), "high")
            elif field == "title" and value:
                self.add("title", value, "field", position(idx), "high")

    def crawler(self) -> None:
        """A crawler's metadata lines at the top: ``标题:`` (title, agency, year), ``发布机构:``, ``发布时间:``."""
        texts = self.texts
        head = min(len(texts), 20)
        if _CRAWLER_START.search("\n" + "\n".join(texts[:head])) is None:  # no crawler's line at all
            return
        # "===== 正文 =====": the body starts; the crawler's notes above it are no preamble
        rule = next((i for i in range(head) if len(texts[i]) <= _LONG_LINE and _RULE_LINE.fullmatch(texts[i])), head)
        found = False
        for idx in range(head):
            text = texts[idx]
            if len(text) > _LONG_LINE:
                break
            m = _CRAWLER.fullmatch(text)
            if m is None:
                if found and idx <= rule < head:
                    self.skip.add(idx)
                    if idx == rule:
                        break
                elif found and text.strip():
                    break
                continue
            found = True
            self.skip.add(idx)
            self._crawler_line(idx, m.group(1), m.group(2).strip())

    def _crawler_line(self, idx: int, name: str, value: str) -> None:
        """One metadata line of a crawler: ``name: value`` at item ``idx``."""
        if not value:
            return
        if name in ("标题", "题目"):
            self.add("title", value, "crawler", position(idx), "medium")
            title = self.read_title(value)
            if title is not None:
                self.add("year", title.year, "crawler", position(idx), "medium")
                if title.agency is not None:
                    self.add("agency", title.agency, "crawler", position(idx), "medium")
        elif name in ("发布机构", "来源") and plausible_agency(despace(value)):
            self.add("agency", despace(value), "crawler", position(idx), "medium")
        elif name in ("发布时间", "发布日期"):
            self._date(value, position(idx))
        elif name in ("原文链接", "原文地址") and _ADDRESS.fullmatch(value):
            self.address = self.address or value

    def _date(self, text: str, where: Where | None) -> None:
        m = _DATE.fullmatch(despace(text.strip()))
        if m is not None:
            self.add("year", int(m.group(1)) - 1, "date", where, "low")

    def signatures(self) -> None:
        """The agency above (or beside) a date line: the signature at the end, or the byline under the title."""
        texts = self.texts
        filled: list[int] = []
        for i in range(len(texts) - 1, -1, -1):  # the last lines with text, from the end
            if texts[i].strip():
                filled.append(i)
                if len(filled) == _END_LINES:
                    break
        head = [i for i in range(max(self.title_index + 1, 0), min(self.head_end, _HEAD_LINES)) if texts[i].strip()]
        for end, group, lines in ((True, sorted(filled), filled), (False, head[:4], head[:4])):
            for idx in lines:  # the end from its last line up, the byline from the title down
                dated = _date_line(texts[idx]) if len(texts[idx]) <= 2 * _SHORT_LINE else None  # else a paragraph
                if dated is None:
                    continue
                flat, m = dated
                rest = (flat[: m.start()] + flat[m.end() :]).strip(" ,，")
                k = group.index(idx)
                if rest:
                    at = idx
                elif k > 0:
                    at = group[k - 1]
                    rest = despace(texts[at].strip().strip("#*").strip())
                else:
                    at = -1
                if at >= 0 and plausible_agency(rest) and "。" not in rest and len(rest) <= 40:
                    self.add("agency", rest, "signature", position(at), "high" if _named(rest) else "low")
                    (self.signature if end else self.skip).update((at, idx))
                elif rest and at == idx:
                    continue  # a sentence with a date in it, not a date line
                self._date(m.group(0), position(idx))
                break

    def preamble(self) -> None:
        """``本报告由…编制``, ``…编制完成了本报告``, ``现将…2025年政府信息公开…报告…``."""
        texts = self.texts
        for idx in range(min(self.head_end, _HEAD_LINES)):
            text = texts[idx][:2000]
            if "报告" not in text:
                continue
            flat = despace(text)
            for pattern, word, other in _PREAMBLE:
                m = pattern.search(flat) if word in flat and other in flat else None
                if m is None:
                    continue
                value = m.group(1).strip()
                if plausible_agency(value):
                    self.add("agency", value, "preamble", position(idx), "medium")
                    break
            title = self.read_title(flat)
            if title is not None:
                self.add("year", title.year, "preamble", position(idx), "medium")

    def period(self, overview: int | None) -> None:
        """The statistics period (自YYYY年1月1日至…), in the head or the first lines of the overview."""
        texts = self.texts
        scan = chain(
            range(self.head_end), range(overview + 1, min(overview + 30, len(texts))) if overview is not None else ()
        )
        for idx in scan:
            text = texts[idx][:4000]
            if "日" in text or "\u2f47" in text or "\u3290" in text:  # the _DAYS (a search for one is fast)
                year = _period_year(text)
                if year is not None:
                    self.add("year", year, "period", position(idx), "high")
                    return

    def page(self, title: str | None, meta: Sequence[tuple[str, str]]) -> None:
        """An HTML page's ``<meta>`` tags (``ArticleTitle``, ``ContentSource``, ``PubDate``; a PDF's title and
        author) and ``<title>``."""
        for name, content in meta:
            key = name.lower()
            value = content.strip()
            if not value or len(value) > _LONG_LINE:
                continue
            if key in ("articletitle", "og:title", "title", "dc.title"):
                self._title_text(value, "page_meta")
            elif key in ("contentsource", "dc.publisher", "publisher") and plausible_agency(despace(value)):
                self.add("agency", despace(value), "page_meta", None, "medium")
            elif key == "author" and plausible_agency(despace(value)) and _named(despace(value)):
                self.add("agency", despace(value), "page_meta", None, "medium")  # an author that is an organ
            elif key in ("pubdate", "firstpublishedtime", "dc.date"):
                self._date(value, None)
            elif key in ("og:url", "url") and _ADDRESS.fullmatch(value):
                self.address = self.address or value
        if title:
            self._title_text(title, "page_title")

    def _title_text(self, text: str, source: str) -> None:
        found = self.read_title(text)
        if found is None:
            return
        pieces = _SITE_NAME.split(text.strip())  # "title_site name", "Microsoft Word - title.docx"
        title = next((p for p in pieces if self.read_title(p) is not None), pieces[0]).strip()
        self.add("title", _FILE_SUFFIX.sub("", title), source, None, "medium")
        self.add("year", found.year, source, None, "medium")
        if found.agency is not None:
            self.add("agency", found.agency, source, None, "medium")

    def file_name(self, name: str | None) -> None:
        """The name of the file, the last resort."""
        if not name:
            return
        stem = _FILE_SUFFIX.sub("", name.replace("\\", "/").rsplit("/", 1)[-1])
        found = self.read_title(stem.replace("_", " "))
        if found is not None:
            self.add("year", found.year, "file_name", None, "low")
            if found.agency is not None:
                self.add("agency", found.agency, "file_name", None, "low")
            return
        m = re.search(r"(?<!\d)((?:19|20)\d{2})\s{0,2}年", stem)
        if m is not None:
            self.add("year", int(m.group(1)), "file_name", None, "low")


def _period_year(text: str) -> int | None:
    """The year of the first statistics period in ``text``.

    A period ends at a 日 a few characters after a 月 (:data:`_PERIOD_HINT`), and only the text just before each
    such end is folded: a line of prose is mostly no period, and folding all of it is slow.
    """
    rare = "\u2f49" in text or "\u328a" in text or "\U0001f237" in text  # the other _MONTHS
    for hint in (_PERIOD_HINT if rare else _PERIOD_HINT_MONTH).finditer(text):
        m = _PERIOD.search(fold_same_length(text[max(0, hint.start() - _PERIOD_BEFORE_MONTH) : hint.end()]))
        if m is not None:
            return int(m.group(1))
    return None


_ORDER: Final = (
    "hint",
    "field",
    "period",
    "title",
    "signature",
    "preamble",
    "crawler",
    "page_meta",
    "page_title",
    "file_name",
    "date",
)
_ORDER_OF: Final = {source: i for i, source in enumerate(_ORDER)}


def read_metadata(
    source: Source,
    lex: Lexicon,
    findings: Findings,
    source_map: dict[str, int | SourceLocation],
    *,
    head_end: int,
    overview: int | None,
    document_title: str | None,
    agency: str | None,
    year: int | None,
    document_meta: Sequence[tuple[str, str]] = (),
    file_name: str | None = None,
) -> Metadata:
    """Read title, agency, year and preamble from everywhere the source states them (see the module's table).

    Args:
        source: the source.
        lex: the lexicon (the edition's field labels).
        findings: where findings go.
        source_map: where the source map of ``/title``, ``/agency``, ``/year``, ``/preamble`` goes.
        head_end: the first item after the head (the first section heading).
        overview: the item of the overview's heading, if found.
        document_title: a title from outside the body (an HTML ``<title>``).
        agency: the caller's agency hint.
        year: the caller's year hint.
        document_meta: an HTML page's ``<meta>`` tags, as ``(name, content)``.
        file_name: the name of the file read.
    """
    reader = _Reader(source, lex, head_end)
    reader.crawler()
    reader.title_lines()
    reader.fields()
    reader.signatures()
    reader.preamble()
    reader.period(overview)
    reader.page(document_title, document_meta)
    reader.file_name(file_name)
    texts = source.texts

    first_preamble = reader.title_index + 1 if reader.title_index >= 0 else 0
    preamble_items = [i for i in range(first_preamble, head_end) if i not in reader.skip]
    preamble = prose([texts[i] for i in preamble_items]) or None

    origins: dict[str, Origin] = {}
    located: dict[int, SourceLocation] = {}
    first = position(0) if len(texts) else None
    title = _best(reader.titles)
    if title is not None:
        origins["/title"] = _origin(findings, title, located)
        if title.where is not None:
            source_map["/title"] = title.where
    found_agency = _best(reader.agencies)
    found_year = _best(reader.years)
    if found_agency is not None:
        _conflicts(findings, "agency", found_agency, reader.agencies, title)
    if found_year is not None:
        _conflicts(findings, "year", found_year, reader.years, title)
    final_agency = _settle(
        findings,
        "agency",
        hint=agency,
        found=found_agency,
        placeholder=_placeholder(lex),
        first=first,
        origins=origins,
        located=located,
        source_map=source_map,
    )
    final_year = _settle(
        findings,
        "year",
        hint=year,
        found=found_year,
        placeholder=PLACEHOLDER_YEAR,
        first=first,
        origins=origins,
        located=located,
        source_map=source_map,
    )
    if preamble is not None and preamble_items:
        source_map["/preamble"] = position(preamble_items[0])
    return Metadata(
        title=str(title.value) if title is not None else None,
        agency=final_agency,
        year=final_year,
        preamble=preamble,
        origins=origins,
        signature=frozenset(i for i in reader.signature if i >= head_end),
        address=reader.address,
    )


def _best(found: list[_Found]) -> _Found | None:
    """The candidate of the first source in :data:`_ORDER` (the first stated, among a source's own)."""
    if len(found) < 2:
        return found[0] if found else None
    return min(found, key=lambda f: (_ORDER_OF[f.source], -_RANK[f.confidence]))


def _origin(findings: Findings, found: _Found, located: dict[int, SourceLocation]) -> Origin:
    """The origin of ``found`` (``located``: the source locations built so far, by position: a title and an agency
    are often found in one place)."""
    where = found.where
    if isinstance(where, int):
        location = located.get(where)
        if location is None:
            location = located[where] = findings.source.location(where)
    else:
        location = where
    return Origin(value=found.value, source=found.source, location=location, confidence=found.confidence)


def _at(found: _Found) -> Where:
    """Where a finding about ``found`` is: its place, or the source as a whole (a file name, a ``<meta>`` tag)."""
    return found.where if found.where is not None else SourceLocation()


def _same(a: str | int, b: str | int) -> bool:
    if isinstance(a, int) or isinstance(b, int):
        return a == b
    x, y = fold(despace(a)), fold(despace(b))
    return x in y or y in x


def _conflicts(findings: Findings, field: str, chosen: _Found, found: list[_Found], title: _Found | None) -> None:
    """Report every value of a source of at least medium confidence that differs from the one chosen."""
    seen: set[str | int] = set()
    for other in found:
        if other is chosen or _RANK[other.confidence] < 1 or _same(other.value, chosen.value) or other.value in seen:
            continue
        if field == "agency" and "preamble" in (other.source, chosen.source):
            continue  # the preamble names who compiled the report (often the agency's office), not a rival agency
        seen.add(other.value)
        if field == "year":  # the chosen year (the period's, usually) is where the conflict shows
            findings.add(
                "parse.year_conflict",
                Severity.WARNING,
                _at(chosen),
                pointers=("/year",),
                expected=other.value,
                actual=chosen.value,
                detail={"title": str(title.value) if title is not None else "", **_names(chosen.source, other.source)},
            )
        else:
            findings.add(
                "parse.agency_conflict",
                Severity.WARNING,
                _at(other),
                pointers=("/agency",),
                expected=chosen.value,
                actual=other.value,
                detail=_names(chosen.source, other.source),
            )


def _names(source: str, other: str | None = None) -> dict[str, str]:
    """The ``detail`` of a finding about ``source`` (and ``other``): their codes and names in both languages."""
    detail = {"source": source, "source_zh": SOURCE_NAMES[source][0], "source_en": SOURCE_NAMES[source][1]}
    if other is not None:
        detail.update({"other": other, "other_zh": SOURCE_NAMES[other][0], "other_en": SOURCE_NAMES[other][1]})
    return detail


_T = TypeVar("_T", str, int)


def _settle(
    findings: Findings,
    field: str,
    *,
    hint: _T | None,
    found: _Found | None,
    placeholder: _T,
    first: Where | None,
    origins: dict[str, Origin],
    located: dict[int, SourceLocation],
    source_map: dict[str, int | SourceLocation],
) -> _T:
    """A metadata field's value: the caller's hint (noting where the source says otherwise), else what the source
    says (noting when only a source of low confidence says it), else a visible placeholder with an error finding
    (``parse.agency_missing``, ``parse.year_missing``).
    """
    pointer = "/" + field
    if hint is not None:
        origins[pointer] = Origin(value=hint, source="hint")
        if found is not None and found.value != hint:
            findings.add(
                "parse.hint_differs",
                Severity.INFO,
                _at(found),
                expected=found.value,
                actual=hint,
                detail={"field": field, "source": found.source},
            )
        return hint
    if found is not None:
        origins[pointer] = _origin(findings, found, located)
        if found.where is not None:
            source_map[pointer] = found.where
        if found.confidence == "low":
            findings.add(
                f"parse.{field}_uncertain",
                Severity.INFO,
                _at(found),
                pointers=(pointer,),
                actual=found.value,
                detail=_names(found.source),
            )
        value: _T = found.value  # type: ignore[assignment]
        return value
    findings.add(f"parse.{field}_missing", Severity.ERROR, first, pointers=(pointer,), actual=placeholder)
    return placeholder
