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
    Russian delegations" -> ("The Syrian and Russian delegations" (read by its first
    nationality), "Russian delegations"); "Kurdish forces" after "Turkish and" -> ("Turkish",
    "Kurdish forces")."""
    pair = _pair(span)
    if pair is None:
        return None
    first, second = pair
    doc = span.doc
    end = span.end if span.root.i >= span.end - 1 else span.root.i + 1
    if span.start <= first.i:  # the whole phrase is the span
        if not span.start <= second.i < end:
            return None
        return span, doc[second.i : end]
    # the span holds the second nationality and the head; the first stands outside it
    if not span.start <= second.i < end:
        return None
    return doc[first.i : first.i + 1], span
