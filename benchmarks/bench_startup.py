"""Start-up: ``import govreport`` and the command line against a bare interpreter, in fresh processes.

Each case is timed as a whole process (``subprocess.run`` wall time), alternating with a bare ``python -c pass``
in the same round so that machine noise hits both; the figure is the median difference (target for
``import govreport``: at most 100 ms above the bare interpreter).

- ``import govreport``;
- ``import govreport`` then ``loads`` + ``validate`` of the bundled example (what a script does first);
- ``govreport --version`` and ``govreport validate`` of the bundled example (the command line, run as
  ``python -m govreport`` so that no console-script wrapper is timed).

Run: ``python benchmarks/bench_startup.py [--rounds N]``; ``--quick`` runs every case once and only checks that
it succeeds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

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


def _run(argv: list[str]) -> float:
    """Seconds of wall time for one process; raises when it fails (a broken case must not look fast)."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our own interpreter and package
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Print, for each case, the median time above a bare interpreter."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="run each case once, no figures")
    args = parser.parse_args(argv)
    if args.quick:
        for name, (case, _) in CASES.items():
            _run(case)
            print(f"{name}: ok")
        return 0
    bare_all: list[float] = []
    for name, (case, target) in CASES.items():
        _run(case)  # warm the file cache and the bytecode
        bare: list[float] = []
        ours: list[float] = []
        for _ in range(args.rounds):
            bare.append(_run(BARE))
            ours.append(_run(case))
        bare_all += bare
        above = (statistics.median(ours) - statistics.median(bare)) * 1e3
        shown = f" (target ≤ {target:.0f} ms)" if target is not None else ""
        print(f"{name:<28} {statistics.median(ours) * 1e3:7.1f} ms, {above:6.1f} ms above bare{shown}")
    print(f"{'bare interpreter':<28} {statistics.median(bare_all) * 1e3:7.1f} ms (median of {len(bare_all)} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
