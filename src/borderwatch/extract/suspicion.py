"""Who is held on suspicion of what: membership of an organised armed group, or political
violence (attacks, bombings, terrorism).  ACLED codes the arrest of such suspects (Arrests:
politically significant); an ordinary crime ring's is not.  Read by :mod:`.scope_evidence`
(evidence "armed_target").
"""

from __future__ import annotations

import re

# "on suspicion of belonging to X", "accused of links to X": the people acted on are held as
# (suspected) members of X; when X is an organised group, not a crime ring, ACLED codes the
# arrest (Arrests: politically significant), as an arrest of that group's members.
MEMBERSHIP = re.compile(
    r"\b(?:suspicion\s+of|suspected\s+of|accused\s+of|charged\s+with|charges\s+of)\s+"
    r"(?:belonging\s+to|being\s+(?:an?\s+)?(?:members?|part)\s+of|membership\s+(?:of|in)|"
    r"(?:having\s+)?(?:links|ties)\s+(?:to|with)|affiliation\s+with|joining|fighting\s+for|"
    r"collaborating\s+with|spying\s+for)\s+(?P<what>[^,.;]{1,60})",
    re.I,
)
ORGANISED_WORDS = re.compile(
    r"\b(?:group|militia|organi[sz]ation|faction|movement|brigade|cell|front|army|party)\b"
    r"|\b[A-Z][A-Za-z-]+",
)
CRIME_WORDS = re.compile(r"\b(?:gang|ring|smuggling|drug|trafficking|criminal|mafia)\b", re.I)
# "suspected of planning attacks", "accused of carrying out bombings", "on suspicion of
# terrorism": held for political violence, which ACLED codes the arrest for as it does for
# membership of an armed group.
VIOLENCE_SUSPECTED = re.compile(
    r"\b(?:suspicion\s+of|suspected\s+of|accused\s+of|charged\s+with)\s+"
    r"(?:(?:planning|plotting|preparing|carrying\s+out|staging|involvement\s+in|"
    r"taking\s+part\s+in)\s+)?(?:(?:terror|terrorist|suicide|bomb)\s+)?"
    r"(?:attacks|bombings|assassinations|terrorism|terrorist\s+acts)\b",
    re.I,
)


def suspected_member(text: str) -> bool:
    """Those acted on are held as suspected members of an organised group, or as suspects of
    political violence (see the patterns above)."""
    if VIOLENCE_SUSPECTED.search(text):
        return True
    match = MEMBERSHIP.search(text)
    if match is None:
        return False
    what = match.group("what")
    return bool(ORGANISED_WORDS.search(what)) and not CRIME_WORDS.search(what)
