"""Entity resolution across articles: variant names of one entity become one canonical entity.

The store already joins an article's entity to a stored one with the same key
(type + knowledge-base id, or type + normalised name). This module merges the
stored entities that the key keeps apart: "Zelensky", "Zelenskyy",
"President Volodymyr Zelensky"; "Russian Security Council" and "Security
Council of Russia". A merge needs compatible names (see :mod:`.names`) and, when
the names alone are ambiguous (a surname alone, an acronym), shared context:
co-occurring entities and role titles. Two persons whose given names differ
are never merged.

Every merge is a row of ``entity_merges`` with its rule and evidence; merges
form a forest (each entity joins at most one other while it is canonical), so
undoing one merge splits exactly what it joined.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsgraph.graph.db import GraphDB, marks
from newsgraph.graph.names import (
    block_keys,
    demonym_place,
    name_tokens,
    org_names_match,
    person_match,
    place_names_match,
    type_group,
)

__all__ = [
    "Decision",
    "Profile",
    "canon_of",
    "choose",
    "compare",
    "members_of",
    "merge",
    "profile",
    "resolve_new",
    "unmerge",
]

CANDIDATES = 40  # most candidate clusters looked at per new entity
CONTEXT_ARTICLES = 30  # latest articles sampled for an entity's context
STRONG, MEDIUM, WEAK = 1.0, 0.8, 0.6


@dataclass
class Profile:
    """What is known of one canonical entity when deciding a merge."""

    canon: int
    type: str
    names: list[str]  # the members' names, most reported first
    articles: int = 0
    context: Counter[int] = field(default_factory=Counter)  # co-occurring canonical entities
    titles: frozenset[str] = frozenset()
    kb: frozenset[str] = frozenset()

    @property
    def full_names(self) -> list[str]:
        return [n for n in self.names if len(name_tokens(n)) > 1]


@dataclass(frozen=True)
class Decision:
    absorbed: int  # the canonical entity that joins ...
    into: int  # ... this one, which stays canonical
    rule: str
    score: float
    evidence: dict[str, Any]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# -- pure decisions ---------------------------------------------------------------------------------


def compare(a: Profile, b: Profile) -> tuple[str, float, dict[str, Any]] | None:
    """Whether the names (and knowledge-base ids) of two entities allow one entity: (rule, strength, evidence)."""
    group = type_group(a.type)
    if {a.type, b.type} == {"NORP", "GPE"}:
        # "North Korean" is the contract's NORP mention of the country North Korea
        norp, gpe = (a, b) if a.type == "NORP" else (b, a)
        for x in norp.names[:5]:
            place = demonym_place(x)
            if place and any(place == " ".join(name_tokens(y, person=False)) for y in gpe.names[:8]):
                return "demonym", STRONG, {"names": [x, gpe.names[0]]}
        return None
    if group != type_group(b.type):
        return None
    if a.kb and b.kb:
        if a.kb & b.kb:
            return "same kb id", STRONG, {"kb": sorted(a.kb & b.kb)}
        return None
    if group == "PERSON":
        fa, fb = a.full_names, b.full_names
        if fa and fb:
            rule = person_match(fa[0], fb[0])
            if rule is None:
                return None  # different given names: different people
            return rule, STRONG, {"names": [fa[0], fb[0]]}
        pairs = [(x, y) for x in (fa or a.names[:3]) for y in (fb or b.names[:3])]
        for x, y in pairs:
            rule = person_match(x, y)
            if rule is not None:
                return rule, (WEAK if rule == "partial" else MEDIUM), {"names": [x, y]}
        return None
    match = org_names_match if group == "ORG" else place_names_match
    for x in a.names[:8]:
        for y in b.names[:8]:
            rule = match(x, y)
            if rule is not None:
                return rule, (WEAK if rule == "acronym" else STRONG), {"names": [x, y]}
    return None


def _shared_context(a: Profile, b: Profile) -> list[int]:
    return sorted(x for x in a.context.keys() & b.context.keys() if x not in (a.canon, b.canon))


def _root_first(a: Profile, b: Profile) -> tuple[Profile, Profile]:
    """(kept, absorbed): the entity with a full name, then the more reported one, stays canonical."""

    def rank(p: Profile) -> tuple[int, int, int, int]:
        return (0 if p.type == "NORP" else 1, 1 if p.full_names else 0, p.articles, -p.canon)

    return (a, b) if rank(a) >= rank(b) else (b, a)


def choose(new: Profile, candidates: list[Profile]) -> Decision | None:
    """The merge to make for a new entity among candidate clusters, or None.

    Strong name matches (same or transliterated full names, same words, same
    knowledge-base id) merge unless both entities have rich contexts with
    nothing in common and different roles. Weak ones (a surname alone, an
    acronym) merge only with shared context, and only when one candidate is
    clearly better than the others.
    """
    scored = []
    for cand in candidates:
        if cand.canon == new.canon:
            continue
        found = compare(new, cand)
        if found is None:
            continue
        rule, strength, evidence = found
        shared = _shared_context(new, cand)
        titles = sorted(new.titles & cand.titles)
        scored.append((cand, rule, strength, evidence, shared, titles))
    if not scored:
        return None

    def weight(s: tuple[Any, ...]) -> float:
        return len(s[4]) + 2 * len(s[5])

    strong = [s for s in scored if s[2] >= MEDIUM]
    if strong:
        best = max(strong, key=lambda s: (s[2], weight(s), s[0].articles))
        cand, rule, strength, evidence, shared, titles = best
        rich = len(new.context) >= 4 and len(cand.context) >= 4
        differing_roles = new.titles and cand.titles and not titles
        if type_group(new.type) == "PERSON" and rich and not shared and differing_roles:
            return None
    else:
        ranked = sorted(scored, key=weight, reverse=True)
        best = ranked[0]
        cand, rule, strength, evidence, shared, titles = best
        if weight(best) < 1:
            return None
        if len(ranked) > 1 and weight(ranked[1]) >= weight(best):
            return None  # "Kim": Kim Jong Un or Kim Yo Jong? the context does not say
    kept, absorbed = _root_first(new, cand)
    score = min(1.0, strength + 0.05 * len(shared) + 0.1 * len(titles))
    return Decision(
        absorbed=absorbed.canon,
        into=kept.canon,
        rule=rule,
        score=round(score, 3),
        evidence={
            **evidence,
            "shared_context": shared[:10],
            "shared_titles": titles,
            "types": [new.type, cand.type],
        },
    )


# -- reading the store ------------------------------------------------------------------------------


def canon_of(db: GraphDB, entity_id: int) -> int:
    rows = db.sql_rows("SELECT canon_id FROM entity_canon WHERE entity_id = ?", (entity_id,))
    return int(rows[0]["canon_id"]) if rows else entity_id


def members_of(db: GraphDB, canon: int, limit: int = 1000) -> list[int]:
    rows = db.sql_rows("SELECT entity_id FROM entity_canon WHERE canon_id = ? LIMIT ?", (canon, limit))
    return [int(r["entity_id"]) for r in rows] or [canon]


def _kb_refs(kb: str | None) -> set[str]:
    if not kb:
        return set()
    data = json.loads(kb)
    return {f"{k}:{data[k]}" for k in ("wikidata", "iso") if data.get(k)}


def profile(db: GraphDB, canon: int) -> Profile:
    """The names, context and roles of a canonical entity, from bounded samples of its rows."""
    members = members_of(db, canon, limit=200)
    ents = db.sql_rows(
        f"SELECT id, name, type, kb, articles FROM entities WHERE id IN ({marks(len(members))})"
        " ORDER BY articles DESC, id",
        members,
    )
    by_id = {int(e["id"]): e for e in ents}
    head = by_id.get(canon) or ents[0]
    names: list[str] = []
    kb: set[str] = set()
    for e in ents:
        if e["name"] not in names:
            names.append(e["name"])
        kb |= _kb_refs(e["kb"])
    sample = db.sql_rows(
        "SELECT article_id, roles FROM article_entities WHERE entity_id = ? ORDER BY article_id DESC LIMIT ?",
        (canon, CONTEXT_ARTICLES),
    )
    if not sample and members:
        sample = db.sql_rows(
            "SELECT article_id, roles FROM article_entities WHERE entity_id = ? ORDER BY article_id DESC LIMIT ?",
            (members[0], CONTEXT_ARTICLES),
        )
    articles = [r["article_id"] for r in sample]
    context: Counter[int] = Counter()
    if articles:
        for r in db.sql_rows(
            "SELECT COALESCE(c.canon_id, ae.entity_id) AS canon, COUNT(*) AS n FROM article_entities ae"
            " LEFT JOIN entity_canon c ON c.entity_id = ae.entity_id"
            f" WHERE ae.article_id IN ({marks(len(articles))}) GROUP BY COALESCE(c.canon_id, ae.entity_id)",
            articles,
        ):
            if int(r["canon"]) != canon:
                context[int(r["canon"])] = int(r["n"])
    titles = set()
    for r in sample:
        for role in json.loads(r["roles"] or "[]"):
            if role.get("title"):
                titles.add(" ".join(role["title"].casefold().split()))
    return Profile(
        canon=canon,
        type=str(head["type"]),
        names=names,
        articles=sum(int(e["articles"]) for e in ents),
        context=context,
        titles=frozenset(titles),
        kb=frozenset(kb),
    )


def _blocked(db: GraphDB, a: int, b: int) -> bool:
    """True when a user (or an undo) separated these two clusters before."""
    rows = db.sql_rows(
        "SELECT 1 FROM entity_merges m JOIN entity_canon ca ON ca.entity_id = m.entity_id"
        " JOIN entity_canon cb ON cb.entity_id = m.into_id WHERE m.undone_at IS NOT NULL"
        " AND ((ca.canon_id = ? AND cb.canon_id = ?) OR (ca.canon_id = ? AND cb.canon_id = ?)) LIMIT 1",
        (a, b, b, a),
    )
    return bool(rows)


# -- writing ----------------------------------------------------------------------------------------


def merge(db: GraphDB, decision: Decision, *, made_by: str = "auto") -> int:
    """Record the merge and point every member of the absorbed cluster to the kept one; returns its id."""
    cur = db.sql_execute(
        "INSERT INTO entity_merges (entity_id, into_id, rule, score, evidence, made_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (decision.absorbed, decision.into, decision.rule, decision.score,
         json.dumps(decision.evidence, ensure_ascii=False), made_by, _now()),
    )  # fmt: skip
    merge_id = int(cur.fetchone()[0])
    db.sql_execute(
        "UPDATE entity_canon SET canon_id = ? WHERE canon_id = ?", (decision.into, decision.absorbed)
    )
    return merge_id


def unmerge(db: GraphDB, merge_id: int) -> dict[int, int]:
    """Undo one merge: the entities it joined get back the canonical entity they had without it.

    Returns {entity id: new canonical id} for every member of the cluster that
    changed. The undone row stays, and keeps the two apart from then on.
    """
    rows = db.sql_rows("SELECT entity_id, into_id, undone_at FROM entity_merges WHERE id = ?", (merge_id,))
    if not rows or rows[0]["undone_at"]:
        return {}
    root = canon_of(db, int(rows[0]["into_id"]))
    db.sql_execute("UPDATE entity_merges SET undone_at = ? WHERE id = ?", (_now(), merge_id))
    members = members_of(db, root, limit=1_000_000)
    edges = {
        int(r["entity_id"]): int(r["into_id"])
        for r in db.sql_rows(
            f"SELECT entity_id, into_id FROM entity_merges WHERE undone_at IS NULL"
            f" AND entity_id IN ({marks(len(members))})",
            members,
        )
    }
    changed: dict[int, int] = {}
    for m in members:
        top, seen = m, set()
        while top in edges and top not in seen:
            seen.add(top)
            top = edges[top]
        if top != root:
            changed[m] = top
    for m, top in changed.items():
        db.sql_execute("UPDATE entity_canon SET canon_id = ? WHERE entity_id = ?", (top, m))
    return changed


def _add_blocks(db: GraphDB, entity_id: int, names: set[str], type_: str) -> list[str]:
    keys: set[str] = set()
    for n in names:
        keys |= block_keys(n, type_)
    db.sql_executemany(
        "INSERT INTO entity_blocks (key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(k, entity_id) for k in sorted(keys)],
    )
    return sorted(keys)


def resolve_new(db: GraphDB, article_ids: list[str]) -> list[Decision]:
    """Give the entities first stored with these articles a canonical entity, merging where the evidence holds."""
    if not article_ids:
        return []
    fresh = db.sql_rows(
        "SELECT DISTINCT ae.entity_id, e.name, e.type FROM article_entities ae"
        " JOIN entities e ON e.id = ae.entity_id LEFT JOIN entity_canon c ON c.entity_id = ae.entity_id"
        f" WHERE ae.article_id IN ({marks(len(article_ids))}) AND c.entity_id IS NULL ORDER BY ae.entity_id",
        article_ids,
    )
    if not fresh:
        return []
    db.sql_executemany(
        "INSERT INTO entity_canon (entity_id, canon_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(int(r["entity_id"]), int(r["entity_id"])) for r in fresh],
    )
    done: list[Decision] = []
    for r in fresh:
        eid = int(r["entity_id"])
        names = {r["name"]} | {
            x["name"]
            for x in db.sql_rows(
                "SELECT DISTINCT name FROM article_entities WHERE entity_id = ? LIMIT 20", (eid,)
            )
        }
        keys = _add_blocks(db, eid, names, str(r["type"]))
        if not keys:
            continue
        own = canon_of(db, eid)
        cands = db.sql_rows(
            "SELECT DISTINCT c.canon_id FROM entity_blocks b JOIN entity_canon c ON c.entity_id = b.entity_id"
            f" WHERE b.key IN ({marks(len(keys))}) AND c.canon_id != ? LIMIT ?",
            [*keys, own, CANDIDATES],
        )
        if not cands:
            continue
        new = profile(db, own)
        profiles = [profile(db, int(c["canon_id"])) for c in cands]
        decision = choose(new, profiles)
        if decision is None or _blocked(db, decision.absorbed, decision.into):
            continue
        merge(db, decision)
        done.append(decision)
    return done
