"""Assembly: the document read from a source, put together.

:func:`read_source` runs the reader's parts in order: the section headings (:mod:`._sections`), the tokens of the
table region (:mod:`._tokens`), the walk that matches labels and places values (:mod:`._walk`,
:mod:`._placement`), the metadata of the head (:mod:`._metadata`) and the prose; then it says, with a source
location, everything that was not read, and builds the typed report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import attrs

from govreport._defaults import DEFAULT_EDITION
from govreport.editions import Edition, get_edition
from govreport.errors import ParseError
from govreport.findings import Finding, Severity, SourceLocation
from govreport.limits import MAX_DOCUMENT_CHARS
from govreport.model import Report
from govreport.parsers._detect import detect
from govreport.parsers._lexicon import lexicon
from govreport.parsers._limits import MAX_ITEMS, MAX_TABLE_TOKENS
from govreport.parsers._metadata import Origin, read_metadata
from govreport.parsers._placement import Placement
from govreport.parsers._plan import region, remember_region, replay_region
from govreport.parsers._runs import cut_runs
from govreport.parsers._sections import find_headings, prose
from govreport.parsers._source import Findings, Item, Source, SourceMap, position
from govreport.parsers._tokens import columns, cut_items
from govreport.parsers._walk import Walk
from govreport.pointers import join

__all__ = ["ParseResult", "read_items", "read_source"]

#: The limits a front end may stop reading at, named in ``parse.stopped`` (Chinese, English).
_LIMITS: Final = {"pages": ("页数", "page"), "work": ("文本提取工作量", "work")}


@attrs.frozen(kw_only=True)
class ParseResult:
    """What a parser read from a published report.

    Attributes:
        report: the typed report; cells that could not be read are ``None`` (missing), never 0.
        findings: what could not be read, or was read with a repair, each with a source location.
        source_map: the source location of every JSON Pointer that was read from the source (cells, rows,
            title, agency, year, prose sections).
        kind: the kind of source that was read: ``"text"``, ``"markdown"``, ``"html"``, ``"pdf"``, ``"docx"`` or
            ``"xlsx"``.
        origins: where the ``/agency``, ``/year`` and ``/title`` of the report were found, each an
            :class:`~govreport.parsers.Origin` (what stated it, where, and how sure that makes the parser); a
            field the source does not state is absent.
        address: the address the report was published at, when the source states it (a crawler's ``原文链接:``
            line, an HTML page's ``og:url``).
    """

    report: Report
    findings: tuple[Finding, ...]
    source_map: Mapping[str, SourceLocation]
    kind: str = "text"
    origins: Mapping[str, Origin] = attrs.field(factory=dict)
    address: str | None = None


def read_items(
    items: Sequence[Item],
    *,
    kind: str,
    edition: str | None = None,
    agency: str | None = None,
    year: int | None = None,
    document_title: str | None = None,
) -> ParseResult:
    """Read a report from ``items`` (located lines, paragraphs and cells, as a front end of your own makes them).

    Args:
        items: the source's lines, paragraphs and cells in reading order.
        kind: the kind of source (``"text"``, ``"html"``, ``"pdf"``), recorded in the result.
        edition: the edition whose labels are matched; ``None`` to detect it from the signs each registered edition
            declares (a ``parse.edition_detected`` finding says which, when it is not the default edition).
        agency: the agency, when the caller knows it (used instead of what the source says).
        year: the statistics year, when the caller knows it.
        document_title: a title from outside the body (an HTML ``<title>``), used when the body has none.

    Returns:
        The :class:`ParseResult`.

    Raises:
        ParseError: nothing in ``items`` reads as a report of the format (no section heading, no table label),
            or there are more than :data:`~govreport.parsers.MAX_ITEMS` items.
    """
    check_items(len(items))
    return read_source(
        Source.of_items(items), kind=kind, edition=edition, agency=agency, year=year, document_title=document_title
    )


def check_items(count: int) -> None:
    """Refuse a source of more than :data:`~govreport.parsers.MAX_ITEMS` items.

    Raises:
        ParseError: ``count`` is over the limit.
    """
    if count > MAX_ITEMS:
        msg = f"not a report: {count} lines or cells, more than the {MAX_ITEMS} a report could have"
        raise ParseError(msg)


def read_source(  # noqa: PLR0912, PLR0915 - the document, top to bottom
    source: Source,
    *,
    kind: str,
    edition: str | None = None,
    agency: str | None = None,
    year: int | None = None,
    document_title: str | None = None,
    document_meta: Sequence[tuple[str, str]] = (),
    file_name: str | None = None,
) -> ParseResult:
    """Read a report from a front end's :class:`~._source.Source` (see :func:`read_items` for the arguments;
    ``document_meta`` are the ``(name, content)`` pairs of an HTML page's ``<meta>`` tags, ``file_name`` the name of
    the file read, the last place the agency and year are looked for).

    Raises:
        ParseError: nothing in the source reads as a report of the format.
    """
    check_items(len(source))
    findings = Findings(source)
    if edition is None:
        edition = _detected(source, findings)
    ed = get_edition(edition)
    lex = lexicon(ed)
    resegmented = cut_runs(source, lex)  # crawler text, its cells run together
    if resegmented is not source:
        source, found = resegmented, findings.items
        findings = Findings(source)
        findings.items.extend(found)
    texts = source.texts
    n_items = len(texts)
    headings = find_headings(source, lex)
    end_of_doc: int | SourceLocation = position(n_items - 1) if n_items else SourceLocation()

    table_sections = {t.section for t in ed.tables}
    prose_sections = sorted(s for s in lex.headings if s not in table_sections)
    table_items = [headings[s] for s in sorted(table_sections) if s in headings]
    last_table = max(table_sections, default=0)
    overview = prose_sections[0] if prose_sections and prose_sections[0] < min(table_sections, default=0) else None
    region_start = min(table_items) if table_items else (headings[overview] + 1 if overview in headings else 0)
    region_end = n_items
    closing = [s for s in prose_sections if s > last_table]  # the sections after the tables (五, 六)
    for s in closing:
        if s in headings and headings[s] > region_start:
            region_end = headings[s]
            break
    truncated_doc = bool(closing) and not any(s in headings for s in closing)
    at_heading = {i: s for s, i in headings.items()}
    templates = cut_items(source, lex, start=region_start, end=region_end, headings=at_heading, limit=MAX_TABLE_TOKENS)
    # a region whose items are of the shapes of one read before is read by the plan of that read (see ._plan)
    key = None if source.runs else region(templates, truncated=truncated_doc, cells=source.cells is not None)
    walk = None
    if key is not None:
        walk = replay_region(source, lex, templates, key, start=region_start, limit=MAX_TABLE_TOKENS, findings=findings)
    if walk is None:
        before = len(findings.items)
        tokens = columns(source, lex, templates, start=region_start, limit=MAX_TABLE_TOKENS)
        walk = Walk(lex, tokens, Placement(lex, tokens, findings), findings)
        walk.read(truncated=truncated_doc)
        if key is not None and walk.plan is not None:
            remember_region(
                walk, walk.plan, key, templates, start=region_start, limit=MAX_TABLE_TOKENS, findings_before=before
            )
    placement = walk.placement

    if not headings and not walk.found_lines:
        msg = f"not a report: no section heading and no table row of the {ed.name} format was found"
        raise ParseError(msg)

    # Every cell that was not read is missing, and says why.
    # In a cut-off source, what comes after the last heading found is covered by parse.truncated.
    last_section = max(headings, default=0)
    cut = truncated_doc and n_items > 0
    for table in ed.tables:
        table_at = position(headings[table.section]) if table.section in headings else end_of_doc
        if table.key not in walk.found_tables and not (cut and table.section > last_section):
            findings.add(
                "parse.table_missing",
                Severity.WARNING,
                table_at,
                pointers=(table.lines[0].pointer,),
                detail={"table": table.heading},
            )
        filled = placement.values
        if truncated_doc:
            where, reason = end_of_doc, placement.cut
        else:
            where, reason = table_at, "not_found"
        cells = lex.table_cells[table.key]
        if not all(map(filled.__contains__, cells)):
            for pointer in cells:
                if pointer not in filled:
                    placement.missing(pointer, where, reason)
    # Sections and prose.
    missing_sections = [s for s in sorted(lex.headings) if s not in headings]
    for s in missing_sections:
        if cut and s > last_section:
            continue
        table_spec = lex.table_of_section.get(s)
        if table_spec is not None and table_spec.key in walk.found_tables:
            continue
        following = [headings[t] for t in sorted(lex.headings) if t > s and t in headings]
        findings.add(
            "parse.section_missing",
            Severity.WARNING,
            position(following[0]) if following else end_of_doc,  # where the section should have begun
            detail={"section": lex.headings[s].numeral, "heading": lex.headings[s].label},
        )
    not_read = "、".join(lex.headings[s].numeral for s in missing_sections) or "—"
    if source.stop is not None:  # govreport stopped reading at a limit: the source itself may well go on
        findings.add(
            "parse.stopped",
            Severity.WARNING,
            end_of_doc,
            detail={
                "page": str(source.stop.page),
                "pages": str(source.stop.pages),
                "limit": _LIMITS[source.stop.limit][1],
                "limit_zh": _LIMITS[source.stop.limit][0],
                "sections": not_read if truncated_doc else "—",
            },
        )
    elif truncated_doc:
        findings.add(
            "parse.truncated",
            Severity.WARNING,
            end_of_doc,
            excerpt=texts[-1] if n_items else "",
            detail={"sections": not_read},
        )

    source_map = placement.source_map
    for table in ed.tables:
        if table.section in headings:
            source_map[join((table.key,))] = position(headings[table.section])
    first_table_item = region_start if table_items else (walk.first_label_item or region_start)
    head_end = min(headings.values(), default=region_start)
    meta = read_metadata(
        source,
        lex,
        findings,
        source_map,
        head_end=head_end,
        overview=headings.get(overview) if overview is not None else None,
        document_title=document_title,
        document_meta=(*document_meta, *source.meta),
        file_name=file_name,
        agency=agency,
        year=year,
    )
    doc: dict[str, Any] = {}
    for s in prose_sections:
        heading = lex.headings[s]
        if s not in headings:
            doc[heading.pointer] = ""
            continue
        start = headings[s] + 1
        stops = [first_table_item, *(headings[t] for t in sorted(headings) if t > s)]
        stop = min((x for x in stops if x >= start), default=n_items)
        source_map[heading.pointer] = position(headings[s])
        signed = meta.signature
        doc[heading.pointer] = prose(
            [texts[i] for i in range(start, stop) if i not in signed] if signed else texts[start:stop]
        )

    doc.update({"/edition": ed.name, "/agency": meta.agency, "/year": meta.year, "/title": meta.title})
    doc["/preamble"] = meta.preamble
    doc.update(placement.values)
    try:
        report = _builder(ed)(doc)
    except (KeyError, TypeError, ValueError) as e:  # pragma: no cover - every value was typed above
        msg = f"the parsed values do not fit the {ed.name} model: {e}"
        raise ParseError(msg) from e
    _check_size(report, sum(len(v) for v in doc.values() if isinstance(v, str)))
    order = ed.cell_index
    ordered = sorted(
        findings.items,
        key=lambda f: (
            0 if f.rule.startswith("parse.") or f.rule == "layout.collapsed_row" else 1,
            order.get(f.pointers[0], -1) if f.pointers else -1,
        ),
    )
    return ParseResult(
        report=report,
        findings=tuple(ordered),
        source_map=SourceMap(source, source_map),
        kind=kind,
        origins=meta.origins,
        address=meta.address,
    )


def _detected(source: Source, findings: Findings) -> str:
    """The edition ``source`` follows (:func:`._detect.detect`); a ``parse.edition_detected`` finding says which
    and why when it is not the default edition, or when signs of another edition were found too."""
    found = detect(source.texts, brief=True)
    if found.edition != DEFAULT_EDITION or found.others:
        ed = get_edition(found.edition)
        findings.add(
            "parse.edition_detected",
            Severity.INFO,
            position(found.at) if found.at is not None else None,
            actual=found.edition,
            detail={
                "edition": found.edition,
                "notice": ed.notice,
                "signs": "、".join(found.signs) or "—",
                "others": "；".join(f"{n}：{'、'.join(signs)}" for n, signs in found.others) or "—",
                "declared": "true" if found.declared else "false",
            },
        )
    return found.edition


# --- the typed report ------------------------------------------------------------------------------------

#: Text (prose, title, agency) up to this many characters fits any document the loader reads (8 Mi characters):
#: escaped text grows at most sixfold, and the cells and keys take about 20 kB.
_TEXT_UNCHECKED: Final = 1 << 20


def _check_size(report: Any, text_size: int) -> None:
    """Refuse a report whose document the loader would refuse as too large (its prose runs to megabytes).

    Raises:
        ParseError: the document of ``report`` has more characters than the loader reads.
    """
    if text_size <= _TEXT_UNCHECKED:
        return
    from govreport.serialization import dumps  # noqa: PLC0415 - only for huge sources

    size = len(dumps(report))
    if size > MAX_DOCUMENT_CHARS:
        msg = (
            f"not a report: its document would have {size} characters ({text_size} of text), more than the "
            f"{MAX_DOCUMENT_CHARS} a report document may have"
        )
        raise ParseError(msg)


_BUILDERS: dict[int, tuple[type, Callable[[Mapping[str, Any]], Any]]] = {}


def _builder(edition: Edition) -> Callable[[Mapping[str, Any]], Any]:
    """A function that builds ``edition``'s report from a map of JSON Pointers to values, compiled once."""
    cls = edition.report_type
    found = _BUILDERS.get(id(cls))
    if found is None or found[0] is not cls:
        found = _BUILDERS[id(cls)] = (cls, _compile_builder(cls, ()))
    return found[1]


def _compile_builder(cls: type, path: tuple[str, ...]) -> Callable[[Mapping[str, Any]], Any]:
    """The builder of ``cls`` (at ``path`` in the report) as one generated expression: each field is its value in
    the map (its pointer's key) or, where the map lacks it, the field's default, as if left out."""
    names: dict[str, Any] = {}
    expression = _build_expression(cls, path, names)
    source = f"def build(values):\n    return {expression}\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<govreport builder of {cls.__qualname__}>", "exec"), names, namespace)  # noqa: S102
    build: Callable[[Mapping[str, Any]], Any] = namespace["build"]
    return build


def _build_expression(cls: type, path: tuple[str, ...], names: dict[str, Any]) -> str:
    attrs.resolve_types(cls)
    cls_name = f"_c{len(names)}"
    names[cls_name] = cls
    arguments = []
    for field in attrs.fields(cls):
        ftype = field.type
        sub = (*path, field.name)
        name = field.alias or field.name
        if isinstance(ftype, type) and attrs.has(ftype):
            arguments.append(f"{name}={_build_expression(ftype, sub, names)}")
            continue
        ptr = join(sub)
        default = field.default
        if default is attrs.NOTHING:
            value = f"values[{ptr!r}]"
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:  # pragma: no cover - no field of a report's model
                msg = f"{cls.__qualname__}.{field.name}: a default that takes self cannot be built"
                raise TypeError(msg)
            factory = f"_f{len(names)}"
            names[factory] = default.factory
            value = f"values[{ptr!r}] if {ptr!r} in values else {factory}()"
        else:
            constant = f"_d{len(names)}"
            names[constant] = default
            value = f"values.get({ptr!r}, {constant})"
        arguments.append(f"{name}={value}")
    return f"{cls_name}({', '.join(arguments)})"
