"""Within-article coreference: pronouns, relative pronouns and descriptions to entities."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.model import Entity
from newsgraph.nlp import make_doc
from newsgraph.nlp.coref import resolve
from tests.conftest import hand_doc


def _resolved(nlp: Language, text: str) -> dict[str, str]:
    """Surface word (lowercase) at each resolved token -> entity name (the last one wins)."""
    doc = nlp(make_doc(nlp, text, "2025-06-05"))
    names = {e.id: e.name for e in doc._.ng_entities}
    te = doc._.ng_token_entity
    return {doc[i].lower_ + f"@{i}": names[eid] for i, eid in te.items() if doc[i].ent_type_ == ""}


def test_hand_built_pronoun_goes_to_the_previous_subject() -> None:
    words = ["Kim", "met", "Shoigu", ".", "He", "spoke", "."]
    doc = hand_doc(
        words,
        heads=[1, 1, 1, 1, 5, 5, 5],
        deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"],
        tags=["NNP", "VBD", "NNP", ".", "PRP", "VBD", "."],
        ents=["B-PERSON", "O", "B-PERSON", "O", "O", "O", "O"],
    )
    # the names as ng_entities leaves them (set by hand: this test is about coref only)
    doc._.ng_entities = [Entity("E1", "Kim", "PERSON"), Entity("E2", "Shoigu", "PERSON")]
    doc._.ng_token_entity = {0: "E1", 2: "E2"}
    assert resolve(doc) == {4: "E1"}


@pytest.mark.model
def test_he_prefers_the_subject_of_the_previous_sentence(nlp: Language) -> None:
    r = _resolved(nlp, "Kim Jong Un told Sergei Shoigu about the plan. He also praised the treaty.")
    assert [v for k, v in r.items() if k.startswith("he@")] == ["Kim Jong Un"]


@pytest.mark.model
def test_she_skips_a_man(nlp: Language) -> None:
    text = "Mr. John Carter met Ms. Anna Weber in Berlin. He spoke first. Later she answered him."
    r = _resolved(nlp, text)
    assert [v for k, v in r.items() if k.startswith("she@")] == ["Anna Weber"]
    assert [v for k, v in r.items() if k.startswith("he@")] == ["John Carter"]


@pytest.mark.model
def test_the_agency_goes_to_the_described_organisation(nlp: Language) -> None:
    text = (
        "North Korean state news agency KCNA published the text on Thursday. The agency said talks went well."
    )
    r = _resolved(nlp, text)
    # the entity of "KCNA" (its canonical name is the expanded one when the gazetteer knows it)
    assert [v for k, v in r.items() if k.startswith("agency@")] in (["KCNA"], ["Korean Central News Agency"])


@pytest.mark.model
def test_it_goes_to_an_organisation(nlp: Language) -> None:
    r = _resolved(nlp, "The International Criminal Court issued a warrant. It cited war crimes.")
    assert [v for k, v in r.items() if k.startswith("it@")] == ["International Criminal Court"]


@pytest.mark.model
def test_relative_pronoun(nlp: Language) -> None:
    r = _resolved(nlp, "Sergei Shoigu, who served as defense minister, now leads the council.")
    assert [v for k, v in r.items() if k.startswith("who@")] == ["Sergei Shoigu"]


def test_a_description_holding_a_name_of_its_type_is_that_name() -> None:
    # "The court met. The KCNA news agency reported.": the agency is KCNA, not the court before it
    words = ["The", "court", "met", ".", "The", "KCNA", "news", "agency", "reported", "."]
    doc = hand_doc(
        words,
        heads=[1, 2, 2, 2, 7, 7, 7, 8, 8, 8],
        deps=["det", "nsubj", "ROOT", "punct", "det", "compound", "compound", "nsubj", "ROOT", "punct"],
        pos=["DET", "NOUN", "VERB", "PUNCT", "DET", "PROPN", "NOUN", "NOUN", "VERB", "PUNCT"],
        tags=["DT", "NN", "VBD", ".", "DT", "NNP", "NN", "NN", "VBD", "."],
        lemmas=["the", "court", "meet", ".", "the", "KCNA", "news", "agency", "report", "."],
        ents=["O", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O"],
    )
    doc._.ng_entities = [Entity("E1", "International Criminal Court", "ORG"), Entity("E2", "KCNA", "ORG")]
    doc._.ng_token_entity = {1: "E1", 5: "E2"}
    got = resolve(doc)
    assert got[7] == "E2" and got[4] == "E2"
