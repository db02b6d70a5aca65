"""What the graph needs from a store: parameterised SQL, rows as dicts, in the caller's transaction.

:class:`newsgraph.store.sql.SQLStore` provides these three methods; statements
use ``?`` placeholders and portable SQL (the PostgreSQL backend rewrites them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

__all__ = ["GraphDB", "marks"]


class GraphDB(Protocol):
    def sql_rows(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...

    def sql_execute(self, statement: str, params: Sequence[Any] = ()) -> Any: ...

    def sql_executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None: ...


def marks(n: int) -> str:
    """``?, ?, ?`` for an IN list of ``n`` values (NULL for an empty list, which matches nothing)."""
    return ",".join("?" * n) if n else "NULL"
