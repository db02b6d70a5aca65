"""The extraction contract as frozen dataclasses (see docs/CONTRACT.md).

Every object here turns into plain JSON with :func:`to_dict`; the JSON Schema in
``schema/result.schema.json`` describes exactly that shape. Offsets are Python
string offsets into ``ArticleResult.text``, end exclusive.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Article",
    "ArticleResult",
    "Claim",
    "ClaimSource",
    "Entity",
    "Event",
    "EventTime",
    "Mention",
    "Quantity",
    "Role",
    "Span",
    "Timex",
    "Warning",
    "to_dict",
]


@dataclass(frozen=True, slots=True)
class Warning:
    """A coded, non-fatal problem met while reading or extracting an article."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Article:
    """One input article, before extraction.

    ``text`` is exactly the text every offset of the result indexes into: for
    header files the header line and boilerplate are already removed.
    """

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # the file (and record) it was read from
    warnings: tuple[Warning, ...] = ()


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    org: str | None = None
    from_: str | None = None
    until: str | None = None
    evidence: Span | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    kb: dict[str, str] | None = None
    mentions: tuple[Mention, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    # Beyond the contract: an interval this expression opens ("since last fall")
    # and the anchor it was resolved against.
    mod: str | None = None
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    bound: str = "exact"
    high: float | None = None
    about: str | None = None
    derived: bool = False
    derived_from: int | None = None


@dataclass(frozen=True, slots=True)
class ClaimSource:
    start: int
    end: int
    text: str
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    source: ClaimSource | None
    cue: Span
    content: Span
    direct: bool = False
    hedges: tuple[str, ...] = ()
    parent: int | None = None
    negated: bool = False
    sentence: Span | None = None  # beyond the contract: the sentence the claim stands in


@dataclass(frozen=True, slots=True)
class EventTime:
    value: str
    timex: int | None = None
    # "text" (a governing timex), "sentence" (its own or its paragraph's day), "story" (the day before
    # publication that a wire story tells of), or "published" (the fallback)
    source: str = "text"


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    trigger: Span
    category: str | None = None
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    time: EventTime | None = None
    claim: int | None = None
    negated: bool = False
    modality: str = "asserted"
    salience: float = 0.0
    sentence: Span | None = None


@dataclass(frozen=True, slots=True)
class ArticleResult:
    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    category: str | None = None
    entities: tuple[Entity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[Warning, ...] = field(default=())


_RENAMES = {"from_": "from"}


def to_dict(obj: Any) -> Any:
    """Turn a contract object (or a tuple of them) into plain JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {_RENAMES.get(f.name, f.name): to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def result_from_dict(data: dict[str, Any]) -> ArticleResult:
    """Rebuild an :class:`ArticleResult` from its JSON form (the inverse of :func:`to_dict`)."""

    def span(d: dict[str, Any] | None) -> Span | None:
        return Span(d["start"], d["end"], d["text"]) if d else None

    entities = tuple(
        Entity(
            id=e["id"],
            name=e["name"],
            type=e["type"],
            aliases=tuple(e.get("aliases") or ()),
            kb=e.get("kb"),
            mentions=tuple(Mention(**m) for m in e.get("mentions") or ()),
            roles=tuple(
                Role(
                    title=r["title"],
                    org=r.get("org"),
                    from_=r.get("from"),
                    until=r.get("until"),
                    evidence=span(r.get("evidence")),
                )
                for r in e.get("roles") or ()
            ),
        )
        for e in data.get("entities") or ()
    )
    claims = tuple(
        Claim(
            source=ClaimSource(**c["source"]) if c.get("source") else None,
            cue=Span(**c["cue"]),
            content=Span(**c["content"]),
            direct=c.get("direct", False),
            hedges=tuple(c.get("hedges") or ()),
            parent=c.get("parent"),
            negated=c.get("negated", False),
            sentence=span(c.get("sentence")),
        )
        for c in data.get("claims") or ()
    )
    events = tuple(
        Event(
            type=ev["type"],
            trigger=Span(**ev["trigger"]),
            category=ev.get("category"),
            actor=ev.get("actor"),
            target=ev.get("target"),
            place=ev.get("place"),
            time=EventTime(**ev["time"]) if ev.get("time") else None,
            claim=ev.get("claim"),
            negated=ev.get("negated", False),
            modality=ev.get("modality", "asserted"),
            salience=ev.get("salience", 0.0),
            sentence=span(ev.get("sentence")),
        )
        for ev in data.get("events") or ()
    )
    return ArticleResult(
        id=data["id"],
        text=data["text"],
        published=data.get("published"),
        title=data.get("title"),
        url=data.get("url"),
        source=data.get("source"),
        category=data.get("category"),
        entities=entities,
        timexes=tuple(Timex(**t) for t in data.get("timexes") or ()),
        quantities=tuple(Quantity(**q) for q in data.get("quantities") or ()),
        claims=claims,
        events=events,
        warnings=tuple(Warning(**w) for w in data.get("warnings") or ()),
    )
