"""Questionnaire instruments (Fragebögen) and their scoring by the published rules.

The core ships three instruments; sites add their own through the instruments hook:

* :data:`WHO_5` — WHO-5 well-being index (WHO-5-Fragebogen zum Wohlbefinden): five items
  ``who5_1`` … ``who5_5`` scored 0–5, raw score 0–25, percentage = raw × 4; a raw score below
  13 means poor well-being; a change of at least 10 percentage points is meaningful.
* :data:`PHQ_4` — Patient Health Questionnaire-4: items ``phq4_1`` … ``phq4_4`` scored 0–3,
  total 0–12 in the bands none (0–2), mild (3–5), moderate (6–8), severe (9–12). Items 1 and 2
  form the GAD-2 (anxiety), items 3 and 4 the PHQ-2 (depression); each subscale is positive
  at 3 or more. Subscales are keyed by item identifier, never by position.
* :data:`WORK_ABILITY_SCORE` — Work Ability Score (first item of the Work Ability Index,
  Arbeitsfähigkeit): ``was_1`` scored 0–10, bands poor (0–5), moderate (6–7), good (8–10).

Every instrument checks its answers first: a missing, unknown, non-integer or out-of-range
answer raises :class:`~arbeit_gesundheit.exceptions.InstrumentError` naming the instrument
and the item.
"""

from __future__ import annotations

from ._instruments import (
    CORE_INSTRUMENTS,
    PHQ_4,
    WHO5_LIKELY_DEPRESSION_AT_MOST,
    WHO5_MEANINGFUL_CHANGE,
    WHO5_POOR_BELOW,
    WHO_5,
    WORK_ABILITY_SCORE,
    Band,
    Instrument,
    Item,
    Score,
    Subscale,
    SubscaleScore,
    SumScoreInstrument,
    WellBeingIndex,
)

__all__ = [
    "CORE_INSTRUMENTS",
    "PHQ_4",
    "WHO5_LIKELY_DEPRESSION_AT_MOST",
    "WHO5_MEANINGFUL_CHANGE",
    "WHO5_POOR_BELOW",
    "WHO_5",
    "WORK_ABILITY_SCORE",
    "Band",
    "Instrument",
    "Item",
    "Score",
    "Subscale",
    "SubscaleScore",
    "SumScoreInstrument",
    "WellBeingIndex",
]
