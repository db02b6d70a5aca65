"""Entity mentions on CoNLL-2003 (PER/ORG/LOC/MISC), newsgraph beside the bare English pipeline.

Each ``-DOCSTART-`` document becomes one text: its tokens joined by single
spaces, its sentences by newlines. Both systems read the same text; their
entity spans are mapped to CoNLL's four types with :data:`LABEL_MAP` and scored
span-exact on character offsets (conlleval's entity-level micro P/R/F1).

The mapping, the same for both systems:

==========================================================  =====
spaCy (OntoNotes) label                                     CoNLL
==========================================================  =====
PERSON                                                      PER
ORG                                                         ORG
GPE, LOC, FAC                                               LOC
NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE            MISC
DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL     --
==========================================================  =====

CoNLL's MISC holds nationalities, events, titles of works, laws and languages,
which is what the OntoNotes labels above mean; the numeric labels have no CoNLL
counterpart and are dropped for both systems.

newsgraph's spans are the full pipeline's corrected ``doc.ents`` (the name
mentions ``ng_entities`` groups); nominal aliases ("the pact") are not names
and are not scored.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.progress import Progress
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import EvalError
from newsgraph.eval.base import PRF, Report

DEFAULT = "conll2003/eng.testa"
DESCRIPTION = "entity mentions (PER/ORG/LOC/MISC) on CoNLL-2003 dev, beside the bare English pipeline"

TYPES = ("PER", "ORG", "LOC", "MISC")

LABEL_MAP: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

SpanKey = tuple[int, int, str]  # start char, end char, CoNLL type


@dataclass(frozen=True, slots=True)
class ConllDoc:
    text: str
    gold: frozenset[SpanKey]


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans (start, end exclusive, type) of IOB1 or IOB2 tags."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and label != kind)
        if kind and (prefix == "O" or begins):
            spans.append((start, i, kind))
            kind = ""
        if prefix in {"B", "I"} and (begins or not kind):
            start, kind = i, label
    return spans


def read_conll(path: Path) -> Iterator[ConllDoc]:
    """The documents of a CoNLL-2003 file (``token POS chunk NER`` lines); ``-DOCSTART-`` anywhere."""
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            fields = line.split()
            if not fields:
                if sentence:
                    sentences.append(sentence)
                    sentence = []
                continue
            if fields[0] == "-DOCSTART-":
                if sentence:
                    sentences.append(sentence)
                    sentence = []
                if sentences:
                    yield _document(sentences)
                    sentences = []
                continue
            if len(fields) < 2:
                raise EvalError(f"{path}:{number}: expected `token ... NER`", code="NG502")
            sentence.append((fields[0], fields[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        yield _document(sentences)


def _document(sentences: list[list[tuple[str, str]]]) -> ConllDoc:
    parts: list[str] = []
    gold: set[SpanKey] = set()
    offset = 0
    for sentence in sentences:
        starts = []
        for token, _ in sentence:
            starts.append(offset)
            offset += len(token) + 1
        for s, e, kind in iob_spans([tag for _, tag in sentence]):
            gold.add((starts[s], starts[e - 1] + len(sentence[e - 1][0]), kind))
        parts.append(" ".join(token for token, _ in sentence))
    return ConllDoc("\n".join(parts), frozenset(gold))


def predicted(doc: Doc) -> set[SpanKey]:
    """The CoNLL-typed character spans of a Doc's entities."""
    return {
        (ent.start_char, ent.end_char, LABEL_MAP[ent.label_]) for ent in doc.ents if ent.label_ in LABEL_MAP
    }


@dataclass
class Score:
    overall: PRF
    by_type: dict[str, PRF]

    def add(self, system: set[SpanKey], gold: frozenset[SpanKey]) -> None:
        self.overall.add(len(system & gold), len(system), len(gold))
        for kind in TYPES:
            s = {x for x in system if x[2] == kind}
            g = {x for x in gold if x[2] == kind}
            self.by_type[kind].add(len(s & g), len(s), len(g))


def new_score() -> Score:
    return Score(PRF(), {kind: PRF() for kind in TYPES})


@dataclass
class Run:
    """Both systems' scores from one pass, and the seconds the model and each newsgraph component took."""

    ours: Score
    bare: Score
    seconds: dict[str, float]


def run(nlp: Language, docs: list[ConllDoc], progress: Progress | None = None) -> Run:
    """One pass of the full pipeline: the bare model's spans are scored before newsgraph's components run.

    The model's own pipes run batched as in ``nlp.pipe``; then each newsgraph
    component runs on the Doc, timed on its own, exactly as the full pipeline
    would run it.
    """
    from newsgraph.nlp import make_doc
    from newsgraph.nlp.factories import PIPE_NAMES

    own = [name for name in nlp.pipe_names if name in PIPE_NAMES]
    components = [(name, nlp.get_pipe(name)) for name in own]
    result = Run(new_score(), new_score(), {"model": 0.0, **dict.fromkeys(own, 0.0)})
    task = progress.add_task("CoNLL-2003", total=len(docs)) if progress else None
    with nlp.select_pipes(disable=own):
        made = (make_doc(nlp, d.text, None) for d in docs)
        began = time.perf_counter()
        for doc, gold in zip(nlp.pipe(made, batch_size=16), docs, strict=True):
            result.seconds["model"] += time.perf_counter() - began
            result.bare.add(predicted(doc), gold.gold)
            for name, component in components:
                t = time.perf_counter()
                doc = component(doc)
                result.seconds[name] += time.perf_counter() - t
            result.ours.add(predicted(doc), gold.gold)
            if progress is not None and task is not None:
                progress.advance(task)
            began = time.perf_counter()
    return result


def _limited(docs: Iterable[ConllDoc], limit: int | None) -> list[ConllDoc]:
    out: list[ConllDoc] = []
    for d in docs:
        if limit is not None and len(out) >= limit:
            break
        out.append(d)
    return out


def evaluate(path: Path, *, limit: int | None = None) -> Report:
    from newsgraph.nlp import build_pipeline

    docs = _limited(read_conll(path), limit)
    if not docs:
        raise EvalError(f"no CoNLL documents in {path}", code="NG502")
    with Progress(transient=True) as progress:
        result = run(build_pipeline(), docs, progress)
    ours, bare, seconds = result.ours, result.bare, result.seconds
    entities_seconds = seconds.get("ng_mentions", 0.0) + seconds.get("ng_entities", 0.0)
    metrics = {
        "f1": ours.overall.f1,
        "precision": ours.overall.precision,
        "recall": ours.overall.recall,
        "bare_f1": bare.overall.f1,
        "delta_f1": ours.overall.f1 - bare.overall.f1,
        # time of ng_mentions + ng_entities over the model's time on the same documents
        "entities_time_share": entities_seconds / seconds["model"] if seconds["model"] else 0.0,
    }
    for kind in TYPES:
        metrics[f"{kind.lower()}_f1"] = ours.by_type[kind].f1
        metrics[f"bare_{kind.lower()}_f1"] = bare.by_type[kind].f1
    rows = []
    for system, s in (("newsgraph", ours), ("bare", bare)):
        for kind, prf in (("ALL", s.overall), *s.by_type.items()):
            rows.append(
                {
                    "system": system,
                    "type": kind,
                    "p": round(prf.precision, 4),
                    "r": round(prf.recall, 4),
                    "f1": round(prf.f1, 4),
                    "gold": int(prf.gold),
                    "system_n": int(prf.system),
                }
            )
    return Report(
        name="conll",
        dataset=str(path),
        metrics=metrics,
        counts={
            "documents": len(docs),
            "gold_entities": int(ours.overall.gold),
            **{f"ms_{name}": round(1000 * value) for name, value in seconds.items()},
        },
        rows=rows,
        notes=["span-exact on characters; spaCy labels mapped to CoNLL types by eval.conll.LABEL_MAP"],
    )
