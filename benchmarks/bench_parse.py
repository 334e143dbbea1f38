"""Parse speed: govreport's parse of a typical text report, a typical HTML page (and a PDF when pypdf and reportlab
are installed), against a minimal regex reader of the same source in the same run.

- text: the sample as published (``tests/fixtures/jingxing-2023.txt``: traditional characters, NFKC punctuation,
  tables one cell per line ending in ``|``), about 11 kB;
- HTML: the sample as a site page (``tests/fixtures/parse/jingxing-2023.html``: navigation, header, footer,
  scripts, a nested layout table, ``rowspan``/``colspan``, ``&nbsp;``), about 20 kB;
- PDF: the sample drawn into a three-page PDF (style E text layer), when the optional packages are there.

Each source is timed twice. *Same document*: the same bytes parsed again and again, so every line is in
govreport's caches (the folded keys of labels and lines, what a table line cuts into) after the first parse. *New
document*: every parse gets a copy of the source not parsed before, its prose sentences made unique (a marker of
its own before each ``。``, a marker no other copy in the run has, of either source) and every number of its
tables multiplied by a factor of its own (2 to 6, so the tables' sums still hold), as in a run over a corpus of one
platform's reports: the labels, the layout and the recurring table lines are known, the prose and the numbers of
the new report are not. The target is on the new document; the same-document figure is printed beside it.

The regex reader is the simplest alternative: decode the bytes (strip the tags of a page, or take the PDF's text
layer), take the year and the agency from the first line that names a year, take the numbers between the first
table's heading and the section after the tables in order, fill the grid's cells in document order, and build the
same typed report. It reads no label, so it gets only some cells right; govreport must get all 200. Each time is
the median of several rounds of bytes → report in CPU time, the two readers' rounds alternating; the ratio is
govreport's time over the regex reader's, with the range of the round-by-round ratios.

Run: ``python benchmarks/bench_parse.py [--rounds N]``; ``--quick`` parses each source once with both readers,
prints no timing, and exits non-zero when govreport does not give every cell right or either reader fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import itertools
import re
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from decimal import Decimal
from html import unescape
from itertools import repeat
from pathlib import Path
from typing import Any

import attrs

import govreport
from govreport.editions import Edition, get_edition
from govreport.parsers import parse
from govreport.pointers import join

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def _pdf_of(text: str) -> bytes | None:
    """The sample drawn into a PDF by the tests' own helper; None without reportlab (the test extra)."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from pdfs import draw_pdf  # noqa: PLC0415 - the tests' helper, found through the path set above

        return draw_pdf(text)
    except ImportError:
        return None
    finally:
        sys.path.remove(str(ROOT / "tests"))


# --- the minimal regex reader --------------------------------------------------------------------------------

_RAW = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")


class RegexReader:
    """The simplest reader of a report: numbers in order into the grid (no labels, no findings)."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.cells = [(ptr, *edition.cell(ptr)) for ptr in edition.cell_pointers()]  # type: ignore[misc]
        numerals = {t.section: t.heading.partition("、")[0] for t in edition.tables}
        numerals.update({f.section: f.label.partition("、")[0] for f in edition.fields if f.section is not None})
        first = min(t.section for t in edition.tables)
        after = max(t.section for t in edition.tables) + 1
        self.start, self.end = numerals[first] + "、", numerals[after] + "、"
        self.build = _builder(edition.report_type, ())

    def text_of(self, data: bytes, kind: str) -> str:
        """The text of a source: decoded, tags stripped, or the PDF's text layer."""
        if kind == "pdf":
            from pypdf import PdfReader  # noqa: PLC0415 - the pdf extra

            return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
        text = data.decode("utf-8")
        return unescape(_TAG.sub("\n", _RAW.sub("", text))) if kind == "html" else text

    def read(self, data: bytes, kind: str) -> Any:
        """The report the regex reader makes of ``data``."""
        text = self.text_of(data, kind)
        head = next((line for line in text.splitlines() if _YEAR.search(line)), "")
        year = _YEAR.search(head)
        start = text.find(self.start)
        end = text.find(self.end, start)
        numbers = _NUMBER.findall(text, start, end if end >= 0 else len(text))
        values: dict[str, Any] = {
            "/edition": self.edition.name,
            "/agency": head[: year.start()].strip() if year else "?",
            "/year": int(year.group()) if year else 1000,
            "/overview": "",
            "/problems_and_improvements": "",
            "/other_matters": "",
        }
        for (ptr, _, column), number in zip(self.cells, numbers, strict=False):
            values[ptr] = Decimal(number) if column.kind == "amount" else int(float(number))
        for ptr, _, _ in self.cells[len(numbers) :]:
            values[ptr] = None
        return self.build(values)


def _builder(cls: type, path: tuple[str, ...]) -> Callable[[Mapping[str, Any]], Any]:
    attrs.resolve_types(cls)
    members = []
    for field in attrs.fields(cls):
        nested = field.type if isinstance(field.type, type) and attrs.has(field.type) else None
        members.append(
            (
                field.alias or field.name,
                _builder(nested, (*path, field.name)) if nested else None,
                join((*path, field.name)),
            )
        )

    def build(values: Mapping[str, Any]) -> Any:
        return cls(**{name: sub(values) if sub else values[ptr] for name, sub, ptr in members if sub or ptr in values})

    return build


# --- measuring ---------------------------------------------------------------------------------------------------


def _right(report: Any, expected: govreport.Report) -> int:
    rules = govreport.rules_for(expected.edition)
    got, want = rules.read_cells(report), rules.read_cells(expected)
    return sum(1 for ptr, value in want.items() if got[ptr] == value)


def _times(work: Callable[[], object], per_round: int) -> float:
    start = time.process_time()  # CPU time: the time other jobs hold the core is not counted
    for _ in range(per_round):
        work()
    return (time.process_time() - start) / per_round


_MARKS = "甲乙丙丁戊己庚辛壬癸"
# The serial number of each copy made in this run, whatever source it is made from: the text and the HTML sample
# share their prose, so copies numbered alike would share their sentences, and the second source's "new" copies
# would find their prose in the caches the first one filled.
_SERIAL = itertools.count()


# A table cell's number: a text line of one cell (``12 |``), or an HTML cell (``<td …>12</td>``).
_CELL_NUMBER = {
    "text": re.compile(r"(?m)^(\d+(?:\.\d+)?)(?= \|)"),
    "html": re.compile(r"(?<=>)(\d+(?:\.\d+)?)(?=</td>)"),
}


def _factor(k: int) -> int:
    """What copy ``k`` multiplies every number of its tables by."""
    return 2 + k % 5


def _variants(source: bytes, kind: str, count: int) -> list[bytes]:
    """``count`` copies of ``source``, each its own report of the same layout: each sentence ends in a marker of
    the copy's own (unique in the run, see :data:`_SERIAL`), and every number of its tables is multiplied by
    :func:`_factor` of the copy's index (so the tables' sums hold)."""
    text = source.decode("utf-8")
    number = _CELL_NUMBER[kind]
    out = []
    for k in range(count):
        mark = "".join(_MARKS[int(d)] for d in str(next(_SERIAL)))
        factor = _factor(k)
        copy = number.sub(lambda m, f=factor: str(Decimal(m.group()) * f), text)  # type: ignore[misc]
        out.append(copy.replace("。", mark + "。").encode("utf-8"))
    return out


def _scaled(report: govreport.Report, factor: int) -> govreport.Report:
    """``report`` with every cell multiplied by ``factor``."""
    cells = govreport.rules_for(report.edition).read_cells(report)
    return report.evolve({ptr: value * factor for ptr, value in cells.items() if value is not None})


def _compare(
    ours: Callable[[], object], theirs: Callable[[], object], rounds: int, per_round: int
) -> tuple[float, float, list[float]]:
    """The median times of ``ours`` and ``theirs``, timed in alternate rounds so that machine noise hits both
    alike, and the round-by-round ratios, sorted."""
    ours_t, theirs_t = [], []
    for _ in range(rounds):
        ours_t.append(_times(ours, per_round))
        theirs_t.append(_times(theirs, per_round))
    ratios = sorted(o / t for o, t in zip(ours_t, theirs_t, strict=True))
    return statistics.median(ours_t), statistics.median(theirs_t), ratios


def main(argv: list[str] | None = None) -> int:
    """Print each source's cells right and, in full mode, both readers' times and their ratio; 1 on breakage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="parse each source once with both readers, no timing")
    args = parser.parse_args(argv)
    expected = govreport.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8"))
    reader = RegexReader(get_edition(expected.edition))
    text = (FIXTURES / "jingxing-2023.txt").read_bytes()
    sources: dict[str, tuple[bytes, str, int]] = {
        "text (style B, traditional)": (text, "text", 40),
        "HTML page with site chrome": ((FIXTURES / "parse" / "jingxing-2023.html").read_bytes(), "html", 40),
    }
    pdf = _pdf_of(text.decode("utf-8")) if importlib.util.find_spec("pypdf") else None
    if pdf is not None:
        sources["PDF text layer (3 pages)"] = (pdf, "pdf", 3)
    status = 0
    print(f"{'source':<30} {'size':>8}  {'cells right':>17}  {'govreport':>9}  {'regex':>9}  ratio")
    for name, (source, kind, per_round) in sources.items():
        try:
            right = _right(parse(source).report, expected)
            regex_right = _right(reader.read(source, kind), expected)
        except Exception as e:
            print(f"{name:<30} broken: {type(e).__name__}: {e}")
            status = 1
            continue
        if right != len(reader.cells):
            status = 1
        fresh = _variants(source, kind, 1 if args.quick else args.rounds * per_round) if kind != "pdf" else []
        if fresh and _right(parse(fresh[-1]).report, _scaled(expected, _factor(len(fresh) - 1))) != len(reader.cells):
            print(f"{name:<30} a new copy of the document does not parse to every cell right")
            status = 1
        cells = f"{right}/{len(reader.cells)} vs {regex_right:>3}"
        if args.quick:
            print(f"{name:<30} {len(source) / 1024:6.1f} kB  {cells:>17}")
            continue
        cases = [("new document", iter(fresh), iter(fresh))] if fresh else []
        cases.append(("same document", repeat(source), repeat(source)))
        for case, mine, other in cases:
            ours, theirs, ratios = _compare(
                lambda m=mine: parse(next(m)),  # type: ignore[misc]
                lambda o=other, k=kind: reader.read(next(o), k),  # type: ignore[misc]
                args.rounds,
                per_round,
            )
            print(
                f"{name:<30} {len(source) / 1024:6.1f} kB  {cells:>17}  {ours * 1000:6.2f} ms  "
                f"{theirs * 1000:6.2f} ms  {ours / theirs:5.2f}x  (round by round {ratios[0]:.2f}–{ratios[-1]:.2f})"
                f"  {case}"
            )
    return status


if __name__ == "__main__":
    raise SystemExit(main())
