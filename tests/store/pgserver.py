"""A PostgreSQL server for the tests, one per test session, and a fresh database per test.

``NEWSGRAPH_TEST_PG`` (a ``postgresql://`` URL, as printed by ``scripts/postgres.sh``)
names a server to use. Without it, a throwaway server is started with that script
when PostgreSQL's server programs are installed, and stopped at exit. With neither,
PostgreSQL tests are skipped, except under CI (``CI`` set), where they fail: CI must
test both backends.
"""

from __future__ import annotations

import atexit
import functools
import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "postgres.sh"
_names = itertools.count()


def _have_server_programs() -> bool:
    return shutil.which("pg_ctl") is not None or bool(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))


@functools.cache
def server_url() -> str | None:
    """The URL of a database on the test server (``NEWSGRAPH_TEST_PG`` or one started here), or None."""
    url = os.environ.get("NEWSGRAPH_TEST_PG")
    if url:
        return url
    if not _have_server_programs():
        return None
    folder = tempfile.mkdtemp(prefix="newsgraph-pg-", dir="/tmp")
    done = subprocess.run(
        ["bash", str(SCRIPT), "start", folder], capture_output=True, text=True, timeout=180, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"scripts/postgres.sh failed:\n{done.stderr}")

    def stop() -> None:
        subprocess.run(["bash", str(SCRIPT), "stop", folder], capture_output=True, timeout=120, check=False)
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(stop)
    return done.stdout.strip().splitlines()[-1]


def require_server() -> str:
    url = server_url()
    if url is None:
        message = (
            "no PostgreSQL: set NEWSGRAPH_TEST_PG (scripts/postgres.sh prints one) or install postgresql"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


def _with_schema(url: str, schema: str) -> str:
    """The URL with every connection's search_path set to ``schema`` (libpq's ``options``)."""
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


@contextmanager
def fresh_database() -> Iterator[str]:
    """An empty schema of its own on the test server for the length of the block; its URL.

    A schema, not a database: CREATE DATABASE costs seconds on a busy machine, a schema
    milliseconds, and the store sees the same thing (it works in ``current_schema()``).
    """
    import psycopg

    admin = require_server()
    name = f"ng_test_{os.getpid()}_{next(_names)}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield _with_schema(admin, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
