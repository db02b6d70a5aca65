"""``ng_events``: typed events (PLOVER) with actor, target, place, time, claim and salience.

First version: verbal and nominal triggers from a lemma lexicon
(``data/triggers.tsv``); actor from the subject (or the agent of a passive),
target from the object.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.model import Event
from newsgraph.model import Span as CSpan
from newsgraph.nlp.claims import claim_containing
from newsgraph.nlp.extensions import ensure
from newsgraph.nlp.timex import event_time

_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


@lru_cache(maxsize=1)
def triggers() -> dict[str, tuple[str, str | None]]:
    """lemma -> (PLOVER type, CASE category or None), from the packaged lexicon."""
    text = resources.files("newsgraph.nlp.data").joinpath("triggers.tsv").read_text(encoding="utf-8")
    rows = csv.reader(
        (line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t"
    )
    return {lemma: (kind, category or None) for lemma, kind, category in rows}


def _entity(doc: Doc, tok: Token | None) -> str | None:
    if tok is None:
        return None
    token_entity = doc._.ng_token_entity
    for t in [tok, *tok.subtree]:
        if t.i in token_entity:
            return token_entity[t.i]
    return None


class EventExtractor:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        lexicon = triggers()
        types = {e.id: e.type for e in doc._.ng_entities}
        found: list[Event] = []
        n_sents = max(1, sum(1 for _ in doc.sents))
        for sent_no, sent in enumerate(doc.sents):
            for tok in sent:
                if tok.pos_ not in {"VERB", "NOUN"} or tok.lemma_.lower() not in lexicon:
                    continue
                kind, category = lexicon[tok.lemma_.lower()]
                subj = next((c for c in tok.children if c.dep_ in {"nsubj", "poss"}), None)
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                if agent is not None:
                    subj = next((c for c in agent.children if c.dep_ == "pobj"), subj)
                obj = next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}), None)
                place = None
                for child in tok.children:
                    if child.dep_ == "prep" and child.lower_ in {"in", "to", "at", "near"}:
                        target = _entity(doc, next((c for c in child.children if c.dep_ == "pobj"), None))
                        if target and types.get(target) in _PLACE_TYPES:
                            place = target
                claim = claim_containing(doc, tok.idx, tok.idx + len(tok))
                negated = any(c.dep_ == "neg" for c in tok.children)
                modality = "reported" if claim is not None else "asserted"
                if any(c.lower_ in {"will", "shall"} for c in tok.children if c.dep_ == "aux"):
                    modality = "future"
                elif any(
                    c.lower_ in {"would", "could", "might", "may"} for c in tok.children if c.dep_ == "aux"
                ):
                    modality = "hypothetical"
                salience = round(1.0 - 0.8 * sent_no / n_sents, 3)
                found.append(
                    Event(
                        type=kind,
                        category=category,
                        trigger=CSpan(tok.idx, tok.idx + len(tok), tok.text),
                        actor=_entity(doc, subj),
                        target=_entity(doc, obj),
                        place=place,
                        time=event_time(doc, tok),
                        claim=claim,
                        negated=negated,
                        modality=modality,
                        salience=salience,
                        sentence=CSpan(sent.start_char, sent.end_char, sent.text),
                    )
                )
        found.sort(key=lambda e: (-e.salience, e.trigger.start))
        doc._.ng_events = found
        doc._.ng_category = next((e.category for e in found if e.category), None)
        return doc
