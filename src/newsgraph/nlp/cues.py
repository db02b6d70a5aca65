"""Attribution cues on the parse: which tokens cue a claim, and where its source and content are.

Three data files, learned from the PolNeAR train split by ``tools/learn_claims.py``
(word and feature statistics, no text):

- ``cue_weights.tsv``: a logistic-regression weight per cue feature (lemma,
  part of speech, dependency frame, subject kind, ...); a token is a cue when
  the sum of its features' weights passes the threshold on the ``#bias`` line.
- ``claim_paths.tsv``: per cue class (a frequent lemma, else a part of speech)
  and role (source or content), dependency paths from the cue in decision-list
  order: the first path that exists in the parse gives the role's head token.
- ``cue_candidates.tsv``: the lemmas that head a gold cue at least twice in
  train, with how often they do and how often they occur (only lemmas that are
  cues at least 1% of the time are classified).
- ``cue_lexicon.tsv``: hand-kept word lists by kind: ``sourceless`` adverbs
  ("reportedly"), ``passive_sourceless`` verbs ("it is believed"), ``hedge``
  words, ``hedge_lemma`` (cues that hedge: "estimate"), ``negating`` cues
  ("deny"), and ``layout`` words that are not speakers before a colon ("Correction:").

A path is written as steps: ``^dep`` goes from a token to its head when the token
has that relation; ``>dep`` goes down to a child with that relation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

__all__ = [
    "UNSEEN",
    "cue_features",
    "cue_lemma",
    "cue_lexicon",
    "cue_score",
    "follow",
    "paths_for",
    "quote_regions",
    "weights",
]

# the lemma a verb is classified under when it headed fewer than two cues in PolNeAR train
UNSEEN = "<unseen>"
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "we", "they", "you"})
_FRAME_DEPS = ("ccomp", "xcomp", "dobj", "prep")
_HEAD_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "pobj", "dobj", "relcl", "acl", "pcomp"})
_OPEN_QUOTES = frozenset("“‘«")
_CLOSE_QUOTES = frozenset("”’»")


def _data_lines(name: str) -> Iterator[list[str]]:
    text = resources.files("newsgraph.nlp.data").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def weights() -> tuple[dict[str, float], float, float]:
    """Feature weights, the bias and the decision threshold of the cue classifier."""
    w: dict[str, float] = {}
    bias = threshold = 0.0
    text = resources.files("newsgraph.nlp.data").joinpath("cue_weights.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#bias\t"):
            _, b, t = line.split("\t")
            bias, threshold = float(b), float(t)
        elif line and not line.startswith("#"):
            feat, value = line.rsplit("\t", 1)
            w[feat] = float(value)
    return w, bias, threshold


@lru_cache(maxsize=1)
def _paths() -> dict[tuple[str, str], tuple[tuple[tuple[bool, str], ...], ...]]:
    table: dict[tuple[str, str], list[tuple[tuple[bool, str], ...]]] = {}
    for cls, role, path, *_ in _data_lines("claim_paths.tsv"):
        table.setdefault((cls, role), []).append(_parse_path(path))
    return {k: tuple(v) for k, v in table.items()}


def _parse_path(path: str) -> tuple[tuple[bool, str], ...]:
    steps = []
    i = 0
    while i < len(path):
        up = path[i] == "^"
        j = i + 1
        while j < len(path) and path[j] not in "^>":
            j += 1
        steps.append((up, path[i + 1 : j]))
        i = j
    return tuple(steps)


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, frozenset[str]]:
    """Word lists by kind: ``sourceless``, ``hedge``, ``hedge_lemma``, ``negating``, ``hedge_phrase``."""
    kinds: dict[str, set[str]] = {}
    for kind, word, *_ in _data_lines("cue_lexicon.tsv"):
        kinds.setdefault(kind, set()).add(word)
    return {k: frozenset(v) for k, v in kinds.items()}


def paths_for(tok: Token, role: str) -> tuple[tuple[tuple[bool, str], ...], ...]:
    table = _paths()
    lemma = tok.lemma_.lower()
    return table.get((lemma, role)) or table.get((tok.pos_, role)) or table.get(("*", role), ())


def follow(tok: Token, steps: tuple[tuple[bool, str], ...]) -> Token | None:
    """The first token reached from ``tok`` along ``steps`` (depth first over children)."""
    if not steps:
        return tok
    (up, dep), rest = steps[0], steps[1:]
    if up:
        if tok.dep_ != dep or tok.head.i == tok.i:
            return None
        return follow(tok.head, rest)
    for child in tok.children:
        if child.dep_ == dep:
            found = follow(child, rest)
            if found is not None:
                return found
    return None


def _frame(tok: Token) -> str:
    deps = {c.dep_ for c in tok.children}
    for d in _FRAME_DEPS:
        if d in deps:
            return d
    if tok.dep_ == "parataxis":
        return "ccomp"
    return "none"


def _subject_kind(tok: Token) -> str:
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            low = c.lower_
            if low in _PERSON_PRONOUNS:
                return "perspron"
            if low in ("it", "this", "that", "there"):
                return "it"
            if c.ent_type_:
                return "ent_" + c.ent_type_
            return c.pos_
    return "none"


_QUOTE_CHARS = re.compile(r'["“”«»]|``|\'\'|\n')


def _orient(text: str, at: int, mark: str) -> str:
    """A curly mark's direction from its neighbours when they are plain, else from its glyph.

    Misprinted marks are common in scraped news: "\n”Fear. ..." opens, "an “expedited review“ of" closes.
    """
    before = text[at - 1] if at > 0 else "\n"
    after = text[at + 1] if at + 1 < len(text) else "\n"
    if before.isspace() and after.isalnum():
        return "“"
    if (before.isalnum() or before in ".,!?") and (after.isspace() or after in ".,;:!?)"):
        return "”"
    return mark


def quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """Quoted stretches as token ranges [start, end) including the quote marks.

    Curly quotes pair by direction (taken from the neighbouring characters when
    they are plain, see ``_orient``); straight double quotes toggle. A quote left
    open at a paragraph break closes there (a quote running on in the next
    paragraph reopens with its own mark). Found with one regular-expression scan
    of the text; character offsets map to tokens through the token start array.
    """
    text = doc.text
    if not any(q in text for q in "\"“”«»`'"):
        return []
    starts = doc.to_array("IDX").tolist()
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QUOTE_CHARS.finditer(text):
        mark = m.group()
        i = bisect_right(starts, m.start()) - 1
        if mark == "\n":
            if open_at is not None:
                regions.append((open_at, i))
                open_at = None
            continue
        if mark in _OPEN_QUOTES or mark in _CLOSE_QUOTES:
            mark = _orient(text, m.start(), mark)
        if mark in _OPEN_QUOTES or mark == "``":
            if open_at is None:
                open_at = i
        elif mark in _CLOSE_QUOTES or mark == "''":
            if open_at is not None:
                regions.append((open_at, i + 1))
                open_at = None
        elif open_at is None:
            open_at = i
        else:
            regions.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        regions.append((open_at, len(doc)))
    return [(a, b) for a, b in regions if b - a > 2]


def cue_lemma(tok: Token) -> str:
    """The lemma a token is classified under: a preposition with its object's ("in>poll", "in>hope")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "ADP":
        for c in tok.children:
            if c.dep_ == "pobj":
                return f"{lemma}>{c.lemma_.lower()}"
    return lemma


def cue_features(tok: Token, in_quote: bool, lemma: str | None = None) -> list[str]:
    """The classifier's features of one token (``lemma``: the lemma to use, ``UNSEEN`` for a rare verb)."""
    lemma = cue_lemma(tok) if lemma is None else lemma
    pos = tok.pos_
    frame = _frame(tok)
    subj = _subject_kind(tok)
    head = tok.head
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    feats = [
        f"l={lemma}|{pos}",
        f"lf={lemma}|{pos}|{frame}",
        f"ld={lemma}|{tok.dep_}",
        f"lt={lemma}|{tok.tag_}",
        f"ls={lemma}|{subj}",
        f"pd={pos}|{tok.dep_}",
        f"pf={pos}|{frame}",
        f"s={subj}",
        f"q={in_quote}|{pos}",
        f"lq={lemma}|{in_quote}",
    ]
    if tok.dep_ in _HEAD_DEPS and head.i != tok.i:
        feats.append(f"h={tok.dep_}<{head.lemma_.lower()}")
        feats.append(f"lh={lemma}|{tok.dep_}<{head.lemma_.lower()}")
    if nxt is not None:
        feats.append(f"ln={lemma}|{nxt.lower_ if nxt.is_punct or nxt.pos_ == 'ADP' else nxt.pos_}")
    if prev is not None and (prev.is_quote or prev.text == ","):
        feats.append(f"pq={pos}|{prev.text}")
        if prev.text == "," and tok.i > 1 and tok.doc[tok.i - 2].is_quote:
            feats.append(f"qc={lemma}")  # '“...,” said' / '“...,” he said'
    if nxt is not None and (nxt.is_quote or nxt.text == ":"):
        feats.append(f"nq={lemma}|{nxt.text}")
    feats.append(f"lp={lemma}|{tok.head.pos_}|{tok.dep_}")
    for c in tok.children:
        dep = c.dep_
        if dep in ("neg", "prt", "aux", "xcomp", "dobj", "acomp", "attr", "prep", "oprd"):
            feats.append(f"lc={lemma}|{dep}|{c.lemma_.lower()}")
        elif dep in ("nsubj", "nsubjpass"):
            feats.append(f"sl={c.lemma_.lower()}")
            feats.append(f"lsl={lemma}|{c.lemma_.lower()}")
        elif dep == "ccomp":
            first = c.left_edge
            feats.append(
                f"cm={lemma}|{first.lower_ if first.lower_ == 'that' or first.is_quote else first.pos_}"
            )
    return feats


def cue_score(tok: Token, in_quote: bool, lemma: str | None = None) -> float:
    """The classifier's margin for ``tok`` (positive: a cue)."""
    w, bias, threshold = weights()
    return bias - threshold + sum(w.get(f, 0.0) for f in cue_features(tok, in_quote, lemma))
