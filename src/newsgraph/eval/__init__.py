"""Scorers for the public corpora in ``../shared/data``.

Each scorer module exposes ``DEFAULT`` (its data path under the shared data
folder), ``DESCRIPTION`` and ``evaluate(path, *, limit=None) -> Report``. The
registry below maps the ``newsgraph eval NAME`` command names to modules.
"""

from __future__ import annotations

EVALUATORS: dict[str, str] = {
    "timeml": "newsgraph.eval.timeml",
    "timeml-meantime": "newsgraph.eval.timeml_meantime",
    "event-time": "newsgraph.eval.event_time",
    "polnear": "newsgraph.eval.polnear",
    "quantities": "newsgraph.eval.quantities",
    "conll": "newsgraph.eval.conll",
    "case": "newsgraph.eval.case",
    "meantime": "newsgraph.eval.meantime",
    "ecbplus": "newsgraph.eval.ecbplus",
    "seed": "newsgraph.eval.seed",
}
