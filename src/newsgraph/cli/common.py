"""What every command shares: the settings, the consoles, tables and JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from newsgraph.errors import NewsgraphError
from newsgraph.settings import Settings, load_settings

out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)  # one line per message, also in logs

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL [default: setting `db`, newsgraph.db].",
                 show_default=False),
]  # fmt: skip
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for programs instead of a table.")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="Most rows to show.")]


def settings(**overrides: Any) -> Settings:
    return load_settings().with_overrides(**overrides)


def fail(exc: NewsgraphError | str, status: int = 1) -> typer.Exit:
    """Print a coded error to standard error and return the Exit to raise."""
    err.print(f"[bold red]error[/] {escape(str(exc))}", markup=True, highlight=False)
    return typer.Exit(status)


def short(text: str | None, width: int = 110) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_table(
    rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], *, title: str = ""
) -> None:
    """A rich table of ``rows``; ``columns`` are (key, heading). Values are shown as plain text (never markup)."""
    table = Table(title=title or None, title_justify="left", show_lines=False, header_style="bold")
    for _, heading in columns:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*(Text("" if row.get(k) is None else str(row.get(k))) for k, _ in columns))
    out.print(table)


def open_db(db: str | None, *, readonly: bool = False) -> Any:
    from newsgraph.store import open_store

    s = settings(db=db)
    try:
        return open_store(s.db, near_dup_threshold=s.near_dup_threshold, readonly=readonly)
    except NewsgraphError as exc:
        raise fail(exc) from exc
