"""The pages in a real browser: Debian's headless Chromium driven by Playwright.

Needs /usr/bin/chromium (scripts/chromium.sh installs it); skipped, saying so, when it is absent.
Playwright never downloads a browser here: it launches that executable with a fresh profile.
"""

from __future__ import annotations

import re
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


def test_demo_entity_timeline_leads_to_the_highlighted_sentence(demo_server: Server, page: Page) -> None:
    """The demo data: Kim Jong Un's page, an event told by several articles, its report in its article."""
    kim = entity_id(demo_server, "Kim Jong Un")
    page.goto(f"{demo_server.url}/ui/entities/{kim}")
    assert page.locator("h1").inner_text().startswith("Kim Jong Un")
    assert page.locator(".aliases .chip", has_text="Kim").count() >= 1  # "Kim" alone was merged in
    event = page.locator("ol.items li.item.event.several").first
    assert "articles" in event.locator(".coverage.several").inner_text()
    assert event.locator("ul.reports a.art-link").count() >= 2  # one line per report
    sentence = " ".join(event.locator("blockquote.sent").inner_text().split())
    trigger = event.locator("blockquote.sent mark").inner_text()
    event.locator("ul.reports a.art-link").first.click()
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
    # hovering a highlighted name shows the entity it resolves to
    name = page.locator("#text a.mk.ent").first
    name.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    note = re.match(r".+ → (.+) \(([A-Z_]+)\)", tip.inner_text().splitlines()[0])
    assert note is not None, tip.inner_text()
    resolved = note.group(1)
    # and the name links to that entity's page
    name.click()
    page.wait_for_url("**/ui/entities/**")
    assert page.locator("h1").inner_text().startswith(resolved)


def test_demo_event_told_by_several_articles(demo_server: Server, page: Page) -> None:
    putin = entity_id(demo_server, "Vladimir Putin")
    page.goto(f"{demo_server.url}/ui/entities/{putin}")
    told = page.locator(".widely li").first
    assert told.is_visible()
    told.locator("a.coverage").click()
    page.wait_for_url("**/ui/events/**")
    reports = page.locator("ol.reports-full li.item")
    assert reports.count() >= 2
    articles = set(
        reports.locator(".head a.art-link").evaluate_all(
            "els => els.map(e => e.getAttribute('href').split('?')[0])"
        )
    )
    assert len(articles) >= 2


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
    row = page.locator("table.figures tr.disputed", has_text="Russia").first
    row.locator("a", has_text="troops").click()
    page.wait_for_url("**/ui/ledger/*")
    assert page.locator("svg.chart g.point").count() == 2
    assert page.locator("svg.chart g.point.disputed circle.ring").count() == 2
    assert page.locator("svg.chart line.conflict").count() == 1
    assert page.locator("table.values tr.disputed").count() == 2
    conflict = page.locator("section.conflicts li").first
    assert conflict.is_visible() and "1,500" in conflict.inner_text() and "1,000" in conflict.inner_text()
    box = page.locator("svg.chart").bounding_box()
    assert box is not None and box["width"] > 600


def test_demo_ledger_shows_the_casualty_figures_sources_disagree_on(demo_server: Server, page: Page) -> None:
    page.goto(f"{demo_server.url}/ui/ledger")
    row = page.locator("table.figures tr.disputed", has_text="North Korea").first
    row.locator("td a").first.click()
    page.wait_for_url("**/ui/ledger/*")
    assert page.locator("svg.chart g.point.disputed").count() >= 2
    sides = page.locator("section.conflicts li").all_inner_texts()
    assert sides and any("3,000" in s and "300" in s for s in sides)  # Zelensky's count against the NIS's


def test_api_docs_load_offline(read_server: Server, page: Page) -> None:
    page.goto(f"{read_server.url}/docs")
    page.locator(".opblock-summary-path", has_text="/entities/{entity_id}/timeline").first.wait_for()
    assert page.locator(".opblock").count() >= 14
    assert page.locator(".opblock-summary-path", has_text="/ledger/{group_id}").count() == 1
