"""Trigger words of event reports: crude stems and families of words that can name one happening.

Two reports of one event are often told with different words ("killed" and
"shooting", "arrested" and "taken into custody"). The families in
``data/event_families.tsv`` list such words; a trigger belongs to every family
one of whose words it matches (the whole trigger, or its last or first word,
compared by :func:`trigger_stem`). A shared family makes two triggers
compatible; it is not by itself evidence that the reports are of one event.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from newsgraph.store.base import norm_name

__all__ = ["families", "family_table", "phrase_stem", "stem_word", "trigger_stem"]

_SUFFIXES = ("ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s")


def trigger_stem(text: str) -> str:
    """A crude stem of the trigger's last word: "signed", "signing", "signs" -> "sign"."""
    words = norm_name(text).split()
    return stem_word(words[-1]) if words else ""


def stem_word(w: str) -> str:
    """The crude stem of one lowercase word."""
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)] + ("y" if suf in ("ied", "ies") else "")
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2]:
        w = w[:-1]  # "planned" -> "plann" -> "plan"
    return w


def phrase_stem(text: str) -> str:
    """Every word of a phrase stemmed: "gunned down" -> "gun down"."""
    return " ".join(stem_word(w) for w in norm_name(text).split())


@lru_cache(maxsize=1)
def family_table() -> dict[str, frozenset[str]]:
    """Stemmed word or phrase -> the families it belongs to."""
    text = (
        resources.files("newsgraph.graph").joinpath("data", "event_families.tsv").read_text(encoding="utf-8")
    )
    table: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, words = line.partition("\t")
        for word in words.split(","):
            key = phrase_stem(word)
            if key:
                table.setdefault(key, set()).add(name.strip())
    return {k: frozenset(v) for k, v in table.items()}


def families(trigger: str) -> frozenset[str]:
    """The families of a trigger: of the whole phrase when listed, else of its last (then first) word."""
    words = phrase_stem(trigger).split()
    if not words:
        return frozenset()
    table = family_table()
    for key in (" ".join(words), words[-1], words[0]):
        found = table.get(key)
        if found:
            return found
    return frozenset()
