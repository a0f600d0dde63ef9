"""Two sides told by coordinated nationalities before one noun: "the Syrian and Russian
delegations agreed", "Turkish and Kurdish forces clashed", "Iranian and Iraqi officials met".

ACLED codes a clash, an agreement or a meeting between two parties as actor1 and actor2, the
first named first (syria_actors GUIDE.md: "for clashes between A and B, A").  Where English
news shares the head noun between the two parties, the parse makes one noun phrase with
coordinated adjectives ("Syrian and Russian" both modify "delegations"), or an actor span of
the second one's words ("Kurdish forces") with the first nationality left outside it.  The
phrase is then cut in two: the first nationality (with the shared head where the span holds
it) is one side, the second nationality and the head the other.  Only for symmetric events:
in a one-sided deed ("Syrian and Russian jets struck") the second is the doer's associate.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Arcs by which a nationality adjective modifies the shared head noun.
MODIFIER_ARCS = frozenset({"amod", "compound", "nmod"})


def _nationality(token: Token) -> bool:
    return token.ent_type_ == "NORP" or (token.pos_ == "ADJ" and token.text[:1].isupper())


def _pair(span: Span) -> tuple[Token, Token] | None:
    """The two coordinated nationalities that modify ``span``'s head, first named first."""
    head = span.root
    for first in head.lefts:
        if first.dep_ not in MODIFIER_ARCS or not _nationality(first):
            continue
        second = next((c for c in first.children if c.dep_ == "conj"), None)
        if second is not None and _nationality(second) and second.i < head.i:
            return first, second
    return None


def coordinated_sides(span: Span) -> tuple[Span, Span] | None:
    """The two sides a span of coordinated nationalities tells, or None.  "The Syrian and
    Russian delegations" -> (the whole phrase, read by its first nationality as a list of
    two is; "Russian delegations"); "Kurdish forces" after "Turkish and" -> ("Turkish",
    "Kurdish forces")."""
    pair = _pair(span)
    if pair is None:
        return None
    first, second = pair
    doc = span.doc
    end = span.end if span.root.i >= span.end - 1 else span.root.i + 1
    if span.start <= first.i:  # the whole phrase is the span: its first nationality
        if not span.start <= second.i < end:
            return None
        return span, doc[second.i : end]
    # the span holds the second nationality and the head; the first stands outside it
    if not span.start <= second.i < end:
        return None
    return doc[first.i : first.i + 1], span


def _reciprocal(phrase: Token) -> bool:
    """Whether a verb's argument says "each other" or "one another" ("shelled each other's
    positions", "accused one another of ...")."""
    return any(
        t.lower_ in ("other", "another")
        and t.i > 0
        and t.doc[t.i - 1].lower_ in ("each", "one")
        and t.doc[t.i - 1].head.i in (t.i, t.head.i)
        for t in phrase.subtree
    )


def reciprocal_verb(trigger: Token) -> Token | None:
    """The verb whose object is "each other" for ``trigger``: the trigger itself ("A and B
    attacked each other") or the verb that takes it in an "of" / "for" phrase ("A and B
    accused each other of shelling the town": both say the other shelled)."""
    verbs = [trigger]
    if trigger.dep_ in ("pobj", "pcomp") and trigger.head.lower_ in ("of", "for"):
        verbs.append(trigger.head.head)
    for verb in verbs:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ in ("dobj", "prep", "npadvmod") and _reciprocal(c) for c in verb.children):
            return verb
    return None


def reciprocal_sides(trigger: Token, actors: list[Span]) -> tuple[Span, Span] | None:
    """The two sides of a deed they did to each other ("government troops and rebels shelled
    each other's positions", "Kurdish and Arab fighters attacked each other"): the subject's
    first and second conjuncts, as ACLED codes a clash between A and B (A first)."""
    verb = reciprocal_verb(trigger)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb else None
    if subject is None:
        return None
    first = next((a for a in actors if a.start <= subject.i < a.end), None)
    others = [c for c in subject.conjuncts if c.i > subject.i]
    second = next((a for a in actors for c in others if a.start <= c.i < a.end), None)
    if first is not None and second is not None and first != second:
        return first, second
    return coordinated_sides(first) if first is not None else None
