"""The TimeML scorer: reading TimeML files, the TE3 measures, and the pinned floor on TBAQ."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval import timeml, timeml_meantime
from newsgraph.eval.base import check_floors, shared_data
from newsgraph.model import Timex

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-06-05" temporalFunction="false" functionInDocument="CREATION_TIME">June 5, 2025</TIMEX3></DCT>
<TEXT>
The pact was <EVENT eid="e1" class="OCCURRENCE">signed</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2024-06-19">June 19, 2024</TIMEX3> and troops came <TIMEX3 tid="t2" type="DATE" value="2024-FA">last fall</TIMEX3> for <TIMEX3 tid="t3" type="DURATION" value="P2M">two months</TIMEX3> &amp; stayed.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""


@pytest.fixture
def doc(tmp_path: Path) -> timeml.TimemlDocument:
    path = tmp_path / "t1.tml"
    path.write_text(DOC, encoding="utf-8")
    return timeml.read_document(path)


def test_read_document_keeps_offsets(doc: timeml.TimemlDocument) -> None:
    assert doc.dct == "2025-06-05"
    assert [(g.text, g.type, g.value) for g in doc.timexes] == [
        ("June 19, 2024", "DATE", "2024-06-19"),
        ("last fall", "DATE", "2024-FA"),
        ("two months", "DURATION", "P2M"),
    ]
    for g in doc.timexes:
        assert doc.text[g.start : g.end] == g.text
    assert "&amp;" not in doc.text and "& stayed" in doc.text


def _sys(doc: timeml.TimemlDocument, text: str, kind: str, value: str) -> Timex:
    start = doc.text.index(text)
    return Timex(start, start + len(text), text, kind, value)


def test_score_strict_relaxed_and_value(doc: timeml.TimemlDocument) -> None:
    system = [
        _sys(doc, "June 19, 2024", "DATE", "2024-06-19"),  # exact, right value
        _sys(doc, "came last fall", "DATE", "2025-FA"),  # overlaps, wrong value
        _sys(doc, "stayed", "DATE", "PAST_REF"),  # spurious
    ]
    report = timeml.score([(doc, system)])
    m = report.metrics
    assert m["strict_span_p"] == pytest.approx(1 / 3) and m["strict_span_r"] == pytest.approx(1 / 3)
    assert m["relaxed_span_p"] == pytest.approx(2 / 3) and m["relaxed_span_r"] == pytest.approx(2 / 3)
    assert m["value_accuracy"] == pytest.approx(1 / 2)
    assert m["value_p"] == pytest.approx(1 / 3) and m["value_r"] == pytest.approx(1 / 3)
    assert m["type_accuracy"] == 1.0
    kinds = {r["error"] for r in report.rows}
    assert kinds == {"missed", "spurious", "value"}
    value_row = next(r for r in report.rows if r["error"] == "value")
    assert (value_row["gold_value"], value_row["system_value"]) == ("2024-FA", "2025-FA")


def test_score_perfect(doc: timeml.TimemlDocument) -> None:
    system = [Timex(g.start, g.end, g.text, g.type, g.value) for g in doc.timexes]
    m = timeml.score([(doc, system)]).metrics
    assert m["strict_span_f1"] == m["relaxed_span_f1"] == m["value_f1"] == m["type_accuracy"] == 1.0


def test_read_document_places_events_by_their_links(doc: timeml.TimemlDocument) -> None:
    # IS_INCLUDED in "June 19, 2024" dates "signed"; BEFORE the DCT does not
    (event,) = doc.events
    assert (doc.text[event.start : event.end], event.anchors) == ("signed", ("2024-06-19",))


def test_read_corpus_needs_files(tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"no \.tml files"):
        timeml.read_corpus(tmp_path)


@pytest.mark.eval
@pytest.mark.slow
def test_timeml_floor() -> None:
    report = timeml.evaluate(shared_data() / timeml.DEFAULT)
    assert report.counts["documents"] == 256
    assert check_floors(report) == []


# A made-up MEANTIME document in CAT XML: title, dateline (the DCT), two annotated sentences,
# and a third sentence past the annotated part.
CAT = """<Document doc_id="1" doc_name="x">
<token t_id="1" sentence="0" number="0">Markets</token>
<token t_id="2" sentence="0" number="1">fall</token>
<token t_id="3" sentence="1" number="2">May</token>
<token t_id="4" sentence="1" number="3">7</token>
<token t_id="5" sentence="1" number="4">,</token>
<token t_id="6" sentence="1" number="5">2010</token>
<token t_id="7" sentence="2" number="6">Stocks</token>
<token t_id="8" sentence="2" number="7">fell</token>
<token t_id="9" sentence="2" number="8">yesterday</token>
<token t_id="10" sentence="2" number="9">.</token>
<token t_id="11" sentence="3" number="10">Not</token>
<token t_id="12" sentence="3" number="11">annotated</token>
<token t_id="13" sentence="3" number="12">today</token>
<Markables>
<TIMEX3 m_id="1" functionInDocument="CREATION_TIME" value="2010-05-07" type="DATE">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIMEX3>
<TIMEX3 m_id="2" functionInDocument="NONE" value="2010-05-06" type="DATE"><token_anchor t_id="9"/></TIMEX3>
</Markables>
</Document>
"""


def test_read_cat_document_stops_at_the_annotation_and_sets_the_dct_aside(tmp_path: Path) -> None:
    path = tmp_path / "1_x.xml"
    path.write_text(CAT, encoding="utf-8")
    doc = timeml.read_cat_document(path)
    assert doc is not None
    assert doc.text == "Markets fall\nMay 7, 2010\nStocks fell yesterday."
    assert doc.dct == "2010-05-07"
    assert [(g.text, g.value) for g in doc.timexes] == [("yesterday", "2010-05-06")]
    assert [doc.text[a:b] for a, b in doc.unscored] == ["May 7, 2010"]
    # the dateline, found by the system, is neither a match nor spurious
    system = [_sys(doc, "May 7, 2010", "DATE", "2010-05-07"), _sys(doc, "yesterday", "DATE", "2010-05-06")]
    m = timeml.score([(doc, system)]).metrics
    assert m["value_f1"] == m["relaxed_span_p"] == 1.0


def test_read_cat_corpus_skips_documents_without_a_usable_dct(tmp_path: Path) -> None:
    (tmp_path / "1_x.xml").write_text(CAT, encoding="utf-8")
    (tmp_path / "2_y.xml").write_text(
        CAT.replace('value="2010-05-07"', 'value="05-07-2010"'), encoding="utf-8"
    )
    docs, skipped = timeml.read_cat_corpus(tmp_path)
    assert [d.name for d in docs] == ["1_x"]
    assert skipped == ["2_y"]


@pytest.mark.eval
@pytest.mark.slow
def test_timeml_meantime_floor() -> None:
    report = timeml_meantime.evaluate(shared_data() / timeml_meantime.DEFAULT)
    assert report.counts["documents"] == 89
    assert check_floors(report) == []
