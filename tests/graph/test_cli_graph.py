"""The graph commands on a small store, as a user runs them (typer's runner, a real SQLite file)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.cli import app
from tests.graph.worlds import people, store_with, treaty, troops

runner = CliRunner()


def _db(tmp_path: Path) -> str:
    store_with(tmp_path, [*people(), *treaty(), *troops()], batch=4).close()
    return str(tmp_path / "graph.db")


def test_entity_event_timeline_ledger(tmp_path: Path) -> None:
    db = _db(tmp_path)
    res = runner.invoke(app, ["entity", "Zelenskyy", "--db", db])
    assert res.exit_code == 0, res.output
    assert "President Zelensky" in res.output and "merges" in res.output
    view = json.loads(runner.invoke(app, ["entity", "Zelensky", "--db", db, "--json"]).output)
    assert len(view["members"]) == 4

    tl = json.loads(runner.invoke(app, ["timeline", "North Korea", "--db", db, "--json"]).output)
    signing = next(i for i in tl["items"] if i["kind"] == "event" and i["type"] == "SUPPORT")
    assert signing["reports"] == 3 and signing["dates"] == 2

    res = runner.invoke(app, ["event", str(signing["id"]), "--db", db])
    assert res.exit_code == 0, res.output
    assert "2024-06-18" in res.output and "2024-06-19" in res.output and "disagree" in res.output

    res = runner.invoke(app, ["ledger", "--about", "North Korea", "--db", db])
    assert res.exit_code == 0, res.output
    assert "2 disagreements" in res.output and "contested" in res.output
    data = json.loads(runner.invoke(app, ["ledger", "--about", "North Korea", "--db", db, "--json"]).output)
    (figures,) = data["figures"]
    assert [(e["value"], e["bound"], e["disagrees"]) for e in figures["entries_detail"]] == [
        (12000.0, "upper", True),
        (15000.0, "lower", True),
        (11000.0, "approx", True),
    ]
    from newsgraph.cli.graph import _figure

    assert [_figure(e) for e in figures["entries_detail"]] == [
        "up to 12,000",
        "at least 15,000",
        "about 11,000",
    ]

    assert runner.invoke(app, ["event", "99999", "--db", db]).exit_code == 1


def test_unmerge_and_merge_commands(tmp_path: Path) -> None:
    db = _db(tmp_path)
    view = json.loads(
        runner.invoke(app, ["entity", "Security Council of Russia", "--db", db, "--json"]).output
    )
    (merge,) = view["merges"]
    res = runner.invoke(app, ["unmerge", str(merge["id"]), "--db", db])
    assert res.exit_code == 0, res.output
    view = json.loads(
        runner.invoke(app, ["entity", "Security Council of Russia", "--db", db, "--json"]).output
    )
    assert len(view["members"]) == 1
    res = runner.invoke(app, ["merge", "Russian Security Council", "Security Council of Russia", "--db", db])
    assert res.exit_code == 0 and "merge" in res.output
    assert runner.invoke(app, ["unmerge", "12345", "--db", db]).exit_code == 1


def test_exports(tmp_path: Path) -> None:
    db = _db(tmp_path)
    res = runner.invoke(app, ["export", "--format", "csv", "--table", "events", "--db", db])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.output)))
    signing = next(r for r in rows if r["type"] == "SUPPORT" and r["date"] == "2024-06-19")
    assert signing["sources"] == "3" and signing["first_sentence"].startswith("Russia and North Korea signed")
    assert {"date", "actor", "target", "place", "type", "category", "sources", "first_sentence"} <= set(
        rows[0]
    )
    raw = runner.invoke(app, ["export", "--format", "csv", "--table", "event_reports", "--db", db])
    assert raw.exit_code == 0 and len(raw.output.splitlines()) - 1 == 6  # every stored report

    out = tmp_path / "g.graphml"
    res = runner.invoke(app, ["export", "--format", "graphml", "-o", str(out), "--db", db])
    assert res.exit_code == 0, res.output
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(out).getroot()
    nodes = root.findall(".//g:node", ns)
    edges = root.findall(".//g:edge", ns)
    ids = {n.get("id") for n in nodes}
    assert edges and all(e.get("source") in ids and e.get("target") in ids for e in edges)
    assert any(n.get("id", "").startswith("e") for n in nodes) and any(
        n.get("id", "").startswith("n") for n in nodes
    )


def test_consolidate_takes_in_articles_stored_before_the_graph(tmp_path: Path) -> None:
    db = _db(tmp_path)
    from newsgraph.store.sqlite import SQLiteStore

    store = SQLiteStore(db)
    store.sql_execute("DELETE FROM graph_articles WHERE article_id = 't4'")
    store.close()
    res = runner.invoke(app, ["consolidate", "--db", db])
    assert res.exit_code == 0 and "1 articles" in res.output


def test_bench_store_command(tmp_path: Path) -> None:
    res = runner.invoke(app, ["bench-store", "--articles", "300", "--batch", "100", "--db", str(tmp_path / "b.db"),
                              "--json"])  # fmt: skip
    assert res.exit_code == 0, res.output
    (row,) = json.loads(res.output)
    assert row["articles"] == 300 and row["event_nodes"] < row["events"]
    assert row["timeline_hub_p95_ms"] < 1000 and row["entity_hub_p95_ms"] < 1000
    assert 25 <= row["hub_articles_pct"] <= 60  # the synthetic world has hubs


def test_timeline_newest_first_in_pages(tmp_path: Path) -> None:
    db = _db(tmp_path)
    first = json.loads(runner.invoke(app, ["timeline", "North Korea", "--db", db, "--newest", "--limit", "1",
                                           "--json"]).output)  # fmt: skip
    dates = [i["date_sort"] for i in first["items"]]
    assert dates == ["2024-10-26"] and first["next_cursor"]  # the deployment, then the signing
    second = json.loads(runner.invoke(app, ["timeline", "North Korea", "--db", db, "--limit", "1", "--cursor",
                                            first["next_cursor"], "--json"]).output)  # fmt: skip
    assert [i["date_sort"] for i in second["items"]] == ["2024-06-19"] and second["next_cursor"] is None
    res = runner.invoke(
        app, ["timeline", "North Korea", "--db", db, "--since", "2024-06", "--until", "2024-06"]
    )
    assert res.exit_code == 0, res.output and "2024-06" in res.output
