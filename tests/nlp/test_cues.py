"""Cue data files, quotation regions and dependency paths (``newsgraph.nlp.cues``)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import make_doc
from newsgraph.nlp.claims import candidate_lemmas
from newsgraph.nlp.cues import (
    UNSEEN,
    _paths,
    cue_features,
    cue_lexicon,
    cue_score,
    follow,
    quote_regions,
    weights,
)
from tests.conftest import hand_doc


def test_data_files_load() -> None:
    w, _bias, _threshold = weights()
    assert len(w) > 1000
    assert {"say", "tell", "accord", "report"} <= candidate_lemmas()
    assert "reportedly" in cue_lexicon()["sourceless"]
    assert "deny" in cue_lexicon()["negating"]


def test_quote_regions_pair_curly_and_straight_quotes() -> None:
    words = ["“", "We", "won", ",", "”", "he", "said", ".", '"', "It", "is", "over", '"']
    doc = hand_doc(words)
    assert quote_regions(doc) == [(0, 5), (8, 13)]


def test_paths_exist_for_say() -> None:
    # the decision lists are keyed by lemma or part of speech; "say" has its own
    table = _paths()
    assert ("say", "source") in table and ("say", "content") in table
    assert table[("say", "source")][0] == ((False, "nsubj"),)


def test_follow_goes_up_and_down() -> None:
    doc = hand_doc(
        ["Kim", "said", "talks", "went", "well"],
        heads=[1, 1, 3, 1, 3],
        deps=["nsubj", "ROOT", "nsubj", "ccomp", "advmod"],
    )
    assert follow(doc[1], ((False, "nsubj"),)) == doc[0]
    assert follow(doc[1], ((False, "ccomp"), (False, "nsubj"))) == doc[2]
    assert follow(doc[3], ((True, "ccomp"), (False, "nsubj"))) == doc[0]
    assert follow(doc[1], ((False, "dobj"),)) is None


def test_lexical_features_come_with_a_part_of_speech_backoff() -> None:
    # "Kim implored that talks resume": every lemma feature is doubled by its "*VERB" class
    doc = hand_doc(
        ["Kim", "implored", "that", "talks", "resume"],
        heads=[1, 1, 4, 4, 1],
        deps=["nsubj", "ROOT", "mark", "nsubj", "ccomp"],
        pos=["PROPN", "VERB", "SCONJ", "NOUN", "VERB"],
        lemmas=["Kim", "implore", "that", "talk", "resume"],
    )
    feats = cue_features(doc[1], False)
    assert "implore|f|VERB|ccomp" in feats and "*VERB|f|VERB|ccomp" in feats
    assert "implore|cm|that" in feats and "*VERB|cm|that" in feats
    assert "pf=VERB|ccomp" in feats and "sl=kim" in feats
    lexical = [f for f in feats if f.startswith("implore|")]
    assert len(lexical) == len([f for f in feats if f.startswith("*VERB|")])
    # a rare verb is classified under UNSEEN and keeps the same back-off features
    unseen = cue_features(doc[1], False, UNSEEN)
    assert "<unseen>|f|VERB|ccomp" in unseen and "*VERB|f|VERB|ccomp" in unseen


@pytest.mark.model
def test_said_scores_above_an_ordinary_verb(nlp: Language) -> None:
    doc = nlp(make_doc(nlp, "The minister said the army walked ten miles."))
    said, walked = doc[2], doc[5]
    assert cue_score(said, False) > 0 > cue_score(walked, False)
