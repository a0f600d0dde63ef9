"""The crossing board: the region's crossings (``data/crossings.yaml``), the status claims news
reports make about them, and the status of each at a date derived from those claims.

Claims sit beside events, never inside them: a claim is a dated statement with its evidence,
and "status at D" is computed from all the claims made so far (:mod:`.board`), never stored.
"""

from .claims import ClaimExtractor, SentenceText
from .records import REASONS, STATUSES, CrossingClaim, claim_from
from .registry import Crossing, Crossings, haversine_km, load_crossings

__all__ = [
    "REASONS",
    "STATUSES",
    "ClaimExtractor",
    "Crossing",
    "CrossingClaim",
    "Crossings",
    "SentenceText",
    "claim_from",
    "haversine_km",
    "load_crossings",
]
