"""The store benchmark: consolidation cost per article as the store grows, and query times on a large store.

Synthetic contract results (:func:`newsgraph.graph.synthetic.corpus`) go into
a fresh SQLite store batch by batch, exactly as ingest stores them (the graph
is updated in each batch's transaction). At each checkpoint the mean cost per
article of the graph update and of the whole store write, over the last
``window`` articles, is recorded, and so are the times of ``timeline`` and
``entity`` queries for the most reported entity and for a sample of others.
"""

from __future__ import annotations

import hashlib
import os
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.graph.synthetic import corpus
from newsgraph.ingest.dedup import NUM_PERM
from newsgraph.store.base import StoreItem
from newsgraph.store.sqlite import SQLiteStore

__all__ = ["bench_store", "query_times"]


def _item(result: Any, rng: np.random.Generator) -> StoreItem:
    # a random signature: synthetic texts share one template and must not be taken for near-duplicates
    sig = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
    return StoreItem(result=result, content_hash=hashlib.sha1(result.id.encode()).hexdigest(), signature=sig)


def _ms(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def query_times(store: SQLiteStore, *, sample: int = 20, seed: int = 1, repeat: int = 20) -> dict[str, Any]:
    """Milliseconds of ``timeline`` and ``entity`` for the busiest entities (the hubs) and for random others.

    The two entities named in most articles are timed ``repeat`` times each (p95):
    the newest page of their timeline (50 items), the page after it (by cursor),
    a one-month window, the oldest-first timeline (200 items) and the entity view.
    Random entities are timed once each (median and p95).
    """
    tops = store.sql_rows("SELECT id, articles FROM entities ORDER BY articles DESC LIMIT 2")
    articles = int(store.sql_rows("SELECT COUNT(*) AS n FROM articles")[0]["n"])
    n = int(store.sql_rows("SELECT MAX(id) AS m FROM entities")[0]["m"])
    ids = random.Random(seed).sample(range(1, n + 1), min(sample, n))
    out: dict[str, Any] = {"hub_articles_pct": round(100 * int(tops[0]["articles"]) / max(articles, 1), 1)}
    runs: dict[str, list[float]] = {"timeline_hub": [], "timeline_hub_next": [], "timeline_hub_month": [],
                                    "timeline_hub_oldest": [], "entity_hub": []}  # fmt: skip
    for top in (int(t["id"]) for t in tops):
        first = store.graph_timeline_page(top, limit=50)
        last = max((str(i["date_sort"]) for i in first["items"] if i.get("date_sort")), default="2020-01")
        for _ in range(repeat):
            runs["timeline_hub"].append(_ms(lambda t=top: store.graph_timeline_page(t, limit=50)))  # type: ignore[misc]
            runs["timeline_hub_next"].append(
                _ms(lambda t=top, c=first["next_cursor"]: store.graph_timeline_page(t, limit=50, cursor=c))  # type: ignore[misc]
            )
            runs["timeline_hub_month"].append(
                _ms(lambda t=top, m=last[:7]: store.graph_timeline_page(t, limit=50, since=m, until=m))  # type: ignore[misc]
            )
            runs["timeline_hub_oldest"].append(_ms(lambda t=top: store.graph_timeline(t, limit=200)))  # type: ignore[misc]
            runs["entity_hub"].append(_ms(lambda t=top: store.graph_entity(t)))  # type: ignore[misc]
    for k, v in runs.items():
        out[f"{k}_p95_ms"] = _p95(v)
    tl = [_ms(lambda i=i: store.graph_timeline_page(i, limit=50)) for i in ids]  # type: ignore[misc]
    en = [_ms(lambda i=i: store.graph_entity(i)) for i in ids]  # type: ignore[misc]
    out |= {
        "timeline_median_ms": statistics.median(tl),
        "timeline_p95_ms": _p95(tl),
        "entity_median_ms": statistics.median(en),
        "entity_p95_ms": _p95(en),
    }
    return out


def bench_store(
    path: Path,
    articles: int,
    *,
    batch: int = 500,
    checkpoints: Sequence[int] = (1_000, 10_000, 100_000),
    window: int = 1_000,
    progress: Callable[[int], None] | None = None,
    on_row: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Fill a fresh store at ``path`` with ``articles`` synthetic articles; one result row per checkpoint reached."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = SQLiteStore(path)
    rng = np.random.default_rng(0)
    marks = sorted({c for c in checkpoints if c <= articles} | {articles})
    recent: list[tuple[int, float, float]] = []  # (articles, graph seconds, total seconds) per batch
    rows: list[dict[str, Any]] = []
    done = 0
    pending: list[StoreItem] = []
    try:
        for result in corpus(articles):
            pending.append(_item(result, rng))
            next_mark = next(m for m in marks if m > done)
            if len(pending) < batch and done + len(pending) < next_mark:
                continue
            started = time.perf_counter()
            stats = store.add_batch(pending)
            total = time.perf_counter() - started
            done += len(pending)
            recent.append((len(pending), stats.graph_seconds, total))
            if progress:
                progress(len(pending))
            pending = []
            if done in marks:
                last, n = [], 0
                for x in reversed(recent):
                    last.append(x)
                    n += x[0]
                    if n >= window:
                        break
                graph_ms = 1000 * sum(x[1] for x in last) / n
                total_ms = 1000 * sum(x[2] for x in last) / n
                counts = store.counts()
                groups = int(store.sql_rows("SELECT COUNT(*) AS n FROM event_groups")[0]["n"])
                rows.append(
                    {
                        "articles": done,
                        "graph_ms_per_article": round(graph_ms, 3),
                        "store_ms_per_article": round(total_ms, 3),
                        "entities": counts["entities"],
                        "events": counts["events"],
                        "event_nodes": groups,
                        "load": round(os.getloadavg()[0], 2),
                        **{k: round(v, 2) for k, v in query_times(store).items()},
                    }
                )
                if on_row:
                    on_row(rows[-1])
    finally:
        store.close()
    return rows
