"""ng_mentions (span repair) and ng_entities (canonical entities, kb codes, roles)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import make_doc
from newsgraph.nlp.entities import EntityResolver
from newsgraph.nlp.mentions import MentionFixer, _starts_a_key
from tests.conftest import SEED, hand_doc


def _fix(doc):  # type: ignore[no-untyped-def]
    return MentionFixer(None, "ng_mentions")(doc)  # type: ignore[arg-type]


def _resolve(doc):  # type: ignore[no-untyped-def]
    return EntityResolver(None, "ng_entities")(doc)  # type: ignore[arg-type]


def _ents(doc) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(e.text, e.label_) for e in doc.ents]


# -- ng_mentions: boundaries, gazetteers, patterns (hand-built Docs) ----------


def test_leading_article_and_trailing_possessive_are_trimmed() -> None:
    words = ["the", "Russian", "Security", "Council", "'s", "readout"]
    doc = hand_doc(
        words,
        ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"],
        tags=["DT", "JJ", "NNP", "NNP", "POS", "NN"],
    )
    assert _ents(_fix(doc)) == [("Russian Security Council", "ORG")]


def test_numbers_and_line_breaks_are_cut_from_names() -> None:
    words = ["Durham", "114", "and", "Major", "League", "\n", "Baseball"]
    ents = ["B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG"]
    doc = hand_doc(words, ents=ents, spaces=[True, True, True, True, False, False, False])
    got = _ents(_fix(doc))
    assert ("Durham", "PERSON") in got or ("Durham", "GPE") in got
    assert ("Major League", "ORG") in got
    assert all("114" not in t and "\n" not in t for t, _ in got)


def test_gazetteer_relabels_subnational_places_and_finds_demonyms() -> None:
    words = ["North", "Korean", "troops", "in", "Russia", "'s", "Kursk", "Oblast", "and", "Kursk", "."]
    ents = ["O", "O", "O", "O", "B-GPE", "O", "B-ORG", "I-ORG", "O", "B-PRODUCT", "O"]
    doc = _fix(hand_doc(words, ents=ents))
    assert _ents(doc) == [
        ("North Korean", "NORP"),
        ("Russia", "GPE"),
        ("Kursk Oblast", "GPE"),
        ("Kursk", "GPE"),
    ]


def test_dateline_in_capitals_is_a_place() -> None:
    words = ["BELGRADE", "1996-08-30", "\n", "Police", "said", "."]
    ents = ["B-ORG", "B-DATE", "O", "O", "O", "O"]
    doc = _fix(hand_doc(words, ents=ents, spaces=[True, False, False, True, False, False]))
    assert ("BELGRADE", "GPE") in _ents(doc)


def test_given_name_and_initial_make_people() -> None:
    words = ["Mihai", "Tararache", "beat", "D.", "Fleming", "."]
    doc = _fix(hand_doc(words, ents=["B-ORG", "I-ORG", "O", "O", "O", "O"]))
    assert _ents(doc) == [("Mihai Tararache", "PERSON"), ("D. Fleming", "PERSON")]


def test_surname_alone_takes_the_full_names_label() -> None:
    words = ["Alexander", "Lebed", "arrived", ".", "Lebed", "said", "Lebed", "was", "ready", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "O", "O", "O", "O", "O"]
    doc = _fix(hand_doc(words, ents=ents))
    assert _ents(doc) == [("Alexander Lebed", "PERSON"), ("Lebed", "PERSON"), ("Lebed", "PERSON")]


def test_a_persons_name_ending_in_a_facility_word_is_the_facility() -> None:
    words = ["Kim", "Jong", "Un", "was", "welcomed", "on", "Kim", "Il", "Sung", "Square", "by", "Kim", "."]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON",
            "O", "B-PERSON", "O"]  # fmt: skip
    doc = _resolve(_fix(hand_doc(words, ents=ents)))
    assert _ents(doc) == [("Kim Jong Un", "PERSON"), ("Kim Il Sung Square", "FAC"), ("Kim", "PERSON")]
    kim = next(e for e in doc._.ng_entities if e.name == "Kim Jong Un")
    assert [m.text for m in kim.mentions] == ["Kim Jong Un", "Kim"]  # not the square


def test_abbreviation_in_brackets_and_treaty_pattern() -> None:
    words = ["The", "International", "Criminal", "Court", "(", "ICC", ")", "and", "the", "2024",
             "Comprehensive", "Strategic", "Partnership", "Agreement", "."]  # fmt: skip
    ents = ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O", "O", "B-DATE", "O", "O", "O", "O", "O"]
    doc = _fix(hand_doc(words, ents=ents))
    got = _ents(doc)
    assert ("International Criminal Court", "ORG") in got
    assert ("ICC", "ORG") in got
    assert ("Comprehensive Strategic Partnership Agreement", "LAW") in got
    assert ("2024", "DATE") in got


def test_sports_report_teams_are_organisations_but_venues_stay_places() -> None:
    words = ["BASEBALL", "-", "RESULTS", "\n", "Chicago", "beat", "Houston", "5-3", "in", "Boston", "."]
    ents = ["O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "B-GPE", "O"]
    spaces = [True, True, False, False, True, True, True, True, True, False, False]
    doc = _fix(hand_doc(words, ents=ents, spaces=spaces))
    assert _ents(doc) == [("Chicago", "ORG"), ("Houston", "ORG"), ("Boston", "GPE")]


def test_the_same_places_are_not_teams_outside_sport() -> None:
    words = ["Police", "in", "Chicago", "and", "Houston", "said", "."]
    ents = ["O", "O", "B-GPE", "O", "B-GPE", "O", "O"]
    assert _ents(_fix(hand_doc(words, ents=ents))) == [("Chicago", "GPE"), ("Houston", "GPE")]


def test_common_capitalised_words_in_headlines_are_not_countries() -> None:
    words = ["TELL", "US", "WHO", "WON", "\n", "The", "US", "team", "."]
    spaces = [True, True, True, False, False, True, True, False, False]
    got = _ents(_fix(hand_doc(words, spaces=spaces)))
    assert got == [("US", "GPE")]
    assert _fix(hand_doc(words, spaces=spaces)).ents[0].start == 6


# -- ng_entities: grouping, kb, aliases, roles (hand-built Docs) ---------------


def test_short_names_demonyms_and_capitals_join_their_entities() -> None:
    words = ["North", "Korean", "leader", "Kim", "Jong", "Un", "met", "Sergei", "Shoigu", "in", "Pyongyang",
             ".", "Kim", "told", "Shoigu", "that", "North", "Korea", "backs", "Moscow", "."]  # fmt: skip
    ents = ["B-NORP", "I-NORP", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O",
            "B-GPE", "O", "B-PERSON", "O", "B-PERSON", "O", "B-GPE", "I-GPE", "O", "B-GPE", "O"]  # fmt: skip
    doc = _resolve(hand_doc(words, ents=ents))
    by_name = {e.name: e for e in doc._.ng_entities}
    assert set(by_name) == {"North Korea", "Kim Jong Un", "Sergei Shoigu", "Russia"}
    nk = by_name["North Korea"]
    assert nk.kb == {"iso": "KP"} and nk.type == "GPE"
    assert {(m.text, m.label) for m in nk.mentions} == {
        ("North Korean", "NORP"),
        ("Pyongyang", "GPE"),
        ("North Korea", "GPE"),
    }
    assert by_name["Kim Jong Un"].aliases == ("Kim",)
    assert len(by_name["Sergei Shoigu"].mentions) == 2
    assert by_name["Russia"].aliases == ("Moscow",) and by_name["Russia"].kb == {"iso": "RU"}
    # every name token points at its entity
    assert doc._.ng_token_entity[12] == by_name["Kim Jong Un"].id
    assert doc._.ng_token_entity[16] == doc._.ng_token_entity[0] == nk.id


def test_title_before_a_name_is_a_role_with_its_organisation() -> None:
    words = ["Russian", "President", "Vladimir", "Putin", "and", "President", "Volodymyr", "Zelensky", "."]
    ents = ["B-NORP", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON", "O"]
    doc = _resolve(hand_doc(words, ents=ents))
    by_name = {e.name: e for e in doc._.ng_entities}
    (putin,) = by_name["Vladimir Putin"].roles
    assert putin.title == "President" and putin.org == by_name["Russia"].id
    assert putin.evidence is not None and putin.evidence.text == "Russian President Vladimir Putin"
    (zelensky,) = by_name["Volodymyr Zelensky"].roles
    assert zelensky.title == "President" and zelensky.org is None


def test_served_as_until_gives_the_end_of_a_role() -> None:
    words = ["Shoigu", ",", "who", "served", "as", "Russia", "'s", "defense", "minister", "until", "his",
             "dismissal", "in", "May", "2024", ",", "left", "."]  # fmt: skip
    tags = ["NNP", ",", "WP", "VBD", "IN", "NNP", "POS", "NN", "NN", "IN", "PRP$", "NN", "IN", "NNP", "CD",
            ",", "VBD", "."]  # fmt: skip
    ents = ["B-PERSON", "O", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "O", "O", "O", "B-DATE", "I-DATE",
            "O", "O", "O"]  # fmt: skip
    doc = _resolve(hand_doc(words, ents=ents, tags=tags, published="2025-06-05"))
    by_name = {e.name: e for e in doc._.ng_entities}
    (role,) = by_name["Shoigu"].roles
    assert (role.title, role.org, role.until, role.from_) == (
        "defense minister",
        by_name["Russia"].id,
        "2024-05",
        None,
    )


def test_nominal_treaty_mentions_join_the_named_treaty() -> None:
    words = ["the", "Partnership", "Agreement", "was", "signed", ".", "That", "treaty", "binds", ".", "The",
             "pact", "holds", "."]  # fmt: skip
    ents = ["O", "B-LAW", "I-LAW", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O"]
    doc = _resolve(hand_doc(words, ents=ents))
    (law,) = doc._.ng_entities
    assert law.name == "Partnership Agreement"
    assert [m.text for m in law.mentions] == ["Partnership Agreement", "That treaty", "The pact"]
    assert set(law.aliases) == {"treaty", "pact"}


def test_abbreviation_joins_its_long_name() -> None:
    words = ["The", "International", "Criminal", "Court", "(", "ICC", ")", "acted", ".", "The", "ICC", "said"]
    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "O", "O", "O", "O", "B-ORG", "O"]
    (icc,) = _resolve(hand_doc(words, ents=ents))._.ng_entities
    assert icc.name == "International Criminal Court" and icc.aliases == ("ICC",) and len(icc.mentions) == 3


# -- the full pipeline on the seed article ------------------------------------


@pytest.fixture(scope="module")
def seed_doc(nlp: Language):  # type: ignore[no-untyped-def]
    text = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    return nlp(make_doc(nlp, text, "2025-06-05"))


@pytest.mark.model
def test_seed_entities_are_all_found(seed_doc) -> None:  # type: ignore[no-untyped-def]
    import json

    gold = json.loads(SEED.with_name(SEED.stem + ".gold.json").read_text(encoding="utf-8"))
    found = seed_doc._.ng_entities

    def names(e):  # type: ignore[no-untyped-def]
        return {e.name.lower(), *(a.lower() for a in e.aliases)}

    for g in gold["entities"]:
        wanted = {g["name"].lower(), *(a.lower() for a in g["aliases"])}
        match = [
            e
            for e in found
            if any(w in n or n in w for w in wanted for n in names(e)) and e.type == g["type"]
        ]
        assert match, g["name"]
        if "iso" in g:
            assert any(e.kb == {"iso": g["iso"]} for e in match), g["name"]


@pytest.mark.model
def test_seed_roles_are_all_found(seed_doc) -> None:  # type: ignore[no-untyped-def]
    import json

    gold = json.loads(SEED.with_name(SEED.stem + ".gold.json").read_text(encoding="utf-8"))
    by_id = {e.id: e for e in seed_doc._.ng_entities}
    for g in gold["roles"]:
        person = next(e for e in seed_doc._.ng_entities if e.name == g["person"])
        roles = [r for r in person.roles if g["title"].lower() in r.title.lower()]
        assert roles, (g["person"], g["title"])
        role = roles[0]
        if g.get("org"):
            assert role.org is not None and g["org"] in {by_id[role.org].name, *by_id[role.org].aliases}
        else:
            assert role.org is None
        assert role.until == g.get("until")


@pytest.mark.model
def test_seed_mentions_keep_their_own_labels(seed_doc) -> None:  # type: ignore[no-untyped-def]
    nk = next(e for e in seed_doc._.ng_entities if e.name == "North Korea")
    labels = {(m.text, m.label) for m in nk.mentions}
    assert ("North Korean", "NORP") in labels and ("Pyongyang", "GPE") in labels
    assert not any(e.text.startswith(("the ", "The ")) or e.text.endswith("'s") for e in seed_doc.ents)
    kursk = next(e for e in seed_doc._.ng_entities if e.name == "Kursk Oblast")
    assert kursk.type == "GPE" and all(m.label == "GPE" for m in kursk.mentions)


def test_initials_of_a_country_are_not_a_persons_initials() -> None:
    words = ["The", "U.S.", "Embassy", "and", "J.", "Smith", "."]
    doc = _fix(hand_doc(words, ents=["O", "B-GPE", "O", "O", "O", "O", "O"]))
    assert _ents(doc) == [("U.S.", "GPE"), ("J. Smith", "PERSON")]


def test_a_name_wrapped_before_its_corporate_designator_stays_whole() -> None:
    words = ["said", "AMR", "\n", "Corp", "ordered", "."]
    spaces = [True, False, False, True, False, False]
    doc = _fix(hand_doc(words, ents=["O", "B-ORG", "I-ORG", "I-ORG", "O", "O"], spaces=spaces))
    assert _ents(doc) == [("AMR\nCorp", "ORG")]


def test_teams_in_results_rows_competitors_and_events() -> None:
    words = ["SOCCER", "-", "RESULTS", "\n", "Tranmere", "2", "Gillingham", "1", "\n",
             "Anne-Gaelle", "Sidot", "(", "France", ")", "won", "the", "Fed", "Cup", "."]  # fmt: skip
    ents = ["O"] * 16 + ["B-ORG", "I-ORG", "O"]
    spaces = [True, True, False, False, True, True, True, False, False,
              True, True, True, True, True, True, True, True, False, False]  # fmt: skip
    got = _ents(_fix(hand_doc(words, ents=ents, spaces=spaces)))
    assert ("Tranmere", "ORG") in got and ("Gillingham", "ORG") in got
    assert ("Anne-Gaelle Sidot", "PERSON") in got and ("France", "GPE") in got
    assert ("Fed Cup", "EVENT") in got


def test_corporate_short_name_and_family_name_first() -> None:
    words = [
        "Magna",
        "International",
        "Inc",
        "bid",
        ".",
        "Wang",
        "Dan",
        "said",
        "Magna",
        "and",
        "Wang",
        "met",
        ".",
    ]
    ents = [
        "B-ORG",
        "I-ORG",
        "I-ORG",
        "O",
        "O",
        "B-PERSON",
        "I-PERSON",
        "O",
        "B-PERSON",
        "O",
        "B-ORG",
        "O",
        "O",
    ]
    got = _ents(_fix(hand_doc(words, ents=ents)))
    assert got == [
        ("Magna International Inc", "ORG"),
        ("Wang Dan", "PERSON"),
        ("Magna", "ORG"),
        ("Wang", "PERSON"),
    ]


def test_apposition_and_titles_with_of_are_roles() -> None:
    words = ["Sergei", "Lavrov", ",", "Russia", "'s", "foreign", "minister", ",", "met", "Secretary", "of",
             "State", "Antony", "Blinken", "."]  # fmt: skip
    tags = ["NNP", "NNP", ",", "NNP", "POS", "JJ", "NN", ",", "VBD", "NNP", "IN", "NNP", "NNP", "NNP", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O", "O", "O", "O", "O", "O", "O", "B-PERSON",
            "I-PERSON", "O"]  # fmt: skip
    doc = _resolve(hand_doc(words, ents=ents, tags=tags))
    by_name = {e.name: e for e in doc._.ng_entities}
    (lavrov,) = by_name["Sergei Lavrov"].roles
    assert (lavrov.title, lavrov.org) == ("foreign minister", by_name["Russia"].id)
    (blinken,) = by_name["Antony Blinken"].roles
    assert (blinken.title, blinken.org) == ("Secretary of State", None)


def test_event_names_take_their_head_word() -> None:
    words = ["SQUASH", "-", "HONG", "KONG", "OPEN", "SEMIFINAL", "RESULTS", "\n", "He", "won", "the", "U.S.",
             "Open", "in", "Tavildara", "."]  # fmt: skip
    ents = ["O", "O", "B-GPE", "I-GPE", "I-GPE", "I-GPE", "I-GPE", "O", "O", "O", "O", "B-GPE", "O", "O",
            "B-PERSON", "O"]  # fmt: skip
    spaces = [
        True,
        True,
        True,
        True,
        True,
        True,
        False,
        False,
        True,
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]
    got = _ents(_fix(hand_doc(words, ents=ents, spaces=spaces)))
    assert got == [("HONG KONG OPEN", "EVENT"), ("U.S. Open", "EVENT"), ("Tavildara", "GPE")]


def test_a_key_prefix_is_found_among_sorted_keys() -> None:
    keys = sorted(["aug/sept", "kim jong un", "new york"])
    assert _starts_a_key(keys, "aug")  # "Aug" + "/Sept": one word of the key, two tokens
    assert _starts_a_key(keys, "kim jong")
    assert not _starts_a_key(keys, "jong")
    assert not _starts_a_key(keys, "zz")
    assert _starts_a_key(keys, "")
