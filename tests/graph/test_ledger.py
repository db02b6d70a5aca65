from __future__ import annotations

import pytest

from newsgraph.graph.ledger import disagree, interval, topic_of


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
