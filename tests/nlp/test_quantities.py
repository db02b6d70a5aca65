"""Figures in text: value, unit, bound, range, entity, derived shares; years are not figures."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.model import Quantity
from newsgraph.nlp import make_doc
from newsgraph.nlp.quantities import find_quantities, units
from tests.conftest import SEED, hand_doc


def _run(nlp: Language, text: str) -> list[Quantity]:
    return list(nlp(make_doc(nlp, text, "2025-06-05"))._.ng_quantities)


def test_units_table_has_currencies_percent_and_measures() -> None:
    table = units()
    assert table["$"] == ("currency", "USD")
    assert table["rubles"] == ("currency", "RUB")
    assert table["percent"][0] == "percent"
    assert table["km"] == ("measure", "km")


def test_hand_built_doc_with_a_counted_noun() -> None:
    doc = hand_doc(
        ["They", "sent", "12,000", "troops", "."],
        heads=[1, 1, 3, 1, 1],
        deps=["nsubj", "ROOT", "nummod", "dobj", "punct"],
        pos=["PRON", "VERB", "NUM", "NOUN", "PUNCT"],
        tags=["PRP", "VBD", "CD", "NNS", "."],
        ents=["O", "O", "B-CARDINAL", "O", "O"],
    )
    (q,) = find_quantities(doc)
    assert (q.text, q.value, q.unit, q.bound) == ("12,000", 12000, "troops", "exact")


@pytest.mark.model
def test_bound_unit_and_entity(nlp: Language) -> None:
    qs = _run(nlp, "Officials estimate that up to 12,000 North Korean troops have been deployed.")
    (q,) = [q for q in qs if q.value == 12000]
    assert q.bound == "upper"
    assert q.unit == "troops"
    assert "12,000" in q.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        ("At least 40 people were killed in the blast.", 40, "lower"),
        ("More than 3,000 protesters marched on Sunday.", 3000, "lower"),
        ("Nearly 500 homes were destroyed.", 500, "upper"),
        ("About 200 soldiers crossed the border.", 200, "approx"),
        ("Hundreds of protesters gathered outside parliament.", 100, "lower"),
    ],
)
def test_bounds(nlp: Language, text: str, value: float, bound: str) -> None:
    qs = _run(nlp, text)
    assert any(q.value == value and q.bound == bound for q in qs), qs


@pytest.mark.model
def test_range(nlp: Language) -> None:
    qs = _run(nlp, "The army deployed 10,000 to 12,000 soldiers near the city.")
    (q,) = [q for q in qs if q.bound == "range"]
    assert (q.value, q.high) == (10000, 12000)
    assert q.unit == "soldiers"


@pytest.mark.model
def test_money_and_percent(nlp: Language) -> None:
    qs = _run(nlp, "The fund lost $1.5 million, and prices rose 12 percent last year.")
    money = next(q for q in qs if q.unit == "USD")
    assert money.value == 1_500_000
    pct = next(q for q in qs if q.unit == "percent")
    assert pct.value == 12


@pytest.mark.model
def test_years_and_dates_are_not_quantities(nlp: Language) -> None:
    qs = _run(nlp, "In 2024, the agreement signed on June 19 was ratified. The war began in 2022.")
    assert qs == []


@pytest.mark.model
def test_derived_share(nlp: Language) -> None:
    text = "Zelensky said the forces had suffered 4,000 casualties, with two-thirds of them killed."
    qs = _run(nlp, text)
    base = next(i for i, q in enumerate(qs) if q.value == 4000)
    assert qs[base].unit == "casualties"
    frac = next(q for q in qs if q.unit == "fraction")
    assert frac.value == pytest.approx(0.6667)
    derived = next(q for q in qs if q.derived)
    assert derived.derived_from == base
    assert derived.value == pytest.approx(2667)
    assert derived.unit == "killed"


@pytest.mark.model
def test_seed_quantities(nlp: Language) -> None:
    from newsgraph.ingest import read_any

    (article,) = list(read_any([SEED]))
    qs = list(nlp(make_doc(nlp, article.text, article.published))._.ng_quantities)
    troops = next(q for q in qs if q.value == 12000)
    assert (troops.unit, troops.bound) == ("troops", "upper")
    casualties = next(q for q in qs if q.value == 4000 and not q.derived)
    assert (casualties.unit, casualties.bound) == ("casualties", "exact")
    assert any(q.unit == "fraction" and q.value == pytest.approx(0.6667) for q in qs)
    killed = next(q for q in qs if q.derived)
    assert killed.unit == "killed" and killed.value == pytest.approx(2667)
    assert qs[killed.derived_from] == casualties
    assert not any(q.value in (2024, 2025) for q in qs)
