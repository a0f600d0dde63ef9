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


# Verbs of hearsay whose participle after a noun tells what it is thought to be ("a drone
# believed to belong to the coalition hit a car", "jets thought to be Russian bombed the
# town"): the parser takes the participle for the sentence's verb and the deed for its
# clause.
HEARSAY_VERBS = frozenset({"believe", "think", "suspect", "say", "report", "understand"})
# Arcs by which the parser hangs the true verb below the hearsay participle.
DEED_ARCS = frozenset({"conj", "ccomp", "xcomp", "dep"})


def mend_hearsay_subjects(doc: Doc) -> Doc:
    """Each hearsay participle with a subject and, after its "to" clause, a past verb with an
    object of its own ("reported that warplanes believed to be Russian carried out strikes"):
    that verb takes the participle's place in the tree, the noun is its subject, and the
    participle describes the noun ("a drone [believed to ...] hit").

    Every mending below reads a word followed by an infinitive "to"; the others are skipped
    before their children are read (this runs on every parsed sentence)."""
    words = list(doc)
    for said, after in zip(words, words[1:], strict=False):
        if after.tag_ != "TO" or after.dep_ != "aux":
            continue  # no mending below applies (each asks ``_infinitive_follows`` first)
        subject = next((c for c in said.children if c.dep_ == "nsubj"), None)
        if subject is not None and _clausal_subject(said):
            # "a drone thought to belong to the coalition hit a car": the hearsay read as the
            # subject of the deed, the drone as its own
            subject.head = said.head
            said.head = subject
            said.dep_ = "acl"
            continue
        sibling = _sibling_deed(said) if subject is not None else None
        if subject is not None and sibling is not None:
            # "said that jets believed to be Turkish bombed the village": the deed hung
            # beside the hearsay, on the verb of saying
            subject.head = sibling
            said.head = subject
            said.dep_ = "acl"
            continue
        if subject is not None:
            _give_back_complement(said)
            _free_deed(said)
        deed = _hearsay_deed(said)
        if subject is None or deed is None:
            continue
        for child in list(deed.children):
            if child.i < deed.i and child.dep_ in ("aux", "auxpass"):
                child.head = said  # "believed to be Russian carried out": "be" is the hearsay's
                child.dep_ = "xcomp"
        for child in list(said.children):
            if child.i > deed.i and child.dep_ == "punct":
                child.head = deed
        rooted = said.head.i == said.i
        deed.head = deed if rooted else said.head
        deed.dep_ = said.dep_
        subject.head = deed
        said.head = subject
        said.dep_ = "acl"
    return doc


def _clausal_subject(said: Token) -> bool:
    """A hearsay participle with its "to" clause parsed as the subject of a past verb that
    takes an object ("a drone thought to belong to X hit a car")."""
    deed = said.head
    return (
        said.lemma_.lower() in HEARSAY_VERBS
        and said.dep_ in ("nsubj", "csubj")
        and _infinitive_follows(said)
        and deed.tag_ in PAST_TAGS
        and any(c.dep_ == "dobj" for c in deed.children)
    )


def _sibling_deed(said: Token) -> Token | None:
    """A past verb with an object and no subject, hung after the hearsay participle on the
    same head ("said that jets believed to be Turkish bombed the village")."""
    if said.lemma_.lower() not in HEARSAY_VERBS or said.head.i == said.i:
        return None
    if not _infinitive_follows(said) or said.tag_ not in PAST_TAGS:
        return None
    return next((c for c in said.head.children if c.i > said.i and _deed(c)), None)


def _deed(verb: Token) -> bool:
    """A past verb with an object of its own and no subject: a deed whose doer is missing."""
    return (
        verb.dep_ in DEED_ARCS
        and verb.tag_ in PAST_TAGS
        and any(g.dep_ == "dobj" for g in verb.children)
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in verb.children)
    )


def _give_back_complement(said: Token) -> None:
    """ "Gunmen believed to be ISIS members killed an official": the parser read what they are
    believed to be ("ISIS members") as the subject of the deed; it is the complement of
    "be"."""
    if not _infinitive_follows(said) or said.i + 2 >= len(said.doc):
        return
    be = said.doc[said.i + 2]
    if be.lemma_ != "be" or be.head != said:
        return
    for deed in said.children:
        if deed.dep_ not in DEED_ARCS or deed.tag_ not in PAST_TAGS:
            continue
        complement = next(
            (c for c in deed.children if c.dep_ == "nsubj" and be.i < c.left_edge.i < deed.i),
            None,
        )
        if complement is not None and any(g.dep_ == "dobj" for g in deed.children):
            complement.head = be
            complement.dep_ = "attr"


def _free_deed(said: Token) -> None:
    """ "Warplanes thought to be Syrian bombed Saraqeb", "drones believed to be Israeli hit
    Nabatieh": the parser read the deed as a modifier of its object ("the bombed Saraqeb") or
    as the complement of "be".  When only adjectives of origin stand between "be" and a past
    verb, they are what the noun is thought to be; the verb is the deed and takes the noun as
    its object (hung below the hearsay, where the lift above finds it)."""
    if said.head.i != said.i or not _infinitive_follows(said) or said.i + 2 >= len(said.doc):
        return  # only a hearsay read as the sentence's own verb
    if any(c.dep_ in ("aux", "auxpass") for c in said.children):
        return  # "were thought to be displaced civilians": the hearsay is the verb
    be = said.doc[said.i + 2]
    if be.lemma_ != "be" or be.head != said:
        return
    for child in list(be.children):
        verb, thing = child, None
        if child.pos_ in ("NOUN", "PROPN") and child.dep_ == "attr":
            verb = next(
                (g for g in child.children if g.dep_ == "amod" and g.tag_ in PAST_TAGS), child
            )
            thing = child
        if verb.i <= be.i or verb.tag_ not in PAST_TAGS or verb.pos_ != "VERB":
            continue
        between = said.doc[be.i + 1 : verb.i]
        if not len(between) or not all(t.pos_ == "ADJ" or t.ent_type_ == "NORP" for t in between):
            continue
        if thing is None and not any(g.dep_ == "dobj" for g in verb.children):
            continue
        for word in between:
            if word.head.i in (verb.i, child.i):
                word.head = be
                word.dep_ = "acomp"
        if thing is not None:
            thing.head = verb
            thing.dep_ = "dobj"
        verb.head = said
        verb.dep_ = "dep"
        return


def _infinitive_follows(said: Token) -> bool:
    after = said.doc[said.i + 1] if said.i + 1 < len(said.doc) else None
    return after is not None and after.tag_ == "TO" and after.dep_ == "aux"


def _hearsay_deed(said: Token) -> Token | None:
    if said.lemma_.lower() not in HEARSAY_VERBS or said.tag_ not in PAST_TAGS:
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in said.children):
        return None  # "the drone was believed to ...": the hearsay is the sentence's verb
    if not _infinitive_follows(said):
        return None  # an infinitive "to", not "said to reporters"
    return next((c for c in said.children if c.i > said.i + 2 and _deed(c)), None)
