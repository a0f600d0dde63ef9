"""Near-duplicate documents: the same wire story published by several outlets.

Each article gets a MinHash signature of its word 5-shingles (datasketch); signatures are cut
into bands so that the store can find candidates with an indexed equality lookup (locality-
sensitive hashing) instead of comparing every pair.  With 16 bands of 4 rows, two texts with a
Jaccard similarity of 0.8 share a band with probability > 0.99, texts at 0.3 with about 0.12;
candidates are then confirmed on the estimated similarity (texts at 0.7 share a band with
probability 0.99).
"""

from __future__ import annotations

import hashlib
import operator
import re
from functools import cache

from datasketch import MinHash

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
# Estimated Jaccard similarity of shingles from which two texts are one story: a copy that
# drops a closing paragraph or adds a headline still scores 0.7-0.9; distinct reports of one
# event in different words score below 0.2.
NEAR_DUPLICATE_SIMILARITY = 0.7
WORD = re.compile(r"\w+")


def signature(text: str) -> list[int]:
    """The MinHash signature of ``text``'s word shingles."""
    words = WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - 4))}
    scheme, permutations = _permutations()
    minhash = MinHash(num_perm=NUM_PERM, seed=1, permutations=permutations, scheme=scheme)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return [int(v) for v in minhash.hashvalues]


@cache
def _permutations() -> tuple[str, object]:
    """The seeded hash permutations (with their scheme), drawn once: drawing them was a third of
    the cost of each signature."""
    drawn = MinHash(num_perm=NUM_PERM, seed=1)
    return drawn.scheme, drawn.permutations


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
