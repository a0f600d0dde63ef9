"""Deeds told as a pattern or a standing fact, not as an incident (syria_actors GUIDE.md:
generic statements and summaries are no event): done again and again ("the rebels have
repeatedly shelled the city", "targeted the hospital several times"), or who fights whom told
in the present with nothing to anchor it ("the SDF, which is fighting IS").  Read by
:mod:`.modality` as generic frames.
"""

from __future__ import annotations

from spacy.tokens import Token

from .periods import WEEKDAYS, dated

# "Repeatedly shelled", "have targeted hospitals several times": deeds done again and again, a
# pattern told in one sentence, not one incident (unless a day is named with them).
ITERATING_ADVERBS = frozenset(
    {"repeatedly", "regularly", "constantly", "continually", "continuously", "periodically",
     "persistently", "systematically"}
)  # fmt: skip
MANY = frozenset({"several", "many", "multiple", "numerous", "countless"})


def iterated(verb: Token) -> bool:
    """Done again and again with no day named ("the rebels have repeatedly shelled the city",
    "warplanes targeted the hospital several times", "on several occasions"): see
    ``ITERATING_ADVERBS``."""
    if any(dated(c) for c in verb.children):
        return False
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in ITERATING_ADVERBS:
            return True
        if (
            child.dep_ == "npadvmod"
            and child.lower_ == "times"
            and any(c.lower_ in MANY for c in child.children)
        ):
            return True
    # "documented the use of chemical weapons on several occasions": the parse may hang the
    # occasions on the object noun
    nouns = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))]
    return any(
        c.dep_ == "prep" and c.lower_ == "on" and _many_occasions(c)
        for n in nouns
        for c in n.children
    )


def _many_occasions(prep: Token) -> bool:
    """ "on several occasions", "on numerous occasions": deeds done again and again."""
    return any(
        c.dep_ == "pobj" and c.lower_ == "occasions" and any(m.lower_ in MANY for m in c.children)
        for c in prep.children
    )


# Auxiliaries of the present progressive ("is fighting").
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
# Verbs that tell who is at war with whom: in the present progressive with nothing to anchor
# them they state a standing relation ("the SDF, which is fighting IS"); a harm told so ("is
# killing civilians") is still charged as going on.
WAR_RELATION_VERBS = frozenset({"fight", "battle", "combat", "wage", "confront"})
# Entities that anchor an ongoing deed to an incident: a place, a day or hour, a count.
ANCHORS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL"})


def ongoing_undated(verb: Token) -> bool:
    """A present progressive of fighting in a sentence with no place, day or count ("the SDF,
    which is fighting IS, is led by Kurds", "the regime says it is fighting terrorists"): who
    fights whom (the verb's object) in the war, told as a standing fact, no incident.  "Rebels
    are fighting the army in Aleppo's east" names where it happens."""
    if verb.lemma_.lower() not in WAR_RELATION_VERBS or verb.tag_ != "VBG":
        return False
    reduced = verb.dep_ == "acl"  # "US forces battling the Islamic State": who they fight
    if not reduced and not any(c.dep_ == "aux" and c.lower_ in PRESENT_BE for c in verb.children):
        return False
    if not any(c.dep_ == "dobj" for c in verb.children):
        return False  # "are battling to recapture the oil field": a fight for a place, going on
    return not any(t.ent_type_ in ANCHORS or t.lower_ in WEEKDAYS for t in verb.sent)


# Nouns whose "of" object is an event remembered, not reported ("the anniversary of the attack").
REMEMBERING_NOUNS = frozenset({"anniversary", "commemoration", "remembrance", "memorial"})
# Units of time that, counted before "since" or "after", measure how long ago an event was ("five
# years since the attack", "a decade after the massacre"): days and weeks stay with the news.
ELAPSED_UNITS = frozenset({"year", "decade", "month"})


def remembered(trigger: Token) -> bool:
    """The trigger is (in) an event an anniversary counts from ("Tuesday marks five years since
    the chemical attack that killed hundreds", "marked the anniversary of the massacre", "a
    decade after the bombing"): background to the day's news, no event reported."""
    for node in [trigger, *list(trigger.ancestors)[:6]]:
        if node.dep_ != "pobj" or node.pos_ not in ("NOUN", "PROPN"):
            continue
        prep = node.head
        if prep.lower_ == "of" and prep.head.lemma_.lower() in REMEMBERING_NOUNS:
            return True
        if prep.lower_ in ("since", "after") and _elapsed(prep):
            return True
    return False


def _elapsed(prep: Token) -> bool:
    """A count of years or months measures the time before "since"/"after": beside it ("five
    years after") or as the object of the verb it hangs from ("marks five years since", "it has
    been a year since")."""
    near = [*prep.children]
    if prep.head.pos_ in ("VERB", "AUX"):
        near += [c for c in prep.head.children if c.dep_ in ("dobj", "attr", "npadvmod", "nsubj")]
    return any(
        t.lemma_.lower() in ELAPSED_UNITS
        and 0 < prep.i - t.i <= 3  # "five years since", not "earlier this year, after ..."
        and any(c.dep_ == "nummod" or c.lower_ in ("a", "an", "one") for c in t.children)
        for t in near
    )


def since_anchor(trigger: Token) -> bool:
    """The trigger is the clause after "since" that a period is counted from ("the deadliest
    attack since the truce took effect in February", "300 people have died since the army
    entered the town"): an earlier event named as a point in time, not reported."""
    noun = trigger
    while noun.dep_ == "compound":
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "since" and noun.pos_ == "NOUN":
        return True  # "since the Ben Guerdane attack in March 2016, forces have ..."
    clause = trigger
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass", "dobj"):
        clause = (
            trigger.head
        )  # "since the truce took effect", "since the army launched its offensive"
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "since" for c in clause.children
    )


# Adjectives that make an event noun a campaign, not an incident ("the regime's continued
# bombardment of civilian areas undermines the talks", "the ongoing shelling"), and verbs whose
# present tense makes their infinitive a practice ("the regime continues to arrest young men").
CAMPAIGN_MODIFIERS = frozenset(
    {"continued", "continuing", "ongoing", "repeated", "persistent", "constant", "incessant",
     "relentless", "systematic", "daily"}
)  # fmt: skip
CONTINUING_VERBS = frozenset({"continue", "keep", "persist"})


def campaign(trigger: Token) -> bool:
    """A deed told as a campaign or a practice with nothing that makes it one incident (no day,
    time or count in the sentence): an event noun modified by ``CAMPAIGN_MODIFIERS``, or the
    noun a verb of going on takes ("have continued their bombing of rebel-held areas"), or the
    infinitive of a present "continues to" ("continue to besiege the town", "continues to
    arrest young men at checkpoints").  (The sentence is read for a day or count last: this
    asks of every trigger, and few are such a noun or infinitive.)"""
    head = trigger.head
    continued = head.lemma_.lower() in CONTINUING_VERBS
    told = (
        (
            trigger.pos_ == "NOUN"
            and any(c.dep_ == "amod" and c.lower_ in CAMPAIGN_MODIFIERS for c in trigger.children)
        )
        or (trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and continued)
        or (
            trigger.dep_ == "xcomp"
            and continued
            and head.tag_ in ("VBZ", "VBP")
            and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
        )
    )
    return told and not any(t.ent_type_ in ("DATE", "TIME", "CARDINAL") for t in trigger.sent)


# Nouns of a whole campaign for a place ("the battle for Kobani", "the offensive on Raqqa").
CAMPAIGN_NOUNS = frozenset({"battle", "fight", "offensive", "campaign", "war", "siege"})
PERFECT_AUX = frozenset({"has", "have", "'ve", "'s"})
# Entities that anchor a deed to an incident: a day or an hour.
DAY_ENTS = frozenset({"DATE", "TIME"})


def summed_up(verb: Token, trigger: Token) -> bool:
    """A present perfect that sums up a campaign rather than telling an incident, with no day
    named in the sentence: a toll in a whole battle for a place ("the militia has lost hundreds
    of fighters in the battle for Kobani"), or a comparison ("have killed more civilians than
    any other party").  (A vague mass for object, "has executed thousands of people", was tried
    and dropped: it cost recall on the India set.)"""
    if not any(c.dep_ in ("aux", "auxpass") and c.lower_ in PERFECT_AUX for c in verb.children):
        return False
    if any(t.ent_type_ in DAY_ENTS for t in verb.sent):
        return False
    if _in_whole_campaign(trigger):
        return True
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(_compared(o) for o in objects)


def _in_whole_campaign(trigger: Token) -> bool:
    """ "in the battle for Kobani", "during the offensive on Raqqa": the trigger is the
    campaign itself, the object of "in"/"during", and names what it is for."""
    return (
        trigger.lemma_.lower() in CAMPAIGN_NOUNS
        and trigger.dep_ == "pobj"
        and trigger.head.lower_ in ("in", "during", "throughout")
        and any(c.dep_ == "prep" and c.lower_ in ("for", "on", "against") for c in trigger.children)
    )


def _compared(noun: Token) -> bool:
    """ "more civilians than any other party": a count ranked against others."""
    return any(c.lower_ in ("more", "fewer", "most") for c in noun.children) and any(
        t.lower_ == "than" for t in noun.subtree
    )


# Objects that name no one in particular: "ISIS kills anyone who smokes".
ANYONE = frozenset({"anyone", "anybody", "whoever", "everyone", "everybody"})
# Nouns of the war as a whole when told against an enemy ("the fight against ISIS").
WAR_NOUNS = frozenset({"fight", "war", "campaign", "struggle"})
# Words after a count of years that date a deed long before the news ("two years earlier").
LONG_BEFORE = frozenset({"ago", "earlier", "before", "previously"})


def standing_practice(verb: Token, trigger: Token) -> bool:
    """What is done as a rule or a war as a whole, with no day named: a present verb whose
    object is anyone at all ("ISIS kills anyone who smokes"), or the war against an enemy
    ("at the forefront of the fight against ISIS").  (The sentence is read for a day last:
    this asks of every trigger, and few have such an object.)"""
    practice = (
        verb.tag_ in ("VBZ", "VBP")
        and any(c.dep_ == "dobj" and c.lower_ in ANYONE for c in verb.children)
    ) or (
        trigger.pos_ == "NOUN"
        and trigger.lemma_.lower() in WAR_NOUNS
        and any(c.dep_ == "prep" and c.lower_ == "against" for c in trigger.children)
    )
    return practice and not any(t.ent_type_ in DAY_ENTS for t in verb.sent)


def years_before(verb: Token) -> bool:
    """A deed dated years before the news ("had killed his brother two years earlier", "a
    decade ago"): background to the story, no event it reports."""
    for child in verb.children:
        if child.dep_ not in ("advmod", "npadvmod") or child.lower_ not in LONG_BEFORE:
            continue
        units = [t for t in child.subtree if t.lemma_.lower() in ("year", "decade")]
        if any(
            any(c.dep_ == "nummod" or c.lower_ in ("a", "an") for c in u.children) for u in units
        ):
            return True
    return False
