from __future__ import annotations

import pytest

from newsgraph.eval.base import check_floors, shared_data
from newsgraph.eval.ecbplus import DEFAULT, evaluate, read_split


def _data_present() -> bool:
    try:
        return (shared_data() / DEFAULT / "cybulska_setup").is_dir()
    except Exception:
        return False


@pytest.mark.skipif(not _data_present(), reason="shared ECB+ data not available")
def test_read_dev_split() -> None:
    sentences, gold = read_split(shared_data() / DEFAULT)
    assert len(sentences) == 196
    assert len(gold) == 1245
    first = sentences["2_11ecb"][0]
    assert first[2] == "Oscar" and first[3] == "organizers"


@pytest.mark.eval
@pytest.mark.slow
@pytest.mark.model
def test_ecbplus_floors() -> None:
    report = evaluate(shared_data() / DEFAULT)
    assert check_floors(report) == []
    assert report.metrics["event_conll_f1"] > report.metrics["event_singleton_conll_f1"]
