from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.schema import validate_result
from tests.conftest import SEED

runner = CliRunner()
COMMANDS = ["extract", "ingest", "articles", "article", "entities", "timeline", "claims", "export", "report",
            "settings", "eval"]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_teaches_with_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.split()) > 20


def test_bad_usage_exits_2() -> None:
    assert runner.invoke(app, ["extract"]).exit_code == 2
    assert runner.invoke(app, ["extract", str(SEED), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["extract", str(SEED), "--published", "2024-02-30"]).exit_code == 2
    assert runner.invoke(app, ["eval", "nonsense"]).exit_code == 2


def test_settings_table_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_BATCH_SIZE", "7")
    result = runner.invoke(app, ["settings", "--json"])
    rows = {r["name"]: r for r in json.loads(result.output)}
    assert rows["batch_size"]["value"] == 7 and rows["batch_size"]["from"] == "NEWSGRAPH_BATCH_SIZE"
    assert rows["host"]["value"] == "127.0.0.1"


@pytest.mark.model
def test_extract_prints_valid_contract_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(SEED), "--workers", "1"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.strip().splitlines()
    data = json.loads(line)
    assert validate_result(data) == []
    assert data["published"] == "2025-06-05" and data["text"].startswith("North Korean leader")
    out = tmp_path / "r.json"
    assert (
        runner.invoke(app, ["extract", str(SEED), "-w", "1", "--format", "json", "-o", str(out)]).exit_code
        == 0
    )
    assert json.loads(out.read_text())[0]["id"] == data["id"]


@pytest.mark.model
def test_extract_reads_stdin_and_reports_rejects(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    stdin = json.dumps({"id": "p1", "text": "Police arrested 12 protesters in Minsk on Sunday."}) + "\n"
    result = runner.invoke(app, ["extract", "-", str(empty), "-w", "1"], input=stdin)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "p1"
    assert "NG101" in result.stderr
    only_bad = runner.invoke(app, ["extract", str(empty), "-w", "1"])
    assert only_bad.exit_code == 1


@pytest.mark.model
def test_ingest_then_query_everything(tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    result = runner.invoke(app, ["ingest", str(SEED), "--db", db, "-q", "-w", "1"])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stderr
    again = runner.invoke(app, ["ingest", str(SEED), "--db", db, "-q", "-w", "1"])
    assert again.exit_code == 0 and "0 added" in again.stderr

    arts = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    assert len(arts) == 1 and arts[0]["published"] == "2025-06-05"
    assert runner.invoke(app, ["article", arts[0]["id"], "--db", db]).exit_code == 0
    assert runner.invoke(app, ["article", "nope", "--db", db]).exit_code == 1

    people = json.loads(runner.invoke(app, ["entities", "--db", db, "--type", "PERSON", "--json"]).stdout)
    assert {"Kim Jong Un", "Sergei Shoigu", "Vladimir Putin", "Volodymyr Zelensky"} <= {
        p["name"] for p in people
    }

    tl = json.loads(runner.invoke(app, ["timeline", "Shoigu", "--db", db, "--json"]).stdout)
    assert tl["entity"]["name"] == "Sergei Shoigu" and tl["items"]
    assert all(item["sentence"] for item in tl["items"])
    dates = [i["date_sort"] for i in tl["items"]]
    assert dates == sorted(dates)
    assert runner.invoke(app, ["timeline", "Nobody Known", "--db", db]).exit_code == 1

    claims = json.loads(runner.invoke(app, ["claims", "--db", db, "--json"]).stdout)
    assert any(c["cue_text"] == "estimate" for c in claims)

    exported = runner.invoke(app, ["export", "--db", db, "--format", "jsonl"]).stdout.strip().splitlines()
    assert len(exported) == 1 and validate_result(json.loads(exported[0])) == []
    rows = list(
        csv.DictReader(io.StringIO(runner.invoke(app, ["export", "--db", db, "--format", "csv"]).stdout))
    )
    assert rows and {
        "date",
        "actor",
        "target",
        "place",
        "type",
        "category",
        "sources",
        "first_sentence",
    } <= set(rows[0])

    report = runner.invoke(app, ["report", "--db", db])
    assert report.exit_code == 0 and "entities" in report.stdout


@pytest.mark.model
def test_human_output_shows_article_text_as_text_never_as_markup(tmp_path: Path) -> None:
    """Brackets in titles and sentences are printed as they are (rich markup would eat or choke on them)."""
    db = str(tmp_path / "m.db")
    article = {
        "id": "m1",
        "title": "[/] [bold]Minsk[/bold] report",
        "published": "2024-03-02",
        "text": "Police arrested [red]12[/] protesters in Minsk on Sunday, the interior ministry said.",
    }
    source = tmp_path / "m.jsonl"
    source.write_text(json.dumps(article) + "\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(source), "--db", db, "-q", "-w", "1"]).exit_code == 0
    shown = runner.invoke(app, ["article", "m1", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "[/] [bold]Minsk[/bold] report" in shown.stdout and "[red]12[/]" in shown.stdout
    tl = runner.invoke(app, ["timeline", "Minsk", "--db", db])
    assert tl.exit_code == 0, tl.output
    when, sentence = tl.stdout.splitlines()[1:3]  # each item: a heading line, then its sentence indented
    assert when.startswith("2024-02-25") and "1 report" in when  # the Sunday before publication
    assert sentence.startswith(" " * 12 + "Police arrested [red]12[/] protesters")
    assert all(line == line.rstrip() for line in tl.stdout.splitlines())  # no line padded with spaces
