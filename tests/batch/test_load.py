"""``newsgraph load``: batch output into a store, the same as storing the results directly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.batch.load import load_parts
from newsgraph.batch.runner import run_batch
from newsgraph.store import Store, open_store
from newsgraph.store.sql import TABLES
from tests.store.builders import comparable_rows, item, meeting

COMPARED = [t for t in TABLES if t != "ingested_files"]  # the load records part files, ingest input files


def write_run(out: Path, results: list[Any]) -> None:
    """A batch output of hand-made results: the runner's tables of articles that are results already."""
    from newsgraph.batch.runner import write_partition
    from newsgraph.batch.tables import results_to_tables

    for index in range(0, len(results), 3):
        chunk = results[index : index + 3]
        write_partition(
            out,
            index // 3,
            results_to_tables(chunk, first_position=index, origins=[f"t:{r.id}" for r in chunk]),
        )
    (out / "_manifest.json").write_text("{}", encoding="utf-8")


def test_load_equals_storing_the_results(tmp_path: Path, store: Store) -> None:
    results = [meeting(f"a{i}", f"2024-06-{10 + i}", place=f"Town{i}") for i in range(8)]
    results.append(meeting("dup", "2024-06-30", place="Town1"))  # same text as a1: linked, not stored
    out = tmp_path / "out"
    write_run(out, results)
    report = load_parts(out, store, batch_size=2)
    assert (report.parts, report.articles, report.stats.added, report.stats.duplicates) == (3, 9, 8, 1)
    direct = open_store(str(tmp_path / "direct.db"))
    direct.add_batch([item(r, origin=f"t:{r.id}") for r in results])
    for table in COMPARED:
        assert comparable_rows(store, table) == comparable_rows(direct, table), table
    again = load_parts(out, store)  # every part recorded: nothing read twice
    assert (again.unchanged_parts, again.articles, again.stats.added) == (3, 0, 0)
    direct.close()


def test_an_interrupted_load_resumes(tmp_path: Path, store_url: str) -> None:
    results = [meeting(f"a{i}", f"2024-06-{10 + i}", place=f"Town{i}") for i in range(9)]
    out = tmp_path / "out"
    write_run(out, results)
    store = open_store(store_url)
    calls = 0

    def stop_after_two(n: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_parts(out, store, batch_size=2, progress=stop_after_two)
    assert 0 < store.counts()["articles"] < 9
    report = load_parts(out, store, batch_size=2)
    assert store.counts()["articles"] == 9 and report.stats.added + report.stats.existing == report.articles
    store.close()


@pytest.mark.model
@pytest.mark.slow
def test_batch_then_load_equals_ingest(tmp_path: Path, store_url: str, client: Any) -> None:
    """Real news: 2 Dask workers and `load` build the same store as a one-process `ingest`."""
    import json

    from newsgraph.bench.corpora import bench_articles
    from newsgraph.ingest import read_any
    from newsgraph.pipeline import ingest

    source = tmp_path / "news.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for a in bench_articles(10):
            fh.write(
                json.dumps({"id": a.id, "text": a.text, "published": a.published, "title": a.title}) + "\n"
            )
    out = tmp_path / "out"
    report = run_batch(read_any([str(source)]), out, partition_size=3, client=client)
    assert (report.articles, report.partitions, report.failed) == (10, 4, 0)
    loaded = open_store(store_url)
    load_parts(out, loaded)
    ingested = open_store(str(tmp_path / "ingested.db"))
    ingest([str(source)], ingested, workers=1)
    assert loaded.counts() == ingested.counts() and loaded.counts()["events"] > 0
    for table in COMPARED:
        assert comparable_rows(loaded, table) == comparable_rows(ingested, table), table
    loaded.close()
    ingested.close()
