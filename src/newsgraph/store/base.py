"""The Store protocol every backend implements, and the pure helpers they share."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from newsgraph.model import ArticleResult

__all__ = ["BatchStats", "FileDone", "Store", "StoreItem", "entity_key", "norm_name"]


@dataclass(frozen=True)
class StoreItem:
    """One extracted article on its way into the store, with its MinHash signature."""

    result: ArticleResult
    content_hash: str
    signature: np.ndarray
    origin: str | None = None


@dataclass(frozen=True)
class FileDone:
    """Marks an input file as read to the end; stored in the same transaction as its last articles."""

    path: str
    size: int
    mtime_ns: int
    articles: int


@dataclass
class BatchStats:
    added: int = 0
    existing: int = 0  # same id already stored (or already linked as a duplicate)
    duplicates: int = 0  # linked to a stored article: exact copy under another id, or near-duplicate
    duplicate_links: list[tuple[str, str, float]] = field(default_factory=list)
    # the graph update of the batch (newsgraph.graph)
    graph_seconds: float = 0.0
    entity_merges: int = 0
    events_joined: int = 0

    def merge(self, other: BatchStats) -> None:
        self.added += other.added
        self.existing += other.existing
        self.duplicates += other.duplicates
        self.duplicate_links.extend(other.duplicate_links)
        self.graph_seconds += other.graph_seconds
        self.entity_merges += other.entity_merges
        self.events_joined += other.events_joined


def norm_name(name: str) -> str:
    """Casefolded, accents stripped, punctuation and spaces collapsed: for matching names."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", stripped.casefold()).strip()


def entity_key(name: str, type_: str, kb: dict[str, str] | None) -> str:
    """The identity under which an article's entity joins the stored ones."""
    if kb:
        for ref in ("wikidata", "iso"):
            if kb.get(ref):
                return f"{type_}:{ref}:{kb[ref]}"
    return f"{type_}:{norm_name(name)}"


class Store(Protocol):
    """What the CLI, the API and the graph need from a database. SQLite and PostgreSQL implement it."""

    def add_batch(self, items: Sequence[StoreItem], files: Sequence[FileDone] = ()) -> BatchStats:
        """Store a batch in one transaction: all of it or, on error, none of it."""
        ...

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` already stored or linked as duplicates."""
        ...

    def file_done(self, path: str, size: int, mtime_ns: int) -> bool:
        """True when this file, unchanged, was already read to the end."""
        ...

    def counts(self) -> dict[str, int]: ...

    def articles(self, *, q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]: ...

    def article(self, article_id: str) -> dict[str, Any] | None: ...

    def entities(
        self, *, type_: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]: ...

    def find_entities(self, name: str, limit: int = 10) -> list[dict[str, Any]]:
        """Entities whose name or an alias matches ``name`` (exactly, after normalising), best first."""
        ...

    def entity(self, entity_id: int) -> dict[str, Any] | None: ...

    def timeline(self, entity_id: int, *, limit: int = 500) -> list[dict[str, Any]]:
        """Events and claims involving the entity, in date order, each with its source sentence."""
        ...

    def claims(
        self, *, source: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]: ...

    def iter_results(self) -> Iterator[ArticleResult]: ...

    def export_rows(self, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """Column names and every row of a table, streamed in a stable order."""
        ...

    def table_rows(self, table: str) -> list[tuple[Any, ...]]:
        """Every row of a table in a stable order (for tests and exports)."""
        ...

    # -- the graph across articles (newsgraph.graph) --------------------------------------

    def consolidate_pending(self, batch: int = 500) -> int:
        """Take into the graph the stored articles it lacks; returns how many."""
        ...

    def merge_entities(self, keep: int, absorb: int, note: str = "") -> int | None:
        """Merge two entities by hand; returns the merge id (None when they are one already)."""
        ...

    def undo_merge(self, merge_id: int) -> dict[int, int]:
        """Undo a merge; returns {entity id: its canonical entity now} for the entities that moved."""
        ...

    def graph_entity(self, entity_id: int) -> dict[str, Any] | None:
        """A canonical entity: aliases, merges with evidence, roles over time, co-occurring entities, events."""
        ...

    def graph_event(self, group_id: int) -> dict[str, Any] | None:
        """A merged event node with every report: article, sentence, source, the date each gave."""
        ...

    def graph_timeline(self, entity_id: int, *, limit: int = 500) -> list[dict[str, Any]]:
        """Merged events involving the (canonical) entity, in date order."""
        ...

    def graph_timeline_page(
        self,
        entity_id: int,
        *,
        limit: int = 50,
        since: str | None = None,
        until: str | None = None,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        """The newest merged events and claims of the entity in a date window, one page at a time:
        ``{"items", "next_cursor", "events", "claims"}`` (pass ``next_cursor`` back for the page before)."""
        ...

    def ledger(self, *, about: int | None = None, limit: int = 50) -> dict[str, Any]:
        """Figures grouped by topic and subject with conflicts, and contested (denied) events."""
        ...

    def event_rows(self) -> Iterator[dict[str, Any]]:
        """One row per merged event for event-data exports."""
        ...

    def close(self) -> None: ...
