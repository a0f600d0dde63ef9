"""What a person in office and an unnamed government stand for, as ACLED names them.

ACLED's actors are organisations, never people: what a head of state, a prime minister or a
minister does is coded to the government they served on the day ("Government of Turkey" for
Erdogan, for his years as prime minister and as president alike), and a general's or a
commander's deeds to the force they commanded (ACLED Codebook, actor naming; the Syria coding
guide's "Government of Syria (2000-2024)").  A government the words do not name ("the
government and the rebels agreed", "the authorities arrested") is the government of the
country the event happened in.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from ..model import ActorRef
from ..region import ActorEntry, Role


class ActorsById(Protocol):
    """What an office needs of the actor resolver: the base's entry of an id, as named on a
    day (a protocol, so that this module does not import ``actors``, which imports it)."""

    def by_id(self, actor_id: str, on: date | None = None) -> ActorEntry | None: ...


# The words by which news names the government of the country it reports from without
# naming it ("the government", "the authorities"); kept out of the knowledge base's aliases,
# where the entity ruler would mark every "government-held" and "government said".
BARE_GOVERNMENT = frozenset(
    {
        "government",
        "governments",
        "authorities",
        "state authorities",
        "government authorities",
        "central government",
        "national government",
        "the state",
    }
)
# Heads of a state's body named with a nationality the base holds no entry for ("the Saudi
# Interior Ministry", "the Qatari cabinet"): that state's government (ACLED: Government of X).
GOVERNMENT_BODY_WORDS = frozenset(
    {"ministry", "ministries", "government", "cabinet", "presidency", "authorities"}
)


def bare_government(text: str) -> bool:
    """Whether ``text`` names a government only by the word ("the government", "local
    authorities" does not: a town's council is no state's government)."""
    words = text.lower().split()
    if words and words[0] in ("the", "a"):
        words = words[1:]
    return " ".join(words) in BARE_GOVERNMENT


def government_body(words: list[str]) -> bool:
    """Whether ``words`` end with a word for a state's government body ("... Interior
    Ministry", "... cabinet")."""
    return bool(words) and words[-1].lower() in GOVERNMENT_BODY_WORDS


def office_holder(actors: ActorsById, ref: ActorRef, on: date | None) -> ActorRef | None:
    """The organisation a person of the base served on ``on`` (their role's), named as it is
    on that day; None when ``ref`` is no person or held no role then (a person out of office
    acts for no state: their name stays)."""
    entry = actors.by_id(ref.actor_id, on) if ref.actor_id else None
    if entry is None or entry.kind != "person" or not entry.roles:
        return None
    role = role_on(entry, on)
    org = actors.by_id(role.org, on) if role is not None and role.org else None
    if org is None or org.kind == "person":
        return None
    return ActorRef(ref.text, org.canonical, org.actor_id, org.inter, org.country)


def role_on(entry: ActorEntry, on: date | None) -> Role | None:
    """The role (or affiliation) ``entry`` held on ``on``; the latest one when no date."""
    if not entry.roles:
        return None
    if on is None:
        return entry.roles[-1]
    for role in entry.roles:
        if (role.start is None or role.start <= on) and (role.end is None or on < role.end):
            return role
    return None
