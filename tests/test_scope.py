"""ACLED scope, trigger senses and minimum arguments (extract/scope.py, extract/sense.py,
data/scope.yaml), on invented sentences for each class of news that reports no codable event,
with in-scope controls written the same way so that precision is not bought with recall."""

from __future__ import annotations

from datetime import date

import pytest

from borderwatch.region import load_region

from .extracting import exported, extract

# Each class of issue 18, in words of our own; none reports an event ACLED would code.
NOT_EVENTS = {
    "disaster": [
        "The hurricane killed 14 people across the islands on Tuesday.",
        "A powerful earthquake killed at least 30 villagers in the mountains overnight.",
    ],
    "disease": [
        "The virus has killed more than 200 patients in the province since March.",
        "Cholera killed nine children in the camp last week, health officials said.",
    ],
    "drug": [
        "Fentanyl overdoses killed 40 residents of the county last year.",
        "Doctors warned that a single dose of the pills can kill a child.",
    ],
    "accident": [
        "Three passengers were killed when a bus collided with a truck on the motorway.",
        "Two workers were killed in a crash at the factory on Monday.",
    ],
    "sports": [
        "The visiting team stormed back in the second half to win the match.",
        "The champion attacked early in the bout and knocked out his rival in the third round.",
        "United captured the league title with a 2-0 win over City on Sunday.",
    ],
    "illness": [
        "The former mayor died in hospital on Friday after a long battle with cancer.",
    ],
    "crime": [
        "Police arrested the restaurant owner on Thursday on charges of fraud and theft.",
        "A man was arrested after he stole a car from a petrol station, police said.",
        "The accountant was detained on Monday over the embezzlement of company funds.",
    ],
    "trade": [
        "The two companies agreed a merger worth 4 billion dollars on Wednesday.",
        "The ministers suspended the trade talks and will meet again in June.",
        "The government approved the sale of 40 rockets to a foreign buyer for $2 billion.",
    ],
    "rhetoric": [
        "The senator attacked the decision in a speech on Monday.",
        "The columnist blasted the investigation as a waste of money.",
        "Critics said the bill was an attack on our values.",
    ],
    "generic": [
        "Smugglers often attack border patrols at night in the region.",
        "Landmines can kill long after a war ends.",
    ],
    "other sense": [
        "The new rule forces energy companies to capture methane gas at drilling sites.",
        "The study demonstrated the influence of the students on the debate.",
        "She withdrew her application from the committee on Monday.",
        "The bank's capabilities were reinforced by the new financing.",
        "Scientists gathered data on rainfall across the region.",
        "Many voters cast protest votes for the smaller parties.",
    ],
}


@pytest.mark.parametrize(
    ("kind", "text"), [(k, t) for k, texts in NOT_EVENTS.items() for t in texts]
)
def test_news_that_reports_no_codable_event_exports_nothing(extractor, kind, text) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert not got, (kind, [(m.sub_event_type, m.why) for m in got])


IN_SCOPE = [
    (
        "Gunmen kidnapped two farmers near the border village on Monday.",
        "Abduction/forced disappearance",
    ),
    ("Rebel fighters captured the town after heavy clashes with government troops.", None),
    # protesters arrested at their protest: an intervention in it (Codebook: Protests)
    ("Police arrested 40 protesters outside parliament on Sunday.", "Protest with intervention"),
    (
        "Thousands of protesters marched through the capital demanding new elections.",
        "Peaceful protest",
    ),
    ("Warplanes struck rebel positions near the city, killing six fighters.", None),
    # drug crime for ACLED, border business in the border zone (scope "border")
    ("The army seized 2 million captagon pills at the Masnaa border crossing on Friday.", None),
    ("The two sides agreed a ceasefire and a prisoner exchange on Tuesday.", "Agreement"),
    ("A roadside bomb exploded next to an army patrol near the town.", None),
    (
        "Protesters gathered outside the ministry on Monday demanding unpaid wages.",
        "Peaceful protest",
    ),
    (
        "Thousands of people took to the streets of the capital against the new tax.",
        "Peaceful protest",
    ),
    (
        "Dozens of villagers attacked a police post with sticks and stones on Friday.",
        "Mob violence",
    ),
    # a passive report without an agent: the victims named do not name the kidnapper
    (
        "Two women were kidnapped near Arsal on Sunday.",
        "Abduction/forced disappearance",
    ),
]


@pytest.mark.parametrize(("text", "sub"), IN_SCOPE)
def test_reports_of_codable_events_still_export(extractor, text, sub) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert got, [(m.modality, m.why) for m in extract(extractor, text)]
    if sub is not None:
        assert sub in {m.sub_event_type for m in got}
    assert all(m.why.get("scope", "").startswith("admitted") for m in got)


def test_out_of_scope_is_kept_as_unconfirmed_with_its_reason(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Police arrested the restaurant owner on Thursday on charges of fraud and theft."
    arrests = [m for m in extract(extractor, text) if m.sub_event_type == "Arrests"]
    assert arrests and arrests[0].modality == "out_of_scope"
    assert "crime" in arrests[0].why["scope"] and arrests[0].why["codebook"].startswith("Codebook")


def test_every_scope_rule_cites_the_codebook_and_names_known_evidence() -> None:
    scope = load_region().lexicon.scope
    cues = set(scope["cues"]) | set(load_region().lexicon.classes)
    known = {
        "organised_actor",
        "state_actor",
        "armed_target",
        "political",
        "security",
        "crowd",
        "gathering_noun",
        "mass",
        "war_weapon",
        "place_taken",
        "captives",
        "weapons",
        "border_security",
        "unknown_perpetrator",
        "conflict_talk",
        "known_actor",
        "armed_doer",
        "place_named",
        "two_sided",
        "civilian_toll",
        "specific_toll",
        "known_armed_target",
        # who and why (issue 24)
        "political_target",
        "crime_suspect",
        "lone_individual",
        "collective",
        "border_tag",
        "border_zone",
        "communal_raid",
        "migrants_held",
        # a ceasefire or truce is an agreement between armed sides (issue 22, item 4)
        "truce",
    }
    assert scope["rules"]
    for rule in scope["rules"]:
        cites = "Borderwatch scope" if rule.get("scope") == "border" else "Codebook"
        assert rule["codebook"].startswith(cites), rule["id"]
        assert all(e in known for group in rule["needs"] for e in group), rule["id"]
        assert all(topic in cues for topic in rule["out"]), rule["id"]
        assert all(e in known for e in rule.get("unless", ())), rule["id"]
        assert all(e in known for e in rule.get("out_if", ())), rule["id"]
    for trigger_id, sense in scope["senses"].items():
        for key in ("object_any", "object_none", "subject_none", "arguments_any"):
            assert all(c in cues or c in ("place", "actor") for c in sense.get(key, ())), trigger_id


def test_event_says_why_it_passed_and_unconfirmed_ones_why_not(tmp_path, pipeline) -> None:  # type: ignore[no-untyped-def]
    """`borderwatch event ID` and the API print the stored event: it carries the trigger sense,
    arguments and scope rule that admitted it; an out-of-scope report is stored unconfirmed."""
    from borderwatch.model import RawDocument
    from borderwatch.store import EventFilter, Store

    text = (
        "Gunmen kidnapped two farmers near the border village on Monday.\n"
        "Police arrested the restaurant owner on Thursday on charges of fraud and theft."
    )
    store = Store(str(tmp_path / "why.db"))
    raw = RawDocument(
        source="why.txt",
        content=text.encode(),
        media_type="text/plain",
        published=date(2024, 5, 20),
        outlet="Wire",
    )
    list(pipeline.ingest(store, [raw]))
    shown = store.events(EventFilter())
    assert [e["sub_event_type"] for e in shown] == ["Abduction/forced disappearance"]
    event = store.event(shown[0]["event_id"])
    assert event is not None
    why = event["why"]
    assert why["trigger"].startswith("abduction:") and "kidnapped" in why["trigger"]
    assert why["scope"].startswith("admitted by abduction") and "organised_actor" in why["scope"]
    assert "actor1=" in why["arguments"] and why["codebook"].startswith("Codebook")
    unconfirmed = store.events(EventFilter(include_unconfirmed=True))
    arrest = [e for e in unconfirmed if e["sub_event_type"] == "Arrests"]
    assert arrest and store.event(arrest[0]["event_id"])["modality"] == "out_of_scope"  # type: ignore[index]
