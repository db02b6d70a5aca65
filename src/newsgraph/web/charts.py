"""Geometry for the pages' inline SVG: the entity neighbourhood and the figure ledger chart.

Pure functions from data to coordinates; the templates draw them (and escape
every label), so the pages need no script and no library to show a chart.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PALETTE", "LedgerChart", "ledger_chart", "radial_graph"]

PALETTE = ("#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#b45309")


def _short(label: str, width: int = 16) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def radial_graph(graph: dict[str, Any], *, size: int = 400, margin: int = 85) -> dict[str, Any]:
    """The centre in the middle, its neighbours on a circle (heaviest ties first, clockwise from the top).

    The drawing is ``size + 2 * margin`` wide so that labels beside the circle fit.
    """
    width = size + 2 * margin
    cx, cy = width / 2, size / 2
    radius = size / 2 - 60
    nodes = graph["nodes"]
    others = [n for n in nodes if not n["center"]]
    pos: dict[int, tuple[float, float]] = {}
    out_nodes = []
    top = max((n["weight"] for n in others), default=1) or 1
    for n in nodes:
        if n["center"]:
            pos[n["id"]] = (cx, cy)
            out_nodes.append({**n, "x": cx, "y": cy, "r": 16, "label": _short(n["name"], 24), "anchor": "middle",
                              "lx": cx, "ly": cy + 32})  # fmt: skip
    for i, n in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(others))
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        pos[n["id"]] = (x, y)
        r = 6 + 6 * (n["weight"] / top)
        # labels outside the circle, on the side the node sits
        lx = x + (r + 5) * math.cos(angle)
        ly = y + (r + 5) * math.sin(angle) + 4
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        if anchor == "middle":
            ly += 8 if math.sin(angle) > 0 else -4
        out_nodes.append(
            {**n, "x": x, "y": y, "r": r, "label": _short(n["name"]), "anchor": anchor, "lx": lx, "ly": ly}
        )
    heaviest = max((e["weight"] for e in graph["edges"]), default=1) or 1
    edges = []
    for e in graph["edges"]:
        if e["source"] in pos and e["target"] in pos:
            (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
            kinds = ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in e["kinds"].items())
            edges.append({**e, "x1": x1, "y1": y1, "x2": x2, "y2": y2, "width": 1 + 3 * e["weight"] / heaviest,
                          "title": kinds, "center": graph["center"] in (e["source"], e["target"])})  # fmt: skip
    # edges through the centre last, so they draw on top of the others
    edges.sort(key=lambda e: e["center"])
    return {"width": width, "height": size, "nodes": out_nodes, "edges": edges}


@dataclass
class LedgerChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list[dict[str, Any]] = field(default_factory=list)
    yticks: list[dict[str, Any]] = field(default_factory=list)
    xticks: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _fmt(value: float) -> str:
    if abs(value) >= 1e9:
        return f"{value / 1e9:.3g}B"
    if abs(value) >= 1e6:
        return f"{value / 1e6:.3g}M"
    if abs(value) >= 1e4:
        return f"{value / 1e3:.3g}k"
    return f"{value:,.6g}"


def _day(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def ledger_chart(values: list[dict[str, Any]], *, width: int = 760, height: int = 300) -> LedgerChart:
    """Values by report date (x) and size (y), one colour per source; ranges and bounds drawn as bars.

    Values of unknown date sit at the right edge under "undated".
    """
    chart = LedgerChart(width, height, left=64, right=24, top=18, bottom=42)
    plot_w = width - chart.left - chart.right
    plot_h = height - chart.top - chart.bottom
    tops = [max(v["value"], v["high"] or v["value"]) for v in values] or [1.0]
    ymax = _nice_max(max(tops) * 1.1)

    def y_of(value: float) -> float:
        value = min(max(value, 0.0), ymax)
        return chart.top + plot_h * (1 - value / ymax)

    days = sorted({d for v in values if (d := _day(v["published"])) is not None})
    undated = any(_day(v["published"]) is None for v in values)
    span = (days[-1] - days[0]).days if len(days) > 1 else 0

    def x_of(day: dt.date | None) -> float:
        if day is None:
            return chart.left + plot_w - 10
        usable = plot_w - (60 if undated else 0) - 40
        if span == 0:
            return chart.left + 20 + usable / 2
        return chart.left + 20 + usable * (day - days[0]).days / span

    colours: dict[str, str] = {}
    for v in values:
        if v["source_key"] not in colours:
            colours[v["source_key"]] = PALETTE[len(colours) % len(PALETTE)]
            chart.sources.append({"key": v["source_key"], "label": v["source"] or v["outlet"] or v["article_id"],
                                  "colour": colours[v["source_key"]]})  # fmt: skip
    # values reported the same day by several sources: spread them sideways a little
    per_day: dict[Any, int] = {}
    where: dict[str, tuple[float, float]] = {}
    for v in values:
        day = _day(v["published"])
        k = per_day.get(day, 0)
        per_day[day] = k + 1
        x = x_of(day) + 14 * ((k + 1) // 2) * (1 if k % 2 else -1)  # 0, +14, -14, +28, ...
        y = y_of(v["value"])
        bar = None
        if v["bound"] == "range" and v["high"] is not None:
            bar = (y_of(v["high"]), y, "range")
        elif v["bound"] == "lower":
            bar = (y_of(v["value"] * 1.25), y, "lower")  # an arrow upwards: "at least"
        elif v["bound"] == "upper":
            bar = (y, y_of(v["value"] * 0.75), "upper")  # an arrow downwards: "at most"
        where[v["id"]] = (x, y)
        chart.points.append({**v, "x": x, "y": y, "colour": colours[v["source_key"]], "bar": bar,
                             "label": _fmt(v["value"]) + (f"–{_fmt(v['high'])}" if bar and bar[2] == "range" else "")})  # fmt: skip
    for v in values:
        for other in v.get("disagrees_with", []):
            if v["id"] < other and other in where:
                (x1, y1), (x2, y2) = where[v["id"]], where[other]
                chart.links.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2})
    for i in range(5):
        value = ymax * i / 4
        chart.yticks.append({"y": y_of(value), "label": _fmt(value)})
    shown = days if len(days) <= 6 else [days[round(i * (len(days) - 1) / 5)] for i in range(6)]
    for day in shown:
        chart.xticks.append({"x": x_of(day), "label": day.isoformat()})
    if undated:
        chart.xticks.append({"x": x_of(None), "label": "undated"})
    return chart
