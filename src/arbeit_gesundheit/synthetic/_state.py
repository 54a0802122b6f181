"""The state a synthetic cohort is generated from, and the form of its records.

:class:`_CohortState` holds the one :class:`random.Random` (seeded) and the run's parameters
that every part of the generator reads; the parts draw from it in a fixed order, so the same
arguments give the same records. Records are JSON-ready dicts (:data:`Record`) in the
canonical form of the converter: every field, in field order, dates as ISO strings.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from ..model import FieldOfAction, Land, Module, Site

__all__ = ["Record", "_CohortState", "_iso"]

Record = dict[str, Any]


# How popular each field of action is.
_FIELD_WEIGHT: dict[FieldOfAction, float] = {
    FieldOfAction.MOVEMENT: 3.0,
    FieldOfAction.NUTRITION: 2.0,
    FieldOfAction.STRESS: 2.0,
    FieldOfAction.ADDICTION: 0.5,
    FieldOfAction.PSYCHOSOCIAL: 0.8,
    FieldOfAction.MOTIVATION: 1.5,
    FieldOfAction.RESILIENCE: 1.0,
    FieldOfAction.FAMILY: 0.5,
    FieldOfAction.ASSISTED_PLACEMENT: 1.0,
    FieldOfAction.CONSULTATION: 0.5,
}


def _iso(day: date) -> str:
    return day.isoformat()


class _CohortState:
    """The seeded random source and the parameters of one generated cohort."""

    def __init__(
        self,
        *,
        seed: int,
        participants: int,
        sites: list[Site],
        modules: tuple[Module, ...],
        year: int,
        enrolments_per_participant: float,
    ) -> None:
        self.rng = random.Random(seed)
        self.participants = participants
        self.sites = sites
        self.modules = modules
        self.year = year
        self.per_person = enrolments_per_participant
        self.holidays_by_land: dict[Land, set[date]] = {}
        self.module_weight = [_FIELD_WEIGHT.get(m.field_of_action, 1.0) for m in modules]

    def site_sizes(self) -> list[int]:
        count = len(self.sites)
        base, extra = divmod(self.participants, count)
        return [base + (1 if i < extra else 0) for i in range(count)]
