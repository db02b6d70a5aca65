"""The category classifier: cues, features, training, the cache file and the packaged model."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest

from newsgraph.nlp import category as C


def test_categories_are_the_30_case_classes() -> None:
    assert len(C.CATEGORIES) == 30
    assert {"ARMED_CLASH", "DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "OTHER"} <= set(C.CATEGORIES)
    for info in C.categories().values():
        assert info.anchor_type in info.types


def test_every_cue_compiles_and_names_a_category() -> None:
    cues = C.cues()
    assert len(cues) > 40
    assert {c.category for c in cues} <= set(C.CATEGORIES)
    assert len({c.name for c in cues}) == len(cues)


def test_cue_hits_and_negative_parts() -> None:
    hits = {cue.category for cue, _, _ in C.cue_hits("A grenade was thrown at a police patrol.")}
    assert "GRENADE" in hits
    # "stun grenades" at a protest is no grenade attack
    hits = {cue.name for cue, _, _ in C.cue_hits("Police dispersed the protest with stun grenades.")}
    assert "GRENADE#2" not in hits and any(h.startswith("PROTEST_WITH_INTER") for h in hits)
    text = "Floods swept away the bridge."
    _cue, start, end = next(h for h in C.cue_hits(text) if h[0].category == "NATURAL_DISASTER")
    assert text[start:end].lower() == "floods"


def test_features_stem_words_and_mark_cues() -> None:
    f = C.features("Rebels attacked the villages; the attacks continued.")
    assert "w:attack" in f
    assert C._stem("villages") == C._stem("village") and C._stem("shelled") == C._stem("shelling")
    assert any(k.startswith("c:") for k in f)
    assert "w:the" not in f  # stop words are dropped


def test_training_learns_a_separable_toy_problem() -> None:
    pairs = [("the crowd sang hymns", "PEACE_PROTEST")] * 3 + [("the ship sank", "MAN_MADE_DISASTER")] * 3
    model = C.train(pairs, rule_scale=0.0, epochs=100)
    assert model.predict("the crowd sang")[0] == "PEACE_PROTEST"
    assert model.predict("a ship sank")[0] == "MAN_MADE_DISASTER"
    assert abs(sum(model.probabilities("anything").values()) - 1.0) < 1e-9


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = C.train([("the ship sank", "MAN_MADE_DISASTER"), ("troops clashed", "ARMED_CLASH")], epochs=20)
    path = tmp_path / "m.npz"
    model.trained_on["x.tsv"] = "abc"
    model.save(path)
    back = C.CategoryModel.load(path)
    assert back.classes == model.classes and back.vocab == model.vocab
    assert back.trained_on == {"x.tsv": "abc"}
    assert np.allclose(back.logits("the ship sank"), model.logits("the ship sank"), atol=1e-4)


def test_cache_path_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSGRAPH_CATEGORY_MODEL", str(tmp_path / "c.npz"))
    assert C.cache_path() == tmp_path / "c.npz"
    monkeypatch.delenv("NEWSGRAPH_CATEGORY_MODEL")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert C.cache_path() == tmp_path / "newsgraph" / "category-case2021.npz"


def test_missing_or_stale_cache_falls_back_to_packaged(tmp_path: Path) -> None:
    assert C._load_cached(str(tmp_path / "absent.npz")) is C.packaged_model()
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    assert C._load_cached(str(bad)) is C.packaged_model()


def test_packaged_model_is_trained_on_own_examples_only() -> None:
    model = C.packaged_model()
    assert list(model.trained_on) == ["own-examples"]
    assert len(C.own_examples()) >= 200
    assert {c for _, c in C.own_examples()} == set(C.CATEGORIES)
    cases = {
        "A suicide bomber blew himself up outside the stadium.": "SUIC_BOMB",
        "Police fired tear gas to disperse students marching on parliament.": "PROTEST_WITH_INTER",
        "The army recaptured the town from the insurgents.": "GOV_REGAINS_TERIT",
        "A magnitude 6 earthquake shook the island.": "NATURAL_DISASTER",
        "The ministry expelled two diplomats.": "DIPLO",
    }
    for text, expected in cases.items():
        assert model.predict(text)[0] == expected, text


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bgrenades?\b", ("grenade",)),
        (r"\b(?:air ?strikes?|drone (?:strike|attack)s?)\b", ("drone ", "strike")),
        (r"\b(?:bomb|mine)s? (?:went off|exploded)", ("exploded", "went off")),
        (r"\bself-detonat\w*|\bexplosive[- ]laden", ("explosive", "self-detonat")),
        (r"\b(?:a|b)x?", ()),  # a one-letter class: no literal every match must hold
        (r"\w+ing", ("ing",)),
        (r"(?:bombs?)?\bblast", ("blast",)),  # an optional group gives none of its own
        (r"(?i)\bKCNA\b", ("kcna",)),  # case-blind: matched on lower-cased text
    ],
)
def test_needles_of_a_pattern(pattern: str, expected: tuple[str, ...]) -> None:
    assert C.needles(re.compile(pattern)) == expected


def test_needles_never_change_what_a_cue_matches() -> None:
    texts = [
        "a suicide bomber blew himself up at a checkpoint, police said.",
        "warplanes struck rebel positions; a helicopter crashed near the airline office.",
        "grenades were lobbed at the crowd. smoke grenades too.",
        "the factory fire spread after a gas cylinder exploded.",
        "",
    ]
    for cue in C.cues():
        assert cue.needles, cue.name  # every packaged cue can be prefiltered
        plain = dataclasses.replace(cue, needles=())
        for text in texts:
            assert cue.match(text) == plain.match(text), (cue.name, text)
