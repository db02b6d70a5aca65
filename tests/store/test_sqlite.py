from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.errors import StoreError
from newsgraph.ingest.dedup import signature
from newsgraph.model import ArticleResult
from newsgraph.store import FileDone, Store, StoreItem, open_store
from newsgraph.store.sql import TABLES
from tests.store.factories import item, result


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in a stable order, without the wall-clock columns (``*_at``)."""
    out = {}
    for table in TABLES:
        names, rows = store.export_rows(table)
        keep = [i for i, name in enumerate(names) if not name.endswith("_at")]
        out[table] = [tuple(row[i] for i in keep) for row in rows]
    return out


def test_batch_is_stored_with_every_part(store: Store) -> None:
    stats = store.add_batch([item(result("a1")), item(result("a2"))])
    assert (stats.added, stats.existing, stats.duplicates) == (2, 0, 0)
    counts = store.counts()
    assert counts["articles"] == 2 and counts["events"] == 4 and counts["claims"] == 2
    assert counts["entities"] == 4  # the same four entities, resolved across both articles
    assert counts["mentions"] == 10 and counts["timexes"] == 4 and counts["quantities"] == 2
    shoigu = store.find_entities("shoigu")[0]
    assert shoigu["name"] == "Sergei Shoigu" and shoigu["articles"] == 2
    detail = store.entity(shoigu["id"])
    assert detail is not None and "Shoigu" in detail["aliases"] and detail["roles"][0]["title"] == "Secretary"


def test_same_article_twice_is_stored_once(store: Store) -> None:
    store.add_batch([item(result("a1"))])
    before = snapshot(store)
    stats = store.add_batch([item(result("a1"))])
    assert (stats.added, stats.existing) == (0, 1)
    assert snapshot(store) == before
    assert store.known_ids(["a1", "zz"]) == {"a1"}


def test_exact_copy_under_another_id_is_linked(store: Store) -> None:
    r = result("a1")
    store.add_batch([item(r)])
    copy = ArticleResult(id="other", text=r.text, published=r.published)
    stats = store.add_batch([item(copy)])
    assert stats.duplicates == 1 and stats.duplicate_links == [("other", "a1", 1.0)]
    assert store.counts()["articles"] == 1
    assert store.known_ids(["other"]) == {"other"}
    row = store.article("a1")
    assert row is not None and row["duplicates"][0]["id"] == "other"


def test_near_duplicate_is_linked_not_stored(store: Store) -> None:
    r = result("a1")
    store.add_batch([item(r)])
    near = result("a2", text=r.text + " Officials did not comment further on the visit.")
    stats = store.add_batch([item(near)])
    assert stats.duplicates == 1 and stats.duplicate_links[0][1] == "a1"
    assert 0.85 <= stats.duplicate_links[0][2] < 1.0
    assert store.counts()["events"] == 2  # nothing of the duplicate's extraction


def test_failed_batch_leaves_nothing(store: Store) -> None:
    broken = ArticleResult(id="bad", text=None, published=None)  # type: ignore[arg-type]  # NOT NULL text
    with pytest.raises(StoreError):
        store.add_batch([item(result("ok")), StoreItem(broken, "hash", signature("x"), None)])
    assert store.counts()["articles"] == 0 and store.counts()["entities"] == 0


def test_timeline_is_in_event_order_with_sentences(store: Store) -> None:
    store.add_batch([item(result("a1"))])
    shoigu = store.find_entities("Sergei Shoigu")[0]["id"]
    items = store.timeline(shoigu)
    assert [i["kind"] for i in items] == ["event", "event", "claim"]
    assert [i["date_sort"] for i in items] == ["2024-06-25", "2025-06-04", "2025-06-05"]
    assert items[0]["sentence"] == "The ICC issued a warrant for Shoigu on June 25, 2024."
    assert items[2]["cue_text"] == "said"


def test_claims_by_source(store: Store) -> None:
    store.add_batch([item(result("a1"))])
    (claim,) = store.claims(source="Shoigu")
    assert (
        claim["source_name"] == "Sergei Shoigu"
        and claim["content_text"] == "up to 12,000 troops were deployed"
    )
    assert store.claims(source="Nobody At All") == []


def test_file_progress_is_recorded(store: Store) -> None:
    store.add_batch([item(result("a1"))], [FileDone("/x/a.txt", 10, 123, 1)])
    assert store.file_done("/x/a.txt", 10, 123)
    assert not store.file_done("/x/a.txt", 11, 123)


def test_iter_results_round_trips(store: Store) -> None:
    r = result("a1")
    store.add_batch([item(r)])
    assert list(store.iter_results()) == [r]


def test_schema_migrations_and_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    open_store(str(path)).close()
    conn = sqlite3.connect(path)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    assert version >= 1
    conn.execute(f"PRAGMA user_version = {version + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as info:
        open_store(str(path))
    assert info.value.code == "NG301"


def test_read_only_open_does_not_write(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    s = open_store(str(path))
    s.add_batch([item(result("a1"))])
    s.close()
    ro = open_store(str(path), readonly=True)
    assert ro.counts()["articles"] == 1
    with pytest.raises(StoreError):
        ro.add_batch([item(result("a2"))])
