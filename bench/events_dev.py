"""Precision AND recall of event extraction on the negative-rich dev sets, in one run.

For each set it prints what extraction exports by default (modalities asserted/reported and in
ACLED scope), so that a gain in precision cannot hide a loss in recall:

  geowebnews   general news, each article labelled "reports an ACLED-codable event" or not:
               quiet (no-event articles exporting nothing), noise (exported mentions from no-event
               articles), found (event articles exporting something)
  india        IndiaPoliceEvents sentences (Times of India, 2002): per class P/R, where ARREST is
               an Arrests mention in the sentence, KILL a mention with a death count or a killing,
               ANY_ACTION any exported mention
  case         CASE 2021 Task 2 dev half: accuracy, macro-F1 over ACLED sub-event types,
               event / no-event P/R, and a per-sub-type table (P/R/F1/support, what each type's
               snippets were called instead, which types its false positives came from)
  polnear      US political news (no labels): exported mentions per 100 sentences
  calibration  exported mentions binned by confidence, with the share that is right (CASE: the
               event type matches the snippet's; geowebnews: the article reports an event)

CASE is also scored on two fixed halves of its dev file (by a hash of the snippet id, as
``../shared/tools`` split their sets): tune on one, check on the other, report both.

Usage: PYTHONPATH=src python bench/events_dev.py [--sets geowebnews,india,case,polnear]
       [--india-docs 400] [--json OUT] [--case-misses N]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from borderwatch.clean import content_key
from borderwatch.evaluate_snippets import CASE2021_LABELS, NO_EVENT
from borderwatch.model import ACLED_TYPES, EXPORTED_MODALITIES, Article, Mention
from borderwatch.pipeline import Pipeline
from borderwatch.settings import Settings

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SUB_TO_TYPE = {s: t for t, subs in ACLED_TYPES.items() for s in subs}
BINS = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def exported(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.modality in EXPORTED_MODALITIES]


def article(text: str, published: date) -> Article:
    return Article(doc_key=content_key(text), source="dev", text=text, published=published)


def geowebnews(extractor: Any, calib: list[tuple[float, bool]]) -> dict[str, Any]:
    folder = DATA / "geowebnews"
    labels = [json.loads(x) for x in (folder / "event_labels.jsonl").open(encoding="utf-8")]
    quiet = found = noise = total = 0
    for lab in labels:
        text = (folder / "brat_annotations" / f"{lab['id']}.txt").read_text(encoding="utf-8")
        got = exported(extractor.extract(article(text, date(2018, 6, 1))))
        total += len(got)
        calib += [(m.confidence, bool(lab["acled_event"])) for m in got]
        if lab["acled_event"]:
            found += bool(got)
        else:
            quiet += not got
            noise += len(got)
    pos = sum(lab["acled_event"] for lab in labels)
    neg = len(labels) - pos
    return {
        "mentions": total,
        "quiet": round(quiet / neg, 3),
        "noise": round(noise / total, 3) if total else 0.0,
        "found": round(found / pos, 3),
    }


def _india_classes(m: Mention) -> set[str]:
    classes = {"ANY_ACTION"}
    if m.sub_event_type == "Arrests":
        classes.add("ARREST")
    if "killed" in m.counts or m.trigger.text.lower().startswith(("kill", "shot dead", "gun")):
        classes.add("KILL")
    return classes


def india(extractor: Any, n_docs: int) -> dict[str, Any]:
    folder = DATA / "indiapoliceevents"
    sents: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for line in (folder / "sents.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        sents[row["doc_id"]].append(row)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id in sorted(sents)[:n_docs]:
        rows = sorted(sents[doc_id], key=lambda r: r["sent_id"])
        text, starts = "", []
        for row in rows:
            starts.append(len(text))
            text += row["sent_text"].replace("\n", " ") + " "
        predicted: dict[int, set[str]] = defaultdict(set)
        for m in exported(extractor.extract(article(text, date(2002, 3, 15)))):
            k = max(i for i, s in enumerate(starts) if s <= m.trigger.start)
            predicted[k] |= _india_classes(m)
        for k, row in enumerate(rows):
            for cls in ("ANY_ACTION", "ARREST", "KILL"):
                gold, pred = cls in row["sent_labels"], cls in predicted[k]
                counts[cls][
                    "tp" if gold and pred else "fp" if pred else "fn" if gold else "tn"
                ] += 1
    return {cls: _pr(c) for cls, c in counts.items()}


def _pr(c: Counter[str]) -> dict[str, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return {"P": round(p, 3), "R": round(r, 3), "gold": c["tp"] + c["fn"]}


def half(row_id: str) -> str:
    """The fixed half a row belongs to, 'tune' or 'check', by a hash of its id (the split
    ``../shared/tools`` uses): rules are tuned on one half and checked on the other."""
    return "tune" if hashlib.sha256(row_id.encode()).digest()[0] % 2 == 0 else "check"


def case(
    extractor: Any, calib: list[tuple[float, bool]], misses: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    """CASE 2021 dev half, scored whole and by fixed halves; ``misses`` collects the tuning
    half's wrong answers (never the check half's: it is read only as figures)."""
    path = DATA / "case2021_task2" / "dev_even_ids.tsv"
    pairs: list[tuple[str, str]] = []
    by_half: dict[str, list[tuple[str, str]]] = {"tune": [], "check": []}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            gold = CASE2021_LABELS.get(row["SubType"])
            if gold is None:
                continue
            got = exported(extractor.extract(article(row["EventSnippet"], date(2020, 1, 1))))
            pair = (gold, got[0].sub_event_type if got else NO_EVENT)
            pairs.append(pair)
            by_half[half(row["id"])].append(pair)
            if misses is not None and half(row["id"]) == "tune" and pair[0] != pair[1]:
                misses.append({"gold": gold, "got": pair[1], "text": row["EventSnippet"]})
            gold_type = SUB_TO_TYPE.get(gold)
            calib += [(m.confidence, m.event_type == gold_type) for m in got]
    return {
        **_scores(pairs),
        "halves": {name: _scores(part, table=False) for name, part in by_half.items()},
    }


def _scores(pairs: list[tuple[str, str]], table: bool = True) -> dict[str, Any]:
    per = per_type(pairs)
    labels = [lab for lab in per if lab != NO_EVENT]
    f1s = [_f1(pairs, lab) for lab in labels]
    ev = Counter(
        "tp"
        if g != NO_EVENT and p != NO_EVENT
        else "fp"
        if p != NO_EVENT
        else "fn"
        if g != NO_EVENT
        else "tn"
        for g, p in pairs
    )
    scores: dict[str, Any] = {
        "n": len(pairs),
        "accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 3),
        "macro_f1": round(sum(f1s) / len(f1s), 3),
        "event_vs_none": _pr(ev),
    }
    if table:
        scores["per_type"] = per
    return scores


def _f1(pairs: list[tuple[str, str]], lab: str) -> float:
    tp = sum(g == p == lab for g, p in pairs)
    wrong = sum((g == lab) != (p == lab) for g, p in pairs)
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def per_type(pairs: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """P/R/F1/support per gold label (the ACLED sub-types and "no event"), with the most
    frequent wrong predictions for it ("confused": what its snippets were called instead)
    and the most frequent gold labels of its false positives ("stolen")."""
    table: dict[str, dict[str, Any]] = {}
    for lab in sorted({g for g, _ in pairs}):
        tp = sum(g == p == lab for g, p in pairs)
        fp = sum(p == lab and g != lab for g, p in pairs)
        fn = sum(g == lab and p != lab for g, p in pairs)
        confused = Counter(p for g, p in pairs if g == lab and p != lab)
        stolen = Counter(g for g, p in pairs if p == lab and g != lab)
        table[lab] = {
            "P": round(tp / (tp + fp), 3) if tp + fp else 0.0,
            "R": round(tp / (tp + fn), 3) if tp + fn else 0.0,
            "F1": round(_f1(pairs, lab), 3),
            "support": tp + fn,
            "confused": dict(confused.most_common(3)),
            "stolen": dict(stolen.most_common(3)),
        }
    return table


def print_table(table: dict[str, dict[str, Any]]) -> None:
    """The per-type table, weakest F1 first, for reading in a terminal."""
    print(f"{'sub-event type':36} {'P':>5} {'R':>5} {'F1':>5} {'n':>4}  most frequent confusions")
    for lab, row in sorted(table.items(), key=lambda kv: (kv[1]["F1"], kv[0])):
        wrong = ", ".join(f"{p} {n}" for p, n in row["confused"].items())
        scores = f"{row['P']:5.2f} {row['R']:5.2f} {row['F1']:5.2f} {row['support']:4}"
        print(f"{lab[:36]:36} {scores}  {wrong}")


def polnear(extractor: Any) -> dict[str, Any]:
    folder = DATA / "polnear" / "test" / "text"
    n_mentions = n_sents = 0
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        n_sents += len(extractor.split(text))
        n_mentions += len(exported(extractor.extract(article(text, date(2016, 11, 1)))))
    return {"mentions": n_mentions, "per_100_sentences": round(100 * n_mentions / n_sents, 2)}


def calibration(calib: list[tuple[float, bool]]) -> list[dict[str, Any]]:
    rows = []
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [ok for c, ok in calib if lo <= c < hi]
        if inside:
            rows.append(
                {
                    "bin": f"[{lo:.1f},{min(hi, 1):.1f})",
                    "n": len(inside),
                    "right": round(sum(inside) / len(inside), 2),
                }
            )
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="geowebnews,india,case,polnear")
    ap.add_argument("--india-docs", type=int, default=400)
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--case-misses", type=int, default=0, help="print N wrong answers of CASE's tuning half"
    )
    args = ap.parse_args()
    extractor = Pipeline(Settings()).extractor
    calib: list[tuple[float, bool]] = []
    out: dict[str, Any] = {}
    sets = args.sets.split(",")
    if "geowebnews" in sets:
        out["geowebnews"] = geowebnews(extractor, calib)
    if "case" in sets:
        misses: list[dict[str, str]] = []
        out["case"] = case(extractor, calib, misses)
        for miss in misses[: args.case_misses]:
            print(f"[{miss['gold']} -> {miss['got']}] {miss['text'][:300]}")
    if "india" in sets:
        out["india"] = india(extractor, args.india_docs)
    if "polnear" in sets:
        out["polnear"] = polnear(extractor)
    out["calibration"] = calibration(calib)
    for key, value in out.items():
        if key == "case":
            print(key, json.dumps({k: v for k, v in value.items() if k != "per_type"}))
            print_table(value["per_type"])
        else:
            print(key, json.dumps(value))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
