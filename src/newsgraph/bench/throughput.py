"""``newsgraph bench``: the full extractor beside the bare spaCy pipeline, on the same real articles.

Every measurement runs in a process of its own, so each peak-memory figure is
that stage's alone, and the model is loaded before its clock starts:

- ``bare``: the English model only (tokenise, tag, parse, NER), one process;
- ``full``: newsgraph's extractor (model + our components + the contract result), one process;
- ``pool``: the full extractor with 2 worker processes (the pool warmed up first);
- ``extract`` and ``ingest``: the two commands end to end on a JSON Lines file of
  the same articles (read, extract, then write JSON to /dev/null, or store into a
  new SQLite file), as a user runs them, start-up included, both with ``--workers 1``.

The ratios are what the targets are set on: full/bare words per second, pool
over full, and the ingest rate over the extract rate. Absolute rates drift with
the machine's load, which is recorded before and after.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.model import Article

__all__ = ["BenchReport", "Stage", "run_bench", "run_stage"]

TARGETS = {"full_vs_bare": 0.80, "two_vs_one": 1.70, "ingest_vs_extract": 0.90, "peak_worker_mb": 600.0}


@dataclass
class Stage:
    name: str
    articles: int
    words: int
    seconds: float
    peak_mb: float  # the stage process's peak resident memory (for ``pool``: the largest worker's)
    workers: int = 1
    # CPU time spent (``pool``: by the workers), steadier than wall time on a busy machine
    cpu_seconds: float = 0.0
    parent_cpu_seconds: float | None = None  # ``pool``: CPU time of the process feeding the workers

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


@dataclass
class BenchReport:
    articles: int
    words: int
    cores: int
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    stages: dict[str, Stage] = field(default_factory=dict)

    def ratio(self, a: str, b: str) -> float | None:
        if a in self.stages and b in self.stages and self.stages[b].words_per_s:
            return self.stages[a].words_per_s / self.stages[b].words_per_s
        return None

    def cpu_ratio(self, a: str, b: str) -> float | None:
        """How much less CPU time ``a`` needed than ``b`` for the same articles (b's CPU over a's)."""
        if a in self.stages and b in self.stages and self.stages[a].cpu_seconds:
            return self.stages[b].cpu_seconds / self.stages[a].cpu_seconds
        return None

    @property
    def cpu_ratios(self) -> dict[str, float | None]:
        """The ratios again from CPU seconds, which other programs on the machine disturb far less."""
        return {
            "full_vs_bare": self.cpu_ratio("full", "bare"),
            "pool_worker_cpu_vs_full": self.cpu_ratio("pool", "full"),
            "ingest_vs_extract": self.cpu_ratio("ingest", "extract"),
        }

    @property
    def ratios(self) -> dict[str, float | None]:
        peaks = [s.peak_mb for n, s in self.stages.items() if n in ("full", "pool")]
        return {
            "full_vs_bare": self.ratio("full", "bare"),
            "two_vs_one": self.ratio("pool", "full"),
            "ingest_vs_extract": self.ratio("ingest", "extract"),
            "peak_worker_mb": max(peaks) if peaks else None,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "words": self.words,
            "cores": self.cores,
            "load_before": self.load_before,
            "load_after": self.load_after,
            "stages": {
                n: {**asdict(s), "articles_per_s": s.articles_per_s, "words_per_s": s.words_per_s}
                for n, s in self.stages.items()
            },
            "ratios": self.ratios,
            "cpu_ratios": self.cpu_ratios,
            "targets": TARGETS,
        }


def words_of(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def _read_jsonl(path: Path) -> list[Article]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.append(
                Article(id=d["id"], text=d["text"], published=d.get("published"), title=d.get("title"))
            )
    return out


def run_stage(name: str, path: Path, *, model: str = "", workers: int = 2) -> dict[str, Any]:
    """One measurement, in this process (``python -m newsgraph.bench.throughput NAME FILE`` runs it)."""
    from newsgraph.extract import ExtractorPool, extract_many, peak_rss_mb
    from newsgraph.nlp import build_pipeline, make_doc

    articles = _read_jsonl(path)
    warm = articles[:2]
    if name == "bare":
        nlp = build_pipeline(model, components=False)
        for _ in nlp.pipe(make_doc(nlp, a.text, a.published) for a in warm):
            pass
        started, cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe((make_doc(nlp, a.text, a.published) for a in articles), batch_size=16):
            pass
        seconds, cpu, peak = time.perf_counter() - started, time.process_time() - cpu, peak_rss_mb()
    elif name == "full":
        nlp = build_pipeline(model)
        list(extract_many(warm, workers=1, nlp=nlp))
        started, cpu = time.perf_counter(), time.process_time()
        for _ in extract_many(articles, workers=1, nlp=nlp):
            pass
        seconds, cpu, peak = time.perf_counter() - started, time.process_time() - cpu, peak_rss_mb()
    elif name == "pool":
        with ExtractorPool(workers, model=model) as pool:
            pool.warm()
            list(pool.map(warm * workers))
            started, before, own = time.perf_counter(), pool.worker_cpu_seconds, time.process_time()
            for _ in pool.map(articles):
                pass
            seconds, cpu = time.perf_counter() - started, pool.worker_cpu_seconds - before
            parent_cpu = time.process_time() - own
            peak = pool.peak_worker_rss_mb
    else:
        raise ValueError(f"unknown stage {name}")
    return {
        "parent_cpu_seconds": parent_cpu if name == "pool" else None,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mb": peak,
        "articles": len(articles),
        "words": words_of(articles),
    }


def _spawn(args: list[str], env: dict[str, str] | None = None) -> tuple[str, float, float, float]:
    """Run a child to the end; its standard output, wall seconds, peak memory (MB) and CPU seconds."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errf:
        proc = subprocess.Popen(args, stdout=out, stderr=errf, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        errf.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args[:4])} ... failed:\n{errf.read().decode(errors='replace')[-2000:]}"
            )
        return out.read().decode(), seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def run_bench(
    articles: list[Article],
    *,
    model: str = "",
    workers: int = 2,
    stages: tuple[str, ...] = ("bare", "full", "pool", "extract", "ingest"),
    progress: Callable[[str], None] | None = None,
) -> BenchReport:
    """Measure every stage on ``articles`` (each in a process of its own, one after another)."""
    report = BenchReport(
        articles=len(articles),
        words=words_of(articles),
        cores=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
        load_before=os.getloadavg(),
    )
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        data = Path(tmp) / "articles.jsonl"
        with data.open("w", encoding="utf-8") as fh:
            for a in articles:
                record = {"id": a.id, "text": a.text, "published": a.published, "title": a.title}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        for name in stages:
            if progress:
                progress(name)
            if name in ("bare", "full", "pool"):
                args = [
                    python,
                    "-m",
                    "newsgraph.bench.throughput",
                    name,
                    str(data),
                    "--workers",
                    str(workers),
                ]
                if model:
                    args += ["--model", model]
                stdout, _, _, _ = _spawn(args)
                got = json.loads(stdout.strip().splitlines()[-1])  # the stage measures its own peak
                report.stages[name] = Stage(name, got["articles"], got["words"], got["seconds"], got["peak_mb"],
                                            workers if name == "pool" else 1, got["cpu_seconds"],
                                            got.get("parent_cpu_seconds"))  # fmt: skip
            elif name in ("extract", "ingest"):
                cli = [python, "-m", "newsgraph", name, str(data), "--workers", "1"]
                cli += (
                    ["-o", os.devnull]
                    if name == "extract"
                    else ["--db", str(Path(tmp) / "bench.db"), "--quiet"]
                )
                _, seconds, rss, cpu = _spawn(cli, {"NEWSGRAPH_MODEL": model} if model else None)
                report.stages[name] = Stage(name, len(articles), report.words, seconds, rss, 1, cpu)
            else:
                raise ValueError(f"unknown stage {name}")
    report.load_after = os.getloadavg()
    return report


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="one bench stage (used by newsgraph bench)")
    parser.add_argument("stage")
    parser.add_argument("path", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", default="")
    ns = parser.parse_args(argv)
    print(json.dumps(run_stage(ns.stage, ns.path, model=ns.model, workers=ns.workers)))


if __name__ == "__main__":
    main()
