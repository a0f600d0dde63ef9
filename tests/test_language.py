"""Language: English reports are read; others are reported as skipped, never silently dropped."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from borderwatch.clean import _language_identifier, clean_document, detect_language, plainly_english
from borderwatch.model import Article, NotEnglish, RawDocument, Skipped
from borderwatch.pipeline import Pipeline, summarise
from borderwatch.store import Store

from .conftest import SAMPLES

DEMO = Path(__file__).resolve().parent.parent / "src" / "borderwatch" / "data" / "demo"

FOREIGN = {
    "fr": (
        "L'armée libanaise a annoncé mardi avoir arrêté trois hommes soupçonnés de contrebande "
        "de carburant près du poste-frontière de Masnaa. Selon un communiqué, les suspects "
        "transportaient plus de 4000 litres de mazout vers la Syrie."
    ),
    "ar": (
        "أعلن الجيش اللبناني يوم الثلاثاء أنه أوقف ثلاثة أشخاص يشتبه في تهريبهم الوقود قرب "
        "معبر المصنع الحدودي. وبحسب بيان، كان المشتبه بهم ينقلون أكثر من أربعة آلاف لتر من "
        "المازوت إلى سوريا."
    ),
    "es": (
        "El ejército libanés anunció el martes que detuvo a tres hombres sospechosos de "
        "contrabando de combustible cerca del paso fronterizo de Masnaa, según un comunicado."
    ),
    "de": (
        "Die libanesische Armee hat am Dienstag drei Männer festgenommen, die im Verdacht "
        "stehen, Treibstoff über den Grenzübergang Masnaa nach Syrien geschmuggelt zu haben."
    ),
}

ENGLISH = [
    "Army closes the Masnaa crossing after heavy shelling on Monday night, officials said.",
    # English dense with transliterated Arabic names must stay English.
    "Hajj Abu Ali al-Qusayri and Sheikh Mohammad Jaafar Zeaiter of Hawsh al-Sayyed Ali said "
    "Hezbollah and Jabhat al-Nusra fought in Juroud Arsal, Qusayr and Jousieh.",
    "LEBANESE ARMY SEIZES CAPTAGON NEAR MASNAA CROSSING, SOLDIERS DETAIN TWO SMUGGLERS.",
]


@pytest.mark.parametrize(("code", "text"), FOREIGN.items())
def test_other_languages_are_detected(code: str, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ENGLISH)
def test_english_is_english(text: str) -> None:
    assert detect_language(text) == "en"


def test_every_bundled_and_sample_article_is_english() -> None:
    paths = sorted(DEMO.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))
    for path in paths:
        result = clean_document(RawDocument(str(path), path.read_bytes(), "text/plain"))
        assert isinstance(result, Article), (path, result)


@pytest.mark.parametrize(("code", "text"), FOREIGN.items())
def test_non_english_document_is_skipped_with_the_language(code: str, text: str) -> None:
    result = clean_document(RawDocument("news/foreign.txt", text.encode(), "text/plain"))
    assert isinstance(result, Skipped)
    assert (result.stage, result.reason) == ("language", f"not English (detected: {code})")


def test_non_english_html_page_is_skipped_too() -> None:
    page = f"<html><body><article><p>{FOREIGN['fr']}</p></article></body></html>"
    result = clean_document(RawDocument("page.html", page.encode(), "text/html"))
    assert isinstance(result, Skipped) and result.stage == "language"


def test_non_english_document_is_reported_and_the_batch_goes_on(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    english = (
        "Gunmen abducted two farmers near the village of Qasr on Monday, residents said. "
        "The army later arrested three suspects."
    )
    raws = [
        RawDocument("fr.txt", FOREIGN["fr"].encode(), "text/plain", published=date(2025, 3, 1)),
        RawDocument("en.txt", english.encode(), "text/plain", published=date(2025, 3, 1)),
    ]
    store = Store(str(tmp_path / "l.db"))
    report = summarise(pipeline.ingest(store, raws))
    assert report.read == 2
    assert [(f.source, f.reason) for f in report.skipped] == [
        ("fr.txt", "language: not English (detected: fr)")
    ]
    assert report.failed == [] and store.failures() == []  # skipped, not failed
    assert report.mentions > 0
    kept = store.foreign_documents()
    assert [(d["source"], d["language"], d["status"]) for d in kept] == [
        ("fr.txt", "fr", "pending")
    ]
    assert kept[0]["text"] == FOREIGN["fr"] and kept[0]["published"] == date(2025, 3, 1)


def test_foreign_document_read_again_keeps_one_row_and_replaces_a_failure(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    store = Store(str(tmp_path / "again.db"))
    store.record_failure(Skipped("de.txt", "language", "not English (detected: de)"))  # as before
    raw = RawDocument("de.txt", FOREIGN["de"].encode(), "text/plain")
    for _ in range(2):
        assert [o.status for o in pipeline.ingest(store, [raw])] == ["skipped"]
    kept = store.foreign_documents(language="de", status="pending")
    assert [d["source"] for d in kept] == ["de.txt"] and store.failures() == []
    assert store.foreign_documents(language="fr") == []


def test_non_english_keeps_its_metadata_and_html_main_text() -> None:
    page = (
        "<html><head><title>Contrebande à Masnaa</title></head><body><nav>Accueil</nav>"
        f"<article><p>{FOREIGN['fr']}</p></article></body></html>"
    )
    raw = RawDocument("p.html", page.encode(), "text/html", outlet="Le Test", url="https://t.fr/a")
    result = clean_document(raw)
    assert isinstance(result, NotEnglish) and result.language == "fr"
    assert result.text == FOREIGN["fr"] and "Accueil" not in result.text
    assert (result.outlet, result.url) == ("Le Test", "https://t.fr/a")


# Text in other languages that holds English words: quoted names, a loanword, one English line.
MIXED_FOREIGN = {
    "fr": FOREIGN["fr"]
    + " « The army said the situation was under control », a-t-il ajouté. "
    + FOREIGN["fr"],
    "de": FOREIGN["de"] + " Der Sprecher sagte, die Lage sei unter Kontrolle. " + FOREIGN["de"],
    "es": FOREIGN["es"]
    + " Un portavoz del ejército dijo que la situación era estable. "
    + FOREIGN["es"],
}


@pytest.mark.parametrize(("code", "text"), [*FOREIGN.items(), *MIXED_FOREIGN.items()])
def test_foreign_text_is_never_plainly_english(code: str, text: str) -> None:
    """Only the model may call these: the function-word shortcut leaves them alone."""
    assert not plainly_english(text)
    assert detect_language(text) == code


def test_the_shortcut_agrees_with_the_model_on_every_english_article() -> None:
    """Every bundled, sample and IndiaPoliceEvents article the shortcut calls English, the model
    calls English too; and the shortcut takes most of them (else it saves nothing)."""
    texts = [p.read_text() for p in sorted(DEMO.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))]
    india = Path(__file__).resolve().parents[2] / "shared/data/indiapoliceevents/docs.jsonl"
    if india.exists():
        import json

        for line in india.read_text().splitlines()[:300]:
            doc = json.loads(line)
            texts.append(str(doc.get("text") or doc.get("doc_text") or ""))
    taken = [t for t in texts if plainly_english(t[:4000])]
    assert len(taken) >= 0.9 * len(texts)
    for text in taken:
        ranked = dict(_language_identifier().rank(text[:4000]))
        assert ranked.get("en", 0.0) >= 0.5, text[:80]


def test_short_or_shouting_english_still_asks_the_model() -> None:
    for text in (ENGLISH[0], ENGLISH[2]):
        assert not plainly_english(text)  # a sentence, a headline: too few words
        assert detect_language(text) == "en"
