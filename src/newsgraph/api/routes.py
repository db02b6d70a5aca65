"""The read endpoints: articles, entities (detail, timeline, graph), events, claims, the figure ledger.

Handlers are plain functions: the server runs them in its thread pool, each
with that thread's read-only store (see :mod:`newsgraph.api.hub`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
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
    EventOut,
    FigureDetail,
    FigureOut,
    GraphOut,
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


def _kb(row: dict[str, Any]) -> dict[str, Any]:
    if isinstance(row.get("kb"), str):
        row["kb"] = json.loads(row["kb"])
    return row


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
    result = dict(row["result"])
    ids = row["entity_ids"]
    result["entities"] = [{**e, "global_id": ids.get(e["id"])} for e in result.get("entities", [])]
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
    """Entities across all articles, most widely reported first."""
    rows = store_of(request).entities(type_=type, q=q, limit=limit + 1, offset=offset)
    return page([_kb(r) for r in rows], limit, offset)


@router.get("/entities/{entity_id}", response_model=EntityDetail, tags=["entities"])
def get_entity(request: Request, entity_id: EntityId) -> dict[str, Any]:
    """An entity with its aliases, its roles over time and the entities reported with it."""
    store = store_of(request)
    row = store.entity(entity_id)
    if row is None:
        raise not_found(f"entity with id {entity_id}")
    row["roles"] = queries.entity_roles(store, entity_id)
    row["cooccurrences"] = queries.cooccurrences(store, entity_id)
    return row


def _entity_or_404(store: ReadStore, entity_id: int) -> None:
    if not queries.entity_names(store, [entity_id]):
        raise not_found(f"entity with id {entity_id}")


@router.get("/entities/{entity_id}/timeline", response_model=Page[TimelineItem], tags=["entities"])
def entity_timeline(
    request: Request, entity_id: EntityId, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Events the entity takes part in and claims it makes or is named in, in date order.

    Events sit at the date the text gives them (`time.source` says from where);
    claims at the day they were reported.
    """
    store = store_of(request)
    _entity_or_404(store, entity_id)
    rows = queries.timeline(store, entity_id, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


@router.get("/entities/{entity_id}/graph", response_model=GraphOut, tags=["entities"])
def entity_graph(
    request: Request,
    entity_id: EntityId,
    limit: Annotated[int, Query(ge=2, le=100, description="Most nodes, the entity included.")] = 25,
) -> dict[str, Any]:
    """The entity's neighbourhood: entities tied to it by events and claims, and the ties among them."""
    store = store_of(request)
    _entity_or_404(store, entity_id)
    return queries.neighbourhood(store, entity_id, limit=limit)


# -- events and claims --------------------------------------------------------


@router.get("/events", response_model=Page[EventOut], tags=["events"])
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
    article: Annotated[str | None, Query(max_length=500, description="Only this article's events.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the trigger word.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events in date order (undated last), filtered by type, category, entity, place and date range."""
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
    )
    return page(queries.events(store, f, limit=limit + 1, offset=offset), limit, offset)


@router.get("/events/{event_id:path}", response_model=EventOut, tags=["events"])
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    """One event by its id, `<article id>:<index>`."""
    key = queries.split_item_id(event_id)
    row = queries.event(store_of(request), *key) if key else None
    if row is None:
        raise not_found(f"event with id {event_id!r}")
    return row


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
    """Who said what: claims in the order they were reported, with source, cue and hedges."""
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


@router.get("/ledger", response_model=Page[FigureOut], tags=["ledger"])
def ledger(
    request: Request,
    unit: Annotated[
        str | None, Query(max_length=100, description="What is counted: troops, USD, ...")
    ] = None,
    about: Annotated[int | None, Query(ge=1, le=2**62, description="Entity id the figure is about.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Figures reported across articles, grouped by what is counted and what it is about."""
    rows = queries.figures(store_of(request), unit=unit, about=about, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


def figure_detail(store: ReadStore, unit: str, about: int | None) -> dict[str, Any]:
    values = queries.figure_values(store, unit, about)
    pairs = queries.disagreements(values)
    against: dict[str, list[str]] = defaultdict(list)
    for a, b in pairs:
        against[a].append(b)
        against[b].append(a)
    for v in values:
        v["disagrees_with"] = against.get(v["id"], [])
        v["disputed"] = bool(v["disagrees_with"])
    about_name = None
    if about is not None:
        about_name = queries.entity_names(store, [about]).get(about, {}).get("name")
    return {"unit": unit, "about": about, "about_name": about_name, "values": values, "disagreements": pairs}


@router.get("/ledger/figure", response_model=FigureDetail, tags=["ledger"])
def ledger_figure(
    request: Request,
    unit: Annotated[str, Query(min_length=1, max_length=100)],
    about: Annotated[int | None, Query(ge=1, le=2**62, description="Entity id; leave out for none.")] = None,
) -> dict[str, Any]:
    """Every value reported for one figure, by source and date, with the pairs that disagree.

    Two values disagree when different sources report them within 30 days and no
    number fits both (exact values are taken ±1%, approximate ones ±10%, and
    "at least"/"up to" as open bounds).
    """
    detail = figure_detail(store_of(request), unit, about)
    if not detail["values"]:
        raise not_found(f"figure {unit!r}" + (f" about entity {about}" if about is not None else ""))
    return detail
