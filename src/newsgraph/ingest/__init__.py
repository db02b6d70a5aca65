"""Reading articles from files, folders, feeds, archives and standard input.

``read_any(inputs)`` yields, in input order, an :class:`Article` for every article
found and an :class:`InputError` for every file or record that had to be skipped.
Kinds are detected by suffix, then by content.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from newsgraph.errors import InputError
from newsgraph.ingest.decode import decode, is_binary
from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.html import html_to_article
from newsgraph.ingest.ids import content_id
from newsgraph.ingest.jsonl import read_json, read_jsonl
from newsgraph.ingest.text import parse_date, parse_text_file
from newsgraph.ingest.warc import read_warc
from newsgraph.model import Article

__all__ = ["InputError", "content_id", "iter_files", "parse_date", "read_any", "read_path"]

TEXT, JSON, JSONL, HTML, WARC, FEED = "text", "json", "jsonl", "html", "warc", "feed"
SUFFIXES = {
    ".txt": TEXT, ".text": TEXT, ".md": TEXT,
    ".json": JSON, ".jsonl": JSONL, ".ndjson": JSONL,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".warc": WARC, ".warc.gz": WARC, ".arc": WARC,
    ".xml": FEED, ".rss": FEED, ".atom": FEED,
}  # fmt: skip

Item = Article | InputError


def _suffix_kind(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def sniff(head: bytes) -> str:
    """The kind of an input from its first bytes."""
    if head.startswith(b"\x1f\x8b") or head.startswith(b"WARC/"):
        return WARC
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith(b"{"):
        return JSONL
    if start.startswith(b"<"):
        if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
            return FEED
        if start.startswith(b"<?xml") and (b"<rss" in head.lower() or b"<feed" in head.lower()):
            return FEED
        return HTML
    return TEXT


# Project documentation inside a folder of articles is not news: skipped in folder walks
# (a file named explicitly is always read).
_NOT_ARTICLES = re.compile(r"^(readme|license|licence|changelog|copying|notice)(\.[a-z]+)?$", re.IGNORECASE)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files under the given paths, folders walked recursively in name order.

    Hidden files and project documents (README, LICENSE, ...) inside folders are skipped."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and not _NOT_ARTICLES.match(name):
                        yield Path(root) / name
        else:
            yield path


def _read_whole(
    kind: str, data: bytes, origin: str, *, published: str | None, max_chars: int
) -> Iterator[Item]:
    if kind == FEED:
        yield from read_feed(data, origin, published=published)
        return
    if kind == JSON:
        yield from read_json(data, origin, published=published)
        return
    text, warnings = decode(data, origin)
    if kind == HTML:
        article = html_to_article(text, origin, published=published)
    else:
        article = parse_text_file(text, origin, published=published)
    if len(article.text) > max_chars:
        raise InputError(
            f"{origin}: article has {len(article.text):,} characters, over the limit of {max_chars:,}"
            " (raise max_chars, or split the file)",
            code="NG109",
        )
    yield Article(
        id=article.id,
        text=article.text,
        published=article.published,
        title=article.title,
        url=article.url,
        source=article.source,
        origin=article.origin,
        warnings=(*warnings, *article.warnings),
    )


def _read_stream(
    kind: str, stream: IO[bytes], origin: str, *, published: str | None, max_chars: int, max_file_bytes: int
) -> Iterator[Item]:
    if kind == JSONL:
        for item in read_jsonl(stream, origin, published=published):
            if isinstance(item, Article) and len(item.text) > max_chars:
                yield InputError(
                    f"{item.origin}: article over the limit of {max_chars:,} characters", code="NG109"
                )
            else:
                yield item
        return
    if kind == WARC:
        yield from read_warc(stream, origin, published=published)
        return
    data = stream.read(max_file_bytes + 1)
    if len(data) > max_file_bytes:
        raise InputError(
            f"{origin}: larger than {max_file_bytes:,} bytes (raise max_file_bytes)", code="NG109"
        )
    if not data.strip():
        raise InputError(f"{origin}: empty", code="NG101")
    if kind == TEXT and is_binary(data):
        raise InputError(f"{origin}: binary data, not text", code="NG102")
    yield from _read_whole(kind, data, origin, published=published, max_chars=max_chars)


def read_path(
    path: Path, *, published: str | None = None, max_chars: int = 1_000_000, max_file_bytes: int = 20_000_000
) -> Iterator[Item]:
    """Articles (and skipped inputs) of one file."""
    origin = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(4096)
            kind = _suffix_kind(path) or sniff(head)
            if size == 0:
                raise InputError(f"{origin}: empty file", code="NG101")
            if kind in (TEXT, JSON, HTML, FEED) and size > max_file_bytes:
                raise InputError(
                    f"{origin}: {size:,} bytes, over the limit of {max_file_bytes:,} (raise max_file_bytes)",
                    code="NG109",
                )
            if kind not in (WARC,) and is_binary(head):
                raise InputError(f"{origin}: binary data, not text", code="NG102")
            f.seek(0)
            yield from _read_stream(
                kind, f, origin, published=published, max_chars=max_chars, max_file_bytes=max_file_bytes
            )
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(f"{origin}: cannot be read ({exc.strerror or exc})", code="NG106")


class _Rejoined(io.RawIOBase):
    """A stream whose first bytes were already read (to sniff its kind), put back in front."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._head[: len(buffer)] if self._head else self._rest.read(len(buffer))
        self._head = self._head[len(data) :] if self._head else b""
        buffer[: len(data)] = data
        return len(data)


def read_any(
    inputs: Iterable[str | Path],
    *,
    published: str | None = None,
    stdin: IO[bytes] | None = None,
    max_chars: int = 1_000_000,
    max_file_bytes: int = 20_000_000,
) -> Iterator[Item]:
    """Every article in the inputs (files, folders, or ``-`` for standard input), in order."""
    if published is not None and parse_date(published) is None:
        raise InputError(f"--published {published!r} is not a real date (YYYY-MM-DD)", code="NG122")
    for item in inputs:
        if str(item) == "-":
            raw = stdin or sys.stdin.buffer
            head = raw.read(4096)
            stream = io.BufferedReader(_Rejoined(head, raw))
            try:
                yield from _read_stream(
                    sniff(head), stream, "<stdin>", published=published,
                    max_chars=max_chars, max_file_bytes=max_file_bytes,
                )  # fmt: skip
            except InputError as exc:
                yield exc
            continue
        path = Path(item)
        if not path.exists():
            yield InputError(f"{path}: no such file or folder", code="NG106")
            continue
        for file in iter_files([path]):
            yield from read_path(
                file, published=published, max_chars=max_chars, max_file_bytes=max_file_bytes
            )
