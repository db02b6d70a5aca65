"""The claim ledger: figures about the same thing across articles and sources, and where they disagree.

A figure (a stored quantity) is filed under a topic (what it counts: troops,
casualties, ...) and the canonical entity it is about ("North Korean" troops).
Each entry keeps the report date, who said it and its bound; two entries from
different sources, reported within :data:`WINDOW` days of each other, whose
intervals do not overlap ("up to 12,000" against "at least 15,000") are a
conflict. Contradicting claims (denials) are the event nodes that some reports
assert and others deny (see :mod:`newsgraph.graph.events`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.graph.db import GraphDB
from newsgraph.graph.events import source_key

__all__ = [
    "Entry",
    "add_articles",
    "counted_states",
    "counted_topic",
    "disagree",
    "interval",
    "rekey_entity",
    "split_entity",
    "topic_of",
]

WINDOW = 31  # days within which two sources' figures on one topic are compared
EXACT_SLACK = 0.03  # an "exact" figure is read as +-3% (reports round)
APPROX_SLACK = 0.15  # "about", "some", "nearly": +-15%
NEAR_MENTION = 3  # characters between a figure and the entity right after it ("12,000 North Korean troops")
WINDOW_CHARS = 160  # how far before a figure its subject is looked for, outside claims and sentences
SUBJECT_LABELS = ("NORP", "GPE", "ORG", "PERSON", "LOC", "FAC")


@lru_cache(maxsize=1)
def _units() -> dict[str, str]:
    text = resources.files("newsgraph.graph").joinpath("data", "units.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            unit, topic = line.split("\t")
            out[unit.strip().casefold()] = topic.strip()
    return out


def topic_of(unit: str | None) -> str | None:
    """The ledger topic of a unit ("soldiers" -> "troops"), or None for units the ledger does not track."""
    if not unit:
        return None
    return _units().get(unit.strip().casefold())


@lru_cache(maxsize=1)
def _states() -> dict[str, str]:
    text = (
        resources.files("newsgraph.graph").joinpath("data", "counted_states.tsv").read_text(encoding="utf-8")
    )
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, state = line.split("\t")
            out[word.strip().casefold()] = state.strip()
    return out


_WORDS = re.compile(r"[A-Za-z]+(?:/[A-Za-z]+)?|[,.;:]")
_AUX = frozenset({"were", "was", "are", "is", "have", "has", "had", "been", "being", "be", "reportedly", "later",
                  "all", "either", "both", "who", "that", "which", "since"})  # fmt: skip
_JOIN = frozenset({"or", "and", "and/or", ","})
_BEFORE = re.compile(r"(?P<verb>[A-Za-z]+)\s+(?:(?:at least|up to|about|some|nearly|more than|over)\s+)?$")


def counted_states(text: str, start: int, end: int) -> tuple[str, ...]:
    """What happened to what a figure counts, from the words next to it: ("killed", "wounded") for
    "30 people were killed or wounded", ("killed",) for "killed 12 civilians", () when nothing is said.

    After the figure: up to three words of the counted noun ("people", "North Korean troops"),
    auxiliaries, then state words joined by "or"/"and"; before it: a state verb ("killed 12").
    """
    states = _states()
    words = [w.casefold() for w in _WORDS.findall(text[end : end + 100])][:14]
    found: list[str] = []
    i = 0
    while (
        i < len(words) and i < 3 and words[i] not in states and words[i] not in _AUX and words[i] not in _JOIN
    ):
        i += 1  # the counted noun and its modifiers
    while i < len(words) and words[i] in _AUX:
        i += 1
    while i < len(words) and words[i] in states:
        found.append(states[words[i]])
        i += 1
        while i < len(words) and (words[i] in _JOIN or words[i] in _AUX):
            i += 1
    if not found:
        before = _BEFORE.search(text[max(0, start - 40) : start])
        if before and before.group("verb").casefold() in states:
            found.append(states[before.group("verb").casefold()])
    return tuple(sorted(set(found)))


def counted_topic(unit: str | None, states: tuple[str, ...]) -> str | None:
    """The ledger topic of a figure from its unit and the states of what it counts.

    "people" + (killed, wounded) -> "killed/wounded" (as "14 dead or injured"); "dead" (a state as
    unit) -> "killed"; "troops" + (killed,) -> "troops killed" (a part of all killed). Figures with
    different topics are never compared.
    """
    base = topic_of(unit)
    if base is None:
        return None
    if base == "people" and states:
        return "/".join(states)
    own = _states().get(base.casefold())
    if own is not None or base in set(_states().values()):
        merged = tuple(sorted({own or base, *states}))
        return "/".join(merged)
    return f"{base} {'/'.join(states)}" if states else base


def interval(value: float, bound: str, high: float | None) -> tuple[float | None, float | None]:
    """The values a figure allows: (low, high), None meaning unbounded."""
    if bound == "upper":
        return 0.0, value
    if bound == "lower":
        return value, None
    if bound == "range":
        return value, high if high is not None else value
    slack = APPROX_SLACK if bound == "approx" else EXACT_SLACK
    return value * (1 - slack), value * (1 + slack)


def disagree(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    """True when two intervals share no value."""
    a_lo, a_hi = a[0] or 0.0, a[1]
    b_lo, b_hi = b[0] or 0.0, b[1]
    return (a_hi is not None and a_hi < b_lo) or (b_hi is not None and b_hi < a_lo)


@dataclass(frozen=True)
class Entry:
    article_id: str
    idx: int
    topic: str
    about: int
    value: float
    high: float | None
    bound: str
    report_date: str | None
    source_key: str
    source_name: str | None
    claim: int | None


def _days(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0


def _subject(q: dict[str, Any], mentions: list[dict[str, Any]], region: tuple[int, int]) -> int | None:
    """The entity a figure is about when the extractor left ``about`` empty.

    The entity named right after the figure ("12,000 North Korean troops"), else
    the first one named in the claim or sentence before it ("North Korean forces
    ... had suffered 4,000 casualties").
    """
    after = [
        m for m in mentions if 0 <= m["start"] - q["end"] <= NEAR_MENTION and m["label"] in SUBJECT_LABELS
    ]
    if after:
        return int(after[0]["canon"])
    before = [
        m
        for m in mentions
        if region[0] <= m["start"] and m["end"] <= q["start"] and m["label"] in SUBJECT_LABELS
    ]
    return int(before[0]["canon"]) if before else None


def _qualified(topic: str, q: dict[str, Any], events: list[dict[str, Any]]) -> str:
    """The topic with the kind of event the figure is told with: troops sent (MOBILIZE) are not troops killed (ASSAULT).

    The event whose trigger is nearest the figure in its sentence decides.
    """
    near = [
        (abs(int(e["trigger_start"]) - int(q["start"])), str(e["type"]))
        for e in events
        if int(e["sentence_start"]) <= int(q["start"]) and int(q["end"]) <= int(e["sentence_end"])
    ]
    return f"{topic} · {min(near)[1]}" if near else topic


def _topic(text: str, q: dict[str, Any], events: list[dict[str, Any]]) -> str:
    """A figure's topic: its unit with what happened to what it counts when the text says
    ("people killed/wounded"), else its unit qualified by the event it is told with."""
    states = counted_states(text, int(q["start"]), int(q["end"]))
    if states:
        return str(counted_topic(q["unit"], states))
    return _qualified(str(topic_of(q["unit"])), q, events)


def _entries(db: GraphDB, article_id: str) -> list[Entry]:
    quantities = db.sql_rows(
        'SELECT q.idx, q.start, q."end", q.value, q.unit, q.bound, q.high, q.derived, q.claim,'
        " COALESCE(ca.canon_id, q.about) AS about FROM quantities q"
        " LEFT JOIN entity_canon ca ON ca.entity_id = q.about"
        " LEFT JOIN ledger_entries done ON done.article_id = q.article_id AND done.idx = q.idx"
        " WHERE q.article_id = ? AND done.group_id IS NULL ORDER BY q.idx",
        (article_id,),
    )
    quantities = [q for q in quantities if not q["derived"] and topic_of(q["unit"])]
    if not quantities:
        return []
    art = db.sql_rows("SELECT published, source, text FROM articles WHERE id = ?", (article_id,))[0]
    mentions = db.sql_rows(
        'SELECT m.start, m."end", m.label, COALESCE(c.canon_id, m.entity_id) AS canon FROM mentions m'
        " LEFT JOIN entity_canon c ON c.entity_id = m.entity_id WHERE m.article_id = ? ORDER BY m.start",
        (article_id,),
    )
    claims = {
        int(c["idx"]): c
        for c in db.sql_rows(
            "SELECT c.idx, c.content_start, c.source_text, c.source_entity,"
            " COALESCE(cs.canon_id, c.source_entity) AS source_canon, s.name AS source_name FROM claims c"
            " LEFT JOIN entity_canon cs ON cs.entity_id = c.source_entity"
            " LEFT JOIN entities s ON s.id = COALESCE(cs.canon_id, c.source_entity) WHERE c.article_id = ?",
            (article_id,),
        )
    }
    events = db.sql_rows(
        "SELECT type, trigger_start, sentence_start, sentence_end FROM events WHERE article_id = ?"
        " AND sentence_start IS NOT NULL ORDER BY idx",
        (article_id,),
    )
    sentences = sorted({(int(s["sentence_start"]), int(s["sentence_end"])) for s in events})
    out = []
    for q in quantities:
        claim = claims.get(q["claim"]) if q["claim"] is not None else None
        about = q["about"]
        if about is None:
            if claim is not None:
                region = (int(claim["content_start"]), int(q["start"]))
            else:
                inside = [s for s in sentences if s[0] <= q["start"] and q["end"] <= s[1]]
                region = (
                    (inside[0][0], int(q["start"]))
                    if inside
                    else (int(q["start"]) - WINDOW_CHARS, int(q["start"]))
                )
            about = _subject(q, mentions, region)
        if about is None:
            continue
        key = source_key(
            art["source"],
            article_id,
            None if claim is None or claim["source_canon"] is None else int(claim["source_canon"]),
            None if claim is None else claim["source_text"],
        )
        name = None
        if claim is not None:
            name = claim["source_name"] or claim["source_text"]
        out.append(
            Entry(
                article_id=article_id,
                idx=int(q["idx"]),
                topic=_topic(art["text"] or "", q, events),
                about=int(about),
                value=float(q["value"]),
                high=None if q["high"] is None else float(q["high"]),
                bound=str(q["bound"]),
                report_date=art["published"],
                source_key=key,
                source_name=name or art["source"],
                claim=None if q["claim"] is None else int(q["claim"]),
            )
        )
    return out


def _group(db: GraphDB, topic: str, about: int) -> int:
    key = f"{topic}|{about}"
    rows = db.sql_rows("SELECT id FROM ledger_groups WHERE key = ?", (key,))
    if rows:
        return int(rows[0]["id"])
    cur = db.sql_execute(
        "INSERT INTO ledger_groups (key, topic, about) VALUES (?, ?, ?) RETURNING id", (key, topic, about)
    )
    return int(cur.fetchone()[0])


def _conflicts_of(db: GraphDB, group_id: int, e: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Entries of other sources near ``e`` in report date whose figures exclude its figure."""
    lo = hi = None
    if e["report_date"]:
        d = dt.date.fromisoformat(e["report_date"][:10])
        lo = (d - dt.timedelta(days=WINDOW)).isoformat()
        hi = (d + dt.timedelta(days=WINDOW)).isoformat() + "~"
    rows = db.sql_rows(
        "SELECT article_id, idx, lo, hi, report_date, source_key FROM ledger_entries WHERE group_id = ?"
        + (" AND report_date BETWEEN ? AND ?" if lo else "")
        + " AND source_key != ? LIMIT 500",
        [group_id, *([lo, hi] if lo else []), e["source_key"]],
    )
    out = []
    for o in rows:
        if (o["article_id"], o["idx"]) == (e["article_id"], e["idx"]):
            continue
        if disagree((e["lo"], e["hi"]), (o["lo"], o["hi"])):
            a, b = sorted(
                [
                    (o["report_date"] or "", o["article_id"], o["idx"]),
                    (e["report_date"] or "", e["article_id"], e["idx"]),
                ]
            )
            out.append((group_id, a[1], a[2], b[1], b[2], _days(a[0], b[0])))
    return out


def _refresh(db: GraphDB, group_id: int) -> None:
    db.sql_execute(
        "UPDATE ledger_groups SET entries = (SELECT COUNT(*) FROM ledger_entries WHERE group_id = ?),"
        " sources = (SELECT COUNT(DISTINCT source_key) FROM ledger_entries WHERE group_id = ?),"
        " conflicts = (SELECT COUNT(*) FROM ledger_conflicts WHERE group_id = ?),"
        " first_date = (SELECT MIN(report_date) FROM ledger_entries WHERE group_id = ?),"
        " last_date = (SELECT MAX(report_date) FROM ledger_entries WHERE group_id = ?) WHERE id = ?",
        (group_id,) * 6,
    )


def _add_entry(db: GraphDB, group_id: int, e: Entry) -> None:
    lo, hi = interval(e.value, e.bound, e.high)
    db.sql_execute(
        "INSERT INTO ledger_entries (article_id, idx, group_id, value, high, bound, lo, hi, report_date,"
        " source_key, source_name, claim) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (e.article_id, e.idx, group_id, e.value, e.high, e.bound, lo, hi, e.report_date, e.source_key,
         e.source_name, e.claim),
    )  # fmt: skip
    row = {"article_id": e.article_id, "idx": e.idx, "lo": lo, "hi": hi, "report_date": e.report_date,
           "source_key": e.source_key}  # fmt: skip
    db.sql_executemany(
        "INSERT INTO ledger_conflicts (group_id, a_article, a_idx, b_article, b_idx, days)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        _conflicts_of(db, group_id, row),
    )


def add_articles(db: GraphDB, article_ids: list[str]) -> int:
    """File the figures of these (newly stored) articles in the ledger; returns how many were filed."""
    touched: set[int] = set()
    n = 0
    for article_id in article_ids:
        for e in _entries(db, article_id):
            gid = _group(db, e.topic, e.about)
            _add_entry(db, gid, e)
            touched.add(gid)
            n += 1
    for gid in sorted(touched):
        _refresh(db, gid)
    return n


def rekey_entity(db: GraphDB, absorbed: int, into: int) -> None:
    """After an entity merge: figures about the absorbed entity join the ledger groups of the one it joined."""
    for g in db.sql_rows("SELECT id, topic FROM ledger_groups WHERE about = ?", (absorbed,)):
        old = int(g["id"])
        target = db.sql_rows("SELECT id FROM ledger_groups WHERE key = ?", (f"{g['topic']}|{into}",))
        if not target:
            db.sql_execute(
                "UPDATE ledger_groups SET about = ?, key = ? WHERE id = ?",
                (into, f"{g['topic']}|{into}", old),
            )
            continue
        new = int(target[0]["id"])
        moved = db.sql_rows(
            "SELECT article_id, idx, lo, hi, report_date, source_key FROM ledger_entries WHERE group_id = ?",
            (old,),
        )
        db.sql_execute("UPDATE ledger_entries SET group_id = ? WHERE group_id = ?", (new, old))
        db.sql_execute("UPDATE ledger_conflicts SET group_id = ? WHERE group_id = ?", (new, old))
        for e in moved:
            db.sql_executemany(
                "INSERT INTO ledger_conflicts (group_id, a_article, a_idx, b_article, b_idx, days)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                _conflicts_of(db, new, e),
            )
        db.sql_execute("DELETE FROM ledger_groups WHERE id = ?", (old,))
        _refresh(db, new)


def split_entity(db: GraphDB, root: int, changed: dict[int, int]) -> None:
    """After an undone entity merge: re-file the figures about ``root`` under the entity each is about now."""
    groups = [int(r["id"]) for r in db.sql_rows("SELECT id FROM ledger_groups WHERE about = ?", (root,))]
    if not groups or not changed:
        return
    moved: set[tuple[str, int]] = set()
    for gid in groups:
        for r in db.sql_rows("SELECT article_id, idx FROM ledger_entries WHERE group_id = ?", (gid,)):
            moved.add((r["article_id"], int(r["idx"])))
        db.sql_execute("DELETE FROM ledger_conflicts WHERE group_id = ?", (gid,))
        db.sql_execute("DELETE FROM ledger_entries WHERE group_id = ?", (gid,))
    touched = set(groups)
    for article_id in sorted({a for a, _ in moved}):
        for e in _entries(db, article_id):
            if (e.article_id, e.idx) in moved:
                gid = _group(db, e.topic, e.about)
                _add_entry(db, gid, e)
                touched.add(gid)
    for gid in sorted(touched):
        _refresh(db, gid)
