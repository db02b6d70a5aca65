"""Scale: ``bench`` (throughput against the bare model), ``batch`` (a Dask cluster) and ``load``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsgraph.cli import app
from newsgraph.cli.common import DbOption, err, fail, open_db, out, print_table, settings
from newsgraph.errors import InputError, NewsgraphError, UsageError


def _missing_extra(exc: ImportError, extra: str) -> typer.Exit:
    return fail(
        UsageError(f"this command needs the {extra!r} extra: pip install 'newsgraph[{extra}]' ({exc})"), 2
    )


@app.command()
def bench(
    articles: Annotated[int, typer.Option("--articles", "-n", min=4, help="Real articles to run on.")] = 200,
    workers: Annotated[int, typer.Option("--workers", min=2, help="Workers for the parallel stage.")] = 2,
    warmup: Annotated[
        int,
        typer.Option(
            "--warmup",
            min=0,
            help="Further articles bare, full and pool run untimed before their clock starts.",
        ),
    ] = 100,
    repeat: Annotated[
        int, typer.Option("--repeat", min=1, help="Rounds of all stages; each stage keeps its fastest.")
    ] = 3,
    stages: Annotated[
        str, typer.Option("--stages", help="Comma-separated: bare, full, pool, extract, ingest.")
    ] = "bare,full,pool,extract,ingest",
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON for programs.")] = False,
) -> None:
    """Throughput of the full extractor beside the bare spaCy pipeline, on the same real articles.

    Takes dated Wikinews and Reuters-21578 articles in turn from the shared data
    folder (../shared/data, or NEWSGRAPH_SHARED_DATA) and runs each stage in a
    process of its own: the bare model, the full extractor, the extractor with
    --workers processes, and the extract and ingest commands end to end. Prints
    articles/s, words/s and peak memory per stage, and the ratios the targets are
    set on. Takes about a minute per 100 articles and round on two cores.

    bare, full and pool first run --warmup other articles untimed (every worker
    of pool its share), so they measure the steady state of a long run rather
    than caches filling; extract and ingest are timed cold, as a user runs them.
    The stages run --repeat rounds in turn and each keeps its fastest round, the
    one least disturbed by the rest of the machine (a shared machine drifts by
    a fifth from one minute to the next; all the rounds are in --json).
    """
    from newsgraph.bench.corpora import bench_articles
    from newsgraph.bench.throughput import AT_MOST, TARGETS, run_bench

    chosen = tuple(s.strip() for s in stages.split(",") if s.strip())
    unknown = set(chosen) - {"bare", "full", "pool", "extract", "ingest"}
    if unknown:
        raise fail(UsageError(f"unknown stage(s): {', '.join(sorted(unknown))}"), 2)
    s = settings()
    try:
        arts = bench_articles(articles + warmup)
        arts, warm = arts[:articles], arts[articles:]
    except NewsgraphError as exc:
        raise fail(exc) from exc
    if not json_out:
        err.print(
            f"bench: {len(arts)} articles, {sum(len(a.text.split()) for a in arts):,} words", highlight=False
        )
    report = run_bench(
        arts,
        warmup=warm,
        repeat=repeat,
        model=s.model,
        workers=workers,
        stages=chosen,
        progress=None if json_out else (lambda name: err.print(f"  running {name} ...", highlight=False)),
    )
    if json_out:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
        return
    rows = [
        {
            "stage": st.name,
            "workers": st.workers,
            "articles/s": f"{st.articles_per_s:.2f}",
            "words/s": f"{st.words_per_s:,.0f}",
            "seconds": f"{st.seconds:.1f}",
            "CPU s": f"{st.cpu_seconds:.1f}",
            "peak MB": f"{st.peak_mb:.0f}" + (" per worker" if st.name == "pool" else ""),
        }
        for st in report.stages.values()
    ]
    print_table(
        rows, [(k, k) for k in ("stage", "workers", "articles/s", "words/s", "seconds", "CPU s", "peak MB")]
    )
    labels = {
        "full_vs_bare": "full extractor / bare spaCy, in one run",
        "full_vs_bare_separate": "full / bare, two separate runs",
        "two_vs_one": f"{workers} workers / 1 worker",
        "ingest_vs_extract": "ingest / extract, end to end",
        "peak_worker_mb": "peak memory of one worker (MB)",
        "timex_share": "time tagging / full run",
    }
    for key, value in report.ratios.items():
        if value is None:
            continue
        if key not in TARGETS:
            out.print(f"{labels[key]:<42} {value:8.2f}", highlight=False)
            continue
        target = TARGETS[key]
        ok = value <= target if key in AT_MOST else value >= target
        sign = "<" if key in AT_MOST else ">="
        mark = "[green]ok[/]" if ok else "[red]short[/]"
        out.print(f"{labels[key]:<42} {value:8.2f}   target {sign} {target:g}  {mark}", highlight=False)
    full = report.stages.get("full")
    if full and full.component_seconds:
        parts = ", ".join(f"{n.removeprefix('ng_')} {v:.2f}" for n, v in full.component_seconds.items())
        out.print(f"seconds of each of our components in the full run: {parts}", highlight=False)
    cpu = report.cpu_ratios
    cpu_labels = {
        "full_vs_bare": "full / bare, by CPU time",
        "pool_worker_cpu_vs_full": "one process / pool workers, by CPU time",
    }
    for key, value in cpu.items():
        if value is not None:
            out.print(f"{cpu_labels[key]:<42} {value:8.2f}", highlight=False)
    b, a = report.load_before, report.load_after
    out.print(
        f"machine: {report.cores} cores; load average {b[0]:.2f} before, {a[0]:.2f} after", highlight=False
    )


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (read recursively), as for extract.")],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the Parquet tables (new, or --resume).")
    ],
    scheduler: Annotated[
        str, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786), or local.")
    ] = "local",
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Worker processes of a local cluster.")
    ] = 2,
    partition_size: Annotated[
        int, typer.Option("--partition-size", min=1, help="Articles per task and file.")
    ] = 64,
    resume: Annotated[
        bool, typer.Option("--resume", help="Finish an interrupted run into the same --out.")
    ] = False,
    published: Annotated[
        str | None, typer.Option("--published", help="Date (YYYY-MM-DD) for inputs without one.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Extract articles on a Dask cluster into partitioned Parquet tables.

    Writes OUT/<table>/part-NNNNNN.parquet for articles, entities, mentions,
    timexes, quantities, claims and events (one file per partition, in input
    order) and OUT/_manifest.json when done. The workers need newsgraph and its
    model installed; they need no shared disk. Load the result into a database
    with `newsgraph load OUT --db ...`.

    Examples:

      newsgraph batch articles/ --scheduler local --workers 2 --out run1/

      newsgraph batch big.jsonl --scheduler tcp://10.0.0.5:8786 --out /data/run2/
    """
    try:
        from newsgraph.batch.runner import run_batch
    except ImportError as exc:
        raise _missing_extra(exc, "batch") from exc
    from newsgraph.ingest import read_any

    s = settings()
    if published is not None:
        from newsgraph.ingest import parse_date

        if parse_date(published) is None:
            raise fail(UsageError(f"--published {published!r} is not a real date (YYYY-MM-DD)"), 2)
    progress = Progress(
        TextColumn("[bold]batch[/]"), MofNCompleteColumn(), TextColumn("articles"), TimeElapsedColumn(),
        console=err, disable=quiet,
    )  # fmt: skip
    task = progress.add_task("batch", total=None)

    def reject(exc: InputError) -> None:
        err.print(f"[yellow]skipped[/] {escape(str(exc))}", markup=True, highlight=False)

    try:
        with progress:
            report = run_batch(
                read_any(inputs, published=published, max_chars=s.max_chars, max_file_bytes=s.max_file_bytes),
                out_dir,
                scheduler=scheduler,
                workers=workers,
                partition_size=partition_size,
                model=s.model,
                resume=resume,
                progress=lambda n: progress.advance(task, n),
                on_reject=reject,
            )
    except UsageError as exc:
        raise fail(exc, 2) from exc
    except (NewsgraphError, OSError) as exc:
        raise fail(str(exc)) from exc
    rate = report.articles / report.seconds if report.seconds else 0.0
    err.print(
        f"[bold]{report.articles}[/] articles in {report.partitions} partitions on {report.workers} workers, "
        f"{report.seconds:.1f}s ({rate:.1f}/s); {report.skipped_partitions} partitions from an earlier run, "
        f"{report.failed} articles failed, {len(report.rejected)} inputs skipped -> {out_dir}",
        markup=True,
        highlight=False,
    )
    if report.articles == 0:
        raise fail("NG101: no article could be read from the inputs", 1)
    if report.rejected:
        raise typer.Exit(3)


@app.command()
def load(
    folder: Annotated[Path, typer.Argument(help="A folder written by `newsgraph batch`.")],
    db: DbOption = None,
    batch_size: Annotated[
        int | None, typer.Option("--batch-size", min=1, help="Articles per transaction.")
    ] = None,
) -> None:
    """Load the output of `newsgraph batch` into the database, as ingest would store it.

    Articles go through the store like ingested ones: duplicates are linked,
    entities joined across articles. Safe to interrupt and repeat: each
    partition file loaded is recorded, and stored articles are skipped.

    Example:  newsgraph load run1/ --db postgresql://news@db/news
    """
    try:
        from newsgraph.batch.load import load_parts
    except ImportError as exc:
        raise _missing_extra(exc, "batch") from exc
    s = settings(db=db, batch_size=batch_size)
    store = open_db(s.db)
    try:
        report = load_parts(folder, store, batch_size=s.batch_size)
    except NewsgraphError as exc:
        raise fail(exc) from exc
    finally:
        store.close()
    st = report.stats
    err.print(
        f"[bold]{report.articles}[/] articles from {report.parts} partitions in {report.seconds:.1f}s: "
        f"[green]{st.added} added[/], {st.existing} already stored, {st.duplicates} linked as duplicates"
        + (f", {report.unchanged_parts} partitions loaded before" if report.unchanged_parts else ""),
        markup=True,
        highlight=False,
    )
