"""A parse repair: a sentence the parser read as one noun phrase with a reduced clause ("The
US-led coalition bombed IS positions near Raqqa": "bombed" as a clause of "coalition", as in
"the coalition [that was] bombed") is a subject and its verb.

A reduced clause is passive and takes no direct object ("the men killed in the raid"); a past
verb with a direct object hung below the only noun that heads the sentence is the sentence's
own verb, its head noun who did it.  Every later stage (the triggers' senses, the actors) reads
the mended tree.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Past-tense tags the parser gives such a verb ("bombed" read as a participle, or as a past).
PAST_TAGS = frozenset({"VBD", "VBN"})


def mend_root_clauses(doc: Doc) -> Doc:
    """Each sentence headed by a noun whose past clause takes a direct object: the clause's
    verb becomes the head, the noun its subject."""
    for sent in list(doc.sents):
        root = sent.root
        verb = _misread_verb(root)
        if verb is None:
            continue
        for child in list(root.children):
            if child.dep_ == "punct" and child.i > verb.i:
                child.head = verb  # the closing stop belongs to the sentence's verb
        verb.head = verb
        verb.dep_ = "ROOT"
        root.head = verb
        root.dep_ = "nsubj"
    return doc


def _misread_verb(root: Token) -> Token | None:
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    return next(
        (
            c
            for c in root.children
            if c.dep_ == "acl"
            and c.i > root.i
            and c.tag_ in PAST_TAGS
            and any(g.dep_ == "dobj" for g in c.children)
            and not any(g.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for g in c.children)
        ),
        None,
    )
