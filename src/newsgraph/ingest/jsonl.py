"""JSON Lines: one article object per line, read as a stream (any file size)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from newsgraph.errors import InputError, warning
from newsgraph.ingest.text import parse_date
from newsgraph.model import Article, Warning

__all__ = ["read_json", "read_jsonl"]

# A file whose first lines are all broken is not JSON Lines: reject it once, not line by line.
GIVE_UP_AFTER = 5


def record_to_article(obj: object, origin: str, *, published: str | None = None) -> Article:
    """Validate one decoded record of the contract's input form and make it an Article."""
    if not isinstance(obj, dict):
        raise InputError(f"{origin}: a record must be a JSON object", code="NG104")
    missing = [k for k in ("id", "text") if not isinstance(obj.get(k), str) or not obj.get(k)]
    if missing:
        code = "NG101" if missing == ["text"] and isinstance(obj.get("text"), str) else "NG105"
        raise InputError(f"{origin}: record lacks {', '.join(missing)}", code=code)
    text: str = obj["text"]
    if not text.strip():
        raise InputError(f"{origin}: record text is empty", code="NG101")
    warnings: list[Warning] = []
    raw_date = obj.get("published")
    date = None
    if raw_date is not None:
        date = parse_date(str(raw_date))
        if date is None:
            warnings.append(warning("NG122", f"{origin}: impossible date {raw_date!r}; date unknown"))
    if date is None and published:
        date = published
    if date is None and raw_date is None:
        warnings.append(warning("NG123", f"{origin}: no publication date"))

    def opt(key: str) -> str | None:
        v = obj.get(key)
        return str(v) if v is not None else None

    return Article(
        id=str(obj["id"]),
        text=text,
        published=date,
        title=opt("title"),
        url=opt("url"),
        source=opt("source"),
        origin=origin,
        warnings=tuple(warnings),
    )


def read_jsonl(
    stream: IO[bytes], origin: str, *, published: str | None = None
) -> Iterator[Article | InputError]:
    """Yield an Article per good line and an InputError per bad one; blank lines are skipped."""
    good = 0
    for lineno, raw in enumerate(stream, start=1):
        where = f"{origin}:{lineno}"
        if not raw.strip():
            continue
        if lineno > GIVE_UP_AFTER and not good:
            yield InputError(
                f"{origin}: the first {GIVE_UP_AFTER} lines are not article records; file skipped",
                code="NG104",
            )
            return
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("utf-8", errors="replace")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})", code="NG104")
            continue
        try:
            yield record_to_article(obj, where, published=published)
            good += 1
        except InputError as exc:
            yield exc


def read_json(data: bytes, origin: str, *, published: str | None = None) -> Iterator[Article | InputError]:
    """A ``.json`` file: one article object, or a list of them."""
    try:
        obj = json.loads(data.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        yield InputError(f"{origin}: not valid JSON ({exc.msg}, line {exc.lineno})", code="NG104")
        return
    records = obj if isinstance(obj, list) else [obj]
    for n, record in enumerate(records, start=1):
        where = f"{origin}#{n}" if isinstance(obj, list) else origin
        try:
            yield record_to_article(record, where, published=published)
        except InputError as exc:
            yield exc
