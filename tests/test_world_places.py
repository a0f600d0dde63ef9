"""The world layer and the place leftovers of issue 23, on invented sentences: the world's
states, provinces and counties; a town's admin1 as its container; AP state abbreviations;
qualifiers around a name; old names of major cities against today's namesakes; names the
recogniser leaves unmarked (datelines, towns after a preposition, places inside organisation
names, never a person's name); gazetteer aliases that wrap a town in a vicinity word; and the
resolve package's imports running one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from borderwatch.model import Place
from borderwatch.nlp import load_pipeline
from borderwatch.resolve import Resolver
from borderwatch.resolve.places import distance_km
from borderwatch.resolve.toponyms import NameSpan, Toponym, geoparse_text, resolve_names
from borderwatch.resolve.uncovered import held_names, uncovered_names


@pytest.fixture(scope="module")
def places():  # type: ignore[no-untyped-def]
    return Resolver.for_region().places


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


@pytest.fixture(scope="module")
def parse(places, nlp):  # type: ignore[no-untyped-def]
    def run(text: str) -> dict[str, Toponym]:
        return {t.text: t for t in geoparse_text(nlp, places, text)}

    return run


def km(a: Place, b: Place) -> float:
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


@pytest.mark.parametrize(
    ("area", "country", "town"),
    [
        ("Manitoba", "CA", "Winnipeg"),
        ("Rajasthan", "IN", "Jaipur"),
        ("Limpopo", "ZA", "Polokwane"),
        ("Sonoma County", "US", "Santa Rosa"),
        ("Kano State", "NG", "Kano"),
    ],
)
def test_the_worlds_provinces_and_counties_are_places(places, area, country, town) -> None:  # type: ignore[no-untyped-def]
    found = places.resolve(area)
    assert found is not None and (found.country_code, found.precision) == (country, 3), found
    seat = places.resolve(town, countries=(country,))
    assert seat is not None and km(found, seat) < 400, (found, seat)


def test_a_world_town_carries_its_admin1_name_and_sits_inside_it(parse) -> None:  # type: ignore[no-untyped-def]
    found = parse("Storms flattened barns near Ruidoso, New Mexico, on Sunday.")
    town = found["Ruidoso"].place
    assert town is not None and town.precision == 2 and town.admin1 == "New Mexico"
    kingston = parse("Students marched in Kingston, Ontario, on Friday.")["Kingston"].place
    assert kingston is not None and kingston.country_code == "CA"
    other = parse("Students marched in Kingston, Jamaica, on Friday.")["Kingston"].place
    assert other is not None and other.country_code == "JM"


def test_ap_state_abbreviations_are_states_only_with_their_dots(places) -> None:  # type: ignore[no-untyped-def]
    for short, state in (("Okla.", "Oklahoma"), ("N.C.", "North Carolina"), ("Va.", "Virginia")):
        found = places.resolve(short)
        assert found is not None and (found.name, found.precision) == (state, 3), (short, found)
    bare = places.resolve("Okla")
    assert bare is None or bare.name != "Oklahoma"


def test_a_town_followed_by_an_abbreviated_state_is_in_that_state(parse) -> None:  # type: ignore[no-untyped-def]
    town = parse("A tornado tore through Moore, Okla., on Monday.")["Moore"].place
    assert town is not None and town.admin1 == "Oklahoma"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Bihar's", "IN"),  # a possessive
        ("the Republic of Ghana", "GH"),  # a polity's title
        ("Kaduna State", "NG"),  # an administrative word news adds
        ("southern Ecuador", "EC"),  # a compass word
    ],
)
def test_qualifiers_around_a_name_are_dropped(places, text, country) -> None:  # type: ignore[no-untyped-def]
    found = places.resolve(text)
    assert found is not None and found.country_code == country, (text, found)


def test_an_old_name_of_a_major_city_yields_to_todays_namesake(places) -> None:  # type: ignore[no-untyped-def]
    salisbury = places.resolve("Salisbury")
    assert salisbury is not None and salisbury.country_code == "GB"
    canton = places.resolve("Canton")
    assert canton is not None and canton.country_code == "US"  # not Guangzhou
    bombay = places.resolve("Bombay")  # no town bears it as its own name today
    assert bombay is not None and bombay.country_code == "IN"


def test_a_short_namesake_is_no_distant_capital(places, parse) -> None:  # type: ignore[no-untyped-def]
    bare = places.resolve("Talin")
    assert bare is not None and bare.country_code != "EE"
    syrian = parse("Shelling hit Talin in Tartous province on Monday.")["Talin"].place
    assert syrian is not None and syrian.country_code == "SY"


def test_the_colonial_country_name_is_todays_country(parse) -> None:  # type: ignore[no-untyped-def]
    found = parse("Farmers in Salisbury, Rhodesia, marched against the tax.")
    assert found["Salisbury"].place is not None and found["Salisbury"].place.country_code == "ZW"


def test_unmarked_names_are_found_with_context_only(nlp) -> None:  # type: ignore[no-untyped-def]
    def found(text: str) -> list[str]:
        doc = nlp.make_doc(text)  # no entities at all: what the recogniser missed
        return [text[s:e] for s, e in uncovered_names(doc)]

    assert found("The sergeant was born in Colchester and served abroad.") == ["Colchester"]
    assert found("KAMPALA — Police said on Monday that the road was closed.") == ["KAMPALA"]
    assert found("The loan is worth 15 billion US dollars over ten years.") == ["US"]
    assert found("Protesters marched through Nairobi, Kenya, on Friday.") == ["Nairobi", "Kenya"]
    # a person's name, a sentence's first word, a compass word, a capitalised common phrase
    assert found("The actor Adrian Dunbar said the show would return.") == []
    assert found("Orange juice prices rose.") == []
    assert found("He criticised the Central Bank on Tuesday.") == []
    assert found("Talks resumed in March after a pause.") == []


def test_an_organisations_name_holds_a_place_only_when_it_is_a_well_known_one(nlp) -> None:  # type: ignore[no-untyped-def]
    def held(text: str, name: str, label: str = "ORG") -> list[str]:
        doc = nlp.make_doc(text)
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label=label)
        return [text[s:e] for s, e in held_names(span)]

    text = "A spokesman for the Toronto Police Services Board declined to comment."
    assert held(text, "Toronto Police Services Board") == ["Toronto"]
    assert held("Shares of Orange Drugs Ltd fell.", "Orange Drugs Ltd") == []
    assert held("Nelson Mandela spoke.", "Nelson Mandela", "PERSON") == []


def test_an_alias_wrapping_a_town_in_a_vicinity_word_is_read_as_the_towns_surroundings(
    places,
) -> None:  # type: ignore[no-untyped-def]
    text = "A mortar landed on the outskirts of Arsal at dawn."
    name = "outskirts of Arsal"
    start = text.index(name)
    (t,) = resolve_names(places, text, [NameSpan(start, start + len(name), name, "place:lb:arsal")])
    assert t.text == "Arsal" and t.place is not None
    assert (t.place.name, t.place.precision, t.reading) == ("Arsal", 2, "near")
    # an alias naming another place (the governorate around Damascus) stays whole
    text = "Shells fell in the Damascus countryside."
    name = "Damascus countryside"
    start = text.index(name)
    entry = "place:sy:rif dimashq governorate"
    (t,) = resolve_names(places, text, [NameSpan(start, start + len(name), name, entry)])
    assert t.text == name and t.place is not None and t.place.precision == 3


# --- names read together (resolve/together.py): invented local-news sentences ----------------
def test_two_names_with_namesakes_across_a_country_place_each_other(parse) -> None:  # type: ignore[no-untyped-def]
    """Peoria and Springfield each have larger namesakes elsewhere in the US (Arizona,
    Missouri); named together they are the Illinois pair, about 100 km apart."""
    found = parse("Peoria police said a man was shot. He was taken to a hospital in Springfield.")
    peoria, springfield = found["Peoria"].place, found["Springfield"].place
    assert peoria is not None and springfield is not None
    assert (peoria.admin1, springfield.admin1) == ("Illinois", "Illinois")


def test_a_local_name_follows_the_towns_and_county_around_it(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The Paris council met Monday. Henry County officials and a man from Murray, Ky., spoke."
    found = parse(text)
    paris, county = found["Paris"].place, found["Henry County"].place
    assert paris is not None and county is not None
    assert (paris.country_code, paris.admin1, county.admin1) == ("US", "Tennessee", "Tennessee")


def test_a_name_keeps_the_container_it_was_given_when_it_recurs(nlp, places) -> None:  # type: ignore[no-untyped-def]
    text = "Students in Athens, Ohio, marched on Friday. Athens police said the march was calm."
    athens = [t.place for t in geoparse_text(nlp, places, text) if t.text == "Athens"]
    assert len(athens) == 2 and all(p is not None and p.admin1 == "Ohio" for p in athens)


def test_a_major_city_abroad_keeps_its_name_beside_a_small_namesake(parse) -> None:  # type: ignore[no-untyped-def]
    """A namesake in another country never takes the major city's reach away: Berlin named in
    a report about Ohio towns is Germany's capital, not a village of Ohio."""
    found = parse("Officials from Dayton and Akron, Ohio, met ministers in Berlin on Monday.")
    berlin = found["Berlin"].place
    assert berlin is not None and berlin.country_code == "DE"


@pytest.mark.parametrize(
    ("text", "name", "near"),
    [
        (
            "A boat carrying migrants sank in the Mediterranean on Sunday.",
            "Mediterranean",
            (35, 18),
        ),
        ("Envoys toured the Middle East this week.", "Middle East", (29, 41)),
        ("Storms formed over the Atlantic in June.", "Atlantic", (10, -30)),
    ],
)
def test_the_worlds_seas_and_regions_are_places_not_namesake_towns(parse, text, name, near) -> None:  # type: ignore[no-untyped-def]
    (place,) = [t.place for k, t in parse(text).items() if k.endswith(name)]  # "the Middle East"
    assert place is not None and place.precision == 4 and place.country_code == ""
    assert distance_km(place.latitude, place.longitude, *near) < 1000


def test_resolve_modules_import_one_way() -> None:
    """No import cycle inside ``resolve`` (geonames and places once imported each other)."""
    package = Path(__file__).resolve().parent.parent / "src" / "borderwatch" / "resolve"
    graph: dict[str, set[str]] = {}
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[path.stem] = {
            (node.module or "").split(".")[0] or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1
            for alias in node.names
        }

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt})):
                return True
        return False

    cycles = [m for m in graph if m != "__init__" and reaches(m, m, {m})]
    assert not cycles, cycles


@pytest.mark.parametrize(
    ("population", "own_name", "known"),
    [
        (38_000, True, False),  # a town: its own-name bonus does not make it a city known abroad
        (150_000, True, True),
        (150_000, False, False),  # by an alternate name, only a major city is known abroad
        (2_000_000, False, True),
    ],
)
def test_a_world_town_is_known_abroad_by_its_size_not_its_name_bonus(
    population: int, own_name: bool, known: bool
) -> None:
    from borderwatch.resolve.world import Candidate, city_prior, known_by_name_abroad

    town = Place("Townsville", 10.0, 10.0, 1, "Somewhere", "XX", None, "test")
    prior = city_prior(("Townsville", 10.0, 10.0, "XX", "01", population, 1, ""), own_name)
    assert known_by_name_abroad(Candidate(town, 2, prior, own_name=own_name)) is known


def test_a_syrian_village_beats_a_smaller_foreign_town_of_its_name_in_a_report_on_syria(
    places,  # type: ignore[no-untyped-def]
) -> None:
    # a village of Syria's gazetteers and a Yemeni town of about 38,000 share the name
    assert places.resolve("al-Bayda", countries=("SY",)).country_code == "SY"
    assert places.resolve("al-Bayda", countries=("YE",)).country_code == "YE"
