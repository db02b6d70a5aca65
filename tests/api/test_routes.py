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
        assert isinstance(e["global_id"], int)
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for t in body["timexes"]:
        assert text[t["start"] : t["end"]] == t["text"]
    for ev in body["events"]:
        assert text[ev["trigger"]["start"] : ev["trigger"]["end"]] == ev["trigger"]["text"]
    # the global id is the stored entity the article's entity resolved to
    victor = next(e for e in body["entities"] if e["name"] == "Victor Ceban")
    assert victor["global_id"] == entity_id(read_server, "Victor Ceban")


def test_unknown_article_is_404_with_a_code(read_server: Server) -> None:
    assert error_code(read_server, "/articles/no-such-article", 404) == "NG402"
    assert error_code(read_server, "/articles/a/b/c%00", 404) == "NG402"


def test_entities_filter_by_type_and_name(read_server: Server) -> None:
    people = all_pages(read_server, "/entities", limit=3, type="PERSON")
    assert people and all(e["type"] == "PERSON" for e in people)
    assert {"Elena Rusu", "Victor Ceban", "Andrei Popa"} <= {e["name"] for e in people}
    assert len({e["id"] for e in people}) == len(people)
    assert [e["name"] for e in get(read_server, "/entities", q="ceban")["items"]] == ["Victor Ceban"]


def test_entity_detail_has_aliases_roles_and_cooccurrences(read_server: Server) -> None:
    rusu = entity_id(read_server, "Elena Rusu")
    body = get(read_server, f"/entities/{rusu}")
    assert body["name"] == "Elena Rusu" and body["type"] == "PERSON"
    assert "Elena Rusu" in body["aliases"]
    assert body["articles"] == 2  # fx-001 and fx-003
    assert isinstance(body["roles"], list)
    together = {c["name"]: c["articles"] for c in body["cooccurrences"]}
    assert together.get("Andrei Popa") == 2  # both in fx-001 and fx-003
    assert rusu not in {c["id"] for c in body["cooccurrences"]}


@pytest.mark.parametrize(("path", "status"), [("/entities/999999", 404), ("/entities/0", 422),
                                              ("/entities/abc", 422), (f"/entities/{2**70}", 422)])  # fmt: skip
def test_bad_entity_ids(read_server: Server, path: str, status: int) -> None:
    assert error_code(read_server, path, status) == ("NG402" if status == 404 else "NG410")


def test_timeline_is_in_date_order_with_source_sentences(read_server: Server) -> None:
    ceban = entity_id(read_server, "Victor Ceban")
    items = all_pages(read_server, f"/entities/{ceban}/timeline", limit=2)
    assert items == get(read_server, f"/entities/{ceban}/timeline", limit=100)["items"]
    assert {i["kind"] for i in items} == {"event", "claim"}
    dates = [i["date"] or "9999" for i in items]
    assert dates == sorted(dates)
    texts = {a: get(read_server, f"/articles/{a}")["text"] for a in {i["article_id"] for i in items}}
    for i in items:
        s = i["sentence"]
        assert texts[i["article_id"]][s["start"] : s["end"]] == s["text"]
        if i["kind"] == "event":
            assert ceban in (i["actor"], i["target"], i["place"])
        else:
            mentioned = i["role"] == "mentioned"
            assert mentioned or i["source"]["entity"] == ceban
    # the accusation in fx-002 is Ceban's own event
    assert any(i["kind"] == "event" and i["type"] == "ACCUSE" and i["actor"] == ceban for i in items)
    assert error_code(read_server, "/entities/999999/timeline", 404) == "NG402"


def test_graph_is_bounded_and_consistent(read_server: Server) -> None:
    rusu = entity_id(read_server, "Elena Rusu")
    body = get(read_server, f"/entities/{rusu}/graph")
    ids = {n["id"] for n in body["nodes"]}
    assert body["center"] == rusu and rusu in ids
    assert [n["id"] for n in body["nodes"] if n["center"]] == [rusu]
    assert ids - {rusu}, "Rusu meets Popa in fx-001"
    for e in body["edges"]:
        assert e["source"] in ids and e["target"] in ids and e["source"] != e["target"]
        assert e["weight"] == sum(e["kinds"].values()) > 0
    small = get(read_server, f"/entities/{rusu}/graph", limit=2)
    assert len(small["nodes"]) <= 2
    assert error_code(read_server, f"/entities/{rusu}/graph", 422, limit=1000) == "NG410"


def test_events_filters(read_server: Server) -> None:
    everything = all_pages(read_server, "/events", limit=4)
    assert len({e["id"] for e in everything}) == len(everything) > 0
    arrests = get(read_server, "/events", category="arrest", limit=500)["items"]
    assert arrests and all(e["category"] == "ARREST" for e in arrests)
    protests = get(read_server, "/events", type="PROTEST", limit=500)["items"]
    assert protests and all(e["type"] == "PROTEST" for e in protests)
    ceban = entity_id(read_server, "Victor Ceban")
    by_name = get(read_server, "/events", entity="Victor Ceban")["items"]
    assert by_name == get(read_server, "/events", entity=str(ceban))["items"]
    assert by_name and all(ceban in (e["actor"], e["target"], e["place"]) for e in by_name)
    april = get(read_server, "/events", start="2025-04-12", end="2025-04-12", limit=500)["items"]
    assert april and all(e["date"] == "2025-04-12" for e in april)
    assert get(read_server, "/events", entity="nobody of that name")["items"] == []
    in_article = get(read_server, "/events", article="fx-001", limit=500)["items"]
    assert in_article and {e["article_id"] for e in in_article} == {"fx-001"}


def test_events_by_place(read_server: Server) -> None:
    placed = [e for e in all_pages(read_server, "/events", limit=50) if e["place"] is not None]
    assert placed, "fx-001's meeting has a place"
    place = placed[0]["place"]
    got = get(read_server, "/events", place=str(place), limit=500)["items"]
    assert got and all(e["place"] == place for e in got)


def test_event_and_claim_by_id(read_server: Server) -> None:
    first = get(read_server, "/events", limit=1)["items"][0]
    assert get(read_server, f"/events/{first['id']}") == first
    claim = get(read_server, "/claims", limit=1)["items"][0]
    assert get(read_server, f"/claims/{claim['id']}")["content"] == claim["content"]
    for bad in (
        "/events/fx-001",
        "/events/fx-001:999",
        "/events/:1",
        "/claims/nope:x",
        "/claims/fx-001:99999999999",
    ):
        assert error_code(read_server, bad, 404) == "NG402"


@pytest.mark.parametrize(
    "params",
    [{"start": "2025-13-01"}, {"end": "yesterday"}, {"start": "2025-05-01", "end": "2025-04-01"},
     {"limit": 0}, {"limit": 501}, {"offset": -1}, {"type": "X" * 41}],
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
    assert error_code(read_server, "/claims", 422, start="2025-02-30") == "NG410"


def test_ledger_groups_figures_and_marks_disagreement(read_server: Server) -> None:
    figures = get(read_server, "/ledger")["items"]
    protesters = next(f for f in figures if f["unit"] == "protesters" and f["about"] is None)
    assert protesters["count"] == 3 and protesters["articles"] == 2
    assert (protesters["low"], protesters["high"]) == (12, 40)
    detail = get(read_server, "/ledger/figure", unit="protesters")
    values = {v["value"]: v for v in detail["values"]}
    assert set(values) == {12, 35, 40}
    assert values[40]["bound"] == "lower"
    # the ministry's 12 and the organisers' "at least 40", the same day: no number fits both
    pair = {values[12]["id"], values[40]["id"]}
    assert any(set(p) == pair for p in detail["disagreements"])
    assert values[12]["disputed"] and values[40]["id"] in values[12]["disagrees_with"]
    assert "12 protesters" in values[12]["context"]
    assert error_code(read_server, "/ledger/figure", 404, unit="unicorns") == "NG402"
    assert error_code(read_server, "/ledger/figure", 422) == "NG410"


def test_openapi_lists_every_endpoint(read_server: Server) -> None:
    spec = get(read_server, "/openapi.json")
    paths = set(spec["paths"])
    assert {"/stats", "/articles", "/articles/{article_id}", "/entities", "/entities/{entity_id}",
            "/entities/{entity_id}/timeline", "/entities/{entity_id}/graph", "/events", "/events/{event_id}",
            "/claims", "/claims/{claim_id}", "/ledger", "/ledger/figure"} <= paths  # fmt: skip
    assert "post" in spec["paths"]["/articles"]
    assert not any(p.startswith("/ui") for p in paths)
    docs = httpx.get(read_server.url + "/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger_ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert httpx.get(read_server.url + "/static/vendor/swagger_ui/swagger-ui-bundle.js").status_code == 200
