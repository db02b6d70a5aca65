"""``newsgraph batch`` on a LocalCluster of 2 worker processes, against the single-process output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsgraph.batch.load import load_parts
from newsgraph.batch.runner import MANIFEST, part_path, run_batch
from newsgraph.batch.tables import TABLE_NAMES, results_to_tables
from newsgraph.errors import InputError, UsageError
from newsgraph.extract import extract_many
from newsgraph.model import Article
from tests.test_extract import article, trap_pipeline


def read_tables(out: Path) -> dict[str, pa.Table]:
    """Every table of a batch output, its parts concatenated in partition order."""
    return {
        t: pa.concat_tables([pq.read_table(p) for p in sorted((out / t).glob("part-*.parquet"))])
        for t in TABLE_NAMES
    }


def single_process(arts: list[Article]) -> dict[str, pa.Table]:
    results = list(extract_many(arts, workers=1, loader=trap_pipeline))
    return results_to_tables(results, origins=[a.origin for a in arts])


def test_two_workers_write_what_one_process_computes(tmp_path: Path) -> None:
    arts = [article(i) for i in range(50)]
    arts[13] = article(13, "RAISE in a worker")
    rejected: list[InputError] = []
    stream: list[Article | InputError] = [*arts[:20], InputError("bad.txt: empty", code="NG101"), *arts[20:]]
    report = run_batch(
        stream, tmp_path / "out", workers=2, partition_size=7, loader=trap_pipeline, on_reject=rejected.append
    )
    assert (report.articles, report.partitions, report.failed, report.workers) == (50, 8, 1, 2)
    assert [e.code for e in rejected] == ["NG101"] and report.rejected == [("NG101", "bad.txt: empty")]
    got = read_tables(tmp_path / "out")
    want = single_process(arts)
    for table in TABLE_NAMES:
        assert got[table].equals(want[table]), table
    assert got["articles"].column("position").to_pylist() == list(range(50))
    assert (tmp_path / "out" / MANIFEST).exists()


def test_resume_finishes_an_interrupted_run(tmp_path: Path, client: Any) -> None:
    arts = [article(i) for i in range(30)]
    out = tmp_path / "out"
    run_batch(arts, out, partition_size=4, loader=trap_pipeline, client=client)
    first = read_tables(out)
    # an interrupted run: the last three partitions never got their marker, one has half its files
    for index in (5, 6, 7):
        part_path(out, "articles", index).unlink()
    for table in ("events", "claims"):
        part_path(out, table, 7).unlink()
    (out / MANIFEST).unlink()
    with pytest.raises(UsageError):
        run_batch(arts, out, partition_size=4, loader=trap_pipeline, client=client)  # not without --resume
    report = run_batch(arts, out, partition_size=4, loader=trap_pipeline, resume=True, client=client)
    assert (report.partitions, report.skipped_partitions) == (8, 5)
    again = read_tables(out)
    for table in TABLE_NAMES:
        assert again[table].equals(first[table]), table
    with pytest.raises(UsageError):  # other partition boundaries: refuse, do not mix two runs
        run_batch(arts, out, partition_size=5, loader=trap_pipeline, resume=True, client=client)


def test_load_needs_a_finished_run(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    with pytest.raises(InputError):
        load_parts(tmp_path, object())  # type: ignore[arg-type]
