from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval.base import check_floors, shared_data
from newsgraph.eval.coref_docs import GoldMention, SysMention, align, detokenize, scores
from newsgraph.eval.meantime import DEFAULT, evaluate, read_doc


def _data() -> Path | None:
    try:
        path = shared_data() / DEFAULT
    except Exception:
        return None
    return path if path.is_dir() else None


DATA = _data()


def test_detokenize_keeps_token_offsets() -> None:
    text, offsets = detokenize(
        [["Apple", "releases", "iPhone", "SDK", ",", "today", "."], ["It", "'s", "out"]]
    )
    assert text == "Apple releases iPhone SDK, today.\nIt's out"
    assert [text[s:e] for s, e in offsets[0]] == ["Apple", "releases", "iPhone", "SDK", ",", "today", "."]
    assert [text[s:e] for s, e in offsets[1]] == ["It", "'s", "out"]


def test_align_needs_the_head_inside_the_system_span() -> None:
    gold = [GoldMention("d", 0, 20, (15, 20), "jobs"), GoldMention("d", 25, 45, (37, 45), "hq")]
    system = [SysMention("d", 10, 20, 1), SysMention("d", 29, 36, 2)]  # "Steve Jobs" / "Cupertino"
    pairs = align(gold, system)
    assert [(g.cluster, s.cluster) for g, s in pairs] == [("jobs", 1)]
    assert scores(pairs, "x")["x_b3_f1"] == 1.0


@pytest.mark.skipif(DATA is None, reason="shared MEANTIME data not available")
def test_read_doc_on_meantime() -> None:
    assert DATA is not None
    path = next(DATA.glob("corpus_apple/*iPhone_SDK*.xml"))
    article, ents, evs = read_doc(path)
    assert article.published == "2008-03-06"
    assert article.text.startswith("Apple releases iPhone SDK, announces upcoming update")
    jobs = [g for g in ents if article.text[g.start : g.end] == "Steve Jobs"]
    assert jobs and all(g.cluster == "PER19274271332322852" for g in jobs)
    assert evs and all(article.text[g.head[0] : g.head[1]].strip() for g in evs)


@pytest.mark.eval
@pytest.mark.slow
@pytest.mark.model
def test_meantime_floors() -> None:
    report = evaluate(shared_data() / DEFAULT)
    assert check_floors(report) == []
    assert report.metrics["entity_conll_f1"] > report.metrics["entity_baseline_conll_f1"]
