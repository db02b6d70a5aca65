"""Contract results built by hand for store tests: spans located in the text, nothing invented."""

from __future__ import annotations

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
    Span,
    Timex,
)
from newsgraph.store import Store, StoreItem


def span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


def source(text: str, part: str, nth: int, entity: str) -> ClaimSource:
    s = span(text, part, nth)
    return ClaimSource(s.start, s.end, s.text, entity)


def mention(text: str, part: str, label: str, nth: int = 0) -> Mention:
    s = span(text, part, nth)
    return Mention(s.start, s.end, s.text, label)


def sentence_of(text: str, part: str) -> Span:
    at = text.index(part)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(".", at)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end])


def meeting(
    article_id: str, published: str, place: str = "Pyongyang", *, extra: str = "", when: str | None = None
) -> ArticleResult:
    """An article where Kim Jong Un meets Sergei Shoigu, a claim by Shoigu, a date and a figure."""
    text = (
        f"Kim Jong Un met Sergei Shoigu in {place} on Tuesday. "
        f'Shoigu said that Russia would send 1,000 engineers. "We stand together," Kim said. {extra}'
    ).strip()
    kim = Entity(
        id="e1",
        name="Kim Jong Un",
        type="PERSON",
        aliases=("Kim",),
        mentions=(mention(text, "Kim Jong Un", "PERSON"), mention(text, "Kim", "PERSON", 1)),
    )
    shoigu = Entity(
        id="e2",
        name="Sergei Shoigu",
        type="PERSON",
        aliases=("Shoigu",),
        mentions=(mention(text, "Sergei Shoigu", "PERSON"), mention(text, "Shoigu", "PERSON", 1)),
    )
    city = Entity(id="e3", name=place, type="GPE", mentions=(mention(text, place, "GPE"),))
    russia = Entity(
        id="e4", name="Russia", type="GPE", kb={"iso": "RU"}, mentions=(mention(text, "Russia", "GPE"),)
    )
    tuesday = span(text, "Tuesday")
    q = span(text, "1,000 engineers")
    claim = Claim(
        source=source(text, "Shoigu", 1, "e2"),
        cue=span(text, "said"),
        content=span(text, "Russia would send 1,000 engineers"),
        hedges=("would",),
        sentence=sentence_of(text, "Shoigu said"),
    )
    quote = Claim(
        source=source(text, "Kim", 1, "e1"),
        cue=span(text, "said", 1),
        content=span(text, "We stand together"),
        direct=True,
        sentence=sentence_of(text, "We stand"),
    )
    met = Event(
        type="CONSULT",
        category="DIPLO",
        trigger=span(text, "met"),
        actor="e1",
        target="e2",
        place="e3",
        time=EventTime(when or published, timex=0),
        salience=0.9,
        sentence=sentence_of(text, "met"),
    )
    send = Event(
        type="AID",
        trigger=span(text, "send"),
        actor="e4",
        claim=0,
        modality="future",
        salience=0.4,
        sentence=sentence_of(text, "send"),
    )
    return ArticleResult(
        id=article_id,
        text=text,
        published=published,
        title=f"Meeting in {place}",
        source="Test Wire",
        category="DIPLO",
        entities=(kim, shoigu, city, russia),
        timexes=(Timex(tuesday.start, tuesday.end, "Tuesday", "DATE", when or published),),
        quantities=(Quantity(q.start, q.end, q.text, value=1000.0, unit="engineers", about="e4"),),
        claims=(claim, quote),
        events=(met, send),
    )


def item(result: ArticleResult, origin: str | None = None) -> StoreItem:
    return StoreItem(
        result=result,
        content_hash=content_hash(result.text),
        signature=signature(result.text),
        origin=origin or f"test:{result.id}",
    )


def comparable_rows(store: Store, table: str) -> list[tuple[object, ...]]:
    """A table's rows in the store's stable order, without its wall-clock columns (``*_at``)."""
    names, rows = store.export_rows(table)
    keep = [i for i, n in enumerate(names) if not n.endswith("_at")]
    return [tuple(bytes(r[i]) if isinstance(r[i], memoryview) else r[i] for i in keep) for r in rows]
