"""Fuzz: mutated published reports, parsed; the parses that end in a foreign exception and the parses that are slow.

Each input is one of the real samples of the tests (the text, HTML page, Markdown conversion and crawler text of
``tests/fixtures``, the excerpts) or the sample report rendered to Word and Excel, mutated a few times at random:

- bytes: one changed, a range deleted or copied elsewhere, the text cut off, a hostile string put in (runs of white
  space, of digits, of pipes, of ``<table>``, of ``=``; ``\\x00``, a lone surrogate, huge or odd numbers, headings,
  a ``格式版本`` label);
- lines: shuffled, one copied, one repeated up to 3,000 times, a run of up to 2,000 number lines put in, two merged;
  an HTML row or cell repeated up to 1,500 times; the digits taken out of a stretch;
- Word and Excel: hostile strings put into the text of paragraphs, cells, values and formulas of the package.

Each mutant is parsed (its kind guessed, or given as text, HTML or Markdown), its report validated, dumped and
loaded again. A *crash* is an exception that is not govreport's own (:class:`govreport.GovReportError`); a *slow
parse* one whose parse and checks take more CPU time than ``--slow`` seconds (a sample parses in about 10 ms; every
slow parse found so far was time growing as the square of a line or of a prose's statements, see
``tests/test_parse_backtracking.py`` and ``tests/test_rules_scale.py``). Both are written to ``--out`` (the input,
and what happened) to be replayed. Targets: 0 crashes, 0 slow parses.

Run: ``python benchmarks/bench_fuzz.py [--seconds N] [--seed N] [--out DIR]``. ``--quick`` (CI) parses a fixed
number of mutants, times nothing, and exits 1 on a crash.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import re
import time
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path

import govreport
from govreport.errors import GovReportError
from govreport.parsers import parse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

HOSTILE = [
    *("<table>" * 300, "</td>" * 300, "|" * 5000, "9" * 5000, " " * 5000, "\n" * 3000, "=" * 3000, "\t" * 1000),
    *("1e999", "٣٤", "１２３", "\x00", "\ud800", "\ufffd", "&#x110000;", "&#0;", "&#99999999999;", "<!--", "<![CDATA["),
    *("<td rowspan=99999 colspan=99999>1</td>", "<tr>" * 500, "<script>", "(" * 500, "（一）" * 300, "<p>" * 2000),
    *("一、总体情况\n", "二、主动公开政府信息情况\n", "格式版本：2019\n", "--- | ---\n", "| 1 | 2 |\n" * 50, "#" * 100),
    *("2023年", "万元", "-5", "−7", "1,234", "12.5.6", "0.0000001", "𠀀" * 50, "\u202e", "\r", "\r\n" * 100),
    *("<meta charset=gbk>", "SUM(A1:A9999)", "=SUM(B2:B3)", "&amp;" * 200),
]
_NUMBERS = [b"0 |", b"12", b"| 3 |", b"<td>5</td>", b"1.5", b"7 8 9"]
_OFFICE_TEXT = re.compile(rb"(<(?:w:t|t|v|f)(?: [^>]*)?>)([^<]*)(</(?:w:t|t|v|f)>)")


def _lines_op(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    at, k = rng.randrange(len(lines)), rng.randrange(len(lines))
    op = rng.randrange(5)
    if op == 0:
        tail = lines[at:]
        rng.shuffle(tail)
        lines[at:] = tail
    elif op == 1:
        lines.insert(at, lines[k])
    elif op == 2:
        lines[at:at] = [lines[k]] * rng.choice([2, 10, 100, 1000, 3000])
    elif op == 3:
        lines[at:at] = [rng.choice(_NUMBERS)] * rng.choice([5, 50, 500, 2000])
    else:
        lines[at : at + 2] = [b" ".join(lines[at : at + 2])]
    return b"\n".join(lines)


def _repeat_html(data: bytes, rng: random.Random) -> bytes:
    for tag in (b"<tr", b"<td"):
        i = data.find(tag, rng.randrange(len(data)))
        j = data.find(b"</" + tag[1:], i) if i >= 0 else -1
        if j > i:
            chunk = data[i : j + len(tag) + 2]
            data = data[:i] + chunk * rng.choice([2, 20, 300, 1500]) + data[i:]
    return data


def _no_digits(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "ignore")
    a = rng.randrange(len(text) + 1)
    b = min(len(text), a + rng.randint(1, 50))
    return (text[:a] + text[a:b].translate(str.maketrans("", "", "0123456789")) + text[b:]).encode("utf-8")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """``data`` mutated one to six times (see the module's description)."""
    for _ in range(rng.randint(1, 6)):
        if not data:
            data = b"x"
        i = rng.randrange(len(data))
        op = rng.randrange(9)
        if op == 0:
            data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1 :]
        elif op == 1:
            data = data[:i] + data[i + rng.randint(1, 2000) :]
        elif op == 2:
            j = rng.randrange(len(data))
            data = data[:i] + data[j : j + rng.randint(1, 3000)] + data[i:]
        elif op == 3:
            hostile = rng.choice(HOSTILE).encode("utf-8", "surrogatepass") * rng.randint(1, 4)
            data = data[:i] + hostile + data[i:]
        elif op == 4:
            data = data[:i]
        elif op == 5:
            data = _lines_op(data, rng)
        elif op == 6:
            data = _repeat_html(data, rng)
        elif op == 7:
            data = _no_digits(data, rng)
        else:
            data = data[:i] + b"\n" + data[i:]
    return data


def mutate_office(package: bytes, rng: random.Random) -> bytes:
    """A Word or Excel package with hostile strings put into the text of its paragraphs, cells, values and formulas
    (and now and then a few bytes of an XML part deleted)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith(".xml") and rng.random() < 0.7:
                found = list(_OFFICE_TEXT.finditer(data))
                for _ in range(rng.randint(1, 8) if found else 0):
                    m = rng.choice(found)
                    hostile = rng.choice(HOSTILE).replace("&", "&amp;").replace("<", "&lt;")
                    put = hostile.encode("utf-8", "surrogatepass")
                    new = rng.choice([put, m.group(2) + put, put + m.group(2)])
                    data = data.replace(m.group(0), m.group(1) + new + m.group(3), 1)
                if rng.random() < 0.1:
                    i = rng.randrange(len(data))
                    data = data[:i] + data[i + rng.randint(1, 50) :]
            zout.writestr(info, data)
    return out.getvalue()


def seeds() -> list[tuple[str, bytes]]:
    """The inputs mutated: each sample as published, and the sample report rendered to Word and Excel when their
    extras are installed."""
    paths = [
        FIXTURES / "jingxing-2023.txt",
        FIXTURES / "parse" / "jingxing-2023.html",
        FIXTURES / "parse" / "blanks-2019.html",
        FIXTURES / "parse" / "blanks-2019.txt",
        FIXTURES / "forms" / "pingtan-2019-crawler.txt",
        FIXTURES / "forms" / "shuyang-2025-converted.md",
        *sorted((FIXTURES / "excerpts").glob("*.txt")),
    ]
    out = [(p.suffix.lstrip("."), p.read_bytes()) for p in paths]
    report = govreport.load(FIXTURES / "jingxing-2023.json")
    for kind in ("docx", "xlsx"):
        try:
            rendered = govreport.render(report, to=kind)
        except GovReportError:  # the extra is not installed
            continue
        out.append((kind, rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")))
    return out


def one(data: bytes, kind: str | None) -> None:
    """Parse ``data``, validate its report, dump it and load it again (what a user does with a parse)."""
    try:
        result = parse(data, kind=kind)
        govreport.validate(result.report)
        govreport.loads(govreport.dumps(result.report))
    except GovReportError:
        pass


def run(
    count: int | None, seconds: float, seed: int, slow: float | None, record: Callable[[str, bytes, str], None]
) -> tuple[int, int, int]:
    """Parse mutants until ``count`` are done or ``seconds`` have passed: (mutants, crashes, slow parses)."""
    rng = random.Random(seed)  # noqa: S311 - mutations, not secrets
    inputs = seeds()
    done = crashes = slows = 0
    end = time.monotonic() + seconds
    while (done < count) if count is not None else (time.monotonic() < end):
        source_kind, source = rng.choice(inputs)
        office = source_kind in ("docx", "xlsx")
        data = mutate_office(source, rng) if office else mutate(source, rng)
        kind = None if office else rng.choice([None, None, "text", "html", "markdown"])
        done += 1
        start = time.process_time()
        try:
            one(data, kind)
        except Exception:  # what the fuzzer looks for: any exception that is not govreport's
            crashes += 1
            record("crash", data, f"kind={kind}\n{traceback.format_exc()}")
            continue
        took = time.process_time() - start
        if slow is not None and took > slow:
            slows += 1
            record("slow", data, f"kind={kind}\n{took:.2f} s of CPU time")
    return done, crashes, slows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fixed number of mutants, no timing; exit 1 on a crash")
    parser.add_argument("--seconds", type=float, default=120.0, help="how long to fuzz (default 120)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--slow", type=float, default=2.0, help="a parse slower than this (CPU s) is reported")
    parser.add_argument("--out", type=Path, default=None, help="write each crash and slow input here")
    args = parser.parse_args(argv)
    found: list[str] = []

    def record(what: str, data: bytes, detail: str) -> None:
        name = f"{what}-{hashlib.sha1(data).hexdigest()[:12]}"  # noqa: S324 - a file name, not security
        found.append(f"{name}: {detail.splitlines()[-1]}")
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{name}.bin").write_bytes(data)
            (args.out / f"{name}.txt").write_text(detail, encoding="utf-8")

    if args.quick:
        done, crashes, slows = run(300, 0.0, args.seed, None, record)
    else:
        done, crashes, slows = run(None, args.seconds, args.seed, args.slow, record)
    print(f"mutants parsed: {done}")
    print(f"crashes (an exception not govreport's): {crashes}  (target 0)")
    if not args.quick:
        print(f"slow parses (over {args.slow:g} s of CPU time): {slows}  (target 0)")
    for line in found[:20]:
        print("  ", line)
    return 1 if crashes or (not args.quick and slows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
