"""Events placed on the calendar: each event's time against TimeBank + AQUAINT's TLINKs.

TimeML links event words to times. Where a TLINK puts an event inside a time
(``IS_INCLUDED``, or the time ``INCLUDES`` the event) or makes them ``SIMULTANEOUS``,
and that time is a calendar date or time (or the DCT), the event's gold date is
that time's value. For every such event word we ask the time tagger for the
event's time (``newsgraph.nlp.timex.event_time``: a timex its word governs, else
its sentence's or paragraph's, else the day a wire story tells of, else the
publication date) and compare:

- **accuracy**: our value is one of the gold values (the same string);
- **agreement**: our value and a gold value name the same time at different
  precision, or the same one ("1998-08" and "1998-08-07");
- **published_accuracy**: what dating every event by its publication date would
  score, the event data sets' method, for comparison.

The rows break the scores down by where our time came from: the text around the
event word, its sentence or paragraph, the story's day, or the publication date as
a fallback.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from newsgraph.eval.base import Report
from newsgraph.eval.timeml import DEFAULT, GoldEvent, TimemlDocument, read_corpus

__all__ = ["DEFAULT", "DESCRIPTION", "evaluate", "score"]

DESCRIPTION = (
    "each event's date against TimeBank + AQUAINT's event-time links (accuracy, against the publication date)"
)


def _agrees(ours: str, gold: str) -> bool:
    return ours.startswith(gold) or gold.startswith(ours)


def score(
    results: Sequence[tuple[GoldEvent, str, str]], published: Sequence[str], *, dataset: str = ""
) -> Report:
    """``results``: each gold event with our value and its source; ``published``: its DCT date."""
    n = len(results)
    exact: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    by_source: Counter[str] = Counter()
    for gold, value, source in results:
        by_source[source] += 1
        exact[source] += value in gold.anchors
        agree[source] += any(_agrees(value, g) for g in gold.anchors)
    baseline = sum(dct in gold.anchors for (gold, _, _), dct in zip(results, published, strict=True))
    metrics = {
        "accuracy": sum(exact.values()) / n if n else 0.0,
        "agreement": sum(agree.values()) / n if n else 0.0,
        "published_accuracy": baseline / n if n else 0.0,
    }
    rows = [
        {
            "source": source,
            "events": count,
            "accuracy": f"{exact[source] / count:.3f}",
            "agreement": f"{agree[source] / count:.3f}",
        }
        for source, count in by_source.most_common()
    ]
    return Report("event_time", dataset, metrics, {"events": n}, rows)


def evaluate(path: Path, *, limit: int | None = None) -> Report:
    """Tag the times of the TimeML documents (published = DCT) and date their anchored events."""
    from rich.progress import track

    from newsgraph.nlp import build_pipeline, make_doc
    from newsgraph.nlp.factories import PIPE_NAMES
    from newsgraph.nlp.timex import event_time

    docs: list[TimemlDocument] = read_corpus(path, limit=limit)
    nlp = build_pipeline()
    others = [name for name in PIPE_NAMES if name != "ng_timex"]
    results: list[tuple[GoldEvent, str, str]] = []
    published: list[str] = []
    started = time.perf_counter()
    with nlp.select_pipes(disable=others):
        parsed = nlp.pipe(make_doc(nlp, d.text, d.dct) for d in docs)
        for doc, spacy_doc in track(
            zip(docs, parsed, strict=True), total=len(docs), description="event time", transient=True
        ):
            for gold in doc.events:
                span = spacy_doc.char_span(gold.start, gold.end, alignment_mode="expand")
                got = event_time(spacy_doc, span.root) if span is not None else None
                results.append((gold, got.value if got else "", got.source if got else "none"))
                published.append(doc.dct[:10])
    report = score(results, published, dataset=str(path))
    report.notes.append(f"{len(docs)} documents in {time.perf_counter() - started:.1f}s")
    return report
