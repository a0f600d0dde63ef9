"""The two keys place names are looked up by: :func:`normalise` (the exact key) and
:func:`fold` (the transliteration folding). Every gazetteer (the hand-made one, the compact
region file, the GeoNames world index) is keyed by these two functions, so they live here, in
one module that imports nothing else of the package.

One folding of place names that makes news spellings and gazetteer transliterations of the
same Arabic name meet ("Khan Sheikhoun" / "Khān Shaykhūn", "Maarat al-Numan" /
"Ma‘arrat an Nu‘mān", "Kfar" / "Kafr", "Tell" / "Tal", "Deir" / "Dayr").

The key keeps the consonants in order and reduces every run of vowels (with a "y" or "w" that
only lengthens a vowel: "ay", "ei", "ou", "aw") to one "a": English transliterations of Arabic
disagree mostly about vowels (Idlib/Idleb, Homs/Hims, Douma/Duma) and little about consonants.
Before that: diacritics and the ‘ ’ ʿ ʾ marks go, the article (al-/el-/ash-/ad-/as-…) is
dropped, "ch" is read as "sh" (French spellings: "Chtaura"), doubled letters collapse, a final
"h" after a vowel goes (Hasakah/Hasakeh/Hasaka), and a few words whose consonants news also
reorders map to one form (Kafr/Kfar/Kefr). Spaces are dropped last ("Tal Kalakh"/"Talkalakh").

The key is deliberately coarse, so it may join different names: a match on it alone is only
accepted with support from the document (see ``places``).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

# Bump when the folding changes: the packaged compact gazetteer stores keys made by it.
FOLD_VERSION = 1
# Keys memoised per process: a document's names recur (in its sentences and across a batch's
# documents), and every lookup of a name computes both of its keys.
KEY_CACHE = 1 << 16
# A leading article dropped from the exact key ("al-Qaa" and "Qaa" are one name).
ARTICLES = re.compile(r"^(?:the|al|el|ad|ar|as|an|at|az|ash)[- ]+", re.I)


@functools.lru_cache(maxsize=KEY_CACHE)
def normalise(name: str) -> str:
    """The exact key: lower case, curly quotes straightened, leading article ("al-", "the")
    dropped."""
    text = name.lower().replace("’", "'").replace("‘", "'").replace("`", "'").strip(" .,'\"")
    return ARTICLES.sub("", text).replace("-", " ").replace("  ", " ").strip()


ARTICLE_WORDS = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "ed",
        "ar",
        "er",
        "as",
        "es",
        "ash",
        "esh",
        "at",
        "et",
        "az",
        "ez",
        "an",
        "en",
        "adh",
        "ath",
        "the",
    ]
)
# Words whose spellings differ in consonant order, not just vowels.
WORD_FORMS = {"kfar": "kafr", "kefr": "kafr", "kfr": "kafr", "kufr": "kafr", "kfer": "kafr"}
LETTERS = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l"})
MARKS = re.compile(r"[’‘ʿʾ`´'ʻʼ\"]")
NON_LETTERS = re.compile(r"[^a-z]+")
VOWELS = frozenset("aeiou")


def ascii_letters(name: str) -> str:
    """Lower case, diacritics and apostrophe-like marks removed, other punctuation a space."""
    text = MARKS.sub("", name.lower().translate(LETTERS))
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return NON_LETTERS.sub(" ", plain).strip()


@functools.lru_cache(maxsize=KEY_CACHE)
def fold(name: str) -> str:
    """The folding key of ``name`` ("" when nothing Latin is left)."""
    words = ascii_letters(name).split()
    while len(words) > 1 and words[0] in ARTICLE_WORDS:
        words = words[1:]
    words = [w for i, w in enumerate(words) if i == len(words) - 1 or w not in ARTICLE_WORDS]
    return "".join(_fold_word(WORD_FORMS.get(w, w)) for w in words)


def _fold_word(word: str) -> str:
    word = word.replace("ch", "sh").replace("dj", "j")
    word = re.sub(r"(.)\1+", r"\1", word)
    if len(word) > 2 and word.endswith("h") and word[-2] in VOWELS | {"y"}:
        word = word[:-1]
    word = word.replace("iy", "i")
    out: list[str] = []
    for i, ch in enumerate(word):
        if _vowel_like(word, i):
            if not out or out[-1] != "a":
                out.append("a")
        else:
            out.append(ch)
    return "".join(out)


def _vowel_like(word: str, i: int) -> bool:
    """A vowel, or a "y"/"w" lengthening the vowel before it (not before another vowel);
    a "y" also ends words as a vowel ("Qamishly")."""
    ch = word[i]
    if ch in VOWELS:
        return True
    if ch not in "yw" or i == 0:
        return False
    after = word[i + 1] if i + 1 < len(word) else ""
    if after in VOWELS:
        return False
    return word[i - 1] in VOWELS or (ch == "y" and not after)


GLUED_ARTICLE = re.compile(r"\b[Aa][Ll](?=[a-z]{3})")


def unglued(name: str) -> str:
    """The folding key of ``name`` with an article glued to a word taken off ("Alhoula",
    "Bosra Alsham": news transliterations that write "al" as part of the word); "" when no
    word begins with one. Only a fallback, for names nothing matched as written ("Aleppo"
    matches as written)."""
    parted = GLUED_ARTICLE.sub("", name)
    return fold(parted) if parted != name else ""


@functools.lru_cache(maxsize=KEY_CACHE)
def spelling_closeness(text: str, name: str) -> float:
    """How alike two spellings of a name are, 0-1, ignoring case, diacritics, apostrophes,
    articles, spaces and doubled letters ("Saasaa" / "Sa'sa'": 1.0; "Saasaa" / "Es Souaisse":
    0.55)."""
    return difflib.SequenceMatcher(None, _letters(text), _letters(name)).ratio()


@functools.lru_cache(maxsize=1 << 14)
def _letters(name: str) -> str:
    words = ascii_letters(name).split()
    kept = [w for w in words if w not in ARTICLE_WORDS] or words
    return re.sub(r"(.)\1+", r"\1", "".join(kept))
