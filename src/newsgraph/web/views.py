"""The browser pages: search, entity, article, ledger; and the API docs from vendored files.

Pages are rendered on the server with Jinja2, autoescape on: article text and
every extracted string reach the page as text, never as markup. The only
script is the app's own static file (hover notes), under a strict CSP.
"""

from __future__ import annotations

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

__all__ = ["error_page", "mount", "router"]

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
templates = Jinja2Templates(env=env)

router = APIRouter(include_in_schema=False)

TYPE_ORDER = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT")


def mount(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(router)


def store_of(request: Request) -> ReadStore:
    return cast(ReadStore, request.app.state.hub.reader())


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    return render(request, "error.html", status, status_code=status, code=code, message=message, q="")


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
    counts = store.counts()
    groups = []
    for t in TYPE_ORDER:
        rows = store.entities(type_=t, limit=8)
        if rows:
            groups.append({"type": t, "entities": rows})
    return render(
        request,
        "home.html",
        q="",
        counts=counts,
        groups=groups,
        articles=store.articles(limit=12),
        figures=queries.figures(store, limit=6),
    )


@router.get("/ui/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    """Entities by name or alias, and articles and claims containing the words."""
    store = store_of(request)
    q = q.strip()
    if not q:
        return RedirectResponse("/", status_code=303)
    exact = store.find_entities(q, limit=1)
    entities = store.entities(q=q, limit=30)
    if exact and all(e["id"] != exact[0]["id"] for e in entities):
        entities = exact + entities
    return render(
        request,
        "search.html",
        q=q,
        entities=entities,
        articles=store.articles(q=q, limit=30),
        claims=queries.claims(store, Filters(q=q), limit=30),
    )


def _parts(sentence: dict[str, Any] | None, inner: dict[str, Any] | None) -> list[tuple[str, bool]]:
    """A sentence cut around an inner span: [(text, emphasised)], for showing a trigger in context."""
    if not sentence:
        return []
    text, base = sentence["text"], sentence["start"]
    if not inner or not (base <= inner["start"] and inner["end"] <= base + len(text)):
        return [(" ".join(text.split()), False)]
    a, b = inner["start"] - base, inner["end"] - base
    return [(text[:a].lstrip(), False), (text[a:b], True), (text[b:].rstrip(), False)]


@router.get("/ui/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(
    request: Request,
    entity_id: Annotated[int, PathParam(ge=1, le=2**62)],
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> HTMLResponse:
    store = store_of(request)
    entity = store.entity(entity_id)
    if entity is None:
        raise not_found(f"entity with id {entity_id}")
    per_page = 100
    items = queries.timeline(store, entity_id, limit=per_page + 1, offset=offset)
    more = len(items) > per_page
    items = items[:per_page]
    for it in items:
        inner = it.get("trigger") if it["kind"] == "event" else it.get("content")
        it["parts"] = _parts(it.get("sentence"), inner)
    graph = queries.neighbourhood(store, entity_id, limit=14)
    return render(
        request,
        "entity.html",
        q="",
        entity=entity,
        roles=queries.entity_roles(store, entity_id),
        cooccurrences=queries.cooccurrences(store, entity_id, limit=12),
        items=items,
        offset=offset,
        next_offset=offset + per_page if more else None,
        graph=charts.radial_graph(graph) if len(graph["nodes"]) > 1 else None,
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
    ids: dict[str, int] = row["entity_ids"]
    focus = ("event", event) if event is not None else ("claim", claim) if claim is not None else None
    marks = highlight.marks_for(result, ids, focus=focus)
    names = {e["id"]: e["name"] for e in result.get("entities", [])}
    return render(
        request,
        "article.html",
        q="",
        article=result,
        row=row,
        nodes=highlight.nest(result["text"], marks),
        ids=ids,
        names=names,
        focus=focus,
    )


@router.get("/ui/ledger", response_class=HTMLResponse)
def ledger_page(
    request: Request,
    unit: Annotated[str | None, Query(max_length=100)] = None,
    about: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> HTMLResponse:
    from newsgraph.api.routes import figure_detail

    store = store_of(request)
    if unit:
        detail = figure_detail(store, unit, about)
        if not detail["values"]:
            raise not_found(f"figure {unit!r}")
        return render(
            request,
            "ledger.html",
            q="",
            detail=detail,
            chart=charts.ledger_chart(detail["values"]),
            figures=None,
        )
    per_page = 50
    rows = queries.figures(store, limit=per_page + 1, offset=offset)
    for f in rows[:per_page]:
        f["disputes"] = len(figure_detail(store, f["unit"], f["about"])["disagreements"])
    return render(
        request,
        "ledger.html",
        q="",
        detail=None,
        chart=None,
        figures=rows[:per_page],
        offset=offset,
        next_offset=offset + per_page if len(rows) > per_page else None,
    )
