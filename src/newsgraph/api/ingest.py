"""``POST /articles``: extract and store articles sent as JSON. Needs the server's token.

Without a configured token (setting ``token``, ``NEWSGRAPH_TOKEN``) the server is
read-only and refuses every write (403, NG411). A wrong or missing token gets
401 (NG403); tokens are compared in constant time. A request is checked whole
before anything is extracted: one bad record refuses the request (422) and
nothing is stored. Extraction and the write run in the thread pool, one
request at a time, so the event loop keeps serving reads.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from pydantic import Field

from newsgraph.api.problems import ApiError
from newsgraph.api.schemas import ArticleIn, ErrorOut, IngestOut
from newsgraph.errors import InputError
from newsgraph.ingest.jsonl import record_to_article
from newsgraph.model import Article, to_dict
from newsgraph.pipeline import _item

__all__ = ["router"]

MAX_ARTICLES = 1000  # per request

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="The server's token (setting `token`, environment NEWSGRAPH_TOKEN), as `Authorization: Bearer …`.",
)


def check_token(request: Request) -> None:
    """Refuse the request unless the server has a token and the request carries it (constant-time)."""
    token: str = request.app.state.settings.token
    if not token:
        raise ApiError(
            403,
            "NG411",
            "this server is read-only: start it with a token (NEWSGRAPH_TOKEN) to accept articles",
        )
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    # the server reads header bytes as latin-1: back to the bytes sent, compared with the token's UTF-8
    given = value.strip().encode("latin-1") if scheme.lower() == "bearer" else b""
    if not hmac.compare_digest(given, token.encode("utf-8")):
        raise ApiError(
            401, "NG403", "write refused: send the server's token as 'Authorization: Bearer <token>'"
        )


class TokenFirstRoute(APIRoute):
    """A route that checks the token before its body is read or parsed (no hints to strangers)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            check_token(request)
            return await handler(request)

        return checked


router = APIRouter(route_class=TokenFirstRoute)


def check_records(records: list[ArticleIn], *, max_chars: int) -> list[Article]:
    """Articles for the records, or ApiError(422) listing every bad one (nothing is stored then)."""
    problems: list[dict[str, Any]] = []
    articles: list[Article] = []
    seen: set[str] = set()

    def problem(i: int, code: str, message: str) -> None:
        problems.append({"loc": ["body", str(i)], "code": code, "message": message})

    for i, rec in enumerate(records):
        if len(rec.text) > max_chars:
            problem(
                i, "NG109", f"text of {len(rec.text)} characters is over the limit of {max_chars} (max_chars)"
            )
            continue
        if rec.id in seen:
            problem(i, "NG410", f"id {rec.id!r} appears twice in this request")
            continue
        seen.add(rec.id)
        try:
            articles.append(record_to_article(rec.model_dump(), f"POST /articles #{i}"))
        except InputError as exc:
            problem(i, exc.code, str(exc.args[0]))
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ApiError(422, first["code"], f"article {first['loc'][1]}: {first['message']}{more}", problems)
    return articles


_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Token missing or wrong (NG403)."},
    403: {"model": ErrorOut, "description": "The server is read-only: no token configured (NG411)."},
    413: {"model": ErrorOut, "description": "Body over max_request_bytes (NG412)."},
    422: {"model": ErrorOut, "description": "A record is malformed (NG104, NG105, NG109, NG410)."},
}

Records = ArticleIn | Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_ARTICLES)]


@router.post(
    "/articles",
    response_model=IngestOut,
    responses=_WRITE_ERRORS,
    dependencies=[Depends(bearer)],  # documents the scheme; TokenFirstRoute checks it
    tags=["articles"],
)
async def post_articles(request: Request, body: Annotated[Records, Body()]) -> dict[str, Any]:
    """Extract and store one article or a list of them (the contract's input: id, text, published, ...).

    Articles already stored (same id) are left as they are; copies and
    near-copies of stored articles are linked to them, not stored twice.
    """
    state = request.app.state
    records = body if isinstance(body, list) else [body]
    articles = check_records(records, max_chars=state.settings.max_chars)
    lock: asyncio.Lock = state.write_lock
    async with lock:
        known = await run_in_threadpool(state.hub.known_ids, [a.id for a in articles])
        fresh = [a for a in articles if a.id not in known]
        results = await run_in_threadpool(state.extractor, fresh) if fresh else []
        items = [_item(r, a) for r, a in zip(results, fresh, strict=True)]
        stats = await run_in_threadpool(state.hub.add, items) if items else None
    linked = {dup: of for dup, of, _ in (stats.duplicate_links if stats else [])}
    warnings = {r.id: [to_dict(w) for w in r.warnings] for r in results}
    out: list[dict[str, Any]] = []
    for a in articles:
        if a.id in known:
            out.append({"id": a.id, "status": "existing"})
        elif a.id in linked:
            out.append(
                {"id": a.id, "status": "duplicate", "duplicate_of": linked[a.id], "warnings": warnings[a.id]}
            )
        else:
            out.append({"id": a.id, "status": "added", "warnings": warnings[a.id]})
    return {
        "added": sum(1 for o in out if o["status"] == "added"),
        "existing": sum(1 for o in out if o["status"] == "existing"),
        "duplicates": len(linked),
        "articles": out,
    }
