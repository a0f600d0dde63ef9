"""Find event triggers: a word-form prefilter on raw sentences, then lemma matching on parses.

The prefilter decides which sentences are worth parsing at all (most sentences of a news article
hold no event), so it must never drop a sentence the matcher would find a trigger in: it knows
every inflection of every trigger word (regular rules plus the lemmatizer's own exceptions),
asks for every word of a phrase, and for triggers that need a companion word ("exchange" needs
"prisoners", "reopen" needs "border") asks for one of those too.  It may keep a sentence the
parse then rejects (a verb used as a noun, a phrase whose words are far apart), never the
reverse; a test checks this on every evaluation corpus.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..region import Lexicon, Trigger
from .deed_frames import of_the_found_dead, out_of_frame
from .munitions import after_quantity, fired_munition

ARTICLES = frozenset({"a", "an", "the"})
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_VOWELS = frozenset("aeiou")
# Prefixes English builds verbs with from irregular ones ("retake", "overrun", "withdraw"): the
# lemmatizer's exception table lists the base's forms ("took") but seldom the prefixed ones, so
# "retook" stays its own lemma unless read as prefix + "took".
VERB_PREFIXES = ("re", "over", "out", "under", "with", "up")


def irregular_forms(nlp: Language) -> dict[str, set[str]] | None:
    """lemma -> its irregular forms ("fight" -> "fought", "man" -> "men"), read from the
    exception table of the pipeline's rule lemmatizer, so the prefilter knows exactly the forms
    the lemmatizer knows.  None when the pipeline has no such table (the prefilter then accepts
    every sentence rather than guess)."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return None
    forms: dict[str, set[str]] = defaultdict(set)
    table = lookups.get_table("lemma_exc")
    for pos in ("noun", "verb", "adj", "adv"):
        for form, lemmas in (table.get(pos) or {}).items():
            for lemma in lemmas:
                forms[lemma.lower()].add(form.lower())
    return dict(forms)


def inflections(word: str, irregular: dict[str, set[str]] | None = None) -> set[str]:
    """Every form of ``word`` a lemmatizer could map back to it (over-generating is harmless:
    "shelling", "shelled", "shells"; "rally" -> "rallies", "rallied"; "swap" -> "swapped"),
    plus its ``irregular`` forms ("fought")."""
    word = word.lower()
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "es"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS:
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing", word + word[-1] + "es"}
    forms.update((irregular or {}).get(word, ()))
    for prefix in VERB_PREFIXES:  # "retake" -> "retook", "retaken"
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            forms.update(prefix + form for form in (irregular or {}).get(word[len(prefix) :], ()))
    return forms


def prefixed_forms(lemmas: set[str], irregular: dict[str, set[str]] | None) -> dict[str, str]:
    """form -> lemma for the irregular forms of prefixed verbs among ``lemmas`` ("retook" ->
    "retake", from "take" -> "took"), which the lemmatizer leaves as they are."""
    found: dict[str, str] = {}
    for lemma in lemmas:
        for prefix in VERB_PREFIXES:
            base = lemma[len(prefix) :] if lemma.startswith(prefix) else ""
            for form in (irregular or {}).get(base, ()) if len(base) > 2 else ():
                found.setdefault(prefix + form, lemma)
    return found


def sentence_words(text: str) -> set[str]:
    """The lower-cased words of ``text``, hyphenated compounds both whole and in parts."""
    words: set[str] = set()
    for match in _WORD.finditer(text.lower()):
        word = match.group(0)
        words.add(word)
        if "-" in word or "'" in word:
            words.update(re.split(r"[-']", word))
    return words


@dataclass(frozen=True)
class _Cue:
    """One way a trigger can appear: all of ``words`` (each any of its forms) present, and,
    when the trigger requires a companion, one of ``companions``."""

    words: tuple[frozenset[str], ...]
    companions: frozenset[str] | None
    # every form of every word of the trigger: "the swap" refers back to an "exchange" told
    kin: frozenset[str] = frozenset()


class Prefilter:
    """Says from the raw text of a sentence whether it can hold a trigger.  ``irregular`` is
    :func:`irregular_forms` of the pipeline that parses the accepted sentences; None makes the
    prefilter accept everything."""

    def __init__(self, lexicon: Lexicon, irregular: dict[str, set[str]] | None) -> None:
        self._accept_all = irregular is None

        def forms(word: str) -> frozenset[str]:
            return frozenset(inflections(word, irregular))

        self._by_word: dict[str, list[_Cue]] = defaultdict(list)
        for trigger in lexicon.triggers:
            companions = (
                frozenset().union(*(forms(w) for w in trigger.requires_any))
                if trigger.requires_any
                else None
            )
            entries: list[tuple[str, ...]] = [(lemma,) for lemma in trigger.lemmas]
            entries += [
                tuple(w for w in phrase.split() if w.isalpha() and w not in ARTICLES)
                for phrase in trigger.phrases
            ]
            for words in entries:
                kin = frozenset().union(*(forms(w) for w in trigger.lemmas))
                cue = _Cue(tuple(forms(w) for w in words), companions, kin)
                for form in cue.words[0]:
                    self._by_word[form].append(cue)

    def accepts(self, text: str, story: Callable[[], list[set[str]]] | None = None) -> bool:
        """Whether ``text`` may hold a trigger.  ``story`` gives the words of each sentence
        before it: a trigger word after "the" or "this" may find its companion in one that
        names the same happening ("agreed to exchange prisoners ... The exchange took place at
        the crossing")."""
        if self._accept_all:
            return True
        words = sentence_words(text)
        definite: set[str] | None = None
        for word in words:
            for cue in self._by_word.get(word, ()):
                if not all(forms & words for forms in cue.words[1:]):
                    continue
                if cue.companions is None or cue.companions & words:
                    return True
                if story is not None and len(cue.words) == 1:
                    definite = definite_words(text) if definite is None else definite
                    if word in definite and told_with(cue.kin, cue.companions, story()):
                        return True
        return False


def told_with(forms: frozenset[str], companions: frozenset[str], story: list[set[str]]) -> bool:
    """Whether a sentence of the story holds one of ``forms`` with one of ``companions``."""
    return any(forms & words and companions & words for words in story)


def definite_words(text: str) -> set[str]:
    """The lower-cased words right after a definite determiner ("the exchange", "this swap"):
    a word that refers back to something the story has told."""
    return {m.group(1) for m in _DEFINITE.finditer(text.lower())}


_DEFINITE = re.compile(r"\b(?:the|this|that)\s+([^\W\d_]+)")
# Determiners by which a noun refers back to what the story has told ("the exchange").
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})


class TriggerMatcher:
    """Finds trigger words and phrases in a parsed sentence by lemma (or, for words the
    lemmatizer leaves alone, by lower-case form) and part of speech; phrases match lemma by
    lemma with any article optional where the phrase has one ("reach (an) understanding").
    Dictionary lookups per token: far cheaper than a token-pattern ``Matcher`` here."""

    def __init__(self, lexicon: Lexicon, irregular: dict[str, set[str]] | None = None) -> None:
        self._words: dict[str, list[Trigger]] = defaultdict(list)
        self._phrases: dict[str, list[tuple[Trigger, tuple[str, ...]]]] = defaultdict(list)
        for trigger in lexicon.triggers:
            for lemma in trigger.lemmas:
                if trigger not in self._words[lemma]:
                    self._words[lemma].append(trigger)
            for phrase in trigger.phrases:
                words = tuple(phrase.split())
                self._phrases[words[0]].append((trigger, words[1:]))
        # every form of a noun trigger ("protesters" -> "protester"), to read a capitalised
        # one the tagger took for a name
        self._noun_forms = {
            form: lemma
            for trigger in lexicon.triggers
            if "NOUN" in trigger.pos
            for lemma in trigger.lemmas
            for form in inflections(lemma)
            if form.isalpha()
        }
        # weapon words, whose kind a capitalised first word names ("Mortar rounds"); not
        # other trigger nouns ("Attack helicopters", "Raid teams" name no deed)
        self._weapon_nouns = frozenset(
            lemma
            for trigger in lexicon.triggers
            if "NOUN" in trigger.pos and trigger.event_type == "Explosions/Remote violence"
            for lemma in trigger.lemmas
        )
        verbs = {lemma for t in lexicon.triggers if "VERB" in t.pos for lemma in t.lemmas}
        self._prefixed = prefixed_forms(verbs, irregular)

    def __call__(self, doc: Doc) -> list[tuple[Trigger, int, int]]:
        """(trigger, start, end) for every match, in text order."""
        found: list[tuple[Trigger, int, int]] = []
        for token in doc:
            self._common_noun(token)
            if token.lemma_ == token.lower_ and token.lower_ in self._prefixed:
                token.lemma_ = self._prefixed[token.lower_]  # "retook": "retake"
            seen: list[Trigger] = []
            for key in dict.fromkeys((token.lemma_, token.lower_)):
                for trigger in self._words.get(key, ()):
                    if trigger not in seen and token.pos_ in trigger.pos:
                        seen.append(trigger)
                        found.append((trigger, token.i, token.i + 1))
            for trigger, rest in self._phrases.get(token.lemma_, ()):
                end = _match_rest(doc, token.i + 1, rest)
                if end is not None:
                    found.append((trigger, token.i, end))
        return found

    def _common_noun(self, token: Token) -> None:
        """A plural noun trigger capitalised only by its place ("8 p.m. Protesters are
        throwing...", "Protesters blocked the road") that the tagger took for a name (a
        singular one is often a name: "Shell said", "March was calm"): tagged and lemmatised
        back as the common noun it is, for the matcher and for everything that reads the
        parse after it.  Not a word inside a longer named entity or in the middle of a
        sentence, where capitals name something ("the Protesters' Union")."""
        doc = token.doc
        in_name = token.ent_iob_ == "I" or (
            token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I"
        )
        if token.pos_ != "PROPN" or in_name or not token.is_title:
            return
        before = doc[token.i - 1] if token.i > token.sent.start else None
        if before is not None and before.is_alpha:
            return
        lemma = self._noun_forms.get(token.lower_)
        # a singular one modifying a common noun is its kind ("Mortar rounds were fired",
        # "Rocket fire hit the town"), no name: a name would head its own phrase or be an entity
        kind_of = (
            token.dep_ == "compound"
            and token.head.pos_ == "NOUN"
            and token.ent_iob_ == "O"
            and token.lower_ in self._weapon_nouns
        )
        if lemma is not None and (lemma != token.lower_ or kind_of):  # "March", "Shell": names
            token.pos_ = "NOUN"
            token.tag_ = "NN" if lemma == token.lower_ else "NNS"
            token.lemma_ = lemma


def _match_rest(doc: Doc, i: int, words: tuple[str, ...]) -> int | None:
    """Where the rest of a phrase ends if ``words`` follow from token ``i``, else None.  A
    quantity may stand between a verb and its object ("dropped dozens of barrel bombs",
    "fired two rockets"): the phrase still names the act."""
    for word in words:
        if word in ARTICLES:
            if i < len(doc) and doc[i].lower_ in ARTICLES:
                i += 1
                while i + 1 < len(doc) and doc[i].pos_ == "ADJ" and doc[i + 1].pos_ != "ADP":
                    i += 1  # "opened a new base", "signed a landmark accord"
            continue
        if 0 < i < len(doc) and doc[i - 1].pos_ in ("VERB", "AUX") and doc[i].lemma_ != word:
            i = after_quantity(doc, i)  # not "handed over two districts": "over" is the phrase's
        if i >= len(doc) or doc[i].lemma_ != word:
            return None
        i += 1
    return i


@dataclass(frozen=True)
class TriggerMatch:
    trigger: Trigger
    span: Span

    @property
    def head(self) -> int:
        """Index of the span's syntactic head token in its doc."""
        return self.span.root.i


def _figurative(token: Token, lexicon: Lexicon, span: Span | None = None) -> bool:
    """A violent word used of something abstract ("fighting crime", "the battle against
    smuggling") does not report an event.  Words of the trigger phrase itself are no object
    ("opened fire": the fire is part of the phrase)."""
    for child in token.children:
        if span is not None and span.start <= child.i < span.end:
            continue
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in lexicon.abstract_objects:
            return True
        if child.dep_ == "prep" and child.lower_ in ("against", "on"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and objects[0].lemma_.lower() in lexicon.abstract_objects:
                return True
    return False


# Nouns that make a weapon compound before them the means of an attack ("a rocket attack", "a
# nerve agent attack", "a mortar strike"), not a weapon named as a thing ("grenade launchers").
# Prepositions by which a weapon word is what caused an outcome ("were destroyed under the
# bombardment", "amid the shelling"), never what a verb of having or destroying acts on.
CAUSE_PREPOSITIONS = frozenset({"under", "amid", "during"})
WEAPON_ATTACK_HEADS = frozenset(
    {"attack", "strike", "barrage", "explosion", "blast", "bombing", "fire"}  # "mortar fire"
)


def _not_an_event(token: Token, trigger: Trigger, lexicon: Lexicon) -> bool:
    """Trigger words that name no event of their own here:
    - a participle describing a noun ("detainees arrested over their role", "the occupied
      city");
    - a weapon named as a thing ("grenade launchers", "seized rockets"), unless it names
      the means of an attack ("a rocket attack");
    - a non-lethal crowd-control munition ("stun grenades", "smoke grenades");
    - a verb of finding or destroying whose object is no weapon ("found the bodies");
    - a verb of establishing whose object is no base or unit ("built a school");
    - a state one is taken into, not taken into here ("died in custody");
    - a habitual plural ("repeated raids", "occasional ambushes");
    - a word that is a deed only in one frame, outside it ("came under fire for his remarks",
      "took the floor": :mod:`.deed_frames`)."""
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.sent.root.pos_ in ("VERB", "AUX"):
        # a clause the parser hung on a noun keeps its own subject or auxiliaries ("said in
        # a statement that seven people had been arrested"): an event, not a description
        if of_the_found_dead(token):
            return False
        return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)
    if token.dep_ == "amod" and token.tag_ == "VBN":
        return True  # "the occupied city", "a captured soldier": a state, not an event
    if trigger.event_type == "Explosions/Remote violence" and token.pos_ in ("NOUN", "PROPN"):
        nonlethal = lexicon.classes.get("nonlethal", frozenset())
        if any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in nonlethal for c in token.children
        ):
            return True
        hyphenated = token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-"
        names_attack = token.head.lemma_.lower() in WEAPON_ATTACK_HEADS or fired_munition(token)
        if (token.dep_ == "compound" and not names_attack) or hyphenated:
            return True  # "grenade launchers", "rocket-propelled"; not "a nerve agent attack"
        heads = [token.head, token.head.head]
        if token.dep_ == "pobj" and token.head.lower_ in CAUSE_PREPOSITIONS:
            heads = []  # "destroyed under the bombardment": the cause, not the thing had
        held = any(_possessing(h, lexicon) for h in heads) or _possessing(
            _governing_verb(token), lexicon
        )
        if held and token.dep_ not in ("nsubj", "csubj"):
            return True  # "seized rockets"; not "a rocket destroyed the house"
    if token.lemma_.lower() in INTO_NOUNS and not (
        token.dep_ == "pobj" and token.head.lower_ == "into"
    ):
        return True  # "died in custody", "custody battle": no one taken into it here
    weapons = lexicon.classes.get("weapon", frozenset())
    if trigger.kind == "disrupt" and not _acts_on(token, weapons):
        return True  # "found the bodies", "destroyed the houses": no weapon disrupted
    established = lexicon.classes.get("base_site", frozenset()) | lexicon.classes.get(
        "armed_unit", frozenset()
    )
    if trigger.kind == "establish" and not _acts_on(token, established):
        return True  # "built a school", "established contact": no base or unit established
    habitual = lexicon.habitual_modifiers
    return token.tag_ == "NNS" and any(
        c.dep_ == "amod" and (c.lower_ in habitual or c.lemma_.lower() in habitual)
        for c in token.children
    )


# Participles by which a thing holds weapons ("a car packed with explosives"), like "caches
# containing arms".
LADEN = frozenset({"pack", "packed", "load", "loaded", "rig", "rigged", "laden", "fill", "stuff"})
# Nouns of a state that name an event only as where someone is taken ("took him into custody").
INTO_NOUNS = frozenset({"custody"})
# Arcs a weapon noun climbs to the verb that has it: a list ("rifles and grenades"), a
# quantity ("dozens of grenades", "a cache of rockets").
_LIST_ARCS = frozenset({"conj", "appos", "pobj", "prep"})


def _governing_verb(token: Token) -> Token:
    """The verb of which ``token``, through lists and quantities, is the object ("captured
    dozens of rifles and grenades" -> "captured"); ``token`` itself when it is no object."""
    node = token
    for _ in range(6):
        if node.dep_ not in _LIST_ARCS or node.head.i == node.i:
            break
        node = node.head
    if node.dep_ in ("dobj", "nsubjpass") and node.head.pos_ == "VERB":
        return node.head
    return token


def _acts_on(token: Token, words: frozenset[str]) -> bool:
    """Whether what ``token`` acts on (its object or passive subject: "dozens of rockets",
    "caches of arms") has a word of ``words``, or nothing is named ("the drone was
    intercepted" names it; "intercepted over the sea" does not)."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects:
        return True
    return any(t.lemma_.lower() in words for obj in objects for t in _object_words(obj))


def _object_words(token: Token, depth: int = 0) -> list[Token]:
    """A noun phrase's head, its modifiers, what "of" names and what is listed with it ("two
    caches of arms and ammunition"); not where it was ("the bodies near the bomb crater")."""
    found = [token]
    if depth > 4:
        return found
    for child in token.children:
        holding = child.dep_ == "acl" and (child.tag_ == "VBG" or child.lemma_ in LADEN)
        if child.dep_ in ("compound", "amod", "nmod", "conj", "appos", "dobj") or holding:
            found += _object_words(child, depth + 1)
        elif child.dep_ == "prep" and (child.lower_ == "of" or token.lemma_ in LADEN):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found += _object_words(obj, depth + 1)
    return found


def _possessing(verb: Token, lexicon: Lexicon) -> bool:
    """A verb of having or finding ("carried rockets"), not a phrasal verb built on one
    ("carried out an air strike", "held off the attack"): a particle changes the sense."""
    return (
        verb.pos_ == "VERB"
        and verb.lemma_ in lexicon.possession_verbs
        and not any(c.dep_ == "prt" for c in verb.children)
    )


def find_triggers(
    doc: Doc,
    matcher: TriggerMatcher,
    lexicon: Lexicon,
    keep: Callable[[TriggerMatch], bool] | None = None,
    story: Callable[[], list[set[str]]] | None = None,
) -> list[TriggerMatch]:
    """Trigger matches in ``doc``: overlapping matches resolved to the longest, then the most
    important; triggers whose ``requires_any`` words are absent from the sentence dropped.
    ``keep`` (a trigger's sense check) runs before overlaps are resolved, so that a word whose
    arguments do not fit one trigger's sense can still be another's ("jets destroyed the
    depot" is an air strike; "rebels destroyed the houses" is destruction).  ``story``: the
    words of the sentences before, where a definite noun may find its companion."""
    lemmas = {t.lemma_.lower() for t in doc}
    found: list[TriggerMatch] = []
    for trigger, start, end in matcher(doc):
        root = doc[start:end].root
        lacking = trigger.requires_any and not lemmas.intersection(trigger.requires_any)
        if lacking and not _companion_told_before(root, trigger, story):
            continue
        if trigger.kind == "attack" and _figurative(root, lexicon, doc[start:end]):
            continue
        if out_of_frame(doc[start:end], trigger, lexicon) or _not_an_event(root, trigger, lexicon):
            continue
        if fired_munition(root) and root.head.i == end:
            end += 1  # "mortar rounds": the rounds are what was fired, whose firer is the actor
        match = TriggerMatch(trigger, doc[start:end])
        if keep is None or keep(match):
            found.append(match)
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


def _companion_told_before(
    root: Token, trigger: Trigger, story: Callable[[], list[set[str]]] | None
) -> bool:
    """A definite noun whose word the story told before with its companion ("Both sides agreed
    to exchange prisoners. The exchange took place at the crossing"): the noun refers back to
    the happening those words named, in the sense they gave it (not "the telephone exchange"
    of a story that named prisoners elsewhere)."""
    if root.pos_ != "NOUN" or story is None or root.dep_ in ("compound", "amod", "nmod"):
        return False  # "the exchange rate" names no exchange
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
        return False  # "the exchange of views": the sentence says what was exchanged
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in root.children):
        return False
    companions = frozenset().union(*(inflections(w) for w in trigger.requires_any))
    kin = frozenset().union(*(inflections(w) for w in trigger.lemmas))
    return told_with(kin, companions, story())
