"""Words around a place name that say it is not where the event happened: the country across
a border ("at the border with Syria"), a destination ("taken to a hospital in X"), a dateline
("BEIRUT (Reuters) --").  Read by :class:`.search.ContextSearch` (split from :mod:`.search`)."""

from __future__ import annotations

from spacy.tokens import Span

# Dashes that close a dateline ("BEIRUT, June 2 (Reuters) -").
DASHES = frozenset({"-", "\u2013", "\u2014", "--"})
# Words in a dateline before its dash: a place, a date, an outlet; never a verb.
DATELINE_MAX_TOKENS = 16

# Nouns of a frontier: "at the border with Syria" names the country on its other side.
# ("its crossings with Syria": a crossing joins two sides, and the one named after "with" is
# the other side)
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "crossing"})

# Prepositions of where someone or something was taken or went: "the body was taken to a
# hospital in Baalbek", "the families fled to Arsal". A neighbouring sentence's destination is
# not where the event it lends its place to happened.
DESTINATION_PREPS = frozenset({"to", "towards", "toward", "into"})


def across_the_border(ent: Span) -> bool:
    """ "snatched at the border with Syria": the country a border is shared with is across
    it, not where the event happened (the side it happened on is told around it, if at all)."""
    head = ent.root.head
    return (
        ent.root.dep_ == "pobj"
        and head.lower_ == "with"
        and head.head.lemma_.lower() in BORDER_NOUNS
    )


def destination(ent: Span) -> bool:
    """Whether the place name lies in a destination phrase of its clause ("taken to a hospital
    in X", "fled to X"), up to the verb it hangs from."""
    for token in ent.root.ancestors:
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.dep_ == "prep" and token.lower_ in DESTINATION_PREPS:
            return True
    return False


def dateline(ent: Span) -> bool:
    """A date in the dateline that opens a report ("HOMS, Syria, June 21 (Orontes Daily) -"):
    the day of the report, like a statement's date, not the day of what it reports."""
    doc = ent.doc
    for token in doc[ent.end : min(len(doc), DATELINE_MAX_TOKENS)]:
        if token.text in DASHES:
            return not any(t.pos_ in ("VERB", "AUX") for t in doc[: token.i])
    return False
