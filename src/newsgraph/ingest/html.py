"""HTML pages: main text, title and date through trafilatura."""

from __future__ import annotations

from typing import Any

import trafilatura

from newsgraph.errors import InputError, warning
from newsgraph.ingest.ids import content_id
from newsgraph.ingest.text import is_boilerplate, parse_date
from newsgraph.model import Article, Warning

__all__ = ["MIN_WORDS", "html_to_article", "html_to_text"]

# Fewer words than this (after boilerplate lines are dropped) is a navigation or error page, not an article.
MIN_WORDS = 12


def _extract(html: str) -> Any:
    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # a date from the page's metadata or article, never a guess from "(c) 2024" in the footer
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _main_text(doc: Any) -> str:
    """The extracted main text without boilerplate lines (cookie banners, newsletter prompts)."""
    text = (getattr(doc, "text", None) if doc is not None else None) or ""
    return "\n".join(line for line in text.splitlines() if line.strip() and not is_boilerplate(line))


def html_to_text(html: str) -> str:
    """The readable text of an HTML fragment (a feed summary, say), or ''."""
    text = _main_text(_extract(html))
    if not text:
        from lxml import html as lhtml

        try:
            text = lhtml.fromstring(html).text_content()
        except Exception:
            return ""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def html_to_article(
    html: str,
    origin: str,
    *,
    url: str | None = None,
    published: str | None = None,
    article_id: str | None = None,
) -> Article:
    doc = _extract(html)
    text = _main_text(doc)
    words = len(text.split())
    if words < MIN_WORDS:
        raise InputError(
            f"{origin}: no article text found in the HTML ({words} words of main text)", code="NG103"
        )
    warnings: list[Warning] = []
    date = parse_date(str(getattr(doc, "date", None) or "")) or published
    if date is None:
        warnings.append(warning("NG123", f"{origin}: no publication date found in the page"))
    return Article(
        id=article_id or content_id(text),
        text=text,
        published=date,
        title=getattr(doc, "title", None) or None,
        url=url or getattr(doc, "url", None) or None,
        source=getattr(doc, "sitename", None) or None,
        origin=origin,
        warnings=tuple(warnings),
    )
