"""RSS and Atom feeds: each entry's full content (else its summary) is an article."""

from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser

from newsgraph.errors import InputError, warning
from newsgraph.ingest.html import html_to_text
from newsgraph.ingest.ids import content_id
from newsgraph.model import Article

__all__ = ["read_feed"]


def _date(entry: feedparser.FeedParserDict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def read_feed(data: bytes, origin: str, *, published: str | None = None) -> Iterator[Article | InputError]:
    feed = feedparser.parse(data)
    if not feed.entries:
        problem = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield InputError(f"{origin}: no feed entries{problem}", code="NG108")
        return
    source = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{n}"
        html = ""
        if entry.get("content"):
            html = max((c.get("value", "") for c in entry.content), key=len)
        html = html or entry.get("summary", "")
        text = (
            html_to_text(html)
            if "<" in html
            else "\n".join(p.strip() for p in html.splitlines() if p.strip())
        )
        if not text.strip():
            yield InputError(f"{where}: entry has no content or summary", code="NG101")
            continue
        date = _date(entry) or published
        warnings = () if date else (warning("NG123", f"{where}: no publication date"),)
        yield Article(
            id=str(entry.get("id") or entry.get("link") or content_id(text)),
            text=text,
            published=date,
            title=entry.get("title"),
            url=entry.get("link"),
            source=source,
            origin=where,
            warnings=warnings,
        )
