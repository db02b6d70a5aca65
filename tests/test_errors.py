from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.errors import CATALOG, InputError, NewsgraphError, warning

SRC = Path(__file__).resolve().parents[1] / "src" / "newsgraph"


def test_every_code_used_in_the_source_is_in_the_catalog() -> None:
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(r"\bNG\d{3}\b", path.read_text(encoding="utf-8")))
    assert used, "no codes found: the scan is broken"
    assert sorted(used - set(CATALOG)) == []


def test_codes_are_well_formed_and_grouped() -> None:
    for code, entry in CATALOG.items():
        assert re.fullmatch(r"NG[0-5]\d\d", code)
        assert entry.summary and entry.code == code


def test_errors_carry_codes() -> None:
    exc = InputError("x.txt: empty", code="NG101")
    assert str(exc) == "NG101: x.txt: empty" and isinstance(exc, NewsgraphError)
    assert exc.as_warning().code == "NG101"
    with pytest.raises(KeyError):
        InputError("bad", code="NG999")
    with pytest.raises(KeyError):
        warning("NG000", "not a code")
