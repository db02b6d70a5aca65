"""The SQLite store: one file, WAL journal, one writer, one transaction per batch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsgraph.errors import StoreError
from newsgraph.store.sql import SQLStore

__all__ = ["SQLiteStore"]


class SQLiteStore(SQLStore):
    dialect = "sqlite"
    placeholder = "?"

    def __init__(self, path: str | Path, *, near_dup_threshold: float = 0.85, readonly: bool = False) -> None:
        self.path = str(path)
        self.near_dup_threshold = near_dup_threshold
        try:
            if readonly:
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 10000")
            if readonly:
                self._check_current()
            else:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}", code="NG302") from exc

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _check_current(self) -> None:
        """A read-only store cannot migrate itself: say how to upgrade an older one."""
        current, latest = self.schema_version(), self.migrations()[-1][0]
        if current < latest:
            raise StoreError(
                f"{self.path} has schema {current}, older than this program's {latest}: "
                f"run `newsgraph consolidate --db {self.path}` once to upgrade it",
                code="NG304",
            )
        if current > latest:
            raise StoreError(
                f"{self.path} has schema {current}, newer than this program's {latest}: upgrade newsgraph",
                code="NG301",
            )

    def migrate(self) -> None:
        """Apply the migrations this database lacks, each in its own transaction."""
        current = self.schema_version()
        shipped = self.migrations()
        latest = shipped[-1][0] if shipped else 0
        if current > latest:
            raise StoreError(
                f"{self.path} has schema {current}, newer than this program's {latest}: upgrade newsgraph",
                code="NG301",
            )
        for version, script in shipped:
            if version <= current:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(script):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {int(version)}")
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                self.conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.conn.close()


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (our scripts hold no semicolons inside literals)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
