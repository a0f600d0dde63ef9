"""Munitions told with their count or their round: what keeps a weapon word an attack's means.

"dropped dozens of barrel bombs" and "fired a barrage of mortar rounds" report an attack as
plainly as "dropped barrel bombs" and "fired mortars": a quantity between a verb and its object
does not break a trigger phrase, and a weapon word before the noun of its round ("mortar
rounds", "artillery projectiles") names the means when the rounds are fired or land, not a weapon
held ("seized mortar rounds" stays a thing had)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

ARTICLES = frozenset({"a", "an", "the"})
# Words that count an object without naming it ("dozens of", "several"); with numerals, what
# may stand between a verb and the object of its phrase.  The words that only modify a count
# ("at least", "nearly") are let through but count nothing themselves: alone they are
# prepositions ("handed over the district", "fired at the town").
COUNT_WORDS = frozenset(
    {"dozen", "dozens", "scores", "hundreds", "thousands", "several", "many", "numerous",
     "multiple", "some", "few"}
)  # fmt: skip
COUNT_MODIFIERS = frozenset(
    {"at", "least", "most", "about", "around", "nearly", "almost", "over", "up", "to", "more",
     "than"}
)  # fmt: skip
# The most tokens a quantity may take ("at least two dozen"): a longer gap is no longer the
# verb's object told in one breath.
QUANTITY_SPAN = 5
# Nouns of a quantity of fired rounds: "of" after them names what was fired ("a barrage of
# mortar rounds", "a wave of rockets", "a volley of missiles"); the quantity stands for them.
VOLLEY_NOUNS = frozenset(
    {"barrage", "volley", "salvo", "wave", "hail", "rain", "shower", "burst", "flurry", "series",
     "string", "number", "dozen", "hundred", "score"}
)  # fmt: skip
# Nouns of one fired unit of a weapon ("mortar rounds", "artillery projectiles"); not "shell",
# itself a shelling trigger ("a mortar shell hit the post" is one event, told by "shell").
ROUND_NOUNS = frozenset({"round", "projectile"})
# Verbs by which rounds are sent at a target, and verbs of rounds arriving ("mortar rounds
# landed in the square"): either way the rounds were used, not held.
FIRING_VERBS = frozenset({"fire", "launch", "lob", "hurl", "rain", "shoot"})
IMPACT_VERBS = frozenset({"land", "fall", "hit", "strike", "slam", "explode", "crash"})
# Verbs of attacking whose "with"/"using" names the rounds they were carried out with
# ("attacked the checkpoint with a barrage of mortar rounds", "hit the post with tank rounds"):
# the rounds were fired, not held ("a truck with mortar rounds" is cargo).
ATTACKING_VERBS = frozenset(
    {"attack", "hit", "target", "strike", "pound", "shell", "bombard", "assault", "storm",
     "ambush", "bomb", "blast"}
)  # fmt: skip
INSTRUMENT_WORDS = frozenset({"with", "using"})
# Arcs a round noun climbs to the verb that sends it: a quantity or a list ("a barrage of
# mortar rounds", "rockets and mortar rounds").
_CLIMB_ARCS = frozenset({"conj", "appos", "pobj", "prep"})


def after_quantity(doc: Doc, i: int) -> int:
    """The first token after a quantity that starts at ``i`` (``i`` itself when none does):
    numerals, counting words, and the article and "of" inside them ("a dozen", "scores of")."""
    j = i
    counted = False
    while j < len(doc) and j - i < QUANTITY_SPAN:
        token = doc[j]
        if token.like_num or token.lower_ in COUNT_WORDS:
            counted = True
        elif token.lower_ in ARTICLES or token.lower_ in COUNT_MODIFIERS:
            pass
        elif not (counted and token.lower_ == "of"):
            break
        j += 1
    return j if counted else i


def fired_munition(token: Token) -> bool:
    """Whether ``token`` is a weapon word before the noun of its round and those rounds are
    fired or land ("fired a barrage of mortar rounds", "tank rounds slammed into the house") or an
    attack is carried out with them ("attacked the post with mortar rounds")."""
    if token.dep_ != "compound" or token.head.lemma_.lower() not in ROUND_NOUNS:
        return False
    node = token.head
    for _ in range(6):
        if node.dep_ not in _CLIMB_ARCS or node.head.i == node.i:
            break
        if _instrument_of_attack(node):
            return True
        node = node.head
    verb = node.head
    if verb.pos_ != "VERB":
        return False
    if node.dep_ in ("dobj", "nsubjpass"):
        return verb.lemma_.lower() in FIRING_VERBS
    return node.dep_ == "nsubj" and verb.lemma_.lower() in IMPACT_VERBS


def _instrument_of_attack(word: Token) -> bool:
    """ "with"/"using" hung on a verb of attacking or firing: what follows is its instrument."""
    verb = word.head
    return (
        word.dep_ == "prep"
        and word.lower_ in INSTRUMENT_WORDS
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in ATTACKING_VERBS | FIRING_VERBS
    )


def volley_of(token: Token) -> Token:
    """The quantity a weapon word is counted by ("a wave of rockets" -> "wave"), which takes
    its place in the sentence's tree; the word itself when none counts it."""
    of = token.head
    if token.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in VOLLEY_NOUNS:
        return of.head
    return token
