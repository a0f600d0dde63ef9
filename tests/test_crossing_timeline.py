"""A year of a border's crossings told by short invented reports written in the styles of wire
copy and UNHCR updates (modelled on the kinds of events shared/reference/crossings.md lists,
not copied from any report): the status of each crossing at checked dates comes out right."""

from __future__ import annotations

from datetime import date

import pytest

from borderwatch.crossings import ClaimExtractor, CrossingClaim, load_crossings
from borderwatch.crossings.board import status_at
from borderwatch.crossings.claims import split_sentences
from borderwatch.model import Article

REPORTS = [
    (
        date(2024, 9, 28),
        "Israeli strikes on Friday put the Matraba crossing between Lebanon and Syria out of "
        "service, Lebanon's transport minister said.",
    ),
    (
        date(2024, 10, 4),
        "An Israeli strike early on Friday cut the road at the Masnaa border crossing, forcing "
        "people fleeing to Syria to cross on foot.",
    ),
    (
        date(2024, 10, 25),
        "The Qaa crossing between Lebanon and Syria is out of service after an Israeli strike "
        "on Friday, the minister said.",
    ),
    (
        date(2024, 12, 6),
        "Lebanon on Friday closed all land border crossings with Syria except the Masnaa "
        "crossing, General Security said.",
    ),
    (
        date(2025, 1, 3),
        "Syrian authorities on Friday began restricting the entry of Lebanese citizens at the "
        "Jdeidet Yabous crossing, allowing in only those with residency.",
    ),
    (
        date(2025, 2, 10),
        "The Joussieh crossing has been closed since 3 February as public works are ongoing, "
        "UNHCR said.",
    ),
    (
        date(2025, 6, 2),
        "Syria will reopen the Arida crossing with Lebanon on Tuesday ahead of the Eid holiday.",
    ),
    (
        date(2025, 6, 3),
        "The Arida border crossing reopened on Tuesday after a closure of several months, and "
        "the first cars crossed in the morning.",
    ),
]

CHECKS = [
    (date(2024, 9, 26), "matraba", "unknown", None),
    (date(2024, 9, 30), "matraba", "closed", "2024-09-27"),
    (date(2024, 10, 5), "masnaa", "restricted", "2024-10-04"),
    (date(2024, 11, 1), "qaa", "closed", "2024-10-25"),
    (date(2024, 12, 7), "arida", "closed", "2024-12-06"),
    (date(2024, 12, 7), "masnaa", "open", "2024-12-06"),
    (date(2025, 1, 4), "masnaa", "restricted", "2025-01-03"),
    (date(2025, 2, 11), "qaa", "closed", "2024-10-25"),
    (date(2025, 6, 2), "arida", "closed", "2024-12-06"),
    (date(2025, 6, 4), "arida", "open", "2025-06-03"),
    (date(2025, 6, 4), "jisr_qamar", "closed", "2024-12-06"),
]


@pytest.fixture(scope="module")
def claims() -> list[CrossingClaim]:
    extractor = ClaimExtractor(load_crossings())
    found: list[CrossingClaim] = []
    for n, (published, text) in enumerate(REPORTS):
        article = Article(doc_key=f"r{n}", source=f"r{n}.txt", text=text, published=published)
        found += extractor.extract(article, split_sentences(text))
    return found


@pytest.mark.parametrize(("day", "crossing", "status", "since"), CHECKS)
def test_status_at_checked_dates(
    claims: list[CrossingClaim], day: date, crossing: str, status: str, since: str | None
) -> None:
    row = status_at([c for c in claims if c.crossing_id == crossing], day)
    assert (row["status"], row["since"]) == (status, since)


def test_details_of_the_year(claims: list[CrossingClaim]) -> None:
    def row(crossing: str, day: date) -> dict:
        return status_at([c for c in claims if c.crossing_id == crossing], day)

    masnaa = row("masnaa", date(2024, 10, 5))
    assert (masnaa["restriction"], masnaa["damaged"], masnaa["reason"]) == (
        "pedestrians only",
        True,
        "strike",
    )
    assert row("masnaa", date(2025, 1, 4))["restriction"] == "residents only"
    qaa = row("qaa", date(2025, 2, 11))
    assert qaa["reason"] == "works" and qaa["evidence"][0]["window"]["start"] == "2025-02-03"
    assert row("qaa", date(2024, 11, 1))["damaged"] is True
