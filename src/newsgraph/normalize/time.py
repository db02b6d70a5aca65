"""TIMEX3 values for temporal expressions, as pure functions.

:func:`resolve` reads one temporal expression ("last fall", "two years earlier",
"the year-ago quarter", "every Monday") and returns its TimeML type (DATE, TIME,
DURATION, SET), its TIMEX3 value and its ``mod``. Relative expressions are
resolved against:

- ``anchor``: the publication date (deictic words: "yesterday", "last year",
  "three weeks ago", weekday and month names);
- ``reference``: the TIMEX3 value of the last explicit date in the text, for
  anaphoric expressions ("the following day", "two years earlier", "later that
  year", "the same day");
- ``period``: the fiscal quarter or half a report is about (or the year its
  sentence names), for the "year-earlier quarter" of financial reports (and "a
  year ago" said of such a period);
- ``tense``: "past", "present" or "future" of the governing verb, which picks the
  direction of a bare weekday or month ("Friday" is the last Friday in a past
  sentence, the next one in a future sentence);
- ``signal``: the word before the expression ("twice", "throughout"), which tells
  a set ("twice a year") or a duration ("throughout the year") from a date;
- ``after``: the word after it ("in the year ended March 31" is a year's length);
- ``local``: an explicit date of the same clause, whose year a bare month takes
  ("in 1996 ... in March" is 1996-03).

The words (months, weekdays, units, numbers, holidays, modifiers) are data:
``newsgraph/nlp/data/time_words.tsv``, read once. :func:`normalize` is the
``(type, value)`` short form; :func:`sort_key` orders values on a timeline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "Resolved",
    "Word",
    "join_durations",
    "lexicon",
    "normalize",
    "parse_value",
    "resolve",
    "shift_value",
    "sort_key",
]

WORDS_FILE = Path(__file__).resolve().parent.parent / "nlp" / "data" / "time_words.tsv"
UNKNOWN = "XXXX-XX-XX"
REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


@dataclass(frozen=True, slots=True)
class Resolved:
    """A normalised expression: TimeML ``type``, TIMEX3 ``value`` and ``mod``.

    ``anchored`` says what a relative value was computed from: "published",
    "reference" (an earlier date in the text), or None for absolute values.
    """

    type: str
    value: str
    mod: str | None = None
    anchored: str | None = None


@dataclass(frozen=True, slots=True)
class Word:
    """A token of an expression with its class ("month", "num", "word", ...) and value."""

    text: str
    cls: str
    value: object = None
    plural: bool = False


# --------------------------------------------------------------------------- lexicon


@lru_cache(maxsize=8192)
def _clean(text: str) -> str:
    """Lower-case, unify quotes, am/pm and hyphens, drop commas and sentence dots."""
    t = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    t = t.replace("\u2013", "-").replace("\u2014", " ").replace("_", " ")
    t = re.sub(r"(\d),(\d{3})\b", r"\1\2", t)
    t = re.sub(r"(\d0)'s\b", r"\1s", t)  # "the 1970's"
    t = re.sub(r"(\d)\s*([ap])\.?\s?m\b\.?", r"\1 \2m", t)
    t = re.sub(r"\b(noon|midnight)\b", r" \1 ", t)
    t = t.replace(",", " ").replace(";", " ").replace('"', " ").replace("(", " ").replace(")", " ")
    t = re.sub(r"(?<=[a-z])-(?=[a-z0-9'])|(?<=[0-9])-(?=[a-z])", " ", t)  # two-year, mid-1990s, 8-month
    t = re.sub(r"\bmid(?=\d)", "mid ", t)
    t = re.sub(r"\.(?=\s|$)", "", t)
    t = re.sub(r"\s+", " ", t).strip(" .!?:'")
    return t


# a wire service's clock with no zone: "0620 hrs", "1805 local time", "by 1000 London time", and
# "1900 hours" after "at" or "by" (after "for" it is a length)
_WIRE_CLOCK = re.compile(
    r"((?:about|around|approximately|roughly)\s+)?([01]\d|2[0-3])([0-5]\d)\s+"
    r"(hrs|hours(?:\s+local)?|local(?:\s+time)?|[a-z]+(?:\s+[a-z]+)?\s+time)"
)
# the same with the day between clock and zone: "(2024 Friday, UTC)" after a local time
_WIRE_CLOCK_DAY = re.compile(
    r"([01]\d|2[0-3])([0-5]\d)\s+((?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+[a-z]+)?),?\s+([a-z]{2,5})"
)
_LOCAL_TIME = re.compile(r"\s+local\s+time\b", re.IGNORECASE)
_CLOCK_SIGNALS = frozenset({"at", "by", "until", "till", "before", "after", "around", "about", "from"})


@dataclass(frozen=True)
class _Lexicon:
    entries: dict[str, tuple[tuple[str, str], ...]]
    longest: int

    def classes(self, phrase: str) -> tuple[tuple[str, str], ...]:
        return self.entries.get(phrase, ())

    def value(self, phrase: str, cls: str) -> str | None:
        for c, v in self.entries.get(phrase, ()):
            if c == cls:
                return v
        return None

    def phrases(self, cls: str) -> list[str]:
        """The phrases of one class, longest first (as they should be tried in a regex)."""
        found = [p for p, opts in self.entries.items() if any(c == cls for c, _ in opts)]
        return sorted(found, key=lambda p: (-len(p), p))


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The word table of ``time_words.tsv``: phrase -> ((class, value), ...)."""
    entries: dict[str, list[tuple[str, str]]] = {}
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, cls, value = line.split("\t")
        entries.setdefault(_clean(phrase), []).append((cls, value))
    longest = max(len(p.split()) for p in entries)
    return _Lexicon({k: tuple(v) for k, v in entries.items()}, longest)


_TOKEN_CLASSES = ("month", "weekday", "season", "daypart", "unit", "number", "ordinal", "holiday", "tz")
_ORD_DIGITS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d\d)$")
_FRACTION = re.compile(r"^(\d+)/(\d+)$")


def _word(text: str, nxt: str | None) -> Word:
    """Classify one word that no lexicon phrase covers."""
    lex = lexicon()
    if text.isdigit():
        n = int(text)
        zoned = nxt is not None and any(c == "tz" for c, _ in lex.classes(nxt))
        if len(text) == 4 and zoned and n // 100 < 24 and n % 100 < 60:
            return Word(text, "clock", (n // 100, n % 100))  # "0800 GMT", "1630 EST": a wire service's clock
        if len(text) == 4 and 1000 <= n <= 2999:
            return Word(text, "year", n)
        return Word(text, "num", n)
    if m := re.match(r"^\d+\.\d+$", text):
        return Word(text, "num", float(text))
    if m := _ORD_DIGITS.match(text):
        return Word(text, "ordinal", int(m[1]))
    if m := re.match(r"^(\d{3})0s$", text):
        return Word(text, "decade", m[1])
    if m := re.match(r"^'?(\d)0s$", text):
        return Word(text, "decade", f"19{m[1]}")
    if m := _CLOCK.match(text):
        return Word(text, "clock", (int(m[1]), int(m[2])))
    if m := _FRACTION.match(text):
        den = int(m[2])
        return Word(text, "fraction", int(m[1]) / den if den else 0.0)
    if text in ("am", "pm"):
        return Word(text, "ampm", text)
    base = text[:-2] if text.endswith("'s") else text
    options = lex.classes(base)
    plural = False
    if not options and base.endswith("s") and lex.value(base[:-1], "weekday"):
        options, plural = lex.classes(base[:-1]), True
    if not options:
        return Word(base, "word")
    classes = dict(options)
    if "unit" in classes and "ordinal" in classes:  # "second": an ordinal before a noun
        if nxt is not None and nxt not in ("and", "or"):
            return Word(base, "ordinal", int(classes["ordinal"]))
        return Word(base, "unit", classes["unit"], plural=False)
    for cls in _TOKEN_CLASSES:
        if cls in classes:
            value: object = classes[cls]
            if cls in ("month", "weekday", "ordinal"):
                value = int(classes[cls])
            elif cls == "number":
                value = classes[cls] if classes[cls] == "X" else int(classes[cls])
                return Word(base, "num", value)
            if cls == "unit":
                plural = base.endswith("s") or base in ("centuries", "millennia")
            if cls == "daypart":
                plural = base.endswith("s") and base not in ("overnight",)
            return Word(base, cls, value, plural)
    return Word(base, "word")


def _merge_numbers(words: list[Word]) -> list[Word]:
    """Join number words into one number ("twenty four" -> 24) or a year ("nineteen ninety six")."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        nxt_w = words[i + 1] if i + 1 < len(words) else None
        if (
            w.text in ("a", "an")
            and nxt_w is not None
            and nxt_w.cls == "num"
            and nxt_w.value not in (100, 1000)
        ):
            i += 1  # "a three-year period": the article, not a number
            continue
        if w.cls != "num" or not isinstance(w.value, int) or w.text.isdigit():
            out.append(w)
            i += 1
            continue
        run = [w]
        j = i + 1
        while j < len(words):
            nxt = words[j]
            if nxt.cls == "num" and isinstance(nxt.value, int) and not nxt.text.isdigit():
                if nxt.text in ("a", "an"):
                    break
                run.append(nxt)
                j += 1
            elif (
                nxt.text == "and"
                and j + 1 < len(words)
                and words[j + 1].cls == "num"
                and isinstance(words[j + 1].value, int)
                and words[j + 1].text not in ("a", "an")
                and any(r.value in (100, 1000) for r in run)
            ):
                j += 1
            else:
                break
        values = [int(r.value) for r in run]  # type: ignore[call-overload]
        text = " ".join(r.text for r in run)
        year = _year_words(values)
        if year is not None:
            out.append(Word(text, "year", year))
        else:
            total, cur = 0, 0
            for v in values:
                if v == 100:
                    cur = max(cur, 1) * 100
                elif v == 1000:
                    total += max(cur, 1) * 1000
                    cur = 0
                else:
                    cur += v
            n = total + cur
            out.append(Word(text, "year" if values[:2] == [2, 1000] else "num", n))
        i = j
    return out


def _year_words(values: list[int]) -> int | None:
    """Years said in two pairs: nineteen ninety six -> 1996, nineteen eighty -> 1980."""
    if len(values) < 2 or not 10 <= values[0] <= 20 or 100 in values or 1000 in values:
        return None
    tail = values[1:]
    if len(tail) == 1 and 20 <= tail[0] <= 90 and tail[0] % 10 == 0:
        return values[0] * 100 + tail[0]
    if len(tail) == 2 and tail[0] % 10 == 0 and 20 <= tail[0] <= 90 and 1 <= tail[1] <= 9:
        return values[0] * 100 + tail[0] + tail[1]
    return None


def tokens(text: str) -> list[Word]:
    """The classified words of an expression (lexicon phrases first, longest match)."""
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[Word, ...]:
    lex = lexicon()
    cleaned = re.sub(r"\band a half\b", "andahalf", _clean(text))
    raw = re.sub(r"\bhalf an?\b", "halfa", cleaned).split()
    out: list[Word] = []
    i = 0
    while i < len(raw):
        for n in range(min(lex.longest, len(raw) - i), 1, -1):
            phrase = " ".join(raw[i : i + n])
            options = dict(lex.classes(phrase))
            cls = next((c for c in ("holiday", "number", "ordinal") if c in options), None)
            if cls:
                value: object = options[cls]
                if cls in ("number", "ordinal") and options[cls] != "X":
                    value = int(options[cls])
                out.append(Word(phrase, "num" if cls == "number" else cls, value))
                i += n
                break
        else:
            out.append(_word(raw[i], raw[i + 1] if i + 1 < len(raw) else None))
            i += 1
    return tuple(_merge_numbers(out))


# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class _Point:
    """A calendar point of some granularity: Y, H (half), Q, S (season), M, W, WE, D, T, DE, CE."""

    date: dt.date
    gran: str
    part: str = ""  # season code, half or quarter number, time of day


def _iso(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _season_of(d: dt.date) -> tuple[int, str]:
    """The season of a date, with the year it belongs to (winter belongs to its January)."""
    if d.month == 12:
        return d.year + 1, "WI"
    if d.month <= 2:
        return d.year, "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


_SEASON_ORDER = ("WI", "SP", "SU", "FA")
_SEASON_START = {"WI": 1, "SP": 3, "SU": 6, "FA": 9}


def _value(p: _Point) -> str:
    y = p.date.year
    if p.gran == "Y":
        return f"{y:04d}"
    if p.gran == "DE":
        return f"{y // 10:03d}"
    if p.gran == "CE":
        return f"{y // 100:02d}"
    if p.gran == "H":
        return f"{y:04d}-H{p.part}"
    if p.gran == "Q":
        return f"{y:04d}-Q{p.part}"
    if p.gran == "S":
        return f"{y:04d}-{p.part}"
    if p.gran == "M":
        return f"{y:04d}-{p.date.month:02d}"
    if p.gran == "W":
        return _week(p.date)
    if p.gran == "WE":
        return _week(p.date) + "-WE"
    if p.gran == "T":
        return f"{_iso(p.date)}T{p.part}"
    return _iso(p.date)


@lru_cache(maxsize=8192)
def parse_value(value: str | None) -> _Point | None:
    """A TIMEX3 calendar value as a point (None for durations, sets, refs and unknowns)."""
    if not value:
        return None
    try:
        if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:T(.+))?$", value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return _Point(d, "T", m[4]) if m[4] else _Point(d, "D")
        if m := re.match(r"^(\d{4})-W(\d{1,2})(-WE)?$", value):
            d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
            return _Point(d, "WE" if m[3] else "W")
        if m := re.match(r"^(\d{4})-(\d{2})$", value):
            return _Point(dt.date(int(m[1]), int(m[2]), 1), "M")
        if m := re.match(r"^(\d{4})-Q([1-4])$", value):
            return _Point(dt.date(int(m[1]), (int(m[2]) - 1) * 3 + 1, 1), "Q", m[2])
        if m := re.match(r"^(\d{4})-H([12])$", value):
            return _Point(dt.date(int(m[1]), 1 if m[2] == "1" else 7, 1), "H", m[2])
        if m := re.match(r"^(\d{4})-(SP|SU|FA|WI)$", value):
            return _Point(dt.date(int(m[1]), _SEASON_START[m[2]], 1), "S", m[2])
        if m := re.match(r"^(\d{4})$", value):
            return _Point(dt.date(int(m[1]), 1, 1), "Y")
        if m := re.match(r"^(\d{3})$", value):
            return _Point(dt.date(int(m[1]) * 10, 1, 1), "DE")
    except ValueError:
        return None
    return None


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year = d.year + y
    if not 1 <= year <= 9999:
        raise OverflowError(f"year {year} is out of the calendar's range")
    day = min(d.day, [31, 29 if _leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m])
    return dt.date(year, m + 1, day)


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


_YEARS_IN = {"Y": 1, "DE": 10, "CE": 100, "ML": 1000}  # the units counted in years


def _shift(p: _Point, n: float, unit: str) -> _Point:
    """Move a point by ``n`` units, keeping its granularity where the unit allows it."""
    d = p.date
    whole = int(n)
    if unit in _YEARS_IN:
        return _Point(_add_months(d, 12 * whole * _YEARS_IN[unit]), p.gran, p.part)
    if unit == "Q":
        return _Point(_add_months(d, 3 * whole), p.gran, p.part)
    if unit == "M":
        return _Point(_add_months(d, whole), p.gran, p.part)
    days = {"W": 7 * n, "WE": 7 * n, "2W": 14 * n, "D": n, "H": n / 24, "MIN": n / 1440, "S": 0}[unit]
    return _Point(d + dt.timedelta(days=round(days)), p.gran, p.part)


def shift_value(value: str, n: float, unit: str) -> str | None:
    """Move a TIMEX3 value by ``n`` units (``shift_value("1989-Q3", -1, "Y") == "1988-Q3"``)."""
    p = parse_value(value)
    return _value(_shift(p, n, unit)) if p else None


def _at(d: dt.date, unit: str) -> _Point:
    """The point of granularity ``unit`` that contains ``d``."""
    if unit in _YEARS_IN:
        return _Point(dt.date(d.year, 1, 1), {"ML": "CE"}.get(unit, unit))
    if unit == "Q":
        q = _quarter_of(d)
        return _Point(dt.date(d.year, (q - 1) * 3 + 1, 1), "Q", str(q))
    if unit == "M":
        return _Point(d.replace(day=1), "M")
    if unit in ("W", "2W"):
        return _Point(d, "W")
    if unit == "WE":
        return _Point(d, "WE")
    return _Point(d, "D")


# --------------------------------------------------------------------------- durations

_TIME_UNITS = frozenset({"H", "MIN", "S"})
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}


def _duration(n: object, unit: str) -> str:
    """A TIMEX3 duration: ``P2Y``, ``PT5H30M``, ``P18M`` (1.5 years), ``PXY`` (unknown count)."""
    if unit == "2W":
        n, unit = (n * 2 if isinstance(n, (int, float)) else n), "W"
    if unit in _YEARS_IN and unit != "Y":
        scale = _YEARS_IN[unit]
        n, unit = (n * scale if isinstance(n, (int, float)) else n), "Y"
        if n == "X" and scale > 10:  # TimeML's units for unknown counts of centuries, millennia
            return "PX" + {100: "C", 1000: "L"}[scale]
        # "decades-long" is "PXY" to both TimeBank's and MEANTIME's annotators: some years
    if unit == "WE":
        if not isinstance(n, (int, float)):
            return "PXWE"
        return f"P{int(n) if float(n).is_integer() else n}WE"
    code = {"MIN": "M"}.get(unit, unit)
    prefix = "PT" if unit in _TIME_UNITS else "P"
    if not isinstance(n, (int, float)):
        return f"{prefix}X{code}"
    if float(n).is_integer():
        return f"{prefix}{int(n)}{code}"
    whole = int(n)
    small, factor = _SMALLER.get(unit, (unit, 1))
    rest = round((n - whole) * factor)
    if rest == factor:  # "23.99 years": 24 years, not 23 years and 12 months
        return _duration(whole + 1, unit)
    if small == unit or (rest == 0 and whole == 0):
        return f"{prefix}{n:g}{code}"  # "47.42 seconds" is PT47.42S, "0.004 days" P0.004D
    if rest == 0:
        return _duration(whole, unit)
    if whole == 0:
        return _duration(rest, small)
    if unit == "Y" and whole == 1:
        return f"P{12 + rest}M"
    small_code = {"MIN": "M"}.get(small, small)
    if prefix == "P" and small in _TIME_UNITS:
        return f"P{whole}{code}T{rest}{small_code}"
    return f"{prefix}{whole}{code}{rest}{small_code}"


_DURATION_PARTS = re.compile(
    r"P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<D>\d+)D)?"
    r"(?:T(?:(?P<H>\d+)H)?(?:(?P<MIN>\d+)M)?(?:(?P<S>\d+(?:\.\d+)?)S)?)?"
)
_DURATION_ORDER = ("Y", "M", "D", "H", "MIN", "S")


def join_durations(first: str, second: str) -> str | None:
    """One duration told in two parts, the larger unit first: ``P15Y`` and ``P8M`` ("15 years,
    8 months") is ``P15Y8M``, ``PT1H59M`` and ``PT40.2S`` is ``PT1H59M40.2S``. None when the parts
    are not counted, or the second's units are not all smaller than the first's ("24-hour, 7-day")."""
    a, b = _DURATION_PARTS.fullmatch(first), _DURATION_PARTS.fullmatch(second)
    if a is None or b is None or first in ("P", "PT") or second in ("P", "PT"):
        return None
    if a["S"] is not None and "." in a["S"]:
        return None  # a decimal is only the smallest part
    units_a = [u for u in _DURATION_ORDER if a[u] is not None]
    units_b = [u for u in _DURATION_ORDER if b[u] is not None]
    if not units_a or not units_b or _DURATION_ORDER.index(units_a[-1]) >= _DURATION_ORDER.index(units_b[0]):
        return None
    parts = {u: a[u] or b[u] for u in _DURATION_ORDER}
    date = "".join(f"{parts[u]}{u}" for u in ("Y", "M", "D") if parts[u] is not None)
    time = "".join(f"{parts[u]}{'M' if u == 'MIN' else u}" for u in ("H", "MIN", "S") if parts[u] is not None)
    return f"P{date}" + (f"T{time}" if time else "")


# --------------------------------------------------------------------------- calendar helpers


def _pick_year(month: int, day: int, anchor: dt.date, tense: str | None) -> int:
    """The year of a month (or month and day) given without one, seen from ``anchor``.

    The tense picks the direction (a past sentence means the last such date), but a
    date just ahead stays ahead ("extended the offer to Nov. 20", "told of cuts in
    September"); without a tense, the nearest.
    """
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    if day:
        deltas = {}
        for y in years:
            d = _date(y, month, min(day, 28) if month == 2 else day)
            if d is not None:
                deltas[y] = (d - anchor).days
        near, far = 60, 60
    else:
        deltas = {y: (y - anchor.year) * 12 + month - anchor.month for y in years}
        near, far = 1, 2
    past = max((y for y, d in deltas.items() if d <= 0), default=None)
    future = min((y for y, d in deltas.items() if d >= 0), default=None)
    if past is None or future is None:
        return past or future or anchor.year
    back, ahead = -deltas[past], deltas[future]
    if tense == "past":
        return future if ahead <= near < back else past
    if tense == "future":
        return past if back <= (14 if day else 1) and ahead > far else future
    return past if back <= ahead else future


def _weekday_date(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """A weekday near ``anchor``: "past" on or before, "future" on or after,
    "last"/"next" strictly before/after, "this" within the anchor's week."""
    today = anchor.isoweekday()
    if direction == "this":
        return anchor + dt.timedelta(days=weekday - today)
    if direction == "future":
        return anchor + dt.timedelta(days=(weekday - today) % 7)
    if direction == "next":
        return anchor + dt.timedelta(days=(weekday - today) % 7 or 7)
    if direction == "last":
        return anchor - dt.timedelta(days=(today - weekday) % 7 or 7)
    return anchor - dt.timedelta(days=(today - weekday) % 7)


def _holiday(spec: str, year: int) -> dt.date | None:
    try:
        if spec == "ELECTION":  # the Tuesday after the first Monday of November
            first_monday = _nth_weekday(year, 11, 1, 1)
            return first_monday + dt.timedelta(days=1)
        if spec.startswith("EASTER"):
            return _easter(year) + dt.timedelta(days=int(spec[6:]))
        month, rest = spec.split("-")
        if "." in rest:
            wd, nth = rest.split(".")
            return _nth_weekday(year, int(month), int(wd), -1 if nth == "L" else int(nth))
        return dt.date(year, int(month), int(rest))
    except ValueError:
        return None


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    if nth < 0:
        last = _add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    la = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * la) // 451
    month, day = divmod(h + la - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# --------------------------------------------------------------------------- the parser

_REL_BACK = frozenset({"last", "past", "previous", "prior", "preceding", "this past"})
_REL_FWD = frozenset({"next", "coming", "following", "upcoming", "this coming", "ensuing", "subsequent"})
_REL_THIS = frozenset({"this", "current", "present", "same", "that", "that same", "the same"})
_REL = _REL_BACK | _REL_FWD | _REL_THIS | {"latest", "recent", "final", "first", "remaining"}
_ANAPHORIC = frozenset(
    {"following", "previous", "prior", "preceding", "same", "that", "that same", "ensuing"}
)
_REL_BY_LENGTH = sorted(_REL | {"most recent", "that same"}, key=len, reverse=True)
_AGO = {
    "ago": (-1, "published"),
    "back": (-1, "published"),
    "from now": (1, "published"),
    "hence": (1, "published"),
    "earlier": (-1, "reference"),
    "before": (-1, "reference"),
    "previously": (-1, "reference"),
    "later": (1, "reference"),
    "after": (1, "reference"),
    "afterward": (1, "reference"),
    "afterwards": (1, "reference"),
}
_AGO_WORDS = frozenset({"ago", "back", "hence", "earlier", "later"})
_SET_SIGNALS = frozenset({"once", "twice", "thrice", "times", "per"})
_SUFFIX_MODS = (
    ("or so", "APPROX"),
    ("or more", "EQUAL_OR_MORE"),
    ("or longer", "EQUAL_OR_MORE"),
    ("or later", "ON_OR_AFTER"),
    ("and beyond", "ON_OR_AFTER"),
    ("or earlier", "ON_OR_BEFORE"),
    ("or less", "EQUAL_OR_LESS"),
    ("at the latest", "ON_OR_BEFORE"),
    ("at the earliest", "ON_OR_AFTER"),
    ("and counting", "EQUAL_OR_MORE"),
)
_DETERMINERS = ("the ", "its ", "their ", "his ", "her ", "our ", "a flat ", "a full ", "an entire ")


@dataclass(frozen=True, slots=True)
class _Ctx:
    anchor: dt.date | None
    tense: str | None
    reference: _Point | None
    period: _Point | None
    signal: str | None
    after: str | None
    local: _Point | None

    def moved_year(self) -> int | None:
        """The year of an explicit date earlier in the sentence, when it is not the anchor's year."""
        p = self.local
        if p is None or self.anchor is None or p.gran not in ("Y", "M", "D", "T", "S", "Q", "H"):
            return None
        if self.tense not in (None, "past") or p.date.year >= self.anchor.year:
            return None
        return p.date.year

    def base(self, anaphoric: bool) -> tuple[_Point | None, str]:
        """The point a relative expression counts from, and its name. What is told in the past does
        not count from a date still ahead ("remanded until his appearance on April 5. The attack
        was at 13:40": not on April 5)."""
        ref = self.reference
        if (
            anaphoric
            and ref is not None
            and not (self.tense == "past" and self.anchor is not None and ref.date > self.anchor)
        ):
            return ref, "reference"
        if self.anchor is not None:
            return _Point(self.anchor, "D"), "published"
        return None, "published"


def _strip_mods(s: str) -> tuple[str, str | None]:
    """Remove leading modifiers ("early", "the end of", "at least") and trailing ones ("or so")."""
    lex = lexicon()
    mod: str | None = None
    if " or so " in f" {s} ":
        s, mod = re.sub(r"\s*\bor so\b", "", s), "APPROX"  # "a week or so ago"
    for suffix, suffix_mod in _SUFFIX_MODS:
        if s.endswith(" " + suffix):
            s, mod = s[: -len(suffix) - 1], suffix_mod
    # "the next day", "the next morning": the one after the day in view, unlike "next week"
    s = re.sub(r"^the (?:next|following)\b", "following", s)
    changed = True
    while changed:
        changed = False
        for det in _DETERMINERS:
            if s.startswith(det) and len(s) > len(det):
                s, changed = s[len(det) :], True
        words = s.split()
        for n in (3, 2, 1):
            if len(words) <= n:
                continue
            code = lex.value(" ".join(words[:n]), "mod")
            if code is None:
                continue
            rest = " ".join(words[n:])
            first = words[n]
            # "some" and "over"/"under" are modifiers only before a number; "earlier"/"later"
            # only before what they modify ("earlier this year", not "earlier" alone)
            if words[0] in ("some", "over", "under") and not (
                first[0].isdigit() or lex.value(first, "number") or first in ("a", "an", "half")
            ):
                continue
            if words[0] in ("earlier", "later") and first in ("than",):
                continue
            mod = code if mod is None else mod
            if words[0] in ("earlier", "later", "early", "late") and first == "in" and n + 1 < len(words):
                rest = " ".join(words[n + 1 :])  # "earlier in the year"
            s, changed = rest, True
            break
    return s, mod


def resolve(
    text: str,
    anchor: dt.date | None,
    *,
    tense: str | None = None,
    reference: str | None = None,
    period: str | None = None,
    signal: str | None = None,
    after: str | None = None,
    local: str | None = None,
) -> Resolved | None:
    """Type, TIMEX3 value and mod of a temporal expression, or None when it is not one.

    ``resolve("last fall", dt.date(2025, 6, 5))`` is ``Resolved("DATE", "2024-FA", None, "published")``.
    Relative expressions that cannot be placed (no anchor) get X placeholders.
    """
    if (short := _SHORT_YEAR.fullmatch(text.strip())) is not None:
        return Resolved("DATE", f"{_full_year(int(short[1]), anchor):04d}")
    wire = _WIRE_CLOCK.fullmatch(text.strip().lower())
    if wire is not None and (wire[4] != "hours" or (signal or "").lower() in _CLOCK_SIGNALS):
        text = f"{wire[1] or ''}{wire[2]}:{wire[3]}"
    elif (wire := _WIRE_CLOCK_DAY.fullmatch(text.strip().lower())) is not None:
        text = f"{wire[1]}:{wire[2]} {wire[4]} {wire[3]}"
    else:
        text = _LOCAL_TIME.sub("", text)  # "4:42 local time on Saturday"
    s = _clean(text)
    if not s or _final_day(s, signal):
        return None
    ctx = _Ctx(
        anchor,
        tense,
        parse_value(reference),
        parse_value(period),
        (signal or "").lower() or None,
        (after or "").lower() or None,
        parse_value(local),
    )
    got = _whole(s, ctx)
    if got is not None:
        return got
    core, mod = _strip_mods(s)
    if not core:
        return None
    try:
        got = _whole(core, ctx) or _parse(core, ctx)
    except OverflowError:
        return None  # a count past the calendar ("292,000 week ago" in a table): no date it names
    if got is None and (beside := _DAY_BESIDE.fullmatch(s)) is not None:
        # "the day before last Tuesday's hearing": a day from the day named
        day = resolve(
            beside[2],
            anchor,
            tense=tense,
            reference=reference,
            period=period,
            signal=signal,
            after=after,
            local=local,
        )
        return _day_beside(day, 1 if beside[1] == "after" else -1)
    if got is None:
        return None
    if mod is not None and got.mod is None:
        got = Resolved(got.type, got.value, mod, got.anchored)
    return got


_DAY_BESIDE = re.compile(r"the day (before|after) (.+)")


def _day_beside(day: Resolved | None, days: int) -> Resolved | None:
    """The day ``days`` away from a day (or a time of day) resolved; None when it is no day."""
    point = parse_value(day.value) if day is not None else None
    if day is None or point is None or point.gran not in ("D", "T"):
        return None
    return Resolved(
        day.type, _iso(point.date + dt.timedelta(days=days)) + day.value[10:], anchored=day.anchored
    )


_SHORT_YEAR = re.compile(r"['’](\d\d)")


def _full_year(yy: int, anchor: dt.date | None) -> int:
    """The year "'82" names: the latest one ending so, up to a year after the anchor (1982 read in
    2008, "'09" read in 2008 is 2009); 19yy without an anchor."""
    if anchor is None:
        return 1900 + yy
    year = anchor.year // 100 * 100 + yy
    return year - 100 if year > anchor.year + 1 else year


_OWNERS = r"(?:the|its|his|her|their|our)"
_FINAL_DAY = re.compile(rf"(?:{_OWNERS} )?(?:very )?last day|{_OWNERS} (?:very )?last night")


def _final_day(s: str, signal: str | None) -> bool:
    """Is it the final day of something ("on the last day (of the convention)", "his last night in
    office"), not yesterday? "last night" alone is yesterday's."""
    return bool(_FINAL_DAY.fullmatch(s)) or (
        s == "last night" and re.fullmatch(_OWNERS, (signal or "").lower()) is not None
    )


def normalize(
    text: str,
    anchor: dt.date | None,
    *,
    tense: str | None = None,
    reference: str | None = None,
    period: str | None = None,
    signal: str | None = None,
    after: str | None = None,
    local: str | None = None,
) -> tuple[str, str]:
    """``(type, value)`` of a temporal expression; ``("DATE", "XXXX-XX-XX")`` when unknown."""
    got = resolve(
        text, anchor, tense=tense, reference=reference, period=period, signal=signal, after=after, local=local
    )
    if got is None:
        return "DATE", UNKNOWN
    return got.type, got.value


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2}))?$")
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


def _whole(s: str, ctx: _Ctx) -> Resolved | None:
    """Expressions read as a whole: reference words, set adverbs, numeric dates."""
    lex = lexicon()
    if (ref := lex.value(s, "ref")) is not None:
        return Resolved("DATE", ref)
    if (setv := lex.value(s, "setadv")) is not None:
        return Resolved("SET", setv)
    if m := _ISO_DATE.match(s):
        d = _date(int(m[1]), int(m[2]), int(m[3]))
        if d is None:
            return None
        return Resolved("TIME", f"{_iso(d)}T{m[4]}:{m[5]}") if m[4] else Resolved("DATE", _iso(d))
    if m := _SLASH_DATE.match(s):
        year = int(m[3]) + (1900 if len(m[3]) == 2 and int(m[3]) > 30 else 2000 if len(m[3]) == 2 else 0)
        d = _date(year, int(m[1]), int(m[2]))
        return Resolved("DATE", _iso(d)) if d else None
    return None


def _sig(words: list[Word]) -> str:
    """The shape of an expression: classes in capitals, other words as they are."""
    parts = []
    for w in words:
        if w.cls == "word":
            parts.append(w.text)
        elif w.cls == "unit":
            parts.append(f"{'UNITS' if w.plural else 'UNIT'}_{w.value}")
        elif w.cls == "weekday" and w.plural:
            parts.append("WEEKDAYS")
        elif w.cls == "daypart" and w.plural:
            parts.append("DAYPARTS")
        else:
            parts.append(w.cls.upper())
    return " ".join(parts)


_Rule = tuple[re.Pattern[str], Callable[[list[Word], re.Match[str], _Ctx], Resolved | None]]
_RULES: list[_Rule] = []


def _expand(pattern: str) -> str:
    """Unit placeholders: UNIT (singular), UNITS (plural), UNITS? (either), UNIT_Y (one unit)."""
    pattern = re.sub(r"\bUNITS\?(?!_)", "UNITS?_[A-Z0-9]+", pattern)
    pattern = re.sub(r"\bUNITS(?![_?])", "UNITS_[A-Z0-9]+", pattern)
    return re.sub(r"\bUNIT(?![S_])", "UNIT_[A-Z0-9]+", pattern)


def _rule(pattern: str) -> Callable[[Callable[..., Resolved | None]], Callable[..., Resolved | None]]:
    def register(fn: Callable[..., Resolved | None]) -> Callable[..., Resolved | None]:
        _RULES.append((re.compile(f"^(?:{_expand(pattern)})$"), fn))
        return fn

    return register


def _parse(core: str, ctx: _Ctx) -> Resolved | None:
    words = tokens(core)
    if not words:
        return None
    sig = _sig(words)
    for pattern, handler in _RULES:
        m = pattern.match(sig)
        if m:
            got = handler(words, m, ctx)
            if got is not None:
                return got
    return None


def _first(words: list[Word], cls: str) -> Word | None:
    return next((w for w in words if w.cls == cls), None)


def _int(words: list[Word], cls: str) -> int | None:
    """The integer value of the first word of a class, if any."""
    w = _first(words, cls)
    return int(w.value) if w is not None and isinstance(w.value, int) else None


def _has(words: list[Word], *texts: str) -> bool:
    joined = " " + " ".join(w.text for w in words) + " "
    return any(f" {t} " in joined for t in texts)


def _rel_word(words: list[Word]) -> str | None:
    """The relative word of an expression ("last", "this coming", "following"), if any."""
    joined = " " + " ".join(w.text for w in words if w.cls == "word") + " "
    for rel in _REL_BY_LENGTH:
        if f" {rel} " in joined:
            return rel
    return None


def _num(words: list[Word]) -> object:
    """The count of a duration: a number, plus "and a half" or "1/2"; "X" when vague."""
    n: object = None
    for i, w in enumerate(words):
        if (w.cls == "num" and n is None) or (
            w.cls == "year" and n is None and i + 1 < len(words) and words[i + 1].cls == "unit"
        ):
            n = w.value
        elif w.cls == "fraction" and isinstance(n, (int, float)) and isinstance(w.value, float):
            n = n + w.value
    if _has(words, "halfa"):
        n = 0.5
    elif _has(words, "andahalf") and isinstance(n, (int, float)):
        n = n + 0.5
    return "X" if n is None else n


def _unit(words: list[Word]) -> tuple[str, bool]:
    """The unit of an expression: its last unit word ("the year-earlier nine months" counts months)."""
    w = next(w for w in reversed(words) if w.cls == "unit")
    return str(w.value), w.plural


def _direction(ctx: _Ctx) -> str:
    return "future" if ctx.tense == "future" else "past"


# --- calendar dates ----------------------------------------------------------------


@_rule(
    r"(?:(?:this coming|this past|this|next|last|coming) )?(?:WEEKDAY )?MONTH (?:the )?(?:NUM|ORDINAL)(?: YEAR)?|(?:WEEKDAY )?(?:NUM|ORDINAL) (?:UNIT_D )?(?:of )?MONTH(?: YEAR)?"
)
def _month_day(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    month = _int(words, "month")
    day = _int(words, "num") or _int(words, "ordinal")
    if month is None or day is None or not 1 <= day <= 31:
        return None
    year = _int(words, "year")
    weekday = _int(words, "weekday")
    if year is not None:
        d = _date(year, month, day)
        if d is None or (weekday is not None and d.isoweekday() != weekday):
            return None  # a headline's "until Friday" over the dateline "September 18, 2008": two days
        return Resolved("DATE", _iso(d))
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}")
    if weekday is not None:  # "Friday, Oct. 23": the year in which that day is a Friday
        for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
            d = _date(y, month, day)
            if d and d.isoweekday() == weekday:
                return Resolved("DATE", _iso(d), anchored="published")
    local = ctx.moved_year()
    if local is not None:  # "in 1996 ... on March 3": the year the sentence is about
        d = _date(local, month, day)
        return Resolved("DATE", _iso(d), anchored="reference") if d else None
    d = _date(_pick_year(month, day, ctx.anchor, ctx.tense), month, day)
    return Resolved("DATE", _iso(d), anchored="published") if d else None


@_rule(r"UNIT_W of (?:WEEKDAY )?(?:MONTH (?:NUM|ORDINAL)|(?:NUM|ORDINAL) (?:of )?MONTH)(?: YEAR)?")
def _week_of(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """The week of a date: "the week of March 6" is the ISO week holding March 6."""
    got = _month_day(words[2:], m, ctx)
    point = parse_value(got.value) if got is not None else None
    if got is None or point is None:
        return got
    return Resolved("DATE", _week(point.date), anchored=got.anchored)


@_rule(r"(?:ORDINAL|last|final) (?:full )?UNIT_W (?:of|in) MONTH(?: (?:of )?YEAR)?")
def _week_in_month(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """ "the last week of March": the ISO week holding most of the month's first (or last) seven days."""
    i = next(i for i, w in enumerate(words) if w.cls == "month")
    got = (
        _month_year(words[i:], m, ctx)
        if _int(words, "year") is not None
        else _month(words[i : i + 1], m, ctx)
    )
    point = parse_value(got.value) if got is not None else None
    if got is None or point is None:
        return None
    n = _int(words, "ordinal")
    if n is None:  # the last week: the one holding the fourth day before the month's end
        day = _add_months(point.date, 1) - dt.timedelta(days=4)
    elif not 1 <= n <= 5:
        return None
    else:  # the n-th week: the one holding the n-th week's fourth day
        day = point.date + dt.timedelta(days=7 * (n - 1) + 3)
    if day.month != point.date.month:
        return None
    return Resolved("DATE", _week(day), anchored=got.anchored)


@_rule(r"MONTH (?:of )?YEAR")
def _month_year(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    return Resolved("DATE", f"{_int(words, 'year'):04d}-{_int(words, 'month'):02d}")


@_rule(r"MONTH (?:of )?(?:this|last|next) UNIT_Y|(?:this|last|next) UNIT_Y MONTH")
def _month_rel_year(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    if ctx.anchor is None:
        return None
    rel = next(w.text for w in words if w.text in ("this", "last", "next"))
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(rel, 0)
    return Resolved("DATE", f"{year:04d}-{_int(words, 'month'):02d}", anchored="published")


@_rule(r"(?:(?:fiscal|calendar|model) )?(?:UNIT_Y )?YEAR")
def _year(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    return Resolved("DATE", f"{_int(words, 'year'):04d}")


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip


@_rule(r"DECADE|(?:NUM )?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
def _decade(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    if words[-1].cls == "decade":
        return Resolved("DATE", str(words[-1].value))
    century = "20" if words[0].value == 20 and len(words) > 1 else "19"
    return Resolved("DATE", f"{century}{_DECADE_WORDS[words[-1].text]}")


@_rule(r"(?:(?:this|last|next|ORDINAL) )?(?:UNIT_CE|UNIT_ML)")
def _century(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    unit, _ = _unit(words)
    n = _int(words, "ordinal")
    if n is not None:
        return Resolved("DATE", f"{n - 1:02d}" if unit == "CE" else f"{n - 1}")
    if ctx.anchor is None:
        return None
    shift = {"last": -1, "previous": -1, "next": 1}.get(words[0].text, 0)
    if words[0].text == "past" and len(words) == 2 and unit == "CE":
        return Resolved("DURATION", "P100Y")  # "the past century": the hundred years up to now
    if unit == "ML":
        return Resolved("DATE", f"{ctx.anchor.year // 1000 + shift}", anchored="published")
    return Resolved("DATE", f"{ctx.anchor.year // 100 + shift:02d}", anchored="published")


_REL_SEASON = r"(?:(?:this|that|last|this past|past|next|this coming|coming|previous|following) )?"


@_rule(_REL_SEASON + r"SEASON(?: (?:of )?YEAR)?")
def _season(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    season = str(_first(words, "season").value)  # type: ignore[union-attr]
    year = _int(words, "year")
    if year is not None:
        return Resolved("DATE", f"{year:04d}-{season}")
    rel = _rel_word(words)
    base, how = ctx.base(rel in _ANAPHORIC)
    if base is None:
        return Resolved("DATE", f"XXXX-{season}")
    if rel in ("that", "same"):
        return Resolved("DATE", f"{base.date.year:04d}-{season}", anchored=how)
    which = "last" if rel in _REL_BACK else "next" if rel in _REL_FWD else None
    year = _season_year(season, which, base.date, None if rel == "this" else ctx.tense)
    return Resolved("DATE", f"{year:04d}-{season}", anchored=how)


def _season_year(season: str, which: str | None, anchor: dt.date, tense: str | None = None) -> int:
    """The year of "last/this/next <season>" seen from ``anchor`` (winter: the year of its January)."""
    year, current = _season_of(anchor)
    order = _SEASON_ORDER.index
    if which is None and tense == "past" and order(season) > order(current):
        which = "last"
    if which is None and tense == "future" and order(season) < order(current):
        which = "next"
    if which == "last":
        return year if order(season) < order(current) else year - 1
    if which == "next":
        return year if order(season) > order(current) else year + 1
    return year


@_rule(r"(?:(?:last|this past|past|next|this coming|coming|this|previous|following|that) )?MONTH")
def _month(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    month = _int(words, "month")
    assert month is not None
    rel = _rel_word(words)
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}")
    if rel is None or rel in ("that",):
        local = ctx.moved_year()
        if local is not None:  # "in 1996 ... in March": the year the sentence is about
            return Resolved("DATE", f"{local:04d}-{month:02d}", anchored="reference")
        year = _pick_year(month, 0, ctx.anchor, ctx.tense)
        return Resolved("DATE", f"{year:04d}-{month:02d}", anchored="published")
    base, how = ctx.base(rel in _ANAPHORIC)
    assert base is not None
    d = base.date
    if rel in _REL_BACK:
        year = d.year if month < d.month else d.year - 1
    elif rel in _REL_FWD:
        year = d.year if month > d.month else d.year + 1
    else:
        year = d.year
    return Resolved("DATE", f"{year:04d}-{month:02d}", anchored=how)


@_rule(r"(?:(?:this|last|next) )?HOLIDAY(?: YEAR)?(?: UNIT_W| UNIT_WE)?")
def _holiday_rule(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    spec = str(_first(words, "holiday").value)  # type: ignore[union-attr]
    year = _int(words, "year")
    how: str | None = None
    if year is None:
        if ctx.anchor is None:
            return None
        this = _holiday(spec, ctx.anchor.year)
        if this is None:
            return None
        year, how = ctx.anchor.year, "published"
        rel = words[0].text if words[0].text in ("this", "last", "next") else None
        direction = {"last": "past", "next": "future"}.get(rel or "", ctx.tense or "")
        # a holiday week ("Easter week") still ahead by some days is the one the anchor is in
        slack = dt.timedelta(days=0 if rel else 6 if words[-1].cls == "unit" else 3)
        if direction == "past" and this > ctx.anchor + slack:
            year -= 1
        elif direction == "future" and this < ctx.anchor - slack:
            year += 1
    d = _holiday(spec, year)
    if d is None:
        return None
    if words[-1].cls == "unit":
        return Resolved("DATE", _week(d) + ("-WE" if words[-1].value == "WE" else ""), anchored=how)
    return Resolved("DATE", _iso(d), anchored=how)


# --- weekdays, days and times ----------------------------------------------------------------


def _daypart_value(words: list[Word]) -> str | None:
    dp = _first(words, "daypart")
    return str(dp.value) if dp is not None else None


def _day_value(d: dt.date, part: str | None) -> Resolved:
    if part:
        return Resolved("TIME", f"{_iso(d)}T{part}")
    return Resolved("DATE", _iso(d))


# parts of a named weekday that TimeML corpora (TimeBank, AQUAINT) value as the whole day: "Friday
# night" and "Thursday morning" are mostly annotated 1998-10-23, not 1998-10-23TNI; an evening or an
# afternoon keeps its part ("Friday evening" 1989-10-27TEV), and so do deictic days ("last night")
_WHOLE_DAY_PARTS = frozenset({"MO", "NI"})

_REL_WEEKDAY = (
    r"(?:(?:last|this|next|this coming|this past|coming|past|previous|following|that|same|that same) )?"
)


@_rule(_REL_WEEKDAY + r"WEEKDAY(?: DAYPART)?")
def _weekday(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    wd = _int(words, "weekday")
    assert wd is not None
    rel = _rel_word(words)
    part = _daypart_value(words)
    anaphoric = rel in _ANAPHORIC
    base, how = ctx.base(anaphoric)
    if base is None:
        return Resolved("TIME" if part else "DATE", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""))
    d = base.date
    if rel in _REL_BACK or rel == "previous":
        direction = "last"
    elif rel in _REL_FWD:
        direction = "next"
    elif rel == "this":
        # "this Sunday, he crossed the Channel", read on Tuesday: the Sunday just gone
        direction = {"future": "future", "past": "past"}.get(ctx.tense or "", "this")
    elif rel in ("that", "same", "that same"):
        direction = "past"
    else:
        direction = _direction(ctx)
        local = ctx.local
        if (
            local is not None
            and local.gran == "W"
            and ctx.anchor is not None
            and local.date < _weekday_date(ctx.anchor, 1, "past")
        ):
            # "last week ... on Monday": the weekday of the week the sentence is about
            d, how, direction = local.date, "reference", "this"
    if part in _WHOLE_DAY_PARTS:
        part = None  # "Friday night", "Thursday morning": the day itself (TBAQ's convention)
    got = _day_value(_weekday_date(d, wd, direction), part)
    return Resolved(got.type, got.value, anchored=how)


@_rule(r"WEEKDAYS(?: DAYPARTS?)?|WEEKDAY DAYPARTS|(?:every|each) (?:other )?WEEKDAYS?(?: DAYPARTS?)?")
def _weekday_set(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    part = _daypart_value(words)
    return Resolved("SET", f"XXXX-WXX-{_int(words, 'weekday')}" + (f"T{part}" if part else ""))


_WEEK = dt.timedelta(days=7)
_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@_rule(
    r"(?:UNIT_D (?:before|after) )?(?:today|tonight|yesterday|tomorrow)(?: DAYPART)?"
    r"|DAYPART (?:today|yesterday|tomorrow)"
)
def _deictic(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    word = next(w.text for w in words if w.text in _DEICTIC)
    if ctx.signal == "generic" and len(words) == 1:
        # "today's world", "the people of tomorrow": the present or the future, not a day
        return Resolved("DATE", {"today": "PRESENT_REF", "tomorrow": "FUTURE_REF"}.get(word, "PAST_REF"))
    offset = _DEICTIC[word]
    if _has(words, "before"):
        offset -= 1
    elif _has(words, "after"):
        offset += 1
    part = _daypart_value(words) or ("NI" if word == "tonight" else None)
    if ctx.anchor is None:
        return Resolved("TIME" if part else "DATE", UNKNOWN + (f"T{part}" if part else ""))
    got = _day_value(ctx.anchor + dt.timedelta(days=offset), part)
    return Resolved(got.type, got.value, anchored="published")


@_rule(r"(?:(?:this|last|that|next|following|previous|same) )?DAYPART")
def _rel_daypart(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    part = _daypart_value(words)
    assert part is not None
    rel = words[0].text if len(words) > 1 else None
    if words[0].text == "overnight" and ctx.anchor is not None:
        # in a report, "overnight" is the night before the day it tells of: the day in view when
        # the text has moved to a recent day ("Friday ... overnight losses"), else the night before it
        ref = ctx.reference
        if ref is not None and ref.gran in ("D", "T") and dt.timedelta(0) < ctx.anchor - ref.date <= _WEEK:
            return Resolved("TIME", f"{_iso(ref.date - dt.timedelta(days=1))}TNI", anchored="reference")
        return Resolved("TIME", f"{_iso(ctx.anchor - dt.timedelta(days=1))}TNI", anchored="published")
    if rel is None and part not in ("MO", "AF", "EV", "NI"):
        rel = "that"  # noon, midnight: of the day in view
    anaphoric = rel in ("that", "following", "previous", "same") or rel is None
    if ctx.reference is None or ctx.reference.gran not in ("D", "T"):
        anaphoric = False  # a time of day needs a day, not a year, to hang on
    base, how = ctx.base(anaphoric)
    if base is None:
        return None
    d = base.date
    if rel == "last" or rel == "previous":
        d -= dt.timedelta(days=1)
    elif rel in ("next", "following"):
        d += dt.timedelta(days=1)
    return Resolved("TIME", f"{_iso(d)}T{part}", anchored=how)


_CLOCK_RULE = (
    r"(?:CLOCK|NUM|DAYPART)(?: (?:AMPM|o'clock))?(?: (?:in the )?DAYPART)?(?: TZ)?"
    r"(?: (?:on |this |last |the )?(?:today|tonight|yesterday|tomorrow|WEEKDAY|MONTH (?:NUM|ORDINAL)(?: YEAR)?"
    r"|DAYPART))?(?: DAYPART)?"
)


@_rule(_CLOCK_RULE)
def _clock(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    clock = _first(words, "clock")
    ampm = _first(words, "ampm")
    parts = [str(w.value) for w in words if w.cls == "daypart"]
    minute = 0
    if clock is not None and isinstance(clock.value, tuple):
        hour, minute = clock.value
    elif words[0].cls == "num" and isinstance(words[0].value, int) and words[0].text not in ("a", "an"):
        hour = words[0].value
        if (
            ampm is None
            and not any(p in ("MO", "AF", "EV", "NI") for p in parts)
            and not _has(words, "o'clock")
        ):
            return None  # a bare number is no time
    elif parts and ":" in parts[0]:
        hour, minute = (int(x) for x in parts[0].split(":"))
        parts = parts[1:]
    else:
        return None
    if not 0 <= hour <= 24 or not 0 <= minute < 60:
        return None
    if ampm is not None:
        if ampm.value == "pm" and hour < 12:
            hour += 12
        elif ampm.value == "am" and hour == 12:
            hour = 0
    elif (parts and parts[0] in ("AF", "EV") and hour < 12) or (
        parts and parts[0] == "NI" and 6 <= hour < 12
    ):
        hour += 12
    # a time in Coordinated Universal Time carries ISO's zone designator; a local zone (EST) none,
    # as TimeML's annotated news gives it
    zone = "Z" if any(w.cls == "tz" and w.value in ("UTC", "GMT") for w in words) else ""
    clock_text = f"{hour:02d}:{minute:02d}{zone}"
    month = _int(words, "month")
    wd = _int(words, "weekday")
    how = "published"
    if month is not None:
        day_n = _int(words[1:], "num") if words[0].cls == "num" else _int(words, "num")
        day_n = day_n or _int(words, "ordinal")
        if day_n is None:
            return None
        sub = [Word("m", "month", month), Word("d", "num", day_n)]
        if (y := _int(words, "year")) is not None:
            sub.append(Word("y", "year", y))
        got = _month_day(sub, m, ctx)
        if got is None:
            return None
        return Resolved("TIME", f"{got.value[:10]}T{clock_text}", anchored=got.anchored)
    if ctx.anchor is None:
        return Resolved("TIME", f"{UNKNOWN}T{clock_text}")
    if wd is not None:
        day = _weekday_date(ctx.anchor, wd, _direction(ctx))
    elif (word := next((w.text for w in words if w.text in _DEICTIC), None)) is not None:
        day = ctx.anchor + dt.timedelta(days=_DEICTIC[word])
    else:  # the day in view, else the day of publication
        base, how = ctx.base(ctx.reference is not None and ctx.reference.gran in ("D", "T"))
        day = base.date if base is not None else ctx.anchor
    return Resolved("TIME", f"{_iso(day)}T{clock_text}", anchored=how)


# --- fiscal quarters and halves ----------------------------------------------------------------

_PERIOD_PRE = (
    r"(?:fiscal|calendar|financial|comparable|corresponding|same|latest|current|recent|most|previous|prior|"
    r"last|this|that|next|first|final|ORDINAL|YEAR|full|entire|flat|UNIT_Y (?:earlier|ago|before)|UNIT_Y)"
)
_PERIOD_RULE = (
    rf"(?:{_PERIOD_PRE} )*(?:UNITS?_Q|period|half)"
    r"(?: (?:of|in) (?:fiscal )?(?:YEAR|(?:this|last|next) UNIT_Y))?"
    r"(?: (?:NUM )?UNIT_Y (?:earlier|ago|before)| (?:of )?last UNIT_Y)?"
)


@_rule(_PERIOD_RULE)
def _period(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """Fiscal quarters and halves: "third-quarter", "the year-earlier period", "the latest quarter"."""
    texts = [w.text for w in words]
    half = "half" in texts
    code, n_parts = ("H", 2) if half else ("Q", 4)
    unit_w = _first(words, "unit")
    is_set = unit_w is not None and unit_w.plural
    # a year back: "year-earlier", "a year ago", "last year's", "the quarter of last year"
    year_back = False
    year_rel = 0
    for i, w in enumerate(words):
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        if w.cls == "unit" and w.value == "Y" and nxt in ("earlier", "ago", "before"):
            year_back = True
        if w.text in ("last", "this", "next") and i + 1 < len(words) and words[i + 1].value == "Y":
            year_rel = {"last": -1, "next": 1}.get(w.text, 0)
    year = _int(words, "year")
    part: int | None = _int(words, "ordinal")
    if part is None and "first" in texts:
        part = 1
    if part is None and half and ("last" in texts or "final" in texts) and year_rel == 0:
        part = 2
    if part is None and "final" in texts:
        part = n_parts
    if part is not None and not 1 <= part <= n_parts:
        return None
    if is_set and year is None:  # "business is done in the second and fourth quarters": each year's
        return Resolved("SET", f"XXXX-{code}{part}") if part else None
    if "period" in texts and part is None and not half:
        if not (
            year_back
            or year is not None
            or ctx.period is not None
            or any(t in texts for t in ("latest", "comparable", "corresponding", "same", "current", "recent"))
        ):
            return None
        ref = ctx.reference
        if "same" in texts and (year_back or year_rel) and ref is not None and ref.gran in ("M", "Y"):
            # "sales rose in February compared to the same period last year": February a year back;
            # "in the first two months of 1987, up from the same period of last year": in 1986
            if ref.gran == "Y" and year_rel and ctx.anchor is not None:
                return Resolved("DATE", f"{ctx.anchor.year + year_rel:04d}", anchored="published")
            return Resolved("DATE", _value(_shift(ref, -1, "Y")), anchored="reference")
        code = ctx.period.gran if ctx.period is not None and ctx.period.gran in ("Q", "H") else "Q"
        n_parts = 2 if code == "H" else 4
    # the period in view: a quarter mentioned before, else the last one completed
    if ctx.anchor is None and ctx.period is None:
        return Resolved("DATE", f"{year or 'XXXX'}-{code}{part or 'X'}")
    current = _at(ctx.anchor, "Q") if ctx.anchor is not None else None
    if current is not None and code == "H":
        current = _Point(
            dt.date(current.date.year, 1 if current.date.month <= 6 else 7, 1),
            "H",
            "1" if current.date.month <= 6 else "2",
        )
    in_view = ctx.period if ctx.period is not None and ctx.period.gran == code else None
    how = "published"
    if part is not None:
        if year is None:
            if year_rel:
                assert ctx.anchor is not None
                year = ctx.anchor.year + year_rel
            elif ctx.anchor is not None:
                year = ctx.anchor.year
                start = dt.date(year, (part - 1) * (12 // n_parts) + 1, 1)
                if start > ctx.anchor and ctx.tense != "future":
                    year -= 1
            else:
                return Resolved("DATE", f"XXXX-{code}{part}")
        point = _Point(dt.date(year, (part - 1) * (12 // n_parts) + 1, 1), code, str(part))
    else:
        assert current is not None or in_view is not None
        rel = _rel_word(words)
        if rel == "this" and in_view is not None and not year_back:
            point, how = in_view, "reference"  # "this quarter's loss": the quarter reported on
        elif rel in ("current", "this", "present") and not year_back and current is not None:
            point = current
        elif rel in _REL_FWD and current is not None:
            point = _shift_period(current, 1)
        elif rel in ("previous", "prior", "preceding") and in_view is not None:
            point, how = _shift_period(in_view, -1), "reference"
        elif in_view is not None:
            point, how = in_view, "reference"
        else:
            assert current is not None
            point = _shift_period(current, -1)
        if year is not None:
            point = _Point(point.date.replace(year=year), point.gran, point.part)
        elif year_rel:
            point = _shift(point, year_rel, "Y")
    if year_back:
        point = _shift(point, -1, "Y")
    return Resolved("DATE", _value(point), anchored=how)


def _shift_period(p: _Point, n: int) -> _Point:
    if p.gran == "H":
        moved = _add_months(p.date, 6 * n)
        return _Point(moved, "H", "1" if moved.month <= 6 else "2")
    moved = _add_months(p.date, 3 * n)
    return _Point(moved, "Q", str(_quarter_of(moved)))


# --- relative units --------------------------------------------------------------------------

_REL_UNIT_RULE = (
    r"(?:(?:last|this past|past|previous|prior|preceding|next|this coming|coming|following|upcoming|this|current"
    r"|present|same|that same|that|latest|ensuing|subsequent|recent|most recent) )?"
    r"(?:(?:fiscal|calendar|full|financial|entire|whole) )?UNIT"
    r"(?: (?:of|in) (?:YEAR|(?:this|last|next) UNIT_Y))?"
)


@_rule(_REL_UNIT_RULE)
def _rel_unit(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """ "last year", "this week", "the following day", "the year" (this year, or a year's duration)."""
    unit, _ = _unit(words)
    rel = _rel_word(words)
    year = _int(words, "year")
    if unit in ("H", "MIN", "S", "2W"):
        return None
    if unit in ("CE", "ML"):
        return _century(words, m, ctx)
    if rel is None and unit in ("Y", "M", "W") and ctx.signal in ("throughout", "lasting"):
        return Resolved("DURATION", _duration(1, unit))
    if rel is None and unit == "Y" and ctx.after in ("ended", "ending", "ends", "beginning", "starting"):
        return Resolved("DURATION", "P1Y")  # "in the year ended March 31": a fiscal year's length
    if unit == "DE":
        if rel in ("past", "this past"):
            return Resolved("DURATION", "P10Y")  # "the past decade": the ten years up to now
        base, how = ctx.base(False)
        if base is None:
            return None
        shift = -1 if rel in _REL_BACK else 1 if rel in _REL_FWD else 0
        return Resolved("DATE", f"{base.date.year // 10 + shift:03d}", anchored=how)
    if year is not None and unit == "Y":
        return Resolved("DATE", f"{year:04d}")
    if (
        rel is None
        and unit == "Y"
        and ctx.tense == "past"
        and ctx.period is not None
        and ctx.period.gran in ("Q", "H", "Y")
    ):
        # "lost $4.8 billion in the fourth quarter of 2005 and $8.6 billion for the entire year": the
        # year of the period reported on (a year ahead, "the year's sales should exceed", is this one)
        return Resolved("DATE", f"{ctx.period.date.year:04d}", anchored="reference")
    ref = ctx.reference
    if rel is None and unit == "M" and ref is not None and ref.gran in ("M", "D"):
        # "February volume rose ...; market value for the month": the month just named
        return Resolved("DATE", _value(_at(ref.date, "M")), anchored="reference")
    anaphoric = rel in _ANAPHORIC or (rel is None and unit == "D")
    base, how = ctx.base(anaphoric)
    if base is None:
        return Resolved("DATE", _unknown(unit))
    if rel in ("latest", "recent", "most recent"):
        shift = -1 if unit == "Y" else 0
    elif rel in _REL_BACK:
        shift = -1
    elif rel in _REL_FWD:
        shift = 1
    else:
        shift = 0
    if how == "reference" and _COARSER.get(base.gran, 0) > _COARSER.get(unit, 0):
        # "that day" after "in 1987": some day of that year ("1987-XX-XX"), not its first day
        if unit == "D" and rel in (None, "that") and base.gran in ("Y", "DE", "CE"):
            return None  # "strong redemptions that day": no day of a year in view, a generic day
        return Resolved("DATE", _some_within(base, unit), anchored=how)
    if unit == "D":
        return Resolved("DATE", _iso(base.date + dt.timedelta(days=shift)), anchored=how)
    if unit == "WE":
        d = base.date
        if shift == 0 and ctx.tense == "past" and d.isoweekday() < 6:
            shift = -1
        return Resolved("DATE", _week(d + dt.timedelta(days=7 * shift)) + "-WE", anchored=how)
    if base.gran == unit and how == "reference":
        return Resolved("DATE", _value(_shift(base, shift, unit)), anchored=how)
    p = _shift(_at(base.date, unit), shift, unit)
    return Resolved("DATE", _value(p), anchored=how)


# how coarse a granularity is, to tell when a reference cannot place a finer unit
_COARSER = {"D": 1, "T": 0, "W": 2, "WE": 2, "M": 3, "S": 4, "Q": 4, "H": 5, "Y": 6, "DE": 7, "CE": 8}


def _unknown(unit: str) -> str:
    return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "Q": "XXXX-QX"}.get(unit, UNKNOWN)


def _some_within(base: _Point, unit: str) -> str:
    """Some day, week or month of a coarser point in view: "1987-02-XX", "1987-WXX"."""
    year = f"{base.date.year:04d}"
    if unit == "D":
        return f"{year}-{base.date.month:02d}-XX" if base.gran == "M" else f"{year}-XX-XX"
    return year + {"W": "-WXX", "WE": "-WXX-WE", "M": "-XX"}.get(unit, "")


@_rule(r"(?:NUM )?ORDINAL (?:consecutive |straight |successive )?UNIT_D")
def _ordinal_day(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """A day counted in a run ("today is the eighth day of Desert Shield", "trading was halted for
    a second consecutive day"): the day the sentence is told on, or, told in the past, the day in
    view."""
    if words[0].cls == "num" and words[0].text not in ("a", "an"):
        return None  # "two third days"
    if ctx.tense == "past":
        ref = ctx.reference
        return Resolved("DATE", _iso(ref.date) if ref is not None and ref.gran in ("D", "T") else UNKNOWN)
    if (ctx.tense in ("future", "conditional") and ctx.signal != "for") or ctx.anchor is None:
        return Resolved("DATE", UNKNOWN)  # "trading will resume on the third day": not known yet
    return Resolved("DATE", _iso(ctx.anchor), anchored="published")


@_rule(r"UNIT (?:before|after|previous|prior|before last|after next)")
def _unit_before(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """ "the day before", "the year after", "the year previous" (of the date in view), "the week
    before last"."""
    unit, _ = _unit(words)
    if unit not in ("D", "W", "M", "Y", "WE"):
        return None
    last = words[-1].text
    if last in ("last", "next"):
        base, how = ctx.base(False)
        n = -2 if last == "last" else 2
    else:
        n = 1 if last == "after" else -1
        if unit == "Y" and ctx.period is not None and ctx.period.gran in ("Q", "H"):
            return Resolved("DATE", _value(_shift(ctx.period, n, "Y")), anchored="reference")
        base, how = ctx.base(True)
    if base is None:
        return None
    if how == "reference" and _COARSER.get(base.gran, 0) > _COARSER.get(unit, 0):
        return Resolved("DATE", _some_within(base, unit), anchored=how)  # "the week before" February
    p = _shift(_at(base.date, unit), n, "W" if unit == "WE" else unit)
    return Resolved("DATE", _value(p), anchored=how)


# --- ago, durations, sets ----------------------------------------------------------------

_COUNT = r"(?:(?:NUM|YEAR) (?:FRACTION )?(?:andahalf )?|halfa )"
_AGO_RULE = (
    rf"{_COUNT}?(?:(?:more|full|long) )?UNITS?(?: andahalf)? "
    r"(?:ago|back|from now|hence|earlier|later|before|after|previously|afterwards?)"
)


@_rule(_AGO_RULE)
def _ago(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """ "two years ago" (from the publication date), "a day earlier" (from the date in view)."""
    unit, plural = _unit(words)
    tail = " ".join(w.text for w in words[-2:]) if _has(words, "from now") else words[-1].text
    sign, kind = _AGO[tail]
    n = _num(words)
    if n == "X":
        if plural:
            return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
        n = 1
    assert isinstance(n, (int, float))
    if unit in ("H", "MIN", "S"):
        return None
    anaphoric = kind == "reference"
    if unit == "Y" and ctx.period is not None and ctx.period.gran in ("Q", "H", "Y"):
        # "a year ago" said of a fiscal quarter: the same quarter a year before (of a fiscal year,
        # or of the months to date: the year before)
        return Resolved("DATE", _value(_shift(ctx.period, sign * n, "Y")), anchored="reference")
    base, how = ctx.base(anaphoric)
    if base is None:
        return Resolved("DATE", UNKNOWN)
    years = n * _YEARS_IN.get(unit, 0)
    if sign < 0 and years >= base.date.year:
        return Resolved("DATE", _deep_past(years, base.date.year), anchored=how)
    if anaphoric and base.gran in ("Q", "H", "M", "Y", "S") and unit in ("Y", "Q", "M"):
        return Resolved("DATE", _value(_shift(base, sign * n, unit)), anchored=how)
    gran = {"DE": "Y", "CE": "Y", "ML": "Y", "2W": "W", "WE": "W"}.get(unit, unit)
    p = (
        _shift(_at(base.date, gran), sign * n, unit)
        if gran != "D"
        else _shift(_Point(base.date, "D"), sign * n, unit)
    )
    return Resolved("DATE", _value(p), anchored=how)


def _deep_past(years: float, now: int) -> str:
    """A time before the year 1 as TIMEX values write it: "BC0481" for "2,500 years ago" told in
    2020; thousands, millions and billions of years ago as "KA12", "MA65", "GA4.5"."""
    for least, scale, code in ((1e9, 1e9, "GA"), (1e6, 1e6, "MA"), (1e4, 1e3, "KA")):
        if years >= least:
            return f"{code}{years / scale:g}"
    return f"BC{round(years) - now + 1:04d}"


_DUR_RULE = (
    r"(?:(?:a|an|another|each of the|all|of|UNIT_Y earlier|UNIT_Y ago) )?(?:(?:past|last|next|first|coming|previous|following|final|future|"
    r"recent|remaining|initial|latest|ensuing|succeeding|subsequent|preceding|prior|few|several|many|ORDINAL) )*"
    rf"(?:{_COUNT}(?:(?:to|or|and) (?:NUM|YEAR) )?|a (?:few |couple of )?)?"
    r"(?:(?:more|additional|full|straight|consecutive|trading|business|working|calendar|long|short|extra|further|"
    r"successive) )*UNITS?(?: andahalf)?(?: (?:old|long|period|stretch|span|term|run|ahead|to come))?"
    r"(?: (?:or|and) UNITS)?"
)


@_rule(_DUR_RULE)
def _dur(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """ "two years", "the past 20 months", "five-hour", "a week", "several years", "coming weeks"."""
    unit, plural = _unit(words)
    texts = [w.text for w in words]
    units = [w for w in words if w.cls == "unit"]
    if len(units) == 2 and units[0].plural and units[1].plural:
        unit = str(units[0].value)  # "weeks or months": vague, the shorter length named first
    n = _num(words)
    counted = n != "X" or any(w.cls == "num" for w in words)
    if not counted and not plural:
        if texts[0] not in ("a", "an", "another") and texts[-1] != "long":
            return None
        n = 1
    if not plural and isinstance(n, int) and n > 1 and ctx.after in _AGO_WORDS:
        return None  # "versus 292,000 week ago": a count of something else, then "week ago"
    if sum(w.cls in ("num", "year") for w in words) >= 2 and any(t in ("to", "or") for t in texts):
        n = "X"
    if ctx.signal == "someday" and n == 1 and unit == "D":
        # "Islam will one day be ...": some day, not a day's length
        return Resolved("DATE", "PAST_REF" if ctx.tense == "past" else "FUTURE_REF")
    if ctx.after == "when" and texts[0] in ("a", "an") and n == 1 and not plural:
        # "there came a day when ...", "a week when prices fell": a time the clause picks out, not a
        # length
        return Resolved("DATE", "PAST_REF" if ctx.tense == "past" else "FUTURE_REF")
    if ctx.signal in _SET_SIGNALS and texts[0] in ("a", "an") and n == 1:
        return Resolved("SET", _duration(1, unit))
    if not counted and plural:
        if "recent" in texts and unit in ("Y", "DE"):
            return Resolved("DATE", "PAST_REF")
        if "past" in texts and unit == "Y" and len(texts) == 2:
            return Resolved("DATE", "PAST_REF")
        if ("coming" in texts and unit in ("M", "Q")) or "future" in texts:
            return Resolved("DATE", "FUTURE_REF")
    return Resolved("DURATION", _duration(n, unit))


@_rule(r"(?:every|each|per) (?:other |single )?(?:NUM )?(?:UNITS?|DAYPART|MONTH|SEASON)")
def _set(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """ "every day", "each July", "every other week", "every three years"."""
    n: object = 2 if _has(words, "other") else 1
    numw = _first(words, "num")
    if numw is not None:
        n = numw.value
    if (month := _int(words, "month")) is not None:
        return Resolved("SET", f"XXXX-{month:02d}")
    if (sw := _first(words, "season")) is not None:
        return Resolved("SET", f"XXXX-{sw.value}")
    if (part := _daypart_value(words)) is not None:
        return Resolved("SET", f"XXXX-XX-XXT{part}")
    unit, _ = _unit(words)
    return Resolved("SET", _duration(n, unit))


@_rule(r"UNIT_Y end")
def _year_end(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    if ctx.anchor is None:
        return None
    return Resolved("DATE", f"{ctx.anchor.year:04d}", "END", anchored="published")


@_rule(
    r"(?:(?:some|a|NUM) )?(?:(?:long|short|little|brief|lengthy|fairly lengthy|considerable) )?(?:time|while)"
)
def _a_while(words: list[Word], m: re.Match[str], ctx: _Ctx) -> Resolved | None:
    if len(words) == 1:
        return None
    return Resolved("DURATION", "PXX")


# --------------------------------------------------------------------------- timeline order

_SEASON_MONTH = {"WI": "01", "SP": "04", "SU": "07", "FA": "10"}


def sort_key(value: str | None, published: str | None = None) -> str | None:
    """A ``YYYY-MM-DD`` string that orders a TIMEX3 value on a timeline.

    Partial dates sort at their start ("2024-08" -> "2024-08-01", seasons at
    their first month, weeks at their Monday, halves at January or July,
    decades and centuries at their first year, times before the year 1 first
    of all); reference words and unresolved values sort at the publication
    date. None when nothing places it.
    """
    if value:
        m = re.match(r"^(\d{4})(?:-(\d{2}|SP|SU|FA|WI|W\d{2}|Q\d|H\d))?(?:-(\d{2}))?", value)
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
            if part.startswith("H"):
                return f"{year}-{'07' if part == 'H2' else '01'}-01"
            return f"{year}-{part}-{day or '01'}"
        if m := re.match(r"^(\d{2,3})$", value):
            return f"{m[1]:0<4}-01-01"  # a decade ("199") or a century ("19")
        if re.match(r"^(?:BC|KA|MA|GA)\d", value):
            return "0000-01-01"  # before the year 1: first, in no finer order
    return published[:10] if published else None
