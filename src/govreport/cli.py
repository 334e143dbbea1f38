"""The ``govreport`` command line: verbs that mirror the library.

``validate`` streams its inputs (files, directories, glob patterns, JSON Lines on standard input) through the
batch engine of :mod:`govreport.corpus`, in this process or in a pool of worker processes (``--jobs``), and
prints each result as it comes, in input order; nothing grows with the number of inputs except the counters of
the summary. A problem with one input becomes that input's result.

This module builds the argument parser; the verbs themselves (:mod:`govreport._verbs`) load when one runs, so
that ``govreport --version`` and ``--help`` start fast.

Exit status (contract.md): 0 success / all valid; 1 a finding of severity error; 2 unreadable input or not a
report.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from govreport._defaults import DEFAULT_EDITION
from govreport._entry import interrupted
from govreport._kinds import EXPORT_FORMATS, KINDS, VALIDATE_FORMATS
from govreport._version import __version__
from govreport.errors import GovReportError

__all__ = ["main"]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2


def _verb(name: str) -> Callable[[argparse.Namespace], int]:
    """The verb function ``name`` of :mod:`govreport._verbs`, which loads when the verb runs."""

    def run(args: argparse.Namespace) -> int:
        from govreport import _verbs  # noqa: PLC0415 - the library loads only when a verb runs

        status: int = getattr(_verbs, name)(args)
        return status

    return run


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


def _rule_names(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        msg = "name a rule id or prefix"
        raise argparse.ArgumentTypeError(msg)
    return names


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


def _add_format_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--format`` and its alias ``--json`` to a verb's parser (the value lands in ``args.format``)."""
    parser.add_argument(
        "--format",
        choices=VALIDATE_FORMATS,
        default="text",
        help='json: {"file", "valid", "findings"} per input, as JSON Lines; sarif: one SARIF 2.1.0 log; junit: '
        "JUnit XML; github: GitHub workflow annotations (default text)",
    )
    parser.add_argument("--json", action="store_const", dest="format", const="json", help="same as --format json")


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
    _add_format_arguments(p)
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages (default zh)")
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only inputs with errors, and only the errors and the diagnosis (--json still prints a line "
        "per input)",
    )
    p.add_argument("--no-summary", action="store_true", help="no summary at the end")
    p.set_defaults(func=_verb("_cmd_validate"))


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    p.add_argument("--to", required=True, choices=EXPORT_FORMATS, help="the format of the tables")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the directory (or DuckDB database file)")
    p.add_argument("--wide", action="store_true", help="one row per report and one column per cell, not one per cell")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the findings' messages")
    p.add_argument(
        "--no-formula-guard",
        action="store_true",
        help="CSV: write text exactly, without the apostrophe before what a spreadsheet would read as a formula",
    )
    p.set_defaults(func=_verb("_cmd_export"))


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
    p.set_defaults(func=_verb("_cmd_report"))


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
    p.set_defaults(func=_verb("_cmd_upgrade"))


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
    p.set_defaults(func=_verb("_cmd_parse"))


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
    p.set_defaults(func=_verb("_cmd_diff"))

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
    p.set_defaults(func=_verb("_cmd_template"))

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
    p.set_defaults(func=_verb("_cmd_render"))

    p = sub.add_parser(
        "example",
        help="print the bundled example report (井陘礦區 2023), to try the other commands on",
        description="Print the bundled example report: the 2023 report of 井陘礦區政府 as published, either as a "
        "contract JSON document or as the published page flattened to text (traditional characters, as found).",
        epilog="examples:\n  govreport example > example-2023.json\n  govreport example --kind text > example-2023.txt",
        formatter_class=_HelpFormatter,
    )
    p.add_argument("--kind", choices=("json", "text"), default="json", help="JSON document or published text")
    p.set_defaults(func=_verb("_cmd_example"))

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
    p.set_defaults(func=_verb("_cmd_schema"))

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
    p.set_defaults(func=_verb("_cmd_rules"))
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
        return interrupted()
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
