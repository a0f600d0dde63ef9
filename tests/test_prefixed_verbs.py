"""A verb built with a prefix on an irregular one ("retake", "overrun", "withdraw") is found in
all its forms: the lemmatizer knows "took" is "take" but leaves "retook" as it is, so "the
army retook the town" gave no event.  Invented sentences, and the forms themselves."""

from __future__ import annotations

import pytest

from borderwatch.extract.triggers import inflections, prefixed_forms

from .extracting import exported

IRREGULAR = {"take": {"took", "taken"}, "run": {"ran"}, "draw": {"drew", "drawn"}}


def test_prefixed_verbs_take_their_bases_irregular_forms():
    assert {"retook", "retaken"} <= inflections("retake", IRREGULAR)
    assert "overran" in inflections("overrun", IRREGULAR)
    found = prefixed_forms({"retake", "withdraw", "attack"}, IRREGULAR)
    assert found == {
        "retook": "retake",
        "retaken": "retake",
        "withdrew": "withdraw",
        "withdrawn": "withdraw",
    }


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        (
            "The army retook the town of Palmyra from Islamic State on Sunday.",
            "Government regains territory",
        ),
        (
            "Rebels retook the village of Kafr Nabudah on Tuesday.",
            "Non-state actor overtakes territory",
        ),
        (
            "Syrian troops retook the hills near Zabadani from the rebels on Monday.",
            "Government regains territory",
        ),
    ],
)
def test_retaking_a_place_is_a_change_of_territory(extractor, text, sub_type):
    assert sub_type in [m.sub_event_type for m in exported(extractor, text)]


def test_retaking_what_is_no_place_is_no_event(extractor):
    assert exported(extractor, "The senator retook his seat in parliament on Monday.") == []
