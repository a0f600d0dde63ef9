"""Near-duplicate signatures: drawing the MinHash permutations once must not change a single
value (signatures are stored, and a changed value would hide copies from older documents)."""

from __future__ import annotations

import pytest
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from borderwatch.dedup import NUM_PERM, SHINGLE_WORDS, WORD, signature, similarity

words = st.lists(
    st.sampled_from(["army", "border", "clash", "town", "said", "the", "of", "in", "on", "killed"])
)


def drawn_afresh(text: str) -> list[int]:
    tokens = WORD.findall(text.lower())
    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(max(1, len(tokens) - 4))}
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return [int(v) for v in minhash.hashvalues]


@settings(max_examples=50, deadline=None)
@given(words)
def test_signature_equals_one_with_freshly_drawn_permutations(tokens: list[str]) -> None:
    text = " ".join(tokens)
    assert signature(text) == drawn_afresh(text)


def test_similarity_of_copies_and_of_different_texts() -> None:
    story = "Gunmen attacked an army checkpoint near Hermel on Sunday, killing four soldiers."
    other = "Hundreds of residents protested in Arsal against the closure of the border crossing."
    assert similarity(signature(story), signature(story)) == 1.0
    assert similarity(signature(story), signature(other)) < 0.3
    with pytest.raises(ValueError, match="different lengths"):
        similarity([1, 2], [1])


def test_signatures_of_real_length_articles_equal_datasketch_ones() -> None:
    """Whole articles (hundreds of shingles, the size stored in practice) sign as datasketch
    signs them, so near-duplicates of documents stored by earlier versions are still found."""
    from importlib import resources

    demo = resources.files("borderwatch") / "data" / "demo"
    texts = [p.read_text(encoding="utf-8") for p in demo.iterdir() if p.name.endswith(".txt")]
    assert len(texts) >= 10
    for text in texts:
        assert signature(text) == drawn_afresh(text)
