"""govreport report: the corpus as one offline HTML page with charts, checked as data and in a real browser."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport import corpus
from govreport.corpus._report import short_label

from .corpus_files import FIXTURES, agency_years, base_value, mixed_folder
from .test_render_browser import _console_errors, _screenshot, browser

pytest.importorskip("vl_convert")

__all__ = ["browser"]  # the browser fixture of the html renderer's test, shared

EDITION = govreport.get_edition()


def _outcome_labels(lang: str) -> list[str]:
    """The outcome groups of table 三 as the edition names them: the direct children of the outcomes group."""
    table = EDITION.table("requests")
    groups = {g.path: g for g in table.groups}
    names: list[str] = []
    for line in table.lines:
        if line.path[:2] != ("requests", "outcomes") or line.key == "total":
            continue
        named = groups.get(line.path[:3], line)
        name = short_label(named.label) if lang == "zh" else named.name_en
        if name not in names:
            names.append(name)
    return names


def test_overview_counts_years_outcomes_agencies_and_changes() -> None:
    """The overview counts states per year, sums the outcome groups per year, ranks agencies, finds changes."""
    reports = agency_years()
    view = corpus.overview([*reports, "absent.json"])
    assert (view.files, view.states["valid"], view.states["invalid"], view.states["unreadable"]) == (13, 11, 1, 1)
    assert {y: (c["valid"], c["invalid"]) for y, c in view.years.items()} == {
        2021: (4, 0),
        2022: (3, 1),
        2023: (4, 0),
    }
    granted = {
        y: sum(base_value(r, "/requests/outcomes/granted/total") for r in reports if r.year == y) for y in view.years
    }
    assert {y: c["granted"] for y, c in view.outcomes.items()} == granted
    assert [name for name, _ in view.top_agencies()] == ["第2区政府"]
    ((agency, stats),) = view.top_agencies()
    assert (stats.reports, stats.invalid, stats.errors) == (3, 1, 2)
    assert {rule for _, rule, _, _ in view.broken[agency]} == {"requests.row_total", "requests.balance"}
    changes = view.changes()
    assert changes[0][0] == "第2区政府"  # its invalid year's received total differs most: one more than balanced
    assert all(now - before in (5, 6, 4) for _, _, now, before in changes)


def test_overview_reads_the_outcome_groups_of_either_edition() -> None:
    """A 2019 report's outcome groups (其他处理 as one row there) are summed under the same groups as 2021's."""
    trial = govreport.load(FIXTURES / "pingtan-2019.json")
    view = corpus.overview([trial, *agency_years(agencies=1, years=(2021,))])
    expected = {
        "granted": base_value(trial, "/requests/outcomes/granted/total"),
        "other_handling": base_value(trial, "/requests/outcomes/other_handling/total"),
    }
    assert {key: view.outcomes[2019][key] for key in expected} == expected
    assert list(view.categories) == [c for c in view.categories if c in view.outcomes[2021]]


class _Page(HTMLParser):
    """The parts of the page a test looks at: texts, element ids, links, scripts and external references."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tags: list[str] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        self.sources.extend(str(v) for k, v in attrs if k in {"src", "xlink:href"} and v)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_is_self_contained_with_labels_from_the_edition(lang: str) -> None:
    """The page has an inline SVG chart per section, no script and nothing to load, the outcome groups named as
    the edition names them, and in-page links from each top agency to its broken relations."""
    html = corpus.html_report([*agency_years(), "absent.json"], lang=lang)
    page = _page(html)
    assert "script" not in page.tags
    assert page.sources == []
    assert "default-src 'none'" in html
    assert re.search(r"https?://(?!vega\.github\.io|www\.w3\.org)", html) is None
    charts = re.findall(r'<figure class="chart" id="chart-([a-z-]+)"', html)
    assert charts == ["rules", "agencies", "invalid-share", "handled", "changes"]
    text = "".join(page.text)
    for label in _outcome_labels(lang):
        assert label in text, label
    assert [link for link in page.links if link.startswith("#")] == ["#agency-1"]
    assert "agency-1" in page.ids
    assert ("违反的勾稽关系" if lang == "zh" else "Relations broken") in text


def test_agency_names_are_escaped() -> None:
    """Text from the reports (an agency name with markup) is shown as text, never as markup."""
    report = agency_years(agencies=1, years=(2022,))[0]
    broken = report.evolve({"/agency": "<b>某局</b><script>alert(1)</script>", "/requests/received/total": 999})
    html = corpus.html_report([broken])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_empty_corpus_still_makes_a_page() -> None:
    """With nothing readable, every section says there is nothing to show rather than failing."""
    html = corpus.html_report(["absent.json"], lang="en")
    assert "The corpus has no data for this chart." in html
    assert '<figure class="chart" id="chart-rules"' in html  # input.unreadable is a finding


def test_command_line_report(tmp_path: Path) -> None:
    """govreport report writes the page of a mixed folder and says where; its unreadable inputs make the exit
    status 2."""
    mixed_folder(tmp_path / "corpus")
    out = tmp_path / "corpus.html"
    args = ["report", "--published", "--lang", "en", str(tmp_path / "corpus"), "-o", str(out)]
    proc = subprocess.run(
        [sys.executable, "-m", "govreport", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr  # the folder has two unreadable inputs
    assert f"wrote {out}" in proc.stdout
    assert "某县某局" in out.read_text(encoding="utf-8")


# --- in a real browser -------------------------------------------------------------------------------------

CHARTS = """
return Array.from(document.querySelectorAll("figure.chart")).map(f => {
  const svg = f.querySelector("svg");
  const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  return {name: f.dataset.chart, width: box.width, height: box.height,
          marks: svg ? svg.querySelectorAll(".role-mark path, .role-mark text, .role-mark line").length : 0,
          texts: svg ? Array.from(svg.querySelectorAll("text")).map(t => t.textContent) : []};
});
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The corpus report of a mixed folder and of twelve reports over three years, in Chinese and English."""
    root = tmp_path_factory.mktemp("corpus-report")
    mixed_folder(root / "corpus")
    inputs: list[Any] = [root / "corpus", *agency_years()]
    out = {}
    for lang in ("zh", "en"):
        out[lang] = root / f"corpus-{lang}.html"
        out[lang].write_text(corpus.html_report(inputs, published=True, lang=lang), encoding="utf-8")
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_corpus_report_renders_its_charts_in_a_browser(browser: Any, pages: dict[str, Path], lang: str) -> None:
    """In chromium the page loads without console errors, every chart is drawn with marks and the labels of the
    format, a top agency's link leads to its findings, and a screenshot is saved under test-output/."""
    browser.get_log("browser")
    browser.get(pages[lang].as_uri())
    charts = browser.execute_script(CHARTS)
    assert [c["name"] for c in charts] == ["rules", "agencies", "invalid-share", "handled", "changes"]
    for chart in charts:
        assert chart["width"] > 200, chart["name"]
        assert chart["height"] > 40, chart["name"]
        assert chart["marks"] > 0, chart["name"]
    handled = next(c for c in charts if c["name"] == "handled")
    assert set(_outcome_labels(lang)) <= set(handled["texts"])
    link = browser.find_element("css selector", "#agencies a[href^='#agency-']")
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    landed = browser.execute_script(
        f"const box = document.getElementById('{target}').getBoundingClientRect();"
        "return [location.hash, window.scrollY, box.top, window.innerHeight,"
        f" document.querySelectorAll('#{target} + table tbody tr').length];"
    )
    hash_, scrolled, top, height, rows = landed
    assert (hash_, rows) == (f"#{target}", 2)  # the two relations its invalid report breaks
    assert scrolled > 0
    assert 0 <= top < height
    assert _console_errors(browser) == []
    browser.execute_script("window.scrollTo(0, 0)")
    shot = _screenshot(browser, f"corpus-report-{lang}.png")
    assert shot.stat().st_size > 20_000
