from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval.base import check_floors, shared_data
from newsgraph.eval.conll import LABEL_MAP, Score, iob_spans, new_score, predicted, read_conll
from tests.conftest import hand_doc

# Our own sentences in the CoNLL-2003 layout (token POS chunk NER), IOB1 tags, DOCSTART at the end as here.
SAMPLE = """\
Kim NNP I-NP I-PER
Jong NNP I-NP I-PER
Un NNP I-NP I-PER
met VBD I-VP O
Sergei NNP I-NP I-PER
Shoigu NNP I-NP I-PER
in IN I-PP O
Pyongyang NNP I-NP I-LOC
. . O O

North NNP I-NP I-MISC
Korean NNP I-NP I-MISC
troops NNS I-NP O
Lazio NNP I-NP I-ORG
Roma NNP I-NP B-ORG
. . O O

-DOCSTART- -X- O O

KCNA NNP I-NP I-ORG
reported VBD I-VP O
. . O O

-DOCSTART- -X- O O"""


def test_iob1_and_iob2_spans() -> None:
    assert iob_spans(["I-PER", "I-PER", "O", "I-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    assert iob_spans(["I-ORG", "B-ORG", "I-ORG"]) == [(0, 1, "ORG"), (1, 3, "ORG")]
    assert iob_spans(["B-PER", "I-PER", "I-ORG"]) == [(0, 2, "PER"), (2, 3, "ORG")]
    assert iob_spans(["O", "O"]) == []


def test_read_conll_makes_documents_with_character_spans(tmp_path: Path) -> None:
    path = tmp_path / "sample.conll"
    path.write_text(SAMPLE, encoding="utf-8")
    docs = list(read_conll(path))
    assert len(docs) == 2
    first = docs[0]
    assert first.text.split("\n")[0] == "Kim Jong Un met Sergei Shoigu in Pyongyang ."
    got = sorted((first.text[s:e], t) for s, e, t in first.gold)
    assert got == [
        ("Kim Jong Un", "PER"),
        ("Lazio", "ORG"),
        ("North Korean", "MISC"),
        ("Pyongyang", "LOC"),
        ("Roma", "ORG"),
        ("Sergei Shoigu", "PER"),
    ]
    assert [(docs[1].text[s:e], t) for s, e, t in docs[1].gold] == [("KCNA", "ORG")]


def test_label_map_is_the_documented_one() -> None:
    assert LABEL_MAP["PERSON"] == "PER"
    assert {LABEL_MAP[x] for x in ("GPE", "LOC", "FAC")} == {"LOC"}
    assert {LABEL_MAP[x] for x in ("NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")} == {"MISC"}
    assert "DATE" not in LABEL_MAP and "CARDINAL" not in LABEL_MAP


def test_scoring_is_span_exact() -> None:
    doc = hand_doc(["Kim", "Jong", "Un", "in", "Pyongyang", "on", "Friday"],
                   ents=["B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O", "B-DATE"])  # fmt: skip
    system = predicted(doc)
    assert system == {(0, 8, "PER"), (15, 24, "LOC")}
    score: Score = new_score()
    score.add(system, frozenset({(0, 11, "PER"), (15, 24, "LOC")}))
    assert (score.overall.tp, score.overall.system, score.overall.gold) == (1, 2, 2)
    assert score.by_type["LOC"].f1 == 1.0 and score.by_type["PER"].f1 == 0.0


@pytest.mark.model
def test_evaluate_on_a_small_file_reports_both_systems(tmp_path: Path) -> None:
    from newsgraph.eval.conll import evaluate

    path = tmp_path / "sample.conll"
    path.write_text(SAMPLE, encoding="utf-8")
    report = evaluate(path)
    assert report.name == "conll" and report.counts["documents"] == 2
    assert {"f1", "bare_f1", "delta_f1", "per_f1", "bare_org_f1"} <= set(report.metrics)
    assert {r["system"] for r in report.rows} == {"newsgraph", "bare"}
    assert report.metrics["f1"] >= report.metrics["bare_f1"]


@pytest.mark.eval
@pytest.mark.slow
def test_conll_dev_floors() -> None:
    from newsgraph.eval import conll

    path = shared_data() / conll.DEFAULT
    if not path.exists():
        pytest.skip("CoNLL-2003 dev data not present")
    report = conll.evaluate(path)
    assert check_floors(report) == []
