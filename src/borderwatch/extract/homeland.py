"""The countries an article's actors are at home in, for placing names when its places say none.

A report whose places are all ambiguous names ("Regime warplanes struck the village of
al-Bayda, killing three": towns of Syria, Lebanon and Yemen) still says where it is through its
actors: the Syrian regime's aircraft strike in Syria, Hezbollah's fighters are Lebanese.  Only
actors at home in one of the region's countries vote (a foreign state's forces are often
reported abroad: "Israeli jets struck ..." says nothing of where).  Names that only one country
holds come first (they are the better evidence: "Hezbollah fighters in Qusayr" is in Syria),
then the actors' countries; an ambiguous name's likeliest reading out of context is no vote (it
would vote for itself: Yemen's Al Bayda for "al-Bayda").  An article that names no region actor
keeps its places' countries as they were.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from ..resolve import Resolver
from .tree_places import place_spans

ACTOR_PREFIX = "actor:"


def countries_of_actors(docs: Iterable[Doc], resolver: Resolver) -> tuple[str, ...]:
    """The region countries of the knowledge-base actors ``docs`` name, most named first."""
    home = resolver.places.region_countries
    counts: Counter[str] = Counter()
    for doc in docs:
        for ent in doc.ents:
            if not ent.ent_id_.startswith(ACTOR_PREFIX):
                continue
            entry = resolver.actors.by_id(ent.ent_id_.removeprefix(ACTOR_PREFIX))
            if entry is not None and entry.country in home:
                counts[entry.country] += 1
    return tuple(code for code, _ in counts.most_common())


def article_countries(
    by_places: tuple[str, ...], docs: Sequence[Doc], resolver: Resolver
) -> tuple[str, ...]:
    """The countries an article is about, most telling first (see the module); ``by_places``:
    the countries of its place names' likeliest readings, most named first."""
    by_actors = countries_of_actors(docs, resolver)
    if not by_actors:
        return by_places
    confident = _confident_countries(docs, resolver)
    return tuple(dict.fromkeys((*confident, *by_actors)))


def _confident_countries(docs: Sequence[Doc], resolver: Resolver) -> tuple[str, ...]:
    """The countries of the place names whose every exact reading lies in one country, most
    named first ("Qusayr"; not "al-Bayda", a town of Yemen and villages of Syria)."""
    counts: Counter[str] = Counter()
    for doc in docs:
        for ent in place_spans(doc[:]):
            readings = resolver.places.candidates(ent.text)
            exact = {c.place.country_code for c in readings if c.tier < 3}
            if len(exact) == 1:
                counts[next(iter(exact))] += 1
    return tuple(code for code, _ in counts.most_common())
