"""The README teaches what the program has: every command, every setting, every error code family."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from newsgraph.cli import app
from newsgraph.errors import CATALOG
from newsgraph.settings import SETTINGS

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_readme_names_every_command() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    missing = [name for name in commands if not re.search(rf"(newsgraph |`){re.escape(name)}\b", README)]
    assert missing == []


def test_readme_settings_table_has_every_setting() -> None:
    rows = {m.group(1) for m in re.finditer(r"^\| `(\w+)` \|", README, re.M)}
    assert {s.name for s in SETTINGS} <= rows


def test_readme_covers_every_error_code() -> None:
    spans = [(int(a), int(b or a)) for a, b in re.findall(r"NG(\d{3})(?:–NG(\d{3}))?", README)]
    uncovered = [c for c in CATALOG if not any(lo <= int(c[2:]) <= hi for lo, hi in spans)]
    assert uncovered == []
