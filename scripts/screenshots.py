"""Screenshots of the three main pages (entity, article, ledger) of a running `newsgraph serve`.

    newsgraph ingest examples --db /tmp/demo.db -w 1 && newsgraph serve --db /tmp/demo.db &
    python scripts/screenshots.py --url http://127.0.0.1:8000 --entity "Vladimir Putin" \
        --about "North Korea" --topic troops --out docs/

Drives Debian's Chromium (/usr/bin/chromium; scripts/chromium.sh installs it) through Playwright.
Without --entity it takes the most reported entity. The article is the first report of the first
event on the entity's timeline that several articles tell (else of its first item), shown at the
highlighted sentence with a hover note. The ledger page is the first group of figures about
--about (and --topic), disputed ones first; without them, the first group of the ledger.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

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


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.load(resp)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("--entity", help="name or id of the entity to show")
    ap.add_argument("--about", help="name or id of the entity the ledger's figures are about")
    ap.add_argument("--topic", help="what the figures count (troops, casualties, ...)")
    ap.add_argument("--out", default="docs", type=Path)
    ap.add_argument("--width", type=int, default=1360)
    args = ap.parse_args()
    base = args.url.rstrip("/")
    if args.entity and args.entity.isdigit():
        entity_id = int(args.entity)
    else:
        q = f"?q={urllib.parse.quote(args.entity)}&limit=1" if args.entity else "?limit=1"
        entity_id = get(f"{base}/entities{q}")["items"][0]["id"]
    wanted = {k: v for k, v in (("about", args.about), ("topic", args.topic)) if v}
    group = get(f"{base}/ledger?{urllib.parse.urlencode({**wanted, 'limit': 1})}")["items"][0]
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        ctx = p.chromium.launch_persistent_context(
            profile,
            executable_path="/usr/bin/chromium",
            headless=True,
            args=ARGS,
            viewport={"width": args.width, "height": 900},
        )
        page = ctx.new_page()
        page.goto(f"{base}/ui/entities/{entity_id}")
        page.screenshot(path=str(args.out / "entity.png"), full_page=False)
        told = page.locator("ol.items li.item.event.several ul.reports a.art-link")
        (told if told.count() else page.locator("ol.items li.item ul.reports a.art-link")).first.click()
        page.wait_for_load_state()
        page.evaluate("window.scrollTo(0, 0)")  # the page's head in the shot, unless the item is further down
        page.locator("#focus").scroll_into_view_if_needed()
        # hover a date in the highlighted sentence, or else any mark, so the shot shows a note
        mark = page.locator("#focus .mk.timex").first
        if not mark.count():
            mark = page.locator("#text .mk").first
        mark.hover()
        page.screenshot(path=str(args.out / "article.png"), full_page=False)
        page.goto(f"{base}/ui/ledger/{group['id']}")
        page.screenshot(path=str(args.out / "ledger.png"), full_page=True)
        ctx.close()
    for name in ("entity", "article", "ledger"):
        print(args.out / f"{name}.png")


if __name__ == "__main__":
    main()
