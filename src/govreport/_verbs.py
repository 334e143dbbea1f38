"""The verbs of the ``govreport`` command line: what each does once :mod:`govreport.cli` has read its arguments.

:mod:`govreport.cli` builds the argument parser alone and loads this module when a verb runs, so that
``govreport --version`` and ``--help`` load no more than the parser.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

import attrs

from govreport._io import read_stream
from govreport._progress import Progress, colour_allowed, progress_bar
from govreport._walk import GLOB_CHARS, is_directory
from govreport.cli import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE
from govreport.corpus import Check, Outcome, RunOptions, Source, State, Summary, process, rule_counts, run, sources
from govreport.editions import Edition, edition_names, get_edition
from govreport.errors import GovReportError, ReportDecodeError
from govreport.findings import Finding, Severity, Status
from govreport.formats import CIReport
from govreport.model import Report
from govreport.rules import matches, rules_for, validate
from govreport.serialization import dumps_json, load

if TYPE_CHECKING:
    from govreport.corpus import Overview

# --- validate: many inputs, streamed through govreport.corpus ------------------------------------------


@attrs.frozen(kw_only=True)
class _Printed:
    """What a worker hands back for one input: its verdict, its output (already formatted), its rule counts."""

    name: str
    state: State
    text: str
    rules: tuple[tuple[str, str, int], ...]  # (rule, severity, number of findings)


@attrs.frozen(kw_only=True)
class _Format:
    """The task of ``validate`` (run in the worker processes): an outcome as the lines it prints."""

    lang: str
    json: bool
    quiet: bool
    colour: bool = False  # text on a terminal: verdicts and severities in colour

    def __call__(self, outcome: Outcome) -> _Printed:
        findings, state, lang, colour = outcome.findings, outcome.state, self.lang, self.colour
        if self.json:
            doc = {"file": outcome.source, "valid": state == "valid", "findings": [f.to_dict(lang) for f in findings]}
            text = dumps_json(doc, indent=None) + "\n"
        elif state == "unreadable":
            text = f"{outcome.source}: {_paint('UNREADABLE', 'error', colour=colour)}\n" + _format_findings(
                findings, self.lang, colour=colour
            )
        elif self.quiet and state == "valid":
            text = ""
        else:
            n_errors = sum(1 for f in findings if f.severity is Severity.ERROR)
            n_warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
            shown, note = _fold_empty_parts(
                [f for f in findings if f.severity is Severity.ERROR or f.rule.startswith("diagnosis.")]
                if self.quiet
                else findings,
                self.lang,
            )
            verdict = "valid" if state == "valid" else "INVALID"
            verdict = _paint(verdict, "valid" if state == "valid" else "error", colour=colour)
            text = (
                f"{outcome.source}: {verdict} "
                f"({n_errors} error{_s(n_errors)}, {n_warnings} warning{_s(n_warnings)})\n"
                + _format_findings(shown, self.lang, colour=colour)
                + note
            )
        return _Printed(name=outcome.source, state=state, text=text, rules=rule_counts(findings))


def _format_findings(findings: Iterable[Finding], lang: str, prefix: str = "  ", *, colour: bool = False) -> str:
    lines = []
    for f in findings:
        where = f" [{f.pointers[0]}]" if f.pointers and f.pointers[0] else ""
        severity = _paint(f"{f.severity.value:<7}", f.severity.value, colour=colour)
        lines.append(f"{prefix}{severity} {f.rule}{where}: {f.message_in(lang)}\n")
    return "".join(lines)


#: SGR colours of the text output on a terminal: red errors, yellow warnings, cyan notes, green "valid".
_COLOURS = {"error": "1;31", "warning": "33", "info": "36", "valid": "32"}


def _paint(text: str, kind: str, *, colour: bool) -> str:
    """``text`` in the colour of ``kind`` when ``colour`` (a terminal, NO_COLOR unset), else as it is."""
    return f"\x1b[{_COLOURS[kind]}m{text}\x1b[0m" if colour else text


def _fold_empty_parts(findings: Sequence[Finding], lang: str) -> tuple[list[Finding], str]:
    """``findings`` without those about the cells of a table or column group that a ``cells.empty`` finding reports
    as a whole (each cell's ``cells.missing``, the rules not assessable for want of them): one line "table 三 is
    empty" rather than 175. Also the note that says how many were left out."""
    covered: set[tuple[str, str]] = set()
    for f in findings:
        if _rule_kind(f) == "empty":
            covered.update((f.edition, p) for p in f.pointers[1:])
    if not covered:
        return list(findings), ""

    def folded(f: Finding) -> bool:
        if f.status is Status.NOT_ASSESSABLE:
            return bool(f.missing) and all((f.edition, p) in covered for p in f.missing)
        return _rule_kind(f) == "presence" and (f.edition, f.pointers[0]) in covered

    kept = [f for f in findings if not folded(f)]
    n = len(findings) - len(kept)
    if lang == "zh":
        note = f"  （另有 {n} 条关于上述空表或空列组单元格的发现未列出；--json 列出全部发现）\n"
    else:
        note = f"  ({n} more finding{_s(n)} about the cells of these empty parts not shown; --json lists every one)\n"
    return kept, note if n else ""


def _rule_kind(finding: Finding) -> str | None:
    try:
        return rules_for(finding.edition).get(finding.rule).kind
    except (GovReportError, LookupError):
        return None  # a document or parse code, or a rule of an edition no longer registered


def _print_findings(findings: Sequence[Finding], lang: str, out: TextIO, prefix: str = "  ") -> None:
    out.write(_format_findings(findings, lang, prefix))


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _count_inputs(specs: Sequence[str], *, published: bool, documents: bool = True) -> int | None:
    """How many inputs ``specs`` name (for the progress bar), or None when one of them is standard input."""
    if "-" in specs:
        return None
    return sum(1 for _ in sources(specs, published=published, documents=documents))


def _cmd_validate(args: argparse.Namespace) -> int:
    return _run_validate(args, stdin=_stdin(), stdout=sys.stdout, stderr=sys.stderr)


def _run_validate(args: argparse.Namespace, *, stdin: IO[bytes], stdout: TextIO, stderr: TextIO) -> int:
    """``govreport validate`` with its three streams passed in (the tests hand in their own)."""
    setup = _corpus_setup(args, stdin=stdin, stderr=stderr)
    if isinstance(setup, int):
        return setup
    specs, options, progress = setup
    summary = Summary()
    # SARIF, JUnit and GitHub annotations are built from the JSON Lines records
    report = None if args.format in ("text", "json") else CIReport(args.format)
    text = args.format == "text"
    task = _Format(lang=args.lang, json=not text, quiet=args.quiet, colour=text and colour_allowed(stdout))
    for printed in run(specs, task, **options):
        summary.count(printed.state, printed.rules)
        text = report.add(printed.text, unreadable=printed.state == "unreadable") if report else printed.text
        if text:
            progress.clear()
            stdout.write(text)
            stdout.flush()
        progress.update(summary)
    progress.update(summary, force=True)
    progress.close()
    if report:
        stdout.write(report.finish())
    # Unless the output is text, standard output carries the format only, so the summary goes to standard error.
    if not args.no_summary:
        (stderr if args.format != "text" else stdout).write(summary.render(args.lang))
    return summary.status


def _corpus_setup(
    args: argparse.Namespace, *, stdin: IO[bytes], stderr: TextIO
) -> tuple[list[str], RunOptions, Progress] | int:
    """The inputs, the options and the progress bar of a corpus verb (validate, export, report), or the exit
    status of a mistake."""
    verb = f"govreport {args.command}"
    previous = None
    if args.previous is not None:
        previous = _load_report(args.previous, stderr=stderr, prefix="--previous ")
        if previous is None:
            return EXIT_UNREADABLE
    specs = list(args.files)
    if args.stdin and "-" not in specs:
        specs.append("-")
    if not specs:
        stderr.write(f"{verb}: name at least one FILE, DIRECTORY or GLOB, or - for standard input\n")
        return EXIT_UNREADABLE
    if "-" in specs and stdin.isatty():  # a person typing, or a forgotten pipe: say what is awaited
        stderr.write(f"{verb}: reading JSON Lines (one report document per line) from the terminal; end with Ctrl-D\n")
    select = [n for names in args.select for n in names] if args.select else None
    ignore = [n for names in args.ignore or () for n in names]
    if unknown := _unknown_rules((*(select or ()), *ignore)):
        stderr.write(f"{verb}: no rule of any edition is named {', '.join(unknown)} (see govreport rules)\n")
        return EXIT_UNREADABLE
    if args.published:
        import logging  # noqa: PLC0415 - only to quiet the PDF reader

        # pypdf logs every repair it makes to a damaged PDF; on the command line stderr is for the findings.
        logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    options = RunOptions(
        published=args.published,
        jobs=args.jobs,
        previous=previous,
        strict=args.strict,
        blank_as_zero=args.blank_as_zero,
        diagnose=args.diagnose,
        select=select,
        ignore=ignore,
        stdin=stdin,
        chunksize=args.chunksize,
    )
    progress = _progress(args, stderr, specs, published=args.published)
    return specs, options, progress


def _progress(
    args: argparse.Namespace, stderr: TextIO, specs: Sequence[str], *, published: bool, documents: bool = True
) -> Progress:
    """The progress bar of a batch verb: on standard error when it is a terminal, unless ``--no-progress``."""
    show = not args.no_progress and stderr.isatty()
    total = _count_inputs(specs, published=published, documents=documents) if show else None
    return progress_bar(stderr, total, enabled=show, lang=args.lang)


def _cmd_export(args: argparse.Namespace) -> int:
    from govreport.corpus import export, tables  # noqa: PLC0415 - only this verb needs the writers

    setup = _corpus_setup(args, stdin=_stdin(), stderr=sys.stderr)
    if isinstance(setup, int):
        return setup
    specs, options, progress = setup
    summary = export(
        specs,
        args.output,
        to=args.to,
        wide=args.wide,
        lang=args.lang,
        formula_guard=not args.no_formula_guard,
        progress=progress.update,
        **options,
    )
    progress.update(summary, force=True)
    progress.close()
    names = ", ".join(t.name for t in tables(wide=args.wide))
    where = "写入" if args.lang == "zh" else "wrote"
    sys.stdout.write(summary.render(args.lang) + f"{where} {names}: {args.output}\n")
    return EXIT_UNREADABLE if summary.unreadable else EXIT_OK  # every input not read is in the tables, and fails


def _cmd_report(args: argparse.Namespace) -> int:
    from govreport.corpus import overview, render_overview  # noqa: PLC0415 - only this verb draws charts

    setup = _corpus_setup(args, stdin=_stdin(), stderr=sys.stderr)
    if isinstance(setup, int):
        return setup
    specs, options, progress = setup
    summary = Summary()

    def counted(view: Overview) -> None:
        summary.files, summary.valid = view.files, view.states["valid"]
        summary.invalid, summary.unreadable = view.states["invalid"], view.states["unreadable"]
        progress.update(summary)

    view = overview(specs, lang=args.lang, progress=counted, **options)
    progress.close()
    Path(args.output).write_text(render_overview(view, args.lang), encoding="utf-8")
    where = "写入" if args.lang == "zh" else "wrote"
    sys.stdout.write(f"{where} {args.output}\n")
    return EXIT_UNREADABLE if summary.unreadable else EXIT_OK  # every input not read is on the page, and fails


def _stdin() -> IO[bytes]:
    """Standard input as bytes; none at all (a service) reads as no lines."""
    return sys.stdin.buffer if sys.stdin is not None else io.BytesIO()


def _signed(value: object) -> str:
    return "—" if value is None else f"{value:+}"


def _load_report(name: str, *, stderr: TextIO | None = None, prefix: str = "") -> Report | None:
    """The report document at ``name``, or ``None`` after saying on standard error why it cannot be read (after
    ``prefix``, e.g. the option that names it)."""
    out = sys.stderr if stderr is None else stderr
    try:
        return load(name)
    except ReportDecodeError as e:
        out.write(f"{prefix}{e}\n")
    except OSError as e:
        out.write(f"{prefix}{name}: cannot read: {e.strerror or e}\n")
    return None


def _cmd_diff(args: argparse.Namespace) -> int:
    from govreport.compare import diff  # noqa: PLC0415 - only this verb needs it

    previous, current = _load_report(args.previous), _load_report(args.current)
    if previous is None or current is None:
        return EXIT_UNREADABLE
    result = diff(previous, current)
    if args.json:
        doc = {"previous": args.previous, "current": args.current, **result.to_dict(args.lang)}
        sys.stdout.write(dumps_json(doc, indent=None) + "\n")
    else:
        zh = args.lang == "zh"
        head = (
            f"{current.agency}：{result.previous_year} → {result.year}，{len(result.changes)} 个单元格有变化\n"
            if zh
            else f"{current.agency}: {result.previous_year} → {result.year}, {len(result.changes)} cells changed\n"
        )
        sys.stdout.write(head)
        for c in result.changes:
            old, new = ("—" if v is None else str(v) for v in (c.old, c.new))
            sys.stdout.write(f"  {c.pointer}  {c.label(args.lang)}: {old} → {new} ({_signed(c.difference)})\n")
        if n := len(result.not_compared):
            sys.stdout.write(
                f"  另有 {n} 个单元格在上年报告所用的版本中没有对应项，未比较\n"
                if zh
                else f"  {n} cells have no counterpart in the previous report's edition and are not compared\n"
            )
        sys.stdout.write("跨年度检查：\n" if zh else "cross-year checks:\n")
        _print_findings(result.findings, args.lang, sys.stdout)
        if not result.findings:
            sys.stdout.write("  全部成立\n" if zh else "  all hold\n")
    return EXIT_OK if result.valid else EXIT_ERRORS


def _cmd_rules(args: argparse.Namespace) -> int:
    rules = rules_for(args.edition)
    if args.json:
        sys.stdout.write(dumps_json([r.catalogue_entry() for r in rules]) + "\n")
        return EXIT_OK
    edition = get_edition(args.edition)
    zh = args.lang == "zh"
    for r in rules:
        clause = r.clause if zh else r.clause_en
        sys.stdout.write(f"{r.id:<30} {r.severity.value:<8} {r.kind:<9} {r.formula}\n    {clause}\n")
        sys.stdout.write(f"    {'读取' if zh else 'reads'}: {_reads_summary(r.reads, edition, zh=zh)}\n")
        if r.reads_previous:
            label = "读取上年报告" if zh else "reads last year's"
            sys.stdout.write(f"    {label}: {_reads_summary(r.reads_previous, edition, zh=zh)}\n")
    return EXIT_OK


def _reads_summary(pointers: Sequence[str], edition: Edition, *, zh: bool) -> str:
    """The cells a rule reads: every pointer when there are a few, else a count per table."""
    if len(pointers) <= 8:
        return ", ".join(pointers) or "—"
    per_table: dict[str, int] = {}
    others = []
    for ptr in pointers:
        cell = edition.cell(ptr)
        if cell is None:
            others.append(ptr)
            continue
        key = cell[0].path[0]
        per_table[key] = per_table.get(key, 0) + 1
    parts = [f"{n} {'个单元格' if zh else 'cells'} /{key}" for key, n in per_table.items()]
    return ", ".join([*others, *parts])


def _unknown_rules(names: Sequence[str]) -> list[str]:
    """The names among ``names`` that match no rule of any registered edition."""
    if not names:
        return []  # nothing to look up: compiling every edition's rules would cost more than validating a file
    ids = [r.id for name in edition_names() for r in rules_for(name)]
    return [n for n in names if not any(matches(i, n) for i in ids)]


def _cmd_example(args: argparse.Namespace) -> int:
    from govreport import example_document  # noqa: PLC0415 - the package imports this module's siblings

    sys.stdout.write(example_document(args.kind))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from govreport.schemas import schema_text  # noqa: PLC0415 - only this verb needs it

    sys.stdout.write(schema_text(args.edition, kind=args.kind))
    return EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
    from govreport.renderers import get_renderer, render  # noqa: PLC0415 - only this verb needs it
    from govreport.renderers.csv import render_many  # noqa: PLC0415

    get_renderer(args.to)  # an unknown format is named before anything else is said about the inputs
    if len(args.files) > 1 and args.to != "csv":
        sys.stderr.write(
            f"govreport render: --to {args.to} takes one FILE; only --to csv puts several reports in one file\n"
        )
        return EXIT_UNREADABLE
    if args.no_formula_guard and args.to != "csv":
        sys.stderr.write("govreport render: --no-formula-guard applies to --to csv only\n")
        return EXIT_UNREADABLE
    reports: list[Report] = []
    for name in args.files:
        report = _load_report(name)
        if report is None:
            return EXIT_UNREADABLE
        reports.append(report)
    findings = [validate(r).findings for r in reports] if args.findings else None
    options: dict[str, object] = {"formula_guard": False} if args.no_formula_guard else {}
    output: str | bytes
    if len(reports) > 1:
        output = render_many(reports, findings=findings, formula_guard=not args.no_formula_guard)
    else:
        # --lang only when asked: a plug-in renderer may take no options; the CSV's columns are the same in every
        # language
        lang = {"lang": args.lang} if args.lang is not None and args.to != "csv" else {}
        output = render(reports[0], args.to, **options, **lang, **({"findings": findings[0]} if findings else {}))
    if isinstance(output, bytes):
        if args.output:
            Path(args.output).write_bytes(output)
        else:
            sys.stdout.buffer.write(output)
    elif args.output:
        Path(args.output).write_text(output, encoding="utf-8", newline="")
    else:
        sys.stdout.write(output)
    return EXIT_OK


# --- parse: one published report, or many through govreport.corpus ------------------------------------------


def _parse_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`govreport.parse` that the options of ``parse`` give, the same for every
    input (``--from``, ``--agency``, ``--year``…)."""
    return {
        "kind": args.kind,
        "edition": None if args.edition == "auto" else args.edition,
        "agency": args.agency,
        "year": args.year,
    }


@attrs.frozen(kw_only=True)
class _Parsed:
    """What a worker hands back for one input of ``parse``: its verdict, its document, its findings."""

    name: str
    state: State
    document: str | None  # the report document, or None when the input is not a report
    findings: tuple[dict[str, Any], ...]  # --json: the findings as the results schema has them
    text: str  # without --json: the findings as lines for people (standard error)
    rules: tuple[tuple[str, str, int], ...]


@attrs.frozen(kw_only=True)
class _ParseTask:
    """The task of ``parse`` (run in the worker processes): an outcome as its document and its findings."""

    lang: str
    json: bool
    documents: bool  # whether the documents are written (not with --json alone)
    indent: int | None
    colour: bool = False  # findings for people on a terminal: severities in colour

    def __call__(self, outcome: Outcome) -> _Parsed:
        from govreport.serialization import dumps  # noqa: PLC0415 - the worker has it loaded already

        keep = self.documents and outcome.report is not None
        document = dumps(outcome.report, indent=self.indent) + "\n" if keep and outcome.report else None
        findings = tuple(f.to_dict(self.lang) for f in outcome.findings) if self.json else ()
        text = "" if self.json else _parse_problems(outcome, self.lang, colour=self.colour)
        return _Parsed(
            name=outcome.source,
            state=outcome.state,
            document=document,
            findings=findings,
            text=text,
            rules=rule_counts(outcome.findings),
        )


def _parse_problems(outcome: Outcome, lang: str, *, colour: bool = False) -> str:
    """The findings of one parsed input as lines for standard error, each after the input's name; an input that
    is not a report is one line that says why."""
    prefix = f"{outcome.source}: "
    if outcome.error is None:
        return _format_findings(outcome.findings, lang, prefix, colour=colour)
    lines = []
    for f in outcome.findings:
        reason = dict(f.detail).get("reason", "")
        if f.rule == "input.unreadable" and reason:
            lines.append(f"{prefix}cannot read: {reason}\n")
        elif f.rule == "input.not_a_report" and reason:
            # the parser's own messages may already say "not a report"
            lines.append(f"{prefix}{reason if reason.startswith('not a report') else f'not a report: {reason}'}\n")
        else:
            lines.append(f"{prefix}{f.message_in(lang)}\n")
    return "".join(lines)


class _OutputNames:
    """Where ``parse --out DIR`` writes each input's document: the input's path below DIR, with ``.json`` for
    its ending (``a/b/report.txt`` → ``DIR/a/b/report.json``). Two inputs that would share a name (``report.txt``
    and ``report.html``) keep their endings (``report.html.json``), then take a number (``report.html-2.json``);
    the first input keeps the plain name. Names are given in input order, so a run names its files the same way
    with any ``--jobs``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.taken: set[str] = set()

    def __call__(self, source: str) -> Path:
        """The file for the document of the input named ``source``."""
        relative = _relative_parts(source)
        stem = Path(*relative)
        for candidate in self._candidates(stem):
            key = os.path.normcase(str(candidate)).casefold()  # report.json and Report.json: one file on macOS
            if key in self.taken:
                continue
            target = self.root / candidate
            if source != "<stdin>" and _same_file(target, source):
                continue  # never write over the input itself (parse --out . report.json)
            self.taken.add(key)
            return target
        raise AssertionError  # pragma: no cover - the candidates never end

    @staticmethod
    def _candidates(stem: Path) -> Iterator[Path]:
        yield stem.with_suffix(".json") if stem.suffix else stem.with_name(stem.name + ".json")
        yield stem.with_name(stem.name + ".json")
        n = 2
        while True:
            yield stem.with_name(f"{stem.name}-{n}.json")
            n += 1


def _relative_parts(source: str) -> list[str]:
    """The path components of an input's name, as a relative path below the output folder: an absolute path
    relative to the working directory when it is below it, else without its root; no ``.`` or ``..``."""
    if source == "<stdin>":
        return ["stdin"]
    path = os.path.normpath(source)
    if os.path.isabs(path):
        below = os.path.relpath(path)
        path = below if not below.startswith(os.pardir) else os.path.splitdrive(path)[1].lstrip("/\\")
    parts = [p for p in Path(path).parts if p not in (os.curdir, os.pardir) and p.strip("/\\")]
    return parts or ["document"]


def _same_file(target: Path, source: str) -> bool:
    try:
        return target.exists() and os.path.samefile(target, source)
    except OSError:
        return False


def _parse_sources(specs: Sequence[str], stdin: IO[bytes]) -> Iterator[Source]:
    """The inputs of ``parse``: files (whatever their ending), folders and globs (their published reports), and
    ``-``: one published report on standard input."""
    from govreport.parsers import MAX_SOURCE_BYTES  # noqa: PLC0415 - the parser's own limit for a source

    def items() -> Iterator[str | Source]:
        for spec in specs:
            if spec == "-":
                yield Source(name="<stdin>", data=read_stream(stdin, limit=MAX_SOURCE_BYTES), form="published")
            else:
                yield spec

    for source in sources(items(), published=True, documents=False):
        yield source if source.form == "published" else attrs.evolve(source, form="published")


def _put_parsed(parsed: _Parsed, names: _OutputNames | None, *, json: bool, stdout: TextIO) -> None:
    """Write one input's document (to its file below ``--out``, else to standard output unless ``--json``) and
    with ``--json`` its line of findings."""
    output = None
    if parsed.document is not None and names is not None:
        output = names(parsed.name)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(parsed.document, encoding="utf-8")
    elif parsed.document is not None and not json:
        stdout.write(parsed.document)
    if json:
        where = {} if output is None else {"output": str(output)}
        doc = {"file": parsed.name, "valid": parsed.state == "valid", **where, "findings": list(parsed.findings)}
        stdout.write(dumps_json(doc, indent=None) + "\n")
    stdout.flush()


def _cmd_parse(args: argparse.Namespace) -> int:
    return _run_parse(args, stdin=_stdin(), stdout=sys.stdout, stderr=sys.stderr)


def _run_parse(args: argparse.Namespace, *, stdin: IO[bytes], stdout: TextIO, stderr: TextIO) -> int:
    """``govreport parse`` with its three streams passed in (the tests hand in their own).

    One input without ``--out`` prints its document on standard output, as it always has; several inputs print
    one document per line (JSON Lines), or write one file each with ``--out DIR``. ``--json`` prints the
    findings as JSON Lines instead, in the results schema. Findings for people go to standard error.
    """
    import logging  # noqa: PLC0415

    # pypdf logs every repair it makes to a damaged PDF; on the command line stderr is for the findings.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    specs = list(args.files)
    single = len(specs) == 1 and (specs[0] == "-" or not (is_directory(specs[0]) or GLOB_CHARS & set(specs[0])))
    batch = args.out is not None or not single
    if "-" in specs and stdin.isatty():
        stderr.write("govreport parse: reading a published report from the terminal; end with Ctrl-D\n")
    names = _OutputNames(Path(args.out)) if args.out is not None else None
    documents = names is not None or not args.json
    task = _ParseTask(
        lang=args.lang,
        json=args.json,
        documents=documents,
        indent=2 if not batch or names else None,
        colour=colour_allowed(stderr),
    )
    progress = (
        _progress(args, stderr, specs, published=True, documents=False)
        if batch
        else progress_bar(stderr, None, enabled=False)
    )
    check = Check(rules=False, parse=_parse_options(args))
    summary = Summary()
    try:
        for parsed in process(
            _parse_sources(specs, stdin), task, check=check, jobs=args.jobs, chunksize=args.chunksize
        ):
            summary.count(parsed.state, parsed.rules)
            progress.clear()
            _put_parsed(parsed, names, json=args.json, stdout=stdout)
            stderr.write(parsed.text)
            progress.update(summary)
        progress.update(summary, force=True)
    finally:  # Ctrl-C, or an output that cannot be written: the bar leaves the screen all the same
        progress.close()
    if batch and not args.no_summary:
        stderr.write(summary.render(args.lang))
    return summary.status


def _cmd_template(args: argparse.Namespace) -> int:
    from govreport.renderers import template  # noqa: PLC0415 - only this verb needs it

    data = template(args.to, edition=args.edition)
    if args.output:
        Path(args.output).write_bytes(data)
    elif sys.stdout.isatty():
        sys.stderr.write(f"govreport template: a binary {args.to} file; write it with -o FILE or redirect stdout\n")
        return EXIT_UNREADABLE
    else:
        sys.stdout.buffer.write(data)
    return EXIT_OK


def _cmd_upgrade(args: argparse.Namespace) -> int:
    from govreport.serialization import dumps  # noqa: PLC0415
    from govreport.upgrading import upgrade  # noqa: PLC0415 - only this verb needs it

    original = _load_report(args.file)
    if original is None:
        return EXIT_UNREADABLE
    try:
        report, losses = upgrade(original, to=args.to)
    except GovReportError as e:  # no upgrade from its edition, an unknown --to
        sys.stderr.write(f"{args.file}: {e}\n")
        return EXIT_UNREADABLE
    sys.stdout.write(dumps(report) + "\n")
    _print_findings(losses, args.lang, sys.stderr, prefix=f"{args.file}: ")
    return EXIT_OK
