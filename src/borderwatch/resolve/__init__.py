"""Resolve: strings found by extraction -> actors, places and date windows an analyst can count.

``Resolver`` bundles the three resolvers over one region's data; build it once per process
(``Resolver.for_region``) and share it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..region import RegionData, load_region
from .actors import ActorResolution, ActorResolver, role_on
from .dates import default_window, report_window, resolve_date
from .places import PlaceResolver, normalise

__all__ = [
    "ActorResolution",
    "ActorResolver",
    "PlaceResolver",
    "Resolver",
    "default_window",
    "normalise",
    "report_window",
    "resolve_date",
    "role_on",
]


@dataclass(frozen=True)
class Resolver:
    region: RegionData
    places: PlaceResolver
    actors: ActorResolver

    @classmethod
    def for_region(cls, region_dirs: tuple[str, ...] = ()) -> Resolver:
        region = load_region(region_dirs)
        return cls(region, PlaceResolver(region), ActorResolver(region))
