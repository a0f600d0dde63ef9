"""An institution, an office or a force a country is said to own: "Kenya's government", "the
government of Kenya", "Sweden's foreign ministry", "Lebanon's President Elias Hrawi", "the
president of Armenia", "Ethiopia's police" stand for that state, as ACLED codes them: its
police or military forces for a force, its government for the rest.

The words alone ("the government", "the president") name no state; the owner is said by a
possessive country before them, an "of" after them or a nationality ("Kenyan President X").
Only whole country names count: a city's ("Cairo's security chief") is a local body, and a
region's is no state.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from ..model import ActorRef
from ..resolve.actors import ActorResolver, nationality
from ..resolve.states import capital_of, country_named

# Heads that name a state's government or one of its offices and bodies.
GOVERNMENT_HEADS = frozenset(
    {
        "government",
        "administration",
        "cabinet",
        "ministry",
        "minister",
        "president",
        "premier",
        "king",
        "parliament",
        "authorities",
        "leader",
        "leadership",
        "regime",
        "official",
        "officials",
        "spokesman",
        "envoy",
        "ambassador",
        "embassy",
        "delegation",
        "chancellor",
    }
)
# Heads that name its armed forces, and those that name its police.
MILITARY_HEADS = frozenset(
    {"army", "military", "troops", "soldiers", "forces", "navy", "force", "warplanes", "jets"}
    | {"armies", "militaries", "navies"}  # "the Indian and Pakistani armies"
)
POLICE_HEADS = frozenset({"police", "policemen", "gendarmerie"})


def owning_state(
    span: Span, actors: ActorResolver, on: date | None, *, violent: bool
) -> ActorRef | None:
    """The state ``span`` stands for when a country is said to own it; else None."""
    heads = {span.root.lower_} | {t.lower_ for t in span.root.children if t.dep_ == "compound"}
    police = bool(heads & POLICE_HEADS)
    military = bool(heads & MILITARY_HEADS)
    if not (police or military or heads & GOVERNMENT_HEADS):
        return None
    # "Kenyan President Uhuru Kenyatta": a nationality before a title owns the office too
    before = " ".join(t.text for t in span.root.subtree if t.i <= span.root.i)
    code = _owner(span.root, capital=police or military) or nationality(before)
    if code is None:
        return None
    if not (police or military):
        return actors.state_of(code, on, violent=False, text=span.text)
    forces = actors.by_id("state-forces-unidentified", on)
    if forces is None:
        return None
    word = "police" if police else "forces"
    generic = ActorRef(f"{word} {span.text}", forces.canonical, forces.actor_id, forces.inter)
    found = actors.localise(generic, code, on)
    return ActorRef(span.text, found.canonical, found.actor_id, found.inter, found.country)


def _owner(head: Token, *, capital: bool = False) -> str | None:
    """The country a possessive before ``head`` ("Kenya's") or an "of" after it ("of
    Kenya") names.  With ``capital`` (a force's head) a capital's possessive names its state
    too ("Baghdad's forces", "Moscow's troops"): a city keeps no army of its own, where it
    has local bodies ("Cairo's security chief")."""
    for child in head.children:
        if child.dep_ == "poss":
            owner = _whole(child)
            return country_named(owner) or (capital_of(owner) if capital else None)
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [t for t in child.children if t.dep_ == "pobj"]
            return country_named(_whole(objects[0])) if objects else None
    return None


def _whole(token: Token) -> str:
    """The words of a name the token heads ("United States" for "States"), no possessive."""
    words = [t for t in token.subtree if t.dep_ not in ("case", "det")]
    return " ".join(t.text for t in words)


# Verbs whose subject is a place even when it is a capital: what happened there ("Damascus
# witnessed clashes", "Kabul fell", "Beirut shook"), not what its state did.
PLACE_VERBS = frozenset(
    {
        "be",
        "have",
        "see",
        "witness",
        "experience",
        "host",
        "fall",
        "shake",
        "remain",
        "become",
        "lie",
        "sit",
        "border",
        "come",
        "suffer",
        "wake",
        "endure",
        "face",
    }
)


def capital_acting(ent: Span) -> bool:
    """A capital as the doer of a deed stands for its state ("Moscow deployed troops",
    "Nairobi expelled the envoy"), as news writes it; as the subject of what happened there
    ("Damascus witnessed clashes") or anywhere else in a sentence it stays a place."""
    root = ent.root
    if root.dep_ != "nsubj" or root.head.pos_ != "VERB":
        return False
    if root.head.lemma_.lower() in PLACE_VERBS:
        return False
    return capital_of(ent.text) is not None
