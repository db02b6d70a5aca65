"""Event merging across articles: reports of one real-world event become one event node.

A report joins an existing node when nothing contradicts and there is positive
evidence. Contradictions: typed events of different types; another entity of
the same kind in the same role (a partial name of the node's entity is no
other entity: "Reid" and "Tara Reid"); another place; dates that cannot be
the same (exact days at most a few days apart are tolerated on strong
evidence, and the disagreement is kept). Evidence: shared participants, the
same place, the same day, the same trigger word or one of its family
(``data/event_families.tsv``: "killed"/"shooting", "arrested"/"taken into
custody"), the same article, and how alike the two articles are (rare words
and names in common, :mod:`newsgraph.graph.docsim`): compatible trigger words
in alike articles are one event even when no participant or date is known, as
in ECB+. When a report fits two nodes strongly, it merges them (reports that
arrived in another order would have made them one). Denials ("Russia denied
that ...") join the node they deny and are counted as denials.

After an entity merge the nodes that named the merged entities are compared
again (:func:`remerge_groups`); after an undone merge the nodes holding reports
of the moved entities are taken apart and their reports placed again
(:func:`split_entities`). Candidates come from indexed lookups (participants by
canonical entity, type and date window; trigger keys by type and stem, and by
family), article similarity reads a few latest articles of a few candidates,
so the cost of adding a report does not grow with the store.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from newsgraph.graph.dates import DateSpan, date_span, gap_days
from newsgraph.graph.db import GraphDB, marks
from newsgraph.graph.docsim import Profiles
from newsgraph.graph.names import names_compatible, type_group
from newsgraph.graph.triggers import families, trigger_stem
from newsgraph.normalize.time import sort_key
from newsgraph.store.base import norm_name

__all__ = [
    "GroupView",
    "Report",
    "add_articles",
    "distinct_dates",
    "rebuild_participants",
    "rekey_entity",
    "score",
    "trigger_stem",
]

DATE_TOLERANCE = 3  # days two exact dates of one event may differ (kept and shown as a disagreement)
WINDOW = 45  # days around a report searched for candidate nodes
CANDIDATES = 60
DOC_SIM = 0.15  # how alike two articles must be for the same trigger word alone to merge their reports
DOC_SIM_FAMILY = 0.25  # the same for triggers of one family (a looser match needs more alike articles)
MEMBERS = 8  # articles of a candidate node compared with the report's article (its latest)
RANKED = 5  # nodes the report fits already whose articles are compared, to rank them
_ROLES = ("actor", "target", "place")


@dataclass
class Report:
    """One stored event as a report of a real-world event (participants as canonical entities)."""

    article_id: str
    idx: int
    type: str
    category: str | None
    stem: str
    actor: int | None = None
    target: int | None = None
    place: int | None = None
    types: dict[int, str] = field(default_factory=dict)  # canonical id -> entity type
    span: DateSpan | None = None
    date_value: str | None = None
    date_source: str | None = None
    published: str | None = None
    denial: bool = False
    source_key: str = ""
    families: frozenset[str] = frozenset()  # families of the trigger word (newsgraph.graph.triggers)
    names: dict[int, str] = field(default_factory=dict)  # canonical id -> its name

    def role(self, role: str) -> int | None:
        value: int | None = getattr(self, role)
        return value


@dataclass
class GroupView:
    """What a candidate node shows a new report."""

    id: int
    type: str
    category: str | None
    roles: dict[str, int | None]  # most reported canonical entity per role
    participants: dict[int, str]  # every canonical participant -> its entity type
    span: DateSpan | None
    stems: set[str]
    same_article: bool = False
    families: set[str] = field(default_factory=set)
    names: dict[int, str] = field(default_factory=dict)  # participant -> its name
    doc_sim: float = 0.0  # how alike the report's article is to the node's most alike article


def _shared(r: Report, g: GroupView, canon: int) -> str | None:
    """Whether the report's participant is one of the node's: "same" entity, "partial" name, or None."""
    if canon in g.participants:
        return "same"
    mine = r.names.get(canon)
    if not mine:
        return None
    kind = r.types.get(canon, "")
    for other, their_type in g.participants.items():
        theirs = g.names.get(other)
        if theirs and type_group(their_type) == type_group(kind) and names_compatible(mine, theirs, kind):
            return "partial"
    return None


def triggers_agree(r: Report, g: GroupView) -> str | None:
    """ "stem" when the node was reported with the report's trigger, "family" with a word of its family."""
    if r.stem and r.stem in g.stems:
        return "stem"
    if r.families & g.families:
        return "family"
    return None


def score(r: Report, g: GroupView) -> tuple[float, dict[str, Any]] | None:
    """How well a report fits a node (higher is better), with the evidence; None when it cannot be the same event.

    Nothing may contradict: the event types agree (or the triggers are one word
    or of one family), no other entity of the same kind fills a role, the places
    and dates can be the same. Then there must be positive evidence: shared
    participants (partial names count), the same place, the same day, the same
    trigger word or family, the same article, or articles alike enough
    (:data:`DOC_SIM`) for reports told with compatible words.
    """
    trig = triggers_agree(r, g)
    if r.type != g.type and (trig is None or "OTHER" not in (r.type, g.type)):
        return None  # two typed events of different types; an untyped one may join by its trigger
    if r.category and g.category and r.category != g.category and trig is None:
        return None
    gap = 0
    if r.span is not None and g.span is not None:
        gap = gap_days(r.span, g.span)
        if gap and not (r.span.exact_day and g.span.exact_day and gap <= DATE_TOLERANCE):
            return None
    ev: dict[str, Any] = {"type": r.type}
    shared, partial = [], []
    partial_of: set[int] = set()  # the node's participants the report names by part of their name
    for role in ("actor", "target"):
        mine, theirs = r.role(role), g.roles.get(role)
        if mine is None:
            continue
        how = _shared(r, g, mine)
        if how == "same":
            shared.append(mine)
        elif how == "partial":
            partial.append(mine)
            if theirs is not None:
                partial_of.add(theirs)
        elif theirs is not None and type_group(r.types.get(mine, "")) == type_group(
            g.participants.get(theirs, "")
        ):
            return None  # another entity of the same kind in the same role
    place_match = False
    if r.place is not None:
        gp = g.roles.get("place")
        if _shared(r, g, r.place) is not None:
            place_match = True
        elif gp is not None and gp not in (r.actor, r.target):
            return None  # reported in different places
    same_day = (
        r.span is not None
        and g.span is not None
        and r.span.exact_day
        and g.span.exact_day
        and r.span.first == g.span.first
    )
    stem = trig is not None
    if r.type == "OTHER" and not stem:
        return None  # an untyped event says nothing of what happened but its trigger
    alike = g.doc_sim >= (DOC_SIM if trig == "stem" else DOC_SIM_FAMILY)
    signals = int(place_match) + int(same_day) + int(stem)
    n = len(set(shared)) + len(set(partial))
    if gap:  # exact days a little apart: one event only on strong evidence
        covered = all(
            g.roles.get(role) is None or g.roles.get(role) in shared or g.roles.get(role) in partial_of
            for role in ("actor", "target")
        )  # every party of the node named by the report (one actor resigning, not one of two signing)
        if not (n >= 2 or (n >= 1 and (place_match or (stem and covered)))):
            return None
        ev["dates_disagree_days"] = gap
    weak = r.span is not None and g.span is not None and r.span.weak and g.span.weak
    if n >= 2:  # in one article, the same parties told with other words and no date in common: another event
        ok = stem or signals >= 1 or not g.same_article
    elif n == 1:
        ok = signals >= 1 and (not weak or place_match or stem)
    else:
        ok = stem and (same_day or (g.same_article and trig == "stem") or place_match or alike)
    if not ok:
        return None
    if shared:
        ev["shared_participants"] = sorted(set(shared))
    if partial:
        ev["partial_names"] = sorted(set(partial))
    if place_match:
        ev["same_place"] = r.place
    if same_day:
        ev["same_day"] = r.span.first.isoformat() if r.span else None
    if trig == "stem":
        ev["same_trigger"] = r.stem
    elif trig == "family":
        ev["trigger_family"] = sorted(r.families & g.families)
    if g.doc_sim:
        ev["articles_alike"] = round(g.doc_sim, 3)
    if g.same_article:
        ev["same_article"] = True
    s = (
        len(set(shared)) + 0.7 * len(set(partial)) + 0.5 * place_match + 0.5 * same_day
        + (0.3 if trig == "stem" else 0.2 if trig else 0.0) + 0.5 * g.same_article + g.doc_sim
    )  # fmt: skip
    return round(s, 3), ev


# -- reading ------------------------------------------------------------------------------------------

_REPORTS = (
    "SELECT e.article_id, e.idx, e.type, e.category, e.trigger_text, e.time_value, e.time_source,"
    " e.negated, a.published, a.source AS outlet, c.negated AS claim_negated,"
    " c.source_entity, c.source_text,"
    " COALESCE(ca.canon_id, e.actor) AS actor, COALESCE(ct.canon_id, e.target) AS target,"
    " COALESCE(cp.canon_id, e.place) AS place, COALESCE(cs.canon_id, c.source_entity) AS source_canon,"
    " xa.type AS actor_type, xt.type AS target_type, xp.type AS place_type,"
    " xa.name AS actor_name, xt.name AS target_name, xp.name AS place_name"
    " FROM events e JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN claims c ON c.article_id = e.article_id AND c.idx = e.claim"
    " LEFT JOIN entity_canon ca ON ca.entity_id = e.actor"
    " LEFT JOIN entity_canon ct ON ct.entity_id = e.target"
    " LEFT JOIN entity_canon cp ON cp.entity_id = e.place"
    " LEFT JOIN entity_canon cs ON cs.entity_id = c.source_entity"
    " LEFT JOIN entities xa ON xa.id = e.actor LEFT JOIN entities xt ON xt.id = e.target"
    " LEFT JOIN entities xp ON xp.id = e.place"
)


def source_key(outlet: str | None, article_id: str, source_canon: int | None, source_text: str | None) -> str:
    """Who a report or figure comes from: the quoted source when there is one, else the outlet."""
    if source_canon is not None:
        return f"e:{source_canon}"
    where = f"o:{norm_name(outlet)}" if outlet and norm_name(outlet) else f"a:{article_id}"
    if source_text and norm_name(source_text):
        return f"s:{norm_name(source_text)}@{where}"
    return where


def _report(row: dict[str, Any]) -> Report:
    types, names = {}, {}
    for role in _ROLES:
        if row[role] is not None:
            types[int(row[role])] = str(row[f"{role}_type"] or "")
            names[int(row[role])] = str(row[f"{role}_name"] or "")
    span = date_span(row["time_value"], row["time_source"], row["published"])
    return Report(
        article_id=row["article_id"],
        idx=int(row["idx"]),
        type=row["type"],
        category=row["category"],
        stem=trigger_stem(row["trigger_text"] or ""),
        families=families(row["trigger_text"] or ""),
        names=names,
        actor=None if row["actor"] is None else int(row["actor"]),
        target=None if row["target"] is None else int(row["target"]),
        place=None if row["place"] is None else int(row["place"]),
        types=types,
        span=span,
        date_value=row["time_value"],
        date_source=row["time_source"],
        published=row["published"],
        denial=bool(row["negated"]) or bool(row["claim_negated"]),
        source_key=source_key(row["outlet"], row["article_id"], row["source_canon"], row["source_text"]),
    )


def _group_span(row: dict[str, Any]) -> DateSpan | None:
    if row["date_value"]:
        return date_span(row["date_value"], "text", None)
    return date_span(None, "published", row["first_published"])


def _candidates(db: GraphDB, r: Report) -> list[int]:
    lo = hi = None
    if r.span is not None:
        lo = (r.span.first - dt.timedelta(days=WINDOW)).isoformat()
        hi = (r.span.last + dt.timedelta(days=WINDOW)).isoformat()
    ids: list[int] = []
    for canon in {x for x in (r.actor, r.target, r.place) if x is not None}:
        if lo is not None:
            rows = db.sql_rows(
                "SELECT group_id FROM event_group_entities WHERE canon_id = ? AND type = ?"
                " AND date_sort BETWEEN ? AND ? ORDER BY date_sort DESC LIMIT ?",
                (canon, r.type, lo, hi, CANDIDATES),
            )
        else:
            rows = db.sql_rows(
                "SELECT group_id FROM event_group_entities WHERE canon_id = ? AND type = ?"
                " ORDER BY date_sort DESC LIMIT ?",
                (canon, r.type, CANDIDATES),
            )
        ids += [int(x["group_id"]) for x in rows]
    if r.stem:
        key = f"{r.type}|{r.stem}"
        if lo is not None:
            rows = db.sql_rows(
                "SELECT group_id FROM event_group_keys WHERE key = ? AND date_sort BETWEEN ? AND ?"
                " ORDER BY date_sort DESC LIMIT ?",
                (key, lo, hi, CANDIDATES),
            )
        else:
            rows = db.sql_rows(
                "SELECT group_id FROM event_group_keys WHERE key = ? ORDER BY date_sort DESC LIMIT ?",
                (key, CANDIDATES),
            )
        ids += [int(x["group_id"]) for x in rows]
    for fam in sorted(r.families):
        if lo is not None:
            rows = db.sql_rows(
                "SELECT group_id FROM event_group_keys WHERE key = ? AND date_sort BETWEEN ? AND ?"
                " ORDER BY date_sort DESC LIMIT ?",
                (f"@{fam}", lo, hi, CANDIDATES),
            )
        else:
            rows = db.sql_rows(
                "SELECT group_id FROM event_group_keys WHERE key = ? ORDER BY date_sort DESC LIMIT ?",
                (f"@{fam}", CANDIDATES),
            )
        ids += [int(x["group_id"]) for x in rows]
    if r.stem or r.families:
        # reports of this article already placed (the same event named twice in one article)
        rows = db.sql_rows(
            "SELECT m.group_id FROM event_members m JOIN event_groups g ON g.id = m.group_id"
            " WHERE m.article_id = ? AND g.type = ?",
            (r.article_id, r.type),
        )
        ids += [int(x["group_id"]) for x in rows]
    return list(dict.fromkeys(ids))


def _views(db: GraphDB, ids: list[int], article_id: str) -> list[GroupView]:
    if not ids:
        return []
    groups = db.sql_rows(
        "SELECT id, type, category, actor, target, place, date_value, first_published FROM event_groups"
        f" WHERE id IN ({marks(len(ids))})",
        ids,
    )
    parts: dict[int, dict[int, str]] = {i: {} for i in ids}
    names: dict[int, dict[int, str]] = {i: {} for i in ids}
    for p in db.sql_rows(
        "SELECT ge.group_id, ge.canon_id, e.type, e.name FROM event_group_entities ge"
        f" LEFT JOIN entities e ON e.id = ge.canon_id WHERE ge.group_id IN ({marks(len(ids))})",
        ids,
    ):
        parts[int(p["group_id"])][int(p["canon_id"])] = str(p["type"] or "")
        names[int(p["group_id"])][int(p["canon_id"])] = str(p["name"] or "")
    stems: dict[int, set[str]] = {i: set() for i in ids}
    fams: dict[int, set[str]] = {i: set() for i in ids}
    for k in db.sql_rows(
        f"SELECT group_id, key FROM event_group_keys WHERE group_id IN ({marks(len(ids))})", ids
    ):
        key = str(k["key"])
        if key.startswith("@"):
            fams[int(k["group_id"])].add(key[1:])
        else:
            stems[int(k["group_id"])].add(key.split("|", 1)[1])
    mine = {
        int(x["group_id"])
        for x in db.sql_rows("SELECT group_id FROM event_members WHERE article_id = ?", (article_id,))
    }
    return [
        GroupView(
            id=int(g["id"]),
            type=g["type"],
            category=g["category"],
            roles={role: (None if g[role] is None else int(g[role])) for role in _ROLES},
            participants=parts[int(g["id"])],
            span=_group_span(g),
            stems=stems[int(g["id"])],
            same_article=int(g["id"]) in mine,
            families=fams[int(g["id"])],
            names=names[int(g["id"])],
        )
        for g in groups
    ]


# -- writing ------------------------------------------------------------------------------------------


def _new_group(db: GraphDB, r: Report) -> int:
    cur = db.sql_execute(
        "INSERT INTO event_groups (type, category, first_article, first_idx, first_published)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id",
        (r.type, r.category, r.article_id, r.idx, r.published),
    )
    return int(cur.fetchone()[0])


def _join(db: GraphDB, group_id: int, r: Report, s: float, evidence: dict[str, Any]) -> None:
    new_article = not db.sql_rows(
        "SELECT 1 FROM event_members WHERE article_id = ? AND group_id = ? LIMIT 1", (r.article_id, group_id)
    )
    new_source = not db.sql_rows(
        "SELECT 1 FROM event_members WHERE group_id = ? AND source_key = ? LIMIT 1", (group_id, r.source_key)
    )
    db.sql_execute(
        "INSERT INTO event_members (article_id, idx, group_id, score, evidence, source_key, denial, date_value,"
        " date_source, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (r.article_id, r.idx, group_id, s, json.dumps(evidence, ensure_ascii=False), r.source_key,
         int(r.denial), r.date_value, r.date_source, r.published),
    )  # fmt: skip
    if r.span is not None and not r.span.weak:  # a date the text gives, not the report's
        db.sql_execute(
            "INSERT INTO event_group_dates (group_id, date_value, reports) VALUES (?, ?, 1)"
            " ON CONFLICT (group_id, date_value) DO UPDATE SET reports = event_group_dates.reports + 1",
            (group_id, r.date_value),
        )
    db.sql_execute(
        "UPDATE event_groups SET reports = reports + 1, articles = articles + ?, sources = sources + ?,"
        " denials = denials + ?, category = COALESCE(category, ?) WHERE id = ?",
        (int(new_article), int(new_source), int(r.denial), r.category, group_id),
    )
    first = db.sql_rows("SELECT first_published FROM event_groups WHERE id = ?", (group_id,))[0]
    if r.published and (first["first_published"] is None or r.published < first["first_published"]):
        db.sql_execute(
            "UPDATE event_groups SET first_article = ?, first_idx = ?, first_published = ? WHERE id = ?",
            (r.article_id, r.idx, r.published, group_id),
        )
    for role in _ROLES:
        canon = r.role(role)
        if canon is not None:
            db.sql_execute(
                "INSERT INTO event_group_entities (canon_id, group_id, role, type, date_sort, reports)"
                " VALUES (?, ?, ?, ?, NULL, 1) ON CONFLICT (canon_id, group_id, role)"
                " DO UPDATE SET reports = event_group_entities.reports + 1",
                (canon, group_id, role, r.type),
            )
    keys = ([f"{r.type}|{r.stem}"] if r.stem else []) + [f"@{f}" for f in sorted(r.families)]
    for key in keys:
        db.sql_execute(
            "INSERT INTO event_group_keys (key, group_id, date_sort) VALUES (?, ?, NULL) ON CONFLICT DO NOTHING",
            (key, group_id),
        )
    _refresh(db, group_id)


def _refresh(db: GraphDB, group_id: int) -> None:
    """Recompute a node's date (the most given), its main participants, and spread the date to its keys."""
    dates = db.sql_rows(
        "SELECT date_value, reports FROM event_group_dates WHERE group_id = ? ORDER BY reports DESC, date_value",
        (group_id,),
    )
    g = db.sql_rows("SELECT first_published FROM event_groups WHERE id = ?", (group_id,))[0]
    kept = distinct_dates([(d["date_value"], int(d["reports"])) for d in dates])
    value = kept[0][0] if kept else None
    span = date_span(value, "text", None) if value else None
    date_sort = sort_key(value, g["first_published"])
    roles: dict[str, tuple[int, int] | None] = dict.fromkeys(_ROLES)
    for p in db.sql_rows(
        "SELECT canon_id, role, reports FROM event_group_entities WHERE group_id = ? ORDER BY canon_id",
        (group_id,),
    ):
        best = roles[p["role"]]
        if best is None or int(p["reports"]) > best[1]:
            roles[p["role"]] = (int(p["canon_id"]), int(p["reports"]))
    db.sql_execute(
        "UPDATE event_groups SET date_value = ?, date_sort = ?, date_exact = ?, dates = ?,"
        " actor = ?, target = ?, place = ? WHERE id = ?",
        (value, date_sort, int(bool(span and span.exact_day)), len(kept),
         *((roles[x] or (None,))[0] for x in _ROLES), group_id),
    )  # fmt: skip
    db.sql_execute("UPDATE event_group_entities SET date_sort = ? WHERE group_id = ?", (date_sort, group_id))
    db.sql_execute("UPDATE event_group_keys SET date_sort = ? WHERE group_id = ?", (date_sort, group_id))


def distinct_dates(dates: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The dates reports give that no more precise date refines, most reported (then most precise) first.

    "2024" and "2024-06-19" are one date said more or less precisely; "2024-06-18"
    and "2024-06-19" are two, and the node shows both.
    """
    spans = {v: date_span(v, "text", None) for v, _ in dates}
    kept = []
    for v, n in dates:
        sv = spans[v]
        refined = sv is not None and any(
            o != v
            and (so := spans[o]) is not None
            and sv.first <= so.first
            and so.last <= sv.last
            and (so.last - so.first) < (sv.last - sv.first)
            for o, _ in dates
        )
        if not refined:
            kept.append((v, n))
    return sorted(kept, key=lambda x: (-x[1], -len(x[0]), x[0]))


def _doc_sims(db: GraphDB, profiles: Profiles, r: Report, views: list[GroupView]) -> None:
    """Set how alike the report's article is to each node's most alike article (of its latest ones)."""
    members: dict[int, list[str]] = {}
    for v in views:
        latest = db.sql_rows(
            "SELECT article_id FROM event_members WHERE group_id = ? ORDER BY published DESC NULLS LAST LIMIT ?",
            (v.id, MEMBERS * 3),
        )
        members[v.id] = list(dict.fromkeys(str(x["article_id"]) for x in latest))[:MEMBERS]
    profiles.load([r.article_id, *(a for ids in members.values() for a in ids)])
    for v in views:
        v.doc_sim = max((profiles.similarity(r.article_id, a) for a in members[v.id]), default=0.0)


def _worth_comparing(r: Report, views: list[GroupView]) -> list[GroupView]:
    """The nodes for which how alike the articles are can matter: those the report fits already (the
    best few, to rank them) and those it would fit if the articles were alike."""
    fits, maybe = [], []
    for v in views:
        if v.same_article or triggers_agree(r, v) is None:
            continue
        found = score(r, v)
        if found is not None:
            fits.append((found[0], v))
            continue
        v.doc_sim = 1.0
        if score(r, v) is not None:
            maybe.append(v)
        v.doc_sim = 0.0
    fits.sort(key=lambda f: -f[0])
    return [v for _, v in fits[:RANKED]] + maybe


def _bridges(r: Report, best: GroupView, other: GroupView, evidence: dict[str, Any]) -> bool:
    """Whether a second node the report fits is the same event as the node it joined (the report links them).

    Only on strong evidence: the report's trigger word or family in both, its article
    alike to both (or a participant shared), and nothing between the two nodes that
    contradicts (type and trigger, dates, the main participants of each role).
    """
    if other.same_article and best.same_article:
        return False  # two events this article tells apart
    if "same_trigger" not in evidence and "trigger_family" not in evidence:
        return False
    if not (evidence.get("articles_alike", 0.0) >= DOC_SIM_FAMILY or evidence.get("shared_participants")):
        return False
    if best.type != other.type and not (best.families & other.families or best.stems & other.stems):
        return False
    if best.span is not None and other.span is not None and gap_days(best.span, other.span):
        return False
    for role in _ROLES:
        x, y = best.roles.get(role), other.roles.get(role)
        if (
            x is not None
            and y is not None
            and x != y
            and x not in other.participants
            and y not in best.participants
        ):
            return False
    return True


def place_report(db: GraphDB, r: Report, profiles: Profiles | None = None) -> tuple[int, bool]:
    """Put one report in the best fitting node, or a new one; returns (node id, joined an existing node).

    Nodes that the report fits as strongly as the one it joins (:func:`_bridges`)
    are merged into it: reports arriving in another order would have made them one.
    """
    views = _views(db, _candidates(db, r), r.article_id)
    if profiles is not None:
        _doc_sims(db, profiles, r, _worth_comparing(r, views))
    fits = []
    for view in views:
        found = score(r, view)
        if found is not None:
            fits.append((found[0], view, found[1]))
    if not fits:
        group_id = _new_group(db, r)
        _join(db, group_id, r, 0.0, {"new": True, "type": r.type})
        return group_id, False
    fits.sort(key=lambda f: (-f[0], f[1].id))
    s, best, evidence = fits[0]
    _join(db, best.id, r, s, evidence)
    for _, other, ev in fits[1:]:
        if _bridges(r, best, other, ev):
            merge_groups(db, best.id, other.id, {"bridged_by": [r.article_id, r.idx]})
    return best.id, True


def merge_groups(db: GraphDB, keep: int, absorb: int, evidence: dict[str, Any]) -> None:
    """Move every report of node ``absorb`` into node ``keep`` (cost: the absorbed node's size)."""
    if keep == absorb:
        return
    note = json.dumps({"merged_into": keep, **evidence}, ensure_ascii=False)
    db.sql_execute(
        "UPDATE event_members SET group_id = ?, evidence = substr(evidence, 1, length(evidence) - 1)"
        " || ', \"node_merge\": ' || ? || '}' WHERE group_id = ?",
        (keep, note, absorb),
    )
    for d in db.sql_rows("SELECT date_value, reports FROM event_group_dates WHERE group_id = ?", (absorb,)):
        db.sql_execute(
            "INSERT INTO event_group_dates (group_id, date_value, reports) VALUES (?, ?, ?)"
            " ON CONFLICT (group_id, date_value) DO UPDATE SET reports = event_group_dates.reports + excluded.reports",
            (keep, d["date_value"], d["reports"]),
        )
    for p in db.sql_rows(
        "SELECT canon_id, role, type, reports FROM event_group_entities WHERE group_id = ?", (absorb,)
    ):
        db.sql_execute(
            "INSERT INTO event_group_entities (canon_id, group_id, role, type, date_sort, reports)"
            " VALUES (?, ?, ?, ?, NULL, ?) ON CONFLICT (canon_id, group_id, role)"
            " DO UPDATE SET reports = event_group_entities.reports + excluded.reports",
            (p["canon_id"], keep, p["role"], p["type"], p["reports"]),
        )
    for k in db.sql_rows("SELECT key FROM event_group_keys WHERE group_id = ?", (absorb,)):
        db.sql_execute(
            "INSERT INTO event_group_keys (key, group_id, date_sort) VALUES (?, ?, NULL) ON CONFLICT DO NOTHING",
            (k["key"], keep),
        )
    for table in ("event_group_dates", "event_group_entities", "event_group_keys"):
        db.sql_execute(f"DELETE FROM {table} WHERE group_id = ?", (absorb,))
    gone = db.sql_rows(
        "SELECT reports, denials, first_article, first_idx, first_published, category FROM event_groups WHERE id = ?",
        (absorb,),
    )[0]
    db.sql_execute("DELETE FROM event_groups WHERE id = ?", (absorb,))
    _recount(db, keep, gone)
    _refresh(db, keep)


def _recount(db: GraphDB, group_id: int, gone: dict[str, Any] | None = None) -> None:
    """Recount a node's articles and sources from its members (after members moved in)."""
    n = db.sql_rows(
        "SELECT COUNT(*) AS reports, COUNT(DISTINCT article_id) AS articles, COUNT(DISTINCT source_key) AS sources,"
        " COALESCE(SUM(denial), 0) AS denials FROM event_members WHERE group_id = ?",
        (group_id,),
    )[0]
    first = db.sql_rows(
        "SELECT article_id, idx, published FROM event_members WHERE group_id = ?"
        " ORDER BY published IS NULL, published, article_id, idx LIMIT 1",
        (group_id,),
    )
    f = first[0] if first else {"article_id": None, "idx": None, "published": None}
    db.sql_execute(
        "UPDATE event_groups SET reports = ?, articles = ?, sources = ?, denials = ?, first_article = ?,"
        " first_idx = ?, first_published = ?, category = COALESCE(category, ?) WHERE id = ?",
        (n["reports"], n["articles"], n["sources"], n["denials"], f["article_id"], f["idx"], f["published"],
         gone["category"] if gone else None, group_id),
    )  # fmt: skip


def add_articles(db: GraphDB, article_ids: list[str], profiles: Profiles | None = None) -> int:
    """Place every event of these (newly stored) articles; returns how many joined an existing node."""
    if not article_ids:
        return 0
    rows = db.sql_rows(
        _REPORTS + " LEFT JOIN event_members done ON done.article_id = e.article_id AND done.idx = e.idx"
        f" WHERE e.article_id IN ({marks(len(article_ids))}) AND done.group_id IS NULL"
        " ORDER BY a.published, e.article_id, e.idx",
        article_ids,
    )
    joined = 0
    for row in rows:
        _, did_join = place_report(db, _report(row), profiles)
        joined += did_join
    return joined


def rekey_entity(db: GraphDB, absorbed: int, into: int) -> None:
    """After an entity merge: nodes that named the absorbed entity now name the one it joined."""
    rows = db.sql_rows(
        "SELECT group_id, role, type, date_sort, reports FROM event_group_entities WHERE canon_id = ?",
        (absorbed,),
    )
    for r in rows:
        db.sql_execute(
            "INSERT INTO event_group_entities (canon_id, group_id, role, type, date_sort, reports)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (canon_id, group_id, role)"
            " DO UPDATE SET reports = event_group_entities.reports + excluded.reports",
            (into, r["group_id"], r["role"], r["type"], r["date_sort"], r["reports"]),
        )
    db.sql_execute("DELETE FROM event_group_entities WHERE canon_id = ?", (absorbed,))
    touched = sorted({int(r["group_id"]) for r in rows})
    for gid in touched:
        _refresh(db, gid)
    remerge_groups(db, touched)


def _node_report(db: GraphDB, group_id: int) -> Report | None:
    """A node seen as one report of itself (its main participants, date, trigger words), to compare with others."""
    views = _views(db, [group_id], "")
    if not views:
        return None
    v = views[0]
    return Report(
        article_id="", idx=-1, type=v.type, category=v.category, stem=min(v.stems) if v.stems else "",
        actor=v.roles.get("actor"), target=v.roles.get("target"), place=v.roles.get("place"),
        types=dict(v.participants), span=v.span, families=frozenset(v.families), names=dict(v.names),
    )  # fmt: skip


def remerge_groups(db: GraphDB, group_ids: list[int]) -> list[tuple[int, int]]:
    """After an entity merge: nodes that now name one entity where they named two may be one event.

    Each node whose participants changed is compared, as one report, with the
    candidates found through the indexes (as a new report would be); a fitting
    node absorbs it. Returns the (kept, absorbed) pairs. Only these nodes and
    their candidates are read.
    """
    merged: list[tuple[int, int]] = []
    gone: set[int] = set()
    for gid in group_ids:
        if gid in gone:
            continue
        r = _node_report(db, gid)
        if r is None:
            continue
        best: tuple[float, GroupView, dict[str, Any]] | None = None
        for view in _views(db, [c for c in _candidates(db, r) if c != gid], ""):
            found = score(r, view)
            if found is not None and (best is None or found[0] > best[0]):
                best = (found[0], view, found[1])
        if best is None or not (best[2].get("shared_participants") or best[2].get("partial_names")):
            continue  # only a shared participant (the merged entity, typically) merges whole nodes
        keep, absorb = (best[1].id, gid) if best[1].id < gid else (gid, best[1].id)
        merge_groups(db, keep, absorb, {"after_entity_merge": True, **best[2]})
        gone.add(absorb)
        merged.append((keep, absorb))
    return merged


def split_entities(db: GraphDB, moved: list[int]) -> int:
    """After an undone entity merge: the nodes holding reports that name the moved entities are taken
    apart and their reports placed again (with the entities as they now are). Returns how many nodes."""
    if not moved:
        return 0
    m = marks(len(moved))
    gids = sorted(
        {
            int(r["group_id"])
            for r in db.sql_rows(
                "SELECT DISTINCT mb.group_id FROM events e JOIN event_members mb"
                " ON mb.article_id = e.article_id AND mb.idx = e.idx"
                f" WHERE e.actor IN ({m}) OR e.target IN ({m}) OR e.place IN ({m})",
                [*moved, *moved, *moved],
            )
        }
    )
    rows: list[dict[str, Any]] = []
    for gid in gids:
        rows += db.sql_rows(
            _REPORTS + " JOIN event_members mb ON mb.article_id = e.article_id AND mb.idx = e.idx"
            " WHERE mb.group_id = ?",
            (gid,),
        )
        for table in ("event_group_dates", "event_group_entities", "event_group_keys", "event_members"):
            db.sql_execute(f"DELETE FROM {table} WHERE group_id = ?", (gid,))
        db.sql_execute("DELETE FROM event_groups WHERE id = ?", (gid,))
    rows.sort(key=lambda r: (r["published"] or "", r["article_id"], int(r["idx"])))
    profiles = Profiles(db)
    for row in rows:
        place_report(db, _report(row), profiles)
    return len(gids)


def rebuild_participants(db: GraphDB, canon_ids: list[int]) -> None:
    """After an undone entity merge: recount the participants of every node that named these entities."""
    gids = sorted(
        {
            int(r["group_id"])
            for r in db.sql_rows(
                f"SELECT group_id FROM event_group_entities WHERE canon_id IN ({marks(len(canon_ids))})",
                canon_ids,
            )
        }
    )
    for gid in gids:
        db.sql_execute("DELETE FROM event_group_entities WHERE group_id = ?", (gid,))
        for row in db.sql_rows(
            _REPORTS
            + " JOIN event_members m ON m.article_id = e.article_id AND m.idx = e.idx WHERE m.group_id = ?",
            (gid,),
        ):
            r = _report(row)
            for role in _ROLES:
                canon = r.role(role)
                if canon is not None:
                    db.sql_execute(
                        "INSERT INTO event_group_entities (canon_id, group_id, role, type, date_sort, reports)"
                        " VALUES (?, ?, ?, ?, NULL, 1) ON CONFLICT (canon_id, group_id, role)"
                        " DO UPDATE SET reports = event_group_entities.reports + 1",
                        (canon, gid, role, r.type),
                    )
        _refresh(db, gid)
