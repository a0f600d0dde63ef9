"""Which phrases of a sentence can be an event's actor: organisations, people and groups.

A candidate is a knowledge-base actor the entity ruler marked, an organisation or person the
model recognised, a country standing in an actor's place ("Israel struck", "an attack by
Turkey"), or a noun phrase headed by a group noun ("Filipino peacekeepers", "angry
residents").  Never a place ("in Kafr Nabl"), a time, or a fragment the model cut badly ("Bennsh
in"): those are left out here, so no later stage can make them actors.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from .state_owner import capital_acting

# Head nouns that name people who can act or be acted on as a group, beyond the knowledge
# base's generic actors (which the entity ruler marks): the usual words of English news for
# forces, armed groups, crowds, officials and victims.
_GROUP_WORDS = """
    army troop soldier force police policeman policemen officer guard commando marine
    paratrooper peacekeeper serviceman servicemen sailor airman gendarme militia militiaman
    militiamen militant fighter gunman gunmen rebel insurgent jihadist guerrilla extremist
    terrorist assailant attacker bomber sniper raider kidnapper abductor captor smuggler
    trafficker gang mob rioter protester protestor demonstrator activist striker crowd
    student worker farmer shepherd herder fisherman fishermen villager resident civilian
    refugee migrant pilgrim worshipper journalist reporter doctor nurse teacher driver
    tourist passenger patient visitor employee engineer volunteer priest
    trader merchant settler tribesman tribesmen clansman clansmen official authority
    government ministry delegation coalition alliance faction group organisation
    organization movement party cell brigade battalion regiment division unit squad
    detachment contingent patrol convoy administration regime opposition
    man woman child boy girl people person teenager family passer-by bystander
    member supporter loyalist element tribe clan
    warplane jet aircraft helicopter gunship
    """
# Aircraft stand for the forces that fly them ("government warplanes struck"): see the generic
# state forces of data/actors.yaml.
# Group nouns that name people with no arms and no office: victims ACLED codes as civilians.
_CIVILIAN_WORDS = (
    "man woman child boy girl people person teenager family passer-by bystander civilian "
    "resident villager farmer shepherd herder fisherman fishermen worker student pilgrim "
    "worshipper driver trader merchant refugee migrant journalist reporter doctor nurse "
    "teacher tourist passenger patient visitor employee engineer volunteer priest"
)
CIVILIAN_HEADS = frozenset(_CIVILIAN_WORDS.split())
GROUP_NOUNS = frozenset(_GROUP_WORDS.split())
# Dependency arcs by which a modifier stays in a group noun's phrase ("Syrian government
# forces", "pro-Iranian militia").
MODIFIER_ARCS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# Adjectives of quantity the parser hangs as modifiers ("several civilians", "many residents"):
# they count the group, as a number does, and are no part of its name.
QUANTITY_ADJECTIVES = frozenset({"several", "many", "numerous", "multiple", "few", "various"})
# Parts of speech a well-cut name never starts or ends with.
EDGE_POS = frozenset({"ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "AUX", "VERB", "PRON", "SYM"})
# Prepositions that put a name in a place's role ("in Kafr Nabl", "near Qusayr").
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "around",
        "into",
        "from",
        "across",
        "along",
        "within",
        "towards",
        "toward",
        "to",
        "through",
        "of",
    }
)
# Arcs by which a country stands in an actor's place.
# (Not the possessive in general: "Syria's side of the border" is a place far more often than
# an actor; only before a deed, see POSSESSED_DEEDS.)
STATE_ROLE_ARCS = frozenset({"nsubj", "nsubjpass", "dobj"})
# Nouns of a deed whose possessive names its doer ("Turkey's bombardment of Afrin", "Israel's
# strike on the convoy", "Iraq's liberation of Tikrit"): a country before them is the state
# that did it, as the subject of the verb would be ("Turkey bombarded Afrin").  Nouns of an
# arm the state wields ("Turkey's army") are :mod:`.state_owner`'s.  Not "war": "Syria's war"
# is the war fought there far more often than one Syria waged.
POSSESSED_DEEDS = frozenset(
    {"attack", "strike", "airstrike", "raid", "bombardment", "bombing", "shelling", "offensive"}
    | {"assault", "incursion", "invasion", "intervention", "operation", "campaign", "blockade"}
    | {"capture", "recapture", "seizure", "liberation", "occupation", "crackdown", "arrest"}
    | {"detention", "retaliation", "counteroffensive", "counterattack", "ambush"}
    | {"talk", "negotiation", "agreement", "deal", "truce", "visit"}  # "Egypt's talks with Sudan"
)
STATE_ROLE_PREPS = frozenset({"by", "against", "between"})
# Nouns of fighting or of dealing after which "with" names the other side ("a war with Israel",
# "clashes with Turkey", "talks with Syria"), where after other nouns it names a place ("the
# border with Syria").
OPPOSING_NOUNS = frozenset(
    {"war", "clash", "fighting", "fight", "battle", "skirmish", "confrontation", "conflict"}
    | {"talk", "negotiation", "deal", "agreement", "truce", "ceasefire"}
)


# Words that make an organisation's name a news medium's or a monitor's ("Aleppo Media Center",
# "the Syrian Observatory for Human Rights", "Al-Masdar News"): a source, never an actor.
MEDIA_WORDS = frozenset(
    {"news", "media", "television", "tv", "radio", "newspaper", "observatory", "press"}
)


def outlet_key(name: str) -> str:
    """An outlet's name as compared: lower case, no leading "the", no possessive."""
    words = name.lower().replace("\u2019", "'").removesuffix("'s").split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def names_outlet(span: Span, outlets: frozenset[str]) -> bool:
    """Whether ``span`` names a news outlet or monitor, which reports events and is their
    source, never their actor: a known outlet ("Reuters", "SANA"), an organisation named as a
    medium ("Aleppo Media Center"), or the wire of a dateline ("BEIRUT (Reuters) -")."""
    if outlet_key(span.text) in outlets:
        return True
    if span.label_ == "ORG" and any(t.lower_ in MEDIA_WORDS for t in span):
        return True
    doc = span.doc
    bracketed = span.start > 0 and doc[span.start - 1].text == "(" and span.end + 1 < len(doc)
    return bracketed and doc[span.end].text == ")" and doc[span.end + 1].text in ("-", "–", "—")


def fragment(span: Span) -> bool:
    """A span the model cut badly: it starts or ends with a function word or punctuation, or
    holds no noun or name at all."""
    first, last = span[0], span[-1]
    if first.pos_ in EDGE_POS and first.lower_ not in ("the",):
        return True
    if last.pos_ in EDGE_POS or last.pos_ == "DET":
        return True
    if any(t.ent_type_ in ("DATE", "TIME") or t.like_num for t in span):
        return True
    return not any(t.pos_ in ("PROPN", "NOUN") for t in span)


def in_place_role(span: Span) -> bool:
    """Whether a name stands where a place stands: the object of a locative preposition."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS


def in_actor_role(span: Span) -> bool:
    """Whether a country name stands where an actor stands ("Israel struck", "by Turkey")."""
    root = span.root
    if root.dep_ == "conj":
        root = root.head
    if root.dep_ in STATE_ROLE_ARCS:
        return True
    if root.dep_ == "poss" and root.head.lemma_.lower() in POSSESSED_DEEDS:
        return True  # "Turkey's bombardment of Afrin": Turkey bombarded it
    if root.dep_ == "pobj" and root.head.lower_ == "with" and root.head.head.pos_ == "VERB":
        return True  # "agreed with Syria", not "the border with Syria"
    if root.dep_ == "pobj" and root.head.lower_ == "with":
        return root.head.head.lemma_.lower() in OPPOSING_NOUNS  # "a war with Israel"
    return root.dep_ == "pobj" and root.head.lower_ in STATE_ROLE_PREPS


def actor_candidates(sent: Span, is_place: Callable[[Span], int | None]) -> list[Span]:
    """The spans of ``sent`` that may be an actor, in text order.  ``is_place(span)`` gives
    the precision of the place a name resolves to (4: a country), or None."""
    spans: list[Span] = []
    for ent in sent.ents:
        if ent.ent_id_.startswith("actor:"):
            spans.append(ent)
        elif ent.label_ in ("ORG", "PERSON") and not ent.ent_id_.startswith("place:"):
            if fragment(ent) or _mislabelled_place(ent, is_place) or named_place(ent):
                continue
            spans.append(ent)
        elif (ent.label_ == "GPE" or ent.ent_id_.startswith("place:")) and _state(ent, is_place):
            spans.append(ent)
    spans = [s for s in spans if not _named_modifier(s, spans)]
    covered = {i for s in spans for i in range(s.start, s.end)}
    for token in sent:
        if token.i in covered or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.lemma_.lower() not in GROUP_NOUNS or token.dep_ in MODIFIER_ARCS:
            continue
        phrase = _group_phrase(token, covered)
        if phrase is not None:
            spans.append(phrase)
            covered.update(range(phrase.start, phrase.end))
    return sorted(spans, key=lambda s: s.start)


# Nouns of a place that "of" names ("the village of Tal Hamra", "the hilltop of Kharab"):
# the name after them is that place, whatever the model labelled it.
PLACE_NOUNS = frozenset(
    {
        "town",
        "village",
        "city",
        "hamlet",
        "hill",
        "hilltop",
        "mountain",
        "mountains",
        "valley",
        "plain",
        "plains",
        "district",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "suburbs",
        "quarter",
        "area",
        "region",
        "province",
        "governorate",
        "countryside",
        "outskirts",
        "road",
        "highway",
        "crossing",
        "camp",
        "farms",
        "heights",
        "island",
        "port",
    }
)


def named_place(ent: Span) -> bool:
    """A name the base does not know written as the name of a place noun ("the hilltop of
    Tal Sukkar", "the town of Kafr Hamra"): a place, never an actor (issue #22)."""
    root = ent.root
    of = root.head
    return root.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in PLACE_NOUNS


def _mislabelled_place(ent: Span, is_place: Callable[[Span], int | None]) -> bool:
    """A town the model took for an organisation or a one-word name ("Sarmin was shelled"),
    or any name where a place stands ("in Kafr Nabl").  Names of two or more words tagged as
    people stay people even when a village shares them."""
    precision = is_place(ent)
    if precision is None:
        return False
    if in_place_role(ent) or _target_place(ent):
        return True
    town = precision < 4 and (ent.label_ == "ORG" or len(ent) == 1)
    return town or (precision == 4 and not in_actor_role(ent))


# Prepositions that name what an attack fell on ("an attack on Tal Tamr", "raids upon Kafr
# Nabl", "an offensive against Mare'"): a person or a place; a name the gazetteer knows there
# is the place the model took for a person.
TARGET_PREPS = frozenset({"on", "upon", "against"})


def _target_place(ent: Span) -> bool:
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in TARGET_PREPS


# Participles by which a name says who holds a place ("the regime-held town", "IS-controlled
# villages"): the name describes the place, it is no party to the event there.
CONTROL_PARTICIPLES = frozenset({"held", "controlled", "run", "dominated", "occupied"})


def controller(span: Span) -> bool:
    """A name in "X-held" / "X-controlled" before a place: who holds it, which is no party to
    violence there ("shelled the regime-held town"), only to its capture ("captured IS-held
    villages": taken from IS)."""
    root = span.root
    after = span.doc[span.end + 1] if span.end + 1 < len(span.doc) else None
    hyphen = span.end < len(span.doc) and span.doc[span.end].text == "-"
    return (root.head.lower_ in CONTROL_PARTICIPLES and root.dep_ in MODIFIER_ARCS) or (
        hyphen and after is not None and after.lower_ in CONTROL_PARTICIPLES
    )


def _named_modifier(span: Span, spans: list[Span]) -> bool:
    """A generic word right after a name that modifies it ("Nusra Front militants"): the name
    stands for the group, so the generic word is no candidate of its own."""
    if span.label_ != "NORP":
        return False
    return any(o.end == span.start and o.root.head.i in range(span.start, span.end) for o in spans)


def _state(ent: Span, is_place: Callable[[Span], int | None]) -> bool:
    """A country named where an actor stands: it stands for its state."""
    state = is_place(ent) == 4 or capital_acting(ent)  # "Moscow deployed troops"
    return in_actor_role(ent) and not fragment(ent) and state


def _group_phrase(head: Token, covered: set[int]) -> Span | None:
    """``head`` with the modifiers right before it ("Filipino peacekeepers"); None when a
    modifier is itself a named actor ("Hezbollah fighters": the name stands for the group)."""
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in MODIFIER_ARCS or max(t.i for t in child.subtree) != start - 1:
            break
        if child.lower_ in QUANTITY_ADJECTIVES:
            break
        if any(t.i in covered for t in child.subtree):
            return None
        start = min(t.i for t in child.subtree)
    return head.doc[start : head.i + 1]


# Arcs a word of a name takes when the parser cut it from the name ("Jabhat" as ``dep`` of the
# verb in "Jabhat Fateh al-Sham seized ..."); and the arcs that say what the name does there.
STRAY_ARCS = frozenset({"dep", "compound", "nmod", "npadvmod", "amod", "nummod"})
CORE_ARCS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "agent", "conj", "appos"})


def mend_split_names(doc: Doc) -> None:
    """Hang the stray words of a many-word name on the word that carries the name's role:
    when the parser cut "Jabhat Fateh al-Sham" so that "Jabhat" hangs off the verb as ``dep``
    and "Sham" is its subject, the name's root (spaCy's first word with an outside head) is
    the stray word and the name loses its role.  Only words of one entity, stray arcs, whose
    head is the carrier's head, are moved; the parse of the rest of the sentence stands."""
    for ent in doc.ents:
        if len(ent) < 2 or ent.label_ not in ("ORG", "NORP", "PERSON"):
            continue
        outside = [t for t in ent if not ent.start <= t.head.i < ent.end or t.head == t]
        carriers = [t for t in outside if t.dep_ in CORE_ARCS]
        if len(outside) < 2 or len(carriers) != 1:
            continue
        carrier = carriers[0]
        for token in outside:
            if token is not carrier and token.dep_ in STRAY_ARCS and token.head == carrier.head:
                token.head = carrier
                token.dep_ = "compound"
