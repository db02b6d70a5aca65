"""The ``newsgraph`` command line. Each submodule adds the commands named for what they do."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsgraph",
    help=(
        "Turn news articles into a sourced, time-resolved knowledge graph: who did what to whom, "
        "when, where, according to whom.\n\n"
        "Start with:  newsgraph ingest examples/  then  newsgraph entities  and  "
        "newsgraph timeline 'Sergei Shoigu'.\n\n"
        "Every setting can also come from newsgraph.toml or NEWSGRAPH_<NAME> (see: newsgraph settings)."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

from newsgraph.cli import eval as _eval  # noqa: E402
from newsgraph.cli import extract as _extract  # noqa: E402
from newsgraph.cli import graph as _graph  # noqa: E402
from newsgraph.cli import query as _query  # noqa: E402
from newsgraph.cli import scale as _scale  # noqa: E402
from newsgraph.cli import serve as _serve  # noqa: E402
from newsgraph.cli import train as _train  # noqa: E402

__all__ = ["app", "main"]
_ = (
    _eval,
    _extract,
    _graph,
    _query,
    _scale,
    _serve,
    _train,
)  # importing a command module registers its commands


def main() -> None:
    app()
