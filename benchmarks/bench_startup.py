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


def _run(argv: list[str], env: dict[str, str] = ENV) -> tuple[float, float]:
    """Seconds of CPU and of wall time for one process; raises when it fails (a broken case must not look fast)."""
    cpu, wall = _cpu(), time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)  # noqa: S603 - our own interpreter
    return _cpu() - cpu, time.perf_counter() - wall


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
    # them all; each figure is the median over the rounds of (case - bare of the same round).
    above: dict[tuple[str, str], list[tuple[float, float]]] = {(n, side): [] for n in CASES for side in sides}
    bare: list[tuple[float, float]] = []
    for case, _ in CASES.values():
        for env in sides.values():
            _run(case, env)  # warm the file cache and write the bytecode
    for _ in range(args.rounds):
        base = _run(BARE)
        bare.append(base)
        for name, (case, _) in CASES.items():
            for side, env in sides.items():
                cpu, wall = _run(case, env)
                above[name, side].append((cpu - base[0], wall - base[1]))
    header = "".join(f"  {side + ': CPU, wall above bare':>34}" for side in sides)
    print(f"{'median of ' + str(args.rounds) + ' rounds, ms':<28}{header}")
    for name, (_, target) in CASES.items():
        cells = "".join(
            f"  {statistics.median(c for c, _ in above[name, side]) * 1e3:23.1f}"
            f" {statistics.median(w for _, w in above[name, side]) * 1e3:10.1f}"
            for side in sides
        )
        shown = f"  (target: CPU ≤ {target:.0f} ms above bare)" if target is not None else ""
        print(f"{name:<28}{cells}{shown}")
    cpu, wall = (statistics.median(t[i] for t in bare) * 1e3 for i in (0, 1))
    print(f"{'bare interpreter (absolute)':<28}  {cpu:23.1f} {wall:10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
