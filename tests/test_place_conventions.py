"""ACLED's location conventions (codebook: ../shared/reference/EVENT_CODING.md), one test each,
on invented sentences: the container a governorate names, a town's surroundings at precision 2,
an unknown village near a town, homonyms far from the story, camps and city quarters,
organisation names, OCHA's spellings and sub-districts."""

from __future__ import annotations

import pytest

from borderwatch.model import Mention, Place
from borderwatch.nlp import load_pipeline
from borderwatch.resolve import Resolver
from borderwatch.resolve.places import distance_km
from borderwatch.resolve.toponyms import Toponym, geoparse_text

from .extracting import extract


@pytest.fixture(scope="module")
def places():  # type: ignore[no-untyped-def]
    return Resolver.for_region().places


@pytest.fixture(scope="module")
def parse(places):  # type: ignore[no-untyped-def]
    nlp = load_pipeline()

    def run(text: str) -> dict[str, Toponym]:
        return {t.text: t for t in geoparse_text(nlp, places, text)}

    return run


def event_place(extractor, text: str) -> Place:  # type: ignore[no-untyped-def]
    mentions: list[Mention] = extract(extractor, text)
    assert mentions, text
    place = mentions[0].place
    assert place is not None, (text, mentions[0])
    return place


def km(a: Place, b: Place) -> float:
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def test_an_unknown_village_in_a_governorate_is_the_governorate_not_its_capital(
    extractor, places
) -> None:  # type: ignore[no-untyped-def]
    place = event_place(extractor, "Jets bombed Tell Marzouk in Idleb on Sunday, killing three.")
    assert (place.name, place.precision, place.named) == ("Idleb", 3, "Tell Marzouk")
    city = places.resolve("Idlib", countries=("SY",))
    assert city is not None and city.precision == 1
    assert km(place, city) > 5  # the governorate's point, not the city's


def test_a_governorate_named_as_container_holds_villages_beyond_its_capitals_area(
    places, parse
) -> None:  # type: ignore[no-untyped-def]
    """ "V in G": G is the governorate, not a 40 km circle round its capital city."""
    text = "Rebels shelled Hamidiyah in Hama on Monday."
    village = parse(text)["Hamidiyah"].place
    assert village is not None and village.precision == 1 and village.admin1 == "Hama"
    hama = places.resolve("Hama", countries=("SY",))
    assert km(village, hama) > 40  # a village of the governorate far from its capital


def test_an_unknown_village_in_a_town_is_the_town_at_precision_2(extractor) -> None:  # type: ignore[no-untyped-def]
    place = event_place(extractor, "Gunmen killed a farmer in Khirbet Nasser in Qusayr on Monday.")
    assert (place.name, place.precision, place.named) == ("Al-Qusayr", 2, "Khirbet Nasser")


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Shells fell on rural Nabek on Tuesday, killing a shepherd.", "An Nabk"),
        ("Airstrikes hit the Yabroud countryside on Monday, killing four.", "Yabroud"),
        ("Troops clashed with gunmen near Zabadani on Friday, killing two.", "Az-Zabdani"),
        ("A mortar hit the outskirts of Arsal on Monday, killing a soldier.", "Arsal"),
        ("Two fighters were killed on the Zabadani front on Sunday.", "Az-Zabdani"),
        ("Gunmen ambushed a truck on the Homs-Palmyra road on Monday, killing two.", None),
        ("Clashes on the road between Homs and Palmyra killed four soldiers.", None),
    ],
)
def test_a_towns_surroundings_are_the_town_at_precision_2(extractor, text, town) -> None:  # type: ignore[no-untyped-def]
    place = event_place(extractor, text)
    assert place.precision == 2, (text, place)
    assert town is None or place.name == town, (text, place)
    assert place.country_code in ("SY", "LB")


def test_a_governorates_countryside_stays_the_governorate(parse) -> None:  # type: ignore[no-untyped-def]
    found = parse("Shelling hit rural Hama on Monday.")
    assert found["Hama"].place is not None and found["Hama"].place.precision == 3


def test_a_camp_named_after_a_town_is_the_town(extractor) -> None:  # type: ignore[no-untyped-def]
    place = event_place(
        extractor, "A fire in the Yabroud camp for displaced families killed two children."
    )
    assert (place.name, place.precision) == ("Yabroud", 1)


def test_a_quarter_of_a_city_is_the_city(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "A mortar shell hit Aleppo's Sheikh Maqsoud neighbourhood on Monday, killing a child."
    place = event_place(extractor, text)
    assert (place.name, place.precision) == ("Aleppo", 1)


def test_a_place_inside_an_organisations_name_is_no_place_of_the_event(extractor) -> None:  # type: ignore[no-untyped-def]
    mentions = extract(
        extractor, "Fighters of the Homs Liberation Movement stormed an army post, killing three."
    )
    assert mentions and all(m.place is None or m.place.precision == 4 for m in mentions)
    place = event_place(extractor, "The Free Idlib Army attacked a checkpoint in Saraqib.")
    assert place.name == "Saraqab" and place.precision == 1  # OCHA's spelling


def test_the_town_the_sentence_names_wins_over_its_governorate(extractor) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Hundreds of fishermen protested in Tyre, in the South governorate, on Friday.",
        "Students protested in the coastal city of Tyre in southern Lebanon on Friday.",
    ):
        place = event_place(extractor, text)
        assert (place.name, place.precision) == ("Tyre", 1), text


def test_a_village_named_in_a_governorate_wins_over_the_governorate(extractor) -> None:  # type: ignore[no-untyped-def]
    place = event_place(extractor, "Jets bombed Kafr Nabl in rural Idleb on Monday, killing two.")
    assert place.precision == 1 and place.admin1 == "Idleb" and place.name != "Idleb"


def test_a_namesake_far_from_the_town_named_loses_to_an_unknown_village_near_it(parse) -> None:  # type: ignore[no-untyped-def]
    """Hamidiyah names villages in most Syrian governorates, none within tens of km of Raqqa."""
    text = "Shelling killed two civilians in Hamidiyah, a village 5 km south of Raqqa, on Monday."
    village = parse(text)["Hamidiyah"]
    assert village.place is not None and village.reading == "fallback"
    assert (village.place.name, village.place.precision) == ("Ar-Raqqa", 2)
    assert village.place.named == "Hamidiyah"


def test_a_namesake_near_the_town_named_is_the_village(parse, places) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels shelled Hamidiyah, a village near Tall Kalakh, on Monday."
    found = parse(text)
    village, town = found["Hamidiyah"].place, found["Tall Kalakh"].place
    assert village is not None and town is not None and village.precision == 1
    assert km(village, town) <= 40


def test_the_nearby_village_follows_the_town_named_before(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Troops fought rebels in Daraa and then shelled the nearby village of Umm Batna."
    village = parse(text)["Umm Batna"].place
    daraa = parse(text)["Daraa"].place
    assert village is not None and daraa is not None
    assert km(village, daraa) <= 40


def test_ocha_spellings_and_sub_districts_for_syria(places) -> None:  # type: ignore[no-untyped-def]
    """ACLED spells Syrian places and admin1-3 as OCHA: a village only OCHA lists is found,
    a merged community by either of its parts, and every Syrian town has its sub-district."""
    hawik = places.resolve("Hawik", countries=("SY",))
    assert hawik is not None and hawik.admin2 == "Al-Qusayr" and hawik.admin3
    assert "OCHA" in hawik.source
    kinda = places.resolve("Kinda", countries=("SY",))  # "Kinda (Badama)": bracket dropped
    assert kinda is not None and kinda.admin3 == "Badama"
    qusayr = places.resolve("Qusayr", countries=("SY",))
    assert qusayr is not None and (qusayr.name, qusayr.admin1, qusayr.admin3) == (
        "Al-Qusayr",
        "Homs",
        "Al-Qusayr",
    )
    zabadani = places.resolve("Zabadani", countries=("SY",))
    assert zabadani is not None and zabadani.admin1 == "Rural Damascus"
    arsal = places.resolve("Arsal", countries=("LB",))
    assert arsal is not None and arsal.admin3 is None  # OCHA's layer is Syria's only


def test_an_unknown_quarter_of_a_city_is_the_city_at_precision_1(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Two people were killed by shelling on the Bustan Zahra neighbourhood in Homs."
    quarter = parse(text)["Bustan Zahra"].place
    assert quarter is not None and (quarter.name, quarter.precision) == ("Homs", 1)
    assert quarter.named == "Bustan Zahra"
    text = "Two people were killed by shelling on Khirbet Nasser village in Qusayr."
    village = parse(text)["Khirbet Nasser"].place
    assert village is not None and (village.name, village.precision) == ("Al-Qusayr", 2)


def test_a_major_city_is_named_from_afar_by_its_own_name(parse) -> None:  # type: ignore[no-untyped-def]
    """A report about Ohio naming London means the capital, not a small namesake nearby (nor
    the City of London inside it); an old alternate name of a far city ("Talin", once
    Tallinn) does not win over the village near the town the report names."""
    found = parse("Protesters marched in London on Saturday, a day after rallies in Ohio.")
    london = found["London"].place
    assert london is not None and london.country_code == "GB" and london.name == "London"
    talin = parse("Rebels shelled Talin, near Hama, on Monday.")["Talin"].place
    assert talin is not None and talin.country_code == "SY"


def test_the_nearby_village_of_an_earlier_sentences_town(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "The nearby village of X" after the report named T: a namesake of X far from T loses
    to "an unknown village near T" (T, precision 2); one near T is the village."""
    far = (
        "Fighting broke out in Raqqa on Monday. Later, jets struck the nearby village of "
        "Hamidiyah, killing two."
    )
    strike = extract(extractor, far)[-1].place
    assert strike is not None and (strike.name, strike.precision) == ("Ar-Raqqa", 2)
    assert strike.named == "Hamidiyah"
    near = far.replace("Raqqa", "Qusayr")
    strike = extract(extractor, near)[-1].place
    qusayr = extract(extractor, near)[0].place
    assert strike is not None and qusayr is not None and strike.name != qusayr.name
    assert km(strike, qusayr) <= 40


def test_a_name_on_the_outskirts_of_a_town_is_placed_by_the_town(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Air strikes killed five people in the Wadi Dahab district on the outskirts of Homs."
    found = parse(text)
    quarter = found["Wadi Dahab"]
    assert quarter.place is not None and quarter.place.name == "Homs"
    assert quarter.place.named == "Wadi Dahab" and found["Homs"].holds


def test_coder_note_containers(extractor, parse) -> None:  # type: ignore[no-untyped-def]
    """ACLED's own notes write "V town, G" and "V in G countryside": V at precision 1 (the
    countryside is G's, not V's); a list of governorate capitals stays a list."""
    place = event_place(extractor, "Gunmen shot dead a man in Sarmada town, Idleb, on Monday.")
    assert place.precision == 1 and place.admin1 == "Idleb" and place.name != "Idleb"
    text = "Jets bombed Kafr Zorbeyat in Hama countryside on Monday, killing two."
    place = event_place(extractor, text)
    assert (place.precision, place.named) == (3, "Kafr Zorbeyat")  # unknown: the governorate
    place = event_place(extractor, "Regime forces shelled Kafr Nobol in Idleb countryside.")
    assert (place.name, place.precision) == ("Kafr Nobol", 1)
    found = parse("Jets struck Homs, Hama and Aleppo on Monday.")
    assert [found[n].place.name for n in ("Homs", "Hama", "Aleppo")] == ["Homs", "Hama", "Aleppo"]
    assert not found["Hama"].holds


def test_a_persons_name_is_no_alias_of_a_merged_community(places) -> None:  # type: ignore[no-untyped-def]
    """OCHA's merged "Assad - Aslan Koy": "orders from Assad" names the man, not the hamlet;
    the community keeps its full name, and other merged parts ("Hawik") stay names."""
    assert places.resolve("Assad", countries=("SY",)) is None or "OCHA" not in (
        places.resolve("Assad", countries=("SY",)).source  # type: ignore[union-attr]
    )
    hamlet = places.resolve("Assad - Aslan Koy", countries=("SY",))
    assert hamlet is not None and "OCHA" in hamlet.source
    assert places.resolve("Hawik", countries=("SY",)) is not None


def test_the_names_of_a_list_share_its_container(parse) -> None:  # type: ignore[no-untyped-def]
    """ "A, B and C in G": every village of the list is in G (a namesake elsewhere is another
    place; one no gazetteer knows is G's governorate at precision 3)."""
    text = "Jets bombed Tell Marzouk, Khirbet Nasser and Kafr Nabl in Idleb on Monday."
    found = parse(text)
    for name in ("Tell Marzouk", "Khirbet Nasser"):
        place = found[name].place
        assert place is not None and (place.name, place.precision) == ("Idleb", 3), name
        assert place.named == name


@pytest.mark.parametrize(
    ("text", "name", "precision", "named"),
    [
        # governorate as container: the village, or the governorate (never its capital)
        ("Government forces shelled Sarmin in Idleb on Monday, killing three.", "Sarmin", 1, ""),
        ("Gunmen killed two farmers in Tell Sabha in Hama on Tuesday.", "Hama", 3, "Tell Sabha"),
        # "rural T" and "near T" where T is a town: the town's surroundings
        ("Airstrikes hit rural Jisr al-Shughur on Sunday, killing a child.", None, 2, ""),
        ("Troops clashed with gunmen near Tal Kalakh on Wednesday, killing one.", None, 2, ""),
        # a town inside an organisation's name is no place of the event
        ("The Homs Liberation Movement shelled Talbiseh on Tuesday, killing a woman.", None, 1, ""),
        # a village whose name holds a city's alias ("Halab" is Aleppo) is the village
        ("Militants stormed Kafr Halab on Monday, killing five.", "Kafr Halab", 1, ""),
    ],
)
def test_held_out_classes_on_fresh_sentences(extractor, text, name, precision, named) -> None:  # type: ignore[no-untyped-def]
    place = event_place(extractor, text)
    assert (place.precision, place.named) == (precision, named), (text, place)
    assert name is None or place.name == name, (text, place)
    assert place.country_code == "SY"
    assert place.name not in ("Homs", "Aleppo", "Idleb") or place.precision == 3, (text, place)


@pytest.mark.parametrize(
    ("text", "governorate", "named"),
    [
        # invented village names the recogniser does not mark and no gazetteer knows
        (
            "Warplanes struck Zarbouna in Idlib on Thursday, killing four civilians.",
            "Idleb",
            "Zarbouna",
        ),
        ("Rebels shelled Qarnabiya in rural Hama, killing a woman.", "Hama", "Qarnabiya"),
    ],
)
def test_an_unmarked_name_in_a_governorate_is_a_village_of_it(
    extractor, text, governorate, named
) -> None:  # type: ignore[no-untyped-def]
    place = event_place(extractor, text)
    assert (place.name, place.precision, place.named) == (governorate, 3, named), (text, place)


def test_an_unmarked_village_the_gazetteer_knows_is_found_in_its_governorate(parse) -> None:  # type: ignore[no-untyped-def]
    found = parse("Warplanes struck Maarshourin in Idlib on Thursday, killing four civilians.")
    village = found["Maarshourin"].place
    assert village is not None and village.precision == 1
    assert village.admin1 == "Idleb" and village.name != "Idleb"


@pytest.mark.parametrize(
    "text",
    [
        "The army killed Ahmed in Idlib on Monday.",
        "Airstrikes on Tuesday killed Abu Omar in Raqqa.",
        "Fighters loyal to Assad in Latakia clashed with rebels.",
    ],
)
def test_a_person_in_a_governorate_is_no_village(parse, text) -> None:  # type: ignore[no-untyped-def]
    found = parse(text)
    assert all(t.reading != "fallback" for t in found.values()), (text, found)
    assert all(t.place is None or t.place.precision != 3 for t in found.values()), (text, found)


def test_a_name_the_recogniser_cut_at_its_article_is_read_whole(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Unknown gunmen assassinated a commander in Busra al-Harir in Daraa on Sunday."
    found = parse(text)
    assert "Busra" not in found
    town = found["Busra al-Harir"].place
    assert town is not None and town.precision == 1 and town.admin1 == "Dar'a"


def test_a_compass_part_of_a_governorate_is_the_governorate(parse) -> None:  # type: ignore[no-untyped-def]
    region = parse("Jets bombed villages in southern Idleb on Monday, killing four.")["Idleb"]
    assert region.place is not None and region.place.precision == 3
    city = parse("Shells fell on eastern Aleppo city on Monday, killing two.")["Aleppo"]
    assert city.place is not None and city.place.precision == 1


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb exploded in a south Baghdad neighbourhood on Monday, killing five.",
        "Clashes broke out in eastern Aleppo's neighbourhoods on Friday.",
        "Mortars fell on eastern Hama's streets on Sunday, killing two.",
        "Snipers fired on shoppers in the northern Homs old city on Tuesday.",
    ],
)
def test_a_compass_part_of_a_town_named_as_urban_is_the_town(parse, text) -> None:  # type: ignore[no-untyped-def]
    found = parse(text)
    town = next(t for name, t in found.items() if name in {"Baghdad", "Aleppo", "Hama", "Homs"})
    assert town.place is not None and town.place.precision == 1, (text, town)


def test_a_misread_name_with_an_article_is_the_village_of_its_governorate(parse) -> None:  # type: ignore[no-untyped-def]
    found = parse("Russian warplanes struck al-Tamanah in southern Idleb, killing three.")
    village = found["al-Tamanah"].place
    assert village is not None and village.precision == 1 and village.admin1 == "Idleb"


@pytest.mark.parametrize(
    ("text", "name", "precision", "named"),
    [
        # coders' notes: "X (G)", "X, northern G"
        (
            "On 5 May 2016, regime forces shelled Sarmin (Idleb), killing 2 civilians.",
            "Sarmin",
            1,
            "",
        ),
        ("On 2 June 2017, clashes in Sarmin, northern Idleb, killed 4 fighters.", "Sarmin", 1, ""),
    ],
)
def test_coder_note_containers_of_a_village(extractor, text, name, precision, named) -> None:  # type: ignore[no-untyped-def]
    place = event_place(extractor, text)
    assert (place.name, place.precision, place.named) == (name, precision, named), (text, place)


@pytest.mark.parametrize(
    "text",
    [
        "Government forces shelled Talin in rural Hama on Monday, killing two.",
        "Government forces shelled the village of Talin in the Hama countryside, killing two.",
    ],
)
def test_a_container_is_not_dropped_as_far_from_its_contents_namesake(extractor, text) -> None:  # type: ignore[no-untyped-def]
    # the contained village's first reading is a namesake abroad (whose country then counts
    # as the article's): the governorate the text puts it in must still hold it
    place = event_place(extractor, text)
    assert place.country_code == "SY" and place.admin1 == "Hama", place


@pytest.mark.parametrize(
    ("text", "own", "other"),
    [
        (
            "Syrian forces took control of hilltops overlooking the border village of Qasr on "
            "Tuesday after two days of fighting, the defence ministry said, as the authorities "
            "shut the nearby Jousieh crossing.",
            "Qasr",
            "Jousieh",
        ),
        (
            "Government troops recaptured several hills overlooking the town of Yabroud on "
            "Sunday, the army said, as officials closed the nearby Jdeidet Yabous crossing.",
            "Yabroud",
            "Jdeidet",
        ),
    ],
)
def test_a_place_in_another_clause_with_its_own_subject_is_not_the_events(
    extractor, text, own, other
) -> None:  # type: ignore[no-untyped-def]
    # "X happened at A as somebody else did Y at B": B is Y's place
    place = event_place(extractor, text)
    assert own in place.name and other not in place.name, place
