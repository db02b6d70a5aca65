"""The pages in a real browser: Debian's headless Chromium driven by Playwright.

Needs /usr/bin/chromium (scripts/chromium.sh installs it); skipped, saying so, when it is absent.
Playwright never downloads a browser here: it launches that executable with a fresh profile.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

from tests.api.serving import Server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (/usr/bin/chromium): run scripts/chromium.sh",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[BrowserContext]:
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="ng-chromium-") as profile:
        ctx = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
        )
        yield ctx
        ctx.close()


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[Page]:
    pg = browser.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    yield pg
    pg.close()
    assert problems == []


def entity_id(server: Server, name: str) -> int:
    return int(httpx.get(f"{server.url}/entities", params={"q": name}).json()["items"][0]["id"])


def test_timeline_item_leads_to_its_highlighted_sentence(read_server: Server, page: Page) -> None:
    ceban = entity_id(read_server, "Victor Ceban")
    page.goto(f"{read_server.url}/ui/entities/{ceban}")
    assert page.locator("h1").inner_text().startswith("Victor Ceban")
    items = page.locator("ol.items li.item")
    assert items.count() >= 2
    event = page.locator("ol.items li.item.event").first
    sentence = " ".join(event.locator("blockquote.sent").inner_text().split())
    trigger = event.locator("blockquote.sent mark").inner_text()
    event.locator(".from a").click()
    page.wait_for_url("**/ui/articles/**")
    assert "#focus" in page.url
    focus = page.locator("#focus")
    assert focus.is_visible()
    # the sentence the timeline showed is the one highlighted in the article, with its trigger marked
    assert " ".join(focus.inner_text().split()) == sentence
    assert focus.locator(".mk.trig", has_text=trigger).count() >= 1
    assert focus.evaluate("el => getComputedStyle(el).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    # hovering a highlighted name shows what it resolves to
    name = page.locator("#text a.mk.ent", has_text="Victor Ceban").first
    name.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "Victor Ceban (PERSON)" in tip.inner_text()
    # and the name links back to the entity page
    name.click()
    page.wait_for_url(f"**/ui/entities/{ceban}")


def test_hovering_a_date_shows_its_value(read_server: Server, page: Page) -> None:
    page.goto(f"{read_server.url}/ui/articles/fx-003")
    may = page.locator("#text .mk.timex", has_text="May").first
    may.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "2025-05" in tip.inner_text() and "May 2025" in tip.inner_text()
    page.mouse.move(5, 5)
    tip.wait_for(state="hidden")


def ran(page: Page) -> Any:
    return page.evaluate("() => window.__ngPwned")


def test_the_check_below_can_see_a_script_run(browser: BrowserContext) -> None:
    """The control: markup that does run is seen by the same check (so a pass below means something)."""
    pg = browser.new_page()
    pg.set_content("<p>x</p><script>window.__ngPwned = 'control';</script>")
    assert ran(pg) == "control"
    pg.close()


@pytest.mark.parametrize(
    "path", ["/ui/articles/fx-hostile", "/", "/ui/search?q=defaced", "/ui/search?q=%3Cscript%3E"]
)
def test_hostile_article_runs_no_script(read_server: Server, page: Page, path: str) -> None:
    page.goto(read_server.url + path)
    page.wait_for_load_state("load")
    assert ran(page) is None
    assert page.locator("img").count() == 0
    assert page.locator("[onerror]").count() == 0
    scripts = page.locator("script").evaluate_all("els => els.map(e => e.getAttribute('src'))")
    assert scripts == ["/static/app.js"]
    if "articles" in path:
        text = page.locator("#text").inner_text()
        assert "<script>window.__ngPwned = 'text';</script>" in text
        assert "<img src=x onerror=\"window.__ngPwned = 'img'\">" in text
        assert page.locator("h1").inner_text().startswith("<img src=x onerror=")
        assert page.locator("a[href^='javascript']").count() == 0


def test_ledger_chart_marks_disagreement(read_server: Server, page: Page) -> None:
    page.goto(f"{read_server.url}/ui/ledger")
    page.locator("table.figures a", has_text="protesters").first.click()
    page.wait_for_url("**/ui/ledger?unit=protesters*")
    assert page.locator("svg.chart g.point").count() == 3
    assert page.locator("svg.chart g.point.disputed circle.ring").count() == 3
    assert page.locator("table.values tr.disputed").count() == 3
    box = page.locator("svg.chart").bounding_box()
    assert box is not None and box["width"] > 600


def test_api_docs_load_offline(read_server: Server, page: Page) -> None:
    page.goto(f"{read_server.url}/docs")
    page.locator(".opblock-summary-path", has_text="/entities/{entity_id}/timeline").first.wait_for()
    assert page.locator(".opblock").count() >= 14
