from __future__ import annotations

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest.text import parse_date, parse_text_file
from tests.conftest import SEED


def test_seed_header_and_boilerplate_are_not_text() -> None:
    article = parse_text_file(SEED.read_text(encoding="utf-8"), str(SEED))
    assert article.published == "2025-06-05"
    assert article.text.startswith("North Korean leader Kim Jong Un")
    assert "date 2025-06-05" not in article.text
    assert "This audio is created with AI assistance" not in article.text
    assert article.warnings == ()
    # offsets are true: the text is a verbatim slice of the file
    assert article.text in SEED.read_text(encoding="utf-8")


def test_unknown_words_after_the_date_stay_article_text() -> None:
    article = parse_text_file("date 2024-02-01 Kyiv, Ukraine - Troops advanced.\nMore text.", "x")
    assert article.published == "2024-02-01"
    assert article.text == "Kyiv, Ukraine - Troops advanced.\nMore text."


def test_boilerplate_lines_before_the_article_are_dropped() -> None:
    raw = "date 2024-02-01\n\nListen to this article\nThis audio is created with AI assistance.\n\nBody here."
    assert parse_text_file(raw, "x").text == "Body here."


@pytest.mark.parametrize("header", ["date 2025-13-45", "date 2025-02-30", "date yesterday"])
def test_impossible_date_is_a_warning_not_a_date(header: str) -> None:
    article = parse_text_file(f"{header}\nSomething happened.", "f.txt")
    assert article.published is None
    assert [w.code for w in article.warnings] == ["NG122"]
    assert "f.txt" in article.warnings[0].message


def test_no_header_means_unknown_date_unless_given() -> None:
    a = parse_text_file("Just an article.", "x")
    assert a.published is None and [w.code for w in a.warnings] == ["NG123"]
    b = parse_text_file("Just an article.", "x", published="2020-01-02")
    assert b.published == "2020-01-02" and b.warnings == ()


def test_header_only_is_empty() -> None:
    with pytest.raises(InputError) as info:
        parse_text_file("date 2024-01-01 This audio is created with AI assistance\n\n", "x")
    assert info.value.code == "NG101"


def test_same_text_same_id() -> None:
    a = parse_text_file("date 2024-01-01\nSame words.", "a")
    b = parse_text_file("date 2024-01-01\nSame words.\n", "b")
    assert a.id == b.id and len(a.id) == 16


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-06-19", "2024-06-19"), ("2024-6-9", "2024-06-09"), ("2024-06-19T10:00:00Z", "2024-06-19"),
     ("2024-02-29", "2024-02-29"), ("2023-02-29", None), ("19 June 2024", None), ("", None)],
)  # fmt: skip
def test_parse_date(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected
