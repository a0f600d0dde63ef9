"""A present perfect summed up over a stretch of time: a campaign or a toll told as a total, not
an event on a day (the syria_actors coding guide: "summaries over long periods without a
specific incident" are no event).  Read by :mod:`.modality` as one of the generic frames.

"the coalition that has fought IS since 2014", "have clashed for decades", "300 civilians have
been killed over the past two years", "since the conflict erupted", "so far", "to date"; not "in
the past 24 hours" (one day's reports, which ACLED codes).
"""

from __future__ import annotations

from spacy.tokens import Token

PERFECT_AUX = frozenset({"has", "have", "'ve"})


def _perfect(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in PERFECT_AUX for c in verb.children)


def summed_over_a_period(verb: Token) -> bool:
    """A present perfect spanning years ("the coalition that has fought IS since 2014", "have
    clashed for decades"): a campaign summed up, no event on a day."""
    if not _perfect(verb):
        return False
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.lower_ == "since" and any(o.like_num and len(o.text) == 4 for o in objs):
            return True
        if prep.lower_ == "for" and any(o.lemma_.lower() in ("year", "decade") for o in objs):
            return True
    return _since_year_after(verb) or _over_a_period(verb)


# A present perfect summed up over a long stretch of time, not a day's incident (syria_actors
# GUIDE.md: "summaries over long periods without a specific incident" are no event): "over the
# past two years", "in recent months", "since the start of the war", "since the conflict
# erupted", "so far", "to date".  Hours and days are not long periods ("in the past 24 hours"
# sums up one day's reports, which ACLED codes).
LONG_PERIODS = frozenset({"week", "month", "year", "decade"})
PERIOD_MODIFIERS = frozenset({"past", "last", "previous", "recent"})
WAR_NOUNS = frozenset(
    {"war", "conflict", "uprising", "revolution", "crisis", "fighting", "offensive", "battle"}
)
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
        if lemma in LONG_PERIODS and modifiers & PERIOD_MODIFIERS:
            return not (lemma == "week" and token.tag_ == "NN")  # "the past week": one week
        if token.lower_ == "since" and _since_the_war(token):
            return True
    return False


def _since_the_war(since: Token) -> bool:
    """ "since the start of the war", "since the conflict erupted", "since the uprising"."""
    below = [t for c in since.children for t in c.subtree] or list(since.doc[since.i + 1 :][:6])
    lemmas = {t.lemma_.lower() for t in below[:8]}
    return bool(lemmas & WAR_NOUNS) and (
        bool(lemmas & WAR_BEGINNINGS) or any(t.pos_ == "VERB" for t in below[:8]) or len(below) <= 3
    )


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
