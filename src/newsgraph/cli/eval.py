"""``newsgraph eval NAME [PATH]``: score a capability on public data with gold annotations."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import app
from newsgraph.cli.common import JsonOption, err, fail, out, print_json, print_table
from newsgraph.errors import NewsgraphError, UsageError
from newsgraph.eval import EVALUATORS
from newsgraph.eval.base import Report, check_floors, shared_data


def _run(name: str, path: Path | None, limit: int | None) -> Report:
    module = importlib.import_module(EVALUATORS[name])
    target = path or (shared_data() / module.DEFAULT)
    if not target.exists():
        raise fail(NewsgraphError(f"evaluation data not found: {target}", code="NG501"))
    report: Report = module.evaluate(target, limit=limit)
    return report


def _show(report: Report) -> None:
    floors = report.as_dict()["floors"]
    out.print(f"[bold]{report.name}[/] on {report.dataset}", highlight=False)
    print_table(
        [{"metric": k, "value": f"{v:.4f}", "floor": floors.get(k, "")} for k, v in report.metrics.items()],
        [("metric", "metric"), ("value", "value"), ("floor", "floor")],
    )
    if report.counts:
        out.print("  " + ", ".join(f"{k}={v}" for k, v in report.counts.items()), highlight=False)
    if report.rows:
        keys = list(report.rows[0])
        print_table(report.rows, [(k, k) for k in keys])
    for note in report.notes:
        out.print(f"  note: {note}", highlight=False)


@app.command("eval")
def evaluate(
    name: Annotated[str, typer.Argument(help=f"What to score: {', '.join(EVALUATORS)}, or all.")],
    path: Annotated[
        Path | None, typer.Argument(help="Data folder or file [default: its place in ../shared/data].")
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Score only the first N documents.")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Score an extraction capability on a public corpus and compare with the pinned floors.

    timeml: TIMEX3 spans and values (TempEval-3 measures) on TimeBank+AQUAINT.
    timeml-meantime: the same measures on MEANTIME's newer Wikinews articles.
    event-time: each event's date against TimeBank+AQUAINT's event-time links.
    polnear: attributions (cue, source, content) on PolNeAR dev, beside textacy.
    quantities: figures against MEANTIME's numeric values.
    conll: entity mentions on CoNLL-2003 dev, beside the bare English pipeline.
    case: article category on CASE 2021 Task 2 dev (weighted, micro, macro F1).
    meantime / ecbplus: cross-document entity and event coreference.
    seed: the hand-annotated seed article.

    Exit status 1 when a score is below its floor.

    Example:  newsgraph eval timeml ../shared/data/tempeval3/TBAQ-cleaned
    """
    names = list(EVALUATORS) if name == "all" else [name]
    if any(n not in EVALUATORS for n in names):
        raise fail(UsageError(f"unknown evaluation {name!r}; choose from {', '.join(EVALUATORS)} or all"), 2)
    if name == "all" and path is not None:
        raise fail(UsageError("give no PATH with `all`: each evaluation uses its default data"), 2)
    reports, failures = [], []
    for n in names:
        try:
            report = _run(n, path, limit)
        except NewsgraphError as exc:
            raise fail(exc) from exc
        reports.append(report)
        if limit is None:
            failures += check_floors(report)
        if not json_out:
            _show(report)
    if json_out:
        print_json([r.as_dict() for r in reports] if name == "all" else reports[0].as_dict())
    for f in failures:
        err.print(f"[red]below floor[/] {f}", highlight=False)
    if failures:
        raise typer.Exit(1)
