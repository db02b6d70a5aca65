"""``newsgraph load``: a batch output folder into a store, through the Store (dedup, entities, graph).

Partitions are read in order, each streamed in record batches, so the store is
built exactly as ``ingest`` would build it from the same inputs, in bounded
memory. Each partition file read to the end is recorded in the store's
``ingested_files`` in the transaction of its last articles: an interrupted load
is resumed by running it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from newsgraph.batch.runner import MANIFEST
from newsgraph.batch.tables import item_from_row
from newsgraph.errors import InputError
from newsgraph.store import BatchStats, FileDone, Store, StoreItem

__all__ = ["LoadReport", "load_parts", "parts"]

_COLUMNS = ["id", "origin", "content_hash", "minhash", "result"]


@dataclass
class LoadReport:
    parts: int = 0
    unchanged_parts: int = 0  # loaded by an earlier run
    articles: int = 0
    stats: BatchStats = field(default_factory=BatchStats)
    seconds: float = 0.0


def parts(folder: Path) -> list[Path]:
    """The ``articles`` part files of a batch output, in partition order."""
    folder = Path(folder)
    if not (folder / "articles").is_dir():
        raise InputError(f"{folder}: not a newsgraph batch output (no articles/ folder)", code="NG106")
    found = sorted((folder / "articles").glob("part-*.parquet"))
    if not (folder / MANIFEST).exists():
        raise InputError(
            f"{folder}: the batch run did not finish (no {MANIFEST}); run `newsgraph batch --resume` first",
            code="NG106",
        )
    return found


def load_parts(
    folder: Path,
    store: Store,
    *,
    batch_size: int = 32,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Store every article of a batch output, ``batch_size`` per transaction, as ``ingest`` batches them.

    The batches run across partition files, as ingest's run across input files (the
    graph is consolidated batch by batch, so the same batches give the same graph); a
    part file is recorded as loaded in the transaction that holds its last article.
    """
    report = LoadReport()
    started = time.perf_counter()
    batch: list[StoreItem] = []
    done: list[FileDone] = []
    seen: set[str] = set()

    def flush() -> None:
        report.stats.merge(store.add_batch(batch, done))
        if progress:
            progress(len(batch))
        batch.clear()
        done.clear()

    for path in parts(folder):
        report.parts += 1
        st = path.stat()
        key = str(path.resolve())
        if store.file_done(key, st.st_size, st.st_mtime_ns):
            report.unchanged_parts += 1
            continue
        count = 0
        for item in _items(path, batch_size):
            count += 1
            article_id = item.result.id
            if article_id in seen or store.known_ids([article_id]):
                report.stats.existing += 1
                continue
            seen.add(article_id)
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
        done.append(FileDone(key, st.st_size, st.st_mtime_ns, count))
        report.articles += count
    if batch or done:
        flush()
    report.seconds = time.perf_counter() - started
    return report


def _items(path: Path, batch_size: int) -> Iterator[StoreItem]:
    reader = pq.ParquetFile(path)
    for record_batch in reader.iter_batches(batch_size=batch_size, columns=_COLUMNS):
        for row in record_batch.to_pylist():
            yield item_from_row(row)
