"""The day of an event told as so long after (or before) another: "the crossing reopened on
Tuesday, a week after lorry drivers protested" tells the protest a week before Tuesday, not on
it; "troops clashed with smugglers on Sunday, two days after gunmen abducted a soldier", the
abduction two days before Sunday.  The parse hangs the told clause off the other (advcl) with
its conjunction ("after", "before") and the length of time ("a week", npadvmod).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from ..model import DateSpan
from ..resolve import resolve_date

# The conjunction of the told clause, and the way to count from the other clause's day:
# "a week after X" puts X a week earlier; "two days before X", two days later.
OFFSET_MARKS = {"after": "earlier", "before": "later"}


def offset_clause(trigger: Token, spans: list[Span]) -> tuple[Span, str] | None:
    """The length of time ("a week") and the way to count it when ``trigger`` is the verb of
    a clause told as that long after (or before) the clause it hangs from."""
    if trigger.pos_ != "VERB" or trigger.dep_ != "advcl":
        return None
    mark = next(
        (c for c in trigger.children if c.dep_ == "mark" and c.lower_ in OFFSET_MARKS), None
    )
    if mark is None:
        return None
    for child in trigger.children:
        if child.dep_ != "npadvmod":
            continue
        quantity = next((e for e in spans if e.start <= child.i < e.end), None)
        if quantity is not None:
            return quantity, OFFSET_MARKS[mark.lower_]
    return None


def shifted_day(offset: tuple[Span, str], spans: list[Span], published: date) -> DateSpan | None:
    """The other clause's day moved by the length of time; None when the sentence gives no
    day besides the length itself."""
    quantity, direction = offset
    for ent in spans:
        if ent == quantity:
            continue
        told = resolve_date(ent.text, published)
        if told is not None:
            return resolve_date(f"{quantity.text} {direction}", published, anchor=told.best)
    return None
