"""The corpus export on Dask: a LocalCluster with two workers writes the same tables as one process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govreport import corpus

from .corpus_files import mixed_folder

pq = pytest.importorskip("pyarrow.parquet")
distributed = pytest.importorskip("distributed")
gdask = pytest.importorskip("govreport.corpus.dask")


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """A Dask client of a local cluster with two workers (threads of this process, so the test stays quick)."""
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def test_dask_export_writes_the_tables_of_the_single_process_export(tmp_path: Path, client: object) -> None:
    """Partitions written on two workers add up to the tables and the summary of corpus.export, in input order."""
    corpus_dir = tmp_path / "corpus"
    expected = mixed_folder(corpus_dir)
    inputs = [*sorted(str(p) for p in corpus_dir.rglob("*") if p.is_file()), str(corpus_dir / "absent.json")]
    summary = gdask.export(inputs, tmp_path / "dataset", published=True, npartitions=3, client=client)
    single = corpus.export(inputs, tmp_path / "single", to="parquet", published=True)
    assert summary == single
    assert summary.files == len(expected) + 2  # image.png named explicitly, and a missing file
    assert len(list((tmp_path / "dataset" / "cells").glob("part-*.parquet"))) == 3
    for name in ("cells", "reports", "findings"):
        dataset = pq.read_table(tmp_path / "dataset" / name)
        alone = pq.read_table(tmp_path / "single" / f"{name}.parquet")
        assert dataset.to_pylist() == alone.to_pylist(), name


def test_records_bag_and_a_second_export_replace_old_parts(tmp_path: Path, client: object) -> None:
    """records() is a bag of one record per input; exporting again leaves no part of the earlier export behind."""
    corpus_dir = tmp_path / "corpus"
    expected = mixed_folder(corpus_dir)
    bag = gdask.records(corpus_dir, published=True, npartitions=2)
    states = bag.map(lambda r: r.report[1]).compute()
    assert sorted(states) == sorted(expected.values())
    gdask.export(corpus_dir, tmp_path / "dataset", published=True, npartitions=4, client=client)
    gdask.export(corpus_dir, tmp_path / "dataset", npartitions=1, client=client)
    assert [p.name for p in (tmp_path / "dataset" / "reports").iterdir()] == ["part-00000000.parquet"]
    assert pq.read_table(tmp_path / "dataset" / "reports").num_rows == 3
