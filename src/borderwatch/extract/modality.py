"""Modality (did it happen?) and attribution (who says so?) of a trigger.

Modality comes from the trigger's own modifiers and the verbs that govern it: a negation on the
trigger or on a verb that merely carries it ("did not launch an attack"), a denying, attempting
or planning verb above it, a conditional clause, a modal auxiliary.  A negation on a verb with a
meaning of its own ("is not coordinating the assault") negates that verb, not the assault.

Irrealis frames are read the same way: an event verb in an infinitive that completes a noun
("a way to protest", "their capacity to launch attacks") names an aim or a possibility, and a
conditional auxiliary on a verb that governs the trigger ("would still extend the amnesty to
people to surrender", "should limit cooperation until the troops were withdrawn") puts the whole
clause below it in an unreal world.  Generic, not a report: a present-tense statement about a
class of things ("the vehicles launch shells"), an activity ("by organizing rallies"), a kind
("threats such as clashes"), a campaign summed up over years ("has fought IS since 2014").

Attribution is the subject of a reporting verb above the trigger ("a security source told
Reuters"), the object of "according to", or whoever a pronoun subject refers back to.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..region import Lexicon
from .charges import accused, judged, striven_for
from .hedges import (
    above_lemmas,
    hedge_on_subject,
    presupposed,
    requested,
    told_as_done,
)
from .irrealis import irrealis_frame
from .periods import comparison, dated, lasting_long, summed_over_a_period, trend
from .standing import (
    campaign,
    iterated,
    ongoing_undated,
    remembered,
    since_anchor,
    standing_practice,
    summed_up,
    years_before,
)
from .syntax import SUPPORT_VERBS

# Checked in this order: the first that applies names the modality.
# Clause words that tell an event as done before the clause they hang from.
DONE_MARKS = frozenset({"after", "since", "because"})
ORDER = ("negated", "denied", "hypothetical", "planned", "attempted", "speculated")
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
MODAL_AUX = frozenset({"may", "might", "could"})
CONDITIONAL_AUX = frozenset({"would", "should"})
# "Can kill", "often attack": what may or usually happens, not what happened.
GENERIC_AUX = frozenset({"can", "ca", "cannot"})
GENERIC_ADVERBS = frozenset(
    {"often", "usually", "typically", "generally", "sometimes", "frequently", "routinely"}
)
# "The first militia to enter the town": an ordinal names who did it, the infinitive is no aim.
ORDINAL_HEADS = frozenset({"first", "second", "third", "last", "latest", "only", "next"})
# Sentence ends that mark a finished sentence, as against a headline written in the present.
SENTENCE_ENDS = (".", "!", "?", '."', '!"', '?"', ".”")
# Verbs heading a clause (the simple present of a phrase-internal verb is a misparse).
CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "relcl", "advcl"})
# Verbs whose past is their present form ("set", "hit"): a plural subject makes the tagger
# read them as present; told in news, they are mostly past.
SAME_FORM_PAST = frozenset(
    {"set", "hit", "cut", "shut", "put", "burst", "spread", "cast", "beat", "let", "shed", "upset"}
)
# Words above a trigger that make it talk of what may have happened: "suspected of attacking",
# "believed to have fled", "rumours about stone pelting" (a rumour is no report).
SPECULATING_HEADS = frozenset({"suspect", "believe", "rumour", "rumor", "speculation", "hearsay"})
# Adjectives that put an event noun in the future ("an expected offensive", "an imminent
# assault", "the planned attack") or in the realm of the possible ("a possible attack").
PLANNED_MODIFIERS = frozenset(
    {"expected", "anticipated", "imminent", "looming", "impending", "upcoming", "planned",
     "proposed", "threatened", "prospective", "future"}
)  # fmt: skip
POSSIBLE_MODIFIERS = frozenset({"possible", "potential", "feared", "likely"})
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "its", "his", "her", "their"})


def _is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children
    )


def _clause_chain(trigger: Token, lexicon: Lexicon, limit: int = 6) -> list[Token]:
    """The trigger's ancestors up to (not including) the verb that reports it, or the clause
    it is told as done before ("vowed an investigation after seven people were murdered")."""
    chain: list[Token] = []
    below = trigger
    for token in list(trigger.ancestors)[:limit]:
        if token.lemma_ in lexicon.reporting_verbs and token.pos_ in ("VERB", "AUX"):
            break
        if _told_as_done(below):
            break
        chain.append(token)
        below = token
    return chain


def _told_as_done(clause: Token) -> bool:
    """A past clause after "after", "since" or "because": what happened before the clause
    above it, whatever that one plans, denies or supposes ("vowed to punish them after seven
    people were murdered" reports the murders); a relative clause in the simple past likewise
    ("vowed to punish the militants who killed five soldiers")."""
    return told_as_done(clause) or (
        clause.dep_ == "advcl"
        and clause.tag_ in ("VBD", "VBN")
        and any(c.dep_ == "mark" and c.lower_ in DONE_MARKS for c in clause.children)
    )


def _nearest_verb(trigger: Token) -> Token:
    """The trigger if a verb heads a clause; else the verb its phrase hangs from (a gerund
    read as a verb is still a noun: "killed in weeks of fighting")."""
    if trigger.pos_ in ("VERB", "AUX") and trigger.dep_ != "pobj":
        return trigger
    return next((t for t in trigger.ancestors if t.pos_ in ("VERB", "AUX")), trigger)


def modality_of(trigger: Token, lexicon: Lexicon) -> str:
    """One of the model's MODALITIES (except "reported", which attribution decides), the first
    of ``ORDER`` whose frame holds the trigger."""
    cues = lexicon.modality
    chain = _clause_chain(trigger, lexicon)
    if _negated(trigger, chain):
        return "negated"
    frame = irrealis_frame(trigger, chain, _nearest_verb(trigger))
    if frame is not None:
        return frame
    hedged = not presupposed(trigger)  # "denied a part in the bombing that killed 12"
    if hedged and any(lemma in cues.get("denied", ()) for lemma in above_lemmas(trigger)):
        return "denied"
    verb_aux = _aux(_nearest_verb(trigger))
    if trigger.dep_ == "xcomp":  # "would be allowed to arrest", "could try to capture"
        verb_aux |= _aux(trigger.head)
    # "is likely to", "is set to", "is expected to": the copula's adjective governs the clause
    chain = chain + [c for t in chain[:3] for c in t.children if c.dep_ == "acomp"]
    if _hypothetical(trigger, chain, verb_aux, cues):
        return "hypothetical"
    lemmas = [
        t.lemma_.lower()
        for t in _governing(trigger, chain)
        if not _causal(t) and not hedge_on_subject(t)  # "jets believed to be Russian bombed"
    ]
    if _planned(trigger, lemmas, verb_aux, cues) or requested(trigger, chain):
        return "planned"
    if _attempted(trigger, lemmas, cues):
        return "attempted"
    if _completes_noun(trigger, lexicon):
        return "hypothetical"
    # "suspected of", "believed to", "rumours about stone pelting": said, not known to happen
    speculating = SPECULATING_HEADS | set(cues.get("speculated", ()))  # "is likely to take"
    if verb_aux & MODAL_AUX or (hedged and any(lemma in speculating for lemma in lemmas[:3])):
        return "speculated"
    if accused(trigger):
        return "speculated"
    if _generic(trigger) or remembered(trigger) or since_anchor(trigger) or campaign(trigger):
        return "generic"
    return "asserted"


Cues = dict[str, tuple[str, ...]]  # the lexicon's modality cues, by modality


def _negated(trigger: Token, chain: list[Token]) -> bool:
    """A negation on the trigger, on a verb or noun that merely carries it ("did not launch an
    attack", "no order to pull out"), or on the verb it completes ("not allowed to arrest")."""
    return (
        _is_negated(trigger)
        or any(g.lemma_ in SUPPORT_VERBS and _is_negated(g) for g in chain[:2])
        or any(g.pos_ == "NOUN" and _is_negated(g) for g in chain[:2])
        or (trigger.dep_ == "xcomp" and _is_negated(trigger.head))
    )


def _hypothetical(trigger: Token, chain: list[Token], verb_aux: set[str], cues: Cues) -> bool:
    """A condition ("if", "unless", "would", "should"), "any" attack, a possible one, or a
    hypothetical cue near the trigger."""
    chain_lemmas = [t.lemma_.lower() for t in chain]
    marks = {c.lower_ for t in (trigger, *chain) for c in t.children if c.dep_ == "mark"}
    return bool(
        marks & {"if", "unless"}
        or verb_aux & CONDITIONAL_AUX
        or any(_aux(g) & CONDITIONAL_AUX for g in chain[:3] if g.pos_ in ("VERB", "AUX"))
        or any(c.dep_ == "det" and c.lower_ == "any" for c in trigger.children)
        or _modified_by(trigger, POSSIBLE_MODIFIERS)
        or any(lemma in cues.get("hypothetical", ()) for lemma in chain_lemmas[:3])
    )


def _planned(trigger: Token, lemmas: list[str], verb_aux: set[str], cues: Cues) -> bool:
    """The future, a planning verb above, or a plan the trigger completes ("the plan to deploy
    troops", "an ultimatum to withdraw")."""
    return bool(
        verb_aux & FUTURE_AUX
        or any(lemma in cues.get("planned", ()) for lemma in lemmas)
        or any(c.lemma_ in ("plan", "planned", "upcoming") for c in trigger.children)
        or _modified_by(trigger, PLANNED_MODIFIERS)
        or (trigger.dep_ == "acl" and trigger.head.lemma_.lower() in cues.get("planned", ()))
    )


def _attempted(trigger: Token, lemmas: list[str], cues: Cues) -> bool:
    """An attempting verb above ("tried to storm") or an attempt modifying the trigger ("an
    attempted raid"; not "foiled an attempt": the foiling happened).  A participle adjunct of
    an attempt tells what the attempt did ("tried to storm the station, killing a guard")."""
    tried = [] if _participle_of_deed(trigger) else lemmas
    return (
        any(lemma in cues.get("attempted", ()) for lemma in tried)
        or any(
            c.lemma_ in ("attempt", "attempted", "bid") and c.dep_ in ("amod", "compound")
            for c in trigger.children
        )
        or trigger.head.lemma_ in ("attempt", "bid")
        or striven_for(trigger)
    )


# Finite verb tags: a verb that tells a deed of its own, not an infinitive's complement.
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _governing(trigger: Token, chain: list[Token]) -> list[Token]:
    """The verbs of ``chain`` whose plan or attempt the trigger is part of.  A verb joined to
    the trigger by "and" tells a deed of its own, not one it governs: "foiled the smuggling and
    detained the driver", "tried to cross and were arrested" report a detention and an arrest.
    A finite verb the parse joined to an infinitive ("foiled an attempt to smuggle ... and
    detained the driver") is joined to the clause above the infinitive, so nothing up to that
    clause governs it either."""
    kept: list[Token] = []
    below = trigger
    skipping = below.dep_ == "conj" and below.tag_ in FINITE_VERB_TAGS and below.head.tag_ == "VB"
    for token in chain:
        joined = below.head == token and (below.dep_ == "conj" or _participle_of_deed(below))
        if skipping:
            skipping = token.tag_ not in FINITE_VERB_TAGS
        elif not joined:
            kept.append(token)
        below = token
    return kept


def _participle_of_deed(clause: Token) -> bool:
    """A participle adjunct telling what the doer did as it acted ("foiled the attack, killing
    five militants", "tried to storm the base, killing a guard"): the killing happened, whatever
    became of the attack."""
    return (
        clause.dep_ == "advcl"
        and clause.tag_ == "VBG"
        and not any(c.dep_ in ("mark", "aux") for c in clause.children)
    )


def group_modality(tokens: list[Token], lexicon: Lexicon) -> str:
    """The modality of an event told by several triggers (primary first): the primary's, but an
    attempt whose toll the sentence tells as done happened ("foiled an attack on the base,
    killing five militants": a fight, ACLED codes it as the clash it was)."""
    modality = modality_of(tokens[0], lexicon)
    if modality == "attempted" and any(
        t.lemma_.lower() in HARM_LEMMAS and modality_of(t, lexicon) == "asserted"
        for t in tokens[1:]
    ):
        return "asserted"
    return modality


# Verbs that tell a toll done: the harm that shows an attempted attack took place.
HARM_LEMMAS = frozenset({"kill", "wound", "injure", "murder", "slay", "execute"})


def _modified_by(trigger: Token, words: frozenset[str]) -> bool:
    """Whether a noun trigger has one of ``words`` as its adjective ("an expected offensive")."""
    return trigger.pos_ == "NOUN" and any(
        c.dep_ in ("amod", "compound") and c.lower_ in words for c in trigger.children
    )


def irrealis_noun(trigger: Token) -> bool:
    """An event noun its adjective puts in the future or the possible: it reports no event, so
    it neither leads nor joins the events the sentence does report ("mobilised fighters ahead
    of an expected offensive" is a mobilisation, not a battle)."""
    return _modified_by(trigger, PLANNED_MODIFIERS | POSSIBLE_MODIFIERS)


def _causal(token: Token) -> bool:
    """ "due to the bombardment": a cause, where "due to be expelled" is a schedule; the
    preposition "to" with a noun after it says which."""
    if token.lower_ != "due":
        return False
    to = [c for c in token.children if c.lower_ == "to" and c.dep_ in ("prep", "pcomp")]
    return bool(to) and any(c.dep_ == "pobj" for t in (token, *to) for c in t.children)


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _completes_noun(trigger: Token, lexicon: Lexicon) -> bool:
    """The trigger (or the verb carrying a noun trigger) is an infinitive completing a noun:
    "a way to protest", "calls to boycott", "their capacity to launch attacks", "the right to
    march".  The noun names an aim, a means or a power, not a deed.  Not when the noun is
    itself an event ("a march to protest the killing": the march happened) or an ordinal ("the
    first unit to withdraw")."""
    verb = trigger
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        if trigger.head.lemma_.lower() not in SUPPORT_VERBS:
            return False  # "calls to investigate the killing": the killing took place
        verb = trigger.head  # "capacity to launch attacks"
    if verb.pos_ != "VERB" or verb.dep_ not in ("acl", "relcl"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    if head.pos_ not in ("NOUN", "PROPN", "ADJ", "PRON") or head.lower_ in ORDINAL_HEADS:
        return False
    if any(c.lower_ in ORDINAL_HEADS for c in head.children):
        return False
    lemma = head.lemma_.lower()
    return not any(lemma in t.lemmas for t in lexicon.triggers)


def _generic(trigger: Token) -> bool:
    """A statement of what can or usually happens ("a dose that can kill", "smugglers often
    attack patrols"), or what a class of things does in the simple present ("the vehicles
    launch 155mm shells", "people due to be expelled are detained there"): no particular
    event.  A headline's present ("Rebels seize town", no closing stop) reports one."""
    verb = _nearest_verb(trigger)
    aux = _aux(verb)
    adverbs = {c.lower_ for c in verb.children if c.dep_ == "advmod"}
    return bool(
        aux & GENERIC_AUX
        or adverbs & GENERIC_ADVERBS
        or iterated(verb)
        or ongoing_undated(verb)
        or _simple_present(verb, trigger)
        or _purpose_of_present(verb, trigger)
        or _activity(trigger)
        or _kind_example(trigger)
        or summed_over_a_period(verb)
        or summed_up(verb, trigger)
        or standing_practice(verb, trigger)
        or years_before(verb)
        or (verb.dep_ == "acl" and _simple_present(_clause_verb(verb), trigger))
        or lasting_long(trigger)
        or trend(trigger)
        or comparison(trigger)
        or judged(trigger)
    )


def _kind_example(trigger: Token) -> bool:
    """A bare plural event noun listed as an example of a kind ("threats such as farmer-herder
    clashes and banditry"): a kind of event, not one that took place."""
    first = trigger
    while first.dep_ == "conj":
        first = first.head
    prep = first.head
    if trigger.tag_ != "NNS" or first.dep_ != "pobj" or prep.lower_ != "as":
        return False
    before = [prep.doc[prep.i - 1]] if prep.i > 0 else []
    if not any(t.lower_ == "such" for t in (*before, *prep.children)):
        return False
    return not any(
        c.dep_ in ("det", "nummod", "poss", "prep", "relcl", "acl") for c in trigger.children
    )


def _activity(trigger: Token) -> bool:
    """A bare plural event noun as the object of a gerund with no subject ("in organizing
    rallies", "by launching attacks"): an activity in general, no particular event."""
    head = trigger.head
    return (
        trigger.tag_ == "NNS"
        and trigger.dep_ == "dobj"
        and all(c.dep_ in ("cc", "conj") for c in trigger.children)
        and head.tag_ == "VBG"
        and head.dep_ in ("pcomp", "pobj", "csubj", "acl", "advcl")
        and not any(c.dep_ in ("nsubj", "aux") for c in head.children)
    )


def _simple_present(verb: Token, trigger: Token) -> bool:
    """``verb`` is in the simple present (active, or passive with "is"/"are") with a common
    noun for its subject, in a sentence that ends like prose, and with no date of its own.  Not
    when the subject is one event itself ("the attack is the third this month"); a bare plural
    is a kind ("drone strikes cause embarrassment")."""
    aux = _aux(verb)
    if verb.dep_ not in CLAUSE_DEPS:
        return False  # a verb parsed inside a phrase ("after gunmen attack on ...")
    if verb.tag_ in ("VBZ", "VBP"):
        # "assailants set fire to a school": a past the tagger cannot tell from the present
        present = not aux and verb.lower_ not in SAME_FORM_PAST
    elif verb.tag_ == "VB" and verb.dep_ == "conj":  # "look like tanks and launch shells"
        present = not aux and verb.head.tag_ in ("VBZ", "VBP") and not _aux(verb.head)
    else:
        present = verb.tag_ == "VBN" and bool(aux) and aux <= {"is", "are"}
    if not present or not verb.sent.text.rstrip().endswith(SENTENCE_ENDS):
        return False
    if any(dated(c) or _particular(c) for c in verb.children):
        return False  # "after gunmen attack on New Year Day", "kill 12 in Kabul": one event
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":  # "the vehicles look ... and launch shells"
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if trigger in subjects and any(c.dep_ in ("det", "poss") for c in trigger.children):
        return False  # "the attack is the third this month": one event, not a kind
    if any(
        s.tag_ == "NN" and not any(c.dep_ in ("det", "poss") for c in s.children) for s in subjects
    ):
        return False  # a bare singular subject is a headline's ("Suicide bomber kills 12.")
    return bool(subjects) and all(
        s.pos_ == "NOUN" and not any(c.dep_ == "nummod" for c in s.children) for s in subjects
    )


def _purpose_of_present(verb: Token, trigger: Token) -> bool:
    """A "to" infinitive telling what a class of things is for, in the simple present ("the
    militants use the villages as bases to launch attacks on the army"): a habit, no event."""
    return (
        verb.tag_ == "VB"
        and verb.dep_ == "advcl"  # not "continue to launch attacks": that goes on
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and _simple_present(_clause_verb(verb), trigger)
    )


def _clause_verb(verb: Token) -> Token:
    """The finite verb of the clause an infinitive hangs in ("use the orchards as cover to
    launch raids": "launch" hangs from "cover", itself from "use")."""
    head = verb.head
    # spaCy makes a new Token object on each access: compare positions, never identity
    while head.head.i != head.i and (head.pos_ not in ("VERB", "AUX") or head.tag_ == "VB"):
        head = head.head
    return head


def _particular(child: Token) -> bool:
    """An argument that makes an event particular: a count of people ("kills 12", "abduct two
    teachers"; not a measure such as "155mm shells") or a named place ("in Kabul", "the town of
    Kidal")."""
    if child.dep_ == "dobj" and (
        child.ent_type_ == "CARDINAL"
        or any(c.dep_ == "nummod" and c.ent_type_ in ("CARDINAL", "") for c in child.children)
    ):
        return True
    if child.dep_ not in ("prep", "dobj"):
        return False  # the place may be named in the object: "seize the town of Kidal"
    return any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in child.subtree)


def attribution_of(trigger: Token, sent: Span, lexicon: Lexicon) -> tuple[str | None, Span | None]:
    """Who the sentence says the information comes from, and the span that says it."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            nxt = token.doc[token.i + 1]
            objs = [c for c in nxt.children if c.dep_ == "pobj"]
            if nxt.lower_ == "to" and objs:
                phrase = _phrase(objs[0])
                return phrase.text, phrase
    roots = [t for t in sent if t.dep_ == "ROOT"]
    # "The crossing reopened on Tuesday, General Security said": a report verb set beside the
    # main clause (the parser's parataxis) says who told the main clause's event
    asides = [c for root in roots for c in root.children if c.dep_ == "parataxis"]
    for verb in [trigger, *trigger.ancestors, *roots, *asides]:
        if verb.lemma_ not in lexicon.reporting_verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        # the passive subject of a report is what was reported ("three deaths were reported"),
        # not who reports it; one who is quoted speaks ("he was quoted as saying")
        arcs = ("nsubj", "nsubjpass") if verb.lemma_ == "quote" else ("nsubj",)
        subjects = [c for c in verb.children if c.dep_ in arcs]
        if not subjects:
            continue
        source = _phrase(subjects[0])
        text = source.text
        if verb.lemma_ in ("tell", "quote"):
            objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            if objects:
                text = f"{text} {verb.text} {_phrase(objects[0]).text}"
        return text, source
    return None, None


def _phrase(token: Token) -> Span:
    """The noun phrase headed by ``token`` without trailing clauses."""
    words = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "punct") or t == token]
    start = min(t.i for t in words)
    end = token.i + 1
    for t in token.subtree:
        if t.i > token.i and t.dep_ in ("prep", "pobj", "compound", "flat", "appos", "amod"):
            end = max(end, t.i + 1)
        elif t.i > token.i:
            break
    return token.doc[start:end]


def is_pronoun(text: str) -> bool:
    return text.lower() in PRONOUNS or text.lower().startswith(("its ", "his ", "their "))
