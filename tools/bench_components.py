"""Time newsgraph's components against the bare English pipeline on PolNeAR articles.

    python tools/bench_components.py [N]

Parses the first N articles (PolNeAR dev, then train) with the bare pipeline and
with the full one (best of two runs each), then times each newsgraph component
alone on the parsed Docs. On a shared machine the whole-pipeline difference is
noisy; the per-component times are the steadier measure.
"""

from __future__ import annotations

import sys
import time

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.eval.base import shared_data
from newsgraph.eval.polnear import load_split
from newsgraph.nlp import build_pipeline, extensions, make_doc
from newsgraph.nlp.factories import PIPE_NAMES


def _run(nlp: Language, texts: list[str]) -> tuple[float, list[Doc]]:
    t0 = time.perf_counter()
    docs = list(nlp.pipe((make_doc(nlp, t) for t in texts), batch_size=16))
    return time.perf_counter() - t0, docs


def main(n: int) -> None:
    root = shared_data() / "polnear" / "data"
    gold = load_split(root / "dev") + load_split(root / "train", limit=max(0, n - 84))
    texts = [g.text for g in gold][:n]
    full = build_pipeline()
    bare = build_pipeline(components=False)
    _run(bare, texts[:5])
    tb = min(_run(bare, texts)[0] for _ in range(2))
    runs = [_run(full, texts) for _ in range(2)]
    tf = min(r[0] for r in runs)
    docs = runs[0][1]
    tokens = sum(len(d) for d in docs)
    print(f"{len(texts)} articles, {tokens} tokens")
    print(f"bare {tb:.1f} s ({len(texts) / tb:.2f} articles/s), full {tf:.1f} s: {100 * (tf / tb - 1):+.1f}%")
    for d in docs:
        extensions.reset(d)
    for name in PIPE_NAMES:
        comp = full.get_pipe(name)
        t0 = time.perf_counter()
        for d in docs:
            comp(d)
        spent = time.perf_counter() - t0
        print(f"  {name}: {spent:.2f} s = {100 * spent / tb:.1f}% of the bare pipeline")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
