"""Damage: the share of damaged published reports from which the parser returns a wrong number silently.

Each input is a published form of a report whose numbers are known: the text and the HTML page that
``govreport.render`` writes for reports drawn by ``govreport.strategies.reports()``, the same reports flattened
to text in the five styles of format-2021.md §4 (``tests/test_parse_roundtrip.py``: pipes, a cell per line, no
separators, a PDF text layer), and the real samples of the tests (tests/fixtures/jingxing-2023.txt and its HTML
page). Each is damaged once, the way extraction damages reports (``tests/damage.py``: one value dropped, two
neighbours merged, a number split in two, an OCR look-alike letter inside a number, a value duplicated), and parsed
again.

A *silent wrong number* is a cell whose parsed value is a number that differs from the truth while no parse
finding of severity warning or above points at the cell or its row. The figure is the share of damaged inputs with
at least one (target 0), by kind of damage; beside it, the share of cells that came out null (the price of saying
nothing wrong).

Run: ``python benchmarks/bench_damage.py [--quick] [--reports N] [--seed N]``. ``--quick`` (CI) damages a few
inputs, times nothing, and exits 1 when a damaged input gives a silent wrong number.

Beside it, crawler text (cells run together, issue 13): the cells right, wrong and null of the real sample
(tests/fixtures/forms/pingtan-2019-crawler.txt, read as the 2019 edition) and of the generated reports' text with
every separator removed (target: 0 wrong).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import govreport
from govreport.parsers import parse
from govreport.renderers import render

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from _drawn import drawn_reports  # noqa: E402 - the benchmarks' draw, found through the path set above

sys.path.insert(0, str(ROOT))
from tests import damage as dmg  # noqa: E402 - the tests' damage, found through the path set above
from tests.test_parse_roundtrip import render_text  # noqa: E402 - the tests' §4 flattenings (styles A–E)

sys.path.remove(str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"


def _reports(n: int) -> list[Any]:
    """``n`` valid reports drawn by the public strategy, the same ones in every run (and every call)."""
    return drawn_reports(n)


def inputs(n: int) -> list[tuple[str, str, bool, Any]]:
    """The undamaged inputs: (name, published text, is HTML, the true report)."""
    out: list[tuple[str, str, bool, Any]] = []
    sample = govreport.load(FIXTURES / "jingxing-2023.json")
    out.append(("jingxing-2023.txt", (FIXTURES / "jingxing-2023.txt").read_text(encoding="utf-8"), False, sample))
    out.append(
        ("jingxing-2023.html", (FIXTURES / "parse" / "jingxing-2023.html").read_text(encoding="utf-8"), True, sample)
    )
    for i, report in enumerate(_reports(n)):
        out.append((f"generated-{i}.txt", render(report, "text"), False, report))
        out.append((f"generated-{i}.html", render(report, "html"), True, report))
        out.extend((f"generated-{i}-{style}.txt", render_text(report, style), False, report) for style in "ABCDE")
    return out


def run(n_reports: int, per_kind: int, seed: int) -> tuple[Counter[str], Counter[str], list[str], int, int]:
    """Damage every input ``per_kind`` times with each kind; the counts of damaged inputs and of silent wrongs by
    kind, a description of each silent wrong, and the null and total cells."""
    rng = random.Random(seed)  # noqa: S311 - which values to damage, reproducibly
    tried: Counter[str] = Counter()
    silent: Counter[str] = Counter()
    examples: list[str] = []
    nulls = cells = 0
    for name, text, html, truth in inputs(n_reports):
        ed = govreport.get_edition(truth.edition)
        for kind in dmg.KINDS:
            for _ in range(per_kind):
                d = dmg.Damage(kind=kind, index=rng.randrange(1 << 16), at=rng.randrange(1 << 8))
                damaged = dmg.damage(text, truth.edition, d, html=html)
                if damaged is None:
                    continue
                try:
                    result = parse(damaged, kind="html" if html else "text", edition=truth.edition)
                except govreport.ParseError:
                    continue  # refused: no number returned at all
                tried[kind] += 1
                values = ed.read_values(result.report)
                nulls += sum(v is None for v in values)
                cells += len(values)
                wrong = dmg.silent_wrong(result, truth)
                if wrong:
                    silent[kind] += 1
                    examples.append(f"{name} {d}: {', '.join(wrong[:4])}")
    return tried, silent, examples, nulls, cells


def run_together(text: str) -> str:
    """``text`` as a crawler saves a page: every line and cell run into the next, no separators."""
    kept = [re.sub(r"[\s|]+", "", line) for line in text.splitlines() if not re.fullmatch(r"[\s|:\-]*", line)]
    return "".join(kept)


def crawler(n_reports: int) -> tuple[Counter[str], Counter[str], int]:
    """Cells right, wrong and null of the crawler sample (its 2019 edition forced) and of ``n_reports`` generated
    reports run together, and how many of those gave a silent wrong number."""
    sample: Counter[str] = Counter()
    generated: Counter[str] = Counter()
    truth = govreport.load(FIXTURES / "forms" / "pingtan-2019-crawler.json")
    result = parse(FIXTURES / "forms" / "pingtan-2019-crawler.txt", edition="2019")
    sample.update(_judge(result, truth))
    silent = 0
    for report in _reports(n_reports):
        result = parse(run_together(render(report, "text")), kind="text", edition=report.edition)
        generated.update(_judge(result, report))
        silent += bool(dmg.silent_wrong(result, report))
    return sample, generated, silent


def _judge(result: Any, truth: Any) -> list[str]:
    ed = govreport.get_edition(truth.edition)
    got, expected = ed.read_cells(result.report), ed.read_cells(truth)
    return ["null" if got[p] is None else "right" if got[p] == expected[p] else "wrong" for p in got]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few inputs; exit 1 on a silent wrong number")
    parser.add_argument("--reports", type=int, default=None, help="generated reports (default 20, quick 2)")
    parser.add_argument("--per-kind", type=int, default=None, help="damages of each kind per input (default 6)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every silent wrong number")
    args = parser.parse_args(argv)
    n = args.reports if args.reports is not None else (2 if args.quick else 20)
    per_kind = args.per_kind or (3 if args.quick else 6)
    tried, silent, examples, nulls, cells = run(n, per_kind, args.seed)
    total, bad = sum(tried.values()), sum(silent.values())
    print(f"damaged inputs: {total} ({n} generated reports as text, HTML and §4 flattenings, and the samples)")
    for kind in dmg.KINDS:
        share = silent[kind] / tried[kind] if tried[kind] else 0.0
        print(f"  {kind:<10} {silent[kind]:>4} / {tried[kind]:<4} silent wrong  ({share:.1%})")
    print(f"silent wrong number: {bad} / {total} = {bad / total if total else 0:.1%}  (target 0)")
    print(f"cells null: {nulls} / {cells} = {nulls / cells if cells else 0:.1%}")
    for line in examples if args.verbose else examples[:10]:
        print("  ", line)
    sample, generated, crawled_silent = crawler(n)
    print("crawler text (cells run together):")
    print(f"  pingtan-2019-crawler.txt: right {sample['right']}, wrong {sample['wrong']}, null {sample['null']}")
    print(
        f"  {n} generated reports run together: right {generated['right']}, wrong {generated['wrong']}, "
        f"null {generated['null']}; silent wrong in {crawled_silent}"
    )
    return 1 if args.quick and (bad or crawled_silent or sample["wrong"]) else 0


if __name__ == "__main__":
    sys.exit(main())
