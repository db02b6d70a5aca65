from __future__ import annotations

import datetime as dt

from newsgraph.graph.dates import date_span, gap_days


def test_values_become_intervals() -> None:
    day = date_span("2024-06-19", "text", "2025-06-05")
    assert day is not None and day.exact_day and day.first == day.last == dt.date(2024, 6, 19)
    month = date_span("2024-06", "sentence", None)
    assert month is not None and (month.first, month.last) == (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    fall = date_span("2024-FA", "text", None)
    assert fall is not None and (fall.first, fall.last) == (dt.date(2024, 9, 1), dt.date(2024, 11, 30))
    winter = date_span("2024-WI", "text", None)
    assert winter is not None and winter.last.year == 2025
    year = date_span("2024", "text", None)
    assert year is not None and year.overlaps(day)  # type: ignore[arg-type]


def test_publication_dates_are_weak_windows() -> None:
    span = date_span("2025-06-05", "published", "2025-06-05")
    assert span is not None and span.weak and not span.exact_day
    assert span.last == dt.date(2025, 6, 5) and span.first < span.last
    story = date_span("2025-06-04", "story", "2025-06-05")  # the day before, inferred: weak as well
    assert story is not None and story.weak and story.first <= dt.date(2025, 6, 4) <= story.last
    assert date_span(None, None, None) is None
    assert date_span("XXXX-XX-XX", "text", "2025-06-05") is not None  # falls back to the publication window


def test_gap_days() -> None:
    a = date_span("2024-06-19", "text", None)
    b = date_span("2024-06-21", "text", None)
    assert a is not None and b is not None
    assert gap_days(a, b) == gap_days(b, a) == 2
    c = date_span("2024-06", "text", None)
    assert c is not None and gap_days(a, c) == 0
