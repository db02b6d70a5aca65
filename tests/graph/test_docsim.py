from __future__ import annotations

from pathlib import Path

from newsgraph.graph.docsim import Profiles, terms
from newsgraph.graph.synthetic import build
from newsgraph.graph.triggers import phrase_stem
from tests.graph.worlds import store_with


def test_terms_drop_function_words_and_mark_names() -> None:
    found = terms("Actress Tara Reid checked into rehab in Malibu, her publicist said.")
    assert "=reid" in found and "=malibu" in found and "rehab" in found
    assert not {"the", "her", "said", "into"} & set(found)
    assert found[0] == phrase_stem("actress")  # a capital at the start of a sentence is no name


def test_articles_about_one_event_are_alike(tmp_path: Path) -> None:
    texts = {
        "a": "Tara Reid checked into rehab at Promises in Malibu, her publicist said.",
        "b": "Actress Tara Reid has entered Promises, the Malibu rehab centre, a spokesman said.",
        "c": "Lindsay Lohan checked into rehab at the Betty Ford Center in California.",
        "d": "A magnitude 6.1 earthquake struck off the coast of Indonesia on Sunday.",
    }
    store = store_with(tmp_path, [build(k, v, published="2024-01-01") for k, v in texts.items()])
    profiles = Profiles(store)
    ab, ac, ad = profiles.similarity("a", "b"), profiles.similarity("a", "c"), profiles.similarity("a", "d")
    assert ab > ac > ad and ad == 0.0
    assert store.sql_rows("SELECT df FROM graph_terms WHERE term = 'rehab'")[0]["df"] == 3
