"""``newsgraph train NAME``: build a model from the shared data into the local cache."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import app
from newsgraph.cli.common import fail, out
from newsgraph.errors import NewsgraphError, UsageError
from newsgraph.eval.base import shared_data

MODELS = ("case",)


@app.command("train")
def train_command(
    name: Annotated[str, typer.Argument(help="What to train: case (the event category model).")],
    data: Annotated[
        Path | None,
        typer.Argument(help="Training data [default: case2021_task2/dev.tsv in ../shared/data]."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Where to write the model [default: the cache path]."),
    ] = None,
) -> None:
    """Train a model from the shared data and write it to the local cache.

    case: the article/event category classifier (CASE 2021 Task 2 classes), learned from the CASE
    snippets plus newsgraph's own example sentences. The CASE data has no license, so the model is
    written only to the cache ($NEWSGRAPH_CATEGORY_MODEL, else ~/.cache/newsgraph/category-case2021.npz)
    and never into the package; without it the pipeline uses the packaged cue-and-example model.
    `newsgraph eval case` scores data the cached model learned from by 5-fold cross-validation.

    Example:  newsgraph train case
    """
    if name not in MODELS:
        raise fail(UsageError(f"unknown model {name!r}; choose from {', '.join(MODELS)}"), 2)
    from newsgraph.train import case

    try:
        path = data or shared_data() / case.DEFAULT
        if not path.is_file():
            raise NewsgraphError(f"training data not found: {path}", code="NG501")
        model, target = case.build(path, output)
    except NewsgraphError as exc:
        raise fail(exc) from exc
    out.print(
        f"trained the category model on {path} plus {len(case.own_examples())} own examples: "
        f"{len(model.vocab)} features, {len(model.classes)} classes -> {target}",
        highlight=False,
    )
