"""What the cross-document coreference evaluations share: texts from tokens, a scratch store, mention alignment.

The corpora give tokens and gold mentions as token ids. We rebuild a readable
text (sentences on their own lines, no space before punctuation), remember
where each token lands, run our pipeline, store the results in a temporary
store (which consolidates them as ingest does), and align the system's
mentions to the gold ones by character spans.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.eval.coref_metrics import score_all
from newsgraph.ingest.dedup import content_hash, signature
from newsgraph.model import Article, ArticleResult
from newsgraph.store.base import StoreItem
from newsgraph.store.sqlite import SQLiteStore

__all__ = ["GoldMention", "SysMention", "align", "detokenize", "extract_all", "scores", "scratch_store"]

_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'", "n't", "'re", "'ve",
                              "'ll", "'d", "'m", "''", "”", "’s"})  # fmt: skip
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "“", "#"})


def detokenize(sentences: Sequence[Sequence[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """A text from tokenised sentences (one line each) and the (start, end) of every token in it."""
    parts: list[str] = []
    offsets: list[list[tuple[int, int]]] = []
    pos = 0
    for s_i, sent in enumerate(sentences):
        if s_i:
            parts.append("\n")
            pos += 1
        spans = []
        prev = ""
        for t_i, tok in enumerate(sent):
            tok = tok or "_"
            if t_i and tok not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            spans.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
            prev = tok
        offsets.append(spans)
    return "".join(parts), offsets


def extract_all(
    articles: list[Article], *, progress: Callable[[int], None] | None = None
) -> list[ArticleResult]:
    """Run the full pipeline over the articles in this process (loaded once)."""
    from newsgraph.extract import extract_doc
    from newsgraph.nlp import build_pipeline, make_doc

    nlp = build_pipeline()
    docs = nlp.pipe((make_doc(nlp, a.text, a.published) for a in articles), batch_size=16)
    out = []
    for doc, article in zip(docs, articles, strict=True):
        out.append(extract_doc(doc, article))
        if progress:
            progress(1)
    return out


def scratch_store(
    results: Iterable[ArticleResult], folder: Path | None = None, batch: int = 16
) -> SQLiteStore:
    """A temporary store holding the results, consolidated batch by batch as ingest does."""
    base = folder or Path(tempfile.mkdtemp(prefix="newsgraph-eval-"))
    store = SQLiteStore(base / "eval.db", near_dup_threshold=1.01)
    chunk: list[StoreItem] = []
    for r in results:
        chunk.append(
            StoreItem(result=r, content_hash=content_hash(r.text + r.id), signature=signature(r.text))
        )
        if len(chunk) >= batch:
            store.add_batch(chunk)
            chunk = []
    if chunk:
        store.add_batch(chunk)
    return store


@dataclass(frozen=True)
class GoldMention:
    doc: str
    start: int
    end: int
    head: tuple[int, int]  # the span of the token taken as head (the last one of a name)
    cluster: Hashable


@dataclass(frozen=True)
class SysMention:
    doc: str
    start: int
    end: int
    cluster: Hashable
    baseline: Hashable = None  # the cluster without cross-article consolidation


def align(gold: Sequence[GoldMention], system: Sequence[SysMention]) -> list[tuple[GoldMention, SysMention]]:
    """Pairs of gold and system mentions: the system span overlaps the gold span and holds its head.

    Each mention is used at most once; among candidates the largest overlap wins.
    """
    by_doc: dict[str, list[SysMention]] = {}
    for s in system:
        by_doc.setdefault(s.doc, []).append(s)
    pairs = []
    used: set[SysMention] = set()
    for g in sorted(gold, key=lambda g: (g.doc, g.start, g.end)):
        best, best_overlap = None, 0
        for s in by_doc.get(g.doc, ()):
            if s in used or s.start > g.head[0] or s.end < g.head[1]:
                continue
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > best_overlap:
                best, best_overlap = s, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, best))
    return pairs


def _group(items: Iterable[tuple[Hashable, Hashable]]) -> list[set[Hashable]]:
    out: dict[Hashable, set[Hashable]] = {}
    for mention, cluster in items:
        out.setdefault(cluster, set()).add(mention)
    return list(out.values())


def scores(pairs: Sequence[tuple[GoldMention, SysMention]], prefix: str) -> dict[str, float]:
    """Coreference scores on the aligned mentions, for the system and for its unconsolidated baseline."""
    key = _group(((g.doc, g.start, g.end), g.cluster) for g, _ in pairs)
    response = _group(((g.doc, g.start, g.end), s.cluster) for g, s in pairs)
    out = score_all(key, response, prefix)
    if pairs and pairs[0][1].baseline is not None:
        base = _group(((g.doc, g.start, g.end), s.baseline) for g, s in pairs)
        out[f"{prefix}_baseline_conll_f1"] = score_all(key, base, prefix)[f"{prefix}_conll_f1"]
    return out


def cross_doc_clusters(pairs: Sequence[tuple[GoldMention, Any]]) -> int:
    """Gold clusters (among the aligned mentions) that span more than one document."""
    docs: dict[Hashable, set[str]] = {}
    for g, _ in pairs:
        docs.setdefault(g.cluster, set()).add(g.doc)
    return sum(1 for d in docs.values() if len(d) > 1)
