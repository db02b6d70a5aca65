"""Every ``Doc._`` attribute newsgraph uses, registered in one place.

``register()`` is idempotent and is called by :func:`newsgraph.nlp.build_pipeline`
and by tests that build Docs by hand. Components read and write only these.

=======================  ===================================  =======================================
attribute                type                                 written by
=======================  ===================================  =======================================
``published``            ``str | None`` (ISO date)            the caller, before the pipeline runs
``ng_entities``          ``list[Entity]``                     ``ng_entities``
``ng_token_entity``      ``dict[int, str]`` token i -> id     ``ng_entities`` (names), ``ng_coref``
                                                              (pronouns and descriptions)
``ng_timexes``           ``list[Timex]``                      ``ng_timex``
``ng_token_timex``       ``dict[int, int]`` token i -> index  ``ng_timex``
``ng_sent_reftime``      ``dict[int, int]`` sentence start    ``ng_timex``: the timex that sets the
                         token -> timex index                 reference time of each sentence
``ng_quantities``        ``list[Quantity]``                   ``ng_quantities``
``ng_claims``            ``list[Claim]``                      ``ng_claims``
``ng_events``            ``list[Event]``                      ``ng_events`` (most salient first)
``ng_category``          ``str | None``                       ``ng_events``
``ng_warnings``          ``list[Warning]``                    any component (coded, see errors.py)
=======================  ===================================  =======================================
"""

from __future__ import annotations

from spacy.tokens import Doc

_DOC_ATTRS: dict[str, object] = {
    "published": None,
    "ng_entities": None,
    "ng_token_entity": None,
    "ng_timexes": None,
    "ng_token_timex": None,
    "ng_sent_reftime": None,
    "ng_quantities": None,
    "ng_claims": None,
    "ng_events": None,
    "ng_category": None,
    "ng_warnings": None,
}


def register() -> None:
    for name, default in _DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def ensure(doc: Doc) -> None:
    """Called first by every component: a Doc made by plain ``nlp(text)`` gets its containers."""
    if doc._.ng_warnings is None:
        reset(doc)


def reset(doc: Doc) -> None:
    """Give a fresh Doc empty containers, so components never share mutable defaults."""
    doc._.ng_entities = []
    doc._.ng_token_entity = {}
    doc._.ng_timexes = []
    doc._.ng_token_timex = {}
    doc._.ng_sent_reftime = {}
    doc._.ng_quantities = []
    doc._.ng_claims = []
    doc._.ng_events = []
    doc._.ng_category = None
    doc._.ng_warnings = []


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept once per Doc: spaCy joins every token again on each call (about 4 ms a news article)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def keep_text(doc: Doc, text: str) -> None:
    """Remember the text a Doc was made from, which is ``doc.text`` (the tokenizer loses no character)."""
    doc.user_data[_TEXT_KEY] = text


_TEXT_KEY = "newsgraph.text"
