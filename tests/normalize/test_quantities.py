"""Numbers, ranges and vague counts read as values (pure functions)."""

from __future__ import annotations

import pytest

from newsgraph.normalize.quantities import BOUNDS, BOUNDS_AFTER, parse_number, parse_range, vague_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,000", 12000),
        ("1.5 million", 1_500_000),
        ("two-thirds", 0.6667),
        ("a dozen", 12),
        ("twenty-five", 25),
        ("two hundred thousand", 200_000),
        ("$4bn", 4e9),
        ("3/4", 0.75),
        ("a quarter", 0.25),
        ("half", 0.5),
        ("45%", 45),
        ("12 percent", 12),
        ("seven", 7),
        ("a million", 1e6),
        ("0.5", 0.5),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["troops", "", "the", "2 fast"])
def test_parse_number_rejects_words(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("10,000 to 12,000", 10_000, 12_000),
        ("10,000-12,000", 10_000, 12_000),
        ("between 5 and 7 million", 5e6, 7e6),
    ],
)
def test_parse_range(text: str, low: float, high: float) -> None:
    assert parse_range(text) == (pytest.approx(low), pytest.approx(high))


def test_parse_range_refuses_a_single_number_and_backwards_ranges() -> None:
    assert parse_range("12,000") is None
    assert parse_range("12 to 5") is None


def test_vague_numbers_are_lower_bounds() -> None:
    assert vague_number("hundreds") == (100, "lower")
    assert vague_number("tens of thousands") == (10_000, "lower")
    assert vague_number("several") == (3, "approx")
    assert vague_number("troops") is None


def test_bound_tables() -> None:
    assert BOUNDS["up to"] == "upper"
    assert BOUNDS["at least"] == "lower"
    assert BOUNDS["more than"] == "lower"
    assert BOUNDS["nearly"] == "upper"
    assert BOUNDS["about"] == "approx"
    assert BOUNDS_AFTER["or more"] == "lower"
