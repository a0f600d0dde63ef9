"""Sentences that survey the war instead of reporting an incident (syria_actors GUIDE.md: "threats,
plans, warnings, generic statements, rhetoric, summaries over long periods without a specific
incident, hypotheticals" are no event).  Read by :mod:`.irrealis`, whose frames :mod:`.modality`
checks first.  Each frame is a form of English, not a word of one report:

- An inverted condition: "Were the regime to use chemical weapons again, ...", "Had the rebels
  held the hill, ..." (the auxiliary before its subject opens an unreal clause).
- A capacity: "the missiles are capable of destroying tanks" (what can be done, not what was).
- A purpose told of a thing: "the checkpoints are meant to stop smuggling", "designed to".
- A quantifier over events or days: "every barrel bomb dropped on a bakery", "every month,
  hundreds are detained" (a habit, no particular incident).
- A habit named by a noun: "has a long history of kidnapping journalists", "a policy of
  besieging towns", "the tactic of using human shields".
- A span of years: "Between 2013 and 2015, militants abducted 3,000 women", "from 2012 to 2016".
- A statistic: deeds in the subject of a change told as a share ("casualties from air strikes
  rose by 40 percent", "the number of attacks doubled"); a toll risen to a number ("the toll
  from the bombing rose to 48") is one event's and stays.
- A count of hundreds of deeds told in the simple past ("the coalition conducted more than
  2,000 air strikes in Syria and Iraq"): no single incident has that many (the present
  perfect's count is :func:`.periods.summed_over_a_period`'s).
- Deeds at no time in particular: "in the past", "such strikes"; spread over a whole country in
  the perfect ("thousands have been killed in air strikes across the country").
- A toll of a stretch said to last ("the battle, which lasted four months"), of a war or a
  campaign as a whole ("killed in the regime's bombing campaign against the city"), counted
  since a happening told by a clause ("since Russia entered the war, its jets have killed over
  3,800 civilians"); who the dead were ("many of those killed in the battles were foreigners").
- The war's own history in a relative clause ("the war, which began with protests in 2011").
- How a weapon works, in the present with a gerund of manner ("the gas kills by crippling").

A day named keeps an incident in most of these (see :func:`day_date`).  Tried and dropped (each
cost an event on a dev set whose coders took the sentence as one event): a run of plural deeds
in the perfect, "has carried out a string of suicide bombings" (two CASE tune events, "a series
of raids across the West Bank"); a toll of part of a group in plural deeds, "many of them were
killed in air strikes" (one Syrian check-half event); a date naming only a month let through
:func:`.standing.summed_up` (one Syrian check-half event); a noun trigger read through its verb
"during" any lasting stretch, "riots during the Congress rule" (IndiaPoliceEvents codes such
deeds: :func:`.periods.lasting_long` now needs the stretch's length told, "four-year siege").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from .periods import DEEDS, LARGE_WORDS, TOTAL_FLOOR, WEEKDAYS

# Auxiliaries that, before their subject at the start of a clause, open a condition ("Were the
# army to withdraw", "Had the rebels held", "Should talks fail").
INVERTING = frozenset({"were", "had", "should"})
# Adjectives of a capacity: their "of" gerund can be done, it was not ("capable of striking").
CAPACITY_ADJECTIVES = frozenset({"capable", "incapable"})
# Passive verbs whose "to" infinitive is a thing's purpose ("are meant to stop smuggling").
PURPOSE_PASSIVES = frozenset({"mean", "design", "intend", "aim"})
# Units of time that, with "every"/"each", make a habit ("every month, hundreds are detained").
HABIT_UNITS = frozenset({"day", "night", "week", "month", "year", "morning", "evening"})
# Nouns whose "of" complement is a habit or a course of conduct, not a deed on a day.
HABIT_NOUNS = frozenset(
    {"history", "record", "practice", "habit", "policy", "pattern", "tradition", "tactic",
     "strategy"}
)  # fmt: skip
INDEFINITE_HABITS = frozenset({"history", "record"})
# Verbs of a change in a quantity ("rose", "doubled"): with a share or a ratio they tell a
# statistic of a kind of deed.
CHANGE_VERBS = frozenset(
    {"rise", "fall", "increase", "decrease", "drop", "decline", "jump", "climb", "grow", "soar",
     "double", "triple", "halve", "plunge"}
)  # fmt: skip
RATIO_VERBS = frozenset({"double", "triple", "halve"})


def survey_frame(trigger: Token, chain: list[Token], verb: Token) -> str | None:
    """The modality one of this module's frames gives the trigger (``chain``: its governing
    words; ``verb``: the verb its clause hangs from), or None."""
    if inverted_condition([trigger, *chain[:4]]) or capacity([trigger, *chain[:3]]):
        return "hypothetical"
    if purpose_of_a_thing(chain[:3]):
        return "planned"
    if any(frame(trigger, verb) for frame in GENERIC_FRAMES):
        return "generic"
    return None


def inverted_condition(tokens: list[Token]) -> bool:
    """An auxiliary of ``INVERTING`` that opens its clause (first word of the sentence, or after
    a comma) with its subject after it, in a sentence that asks nothing."""
    for token in tokens:
        if token.lower_ not in INVERTING or token.pos_ not in ("AUX", "VERB"):
            continue
        if token.sent.text.rstrip().endswith("?"):
            return False
        before = token.doc[token.i - 1] if token.i > token.sent.start else None
        if before is not None and before.text not in (",", ";", "--", "—"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i for c in token.children):
            return True
    return False


def capacity(tokens: list[Token]) -> bool:
    """ "are capable of destroying", "missiles capable of reaching": a power, not a deed."""
    return any(
        t.lemma_.lower() in CAPACITY_ADJECTIVES
        or any(c.dep_ == "acomp" and c.lemma_.lower() in CAPACITY_ADJECTIVES for c in t.children)
        for t in tokens
    )


def purpose_of_a_thing(chain: list[Token]) -> bool:
    """ "are meant to stop", "was designed to kill": a passive of ``PURPOSE_PASSIVES`` whose
    "to" infinitive tells what the thing is for."""
    return any(
        t.lemma_.lower() in PURPOSE_PASSIVES
        and t.tag_ == "VBN"
        and any(c.dep_ == "auxpass" for c in t.children)
        and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in t.children)
        for t in chain
    )


def every_one(trigger: Token, verb: Token) -> bool:
    """ "every barrel bomb", "each attack": a quantifier over deeds; "every month", "each day"
    on the verb: a habit."""
    if trigger.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "every" for c in trigger.children
    ):
        return True
    for clause in (trigger, verb):
        for child in clause.children:
            if (
                child.dep_ in ("npadvmod", "tmod")
                and child.lemma_.lower() in HABIT_UNITS
                and any(c.lower_ in ("every", "each") for c in child.children)
            ):
                return True
    return False


def habit_noun(trigger: Token) -> bool:
    """The trigger, or the gerund that carries it, completes a noun of ``HABIT_NOUNS`` by "of"
    ("a history of kidnapping journalists", "its policy of besieging towns")."""
    node = trigger
    for _ in range(3):
        if node.dep_ in ("pobj", "pcomp") and node.head.lower_ == "of":
            return _habit(node.head.head)
        if node.dep_ not in ("dobj", "compound"):
            return False
        node = node.head
    return False


def _habit(noun: Token) -> bool:
    """A noun of ``HABIT_NOUNS``; "history" and "record" only with "a" ("has a long history of
    kidnapping"): "the history of" names the past of a place or a kind, where an event may be
    told as its worst."""
    lemma = noun.lemma_.lower()
    if lemma in INDEFINITE_HABITS:
        return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
    return lemma in HABIT_NOUNS


def _year(token: Token) -> bool:
    return token.like_num and len(token.text) == 4 and token.text.isdigit()


def span_of_years(verb: Token) -> bool:
    """ "Between 2013 and 2015", "from 2012 to 2016": a deed told over a span of years."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        years = [t for t in prep.subtree if _year(t)]
        if prep.lower_ == "between" and len(years) >= 2:
            return True
        if prep.lower_ == "from" and years:
            ends = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "until")]
            if any(_year(t) for e in ends for t in e.subtree) or len(years) >= 2:
                return True
    return False


def statistic(trigger: Token) -> bool:
    """The trigger is in the subject of a change told as a share or a ratio (see
    ``CHANGE_VERBS``): "casualties from air strikes rose by 40 percent"."""
    node = trigger
    for _ in range(4):
        if node.dep_ in ("nsubj", "nsubjpass"):
            break
        if node.dep_ not in ("pobj", "prep", "compound", "amod", "conj"):
            return False
        node = node.head
    else:
        return False
    change = node.head
    lemma = change.lemma_.lower()
    if lemma not in CHANGE_VERBS:
        return False
    return lemma in RATIO_VERBS or any(t.ent_type_ == "PERCENT" for t in change.subtree)


def hundreds_of_deeds(verb: Token) -> bool:
    """A simple past counting hundreds of deeds or more, with no day named ("conducted more than
    2,000 air strikes"): a campaign's tally."""
    if verb.tag_ != "VBD" or _day_in(verb.sent):
        return False
    for noun in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        if noun.tag_ != "NNS" or noun.lemma_.lower() not in DEEDS:
            continue
        before = [t for t in noun.subtree if t.i < noun.i]
        if any(t.lower_ in LARGE_WORDS or _at_least_floor(t) for t in before):
            return True
    return False


def _at_least_floor(token: Token) -> bool:
    if not token.like_num:
        return False
    try:
        return float(token.text.replace(",", "")) >= TOTAL_FLOOR
    except ValueError:
        return False


PERFECT = frozenset({"has", "have", "'ve", "had"})


def _perfect(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in PERFECT for c in verb.children)


def in_the_past(verb: Token) -> bool:
    """ "have killed scores of civilians in the past": at some time before, no incident (not "in
    the past 24 hours", where "past" modifies a count of hours)."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(
            o.dep_ == "pobj" and o.lower_ == "past" and [d.lower_ for d in o.children] == ["the"]
            for o in c.children
        )
        for c in verb.children
    )


def such_deeds(trigger: Token) -> bool:
    """ "Such strikes have killed scores": a kind of deed, not one that took place."""
    return trigger.tag_ == "NNS" and any(
        c.lower_ == "such" and c.dep_ in ("amod", "det", "predet") for c in trigger.children
    )


# Nouns of a whole country: deeds told "across the country" in the perfect are a national tally.
COUNTRY_NOUNS = frozenset({"country", "nation"})


def across_the_country(verb: Token) -> bool:
    """ "Thousands have been killed in air strikes across the country": a perfect spread over a
    whole country with no day named sums up the war, no incident."""
    if not _perfect(verb) or _day_in(verb.sent):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("across", "throughout")
        and any(o.dep_ == "pobj" and o.lemma_.lower() in COUNTRY_NOUNS for o in c.children)
        for c in verb.children
    )


# Units of time whose plural, as what an event lasted, makes it a campaign ("which lasted four
# months"); days stay with the news.
LONG_UNITS = frozenset({"week", "month", "year", "decade"})


def told_to_last(trigger: Token, verb: Token) -> bool:
    """An event noun, the trigger or the one its verb's toll was taken in, said by a relative
    clause to have lasted weeks or more ("lost hundreds of fighters in the battle, which lasted
    more than four months"): its toll is a campaign's."""
    nouns = [trigger] if trigger.pos_ == "NOUN" else []
    nouns += [
        o
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ in ("in", "during", "throughout")
        for o in p.children
        if o.dep_ == "pobj"
    ]
    return any(
        r.dep_ == "relcl"
        and r.lemma_.lower() in ("last", "drag", "continue")
        and any(t.tag_ == "NNS" and t.lemma_.lower() in LONG_UNITS for t in r.subtree)
        for n in nouns
        for r in n.children
    )


# Quantifiers of a part of a group told before ("many of those killed", "most of the dead").
# (Tried and dropped: a toll of such a part in plural deeds, "many of the fighters were killed
# in air strikes, while others died in clashes", read as a breakdown of a total: it cost one
# event on the Syrian check half, whose coders took such a toll as one event's.)
PARTITIVES = frozenset({"many", "some", "most", "several", "half", "all", "few", "majority"})


def among_the_dead(verb: Token) -> bool:
    """ "Many of those killed in the battles for the towns were foreign fighters": who the dead
    were, told of a part of them; the deed is a total told before."""
    if verb.dep_ != "acl":
        return False
    head = verb.head
    if head.dep_ != "pobj" or head.head.lower_ != "of":
        return False
    part = head.head.head
    return part.lemma_.lower() in PARTITIVES and part.head.lemma_ == "be"


# Wars and campaigns a toll is taken "in" over their whole course ("thousands of civilians were
# killed in the regime's bombing campaign against the city", "died in the war").
WHOLE_WARS = frozenset({"war", "conflict", "campaign", "insurgency", "uprising", "revolution"})
TOLL_LEMMAS = frozenset({"kill", "die", "perish"})


def toll_of_a_war(verb: Token) -> bool:
    """A toll taken in a war or a campaign as a whole, with no day named: a total."""
    if verb.lemma_.lower() not in TOLL_LEMMAS or _day_in(verb.sent):
        return False
    return any(
        p.dep_ == "prep"
        and p.lower_ in ("in", "during", "throughout")
        and any(o.dep_ == "pobj" and o.lemma_.lower() in WHOLE_WARS for o in p.children)
        for p in verb.children
    )


def counted_since_a_clause(verb: Token) -> bool:
    """A count in the perfect from a happening told by a "since" clause ("Since Russia entered
    the war, its jets have killed over 3,800 civilians"): a running total, as "since the start of
    the war" is (:func:`.periods.since_the_war`).  A day in the clause ("since the truce
    collapsed on Monday") keeps it news of days."""
    if not _perfect(verb) or not any(_counted(c) for c in verb.children):
        return False
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ == "since" for m in clause.children):
            return clause.tag_ in ("VBD", "VBN") and not any(
                t.lower_ in WEEKDAYS or t.lemma_.lower() in DAY_WORDS for t in clause.subtree
            )
    return False


def _counted(noun: Token) -> bool:
    """An object or passive subject counted ("over 3,800 civilians", "thousands of people")."""
    if noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    return noun.lower_ in LARGE_WORDS or any(
        c.dep_ == "nummod" or c.lower_ in LARGE_WORDS for c in noun.children
    )


# Nouns of a war whose relative clause tells its history ("the war, which began with protests in
# 2011, has killed ..."): what the clause tells is background, no incident.
WAR_HISTORY_NOUNS = frozenset({"war", "conflict", "uprising", "revolution", "insurgency", "crisis"})


def history_of_the_war(trigger: Token) -> bool:
    """The trigger is in a relative clause on the war as a whole."""
    return any(
        a.dep_ == "relcl" and a.head.lemma_.lower() in WAR_HISTORY_NOUNS
        for a in [trigger, *list(trigger.ancestors)[:4]]
    )


def how_it_works(verb: Token) -> bool:
    """A simple present telling how a thing does harm, by a gerund of manner ("chlorine
    suffocates its victims by burning the lining of their lungs", "the gas kills by crippling
    the nervous system"): a description of a weapon, no incident."""
    if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "by"
        and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
        for c in verb.children
    )


# Words of a date entity that make it a day ("on Monday", "on 3 March", "last night"); a date
# that names only a month or a year ("in November", "in 2015") dates a stretch, not a day.
DAY_WORDS = frozenset({"day", "night", "morning", "evening", "afternoon", "dawn", "hours"})


def day_date(ent: Span) -> bool:
    """A DATE or TIME entity that names a day or an hour, not only a month or a year."""
    if ent.label_ == "TIME":
        return True
    return any(
        t.lower_ in WEEKDAYS
        or t.lemma_.lower() in DAY_WORDS
        or (t.like_num and t.text.isdigit() and len(t.text) <= 2)
        for t in ent
    )


def _day_in(sent: Span) -> bool:
    return any(e.label_ in ("DATE", "TIME") and day_date(e) for e in sent.ents)


# The frames that make a deed generic, each read with the trigger and the verb it hangs from.
GENERIC_FRAMES: tuple[Callable[[Token, Token], bool], ...] = (
    every_one,
    lambda trigger, verb: habit_noun(trigger),
    lambda trigger, verb: span_of_years(verb),
    lambda trigger, verb: statistic(trigger),
    lambda trigger, verb: hundreds_of_deeds(verb),
    lambda trigger, verb: in_the_past(verb) or such_deeds(trigger),
    lambda trigger, verb: across_the_country(verb),
    told_to_last,
    lambda trigger, verb: among_the_dead(verb),
    lambda trigger, verb: toll_of_a_war(verb),
    lambda trigger, verb: counted_since_a_clause(verb),
    lambda trigger, verb: history_of_the_war(trigger),
    lambda trigger, verb: how_it_works(verb),
)
