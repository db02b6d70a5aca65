"""The API's JSON shapes, as pydantic models (they make the OpenAPI document at ``/docs``).

Article results keep the extraction contract's names (docs/CONTRACT.md) and let
fields added to the contract later pass through (``extra="allow"``). Across
articles, entity references are the store's integer ids, and events and claims
are named ``"<article id>:<index>"``.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ArticleIn",
    "ArticleOut",
    "ArticleSummary",
    "ClaimOut",
    "EntityDetail",
    "EntitySummary",
    "ErrorOut",
    "EventOut",
    "FigureDetail",
    "FigureOut",
    "GraphOut",
    "IngestOut",
    "Page",
    "StatsOut",
    "TimelineItem",
]

T = TypeVar("T")


class _Open(BaseModel):
    """Contract objects: known fields typed, later additions passed through."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, serialize_by_alias=True)


class Span(_Open):
    start: int
    end: int
    text: str


class Mention(Span):
    label: str


class Role(_Open):
    title: str
    org: str | None = None
    from_: str | None = Field(None, alias="from")
    until: str | None = None
    evidence: Span | None = None


class Entity(_Open):
    id: str
    name: str
    type: str
    aliases: list[str] = []
    kb: dict[str, Any] | None = None
    mentions: list[Mention] = []
    roles: list[Role] = []
    global_id: int | None = Field(None, description="The stored entity this article's entity resolved to.")


class Timex(Span):
    type: str
    value: str


class Quantity(Span):
    value: float
    unit: str | None = None
    bound: str = "exact"
    high: float | None = None
    about: str | None = None


class ClaimSource(Span):
    entity: str | None = None


class Claim(_Open):
    source: ClaimSource | None = None
    cue: Span
    content: Span
    direct: bool = False
    hedges: list[str] = []
    parent: int | None = None


class EventTime(_Open):
    value: str
    timex: int | None = None


class Event(_Open):
    type: str
    category: str | None = None
    trigger: Span
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    time: EventTime | None = None
    claim: int | None = None
    negated: bool = False
    modality: str = "asserted"
    salience: float = 0.0


class Warning(BaseModel):
    code: str
    message: str


class Duplicate(BaseModel):
    id: str
    similarity: float
    title: str | None = None
    url: str | None = None
    origin: str | None = None


class ArticleOut(_Open):
    """One stored article: the extraction contract's result, plus where it came from and its duplicates."""

    id: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    text: str
    category: str | None = None
    entities: list[Entity] = []
    timexes: list[Timex] = []
    quantities: list[Quantity] = []
    claims: list[Claim] = []
    events: list[Event] = []
    warnings: list[Warning] = []
    origin: str | None = None
    ingested_at: str | None = None
    duplicates: list[Duplicate] = []


class ArticleSummary(BaseModel):
    id: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    category: str | None = None
    chars: int
    events: int
    claims: int


class Page(BaseModel, Generic[T]):
    """A page of a stable, ordered list. Ask for the next page with ``offset=next_offset``."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = Field(None, description="Offset of the next page, or null on the last page.")


class EntitySummary(BaseModel):
    id: int
    name: str
    type: str
    kb: dict[str, Any] | None = None
    articles: int
    mentions: int


class EntityRole(BaseModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    title: str
    org: int | None = None
    org_name: str | None = None
    from_: str | None = Field(None, alias="from")
    until: str | None = None
    evidence: Span | None = None
    article_id: str
    published: str | None = None
    article_title: str | None = None


class Cooccurrence(BaseModel):
    id: int
    name: str
    type: str
    articles: int = Field(description="Articles that report both entities.")


class EntityDetail(EntitySummary):
    key: str
    aliases: list[str]
    roles: list[EntityRole]
    cooccurrences: list[Cooccurrence]


class EventTimeOut(BaseModel):
    value: str
    timex: int | None = None
    source: str = Field("text", description="Where the date came from: text, sentence or published.")


class ItemBase(BaseModel):
    id: str = Field(description="\"<article id>:<index>\": the item's index in its article's result.")
    article_id: str
    idx: int
    sentence: Span | None = None
    date: str | None = Field(None, description="The day the item is placed at on a timeline (ISO).")
    published: str | None = None
    article_title: str | None = None
    article_source: str | None = None


class EventOut(ItemBase):
    kind: Literal["event"] = "event"
    type: str
    category: str | None = None
    trigger: Span
    actor: int | None = None
    actor_name: str | None = None
    target: int | None = None
    target_name: str | None = None
    place: int | None = None
    place_name: str | None = None
    time: EventTimeOut | None = None
    claim: int | None = None
    negated: bool
    modality: str
    salience: float


class ClaimSourceOut(Span):
    entity: int | None = None
    name: str | None = None


class ClaimOut(ItemBase):
    kind: Literal["claim"] = "claim"
    source: ClaimSourceOut | None = None
    cue: Span
    content: Span
    direct: bool
    hedges: list[str]
    parent: int | None = None
    negated: bool
    role: Literal["source", "mentioned"] | None = Field(
        None, description="On an entity's timeline: whether the entity made the claim or is named in it."
    )


TimelineItem = EventOut | ClaimOut


class GraphNode(BaseModel):
    id: int
    name: str
    type: str
    weight: int = Field(description="Ties to the centre.")
    center: bool


class GraphEdge(BaseModel):
    source: int
    target: int
    weight: int
    kinds: dict[str, int] = Field(
        description="Event types (PLACE: at a place; CLAIM: said about) and counts."
    )


class GraphOut(BaseModel):
    center: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class FigureOut(BaseModel):
    unit: str
    about: int | None = None
    about_name: str | None = None
    count: int
    articles: int
    low: float
    high: float
    first: str | None = None
    last: str | None = None


class LedgerValue(BaseModel):
    id: str
    article_id: str
    idx: int
    text: str
    start: int
    end: int
    value: float
    high: float | None = None
    bound: str
    unit: str
    derived: bool
    claim: int | None = None
    source: str | None = Field(
        None, description="Who the figure is attributed to, when it stands in a claim."
    )
    source_entity: int | None = None
    source_key: str
    outlet: str | None = None
    published: str | None = None
    article_title: str | None = None
    context: str
    disputed: bool = Field(
        description="Another source reported a value no number fits together with this one."
    )
    disagrees_with: list[str]


class FigureDetail(BaseModel):
    unit: str
    about: int | None = None
    about_name: str | None = None
    values: list[LedgerValue]
    disagreements: list[tuple[str, str]]


class ArticleIn(BaseModel):
    """An article as the contract's JSON Lines input."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1)
    published: str | None = Field(None, description="ISO date or datetime.")
    title: str | None = None
    url: str | None = None
    source: str | None = None


class IngestedArticle(BaseModel):
    id: str
    status: Literal["added", "existing", "duplicate"]
    duplicate_of: str | None = None
    warnings: list[Warning] = []


class IngestOut(BaseModel):
    added: int
    existing: int
    duplicates: int
    articles: list[IngestedArticle]


class StatsOut(BaseModel):
    version: str
    writable: bool = Field(description="True when POST /articles is open (a token is configured).")
    counts: dict[str, int]


class ErrorBody(BaseModel):
    code: str = Field(description="A code from newsgraph's error catalog (errors.py).")
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorOut(BaseModel):
    error: ErrorBody
