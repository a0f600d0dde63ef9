"""The prefilter must never drop a sentence the trigger matcher would find an event in: it decides
which sentences get parsed at all, so a miss there is an event lost for good."""

from __future__ import annotations

import csv
import json
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderwatch.extract.triggers import find_triggers, inflections, sentence_words

from .conftest import DATA, ROOT, SAMPLES

sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate  # noqa: E402

DEMO = ROOT / "src" / "borderwatch" / "data" / "demo"


def _corpus_sentences(extractor) -> list[str]:  # type: ignore[no-untyped-def]
    """Sentences of real and realistic news: the demo corpus and the benchmark generator's
    articles, and where ../shared is present the samples, CASE 2021 snippets, Syria
    event-location sentences and IndiaPoliceEvents articles."""
    texts = [p.read_text() for p in sorted(SAMPLES.glob("*.txt")) + sorted(DEMO.glob("*.txt"))]
    texts += [raw.content.decode() for raw in generate(40, seed=3)]
    case = DATA / "case2021_task2" / "dev_even_ids.tsv"
    if case.is_file():
        with case.open(encoding="utf-8") as handle:
            texts += [row[1] for row in csv.reader(handle, delimiter="\t") if len(row) > 1][1:]
    syria = DATA / "event_location" / "syria_sources_Masdar_coalition.jsonl"
    if syria.is_file():
        lines = syria.read_text(encoding="utf-8").splitlines()[:600]
        texts += [json.loads(line)["text"] for line in lines]
    india = DATA / "indiapoliceevents" / "docs.jsonl"
    if india.is_file():
        lines = india.read_text(encoding="utf-8").splitlines()[:40]
        texts += [json.loads(line)["doc_text"] for line in lines]
    sentences = [s.text for text in texts for s in extractor.split(text)]
    return list(dict.fromkeys(sentences))


def test_prefilter_keeps_every_sentence_the_matcher_finds_a_trigger_in(extractor) -> None:  # type: ignore[no-untyped-def]
    sentences = _corpus_sentences(extractor)
    assert len(sentences) > 500
    missed, with_triggers = [], 0
    for text, doc in zip(sentences, extractor.nlp.pipe(sentences, batch_size=256), strict=True):
        if find_triggers(doc, extractor.matcher, extractor.lexicon):
            with_triggers += 1
            if not extractor.prefilter.accepts(text):
                missed.append(text)
    assert with_triggers > 200
    assert missed == []
    # and it is worth having: it turns away a good share of sentences
    accepted = sum(extractor.prefilter.accepts(s) for s in sentences)
    assert accepted < 0.8 * len(sentences)


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("rally", "rallied"),
        ("rally", "rallies"),
        ("swap", "swapped"),
        ("seize", "seizing"),
        ("clash", "clashes"),
        ("detainee", "detainees"),
    ],
)
def test_inflections_cover_regular_forms(lemma: str, form: str) -> None:
    assert form in inflections(lemma)


def test_irregular_forms_come_from_the_lemmatizer(extractor) -> None:  # type: ignore[no-untyped-def]
    from borderwatch.extract.triggers import irregular_forms

    irregular = irregular_forms(extractor.nlp)
    assert irregular is not None
    for lemma, form in [("fight", "fought"), ("deal", "dealt"), ("man", "men"), ("find", "found")]:
        assert form in inflections(lemma, irregular)
    assert extractor.prefilter.accepts("Two men were held after the fighters fought all night.")
    assert not extractor.prefilter.accepts("Traders called for closer coordination.")


def test_companion_words_are_required(extractor) -> None:  # type: ignore[no-untyped-def]
    # "reopen" is an event only for a border, crossing or road
    assert not extractor.prefilter.accepts("Schools reopened after the holiday.")
    assert extractor.prefilter.accepts("The Masnaa crossing reopened on Monday.")


@given(st.text())
def test_sentence_words_never_fail_and_are_lower_case(text: str) -> None:
    words = sentence_words(text)
    assert all(w == w.lower() and w for w in words)


def test_sentence_words_split_hyphenated_compounds() -> None:
    assert {"sit-in", "sit", "in"} <= sentence_words("They staged a Sit-In.")


def test_a_pipeline_without_exception_table_accepts_everything() -> None:
    import spacy

    from borderwatch.extract.triggers import Prefilter, irregular_forms
    from borderwatch.region import load_region

    blank = spacy.blank("en")
    assert irregular_forms(blank) is None
    assert Prefilter(load_region(()).lexicon, None).accepts("Nothing happened here.")
