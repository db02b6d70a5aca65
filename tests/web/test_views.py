"""The pages as HTML over real HTTP: what they show, links between them, and escaping."""

from __future__ import annotations

import re

import httpx
import pytest

from newsgraph.web.views import headline
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


def test_home_lists_entities_articles_events_and_figures(read_server: Server) -> None:
    html = page(read_server, "/")
    assert 'action="/ui/search"' in html
    assert "Elena Rusu" in html and "Moldova and Romania sign energy pact" in html
    assert re.search(r'href="/ui/ledger/\d+">troops · Russia', html)
    assert "Told by several" in html and re.search(r'href="/ui/events/\d+">2 articles · 2 reports', html)


def test_search_finds_entities_articles_and_claims(read_server: Server) -> None:
    html = page(read_server, "/ui/search", q="Ceban")
    assert f'href="/ui/entities/{entity_id(read_server, "Victor Ceban")}"' in html
    assert "/ui/articles/fx-002" in html and "/ui/articles/fx-003" in html
    html = page(read_server, "/ui/search", q="personal data")
    assert "?claim=" in html and "no personal data was stolen" in html
    assert httpx.get(read_server.url + "/ui/search", params={"q": " "}).status_code == 303
    # a surname alone finds the one entity it was merged into
    html = page(read_server, "/ui/search", q="Rusu")
    found = re.search(r"<h2>Entities.*?</section>", html, re.S)
    assert found is not None
    assert found.group(0).count('class="ent-link"') == 1 and "2 names merged" in found.group(0)


def test_entity_page_shows_timeline_aliases_merges_roles_and_ties(read_server: Server) -> None:
    rusu = entity_id(read_server, "Elena Rusu")
    html = page(read_server, f"/ui/entities/{rusu}")
    assert "<h1>Elena Rusu" in html
    items = re.findall(r'<li class="item (event|claim)', html)
    assert items, "Rusu meets Popa and makes claims"
    # every timeline item links to its articles, at the item
    links = re.findall(r'href="/ui/articles/([^"?]+)\?(event|claim)=(\d+)#focus"', html)
    assert len(links) >= len(items)
    assert {a for a, _, _ in links} <= {"fx-001", "fx-002", "fx-003", "fx-004", "fx-005", "fx-hostile"}
    # the meeting in Chisinau: one event, two reports that disagree on the date, both shown
    merged = re.search(r'<li class="item event several".*?</li>\s*</ul>', html, re.S)
    assert merged is not None
    block = merged.group(0)
    assert "2 articles · 2 sources" in block and "dates differ" in block
    assert "fx-003?event=7#focus" in block and "fx-004?event=0#focus" in block
    assert "2025-04-12" in block and "2025-04-13" in block
    assert "Told by several articles" in html
    assert "Names merged" in html and "<b>Rusu</b>" in html and "partial" in html
    assert "Roles over time" in html and "Reported with" in html
    assert (
        '<svg class="graph"' in html
        and f'href="/ui/entities/{entity_id(read_server, "Andrei Popa")}"' in html
    )
    # the variant's page is the canonical entity's
    variant = next(m["id"] for m in httpx.get(f"{read_server.url}/entities/{rusu}").json()["members"]
                   if m["name"] == "Rusu")  # fmt: skip
    moved = httpx.get(f"{read_server.url}/ui/entities/{variant}", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == f"/ui/entities/{rusu}"


def test_event_page_lists_every_report(read_server: Server) -> None:
    node = httpx.get(f"{read_server.url}/events/fx-004:0").json()
    html = page(read_server, f"/ui/events/{node['id']}")
    assert "reported 2 times in 2 articles by 2 sources" in html
    assert "/ui/articles/fx-003?event=7#focus" in html and "/ui/articles/fx-004?event=0#focus" in html
    assert html.count('class="other-date"') == 1  # the report that gives the other day
    assert "the same participants Elena Rusu, Andrei Popa" in html
    assert "<mark>met</mark>" in html


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


def test_article_page_leads_to_the_merged_event_and_the_ledger(read_server: Server) -> None:
    html = page(read_server, "/ui/articles/fx-004")
    rusu = entity_id(read_server, "Elena Rusu")
    node = httpx.get(f"{read_server.url}/events/fx-004:0").json()
    # "Rusu" links to Elena Rusu; the meeting to its merged event, told in another article too
    assert re.search(
        rf'<a href="/ui/entities/{rusu}" class="mk ent t-PERSON" data-tip="Rusu → Elena Rusu \(PERSON\)', html
    )
    assert f'href="/ui/events/{node["id"]}" class="mk trig"' in html
    assert "reported in 2 articles (2 reports)" in html and "also in 1 other article" in html
    group = httpx.get(f"{read_server.url}/ledger", params={"about": "Russia"}).json()["items"][0]
    assert f'href="/ui/ledger/{group["id"]}"' in html and "disputed" in html


def test_ledger_pages(read_server: Server) -> None:
    html = page(read_server, "/ui/ledger")
    group = httpx.get(f"{read_server.url}/ledger", params={"about": "Russia"}).json()["items"][0]
    assert f'href="/ui/ledger/{group["id"]}"' in html and "1 disagreement" in html
    html = page(read_server, f"/ui/ledger/{group['id']}")
    assert '<svg class="chart"' in html
    assert html.count('class="point disputed"') == 2
    # the disagreement in words: the Moldovan government's about 1,500 against Russia's at most 1,000
    pair = re.search(r'<section class="conflicts">.*?</section>', html, re.S)
    assert pair is not None and "≈ 1,500" in pair.group(0) and "≤ 1,000" in pair.group(0)
    assert "the Moldovan government" in html and "defence ministry" in html
    assert "/ui/articles/fx-005?claim=" in html
    assert (
        page(read_server, "/ui/ledger", about=str(entity_id(read_server, "Russia"))).count("/ui/ledger/") >= 1
    )
    page(read_server, "/ui/ledger/999999", 404)


def test_hostile_article_is_text_everywhere(read_server: Server) -> None:
    pages = [
        page(read_server, "/ui/articles/fx-hostile"),
        page(read_server, "/"),
        page(read_server, "/ui/search", q="defaced"),
        page(read_server, "/ui/search", q="<script>"),
    ]
    hostile_events = httpx.get(f"{read_server.url}/events", params={"article": "fx-hostile"}).json()["items"]
    pages += [page(read_server, f"/ui/events/{e['id']}") for e in hostile_events]
    moldova = entity_id(read_server, "Moldova")
    pages += [page(read_server, f"/ui/entities/{moldova}")]
    for html in pages:
        assert "<script>window.__ngPwned" not in html
        assert "<img src=x" not in html and "onerror=" not in html.replace("onerror=&#34;", "")
        assert 'href="javascript:' not in html
        # the only scripts on a page are the app's own files
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']
    article = pages[0]
    # the article's own text, its marks taken away, holds the markup as escaped text
    text = re.search(r'<article class="text" id="text">(.*?)</article>', article, re.S)
    assert text is not None
    plain = re.sub(r"<[^>]+>", "", text.group(1))
    assert "&lt;script&gt;window.__ngPwned = &#39;text&#39;;&lt;/script&gt;" in plain
    assert "&lt;img src=x onerror=&#34;window.__ngPwned = &#39;img&#39;&#34;&gt;" in plain
    # title and source, in the page head
    assert "&lt;img src=x onerror=&#34;window.__ngPwned = &#39;title&#39;&#34;&gt;" in article
    assert "&lt;script&gt;window.__ngPwned = &#39;source&#39;;&lt;/script&gt;" in article


def test_error_pages_are_html(read_server: Server) -> None:
    html = page(read_server, "/ui/entities/999999", 404)
    assert "NG402" in html and "<!doctype html>" in html
    html = page(read_server, "/ui/articles/no-such", 404)
    assert "NG402" in html
    html = page(read_server, "/ui/ledger", 422, about="x")
    assert "NG410" in html
    assert httpx.get(read_server.url + "/ui/").headers["location"] == "/"


def test_headline_of_an_untitled_article() -> None:
    assert headline("Kim met Putin. Then they left.") == "Kim met Putin."
    long = "The treaty that Russia and North Korea signed in Pyongyang in June commits each to help the other at once."
    cut = headline(long, width=40)
    assert cut.endswith("…") and len(cut) <= 40 and long.startswith(cut[:-1])
    assert headline("  spaced\n\nout  ") == "spaced out"
