"""No event where nothing happened, and a hedge on who did it is no hedge on whether it happened
(syria_actors GUIDE.md: threats, plans, calls, rhetoric, summaries and background are no event;
attribution is no speculation).  Invented sentences of Syrian war and Lebanese border news, none
from a dev set; each group names the rule it guards and fails without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .extracting import exported, extract

QUIET_FILE = Path(__file__).parent / "data" / "invented_syria_quiet.jsonl"
# The second coded file: 85 non-events of every form the GUIDE names, 41 hedged events.
QUIET2_FILE = Path(__file__).parent / "data" / "invented_syria_quiet2.jsonl"

# Sentences that report no codable event: nothing may be exported.
QUIET = [
    # a demand or a call is a wish (hedges.requested)
    "The Syrian foreign ministry condemned what it called a Turkish violation of national "
    "sovereignty and demanded the withdrawal of all foreign troops.",
    "The UN urged the withdrawal of all armed groups from the camp.",
    "The council called on the regime to stop its attacks on civilians and release all detainees.",
    # an anniversary counts from an event, it reports none (standing.remembered)
    "Tuesday marks five years since the chemical attack on eastern Ghouta that killed hundreds "
    "of people.",
    # a deed judged, not reported (charges.judged: a singular subject, "described ... as")
    "The opposition spokesman said the regime's bombardment of residential areas is a clear "
    "violation of international law.",
    "The minister described the shelling as a provocation and said Lebanon reserves the right "
    "to respond.",
    # a pledge is a plan (triggers.yaml modality cues)
    "The rebels pledged to respond to the regime's violations of the truce.",
    # deeds done again and again (standing.iterated: "on several occasions")
    "Human rights groups have documented the use of chemical weapons by government forces on "
    "several occasions.",
    # a campaign or a practice (standing.campaign)
    "The Coalition's president stressed that the regime's continued bombardment of civilian "
    "areas undermines the political process.",
    "The regime continues to arrest young men at checkpoints and force them to join its army.",
    # an agreement held to is one in place (sense held_to_none)
    "The opposition reiterated its commitment to the ceasefire agreement and called on Russia "
    "to rein in the regime.",
]

# Sentences whose events stand whatever is hedged: (sentence, the sub-type exported).
HEDGED = [
    # a hedge on the doer the parser reads as the main verb (hedges.hedge_on_subject)
    (
        "Jets believed to be Russian bombed a bakery in the town of Atareb on Monday, killing "
        "eight people.",
        None,
    ),
    (
        "The car bomb, believed to have been planted by Islamic State militants, killed five "
        "soldiers in Qamishli on Sunday.",
        "Remote explosive/landmine/IED",
    ),
    # speculation on who carried out a deed told as done (hedges.presupposed)
    (
        "Islamic State militants are believed to have carried out the bombing that killed 20 "
        "people in Jableh on Monday.",
        "Remote explosive/landmine/IED",
    ),
    # a relative clause in the past is a fact under a vow (hedges.told_as_done)
    ("The army vowed to punish the militants who killed five soldiers near Arsal on Monday.", None),
    # the subject of "are said to have" is the doer, no source (scope_evidence.own_tokens)
    (
        "Unknown assailants are said to have shot dead a local council member in Idlib city on "
        "Tuesday.",
        "Attack",
    ),
    (
        "Protesters were said to have blocked the main road in Suwayda on Friday to demand the "
        "release of detainees.",
        "Peaceful protest",
    ),
    # guards: attribution and hedges already read right
    (
        "A drone believed to be Russian struck a market in the town of Saraqeb on Tuesday, "
        "killing six civilians.",
        "Air/drone strike",
    ),
    (
        "According to the Syrian Observatory for Human Rights, government forces recaptured the "
        "village of Tal Jabin on Monday.",
        "Government regains territory",
    ),
    ("Continued shelling killed five civilians in Douma on Monday.", None),
]


@pytest.mark.parametrize("text", QUIET)
def test_no_event_is_exported(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [m.sub_event_type for m in exported(extractor, text)] == []


@pytest.mark.parametrize(("text", "sub_type"), HEDGED)
def test_hedged_event_stands(extractor, text: str, sub_type: str | None) -> None:  # type: ignore[no-untyped-def]
    found = exported(extractor, text)
    assert found, text
    if sub_type is not None:
        assert sub_type in {m.sub_event_type for m in found}


def test_negotiated_swap_is_no_agreement(extractor) -> None:  # type: ignore[no-untyped-def]
    """A swap under negotiation is sought, not done (hedges.requested: SEEKING_NOUNS)."""
    text = "Negotiations on a prisoner swap between Hezbollah and the Nusra Front stalled again."
    assert "Agreement" not in {m.sub_event_type for m in exported(extractor, text)}


def test_since_clause_is_no_event(extractor) -> None:  # type: ignore[no-untyped-def]
    """A clause after "since" names a point in time (standing.since_anchor)."""
    text = "The attack was the deadliest on the town since the truce took effect in February."
    assert "Agreement" not in {m.sub_event_type for m in exported(extractor, text)}


def test_raised_protesters_act(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "Protesters were said to have blocked the road": the protesters block it
    (sense._raised_to); the protest is read, whatever scope then decides."""
    text = "Protesters were said to have blocked the main road in Suwayda on Friday."
    assert "Peaceful protest" in {m.sub_event_type for m in extract(extractor, text)}


def test_invented_quiet_file(extractor) -> None:  # type: ignore[no-untyped-def]
    """The coded file: the non-events quiet, most hedged events found."""
    rows = [json.loads(x) for x in QUIET_FILE.read_text(encoding="utf-8").splitlines() if x]
    loud = [r["text"] for r in rows if not r["event"] and exported(extractor, r["text"])]
    found = sum(bool(exported(extractor, r["text"])) for r in rows if r["event"])
    # one known miss: "the territory it retakes" (a present relative clause; the rule that read
    # it as a habit cost recall on the India set and was dropped)
    assert len(loud) <= 1, loud
    assert found >= 19


def test_invented_quiet2_file(extractor) -> None:  # type: ignore[no-untyped-def]
    """The second coded file (futures, conditions, questions, denials, tallies, calls,
    background clauses, analysis headlines; events under hedges)."""
    rows = [json.loads(x) for x in QUIET2_FILE.read_text(encoding="utf-8").splitlines() if x]
    loud = [r["text"] for r in rows if not r["event"] and exported(extractor, r["text"])]
    missed = [r["text"] for r in rows if r["event"] and not exported(extractor, r["text"])]
    # known: talks between the sides are coded talks (scope rule security-talks) even when they
    # end without a deal; a capture "in 2014" in a relative clause is history by the GUIDE but
    # the demo's coding takes such past events as events; a "gas attack" typed as a clash lacks
    # its armed sides; bodies found of men shot dead lack a civilian word; "are believed to have
    # captured X on Friday" stays speculated (a reading of it as reported was dropped twice: it
    # lowered the Syrian check half's actor2 and fatalities, moving nothing on the tune half)
    assert len(loud) <= 2, loud
    assert len(missed) <= 3, missed


def test_this_year_is_no_anniversary(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "Earlier this year, after fighting ...": a date, not years counted since an event."""
    text = (
        "Earlier this year, after heavy fighting between the army and clan gunmen in the same "
        "area, the two governments agreed to begin talks on the border."
    )
    assert "Armed clash" in {m.sub_event_type for m in exported(extractor, text)}


# A present perfect summing up a campaign, with no day named (standing.summed_up), and events
# that stay: a named place or a day makes the deed one incident.
SUMMED = [
    "The Kurdish militia has lost hundreds of fighters in the battle for Kobani.",
    "Government forces have killed more civilians than any other party to the conflict, the "
    "report said.",
    # a practice or the war as a whole (standing.standing_practice)
    "ISIS kills anyone who smokes or listens to music.",
    "Kurdish fighters have been at the forefront of the fight against ISIS in northern Syria.",
    # years before the news (standing.years_before)
    "The militants had killed his brother two years earlier.",
    # a reduced relative under a present clause (modality: the clause verb's simple present)
    "The number of civilians killed by coalition strikes is disputed.",
]
NOT_SUMMED = [
    "Regime forces have recaptured much of eastern Aleppo.",
    "Five soldiers have been killed in the battle for Palmyra on Monday.",
    "The army has arrested hundreds of people in the town of Arsal since Monday.",
    "Snipers have killed dozens of residents of the town of Madaya in recent days.",
    "Gunmen killed everyone in the house in the village of Tal Abyad on Sunday.",
]


@pytest.mark.parametrize("text", SUMMED)
def test_summed_up_is_no_event(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [m.sub_event_type for m in exported(extractor, text)] == []


@pytest.mark.parametrize("text", NOT_SUMMED)
def test_incident_in_perfect_stands(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, text), text
