"""Exports of the merged graph: GraphML (Gephi, yEd, networkx) and event-data CSV (one row per merged event)."""

from __future__ import annotations

import csv
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

from newsgraph.graph.db import GraphDB, marks
from newsgraph.graph.query import _names, event_rows

__all__ = ["EVENT_COLUMNS", "write_event_csv", "write_graphml"]

EVENT_COLUMNS = [
    "event_id", "date", "dates_given", "actor", "target", "place", "type", "category", "sources", "reports",
    "articles", "denials", "first_published", "first_article", "first_sentence",
]  # fmt: skip


def write_event_csv(db: GraphDB, stream: TextIO) -> int:
    """One row per merged event, in date order; returns the number of rows."""
    writer = csv.writer(stream)
    writer.writerow(EVENT_COLUMNS)
    n = 0
    for g in event_rows(db):
        writer.writerow(
            [g["id"], g["date_value"] or g["date_sort"] or "", g["dates"], g["actor_name"] or "",
             g["target_name"] or "", g["place_name"] or "", g["type"], g["category"] or "", g["sources"],
             g["reports"], g["articles"], g["denials"], g["first_published"] or "", g["first_article"] or "",
             g["sentence"] or ""]
        )  # fmt: skip
        n += 1
    return n


def _data(key: str, value: Any) -> str:
    if value is None:
        return ""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<data key="{key}">{text}</data>'


def write_graphml(db: GraphDB, stream: TextIO) -> tuple[int, int]:
    """Entities and merged events as a bipartite graph (edges carry the role); returns (nodes, edges)."""
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for key, for_, name, type_ in [
        ("label", "node", "label", "string"), ("kind", "node", "kind", "string"),
        ("etype", "node", "entity_type", "string"), ("articles", "node", "articles", "int"),
        ("evtype", "node", "event_type", "string"), ("category", "node", "category", "string"),
        ("date", "node", "date", "string"), ("reports", "node", "reports", "int"),
        ("sources", "node", "sources", "int"), ("dates", "node", "dates_given", "int"),
        ("role", "edge", "role", "string"), ("weight", "edge", "weight", "double"),
    ]:  # fmt: skip
        stream.write(f'  <key id="{key}" for="{for_}" attr.name="{name}" attr.type="{type_}"/>\n')
    stream.write('  <graph id="newsgraph" edgedefault="directed">\n')
    nodes = edges = 0
    canons = [int(r["canon_id"]) for r in db.sql_rows("SELECT DISTINCT canon_id FROM event_group_entities")]
    for i in range(0, len(canons), 500):
        chunk = canons[i : i + 500]
        names = _names(db, chunk)
        info = {
            int(r["id"]): r
            for r in db.sql_rows(
                f"SELECT id, type, articles FROM entities WHERE id IN ({marks(len(chunk))})", chunk
            )
        }
        for c in chunk:
            e = info.get(c, {"type": None, "articles": None})
            stream.write(
                f'    <node id="n{c}">{_data("label", names.get(c))}{_data("kind", "entity")}'
                f"{_data('etype', e['type'])}{_data('articles', e['articles'])}</node>\n"
            )
            nodes += 1
    for g in event_rows(db):
        label = f"{g['type']} {g['date_value'] or g['date_sort'] or ''}".strip()
        stream.write(
            f'    <node id="e{g["id"]}">{_data("label", label)}{_data("kind", "event")}{_data("evtype", g["type"])}'
            f"{_data('category', g['category'])}{_data('date', g['date_value'] or g['date_sort'])}"
            f"{_data('reports', g['reports'])}{_data('sources', g['sources'])}{_data('dates', g['dates'])}</node>\n"
        )
        nodes += 1
        for p in db.sql_rows(
            "SELECT canon_id, role, reports FROM event_group_entities WHERE group_id = ? ORDER BY role, canon_id",
            (g["id"],),
        ):
            ent, ev = f"n{p['canon_id']}", f"e{g['id']}"
            src, dst = (ent, ev) if p["role"] == "actor" else (ev, ent)
            edge_id = quoteattr(f"{src}-{dst}-{p['role']}")
            stream.write(
                f"    <edge id={edge_id} source={quoteattr(src)} target={quoteattr(dst)}>"
                f"{_data('role', p['role'])}{_data('weight', float(p['reports']))}</edge>\n"
            )
            edges += 1
    stream.write("  </graph>\n</graphml>\n")
    return nodes, edges
