"""``ng_coref``: within-article coreference of pronouns and descriptions to people and organisations.

One left-to-right pass over the parse (names are already linked by ``ng_entities``):

- he/him/his/himself and she/her/hers/herself: a PERSON. Candidates are taken
  first from the pronoun's own sentence (leftmost compatible mention before it,
  which prefers the subject), then from the previous sentence (again leftmost),
  then the latest compatible person further back. Gender is learnt as the pass
  goes ("Mr."/"Mrs."/"Ms." before a name, and every resolved pronoun), so "she"
  skips a man already referred to as "he".
- it/its: an ORG or GPE; they/them/their: an ORG, NORP or GPE that is the
  subject of its sentence, in this or the previous sentence.
- a first or last name the model did not tag ("Lopez said") goes to the one
  person of the article whose full name has it.
- "the agency", "the president", "the country": a definite noun phrase whose
  head noun is in ``coref_nouns.tsv``. It goes to the latest entity that the noun
  describes (a title or apposition next to a mention, "state news agency KCNA",
  or a word of its name, "Security Council" -> "the council"); for generic nouns
  ("the company", "the country") to the latest entity of the noun's type.

Each resolved token (pronoun, or determiner and head noun of a description) is
added to ``doc._.ng_token_entity``; names are never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.nlp.extensions import ensure
from newsgraph.nlp.tokens import table

__all__ = ["Coreferencer", "resolve"]

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_IT = frozenset({"it", "its", "itself"})
_THEY = frozenset({"they", "them", "their", "theirs", "themselves"})
_HONORIFIC = {"mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "madam": "f"}
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_IT_TYPES = frozenset({"ORG", "GPE"})
_THEY_TYPES = frozenset({"ORG", "NORP", "GPE"})
_DESCRIBING_DEPS = frozenset({"compound", "appos", "amod", "nmod", "attr"})
# how many sentences back a description or pronoun may reach for its antecedent
_WINDOW = 6


@lru_cache(maxsize=1)
def _nouns() -> dict[str, tuple[frozenset[str], bool]]:
    """Description noun -> (entity types, may fall back to the latest entity of the type)."""
    text = resources.files("newsgraph.nlp.data").joinpath("coref_nouns.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            noun, types, fallback = line.split("\t")[:3]
            out[noun] = (frozenset(types.split("|")), fallback == "type")
    return out


@dataclass
class _Mention:
    eid: str
    type: str
    i: int  # token index of the mention's head
    sent: int
    subject: bool


@dataclass
class _State:
    types: dict[str, str]
    mentions: list[_Mention] = field(default_factory=list)
    by_sent: dict[int, list[_Mention]] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    described: dict[str, set[str]] = field(default_factory=dict)

    def add(self, m: _Mention) -> None:
        self.mentions.append(m)
        self.by_sent.setdefault(m.sent, []).append(m)


def _in_subject(tok: Token) -> bool:
    t = tok
    for _ in range(3):
        if t.dep_ in _SUBJ:
            return True
        if t.dep_ not in ("compound", "poss", "amod", "flat", "appos") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _pick(
    state: _State, sent: int, before: int, ok: set[str] | frozenset[str], need: str | None, subject: bool
) -> str | None:
    """The antecedent: leftmost fit in this sentence, else leftmost in the previous, else latest."""
    this = [m for m in state.by_sent.get(sent, ()) if m.i < before]
    prev = state.by_sent.get(sent - 1, [])

    def fits(m: _Mention) -> bool:
        if m.type not in ok or (subject and not m.subject):
            return False
        return need is None or state.gender.get(m.eid, need) == need

    for group in (this, prev):
        for m in group:
            if fits(m):
                return m.eid
    for m in reversed(state.mentions):
        if m.sent < sent - _WINDOW:
            break
        if fits(m):
            return m.eid
    return None


def _describe(state: _State, doc: Doc, start: int, end: int, eid: str) -> None:
    """Record the nouns that describe an entity at one of its mentions."""
    words = state.described.setdefault(eid, set())
    for t in doc[start:end]:
        words.add(t.lower_)
    root = doc[start:end].root
    for t in (*root.children, root.head):
        if t.i in range(start, end):
            continue
        if t.dep_ in _DESCRIBING_DEPS or (t.i == root.head.i and root.dep_ == "appos"):
            words.add(t.lemma_.lower())
            for c in t.children:
                if c.dep_ in ("compound", "amod"):
                    words.add(c.lemma_.lower())
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.lower_ in _HONORIFIC:
        state.gender.setdefault(eid, _HONORIFIC[prev.lower_])


def resolve(doc: Doc) -> dict[int, str]:
    """Token index -> entity id for the pronouns and descriptions of ``doc`` (names excluded)."""
    names: dict[int, str] = doc._.ng_token_entity
    state = _State(types={e.id: e.type for e in doc._.ng_entities})
    t = table(doc)
    sent_of = {start: n for n, start in enumerate(t.sent_starts)}
    nouns = _nouns()
    short = _short_names(doc)
    found: dict[int, str] = {}
    sent = -1
    i = 0
    n_tok = len(doc)
    while i < n_tok:
        sent = sent_of.get(i, sent)
        eid = names.get(i)
        if eid is not None:
            j = i
            while j + 1 < n_tok and names.get(j + 1) == eid:
                j += 1
            root = doc[i : j + 1].root
            etype = state.types.get(eid, "")
            state.add(_Mention(eid, etype, root.i, sent, _in_subject(root)))
            _describe(state, doc, i, j + 1, eid)
            i = j + 1
            continue
        low, pos, tag = t.lower[i], t.pos[i], t.tag[i]
        target: str | None = None
        if pos == "PROPN" and t.text[i] in short and t.ent[i] in ("", "PERSON"):
            # "Lopez said": a surname the model did not tag, of a person named in full before
            target = short[t.text[i]]
        elif tag in ("WP", "WDT") and t.dep[t.head[i]] == "relcl":
            # "Shoigu, who served as ...": the relative pronoun stands for the noun its clause modifies
            noun = t.head[t.head[i]]
            target = names.get(noun) or found.get(noun)
        elif pos == "PRON" or tag in ("PRP", "PRP$"):
            if low in _MALE or low in _FEMALE:
                g = "m" if low in _MALE else "f"
                target = _pick(state, sent, i, {"PERSON"}, g, subject=False)
                if target is not None:
                    state.gender.setdefault(target, g)
            elif low in _IT:
                target = _pick(state, sent, i, _IT_TYPES, None, subject=False)
            elif low in _THEY:
                target = _pick(state, sent, i, _THEY_TYPES, None, subject=True)
        elif low == "the" and t.dep[i] == "det":
            head = t.head[i]
            lemma = t.lemma[head]
            if head > i and head not in names and lemma in nouns and t.tag[head] in ("NN", "NNP"):
                types, fallback = nouns[lemma]
                # "the KCNA news agency": a name of the noun's type inside the phrase is what it describes
                inner = next((names[k] for k in range(i + 1, head) if k in names), None)
                if inner is not None and state.types.get(inner) in types:
                    target = inner
                else:
                    target = _describe_target(state, sent, lemma, types, fallback)
                if target is not None:
                    found[head] = target
        if target is not None:
            found[i] = target
            state.add(_Mention(target, state.types.get(target, ""), i, sent, _in_subject(doc[i])))
        i += 1
    return found


def _short_names(doc: Doc) -> dict[str, str]:
    """First or last name -> person entity, for parts that belong to one person of the article only."""
    owner: dict[str, str | None] = {}
    for e in doc._.ng_entities:
        if e.type != "PERSON":
            continue
        parts = e.name.split()
        if len(parts) < 2:
            continue
        for part in (parts[0], parts[-1]):
            if len(part) > 2 and part[0].isupper():
                owner[part] = e.id if owner.get(part, e.id) == e.id else None
    return {k: v for k, v in owner.items() if v is not None}


def _describe_target(
    state: _State, sent: int, noun: str, types: frozenset[str], fallback: bool
) -> str | None:
    for m in reversed(state.mentions):
        if m.sent < sent - _WINDOW:
            break
        if m.type in types and noun in state.described.get(m.eid, ()):
            return m.eid
    if fallback:
        for m in reversed(state.mentions):
            if m.sent < sent - _WINDOW:
                break
            if m.type in types:
                return m.eid
    return None


class Coreferencer:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        _nouns()

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        token_entity: dict[int, str] = doc._.ng_token_entity
        for i, eid in resolve(doc).items():
            token_entity.setdefault(i, eid)
        return doc
