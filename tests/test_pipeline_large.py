"""The ingest job on large inputs: interrupted (Ctrl-C or SIGKILL) and resumed, nothing lost or doubled.

The NLP is the tokenizer-only trap pipeline of tests/test_extract.py: what is under
test is the job's batching, commits and progress records, which do not depend on it.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph import pipeline
from newsgraph.extract import extract_many
from newsgraph.store import open_store
from tests.test_extract import trap_pipeline

ROOT = Path(__file__).resolve().parents[1]


def write_jsonl(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"w{i} Story number {i} from the wire, with a body of its own: " + f"item{i} " * 30
            fh.write(json.dumps({"id": f"s{i:06d}", "text": text, "published": "2024-03-01"}) + "\n")


@pytest.fixture
def trap_ingest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract_many", functools.partial(extract_many, loader=trap_pipeline))


def test_interrupted_ingest_resumes_without_loss_or_doubles(tmp_path: Path, trap_ingest: None) -> None:
    source = tmp_path / "big.jsonl"
    write_jsonl(source, 3000)
    store = open_store(str(tmp_path / "s.db"))
    seen = 0

    def interrupt(event: str, n: int) -> None:
        nonlocal seen
        if event == "article":
            seen += n
            if seen >= 1000:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pipeline.ingest([str(source)], store, workers=1, batch_size=64, progress=interrupt)
    stored = store.counts()["articles"]
    assert 0 < stored < 3000 and stored % 64 == 0  # whole batches only
    assert not store.file_done(str(source), source.stat().st_size, source.stat().st_mtime_ns)

    report = pipeline.ingest([str(source)], store, workers=1, batch_size=64)
    assert (report.stats.added, report.stats.existing) == (3000 - stored, stored)
    assert store.counts()["articles"] == 3000
    assert store.file_done(str(source), source.stat().st_size, source.stat().st_mtime_ns)

    again = pipeline.ingest([str(source)], store, workers=1, batch_size=64)
    assert (again.unchanged_files, again.articles, again.stats.added) == (1, 0, 0)
    store.close()


KILLABLE = """
import functools, sys
sys.path[:0] = [{root!r}, {src!r}]
from newsgraph import pipeline
from newsgraph.extract import extract_many
from newsgraph.store import open_store
from tests.test_extract import trap_pipeline
pipeline.extract_many = functools.partial(extract_many, loader=trap_pipeline)
store = open_store({db!r})
pipeline.ingest([{source!r}], store, workers=2, batch_size=50)
"""


@pytest.mark.slow
def test_sigkilled_ingest_of_a_large_file_resumes(tmp_path: Path, trap_ingest: None) -> None:
    source, db = tmp_path / "big.jsonl", tmp_path / "s.db"
    write_jsonl(source, 6000)
    code = KILLABLE.format(root=str(ROOT), src=str(ROOT / "src"), db=str(db), source=str(source))
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    deadline = time.monotonic() + 300
    stored = 0
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=1) as conn:
                        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    continue
                if stored >= 500:
                    break
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the ingest, its workers and all: no clean-up runs
        proc.wait()
    assert stored >= 500, "the ingest did not get far enough to be interrupted"
    store = open_store(str(db))
    before = store.counts()["articles"]
    assert 500 <= before < 6000 and before % 50 == 0
    report = pipeline.ingest([str(source)], store, workers=1, batch_size=50)
    assert (report.stats.added, report.stats.existing) == (6000 - before, before)
    assert store.counts()["articles"] == 6000
    ids = [r[0] for r in store.table_rows("articles")]
    assert ids == [f"s{i:06d}" for i in range(6000)]
    assert len(store.table_rows("minhashes")) == 6000  # every article whole: its signature with it
    store.close()
