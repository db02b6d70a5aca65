"""A Doc's tokens as plain Python lists, read once per Doc.

spaCy makes a new ``Token`` object at every step of a walk over a Doc (``doc[i]``,
``tok.head``, ``tok.children``), which costs more than the rules that read them.
:func:`table` reads every attribute the rules need with one ``Doc.to_array`` call and
keeps the last Doc's table, so components that run one after another on the same Doc
share it (timex, coref, quantities, claims and events). Entity types are read when the table
is made, so it is made after ``ng_mentions``, the one component that changes ``doc.ents``.
"""

from __future__ import annotations

from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IS_PUNCT,
    IS_QUOTE,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    TAG,
)
from spacy.strings import StringStore
from spacy.tokens import Doc

__all__ = ["TokenTable", "table"]

_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_QUOTE, LIKE_NUM, SENT_START]


class TokenTable:
    """Per token ``i``: ``text``, ``lower``, ``lemma`` (lower-cased), ``pos``, ``tag``, ``dep``,
    ``ent`` (entity type or ""), ``head`` (index), ``punct``, ``quote``, ``like_num``; ``children`` (indices in
    text order, as ``Token.children``) and ``sent_starts`` (the first token of each sentence)."""

    __slots__ = (
        "children",
        "dep",
        "doc",
        "ent",
        "head",
        "lemma",
        "like_num",
        "lower",
        "pos",
        "punct",
        "quote",
        "sent_starts",
        "tag",
        "text",
    )

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        array = doc.to_array(_ATTRS)  # unsigned: string hashes, and HEAD's offsets wrapped
        orth, lower, lemma, pos, tag, dep, ent, _, punct, quote, like_num, start = array.T.tolist()
        head = array[:, _ATTRS.index(HEAD)].astype("int64").tolist()
        strings = doc.vocab.strings
        self.text = _strings(strings, orth)
        self.lower = _strings(strings, lower)
        self.lemma = _strings(strings, lemma, lower_case=True)
        self.pos = _strings(strings, pos)
        self.tag = _strings(strings, tag)
        self.dep = _strings(strings, dep)
        self.ent = _strings(strings, ent)
        self.head = [i + h for i, h in enumerate(head)]
        self.punct = [bool(p) for p in punct]
        self.quote = [bool(q) for q in quote]
        self.like_num = [bool(n) for n in like_num]
        self.sent_starts = [i for i, s in enumerate(start) if s == 1 or i == 0]
        self.children: list[list[int]] = [[] for _ in self.head]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)

    def __len__(self) -> int:
        return len(self.text)


def _strings(strings: StringStore, ids: list[int], *, lower_case: bool = False) -> list[str]:
    """The strings of hash ids, each distinct id looked up once."""
    names = {k: strings[k] for k in set(ids)}
    if lower_case:
        names = {k: v.lower() for k, v in names.items()}
    return [names[k] for k in ids]


_LAST: list[TokenTable] = []  # the table of the Doc being processed (one at a time)


def table(doc: Doc) -> TokenTable:
    """The token table of ``doc``, made once and shared until another Doc asks for one."""
    last = _LAST[0] if _LAST else None
    if last is None or last.doc is not doc:  # checked on the object returned: safe across threads
        last = TokenTable(doc)
        _LAST[:] = [last]
    return last
