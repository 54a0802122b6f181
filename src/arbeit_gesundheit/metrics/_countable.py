"""The records of a dataset that a figure may count: :func:`countable`.

For figures that are not computed by :func:`~arbeit_gesundheit.metrics.aggregate` (a site
plugin's own tables, an export's counts): the same consent rule (:mod:`._consents`) applied
to a :class:`~arbeit_gesundheit.model.Dataset`, so every figure leaves out the same records.
"""

from __future__ import annotations

from datetime import date

import attrs

from ..exceptions import MetricsError
from ..model import ConsentPurpose, DataCategory, Dataset, Participant
from ._consents import Interval, cutoff, intervals, usable, valid_on

__all__ = ["countable"]

_P = ConsentPurpose.PROGRAMME_PARTICIPATION
_H = ConsentPurpose.HEALTH_DATA_PROCESSING


class _Person:
    """One person's usable consent intervals by (purpose, category), made on first use."""

    __slots__ = ("_last", "_person", "_seen")

    def __init__(self, person: Participant, last: int) -> None:
        self._person = person
        self._last = last
        self._seen: dict[tuple[ConsentPurpose, DataCategory], tuple[Interval, ...]] = {}

    def usable(self, purpose: ConsentPurpose, category: DataCategory) -> tuple[Interval, ...]:
        found = self._seen.get((purpose, category))
        if found is None:
            found = usable(intervals(self._person.consents, purpose, category), self._last)
            self._seen[(purpose, category)] = found
        return found

    def allows(self, purpose: ConsentPurpose, category: DataCategory, day: date) -> bool:
        return valid_on(self.usable(purpose, category), day.toordinal())


def countable(dataset: Dataset, *, as_of: date | None = None) -> Dataset:
    """``dataset`` with only the records the consent rule lets a figure count.

    Enrolments (with their attendance) and outcomes need participation consent valid on
    their day (an enrolment's first status change, else its offering's start); assessments,
    needs assessments and activity plans need health-data consent valid on their day; health
    restrictions need a health-data consent covering them. Consents withdrawn by ``as_of``
    (None: any recorded withdrawal) allow nothing. Everything else is kept as it is.
    """
    if not isinstance(dataset, Dataset):
        raise MetricsError(f"expected a Dataset, got {type(dataset).__name__}")
    if as_of is not None and type(as_of) is not date:
        raise MetricsError(f"as_of: expected a date (the reference day) or None, got {as_of!r}")
    last = cutoff(as_of)
    people = {p.pseudonym: _Person(p, last) for p in dataset.participants}
    starts = {o.id: o.starts_on for o in dataset.offerings}

    def allows(pseudonym: str, purpose: ConsentPurpose, category: DataCategory, day: date) -> bool:
        person = people.get(pseudonym)
        return person is not None and person.allows(purpose, category, day)

    enrolments = tuple(
        e
        for e in dataset.enrolments
        if allows(
            e.participant,
            _P,
            DataCategory.PARTICIPATION,
            e.history[0].on if e.history else starts.get(e.offering_id, date.max),
        )
    )
    kept = {e.id for e in enrolments}
    return attrs.evolve(
        dataset,
        participants=tuple(
            p
            if not p.restrictions
            or people[p.pseudonym].usable(_H, DataCategory.HEALTH_RESTRICTIONS)
            else attrs.evolve(p, restrictions=())
            for p in dataset.participants
        ),
        enrolments=enrolments,
        attendances=tuple(a for a in dataset.attendances if a.enrolment_id in kept),
        outcomes=tuple(
            o
            for o in dataset.outcomes
            if allows(o.participant, _P, DataCategory.PARTICIPATION, o.on)
        ),
        assessments=tuple(
            a
            for a in dataset.assessments
            if allows(a.participant, _H, DataCategory.ASSESSMENTS, a.on)
        ),
        needs_assessments=tuple(
            n
            for n in dataset.needs_assessments
            if allows(n.participant, _H, DataCategory.ASSESSMENTS, n.on)
        ),
        plans=tuple(
            p
            for p in dataset.plans
            if allows(p.participant, _H, DataCategory.ACTIVITY_PLAN, p.created_on)
        ),
    )
