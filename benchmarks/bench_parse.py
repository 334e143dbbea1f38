"""Parse speed: reports per second for a typical text report and a typical HTML page (and a PDF when pypdf and
reportlab are installed).

- text: the sample as published (``tests/fixtures/jingxing-2023.txt``: traditional characters, NFKC punctuation,
  tables one cell per line ending in ``|``), about 11 kB;
- HTML: the sample as a site page (``tests/fixtures/parse/jingxing-2023.html``: navigation, header, footer,
  scripts, a nested layout table, ``rowspan``/``colspan``, ``&nbsp;``), about 14 kB;
- PDF: the sample drawn into a three-page PDF (style E text layer), when the optional packages are there.

Each figure is the median of several timed rounds of ``govreport.parse`` on bytes (decode, sniff, parse), with
the cell count checked first so a broken parser cannot look fast.

Run: ``python benchmarks/bench_parse.py [--rounds N]``; ``--quick`` parses each source once, prints no rate, and
exits non-zero when a source does not give every cell right.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

import govreport
from govreport.parsers import parse

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


def _rate(source: bytes, rounds: int, per_round: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(per_round):
            parse(source)
        samples.append(per_round / (time.perf_counter() - start))
    return statistics.median(samples)


def _check(source: bytes, expected: govreport.Report) -> int:
    got = govreport.unstructure(parse(source).report)
    want = govreport.unstructure(expected)
    return sum(
        1
        for table in ("proactive_disclosure", "requests", "review_and_litigation")
        for ptr in _cells(want[table])
        if _get(got[table], ptr) == _get(want[table], ptr)
    )


def _cells(node: dict[str, object], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for key, value in node.items():
        if isinstance(value, dict):
            out.extend(_cells(value, (*prefix, key)))
        else:
            out.append((*prefix, key))
    return out


def _get(node: object, path: tuple[str, ...]) -> object:
    for key in path:
        node = node[key]  # type: ignore[index]
    return node


def main(argv: list[str] | None = None) -> int:
    """Print reports per second for each kind of source; 1 when a source does not give every cell right."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="parse each source once and check it, no rates")
    args = parser.parse_args(argv)
    expected = govreport.loads((FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8"))
    text = (FIXTURES / "jingxing-2023.txt").read_bytes()
    sources: dict[str, tuple[bytes, int]] = {
        "text (style B, traditional)": (text, 20),
        "HTML page with site chrome": ((FIXTURES / "parse" / "jingxing-2023.html").read_bytes(), 20),
    }
    pdf = _pdf_of(text.decode("utf-8")) if importlib.util.find_spec("pypdf") else None
    if pdf is not None:
        sources["PDF text layer (3 pages)"] = (pdf, 3)
    status = 0
    for name, (source, per_round) in sources.items():
        right = _check(source, expected)
        if right != 200:
            status = 1
        rate = "" if args.quick else f"  {_rate(source, args.rounds, per_round):8.1f} reports/s"
        print(f"{name:<30} {len(source) / 1024:6.1f} kB  {right}/200 cells right{rate}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
