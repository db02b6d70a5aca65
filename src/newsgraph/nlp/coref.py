"""``ng_coref``: within-article coreference of pronouns to people and organisations.

First version: a third-person personal pronoun in subject position refers to
the nearest preceding PERSON (he/she) or ORG/GPE (it/they) subject.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.nlp.extensions import ensure

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_GROUP_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})


class Coreferencer:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        token_entity: dict[int, str] = doc._.ng_token_entity
        types = {e.id: e.type for e in doc._.ng_entities}
        last_person: str | None = None
        last_group: str | None = None
        for tok in doc:
            eid = token_entity.get(tok.i)
            if eid is not None:
                if tok.dep_ in {"nsubj", "nsubjpass"} or tok.head.dep_ in {"nsubj", "nsubjpass"}:
                    if types.get(eid) == "PERSON":
                        last_person = eid
                    elif types.get(eid) in {"ORG", "GPE"}:
                        last_group = eid
                continue
            low = tok.lower_
            if tok.pos_ == "PRON":
                if low in _PERSON_PRONOUNS and last_person:
                    token_entity[tok.i] = last_person
                elif low in _GROUP_PRONOUNS and last_group:
                    token_entity[tok.i] = last_group
        return doc
