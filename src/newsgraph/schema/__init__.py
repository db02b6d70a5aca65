"""The JSON Schema of the extraction result, and semantic checks the schema cannot express."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["result_schema", "validate_result"]


@lru_cache(maxsize=1)
def result_schema() -> dict[str, Any]:
    text = resources.files("newsgraph.schema").joinpath("result.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _spans(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for i, e in enumerate(data["entities"]):
        out += [(f"entities[{i}].mentions[{j}]", m) for j, m in enumerate(e["mentions"])]
        out += [
            (f"entities[{i}].roles[{j}].evidence", r["evidence"])
            for j, r in enumerate(e["roles"])
            if r["evidence"]
        ]
    out += [(f"timexes[{i}]", t) for i, t in enumerate(data["timexes"])]
    out += [(f"quantities[{i}]", q) for i, q in enumerate(data["quantities"])]
    for i, c in enumerate(data["claims"]):
        out += [(f"claims[{i}].cue", c["cue"]), (f"claims[{i}].content", c["content"])]
        if c["source"]:
            out.append((f"claims[{i}].source", c["source"]))
    out += [(f"events[{i}].trigger", e["trigger"]) for i, e in enumerate(data["events"])]
    return out


def validate_result(data: dict[str, Any]) -> list[str]:
    """Problems with one result: schema violations, then spans whose text is not ``text[start:end]``,
    and references (entity ids, timex and claim indexes) that point nowhere. Empty when valid."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(result_schema())
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    if problems:
        return problems
    text = data["text"]
    for where, span in _spans(data):
        if (
            not (0 <= span["start"] <= span["end"] <= len(text))
            or text[span["start"] : span["end"]] != span["text"]
        ):
            problems.append(f"{where}: span {span['start']}:{span['end']} does not hold {span['text']!r}")
    ids = {e["id"] for e in data["entities"]}
    if len(ids) != len(data["entities"]):
        problems.append("entities: ids are not unique")
    refs = [
        (f"events[{i}].{k}", e[k]) for i, e in enumerate(data["events"]) for k in ("actor", "target", "place")
    ]
    refs += [(f"quantities[{i}].about", q["about"]) for i, q in enumerate(data["quantities"])]
    refs += [
        (f"claims[{i}].source.entity", c["source"]["entity"])
        for i, c in enumerate(data["claims"])
        if c["source"]
    ]
    problems += [
        f"{where}: unknown entity {ref!r}" for where, ref in refs if ref is not None and ref not in ids
    ]
    n_timex, n_claims = len(data["timexes"]), len(data["claims"])
    for i, e in enumerate(data["events"]):
        if e["time"] and e["time"]["timex"] is not None and not 0 <= e["time"]["timex"] < n_timex:
            problems.append(f"events[{i}].time.timex: no timex {e['time']['timex']}")
        if e["claim"] is not None and not 0 <= e["claim"] < n_claims:
            problems.append(f"events[{i}].claim: no claim {e['claim']}")
    for i, c in enumerate(data["claims"]):
        if c["parent"] is not None and not (0 <= c["parent"] < n_claims and c["parent"] != i):
            problems.append(f"claims[{i}].parent: bad index {c['parent']}")
    saliences = [e["salience"] for e in data["events"]]
    if saliences != sorted(saliences, reverse=True):
        problems.append("events: not listed most salient first")
    return problems
