"""How alike two stored articles are: term profiles weighted by rarity.

Articles about one event share the rare words of that event: the names of the
people and places in it and the content words that tell it ("rehab", "Oscars",
"magnitude"). Each article gets a profile when the graph takes it in: the
distinct stems of its content words (function words and news filler dropped),
at most :data:`PROFILE` of them, the rarest first (by the document frequency
known at that time). Document frequencies are counted over every term of every
article taken in, so they grow with the store; the similarity of two profiles
is the cosine of their binary term vectors weighted by inverse document
frequency, between 0 (nothing shared) and 1 (the same terms).

The cost is flat as the store grows: an article's profile is written once, a
similarity reads two profiles and the frequencies of their terms.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources

from newsgraph.graph.db import GraphDB, marks
from newsgraph.graph.triggers import stem_word

__all__ = ["PROFILE", "Profiles", "terms"]

PROFILE = 60  # terms kept per article
_CHARS = 6000  # the start of an article that its profile is made from
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]")


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    text = (
        resources.files("newsgraph.graph").joinpath("data", "function_words.txt").read_text(encoding="utf-8")
    )
    words: set[str] = set()
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            words.update(w.lower() for w in line.split())
    return frozenset(words)


def terms(text: str) -> list[str]:
    """The distinct content-word stems of a text, in order of first occurrence.

    A word written with a capital inside a sentence is taken as (part of) a name
    and marked "=" ("=jackman"): names tell one event from another of its kind.
    """
    drop = _function_words()
    out: dict[str, None] = {}
    text = text[:_CHARS]
    for m in _WORD.finditer(text):
        raw = m.group()
        w = raw.lower().removesuffix("'s")
        if len(w) < 3 or w in drop:
            continue
        stem = stem_word(w.replace("'", ""))
        if len(stem) < 3:
            continue
        before = text[max(0, m.start() - 3) : m.start()].rstrip(" \"'(“‘")
        named = raw[0].isupper() and bool(before) and before[-1] not in ".!?:\n"
        out.setdefault(f"={stem}" if named else stem, None)
    return list(out)


class Profiles:
    """Term profiles and document frequencies of one store, read once per consolidation batch."""

    def __init__(self, db: GraphDB) -> None:
        self.db = db
        self._profiles: dict[str, frozenset[str]] = {}
        self._df: dict[str, int] = {}
        self._n: int | None = None
        self._sims: dict[tuple[str, str], float] = {}
        self._w2s: dict[str, float] = {}
        self._norms: dict[str, float] = {}

    def add_articles(self, article_ids: list[str]) -> None:
        """Write the profiles of these articles and count their terms (the articles are not profiled yet)."""
        if not article_ids:
            return
        rows = self.db.sql_rows(
            "SELECT a.id, a.title, a.text FROM articles a LEFT JOIN article_terms t ON t.article_id = a.id"
            f" WHERE a.id IN ({marks(len(article_ids))}) AND t.article_id IS NULL",
            article_ids,
        )
        order = {a: i for i, a in enumerate(article_ids)}
        rows.sort(key=lambda r: order[r["id"]])  # in the order given, whatever order the database returns
        for row in rows:
            found = terms(f"{row['title'] or ''}\n{row['text'] or ''}")
            if not found:
                continue
            df = self.df(found)
            kept = sorted(found, key=lambda t: df.get(t, 0))[:PROFILE]  # stable: rarest, then earliest
            self.db.sql_executemany(
                "INSERT INTO graph_terms (term, df) VALUES (?, 1)"
                " ON CONFLICT (term) DO UPDATE SET df = graph_terms.df + 1",
                [(t,) for t in found],
            )
            self.db.sql_executemany(
                "INSERT INTO article_terms (article_id, term) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(row["id"], t) for t in kept],
            )
            for t in found:
                self._df[t] = self._df.get(t, 0) + 1
            self._profiles[row["id"]] = frozenset(kept)
            if self._n is not None:
                self._n += 1

    def df(self, words: list[str] | frozenset[str]) -> dict[str, int]:
        missing = [w for w in words if w not in self._df]
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            for r in self.db.sql_rows(
                f"SELECT term, df FROM graph_terms WHERE term IN ({marks(len(chunk))})", chunk
            ):
                self._df[r["term"]] = int(r["df"])
            for w in chunk:
                self._df.setdefault(w, 0)
        return {w: self._df[w] for w in words}

    def articles(self) -> int:
        if self._n is None:
            self._n = int(
                self.db.sql_rows("SELECT COUNT(DISTINCT article_id) AS n FROM article_terms")[0]["n"]
            )
        return self._n

    def profile(self, article_id: str) -> frozenset[str]:
        found = self._profiles.get(article_id)
        if found is None:
            found = frozenset(
                r["term"]
                for r in self.db.sql_rows(
                    "SELECT term FROM article_terms WHERE article_id = ?", (article_id,)
                )
            )
            self._profiles[article_id] = found
        return found

    def load(self, article_ids: list[str]) -> None:
        """Read the profiles of many articles at once."""
        missing = [a for a in dict.fromkeys(article_ids) if a not in self._profiles]
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            got: dict[str, set[str]] = {a: set() for a in chunk}
            for r in self.db.sql_rows(
                f"SELECT article_id, term FROM article_terms WHERE article_id IN ({marks(len(chunk))})", chunk
            ):
                got[r["article_id"]].add(r["term"])
            for a, ts in got.items():
                self._profiles[a] = frozenset(ts)

    def weight(self, term: str) -> float:
        n = self.articles()
        return math.log((n + 1) / (self._df.get(term, 0) + 0.5))

    def _w2(self, term: str) -> float:
        found = self._w2s.get(term)
        if found is None:
            found = max(self.weight(term), 0.0) ** 2
            self._w2s[term] = found
        return found

    def _norm(self, article_id: str, terms: frozenset[str]) -> float:
        found = self._norms.get(article_id)
        if found is None:
            found = sum(self._w2(t) for t in terms)
            self._norms[article_id] = found
        return found

    def similarity(self, a: str, b: str) -> float:
        """Cosine of the two articles' profiles weighted by inverse document frequency (0 to 1).

        Weights are read once per batch (document frequencies move little within one).
        """
        if a == b:
            return 1.0
        key = (a, b) if a < b else (b, a)
        cached = self._sims.get(key)
        if cached is not None:
            return cached
        pa, pb = self.profile(a), self.profile(b)
        if not pa or not pb:
            return 0.0
        self.df([t for t in pa | pb if t not in self._df])
        wa, wb = self._norm(a, pa), self._norm(b, pb)
        shared = sum(self._w2(t) for t in pa & pb)
        sim = shared / math.sqrt(wa * wb) if wa and wb else 0.0
        self._sims[key] = sim
        return sim
