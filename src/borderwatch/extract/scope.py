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

The evidence itself is read in :mod:`.scope_evidence`.

The verdict says why: which rule admitted the event and on what evidence, or why it is out of
scope.  An event out of scope is kept as unconfirmed (modality ``out_of_scope``), never exported
by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from ..model import Mention
from ..region import Lexicon
from .clause_roles import roles_of
from .hedges import presupposed
from .scope_evidence import (
    PRONOUN_SUBJECTS,
    EvidenceReader,
    acts_on_named,
    clause_ancestors,
    no_agent,
    own_tokens,
)
from .sense import Cues

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
# Penn tags of finite verbs (and modals): a sentence without one is a fragment.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Evidence that keeps an ``out_if`` finding (a crime suspect, a lone individual) from putting an
# event out: a political target or motive, an armed group the knowledge base knows, a border
# matter ("soldiers shot a smuggler at the border"), an armed word among those acted on.
OUT_IF_OVERRIDES = frozenset(
    {"political", "political_target", "known_actor", "border_security", "known_armed_target"}
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
ACLED_SCOPE, BORDER_SCOPE = "acled", "border"


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
        rules = _rules(list(lexicon.scope.get("rules") or ()))
        self.rules = tuple(r for r in rules if r.scope == ACLED_SCOPE)
        self.border_rules = tuple(r for r in rules if r.scope != ACLED_SCOPE)
        self.reporting = frozenset(lexicon.reporting_verbs)
        self.reader = EvidenceReader(lexicon, cues, generic_actors)

    @property
    def border_zone(self) -> frozenset[tuple[str, str]]:
        """(country code, admin1 name in lower case) of the region's border zone."""
        return self.reader.border_zone

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
        tokens = own_tokens(sent, excluded, self.reporting)
        near = list(roles.arguments) + list(roles.subjects) + list(roles.causes)
        if not presupposed(token):
            # "called for an investigation into the air strike that killed 30 on Tuesday": the
            # words above a definite event told with its toll or day frame it (a call, an inquiry,
            # a condemnation), they are not its topic; the strike took place
            near += clause_ancestors(token, self.reporting)
        evidence = self.reader.evidence(mention, trigger_id, token, tokens, roles)
        evidence |= self.reader.who_and_why(mention, trigger_id, token, roles, near)
        if article and acts_on_named(token, roles, self.reader.described(article)):
            evidence |= {"political_target"}
        if context[1] and no_agent(token):
            evidence |= self.reader.before(context[1])
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
