from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import InputError
from newsgraph.ingest import read_any, sniff
from newsgraph.model import Article

ARTICLE_HTML = """<!doctype html><html><head><title>Ceasefire talks resume | Example News</title>
<meta property="article:published_time" content="2024-03-05T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ceasefire talks resume in Cairo</h1>
<p>Negotiators from both sides returned to Cairo on Tuesday for a new round of talks on a ceasefire,
officials said, after a week in which the discussions had stalled over the release of hostages.</p>
<p>The mediators said they hoped to reach an agreement before the start of the holy month, and that
the delegations would meet again on Wednesday morning to continue the discussions in detail.</p>
</article><footer>Copyright Example News. All rights reserved.</footer></body></html>"""


def articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items: list[Article | InputError]) -> list[str]:
    return [i.code for i in items if isinstance(i, InputError)]


def test_jsonl_good_bad_and_missing(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    lines = [
        json.dumps(
            {"id": "a1", "text": "First.", "published": "2024-01-02T10:00:00", "title": "T", "source": "S"}
        ),
        "",
        json.dumps({"id": "a2", "text": "Second.", "published": "2024-13-01"}),
        json.dumps({"text": "no id"}),
        '{"id": "a3", "text": "cut of',
    ]
    f.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_any([f]))
    got = articles(items)
    assert [a.id for a in got] == ["a1", "a2"]
    assert got[0].published == "2024-01-02" and got[0].title == "T" and got[0].source == "S"
    assert got[0].text == "First."  # used exactly as given
    assert [w.code for w in got[1].warnings] == ["NG122"] and got[1].published is None
    assert errors(items) == ["NG105", "NG104"]
    assert f"{f}:5" in str([i for i in items if isinstance(i, InputError)][-1])


def test_file_that_is_not_jsonl_is_rejected_once(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text("{\n" + "\n".join(f'  "k{i}": {i},' for i in range(50)) + "\n}\n", encoding="utf-8")
    assert errors(list(read_any([f]))) == ["NG104"] * 5 + ["NG104"]


def test_json_file_holds_one_or_many(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"id": "x", "text": "Hello there."}), encoding="utf-8")
    (tmp_path / "many.json").write_text(
        json.dumps([{"id": "y", "text": "A."}, {"nope": 1}]), encoding="utf-8"
    )
    items = list(read_any([tmp_path]))
    assert sorted(a.id for a in articles(items)) == ["x", "y"]
    assert errors(items) == ["NG105"]


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(ARTICLE_HTML, encoding="utf-8")
    (a,) = articles(list(read_any([f])))
    assert a.published == "2024-03-05"
    assert "Ceasefire talks resume" in (a.title or "")
    assert a.text.startswith("Negotiators from both sides") or "Negotiators from both sides" in a.text
    assert "Copyright" not in a.text and "Home" not in a.text


def test_html_without_article_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "nav.html"
    f.write_text(
        "<html><body><nav><a href='/'>Home</a></nav><footer>(c)</footer></body></html>", encoding="utf-8"
    )
    assert errors(list(read_any([f]))) == ["NG103"]


def _warc(path: Path) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, body in enumerate([ARTICLE_HTML, "<html><body>tiny</body></html>"]):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://example.org/{n}", "response", payload=io.BytesIO(body.encode()), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-03-06T00:00:00Z"},
            )  # fmt: skip
            writer.write_record(record)


def test_warc_responses_become_articles(tmp_path: Path) -> None:
    f = tmp_path / "crawl.warc.gz"
    _warc(f)
    items = list(read_any([f]))
    (a,) = articles(items)
    assert a.url == "https://example.org/0" and a.published == "2024-03-05"
    assert errors(items) == ["NG103"]


def test_broken_warc_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "bad.warc.gz"
    f.write_bytes(gzip.compress(b"this is not a warc file at all"))
    assert errors(list(read_any([f]))) == ["NG108"]


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>
<item><title>One</title><link>https://example.org/one</link><guid>urn:one</guid>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>The full text of the first story, with <b>bold</b> words.</p><p>Second paragraph.</p>]]></content:encoded></item>
<item><title>Two</title><link>https://example.org/two</link><description>Only a summary here.</description></item>
<item><title>Three</title><link>https://example.org/three</link></item>
</channel></rss>"""


def test_rss_uses_content_else_summary(tmp_path: Path) -> None:
    f = tmp_path / "feed.rss"
    f.write_text(RSS, encoding="utf-8")
    items = list(read_any([f]))
    one, two = articles(items)
    assert one.id == "urn:one" and one.published == "2024-03-05" and one.source == "Wire"
    assert "full text of the first story" in one.text and "<b>" not in one.text
    assert two.text == "Only a summary here." and two.published is None
    assert errors(items) == ["NG101"]


def test_atom_feed(tmp_path: Path) -> None:
    atom = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><id>tag:x,2024:1</id><title>E</title><updated>2024-04-01T00:00:00Z</updated>
    <summary>An Atom summary sentence.</summary></entry></feed>"""
    f = tmp_path / "feed.xml"
    f.write_text(atom, encoding="utf-8")
    (a,) = articles(list(read_any([f])))
    assert a.id == "tag:x,2024:1" and a.published == "2024-04-01" and a.text == "An Atom summary sentence."


def test_stdin_is_sniffed() -> None:
    data = json.dumps({"id": "s1", "text": "From a pipe."}).encode() + b"\n"
    (a,) = articles(list(read_any(["-"], stdin=io.BytesIO(data))))
    assert a.id == "s1"
    (b,) = articles(list(read_any(["-"], stdin=io.BytesIO(b"date 2024-01-01\nPlain text."))))
    assert b.published == "2024-01-01" and b.text == "Plain text."


def test_folders_are_walked_in_order_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    assert [a.text for a in articles(list(read_any([tmp_path])))] == ["First.", "Second."]


def test_missing_path_and_bad_published() -> None:
    assert errors(list(read_any(["/nonexistent/file.txt"]))) == ["NG106"]
    with pytest.raises(InputError):
        list(read_any(["-"], published="2024-99-99"))


def test_oversized_inputs_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("date 2024-01-01\n" + "word " * 3000, encoding="utf-8")
    assert errors(list(read_any([f], max_file_bytes=1000))) == ["NG109"]
    assert errors(list(read_any([f], max_chars=1000))) == ["NG109"]


@pytest.mark.parametrize(
    ("head", "kind"),
    [(b"WARC/1.0\r\n", "warc"), (b"\x1f\x8b\x08", "warc"), (b'{"id": 1}', "jsonl"), (b"<html>", "html"),
     (b'<?xml version="1.0"?><rss>', "feed"), (b"<feed xmlns=", "feed"), (b"date 2024-01-01", "text")],
)  # fmt: skip
def test_sniff(head: bytes, kind: str) -> None:
    assert sniff(head) == kind
