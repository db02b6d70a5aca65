"""Reading the graph: entities with their aliases and merges, event nodes with their reports, timelines, the ledger.

Every query starts from an indexed key (an entity's canonical id, a node id)
and reads bounded samples, so answers stay fast on large stores.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from newsgraph.graph.db import GraphDB, marks
from newsgraph.graph.entities import canon_of, members_of
from newsgraph.graph.names import name_tokens

__all__ = [
    "display_name",
    "entity",
    "entity_counts",
    "event",
    "event_rows",
    "ledger",
    "timeline",
    "timeline_page",
]

COOCCUR_ARTICLES = 200  # latest articles per member sampled for co-occurring entities
COOCCUR_SAMPLE = 400  # articles sampled in all
MEMBERS = 50  # merged variants of an entity read for its roles and co-occurring entities
ROLES = 200  # latest role mentions shown


def display_name(db: GraphDB, canon: int) -> str:
    """The name a canonical entity goes by: its most reported full name."""
    names = _names(db, [canon]).get(canon)
    return names or str(canon)


def _names(db: GraphDB, canons: list[int]) -> dict[int, str]:
    """Display names of canonical entities: the most reported member name with the most parts."""
    canons = sorted({c for c in canons if c is not None})
    if not canons:
        return {}
    out: dict[int, tuple[int, int, int, int, str]] = {}
    for r in db.sql_rows(
        "SELECT c.canon_id, c.entity_id, e.name, e.type, e.articles FROM entity_canon c"
        " JOIN entities e ON e.id = c.entity_id"
        f" WHERE c.canon_id IN ({marks(len(canons))})",
        canons,
    ):
        rank = (
            int(r["type"] != "NORP"),
            min(len(name_tokens(r["name"])), 3),
            int(r["articles"]),
            int(r["entity_id"] == r["canon_id"]),
            r["name"],
        )
        if r["canon_id"] not in out or rank > out[r["canon_id"]]:
            out[int(r["canon_id"])] = rank
    missing = [c for c in canons if c not in out]
    if missing:
        for r in db.sql_rows(f"SELECT id, name FROM entities WHERE id IN ({marks(len(missing))})", missing):
            out[int(r["id"])] = (0, 0, 0, 0, r["name"])
    return {k: v[4] for k, v in out.items()}


def _sentence(text: str | None, start: int | None, end: int | None) -> str | None:
    if text is None or start is None or end is None:
        return None
    return " ".join(text[start:end].split())


def entity(db: GraphDB, entity_id: int, *, events: int = 20) -> dict[str, Any] | None:
    canon = canon_of(db, entity_id)
    members = members_of(db, canon)
    ents = db.sql_rows(
        f"SELECT id, key, name, type, kb, articles, mentions FROM entities WHERE id IN ({marks(len(members))})"
        " ORDER BY articles DESC, id",
        members,
    )
    if not ents:
        return None
    aliases = sorted(
        {
            r["alias"]
            for r in db.sql_rows(
                f"SELECT alias FROM aliases WHERE entity_id IN ({marks(len(members))}) LIMIT 300", members
            )
        },
        key=str.casefold,
    )
    merges = db.sql_rows(
        "SELECT id, entity_id, into_id, rule, score, evidence, made_by, created_at, undone_at FROM entity_merges"
        f" WHERE entity_id IN ({marks(len(members))}) OR into_id IN ({marks(len(members))}) ORDER BY id",
        [*members, *members],
    )
    names = {int(e["id"]): e["name"] for e in ents}
    for m in merges:
        m["evidence"] = json.loads(m["evidence"])
        shared = [int(x) for x in m["evidence"].get("shared_context") or []]
        if shared:
            context_names = _names(db, shared)
            m["evidence"]["shared_context"] = [context_names.get(x, str(x)) for x in shared]
        m["entity_name"] = names.get(int(m["entity_id"])) or display_name(db, int(m["entity_id"]))
        m["into_name"] = names.get(int(m["into_id"])) or display_name(db, int(m["into_id"]))
    # roles over time, with the organisation resolved to its canonical entity
    roles = []
    role_rows: list[dict[str, Any]] = []
    for member in members[:MEMBERS]:  # the latest of each member, from the precomputed table (schema 3)
        role_rows += db.sql_rows(
            "SELECT article_id, roles, published FROM entity_roles WHERE entity_id = ?"
            " ORDER BY published DESC NULLS LAST, article_id DESC LIMIT ?",
            (member, ROLES),
        )
    role_rows.sort(key=lambda r: (r["published"] or "", r["article_id"]))
    for r in role_rows[-ROLES:]:
        for role in json.loads(r["roles"]):
            org = role.get("org")
            if org:
                found = db.sql_rows(
                    "SELECT COALESCE(c.canon_id, ae.entity_id) AS canon FROM article_entities ae"
                    " LEFT JOIN entity_canon c ON c.entity_id = ae.entity_id"
                    " WHERE ae.article_id = ? AND ae.local_id = ?",
                    (r["article_id"], org),
                )
                role["org_id"] = int(found[0]["canon"]) if found else None
            roles.append({**role, "article_id": r["article_id"], "published": r["published"]})
    org_names = _names(db, [x["org_id"] for x in roles if x.get("org_id")])
    for x in roles:
        org_id = x.get("org_id")
        x["org_name"] = org_names.get(int(org_id)) if org_id else None
    # co-occurring entities in the latest articles of each member
    articles: set[str] = set()
    for member in members[:MEMBERS]:
        articles |= {
            r["article_id"]
            for r in db.sql_rows(
                "SELECT article_id FROM article_entities WHERE entity_id = ? ORDER BY article_id DESC LIMIT ?",
                (member, COOCCUR_ARTICLES),
            )
        }
    articles = set(sorted(articles)[-COOCCUR_SAMPLE:])
    co: Counter[int] = Counter()
    arts = sorted(articles)
    for i in range(0, len(arts), 500):
        chunk = arts[i : i + 500]
        for r in db.sql_rows(
            "SELECT COALESCE(c.canon_id, ae.entity_id) AS canon, COUNT(DISTINCT ae.article_id) AS n"
            " FROM article_entities ae LEFT JOIN entity_canon c ON c.entity_id = ae.entity_id"
            f" WHERE ae.article_id IN ({marks(len(chunk))}) GROUP BY COALESCE(c.canon_id, ae.entity_id)",
            chunk,
        ):
            if int(r["canon"]) != canon:
                co[int(r["canon"])] += int(r["n"])
    top = co.most_common(15)
    co_names = _names(db, [c for c, _ in top])
    head = next((e for e in ents if int(e["id"]) == canon), ents[0])
    return {
        "id": canon,
        "name": display_name(db, canon),
        "type": head["type"],
        "kb": json.loads(head["kb"]) if head["kb"] else None,
        "articles": sum(int(e["articles"]) for e in ents),
        "mentions": sum(int(e["mentions"]) for e in ents),
        "members": [{k: e[k] for k in ("id", "name", "type", "articles")} for e in ents],
        "aliases": aliases,
        "merges": merges,
        "roles": roles,
        "cooccurring": [{"id": c, "name": co_names.get(c), "articles": n} for c, n in top],
        "cooccurring_sample": len(arts),
        "events": timeline(db, canon, limit=events, claims=False),
    }


def _group_rows(db: GraphDB, ids: list[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = db.sql_rows(
        "SELECT g.id, g.type, g.category, g.actor, g.target, g.place, g.date_value, g.date_sort, g.date_exact,"
        " g.dates, g.reports, g.articles, g.sources, g.denials, g.first_article, g.first_idx, g.first_published,"
        " e.trigger_text, e.sentence_start, e.sentence_end, a.text, a.title"
        " FROM event_groups g LEFT JOIN events e ON e.article_id = g.first_article AND e.idx = g.first_idx"
        f" LEFT JOIN articles a ON a.id = g.first_article WHERE g.id IN ({marks(len(ids))})",
        ids,
    )
    names = _names(db, [r[k] for r in rows for k in ("actor", "target", "place") if r[k] is not None])
    for r in rows:
        for k in ("actor", "target", "place"):
            r[f"{k}_name"] = names.get(r[k]) if r[k] is not None else None
        r["sentence"] = _sentence(r.pop("text"), r.pop("sentence_start"), r.pop("sentence_end"))
    order = {gid: i for i, gid in enumerate(ids)}
    rows.sort(key=lambda r: order[int(r["id"])])
    return rows


def _claims(
    db: GraphDB,
    members: list[int],
    limit: int,
    *,
    since: str | None = None,
    until: str | None = None,
    before: tuple[str, str, int] | None = None,
    newest_first: bool = False,
) -> list[dict[str, Any]]:
    """The claims the entity's variants made, each variant read through the index (source, date), bounded."""
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append("c.date_sort >= ?")
        params.append(since)
    if until:
        where.append("c.date_sort <= ?")
        params.append(until + "~")
    if before is not None:
        where.append(
            "(c.date_sort < ? OR (c.date_sort = ? AND (c.article_id < ? OR (c.article_id = ? AND c.idx < ?))))"
        )
        params += [before[0], before[0], before[1], before[1], before[2]]
    cond = "".join(f" AND {w}" for w in where)
    order = "DESC" if newest_first else "ASC"
    out: list[dict[str, Any]] = []
    for member in members[:MEMBERS]:
        out += db.sql_rows(
            "SELECT c.article_id, c.idx, c.date_sort, a.published, c.cue_text, c.content_text, c.source_text,"
            " c.direct, c.hedges, c.negated, a.title, a.text, c.sentence_start, c.sentence_end"
            f" FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.source_entity = ?{cond}"
            f" ORDER BY c.date_sort {order}, c.article_id {order}, c.idx {order} LIMIT ?",
            [member, *params, limit],
        )
    out.sort(key=lambda c: (c["date_sort"] or "", c["article_id"], c["idx"]), reverse=newest_first)
    out = out[:limit]
    for c in out:
        c["kind"] = "claim"
        c["hedges"] = json.loads(c["hedges"])
        c["sentence"] = _sentence(c.pop("text"), c.pop("sentence_start"), c.pop("sentence_end"))
    return out


def timeline(db: GraphDB, entity_id: int, *, limit: int = 500, claims: bool = True) -> list[dict[str, Any]]:
    """Merged events involving the entity (any of its variants), and the claims it made, oldest first.

    At most ``limit`` items, read through indexes: the cost does not grow with how
    often the entity is reported. :func:`timeline_page` gives the newest first, a
    date window and a cursor to page back.
    """
    canon = canon_of(db, entity_id)
    ids: list[int] = []
    for r in db.sql_rows(
        "SELECT group_id FROM event_group_entities WHERE canon_id = ? ORDER BY date_sort, group_id LIMIT ?",
        (canon, limit * 3),
    ):
        if int(r["group_id"]) not in ids:
            ids.append(int(r["group_id"]))
        if len(ids) >= limit:
            break
    items = []
    for g in _group_rows(db, ids):
        g["kind"] = "event"
        items.append(g)
    if claims:
        items += _claims(db, members_of(db, canon), limit)
    items.sort(
        key=lambda r: (r.get("date_sort") or "9999", r["kind"], str(r.get("id") or r.get("article_id")))
    )
    return items[:limit]


def _cursor(text: str | None) -> tuple[str, str, str, int] | None:
    """(date, kind, key, idx) of the last item of the page before: "date|event|group id" or "date|claim|article|idx"."""
    if not text:
        return None
    parts = text.split("|")
    if len(parts) == 3 and parts[1] == "event" and parts[2].isdigit():
        return parts[0], "event", "", int(parts[2])
    if len(parts) >= 4 and parts[1] == "claim" and parts[-1].isdigit():
        return parts[0], "claim", "|".join(parts[2:-1]), int(parts[-1])
    raise ValueError(f"not a timeline cursor: {text!r}")


def timeline_page(
    db: GraphDB,
    entity_id: int,
    *,
    limit: int = 50,
    since: str | None = None,
    until: str | None = None,
    cursor: str | None = None,
    claims: bool = True,
) -> dict[str, Any]:
    """The newest ``limit`` items of the entity's timeline (events and its claims), in a date window.

    ``since``/``until`` are dates (YYYY, YYYY-MM or YYYY-MM-DD, inclusive); ``cursor`` is the
    ``next_cursor`` of the page before. Events without a date are left out. Returns
    ``{"items": [...newest first...], "next_cursor": str | None, "events": n, "claims": n}``
    where the counts are of the whole timeline, precomputed per entity (schema 3), not counted per
    query: ``events`` the event reports naming the entity in any role (several reports make one
    node), ``claims`` the claims it made.
    Every step reads an index range of at most ``limit`` rows per variant of the entity.
    """
    limit = max(1, min(limit, 500))
    canon = canon_of(db, entity_id)
    members = members_of(db, canon)
    after = _cursor(cursor)
    where: list[str] = ["canon_id = ?", "date_sort IS NOT NULL"]
    params: list[Any] = [canon]
    if since:
        where.append("date_sort >= ?")
        params.append(since)
    if until:
        where.append("date_sort <= ?")
        params.append(until + "~")
    if after is not None:
        if after[1] == "event":
            where.append("(date_sort < ? OR (date_sort = ? AND group_id < ?))")
            params += [after[0], after[0], after[3]]
        else:  # events of the cursor's day came before its claims
            where.append("date_sort < ?")
            params.append(after[0])
    ids: list[int] = []
    for r in db.sql_rows(
        f"SELECT group_id FROM event_group_entities WHERE {' AND '.join(where)}"
        " ORDER BY date_sort DESC, group_id DESC LIMIT ?",
        [*params, (limit + 1) * 3],
    ):
        if int(r["group_id"]) not in ids:
            ids.append(int(r["group_id"]))
        if len(ids) > limit:
            break
    items: list[dict[str, Any]] = []
    for g in _group_rows(db, ids):
        g["kind"] = "event"
        items.append(g)
    if claims:
        before = None
        if after is not None:
            before = (after[0], after[2], after[3]) if after[1] == "claim" else (after[0], "\uffff", 0)
        items += _claims(db, members, limit + 1, since=since, until=until, before=before, newest_first=True)
    items.sort(key=_page_key, reverse=True)
    page, more = items[:limit], len(items) > limit
    last = page[-1] if page else None
    next_cursor = None
    if more and last is not None:
        if last["kind"] == "event":
            next_cursor = f"{last['date_sort']}|event|{last['id']}"
        else:
            next_cursor = f"{last['date_sort'] or ''}|claim|{last['article_id']}|{last['idx']}"
    counts = entity_counts(db, canon)
    return {"items": page, "next_cursor": next_cursor, **counts}


def _page_key(r: dict[str, Any]) -> tuple[str, int, str, int]:
    if r["kind"] == "event":
        return (r.get("date_sort") or "", 1, "", int(r["id"]))
    return (r.get("date_sort") or "", 0, str(r["article_id"]), int(r["idx"]))


def entity_counts(db: GraphDB, canon: int) -> dict[str, int]:
    """How many event nodes and claims the entity has (its variants together), from precomputed counts."""
    members = members_of(db, canon)
    rows = db.sql_rows(
        f"SELECT SUM(events) AS events, SUM(claims) AS claims FROM entity_counts WHERE entity_id IN ({marks(len(members))})",
        members,
    )
    return {"events": int(rows[0]["events"] or 0), "claims": int(rows[0]["claims"] or 0)}


def event(db: GraphDB, group_id: int) -> dict[str, Any] | None:
    rows = _group_rows(db, [group_id])
    if not rows:
        return None
    g = rows[0]
    reports = db.sql_rows(
        "SELECT m.article_id, m.idx, m.score, m.evidence, m.source_key, m.denial, m.date_value, m.date_source,"
        " m.published, e.trigger_text, e.modality, e.negated, e.actor, e.target, e.place, e.claim,"
        " e.sentence_start, e.sentence_end, a.title, a.source, a.url, a.text,"
        " c.source_text AS claim_source, c.cue_text AS claim_cue"
        " FROM event_members m JOIN events e ON e.article_id = m.article_id AND e.idx = m.idx"
        " JOIN articles a ON a.id = m.article_id"
        " LEFT JOIN claims c ON c.article_id = e.article_id AND c.idx = e.claim"
        " WHERE m.group_id = ? ORDER BY m.published, m.article_id, m.idx LIMIT 500",
        (group_id,),
    )
    ent_ids = [r[k] for r in reports for k in ("actor", "target", "place") if r[k] is not None]
    raw = {
        int(r["id"]): r["name"]
        for r in db.sql_rows(
            f"SELECT id, name FROM entities WHERE id IN ({marks(len(set(ent_ids)))})", sorted(set(ent_ids))
        )
    }
    for r in reports:
        r["evidence"] = json.loads(r["evidence"])
        r["sentence"] = _sentence(r.pop("text"), r.pop("sentence_start"), r.pop("sentence_end"))
        for k in ("actor", "target", "place"):
            r[f"{k}_name"] = raw.get(r[k]) if r[k] is not None else None
    g["reports_detail"] = reports
    g["dates_given"] = db.sql_rows(
        "SELECT date_value, reports FROM event_group_dates WHERE group_id = ? ORDER BY reports DESC, date_value",
        (group_id,),
    )
    g["participants"] = db.sql_rows(
        "SELECT canon_id, role, reports FROM event_group_entities WHERE group_id = ? ORDER BY role, reports DESC",
        (group_id,),
    )
    pn = _names(db, [p["canon_id"] for p in g["participants"]])
    for p in g["participants"]:
        p["name"] = pn.get(p["canon_id"])
    return g


def ledger(db: GraphDB, *, about: int | None = None, limit: int = 50) -> dict[str, Any]:
    """Figure groups (with entries in report order and conflicts) and contested events."""
    if about is not None:
        canon = canon_of(db, about)
        groups = db.sql_rows(
            "SELECT * FROM ledger_groups WHERE about = ? ORDER BY conflicts DESC, entries DESC LIMIT ?",
            (canon, limit),
        )
        contested_ids = [
            int(r["group_id"])
            for r in db.sql_rows(
                "SELECT DISTINCT ge.group_id FROM event_group_entities ge JOIN event_groups g ON g.id = ge.group_id"
                " WHERE ge.canon_id = ? AND g.denials > 0 LIMIT ?",
                (canon, limit),
            )
        ]
    else:
        groups = db.sql_rows(
            "SELECT * FROM ledger_groups WHERE entries > 1 ORDER BY conflicts DESC, sources DESC, entries DESC LIMIT ?",
            (limit,),
        )
        contested_ids = [
            int(r["id"])
            for r in db.sql_rows(
                "SELECT id FROM event_groups WHERE denials > 0 ORDER BY reports DESC LIMIT ?", (limit,)
            )
        ]
    about_names = _names(db, [int(g["about"]) for g in groups if g["about"] is not None])
    for g in groups:
        g["about_name"] = about_names.get(g["about"])
        g["entries_detail"] = db.sql_rows(
            "SELECT le.article_id, le.idx, le.value, le.high, le.bound, le.lo, le.hi, le.report_date, le.source_key,"
            " le.source_name, le.claim, q.text, c.content_text, c.cue_text, c.hedges FROM ledger_entries le"
            " JOIN quantities q ON q.article_id = le.article_id AND q.idx = le.idx"
            " LEFT JOIN claims c ON c.article_id = le.article_id AND c.idx = le.claim"
            " WHERE le.group_id = ? ORDER BY le.report_date, le.article_id, le.idx LIMIT 200",
            (g["id"],),
        )
        g["conflicts_detail"] = db.sql_rows(
            "SELECT a_article, a_idx, b_article, b_idx, days FROM ledger_conflicts WHERE group_id = ? LIMIT 200",
            (g["id"],),
        )
        in_conflict = {(c["a_article"], c["a_idx"]) for c in g["conflicts_detail"]} | {
            (c["b_article"], c["b_idx"]) for c in g["conflicts_detail"]
        }
        for e in g["entries_detail"]:
            e["hedges"] = json.loads(e["hedges"]) if e["hedges"] else []
            e["disagrees"] = (e["article_id"], e["idx"]) in in_conflict
    contested = _group_rows(db, contested_ids)
    for c in contested:
        c["reports_detail"] = db.sql_rows(
            "SELECT m.article_id, m.idx, m.denial, m.published, m.source_key, cl.source_text, cl.cue_text"
            " FROM event_members m JOIN events e ON e.article_id = m.article_id AND e.idx = m.idx"
            " LEFT JOIN claims cl ON cl.article_id = e.article_id AND cl.idx = e.claim"
            " WHERE m.group_id = ? ORDER BY m.published LIMIT 100",
            (c["id"],),
        )
    return {"figures": groups, "contested": contested}


def event_rows(db: GraphDB, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """One row per merged event, in date order (for event-data CSV and GraphML)."""
    last_sort, last_id = "", -1
    while True:
        ids = [
            int(r["id"])
            for r in db.sql_rows(
                "SELECT id FROM event_groups WHERE (COALESCE(date_sort, '') > ?)"
                " OR (COALESCE(date_sort, '') = ? AND id > ?) ORDER BY COALESCE(date_sort, ''), id LIMIT ?",
                (last_sort, last_sort, last_id, batch),
            )
        ]
        if not ids:
            return
        rows = _group_rows(db, ids)
        yield from rows
        last_sort, last_id = rows[-1]["date_sort"] or "", int(rows[-1]["id"])
