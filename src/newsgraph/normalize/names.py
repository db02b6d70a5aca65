"""Names: normalisation, the gazetteers (countries, places, organisations, clubs, given names), acronyms.

Pure functions over our own data tables in ``newsgraph/nlp/data`` (no spaCy):

- ``countries.tsv``: ISO code, ISO3, name, variants, demonyms, capitals. A
  demonym ("North Korean") or a capital ("Pyongyang") leads to its country.
- ``places.tsv``: regions, seas, subnational units and major cities, with a
  type (GPE, LOC, FAC) and the ISO code of the country (or subdivision).
- ``organizations.tsv``: organisations with their abbreviations.
- ``sports_clubs.tsv``: sports clubs and teams, with short names.
- ``given_names.tsv``: common given names of many languages.

Lookups are case-insensitive on a normalised key (:func:`name_key`); an
entry whose name is an ordinary English word in lower case is only matched
with its own capitals by the callers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "Country",
    "GazEntry",
    "acronym",
    "clean_name",
    "countries",
    "country_of",
    "gazetteer",
    "given_names",
    "is_acronym_of",
    "lookup",
    "name_key",
]

_DATA = "newsgraph.nlp.data"
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"})
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*'s?$")
_ACRONYM_SKIP = frozenset(
    {"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "&", "-",
     "co", "co.", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "plc", "llc"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Country:
    iso: str  # ISO 3166-1 alpha-2 (or a 3166-2 subdivision such as GB-ENG)
    iso3: str
    name: str
    variants: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GazEntry:
    """What a name in a gazetteer stands for.

    ``kind`` is what the matched text is: "country", "demonym", "capital",
    a place kind ("city", "region", "oblast" ...), an organisation kind, or
    "club". ``label`` is the spaCy label the text itself takes (NORP for a
    demonym); ``canonical`` the name of the entity it belongs to, and
    ``iso`` the country code for countries, demonyms, capitals and places.
    """

    text: str
    canonical: str
    label: str
    kind: str
    iso: str | None = None


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose (most news text)
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean_name(text: str) -> str:
    """A name as written, tidied: one space, plain quotes, no leading article or trailing possessive."""
    text = _SPACES.sub(" ", text.translate(_QUOTES)).strip()
    text = _LEADING.sub("", text)
    text = _POSSESSIVE.sub("", text) if text.endswith(("'s", "'")) and len(text) > 2 else text
    return text.strip()


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The key names are compared on: cleaned, accents removed, case-folded, dots and hyphens as spaces."""
    text = _fold(clean_name(text)).casefold()
    text = text.replace(".", "").replace("-", " ")
    return _SPACES.sub(" ", text).strip()


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files(_DATA).joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of ``countries.tsv``, in file order."""
    return tuple(
        Country(
            iso=r["iso2"],
            iso3=r["iso3"],
            name=r["name"],
            variants=_split(r["variants"]),
            demonyms=_split(r["demonyms"]),
            capitals=_split(r["capital"]),
        )
        for r in _rows("countries.tsv")
    )


def _plural(demonym: str) -> str | None:
    """The plural people-noun of a demonym ("Iraqi" -> "Iraqis"), or None when English has none."""
    if demonym.endswith(("ese", "ish", "ch", "sh", "ss", "ic", "x", "z")):
        return None
    if demonym.endswith("man"):
        return demonym[:-3] + "men"
    return demonym + "s"


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, GazEntry]:
    """Every known name by :func:`name_key`; the first entry of a key wins (countries, places, orgs, clubs)."""
    table: dict[str, GazEntry] = {}

    def add(text: str, entry: GazEntry) -> None:
        table.setdefault(name_key(text), entry)

    for c in countries():
        add(c.name, GazEntry(c.name, c.name, "GPE", "country", c.iso))
        for v in c.variants:
            add(v, GazEntry(v, c.name, "GPE", "country", c.iso))
    for c in countries():
        for d in c.demonyms:
            add(d, GazEntry(d, c.name, "NORP", "demonym", c.iso))
            plural = _plural(d)
            if plural:
                add(plural, GazEntry(plural, c.name, "NORP", "demonym", c.iso))
    for c in countries():
        for cap in c.capitals:
            add(cap, GazEntry(cap, c.name, "GPE", "capital", c.iso))
    for r in _rows("places.tsv"):
        iso = r["iso"] or None
        add(r["name"], GazEntry(r["name"], r["name"], r["type"], r["kind"], iso))
        for v in _split(r["variants"]):
            add(v, GazEntry(v, r["name"], r["type"], r["kind"], iso))
    for r in _rows("organizations.tsv"):
        add(r["name"], GazEntry(r["name"], r["name"], r["type"], r["kind"]))
        for v in _split(r["abbreviations"]):
            add(v, GazEntry(v, r["name"], r["type"], r["kind"]))
    for r in _rows("sports_clubs.tsv"):
        add(r["name"], GazEntry(r["name"], r["name"], "ORG", "club", r["country"] or None))
        for v in _split(r["variants"]):
            add(v, GazEntry(v, r["name"], "ORG", "club", r["country"] or None))
    return table


@lru_cache(maxsize=1)
def clubs() -> dict[str, GazEntry]:
    """Sports clubs by key, including those whose name is also a place ("Liverpool")."""
    table: dict[str, GazEntry] = {}
    for r in _rows("sports_clubs.tsv"):
        entry = GazEntry(r["name"], r["name"], "ORG", "club", r["country"] or None)
        table.setdefault(name_key(r["name"]), entry)
        for v in _split(r["variants"]):
            table.setdefault(name_key(v), GazEntry(v, r["name"], "ORG", "club", r["country"] or None))
    return table


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names (as written, capitalised)."""
    return frozenset(r["name"] for r in _rows("given_names.tsv"))


def lookup(text: str) -> GazEntry | None:
    """The gazetteer entry of a name, demonym, capital, place or abbreviation, if any."""
    return gazetteer().get(name_key(text))


def country_of(text: str) -> Country | None:
    """The country a name, variant, demonym or capital stands for ("Pyongyang" -> North Korea)."""
    entry = lookup(text)
    if entry is None or entry.kind not in {"country", "demonym", "capital"} or entry.iso is None:
        return None
    return _by_iso().get(entry.iso)


@lru_cache(maxsize=1)
def _by_iso() -> dict[str, Country]:
    return {c.iso: c for c in countries()}


def acronym(text: str) -> str:
    """The initials of a name's significant words: "International Criminal Court" -> "ICC"."""
    words = [w for w in re.split(r"[\s\-]+", clean_name(text)) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in _ACRONYM_SKIP and w[0].isalpha())


def is_acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates ``long`` ("ICC" of "International Criminal Court", "KCNA" ...).

    Letters of ``short`` must be initials of ``long``'s words in order; small
    words ("of", "the") may be skipped or used, and a word may give two
    letters only when it is the last ("Interfax" no, "NYMEX" no).
    """
    letters = short.replace(".", "").replace("&", "")
    if len(letters) < 2 or not letters.isupper() or not letters.isalpha():
        return False
    words = [w for w in re.split(r"[\s\-]+", clean_name(long)) if w]
    if len(words) < 2:
        return False
    return _match_initials(letters, [w for w in words if w[0].isalpha()])


def _match_initials(letters: str, words: list[str]) -> bool:
    if not letters:
        return all(w.lower() in _ACRONYM_SKIP for w in words)
    if not words:
        return False
    head, rest = words[0], words[1:]
    if head[0].upper() == letters[0] and _match_initials(letters[1:], rest):
        return True
    return head.lower() in _ACRONYM_SKIP and _match_initials(letters, rest)
