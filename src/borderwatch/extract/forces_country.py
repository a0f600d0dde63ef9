"""The country an event's own sentence places it in when its place resolves to none, for
naming unnamed state forces (issue 22: "government troops", "soldiers", "the army").

ACLED and the Syria coding guide (GUIDE.md) name a government's forces by the state whose
government it is; unnamed state forces are the forces of the country the event happened in
(:meth:`.ActorResolver.localise`).  When the place does not resolve ("near the Shaer gas
field") the sentence may still say the country, and two kinds of words are evidence enough:

- a locative naming a national area: "in the Syrian desert", "on the Lebanese side of the
  border", "in Turkey's southeast", "in the Turkish province of Sirnak": where it happened;
- the state's own voice: "Syrian state television said", "the Iraqi army said": a state's
  official media and its forces report what its own troops did.

Not evidence, as each is often said of events elsewhere: "near the Syrian border" (a border
has two sides), the nationality of people ("Syrian smugglers" caught by Lebanese soldiers),
an organisation's name ("the Syrian Observatory for Human Rights", based in Britain), a
foreign official's voice ("US officials said government troops used gas"), the dateline (wire
bureaus in Beirut or Amman file the whole region's news).  Two countries so named say none.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..resolve.actors import nationality
from ..resolve.states import country_named

# Prepositions that say where an event happened ("in", "on the Lebanese side"); "near",
# "from", "into" and "towards" name a place beside or outside it.
LOCATIVE_PREPS = frozenset({"in", "on", "inside", "within", "across", "throughout", "at"})
# Nouns of an area a nationality or a country's possessive places inside one country; no
# border or frontier (it belongs to two).
AREA_NOUNS = frozenset(
    {
        "desert",
        "countryside",
        "territory",
        "soil",
        "side",
        "province",
        "governorate",
        "city",
        "town",
        "village",
        "region",
        "district",
        "interior",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "heartland",
        "mountain",
        "hill",
        "coast",
        "capital",
        "airspace",
        "waters",
    }
)
# Arcs by which a nationality or a country's possessive modifies an area noun.
AREA_MODIFIER_ARCS = frozenset({"amod", "compound", "poss", "nmod"})
# Verbs of reporting whose subject may be the state's own voice.
REPORTING_VERBS = frozenset({"say", "report", "announce", "claim", "add", "state"})
# A state's forces and ministries, which report their own troops' deeds ("the Iraqi army said").
STATE_VOICE_HEADS = frozenset({"army", "military", "ministry", "command"})
# Media heads that are a state's voice only when said to be the state's ("Syrian state
# television", "official news agency"): a country's private press reports any side.
MEDIA_HEADS = frozenset({"television", "tv", "media", "agency", "radio", "channel", "broadcaster"})
STATE_MEDIA_WORDS = frozenset({"state", "official", "state-run", "government", "state-owned"})


def _modifier_country(noun: Token) -> str | None:
    """The country a nationality or a country's possessive before ``noun`` names ("Syrian"
    of "the Syrian desert", "Turkey" of "Turkey's southeast"), when it is not part of a
    name ("the Syrian Observatory")."""
    for child in noun.children:
        if child.dep_ not in AREA_MODIFIER_ARCS:
            continue
        code = nationality(child.text) or country_named(child.text)
        if code is not None:
            return code
    return None


def _locative_countries(sent: Span) -> set[str]:
    """Countries of national areas the sentence places something in ("in the Syrian
    desert", "on the Lebanese side of the border")."""
    found = set()
    for prep in sent:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.ent_type_ == "ORG":
                continue
            if noun.lemma_.lower() in AREA_NOUNS:
                code = _modifier_country(noun)
                if code is not None:
                    found.add(code)
    return found


def _state_voices(sent: Span) -> set[str]:
    """Countries whose state speaks in the sentence ("Syrian state television said", "the
    Iraqi army said")."""
    found = set()
    for verb in sent:
        if verb.lemma_.lower() not in REPORTING_VERBS:
            continue
        for subject in verb.children:
            if subject.dep_ != "nsubj":
                continue
            head = subject.lower_ if subject.lower_ in MEDIA_HEADS else subject.lemma_.lower()
            words = {c.lower_ for c in subject.children}
            official = head in MEDIA_HEADS and bool(words & STATE_MEDIA_WORDS)
            if head in STATE_VOICE_HEADS or official:
                code = _modifier_country(subject)
                if code is not None:
                    found.add(code)
    return found


def sentence_country(sent: Span) -> str | None:
    """The one country the sentence places its event in or whose state tells it; None when
    it says none, or more than one."""
    found = _locative_countries(sent) | _state_voices(sent)
    return found.pop() if len(found) == 1 else None
