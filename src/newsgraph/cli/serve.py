"""``newsgraph serve``: the REST API and the web pages on one store."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Annotated, cast

import typer

from newsgraph.cli import app
from newsgraph.cli.common import DbOption, err, fail, out, settings
from newsgraph.errors import NewsgraphError, UsageError

if TYPE_CHECKING:
    from fastapi import FastAPI


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _pending(api: FastAPI) -> int:
    """Stored articles the graph has not taken in (a store from before the graph existed)."""
    from newsgraph.api.queries import ReadStore, graph_counts

    return graph_counts(cast(ReadStore, api.state.hub.reader()))["pending_articles"]


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str | None,
        typer.Option(
            "--host", help="Address to bind [default: setting `host`, 127.0.0.1].", show_default=False
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            "--port", min=0, max=65535, help="Port [default: setting `port`, 8000].", show_default=False
        ),
    ] = None,
) -> None:
    """Serve the web pages and the REST API on a store (API docs at /docs).

    Read-only unless a token is configured (setting `token`, NEWSGRAPH_TOKEN):
    then POST /articles accepts articles from clients that send it.

    Example:  newsgraph serve --db newsgraph.db   then open http://127.0.0.1:8000/
    """
    try:
        import uvicorn

        from newsgraph.api import create_app
    except ImportError as exc:
        raise fail(
            UsageError(
                f"the server needs the `server` extra ({exc.name} is missing): pip install 'newsgraph[server]'"
            )
        ) from exc
    s = settings(db=db, host=host, port=port)
    try:
        api = create_app(s)
    except NewsgraphError as exc:
        raise fail(exc) from exc
    if not _loopback(s.host):
        err.print(
            f"[yellow]warning[/] binding to {s.host}: the pages and the API are reachable from other machines",
            highlight=False,
        )
    pending = _pending(api)
    if pending:
        err.print(
            f"[yellow]warning[/] {pending} stored article(s) are not in the graph yet: entities, events and the"
            f" ledger leave them out until you run: newsgraph consolidate --db {s.db}",
            highlight=False,
        )
    mode = "writes need the token" if s.token else "read-only (set NEWSGRAPH_TOKEN to accept POST /articles)"
    shown = f"[{s.host}]" if ":" in s.host else s.host
    out.print(
        f"newsgraph: {s.db} at [bold]http://{shown}:{s.port}/[/]  API docs at /docs; {mode}", highlight=False
    )
    uvicorn.run(api, host=s.host, port=int(s.port), log_level="info", server_header=False)
