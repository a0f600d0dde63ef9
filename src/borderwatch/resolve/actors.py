"""Resolve actor names to knowledge-base entries, choosing the entry valid on the event's date.

The same string can name different things over time ("the Syrian army" before and after
December 2024) and a person holds different roles over time; the resolver picks the entry whose
validity covers the date, else the nearest one in time, and reports the role held on that date.
Unknown actors stay as written, with a generic ACLED type when the words say one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import ActorRef
from ..region import ActorEntry, RegionData, Role
from .places import normalise


@dataclass(frozen=True)
class ActorResolution:
    entry: ActorEntry
    role: Role | None


class ActorResolver:
    """Alias index over the actor knowledge base; built once per process."""

    def __init__(self, region: RegionData) -> None:
        self._by_id = {a.actor_id: a for a in region.actors}
        self._by_alias: dict[str, list[ActorEntry]] = {}
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
        if not entries:
            return None
        entry = self._pick(entries, on, entries[0])
        return ActorResolution(entry, role_on(entry, on))

    def ref(self, text: str, on: date | None = None, actor_id: str | None = None) -> ActorRef:
        """An :class:`ActorRef` for ``text`` as written in an article."""
        found = self.lookup(text, on)
        entry = found.entry if found else (self.by_id(actor_id, on) if actor_id else None)
        if entry is None:
            return ActorRef(text=text, canonical=_strip_article(text))
        return ActorRef(text, entry.canonical, entry.actor_id, entry.inter, entry.country)

    @staticmethod
    def _pick(entries: list[ActorEntry], on: date | None, default: ActorEntry) -> ActorEntry:
        unique = list({e.actor_id: e for e in entries}.values())
        valid = [e for e in unique if e.valid_on(on)]
        if valid:
            return default if default in valid else valid[-1]
        if on is None:
            return default
        return min(unique, key=lambda e: _distance(e, on))


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
