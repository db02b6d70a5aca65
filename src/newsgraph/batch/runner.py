"""``newsgraph batch``: extraction on a Dask cluster, written as partitioned Parquet.

The client reads the inputs as a stream (any size), cuts the accepted articles
into partitions of ``partition_size`` in input order, and sends each partition to
the cluster as one task: :func:`extract_partition`, a pure function of its
articles that loads the pipeline once per worker process and returns the
partition's Arrow tables. The client writes them as
``OUT/<table>/part-NNNNNN.parquet`` (no shared file system needed between the
workers and the client) and keeps at most ``window`` partitions in flight, so
memory stays bounded.

A partition's ``articles`` file is written last (each file by rename), so it
marks the partition complete: with ``resume=True`` a re-run of the same inputs
skips complete partitions, after checking that they hold the same article ids.
A run that finished writes ``OUT/_manifest.json``.

A partition whose worker dies (the scheduler retries it on other workers, then
gives up with ``KilledWorker``) is re-run one article per task; an article that
still kills its worker comes back empty with NG201, as with ``extract``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from spacy.language import Language

from newsgraph.batch.tables import TABLE_NAMES, results_to_tables
from newsgraph.errors import InputError, UsageError
from newsgraph.extract import Loader, failed_result, safe_results
from newsgraph.model import Article

__all__ = ["BatchReport", "extract_partition", "part_path", "run_batch", "write_partition"]

MANIFEST = "_manifest.json"
_local = threading.local()


@dataclass
class BatchReport:
    articles: int = 0
    partitions: int = 0
    skipped_partitions: int = 0  # complete from an earlier run (resume)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    failed: int = 0  # articles that came back with NG201
    seconds: float = 0.0
    workers: int = 0


def part_path(out: Path, table: str, index: int) -> Path:
    return out / table / f"part-{index:06d}.parquet"


def _pipeline(model: str, loader: Loader | None) -> Language:
    """This worker thread's pipeline, loaded on first use (spaCy pipelines are not shared across threads)."""
    cache: dict[str, Language] = getattr(_local, "pipelines", None) or {}
    _local.pipelines = cache
    key = f"{loader.__module__}.{loader.__qualname__}" if loader is not None else model
    if key not in cache:
        from newsgraph.nlp import build_pipeline

        cache[key] = loader() if loader is not None else build_pipeline(model)
    return cache[key]


def extract_partition(
    articles: list[Article], first_position: int, model: str = "", loader: Loader | None = None
) -> dict[str, pa.Table]:
    """The output tables of one partition: runs where the task runs (a Dask worker).

    ``loader`` (an importable function returning a pipeline) replaces ``build_pipeline(model)``.
    """
    results = safe_results(_pipeline(model, loader), articles)
    return results_to_tables(results, first_position=first_position, origins=[a.origin for a in articles])


def write_partition(out: Path, index: int, tables: dict[str, pa.Table]) -> None:
    """Write one partition's tables, each file by rename, the ``articles`` file last."""
    for table in (*(t for t in TABLE_NAMES if t != "articles"), "articles"):  # articles last: the marker
        path = part_path(out, table, index)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        pq.write_table(tables[table], tmp, compression="zstd")
        os.replace(tmp, path)


def _complete(out: Path, index: int, articles: list[Article]) -> bool:
    """True when an earlier run wrote this partition whole, from the same articles."""
    path = part_path(out, "articles", index)
    if not path.exists():
        return False
    ids = pq.read_table(path, columns=["id"]).column("id").to_pylist()
    if ids != [a.id for a in articles]:
        raise UsageError(
            f"{path} holds other articles than this run's partition {index}: "
            "the inputs or --partition-size differ from the earlier run; use a new --out",
            code="NG401",
        )
    return True


def _client(scheduler: str, workers: int) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=40,  # logging.ERROR
        )
        return Client(cluster), cluster
    return Client(scheduler), None


def run_batch(
    articles: Iterable[Article | InputError],
    out: Path,
    *,
    scheduler: str = "local",
    workers: int = 2,
    partition_size: int = 64,
    window: int | None = None,
    model: str = "",
    loader: Loader | None = None,
    resume: bool = False,
    client: Any = None,
    progress: Callable[[int], None] | None = None,
    on_reject: Callable[[InputError], None] | None = None,
) -> BatchReport:
    """Extract ``articles`` on a Dask cluster into ``out``.

    The cluster is ``client`` (a ``distributed.Client`` the caller owns) when
    given, else the scheduler at ``scheduler``, else (``local``) a LocalCluster of
    ``workers`` single-threaded worker processes started for this run.
    """
    report = BatchReport()
    started = time.perf_counter()
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not resume:
        raise UsageError(f"{out} is not empty: give a new --out, or --resume to finish an earlier run")
    for table in TABLE_NAMES:
        (out / table).mkdir(parents=True, exist_ok=True)
    manifest = out / MANIFEST
    with contextlib.suppress(FileNotFoundError):
        manifest.unlink()

    def accepted() -> Iterator[Article]:
        for item in articles:
            if isinstance(item, InputError):
                report.rejected.append((item.code, str(item.args[0])))
                if on_reject:
                    on_reject(item)
            else:
                yield item

    own = client is None
    cluster = None
    if own:
        client, cluster = _client(scheduler, workers)
    try:
        report.workers = len(client.scheduler_info(n_workers=-1)["workers"]) or workers
        limit = window or 2 * max(1, sum(client.nthreads().values()))
        pending: deque[tuple[int, int, list[Article], Any]] = deque()
        position = 0
        stream = accepted()
        for index in itertools.count():
            part = list(itertools.islice(stream, partition_size))
            if not part:
                break
            first, position = position, position + len(part)
            report.articles += len(part)
            report.partitions += 1
            if resume and _complete(out, index, part):
                report.skipped_partitions += 1
                if progress:
                    progress(len(part))
                continue
            future = client.submit(
                extract_partition, part, first, model, loader, pure=False, key=f"ng-part-{index}"
            )
            pending.append((index, first, part, future))
            while len(pending) >= limit:
                _finish(client, out, pending.popleft(), (model, loader), report, progress)
        while pending:
            _finish(client, out, pending.popleft(), (model, loader), report, progress)
    finally:
        if own:
            client.close()
        if cluster is not None:
            cluster.close()
    report.seconds = time.perf_counter() - started
    manifest.write_text(
        json.dumps(
            {
                "format": "newsgraph-batch/1",
                "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "articles": report.articles,
                "partitions": report.partitions,
                "partition_size": partition_size,
                "tables": list(TABLE_NAMES),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return report


def _finish(
    client: Any,
    out: Path,
    entry: tuple[int, int, list[Article], Any],
    pipeline: tuple[str, Loader | None],
    report: BatchReport,
    progress: Callable[[int], None] | None,
) -> None:
    from distributed import KilledWorker

    index, first, part, future = entry
    try:
        tables = future.result()
    except KilledWorker:
        tables = _one_by_one(client, part, index, first, pipeline)
    report.failed += sum(
        1
        for warnings in tables["articles"].column("warnings").to_pylist()
        if any(w["code"] == "NG201" for w in json.loads(warnings))
    )
    write_partition(out, index, tables)
    future.release()
    if progress:
        progress(len(part))


def _one_by_one(
    client: Any, part: list[Article], index: int, first: int, pipeline: tuple[str, Loader | None]
) -> dict[str, pa.Table]:
    """Re-run a partition that killed its workers one article per task; mark those that still kill."""
    from distributed import KilledWorker

    futures = [
        client.submit(extract_partition, [a], first + n, *pipeline, pure=False, key=f"ng-part-{index}-{n}")
        for n, a in enumerate(part)
    ]
    pieces = []
    for n, (article, fut) in enumerate(zip(part, futures, strict=True)):
        try:
            pieces.append(fut.result())
        except KilledWorker:
            dead = failed_result(article, "the worker process died on this article")
            pieces.append(results_to_tables([dead], first_position=first + n, origins=[article.origin]))
    return {t: pa.concat_tables([p[t] for p in pieces]) for t in TABLE_NAMES}
