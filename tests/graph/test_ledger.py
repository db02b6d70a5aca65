from __future__ import annotations

import pytest

from newsgraph.graph.ledger import counted_states, counted_topic, disagree, interval, topic_of


def test_topics() -> None:
    assert topic_of("soldiers") == topic_of("troops") == topic_of("Forces") == "troops"
    assert topic_of("fatalities") == "killed"
    assert topic_of("sides") is None and topic_of(None) is None


def test_bounds_become_intervals() -> None:
    assert interval(12000, "upper", None) == (0.0, 12000)
    assert interval(15000, "lower", None) == (15000, None)
    assert interval(100, "range", 200) == (100, 200)
    lo, hi = interval(10000, "approx", None)
    assert (lo, hi) == pytest.approx((8500, 11500))
    lo, hi = interval(10000, "exact", None)
    assert lo is not None and hi is not None and lo < 10000 < hi


def test_disagreement_beyond_bounds() -> None:
    up_to_12k, at_least_15k = interval(12000, "upper", None), interval(15000, "lower", None)
    assert disagree(up_to_12k, at_least_15k)
    assert not disagree(up_to_12k, interval(11000, "approx", None))
    assert not disagree(at_least_15k, interval(20000, "exact", None))
    assert disagree(interval(4000, "exact", None), interval(1200, "exact", None))
    assert not disagree(interval(4000, "exact", None), interval(4050, "exact", None))  # rounding


def _states(text: str, figure: str) -> tuple[str, ...]:
    at = text.index(figure)
    return counted_states(text, at, at + len(figure))


def test_what_a_figure_counts() -> None:
    both = _states("At least 30 people were killed or wounded in the attack.", "At least 30")
    killed = _states("At least 12 people were killed in the attack.", "At least 12")
    assert both == ("killed", "wounded") and killed == ("killed",)
    assert counted_topic("people", both) != counted_topic("people", killed)  # never compared
    assert (
        counted_topic("people", killed)
        == counted_topic("dead", _states("It left 14 dead.", "14"))
        == "killed"
    )
    assert _states("The strike killed 12 civilians and wounded 40 others.", "12") == ("killed",)
    assert counted_topic("soldiers", ("killed",)) == "troops killed"
    assert _states("up to 12,000 North Korean troops were sent to Russia", "12,000") == ()
    assert counted_topic("bananas", ("killed",)) is None
