"""``ng_entities``: the article's canonical entities, their mentions, knowledge-base codes and roles.

Reads the name mentions ``ng_mentions`` left in ``doc.ents`` and groups them:

- a country's name, variants, demonym and capital are one entity with its
  ISO code in ``kb`` ("North Korean" NORP, "Pyongyang" GPE -> North Korea,
  ``{"iso": "KP"}``); each mention keeps its own label;
- a person's surname or given name alone joins the full name it belongs to
  ("Kim" -> Kim Jong Un, "Shoigu" -> Sergei Shoigu);
- an abbreviation joins the name it abbreviates, whether the text gives it in
  brackets ("International Criminal Court (ICC)") or the gazetteer knows it
  ("KCNA" -> Korean Central News Agency); a shorter form of an organisation
  ("Security Council") joins the full one; a place's first word joins the
  region named after it ("Kursk" -> Kursk Oblast);
- "that treaty", "the pact" after a named treaty join it as nominal mentions;
- roles of people, with the time they held them: a title before the name
  ("Russian President Vladimir Putin") or after it ("who served as Russia's
  defense minister until ... May 2024", "appointed secretary of the Russian
  Security Council"), the organisation as an entity id, and ``from``/``until``
  as TIMEX values (from ``doc._.ng_timexes`` when the time component has run,
  else normalised here the same way).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.strings import hash_string  # type: ignore[attr-defined]  # exists, not in the stubs
from spacy.tokens import Doc, Span, Token

from newsgraph.model import Entity, Mention, Role
from newsgraph.model import Span as TextSpan
from newsgraph.nlp.extensions import ensure
from newsgraph.normalize.names import clean_name, country_of, is_acronym_of, lookup, name_key

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
)
_SUBNATIONAL = frozenset({"oblast", "province", "region", "krai", "governorate", "prefecture", "state"})
_NOMINAL_LAW = frozenset({"treaty", "pact", "agreement", "accord", "deal", "accords", "convention"})
_NOMINAL_DET = frozenset({"the", "that", "this"})
_ROLE_VERBS = frozenset({"appoint", "name", "elect", "nominate", "promote", "install", "serve", "become"})


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Title words (lower case) -> "head" or "modifier" (``data/titles.tsv``)."""
    text = resources.files("newsgraph.nlp.data").joinpath("titles.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines()[1:]:
        if line and not line.startswith("#"):
            word, kind = line.split("\t")
            table[word] = kind
    return {k: v for k, v in table.items() if k != "word"}


@dataclass
class _Group:
    key: str
    name: str
    type: str
    kb: dict[str, str] | None = None
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # token start, end, label
    extra_aliases: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)


class EntityResolver:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        titles()  # loaded once, when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        ents = [e for e in doc.ents if e.label_ in ENTITY_LABELS]
        groups: dict[str, _Group] = {}
        order: list[str] = []
        token_group: dict[int, str] = {}

        def add(key: str, span: Span, label: str, name: str, etype: str, kb: dict[str, str] | None) -> None:
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(key, name, etype, kb)
                order.append(key)
            g.mentions.append((span.start, span.end, label))
            for i in range(span.start, span.end):
                token_group[i] = key

        persons = _person_names(ents)
        deferred: list[Span] = []
        for ent in ents:
            resolved = self._resolve(ent, persons, groups)
            if resolved is None:
                deferred.append(ent)
                continue
            add(*resolved)
        for ent in deferred:  # short forms, once every full name is known
            add(*self._resolve_short(ent, groups, order))
        _abbreviations(doc, groups, order, token_group)
        _regions(groups, order, token_group)
        _nominal_laws(doc, groups, token_group)
        _roles(doc, groups, token_group)
        entities: list[Entity] = []
        token_entity: dict[int, str] = doc._.ng_token_entity
        ids: dict[str, str] = {}
        for key in order:
            if groups[key].mentions:
                ids[key] = f"E{len(ids) + 1}"
        for key in order:
            g = groups[key]
            if not g.mentions:
                continue
            eid = ids[key]
            g.mentions.sort()
            mentions = tuple(
                Mention(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), doc[s:e].text, label)
                for s, e, label in g.mentions
            )
            aliases = {
                clean_name(m.text) for m in mentions if m.text.split()[0].lower() not in _NOMINAL_DET
            } | g.extra_aliases
            aliases.discard(g.name)
            roles = tuple(
                Role(r.title, ids.get(r.org) if r.org else None, r.from_, r.until, r.evidence)
                for r in g.roles
            )
            entities.append(
                Entity(
                    id=eid,
                    name=g.name,
                    type=g.type,
                    aliases=tuple(sorted(a for a in aliases if a)),
                    kb=g.kb,
                    mentions=mentions,
                    roles=roles,
                )
            )
            for s, e, _ in g.mentions:
                for i in range(s, e):
                    token_entity[i] = eid
        doc._.ng_entities = entities
        return doc

    @staticmethod
    def _resolve(
        ent: Span, persons: dict[str, str], groups: dict[str, _Group]
    ) -> tuple[str, Span, str, str, str, dict[str, str] | None] | None:
        label = ent.label_
        text = clean_name(ent.text)
        if label in {"GPE", "NORP", "LOC"}:
            country = country_of(text)
            if country is not None:
                return f"country:{country.iso}", ent, label, country.name, "GPE", {"iso": country.iso}
        entry = lookup(text)
        if entry is not None and label in {"GPE", "LOC", "FAC"} and entry.label in {"GPE", "LOC", "FAC"}:
            kb = None
            if entry.iso:
                kb = {"iso": entry.iso} if "-" in entry.iso else {"country": entry.iso}
            return f"place:{name_key(entry.canonical)}", ent, label, entry.canonical, entry.label, kb
        if label == "PERSON":
            full = persons.get(name_key(text))
            if full is None:
                return None
            return f"PERSON:{full}", ent, label, full, "PERSON", None
        if label == "ORG":
            return None  # may be an abbreviation or a short form: settled in text order
        return f"{_group_type(label)}:{name_key(text)}", ent, label, text, label, None

    @staticmethod
    def _resolve_short(
        ent: Span, groups: dict[str, _Group], order: list[str]
    ) -> tuple[str, Span, str, str, str, dict[str, str] | None]:
        label = ent.label_
        text = clean_name(ent.text)
        key = name_key(text)
        if label == "ORG":
            entry = lookup(text)
            canonical = entry.canonical if entry is not None and entry.label == "ORG" else text
            for k in reversed(order):
                g = groups[k]
                if g.type != "ORG":
                    continue
                words = name_key(g.name).split()
                if len(ent) == 1 and len(words) > 1 and words[0] == key and len(key) > 2:
                    return k, ent, label, g.name, g.type, g.kb  # "Bank" of "Bank of England"
                if (
                    name_key(g.name) in {key, name_key(canonical)}
                    or is_acronym_of(text, g.name)
                    or (len(key) > 3 and name_key(g.name).endswith(" " + key))
                ):
                    return k, ent, label, g.name, g.type, g.kb
            return f"ORG:{name_key(canonical)}", ent, label, canonical, "ORG", None
        return f"{_group_type(label)}:{key}", ent, label, text, label, None


def _group_type(label: str) -> str:
    return "PERSON" if label == "PERSON" else "NAME"


def _person_names(ents: list[Span]) -> dict[str, str]:
    """Every person name's key -> the full name it belongs to (the longest name holding it first or last)."""
    full: list[str] = []
    for ent in ents:
        if ent.label_ == "PERSON":
            name = clean_name(ent.text)
            if len(name.split()) > 1 and name not in full:
                full.append(name)
    table: dict[str, str] = {}
    for name in sorted(full, key=lambda n: -len(n.split())):
        key = name_key(name)
        table.setdefault(key, name)
    parts: dict[str, Counter[str]] = {}
    for name in full:
        words = name_key(name).split()
        for part in {words[0], words[-1]}:
            parts.setdefault(part, Counter())[name] += 1
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        key = name_key(ent.text)
        if key in table:
            continue
        owners = parts.get(key)
        if owners:
            table[key] = max(owners, key=lambda n: (len(n.split()), owners[n]))
        else:
            table[key] = clean_name(ent.text)
    return table


def _abbreviations(
    doc: Doc, groups: dict[str, _Group], order: list[str], token_group: dict[int, str]
) -> None:
    """``Long Name (ABBR)``: ABBR becomes an alias of the long name, and its own group joins it."""
    for key in list(order):
        g = groups[key]
        if g.type != "ORG":
            continue
        for _, e, _ in list(g.mentions):
            if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")":
                abbr = doc[e + 1].text
                if is_acronym_of(abbr, g.name):
                    g.extra_aliases.add(abbr)
                    other = token_group.get(e + 1)
                    if other and other != key:
                        _absorb(groups, other, key, token_group)


def _regions(groups: dict[str, _Group], order: list[str], token_group: dict[int, str]) -> None:
    """A place named by the first word of a region joins the region ("Kursk" -> Kursk Oblast)."""
    regions: dict[str, str] = {}
    for key in order:
        words = name_key(groups[key].name).split()
        if groups[key].type == "GPE" and len(words) == 2 and words[1] in _SUBNATIONAL:
            regions.setdefault(words[0], key)
    if not regions:
        return
    for key in order:
        g = groups[key]
        target = regions.get(name_key(g.name))
        if target is not None and target != key and g.type in {"GPE", "LOC"} and g.mentions:
            _absorb(groups, key, target, token_group)


def _absorb(groups: dict[str, _Group], source: str, target: str, token_group: dict[int, str]) -> None:
    moved = groups[source]
    groups[target].mentions.extend(moved.mentions)
    groups[target].extra_aliases |= moved.extra_aliases
    for s, e, _ in moved.mentions:
        for i in range(s, e):
            token_group[i] = target
    moved.mentions = []


def _nominal_laws(doc: Doc, groups: dict[str, _Group], token_group: dict[int, str]) -> None:
    """ "That treaty", "the pact" after a named treaty refer to the latest one."""
    laws = sorted((s, g.key) for g in groups.values() if g.type == "LAW" for s, _, _ in g.mentions)
    if not laws:
        return
    for i in _positions(doc, "LOWER", _NOMINAL_LAW):
        tok = doc[i]
        if tok.i in token_group or tok.i == 0:
            continue
        det = doc[tok.i - 1]
        if det.lower_ not in _NOMINAL_DET:
            continue
        earlier = [k for s, k in laws if s < tok.i]
        if not earlier:
            continue
        g = groups[earlier[-1]]
        g.mentions.append((det.i, tok.i + 1, "LAW"))
        g.extra_aliases.add(tok.lower_)
        token_group[det.i] = token_group[tok.i] = g.key


def _roles(doc: Doc, groups: dict[str, _Group], token_group: dict[int, str]) -> None:
    """Titles of people with the organisation and time: before the name, or "as/appointed TITLE of ORG"."""
    table = titles()
    for g in groups.values():
        if g.type != "PERSON":
            continue
        for s, e, _ in g.mentions:
            role = _title_before(doc, s, table, token_group)
            if role is not None:
                _add_role(g, role)
            if e < len(doc) and doc[e].text == ",":  # apposition: "Sergei Lavrov, Russia's foreign minister,"
                found = _title_after(doc, doc[e], table, token_group, groups, person=g.key)
                if found is not None:
                    _add_role(g, found[1])
    cues = sorted({*_positions(doc, "LOWER", frozenset({"as"})), *_positions(doc, "LEMMA", _ROLE_VERBS)})
    for i in cues:
        tok = doc[i]
        if tok.lower_ == "as" or tok.tag_ in {"VBN", "VBD", "VBG", "VBZ", "VBP", "VB"}:
            found = _title_after(doc, tok, table, token_group, groups)
            if found is not None:
                person, role = found
                _add_role(groups[person], role)


@lru_cache(maxsize=64)
def _hashes(words: frozenset[str]) -> frozenset[int]:
    return frozenset(hash_string(w) for w in words)


def _positions(doc: Doc, attr: str, words: frozenset[str]) -> list[int]:
    """Indices of the tokens whose ``attr`` (LOWER, LEMMA) is one of ``words``, without walking the Doc."""
    wanted = _hashes(words)
    return [i for i, value in enumerate(doc.to_array(attr).tolist()) if value in wanted]


def _add_role(g: _Group, role: Role) -> None:
    for i, r in enumerate(g.roles):
        if r.title.lower() == role.title.lower() and (r.org == role.org or r.org is None or role.org is None):
            merged = Role(
                r.title,
                r.org or role.org,
                r.from_ or role.from_,
                r.until or role.until,
                r.evidence,
            )
            g.roles[i] = merged
            return
    g.roles.append(role)


def _title_before(doc: Doc, start: int, table: dict[str, str], token_group: dict[int, str]) -> Role | None:
    """ "[ORG/GPE/NORP] [modifiers] TITLE Person": the title just before a person's name."""
    i = start - 1
    words: list[Token] = []
    while i >= 0 and i not in token_group:
        low = doc[i].lower_
        if low == "of" and words and i > 0 and table.get(doc[i - 1].lower_) == "head":
            words.insert(0, doc[i])  # "Secretary of State"
        elif low in table:
            words.insert(0, doc[i])
        else:
            break
        i -= 1
    if not words or not any(table.get(w.lower_) == "head" for w in words):
        return None
    while words and words[0].lower_ in {"former", "new", "of"}:
        words = words[1:]
    if not words:
        return None
    org = None
    if i >= 0 and doc[i].tag_ == "POS":
        i -= 1
    if i >= 0 and i in token_group:
        org = token_group[i]
        j = i
        while j > 0 and token_group.get(j - 1) == org:
            j -= 1
        ev_start = j
    else:
        ev_start = words[0].i
    until = "PAST_REF" if start - len(words) - 1 >= 0 and doc[words[0].i - 1].lower_ == "former" else None
    title = doc[words[0].i : words[-1].i + 1].text
    ev = doc[ev_start:start]
    person_end = start
    while person_end < len(doc) and token_group.get(person_end) == token_group.get(start):
        person_end += 1
    evidence = doc[ev.start : person_end]
    return Role(title, org, None, until, TextSpan(evidence.start_char, evidence.end_char, evidence.text))


def _title_after(
    doc: Doc,
    cue: Token,
    table: dict[str, str],
    token_group: dict[int, str],
    groups: dict[str, _Group],
    person: str | None = None,
) -> tuple[str, Role] | None:
    """ "(who served) as [ORG's] TITLE [of ORG] [until/since TIME]", "appointed TITLE of ORG"."""
    sent = cue.sent
    i = cue.i + 1
    org = None
    if i < sent.end and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    if i < sent.end and i in token_group and groups[token_group[i]].type != "PERSON":
        org = token_group[i]
        while i < sent.end and token_group.get(i) == org:
            i += 1
        if i < sent.end and doc[i].tag_ == "POS":
            i += 1
        else:
            return None
    start = i
    while i < sent.end and doc[i].lower_ in table and i not in token_group:
        i += 1
    if i == start or table[doc[i - 1].lower_] != "head":
        return None
    title = doc[start:i].text
    if i + 1 < sent.end and doc[i].lower_ == "of":
        j = i + 1
        if doc[j].lower_ == "the":
            j += 1
        if j in token_group and groups[token_group[j]].type != "PERSON":
            org = token_group[j]
            i = j
            while i < sent.end and token_group.get(i) == org:
                i += 1
    person = person or _subject_person(doc, cue, token_group, groups)
    if person is None:
        return None
    start_time, until, end = _time_after(doc, i, sent.end)
    evidence = doc[cue.i : max(i, end)]
    return person, Role(
        title, org, start_time, until, TextSpan(evidence.start_char, evidence.end_char, evidence.text)
    )


def _subject_person(
    doc: Doc, cue: Token, token_group: dict[int, str], groups: dict[str, _Group]
) -> str | None:
    """The person a role phrase is about: the nearest person named before it in its sentence."""
    for i in range(cue.i - 1, cue.sent.start - 1, -1):
        key = token_group.get(i)
        if key is not None and groups[key].type == "PERSON":
            return key
    return None


def _time_after(doc: Doc, i: int, end: int) -> tuple[str | None, str | None, int]:
    """``until``/``since`` ... TIME a few tokens after the title: (from, until) TIMEX values, and its end."""
    for k in range(i, min(end, i + 3)):
        word = doc[k].lower_
        if word not in {"until", "till", "since", "from"}:
            continue
        for m in range(k + 1, min(end, k + 10)):
            value = _timex_value(doc, m)
            if value is not None:
                last = m + 1
                while last < end and doc[last].ent_iob_ == "I":
                    last += 1
                return (value, None, last) if word in {"since", "from"} else (None, value, last)
    return None, None, i


def _timex_value(doc: Doc, i: int) -> str | None:
    """The TIMEX value of the time expression at token ``i``: the time component's, or normalised here."""
    index = (doc._.ng_token_timex or {}).get(i)
    if index is not None:
        value: str = doc._.ng_timexes[index].value
        return value
    tok = doc[i]
    if tok.ent_type_ not in {"DATE", "TIME"} or tok.ent_iob_ != "B":
        return None
    from newsgraph.nlp.timex import parse_published
    from newsgraph.normalize.time import normalize

    ent = next(e for e in doc.ents if e.start == i)
    start = ent.start
    while start < ent.end and doc[start].lower_ in {"in", "on", "at", "since", "by", "during", "until"}:
        start += 1
    _, value = normalize(doc[start : ent.end].text, parse_published(doc._.published))
    return value if value and value != "XXXX-XX-XX" else None
