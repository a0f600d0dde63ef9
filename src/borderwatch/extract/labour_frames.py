"""A labour strike told by the verb "strike" (issue 22 item 4; ACLED Peaceful protest covers
strikes: workers stopping work to make a demand).

"Teachers struck over unpaid wages", "nurses are striking for a third day": the verb is a
strike when its subject, in the active voice, is people of a trade or their union.  The same
verb of a missile, an earthquake or lightning ("a missile struck the town") is the strike of
remote violence or none; a passive ("workers were struck by a car") is an accident.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..region import Lexicon

# Those who strike from work: trades, their staff and unions.
STRIKERS = frozenset(
    {"worker", "teacher", "nurse", "doctor", "physician", "driver", "employee", "miner",
     "staff", "union", "docker", "pilot", "lawyer", "trader", "shopkeeper", "farmer", "student",
     "labourer", "laborer", "transporter", "professor", "lecturer", "journalist", "servant",
     "employees", "workforce", "cleaner", "porter", "conductor", "mechanic", "engineer",
     "merchant", "vendor", "trucker", "fisherman", "medic", "paramedic", "resident", "judge",
     "magistrate", "clerk", "official", "operator", "crew", "firefighter", "guard"}
)  # fmt: skip
QUANTITIES = frozenset({"dozen", "hundred", "thousand", "score", "group", "number"})


def workers_struck(token: Token, lexicon: Lexicon) -> bool:
    """ "Teachers struck", "thousands of health workers are striking": people of a trade
    striking, in the active voice, with no object struck ("the missile struck a school")."""
    if any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in token.children):
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    for subject in list(subjects):
        if subject.lemma_.lower() in QUANTITIES:  # "thousands of workers"
            subjects += [g for p in subject.children if p.lower_ == "of" for g in p.children]
    return any(
        t.lemma_.lower() in STRIKERS or t.lower_ in STRIKERS
        for s in subjects
        for t in [s, *(c for c in s.children if c.dep_ == "compound")]
    )
