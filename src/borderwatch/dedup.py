"""Near-duplicate documents: the same wire story published by several outlets.

Each article gets a MinHash signature of its word 5-shingles; signatures are cut into bands so
that the store can find candidates with an indexed equality lookup (locality-sensitive hashing)
instead of comparing every pair.  With 16 bands of 4 rows, two texts with a Jaccard similarity
of 0.8 share a band with probability > 0.99, texts at 0.3 with about 0.12; candidates are then
confirmed on the estimated similarity (texts at 0.7 share a band with probability 0.99).

The signature is computed here with numpy, in the scheme datasketch 2.x calls "affine32" (its
documentation: each shingle's SHA-1, first 4 bytes little-endian, pre-mixed by the MurmurHash3
32-bit finalizer, then mapped by ``a * h + b mod 2**32`` for each of 64 odd ``a`` and ``b`` drawn
from ``numpy.random.RandomState(1)``; the minimum per permutation).  Signatures stored by
earlier versions, computed with datasketch itself, keep matching (``tests/test_dedup.py``
checks value for value against datasketch), and importing datasketch, which imports scipy
(a second of every one-shot ``ingest``), is no longer paid.
"""

from __future__ import annotations

import hashlib
import operator
import re
from functools import cache

import numpy as np

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
# Estimated Jaccard similarity of shingles from which two texts are one story: a copy that
# drops a closing paragraph or adds a headline still scores 0.7-0.9; distinct reports of one
# event in different words score below 0.2.
NEAR_DUPLICATE_SIMILARITY = 0.7
WORD = re.compile(r"\w+")
# The seed the permutations are drawn from (stored signatures depend on it: never change).
PERMUTATION_SEED = 1
# MurmurHash3's 32-bit finalizer (fmix32): two multiply-xorshift rounds that spread every input
# bit over the whole word, so that similar shingle hashes do not stay similar.
FMIX_MULTIPLIERS = (0x85EBCA6B, 0xC2B2AE35)
FMIX_SHIFTS = (16, 13, 16)


def signature(text: str) -> list[int]:
    """The MinHash signature of ``text``'s word shingles."""
    words = WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - 4))}
    hashes = np.fromiter(
        (_sha1_32(s.encode("utf-8")) for s in shingles), dtype=np.uint32, count=len(shingles)
    )
    a, b = _permutations()
    permuted = np.multiply.outer(_mix(hashes), a) + b  # uint32: wraps modulo 2**32
    return [int(v) for v in permuted.min(axis=0)]


def _sha1_32(data: bytes) -> int:
    return int.from_bytes(hashlib.sha1(data).digest()[:4], "little")


def _mix(hashes: np.ndarray) -> np.ndarray:
    """fmix32 over an array of uint32 (products wrap modulo 2**32, as the finalizer wants)."""
    first, second, third = FMIX_SHIFTS
    m1, m2 = (np.uint32(m) for m in FMIX_MULTIPLIERS)
    hashes = hashes ^ (hashes >> np.uint32(first))
    hashes = hashes * m1
    hashes = hashes ^ (hashes >> np.uint32(second))
    hashes = hashes * m2
    return hashes ^ (hashes >> np.uint32(third))


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The ``NUM_PERM`` affine permutations (odd multipliers ``a``, offsets ``b``), drawn once."""
    draw = np.random.RandomState(PERMUTATION_SEED)
    a = draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def bands(sig: list[int]) -> list[str]:
    """Band keys for LSH lookups: band number plus a hash of its rows."""
    keys = []
    for b in range(BANDS):
        rows = ",".join(str(v) for v in sig[b * ROWS : (b + 1) * ROWS])
        keys.append(f"{b}:{hashlib.sha1(rows.encode()).hexdigest()[:24]}")
    return keys


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if len(a) != len(b):
        raise ValueError(f"signatures of different lengths: {len(a)} and {len(b)}")
    return sum(map(operator.eq, a, b)) / len(a)
