"""Fixtures for the API and browser tests: a store built from tests/fixtures/api, served over real HTTP.

Registered for the whole suite from tests/conftest.py (``pytest_plugins``), so the
store is built once per session however many test folders use it.

- ``api_db``: a SQLite store of the fixture articles, extracted with the real pipeline.
- ``read_server``: ``newsgraph serve`` without a token (read-only) on that store.
- ``write_server``: a server with a token on a copy of it (for ``POST /articles``).
- ``demo_db``, ``demo_server``: the demo store (``newsgraph ingest examples/``), read-only.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from spacy.language import Language

from newsgraph.api import create_app
from newsgraph.extract import extract_many
from newsgraph.ingest import read_path
from newsgraph.model import Article
from newsgraph.pipeline import _item, ingest
from newsgraph.settings import load_settings
from newsgraph.store import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "api"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTICLES = FIXTURES / "articles.jsonl"
TOKEN = "test-token-\u00e9-7f3a"  # non-ASCII on purpose: compared as bytes


@dataclass(frozen=True)
class Server:
    url: str
    db: Path
    token: str


def build_store(db: Path, nlp: Language, source: Path = ARTICLES) -> None:
    articles = [a for a in read_path(source) if isinstance(a, Article)]
    store = open_store(str(db))
    try:
        results = list(extract_many(articles, workers=1, nlp=nlp))
        store.add_batch([_item(r, a) for r, a in zip(results, articles, strict=True)])
    finally:
        store.close()


@contextmanager
def serving(db: Path, *, token: str = "", nlp: Language | None = None, **settings: object) -> Iterator[str]:
    """Run the app with uvicorn in a thread on a free loopback port; yields its base URL."""
    env = {"NEWSGRAPH_TOKEN": token, "NEWSGRAPH_CONFIG": str(db.parent / "no-such-config.toml")}
    s = load_settings(environ=env).with_overrides(db=str(db), **settings)
    app = create_app(s, nlp=nlp)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="session")
def api_db(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    db = tmp_path_factory.mktemp("api") / "fixtures.db"
    build_store(db, nlp)
    return db


@pytest.fixture(scope="session")
def read_server(api_db: Path) -> Iterator[Server]:
    with serving(api_db) as url:
        yield Server(url, api_db, "")


@pytest.fixture(scope="session")
def write_server(api_db: Path, tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("api-write") / "write.db"
    shutil.copy(api_db, db)
    with serving(db, token=TOKEN, nlp=nlp, max_request_bytes=200_000, max_chars=50_000) as url:
        yield Server(url, db, TOKEN)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """The sample articles of examples/, ingested the way ``newsgraph ingest examples`` does."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(str(db))
    try:
        report = ingest([str(EXAMPLES)], store, workers=1)
    finally:
        store.close()
    assert report.stats.added >= 20 and not report.rejected, report
    return db


@pytest.fixture(scope="session")
def demo_server(demo_db: Path) -> Iterator[Server]:
    with serving(demo_db) as url:
        yield Server(url, demo_db, "")
