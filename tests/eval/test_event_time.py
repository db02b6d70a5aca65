"""The event-time scorer: each event's date against the times TimeML's links place it in."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval import event_time, timeml
from newsgraph.eval.base import check_floors, shared_data
from tests.eval.test_timeml import DOC


def test_event_time_score_against_the_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "t1.tml"
    path.write_text(DOC, encoding="utf-8")
    (event,) = timeml.read_document(path).events
    report = event_time.score([(event, "2024-06-19", "text")], ["2025-06-05"])
    assert report.metrics == {"accuracy": 1.0, "agreement": 1.0, "published_accuracy": 0.0}
    report = event_time.score([(event, "2024-06", "sentence")], ["2025-06-05"])
    assert (report.metrics["accuracy"], report.metrics["agreement"]) == (0.0, 1.0)


@pytest.mark.eval
@pytest.mark.slow
def test_event_time_floor() -> None:
    report = event_time.evaluate(shared_data() / event_time.DEFAULT)
    assert report.counts["events"] == 1980
    assert check_floors(report) == []
