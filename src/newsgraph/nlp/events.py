"""``ng_events``: every event an article reports, typed after PLOVER, with its arguments and salience.

How an event is found (all on the dependency parse, one pass over the tokens):

* **Triggers** are verbs and nouns of the lexicon ``data/triggers.tsv`` (lemma, PLOVER type, CASE
  category, conditions such as a required object: "seize" codes COERCE only for weapons, "send" AID
  only for aid). Multiword triggers are a head with a child ("arrest warrant", "pull out",
  "claim responsibility"); a trigger noun that only modifies another trigger ("arrest" in "arrest
  warrant") is not an event of its own. Speech verbs are not triggers: a bare statement is no event,
  and a relayed action ("officials said rebels shelled ...") is coded as the action.
* **Actor and target**: subject and object of a verb, the agent of a passive ("signed by Kim and
  Putin"), the possessor or by-phrase of a noun ("Ukraine's incursion"), the subject of a light verb
  ("the ICC issued an arrest warrant for Shoigu"), the with-/against-/for-phrase. An entity inside a
  phrase counts for it ("North Korean troops" -> North Korea); "his country" is the country of the
  person "his" refers to. Symmetric events (meetings, signings, clashes) take coordinated parties.
* **Place**: an in/at/to/near phrase naming a place, else the place of the clause the trigger is in.
  **Time**: :func:`newsgraph.nlp.timex.event_time` of the trigger (or of its light verb).
  **Claim**: :func:`newsgraph.nlp.claims.claim_containing`.
* **Negation and modality**: "not"/"never"/"no" -> ``negated``; will/going to/plans to -> ``future``
  (and a future CONSULT, SUPPORT, COOPERATE or AID is coded AGREE, an announced RETREAT CONCEDE);
  would/could/may/if -> ``hypothetical``; inside a claim -> ``reported``; else ``asserted``. An event
  that is the complement of another trigger ("agreed to sign", "refused to meet", "threatened to
  strike") is coded by that trigger alone.
* **Category** (CASE 2021 Task 2 class names): the article's category comes from
  :mod:`newsgraph.nlp.category` on the article's lead; events in the lead whose type fits it take it,
  others keep their lexicon category or get one from their sentence. When no event fits the
  article's category (a flood, a weapons find with no trigger), an event is anchored on the
  category's cue in the text. **Salience** orders events: lead position, main clause, asserted,
  arguments found, and agreement with the article's category; ``doc._.ng_category`` is the category
  of the most salient event.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import Entity, Event
from newsgraph.model import Span as CSpan
from newsgraph.nlp.category import CategoryModel, Cue, categories, category_model, cue_hits
from newsgraph.nlp.claims import claim_containing
from newsgraph.nlp.extensions import doc_text, ensure
from newsgraph.nlp.timex import event_time
from newsgraph.nlp.tokens import table

__all__ = [
    "EventExtractor",
    "Trigger",
    "assign_categories",
    "find_events",
    "lead_text",
    "trigger_table",
    "triggers",
]

_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# types whose events carry a fine category when the lexicon gives none (PLOVER.md §5: CONSULT,
# CONCEDE, COOPERATE, AID and most REQUEST and REJECT events normally have none)
_FINE_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})
# how sure the category model must be of the article's category before an event carries it, and
# before an event is anchored on the lead's main verb when no cue of that category is found
_MIN_CATEGORY_P = 0.15
_MIN_CUE_ANCHOR_P = 0.3
_MIN_ROOT_ANCHOR_P = 0.4
_MIN_SENTENCE_P = 0.3  # below this an event's own sentence does not decide its category
_LEAD_SENTENCES = 3
_LEAD_CHARS = 1200


@dataclass(frozen=True)
class Trigger:
    lemma: str  # head lemma
    children: tuple[str, ...]  # lemmas a child must have ("arrest" in "arrest warrant")
    pos: str  # "V", "N" or "*"
    type: str
    category: str | None
    sym: bool = False
    host: bool = False
    forces: bool = False
    topic: bool = False  # the object is a topic, not a party ("discussed the war")
    obj: frozenset[str] = frozenset()
    not_obj: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    under: frozenset[str] = frozenset()  # the trigger is the object of one of these prepositions


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("newsgraph.nlp.data").joinpath(name).read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def trigger_table() -> dict[str, tuple[Trigger, ...]]:
    """Head lemma -> its trigger entries, multiword and conditioned entries first."""
    table: dict[str, list[Trigger]] = {}
    for row in _data_lines("triggers.tsv"):
        row += [""] * (5 - len(row))
        words, pos, kind, category, flags = (c.strip() for c in row[:5])
        parts = words.lower().split()
        opts: dict[str, object] = {}
        for flag in filter(None, (f.strip() for f in flags.split(","))):
            if flag in {"sym", "host", "forces", "topic"}:
                opts[flag] = True
            elif flag.startswith("obj="):
                opts["obj"] = frozenset(flag[4:].split("|"))
            elif flag.startswith("!obj="):
                opts["not_obj"] = frozenset(flag[5:].split("|"))
            elif flag.startswith("prep="):
                opts["prep"] = frozenset(flag[5:].split("|"))
            elif flag.startswith("under="):
                opts["under"] = frozenset(flag[6:].split("|"))
            else:
                raise ValueError(f"triggers.tsv: unknown flag {flag!r} for {words!r}")
        trig = Trigger(parts[-1], tuple(parts[:-1]), pos, kind, category or None, **opts)  # type: ignore[arg-type]
        table.setdefault(parts[-1], []).append(trig)
    return {
        k: tuple(sorted(v, key=lambda t: (not t.children, not (t.obj or t.prep or t.under))))
        for k, v in table.items()
    }


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    """Closed word classes the argument rules use (``data/event_words.tsv``)."""
    out: dict[str, set[str]] = {}
    for name, word in _data_lines("event_words.tsv"):
        out.setdefault(name, set()).add(word.lower())
    return {k: frozenset(v) for k, v in out.items()}


def _w(name: str) -> frozenset[str]:
    return _words().get(name, frozenset())


@lru_cache(maxsize=1)
def triggers() -> dict[str, tuple[str, str | None]]:
    """Lemma -> (PLOVER type, CASE category) of its unconditioned entry (else its first one), and
    multiword phrases ("arrest warrant") -> theirs: the lexicon at a glance, for scorers."""
    out: dict[str, tuple[str, str | None]] = {}
    for lemma, entries in trigger_table().items():
        plain = next((t for t in entries if not (t.children or t.obj or t.prep or t.under)), entries[0])
        out[lemma] = (plain.type, plain.category)
        for t in entries:
            if t.children:
                out.setdefault(" ".join((*t.children, lemma)), (t.type, t.category))
    return out


# ---------------------------------------------------------------- matching


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _objects(tok: Token) -> set[str]:
    """Lemmas that stand as the trigger's object (or a noun's modifiers and of-phrase)."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd", "compound", "amod", "prt", "npadvmod"}:
            out.add(_lemma(c))
            out.update(_lemma(g) for g in c.children if g.dep_ in {"compound", "conj"})
        elif c.dep_ == "prep" and c.text.lower() in {"of", "on"}:
            out.update(_lemma(g) for g in c.children if g.dep_ == "pobj")
    if tok.dep_ == "acl" or (tok.dep_ == "relcl" and tok.tag_ == "VBN"):
        out.add(_lemma(tok.head))  # "weapons seized", "the treaty signed"
    return out


def _match(tok: Token) -> Trigger | None:
    entries = trigger_table().get(_lemma(tok)) or trigger_table().get(tok.text.lower())
    if not entries:
        return None
    pos = "V" if tok.pos_ == "VERB" else "N" if tok.pos_ in {"NOUN", "PROPN"} else ""
    if not pos:
        return None
    objs: set[str] | None = None
    preps = {c.text.lower() for c in tok.children if c.dep_ in {"prep", "agent", "dative"}}
    for trig in entries:
        if trig.pos not in {"*", pos}:
            continue
        if trig.children:
            kids = {_lemma(c) for c in tok.children} | {c.text.lower() for c in tok.children}
            if not all(k in kids for k in trig.children):
                continue
        if trig.obj or trig.not_obj:
            objs = _objects(tok) if objs is None else objs
            if trig.obj and not (objs & trig.obj):
                continue
            if objs & trig.not_obj:
                continue
        if trig.prep and not (preps & trig.prep):
            continue
        if trig.under and not (tok.dep_ == "pobj" and tok.head.text.lower() in trig.under):
            continue
        return trig
    return None


# ---------------------------------------------------------------- arguments


@dataclass
class _Ctx:
    doc: Doc
    token_entity: dict[int, str]
    entities: dict[str, Entity]


_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "appos"})


def _entity_in(ctx: _Ctx, tok: Token | None) -> str | None:
    """The entity a phrase names: its head's, else the first one among its modifiers (not clauses)."""
    if tok is None:
        return None
    own = ctx.token_entity.get(tok.i)
    if own is not None:
        return own
    stack = [c for c in tok.children if c.dep_ not in _CLAUSE_DEPS]
    found: list[tuple[int, str]] = []
    while stack:
        t = stack.pop()
        eid = ctx.token_entity.get(t.i)
        if eid is not None:
            found.append((t.i, eid))
            continue
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS)
    if not found:
        return None
    found.sort()
    # prefer an actor-like entity over a place or date-like one
    for _, eid in found:
        ent = ctx.entities.get(eid)
        if ent is not None and ent.type in _ACTOR_TYPES:
            return eid
    return found[0][1]


def _country_of(ctx: _Ctx, eid: str) -> str | None:
    """The country a person belongs to: a role's organisation that is a country, else a GPE/NORP
    modifier of the person's first mention ("North Korean leader Kim Jong Un")."""
    ent = ctx.entities.get(eid)
    if ent is None:
        return None
    if ent.type in {"GPE", "NORP"}:
        return eid
    for role in ent.roles:
        org = ctx.entities.get(role.org or "")
        if org is not None and org.type in {"GPE", "NORP"}:
            return org.id
    doc = ctx.doc
    for m in ent.mentions[:1]:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        i = span.start - 1
        steps = 0
        while (
            i >= 0 and steps < 6 and doc[i].pos_ in {"PROPN", "ADJ", "NOUN", "PUNCT"} and doc[i].text != ","
        ):
            other = ctx.token_entity.get(doc[i].i)
            if other and other != eid:
                o = ctx.entities.get(other)
                if o is not None and o.type in {"GPE", "NORP"}:
                    return other
            i -= 1
            steps += 1
    return None


def _possessor(ctx: _Ctx, tok: Token) -> str | None:
    """The entity of a noun's possessor; "his country" is the country of the one "his" refers to."""
    for c in tok.children:
        if c.dep_ != "poss":
            continue
        eid = ctx.token_entity.get(c.i)
        if eid is None:
            inner = next((g for g in c.children if g.dep_ == "poss"), None)
            owner = ctx.token_entity.get(inner.i) if inner is not None else None
            if owner is not None and _lemma(c) in _w("country_noun"):
                return _country_of(ctx, owner) or owner
            eid = _entity_in(ctx, c)
        if eid is not None:
            return eid
    return None


def _subject(tok: Token) -> Token | None:
    """The grammatical subject of a verb, following xcomp/conj/relative clauses up when it has none."""
    seen = 0
    t = tok
    while seen < 4:
        seen += 1
        subj = next((c for c in t.children if c.dep_ in {"nsubj", "csubj"}), None)
        if subj is not None:
            if subj.tag_ in {"WDT", "WP"} and t.dep_ == "relcl":
                return t.head
            return subj
        if t.dep_ in {"xcomp", "conj", "advcl"} and t.head.i != t.i and t.head.pos_ in {"VERB", "AUX"}:
            t = t.head
            continue
        if t.dep_ == "relcl":
            return t.head
        return None
    return None


def _agent(tok: Token) -> Token | None:
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def _prep_obj(tok: Token, preps: Sequence[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in {"prep", "dative"} and c.text.lower() in preps:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _conj_entities(ctx: _Ctx, tok: Token | None) -> list[str]:
    """Entities of a phrase and of the phrases coordinated with it, in text order."""
    if tok is None:
        return []
    ids: list[tuple[int, str]] = []
    stack = [tok]
    while stack:  # the phrase without the clauses inside it ("forces fighting for Russia")
        t = stack.pop()
        eid = ctx.token_entity.get(t.i)
        if eid is not None and all(eid != e for _, e in ids):
            ent = ctx.entities.get(eid)
            if ent is None or ent.type in _ACTOR_TYPES:
                ids.append((t.i, eid))
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS)
    ids.sort()
    return [e for _, e in ids]


_LIGHT_DEPS = frozenset({"dobj", "nsubjpass", "attr"})


def _light_verb(tok: Token) -> Token | None:
    """The verb a trigger noun is the object of, when that verb only carries it ("issued a warrant")."""
    head = tok.head
    if tok.dep_ in _LIGHT_DEPS and head.pos_ in {"VERB", "AUX"} and _lemma(head) in _w("light_verb"):
        return head
    return None


def _governing_verb(tok: Token) -> Token | None:
    """For a noun in a prepositional phrase ("during a meeting"), the verb the phrase attaches to."""
    t = tok
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.text.lower() in _w("event_prep"):
            verb = t.head.head
            if verb.pos_ in {"VERB", "AUX"}:
                return verb
            t = verb
            continue
        return None
    return None


def _place(ctx: _Ctx, tok: Token, *, depth: int = 0) -> tuple[str, Token] | None:
    """The place of an event: an in/at/to phrase naming a place, on the trigger or the clause above it."""
    for c in tok.children:
        if c.dep_ == "prep" and c.text.lower() in _w("place_prep"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            eid = _place_entity(ctx, pobj)
            if eid is not None and pobj is not None:
                return eid, pobj
    # a compound or modifier place ("the Kursk incursion")
    for c in tok.children:
        if c.dep_ in {"compound", "nmod"}:
            eid = ctx.token_entity.get(c.i)
            ent = ctx.entities.get(eid or "")
            if ent is not None and ent.type in _PLACE_TYPES:
                return ent.id, c
    if depth < 3 and tok.head.i != tok.i and tok.dep_ not in {"ccomp", "parataxis", "conj", "relcl"}:
        return _place(ctx, tok.head, depth=depth + 1)
    return None


def _place_entity(ctx: _Ctx, tok: Token | None) -> str | None:
    if tok is None:
        return None
    head_is_place_word = _lemma(tok) in _w("place_word")
    for t in [tok, *(c for c in tok.children if c.dep_ in {"compound", "appos", "conj"})]:
        eid = ctx.token_entity.get(t.i)
        ent = ctx.entities.get(eid or "")
        if ent is None:
            continue
        if ent.type in _PLACE_TYPES:
            return ent.id
        last = ent.name.split()[-1].lower() if ent.name else ""
        if last in _w("place_word") or (head_is_place_word and ent.type not in {"PERSON", "NORP"}):
            return ent.id  # "Kursk Oblast" mis-tagged ORG or PRODUCT by the model is still a place
    return None


def _owner_of_place(ctx: _Ctx, place_tok: Token | None) -> str | None:
    """ "Russia's Kursk Oblast" -> Russia."""
    if place_tok is None:
        return None
    for c in place_tok.children:
        if c.dep_ == "poss":
            eid = ctx.token_entity.get(c.i)
            ent = ctx.entities.get(eid or "")
            if ent is not None and ent.type in {"GPE", "NORP"}:
                return ent.id
    return None


# ---------------------------------------------------------------- modality


def _aux_words(tok: Token) -> set[str]:
    words = {c.text.lower() for c in tok.children if c.dep_ in {"aux", "auxpass", "neg"}}
    return words


def _modality_and_negation(tok: Token, anchor: Token) -> tuple[str | None, bool]:
    """(future/hypothetical or None, negated) from the trigger, its light verb and what governs them."""
    modality: str | None = None
    negated = False
    for t in {tok, anchor}:
        words = _aux_words(t)
        if words & _w("negation") or any(c.dep_ == "det" and c.text.lower() == "no" for c in t.children):
            negated = True
        if words & {"will", "shall", "'ll", "wo"}:
            modality = "future"
        elif words & {"would", "could", "might", "may", "should", "can", "must", "ca"}:
            modality = modality or "hypothetical"
        if any(c.dep_ == "mark" and c.text.lower() in {"if", "unless", "whether"} for c in t.children):
            modality = "hypothetical"
        if t.dep_ in {"xcomp", "ccomp"} and _lemma(t.head) in _w("future_head"):
            modality = "future"
        if t.dep_ == "xcomp" and _lemma(t.head) == "go" and t.head.tag_ == "VBG":
            modality = "future"
        if t.pos_ == "NOUN" and any(c.dep_ == "amod" and _lemma(c) in _w("future_adj") for c in t.children):
            modality = "future"
        # "fighting has not resumed", "no talks were held"
        if (
            t.pos_ in {"NOUN", "PROPN"}
            and t.dep_ in {"nsubj", "nsubjpass", "dobj"}
            and _aux_words(t.head) & _w("negation")
        ):
            negated = True
    return modality, negated


# ---------------------------------------------------------------- events


@dataclass
class _Raw:
    """An event before categorisation and ranking."""

    event: Event
    token: int  # the trigger's head token
    sent_no: int
    main: bool  # in the main clause of its sentence (not inside a claim's content clause etc.)


def _span_of(tok: Token, trig: Trigger, text: str) -> CSpan:
    start, end = tok.idx, tok.idx + len(tok.text)
    if trig.children:
        for c in tok.children:
            if _lemma(c) in trig.children or c.text.lower() in trig.children:
                start = min(start, c.idx)
                end = max(end, c.idx + len(c.text))
    return CSpan(start, end, text[start:end])


def _disaster_subject(tok: Token) -> bool:
    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "agent"}), None)
    if subj is not None and subj.dep_ == "agent":
        subj = next((c for c in subj.children if c.dep_ == "pobj"), None)
    return subj is not None and _lemma(subj) in _w("disaster_noun")


def _embedded_in_trigger(tok: Token) -> bool:
    """A complement of another trigger ("agreed to sign", "refused to meet", "threatened to strike")."""
    if tok.dep_ in {"xcomp", "ccomp"} and tok.head.i != tok.i:
        head = tok.head
        entry = _match(head)
        if entry is not None and entry.type in {"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"}:
            return True
    return False


def _arguments(ctx: _Ctx, tok: Token, trig: Trigger) -> tuple[str | None, str | None, str | None, Token]:
    """(actor, target, place, time anchor) of a trigger."""
    actor_tok: Token | None = None
    target_tok: Token | None = None
    actor: str | None = None
    target: str | None = None
    anchor = tok
    verbal = tok.pos_ == "VERB"
    if verbal:
        agent = _agent(tok)
        passive = agent is not None or any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)
        reduced = tok.dep_ == "acl" or (tok.dep_ == "relcl" and tok.tag_ == "VBN")
        if passive or (reduced and tok.tag_ in {"VBN", "VBD"}):
            actor_tok = agent
            target_tok = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if target_tok is None and reduced:
                target_tok = tok.head
            elif target_tok is None and tok.dep_ == "conj":
                target_tok = _subject(tok)  # "Putin landed and was met by Kim": the shared subject
        else:
            actor_tok = _subject(tok)
            target_tok = next((c for c in tok.children if c.dep_ in {"dobj", "dative"}), None)
            if reduced and actor_tok is None:
                actor_tok = tok.head  # "forces fighting for Russia"
        if target_tok is None:
            target_tok = _prep_obj(tok, _target_preps(trig))
    else:
        light = _light_verb(tok)
        if light is not None:
            anchor = light
        launch = next((c for c in tok.children if c.dep_ == "acl" and _lemma(c) in _w("light_verb")), None)
        if launch is not None:
            anchor = launch
        actor = _possessor(ctx, tok)
        if actor is None:
            actor_tok = _prep_obj(tok, ("by",))
            if actor_tok is None and launch is not None:
                actor_tok = _agent(launch)
            if actor_tok is None:
                for c in tok.children:
                    if c.dep_ in {"compound", "amod", "nmod"} and ctx.token_entity.get(c.i):
                        ent = ctx.entities.get(ctx.token_entity[c.i])
                        # a GPE modifier of a visit is where it goes, not who visits
                        if (
                            ent is not None
                            and ent.type in _ACTOR_TYPES
                            and not (ent.type == "GPE" and trig.host)
                        ):
                            actor_tok = c
                            break
            if actor_tok is None and light is not None:
                actor_tok = _subject(light) if tok.dep_ != "nsubjpass" else _agent(light)
            if actor_tok is None:
                gov = _governing_verb(tok)
                if gov is not None:
                    actor_tok = _subject(gov)
        target_tok = _prep_obj(tok, _target_preps(trig))
        if target_tok is None and light is not None:
            target_tok = _prep_obj(light, _target_preps(trig))
    if actor is None:
        actor = _entity_in(ctx, actor_tok)
    target = _entity_in(ctx, target_tok)
    if trig.forces and actor is None and target is not None:
        # "North Korean troops have been deployed": the forces' country deploys them
        actor, target = target, None
    elif trig.forces and target is not None and target_tok is not None and _lemma(target_tok) in _w("forces"):
        target = None
    found = _place(ctx, tok) if anchor is tok else (_place(ctx, tok) or _place(ctx, anchor))
    place, place_tok = found if found is not None else (None, None)
    if trig.topic:
        target = _entity_in(ctx, _prep_obj(tok, ("with",)))
    if trig.host and place is not None:
        target = target or place
    target_entity = ctx.entities.get(target or "")
    if trig.sym and target_entity is not None and target_entity.type not in _ACTOR_TYPES:
        target = None  # "the treaty signed by Kim and Putin": what is signed is no party
    if trig.sym and target is None:
        target = _entity_in(ctx, _prep_obj(tok, ("with",)))  # "signed with Moscow"
    if trig.sym and actor is not None and (target is None or target == actor):
        parties = [e for e in _conj_entities(ctx, actor_tok) if e != actor]
        target = parties[0] if parties else target
    if target is None and trig.type == "ASSAULT":
        target = _owner_of_place(ctx, place_tok)
    if target == actor:
        target = None
    return actor, target, place, anchor


def _target_preps(trig: Trigger) -> tuple[str, ...]:
    if trig.type in {"CONSULT", "AGREE", "COOPERATE"}:
        return ("with", "to")
    if trig.type == "ASSAULT":
        return ("against", "on", "into", "at")
    if trig.type in {"SUPPORT", "AID"}:
        return ("for", "to")
    if trig.type in {"ACCUSE", "SANCTION", "COERCE"}:
        return ("for", "against", "on", "of")
    if trig.type in {"REQUEST", "REJECT", "THREATEN", "PROTEST"}:
        return ("against", "on", "to")
    return ("with", "against")


_TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN"})


def find_events(doc: Doc, sents: Sequence[Span] | None = None) -> list[_Raw]:
    """Every trigger in the text as an event, in text order, before categories and salience."""
    ctx = _Ctx(doc, doc._.ng_token_entity or {}, {e.id: e for e in (doc._.ng_entities or [])})
    lexicon = trigger_table()
    found: list[_Raw] = []
    text = doc_text(doc)
    t = table(doc)
    timex_tokens = doc._.ng_token_timex or {}
    for sent_no, sent in enumerate(sents if sents is not None else doc.sents):
        sentence = CSpan(sent.start_char, sent.end_char, text[sent.start_char : sent.end_char])
        for i in range(sent.start, sent.end):
            if t.pos[i] not in _TRIGGER_POS or (
                (t.lemma[i] or t.lower[i]) not in lexicon and t.lower[i] not in lexicon
            ):
                continue
            tok = doc[i]
            trig = _match(tok)
            if trig is None:
                continue
            if tok.pos_ == "PROPN" and tok.i in ctx.token_entity:
                continue  # part of a name ("the Strategic Partnership Agreement")
            if i in timex_tokens:
                continue  # part of a time ("in March 2023"), not a march
            if tok.dep_ == "compound" and _match(tok.head) is not None:
                continue  # "arrest" in "arrest warrant"
            if _embedded_in_trigger(tok):
                continue
            if trig.type == "ASSAULT" and _disaster_subject(tok):
                continue  # "the blaze killed three": disaster deaths are not events
            actor, target, place, anchor = _arguments(ctx, tok, trig)
            modality, negated = _modality_and_negation(tok, anchor)
            span = _span_of(tok, trig, text)
            claim = claim_containing(doc, span.start, span.end)
            kind = trig.type
            if modality == "future":
                if kind in {"CONSULT", "SUPPORT", "COOPERATE", "AID"}:
                    kind = "AGREE"
                elif kind == "RETREAT":
                    kind = "CONCEDE"
            if modality is None:
                modality = "reported" if claim is not None else "asserted"
            gov = _governing_verb(tok)
            main = "ROOT" in {tok.dep_, anchor.dep_} or (gov is not None and gov.dep_ == "ROOT")
            found.append(
                _Raw(
                    Event(
                        type=kind,
                        category=trig.category,
                        trigger=span,
                        actor=actor,
                        target=target,
                        place=place,
                        time=event_time(doc, anchor, sent),
                        claim=claim,
                        negated=negated,
                        modality=modality,
                        salience=0.0,
                        sentence=sentence,
                    ),
                    tok.i,
                    sent_no,
                    main,
                )
            )
    return found


# ---------------------------------------------------------------- categories and salience


def _lead(doc: Doc, sents: Sequence[Span] | None = None) -> tuple[str, int]:
    """The article's first sentences (at most ``_LEAD_SENTENCES``, about ``_LEAD_CHARS``) and their number."""
    end = count = 0
    for n, sent in enumerate(sents if sents is not None else doc.sents):
        if n >= _LEAD_SENTENCES or (end and sent.end_char > _LEAD_CHARS):
            break
        end, count = sent.end_char, n + 1
    return doc_text(doc)[:end], max(1, count)


def lead_text(doc: Doc) -> str:
    """The article's first sentences, from which its category is decided."""
    return _lead(doc)[0]


def _anchor_event(
    doc: Doc,
    category: str,
    lead_hits: list[tuple[Cue, int, int]],
    taken: dict[int, int],
    sents: Sequence[Span],
    *,
    on_root: bool = False,
) -> _Raw | int | None:
    """An event for the article's category anchored on the category's strongest cue in the lead
    (or, with ``on_root``, when no cue matches, on the main verb of the lead's first sentence).
    ``taken`` maps trigger tokens of the events already found to their index: when the cue falls
    on one of them, that index is returned instead of a second event on the same words."""
    hits = [(cue.weight, -s, s, e) for cue, s, e in lead_hits if cue.category == category]
    span: Span | None = None
    if hits:
        _, _, start, end = max(hits)
        span = doc.char_span(start, end, alignment_mode="expand")
    elif on_root:
        first = sents[0] if sents else None
        if first is not None and first.root.pos_ in {"VERB", "NOUN", "PROPN"}:
            span = doc[first.root.i : first.root.i + 1]
    if span is None or not len(span):
        return None
    for t in span:
        if t.i in taken:
            return taken[t.i]
    tok = span.root
    info = categories()[category]
    ctx = _Ctx(doc, doc._.ng_token_entity or {}, {e.id: e for e in (doc._.ng_entities or [])})
    trig = Trigger(_lemma(tok), (), "*", info.anchor_type, category)
    actor, target, place, anchor = _arguments(ctx, tok, trig)
    modality, negated = _modality_and_negation(tok, anchor)
    claim = claim_containing(doc, span.start_char, span.end_char)
    sent_no, sent = 0, doc[:]
    for n, s in enumerate(sents):
        if s.start <= tok.i < s.end:
            sent_no, sent = n, s
            break
    return _Raw(
        Event(
            type=info.anchor_type,
            category=category,
            trigger=CSpan(span.start_char, span.end_char, span.text),
            actor=actor,
            target=target,
            place=place,
            time=event_time(doc, anchor, sent),
            claim=claim,
            negated=negated,
            modality=modality or ("reported" if claim is not None else "asserted"),
            sentence=CSpan(sent.start_char, sent.end_char, doc_text(doc)[sent.start_char : sent.end_char]),
        ),
        tok.i,
        sent_no,
        tok.dep_ == "ROOT",
    )


def _fits(category: str, kind: str) -> bool:
    info = categories().get(category)
    return info is not None and kind in info.types


def assign_categories(
    doc: Doc, raw: Sequence[_Raw], model: CategoryModel | None = None, sents: Sequence[Span] | None = None
) -> tuple[list[Event], str | None]:
    """Give events their categories and salience, most salient first; return them and the
    article's category (that of the most salient event)."""
    model = model or category_model()
    sents = list(doc.sents) if sents is None else sents
    lead, n_lead = _lead(doc, sents)
    items = list(raw)
    taken: dict[int, int] = {}
    for n, r in enumerate(items):
        taken[r.token] = n
        for t in doc.char_span(r.event.trigger.start, r.event.trigger.end, alignment_mode="expand") or ():
            taken.setdefault(t.i, n)
    forced: int | None = None  # an event that carries the article's category whatever its type
    article: str | None = None
    if lead.strip():
        lead_hits = cue_hits(lead)
        probs = model.probabilities(lead, lead_hits)
        ranked = sorted(probs, key=lambda c: -probs[c])
        for cat in ranked[:5]:
            if probs[cat] < _MIN_CATEGORY_P:
                break
            if any(r.sent_no < n_lead and _fits(cat, r.event.type) for r in items if not r.event.negated):
                article = cat
                break
            anchored = (
                _anchor_event(doc, cat, lead_hits, taken, sents) if probs[cat] >= _MIN_CUE_ANCHOR_P else None
            )
            if anchored is not None:
                forced = anchored if isinstance(anchored, int) else len(items)
                if not isinstance(anchored, int):
                    items.append(anchored)
                article = cat
                break
        if article is None and probs[ranked[0]] >= _MIN_ROOT_ANCHOR_P:
            anchored = _anchor_event(doc, ranked[0], lead_hits, taken, sents, on_root=True)
            if anchored is not None:
                forced = anchored if isinstance(anchored, int) else len(items)
                if not isinstance(anchored, int):
                    items.append(anchored)
                article = ranked[0]
    n_sents = max(1, max((r.sent_no for r in items), default=0) + 1)
    sentence_cats: dict[int, list[tuple[str, float]]] = {}
    scored: list[tuple[float, int, Event]] = []
    for n, r in enumerate(items):
        e = r.event
        category = e.category
        agrees = False
        if article is not None and (n == forced or (r.sent_no < n_lead and _fits(article, e.type))):
            category, agrees = article, True
        elif category is None and e.type in _FINE_TYPES:
            category, p = _sentence_category(model, e, sentence_cats, r.sent_no)
            if article is not None and p < _MIN_SENTENCE_P and _fits(article, e.type):
                category = article  # a sentence that says little takes the article's category
        salience = 0.45 * (1.0 - r.sent_no / n_sents)
        salience += 0.1 if r.main else 0.0
        salience += 0.1 if e.actor else 0.0
        salience += 0.05 if e.target else 0.0
        salience += 0.5 if agrees else 0.0  # the article's category leads
        salience += 0.1 if e.modality in {"asserted", "reported"} and not e.negated else 0.0
        scored.append((round(salience / 1.3, 3), e.trigger.start, replace(e, category=category)))
    scored.sort(key=lambda x: (-x[0], x[1]))
    events = [replace(e, salience=s) for s, _, e in scored]
    top = events[0].category if events else None
    return events, top if top is not None else article


def _sentence_category(
    model: CategoryModel, event: Event, cache: dict[int, list[tuple[str, float]]], sent_no: int
) -> tuple[str | None, float]:
    """The most probable category of an event's sentence among those its type allows, and its probability."""
    if event.sentence is None:
        return None, 0.0
    if sent_no not in cache:
        probs = model.probabilities(event.sentence.text)
        cache[sent_no] = sorted(probs.items(), key=lambda kv: -kv[1])[:6]
    for cat, p in cache[sent_no]:
        if _fits(cat, event.type):
            return cat, p
    return None, 0.0


class EventExtractor:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        trigger_table()
        _words()

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        sents = list(doc.sents)
        raw = find_events(doc, sents)
        events, category = assign_categories(doc, raw, None, sents)
        doc._.ng_events = events
        doc._.ng_category = category
        return doc
