"""Coreference scores: MUC, B-cubed, CEAF-e and their mean, the CoNLL F1.

Clusters are collections of mention ids (any hashable). Key mentions missing
from the response count as singletons of the response and vice versa, as in
the reference scorer. Definitions after Vilain et al. 1995 (MUC), Bagga and
Baldwin 1998 (B-cubed), Luo 2005 (CEAF, entity-based phi4), and Pradhan et al.
2014 (the CoNLL average).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Scores", "b_cubed", "ceaf_e", "conll", "muc", "score_all"]

Cluster = frozenset[Hashable]


@dataclass(frozen=True)
class Scores:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * p * r / (p + r) if p + r else 0.0


def _clusters(groups: Iterable[Iterable[Hashable]]) -> list[Cluster]:
    out = [frozenset(g) for g in groups]
    return [c for c in out if c]


def _index(clusters: Sequence[Cluster]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = _index(response)
    num = den = 0
    for k in key:
        parts = {where.get(m, ("missing", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num / den if den else 0.0


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> Scores:
    k, r = _clusters(key), _clusters(response)
    return Scores(_muc_recall(k, r), _muc_recall(r, k))


def _b3_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = _index(response)
    total = sum(len(k) for k in key)
    acc = 0.0
    for k in key:
        overlaps: dict[int, int] = {}
        for m in k:
            if m in where:
                overlaps[where[m]] = overlaps.get(where[m], 0) + 1
        acc += sum(n * n for n in overlaps.values()) / len(k)
    return acc / total if total else 0.0


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> Scores:
    k, r = _clusters(key), _clusters(response)
    return Scores(_b3_recall(k, r), _b3_recall(r, k))


def _hungarian(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns (Kuhn-Munkres, O(n^3))."""
    n_rows, n_cols = len(weights), len(weights[0]) if weights else 0
    n = max(n_rows, n_cols)
    if n == 0:
        return 0.0
    big = max((w for row in weights for w in row), default=0.0)
    cost = [[big - (weights[i][j] if i < n_rows and j < n_cols else 0.0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    p, way = [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    total = 0.0
    for j in range(1, n + 1):
        i = p[j]
        if i and i <= n_rows and j <= n_cols:
            total += weights[i - 1][j - 1]
    return total


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> Scores:
    """Entity-based CEAF: clusters aligned one to one maximising phi4 = 2|K & R| / (|K| + |R|).

    The alignment is solved per connected component of the key/response overlap
    graph, which gives the same optimum as one large assignment and keeps it small.
    """
    k, r = _clusters(key), _clusters(response)
    if not k or not r:
        return Scores(0.0, 0.0)
    where_r = _index(r)
    # connected components over clusters that share mentions
    parent = list(range(len(k) + len(r)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, c in enumerate(k):
        for m in c:
            if m in where_r:
                a, b = find(i), find(len(k) + where_r[m])
                if a != b:
                    parent[a] = b
    comps: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(k)):
        comps.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(r)):
        comps.setdefault(find(len(k) + j), ([], []))[1].append(j)
    total = 0.0
    for rows, cols in comps.values():
        if not rows or not cols:
            continue
        weights = [[2 * len(k[i] & r[j]) / (len(k[i]) + len(r[j])) for j in cols] for i in rows]
        total += _hungarian(weights)
    return Scores(total / len(k), total / len(r))


def conll(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> float:
    """The CoNLL F1: the mean of the MUC, B-cubed and CEAF-e F1 scores."""
    k, r = _clusters(key), _clusters(response)
    return (muc(k, r).f1 + b_cubed(k, r).f1 + ceaf_e(k, r).f1) / 3


def score_all(
    key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]], prefix: str
) -> dict[str, float]:
    """Every score as report metrics: ``<prefix>_muc_f1``, ``_b3_p``/``_r``/``_f1``, ``_ceafe_f1``, ``_conll_f1``."""
    k, r = _clusters(key), _clusters(response)
    m, b, c = muc(k, r), b_cubed(k, r), ceaf_e(k, r)
    return {
        f"{prefix}_muc_f1": m.f1,
        f"{prefix}_b3_p": b.precision,
        f"{prefix}_b3_r": b.recall,
        f"{prefix}_b3_f1": b.f1,
        f"{prefix}_ceafe_f1": c.f1,
        f"{prefix}_conll_f1": (m.f1 + b.f1 + c.f1) / 3,
    }
