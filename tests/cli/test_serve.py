"""``newsgraph serve``: starts the server on a store, read-only without a token, loopback by default."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli.serve import _loopback, _pending
from newsgraph.settings import load_settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_defaults_bind_to_loopback() -> None:
    s = load_settings(environ={"NEWSGRAPH_CONFIG": "/nonexistent.toml"})
    assert s.host == "127.0.0.1" and s.port == 8000 and s.token == ""
    assert _loopback("127.0.0.1") and _loopback("::1") and _loopback("localhost")
    assert not _loopback("0.0.0.0") and not _loopback("example.org")


def test_help_lists_the_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port"):
        assert option in result.output


def test_missing_store_is_a_coded_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--db", str(tmp_path / "none.db")], env={"NEWSGRAPH_TOKEN": ""}
    )
    assert result.exit_code == 1
    assert "NG302" in result.output and "newsgraph ingest" in result.output


@pytest.mark.model
@pytest.mark.slow
def test_serve_answers_over_http(api_db: Path) -> None:
    port = free_port()
    env = {**os.environ, "NEWSGRAPH_TOKEN": "", "NEWSGRAPH_CONFIG": str(api_db.parent / "none.toml")}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(__file__).resolve().parents[2] / "src"), env.get("PYTHONPATH", "")]
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--db", str(api_db), "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                stats = httpx.get(f"http://127.0.0.1:{port}/stats", timeout=2).json()
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.3)
        assert stats["writable"] is False and stats["counts"]["articles"] == 6
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 200
        refused = httpx.post(f"http://127.0.0.1:{port}/articles", json={"id": "a", "text": "b"})
        assert refused.status_code == 403
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out and "read-only" in out


@pytest.mark.model
def test_articles_the_graph_lacks_are_counted(api_db: Path, tmp_path: Path) -> None:
    from newsgraph.api import create_app

    assert _pending(create_app(db=str(api_db))) == 0
    db = tmp_path / "old.db"
    shutil.copy(api_db, db)
    with sqlite3.connect(db) as con:  # as if one article had been stored before the graph existed
        con.execute("DELETE FROM graph_articles WHERE article_id = 'fx-001'")
    assert _pending(create_app(db=str(db))) == 1
