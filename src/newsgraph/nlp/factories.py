"""Every ``Language.factory`` registration of newsgraph, with what each needs and sets.

The components live in modules named for what they find; this file only wires
them into spaCy. Importing it registers the factories (idempotently).
"""

from __future__ import annotations

from spacy.language import Language

from newsgraph.nlp.claims import ClaimExtractor
from newsgraph.nlp.coref import Coreferencer
from newsgraph.nlp.entities import EntityResolver
from newsgraph.nlp.events import EventExtractor
from newsgraph.nlp.mentions import MentionFixer
from newsgraph.nlp.quantities import QuantityTagger
from newsgraph.nlp.timex import TimexTagger

# (factory name, class, requires, assigns), in pipeline order
COMPONENTS = (
    ("ng_mentions", MentionFixer, ["doc.ents", "token.tag", "token.is_sent_start"], ["doc.ents"]),
    # before the entities, so that role dates ("until May 2024") read the resolved timexes
    (
        "ng_timex",
        TimexTagger,
        ["doc.sents", "doc._.published", "token.dep", "token.tag"],
        ["doc._.ng_timexes", "doc._.ng_token_timex", "doc._.ng_sent_reftime"],
    ),
    (
        "ng_entities",
        EntityResolver,
        ["doc.ents", "token.dep", "token.tag", "doc._.ng_timexes"],
        ["doc._.ng_entities", "doc._.ng_token_entity"],
    ),
    (
        "ng_coref",
        Coreferencer,
        ["doc._.ng_entities", "doc._.ng_token_entity", "token.dep", "token.morph"],
        ["doc._.ng_token_entity"],
    ),
    (
        "ng_quantities",
        QuantityTagger,
        ["doc.ents", "token.dep", "doc._.ng_timexes", "doc._.ng_token_entity"],
        ["doc._.ng_quantities"],
    ),
    (
        "ng_claims",
        ClaimExtractor,
        ["token.dep", "token.lemma", "doc.sents", "doc._.ng_token_entity"],
        ["doc._.ng_claims"],
    ),
    (
        "ng_events",
        EventExtractor,
        [
            "token.dep",
            "token.lemma",
            "doc._.ng_token_entity",
            "doc._.ng_timexes",
            "doc._.ng_claims",
        ],
        ["doc._.ng_events", "doc._.ng_category"],
    ),
)

PIPE_NAMES = tuple(name for name, *_ in COMPONENTS)


def _register() -> None:
    for name, cls, requires, assigns in COMPONENTS:
        if name in Language.factories:
            continue

        def make(nlp: Language, name: str, _cls: type = cls) -> object:
            return _cls(nlp, name)

        Language.factory(name, requires=requires, assigns=assigns, func=make)


_register()
