"""How a deed is delivered: the verbs that carry a noun trigger to its doer and target.

"Airstrikes launched by Russian jets", "a bomb planted by militants", "an attack claimed by IS",
"airstrikes believed to be carried out by Russian jets": the participle only says who delivered
the deed, so its agent is the deed's doer.  "Hezbollah fired anti-tank missiles at an army
post": the weapon named as the event is delivered by the verb's subject at its target.
"""

from __future__ import annotations

from spacy.tokens import Token

from .syntax import SUPPORT_VERBS

# Verbs by which a weapon named as the event is delivered ("Hezbollah fired anti-tank missiles
# at an army post", "assailants threw a grenade at a patrol"): their subject used it, and what
# it was fired at was its target.
DELIVERING_VERBS = frozenset({"fire", "throw", "hurl", "lob", "drop", "shoot", "launch"})


def delivered(trigger: Token) -> bool:
    return (
        trigger.pos_ == "NOUN"
        and trigger.dep_ == "dobj"
        and trigger.head.lemma_.lower() in DELIVERING_VERBS
    )


# Participles that only say who delivered a noun trigger ("airstrikes launched by Russian
# jets", "a shell fired by rebels", "a bomb planted by militants"): their agent is its doer.
# "an attack claimed by IS": ACLED codes a claimed attack to the group that claimed it.
# "a landmine left / laid / placed by ISIS": who left it is the explosion's doer.
CARRYING_VERBS = SUPPORT_VERBS | {
    "fire",
    "drop",
    "plant",
    "detonate",
    "conduct",
    "launch",
    "claim",
    "leave",
    "lay",
    "place",
    # "fighting that flared up between A and B": the fighting's own sides
    "flare",
}


# Participles by which a report attributes a deed to its doer without asserting it ("airstrikes
# believed to be carried out by Russian jets"): the doer is still the one named.
ATTRIBUTING_VERBS = frozenset({"believe", "think", "suspect", "say", "report", "thought"})


def carries(token: Token, trigger: Token) -> bool:
    """Whether the clause ``token`` heads only carries ``trigger`` to its arguments: a
    participle ("airstrikes launched by Russian jets") or a relative clause ("clashes that
    broke out between A and B", "the offensive which the army launched")."""
    if token.dep_ in ("acl", "relcl") and token.head == trigger:
        # "airstrikes carried out by X", "the attack, which was carried out by X"
        if token.lemma_ in CARRYING_VERBS:
            return True
        return token.lemma_ in ATTRIBUTING_VERBS and any(
            c.dep_ == "xcomp" and c.lemma_ in CARRYING_VERBS for c in token.children
        )  # "airstrikes believed to be carried out by X"
    head = token.head
    attributed = head.dep_ == "acl" and head.head == trigger and head.lemma_ in ATTRIBUTING_VERBS
    return token.dep_ == "xcomp" and attributed and token.lemma_ in CARRYING_VERBS


# Verbs by which a deed named as their subject reaches its target ("a roadside bomb targeted a
# Hezbollah convoy", "a shell hit an army post"): their object is the deed's target.
HITTING_VERBS = frozenset({"target", "hit", "strike", "struck"})


def hits(trigger: Token) -> bool:
    return (
        trigger.pos_ == "NOUN"
        and trigger.dep_ == "nsubj"
        and trigger.head.lemma_.lower() in HITTING_VERBS
    )


# Nouns that count or group deeds ("a series / wave / spate of car bombings"): what the parse
# hangs on them ("a series of bombings claimed by IS", "a wave of strikes by Russian jets")
# is said of the deeds themselves.
MEASURE_NOUNS = frozenset(
    {"series", "wave", "string", "spate", "barrage", "volley", "salvo", "flurry", "round"}
)


def measure_of(trigger: Token) -> Token | None:
    """The measure noun ``trigger`` is the "of" phrase of ("a series of bombings"), or None."""
    of = trigger.head
    if trigger.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in MEASURE_NOUNS:
        return None
    return of.head
