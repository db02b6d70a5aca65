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
from itertools import repeat

from spacy.tokens import Doc, Token

from newsgraph.nlp.extensions import doc_text
from newsgraph.nlp.tokens import TokenTable, table

__all__ = [
    "SOURCE_POS",
    "UNSEEN",
    "cue_features",
    "cue_lemma",
    "cue_lexicon",
    "cue_score",
    "features_at",
    "follow",
    "lemma_at",
    "paths_for",
    "quote_regions",
    "score_at",
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


def _follow(ix: TokenTable, i: int, steps: tuple[tuple[bool, str], ...]) -> int | None:
    """``follow`` on the token table: the first token reached from token ``i`` along ``steps``."""
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
    return _paths_of(tok.lemma_.lower(), tok.pos_, role)


def _paths_of(lemma: str, pos: str, role: str) -> tuple[tuple[tuple[bool, str], ...], ...]:
    table = _paths()
    return table.get((lemma, role)) or table.get((pos, role)) or table.get(("*", role), ())


def follow(tok: Token, steps: tuple[tuple[bool, str], ...]) -> Token | None:
    """The first token reached from ``tok`` along ``steps`` (depth first over children)."""
    i = _follow(table(tok.doc), tok.i, steps)
    return None if i is None else tok.doc[i]


def _frame(t: TokenTable, i: int) -> str:
    deps = {t.dep[c] for c in t.children[i]}
    for d in _FRAME_DEPS:
        if d in deps:
            return d
    if t.dep[i] == "parataxis":
        return "ccomp"
    return "none"


def _subject_kind(t: TokenTable, i: int) -> str:
    for c in t.children[i]:
        if t.dep[c] in ("nsubj", "nsubjpass"):
            low = t.lower[c]
            if low in _PERSON_PRONOUNS:
                return "perspron"
            if low in ("it", "this", "that", "there"):
                return "it"
            if t.ent[c]:
                return "ent_" + t.ent[c]
            return t.pos[c]
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
    return lemma_at(table(tok.doc), tok.i)


def lemma_at(t: TokenTable, i: int) -> str:
    """:func:`cue_lemma` of token ``i`` of a token table."""
    lemma = t.lemma[i]
    if t.pos[i] == "ADP":
        for c in t.children[i]:
            if t.dep[c] == "pobj":
                return f"{lemma}>{t.lemma[c]}"
    return lemma


def _path_kinds(t: TokenTable, i: int) -> tuple[str, str]:
    """What the cue's decision lists reach: the kind of source and the part of speech of the content head."""
    src = content = "none"
    for steps in _paths_of(t.lemma[i], t.pos[i], "source"):
        j = _follow(t, i, steps)
        if j is not None and t.pos[j] in SOURCE_POS and j != i and t.lower[j] != "there":
            src = "pers" if t.lower[j] in _PERSON_PRONOUNS else ("ent_" + t.ent[j] if t.ent[j] else t.pos[j])
            break
    for steps in _paths_of(t.lemma[i], t.pos[i], "content"):
        j = _follow(t, i, steps)
        if j is not None and j != i and not t.punct[j]:
            content = t.pos[j]
            break
    return src, content


def cue_features(tok: Token, in_quote: bool, lemma: str | None = None) -> list[str]:
    """The classifier's features of one token (``lemma``: the lemma to use, ``UNSEEN`` for a rare verb).

    Besides the token's own context, the features say what the cue's source and content
    decision lists reach (``ps``, ``pc``). Features that name the lemma come twice: with the lemma, and with the back-off class
    ``*`` + part of speech, so that a rare lemma shares what its frame says about cues in general.
    """
    return features_at(table(tok.doc), tok.i, in_quote, lemma)


def features_at(t: TokenTable, i: int, in_quote: bool, lemma: str | None = None) -> list[str]:
    """:func:`cue_features` of token ``i`` of a token table."""
    lemma = lemma_at(t, i) if lemma is None else lemma
    pos, dep = t.pos[i], t.dep[i]
    frame = _frame(t, i)
    subj = _subject_kind(t, i)
    head = t.head[i]
    n = len(t)
    quote = t.quote
    sent = bisect_right(t.sent_starts, i) - 1
    sent_end = t.sent_starts[sent + 1] if sent + 1 < len(t.sent_starts) else n
    general = [f"pd={pos}|{dep}", f"pf={pos}|{frame}", f"s={subj}", f"q={in_quote}|{pos}"]
    lexical = [
        f"{pos}",
        f"f|{pos}|{frame}",
        f"d|{dep}",
        f"t|{t.tag[i]}",
        f"s|{subj}",
        f"q|{in_quote}",
        f"p|{t.pos[head]}|{dep}",
        f"qa|{any(quote[max(0, i - 3) : i])}|{any(quote[i + 1 : i + 4])}",
        f"sq|{any(quote[t.sent_starts[sent] : sent_end])}",
    ]
    if head != i:
        lexical.append(f"hd|{dep}|{t.dep[head]}")
        if dep in _HEAD_DEPS:
            general.append(f"h={dep}<{t.lemma[head]}")
            lexical.append(f"h|{dep}<{t.lemma[head]}")
    if i + 1 < n:
        nxt = i + 1
        lexical.append(f"n|{t.lower[nxt] if t.punct[nxt] or t.pos[nxt] == 'ADP' else t.pos[nxt]}")
        if quote[nxt] or t.text[nxt] == ":":
            lexical.append(f"nq|{t.text[nxt]}")
    if i > 0 and (quote[i - 1] or t.text[i - 1] == ","):
        general.append(f"pq={pos}|{t.text[i - 1]}")
        if t.text[i - 1] == "," and i > 1 and quote[i - 2]:
            lexical.append("qc")  # '“...,” said' / '“...,” he said'
    for c in t.children[i]:
        cdep = t.dep[c]
        if cdep in _CHILD_DEPS:
            lexical.append(f"c|{cdep}|{t.lemma[c]}")
        elif cdep in _MODIFIER_DEPS:
            lexical.append(f"c|{cdep}|{t.lemma[c]}")
            lexical.append(f"cd|{cdep}")
        elif cdep in ("nsubj", "nsubjpass"):
            general.append(f"sl={t.lemma[c]}")
            lexical.append(f"sl|{t.lemma[c]}")
        elif cdep == "ccomp":
            first = t.doc[c].left_edge.i
            lexical.append(
                f"cm|{t.lower[first] if t.lower[first] == 'that' or quote[first] else t.pos[first]}"
            )
    src, content = _path_kinds(t, i)
    general += [f"ps={src}", f"pc={content}", f"psc={src}|{content}"]
    lexical += [f"ps|{src}", f"pc|{content}"]
    backoff = "*" + pos
    return general + [f"{lemma}|{x}" for x in lexical] + [f"{backoff}|{x}" for x in lexical]


def cue_score(tok: Token, in_quote: bool, lemma: str | None = None) -> float:
    """The classifier's margin for ``tok`` (positive: a cue)."""
    return score_at(table(tok.doc), tok.i, in_quote, lemma)


def score_at(t: TokenTable, i: int, in_quote: bool, lemma: str | None = None) -> float:
    """:func:`cue_score` of token ``i`` of a token table."""
    w, bias, threshold = weights()
    return bias - threshold + sum(map(w.get, set(features_at(t, i, in_quote, lemma)), repeat(0.0)))
