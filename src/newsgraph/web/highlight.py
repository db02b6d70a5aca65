"""An article's extraction laid over its text, as a tree of marks for the article page.

Spans of different kinds overlap (a date inside a claim, a name inside a
date's phrase), so :func:`nest` splits any span that crosses the end of the
one it starts in and returns properly nested nodes. The template renders them;
text is never joined into HTML here, so the template's escaping covers it all.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Mark", "Node", "describe_timex", "figure_text", "marks_for", "nest", "number"]

# outer layers first when two spans start together and end together
LAYERS = {"focus": 0, "claim": 1, "source": 2, "cue": 2, "entity": 3, "timex": 3, "figure": 3, "trigger": 4}


@dataclass(frozen=True)
class Mark:
    """One span to show: its kind, CSS classes, the hover text, and an optional link and anchor."""

    start: int
    end: int
    kind: str
    cls: str
    tip: str
    href: str | None = None
    anchor: str | None = None


@dataclass
class Node:
    """A run of text (``mark`` is None) or a mark holding child nodes."""

    start: int
    end: int
    mark: Mark | None = None
    text: str | None = None
    children: list[Node] = field(default_factory=list)
    first: bool = True  # False on the pieces of a split mark after its first
    link: bool = False  # render as a link (never inside another link)


def nest(text: str, marks: list[Mark]) -> list[Node]:
    """Properly nested nodes covering ``text``; marks that cross their container are split."""
    n = len(text)
    heap: list[tuple[int, int, int, int, bool, Mark]] = []
    for seq, m in enumerate(marks):
        start, end = max(0, m.start), min(n, m.end)
        if start < end:
            heap.append((start, -end, LAYERS.get(m.kind, 5), seq, True, m))
    heapq.heapify(heap)
    root = Node(0, n)
    stack = [root]
    while heap:
        start, neg_end, layer, seq, first, mark = heapq.heappop(heap)
        end = -neg_end
        while len(stack) > 1 and stack[-1].end <= start:
            stack.pop()
        parent = stack[-1]
        if end > parent.end:  # crosses the container's end: keep the inside, queue the rest
            heapq.heappush(heap, (parent.end, -end, layer, seq, False, mark))
            end = parent.end
        node = Node(start, end, mark=mark, first=first)
        parent.children.append(node)
        stack.append(node)
    _fill(root, text, in_link=False)
    return root.children


def _fill(node: Node, text: str, *, in_link: bool) -> None:
    """Add the text runs between children, and decide which marks become links."""
    node.link = bool(node.mark and node.mark.href and not in_link)
    inside_link = in_link or node.link
    filled: list[Node] = []
    pos = node.start
    for child in node.children:
        if child.start > pos:
            filled.append(Node(pos, child.start, text=text[pos : child.start]))
        _fill(child, text, in_link=inside_link)
        filled.append(child)
        pos = child.end
    if pos < node.end:
        filled.append(Node(pos, node.end, text=text[pos : node.end]))
    node.children = filled


_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


_AGO_SCALES = {"KA": "thousand", "MA": "million", "GA": "billion"}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def describe_timex(value: str) -> str:
    """A reader's gloss of a TIMEX3 value: ``2024-FA`` -> "autumn 2024", ``P1M`` -> "a duration: P1M"."""
    v = value.strip()
    if v in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}[v]
    if not v or v.startswith("XXXX"):
        return "not resolved"
    if v.startswith("P"):
        return f"a duration: {v}"
    if m := re.fullmatch(r"BC(\d+)", v):
        return f"{int(m[1])} BC"
    if m := re.fullmatch(r"(KA|MA|GA)([\d.]+)", v):
        return f"{m[2]} {_AGO_SCALES[m[1]]} years ago"
    if re.fullmatch(r"\d{3}", v):
        return f"the {v}0s"
    if re.fullmatch(r"\d{2}", v):
        return f"the {_ordinal(int(v) + 1)} century"
    parts = v.split("-")
    try:
        if len(parts) == 1 and len(v) == 4:
            return v
        if len(parts) == 2 and parts[1] in _SEASONS:
            return f"{_SEASONS[parts[1]]} {parts[0]}"
        if len(parts) == 2 and parts[1].startswith("Q"):
            return f"quarter {parts[1][1:]} of {parts[0]}"
        if len(parts) == 2 and parts[1].startswith("W"):
            return f"week {parts[1][1:]} of {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) >= 3:
            day = parts[2][:2]
            return f"{int(day)} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return v


def number(value: float) -> str:
    """A figure's number for reading: 50,000,000,000 and 12,000 in full, 0.35 as it is."""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{value:,.0f}"
    return f"{value:,.6g}"


def figure_text(q: dict[str, Any]) -> str:
    """A figure in words: "at least 40 protesters", "12 to 15 troops"."""
    value = number(q["value"])
    unit = q.get("unit") or "(no unit)"
    bound = q.get("bound") or "exact"
    if bound == "range" and q.get("high") is not None:
        return f"{value} to {number(q['high'])} {unit}"
    word = {"upper": "at most", "lower": "at least", "approx": "about"}.get(bound, "")
    return f"{word} {value} {unit}".strip()


def marks_for(
    result: dict[str, Any],
    global_ids: dict[str, int],
    *,
    entity_href: str = "/ui/entities/{}",
    event_href: str = "/ui/events/{}",
    focus: tuple[str, int] | None = None,
    merged: dict[int, dict[str, Any]] | None = None,
    resolved: dict[str, str] | None = None,
) -> list[Mark]:
    """Marks for every entity mention, date, figure, claim and event trigger of a contract result.

    ``global_ids`` maps the result's entity ids to the entities their links lead to;
    ``merged`` maps event indexes to their merged event (``{"event", "reports", "articles"}``):
    a trigger then links to it and its note says how widely it was reported.
    ``resolved`` maps the result's entity ids to the names of the entities they resolved to
    across articles ("Rusu" -> "Elena Rusu"), shown in the mentions' notes.
    """
    merged = merged or {}
    resolved = resolved or {}
    entities = {e["id"]: e for e in result.get("entities", [])}

    def name(local: str | None) -> str | None:
        return entities[local]["name"] if local in entities else None

    marks: list[Mark] = []
    for e in entities.values():
        gid = global_ids.get(e["id"])
        href = entity_href.format(gid) if gid is not None else None
        for m in e.get("mentions", []):
            tip = f"{m['text']} → {resolved.get(e['id']) or e['name']} ({e['type']})"
            if e.get("kb"):
                tip += " " + ", ".join(f"{k}:{v}" for k, v in sorted(e["kb"].items()))
            marks.append(Mark(m["start"], m["end"], "entity", f"mk ent t-{e['type']}", tip, href))
    for i, t in enumerate(result.get("timexes", [])):
        tip = f"{t['type'].lower()} {t['value']}: {describe_timex(t['value'])}"
        marks.append(Mark(t["start"], t["end"], "timex", "mk timex", tip, anchor=f"t{i}"))
    for i, q in enumerate(result.get("quantities", [])):
        tip = f"figure: {figure_text(q)}"
        if q.get("about"):
            tip += f" · about {name(q['about'])}"
        marks.append(Mark(q["start"], q["end"], "figure", "mk fig", tip, anchor=f"q{i}"))
    for i, c in enumerate(result.get("claims", [])):
        src = c.get("source")
        who = (name(src.get("entity")) or src["text"]) if src else "unattributed"
        how = "quoted" if c.get("direct") else "reported"
        hedges = f" · hedged: {', '.join(c['hedges'])}" if c.get("hedges") else ""
        neg = " · negated" if c.get("negated") else ""
        marks.append(
            Mark(c["content"]["start"], c["content"]["end"], "claim", "mk claim",
                 f"claim {i + 1}: {how}, according to {who}{hedges}{neg}", anchor=f"c{i}")
        )  # fmt: skip
        marks.append(Mark(c["cue"]["start"], c["cue"]["end"], "cue", "mk cue", f"cue of claim {i + 1}"))
        if src:
            marks.append(
                Mark(src["start"], src["end"], "source", "mk src", f"source of claim {i + 1}: {who}")
            )
    for i, ev in enumerate(result.get("events", [])):
        who = " → ".join(x for x in (name(ev.get("actor")), name(ev.get("target"))) if x)
        where = f" · at {name(ev['place'])}" if ev.get("place") and name(ev["place"]) else ""
        when = ""
        if ev.get("time"):
            when = f" · {ev['time']['value']} ({describe_timex(ev['time']['value'])})"
        kind = ev["type"] + (f"/{ev['category']}" if ev.get("category") else "")
        flags = "".join(
            f" · {flag}"
            for flag in (ev.get("modality") if ev.get("modality") != "asserted" else None,
                         "negated" if ev.get("negated") else None)
            if flag
        )  # fmt: skip
        tip = f"event {kind}" + (f": {who}" if who else "") + where + when + flags
        node = merged.get(i)
        href = None
        if node is not None:
            href = event_href.format(node["event"])
            if node["articles"] > 1:
                tip += f" · reported in {node['articles']} articles ({node['reports']} reports)"
        marks.append(
            Mark(
                ev["trigger"]["start"], ev["trigger"]["end"], "trigger", "mk trig", tip, href, anchor=f"e{i}"
            )
        )
    if focus is not None:
        kind, idx = focus
        items = result.get("events" if kind == "event" else "claims", [])
        if 0 <= idx < len(items):
            item = items[idx]
            span = item.get("sentence") or (item["trigger"] if kind == "event" else item["content"])
            text = span.get("text") or ""
            start = span["start"] + (len(text) - len(text.lstrip()))
            end = span["end"] - (len(text) - len(text.rstrip()))  # the sentence, not the blank lines after it
            if start >= end:
                start, end = span["start"], span["end"]
            marks.append(Mark(start, end, "focus", "focus", f"the {kind} you came from", anchor="focus"))
    return marks
