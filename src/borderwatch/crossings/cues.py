"""The words by which English news says a crossing's state: cues for status, restriction,
damage, reason, side and the clauses that make a statement not an assertion.

Written from the codebook's notion of a reported fact and from invented sentences of the kinds
UNHCR updates and wire stories use ("closed to vehicles", "reopened to pedestrians only",
"out of service after an Israeli strike", "closed since 3 February as works go on"); every
pattern runs on folded text (lower case, hyphens as spaces: see ``registry.fold``).
"""

from __future__ import annotations

import re

# A word that makes a town's name the crossing's name in the sentence ("the al-Qaa crossing").
CROSSING_NOUN = re.compile(
    r"\b(?:crossings?(?! (?:into|over|illegally|the border))|border (?:posts?|points?|terminals?"
    r"|gates?|centres?|centers?)|crossing points?|entry points?|checkpoints?)\b"
)
# "the crossing": a crossing named in the sentences just before.
DEFINITE_CROSSING = re.compile(
    r"\b(?:the|this|that) (?:border )?(?:crossing|post|crossing point|border post|border point)"
    r"(?! (?:into|over))\b|\bit (?:was|is|has|had|remains|remained|reopened|closed)\b"
)
# Every crossing at once: "all (land) crossings", "the border with Syria", "every border post".
ALL_CROSSINGS = re.compile(
    r"\b(?:all|every|each)(?: of)?(?: the| its| their)?(?: (?:official|legal|legitimate|land|"
    r"border|main|other|remaining))* (?:crossings?|border (?:crossings?|posts?|points?)|crossing "
    r"points?)\b|\b(?:its|the|their) (?:land )?borders? with (?:syria|lebanon)\b"
    r"|\b(?:the|its|their) (?:official |legal |land |border |main )*"
    r"(?:north(?:ern)?|east(?:ern)?|north ?east(?:ern)?|akkar|bekaa|hermel) "
    r"(?:(?:official|legal|land|border) )*crossings\b"
)
# Words that narrow "all crossings" to a part of the border ("in northern Lebanon", "Akkar's").
AREA = re.compile(r"\b(north ?east|north|east|akkar|bekaa|hermel|baalbek|coast)(?:ern|al|'s)?\b")
EXCEPTION = re.compile(
    r"\b(?:except(?: for)?|apart from|other than|with the exception of|excluding|save for|but)\b"
)

CLOSED = re.compile(
    r"\b(?:clos(?:ed|es|ing|ure)(?![ ]door| military)|shut(?:s|ting)?(?: down)?|seal(?:ed|s|ing)"
    r"|out of (?:service|operation|action)|halted|suspend(?:ed|s|ing)|suspension|blocked"
    r"|impassable|cut off|severed|(?:came|ground|come) to a (?:halt|standstill)"
    r"|cut(?:ting)? (?:off )?(?:the |its )?(?:main )?(?:road|highway|route)s?"
    r"|at a standstill|stopped working|not operating|inoperable|no longer (?:open|"
    r"operat\w+|functioning|working)|no (?:crossings|movement|traffic) (?:was |were )?reported)\b"
)
REOPENED = re.compile(
    r"\bre ?open(?:ed|s|ing)?\b|\b(?:lift|end)(?:ed|s|ing)? (?:the|its) closure\b"
)
OPEN = re.compile(
    r"\b(?:open(?:ed|s)?(?! fire| an? (?:investigation|probe|inquiry|case))|back in (?:service|"
    r"operation)|resum(?:ed|es|ing)|operating normally|operational|functioning|working normally"
    r"|running normally)\b"
)
STILL_CLOSED = re.compile(
    r"\b(?:remain(?:s|ed)?|still|stay(?:s|ed)?|kept) (?:\w+ )?(?:closed|shut)\b|\bhas not "
    r"(?:yet )?reopened\b|\byet to reopen\b"
)
# A state before the one reported: "reopened after a two-week closure" is a reopening.
EARLIER_STATE = re.compile(
    r"\b(?:after|following|since|ending|despite) (?:[\w']+ ){0,4}?(?:closure|being (?:closed|shut)"
    r"|it was (?:closed|shut)|(?:strikes?|damage|repairs))\b"
)
DAMAGE = re.compile(
    r"\b(?:struck|strikes?(?! by)|airstrikes?|air raids?|raid(?:ed)?|bomb(?:ed|ing|s)?|shell(?:ed|"
    r"ing)|targeted|hit|damag(?:ed|e|ing)|destroy(?:ed|ing)|craters?|missiles?)\b"
)
LABOUR_STRIKE = re.compile(r"\b(?:on strike|general strike|strike by|went on strike|sit in)\b")
# What makes a clause not a report of a state: plans, threats, conditions, denials.
IRREALIS = re.compile(
    r"\b(?:will|would|could|may|might|shall|plans? to|planning to|expected to|set to|due to "
    r"(?:re)?open|threaten\w* to|consider\w*|if|unless|demand\w*|call(?:ed|s)? for|urg\w+|"
    # an agreement, promise or aim to open or close: the crossing has not changed yet
    r"(?:agree[ds]?|agreement|promis\w+|pledg\w+|vow\w*|intend\w*|intention|aim\w*|hop\w+|"
    r"ready|prepar\w+|propos\w+|seek\w*|sought|want\w*|wish\w*) (?:[\w']+ ){0,3}?to)\b"
)
NEGATION = re.compile(r"\b(?:not|n't|never)\b")
DENIAL = re.compile(r"\b(?:denied|deny|denies|denial|rumou?rs?|false|fake)\b")

# Restriction names and the wording that says them (first match wins).
RESTRICTIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("pedestrians only", r"\b(?:pedestrians?|on foot|foot traffic)\b"),
        (
            "departures only",
            r"\bdepartures? only\b|\bonly (?:for |to )?(?:departures?|those (?:leaving|departing)|"
            r"people (?:leaving|departing)|outbound)\b|\bexit only\b",
        ),
        (
            "arrivals only",
            r"\barrivals? only\b|\bonly (?:for |to )?(?:arrivals?|returnees|those (?:entering|"
            r"returning|arriving)|inbound)\b|\bentry only\b",
        ),
        (
            "no vehicles",
            r"\bclosed to (?:all )?(?:vehicles|vehicular traffic|cars)\b|\bno vehicles\b|"
            r"\bvehicles? (?:cannot|can not|could not|unable|can no longer)\b",
        ),
        (
            "no freight",
            r"\b(?:closed to|no|banned|barring|except(?: for)?) (?:trucks?|lorr(?:y|ies)|freight|"
            r"goods|cargo|commercial traffic)\b|\b(?:trucks?|lorr(?:y|ies)|freight|goods|cargo) "
            r"(?:is |are |was |were |remains? )?(?:barred|banned|not allowed|excluded)\b",
        ),
        (
            "passengers only",
            r"\b(?:passengers?|travell?ers|private cars) only\b|\bonly (?:to |for )?(?:passengers?"
            r"|travell?ers|private cars)\b",
        ),
        (
            "residents only",
            r"\bonly (?:to |for )?(?:residents|holders of residency|those with residency)\b|"
            r"\bresidents only\b",
        ),
        (
            "nationals only",
            r"\bonly (?:to |for )?(?:syrian|lebanese) (?:nationals|citizens)\b|\bonly (?:syrians|"
            r"lebanese)\b|\b(?:syrian|lebanese) (?:nationals|citizens) only\b",
        ),
        (
            "some nationals barred",
            r"\b(?:closed|shut) (?:[\w']+ ){0,5}?to (?:lebanese|syrian|foreign)\w*\b|"
            r"\b(?:lebanese|syrian)s? (?:\w+ )?(?:are |were )?(?:barred|banned|refused entry|"
            r"turned back)\b",
        ),
        ("humanitarian cases only", r"\b(?:humanitarian|emergency|medical) cases\b"),
        (
            "entry conditions",
            r"\bentry (?:restrictions|requirements|conditions|rules)\b|\bnew (?:conditions|"
            r"requirements|rules) (?:for|on) (?:entry|entering)\b",
        ),
        ("partial", r"\bpartial(?:ly)?\b|\brestrict\w*\b|\blimited to\b"),
    )
)
# Words that make a restriction a statement of who may cross (not a passing mention).
RESTRICTING = re.compile(
    r"\b(?:only|restrict\w*|limited|barr(?:ed|ing)|bann(?:ed|ing)|allow\w*|permit\w*|prevent\w*|"
    r"closed to|partial(?:ly)?|conditions|requirements|cannot|can not|unable|continu\w+ to cross"
    r"|crossing on foot|on foot|except(?: for)?|closed (?:[\w']+ ){0,5}?to|refused|turned back)\b"
)

# Reasons, in the order they are tried.
REASONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("health", r"\b(?:covid|coronavirus|pandemic|epidemic|cholera|outbreak|quarantine|health)"),
        (
            "works",
            r"\b(?:works?\b|repair|rehabilitat|maintenance|construction|renovat|upgrad|paving|"
            r"rebuil|resurfac)",
        ),
        (
            "strike",
            r"\b(?:air ?strikes?|airstrikes?|strikes?\b(?! by)|struck|bomb|shell(?:ed|ing)|missile|"
            r"raid|drone|warplane)",
        ),
        (
            "security",
            r"\b(?:(?<!general )security|clash|fighting|battle|tension|smuggl|militant|gunmen|"
            r"infiltrat|incursion|unrest|attack|gunfire|violence)",
        ),
        (
            "policy",
            r"\b(?:restrict\w* (?:the )?entry|decision|decided|decree|measures?|regulation|"
            r"requirement|visa|polic|reciproc|entry (?:rules|conditions)|ordered|instructions|"
            r"cabinet|ministry)",
        ),
        (
            "other",
            r"\b(?:holiday|eid\b|on strike|general strike|strike by|sit in|protest|weather|snow|"
            r"storm|flood|fuel shortage|technical)",
        ),
    )
)

SIDE = re.compile(r"\b(?:the )?(lebanese|syrian) side\b")
SIDE_SUBJECT = re.compile(
    r"\b(syria|damascus|syrian authorities|lebanon|beirut|lebanese authorities)(?: has| had)? "
    r"(?:\w+ )?(?:closed|shut|reopened|opened|sealed|suspended|restricted)\b"
)
ATTRIBUTION = re.compile(
    r"\baccording to ([^,.;]{3,80})|,\s*([^,.;]{3,80}?) (?:said|says|reported|announced)\b"
    r"|^([A-Z][^,.;]{2,60}?) (?:said|says|reported|announced)\b"
)
