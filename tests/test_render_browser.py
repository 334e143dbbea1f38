"""The html renderer in a real headless browser (Debian's chromium, driven by selenium through chromium-driver).

The browser lays out the page, JavaScript walks every table with the HTML table model (rowspan/colspan) and the
test compares the position of every cell with the edition's official grid. The page must load with no console
errors, and a screenshot goes to ``test-output/`` for a person to look at.

Without chromium the test skips, except when ``CI`` is set: there it fails, since ``.ci/run`` installs chromium.
"""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport.renderers import _common

from .conftest import set_pointer

OUTPUT = Path(__file__).resolve().parents[1] / "test-output"
EDITION = govreport.get_edition("2021")

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)

# Every cell of every official table at its (row, column) by the HTML table model, with its box on the page.
WALK_TABLES = """
const out = [];
for (const table of document.querySelectorAll("table.gr-table")) {
  const taken = new Set();
  let r = 0;
  for (const tr of table.rows) {
    let c = 0;
    for (const cell of tr.cells) {
      while (taken.has(r + "," + c)) c++;
      for (let i = 0; i < cell.rowSpan; i++)
        for (let j = 0; j < cell.colSpan; j++) taken.add((r + i) + "," + (c + j));
      const box = cell.getBoundingClientRect();
      const value = cell.querySelector(".gr-value");
      out.push({table: table.dataset.table, row: r, col: c, rowspan: cell.rowSpan, colspan: cell.colSpan,
                pointer: cell.dataset.pointer || null, tag: cell.tagName.toLowerCase(),
                text: (value || cell).textContent, classes: cell.className,
                left: box.left, right: box.right, top: box.top, bottom: box.bottom});
      c += cell.colSpan;
    }
    r++;
  }
}
return out;
"""


def _paths() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium and driver:
        return chromium, driver
    reason = "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver fonts-noto-cjk)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; .ci/run installs them, so CI must have them")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless chromium with a fresh profile, logging the console."""
    chromium, driver_path = _paths()
    from selenium import webdriver  # noqa: PLC0415 - only when chromium is there
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1280,900")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: Any, html: str, path: Path) -> list[dict[str, Any]]:
    path.write_text(html, encoding="utf-8")
    browser.get_log("browser")  # drop what an earlier page logged
    browser.get(path.as_uri())
    cells: list[dict[str, Any]] = browser.execute_script(WALK_TABLES)
    return cells


def _expected(report: govreport.Report) -> dict[tuple[str, int, int], tuple[int, int, str | None, str]]:
    """(table, row, col) → (rowspan, colspan, pointer, text) of every cell of the official grids."""
    cells = govreport.rules_for("2021").read_cells(report)
    out = {}
    for table in EDITION.tables:
        for row in _common.place(table):
            for p in row:
                if p.cell.pointer is None:
                    text = p.cell.text or ""
                else:
                    value = _common.format_value(cells[p.cell.pointer])
                    text = _common.MISSING_MARK if value is None else value
                out[table.key, p.row, p.col] = (p.cell.rowspan, p.cell.colspan, p.cell.pointer, text)
    return out


def _console_errors(browser: Any) -> list[dict[str, Any]]:
    return [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]


def _screenshot(browser: Any, name: str) -> Path:
    """A screenshot of the whole page (not just the window), saved under test-output/."""
    OUTPUT.mkdir(exist_ok=True)
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    path = OUTPUT / name
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def _check_grid(cells: list[dict[str, Any]], report: govreport.Report) -> None:
    expected = _expected(report)
    seen = {(c["table"], c["row"], c["col"]): c for c in cells}
    assert set(seen) == set(expected)
    for key, (rowspan, colspan, ptr, text) in expected.items():
        cell = seen[key]
        assert (cell["rowspan"], cell["colspan"], cell["pointer"]) == (rowspan, colspan, ptr), key
        assert cell["text"].strip() == text, key
        assert cell["tag"] == ("td" if ptr is not None else "th"), key
    # The browser drew a true grid: every one-column cell of a table column has the same left and right edge.
    for table in EDITION.tables:
        for col in range(table.width):
            edges = {
                (round(c["left"]), round(c["right"]))
                for c in cells
                if c["table"] == table.key and c["col"] == col and c["colspan"] == 1
            }
            assert len(edges) == 1, (table.key, col, edges)
    values = [c for c in cells if c["pointer"] is not None]
    assert len(values) == 200


def test_html_cells_sit_where_the_official_grid_puts_them(
    browser: Any, sample: govreport.Report, tmp_path: Path
) -> None:
    """In chromium, every label and value cell of the three tables is at the row, column and span of the
    official grid, shows its label or exact value, and the page logs no console error."""
    cells = _open(browser, str(govreport.render(sample, "html")), tmp_path / "sample.html")
    _check_grid(cells, sample)
    assert _console_errors(browser) == []
    assert browser.title == sample.title
    shot = _screenshot(browser, "render-html-sample.png")
    assert shot.stat().st_size > 10_000


def test_html_findings_are_highlighted_in_the_browser(browser: Any, sample_doc: dict[str, Any], tmp_path: Path) -> None:
    """With findings, the grid is unchanged, the failing cell is highlighted (its computed background differs
    from a plain value cell's), footnotes are listed, and there are no console errors."""
    doc = set_pointer(sample_doc, "/requests/outcomes/total/total", 70)
    doc = set_pointer(doc, "/review_and_litigation/administrative_review/upheld", None)
    report = govreport.structure(doc)
    findings = govreport.validate(report).findings
    cells = _open(browser, str(govreport.render(report, "html", findings=findings)), tmp_path / "findings.html")
    _check_grid(cells, report)
    assert _console_errors(browser) == []
    fail = browser.find_element("css selector", 'td[data-pointer="/requests/outcomes/total/total"]')
    plain = browser.find_element("css selector", 'td[data-pointer="/requests/received/natural_persons"]')
    assert "fail" in fail.get_attribute("class").split()
    assert fail.value_of_css_property("background-color") != plain.value_of_css_property("background-color")
    assert "requests.outcome_total" in fail.get_attribute("title")
    notes = browser.find_elements("css selector", ".gr-findings li")
    assert len(notes) == len(findings)
    _screenshot(browser, "render-html-findings.png")
