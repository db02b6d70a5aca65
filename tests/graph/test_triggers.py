from __future__ import annotations

from newsgraph.graph.triggers import families, phrase_stem, trigger_stem


def test_stems() -> None:
    assert trigger_stem("signed") == trigger_stem("signing") == "sign"
    assert phrase_stem("gunned down") == "gun down"


def test_families_join_words_of_one_happening() -> None:
    assert "kill" in families("killed") & families("shooting") & families("gunned down")
    assert "arrest" in families("arrested") & families("taken into custody") & families("detained")
    assert "quake" in families("earthquake") & families("temblor")
    assert not families("killed") & families("arrested")
    assert families("xyzzy") == frozenset()
