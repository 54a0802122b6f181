"""One cell of an aggregate: :class:`CellCounts`, its exact merge and its metric values.

A cell is (year, breakdown dimensions, values). It holds only integer counts and a set of
partner identifiers, never a pseudonym; counts add up (``a + b``) across cohorts that are
disjoint by person, and rates and means are derived from them at the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from attrs import field, frozen

from ..exceptions import MetricsError
from ._definitions import _ENDED, _PLACE, METRICS, Number, metric

__all__ = ["_EMPTY_CELL", "CellCounts", "CellKey"]

#: The key of a cell: (year, breakdown dimensions, their values).
CellKey = tuple[int, tuple[str, ...], tuple[str, ...]]


def _add_maps(a: Mapping[Any, int], b: Mapping[Any, int]) -> Mapping[Any, int]:
    if not b:
        return a
    if not a:
        return b
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return dict(sorted(out.items()))


def _freeze_map(value: Mapping[Any, int]) -> Mapping[Any, int]:
    return dict(sorted((k, v) for k, v in value.items() if v))


@frozen
class CellCounts:
    """Exact counts for one cell of an aggregate: integers and a set of partner identifiers.

    Rates are derived from these counts at the end (see :meth:`MetricsAggregate.value`);
    nothing here identifies a person.
    """

    persons: int = 0
    persons_restricted: int = 0
    #: persons whose health-data consent lets their restrictions count (the share's base)
    persons_health_consent: int = 0
    enrolments: Mapping[str, int] = field(factory=dict, converter=_freeze_map, hash=False)
    dropout_reasons: Mapping[str, int] = field(factory=dict, converter=_freeze_map, hash=False)
    attendance_enrolments: int = 0
    attendance_present: Mapping[int, int] = field(factory=dict, converter=_freeze_map, hash=False)
    wellbeing_pairs: int = 0
    wellbeing_change: int = 0
    wellbeing_gains: int = 0
    integration_persons: int = 0
    integrated_6m: int = 0
    integrated_12m: int = 0
    events: int = 0
    event_visitors: int = 0
    event_partners: frozenset[str] = frozenset()

    def __add__(self, other: CellCounts) -> CellCounts:
        if not isinstance(other, CellCounts):
            return NotImplemented
        return CellCounts(
            persons=self.persons + other.persons,
            persons_restricted=self.persons_restricted + other.persons_restricted,
            persons_health_consent=self.persons_health_consent + other.persons_health_consent,
            enrolments=_add_maps(self.enrolments, other.enrolments),
            dropout_reasons=_add_maps(self.dropout_reasons, other.dropout_reasons),
            attendance_enrolments=self.attendance_enrolments + other.attendance_enrolments,
            attendance_present=_add_maps(self.attendance_present, other.attendance_present),
            wellbeing_pairs=self.wellbeing_pairs + other.wellbeing_pairs,
            wellbeing_change=self.wellbeing_change + other.wellbeing_change,
            wellbeing_gains=self.wellbeing_gains + other.wellbeing_gains,
            integration_persons=self.integration_persons + other.integration_persons,
            integrated_6m=self.integrated_6m + other.integrated_6m,
            integrated_12m=self.integrated_12m + other.integrated_12m,
            events=self.events + other.events,
            event_visitors=self.event_visitors + other.event_visitors,
            event_partners=self.event_partners | other.event_partners,
        )

    @property
    def places_filled(self) -> int:
        """Enrolments that took a place: registered, active, completed or dropped."""
        e = self.enrolments
        return sum(e.get(s, 0) for s in _PLACE)

    @property
    def ended(self) -> int:
        """Enrolments in a final state: completed, dropped or no show."""
        e = self.enrolments
        return sum(e.get(s, 0) for s in _ENDED)

    def value(self, metric_id: str) -> Number | None:
        """The value of one metric for this cell; None where its denominator is zero."""
        definition = metric(metric_id)
        mid = definition.id
        e = self.enrolments
        if mid == "reach":
            return self.persons
        if mid == "places_filled":
            return self.places_filled
        if mid == "waitlisted":
            return e.get("waitlisted", 0)
        if mid == "events":
            return self.events
        if mid == "event_partners":
            return len(self.event_partners)
        if mid == "event_visitors":
            return self.event_visitors
        if mid == "completion_rate":
            return _percent(e.get("completed", 0), self.ended)
        if mid == "dropout_rate":
            return _percent(e.get("dropped", 0), self.ended)
        if mid == "no_show_rate":
            return _percent(e.get("no_show", 0), self.ended)
        if mid.startswith("dropout_rate:"):
            return _percent(self.dropout_reasons.get(mid[13:], 0), self.ended)
        if mid == "attendance_rate":
            if not self.attendance_enrolments:
                return None
            total = sum(
                (Fraction(present, n) for n, present in self.attendance_present.items()),
                Fraction(0),
            )
            return 100 * total / self.attendance_enrolments
        if mid == "restriction_share":
            return _percent(self.persons_restricted, self.persons_health_consent)
        if mid == "health_consent_persons":
            return self.persons_health_consent
        if mid == "wellbeing_change":
            if not self.wellbeing_pairs:
                return None
            return Fraction(self.wellbeing_change, self.wellbeing_pairs)
        if mid == "wellbeing_gain_share":
            return _percent(self.wellbeing_gains, self.wellbeing_pairs)
        if mid == "integration_6m":
            return _percent(self.integrated_6m, self.integration_persons)
        if mid == "integration_12m":
            return _percent(self.integrated_12m, self.integration_persons)
        raise MetricsError(f"metric {mid!r} has no rule")  # pragma: no cover - all listed

    def figures(self) -> dict[str, Number | None]:
        """Every metric (without per-reason dropout rates) for this cell."""
        return {mid: self.value(mid) for mid in METRICS}


def _percent(numerator: int, denominator: int) -> Fraction | None:
    return Fraction(100 * numerator, denominator) if denominator else None


_EMPTY_CELL = CellCounts()
