"""One toll from several counts: victims joined by "and" ("two women and three children") and
victims killed in company ("the commander was killed along with six of his guards") are added
up into the count that comes first (split from :mod:`.counts`, which reads each count)."""

from __future__ import annotations

from spacy.tokens import Span, Token

# Prepositions of the company a victim died in: "killed along with six others", "killed
# together with two aides", "died alongside three fighters".  (Also what :mod:`.casualties`
# carries a deed through.)
COMPANY_PREPS = frozenset({"with", "alongside"})

# The particles the parser hangs "with" on in "along with" / "together with".
COMPANY_PARTICLES = frozenset({"along", "together"})

Counts = dict[int, tuple[str, int]]


def counted_noun(token: Token) -> Token:
    """The noun a count token counts: a number's noun, or the person noun counted as one."""
    if token.dep_ in ("nummod", "quantmod", "amod"):
        return token.head
    if token.dep_ == "compound" and token.head.i > token.i:
        noun = token.head
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head
        return noun if noun.tag_ == "NNS" else token
    return token


def join_coordinated(sent: Span, found: Counts) -> Counts:
    """Victims joined by "and" are one toll: "killing two women and three children" is five
    dead, "a woman and her son were killed" two.  A count whose noun is a conjunct of another
    count's noun (of the same kind) is added to that count; "ten people, including three
    children" is no conjunct and stays ten."""
    doc = sent.doc
    owner = {counted_noun(doc[i]).i: i for i in found}
    joined = dict(found)
    for i in sorted(found, reverse=True):
        noun = counted_noun(doc[i])
        head = noun.head
        while noun.dep_ == "conj" and head.i not in owner and head.dep_ == "conj":
            head = head.head  # "a man, his wife and their daughter": conjuncts chain
        first = owner.get(head.i) if noun.dep_ == "conj" else None
        if first is None or first == i or first not in joined or i not in joined:
            continue
        key, value = joined[i]
        if joined[first][0] == key:
            joined[first] = (key, joined[first][1] + value)
            del joined[i]
    return joined


def join_company(sent: Span, found: Counts) -> Counts:
    """Those killed along with someone are counted with him: "the commander was killed along
    with six of his guards" is seven dead, "two officers died together with three soldiers"
    five.  The company's count is added to the count of the victim it accompanies (the deed's
    subject or object); a victim named once and not counted ("the emir", singular) adds one."""
    doc = sent.doc
    owner = {counted_noun(doc[i]).i: i for i in found}
    joined = dict(found)
    for i in sorted(found):
        companion = _accompanied(counted_noun(doc[i]))
        if companion is None or i not in joined:
            continue
        key, value = joined[i]
        first = owner.get(companion.i)
        if first is not None and first != i and first in joined:
            if joined[first][0] == key:
                joined[first] = (key, joined[first][1] + value)
                del joined[i]
        elif first is None and _one_person(companion):
            joined[i] = (key, value + 1)
    return joined


def _accompanied(noun: Token) -> Token | None:
    """The victim ``noun`` was killed in company with: the passive subject (or object, or the
    subject of a dying verb) of the verb its "with" / "alongside" hangs on."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in COMPANY_PREPS:
        return None
    verb = prep.head
    if verb.lower_ in COMPANY_PARTICLES:
        verb = verb.head
    elif prep.lower_ == "with" and not any(c.lower_ in COMPANY_PARTICLES for c in verb.children):
        return None  # "killed with a knife", "clashed with rebels": no company
    if verb.pos_ in ("NOUN", "PROPN"):
        return verb  # "killed the commander along with six guards"
    if verb.pos_ != "VERB":
        return None
    for arcs in (("nsubjpass",), ("dobj",), ("nsubj",)):
        victims = [c for c in verb.children if c.dep_ in arcs]
        if victims:
            return victims[0]
    return None


def _one_person(noun: Token) -> bool:
    """A singular noun or name with no number of its own: one victim."""
    counted = any(c.dep_ in ("nummod", "quantmod") for c in noun.children)
    return noun.tag_ in ("NN", "NNP") and not counted and noun.ent_type_ not in ("GPE", "ORG")


# Conjunctions of a clause that adds another side's toll to the first ("ten soldiers were
# killed, while five rebels died"): a contrast, not a time or a cause.
CONTRAST_MARKS = frozenset({"while", "whereas"})


def join_clauses(sent: Span, found: Counts, people: frozenset[str]) -> Counts:
    """Tolls of two sides told in coordinated clauses are one toll: "ten soldiers were killed,
    while five rebels were reported dead" is fifteen, "four soldiers were killed and two
    policemen died" six.  Each count must be the subject of its own clause's verb, the second
    verb a conjunct of the first or its "while" clause, and both counts of the same kind and
    of people (``people``: the nouns that name them; "13 militants were killed and five
    vehicles destroyed" adds no vehicles)."""
    doc = sent.doc
    joined = dict(found)
    for i in sorted(found):
        for j in sorted(found):
            if j <= i or i not in joined or j not in joined or joined[i][0] != joined[j][0]:
                continue
            nouns = (counted_noun(doc[i]), counted_noun(doc[j]))
            if not all(n.like_num or n.lemma_.lower() in people for n in nouns):
                continue
            first, second = _clause_verb(nouns[0]), _clause_verb(nouns[1])
            if first is None or second is None or not _added_clause(second, first):
                continue
            key = joined[i][0]
            joined[i] = (key, joined[i][1] + joined[j][1])
            del joined[j]
    return joined


def _clause_verb(noun: Token) -> Token | None:
    """The verb ``noun`` is the subject of."""
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    return None


def _added_clause(second: Token, first: Token) -> bool:
    """Whether ``second``'s clause adds to ``first``'s: its conjunct, or its "while" clause."""
    if second.head != first or second == first:
        return False
    marks = {c.lower_ for c in second.children if c.dep_ == "mark"}
    if second.dep_ == "conj":
        # "said one gunman had been killed, and that a civilian died when a shell struck":
        # a clause with its own "that" is another reported fact (often another event)
        return not marks
    return second.dep_ == "advcl" and bool(marks & CONTRAST_MARKS)
