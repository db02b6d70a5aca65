"""Attributions against PolNeAR's brat gold: cue, source, content and full F1, beside textacy.

PolNeAR (Newell, Margolin & Ruths 2018) marks each attribution as a Source, a
Cue and a Content span (``E`` lines of the ``.ann`` files; an
``Attribution-no-source`` relation has no Source). Matching:

- a system claim matches a gold attribution when their cue spans overlap; the
  matching is one-to-one (greedy, largest character overlap first);
- source: a matched pair whose sources overlap (or both have none);
- content: a matched pair whose contents have a character Dice >= 0.5;
- full: all three at once.

Precision is over the system's claims, recall over the gold attributions.

Several annotators: a few articles (2 in dev, 16 in train) carry one ``.ann``
file per annotator. We score against ONE file per article: the first annotator
of the article's ``annotators`` column in ``metadata.tsv`` that has a file (the
choice SOURCE.md suggests); the others are ignored, never merged, since a union
would double every attribution the annotators agree on.

The same run scores textacy's direct-quotation extractor
(``textacy.extract.triples.direct_quotations``, the ``eval`` extra) on the same
parsed Docs, so the two stand side by side.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsgraph.errors import EvalError
from newsgraph.eval.base import PRF, Report

__all__ = [
    "DEFAULT",
    "DESCRIPTION",
    "Attribution",
    "GoldDoc",
    "evaluate",
    "load_split",
    "match",
    "parse_ann",
    "score",
]

DEFAULT = "polnear/data/dev"
DESCRIPTION = "attributions (cue, source, content) on PolNeAR dev, beside textacy's direct quotations"

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One attribution as character spans; ``source`` is empty when it has none."""

    cue: Spans
    content: Spans
    source: Spans = ()


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    published: str | None
    attributions: tuple[Attribution, ...]
    annotator: str


def _spans(offsets: str) -> Spans:
    out = []
    for part in offsets.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(text: str) -> list[Attribution]:
    """The attributions of one brat ``.ann`` file (relations lacking a cue or content are skipped).

    A ``T`` line whose span text runs across a newline continues on the next
    physical line; such continuation lines start with neither ``T`` nor ``E``
    followed by a number and a tab, so they are skipped.
    """
    spans: dict[str, Spans] = {}
    relations: list[dict[str, str]] = []
    for line in text.split("\n"):
        head, sep, rest = line.partition("\t")
        if not sep or len(head) < 2 or not head[1:].isdigit():
            continue
        if head[0] == "T":
            label_offsets = rest.split("\t", 1)[0]
            _label, _, offsets = label_offsets.partition(" ")
            try:
                spans[head] = _spans(offsets)
            except ValueError as exc:
                raise EvalError(f"malformed brat span line: {line[:80]!r}", code="NG502") from exc
        elif head[0] == "E":
            roles = dict(part.split(":", 1) for part in rest.split() if ":" in part)
            relations.append(roles)
    out = []
    for roles in relations:
        cue = spans.get(roles.get("Cue", ""))
        content = spans.get(roles.get("Content", ""))
        if not cue or not content:
            continue
        out.append(Attribution(cue=cue, content=content, source=spans.get(roles.get("Source", ""), ())))
    return out


def _metadata(root: Path) -> dict[str, tuple[list[str], str | None]]:
    meta = root / "metadata.tsv"
    if not meta.exists():
        return {}
    lines = meta.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    i_name, i_ann, i_date = (
        header.index("filename"),
        header.index("annotators"),
        header.index("publication_date"),
    )
    out = {}
    for line in lines[1:]:
        parts = line.split("\t")
        if len(parts) > max(i_name, i_ann, i_date):
            out[parts[i_name]] = (parts[i_ann].split("|"), parts[i_date] or None)
    return out


def load_split(path: Path, *, limit: int | None = None) -> list[GoldDoc]:
    """Articles and gold of one split folder (holding ``text/`` and ``attributions/``)."""
    text_dir, ann_dir = path / "text", path / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalError(f"not a PolNeAR split (text/ and attributions/ expected): {path}", code="NG501")
    meta = _metadata(path.parent)
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = {a.stem.rsplit("_", 1)[1]: a for a in sorted(ann_dir.glob(f"{txt.stem}_*.ann"))}
        if not anns:
            continue
        order, published = meta.get(txt.stem, ([], None))
        annotator = next((a for a in order if a in anns), min(anns))
        gold = parse_ann(anns[annotator].read_text(encoding="utf-8"))
        docs.append(GoldDoc(txt.stem, txt.read_text(encoding="utf-8"), published, tuple(gold), annotator))
        if limit is not None and len(docs) >= limit:
            break
    return docs


# -- matching -------------------------------------------------------------------


def _overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(a: Spans) -> int:
    return sum(e - s for s, e in a)


def dice(a: Spans, b: Spans) -> float:
    total = _length(a) + _length(b)
    return 2 * _overlap(a, b) / total if total else 0.0


def match(gold: Sequence[Attribution], system: Sequence[Attribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) whose cues overlap, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            ov = _overlap(g.cue, s.cue)
            if ov > 0:
                candidates.append((ov, gi, si))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, gi, si in candidates:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si))
    return pairs


@dataclass
class Scores:
    cue: PRF
    source: PRF
    content: PRF
    full: PRF

    @classmethod
    def empty(cls) -> Scores:
        return cls(PRF(), PRF(), PRF(), PRF())

    def metrics(self, prefix: str = "") -> dict[str, float]:
        out: dict[str, float] = {}
        for name in ("cue", "source", "content", "full"):
            out.update(getattr(self, name).as_dict(prefix + name))
        return out


def score(gold: Sequence[Attribution], system: Sequence[Attribution], into: Scores) -> None:
    """Add one article's counts to ``into``."""
    pairs = match(gold, system)
    n_src = n_cont = n_full = 0
    for gi, si in pairs:
        g, s = gold[gi], system[si]
        src_ok = (not g.source and not s.source) or _overlap(g.source, s.source) > 0
        cont_ok = dice(g.content, s.content) >= 0.5
        n_src += src_ok
        n_cont += cont_ok
        n_full += src_ok and cont_ok
    into.cue.add(len(pairs), len(system), len(gold))
    into.source.add(n_src, len(system), len(gold))
    into.content.add(n_cont, len(system), len(gold))
    into.full.add(n_full, len(system), len(gold))


# -- system sides -------------------------------------------------------------------


def ours(doc: Doc) -> list[Attribution]:
    out = []
    for c in doc._.ng_claims:
        src = ((c.source.start, c.source.end),) if c.source is not None else ()
        out.append(Attribution(((c.cue.start, c.cue.end),), ((c.content.start, c.content.end),), src))
    return out


def textacy_side(doc: Doc) -> tuple[list[Attribution], bool]:
    """textacy's direct quotations on the same Doc, as attributions.

    textacy refuses a whole article with an odd number of quotation marks
    (ValueError); it is then given each paragraph on its own, so that one
    unbalanced quote costs it only that paragraph. The flag tells whether it
    refused the whole article.
    """
    from textacy.extract.triples import direct_quotations

    try:
        return _triples(direct_quotations(doc), 0), False
    except ValueError:
        pass
    out: list[Attribution] = []
    start = 0
    text = doc.text
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            with contextlib.suppress(ValueError):
                out.extend(_triples(direct_quotations(span.as_doc()), span.start_char))
        start = end + 1
    return out, True


def _triples(triples: Iterable[Any], offset: int) -> list[Attribution]:
    out = []
    for triple in triples:
        cue = tuple((offset + t.idx, offset + t.idx + len(t)) for t in triple.cue)
        src = tuple((offset + t.idx, offset + t.idx + len(t)) for t in triple.speaker)
        content = ((offset + triple.content.start_char, offset + triple.content.end_char),)
        if cue:
            out.append(Attribution(cue, content, src))
    return out


def _textacy_available() -> bool:
    try:
        import textacy.extract.triples  # noqa: F401
    except ImportError:
        return False
    return True


def _progress(items: Iterable[Doc], total: int) -> Iterator[Doc]:
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("PolNeAR", total=total)
        for item in items:
            yield item
            progress.advance(task)


def evaluate(path: Path, *, limit: int | None = None) -> Report:
    from newsgraph.nlp import build_pipeline, make_doc

    gold_docs = load_split(path, limit=limit)
    if not gold_docs:
        raise EvalError(f"no annotated articles under {path}", code="NG501")
    nlp = build_pipeline()
    have_textacy = _textacy_available()
    mine, theirs = Scores.empty(), Scores.empty()
    refused = 0
    started = time.perf_counter()
    docs = nlp.pipe((make_doc(nlp, g.text, g.published) for g in gold_docs), batch_size=16)
    for g, doc in zip(gold_docs, _progress(docs, len(gold_docs)), strict=True):
        score(g.attributions, ours(doc), mine)
        if have_textacy:
            found, whole_refused = textacy_side(doc)
            refused += whole_refused
            score(g.attributions, found, theirs)
    seconds = time.perf_counter() - started
    metrics = mine.metrics()
    notes = [
        "gold: the first annotator in metadata.tsv per article; cue overlap one-to-one, "
        "source overlap, content character Dice >= 0.5",
        f"{len(gold_docs)} articles in {seconds:.1f} s (pipeline and scoring)",
    ]
    rows = []
    if have_textacy:
        notes.append(
            f"textacy refused {refused} whole articles (unbalanced quotation marks) and was then run per paragraph"
        )
        metrics.update(theirs.metrics("textacy_"))
        ratio = mine.full.recall / theirs.full.recall if theirs.full.recall else float("inf")
        metrics["full_r_vs_textacy"] = ratio
        for name in ("cue", "source", "content", "full"):
            a, b = getattr(mine, name), getattr(theirs, name)
            rows.append(
                {
                    "score": name,
                    "newsgraph P/R/F1": f"{a.precision:.3f} / {a.recall:.3f} / {a.f1:.3f}",
                    "textacy P/R/F1": f"{b.precision:.3f} / {b.recall:.3f} / {b.f1:.3f}",
                }
            )
    else:
        notes.append("textacy not installed (pip install newsgraph[eval]): no side-by-side")
    return Report(
        name="polnear",
        dataset=str(path),
        metrics=metrics,
        counts={
            "articles": len(gold_docs),
            "gold": int(mine.cue.gold),
            "system": int(mine.cue.system),
            "textacy": int(theirs.cue.system),
        },
        rows=rows,
        notes=notes,
    )
