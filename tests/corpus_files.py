"""A small mixed corpus on disk, shared by the corpus, export and corpus-report tests: report documents (one of
them invalid), published reports (text, HTML, PDF) and files that are not reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import govreport
from govreport import Report

from .pdfs import draw_pdf

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "jingxing-2023.json"


def mixed_folder(root: Path) -> dict[str, str]:
    """Write the corpus under ``root``; return the expected state of each input by its path below ``root``."""
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    (root / "docs").mkdir(parents=True)
    (root / "pages").mkdir()
    (root / "docs" / "a.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    doc["agency"] = "某县某局"
    doc["year"] = 2022
    doc["requests"]["received"]["total"] += 1  # breaks requests.row_total and requests.balance
    (root / "docs" / "b.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (root / "docs" / "c.json").write_text("{nope", encoding="utf-8")
    text = (FIXTURES / "jingxing-2023.txt").read_text(encoding="utf-8")
    (root / "pages" / "jingxing.txt").write_text(text, encoding="utf-8")
    (root / "pages" / "jingxing.pdf").write_bytes(draw_pdf(text))
    shutil.copy(FIXTURES / "parse" / "jingxing-2023.html", root / "pages" / "jingxing.html")
    (root / "pages" / "notes.txt").write_text("这不是一份报告。", encoding="utf-8")
    (root / "pages" / "image.png").write_bytes(b"\x89PNG")
    return {
        "docs/a.json": "valid",
        "docs/b.json": "invalid",
        "docs/c.json": "unreadable",
        "pages/jingxing.html": "valid",
        "pages/jingxing.pdf": "valid",
        "pages/jingxing.txt": "valid",
        "pages/notes.txt": "unreadable",
    }


def agency_years(agencies: int = 4, years: tuple[int, ...] = (2021, 2022, 2023)) -> list[Report]:
    """Reports of ``agencies`` agencies over ``years``, balanced, with more requests granted each year; the
    second agency's report of the middle year breaks its received total (requests.row_total, requests.balance).
    """
    base = govreport.load(SAMPLE)
    out = []
    for a in range(agencies):
        for k, year in enumerate(years):
            extra = 10 * a + 5 * k
            changes: dict[str, object] = {"/agency": f"第{a + 1}区政府", "/year": year}
            for row in ("received", "outcomes/granted", "outcomes/total"):
                for column in ("natural_persons", "total"):
                    ptr = f"/requests/{row}/{column}"
                    changes[ptr] = base_value(base, ptr) + extra
            if a == 1 and k == 1:
                changes["/requests/received/total"] = base_value(base, "/requests/received/total") + extra + 1
            out.append(base.evolve(changes))
    return out


def base_value(report: Report, pointer: str) -> int:
    """The count at ``pointer`` of ``report``."""
    value = govreport.rules_for(report.edition).read_cells(report)[pointer]
    assert isinstance(value, int)
    return value
