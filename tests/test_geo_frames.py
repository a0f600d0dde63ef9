"""Place names the small model misreads or misses, read as places by the frame the text puts
them in (``resolve.frames``). Sentences are invented; the recogniser's own labels are not
assumed: each test builds the misread entity itself and runs ``mark_places`` on it."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from borderwatch.nlp import load_pipeline
from borderwatch.resolve.frames import known_place_names, mark_places


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def known(*names: str):
    wanted = {n.lower() for n in names}
    return lambda text: text.lower() in wanted


def labelled(nlp, text: str, name: str, label: str = "PERSON") -> Doc:
    """``text`` tokenised, with ``name`` as its only entity, labelled ``label``."""
    doc = nlp.make_doc(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label=label)
    assert span is not None
    doc.ents = [span]
    return doc


def labels(doc: Doc) -> dict[str, str]:
    return {e.text: e.label_ for e in doc.ents}


def test_a_name_the_text_calls_a_village_is_a_place(nlp):
    doc = labelled(nlp, "Artillery shelled the village of Qarnoun at dawn.", "Qarnoun")
    assert labels(mark_places(doc, known()))["Qarnoun"] == "GPE"


def test_names_coordinated_with_a_village_share_its_frame(nlp):
    text = "Jets struck the towns of Harbel, Meskin and Tawra on Friday."
    doc = nlp.make_doc(text)
    doc.ents = [
        doc.char_span(text.index(n), text.index(n) + len(n), label=lab)
        for n, lab in (("Harbel", "PERSON"), ("Meskin", "ORG"), ("Tawra", "PERSON"))
    ]
    assert set(labels(mark_places(doc, known())).values()) == {"GPE"}


def test_a_known_name_after_a_locative_preposition_is_a_place(nlp):
    doc = labelled(nlp, "Clashes broke out near Qarnoun on Monday.", "Qarnoun")
    assert labels(mark_places(doc, known("Qarnoun")))["Qarnoun"] == "GPE"


def test_an_unknown_name_after_a_preposition_stays_a_person(nlp):
    doc = labelled(nlp, "Clashes broke out near Qarnoun on Monday.", "Qarnoun")
    assert labels(mark_places(doc, known()))["Qarnoun"] == "PERSON"


def test_a_person_a_verb_of_saying_follows_stays_a_person(nlp):
    doc = labelled(nlp, "A message came from Qarnoun, who said the talks had failed.", "Qarnoun")
    assert labels(mark_places(doc, known("Qarnoun")))["Qarnoun"] == "PERSON"


def test_a_possessor_stays_a_person(nlp):
    doc = labelled(nlp, "In Qarnoun's case, doctors waited.", "Qarnoun")
    assert labels(mark_places(doc, known("Qarnoun")))["Qarnoun"] == "PERSON"


def test_a_name_without_a_frame_stays_a_person(nlp):
    doc = labelled(nlp, "Qarnoun met the delegation on Monday.", "Qarnoun")
    assert labels(mark_places(doc, known("Qarnoun")))["Qarnoun"] == "PERSON"


def test_an_unrecognised_arabic_place_name_in_a_frame_is_added(nlp):
    doc = nlp.make_doc("Fighting raged near Tal Qarnoun and Kafr Qarnoun on Monday.")
    found = labels(mark_places(doc, known("Tal Qarnoun")))
    assert found == {"Tal Qarnoun": "GPE"}  # the other one no gazetteer knows


def test_the_gazetteer_check_uses_the_region_folding():
    is_known = known_place_names()
    # a Lebanese border town, spelled as news spells it and as gazetteers transliterate it
    assert is_known("Qusayr") and is_known("al-Qusair")
    assert not is_known("Xqzvbn")


def test_the_pipeline_reads_framed_places_after_the_recogniser(nlp):
    names = nlp.pipe_names
    assert names.index("place_frames") > names.index("ner")
    doc = nlp("Government forces shelled the village of Qarnoun in rural Idlib.")
    assert labels(doc).get("Qarnoun") == "GPE"


def test_a_known_name_before_a_comma_and_a_state_is_a_place(nlp):
    doc = labelled(nlp, "He points to Qarnoun, Idaho, as a model.", "Qarnoun", "ORG")
    assert labels(mark_places(doc, known("Qarnoun")))["Qarnoun"] == "GPE"


def test_a_name_before_a_countrys_possessive_stays_a_person(nlp):
    doc = labelled(nlp, "He met Qarnoun, Syria's envoy, on Monday.", "Qarnoun")
    assert labels(mark_places(doc, known("Qarnoun")))["Qarnoun"] == "PERSON"


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Rebels shelled Zabbura, a small government-held enclave north of Homs.", "Zabbura", True),
        ("Troops entered Qarnoun, a village near the border, at dawn.", "Qarnoun", True),
        ("Gunmen killed Hassan, a village elder, near the border.", "Hassan", False),
        ("The deal was signed by Rami, a town official, on Monday.", "Rami", False),
    ],
)
def test_an_appositive_that_calls_the_name_a_place(nlp, text, name, place):
    """ "X, a (small) village ..." calls X a place, known or not; "X, a village elder" is a
    person of the place."""
    found = labels(mark_places(labelled(nlp, text, name), known()))[name]
    assert (found == "GPE") is place, (text, found)


def test_a_known_name_after_a_motion_to_is_a_place_a_person_after_to_is_not(nlp):
    doc = labelled(
        nlp, "During a visit to Qarnoun on Friday the envoy met elders.", "Qarnoun", "ORG"
    )
    assert labels(mark_places(doc, known("Qarnoun")))["Qarnoun"] == "GPE"
    doc = labelled(nlp, "The letter was handed to Qarnoun on Friday.", "Qarnoun", "ORG")
    assert labels(mark_places(doc, known("Qarnoun")))["Qarnoun"] == "ORG"
    doc = labelled(nlp, "Fighters loyal to Qarnoun in Idlib clashed with rebels.", "Qarnoun")
    assert labels(mark_places(doc, known("Qarnoun")))["Qarnoun"] == "PERSON"


def test_a_name_in_a_governorate_after_a_place_taking_verb(nlp):
    doc = labelled(nlp, "Jets struck al-Qarnoun in rural Idlib on Friday.", "al-Qarnoun", "ORG")
    assert labels(mark_places(doc, known()))["al-Qarnoun"] == "GPE"  # known to no gazetteer
    doc = labelled(nlp, "Gunmen killed al-Qarnoun in rural Idlib on Friday.", "al-Qarnoun", "ORG")
    assert labels(mark_places(doc, known()))["al-Qarnoun"] == "ORG"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled Qarnoun on Monday.",
        "Jihadists stormed Qarnoun at dawn.",
        "Jets pounded Qarnoun overnight.",
    ],
)
def test_a_known_name_a_place_taking_verb_governs_is_a_place(nlp, text):
    doc = labelled(nlp, text, "Qarnoun", label="ORG")
    assert labels(mark_places(doc, known("Qarnoun")))["Qarnoun"] == "GPE"
    # the gazetteer must know it: "stormed" an unknown organisation stays one
    doc = labelled(nlp, text, "Qarnoun", label="ORG")
    assert labels(mark_places(doc, known()))["Qarnoun"] == "ORG"


def test_a_verb_that_also_takes_people_is_no_place_frame(nlp):
    doc = labelled(nlp, "Gunmen targeted Qarnoun on Monday.", "Qarnoun", label="ORG")
    assert labels(mark_places(doc, known("Qarnoun")))["Qarnoun"] == "ORG"
