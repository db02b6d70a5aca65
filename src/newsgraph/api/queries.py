"""Read-only queries the API and the web pages need beyond the Store protocol.

Each function takes a store and runs parameterised statements through its
``_rows`` helper (``?`` placeholders; the store rewrites them per dialect).
They read the per-article tables (``events``, ``claims``, ``quantities``,
``mentions``, ``article_entities``) and are the one place to re-point when the
graph package's consolidated tables (merged events, the claim ledger) land.

Every list is ordered on a unique key, so ``limit``/``offset`` pages are stable.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from newsgraph.store.base import Store, norm_name

__all__ = [
    "Filters",
    "ReadStore",
    "RowSource",
    "article_meta",
    "claim",
    "claims",
    "cooccurrences",
    "disagreements",
    "entity_names",
    "entity_roles",
    "event",
    "events",
    "figure_values",
    "figures",
    "interval",
    "neighbourhood",
    "resolve_entities",
    "snippet",
    "split_item_id",
    "timeline",
]

LAST = "9999-12-31"  # sorts undated items after dated ones, the same in every dialect


class RowSource(Protocol):
    """What these queries need from a store: parameterised statements returning dict rows."""

    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...

    def find_entities(self, name: str, limit: int = 10) -> list[dict[str, Any]]: ...


class ReadStore(Store, RowSource, Protocol):
    """A store the API reads: the Store protocol and its row helper (both SQL stores have it)."""


@dataclass(frozen=True)
class Filters:
    """Filters shared by events and claims; ``None`` means no filter."""

    type: str | None = None
    category: str | None = None
    entities: tuple[int, ...] | None = None  # involved in any role (events) / source or mentioned (claims)
    places: tuple[int, ...] | None = None
    sources: tuple[int, ...] | None = None
    q: str | None = None
    start: str | None = None  # ISO date, inclusive
    end: str | None = None  # ISO date, inclusive
    article: str | None = None


def _marks(values: Sequence[Any]) -> str:
    """``?, ?, ?`` for a parameter list (an empty list matches nothing)."""
    return ",".join("?" * len(values)) or "NULL"


def _span(start: int | None, end: int | None, text: str | None) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"start": start, "end": end, "text": text or ""}


def split_item_id(item_id: str) -> tuple[str, int] | None:
    """``"<article id>:<index>"`` -> (article id, index); None when malformed."""
    article_id, sep, idx = item_id.rpartition(":")
    if not sep or not article_id or not idx.isdigit() or len(idx) > 9:
        return None
    return article_id, int(idx)


def resolve_entities(store: RowSource, ref: str | None) -> tuple[int, ...] | None:
    """Entity ids a user means by ``ref``: an id, or a name/alias (every exact match, else a partial one)."""
    if ref is None or not ref.strip():
        return None
    ref = ref.strip()
    if ref.isdigit() and len(ref) < 19:
        return (int(ref),)
    return tuple(int(e["id"]) for e in store.find_entities(ref, limit=20))


def entity_names(store: RowSource, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = store._rows(f"SELECT id, name, type FROM entities WHERE id IN ({_marks(wanted)})", wanted)
    return {int(r["id"]): r for r in rows}


# -- events -------------------------------------------------------------------

_EVENT_SELECT = (
    "SELECT e.article_id, e.idx, e.type, e.category, e.trigger_start, e.trigger_end, e.trigger_text,"
    " e.actor, e.target, e.place, ea.name AS actor_name, et.name AS target_name, ep.name AS place_name,"
    " e.time_value, e.time_timex, e.time_source, e.claim, e.negated, e.modality, e.salience,"
    " e.sentence_start, e.sentence_end,"
    " substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence_text,"
    " e.date_sort, a.published, a.title AS article_title, a.source AS article_source"
    " FROM events e JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN entities ea ON ea.id = e.actor LEFT JOIN entities et ON et.id = e.target"
    " LEFT JOIN entities ep ON ep.id = e.place"
)


def _event_out(r: dict[str, Any]) -> dict[str, Any]:
    time = None
    if r["time_value"] is not None:
        time = {"value": r["time_value"], "timex": r["time_timex"], "source": r["time_source"] or "text"}
    return {
        "kind": "event",
        "id": f"{r['article_id']}:{r['idx']}",
        "article_id": r["article_id"],
        "idx": r["idx"],
        "type": r["type"],
        "category": r["category"],
        "trigger": _span(r["trigger_start"], r["trigger_end"], r["trigger_text"]),
        "actor": r["actor"],
        "actor_name": r["actor_name"],
        "target": r["target"],
        "target_name": r["target_name"],
        "place": r["place"],
        "place_name": r["place_name"],
        "time": time,
        "claim": r["claim"],
        "negated": bool(r["negated"]),
        "modality": r["modality"],
        "salience": r["salience"],
        "sentence": _span(r["sentence_start"], r["sentence_end"], r["sentence_text"]),
        "date": r["date_sort"],
        "published": r["published"],
        "article_title": r["article_title"],
        "article_source": r["article_source"],
    }


def _event_where(f: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.type:
        clauses.append("e.type = ?")
        params.append(f.type.upper())
    if f.category:
        clauses.append("e.category = ?")
        params.append(f.category.upper())
    if f.entities is not None:
        ids = list(f.entities)
        m = _marks(ids)
        clauses.append(f"(e.actor IN ({m}) OR e.target IN ({m}) OR e.place IN ({m}))")
        params += ids * 3
    if f.places is not None:
        clauses.append(f"e.place IN ({_marks(f.places)})")
        params += list(f.places)
    if f.q:
        clauses.append("lower(e.trigger_text) LIKE ?")
        params.append(f"%{f.q.lower()}%")
    if f.start:
        clauses.append("e.date_sort >= ?")
        params.append(f.start)
    if f.end:
        clauses.append("e.date_sort <= ?")
        params.append(f.end)
    if f.article:
        clauses.append("e.article_id = ?")
        params.append(f.article)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def events(store: RowSource, f: Filters, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Events in date order (undated last), each with its participants' names and source sentence."""
    where, params = _event_where(f)
    rows = store._rows(
        f"{_EVENT_SELECT} {where} ORDER BY COALESCE(e.date_sort, '{LAST}'), e.article_id, e.idx"
        " LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [_event_out(r) for r in rows]


def event(store: RowSource, article_id: str, idx: int) -> dict[str, Any] | None:
    rows = store._rows(f"{_EVENT_SELECT} WHERE e.article_id = ? AND e.idx = ?", (article_id, idx))
    return _event_out(rows[0]) if rows else None


# -- claims -------------------------------------------------------------------

_CLAIM_SELECT = (
    "SELECT c.article_id, c.idx, c.source_start, c.source_end, c.source_text, c.source_entity,"
    " s.name AS source_name, c.cue_start, c.cue_end, c.cue_text, c.content_start, c.content_end,"
    " c.content_text, c.direct, c.hedges, c.parent, c.negated, c.sentence_start, c.sentence_end,"
    " substr(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence_text,"
    " c.date_sort, a.published, a.title AS article_title, a.source AS article_source"
    " FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN entities s ON s.id = c.source_entity"
)

# a mention of the entity inside the claim's content
_MENTIONED = (
    "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = c.article_id AND m.entity_id IN ({marks})"
    ' AND m.start >= c.content_start AND m."end" <= c.content_end)'
)


def _claim_out(r: dict[str, Any], entity_ids: tuple[int, ...] | None = None) -> dict[str, Any]:
    source = None
    if r["source_start"] is not None:
        source = {
            "start": r["source_start"],
            "end": r["source_end"],
            "text": r["source_text"] or "",
            "entity": r["source_entity"],
            "name": r["source_name"],
        }
    out = {
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
        out["role"] = "source" if r["source_entity"] in entity_ids else "mentioned"
    return out


def _claim_where(f: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.sources is not None:
        clauses.append(f"c.source_entity IN ({_marks(f.sources)})")
        params += list(f.sources)
    if f.entities is not None:
        ids = list(f.entities)
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


def claims(store: RowSource, f: Filters, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Claims in report-date order; with ``f.entities``, those by the entity or naming it in their content."""
    where, params = _claim_where(f)
    rows = store._rows(
        f"{_CLAIM_SELECT} {where} ORDER BY COALESCE(c.date_sort, '{LAST}'), c.article_id, c.idx"
        " LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [_claim_out(r, f.entities) for r in rows]


def claim(store: RowSource, article_id: str, idx: int) -> dict[str, Any] | None:
    rows = store._rows(f"{_CLAIM_SELECT} WHERE c.article_id = ? AND c.idx = ?", (article_id, idx))
    return _claim_out(rows[0]) if rows else None


# -- an entity ----------------------------------------------------------------


def timeline(store: RowSource, entity_id: int, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Events the entity takes part in and claims by or about it, merged in date order.

    Events sit at the date the text gives them; claims at their report date.
    """
    ids = (entity_id,)
    window = offset + limit
    items = events(store, Filters(entities=ids), limit=window) + claims(
        store, Filters(entities=ids), limit=window
    )
    items.sort(key=lambda r: (r["date"] or LAST, r["article_id"], r["kind"], r["idx"]))
    return items[offset:window]


def entity_roles(store: RowSource, entity_id: int) -> list[dict[str, Any]]:
    """The entity's roles in every article, oldest report first, with the organisation resolved."""
    out: list[dict[str, Any]] = []
    for r in store._rows(
        "SELECT ae.article_id, ae.roles, a.published, a.title FROM article_entities ae"
        " JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ? AND ae.roles != '[]'"
        f" ORDER BY COALESCE(a.published, '{LAST}'), ae.article_id, ae.local_id",
        (entity_id,),
    ):
        for role in json.loads(r["roles"]):
            org_id = org_name = None
            if role.get("org"):
                found = store._rows(
                    "SELECT entity_id, name FROM article_entities WHERE article_id = ? AND local_id = ?",
                    (r["article_id"], role["org"]),
                )
                if found:
                    org_id, org_name = found[0]["entity_id"], found[0]["name"]
            out.append(
                {
                    "title": role.get("title") or "",
                    "org": org_id,
                    "org_name": org_name,
                    "from": role.get("from"),
                    "until": role.get("until"),
                    "evidence": role.get("evidence"),
                    "article_id": r["article_id"],
                    "published": r["published"],
                    "article_title": r["title"],
                }
            )
    return out


def cooccurrences(store: RowSource, entity_id: int, *, limit: int = 20) -> list[dict[str, Any]]:
    """Entities reported in the same articles, by the number of articles they share."""
    return store._rows(
        "SELECT e.id, e.name, e.type, COUNT(DISTINCT o.article_id) AS articles"
        " FROM article_entities me JOIN article_entities o"
        " ON o.article_id = me.article_id AND o.entity_id != me.entity_id"
        " JOIN entities e ON e.id = o.entity_id WHERE me.entity_id = ?"
        " GROUP BY e.id, e.name, e.type ORDER BY articles DESC, e.name, e.id LIMIT ?",
        (entity_id, limit),
    )


def _event_ties(rows: Iterable[dict[str, Any]]) -> Iterable[tuple[int, int, str]]:
    """(from, to, kind) for every pair of participants of each event: actor->target, both->place."""
    for r in rows:
        actor, target, place, kind = r["actor"], r["target"], r["place"], r["type"]
        if actor is not None and target is not None:
            yield actor, target, kind
        for who in (actor, target):
            if who is not None and place is not None:
                yield who, place, "PLACE"


def neighbourhood(store: RowSource, entity_id: int, *, limit: int = 25) -> dict[str, Any]:
    """The entities tied to one by events and claims, and the ties among them, at most ``limit`` nodes.

    A tie is an event both take part in (actor, target, place) or a claim one
    makes whose content names the other. Edge weights count those.
    """
    ties: list[tuple[int, int, str]] = list(
        _event_ties(
            store._rows(
                "SELECT actor, target, place, type FROM events WHERE actor = ? OR target = ? OR place = ?",
                (entity_id, entity_id, entity_id),
            )
        )
    )
    for r in store._rows(
        "SELECT c.source_entity AS src, m.entity_id AS other FROM claims c JOIN mentions m"
        ' ON m.article_id = c.article_id AND m.start >= c.content_start AND m."end" <= c.content_end'
        " WHERE c.source_entity IS NOT NULL AND (c.source_entity = ? OR m.entity_id = ?)",
        (entity_id, entity_id),
    ):
        ties.append((r["src"], r["other"], "CLAIM"))
    weight: Counter[int] = Counter()
    for a, b, _ in ties:
        if a != b:
            weight[b if a == entity_id else a] += 1
    keep = [n for n, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[: max(0, limit - 1)]]
    nodes_ids = [entity_id, *keep]
    chosen = set(nodes_ids)
    if keep:  # ties among the chosen neighbours themselves (those through the centre are in already)
        m = _marks(keep)
        ties += list(
            _event_ties(
                store._rows(
                    "SELECT actor, target, place, type FROM events WHERE"
                    f" ((actor IN ({m}) AND (target IN ({m}) OR place IN ({m})))"
                    f" OR (target IN ({m}) AND place IN ({m})))"
                    " AND COALESCE(actor, -1) != ? AND COALESCE(target, -1) != ? AND COALESCE(place, -1) != ?",
                    [*keep * 5, entity_id, entity_id, entity_id],
                )
            )
        )
        for r in store._rows(
            "SELECT c.source_entity AS src, m.entity_id AS other FROM claims c JOIN mentions m"
            ' ON m.article_id = c.article_id AND m.start >= c.content_start AND m."end" <= c.content_end'
            f" WHERE c.source_entity IN ({m}) AND m.entity_id IN ({m})",
            keep * 2,
        ):
            ties.append((r["src"], r["other"], "CLAIM"))
    edges: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for a, b, kind in ties:
        if a != b and a in chosen and b in chosen:
            edges[(a, b)][kind] += 1
    names = entity_names(store, nodes_ids)
    nodes = [
        {
            "id": i,
            "name": names[i]["name"] if i in names else str(i),
            "type": names[i]["type"] if i in names else "",
            "weight": weight.get(i, 0),
            "center": i == entity_id,
        }
        for i in nodes_ids
        if i in names
    ]
    edge_list = [
        {"source": a, "target": b, "weight": sum(kinds.values()), "kinds": dict(sorted(kinds.items()))}
        for (a, b), kinds in sorted(edges.items())
    ]
    return {"center": entity_id, "nodes": nodes, "edges": edge_list}


# -- articles -----------------------------------------------------------------


def article_meta(store: RowSource, article_id: str) -> dict[str, Any] | None:
    rows = store._rows("SELECT id, published, title, source FROM articles WHERE id = ?", (article_id,))
    return rows[0] if rows else None


# -- the figure ledger --------------------------------------------------------
# Figures are grouped by what is counted (unit) and what it is about (entity or none),
# until the graph package's ledger gives consolidated figures.


def figures(
    store: RowSource,
    *,
    unit: str | None = None,
    about: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Figure groups (unit, about), most reported first, with their range and dates."""
    clauses: list[str] = ["q.unit IS NOT NULL"]
    params: list[Any] = []
    if unit:
        clauses.append("q.unit = ?")
        params.append(unit)
    if about is not None:
        clauses.append("q.about = ?")
        params.append(about)
    return store._rows(
        "SELECT q.unit, q.about, e.name AS about_name, COUNT(*) AS count,"
        " COUNT(DISTINCT q.article_id) AS articles, MIN(q.value) AS low,"
        " MAX(COALESCE(q.high, q.value)) AS high, MIN(a.published) AS first, MAX(a.published) AS last"
        " FROM quantities q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.about"
        f" WHERE {' AND '.join(clauses)} GROUP BY q.unit, q.about, e.name"
        " ORDER BY count DESC, q.unit, COALESCE(q.about, 0) LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


_CONTEXT = 160  # characters of article text either side of a figure


def figure_values(
    store: RowSource, unit: str, about: int | None, *, limit: int = 500
) -> list[dict[str, Any]]:
    """Every value reported for one figure, in report order, with who reported it and where."""
    about_clause = "q.about = ?" if about is not None else "q.about IS NULL"
    params: list[Any] = [_CONTEXT, _CONTEXT, _CONTEXT, _CONTEXT, _CONTEXT * 2, unit]
    if about is not None:
        params.append(about)
    rows = store._rows(
        'SELECT q.article_id, q.idx, q.start, q."end", q.text, q.value, q.unit, q.bound, q.high, q.about,'
        " q.derived, q.claim, a.published, a.title AS article_title, a.source AS article_source,"
        " c.source_text, c.source_entity, s.name AS source_name, c.cue_text,"
        " CASE WHEN q.start > ? THEN q.start - ? ELSE 0 END AS context_start,"
        ' substr(a.text, CASE WHEN q.start > ? THEN q.start - ? + 1 ELSE 1 END, q."end" - q.start + ?)'
        " AS context"
        " FROM quantities q JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN claims c ON c.article_id = q.article_id AND c.idx = q.claim"
        " LEFT JOIN entities s ON s.id = c.source_entity"
        f" WHERE q.unit = ? AND {about_clause}"
        f" ORDER BY COALESCE(a.published, '{LAST}'), q.article_id, q.idx LIMIT ?",
        [*params, limit],
    )
    out = []
    for r in rows:
        said_by = r["source_name"] or r["source_text"]
        source_key = (
            f"entity:{r['source_entity']}"
            if r["source_entity"] is not None
            else f"said:{norm_name(said_by)}"
            if said_by
            else f"outlet:{norm_name(r['article_source'])}"
            if r["article_source"]
            else f"article:{r['article_id']}"
        )
        out.append(
            {
                "id": f"{r['article_id']}:{r['idx']}",
                "article_id": r["article_id"],
                "idx": r["idx"],
                "text": r["text"],
                "start": r["start"],
                "end": r["end"],
                "value": r["value"],
                "high": r["high"],
                "bound": r["bound"],
                "unit": r["unit"],
                "derived": bool(r["derived"]),
                "claim": r["claim"],
                "source": said_by,
                "source_entity": r["source_entity"],
                "source_key": source_key,
                "outlet": r["article_source"],
                "published": r["published"],
                "article_title": r["article_title"],
                "context": snippet(
                    r["context"] or "", r["start"] - r["context_start"], r["end"] - r["context_start"]
                ),
            }
        )
    return out


def snippet(text: str, start: int, end: int) -> str:
    """The sentence (or so) of ``text`` around ``text[start:end]``, on one line."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = left + 1 if left >= 0 else 0
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left:right].split())


def interval(value: float, high: float | None, bound: str) -> tuple[float, float]:
    """The values a reported figure allows: exact ±1%, approx ±10%, upper/lower bounds, ranges."""
    if bound == "range" and high is not None:
        return min(value, high), max(value, high)
    if bound == "upper":
        return float("-inf"), value
    if bound == "lower":
        return value, float("inf")
    tolerance = 0.10 if bound == "approx" else 0.01
    spread = abs(value) * tolerance
    return value - spread, value + spread


def _day(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def disagreements(values: Sequence[dict[str, Any]], *, window_days: int = 30) -> list[tuple[str, str]]:
    """Pairs of value ids that contradict each other.

    Two values disagree when different sources report them within ``window_days``
    of each other (or either date is unknown) and no number fits both.
    """
    out: list[tuple[str, str]] = []
    spans = [interval(v["value"], v["high"], v["bound"]) for v in values]
    days = [_day(v["published"]) for v in values]
    for i, a in enumerate(values):
        for j in range(i + 1, len(values)):
            b = values[j]
            if a["source_key"] == b["source_key"]:
                continue
            di, dj = days[i], days[j]
            if di and dj and abs((di - dj).days) > window_days:
                continue
            (lo_a, hi_a), (lo_b, hi_b) = spans[i], spans[j]
            if hi_a < lo_b or hi_b < lo_a:
                out.append((a["id"], b["id"]))
    return out
