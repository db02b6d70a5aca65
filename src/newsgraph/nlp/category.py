"""The fine event category (CASE 2021 Task 2 class names) of a text: cues plus a linear model.

Two layers, both linear over the same features:

* **Cues** (``data/category_cues.tsv``, written by us): regexes that vote for a class with a weight.
  Their votes are a fixed offset on the logits (``rule_scale`` times the summed weights).
* **A learned softmax regression** over word and word-pair features and the cue hits, trained on
  top of that offset. The packaged model is trained, when first needed, on our own example
  sentences (``data/category_examples.tsv``). ``newsgraph train case`` can build a stronger model
  that also learns from the CASE 2021 snippets in ``../shared/data``; because those have no
  license, it is written only to a local cache (:func:`cache_path`) and never shipped.

Everything here is pure Python + numpy and works on plain text; the spaCy component in
``events.py`` calls :func:`category_model` once and :meth:`CategoryModel.predict` per article.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from re import _constants as _sre_c  # type: ignore[attr-defined]
from re import _parser as _sre  # type: ignore[attr-defined]

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

__all__ = [
    "CATEGORIES",
    "CategoryInfo",
    "CategoryModel",
    "Cue",
    "cache_path",
    "categories",
    "category_model",
    "cue_hits",
    "cues",
    "features",
    "needles",
    "own_examples",
    "rule_votes",
    "train",
]

log = logging.getLogger(__name__)

_DATA = "newsgraph.nlp.data"
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
_FORMAT = 1
_LITERAL, _SUBPATTERN, _BRANCH = _sre_c.LITERAL, _sre_c.SUBPATTERN, _sre_c.BRANCH
_REPEATS = (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, _sre_c.POSSESSIVE_REPEAT)


def _rows(name: str) -> list[list[str]]:
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    return [
        row
        for row in csv.reader(
            (line for line in text.splitlines() if line.strip() and not line.startswith("#")),
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
        )
    ]


@dataclass(frozen=True)
class CategoryInfo:
    name: str
    anchor_type: str  # the PLOVER type of an event anchored on one of this category's cues
    types: frozenset[str]  # PLOVER types an event of this category may have
    summary: str


@lru_cache(maxsize=1)
def categories() -> dict[str, CategoryInfo]:
    """The 30 categories of ``data/categories.tsv``, by name."""
    out = {}
    for name, anchor, types, summary in _rows("categories.tsv"):
        out[name] = CategoryInfo(name, anchor, frozenset(types.split(",")), summary)
    return out


CATEGORIES: tuple[str, ...] = tuple(sorted(categories()))


@dataclass(frozen=True)
class Cue:
    name: str  # e.g. "GRENADE#2": class and line number within that class
    category: str
    weight: float
    positive: tuple[re.Pattern[str], ...]
    negative: tuple[re.Pattern[str], ...]
    needles: tuple[str, ...] = ()  # one of these is in every text the positive parts match

    def match(self, low: str) -> tuple[int, int] | None:
        """The span of the first positive part's match in lower-cased text, if every part agrees."""
        if self.needles and not any(n in low for n in self.needles):
            return None  # a substring test is far cheaper than the search (most cues match nothing)
        if any(p.search(low) for p in self.negative):
            return None
        first = None
        for p in self.positive:
            m = p.search(low)
            if m is None:
                return None
            if first is None:
                first = m.span()
        return first


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """The category cues of ``data/category_cues.tsv``, compiled once."""
    out: list[Cue] = []
    seen: dict[str, int] = {}
    for category, weight, pattern in _rows("category_cues.tsv"):
        if category not in categories():
            raise ValueError(f"category_cues.tsv: unknown category {category}")
        seen[category] = seen.get(category, 0) + 1
        pos: list[re.Pattern[str]] = []
        neg: list[re.Pattern[str]] = []
        for part in pattern.split(" && "):
            part = part.strip()
            (neg if part.startswith("!") else pos).append(re.compile(part.lstrip("!")))
        found = [n for n in map(needles, pos) if n]
        best = max(found, key=lambda n: min(map(len, n)), default=())
        out.append(Cue(f"{category}#{seen[category]}", category, float(weight), tuple(pos), tuple(neg), best))
    return tuple(out)


def needles(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Literal strings one of which is in every match of ``pattern`` (empty: none can be told).

    ``\\b(?:air ?strikes?|drones?)\\b`` gives ``("drone", "strike")``. Read from the parse tree
    that ``re`` compiles from; parts that may match nothing or anything (``\\w*``, ``s?``,
    ``[- ]``) break literal runs and give no needle of their own. Cues match lower-cased text,
    so the needles of a case-blind pattern are lower-cased.
    """
    found = _needles(list(_sre.parse(pattern.pattern, pattern.flags))) or set()
    if pattern.flags & re.IGNORECASE:
        found = {n.lower() for n in found}
    return tuple(sorted(found))


def _needles(items: list[tuple[object, object]]) -> set[str] | None:
    """Needles of a sequence of parse items: the most selective of those any required item gives."""
    options: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is _LITERAL:
            run += chr(av)  # type: ignore[arg-type]
            continue
        if run:
            options.append({run})
            run = ""
        sub: set[str] | None = None
        if op is _SUBPATTERN:
            sub = _needles(list(av[-1]))  # type: ignore[index]
        elif op is _BRANCH:
            alternatives = [_needles(list(a)) for a in av[1]]  # type: ignore[index]
            sub = set().union(*alternatives) if all(alternatives) else None  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:  # type: ignore[index]
            sub = _needles(list(av[2]))  # type: ignore[index]
        if sub:
            options.append(sub)
    if run:
        options.append({run})
    return max(options, key=lambda o: min(map(len, o)), default=None)


Hits = list[tuple[Cue, int, int]]


def cue_hits(text: str) -> Hits:
    """Every cue that matches ``text``, with the character span of its first positive part."""
    return _hits(text.lower())


def _hits(low: str) -> Hits:
    hits = []
    for cue in cues():
        span = cue.match(low)
        if span is not None:
            hits.append((cue, span[0], span[1]))
    return hits


def rule_votes(text: str) -> dict[str, float]:
    """Summed cue weights per category (the rules-only decision takes the largest)."""
    votes: dict[str, float] = {}
    for cue, _, _ in cue_hits(text):
        votes[cue.category] = votes.get(cue.category, 0.0) + cue.weight
    return votes


def _stem(word: str) -> str:
    """A light suffix stripper: enough to join "attacks"/"attacked"/"attacking", "village"/"villages"."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in ("ings", "ing", "ies", "ied", "es", "ed", "s"):
        if len(word) - len(suffix) < 3 or not word.endswith(suffix):
            continue
        if suffix == "es" and not word[:-2].endswith(("s", "x", "z", "ch", "sh")):
            suffix = "s"
        word = word[: -len(suffix)] + ("y" if suffix in {"ies", "ied"} else "")
        break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def _analyse(text: str, hits: Hits | None = None) -> tuple[dict[str, float], dict[str, float]]:
    """(features, cue votes per category) of a text; ``hits``: its ``cue_hits`` when already known."""
    low = text.lower()
    words = [_stem(w) for w in _WORD.findall(low) if w not in STOP_WORDS]
    feats: dict[str, float] = {}
    for w in words:
        feats["w:" + w] = 1.0
    for a, b in itertools.pairwise(words):
        feats[f"b:{a}_{b}"] = 1.0
    votes: dict[str, float] = {}
    for cue, _, _ in _hits(low) if hits is None else hits:
        feats["c:" + cue.name] = 1.0
        votes[cue.category] = votes.get(cue.category, 0.0) + cue.weight
    return feats, votes


def features(text: str) -> dict[str, float]:
    """Binary features of a text: stems, stem pairs and cue hits."""
    return _analyse(text)[0]


def _offset(votes: dict[str, float], classes: Sequence[str], scale: float) -> np.ndarray:
    return np.array([scale * votes.get(c, 0.0) for c in classes], dtype=np.float64)


@dataclass
class CategoryModel:
    """Softmax regression over :func:`features` on top of the cue votes."""

    classes: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    rule_scale: float
    trained_on: dict[str, str] = field(default_factory=dict)  # name -> sha256 of the data

    def logits(self, text: str, hits: Hits | None = None) -> np.ndarray:
        feats, votes = _analyse(text, hits)
        z = self.bias + _offset(votes, self.classes, self.rule_scale)
        rows = [j for j in map(self.vocab.get, feats) if j is not None]
        if rows:
            z = z + self.weights[rows].sum(axis=0)
        return z

    def probabilities(self, text: str, hits: Hits | None = None) -> dict[str, float]:
        """Each class's probability; ``hits``: the text's ``cue_hits`` when the caller has them."""
        z = self.logits(text, hits)
        p = np.exp(z - z.max())
        p /= p.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}

    def predict(self, text: str) -> tuple[str, float]:
        probs = self.probabilities(text)
        best = max(probs, key=lambda c: probs[c])
        return best, probs[best]

    # -- persistence (the local cache only: see the module docstring)
    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": _FORMAT,
            "classes": list(self.classes),
            "features": sorted(self.vocab, key=self.vocab.__getitem__),
            "rule_scale": self.rule_scale,
            "trained_on": self.trained_on,
            "cues": cues_digest(),
        }
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("wb") as fh:
            np.savez_compressed(
                fh,
                weights=self.weights.astype(np.float32),
                bias=self.bias,
                meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> CategoryModel:
        with np.load(path) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            if meta.get("format") != _FORMAT or meta.get("cues") != cues_digest():
                raise ValueError(f"{path}: built with other cues or format; run `newsgraph train case`")
            return cls(
                classes=tuple(meta["classes"]),
                vocab={f: i for i, f in enumerate(meta["features"])},
                weights=data["weights"].astype(np.float64),
                bias=data["bias"],
                rule_scale=float(meta["rule_scale"]),
                trained_on=dict(meta["trained_on"]),
            )


def cues_digest() -> str:
    """A hash of the cue and example files: a cached model is stale when they change."""
    h = hashlib.sha256()
    for name in ("category_cues.tsv", "category_examples.tsv", "categories.tsv"):
        h.update(resources.files(_DATA).joinpath(name).read_bytes())
    return h.hexdigest()[:16]


def train(
    examples: Iterable[tuple[str, str]],
    *,
    rule_scale: float = 0.5,
    l2: float = 1e-3,
    epochs: int = 200,
    min_count: int = 1,
    trained_on: dict[str, str] | None = None,
) -> CategoryModel:
    """Fit the softmax regression (full-batch Adam, deterministic) on (text, category) pairs."""
    pairs = [(t, c) for t, c in examples if c in categories()]
    classes = CATEGORIES
    cindex = {c: i for i, c in enumerate(classes)}
    analysed = [_analyse(t) for t, _ in pairs]
    feats = [f for f, _ in analysed]
    counts: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= min_count or f.startswith("c:"))
    vocab = {f: i for i, f in enumerate(names)}
    x = np.zeros((len(pairs), len(names)), dtype=np.float64)
    for i, fs in enumerate(feats):
        for f, v in fs.items():
            j = vocab.get(f)
            if j is not None:
                x[i, j] = v
    y = np.zeros((len(pairs), len(classes)))
    for i, (_, c) in enumerate(pairs):
        y[i, cindex[c]] = 1.0
    offset = np.stack([_offset(v, classes, rule_scale) for _, v in analysed]) if pairs else y
    w = np.zeros((len(names), len(classes)))
    b = np.zeros(len(classes))
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    n = max(1, len(pairs))
    for step in range(1, epochs + 1):
        z = x @ w + b + offset
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) / n
        gw = x.T @ g + l2 * w
        gb = g.sum(axis=0)
        mw = beta1 * mw + (1 - beta1) * gw
        vw = beta2 * vw + (1 - beta2) * gw * gw
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb * gb
        corr1, corr2 = 1 - beta1**step, 1 - beta2**step
        w -= lr * (mw / corr1) / (np.sqrt(vw / corr2) + eps)
        b -= lr * (mb / corr1) / (np.sqrt(vb / corr2) + eps)
    return CategoryModel(classes, vocab, w, b, rule_scale, dict(trained_on or {}))


@lru_cache(maxsize=1)
def own_examples() -> tuple[tuple[str, str], ...]:
    """Our own example sentences (``data/category_examples.tsv``): (text, category)."""
    return tuple((text, category) for category, text in _rows("category_examples.tsv"))


def cache_path() -> Path:
    """Where ``newsgraph train case`` writes the locally built model (never part of the package).

    ``$NEWSGRAPH_CATEGORY_MODEL`` if set, else ``$XDG_CACHE_HOME/newsgraph/category-case2021.npz``
    (``~/.cache`` when XDG_CACHE_HOME is unset).
    """
    env = os.environ.get("NEWSGRAPH_CATEGORY_MODEL")
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "newsgraph" / "category-case2021.npz"


@lru_cache(maxsize=1)
def packaged_model() -> CategoryModel:
    """The model trained on our own examples only: what runs when no cache is built."""
    return train(own_examples(), trained_on={"own-examples": cues_digest()})


def category_model() -> CategoryModel:
    """The locally built model when present and current, else the packaged one."""
    return _load_cached(str(cache_path()))


@lru_cache(maxsize=4)
def _load_cached(path: str) -> CategoryModel:
    p = Path(path)
    if p.is_file():
        try:
            return CategoryModel.load(p)
        except (ValueError, KeyError, OSError) as exc:
            log.warning("category model %s not used (%s); using the packaged model", p, exc)
    return packaged_model()
