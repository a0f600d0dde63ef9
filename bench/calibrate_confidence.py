"""Fit the weights of extract/confidence.py on the development sets (reproducible; no download).

Each exported mention is labelled right or wrong: CASE 2021 Task 2 even half (the mention's event
type is the snippet's), GeoWebNews (the article reports an ACLED-codable event).  A logistic
regression (gradient descent, L2) over :func:`borderwatch.extract.confidence.features` is fitted
and printed as the ``WEIGHTS`` dict to paste into extract/confidence.py.

Usage: PYTHONPATH=src python bench/calibrate_confidence.py
"""

from __future__ import annotations

import csv
import json
import math
import sys
from datetime import date
from pathlib import Path

from borderwatch.clean import content_key
from borderwatch.evaluate_snippets import CASE2021_LABELS
from borderwatch.extract import confidence as conf
from borderwatch.model import ACLED_TYPES, EXPORTED_MODALITIES, Article, Mention
from borderwatch.pipeline import Pipeline
from borderwatch.settings import Settings

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SUB_TO_TYPE = {s: t for t, subs in ACLED_TYPES.items() for s in subs}
L2 = 0.01
STEPS = 3000
RATE = 0.5


def _evidence(m: Mention) -> frozenset[str]:
    """The scope evidence a mention was admitted on, as its ``why`` records it."""
    text = m.why.get("evidence", "")
    return frozenset(e.strip() for e in text.split(",") if e.strip())


def samples(extractor) -> list[tuple[dict[str, float], bool]]:  # type: ignore[no-untyped-def]
    rows: list[tuple[dict[str, float], bool]] = []

    def run(text: str, published: date) -> list[Mention]:
        article = Article(doc_key=content_key(text), source="dev", text=text, published=published)
        return [m for m in extractor.extract(article) if m.modality in EXPORTED_MODALITIES]

    path = DATA / "case2021_task2" / "dev_even_ids.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            gold = CASE2021_LABELS.get(row["SubType"])
            if gold is not None:
                for m in run(row["EventSnippet"], date(2020, 1, 1)):
                    rows.append(
                        (conf.features(m, _evidence(m)), m.event_type == SUB_TO_TYPE.get(gold))
                    )
    folder = DATA / "geowebnews"
    for line in (folder / "event_labels.jsonl").open(encoding="utf-8"):
        lab = json.loads(line)
        text = (folder / "brat_annotations" / f"{lab['id']}.txt").read_text(encoding="utf-8")
        for m in run(text, date(2018, 6, 1)):
            rows.append((conf.features(m, _evidence(m)), bool(lab["acled_event"])))
    return rows


def fit(rows: list[tuple[dict[str, float], bool]]) -> dict[str, float]:
    names = sorted({k for f, _ in rows for k in f})
    w = dict.fromkeys(names, 0.0)
    for _ in range(STEPS):
        grad = dict.fromkeys(names, 0.0)
        for f, y in rows:
            p = 1 / (1 + math.exp(-sum(w[k] * v for k, v in f.items())))
            for k, v in f.items():
                grad[k] += (p - y) * v
        for k in names:
            w[k] -= RATE * (grad[k] / len(rows) + (L2 * w[k] if k != "bias" else 0.0))
    return {k: round(v, 3) for k, v in w.items()}


def main() -> int:
    extractor = Pipeline(Settings()).extractor
    rows = samples(extractor)
    weights = fit(rows)
    print(f"# {len(rows)} mentions, {sum(y for _, y in rows)} right")
    print("WEIGHTS: dict[str, float] = {")
    for k, v in weights.items():
        print(f'    "{k}": {v},')
    print("}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
