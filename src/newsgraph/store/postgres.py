"""The PostgreSQL store, for teams: the portable SQL of :class:`SQLStore` over psycopg 3.

Open it with ``open_store("postgresql://user@host:port/dbname")`` (or ``--db`` on the
command line). The schema is migrated on open, under an advisory lock, so several
programs may open the same database at once. Writers take a transaction-level
advisory lock per batch: batches from concurrent ingests are serialised (as
SQLite serialises its writers), so duplicate detection and entity resolution see
every committed article. Readers are not blocked. Large reads (``iter_results``,
``export_rows``) stream through a server-side cursor on their own connection.

Needs the ``postgres`` extra: ``pip install 'newsgraph[postgres]'``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from newsgraph.errors import StoreError
from newsgraph.model import ArticleResult, result_from_dict
from newsgraph.store.base import Store
from newsgraph.store.sql import TABLES, SQLStore

__all__ = ["PostgresStore"]

# pg_advisory(_xact)_lock keys: "newsgraph" in ASCII, and one more for migrations
WRITE_LOCK = 0x6E657773
MIGRATE_LOCK = 0x6E657774

_cursor_names = itertools.count()


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError("PostgreSQL needs psycopg: pip install 'newsgraph[postgres]'", code="NG302") from exc
    return psycopg


class PostgresStore(SQLStore):
    dialect = "postgres"
    placeholder = "%s"

    def __init__(self, url: str, *, near_dup_threshold: float = 0.85, readonly: bool = False) -> None:
        psycopg = _psycopg()
        self.url = url
        self.near_dup_threshold = near_dup_threshold
        self.readonly = readonly
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open {_redact(url)}: {exc}".strip(), code="NG302") from exc
        try:
            if readonly:
                self.conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            else:
                self.migrate()
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(f"cannot prepare {_redact(url)}: {exc}", code="NG302") from exc

    # -- dialect hooks -----------------------------------------------------------

    def _sql(self, statement: str) -> str:
        # psycopg reads % as the start of a placeholder: double literal ones first
        return statement.replace("%", "%%").replace("?", "%s")

    def _begin(self) -> None:
        self.conn.execute("BEGIN")
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        from psycopg.pq import TransactionStatus

        if self.conn.info.transaction_status != TransactionStatus.IDLE:
            self.conn.execute("ROLLBACK")

    def _upsert_entity(self, key: str, name: str, type_: str, kb: str | None, mentions: int) -> int:
        # Update first, insert only when new: PostgreSQL's INSERT .. ON CONFLICT draws an id from the
        # sequence even when it updates, which would leave gaps. Writers hold WRITE_LOCK, so no other
        # program can insert the key in between; ids come out as in SQLite.
        row = self._execute(
            "UPDATE entities SET mentions = mentions + ?, articles = articles + 1, kb = COALESCE(kb, ?)"
            " WHERE key = ? RETURNING id",
            (mentions, kb, key),
        ).fetchone()
        if row is not None:
            return int(row[0])
        cur = self._execute(
            "INSERT INTO entities (key, name, type, kb, mentions, articles) VALUES (?, ?, ?, ?, ?, 1) RETURNING id",
            (key, name, type_, kb, mentions),
        )
        return int(cur.fetchone()[0])

    # -- schema ------------------------------------------------------------------

    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_name = 'newsgraph_schema'"
        ).fetchone()
        if row is None:
            return 0
        version = self.conn.execute("SELECT max(version) FROM newsgraph_schema").fetchone()[0]
        return int(version or 0)

    def migrate(self) -> None:
        """Apply the migrations this database lacks, in one transaction each, one program at a time."""
        shipped = self.migrations()
        latest = shipped[-1][0] if shipped else 0
        self.conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATE_LOCK,))
        try:
            current = self.schema_version()
            if current > latest:
                raise StoreError(
                    f"{_redact(self.url)} has schema {current}, newer than this program's {latest}:"
                    " upgrade newsgraph",
                    code="NG301",
                )
            for version, script in shipped:
                if version <= current:
                    continue
                with self.conn.transaction():
                    self.conn.execute(
                        "CREATE TABLE IF NOT EXISTS newsgraph_schema"
                        " (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
                    )
                    self.conn.execute(script.encode("utf-8"))  # no parameters: several statements at once
                    self.conn.execute("INSERT INTO newsgraph_schema (version) VALUES (%s)", (version,))
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATE_LOCK,))

    # -- streaming reads -------------------------------------------------------------

    def _stream(self, statement: str, size: int = 500) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """Column names and rows of a query, fetched ``size`` at a time from a server-side cursor."""
        psycopg = _psycopg()
        conn = psycopg.connect(self.url)
        try:
            conn.read_only = True
            cur = conn.cursor(name=f"ng_stream_{next(_cursor_names)}")
            cur.execute(self._sql(statement))
            names = [d[0] for d in cur.description]
        except BaseException:
            conn.close()
            raise

        def rows() -> Iterator[tuple[Any, ...]]:
            try:
                while batch := cur.fetchmany(size):
                    yield from (tuple(r) for r in batch)
            finally:
                conn.close()

        return names, rows()

    def iter_results(self) -> Iterator[ArticleResult]:
        _, rows = self._stream("SELECT result FROM articles ORDER BY published, id", size=200)
        for (blob,) in rows:
            yield result_from_dict(json.loads(blob))

    def export_rows(self, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        if table not in TABLES:
            raise KeyError(table)
        return self._stream(f"SELECT * FROM {table} ORDER BY {TABLES[table]}")

    def copy_from(
        self, source: Store, *, progress: Callable[[str, int], None] | None = None
    ) -> dict[str, int]:
        """Copy every row of another store (e.g. a SQLite file) into this empty one, ids and all.

        One transaction, with COPY: a SQLite store moves to PostgreSQL as it is, much
        faster than ingesting its articles again. Returns the rows copied per table.
        """
        if any(self.counts().values()):
            raise StoreError(f"{_redact(self.url)} is not empty: copy into a new database", code="NG303")
        copied: dict[str, int] = {}
        try:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                for table in TABLES:
                    names, rows = source.export_rows(table)
                    columns = ", ".join(f'"{n}"' for n in names)
                    n = 0
                    with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                            n += 1
                    copied[table] = n
                    if progress:
                        progress(table, n)
                identities = self.conn.execute(
                    "SELECT table_name, column_name FROM information_schema.columns"
                    " WHERE table_schema = current_schema() AND is_identity = 'YES'"
                ).fetchall()
                for table, column in identities:  # each id sequence goes on after the copied ids
                    self.conn.execute(
                        f'SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(max("{column}"), 0) + 1, false)'
                        f' FROM "{table}"',
                        (table, column),
                    )
        except _psycopg().Error as exc:
            raise StoreError(f"copy into {_redact(self.url)} rolled back: {exc}", code="NG303") from exc
        self.conn.execute("ANALYZE")  # the planner's statistics for the tables just filled
        return copied

    def _executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(statement), [tuple(r) for r in rows])

    def close(self) -> None:
        self.conn.close()


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = url.partition("@")
    if not sep or "://" not in head:
        return url
    scheme, _, userinfo = head.partition("://")
    return f"{scheme}://{userinfo.split(':', 1)[0]}@{tail}"
