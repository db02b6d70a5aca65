"""``ng_timex``: temporal expressions with TIMEX3 values, and the time of each event.

First version: the model's DATE and TIME entities, without a leading preposition,
normalised by :func:`newsgraph.normalize.time.normalize` against the publication date.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.model import EventTime, Timex
from newsgraph.nlp.extensions import ensure
from newsgraph.normalize.time import normalize

_LEAD = frozenset({"on", "in", "at", "since", "by", "during", "until", "from"})


def parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class TimexTagger:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        anchor = parse_published(doc._.published)
        timexes: list[Timex] = doc._.ng_timexes
        token_timex: dict[int, int] = doc._.ng_token_timex
        for ent in doc.ents:
            if ent.label_ not in {"DATE", "TIME"}:
                continue
            start = ent.start
            while start < ent.end and doc[start].lower_ in _LEAD:
                start += 1
            span = doc[start : ent.end]
            if not len(span):
                continue
            kind, value = normalize(span.text, anchor)
            if ent.label_ == "TIME" and kind == "DATE" and value == "XXXX-XX-XX":
                kind = "TIME"
            index = len(timexes)
            timexes.append(Timex(span.start_char, span.end_char, span.text, kind, value))
            for tok in span:
                token_timex[tok.i] = index
        for sent in doc.sents:
            for tok in sent:
                found = token_timex.get(tok.i)
                if found is not None and timexes[found].value[:1].isdigit():
                    doc._.ng_sent_reftime[sent.start] = found
                    break
        return doc


def event_time(doc: Doc, trigger: Token) -> EventTime | None:
    """The time of an event: a timex its trigger governs, else its sentence's, else the publication date."""
    timexes: list[Timex] = doc._.ng_timexes
    token_timex: dict[int, int] = doc._.ng_token_timex
    for child in trigger.subtree:
        index = token_timex.get(child.i)
        if index is not None and child.head.i != child.i:
            # only a timex attached in this clause, not one inside a nested clause
            path = child
            nested = False
            while path.i != trigger.i and path.head.i != path.i:
                path = path.head
                if path.i != trigger.i and path.pos_ in {"VERB", "AUX"}:
                    nested = True
                    break
            if not nested:
                return EventTime(timexes[index].value, index, "text")
    ref = doc._.ng_sent_reftime.get(trigger.sent.start)
    if ref is not None:
        return EventTime(timexes[ref].value, ref, "sentence")
    if doc._.published:
        return EventTime(doc._.published[:10], None, "published")
    return None
