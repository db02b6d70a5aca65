"""The scorer on the worked example of Pradhan et al. (2014), "Scoring coreference partitions of predicted mentions"."""

from __future__ import annotations

import itertools
import random

import pytest

from newsgraph.eval.coref_metrics import _hungarian, b_cubed, ceaf_e, conll, muc, score_all

KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_textbook() -> None:
    s = muc(KEY, RESPONSE)
    assert (s.recall, s.precision) == pytest.approx((0.4, 0.4))


def test_b_cubed_textbook() -> None:
    s = b_cubed(KEY, RESPONSE)
    assert s.recall == pytest.approx(35 / 12 / 7)  # 0.4167
    assert s.precision == pytest.approx(0.5)


def test_ceaf_e_textbook() -> None:
    s = ceaf_e(KEY, RESPONSE)
    assert s.recall == pytest.approx(0.65)
    assert s.precision == pytest.approx(1.3 / 3)


def test_conll_is_the_mean() -> None:
    expected = (muc(KEY, RESPONSE).f1 + b_cubed(KEY, RESPONSE).f1 + ceaf_e(KEY, RESPONSE).f1) / 3
    assert conll(KEY, RESPONSE) == pytest.approx(expected)
    assert score_all(KEY, RESPONSE, "x")["x_conll_f1"] == pytest.approx(expected)


def test_perfect_and_all_singletons() -> None:
    assert conll(KEY, KEY) == pytest.approx(1.0)
    singletons = [{m} for c in KEY for m in c]
    assert muc(KEY, singletons).recall == 0.0
    assert b_cubed(KEY, singletons).precision == 1.0
    assert b_cubed(KEY, singletons).recall == pytest.approx((3 * 1 / 3 + 4 * 1 / 4) / 7)


def test_one_big_cluster() -> None:
    everything = [set().union(*KEY)]
    assert muc(KEY, everything).recall == 1.0
    assert muc(KEY, everything).precision == pytest.approx(5 / 6)
    assert b_cubed(KEY, everything).recall == 1.0


def test_hungarian_against_brute_force() -> None:
    rng = random.Random(3)
    for _ in range(30):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        w = [[rng.random() for _ in range(cols)] for _ in range(rows)]
        best = 0.0
        if rows <= cols:
            for perm in itertools.permutations(range(cols), rows):
                best = max(best, sum(w[i][perm[i]] for i in range(rows)))
        else:
            for perm in itertools.permutations(range(rows), cols):
                best = max(best, sum(w[perm[j]][j] for j in range(cols)))
        assert _hungarian(w) == pytest.approx(best)
