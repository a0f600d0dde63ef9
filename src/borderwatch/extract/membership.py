"""Who a phrase's people belong to: "members of Hezbollah" are Hezbollah, "fighters from the
ISIS ranks" are IS, "a suicide bomber affiliated with IS" is IS.  The group named stands for
its members as an event's actor, as ACLED names the group, not its members."""

from __future__ import annotations

from spacy.tokens import Span, Token

# Heads that stand for the group named after them: "members of Hezbollah" is Hezbollah.
MEMBER_HEADS = frozenset(
    {
        "member",
        "supporter",
        "loyalist",
        "element",
        "fighter",
        "militant",
        "jihadist",
        "group",  # "13 groups of the FSA's Southern Front"
        "unit",
        "faction",
        "rank",  # "fighters from the ranks of ISIS"
        "cell",
        "battalion",
        "brigade",
        "force",  # "forces of the regime"
        "soldier",
        "troop",
        "gunman",  # "the gunmen (of ISIL)"
        "gunmen",
        "militiaman",
        "rebel",  # "rebels of the Free Syrian Army"
        "jihadi",
        "insurgent",
        "extremist",
        "guerrilla",
        "commander",  # "a commander of Ahrar al-Sham"
        "sniper",  # "a sniper of the regime forces"
        "warplane",  # "warplanes of the Saudi-led coalition": whose aircraft they are
        "jet",
        "aircraft",
        "helicopter",
        "drone",
    }
)
# Bodies of men or vehicles that the people named after them make up ("a convoy of pro-regime
# militiamen", "a patrol of Turkish soldiers"): theirs.  Not member heads: "their convoy" is a
# thing owned, whose people, when told, are the victims (:mod:`.roles`).
BODY_HEADS = frozenset({"convoy", "patrol", "column", "squad", "detachment", "contingent"})
# Armed heads whose own name (Rebels, state forces) an unnamed group of theirs would not better:
# "seven fighters from those battalions" stay fighters.
ARMED_HEADS = frozenset(
    {"fighter", "militant", "jihadist", "jihadi", "soldier", "troop", "rebel", "insurgent"}
)
# Words by which an unnamed doer is said to belong to a named group ("a suicide bomber
# affiliated with IS", "gunmen loyal to the regime", "militants linked to al-Qaeda").
AFFILIATION_WORDS = frozenset(
    {"affiliate", "affiliated", "link", "linked", "belong", "loyal", "tie"}
)


def group_named(span: Span, spans: list[Span]) -> Span | None:
    """The group the people of ``span`` are said to belong to, among ``spans``: "armed
    members of Lebanese tribes" (the tribes), "fighters from the ISIS ranks", "a bomber
    affiliated with IS"; None when the phrase names none."""
    root = span.root
    owner = _described(root)
    head = _head_word(owner)
    preps: list[Token] = []
    if head in MEMBER_HEADS or head in BODY_HEADS:
        preps += [p for p in _member_preps(owner) if p.lower_ in ("of", "from") or _on_side(p)]
    if span.label_ not in ("ORG", "PERSON"):
        for word in root.children:
            if word.dep_ in ("acl", "amod") and word.lemma_.lower() in AFFILIATION_WORDS:
                preps += [
                    c for c in word.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
                ]
                hyphened = _hyphened(word, span, spans)  # "Qaeda-linked militants"
                if hyphened is not None:
                    return hyphened
    if span.label_ == "PERSON" and root.dep_ in ("nsubj", "nsubjpass"):
        preps += _company(root.head)
    armed = head in ARMED_HEADS
    for prep in preps:
        below = {t.i for c in prep.children if c.dep_ == "pobj" for t in c.subtree}
        for other in spans:
            # any word of the name under the preposition: a name the parser cut in two
            # ("of Jaish al - Islam") is still the one named there
            if other is span or not any(t.i in below for t in other):
                continue
            if armed and not (other.ent_id_ or other.label_ in ("ORG", "PERSON")):
                continue  # "fighters from those battalions": no better name than fighters
            return other
    return None


def members_of(group: Span) -> Span | None:
    """The armed people ``group`` is named as the group of ("rebel fighters" in "rebel
    fighters of the Hamza Brigade"): what to call them when the base does not know the
    group's name (ACLED names unnamed rebels; it cannot count a name it has no entry for)."""
    root = group.root
    prep = root.head
    if group.label_ != "ORG":
        return None  # "jihadis from the extremist group": a group said, not named
    if root.dep_ != "pobj" or prep.lower_ not in ("of", "from") or prep.dep_ != "prep":
        return None
    head = prep.head
    if _head_word(head) not in ARMED_HEADS:
        return None
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in ("amod", "compound") or child.i != start - 1:
            break
        start = child.i
    return head.doc[start : head.i + 1]


def _described(root: Token) -> Token:
    """The member head a word describes, when the words are marked apart ("militant" in
    "militant fighters of the Islamic State"): its "of" phrase is the word's too."""
    head = root.head
    describes = root.dep_ in ("amod", "compound") and head.i > root.i
    describes = describes and _head_word(root) in MEMBER_HEADS  # not "ISIS commander of X"
    if describes and _head_word(head) in MEMBER_HEADS | BODY_HEADS:
        return head
    return root


def _hyphened(word: Token, span: Span, spans: list[Span]) -> Span | None:
    """The group named before an affiliation word written with a hyphen ("al-Qaeda-linked
    militants", "IS-affiliated gunmen"): the people are that group's."""
    before = {
        t.i
        for c in word.children
        if c.dep_ in ("npadvmod", "compound", "nmod") and c.i < word.i
        for t in c.subtree
    }
    return next((o for o in spans if o is not span and any(t.i in before for t in o)), None)


def _on_side(prep: Token) -> bool:
    """ "fighters on the Kurdish side": the side named is the group they fight for."""
    return prep.lower_ == "on" and any(c.lemma_.lower() == "side" for c in prep.children)


def _head_word(root: Token) -> str:
    """The head's dictionary word, also where the tagger took a capitalised plural for a name
    ("Rebels of the Free Syrian Army": lemma "Rebels")."""
    lemma = root.lemma_.lower()
    if root.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in MEMBER_HEADS:
        return lemma[:-1]
    return lemma


def _member_preps(root: Token) -> list[Token]:
    """The prepositions of ``root``'s own phrase.  "the regime forces and rebels of the FSA":
    the parser hangs "of the FSA" on the first conjunct, but it belongs to the nearer one."""
    conjuncts = [c.i for c in root.children if c.dep_ == "conj"]
    own = [
        c
        for c in root.children
        if c.dep_ == "prep" and not any(root.i < j < c.i for j in conjuncts)
    ]
    if root.dep_ == "conj":
        later = [j for j in (c.i for c in root.head.children if c.dep_ == "conj") if j > root.i]
        own += [
            c
            for c in root.head.children
            if c.dep_ == "prep" and c.i > root.i and not any(j < c.i for j in later)
        ]
    return own


# Prepositions by which a person is said to have shared a fate with others of their group.
COMPANY_PREPS = frozenset({"with", "alongside"})


def _company(verb: Token) -> list[Token]:
    """ "X was killed along with ten other Nusra fighters": the others ("other" members of a
    group) say which group the person was one of."""
    found = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in COMPANY_PREPS:
            continue
        others = [c for c in prep.children if c.dep_ == "pobj"]
        if any(o.lower_ == "other" for c in others for o in c.children if o.dep_ == "amod"):
            found.append(prep)
    return found


def affiliated(span: Span) -> bool:
    """Whether ``span`` is named as whom others belong to ("forces loyal to Assad", "militants
    linked to al-Qaeda"): a short name there is the group or leader it is known as."""
    root = span.root
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ in ("to", "with")
        and prep.head.lemma_.lower() in AFFILIATION_WORDS
    )
