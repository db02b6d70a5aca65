"""The API's JSON shapes, as pydantic models (they make the OpenAPI document at ``/docs``).

Article results keep the extraction contract's names (docs/CONTRACT.md) and let
fields added to the contract later pass through (``extra="allow"``). Across
articles, entities are the graph's canonical entities (integer ids; the id of a
variant name stands for its canonical entity), events are merged event nodes
(integer ids) carrying their reports, and a report, a claim or a figure of one
article is named ``"<article id>:<index>"``. Dates are ISO.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ArticleIn",
    "ArticleOut",
    "ArticleSummary",
    "ClaimOut",
    "EntityDetail",
    "EntitySummary",
    "ErrorOut",
    "EventDetail",
    "EventNode",
    "EventReport",
    "GraphOut",
    "IngestOut",
    "LedgerEntry",
    "LedgerGroupDetail",
    "LedgerGroupOut",
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
    canonical_id: int | None = Field(
        None, description="The canonical entity that stored entity stands for after the graph's merges."
    )


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
    merged_event: int | None = Field(
        None, description="The merged event (GET /events/{id}) this report belongs to, across articles."
    )


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
    id: int = Field(description="The canonical entity's id.")
    name: str = Field(description="The name it goes by: its most reported full name.")
    type: str
    kb: dict[str, Any] | None = None
    articles: int = Field(description="Articles naming it, under any of its names.")
    mentions: int
    member_count: int = Field(1, description="Stored entities (variant names) merged into it.")


class EntityRole(BaseModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    title: str
    org: int | None = Field(None, description="Canonical id of the organisation.")
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
    articles: int = Field(description="Articles that report both entities (in a sample of the latest).")


class EntityMember(BaseModel):
    id: int = Field(description="A stored entity merged into this one (the canonical one included).")
    name: str
    type: str
    articles: int


class EntityMerge(BaseModel):
    id: int = Field(description="The merge's id (for `newsgraph unmerge`).")
    entity_id: int = Field(description="The entity that joined ...")
    entity_name: str
    into_id: int = Field(description="... this one.")
    into_name: str
    rule: str = Field(description="Why: same kb id, spelling, partial name, demonym, by hand, ...")
    score: float
    evidence: dict[str, Any] = Field(description="Names compared, shared context, shared titles.")
    made_by: str = Field(description="auto, or user.")
    created_at: str
    undone_at: str | None = None


class EntityDetail(EntitySummary):
    key: str
    aliases: list[str] = Field(description="Every name and spelling it is written with, in any article.")
    members: list[EntityMember]
    merges: list[EntityMerge] = Field(description="The merges that made it, undone ones included.")
    roles: list[EntityRole]
    cooccurrences: list[Cooccurrence]


class EventReport(BaseModel):
    """One article's report of a merged event: its sentence, who said it, and the date it gave."""

    id: str = Field(description="\"<article id>:<index>\": the event's index in its article's result.")
    event: int = Field(description="The merged event it belongs to.")
    article_id: str
    idx: int
    article_title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    type: str
    category: str | None = None
    trigger: Span
    sentence: Span | None = None
    date: str | None = Field(None, description="The day this report places the event at (ISO).")
    date_value: str | None = Field(None, description="The TIMEX3 value of the date it gave.")
    date_source: str | None = Field(
        None, description="Where that date came from: text, sentence or published."
    )
    actor: int | None = None
    actor_name: str | None = None
    target: int | None = None
    target_name: str | None = None
    place: int | None = None
    place_name: str | None = None
    modality: str
    negated: bool
    denial: bool = Field(description="The report denies the event (negated, or inside a denial).")
    claim: int | None = Field(None, description="Index of the claim it is reported in, in its article.")
    said_by: str | None = Field(
        None, description="Who the report attributes it to, when it stands in a claim."
    )
    said_by_entity: int | None = None
    cue: str | None = None
    source_key: str = Field(
        description="Who reports it, for counting sources: a quoted source or the outlet."
    )
    score: float = Field(description="How strongly it matched the event when it joined.")
    evidence: dict[str, Any] = Field(description="Why it joined: shared participants, place, date, trigger.")


class DateGiven(BaseModel):
    value: str = Field(description="A TIMEX3 value some reports give the event.")
    reports: int


class EventNode(BaseModel):
    """A merged event: one real-world event and what its reports say, across articles."""

    kind: Literal["event"] = "event"
    id: int
    type: str
    category: str | None = None
    actor: int | None = Field(None, description="Canonical entity most reported in the role.")
    actor_name: str | None = None
    target: int | None = None
    target_name: str | None = None
    place: int | None = None
    place_name: str | None = None
    date: str | None = Field(
        None, description="The day the event is placed at (ISO): the date most reports give."
    )
    date_value: str | None = None
    date_exact: bool = Field(description="True when that date names a day in some report's text.")
    dates: int = Field(description="Distinct dates the reports give: more than 1 means they disagree.")
    dates_given: list[DateGiven]
    reports: int
    articles: int
    sources: int
    denials: int = Field(description="Reports that deny it.")
    first_published: str | None = None
    trigger: str | None = Field(None, description="The first report's trigger word.")
    report_sample: list[EventReport] = Field(description="The earliest reports (at most 5).")
    roles: list[str] | None = Field(
        None, description="On an entity's timeline: the roles the entity has in it (actor, target, place)."
    )


class Participant(BaseModel):
    id: int
    name: str
    type: str
    role: str
    reports: int = Field(description="Reports naming it in this role.")


class EventDetail(EventNode):
    participants: list[Participant]
    report_page: Page[EventReport] = Field(description="Every report, a page at a time (limit, offset).")


class ItemBase(BaseModel):
    id: str = Field(description="\"<article id>:<index>\": the item's index in its article's result.")
    article_id: str
    idx: int
    sentence: Span | None = None
    date: str | None = Field(None, description="The day the item is placed at on a timeline (ISO).")
    published: str | None = None
    article_title: str | None = None
    article_source: str | None = None


class ClaimSourceOut(Span):
    entity: int | None = Field(None, description="Canonical id of who said it.")
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


TimelineItem = Annotated[EventNode | ClaimOut, Field(discriminator="kind")]


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
        description="Event types (PLACE: where it happened; CLAIM: one's claim names the other) and counts."
    )


class GraphOut(BaseModel):
    center: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class LedgerGroupOut(BaseModel):
    """Figures about one thing (what is counted, about whom) across articles and sources."""

    id: int
    topic: str = Field(
        description='What is counted, with the kind of event it is told with: "troops · ASSAULT".'
    )
    counted: str = Field(description="What is counted: troops, casualties, USD, ...")
    told_with: str | None = Field(None, description="The event type the figures are told with, if any.")
    about: int | None = Field(None, description="Canonical entity the figures are about.")
    about_name: str | None = None
    entries: int
    sources: int
    conflicts: int = Field(description="Pairs of figures from different sources that cannot both be true.")
    disputed: bool
    first_date: str | None = None
    last_date: str | None = None
    low: float | None = None
    high: float | None = None


class LedgerEntry(BaseModel):
    id: str = Field(description='"<article id>:<index>" of the figure in its article\'s quantities.')
    article_id: str
    idx: int
    text: str
    start: int
    end: int
    value: float
    high: float | None = None
    bound: str = Field(description="exact, upper (up to), lower (at least), approx, range.")
    low_bound: float | None = Field(None, description="Least value the figure allows (null: none).")
    high_bound: float | None = Field(None, description="Greatest value the figure allows (null: unbounded).")
    published: str | None = Field(None, description="The report date.")
    source: str | None = Field(None, description="Who gave the figure (the quoted source, else the outlet).")
    source_entity: int | None = None
    source_key: str
    said_by: str | None = Field(None, description="The source as the article words it.")
    cue: str | None = None
    hedges: list[str] = []
    claim: int | None = None
    outlet: str | None = None
    article_title: str | None = None
    context: str = Field(description="The sentence the figure stands in.")
    disputed: bool = Field(description="Another source reported a figure that cannot also be true.")
    disagrees_with: list[str] = Field(description="Ids of those figures.")


class LedgerGroupDetail(LedgerGroupOut):
    entry_page: Page[LedgerEntry] = Field(description="The figures in report order, a page at a time.")


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
    counts: dict[str, int] = Field(description="Rows of the per-article tables.")
    graph: dict[str, int] = Field(
        description="What the graph made of them: canonical entities, merges, event nodes, ledger groups."
    )


class ErrorBody(BaseModel):
    code: str = Field(description="A code from newsgraph's error catalog (errors.py).")
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorOut(BaseModel):
    error: ErrorBody
