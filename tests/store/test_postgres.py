"""What is particular to the PostgreSQL backend: connecting, migrating, read-only use, streaming."""

from __future__ import annotations

import pytest

from newsgraph.errors import StoreError
from newsgraph.store import open_store
from newsgraph.store.postgres import PostgresStore, _redact
from tests.store.builders import comparable_rows, item, meeting


def test_password_is_kept_out_of_messages() -> None:
    assert _redact("postgresql://ann:s3cret@db.example:5432/news") == "postgresql://ann@db.example:5432/news"
    assert _redact("postgresql:///news") == "postgresql:///news"


def test_unreachable_server_is_a_coded_error() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://nobody:pw@127.0.0.1:1/none?connect_timeout=2")
    assert info.value.code == "NG302"
    assert "pw" not in str(info.value)


def test_schema_version_is_recorded(pg_url: str) -> None:
    s = open_store(pg_url)
    assert isinstance(s, PostgresStore)
    latest = s.migrations()[-1][0]
    assert s.schema_version() == latest
    s.migrate()  # a second run applies nothing and fails on nothing
    assert s.conn.execute("SELECT count(*) FROM newsgraph_schema").fetchone()[0] == latest
    s.close()


def test_read_only_store_refuses_writes(pg_url: str) -> None:
    open_store(pg_url).close()
    s = open_store(pg_url, readonly=True)
    with pytest.raises(StoreError) as info:
        s.add_batch([item(meeting("a1", "2024-06-19"))])
    assert info.value.code == "NG303"
    assert s.counts()["articles"] == 0
    s.close()


def test_results_stream_in_order_while_the_store_is_written(pg_url: str) -> None:
    s = open_store(pg_url)
    s.add_batch([item(meeting(f"a{i:03d}", f"2024-{1 + i % 12:02d}-10", place=f"T{i}")) for i in range(60)])
    stream = s.iter_results()
    first = next(stream)
    s.add_batch([item(meeting("z", "2025-01-01", place="Late"))])  # the stream reads its own snapshot
    rest = list(stream)
    got = [first, *rest]
    assert len(got) == 60
    assert [(r.published, r.id) for r in got] == sorted((r.published or "", r.id) for r in got)
    s.close()


def test_a_sqlite_store_moves_to_postgres_whole(pg_url: str, tmp_path: object) -> None:
    from pathlib import Path

    from newsgraph.store.sql import TABLES

    lite = open_store(str(Path(str(tmp_path)) / "lite.db"))
    lite.add_batch([item(meeting(f"a{i}", f"2024-06-1{i}", place=f"Town{i}")) for i in range(6)])
    pg = open_store(pg_url)
    assert isinstance(pg, PostgresStore)
    copied = pg.copy_from(lite)
    assert copied["articles"] == 6 and copied["entities"] == lite.counts()["entities"]
    for table in TABLES:
        assert pg.table_rows(table) == [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r)
                                        for r in lite.table_rows(table)], table  # fmt: skip
    # the id sequence goes on after the copied ids; the copy is a working store
    pg.add_batch([item(meeting("new", "2024-07-01", place="Elsewhere"))])
    last = comparable_rows(pg, "entities")[-1]
    assert last[1] == "GPE:elsewhere" and last[0] == lite.counts()["entities"] + 1
    with pytest.raises(StoreError):
        pg.copy_from(lite)  # only into an empty store
    lite.close()
    pg.close()
