"""Speakers who acted: "the army said it had seized ...", "the coalition said its strikes
killed ...", "20 militants were killed by our forces, the YPG said".  Who spoke is the event's
source and is left out of its actors (:mod:`.roles`), except where the words say the speaker
did it."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ..model import ActorRef
from .arguments import personal_pronoun
from .candidates import CIVILIAN_HEADS, GROUP_NOUNS
from .syntax import PATIENT_PREPS, SUPPORT_VERBS, governing_verb

# Pronouns by which a speaker says what it did ("the army said it had seized ...").
SPEAKER_PRONOUNS = {"it": False, "we": None, "they": True}  # plural speaker needed?
# Possessives by which a speaker says what it did ("the coalition said its strikes killed").
SPEAKER_POSSESSIVES = {"its": "it", "our": "we", "their": "they"}
# Words by which a speaker says it speaks for a state's military without naming the state ("a
# military source", "military officials"): its "our forces" are that military.
MILITARY_SPEAKER_WORDS = frozenset({"military", "army"})
# "A Hezbollah commander said his fighters captured two hills": the men a person speaking for
# a group calls his own are the group's (his house or his brother are his alone).
PERSONAL_POSSESSIVES = frozenset({"his", "her"})
COMMANDED_HEADS = frozenset(
    {"fighter", "man", "troop", "soldier", "force", "militiaman", "militiamen", "unit"}
)
# People a state speaker calls its own who name their force themselves ("Lebanon said its
# soldiers arrested five men": its army, as ACLED codes an arrest by soldiers), where "its
# warplanes" or "its aircraft" name no one without the speaker.
GROUND_FORCES = frozenset(
    {"soldier", "troop", "police", "policeman", "officer", "guard", "army", "gendarme"}
)
# Speakers who report what others did, not what they did themselves.
REPORTERS = frozenset({"official", "source", "spokesman", "spokeswoman", "spokesperson"})


def speaker_as_subject(trigger: Token, excluded: list[Span]) -> Span | None:
    """ "The Lebanese army said it had seized ...": a pronoun subject standing for the speaker
    named before it is the speaker, which then acted (it is still the event's source)."""
    verb = governing_verb(trigger) if trigger.pos_ == "NOUN" else None
    # "it launched an offensive", "it killed 20 militants in clashes": the verb carrying the
    # noun (as an object or through a preposition) has the pronoun subject
    carried = verb is not None and (verb.lemma_ in SUPPORT_VERBS or trigger.head.dep_ == "prep")
    carrier = verb if carried and verb is not None else trigger
    pronoun = personal_pronoun(carrier, ("nsubj",)) or _possessive(trigger)
    word = SPEAKER_POSSESSIVES.get(pronoun.lower_, pronoun.lower_) if pronoun else ""
    if pronoun is None or word not in SPEAKER_PRONOUNS:
        return None
    plural = SPEAKER_PRONOUNS[word]
    for span in excluded:
        root = span.root
        if span.end > pronoun.i or root.lemma_.lower() in REPORTERS:
            continue
        named = any(t.ent_type_ in ("ORG", "NORP") or t.ent_id_.startswith("actor:") for t in span)
        if not (named or root.lemma_.lower() in GROUP_NOUNS):
            continue
        # "they" for a group ("the rebel group announced they captured ..."), not a person
        collective = root.tag_ != "NNS" and root.lemma_.lower() in GROUP_NOUNS - CIVILIAN_HEADS
        if plural is None or (root.tag_ == "NNS") == plural or (plural and collective):
            return span
    return None


def speakers_own(span: Span | None, excluded: list[Span], *, forced: bool = False) -> Span | None:
    """ "20 militants were killed by our forces, the YPG said", "Hezbollah said one of its
    fighters was killed": people the speaker calls its own ("our", "its", "their") are the
    organisation it speaks for, named in the words that say who spoke."""
    if span is None or not (forced or _owned(span.root)):
        return span
    for source in excluded:
        for ent in _names_in(source):
            if ent.ent_id_.startswith("actor:"):
                return ent
    for source in excluded:
        # "our forces shot down a drone, a military source said": the speaker speaks for the
        # state's military, the unnamed forces of the event's country
        force = next((t for t in source if t.lower_ in MILITARY_SPEAKER_WORDS), None)
        if force is not None:
            return source.doc[force.i : force.i + 1]
    # "Ukraine accused Russia of shelling its positions", "Turkey said its jets struck": a
    # country that is itself the speaker owns what it calls its own (its state, as a country
    # in an actor's place)
    state = next(
        (
            ent
            for source in excluded
            if source.root.dep_ == "nsubj"
            for ent in _names_in(source)
            if ent.label_ == "GPE" and ent.start <= source.root.i < ent.end
        ),
        None,
    )
    if forced or span.root.lemma_.lower() not in GROUND_FORCES:
        return state if forced or state is not None else span
    return span


def _names_in(source: Span) -> list[Span]:
    """The named entities a speaker's words are part of: the whole name even where the parse
    cut the speaker to its last word ("Islam" of "Jaish al-Islam said ...", the name's
    hyphen parsed apart)."""
    return [e for e in source.doc.ents if e.start < source.end and source.start < e.end]


def speakers_target(trigger: Token, excluded: list[Span]) -> Span | None:
    """ "Hezbollah said Israeli drones struck one of its positions", "the army said gunmen
    attacked its post": what the deed hit is what the speaker calls its own ("its", "our",
    "their" post, convoy, patrol), so the speaker's organisation was acted on."""
    objects = [c for c in trigger.children if c.dep_ == "dobj"] + [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in PATIENT_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if not any(_owned(o) for o in objects):
        return None
    return speakers_own(objects[0].doc[objects[0].i : objects[0].i + 1], excluded, forced=True)


def _owned(root: Token) -> bool:
    """Whether the words say the speaker's own: "our forces", "its fighters", "one of their
    members"."""
    nouns = [root] + [
        g for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
    ]
    return any(
        c.dep_ == "poss"
        and (
            c.lower_ in SPEAKER_POSSESSIVES
            or (c.lower_ in PERSONAL_POSSESSIVES and n.lemma_.lower() in COMMANDED_HEADS)
        )
        for n in nouns
        for c in n.children
    )


def _possessive(trigger: Token) -> Token | None:
    """ "its strikes killed", "their shelling of the town": the possessive of the deed (or of
    the subject naming the deed)."""
    nouns = [trigger] + [c for c in trigger.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "poss" and child.lower_ in SPEAKER_POSSESSIVES:
                return child
    return None


# Kinds of deed that only the state's forces do lawfully and report themselves: an arrest or a
# seizure told in the passive with nobody said to have made it ("seven men were arrested, the
# army said") was made by the force that reports it, as ACLED codes such statements.
CUSTODY_KINDS = frozenset({"arrest", "seize"})
# ACLED's interaction code of state forces.
STATE_FORCES_INTER = 1


def custody_without_its_maker(trigger: Token, kind: str | None) -> bool:
    """An arrest or seizure in the passive with no agent ("had been arrested", "were seized")."""
    if kind not in CUSTODY_KINDS or trigger.pos_ != "VERB":
        return False
    children = {c.dep_ for c in trigger.children}
    return "agent" not in children and bool(children & {"nsubjpass", "auxpass"})


def reporting_force(
    excluded: list[Span], resolve: Callable[[Span], ActorRef | None]
) -> ActorRef | None:
    """The state force among the words that say who spoke ("the army said", "police said"),
    not a source or spokesman reporting for someone else."""
    for span in excluded:
        if span.root.dep_ == "nsubjpass" or span.root.lemma_.lower() in REPORTERS:
            continue
        ref = resolve(span)
        if ref is not None and ref.inter == STATE_FORCES_INTER:
            return ref
    return None


# Arcs by which a noun of dealing hangs on the verb that says it happened ("talks have begun",
# "reached a truce", "signed an agreement").
CARRIED_ARCS = frozenset({"nsubj", "nsubjpass", "dobj"})


def counterpart(trigger: Token, actors: list[Span]) -> Span | None:
    """The other party of a deal or of talks, named by "with" on the trigger or on the verb
    that carries it: "talks have begun with X", "the army reached a truce with X"."""
    nouns = [trigger]
    if trigger.dep_ == "pobj" and trigger.head.head.pos_ == "NOUN":
        nouns.append(trigger.head.head)  # "talks on a ceasefire have begun with X"
    heads = list(nouns)
    for noun in nouns:
        if noun.pos_ == "NOUN" and noun.dep_ in CARRIED_ARCS and noun.head.pos_ == "VERB":
            heads.append(noun.head)
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "with":
                continue
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            for actor in actors:
                if any(actor.start <= o.i < actor.end for o in objects):
                    return actor
    return None


def speaker_party(excluded: list[Span]) -> Span | None:
    """The organisation a speaker speaks for, named in the words that say who spoke
    ("Hezbollah leader Hassan Nasrallah said", "a Hezbollah official said"): in talks or a
    deal the report tells from one side, the speaker's side is the other party."""
    for source in excluded:
        for ent in _names_in(source):
            if ent.ent_id_.startswith("actor:") and ent.label_ == "ORG":
                return ent
    return None


def speaker_as_person(excluded: list[Span]) -> Span | None:
    """A speaker named as a person ("Nasrallah said"): the person, whose organisation on the
    day :mod:`.roles` reads from the base (a person it does not know is left out there)."""
    for source in excluded:
        for ent in source.ents:
            if ent.label_ == "PERSON":
                return ent
    return None
