"""Corpus scale: export generated reports to Parquet, measure peak memory against N, speed, size, and a query.

The reports are made cheaply by varying the bundled example (agency, year, a few counts of table 三 that stay
balanced, the refusals); every 7th breaks a total and every 101st is not JSON at all, so the export writes
invalid and unreadable inputs too. Each export runs in a fresh process, so its peak RSS (``ru_maxrss``) is its
own:

- peak memory of ``govreport.corpus.export`` to Parquet at N/10 and N reports: flat in N (target < 200 MB);
- reports per second (wall clock), in one process and with ``--jobs`` worker processes, and per CPU-second of
  the one process (a per-core figure that holds on a busy machine);
- the size of the Parquet tables;
- a DuckDB query over them: the share of requests refused (不予公开) per year.

Run: ``python benchmarks/bench_corpus.py [--n 100000] [--jobs 2] [--to duckdb]``; ``--quick`` runs small sizes and
checks the tables instead of timing them (CI runs it so).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import govreport
from govreport import corpus
from govreport.corpus import Source
from govreport.serialization import dumps_json

_MARK = "__bench_{}__"
_VARIED = {
    "received": "/requests/received",
    "granted": "/requests/outcomes/granted",
    "withheld": "/requests/outcomes/withheld/third_party_rights",
    "total": "/requests/outcomes/total",
}


def _template() -> str:
    """The example as JSON text, with a placeholder for the agency, the year and each varied count."""
    doc = json.loads(govreport.example_document(), parse_float=Decimal)
    doc["agency"] = _MARK.format("agency")
    doc["year"] = _MARK.format("year")
    for name, pointer in _VARIED.items():
        row = doc
        for key in pointer.strip("/").split("/"):
            row = row[key]
        row["natural_persons"] = _MARK.format(f"{name}_n")
        row["total"] = _MARK.format(f"{name}_t")
    return dumps_json(doc, indent=None)


def documents(n: int) -> Iterator[Source]:
    """``n`` inputs made on demand: 2,000 agencies over 5 years; every 7th invalid, every 101st not JSON."""
    template = _template()
    base = govreport.loads(govreport.example_document())
    received = base.requests.received.natural_persons or 0
    granted = base.requests.outcomes.granted.natural_persons or 0
    handled = base.requests.outcomes.total.natural_persons or 0
    for i in range(n):
        if i % 101 == 100:
            yield Source(name=f"gen:{i}", data=b'{"edition": ')
            continue
        year = 2019 + i % 5
        extra = i % 37
        refused = (year - 2018) + i % 3  # more refusals in later years
        values = {
            "agency": json.dumps(f"第{i % 2000}号机关", ensure_ascii=False),
            "year": str(year),
            "received_n": str(received + extra + refused),
            "received_t": str(received + extra + refused + (1 if i % 7 == 3 else 0)),
            "granted_n": str(granted + extra),
            "granted_t": str(granted + extra),
            "withheld_n": str(refused),
            "withheld_t": str(refused),
            "total_n": str(handled + extra + refused),
            "total_t": str(handled + extra + refused),
        }
        text = template
        for name, value in values.items():
            text = text.replace(json.dumps(_MARK.format(name)), value)
        yield Source(name=f"gen:{i}", data=text.encode())


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _cpu() -> float:
    """CPU seconds of this process: with one process, a figure per core that holds on a busy machine, where
    wall-clock time does not. (The worker processes of ``jobs > 1`` are the fork server's children, not ours, so
    their time is not counted here: for those runs only the wall clock is reported.)"""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def child(n: int, jobs: int, out: Path, to: str) -> dict[str, Any]:
    """One export in this process: time, peak RSS, sizes."""
    start, cpu_start = time.perf_counter(), _cpu()
    summary = corpus.export(documents(n), out, to=to, jobs=jobs)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu_start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # kB on Linux
    return {
        "n": n,
        "jobs": jobs,
        "to": to,
        "seconds": seconds,
        "rate": n / seconds,
        "cpu_rate": n / cpu,
        "rss_mb": rss,
        "bytes": _size(out) if out.is_dir() else out.stat().st_size,
        "valid": summary.valid,
        "invalid": summary.invalid,
        "unreadable": summary.unreadable,
    }


def run(n: int, jobs: int, out: Path, to: str) -> dict[str, Any]:
    """:func:`child` in a fresh process, so that its peak memory is its own."""
    proc = subprocess.run(  # noqa: S603 - this script, run by the interpreter that runs it
        [sys.executable, __file__, "--child", str(n), "--jobs", str(jobs), "--out", str(out), "--to", to],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(proc.stdout.splitlines()[-1])
    return result


REFUSED = """
select year,
       sum(value) filter (where pointer like '/requests/outcomes/withheld/%/total') as refused,
       sum(value) filter (where pointer = '/requests/outcomes/total/total') as handled,
       round(refused / handled, 4) as share
from {cells}
group by year order by year
"""


def _connect(out: Path, to: str) -> tuple[Any, str, str]:
    """A DuckDB connection to the export, and how to name its cells and reports tables."""
    import duckdb  # noqa: PLC0415 - the corpus extra

    if to == "duckdb":
        return duckdb.connect(str(out), read_only=True), "cells", "reports"
    return duckdb.connect(), f"read_parquet('{out / 'cells.parquet'}')", f"read_parquet('{out / 'reports.parquet'}')"


def query(out: Path, to: str) -> tuple[list[tuple[Any, ...]], float]:
    """The refusal share by year over the cells table, and how long DuckDB took."""
    con, cells, _ = _connect(out, to)
    start = time.perf_counter()
    rows = con.execute(REFUSED.format(cells=cells)).fetchall()
    return rows, time.perf_counter() - start


def _check(result: dict[str, Any], out: Path) -> None:
    """The tables hold what the generator made: every input a report row, 200 cells per readable one."""
    n = result["n"]
    unreadable = n // 101
    invalid = sum(1 for i in range(n) if i % 7 == 3 and i % 101 != 100)
    assert (result["unreadable"], result["invalid"]) == (unreadable, invalid), result
    con, cells, reports = _connect(out, result["to"])
    assert con.execute(f"select count(*) from {reports}").fetchone() == (n,)  # noqa: S608 - our own names
    per_report = sum(1 for _ in govreport.get_edition().cell_pointers())
    assert con.execute(f"select count(*) from {cells}").fetchone() == ((n - unreadable) * per_report,)  # noqa: S608


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="reports in the large export (default 100000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel run (default 2)")
    parser.add_argument("--to", choices=("parquet", "duckdb"), default="parquet", help="the format (default parquet)")
    parser.add_argument("--quick", action="store_true", help="small sizes, check the tables, no timing")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.jobs, args.out, args.to)))
        return 0
    n, to = (300 if args.quick else args.n), args.to
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        small = run(n // 10, 1, root / "small", to)
        large = run(n, 1, root / "large", to)
        _check(large, root / "large")
        parallel = run(n if not args.quick else n // 3, args.jobs, root / "parallel", to)
        _check(parallel, root / "parallel")
        rows, seconds = query(root / "large", to)
        assert [r[0] for r in rows] == [2019, 2020, 2021, 2022, 2023], rows
        assert all(0 < r[3] < 1 for r in rows), rows
    if args.quick:
        print(f"bench_corpus --quick: ok ({n} reports; peak RSS {small['rss_mb']} MB → {large['rss_mb']} MB)")
        return 0
    cores = os.cpu_count() or 1
    print(f"export to {to}, {cores} cores")
    for r in (small, large, parallel):
        cpu = f"{r['cpu_rate']:5.0f} reports per CPU-second, " if r["jobs"] == 1 else "parent process "
        print(
            f"  N={r['n']:>7} jobs={r['jobs']}: {r['seconds']:7.1f} s wall, {r['rate']:6.0f} reports/s; "
            f"{cpu}peak RSS {r['rss_mb']} MB; {to} {r['bytes'] / 1e6:.1f} MB"
        )
    print(f"  {to} per report: {large['bytes'] / large['n']:.0f} bytes")
    print(f"DuckDB, refusal share by year over {large['n']} reports' cells: {seconds * 1000:.0f} ms")
    for year, refused, handled, share in rows:
        print(f"  {year}: {refused} of {handled} ({share:.2%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
