"""Numbers in digits and words, bounds and units, as pure functions.

First version: digits with separators and scale words, small number words,
fractions, and the bound words that precede a figure.
"""

from __future__ import annotations

import re

__all__ = ["BOUNDS", "parse_number"]

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100,
    "a": 1, "an": 1,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "hundred": 100}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2}

# bound words before a figure -> bound
BOUNDS = {
    "up to": "upper", "as many as": "upper", "no more than": "upper", "fewer than": "upper",
    "less than": "upper", "under": "upper", "nearly": "upper", "almost": "upper",
    "at least": "lower", "more than": "lower", "over": "lower", "at minimum": "lower",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx",
}  # fmt: skip

_NUM = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-+]?\d+(?:\.\d+)?$")


def parse_number(text: str) -> float | None:
    """The value of a number written in digits, words or both ("1.5 million", "two-thirds")."""
    t = text.lower().replace("\u2013", "-").strip().strip(".")
    t = re.sub(r"^[$€£¥]", "", t).rstrip("%").strip()
    if _NUM.match(t):
        return float(t.replace(",", ""))
    parts = re.split(r"[\s-]+", t)
    if (len(parts) == 2 and parts[1].rstrip("s") in _FRACTIONS) or (
        len(parts) == 2 and parts[1].endswith(("ths", "th", "rds", "rd")) and parts[0] in _WORDS
    ):
        num = _WORDS.get(parts[0]) if not parts[0].isdigit() else int(parts[0])
        frac = _FRACTIONS.get(parts[1].rstrip("s"))
        if frac is None:
            denom = parts[1].rstrip("s")
            denom_words = {"thirds": 3, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "tenth": 10}
            frac = 1 / denom_words[denom] if denom in denom_words else None
        if num is not None and frac is not None:
            return round(num * frac, 4)
    total, current = 0.0, 0.0
    seen = False
    for part in parts:
        if part in ("and",):
            continue
        if _NUM.match(part):
            current += float(part.replace(",", ""))
            seen = True
        elif part in _SCALES and part != "hundred":
            current = (current or 1) * _SCALES[part]
            total += current
            current = 0.0
            seen = True
        elif part == "hundred":
            current = (current or 1) * 100
            seen = True
        elif part in _WORDS:
            current += _WORDS[part]
            seen = True
        else:
            return None
    return total + current if seen else None
