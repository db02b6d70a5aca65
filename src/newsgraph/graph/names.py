"""Comparing names across articles: titles, transliteration variants, surnames, acronyms.

Pure functions over strings and the small word lists in ``graph/data``. They
decide whether two names *can* denote the same entity; whether they *do* is
decided in :mod:`newsgraph.graph.entities` with the context of each entity.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from newsgraph.store.base import norm_name

__all__ = [
    "acronym",
    "block_keys",
    "demonym_place",
    "jaro_winkler",
    "name_tokens",
    "org_bag",
    "org_names_match",
    "person_match",
    "place_names_match",
    "skeleton",
    "strip_titles",
    "tokens_match",
    "type_group",
]

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_VOWELS = frozenset("aeiouy")


def _lines(name: str) -> list[str]:
    text = resources.files("newsgraph.graph").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[str, ...], ...]:
    """Titles as token tuples, longest first, so "prime minister" is stripped before "minister"."""
    titles = {tuple(norm_name(line).split()) for line in _lines("titles.txt")}
    return tuple(sorted((t for t in titles if t), key=len, reverse=True))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(norm_name(line) for line in _lines("stopwords.txt"))


@lru_cache(maxsize=1)
def _org_suffixes() -> frozenset[str]:
    return frozenset(norm_name(line) for line in _lines("org_suffixes.txt"))


def _singular(token: str) -> str:
    """ "motors" -> "motor", "ipods" -> "ipod" (not "press", not short words)."""
    return token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _close_spelling(a: str, b: str) -> bool:
    """Spellings of one name that is not a person's: one letter apart in a long word, or nearly identical."""
    if a == b:
        return True
    if skeleton(a) != skeleton(b):
        return False
    return (min(len(a), len(b)) >= 6 and _edit_distance(a, b) <= 1) or jaro_winkler(a, b) >= 0.96


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    out = {}
    for line in _lines("demonyms.tsv"):
        word, place = line.split("\t")
        out[norm_name(word)] = norm_name(place)
    return out


def strip_titles(tokens: list[str], *, titles: bool = True) -> list[str]:
    """Drop leading articles and (unless ``titles`` is false) titles ("President", "Lt Gen") from name tokens."""
    tokens = list(tokens)
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        if tokens[0] == "the":
            tokens = tokens[1:]
            changed = True
            continue
        if not titles:
            break
        for title in _titles():
            n = len(title)
            if len(tokens) > n and tuple(tokens[:n]) == title:
                tokens = tokens[n:]
                changed = True
                break
    return tokens


def name_tokens(name: str, *, person: bool = True) -> list[str]:
    """Normalised tokens of a name with possessive endings, articles and (for persons) titles removed."""
    tokens = norm_name(name).split()
    if len(tokens) > 1 and tokens[-1] == "s":  # "Putin's" -> "putin s"
        tokens = tokens[:-1]
    return strip_titles(tokens, titles=person)


def skeleton(token: str) -> str:
    """A transliteration-tolerant key: first letter, then consonants, doubles collapsed.

    "zelensky", "zelenskyy" and "zelenskiy" share "zlnsk"; "shoigu" and "shoygu" share "shg".
    """
    if not token:
        return ""
    t = token.replace("w", "v").replace("ph", "f").replace("ck", "k").replace("j", "y")
    out = [t[0]]
    for ch in t[1:]:
        if ch in _VOWELS or ch.isdigit():
            continue
        if out[-1] != ch:
            out.append(ch)
    return "".join(out)


def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity of two strings (1.0 identical, 0.0 nothing in common)."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    window = max(max(la, lb) // 2 - 1, 0)
    used_b = [False] * lb
    matched_a: list[str] = []
    for i, ch in enumerate(a):
        lo, hi = max(0, i - window), min(lb, i + window + 1)
        for j in range(lo, hi):
            if not used_b[j] and b[j] == ch:
                used_b[j] = True
                matched_a.append(ch)
                break
    m = len(matched_a)
    if not m:
        return 0.0
    matched_b = [b[j] for j in range(lb) if used_b[j]]
    transpositions = sum(x != y for x, y in zip(matched_a, matched_b, strict=True)) / 2
    jaro = (m / la + m / lb + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def tokens_match(a: str, b: str) -> bool:
    """Two name tokens that may be spellings of one name ("zelensky"/"zelenskiy"), or an initial and a name."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    sa, sb = skeleton(a), skeleton(b)
    if sa != sb:
        return False
    # short skeletons ("ml" for Mali and Male) need the spellings themselves to be close
    return jaro_winkler(a, b) >= (0.9 if len(sa) <= 2 else 0.8)


def person_match(a: str, b: str) -> str | None:
    """How two person names can denote one person, or None when they cannot.

    "same name", "spelling" (transliteration variants of every part), "partial"
    (one is a single part of the other: "Zelensky" in "Volodymyr Zelensky").
    Different given names with the same surname ("Kim Jong Un", "Kim Yo Jong";
    "Donald Trump", "Donald Trump Jr") never match.
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return None
    if ta == tb:
        return "same name"
    sa, sb = [t for t in ta if t in _SUFFIXES], [t for t in tb if t in _SUFFIXES]
    if sa != sb:
        return None
    ta, tb = [t for t in ta if t not in _SUFFIXES], [t for t in tb if t not in _SUFFIXES]
    if len(ta) == 1 or len(tb) == 1:
        single, full = (ta, tb) if len(ta) == 1 else (tb, ta)
        if len(full) == 1:
            return "spelling" if tokens_match(single[0], full[0]) else None
        # a single part names a person by the surname (last part; first part for East Asian order)
        if len(single[0]) > 1 and any(tokens_match(single[0], t) for t in (full[-1], full[0])):
            return "partial"
        return None
    if not tokens_match(ta[-1], tb[-1]) or not tokens_match(ta[0], tb[0]):
        return None
    if len(ta[0]) == 1 or len(tb[0]) == 1:
        return "initials"
    # middle parts, where both give them, must agree too
    mid_a, mid_b = ta[1:-1], tb[1:-1]
    if mid_a and mid_b and not all(any(tokens_match(x, y) for y in mid_b) for x in mid_a):
        return None
    if len(ta) != len(tb):
        return "middle name"
    return "spelling"


def org_bag(name: str) -> tuple[str, ...]:
    """The content words of an organisation name, demonyms mapped to places, as a sorted tuple.

    "Russian Security Council" and "Security Council of Russia" give the same bag.
    """
    tokens = name_tokens(name, person=False)
    while len(tokens) > 1 and tokens[-1] in _org_suffixes():
        tokens = tokens[:-1]
    demonyms = _demonyms()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        pair = " ".join(tokens[i : i + 2])
        if i + 1 < len(tokens) and pair in demonyms:
            out.extend(demonyms[pair].split())
            i += 2
            continue
        tok = tokens[i]
        if tok not in _stopwords():
            out.extend(demonyms[tok].split() if tok in demonyms else [_singular(tok)])
        i += 1
    return tuple(sorted(out))


def acronym(name: str) -> str:
    """Initials of the content words ("International Criminal Court" -> "icc"); "" for one-word names."""
    tokens = [t for t in name_tokens(name, person=False) if t not in _stopwords()]
    while len(tokens) > 2 and tokens[-1] in _org_suffixes():
        tokens = tokens[:-1]
    return "".join(t[0] for t in tokens) if len(tokens) > 1 else ""


def org_names_match(a: str, b: str) -> str | None:
    """How two organisation names can denote one organisation, or None."""
    ta, tb = name_tokens(a, person=False), name_tokens(b, person=False)
    if not ta or not tb:
        return None
    if ta == tb:
        return "same name"
    bag_a, bag_b = org_bag(a), org_bag(b)
    if bag_a and bag_a == bag_b:
        return "same words"
    ja, jb = " ".join(ta), " ".join(tb)
    if len(ta) == 1 and len(ja) >= 2 and ja == acronym(b):
        return "acronym"
    if len(tb) == 1 and len(jb) >= 2 and jb == acronym(a):
        return "acronym"
    if len(ta) == len(tb) and all(_close_spelling(x, y) for x, y in zip(ta, tb, strict=True)):
        return "spelling"
    return None


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _lines("name_variants.tsv"):
        names = [" ".join(name_tokens(n, person=False)) for n in line.split("\t") if n.strip()]
        for n in names:
            if n:
                table.setdefault(n, names[0])
    return table


def variant_of(name: str) -> str | None:
    """The preferred form of a place name listed with its transliterations or former names ("Kiev" -> "kyiv")."""
    return _variants().get(" ".join(name_tokens(name, person=False)))


def place_names_match(a: str, b: str) -> str | None:
    """How two place names can denote one place ("Kyiv"/"Kyiv city" do not; "Zaporizhzhia"/"Zaporizhia" do)."""
    ta, tb = name_tokens(a, person=False), name_tokens(b, person=False)
    if not ta or not tb:
        return None
    if ta == tb:
        return "same name"
    va = variant_of(a)
    if va is not None and va == variant_of(b):
        return "variant"
    if len(ta) == len(tb) and all(_close_spelling(x, y) for x, y in zip(ta, tb, strict=True)):
        return "spelling"
    return None


def demonym_place(name: str) -> str | None:
    """The place a demonym names ("North Korean" -> "north korea"), or None."""
    return _demonyms().get(" ".join(name_tokens(name, person=False)))


def block_keys(name: str, type_: str) -> set[str]:
    """Keys under which an entity is looked up as a merge candidate (same key: worth comparing).

    Persons are filed under the skeleton of each name part; organisations under
    their bag of words, their acronym and the skeleton of the whole name; places
    under the skeleton of the whole name.
    """
    group = type_group(type_)
    tokens = name_tokens(name, person=group == "PERSON")
    if not tokens:
        return set()
    keys = {f"{group}:n:{' '.join(skeleton(t) for t in tokens)}"}
    if type_.upper() == "NORP" and (place := demonym_place(name)):
        keys.add(f"PLACE:n:{' '.join(skeleton(t) for t in place.split())}")
    if group == "PLACE" and (variant := variant_of(name)):
        keys.add(f"PLACE:v:{variant}")
    if group == "PERSON":
        keys |= {f"PERSON:p:{skeleton(t)}" for t in tokens if len(t) > 1 and t not in _SUFFIXES}
    elif group == "ORG":
        bag = org_bag(name)
        if bag:
            keys.add(f"ORG:b:{' '.join(bag)}")
        acr = acronym(name)
        if acr:
            keys.add(f"ORG:a:{acr}")
        elif len(tokens) == 1 and 2 <= len(tokens[0]) <= 6:
            keys.add(f"ORG:a:{tokens[0]}")
    return keys


_GROUPS = {"GPE": "PLACE", "LOC": "PLACE", "PERSON": "PERSON", "ORG": "ORG"}


def type_group(type_: str) -> str:
    """Entity types that may be merged with each other share a group (GPE and LOC are both places)."""
    return _GROUPS.get(type_.upper(), type_.upper())


@lru_cache(maxsize=65536)
def names_compatible(a: str, b: str, type_: str) -> str | None:
    """How two names of entities of one kind may name one entity, partial names included, or None.

    Persons by :func:`person_match` ("Reid" and "Tara Reid"); organisations by
    :func:`org_names_match` or when one name's words are all in the other
    ("Apple" and "Apple Inc"); places by :func:`place_names_match`.
    """
    group = type_group(type_)
    if group == "PERSON":
        return person_match(a, b)
    if group == "ORG":
        found = org_names_match(a, b)
        if found:
            return found
        ba, bb = set(org_bag(a)), set(org_bag(b))
        if ba and bb and (ba <= bb or bb <= ba):
            return "partial"
        return None
    ta, tb = name_tokens(a, person=False), name_tokens(b, person=False)
    if group == "PLACE":
        found = place_names_match(a, b)
        if found:
            return found
        sa, sb = {t for t in ta if t not in _stopwords()}, {t for t in tb if t not in _stopwords()}
        return "partial" if sa and sb and (sa <= sb or sb <= sa) else None
    return "same name" if ta and ta == tb else None
