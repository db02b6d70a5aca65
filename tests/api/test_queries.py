"""The API's queries over the graph, on small hand-built worlds (no model), and their pure helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.api import queries
from newsgraph.api.queries import Filters, integer_id, snippet, split_item_id, split_topic
from newsgraph.store.sqlite import SQLiteStore
from tests.graph.worlds import people, store_with, treaty, troops


@pytest.fixture
def world(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = store_with(tmp_path, [*people(), *treaty(), *troops()], batch=1)
    yield store
    store.close()


def canon(store: SQLiteStore, name: str) -> int:
    found = queries.resolve_entities(store, name)
    assert found, name
    return found[0]


def pages(fetch: Any, limit: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    offset = 0
    while batch := fetch(limit=limit, offset=offset):
        out += batch
        offset += limit
    return out


def test_entities_are_canonical_with_their_variants_counted(world: SQLiteStore) -> None:
    zelensky = canon(world, "Zelenskyy")
    assert canon(world, "President Zelensky") == canon(world, "Volodymyr Zelenskiy") == zelensky
    rows = queries.entities(world, q="zelensk")
    assert [r["id"] for r in rows] == [zelensky]
    assert rows[0]["member_count"] == 4 and rows[0]["articles"] == 4
    people_ = pages(lambda **kw: queries.entities(world, type_="PERSON", **kw), 2)
    assert len({r["id"] for r in people_}) == len(people_)
    assert zelensky in {r["id"] for r in people_}
    assert all(r["type"] == "PERSON" for r in people_)
    assert not {"Zelenskyy", "President Zelensky"} & {r["name"] for r in people_}
    detail = queries.entity(world, world.find_entities("Zelenskyy")[0]["id"])
    assert detail is not None and detail["id"] == zelensky and len(detail["members"]) == 4
    assert len(detail["merges"]) == 3 and {"Zelenskyy", "President Zelensky"} <= set(detail["aliases"])


def test_a_signing_reported_three_times_is_one_event_with_every_report(world: SQLiteStore) -> None:
    nodes = queries.events(world, Filters(type="SUPPORT", min_articles=2))
    assert len(nodes) == 1
    node = nodes[0]
    assert node["reports"] == 3 and node["articles"] == 3 and node["date"] == "2024-06-19"
    assert node["dates"] == 2 and {d["value"] for d in node["dates_given"]} == {"2024-06-19", "2024-06-18"}
    assert [r["article_id"] for r in node["report_sample"]] == ["t1", "t2", "t3"]  # earliest first
    reports = queries.event_reports(world, node["id"])
    assert [r["id"] for r in reports] == ["t1:0", "t2:0", "t3:0"]
    assert {r["date_value"] for r in reports} == {"2024-06-19", "2024-06-18"}
    for r in reports:
        assert r["trigger"]["text"] == "signed" and r["trigger"]["text"] in r["sentence"]["text"]
    assert queries.event_of_report(world, "t3", 0) == node["id"]
    # the gas deal with China is another event
    assert queries.events(world, Filters(type="SUPPORT", end="2024-05-31"))[0]["reports"] == 1


def test_timeline_pages_are_stable_and_in_date_order(world: SQLiteStore) -> None:
    russia = canon(world, "Russia")
    whole = queries.timeline(world, russia, limit=500)
    assert whole == pages(lambda **kw: queries.timeline(world, russia, **kw), 1)
    assert {i["kind"] for i in whole} == {"event", "claim"}
    dates = [i["date"] or queries.LAST for i in whole]
    assert dates == sorted(dates)
    assert all(i["roles"] for i in whole if i["kind"] == "event")
    # Russia's denial is its own claim
    assert any(i["kind"] == "claim" and i["role"] == "source" and i["negated"] for i in whole)


def test_filters_speak_of_canonical_entities(world: SQLiteStore) -> None:
    kp = canon(world, "North Korea")
    by_id = queries.events(world, Filters(entities=(kp,)))
    assert by_id and all("actor" in e["roles"] or "target" in e["roles"] for e in by_id)
    place = canon(world, "Pyongyang")
    at = queries.events(world, Filters(places=(place,)))
    assert at
    for e in at:
        node = queries.event(world, e["id"])
        assert node is not None
        assert any(p["id"] == place and p["role"] == "place" for p in node["participants"])
    assert queries.events(world, Filters(article="t2"))[0]["reports"] == 3
    assert queries.events(world, Filters(entities=())) == []  # a name that matches nobody


def test_neighbourhood_is_bounded_and_consistent(world: SQLiteStore) -> None:
    russia = canon(world, "Russia")
    g = queries.neighbourhood(world, russia, limit=4)
    ids = [n["id"] for n in g["nodes"]]
    assert ids[0] == russia and len(ids) <= 4 and len(set(ids)) == len(ids)
    assert canon(world, "North Korea") in ids
    for e in g["edges"]:
        assert e["source"] < e["target"] and {e["source"], e["target"]} <= set(ids)
        assert e["weight"] == sum(e["kinds"].values())


def test_ledger_groups_and_entries(world: SQLiteStore) -> None:
    kp = canon(world, "North Korea")
    groups = queries.ledger_groups(world, about=(kp,))
    assert groups and groups[0]["disputed"] and groups[0]["counted"] == "troops"
    entries = queries.ledger_entries(world, groups[0]["id"])
    by_value = {e["value"]: e for e in entries}
    # "up to 12,000" against "at least 15,000": no number fits both
    assert by_value[15000]["id"] in by_value[12000]["disagrees_with"]
    assert by_value[12000]["high_bound"] == 12000 and by_value[15000]["high_bound"] is None
    assert [e["published"] for e in entries] == sorted(e["published"] for e in entries)
    assert queries.ledger_groups(world, disputed=False, about=(kp,)) == []
    assert queries.ledger_groups(world, topic="nothing of the kind") == []
    figures = queries.article_figures(world, "n2")
    assert figures[0]["group"] == groups[0]["id"] and figures[0]["disputed"]


def test_graph_counts(world: SQLiteStore) -> None:
    counts = queries.graph_counts(world)
    assert counts["entity_merges"] >= 3 and counts["events_in_several_articles"] >= 1
    assert counts["pending_articles"] == 0 and counts["ledger_conflicts"] >= 1


def test_split_item_id() -> None:
    assert split_item_id("fx-001:3") == ("fx-001", 3)
    assert split_item_id("a:b:c:12") == ("a:b:c", 12)  # article ids may hold colons
    for bad in ("fx-001", ":3", "fx:", "fx:-1", "fx:1e3", "fx:" + "9" * 12, "fx:\u00b3", "fx:\u0663"):
        assert split_item_id(bad) is None
    assert integer_id("42") == 42
    assert (
        integer_id("\u00b3") is None and integer_id("\u0664\u0662") is None and integer_id("9" * 19) is None
    )


def test_split_topic() -> None:
    assert split_topic("troops · ASSAULT") == ("troops", "ASSAULT")
    assert split_topic("USD") == ("USD", None)


def test_snippet_is_the_sentence_around_a_span() -> None:
    text = "First one. Police arrested 12 protesters on Friday. Then\nmore."
    start = text.index("12")
    assert snippet(text, start, start + 2) == "Police arrested 12 protesters on Friday."
    assert snippet("no stop at all", 3, 5) == "no stop at all"
