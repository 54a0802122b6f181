"""Outcome metrics that combine across sites (implementation of :mod:`.metrics`).

Records are first reduced to a few plain facts (a :class:`_Collector`), from a
:class:`Dataset` or straight from JSON Lines; :func:`_compute` then turns each participant's
facts into exact integer counts per cell. A cell is (year, breakdown dimensions, values).
Pseudonyms are used only while one participant is processed and never enter the aggregate,
so aggregates may leave the site. Counts of persons add up across cohorts that are disjoint
by person (every participant belongs to one site), which makes aggregates mergeable.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

import orjson
from attrs import field, frozen

from ..disclosure import SUPPRESSED, CountTable, RoundingPolicy, SuppressionPolicy
from ..exceptions import DocumentError, MetricsError, Problem
from ..instruments import WHO_5
from ..jsonl import BY_PARTICIPANT, HEADER_TYPE, RECORD_TYPES, _structure_record
from ..model import (
    AttendanceStatus,
    BenefitType,
    Dataset,
    DropoutReason,
    EnrolmentStatus,
    FieldOfAction,
    Gender,
    Language,
    OutcomeKind,
    label,
)

__all__ = [
    "AGE_BANDS",
    "DIMENSIONS",
    "INTEGRATION_WINDOWS",
    "METRICS",
    "REPORT_METRICS",
    "WELLBEING_GAIN_POINTS",
    "CellCounts",
    "Metric",
    "MetricsAggregate",
    "MetricsTable",
    "age_band",
    "aggregate",
    "aggregate_jsonl",
    "dimension_label",
    "format_value",
    "merge",
    "metric",
    "report_table",
    "value_label",
]

#: Breakdown dimensions (Merkmale) an aggregate can be split by.
DIMENSIONS: tuple[str, ...] = (
    "site",
    "field_of_action",
    "module",
    "provider",
    "gender",
    "age_band",
    "benefit",
)
_EVENT_DIMENSIONS = frozenset({"site"})

#: Age bands by the age reached in the year: (identifier, lowest age, highest age or None).
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under_25", 0, 24),
    ("25_34", 25, 34),
    ("35_44", 35, 44),
    ("45_54", 45, 54),
    ("55_plus", 55, None),
)
_AGE_LABELS = {
    "under_25": ("unter 25", "under 25"),
    "25_34": ("25 bis 34", "25 to 34"),
    "35_44": ("35 bis 44", "35 to 44"),
    "45_54": ("45 bis 54", "45 to 54"),
    "55_plus": ("55 und älter", "55 and over"),
}
#: Integration windows in days after the last participation: 6 months and 12 months.
INTEGRATION_WINDOWS: Mapping[str, int] = MappingProxyType({"6m": 183, "12m": 365})
#: WHO-5 gain (percentage points) that counts as a meaningful improvement.
WELLBEING_GAIN_POINTS = 10

UNKNOWN = "unknown"

_PLACE = frozenset({"registered", "active", "completed", "dropped"})
_STARTED_ENDED = frozenset({"completed", "dropped"})
_ENDED = ("completed", "dropped", "no_show")
_FINAL = frozenset(_ENDED)
_STATUSES = frozenset(s.value for s in EnrolmentStatus)
_REASONS = frozenset(r.value for r in DropoutReason)
_GENDERS = frozenset(g.value for g in Gender)
_BENEFITS = frozenset(b.value for b in BenefitType)
_FIELDS = frozenset(f.value for f in FieldOfAction)
_INTEGRATION = frozenset(k.value for k in OutcomeKind if k.is_integration)
_KINDS = frozenset(k.value for k in OutcomeKind)
_WHO5_ITEMS = ("who5_1", "who5_2", "who5_3", "who5_4", "who5_5")
_WINDOW_6 = INTEGRATION_WINDOWS["6m"]
_WINDOW_12 = INTEGRATION_WINDOWS["12m"]

CellKey = tuple[int, tuple[str, ...], tuple[str, ...]]
Number = int | Fraction


def age_band(birth_year: int, year: int) -> str:
    """The age band of someone born in ``birth_year`` by the age they reach in ``year``."""
    age = year - birth_year
    for ident, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return ident
    return AGE_BANDS[0][0]


# -- metric definitions ---------------------------------------------------------------------


@frozen
class Metric:
    """Definition of one metric (Kennzahl): identifier, labels, unit and which way is better.

    ``unit`` is ``"count"`` (a whole number), ``"percent"`` (a share in per cent) or
    ``"points"`` (WHO-5 percentage points). ``higher_is_better`` says how a target is met:
    at or above it, or (for the dropout rate) at or below it.
    """

    id: str
    label_de: str
    label_en: str
    unit: Literal["count", "percent", "points"]
    higher_is_better: bool = True

    def label(self, lang: Language = "de") -> str:
        """The metric's name for people to read, German by default."""
        return self.label_de if lang == "de" else self.label_en

    def is_met(self, actual: Number, target: float) -> bool:
        """Whether ``actual`` meets ``target`` in this metric's direction (exactly)."""
        goal = Fraction(target)
        return actual >= goal if self.higher_is_better else actual <= goal


def _m(
    id: str, de: str, en: str, unit: Literal["count", "percent", "points"], higher: bool = True
) -> Metric:
    return Metric(id, de, en, unit, higher)


#: Every metric by identifier, in report order. ``dropout_rate:<reason>`` are derived too.
METRICS: Mapping[str, Metric] = MappingProxyType(
    {
        m.id: m
        for m in (
            _m("reach", "Erreichte Teilnehmende", "participants reached", "count"),
            _m("places_filled", "Besetzte Teilnahmeplätze", "places filled", "count"),
            _m("waitlisted", "Anmeldungen auf der Warteliste", "waitlisted enrolments", "count",
               False),
            _m("completion_rate", "Abschlussquote", "completion rate", "percent"),
            _m("dropout_rate", "Abbruchquote", "dropout rate", "percent", False),
            _m("no_show_rate", "Nichtantrittsquote", "no-show rate", "percent", False),
            _m("attendance_rate", "Mittlere Anwesenheitsquote", "mean attendance rate",
               "percent"),
            _m("restriction_share", "Anteil mit gesundheitlichen Einschränkungen",
               "share with health restrictions", "percent"),
            _m("wellbeing_change", "Mittlere Veränderung des Wohlbefindens (WHO-5, Punkte)",
               "mean change in well-being (WHO-5 points)", "points"),
            _m("wellbeing_gain_share", "Anteil mit Verbesserung um mindestens 10 Punkte (WHO-5)",
               "share with a WHO-5 gain of at least 10 points", "percent"),
            _m("integration_6m", "Integration in Arbeit oder Ausbildung binnen 6 Monaten",
               "integration into work or training within 6 months", "percent"),
            _m("integration_12m", "Integration in Arbeit oder Ausbildung binnen 12 Monaten",
               "integration into work or training within 12 months", "percent"),
            _m("events", "Veranstaltungen (Gesundheitstage)", "events (health days)", "count"),
            _m("event_partners", "Beteiligte Partner an Veranstaltungen", "partners at events",
               "count"),
            _m("event_visitors", "Besucherinnen und Besucher", "visitors", "count"),
        )
    }
)  # fmt: skip


def metric(id: str) -> Metric:
    """The definition of metric ``id``, including ``dropout_rate:<reason>``.

    Raises :class:`~arbeit_gesundheit.exceptions.MetricsError` for an unknown identifier.
    """
    found = METRICS.get(id) if type(id) is str else None
    if found is not None:
        return found
    if type(id) is str and id.startswith("dropout_rate:") and id[13:] in _REASONS:
        reason = DropoutReason(id[13:])
        return Metric(
            id,
            f"Abbruchquote: {label(reason, 'de')}",
            f"dropout rate: {label(reason, 'en')}",
            "percent",
            False,
        )
    known = ", ".join(METRICS)
    raise MetricsError(f"unknown metric {id!r}; known: {known}, dropout_rate:<reason>")


_DIMENSION_LABELS = {
    "site": ("Standort", "site"),
    "field_of_action": ("Handlungsfeld", "field of action"),
    "module": ("Modul", "module"),
    "provider": ("Anbieter", "provider"),
    "gender": ("Geschlecht", "gender"),
    "age_band": ("Altersgruppe", "age band"),
    "benefit": ("Rechtskreis", "benefit type"),
}


def dimension_label(dimension: str, lang: Language = "de") -> str:
    """The heading of a breakdown dimension, German by default."""
    pair = _DIMENSION_LABELS.get(dimension)
    if pair is None:
        raise MetricsError(f"unknown dimension {dimension!r}; known: {', '.join(DIMENSIONS)}")
    return pair[0] if lang == "de" else pair[1]


def value_label(dimension: str, value: str, lang: Language = "de") -> str:
    """A readable label for a breakdown value (vocabulary labels; identifiers otherwise)."""
    if value == UNKNOWN:
        return "unbekannt" if lang == "de" else "unknown"
    if dimension == "field_of_action" and value in _FIELDS:
        return label(FieldOfAction(value), lang)
    if dimension == "gender" and value in _GENDERS:
        return label(Gender(value), lang)
    if dimension == "benefit" and value in _BENEFITS:
        return label(BenefitType(value), lang)
    if dimension == "age_band" and value in _AGE_LABELS:
        return _AGE_LABELS[value][0 if lang == "de" else 1]
    return value


# -- the aggregate --------------------------------------------------------------------------


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
            return _percent(self.persons_restricted, self.persons)
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


def _check_cells(
    inst: object, attr: Any, value: Mapping[CellKey, CellCounts]
) -> None:  # pragma: no cover - exercised through constructors
    for key, cell in value.items():
        if (
            type(key) is not tuple
            or len(key) != 3
            or type(key[0]) is not int
            or type(key[1]) is not tuple
            or type(key[2]) is not tuple
            or len(key[1]) != len(key[2])
            or not isinstance(cell, CellCounts)
        ):
            raise MetricsError(f"not a cell of a metrics aggregate: {key!r}: {cell!r}")


def _to_cells(value: Mapping[CellKey, CellCounts]) -> Mapping[CellKey, CellCounts]:
    return dict(sorted(value.items()))


@frozen
class MetricsAggregate:
    """Exact, mergeable metric counts by cell, free of personal data (Kennzahlen-Aggregat).

    ``cells`` maps ``(year, dimensions, values)`` to :class:`CellCounts`; ``dimensions == ()``
    is the total of a year. For cohorts that are disjoint by person,
    ``aggregate(A ∪ B) == aggregate(A) + aggregate(B)`` exactly; the empty aggregate is the
    identity and merging is associative and commutative.
    """

    cells: Mapping[CellKey, CellCounts] = field(
        factory=dict, converter=_to_cells, validator=_check_cells, hash=False
    )

    @classmethod
    def empty(cls) -> MetricsAggregate:
        """The aggregate of no records: the identity of :meth:`merge`."""
        return cls()

    def merge(self, other: MetricsAggregate) -> MetricsAggregate:
        """The aggregate of both cohorts (which must be disjoint by person)."""
        if not isinstance(other, MetricsAggregate):
            raise MetricsError(f"can only merge a MetricsAggregate, got {type(other).__name__}")
        if not other.cells:
            return self
        if not self.cells:
            return other
        out = dict(self.cells)
        for key, cell in other.cells.items():
            mine = out.get(key)
            out[key] = cell if mine is None else mine + cell
        return MetricsAggregate(out)

    def __add__(self, other: MetricsAggregate) -> MetricsAggregate:
        if not isinstance(other, MetricsAggregate):
            return NotImplemented
        return self.merge(other)

    @property
    def years(self) -> tuple[int, ...]:
        """The years with figures, in order."""
        return tuple(sorted({key[0] for key in self.cells}))

    @property
    def breakdowns(self) -> tuple[tuple[str, ...], ...]:
        """The breakdowns present (``()`` is the total)."""
        return tuple(sorted({key[1] for key in self.cells}, key=lambda d: (len(d), d)))

    def cell(self, year: int, by: Sequence[str] = (), group: Sequence[str] = ()) -> CellCounts:
        """The counts for one cell (empty counts where the cohort has none)."""
        return self.cells.get((year, tuple(by), tuple(group)), _EMPTY_CELL)

    def groups(self, year: int, by: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """The groups of a breakdown in a year, in order."""
        dims = tuple(by)
        return tuple(key[2] for key in self.cells if key[0] == year and key[1] == dims)

    def value(
        self,
        metric_id: str,
        *,
        year: int,
        by: Sequence[str] = (),
        group: Sequence[str] = (),
    ) -> Number | None:
        """The value of a metric for a year (and group): ints for counts, exact fractions
        for rates (per cent) and means; None where the denominator is zero."""
        return self.cell(year, by, group).value(metric_id)

    def figures(
        self, *, year: int, by: Sequence[str] = (), group: Sequence[str] = ()
    ) -> dict[str, Number | None]:
        """Every metric for a year (and group)."""
        return self.cell(year, by, group).figures()


def merge(*aggregates: MetricsAggregate) -> MetricsAggregate:
    """Merge any number of aggregates of person-disjoint cohorts (none: the empty one)."""
    result = MetricsAggregate.empty()
    for item in aggregates:
        result = result.merge(item)
    return result


# -- breakdowns -----------------------------------------------------------------------------


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


# -- facts ------------------------------------------------------------------------------------

_DIM_INDEX = {d: i for i, d in enumerate(DIMENSIONS)}


class _Collector:
    """Plain facts gathered from records, enough to compute every metric."""

    def __init__(self) -> None:
        # catalogue
        self.modules: dict[str, tuple[str, str | None, int]] = {}
        self.offerings: dict[str, tuple[str, str, str | None]] = {}
        self.session_counts: dict[str, int] = {}
        # persons
        self.persons: dict[str, tuple[str, str, int, str, bool]] = {}
        self.enrolments: dict[str, list[Any]] = {}
        self.present: dict[str, int] = {}
        self.who5: dict[str, list[int]] = {}
        self.integrations: dict[str, list[int]] = {}
        self.events: list[tuple[str, int, int, list[str]]] = []

    # catalogue ----------------------------------------------------------------------------
    def catalogue(self) -> dict[str, tuple[int, int, str, str, str, int]]:
        """Resolve offerings: id -> (year, start ordinal, module, field, provider, sessions)."""
        out: dict[str, tuple[int, int, str, str, str, int]] = {}
        for oid, (module_id, starts_on, provider) in self.offerings.items():
            module = self.modules.get(module_id)
            if module is None:
                raise MetricsError(f"offering {oid} refers to unknown module {module_id!r}")
            start = date.fromisoformat(starts_on)
            sessions = self.session_counts.get(oid) or module[2]
            out[oid] = (
                start.year,
                start.toordinal(),
                module_id,
                module[0],
                provider or module[1] or UNKNOWN,
                sessions,
            )
        return out

    # raw JSON records (cheap checks: only what the metrics read) ---------------------------
    def add_raw(self, r: dict[str, Any]) -> None:  # noqa: PLR0915 - one dispatch table
        kind = r["type"]
        if kind == "attendance":
            status = r["status"]
            eid = r["enrolment_id"]
            if status == "present":
                self.present[eid] = self.present.get(eid, 0) + 1
            elif status != "excused" and status != "absent":  # noqa: PLR1714
                raise ValueError(status)
            if type(eid) is not str:
                raise TypeError(eid)
        elif kind == "enrolment":
            status = r["status"]
            if status not in _STATUSES:
                raise ValueError(status)
            reason = r.get("dropout_reason")
            if (reason is not None) != (status == "dropped") or (
                reason is not None and reason not in _REASONS
            ):
                raise ValueError(reason)
            history = r.get("history", ())
            end = None
            if history:
                last = history[-1]
                if last["status"] != status:
                    raise ValueError(last)
                if status in _FINAL:
                    end = date.fromisoformat(last["on"]).toordinal()
            participant = r["participant"]
            offering = r["offering_id"]
            if type(participant) is not str or type(offering) is not str:
                raise TypeError(participant)
            self.enrolments[r["id"]] = [participant, offering, status, end, reason]
        elif kind == "participant":
            gender = r.get("gender")
            benefit = r["benefit"]
            birth_year = r["birth_year"]
            site = r["site_id"]
            if (
                (gender is not None and gender not in _GENDERS)
                or benefit not in _BENEFITS
                or type(birth_year) is not int
                or type(site) is not str
            ):
                raise ValueError(r)
            self.persons[r["pseudonym"]] = (
                site,
                gender or UNKNOWN,
                birth_year,
                benefit,
                bool(r.get("restrictions")),
            )
        elif kind == "assessment":
            if r["instrument"] == "who5":
                answers = r["answers"]
                raw = 0
                for item in _WHO5_ITEMS:
                    score = answers[item]
                    if type(score) is not int or not 0 <= score <= 5:
                        raise ValueError(score)
                    raw += score
                if len(answers) != 5:
                    raise ValueError(answers)
                self.add_who5(r["participant"], date.fromisoformat(r["on"]).toordinal(), raw)
        elif kind == "outcome":
            kind_value = r["kind"]
            if kind_value in _INTEGRATION:
                on = date.fromisoformat(r["on"]).toordinal()
                self.integrations.setdefault(r["participant"], []).append(on)
            elif kind_value not in _KINDS:
                raise ValueError(kind_value)
        elif kind == "session":
            oid = r["offering_id"]
            self.session_counts[oid] = self.session_counts.get(oid, 0) + 1
        elif kind == "offering":
            starts_on = r["starts_on"]
            date.fromisoformat(starts_on)
            self.offerings[r["id"]] = (r["module_id"], starts_on, r.get("provider_id"))
        elif kind == "module":
            if r["field_of_action"] not in _FIELDS or type(r.get("sessions", 1)) is not int:
                raise ValueError(r)
            self.modules[r["id"]] = (
                r["field_of_action"],
                r.get("provider_id"),
                r.get("sessions", 1),
            )
        elif kind == "event":
            visitors = r.get("visitors")
            if visitors is not None and type(visitors) is not int:
                raise TypeError(visitors)
            partners = list(r.get("partner_ids", ()))
            self.events.append(
                (r["site_id"], date.fromisoformat(r["on"]).year, visitors or 0, partners)
            )
        elif kind not in RECORD_TYPES and kind != HEADER_TYPE:
            raise ValueError(kind)

    def add_who5(self, participant: str, on: int, raw: int) -> None:
        pair = self.who5.get(participant)
        if pair is None:
            self.who5[participant] = [on, raw, on, raw]
            return
        if on < pair[0]:
            pair[0], pair[1] = on, raw
        if on > pair[2]:
            pair[2], pair[3] = on, raw

    # models -----------------------------------------------------------------------------
    def add_dataset(self, dataset: Dataset) -> None:
        for module in dataset.modules:
            self.modules[module.id] = (
                module.field_of_action.value,
                module.provider_id,
                module.sessions,
            )
        for offering in dataset.offerings:
            self.offerings[offering.id] = (
                offering.module_id,
                offering.starts_on.isoformat(),
                offering.provider_id,
            )
        for session in dataset.sessions:
            oid = session.offering_id
            self.session_counts[oid] = self.session_counts.get(oid, 0) + 1
        for p in dataset.participants:
            self.persons[p.pseudonym] = (
                p.site_id,
                p.gender.value if p.gender is not None else UNKNOWN,
                p.birth_year,
                p.benefit.value,
                bool(p.restrictions),
            )
        for e in dataset.enrolments:
            end = e.ended_on
            self.enrolments[e.id] = [
                e.participant,
                e.offering_id,
                e.status.value,
                end.toordinal() if end is not None else None,
                e.dropout_reason.value if e.dropout_reason is not None else None,
            ]
        for a in dataset.attendances:
            if a.status is AttendanceStatus.PRESENT:
                self.present[a.enrolment_id] = self.present.get(a.enrolment_id, 0) + 1
        for s in dataset.assessments:
            if s.instrument == WHO_5.id:
                self.add_who5(s.participant, s.on.toordinal(), WHO_5.score(s.answers).raw)
        for o in dataset.outcomes:
            if o.kind.is_integration:
                self.integrations.setdefault(o.participant, []).append(o.on.toordinal())
        for ev in dataset.events:
            self.events.append((ev.site_id, ev.on.year, ev.visitors or 0, list(ev.partner_ids)))


# -- computing ------------------------------------------------------------------------------


class _Acc:
    """Mutable counts for one cell while computing."""

    __slots__ = ("ints", "partners", "present", "reasons", "statuses")

    def __init__(self) -> None:
        # persons, restricted, att_enrolments, wb_pairs, wb_change, wb_gains,
        # integration_persons, int6, int12, events, visitors
        self.ints = [0] * 11
        self.statuses: dict[str, int] = {}
        self.reasons: dict[str, int] = {}
        self.present: dict[int, int] = {}
        self.partners: set[str] = set()

    def freeze(self) -> CellCounts:
        i = self.ints
        return CellCounts(
            persons=i[0],
            persons_restricted=i[1],
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


def _compute(  # noqa: PLR0915 - the hot loop, kept in one piece
    collector: _Collector,
    catalogue: dict[str, tuple[int, int, str, str, str, int]],
    breakdowns: tuple[tuple[str, ...], ...],
    year: int | None,
) -> MetricsAggregate:
    cells: dict[CellKey, _Acc] = {}
    persons = collector.persons
    present = collector.present
    who5 = collector.who5
    integrations = collector.integrations
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
        pair = who5.get(pseudonym)
        change: int | None = None
        if pair is not None and pair[2] > pair[0]:
            change = (pair[3] - pair[1]) * 4
        # per cell: [took a place, first start, last end] of this person
        mine: dict[CellKey, list[Any]] = {}
        bands: dict[int, str] = {}
        for _p, _o, status, end, reason, n_present, offering in enrolments:
            y, start, module_id, field_value, provider, sessions = offering
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
        outcome_days = integrations.get(pseudonym, ())
        for key, (first, last) in mine.items():
            ints = cells[key].ints
            ints[0] += 1
            if restricted:
                ints[1] += 1
            if change is not None:
                ints[3] += 1
                ints[4] += change
                if change >= WELLBEING_GAIN_POINTS:
                    ints[5] += 1
            if last is not None:
                ints[6] += 1
                hit6 = hit12 = False
                for day in outcome_days:
                    if first <= day <= last + _WINDOW_12:
                        hit12 = True
                        if day <= last + _WINDOW_6:
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


def aggregate(
    dataset: Dataset,
    *,
    year: int | None = None,
    by: Sequence[str] | Sequence[Sequence[str]] | str = ("site",),
) -> MetricsAggregate:
    """Compute the metrics of a dataset as a mergeable aggregate.

    ``by`` is one breakdown (``("site",)``, ``("site", "gender")``) or several
    (``[("site",), ("field_of_action",)]``); the total of each year is always included.
    ``year`` keeps only offerings starting in that year (None: every year, each separately).
    """
    if not isinstance(dataset, Dataset):
        raise MetricsError(f"expected a Dataset, got {type(dataset).__name__}")
    breakdowns = _breakdowns(by)
    chosen = _check_year(year)
    collector = _Collector()
    collector.add_dataset(dataset)
    return _compute(collector, collector.catalogue(), breakdowns, chosen)


# -- JSON Lines, in parallel ----------------------------------------------------------------

_BLOCK = 1 << 22
_PARTICIPANT_PREFIX = b'{"type":"participant"'
_PARALLEL_MIN_BYTES = 16 << 20


def _explain(path: str, start: int, local_line: int, line: bytes, exc: Exception) -> DocumentError:
    """Turn a failure on one line into a DocumentError with the line number and the path."""
    with open(path, "rb") as handle:
        before = handle.read(start).count(b"\n") if start else 0
    lineno = before + local_line
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError as err:
        return DocumentError(
            "JSON Lines file", [Problem(f"line {lineno}", f"not valid JSON: {err}")]
        )
    try:
        _structure_record(lineno, record)
    except DocumentError as err:
        return err
    message = f"{type(exc).__name__}: {exc}" if not isinstance(exc, MetricsError) else str(exc)
    return DocumentError("JSON Lines file", [Problem(f"line {lineno}", message)])


def _blocks(path: str, start: int, end: int | None) -> Iterator[bytes]:
    """The bytes in ``[start, end)`` in blocks of whole lines."""
    with open(path, "rb") as handle:
        handle.seek(start)
        pos = start
        while end is None or pos < end:
            size = _BLOCK if end is None else min(_BLOCK, end - pos)
            block = handle.read(size)
            if not block:
                return
            pos += len(block)
            if not block.endswith(b"\n") and (end is None or pos < end):
                rest = handle.readline()
                pos += len(rest)
                block += rest
            yield block


def _collect(path: str, start: int, end: int | None, collector: _Collector) -> None:
    """Feed the lines in ``[start, end)`` to the collector.

    Attendance lines (most of a file) are handled inline; everything else goes through
    :meth:`_Collector.add_raw`.
    """
    loads = orjson.loads
    add = collector.add_raw
    present = collector.present
    get = present.get
    local = 0
    line = b""
    try:
        for block in _blocks(path, start, end):
            lines = block.split(b"\n")
            if lines[-1] == b"":
                lines.pop()
            for line in lines:
                local += 1
                if not line or line.isspace():
                    continue
                r = loads(line)
                if r["type"] == "attendance":
                    status = r["status"]
                    eid = r["enrolment_id"]
                    if status == "present":
                        present[eid] = get(eid, 0) + 1
                    elif status != "absent" and status != "excused":  # noqa: PLR1714
                        raise ValueError(status)
                    if type(eid) is not str or type(r["session_number"]) is not int:
                        raise TypeError(eid)
                else:
                    add(r)
    except DocumentError:
        raise
    except Exception as exc:
        raise _explain(path, start, local, line, exc) from exc


def _collect_shared(path: str, collector: _Collector) -> int:
    """Feed the lines before the first participant to the collector; returns the byte
    offset of the first participant line (-1: there is none)."""
    loads = orjson.loads
    offset = 0
    local = 0
    line = b""
    try:
        with open(path, "rb") as handle:
            for line in handle:
                local += 1
                if line.startswith(_PARTICIPANT_PREFIX):
                    return offset
                if line.strip():
                    record = loads(line)
                    if record.get("type") == "participant":
                        return offset
                    collector.add_raw(record)
                offset += len(line)
    except DocumentError:
        raise
    except Exception as exc:
        raise _explain(path, 0, local, line, exc) from exc
    return -1


def _worker(  # noqa: PLR0917 - submitted to a process pool
    path: str,
    start: int,
    end: int | None,
    catalogue: dict[str, tuple[int, int, str, str, str, int]] | None,
    breakdowns: tuple[tuple[str, ...], ...],
    year: int | None,
    chunked: bool,
) -> MetricsAggregate:
    collector = _Collector()
    _collect(path, start, end, collector)
    if chunked and (collector.modules or collector.offerings or collector.session_counts):
        raise DocumentError(
            "JSON Lines file",
            [Problem(path, "catalogue records after the first participant, but the header "
                     f"declares the {BY_PARTICIPANT!r} layout")],
        )  # fmt: skip
    resolved = catalogue if catalogue is not None else collector.catalogue()
    try:
        return _compute(collector, resolved, breakdowns, year)
    except MetricsError as exc:
        if chunked:
            raise DocumentError(
                "JSON Lines file",
                [Problem(path, f"{exc} (records must follow their participant in the "
                         f"{BY_PARTICIPANT!r} layout)")],
            ) from exc  # fmt: skip
        raise


def _header_layout(path: str) -> str | None:
    with open(path, "rb") as handle:
        first = handle.readline()
    try:
        record = orjson.loads(first)
    except orjson.JSONDecodeError:
        return None
    if type(record) is dict and record.get("type") == HEADER_TYPE:
        layout = record.get("layout")
        return layout if type(layout) is str else None
    return None


def _boundaries(path: str, begin: int, size: int, parts: int) -> list[int]:
    """Byte offsets of participant lines splitting ``[begin, size)`` into about ``parts``."""
    cuts = [begin]
    with open(path, "rb") as handle:
        for k in range(1, parts):
            target = begin + (size - begin) * k // parts
            if target <= cuts[-1]:
                continue
            handle.seek(target)
            handle.readline()
            while True:
                pos = handle.tell()
                line = handle.readline()
                if not line:
                    pos = size
                    break
                if line.startswith(_PARTICIPANT_PREFIX):
                    break
                try:
                    if orjson.loads(line).get("type") == "participant":
                        break
                except (orjson.JSONDecodeError, AttributeError):
                    continue
            if pos < size and pos > cuts[-1]:
                cuts.append(pos)
    cuts.append(size)
    return cuts


def aggregate_jsonl(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    by: Sequence[str] | Sequence[Sequence[str]] | str = ("site",),
    workers: int | None = None,
) -> MetricsAggregate:
    """Compute the metrics straight from a JSON Lines data file, without building models.

    Only what the metrics read is checked (cheaply); a problem raises
    :class:`~arbeit_gesundheit.exceptions.DocumentError` with the line number. Files in the
    by-participant layout (as :func:`~arbeit_gesundheit.jsonl.write_jsonl` writes them) are
    split at participant lines and aggregated in ``workers`` processes (default: the number
    of CPUs; small files use one), and the partial aggregates are merged: the merge law
    makes this exact.
    """
    breakdowns = _breakdowns(by)
    chosen = _check_year(year)
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
    except OSError as exc:
        raise DocumentError("JSON Lines file", [Problem(name, str(exc))]) from exc
    if workers is not None and (type(workers) is not int or workers < 1):
        raise MetricsError(f"workers: expected a whole number of at least 1, got {workers!r}")
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count == 1 or size < _PARALLEL_MIN_BYTES or _header_layout(name) != BY_PARTICIPANT:
        return _worker(name, 0, None, None, breakdowns, chosen, False)
    shared = _Collector()
    begin = _collect_shared(name, shared)
    if begin < 0:  # no participants at all
        return _compute(shared, shared.catalogue(), breakdowns, chosen)
    catalogue = shared.catalogue()
    events_only = _compute(shared, catalogue, breakdowns, chosen)
    cuts = _boundaries(name, begin, size, count)
    with ProcessPoolExecutor(max_workers=min(count, len(cuts) - 1)) as pool:
        futures = [
            pool.submit(_worker, name, a, b, catalogue, breakdowns, chosen, True)
            for a, b in itertools.pairwise(cuts)
        ]
        parts = [f.result() for f in futures]
    return merge(events_only, *parts)


# -- formatting -------------------------------------------------------------------------------


def format_value(value: Number | float | None, unit: str, lang: Language = "de") -> str:
    """A figure as people read it: ``4.020``, ``74,6 %``, ``6,6 Punkte`` (German by default);
    ``–`` where there is no figure."""
    if value is None:
        return "–"
    if unit == "count":
        text = f"{round(value):,}"
        return text.replace(",", ".") if lang == "de" else text
    number = f"{float(value):.1f}"
    if lang == "de":
        number = number.replace(".", ",")
    if unit == "percent":
        return f"{number} %" if lang == "de" else f"{number}%"
    return f"{number} Punkte" if lang == "de" else f"{number} points"


# -- report tables with small counts protected -----------------------------------------------

#: Metrics shown by :func:`report_table` unless others are asked for.
REPORT_METRICS: tuple[str, ...] = (
    "reach",
    "places_filled",
    "completion_rate",
    "dropout_rate",
    "attendance_rate",
    "restriction_share",
    "wellbeing_change",
    "integration_6m",
    "integration_12m",
)


def _ended(cell: CellCounts) -> int:
    return cell.ended


# The count a rate or mean rests on: it is hidden when that count is small.
_BASE_OF: dict[str, Callable[[CellCounts], int]] = {
    "completion_rate": lambda c: c.ended,
    "dropout_rate": lambda c: c.ended,
    "no_show_rate": lambda c: c.ended,
    "attendance_rate": lambda c: c.attendance_enrolments,
    "restriction_share": lambda c: c.persons,
    "wellbeing_change": lambda c: c.wellbeing_pairs,
    "wellbeing_gain_share": lambda c: c.wellbeing_pairs,
    "integration_6m": lambda c: c.integration_persons,
    "integration_12m": lambda c: c.integration_persons,
}


@frozen
class MetricsTable:
    """A report table ready to leave the library: labels and formatted figures.

    Small counts are shown as ``"."`` (see :mod:`arbeit_gesundheit.disclosure`); rates and
    means resting on a small or hidden count are hidden too. ``method`` names the policy.
    """

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    method: str

    def to_rows(self) -> list[list[str]]:
        """The header row and the body rows (the total last)."""
        return [list(self.header), *(list(r) for r in self.rows)]


def report_table(
    figures: MetricsAggregate,
    *,
    year: int,
    by: Sequence[str] = ("site",),
    metrics: Sequence[str] = REPORT_METRICS,
    policy: SuppressionPolicy | RoundingPolicy | None = None,
    lang: Language = "de",
) -> MetricsTable:
    """Lay out one breakdown of an aggregate as a table, one row per group plus the total.

    Count columns go through ``policy`` (default: :class:`SuppressionPolicy` with threshold
    3, including secondary suppression within each column); a rate or mean is hidden when
    the count it rests on is below the threshold or hidden.
    """
    if not isinstance(figures, MetricsAggregate):
        raise MetricsError(f"expected a MetricsAggregate, got {type(figures).__name__}")
    dims = tuple(by)
    if not dims:
        raise MetricsError("by: name the breakdown to lay out, such as ('site',)")
    definitions = [metric(m) for m in metrics]
    chosen = policy if policy is not None else SuppressionPolicy()
    if not isinstance(chosen, SuppressionPolicy | RoundingPolicy):
        raise MetricsError(
            f"policy: expected a SuppressionPolicy or RoundingPolicy, got {chosen!r}"
        )
    threshold = chosen.threshold if isinstance(chosen, SuppressionPolicy) else 0
    groups = figures.groups(year, dims)
    cells = [figures.cell(year, dims, g) for g in groups]
    total = figures.cell(year)
    labels = [
        " / ".join(value_label(d, v, lang) for d, v in zip(dims, g, strict=True)) for g in groups
    ]
    labels = [f"{text} [{i}]" if labels.count(text) > 1 else text for i, text in enumerate(labels)]
    columns: list[list[str]] = []
    hidden_rows: dict[str, set[int]] = {}
    for definition in definitions:
        column: list[str] = []
        if definition.unit == "count":
            counts = [int(c.value(definition.id) or 0) for c in cells]
            shown: list[object] = list(counts)
            if groups:
                table = CountTable(rows=tuple(labels), columns=("n",), cells=[(n,) for n in counts])
                protected = chosen.apply(table)
                shown = [row[0] for row in protected.cells]
            hidden_rows[definition.id] = {i for i, s in enumerate(shown) if s == SUPPRESSED}
            grand = int(total.value(definition.id) or 0)
            for value in shown:
                column.append(value if value == SUPPRESSED else format_value(value, "count", lang))  # type: ignore[arg-type]
            if isinstance(chosen, RoundingPolicy):
                grand = chosen.round(grand)
            small = isinstance(chosen, SuppressionPolicy) and chosen.is_sensitive(grand)
            column.append(SUPPRESSED if small else format_value(grand, "count", lang))
        else:
            base = _BASE_OF.get(definition.id.split(":")[0], _ended)
            reach_hidden = hidden_rows.get("reach", set())
            for i, c in enumerate(cells):
                n = base(c)
                if 0 < n < threshold or i in reach_hidden:
                    column.append(SUPPRESSED)
                else:
                    column.append(format_value(c.value(definition.id), definition.unit, lang))
            n = base(total)
            column.append(
                SUPPRESSED
                if 0 < n < threshold
                else format_value(total.value(definition.id), definition.unit, lang)
            )
        columns.append(column)
    heading = " × ".join(dimension_label(d, lang) for d in dims)
    total_label = "Insgesamt" if lang == "de" else "Total"
    rows = tuple(
        (label_, *(col[i] for col in columns)) for i, label_ in enumerate([*labels, total_label])
    )
    title = f"Kennzahlen {year} nach {heading}" if lang == "de" else f"Metrics {year} by {heading}"
    method = chosen.__class__.__name__
    return MetricsTable(
        title=title,
        header=(heading, *(d.label(lang) for d in definitions)),
        rows=rows,
        method=method,
    )
