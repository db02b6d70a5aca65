"""The demo on examples/: one event several articles report is one node, and two sources disagree on a figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.pipeline import ingest
from newsgraph.store.sqlite import SQLiteStore
from tests.conftest import EXAMPLES


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples/ not in this checkout")
def test_examples_merge_the_treaty_and_flag_a_disagreement(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "ex.db")
    ingest([str(EXAMPLES)], store, workers=1)
    signing = store.sql_rows(
        "SELECT id, articles, sources, date_value FROM event_groups WHERE type = 'SUPPORT'"
        " AND date_sort = '2024-06-19' ORDER BY articles DESC LIMIT 1"
    )
    assert signing and signing[0]["articles"] >= 3 and signing[0]["sources"] >= 3
    node = store.graph_event(int(signing[0]["id"]))
    assert node is not None and len({r["article_id"] for r in node["reports_detail"]}) >= 3
    ledger = store.ledger(limit=20)
    disputed = [g for g in ledger["figures"] if g["conflicts"] and g["sources"] >= 2]
    assert disputed
    entries = disputed[0]["entries_detail"]
    flagged = {e["source_key"] for e in entries if e["disagrees"]}
    assert len(flagged) >= 2
