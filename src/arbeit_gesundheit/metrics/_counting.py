"""From a collector's facts to exact counts per cell: :func:`_compute` and :func:`aggregate`.

Each participant's facts are turned into counts for every cell of the requested breakdowns.
Pseudonyms are used only while one participant is processed and never enter the aggregate.
The checks of the ``by`` and ``year`` arguments live here too: the JSON Lines fast path
(:mod:`._from_jsonl`) shares them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ..exceptions import MetricsError
from ..model import Dataset
from ._aggregate import MetricsAggregate
from ._cells import CellCounts, CellKey
from ._collector import _Collector
from ._consents import Interval, consents_of, cutoff, usable, valid_on
from ._definitions import (
    _PLACE,
    _STARTED_ENDED,
    DIMENSIONS,
    INTEGRATION_WINDOWS,
    WELLBEING_GAIN_POINTS,
    age_band,
)

__all__ = ["_breakdowns", "_check_as_of", "_check_year", "_compute", "aggregate"]

_EVENT_DIMENSIONS = frozenset({"site"})
_WINDOW_6 = INTEGRATION_WINDOWS["6m"]
_WINDOW_12 = INTEGRATION_WINDOWS["12m"]
_DIM_INDEX = {d: i for i, d in enumerate(DIMENSIONS)}


def _breakdowns(by: object) -> tuple[tuple[str, ...], ...]:
    """Normalise ``by``: one dimension name, one breakdown, or several breakdowns."""
    if isinstance(by, str):
        groups: list[tuple[str, ...]] = [(by,)]
    elif isinstance(by, Sequence) and all(isinstance(d, str) for d in by):
        groups = [tuple(by)]
    elif isinstance(by, Iterable):
        groups = []
        for item in by:
            if isinstance(item, str):
                groups.append((item,))
            elif isinstance(item, Sequence) and all(isinstance(d, str) for d in item):
                groups.append(tuple(item))
            else:
                raise MetricsError(f"by: expected dimension names, got {item!r}")
    else:
        raise MetricsError(f"by: expected dimension names, got {by!r}")
    result: list[tuple[str, ...]] = [()]
    for dims in groups:
        for d in dims:
            if d not in DIMENSIONS:
                raise MetricsError(f"unknown dimension {d!r}; known: {', '.join(DIMENSIONS)}")
        if len(set(dims)) != len(dims):
            raise MetricsError(f"a dimension is repeated in {dims!r}")
        if dims not in result:
            result.append(dims)
    return tuple(result)


class _Acc:
    """Mutable counts for one cell while computing."""

    __slots__ = ("ints", "partners", "present", "reasons", "statuses")

    def __init__(self) -> None:
        # persons, restricted, att_enrolments, wb_pairs, wb_change, wb_gains,
        # integration_persons, int6, int12, events, visitors, persons with health consent
        self.ints = [0] * 12
        self.statuses: dict[str, int] = {}
        self.reasons: dict[str, int] = {}
        self.present: dict[int, int] = {}
        self.partners: set[str] = set()

    def freeze(self) -> CellCounts:
        i = self.ints
        return CellCounts(
            persons=i[0],
            persons_restricted=i[1],
            persons_health_consent=i[11],
            enrolments=self.statuses,
            dropout_reasons=self.reasons,
            attendance_enrolments=i[2],
            attendance_present=self.present,
            wellbeing_pairs=i[3],
            wellbeing_change=i[4],
            wellbeing_gains=i[5],
            integration_persons=i[6],
            integrated_6m=i[7],
            integrated_12m=i[8],
            events=i[9],
            event_visitors=i[10],
            event_partners=frozenset(self.partners),
        )


def _first_last(measured: list[int], allowed: tuple[Interval, ...]) -> int | None:
    """The WHO-5 change (points) between the first and last measurement that may count."""
    first_day = last_day = first_raw = last_raw = -1
    for i in range(0, len(measured), 2):
        day = measured[i]
        if not valid_on(allowed, day):
            continue
        if first_day < 0 or day < first_day:
            first_day, first_raw = day, measured[i + 1]
        if day > last_day:
            last_day, last_raw = day, measured[i + 1]
    if last_day > first_day >= 0:
        return (last_raw - first_raw) * 4
    return None


def _compute(  # noqa: PLR0915 - the hot loop, kept in one piece
    collector: _Collector,
    catalogue: dict[str, tuple[int, int, str, str, str, int]],
    breakdowns: tuple[tuple[str, ...], ...],
    year: int | None,
    as_of: date | None = None,
) -> MetricsAggregate:
    cells: dict[CellKey, _Acc] = {}
    persons = collector.persons
    present = collector.present
    who5 = collector.who5
    integrations = collector.integrations
    consents = collector.consents
    last = cutoff(as_of)
    index = _DIM_INDEX
    plans = [(dims, tuple(index[d] for d in dims)) for dims in breakdowns]

    # Group enrolments by participant.
    by_person: dict[str, list[list[Any]]] = {}
    for eid, e in collector.enrolments.items():
        person = e[0]
        if person not in persons:
            raise MetricsError(f"enrolment {eid} refers to unknown participant {person!r}")
        offering = catalogue.get(e[1])
        if offering is None:
            raise MetricsError(f"enrolment {eid} refers to unknown offering {e[1]!r}")
        if year is not None and offering[0] != year:
            continue
        by_person.setdefault(person, []).append([*e, present.get(eid, 0), offering])
    for eid in present:
        if eid not in collector.enrolments:
            raise MetricsError(f"attendance refers to unknown enrolment {eid!r}")

    for pseudonym, enrolments in by_person.items():
        site, gender, birth_year, benefit, restricted = persons[pseudonym]
        taking, assessed, noted = consents_of(consents, pseudonym)
        taking = usable(taking, last)
        if not taking:
            continue
        assessed = usable(assessed, last)
        noted = usable(noted, last)
        measured = who5.get(pseudonym)
        change = _first_last(measured, assessed) if measured and assessed else None
        # per cell: [first start, last end] of this person's places
        mine: dict[CellKey, list[Any]] = {}
        bands: dict[int, str] = {}
        for _p, _o, status, end, reason, first, n_present, offering in enrolments:
            y, start, module_id, field_value, provider, sessions = offering
            if not valid_on(taking, start if first is None else first):
                continue
            band = bands.get(y)
            if band is None:
                band = bands[y] = age_band(birth_year, y)
            values = (site, field_value, module_id, provider, gender, band, benefit)
            took_place = status in _PLACE
            started_ended = status in _STARTED_ENDED and end is not None
            for dims, idx in plans:
                key = (y, dims, tuple([values[i] for i in idx]))
                acc = cells.get(key)
                if acc is None:
                    acc = cells[key] = _Acc()
                st = acc.statuses
                st[status] = st.get(status, 0) + 1
                if reason is not None:
                    acc.reasons[reason] = acc.reasons.get(reason, 0) + 1
                if status in _STARTED_ENDED and sessions:
                    acc.ints[2] += 1
                    acc.present[sessions] = acc.present.get(sessions, 0) + n_present
                if took_place:
                    state = mine.get(key)
                    if state is None:
                        state = mine[key] = [None, None]
                    if started_ended:
                        if state[0] is None or start < state[0]:
                            state[0] = start
                        if state[1] is None or end > state[1]:
                            state[1] = end
        if not mine:
            continue
        outcome_days = [d for d in integrations.get(pseudonym, ()) if valid_on(taking, d)]
        for key, (first, final) in mine.items():
            ints = cells[key].ints
            ints[0] += 1
            if noted:
                ints[11] += 1
                if restricted:
                    ints[1] += 1
            if change is not None:
                ints[3] += 1
                ints[4] += change
                if change >= WELLBEING_GAIN_POINTS:
                    ints[5] += 1
            if final is not None:
                ints[6] += 1
                hit6 = hit12 = False
                for day in outcome_days:
                    if first <= day <= final + _WINDOW_12:
                        hit12 = True
                        if day <= final + _WINDOW_6:
                            hit6 = True
                if hit6:
                    ints[7] += 1
                if hit12:
                    ints[8] += 1

    event_plans = [(dims, idx) for dims, idx in plans if set(dims) <= _EVENT_DIMENSIONS]
    for site, y, visitors, partners in collector.events:
        if year is not None and y != year:
            continue
        for dims, _idx in event_plans:
            key = (y, dims, tuple(site for _ in dims))
            acc = cells.get(key)
            if acc is None:
                acc = cells[key] = _Acc()
            acc.ints[9] += 1
            acc.ints[10] += visitors
            acc.partners.update(partners)
    return MetricsAggregate({key: acc.freeze() for key, acc in cells.items()})


def _check_year(year: object) -> int | None:
    if year is not None and (type(year) is not int or not 1900 <= year <= 2200):
        raise MetricsError(f"year: expected a year such as 2024 or None, got {year!r}")
    return year


def _check_as_of(as_of: object) -> date | None:
    if as_of is not None and (type(as_of) is not date):
        raise MetricsError(f"as_of: expected a date (the reference day) or None, got {as_of!r}")
    return as_of


def aggregate(
    dataset: Dataset,
    *,
    year: int | None = None,
    by: Sequence[str] | Sequence[Sequence[str]] | str = ("site",),
    as_of: date | None = None,
) -> MetricsAggregate:
    """Compute the metrics of a dataset as a mergeable aggregate.

    ``by`` is one breakdown (``("site",)``, ``("site", "gender")``) or several
    (``[("site",), ("field_of_action",)]``); the total of each year is always included.
    ``year`` keeps only offerings starting in that year (None: every year, each separately).
    Only records the consent rule allows are counted (see :mod:`._consents`): ``as_of`` is
    the reference day by which a withdrawal counts (None: every withdrawal in the data).
    """
    if not isinstance(dataset, Dataset):
        raise MetricsError(f"expected a Dataset, got {type(dataset).__name__}")
    breakdowns = _breakdowns(by)
    chosen = _check_year(year)
    reference = _check_as_of(as_of)
    collector = _Collector()
    collector.add_dataset(dataset)
    return _compute(collector, collector.catalogue(), breakdowns, chosen, reference)
