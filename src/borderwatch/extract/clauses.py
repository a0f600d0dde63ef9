"""Clauses of one sentence: which triggers report different happenings, and which words each
event may take its arguments from.

One sentence often reports two happenings: "troops arrested three smugglers at the crossing,
while gunmen kidnapped a shepherd"; "villagers attacked an army post after the arrest of a local
man".  ACLED codes one event per happening, each with its own actors and counts.  A trigger's
clause is headed by the verb it is (or the verb that carries a noun trigger: "launched an
attack"); a noun after "after", "before" or "following" is a happening of its own.  Two clauses
report different happenings when each names its own, different participant as subject
("troops ... while gunmen ..."); a coordinated verb sharing its subject ("shelled and stormed
the village") or a killing told as the outcome ("... and two civilians were killed") stays part
of the one event.

Each event then reads counts from its own clause only ("three smugglers" are not the shepherd's
kidnappers' victims) and prefers a place of its own clause, inheriting the sentence's place when
its clause names none.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..region import Trigger
from .syntax import SUPPORT_VERBS

# ACLED's types of political violence (the rest are demonstrations and strategic developments).
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# Prepositions that put a noun event before or after the clause's: a happening of its own
# ("attacked the post after the arrest of a local man").
SEQUENCE_PREPS = frozenset({"after", "before", "following", "since", "preceding"})
# Subject arcs of a clause.
SUBJECT_ARCS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Subjects that stand for a participant of the other clause: "militants who attacked".
RELATIVE = frozenset({"who", "which", "that", "whom"})
# Subjects that may stand for the other clause's subject ("the army said it arrested ...").
PERSONAL = frozenset({"they", "it", "he", "she", "we", "i", "you", "this", "there"})
# Object pronouns that may stand for the other clause's subject ("... dispersed them").
OBJECT_PRONOUNS = frozenset({"them", "him", "her", "it"})
# Prepositions by which a noun event names a participant of its own ("the arrest of a local
# man", "an attack by rebels", "clashes with rebels").
PARTICIPANT_PREPS = frozenset({"of", "by", "against", "with", "between"})
# Triggers that report what another act did ("... and two civilians were killed"): part of
# that act unless their own clause names who did it.
OUTCOME_TRIGGERS = frozenset({"killing", "toll"})
# Arcs that join a clause to another: only these make a clause of its own (a relative clause
# describes one of the other clause's participants; "troops who were attacked" stays its
# participant's description).
CLAUSE_ARCS = frozenset({"advcl", "conj", "ccomp", "parataxis", "ROOT"})
# Arcs that open a clause of its own: a word's clause ends where it climbs through one (a
# "conj" only on a verb: "rockets and mortars" is one phrase).
OPENING_ARCS = frozenset({"conj", "advcl", "ccomp", "parataxis", "relcl", "ROOT"})
# The most arcs a trigger climbs to the top of its clause (a weapon in a long phrase).
MAX_CLIMB = 8


def clause_top(token: Token) -> Token:
    """The head of the clause ``token`` lies in: the first word above it (or itself) that
    opens a clause ("shells" in "militants hit a checkpoint with mortar shells" -> "hit")."""
    current = token
    for _ in range(MAX_CLIMB):
        opens = current.dep_ in OPENING_ARCS and (
            current.dep_ != "conj" or current.pos_ in ("VERB", "AUX")
        )
        if opens or current.head == current:
            return current
        current = current.head
    return current


# Words that join a clause telling what caused a toll to the toll's clause: time and cause
# ("were killed when militants hit a checkpoint", "died as jets struck"). Not "before" (the
# deed came later) nor "since"/"until" (a period, not a deed).
CAUSING_WORDS = frozenset({"when", "as", "while", "whilst", "after", "once", "because"})
# Of those, the words that join only loosely, as a contrast, with a comma before them ("two
# soldiers were killed in Daraa, while jets struck Idlib": another happening).
CONTRASTIVE = frozenset({"while", "whilst"})


def told_cause(clause: Token) -> bool:
    """Whether an adverbial clause opens with a word of time or cause that may tell what
    caused the clause it hangs on, not a contrastive ", while"."""
    for child in clause.children:
        if child.dep_ in ("mark", "advmod") and child.lower_ in CAUSING_WORDS:
            if child.i > clause.i:
                return False
            if child.lower_ in CONTRASTIVE and child.i > 0:
                return child.doc[child.i - 1].text != ","
            return True
    return False


def sequence_noun(token: Token) -> bool:
    """A noun event introduced by "after", "before", "following" that names a participant of
    its own ("after the arrest of a local man"): a happening before or after the clause's."""
    return (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ == "pobj"
        and token.head.lower_ in SEQUENCE_PREPS
        and _own_participant(token)
    )


def _own_participant(noun: Token) -> bool:
    """Whether a noun event names a participant of its own ("the arrest of a local man",
    "an attack by rebels"): "after a raid" alone may be the other clause's own act."""
    return any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in PARTICIPANT_PREPS)
        for c in noun.children
    )


def clause_head(token: Token) -> Token:
    """The head of the clause a trigger reports: the verb it is, the verb carrying a noun
    trigger ("launched an attack", "clashes erupted"), or a sequence noun itself."""
    if sequence_noun(token):
        return token
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("xcomp", "amod", "acl"):
            return current
        if current.head == current:
            return current
        current = current.head
    return current


def _subject(head: Token) -> Token | None:
    """The clause's subject: a passive clause's agent ("by gunmen") when it names one."""
    for child in head.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return next((c for c in head.children if c.dep_ in SUBJECT_ARCS), None)


def _acts(head: Token) -> bool:
    """Whether the clause says who acted: an active subject or a passive agent."""
    subject = _subject(head)
    return subject is not None and subject.dep_ != "nsubjpass"


def separate(a: Token, b: Token, kinds: tuple[Trigger, Trigger]) -> bool:
    """Whether triggers ``a`` and ``b`` (of lexicon entries ``kinds``) of one sentence report
    two happenings: a sequence noun ("after the arrest of ..."), or two clauses each with its
    own subject, neither standing for the other's participant."""
    ha, hb = clause_head(a), clause_head(b)
    if ha == hb:
        return False
    if sequence_noun(ha) or sequence_noun(hb):
        # fighting before a capture or a killing is the same fight ("captured the town after
        # clashes with rebels", "killed after clashes"); an arrest before an attack is not
        return not all(k.event_type in VIOLENT_TYPES for k in kinds)
    lower = hb if ha.is_ancestor(hb) else ha if hb.is_ancestor(ha) else None
    if lower is not None and _joining_arc(lower, ha if lower is hb else hb) not in CLAUSE_ARCS:
        return False
    if not (_tells(a, ha) and _tells(b, hb)):
        return False
    sa, sb = _subject(ha), _subject(hb)
    if sa is None or sb is None or sa == sb:
        return False
    if sa.lower_ in RELATIVE or sb.lower_ in RELATIVE:
        return False  # "troops killed militants who attacked a checkpoint": one fight
    if (sa.lower_ in PERSONAL and sb != b) or (sb.lower_ in PERSONAL and sa != a):
        return False  # a pronoun may be the other clause's subject again
    if kinds[0].event_type == kinds[1].event_type and (_acts_on(ha, sb) or _acts_on(hb, sa)):
        return False  # "protesters rallied before police dispersed them": one protest
    for head, kind in ((ha, kinds[0]), (hb, kinds[1])):
        if not _acts(head) and (
            kind.trigger_id in OUTCOME_TRIGGERS or kind.sub_event_type == _other(kinds, kind)
        ):
            # "... and two civilians were killed": the other act's outcome; "police arrested
            # two men, while three others were arrested": the same arrests, actor untold
            return False
    return True


def acts_on(a: Token, b: Token, kinds: tuple[Trigger, Trigger]) -> bool:
    """Whether trigger ``a``'s clause acts on the subject of trigger ``b``'s clause, both of
    one event type ("police dispersed them" after "protesters rallied"): one happening, whose
    initiator is ``b``'s subject."""
    if kinds[0].event_type != kinds[1].event_type:
        return False
    ha, hb = clause_head(a), clause_head(b)
    sb = _subject(hb)
    return ha != hb and sb is not None and sb.lower_ not in PERSONAL and _acts_on(ha, sb)


def _acts_on(head: Token, other_subject: Token) -> bool:
    """Whether the clause headed by ``head`` acts on the other clause's subject: its object is
    a pronoun that may stand for it ("protesters rallied before police dispersed them",
    "gunmen attacked the post and troops repelled them") or a noun of the same kind ("...
    before police dispersed the protesters").  Told with triggers of one event type, that is
    one happening seen from both sides (ACLED codes the protest and its dispersal as one
    Protest with intervention, an attack and its repulsion as one armed clash)."""
    for child in head.children:
        objects = [child] if child.dep_ in ("dobj", "nsubjpass") else []
        if child.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" for g in child.children):
            objects += [g for g in child.children if g.dep_ == "dobj"]  # "... to disperse them"
        for obj in objects:
            if obj.lower_ in OBJECT_PRONOUNS or obj.lemma_.lower() == other_subject.lemma_.lower():
                return True
    return False


def _other(kinds: tuple[Trigger, Trigger], kind: Trigger) -> str:
    return (kinds[1] if kind is kinds[0] else kinds[0]).sub_event_type


def _tells(trigger: Token, head: Token) -> bool:
    """Whether the clause headed by ``head`` tells the trigger's happening: the trigger heads
    it, is its subject ("clashes left three dead") or is carried by a support verb ("launched
    an attack"); a noun in another verb's phrase ("found during a police raid") is not."""
    if trigger == head or trigger.head == head and trigger.dep_ in SUBJECT_ARCS:
        return True
    return head.lemma_ in SUPPORT_VERBS


def _joining_arc(lower: Token, upper: Token) -> str:
    """The arc by which the clause headed by ``lower`` hangs under ``upper``'s clause."""
    current = lower
    while current.head != upper and current.head != current:
        current = current.head
    return current.dep_


@dataclass(frozen=True)
class Clause:
    """The words an event may take its arguments from: ``own`` (None: the whole sentence)
    without the ``inner`` clauses of other events nested in it."""

    own: Span | None
    inner: tuple[Span, ...] = ()

    def holds(self, span: Span) -> bool:
        """Whether ``span`` lies in the event's own words."""
        if self.own is not None and not (self.own.start <= span.start and span.end <= self.own.end):
            return False
        return not any(i.start <= span.start < i.end for i in self.inner)

    def foreign(self, doc: Doc) -> list[Span]:
        """The sentence's words that are not the event's own, as spans."""
        spans = list(self.inner)
        if self.own is not None:
            spans += [doc[: self.own.start], doc[self.own.end :]]
        return [s for s in spans if len(s)]


WHOLE = Clause(None)


def event_head(triggers: list[Token]) -> Token:
    """The clause head of an event told by several triggers: the highest of their heads."""
    heads = [clause_head(t) for t in triggers]
    return min(heads, key=lambda h: (len(list(h.ancestors)), h.i))


def clauses_of(heads: list[Token]) -> list[Clause]:
    """Each event's clause, given the clause heads of the sentence's events (one per event,
    see :func:`event_head`): a single event owns the sentence; otherwise each owns its head's
    subtree less the other events' clauses nested in it."""
    if len(heads) < 2:
        return [WHOLE for _ in heads]
    spans = [h.doc[h.left_edge.i : h.right_edge.i + 1] for h in heads]
    result = []
    for n, head in enumerate(heads):
        inner = tuple(
            s
            for m, s in enumerate(spans)
            if m != n and spans[n].start <= s.start and s.end <= spans[n].end and s != spans[n]
        )
        own = None if head.dep_ == "ROOT" else spans[n]
        result.append(Clause(own, inner))
    return result
