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
    # the rest of the world's states English news reports on (ISO 3166-1 alpha-2). Left out:
    # words that name more than one state ("Korean", "Congolese", "Guinean") or an English
    # word ("Polish"), and ethnic names with no state of their own ("Serb", "Croat", "Tamil")
    "kenyan": "KE",
    "ugandan": "UG",
    "tanzanian": "TZ",
    "rwandan": "RW",
    "burundian": "BI",
    "ethiopian": "ET",
    "eritrean": "ER",
    "djiboutian": "DJ",
    "chadian": "TD",
    "nigerien": "NE",
    "cameroonian": "CM",
    "ghanaian": "GH",
    "senegalese": "SN",
    "mauritanian": "MR",
    "ivorian": "CI",
    "liberian": "LR",
    "zimbabwean": "ZW",
    "zambian": "ZM",
    "mozambican": "MZ",
    "angolan": "AO",
    "namibian": "NA",
    "burkinabe": "BF",
    "gambian": "GM",
    "malagasy": "MG",
    "bangladeshi": "BD",
    "nepalese": "NP",
    "nepali": "NP",
    "burmese": "MM",
    "thai": "TH",
    "vietnamese": "VN",
    "cambodian": "KH",
    "laotian": "LA",
    "malaysian": "MY",
    "indonesian": "ID",
    "singaporean": "SG",
    "japanese": "JP",
    "taiwanese": "TW",
    "mongolian": "MN",
    "tajik": "TJ",
    "uzbek": "UZ",
    "kazakh": "KZ",
    "kyrgyz": "KG",
    "turkmen": "TM",
    "belarusian": "BY",
    "moldovan": "MD",
    "romanian": "RO",
    "bulgarian": "BG",
    "hungarian": "HU",
    "czech": "CZ",
    "slovak": "SK",
    "austrian": "AT",
    "swiss": "CH",
    "italian": "IT",
    "spanish": "ES",
    "portuguese": "PT",
    "dutch": "NL",
    "belgian": "BE",
    "danish": "DK",
    "swedish": "SE",
    "norwegian": "NO",
    "finnish": "FI",
    "irish": "IE",
    "estonian": "EE",
    "latvian": "LV",
    "lithuanian": "LT",
    "serbian": "RS",
    "croatian": "HR",
    "macedonian": "MK",
    "montenegrin": "ME",
    "canadian": "CA",
    "australian": "AU",
    "mexican": "MX",
    "cuban": "CU",
    "haitian": "HT",
    "colombian": "CO",
    "venezuelan": "VE",
    "brazilian": "BR",
    "argentine": "AR",
    "argentinian": "AR",
    "chilean": "CL",
    "peruvian": "PE",
    "bolivian": "BO",
    "ecuadorian": "EC",
    "nicaraguan": "NI",
    "salvadoran": "SV",
    "guatemalan": "GT",
    "honduran": "HN",
    "panamanian": "PA",
}
# Nationalities of two words, read before the one-word ones ("South Sudanese" is no Sudanese).
DEMONYM_PAIRS = {
    "sri lankan": "LK",
    "south african": "ZA",
    "south sudanese": "SS",
    "north korean": "KP",
    "south korean": "KR",
    "new zealand": "NZ",
    "central african": "CF",
}
# A word before a nationality that makes it an ethnic group's, not a state's ("ethnic
# Albanians" in Macedonia are no Albanian state's people).
ETHNIC_WORDS = frozenset({"ethnic"})


# The second half of "Turkish-backed", "US-trained", "Iranian-funded": the state named before
# it backed the actor, it is not the actor's own nationality.
SPONSOR_WORDS = frozenset(
    {"backed", "supported", "sponsored", "funded", "trained", "armed", "allied", "aligned"}
)


def nationality(text: str) -> str | None:
    """The country a nationality word in ``text`` names ("Iraqi troops" -> IQ); not a state
    said to back the actor ("Turkish-backed rebels", "pro-Iranian militias") nor an ethnic
    group ("ethnic Albanians")."""
    tokens = text.lower().split()
    for first, second in zip(tokens, tokens[1:], strict=False):
        if f"{first} {second}" in DEMONYM_PAIRS:
            return DEMONYM_PAIRS[f"{first} {second}"]
    for at, token in enumerate(tokens):
        if at and tokens[at - 1] in ETHNIC_WORDS:
            return None
        parts = token.split("-")
        if len(parts) > 1 and (parts[0] in ("pro", "anti") or parts[-1] in SPONSOR_WORDS):
            continue
        for word in parts:
            if word in DEMONYMS:
                return DEMONYMS[word]
    return None
