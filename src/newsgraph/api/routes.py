"""The read endpoints: articles, entities (detail, timeline, graph), merged events, claims, the ledger.

Handlers are plain functions: the server runs them in its thread pool, each
with that thread's read-only store (see :mod:`newsgraph.api.hub`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, cast

from fastapi import APIRouter, Path, Query, Request

from newsgraph import __version__
from newsgraph.api import queries
from newsgraph.api.problems import ApiError, not_found
from newsgraph.api.queries import ReadStore
from newsgraph.api.schemas import (
    ArticleOut,
    ArticleSummary,
    ClaimOut,
    EntityDetail,
    EntitySummary,
    ErrorOut,
    EventDetail,
    EventNode,
    GraphOut,
    LedgerGroupDetail,
    LedgerGroupOut,
    Page,
    StatsOut,
    TimelineItem,
)

__all__ = ["router"]

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such item (NG402)."},
    422: {"model": ErrorOut, "description": "A parameter is malformed (NG410)."},
}
router = APIRouter(responses=ERRORS)

Limit = Annotated[int, Query(ge=1, le=500, description="Most items on the page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip (from `next_offset`).")]
EntityId = Annotated[int, Path(ge=1, le=2**62, description="A stored entity's id.")]
Text = Annotated[str | None, Query(max_length=200)]
# dates as text, matched strictly (a lax date type would take "0.0" for 1970-01-01)
Day = Annotated[
    str | None,
    Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO date (YYYY-MM-DD), inclusive.",
          json_schema_extra={"format": "date"}),
]  # fmt: skip


def store_of(request: Request) -> ReadStore:
    """This thread's read-only store (call inside the handler, not in a dependency)."""
    return cast(ReadStore, request.app.state.hub.reader())


def page(rows: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page from ``limit + 1`` fetched rows: the extra one only says that more follow."""
    return {
        "items": rows[:limit],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(rows) > limit else None,
    }


def _dates(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """The date range as ISO strings, refused (422) when a date does not exist or start is after end."""
    days = []
    for name, value in (("start", start), ("end", end)):
        try:
            days.append(dt.date.fromisoformat(value).isoformat() if value else None)
        except ValueError:
            raise ApiError(422, "NG410", f"{name}: {value!r} is not a date") from None
    if days[0] and days[1] and days[0] > days[1]:
        raise ApiError(422, "NG410", f"start {start} is after end {end}")
    return days[0], days[1]


@router.get("/stats", response_model=StatsOut, tags=["store"])
def stats(request: Request) -> dict[str, Any]:
    """Row counts of the store, the version, and whether this server accepts writes."""
    return {
        "version": __version__,
        "writable": request.app.state.hub.writable,
        "counts": store_of(request).counts(),
        "graph": queries.graph_counts(store_of(request)),
    }


# -- articles -----------------------------------------------------------------


@router.get("/articles", response_model=Page[ArticleSummary], tags=["articles"])
def list_articles(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Stored articles, newest first; `q` keeps those whose title or text contains it."""
    return page(store_of(request).articles(q=q, limit=limit + 1, offset=offset), limit, offset)


@router.get("/articles/{article_id:path}", response_model=ArticleOut, tags=["articles"])
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """One article's extraction result (the contract's shape), each entity with its stored `global_id`."""
    row = store_of(request).article(article_id)
    if row is None:
        raise not_found(f"article with id {article_id!r}")
    store = store_of(request)
    result = dict(row["result"])
    ids = row["entity_ids"]
    canon = queries.canonical(store, ids.values())
    result["entities"] = [
        {
            **e,
            "global_id": ids.get(e["id"]),
            "canonical_id": canon.get(ids[e["id"]]) if e["id"] in ids else None,
        }
        for e in result.get("entities", [])
    ]
    merged = queries.article_events(store, article_id)
    result["events"] = [
        {**ev, "merged_event": merged[i]["event"] if i in merged else None}
        for i, ev in enumerate(result.get("events", []))
    ]
    result.update(origin=row.get("origin"), ingested_at=row.get("ingested_at"), duplicates=row["duplicates"])
    return result


# -- entities -----------------------------------------------------------------


@router.get("/entities", response_model=Page[EntitySummary], tags=["entities"])
def list_entities(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="Part of a name or alias.")] = None,
    type: Annotated[str | None, Query(max_length=40, description="PERSON, ORG, GPE, ...")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Resolved entities across all articles (variant names merged into one), most widely reported first."""
    rows = queries.entities(store_of(request), type_=type, q=q, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


def _canon_or_404(store: ReadStore, entity_id: int) -> int:
    """The canonical entity an id stands for; 404 when no stored entity has the id."""
    if not queries.entity_exists(store, entity_id):
        raise not_found(f"entity with id {entity_id}")
    return queries.canon_of(store, entity_id)


@router.get("/entities/{entity_id}", response_model=EntityDetail, tags=["entities"])
def get_entity(request: Request, entity_id: EntityId) -> dict[str, Any]:
    """An entity with every name it is written with, the merges that made it one (rule and evidence),
    its roles over time and the entities reported with it.

    The id of a variant name gives its canonical entity (whose `id` the answer carries).
    """
    row = queries.entity(store_of(request), entity_id)
    if row is None:
        raise not_found(f"entity with id {entity_id}")
    return row


@router.get("/entities/{entity_id}/timeline", response_model=Page[TimelineItem], tags=["entities"])
def entity_timeline(
    request: Request, entity_id: EntityId, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """The merged events the entity takes part in (each with its reports across articles) and the claims
    it makes or is named in, in date order.

    Events sit at the date most of their reports give (`dates_given` lists them all);
    claims at the day they were reported.
    """
    store = store_of(request)
    canon = _canon_or_404(store, entity_id)
    return page(queries.timeline(store, canon, limit=limit + 1, offset=offset), limit, offset)


@router.get("/entities/{entity_id}/graph", response_model=GraphOut, tags=["entities"])
def entity_graph(
    request: Request,
    entity_id: EntityId,
    limit: Annotated[int, Query(ge=2, le=100, description="Most nodes, the entity included.")] = 25,
) -> dict[str, Any]:
    """The entity's neighbourhood: entities tied to it by merged events and claims, and the ties among them."""
    store = store_of(request)
    return queries.neighbourhood(store, _canon_or_404(store, entity_id), limit=limit)


# -- merged events and claims ---------------------------------------------------


@router.get("/events", response_model=Page[EventNode], tags=["events"])
def list_events(
    request: Request,
    type: Annotated[
        str | None, Query(max_length=40, description="PLOVER type: PROTEST, ASSAULT, ...")
    ] = None,
    category: Annotated[str | None, Query(max_length=40, description="Fine category: ARREST, ...")] = None,
    entity: Annotated[
        str | None,
        Query(max_length=200, description="Entity id or name, in any role (actor, target, place)."),
    ] = None,
    place: Annotated[str | None, Query(max_length=200, description="Entity id or name of the place.")] = None,
    start: Day = None,
    end: Day = None,
    article: Annotated[
        str | None, Query(max_length=500, description="Only events this article reports.")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of a report's trigger word.")] = None,
    min_reports: Annotated[
        int | None, Query(ge=1, le=100_000, description="Only events with at least this many reports.")
    ] = None,
    min_articles: Annotated[
        int | None,
        Query(ge=1, le=100_000, description="Only events reported in at least this many articles."),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Merged events in date order (undated last): one per real-world event, however many articles report it.

    Filter by type, category, entity, place and date range (on the event's date).
    """
    start, end = _dates(start, end)
    store = store_of(request)
    f = queries.Filters(
        type=type,
        category=category,
        entities=queries.resolve_entities(store, entity),
        places=queries.resolve_entities(store, place),
        start=start,
        end=end,
        article=article,
        q=q,
        min_reports=min_reports,
        min_articles=min_articles,
    )
    return page(queries.events(store, f, limit=limit + 1, offset=offset), limit, offset)


def event_detail(store: ReadStore, event_id: str, limit: int, offset: int) -> dict[str, Any]:
    """The merged event ``event_id`` names (its id, or one of its reports' ``<article id>:<index>``)."""
    group_id = queries.integer_id(event_id)
    if group_id is None and (key := queries.split_item_id(event_id)):
        group_id = queries.event_of_report(store, *key)
    node = queries.event(store, group_id) if group_id is not None else None
    if node is None:
        raise not_found(f"event with id {event_id!r}")
    rows = queries.event_reports(store, node["id"], limit=limit + 1, offset=offset)
    node["report_page"] = page(rows, limit, offset)
    return node


@router.get("/events/{event_id:path}", response_model=EventDetail, tags=["events"])
def get_event(request: Request, event_id: str, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """One merged event with every participant and its reports (a page at a time): each report's article,
    sentence, source and the date it gave; `dates_given` shows where reports disagree on the date.

    `event_id` is the event's id, or `<article id>:<index>` of one of its reports
    (an event of that article's extraction).
    """
    return event_detail(store_of(request), event_id, limit, offset)


@router.get("/claims", response_model=Page[ClaimOut], tags=["claims"])
def list_claims(
    request: Request,
    source: Annotated[
        str | None, Query(max_length=200, description="Entity id or name of who said it.")
    ] = None,
    entity: Annotated[
        str | None, Query(max_length=200, description="Entity id or name: claims by it or naming it.")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the content or the source.")] = None,
    start: Day = None,
    end: Day = None,
    article: Annotated[str | None, Query(max_length=500)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Who said what: claims in the order they were reported, with source, cue and hedges.

    An entity means every variant of its name.
    """
    start, end = _dates(start, end)
    store = store_of(request)
    f = queries.Filters(
        sources=queries.resolve_entities(store, source),
        entities=queries.resolve_entities(store, entity),
        q=q,
        start=start,
        end=end,
        article=article,
    )
    return page(queries.claims(store, f, limit=limit + 1, offset=offset), limit, offset)


@router.get("/claims/{claim_id:path}", response_model=ClaimOut, tags=["claims"])
def get_claim(request: Request, claim_id: str) -> dict[str, Any]:
    """One claim by its id, `<article id>:<index>`."""
    key = queries.split_item_id(claim_id)
    row = queries.claim(store_of(request), *key) if key else None
    if row is None:
        raise not_found(f"claim with id {claim_id!r}")
    return row


# -- the ledger ---------------------------------------------------------------


@router.get("/ledger", response_model=Page[LedgerGroupOut], tags=["ledger"])
def ledger(
    request: Request,
    topic: Annotated[
        str | None,
        Query(
            max_length=100, description='What is counted: troops, casualties, USD, ... or "troops · ASSAULT".'
        ),
    ] = None,
    about: Annotated[
        str | None, Query(max_length=200, description="Entity id or name the figures are about.")
    ] = None,
    disputed: Annotated[
        bool | None, Query(description="Only groups where sources disagree (true), or where none do (false).")
    ] = None,
    min_entries: Annotated[
        int, Query(ge=1, le=100_000, description="Only groups with this many figures.")
    ] = 1,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Figures about the same thing across articles and sources: disputed groups and most sources first."""
    store = store_of(request)
    rows = queries.ledger_groups(
        store,
        topic=topic,
        about=queries.resolve_entities(store, about),
        disputed=disputed,
        min_entries=min_entries,
        limit=limit + 1,
        offset=offset,
    )
    return page(rows, limit, offset)


def ledger_detail(store: ReadStore, group_id: int, limit: int, offset: int) -> dict[str, Any]:
    group = queries.ledger_group(store, group_id)
    if group is None:
        raise not_found(f"ledger group with id {group_id}")
    group["entry_page"] = page(
        queries.ledger_entries(store, group_id, limit=limit + 1, offset=offset), limit, offset
    )
    return group


@router.get("/ledger/{group_id}", response_model=LedgerGroupDetail, tags=["ledger"])
def ledger_group(
    request: Request,
    group_id: Annotated[int, Path(ge=1, le=2**62, description="A ledger group's id.")],
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """One group's figures in report order, each with its source, bound, sentence and the figures it
    contradicts.

    Two figures disagree when different sources report them within a month of each
    other and no number fits both (exact figures are read ±3%, approximate ones ±15%,
    "at least"/"up to" as open bounds).
    """
    return ledger_detail(store_of(request), group_id, limit, offset)
