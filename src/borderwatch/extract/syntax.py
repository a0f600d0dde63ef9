"""Small helpers over spaCy dependency trees, shared by the argument and modality finders."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .munitions import volley_of

# Arcs from a trigger to the phrase that says who acted.
AGENT_ARCS = frozenset({"nsubj", "agent", "compound", "amod", "poss", "npadvmod"})
# Arcs from a trigger to the phrase that says on whom (or what) it acted.
PATIENT_ARCS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
PATIENT_PREPS = frozenset({"against", "on", "at", "targeting", "upon", "toward", "towards", "of"})
ALLY_PREPS = frozenset({"with", "alongside", "beside"})
# Verbs that only carry a noun trigger ("launched an offensive", "carried out a raid").
SUPPORT_VERBS = frozenset(
    {
        "launch",
        "carry",
        "conduct",
        "stage",
        "mount",
        "begin",
        "start",
        "wage",
        "take",
        "occur",
        "happen",
        "be",
        "have",
        "see",
        "continue",
        "lead",
        "undertake",
        "execute",
        "make",
        "hold",
        "reach",
        "sign",
        "break",
        "erupt",
        # "fighting raged / flared / ensued between A and B": the clash noun's verb of going
        # on; spaCy's lemmatizer reads "raged" as "rag"
        "rage",
        "rag",
        "flare",
        "ensue",
        "persist",
        "announce",
        "complete",
        "resume",
        "intensify",
        "join",
        "open",
        "bring",
        "send",
        "deploy",
        "dispatch",
    }
)


def path_up(token: Token, stop: Token, limit: int = 12) -> list[Token] | None:
    """Tokens from ``token`` up to (not including) ``stop`` if ``stop`` is an ancestor."""
    path: list[Token] = []
    current = token
    for _ in range(limit):
        if current == stop:
            return path
        path.append(current)
        if current.head == current:
            return None
        current = current.head
    return None


def tree_distance(a: Token, b: Token) -> int:
    """Number of arcs between two tokens of one sentence."""
    ancestors_a = [a, *a.ancestors]
    ancestors_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(ancestors_b)}
    for n, t in enumerate(ancestors_a):
        if t.i in index_b:
            return n + index_b[t.i]
    return abs(a.i - b.i) + 10


def arc_below(trigger: Token, span: Span) -> Token | None:
    """The child of ``trigger`` under which ``span`` hangs (None if not below the trigger)."""
    path = path_up(span.root, trigger)
    if not path:
        return None
    return path[-1]


def governing_verb(token: Token) -> Token | None:
    """The verb a noun trigger hangs from ("offensive" in "launched an offensive"), through a
    quantity that counts it ("hit the post with a wave of rockets")."""
    current = volley_of(token)
    for _ in range(3):
        if current.head == current:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def in_span(token: Token, spans: list[Span]) -> bool:
    return any(s.start <= token.i < s.end for s in spans)
