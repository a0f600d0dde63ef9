"""Several deeds told in one sentence: each its own event, with the doer they share.

ACLED codes one event per distinct act at one place and time (EVENT_CODING.md: an event is
one interaction between actors at one location on one day).  News often tells two acts of one
doer with one subject and "and" ("Militants attacked an army post near X and abducted six
shepherds from a nearby village"; "gunmen raided the village, killing two farmers and
abducting five others"), or two happenings set side by side at two places ("Two children were
killed in Aleppo, while rebels shelled Hama"; "... near Arsal and the army shelled hideouts
near Ras Baalbek").  The nearness rule of :mod:`.grouping` and the battle rule (captives and
shelling told with a battle are part of it) would fold them into one.  Two splits:

* civilians taken captive by a verb coordinated with a violent deed, sharing its subject
  (:func:`captives_apart`): the abduction or arrest of people who are no fighters is violence
  against civilians (or arrests), never part of a battle, a shelling or a killing of others
  (EVENT_CODING.md).  Enemy fighters taken in the fight stay in it ("ambushed a patrol, killing
  three soldiers, and captured two others");
* two deeds whose clauses, joined by "and" or a contrastive ", while", each name a place of
  their own, and the places differ (:func:`placed_apart`): two locations, two events.  A clause
  of cause ("were killed when jets struck the Sukkari district") keeps the toll with its deed,
  and a toll sharing the deed's subject ("bombed X and killed six in Y") is its outcome.

One act told twice stays one: "attacked and killed four militants", "clashed ... and killed 11
of them", "surrounded and shelled the town", "stormed and captured the village" name no second
place and take no civilians captive.
"""

from __future__ import annotations

from spacy.tokens import Token

from .clauses import clause_top, told_cause
from .joins import fighters_taken
from .tree_places import PLACE_NOUNS, acts_as_actor, place_spans
from .triggers import TriggerMatch

# Sub-types of captives taken.
CAPTIVE_SUB_TYPES = frozenset({"Abduction/forced disappearance", "Arrests"})
# ACLED's types of political violence: the deeds captives may be taken beside.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# Triggers that tell deaths or wounds (data/triggers.yaml).
TOLL_TRIGGERS = frozenset({"killing", "toll"})
# Words for "more of the same people" ("killing three soldiers and capturing two others"): the
# captives are of the kind named before them.
SAME_KIND = frozenset({"other", "others", "more", "rest"})
# Arcs by which a clause hangs on another as a happening of its own.
CLAUSE_ARCS = frozenset({"conj", "advcl", "ccomp", "parataxis", "relcl"})
# Prepositions by which a deed names the operation it happened in ("in a raid", "during").
OCCASION_WORDS = frozenset({"in", "during", "amid"})
# Adverbs that set a clause beside another as another happening ("and, meanwhile, jets ...").
ASIDE_WORDS = frozenset({"meanwhile", "elsewhere"})


def deeds_apart(a: TriggerMatch, b: TriggerMatch, armed: frozenset[str]) -> bool:
    """Whether ``a`` and ``b`` tell two acts the sentence sets side by side (see the module's
    docstring); ``armed``: the words of fighters (data/triggers.yaml class "armed")."""
    return captives_apart(a, b, armed) or placed_apart(a, b)


def captives_apart(a: TriggerMatch, b: TriggerMatch, armed: frozenset[str]) -> bool:
    """Civilians taken captive by a verb joined with "and" to a violent deed of the same doer
    ("attacked an army checkpoint and abducted six shepherds", "killing two farmers and
    abducting five others", "kidnapped a priest and killed his driver"): an abduction or arrest
    of its own.  One act told twice stays one: a verb with no object of its own shares the
    other's ("attacked and abducted two shepherds"), and the dead may be of the captives
    ("abducted three men and killed one of them")."""
    for taking, deed in ((a, b), (b, a)):
        if taking.trigger.sub_event_type not in CAPTIVE_SUB_TYPES:
            continue
        if deed.trigger.sub_event_type in CAPTIVE_SUB_TYPES or not _deadly(deed):
            continue
        verb = taking.span.root
        top, other = clause_top(verb), clause_top(deed.span.root)
        if verb.pos_ != "VERB" or fighters_taken(top, armed) or _more_fighters(top, armed):
            continue
        if _joined(top) and _acted_on(top.head) and deed.span.root not in top.subtree:
            return True  # the taking joined to the deed
        both = _acted_on(top) and _acted_on(other)  # "kidnapped and killed 11 people": one
        if _joined(other) and other.head == top and both and not _of_them(other):
            return not _occasion(other)  # the deed joined to the taking
    return False


def _joined(verb: Token) -> bool:
    """A verb joined by "and" to another, sharing its subject."""
    return verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not _own_subject(verb)


def _acted_on(verb: Token) -> bool:
    """Whether a verb names what it acted on itself (an object, or a phrase of place or
    target): "attacked and abducted two shepherds" names them once, for both."""
    return any(c.dep_ in ("dobj", "prep", "acomp") for c in verb.children)


def _occasion(verb: Token) -> bool:
    """ "arrested 20 suspects and killed two gunmen in a raid": a last verb that names the
    operation it happened in (not a place: "in Douma", "in the town") names it for both
    verbs, one operation."""
    return any(
        g.dep_ == "pobj" and not g.ent_type_ and g.lemma_.lower() not in PLACE_NOUNS
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in OCCASION_WORDS
        for g in c.children
    )


def _of_them(verb: Token) -> bool:
    """ "... and killed one of them": the deed's victims are among the captives."""
    return any(t.lower_ in ("them", "him", "her") for c in verb.children for t in c.subtree)


def _deadly(deed: TriggerMatch) -> bool:
    """A battle, remote violence or a killing: acts other than taking the captives."""
    return (
        deed.trigger.event_type in ("Battles", "Explosions/Remote violence")
        or deed.trigger.trigger_id in TOLL_TRIGGERS
        or _place_taken(deed)
    )


def _place_taken(deed: TriggerMatch) -> bool:
    """ "Seized the village of X": a seizure of a place is the taking of territory (ACLED: a
    Battles sub-type), whatever goods the word may seize elsewhere."""
    if deed.trigger.kind != "seize":
        return False
    objects = [c for c in deed.span.root.children if c.dep_ == "dobj"]
    places = {s.root.i for s in place_spans(deed.span.root.sent)}
    return any(o.lemma_.lower() in PLACE_NOUNS or o.i in places for o in objects)


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _more_fighters(verb: Token, armed: frozenset[str]) -> bool:
    """ "..., killing three soldiers, and captured two others": "others" are of the kind named
    as the victims before them, fighters when those are."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in SAME_KIND]
    if not objects:
        return False
    before = verb.doc[verb.sent.start : objects[0].i]
    return any(
        t.lemma_.lower() in armed and t.dep_ in ("dobj", "pobj", "nsubjpass", "conj")
        for t in before
    )


def placed_apart(a: TriggerMatch, b: TriggerMatch) -> bool:
    """Two deeds in clauses joined by "and" or by a contrastive ", while" (not a "while"/"when"
    of cause), each naming a place of its own, the places different: two events.  A toll joined
    by "and" with no subject of its own is the deed's outcome, wherever it says it was."""
    kinds = (a.trigger, b.trigger)
    if any(
        k.event_type not in VIOLENT_TYPES and k.sub_event_type not in CAPTIVE_SUB_TYPES
        for k in kinds
    ):
        return False
    ta, tb = _deed_top(a.span.root), _deed_top(b.span.root)
    if ta == tb:
        return False
    for upper, lower, toll in ((ta, tb, b), (tb, ta, a)):
        if not _side_by_side(upper, lower):
            continue
        if toll.trigger.trigger_id in TOLL_TRIGGERS and not _own_subject(lower):
            return False
        mine, theirs = _places(upper, lower), _places(lower, None)
        return bool(mine and theirs) and not _same_place(mine, theirs)
    return False


def _deed_top(token: Token) -> Token:
    """The verb of the deed a trigger tells: its clause's head, climbing from a participle
    that tells what the clause did ("..., killing five soldiers") to that clause."""
    top = clause_top(token)
    for _ in range(4):
        participle = top.dep_ == "advcl" and top.tag_ == "VBG" and not _own_subject(top)
        if not participle and not (top.dep_ == "conj" and top.head.tag_ == "VBG"):
            return top
        top = clause_top(top.head)
    return top


def _side_by_side(upper: Token, lower: Token) -> bool:
    """Whether ``lower``'s clause is joined to ``upper``'s by "and" (either conjunct of a
    chain) or by a contrastive ", while" / "meanwhile"."""
    if lower.dep_ == "conj" and lower.head in (upper, *upper.conjuncts):
        return True
    if lower.dep_ != "advcl" or lower.head != upper or told_cause(lower):
        return False
    marks = {c.lower_ for c in lower.children if c.dep_ in ("mark", "advmod")}
    return bool(marks & ({"while", "whilst"} | ASIDE_WORDS))


def _places(top: Token, without: Token | None) -> set[str]:
    """The place names in the words of ``top``'s clause, less those of ``without``'s clause
    and of other clauses hung on it; a place name that is a subject stands for its people."""
    words = {t.i for t in top.subtree}
    for child in top.children:
        if child.dep_ in CLAUSE_ARCS and child.pos_ in ("VERB", "AUX") and child.tag_ != "VBG":
            words -= {t.i for t in child.subtree}
    if without is not None:
        words -= {t.i for t in without.subtree}
    return {
        (s.ent_id_ or s.text).lower()
        for s in place_spans(top.sent)
        if s.root.i in words and not acts_as_actor(s)
    }


def _same_place(mine: set[str], theirs: set[str]) -> bool:
    """Whether two clauses' places may be one ("Aleppo" and "eastern Aleppo" are)."""
    return any(x == y or x in y or y in x for x in mine for y in theirs)
