"""Modality (did it happen?) and attribution (who says so?) of a trigger.

Modality comes from the trigger's own modifiers and the verbs that govern it: a negation on the
trigger or on a verb that merely carries it ("did not launch an attack"), a denying, attempting
or planning verb above it, a conditional clause, a modal auxiliary.  A negation on a verb with a
meaning of its own ("is not coordinating the assault") negates that verb, not the assault.

Attribution is the subject of a reporting verb above the trigger ("a security source told
Reuters"), the object of "according to", or whoever a pronoun subject refers back to.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..region import Lexicon
from .syntax import SUPPORT_VERBS

# Checked in this order: the first that applies names the modality.
ORDER = ("negated", "denied", "hypothetical", "planned", "attempted", "speculated")
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
MODAL_AUX = frozenset({"may", "might", "could"})
CONDITIONAL_AUX = frozenset({"would", "should"})
# "Can kill", "often attack": what may or usually happens, not what happened.
GENERIC_AUX = frozenset({"can", "ca", "cannot"})
GENERIC_ADVERBS = frozenset(
    {"often", "usually", "typically", "generally", "sometimes", "frequently", "routinely"}
)
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "its", "his", "her", "their"})


def _is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children
    )


def _clause_chain(trigger: Token, lexicon: Lexicon, limit: int = 6) -> list[Token]:
    """The trigger's ancestors up to (not including) the verb that reports it."""
    chain: list[Token] = []
    for token in list(trigger.ancestors)[:limit]:
        if token.lemma_ in lexicon.reporting_verbs and token.pos_ in ("VERB", "AUX"):
            break
        chain.append(token)
    return chain


def _nearest_verb(trigger: Token) -> Token:
    if trigger.pos_ in ("VERB", "AUX"):
        return trigger
    return next((t for t in trigger.ancestors if t.pos_ in ("VERB", "AUX")), trigger)


def modality_of(trigger: Token, lexicon: Lexicon) -> str:
    """One of the model's MODALITIES (except "reported", which attribution decides)."""
    cues = lexicon.modality
    chain = _clause_chain(trigger, lexicon)
    if (
        _is_negated(trigger)
        or any(g.lemma_ in SUPPORT_VERBS and _is_negated(g) for g in chain[:2])
        or any(g.pos_ == "NOUN" and _is_negated(g) for g in chain[:2])  # "no order to pull out"
        or trigger.dep_ == "xcomp"
        and _is_negated(trigger.head)  # "not allowed to arrest"
    ):
        return "negated"
    above = [t.lemma_.lower() for t in list(trigger.ancestors)[:4]]
    if any(lemma in cues.get("denied", ()) for lemma in above):
        return "denied"
    verb_aux = {c.lower_ for c in _nearest_verb(trigger).children if c.dep_ in ("aux", "auxpass")}
    if trigger.dep_ == "xcomp":  # "would be allowed to arrest", "could try to capture"
        verb_aux |= {c.lower_ for c in trigger.head.children if c.dep_ in ("aux", "auxpass")}
    chain_lemmas = [t.lemma_.lower() for t in chain]
    marks = {c.lower_ for t in (trigger, *chain) for c in t.children if c.dep_ == "mark"}
    if (
        marks & {"if", "unless"}
        or verb_aux & CONDITIONAL_AUX
        or any(c.dep_ == "det" and c.lower_ == "any" for c in trigger.children)
        or any(lemma in cues.get("hypothetical", ()) for lemma in chain_lemmas[:3])
    ):
        return "hypothetical"
    lemmas = [t.lemma_.lower() for t in chain]
    if (
        verb_aux & FUTURE_AUX
        or any(lemma in cues.get("planned", ()) for lemma in lemmas)
        or any(c.lemma_ in ("plan", "planned", "upcoming") for c in trigger.children)
        or trigger.dep_ == "acl"  # "the plan to deploy troops", "an ultimatum to withdraw"
        and trigger.head.lemma_.lower() in cues.get("planned", ())
    ):
        return "planned"
    if (
        any(lemma in cues.get("attempted", ()) for lemma in lemmas)
        or any(c.lemma_ in ("attempt", "attempted", "bid") for c in trigger.children)
        or trigger.head.lemma_ in ("attempt", "bid")
    ):
        return "attempted"
    if verb_aux & MODAL_AUX or any(lemma in ("suspect", "believe") for lemma in lemmas[:2]):
        return "speculated"
    if _generic(trigger):
        return "generic"
    return "asserted"


def _generic(trigger: Token) -> bool:
    """A statement of what can or usually happens ("a dose that can kill", "smugglers often
    attack patrols"): no particular event."""
    verb = _nearest_verb(trigger)
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    adverbs = {c.lower_ for c in verb.children if c.dep_ == "advmod"}
    return bool(aux & GENERIC_AUX or adverbs & GENERIC_ADVERBS)


def attribution_of(trigger: Token, sent: Span, lexicon: Lexicon) -> tuple[str | None, Span | None]:
    """Who the sentence says the information comes from, and the span that says it."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            nxt = token.doc[token.i + 1]
            objs = [c for c in nxt.children if c.dep_ == "pobj"]
            if nxt.lower_ == "to" and objs:
                phrase = _phrase(objs[0])
                return phrase.text, phrase
    for verb in [trigger, *trigger.ancestors, *[t for t in sent if t.dep_ == "ROOT"]]:
        if verb.lemma_ not in lexicon.reporting_verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
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
