"""The evidence a scope rule weighs (:mod:`.scope`), read from the resolved actors, the
trigger's arguments in the parse, the sentence, the sentence before and the article.

Evidence names are the ones ``scope.yaml`` rules cite: who acts (an organised or state force, a
known armed group, one person alone), on whom (an armed target, a political target, a crime
suspect, migrants), why (a political, security, conflict or border matter), how many (a crowd,
collective violence, mass arrests) and where (a place named, the border zone).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from ..model import ActorRef, Mention
from ..region import Lexicon
from .clause_roles import phrase_tokens
from .deed_frames import of_the_found_dead
from .sense import Cues
from .suspicion import suspected_member

# ACLED inter codes: 1 state forces, 2 rebels, 3 political militias, 4 identity militias,
# 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
ORGANISED_INTER = frozenset({1, 2, 3, 4, 8})

CROWD_INTER = frozenset({5, 6})

# "Politically significant mass arrests": ACLED states no number; ten people or more detained or
# killed at once is our reading of "mass".
MASS_COUNT = 10

MASS_KEYS = ("arrested", "detained", "killed", "abducted")

# Triggers naming a gathering themselves.
GATHERING_NOUNS = frozenset(
    {"protest", "demonstration", "rally", "march", "sit-in", "strike", "riot"}
)

PRONOUN_SUBJECTS = frozenset({"it", "they", "he", "she", "we"})

# Words for fighting between sides: one armed side named beside them implies the other.
TWO_SIDED_WORDS = frozenset({"clash", "fighting", "battle", "firefight", "gunfight", "skirmish"})

# Non-state armed groups (rebels, political and identity militias): a named one's dead are
# casualties of the armed conflict it wages, whoever killed them.
NON_STATE_ARMED_INTER = frozenset({2, 3, 4})

# Prepositions that make the fighting they introduce the background of another event.
BACKGROUND_PREPS = frozenset({"amid", "amidst"})
# Nouns that name an attack with a bomb ("another bombing killed 50 civilians"): a weapon of
# war by their meaning, where a bare "explosion" may be a gas plant's.
BOMB_ATTACK_NOUNS = frozenset({"bombing"})
# The ACLED type of weapons of war used at a distance.
REMOTE_VIOLENCE = "Explosions/Remote violence"

# Nouns naming the one incident a toll belongs to ("were killed in the attack", "in the
# incident", "during the raid"): the GUIDE's bare toll of a specific attack.
INCIDENT_NOUNS = frozenset(
    {
        "attack",
        "incident",
        "operation",
        "raid",
        "assault",
        "bombing",
        "blast",
        "explosion",
        "strike",
        "airstrike",
        "shelling",
        "bombardment",
        "massacre",
        "ambush",
        "fighting",
        "clash",
        "battle",
        "offensive",
        "shooting",
    }
)
# Entity labels that tie a toll to a day or a place of its own ("on Sunday", "in Homs").
ANCHOR_ENTS = frozenset({"DATE", "GPE", "LOC", "FAC"})

# Cue classes anywhere in the sentence that are evidence of their own.
EVIDENCE_CUES = (
    ("conflict_talk", "conflict_talk"),
    ("political", "political"),
    ("security", "security"),
    ("captive", "captives"),
    ("border", "border_security"),
)

# Verbs whose subject is no party to the event reported beside them.
NON_ACTION_VERBS = frozenset(
    {"decline", "comment", "refuse", "respond", "investigate", "condemn", "urge", "call"}
)

STATE_WORDS = frozenset(
    {"army", "police", "policeman", "troop", "soldier", "military", "gendarme", "authority"}
)

# Border tags of the region's own business (our EVENT_CODING.md): an event carrying one is
# border-security business for the border rules.
BORDER_TAGS = frozenset(
    {
        "smuggling",
        "illegal_crossing",
        "infiltration",
        "handover",
        "border_closure",
        "border_opening",
    }
)

# Prepositions whose object a verb trigger acts on ("set fire to", "opened fire on", "shot at").
TARGET_PREPS = frozenset({"to", "on", "at", "against", "upon"})

# Modifiers that make one person an armed actor ("an armed man", "a masked man").
ARMED_MODIFIERS = frozenset({"armed", "masked", "unknown", "unidentified", "hooded"})

# A person's name as an article writes it: one to three capitalised words ("Aziz Orujov").
NAME = r"((?:[A-Z][\w'-]+ ){0,2}[A-Z][\w'-]+)"

# Words allowed between a name and the role it is given ("X, a prominent opposition activist").
ROLE_GAP = r"(?:an?|the)(?: [\w-]+){0,3}"


class EvidenceReader:
    """Reads the evidence names of ``scope.yaml`` for one mention."""

    def __init__(
        self, lexicon: Lexicon, cues: Cues, generic_actors: frozenset[str] = frozenset()
    ) -> None:
        """``generic_actors``: ids of the knowledge base's generic entries ("Fighters",
        "Militants"): a common noun resolved to one names no known group."""
        self.cues = cues
        self.generic_actors = generic_actors
        zone = lexicon.scope.get("border_zone") or {}
        self.border_zone = frozenset(
            (str(country).upper(), str(unit).lower())
            for country, units in zone.items()
            for unit in units
        )
        self.reporting = frozenset(lexicon.reporting_verbs)
        self.war_weapons: frozenset[str] = frozenset(
            t.trigger_id for t in lexicon.triggers if t.event_type == "Explosions/Remote violence"
        )
        roles = sorted(w for w in cues.words.get("political_target", ()) if w.isalpha())
        role = "(?:" + "|".join(roles) + ")s?"
        # "a journalist, Aziz Orujov", "activist Jane Doe"; "Aziz Orujov, a journalist"
        self._role_then_name = re.compile(rf"\b{role},? {NAME}")
        self._name_then_role = re.compile(rf"{NAME}, {ROLE_GAP} ?\b{role}\b")
        self._described: tuple[str, frozenset[str]] = ("", frozenset())

    def described(self, article: str) -> frozenset[str]:
        """The names the article gives a political role ("the journalist Aziz Orujov", "Jane
        Doe, an opposition activist"): arresting or attacking that person later in the article
        ("Police arrested Orujov") acts on a political target (Codebook: Arrests - politically
        significant individuals).  Each word of such a name is kept; cached for the article."""
        if self._described[0] != article:
            names: set[str] = set()
            for pattern in (self._role_then_name, self._name_then_role):
                for match in pattern.finditer(article):
                    names |= set(match.group(1).split())
            self._described = (article, frozenset(names))
        return self._described[1]

    def who_and_why(
        self, mention: Mention, trigger_id: str, token: Token, roles: Any, near: list[Token]
    ) -> frozenset[str]:
        """Evidence of who acts and on whom: a political target, a crime suspect acted on, one
        person acting alone, collective violence, and the border's own business in its zone."""
        cues = self.cues
        found: set[str] = set()
        acted_on = [t for o in roles.objects for t in phrase_tokens(o)]
        if token.pos_ == "NOUN":  # "the torching of the church", "the arrest of the journalist"
            acted_on += [t for t in roles.arguments if t.dep_ == "pobj"]
        else:  # "set fire to the synagogue", "opened fire on the church"
            acted_on += [
                t for t in roles.arguments if t.dep_ == "pobj" and t.head.lower_ in TARGET_PREPS
            ]
        if cues.in_tokens(acted_on, "political_target") or cues.in_tokens(
            list(roles.subjects) if no_agent(token) or token.dep_ == "nsubjpass" else [],
            "political_target",
        ):
            found.add("political_target")
        nouns = [t for t in acted_on + list(roles.causes) if t.pos_ in ("NOUN", "PROPN")]
        if cues.in_tokens(nouns, "suspect") and not cues.in_tokens(acted_on, "armed"):
            found.add("crime_suspect")
        if cues.in_tokens(acted_on, "migrant"):
            found.add("migrants_held")
        if suspected_member(token.sent.text):
            found.add("armed_target")  # "detained on suspicion of belonging to the IS group"
        if self._lone_doer(roles.subjects, token, mention):
            found.add("lone_individual")
        if cues.in_tokens(
            [token, *near], "collective_act"
        ):  # "riots", "were looted and set alight"
            found.add("collective")
        if cues.in_tokens(near, "communal_raid") and cues.in_tokens(near, "armed"):
            found.add("communal_raid")  # armed men raiding herds
        if BORDER_TAGS & set(mention.tags):
            found.add("border_tag")
        place = mention.place
        if place is not None and (place.country_code.upper(), (place.admin1 or "").lower()) in (
            self.border_zone
        ):
            found.add("border_zone")
        return frozenset(found)

    def _lone_doer(self, subjects: tuple[Token, ...], token: Token, mention: Mention) -> bool:
        """One person, named by a common noun, acts alone ("a man attacked officers", "the
        driver who rammed the car"), and no organised actor is resolved beside them."""
        if token.pos_ != "VERB":  # "a prisoner exchange": a noun's compound is no doer
            return False
        heads = list(subjects)
        if not heads and token.dep_ in ("xcomp", "advcl", "pcomp"):
            # "went on strike to protest", "barricaded himself before surrendering"
            verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token.head)
            heads = [c for c in verb.children if c.dep_ == "nsubj"]
        if token.dep_ == "relcl" and any(t.tag_ in ("WP", "WDT") for t in heads):
            heads = [token.head]  # "a man who attacked officers": the man, whoever else is named
        elif mention.actor1 is not None and inter(mention.actor1) in ORGANISED_INTER:
            return False
        people = [
            t
            for t in heads
            if t.pos_ == "NOUN"
            and t.tag_ == "NN"
            and self.cues.of_token(t, "individual")
            and not any(c.lower_ in ARMED_MODIFIERS for c in t.children)
        ]
        return bool(people) and len(people) == len(heads)

    def _armed_subject(self, token: Token, roles: Any) -> bool:
        """Whether the trigger's own subject, agent or possessor is an armed or state force, or
        the force it moves ("troops deployed", "a police sweep", "reinforcements were sent"),
        not only a force named elsewhere in the sentence.  A pronoun subject is the speaker
        above it ("the army said it had deployed")."""
        heads = [t for t in roles.subjects + roles.objects if t.pos_ != "PRON"]
        if token.dep_ == "relcl":  # "the unit, which is deployed in the city"
            heads.append(token.head)
        # "much of the army", "9 columns of the army": the force is inside the phrase
        subjects = [t for h in heads for t in phrase_tokens(h)]
        if any(t.lower_ in PRONOUN_SUBJECTS for t in roles.subjects):
            subjects += [
                c
                for head in token.ancestors
                if head.lemma_.lower() in self.reporting
                for c in head.children
                if c.dep_ == "nsubj"
            ]
        return self.cues.in_tokens(subjects, "armed") or any(
            t.lemma_.lower() in STATE_WORDS for t in subjects
        )

    def before(self, text: str) -> frozenset[str]:
        """Evidence an agentless event takes from the sentence before it; none where that
        sentence names a crime (a murder trial's "alleged gunmen" are no armed group)."""
        words = text.lower().replace("-", " ").split()
        if self.cues.in_words(words, "crime"):
            return frozenset()  # "...are on trial for murder. The victim was killed...": a case
        found = set()
        for name, evidence in (("armed", "organised_actor"), ("security", "security")):
            if self.cues.in_words(words, name):
                found.add(evidence)
        if STATE_WORDS & {w.rstrip("s") for w in words}:
            found.add("state_actor")
        return frozenset(found)

    @staticmethod
    def _typed_by_weapon(mention: Mention, tokens: list[Token], cues: Cues) -> bool:
        """A killing typed by the weapon of war it names ("killed by rockets fired from across
        the border", "killed by a landmine"), not by a bare "explosion" (a gas plant's)."""
        if mention.event_type != REMOTE_VIOLENCE:
            return False
        return (
            mention.sub_event_type != "Remote explosive/landmine/IED"
            or cues.in_tokens(tokens, "weapon")
            or any(t.lemma_.lower() in BOMB_ATTACK_NOUNS for t in tokens)
        )

    def evidence(
        self, mention: Mention, trigger_id: str, token: Token, tokens: list[Token], roles: Any
    ) -> frozenset[str]:
        cues = self.cues
        actors = [a for a in (mention.actor1, mention.actor2, mention.assoc_actor_1) if a]
        objects = list(roles.objects)
        found = self._doers(mention, token, tokens, roles) | self._targets(mention, token, objects)
        if (
            mention.place is not None
            or cues.in_tokens(list(roles.arguments), "place")
            or any(specified(o) for o in roles.objects)
        ):
            found.add("place_named")
        if any(inter(a) == 1 for a in actors) or any(
            t.lemma_.lower() in STATE_WORDS for t in tokens
        ):
            found.add("state_actor")
        if any(inter(a) in CROWD_INTER for a in actors) or cues.in_tokens(tokens, "crowd"):
            found.add("crowd")
        # the doer is unknown (a victim named as the passive subject does not name one)
        doers = [a for a in (mention.actor1, mention.assoc_actor_1) if a]
        if not any(a.inter is not None for a in doers) and no_agent(token):
            found.add("unknown_perpetrator")
        if token.lemma_.lower() in GATHERING_NOUNS and token.pos_ == "NOUN":
            found.add("gathering_noun")
        for name, evidence in EVIDENCE_CUES:
            if cues.in_tokens(tokens, name):
                found.add(evidence)
        if cues.in_tokens([t for o in objects for t in phrase_tokens(o)], "weapon"):
            found.add("weapons")
        if any(mention.counts.get(k, 0) >= MASS_COUNT for k in MASS_KEYS):
            found.add("mass")
        if _names_truce(token, roles):
            found.add("truce")
        if trigger_id in self.war_weapons or self._typed_by_weapon(mention, tokens, cues):
            found.add("war_weapon")
        background = token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS
        if not background and any(t.lemma_.lower() in TWO_SIDED_WORDS for t in tokens):
            found.add("two_sided")  # not "a grenade exploded amid clashes": the clash is its frame
        if "mass" in found and any(t.lemma_.lower() == "civilian" for t in tokens):
            found.add("civilian_toll")
        if specific_toll(mention, token, tokens):
            found.add("specific_toll")
        if cues.in_tokens(list(roles.objects), "territory") or cues.in_tokens(
            list(roles.objects), "place"
        ):
            found.add("place_taken")
        return frozenset(found)

    def _doers(self, mention: Mention, token: Token, tokens: list[Token], roles: Any) -> set[str]:
        """Evidence of who acts: an organised actor, a named group, an armed subject."""
        found: set[str] = set()
        doers = [a for a in (mention.actor1, mention.assoc_actor_1) if a]
        organised = any(inter(a) in ORGANISED_INTER for a in doers)
        if any(
            inter(a) in ORGANISED_INTER and a.actor_id and a.actor_id not in self.generic_actors
            for a in doers
        ):
            found.add("known_actor")  # a named group, not "a bus full of fighters"
        if organised or self.cues.in_tokens(tokens, "armed"):
            found.add("organised_actor")
        if organised or self._armed_subject(token, roles):
            found.add("armed_doer")
        return found

    def _targets(self, mention: Mention, token: Token, objects: list[Any]) -> set[str]:
        """Evidence of whom it is done to: an armed group, by name or not."""
        found: set[str] = set()
        target = mention.actor2
        named = target is not None and target.actor_id not in (None, *self.generic_actors)
        if named and inter(target) in NON_STATE_ARMED_INTER:
            found.add("known_armed_target")  # "20 ISIS jihadis were killed"
        if inter(target) in ORGANISED_INTER or self.cues.in_tokens(objects, "armed"):
            found.add("armed_target")
        return found


# A halt to fighting: agreed or declared, it is between armed sides by its nature (the ACLED
# codebook's Agreement names ceasefires first), whoever the sentence names as its parties.
TRUCE_WORDS = frozenset({"ceasefire", "cease-fire", "truce", "armistice"})


def _names_truce(token: Token, roles: Any) -> bool:
    """Whether the event is a ceasefire or truce: the trigger names one as what a clause tells
    of ("a truce took effect", "declared a ceasefire"; not "a violation of the ceasefire", which
    names one in place), or what is agreed to is one ("agreed to a ceasefire")."""
    if token.pos_ == "NOUN" and token.dep_ not in ("nsubj", "nsubjpass", "dobj", "ROOT"):
        return False
    words = [token, *roles.objects, *(t for t in roles.arguments if t.dep_ == "pobj")]
    text = {t.lemma_.lower() for w in words for t in phrase_tokens(w)} | {token.lemma_.lower()}
    if token.i + 2 < len(token.doc) and token.doc[token.i + 1].text == "-":
        text.add(f"{token.lower_}-{token.doc[token.i + 2].lower_}")  # "cease-fire"
    # "a peace agreement", "signed a peace accord": peace is made between warring sides
    peace = any(c.lemma_.lower() == "peace" for w in words for c in w.children)
    return bool(text & TRUCE_WORDS) or peace


def acts_on_named(token: Token, roles: Any, names: frozenset[str]) -> bool:
    """Whether the trigger acts on a person by a name in ``names`` ("arrested Orujov")."""
    if not names:
        return False
    acted_on = list(roles.objects)
    if token.pos_ == "NOUN":
        acted_on += [t for t in roles.arguments if t.dep_ == "pobj"]
    return any(t.pos_ == "PROPN" and t.text in names for o in acted_on for t in phrase_tokens(o))


def own_tokens(sent: Span, excluded: list[Span], reporting: frozenset[str]) -> list[Token]:
    """The sentence's tokens less the source ("police said") and whoever only speaks or declines
    to ("Toronto police declined to comment"): their words are no evidence about the event."""
    skip = {t.i for s in excluded for t in s}
    for token in sent:
        if token.lemma_.lower() in reporting or token.lemma_.lower() in NON_ACTION_VERBS:
            arcs = ("nsubj",) if _raising(token) else ("nsubj", "nsubjpass")
            for child in token.children:
                if child.dep_ in arcs:
                    skip |= {t.i for t in child.subtree}
    return [t for t in sent if t.i not in skip]


def _raising(verb: Token) -> bool:
    """A passive of saying with a "to" infinitive ("gunmen are said to have shot dead a
    councillor"): its subject is the doer of the infinitive, not a source."""
    return any(c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children
    )


def clause_ancestors(token: Token, reporting: frozenset[str], limit: int = 4) -> list[Token]:
    """The heads above a trigger up to the verb that reports it, with their own arguments
    ("charged with assault", "a sale of artillery", "the capacity to launch attacks")."""
    found: list[Token] = []
    for head in list(token.ancestors)[:limit]:
        if head.lemma_.lower() in reporting:
            break
        found.append(head)
        found += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "compound")]
    return found


def specified(token: Token) -> bool:
    """What was acted on says which one ("the border with Syria", "the Masnaa crossing", "the
    city's entry points"), not merely whose ("its borders")."""
    return any(
        c.dep_ in ("prep", "compound", "amod", "nmod", "nummod")
        or c.dep_ == "poss"
        and c.pos_ != "PRON"
        for c in token.children
    )


def no_agent(token: Token) -> bool:
    """A passive trigger without a "by" agent ("three men were arrested"), or a noun trigger
    with no one named as doing it: who did it is not said in this sentence."""
    children = {c.dep_ for c in token.children}
    if token.pos_ == "NOUN":
        return not children & {"poss", "compound", "prep"}
    return "auxpass" in children and "agent" not in children


def _killed_unnamed(token: Token) -> bool:
    """A passive "killed" with no agent, or the dead whose bodies are told with no killer
    ("the bodies of 12 men shot dead were found")."""
    if token.pos_ != "VERB" or any(c.dep_ == "agent" for c in token.children):
        return False
    lemma = token.lemma_.lower()
    if lemma == "kill" and no_agent(token):
        return True
    shot_dead = lemma == "shoot" and any(c.lower_ == "dead" for c in token.children)
    return (lemma in ("kill", "execute") or shot_dead) and of_the_found_dead(token)


def specific_toll(mention: Mention, token: Token, tokens: list[Token]) -> bool:
    """The toll of one specific incident, its killer not named ("At least 7 civilians were
    killed and dozens injured", "One woman was killed in the incident on Sunday", "They were
    all killed in the attack"): the GUIDE codes it as an event, and ACLED codes tolls of
    unnamed attackers as attacks by an unidentified armed group.  A passive killing with no
    agent that names the incident it belongs to, or that counts its dead and says when or
    where, or calls them civilians (a word for the unarmed in armed conflict); a summary over
    a period ("300 fighters were killed this year") has no day and no incident, and a running
    total is told in the perfect ("have been killed")."""
    if not _killed_unnamed(token):
        return False
    if any(
        g.dep_ == "pobj" and g.lemma_.lower() in INCIDENT_NOUNS
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in ("in", "during")
        for g in c.children
    ):
        return True
    # the present perfect sums up ("have been killed"); the past perfect of a clause tells one
    # incident before another ("the bodies of men who had been shot dead were found")
    running = any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ != "VBD" for c in token.children
    )
    if mention.counts.get("killed", 0) < 1 or running:
        return False  # "have been killed in Syria's war": a running total, no incident
    if any(t.lemma_.lower() == "civilian" for t in tokens):
        return True
    day = mention.date is not None and mention.date.precision == 1
    return any(t.ent_type_ in ANCHOR_ENTS for t in tokens) and (day or mention.place is not None)


def inter(actor: ActorRef | None) -> int | None:
    return actor.inter if actor is not None else None
