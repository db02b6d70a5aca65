"""TIMEX3 spans, types and values on TimeML files, with the TempEval-3 (Task A) measures.

Each ``.tml`` file gives a document creation time (``<DCT><TIMEX3
functionInDocument="CREATION_TIME" value=...>``) and inline ``<TIMEX3>`` tags in
``<TEXT>``. We strip the tags from ``<TEXT>`` (keeping the offsets of every tag),
run the pipeline on the plain text with ``published`` = the DCT value, and compare
the system's timexes with the gold ones (the DCT itself is not one of them).

What we compute, summed over all documents (micro-averaged):

- **strict span** P/R/F1: a system timex matches a gold one when both offsets are
  equal (whitespace at the edges of a gold span is ignored);
- **relaxed span** P/R/F1: a match when the spans overlap. Matching is one-to-one:
  each gold timex pairs with the first unmatched system timex that overlaps it;
- **type accuracy** and **value accuracy**: the share of relaxed-matched pairs whose
  ``type`` (or ``value``) is equal, as TE3 reports attribute accuracy;
- **value F1** (the TE3 "value" score): P/R/F1 where a system timex counts only if it
  overlaps a gold timex AND has the same value (string equality), i.e.
  ``value_p = relaxed_p * value_accuracy`` and ``value_r = relaxed_r * value_accuracy``;
- **type F1** likewise.

The report's rows are the most frequent errors (missed, spurious, wrong value, wrong
type), each with the gold and system text and values and how often it happened, so
``newsgraph eval timeml --json`` shows what to work on next.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import EvalError
from newsgraph.eval.base import PRF, Report
from newsgraph.model import Timex

__all__ = [
    "DEFAULT",
    "DESCRIPTION",
    "GoldTimex",
    "TimemlDocument",
    "evaluate",
    "read_corpus",
    "read_document",
    "score",
]

DEFAULT = "tempeval3/TBAQ-cleaned"
DESCRIPTION = (
    "TIMEX3 spans, types and values (TempEval-3 measures) on TimeBank + AQUAINT, anchored on the DCT"
)
ERROR_ROWS = 30


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TimemlDocument:
    name: str
    dct: str
    text: str
    timexes: tuple[GoldTimex, ...]


def read_document(path: Path) -> TimemlDocument:
    """One TimeML file: its DCT value, the plain text of ``<TEXT>`` and the gold TIMEX3 in it."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalError(f"{path}: not well-formed TimeML ({exc})", code="NG502") from exc
    dct_el = root.find("DCT/TIMEX3")
    text_el = root.find("TEXT")
    if dct_el is None or text_el is None or not dct_el.get("value"):
        raise EvalError(f"{path}: no DCT value or no TEXT", code="NG502")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    length = 0

    def walk(el: ET.Element) -> None:
        nonlocal length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                raw = "".join(parts)[start:length]
                lead = len(raw) - len(raw.lstrip())
                trail = len(raw) - len(raw.rstrip())
                gold.append(
                    GoldTimex(
                        start + lead,
                        length - trail,
                        raw.strip(),
                        child.get("type", ""),
                        child.get("value", ""),
                        child.get("mod"),
                    )
                )
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(text_el)
    return TimemlDocument(path.stem, str(dct_el.get("value")), "".join(parts), tuple(gold))


def read_corpus(path: Path, *, limit: int | None = None) -> list[TimemlDocument]:
    """Every ``.tml`` file under ``path`` (or the one file), in name order."""
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    if not files:
        raise EvalError(f"no .tml files under {path}", code="NG501")
    return [read_document(f) for f in files[:limit]]


@dataclass
class _Tally:
    strict: PRF
    relaxed: PRF
    value: PRF
    type: PRF
    matched: int = 0
    value_ok: int = 0
    type_ok: int = 0


def _overlap(a: GoldTimex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def score(pairs: Iterable[tuple[TimemlDocument, Sequence[Timex]]], *, dataset: str = "") -> Report:
    """TE3 measures over documents and the system timexes found in them."""
    t = _Tally(PRF(), PRF(), PRF(), PRF())
    errors: Counter[tuple[str, str, str, str, str]] = Counter()
    examples: dict[tuple[str, str, str, str, str], str] = {}
    n_docs = 0
    for doc, system in pairs:
        n_docs += 1
        gold = doc.timexes
        sys_spans = {(s.start, s.end) for s in system}
        strict_tp = sum(1 for g in gold if (g.start, g.end) in sys_spans)
        t.strict.add(strict_tp, len(system), len(gold))
        used: set[int] = set()
        tp = value_tp = type_tp = 0
        for g in gold:
            j = next((j for j, s in enumerate(system) if j not in used and _overlap(g, s)), None)
            if j is None:
                key = ("missed", g.text.lower(), g.value, "", "")
                errors[key] += 1
                examples.setdefault(key, f"{doc.name} (DCT {doc.dct[:10]})")
                continue
            used.add(j)
            s = system[j]
            tp += 1
            if s.value == g.value:
                value_tp += 1
            else:
                key = ("value", g.text.lower(), g.value, s.text.lower(), s.value)
                errors[key] += 1
                examples.setdefault(key, f"{doc.name} (DCT {doc.dct[:10]})")
            if s.type == g.type:
                type_tp += 1
            else:
                key = ("type", g.text.lower(), g.type, s.text.lower(), s.type)
                errors[key] += 1
                examples.setdefault(key, f"{doc.name}")
        for j, s in enumerate(system):
            if j not in used:
                key = ("spurious", "", "", s.text.lower(), s.value)
                errors[key] += 1
                examples.setdefault(key, f"{doc.name} (DCT {doc.dct[:10]})")
        t.relaxed.add(tp, len(system), len(gold))
        t.value.add(value_tp, len(system), len(gold))
        t.type.add(type_tp, len(system), len(gold))
        t.matched += tp
        t.value_ok += value_tp
        t.type_ok += type_tp
    metrics = {
        **t.strict.as_dict("strict_span"),
        **t.relaxed.as_dict("relaxed_span"),
        "type_accuracy": t.type_ok / t.matched if t.matched else 0.0,
        "value_accuracy": t.value_ok / t.matched if t.matched else 0.0,
        **t.value.as_dict("value"),
        "type_f1": t.type.f1,
    }
    rows = [
        {
            "error": kind,
            "gold": gold_text,
            "gold_value": gold_value,
            "system": sys_text,
            "system_value": sys_value,
            "n": n,
            "example": examples[(kind, gold_text, gold_value, sys_text, sys_value)],
        }
        for (kind, gold_text, gold_value, sys_text, sys_value), n in errors.most_common(ERROR_ROWS)
    ]
    counts = {
        "documents": n_docs,
        "gold": int(t.relaxed.gold),
        "system": int(t.relaxed.system),
        "relaxed_matches": t.matched,
        "strict_matches": int(t.strict.tp),
        "value_matches": t.value_ok,
    }
    return Report("timeml", dataset, metrics, counts, rows)


def evaluate(path: Path, *, limit: int | None = None) -> Report:
    """Run the pipeline on TimeML files (published = DCT) and score its timexes."""
    from rich.progress import track

    from newsgraph.nlp import build_pipeline, make_doc
    from newsgraph.nlp.factories import PIPE_NAMES

    docs = read_corpus(path, limit=limit)
    nlp = build_pipeline()
    # only what ng_timex needs: the model and the timex component
    others = [name for name in PIPE_NAMES if name != "ng_timex"]
    started = time.perf_counter()
    results: list[tuple[TimemlDocument, Sequence[Timex]]] = []
    with nlp.select_pipes(disable=others):
        spacy_docs = nlp.pipe(make_doc(nlp, d.text, d.dct) for d in docs)
        for doc, parsed in track(
            zip(docs, spacy_docs, strict=True), total=len(docs), description="timeml", transient=True
        ):
            results.append((doc, list(parsed._.ng_timexes)))
    elapsed = time.perf_counter() - started
    report = score(results, dataset=str(path))
    report.notes.append(f"{len(docs)} documents in {elapsed:.1f}s; gold excludes the DCT")
    return report
