"""``ng_claims``: attributed statements with source, cue, content, hedges, negation and nesting.

How a claim is found (the data files are described in :mod:`newsgraph.nlp.cues`):

1. Cue: a token whose lemma heads attributions in PolNeAR train and whose
   features (lemma, frame, subject, quote context, ...) pass the learned
   classifier: "said", "told", "according (to)", "estimate", "statement", ":".
2. Source and content: the first dependency path of the cue's decision lists
   that exists in the parse ("nsubj", "advcl -> nsubj", "ccomp", "dobj", ...).
   A pronoun or description as source is resolved to an entity through
   ``doc._.ng_token_entity`` (filled by ``ng_entities`` and ``ng_coref``).
3. Quotes: content that reaches into a quotation takes the whole quotation,
   across sentences; a cue with no content in its own sentence takes the
   quotation that follows its colon or closes just before it ("... ," he said).
4. Source-less cues: "reportedly", "allegedly", and passives without an agent
   ("it is believed that", "X is said to").
5. Hedges (the cue's adverbs and modals, a hedging cue lemma, bound words
   before figures in the content), negation ("denied", "did not say"), and
   ``parent``: the innermost claim whose content holds this claim's cue.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import Claim, ClaimSource
from newsgraph.model import Span as CSpan
from newsgraph.nlp.cues import (
    SOURCE_POS,
    UNSEEN,
    cue_lexicon,
    follow,
    lemma_at,
    paths_for,
    quote_regions,
    score_at,
)
from newsgraph.nlp.extensions import doc_text, ensure
from newsgraph.nlp.tokens import table
from newsgraph.normalize.quantities import BOUNDS

__all__ = ["ClaimExtractor", "candidate_lemmas", "claim_containing", "extract_claims"]

_CUT_RIGHT = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})
_STRIP = frozenset({",", ".", ";", ":", "—", "–", "-", "(", ")"})
# the bound phrases ("up to", "more than") by their number of words, most words first
_BOUND_PHRASES = tuple(
    (n, frozenset(p for p in BOUNDS if len(p.split()) == n))
    for n in sorted({len(p.split()) for p in BOUNDS}, reverse=True)
)


# a lemma that heads a cue less often than this (in PolNeAR train) is not worth classifying:
# punctuation and prepositions ("in", "of", ",") would cost a third of the time for ~1% of the cues
MIN_CUE_RATE = 0.01
# a cue inside the content of a claim already found must be surer (log-odds): PolNeAR marks a
# report inside a report only when it is plainly one ("the agency said Kim told Shoigu that ...");
# on held-out train folds 0.25 to 0.5 are best for cue F1 + full F1 (none: cue F1 0.0014 lower)
NESTED_MARGIN = 0.5
# the classifier's decision margin (log-odds) for a cue outside other claims: `tools/learn_claims.py
# --cv` on PolNeAR train (4 folds) gives the best held-out cue F1 + full F1 at -0.5 to -0.3 (1.377;
# it keeps the highest of tied margins); cue F1 alone is flat from -0.8 to -0.3 (0.776 to 0.774)
# while source, content and full F1 fall as the margin drops
CUE_MARGIN = -0.3
# (a stricter margin for cues with no source found was tried on held-out train folds: it trades
# cue F1 for source F1 about one for one, so there is none)
# the margin given to cues found by rule ("it is believed that")
FORCED_MARGIN = 5.0


@lru_cache(maxsize=1)
def candidate_lemmas() -> frozenset[str]:
    """Lemmas that may head a cue (``cue_candidates.tsv``), with at least ``MIN_CUE_RATE`` of them cues."""
    text = resources.files("newsgraph.nlp.data").joinpath("cue_candidates.tsv").read_text(encoding="utf-8")
    out = set()
    for line in text.splitlines():
        if line and line[0] != "#":
            lemma, cues, seen = line.split("\t")[:3]
            if int(cues) >= MIN_CUE_RATE * int(seen):
                out.add(lemma)
    return frozenset(out)


@lru_cache(maxsize=1)
def known_lemmas() -> frozenset[str]:
    """Every lemma of ``cue_candidates.tsv``: a verb outside it is classified as ``UNSEEN``."""
    text = resources.files("newsgraph.nlp.data").joinpath("cue_candidates.tsv").read_text(encoding="utf-8")
    return frozenset(line.split("\t", 1)[0] for line in text.splitlines() if line and line[0] != "#")


def _cspan(span: Span) -> CSpan:
    return CSpan(span.start_char, span.end_char, span.text)


def _trim(doc: Doc, start: int, end: int, keep_quotes: bool = True) -> tuple[int, int]:
    while start < end and (doc[start].is_space or (doc[start].text in _STRIP)):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _STRIP):
        end -= 1
    if not keep_quotes:
        while start < end and doc[start].is_quote:
            start += 1
        while end > start and doc[end - 1].is_quote:
            end -= 1
    return start, end


def _source_span(tok: Token) -> Span:
    """The source's noun phrase without its relative clauses, appositions and coordinations."""
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in _CUT_RIGHT:
            break
        end = c.right_edge.i + 1
    start = tok.left_edge.i
    start, end = _trim(tok.doc, start, end, keep_quotes=False)
    if start >= end:
        return tok.doc[tok.i : tok.i + 1]
    return tok.doc[start:end]


def _entity_of(span: Span, head: Token) -> str | None:
    te: dict[int, str] = span.doc._.ng_token_entity
    if head.i in te:
        return te[head.i]
    for t in span:
        if t.i in te:
            return te[t.i]
    return None


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) and not any(
        c.dep_ == "agent" for c in tok.children
    )


class _Quotes:
    """Quotation regions with a token -> region lookup."""

    def __init__(self, doc: Doc) -> None:
        self.regions = quote_regions(doc)
        self.of: dict[int, int] = {}
        for n, (a, b) in enumerate(self.regions):
            for i in range(a, b):
                self.of[i] = n


_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_AFTER_COMMA_CUT = frozenset({"relcl", "appos", "acl", "advcl"})


def _content_range(cue: Token, head: Token, quotes: _Quotes) -> tuple[int, int]:
    doc = cue.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if head.pos_ in _NOMINAL and head.i not in quotes.of:
        # "the reality of climate change, which makes him ...": the clause after the comma is the writer's
        for c in head.rights:
            if (
                c.dep_ in _AFTER_COMMA_CUT
                and c.left_edge.i > 0
                and doc[c.left_edge.i - 1].text in (",", "--", "—")
            ):
                end = min(end, c.left_edge.i - 1)
                break
            if c.dep_ == "punct" and c.text in ("--", "—") and c.i > head.i:
                end = min(end, c.i)
                break
    if start <= cue.i < end:
        # the cue sits inside the content's subtree ("..., he said, ..."): cut it off at the side it is on
        cut_lo, cut_hi = cue.left_edge.i, cue.right_edge.i + 1
        if cut_hi >= end - 1:
            end = min(end, cut_lo)
        elif cut_lo <= start + 1:
            start = max(start, cut_hi)
    cue_region = quotes.of.get(cue.i)
    touched = {quotes.of[i] for i in (start, end - 1, head.i) if i in quotes.of}
    for n in touched:
        if n == cue_region:
            continue
        a, b = quotes.regions[n]
        start, end = min(start, a), max(end, b)
    if touched and end <= cue.i:
        end = _continued_quote(cue, quotes, end)
    elif not touched and start > cue.i:
        # "described the pact as having a “peaceful and defensive nature”": a quotation later in the
        # cue's own clause is part of what was said
        for a, b in quotes.regions:
            if a >= end and b - 1 <= cue.right_edge.i + 1 and quotes.of.get(cue.i) is None:
                end = b
                break
            if a > cue.right_edge.i:
                break
    return _trim(doc, start, end)


def _continued_quote(cue: Token, quotes: _Quotes, end: int) -> int:
    """ "“A,” he said. “B. C.”": the quotation that resumes right after the cue's clause joins the content."""
    doc = cue.doc
    k = cue.sent.end
    limit = cue.right_edge.i + 1
    # the clause after the cue may end the sentence ("he said.") or go on ("he said, “B.”")
    i = max(limit, cue.i + 1)
    while i < len(doc) and i < k + 1 and (doc[i].is_punct and not doc[i].is_quote):
        i += 1
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    if i in quotes.of and quotes.regions[quotes.of[i]][0] == i:
        return quotes.regions[quotes.of[i]][1]
    return end


_OWN_OBJECT = frozenset({"dobj", "xcomp", "ccomp"})


def _adjacent_quote(cue: Token, quotes: _Quotes) -> tuple[int, int] | None:
    """A quotation that belongs to a cue without content: after its colon, or just before it."""
    sent = cue.sent
    # a cue with an object of its own ("has often cited improving ...") did not say the quotation before it
    says_own = any(c.dep_ in _OWN_OBJECT for c in cue.children)
    for a, b in quotes.regions:
        # "“...”\nHe said." or a quotation closing at the sentence start
        if (
            not says_own
            and a < sent.start <= b + 1
            and b <= cue.i
            and all(t.is_punct or t.is_space for t in cue.doc[b : sent.start])
        ):
            return a, b
        if a > cue.i:
            between = cue.doc[cue.i + 1 : a]
            if len(between) <= 3 and all(t.is_punct or t.is_space for t in between):
                return a, b
            break
    return None


_SPEECH_LEMMAS = frozenset({"say", "tell"})


def _speech_with_speaker(tok: Token) -> bool:
    """ "Kim told Shoigu that ...": speech with its speaker and its clause, a claim even inside
    another claim's content (a report of a report), whatever the classifier's margin."""
    return (
        tok.lemma_ in _SPEECH_LEMMAS
        and any(c.dep_ == "nsubj" and c.pos_ in SOURCE_POS for c in tok.children)
        and any(c.dep_ == "ccomp" for c in tok.children)
    )


def _it_is_believed(tok: Token) -> bool:
    """ "It is believed/said/reported that ...": a source-less claim, whatever the classifier thinks."""
    if tok.lemma_.lower() not in cue_lexicon().get("passive_sourceless", frozenset()) or not _is_passive(tok):
        return False
    deps = {c.dep_: c for c in tok.children}
    subj = deps.get("nsubjpass")
    return subj is not None and subj.lower_ == "it" and "ccomp" in deps


def _rest_of_clause(cue: Token, src: Token | None) -> tuple[int, int] | None:
    """No content on any path: what follows the cue in its clause, else what precedes it in the sentence."""
    doc = cue.doc
    a, b = _trim(doc, cue.i + 1, cue.right_edge.i + 1)
    if b - a >= 2:
        return a, b
    sent = cue.sent
    left = min(cue.left_edge.i, src.left_edge.i if src is not None else cue.i)
    a, b = _trim(doc, sent.start, left)
    if b - a >= 3:
        return a, b
    return None


def _hedges(cue: Token, content: Span) -> list[str]:
    lex = cue_lexicon()
    words = lex.get("hedge", frozenset())
    out: list[str] = []
    lemma = cue.lemma_.lower()
    if lemma in lex.get("hedge_lemma", frozenset()):
        out.append(lemma)
    for c in cue.children:
        if c.dep_ in ("advmod", "aux") and c.lower_ in words:
            out.append(c.lower_)
    if cue.dep_ in ("xcomp", "ccomp") and cue.head.lower_ in words:
        out.append(cue.head.lower_)
    tt = table(content.doc)
    for t in content:
        if t.lower_ in words and t.lower_ not in out and t.dep_ in ("aux", "advmod", "amod"):
            out.append(t.lower_)
        if t.like_num and t.i > content.start:
            for n, phrases in _BOUND_PHRASES:
                if t.i - n >= content.start and (phrase := " ".join(tt.lower[t.i - n : t.i])) in phrases:
                    if phrase not in out:
                        out.append(phrase)
                    break
    return out


def _negated(cue: Token) -> bool:
    if cue.lemma_.lower() in cue_lexicon().get("negating", frozenset()):
        return True
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    return bool(cue.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "neg" for c in cue.head.children))


def _cue_span(cue: Token) -> Span:
    doc = cue.doc
    start, end = cue.i, cue.i + 1
    if cue.lower_ == "according" and end < len(doc) and doc[end].lower_ == "to":
        end += 1
    for c in cue.rights:
        if c.dep_ == "prt" and c.i == end:
            end += 1
    return doc[start:end]


def _make(cue: Token, quotes: _Quotes, taken: set[int]) -> tuple[Claim, tuple[int, int], int] | None:
    """A claim for the cue token, its content token range, and its source head (-1: none)."""
    doc = cue.doc
    src_tok: Token | None = None
    lemma = cue.lemma_.lower()
    passive_no_source = _is_passive(cue) and lemma in cue_lexicon().get("passive_sourceless", frozenset())
    if not passive_no_source:
        for steps in paths_for(cue, "source"):
            t = follow(cue, steps)
            if t is not None and t.pos_ in SOURCE_POS and t.i != cue.i and t.lower_ != "there":
                src_tok = t
                break
    content_range: tuple[int, int] | None = None
    for steps in paths_for(cue, "content"):
        t = follow(cue, steps)
        if t is None or t.i == cue.i or t.is_punct or (src_tok is not None and t.i == src_tok.i):
            continue
        content_range = _content_range(cue, t, quotes)
        break
    if content_range is None or content_range[0] >= content_range[1]:
        content_range = _adjacent_quote(cue, quotes) or _rest_of_clause(cue, src_tok)
    if content_range is None:
        return None
    cstart, cend = content_range
    content = doc[cstart:cend]
    source = None
    if src_tok is not None:
        sspan = _source_span(src_tok)
        source = ClaimSource(sspan.start_char, sspan.end_char, sspan.text, _entity_of(sspan, src_tok))
    direct = any(i in quotes.of and quotes.of.get(cue.i) != quotes.of[i] for i in range(cstart, cend))
    cue_span = _cue_span(cue)
    taken.update(range(cue_span.start, cue_span.end))
    claim = Claim(
        source,
        _cspan(cue_span),
        _cspan(content),
        direct=direct,
        hedges=tuple(_hedges(cue, content)),
        negated=_negated(cue),
        sentence=_cspan(cue.sent),
    )
    return claim, content_range, (src_tok.i if src_tok is not None else -1)


def _sourceless(tok: Token, quotes: _Quotes) -> tuple[Claim, tuple[int, int], int] | None:
    """ "X reportedly did Y": a claim without a source whose content is the clause of the adverb's head."""
    head = tok.head
    if head.i == tok.i:
        return None
    start, end = head.left_edge.i, head.right_edge.i + 1
    sent = tok.sent
    start, end = max(start, sent.start), min(end, sent.end)
    start, end = _trim(tok.doc, start, end)
    if start >= end:
        return None
    content = tok.doc[start:end]
    claim = Claim(
        None,
        _cspan(tok.doc[tok.i : tok.i + 1]),
        _cspan(content),
        direct=False,
        hedges=(tok.lower_,),
        negated=any(c.dep_ == "neg" for c in head.children),
        sentence=_cspan(sent),
    )
    return claim, (start, end), -1


_DASHES = frozenset({"―", "—", "–", "--"})
_LINESOURCE_POS = frozenset({"PROPN", "NOUN", "PUNCT", "DET", "ADJ", "NUM", "X"})


def _line_bounds(doc: Doc, tok: Token) -> tuple[int, int]:
    """Token range of the line (paragraph) holding ``tok``."""
    text = doc_text(doc)
    lo = text.rfind("\n", 0, tok.idx) + 1
    hi = text.find("\n", tok.idx)
    hi = len(text) if hi < 0 else hi
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return tok.i, tok.i + 1
    return span.start, span.end


def _colon_line(tok: Token, quotes: _Quotes) -> tuple[Claim, tuple[int, int], int] | None:
    """ "Pence: Flowers won't be at the debate" and transcripts ("WALLACE: Let's start ...")."""
    doc = tok.doc
    lo, hi = _line_bounds(doc, tok)
    s0, s1 = _trim(doc, lo, tok.i, keep_quotes=False)
    prefix = doc[s0:s1]
    if not 1 <= len(prefix) <= 4 or not any(t.pos_ == "PROPN" or t.is_upper or t.is_title for t in prefix):
        return None
    if any(t.pos_ not in _LINESOURCE_POS for t in prefix):
        return None
    if any(t.lower_ in cue_lexicon().get("layout", frozenset()) for t in prefix):
        return None
    c0, c1 = _trim(doc, tok.i + 1, hi)
    if c1 - c0 < 3:
        return None
    content = doc[c0:c1]
    head = prefix.root
    claim = Claim(
        ClaimSource(prefix.start_char, prefix.end_char, prefix.text, _entity_of(prefix, head)),
        _cspan(doc[tok.i : tok.i + 1]),
        _cspan(content),
        direct=any(i in quotes.of for i in range(c0, c1)),
        hedges=tuple(_hedges(tok, content)),
        sentence=_cspan(doc[lo:hi]),
    )
    return claim, (c0, c1), head.i


def _dash_signature(tok: Token, quotes: _Quotes) -> tuple[Claim, tuple[int, int], int] | None:
    """ "“...” ― Sonya Herridge": a quotation signed after a dash."""
    doc = tok.doc
    k = tok.i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if len(tok.text) == 2 and tok.i in quotes.of:
        k = tok.i  # '”―' written as one token
    if k < 0 or k not in quotes.of:
        return None
    a, b = quotes.regions[quotes.of[k]]
    if b != k + 1:
        return None
    _, hi = _line_bounds(doc, tok)
    s0, s1 = _trim(doc, tok.i + 1, hi, keep_quotes=False)
    name = doc[s0:s1]
    if not 1 <= len(name) <= 6 or not any(t.pos_ == "PROPN" for t in name):
        return None
    content = doc[a:b]
    claim = Claim(
        ClaimSource(name.start_char, name.end_char, name.text, _entity_of(name, name.root)),
        _cspan(doc[tok.i : tok.i + 1]),
        _cspan(content),
        direct=True,
        sentence=_cspan(doc[a:hi]),
    )
    return claim, (a, b), name.root.i


_AUXILIARY = frozenset({"aux", "auxpass"})


def extract_claims(doc: Doc) -> list[Claim]:
    """Every claim of ``doc`` in text order, with ``parent`` set (the pure function behind ``ng_claims``)."""
    quotes = _Quotes(doc)
    cands = candidate_lemmas()
    known = known_lemmas()
    sourceless = cue_lexicon().get("sourceless", frozenset())
    scored: list[tuple[float, Token]] = []
    adverbs: list[Token] = []
    layout: list[tuple[Claim, tuple[int, int], int]] = []
    t = table(doc)
    for i, low in enumerate(t.lower):
        if low in sourceless and t.pos[i] == "ADV":
            adverbs.append(doc[i])
            continue
        if low == ":" or low in _DASHES or (len(low) == 2 and low[0] in '”"' and low[1] in "―—–"):
            made = _colon_line(doc[i], quotes) if low == ":" else _dash_signature(doc[i], quotes)
            if made is not None:
                layout.append(made)
                continue
        if t.dep[i] in _AUXILIARY:  # "has said", "was told": the cue is the verb the auxiliary helps
            continue
        lemma = lemma_at(t, i)
        if lemma in cands:
            margin = score_at(t, i, i in quotes.of)
        elif t.pos[i] == "VERB" and lemma not in known:
            margin = score_at(t, i, i in quotes.of, UNSEEN)
        else:
            continue
        tok = doc[i]
        if _it_is_believed(tok):
            margin = max(margin, FORCED_MARGIN)
        if margin > CUE_MARGIN:
            scored.append((margin, tok))
    scored.sort(key=lambda p: -p[0])
    found: list[tuple[Claim, tuple[int, int], int]] = list(layout)
    taken: set[int] = set()  # cue tokens and sources already used
    content_heads: set[tuple[int, int]] = {f[1] for f in layout}
    for f in layout:
        taken.update(range(*_char_tokens(doc, f[0].cue)))
    for margin, tok in scored:
        if tok.i in taken:
            continue
        if (
            margin < NESTED_MARGIN
            and not _speech_with_speaker(tok)
            and any(a <= tok.i < b for _, (a, b), _ in found)
        ):
            continue
        made = _make(tok, quotes, taken)
        if made is None or made[1] in content_heads:
            continue
        content_heads.add(made[1])
        if made[2] >= 0:
            taken.add(made[2])
        found.append(made)
    cue_heads = {c.cue.start for c, _, _ in found}
    for adv in adverbs:
        head = adv.head
        # "Kim reportedly told ...": the hedge of a cue, not a claim of its own
        if head.idx in cue_heads:
            continue
        made = _sourceless(adv, quotes)
        if made is not None:
            found.append(made)
    found.sort(key=lambda f: f[0].cue.start)
    claims = [f[0] for f in found]
    # parent: the innermost claim whose content holds this claim's cue
    out: list[Claim] = []
    for i, claim in enumerate(claims):
        parent = None
        best = None
        for j, other in enumerate(claims):
            if j == i:
                continue
            c = other.content
            if (
                c.start <= claim.cue.start
                and claim.cue.end <= c.end
                and (best is None or c.end - c.start < best)
            ):
                parent, best = j, c.end - c.start
        if parent is not None:
            claim = _replace_parent(claim, parent)
        out.append(claim)
    # a source-less adverb on a cue's head: the adverb is a hedge of that claim
    return out


def _char_tokens(doc: Doc, span: CSpan) -> tuple[int, int]:
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    return (sp.start, sp.end) if sp is not None else (0, 0)


def _replace_parent(claim: Claim, parent: int) -> Claim:
    return Claim(
        claim.source,
        claim.cue,
        claim.content,
        direct=claim.direct,
        hedges=claim.hedges,
        parent=parent,
        negated=claim.negated,
        sentence=claim.sentence,
    )


class ClaimExtractor:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        candidate_lemmas()
        cue_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        doc._.ng_claims = extract_claims(doc)
        return doc


def claim_containing(doc: Doc, start: int, end: int) -> int | None:
    """Index of the innermost claim whose content holds the character span [start, end)."""
    best: int | None = None
    best_len = None
    for i, claim in enumerate(doc._.ng_claims):
        c = claim.content
        if c.start <= start and end <= c.end and (best_len is None or c.end - c.start < best_len):
            best, best_len = i, c.end - c.start
    return best
