"""The PolNeAR scorer: brat reading, annotator choice, one-to-one cue matching, and the floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval import polnear
from newsgraph.eval.base import Report, check_floors, shared_data
from newsgraph.eval.polnear import Attribution, Scores, dice, load_split, match, parse_ann, score

# A made-up article and brat annotation in PolNeAR's format (offsets into TEXT).
TEXT = "The mayor said the bridge is safe. Critics disagree.\nIt is closed, officials said."
ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 33\tthe bridge is safe\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "T5\tCue 43 51\tdisagree\n"
    "T6\tContent 53 65;35 42\tIt is closed Critics\n"
    "T7\tAttribution-no-source 43 51\tdisagree\n"
    "E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
)


def test_parse_ann_reads_relations_and_discontinuous_spans() -> None:
    atts = parse_ann(ANN)
    assert atts[0] == Attribution(cue=((10, 14),), content=((15, 33),), source=((0, 9),))
    assert atts[1].source == ()
    assert atts[1].content == ((53, 65), (35, 42))
    assert TEXT[10:14] == "said" and TEXT[43:51] == "disagree"


def test_first_listed_annotator_is_the_gold(tmp_path: Path) -> None:
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "doc_a.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / "doc_a_aaaa.ann").write_text("", encoding="utf-8")
    (split / "attributions" / "doc_a_bbbb.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\tpublication_date\ndev\tdoc_a\tbbbb|aaaa\t2016-09-10\n",
        encoding="utf-8",
    )
    (doc,) = load_split(split)
    assert doc.annotator == "bbbb"
    assert doc.published == "2016-09-10"
    assert len(doc.attributions) == 2


def test_matching_is_one_to_one_by_largest_overlap() -> None:
    gold = [Attribution(((10, 14),), ((15, 33),))]
    system = [Attribution(((10, 12),), ((0, 1),)), Attribution(((9, 15),), ((15, 33),))]
    assert match(gold, system) == [(0, 1)]


def test_score_counts_source_content_and_full() -> None:
    gold = parse_ann(ANN)
    system = [
        Attribution(((10, 14),), ((15, 34),), ((4, 9),)),  # all right
        Attribution(((43, 51),), ((0, 5),), ()),  # cue and (no) source right, content wrong
        Attribution(((60, 61),), ((0, 5),), ()),  # no gold cue there
    ]
    s = Scores.empty()
    score(gold, system, s)
    assert (s.cue.tp, s.cue.system, s.cue.gold) == (2, 3, 2)
    assert s.source.tp == 2
    assert s.content.tp == 1
    assert s.full.tp == 1
    assert dice(((0, 10),), ((5, 15),)) == pytest.approx(0.5)


@pytest.mark.model
def test_textacy_side_reads_direct_quotations(nlp) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("textacy")
    from newsgraph.nlp import make_doc

    doc = nlp(make_doc(nlp, '"We will win," the mayor said. "It is over."'))
    found, refused = polnear.textacy_side(doc)
    assert not refused
    assert any(doc.text[a.cue[0][0] : a.cue[0][1]] == "said" for a in found)


@pytest.fixture(scope="module")
def dev_report() -> Report:
    return polnear.evaluate(shared_data() / polnear.DEFAULT)


@pytest.mark.eval
@pytest.mark.slow
def test_polnear_dev_floors(dev_report: Report) -> None:
    assert check_floors(dev_report) == []


@pytest.mark.eval
@pytest.mark.slow
def test_polnear_recall_is_at_least_twice_textacys(dev_report: Report) -> None:
    pytest.importorskip("textacy")  # the `eval` extra
    assert dev_report.metrics["full_r_vs_textacy"] >= 2.0
