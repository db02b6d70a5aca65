"""The per-Doc token table (``newsgraph.nlp.tokens``)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.nlp.tokens import TokenTable, table
from tests.conftest import hand_doc


def _doc() -> Doc:
    # “It works,” Kim said. Then she left.
    return hand_doc(
        ["“", "It", "works", ",", "”", "Kim", "Said", ".", "Then", "she", "left", "."],
        heads=[2, 2, 6, 2, 2, 6, 6, 6, 10, 10, 10, 10],
        deps=[
            "punct",
            "nsubj",
            "ccomp",
            "punct",
            "punct",
            "nsubj",
            "ROOT",
            "punct",
            "advmod",
            "nsubj",
            "ROOT",
            "punct",
        ],
        pos=[
            "PUNCT",
            "PRON",
            "VERB",
            "PUNCT",
            "PUNCT",
            "PROPN",
            "VERB",
            "PUNCT",
            "ADV",
            "PRON",
            "VERB",
            "PUNCT",
        ],
        lemmas=["“", "it", "work", ",", "”", "Kim", "Say", ".", "then", "she", "leave", "."],
        ents=["O", "O", "O", "O", "O", "B-PERSON", "O", "O", "O", "O", "O", "O"],
    )


def test_columns_match_the_tokens() -> None:
    doc = _doc()
    t = TokenTable(doc)
    assert len(t) == len(doc)
    assert t.text == [x.text for x in doc]
    assert t.lower == [x.lower_ for x in doc]
    assert t.lemma == [x.lemma_.lower() for x in doc]  # lower-cased: "Say" -> "say"
    assert t.pos == [x.pos_ for x in doc]
    assert t.dep == [x.dep_ for x in doc]
    assert t.ent == [x.ent_type_ for x in doc]
    assert t.head == [x.head.i for x in doc]  # absolute, though to_array gives offsets
    assert t.punct == [x.is_punct for x in doc]
    assert t.quote == [x.is_quote for x in doc]
    assert t.like_num == [x.like_num for x in doc]
    assert t.children == [[c.i for c in x.children] for x in doc]
    assert t.sent_starts == [s.start for s in doc.sents] == [0, 8]


def test_the_last_docs_table_is_shared() -> None:
    a, b = _doc(), _doc()
    first = table(a)
    assert table(a) is first
    assert table(b) is not first
    assert table(b).doc is b


def test_an_empty_doc_has_an_empty_table() -> None:
    t = TokenTable(Doc(hand_doc(["x"]).vocab, words=[]))
    assert len(t) == 0 and t.children == [] and t.sent_starts == []
