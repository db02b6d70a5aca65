"""The browser pages: search, entity, merged event, article, ledger; and the API docs from vendored files.

Pages are rendered on the server with Jinja2, autoescape on: article text and
every extracted string reach the page as text, never as markup. The only
script is the app's own static file (hover notes), under a strict CSP.

They read what the API reads (:mod:`newsgraph.api.queries`): canonical entities,
merged events with their reports, and the ledger's groups of figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newsgraph import __version__
from newsgraph.api import queries
from newsgraph.api.problems import not_found
from newsgraph.api.queries import Filters, ReadStore
from newsgraph.web import charts, highlight

__all__ = ["error_page", "headline", "mount", "router"]

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"

env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,  # every {{ value }} is escaped, article text above all
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals["version"] = __version__
env.filters["gloss"] = highlight.describe_timex
env.filters["figure"] = highlight.figure_text
env.filters["num"] = highlight.number
templates = Jinja2Templates(env=env)

router = APIRouter(include_in_schema=False)

TYPE_ORDER = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT")
PER_PAGE = 50
HEADLINE_CHARS = 90
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def mount(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(router)


def store_of(request: Request) -> ReadStore:
    return cast(ReadStore, request.app.state.hub.reader())


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    return render(request, "error.html", status, status_code=status, code=code, message=message, q="")


def headline(text: str, width: int = HEADLINE_CHARS) -> str:
    """A title for an untitled article: its first sentence, cut at a word when long."""
    first = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    if len(first) <= width:
        return first
    cut = first[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _walk(rows: Iterable[Any]) -> Iterable[dict[str, Any]]:
    """Every dict in ``rows`` and in the lists they hold (reports inside events)."""
    for r in rows:
        if isinstance(r, dict):
            yield r
            for v in r.values():
                if isinstance(v, list):
                    yield from _walk(v)


def titled(
    store: ReadStore, rows: Iterable[Any], id_key: str = "article_id", title_key: str = "article_title"
) -> None:
    """Give untitled articles in ``rows`` a headline from their first sentence (and mark it as such)."""
    rows = list(rows)
    found = []
    for r in _walk(rows):
        if id_key in r and title_key in r:
            r["untitled"] = False
            if not r[title_key]:
                found.append(r)
    ids = sorted({str(r[id_key]) for r in found})
    if not ids:
        return
    leads = {
        x["id"]: headline(x["lead"] or "")
        for x in store.sql_rows(
            f"SELECT id, substr(text, 1, 400) AS lead FROM articles WHERE id IN ({','.join('?' * len(ids))})",
            ids,
        )
    }
    for r in found:
        if leads.get(str(r[id_key])):
            r[title_key] = leads[str(r[id_key])]
            r["untitled"] = True


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI for /openapi.json, from the vendored swagger-ui-dist (works offline)."""
    return render(request, "docs.html")


@router.get("/ui", response_class=RedirectResponse)
@router.get("/ui/", response_class=RedirectResponse)
def ui_root() -> RedirectResponse:
    return RedirectResponse("/", status_code=307)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    store = store_of(request)
    groups = []
    for t in TYPE_ORDER:
        rows = queries.entities(store, type_=t, limit=8)
        if rows:
            groups.append({"type": t, "entities": rows})
    articles = store.articles(limit=12)
    titled(store, articles, "id", "title")
    events = queries.events(store, Filters(min_articles=2), limit=8, order="reports")
    titled(store, events)
    return render(
        request,
        "home.html",
        q="",
        counts=store.counts(),
        graph=queries.graph_counts(store),
        groups=groups,
        articles=articles,
        events=events,
        figures=queries.ledger_groups(store, min_entries=2, limit=6),
    )


@router.get("/ui/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    """Entities by name or alias, and articles and claims containing the words."""
    store = store_of(request)
    q = q.strip()
    if not q:
        return RedirectResponse("/", status_code=303)
    entities = queries.entities(store, q=q, limit=30)
    exact = queries.resolve_entities(store, q) or ()
    missing = [c for c in exact[:1] if all(e["id"] != c for e in entities)]
    if missing:
        entities = queries.entities_by_id(store, missing) + entities
    articles = store.articles(q=q, limit=30)
    titled(store, articles, "id", "title")
    claims = queries.claims(store, Filters(q=q), limit=30)
    titled(store, claims)
    return render(request, "search.html", q=q, entities=entities, articles=articles, claims=claims)


def _parts(sentence: dict[str, Any] | None, inner: dict[str, Any] | None) -> list[tuple[str, bool]]:
    """A sentence cut around an inner span: [(text, emphasised)], for showing a trigger in context."""
    if not sentence:
        return []
    text, base = sentence["text"], sentence["start"]
    if not inner or not (base <= inner["start"] and inner["end"] <= base + len(text)):
        return [(" ".join(text.split()), False)]
    a, b = inner["start"] - base, inner["end"] - base
    return [(" ".join(text[:a].split()) + (" " if a and text[a - 1].isspace() else ""), False),
            (text[a:b], True),
            ((" " if b < len(text) and text[b].isspace() else "") + " ".join(text[b:].split()), False)]  # fmt: skip


def _with_parts(items: Iterable[dict[str, Any]]) -> None:
    """Cut each item's sentence around its trigger (events, and each of their reports) or content (claims)."""
    for it in items:
        if it.get("kind") == "claim":
            it["parts"] = _parts(it.get("sentence"), it.get("content"))
            continue
        for rep in it.get("report_sample", []):
            rep["parts"] = _parts(rep.get("sentence"), rep.get("trigger"))


def why_joined(evidence: dict[str, Any], names: dict[int, dict[str, Any]]) -> list[str]:
    """What made a report join its merged event, in words (empty for the report that started it)."""
    if evidence.get("new"):
        return []
    out = []
    shared = [names.get(int(p), {}).get("name") or str(p) for p in evidence.get("shared_participants") or []]
    if shared:
        out.append(
            "the same " + ("participant " if len(shared) == 1 else "participants ") + ", ".join(shared)
        )
    if evidence.get("same_place"):
        out.append("the same place")
    if evidence.get("same_day"):
        out.append(f"the same day ({evidence['same_day']})")
    if evidence.get("same_trigger"):
        out.append(f"the same word (“{evidence['same_trigger']}…”)")
    if evidence.get("dates_disagree_days"):
        days = int(evidence["dates_disagree_days"])
        out.append(f"dates {days} day{'s' if days != 1 else ''} apart")
    if evidence.get("same_article"):
        out.append("the same article")
    return out


@router.get("/ui/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(
    request: Request,
    entity_id: Annotated[int, PathParam(ge=1, le=2**62)],
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    store = store_of(request)
    if not queries.entity_exists(store, entity_id):
        raise not_found(f"entity with id {entity_id}")
    canon = queries.canon_of(store, entity_id)
    if canon != entity_id:  # a variant name: its page is its canonical entity's
        return RedirectResponse(f"/ui/entities/{canon}" + (f"?offset={offset}" if offset else ""), 307)
    entity = queries.entity(store, canon)
    if entity is None:
        raise not_found(f"entity with id {entity_id}")
    items = queries.timeline(store, canon, limit=PER_PAGE + 1, offset=offset)
    more = len(items) > PER_PAGE
    items = items[:PER_PAGE]
    _with_parts(items)
    titled(store, items)
    titled(store, entity["roles"])
    graph = queries.neighbourhood(store, canon, limit=14)
    widely = queries.events(store, Filters(entities=(canon,), min_articles=2), limit=4, order="reports")
    return render(
        request,
        "entity.html",
        q="",
        entity=entity,
        widely=widely,
        items=items,
        offset=offset,
        next_offset=offset + PER_PAGE if more else None,
        graph=charts.radial_graph(graph) if len(graph["nodes"]) > 1 else None,
    )


@router.get("/ui/events/{event_id}", response_class=HTMLResponse)
def event_page(
    request: Request,
    event_id: Annotated[int, PathParam(ge=1, le=2**62)],
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> HTMLResponse:
    store = store_of(request)
    node = queries.event(store, event_id)
    if node is None:
        raise not_found(f"event with id {event_id}")
    reports = queries.event_reports(store, event_id, limit=PER_PAGE + 1, offset=offset)
    more = len(reports) > PER_PAGE
    reports = reports[:PER_PAGE]
    shared = [int(p) for rep in reports for p in rep["evidence"].get("shared_participants") or []]
    names = queries.labels(store, queries.canonical(store, shared).values())
    for rep in reports:
        rep["parts"] = _parts(rep.get("sentence"), rep.get("trigger"))
        rep["why"] = why_joined(rep["evidence"], names)
    titled(store, reports)
    return render(
        request,
        "event.html",
        q="",
        event=node,
        reports=reports,
        offset=offset,
        next_offset=offset + PER_PAGE if more else None,
    )


@router.get("/ui/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(
    request: Request,
    article_id: str,
    event: Annotated[int | None, Query(ge=0, le=100_000)] = None,
    claim: Annotated[int | None, Query(ge=0, le=100_000)] = None,
) -> HTMLResponse:
    store = store_of(request)
    row = store.article(article_id)
    if row is None:
        raise not_found(f"article with id {article_id!r}")
    result = row["result"]
    stored: dict[str, int] = row["entity_ids"]
    canon = queries.canonical(store, stored.values())
    ids = {local: canon.get(gid, gid) for local, gid in stored.items()}  # local id -> canonical entity
    focus = ("event", event) if event is not None else ("claim", claim) if claim is not None else None
    merged = queries.article_events(store, article_id)
    figures = queries.article_figures(store, article_id)
    labels = queries.labels(store, ids.values())
    resolved = {local: labels[c]["name"] for local, c in ids.items() if c in labels}
    marks = highlight.marks_for(result, ids, focus=focus, merged=merged, resolved=resolved)
    names = {e["id"]: e["name"] for e in result.get("entities", [])}
    title = result.get("title") or headline(result["text"])
    return render(
        request,
        "article.html",
        q="",
        article=result,
        title=title,
        untitled=not result.get("title"),
        row=row,
        nodes=highlight.nest(result["text"], marks),
        ids=ids,
        names=names,
        focus=focus,
        merged=merged,
        figures=figures,
    )


@router.get("/ui/ledger", response_class=HTMLResponse)
def ledger_page(
    request: Request,
    about: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> HTMLResponse:
    store = store_of(request)
    about_ids = (queries.canon_of(store, about),) if about is not None else None
    rows = queries.ledger_groups(store, about=about_ids, limit=PER_PAGE + 1, offset=offset)
    about_name = None
    if about_ids:
        about_name = queries.labels(store, about_ids).get(about_ids[0], {}).get("name")
    return render(
        request,
        "ledger.html",
        q="",
        groups=rows[:PER_PAGE],
        about=about_ids[0] if about_ids else None,
        about_name=about_name,
        offset=offset,
        next_offset=offset + PER_PAGE if len(rows) > PER_PAGE else None,
    )


@router.get("/ui/ledger/{group_id}", response_class=HTMLResponse)
def ledger_group_page(
    request: Request,
    group_id: Annotated[int, PathParam(ge=1, le=2**62)],
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> HTMLResponse:
    store = store_of(request)
    group = queries.ledger_group(store, group_id)
    if group is None:
        raise not_found(f"ledger group with id {group_id}")
    per_page = 200
    entries = queries.ledger_entries(store, group_id, limit=per_page + 1, offset=offset)
    more = len(entries) > per_page
    entries = entries[:per_page]
    titled(store, entries)
    by_id = {v["id"]: v for v in entries}
    pairs = [
        (v, by_id[other])
        for v in entries
        for other in v["disagrees_with"]
        if other in by_id and (v["published"] or "", v["id"]) < (by_id[other]["published"] or "", other)
    ]
    return render(
        request,
        "ledger_group.html",
        q="",
        group=group,
        entries=entries,
        pairs=pairs,
        chart=charts.ledger_chart(entries),
        offset=offset,
        next_offset=offset + per_page if more else None,
    )
