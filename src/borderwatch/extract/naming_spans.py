"""What the words around an actor's span say of whom it stands for: the group a person is
described as belonging to, an armed unit named in a person's title, who leads a deed ("US-led
raids"), a word right before a deed noun ("opposition shelling"), the subject of a verb of
bombardment, a body saying "its" force did it.  Read by :class:`.naming.ActorNamer` (split from
:mod:`.naming`)."""

from __future__ import annotations

from spacy.tokens import Span, Token

# Event types in which a country acting stands for its armed forces, not its government.


# What a state does or strikes with, named with its nationality ("Russian raids", "an Israeli
# helicopter attack", "Turkish shelling"): the nationality is the doer.  Before other nouns
# ("Lebanese sources", "his Syrian counterpart") it says whose someone is, not who acted.
STATE_DEED_NOUNS = frozenset(
    {
        "raid",
        "strike",
        "airstrike",
        "attack",
        "shelling",
        "bombardment",
        "bombing",
        "fire",
        "gunfire",
        "offensive",
        "operation",
        "assault",
        "incursion",
        "helicopter",
        "jet",
        "warplane",
        "aircraft",
        "plane",
        "drone",
        "artillery",
        "tank",
        "missile",
        "rocket",
        "shell",
        "mortar",
        "sniper",
        "navy",
        "gunboat",
    }
)


# The places and bodies a state's forces hold, named with its nationality ("Iranian positions",
# "a Turkish military post", "a Russian convoy"): struck or attacked, they are that state's
# forces (ACLED names the forces, not what they held).  Not "camp" or "headquarters" alone: a
# refugee camp, a party's headquarters.
STATE_HELD_NOUNS = frozenset(
    {"position", "base", "post", "outpost", "checkpoint", "convoy", "barrack", "barracks"}
)


def named_in(person: Span) -> Span | None:
    """The group a person is described as belonging to ("Abu X, the ISIS governor of Azaz",
    "the leader of Jund al-Farouq"): a knowledge-base actor in the words that describe them."""
    doc = person.doc
    root = person.root
    while root.dep_ in ("compound", "nmod") and root.head.i != root.i:
        root = root.head  # "Abu X at-Tounisi, ISIS governor of Azaz": the whole phrase
    described = [t for t in root.subtree if not person.start <= t.i < person.end]
    for ent in doc.ents:
        if ent.ent_id_.startswith("actor:") and any(ent.start <= t.i < ent.end for t in described):
            return ent
    return None


# Words by which a group's own name says it is an armed unit, in English and in the Arabic
# words English news keeps ("Liwa al-Haq": the Haq Brigade; "Jaish al-Izza", "Jund al-Aqsa",
# "Kataib Hezbollah", "Faylaq al-Rahman").
ARMED_NAME_WORDS = frozenset(
    {
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "regiment",
        "division",
        "legion",
        "militia",
        "liwa",
        "jund",
        "jaish",
        "jaysh",
        "kataib",
        "katibat",
        "faylaq",
    }
)
# Words by which a person is said to lead or serve in a group.
SERVICE_WORDS = frozenset(
    {"commander", "leader", "head", "chief", "emir", "founder", "member", "fighter", "officer"}
)


def armed_unit_named_in(person: Span) -> bool:
    """A person described as serving in an armed unit the base does not know ("Ahmad Saleh,
    the commander of Liwa al-Haq"): a fighter of the armed opposition ACLED names unnamed
    (syria_actors GUIDE.md), never a civilian."""
    root = person.root
    while root.dep_ in ("compound", "nmod") and root.head.i != root.i:
        root = root.head
    described = [t for t in root.subtree if not person.start <= t.i < person.end]
    if not any(t.lemma_.lower() in SERVICE_WORDS for t in described):
        return False
    units = [e for e in person.doc.ents if e.label_ in ("ORG", "PERSON") and not e.ent_id_]
    return any(
        any(t.lower_ in ARMED_NAME_WORDS for t in unit)
        and any(unit.start <= t.i < unit.end for t in described)
        for unit in units
    )


def led_modifier(token: Token) -> Span | None:
    """ "a US-led airstrike", "U.S.-led raids": who leads the deed, before what a state does."""
    head = token.head
    deed = head.pos_ == "NOUN" and head.lemma_.lower() in STATE_DEED_NOUNS
    if token.dep_ != "amod" or not deed or not token.lower_.endswith("led"):
        return None
    if token.lower_ != "led":
        return token.doc[token.i : token.i + 1]  # "U.S.-led" as one word
    leader = [c for c in token.children if c.dep_ in ("npadvmod", "compound") and c.i < token.i]
    return token.doc[leader[0].i : token.i + 1] if leader else None


def before_deed(span: Span) -> bool:
    """A word right before a deed noun ("opposition shelling"), however the parser tagged
    the two: the deed's doer, as with a compound."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and (
        after.lower_ in STATE_DEED_NOUNS or after.lemma_.lower() in STATE_DEED_NOUNS
    )


# Verbs of bombardment whose subject is a fighting body ("the coalition bombed the town"), as
# much as the word before a deed noun is ("coalition raids").
BOMBING_VERBS = frozenset({"bomb", "shell", "raid"})


def bombed(span: Span) -> bool:
    """The subject of a verb of bombardment ("the coalition bombed IS positions")."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in BOMBING_VERBS


# Possessive words by which a speaker calls a force its own ("its aircraft", "their jets").
OWNING_WORDS = frozenset({"its", "their"})


def says_its_force_did(span: Span) -> bool:
    """The subject of a verb of saying whose reported deed was done by "its" aircraft or
    forces ("the coalition said its aircraft struck ..."): the speaker is a fighting body."""
    root = span.root
    if root.dep_ != "nsubj":
        return False
    for clause in root.head.children:
        if clause.dep_ != "ccomp":
            continue
        for doer in clause.children:
            owned = any(c.dep_ == "poss" and c.lower_ in OWNING_WORDS for c in doer.children)
            force = doer.lemma_.lower() in STATE_DEED_NOUNS | {"force", "troop", "fighter"}
            if doer.dep_ == "nsubj" and owned and force:
                return True
    return False


# Verbs of hearsay that tell whose an aircraft or a force is thought to be ("a drone believed
# to belong to the coalition", "warplanes thought to be Russian").
HEARSAY_OWNER_VERBS = frozenset({"believe", "think", "suspect", "say", "report", "understand"})


def said_owner(span: Span) -> Token | None:
    """Whose the thing or force ``span`` names is said to be, by a hearsay clause after it:
    the nationality ("jets believed to be Russian": "Russian") or the owner ("a drone
    believed to belong to the coalition": "coalition"); None when no such clause follows."""
    for clause in span.root.children:
        if clause.dep_ != "acl" or clause.lemma_.lower() not in HEARSAY_OWNER_VERBS:
            continue
        for token in clause.subtree:
            if token.dep_ in ("acomp", "attr") and token.head.lemma_ == "be":
                return token  # "believed to be Russian", "believed to be IS members"
            if (
                token.dep_ == "pobj"
                and token.head.lower_ == "to"
                and token.head.head.lemma_
                in (
                    "belong",
                    "be",
                )
            ):
                return token  # "believed to belong to the coalition"
    return None
