"""newsgraph: news articles to a sourced, time-resolved knowledge graph.

The small public API::

    from newsgraph import extract_text, open_store
    result = extract_text(text, published="2025-06-05")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph.model import Article, ArticleResult, to_dict

if TYPE_CHECKING:
    from newsgraph.extract import extract_text
    from newsgraph.store import open_store

__all__ = ["Article", "ArticleResult", "__version__", "extract_text", "open_store", "to_dict"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # spaCy and the store load only when used
    if name == "extract_text":
        from newsgraph.extract import extract_text

        return extract_text
    if name == "open_store":
        from newsgraph.store import open_store

        return open_store
    raise AttributeError(name)
