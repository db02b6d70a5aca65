"""Storage: the Store protocol and its backends. ``open_store(url)`` picks one by the URL."""

from __future__ import annotations

from newsgraph.store.base import BatchStats, FileDone, Store, StoreItem

__all__ = ["BatchStats", "FileDone", "Store", "StoreItem", "open_store"]


def open_store(db: str, *, near_dup_threshold: float = 0.85, readonly: bool = False) -> Store:
    """Open (and migrate) the store at ``db``: a SQLite path, or a ``postgresql://`` URL."""
    if db.startswith(("postgresql://", "postgres://")):
        from newsgraph.store.postgres import PostgresStore

        return PostgresStore(db, near_dup_threshold=near_dup_threshold, readonly=readonly)
    from newsgraph.store.sqlite import SQLiteStore

    return SQLiteStore(db, near_dup_threshold=near_dup_threshold, readonly=readonly)
