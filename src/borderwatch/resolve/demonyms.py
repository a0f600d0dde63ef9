"""The countries nationality words name ("Iraqi troops" -> IQ), for naming actors: a
nationality before a generic word says whose forces or civilians they are (:mod:`.actors`)."""

from __future__ import annotations

# Nationality adjectives of English news -> ISO 3166 alpha-2 (public knowledge: the countries
# active in and around the Syrian war and Lebanon, and the most reported others).
DEMONYMS = {
    "syrian": "SY",
    "lebanese": "LB",
    "israeli": "IL",
    "iraqi": "IQ",
    "jordanian": "JO",
    "turkish": "TR",
    "iranian": "IR",
    "russian": "RU",
    "american": "US",
    "us": "US",
    "u.s.": "US",
    "palestinian": "PS",
    "saudi": "SA",
    "egyptian": "EG",
    "french": "FR",
    "british": "GB",
    "qatari": "QA",
    "emirati": "AE",
    "kuwaiti": "KW",
    "yemeni": "YE",
    "libyan": "LY",
    "afghan": "AF",
    "pakistani": "PK",
    "indian": "IN",
    "chinese": "CN",
    "german": "DE",
    "ukrainian": "UA",
    "kurdish": None,
    "filipino": "PH",
    "nigerian": "NG",
    "sudanese": "SD",
    "somali": "SO",
    "malian": "ML",
    "tunisian": "TN",
    "algerian": "DZ",
    "moroccan": "MA",
    "bahraini": "BH",
    "omani": "OM",
    "cypriot": "CY",
    "greek": "GR",
    "armenian": "AM",
    "azerbaijani": "AZ",
    "georgian": "GE",
}


# The second half of "Turkish-backed", "US-trained", "Iranian-funded": the state named before
# it backed the actor, it is not the actor's own nationality.
SPONSOR_WORDS = frozenset(
    {"backed", "supported", "sponsored", "funded", "trained", "armed", "allied", "aligned"}
)


def nationality(text: str) -> str | None:
    """The country a nationality word in ``text`` names ("Iraqi troops" -> IQ); not a state
    said to back the actor ("Turkish-backed rebels", "pro-Iranian militias")."""
    for token in text.lower().split():
        parts = token.split("-")
        if len(parts) > 1 and (parts[0] in ("pro", "anti") or parts[-1] in SPONSOR_WORDS):
            continue
        for word in parts:
            if word in DEMONYMS:
                return DEMONYMS[word]
    return None
