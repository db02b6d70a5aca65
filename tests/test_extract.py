"""extract_many and the worker pool: order, bounded memory, failing and crashing articles, equal results."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ExtractionError
from newsgraph.extract import ExtractorPool, extract_many, result_for
from newsgraph.model import Article
from newsgraph.nlp import extensions


@Language.component("ng_test_trap")
def _trap(doc: Doc) -> Doc:
    """Marks each doc with its first word (PID: the process id); raises on RAISE; ends its process on KILL."""
    if "RAISE" in doc.text:
        raise RuntimeError("trap raised")
    if "KILL" in doc.text:
        os._exit(9)  # what a segfault or the OOM killer does to a worker: no exception, no cleanup
    doc._.ng_category = str(os.getpid()) if doc.text.startswith("PID") else doc[0].text
    return doc


def trap_pipeline() -> Language:
    """A tokenizer-only English pipeline with the trap: quick to load in every worker."""
    extensions.register()
    nlp = spacy.blank("en")
    nlp.add_pipe("ng_test_trap")
    return nlp


def broken_pipeline() -> Language:
    raise OSError("model files missing")


def article(i: int, text: str | None = None) -> Article:
    return Article(id=f"a{i:06d}", text=text or f"w{i} is article number {i}.", published="2024-05-01")


def test_serial_keeps_order_and_marks_a_failing_article() -> None:
    arts = [article(i) for i in range(40)]
    arts[17] = article(17, "RAISE this one")
    results = list(extract_many(arts, workers=1, batch_size=8, loader=trap_pipeline))
    assert [r.id for r in results] == [a.id for a in arts]
    assert [w.code for w in results[17].warnings] == ["NG201"]
    assert "trap raised" in results[17].warnings[0].message
    assert results[16].category == "w16" and results[18].category == "w18"
    assert all(not r.warnings for i, r in enumerate(results) if i != 17)


def test_pool_equals_serial_in_order() -> None:
    arts = [article(i) for i in range(203)]  # not a multiple of the batch size
    arts[50] = article(50, "RAISE here")
    serial = list(extract_many(arts, workers=1, batch_size=8, loader=trap_pipeline))
    pooled = list(extract_many(arts, workers=2, batch_size=8, loader=trap_pipeline))
    assert pooled == serial
    assert [r.id for r in pooled] == [a.id for a in arts]


def test_background_runs_one_worker_beside_the_caller() -> None:
    arts = [article(i, f"PID {i}") for i in range(20)]
    here = str(os.getpid())
    background = list(extract_many(arts, workers=1, batch_size=4, loader=trap_pipeline, background=True))
    assert [r.id for r in background] == [a.id for a in arts]
    pids = {r.category for r in background}
    assert len(pids) == 1 and here not in pids  # one worker process, not this one
    short = list(extract_many(arts[:7], workers=1, batch_size=4, loader=trap_pipeline, background=True))
    assert {r.category for r in short} == {here}  # under two batches: not worth starting a worker


ORPHAN = """
import sys, time
sys.path.insert(0, {tests!r})
from test_extract import article, trap_pipeline
from newsgraph.extract import ExtractorPool
with ExtractorPool(1, loader=trap_pipeline) as pool:
    print(next(pool.map([article(0, "PID 0")])).category, flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:  # a zombie is gone for our purpose
        return fh.read().split(")")[-1].split()[0] != "Z"


def test_workers_end_when_their_parent_is_killed() -> None:
    code = ORPHAN.format(tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    worker = int(proc.stdout.readline())
    assert worker != proc.pid and _alive(worker)
    proc.send_signal(signal.SIGKILL)  # no chance to shut the pool down
    proc.wait()
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)


def test_pool_reads_the_input_only_a_window_ahead() -> None:
    pulled = 0

    def stream() -> Iterator[Article]:
        nonlocal pulled
        for i in range(600):
            pulled += 1
            yield article(i)

    batch, workers = 10, 2
    lead = []
    for n, result in enumerate(
        extract_many(stream(), workers=workers, batch_size=batch, loader=trap_pipeline)
    ):
        assert result.id == f"a{n:06d}"
        lead.append(pulled - n)
    window = 2 * workers
    assert max(lead) <= (window + 2) * batch
    assert pulled == 600


def test_pool_memory_stays_bounded_on_a_long_stream() -> None:
    """4,000 articles of 4 kB (16 MB) pass through while the parent holds a fraction of that."""
    body = "word " * 800

    def stream() -> Iterator[Article]:
        for i in range(4_000):
            yield Article(id=f"m{i}", text=f"x{i} {body}")

    tracemalloc.start()
    try:
        count = 0
        for result in extract_many(stream(), workers=2, batch_size=32, loader=trap_pipeline):
            count += 1
            assert result.category == f"x{count - 1}"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 4_000
    assert peak < 4 * 1024 * 1024, f"parent peaked at {peak / 1e6:.1f} MB"


def test_a_worker_that_dies_costs_one_article_only() -> None:
    arts = [article(i) for i in range(120)]
    arts[45] = article(45, "KILL the worker")
    with ExtractorPool(2, loader=trap_pipeline, batch_size=8) as pool:
        results = list(pool.map(arts))
        assert pool.restarts >= 1
        # the pool keeps working after the recovery
        again = list(pool.map(arts[:20]))
    assert [r.id for r in results] == [a.id for a in arts]
    assert [w.code for w in results[45].warnings] == ["NG201"]
    assert "worker process died" in results[45].warnings[0].message
    others = [r for i, r in enumerate(results) if i != 45]
    assert all(not r.warnings and r.category == r.text.split()[0] for r in others)
    assert [r.id for r in again] == [a.id for a in arts[:20]]


def test_a_pool_that_cannot_load_the_model_raises_a_coded_error() -> None:
    arts = [article(i) for i in range(64)]
    with pytest.raises(ExtractionError) as info:
        list(extract_many(arts, workers=2, batch_size=8, loader=broken_pipeline))
    assert info.value.code == "NG202"
    assert "model files missing" in str(info.value)


def test_short_stream_runs_in_process() -> None:
    """Fewer than two batches: no workers are started; the results still come back in order."""
    arts = [article(i) for i in range(5)] + [article(5, "PID please")]
    results = list(extract_many(arts, workers=2, batch_size=8, loader=trap_pipeline))
    assert [r.category for r in results] == [f"w{i}" for i in range(5)] + [str(os.getpid())]


def test_long_stream_runs_in_workers() -> None:
    arts = [article(i) for i in range(40)] + [article(40, "PID please")]
    results = list(extract_many(arts, workers=2, batch_size=8, loader=trap_pipeline))
    assert results[-1].category and results[-1].category.isdigit()
    assert results[-1].category != str(os.getpid())


def test_recycled_workers_give_the_same_results() -> None:
    arts = [article(i) for i in range(100)]
    serial = list(extract_many(arts, workers=1, batch_size=5, loader=trap_pipeline))
    recycled = list(extract_many(arts, workers=2, batch_size=5, loader=trap_pipeline, recycle_after=3))
    assert recycled == serial


def test_pool_reports_worker_memory() -> None:
    with ExtractorPool(2, loader=trap_pipeline, batch_size=4) as pool:
        pool.warm()
        list(pool.map([article(i) for i in range(16)]))
    assert 10 < pool.peak_worker_rss_mb < 2000


@pytest.mark.model
@pytest.mark.slow
def test_two_workers_equal_one_on_real_news(nlp: Language) -> None:
    from newsgraph.bench.corpora import bench_articles

    arts = bench_articles(24)
    one = result_for(nlp, arts)
    two = list(extract_many(arts, workers=2, batch_size=4))
    assert two == one
    assert sum(len(r.entities) for r in two) > 24  # real extraction happened, not empty results
