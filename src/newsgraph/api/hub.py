"""How the server reaches the store and the pipeline from many threads.

Read endpoints run in the server's thread pool; each thread gets its own
read-only connection, so readers never share a cursor or a transaction. Writes
(``POST /articles``) go through one writable connection under a lock: the store
allows one writer. The spaCy pipeline is loaded on the first write and used by
one request at a time.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.errors import StoreError
from newsgraph.store import BatchStats, Store, StoreItem, open_store

if TYPE_CHECKING:
    from spacy.language import Language

    from newsgraph.model import Article, ArticleResult

__all__ = ["Extractor", "StoreHub"]


def _is_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


class StoreHub:
    """Per-thread read-only stores and one writer."""

    def __init__(self, db: str, *, writable: bool, near_dup_threshold: float = 0.85) -> None:
        self.db = db
        self.writable = writable
        self._threshold = near_dup_threshold
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Store] = []
        self._writer: Store | None = None
        if not _is_url(db) and not writable and not Path(db).is_file():
            raise StoreError(
                f"no database at {db}: ingest articles first (newsgraph ingest PATH --db {db})", code="NG302"
            )
        if writable:
            self._writer = open_store(db, near_dup_threshold=near_dup_threshold)
            self._opened.append(self._writer)
        self.reader()  # fail now, not on the first request, when the store cannot be read

    def reader(self) -> Store:
        """This thread's read-only store."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db, near_dup_threshold=self._threshold, readonly=True)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        return self.reader().known_ids(ids)

    def add(self, items: Sequence[StoreItem]) -> BatchStats:
        if self._writer is None:
            raise StoreError("the server is read-only", code="NG303")
        with self._lock:
            return self._writer.add_batch(items)

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                with contextlib.suppress(Exception):  # at shutdown a connection already gone is fine
                    store.close()
            self._opened.clear()


class Extractor:
    """The pipeline, loaded once on first use; one extraction at a time."""

    def __init__(self, model: str = "", nlp: Language | None = None) -> None:
        self.model = model
        self._nlp = nlp
        self._lock = threading.Lock()

    def __call__(self, articles: list[Article]) -> list[ArticleResult]:
        from newsgraph.extract import extract_many
        from newsgraph.nlp import build_pipeline

        with self._lock:
            if self._nlp is None:
                self._nlp = build_pipeline(self.model)
            return list(extract_many(articles, workers=1, nlp=self._nlp))
