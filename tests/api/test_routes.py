"""The read endpoints over real HTTP, against a store of the fixture articles (tests/fixtures/api)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from newsgraph.errors import CATALOG
from newsgraph.store import open_store
from tests.api.serving import ARTICLES, Server

pytestmark = pytest.mark.model

FIXTURE_IDS = {json.loads(line)["id"] for line in ARTICLES.read_text().splitlines() if line.strip()}


def get(server: Server, path: str, status: int = 200, **params: Any) -> Any:
    resp = httpx.get(server.url + path, params=params or None, timeout=30)
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    return resp.json()


def error_code(server: Server, path: str, status: int, **params: Any) -> str:
    body = get(server, path, status, **params)
    assert set(body) == {"error"}
    assert body["error"]["code"] in CATALOG
    assert body["error"]["message"]
    return body["error"]["code"]


def all_pages(server: Server, path: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        page = get(server, path, limit=limit, offset=offset, **params)
        assert page["limit"] == limit and page["offset"] == offset
        assert len(page["items"]) <= limit
        items += page["items"]
        offset = page["next_offset"]
    return items


def entity_id(server: Server, name: str) -> int:
    found = get(server, "/entities", q=name)["items"]
    assert found, f"no entity named {name}"
    return int(found[0]["id"])


def test_stats_counts_the_store(read_server: Server) -> None:
    body = get(read_server, "/stats")
    assert body["writable"] is False
    store = open_store(str(read_server.db), readonly=True)
    try:
        assert body["counts"] == store.counts()
    finally:
        store.close()
    assert body["counts"]["articles"] == len(FIXTURE_IDS)
    graph = body["graph"]
    # "Rusu" and "Popa" alone (fx-004) join Elena Rusu and Andrei Popa; their meeting is told twice
    assert graph["entity_merges"] >= 2 and graph["entities"] <= body["counts"]["entities"] - 2
    assert graph["events_in_several_articles"] >= 1 and graph["pending_articles"] == 0
    assert graph["ledger_conflicts"] >= 1


def test_articles_page_through_every_article_once(read_server: Server) -> None:
    items = all_pages(read_server, "/articles", limit=1)
    assert sorted(a["id"] for a in items) == sorted(FIXTURE_IDS)
    dates = [a["published"] for a in items]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert all(a["chars"] > 0 for a in items)


def test_articles_search_words(read_server: Server) -> None:
    ids = [a["id"] for a in get(read_server, "/articles", q="parliament")["items"]]
    assert ids == ["fx-002"]
    assert get(read_server, "/articles", q="no such words anywhere")["items"] == []


def test_article_is_the_contract_result_with_global_ids(read_server: Server) -> None:
    body = get(read_server, "/articles/fx-002")
    assert body["id"] == "fx-002" and body["published"] == "2025-04-12"
    for key in ("text", "entities", "timexes", "quantities", "claims", "events", "warnings", "category"):
        assert key in body
    text = body["text"]
    assert body["entities"], "the fixture names people and places"
    for e in body["entities"]:
        assert isinstance(e["global_id"], int) and isinstance(e["canonical_id"], int)
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for t in body["timexes"]:
        assert text[t["start"] : t["end"]] == t["text"]
    for ev in body["events"]:
        assert text[ev["trigger"]["start"] : ev["trigger"]["end"]] == ev["trigger"]["text"]
        assert isinstance(ev["merged_event"], int)
    # the global id is the stored entity the article's entity resolved to
    victor = next(e for e in body["entities"] if e["name"] == "Victor Ceban")
    assert victor["global_id"] == victor["canonical_id"] == entity_id(read_server, "Victor Ceban")


def test_article_entities_and_events_lead_to_the_graph(read_server: Server) -> None:
    body = get(read_server, "/articles/fx-004")
    rusu = entity_id(read_server, "Elena Rusu")
    alone = next(e for e in body["entities"] if e["name"] == "Rusu")
    # "Rusu" is its own stored entity, merged into Elena Rusu
    assert alone["global_id"] != rusu and alone["canonical_id"] == rusu
    met = next(ev for ev in body["events"] if ev["trigger"]["text"] == "met")
    node = get(read_server, f"/events/{met['merged_event']}")
    assert "fx-004:0" in {r["id"] for r in node["report_page"]["items"]}


def test_unknown_article_is_404_with_a_code(read_server: Server) -> None:
    assert error_code(read_server, "/articles/no-such-article", 404) == "NG402"
    assert error_code(read_server, "/articles/a/b/c%00", 404) == "NG402"


def test_entities_filter_by_type_and_name(read_server: Server) -> None:
    people = all_pages(read_server, "/entities", limit=3, type="PERSON")
    assert people and all(e["type"] == "PERSON" for e in people)
    names = [e["name"] for e in people]
    assert {"Elena Rusu", "Victor Ceban", "Andrei Popa"} <= set(names)
    assert "Rusu" not in names and "Popa" not in names  # merged into the full names
    assert len({e["id"] for e in people}) == len(people)
    assert [e["name"] for e in get(read_server, "/entities", q="ceban")["items"]] == ["Victor Ceban"]
    rusu = get(read_server, "/entities", q="rusu")["items"]
    assert [e["name"] for e in rusu] == ["Elena Rusu"] and rusu[0]["member_count"] == 2


def test_entity_detail_has_aliases_merges_roles_and_cooccurrences(read_server: Server) -> None:
    rusu = entity_id(read_server, "Elena Rusu")
    body = get(read_server, f"/entities/{rusu}")
    assert body["id"] == rusu and body["name"] == "Elena Rusu" and body["type"] == "PERSON"
    assert {"Elena Rusu", "Rusu"} <= set(body["aliases"])
    assert body["articles"] == 4  # fx-001 and fx-003 as Elena Rusu, fx-004 and fx-005 as Rusu
    variant = next(m for m in body["members"] if m["name"] == "Rusu")
    merge = next(m for m in body["merges"] if m["entity_id"] == variant["id"])
    assert merge["into_id"] == rusu and merge["rule"] and merge["undone_at"] is None
    assert merge["evidence"]["names"] == ["Rusu", "Elena Rusu"]
    assert any(r["title"].lower() == "president" for r in body["roles"])
    together = {c["name"]: c["articles"] for c in body["cooccurrences"]}
    assert together.get("Andrei Popa", 0) >= 2  # fx-001, fx-003 and fx-004
    assert rusu not in {c["id"] for c in body["cooccurrences"]}
    # the id of the variant name gives the canonical entity
    assert get(read_server, f"/entities/{variant['id']}")["id"] == rusu


@pytest.mark.parametrize(("path", "status"), [("/entities/999999", 404), ("/entities/0", 422),
                                              ("/entities/abc", 422), (f"/entities/{2**70}", 422)])  # fmt: skip
def test_bad_entity_ids(read_server: Server, path: str, status: int) -> None:
    assert error_code(read_server, path, status) == ("NG402" if status == 404 else "NG410")


def _check_sentences(server: Server, items: list[dict[str, Any]]) -> None:
    """Every sentence shown is the article's text at its offsets, with the trigger inside it."""
    reports = [r for i in items if i["kind"] == "event" for r in i["report_sample"]]
    claims = [i for i in items if i["kind"] == "claim"]
    texts = {a: get(server, f"/articles/{a}")["text"] for a in {x["article_id"] for x in reports + claims}}
    for x in reports + claims:
        s = x["sentence"]
        assert texts[x["article_id"]][s["start"] : s["end"]] == s["text"]
    for r in reports:
        assert r["sentence"]["start"] <= r["trigger"]["start"] < r["trigger"]["end"] <= r["sentence"]["end"]


def test_timeline_is_in_date_order_with_source_sentences(read_server: Server) -> None:
    ceban = entity_id(read_server, "Victor Ceban")
    items = all_pages(read_server, f"/entities/{ceban}/timeline", limit=2)
    assert items == get(read_server, f"/entities/{ceban}/timeline", limit=100)["items"]
    assert {i["kind"] for i in items} == {"event", "claim"}
    dates = [i["date"] or "9999" for i in items]
    assert dates == sorted(dates)
    _check_sentences(read_server, items)
    for i in items:
        if i["kind"] == "event":
            assert i["roles"], "the entity takes part in every event of its timeline"
        else:
            assert i["role"] == "mentioned" or i["source"]["entity"] == ceban
    # the accusation in fx-002 is Ceban's own event
    assert any(i["kind"] == "event" and i["type"] == "ACCUSE" and i["actor"] == ceban for i in items)
    assert error_code(read_server, "/entities/999999/timeline", 404) == "NG402"


def test_timeline_shows_a_merged_event_with_every_report(read_server: Server) -> None:
    rusu, popa = entity_id(read_server, "Elena Rusu"), entity_id(read_server, "Andrei Popa")
    items = get(read_server, f"/entities/{rusu}/timeline", limit=100)["items"]
    _check_sentences(read_server, items)
    merged = [i for i in items if i["kind"] == "event" and i["articles"] > 1]
    assert len(merged) == 1, "the meeting in Chisinau, told by fx-003 and fx-004"
    node = merged[0]
    assert node["type"] == "CONSULT" and {node["actor"], node["target"]} == {rusu, popa}
    assert {r["id"] for r in node["report_sample"]} == {"fx-003:7", "fx-004:0"}
    # one says Sunday, the other Saturday: both dates are kept and shown
    assert node["dates"] == 2
    assert {d["value"] for d in node["dates_given"]} == {"2025-04-12", "2025-04-13"}
    assert {r["date_value"] for r in node["report_sample"]} == {"2025-04-12", "2025-04-13"}
    assert node["sources"] == 2 and node["reports"] == 2
    # the variant's id gives the same timeline
    variant = next(m["id"] for m in get(read_server, f"/entities/{rusu}")["members"] if m["name"] == "Rusu")
    assert get(read_server, f"/entities/{variant}/timeline", limit=100)["items"] == items


def test_graph_is_bounded_and_consistent(read_server: Server) -> None:
    rusu = entity_id(read_server, "Elena Rusu")
    body = get(read_server, f"/entities/{rusu}/graph")
    ids = {n["id"] for n in body["nodes"]}
    assert body["center"] == rusu and rusu in ids
    assert [n["id"] for n in body["nodes"] if n["center"]] == [rusu]
    assert entity_id(read_server, "Andrei Popa") in ids, "Rusu meets Popa in fx-001, fx-003 and fx-004"
    for e in body["edges"]:
        assert e["source"] in ids and e["target"] in ids and e["source"] != e["target"]
        assert e["weight"] == sum(e["kinds"].values()) > 0
    small = get(read_server, f"/entities/{rusu}/graph", limit=2)
    assert len(small["nodes"]) <= 2
    assert error_code(read_server, f"/entities/{rusu}/graph", 422, limit=1000) == "NG410"


def reports_of(server: Server, node_id: int, limit: int = 500) -> list[dict[str, Any]]:
    """Every report of a merged event, page by page."""
    items: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        page = get(server, f"/events/{node_id}", limit=limit, offset=offset)["report_page"]
        assert len(page["items"]) <= limit
        items += page["items"]
        offset = page["next_offset"]
    return items


def test_events_are_merged_nodes_with_filters(read_server: Server) -> None:
    everything = all_pages(read_server, "/events", limit=4)
    assert len({e["id"] for e in everything}) == len(everything) > 0
    dates = [e["date"] or "9999" for e in everything]
    assert dates == sorted(dates)
    # every event of every article is a report of exactly one merged event
    assert sum(e["reports"] for e in everything) == get(read_server, "/stats")["counts"]["events"]
    # a category filter (any case) keeps exactly the merged events of that category
    category = next(e["category"] for e in everything if e["category"])
    of_category = get(read_server, "/events", category=category.lower(), limit=500)["items"]
    assert {e["id"] for e in of_category} == {e["id"] for e in everything if e["category"] == category}
    protests = get(read_server, "/events", type="PROTEST", limit=500)["items"]
    assert protests and all(e["type"] == "PROTEST" for e in protests)
    ceban = entity_id(read_server, "Victor Ceban")
    by_name = get(read_server, "/events", entity="Victor Ceban")["items"]
    assert by_name == get(read_server, "/events", entity=str(ceban))["items"]
    assert by_name and all(e["roles"] for e in by_name)
    april = get(read_server, "/events", start="2025-04-12", end="2025-04-12", limit=500)["items"]
    assert april and all(e["date"] == "2025-04-12" for e in april)
    assert get(read_server, "/events", entity="nobody of that name")["items"] == []
    in_article = get(read_server, "/events", article="fx-001", limit=500)["items"]
    assert in_article
    assert all("fx-001" in {r["article_id"] for r in reports_of(read_server, e["id"])} for e in in_article)
    several = get(read_server, "/events", min_articles=2)["items"]
    assert several and all(e["articles"] >= 2 for e in several)
    assert {e["id"] for e in several} <= {
        e["id"] for e in get(read_server, "/events", min_reports=2)["items"]
    }


def test_events_by_place(read_server: Server) -> None:
    placed = [e for e in all_pages(read_server, "/events", limit=50) if e["place"] is not None]
    assert placed, "fx-001's meeting has a place"
    place = placed[0]["place"]
    got = get(read_server, "/events", place=str(place), limit=500)["items"]
    assert got
    for e in got:
        parts = get(read_server, f"/events/{e['id']}")["participants"]
        assert any(p["id"] == place and p["role"] == "place" for p in parts)


def test_event_by_id_or_by_report_and_claim_by_id(read_server: Server) -> None:
    first = get(read_server, "/events", limit=1)["items"][0]
    detail = get(read_server, f"/events/{first['id']}")
    assert {k: detail[k] for k in first} == first
    assert detail["report_page"]["items"] and detail["participants"] is not None
    # a report's id names its merged event
    report = detail["report_page"]["items"][0]
    assert get(read_server, f"/events/{report['id']}")["id"] == first["id"]
    merged = get(read_server, "/events", min_articles=2)["items"][0]
    one_by_one = reports_of(read_server, merged["id"], limit=1)
    assert len(one_by_one) == merged["reports"] == len({r["id"] for r in one_by_one})
    assert {r["event"] for r in one_by_one} == {merged["id"]}
    claim = get(read_server, "/claims", limit=1)["items"][0]
    assert get(read_server, f"/claims/{claim['id']}")["content"] == claim["content"]
    for bad in (
        "/events/fx-001",
        "/events/fx-001:999",
        "/events/:1",
        "/events/999999",
        "/claims/nope:x",
        "/claims/fx-001:99999999999",
    ):
        assert error_code(read_server, bad, 404) == "NG402"


@pytest.mark.parametrize(
    "params",
    [{"start": "2025-13-01"}, {"end": "yesterday"}, {"start": "2025-05-01", "end": "2025-04-01"},
     {"limit": 0}, {"limit": 501}, {"offset": -1}, {"type": "X" * 41}, {"min_reports": 0}],
)  # fmt: skip
def test_events_bad_parameters_are_422(read_server: Server, params: dict[str, Any]) -> None:
    assert error_code(read_server, "/events", 422, **params) == "NG410"


def test_claims_by_source_entity_and_words(read_server: Server) -> None:
    claims = all_pages(read_server, "/claims", limit=3)
    assert len({c["id"] for c in claims}) == len(claims) > 0
    ceban = entity_id(read_server, "Victor Ceban")
    said = get(read_server, "/claims", source="Victor Ceban")["items"]
    assert said and all(c["source"]["entity"] == ceban for c in said)
    about = get(read_server, "/claims", entity=str(ceban))["items"]
    assert {c["id"] for c in said} <= {c["id"] for c in about}
    worded = get(read_server, "/claims", q="personal data")["items"]
    assert [c["article_id"] for c in worded] == ["fx-hostile"]
    # "Rusu said the talks had been constructive" (fx-004) is Elena Rusu's claim, under either name
    rusu = entity_id(read_server, "Elena Rusu")
    hers = get(read_server, "/claims", source="Elena Rusu")["items"]
    assert all(c["source"]["entity"] == rusu and c["source"]["name"] == "Elena Rusu" for c in hers)
    assert {"fx-001", "fx-004"} <= {c["article_id"] for c in hers}
    assert error_code(read_server, "/claims", 422, start="2025-02-30") == "NG410"


def test_ledger_groups_figures_and_marks_disagreement(read_server: Server) -> None:
    groups = all_pages(read_server, "/ledger", limit=1)
    russia = entity_id(read_server, "Russia")
    troops = next(g for g in groups if g["counted"] == "troops" and g["about"] == russia)
    assert troops["about_name"] == "Russia" and troops["entries"] == 2 and troops["sources"] == 2
    assert troops["disputed"] and troops["conflicts"] == 1
    assert (troops["low"], troops["high"]) == (1000, 1500)
    assert (troops["first_date"], troops["last_date"]) == ("2025-04-15", "2025-04-16")
    assert groups[0]["conflicts"] >= troops["conflicts"]  # disputed groups first
    assert troops["id"] in {g["id"] for g in get(read_server, "/ledger", disputed="true")["items"]}
    assert troops["id"] not in {g["id"] for g in get(read_server, "/ledger", disputed="false")["items"]}
    found = get(read_server, "/ledger", about="Russia", topic="troops")["items"]
    assert [g["id"] for g in found] == [troops["id"]]
    detail = get(read_server, f"/ledger/{troops['id']}")
    values = {v["value"]: v for v in detail["entry_page"]["items"]}
    assert set(values) == {1500, 1000}
    government, ministry = values[1500], values[1000]
    assert (government["bound"], ministry["bound"]) == ("approx", "upper")
    assert ministry["low_bound"] == 0 and ministry["high_bound"] == 1000
    # the Moldovan government's "about 1,500" and Russia's "no more than 1,000": no number fits both
    assert government["disputed"] and ministry["disputed"]
    assert government["disagrees_with"] == [ministry["id"]] and ministry["disagrees_with"] == [
        government["id"]
    ]
    assert government["source_key"] != ministry["source_key"]
    assert "Russian troops" in government["context"] and government["article_id"] == "fx-004"
    one = get(read_server, f"/ledger/{troops['id']}", limit=1)["entry_page"]
    assert len(one["items"]) == 1 and one["next_offset"] == 1
    assert error_code(read_server, "/ledger/999999", 404) == "NG402"
    assert error_code(read_server, "/ledger/abc", 422) == "NG410"


def test_openapi_lists_every_endpoint(read_server: Server) -> None:
    spec = get(read_server, "/openapi.json")
    paths = set(spec["paths"])
    assert {"/stats", "/articles", "/articles/{article_id}", "/entities", "/entities/{entity_id}",
            "/entities/{entity_id}/timeline", "/entities/{entity_id}/graph", "/events", "/events/{event_id}",
            "/claims", "/claims/{claim_id}", "/ledger", "/ledger/{group_id}"} <= paths  # fmt: skip
    assert "post" in spec["paths"]["/articles"]
    assert not any(p.startswith("/ui") for p in paths)
    docs = httpx.get(read_server.url + "/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger_ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert httpx.get(read_server.url + "/static/vendor/swagger_ui/swagger-ui-bundle.js").status_code == 200
