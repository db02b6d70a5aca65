"""``newsgraph eval case``: the article category on CASE 2021 Task 2 snippets (30 classes).

Every snippet goes through the full pipeline (``make_doc`` without a date) and its predicted class
is ``doc._.ng_category``, the category of the most salient event. Scores are the shared task's:
weighted, micro and macro F1 (labels: the union of gold and predicted classes, as scikit-learn
counts them; a snippet given no category counts as the label ``NONE``).

When the category model in use learned from the file being scored (a model built by
``newsgraph train case``, which records the hash of its data), the scores are **5-fold
cross-validated**: for each fold a model is trained on the other folds plus our own examples and
decides the categories of that fold's documents. A model is never scored on data it learned from.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from rich.progress import Progress

from newsgraph.eval.base import Report
from newsgraph.nlp import build_pipeline, make_doc
from newsgraph.nlp.category import CategoryModel, category_model
from newsgraph.nlp.events import assign_categories, find_events
from newsgraph.train.case import digest, fit, folds, read_snippets

DEFAULT = "case2021_task2/dev.tsv"
DESCRIPTION = "CASE 2021 Task 2: article category (30 classes), weighted/micro/macro F1."
K_FOLDS = 5

__all__ = ["DEFAULT", "DESCRIPTION", "evaluate", "f1_scores"]


def f1_scores(gold: list[str], pred: list[str]) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Weighted, micro and macro F1 and per-class rows, as scikit-learn's f1_score computes them."""
    labels = sorted(set(gold) | set(pred))
    support = Counter(gold)
    predicted = Counter(pred)
    correct = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    rows = []
    weighted = macro = 0.0
    for label in labels:
        tp = correct[label]
        p = tp / predicted[label] if predicted[label] else 0.0
        r = tp / support[label] if support[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        macro += f
        weighted += f * support[label]
        if support[label]:
            rows.append(
                {
                    "class": label,
                    "support": support[label],
                    "p": round(p, 3),
                    "r": round(r, 3),
                    "f1": round(f, 3),
                }
            )
    n = len(gold)
    micro = sum(correct.values()) / n if n else 0.0
    metrics = {
        "weighted_f1": weighted / n if n else 0.0,
        "micro_f1": micro,
        "macro_f1": macro / len(labels) if labels else 0.0,
    }
    return metrics, rows


def evaluate(path: Path, *, limit: int | None = None) -> Report:
    rows = read_snippets(path)
    if limit is not None:
        rows = rows[:limit]
    nlp = build_pipeline()
    model = category_model()
    cross = digest(path) in model.trained_on.values()
    texts = [text for _, text, _ in rows]
    gold = [label for _, _, label in rows]
    docs = []
    with Progress(transient=True) as progress:
        task = progress.add_task("CASE 2021 snippets", total=len(texts))
        for doc in nlp.pipe((make_doc(nlp, t, None) for t in texts), batch_size=32):
            docs.append(doc)
            progress.advance(task)
    notes = []
    if cross:
        pred: list[str | None] = [None] * len(docs)
        for test in folds(len(docs), K_FOLDS):
            held = set(test)
            pairs = [(texts[i], gold[i]) for i in range(len(docs)) if i not in held]
            fold_model: CategoryModel = fit(pairs, {"fold": "cv"})
            for i in test:
                _, pred[i] = assign_categories(docs[i], find_events(docs[i]), fold_model)
        notes.append(
            f"the category model in use learned from {path.name}: scores are {K_FOLDS}-fold "
            "cross-validated (each fold decided by a model trained on the other folds + own examples)"
        )
    else:
        pred = [doc._.ng_category for doc in docs]
        trained = ", ".join(model.trained_on) or "nothing"
        notes.append(f"category model trained on: {trained} (not on the scored data)")
    labels = [p or "NONE" for p in pred]
    metrics, per_class = f1_scores(gold, labels)
    metrics["coverage"] = sum(1 for p in pred if p) / len(pred) if pred else 0.0
    counts = {"snippets": len(rows), "classes": len(set(gold))}
    return Report("case", str(path), metrics, counts, per_class, notes)
