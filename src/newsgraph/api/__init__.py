"""The HTTP API (FastAPI) and the web pages it serves: ``create_app(settings)``.

Needs the ``server`` extra (fastapi, uvicorn, jinja2). Started by ``newsgraph serve``.
"""

from __future__ import annotations

from newsgraph.api.app import create_app

__all__ = ["create_app"]
