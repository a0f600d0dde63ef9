"""Which triggers of one sentence describe one event, and which repeat an event already reported.

Triggers close in the dependency tree ("captured ... in a joint offensive") are one event;
distant ones, and those of clauses reporting another happening ("troops arrested three
smugglers, while gunmen kidnapped a shepherd", see :mod:`.clauses`), are separate events.
Shelling, strikes and killings reported in a sentence about a battle are part of that battle
(ACLED).  A toll told in a clause joined to its deed's ("were killed when militants hit a
checkpoint with mortar shells"), and an attack's weapon however far the parse hung it, are one
event with it (:mod:`.joins`); civilians taken captive in a "while"-clause beside a battle are
an event of their own, as are deeds told side by side by one doer or at two places
(:mod:`.deeds`).  "The agreement" after an agreement was reported is a second mention of
it, not a new event.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Mention
from ..region import Trigger
from .clauses import Clause, acts_on, clause_head, clauses_of, event_head, separate
from .deeds import deeds_apart
from .joins import contrasted, detained_apart, joined_toll, weapons
from .modality import irrealis_noun
from .syntax import tree_distance
from .triggers import TriggerMatch

# Shelling and strikes reported in the same sentence as a battle belong to the battle (ACLED).
BATTLE_PARTS = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})
# Captives taken: part of a battle when its side takes them in the battle's own clause.
CAPTIVE_SUB_TYPES = frozenset({"Abduction/forced disappearance", "Arrests"})
# Captives taken by force: an abduction told before their release is an earlier event of its own.
ABDUCTION = "Abduction/forced disappearance"
# Tags of captives given up: handed from one side to another or exchanged.
GIVING_UP_TAGS = frozenset({"handover", "captive_exchange"})
# Words that introduce an attack's means ("with mortars", "using drones", "by rockets").
MEANS_WORDS = frozenset({"with", "using", "by"})
# Triggers at most this many arcs apart in one sentence describe the same event.
SAME_EVENT_MAX_ARCS = 3
# Words by which a casualty verb names the act that caused it, however many arcs they take
# ("were killed in raids", "under the shelling", "due to aerial bombardment", "as a result of
# mortar shells", "from the blast"): the deaths are that act's outcome, one event (ACLED codes
# the attack with its fatalities and victims).  "after"/"following" are left to the sequence
# rule of :mod:`.clauses`.
CAUSE_WORDS = frozenset(
    {"in", "by", "under", "from", "during", "amid", "due", "to", "as", "a", "result", "of"}
)
CAUSE_WORDS |= frozenset({"consequence", "because", "the", "an"})
# Relative pronouns that make a clause say something of the noun before it.
RELATIVE_WORDS = frozenset({"which", "that"})
# Triggers that tell deaths or wounds: the outcome of another act when caused by it.
CASUALTY_TRIGGERS = frozenset({"killing", "toll"})
# Armed violence: what it destroys in the same sentence ("13 militants were killed and five of
# their vehicles destroyed in the bombardment") is its damage, not looting or destruction of
# its own (ACLED codes the fighting or the strike).
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# The word of war damage, not of looting, torching or demolishing, which are acts of their own.
DAMAGE_LEMMAS = frozenset({"destroy", "destruction"})


def group_triggers(
    matches: list[TriggerMatch], armed: frozenset[str] = frozenset()
) -> list[list[TriggerMatch]]:
    """The sentence's triggers grouped into events (primary trigger first), in text order.
    ``armed``: the words of fighters (data/triggers.yaml class "armed"), whose capture in a
    battle is part of it."""
    groups: list[list[TriggerMatch]] = []
    ordered = sorted(matches, key=lambda m: -m.trigger.priority)
    if any(m.trigger.event_type in VIOLENT_TYPES for m in matches):
        ordered.sort(key=_damage)  # stable: the violence leads what it destroyed
    ordered = _release_before_captives(ordered)
    battle = next(
        (m for m in ordered if m.trigger.event_type == "Battles" and not remote_means(m, matches)),
        None,
    )
    if battle is not None and any(battle_part(m) for m in ordered if m is not battle):
        ordered = [battle] + [m for m in ordered if m is not battle]
    topic = next((m for m in ordered if _protests_against(m, matches)), None)
    if topic is not None:  # "residents protested the abduction": the protest is the event
        ordered = [topic] + [m for m in ordered if m is not topic]
    assault = next((m for m in ordered if _attacks_protest(m, matches)), None)
    if assault is not None:  # "men attacked a peaceful rally": the attack leads, not the rally
        ordered = [assault] + [m for m in ordered if m is not assault]
    for match in ordered:
        nearest = _nearest_group(match, groups)
        for group in groups:
            if any(
                _separate(member, match)
                or detained_apart(member, match, armed)
                or deeds_apart(member, match, armed)
                for member in group
            ):
                continue
            close = (
                tree_distance(group[0].span.root, match.span.root) <= SAME_EVENT_MAX_ARCS
                and compatible(group[0].trigger, match.trigger)
                and (nearest is None or nearest is group)
            )
            part_of_battle = group[0] is battle and (
                battle_part(match)
                or taken_in_battle(match, battle)
                or match.trigger.trigger_id in CASUALTY_TRIGGERS  # its wounded: its toll
            )
            caused = _caused(group, match, matches)
            if _acts_on(group[0], match):  # the initiator's trigger leads the event
                group.insert(0, match)
                break
            if close or part_of_battle or caused or _acts_on(match, group[0]):
                group.append(match)
                break
        else:
            groups.append([match])
    return sorted(groups, key=lambda g: g[0].span.start)


def _caused(group: list[TriggerMatch], match: TriggerMatch, matches: list[TriggerMatch]) -> bool:
    """Whether ``match`` is the cause or the outcome of the group's event, however many arcs
    apart: deaths caused by it, what an agreement is about, a toll told in a clause joined to
    its deed's, or the weapon an attack was carried out with (:mod:`.joins`)."""
    if any(caused_by(m, match) or caused_by(match, m) for m in _leads(group)):
        return True
    if about_agreement(group[0], match):
        return True
    return any(
        joined_toll(m, match, matches) or armed_with(m, match) or armed_with(match, m)
        for m in group
    )


def _leads(group: list[TriggerMatch]) -> list[TriggerMatch]:
    """The members of a group that speak for it as its cause or outcome: its primary trigger,
    and the weapon or the attack word it was carried out with ("killed in an attack on a
    checkpoint with car bombs": the deaths are the attack's, whichever leads the group)."""
    lead = group[0]
    return [lead] + [m for m in group[1:] if armed_with(m, lead) or armed_with(lead, m)]


def _release_before_captives(ordered: list[TriggerMatch]) -> list[TriggerMatch]:
    """ "The hostages were freed": a noun naming the captives is the release's own people, so
    the release goes before it (the event told is the release, not an abduction on its day)."""
    freed = next((m for m in ordered if gives_up_captives(m.trigger)), None)
    if freed is None:
        return ordered
    rest = [m for m in ordered if m is not freed]
    captives = next(
        (
            n
            for n, m in enumerate(rest)
            if m.trigger.sub_event_type == ABDUCTION and m.span.root.pos_ != "VERB"
        ),
        None,
    )
    if captives is None or captives > ordered.index(freed):
        return ordered
    return rest[:captives] + [freed] + rest[captives:]


def _nearest_group(
    match: TriggerMatch, groups: list[list[TriggerMatch]]
) -> list[TriggerMatch] | None:
    """The group whose event the trigger hangs nearest to in the tree, when it is near two
    events of separate clauses ("Rebels shelled A, killing two, as jets struck B": the deaths
    hang on the shelling, not on the strike); at equal distance, the one it hangs under.  None
    when it is near one event or none."""
    root = match.span.root
    near = [
        (tree_distance(g[0].span.root, root), not g[0].span.root.is_ancestor(root), n, g)
        for n, g in enumerate(groups)
        if tree_distance(g[0].span.root, root) <= SAME_EVENT_MAX_ARCS
    ]
    if len(near) < 2:
        return None
    return min(near, key=lambda x: x[:3])[3]


def _damage(match: TriggerMatch) -> bool:
    """Whether the trigger tells damage done ("were destroyed") rather than an act."""
    return match.trigger.kind == "destroy" and match.span.root.lemma_.lower() in DAMAGE_LEMMAS


def _attacks_protest(match: TriggerMatch, matches: list[TriggerMatch]) -> bool:
    """An attack word whose object is a protest of the sentence ("attacked a peaceful rally",
    "assaulted demonstrators at a march"): the event is the attack on the protest, typed by
    who attacked it (typing), not the protest itself."""
    if match.trigger.kind != "attack":
        return False
    objects = _objects(match.span.root)
    protests = [m.span.root for m in matches if m.trigger.event_type == "Protests"]
    return any(p == o or p.head == o or p.head.head == o for p in protests for o in objects)


def _protests_against(match: TriggerMatch, matches: list[TriggerMatch]) -> bool:
    """A protest whose object is another event of the sentence ("protested against the
    abduction of a man", "marched to denounce the killings"): that event is what the protest is
    about, told in passing; the event reported is the protest."""
    if match.trigger.event_type != "Protests":
        return False
    objects = _objects(match.span.root)
    others = [m.span.root for m in matches if m is not match]
    return any(o == t for o in objects for t in others)


def _objects(token: Token) -> list[Token]:
    """What a verb acts on: its direct object and the objects of its prepositions."""
    found = [c for c in token.children if c.dep_ == "dobj"]
    return found + [
        g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]


def clauses_of_groups(groups: list[list[TriggerMatch]]) -> list[Clause]:
    """The words each event of the sentence may take its arguments from (see :mod:`.clauses`)."""
    return clauses_of([event_head([m.span.root for m in g]) for g in groups])


def caused_by(outcome: TriggerMatch, cause: TriggerMatch) -> bool:
    """ "Nine civilians were killed and dozens wounded due to aerial bombardment launched by
    regime helicopters": the deaths are the bombardment's outcome.  The cause hangs under the
    casualty verb, or a verb coordinated with it ("killed and wounded ... due to"), through
    words that say so (:data:`CAUSE_WORDS`) only."""
    if outcome.trigger.trigger_id not in CASUALTY_TRIGGERS or cause.trigger.trigger_id in (
        CASUALTY_TRIGGERS
    ):
        return False
    verb = outcome.span.root
    if told_of(verb, cause.span.root):
        return True
    current = cause.span.root
    if current.dep_ == "compound" and current.head.pos_ == "NOUN":
        current = current.head  # "under the mortar fire": the weapon names the noun it heads
    if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.dep_ == "pobj":
        current = current.head  # "as a result of regime shelling": a noun misread as a verb
    for _ in range(6):
        head = current.head
        if head == current or current.dep_ not in ("pobj", "pcomp", "prep", "agent"):
            return False
        if head == verb or (head.pos_ == "VERB" and verb in (head.head, *head.conjuncts)):
            return current.lower_ in CAUSE_WORDS
        if head.lower_ not in CAUSE_WORDS:
            return False
        current = head
    return False


def told_of(verb: Token, cause: Token) -> bool:
    """ "ISIL's attacks in the town of Tel Tamer, which killed 30 people": a relative clause
    of killing said of the act, or of the place or target named in the act's own phrase (the
    parser hangs "which" on the nearest noun; a town kills nobody), tells the act's toll."""
    relative = any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_WORDS for c in verb.children)
    if verb.dep_ != "relcl" or not relative:
        return False
    noun = verb.head
    for _ in range(6):
        if noun == cause:
            return True
        if noun.dep_ not in ("pobj", "prep", "compound", "appos") or noun.head == noun:
            return False
        noun = noun.head
    return False


def gives_up_captives(trigger: Trigger) -> bool:
    """A release, handover or exchange of captives (data/triggers.yaml: the release mode, or
    the handover and exchange tags)."""
    return trigger.plover_mode == "release" or bool(GIVING_UP_TAGS & set(trigger.tags))


def taken_before_release(a: TriggerMatch, b: TriggerMatch) -> bool:
    """ "Two soldiers kidnapped in March were released on Tuesday", "X, who was abducted in
    2019, was handed over on Monday": the captives' release and their abduction are two
    events at two times (ACLED codes the abduction when it happened, the release or exchange
    as an agreement when it happens), whatever the parse joins.  An abduction told by a verb
    is a taking of its own; a noun naming the captives ("the hostages were freed") is the
    release's own people, one event."""
    for freed, taken in ((a, b), (b, a)):
        if gives_up_captives(freed.trigger) and taken.trigger.sub_event_type == ABDUCTION:
            return taken.span.root.pos_ == "VERB"
    return False


def _separate(a: TriggerMatch, b: TriggerMatch) -> bool:
    if taken_before_release(a, b) or contrasted(a, b):
        return True
    if irrealis_noun(a.span.root) != irrealis_noun(b.span.root):
        return True  # "deployed troops ahead of an expected offensive": two, one not yet
    return separate(a.span.root, b.span.root, (a.trigger, b.trigger))


def _acts_on(a: TriggerMatch, b: TriggerMatch) -> bool:
    """ "Protesters rallied before police dispersed them": ``a`` acts on ``b``'s subject."""
    return acts_on(a.span.root, b.span.root, (a.trigger, b.trigger))


def refers_back(primary: TriggerMatch, earlier: list[Mention]) -> bool:
    """ "The agreement", "the protest", "this deal": a definite noun naming an event the article
    has already reported is a second mention of it, not a new event."""
    token = primary.span.root
    if token.pos_ != "NOUN" or not any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their")
        for c in token.children
    ):
        return False
    if any(c.dep_ in ("amod", "nummod", "compound") for c in token.children):
        return False  # "the first meeting", "the border agreement": may be new
    # not an attempt: "foiled an attempt ... the exchange of fire" then "The gunfight lasted
    # half an hour" states that the fighting the first sentence called an attempt took place
    return any(
        m.sub_event_type == primary.trigger.sub_event_type and m.modality != "attempted"
        for m in earlier
    )


# Verbs by which sides agree to do something later ("agreed to exchange prisoners").
AGREEING_VERBS = frozenset({"agree", "accept", "approve", "sign"})


def agreed_to(match: TriggerMatch) -> bool:
    """ "Hezbollah and the Nusra Front agreed on Tuesday to exchange prisoners": the agreement
    is the event; the exchange agreed to has not happened yet, so a later "the exchange took
    place at the crossing" is the exchange itself, its own event, not a second mention."""
    token = match.span.root
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in AGREEING_VERBS


# Tags of a crossing closed or reopened: what an agreement is often about.
CROSSING_TAGS = frozenset({"border_closure", "border_opening"})
# Arcs by which a word stays inside another word's clause (not a joined clause of its own).
CLAUSE_BREAKS = frozenset({"conj", "advcl", "ccomp", "parataxis", "relcl"})


def about_agreement(agreement: TriggerMatch, match: TriggerMatch) -> bool:
    """A crossing's closure or reopening told inside an agreement's own clause ("agreed to
    reopen the crossing after a two-week closure"): what was agreed, or its background, and
    no event of its own; the agreement is the event."""
    if agreement.trigger.sub_event_type != "Agreement":
        return False
    if not CROSSING_TAGS & set(match.trigger.tags):
        return False
    head = agreement.span.root
    current = match.span.root
    for _ in range(6):
        if current.dep_ in CLAUSE_BREAKS or current.head == current:
            return False
        current = current.head
        if current == head:
            return True
    return False


def remote_means(attack: TriggerMatch, matches: list[TriggerMatch]) -> bool:
    """An attack whose own means is a remote weapon ("a rocket attack", "attacked the base with
    mortars", "an attack using drones") is that remote violence, not a battle (ACLED codes an
    attack carried out with artillery, missiles, drones or explosives as Explosions/Remote
    violence): the weapon is the attack word's compound or the object of its with/using/by."""
    token = attack.span.root
    means = {c.i for c in token.children if c.dep_ == "compound"}
    for prep in token.children:
        if prep.dep_ in ("prep", "acl", "advcl") and prep.lower_ in MEANS_WORDS:
            means |= {g.i for g in prep.children if g.dep_ in ("pobj", "dobj")}
    means |= {t.i for t in weapons(token)}
    return any(
        m.trigger.event_type == "Explosions/Remote violence" and m.span.root.i in means
        for m in matches
        if m is not attack
    )


def armed_with(attack: TriggerMatch, weapon: TriggerMatch) -> bool:
    """Whether ``weapon`` is a remote-violence trigger naming the attack word's means, however
    far the parse hung it ("attacked the checkpoint near the town with mortar shells"): one
    event, the attack carried out with that weapon (see :func:`.joins.weapons`)."""
    return (
        attack.trigger.kind == "attack"
        and weapon.trigger.event_type == "Explosions/Remote violence"
        and weapon.span.root in weapons(attack.span.root)
    )


def battle_part(match: TriggerMatch) -> bool:
    """Remote violence and killings reported alongside a battle are part of it."""
    return match.trigger.sub_event_type in BATTLE_PARTS or match.trigger.trigger_id == "killing"


def taken_in_battle(match: TriggerMatch, battle: TriggerMatch) -> bool:
    """Captives taken by the side that fights, in a clause of the battle's own ("attacked an
    army post, killing two soldiers and taking three others as hostages", "stormed the base
    and captured ten soldiers"): ACLED does not split the taking of captives from the battle.
    A clause with a subject of its own ("while gunmen detained three civilians") is another
    event."""
    if match.trigger.sub_event_type not in CAPTIVE_SUB_TYPES:
        return False
    head = clause_head(match.span.root)
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in head.children)
    return not own_subject and battle.span.root.is_ancestor(head)


def compatible(a: Trigger, b: Trigger) -> bool:
    """Two strategic developments are one event only when they are the same kind of one
    ("evacuation" + "deal"); a closure and a reopening, or an arrest and a handover, are two."""
    if a.event_type == b.event_type == "Strategic developments":
        return (
            a.sub_event_type == b.sub_event_type
            and set(a.tags) == set(b.tags)
            or (not a.tags or not b.tags)
            and a.sub_event_type == b.sub_event_type
        )
    return True
