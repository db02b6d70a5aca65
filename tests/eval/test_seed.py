"""``newsgraph eval seed``: the gold file's lenient matching, and the floor on the seed article."""

from __future__ import annotations

import pytest

from newsgraph.eval import seed
from newsgraph.eval.base import check_floors, shared_data
from newsgraph.model import ArticleResult, Entity, Event, EventTime, Span, Timex

GOLD = {
    "published": "2025-06-05",
    "entities": [
        {"name": "North Korea", "type": "GPE", "aliases": ["North Korean", "Pyongyang"]},
        {"name": "Russia", "type": "GPE", "aliases": ["Moscow"]},
    ],
    "timexes": [{"text": "June 5", "value": "2025-06-05"}],
    "events": [
        {
            "type": "SUPPORT",
            "actor": "Russia",
            "target": "North Korea",
            "date": "2025-06-05",
            "trigger_any": ["signed"],
            "symmetric": True,
        }
    ],
}


def _result(event_time: str) -> ArticleResult:
    return ArticleResult(
        id="x",
        text="Pyongyang and Moscow signed it on June 5.",
        published="2025-06-05",
        entities=(Entity("E1", "Pyongyang", "GPE"), Entity("E2", "Moscow", "GPE")),
        timexes=(Timex(34, 40, "June 5", "DATE", "2025-06-05"),),
        events=(
            Event("SUPPORT", Span(21, 27, "signed"), actor="E1", target="E2", time=EventTime(event_time)),
        ),
    )


def test_match_is_containment_ignoring_case() -> None:
    assert seed.match("the ICC", "ICC")
    assert seed.match("Kim", "kim jong un")
    assert not seed.match("Kim", "Putin")
    assert not seed.match("", "x")


def test_symmetric_event_matches_either_way_and_needs_the_date() -> None:
    parts = seed.score_article(_result("2025-06-05"), GOLD, "")
    assert [r["found"] for r in parts["events"]] == [True]  # actor and target swapped: symmetric
    assert [r["found"] for r in parts["timexes"]] == [True]
    assert [r["found"] for r in parts["entities"]] == [True, True]  # by alias
    parts = seed.score_article(_result("2024-06-19"), GOLD, "")
    assert [r["found"] for r in parts["events"]] == [False]


@pytest.mark.eval
@pytest.mark.slow
def test_seed_floor() -> None:
    report = seed.evaluate(shared_data() / seed.DEFAULT)
    assert report.metrics["events_r"] == 1.0
    assert check_floors(report) == []
