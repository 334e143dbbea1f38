"""The ``govreport`` command line: verbs that mirror the library.

``validate`` streams its inputs (files, directories, glob patterns, JSON Lines on standard input) through the
batch engine of :mod:`govreport.corpus`, in this process or in a pool of worker processes (``--jobs``), and
prints each result as it comes, in input order; nothing grows with the number of inputs except the counters of
the summary. A problem with one input becomes that input's result.

Exit status (contract.md): 0 success / all valid; 1 a finding of severity error; 2 unreadable input or not a
report.
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
from govreport._kinds import KINDS
from govreport._progress import Progress, colour_allowed, progress_bar
from govreport._version import __version__
from govreport._walk import GLOB_CHARS, is_directory
from govreport.corpus import Check, Outcome, RunOptions, Source, State, Summary, process, rule_counts, run, sources
from govreport.editions import DEFAULT_EDITION, Edition, edition_names, get_edition
from govreport.errors import GovReportError, ReportDecodeError
from govreport.findings import Finding, Severity, Status
from govreport.formats import CIReport, add_format_arguments
from govreport.model import Report
from govreport.rules import matches, rules_for, validate
from govreport.serialization import dumps_json, load

if TYPE_CHECKING:
    from govreport.corpus import Overview

__all__ = ["main"]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2


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
    ids = [r.id for name in edition_names() for r in rules_for(name)]
    return [n for n in names if not any(matches(i, n) for i in ids)]


def _rule_names(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        msg = "name a rule id or prefix"
        raise argparse.ArgumentTypeError(msg)
    return names


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


_MAIN_EPILOG = """\
exit status:
  0  every input is valid (or the command succeeded)
  1  a finding of severity error
  2  an input is unreadable or not a report document

examples:
  govreport validate report.json
  govreport validate --jobs 0 reports/            every *.json below reports/, on every core
  govreport export reports/ --to parquet -o tables/
  govreport report reports/ -o corpus.html
  govreport parse report.html > report.json
  govreport render report.json --to html -o report.html
  govreport diff 2022.json 2023.json
  govreport rules --lang en

Run 'govreport COMMAND --help' for the options of a command."""

_VALIDATE_EPILOG = """\
exit status: 0 all valid, 1 a finding of severity error, 2 an input unreadable or not a report.

examples:
  govreport validate report.json
  govreport validate --lang en --previous 2022.json 2023.json
  govreport validate --diagnose report.json                  which cell explains the failures
  govreport validate -q --jobs 0 corpus/                     a whole folder, on every core
  govreport validate 'corpus/**/2023-*.json'                 a glob (quoted: govreport expands it)
  govreport validate --ignore sections.substance report.json  without the "五/六 is only 无" finding
  cat reports.jsonl | govreport validate --json - > results.jsonl

A progress bar is drawn on standard error when it is a terminal; a summary (files, valid, invalid,
unreadable, findings by rule) follows the results (on standard error with --json)."""

_PARSE_EPILOG = """\
exit status: 0 parsed, 1 parsed with error findings, 2 an input unreadable or not a report (the worst input).

One input prints its document on standard output; several print one document per line (JSON Lines), or with
--out DIR write one file each. --json prints the findings instead, one line per input. A progress bar is drawn
on standard error when it is a terminal, and a batch ends with a summary there.

examples:
  govreport parse report.txt > report.json
  govreport parse --from html --lang en page.html > report.json
  govreport parse filled-in-template.xlsx > report.json
  govreport parse --agency 某市某局 --year 2023 untitled.txt > report.json
  govreport parse --edition 2021 report.html > report.json
  govreport parse --jobs 0 --out parsed/ crawl/              every published report below crawl/
  govreport parse --json 'crawl/**/*.html' > findings.jsonl
  govreport parse a.txt b.html | govreport validate -"""

_TEMPLATE_EPILOG = """\
exit status: 0 written, 2 nothing written.

examples:
  govreport template --to xlsx -o 年度报告模板.xlsx
  govreport template --to docx --edition 2019 -o template-2019.docx
  govreport parse 年度报告模板.xlsx > report.json          once it is filled in"""

_RENDER_EPILOG = """\
exit status: 0 rendered, 2 unreadable input or unknown format.

examples:
  govreport render report.json --to html -o report.html
  govreport render report.json --to markdown --findings
  govreport render 2022.json 2023.json --to csv -o cells.csv"""

_EXPORT_EPILOG = """\
exit status: 0 written (whatever the reports' verdicts: they are in the tables), 2 nothing written, or an
input could not be read (it is in the tables as unreadable).

Tables: cells (one row per data cell; --wide: table wide, one row per report and one column per cell),
reports (one row per input, the unreadable ones too, with read_error), findings (one row per finding).
--to parquet, csv and jsonl write OUT/<table>.<suffix>; --to duckdb writes the tables into the database OUT.

examples:
  govreport export corpus/ --to parquet -o tables/
  govreport export --published --jobs 0 crawl/ --to duckdb -o corpus.duckdb
  govreport export 'corpus/**/2023-*.json' --to csv -o csv/
  cat reports.jsonl | govreport export - --to jsonl --lang en -o out/"""

_REPORT_EPILOG = """\
exit status: 0 written (whatever the reports' verdicts: the page shows them), 2 nothing written, or an input
could not be read (the page lists it as unreadable).

The page is self-contained (charts drawn as SVG, no script, nothing loaded): findings by rule and by agency,
the share of invalid reports per year, how requests were handled per year, year-over-year changes per agency,
and the relations the agencies with the most errors break.

examples:
  govreport report corpus/ -o corpus.html
  govreport report --published --jobs 0 --lang en crawl/ -o corpus-en.html"""

_DIFF_EPILOG = """\
exit status: 0 compared (cross-year findings are warnings), 1 a finding of severity error, 2 unreadable.

examples:
  govreport diff 2022.json 2023.json
  govreport diff --lang en --json 2022.json 2023.json"""


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps one-paragraph descriptions to the terminal; keeps multi-line epilogs (examples) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        msg = f"expected a whole number ≥ 0, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _positive_int(text: str) -> int:
    value = _non_negative_int(text)
    if value == 0:
        msg = "expected a whole number ≥ 1"
        raise argparse.ArgumentTypeError(msg)
    return value


def _add_corpus_inputs(p: argparse.ArgumentParser) -> None:
    """The options of every verb that reads many inputs through govreport.corpus (validate, export, report)."""
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="a report document, a directory, a glob such as 'reports/**/*.json', or -",
    )
    p.add_argument("--stdin", action="store_true", help="also read JSON Lines from standard input (same as -)")
    p.add_argument(
        "--published",
        action="store_true",
        help="also read published reports (*.txt, *.html, *.htm, *.pdf) through the parsers, in directories too",
    )
    p.add_argument("--previous", metavar="FILE", help="the preceding year's report, for the continuity rules")
    for flag, text in (
        ("--strict", "treat missing cells as errors"),
        ("--blank-as-zero", "assume blank cells are 0 where a rule reads them (the findings that rest on it say so)"),
        ("--diagnose", "when equations fail, name the smallest corrections that explain them (diagnosis.* findings)"),
    ):
        p.add_argument(flag, action="store_true", help=text)
    p.add_argument(
        "--select",
        action="append",
        metavar="RULE",
        help="run only this rule or rule prefix (requests, narrative.*); repeat or separate with commas",
        type=_rule_names,
    )
    p.add_argument(
        "--ignore",
        action="append",
        metavar="RULE",
        help="skip this rule or rule prefix; repeat or separate with commas",
        type=_rule_names,
    )
    _add_batch_options(p, "check", chunksize=16)


def _add_batch_options(p: argparse.ArgumentParser, doing: str, *, chunksize: int) -> None:
    """The options of every verb that runs a batch through govreport.corpus: worker processes, the progress bar."""
    p.add_argument(
        "-j", "--jobs", type=_non_negative_int, default=1, metavar="N", help=f"{doing} in N processes (0: one per core)"
    )
    p.add_argument("--chunksize", type=_positive_int, default=chunksize, metavar="K", help=argparse.SUPPRESS)
    p.add_argument("--no-progress", action="store_true", help="no progress bar (it is shown only on a terminal)")


def _add_validate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help="check report documents (JSON) against every 勾稽 rule",
        description="Check report documents (contract JSON) against every rule of the format. Give files, "
        "directories (every *.json below them), glob patterns, or - to read JSON Lines (one document per line) "
        "from standard input. Every input is checked, whatever happens to the others.",
        epilog=_VALIDATE_EPILOG,
        formatter_class=_HelpFormatter,
    )
    _add_corpus_inputs(p)
    add_format_arguments(p)
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages (default zh)")
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only inputs with errors, and only the errors and the diagnosis (--json still prints a line "
        "per input)",
    )
    p.add_argument("--no-summary", action="store_true", help="no summary at the end")
    p.set_defaults(func=_cmd_validate)


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from govreport.corpus import FORMATS  # noqa: PLC0415 - the formats, without loading a writer

    p = sub.add_parser(
        "export",
        help="export a corpus to Parquet, DuckDB, CSV or JSON Lines: cells, reports and findings tables",
        description="Read and check every input (as validate does) and write three tables: the cells of every "
        "report in tidy form, one row per input with its verdict and counts of findings, and every finding. "
        "Memory stays flat however many inputs there are; an input that cannot be read is a row, never an abort.",
        epilog=_EXPORT_EPILOG,
        formatter_class=_HelpFormatter,
    )
    _add_corpus_inputs(p)
    p.add_argument("--to", required=True, choices=FORMATS, help="the format of the tables")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the directory (or DuckDB database file)")
    p.add_argument("--wide", action="store_true", help="one row per report and one column per cell, not one per cell")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the findings' messages")
    p.add_argument(
        "--no-formula-guard",
        action="store_true",
        help="CSV: write text exactly, without the apostrophe before what a spreadsheet would read as a formula",
    )
    p.set_defaults(func=_cmd_export)


def _add_report(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="a corpus as one offline HTML page with charts: findings, invalid reports, outcomes, changes",
        description="Read and check every input (as validate does) and write one self-contained HTML page "
        "that shows the corpus: findings by rule and by agency, invalid reports per year, how requests were "
        "handled per year, year-over-year changes per agency, and the relations each agency breaks.",
        epilog=_REPORT_EPILOG,
        formatter_class=_HelpFormatter,
    )
    _add_corpus_inputs(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the HTML file to write")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the page (default zh)")
    p.set_defaults(func=_cmd_report)


def _add_upgrade(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "upgrade",
        help="upgrade a report document to the current edition, listing what could not be carried",
        description="Print the report document (JSON) as a document of the current edition (a 2019 trial-format "
        "report as a 2021 one). Every cell that could not be carried as it is (lost, left null, or set by a "
        "convention) is reported as a finding on standard error.",
        epilog="exit status: 0 upgraded, 2 unreadable or no upgrade.\n\nexamples:\n"
        "  govreport upgrade 2020.json > 2020-as-2021.json\n  govreport upgrade --lang en 2019.json",
        formatter_class=_HelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help="a report document (JSON) of an older edition")
    p.add_argument("--to", default=DEFAULT_EDITION, help=f"the edition to upgrade to (default {DEFAULT_EDITION})")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the findings on stderr")
    p.set_defaults(func=_cmd_upgrade)


def _add_parse(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "parse",
        help="read published reports (text, Markdown, HTML, PDF, Word, Excel) and print or write their JSON documents",
        description="Read reports as they were published (the page flattened to text, a Markdown conversion, the HTML "
        "page, a PDF's text layer, a Word document or an Excel workbook) and print them as JSON report documents. What "
        "could not be read cleanly is reported as findings on standard error, with where in the source it is. Give "
        "one file, or many: files, directories (every published report below them), glob patterns, or - for one "
        "report on standard input. Every input is parsed, whatever happens to the others.",
        epilog=_PARSE_EPILOG,
        formatter_class=_HelpFormatter,
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a published report (.txt, .md, .html, .pdf, .docx, .xlsx), a directory, a glob such as "
        "'crawl/**/*.html', or -",
    )
    p.add_argument(
        "--from",
        dest="kind",
        choices=KINDS,
        help="the kind of input (default: guess)",
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the findings")
    p.add_argument("--agency", help="the agency, for sources that do not name it (e.g. no title)")
    p.add_argument("--year", type=int, help="the statistics year, for sources that do not state it")
    p.add_argument(
        "--edition",
        default="auto",
        help="the edition of the format the report follows (default auto: detected from what the report prints)",
    )
    p.add_argument(
        "-o",
        "--out",
        metavar="DIR",
        help="write one document per input below DIR, named after the input (a/b/report.txt: DIR/a/b/report.json)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print the findings as JSON Lines (one object per input, the results schema) instead of the documents",
    )
    _add_batch_options(p, "parse", chunksize=4)
    p.add_argument("--no-summary", action="store_true", help="no summary at the end of a batch")
    p.set_defaults(func=_cmd_parse)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govreport`` command."""
    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Validate, parse, render and describe annual reports on government information disclosure "
        "work (政府信息公开工作年度报告, 国办公开办函〔2021〕30号).",
        epilog=_MAIN_EPILOG,
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    _add_validate(sub)
    _add_export(sub)
    _add_report(sub)

    p = sub.add_parser(
        "diff",
        help="compare two years of one agency: changed cells and the cross-year rules",
        description="Compare the reports of two years of one agency: every data cell whose value changed "
        "(old value, new value, difference, JSON Pointer) and the findings of the cross-year rules "
        "(continuity.carried_over, continuity.in_force).",
        epilog=_DIFF_EPILOG,
        formatter_class=_HelpFormatter,
    )
    p.add_argument("previous", metavar="PREVIOUS", help="the earlier year's report document (JSON)")
    p.add_argument("current", metavar="CURRENT", help="the later year's report document (JSON)")
    p.add_argument("--json", action="store_true", help="print one JSON object with the changes and findings")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of labels and messages (default zh)")
    p.set_defaults(func=_cmd_diff)

    _add_parse(sub)

    _add_upgrade(sub)

    p = sub.add_parser(
        "template",
        help="write the blank official template (XLSX or DOCX) that an agency fills in",
        description="Write the blank official template of an edition for an agency to fill in: an Excel workbook "
        "whose totals are formulas and whose input cells alone are unlocked (the sheets are protected without a "
        "password), or a Word document with the official merged-cell tables. govreport parse reads the filled-in "
        "file back.",
        epilog=_TEMPLATE_EPILOG,
        formatter_class=_HelpFormatter,
    )
    p.add_argument("--to", required=True, choices=("xlsx", "docx"), help="the format of the template")
    p.add_argument("--edition", default=DEFAULT_EDITION, help=f"the edition of the format (default {DEFAULT_EDITION})")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=_cmd_template)

    p = sub.add_parser(
        "render",
        help="render a report document as HTML, Markdown, text, CSV, XLSX, DOCX…",
        description="Render report documents (JSON) in the official layout of the format, or as data (CSV).",
        epilog=_RENDER_EPILOG,
        formatter_class=_HelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="report documents (JSON); several only with --to csv")
    p.add_argument(
        "--to",
        required=True,
        metavar="FORMAT",
        help="html, markdown, text, csv, xlsx, docx, or a plug-in's name",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    p.add_argument("--findings", action="store_true", help="show validation findings in the output")
    p.add_argument("--lang", choices=("zh", "en"), help="language of the findings (default: the renderer's, zh)")
    p.add_argument(
        "--no-formula-guard",
        action="store_true",
        help="csv: write text that starts with = + - @, a tab or a carriage return as it is (by default such a "
        "cell gets an apostrophe in front, so that a spreadsheet shows it as text instead of running it)",
    )
    p.set_defaults(func=_cmd_render)

    p = sub.add_parser(
        "example",
        help="print the bundled example report (井陘礦區 2023), to try the other commands on",
        description="Print the bundled example report: the 2023 report of 井陘礦區政府 as published, either as a "
        "contract JSON document or as the published page flattened to text (traditional characters, as found).",
        epilog="examples:\n  govreport example > example-2023.json\n  govreport example --kind text > example-2023.txt",
        formatter_class=_HelpFormatter,
    )
    p.add_argument("--kind", choices=("json", "text"), default="json", help="JSON document or published text")
    p.set_defaults(func=_cmd_example)

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of report documents (or of validation results)",
        description="Print the JSON Schema (draft 2020-12) of report documents, or with --kind results the "
        "schema of what validate --json prints.",
        epilog="examples:\n  govreport schema > report.schema.json\n  govreport schema --kind results",
        formatter_class=_HelpFormatter,
    )
    p.add_argument("--edition", default=DEFAULT_EDITION, help=f"the edition of the format (default {DEFAULT_EDITION})")
    p.add_argument("--kind", choices=("report", "results"), default="report", help="which schema (default report)")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser(
        "rules",
        help="list the rule catalogue",
        description="List every rule of an edition: its id, severity, kind, formula, the clause of the format it "
        "enforces and the cells it reads (in this year's report and, for cross-year rules, last year's).",
        epilog="examples:\n  govreport rules\n  govreport rules --lang en\n  govreport rules --json",
        formatter_class=_HelpFormatter,
    )
    p.add_argument("--edition", default=DEFAULT_EDITION, help=f"the edition of the format (default {DEFAULT_EDITION})")
    p.add_argument("--json", action="store_true", help="print the catalogue as a JSON array")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the clauses (default zh)")
    p.set_defaults(func=_cmd_rules)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.func(args)
        sys.stdout.flush()  # a full disk shows here, not as "Exception ignored" when the interpreter exits
    except GovReportError as e:
        sys.stderr.write(f"govreport: {e}\n")
        return EXIT_UNREADABLE
    except BrokenPipeError:  # e.g. piped into head
        _discard_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("govreport: interrupted\n")
        return 130  # the shell's convention for a command stopped by SIGINT
    except OSError as e:
        # The one place where writing the output fails, for every verb: -o into a missing folder, a read-only
        # place or a directory, or a full disk (/dev/full). Inputs that cannot be read are reported where read.
        _discard_stdout()
        where = e.filename or getattr(args, "output", None) or "standard output"
        sys.stderr.write(f"govreport: cannot write {where}: {e.strerror or e}\n")
        return EXIT_UNREADABLE
    return status


def _discard_stdout() -> None:
    """Point standard output at the null device when what it holds cannot be written, so that the interpreter's
    last flush at exit does not fail again (and print "Exception ignored")."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a stream with a descriptor (the tests capture it)
        return
    try:
        sys.stdout.flush()
    except OSError:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
