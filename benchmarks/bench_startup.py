"""Start-up: ``import govreport`` and the command line against a bare interpreter, in fresh processes.

Each case is timed as a whole process, in rounds that also run a bare ``python -c pass``, so that a busy spell of
the machine hits both. The time is the child's CPU time (user + system, from ``getrusage``), which other processes
on a shared machine disturb less than wall time. Two figures per case, in ms above the bare interpreter: the
median over the rounds, and the best (fastest run of the case - fastest bare run), which a busy machine inflates
least. Target for ``import govreport``: at most 100 ms above the bare interpreter. The children may write bytecode
(``PYTHONDONTWRITEBYTECODE`` is dropped from their environment), as an installed package has it: without it every
run would compile govreport's sources first.

- ``import govreport``;
- ``import govreport`` then ``loads`` + ``validate`` of the bundled example (what a script does first);
- ``govreport --version`` and ``govreport validate`` of the bundled example (the command line, run as
  ``python -m govreport`` so that no console-script wrapper is timed).

Run: ``python benchmarks/bench_startup.py [--rounds N] [--against OTHER/src]``; ``--against`` times the same
cases with another source tree first on the path (a checkout of main), in the same rounds. ``--quick`` runs every
case once and only checks that it succeeds.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

#: The children's environment: bytecode is written and read, as for a package installed by pip.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
EXAMPLE = Path(__file__).resolve().parent.parent / "src" / "govreport" / "data" / "example-2023.json"

BARE = [sys.executable, "-c", "pass"]
CASES: dict[str, tuple[list[str], float | None]] = {
    "import govreport": ([sys.executable, "-c", "import govreport"], 100.0),
    "import + loads + validate": (
        [
            sys.executable,
            "-c",
            "import govreport, sys; govreport.validate(govreport.load(sys.argv[1]))",
            str(EXAMPLE),
        ],
        None,
    ),
    "govreport --version": ([sys.executable, "-m", "govreport", "--version"], None),
    "govreport validate FILE": ([sys.executable, "-m", "govreport", "validate", str(EXAMPLE)], None),
}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(argv: list[str], env: dict[str, str] = ENV) -> float:
    """Seconds of CPU for one process; raises when it fails (a broken case must not look fast)."""
    cpu = _cpu()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)  # noqa: S603 - our own interpreter
    return _cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    """Print, for each case, the median time above a bare interpreter."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="run each case once, no figures")
    parser.add_argument(
        "--against",
        metavar="SRC",
        type=Path,
        help="also time each case with another source tree first on the path (the src/ of a checkout of main)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        for name, (case, _) in CASES.items():
            _run(case)
            print(f"{name}: ok")
        return 0
    sides = {"this tree": ENV}
    if args.against is not None:
        sides["against"] = {**ENV, "PYTHONPATH": str(args.against.resolve())}
    # One round runs the bare interpreter and every case on every side, so that a busy spell of the machine hits
    # them all. Two figures per case, in ms of CPU above the bare interpreter: the median over the rounds of
    # (case - bare of the same round), and the best case (fastest case run - fastest bare run), which a busy
    # machine inflates least.
    runs: dict[tuple[str, str], list[float]] = {(n, side): [] for n in CASES for side in sides}
    bare: list[float] = []
    for case, _ in CASES.values():
        for env in sides.values():
            _run(case, env)  # warm the file cache and write the bytecode
    for _ in range(args.rounds):
        bare.append(_run(BARE))
        for name, (case, _) in CASES.items():
            for side, env in sides.items():
                runs[name, side].append(_run(case, env))
    header = "".join(f"  {side + ': median, best':>26}" for side in sides)
    print(f"{'CPU ms above bare, ' + str(args.rounds) + ' rounds':<28}{header}")
    for name, (_, target) in CASES.items():
        cells = "".join(
            f"  {statistics.median(c - b for c, b in zip(runs[name, side], bare, strict=True)) * 1e3:18.1f}"
            f" {(min(runs[name, side]) - min(bare)) * 1e3:7.1f}"
            for side in sides
        )
        shown = f"  (target ≤ {target:.0f})" if target is not None else ""
        print(f"{name:<28}{cells}{shown}")
    print(f"{'bare interpreter (absolute)':<28}  {statistics.median(bare) * 1e3:18.1f} {min(bare) * 1e3:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
