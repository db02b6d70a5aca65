"""The ``Doc._`` attributes and the Doc text kept by ``make_doc`` (``newsgraph.nlp.extensions``)."""

from __future__ import annotations

import spacy

from newsgraph.nlp import extensions, make_doc


def test_make_doc_keeps_the_text_it_was_made_from() -> None:
    extensions.register()
    nlp = spacy.blank("en")
    text = "  Kim  met Putin\ton\n\nJune 5 ,2025 .  "
    doc = make_doc(nlp, text, "2025-06-05")
    assert extensions.doc_text(doc) == doc.text == text
    assert doc._.published == "2025-06-05" and doc._.ng_warnings == []


def test_doc_text_of_a_doc_made_elsewhere_is_read_once() -> None:
    extensions.register()
    doc = spacy.blank("en")("A plain Doc.")
    assert extensions.doc_text(doc) == "A plain Doc."
    assert doc.user_data  # kept for the next component
