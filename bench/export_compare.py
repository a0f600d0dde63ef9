"""Exports before and after a speed change, compared field by field.

An optimisation must not change a single exported event.  ``dump`` ingests each development
set into a fresh SQLite store with the source tree on ``PYTHONPATH`` and writes, per set, the
events as exported (JSONL) and every document's mentions as extraction returns them;
``compare`` reads two such dumps and prints every difference, field by field (exit status 1
when there is one).

  PYTHONPATH=OLD/src python bench/export_compare.py dump /tmp/before
  PYTHONPATH=src     python bench/export_compare.py dump /tmp/after
  python bench/export_compare.py compare /tmp/before /tmp/after

Sets: ``demo`` (the bundled demo corpus, as ``borderwatch demo`` loads it, without serving),
``samples`` (../shared/samples, with the publication dates of its gold file) and ``geowebnews``
(the 200 GeoWebNews articles).  Fields that record when a row was written (``*_at``,
``stored``) differ between any two runs and are left out of the comparison.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

SHARED = Path(__file__).resolve().parents[2] / "shared"
SETS = ("demo", "samples", "geowebnews")
# Keys whose values are the wall-clock time of the run, not its result.
VOLATILE = ("created_at", "updated_at", "stored_at", "first_stored", "at", "timestamp")


def raws_of(name: str) -> list[Any]:
    from importlib import resources

    from borderwatch.ingest import read_inputs
    from borderwatch.model import RawDocument

    if name == "demo":
        demo = resources.files("borderwatch") / "data" / "demo"
        with resources.as_file(demo) as path:
            return list(read_inputs(sorted(str(p) for p in Path(path).glob("*.txt"))))
    if name == "samples":
        gold = json.loads((SHARED / "samples" / "gold.json").read_text(encoding="utf-8"))
        return [
            RawDocument(
                source=doc["file"],
                content=(SHARED / "samples" / doc["file"]).read_bytes(),
                media_type="text/plain",
                published=date.fromisoformat(doc["published"]),
            )
            for doc in gold["docs"]
        ]
    from corpus import geowebnews

    return geowebnews(200)


def dump(out: Path) -> None:
    from borderwatch.export import export
    from borderwatch.pipeline import Pipeline
    from borderwatch.settings import Settings
    from borderwatch.store import Store

    out.mkdir(parents=True, exist_ok=True)
    pipeline = Pipeline(Settings())
    for name in SETS:
        raws = raws_of(name)
        with (out / f"{name}.mentions.jsonl").open("w", encoding="utf-8") as handle:
            for processed in pipeline.process_many(raws):
                mentions = [dataclasses.asdict(m) for m in processed.mentions]
                record = {"source": Path(processed.source).name, "mentions": mentions}
                handle.write(json.dumps(record, default=str, sort_keys=True) + "\n")
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(str(Path(tmp) / f"{name}.db"))
            outcomes = list(pipeline.ingest(store, raws))
            events = "".join(export(store.events(), "jsonl"))
        (out / f"{name}.events.jsonl").write_text(events, encoding="utf-8")
        stored = sum(1 for o in outcomes if o.status == "stored")
        print(f"{name}: {len(raws)} documents, {stored} stored, {events.count(chr(10))} events")


def differences(before: Any, after: Any, where: str) -> list[str]:
    """Every path at which ``before`` and ``after`` differ, volatile keys left out."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in sorted(set(before) | set(after)):
            if key in VOLATILE:
                continue
            if key not in before or key not in after:
                found.append(f"{where}.{key}: only {'after' if key in after else 'before'}")
            else:
                found += differences(before[key], after[key], f"{where}.{key}")
        return found
    if isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            return [f"{where}: {len(before)} items before, {len(after)} after"]
        return [
            d
            for i, (b, a) in enumerate(zip(before, after, strict=True))
            for d in differences(b, a, f"{where}[{i}]")
        ]
    if where.endswith(".source") and isinstance(before, str) and isinstance(after, str):
        before, after = Path(before).name, Path(after).name  # the checkout's path, not a result
    return [] if before == after else [f"{where}: {before!r} -> {after!r}"]


def compare(before: Path, after: Path) -> int:
    total = 0
    for name in SETS:
        for kind in ("events", "mentions"):
            file = f"{name}.{kind}.jsonl"
            old = [json.loads(line) for line in (before / file).read_text().splitlines()]
            new = [json.loads(line) for line in (after / file).read_text().splitlines()]
            found = differences(old, new, file)
            total += len(found)
            print(f"{file}: {len(old)} records, {len(found)} differences")
            for line in found[:20]:
                print(f"  {line}")
    print("IDENTICAL" if total == 0 else f"{total} DIFFERENCES")
    return 1 if total else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    both = sub.add_parser("compare")
    both.add_argument("before", type=Path)
    both.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out)
    else:
        sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
