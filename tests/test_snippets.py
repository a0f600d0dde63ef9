"""Event typing on CASE 2021 Task 2 snippets (ACLED sub-event types; dev half in ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderwatch.evaluate_snippets import CASE2021_LABELS, NO_EVENT, score_case2021

from .conftest import DATA

CASE = DATA / "case2021_task2" / "dev_even_ids.tsv"
# Thirty classes; the majority class is 6% of the rows.  Raise when it improves; never lower.
ACCURACY_FLOOR = 0.7
MACRO_F1_FLOOR = 0.65


@pytest.mark.skipif(not CASE.is_file(), reason="../shared/data not present")
def test_case2021_sub_event_accuracy(extractor) -> None:  # type: ignore[no-untyped-def]
    scores = score_case2021(CASE, extractor)
    assert scores.total == 510
    assert scores.accuracy >= ACCURACY_FLOOR, scores.confusion.most_common(10)
    assert scores.macro_f1 >= MACRO_F1_FLOOR, scores.confusion.most_common(10)


def test_macro_f1_weighs_every_type_alike() -> None:
    from collections import Counter

    from borderwatch.evaluate_snippets import SnippetScores

    # a frequent type always right and a rare one always missed: accuracy 0.9, macro-F1 0.5
    scores = SnippetScores(10, 9, Counter({("Grenade", "Grenade"): 9, ("Looting", NO_EVENT): 1}))
    assert scores.accuracy == 0.9
    assert scores.macro_f1 == 0.5


def test_every_case_label_maps_to_an_acled_sub_type_or_no_event() -> None:
    from borderwatch.model import ACLED_TYPES

    subs = {s for subs in ACLED_TYPES.values() for s in subs}
    assert all(v in subs or v == NO_EVENT for v in CASE2021_LABELS.values())


def test_snippet_file_is_read_by_path(tmp_path: Path, extractor) -> None:  # type: ignore[no-untyped-def]
    sample = tmp_path / "s.tsv"
    sample.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tGunmen kidnapped two farmers near the village on Monday.\tABDUCT_DISSAP\n"
        "2\tThe central bank raised interest rates on Monday.\tDIPLO\n",
        encoding="utf-8",
    )
    scores = score_case2021(sample, extractor)
    assert (scores.total, scores.correct) == (2, 2)
