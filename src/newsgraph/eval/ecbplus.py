"""Cross-document event coreference on ECB+ dev (Cybulska setup), on gold event mentions.

The shared data has the selected sentences as tokens and the gold mentions as
JSON, no raw XML, so we score our event merging on the gold mentions: each
gold event mention becomes an event report. Where our pipeline found an event
on that trigger, the report takes the pipeline's type, participants, place and
time; otherwise its type comes from our trigger lexicon (by lemma, else OTHER),
and it gets only the place and date our pipeline found in its sentence (no
actor or target: guessing them from the nearest names made false conflicts).
The reports of all dev documents (all topics at once: no gold topics are used;
the texts carry no publication date) go through the store's consolidation,
exactly as ingested articles do (trigger families, article similarity, partial
names, node merges), and the event nodes are scored against the gold chains
(MUC, B-cubed, CEAF-e, CoNLL F1). Two baselines are scored and printed beside
ours: every mention alone (singletons) and one node per trigger lemma across
the corpus (same-lemma). The ECB+ test topics are not in the shared data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.progress import Progress

from newsgraph.errors import EvalError
from newsgraph.eval.base import Report
from newsgraph.eval.coref_docs import detokenize, scratch_store
from newsgraph.eval.coref_metrics import score_all
from newsgraph.model import Article, ArticleResult, Event, EventTime, Span

__all__ = ["DEFAULT", "DESCRIPTION", "evaluate", "extract_reports", "read_split", "score_reports"]

DEFAULT = "ecbplus"
DESCRIPTION = "cross-document event coreference on ECB+ dev gold mentions (MUC, B3, CEAF-e, CoNLL F1)"


def read_split(folder: Path, split: str = "Dev") -> tuple[dict[str, list[list[str]]], list[dict[str, Any]]]:
    """Sentences of each document (tokens, in sentence order) and the gold event mentions."""
    base = folder / "cybulska_setup" if (folder / "cybulska_setup").is_dir() else folder
    corpus, mentions = base / f"ECB_{split}_corpus.txt", base / f"ECB_{split}_Event_gold_mentions.json"
    if not corpus.exists() or not mentions.exists():
        raise EvalError(f"ECB+ {split} files not found in {base}", code="NG501")
    docs: dict[str, dict[int, dict[int, str]]] = {}
    for line in corpus.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        doc, sent, idx, tok = parts[0], int(parts[1]), int(parts[2]), parts[3]
        docs.setdefault(doc, {}).setdefault(sent, {})[idx] = tok
    sentences = {d: [[s[i] for i in sorted(s)] for _, s in sorted(v.items())] for d, v in docs.items()}
    gold = json.loads(mentions.read_text(encoding="utf-8"))
    return sentences, gold


def _lexicon() -> dict[str, tuple[str, str | None]]:
    try:
        from newsgraph.nlp.events import triggers

        return triggers()
    except (ImportError, AttributeError):  # the lexicon moved: every unmatched trigger is OTHER
        return {}


Key = tuple[str, int]  # (document, index of the gold mention's report in it)


def extract_reports(
    path: Path, *, limit: int | None = None
) -> tuple[list[ArticleResult], list[tuple[Key, str]], dict[Key, str]]:
    """The dev documents run through our pipeline, one event report per gold mention.

    Returns the results (their events replaced by the reports), the gold chain of
    every report, and the trigger lemma of every report (for the baseline).
    """
    from newsgraph.extract import extract_doc
    from newsgraph.nlp import build_pipeline, make_doc

    sentences, gold = read_split(Path(path))
    doc_ids = sorted(sentences, key=lambda d: (int(d.split("_")[0]), d))
    if limit:
        doc_ids = doc_ids[:limit]
    keep = set(doc_ids)
    gold = [g for g in gold if g["doc_id"] in keep]
    texts = {}
    offsets: dict[str, dict[int, list[tuple[int, int]]]] = {}
    for d in doc_ids:
        sent_ids = sorted({int(k) for k in range(len(sentences[d]))})
        text, offs = detokenize(sentences[d])
        texts[d] = text
        offsets[d] = dict(zip(sent_ids, offs, strict=True))
    # sentence ids in the gold refer to the corpus's own numbering
    sent_numbers = _sentence_numbers(Path(path))
    nlp = build_pipeline()
    lexicon = _lexicon()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        by_doc.setdefault(g["doc_id"], []).append(g)
    results: list[ArticleResult] = []
    keys: list[tuple[Key, str]] = []
    lemma_of: dict[Key, str] = {}
    with Progress(transient=True) as progress:
        task = progress.add_task("ecbplus: extracting", total=len(doc_ids))
        articles = [Article(id=d, text=texts[d]) for d in doc_ids]
        docs = nlp.pipe((make_doc(nlp, a.text, None) for a in articles), batch_size=16)
        for doc, article in zip(docs, articles, strict=True):
            result = extract_doc(doc, article)
            d = article.id
            events = []
            for g in sorted(by_doc.get(d, ()), key=lambda g: (g["sent_id"], g["tokens_number"])):
                local = sent_numbers[d].index(int(g["sent_id"]))
                toks = [offsets[d][local][i] for i in g["tokens_number"] if i < len(offsets[d][local])]
                if not toks:
                    continue
                start, end = min(t[0] for t in toks), max(t[1] for t in toks)
                head = doc.char_span(toks[-1][0], toks[-1][1], alignment_mode="expand")
                lemma = (head[-1].lemma_ if head is not None and len(head) else texts[d][start:end]).lower()
                sent_span = offsets[d][local][0][0], offsets[d][local][-1][1]
                events.append(
                    _report(result, Span(start, end, texts[d][start:end]), lemma, sent_span, lexicon)
                )
                keys.append(((d, len(events) - 1), g["coref_chain"]))
                lemma_of[(d, len(events) - 1)] = lemma
            results.append(_with_events(result, events))
            progress.advance(task)
    return results, keys, lemma_of


def score_reports(
    results: list[ArticleResult], keys: list[tuple[Key, str]], lemma_of: dict[Key, str], dataset: str = ""
) -> Report:
    """Consolidate the reports in a scratch store as ingest does and score its event nodes and the baselines."""
    store = scratch_store(results)
    try:
        node = {
            (r["article_id"], int(r["idx"])): int(r["group_id"])
            for r in store.sql_rows("SELECT article_id, idx, group_id FROM event_members")
        }
    finally:
        store.close()
    key = _clusters(keys)
    response = _clusters([(m, node[m]) for m, _ in keys])
    baseline = _clusters([(m, lemma_of[m]) for m, _ in keys])
    metrics = score_all(key, response, "event")
    lemma = score_all(key, baseline, "b")
    single = score_all(key, [{m} for m, _ in keys], "s")
    metrics["event_baseline_lemma_conll_f1"] = lemma["b_conll_f1"]
    metrics["event_baseline_lemma_b3_f1"] = lemma["b_b3_f1"]
    metrics["event_singleton_conll_f1"] = single["s_conll_f1"]
    metrics["event_singleton_b3_f1"] = single["s_b3_f1"]
    metrics["event_conll_f1_over_lemma"] = metrics["event_conll_f1"] - lemma["b_conll_f1"]
    cross = {c for c, docs in _docs_per_chain(keys).items() if len(docs) > 1}
    rows = [
        {"system": name, "muc_f1": round(m[p + "_muc_f1"], 4), "b3_f1": round(m[p + "_b3_f1"], 4),
         "ceafe_f1": round(m[p + "_ceafe_f1"], 4), "conll_f1": round(m[p + "_conll_f1"], 4)}
        for name, m, p in (("singletons", single, "s"), ("same-lemma", lemma, "b"), ("ours", metrics, "event"))
    ]  # fmt: skip
    return Report(
        name="ecbplus",
        dataset=dataset,
        metrics=metrics,
        counts={
            "docs": len({d for (d, _), _ in keys} | {r.id for r in results}),
            "gold_event_mentions": len(keys),
            "gold_chains": len(key),
            "cross_doc_chains": len(cross),
            "system_nodes": len(response),
            "lemma_nodes": len(baseline),
        },
        rows=rows,
        notes=[
            "gold event mentions (the shared data has no raw XML); participants, place and time from our pipeline",
            "all dev topics at once: gold topics are not used; the articles have no dates",
            "same-lemma: one node per trigger lemma across the corpus; singletons: every mention alone",
        ],
    )


def evaluate(path: Path, *, limit: int | None = None) -> Report:
    results, keys, lemma_of = extract_reports(path, limit=limit)
    return score_reports(results, keys, lemma_of, str(path))


def _sentence_numbers(path: Path) -> dict[str, list[int]]:
    base = path / "cybulska_setup" if (path / "cybulska_setup").is_dir() else path
    out: dict[str, list[int]] = {}
    for line in (base / "ECB_Dev_corpus.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 4:
            nums = out.setdefault(parts[0], [])
            if (not nums or nums[-1] != int(parts[1])) and int(parts[1]) not in nums:
                nums.append(int(parts[1]))
    return {d: sorted(v) for d, v in out.items()}


def _report(
    result: ArticleResult,
    trigger: Span,
    lemma: str,
    sentence: tuple[int, int],
    lexicon: dict[str, tuple[str, str | None]],
) -> Event:
    """The event report for a gold trigger: the pipeline's event on it, or one built from the lexicon and nearby entities."""
    for e in result.events:
        if e.trigger.start < trigger.end and trigger.start < e.trigger.end:
            return Event(
                type=e.type, trigger=trigger, category=e.category, actor=e.actor, target=e.target, place=e.place,
                time=e.time, negated=e.negated, modality=e.modality, salience=e.salience,
                sentence=Span(sentence[0], sentence[1], result.text[sentence[0] : sentence[1]]),
            )  # fmt: skip
    type_, category = lexicon.get(lemma, ("OTHER", None))
    before: list[tuple[int, str, str]] = []
    after: list[tuple[int, str, str]] = []
    for ent in result.entities:
        for m in ent.mentions:
            if sentence[0] <= m.start and m.end <= trigger.start:
                before.append((m.start, ent.id, ent.type))
            elif trigger.end <= m.start and m.end <= sentence[1]:
                after.append((m.start, ent.id, ent.type))
    actors = [b for b in sorted(before) if b[2] in ("PERSON", "ORG", "GPE", "NORP")]
    targets = [a for a in sorted(after) if a[2] in ("PERSON", "ORG", "GPE", "NORP")]
    places = [a for a in sorted(after) if a[2] in ("GPE", "LOC", "FAC")]
    time = None
    for i, t in enumerate(result.timexes):
        if sentence[0] <= t.start and t.end <= sentence[1] and t.type in ("DATE", "TIME"):
            time = EventTime(t.value, i, "sentence")
            break
    return Event(
        type=type_,
        trigger=trigger,
        category=category,
        actor=actors[-1][1] if actors and _NEAREST else None,
        target=targets[0][1] if targets and _NEAREST else None,
        place=places[0][1] if places and (not targets or places[0][1] != targets[0][1]) else None,
        time=time,
        sentence=Span(sentence[0], sentence[1], result.text[sentence[0] : sentence[1]]),
    )


_NEAREST = False


def _with_events(r: ArticleResult, events: list[Event]) -> ArticleResult:
    return ArticleResult(
        id=r.id, text=r.text, published=r.published, title=r.title, url=r.url, source=r.source,
        category=r.category, entities=r.entities, timexes=r.timexes, quantities=r.quantities, claims=r.claims,
        events=tuple(events), warnings=r.warnings,
    )  # fmt: skip


def _clusters(items: list[tuple[Any, Any]]) -> list[set[Any]]:
    out: dict[Any, set[Any]] = {}
    for m, c in items:
        out.setdefault(c, set()).add(m)
    return list(out.values())


def _docs_per_chain(keys: list[tuple[tuple[str, int], str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for (doc, _), chain in keys:
        out.setdefault(chain, set()).add(doc)
    return out
