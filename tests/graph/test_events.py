from __future__ import annotations

from newsgraph.graph.dates import date_span
from newsgraph.graph.events import GroupView, Report, distinct_dates, score, trigger_stem


def _report(**kw: object) -> Report:
    base: dict[str, object] = {
        "article_id": "a",
        "idx": 0,
        "type": "SUPPORT",
        "category": "AGREEMENT",
        "stem": "sign",
    }
    base.update(kw)
    return Report(**base)  # type: ignore[arg-type]


def _group(**kw: object) -> GroupView:
    base: dict[str, object] = {
        "id": 1, "type": "SUPPORT", "category": "AGREEMENT", "roles": {"actor": 1, "target": 2, "place": 3},
        "participants": {1: "GPE", 2: "GPE", 3: "GPE"}, "span": date_span("2024-06-19", "text", None),
        "stems": {"sign"},
    }  # fmt: skip
    base.update(kw)
    return GroupView(**base)  # type: ignore[arg-type]


def test_trigger_stems() -> None:
    assert trigger_stem("signed") == trigger_stem("signing") == trigger_stem("signs") == "sign"
    assert trigger_stem("deployed") == trigger_stem("deployment") == "deploy"
    assert trigger_stem("planned") == "plan"


def test_same_participants_same_day_join() -> None:
    found = score(_report(actor=2, target=1, types={1: "GPE", 2: "GPE"}, span=date_span("2024-06-19", "text", None)),
                  _group())  # fmt: skip
    assert found is not None and found[1]["shared_participants"] == [1, 2] and found[1]["same_day"]


def test_a_day_apart_joins_only_on_strong_evidence_and_is_recorded() -> None:
    near = date_span("2024-06-18", "text", None)
    found = score(_report(actor=1, target=2, types={1: "GPE", 2: "GPE"}, span=near), _group())
    assert found is not None and found[1]["dates_disagree_days"] == 1
    assert score(_report(actor=1, types={1: "GPE"}, span=near), _group()) is None
    far = date_span("2024-06-10", "text", None)
    assert score(_report(actor=1, target=2, types={1: "GPE", 2: "GPE"}, span=far), _group()) is None


def test_conflicts_and_type_block() -> None:
    day = date_span("2024-06-19", "text", None)
    # another country as target: another agreement
    assert score(_report(actor=1, target=9, types={1: "GPE", 9: "GPE"}, span=day), _group()) is None
    # a person as actor where the group has a state does not contradict it
    assert score(_report(actor=7, types={7: "PERSON"}, span=day), _group()) is not None
    assert (
        score(_report(type="ASSAULT", actor=1, target=2, types={1: "GPE", 2: "GPE"}, span=day), _group())
        is None
    )
    assert score(_report(place=8, actor=1, types={1: "GPE", 8: "GPE"}, span=day), _group()) is None
    # an untyped event needs its trigger
    other = _group(type="OTHER", category=None, stems={"meet"})
    assert score(_report(type="OTHER", category=None, actor=1, types={1: "GPE"}, span=day), other) is None


def test_distinct_dates_drop_coarser_ones() -> None:
    assert distinct_dates([("2024-06", 3), ("2024-06-19", 2)]) == [("2024-06-19", 2)]
    assert distinct_dates([("2024-06-19", 2), ("2024-06-18", 1)]) == [("2024-06-19", 2), ("2024-06-18", 1)]
