"""Duplicate detection: content hashes for exact copies, MinHash LSH for near-duplicates.

A signature is 128 MinHash values over word 5-gram shingles. It is cut into 16
bands of 8 values; two articles that share a band bucket are candidates, and
are near-duplicates when the estimated Jaccard similarity of their shingles is
at least the threshold (``near_dup_threshold``, 0.85 by default). With 16 x 8
bands a pair at 0.85 is found with probability above 0.99, one at 0.5 with 0.06.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

__all__ = ["BANDS", "NUM_PERM", "band_keys", "content_hash", "signature", "similarity"]

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
_WORD = re.compile(r"\w+")
_SEED_HASHER = MinHash(num_perm=NUM_PERM, seed=1)  # permutations are built once


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace collapsed and case folded: equal for trivially reformatted copies."""
    norm = " ".join(text.split()).casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def _shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return [" ".join(words).encode("utf-8")] if words else [b""]
    return [" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)]


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text (``NUM_PERM`` unsigned 64-bit values)."""
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=_SEED_HASHER.permutations, scheme=_SEED_HASHER.scheme)
    m.update_batch(_shingles(text))
    return np.asarray(m.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit bucket key per band (fits an SQL INTEGER)."""
    keys = []
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)
