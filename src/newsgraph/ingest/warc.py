"""WARC files: every HTML response record becomes an article (via trafilatura)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.errors import InputError
from newsgraph.ingest.decode import decode
from newsgraph.ingest.html import html_to_article
from newsgraph.ingest.text import parse_date
from newsgraph.model import Article

__all__ = ["read_warc"]


def read_warc(
    stream: IO[bytes], origin: str, *, published: str | None = None
) -> Iterator[Article | InputError]:
    pages = 0
    try:
        for n, record in enumerate(ArchiveIterator(stream), start=1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            pages += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#{n}({url})"
            try:
                html, _ = decode(record.content_stream().read(), where)
                date = parse_date((record.rec_headers.get_header("WARC-Date") or "")[:10]) or published
                yield html_to_article(html, where, url=url, published=date)
            except InputError as exc:
                yield exc
    except ArchiveLoadFailed as exc:
        yield InputError(f"{origin}: not a readable WARC file ({exc})", code="NG108")
        return
    if pages == 0:
        yield InputError(f"{origin}: no HTML response records in this WARC", code="NG108")
