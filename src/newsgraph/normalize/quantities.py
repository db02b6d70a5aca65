"""Numbers in digits and words, bounds, ranges and currencies, as pure functions (no spaCy).

``parse_number`` reads one figure: "12,000", "1.5 million", "two-thirds",
"twenty-five", "a dozen", "3 1/2", "$4bn", "hundreds". ``parse_range`` reads
"10,000 to 12,000", "10,000-12,000", "between 5 and 7 million". ``vague_number``
gives the value and bound of plural scale words ("hundreds of" -> 100, lower).
"""

from __future__ import annotations

import re

__all__ = [
    "BOUNDS",
    "BOUNDS_AFTER",
    "CURRENCY_SYMBOLS",
    "parse_number",
    "parse_range",
    "vague_number",
]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ARTICLES = {"a": 1, "an": 1}
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7,
}  # fmt: skip
_GROUPS = {"dozen": 12, "score": 20, "hundred": 100}
# denominators of fractions: "two-thirds", "a quarter", "three fifths", "one half"
_DENOMS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
# plural scale words without a number: a vague lower bound
_VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 100, "thousands": 1000, "tens of thousands": 10_000,
    "hundreds of thousands": 100_000, "millions": 1e6, "tens of millions": 1e7,
    "hundreds of millions": 1e8, "billions": 1e9, "several": 3, "a few": 2, "a couple": 2,
}  # fmt: skip

# bound words before a figure -> bound
BOUNDS = {
    "up to": "upper", "as many as": "upper", "no more than": "upper", "not more than": "upper",
    "fewer than": "upper", "less than": "upper", "under": "upper", "nearly": "upper",
    "almost": "upper", "just under": "upper", "below": "upper", "at most": "upper", "as much as": "upper",
    "at least": "lower", "more than": "lower", "over": "lower", "at minimum": "lower",
    "above": "lower", "in excess of": "lower", "upwards of": "lower", "no fewer than": "lower",
    "no less than": "lower", "just over": "lower", "exceeding": "lower",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "close to": "approx",
    "nearly all": "approx", "approx.": "approx", "circa": "approx", "an approximate": "approx",
    "almost exactly": "exact", "exactly": "exact", "precisely": "exact",
}  # fmt: skip
# bound words after a figure ("4,000 or more")
BOUNDS_AFTER = {
    "or more": "lower",
    "or so": "approx",
    "or less": "upper",
    "or fewer": "upper",
    "plus": "lower",
}

CURRENCY_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₴": "UAH",
    "₹": "INR",
}

_NUM = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[-+]?\.\d+$")
_NUM_SUFFIX = re.compile(r"^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(k|m|mn|mln|bn|b|tn)$")
_SLASH = re.compile(r"^(\d+)/(\d+)$")
_SPLIT = re.compile(r"[\s\u00a0]+|(?<=[a-z])-(?=[a-z])")
_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(?P<a>.+?)\s*(?:-|–|—|\bto\b|\band\b|\bor\b)\s*(?P<b>.+)$", re.IGNORECASE
)
_SYMBOLS = re.compile(r"^(?:us\$|[$€£¥₽₴₹])\s*")


def _clean(text: str) -> str:
    t = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-").strip()
    t = _SYMBOLS.sub("", t.strip(" .,;:"))
    t = t.rstrip("%").strip()
    t = re.sub(r"\s*per\s*cent$|\s*percent$", "", t)
    return t


def _fraction(parts: list[str]) -> float | None:
    """ "two thirds", "a quarter", "one half", "three-fourths", "half" -> value (< 1 usually)."""
    if len(parts) == 1 and parts[0] in ("half", "quarter"):
        return 1 / _DENOMS[parts[0]]
    if len(parts) != 2 or parts[1] not in _DENOMS:
        return None
    num: float | None
    if parts[0] in _UNITS:
        num = _UNITS[parts[0]]
    elif parts[0] in _ARTICLES:
        num = 1
    elif _NUM.match(parts[0]):
        num = float(parts[0].replace(",", ""))
    else:
        num = None
    if num is None:
        return None
    if parts[1] in ("half", "halves", "quarter", "quarters") or parts[1].endswith("s") or num == 1:
        return round(num / _DENOMS[parts[1]], 4)
    return None


def parse_number(text: str) -> float | None:
    """The value of one figure written in digits, words or both; None when it is not a number."""
    t = _clean(text)
    if not t:
        return None
    if _NUM.match(t):
        return float(t.replace(",", ""))
    m = _NUM_SUFFIX.match(t)
    if m:
        return float(m.group(1).replace(",", "")) * _SCALES[m.group(2)]
    m = _SLASH.match(t)
    if m and int(m.group(2)):
        return round(int(m.group(1)) / int(m.group(2)), 4)
    parts = [p for p in _SPLIT.split(t) if p and p != "and"]
    frac = _fraction(parts)
    if frac is not None:
        return frac
    if " ".join(parts) in _VAGUE:
        return float(_VAGUE[" ".join(parts)])
    total, current = 0.0, 0.0
    seen = False
    for n, part in enumerate(parts):
        if _NUM.match(part):
            current += float(part.replace(",", ""))
        elif _NUM_SUFFIX.match(part):
            m = _NUM_SUFFIX.match(part)
            assert m is not None
            current += float(m.group(1).replace(",", "")) * _SCALES[m.group(2)]
        elif part in _UNITS:
            current += _UNITS[part]
        elif part in _ARTICLES and n + 1 < len(parts):
            current += 1
            continue  # "a dozen", "a million": the article counts only with what follows
        elif part in _GROUPS:
            current = (current or 1) * _GROUPS[part]
        elif part in _SCALES and len(part) > 2 and seen:
            current = (current or 1) * _SCALES[part]
            total += current
            current = 0.0
        elif part in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * _SCALES[part]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_range(text: str) -> tuple[float, float] | None:
    """ "10,000 to 12,000", "10,000-12,000", "between 5 and 7 million" -> (low, high); None otherwise.

    A scale word after the second figure applies to the first when it has none
    ("5 to 7 million" is 5 million to 7 million).
    """
    m = _RANGE.match(text.strip())
    if not m:
        return None
    a_text, b_text = m.group("a"), m.group("b")
    b = parse_number(b_text)
    a = parse_number(a_text)
    if a is None or b is None:
        return None
    scale = next(
        (s for s in ("thousand", "million", "billion", "trillion") if b_text.lower().endswith(s)), None
    )
    if scale and not any(a_text.lower().endswith(s) for s in _SCALES) and a < _SCALES[scale]:
        a *= _SCALES[scale]
    if a > b:
        return None
    return a, b


def vague_number(text: str) -> tuple[float, str] | None:
    """ "hundreds", "tens of thousands", "dozens", "several" -> (value, bound)."""
    t = " ".join(_clean(text).split())
    if t in _VAGUE:
        return float(_VAGUE[t]), "lower" if t not in ("several", "a few", "a couple") else "approx"
    return None
