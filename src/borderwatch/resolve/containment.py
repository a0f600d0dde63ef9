"""Whether one place lies in another (a country, a governorate, a town's area): the test a
stated container ("Arsal, in Baalbek-Hermel") and the resolver's scoring put candidates to."""

from __future__ import annotations

from ..model import Place
from .folding import fold
from .world import distance_km

# Container checks: a point is "in" a town's area within TOWN_KM, in a governorate when the
# admin1 agrees or within REGION_KM of the governorate's point.
TOWN_KM = 40.0
REGION_KM = 120.0


def inside(place: Place, container: Place, town_km: float | None = None) -> bool:
    """Whether ``place`` lies in ``container`` (a country, a governorate or a town's area:
    within ``town_km``, by default ``TOWN_KM``)."""
    if place.country_code != container.country_code:
        return False
    if container.precision >= 4:
        return True
    km = distance_km(place.latitude, place.longitude, container.latitude, container.longitude)
    if container.precision == 3:
        if place.admin1 and container.admin1 and fold(place.admin1) == fold(container.admin1):
            return True
        if place.admin1 and container.admin1 and not _admin1_code(place.admin1):
            return False  # both named: the governorate decides, not the distance
        return km <= REGION_KM
    return km <= (town_km or TOWN_KM)


def _admin1_code(admin1: str) -> bool:
    """A world town's admin1 known only by its GeoNames code ("IL", "02"), not a name."""
    return len(admin1) <= 3 and (admin1.isupper() or admin1.isdigit())
