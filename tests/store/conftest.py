"""Store fixtures: every test that takes ``store_url`` or ``store`` runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.store import Store, open_store
from tests.store.pgserver import fresh_database

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a fresh database on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
    else:
        with fresh_database() as url:
            yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database only (for tests of what is particular to that backend)."""
    with fresh_database() as url:
        yield url
