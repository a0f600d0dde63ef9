"""The crossing board over a real store, from invented reports ingested by the real pipeline:
status at a date (unknown before any claim, "all except", damage, same-day disputes), events
linked by distance and by name, re-ingest and retraction, the CLI's JSON equal to the API's,
and the same board on PostgreSQL as on SQLite."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from borderwatch.commit import retract
from borderwatch.crossings import load_crossings
from borderwatch.model import RawDocument
from borderwatch.pipeline import Pipeline
from borderwatch.serve import create_app
from borderwatch.settings import Settings
from borderwatch.store import Store

from .conftest import LOCAL, borderwatch_command
from .test_postgres import pg_url  # noqa: F401, F811  (the fixture)

# Invented reports: (name, published, outlet, text).
REPORTS = [
    (
        "all-closed.txt",
        date(2024, 10, 1),
        "Cedar Wire",
        "Lebanon closed all its land border crossings with Syria except Masnaa on Monday, "
        "the army said.",
    ),
    (
        "strike.txt",
        date(2024, 10, 5),
        "Cedar Wire",
        "An Israeli air strike on Friday hit the Masnaa crossing, cutting the highway to "
        "Damascus, the transport minister said.",
    ),
    (
        "pedestrians.txt",
        date(2024, 10, 9),
        "Orontes Daily",
        "The Jdaidet Yabous crossing reopened to pedestrians only on Tuesday, UNHCR said.",
    ),
    (
        "still-closed.txt",
        date(2024, 10, 9),
        "Bekaa Post",
        "The Masnaa crossing remained closed on Tuesday, a Lebanese official said.",
    ),
    (
        "seizure.txt",
        date(2024, 10, 10),
        "Bekaa Post",
        "Lebanese soldiers seized 40 kilograms of captagon pills in Majdal Anjar on Wednesday "
        "and arrested two smugglers, the army said.",
    ),
    (
        "clash.txt",
        date(2024, 10, 10),
        "Orontes Daily",
        "Syrian forces clashed with gunmen near the Jousieh crossing on Sunday, killing two "
        "of them, a security source said.",
    ),
    (
        "arsal.txt",
        date(2024, 10, 10),
        "Bekaa Post",
        "Gunmen kidnapped two shepherds near Arsal on Tuesday, residents said.",
    ),
]


def raws() -> list[RawDocument]:
    return [
        RawDocument(
            source=name,
            content=f"Border report\n\n{text}".encode(),
            media_type="text/plain",
            published=published,
            outlet=outlet,
        )
        for name, published, outlet, text in REPORTS
    ]


def ingest(pipeline: Pipeline, store: Store) -> list[str]:
    return [c.status for c in pipeline.ingest(store, raws())]


@pytest.fixture(scope="module")
def db(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("board") / "board.db"
    assert ingest(pipeline, Store(str(path))) == ["stored"] * len(REPORTS)
    return path


def board(store: Store, day: date) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in store.crossing_board(load_crossings(), day)}


def test_unknown_before_any_claim(db: Path) -> None:
    rows = board(Store(str(db)), date(2024, 9, 29))
    assert {r["status"] for r in rows.values()} == {"unknown"}
    assert all(r["since"] is None and r["evidence"] == [] for r in rows.values())


def test_all_crossings_except_one(db: Path) -> None:
    rows = board(Store(str(db)), date(2024, 10, 2))
    for crossing in ("qaa", "arida", "aboudiyeh", "jisr_qamar", "matraba"):
        assert (rows[crossing]["status"], rows[crossing]["since"]) == ("closed", "2024-09-30")
    assert rows["masnaa"]["status"] == "open"
    assert rows["hawsh_al_sayyed_ali"]["status"] == "unknown"  # informal: not in "all"


def test_strike_closes_and_damages(db: Path) -> None:
    row = board(Store(str(db)), date(2024, 10, 6))["masnaa"]
    assert (row["status"], row["reason"], row["damaged"], row["since"]) == (
        "closed",
        "strike",
        True,
        "2024-10-04",
    )
    [evidence] = row["evidence"]
    assert evidence["sentence"].startswith("An Israeli air strike on Friday hit the Masnaa")
    assert (evidence["outlet"], evidence["published"]) == ("Cedar Wire", "2024-10-05")


def test_same_day_disagreement_is_disputed(db: Path) -> None:
    row = board(Store(str(db)), date(2024, 10, 8))["masnaa"]
    assert row["status"] == "disputed" and row["disputed"] is True
    assert {e["status"] for e in row["evidence"]} == {"restricted", "closed"}
    assert {e["outlet"] for e in row["evidence"]} == {"Orontes Daily", "Bekaa Post"}


def test_events_linked_by_distance_and_by_name(db: Path) -> None:
    rows = board(Store(str(db)), date(2024, 10, 10))
    masnaa = {e["event_id"]: e for e in rows["masnaa"]["events"]}
    seizures = [e for e in masnaa.values() if e["location"] == "Majdal Anjar"]
    assert seizures and all(e["linked_by"] == "near" and e["km"] < 5 for e in seizures)
    assert rows["masnaa"]["pressure"] >= 1
    assert any(e["linked_by"] == "named" for e in masnaa.values())  # the strike's report
    clash = [e for e in rows["qaa"]["events"] if e["event_type"] == "Battles"]
    assert clash and clash[0]["linked_by"] == "named"
    assert not any(e["location"] == "Arsal" for e in masnaa.values())
    assert not any(e["location"] == "Majdal Anjar" for e in rows["qaa"]["events"])


def test_history_lists_every_claim_newest_first(db: Path) -> None:
    store = Store(str(db))
    registry = load_crossings()
    masnaa = registry.get("masnaa")
    assert masnaa is not None
    history = store.crossing_history(registry, masnaa, date(2024, 10, 10))
    starts = [c["window"]["start"] for c in history["claims"]]
    assert starts == sorted(starts, reverse=True) and len(starts) == 4
    assert history["sources"] and history["events"]


def test_reingest_changes_nothing_and_retraction_removes_claims(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    store = Store(str(tmp_path / "again.db"))
    ingest(pipeline, store)
    before = [c.claim_id for c in store.crossing_claims()]
    assert ingest(pipeline, store) == ["unchanged"] * len(REPORTS)
    assert [c.claim_id for c in store.crossing_claims()] == before
    retract(store, "still-closed.txt", pipeline.settings.fatality_rule)
    row = board(store, date(2024, 10, 8))["masnaa"]
    assert (row["status"], row["restriction"]) == ("restricted", "pedestrians only")
    assert len(store.crossing_claims()) == len(before) - 1


def test_cli_json_and_api_agree(db: Path, cli_env: dict[str, str]) -> None:
    done = subprocess.run(
        [*borderwatch_command(), "crossings", "--at", "2024-10-08", "--json", "--db", str(db)],
        capture_output=True,
        text=True,
        env=cli_env,
        check=True,
    )
    from_cli = json.loads(done.stdout)
    with TestClient(create_app(Settings(db=str(db))), base_url=LOCAL) as client:
        from_api = client.get("/api/crossings", params={"at": "2024-10-08"}).json()
        one = client.get("/api/crossings/masnaa", params={"at": "2024-10-08"})
        missing = client.get("/api/crossings/nowhere")
    assert from_cli == from_api
    assert [r["status"] for r in from_cli["crossings"]][:2] == ["disputed", "closed"]
    assert one.status_code == 200 and one.json()["status"] == "disputed"
    assert missing.status_code == 404


def test_cli_show_names_unknown_crossing(db: Path, cli_env: dict[str, str]) -> None:
    done = subprocess.run(
        [*borderwatch_command(), "crossings", "show", "nowhere", "--db", str(db)],
        capture_output=True,
        text=True,
        env=cli_env,
    )
    assert done.returncode == 1 and "no crossing 'nowhere'; known: masnaa" in done.stderr


def test_postgres_gives_the_same_board(
    pipeline: Pipeline,
    db: Path,
    pg_url: str,  # noqa: F811
) -> None:
    store = Store(pg_url)
    assert ingest(pipeline, store) == ["stored"] * len(REPORTS)
    assert ingest(pipeline, store) == ["unchanged"] * len(REPORTS)
    sqlite = Store(str(db))
    for day in (date(2024, 9, 29), date(2024, 10, 2), date(2024, 10, 8), date(2024, 10, 10)):
        assert board(store, day) == board(sqlite, day), day
    retract(store, "strike.txt", pipeline.settings.fatality_rule)
    assert board(store, date(2024, 10, 6))["masnaa"]["status"] == "open"  # back to "except"


def test_the_demo_corpus_shows_a_board_with_history(pipeline: Pipeline, tmp_path: Path) -> None:
    from .test_postgres import demo_documents

    store = Store(str(tmp_path / "demo.db"))
    assert all(c.status == "stored" for c in pipeline.ingest(store, demo_documents()))

    def status(day: date, crossing: str) -> str:
        return str(board(store, day)[crossing]["status"])

    assert status(date(2025, 8, 1), "qaa") == "unknown"
    assert status(date(2025, 8, 15), "qaa") == "closed"
    assert status(date(2025, 8, 24), "qaa") == "open"
    matraba = board(store, date(2026, 2, 1))["matraba"]
    assert (matraba["status"], matraba["damaged"]) == ("closed", True)
    assert status(date(2026, 2, 23), "matraba") == "open"
    assert status(date(2026, 9, 23), "qaa") == "disputed"  # files 35 and 36
    assert status(date(2026, 9, 23), "arida") == "closed"
    assert status(date(2026, 9, 23), "masnaa") == "open"
    assert {status(date(2026, 9, 30), c) for c in ("masnaa", "qaa", "arida", "matraba")} == {"open"}


@pytest.mark.parametrize("command", [["crossings"], ["crossings", "show"], ["alerts", "add"]])
def test_crossing_commands_have_help_with_an_example(
    command: list[str], cli_env: dict[str, str]
) -> None:
    done = subprocess.run(
        [*borderwatch_command(), *command, "--help"],
        capture_output=True,
        text=True,
        env=cli_env,
        check=True,
    )
    assert "Example:" in done.stdout
