"""The graph tables in the SQLite store: migration, one transaction with the batch, catching up old stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.errors import StoreError
from newsgraph.graph import consolidate
from newsgraph.store.sqlite import SQLiteStore, _statements
from tests.graph.worlds import item, treaty


def test_migration_adds_the_graph_tables(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    assert store.schema_version() == 3
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"entity_canon", "entity_merges", "event_groups", "event_members", "ledger_groups",
            "ledger_entries", "ledger_conflicts", "graph_articles"} <= tables  # fmt: skip


def test_a_store_from_schema_1_is_migrated_and_caught_up(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = SQLiteStore(path)  # build a schema-1 store by hand: 0001 only, articles stored without the graph
    old.close()
    path.unlink()
    conn = sqlite3.connect(path, isolation_level=None)
    first = SQLiteStore.migrations(old)[0][1]  # type: ignore[arg-type]
    for statement in _statements(first):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.close()

    store = SQLiteStore(path)
    assert store.schema_version() == 3
    original = consolidate.consolidate
    try:
        consolidate.consolidate = lambda db, ids: consolidate.GraphStats()  # type: ignore[assignment]
        store.add_batch([item(r) for r in treaty()])
    finally:
        consolidate.consolidate = original  # type: ignore[assignment]
    assert store.table_rows("event_groups") == []
    assert consolidate.pending(store) == ["t4", "t1", "t2", "t3"]
    assert store.consolidate_pending() == 4
    assert consolidate.pending(store) == []
    assert len(store.table_rows("event_groups")) == 2
    assert store.consolidate_pending() == 0  # nothing left, nothing placed twice
    assert len(store.table_rows("event_members")) == 4


def test_graph_failure_rolls_back_the_whole_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    store.add_batch([item(treaty()[0])])

    def broken(db: object, ids: list[str]) -> None:
        raise RuntimeError("graph failed")

    monkeypatch.setattr(consolidate, "consolidate", broken)
    with pytest.raises(StoreError):
        store.add_batch([item(r) for r in treaty()[1:]])
    assert [r[0] for r in store.table_rows("articles")] == ["t1"]
    assert len(store.table_rows("event_members")) == 1


def test_batch_stats_report_the_graph(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    stats = store.add_batch([item(r) for r in treaty()])
    assert stats.events_joined == 2 and stats.graph_seconds > 0
