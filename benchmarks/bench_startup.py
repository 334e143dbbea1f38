"""Start-up: ``import govreport`` and the command line against a bare interpreter, in fresh processes.

Each case is timed as a whole process, alternating with a bare ``python -c pass`` in the same round so that
machine noise hits both; the figure is the median difference (target for ``import govreport``: at most 100 ms
above the bare interpreter). The time is the child's CPU time (user + system, from ``getrusage``), which other
processes on a shared machine disturb far less than wall time; wall time is printed beside it. The children may
write bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped from their environment), as an installed package has it:
without it every run would compile govreport's sources first.

- ``import govreport``;
- ``import govreport`` then ``loads`` + ``validate`` of the bundled example (what a script does first);
- ``govreport --version`` and ``govreport validate`` of the bundled example (the command line, run as
  ``python -m govreport`` so that no console-script wrapper is timed).

Run: ``python benchmarks/bench_startup.py [--rounds N]``; ``--quick`` runs every case once and only checks that
it succeeds.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
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


def _run(argv: list[str]) -> tuple[float, float]:
    """Seconds of CPU and of wall time for one process; raises when it fails (a broken case must not look fast)."""
    cpu, wall = _cpu(), time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=ENV)  # noqa: S603 - our own interpreter and package
    return _cpu() - cpu, time.perf_counter() - wall


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
    bare_all: list[tuple[float, float]] = []
    print(f"{'':<28} {'CPU ms':>7} {'above bare':>10}  {'wall ms':>7} {'above bare':>10}")
    for name, (case, target) in CASES.items():
        _run(case)  # warm the file cache and the bytecode
        bare: list[tuple[float, float]] = []
        ours: list[tuple[float, float]] = []
        for _ in range(args.rounds):
            bare.append(_run(BARE))
            ours.append(_run(case))
        bare_all += bare
        cells = []
        for i in (0, 1):
            mine, base = statistics.median(t[i] for t in ours), statistics.median(t[i] for t in bare)
            cells.append(f"{mine * 1e3:7.1f} {(mine - base) * 1e3:10.1f}")
        shown = f"  (target: ≤ {target:.0f} ms above bare)" if target is not None else ""
        print(f"{name:<28} {'  '.join(cells)}{shown}")
    cpu, wall = (statistics.median(t[i] for t in bare_all) * 1e3 for i in (0, 1))
    print(f"{'bare interpreter':<28} {cpu:7.1f} {'':>10}  {wall:7.1f}  (median of {len(bare_all)} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
