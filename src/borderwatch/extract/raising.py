"""Subjects raised from a deed's infinitive to the verb above it.

"Protesters were said to have blocked the road", "jets are believed to have struck the
hospital", "rebels appear to have taken the town": the parser hangs the subject on the verb of
saying, believing or seeming, but it is the deed's doer (or, with a passive infinitive, the one
it befell).  Read by :mod:`.sense` for the trigger's roles.
"""

from __future__ import annotations

from spacy.tokens import Token

# Verbs that hand their passive subject to a "to" infinitive: "protesters were said to have
# blocked the road" tells that protesters blocked it, whoever says so.
RAISING_VERBS = frozenset({"say", "report", "believe", "think", "understand", "know", "see"})


def raised_to(token: Token) -> Token | None:
    """The infinitive whose subject ``token`` is, raised to the subject of a passive verb of
    saying or believing ("protesters were said to have blocked the road": blocked)."""
    head = token.head
    if token.dep_ != "nsubjpass" or head.lemma_.lower() not in RAISING_VERBS:
        return None
    return next(
        (
            c
            for c in head.children
            if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ),
        None,
    )


# Verbs that raise the subject of their infinitive in the active ("rebels seem / appear to have
# taken the town").
ACTIVE_RAISING = frozenset({"seem", "appear"})


def raiser(token: Token) -> Token | None:
    """The subject a raising verb took from ``token``, its "to" infinitive without a subject
    of its own: "jets are believed to have struck the hospital", "rebels appear to have taken
    the town" (the jets struck, the rebels took it)."""
    head = token.head
    if token.dep_ != "xcomp" or not any(
        a.dep_ == "aux" and a.lower_ == "to" for a in token.children
    ):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return None
    lemma = head.lemma_.lower()
    if lemma in RAISING_VERBS and any(c.dep_ == "auxpass" for c in head.children):
        return next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if lemma in ACTIVE_RAISING:
        return next((c for c in head.children if c.dep_ == "nsubj"), None)
    return None


# Verbs of object control: their object does what their infinitive tells ("the president
# ordered troops to storm the hotel": the troops stormed it; "Iran helped militias to attack
# the town": the militias attacked; "the army forced the rebels to withdraw").
OBJECT_CONTROL_VERBS = frozenset(
    {"order", "help", "force", "compel", "allow", "permit", "enable", "urge", "instruct"}
    | {"tell", "ask", "send", "command", "authorise", "authorize", "encourage", "push"}
)


def controlled_object(token: Token) -> Token | None:
    """The object of an object-control verb whose "to" infinitive ``token`` is, the doer of
    what the infinitive tells ("ordered troops to storm the hotel": troops); None elsewhere."""
    head = token.head
    if token.dep_ != "xcomp" or head.lemma_.lower() not in OBJECT_CONTROL_VERBS:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < token.i), None)
    orderer = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if obj is None or (orderer is not None and _named(orderer) and _orderers_own(obj)):
        return None
    return obj


# Heads of armed men that name no side by themselves: "Erdogan ordered the army to shell",
# "Hezbollah ordered its fighters to storm": unnamed forces ordered are the orderer's own, so
# an orderer the text names (an actor of the base) names the doer (ACLED names the state's
# forces or the group, not "the army" of the place where it acted); an orderer named by no
# actor ("the president ordered troops to storm") leaves the troops as the doer.
UNNAMED_FORCE_HEADS = frozenset(
    {"army", "troop", "force", "soldier", "military", "police", "policeman", "unit"}
    | {"fighter", "militant", "militiaman", "militiamen", "man", "member", "gunman", "gunmen"}
)


def _named(token: Token) -> bool:
    """Whether ``token``'s phrase holds a name of the actor base ("Erdogan", "Hezbollah")."""
    return any(t.ent_id_.startswith("actor:") for t in token.subtree)


def _orderers_own(obj: Token) -> bool:
    """Whether ``obj`` is a force named by nothing but its head ("the army", "its fighters"),
    where "Lebanese troops" or "Hezbollah fighters" name whose they are."""
    if obj.lemma_.lower() not in UNNAMED_FORCE_HEADS:
        return False
    return not any(
        t.ent_type_ in ("NORP", "GPE", "ORG") or t.ent_id_.startswith("actor:")
        for t in obj.subtree
        if t.i != obj.i
    )
