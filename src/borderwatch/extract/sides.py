"""Sides the parse leaves open, read from how English news names them around the deed.

Three habits of war reporting name an actor outside the arcs :mod:`.arguments` follows:

* a group's name as the premodifier of a fighter or deed noun ("IS militants", "ISIS shelling",
  "opposition shelling"): the name is the actor, the head noun only says what kind.  An acronym
  spelled like an English word ("IS") is often parsed as the verb ("IS militants attacked"), so
  a capitalised acronym the knowledge base knows, right before such a noun, is read as the name
  wherever the parser put it;
* the doer written right before or as the possessive of the deed ("the ISIS shelling on Azaz",
  "the rebels' mortar fire"), which a misparse can cut from the deed;
* a clash told by its tolls ("20 soldiers were killed, while five rebels were reported dead
  during the clashes"): ACLED codes the two groups named as its sides, the side whose dead are
  told first named first (syria_actors GUIDE.md: "the side whose dead are told first").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..model import ActorRef
from ..resolve.actors import ActorResolver
from .arguments import LOSING_VERBS, ActorRoles
from .candidates import CIVILIAN_HEADS, GROUP_NOUNS
from .membership import group_named
from .naming_spans import STATE_DEED_NOUNS
from .relatives import aimed_clause
from .sense import CASUALTY_VERBS
from .syntax import tree_distance

# Nouns of an act or of its doers that a group's name premodifies ("IS militants", "IS attack").
PREMODIFIED_NOUNS = GROUP_NOUNS | STATE_DEED_NOUNS | {"shelling", "bombardment", "airstrike"}
# Deeds one side does to another: "Hezbollah and the army launched an offensive" is one side
# (actor1 and its associate, as ACLED codes coordinated doers), not a clash between them; the
# people such a deed killed are its victims, not a second side that fought.
ONE_SIDED_NOUNS = frozenset({"offensive", "attack", "assault", "raid", "ambush", "operation"})
# Possessive markers between a doer and its deed ("the rebels' shelling").
POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})
# Speakers and monitors who report a clash: never one of its sides.
REPORTING_HEADS = frozenset(
    {"official", "source", "spokesman", "spokeswoman", "spokesperson", "activist", "monitor"}
)


def _shouting(doc: Doc) -> bool:
    """A headline or line set in capitals, where every word looks like an acronym."""
    letters = [t for t in doc if t.is_alpha and len(t) > 1]
    return bool(letters) and sum(t.is_upper for t in letters) > len(letters) / 2


def mark_premodifier_names(doc: Doc, actors: ActorResolver) -> None:
    """Mark, among ``doc``'s entities, the group a capitalised acronym names standing for the
    noun it premodifies ("IS militants": the Islamic State, not generic militants; "an IS
    attack": IS the doer).  The base's acronyms that are English words match only as nouns
    in the ruler (``nlp``); here the noun after says they are names, however parsed."""
    if _shouting(doc):
        return
    ents = list(doc.ents)
    changed = False
    for token in doc[:-1]:
        after = doc[token.i + 1]
        acronym = token.is_upper and token.is_alpha and len(token) >= 2
        premodified = {after.lower_, after.lemma_.lower()} & PREMODIFIED_NOUNS
        if not acronym or not premodified or token.ent_id_.startswith("actor:"):
            continue
        entry = actors.in_context(token.text)
        if entry is None or entry.kind == "generic":
            continue
        label = "ORG" if entry.kind == "organisation" else "PERSON"
        head = next((e for e in ents if e.start == after.i), None)
        generic = head is not None and actors.kind_of(head.ent_id_.removeprefix("actor:")) in (
            None,
            "generic",
        )
        if head is not None and not generic:
            continue
        # "IS militants": the noun, named by the acronym; "an IS attack": the acronym itself
        people = after.lemma_.lower() in GROUP_NOUNS or after.lower_ in GROUP_NOUNS
        start, end = (after.i, after.i + 1) if people else (token.i, token.i + 1)
        if head is not None:
            start, end = head.start, head.end
        ents = [e for e in ents if e.end <= start or e.start >= end]
        ents.append(Span(doc, start, end, label=label, span_id=f"actor:{entry.actor_id}"))
        changed = True
    if changed:
        doc.ents = sorted(ents, key=lambda e: e.start)


def deed_owner(
    deeds: list[Token], actors: list[Span], taken: tuple[Span | None, ...]
) -> Span | None:
    """The actor written right before a deed of the event, or as its possessive ("the ISIS
    shelling on the town", "the rebels' mortar fire", "opposition shelling"): its doer,
    whatever the parser made of the words between."""
    for deed in deeds:
        if deed.pos_ not in ("NOUN", "VERB", "PROPN") or deed.tag_ not in ("NN", "NNS", "VBG"):
            continue
        end = deed.i
        while end > 0 and (deed.doc[end - 1].lower_ in POSSESSIVE_MARKS):
            end -= 1
        for actor in actors:
            if actor.end != end or actor in taken or _civilian(actor):
                continue
            return actor
    return None


# Verbs by which a group owns an attack's responsibility ("IS claimed responsibility for the
# bombing"): ACLED codes a claimed attack to the group that claimed it.
CLAIMING_VERBS = frozenset({"claim", "take", "assume", "bear"})


def claimant(deeds: list[Token], actors: list[Span]) -> Span | None:
    """ "The Islamic State claimed responsibility for the bombing that killed 20", "IS claimed
    the attack": the subject of the claim is the deed's doer."""
    for deed in deeds:
        verb = _claiming_verb(deed)
        if verb is None:
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        for actor in actors:
            if any(actor.start <= t.i < actor.end for t in subjects):
                return actor
    return None


def _claiming_verb(deed: Token) -> Token | None:
    """The verb claiming ``deed``: "claimed the bombing", "claimed responsibility for it"."""
    if deed.dep_ == "dobj" and deed.head.lemma_.lower() == "claim":
        return deed.head
    prep = deed.head
    if deed.dep_ != "pobj" or prep.lower_ != "for":
        return None
    if prep.head.lemma_.lower() != "responsibility":
        return None
    verb = prep.head.head
    return verb if verb.lemma_.lower() in CLAIMING_VERBS else None


def _civilian(span: Span) -> bool:
    return span.root.lemma_.lower() in CIVILIAN_HEADS or span.ent_id_ == "actor:civilians"


def _armed_side(span: Span) -> bool:
    """A candidate that can be one side of a clash: a group (named or by its group noun), not
    civilians, a person or whoever reports it."""
    root = span.root.lemma_.lower()
    if _civilian(span) or root in REPORTING_HEADS or span.label_ == "PERSON":
        return False
    return span.ent_id_.startswith("actor:") or span.label_ == "ORG" or root in GROUP_NOUNS


def other_side(roles: ActorRoles, actors: list[Span], deed: Token) -> ActorRoles:
    """A clash with one side open: the other armed group the sentence names ("20 soldiers
    were killed, while five rebel fighters were reported dead during the clashes", "killed in
    an ambush set by militants").  When the report tells only the dead of both, the side told
    first is actor1; a side named otherwise is the one that fought the dead (issue #22: "the
    other side is actor1 and the dead are actor2")."""
    if roles.actor1 is not None and roles.actor2 is not None:
        return roles
    known = roles.actor1 or roles.actor2
    taken = (roles.actor1, roles.actor2, roles.ally, roles.ally2)
    # a group inside the known side's own phrase ("armed men from Lebanese clans") is that side
    own = {t.i for t in known.root.subtree} if known is not None else set()
    # whom the deed was aimed at ("an attack that targeted an army post") did not do it
    aimed = aimed_clause(deed) if roles.actor1 is None else None
    own |= {t.i for t in aimed.subtree} if aimed is not None else set()
    others = [
        a
        for a in actors
        if a not in taken
        and _armed_side(a)
        and not _same(a, known)
        and a.root.i not in own
        and not lost_people(a)
        and not any(_premodified_by(a, side) for side in taken if side is not None)
    ]
    if not others or known is None:
        return roles
    # the group nearest the deed in the parse ("Hezbollah, which fought ...": the antecedent)
    nearest = min(others, key=lambda a: (tree_distance(deed, a.root), a.start))
    side = group_named(nearest, actors) or nearest
    if _same(side, known):
        return roles
    if roles.actor1 is None and deed.lemma_.lower() in ONE_SIDED_NOUNS and _killed(side):
        return roles  # "an attack that targeted an army post killed three soldiers": victims
    if roles.actor1 is None:
        dead_first = _told_dead(side) and side.start < known.start
        first, second = (side, known) if dead_first or not _told_dead(side) else (known, side)
        return replace(roles, actor1=first, actor2=second)
    return replace(roles, actor2=side)


def lost_people(span: Span) -> bool:
    """People a side is said to have lost ("Hezbollah lost five fighters in the battle"):
    the subject's own dead, never the side it fought."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        root = root.head.head  # "lost dozens of soldiers"
    return root.dep_ == "dobj" and root.head.lemma_.lower() in LOSING_VERBS


# Arcs by which a name premodifies the noun of its people ("ISIS and Nusra Front militants").
PREMODIFIER_ARCS = frozenset({"nmod", "compound", "conj", "poss", "amod"})


def _premodified_by(noun: Span, name: Span) -> bool:
    """Whether ``name`` premodifies ``noun`` (alone or in a coordination: "ISIS and Nusra Front
    militants"): the noun then names the same people, never the other side."""
    token = name.root
    while token.dep_ in PREMODIFIER_ARCS and token.head.i != token.i:
        token = token.head
        if token.i == noun.root.i:
            return name.end <= noun.root.i
    return False


def _killed(span: Span) -> bool:
    """People told as the object of a casualty verb ("killed three soldiers")."""
    return span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in CASUALTY_VERBS


def _told_dead(span: Span) -> bool:
    """Whether the sentence tells ``span``'s people as dead or hurt ("five rebels were
    reported dead", "seven rebels died")."""
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = root.head
    dead = any(c.lower_ in ("dead", "killed", "wounded", "injured") for c in verb.children)
    return verb.lemma_.lower() in CASUALTY_VERBS or dead


def _same(span: Span, other: Span | None) -> bool:
    return other is not None and (
        span.root.lemma_.lower() == other.root.lemma_.lower()
        or (bool(span.ent_id_) and span.ent_id_ == other.ent_id_)
    )


# The knowledge base's generic armed opposition, and the words state media use for it whose
# meaning needs the other side ("terrorists" fighting the army).
REBELS_ID = "rebels"


def pejorative_rebels(
    actor1: ActorRef | None, actor2: ActorRef | None, actors: ActorResolver, on: date | None
) -> tuple[ActorRef | None, ActorRef | None]:
    """Both sides of an event read by :func:`_pejorative` against each other."""
    return _pejorative(actor1, actor2, actors, on), _pejorative(actor2, actor1, actors, on)


def _pejorative(
    ref: ActorRef | None, other: ActorRef | None, actors: ActorResolver, on: date | None
) -> ActorRef | None:
    """ "The army killed dozens of terrorists": a word the base gives the armed opposition
    only in context (``context_aliases`` of Rebels: "terrorists", "extremists", "takfiris"),
    fighting a state's forces, is that opposition (syria_actors GUIDE.md: an unnamed armed
    group fighting the regime is Opposition Rebels); against anyone else it names no one."""
    if ref is None or ref.actor_id is not None or other is None or other.inter != 1:
        return ref
    entry = actors.by_id(REBELS_ID, on)
    words = ref.text.lower().split()
    if entry is None or not words or words[-1] not in {a.lower() for a in entry.context_aliases}:
        return ref
    return ActorRef(ref.text, entry.canonical, entry.actor_id, entry.inter, entry.country)


# Verbs by which a side sends the thing that killed ("a bullet fired by regime troops", "a
# shell launched by rebels", "a mine planted by IS").
SENDING_VERBS = frozenset({"fire", "launch", "plant", "drop", "shoot", "throw", "lob", "lay"})


def instrument_sender(trigger: Token, actors: list[Span]) -> Span | None:
    """ "A child was killed by a sniper bullet fired by regime troops": the deed's agent is a
    thing, and whoever the participle after it says sent it is the doer (a word for the
    shooter inside the thing's own name, "sniper", names no one better)."""
    agents = [c for c in trigger.children if c.dep_ == "agent"]
    things = [g for a in agents for g in a.children if g.dep_ == "pobj"]
    for thing in things:
        for verb in thing.children:
            if verb.dep_ != "acl" or verb.lemma_.lower() not in SENDING_VERBS:
                continue
            senders = [g for a in verb.children if a.dep_ == "agent" for g in a.children]
            for actor in actors:
                if any(actor.start <= s.i < actor.end for s in senders):
                    return actor
    return None


def inside_instrument(span: Span | None, trigger: Token) -> bool:
    """Whether ``span`` is a word inside the name of the thing that did the deed ("sniper" in
    "killed by a sniper bullet")."""
    if span is None:
        return False
    agents = [c for c in trigger.children if c.dep_ == "agent"]
    things = [g for a in agents for g in a.children if g.dep_ == "pobj"]
    return any(span.root.head == t and span.root.dep_ in ("compound", "amod") for t in things)


# Verbs by which one party says another did the deed ("accused IS of killing", "blamed the
# regime for the attack"): their object is the deed's alleged doer.
ACCUSING_VERBS = frozenset({"accuse", "blame", "hold"})


def controlling_subject(trigger: Token, actors: list[Span]) -> Span | None:
    """ "Rebels claimed to have killed 30 soldiers", "IS managed to storm the base": an
    infinitive deed whose verb has no object of its own is done by that verb's subject
    ("ordered troops to attack" has an object, which does it, and is left to the parse)."""
    head = trigger.head
    if trigger.dep_ != "xcomp" or head.pos_ != "VERB":
        return None
    if any(c.dep_ in ("dobj", "iobj") for c in head.children):
        return None
    return _actor_at([c for c in head.children if c.dep_ == "nsubj"], actors)


def accused(trigger: Token, actors: list[Span]) -> Span | None:
    """ "The YPG accused IS of killing 12 civilians", "blamed the regime for the shelling":
    the one accused is the deed's (alleged) doer, as the report attributes it."""
    prep = trigger.head
    if trigger.dep_ not in ("pcomp", "pobj") or prep.lower_ not in ("of", "for"):
        return None
    verb = prep.head
    if verb.lemma_.lower() not in ACCUSING_VERBS:
        return None
    return _actor_at([c for c in verb.children if c.dep_ == "dobj"], actors)


# Verbs by which a report lays a deed told in another clause at someone's door ("... killed
# 15 people, activists said, blaming Russian aircraft").
BLAMING_VERBS = frozenset({"accuse", "blame"})


def blamed(trigger: Token, actors: list[Span]) -> Span | None:
    """ "Air strikes killed 15 people, activists said, blaming Russian aircraft": the one
    blamed, in a clause joined to the clause telling the deed, is its (alleged) doer: ACLED
    codes the attributed actor.  A blame with its own "for"/"of" names its own deed (read
    by :func:`accused`), and one in a clause of its own ("The ministry blamed Israel.") may
    be for another deed."""
    for verb in trigger.sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in BLAMING_VERBS:
            continue
        if verb.dep_ not in ("advcl", "conj") or any(
            c.dep_ == "prep" and c.lower_ in ("for", "of") for c in verb.children
        ):
            continue
        if verb.head == trigger or verb.head in trigger.ancestors:
            found = _actor_at([c for c in verb.children if c.dep_ == "dobj"], actors)
            if found is not None:
                return found
    return None


def _actor_at(tokens: list[Token], actors: list[Span]) -> Span | None:
    for actor in actors:
        if any(actor.start <= t.i < actor.end for t in tokens):
            return actor
    return None


def name_before(span: Span | None, actors: list[Span]) -> Span | None:
    """ "Jabhat Fateh al-Sham fighters", the name's words misparsed so that the generic word
    stayed a candidate of its own: the name right before the generic word stands for it."""
    if span is None or span.label_ != "NORP":
        return span
    name = next((a for a in actors if a.end == span.start and a.label_ == "ORG"), None)
    return name if name is not None and name.ent_id_.startswith("actor:") else span


def named_before(span: Span | None, actors: list[Span]) -> Span | None:
    """ "Islamic State militants clashed with the army, while the militants detained six
    villagers": a definite generic phrase ("the militants") is the actor named before it in
    the sentence with the same head word and more words to its name."""
    before = span.doc[span.start - 1] if span is not None and span.start > 0 else None
    if span is None or before is None or before.lower_ != "the" or span.label_ in ("ORG", "PERSON"):
        return span
    for earlier in reversed([a for a in actors if a.end <= span.start]):
        same_head = earlier.root.lemma_.lower() == span.root.lemma_.lower()
        if same_head and len(earlier) > len(span):
            return earlier
    return span


def weapon_phrase_doer(
    roles: ActorRoles, trigger: Token, actors: list[Span], target_of: Callable[[Token], Span | None]
) -> ActorRoles:
    """A weapon named with its owner as the event's trigger ("Government artillery pounded
    the district", "Turkish artillery shelled YPG positions"): the owner's phrase is the doer
    (ACLED codes a state's guns as its military forces), and what the verb whose subject the
    weapon is acts on is the target.  The phrase is an actor span covering the trigger, whose
    head the trigger is: the parse reads it as one argument, so no arc leads from the trigger
    to its own owner.  A doer noun ("a suicide bomber affiliated with IS") names people, whose
    group other rules read."""
    lemma = trigger.lemma_.lower()
    weapon = lemma in STATE_DEED_NOUNS and lemma not in GROUP_NOUNS  # not "a suicide bomber"
    if roles.actor1 is not None or trigger.pos_ != "NOUN" or not weapon:
        return roles
    owner = next(
        (a for a in actors if a.start <= trigger.i < a.end and a.root == trigger and len(a) > 1),
        None,
    )
    if owner is None:
        return roles
    roles = replace(roles, actor1=owner)
    verb = trigger.head
    if roles.actor2 is None and trigger.dep_ == "nsubj" and verb.pos_ == "VERB":
        target = target_of(verb)
        if target is not None and target != owner:
            roles = replace(roles, actor2=target)
    return roles
