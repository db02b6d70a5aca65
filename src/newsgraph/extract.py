"""From articles to contract results: ``extract_doc`` (one Doc) and ``extract_many`` (a stream).

``extract_many`` keeps input order. With ``workers > 1`` it runs an
:class:`ExtractorPool`: worker processes that each load the model once and take
articles in batches. The input is consumed lazily and at most ``window`` batches
are in flight, so an input of any size (a JSON Lines file of many gigabytes)
stays within bounded memory. An article the pipeline raises on comes back empty
with the warning NG201; an article that kills its worker process (a crash in
native code, the kernel's out-of-memory killer) is found by re-running the
batches it could be in one at a time, and comes back the same way, while the
rest of the stream goes on.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import TYPE_CHECKING

from newsgraph.errors import ExtractionError, NewsgraphError, warning
from newsgraph.model import Article, ArticleResult

if TYPE_CHECKING:  # spaCy is imported where a pipeline is built: ``ingest``'s main process never loads it
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "ExtractorPool",
    "default_workers",
    "extract_doc",
    "extract_many",
    "extract_text",
    "failed_result",
    "peak_rss_mb",
    "result_for",
    "safe_results",
]

Loader = Callable[[], "Language"]
Outcome = tuple[list["ArticleResult"], float, float]  # results, worker peak memory (MB), CPU seconds


def extract_doc(doc: Doc, article: Article) -> ArticleResult:
    """Read the pipeline's ``Doc._`` attributes into the contract's result."""
    return ArticleResult(
        id=article.id,
        text=article.text,
        published=article.published,
        title=article.title,
        url=article.url,
        source=article.source,
        category=doc._.ng_category,
        entities=tuple(doc._.ng_entities),
        timexes=tuple(doc._.ng_timexes),
        quantities=tuple(doc._.ng_quantities),
        claims=tuple(doc._.ng_claims),
        events=tuple(doc._.ng_events),
        warnings=tuple(article.warnings) + tuple(doc._.ng_warnings),
    )


def result_for(nlp: Language, articles: list[Article], batch_size: int = 32) -> list[ArticleResult]:
    """Run the pipeline over a list of articles in this process, in order."""
    from newsgraph.nlp import MAX_CHARS, make_doc

    def prepared() -> Iterator[Doc]:
        for article in articles:
            if len(article.text) > MAX_CHARS:  # readers refuse such texts; this guards direct API use
                raise ValueError(f"article {article.id} is longer than {MAX_CHARS} characters")
            yield make_doc(nlp, article.text, article.published)

    docs = nlp.pipe(prepared(), batch_size=batch_size)
    return [extract_doc(doc, article) for doc, article in zip(docs, articles, strict=True)]


def extract_text(text: str, published: str | None = None, *, nlp: Language | None = None) -> ArticleResult:
    """Extract one text. Loads the pipeline when ``nlp`` is not given (slow: reuse one)."""
    from newsgraph.ingest.ids import content_id
    from newsgraph.nlp import shared_pipeline

    nlp = nlp or shared_pipeline()
    return result_for(nlp, [Article(id=content_id(text), text=text, published=published)])[0]


def failed_result(article: Article, message: str) -> ArticleResult:
    """The result of an article the pipeline could not process: empty, with NG201 saying why."""
    return ArticleResult(
        id=article.id,
        text=article.text,
        published=article.published,
        title=article.title,
        url=article.url,
        source=article.source,
        warnings=(*article.warnings, warning("NG201", f"pipeline failed on {article.id}: {message}")),
    )


def safe_results(nlp: Language, batch: list[Article]) -> list[ArticleResult]:
    """Results for a batch, in order; an article the pipeline raises on comes back empty with NG201.

    The batch runs as one ``nlp.pipe`` call; only when that raises is it re-run
    article by article, so one bad article costs its batch a second pass, no more.
    """
    try:
        return result_for(nlp, batch)
    except Exception:
        pass
    out = []
    for article in batch:
        try:
            out.extend(result_for(nlp, [article]))
        except Exception as exc:  # recorded on the result, never dropped silently
            out.append(failed_result(article, f"{type(exc).__name__}: {exc}"))
    return out


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def default_workers() -> int:
    """One worker per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    On Linux this is ``VmHWM`` of the process's own memory: ``ru_maxrss`` also counts the
    memory of the parent it was started from (the copy made at fork), which makes a small
    child of a big parent look big. Elsewhere ``ru_maxrss`` (macOS reports bytes).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if os.uname().sysname == "Darwin" else peak / 1024


# -- the worker side ------------------------------------------------------------

_WORKER_NLP: Language | None = None
_WORKER_ERROR: str | None = None


def _watch_parent(parent: int, every: float = 1.0) -> None:
    """End this worker once the process feeding it is gone. A parent killed outright (SIGKILL, the
    out-of-memory killer) cannot shut its pool down, and its workers would wait on their task
    queues for ever, each holding a loaded model."""

    def watch() -> None:
        while True:
            time.sleep(every)
            try:
                os.kill(parent, 0)
            except (ProcessLookupError, PermissionError):  # gone, or its number now another user's
                os._exit(0)

    threading.Thread(target=watch, name="newsgraph-watch-parent", daemon=True).start()


def _init_worker(model: str, loader: Loader | None, parent: int) -> None:
    """Load the pipeline once per worker. Ctrl-C is the parent's to handle: it shuts the pool down."""
    from newsgraph.nlp import shared_pipeline

    global _WORKER_NLP, _WORKER_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent(parent)
    try:
        _WORKER_NLP = loader() if loader is not None else shared_pipeline(model)
    except Exception as exc:  # reported by the first task, as a coded error, not as a dead pool
        _WORKER_ERROR = f"{type(exc).__name__}: {exc}"


def _work(batch: list[Article]) -> Outcome:
    if _WORKER_NLP is None:
        raise ExtractionError(f"the pipeline could not be loaded in a worker: {_WORKER_ERROR}", code="NG202")
    started = time.process_time()
    results = safe_results(_WORKER_NLP, batch)
    return results, peak_rss_mb(), time.process_time() - started


def _forkserver_context() -> mp.context.BaseContext:
    """Workers start from a clean server process (never a fork of a threaded parent), spaCy preloaded."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["spacy", "newsgraph.nlp", "newsgraph.extract"])
    return ctx


# -- the parent side --------------------------------------------------------------


class ExtractorPool:
    """Worker processes with the pipeline loaded once each, fed batches of a lazily read stream.

    Use as a context manager; :meth:`map` may be called more than once (the
    workers and their models stay loaded between calls). ``window`` is the most
    batches in flight (default: two per worker, so no worker waits on the parent).
    ``recycle_after`` replaces a worker after that many batches, which bounds
    the memory a long run can gather (spaCy's string store only grows).
    """

    #: a pool that breaks this many times in a row on single articles is not coming back
    MAX_CONSECUTIVE_DEATHS = 3

    def __init__(
        self,
        workers: int,
        *,
        model: str = "",
        loader: Loader | None = None,
        batch_size: int = 16,
        window: int | None = None,
        recycle_after: int | None = None,
    ) -> None:
        if workers < 1 or batch_size < 1:
            raise ValueError("workers and batch_size must be at least 1")
        self.workers = workers
        self.model = model
        self.loader = loader
        self.batch_size = batch_size
        self.window = max(1, window if window is not None else 2 * workers)
        self.recycle_after = recycle_after
        self.peak_worker_rss_mb = 0.0
        self.worker_cpu_seconds = 0.0  # CPU time the workers spent in the pipeline, all batches
        self.restarts = 0
        self._executor: ProcessPoolExecutor | None = None

    # lifecycle

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=_forkserver_context(),
                initializer=_init_worker,
                initargs=(self.model, self.loader, os.getpid()),
                max_tasks_per_child=self.recycle_after,
            )
        return self._executor

    def _restart(self) -> None:
        self.restarts += 1
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        self._start()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> ExtractorPool:
        self._start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def warm(self) -> None:
        """Block until every worker has loaded the pipeline (for benchmarks that time steady work)."""
        executor = self._start()
        for fut in [executor.submit(_work, []) for _ in range(self.workers)]:
            self._note(fut.result())

    # work

    def _submit(self, batch: list[Article]) -> Future[Outcome]:
        return self._start().submit(_work, batch)

    def _note(self, outcome: Outcome) -> list[ArticleResult]:
        results, rss, cpu = outcome
        self.peak_worker_rss_mb = max(self.peak_worker_rss_mb, rss)
        self.worker_cpu_seconds += cpu
        return results

    def map(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Results for ``articles`` in input order, reading the input only ``window`` batches ahead."""
        pending: deque[tuple[list[Article], Future[Outcome]]] = deque()
        for batch in _batches(articles, self.batch_size):
            pending.append((batch, self._submit(batch)))
            while len(pending) >= self.window:
                yield from self._head(pending)
        while pending:
            yield from self._head(pending)

    def _head(self, pending: deque[tuple[list[Article], Future[Outcome]]]) -> list[ArticleResult]:
        try:
            outcome = pending[0][1].result()
        except BrokenProcessPool:
            self._recover(pending)
            outcome = pending[0][1].result()
        except NewsgraphError:
            raise
        except Exception as exc:  # a task that failed outside the pipeline (e.g. unpicklable result)
            raise ExtractionError(f"a worker failed on a batch: {type(exc).__name__}: {exc}") from exc
        pending.popleft()
        return self._note(outcome)

    def _recover(self, pending: deque[tuple[list[Article], Future[Outcome]]]) -> None:
        """A worker died. Re-run every unfinished batch alone, to find and mark the article that kills."""
        entries = list(pending)
        pending.clear()
        self._restart()
        for batch, fut in entries:
            if fut.done() and not fut.cancelled() and fut.exception() is None:
                pending.append((batch, fut))
                continue
            done: Future[Outcome] = Future()
            done.set_result((self._isolated(batch), 0.0, 0.0))
            pending.append((batch, done))

    def _isolated(self, batch: list[Article]) -> list[ArticleResult]:
        try:
            return self._note(self._submit(batch).result())
        except BrokenProcessPool:
            self._restart()
        out, deaths = [], 0
        for article in batch:
            try:
                out.extend(self._note(self._submit([article]).result()))
                deaths = 0
            except BrokenProcessPool:
                deaths += 1
                if deaths >= self.MAX_CONSECUTIVE_DEATHS:
                    raise ExtractionError(
                        f"worker processes died on {deaths} articles in a row; giving up", code="NG204"
                    ) from None
                self._restart()
                out.append(failed_result(article, "the worker process died on this article"))
        return out


def extract_many(
    articles: Iterable[Article],
    *,
    workers: int = 1,
    batch_size: int = 16,
    model: str = "",
    nlp: Language | None = None,
    loader: Loader | None = None,
    recycle_after: int | None = None,
    background: bool = False,
) -> Iterator[ArticleResult]:
    """Extract a stream of articles, yielding results in input order.

    ``workers=0`` means one per core. ``loader`` (a picklable function returning
    a pipeline) replaces ``build_pipeline(model)``. ``background=True`` runs even
    a single worker in a process of its own, so that what the caller does with
    each result (``ingest`` stores it) overlaps the extraction of the next batch.
    A stream shorter than two batches runs in this process all the same:
    starting workers and loading the model in each would cost more than it saves.
    """
    workers = workers or default_workers()
    it = iter(articles)
    pooled = workers > 1 or background
    head = list(itertools.islice(it, 2 * batch_size)) if pooled else []
    if not pooled or len(head) < 2 * batch_size:
        from newsgraph.nlp import shared_pipeline

        nlp = nlp or (loader() if loader is not None else shared_pipeline(model))
        for batch in _batches(itertools.chain(head, it), batch_size):
            yield from safe_results(nlp, batch)
        return
    with ExtractorPool(
        workers, model=model, loader=loader, batch_size=batch_size, recycle_after=recycle_after
    ) as pool:
        yield from pool.map(itertools.chain(head, it))
