"""Contract results as Arrow tables: every item a row, and back to what the Store needs."""

from __future__ import annotations

import json

import numpy as np

from newsgraph.batch.tables import TABLE_NAMES, item_from_row, results_to_tables, schema
from newsgraph.model import ArticleResult, result_from_dict
from tests.store.builders import item, meeting


def test_one_row_per_item_with_the_contract_fields() -> None:
    a = meeting("a1", "2024-06-19")
    b = meeting("b2", "2024-06-20", place="Moscow")
    tables = results_to_tables([a, b], first_position=10, origins=["in.jsonl:1", "in.jsonl:2"])
    assert set(tables) == set(TABLE_NAMES)
    arts = tables["articles"].to_pylist()
    assert [(r["position"], r["id"], r["origin"]) for r in arts] == [
        (10, "a1", "in.jsonl:1"),
        (11, "b2", "in.jsonl:2"),
    ]
    assert tables["entities"].num_rows == 8 and tables["mentions"].num_rows == 12
    assert tables["events"].num_rows == 4 and tables["claims"].num_rows == 4
    ev = tables["events"].to_pylist()[0]
    assert (ev["article_id"], ev["idx"], ev["type"], ev["trigger_text"], ev["actor"], ev["time_value"]) == (
        "a1", 0, "CONSULT", "met", "e1", "2024-06-19"
    )  # fmt: skip
    claim = tables["claims"].to_pylist()[0]
    assert (
        claim["source_text"] == "Shoigu" and claim["source_entity"] == "e2" and claim["hedges"] == ["would"]
    )
    russia = next(e for e in tables["entities"].to_pylist() if e["name"] == "Russia")
    assert json.loads(russia["kb"]) == {"iso": "RU"} and russia["aliases"] == []
    q = tables["quantities"].to_pylist()[0]
    assert (q["value"], q["unit"], q["about"], q["bound"]) == (1000.0, "engineers", "e4", "exact")


def test_the_schema_does_not_depend_on_the_values() -> None:
    empty = results_to_tables([])
    bare = results_to_tables([ArticleResult(id="x", text="Nothing here.")])
    full = results_to_tables([meeting("a1", "2024-06-19")])
    for name in TABLE_NAMES:
        assert empty[name].schema == bare[name].schema == full[name].schema == schema(name)


def test_articles_row_gives_back_the_store_item() -> None:
    a = meeting("a1", "2024-06-19")
    row = results_to_tables([a], origins=["f.txt"])["articles"].to_pylist()[0]
    got = item_from_row(row)
    want = item(a, origin="f.txt")
    assert got.result == a == result_from_dict(json.loads(row["result"]))
    assert got.content_hash == want.content_hash and got.origin == "f.txt"
    assert np.array_equal(got.signature, want.signature)
