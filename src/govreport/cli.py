"""The ``govreport`` command line: verbs that mirror the library.

Exit status (contract.md): 0 success / all valid; 1 a finding of severity error; 2 unreadable input or not a
report.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from govreport.errors import GovReportError, ReportDecodeError
from govreport.findings import Finding, Severity
from govreport.rules import ValidationResult, rules_for, validate
from govreport.serialization import dumps_json, load

__all__ = ["main"]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2


def _print_findings(findings: Sequence[Finding], lang: str, out: TextIO, prefix: str = "  ") -> None:
    for f in findings:
        where = f" [{f.pointers[0]}]" if f.pointers and f.pointers[0] else ""
        out.write(f"{prefix}{f.severity.value:<7} {f.rule}{where}: {f.message_in(lang)}\n")


def _cmd_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    previous = None
    if args.previous is not None:
        try:
            previous = load(args.previous)
        except (ReportDecodeError, OSError) as e:
            sys.stderr.write(f"{args.previous}: {e}\n")
            return EXIT_UNREADABLE
    for name in args.files:
        try:
            report = load(name)
        except ReportDecodeError as e:
            status = EXIT_UNREADABLE
            if args.json:
                doc = {"file": name, "valid": False, "findings": [p.to_dict(args.lang) for p in e.problems]}
                sys.stdout.write(dumps_json(doc, indent=None) + "\n")
            else:
                sys.stdout.write(f"{name}: not a report document\n")
                _print_findings(e.problems, args.lang, sys.stdout)
            continue
        except OSError as e:
            status = EXIT_UNREADABLE
            sys.stderr.write(f"{name}: cannot read: {e.strerror or e}\n")
            continue
        result: ValidationResult = validate(report, previous, strict=args.strict)
        if not result.valid and status == EXIT_OK:
            status = EXIT_ERRORS
        if args.json:
            sys.stdout.write(dumps_json({"file": name, **result.to_dict(args.lang)}, indent=None) + "\n")
        else:
            verdict = "valid" if result.valid else "INVALID"
            counts = {s: sum(1 for f in result.findings if f.severity is s) for s in Severity}
            sys.stdout.write(
                f"{name}: {verdict} ({counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings)\n"
            )
            _print_findings(result.findings, args.lang, sys.stdout)
    return status


def _cmd_rules(args: argparse.Namespace) -> int:
    rules = rules_for(args.edition)
    if args.json:
        sys.stdout.write(dumps_json([r.catalogue_entry() for r in rules]) + "\n")
    else:
        for r in rules:
            clause = r.clause if args.lang == "zh" else r.clause_en
            sys.stdout.write(f"{r.id:<30} {r.severity.value:<8} {r.formula}\n    {clause}\n")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from govreport.schemas import schema_text  # noqa: PLC0415 - only this verb needs it

    sys.stdout.write(schema_text(args.edition, kind=args.kind))
    return EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
    from govreport.renderers import render  # noqa: PLC0415 - only this verb needs it

    try:
        report = load(args.file)
    except ReportDecodeError as e:
        sys.stderr.write(f"{e}\n")
        return EXIT_UNREADABLE
    except OSError as e:
        sys.stderr.write(f"{args.file}: cannot read: {e.strerror or e}\n")
        return EXIT_UNREADABLE
    options = {"findings": validate(report).findings} if args.findings else {}
    output = render(report, args.to, **options)
    if args.output and isinstance(output, bytes):
        Path(args.output).write_bytes(output)
    elif args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    elif isinstance(output, bytes):
        sys.stdout.buffer.write(output)
    else:
        sys.stdout.write(output)
    return EXIT_OK


def _cmd_parse(args: argparse.Namespace) -> int:
    from govreport.parsers import parse  # noqa: PLC0415 - only this verb needs it
    from govreport.serialization import dumps  # noqa: PLC0415

    try:
        result = parse(Path(args.file), kind=args.kind)
    except OSError as e:
        sys.stderr.write(f"{args.file}: cannot read: {e.strerror or e}\n")
        return EXIT_UNREADABLE
    sys.stdout.write(dumps(result.report) + "\n")
    _print_findings(result.findings, args.lang, sys.stderr, prefix=f"{args.file}: ")
    return EXIT_ERRORS if any(f.severity is Severity.ERROR for f in result.findings) else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govreport`` command."""
    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Validate, parse, render and describe annual reports on government information disclosure "
        "work (国办公开办函〔2021〕30号).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check report documents (JSON) against every 勾稽 rule")
    p.add_argument("files", nargs="+", metavar="FILE", help="report documents (JSON)")
    p.add_argument("--json", action="store_true", help='print {"valid": bool, "findings": [...]} per file')
    p.add_argument("--previous", metavar="FILE", help="the preceding year's report, for the continuity rules")
    p.add_argument("--strict", action="store_true", help="treat missing cells as errors")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages (default zh)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("parse", help="read a published report (text, HTML, PDF) and print its JSON document")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--from", dest="kind", choices=("text", "html", "pdf"), help="the kind of input (default: guess)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the findings on stderr")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("render", help="render a report document as HTML, Markdown, text, CSV…")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", required=True, metavar="FORMAT", help="html, markdown, text, csv, or a plug-in's name")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    p.add_argument("--findings", action="store_true", help="show validation findings in the output")
    p.set_defaults(func=_cmd_render)

    p = sub.add_parser("schema", help="print the JSON Schema of report documents (or of validation results)")
    p.add_argument("--edition", default="2021")
    p.add_argument("--kind", choices=("report", "results"), default="report")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser("rules", help="list the rule catalogue")
    p.add_argument("--edition", default="2021")
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.set_defaults(func=_cmd_rules)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.func(args)
    except GovReportError as e:
        sys.stderr.write(f"govreport: {e}\n")
        return EXIT_UNREADABLE
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
