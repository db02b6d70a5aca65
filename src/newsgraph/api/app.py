"""The application: the REST API, the web pages and their static files, on one store."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI

from newsgraph import __version__
from newsgraph.api import ingest, routes
from newsgraph.api.hub import Extractor, StoreHub
from newsgraph.api.problems import BodyLimit, SecurityHeaders, install_handlers
from newsgraph.settings import Settings, load_settings

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["create_app"]

DESCRIPTION = """\
Read the newsgraph store as a graph across articles: articles with their own extraction (the
contract's JSON); entities resolved across articles (variant names merged, with the evidence of
each merge), their aliases, roles and co-occurrences; merged events, each carrying every report of
it (article, sentence, source, the date each gave); claims; an entity's timeline and neighbourhood
graph; and the ledger of figures about the same thing across sources, with their disagreements.

Every list is paged with `limit` and `offset` (follow `next_offset`); dates are ISO. Entities and
merged events have integer ids (the id of a variant name gives its canonical entity); a report, a
claim or a figure of one article is named `<article id>:<index>`.

`POST /articles` extracts and stores articles; it needs the server's token
(`Authorization: Bearer …`). Without a configured token the server is read-only.
Errors are `{"error": {"code", "message", "details"}}` with a code from newsgraph's catalog.
"""


def create_app(
    settings: Settings | None = None, *, db: str | None = None, nlp: Language | None = None
) -> FastAPI:
    """The app for ``settings`` (``db`` overrides the setting; ``nlp`` reuses a loaded pipeline)."""
    from newsgraph.web import views

    settings = settings or load_settings()
    if db is not None:
        settings = settings.with_overrides(db=db)
    hub = StoreHub(settings.db, writable=bool(settings.token), near_dup_threshold=settings.near_dup_threshold)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        hub.close()

    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by the web package from vendored files: no CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.hub = hub
    app.state.extractor = Extractor(settings.model, nlp)
    app.state.write_lock = asyncio.Lock()
    install_handlers(app)
    app.include_router(routes.router)
    app.include_router(ingest.router)
    views.mount(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=int(settings.max_request_bytes))
    return app
