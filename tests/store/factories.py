"""Contract results built by hand for storage tests (no model needed)."""

from __future__ import annotations

import random

from newsgraph.ingest.dedup import content_hash, signature
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
    Timex,
)
from newsgraph.store import StoreItem


def span(text: str, part: str, start: int = 0) -> Span:
    i = text.index(part, start)
    return Span(i, i + len(part), part)


def result(article_id: str, text: str | None = None, published: str = "2025-06-05") -> ArticleResult:
    """A small article about Shoigu's visit with one entity of each kind, a claim, a figure and two events."""
    text = text or (
        f"[{article_id}] Sergei Shoigu met Kim Jong Un in Pyongyang on June 4. "
        "Shoigu said that up to 12,000 troops were deployed. "
        "The ICC issued a warrant for Shoigu on June 25, 2024. " + filler(article_id)
    )

    def m(part: str, label: str, start: int = 0) -> Mention:
        s = span(text, part, start)
        return Mention(s.start, s.end, s.text, label)

    shoigu_2 = text.index("Shoigu said")
    entities = (
        Entity("E1", "Sergei Shoigu", "PERSON", ("Shoigu",), None,
               (m("Sergei Shoigu", "PERSON"), m("Shoigu", "PERSON", shoigu_2)),
               (Role("Secretary", "E4", None, None, span(text, "Sergei Shoigu")),)),
        Entity("E2", "Kim Jong Un", "PERSON", (), None, (m("Kim Jong Un", "PERSON"),)),
        Entity("E3", "North Korea", "GPE", ("Pyongyang",), {"iso": "KP"}, (m("Pyongyang", "GPE"),)),
        Entity("E4", "International Criminal Court", "ORG", ("ICC",), None, (m("ICC", "ORG"),)),
    )  # fmt: skip
    first_end = text.index("June 4.") + len("June 4.")
    said = span(text, "said")
    claim_content = span(text, "up to 12,000 troops were deployed")
    sentence2 = span(text, "Shoigu said that up to 12,000 troops were deployed.")
    return ArticleResult(
        id=article_id,
        text=text,
        published=published,
        title=f"Article {article_id}",
        category="DIPLO",
        entities=entities,
        timexes=(
            Timex(*_se(span(text, "June 4")), "DATE", "2025-06-04"),
            Timex(*_se(span(text, "June 25, 2024")), "DATE", "2024-06-25"),
        ),
        quantities=(Quantity(*_se(span(text, "12,000")), 12000.0, "troops", "upper"),),
        claims=(
            Claim(ClaimSource(*_se(span(text, "Shoigu", shoigu_2)), "E1"), said, claim_content, sentence=sentence2),
        ),
        events=(
            Event("CONSULT", span(text, "met"), None, "E1", "E2", "E3", EventTime("2025-06-04", 0, "text"),
                  salience=0.9, sentence=Span(0, first_end, text[:first_end])),
            Event("ACCUSE", span(text, "warrant"), "ATTRIB", "E4", "E1", None, EventTime("2024-06-25", 1, "text"),
                  salience=0.5, sentence=span(text, "The ICC issued a warrant for Shoigu on June 25, 2024.")),
        ),
    )  # fmt: skip


_WORDS = [
    "ministry",
    "officials",
    "border",
    "talks",
    "rain",
    "harbour",
    "market",
    "council",
    "vote",
    "city",
    "river",
    "bridge",
    "court",
    "report",
    "week",
    "season",
    "budget",
    "school",
    "road",
    "train",
    "airport",
    "election",
    "party",
    "union",
    "farmers",
    "prices",
    "energy",
    "grain",
    "port",
]


def filler(seed: str, words: int = 150) -> str:
    """Deterministic filler prose that differs from one seed to another (so articles are not near-duplicates)."""
    rng = random.Random(seed)
    return " ".join(rng.choice(_WORDS) for _ in range(words)) + "."


def _se(s: Span) -> tuple[int, int, str]:
    return s.start, s.end, s.text


def item(r: ArticleResult, origin: str | None = None) -> StoreItem:
    return StoreItem(r, content_hash(r.text), signature(r.text), origin)
