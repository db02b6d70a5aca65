"""The ledger's rules and the small helpers of the API's queries (pure functions)."""

from __future__ import annotations

import math
from typing import Any

from newsgraph.api.queries import disagreements, interval, snippet, split_item_id


def v(
    id_: str,
    value: float,
    source: str,
    published: str | None,
    bound: str = "exact",
    high: float | None = None,
) -> dict[str, Any]:
    return {
        "id": id_,
        "value": value,
        "high": high,
        "bound": bound,
        "source_key": source,
        "published": published,
    }


def test_interval_by_bound() -> None:
    assert interval(100, None, "exact") == (99, 101)
    assert interval(100, None, "approx") == (90, 110)
    assert interval(100, None, "lower") == (100, math.inf)
    assert interval(100, None, "upper") == (-math.inf, 100)
    assert interval(100, 80, "range") == (80, 100)
    assert interval(100, None, "range") == (99, 101)  # a range without its high end: taken as exact


def test_different_sources_that_cannot_both_be_right_disagree() -> None:
    values = [
        v("a", 12, "ministry", "2025-04-12"),
        v("b", 40, "organisers", "2025-04-12", "lower"),
        v("c", 45, "police", "2025-04-13", "approx"),
        v("d", 12, "organisers", "2025-04-13"),
    ]
    pairs = set(disagreements(values))
    assert ("a", "b") in pairs and ("a", "c") in pairs  # 12 vs at least 40; 12 vs about 45
    assert ("b", "c") not in pairs  # at least 40 and about 45 fit together
    assert ("a", "d") not in pairs  # the same number
    assert ("b", "d") not in pairs  # one source changing its own figure is not a disagreement


def test_values_far_apart_in_time_do_not_disagree() -> None:
    values = [v("a", 100, "x", "2025-01-01"), v("b", 500, "y", "2025-06-01"), v("c", 900, "z", None)]
    pairs = set(disagreements(values))
    assert ("a", "b") not in pairs
    assert ("a", "c") in pairs and ("b", "c") in pairs  # an unknown date may be any date
    assert disagreements(values, window_days=365) == [("a", "b"), ("a", "c"), ("b", "c")]


def test_split_item_id() -> None:
    assert split_item_id("fx-001:3") == ("fx-001", 3)
    assert split_item_id("a:b:c:12") == ("a:b:c", 12)  # article ids may hold colons
    for bad in ("fx-001", ":3", "fx:", "fx:-1", "fx:1e3", "fx:" + "9" * 12):
        assert split_item_id(bad) is None


def test_snippet_is_the_sentence_around_a_span() -> None:
    text = "First one. Police arrested 12 protesters on Friday. Then\nmore."
    start = text.index("12")
    assert snippet(text, start, start + 2) == "Police arrested 12 protesters on Friday."
    assert snippet("no stop at all", 3, 5) == "no stop at all"
