"""The real CLI in a subprocess, on a real SQLite file."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from borderwatch.pipeline import Pipeline

from .conftest import SAMPLES, borderwatch_command, samples_available

SAMPLE = SAMPLES / "004_1e0799d9248bea6d.txt"
CONTRACT = {
    "event_id",
    "event_date",
    "date_start",
    "date_end",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "counts",
    "sources",
    "confidence",
    "notes",
}


def run(
    args: list[str], env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        borderwatch_command() + args,
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


needs_samples = pytest.mark.skipif(not samples_available(), reason="../shared/samples not present")


@needs_samples
def test_ingest_then_export_jsonl_follows_the_contract(
    cli_env: dict[str, str], tmp_path: Path, pipeline: Pipeline
) -> None:
    ingest = run(["ingest", str(SAMPLE), "--published", "2017-08-24"], cli_env)
    assert ingest.returncode == 0, ingest.stderr
    exported = run(["export", "--format", "jsonl"], cli_env)
    assert exported.returncode == 0, exported.stderr
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert records, "the sample article must yield events"
    for record in records:
        assert set(record) >= CONTRACT
        assert record["sources"] and all(s["sentence"].strip() for s in record["sources"])
        assert record["sources"][0]["published"] == "2017-08-24"
        assert record["time_precision"] in (1, 2, 3, 4)
    # the whole set, not "some event is a battle": the CLI exports exactly what the library
    # makes of the same document (accuracy against the gold is test_evaluate's job)
    assert _kinds(records) == _kinds(library_events(tmp_path, pipeline))


def _kinds(records: list[dict]) -> list[tuple]:
    return sorted((r["event_type"], r["sub_event_type"], r["location"] or "") for r in records)


def library_events(tmp_path: Path, pipeline: Pipeline) -> list[dict]:
    from borderwatch.export import export_record
    from borderwatch.ingest import read_inputs
    from borderwatch.store import Store

    store = Store(str(tmp_path / "library.db"))
    raws = read_inputs([str(SAMPLE)], published=date(2017, 8, 24))
    list(pipeline.ingest(store, raws))
    return [export_record(e) for e in store.events()]


@needs_samples
def test_reingest_changes_nothing(cli_env: dict[str, str]) -> None:
    run(["ingest", str(SAMPLE), "--published", "2017-08-24"], cli_env)
    first = run(["export"], cli_env).stdout
    again = run(["ingest", str(SAMPLE), "--published", "2017-08-24"], cli_env)
    assert again.returncode == 0
    assert "unchanged" in again.stderr
    assert run(["export"], cli_env).stdout == first


def test_bad_inputs_are_reported_and_the_batch_goes_on(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "Gunmen abducted two farmers near the village of Qasr on Monday, "
        "residents said. The army later arrested three suspects.\n",
        encoding="utf-8",
    )
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = run(
        ["ingest", str(good), str(binary), str(empty), str(missing), "--published", "2024-03-06"],
        cli_env,
    )
    assert result.returncode == 1
    assert f"{binary}: clean: binary file" in result.stderr
    assert f"{missing}: ingest: no such file" in result.stderr
    assert str(empty) in result.stderr
    events = run(["export"], cli_env)
    assert events.stdout.strip(), "the good document must still be stored"


def test_malformed_published_date_is_a_clear_error(tmp_path: Path, cli_env: dict[str, str]) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Clashes erupted near the border on Friday.", encoding="utf-8")
    result = run(["ingest", str(doc), "--published", "31/02/2024"], cli_env)
    assert result.returncode == 2
    assert "is not a date; use YYYY-MM-DD" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["ingest"],
        ["events"],
        ["event"],
        ["export"],
        ["serve"],
        ["demo"],
        ["evaluate"],
        ["resolve", "date"],
        ["resolve", "place"],
        ["resolve", "actor"],
    ],
)
def test_every_command_has_help_with_an_example(
    command: list[str], cli_env: dict[str, str]
) -> None:
    result = run([*command, "--help"], cli_env)
    assert result.returncode == 0
    assert "Example:" in result.stdout


@needs_samples
def test_export_csv_and_geojson(cli_env: dict[str, str], tmp_path: Path) -> None:
    run(["ingest", str(SAMPLE), "--published", "2017-08-24"], cli_env)
    csv_file = tmp_path / "events.csv"
    assert run(["export", "--format", "csv", "-o", str(csv_file)], cli_env).returncode == 0
    header = csv_file.read_text(encoding="utf-8").splitlines()[0].split(",")
    # ACLED's export header comes first, in ACLED's order
    assert header[:3] == ["data_id", "iso", "event_id_cnty"] and "sub_event_type" in header
    geo = json.loads(run(["export", "--format", "geojson"], cli_env).stdout)
    assert geo["type"] == "FeatureCollection"
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])


def test_resolve_date_command(cli_env: dict[str, str]) -> None:
    result = run(["resolve", "date", "earlier this month", "--published", "2017-08-24"], cli_env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"start": "2017-08-01", "end": "2017-08-23", "precision": 3}
