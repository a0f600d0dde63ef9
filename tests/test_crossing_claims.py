"""Crossing status claims from invented report sentences: each status and restriction, every
spelling (Lebanese and Syrian post), "all crossings except X", plans and denials that make no
claim, and windows dated by the report's wording rather than its publication date."""

from __future__ import annotations

from datetime import date

import pytest

from borderwatch.crossings import ClaimExtractor, CrossingClaim, load_crossings
from borderwatch.crossings.claims import split_sentences
from borderwatch.model import Article

PUBLISHED = date(2024, 10, 10)  # a Thursday


@pytest.fixture(scope="module")
def claims_of() -> object:
    extractor = ClaimExtractor(load_crossings())

    def run(text: str, published: date | None = PUBLISHED) -> list[CrossingClaim]:
        article = Article(doc_key="k", source="doc.txt", text=text, published=published)
        return extractor.extract(article, split_sentences(text))

    return run


def one(claims: list[CrossingClaim]) -> CrossingClaim:
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    ("sentence", "crossing", "status"),
    [
        ("The Masnaa crossing was closed on Monday.", "masnaa", "closed"),
        ("Lebanese authorities shut the al-Qaa border crossing on Monday.", "qaa", "closed"),
        ("The Arida crossing reopened to traffic on Monday.", "arida", "open"),
        ("The Aboudiyeh crossing is open and operating normally.", "aboudiyeh", "open"),
        ("Traffic resumed at the Matraba crossing on Monday.", "matraba", "open"),
        ("The Jisr Qamar crossing remained closed on Monday.", "jisr_qamar", "closed"),
        ("Syria restricted entry at Jdeidet Yabous on Monday.", "masnaa", "restricted"),
    ],
)
def test_each_status(claims_of, sentence: str, crossing: str, status: str) -> None:
    claim = one(claims_of(sentence))
    assert (claim.crossing_id, claim.status) == (crossing, status)
    assert claim.sentence.text == sentence


@pytest.mark.parametrize(
    ("sentence", "restriction"),
    [
        ("The Masnaa crossing reopened to pedestrians only on Monday.", "pedestrians only"),
        ("The Masnaa crossing was closed to vehicles after the strike.", "no vehicles"),
        ("Masnaa is open for departures only, General Security said.", "departures only"),
        ("Masnaa is open only to returnees, officials said.", "arrivals only"),
        ("The Masnaa crossing reopened but trucks remain barred.", "no freight"),
        ("Masnaa reopened to passengers only on Monday.", "passengers only"),
        ("Entry at Masnaa is limited to residents only.", "residents only"),
        ("The Masnaa crossing is open only to Syrian nationals.", "nationals only"),
        ("Masnaa stays closed except for humanitarian cases.", "humanitarian cases only"),
        ("Syria imposed new entry requirements at the Masnaa crossing.", "entry conditions"),
        ("The Masnaa crossing partially reopened on Monday.", "partial"),
    ],
)
def test_each_restriction(claims_of, sentence: str, restriction: str) -> None:
    claim = one(claims_of(sentence))
    assert (claim.status, claim.restriction) == ("restricted", restriction)


@pytest.mark.parametrize(
    ("name", "crossing"),
    [
        ("Masnaa", "masnaa"),
        ("al-Masnaa", "masnaa"),
        ("El Masnaa", "masnaa"),
        ("Jdeidet Yabous", "masnaa"),
        ("Jdaidet Yabous", "masnaa"),
        ("Judaydat Yabus", "masnaa"),
        ("al-Qaa", "qaa"),
        ("El Qaa", "qaa"),
        ("Jousieh", "qaa"),
        ("Joussieh", "qaa"),
        ("Jusiyah", "qaa"),
        ("Qaa-Jousseh", "qaa"),
        ("Arida", "arida"),
        ("Al-Arida", "arida"),
        ("El Aarida", "arida"),
        ("Aboudiyeh", "aboudiyeh"),
        ("Abboudieh", "aboudiyeh"),
        ("Dabousiyeh", "aboudiyeh"),
        ("Dabbousieh", "aboudiyeh"),
        ("Al-Dabbousieh", "aboudiyeh"),
        ("Jisr Qamar", "jisr_qamar"),
        ("Jesr Qmar", "jisr_qamar"),
        ("Jisr al-Qomar", "jisr_qamar"),
        ("Jesr Al Qamar", "jisr_qamar"),
        ("Tall Kalakh", "jisr_qamar"),
        ("Matraba", "matraba"),
        ("Matribah", "matraba"),
        ("Hawsh al-Sayyed Ali", "hawsh_al_sayyed_ali"),
        ("Hoch el-Sayyed Ali", "hawsh_al_sayyed_ali"),
    ],
)
def test_every_spelling_resolves(claims_of, name: str, crossing: str) -> None:
    claim = one(claims_of(f"The {name} crossing was closed on Monday."))
    assert claim.crossing_id == crossing


def test_every_name_in_the_data_resolves_to_its_crossing(claims_of) -> None:
    for crossing in load_crossings():
        for name in (*crossing.names, *crossing.places):
            found = claims_of(f"The {name} crossing was closed on Monday.")
            assert [c.crossing_id for c in found] == [crossing.crossing_id], name


def test_syrian_post_names_the_same_crossing(claims_of) -> None:
    lebanese = one(claims_of("The Aboudiyeh crossing was closed on Monday."))
    syrian = one(claims_of("The Dabousiyeh crossing was closed on Monday."))
    assert lebanese.crossing_id == syrian.crossing_id == "aboudiyeh"


def test_a_town_is_a_crossing_only_beside_the_word(claims_of) -> None:
    assert claims_of("The road to al-Qaa was closed on Monday.") == []
    assert one(claims_of("The road to the al-Qaa crossing was closed on Monday.")).crossing_id
    # a crossing's own name needs no such word
    assert one(claims_of("Lebanon closed Masnaa on Monday.")).crossing_id == "masnaa"


def test_all_crossings_except_one(claims_of) -> None:
    claims = claims_of(
        "Lebanon closed all its land border crossings with Syria except Masnaa on Tuesday."
    )
    by_id = {c.crossing_id: c for c in claims}
    assert set(by_id) == {"masnaa", "qaa", "arida", "aboudiyeh", "jisr_qamar", "matraba"}
    assert {c.status for i, c in by_id.items() if i != "masnaa"} == {"closed"}
    assert by_id["masnaa"].status == "open" and by_id["masnaa"].scope == "except"
    assert by_id["qaa"].scope == "all" and by_id["qaa"].side == "LB"


def test_all_crossings_reopened_apart_from_one(claims_of) -> None:
    claims = claims_of("Syria reopened all crossings with Lebanon on Saturday apart from Jousieh.")
    by_id = {c.crossing_id: c.status for c in claims}
    assert by_id.pop("qaa") == "closed"
    assert set(by_id.values()) == {"open"} and len(by_id) == 5


@pytest.mark.parametrize(
    ("text", "start", "end", "dated_by"),
    [
        (
            "The Masnaa crossing was closed on Monday.",
            date(2024, 10, 7),
            date(2024, 10, 7),
            "wording",
        ),
        (
            "The Masnaa crossing has been closed since 3 February as works are ongoing.",
            date(2024, 2, 3),
            PUBLISHED,
            "wording",
        ),
        (
            "The Masnaa crossing reopened on 2 June after being closed since December.",
            date(2024, 6, 2),
            date(2024, 6, 2),
            "wording",
        ),
        ("Masnaa was closed last week.", date(2024, 9, 30), date(2024, 10, 6), "wording"),
        ("Masnaa was closed two days ago.", date(2024, 10, 8), date(2024, 10, 8), "wording"),
        ("The Masnaa crossing is closed.", PUBLISHED, PUBLISHED, "published"),
    ],
)
def test_window_from_the_wording(claims_of, text: str, start: date, end: date, dated_by: str):
    claim = claims_of(text)[0]  # the sentence's own claim (a closure it ends comes after)
    assert (claim.window.start, claim.window.end, claim.dated_by) == (start, end, dated_by)


def test_no_date_anywhere_makes_no_claim(claims_of) -> None:
    assert claims_of("The Masnaa crossing is closed.", published=None) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Arida crossing will reopen next week, officials said.",
        "The minister denied that the Matraba crossing had been closed.",
        "Syria threatened to close the Masnaa crossing.",
        "Drivers called for the Arida crossing to reopen.",
        "The Masnaa crossing could close if fighting spreads.",
        "Syrian and Lebanese officials agreed on Monday to reopen the Jousieh crossing.",
        "Lebanon pledged on Monday to close the Matraba crossing to smugglers.",
        "Officials are preparing to reopen the Arida crossing, a source said on Monday.",
        "Officials held a closed-door meeting at the Masnaa crossing on Monday.",
        "Gunmen opened fire near the Masnaa crossing on Monday.",
        "Soldiers clashed with smugglers near al-Qaa on Monday.",
    ],
)
def test_no_claim_without_an_asserted_state(claims_of, sentence: str) -> None:
    assert claims_of(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "reason", "damaged"),
    [
        ("An Israeli air strike on Friday hit the Masnaa crossing.", "strike", True),
        ("The Masnaa crossing has been closed since Monday for repairs.", "works", False),
        ("Masnaa was closed on Monday for security reasons.", "security", False),
        ("Masnaa was closed on Monday by a government decision.", "policy", False),
        ("Masnaa was closed on Monday over the cholera outbreak.", "health", False),
        ("Customs staff went on strike, closing the Masnaa crossing on Monday.", "other", False),
    ],
)
def test_reasons_and_damage(claims_of, sentence: str, reason: str, damaged: bool) -> None:
    claim = one(claims_of(sentence))
    assert (claim.status, claim.reason, claim.damaged) == ("closed", reason, damaged)


def test_two_crossings_two_states_in_one_sentence(claims_of) -> None:
    claims = claims_of("Masnaa reopened on Sunday, while the Aboudiyeh crossing remained closed.")
    assert {(c.crossing_id, c.status) for c in claims} == {
        ("masnaa", "open"),
        ("aboudiyeh", "closed"),
    }


def test_the_crossing_refers_back(claims_of) -> None:
    claims = claims_of(
        "Israeli warplanes struck the Matraba crossing on 27 September. "
        "The crossing was closed to vehicles."
    )
    assert [(c.crossing_id, c.status, c.scope) for c in claims] == [
        ("matraba", "closed", "named"),
        ("matraba", "restricted", "context"),
    ]


def test_side_and_speaker(claims_of) -> None:
    claim = one(
        claims_of(
            "The Lebanese side of the Qaa crossing was closed on Monday, an army officer said."
        )
    )
    assert (claim.side, claim.attribution) == ("LB", "an army officer")


def test_claim_ids_are_stable(claims_of) -> None:
    text = "The Masnaa crossing was closed on Monday."
    assert [c.claim_id for c in claims_of(text)] == [c.claim_id for c in claims_of(text)]


def test_an_opening_is_dated_by_its_own_day_not_the_closure_it_ends(claims_of) -> None:
    opened, closure = claims_of("The Masnaa crossing, closed since October 4, reopened on Monday.")
    assert (opened.status, opened.window.start) == ("open", date(2024, 10, 7))
    # the closure it ends is a claim of its own, from its own date to the reopening
    assert (closure.status, closure.window.start, closure.window.end) == (
        "closed",
        date(2024, 10, 4),
        date(2024, 10, 7),
    )
    closed = one(claims_of("The Masnaa crossing has been closed since October 4."))
    assert (closed.window.start, closed.window.end) == (date(2024, 10, 4), PUBLISHED)


def test_a_strike_that_causes_a_closure_is_damage(claims_of) -> None:
    claim = one(claims_of("The Qaa crossing is out of service after an Israeli strike on Friday."))
    assert (claim.status, claim.damaged, claim.window.start) == ("closed", True, date(2024, 10, 4))
    reopened = one(claims_of("The Arida crossing reopened on Monday after the strike."))
    assert (reopened.status, reopened.damaged) == ("open", False)


def test_closed_to_one_nationality_is_a_restriction(claims_of) -> None:
    claim = one(claims_of("Syria closed the Jdeidet Yabous crossing to Lebanese travellers."))
    assert (claim.crossing_id, claim.status, claim.restriction, claim.side) == (
        "masnaa",
        "restricted",
        "some nationals barred",
        "SY",
    )


@pytest.mark.parametrize(
    ("sentence", "opened", "closed"),
    [
        (
            "The Jousieh crossing, closed on August 12, reopened to travellers on Saturday.",
            date(2024, 10, 5),
            date(2024, 8, 12),
        ),
        (
            "On Monday, the Arida crossing reopened after being shut on 2 October.",
            date(2024, 10, 7),
            date(2024, 10, 2),
        ),
    ],
)
def test_a_date_belongs_to_the_cue_before_it(
    claims_of, sentence: str, opened: date, closed: date
) -> None:
    assert [(c.status, c.window.start) for c in claims_of(sentence)] == [
        ("open", opened),
        ("closed", closed),
    ]


def test_an_undated_closure_an_opening_ends_makes_no_claim(claims_of) -> None:
    claim = one(claims_of("The Arida crossing reopened on Monday after a two-week closure."))
    assert claim.status == "open"


def test_a_clause_about_other_crossings_says_nothing_of_the_named_one(claims_of) -> None:
    assert (
        claims_of(
            "Most traffic has gone through Masnaa since the northern crossings were damaged "
            "or closed."
        )
        == []
    )


def test_an_area_name_alone_is_no_crossing(claims_of) -> None:
    assert claims_of("Residents blocked the main road through Wadi Khaled on Monday.") == []
    claim = one(claims_of("The army closed illegal crossings in Wadi Khaled on Monday."))
    assert (claim.crossing_id, claim.status) == ("wadi_khaled", "closed")


def test_an_opening_reports_no_damage(claims_of) -> None:
    claim = one(claims_of("The Matraba crossing reopened on Monday, its damaged bridge repaired."))
    assert (claim.status, claim.damaged) == ("open", False)


def test_a_strike_near_a_crossing_says_nothing_of_its_state(claims_of) -> None:
    assert claims_of("An Israeli strike hit a road near the Masnaa crossing on Friday.") == []
    claim = one(
        claims_of(
            "An Israeli strike hit near the Masnaa crossing on Friday, "
            "but the crossing remained open."
        )
    )
    assert (claim.crossing_id, claim.status, claim.damaged) == ("masnaa", "open", False)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Traffic at the Masnaa crossing came to a halt on Friday.", "closed"),
        ("Israel bombed the Jousieh crossing on Friday, rendering it impassable.", "closed"),
        ("Syria announced the reopening of the Jdeidet Yabous crossing on Friday.", "open"),
        ("The Masnaa crossing was closed for the third consecutive day on Friday.", "closed"),
    ],
)
def test_more_ways_to_say_a_state(claims_of, sentence: str, status: str) -> None:
    claim = one(claims_of(sentence))
    assert (claim.status, claim.window.start) == (status, date(2024, 10, 4))


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Beirut shut it on Oct. 5 after Gen. Aoun spoke. The U.S. Army left. Next."
    assert [s.text for s in split_sentences(text)] == [
        "Beirut shut it on Oct. 5 after Gen. Aoun spoke.",
        "The U.S. Army left.",
        "Next.",
    ]
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.start + len(sentence.text)] == sentence.text


def test_an_abbreviated_month_dates_the_claim(claims_of) -> None:
    claim = one(claims_of("Beirut closed the Qaa crossing on Oct. 5 over an outbreak of cholera."))
    assert (claim.window.start, claim.reason, claim.side) == (date(2024, 10, 5), "health", "LB")


def test_a_status_list_by_crossing(claims_of) -> None:
    claims = claims_of(
        "Status of the crossing points on 7 October: Jdaidet Yabous – open; Joussieh – closed; "
        "Al Arida – open; Daboussieh – closed."
    )
    assert [(c.crossing_id, c.status, c.window.start) for c in claims] == [
        ("masnaa", "open", date(2024, 10, 7)),
        ("qaa", "closed", date(2024, 10, 7)),
        ("arida", "open", date(2024, 10, 7)),
        ("aboudiyeh", "closed", date(2024, 10, 7)),
    ]


def test_the_date_of_another_state_does_not_date_this_one(claims_of) -> None:
    opened, closed = claims_of(
        "Syrian authorities have reopened the Dabousiyeh crossing, which was closed in 2012."
    )
    assert (opened.status, opened.window.start, opened.dated_by) == ("open", PUBLISHED, "published")
    assert (closed.status, closed.window.start) == ("closed", date(2012, 1, 1))
    struck = one(claims_of("The Qaa crossing was struck on Friday and closed."))
    assert (struck.window.start, struck.damaged) == (date(2024, 10, 4), True)


def test_a_strike_that_cuts_the_road_to_a_crossing_closes_it(claims_of) -> None:
    claim = one(
        claims_of(
            "An Israeli air strike on Friday cut the main road between Lebanon and Syria near "
            "the Masnaa crossing, Lebanon's transport minister said."
        )
    )
    assert (claim.status, claim.damaged, claim.window.start) == ("closed", True, date(2024, 10, 4))
    assert claim.attribution == "Lebanon's transport minister"


def test_the_speaker_at_the_head_of_the_sentence(claims_of) -> None:
    claim = one(claims_of("General Security said the Qaa crossing was out of service on Friday."))
    assert (claim.status, claim.attribution) == ("closed", "General Security")


def test_all_the_crossings_of_one_part_of_the_border(claims_of) -> None:
    closed = claims_of(
        "Israeli strikes have put all the official crossings in northern Lebanon out of service."
    )
    assert sorted(c.crossing_id for c in closed) == ["aboudiyeh", "arida", "jisr_qamar"]
    reopened = claims_of("The northern crossings reopened on Monday.")
    assert {(c.crossing_id, c.status) for c in reopened} == {
        ("arida", "open"),
        ("aboudiyeh", "open"),
        ("jisr_qamar", "open"),
    }


def test_a_background_clause_makes_no_claim(claims_of) -> None:
    assert (
        claims_of(
            "Most traffic has gone through Masnaa, on the highway, since the northern crossings "
            "were damaged or closed."
        )
        == []
    )
    claim = one(claims_of("Masnaa reopened after the Qaa crossing was closed."))
    assert (claim.crossing_id, claim.status) == ("masnaa", "open")


def test_region_directories_extend_and_override_the_crossings(tmp_path) -> None:
    (tmp_path / "crossings.yaml").write_text(
        "crossings:\n"
        "  - id: masnaa\n    name: Masnaa\n    kind: official\n    lat: 33.70\n    lon: 35.92\n"
        "    names: [Masnaa, Al-Masnaa Post]\n    sources: [a local survey]\n"
        "  - id: new_point\n    name: Nowhere Ford\n    kind: informal\n    lat: null\n"
        "    lon: null\n    names: [Nowhere Ford]\n    sources: [a field report]\n",
        encoding="utf-8",
    )
    crossings = load_crossings((str(tmp_path),))
    assert crossings.get("masnaa").sources == ("a local survey",)  # replaced by id
    assert crossings.get("qaa") is not None  # the packaged ones stay
    extractor = ClaimExtractor(crossings)
    text = "The army closed the Nowhere Ford crossing on Monday."
    article = Article(doc_key="k", source="d", text=text, published=PUBLISHED)
    assert [c.crossing_id for c in extractor.extract(article, split_sentences(text))] == [
        "new_point"
    ]


def test_a_malformed_crossing_is_a_one_line_error(tmp_path) -> None:
    from borderwatch.errors import RegionDataError

    (tmp_path / "crossings.yaml").write_text(
        "crossings:\n  - id: x\n    name: X\n    kind: ferry\n", encoding="utf-8"
    )
    with pytest.raises(
        RegionDataError,
        match=r"crossings.yaml: crossing .* is malformed \(kind 'ferry' is not one of",
    ):
        load_crossings((str(tmp_path),))


def test_the_headline_names_the_crossing_of_the_first_lines() -> None:
    extractor = ClaimExtractor(load_crossings())
    text = "The crossing was closed on Monday after an Israeli strike, officials said."
    article = Article(
        doc_key="k",
        source="d",
        text=text,
        published=PUBLISHED,
        title="Israel strikes Lebanon's Masnaa crossing",
    )
    [claim] = extractor.extract(article, split_sentences(text))
    assert (claim.crossing_id, claim.status, claim.scope) == ("masnaa", "closed", "context")
    untitled = Article(doc_key="k", source="d", text=text, published=PUBLISHED)
    assert extractor.extract(untitled, split_sentences(text)) == []
