"""Times of day date an event against the publication day: "overnight", "last night", "this
morning" are dates the small model often leaves untagged (or tags TIME), and an event they
date must not fall back to the week-long default window."""

from __future__ import annotations

from datetime import timedelta

import pytest

from .extracting import NEWS_DATE, exported

YESTERDAY = NEWS_DATE - timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Clashes erupted overnight between the army and gunmen near Arsal, leaving three dead.",
            YESTERDAY,
        ),
        ("Israeli jets struck a house in Hermel last night, killing two people.", YESTERDAY),
        ("Gunmen shot dead a shepherd near Tfail this morning, a security source said.", NEWS_DATE),
        ("Overnight, rebels shelled the town of Mhardeh, killing a child.", YESTERDAY),
    ],
)
def test_a_time_of_day_dates_the_event_to_that_day(extractor, text, day) -> None:  # type: ignore[no-untyped-def]
    found = exported(extractor, text)
    assert found, text
    when = found[0].date
    assert when is not None and when.start == when.end == day and when.precision == 1, (text, when)


def test_a_time_without_a_day_does_not_date_the_event(extractor) -> None:  # type: ignore[no-untyped-def]
    # "at 3 pm" names no day: the event keeps the default window, not a made-up day
    found = exported(extractor, "Gunmen shot dead a shepherd near Tfail at 3 pm.")
    assert found
    when = found[0].date
    assert when is not None and when.precision > 1
