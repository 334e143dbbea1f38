"""Diagnosis: how often it names a uniquely identifiable fault exactly, and the time it adds to validate.

- single-cell faults: one cell that an equation reads, in a report drawn by ``govreport.strategies.reports()``,
  changed to another count;
- shifted-row faults: one printed row of table 三 or 四 (the official grid) whose values moved one column, because a
  value vanished (the rest moved left, the last cell blank) or a spurious 0 crept in (the rest moved right, the last
  value lost).

A fault is *uniquely identifiable* when the oracle of the tests (``tests/diagnosis_oracle.py``: brute force over one
cell, two cells and every shift, merge and split of a printed row, each checked by probing ``validate``, no linear
algebra) finds exactly one smallest correction and it restores the original report. The figure is the share of those
that ``govreport.diagnose`` names exactly and calls unique (target 100%), and, over every fault, how often it calls
an explanation unique that is not the fault (target 0). A fault that leaves every equation satisfiable (a row of zeros
shifted) or has several smallest explanations is not scored for the first figure.

The time: ``validate(report, diagnose=True)`` against ``validate(report)`` on the sample with one wrong cell that
breaks three equations, alternating rounds in the same run, in CPU time of this process (the machines are shared)
(target: under 2×).

Run: ``python benchmarks/bench_diagnose.py [--quick] [--faults N] [--rounds N]``. ``--quick`` (CI) draws a few faults,
times nothing, and exits 1 when a uniquely identifiable fault is missed or a wrong diagnosis is called unique.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import govreport

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import diagnosis_oracle as oracle  # noqa: E402 - the tests' oracle, found through the path set above

sys.path.remove(str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from _drawn import drawn_reports  # noqa: E402 - the benchmarks' draw, found through the path set above

EDITION = govreport.DEFAULT_EDITION


def _reports(n: int) -> list[Any]:
    """``n`` valid reports drawn by the public strategy, the same ones in every run."""
    return drawn_reports(n)


#: (uniquely identifiable, named exactly and called unique, called unique but wrong)
Outcome = tuple[bool, bool, bool]


def _judge(d: govreport.Diagnosis, truth: frozenset[tuple[str, Any]], *, identifiable: bool) -> Outcome:
    if not d.unique:
        return identifiable, False, False
    (e,) = d.explanations
    right = frozenset({**dict(e.inferred), **dict(e.corrections)}.items()) == truth
    return identifiable, right, not right


def single_cell(report: Any, rng: random.Random) -> Outcome:
    """The outcome for one changed cell of ``report``."""
    ptr = rng.choice(oracle.equation_cells(EDITION))
    old = govreport.rules_for(EDITION).read_cells(report)[ptr]
    new = rng.choice([v for v in range(max(2 * old, 20) + 1) if v != old][:1000])
    mutant = report.evolve({ptr: new})
    identifiable = oracle.single_cell_corrections(mutant) == {(ptr, old)}
    return _judge(govreport.diagnose(mutant), frozenset({(ptr, old)}), identifiable=identifiable)


def shifted_row(report: Any, rng: random.Random) -> Outcome | None:
    """The outcome for one shifted printed row of ``report``, or None when the shift changes nothing."""
    rows = [cells for cells, _ in oracle.printed_rows(EDITION) if not cells[0].startswith("/proactive_disclosure")]
    row = rng.choice(rows)
    cells = govreport.rules_for(EDITION).read_cells(report)
    values = [cells[p] for p in row]
    i = rng.randrange(len(row) - 1)
    vanished = rng.random() < 0.5  # either direction, evenly
    published = [*values[:i], *values[i + 1 :], None] if vanished else [*values[:i], 0, *values[i:-1]]
    changes = {p: v for p, v in zip(row, published, strict=True) if v != cells[p]}
    if not changes:
        return None
    mutant = report.evolve(changes)
    truth = frozenset((p, cells[p]) for p in changes)
    _, smallest = oracle.smallest_explanations(mutant)
    return _judge(govreport.diagnose(mutant), truth, identifiable=smallest == {truth})


def _score(name: str, results: list[Outcome | None]) -> bool:
    """Print the figures of one kind of fault; True when both targets are met."""
    drawn = [r for r in results if r is not None]
    identifiable = [named for known, named, _ in drawn if known]
    share = 100 * sum(identifiable) / len(identifiable) if identifiable else float("nan")
    wrong = sum(1 for _, _, silent in drawn if silent)
    print(
        f"{name}: {len(drawn)} faults, {len(identifiable)} uniquely identifiable, {sum(identifiable)} named "
        f"exactly: {share:.1f}% (target 100%); called unique but wrong: {wrong} (target 0)"
    )
    return all(identifiable) and not wrong


def _timed(fn: Callable[[], object], per_round: int) -> float:
    start = time.process_time()
    for _ in range(per_round):
        fn()
    return (time.process_time() - start) / per_round


THREE_FAILURES = {"/requests/outcomes/total/natural_persons": 37}  # the example printed 73


def timing(rounds: int, per_round: int) -> bool:
    """validate with and without diagnosis on a report with three failing equations, alternating rounds (none in
    quick mode); True when the diagnosis there is right."""
    report = govreport.loads(govreport.example_document()).evolve(THREE_FAILURES)
    errors = govreport.validate(report).errors
    d = govreport.diagnose(report)
    right = len(errors) == 3 and d.unique and d.explanations[0].corrections == ((*THREE_FAILURES, 73),)
    print(f"three failing equations ({', '.join(f.rule for f in errors)}), diagnosed right: {right}")
    if not rounds:
        return right
    plain, diagnosed = [], []
    for _ in range(rounds):
        plain.append(_timed(lambda: govreport.validate(report), per_round))
        diagnosed.append(_timed(lambda: govreport.validate(report, diagnose=True), per_round))
    a, b = statistics.median(plain), statistics.median(diagnosed)
    print(
        f"validate alone {a * 1e6:.0f} µs, with diagnose=True {b * 1e6:.0f} µs (3 failing equations): "
        f"ratio {b / a:.2f} (target < 2.00)"
    )
    return right


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few faults, no timing; exit 1 when one is missed")
    parser.add_argument("--faults", type=int, default=None, help="faults of each kind (default 60, quick 6)")
    parser.add_argument("--rounds", type=int, default=None, help="timing rounds (default 15, quick 0)")
    args = parser.parse_args(argv)
    faults = args.faults or (6 if args.quick else 60)
    rounds = args.rounds if args.rounds is not None else (0 if args.quick else 15)
    rng = random.Random(2021)  # noqa: S311 - reproducible draws, not secrets
    drawn = _reports(2 * faults)
    ok = _score("single-cell faults", [single_cell(r, rng) for r in drawn[:faults]])
    ok &= _score("shifted-row faults", [shifted_row(r, rng) for r in drawn[faults:]])
    ok &= timing(rounds, per_round=100)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
