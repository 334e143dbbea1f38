"""Metadata: the title, the agency and the statistics year, from the title line, the preamble, metadata lines
(``机关名称：…`` as renderers print them, named by the edition's field labels), the statistics period, or the
page's ``<title>``; with the caller's hints, and a visible placeholder when nothing says.
"""

from __future__ import annotations

import re
from typing import Final, TypeVar

import attrs

from govreport.editions import Edition
from govreport.findings import Severity, SourceLocation
from govreport.limits import MAX_AGENCY_CHARS
from govreport.parsers._lexicon import Lexicon
from govreport.parsers._sections import prose
from govreport.parsers._source import Findings, Source, position
from govreport.parsers.normalize import fold, fold_same_length

__all__ = ["PLACEHOLDER_YEAR", "Metadata", "placeholder_agency", "read_metadata"]

#: The year written into a parsed report whose source states no year (and no ``year=`` hint was given): an
#: impossible statistics year, paired with an error-severity ``parse.year_missing`` finding.
PLACEHOLDER_YEAR: Final = 1000
_LONG_LINE: Final = 1000

_TITLE = re.compile(
    r"((?:19|20)\d{2})\s{0,2}年度?\s{0,2}[^\s。，,、]{0,8}?(?:政府信息公开|政务公开|信息公开)[^\n。，,]{0,8}?报告"
)
_PERIOD = re.compile(r"((?:19|20)\d{2})\s{0,2}年\s{0,2}0?1\s{0,2}月\s{0,2}0?1\s{0,2}日")
# What the period needs in the published text, before any folding: 日, or a character that folds to it.
_PERIOD_HINT = re.compile("[日\u2f47\u3290]")
_AGENCY_CUT = re.compile(r"[，,。:：;；《》“”\"()（）\s、]")
_AGENCY_VERBS = ("现予公布", "现公布", "现将", "特发布", "公布", "发布", "关于", "编制")
_SITE_NAME = re.compile(r"\s[-_|]\s|[_|]")
_YEAR = re.compile(r"(?:19|20)\d{2}")

Where = int | SourceLocation


def placeholder_agency(edition: Edition) -> str:
    """The agency written into a parsed report whose source names none: the agency field, named as unread."""
    field = next((f for f in edition.fields if f.key == "agency"), None)
    return f"（未能识别{field.label if field is not None else 'agency'}）"


@attrs.frozen(kw_only=True)
class Metadata:
    """What the head of a source says: title, agency, year and preamble (``None`` where it says nothing)."""

    title: str | None
    agency: str
    year: int
    preamble: str | None


def _agency_before(text: str, end: int) -> str:
    head = text[:end].lstrip("#* ")
    folded = fold_same_length(head)
    cut = max((m.end() for m in _AGENCY_CUT.finditer(folded)), default=0)
    start = cut
    rest = folded[cut:]
    for verb in _AGENCY_VERBS:
        if rest.startswith(verb):
            start += len(verb)
            break
    return head[start:].strip()


def _agency(candidate: str) -> bool:
    return 2 <= len(candidate) <= MAX_AGENCY_CHARS


def read_metadata(  # noqa: PLR0912, PLR0915 - the head of a report, read top to bottom
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
) -> Metadata:
    """Read title, agency, year and preamble from the items before ``head_end`` (and the statistics period from the
    first lines of the overview, which starts after item ``overview``).

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
    """
    texts = source.texts
    title = found_agency = None
    title_at: Where | None = None
    agency_at: Where | None = None
    title_index = -1
    found_year: int | None = None
    for idx in range(min(head_end, 40)):
        text = texts[idx]
        if len(text) > _LONG_LINE:  # a title or a preamble sentence, not a page-long line
            continue
        m = _TITLE.search(fold_same_length(text))
        if m is None:
            continue
        found_year = int(m.group(1))
        candidate = _agency_before(text, m.start())
        if len(text.strip()) <= 80 and "。" not in text:
            title = text.strip().strip("#*").strip()
            title_at = position(idx)
        if _agency(candidate):
            found_agency, agency_at = candidate, position(idx)
        elif idx > 0 and 2 <= len(texts[idx - 1].strip()) <= 30 and "。" not in texts[idx - 1]:
            prev = texts[idx - 1].strip()
            found_agency, agency_at = prev, position(idx - 1)
            if title is not None:
                title = prev + title
                title_at = position(idx - 1)
        title_index = idx
        break
    if title is None and document_title:
        m = _TITLE.search(fold_same_length(document_title))
        if m is not None:
            title = _SITE_NAME.split(document_title.strip(), maxsplit=1)[0].strip()
            found_year = found_year or int(m.group(1))
            if found_agency is None:
                candidate = _agency_before(document_title, m.start())
                if _agency(candidate):
                    found_agency = candidate
                    agency_at = SourceLocation()
    # Metadata lines "机关名称：…", "报告年度：…" (as renderers print them) name the fields by their labels.
    meta_items = set()
    for idx in range(min(head_end, 60)):
        text = texts[idx]
        if len(text) > _LONG_LINE:
            continue
        key = fold(text.lstrip("-+ "))
        field = next((f for label, f in lex.meta_labels if key.startswith(label)), None)
        if field is None:
            continue
        meta_items.add(idx)
        value = re.split(r"[:：]", text, maxsplit=1)[-1].strip().strip("*").strip()
        if field == "agency" and value:
            if len(value) <= MAX_AGENCY_CHARS:
                found_agency, agency_at = value, position(idx)
        elif field == "year" and _YEAR.fullmatch(value):
            found_year = int(value)
            title_at = title_at if title_at is not None else position(idx)
        elif field == "title" and value:
            title, title_at = value, position(idx)
    first_preamble = title_index + 1 if title_index >= 0 else 0
    preamble_items = [i for i in range(first_preamble, head_end) if i not in meta_items]
    preamble = prose([texts[i] for i in preamble_items]) or None
    # The statistics period (自YYYY年1月1日至…) states the statistics year outright; the title usually agrees.
    period_year: int | None = None
    period_at: int | None = None
    scan = [*range(head_end), *(range(overview + 1, min(overview + 30, len(texts))) if overview is not None else ())]
    for idx in scan:
        text = texts[idx][:4000]
        if not _PERIOD_HINT.search(text):
            continue
        m = _PERIOD.search(fold_same_length(text))
        if m is not None:
            period_year, period_at = int(m.group(1)), position(idx)
            break
    if period_year is not None and found_year is not None and period_year != found_year:
        findings.add(
            "parse.year_conflict",
            Severity.WARNING,
            period_at,
            expected=found_year,
            actual=period_year,
            detail={"title": title or ""},
        )
    if period_year is not None and (found_year is None or period_year != found_year):
        found_year = period_year
        source_map["/year"] = period_at if period_at is not None else SourceLocation()
    elif found_year is not None and (title_at is not None or agency_at is not None):
        where = title_at if title_at is not None else agency_at
        source_map["/year"] = where if where is not None else SourceLocation()

    first = position(0) if len(texts) else None
    final_agency = _settle(
        findings,
        "agency",
        hint=agency,
        found=found_agency,
        found_at=agency_at,
        placeholder=placeholder_agency(lex.edition),
        first=first,
    )
    if agency is None and found_agency is not None and agency_at is not None:
        source_map["/agency"] = agency_at
    final_year = _settle(
        findings, "year", hint=year, found=found_year, found_at=title_at, placeholder=PLACEHOLDER_YEAR, first=first
    )
    if title is not None and title_at is not None:
        source_map["/title"] = title_at
    if preamble is not None and preamble_items:
        source_map["/preamble"] = position(preamble_items[0])
    return Metadata(title=title, agency=final_agency, year=final_year, preamble=preamble)


_T = TypeVar("_T")


def _settle(
    findings: Findings,
    field: str,
    *,
    hint: _T | None,
    found: _T | None,
    found_at: Where | None,
    placeholder: _T,
    first: Where | None,
) -> _T:
    """A metadata field's value: the caller's hint (noting where the source says otherwise), else what the source
    says, else a visible placeholder with an error finding (``parse.agency_missing``, ``parse.year_missing``).
    """
    if hint is not None:
        if found is not None and found != hint:
            findings.add(
                "parse.hint_differs", Severity.INFO, found_at, expected=found, actual=hint, detail={"field": field}
            )
        return hint
    if found is not None:
        return found
    findings.add(f"parse.{field}_missing", Severity.ERROR, first, pointers=("/" + field,), actual=placeholder)
    return placeholder
