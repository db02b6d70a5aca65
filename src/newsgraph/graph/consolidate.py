"""Consolidating the store into a graph, one batch of new articles at a time.

:func:`consolidate` runs inside the store's transaction for each batch, after
the batch's articles are written: it resolves their new entities (merging
variants of one entity), places their events in event nodes, and files their
figures in the ledger. Each step looks only at the new rows and at candidates
found through indexes, so the cost per article stays flat as the store grows.
:func:`merge_entities` and :func:`undo_merge` let a user correct the graph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsgraph.graph import docsim, entities, events, ledger
from newsgraph.graph.db import GraphDB, marks

__all__ = ["GraphStats", "consolidate", "merge_entities", "pending", "undo_merge"]


@dataclass
class GraphStats:
    entity_merges: int = 0
    events_joined: int = 0  # event reports placed in an existing node
    figures: int = 0  # figures filed in the ledger


def _apply_merge(db: GraphDB, decision: entities.Decision, made_by: str = "auto") -> int:
    merge_id = entities.merge(db, decision, made_by=made_by)
    events.rekey_entity(db, decision.absorbed, decision.into)
    ledger.rekey_entity(db, decision.absorbed, decision.into)
    return merge_id


def consolidate(db: GraphDB, article_ids: list[str]) -> GraphStats:
    """Bring the graph up to date with these newly stored articles (in the caller's transaction)."""
    stats = GraphStats()
    for decision in entities.resolve_new(db, article_ids):
        events.rekey_entity(db, decision.absorbed, decision.into)
        ledger.rekey_entity(db, decision.absorbed, decision.into)
        stats.entity_merges += 1
    db.sql_execute(
        "INSERT INTO entity_roles (entity_id, article_id, local_id, published, roles)"
        " SELECT ae.entity_id, ae.article_id, ae.local_id, a.published, ae.roles FROM article_entities ae"
        f" JOIN articles a ON a.id = ae.article_id WHERE ae.article_id IN ({marks(len(article_ids))})"
        " AND ae.roles != '[]' ON CONFLICT DO NOTHING",
        article_ids,
    )
    _count(db, article_ids)
    profiles = docsim.Profiles(db)
    profiles.add_articles(article_ids)
    stats.events_joined = events.add_articles(db, article_ids, profiles)
    stats.figures = ledger.add_articles(db, article_ids)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    db.sql_executemany(
        "INSERT INTO graph_articles (article_id, consolidated_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(a, now) for a in article_ids],
    )
    return stats


def _count(db: GraphDB, article_ids: list[str]) -> None:
    """Add these articles' event reports and claims to the counts of the entities they name."""
    counts: dict[int, list[int]] = {}
    m = marks(len(article_ids))
    for r in db.sql_rows(f"SELECT actor, target, place FROM events WHERE article_id IN ({m})", article_ids):
        for e in {r["actor"], r["target"], r["place"]} - {None}:
            counts.setdefault(int(e), [0, 0])[0] += 1
    for r in db.sql_rows(
        f"SELECT source_entity FROM claims WHERE article_id IN ({m}) AND source_entity IS NOT NULL",
        article_ids,
    ):
        counts.setdefault(int(r["source_entity"]), [0, 0])[1] += 1
    db.sql_executemany(
        "INSERT INTO entity_counts (entity_id, events, claims) VALUES (?, ?, ?) ON CONFLICT (entity_id)"
        " DO UPDATE SET events = entity_counts.events + excluded.events, claims = entity_counts.claims + excluded.claims",
        [(e, n[0], n[1]) for e, n in sorted(counts.items())],
    )


def pending(db: GraphDB, limit: int = 500) -> list[str]:
    """Stored articles the graph has not taken in yet (stored before the graph existed), oldest first."""
    rows = db.sql_rows(
        "SELECT a.id FROM articles a LEFT JOIN graph_articles g ON g.article_id = a.id"
        " WHERE g.article_id IS NULL ORDER BY a.published, a.id LIMIT ?",
        (limit,),
    )
    return [r["id"] for r in rows]


def merge_entities(db: GraphDB, keep: int, absorb: int, *, note: str = "") -> int | None:
    """Merge two entities by hand (the user's word is the evidence); returns the merge id, None if already one."""
    a, b = entities.canon_of(db, keep), entities.canon_of(db, absorb)
    if a == b:
        return None
    decision = entities.Decision(absorbed=b, into=a, rule="by hand", score=1.0, evidence={"note": note})
    return _apply_merge(db, decision, made_by="user")


def undo_merge(db: GraphDB, merge_id: int) -> dict[int, int]:
    """Undo one entity merge (automatic or by hand); returns {entity id: its canonical id now} for those that moved."""
    rows = db.sql_rows("SELECT entity_id, into_id FROM entity_merges WHERE id = ?", (merge_id,))
    if not rows:
        return {}
    root = entities.canon_of(db, int(rows[0]["into_id"]))
    changed = entities.unmerge(db, merge_id)
    if changed:
        events.split_entities(db, sorted(changed))
        events.rebuild_participants(db, [root, *sorted(set(changed.values()))])
        ledger.split_entity(db, root, changed)
    return changed
