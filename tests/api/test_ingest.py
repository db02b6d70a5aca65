"""POST /articles over real HTTP: the token rule, extraction and storage, and bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from newsgraph.store import open_store
from tests.api.serving import Server

pytestmark = pytest.mark.model

ARTICLE = {
    "id": "post-001",
    "published": "2025-05-02",
    "title": "Border talks resume",
    "source": "Test Wire",
    "text": "Romanian Prime Minister Andrei Popa met Moldovan President Elena Rusu in Iasi on Thursday. "
    "Popa said that both governments would open two new border crossings in June.",
}


def post(server: Server, body: Any, *, token: str | None = None, **kw: Any) -> httpx.Response:
    headers = kw.pop("headers", {})
    if token is not None:
        headers["Authorization"] = f"Bearer {token}".encode()
    if "content" not in kw:
        kw["json"] = body
    return httpx.post(server.url + "/articles", headers=headers, timeout=120, **kw)


def code(resp: httpx.Response) -> str:
    return str(resp.json()["error"]["code"])


def stored_ids(server: Server) -> set[str]:
    store = open_store(str(server.db), readonly=True)
    try:
        return {row[0] for row in store.table_rows("articles")}
    finally:
        store.close()


def test_read_only_server_refuses_writes(read_server: Server) -> None:
    resp = post(read_server, ARTICLE, token="anything")
    assert resp.status_code == 403 and code(resp) == "NG411"
    assert "post-001" not in stored_ids(read_server)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer"},
     {"Authorization": "Bearer test-token-\u00e9".encode()}, {"X-Token": "test-token"}],
)  # fmt: skip
def test_missing_or_wrong_token_is_401(write_server: Server, headers: dict[str, Any]) -> None:
    resp = post(write_server, ARTICLE, headers=dict(headers))
    assert resp.status_code == 401 and code(resp) == "NG403"
    assert resp.headers["www-authenticate"] == "Bearer"
    assert "post-001" not in stored_ids(write_server)


def test_token_is_checked_before_the_body(write_server: Server) -> None:
    resp = post(write_server, None, content=b"{not json", headers={"Content-Type": "application/json"})
    assert resp.status_code == 401


@pytest.fixture
def posted(write_server: Server) -> Iterator[dict[str, Any]]:
    resp = post(write_server, ARTICLE, token=write_server.token)
    assert resp.status_code == 200, resp.text
    yield resp.json()


def test_post_extracts_and_stores(write_server: Server, posted: dict[str, Any]) -> None:
    assert posted["added"] == 1 and posted["articles"][0] == {
        "id": "post-001", "status": "added", "duplicate_of": None, "warnings": []}  # fmt: skip
    body = httpx.get(f"{write_server.url}/articles/post-001").json()
    assert body["text"] == ARTICLE["text"] and body["title"] == "Border talks resume"
    assert body["published"] == "2025-05-02"
    names = {e["name"] for e in body["entities"]}
    assert {"Andrei Popa", "Elena Rusu"} <= names
    # the people resolve to the entities already stored from the fixture articles
    popa = httpx.get(f"{write_server.url}/entities", params={"q": "Andrei Popa"}).json()["items"][0]
    assert popa["articles"] >= 3
    # posting it again changes nothing
    again = post(write_server, ARTICLE, token=write_server.token).json()
    assert again["added"] == 0 and again["articles"][0]["status"] == "existing"


def test_post_a_list_with_a_copy_and_a_missing_date(write_server: Server) -> None:
    copy = {**ARTICLE, "id": "post-copy-of-fx-001",
            "text": json.loads(open_text_of(write_server, "fx-001"))}  # fmt: skip
    undated = {"id": "post-002", "text": "Police in Iasi said that 5 people were arrested after the match."}
    resp = post(write_server, [copy, undated], token=write_server.token)
    assert resp.status_code == 200, resp.text
    by_id = {a["id"]: a for a in resp.json()["articles"]}
    assert by_id["post-copy-of-fx-001"]["status"] == "duplicate"
    assert by_id["post-copy-of-fx-001"]["duplicate_of"] == "fx-001"
    assert by_id["post-002"]["status"] == "added"
    assert "NG123" in {w["code"] for w in by_id["post-002"]["warnings"]}
    assert "post-copy-of-fx-001" not in stored_ids(write_server)


def open_text_of(server: Server, article_id: str) -> str:
    return json.dumps(httpx.get(f"{server.url}/articles/{article_id}").json()["text"])


@pytest.mark.parametrize(
    ("body", "status", "expected"),
    [
        ({"id": "x"}, 422, "NG105"),
        ({"text": "no id here"}, 422, "NG105"),
        ({"id": "x", "text": ""}, 422, "NG410"),
        ({"id": "x", "text": "   \n "}, 422, "NG101"),
        ({"id": "x", "text": "ok", "title": {"a": 1}}, 422, "NG410"),
        ({"id": 5, "text": "numbers are not ids"}, 422, "NG410"),
        ([], 422, "NG410"),
        ("just a string", 422, "NG410"),
        ([{"id": "dup", "text": "one"}, {"id": "dup", "text": "two"}], 422, "NG410"),
        ({"id": "big", "text": "x" * 60_000}, 422, "NG109"),
    ],
)
def test_bad_records_are_refused_whole(write_server: Server, body: Any, status: int, expected: str) -> None:
    before = stored_ids(write_server)
    resp = post(write_server, body, token=write_server.token)
    assert resp.status_code == status, resp.text
    assert code(resp) == expected
    assert stored_ids(write_server) == before


def test_one_bad_record_refuses_the_request(write_server: Server) -> None:
    good = {"id": "post-good", "text": "Protesters gathered in Chisinau on Sunday."}
    resp = post(write_server, [good, {"id": "post-bad"}], token=write_server.token)
    assert resp.status_code == 422 and code(resp) == "NG105"
    details = resp.json()["error"]["details"]
    assert details and details[0]["loc"][0] == "body"
    assert "post-good" not in stored_ids(write_server)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(b"{not json", "NG104"), (b'{"id": "s", "text": "bad \\ud800 surrogate"}', "NG104"), (b"", "NG101"),
     (b"\xff\xfe\x00", "NG104")],
)  # fmt: skip
def test_malformed_bodies(write_server: Server, raw: bytes, expected: str) -> None:
    resp = post(write_server, None, token=write_server.token, content=raw,
                headers={"Content-Type": "application/json"})  # fmt: skip
    assert resp.status_code == 422, resp.text
    assert code(resp) == expected


def test_wrong_content_type_is_refused(write_server: Server) -> None:
    resp = post(write_server, None, token=write_server.token, content=b"id=1&text=hello",
                headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert 400 <= resp.status_code < 500


def test_body_over_the_limit_is_413(write_server: Server) -> None:
    big = {"id": "huge", "text": "word " * 60_000}  # ~300 kB, the test server allows 200 kB
    resp = post(write_server, big, token=write_server.token)
    assert resp.status_code == 413 and code(resp) == "NG412"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while streaming
        yield b'{"id": "huge2", "text": "'
        for _ in range(300):
            yield b"w" * 1000
        yield b'"}'

    resp = post(write_server, None, token=write_server.token, content=chunks(),
                headers={"Content-Type": "application/json"})  # fmt: skip
    assert resp.status_code == 413 and code(resp) == "NG412"
    assert not {"huge", "huge2"} & stored_ids(write_server)
