"""Resolve actor names to knowledge-base entries, choosing the entry valid on the event's date.

The same string can name different things over time ("the Syrian army" before and after
December 2024) and a person holds different roles over time; the resolver picks the entry whose
validity covers the date, else the nearest one in time, and reports the role held on that date.
Unknown actors stay as written, with a generic ACLED type when the words say one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..acled import COUNTRY_SUFFIXED, with_country
from ..acled import country_name as geonames_country_name
from ..model import ActorRef
from ..region import ActorEntry, RegionData, Role
from .demonyms import DEMONYMS, nationality
from .offices import bare_government, government_body, office_holder, role_on
from .places import normalise

__all__ = ["ActorResolution", "ActorResolver", "country_name", "nationality", "role_on"]

# The generic entry for unnamed state forces ("troops", "security forces"): given a country,
# ACLED codes them as that country's military (or police) forces of the period.
STATE_FORCES_ID = "state-forces-unidentified"
# ACLED's actor for state forces whose state is not said ("unidentified warplanes"); also the
# name of unnamed forces when the event's country is not known either.
UNIDENTIFIED_FORCES_ID = "unidentified-military-forces"
# The generic entry for Kurdish armed forces not named ("Kurdish fighters"): ACLED codes them
# as the Kurdish force of the country they fight in (entries of the base, by country; in Iran
# the insurgent PJAK, the Kurdish armed group fighting there since 2004).
KURDISH_FORCES_ID = "kurdish-forces-unidentified"
KURDISH_FORCES_BY_COUNTRY = {"SY": "ypg", "IQ": "peshmerga", "TR": "pkk", "IR": "pjak"}
# Unnamed Kurdish police and security forces ("Kurdish security forces arrested ..."): the
# Asayish where the Kurdish-run administration polices (Syria); elsewhere the base has none.
KURDISH_SECURITY_ID = "kurdish-security-unidentified"
KURDISH_SECURITY_BY_COUNTRY = {"SY": "asayish"}
KURDISH_BY_ID = {
    KURDISH_FORCES_ID: KURDISH_FORCES_BY_COUNTRY,
    KURDISH_SECURITY_ID: KURDISH_SECURITY_BY_COUNTRY,
}
# The branches a transnational group had in a country, over time (each entry's validity says
# when it was that branch): al-Qaeda's in Syria were the Nusra Front (pledged in April 2013,
# renamed when it announced the break of ties in July 2016) and Hurras al-Din (from 2018).
BRANCHES = {("al-qaeda", "SY"): ("nusra-front", "hurras-al-din")}
# The generic armed opposition, and the words for fighters of no stated side: with a foreign
# state's nationality ("Russian fighters") they are its forces when it has some in the war.
REBELS_ID = "rebels"
FIGHTER_WORDS = frozenset({"fighter", "fighters"})
# Names ACLED gives a state's forces that need no entry of ours ("Military Forces of Chad"):
# :meth:`ActorResolver.localise` builds them from the country when the base has none.
STATE_FORCE_NAMES = ("Military Forces of ", "Police Forces of ", "Government of ")
POLICE_WORDS = frozenset({"police", "policemen", "policeman", "police officers", "riot police"})
# Words that say what a named group is, after its name ("the Nusra Front militant group").
DESCRIPTORS = frozenset(
    {
        "group",
        "groups",
        "rebel",
        "rebels",
        "militant",
        "militants",
        "militia",
        "militias",
        "faction",
        "factions",
        "movement",
        "organisation",
        "organization",
        "jihadist",
        "jihadists",
        "fighters",
        "terrorist",
        "insurgent",
        "insurgents",
        # the people of a group, named by it ("Hezbollah members", "an IS cell", "Amal
        # gunmen"): ACLED codes the group itself
        "member",
        "members",
        "cell",
        "cells",
        "operative",
        "operatives",
        "agent",
        "agents",
        "gunmen",
        "militiamen",
    }
)
# Words for some of a group's people, before the group ("members of Hezbollah", "gunmen from
# the Jaafar clan"): the group named after them is the actor; after a place or anything the
# base does not know as a group ("gunmen from Syria", "residents of Arsal") the words before
# "of"/"from" name the actor.
MEMBER_WORDS = frozenset(
    {
        "member",
        "members",
        "fighter",
        "fighters",
        "gunmen",
        "gunman",
        "militants",
        "militiamen",
        "operatives",
        "elements",
        "men",
        "armed men",
        "cell",
        "cells",
    }
)
LINKS = (" of ", " from ")
# A state's officials ("Syrian officials", "Lebanese border officials", "Jordanian
# authorities"): ACLED codes what they do as that state's government of the period.
OFFICIAL_WORDS = frozenset({"official", "officials", "authorities"})
# A part of a force ("Syrian army units", "Syrian air defences", "a Hezbollah patrol"): the
# force named before it, or the military of the state a nationality names ("Syrian units").
UNIT_WORDS = ("units", "unit", "patrol", "patrols", "air defences", "air defenses")


# Countries ACLED names otherwise than GeoNames does, for the names of generic actors
# ("Civilians (Palestine)"; ACLED's country list: acleddata.com, "Palestine").
ACLED_COUNTRY_NAMES = {"PS": "Palestine"}


def country_name(code: str | None) -> str | None:
    """The country's name as ACLED writes it in actor names."""
    return ACLED_COUNTRY_NAMES.get(code or "") or geonames_country_name(code)


@dataclass(frozen=True)
class ActorResolution:
    entry: ActorEntry
    role: Role | None


class ActorResolver:
    """Alias index over the actor knowledge base; built once per process."""

    def __init__(self, region: RegionData) -> None:
        self._by_id = {a.actor_id: a for a in region.actors}
        self._by_alias: dict[str, list[ActorEntry]] = {}
        self._by_context: dict[str, list[ActorEntry]] = {}
        for actor in region.actors:
            for name in actor.context_aliases:
                self._by_context.setdefault(normalise(name), []).append(actor)
        for actor in region.actors:
            for name in (actor.canonical, *actor.aliases):
                self._by_alias.setdefault(normalise(name), []).append(actor)
                self._by_alias.setdefault(normalise(_strip_article(name)), []).append(actor)

    def by_id(self, actor_id: str, on: date | None = None) -> ActorEntry | None:
        entry = self._by_id.get(actor_id)
        if entry is None:
            return None
        return self._pick(self._by_alias.get(normalise(entry.canonical), [entry]), on, entry)

    def government_of(self, country_code: str, on: date | None = None) -> ActorEntry | None:
        """The government of a country valid on ``on`` ("Lebanon agreed" -> its government)."""
        entries = [
            a
            for a in self._by_id.values()
            if a.country == country_code and a.canonical.startswith("Government of")
        ]
        return self._pick(entries, on, entries[0]) if entries else None

    def lookup(self, text: str, on: date | None = None) -> ActorResolution | None:
        """The entry ``text`` names on date ``on`` (None: unknown), with the role held then."""
        entries = self._by_alias.get(normalise(_strip_article(text)))
        if not entries and ("'s " in text or "\u2019s " in text):
            # "Assad's troops" as the base's "Assad troops"
            plain = text.replace("'s ", " ").replace("\u2019s ", " ")
            entries = self._by_alias.get(normalise(_strip_article(plain)))
        if not entries:
            return None
        entry = self._pick(entries, on, entries[0])
        return ActorResolution(entry, role_on(entry, on))

    def ref(self, text: str, on: date | None = None, actor_id: str | None = None) -> ActorRef:
        """An :class:`ActorRef` for ``text`` as written in an article; a phrase the base does
        not know is tried without its leading modifiers ("angry protesters", "Iraqi
        government forces")."""
        found = self.lookup(text, on)
        entry = found.entry if found else (self.by_id(actor_id, on) if actor_id else None)
        words = _strip_article(text).split()
        if entry is None:
            # "Amal gunmen", "Hezbollah fighters": the group named before what it is, not
            # the generic actor its last word alone would name
            named = self._without_descriptor(words, on)
            entry = named if named is not None and named.kind != "generic" else None
        for n in range(1, min(len(words), 4)):
            if entry is not None:
                break
            shorter = self.lookup(" ".join(words[n:]), on)
            entry = shorter.entry if shorter else None
            own = nationality(" ".join(words[:n]))
            if entry is not None and own and entry.country and entry.country != own:
                # "the Russian Defence Ministry" is not the Lebanese one a bare "Defence
                # Ministry" names: another state's body the base does not hold, a ministry
                # standing for that state's government
                state = self.state_of(own, on, violent=False, text=text)
                raw = ActorRef(text=text, canonical=_strip_article(text))
                return state if state and government_body(words) else raw
            led = _leader(words[:n])
            if led is not None and self.lookup(" ".join(words[: n + 1]), on) is None:
                # "the Saudi-led coalition": a coalition the base does not name by its leader
                # is not the one a bare "coalition" names; the leading state acts
                return self._led_by(text, led, on) or ActorRef(text, "")
            if entry is None and own:
                # a nationality is the context a short name needs ("Lebanese tribes"), when
                # the body is that country's ("the Russian Defence Ministry" is no Syrian one)
                context = self._by_context.get(normalise(" ".join(words[n:])), [])
                context = [e for e in context if e.country in (None, own)]
                entry = self._pick(context, on, context[0]) if context else None
        if entry is None:
            entry = self._without_descriptor(words, on)
        if entry is None:
            entry = self._members_of(_strip_article(text), on)
        if entry is None and len(words) > 1:
            last = words[-1].lower()
            unit = next((u for u in UNIT_WORDS if " ".join(words).lower().endswith(" " + u)), "")
            if last in OFFICIAL_WORDS or unit or government_body(words):
                size = len(unit.split()) if unit else 1
                return self._part_of(text, words[:-size], on, bool(unit))
        if entry is None:
            return ActorRef(text=text, canonical=_strip_article(text))
        return ActorRef(text, entry.canonical, entry.actor_id, entry.inter, entry.country)

    def _part_of(self, text: str, before: list[str], on: date | None, unit: bool) -> ActorRef:
        """Officials ("a Syrian interior ministry official", "Lebanese border officials") or
        a unit ("Syrian army units", "Syrian air defences") named by the ``before`` words: the
        body they name when the base knows it; else the state a nationality names, its
        government for officials and its military for a unit, as ACLED codes them; else the
        words alone."""
        body = self.ref(" ".join(before), on)
        if body.actor_id is not None:
            return replace(body, text=text)
        own = nationality(" ".join(before))
        state = self.state_of(own, on, violent=unit, text=text) if own else None
        return state or ActorRef(text=text, canonical=_strip_article(text))

    def _members_of(self, text: str, on: date | None) -> ActorEntry | None:
        """ "members of Hezbollah", "armed men from Lebanese clans": the group after the link
        when the base knows it as an actor; else ("gunmen from Syria", "residents of Arsal",
        "fighters from the Syrian side") the actor the words before it name."""
        for link in LINKS:
            head, found, tail = text.partition(link)
            if not found or not head or not tail:
                continue
            group = self.ref(tail, on) if _strip_article(head).lower() in MEMBER_WORDS else None
            if group is not None and group.actor_id is not None:
                entry = self._by_id.get(group.actor_id)
                if entry is not None and entry.kind != "person":
                    return entry
            named = self.lookup(head, on)
            return named.entry if named else None
        return None

    def _led_by(self, text: str, code: str, on: date | None) -> ActorRef | None:
        """The forces of the state leading a body the base does not know ("the Saudi-led
        coalition": ACLED codes the leader's forces), named from its country if need be."""
        entry = self.forces_of(code, on, police=False)
        if entry is not None:
            return ActorRef(text, entry.canonical, entry.actor_id, entry.inter, entry.country)
        name = country_name(code)
        return ActorRef(text, f"Military Forces of {_the(name)}", None, 8, code) if name else None

    def _without_descriptor(self, words: list[str], on: date | None) -> ActorEntry | None:
        """A name followed by what it is ("the Jaish al-Islam rebel group", "Hezbollah
        militia"): the name alone, when the base knows it."""
        end = len(words)
        while end > 1 and words[end - 1].lower() in DESCRIPTORS:
            end -= 1
        if end == len(words):
            return None
        found = self.lookup(" ".join(words[:end]), on)
        return found.entry if found else None

    def _pick(self, entries: list[ActorEntry], on: date | None, default: ActorEntry) -> ActorEntry:
        unique = list({e.actor_id: e for e in entries}.values())
        valid = [e for e in unique if e.valid_on(on)]
        if valid:
            return default if default in valid else valid[-1]
        if on is None:
            return default
        # a name used only in one period ("Syrian forces" after 2024) names, at another
        # date, the same body's entry of that period: "Military Forces of Syria (2000-2024)"
        periods = {_period_stem(e.canonical) for e in unique}
        other = [
            e
            for e in self._by_id.values()
            if _period_stem(e.canonical) in periods and e.valid_on(on) and e not in unique
        ]
        if other:
            return other[0]
        return min(unique, key=lambda e: _distance(e, on))

    def forces_of(self, country_code: str, on: date | None, *, police: bool) -> ActorEntry | None:
        """A country's military (or police) forces valid on ``on``, if the base knows them."""
        prefix = "Police Forces of" if police else "Military Forces of"
        entries = [
            a
            for a in self._by_id.values()
            if a.country == country_code and a.canonical.startswith(prefix)
        ]
        return self._pick(entries, on, entries[0]) if entries else None

    def state_of(self, code: str, on: date | None, *, violent: bool, text: str) -> ActorRef | None:
        """A country acting ("Jordan agreed", "Russian raids", "a Moroccan diplomat"): its
        military forces in a violent event, else its government; the base's entry of the
        period, or the name ACLED gives them built from the country's name."""
        entry = self.forces_of(code, on, police=False) if violent else None
        entry = entry or self.government_of(code, on)
        if entry is not None:
            return ActorRef(text, entry.canonical, entry.actor_id, entry.inter, entry.country)
        name = country_name(code)
        if name is None:
            return None
        kind = "Military Forces of" if violent else "Government of"
        # inter unknown, as for any state the base does not hold: what the base does not
        # know is no evidence that an event is in scope (extract.scope)
        return ActorRef(text, f"{kind} {_the(name)}", None, None, code)

    def kind_of(self, actor_id: str | None) -> str | None:
        entry = self._by_id.get(actor_id or "")
        return entry.kind if entry else None

    def localise(self, ref: ActorRef, country_code: str | None, on: date | None) -> ActorRef:
        """A generic actor named as ACLED names it in a country: unnamed state forces are the
        country's forces of the period ("troops" in Lebanon: Military Forces of Lebanon),
        other generic actors carry the country ("Protesters (Lebanon)").  The actor's own
        nationality ("Iraqi troops") wins over the event's country."""
        if self.kind_of(ref.actor_id) != "generic":
            office = office_holder(self, ref, on)  # a person: the body served that day
            if office is None and country_code and bare_government(ref.text):
                office = self.state_of(country_code, on, violent=False, text=ref.text)
            if office is not None:
                return office
            branch = self._branch(ref, country_code, on)
            if branch is not None:
                return branch
            # a named group ACLED names by where it acts ("Islamic State (Syria)"): the event's
            # country, never the fighters' nationality
            if country_code and ref.canonical in COUNTRY_SUFFIXED:
                named = with_country(ref.canonical, country_name(country_code))
                return ActorRef(ref.text, named, ref.actor_id, ref.inter, ref.country)
            return ref
        own = nationality(ref.text)
        if ref.actor_id == UNIDENTIFIED_FORCES_ID:
            # aircraft whose owner the words do say ("Russian fighter jets") are that state's;
            # the event's country never says whose aircraft flew over it
            return self.state_of(own, on, violent=True, text=ref.text) or ref if own else ref
        if ref.actor_id == REBELS_ID and own and country_code and own != country_code:
            foreign = self._foreign_fighters(ref, own, on)
            if foreign is not None:
                return foreign
            if self.forces_of(own, on, police=False) is None:
                own = None  # "Tunisian jihadists" in Syria: rebels named where they fight
        code = own or country_code
        if code is None:
            return ref
        if ref.actor_id in KURDISH_BY_ID:
            entry = self.by_id(KURDISH_BY_ID[ref.actor_id].get(code, ""), on)
            if entry is None:
                return ref
            return ActorRef(ref.text, entry.canonical, entry.actor_id, entry.inter, entry.country)
        if ref.actor_id == STATE_FORCES_ID:
            police = any(w in ref.text.lower() for w in POLICE_WORDS)
            entry = self.forces_of(code, on, police=police)
            if entry is not None:
                return ActorRef(ref.text, entry.canonical, entry.actor_id, entry.inter, code)
            name = country_name(code)
            if name is None:
                return ref
            kind = "Police Forces" if police else "Military Forces"
            # named as ACLED names them; no entry of ours, so no id (fusion keys on the name)
            return ActorRef(ref.text, f"{kind} of {_the(name)}", None, ref.inter, code)
        if ref.canonical in COUNTRY_SUFFIXED:
            named = with_country(ref.canonical, country_name(code))
            return ActorRef(ref.text, named, ref.actor_id, ref.inter, code)
        return ref

    def _branch(self, ref: ActorRef, country_code: str | None, on: date | None) -> ActorRef | None:
        """ "al-Qaeda" fighting in a country where it had a branch of its own: that branch,
        the one of the event's date ("Qaeda jihadis" in Syria in 2015: Jabhat al-Nusra, as
        ACLED codes them); None where and when it had none."""
        for branch_id in BRANCHES.get((ref.actor_id or "", country_code or ""), ()):
            entry = self._by_id.get(branch_id)
            if entry is not None and on is not None and entry.valid_on(on):
                return ActorRef(
                    ref.text, entry.canonical, entry.actor_id, entry.inter, entry.country
                )
        return None

    def _foreign_fighters(self, ref: ActorRef, own: str, on: date | None) -> ActorRef | None:
        """ "Russian fighters" killed in Syria: a foreign state's forces in the war (ACLED's
        external forces, code 8) are that state's military, never rebels of their country;
        "Russian militants" or "jihadists" are no state's."""
        forces = self.forces_of(own, on, police=False)
        fighters = ref.text.lower().split()[-1] in FIGHTER_WORDS
        if forces is None or forces.inter != 8 or not fighters:
            return None
        return ActorRef(ref.text, forces.canonical, forces.actor_id, forces.inter, forces.country)

    def acled_name(self, ref: ActorRef | None) -> ActorRef | None:
        """``ref`` as an analyst can filter and count it: an actor of the base (a generic one
        with its country once :meth:`localise` gave it one), a state's forces named from its
        country; else no name (an empty ``canonical``), the words kept as ``text``: raw words
        ("members", "the side") and organisations the base does not know are never exported
        as actors, but shown beside the event.  Unnamed state forces with no country are
        ACLED's Unidentified Military Forces."""
        if ref is None:
            return None
        if ref.actor_id == STATE_FORCES_ID:
            unknown = self.by_id(UNIDENTIFIED_FORCES_ID)
            if unknown is None:
                return None
            return ActorRef(ref.text, unknown.canonical, unknown.actor_id, unknown.inter)
        if ref.actor_id is not None and ref.actor_id in self._by_id:
            if ref.actor_id in KURDISH_BY_ID:  # no country to say which force
                return ActorRef(ref.text, "")
            return ref
        if ref.canonical.startswith(STATE_FORCE_NAMES) and ref.country:
            return ref  # built by :meth:`localise` from the country's name
        return ActorRef(ref.text, "")  # no ACLED name: the words alone are kept

    def in_context(self, text: str, on: date | None = None) -> ActorEntry | None:
        """The actor a word names where the text already says what kind of thing it is
        ("coalition" in "coalition raids"): its plain or context alias, when only one body
        (over its periods) has it."""
        found = self.lookup(text, on)
        if found is not None:
            return found.entry
        entries = self._by_context.get(normalise(_strip_article(text)), [])
        if len({_period_stem(e.canonical) for e in entries}) != 1:
            return None
        return self._pick(entries, on, entries[0])

    def nationals(self, word: str) -> str | None:
        """The country whose people a nationality word names ("Israelis", "Iranian",
        "Russian"): the actor is then that country's state or its civilians."""
        word = word.lower()
        return DEMONYMS.get(word) or (DEMONYMS.get(word[:-1]) if word.endswith("s") else None)


# Countries whose English name takes "the" in ACLED's actor names ("Military Forces of the
# United States").
THE_COUNTRIES = frozenset({"United States", "United Kingdom", "Netherlands", "Philippines"})


def _leader(words: list[str]) -> str | None:
    """The country of a state named as leading ("Saudi-led", "Saudi - led"), or None."""
    text = " ".join(words).lower().replace(" - ", "-")
    if not text.endswith("-led"):
        return None
    return nationality(text.removesuffix("-led"))


def _the(country: str) -> str:
    return f"the {country}" if country in THE_COUNTRIES else country


def _period_stem(canonical: str) -> str:
    """ "Military Forces of Syria (2000-2024)" -> "Military Forces of Syria"; names without a
    period give a stem no other entry shares."""
    head, _, tail = canonical.rpartition(" (")
    return head if head and tail[:1].isdigit() else f"\0{canonical}"


def _distance(entry: ActorEntry, on: date) -> int:
    if entry.valid_from and on < entry.valid_from:
        return (entry.valid_from - on).days
    if entry.valid_to and on > entry.valid_to:
        return (on - entry.valid_to).days
    return 0


def _strip_article(text: str) -> str:
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if words and words[-1] in ("'s", "’s"):
        words = words[:-1]
    return " ".join(words).removesuffix("'s").removesuffix("’s")
