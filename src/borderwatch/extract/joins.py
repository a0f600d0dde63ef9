"""A toll and the deed that caused it, told in two clauses of one sentence: one event.

"Nine soldiers were killed when militants hit a checkpoint with mortar shells", "Two children
died as rebels targeted a district with rockets", "Rebels hit a position with rockets, killing
four fighters": the deaths are the outcome of the deed the other clause tells.  ACLED codes one
event: the deed's sub-type (the shelling, not a bare "killed"), the deed's doer as actor1, the
dead (or the side hit) as actor2, the toll as its fatalities (EVENT_CODING.md: an event is one
interaction at one place and time; fatalities are those of that event).  The parse often hangs
the deed's weapon far from the casualty word ("with mortar shells" under "checkpoint"), more
arcs than the nearness rule of :mod:`.grouping` allows, so the join is read from the clauses.

The clause of the deed is joined to the toll's by a subordinator of time or cause ("when",
"as", "while", "after", "once", "because"), or the toll is a participle that follows the deed
("..., killing three soldiers", "..., leaving five dead").  A toll whose own clause already names
a violent act ("were killed in clashes, while jets struck the town") keeps its own cause: the
other clause is another event.  A contrastive ", while" with a comma before it reports another
happening too ("two soldiers were killed in Daraa, while jets struck Idlib").

Two more joins and one split of the same kind: an attack word and its weapon, however far the
parse hung it ("an attack on a checkpoint near Palmyra with car bombs", "an attack in which
militants shelled the post": :func:`weapons`), are one event typed by the weapon; and civilians
taken captive in a "while"/"as"-clause beside a battle are an event of their own, not the
battle's (:func:`detained_apart`).
"""

from __future__ import annotations

from spacy.tokens import Token

from .arguments import FIGHT_NOUNS
from .clauses import clause_top, told_cause
from .munitions import VOLLEY_NOUNS
from .sense import CASUALTY_VERBS
from .syntax import SUPPORT_VERBS
from .triggers import TriggerMatch

# Triggers that tell deaths or wounds (data/triggers.yaml): the outcome of another act.
TOLL_TRIGGERS = frozenset({"killing", "toll"})
# ACLED's types of political violence: the deeds a toll can be the outcome of.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def joined_toll(a: TriggerMatch, b: TriggerMatch, matches: list[TriggerMatch]) -> bool:
    """Whether one of ``a`` and ``b`` tells a toll that the other's clause caused (see the
    module's docstring); ``matches`` are all the sentence's triggers."""
    for toll, deed in ((a, b), (b, a)):
        if toll.trigger.trigger_id not in TOLL_TRIGGERS:
            continue
        if deed.trigger.trigger_id in TOLL_TRIGGERS:
            continue
        if deed.trigger.event_type not in VIOLENT_TYPES:
            continue
        if _toll_of_deed(toll.span.root, deed.span.root, matches):
            return True
    return False


def _toll_of_deed(toll: Token, deed: Token, matches: list[TriggerMatch]) -> bool:
    """Whether the clause of ``deed`` caused the toll told at ``toll``: joined to the toll's
    clause by a word of time or cause, or followed by the toll as its participle."""
    toll_top, deed_top = clause_top(toll), clause_top(deed)
    if toll_top == deed_top:
        return False  # one clause: the nearness rule of grouping decides
    if deed_top.dep_ == "advcl" and deed_top.head in _verbs_of(toll_top):
        # "were killed when militants hit a checkpoint with mortar shells"; a participle's
        # toll is the clause's it follows ("shelled X, killing three, as jets struck Y")
        if toll_top.dep_ == "advcl" and _participle(toll_top):
            return False
        return told_cause(deed_top) and not _own_cause(toll_top, deed_top, matches)
    if toll_top.dep_ == "advcl" and toll_top.head == deed_top:
        # "hit a position with rockets, killing four fighters"
        return _participle(toll_top)
    return False


def _verbs_of(top: Token) -> list[Token]:
    """The clause's verb with the verbs joined to it by "and" ("three were wounded and one
    killed when ..."): the toll is told by both, the cause hung on either."""
    verbs = [top, *top.conjuncts]
    if top.dep_ == "conj":
        verbs += [top.head, *top.head.conjuncts]
    return verbs


def _participle(clause: Token) -> bool:
    """A present participle with no subject of its own ("..., killing three soldiers",
    "..., leaving five dead"): it tells what the clause it hangs on did."""
    return clause.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in clause.children
    )


def _own_cause(toll_top: Token, deed_top: Token, matches: list[TriggerMatch]) -> bool:
    """Whether the toll's own clause (outside the deed's) names a violent act of its own
    ("were killed in clashes, ... when ..."): then it keeps that cause."""
    deed_words = range(deed_top.left_edge.i, deed_top.right_edge.i + 1)
    for match in matches:
        root = match.span.root
        if match.trigger.trigger_id in TOLL_TRIGGERS or root.i in deed_words:
            continue
        if match.trigger.event_type in VIOLENT_TYPES and clause_top(root) in _verbs_of(toll_top):
            return True
    return False


# Prepositions that introduce an attack's weapon ("with mortars", "using drones").
INSTRUMENT_WORDS = frozenset({"with", "using"})
# Nouns of a ground campaign (ACLED: an offensive is fought on the ground, a battle), whose
# artillery is its support, not its kind.
CAMPAIGN_NOUNS = frozenset({"offensive", "operation", "campaign", "push", "advance", "incursion"})
# Means of a ground attack: told beside a remote weapon, the attack is a battle.
GROUND_MEANS = frozenset(
    {"tank", "armour", "armor", "armoured", "armored", "vehicle", "bulldozer", "infantry",
     "troop", "soldier", "rifle", "gun", "machine", "machinegun", "knife"}
)  # fmt: skip
# Prepositions by which a casualty verb names the attack that caused it ("killed in an attack").
CAUSE_PREPS = frozenset({"in", "during", "under", "amid"})
# Prepositions that introduce what an attack word is on ("an attack on a checkpoint").
TARGET_WORDS = frozenset({"on", "against", "at"})
# Arcs of a noun phrase that stay inside it (not a clause of its own).
PHRASE_ARCS = frozenset({"prep", "pobj", "compound", "amod", "nmod", "conj", "appos", "det"})


def weapons(attack: Token) -> list[Token]:
    """The words that name an attack word's weapon, however the parse hung them: its compound
    ("a rocket attack"), the object of its "with"/"using" ("attacked the post with a barrage of
    mortar rounds"), and farther (:func:`_far_weapons`).  ACLED types an attack by its means:
    with artillery, rockets, bombs or aircraft it is remote violence, not a battle."""
    found = [c for c in attack.children if c.dep_ == "compound"]
    for prep in attack.children:
        if prep.dep_ in ("prep", "acl", "advcl") and prep.lower_ in INSTRUMENT_WORDS:
            found += _instrument_objects(prep)
    if attack.lemma_.lower() in FIGHT_NOUNS | CAMPAIGN_NOUNS:
        return found  # "clashes with rebels ... with tanks": a fight, whatever its arms
    far = _far_weapons(attack)
    if any(t.lemma_.lower() in GROUND_MEANS and t.dep_ != "compound" for t in far):
        return found  # "with tanks and artillery": a ground attack, whatever fire backed it
    return found + far


def _far_weapons(attack: Token) -> list[Token]:
    """An attack's weapon where the parse hung it away from the attack word: on what was
    attacked ("an attack on a checkpoint near Palmyra with car bombs"), on the verb that
    carries the attack ("carried out an assault on positions with rockets") or on the toll it
    caused ("were killed during an assault on their positions with rockets"), or the deed of a
    relative clause saying how it was done ("an attack in which militants shelled the post")."""
    found: list[Token] = []
    targets = [c for c in attack.children if c.dep_ == "dobj"]
    targets += [
        o
        for p in attack.children
        if p.dep_ == "prep" and p.lower_ in TARGET_WORDS
        for o in p.children
        if o.dep_ == "pobj"
    ]
    for word in (w for t in targets for w in _phrase(t)):
        if word.dep_ == "prep" and word.lower_ in INSTRUMENT_WORDS:
            found += _instrument_objects(word)
    for clause in attack.children:
        if clause.dep_ == "relcl":
            found += [clause, *_phrase(clause)]
    carrier = attack.head if attack.dep_ in ("dobj", "nsubjpass") else None
    if carrier is not None and carrier.lemma_.lower() not in SUPPORT_VERBS:
        carrier = None
    for verb in (_toll_caused_by(attack), carrier):
        if verb is None:
            continue
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in INSTRUMENT_WORDS:
                found += _instrument_objects(prep)
    return found


def _toll_caused_by(attack: Token) -> Token | None:
    """The casualty verb an attack noun is told as the cause of ("were killed during an
    assault ..."): the parse often hangs the attack's "with" on that verb."""
    prep = attack.head
    if attack.dep_ != "pobj" or prep.lower_ not in CAUSE_PREPS:
        return None
    verb = prep.head
    return verb if verb.lemma_.lower() in CASUALTY_VERBS else None


def _instrument_objects(prep: Token) -> list[Token]:
    """The objects of an instrument word, through a quantity ("a barrage of mortar rounds")
    and a list ("rockets and mortars")."""
    found: list[Token] = []
    for obj in prep.children:
        if obj.dep_ not in ("pobj", "dobj"):
            continue
        for noun in (obj, *obj.conjuncts):
            found += [noun, *(c for c in noun.children if c.dep_ == "compound")]
            if noun.lower_ in VOLLEY_NOUNS or noun.lemma_.lower() in VOLLEY_NOUNS:
                found += [
                    g
                    for of in noun.children
                    if of.dep_ == "prep" and of.lower_ == "of"
                    for o in of.children
                    if o.dep_ == "pobj"
                    for g in (o, *o.children)
                    if g.dep_ in ("pobj", "compound")
                ]
    return found


def _phrase(token: Token) -> list[Token]:
    """The words of ``token``'s phrase, without clauses of their own."""
    found = []
    for child in token.children:
        if child.dep_ in PHRASE_ARCS or child.dep_ in ("dobj", "nsubj", "agent"):
            found += [child, *_phrase(child)]
    return found


# Sub-types of captives taken.
CAPTIVE_SUB_TYPES = frozenset({"Abduction/forced disappearance", "Arrests"})
# Words that tell an act going on at the same time as another: "while"/"as" ("clashed with
# Kurdish fighters, while they detained 20 civilians"; "fought the army while detaining
# residents").
MEANWHILE_WORDS = frozenset({"while", "whilst", "as"})
# Pronouns that name the other side of the fight as the captives ("captured five of them").
ENEMY_PRONOUNS = frozenset({"them", "him", "her", "they"})


def detained_apart(a: TriggerMatch, b: TriggerMatch, armed: frozenset[str]) -> bool:
    """Whether one of ``a`` and ``b`` is a battle and the other the taking of captives who are
    no fighters (no word of ``armed``, data/triggers.yaml) in a clause joined to it by
    "while"/"as": "ISIS clashed with Kurdish fighters, while they detained 20 civilians in a
    nearby village".  ACLED folds enemy fighters taken in a battle into the battle, but the
    detention or abduction of civilians by an armed group is violence against civilians (or
    arrests by the state), its own event (EVENT_CODING.md; issue 22 item 5)."""
    for battle, taking in ((a, b), (b, a)):
        if battle.trigger.event_type != "Battles":
            continue
        if taking.trigger.sub_event_type not in CAPTIVE_SUB_TYPES:
            continue
        top = clause_top(taking.span.root)
        if top.dep_ != "advcl" or top.head not in _verbs_of(clause_top(battle.span.root)):
            continue
        meanwhile = any(
            c.dep_ in ("mark", "advmod") and c.lower_ in MEANWHILE_WORDS and c.i < top.i
            for c in top.children
        )
        if meanwhile and not fighters_taken(top, armed):
            return True
    return False


def fighters_taken(verb: Token, armed: frozenset[str]) -> bool:
    """Whether the captives a verb of taking names are fighters or the other side ("captured
    five soldiers", "captured several of them")."""
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "nsubjpass"):
            continue
        phrase = [obj, *_phrase(obj)]  # not "civilians they accused of spying"
        words = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
        if words & (armed | ENEMY_PRONOUNS):
            return True
    return False


# Pronouns that may stand for the other clause's subject ("..., while they detained ...").
STANDING_PRONOUNS = frozenset({"they", "it", "he", "she", "we", "this", "there"})


def contrasted(a: TriggerMatch, b: TriggerMatch) -> bool:
    """Whether ``a`` and ``b`` lie in two clauses set side by side by a contrastive ", while",
    each with a doer of its own ("FSA fighters killed four soldiers in an ambush near
    Daraa, while regime jets struck rebel positions in Quneitra"): two happenings, however
    near the parse hung a noun of one to the other's verb.  Tolls are left to the rules of
    cause (:func:`joined_toll`, :mod:`.clauses`)."""
    if {a.trigger.trigger_id, b.trigger.trigger_id} & TOLL_TRIGGERS:
        return False
    for one, other in ((a, b), (b, a)):
        top, main = clause_top(other.span.root), clause_top(one.span.root)
        if top == main or top.dep_ != "advcl" or top.head not in _verbs_of(main):
            continue
        if told_cause(top) or not _marked_while(top):
            continue
        own, theirs = _own_subject(top), _own_subject(main)
        if own is not None and theirs is not None and own.lemma_ != theirs.lemma_:
            return True
    return False


def _marked_while(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("while", "whilst") for c in clause.children)


def _own_subject(verb: Token) -> Token | None:
    """A clause's doer: its active subject, when it names someone (no pronoun that may stand
    for another's).  A passive clause ("damage was reported as a result of air strikes") names
    no doer of its own and may tell the other clause's event."""
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lower_ not in STANDING_PRONOUNS:
            return child
    return None
