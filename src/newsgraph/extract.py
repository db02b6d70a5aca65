"""From articles to contract results: ``extract_doc`` (one Doc) and ``extract_many`` (a stream).

``extract_many`` keeps input order. With ``workers > 1`` it runs a process pool
in which every worker loads the model once and takes articles in batches; the
stream is consumed lazily, so inputs of any size stay within bounded memory.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import warning
from newsgraph.model import Article, ArticleResult
from newsgraph.nlp import MAX_CHARS, make_doc, shared_pipeline

__all__ = ["extract_doc", "extract_many", "extract_text", "result_for"]


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


def _prepare(nlp: Language, article: Article) -> Doc:
    if len(article.text) > MAX_CHARS:  # readers refuse such texts; this guards direct API use
        raise ValueError(f"article {article.id} is longer than {MAX_CHARS} characters")
    return make_doc(nlp, article.text, article.published)


def result_for(nlp: Language, articles: list[Article], batch_size: int = 32) -> list[ArticleResult]:
    """Run the pipeline over a list of articles in this process, in order."""
    docs = nlp.pipe((_prepare(nlp, a) for a in articles), batch_size=batch_size)
    return [extract_doc(doc, article) for doc, article in zip(docs, articles, strict=True)]


def extract_text(text: str, published: str | None = None, *, nlp: Language | None = None) -> ArticleResult:
    """Extract one text. Loads the pipeline when ``nlp`` is not given (slow: reuse one)."""
    from newsgraph.ingest.ids import content_id

    nlp = nlp or shared_pipeline()
    return result_for(nlp, [Article(id=content_id(text), text=text, published=published)])[0]


# -- process pool -------------------------------------------------------------

_WORKER_NLP: Language | None = None


def _init_worker(model: str) -> None:
    global _WORKER_NLP
    _WORKER_NLP = shared_pipeline(model)


def _work(batch: list[Article]) -> list[ArticleResult]:
    assert _WORKER_NLP is not None
    return _safe_results(_WORKER_NLP, batch)


def _safe_results(nlp: Language, batch: list[Article]) -> list[ArticleResult]:
    """Results for a batch; an article the pipeline fails on is returned empty with NG201."""
    try:
        return result_for(nlp, batch)
    except Exception:
        pass
    out = []
    for article in batch:
        try:
            out.extend(result_for(nlp, [article]))
        except Exception as exc:  # recorded on the result, never dropped silently
            w = warning("NG201", f"pipeline failed on {article.id}: {type(exc).__name__}: {exc}")
            out.append(
                ArticleResult(
                    id=article.id,
                    text=article.text,
                    published=article.published,
                    title=article.title,
                    url=article.url,
                    source=article.source,
                    warnings=(*article.warnings, w),
                )
            )
    return out


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def extract_many(
    articles: Iterable[Article],
    *,
    workers: int = 1,
    batch_size: int = 16,
    model: str = "",
    nlp: Language | None = None,
) -> Iterator[ArticleResult]:
    """Extract a stream of articles, yielding results in input order."""
    workers = workers or default_workers()
    if workers <= 1:
        nlp = nlp or shared_pipeline(model)
        for batch in _batches(articles, batch_size):
            yield from _safe_results(nlp, batch)
        return
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(model,)) as pool:
        # Pool.imap would read the whole input ahead; a window of pending batches bounds memory.
        pending: deque[AsyncResult[list[ArticleResult]]] = deque()
        for batch in _batches(articles, batch_size):
            pending.append(pool.apply_async(_work, (batch,)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
