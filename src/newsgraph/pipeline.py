"""The ingest job: read -> skip what is stored -> extract -> store, batch by batch.

Each batch is one transaction, so a killed ingest leaves whole articles only;
files read to the end are recorded in the transaction of their last batch, so
a re-run skips them without reading them, and re-reads only what was cut off.
Extraction runs in worker processes (one at least, once the input is longer
than two batches), so storing one batch overlaps extracting the next.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.extract import extract_many
from newsgraph.ingest import iter_files, read_any, read_path
from newsgraph.ingest.dedup import content_hash, signature
from newsgraph.model import Article, ArticleResult
from newsgraph.store import BatchStats, FileDone, Store, StoreItem

__all__ = ["IngestReport", "ingest"]


@dataclass
class IngestReport:
    files: int = 0
    unchanged_files: int = 0  # read to the end by an earlier run, skipped without reading
    articles: int = 0  # articles read from the inputs
    stats: BatchStats = field(default_factory=BatchStats)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    warnings: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def exit_status(self) -> int:
        """0: all read; 3: done, but some inputs were skipped; 1: nothing could be read."""
        if self.rejected and not self.articles and not self.unchanged_files:
            return 1
        return 3 if self.rejected else 0


ProgressFn = Callable[[str, int], None]  # (event, amount): "file", "article", "total_files"


def ingest(
    inputs: Iterable[str],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 32,
    published: str | None = None,
    max_chars: int = 1_000_000,
    max_file_bytes: int = 20_000_000,
    model: str = "",
    progress: ProgressFn | None = None,
    on_reject: Callable[[InputError], None] | None = None,
) -> IngestReport:
    report = IngestReport()
    started = time.perf_counter()
    tick = progress or (lambda event, n: None)
    inputs = list(inputs)
    tick("total_files", sum(1 for i in inputs if i != "-" and Path(i).exists() for _ in iter_files([i])))
    order: deque[Article | FileDone] = deque()  # articles sent to extraction, and file ends, in order
    seen: set[str] = set()

    def reject(exc: InputError) -> None:
        report.rejected.append((exc.code, str(exc.args[0])))
        if on_reject:
            on_reject(exc)

    def fresh(items: Iterable[Article | InputError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                reject(item)
                continue
            report.articles += 1
            for w in item.warnings:
                report.warnings[w.code] += 1
            if item.id in seen or store.known_ids([item.id]):
                report.stats.existing += 1
                tick("article", 1)
                continue
            seen.add(item.id)
            order.append(item)
            yield item

    def articles() -> Iterator[Article]:
        for raw in inputs:
            if raw == "-":
                yield from fresh(read_any(["-"], published=published, max_chars=max_chars))
                continue
            path = Path(raw)
            if not path.exists():
                reject(InputError(f"{raw}: no such file or folder", code="NG106"))
                continue
            for file in iter_files([path]):
                report.files += 1
                st = file.stat()
                if store.file_done(str(file), st.st_size, st.st_mtime_ns):
                    report.unchanged_files += 1
                    tick("file", 1)
                    continue
                before, rejected_before = report.articles, len(report.rejected)
                yield from fresh(
                    read_path(file, published=published, max_chars=max_chars, max_file_bytes=max_file_bytes)
                )
                n_articles = report.articles - before
                if n_articles or len(report.rejected) == rejected_before:
                    # a file refused whole (empty, binary, too large) is not recorded: a re-run reports
                    # it again, and reads it if a setting such as max_file_bytes was raised meanwhile
                    order.append(FileDone(str(file), st.st_size, st.st_mtime_ns, n_articles))
                else:
                    tick("file", 1)  # refused whole: done with, though not recorded

    batch: list[StoreItem] = []
    done_files: list[FileDone] = []

    def flush() -> None:
        report.stats.merge(store.add_batch(batch, done_files))
        tick("file", len(done_files))
        batch.clear()
        done_files.clear()

    def drain_file_ends() -> None:
        while order and isinstance(order[0], FileDone):
            done_files.append(order.popleft())  # type: ignore[arg-type]

    # the main process stores while the workers extract: with one worker too (background=True)
    results = extract_many(
        articles(), workers=workers, batch_size=min(batch_size, 16), model=model, background=True
    )
    for result in results:
        drain_file_ends()
        article = order.popleft()
        assert isinstance(article, Article) and article.id == result.id
        batch.append(_item(result, article))
        tick("article", 1)
        if len(batch) >= batch_size:
            flush()
    drain_file_ends()
    if batch or done_files:
        flush()
    report.seconds = time.perf_counter() - started
    return report


def _item(result: ArticleResult, article: Article) -> StoreItem:
    return StoreItem(
        result=result,
        content_hash=content_hash(result.text),
        signature=signature(result.text),
        origin=article.origin,
    )
