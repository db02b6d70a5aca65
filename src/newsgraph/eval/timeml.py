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

import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import EvalError
from newsgraph.eval.base import PRF, Report
from newsgraph.eval.coref_docs import detokenize
from newsgraph.model import Timex

__all__ = [
    "DEFAULT",
    "DESCRIPTION",
    "GoldEvent",
    "GoldTimex",
    "TimemlDocument",
    "evaluate",
    "read_cat_corpus",
    "read_cat_document",
    "read_corpus",
    "read_document",
    "run",
    "score",
]

DEFAULT = "tempeval3/TBAQ-cleaned"
DESCRIPTION = (
    "TIMEX3 spans, types and values (TempEval-3 measures) on TimeBank + AQUAINT, anchored on the DCT"
)
ERROR_ROWS = 30
_DATE = re.compile(r"^\d{4}-\d\d-\d\d")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class GoldEvent:
    """An event word and the calendar values of the times a TLINK puts it in (IS_INCLUDED or
    SIMULTANEOUS; the DCT as its date)."""

    start: int
    end: int
    text: str
    anchors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimemlDocument:
    name: str
    dct: str
    text: str
    timexes: tuple[GoldTimex, ...]
    # spans of the text that are not scored: a system timex there is neither found nor spurious
    # (the creation date printed in a MEANTIME text, which is the DCT, not one of its timexes)
    unscored: tuple[tuple[int, int], ...] = ()
    events: tuple[GoldEvent, ...] = ()  # events with a time they are placed in


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
    tagged: list[tuple[ET.Element, int, int]] = []  # TIMEX3 and EVENT elements, with their offsets
    length = 0

    def walk(el: ET.Element) -> None:
        nonlocal length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            start = length
            walk(child)
            if child.tag in ("TIMEX3", "EVENT"):
                tagged.append((child, start, length))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(text_el)
    text = "".join(parts)
    dct = str(dct_el.get("value"))
    gold: list[GoldTimex] = []
    events: dict[str, tuple[int, int, str]] = {}
    values = {str(dct_el.get("tid", "t0")): dct[:10]}
    for el, start, end in tagged:
        raw = text[start:end]
        start, end = start + len(raw) - len(raw.lstrip()), end - len(raw) + len(raw.rstrip())
        if el.tag == "EVENT":
            events[el.get("eid", "")] = (start, end, raw.strip())
            continue
        gold.append(
            GoldTimex(start, end, raw.strip(), el.get("type", ""), el.get("value", ""), el.get("mod"))
        )
        if el.get("type") in ("DATE", "TIME") and el.get("value", "")[:1].isdigit():
            values[el.get("tid", "")] = el.get("value", "")
    instance = {m.get("eiid", ""): m.get("eventID", "") for m in root.iter("MAKEINSTANCE")}
    anchors: dict[str, set[str]] = {}
    for link in root.iter("TLINK"):
        rel = link.get("relType")
        if (
            link.get("eventInstanceID")
            and link.get("relatedToTime")
            and rel in ("IS_INCLUDED", "SIMULTANEOUS")
        ):
            eiid, tid = link.get("eventInstanceID", ""), link.get("relatedToTime", "")
        elif (
            link.get("timeID") and link.get("relatedToEventInstance") and rel in ("INCLUDES", "SIMULTANEOUS")
        ):
            eiid, tid = link.get("relatedToEventInstance", ""), link.get("timeID", "")
        else:
            continue
        if tid in values and instance.get(eiid) in events:
            anchors.setdefault(instance[eiid], set()).add(values[tid])
    anchored = tuple(GoldEvent(*events[eid], tuple(sorted(vals))) for eid, vals in anchors.items())
    return TimemlDocument(path.stem, dct, text, tuple(gold), events=tuple(sorted(anchored)))


def read_corpus(path: Path, *, limit: int | None = None) -> list[TimemlDocument]:
    """Every ``.tml`` file under ``path`` (or the one file), in name order."""
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    if not files:
        raise EvalError(f"no .tml files under {path}", code="NG501")
    return [read_document(f) for f in files[:limit]]


def read_cat_document(path: Path) -> TimemlDocument | None:
    """One MEANTIME (CAT XML) document as TimeML: its text up to the last annotated sentence, its
    DCT, and its TIMEX3 markables; None when it has no usable creation date.

    MEANTIME annotates the title and the first sentences only, so the text stops where the
    annotation does; the creation date printed under the title is the DCT and is not scored.
    """
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalError(f"{path}: not well-formed CAT XML ({exc})", code="NG502") from exc
    markables = root.find("Markables")
    if markables is None:
        raise EvalError(f"{path}: no Markables", code="NG502")
    tokens = [(t.get("t_id") or "", int(t.get("sentence") or 0), t.text or "") for t in root.iter("token")]
    sentence_of = {tid: sent for tid, sent, _ in tokens}
    last = max((sentence_of.get(a.get("t_id") or "", -1) for a in markables.iter("token_anchor")), default=-1)
    sentences: dict[int, list[tuple[str, str]]] = {}
    for tid, sent, word in tokens:
        if sent <= last:
            sentences.setdefault(sent, []).append((tid, word))
    ordered = [sentences[k] for k in sorted(sentences)]
    text, offsets = detokenize([[w for _, w in s] for s in ordered])
    where = {tid: offsets[i][j] for i, s in enumerate(ordered) for j, (tid, _) in enumerate(s)}
    dct = ""
    gold: list[GoldTimex] = []
    unscored: list[tuple[int, int]] = []
    for tx in markables.iter("TIMEX3"):
        spans = [where[a.get("t_id") or ""] for a in tx.iter("token_anchor") if a.get("t_id") in where]
        span = (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = tx.get("value") or ""
            if span:
                unscored.append(span)
        elif span:
            gold.append(
                GoldTimex(
                    span[0], span[1], text[span[0] : span[1]], tx.get("type") or "", tx.get("value") or ""
                )
            )
    if not _DATE.match(dct):
        return None
    return TimemlDocument(path.stem, dct, text, tuple(sorted(gold, key=lambda g: g.start)), tuple(unscored))


def read_cat_corpus(path: Path, *, limit: int | None = None) -> tuple[list[TimemlDocument], list[str]]:
    """The MEANTIME documents under ``path`` (intra-document layer), and the names of those skipped."""
    base = path / "intra-doc_annotation" if (path / "intra-doc_annotation").is_dir() else path
    files = sorted(base.rglob("*.xml"))
    if not files:
        raise EvalError(f"no CAT XML files under {path}", code="NG501")
    docs: list[TimemlDocument] = []
    skipped: list[str] = []
    for f in files[:limit]:
        doc = read_cat_document(f)
        if doc is None:
            skipped.append(f.stem)
        else:
            docs.append(doc)
    return docs, skipped


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


def score(
    pairs: Iterable[tuple[TimemlDocument, Sequence[Timex]]], *, dataset: str = "", name: str = "timeml"
) -> Report:
    """TE3 measures over documents and the system timexes found in them."""
    t = _Tally(PRF(), PRF(), PRF(), PRF())
    errors: Counter[tuple[str, str, str, str, str]] = Counter()
    examples: dict[tuple[str, str, str, str, str], str] = {}
    n_docs = 0
    for doc, system in pairs:
        n_docs += 1
        gold = doc.timexes
        if doc.unscored:
            system = [s for s in system if not any(a < s.end and s.start < b for a, b in doc.unscored)]
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
    return Report(name, dataset, metrics, counts, rows)


def evaluate(path: Path, *, limit: int | None = None) -> Report:
    """Run the pipeline on TimeML files (published = DCT) and score its timexes."""
    report = run(read_corpus(path, limit=limit), dataset=str(path))
    report.notes.append("gold excludes the DCT")
    return report


def run(docs: Sequence[TimemlDocument], *, dataset: str, name: str = "timeml") -> Report:
    """Tag the documents' timexes (published = DCT) and score them."""
    from rich.progress import track

    from newsgraph.nlp import build_pipeline, make_doc
    from newsgraph.nlp.factories import PIPE_NAMES

    nlp = build_pipeline()
    # only what ng_timex needs: the model and the timex component
    others = [name for name in PIPE_NAMES if name != "ng_timex"]
    started = time.perf_counter()
    results: list[tuple[TimemlDocument, Sequence[Timex]]] = []
    with nlp.select_pipes(disable=others):
        spacy_docs = nlp.pipe(make_doc(nlp, d.text, d.dct) for d in docs)
        for doc, parsed in track(
            zip(docs, spacy_docs, strict=True), total=len(docs), description=name, transient=True
        ):
            results.append((doc, list(parsed._.ng_timexes)))
    elapsed = time.perf_counter() - started
    report = score(results, dataset=dataset, name=name)
    report.notes.append(f"{len(docs)} documents in {elapsed:.1f}s")
    return report
