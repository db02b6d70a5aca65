"""``extract`` (articles to contract JSON, no database), ``ingest`` (into the store) and ``settings``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsgraph.cli import app
from newsgraph.cli.common import DbOption, err, fail, open_db, out, print_table, settings
from newsgraph.errors import InputError, NewsgraphError, UsageError
from newsgraph.ingest import parse_date, read_any
from newsgraph.model import Article, to_dict

InputsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files or folders (read recursively), or - for standard input. Kinds by suffix, else by content: "
        ".txt (optional `date YYYY-MM-DD` header), .jsonl, .html, .warc/.warc.gz, .xml/.rss/.atom.",
        show_default=False,
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", "-w", min=0, help="Processes to use; 0 = one per core [default: setting `workers`].",
                 show_default=False),
]  # fmt: skip
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.", show_default=False
    ),
]


def _check_published(value: str | None) -> None:
    if value is not None and parse_date(value) is None:
        raise fail(UsageError(f"--published {value!r} is not a real date (YYYY-MM-DD)", code="NG401"), 2)


def _report_rejected(exc: InputError) -> None:
    err.print(f"[yellow]skipped[/] {escape(str(exc))}", markup=True, highlight=False)


@app.command()
def extract(
    inputs: InputsArg,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="jsonl: one result per line; json: one list; pretty: indented."),
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    workers: WorkersOption = None,
    published: PublishedOption = None,
) -> None:
    """Extract entities, dates, figures, claims and events from articles; print the contract JSON.

    Nothing is stored. One result per article, in input order. Problems with an
    input are reported on standard error with a code (NG1xx) and the rest goes on.

    Examples:

      newsgraph extract examples/001_kim_shoigu_pyongyang.txt --format pretty

      cat articles.jsonl | newsgraph extract - > results.jsonl
    """
    from newsgraph.extract import extract_many

    if format not in {"jsonl", "json", "pretty"}:
        raise fail(UsageError(f"--format must be jsonl, json or pretty, not {format!r}"), 2)
    _check_published(published)
    s = settings(workers=workers)
    counts = {"articles": 0, "rejected": 0}

    def articles() -> object:
        for item in read_any(
            inputs, published=published, max_chars=s.max_chars, max_file_bytes=s.max_file_bytes
        ):
            if isinstance(item, InputError):
                counts["rejected"] += 1
                _report_rejected(item)
            else:
                assert isinstance(item, Article)
                counts["articles"] += 1
                yield item

    stream = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        first = True
        if format == "json":
            stream.write("[")
        for result in extract_many(articles(), workers=s.workers, batch_size=16, model=s.model):  # type: ignore[arg-type]
            data = to_dict(result)
            if format == "jsonl":
                stream.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                indent = 2 if format == "pretty" else None
                stream.write(("" if first else ",\n") + json.dumps(data, ensure_ascii=False, indent=indent))
                if format == "pretty":
                    stream.write("\n")
            first = False
            stream.flush()
        if format == "json":
            stream.write("]\n")
    except NewsgraphError as exc:
        raise fail(exc) from exc
    finally:
        if output:
            stream.close()
    if counts["articles"] == 0:
        raise fail("NG101: no article could be read from the inputs", 1)


@app.command()
def ingest(
    inputs: InputsArg,
    db: DbOption = None,
    workers: WorkersOption = None,
    published: PublishedOption = None,
    batch_size: Annotated[
        int | None, typer.Option("--batch-size", min=1, help="Articles per transaction.", show_default=False)
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read articles, extract them and store them in the database.

    Safe to repeat and to interrupt: an article already stored is skipped, each
    batch is one transaction, and files read to the end are not read again.
    Exact copies and near-duplicates are linked to the stored article, not stored twice.

    Exit status: 0 all inputs read; 3 some inputs skipped (each reported with a
    code); 1 nothing could be read; 2 bad usage.

    Example:  newsgraph ingest examples/ --db newsgraph.db
    """
    from newsgraph.pipeline import ingest as run_ingest

    _check_published(published)
    s = settings(db=db, workers=workers, batch_size=batch_size)
    store = open_db(s.db)
    progress = Progress(
        TextColumn("[bold]ingest[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files  {task.fields[articles]} articles"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=False,
    )
    task = progress.add_task("ingest", total=None, articles=0)
    n_articles = 0

    def tick(event: str, amount: int) -> None:
        nonlocal n_articles
        if event == "total_files":
            progress.update(task, total=amount)
        elif event == "file":
            progress.advance(task, amount)
        elif event == "article":
            n_articles += amount
            progress.update(task, articles=n_articles)

    try:
        with progress:
            report = run_ingest(
                inputs,
                store,
                workers=s.workers,
                batch_size=s.batch_size,
                published=published,
                max_chars=s.max_chars,
                max_file_bytes=s.max_file_bytes,
                model=s.model,
                progress=tick,
                on_reject=_report_rejected,
            )
    except NewsgraphError as exc:
        raise fail(exc) from exc
    finally:
        store.close()
    rate = report.articles / report.seconds if report.seconds else 0.0
    stats = report.stats
    err.print(
        f"[bold]{report.articles}[/] articles read from {report.files} files in {report.seconds:.1f}s "
        f"({rate:.1f}/s): [green]{stats.added} added[/], {stats.existing} already stored, "
        f"{stats.duplicates} linked as duplicates, {len(report.rejected)} inputs skipped"
        + (
            f", {report.unchanged_files} files unchanged since the last run" if report.unchanged_files else ""
        ),
        markup=True,
        highlight=False,
    )
    for link in stats.duplicate_links:
        err.print(
            f"  NG125 {link[0]} is a near-duplicate of {link[1]} (similarity {link[2]:.2f})", highlight=False
        )
    if report.warnings:
        err.print("warnings: " + ", ".join(f"{code} x{n}" for code, n in sorted(report.warnings.items())))
    if report.exit_status:
        raise typer.Exit(report.exit_status)


@app.command("settings")
def show_settings(
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every setting: its value now, where that value came from, and what it does.

    Set one in newsgraph.toml (name = value), or as NEWSGRAPH_<NAME> in the
    environment, or with the command's own option; later ones win.
    """
    from newsgraph.settings import SETTINGS

    s = settings()
    rows = [
        {"name": x.name, "value": getattr(s, x.name), "from": s.origin(x.name), "env": x.env, "help": x.help}
        for x in SETTINGS
    ]
    if json_out:
        out.print_json(data=rows)
    else:
        print_table(rows, [("name", "setting"), ("value", "value"), ("from", "from"), ("env", "environment"),
                           ("help", "what it does")])  # fmt: skip
