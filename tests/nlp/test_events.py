"""Events: triggers, arguments, negation and modality on hand-built parses; the seed with the model."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsgraph.model import Claim, ClaimSource, Entity, Mention, Span
from newsgraph.nlp.events import EventExtractor, find_events, lead_text, trigger_table, triggers
from newsgraph.nlp.timex import TimexTagger
from tests.conftest import SEED, hand_doc


def _entities(doc: Doc, names: dict[str, tuple[str, list[int]]]) -> None:
    """Give a hand-built Doc entities: id -> (type, token indices)."""
    ents, token_entity = [], {}
    for eid, (kind, toks) in names.items():
        span = doc[toks[0] : toks[-1] + 1]
        ents.append(
            Entity(
                id=eid,
                name=span.text,
                type=kind,
                mentions=(Mention(span.start_char, span.end_char, span.text, kind),),
            )
        )
        for i in toks:
            token_entity[i] = eid
    doc._.ng_entities = ents
    doc._.ng_token_entity = token_entity


def _run(doc: Doc) -> list:
    EventExtractor(None, "ng_events")(doc)  # type: ignore[arg-type]
    return doc._.ng_events


def test_lexicon_loads_with_known_types() -> None:
    plover = {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
        "OTHER",
    }
    table = trigger_table()
    assert {t.type for entries in table.values() for t in entries} <= plover
    assert "say" not in table and "tell" not in table  # bare statements are not events
    # multiword entries are tried before the plain lemma
    assert table["warrant"][0].children == ("arrest",)
    assert table["strike"][0].children  # "air strike" etc. before the bare "strike"
    # the lexicon at a glance: lemma or phrase -> (type, category)
    assert triggers()["arrest warrant"] == ("ACCUSE", None)
    assert triggers()["sign"] == ("SUPPORT", "AGREEMENT")


def test_arrest_warrant_is_accuse_with_light_verb_subject_as_actor() -> None:
    doc = hand_doc(
        ["The", "ICC", "issued", "an", "arrest", "warrant", "for", "Shoigu", "."],
        heads=[1, 2, 2, 5, 5, 2, 5, 6, 2],
        deps=["det", "nsubj", "ROOT", "det", "compound", "dobj", "prep", "pobj", "punct"],
        pos=["DET", "PROPN", "VERB", "DET", "NOUN", "NOUN", "ADP", "PROPN", "PUNCT"],
        lemmas=["the", "ICC", "issue", "an", "arrest", "warrant", "for", "Shoigu", "."],
    )
    _entities(doc, {"E1": ("ORG", [1]), "E2": ("PERSON", [7])})
    events = _run(doc)
    assert [(e.type, e.trigger.text, e.actor, e.target) for e in events] == [
        ("ACCUSE", "arrest warrant", "E1", "E2")
    ]  # and no COERCE for "arrest" inside the compound
    assert events[0].modality == "asserted" and not events[0].negated


def test_passive_signing_takes_both_coordinated_parties() -> None:
    doc = hand_doc(
        ["The", "treaty", "was", "signed", "by", "Kim", "and", "Putin", "."],
        heads=[1, 3, 3, 3, 3, 4, 5, 5, 3],
        deps=["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj", "cc", "conj", "punct"],
        pos=["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "CCONJ", "PROPN", "PUNCT"],
        lemmas=["the", "treaty", "be", "sign", "by", "Kim", "and", "Putin", "."],
    )
    _entities(doc, {"E1": ("PERSON", [5]), "E2": ("PERSON", [7])})
    (event,) = _run(doc)
    assert (event.type, event.actor, event.target) == ("SUPPORT", "E1", "E2")


def test_passive_verb_in_coordination_takes_the_shared_subject_as_target() -> None:
    doc = hand_doc(
        ["Putin", "landed", "and", "was", "met", "by", "Kim", "."],
        heads=[1, 1, 1, 4, 1, 4, 5, 1],
        deps=["nsubj", "ROOT", "cc", "auxpass", "conj", "agent", "pobj", "punct"],
        pos=["PROPN", "VERB", "CCONJ", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
        lemmas=["Putin", "land", "and", "be", "meet", "by", "Kim", "."],
    )
    _entities(doc, {"E1": ("PERSON", [0]), "E2": ("PERSON", [6])})
    met = next(e for e in _run(doc) if e.trigger.text == "met")
    assert (met.type, met.actor, met.target) == ("CONSULT", "E2", "E1")


def test_future_aid_is_agree() -> None:
    doc = hand_doc(
        ["Tokyo", "will", "send", "aid", "."],
        heads=[2, 2, 2, 2, 2],
        deps=["nsubj", "aux", "ROOT", "dobj", "punct"],
        pos=["PROPN", "AUX", "VERB", "NOUN", "PUNCT"],
        lemmas=["Tokyo", "will", "send", "aid", "."],
    )
    _entities(doc, {"E1": ("GPE", [0])})
    (event,) = _run(doc)
    assert (event.type, event.modality, event.actor) == ("AGREE", "future", "E1")


def test_send_without_aid_object_is_no_event() -> None:
    doc = hand_doc(
        ["Tokyo", "sent", "a", "letter", "."],
        heads=[1, 1, 3, 1, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "punct"],
        pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
        lemmas=["Tokyo", "send", "a", "letter", "."],
    )
    assert find_events(doc) == []


def test_refused_to_meet_is_one_reject() -> None:
    doc = hand_doc(
        ["The", "minister", "refused", "to", "meet", "the", "envoy", "."],
        heads=[1, 2, 2, 4, 2, 6, 4, 2],
        deps=["det", "nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "punct"],
        pos=["DET", "NOUN", "VERB", "PART", "VERB", "DET", "NOUN", "PUNCT"],
        lemmas=["the", "minister", "refuse", "to", "meet", "the", "envoy", "."],
    )
    assert [r.event.type for r in find_events(doc)] == ["REJECT"]


def test_negated_fighting() -> None:
    doc = hand_doc(
        ["Fighting", "has", "not", "resumed", "."],
        heads=[3, 3, 3, 3, 3],
        deps=["nsubj", "aux", "neg", "ROOT", "punct"],
        pos=["NOUN", "AUX", "PART", "VERB", "PUNCT"],
        lemmas=["fighting", "have", "not", "resume", "."],
    )
    (raw,) = find_events(doc)
    assert raw.event.type == "ASSAULT" and raw.event.negated


def test_relayed_action_is_coded_with_its_claim() -> None:
    doc = hand_doc(
        ["Officials", "said", "rebels", "shelled", "the", "town", "."],
        heads=[1, 1, 3, 1, 5, 3, 1],
        deps=["nsubj", "ROOT", "nsubj", "ccomp", "det", "dobj", "punct"],
        pos=["NOUN", "VERB", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
        lemmas=["official", "say", "rebel", "shell", "the", "town", "."],
    )
    content = doc[2:6]
    doc._.ng_claims = [
        Claim(
            source=ClaimSource(0, 9, "Officials"),
            cue=Span(10, 14, "said"),
            content=Span(content.start_char, content.end_char, content.text),
        )
    ]
    events = _run(doc)
    assert [(e.type, e.trigger.text, e.claim, e.modality) for e in events] == [
        ("ASSAULT", "shelled", 0, "reported")
    ]
    assert events[0].category == "ART_MISS_ATTACK"
    assert doc._.ng_category == "ART_MISS_ATTACK"


def test_lead_is_the_first_sentences() -> None:
    words = ["One", ".", "Two", ".", "Three", ".", "Four", "."]
    doc = hand_doc(words, heads=[0, 0, 2, 2, 4, 4, 6, 6], deps=["ROOT", "punct"] * 4)
    assert lead_text(doc) == "One . Two . Three ."


@pytest.mark.model
def test_seed_events_all_found(nlp) -> None:  # type: ignore[no-untyped-def]
    import json

    from newsgraph.eval.seed import score_article
    from newsgraph.extract import extract_doc
    from newsgraph.ingest import read_any
    from newsgraph.nlp import make_doc

    article = next(iter(read_any([SEED])))
    doc = nlp(make_doc(nlp, article.text, article.published))
    gold = json.loads(SEED.with_name(SEED.name.replace(".txt", ".gold.json")).read_text())
    found = score_article(extract_doc(doc, article), gold, article.text)["events"]
    assert [row["item"] for row in found if not row["found"]] == []
    events = doc._.ng_events
    assert [e.salience for e in events] == sorted((e.salience for e in events), reverse=True)
    assert doc._.ng_category == events[0].category
    # speech verbs are not events
    assert not {e.trigger.text.lower() for e in events} & {"reported", "told", "said", "described"}


@pytest.mark.model
def test_model_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp import make_doc

    def types(text: str) -> list[tuple[str, str]]:
        doc = nlp(make_doc(nlp, text, "2024-03-01"))
        return sorted((e.type, e.trigger.text) for e in doc._.ng_events)

    assert ("AGREE", "agreed") in types("Kenya and Ethiopia agreed to hold border talks.")
    assert ("CONSULT", "talks") not in types("Kenya and Ethiopia agreed to hold border talks.")
    assert ("COERCE", "detained") in types("Police detained 40 activists in the capital on Monday.")
    # a bare statement is no event; the relayed action is
    assert "said" not in {trig for _, trig in types("The minister said the economy was growing.")}
    assert types("Officials said rebels shelled the town overnight.") == [("ASSAULT", "shelled")]


def test_going_on_strike_is_protest_but_a_strike_on_a_town_is_assault() -> None:
    doc = hand_doc(
        ["Teachers", "went", "on", "strike", "."],
        heads=[1, 1, 1, 2, 1],
        deps=["nsubj", "ROOT", "prep", "pobj", "punct"],
        pos=["NOUN", "VERB", "ADP", "NOUN", "PUNCT"],
        lemmas=["teacher", "go", "on", "strike", "."],
    )
    assert [r.event.type for r in find_events(doc)] == ["PROTEST"]
    doc = hand_doc(
        ["The", "strike", "on", "the", "town", "killed", "nine", "."],
        heads=[1, 5, 1, 4, 2, 5, 5, 5],
        deps=["det", "nsubj", "prep", "det", "pobj", "ROOT", "dobj", "punct"],
        pos=["DET", "NOUN", "ADP", "DET", "NOUN", "VERB", "NUM", "PUNCT"],
        lemmas=["the", "strike", "on", "the", "town", "kill", "nine", "."],
    )
    assert sorted(r.event.type for r in find_events(doc)) == ["ASSAULT", "ASSAULT"]


def test_a_month_is_no_march_and_released_photographs_no_release() -> None:
    # "Police held protesters in March 2023 and released photographs.": "March" is part of a time,
    # and releasing photographs is publishing, not letting people or property go
    doc = hand_doc(
        ["Police", "held", "protesters", "in", "March", "2023", "and", "released", "photographs", "."],
        heads=[1, 1, 1, 1, 3, 4, 1, 1, 7, 1],
        deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "nummod", "cc", "conj", "dobj", "punct"],
        pos=["NOUN", "VERB", "NOUN", "ADP", "PROPN", "NUM", "CCONJ", "VERB", "NOUN", "PUNCT"],
        tags=["NNS", "VBD", "NNS", "IN", "NNP", "CD", "CC", "VBD", "NNS", "."],
        lemmas=["police", "hold", "protester", "in", "march", "2023", "and", "release", "photograph", "."],
        published="2024-06-25",
    )
    TimexTagger(None, "ng_timex")(doc)  # type: ignore[arg-type]
    assert [t.text for t in doc._.ng_timexes] == ["March 2023"]
    assert [r.event.trigger.text for r in find_events(doc)] == []
