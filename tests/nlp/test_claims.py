"""Attributions: source, cue, content, direct quotes, hedges, negation, nesting, source entities."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.model import Claim
from newsgraph.nlp import make_doc
from newsgraph.nlp.claims import claim_containing
from tests.conftest import SEED, hand_doc


def _claims(nlp: Language, text: str) -> tuple[list[Claim], dict[str, str]]:
    doc = nlp(make_doc(nlp, text, "2025-06-05"))
    return list(doc._.ng_claims), {e.id: e.name for e in doc._.ng_entities}


def _by_cue(claims: list[Claim], cue: str) -> Claim:
    found = [c for c in claims if c.cue.text.lower() == cue.lower()]
    assert found, [c.cue.text for c in claims]
    return found[0]


def test_claim_containing_picks_the_innermost_content() -> None:
    doc = hand_doc(["A", "said", "B", "told", "C", "that", "D", "left"])
    from newsgraph.model import Span

    def claim(cue: tuple[int, int], content: tuple[int, int]) -> Claim:
        return Claim(None, Span(*cue, "x"), Span(*content, "x"))

    doc._.ng_claims = [claim((2, 6), (7, 30)), claim((11, 15), (23, 30))]
    assert claim_containing(doc, 25, 29) == 1
    assert claim_containing(doc, 8, 10) == 0
    assert claim_containing(doc, 0, 1) is None


@pytest.mark.model
def test_indirect_speech_with_entity_source(nlp: Language) -> None:
    claims, ents = _claims(
        nlp, "Ukrainian President Volodymyr Zelensky said that Russia had lost 4,000 soldiers."
    )
    c = _by_cue(claims, "said")
    assert c.source is not None and ents[c.source.entity] == "Volodymyr Zelensky"
    assert "Russia had lost 4,000 soldiers" in c.content.text
    assert not c.direct


@pytest.mark.model
def test_told_with_quote_and_reportedly(nlp: Language) -> None:
    text = (
        'Kim Jong Un met Sergei Shoigu. Kim reportedly told Shoigu that North Korea "supports Russia fully."'
    )
    claims, ents = _claims(nlp, text)
    c = _by_cue(claims, "told")
    assert ents[c.source.entity] == "Kim Jong Un"
    assert "supports Russia fully" in c.content.text
    assert c.direct
    assert "reportedly" in c.hedges


@pytest.mark.model
def test_split_curly_quote_around_said_is_one_content(nlp: Language) -> None:
    text = "“We will not give up our land,” the minister said. “Not one village, not one field.”"
    claims, _ = _claims(nlp, text)
    c = _by_cue(claims, "said")
    assert c.direct
    assert "We will not give up our land" in c.content.text
    assert "Not one village" in c.content.text
    assert c.source is not None and "minister" in c.source.text


@pytest.mark.model
def test_multi_sentence_quote_before_the_cue(nlp: Language) -> None:
    text = 'Maria Lopez spoke on Monday. "The water is gone. The crops are gone. We have nothing left," Lopez said.'
    claims, ents = _claims(nlp, text)
    c = _by_cue(claims, "said")
    assert "The water is gone" in c.content.text and "nothing left" in c.content.text
    assert ents[c.source.entity] == "Maria Lopez"


@pytest.mark.model
def test_according_to_and_noun_phrase_source(nlp: Language) -> None:
    text = "According to the Russian Security Council's official readout, the two sides discussed the war."
    claims, ents = _claims(nlp, text)
    c = _by_cue(claims, "According to")
    assert c.source is not None and "Russian Security Council" in c.source.text
    assert ents.get(c.source.entity) == "Russian Security Council"
    assert "the two sides discussed the war" in c.content.text


@pytest.mark.model
def test_estimate_hedges(nlp: Language) -> None:
    claims, _ = _claims(nlp, "Officials estimate that up to 12,000 troops have been deployed to the region.")
    c = _by_cue(claims, "estimate")
    assert c.source is not None and c.source.text == "Officials"
    assert "estimate" in c.hedges and "up to" in c.hedges


@pytest.mark.model
def test_denial_is_negated(nlp: Language) -> None:
    claims, _ = _claims(nlp, "The ministry denied that its aircraft had struck the hospital.")
    c = _by_cue(claims, "denied")
    assert c.negated
    assert "aircraft had struck the hospital" in c.content.text


@pytest.mark.model
def test_sourceless_reportedly(nlp: Language) -> None:
    claims, _ = _claims(nlp, "The general reportedly visited the front line last week.")
    c = _by_cue(claims, "reportedly")
    assert c.source is None
    assert "visited the front line" in c.content.text
    assert c.hedges == ("reportedly",)


@pytest.mark.model
def test_nested_claim_has_parent(nlp: Language) -> None:
    text = "The agency reported that Kim told Shoigu that Pyongyang would send more troops."
    claims, _ = _claims(nlp, text)
    outer = _by_cue(claims, "reported")
    inner = _by_cue(claims, "told")
    assert claims[inner.parent] == outer
    assert outer.parent is None
    assert "would send more troops" in inner.content.text


@pytest.mark.model
def test_pronoun_source_resolves(nlp: Language) -> None:
    text = "Kim Jong Un met the delegation on Tuesday. He also emphasized the treaty with Moscow."
    claims, ents = _claims(nlp, text)
    c = _by_cue(claims, "emphasized")
    assert c.source is not None and c.source.text == "He"
    assert ents[c.source.entity] == "Kim Jong Un"


@pytest.mark.model
def test_headline_colon_attribution(nlp: Language) -> None:
    claims, _ = _claims(nlp, "Pence: Flowers Will Not Be at the Debate\n\nThe debate is on Monday.")
    c = _by_cue(claims, ":")
    assert c.source is not None and c.source.text == "Pence"
    assert c.content.text.startswith("Flowers Will Not")


@pytest.mark.model
def test_seed_claims(nlp: Language) -> None:
    """Every claim of the seed gold, with its source entity, hedges and directness."""
    from newsgraph.ingest import read_any

    (article,) = list(read_any([SEED]))
    doc = nlp(make_doc(nlp, article.text, article.published))
    claims = list(doc._.ng_claims)
    ents = {e.id: e for e in doc._.ng_entities}

    def names(c: Claim) -> set[str]:
        if c.source is None:
            return set()
        e = ents.get(c.source.entity or "")
        return {c.source.text.lower()} | ({e.name.lower(), *(a.lower() for a in e.aliases)} if e else set())

    def find(cue: str, content: str) -> Claim:
        for c in claims:
            t = c.content.text.lower()
            if c.cue.text.lower() == cue.lower() and (content.lower() in t or t in content.lower()):
                return c
        raise AssertionError(
            f"no claim {cue!r} {content!r}: {[(c.cue.text, c.content.text) for c in claims]}"
        )

    c = find("reported", "Kim Jong Un reaffirmed his country's full support for Russia's war against Ukraine")
    assert "kcna" in names(c)
    c = find("told", "unconditionally supports the stand of Russia and its foreign policies")
    assert "kim jong un" in names(c) and c.direct and "reportedly" in c.hedges
    c = find("emphasized", "continued commitment to the 2024 Comprehensive Strategic Partnership Agreement")
    assert "kim jong un" in names(c)
    c = find("described", "peaceful and defensive nature")
    assert "kim jong un" in names(c) and c.direct
    c = find("According to", "perpetuating the memory of the feat of Korean soldiers")
    assert any("russian security council" in n for n in names(c))
    c = find("estimate", "up to 12,000 North Korean troops have been deployed to Russia's Kursk Oblast")
    assert "officials" in names(c) and {"estimate", "up to"} <= set(c.hedges)
    c = find("reported", "North Korean forces fighting for Russia had suffered 4,000 casualties")
    assert "volodymyr zelensky" in names(c)


@pytest.mark.model
def test_quote_signed_after_a_dash(nlp: Language) -> None:
    text = (
        "Readers wrote to us.\n“The bridge must be rebuilt before winter.” ― Sonya Herridge\n“Next letter.”"
    )
    claims, _ = _claims(nlp, text)
    c = _by_cue(claims, "―")
    assert c.source is not None and c.source.text == "Sonya Herridge"
    assert "bridge must be rebuilt" in c.content.text and c.direct


@pytest.mark.model
def test_passive_it_is_believed_has_no_source(nlp: Language) -> None:
    claims, _ = _claims(nlp, "It is believed that the convoy crossed the border at night.")
    c = _by_cue(claims, "believed")
    assert c.source is None
    assert "the convoy crossed the border" in c.content.text
    assert "believe" in c.hedges


@pytest.mark.model
def test_said_colon_then_quotation(nlp: Language) -> None:
    text = 'The governor said: "We will rebuild every school. Nobody will be left behind."'
    claims, _ = _claims(nlp, text)
    c = _by_cue(claims, "said")
    assert c.direct
    assert "We will rebuild every school" in c.content.text and "left behind" in c.content.text
