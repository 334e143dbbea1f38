"""govreport export: a corpus into cells, reports and findings tables (Parquet, DuckDB, CSV, JSON Lines)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

import govreport
from govreport import corpus
from govreport.corpus import Source
from govreport.errors import ExportError

from .corpus_files import FIXTURES, SAMPLE, base_value, mixed_folder

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
duckdb = pytest.importorskip("duckdb")

N_CELLS = sum(1 for _ in govreport.get_edition().cell_pointers())
FEE = "/proactive_disclosure/fees/amount_10k_yuan"


def _relative(source: str, root: Path) -> str:
    return Path(source).relative_to(root).as_posix()


def test_a_mixed_folder_exports_to_parquet(tmp_path: Path) -> None:
    """Documents, published pages and broken files: one reports row each, the cells of the readable ones."""
    corpus_dir = tmp_path / "corpus"
    expected = mixed_folder(corpus_dir)
    summary = corpus.export(corpus_dir, tmp_path / "out", to="parquet", published=True, lang="en")
    assert (summary.files, summary.unreadable) == (len(expected), 2)
    reports = pq.read_table(tmp_path / "out" / "reports.parquet").to_pylist()
    assert {_relative(r["source"], corpus_dir): r["state"] for r in reports} == expected
    by_name = {_relative(r["source"], corpus_dir): r for r in reports}
    broken = by_name["docs/c.json"]
    assert (broken["valid"], broken["agency"], broken["read_error_rule"]) == (None, None, "json.syntax")
    assert broken["read_error"].startswith("not valid JSON")
    assert by_name["pages/notes.txt"]["read_error_rule"] == "input.not_a_report"
    assert by_name["docs/b.json"]["error_count"] == 2
    assert by_name["pages/jingxing.pdf"]["form"] == "published"
    cells = pq.read_table(tmp_path / "out" / "cells.parquet")
    readable = sum(1 for state in expected.values() if state != "unreadable")
    assert cells.num_rows == readable * N_CELLS
    assert cells.schema.field("value").type == pa.int64()
    assert cells.schema.field("amount").type == pa.decimal128(38, 6)
    fees = [r["amount"] for r in cells.filter(pa.compute.equal(cells["pointer"], FEE)).to_pylist()]
    assert fees == [Decimal("722.61")] * readable
    findings = pq.read_table(tmp_path / "out" / "findings.parquet").to_pylist()
    broken_total = [f for f in findings if f["rule"] == "requests.row_total"]
    assert len(broken_total) == 1
    assert (broken_total[0]["expected"], broken_total[0]["actual"], broken_total[0]["difference"]) == (73, 74, 1)
    assert broken_total[0]["pointer"] == "/requests/received/total"
    assert broken_total[0]["agency"] == "某县某局"
    assert {f["rule"] for f in findings if f["source"] == broken["source"]} == {"json.syntax"}


def test_null_stays_null(tmp_path: Path) -> None:
    """A missing cell is null in the value column, never 0; other cells keep their values."""
    report = govreport.load(SAMPLE).evolve({"/requests/received/natural_persons": None, FEE: None})
    corpus.export([report], tmp_path, to="parquet")
    rows = {r["pointer"]: r for r in pq.read_table(tmp_path / "cells.parquet").to_pylist()}
    assert rows["/requests/received/natural_persons"]["value"] is None
    assert rows[FEE]["amount"] is None
    assert rows["/requests/received/total"]["value"] == 73
    missing = [f for f in pq.read_table(tmp_path / "findings.parquet").to_pylist() if f["rule"] == "cells.missing"]
    assert {f["pointer"] for f in missing} == {"/requests/received/natural_persons", FEE}


def test_duckdb_database_answers_sql_without_quoting(tmp_path: Path) -> None:
    """The DuckDB file has the three tables; every column can be named unquoted, and none is a reserved word."""
    corpus_dir = tmp_path / "corpus"
    mixed_folder(corpus_dir)
    db = tmp_path / "corpus.duckdb"
    corpus.export(corpus_dir, db, to="duckdb", published=True)
    con = duckdb.connect(str(db), read_only=True)
    keywords = con.execute("select keyword_name from duckdb_keywords() where keyword_category = 'reserved'").fetchall()
    reserved = {k for (k,) in keywords}
    for table in corpus.tables():
        names = table.names
        assert not set(names) & reserved
        con.execute(f"select {', '.join(names)} from {table.name}").fetchall()  # noqa: S608 - our own names
    share = con.execute(
        """
        select year,
               sum(value) filter (where pointer like '/requests/outcomes/withheld/%/total')
               / sum(value) filter (where pointer = '/requests/outcomes/total/total') as refused
        from cells group by year order by year
        """
    ).fetchall()
    assert [year for year, _ in share] == [2022, 2023]
    assert all(refused is not None and 0 <= refused <= 1 for _, refused in share)
    assert con.execute("select count(*) from reports where state = 'unreadable'").fetchone() == (2,)
    assert con.execute("select amount from cells where pointer = ? limit 1", [FEE]).fetchone() == (Decimal("722.61"),)


def test_exports_again_into_the_same_database(tmp_path: Path) -> None:
    """Exporting into an existing database replaces its tables rather than adding to them."""
    db = tmp_path / "c.duckdb"
    report = govreport.load(SAMPLE)
    corpus.export([report, report], db, to="duckdb")
    corpus.export([report], db, to="duckdb")
    assert duckdb.connect(str(db), read_only=True).execute("select count(*) from reports").fetchone() == (1,)


def test_csv_guards_formulas_and_keeps_numbers(tmp_path: Path) -> None:
    """CSV text that a spreadsheet would run as a formula gets an apostrophe; numbers and nulls are plain."""
    report = govreport.load(SAMPLE).evolve({"/agency": '=HYPERLINK("http://x")', FEE: None})
    corpus.export([report], tmp_path / "guarded", to="csv")
    corpus.export([report], tmp_path / "raw", to="csv", formula_guard=False)
    with (tmp_path / "guarded" / "cells.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == N_CELLS
    assert rows[0]["agency"] == '\'=HYPERLINK("http://x")'
    fee = next(r for r in rows if r["pointer"] == FEE)
    assert (fee["value"], fee["amount"]) == ("", "")
    assert next(r for r in rows if r["pointer"] == "/requests/received/total")["value"] == "73"
    raw = (tmp_path / "raw" / "reports.csv").read_text(encoding="utf-8").splitlines()
    assert raw[0].startswith("source,agency,year,edition,form,state,valid")
    assert ',"=HYPERLINK(""http://x"")",2023,' in raw[1]


def test_json_lines_write_exact_numbers(tmp_path: Path) -> None:
    """JSON Lines carry amounts as exact JSON numbers and missing cells as null."""
    corpus.export([govreport.load(SAMPLE)], tmp_path, to="jsonl")
    lines = (tmp_path / "cells.jsonl").read_text(encoding="utf-8").splitlines()
    fee = next(json.loads(line, parse_float=Decimal) for line in lines if FEE in line)
    assert (fee["value"], fee["amount"]) == (None, Decimal("722.61"))
    assert '"amount": 722.61' in next(line for line in lines if FEE in line)
    reports = [json.loads(line) for line in (tmp_path / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert reports[0]["valid"] is True


def test_wide_form_has_one_column_per_cell(tmp_path: Path) -> None:
    """The wide form has one row per readable report, and one typed column per cell named from its keys: the
    cells of every edition, so a 2019 report and a 2021 one share the columns of the cells they share."""
    report = govreport.load(SAMPLE)
    trial = govreport.load(FIXTURES / "pingtan-2019.json")
    inputs = [report, "absent.json", report.evolve({"/year": 2022}), trial]
    corpus.export(inputs, tmp_path, to="parquet", wide=True)
    assert not (tmp_path / "cells.parquet").exists()
    wide = pq.read_table(tmp_path / "wide.parquet")
    every_cell = {p for name in govreport.edition_names() for p in govreport.get_edition(name).cell_pointers()}
    assert wide.num_rows == 3
    assert wide.num_columns == 4 + len(every_cell)
    assert wide.column("edition").to_pylist() == ["2021", "2021", "2019"]
    assert wide.column("requests__received__total").to_pylist() == [
        73,
        73,
        base_value(trial, "/requests/received/total"),
    ]
    assert wide.schema.field("proactive_disclosure__fees__amount_10k_yuan").type == pa.decimal128(38, 6)
    assert wide.schema.field("proactive_disclosure__procurement__amount_yuan").type == pa.decimal128(38, 6)
    in_force = wide.column("proactive_disclosure__rules__in_force").to_pylist()  # a 2021 cell only
    assert in_force[2] is None
    assert in_force[0] is not None
    assert wide.column("year").to_pylist() == [2023, 2022, 2019]
    assert [c.name for c in corpus.tables(wide=True)[0].columns][4] == corpus.wide_column(
        next(govreport.get_edition().cell_pointers())
    )
    assert pq.read_table(tmp_path / "reports.parquet").num_rows == 4


def test_reports_of_two_editions_share_the_tidy_table(tmp_path: Path) -> None:
    """A 2019 and a 2021 report go into one cells table, each with its own edition's cells and labels."""
    trial = govreport.load(FIXTURES / "pingtan-2019.json")
    corpus.export([govreport.load(SAMPLE), trial], tmp_path, to="parquet")
    cells = pq.read_table(tmp_path / "cells.parquet")
    editions = cells.column("edition").to_pylist()
    trial_cells = sum(1 for _ in govreport.get_edition("2019").cell_pointers())
    assert (editions.count("2021"), editions.count("2019")) == (N_CELLS, trial_cells)
    procurement = [r for r in cells.to_pylist() if r["pointer"] == "/proactive_disclosure/procurement/amount_yuan"]
    assert len(procurement) == 1
    assert (
        procurement[0]["unit"]
        == govreport.get_edition("2019").cell("/proactive_disclosure/procurement/amount_yuan")[1].unit
    )


def test_an_amount_finer_than_the_scale_is_reported_not_rounded(tmp_path: Path) -> None:
    """An amount with more decimal places than the tables hold is left out, and an export.inexact finding says so."""
    report = govreport.load(SAMPLE).evolve({FEE: Decimal("1.0000001")})
    corpus.export([report], tmp_path, to="parquet", lang="en")
    fee = next(r for r in pq.read_table(tmp_path / "cells.parquet").to_pylist() if r["pointer"] == FEE)
    assert fee["amount"] is None
    (inexact,) = (f for f in pq.read_table(tmp_path / "findings.parquet").to_pylist() if f["rule"] == "export.inexact")
    assert inexact["pointer"] == FEE
    assert "1.0000001" in inexact["message"]
    assert pq.read_table(tmp_path / "reports.parquet").to_pylist()[0]["warning_count"] == 2


def test_worker_processes_write_the_same_tables(tmp_path: Path) -> None:
    """An export in two worker processes writes the same rows in the same order as one in this process."""
    corpus_dir = tmp_path / "corpus"
    mixed_folder(corpus_dir)
    corpus.export(corpus_dir, tmp_path / "one", to="parquet", published=True)
    corpus.export(corpus_dir, tmp_path / "two", to="parquet", published=True, jobs=2, chunksize=1)
    for name in ("cells", "reports", "findings"):
        one = pq.read_table(tmp_path / "one" / f"{name}.parquet")
        two = pq.read_table(tmp_path / "two" / f"{name}.parquet")
        assert one.equals(two), name


def _documents(n: int) -> Iterator[Source]:
    """``n`` documents made on demand (the caller holds none), of 50 agencies over 5 years."""
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        varied = text.replace('"year": 2023', f'"year": {2019 + i % 5}', 1)
        yield Source(name=f"gen:{i}", data=varied.replace("井陉矿区", f"第{i % 50}区", 1).encode())


@pytest.mark.parametrize("to", ["parquet", "csv"])
def test_memory_stays_flat_in_the_number_of_reports(tmp_path: Path, to: str) -> None:
    """Exporting ten times as many reports takes no more memory: inputs and rows are held a batch at a time."""

    def peak(n: int) -> int:
        tracemalloc.start()
        try:
            corpus.export(_documents(n), tmp_path / f"{to}-{n}", to=to, batch_size=10)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(10)  # warm up: caches and imports are not what this test is about
    few, many = peak(20), peak(160)
    assert many <= few * 1.5 + 256 * 1024
    written = (tmp_path / f"{to}-160").iterdir()
    assert sorted(p.name for p in written) == sorted(
        f"{t.name}.{'csv' if to == 'csv' else 'parquet'}" for t in corpus.tables()
    )


def test_unknown_format_is_refused_before_reading() -> None:
    """An unknown format raises ExportError and reads nothing."""

    def inputs() -> Iterator[str]:
        pytest.fail("read an input")
        yield ""

    with pytest.raises(ExportError, match="xlsx"):
        corpus.export(inputs(), "out", to="xlsx")


def test_a_database_that_cannot_be_opened_is_an_export_error(tmp_path: Path) -> None:
    """A DuckDB output that is a directory, or a file that is not a database, raises ExportError naming it."""
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("not a database", encoding="utf-8")
    for out in (tmp_path, not_a_database):
        with pytest.raises(ExportError, match="DuckDB database"):
            corpus.export([govreport.load(SAMPLE)], out, to="duckdb")


def test_command_line_export(tmp_path: Path) -> None:
    """govreport export writes the tables, prints the summary and exits 0 whatever the verdicts, 2 when an input
    could not be read (it is in the tables all the same)."""
    corpus_dir = tmp_path / "corpus"
    expected = mixed_folder(corpus_dir)
    args = [
        "export",
        "--published",
        "--lang",
        "en",
        str(corpus_dir),
        "--to",
        "duckdb",
        "-o",
        str(tmp_path / "c.duckdb"),
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "govreport", *args, "--jobs", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr  # two inputs are unreadable
    assert f"{len(expected)} files: 4 valid, 1 invalid, 2 unreadable" in proc.stdout
    assert "wrote cells, reports, findings" in proc.stdout
    con = duckdb.connect(str(tmp_path / "c.duckdb"), read_only=True)
    assert con.execute("select count(*) from reports").fetchone() == (len(expected),)
