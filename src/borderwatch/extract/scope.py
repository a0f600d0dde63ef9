"""ACLED's scope: is this event one ACLED would code, and on what grounds?

Each event type has a rule in ``scope.yaml`` naming the codebook rule it implements, the evidence
it needs (groups of evidence names, each group satisfied by any one) and the topics that put it
out of scope (disasters, disease, drugs, accidents, sports, business, ordinary crime, courts,
rhetoric).  The evidence is read from the resolved actors (their ACLED inter codes), the trigger's
arguments in the parse, and the sentence.  A topic among the trigger's own arguments puts the event
out; a topic elsewhere in the sentence only when nothing admits it.

Scope is decided by who acts and why, not by the word: an organised armed or political actor on
one side, a political target or motive, or collective violence (a crowd, a mob) admits; police
action against a crime suspect or a lone individual, accidents, disasters and figures of speech do
not, whatever the trigger (``out_if`` evidence in ``scope.yaml``).

Beside ACLED's scope stands Borderwatch's own (``scope: border`` rules): in the region's border
zone, smuggling stopped, crossings closed, people handed over at the border are events even where
ACLED's rules set them aside.  Each admitted event says which scope admitted it
(``Mention.scope``: "acled" or "border").

The verdict says why: which rule admitted the event and on what evidence, or why it is out of
scope.  An event out of scope is kept as unconfirmed (modality ``out_of_scope``), never exported
by default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from ..model import ActorRef, Mention
from ..region import Lexicon
from .sense import Cues, phrase_tokens, roles_of

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
# Evidence that outweighs an out-of-scope topic named elsewhere in the sentence: an armed actor
# the knowledge base knows acting, a political target or motive, mass arrests.  An armed-sounding
# word alone ("fighter", "forces") does not ("UFC fighter", "market forces"); nor does a border
# word: smuggled drugs seized at a border are drug crime for ACLED, and the border zone's own
# business for Borderwatch's border rules.
STRONG_EVIDENCE = frozenset({"known_actor", "political", "mass", "conflict_talk"})
# A weapon of war named as the trigger ("a nerve agent attack", "an air strike") outweighs talk
# named elsewhere in the sentence ("The decision is the latest move in the fallout from the nerve
# agent attack"): the rhetoric word is about another clause.  Other topics still count, and
# rhetoric among the trigger's own arguments still puts the event out.
TALK_TOPIC = "rhetoric"
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
# Penn tags of finite verbs (and modals): a sentence without one is a fragment.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
STATE_WORDS = frozenset(
    {"army", "police", "policeman", "troop", "soldier", "military", "gendarme", "authority"}
)
# Evidence that keeps an ``out_if`` finding (a crime suspect, a lone individual) from putting an
# event out: a political target or motive, an armed group the knowledge base knows, a border
# matter ("soldiers shot a smuggler at the border"), an armed word among those acted on.
OUT_IF_OVERRIDES = frozenset(
    {"political", "political_target", "known_actor", "border_security", "known_armed_target"}
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
# Topics of a charge or a case: named beside a political word among the trigger's own arguments
# ("in connection with cases of rioting", "charged with sedition") the offence is political,
# and the arrest or attack no ordinary crime (Codebook: Arrests).
LEGAL_TOPICS = frozenset({"crime", "justice"})
# Migrants held are migration control whoever holds them and wherever (a border is where it
# happens, not a reason to code it): only a political target or motive, or armed men among those
# held, makes it ACLED's.  In the border zone the border rules take it.
MIGRATION_OVERRIDES = frozenset(
    {"political", "political_target", "known_armed_target", "armed_target"}
)
# What each ``out_if`` finding says in the verdict.
OUT_IF_REASONS = {
    "crime_suspect": "a crime suspect acted on",
    "lone_individual": "one person acting",
    "migrants_held": "migrants held: migration control",
}
# Prepositions whose object a verb trigger acts on ("set fire to", "opened fire on", "shot at").
TARGET_PREPS = frozenset({"to", "on", "at", "against", "upon"})
# Modifiers that make one person an armed actor ("an armed man", "a masked man").
ARMED_MODIFIERS = frozenset({"armed", "masked", "unknown", "unidentified", "hooded"})
ACLED_SCOPE, BORDER_SCOPE = "acled", "border"
# A person's name as an article writes it: one to three capitalised words ("Aziz Orujov").
NAME = r"((?:[A-Z][\w'-]+ ){0,2}[A-Z][\w'-]+)"
# Words allowed between a name and the role it is given ("X, a prominent opposition activist").
ROLE_GAP = r"(?:an?|the)(?: [\w-]+){0,3}"


@dataclass(frozen=True)
class Rule:
    rule_id: str
    types: frozenset[str]
    triggers: frozenset[str]
    unless: frozenset[str]
    context: bool
    needs: tuple[frozenset[str], ...]
    out: tuple[str, ...]
    codebook: str
    out_if: frozenset[str] = frozenset()
    scope: str = ACLED_SCOPE
    whole_objects: bool = False


@dataclass(frozen=True)
class Verdict:
    """Whether an event is in scope, which scope ("acled" or "border"), and why in words."""

    admitted: bool
    rule: str
    reason: str
    evidence: frozenset[str] = frozenset()
    scope: str = ACLED_SCOPE


def _rules(raw: list[dict[str, Any]]) -> tuple[Rule, ...]:
    rules: dict[str, Rule] = {}
    for r in raw:
        rules[str(r["id"])] = Rule(
            rule_id=str(r["id"]),
            types=frozenset(str(t) for t in r.get("types") or ()),
            triggers=frozenset(str(t) for t in r.get("triggers") or ()),
            unless=frozenset(str(e) for e in r.get("unless") or ()),
            context=bool(r.get("context", True)),
            needs=tuple(frozenset(str(e) for e in group) for group in r.get("needs") or ()),
            out=tuple(str(c) for c in r.get("out") or ()),
            codebook=str(r.get("codebook", "")),
            out_if=frozenset(str(e) for e in r.get("out_if") or ()),
            scope=str(r.get("scope") or ACLED_SCOPE),
            whole_objects=bool(r.get("whole_objects", False)),
        )
    return tuple(rules.values())


class ScopeJudge:
    """Applies the scope rules of ``scope.yaml`` to an extracted mention."""

    def __init__(
        self, lexicon: Lexicon, cues: Cues, generic_actors: frozenset[str] = frozenset()
    ) -> None:
        """``generic_actors``: ids of the knowledge base's generic entries ("Fighters",
        "Militants"): a common noun resolved to one names no known group."""
        self.cues = cues
        self.generic_actors = generic_actors
        rules = _rules(list(lexicon.scope.get("rules") or ()))
        self.rules = tuple(r for r in rules if r.scope == ACLED_SCOPE)
        self.border_rules = tuple(r for r in rules if r.scope != ACLED_SCOPE)
        zone = lexicon.scope.get("border_zone") or {}
        self.border_zone = frozenset(
            (str(country).upper(), str(unit).lower())
            for country, units in zone.items()
            for unit in units
        )
        self.reporting = frozenset(lexicon.reporting_verbs)
        self.war_weapons = frozenset(
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

    def rule_for(self, mention: Mention, trigger_id: str = "") -> Rule | None:
        """The rule for the trigger, else the mention's sub-event type, else its event type."""
        by_trigger = [r for r in self.rules if trigger_id in r.triggers]
        if by_trigger:
            return by_trigger[0]
        by_sub = [r for r in self.rules if mention.sub_event_type in r.types]
        by_type = [r for r in self.rules if mention.event_type in r.types]
        found = by_sub or by_type
        return found[0] if found else None

    def judge(
        self,
        mention: Mention,
        trigger_id: str,
        token: Token,
        sent: Span,
        excluded: list[Span],
        context: tuple[bool, str] = (False, ""),
        article: str = "",
    ) -> Verdict:
        """``context``: whether an event was admitted a few sentences before, and the text of
        the sentence before (an agentless "three men were arrested" takes its agent from it);
        ``article``: the article's text, where people are given their roles."""
        rule = self.rule_for(mention, trigger_id)
        if rule is None:
            return Verdict(True, "", "no scope rule for this type")
        if _fragment(token, sent):
            return Verdict(False, rule.rule_id, "a fragment: no clause states who, where or when")
        roles = roles_of(token)
        if any(t.lower_ in PRONOUN_SUBJECTS for t in roles.subjects):
            excluded = []  # "the army said it had seized...": the speaker is the actor
        tokens = _own_tokens(sent, excluded, self.reporting)
        near = list(roles.arguments) + list(roles.subjects) + list(roles.causes)
        near += _clause_ancestors(token, self.reporting)
        evidence = self._evidence(mention, trigger_id, token, tokens, roles)
        evidence |= self._who_and_why(mention, trigger_id, token, roles, near)
        if article and _acts_on_named(token, roles, self.described(article)):
            evidence |= {"political_target"}
        if context[1] and _no_agent(token):
            evidence |= self._before(context[1])
        if rule.whole_objects:  # "a truck loaded with smuggled hashish": the goods' clause
            near += [t for o in roles.objects for t in o.subtree]
        verdict = self._apply(rule, evidence, tokens, near, token, context[0])
        if verdict.admitted:
            return verdict
        for border in self.border_rules:
            alt = self._apply(border, evidence, tokens, near, token, False)
            if alt.admitted:
                return Verdict(True, alt.rule, alt.reason, evidence, border.scope)
        return verdict

    def _apply(
        self,
        rule: Rule,
        evidence: frozenset[str],
        tokens: list[Token],
        near: list[Token],
        token: Token,
        recent: bool,
    ) -> Verdict:
        """One rule's verdict on the evidence: topics among the trigger's own arguments, then
        who and why (``out_if``), then the evidence the rule needs."""
        found = rule.out_if & evidence
        if "migrants_held" in found and not evidence & MIGRATION_OVERRIDES:
            return Verdict(
                False, rule.rule_id, f"out of scope: {OUT_IF_REASONS['migrants_held']}", evidence
            )
        found -= {"migrants_held"}
        if found and not evidence & OUT_IF_OVERRIDES:
            reason = OUT_IF_REASONS[sorted(found)[0]]
            return Verdict(False, rule.rule_id, f"out of scope: {reason}", evidence)
        topics = () if rule.unless & evidence else rule.out
        political_offence = self.cues.find(near, "political") is not None
        for topic in topics:
            if topic in LEGAL_TOPICS and political_offence:
                continue  # "arrested for the offence of rioting", "charged with sedition"
            word = self.cues.find(near, topic)
            if word is not None:
                return Verdict(False, rule.rule_id, f"out of scope: {topic} ('{word}')", evidence)
        missing = [group for group in rule.needs if not group & evidence]
        if missing and recent and rule.context and not _bare_reference(token):
            return Verdict(
                True, rule.rule_id, "context: continues an event admitted just before", evidence
            )
        if not missing:
            for topic in topics:
                word = self.cues.find(tokens, topic)
                if topic == TALK_TOPIC and "war_weapon" in evidence:
                    continue
                if word is not None and not evidence & STRONG_EVIDENCE:
                    return Verdict(
                        False, rule.rule_id, f"out of scope: {topic} ('{word}')", evidence
                    )
            met = ", ".join(sorted(evidence & frozenset().union(*rule.needs)))
            return Verdict(True, rule.rule_id, met, evidence, rule.scope)
        for topic in topics:
            word = self.cues.find(tokens, topic)
            if word is not None:
                return Verdict(False, rule.rule_id, f"out of scope: {topic} ('{word}')", evidence)
        need = " and ".join("/".join(sorted(g)) for g in missing)
        return Verdict(False, rule.rule_id, f"lacks {need}", evidence)

    def _who_and_why(
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
            list(roles.subjects) if _no_agent(token) or token.dep_ == "nsubjpass" else [],
            "political_target",
        ):
            found.add("political_target")
        nouns = [t for t in acted_on + list(roles.causes) if t.pos_ in ("NOUN", "PROPN")]
        if cues.in_tokens(nouns, "suspect") and not cues.in_tokens(acted_on, "armed"):
            found.add("crime_suspect")
        if cues.in_tokens(acted_on, "migrant"):
            found.add("migrants_held")
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
        heads = list(subjects)
        if not heads and token.dep_ in ("xcomp", "advcl"):  # "went on strike to protest"
            heads = [c for c in token.head.children if c.dep_ == "nsubj"]
        if token.dep_ == "relcl" and any(t.tag_ in ("WP", "WDT") for t in heads):
            heads = [token.head]  # "a man who attacked officers": the man, whoever else is named
        elif mention.actor1 is not None and _inter(mention.actor1) in ORGANISED_INTER:
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

    def _before(self, text: str) -> frozenset[str]:
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

    def _evidence(
        self, mention: Mention, trigger_id: str, token: Token, tokens: list[Token], roles: Any
    ) -> frozenset[str]:
        cues = self.cues
        actors = [a for a in (mention.actor1, mention.actor2, mention.assoc_actor_1) if a]
        found: set[str] = set()
        objects = list(roles.objects)
        doers = [a for a in (mention.actor1, mention.assoc_actor_1) if a]
        if any(_inter(a) in ORGANISED_INTER for a in doers):
            found.add("organised_actor")
        if any(
            _inter(a) in ORGANISED_INTER and a.actor_id and a.actor_id not in self.generic_actors
            for a in doers
        ):
            found.add("known_actor")  # a named group, not "a bus full of fighters"
        if any(_inter(a) in ORGANISED_INTER for a in doers) or cues.in_tokens(tokens, "armed"):
            found.add("organised_actor")
        if any(_inter(a) in ORGANISED_INTER for a in doers) or self._armed_subject(token, roles):
            found.add("armed_doer")
        if (
            mention.place is not None
            or cues.in_tokens(list(roles.arguments), "place")
            or any(_specified(o) for o in roles.objects)
        ):
            found.add("place_named")
        if any(_inter(a) == 1 for a in actors) or any(
            t.lemma_.lower() in STATE_WORDS for t in tokens
        ):
            found.add("state_actor")
        target = mention.actor2
        named = target is not None and target.actor_id not in (None, *self.generic_actors)
        if named and _inter(target) in NON_STATE_ARMED_INTER:
            found.add("known_armed_target")  # "20 ISIS jihadis were killed"
        if _inter(mention.actor2) in ORGANISED_INTER or cues.in_tokens(objects, "armed"):
            found.add("armed_target")
        if any(_inter(a) in CROWD_INTER for a in actors) or cues.in_tokens(tokens, "crowd"):
            found.add("crowd")
        if not any(a.inter is not None for a in actors) and _no_agent(token):
            found.add("unknown_perpetrator")
        if token.lemma_.lower() in GATHERING_NOUNS and token.pos_ == "NOUN":
            found.add("gathering_noun")
        for name, evidence in EVIDENCE_CUES:
            if cues.in_tokens(tokens, name):
                found.add(evidence)
        if cues.in_tokens(objects, "weapon"):
            found.add("weapons")
        if any(mention.counts.get(k, 0) >= MASS_COUNT for k in MASS_KEYS):
            found.add("mass")
        if trigger_id in self.war_weapons:
            found.add("war_weapon")
        background = token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS
        if not background and any(t.lemma_.lower() in TWO_SIDED_WORDS for t in tokens):
            found.add("two_sided")  # not "a grenade exploded amid clashes": the clash is its frame
        if "mass" in found and any(t.lemma_.lower() == "civilian" for t in tokens):
            found.add("civilian_toll")
        if cues.in_tokens(list(roles.objects), "territory") or cues.in_tokens(
            list(roles.objects), "place"
        ):
            found.add("place_taken")
        return frozenset(found)


def _acts_on_named(token: Token, roles: Any, names: frozenset[str]) -> bool:
    """Whether the trigger acts on a person by a name in ``names`` ("arrested Orujov")."""
    if not names:
        return False
    acted_on = list(roles.objects)
    if token.pos_ == "NOUN":
        acted_on += [t for t in roles.arguments if t.dep_ == "pobj"]
    return any(t.pos_ == "PROPN" and t.text in names for o in acted_on for t in phrase_tokens(o))


def _own_tokens(sent: Span, excluded: list[Span], reporting: frozenset[str]) -> list[Token]:
    """The sentence's tokens less the source ("police said") and whoever only speaks or declines
    to ("Toronto police declined to comment"): their words are no evidence about the event."""
    skip = {t.i for s in excluded for t in s}
    for token in sent:
        if token.lemma_.lower() in reporting or token.lemma_.lower() in NON_ACTION_VERBS:
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    skip |= {t.i for t in child.subtree}
    return [t for t in sent if t.i not in skip]


def _clause_ancestors(token: Token, reporting: frozenset[str], limit: int = 4) -> list[Token]:
    """The heads above a trigger up to the verb that reports it, with their own arguments
    ("charged with assault", "a sale of artillery", "the capacity to launch attacks")."""
    found: list[Token] = []
    for head in list(token.ancestors)[:limit]:
        if head.lemma_.lower() in reporting:
            break
        found.append(head)
        found += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "compound")]
    return found


def _specified(token: Token) -> bool:
    """What was acted on says which one ("the border with Syria", "the Masnaa crossing", "the
    city's entry points"), not merely whose ("its borders")."""
    return any(
        c.dep_ in ("prep", "compound", "amod", "nmod", "nummod")
        or c.dep_ == "poss"
        and c.pos_ != "PRON"
        for c in token.children
    )


def _bare_reference(token: Token) -> bool:
    """ "The meeting", "the talks" with nothing of their own: a name for an event, which the
    account before cannot turn into a new one ("Yet the meeting concluded without a deal")."""
    children = list(token.children)
    return (
        token.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children)
        and all(c.dep_ in ("det", "punct") for c in children)
    )


def _fragment(token: Token, sent: Span) -> bool:
    """A sentence with no finite verb whose verbal trigger has no argument but a pronoun ("Her
    being abducted.", a line of a list or a caption): it states no event, only names one."""
    if token.pos_ != "VERB" or any(t.tag_ in FINITE_TAGS for t in sent):
        return False
    heads = {c for c in token.children if c.dep_ not in ("aux", "auxpass", "punct")}
    return all(c.pos_ == "PRON" for c in heads)


def _no_agent(token: Token) -> bool:
    """A passive trigger without a "by" agent ("three men were arrested"), or a noun trigger
    with no one named as doing it: who did it is not said in this sentence."""
    children = {c.dep_ for c in token.children}
    if token.pos_ == "NOUN":
        return not children & {"poss", "compound", "prep"}
    return "auxpass" in children and "agent" not in children


def _inter(actor: ActorRef | None) -> int | None:
    return actor.inter if actor is not None else None


def admit(
    judge: ScopeJudge,
    mention: Mention,
    trigger_id: str,
    token: Token,
    sent: Span,
    excluded: list[Span],
    context: tuple[bool, str] = (False, ""),
    article: str = "",
) -> Verdict:
    """Judge ``mention`` and record why: an event that happened but is out of scope becomes
    ``out_of_scope``; ``mention.scope`` says which scope admitted it; ``mention.why`` names the
    trigger sense, arguments and rule."""
    verdict = judge.judge(mention, trigger_id, token, sent, excluded, context, article)
    if not verdict.admitted and mention.modality in ("asserted", "reported"):
        mention.modality = "out_of_scope"
    mention.scope = verdict.scope
    outcome = "admitted" if verdict.admitted else "set aside"
    args = [
        f"{name}={actor.canonical or repr(actor.text)} (inter {actor.inter})"
        for name, actor in (
            ("actor1", mention.actor1),
            ("actor2", mention.actor2),
            ("assoc_actor_1", mention.assoc_actor_1),
        )
        if actor is not None
    ]
    if mention.place is not None:
        args.append(f"place={mention.place.name}")
    mention.why = {
        "trigger": f"{trigger_id}: '{token.text}' ({token.pos_}, {token.dep_}) in its event sense",
        "arguments": "; ".join(args) or "none resolved",
        "scope": f"{outcome} by {verdict.rule or 'no rule'}: {verdict.reason}",
        "modality": mention.modality,
    }
    if verdict.evidence:
        mention.why["evidence"] = ", ".join(sorted(verdict.evidence))
    rule = judge.rule_for(mention, trigger_id)
    if verdict.scope != ACLED_SCOPE:
        rule = next((r for r in judge.border_rules if r.rule_id == verdict.rule), rule)
    if rule is not None:
        mention.why["codebook"] = rule.codebook
    return verdict
