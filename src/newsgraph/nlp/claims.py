"""``ng_claims``: attributed statements with source, cue, content and hedges.

First version: a verb of saying with a subject and a clausal complement
("X said that ..."), and "according to X".
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import Claim, ClaimSource
from newsgraph.model import Span as CSpan
from newsgraph.nlp.extensions import ensure

SPEECH_LEMMAS = frozenset(
    {"say", "tell", "report", "announce", "state", "claim", "estimate", "deny", "warn", "emphasize",
     "add", "insist", "describe", "confirm", "argue", "note", "write", "believe", "allege", "accuse"}
)  # fmt: skip
HEDGES = frozenset(
    {"reportedly", "allegedly", "estimate", "may", "might", "could", "possibly", "unconfirmed"}
)


def _cspan(span: Span) -> CSpan:
    return CSpan(span.start_char, span.end_char, span.text)


def _subtree_span(tok: Token) -> Span:
    return tok.doc[tok.left_edge.i : tok.right_edge.i + 1]


class ClaimExtractor:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        claims: list[Claim] = doc._.ng_claims
        token_entity = doc._.ng_token_entity
        for tok in doc:
            if tok.pos_ == "VERB" and tok.lemma_ in SPEECH_LEMMAS:
                subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                comp = next((c for c in tok.children if c.dep_ in {"ccomp", "xcomp", "dobj"}), None)
                if comp is None:
                    continue
                content = _subtree_span(comp)
                if len(content) and content[0].lower_ == "that":
                    content = content[1:]
                source = None
                if subj is not None:
                    src = _subtree_span(subj)
                    source = ClaimSource(src.start_char, src.end_char, src.text, token_entity.get(subj.i))
                hedges = {t.lower_ for t in tok.sent if t.lower_ in HEDGES}
                if tok.lemma_ == "estimate":
                    hedges.add("estimate")
                direct = any(t.is_quote for t in content) or (
                    content.start > 0 and doc[content.start - 1].is_quote
                )
                negated = tok.lemma_ == "deny" or any(c.dep_ == "neg" for c in tok.children)
                cue = doc[tok.i : tok.i + 1]
                claims.append(
                    Claim(
                        source,
                        _cspan(cue),
                        _cspan(content),
                        direct=direct,
                        hedges=tuple(sorted(hedges)),
                        negated=negated,
                        sentence=_cspan(tok.sent),
                    )
                )
            elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                src = _subtree_span(pobj)
                head = tok.head
                content = tok.sent
                cue = doc[tok.i : tok.i + 2]
                source = ClaimSource(src.start_char, src.end_char, src.text, token_entity.get(pobj.i))
                rest_start = max(src.end, head.left_edge.i) if head.i != tok.i else src.end
                if rest_start < content.end:
                    content = doc[rest_start : content.end]
                claims.append(Claim(source, _cspan(cue), _cspan(content), sentence=_cspan(tok.sent)))
        claims.sort(key=lambda c: c.cue.start)
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
