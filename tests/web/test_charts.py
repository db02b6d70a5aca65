"""Chart geometry: points inside the plot, one colour per source, disagreements linked."""

from __future__ import annotations

from typing import Any

from newsgraph.web.charts import PALETTE, ledger_chart, radial_graph


def value(
    id_: str, v: float, source: str, published: str | None, bound: str = "exact", **kw: Any
) -> dict[str, Any]:
    return {"id": id_, "value": v, "high": kw.get("high"), "bound": bound, "source": source, "source_key": source,
            "outlet": None, "article_id": id_.split(":")[0], "published": published,
            "disagrees_with": kw.get("against", [])}  # fmt: skip


def test_ledger_chart_places_values_by_date_and_size() -> None:
    values = [
        value("a:0", 12, "ministry", "2025-04-12", against=["a:1"]),
        value("a:1", 40, "organisers", "2025-04-12", "lower", against=["a:0"]),
        value("b:0", 30, "police", "2025-04-20", "range", high=35),
        value("c:0", 20, "ministry", None),
    ]
    chart = ledger_chart(values)
    pts = {p["id"]: p for p in chart.points}
    for p in chart.points:
        assert chart.left <= p["x"] <= chart.width - chart.right
        assert chart.top <= p["y"] <= chart.height - chart.bottom
    assert pts["a:1"]["y"] < pts["a:0"]["y"]  # larger values sit higher
    assert pts["a:0"]["x"] < pts["b:0"]["x"] < pts["c:0"]["x"]  # by date, undated last
    assert pts["a:0"]["x"] != pts["a:1"]["x"]  # same day: spread apart
    assert pts["b:0"]["bar"][2] == "range" and pts["a:1"]["bar"][2] == "lower"
    assert [s["key"] for s in chart.sources] == ["ministry", "organisers", "police"]
    assert pts["a:0"]["colour"] == pts["c:0"]["colour"] == PALETTE[0]
    assert len(chart.links) == 1
    assert chart.xticks[-1]["label"] == "undated"
    assert chart.yticks[0]["label"] == "0"


def test_ledger_chart_single_value() -> None:
    chart = ledger_chart([value("a:0", 4000, "KCNA", "2025-06-05")])
    (p,) = chart.points
    assert chart.left < p["x"] < chart.width - chart.right and p["label"] == "4,000"


def test_radial_graph_puts_the_centre_in_the_middle() -> None:
    graph = {
        "center": 1,
        "nodes": [{"id": 1, "name": "Centre", "type": "PERSON", "weight": 0, "center": True}]
        + [{"id": i, "name": f"Neighbour number {i} with a long name", "type": "GPE", "weight": i, "center": False}
           for i in range(2, 8)],
        "edges": [{"source": 1, "target": i, "weight": i, "kinds": {"CONSULT": i}} for i in range(2, 8)]
        + [{"source": 2, "target": 3, "weight": 1, "kinds": {"PLACE": 1}}],
    }  # fmt: skip
    out = radial_graph(graph)
    centre = next(n for n in out["nodes"] if n["center"])
    assert (centre["x"], centre["y"]) == (out["width"] / 2, out["height"] / 2)
    for n in out["nodes"]:
        assert 0 <= n["x"] <= out["width"] and 0 <= n["y"] <= out["height"]
        assert len(n["label"]) <= 24
    assert len(out["edges"]) == 7
    assert not out["edges"][0]["center"] and out["edges"][-1]["center"]  # centre ties drawn on top
