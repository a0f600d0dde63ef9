"""Sense, not word: a trigger counts only when its arguments fit its event sense.

"Capture methane gas" is not a capture of territory, "storms rank among the costliest" is not an
assault, "the virus killed 30" is no killing by anyone, "the data demonstrate" is no protest.
Each trigger id may state selectional preferences in ``scope.yaml`` (``senses``): the classes its
subject, its object or its arguments must or must not belong to.  Classes are the cue word lists
of ``scope.yaml`` plus the lexicon's ``classes`` (territory, person, weapon...), and ``place``,
a place name the parse recognises.  Also here: :class:`Cues`, the matcher for those word lists.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from spacy.tokens import Token

from ..region import Lexicon
from ..resolve.actors import nationality
from .clause_roles import CAUSE_PREPS, phrase_heads, roles_of, shared_subjects
from .raising import raised_to

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Verbs that tell casualties: their object (or passive subject) is an event's victims when the
# event's trigger is their subject or the clause saying how they came about (extract.roles), or
# when they are joined to the attack word (extract.typing).
CASUALTY_VERBS = frozenset({"kill", "injure", "wound", "hurt", "maim", "die", "perish"})
# What a strike hit ("strikes on the town", "a strike against the convoy") and the verbs of
# what it did ("the strike killed four", "were killed in the strikes").
TARGET_PREPS = frozenset({"on", "against", "at", "targeting"})
TOLL_VERBS = frozenset({"kill", "injure", "wound", "die", "hit", "destroy", "damage", "target"})


# Nouns that count a plural event noun ("a series of strikes", "a wave of raids").
COUNTING_NOUNS = frozenset({"series", "wave", "round", "string", "spate", "barrage", "number"})


def _counted(token: Token) -> Token:
    """The counting noun a plural event noun hangs from ("a series of strikes": series), else
    the noun itself."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in COUNTING_NOUNS:
        return head.head
    return token


# Words that make those who act many ("dozens of prisoners", "a mass hunger strike").
MANY_WORDS = frozenset(
    {"dozen", "hundred", "thousand", "several", "many", "mass", "collective", "group", "scores"}
)


def by_many(token: Token) -> bool:
    """Whether a noun trigger is done by many: a plural subject of the verb that has it
    ("prisoners launched a hunger strike", "five detainees went on hunger strike") or a word of
    number on it ("a mass hunger strike").  A group's hunger strike is a protest (ACLED
    Peaceful protest); one person's refusal of food is none (issue 24)."""
    if any(c.lower_ in MANY_WORDS for c in token.children if c.dep_ in ("amod", "nummod")):
        return True
    verb = token.head
    while verb.dep_ == "prep" or (verb.pos_ == "ADP" and verb.head.i != verb.i):
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.tag_ in ("NNS", "NNPS") or s.lemma_.lower() in MANY_WORDS for s in subjects)


class Cues:
    """Word classes: lemma sets, plus phrases matched on a sentence's lemmas or text."""

    def __init__(self, lexicon: Lexicon) -> None:
        raw: dict[str, Any] = dict(lexicon.classes)
        for name, words in (lexicon.scope.get("cues") or {}).items():
            raw[name] = set(raw.get(name, ())) | {str(w).lower() for w in words}
        self.words: dict[str, frozenset[str]] = {}
        self.phrases: dict[str, tuple[str, ...]] = {}
        # word -> modifiers that take it out of its classes ("wedding party", "war crimes")
        self.exceptions: dict[str, frozenset[str]] = {
            str(w): frozenset(m) for w, m in (lexicon.scope.get("cue_exceptions") or {}).items()
        }
        for name, words in raw.items():
            self.words[name] = frozenset(w for w in words if " " not in w)
            # sorted: a set's order changes with each process's string hashing, and the first
            # phrase found is the one an explanation names
            self.phrases[name] = tuple(f" {w} " for w in sorted(words) if " " in w)

    def of_token(self, token: Token, name: str) -> bool:
        """Whether ``token`` (by lemma or form) is a word of class ``name``."""
        if name == "place":
            return token.ent_type_ in PLACE_LABELS or token.ent_id_.startswith("place:")
        if name == "actor":  # a named organisation or group ("drove ISIS out")
            return token.ent_type_ in ("ORG", "NORP") or token.ent_id_.startswith("actor:")
        words = self.words.get(name, frozenset())
        lower = token.lower_
        lemma = token.lemma_.lower()
        singular = lower[:-3] + "man" if lower.endswith("men") else lower  # "gunmen"
        if not (lemma in words or lower in words or singular in words):
            return False
        unless = self.exceptions.get(lemma) or self.exceptions.get(lower)
        return not unless or not any(
            c.lower_ in unless or c.lemma_.lower() in unless
            for c in token.children
            if c.dep_ in ("amod", "compound", "nmod")
        )

    def in_tokens(self, tokens: list[Token], name: str) -> bool:
        """Whether any of ``tokens`` (or a phrase of the class over them) is in class ``name``."""
        return self.find(tokens, name) is not None

    def in_words(self, words: list[str], name: str) -> bool:
        """Whether raw lower-case ``words`` (a sentence not parsed) hold a word of ``name``:
        each word as written, without a plural "s", or "-men" as "-man"."""
        known = self.words.get(name, frozenset())
        for word in words:
            word = word.strip(".,;:!?\"'()")
            singular = word[:-3] + "man" if word.endswith("men") else word.removesuffix("s")
            if word in known or singular in known:
                return True
        text = " " + " ".join(words) + " "
        return any(p in text for p in self.phrases.get(name, ()))

    def find(self, tokens: list[Token], name: str) -> str | None:
        """The first word or phrase of class ``name`` among ``tokens``, or None.

        Called for many classes over the same words (``scope``): each word's forms are read
        once, for the class's words and its phrases, and a word that is none of the class's
        forms is passed over before :meth:`of_token` reads its children."""
        phrases = self.phrases.get(name, ())
        forms: list[tuple[int, str, str]] = []  # (position, lemma, lower case)
        if name in ("place", "actor"):
            for token in tokens:
                if self.of_token(token, name):
                    return token.text
            forms = [(t.i, t.lemma_.lower(), t.lower_) for t in tokens] if phrases else []
        elif (words := self.words.get(name, frozenset())) or phrases:
            for token in tokens:
                lower, lemma = token.lower_, token.lemma_.lower()
                if (
                    lower in words
                    or lemma in words
                    or (lower.endswith("men") and lower[:-3] + "man" in words)
                ) and self.of_token(token, name):
                    return token.text
                forms.append((token.i, lemma, lower))
        if not phrases or not forms:
            return None
        forms.sort(key=itemgetter(0))
        lemmas = " " + " ".join(f[1] for f in forms) + " "
        text = " " + " ".join(f[2] for f in forms) + " "
        return next((p.strip() for p in phrases if p in lemmas or p in text), None)


DEFINITE = frozenset({"the", "this", "that", "these", "those"})


class Senses:
    """Checks a trigger's arguments against the selectional preferences of its sense."""

    def __init__(self, lexicon: Lexicon, cues: Cues) -> None:
        self.cues = cues
        self.table: dict[str, dict[str, Any]] = dict(lexicon.scope.get("senses") or {})
        self.frame_preps = cues.words.get("frame_preposition", frozenset())
        self.frame_nouns = cues.words.get("frame_noun", frozenset())

    def misfit(self, trigger_id: str, token: Token) -> str | None:
        """Why ``token`` is not in ``trigger_id``'s event sense, or None when it is."""
        if self.names_known_event(token):
            return f"'{token.head.text} {token.text}' points at a known event, reports none"
        sense = self.table.get(trigger_id)
        if not sense:
            return None
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in (sense.get("verb_not_passive") or ())
            and any(c.dep_ == "auxpass" for c in token.children)
        ):
            return f"passive '{token.text}' means receiving, not its event sense"
        pos_only = (sense.get("pos_only") or {}).get(token.lemma_.lower())
        if pos_only and token.pos_ not in pos_only:
            return f"'{token.lemma_}' as {token.pos_} is not its event sense"
        if sense.get("not_a_modifier") and token.dep_ == "compound":
            return f"'{token.text}' modifies '{token.head.text}': no event of its own"
        roles = roles_of(token)
        return (
            self._not_a_doer(token, sense.get("noun_as_doer_of"))
            or self._verb_object(sense, token)
            or self._striving(sense, token)
            or self._classes("object", roles.objects, sense.get("object_any"), must=True)
            or self._classes("object", roles.objects, sense.get("object_none"), must=False)
            or self._classes(
                "subject",
                self._without_weapon_kinds(shared_subjects(token, roles.subjects) + roles.causes),
                sense.get("subject_none"),
                must=False,
            )
            or self._doers(roles.subjects, sense.get("subject_any"))
            or self._modifiers(token, sense.get("modifier_none"))
            or (None if by_many(token) else self._modifiers(token, sense.get("modifier_alone")))
            or self._modified_by(token, sense.get("modifier_any"))
            or self._told_as_happening(token, sense.get("target_or_toll"))
            or self._of_object(token, sense.get("of_object_none"))
            or self._arguments(token, sense.get("arguments_any"))
            or self._governed(token, sense.get("governor_none"))
            or self._held_to(token, sense.get("held_to_none"))
            or self._state_told(token, sense.get("state_verbs_none"))
            or self._plain_verb(token, sense.get("no_particle"))
            or self._instrument(token, sense.get("instrument_any"))
        )

    def _without_weapon_kinds(self, tokens: tuple[Token, ...]) -> tuple[Token, ...]:
        """The doers less the words that only say what kind of weapon it was ("a car bomb", "a
        truck bomb killed five", "killed in a car bombing": the bomb killed, no car did)."""
        return tuple(
            t
            for t in tokens
            if not (
                t.dep_ == "compound"
                and any(self.cues.of_token(t.head, c) for c in ("weapon", "means_explosive"))
            )
        )

    @staticmethod
    def _plain_verb(token: Token, wanted: bool | None) -> str | None:
        """``no_particle``: a verb with a particle has another sense ("struck Iraq off the
        list", "struck down the ban", "struck up a partnership")."""
        if not wanted or token.pos_ != "VERB":
            return None
        particle = next((c for c in token.children if c.dep_ == "prt"), None)
        return f"'{token.text} {particle.text}' is a phrasal verb" if particle else None

    def _instrument(self, token: Token, classes: list[str] | None) -> str | None:
        """``instrument_any``: what the verb is done "with", when said, must be of ``classes``
        ("struck the town with missiles", not "struck Iran with sanctions"); it may hang on
        the verb or on its object."""
        if not classes or token.pos_ != "VERB":
            return None
        holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
        used = [
            g
            for holder in holders
            for prep in holder.children
            if prep.dep_ == "prep" and prep.lower_ == "with"
            for c in prep.children
            if c.dep_ == "pobj"
            for g in phrase_heads(c)
        ]
        if not used or any(self.cues.in_tokens(used, c) for c in classes):
            return None
        return f"done with '{used[0].text}', none of {', '.join(classes)}"

    @staticmethod
    def _state_told(token: Token, lemmas: list[str] | None) -> str | None:
        """``state_verbs_none``: a noun trigger as the subject of these verbs is told in its
        lasting state ("the ceasefire has largely held", "the truce remains"): one in place,
        not one reached now."""
        if not lemmas or token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "nsubj":
            return None
        if token.head.lemma_.lower() in lemmas:
            return f"'{token.text} ... {token.head.text}' tells the state of one in place"
        return None

    def names_known_event(self, token: Token) -> bool:
        """A bare definite event noun in a frame that points at an event ("responsible for the
        attack", "at the time of the attack", "amid the rallies"): with no actor, target, place
        or date of its own it names an event the reader already knows (told before, or known
        from elsewhere); it reports no new one."""
        if token.pos_ != "NOUN" or token.dep_ != "pobj":
            return False
        children = list(token.children)
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in children):
            return False
        if any(c.dep_ not in ("det", "punct", "cc", "conj") for c in children):
            return False  # "the attack on the base", "the 2016 attack": arguments of its own
        prep = token.head
        if prep.lower_ in self.frame_preps:
            return True
        return prep.lower_ == "of" and prep.head.lemma_.lower() in self.frame_nouns

    @staticmethod
    def _not_a_doer(token: Token, verbs: list[str] | None) -> str | None:
        """``noun_as_doer_of``: a noun trigger naming people (``protesters``) reports their
        event only as the subject of an active verb of ``verbs`` ("protesters blocked the
        road", not "police dispersed protesters", "protesters said" or "protesters dragged a
        tree off the road")."""
        if verbs is None:
            return None
        if token.dep_ == "appos":  # "thousands, demonstrators of the movement, marched"
            token = token.head
        if token.dep_ == "pobj" and token.head.lower_ == "of":  # "hundreds of protesters"
            token = token.head.head
        verb = raised_to(token)  # "protesters were said to have blocked the road"
        if verb is None:
            verb = token.head if token.dep_ == "nsubj" else None
        acting = (
            verb is not None
            and verb.pos_ == "VERB"
            and verb.lemma_.lower() in verbs
            and not any(c.dep_ in ("auxpass", "neg") for c in verb.children)
        )
        return None if acting else f"'{token.text}' is not the subject of an act of protest"

    def _verb_object(self, sense: dict[str, Any], token: Token) -> str | None:
        lemmas = sense.get("verb_needs_no_object") or ()
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in lemmas
            and any(c.dep_ in ("dobj", "ccomp", "nsubjpass", "auxpass") for c in token.children)
        ):
            return f"'{token.text}' with an object or clause means showing, not gathering"
        return None

    def _striving(self, sense: dict[str, Any], token: Token) -> str | None:
        """``verb_no_infinitive``: these verbs with a "to" infinitive strive for something
        ("fighting to save his life", "battled to contain the fire"); they name no fight unless
        armed men do it ("rebels fought to hold the town")."""
        lemmas = sense.get("verb_no_infinitive") or ()
        if token.pos_ != "VERB" or token.lemma_.lower() not in lemmas:
            return None
        if self.cues.in_tokens(list(roles_of(token).subjects), "armed"):
            return None
        for child in token.children:
            if child.dep_ in ("xcomp", "advcl") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children
            ):
                return f"'{token.text} to {child.text}' is striving, not fighting"
        return None

    def _classes(
        self, role: str, tokens: tuple[Token, ...], classes: list[str] | None, *, must: bool
    ) -> str | None:
        if not classes or not tokens or any(t.pos_ == "PRON" for t in tokens):
            return None  # "routed them": a pronoun's class is its antecedent's
        hit = [c for c in classes if self.cues.in_tokens(list(tokens), c)]
        if must and not hit:
            words = " ".join(t.text for t in tokens)
            return f"{role} '{words}' is none of {', '.join(classes)}"
        if not must and hit:
            return f"{role} is {hit[0]}"
        return None

    def _doers(self, subjects: tuple[Token, ...], classes: list[str] | None) -> str | None:
        """``subject_any``: who acts must be stated and be one of ``classes`` ("youths pulled
        down the fence" is a mob's act; "the council pulled down the fence", or no one named,
        is not).  A pronoun's class is its antecedent's, which the sentence does not show."""
        if not classes:
            return None
        if not subjects:
            return f"no one is named acting (needs {' or '.join(classes)})"
        return self._classes("subject", subjects, classes, must=True)

    def _modifiers(self, token: Token, words: list[str] | None) -> str | None:
        if not words:
            return None
        mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        for mod in mods:
            if mod.lemma_.lower() in words or mod.lower_ in words:
                return f"'{mod.text} {token.text}' is not armed fighting"
        return None

    def _modified_by(self, token: Token, classes: list[str] | None) -> str | None:
        """``modifier_any``: a noun trigger in its event sense only when a modifier (or its
        possessor) is one of ``classes`` ("Russian strikes", "coalition strikes", "the
        army's strike", not "a general strike" or "a strike by dockers")."""
        if not classes:
            return None
        mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
        mods += [g for m in mods for g in m.children if g.dep_ in ("npadvmod", "compound")]
        if any(self.cues.of_token(m, c) for m in mods for c in classes):
            return None
        if "actor" in classes and any(nationality(m.text) for m in mods):
            return None  # "Russian strikes", "US strikes": the state acted
        if self._carried_out_by(token, classes):
            return None  # "Israeli warplanes carried out (a series of) strikes"
        return f"'{token.text}' is not modified by {' or '.join(classes)}"

    def _carried_out_by(self, token: Token, classes: list[str]) -> bool:
        """Whether the noun is the object of a verb ("carried out a series of strikes") whose
        subject is of ``classes``, an air means or a nationality's ("Israeli warplanes")."""
        node = _counted(token)
        if node.dep_ != "dobj":
            return False
        subjects = [c for c in node.head.children if c.dep_ == "nsubj"]
        return any(
            self.cues.of_token(s, c) for s in subjects for c in [*classes, "means_air"]
        ) or any(nationality(m.text) for s in subjects for m in s.children if m.dep_ == "amod")

    def _told_as_happening(self, token: Token, wanted: bool | None) -> str | None:
        """``target_or_toll``: a noun trigger told as one happening, by what it hit ("strikes
        on the town") or what it did ("killed in Russian strikes", "the strike killed
        four"); "hundreds of strikes over the years" or "strikes drew criticism" tell none."""
        if not wanted or token.pos_ != "NOUN":
            return None
        head = token.head
        if any(
            c.dep_ == "prep" and c.lower_ in TARGET_PREPS
            for node in {token, _counted(token)}
            for c in node.children
        ):
            return None
        if token.dep_ == "nsubj" and head.lemma_.lower() in TOLL_VERBS:
            return None
        if token.dep_ == "pobj" and head.lower_ in CAUSE_PREPS and head.head.lemma_ in TOLL_VERBS:
            return None
        return f"'{token.text}' is told with no target or toll of its own"

    def _of_object(self, token: Token, classes: list[str] | None) -> str | None:
        """``of_object_none``: a noun trigger whose "of" object is one of ``classes`` has
        another sense ("a demonstration of military power" shows, it is no protest)."""
        if not classes or token.pos_ != "NOUN":
            return None
        of_what = [
            w
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for c in prep.children
            for w in (c, *c.children)
            if w.tag_ == "WP" and (w is c or c.dep_ == "pcomp")
        ]
        if of_what:  # "a shell of what it had been": a comparison, not the thing itself
            return f"'{token.text} of {of_what[0].text}' is a comparison"
        objects = [
            g
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for c in prep.children
            if c.dep_ == "pobj"
            for g in phrase_heads(c)
        ]
        return self._classes("'of' object", tuple(objects), classes, must=False)

    @staticmethod
    def _governed(token: Token, lemmas: list[str] | None) -> str | None:
        """``governor_none``: a noun trigger as what these words act on has another sense ("violated
        the ceasefire", "a breach of the truce", "ceasefire violations" tell the violence that
        broke an agreement, not one reached)."""
        if not lemmas or token.pos_ not in ("NOUN", "PROPN"):
            return None
        node = token
        while node.dep_ == "conj":
            node = node.head
        head = node.head
        if node.dep_ == "pobj" and head.lower_ == "of":
            head = head.head
        elif node.dep_ not in ("dobj", "nsubjpass", "compound"):
            return None
        if head.lemma_.lower() in lemmas:
            return f"'{head.text} ... {token.text}' tells what broke it, not its event sense"
        return None

    @staticmethod
    def _held_to(token: Token, lemmas: list[str] | None) -> str | None:
        """``held_to_none``: a noun trigger one is committed to, abides by or respects is one in
        place ("reiterated its commitment to the ceasefire agreement", "called on all sides to
        respect the truce"), not one reached now."""
        if not lemmas or token.pos_ not in ("NOUN", "PROPN"):
            return None
        node = token
        while node.dep_ in ("conj", "compound"):  # "the ceasefire agreement", "truces and deals"
            node = node.head
        if node.dep_ == "pobj" and node.head.lower_ in ("to", "with", "for", "by"):
            governor = node.head.head
        elif node.dep_ == "dobj":
            governor = node.head
        else:
            return None
        if governor.lemma_.lower() in lemmas:
            return f"'{governor.text} ... {token.text}' tells one in place, not one reached"
        return None

    def _arguments(self, token: Token, classes: list[str] | None) -> str | None:
        if not classes:
            return None
        # the whole sentence: who withdrew or was freed is often named a clause away ("the
        # army said it had sent reinforcements", "shepherds abducted by gunmen were freed")
        pool = list(token.sent)
        if any(self.cues.in_tokens(pool, c) for c in classes):
            return None
        return f"no argument is {' or '.join(classes)}"
