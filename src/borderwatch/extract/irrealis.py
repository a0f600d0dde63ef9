"""Frames that tell a deed as not (yet) done, asked about, explained or disproved (syria_actors
GUIDE.md: plans, hypotheticals, analysis and denials are no event).  Read by :mod:`.modality`.

- About to happen: "is set to begin an offensive", "is about to storm", "is going to deploy",
  "is poised to enter", a deed dated ahead ("next week", "in the coming days", "tomorrow").
- Conditional: "would"/"should" on a verb up to three clauses above ("would have served to
  plan, direct and coordinate operations": verbs joined by "and" count as one clause).
- Asked, not told: a yes/no question ("Is the army about to storm Ghouta?"); an analysis
  headline that explains ("Why Hezbollah is fighting in Syria", "How the battle changed the
  war"): what is asked or explained is no report of an incident.
- Disproved: the content of a report or claim the sentence calls false ("reports that rebels
  had captured the airport turned out to be false").
- Without: an event noun after "without" did not take place ("talks ended without a deal").
- Counted since: a toll or count "since" a month, a year or a happening, in the perfect or the
  simple past ("since January, 150 people have been abducted", "since the start of the
  operation, 300 civilians were killed"): a running total.
- Purpose under a summary: an infinitive of purpose in a clause summed up over a long period
  ("thousands have crossed the border to fight in Syria over the course of the war") shares
  its clause's period: a total, no incident.

(Tried and dropped: a relative or adverbial clause dated by a bare year, "Raqqa, which IS
captured in 2014", and an event noun named by its year, "the army's 2017 offensive", read as
history: the demo's coding takes such past events from an article as events.)
"""

from __future__ import annotations

from spacy.tokens import Token

from .periods import names_a_year, since_the_war, summed_over_a_period
from .surveys import survey_frame

# Verbs that, passive or progressive with a "to" infinitive, put the infinitive just ahead:
# "is set to begin", "are poised to enter", "is going to deploy".
IMMINENT_PASSIVES = frozenset({"set", "poise"})
IMMINENT_PROGRESSIVES = frozenset({"go"})
BE_FORMS = frozenset({"is", "are", "am", "was", "were", "be", "'s", "'re", "been"})
# Modifiers of a time noun that put it ahead of the news ("next week", "in the coming days",
# "in the weeks ahead"); "the next day" is a narrative's, so a determiner rules "next" out.
AHEAD_MODIFIERS = frozenset({"coming", "upcoming"})
AHEAD_WORDS = frozenset({"tomorrow"})
TIME_UNITS = frozenset({"day", "week", "month", "year", "weekend", "hour"})
# Words that open an analysis headline: it explains a deed, it does not report it.
EXPLAINING = frozenset({"why", "how"})
# Nouns whose "that" clause is a claim, and the words that call it false.
CLAIM_NOUNS = frozenset(
    {"report", "claim", "allegation", "rumour", "rumor", "accusation", "assertion"}
)
FALSE_WORDS = frozenset({"false", "untrue", "unfounded", "baseless", "incorrect", "wrong"})


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def imminent(chain: list[Token]) -> bool:
    """A verb of the trigger's nearest clauses puts its "to" infinitive just ahead."""
    for token in chain[:3]:
        xcomps = [c for c in token.children if c.dep_ == "xcomp" and _infinitive(c)]
        if not xcomps:
            continue
        aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
        if token.lemma_.lower() in IMMINENT_PASSIVES and token.tag_ == "VBN" and aux & BE_FORMS:
            return True
        if token.lemma_.lower() in IMMINENT_PROGRESSIVES and token.tag_ == "VBG" and aux & BE_FORMS:
            return True
        if token.lower_ == "about" and token.pos_ == "ADP":
            return True  # "is about to storm"
    return False


def dated_ahead(verb: Token) -> bool:
    """The clause is dated after the news ("next week", "in the coming days", "tomorrow"),
    and its verb is not in the past."""
    if verb.tag_ in ("VBD",) or any(c.lower_ in ("had", "was", "were") for c in verb.children):
        return False
    for child in verb.children:
        if child.dep_ not in ("npadvmod", "tmod", "prep", "advmod"):
            continue
        for token in child.subtree:
            if token.lower_ in AHEAD_WORDS:
                return True
            if token.lemma_.lower() not in TIME_UNITS:
                continue
            mods = {c.lower_ for c in token.children if c.dep_ in ("amod", "det")}
            if mods & AHEAD_MODIFIERS or ("next" in mods and not mods & {"the", "that"}):
                return True
    return False


def asked_or_explained(trigger: Token) -> bool:
    """A yes/no question (an auxiliary before its subject, a question mark) or a headline
    that opens with "why"/"how" and ends with no stop: the deed is asked about or explained."""
    sent = trigger.sent
    words = [t for t in sent if not t.is_punct]
    if not words:
        return False
    first, text = words[0], sent.text.rstrip()
    if text.endswith("?") and first.pos_ == "AUX" and first.dep_ in ("ROOT", "aux", "auxpass"):
        return True
    if text.endswith((".", "!", '."', ".”")):
        return False
    return first.lower_ in EXPLAINING and first.dep_ == "advmod"


def disproved(trigger: Token, chain: list[Token]) -> bool:
    """The trigger's clause is the content of a claim noun the sentence calls false."""
    for token in [trigger, *chain[:3]]:
        if token.dep_ not in ("acl", "ccomp", "relcl") or not any(
            c.dep_ == "mark" and c.lower_ == "that" for c in token.children
        ):
            continue
        claim = token.head
        if claim.lemma_.lower() not in CLAIM_NOUNS:
            continue
        verb = claim.head
        verbs = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
        return any(
            c.dep_ in ("acomp", "attr", "oprd") and c.lower_ in FALSE_WORDS
            for v in verbs
            for c in v.children
        )
    return False


def lacking(trigger: Token) -> bool:
    """ "Ended without a deal", "withdrew without a fight": the noun after "without" did not
    happen ("without a ceasefire agreement": the compound's head)."""
    noun = trigger
    while noun.dep_ == "compound":
        noun = noun.head
    return noun.dep_ == "pobj" and noun.head.lower_ == "without"


CONDITIONAL = frozenset({"would", "should"})


def conditional_above(chain: list[Token], steps: int = 3) -> bool:
    """ "would have served to plan, command and control joint operations": a conditional
    auxiliary on a verb within ``steps`` clauses above the trigger; verbs joined by "and"
    share one step (the list of verbs is one clause)."""
    counted = 0
    below: Token | None = None
    for token in chain:
        if below is None or below.dep_ != "conj":
            counted += 1
        if counted > steps:
            return False
        if token.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in CONDITIONAL for c in token.children
        ):
            return True
        below = token
    return False


def purpose_of(verb: Token) -> Token | None:
    """The verb of the clause a "to" infinitive of purpose hangs from ("crossed the border to
    fight"), else None."""
    if verb.dep_ != "advcl" or verb.tag_ != "VB" or not _infinitive(verb):
        return None
    head = verb.head
    return head if head.pos_ in ("VERB", "AUX") else None


# Month names: "since January" counts months of deeds, where "since Monday" counts days.
MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"}
)  # fmt: skip


def counted_since(verb: Token) -> bool:
    """A toll or a count "since" a month, a year or a happening ("Since January, at least 150
    people have been abducted", "since the beginning of the Russian intervention, 2,000
    civilians were killed"): a running total, no incident, in the perfect or the simple past
    alike (a day after "since", "since Monday", counts one stretch of news and stays)."""
    if verb.tag_ not in ("VBD", "VBN"):
        return False
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "since"):
        objs = [o for o in prep.children if o.dep_ == "pobj"]
        if any(o.lower_ in MONTHS and not any(t.like_num for t in o.subtree) for o in objs):
            return True
        if names_a_year(prep) or since_the_war(prep):
            return True
    return False


def irrealis_frame(trigger: Token, chain: list[Token], verb: Token) -> str | None:
    """The modality one of this module's frames gives the trigger (``verb``: the verb its
    clause hangs from), or None."""
    if lacking(trigger):
        return "negated"
    if disproved(trigger, chain):
        return "denied"
    if asked_or_explained(trigger) or conditional_above(chain):
        return "hypothetical"
    if imminent(chain) or dated_ahead(verb):
        return "planned"
    if counted_since(verb):
        return "generic"
    above = purpose_of(verb)
    if above is not None and summed_over_a_period(above):
        return "generic"
    return survey_frame(trigger, chain, verb)
