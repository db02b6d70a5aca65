"""Article text files: an optional ``date YYYY-MM-DD`` header line, then the article.

Known boilerplate on the header line or on lines of its own before the article
starts is dropped. The article text is what remains, so its offsets are true.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib import resources

from newsgraph.errors import InputError, warning
from newsgraph.ingest.ids import content_id
from newsgraph.model import Article, Warning

__all__ = ["boilerplate", "is_boilerplate", "parse_date", "parse_text_file"]

_HEADER = re.compile(r"^\s*date\s+(\S+)\s*(.*)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def boilerplate() -> frozenset[str]:
    text = resources.files("newsgraph.ingest").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    return frozenset(_key(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _key(line: str) -> str:
    return " ".join(line.split()).lower().rstrip(".")


def is_boilerplate(line: str) -> bool:
    """True for a known boilerplate line ("This audio is created with AI assistance")."""
    return _key(line) in boilerplate()


def parse_date(value: str) -> str | None:
    """An ISO date (``YYYY-MM-DD``, or the date part of an ISO datetime) if it is a real date, else None."""
    value = value.strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?$", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def parse_text_file(raw: str, origin: str, *, published: str | None = None) -> Article:
    """Split the header off a text file and return the article. ``published`` is the fallback date."""
    warnings: list[Warning] = []
    lines = raw.split("\n")
    date: str | None = None
    first = lines[0] if lines else ""
    m = _HEADER.match(first)
    rest_start = 0
    if m:
        date = parse_date(m[1])
        if date is None:
            warnings.append(
                warning("NG122", f"{origin}: impossible date {m[1]!r} in the header; date unknown")
            )
        tail = m[2].strip()
        if tail and not is_boilerplate(tail):
            # not boilerplate: the header line carries the first words of the article
            rest_start = m.start(2)
            body = first[rest_start:] + "\n" + "\n".join(lines[1:])
        else:
            body = "\n".join(lines[1:])
    else:
        body = raw
    # drop boilerplate lines (and blank lines) before the article starts
    body_lines = body.split("\n")
    skip = 0
    while skip < len(body_lines) and (not body_lines[skip].strip() or is_boilerplate(body_lines[skip])):
        skip += 1
    text = "\n".join(body_lines[skip:]).rstrip()
    if not text.strip():
        raise InputError(f"{origin}: no article text", code="NG101")
    if date is None and published:
        date = published
    if date is None and not any(w.code == "NG122" for w in warnings):
        warnings.append(warning("NG123", f"{origin}: no publication date"))
    return Article(id=content_id(text), text=text, published=date, origin=origin, warnings=tuple(warnings))
