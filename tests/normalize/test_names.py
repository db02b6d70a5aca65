from __future__ import annotations

import pytest

from newsgraph.normalize.names import (
    acronym,
    clean_name,
    countries,
    country_of,
    gazetteer,
    given_names,
    is_acronym_of,
    lookup,
    name_key,
)


def test_clean_name_drops_article_and_possessive() -> None:
    assert clean_name("the Russian Security Council's") == "Russian Security Council"
    assert clean_name("The  International Criminal Court") == "International Criminal Court"
    assert clean_name("Russia\u2019s") == "Russia"
    assert clean_name("Kim") == "Kim"


def test_name_key_ignores_case_accents_dots_and_hyphens() -> None:
    assert name_key("U.S.") == name_key("US") == "us"
    assert name_key("Nagorno-Karabakh") == "nagorno karabakh"
    assert name_key("Bogotá") == "bogota"


@pytest.mark.parametrize(
    ("text", "iso", "label", "kind"),
    [
        ("North Korean", "KP", "NORP", "demonym"),
        ("North Koreans", "KP", "NORP", "demonym"),
        ("Pyongyang", "KP", "GPE", "capital"),
        ("Moscow", "RU", "GPE", "capital"),
        ("Russian", "RU", "NORP", "demonym"),
        ("Ukrainian", "UA", "NORP", "demonym"),
        ("Kiev", "UA", "GPE", "capital"),
        ("U.S.", "US", "GPE", "country"),
        ("Britons", "GB", "NORP", "demonym"),
        ("Frenchmen", "FR", "NORP", "demonym"),
        ("Iraqis", "IQ", "NORP", "demonym"),
    ],
)
def test_demonyms_and_capitals_lead_to_their_country(text: str, iso: str, label: str, kind: str) -> None:
    entry = lookup(text)
    assert entry is not None
    assert (entry.iso, entry.label, entry.kind) == (iso, label, kind)
    country = country_of(text)
    assert country is not None and country.iso == iso


def test_country_of_is_none_for_places_that_are_not_countries() -> None:
    assert country_of("Kursk Oblast") is None
    assert country_of("Chicago") is None
    assert country_of("nonsense words") is None


def test_places_organisations_and_clubs() -> None:
    oblast = lookup("Kursk Oblast")
    assert oblast is not None and (oblast.label, oblast.iso) == ("GPE", "RU")
    kcna = lookup("KCNA")
    assert kcna is not None and kcna.canonical == "Korean Central News Agency" and kcna.label == "ORG"
    icc = lookup("ICC")
    assert icc is not None and icc.canonical == "International Criminal Court"
    club = lookup("Bayern Munich")
    assert club is not None and club.kind == "club"
    assert lookup("Wall Street") is not None


def test_the_country_table_is_complete_and_consistent() -> None:
    table = countries()
    isos = [c.iso for c in table]
    assert len(isos) == len(set(isos))
    assert len([i for i in isos if len(i) == 2]) >= 195
    for c in table:
        assert c.name and c.demonyms, c.iso
    # every UN member used in news has a demonym and a capital
    for iso in ("KP", "RU", "UA", "US", "CN", "GB", "FR", "DE", "IN", "BR"):
        c = next(c for c in table if c.iso == iso)
        assert c.capitals


def test_first_entry_of_a_key_wins_countries_before_capitals() -> None:
    # "Luxembourg" is a country and its capital; "Singapore" too
    lux = gazetteer()[name_key("Luxembourg")]
    assert lux.kind == "country"


def test_given_names() -> None:
    names = given_names()
    assert {"Sergei", "Vladimir", "Mihai", "Marion", "Volodymyr"} <= names
    assert "the" not in names and "Said" not in names and "Roman" not in names


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("ICC", "International Criminal Court", True),
        ("KCNA", "Korean Central News Agency", True),
        ("OSCE", "Organisation for Security and Cooperation in Europe", True),
        ("NATO", "North Atlantic Treaty Organization", True),
        ("ICC", "International Monetary Fund", False),
        ("Kim", "Kim Jong Un", False),
        ("UN", "Russia", False),
    ],
)
def test_is_acronym_of(short: str, long: str, expected: bool) -> None:
    assert is_acronym_of(short, long) is expected


def test_acronym() -> None:
    assert acronym("the International Criminal Court") == "ICC"
    assert acronym("Organization of the Petroleum Exporting Countries") == "OPEC"
