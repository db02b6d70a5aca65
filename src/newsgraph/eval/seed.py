"""``newsgraph eval seed``: recall of the hand-annotated seed articles, part by part.

Each ``NAME.gold.json`` in the folder annotates ``NAME.txt`` beside it (see its ``about``): the
publication date and boilerplate, timexes, entities, roles, claims, quantities and events. Matching
is the gold file's own lenient rule: two texts match when one contains the other, ignoring case, and
an entity matches by any of its names or aliases. What counts as found:

* timex: a timex whose text matches and whose value is equal;
* entity: an entity whose name or an alias matches the gold name or an alias, of the same type,
  with the gold ISO code when one is given; ``aliases`` counts the gold aliases that the matched
  entity has as a name, alias or mention;
* role: a role of the person's entity with a matching title, organisation (when given) and end
  (``until``, when given);
* claim: a claim whose cue, content and source match (and ``direct`` when the gold gives it);
  ``hedges`` counts gold hedges found on the matched claim;
* quantity: a quantity whose text matches, with the value (within 0.1 %), the unit (lenient) and
  the bound (when given);
* event: an event of the type (or one of ``type_any``), a trigger matching one of ``trigger_any``,
  the actor and target (either way round when ``symmetric``; a null gold target asks nothing), the
  date as the event time's value and the place when given.

Metrics are recalls per part (``<part>_r``) and over all gold items (``all_r``); rows list every
gold item with what was found.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsgraph.errors import EvalError
from newsgraph.eval.base import Report
from newsgraph.extract import extract_doc
from newsgraph.ingest import read_any
from newsgraph.model import Article, ArticleResult, Entity
from newsgraph.nlp import build_pipeline, make_doc

DEFAULT = "../seed"
DESCRIPTION = "Seed articles: recall of timexes, entities, roles, claims, quantities and events."

PARTS = ("article", "timexes", "entities", "aliases", "roles", "claims", "hedges", "quantities", "events")

__all__ = ["DEFAULT", "DESCRIPTION", "PARTS", "evaluate", "score_article"]


def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("“", '"').replace("”", '"').replace("’", "'").lower().split())


def match(a: str | None, b: str | None) -> bool:
    """The gold file's lenient rule: one text contains the other, ignoring case."""
    x, y = _norm(a), _norm(b)
    return bool(x and y) and (x in y or y in x)


def _any_match(xs: Iterable[str | None], ys: Iterable[str | None]) -> bool:
    ys = list(ys)
    return any(match(x, y) for x in xs for y in ys)


class _Gold:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.names: dict[str, list[str]] = {}
        for ent in data.get("entities", []):
            names = [ent["name"], *ent.get("aliases", [])]
            for n in names:
                self.names.setdefault(n, names)

    def names_of(self, name: str | None) -> list[str]:
        if name is None:
            return []
        return self.names.get(name, [name])


def _entity_names(ent: Entity) -> list[str]:
    return [ent.name, *ent.aliases]


def _find_entity(result: ArticleResult, names: list[str]) -> list[Entity]:
    return [e for e in result.entities if _any_match(_entity_names(e), names)]


def _entity_matches(result: ArticleResult, eid: str | None, names: list[str]) -> bool:
    if eid is None or not names:
        return False
    ent = next((e for e in result.entities if e.id == eid), None)
    if ent is None:
        return False
    return _any_match([*_entity_names(ent), *(m.text for m in ent.mentions)], names)


def score_article(result: ArticleResult, gold_data: dict[str, Any], text: str) -> dict[str, list[dict]]:
    """Gold items of one article, part by part, each with ``found`` and a short description."""
    gold = _Gold(gold_data)
    out: dict[str, list[dict]] = {p: [] for p in PARTS}

    boiler = gold_data.get("boilerplate_removed", [])
    ok = result.published == gold_data.get("published") and not any(
        b.lower() in result.text[: len(b) + 40].lower() for b in boiler
    )
    out["article"].append(
        {"item": f"published {gold_data.get('published')}, boilerplate removed", "found": ok}
    )

    for g in gold_data.get("timexes", []):
        found = any(match(t.text, g["text"]) and t.value == g["value"] for t in result.timexes)
        out["timexes"].append({"item": f"{g['text']} = {g['value']}", "found": found})

    for g in gold_data.get("entities", []):
        names = [g["name"], *g.get("aliases", [])]
        cands = [e for e in _find_entity(result, names) if e.type == g["type"]]
        if g.get("iso"):
            cands = [e for e in cands if (e.kb or {}).get("iso") == g["iso"]]
        out["entities"].append({"item": f"{g['name']} ({g['type']})", "found": bool(cands)})
        best = cands[0] if cands else None
        for alias in g.get("aliases", []):
            have = best is not None and _any_match(
                [*_entity_names(best), *(m.text for m in best.mentions)], [alias]
            )
            out["aliases"].append({"item": f"{g['name']} ~ {alias}", "found": have})

    for g in gold_data.get("roles", []):
        people = _find_entity(result, gold.names_of(g["person"]))
        found = False
        for person in people:
            for role in person.roles:
                if not match(role.title, g["title"]):
                    continue
                if g.get("org") and not _entity_matches(result, role.org, gold.names_of(g["org"])):
                    continue
                if g.get("until") and role.until != g["until"]:
                    continue
                found = True
        desc = f"{g['person']}: {g['title']}" + (f" of {g['org']}" if g.get("org") else "")
        out["roles"].append({"item": desc, "found": found})

    for g in gold_data.get("claims", []):
        found_claim = None
        for c in result.claims:
            if not (match(c.cue.text, g["cue"]) and match(c.content.text, g["content"])):
                continue
            if "direct" in g and c.direct != g["direct"]:
                continue
            src_names = gold.names_of(g.get("source"))
            if g.get("source"):
                if c.source is None:
                    continue
                if not (
                    _any_match([c.source.text], src_names)
                    or _entity_matches(result, c.source.entity, src_names)
                ):
                    continue
            found_claim = c
            break
        out["claims"].append(
            {"item": f"{g.get('source')} {g['cue']}: {g['content'][:50]}", "found": found_claim is not None}
        )
        for hedge in g.get("hedges", []):
            have = found_claim is not None and _any_match(found_claim.hedges, [hedge])
            out["hedges"].append({"item": f"{g['cue']} ~ {hedge}", "found": have})

    for g in gold_data.get("quantities", []):
        found = False
        for q in result.quantities:
            if not match(q.text, g["text"]):
                continue
            if abs(q.value - g["value"]) > max(1e-3, 1e-3 * abs(g["value"])):
                continue
            if g.get("unit") and not match(q.unit, g["unit"]):
                continue
            if g.get("bound") and q.bound != g["bound"]:
                continue
            found = True
        out["quantities"].append({"item": f"{g['text']} {g.get('unit')}", "found": found})

    for g in gold_data.get("events", []):
        found = any(_event_matches(result, gold, e, g) for e in result.events)
        desc = f"{g['type']} {g.get('actor')} -> {g.get('target')} {g.get('date')}"
        out["events"].append({"item": desc, "found": found})
    return out


def _event_matches(result: ArticleResult, gold: _Gold, e: Any, g: dict[str, Any]) -> bool:
    types = g.get("type_any") or [g["type"]]
    if e.type not in types:
        return False
    if not _any_match([e.trigger.text], g.get("trigger_any", [])):
        return False
    actor, target = gold.names_of(g.get("actor")), gold.names_of(g.get("target"))

    def roles_ok(a: str | None, t: str | None) -> bool:
        if actor and not _entity_matches(result, a, actor):
            return False
        return not (target and not _entity_matches(result, t, target))

    if not (roles_ok(e.actor, e.target) or (g.get("symmetric") and roles_ok(e.target, e.actor))):
        return False
    if g.get("date") and (e.time is None or e.time.value != g["date"]):
        return False
    return not (g.get("place") and not _entity_matches(result, e.place, gold.names_of(g["place"])))


def evaluate(path: Path, *, limit: int | None = None) -> Report:
    folder = path if path.is_dir() else path.parent
    golds = sorted(folder.glob("*.gold.json")) if path.is_dir() else [path]
    if limit is not None:
        golds = golds[:limit]
    if not golds:
        raise EvalError(f"no *.gold.json files in {folder}", code="NG502")
    nlp = build_pipeline()
    totals: dict[str, list[int]] = {p: [0, 0] for p in PARTS}
    rows: list[dict[str, Any]] = []
    for gold_path in golds:
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        if not text_path.is_file():
            raise EvalError(f"{gold_path.name}: no article {text_path.name} beside it", code="NG502")
        try:
            gold_data = json.loads(gold_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise EvalError(f"{gold_path.name}: {exc}", code="NG502") from exc
        article = next(iter(read_any([text_path])))
        if not isinstance(article, Article):
            raise EvalError(f"{text_path.name}: cannot be read: {article}", code="NG502")
        doc = nlp(make_doc(nlp, article.text, article.published))
        result = extract_doc(doc, article)
        for part, items in score_article(result, gold_data, article.text).items():
            for item in items:
                totals[part][0] += int(item["found"])
                totals[part][1] += 1
                rows.append({"article": text_path.stem[:12], "part": part, **item})
    metrics = {f"{p}_r": (f / n if n else 0.0) for p, (f, n) in totals.items() if n}
    found = sum(f for f, _ in totals.values())
    total = sum(n for _, n in totals.values())
    metrics["all_r"] = found / total if total else 0.0
    counts = {"articles": len(golds), **{p: n for p, (_, n) in totals.items() if n}}
    for row in rows:
        row["found"] = "yes" if row["found"] else "NO"
    return Report("seed", str(folder), metrics, counts, rows)
