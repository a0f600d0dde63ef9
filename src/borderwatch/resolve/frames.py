"""Place names the statistical recogniser got wrong, found again by the frame English news puts
them in.

spaCy's small model takes many villages for people or organisations ("shelled the village of
Kornaz", Kornaz a PERSON) and misses transliterated Arabic names outright ("clashes near Tal
Hamis"). A name is read as a place when

- the text calls it one: "the village/town/city/settlement(s) of X" (and the names coordinated
  with X: "the towns of A, B and C"), "X governorate/province/district/countryside/outskirts";
- or it stands in a locative frame ("in/at/near/outside/from/towards/into X", "X in/near Y",
  the object of "shelled/bombed/stormed/besieged X") and a gazetteer knows it (the region's
  places, exactly or by the transliteration folding; the world's towns by their own name only:
  alternate names are too often ordinary words and first names).

A person stays a person when a title or a verb of saying follows ("from Hassan, a spokesman",
"near Ali said"). New names (not recognised at all) must begin with a generic Arabic place word
(Kafr, Tal, Deir, Ain, Beit, Jabal...) or an article ("al-", "el-"), stand in such a frame and be
known to a gazetteer. A misread name the recogniser ran into a lower-case word ("Sarmin in")
is read without it, and a place name the ruler marked without its generic first word ("Halab"
of "Kafr Halab") is read whole when a gazetteer knows the whole, as is one the recogniser cut
at an article ("Busra" + "al-Harir"). A capitalised name the recogniser left out that the text
puts in a governorate ("struck Maarshourin in Idlib") is a place whether or not a gazetteer
knows it: ACLED reads "V in G" as a village V of the governorate G (an unknown V is the
governorate, never G's capital city). Character-level rules on the recogniser's output only:
no parse needed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from ..region import load_region
from .folding import fold, unglued
from .geonames import cities_by_name, countries_by_name, state_by_abbreviation, states_by_name
from .names import PLACE_HEAD_WORDS
from .places import normalise

# The labels a misread place gets from the small model.
MISREAD_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "NORP", "WORK_OF_ART", "EVENT"})
PLACE_LABEL = "GPE"
# A world town counts only by its own name and from this size (a place many know by name).
WORLD_MIN_POPULATION = 5000
PLACE_NOUNS = (
    r"(?:village|town|city|hamlet|settlement|locality|localities|suburb|neighbou?rhood|"
    r"district|camp|area|region|governorate|province|municipality|township)"
)
# "the village of", "the towns of", "the Kurdish city of"
NOUN_OF = re.compile(r"\b" + PLACE_NOUNS + r"s?\s+of\s+(?:the\s+)?$", re.I)
NOUN_AFTER = re.compile(
    r"^(?:(?:'s|’s)?\s+(?:countryside|outskirts|suburbs|environs)|\s+(?:governorate|province|"
    r"district|village|town|city|neighbou?rhood|area\b(?!\s+of)))",
    re.I,
)
# "X, a small village ...", "X, a government-held enclave": the appositive calls X a place.
APPOSITIVE_AFTER = re.compile(
    r"^\s*,\s*(?:an?|the)\s+(?:[\w'’-]+\s+){0,3}?(?:village|town|city|hamlet|settlement|"
    r"enclave|suburb|neighbou?rhood|district|locality)s?\b"
    # not a person of the place: "Ali, a town official", "Hassan, a village elder"
    r"(?!\s+(?:official|council|mayor|resident|chief|leader|head|elder|spokes|native|man\b|"
    r"woman\b|notable|dignitar))",
    re.I,
)
STRONG, LOCATIVE = "strong", "locative"
POLITY_AFTER = re.compile(r"^,\s+((?:[A-Z][\w.]*\s?){1,3})")
POSSESSIVE = re.compile(r"^(?:'s|’s|'|’)(?:\s|$)")
_DIRECTION = r"(?:(?:north|south|east|west|central)(?:east|west)?(?:ern)?\s+)?"
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside|from|towards?|into|around|across|nearby|"
    r"outskirts\s+of|vicinity\s+of|(?:north|south|east|west)(?:east|west)?\s+of)\s+"
    r"(?:the\s+)?" + _DIRECTION + r"$",
    re.I,
)
# "a visit to X", "fled to X": motion towards a place (not "loyal to X", "said to X").
MOTION_TO_BEFORE = re.compile(
    r"\b(?:visits?|visited|visiting|trips?|travel\w*|flew|fly|flying|flights?|fled|flee\w*|"
    r"return\w*|moved?|moving|sent|deployed|head(?:ed|ing)|went|go|going|came|com(?:e|ing)|"
    r"drove|driv(?:e|ing)|journey|way|back|bound|relocated|transferred|evacuated|deported)"
    r"\s+to\s+$",
    re.I,
)
# "shelled X", "stormed X": verbs whose object is a place far more often than a person or a
# group (not "struck", "targeted", "captured", "attacked": those take people and groups too).
PLACE_OBJECT_BEFORE = re.compile(
    r"\b(?:shell(?:ed|ing)|bomb(?:ed|ing)|bombard(?:ed|ing)|pound(?:ed|ing)|storm(?:ed|ing)|"
    r"besieg(?:ed|ing)|overr(?:an|unning))\s+$",
    re.I,
)
# "X in Idleb", "X near the northern Homs": a name the text puts in or near a place.
CONTAINED_AFTER = re.compile(
    r"^(?:\s+(?:in|near|outside)\s+(?:the\s+)?|\s*\(\s*)" + _DIRECTION + r"[A-Z]", re.I
)  # ... or "X (Idleb)", as coders' notes write it
# "from Hassan, a spokesman", "Ali said": a person after all.
PERSON_AFTER = re.compile(
    r"^(?:'s|’s)?\s*,?\s*(?:(?:a|an|the|who)\s+)?(?:said|says|told|added|stated|announced|"
    r"declared|claimed|explained|noted|wrote|tweeted|spokes(?:man|woman|person)|commander|"
    r"leader|official|minister|president|chief|head|director|spoke|is|was|has|had)\b",
    re.I,
)
# "A, B and C": a name coordinated with a place read as one shares its frame.
COORDINATED = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$", re.I)
# Generic first words of Arabic place names (``toponyms.PLACE_HEAD_WORDS``, folded) and a few
# more that begin quarters and hamlets (gate, caravanserai, winter quarters, quarter).
HEAD_WORDS = PLACE_HEAD_WORDS | {fold(w) for w in ("Bab", "Khan", "Mashta", "Hay")}
ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|at|az|an)-[A-Z]")
MAX_NEW_TOKENS = 4
CAPITALISED = re.compile(r"\b(?:(?:al|el|as|ash|ad|ar|at|az|an)-)?[A-Z][\w']*")
# "X in Idlib", "X in rural Hama", "X in the northern Daraa countryside": the words after X that
# may name a governorate (checked against the gazetteers' governorates).
IN_GOVERNORATE = re.compile(
    r"^\s+in\s+(?:the\s+)?(?:rural\s+)?" + _DIRECTION + r"(?P<name>[A-Z][\w'’]*"
    r"(?:[\s-]+(?:(?:al|el|ez|az|ad|ar|as)[\s-]+)?[A-Z][\w'’]*)?)"
)
# A name read from "X in G", or a misread person's name in that frame, only after a word that
# takes a place ("struck X in Idlib"), not a person ("killed Ahmed in Idlib", "loyal to Assad
# in Latakia"): a locative preposition or a verb whose object is a place.
_PLACE_TAKER_WORDS = """
in at near into inside outside towards toward from around across
shelled shell shelling bombed bomb bombing bombarded pounded struck strike hit hitting
stormed storm raided raid captured capture seized seize overran overrun entered enter
besieged besiege targeted target attacked attack retook recaptured liberated took
reached advanced evacuated fled left
"""
PLACE_TAKERS = frozenset(_PLACE_TAKER_WORDS.split())
# A name no gazetteer knows is taken only when its first word is no person's ("Abu", "Sheikh").
PERSON_FIRST_WORDS = frozenset({"abu", "umm", "sheikh", "shaikh", "sayyed", "mr", "mrs", "dr"})


@functools.lru_cache(maxsize=4)
def known_place_names(region_dirs: tuple[str, ...] = ()) -> Callable[[str], bool]:
    """Whether a gazetteer knows a name: the region's places (exact or folded), the world's
    countries, US states and towns (own name, from ``WORLD_MIN_POPULATION``)."""
    region = load_region(region_dirs)
    exact = {normalise(n) for p in region.places for n in (p.name, *p.aliases)}
    folded = {fold(n) for p in region.places for n in (p.name, *p.aliases)}

    def known(text: str) -> bool:
        key, key_fold = normalise(text), fold(text)
        if not key:
            return False
        if key in exact or key in region.atlas.by_name or key in countries_by_name():
            return True
        for k in (key_fold, unglued(text)):
            if len(k) >= 4 and (k in folded or k in region.atlas.by_fold):
                return True
        if key in states_by_name():
            return True
        return any(
            normalise(c[0]) == key and c[5] >= WORLD_MIN_POPULATION
            for c in cities_by_name().get(key, ())
        )

    return known


@functools.lru_cache(maxsize=4)
def governorate_keys(region_dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """The folded names of the governorates (provinces) the gazetteers know."""
    region = load_region(region_dirs)
    keys = {fold(n) for p in region.places if p.kind == "province" for n in (p.name, *p.aliases)}
    atlas = region.atlas
    for row in atlas.rows_of_kinds(("governorate",)):
        keys.update(fold(n) for n in (atlas.names[row], atlas.admin1[row]) if n)
    return frozenset(k for k in keys if len(k) >= 3)


def mark_places(doc: Doc, known: Callable[[str], bool]) -> Doc:
    """Relabel as places (GPE) the misread entities of ``doc`` the text frames as places, and
    add the unrecognised Arabic place names it frames as places (see the module's rules)."""
    text = doc.text
    ents = list(doc.ents)
    changed = False
    prev_frame, prev_end = "", -1
    for i, ent in enumerate(ents):
        if ent.label_ in MISREAD_LABELS and not ent.ent_id_:
            ent = _trimmed(ent)  # "Sarmin in" read as one organisation: the name is "Sarmin"
        before = text[max(0, ent.start_char - 40) : ent.start_char]
        after = text[ent.end_char : ent.end_char + 60]
        frame = _frame(before, after)
        if prev_frame and COORDINATED.match(text[prev_end : ent.start_char]):
            frame = frame if frame == STRONG else prev_frame
        if (
            ent.label_ in MISREAD_LABELS
            and not ent.ent_id_
            and _reads_as_place(ent, frame, after, known)
        ):
            ents[i] = Span(doc, ent.start, ent.end, label=PLACE_LABEL)
            changed = True
        elif ent.label_ not in ("GPE", "LOC", "FAC") and not ent.ent_id_.startswith("place:"):
            frame = ""  # "the town of Hassan, Ali and X": a person breaks the list
        prev_frame, prev_end = frame, ent.end_char
    extended = _tailed(doc, _headed(doc, ents, known), known)
    changed = changed or extended != ents
    ents = extended
    found = _new_names(doc, text, ents, known)
    found += _contained_names(doc, text, [*ents, *found], known)
    if found or changed:
        doc.ents = sorted([*ents, *found], key=lambda s: s.start)
    return doc


def _frame(before: str, after: str) -> str:
    """STRONG when the text calls the name a place, LOCATIVE after a locative preposition."""
    if NOUN_OF.search(before) or NOUN_AFTER.match(after) or APPOSITIVE_AFTER.match(after):
        return STRONG
    if (
        LOCATIVE_BEFORE.search(before)
        or MOTION_TO_BEFORE.search(before)
        or PLACE_OBJECT_BEFORE.search(before)
        or _polity_follows(after)
        or CONTAINED_AFTER.match(after)
    ):
        return LOCATIVE
    return ""


def _trimmed(ent: Span) -> Span:
    """``ent`` without the lower-case words or punctuation the recogniser ran it into."""
    end = ent.end
    while end > ent.start + 1 and (ent.doc[end - 1].is_lower or ent.doc[end - 1].is_punct):
        end -= 1  # "Sarmin in", "Sarmin ("
    return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)


def _headed(doc: Doc, ents: list[Span], known: Callable[[str], bool]) -> list[Span]:
    """Place names with the generic Arabic first word the ruler left out ("Kafr Halab", the
    ruler marking only "Halab", an alias of Aleppo): the whole name, when a gazetteer knows
    it, is the place the text names."""
    taken = {t for e in ents for t in range(e.start, e.end)}
    found = list(ents)
    for i, ent in enumerate(ents):
        if ent.label_ not in ("GPE", "LOC", "FAC") or ent.start == 0:
            continue
        head = doc[ent.start - 1]
        # an English word that folds like a head word ('In' like 'Ayn') opens no name
        if ent.start - 1 in taken or head.is_stop or ARTICLE.match(head.text):
            continue
        if not _opens_name(head.text):
            continue
        whole = doc[ent.start - 1 : ent.end]
        if known(whole.text):
            found[i] = Span(doc, whole.start, whole.end, label=PLACE_LABEL)
    return found


def _tailed(doc: Doc, ents: list[Span], known: Callable[[str], bool]) -> list[Span]:
    """Place names the recogniser cut at an article ("Busra" a place, "al-Harir" a person):
    the place and the article word after it, when a gazetteer knows the whole."""
    found: list[Span] = []
    skip = -1
    for i, ent in enumerate(ents):
        if i == skip:
            continue
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if (
            nxt is not None
            and ent.label_ in ("GPE", "LOC", "FAC")
            and nxt.start == ent.end
            and ARTICLE.match(nxt.text)
            and doc.text[ent.end_char : nxt.start_char] == " "
            and known(doc[ent.start : nxt.end].text)
        ):
            found.append(Span(doc, ent.start, nxt.end, label=PLACE_LABEL))
            skip = i + 1
        else:
            found.append(ent)
    return found


def _contained_names(
    doc: Doc, text: str, ents: list[Span], known: Callable[[str], bool]
) -> list[Span]:
    """Capitalised names no entity covers that the text puts in a governorate ("struck
    Maarshourin in Idlib"): places, known to a gazetteer or not (the resolver reads an
    unknown one as the governorate). Only within a sentence (after a lower-case word), so a
    sentence's first word is never taken."""
    taken = {t for e in ents for t in range(e.start, e.end)}
    found: list[Span] = []
    for match in re.finditer(r"\s+in\s", text):
        if not _in_governorate(text[match.start() : match.start() + 60]):
            continue
        end = doc.char_span(match.start(), match.start() + 1, alignment_mode="expand")
        if end is None:
            continue
        stop = end.start  # the token after the name (the whitespace belongs to no token)
        begin = stop
        while begin > 0 and stop - begin < MAX_NEW_TOKENS:
            word = doc[begin - 1]
            if begin - 1 in taken or not (word.text[:1].isupper() or ARTICLE.match(word.text)):
                break
            begin -= 1
        if begin == stop or begin == 0 or doc[begin - 1].is_punct or doc[begin].is_upper:
            continue
        if doc[begin - 1].lower_ not in PLACE_TAKERS:
            continue
        span = Span(doc, begin, stop, label=PLACE_LABEL)
        first = span[0].lower_
        if known(span.text) or (first not in PERSON_FIRST_WORDS and not span[0].is_stop):
            found.append(span)
    return found


def _names_governorate(name: str, governorates: frozenset[str]) -> bool:
    words = name.replace("-", " ").split()
    return any(fold(" ".join(words[:n])) in governorates for n in range(len(words), 0, -1))


def _polity_follows(after: str) -> bool:
    """ "X, Idaho", "X, Syria": a country or US state after a comma (not "X, Syria's envoy")."""
    match = POLITY_AFTER.match(after)
    if match is None:
        return False
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        key = normalise(name)
        if key in countries_by_name() or key in states_by_name() or state_by_abbreviation(name):
            return size < len(words) or after[match.end(1) : match.end(1) + 1] not in ("'", "’")
    return False


def _reads_as_place(ent: Span, frame: str, after: str, known: Callable[[str], bool]) -> bool:
    """A misread entity in ``frame``: a place when the text calls it one, or when it follows
    a locative preposition and a gazetteer knows it; not a person a title or a verb of saying
    follows, nor a possessor ("in Rozen's case"), nor a name after "the" ("in the Navy") or an
    acronym ("in BOV and MIDI") that only happens to be a town somewhere."""
    text = ent.text
    if not frame or not (text[:1].isupper() or ARTICLE.match(text)):
        return False  # "al-Tamanah" is a name, as any capitalised one
    if ent.label_ == "PERSON" and PERSON_AFTER.match(after):
        return False
    if frame == STRONG:
        return ent.label_ != "NORP" or not NOUN_AFTER.match(after)
    before = ent.doc.text[max(0, ent.start_char - 5) : ent.start_char].lower()
    if POSSESSIVE.match(after) or before.endswith("the ") or (text.isupper() and len(text) <= 5):
        return False
    if ent.label_ == "PERSON" and not (_takes_a_place(ent) or _polity_follows(after)):
        return False  # "killed Ahmed in Idlib", "loyal to Assad in Latakia": a person in G
    if known(text):
        return True
    # an Arabic place name no gazetteer knows, in a governorate ("struck al-Tamanah in
    # southern Idleb"): the governorate's village
    return _opens_name(text.split()[0]) and _takes_a_place(ent) and _in_governorate(after)


def _in_governorate(after: str) -> bool:
    """Whether ``after`` puts the name before it in a governorate ("in (rural) Idlib")."""
    match = IN_GOVERNORATE.match(after)
    return match is not None and _names_governorate(match.group("name"), governorate_keys())


def _takes_a_place(ent: Span) -> bool:
    """Whether the word before ``ent`` takes a place (a locative preposition, "shelled")
    or ``ent`` opens its sentence or continues a list ("Hilversum and Almelo")"""
    if ent.start == 0 or ent.doc[ent.start - 1].is_punct:
        return True
    if LOCATIVE_BEFORE.search(ent.doc.text[max(0, ent.start_char - 40) : ent.start_char]):
        return True  # "in central Maree"
    return ent.doc[ent.start - 1].lower_ in PLACE_TAKERS | {"and", "or"}


def _new_names(doc: Doc, text: str, ents: list[Span], known: Callable[[str], bool]) -> list[Span]:
    """Unrecognised names beginning with a generic Arabic place word or an article, in a place
    frame, that a gazetteer knows. The text is scanned for such first words before any token
    is looked at: most sentences have none."""
    taken = [(e.start_char, e.end_char) for e in ents]
    found: list[Span] = []
    last_end = -1
    for match in CAPITALISED.finditer(text):
        start = match.start()
        if start < last_end or not _opens_name(match.group()):
            continue
        if any(s <= start < e for s, e in taken):
            continue
        first = doc.char_span(start, match.end(), alignment_mode="expand")
        if first is None:
            continue
        end = first.start + 1
        while end < len(doc) and end - first.start < MAX_NEW_TOKENS:
            word = doc[end].text
            if not (word[:1].isupper() or word == "-" or _opens_name(word)):
                break
            if any(s <= doc[end].idx < e for s, e in taken):
                break
            end += 1
        span = _known_prefix(doc, first.start, end, known)
        if span is not None and _in_frame(text, span):
            found.append(span)
            last_end = span.end_char
    return found


def _opens_name(word: str) -> bool:
    if ARTICLE.match(word):
        return True
    return word[:1].isupper() and not word.isupper() and _fold_word(word) in HEAD_WORDS


@functools.lru_cache(maxsize=4096)
def _fold_word(word: str) -> str:
    return fold(word)


def _known_prefix(doc: Doc, start: int, end: int, known: Callable[[str], bool]) -> Span | None:
    """The longest span from ``start`` (at least two words unless the word has an article)
    that a gazetteer knows."""
    for stop in range(end, start, -1):
        span = doc[start:stop]
        if span[-1].text == "-":
            continue
        if len(span) == 1 and not ARTICLE.match(span.text):
            continue
        if known(span.text):
            return Span(doc, start, stop, label=PLACE_LABEL)
    return None


def _in_frame(text: str, span: Span) -> bool:
    before = text[max(0, span.start_char - 40) : span.start_char]
    return bool(_frame(before, text[span.end_char : span.end_char + 30]))
