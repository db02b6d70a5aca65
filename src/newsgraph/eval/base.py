"""What every scorer shares: the report, the floors, the data location and P/R/F."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.errors import EvalError

__all__ = ["PRF", "Report", "check_floors", "floors", "shared_data"]


def shared_data() -> Path:
    """The shared evaluation data: ``$NEWSGRAPH_SHARED_DATA``, else ``../shared/data`` beside the checkout."""
    env = os.environ.get("NEWSGRAPH_SHARED_DATA")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [here.parents[3].parent / "shared" / "data", Path.cwd().parent / "shared" / "data"]
    for c in candidates:
        if c.is_dir():
            return c
    raise EvalError(
        "shared evaluation data not found: set NEWSGRAPH_SHARED_DATA or put shared/ beside the checkout",
        code="NG501",
    )


@dataclass
class PRF:
    """Counts of true positives, system items and gold items, and the scores they give."""

    tp: float = 0.0
    system: float = 0.0
    gold: float = 0.0

    def add(self, tp: float, system: float, gold: float) -> None:
        self.tp += tp
        self.system += system
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.tp / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self, prefix: str) -> dict[str, float]:
        return {f"{prefix}_p": self.precision, f"{prefix}_r": self.recall, f"{prefix}_f1": self.f1}


@dataclass
class Report:
    """The outcome of one evaluation: headline metrics, counts, and optional breakdown rows."""

    name: str
    dataset: str
    metrics: dict[str, float]
    counts: dict[str, int] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "dataset": self.dataset,
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
            "counts": self.counts,
            "rows": self.rows,
            "notes": self.notes,
            "floors": floors().get(self.name, {}),
        }


def floors() -> dict[str, dict[str, float]]:
    """The pinned floors (``floors.toml``): metric values a change may not fall below."""
    text = resources.files("newsgraph.eval").joinpath("floors.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def check_floors(report: Report) -> list[str]:
    """Metrics of ``report`` that fall below their pinned floor, as readable lines."""
    failures = []
    for metric, floor in floors().get(report.name, {}).items():
        value = report.metrics.get(metric)
        if value is None:
            failures.append(f"{report.name}.{metric}: not reported (floor {floor})")
        elif value + 1e-9 < floor:
            failures.append(f"{report.name}.{metric} = {value:.4f} < floor {floor}")
    return failures
