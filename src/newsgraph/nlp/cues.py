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

from newsgraph.nlp.extensions import doc_text

__all__ = [
    "SOURCE_POS",
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
# parts of speech a source's head may have
SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "we", "they", "you"})
_FRAME_DEPS = ("ccomp", "xcomp", "dobj", "prep")
_HEAD_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "pobj", "dobj", "relcl", "acl", "pcomp"})
_CHILD_DEPS = frozenset({"neg", "prt", "aux", "xcomp", "dobj", "acomp", "attr", "prep", "oprd"})
_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "advmod", "mark", "agent", "npadvmod", "det"})
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


class _DocIndex:
    """What the classifier reads of every token of one Doc, as plain lists: built once per Doc
    (spaCy makes a new Token object at every step of a walk over the parse)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.dep: list[str] = []
        self.head: list[int] = []
        self.pos: list[str] = []
        self.lower: list[str] = []
        self.ent: list[str] = []
        self.punct: list[bool] = []
        self.mark: list[bool] = []  # quote marks
        starts: list[int] = []  # sentence starts (Doc.sents would make every Token again)
        for t in doc:  # one pass: each step makes a Token
            if t.is_sent_start or t.i == 0:
                starts.append(t.i)
            self.dep.append(t.dep_)
            self.head.append(t.head.i)
            self.pos.append(t.pos_)
            self.lower.append(t.lower_)
            self.ent.append(t.ent_type_)
            self.punct.append(t.is_punct)
            self.mark.append(t.is_quote)
        self.children: list[list[int]] = [[] for _ in self.head]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)  # in text order, as Token.children
        self.in_sentence = [False] * len(doc)
        for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
            if any(self.mark[start:end]):
                self.in_sentence[start:end] = [True] * (end - start)


_INDEX: list[_DocIndex] = []  # the Doc being classified (one at a time)


def _doc_index(doc: Doc) -> _DocIndex:
    if not _INDEX or _INDEX[0].doc is not doc:
        _INDEX[:] = [_DocIndex(doc)]
    return _INDEX[0]


def _follow(ix: _DocIndex, i: int, steps: tuple[tuple[bool, str], ...]) -> int | None:
    """``follow`` on the index: the first token reached from token ``i`` along ``steps``."""
    if not steps:
        return i
    (up, dep), rest = steps[0], steps[1:]
    if up:
        if ix.dep[i] != dep or ix.head[i] == i:
            return None
        return _follow(ix, ix.head[i], rest)
    for c in ix.children[i]:
        if ix.dep[c] == dep:
            found = _follow(ix, c, rest)
            if found is not None:
                return found
    return None


def paths_for(tok: Token, role: str) -> tuple[tuple[tuple[bool, str], ...], ...]:
    table = _paths()
    lemma = tok.lemma_.lower()
    return table.get((lemma, role)) or table.get((tok.pos_, role)) or table.get(("*", role), ())


def follow(tok: Token, steps: tuple[tuple[bool, str], ...]) -> Token | None:
    """The first token reached from ``tok`` along ``steps`` (depth first over children)."""
    i = _follow(_doc_index(tok.doc), tok.i, steps)
    return None if i is None else tok.doc[i]


def _frame(tok: Token) -> str:
    ix = _doc_index(tok.doc)
    deps = {ix.dep[c] for c in ix.children[tok.i]}
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
    text = doc_text(doc)
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


def _path_kinds(tok: Token) -> tuple[str, str]:
    """What the cue's decision lists reach: the kind of source and the part of speech of the content head."""
    ix = _doc_index(tok.doc)
    src = content = "none"
    for steps in paths_for(tok, "source"):
        t = _follow(ix, tok.i, steps)
        if t is not None and ix.pos[t] in SOURCE_POS and t != tok.i and ix.lower[t] != "there":
            pers = ix.lower[t] in _PERSON_PRONOUNS
            src = "pers" if pers else ("ent_" + ix.ent[t] if ix.ent[t] else ix.pos[t])
            break
    for steps in paths_for(tok, "content"):
        t = _follow(ix, tok.i, steps)
        if t is not None and t != tok.i and not ix.punct[t]:
            content = ix.pos[t]
            break
    return src, content


def cue_features(tok: Token, in_quote: bool, lemma: str | None = None) -> list[str]:
    """The classifier's features of one token (``lemma``: the lemma to use, ``UNSEEN`` for a rare verb).

    Besides the token's own context, the features say what the cue's source and content
    decision lists reach (``ps``, ``pc``). Features that name the lemma come twice: with the lemma, and with the back-off class
    ``*`` + part of speech, so that a rare lemma shares what its frame says about cues in general.
    """
    lemma = cue_lemma(tok) if lemma is None else lemma
    doc = tok.doc
    pos, dep = tok.pos_, tok.dep_
    frame = _frame(tok)
    subj = _subject_kind(tok)
    head = tok.head
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    marks = _doc_index(doc)
    quote_before = any(marks.mark[max(0, tok.i - 3) : tok.i])
    quote_after = any(marks.mark[tok.i + 1 : tok.i + 4])
    general = [f"pd={pos}|{dep}", f"pf={pos}|{frame}", f"s={subj}", f"q={in_quote}|{pos}"]
    lexical = [
        f"{pos}",
        f"f|{pos}|{frame}",
        f"d|{dep}",
        f"t|{tok.tag_}",
        f"s|{subj}",
        f"q|{in_quote}",
        f"p|{head.pos_}|{dep}",
        f"qa|{quote_before}|{quote_after}",
        f"sq|{marks.in_sentence[tok.i]}",
    ]
    if head.i != tok.i:
        lexical.append(f"hd|{dep}|{head.dep_}")
        if dep in _HEAD_DEPS:
            general.append(f"h={dep}<{head.lemma_.lower()}")
            lexical.append(f"h|{dep}<{head.lemma_.lower()}")
    if nxt is not None:
        lexical.append(f"n|{nxt.lower_ if nxt.is_punct or nxt.pos_ == 'ADP' else nxt.pos_}")
        if nxt.is_quote or nxt.text == ":":
            lexical.append(f"nq|{nxt.text}")
    if prev is not None and (prev.is_quote or prev.text == ","):
        general.append(f"pq={pos}|{prev.text}")
        if prev.text == "," and tok.i > 1 and doc[tok.i - 2].is_quote:
            lexical.append("qc")  # '“...,” said' / '“...,” he said'
    for c in tok.children:
        cdep = c.dep_
        if cdep in _CHILD_DEPS:
            lexical.append(f"c|{cdep}|{c.lemma_.lower()}")
        elif cdep in _MODIFIER_DEPS:
            lexical.append(f"c|{cdep}|{c.lemma_.lower()}")
            lexical.append(f"cd|{cdep}")
        elif cdep in ("nsubj", "nsubjpass"):
            general.append(f"sl={c.lemma_.lower()}")
            lexical.append(f"sl|{c.lemma_.lower()}")
        elif cdep == "ccomp":
            first = c.left_edge
            lexical.append(f"cm|{first.lower_ if first.lower_ == 'that' or first.is_quote else first.pos_}")
    src, content = _path_kinds(tok)
    general += [f"ps={src}", f"pc={content}", f"psc={src}|{content}"]
    lexical += [f"ps|{src}", f"pc|{content}"]
    backoff = "*" + pos
    return general + [f"{lemma}|{x}" for x in lexical] + [f"{backoff}|{x}" for x in lexical]


def cue_score(tok: Token, in_quote: bool, lemma: str | None = None) -> float:
    """The classifier's margin for ``tok`` (positive: a cue)."""
    w, bias, threshold = weights()
    return bias - threshold + sum(w.get(f, 0.0) for f in set(cue_features(tok, in_quote, lemma)))
