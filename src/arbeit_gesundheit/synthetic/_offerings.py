"""Offerings planned for each site: how many runs of each module, and their session days.

Demand follows the site's size and each module's weight; every run starts on a weekday of
the year and meets weekly, skipping the public holidays of the site's Land (``holidays``).
A third of the movement runs are held by the site's local sports club.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays

from ..model import FieldOfAction, Land, Module, Site
from ._state import _CohortState

__all__ = ["_Offering", "_plan_offerings"]


class _Offering:
    __slots__ = ("capacity", "days", "filled", "id", "module", "provider")

    def __init__(
        self, id: str, module: Module, provider: str | None, capacity: int, days: list[date]
    ) -> None:
        self.id = id
        self.module = module
        self.provider = provider
        self.capacity = capacity
        self.days = days
        self.filled = 0


def _closed(state: _CohortState, land: Land) -> set[date]:
    days = state.holidays_by_land.get(land)
    if days is None:
        calendar = holidays.country_holidays(
            "DE", subdiv=land.value, years=range(state.year, state.year + 2)
        )
        days = state.holidays_by_land[land] = set(calendar)
    return days


def _plan_offerings(state: _CohortState, site: Site, people: int) -> dict[str, list[_Offering]]:
    rng = state.rng
    closed = _closed(state, site.land)
    total_weight = sum(state.module_weight)
    by_module: dict[str, list[_Offering]] = {}
    jan = date(state.year, 1, 1)
    for module, weight in zip(state.modules, state.module_weight, strict=True):
        capacity = module.places or 12
        demand = people * state.per_person * 0.9 * weight / total_weight
        count = max(1, round(demand / (capacity * 0.85) + 0.5))
        runs = []
        for k in range(1, count + 1):
            start = jan + timedelta(days=7 + rng.randrange(320))
            start -= timedelta(days=start.weekday() % 5)  # a weekday
            days: list[date] = []
            day = start
            while len(days) < module.sessions:
                if day not in closed:
                    days.append(day)
                day += timedelta(weeks=1)
            local = rng.random() < 0.3 and module.field_of_action is FieldOfAction.MOVEMENT
            provider = f"{site.id}-sportverein" if local else module.provider_id
            runs.append(
                _Offering(f"{site.id}-{module.id}-{k:03d}", module, provider, capacity, days)
            )
        by_module[module.id] = runs
    return by_module
