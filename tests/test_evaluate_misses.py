"""``borderwatch evaluate --misses``: one line per unmatched gold event and per wrong field of a
matched pair, the export's value beside the gold's."""

from __future__ import annotations

from click.testing import CliRunner

from borderwatch.cli.evaluating import evaluate
from borderwatch.evaluate import EvalReport, miss_lines, score_document


def _report() -> EvalReport:
    gold = [
        {
            "id": "g-clash",
            "type": "Battles",
            "sub": "Armed clash",
            "date": ["2025-08-11", "2025-08-11"],
            "lat": 34.45,
            "lon": 36.4,
            "actors": ["Lebanese clan gunmen", "civilians"],
        },
        {
            "id": "g-missed",
            "type": "Protests",
            "sub": "Peaceful protest",
            "date": ["2025-08-01", "2025-08-01"],
            "lat": 33.0,
            "lon": 35.0,
        },
    ]
    predicted = [
        {
            "event_id": "e1",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "event_date": "2025-08-11",
            "latitude": 34.45,
            "longitude": 36.4,
            "location": "Hawsh al-Sayyed Ali",
            "actor1": "Unidentified Clan Militia (Lebanon)",
            "actor1_text": "clan gunmen",
            "actor2": "Military Forces of Lebanon",
            "actor2_text": "soldiers",
        }
    ]
    report = EvalReport()
    score_document(predicted, gold, report, "doc.txt")
    return report


def test_misses_list_unmatched_events_and_wrong_fields() -> None:
    lines = miss_lines(_report())
    assert lines[0] == "unmatched doc.txt: g-missed"
    assert any(
        line.startswith("actor2 doc.txt: g-clash: export 'Military Forces") for line in lines
    )
    assert not any(line.startswith(("actor1 ", "place ", "date ", "sub_type ")) for line in lines)


def test_the_cli_offers_misses() -> None:
    result = CliRunner().invoke(evaluate, ["--help"])
    assert "--misses" in result.output
