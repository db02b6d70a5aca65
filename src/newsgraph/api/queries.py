"""Read-only queries the API and the web pages need, over the graph across articles.

Entities are the resolved (canonical) entities of :mod:`newsgraph.graph.entities`:
an id of any variant name stands for its canonical entity, and every list and
filter speaks of canonical ids. Events are the merged event nodes of
:mod:`newsgraph.graph.events` (``event_groups``), each carrying every report of it
(``event_members``: the article, its sentence, who said it, the date it gave).
The ledger is :mod:`newsgraph.graph.ledger`'s groups of figures about one thing.
Claims stay per article (they are not merged); an article's own extraction is
the contract result the store keeps.

Each function takes a store and runs parameterised statements through its
``sql_rows`` helper (``?`` placeholders, portable SQL). Every list is ordered
on a unique key, so ``limit``/``offset`` pages are stable.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from newsgraph.graph import query as graph_query
from newsgraph.graph.db import GraphDB
from newsgraph.graph.entities import canon_of
from newsgraph.store.base import Store, norm_name

__all__ = [
    "LAST",
    "Filters",
    "ReadStore",
    "article_events",
    "article_figures",
    "article_meta",
    "canon_of",
    "canonical",
    "claim",
    "claims",
    "entities",
    "entities_by_id",
    "entity",
    "entity_exists",
    "event",
    "event_of_report",
    "event_reports",
    "events",
    "graph_counts",
    "integer_id",
    "labels",
    "ledger_entries",
    "ledger_group",
    "ledger_groups",
    "members",
    "neighbourhood",
    "resolve_entities",
    "snippet",
    "split_item_id",
    "split_topic",
    "timeline",
]

_DIGITS = re.compile(r"[0-9]{1,18}")  # ids are ASCII digits ("³".isdigit() is true, int() refuses it)
LAST = "9999-12-31"  # sorts undated items after dated ones, the same in every dialect
SAMPLE_REPORTS = 5  # reports shown with each event in lists and timelines
CONTEXT = 160  # characters of article text either side of a figure, cut to its sentence


class ReadStore(Store, GraphDB, Protocol):
    """A store the API reads: the Store protocol and the graph's row helpers (both SQL stores have them)."""


@dataclass(frozen=True)
class Filters:
    """Filters of events and claims; ``None`` means no filter. Entity ids are canonical."""

    type: str | None = None
    category: str | None = None
    entities: tuple[int, ...] | None = None  # in any role (events) / source or named in the content (claims)
    places: tuple[int, ...] | None = None
    sources: tuple[int, ...] | None = None
    q: str | None = None
    start: str | None = None  # ISO date, inclusive
    end: str | None = None  # ISO date, inclusive
    article: str | None = None
    min_reports: int | None = None
    min_articles: int | None = None


def _marks(values: Sequence[Any]) -> str:
    """``?, ?, ?`` for a parameter list (an empty list matches nothing)."""
    return ",".join("?" * len(values)) or "NULL"


def _span(start: int | None, end: int | None, text: str | None) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"start": start, "end": end, "text": text or ""}


def _chunks(values: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def integer_id(text: str) -> int | None:
    """``text`` as a stored id when it is one (ASCII digits, below 2**62), else None."""
    if _DIGITS.fullmatch(text) is None:
        return None
    return int(text)


def split_item_id(item_id: str) -> tuple[str, int] | None:
    """``"<article id>:<index>"`` -> (article id, index); None when malformed."""
    article_id, sep, idx = item_id.rpartition(":")
    if not sep or not article_id or not _DIGITS.fullmatch(idx) or len(idx) > 9:
        return None
    return article_id, int(idx)


def split_topic(topic: str) -> tuple[str, str | None]:
    """A ledger topic -> (what is counted, the event type it is told with): "troops · ASSAULT"."""
    counted, sep, told_with = topic.partition(" · ")
    return counted, (told_with or None) if sep else None


# -- entities -----------------------------------------------------------------


def canonical(store: GraphDB, ids: Iterable[int]) -> dict[int, int]:
    """{stored entity id: the canonical entity it stands for now} (itself when not merged)."""
    wanted = sorted({int(i) for i in ids if i is not None})
    out = {i: i for i in wanted}
    for chunk in _chunks(wanted):
        for r in store.sql_rows(
            f"SELECT entity_id, canon_id FROM entity_canon WHERE entity_id IN ({_marks(chunk)})", chunk
        ):
            out[int(r["entity_id"])] = int(r["canon_id"])
    return out


def members(store: GraphDB, canons: Iterable[int], *, limit: int = 5000) -> tuple[int, ...]:
    """Every stored entity standing for these canonical ones (the canonical ones included)."""
    wanted = sorted(set(canons))
    if not wanted:
        return ()
    rows = store.sql_rows(
        f"SELECT entity_id FROM entity_canon WHERE canon_id IN ({_marks(wanted)}) ORDER BY entity_id LIMIT ?",
        [*wanted, limit],
    )
    return tuple(sorted({*wanted, *(int(r["entity_id"]) for r in rows)}))


def labels(store: GraphDB, canons: Iterable[int]) -> dict[int, dict[str, Any]]:
    """{canonical id: {"name", "type"}}: the name it goes by (its most reported full name) and its type."""
    wanted = sorted({int(c) for c in canons if c is not None})
    if not wanted:
        return {}
    out: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(wanted):
        names = graph_query._names(store, list(chunk))
        for r in store.sql_rows(f"SELECT id, name, type FROM entities WHERE id IN ({_marks(chunk)})", chunk):
            out[int(r["id"])] = {"name": names.get(int(r["id"])) or r["name"], "type": r["type"]}
    return out


def entity_exists(store: GraphDB, entity_id: int) -> bool:
    return bool(store.sql_rows("SELECT 1 AS x FROM entities WHERE id = ?", (entity_id,)))


def resolve_entities(store: ReadStore, ref: str | None) -> tuple[int, ...] | None:
    """Canonical ids a user means by ``ref``: an id, or a name/alias (every exact match, else a partial one)."""
    if ref is None or not ref.strip():
        return None
    ref = ref.strip()
    if (number := integer_id(ref)) is not None:
        return (canon_of(store, number),)
    found = [int(e["id"]) for e in store.find_entities(ref, limit=20)]
    canon = canonical(store, found)
    return tuple(dict.fromkeys(canon[i] for i in found))


def _kb(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def entities(
    store: GraphDB,
    *,
    type_: str | None = None,
    q: str | None = None,
    ids: Sequence[int] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Canonical entities, most widely reported first; counts add up every variant's.

    ``type_`` is the canonical entity's type; ``q`` part of any variant's name or alias.
    """
    key = "COALESCE(c.canon_id, e.id)"
    clauses: list[str] = []
    params: list[Any] = []
    if q:
        clauses.append(
            f"{key} IN (SELECT COALESCE(ca.canon_id, a.entity_id) FROM aliases a"
            " LEFT JOIN entity_canon ca ON ca.entity_id = a.entity_id WHERE a.norm LIKE ?)"
        )
        params.append(f"%{norm_name(q)}%")
    if ids is not None:
        clauses.append(f"{key} IN ({_marks(ids)})")
        params += list(ids)
    if type_:
        clauses.append(f"{key} IN (SELECT id FROM entities WHERE type = ?)")
        params.append(type_.upper())
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = store.sql_rows(
        "SELECT x.id, h.name, h.type, h.kb, x.articles, x.mentions, x.member_count FROM ("
        f" SELECT {key} AS id, SUM(e.articles) AS articles, SUM(e.mentions) AS mentions,"
        " COUNT(*) AS member_count FROM entities e LEFT JOIN entity_canon c ON c.entity_id = e.id"
        f" {where} GROUP BY {key}) x JOIN entities h ON h.id = x.id"
        " ORDER BY x.articles DESC, x.mentions DESC, h.name, x.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    names = labels(store, [int(r["id"]) for r in rows])
    for r in rows:
        r["name"] = names.get(int(r["id"]), {}).get("name") or r["name"]
        r["kb"] = _kb(r["kb"])
    return rows


def entities_by_id(store: GraphDB, canons: Sequence[int]) -> list[dict[str, Any]]:
    """:func:`entities` for these canonical ids."""
    return entities(store, ids=canons, limit=len(canons) or 1)


def entity(store: GraphDB, entity_id: int) -> dict[str, Any] | None:
    """A canonical entity: its variants and aliases, the merges that made it (with evidence), roles, company."""
    view = graph_query.entity(store, entity_id, events=0)
    if view is None:
        return None
    canon = int(view["id"])
    head = store.sql_rows("SELECT key FROM entities WHERE id = ?", (canon,))
    role_articles = sorted({x["article_id"] for x in view["roles"]})
    titles = {
        r["id"]: r["title"]
        for r in store.sql_rows(
            f"SELECT id, title FROM articles WHERE id IN ({_marks(role_articles)})", role_articles
        )
    }
    roles = [
        {
            "title": r.get("title") or "",
            "org": r.get("org_id"),
            "org_name": r.get("org_name"),
            "from": r.get("from"),
            "until": r.get("until"),
            "evidence": r.get("evidence"),
            "article_id": r["article_id"],
            "published": r.get("published"),
            "article_title": titles.get(r["article_id"]),
        }
        for r in view["roles"]
    ]
    co = labels(store, [int(c["id"]) for c in view["cooccurring"]])
    cooccurrences = [
        {"id": int(c["id"]), "name": co[int(c["id"])]["name"], "type": co[int(c["id"])]["type"],
         "articles": int(c["articles"])}
        for c in view["cooccurring"]
        if int(c["id"]) in co
    ]  # fmt: skip
    merges = [
        {
            "id": int(m["id"]),
            "entity_id": int(m["entity_id"]),
            "entity_name": m["entity_name"],
            "into_id": int(m["into_id"]),
            "into_name": m["into_name"],
            "rule": m["rule"],
            "score": float(m["score"]),
            "evidence": m["evidence"],
            "made_by": m["made_by"],
            "created_at": m["created_at"],
            "undone_at": m["undone_at"],
        }
        for m in view["merges"]
    ]
    return {
        "id": canon,
        "name": view["name"],
        "type": view["type"],
        "kb": view["kb"],
        "key": head[0]["key"] if head else "",
        "articles": int(view["articles"]),
        "mentions": int(view["mentions"]),
        "member_count": len(view["members"]),
        "members": [
            {"id": int(m["id"]), "name": m["name"], "type": m["type"], "articles": int(m["articles"])}
            for m in view["members"]
        ],
        "aliases": view["aliases"],
        "merges": merges,
        "roles": roles,
        "cooccurrences": cooccurrences,
    }


# -- merged events --------------------------------------------------------------

_NODE_SELECT = (
    "SELECT g.id, g.type, g.category, g.actor, g.target, g.place, g.date_value, g.date_sort, g.date_exact,"
    " g.dates, g.reports, g.articles, g.sources, g.denials, g.first_article, g.first_idx, g.first_published"
    " FROM event_groups g"
)


def _in_groups(sub: str) -> str:
    return f"g.id IN ({sub})"


def _node_where(f: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.type:
        clauses.append("g.type = ?")
        params.append(f.type.upper())
    if f.category:
        clauses.append("g.category = ?")
        params.append(f.category.upper())
    if f.entities is not None:
        clauses.append(
            _in_groups(f"SELECT group_id FROM event_group_entities WHERE canon_id IN ({_marks(f.entities)})")
        )
        params += list(f.entities)
    if f.places is not None:
        clauses.append(
            _in_groups(
                "SELECT group_id FROM event_group_entities WHERE role = 'place'"
                f" AND canon_id IN ({_marks(f.places)})"
            )
        )
        params += list(f.places)
    if f.q:
        clauses.append(
            _in_groups(
                "SELECT m.group_id FROM event_members m JOIN events e ON e.article_id = m.article_id"
                " AND e.idx = m.idx WHERE lower(e.trigger_text) LIKE ?"
            )
        )
        params.append(f"%{f.q.lower()}%")
    if f.start:
        clauses.append("g.date_sort >= ?")
        params.append(f.start)
    if f.end:
        clauses.append("g.date_sort <= ?")
        params.append(f.end)
    if f.article:
        clauses.append(_in_groups("SELECT group_id FROM event_members WHERE article_id = ?"))
        params.append(f.article)
    if f.min_reports:
        clauses.append("g.reports >= ?")
        params.append(f.min_reports)
    if f.min_articles:
        clauses.append("g.articles >= ?")
        params.append(f.min_articles)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


_REPORT_COLS = (
    "m.group_id, m.article_id, m.idx, m.score, m.evidence, m.source_key, m.denial, m.date_value,"
    " m.date_source, m.published, e.type, e.category, e.trigger_start, e.trigger_end, e.trigger_text,"
    " e.actor, e.target, e.place, e.modality, e.negated, e.claim, e.date_sort, e.sentence_start, e.sentence_end,"
    " substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence_text,"
    " a.title AS article_title, a.source AS outlet, a.url,"
    " c.source_text AS said_by, c.source_entity AS said_by_entity, c.cue_text AS cue"
)
_REPORT_FROM = (
    " FROM event_members m JOIN events e ON e.article_id = m.article_id AND e.idx = m.idx"
    " JOIN articles a ON a.id = m.article_id"
    " LEFT JOIN claims c ON c.article_id = e.article_id AND c.idx = e.claim"
)
_REPORT_ORDER = f"COALESCE(m.published, '{LAST}'), m.article_id, m.idx"


def _reports_out(store: GraphDB, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Report rows as the API shows them, participants as canonical entities with their names."""
    stored = [r[k] for r in rows for k in ("actor", "target", "place", "said_by_entity") if r[k] is not None]
    canon = canonical(store, stored)
    names = labels(store, canon.values())

    def ent(value: int | None) -> tuple[int | None, str | None]:
        if value is None:
            return None, None
        c = canon.get(int(value), int(value))
        return c, names.get(c, {}).get("name")

    out = []
    for r in rows:
        item = {
            "id": f"{r['article_id']}:{r['idx']}",
            "event": int(r["group_id"]),
            "article_id": r["article_id"],
            "idx": int(r["idx"]),
            "article_title": r["article_title"],
            "outlet": r["outlet"],
            "url": r["url"],
            "published": r["published"],
            "type": r["type"],
            "category": r["category"],
            "trigger": _span(r["trigger_start"], r["trigger_end"], r["trigger_text"]),
            "sentence": _span(r["sentence_start"], r["sentence_end"], r["sentence_text"]),
            "date": r["date_sort"],
            "date_value": r["date_value"],
            "date_source": r["date_source"],
            "modality": r["modality"],
            "negated": bool(r["negated"]),
            "denial": bool(r["denial"]),
            "claim": r["claim"],
            "said_by": r["said_by"],
            "cue": r["cue"],
            "source_key": r["source_key"],
            "score": float(r["score"]),
            "evidence": json.loads(r["evidence"]) if isinstance(r["evidence"], str) else r["evidence"],
        }
        for role in ("actor", "target", "place"):
            item[role], item[f"{role}_name"] = ent(r[role])
        item["said_by_entity"], said_name = ent(r["said_by_entity"])
        if said_name and not item["said_by"]:
            item["said_by"] = said_name
        out.append(item)
    return out


def _nodes_out(
    store: GraphDB, rows: list[dict[str, Any]], *, role_of: int | None = None
) -> list[dict[str, Any]]:
    """Event node rows with their participants' names, the dates reports give, and the first reports."""
    ids = [int(r["id"]) for r in rows]
    if not ids:
        return []
    m = _marks(ids)
    names = labels(store, [r[k] for r in rows for k in ("actor", "target", "place") if r[k] is not None])
    dates: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for d in store.sql_rows(
        f"SELECT group_id, date_value, reports FROM event_group_dates WHERE group_id IN ({m})"
        " ORDER BY group_id, reports DESC, date_value",
        ids,
    ):
        dates[int(d["group_id"])].append({"value": d["date_value"], "reports": int(d["reports"])})
    sample: dict[int, list[dict[str, Any]]] = defaultdict(list)
    first = store.sql_rows(  # the first few reports of each node, in one statement
        f"SELECT s.* FROM (SELECT ROW_NUMBER() OVER (PARTITION BY m.group_id ORDER BY {_REPORT_ORDER}) AS rn,"
        f" {_REPORT_COLS}{_REPORT_FROM} WHERE m.group_id IN ({m})) s WHERE s.rn <= ? ORDER BY s.group_id, s.rn",
        [*ids, SAMPLE_REPORTS],
    )
    for rep in _reports_out(store, first):
        sample[rep["event"]].append(rep)
    roles: dict[int, list[str]] = defaultdict(list)
    if role_of is not None:
        for x in store.sql_rows(
            f"SELECT group_id, role FROM event_group_entities WHERE canon_id = ? AND group_id IN ({m})"
            " ORDER BY group_id, role",
            [role_of, *ids],
        ):
            roles[int(x["group_id"])].append(x["role"])
    out = []
    for r in rows:
        gid = int(r["id"])
        reports = sample.get(gid, [])
        node = {
            "kind": "event",
            "id": gid,
            "type": r["type"],
            "category": r["category"],
            "date": r["date_sort"],
            "date_value": r["date_value"],
            "date_exact": bool(r["date_exact"]),
            "dates": int(r["dates"]),
            "dates_given": dates.get(gid, []),
            "reports": int(r["reports"]),
            "articles": int(r["articles"]),
            "sources": int(r["sources"]),
            "denials": int(r["denials"]),
            "first_published": r["first_published"],
            "trigger": reports[0]["trigger"]["text"] if reports and reports[0]["trigger"] else None,
            "report_sample": reports,
        }
        for role in ("actor", "target", "place"):
            value = r[role]
            node[role] = None if value is None else int(value)
            node[f"{role}_name"] = names.get(int(value), {}).get("name") if value is not None else None
        if role_of is not None:
            node["roles"] = roles.get(gid, [])
        out.append(node)
    return out


def events(
    store: GraphDB, f: Filters, *, limit: int = 50, offset: int = 0, order: str = "date"
) -> list[dict[str, Any]]:
    """Merged events in date order (undated last), each with its participants and its first reports.

    ``order="reports"``: the most reported first.
    """
    where, params = _node_where(f)
    by_date = f"COALESCE(g.date_sort, '{LAST}'), g.id"
    order_by = f"g.articles DESC, g.reports DESC, {by_date}" if order == "reports" else by_date
    rows = store.sql_rows(
        f"{_NODE_SELECT} {where} ORDER BY {order_by} LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    role_of = f.entities[0] if f.entities is not None and len(f.entities) == 1 else None
    return _nodes_out(store, rows, role_of=role_of)


def event(store: GraphDB, group_id: int) -> dict[str, Any] | None:
    """One merged event: what :func:`events` gives, with every participant and how often reports name it."""
    rows = store.sql_rows(f"{_NODE_SELECT} WHERE g.id = ?", (group_id,))
    if not rows:
        return None
    node = _nodes_out(store, rows)[0]
    parts = store.sql_rows(
        "SELECT canon_id, role, reports FROM event_group_entities WHERE group_id = ?"
        " ORDER BY role, reports DESC, canon_id",
        (group_id,),
    )
    names = labels(store, [int(p["canon_id"]) for p in parts])
    node["participants"] = [
        {"id": int(p["canon_id"]), "name": names.get(int(p["canon_id"]), {}).get("name") or str(p["canon_id"]),
         "type": names.get(int(p["canon_id"]), {}).get("type") or "", "role": p["role"],
         "reports": int(p["reports"])}
        for p in parts
    ]  # fmt: skip
    return node


def event_of_report(store: GraphDB, article_id: str, idx: int) -> int | None:
    """The merged event an article's event (a report) belongs to."""
    rows = store.sql_rows(
        "SELECT group_id FROM event_members WHERE article_id = ? AND idx = ?", (article_id, idx)
    )
    return int(rows[0]["group_id"]) if rows else None


def event_reports(store: GraphDB, group_id: int, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Every report of one merged event, earliest publication first."""
    rows = store.sql_rows(
        f"SELECT {_REPORT_COLS}{_REPORT_FROM} WHERE m.group_id = ? ORDER BY {_REPORT_ORDER} LIMIT ? OFFSET ?",
        (group_id, limit, offset),
    )
    return _reports_out(store, rows)


def article_events(store: GraphDB, article_id: str) -> dict[int, dict[str, Any]]:
    """{event index in the article: {"event": node id, "reports", "articles"}} for an article's events."""
    return {
        int(r["idx"]): {
            "event": int(r["group_id"]),
            "reports": int(r["reports"]),
            "articles": int(r["articles"]),
        }
        for r in store.sql_rows(
            "SELECT m.idx, m.group_id, g.reports, g.articles FROM event_members m"
            " JOIN event_groups g ON g.id = m.group_id WHERE m.article_id = ?",
            (article_id,),
        )
    }


# -- claims -------------------------------------------------------------------

_CLAIM_SELECT = (
    "SELECT c.article_id, c.idx, c.source_start, c.source_end, c.source_text, c.source_entity,"
    " c.cue_start, c.cue_end, c.cue_text, c.content_start, c.content_end,"
    " c.content_text, c.direct, c.hedges, c.parent, c.negated, c.sentence_start, c.sentence_end,"
    " substr(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence_text,"
    " c.date_sort, a.published, a.title AS article_title, a.source AS article_source"
    " FROM claims c JOIN articles a ON a.id = c.article_id"
)

# a mention of the entity inside the claim's content
_MENTIONED = (
    "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = c.article_id AND m.entity_id IN ({marks})"
    ' AND m.start >= c.content_start AND m."end" <= c.content_end)'
)


def _claims_out(
    store: GraphDB, rows: list[dict[str, Any]], entity_ids: tuple[int, ...] | None = None
) -> list[dict[str, Any]]:
    canon = canonical(store, [r["source_entity"] for r in rows if r["source_entity"] is not None])
    names = labels(store, canon.values())
    wanted = set(entity_ids or ())
    out = []
    for r in rows:
        source = None
        if r["source_start"] is not None:
            c = canon.get(int(r["source_entity"])) if r["source_entity"] is not None else None
            source = {
                "start": r["source_start"],
                "end": r["source_end"],
                "text": r["source_text"] or "",
                "entity": c,
                "name": names.get(c, {}).get("name") if c is not None else None,
            }
        item = {
            "kind": "claim",
            "id": f"{r['article_id']}:{r['idx']}",
            "article_id": r["article_id"],
            "idx": r["idx"],
            "source": source,
            "cue": _span(r["cue_start"], r["cue_end"], r["cue_text"]),
            "content": _span(r["content_start"], r["content_end"], r["content_text"]),
            "direct": bool(r["direct"]),
            "hedges": json.loads(r["hedges"] or "[]"),
            "parent": r["parent"],
            "negated": bool(r["negated"]),
            "sentence": _span(r["sentence_start"], r["sentence_end"], r["sentence_text"]),
            "date": r["date_sort"],
            "published": r["published"],
            "article_title": r["article_title"],
            "article_source": r["article_source"],
        }
        if entity_ids is not None:
            item["role"] = "source" if source and source["entity"] in wanted else "mentioned"
        out.append(item)
    return out


def _claim_where(store: GraphDB, f: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.sources is not None:
        ids = list(members(store, f.sources))
        clauses.append(f"c.source_entity IN ({_marks(ids)})")
        params += ids
    if f.entities is not None:
        ids = list(members(store, f.entities))
        clauses.append(f"(c.source_entity IN ({_marks(ids)}) OR {_MENTIONED.format(marks=_marks(ids))})")
        params += ids * 2
    if f.q:
        clauses.append("(lower(c.content_text) LIKE ? OR lower(c.source_text) LIKE ?)")
        params += [f"%{f.q.lower()}%"] * 2
    if f.start:
        clauses.append("c.date_sort >= ?")
        params.append(f.start)
    if f.end:
        clauses.append("c.date_sort <= ?")
        params.append(f.end)
    if f.article:
        clauses.append("c.article_id = ?")
        params.append(f.article)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def claims(store: GraphDB, f: Filters, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Claims in report-date order; with ``f.entities``, those by the entity or naming it in their content."""
    where, params = _claim_where(store, f)
    rows = store.sql_rows(
        f"{_CLAIM_SELECT} {where} ORDER BY COALESCE(c.date_sort, '{LAST}'), c.article_id, c.idx"
        " LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return _claims_out(store, rows, f.entities)


def claim(store: GraphDB, article_id: str, idx: int) -> dict[str, Any] | None:
    rows = store.sql_rows(f"{_CLAIM_SELECT} WHERE c.article_id = ? AND c.idx = ?", (article_id, idx))
    return _claims_out(store, rows)[0] if rows else None


# -- an entity's timeline and neighbourhood -------------------------------------


def _order(item: dict[str, Any]) -> tuple[str, int, int, str, int]:
    """The timeline's order: by date (undated last), events before claims, then each list's own order."""
    if item["kind"] == "event":
        return item["date"] or LAST, 0, int(item["id"]), "", 0
    return item["date"] or LAST, 1, 0, item["article_id"], int(item["idx"])


def timeline(store: GraphDB, canon: int, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """The merged events the entity takes part in and the claims it makes or is named in, in date order.

    Events sit at the date their reports give (the most given one); claims at their report date.
    """
    ids = (canon,)
    window = offset + limit
    items = events(store, Filters(entities=ids), limit=window) + claims(
        store, Filters(entities=ids), limit=window
    )
    items.sort(key=_order)
    return items[offset:window]


def _claim_pairs(store: GraphDB, where: str, params: Sequence[Any]) -> list[tuple[int, int, str]]:
    """(canonical source, canonical entity named in the content, "CLAIM") for the claims ``where`` selects."""
    rows = store.sql_rows(
        "SELECT c.source_entity AS src, m.entity_id AS other FROM claims c JOIN mentions m"
        ' ON m.article_id = c.article_id AND m.start >= c.content_start AND m."end" <= c.content_end'
        f" WHERE c.source_entity IS NOT NULL AND {where} LIMIT 20000",
        params,
    )
    canon = canonical(store, [int(r["src"]) for r in rows] + [int(r["other"]) for r in rows])
    return [(canon[int(r["src"])], canon[int(r["other"])], "CLAIM") for r in rows]


def _event_pairs(store: GraphDB, group_ids: Sequence[int]) -> list[tuple[int, int, str]]:
    """(canonical entity, canonical entity, kind) for every two participants of each event node.

    The kind is the event's type, or PLACE when one of the two is where it happened.
    """
    parts: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for chunk in _chunks(sorted(set(group_ids))):
        for r in store.sql_rows(
            "SELECT ge.group_id, ge.canon_id, ge.role, g.type FROM event_group_entities ge"
            f" JOIN event_groups g ON g.id = ge.group_id WHERE ge.group_id IN ({_marks(chunk)})"
            " ORDER BY ge.group_id, ge.role, ge.canon_id",
            list(chunk),
        ):
            parts[int(r["group_id"])].append((int(r["canon_id"]), r["role"], r["type"]))
    out = []
    for ps in parts.values():
        for i, (a, role_a, kind) in enumerate(ps):
            for b, role_b, _ in ps[i + 1 :]:
                if a != b:
                    out.append((a, b, "PLACE" if "place" in (role_a, role_b) else kind))
    return out


def neighbourhood(store: GraphDB, canon: int, *, limit: int = 25) -> dict[str, Any]:
    """The canonical entities tied to one by merged events and claims, and the ties among them.

    A tie is an event node both take part in (kinds: its event type, or PLACE when
    one is where it happened) or a claim one makes whose content names the other
    (CLAIM). Edge weights count them; at most ``limit`` nodes, the centre included.
    """
    own_groups = [
        int(r["group_id"])
        for r in store.sql_rows(
            "SELECT DISTINCT group_id FROM event_group_entities WHERE canon_id = ? ORDER BY group_id LIMIT 5000",
            (canon,),
        )
    ]
    mine = list(members(store, [canon]))
    m = _marks(mine)
    ties = [t for t in _event_pairs(store, own_groups) if canon in t[:2]]
    ties += _claim_pairs(store, f"c.source_entity IN ({m})", mine)  # what its claims name
    ties += _claim_pairs(store, f"m.entity_id IN ({m})", mine)  # who names it in a claim
    weight: Counter[int] = Counter()
    for a, b, _ in ties:
        if a != b and canon in (a, b):
            weight[b if a == canon else a] += 1
    keep = [n for n, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[: max(0, limit - 1)]]
    chosen = {canon, *keep}
    if keep:  # ties among the chosen neighbours themselves (those through the centre are in already)
        shared = [
            int(r["group_id"])
            for r in store.sql_rows(
                f"SELECT group_id FROM event_group_entities WHERE canon_id IN ({_marks(keep)})"
                " GROUP BY group_id HAVING COUNT(DISTINCT canon_id) > 1 ORDER BY group_id LIMIT 5000",
                keep,
            )
        ]
        ties += [t for t in _event_pairs(store, shared) if canon not in t[:2]]
        theirs = list(members(store, keep))
        t = _marks(theirs)
        ties += _claim_pairs(store, f"c.source_entity IN ({t}) AND m.entity_id IN ({t})", theirs * 2)
    edges: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for a, b, kind in ties:
        if a != b and a in chosen and b in chosen:
            edges[(min(a, b), max(a, b))][kind] += 1
    names = labels(store, [canon, *keep])
    nodes = [
        {"id": i, "name": names[i]["name"], "type": names[i]["type"], "weight": weight.get(i, 0),
         "center": i == canon}
        for i in [canon, *keep]
        if i in names
    ]  # fmt: skip
    edge_list = [
        {"source": a, "target": b, "weight": sum(kinds.values()), "kinds": dict(sorted(kinds.items()))}
        for (a, b), kinds in sorted(edges.items())
    ]
    return {"center": canon, "nodes": nodes, "edges": edge_list}


# -- articles and counts ----------------------------------------------------------


def article_meta(store: GraphDB, article_id: str) -> dict[str, Any] | None:
    rows = store.sql_rows("SELECT id, published, title, source FROM articles WHERE id = ?", (article_id,))
    return rows[0] if rows else None


def graph_counts(store: GraphDB) -> dict[str, int]:
    """What the graph made of the articles: canonical entities, event nodes, merges, ledger groups."""
    one = store.sql_rows(
        "SELECT (SELECT COUNT(DISTINCT canon_id) FROM entity_canon) AS entities,"
        " (SELECT COUNT(*) FROM entity_merges WHERE undone_at IS NULL) AS entity_merges,"
        " (SELECT COUNT(*) FROM event_groups) AS events,"
        " (SELECT COUNT(*) FROM event_groups WHERE articles > 1) AS events_in_several_articles,"
        " (SELECT COUNT(*) FROM ledger_groups) AS ledger_groups,"
        " (SELECT COUNT(*) FROM ledger_conflicts) AS ledger_conflicts,"
        " (SELECT COUNT(*) FROM articles a WHERE NOT EXISTS"
        "  (SELECT 1 FROM graph_articles ga WHERE ga.article_id = a.id)) AS pending_articles"
    )[0]
    return {k: int(v or 0) for k, v in one.items()}


# -- the ledger -------------------------------------------------------------------

_GROUP_SELECT = (
    "SELECT g.id, g.topic, g.about, g.entries, g.sources, g.conflicts, g.first_date, g.last_date,"
    " (SELECT MIN(le.value) FROM ledger_entries le WHERE le.group_id = g.id) AS low,"
    " (SELECT MAX(COALESCE(le.high, le.value)) FROM ledger_entries le WHERE le.group_id = g.id) AS high"
    " FROM ledger_groups g"
)


def _groups_out(store: GraphDB, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = labels(store, [int(r["about"]) for r in rows if r["about"] is not None])
    for r in rows:
        r["counted"], r["told_with"] = split_topic(r["topic"])
        r["about_name"] = names.get(int(r["about"]), {}).get("name") if r["about"] is not None else None
        r["disputed"] = int(r["conflicts"]) > 0
    return rows


def ledger_groups(
    store: GraphDB,
    *,
    topic: str | None = None,
    about: tuple[int, ...] | None = None,
    disputed: bool | None = None,
    min_entries: int = 1,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Groups of figures about one thing, those with disagreements and most sources first."""
    clauses: list[str] = ["g.entries >= ?"]
    params: list[Any] = [min_entries]
    if topic:
        clauses.append("(lower(g.topic) = ? OR lower(g.topic) LIKE ?)")
        params += [topic.strip().lower(), f"{topic.strip().lower()} · %"]
    if about is not None:
        clauses.append(f"g.about IN ({_marks(about)})")
        params += list(about)
    if disputed is not None:
        clauses.append("g.conflicts > 0" if disputed else "g.conflicts = 0")
    rows = store.sql_rows(
        f"{_GROUP_SELECT} WHERE {' AND '.join(clauses)}"
        " ORDER BY g.conflicts DESC, g.sources DESC, g.entries DESC, g.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return _groups_out(store, rows)


def ledger_group(store: GraphDB, group_id: int) -> dict[str, Any] | None:
    rows = store.sql_rows(f"{_GROUP_SELECT} WHERE g.id = ?", (group_id,))
    return _groups_out(store, rows)[0] if rows else None


def article_figures(store: GraphDB, article_id: str) -> dict[int, dict[str, Any]]:
    """{quantity index in the article: its ledger group (id, topic, about) and whether another source disputes it}."""
    rows = store.sql_rows(
        "SELECT le.idx, g.id, g.topic, g.about,"
        " (SELECT COUNT(*) FROM ledger_conflicts c WHERE c.group_id = le.group_id AND"
        "  ((c.a_article = le.article_id AND c.a_idx = le.idx) OR (c.b_article = le.article_id AND c.b_idx = le.idx)))"
        " AS conflicts FROM ledger_entries le JOIN ledger_groups g ON g.id = le.group_id WHERE le.article_id = ?",
        (article_id,),
    )
    names = labels(store, [int(r["about"]) for r in rows if r["about"] is not None])
    return {
        int(r["idx"]): {
            "group": int(r["id"]),
            "topic": r["topic"],
            "about_name": names.get(int(r["about"]), {}).get("name") if r["about"] is not None else None,
            "disputed": int(r["conflicts"]) > 0,
        }
        for r in rows
    }


def snippet(text: str, start: int, end: int) -> str:
    """The sentence (or so) of ``text`` around ``text[start:end]``, on one line."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = left + 1 if left >= 0 else 0
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left:right].split())


def ledger_entries(
    store: GraphDB, group_id: int, *, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """A group's figures in report order: value and bound, who gave it, where, and which others it contradicts."""
    rows = store.sql_rows(
        "SELECT le.article_id, le.idx, le.value, le.high, le.bound, le.lo, le.hi, le.report_date,"
        ' le.source_key, le.source_name, le.claim, q.text, q.start, q."end", a.title AS article_title,'
        " a.source AS outlet, c.source_text AS said_by, c.source_entity, c.cue_text AS cue, c.hedges,"
        " CASE WHEN q.start > ? THEN q.start - ? ELSE 0 END AS context_start,"
        ' substr(a.text, CASE WHEN q.start > ? THEN q.start - ? + 1 ELSE 1 END, q."end" - q.start + ?)'
        " AS context"
        " FROM ledger_entries le JOIN quantities q ON q.article_id = le.article_id AND q.idx = le.idx"
        " JOIN articles a ON a.id = le.article_id"
        " LEFT JOIN claims c ON c.article_id = le.article_id AND c.idx = le.claim"
        f" WHERE le.group_id = ? ORDER BY COALESCE(le.report_date, '{LAST}'), le.article_id, le.idx"
        " LIMIT ? OFFSET ?",
        [CONTEXT, CONTEXT, CONTEXT, CONTEXT, CONTEXT * 2, group_id, limit, offset],
    )
    ids = {(r["article_id"], int(r["idx"])) for r in rows}
    against: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for c in store.sql_rows(
        "SELECT a_article, a_idx, b_article, b_idx FROM ledger_conflicts WHERE group_id = ?"
        " ORDER BY a_article, a_idx, b_article, b_idx LIMIT 20000",
        (group_id,),
    ):
        a, b = (c["a_article"], int(c["a_idx"])), (c["b_article"], int(c["b_idx"]))
        if a in ids:
            against[a].append(b)
        if b in ids:
            against[b].append(a)
    # a figure's source key is "e:<entity id>" when its source is a known entity
    keyed = {
        r["source_key"]: integer_id(r["source_key"][2:]) for r in rows if r["source_key"].startswith("e:")
    }
    canon = canonical(
        store,
        [i for i in keyed.values() if i is not None]
        + [int(r["source_entity"]) for r in rows if r["source_entity"] is not None],
    )
    out = []
    for r in rows:
        key = (r["article_id"], int(r["idx"]))
        source_entity = None
        if (known := keyed.get(r["source_key"])) is not None:
            source_entity = canon.get(known)
        elif r["source_entity"] is not None:
            source_entity = canon.get(int(r["source_entity"]))
        out.append(
            {
                "id": f"{r['article_id']}:{r['idx']}",
                "article_id": r["article_id"],
                "idx": int(r["idx"]),
                "text": r["text"],
                "start": int(r["start"]),
                "end": int(r["end"]),
                "value": float(r["value"]),
                "high": None if r["high"] is None else float(r["high"]),
                "bound": r["bound"],
                "low_bound": r["lo"],
                "high_bound": r["hi"],
                "published": r["report_date"],
                "source": r["source_name"],
                "source_entity": source_entity,
                "source_key": r["source_key"],
                "said_by": r["said_by"],
                "cue": r["cue"],
                "hedges": json.loads(r["hedges"]) if r["hedges"] else [],
                "claim": r["claim"],
                "outlet": r["outlet"],
                "article_title": r["article_title"],
                "context": snippet(
                    r["context"] or "", int(r["start"]) - int(r["context_start"]),
                    int(r["end"]) - int(r["context_start"]),
                ),
                "disputed": bool(against.get(key)),
                "disagrees_with": [f"{a}:{i}" for a, i in against.get(key, [])],
            }
        )  # fmt: skip
    return out
