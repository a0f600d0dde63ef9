"""Score event typing on labelled snippets from other research corpora.

CASE 2021 Task 2 labels short news snippets with ACLED sub-event types (plus five labels for
things that are no political event: disasters, organised crime, diplomacy, attribution).  Each
snippet is run through extraction; the prediction is the sub-event type of the first event
reported as having happened, or "no event".  The mapping below is ours, from the labels' names.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .clean import content_key
from .extract import Extractor
from .model import EXPORTED_MODALITIES, Article

NO_EVENT = "no event"
CASE2021_LABELS = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
    "ORG_CRIME": NO_EVENT,
    "NATURAL_DISASTER": NO_EVENT,
    "MAN_MADE_DISASTER": NO_EVENT,
    "DIPLO": NO_EVENT,
    "ATTRIB": NO_EVENT,
}
# The publication date given to undated snippets (only relative dates depend on it).
SNIPPET_DATE = date(2020, 1, 1)


@dataclass
class SnippetScores:
    total: int = 0
    correct: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def macro_f1(self) -> float:
        """F1 averaged over the ACLED sub-event types of the gold labels (not "no event"):
        every type counts alike, however rare (as ``bench/events_dev.py`` computes it)."""
        labels = {gold for gold, _ in self.confusion} - {NO_EVENT}
        if not labels:
            return 0.0
        f1s = []
        for label in labels:
            tp = self.confusion[(label, label)]
            gold = sum(n for (g, _), n in self.confusion.items() if g == label)
            predicted = sum(n for (_, p), n in self.confusion.items() if p == label)
            f1s.append(2 * tp / (gold + predicted) if gold + predicted else 0.0)
        return sum(f1s) / len(f1s)


def predict_sub_type(extractor: Extractor, text: str) -> str:
    article = Article(
        doc_key=content_key(text), source="snippet", text=text, published=SNIPPET_DATE
    )
    for mention in extractor.extract(article):
        if mention.modality in EXPORTED_MODALITIES:
            return mention.sub_event_type
    return NO_EVENT


def score_case2021(path: Path, extractor: Extractor) -> SnippetScores:
    """Accuracy of the predicted sub-event type over the snippets of a CASE 2021 TSV file."""
    scores = SnippetScores()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            gold = CASE2021_LABELS.get(row["SubType"])
            if gold is None:
                continue
            predicted = predict_sub_type(extractor, row["EventSnippet"])
            scores.total += 1
            scores.correct += predicted == gold
            scores.confusion[(gold, predicted)] += 1
    return scores
