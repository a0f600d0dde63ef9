"""Counts of an event: how many were killed, injured, detained or handed over, read from numbers
whose noun or verb says what they count ("three soldiers were killed", "killing two", "12
suspects detained"), and areas in square kilometres taken or shelled (split from ``arguments``:
the rest of that module attaches actors and places).

Vague quantities take the values of the lexicon's ``vague_numbers`` (data/triggers.yaml, where
the one rule for "several" / "many", ACLED's default of 10, is written down with its source);
how several counts make one toll is :mod:`.tolls`."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..region import Lexicon
from ..resolve.dates import CARDINALS as NUMBER_WORDS
from .candidates import GROUP_NOUNS
from .tolls import join_clauses, join_company, join_coordinated

AREA_UNITS = {
    "km": 1.0,
    "kilometre": 1.0,
    "kilometer": 1.0,
    "kilometres": 1.0,
    "kilometers": 1.0,
    "mile": 2.59,
    "miles": 2.59,
    "km2": 1.0,
}


def number_value(token: Token, lexicon: Lexicon) -> int | None:
    """The integer a number token stands for ("12", "1,200", "three", "dozens")."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    if text in lexicon.vague_numbers:
        return lexicon.vague_numbers[text]
    if _large_number(token):
        return lexicon.vague_numbers.get("many")  # "a large number of": many
    if "-" in text:
        parts = [NUMBER_WORDS.get(p) for p in text.split("-")]
        if all(p is not None for p in parts):
            return sum(p for p in parts if p is not None)
    if text in NUMBER_WORDS:
        value = NUMBER_WORDS[text]
        if text in ("hundred", "thousand") and token.i > 0:
            prev = token.doc[token.i - 1]
            prev_value = NUMBER_WORDS.get(prev.lower_) or (
                int(prev.text) if prev.text.isdigit() else 0
            )
            return value * prev_value if prev_value else value
        return value
    return None


# Adjectives of "a large number of", "a great number of": "many" said in other words.
LARGE = frozenset({"large", "great", "big", "huge", "significant", "considerable"})


def _large_number(token: Token) -> bool:
    """ "A great number of senior leaders": the noun "number" made large, ACLED's "many"."""
    return token.lower_ == "number" and any(
        c.dep_ == "amod" and c.lower_ in LARGE for c in token.children
    )


def _count_key(lemmas: list[str], lexicon: Lexicon) -> str | None:
    """The count the nearest counting word names ("wounded 12" is injured, not killed)."""
    for lemma in lemmas:
        for key, words in lexicon.counts.items():
            if lemma in words:
                return key
    return None


def _nearby_lemmas(number: Token, people: frozenset[str] = frozenset()) -> list[str]:
    """The words that can say what ``number`` counts, nearest first.  A number of things in a
    verb's adjunct counts those things, not the verb's victims: "killed in two attacks", "in
    one instance, up to 600 men were killed" (``people``: the nouns that name people)."""
    noun = number.head if number.dep_ in ("nummod", "quantmod", "amod") else _compound_noun(number)
    if noun is not number and noun.dep_ == "pobj" and noun.lemma_.lower() not in people:
        return [c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "acl")] + [
            noun.lemma_.lower()
        ]
    return _lemmas_around(noun, people)


def _lemmas_around(noun: Token, people: frozenset[str]) -> list[str]:
    """The words around the noun a count counts, nearest first.  A conjunct ("two women and
    three children") says what it counts as the first of its conjuncts does."""
    if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i < noun.i:
        return [noun.lemma_.lower()] + _lemmas_around(noun.head, people)
    did = [c for c in noun.children if c.dep_ == "relcl" and _done_by_them(c)]
    words: list[Token] = [
        c for c in noun.children if c.dep_ in ("amod", "acl", "relcl") and c not in did
    ]
    for c in list(words):
        words += [g for g in c.children if g.dep_ in ("acomp", "oprd", "dobj")]
    words.append(noun)
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "appos", "conj"):
        # "was shot dead", "was found dead", "shot dead a local official" (the parser hangs the
        # active verb's "dead" as an adverb): the verb's complement says what befell them first
        told = ("oprd", "acomp", "advmod")
        words += [c for c in head.children if c.dep_ in told and c.i > head.i]
        words.append(head)
        # "five soldiers are believed to have been killed": a raising verb's subject is counted
        # by the deed its infinitive tells
        words += [c for c in head.children if c.dep_ == "xcomp" and c.i > head.i]
        if head.dep_ == "conj":
            words.append(head.head)
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        if verb.dep_ == "prt":
            verb = verb.head  # "killed along with four of his guards": the particle's verb
        words.append(verb)
        words += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [w.lemma_.lower() for w in words + did]


def _done_by_them(relative: Token) -> bool:
    """Whether a relative clause tells what its noun did ("Peter Lewis, who left Texas to join
    the YPG, was killed"; "twelve people who fled the town were killed"): its subject is the
    relative pronoun and it is active.  What they did says less of what befell them than the
    verb they are the subject of, so it is read after that verb."""
    subject = any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in relative.children)
    return subject and not any(c.dep_ == "auxpass" for c in relative.children)


def _compound_noun(number: Token) -> Token:
    """The plural noun a number leads through a name the parser took for a compound: in "Nine
    Peshmerga soldiers were killed" the number hangs on "Peshmerga" as a compound, and it still
    counts the soldiers.  Only a chain of compounds ending on a plural common noun counts (a
    number inside a name, "Route 7 checkpoint", does not lead its chain)."""
    if number.dep_ != "compound" or number.head.i < number.i:
        return number
    noun = number.head
    while noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head
    return noun if noun.tag_ == "NNS" else number


def find_counts(
    sent: Span, lexicon: Lexicon, skip: list[Span], outside: list[Span] | None = None
) -> dict[int, tuple[str, int]]:
    """Counts in ``sent``: token index -> (count key, value); numbers in ``skip`` ignored,
    and anything in ``outside`` (the words of another event's clause)."""
    found: dict[int, tuple[str, int]] = {}
    outside = outside or []
    for token in sent:
        if any(s.start <= token.i < s.end for s in skip + outside):
            continue
        if not (token.like_num or token.lower_ in lexicon.vague_numbers or _large_number(token)):
            continue
        if token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
            continue
        value = number_value(token, lexicon)
        if value is None:
            continue
        if token.i > sent.start and token.doc[token.i - 1].lower_ == "no":
            value = 0  # "no one was killed": none, not one
        area = _area(token, value)
        if area is not None:
            found[token.i] = ("area_km2", area)
            continue
        key = _count_key(_nearby_lemmas(token, _people(lexicon)), lexicon)
        if key:
            found[token.i] = (key, value)
    found |= _none_counted(sent, lexicon, set(found), outside)
    found |= _single_victims(sent, lexicon, set(found), outside)
    joined = join_company(sent, join_coordinated(sent, found))
    return join_clauses(sent, joined, _people(lexicon))


# Words that say no person at all: "nobody was killed", "none of the soldiers died".
NOBODY = frozenset({"nobody", "none", "noone"})


def _none_counted(
    sent: Span, lexicon: Lexicon, taken: set[int], outside: list[Span]
) -> dict[int, tuple[str, int]]:
    """ "Nobody was killed", "none of the soldiers died", "no soldiers were hurt": a count of
    zero (the coding guide: 0 when the report says none died), where no count would be read."""
    found: dict[int, tuple[str, int]] = {}
    people = _people(lexicon)
    for token in sent:
        no_people = token.lemma_.lower() in people and any(
            c.dep_ == "det" and c.lower_ == "no" for c in token.children
        )
        if not (token.lower_ in NOBODY or no_people):
            continue  # (asked first: most words are neither)
        if token.i in taken or any(s.start <= token.i < s.end for s in outside):
            continue
        key = _count_key(_lemmas_around(token, people), lexicon)
        if key is not None:
            found[token.i] = (key, 0)
    return found


def _people(lexicon: Lexicon) -> frozenset[str]:
    """The nouns that name people: the lexicon's and the group nouns of actor candidates."""
    return frozenset(lexicon.person_nouns) | GROUP_NOUNS


def _single_victims(
    sent: Span, lexicon: Lexicon, taken: set[int], outside: list[Span]
) -> dict[int, tuple[str, int]]:
    """ "A shepherd was killed", "killing a farmer", "Father Francis was killed": one person
    (a noun for one, or one named), counted as 1."""
    found: dict[int, tuple[str, int]] = {}
    for token in sent:
        if any(s.start <= token.i < s.end for s in outside):
            continue
        one = token.lemma_.lower() in lexicon.person_nouns and token.tag_ == "NN"
        if not (one or _named_person(token, lexicon) or _one_more(token, taken)):
            continue
        if token.dep_ not in ("nsubjpass", "dobj", "nsubj", "conj") or token.i in taken:
            continue
        if any(_numbers(c, token) for c in token.children):
            continue
        key = _count_key(_nearby_lemmas(token), lexicon)
        if key in ("killed", "injured", "abducted", "arrested", "detained", "released"):
            found[token.i] = (key, 1)
    return found


def _numbers(child: Token, noun: Token) -> bool:
    """Whether ``child`` gives ``noun`` a number of its own: "two soldiers", not the ordinal of
    "a third soldier" (still one) nor the age after a name ("Ahmad Khalil, 34,")."""
    if child.dep_ in ("nummod", "quantmod"):
        return True
    return child.like_num and child.i < noun.i and child.ent_type_ != "ORDINAL"


def _one_more(token: Token, taken: set[int]) -> bool:
    """One more of a counted toll: "three soldiers and a Briton", "four Kurds and an Iranian"
    (a singular conjunct, with "a"/"an", of a noun a number counts) is one person, whatever
    word names him."""
    if token.dep_ != "conj" or token.tag_ not in ("NN", "NNP"):
        return False
    single = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
    return single and any(c.i in taken for c in token.head.children)


def _named_person(token: Token, lexicon: Lexicon) -> bool:
    """The head of a person's name ("Priest Francis", "Ahmad al-Hassan"): one person.  A name
    the tagger does not know is still a person's where the sentence says so: "X, who left his
    town to join the group," (who is said of people), "X, the group's governor of the
    district," (a singular noun for a person in apposition)."""
    if token.tag_ != "NNP" or token.head.ent_type_ == "PERSON":
        return False
    if token.ent_type_ == "PERSON":
        return True
    if token.ent_type_ not in ("", "NORP"):
        return False
    for c in token.children:
        if c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children):
            return True
        if c.dep_ == "appos" and c.tag_ == "NN" and c.lemma_.lower() in lexicon.person_nouns:
            return True
    return False


def _area(number: Token, value: int) -> int | None:
    noun = number.head if number.dep_ in ("nummod", "quantmod", "compound") else number
    unit = noun.lower_
    if unit not in AREA_UNITS:
        return None
    window = number.doc[number.i : noun.i + 1].text.lower()
    if "square" not in window and not unit.endswith("2"):
        return None
    return round(value * AREA_UNITS[unit])
