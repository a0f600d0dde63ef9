"""A calibrated ``confidence``: the probability that an exported mention is right.

"Right" means what an analyst checks first: the event is one ACLED would code and its event type
is the reported one.  The score is a logistic model over what extraction knows about the mention
(its type, the scope evidence that admitted it, whether its actor, place and date were resolved,
whether it is attributed).  The weights below were fitted by ``bench/calibrate_confidence.py``
on the development sets (CASE 2021 Task 2 even half: type right; GeoWebNews: article reports a
codable event), so that mentions scored about 0.8 are right about 80 % of the time there; the
README gives the calibration table.  Rerun the script and paste its output here when extraction
changes.  Mentions that were not admitted (not asserted or reported) are capped at
``UNCONFIRMED_CAP``.
"""

from __future__ import annotations

import math

from ..model import Mention

# Evidence names (extract/scope.py) strong enough to outweigh an out-of-scope topic.
STRONG = frozenset({"known_actor", "political", "border_security", "mass", "conflict_talk"})
# Unconfirmed mentions (planned, denied, out of scope...) are never confident.
UNCONFIRMED_CAP = 0.3
# Fitted by bench/calibrate_confidence.py (logistic regression, L2 0.01); feature -> weight.
WEIGHTS: dict[str, float] = {
    "bias": 0.156,
    "by_context": -0.048,
    "counts": -0.348,
    "exact_date": 0.018,
    "known_actor1": 0.179,
    "precise_place": -0.132,
    "reported": 0.207,
    "strong_evidence": 0.142,
    "two_or_more_evidence": 0.444,
    "type:Battles": -0.533,
    "type:Explosions/Remote violence": 0.406,
    "type:Protests": 0.13,
    "type:Riots": 0.436,
    "type:Strategic developments": -0.271,
    "type:Violence against civilians": -0.167,
    "war_weapon": 0.406,
}


def features(mention: Mention, evidence: frozenset[str]) -> dict[str, float]:
    """The model's inputs for one mention; ``evidence`` is what admitted it (scope verdict)."""
    found = {
        "bias": 1.0,
        f"type:{mention.event_type}": 1.0,
        "strong_evidence": float(bool(evidence & STRONG)),
        "war_weapon": float("war_weapon" in evidence),
        "two_or_more_evidence": float(len(evidence) >= 2),
        "by_context": float("context" in mention.why.get("scope", "")),
        "known_actor1": float(bool(mention.actor1 and mention.actor1.actor_id)),
        "precise_place": float(bool(mention.place and mention.place.precision <= 2)),
        "exact_date": float(bool(mention.date and mention.date.precision == 1)),
        "reported": float(mention.modality == "reported"),
        "counts": float(bool(mention.counts)),
    }
    return found


def confidence_of(mention: Mention, evidence: frozenset[str]) -> float:
    """The calibrated probability that ``mention`` is right (see the module docstring)."""
    z = sum(WEIGHTS.get(name, 0.0) * value for name, value in features(mention, evidence).items())
    p = 1.0 / (1.0 + math.exp(-z))
    if mention.modality not in ("asserted", "reported"):
        p = min(p, UNCONFIRMED_CAP)
    return round(max(0.01, min(p, 0.99)), 2)
