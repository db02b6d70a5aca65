"""The Store behaves the same on SQLite and PostgreSQL: every test here runs on both backends."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from newsgraph.errors import StoreError
from newsgraph.model import ArticleResult, Quantity
from newsgraph.store import FileDone, Store, open_store
from newsgraph.store.sql import TABLES
from tests.store.builders import comparable_rows, item, meeting


def test_a_new_store_is_empty_and_reopens(store_url: str) -> None:
    s = open_store(store_url)
    assert set(s.counts().values()) == {0}
    s.close()
    again = open_store(store_url)  # migrations already applied: nothing to do, nothing lost
    assert set(again.counts().values()) == {0}
    again.close()


def test_batch_round_trip(store: Store) -> None:
    a = meeting("a1", "2024-06-19")
    stats = store.add_batch([item(a)], [FileDone("in/a1.txt", 120, 1_700_000_000_123_456_789, 1)])
    assert (stats.added, stats.existing, stats.duplicates) == (1, 0, 0)
    assert store.known_ids(["a1", "nope"]) == {"a1"}
    assert store.file_done("in/a1.txt", 120, 1_700_000_000_123_456_789)  # nanoseconds need 64 bits
    assert not store.file_done("in/a1.txt", 121, 1_700_000_000_123_456_789)
    assert list(store.iter_results()) == [a]
    stored = store.article("a1")
    assert stored is not None and stored["result"]["text"] == a.text
    counts = store.counts()
    assert counts["articles"] == 1 and counts["entities"] == 4 and counts["events"] == 2
    assert counts["claims"] == 2 and counts["timexes"] == 1 and counts["quantities"] == 1
    assert counts["mentions"] == 6


def test_entities_join_across_articles(store: Store) -> None:
    store.add_batch([item(meeting("a1", "2024-06-19")), item(meeting("a2", "2024-07-02", place="Moscow"))])
    kim = store.find_entities("kim jong-un")
    assert [e["name"] for e in kim] == ["Kim Jong Un"]
    assert kim[0]["articles"] == 2 and kim[0]["mentions"] == 4
    assert [e["name"] for e in store.find_entities("Kim")] == ["Kim Jong Un"]  # by alias
    russia = store.find_entities("Russia")[0]
    assert '"iso": "RU"' in russia["kb"]
    entity = store.entity(int(kim[0]["id"]))
    assert entity is not None and entity["aliases"] == ["Kim", "Kim Jong Un"]
    places = {e["name"] for e in store.entities(type_="gpe")}
    assert places == {"Pyongyang", "Moscow", "Russia"}


def test_timeline_in_date_order_with_sentences(store: Store) -> None:
    store.add_batch([item(meeting("late", "2024-07-02", place="Moscow", when="2024-07-01"))])
    store.add_batch([item(meeting("early", "2024-06-19", when="2024-06-18"))])
    kim = int(store.find_entities("Kim Jong Un")[0]["id"])
    items = store.timeline(kim)
    assert [(i["kind"], i["article_id"]) for i in items] == [
        ("event", "early"), ("claim", "early"), ("event", "late"), ("claim", "late")
    ]  # fmt: skip
    assert items[0]["sentence"] == "Kim Jong Un met Sergei Shoigu in Pyongyang on Tuesday."
    assert items[0]["place_name"] == "Pyongyang" and items[0]["target_name"] == "Sergei Shoigu"
    assert items[1]["content_text"] == "We stand together" and items[1]["direct"] == 1
    assert store.timeline(kim, limit=1) == items[:1]


def test_claims_by_source(store: Store) -> None:
    store.add_batch([item(meeting("a1", "2024-06-19"))])
    rows = store.claims(source="Shoigu")
    assert [r["content_text"] for r in rows] == ["Russia would send 1,000 engineers"]
    assert rows[0]["hedges"] == ["would"] and rows[0]["source_name"] == "Sergei Shoigu"


def test_exact_and_near_duplicates_are_linked_not_stored(store: Store) -> None:
    a = meeting("a1", "2024-06-19", extra="Talks went on for hours in the capital.")
    copy = dataclasses.replace(a, id="copy", text=a.text.upper())  # same content hash
    near = meeting("near", "2024-06-19", extra="Talks went on for hours in the capital city.")
    stats = store.add_batch([item(a), item(copy), item(near), item(a)])
    assert (stats.added, stats.duplicates, stats.existing) == (1, 2, 1)
    assert {(d, of) for d, of, _ in stats.duplicate_links} == {("copy", "a1"), ("near", "a1")}
    assert store.known_ids(["copy", "near"]) == {"copy", "near"}
    assert store.counts()["articles"] == 1 and store.counts()["duplicates"] == 2
    article = store.article("a1")
    assert article is not None and [d["id"] for d in article["duplicates"]] == ["copy", "near"]


def test_a_failing_batch_leaves_nothing(store: Store) -> None:
    good = meeting("good", "2024-06-19")
    bad_q = Quantity(0, 3, "Kim", value=None, unit="x")  # type: ignore[arg-type]  # NOT NULL refuses it
    bad = dataclasses.replace(meeting("bad", "2024-06-20", place="Moscow"), quantities=(bad_q,))
    with pytest.raises(StoreError) as info:
        store.add_batch([item(good), item(bad)], [FileDone("in/x.jsonl", 10, 20, 2)])
    assert info.value.code == "NG303"
    assert set(store.counts().values()) == {0}
    assert not store.file_done("in/x.jsonl", 10, 20)
    stats = store.add_batch([item(good)])  # the store is usable after the rollback
    assert stats.added == 1


def test_search_with_a_percent_sign(store: Store) -> None:
    a = meeting("a1", "2024-06-19", extra="Turnout rose by 50% in the city.")
    store.add_batch([item(a)])
    assert [r["id"] for r in store.articles(q="50%")] == ["a1"]
    assert store.articles(q="60%") == []


def test_exports_are_streamed_in_a_stable_order(store: Store) -> None:
    batch = [item(meeting(f"a{i}", f"2024-06-{10 + i}", place=f"Town{i}")) for i in range(5)]
    store.add_batch(batch[::-1])
    for table in TABLES:
        names, rows = store.export_rows(table)
        streamed = list(rows)
        assert streamed == [tuple(r) for r in store.table_rows(table)]
        if table == "articles":
            assert [r[names.index("id")] for r in streamed] == [f"a{i}" for i in range(5)]


def test_ingested_files_are_updated_in_place(store: Store) -> None:
    store.add_batch([], [FileDone("in/f.jsonl", 10, 1, 3)])
    store.add_batch([], [FileDone("in/f.jsonl", 99, 2, 4)])
    rows = comparable_rows(store, "ingested_files")
    assert rows == [("in/f.jsonl", 99, 2, 4)]


def test_concurrent_writers_keep_one_entity_per_key(store_url: str) -> None:
    """Two programs writing at once (threads with their own connections) leave a consistent store."""
    open_store(store_url).close()  # migrate once
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        s = open_store(store_url)
        try:
            for i in range(6):
                s.add_batch([item(meeting(f"{prefix}{i}", "2024-06-19", place=f"{prefix}town{i}"))])
        except BaseException as exc:
            errors.append(exc)
        finally:
            s.close()

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("x", "y")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    s = open_store(store_url)
    kim = s.find_entities("Kim Jong Un")
    assert len(kim) == 1 and kim[0]["articles"] == 12
    assert s.counts()["articles"] == 12
    s.close()


def test_same_rows_on_both_backends(pg_url: str, tmp_path: object) -> None:
    """The same batches give the same rows, ids included, in the same order on SQLite and PostgreSQL."""
    from pathlib import Path

    results: list[ArticleResult] = [
        meeting("a1", "2024-06-19"),
        meeting("a2", "2024-07-02", place="Moscow"),
        meeting("a3", "2024-07-03", place="Vladivostok", extra="Prices fell 12.5% since May."),
    ]
    stores = [open_store(str(Path(str(tmp_path)) / "same.db")), open_store(pg_url)]
    try:
        for s in stores:
            s.add_batch([item(r) for r in results[:2]], [FileDone("in/a.jsonl", 5, 7, 2)])
            s.add_batch([item(results[2])])
        for table in TABLES:
            lite, pg = (comparable_rows(s, table) for s in stores)
            assert lite == pg, table
    finally:
        for s in stores:
            s.close()


def test_newer_schema_is_refused(store_url: str) -> None:
    s = open_store(store_url)
    if store_url.startswith("postgresql"):
        s.conn.execute("INSERT INTO newsgraph_schema (version) VALUES (999)")  # type: ignore[attr-defined]
    else:
        s.conn.execute("PRAGMA user_version = 999")  # type: ignore[attr-defined]
    s.close()
    with pytest.raises(StoreError) as info:
        open_store(store_url)
    assert info.value.code == "NG301"


def test_timeline_takes_the_first_items_by_date_across_roles(store: Store) -> None:
    """On many articles with shared entities, the limited timeline is the head of the full ordering."""
    import hashlib

    import numpy as np

    from newsgraph.bench.store_p95 import synthetic_results
    from newsgraph.store import StoreItem

    rng = np.random.default_rng(5)
    results = list(synthetic_results(60, entities=12))
    store.add_batch(
        [StoreItem(r, hashlib.sha256(r.text.encode()).hexdigest(), rng.integers(0, 2**63, 128, dtype=np.uint64))
         for r in results]
    )  # fmt: skip
    names = {row[0]: row[2] for row in store.table_rows("entities")}
    for eid, name in list(names.items())[:6]:
        local = {e.id for r in results for e in r.entities if e.name == name}
        expected = []
        for r in results:
            ids = {e.id: e.name for e in r.entities}
            for i, e in enumerate(r.events):
                if name in (ids.get(e.actor or ""), ids.get(e.target or ""), ids.get(e.place or "")):
                    expected.append((e.time.value if e.time else "", r.id, "event", i))
            for i, c in enumerate(r.claims):
                if c.source and c.source.entity in local and ids.get(c.source.entity) == name:
                    expected.append((r.published or "", r.id, "claim", i))
        expected.sort()
        for limit in (5, 500):
            got = [
                (t["date_sort"], t["article_id"], t["kind"], t["idx"])
                for t in store.timeline(eid, limit=limit)
            ]
            assert got == expected[:limit], (name, limit)
