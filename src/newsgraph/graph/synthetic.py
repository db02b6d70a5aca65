"""Contract results built without spaCy: for store benchmarks at 10k-100k articles and for graph tests.

:func:`build` turns a text and named parts (entities, events, figures, claims,
each located by the first occurrence of its words in the text) into an
:class:`~newsgraph.model.ArticleResult`. :func:`corpus` generates a reproducible
stream of such articles about a fixed world of people, organisations and
places, with recurring events reported by several outlets and figures that
sources give differently.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.model import (
    ArticleResult,
    Claim,
    ClaimSource,
    Entity,
    Event,
    EventTime,
    Mention,
    Quantity,
    Role,
    Span,
)

__all__ = ["Part", "build", "corpus"]


@dataclass
class Part:
    """One thing to place in the text: ``words`` is found in the text from ``after`` on."""

    words: str
    after: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _find(text: str, words: str, after: int = 0) -> Span:
    start = text.find(words, after)
    if start < 0:
        raise ValueError(f"{words!r} not in text")
    return Span(start, start + len(words), words)


def _sentence(text: str, span: Span) -> Span:
    start = text.rfind(". ", 0, span.start)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", span.end)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end])


def build(
    article_id: str,
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    entities: Sequence[tuple[str, str, str] | tuple[str, str, str, Sequence[str]]] = (),
    events: Sequence[dict[str, Any]] = (),
    quantities: Sequence[dict[str, Any]] = (),
    claims: Sequence[dict[str, Any]] = (),
    kb: dict[str, dict[str, str]] | None = None,
    roles: dict[str, Sequence[tuple[str, str | None]]] | None = None,
) -> ArticleResult:
    """An article result whose spans all point at ``text``.

    ``entities``: (local id, name, type[, other mention strings]); every
    occurrence of the name and of the other strings becomes a mention.
    ``events``: dicts with ``type``, ``trigger`` and optional ``actor``,
    ``target``, ``place`` (local ids), ``time`` (TIMEX3 value), ``time_source``,
    ``category``, ``claim``, ``negated``, ``modality``. ``quantities``: dicts with
    ``text``, ``value``, ``unit``, optional ``bound``, ``high``, ``about``.
    ``claims``: dicts with ``cue``, ``content`` and optional ``source`` (words)
    with ``entity`` (local id), ``negated``.
    """
    ents = []
    for spec in entities:
        local, name, type_ = spec[0], spec[1], spec[2]
        strings = [name, *(spec[3] if len(spec) > 3 else ())]
        mentions = []
        for s in strings:
            pos = text.find(s)
            while pos >= 0:
                mentions.append(Mention(pos, pos + len(s), s, type_))
                pos = text.find(s, pos + len(s))
        ents.append(
            Entity(
                id=local,
                name=name,
                type=type_,
                aliases=tuple(strings[1:]),
                kb=(kb or {}).get(local),
                mentions=tuple(sorted(set(mentions), key=lambda m: m.start)),
                roles=tuple(),
            )
        )
    if roles:
        ents = [
            Entity(e.id, e.name, e.type, e.aliases, e.kb, e.mentions,
                   tuple(Role(title=t, org=o) for t, o in roles.get(e.id, ())))
            for e in ents
        ]  # fmt: skip
    cls = []
    for c in claims:
        cue = _find(text, c["cue"], c.get("after", 0))
        content = _find(text, c["content"], c.get("after", 0))
        src = None
        if c.get("source"):
            said = _find(text, c["source"], c.get("after", 0))
            src = ClaimSource(said.start, said.end, said.text, c.get("entity"))
        cls.append(
            Claim(
                source=src,
                cue=cue,
                content=content,
                negated=bool(c.get("negated")),
                sentence=_sentence(text, cue),
            )
        )
    qs = []
    for q in quantities:
        span = _find(text, q["text"], q.get("after", 0))
        qs.append(
            Quantity(span.start, span.end, span.text, float(q["value"]), q.get("unit"), q.get("bound", "exact"),
                     q.get("high"), q.get("about"))
        )  # fmt: skip
    evs = []
    for e in events:
        trig = _find(text, e["trigger"], e.get("after", 0))
        time = EventTime(e["time"], None, e.get("time_source", "text")) if e.get("time") else None
        evs.append(
            Event(
                type=e["type"],
                trigger=trig,
                category=e.get("category"),
                actor=e.get("actor"),
                target=e.get("target"),
                place=e.get("place"),
                time=time,
                claim=e.get("claim"),
                negated=bool(e.get("negated")),
                modality=e.get("modality", "asserted"),
                salience=0.5,
                sentence=_sentence(text, trig),
            )
        )
    return ArticleResult(
        id=article_id,
        text=text,
        published=published,
        source=source,
        entities=tuple(ents),
        quantities=tuple(qs),
        claims=tuple(cls),
        events=tuple(evs),
    )


# -- a generated world for benchmarks -------------------------------------------------------------------

_GIVEN = ["Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hassan", "Irina", "Jonas", "Kofi",
          "Lena", "Marek", "Nadia", "Oleg", "Priya", "Rafael", "Sofia", "Tomas", "Yusuf"]  # fmt: skip
_SURNAME = ["Adler", "Brandt", "Castell", "Dorn", "Ekberg", "Falk", "Gorsky", "Halden", "Ivers", "Jansen",
            "Kovach", "Lind", "Moreau", "Novak", "Olsen", "Petrov", "Quist", "Rasmus", "Stroud", "Tamm",
            "Ulrich", "Varga", "Wendt", "Zeller"]  # fmt: skip
_STEMS = ["Nor", "Vel", "Kar", "Ost", "Lum", "Tir", "Bar", "Sel", "Mar", "Dal", "Fen", "Gol", "Hav", "Ist"]
_ENDS = ["ia", "land", "stan", "ovia", "mark", "ora"]
_OUTLETS = ["Daily Ledger", "Evening Post", "Wire Service", "Morning Herald", "Global Monitor", "City Times"]
_KINDS = [("ASSAULT", "attacked", "ARMED_CLASH"), ("CONSULT", "met", None), ("SUPPORT", "signed", "AGREEMENT"),
          ("MOBILIZE", "deployed", None), ("ACCUSE", "accused", None), ("PROTEST", "protested", "PEACE_PROTEST")]  # fmt: skip


HUB_PLACE = 0.3  # share of new events in which the hub state is a party
HUB_PERSON = 0.2  # share of articles in which the hub person comments, and of new events he speaks of


def corpus(n: int, *, seed: int = 7, start: str = "2020-01-01", hubs: bool = True) -> Iterator[ArticleResult]:
    """``n`` reproducible articles: people and states of a generated world meeting, fighting and counting.

    About a third of the events are reports of an event already reported, by
    another outlet, a day or two later; troop figures vary between sources.
    The world grows with ``n`` (more people and places), as news does. With
    ``hubs``, one state is a party to about 40% of the events (as "Russia" is in
    news of a war) and one person is named in about 30% of the articles.
    """
    rng = random.Random(seed)
    size = max(40, n // 25)
    people = [f"{rng.choice(_GIVEN)} {rng.choice(_SURNAME)}{i}" for i in range(size)]
    places = [f"{rng.choice(_STEMS)}{rng.choice(_ENDS)}{i}" for i in range(max(20, size // 4))]
    day0 = dt.date.fromisoformat(start)
    past: list[dict[str, Any]] = []
    hub_place, hub_person = places[0], people[0]
    for i in range(n):
        day = day0 + dt.timedelta(days=i * 3650 // max(n, 1))
        published = day.isoformat()
        a, b = rng.sample(places, 2)
        if hubs and rng.random() < HUB_PLACE and hub_place not in (a, b):
            a, b = (hub_place, b) if rng.random() < 0.5 else (a, hub_place)
        p = hub_person if hubs and rng.random() < HUB_PERSON else rng.choice(people)
        if past and rng.random() < 0.35:
            ev = rng.choice(past[-200:])
        else:
            kind = rng.choice(_KINDS)
            ev = {"kind": kind, "actor": a, "target": b, "person": hub_person if hubs and rng.random() < HUB_PERSON else p, "date": (day - dt.timedelta(days=1)).isoformat(),
                  "troops": rng.choice([2000, 5000, 8000, 12000, 15000])}  # fmt: skip
            past.append(ev)
        type_, verb, category = ev["kind"]
        troops = int(ev["troops"] * rng.choice([1, 1, 1, 0.5, 1.5]))
        surname = ev["person"].split()[-1]
        text = (
            f"{ev['actor']} {verb} {ev['target']} on {ev['date']}, officials said. "
            f"{ev['person']} said the move was planned. "
            f"Up to {troops:,} {ev['actor']} troops were deployed near {ev['target']}, {surname} said. "
            f"{p} of {a} did not comment."
        )
        entities: list[tuple[str, str, str] | tuple[str, str, str, Sequence[str]]] = [
            ("E1", ev["actor"], "GPE"),
            ("E2", ev["target"], "GPE"),
            ("E3", ev["person"], "PERSON", [surname]),
        ]
        if p != ev["person"]:
            entities.append(("E4", p, "PERSON"))
        if a not in (ev["actor"], ev["target"]):
            entities.append(("E5", a, "GPE"))
        yield build(
            f"syn{i:07d}",
            text,
            published=published,
            source=rng.choice(_OUTLETS),
            entities=entities,
            events=[
                {
                    "type": type_,
                    "trigger": verb,
                    "actor": "E1",
                    "target": "E2",
                    "time": ev["date"],
                    "category": category,
                }
            ],
            quantities=[
                {"text": f"{troops:,}", "value": troops, "unit": "troops", "bound": "upper", "about": "E1"}
            ],
            claims=[
                {
                    "source": surname,
                    "entity": "E3",
                    "cue": "said",
                    "content": f"Up to {troops:,}",
                    "after": text.find("Up to"),
                }
            ],
        )
