"""Dates as intervals, for deciding whether two reports can place one event at the same time.

A TIMEX3 value names a day, a month, a season, a year...; each becomes the
interval of days it covers. A date taken only from the publication date says
little: the event happened on or some days before it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateSpan", "date_span", "gap_days"]

_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}|SP|SU|FA|WI|W\d{2}|Q\d|H\d))?(?:-(\d{2}))?")
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # winter runs into next year
PUBLISHED_WINDOW = 7  # days before publication an event dated only by it may have happened


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The days an event may fall on (inclusive), and whether the text named the exact day."""

    first: dt.date
    last: dt.date
    exact_day: bool
    weak: bool = False  # placed only by the publication date

    def overlaps(self, other: DateSpan) -> bool:
        return self.first <= other.last and other.first <= self.last


def _month_end(year: int, month: int) -> dt.date:
    if month >= 12:
        return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1) + dt.timedelta(days=30)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _from_value(value: str) -> DateSpan | None:
    m = _VALUE.match(value)
    if not m:
        return None
    year = int(m[1])
    part, day = m[2], m[3]
    try:
        if part is None:
            return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), False)
        if part in _SEASONS:
            lo, hi = _SEASONS[part]
            last = dt.date(year + 1, 2, 28) if hi > 12 else _month_end(year, hi)
            return DateSpan(dt.date(year, lo, 1), last, False)
        if part.startswith("W"):
            monday = dt.date.fromisocalendar(year, int(part[1:]), 1)
            return DateSpan(monday, monday + dt.timedelta(days=6), False)
        if part.startswith("Q"):
            q = int(part[1])
            return DateSpan(dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), False)
        if part.startswith("H"):
            h = int(part[1])
            return DateSpan(dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h), False)
        month = int(part)
        if day is None:
            return DateSpan(dt.date(year, month, 1), _month_end(year, month), False)
        d = dt.date(year, month, int(day))
        return DateSpan(d, d, True)
    except ValueError:
        return None


def date_span(value: str | None, source: str | None, published: str | None) -> DateSpan | None:
    """The interval an event's date covers.

    ``source`` is the contract's ``time.source``: "text" and "sentence" dates
    are taken as given; "published" (or no date) means the event is only known
    to precede the report by a few days, and so does "story" (the day before
    publication that a wire story tells of, an inference from its first date).
    """
    if value and source not in ("published", "story"):
        span = _from_value(value)
        if span is not None:
            return span
    base = _from_value(published[:10]) if published else None
    if base is None and value:
        base = _from_value(value)
    if base is None:
        return None
    return DateSpan(base.first - dt.timedelta(days=PUBLISHED_WINDOW), base.last, False, weak=True)


def gap_days(a: DateSpan, b: DateSpan) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a.overlaps(b):
        return 0
    return (b.first - a.last).days if a.last < b.first else (a.first - b.last).days
