"""Entity timeline latency on a large store: build a synthetic one, then time ``Store.timeline``.

``python -m newsgraph.bench.store_p95 --articles 100000 --db PATH_OR_URL`` fills a
new store (SQLite file or PostgreSQL database) with synthetic contract results
through ``Store.add_batch`` (the same writes as ingest), then times the timeline
query for entities drawn two ways: by how often they are reported (what people
look up) and uniformly, and for the most reported entity alone.

The synthetic news: 100,000 entities with Zipf-distributed popularity (exponent 1: the
first is in about 40% of articles, most in a handful), six per article, three events and
two attributed claims per article among them, dates spread over five years.
Texts are built around the names so every span is right; MinHash signatures are
random, so that articles from one template are not taken for near-duplicates
(the duplicate lookup still runs for each article).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from newsgraph.ingest.dedup import NUM_PERM
from newsgraph.model import (
    ArticleResult,
    Claim,
    ClaimSource,
    Entity,
    Event,
    EventTime,
    Mention,
    Quantity,
    Span,
    Timex,
)
from newsgraph.store import Store, StoreItem, open_store

__all__ = ["build", "synthetic_results", "timeline_latency"]

TYPES = ("PERSON", "ORG", "GPE")
EVENT_TYPES = ("CONSULT", "AGREE", "ACCUSE", "ASSAULT", "PROTEST", "AID", "THREATEN", "SANCTION")
VERBS = {"CONSULT": "met", "AGREE": "signed a deal with", "ACCUSE": "accused", "ASSAULT": "attacked",
         "PROTEST": "protested against", "AID": "sent aid to", "THREATEN": "threatened", "SANCTION": "sanctioned"}  # fmt: skip


def _name(k: int) -> tuple[str, str]:
    kind = TYPES[k % 3]
    return {"PERSON": f"Person {k:06d}", "ORG": f"Agency {k:06d}", "GPE": f"Land {k:06d}"}[kind], kind


class _Text:
    """A text built piece by piece, giving the span of each piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, s: str) -> tuple[int, int]:
        self.parts.append(s)
        begin = self.pos
        self.pos += len(s)
        return begin, self.pos

    def text(self) -> str:
        return "".join(self.parts)


def synthetic_results(n: int, *, entities: int = 100_000, seed: int = 7) -> Iterator[ArticleResult]:
    """``n`` articles over ``entities`` entities whose popularity follows Zipf's law (exponent 1)."""
    rng = random.Random(seed)
    cum = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(entities)))
    population = range(entities)
    start = dt.date(2020, 1, 1)
    for i in range(n):
        day = start + dt.timedelta(days=rng.randrange(5 * 365))
        picked: list[int] = []
        while len(picked) < 6:
            k = rng.choices(population, cum_weights=cum)[0]
            if k not in picked:
                picked.append(k)
        buf = _Text()
        add = buf.add

        ents: list[Entity] = []
        spans: dict[int, tuple[int, int]] = {}
        events: list[Event] = []
        claims: list[Claim] = []
        add(f"Report {i} of {day.isoformat()}. ")
        for j in range(3):
            a, b = picked[j], picked[j + 3]
            etype = EVENT_TYPES[rng.randrange(len(EVENT_TYPES))]
            s0 = buf.pos
            sa = add(_name(a)[0])
            add(" ")
            tv = add(VERBS[etype])
            add(" ")
            sb = add(_name(b)[0])
            add(f" on day {j} of the week. ")
            spans.setdefault(a, sa)
            spans.setdefault(b, sb)
            pos, text_so_far = buf.pos, buf.text()
            events.append(Event(
                type=etype, trigger=Span(tv[0], tv[1], VERBS[etype]), actor=f"e{a}", target=f"e{b}",
                time=EventTime((day - dt.timedelta(days=j)).isoformat(), timex=None, source="text"),
                salience=round(1.0 - j * 0.3, 2), sentence=Span(s0, pos - 1, text_so_far[s0 : pos - 1]),
            ))  # fmt: skip
        for j in range(2):
            src = picked[j * 2]
            s0 = buf.pos
            ss = add(_name(src)[0])
            add(" ")
            cue = add("said")
            add(" that ")
            content = add(f"talks on item {i}-{j} would go on")
            add(". ")
            claims.append(Claim(
                source=ClaimSource(ss[0], ss[1], _name(src)[0], entity=f"e{src}"),
                cue=Span(cue[0], cue[1], "said"), content=Span(content[0], content[1], f"talks on item {i}-{j} would go on"),
                hedges=("would",), sentence=Span(s0, buf.pos - 1, buf.text()[s0 : buf.pos - 1]),
            ))  # fmt: skip
        q = add(f"{rng.randrange(2, 900)} people")
        add(" attended.")
        text = buf.text()
        for k in picked:
            name, kind = _name(k)
            st, en = spans[k]
            ents.append(Entity(id=f"e{k}", name=name, type=kind, mentions=(Mention(st, en, name, kind),)))
        date_span = text.index(day.isoformat())
        figure = text[q[0] : q[1]]
        yield ArticleResult(
            id=f"syn{i:07d}",
            text=text,
            published=day.isoformat(),
            title=f"Report {i}",
            entities=tuple(ents),
            timexes=(Timex(date_span, date_span + 10, day.isoformat(), "DATE", day.isoformat()),),
            quantities=(Quantity(q[0], q[1], figure, value=float(figure.split()[0]), unit="people"),),
            claims=tuple(claims),
            events=tuple(events),
        )


def build(store: Store, n: int, *, batch: int = 500, progress: Callable[[int], None] | None = None) -> float:
    """Add ``n`` synthetic articles in batches; the seconds it took."""
    rng = np.random.default_rng(11)
    started = time.perf_counter()
    items: list[StoreItem] = []
    for r in synthetic_results(n):
        sig = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
        items.append(StoreItem(r, hashlib.sha256(r.text.encode()).hexdigest(), sig, origin="synthetic"))
        if len(items) >= batch:
            store.add_batch(items)
            if progress:
                progress(len(items))
            items = []
    if items:
        store.add_batch(items)
    return time.perf_counter() - started


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def timeline_latency(
    store: Store, *, queries: int = 200, seed: int = 3, method: str = "timeline"
) -> dict[str, Any]:
    """Milliseconds of ``store.<method>`` (``timeline`` or ``graph_timeline``) for weighted, uniform
    and top entities (p50, p95, max)."""
    query = getattr(store, method)
    rows = store.table_rows("entities")  # (id, key, name, type, kb, mentions, articles)
    ids = [int(r[0]) for r in rows]
    weights = [int(r[6]) for r in rows]
    rng = random.Random(seed)
    samples = {
        "by_reports": rng.choices(ids, weights=weights, k=queries),
        "uniform": rng.choices(ids, k=queries),
        "top": [ids[weights.index(max(weights))]] * 20,
    }
    out: dict[str, Any] = {"method": method, "entities": len(ids)}
    query(ids[0])  # warm the connection and caches once
    for name, chosen in samples.items():
        times, sizes = [], []
        for eid in chosen:
            t = time.perf_counter()
            items = query(eid)
            times.append((time.perf_counter() - t) * 1000)
            sizes.append(len(items))
        out[name] = {
            "queries": len(times),
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(_pct(times, 0.95), 2),
            "max_ms": round(max(times), 2),
            "mean_items": round(statistics.mean(sizes), 1),
        }
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", required=True, help="a new SQLite file or an empty postgresql:// database")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="time the store as it is, without building")
    parser.add_argument("--method", default="timeline", choices=("timeline", "graph_timeline"))
    parser.add_argument(
        "--copy-from",
        metavar="SQLITE",
        help="fill an empty PostgreSQL --db with this store's rows (COPY), not build",
    )
    ns = parser.parse_args(argv)
    store = open_store(ns.db)
    report: dict[str, Any] = {"db": ns.db.split("@")[-1], "articles": ns.articles}
    if ns.copy_from:
        from newsgraph.store.postgres import PostgresStore

        if not isinstance(store, PostgresStore):
            raise SystemExit("--copy-from fills a postgresql:// --db")
        source = open_store(ns.copy_from, readonly=True)
        started = time.perf_counter()
        store.copy_from(source, progress=lambda table, n: print(f"  {table}: {n} rows", file=sys.stderr))
        report["copy_seconds"] = round(time.perf_counter() - started, 1)
        source.close()
    elif not ns.reuse:
        if store.counts()["articles"]:
            raise SystemExit(f"{ns.db} is not empty: give a new one, or --reuse to time it as it is")
        done = [0]

        def tick(k: int) -> None:
            done[0] += k
            if done[0] % 10_000 < k:
                print(f"  {done[0]} articles", file=sys.stderr, flush=True)

        report["build_seconds"] = round(build(store, ns.articles, batch=ns.batch, progress=tick), 1)
    report["counts"] = store.counts()
    report["timeline"] = timeline_latency(store, queries=ns.queries, method=ns.method)
    store.close()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
