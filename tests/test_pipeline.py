from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.pipeline import ingest
from newsgraph.store import open_store
from tests.conftest import EXAMPLES, SEED
from tests.fixtures.bad_inputs import bad_folder
from tests.store.test_sqlite import snapshot

pytestmark = pytest.mark.model

STORIES = [
    "date 2024-06-19\n\nRussian President Vladimir Putin and North Korean leader Kim Jong Un signed a "
    "Comprehensive Strategic Partnership treaty in Pyongyang on Wednesday, Russian state media reported.",
    "date 2024-08-07\n\nUkrainian forces crossed into Russia's Kursk region on Tuesday, the regional governor "
    "said, in the largest cross-border incursion since the start of the war.",
    "date 2023-02-07\n\nA magnitude 7.8 earthquake struck southern Turkey and northern Syria on Monday, "
    "killing more than 5,000 people, officials said.",
]


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(STORIES):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    records = [{"id": "wire-1", "text": "Protesters marched in Tbilisi on Sunday against a foreign agents bill, "
                "police said.", "published": "2024-05-12"}]  # fmt: skip
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return folder


def test_ingesting_twice_changes_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    store = open_store(str(tmp_path / "g.db"))
    first = ingest([str(corpus)], store, batch_size=2)
    assert first.stats.added == 4 and first.exit_status == 0
    before = snapshot(store)
    second = ingest([str(corpus)], store, batch_size=2)
    assert second.stats.added == 0 and second.unchanged_files == 4
    # a touched file is read again, and its articles are recognised as stored
    os.utime(corpus / "0.txt", ns=(1, 1))
    third = ingest([str(corpus)], store, batch_size=2)
    assert third.stats.added == 0 and third.stats.existing == 1
    after = snapshot(store)
    after["ingested_files"] = before["ingested_files"]
    assert after == before


def test_copies_are_linked_not_stored(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    (corpus / "copy.jsonl").write_text(
        json.dumps({"id": "copy-of-0", "text": STORIES[0].split("\n\n", 1)[1]}) + "\n"
    )
    store = open_store(str(tmp_path / "g.db"))
    report = ingest([str(corpus)], store)
    assert report.stats.added == 4 and report.stats.duplicates == 1
    assert store.counts()["duplicates"] == 1


def _articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_killed_ingest_resumes_to_the_same_database(tmp_path: Path) -> None:
    source = EXAMPLES if len(list(EXAMPLES.glob("*.txt"))) >= 10 else write_corpus(tmp_path / "in")
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    cmd = [
        sys.executable,
        "-m",
        "newsgraph",
        "ingest",
        str(source),
        "--workers",
        "1",
        "--batch-size",
        "1",
        "-q",
    ]
    subprocess.run([*cmd, "--db", str(clean_db)], check=True, capture_output=True)
    total = _articles(clean_db)
    assert total >= 3
    proc = subprocess.Popen(
        [*cmd, "--db", str(killed_db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while _articles(killed_db) < 1 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _articles(killed_db)
    assert 1 <= partial < total, "the kill should land halfway through the ingest"
    subprocess.run([*cmd, "--db", str(killed_db)], check=True, capture_output=True)
    clean, resumed = open_store(str(clean_db)), open_store(str(killed_db))
    assert snapshot(resumed) == snapshot(clean)


def test_seed_is_stored_with_its_date(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "g.db"))
    ingest([str(SEED)], store)
    (row,) = store.articles()
    assert row["published"] == "2025-06-05"
    stored = store.article(row["id"])
    assert stored is not None and stored["result"]["text"].startswith("North Korean leader")


def test_bad_inputs_never_stop_the_batch(tmp_path: Path) -> None:
    folder = bad_folder(tmp_path)
    store = open_store(str(tmp_path / "g.db"))
    report = ingest([str(folder)], store)
    assert report.exit_status == 3  # done, some inputs skipped
    assert sorted(code for code, _ in report.rejected) == ["NG101", "NG102", "NG103", "NG104", "NG109"]
    assert all(str(folder) in message for _, message in report.rejected)
    assert report.stats.added == 6
    assert {"NG120", "NG121", "NG122"} <= set(report.warnings)
    before = snapshot(store)
    again = ingest([str(folder)], store)
    assert again.stats.added == 0 and snapshot(store) == before
    assert len(again.rejected) == 4 and again.exit_status == 3  # files refused whole are reported again
