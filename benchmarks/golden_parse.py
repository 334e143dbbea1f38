"""The parser's output on a fixed corpus, written to a file and compared with another run: speed work on the
parser must leave every output as it was.

The corpus: every fixture the parser reads (text, Markdown, HTML, Word, Excel), the test reports of
``tests/fixtures/dumps`` rendered as text, Markdown and HTML, four of them damaged at many places
(``tests/damage.py``: a value dropped, merged, split, read with an OCR look-alike, duplicated) and cut off, and the
published samples cut off at four places (about 1,400 sources). For each, everything a parse returns: the report
as JSON, the findings, the source map, the origins, the address, the kind; or the error.

Run from the project root::

    python benchmarks/golden_parse.py write before.json     # on the tree before the change
    python benchmarks/golden_parse.py write after.json      # and after it
    python benchmarks/golden_parse.py diff before.json after.json   # exits 1 and shows the first differences
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
_READ = (".txt", ".html", ".md", ".docx", ".xlsx")
_DAMAGED = ("example-2023", "2019-valid-pingtan-2019", "valid-all-zero", "2019-valid-blanks")
_CUT = (
    FIXTURES / "jingxing-2023.txt",
    FIXTURES / "parse" / "jingxing-2023.html",
    FIXTURES / "forms" / "pingtan-2019-crawler.txt",
)


def _observe(result: Any) -> dict[str, Any]:
    import govreport  # noqa: PLC0415 - after the path is set

    return {
        "report": govreport.dumps(result.report),
        "findings": [repr(f) for f in result.findings],
        "source_map": {k: repr(v) for k, v in result.source_map.items()},
        "origins": {k: repr(v) for k, v in result.origins.items()},
        "address": result.address,
        "kind": result.kind,
    }


def _corpus() -> Iterator[tuple[str, str | bytes, str | None]]:
    import govreport  # noqa: PLC0415
    from govreport.renderers import render  # noqa: PLC0415

    sys.path.insert(0, str(ROOT / "tests"))
    from damage import KINDS, Damage, damage  # noqa: PLC0415 - the tests' helper

    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in _READ and path.is_file():
            yield str(path.relative_to(FIXTURES)), path.read_bytes(), None
    for path in sorted((FIXTURES / "dumps").glob("*.json")):
        if ".previous" in path.name:
            continue
        try:
            report = govreport.load(path)
        except govreport.GovReportError:
            continue
        for to in ("text", "markdown", "html"):
            source = render(report, to=to)
            assert isinstance(source, str)
            name = f"{path.stem}.{to}"
            yield name, source, to
            if path.stem not in _DAMAGED:
                continue
            for kind in KINDS:
                for index in range(0, 200, 7):
                    damaged = damage(
                        source, report.edition, Damage(kind=kind, index=index, at=index // 3), html=to == "html"
                    )
                    if damaged is not None:
                        yield f"{name}.{kind}{index}", damaged, to
            yield f"{name}.cut", source[: len(source) * 2 // 3], to
            yield f"{name}.cut2", source[: len(source) // 3], to
    for path in _CUT:
        text = path.read_text(encoding="utf-8")
        for parts in (2, 3, 5, 7):
            yield f"{path.name}.cut{parts}", text[: len(text) * (parts - 1) // parts], None


def write(out: Path) -> int:
    """Parse the corpus and write what each parse returned to ``out``."""
    import govreport  # noqa: PLC0415
    from govreport.parsers import parse  # noqa: PLC0415

    found: dict[str, Any] = {}
    for name, source, kind in _corpus():
        try:
            found[name] = _observe(parse(source, kind=kind))
        except govreport.GovReportError as e:
            found[name] = f"{type(e).__name__}: {e}"
    out.write_text(json.dumps(found, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(found)} sources written to {out}")
    return 0


def diff(before: Path, after: Path, shown: int = 10) -> int:
    """Compare two runs; 1 when any source's output differs."""
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    differing = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    for name in differing[:shown]:
        print(f"differs: {name}")
        old, new = a.get(name), b.get(name)
        if isinstance(old, dict) and isinstance(new, dict):
            for field in old:
                if old[field] != new.get(field):
                    print(f"  {field}\n    before: {str(old[field])[:600]}\n    after:  {str(new.get(field))[:600]}")
        else:
            print(f"  before: {str(old)[:300]}\n  after:  {str(new)[:300]}")
    print(f"{len(a)} vs {len(b)} sources, {len(differing)} differ")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module's description)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="verb", required=True)
    sub.add_parser("write").add_argument("out", type=Path)
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    return write(args.out) if args.verb == "write" else diff(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
