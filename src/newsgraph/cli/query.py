"""Reading the store: ``articles``, ``article``, ``entities``, ``timeline``, ``claims``, ``export``, ``report``."""

from __future__ import annotations

import csv
import json
import sys
import textwrap
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.text import Text

from newsgraph.cli import app
from newsgraph.cli.common import (
    DbOption,
    JsonOption,
    LimitOption,
    err,
    fail,
    open_db,
    out,
    print_json,
    print_table,
    short,
)
from newsgraph.errors import UsageError
from newsgraph.graph.export import write_event_csv, write_graphml
from newsgraph.model import to_dict

_INDENT = 12  # a timeline item's sentence starts under its event type, after the date column


def resolve_entity(store: Any, name: str) -> dict[str, Any]:
    """The stored entity a user means by ``name`` (a name, an alias or an id); exits when there is none."""
    matches = store.find_entities(name)
    if not matches:
        raise fail(
            UsageError(f"no entity matches {name!r} (try: newsgraph entities --q {name!r})", code="NG402")
        )
    return dict(matches[0])


@app.command()
def articles(
    db: DbOption = None,
    q: Annotated[
        str | None, typer.Option("--q", help="Only articles whose title or text contains this.")
    ] = None,
    limit: LimitOption = 50,
    json_out: JsonOption = False,
) -> None:
    """List stored articles, newest first, with their category and counts of events and claims."""
    store = open_db(db, readonly=True)
    rows = store.articles(q=q, limit=limit)
    if json_out:
        return print_json(rows)
    for r in rows:
        r["title"] = short(r["title"], 60)
    print_table(rows, [("id", "id"), ("published", "published"), ("title", "title"), ("category", "category"),
                       ("events", "events"), ("claims", "claims"), ("chars", "chars")])  # fmt: skip


@app.command()
def article(article_id: str, db: DbOption = None, json_out: JsonOption = False) -> None:
    """Show one stored article's extraction (the contract result) and its duplicates."""
    store = open_db(db, readonly=True)
    row = store.article(article_id)
    if row is None:
        raise fail(UsageError(f"no article with id {article_id!r}", code="NG402"))
    if json_out:
        return print_json(row)
    r = row["result"]
    out.print(
        f"[bold]{escape(r.get('title') or r['id'])}[/]  published {r.get('published') or 'unknown'}",
        highlight=False,
    )
    out.print(short(r["text"], 400), highlight=False, markup=False)
    names = {e["id"]: e["name"] for e in r["entities"]}
    print_table(
        [{"type": e["type"], "trigger": e["trigger"]["text"], "actor": names.get(e["actor"]),
          "target": names.get(e["target"]), "when": (e.get("time") or {}).get("value")} for e in r["events"]],
        [("type", "event"), ("trigger", "trigger"), ("actor", "actor"), ("target", "target"), ("when", "when")],
        title="events",
    )  # fmt: skip
    for d in row["duplicates"]:
        out.print(f"duplicate: {d['id']} (similarity {d['similarity']})", highlight=False)


@app.command()
def entities(
    db: DbOption = None,
    type_: Annotated[
        str | None, typer.Option("--type", "-t", help="PERSON, ORG, GPE, LOC, NORP, LAW, ...")
    ] = None,
    q: Annotated[
        str | None, typer.Option("--q", help="Only entities with a name or alias containing this.")
    ] = None,
    limit: LimitOption = 50,
    json_out: JsonOption = False,
) -> None:
    """List entities across all articles, most widely reported first.

    Example:  newsgraph entities --type PERSON --q shoigu
    """
    store = open_db(db, readonly=True)
    rows = store.entities(type_=type_, q=q, limit=limit)
    if json_out:
        return print_json(rows)
    print_table(rows, [("id", "id"), ("name", "name"), ("type", "type"), ("articles", "articles"),
                       ("mentions", "mentions"), ("kb", "kb")])  # fmt: skip


@app.command()
def timeline(
    entity: Annotated[str, typer.Argument(help='A name, an alias ("Shoigu") or an entity id.')],
    db: DbOption = None,
    limit: LimitOption = 200,
    newest: Annotated[
        bool, typer.Option("--newest", help="The newest first, one page of --limit items.")
    ] = False,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date (YYYY[-MM[-DD]]), newest first.")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this date, newest first.")] = None,
    cursor: Annotated[
        str | None, typer.Option("--cursor", help="The page after the one that printed this cursor.")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Events and claims involving an entity (under any of its names), in the order they happened.

    Each event is a merged event: one row however many articles reported it,
    with how many reports and sources it has (see: newsgraph event ID). Events
    are placed at the date the reports give them (not the day they were
    reported); `dates` > 1 means the reports give different dates. With
    --newest, --since, --until or --cursor: the newest first, one page at a time
    (fast for entities in tens of thousands of articles).

    Example:  newsgraph timeline "Sergei Shoigu"
    Example:  newsgraph timeline Russia --since 2024-06 --until 2024-06 --limit 50
    """
    store = open_db(db, readonly=True)
    ent = resolve_entity(store, entity)
    page: dict[str, Any] | None = None
    if newest or since or until or cursor:
        page = store.graph_timeline_page(
            ent["id"], limit=min(limit, 500), since=since, until=until, cursor=cursor
        )
        rows = page["items"]
    else:
        rows = store.graph_timeline(ent["id"], limit=limit)
    if json_out:
        extra = {k: v for k, v in page.items() if k != "items"} if page else {}
        return print_json({"entity": ent, "items": rows, **extra})
    total = f" of {page['events']} event reports and {page['claims']} claims" if page else ""
    out.print(
        f"[bold]{escape(ent['name'])}[/] ({ent['type']}, id {ent['id']}): {len(rows)} items{total}",
        highlight=False,
    )
    if page and page["next_cursor"]:
        out.print(f"next page: --cursor '{page['next_cursor']}'", highlight=False, markup=False)
    for r in rows:
        _print_timeline_item(r)


def _print_timeline_item(r: dict[str, Any]) -> None:
    """One item in two lines: when, what, who, how many reports; then the source sentence, indented."""
    head = Text()
    if r["kind"] == "event":
        date = r["date_value"] or r["date_sort"] or "undated"
        head.append(f"{date:<11}", style="bold")
        head.append(f" {r['type']}", style="cyan")
        head.append(f" '{r['trigger_text']}'")
        who = " -> ".join(x for x in (r["actor_name"], r["target_name"]) if x)
        if who:
            head.append(f"  {who}")
        told = f"  {r['reports']} report{'s' if r['reports'] != 1 else ''}, {r['sources']} source"
        told += "s" if r["sources"] != 1 else ""
        if r["denials"]:
            told += f", {r['denials']} denied"
        if r["dates"] > 1:
            told += f", {r['dates']} dates given"
        head.append(told, style="dim")
        head.append(f"  event {r['id']}", style="dim")
    else:
        head.append(f"{r['published'] or 'undated':<11}", style="bold")
        head.append(" CLAIM", style="magenta")
        head.append(f" '{r['cue_text']}'")
        if r["source_text"]:
            head.append(f"  {r['source_text']}")
        head.append(f"  article {r['article_id']}", style="dim")
    out.print(head, highlight=False)
    # the sentence below, indented; wrapped here so that no line is padded out with spaces
    for line in textwrap.wrap(short(r["sentence"], 160), width=max(20, out.width - _INDENT)):
        out.print(Text.assemble(" " * _INDENT, (line, "italic")), highlight=False, soft_wrap=True)


@app.command()
def claims(
    db: DbOption = None,
    source: Annotated[str | None, typer.Option("--source", "-s", help="Only claims by this source.")] = None,
    limit: LimitOption = 100,
    json_out: JsonOption = False,
) -> None:
    """Attributed statements: who said what (and how sure), in report order.

    Example:  newsgraph claims --source Zelensky
    """
    store = open_db(db, readonly=True)
    rows = store.claims(source=source, limit=limit)
    if json_out:
        return print_json(rows)
    for r in rows:
        r["content_text"] = short(r["content_text"], 80)
        r["hedges"] = ", ".join(r["hedges"])
        r["source"] = r["source_name"] or r["source_text"] or "(unattributed)"
    print_table(rows, [("published", "reported"), ("source", "source"), ("cue_text", "cue"),
                       ("content_text", "content"), ("hedges", "hedges"), ("article_id", "article")])  # fmt: skip


EXPORT_TABLES = ("events", "event_reports", "claims", "entities", "quantities", "timexes", "articles")


@app.command()
def export(
    db: DbOption = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="jsonl (contract results), csv (one table) or graphml (Gephi)."),
    ] = "jsonl",
    table: Annotated[
        str, typer.Option("--table", help=f"Table for csv: {', '.join(EXPORT_TABLES)}.")
    ] = "events",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Export the store: every article's contract result as JSON Lines, one table as CSV, or the graph.

    `--format csv --table events` writes event data: one row per merged event
    with date, actor, target, place, type, category, sources count and first
    source sentence (`--table event_reports`: one row per report as stored).
    `--format graphml` writes entities and merged events as a graph for Gephi.

    Examples:  newsgraph export --format jsonl -o all.jsonl
               newsgraph export --format csv --table events -o events.csv
               newsgraph export --format graphml -o graph.graphml
    """
    if format not in {"jsonl", "csv", "graphml"}:
        raise fail(UsageError(f"--format must be jsonl, csv or graphml, not {format!r}"), 2)
    if format == "csv" and table not in EXPORT_TABLES:
        raise fail(UsageError(f"--table must be one of {', '.join(EXPORT_TABLES)}"), 2)
    store = open_db(db, readonly=True)
    stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if format == "jsonl":
            for result in store.iter_results():
                stream.write(json.dumps(to_dict(result), ensure_ascii=False) + "\n")
        elif format == "graphml":
            write_graphml(store, stream)
        elif table == "events":
            write_event_csv(store, stream)
        else:
            _export_csv(store, "events" if table == "event_reports" else table, stream)
    finally:
        if output:
            stream.close()


def _export_csv(store: Any, table: str, stream: Any) -> None:
    writer = csv.writer(stream)
    names, rows = store.export_rows(table)
    skip = {"result", "text"} if table == "articles" else set()
    keep = [i for i, n in enumerate(names) if n not in skip]
    writer.writerow([names[i] for i in keep])
    for row in rows:
        writer.writerow([row[i] for i in keep])


@app.command()
def report(
    db: DbOption = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Whose timeline to show [default: most reported person].")
    ] = None,
) -> None:
    """A short summary of the store: counts, top entities, and one entity's timeline."""
    store = open_db(db, readonly=True)
    counts = store.counts()
    out.print(
        f"[bold]{counts['articles']}[/] articles ({counts['duplicates']} duplicates linked), "
        f"[bold]{counts['entities']}[/] entities, [bold]{counts['events']}[/] events, "
        f"[bold]{counts['claims']}[/] claims, {counts['quantities']} figures, {counts['timexes']} dates",
        highlight=False,
    )
    top = store.entities(limit=8)
    print_table(top, [("name", "name"), ("type", "type"), ("articles", "articles"), ("mentions", "mentions")],
                title="most reported entities")  # fmt: skip
    people = store.entities(type_="PERSON", limit=1)
    name = entity or (people[0]["name"] if people else None)
    if name:
        err.print()
        timeline(entity=name, db=db, limit=25, json_out=False)
