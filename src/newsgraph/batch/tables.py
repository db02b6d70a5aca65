"""Contract results as Arrow tables, one per kind of thing: the columns of the batch output.

``articles`` holds one row per article, with the full result as JSON (``result``),
its content hash and MinHash signature, so that ``newsgraph load`` can hand the
Store exactly what ``ingest`` would. The other tables (entities, mentions,
timexes, quantities, claims, events) are the same results flattened for
analysis: one row per item, keyed by ``article_id`` and the item's index (or
the entity's id). Their columns come from the contract's dataclasses, so a field
added to the contract appears here without a change: nested spans become
``<field>_start``/``_end``/``_text``, tuples of strings become lists, anything
else structured becomes a JSON string.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from newsgraph.batch import TABLE_NAMES
from newsgraph.ingest.dedup import content_hash, signature
from newsgraph.model import (
    ArticleResult,
    Claim,
    Entity,
    Event,
    Mention,
    Quantity,
    Timex,
    result_from_dict,
    to_dict,
)
from newsgraph.store import StoreItem

__all__ = ["ITEM_TABLES", "TABLE_NAMES", "article_rows", "item_from_row", "results_to_tables", "schema"]

# table -> (dataclass of its rows, the ArticleResult field they come from); mentions come from entities
ITEM_TABLES: dict[str, type] = {
    "entities": Entity,
    "mentions": Mention,
    "timexes": Timex,
    "quantities": Quantity,
    "claims": Claim,
    "events": Event,
}
assert ("articles", *ITEM_TABLES) == TABLE_NAMES

_KEYS: dict[str, list[tuple[str, pa.DataType]]] = {
    "entities": [("article_id", pa.string())],
    "mentions": [("article_id", pa.string()), ("entity_id", pa.string())],
}
_DEFAULT_KEYS = [("article_id", pa.string()), ("idx", pa.int32())]
_SKIP = {"entities": {"mentions"}}  # held by a table of their own

_ARTICLE_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("position", pa.int64()),  # the article's place in the input stream (0-based)
    ("id", pa.string()),
    ("published", pa.string()),
    ("title", pa.string()),
    ("url", pa.string()),
    ("source", pa.string()),
    ("origin", pa.string()),
    ("category", pa.string()),
    ("text", pa.string()),
    ("content_hash", pa.string()),
    ("minhash", pa.binary()),
    ("warnings", pa.string()),  # JSON list of {code, message}
    ("result", pa.string()),  # the full contract result, JSON
]


def _unwrap_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


_SCALARS: dict[Any, pa.DataType] = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


@functools.cache
def _fields(cls: type, table: str) -> tuple[tuple[str, tuple[str, ...], pa.DataType, str], ...]:
    """(column, attribute path, Arrow type, how) for every column of a dataclass's rows."""
    hints = typing.get_type_hints(cls)
    out: list[tuple[str, tuple[str, ...], pa.DataType, str]] = []
    for f in dataclasses.fields(cls):
        if f.name in _SKIP.get(table, ()):
            continue
        tp = _unwrap_optional(hints[f.name])
        name = f.name.rstrip("_")
        if tp in _SCALARS:
            out.append((name, (f.name,), _SCALARS[tp], "value"))
        elif dataclasses.is_dataclass(tp):
            for sub in _fields(tp, ""):  # type: ignore[arg-type]
                out.append((f"{name}_{sub[0]}", (f.name, *sub[1]), sub[2], sub[3]))
        elif typing.get_origin(tp) is tuple and typing.get_args(tp)[:1] == (str,):
            out.append((name, (f.name,), pa.list_(pa.string()), "list"))
        else:
            out.append((name, (f.name,), pa.string(), "json"))
    return tuple(out)


@functools.cache
def schema(table: str) -> pa.Schema:
    """The Arrow schema of one output table."""
    if table == "articles":
        return pa.schema(_ARTICLE_COLUMNS)
    cls = ITEM_TABLES[table]
    keys = _KEYS.get(table, _DEFAULT_KEYS)
    return pa.schema(keys + [(name, tp) for name, _, tp, _ in _fields(cls, table)])


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for attr in path:
        if obj is None:
            return None
        obj = getattr(obj, attr)
    return obj


def _row(obj: Any, table: str, keys: Sequence[Any]) -> list[Any]:
    row = list(keys)
    cls: Any = type(obj)
    for _, path, _, how in _fields(cls, table):
        value = _get(obj, path)
        if how == "json":
            value = None if value is None else json.dumps(to_dict(value), ensure_ascii=False, sort_keys=True)
        elif how == "list":
            value = list(value) if value is not None else None
        row.append(value)
    return row


def article_rows(result: ArticleResult, position: int) -> list[Any]:
    """The ``articles`` row of one result (hash and MinHash computed here, where the work is spread)."""
    return [
        position, result.id, result.published, result.title, result.url, result.source, None,
        result.category, result.text, content_hash(result.text),
        signature(result.text).astype(np.uint64).tobytes(),
        json.dumps([to_dict(w) for w in result.warnings], ensure_ascii=False),
        json.dumps(to_dict(result), ensure_ascii=False, separators=(",", ":")),
    ]  # fmt: skip


def _table(name: str, rows: list[list[Any]]) -> pa.Table:
    sch = schema(name)
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [[] for _ in sch]
    return pa.Table.from_arrays(
        [pa.array(list(c), type=f.type) for c, f in zip(columns, sch, strict=True)], schema=sch
    )


def results_to_tables(
    results: Iterable[ArticleResult], *, first_position: int = 0, origins: Sequence[str | None] = ()
) -> dict[str, pa.Table]:
    """Every output table for a run of results, in order; ``origins`` gives each article's source file."""
    rows: dict[str, list[list[Any]]] = {name: [] for name in TABLE_NAMES}
    for n, r in enumerate(results):
        article = article_rows(r, first_position + n)
        article[6] = origins[n] if n < len(origins) else None
        rows["articles"].append(article)
        for e in r.entities:
            rows["entities"].append(_row(e, "entities", [r.id]))
            rows["mentions"].extend(_row(m, "mentions", [r.id, e.id]) for m in e.mentions)
        for table, items in (("timexes", r.timexes), ("quantities", r.quantities), ("claims", r.claims),
                             ("events", r.events)):  # fmt: skip
            rows[table].extend(_row(x, table, [r.id, i]) for i, x in enumerate(items))
    return {name: _table(name, table_rows) for name, table_rows in rows.items()}


def item_from_row(row: dict[str, Any]) -> StoreItem:
    """The StoreItem ``ingest`` would have made, from an ``articles`` row."""
    return StoreItem(
        result=result_from_dict(json.loads(row["result"])),
        content_hash=row["content_hash"],
        signature=np.frombuffer(row["minhash"], dtype=np.uint64).copy(),
        origin=row["origin"],
    )
