"""The MEANTIME figure scorer: text rebuilt from tokens, VALUE spans, the reference reader, the floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval import quantities
from newsgraph.eval.base import check_floors, shared_data
from newsgraph.eval.quantities import load_corpus, reference_value

# A made-up document in MEANTIME's CAT XML shape.
XML = """<Document doc_id="1" doc_name="x">
<token t_id="1" sentence="0" number="0">Sales</token>
<token t_id="2" sentence="0" number="1">rose</token>
<token t_id="3" sentence="0" number="2">12</token>
<token t_id="4" sentence="0" number="3">%</token>
<token t_id="5" sentence="0" number="4">to</token>
<token t_id="6" sentence="0" number="5">$</token>
<token t_id="7" sentence="0" number="6">3.5</token>
<token t_id="8" sentence="0" number="7">billion</token>
<token t_id="9" sentence="0" number="8">.</token>
<Markables>
<TIMEX3 m_id="1" functionInDocument="CREATION_TIME" value="2008-01-02" type="DATE"/>
<VALUE m_id="2" type="PERCENT"><token_anchor t_id="3"/><token_anchor t_id="4"/></VALUE>
<VALUE m_id="3" type="MONEY"><token_anchor t_id="6"/><token_anchor t_id="7"/><token_anchor t_id="8"/></VALUE>
</Markables>
</Document>
"""


def test_load_corpus_rebuilds_text_and_spans(tmp_path: Path) -> None:
    (tmp_path / "intra-doc_annotation" / "corpus_x").mkdir(parents=True)
    (tmp_path / "intra-doc_annotation" / "corpus_x" / "1_x.xml").write_text(XML, encoding="utf-8")
    (doc,) = load_corpus(tmp_path)
    assert doc.text == "Sales rose 12% to $3.5 billion."
    assert doc.published == "2008-01-02"
    assert [(v.text, v.type) for v in doc.values] == [("12%", "PERCENT"), ("$3.5 billion", "MONEY")]


@pytest.mark.parametrize(
    ("text", "value"),
    [("12%", 12), ("$3.5 billion", 3.5e9), ("more than 4 billion", 4e9), ("3,800", 3800), ("two", 2),
     ("twenty-five", 25), ("320x240", None), ("500 and 1,000", None)],
)  # fmt: skip
def test_reference_value(text: str, value: float | None) -> None:
    assert reference_value(text) == value


@pytest.mark.eval
@pytest.mark.slow
def test_meantime_floors() -> None:
    report = quantities.evaluate(shared_data() / quantities.DEFAULT)
    assert check_floors(report) == []
