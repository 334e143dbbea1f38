"""Regenerate the shipped schema files: ``python -m govreport.schemas [--check]``.

Run it from a source checkout after changing an edition declaration or the finding shape; ``--check`` exits 1
when a shipped file differs from the generator's output (the drift test does the same in the test suite).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from govreport.editions import edition_names
from govreport.schemas import file_name, generate, generate_results, to_text


def expected_files() -> dict[str, str]:
    """Every shipped schema file name with the text the generator produces for it."""
    files = {file_name(name, "report"): to_text(generate(name)) for name in edition_names()}
    files[file_name(kind="results")] = to_text(generate_results())
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the schema files next to this module.

    Args:
        argv: the arguments (default: ``sys.argv[1:]``): ``[--check]``.

    Returns:
        0, or 1 when ``--check`` finds a file that differs.
    """
    parser = argparse.ArgumentParser(prog="python -m govreport.schemas", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when a file differs")
    args = parser.parse_args(argv)
    here = Path(__file__).parent
    stale = []
    for name, text in expected_files().items():
        path = here / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    verb = "differs" if args.check else "written"
    for name in stale:
        sys.stdout.write(f"{name}: {verb}\n")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
