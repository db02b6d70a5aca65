"""Stable article ids."""

from __future__ import annotations

import hashlib

__all__ = ["content_id"]


def content_id(text: str) -> str:
    """A stable id for an article without one: the first 16 hex digits of SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
