"""The pages as HTML over real HTTP: what they show, links between them, and escaping."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.api.serving import Server

pytestmark = pytest.mark.model


def page(server: Server, path: str, status: int = 200, **params: str) -> str:
    resp = httpx.get(server.url + path, params=params or None, timeout=30, follow_redirects=False)
    assert resp.status_code == status, resp.text[:500]
    if status == 200:
        assert resp.headers["content-type"].startswith("text/html")
        csp = resp.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    return resp.text


def entity_id(server: Server, name: str) -> int:
    return int(httpx.get(f"{server.url}/entities", params={"q": name}).json()["items"][0]["id"])


def test_home_lists_entities_articles_and_figures(read_server: Server) -> None:
    html = page(read_server, "/")
    assert 'action="/ui/search"' in html
    assert "Elena Rusu" in html and "Moldova and Romania sign energy pact" in html
    assert "/ui/ledger?unit=protesters" in html


def test_search_finds_entities_articles_and_claims(read_server: Server) -> None:
    html = page(read_server, "/ui/search", q="Ceban")
    assert f'href="/ui/entities/{entity_id(read_server, "Victor Ceban")}"' in html
    assert "/ui/articles/fx-002" in html and "/ui/articles/fx-003" in html
    html = page(read_server, "/ui/search", q="personal data")
    assert "?claim=" in html and "no personal data was stolen" in html
    assert httpx.get(read_server.url + "/ui/search", params={"q": " "}).status_code == 303


def test_entity_page_shows_timeline_aliases_roles_and_ties(read_server: Server) -> None:
    rusu = entity_id(read_server, "Elena Rusu")
    html = page(read_server, f"/ui/entities/{rusu}")
    assert "<h1>Elena Rusu" in html
    items = re.findall(r'<li class="item (event|claim)"', html)
    assert items, "Rusu meets Popa and makes a claim"
    # every timeline item links to its article, at the item
    links = re.findall(r'href="/ui/articles/([^"?]+)\?(event|claim)=(\d+)#focus"', html)
    assert len(links) == len(items)
    assert {a for a, _, _ in links} <= {"fx-001", "fx-002", "fx-003", "fx-hostile"}
    assert "Roles over time" in html and "Reported with" in html
    assert (
        '<svg class="graph"' in html
        and f'href="/ui/entities/{entity_id(read_server, "Andrei Popa")}"' in html
    )


def test_article_page_highlights_in_place(read_server: Server) -> None:
    html = page(read_server, "/ui/articles/fx-002", event="0")
    text = re.search(r'<article class="text" id="text">(.*?)</article>', html, re.S)
    assert text is not None
    body = text.group(1)
    # removing the marks gives back the article text exactly
    plain = re.sub(r"<[^>]+>", "", body).replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&")
    article = httpx.get(f"{read_server.url}/articles/fx-002").json()
    assert plain == article["text"]
    assert 'id="focus"' in body and 'class="mk trig"' in body and 'class="mk fig"' in body
    assert re.search(r'class="mk ent t-PERSON" data-tip="Victor Ceban → Victor Ceban \(PERSON\)"', body)
    assert 'data-tip="figure: at least 40 protesters"' in body


def test_ledger_pages(read_server: Server) -> None:
    html = page(read_server, "/ui/ledger")
    assert "protesters" in html and "disagreement" in html
    html = page(read_server, "/ui/ledger", unit="protesters")
    assert '<svg class="chart"' in html
    assert html.count('class="point disputed"') == 3
    assert "Organisers of the rally" in html and "interior ministry" in html
    assert "/ui/articles/fx-002?claim=" in html


def test_hostile_article_is_text_everywhere(read_server: Server) -> None:
    pages = [
        page(read_server, "/ui/articles/fx-hostile"),
        page(read_server, "/"),
        page(read_server, "/ui/search", q="defaced"),
        page(read_server, "/ui/search", q="<script>"),
    ]
    for html in pages:
        assert "<script>window.__ngPwned" not in html
        assert "<img src=x" not in html and "onerror=" not in html.replace("onerror=&#34;", "")
        assert 'href="javascript:' not in html
    article = pages[0]
    assert "&lt;script&gt;window.__ngPwned = &#39;text&#39;;&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=&#34;window.__ngPwned = &#39;img&#39;&#34;&gt;" in article
    assert "&lt;script&gt;window.__ngPwned = &#39;source&#39;;&lt;/script&gt;" in article
    # the only scripts on a page are the app's own files
    assert re.findall(r"<script[^>]*>", article) == ['<script src="/static/app.js" defer>']


def test_error_pages_are_html(read_server: Server) -> None:
    html = page(read_server, "/ui/entities/999999", 404)
    assert "NG402" in html and "<!doctype html>" in html
    html = page(read_server, "/ui/articles/no-such", 404)
    assert "NG402" in html
    html = page(read_server, "/ui/ledger", 422, about="x")
    assert "NG410" in html
    assert httpx.get(read_server.url + "/ui/").headers["location"] == "/"
