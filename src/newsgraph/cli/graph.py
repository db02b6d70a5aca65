"""The graph across articles: ``entity``, ``event``, ``ledger``, ``merge``, ``unmerge``, ``consolidate``, ``bench-store``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from newsgraph.cli import app
from newsgraph.cli.common import (
    DbOption,
    JsonOption,
    LimitOption,
    fail,
    open_db,
    out,
    print_json,
    print_table,
    short,
)
from newsgraph.cli.query import resolve_entity
from newsgraph.errors import UsageError

_BOUND = {"upper": "up to ", "lower": "at least ", "approx": "about ", "exact": "", "range": ""}


def _source(key: str) -> str:
    """A source key (newsgraph.graph.events.source_key) as a reader would say it."""
    kind, _, rest = key.partition(":")
    if kind == "a":
        return "the article itself"
    if kind == "o":
        return f"the outlet {rest}"
    return rest.split("@")[0] if kind == "s" else key


def _figure(e: dict[str, Any]) -> str:
    value = f"{e['value']:,.0f}" if float(e["value"]).is_integer() else f"{e['value']:,}"
    if e["bound"] == "range" and e["high"] is not None:
        return f"{value}-{e['high']:,.0f}"
    return _BOUND.get(e["bound"], "") + value


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help='A name, an alias ("Zelenskyy") or an entity id.')],
    db: DbOption = None,
    events: Annotated[int, typer.Option("--events", help="Most events to list.")] = 20,
    json_out: JsonOption = False,
) -> None:
    """One entity across all articles: its names, why they were merged, roles over time, company kept, events.

    Variant names ("Zelensky", "Zelenskyy", "President Volodymyr Zelensky") are
    one entity; each merge shows the rule and evidence that made it, and its id
    for `newsgraph unmerge`.

    Example:  newsgraph entity Zelensky
    """
    store = open_db(db, readonly=True)
    ent = resolve_entity(store, name)
    view = store.graph_entity(int(ent["id"]))
    if view is None:
        raise fail(UsageError(f"no entity {name!r}", code="NG402"))
    view["events"] = view["events"][:events]
    if json_out:
        return print_json(view)
    out.print(
        f"[bold]{escape(view['name'])}[/] ({view['type']}, id {view['id']}): {view['articles']} articles,"
        f" {view['mentions']} mentions, {len(view['members'])} stored names",
        highlight=False,
    )
    out.print("aliases: " + ", ".join(view["aliases"][:40]), highlight=False, markup=False)
    if view["merges"]:
        print_table(
            [{"id": m["id"], "merged": m["entity_name"], "into": m["into_name"], "rule": m["rule"],
              "score": m["score"], "by": m["made_by"],
              "evidence": short(json.dumps({k: v for k, v in m["evidence"].items() if v}), 70),
              "undone": m["undone_at"] or ""} for m in view["merges"]],
            [("id", "merge"), ("merged", "merged"), ("into", "into"), ("rule", "rule"), ("score", "score"),
             ("by", "by"), ("evidence", "evidence"), ("undone", "undone")],
            title="merges (undo one with: newsgraph unmerge ID)",
        )  # fmt: skip
    if view["roles"]:
        print_table(
            [{"published": r["published"], "title": r.get("title"), "org": r.get("org_name") or "",
              "from": r.get("from") or "", "until": r.get("until") or "", "article": r["article_id"]}
             for r in view["roles"]],
            [("published", "reported"), ("title", "title"), ("org", "of"), ("from", "from"), ("until", "until"),
             ("article", "article")],
            title="roles over time",
        )  # fmt: skip
    print_table(
        view["cooccurring"],
        [("name", "entity"), ("articles", "articles together")],
        title=f"most often in the same articles (latest {view['cooccurring_sample']} articles)",
    )
    _events_table(view["events"], title="events")


def _events_table(rows: list[dict[str, Any]], *, title: str) -> None:
    print_table(
        [{"id": r["id"], "date": (r["date_value"] or r["date_sort"] or "") + (f" ({r['dates']} dates)" if r["dates"] > 1 else ""),
          "type": r["type"], "who": " -> ".join(x for x in (r["actor_name"], r["target_name"]) if x),
          "place": r["place_name"] or "", "reports": f"{r['reports']} / {r['sources']}"
          + (f", {r['denials']} denied" if r["denials"] else ""), "sentence": short(r["sentence"], 70)}
         for r in rows if r.get("kind", "event") == "event"],
        [("id", "event"), ("date", "when"), ("type", "type"), ("who", "who"), ("place", "where"),
         ("reports", "reports / sources"), ("sentence", "first source sentence")],
        title=title,
    )  # fmt: skip


@app.command()
def event(
    event_id: Annotated[int, typer.Argument(help="A merged event's id (shown by timeline, entity, ledger).")],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """One merged event with every report of it: article, source, the date each gave, the sentence.

    Dates that reports disagree on are all shown, with how many reports give each.

    Example:  newsgraph event 12
    """
    store = open_db(db, readonly=True)
    node = store.graph_event(event_id)
    if node is None:
        raise fail(UsageError(f"no event with id {event_id}", code="NG402"))
    if json_out:
        return print_json(node)
    who = " -> ".join(x for x in (node["actor_name"], node["target_name"]) if x)
    out.print(
        f"[bold]event {node['id']}[/]: {node['type']}{'/' + node['category'] if node['category'] else ''}"
        f" {escape(who)} {escape('in ' + node['place_name']) if node['place_name'] else ''}"
        f" — {node['reports']} reports in {node['articles']} articles from {node['sources']} sources"
        + (f", denied by {node['denials']}" if node["denials"] else ""),
        highlight=False,
    )
    dates = (
        ", ".join(f"{d['date_value']} ({d['reports']})" for d in node["dates_given"]) or "none in the text"
    )
    flag = "  [yellow]the reports disagree on the date[/]" if node["dates"] > 1 else ""
    out.print(f"dates given: {escape(dates)}{flag}", highlight=False)
    print_table(
        [{"published": r["published"], "source": r["claim_source"] or r["source"] or _source(r["source_key"]),
          "date": (r["date_value"] or "") + (f" ({r['date_source']})" if r["date_source"] else ""),
          "trigger": r["trigger_text"] + (" [denied]" if r["denial"] else ""),
          "who": " -> ".join(x for x in (r["actor_name"], r["target_name"]) if x),
          "sentence": short(r["sentence"], 80), "article": r["article_id"]} for r in node["reports_detail"]],
        [("published", "reported"), ("source", "source"), ("date", "date given"), ("trigger", "trigger"),
         ("who", "who"), ("sentence", "sentence"), ("article", "article")],
        title="reports",
    )  # fmt: skip


@app.command()
def ledger(
    db: DbOption = None,
    about: Annotated[
        str | None, typer.Option("--about", "-a", help="Only figures and events about this entity.")
    ] = None,
    limit: LimitOption = 20,
    json_out: JsonOption = False,
) -> None:
    """The claim ledger: figures about the same thing across sources over time, and where they disagree.

    Figures are grouped by what they count and whom they are about ("troops" of
    North Korea), listed by report date with who said each and its bound ("up
    to", "at least"); DISAGREES marks figures that another source contradicts
    beyond both bounds within a month. Contested events are events some reports
    assert and others deny.

    Example:  newsgraph ledger --about "North Korea"
    """
    store = open_db(db, readonly=True)
    about_id = int(resolve_entity(store, about)["id"]) if about else None
    data = store.ledger(about=about_id, limit=limit)
    if json_out:
        return print_json(data)
    if not data["figures"] and not data["contested"]:
        out.print("no figures reported by more than one article yet", highlight=False)
    for g in data["figures"]:
        out.print(
            f"\n[bold]{escape(g['topic'])}[/] of [bold]{escape(g['about_name'])}[/]: {g['entries']} figures from {g['sources']} sources"
            + (f", [red]{g['conflicts']} disagreements[/]" if g["conflicts"] else ""),
            highlight=False,
        )
        print_table(
            [{"date": e["report_date"], "source": e["source_name"] or _source(e["source_key"]), "figure": _figure(e),
              "flag": "DISAGREES" if e["disagrees"] else "", "said": short(e["content_text"] or e["text"], 70),
              "article": e["article_id"]} for e in g["entries_detail"]],
            [("date", "reported"), ("source", "who said it"), ("figure", "figure"), ("flag", ""),
             ("said", "claim"), ("article", "article")],
        )  # fmt: skip
    if data["contested"]:
        _events_table(data["contested"], title="contested events (asserted and denied)")


@app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The entity that stays (name or id).")],
    absorb: Annotated[str, typer.Argument(help="The entity that joins it (name or id).")],
    db: DbOption = None,
    note: Annotated[str, typer.Option("--note", help="Why (kept as the merge's evidence).")] = "",
) -> None:
    """Merge two entities by hand (undo with: newsgraph unmerge ID)."""
    store = open_db(db)
    a, b = resolve_entity(store, keep), resolve_entity(store, absorb)
    merge_id = store.merge_entities(int(a["id"]), int(b["id"]), note)
    if merge_id is None:
        out.print(f"{a['name']} and {b['name']} are one entity already", highlight=False, markup=False)
    else:
        out.print(f"merge {merge_id}: {b['name']} is now {a['name']}", highlight=False, markup=False)


@app.command()
def unmerge(
    merge_id: Annotated[int, typer.Argument(help="The merge's id (see: newsgraph entity NAME).")],
    db: DbOption = None,
) -> None:
    """Undo one entity merge; the two stay apart from then on (until merged by hand)."""
    store = open_db(db)
    moved = store.undo_merge(merge_id)
    if not moved:
        raise fail(UsageError(f"no merge {merge_id} in force", code="NG402"))
    out.print(f"merge {merge_id} undone: {len(moved)} stored entities moved back", highlight=False)


@app.command()
def consolidate(db: DbOption = None) -> None:
    """Upgrade an older database and take into the graph the articles stored before it existed.

    Ingest keeps the graph up to date by itself; this is needed only after an upgrade of newsgraph.
    """
    store = open_db(db)
    n = store.consolidate_pending()
    out.print(f"{n} articles taken into the graph", highlight=False)


@app.command("bench-store")
def bench_store_cmd(
    articles: Annotated[
        int, typer.Option("--articles", min=1, help="Synthetic articles to store.")
    ] = 100_000,
    db: Annotated[Path, typer.Option("--db", help="Where to build the store (replaced).")] = Path(
        "bench-store.db"
    ),
    batch: Annotated[int, typer.Option("--batch", min=1, help="Articles per transaction.")] = 500,
    json_out: JsonOption = False,
) -> None:
    """Measure the graph's cost per article at 1k, 10k and 100k articles, and query times on the result.

    Stores synthetic contract results (no spaCy) as ingest would, updating the
    graph in each batch's transaction.

    Example:  newsgraph bench-store --articles 100000 --db /tmp/bench.db
    """
    from rich.progress import Progress

    from newsgraph.graph.bench import bench_store

    with Progress(transient=True) as progress:
        task = progress.add_task("storing synthetic articles", total=articles)
        rows = bench_store(
            db,
            articles,
            batch=batch,
            progress=lambda n: progress.advance(task, n),
            on_row=None if json_out else lambda row: progress.console.print(json.dumps(row), markup=False),
        )
    if json_out:
        return print_json(rows)
    keys = list(rows[0]) if rows else []
    print_table(rows, [(k, k) for k in keys])
