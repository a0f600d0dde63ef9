"""Running the extractor on an invented sentence, as the lexicon tests do."""

from __future__ import annotations

from datetime import date

from borderwatch.clean import content_key
from borderwatch.model import EXPORTED_MODALITIES, Article, Mention

# The publication date the invented sentences are read against (a Monday).
NEWS_DATE = date(2024, 5, 20)


def extract(extractor, text: str, published: date = NEWS_DATE) -> list[Mention]:  # type: ignore[no-untyped-def]
    """Every mention of ``text``, whatever its modality."""
    article = Article(doc_key=content_key(text), source="t", text=text, published=published)
    return extractor.extract(article)


def exported(extractor, text: str, published: date = NEWS_DATE) -> list[Mention]:  # type: ignore[no-untyped-def]
    """The mentions of ``text`` an export would carry (asserted or reported)."""
    return [m for m in extract(extractor, text, published) if m.modality in EXPORTED_MODALITIES]


def first_exported(extractor, text: str, published: date = NEWS_DATE) -> Mention:  # type: ignore[no-untyped-def]
    """The first mention an export of ``text`` would carry (failing when there is none)."""
    found = exported(extractor, text, published)
    assert found, text
    return found[0]
