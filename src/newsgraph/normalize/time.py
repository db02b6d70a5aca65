"""TIMEX3 values for temporal expressions, anchored on a reference date.

First version: absolute and partial calendar dates, relative days and seasons.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["normalize"]

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

_MDY = re.compile(rf"^({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.I)
_DMY = re.compile(rf"^(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})$", re.I)
_MY = re.compile(rf"^({_MONTH_RE})\.?,?\s+(\d{{4}})$", re.I)
_MD = re.compile(rf"^({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?$", re.I)
_M = re.compile(rf"^({_MONTH_RE})$", re.I)
_Y = re.compile(r"^(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SEASON = re.compile(
    r"^(last|this|next)?\s*(spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(\d{4}))?$", re.I
)


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _season_year(season: str, which: str | None, anchor: dt.date) -> int:
    """The year of "last/this/next <season>" seen from ``anchor``."""
    order = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
    current = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(
        anchor.month, "FA"
    )
    year = anchor.year
    if which == "last":
        return year if order[season] < order[current] else year - 1
    if which == "next":
        return year if order[season] > order[current] else year + 1
    return year


def normalize(text: str, anchor: dt.date | None) -> tuple[str, str]:
    """Return ``(type, value)`` for a temporal expression; the value is TIMEX3 form.

    Unknown or unresolvable expressions give ``("DATE", "XXXX-XX-XX")``.
    """
    t = " ".join(text.strip().split()).rstrip(".")
    low = t.lower()
    if m := _ISO.match(t):
        return "DATE", _date(int(m[1]), int(m[2]), int(m[3])) or "XXXX-XX-XX"
    if m := _MDY.match(t):
        return "DATE", _date(int(m[3]), MONTHS[m[1].lower()], int(m[2])) or "XXXX-XX-XX"
    if m := _DMY.match(t):
        return "DATE", _date(int(m[3]), MONTHS[m[2].lower()], int(m[1])) or "XXXX-XX-XX"
    if m := _MY.match(t):
        return "DATE", f"{int(m[2]):04d}-{MONTHS[m[1].lower()]:02d}"
    if m := _Y.match(t):
        return "DATE", m[1]
    if m := _MD.match(t):
        month, day = MONTHS[m[1].lower()], int(m[2])
        if anchor is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}"
        return "DATE", _date(anchor.year, month, day) or "XXXX-XX-XX"
    if m := _M.match(t):
        if anchor is None:
            return "DATE", f"XXXX-{MONTHS[low]:02d}"
        return "DATE", f"{anchor.year:04d}-{MONTHS[low]:02d}"
    if m := _SEASON.match(t):
        season = SEASONS[m[2].lower()]
        if m[3]:
            return "DATE", f"{m[3]}-{season}"
        if anchor is None:
            return "DATE", f"XXXX-{season}"
        return "DATE", f"{_season_year(season, (m[1] or '').lower() or None, anchor):04d}-{season}"
    if anchor is not None:
        offsets = {"today": 0, "yesterday": -1, "tomorrow": 1}
        if low in offsets:
            return "DATE", (anchor + dt.timedelta(days=offsets[low])).isoformat()
    if low in {"now", "currently", "at present"}:
        return "DATE", "PRESENT_REF"
    if low in {"recently", "lately", "previously"}:
        return "DATE", "PAST_REF"
    return "DATE", "XXXX-XX-XX"


_SEASON_MONTH = {"WI": "01", "SP": "04", "SU": "07", "FA": "10"}


def sort_key(value: str | None, published: str | None = None) -> str | None:
    """A ``YYYY-MM-DD`` string that orders a TIMEX3 value on a timeline.

    Partial dates sort at their start ("2024-08" -> "2024-08-01", seasons at
    their first month, weeks at their Monday); reference words and unresolved
    values sort at the publication date. None when nothing places it.
    """
    if value:
        m = re.match(r"^(\d{4})(?:-(\d{2}|SP|SU|FA|WI|W\d{2}|Q\d))?(?:-(\d{2}))?", value)
        if m:
            year, part, day = m[1], m[2], m[3]
            if part is None:
                return f"{year}-01-01"
            if part in _SEASON_MONTH:
                return f"{year}-{_SEASON_MONTH[part]}-01"
            if part.startswith("W"):
                try:
                    return dt.date.fromisocalendar(int(year), int(part[1:]), 1).isoformat()
                except ValueError:
                    return f"{year}-01-01"
            if part.startswith("Q"):
                return f"{year}-{(int(part[1]) - 1) * 3 + 1:02d}-01"
            return f"{year}-{part}-{day or '01'}"
    return published[:10] if published else None
