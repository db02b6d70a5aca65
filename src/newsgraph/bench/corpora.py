"""Real dated news for throughput runs, read in place from the shared data folder.

Two corpora, described in ``../shared/data/README.md``: the English Wikinews sample
(CSV: url, date, title, text) and Reuters-21578 (Latin-1 SGML, one ``<REUTERS>``
element per story). Nothing is copied into the repository; the files are read where
they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from newsgraph.errors import EvalError
from newsgraph.eval.base import shared_data
from newsgraph.ingest.ids import content_id
from newsgraph.model import Article

__all__ = ["REUTERS", "WIKINEWS", "bench_articles", "read_reuters", "read_wikinews"]

WIKINEWS = "wikinews_vanatteveldt"
REUTERS = "reuters21578"

_STORY = re.compile(r"<REUTERS\b[^>]*>(.*?)</REUTERS>", re.S)
_DATE = re.compile(r"<DATE>\s*(\d{1,2})-([A-Z]{3})-(\d{4})", re.I)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SIGNOFF = re.compile(r"\s*\bReuter\s*$")
_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}  # fmt: skip


def read_wikinews(folder: Path) -> Iterator[Article]:
    """Every article of the Wikinews CSV files, in file and row order."""
    csv.field_size_limit(1 << 26)
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                text = (row.get("text") or "").strip()
                if not text:
                    continue
                yield Article(
                    id=content_id(text),
                    text=text,
                    published=row.get("date") or None,
                    title=row.get("title") or None,
                    url=row.get("url") or None,
                    source="Wikinews",
                    origin=f"{path.name}:{row.get('url')}",
                )


def _reuters_date(story: str) -> str | None:
    m = _DATE.search(story)
    if not m or m.group(2).upper() not in _MONTHS:
        return None
    try:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2).upper()], int(m.group(1))).isoformat()
    except ValueError:
        return None


def _clean(fragment: str) -> str:
    return _CONTROL.sub("", html.unescape(fragment)).strip()


def read_reuters(folder: Path) -> Iterator[Article]:
    """Every Reuters story that has a body, in file order (the files are Latin-1 SGML)."""
    for path in sorted(folder.glob("*.sgm")):
        data = path.read_text(encoding="latin-1")
        for m in _STORY.finditer(data):
            story = m.group(1)
            body = _BODY.search(story)
            if not body:
                continue
            text = _SIGNOFF.sub("", _clean(body.group(1)))
            if not text:
                continue
            title = _TITLE.search(story)
            yield Article(
                id=content_id(text),
                text=text,
                published=_reuters_date(story),
                title=_clean(title.group(1)) if title else None,
                source="Reuters",
                origin=f"{path.name}:{m.start()}",
            )


def bench_articles(limit: int | None = None, *, root: Path | None = None) -> list[Article]:
    """Wikinews and Reuters articles taken in turn (so any ``limit`` mixes long and short news)."""
    base = root or shared_data()
    folders = [base / WIKINEWS, base / REUTERS]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        raise EvalError(f"benchmark corpora not found: {', '.join(missing)}", code="NG501")
    seen: set[str] = set()
    out: list[Article] = []
    streams = itertools.zip_longest(read_wikinews(folders[0]), read_reuters(folders[1]))
    for pair in streams:
        for article in pair:
            if article is None or article.id in seen:
                continue
            seen.add(article.id)
            out.append(article)
            if limit is not None and len(out) >= limit:
                return out
    return out
