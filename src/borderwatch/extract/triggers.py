"""Find event triggers: a cheap regex prefilter on raw sentences, then lemma matching on parses.

The prefilter decides which sentences are worth parsing at all (most sentences of a news article
hold no event), so it must never miss a trigger: it matches the start of every lemma and phrase
word, which over-matches inflections ("clash" finds "clashes", "clashed") and irregular forms
listed below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ..region import Lexicon, Trigger

# Irregular inflections the stem prefilter would miss.
IRREGULAR_FORMS = {
    "fight": ["fought"],
    "shoot": ["shot"],
    "take": ["took", "taken"],
    "seize": ["seiz"],
    "hold": ["held"],
    "bring": ["brought"],
    "meet": ["met"],
    "flee": ["fled"],
    "free": ["freed"],
    "slay": ["slain", "slew"],
    "leave": ["left"],
    "set": ["set"],
    "die": ["died", "dying"],
    "overrun": ["overran"],
    "retake": ["retook", "retaken"],
    "withdraw": ["withdrew", "withdrawn"],
    "drive": ["drove", "driven"],
    "strike": ["struck"],
    "lead": ["led"],
    "break": ["broke", "broken"],
    "shut": ["shut"],
    "swap": ["swapped"],
    "rout": ["routed"],
}


@dataclass(frozen=True)
class TriggerMatch:
    trigger: Trigger
    span: Span

    @property
    def head(self) -> int:
        """Index of the span's syntactic head token in its doc."""
        return self.span.root.i


def _stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def prefilter_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """A regex that matches any sentence that could hold a trigger."""
    stems: set[str] = set()
    for trigger in lexicon.triggers:
        for lemma in trigger.lemmas:
            stems.add(_stem(lemma))
            stems.update(IRREGULAR_FORMS.get(lemma, ()))
        for phrase in trigger.phrases:
            first = phrase.split()[0]
            stems.add(_stem(first))
            stems.update(IRREGULAR_FORMS.get(first, ()))
    alternatives = "|".join(sorted((re.escape(s) for s in stems), key=len, reverse=True))
    return re.compile(r"\b(?:" + alternatives + r")", re.I)


def build_matcher(nlp: Language, lexicon: Lexicon) -> Matcher:
    """A spaCy Matcher with one rule per trigger id (lemmas and phrases)."""
    matcher = Matcher(nlp.vocab)
    for trigger in lexicon.triggers:
        patterns: list[list[dict[str, object]]] = []
        if trigger.lemmas:
            patterns.append(
                [{"LEMMA": {"IN": list(trigger.lemmas)}, "POS": {"IN": list(trigger.pos)}}]
            )
            patterns.append(
                [{"LOWER": {"IN": list(trigger.lemmas)}, "POS": {"IN": list(trigger.pos)}}]
            )
        for phrase in trigger.phrases:
            words = phrase.split()
            pattern: list[dict[str, object]] = [{"LEMMA": words[0]}]
            for word in words[1:]:
                if word in ("a", "an", "the"):
                    pattern.append({"LOWER": {"IN": ["a", "an", "the"]}, "OP": "?"})
                else:
                    pattern.append({"LEMMA": word})
            patterns.append(pattern)
        matcher.add(trigger.trigger_id, patterns)
    return matcher


def _figurative(token: Token, lexicon: Lexicon) -> bool:
    """A violent word used of something abstract ("fighting crime", "the battle against
    smuggling") does not report an event."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in lexicon.abstract_objects:
            return True
        if child.dep_ == "prep" and child.lower_ in ("against", "on"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and objects[0].lemma_.lower() in lexicon.abstract_objects:
                return True
    return False


def _not_an_event(token: Token, trigger: Trigger, lexicon: Lexicon) -> bool:
    """Trigger words that name no event of their own here:
    - a participle describing a noun ("detainees arrested over their role");
    - a weapon named as a thing ("grenade launchers", "seized rockets");
    - a habitual plural ("repeated raids", "occasional ambushes")."""
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.sent.root.pos_ in ("VERB", "AUX"):
        return True
    if trigger.event_type == "Explosions/Remote violence" and token.pos_ in ("NOUN", "PROPN"):
        hyphenated = token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-"
        if token.dep_ == "compound" or hyphenated:  # "grenade launchers", "rocket-propelled"
            return True
        heads = [token.head, token.head.head]
        if any(h.pos_ == "VERB" and h.lemma_ in lexicon.possession_verbs for h in heads):
            return True
    habitual = lexicon.habitual_modifiers
    return token.tag_ == "NNS" and any(
        c.dep_ == "amod" and (c.lower_ in habitual or c.lemma_.lower() in habitual)
        for c in token.children
    )


def find_triggers(doc: Doc, matcher: Matcher, lexicon: Lexicon) -> list[TriggerMatch]:
    """Trigger matches in ``doc``: overlapping matches resolved to the longest, then the most
    important; triggers whose ``requires_any`` words are absent from the sentence dropped."""
    by_id = {t.trigger_id: t for t in lexicon.triggers}
    lemmas = {t.lemma_.lower() for t in doc}
    found: list[TriggerMatch] = []
    for match_id, start, end in matcher(doc):
        trigger = by_id[doc.vocab.strings[match_id]]
        if trigger.requires_any and not lemmas.intersection(trigger.requires_any):
            continue
        root = doc[start:end].root
        if trigger.kind == "attack" and _figurative(root, lexicon):
            continue
        if _not_an_event(root, trigger, lexicon):
            continue
        found.append(TriggerMatch(trigger, doc[start:end]))
    found.sort(key=lambda m: (-(m.span.end - m.span.start), -m.trigger.priority, m.span.start))
    taken: set[int] = set()
    kept: list[TriggerMatch] = []
    for match in found:
        tokens = set(range(match.span.start, match.span.end))
        if tokens & taken:
            continue
        taken |= tokens
        kept.append(match)
    return sorted(kept, key=lambda m: m.span.start)
