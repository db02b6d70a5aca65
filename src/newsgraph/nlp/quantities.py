"""``ng_quantities``: figures with value, unit (what is counted), bound and the entity they are about.

First version: the model's CARDINAL, MONEY, PERCENT and QUANTITY entities that
are not dates; the unit is the noun the number modifies.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.model import Quantity
from newsgraph.nlp.extensions import ensure
from newsgraph.normalize.quantities import BOUNDS, parse_number

_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_CURRENCY = {
    "$": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "€": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "pounds": "GBP",
}


def _bound(span: Span) -> tuple[str, int]:
    """The bound word(s) at the start of the span, and the token index after them."""
    words = [t.lower_ for t in span[:3]]
    for n in (3, 2, 1):
        if " ".join(words[:n]) in BOUNDS:
            return BOUNDS[" ".join(words[:n])], span.start + n
    doc = span.doc
    for n in (3, 2, 1):
        if span.start - n >= 0:
            before = " ".join(t.lower_ for t in doc[span.start - n : span.start])
            if before in BOUNDS:
                return BOUNDS[before], span.start
    return "exact", span.start


class QuantityTagger:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        quantities: list[Quantity] = doc._.ng_quantities
        for ent in doc.ents:
            if ent.label_ not in _LABELS:
                continue
            bound, start = _bound(ent)
            span = doc[start : ent.end]
            unit: str | None = None
            number_text = span.text
            if ent.label_ == "PERCENT":
                unit = "percent"
            elif ent.label_ == "MONEY":
                for tok in span:
                    if tok.text in _CURRENCY or tok.lower_ in _CURRENCY:
                        unit = _CURRENCY.get(tok.text) or _CURRENCY.get(tok.lower_)
                number_text = " ".join(
                    t.text for t in span if t.text not in _CURRENCY and t.lower_ not in _CURRENCY
                )
            value = parse_number(number_text)
            if value is None:
                continue
            if unit is None:
                head = span.root.head if span.root.dep_ in {"nummod", "quantmod"} else None
                if head is not None and head.pos_ in {"NOUN", "PROPN"}:
                    unit = head.text.lower()
                elif "-" in span.text or "third" in span.text.lower() or "half" in span.text.lower():
                    unit = "fraction" if value < 1 else None
            about = doc._.ng_token_entity.get(span.root.head.i) if span.root.head.i != span.root.i else None
            quantities.append(
                Quantity(span.start_char, span.end_char, span.text, value, unit, bound, about=about)
            )
        return doc
