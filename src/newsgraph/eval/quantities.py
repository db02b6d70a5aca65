"""Figures against MEANTIME's numeric ``VALUE`` markables (MONEY, QUANTITY, PERCENT).

MEANTIME (NewsReader, English Wikinews) marks numeric expressions as token
spans with a type but no normalised value. The text is rebuilt from the tokens
(spaces where the source had them are unknown: tokens are joined with the usual
detokenising rules), run through the pipeline, and scored:

- span P/R/F1: one-to-one matching of our quantities to gold spans that overlap
  (``span_*``), and of exactly equal spans (``exact_*``); derived figures are not
  scored (they repeat a span);
- type accuracy: on matched pairs, money <-> a currency unit, percent <-> "percent";
- value accuracy: on matched pairs whose gold text a small, separate reference
  reader can value (digits with separators and decimals, "million"/"billion"/
  "thousand", number words up to ninety-nine), our value equals it (within 0.5%).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from newsgraph.errors import EvalError
from newsgraph.eval.base import PRF, Report

__all__ = ["DEFAULT", "DESCRIPTION", "GoldValue", "evaluate", "load_corpus", "reference_value"]

DEFAULT = "meantime_en"
DESCRIPTION = "figures (span F1, value and type accuracy) against MEANTIME's numeric VALUE markables"

_NO_SPACE_BEFORE = frozenset(
    {",", ".", "%", ")", ":", ";", "?", "!", "'s", "n't", "'", "''", "'re", "'ve", "'ll", "'d"}
)
_NO_SPACE_AFTER = frozenset({"$", "(", "``", "US$", "€", "£"})
_CURRENCY_UNITS = frozenset(
    {"USD", "EUR", "GBP", "JPY", "CNY", "RUB", "UAH", "INR", "KRW", "CHF", "CAD", "AUD", "TRY", "ILS", "SAR",
     "AED", "ZAR", "MXN", "BRL", "PLN", "SEK", "NOK"}
)  # fmt: skip


@dataclass(frozen=True)
class GoldValue:
    start: int
    end: int
    text: str
    type: str  # MONEY, QUANTITY, PERCENT


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    published: str | None
    values: tuple[GoldValue, ...]


def _detokenize(tokens: list[tuple[str, str, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Text from (t_id, sentence, word) tokens, and each token's character span."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    prev_sent = None
    prev_word = ""
    for tid, sent, word in tokens:
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n"
        elif word in _NO_SPACE_BEFORE or prev_word in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        offsets[tid] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sent, prev_word = sent, word
    return "".join(parts), offsets


def _dct(root: ET.Element) -> str | None:
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            value = tx.get("value") or ""
            if re.match(r"^\d{4}-\d{2}-\d{2}", value):
                return value[:10]
    return None


def load_corpus(path: Path, *, limit: int | None = None) -> list[GoldDoc]:
    """MEANTIME documents of the intra-document layer under ``path`` with their VALUE markables."""
    base = path / "intra-doc_annotation" if (path / "intra-doc_annotation").is_dir() else path
    files = sorted(base.rglob("*.xml"))
    if not files:
        raise EvalError(f"no MEANTIME XML files under {path}", code="NG501")
    docs = []
    for f in files:
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError as exc:
            raise EvalError(f"malformed MEANTIME file {f}: {exc}", code="NG502") from exc
        tokens = [(t.get("t_id") or "", t.get("sentence") or "", t.text or "") for t in root.iter("token")]
        text, offsets = _detokenize(tokens)
        values = []
        for v in root.iter("VALUE"):
            ids = [a.get("t_id") or "" for a in v.iter("token_anchor")]
            spans = [offsets[i] for i in ids if i in offsets]
            if not spans:
                continue
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            values.append(GoldValue(start, end, text[start:end], v.get("type") or ""))
        docs.append(GoldDoc(f.stem, text, _dct(root), tuple(values)))
        if limit is not None and len(docs) >= limit:
            break
    return docs


_REF_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_REF_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_REF_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def reference_value(text: str) -> float | None:
    """The value of a gold span for scoring, read independently of ``normalize.quantities``.

    Only unambiguous forms are read: one figure in digits (or number words below
    a hundred), optionally followed by a scale word; anything else gives None.
    """
    low = text.lower().replace("-", " ")
    digits = _REF_DIGITS.findall(low)
    scale = next((v for k, v in _REF_SCALE.items() if re.search(rf"\b{k}\b", low)), 1.0)
    if len(digits) == 1:
        if re.search(r"\d\s*x\s*\d|\d/\d", low):
            return None
        return float(digits[0].replace(",", "")) * scale
    if digits:
        return None
    words = [w for w in re.findall(r"[a-z]+", low) if w in _REF_WORDS]
    if 1 <= len(words) <= 2:
        return float(sum(_REF_WORDS[w] for w in words)) * scale
    return None


def _progress(items: Iterable[Doc], total: int) -> Iterator[Doc]:
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("MEANTIME", total=total)
        for item in items:
            yield item
            progress.advance(task)


def _type_ok(gold_type: str, unit: str | None) -> bool:
    if gold_type == "MONEY":
        return unit in _CURRENCY_UNITS
    if gold_type == "PERCENT":
        return unit in ("percent", "percentage points")
    return unit not in _CURRENCY_UNITS and unit not in ("percent", "percentage points")


def evaluate(path: Path, *, limit: int | None = None) -> Report:
    from newsgraph.nlp import build_pipeline, make_doc

    gold_docs = load_corpus(path, limit=limit)
    nlp = build_pipeline()
    span, exact = PRF(), PRF()
    typed = valued = valued_total = 0
    by_type: dict[str, PRF] = {}
    docs = nlp.pipe((make_doc(nlp, g.text, g.published) for g in gold_docs), batch_size=16)
    for g, doc in zip(gold_docs, _progress(docs, len(gold_docs)), strict=True):
        system = [q for q in doc._.ng_quantities if not q.derived]
        cands = []
        for gi, gv in enumerate(g.values):
            for si, q in enumerate(system):
                ov = min(gv.end, q.end) - max(gv.start, q.start)
                if ov > 0:
                    cands.append((ov, gi, si))
        cands.sort(key=lambda c: (-c[0], c[1], c[2]))
        used_g: set[int] = set()
        used_s: set[int] = set()
        n_exact = 0
        for _, gi, si in cands:
            if gi in used_g or si in used_s:
                continue
            used_g.add(gi)
            used_s.add(si)
            gv, q = g.values[gi], system[si]
            n_exact += (gv.start, gv.end) == (q.start, q.end)
            typed += _type_ok(gv.type, q.unit)
            ref = reference_value(gv.text)
            if ref is not None:
                valued_total += 1
                valued += abs(q.value - ref) <= 0.005 * max(abs(ref), 1e-9) or (
                    q.high is not None and q.value <= ref <= q.high
                )
        for gi, gv in enumerate(g.values):
            by_type.setdefault(gv.type, PRF()).add(int(gi in used_g), 0, 1)
        span.add(len(used_g), len(system), len(g.values))
        exact.add(n_exact, len(system), len(g.values))
    metrics = {**span.as_dict("span"), **exact.as_dict("exact")}
    metrics["type_accuracy"] = typed / span.tp if span.tp else 0.0
    metrics["value_accuracy"] = valued / valued_total if valued_total else 0.0
    rows = [
        {"type": t, "gold": int(p.gold), "found": int(p.tp), "recall": f"{p.recall:.3f}"}
        for t, p in sorted(by_type.items())
    ]
    return Report(
        name="quantities",
        dataset=str(path),
        metrics=metrics,
        counts={
            "documents": len(gold_docs),
            "gold": int(span.gold),
            "system": int(span.system),
            "matched": int(span.tp),
            "valued": valued_total,
        },
        rows=rows,
        notes=[
            "text rebuilt from MEANTIME tokens; span match = overlap, one-to-one; "
            "value accuracy on matched spans an independent reference reader can value",
            "MEANTIME marks only some figures (counts of things, money, percentages); "
            "an unmarked figure we find counts against precision",
        ],
    )
