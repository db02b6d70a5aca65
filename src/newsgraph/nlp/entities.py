"""``ng_entities``: canonical entities with their mentions, from the model's named entities.

First version: names of one type are grouped within the article, a short name
("Kim", "Shoigu") joining the longest earlier name that ends or starts with it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.model import Entity, Mention
from newsgraph.nlp.extensions import ensure

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
)


def trim(span: Span) -> Span:
    """Drop a leading determiner and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return doc[start:end] if (start, end) != (span.start, span.end) else span


class EntityResolver:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        groups: dict[str, dict] = {}  # key -> {"name", "type", "mentions": [span]}
        order: list[str] = []
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            span = trim(ent)
            if not len(span):
                continue
            key = self._key(span, ent.label_, groups, order)
            if key not in groups:
                groups[key] = {"name": span.text, "type": ent.label_, "mentions": []}
                order.append(key)
            groups[key]["mentions"].append((span, ent.label_))
        entities = []
        token_entity: dict[int, str] = doc._.ng_token_entity
        for n, key in enumerate(order, start=1):
            g = groups[key]
            eid = f"E{n}"
            mentions = tuple(Mention(s.start_char, s.end_char, s.text, label) for s, label in g["mentions"])
            aliases = tuple(sorted({m.text for m in mentions} - {g["name"]}))
            entities.append(
                Entity(id=eid, name=g["name"], type=g["type"], aliases=aliases, mentions=mentions)
            )
            for s, _ in g["mentions"]:
                for tok in s:
                    token_entity[tok.i] = eid
        doc._.ng_entities = entities
        return doc

    @staticmethod
    def _key(span: Span, label: str, groups: dict[str, dict], order: list[str]) -> str:
        text = span.text
        if label == "PERSON" and len(span) == 1:
            # a surname or given name alone joins the latest full name that has it
            for key in reversed(order):
                g = groups[key]
                parts = g["name"].split()
                if g["type"] == "PERSON" and len(parts) > 1 and text in (parts[0], parts[-1]):
                    return key
        return f"{label}:{text.lower()}"
