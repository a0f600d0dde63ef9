"""Events told over a stretch of time: a campaign or a toll told as a total, not an event on a
day (the syria_actors coding guide: "summaries over long periods without a specific incident"
are no event).  Read by :mod:`.modality` as generic frames.

- A present perfect summed up: "the coalition that has fought IS since 2014", "have clashed for
  decades", "300 civilians have been killed over the past two years", "since the conflict
  erupted", "so far", "to date"; not "in the past 24 hours" (one day's reports, which ACLED
  codes).
- A toll of a whole year or month ("over 300 fighters were killed this year"), of a war itself
  ("the civil war has killed 150,000"), or of a months-long battle.
- A campaign's course ("is stepping up its air strikes", "an escalation in shelling") and a
  comment ranking an event told before ("this was the biggest attack in weeks").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

PERFECT_AUX = frozenset({"has", "have", "'ve"})


def _perfect(verb: Token) -> bool:
    """A present perfect, also a participle joined by "and" to one ("have been killed and
    injured": "injured" shares the auxiliaries)."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in PERFECT_AUX for c in verb.children):
        return True
    own_aux = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and not own_aux and _perfect(verb.head)


def summed_over_a_period(verb: Token) -> bool:
    """A present perfect spanning years ("the coalition that has fought IS since 2014", "have
    clashed for decades"), or a war's own toll ("the civil war has killed 400,000 people"): a
    campaign summed up, no event on a day."""
    if _war_toll(verb) or _toll_of_a_whole_period(verb):
        return True
    if not _perfect(verb):
        return False
    if _going_on_undated(verb) or _many_deeds_undated(verb):
        return True
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.lower_ == "since" and names_a_year(prep):
            return True
        if prep.lower_ == "for" and any(o.lemma_.lower() in ("year", "decade") for o in objs):
            return True
        if prep.lower_ == "for" and any(
            o.tag_ == "NNS" and o.lemma_.lower() in LONG_PERIODS for o in objs
        ):
            return True  # "have been attacking army posts for months"
    return _since_year_after(verb) or _over_a_period(verb) or _period_before(verb)


def _going_on_undated(verb: Token) -> bool:
    """A present perfect progressive with no day or hour in its sentence ("Russia has been
    conducting airstrikes in Syria", "Hezbollah fighters have been fighting alongside the
    army"): a campaign going on, no incident.  A day names one ("clashes have been raging since
    dawn", "have been shelling the town since Monday")."""
    if verb.tag_ != "VBG" or not any(c.dep_ == "aux" and c.lower_ == "been" for c in verb.children):
        return False
    return not _day_named(verb.sent)


# A present perfect counting dozens of deeds or more ("the militants have launched dozens of
# attacks on army posts", "has carried out more than 5,000 strikes"), with no day in its
# sentence, counts a campaign, no incident (syria_actors GUIDE.md: summaries without a specific
# incident are no event).  Not a count of people: a toll or an arrest count without a day is
# still one incident's in much reporting (CASE codes "hundreds have been killed in clashes",
# IndiaPoliceEvents "so far 3,976 persons have been arrested").
TOTAL_FLOOR = 100  # a count of deeds from this number up is a campaign ("5,000 strikes")
LARGE_WORDS = frozenset({"hundred", "hundreds", "thousand", "thousands", "million", "millions"})
MANY_DEEDS = frozenset({"dozens", "scores"}) | LARGE_WORDS
# Deeds counted in a campaign: the single incidents of ``INCIDENTS`` and their like.
DEEDS = frozenset({"attack", "raid", "strike", "airstrike", "bombing", "execution", "assault"})


def _many_deeds_undated(verb: Token) -> bool:
    """See ``TOTAL_FLOOR``."""
    if _day_named(verb.sent) or any(_one_incident(c) for c in verb.children if c.dep_ == "prep"):
        return False  # "carried out dozens of raids in an operation on the town": one incident
    for noun in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        before = [t for t in noun.subtree if t.i <= noun.i]
        deeds = [noun] + [o for c in noun.children if c.lower_ == "of" for o in c.children]
        if any(d.tag_ == "NNS" and d.lemma_.lower() in DEEDS for d in deeds) and any(
            t.lower_ in MANY_DEEDS or _large(t) for t in before
        ):
            return True  # "dozens of attacks", "scores of raids"
    return False


def _large(token: Token) -> bool:
    if token.lower_ in LARGE_WORDS:
        return True
    if not token.like_num:
        return False
    try:
        return float(token.text.replace(",", "")) >= TOTAL_FLOOR
    except ValueError:
        return False


def _day_named(sent: Span) -> bool:
    """A day or an hour in the sentence ("on Monday", "this morning", "at 5 am")."""
    return any(
        t.lower_ in WEEKDAYS or t.lemma_.lower() in TIME_NOUNS | {"hour"} or t.ent_type_ == "TIME"
        for t in sent
    )


# What a war's toll is told with: the war itself as the killer ("the civil war has killed over
# 150,000 people", "a conflict that claimed thousands of lives").  A war kills over its course,
# so this is a total, never one day's event (syria_actors GUIDE.md: an overall war toll is no
# event).  Fighting and battles are not here: "fighting killed six on Monday" is one day's.
WAR_KILLERS = frozenset(
    {"war", "conflict", "uprising", "revolution", "crisis", "insurgency", "siege", "blockade"}
)
TOLL_VERBS = frozenset({"kill", "claim"})


# A toll told of a whole year or month ("over 300 fighters were killed this year", "40 rebels
# died last month", "were killed in clashes in 2015"): the GUIDE's own example of a summary
# over a long period.  A toll of one incident named with it ("killed in an ambush in 2015") is
# that incident's; a day named with it is that day's.
WHOLE_PERIODS = frozenset({"year", "month"})
WHOLE_PERIOD_MODIFIERS = frozenset({"this", "last", "past", "previous"})
DYING_VERBS = frozenset({"kill", "die", "execute", "perish"})
WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
     "today", "tonight"}
)  # fmt: skip


# Verbs that count people taken, as a toll counts the dead: over several months or years
# ("thousands were detained in the first six months of the year") they sum up a campaign too.
TAKING_VERBS = frozenset({"arrest", "detain", "abduct", "kidnap"})


def _toll_of_a_whole_period(verb: Token) -> bool:
    """A toll verb dated by a whole year or month only (see ``WHOLE_PERIODS``), or by several
    months or years ("in the first six months of the year", "over three years")."""
    lemma = verb.lemma_.lower()
    if lemma == "lose" and any(c.dep_ == "dobj" and c.lemma_ == "life" for c in verb.children):
        lemma = "die"  # "700 civilians lost their lives": a toll
    if lemma not in DYING_VERBS | TAKING_VERBS:
        return False
    adjuncts = [c for c in verb.children if c.dep_ in ("npadvmod", "tmod", "prep")]
    words = {t.lower_ for a in adjuncts for t in a.subtree}
    if words & WEEKDAYS or any(_one_incident(a) for a in adjuncts):
        return False
    if any(_several_periods(a) for a in adjuncts):
        return True
    whole = any(_whole_period(a) for a in adjuncts)
    return whole and (lemma in DYING_VERBS or _many_taken(verb))


def _many_taken(verb: Token) -> bool:
    """The people a taking verb takes are many ("arrested 300 people in 2019", "dozens were
    detained last month"): a tally.  One person taken in a year ("the engineer, who was
    abducted in 2019") is one abduction, dated by its year."""
    for child in verb.children:
        if child.dep_ not in ("dobj", "nsubjpass"):
            continue
        taken = verb.head if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" else child
        if taken.tag_ in ("NNS", "NNPS") or any(c.like_num for c in taken.children):
            return True
    return False


# Periods whose plural spans more than a news cycle ("in the first six months", "over two years").
SEVERAL_PERIODS = frozenset({"month", "year", "decade"})
SPAN_PREPS = frozenset({"in", "during", "over", "within", "throughout"})


def _several_periods(adjunct: Token) -> bool:
    """ "in the first six months of the year", "over three years": a plural of ``SEVERAL_PERIODS``
    as the object of a preposition of span."""
    return (
        adjunct.dep_ == "prep"
        and adjunct.lower_ in SPAN_PREPS
        and any(
            o.dep_ == "pobj" and o.tag_ == "NNS" and o.lemma_.lower() in SEVERAL_PERIODS
            for o in adjunct.children
        )
    )


RANKED_PERIODS = frozenset({"first", "second", "third", "fourth", "fifth", "entire", "whole"})


def _whole_period(adjunct: Token) -> bool:
    """ "this year", "last month", "in 2015"."""
    if adjunct.dep_ == "prep":
        objs = [c for c in adjunct.children if c.dep_ == "pobj"]
        year = any(o.like_num and len(o.text) == 4 and not list(o.children) for o in objs)
        # "during the first year of the campaign": a whole year or month named by its rank
        ranked = any(
            o.lemma_.lower() in WHOLE_PERIODS
            and any(c.lower_ in RANKED_PERIODS for c in o.children)
            and any(c.lower_ == "of" for c in o.children)
            for o in objs
        )
        return adjunct.lower_ in ("in", "during", "over", "throughout") and (year or ranked)
    modifiers = {c.lower_ for c in adjunct.children if c.dep_ in ("det", "amod")}
    return adjunct.lemma_.lower() in WHOLE_PERIODS and bool(modifiers & WHOLE_PERIOD_MODIFIERS)


def _one_incident(prep: Token) -> bool:
    """ "in an ambush", "in the attack": a single event noun the toll was taken in."""
    return any(
        o.tag_ == "NN" and any(c.dep_ == "det" for c in o.children) and o.lemma_.lower() != "year"
        for o in prep.children
        if o.dep_ == "pobj" and o.pos_ == "NOUN" and o.lemma_.lower() in INCIDENTS
    )


# Single incidents a toll is taken in (a plural, "in clashes", may span the period).
INCIDENTS = frozenset(
    {"attack", "ambush", "raid", "strike", "airstrike", "bombing", "blast", "explosion",
     "clash", "battle", "shelling", "assault", "incident", "operation", "massacre"}
)  # fmt: skip


def _war_toll(verb: Token) -> bool:
    """ "The civil war has killed thousands": the subject of the killing is the war itself."""
    if verb.lemma_.lower() not in TOLL_VERBS:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "relcl":
        subjects = [verb.head]  # "a war that has killed thousands"
    return any(s.lemma_.lower() in WAR_KILLERS for s in subjects)


# A present perfect summed up over a long stretch of time, not a day's incident (syria_actors
# GUIDE.md: "summaries over long periods without a specific incident" are no event): "over the
# past two years", "in recent months", "since the start of the war", "since the conflict
# erupted", "so far", "to date".  Hours and days are not long periods ("in the past 24 hours"
# sums up one day's reports, which ACLED codes).
LONG_PERIODS = frozenset({"week", "month", "year", "decade"})
PERIOD_MODIFIERS = frozenset({"past", "last", "previous", "recent"})
WAR_NOUNS = frozenset(
    {"war", "conflict", "uprising", "revolution", "crisis", "fighting", "offensive", "battle",
     "campaign", "operation", "siege", "insurgency"}
)  # fmt: skip
WAR_BEGINNINGS = frozenset({"start", "beginning", "outbreak", "onset", "eruption"})


def _over_a_period(verb: Token) -> bool:
    """The perfect ``verb``'s stretch of the sentence (up to a comma or another past verb)
    sums it up over a long period (see ``LONG_PERIODS``)."""
    sent_end = verb.sent.end
    stretch = []
    for token in verb.doc[verb.i + 1 : sent_end]:
        if token.text in CLAUSE_END:
            break
        stretch.append(token)
    words = [t.lower_ for t in stretch]
    if any(a == "so" and b == "far" for a, b in zip(words, words[1:], strict=False)):
        return True
    if any(a == "to" and b == "date" for a, b in zip(words, words[1:], strict=False)):
        return True
    for token in stretch:
        lemma = token.lemma_.lower()
        modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "nummod", "det")}
        if _stretch_of_war(token):
            return True
        if lemma in LONG_PERIODS and modifiers & PERIOD_MODIFIERS:
            return not (lemma == "week" and token.tag_ == "NN")  # "the past week": one week
        if token.lower_ == "since" and since_the_war(token):
            return True
        if _throughout_a_war(token):
            return True
    return False


def _so_far(adverb: Token) -> bool:
    return (
        adverb.dep_ == "advmod"
        and adverb.lower_ == "far"
        and any(c.lower_ == "so" for c in adverb.children)
    )


def _to_date(adjunct: Token) -> bool:
    """ "To date, 1,200 rebels have been captured": a running total told first."""
    return adjunct.lower_ == "to" and any(
        c.dep_ == "pobj" and c.lower_ == "date" and not list(c.children) for c in adjunct.children
    )


def _throughout_a_war(token: Token) -> bool:
    """ "throughout the conflict", "over the course of the war": the whole of a war or of long
    periods, its deeds a total ("throughout the day" is one day's)."""
    if token.lower_ == "throughout":
        below = [t for c in token.children for t in c.subtree]
    elif token.lower_ == "course" and token.dep_ == "pobj" and token.head.lower_ in SPAN_PREPS:
        below = [t for c in token.children for t in c.subtree]  # "over the course of the war"
    else:
        return False
    lemmas = {t.lemma_.lower() for t in below}
    return bool(lemmas & WAR_NOUNS) or any(
        t.tag_ == "NNS" and t.lemma_.lower() in LONG_PERIODS for t in below
    )


def names_a_year(since: Token) -> bool:
    """ "since 2014", "since September 2015": a year below "since"."""
    return any(t.like_num and len(t.text) == 4 for t in since.subtree if t.i != since.i)


# "The months-long battle", "a years-long siege": an event noun said to last that long.
LASTING = re.compile(r"\b(?:weeks?|months?|years?|decades?)\s*-\s*long$", re.IGNORECASE)
# Stretches that last by their nature: what is told as done "during the siege" or "throughout
# the occupation" is counted over all of it, not on a day (a day named makes it that day's).
LASTING_NOUNS = frozenset(
    {"siege", "rule", "occupation", "war", "conflict", "uprising", "revolution", "insurgency",
     "blockade", "reign", "captivity"}
)  # fmt: skip


def lasting_long(trigger: Token) -> bool:
    """An event noun said to have lasted weeks or more ("killed during the months-long battle
    for the city"): its toll is the total of a campaign, not one day's event.  A noun trigger
    that is its verb's subject or object is read through the verb ("barrel bombs were dropped
    during the four-year siege").  What came "after" or "before" a long stretch is no part of
    it ("stormed the town after a month-long siege" is one assault)."""
    nouns = [trigger] if trigger.pos_ == "NOUN" else []
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = trigger.head  # a noun trigger only through a stretch its length is told of
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in SPANNING]
        stretches = [o for p in preps for o in p.children if o.dep_ == "pobj"]
        if any(LENGTHY.search(n.doc[n.left_edge.i : n.i].text) for n in stretches):
            return True  # "the four-year siege" (not "a two-year truce": one deal)
    if trigger.pos_ == "VERB":  # "were killed during the months-long siege"
        preps = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ not in OUTSIDE]
        nouns += [o for p in preps for o in p.children if o.dep_ == "pobj"]
    if any(LASTING.search(n.doc[n.left_edge.i : n.i].text) for n in nouns):
        return True
    if trigger.pos_ != "VERB" or any(dated(c) for c in trigger.children):
        return False
    return any(
        p.dep_ == "prep"
        and p.lower_ in ("during", "throughout")
        and any(o.dep_ == "pobj" and o.lemma_.lower() in LASTING_NOUNS for o in p.children)
        for p in trigger.children
    )


LENGTHY = re.compile(
    r"(?:\b[\w]+-(?:weeks?|months?|years?|decades?)|(?:weeks?|months?|years?|decades?)\s*-\s*long)$",
    re.IGNORECASE,
)
SPANNING = frozenset({"during", "throughout", "over"})  # in a stretch; outside one, "after":
OUTSIDE = frozenset({"after", "before", "following", "since", "until"})


def _period_before(verb: Token) -> bool:
    """A long period told before the perfect verb, in an adjunct of its own ("In the past few
    months, several leaders have been killed", "Since the start of the conflict, hundreds have
    been killed")."""
    for adjunct in (c for c in verb.children if c.i < verb.i and c.dep_ in ("prep", "npadvmod")):
        if adjunct.lower_ == "since" and since_the_war(adjunct):
            return True
        if _to_date(adjunct) or _throughout_a_war(adjunct):
            return True
        for token in adjunct.subtree:
            modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "det")}
            if (
                token.tag_ == "NNS"
                and token.lemma_.lower() in LONG_PERIODS
                and (modifiers & PERIOD_MODIFIERS)
            ):
                return True
    # "So far, 200 fighters have been killed": a toll so far is a running total (not "so far,
    # the rebels have shelled the army's positions", a deed)
    return verb.lemma_.lower() in DYING_VERBS and any(
        _so_far(c) for c in verb.children if c.i < verb.i
    )


def _stretch_of_war(token: Token) -> bool:
    """ "in a week of fighting", "after two months of clashes": a stretch of a war, its toll a
    total."""
    return token.lemma_.lower() in LONG_PERIODS and any(
        o.lemma_.lower() in WAR_NOUNS | {"clash", "fight"}
        for c in token.children
        if c.lower_ == "of"
        for o in c.children
        if o.dep_ == "pobj"
    )


def since_the_war(since: Token) -> bool:
    """ "since the start of the war", "since the conflict erupted", "since the uprising"; and
    since any happening told by a clause or a noun that is no day ("since the crackdown began",
    "since the coup attempt"): a perfect counted from it to now is a running total."""
    below = [t for c in since.children for t in c.subtree] or list(since.doc[since.i + 1 :][:6])
    lemmas = {t.lemma_.lower() for t in below[:8]}
    if lemmas & WAR_BEGINNINGS and lemmas & LONG_PERIODS:
        return True  # "since the start of the year"
    if bool(lemmas & WAR_NOUNS) and (
        bool(lemmas & WAR_BEGINNINGS) or any(t.pos_ == "VERB" for t in below[:8]) or len(below) <= 3
    ):
        return True
    return _since_a_happening(since, below[:8])


def _since_a_happening(since: Token, below: list[Token]) -> bool:
    """The words after "since" tell a happening (a clause, "the crackdown began", or a noun
    phrase, "the coup attempt"), not a day or an hour ("since Monday", "since dawn", "since
    5 May"): counted from it, a perfect sums up a stretch of days at least."""
    if not below or any(
        t.lower_ in WEEKDAYS or t.lemma_.lower() in TIME_NOUNS | {"hour"} for t in below
    ):
        return False
    if any(t.like_num and len(t.text) <= 2 for t in below):
        return False  # "since 5 May": a day
    if any(t.pos_ == "VERB" and t.tag_ in ("VBD", "VBN", "VBG") for t in below):
        return True
    return any(c.dep_ == "pobj" and c.pos_ == "NOUN" for c in since.children)


# How far to the right of a perfect verb a "since <year>" is read as its own when the parse
# attached it elsewhere ("that has fought IS in Iraq and Syria since 2014": "IS" read as a verb).
SINCE_WINDOW = 10
CLAUSE_END = frozenset({",", ";", ":", ".", "!", "?"})


def _since_year_after(verb: Token) -> bool:
    """ "since <year>" follows the perfect verb in its own stretch of the sentence (no comma or
    other past verb between): the parse may hang it on a misread word."""
    sent_end = verb.sent.end
    for token in verb.doc[verb.i + 1 : min(sent_end, verb.i + 1 + SINCE_WINDOW)]:
        if token.text in CLAUSE_END or token.tag_ in ("VBD", "VBN"):
            return False
        nxt = token.nbor(1) if token.i + 1 < sent_end else None
        if token.lower_ == "since" and nxt is not None and nxt.like_num and len(nxt.text) == 4:
            return True
    return False


# Nouns of a point in time: "on New Year's Day", "that night".
TIME_NOUNS = frozenset({"day", "night", "morning", "evening", "afternoon", "dawn", "week"})


def dated(child: Token) -> bool:
    """A time adjunct naming when ("on Monday", "last week"), not how long ("for months")."""
    if child.dep_ not in ("prep", "npadvmod", "tmod") or child.lower_ in ("for", "during"):
        return False
    return any(
        t.ent_type_ in ("DATE", "TIME", "EVENT") or t.lemma_.lower() in TIME_NOUNS
        for t in child.subtree
    )


# A trend told of a kind of event: plural attacks as what is stepped up or escalates ("Russia is
# stepping up its aerial attacks on the city", "amid the recent escalation in airstrikes"): a
# campaign's course, no particular event (syria_actors GUIDE.md: a claim of escalation is no
# incident).  A day named with it makes it that day's strikes ("stepped up its raids on Monday").
TREND_VERBS = frozenset({"step", "escalate", "intensify", "ramp", "increase", "scale"})
TREND_NOUNS = frozenset(
    {"escalation", "upsurge", "surge", "intensification", "increase", "rise", "uptick", "spike"}
)
TREND_PREPS = frozenset({"in", "of"})


def trend(trigger: Token) -> bool:
    """An event noun, not one event ("an attack"), whose escalation the sentence tells (see
    ``TREND_VERBS``)."""
    first = trigger
    while first.dep_ == "conj":
        first = first.head
    if trigger.pos_ != "NOUN" or any(c.lower_ in ("a", "an") for c in first.children):
        return False  # "intensified its bombardment", not "launched an attack"
    head = first.head
    if first.dep_ == "dobj" and head.lemma_.lower() in TREND_VERBS:
        return not any(dated(c) for c in head.children)
    if first.dep_ == "pobj" and head.lower_ in TREND_PREPS:
        noun = head.head
        return noun.lemma_.lower() in TREND_NOUNS and not any(dated(c) for c in noun.children)
    return False


# Ordinals that rank an event among others ("the third raid this month").
RANKS = frozenset({"first", "second", "third", "fourth", "fifth", "last", "latest"})
# Pronouns that point back to what was told before ("this was the biggest attack in weeks").
ANAPHORS = frozenset({"this", "that", "it"})


def comparison(trigger: Token) -> bool:
    """An event noun that a pronoun is said to be, ranked against others ("this was the
    biggest regime attack in recent weeks", "it was the third raid this month"): a comment on
    an event told before, no new one."""
    head = trigger.head
    if trigger.dep_ != "attr" or head.lemma_ != "be":
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in ANAPHORS for c in head.children):
        return False
    return any(c.tag_ == "JJS" or c.lower_ in RANKS for c in trigger.children)
