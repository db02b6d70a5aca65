"""Build the category model from CASE 2021 Task 2 snippets plus our own examples, into the cache.

``newsgraph train case [TSV]`` reads the snippets (default: ``case2021_task2/dev.tsv`` in the shared
data), adds the packaged example sentences, fits :func:`newsgraph.nlp.category.train` and writes the
model to :func:`newsgraph.nlp.category.cache_path`. The model remembers a hash of every file it learned
from, so that ``newsgraph eval case`` scores data the model was trained on only by cross-validation.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path

from newsgraph.errors import EvalError
from newsgraph.nlp.category import CATEGORIES, CategoryModel, cache_path, own_examples, train

__all__ = ["DEFAULT", "MIN_COUNT", "build", "digest", "fit", "folds", "read_snippets"]

DEFAULT = "case2021_task2/dev.tsv"
MIN_COUNT = 2  # word features seen fewer times in the training data are dropped


def digest(path: Path) -> str:
    """The sha256 of a data file: what a model records to know it was trained on it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_snippets(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, gold class) rows of a CASE 2021 Task 2 TSV (header ``id EventSnippet SubType``)."""
    rows: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or [h.strip() for h in header[:3]] != ["id", "EventSnippet", "SubType"]:
            raise EvalError(f"{path}: expected the header 'id EventSnippet SubType'", code="NG502")
        for n, row in enumerate(reader, start=2):
            if not row or not "".join(row).strip():
                continue
            if len(row) < 3:
                raise EvalError(f"{path}:{n}: expected three tab-separated columns", code="NG502")
            label = row[2].strip()
            if label not in CATEGORIES:
                raise EvalError(f"{path}:{n}: unknown class {label!r}", code="NG502")
            rows.append((row[0].strip(), row[1].strip(), label))
    return rows


def fit(pairs: list[tuple[str, str]], trained_on: dict[str, str]) -> CategoryModel:
    """The category model on these (text, class) pairs plus our own example sentences."""
    return train([*pairs, *own_examples()], min_count=MIN_COUNT, trained_on=trained_on)


def folds(n: int, k: int = 5) -> Iterator[list[int]]:
    """k deterministic, interleaved folds of range(n) (item i goes to fold i mod k)."""
    for f in range(k):
        yield list(range(f, n, k))


def build(data: Path, out: Path | None = None) -> tuple[CategoryModel, Path]:
    """Train on ``data`` (+ own examples) and save to ``out`` (default: the cache path)."""
    rows = read_snippets(data)
    model = fit([(text, label) for _, text, label in rows], {data.name: digest(data)})
    target = out or cache_path()
    model.save(target)
    return model, target
