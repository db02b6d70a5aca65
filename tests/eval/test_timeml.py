"""The TimeML scorer: reading TimeML files, the TE3 measures, and the pinned floor on TBAQ."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval import timeml
from newsgraph.eval.base import check_floors, shared_data
from newsgraph.model import Timex

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-06-05" temporalFunction="false" functionInDocument="CREATION_TIME">June 5, 2025</TIMEX3></DCT>
<TEXT>
The pact was <EVENT eid="e1" class="OCCURRENCE">signed</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2024-06-19">June 19, 2024</TIMEX3> and troops came <TIMEX3 tid="t2" type="DATE" value="2024-FA">last fall</TIMEX3> for <TIMEX3 tid="t3" type="DURATION" value="P2M">two months</TIMEX3> &amp; stayed.
</TEXT>
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


def test_read_corpus_needs_files(tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"no \.tml files"):
        timeml.read_corpus(tmp_path)


@pytest.mark.eval
@pytest.mark.slow
def test_timeml_floor() -> None:
    report = timeml.evaluate(shared_data() / timeml.DEFAULT)
    assert report.counts["documents"] == 256
    assert check_floors(report) == []
