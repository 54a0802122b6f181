"""What the metrics are: the catalogue of metric definitions and the breakdown dimensions.

:class:`Metric` and :data:`METRICS` (with :func:`metric` for ``dropout_rate:<reason>``), the
dimensions an aggregate is split by with their labels, the age bands and integration windows,
and the groups of enrolment statuses the counts rest on. Everything else in the package reads
these definitions; this module imports no sibling.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from attrs import frozen

from ..exceptions import MetricsError
from ..model import BenefitType, DropoutReason, FieldOfAction, Gender, Language, label

__all__ = [
    "AGE_BANDS",
    "DIMENSIONS",
    "INTEGRATION_WINDOWS",
    "METRICS",
    "UNKNOWN",
    "WELLBEING_GAIN_POINTS",
    "_BENEFITS",
    "_ENDED",
    "_FIELDS",
    "_GENDERS",
    "_PLACE",
    "_REASONS",
    "_STARTED_ENDED",
    "Metric",
    "Number",
    "age_band",
    "dimension_label",
    "metric",
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
_REASONS = frozenset(r.value for r in DropoutReason)
_GENDERS = frozenset(g.value for g in Gender)
_BENEFITS = frozenset(b.value for b in BenefitType)
_FIELDS = frozenset(f.value for f in FieldOfAction)

#: A metric's value: an exact count, or an exact fraction for rates and means.
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
            _m("health_consent_persons",
               "Erreichte Teilnehmende mit Einwilligung in die Verarbeitung von Gesundheitsdaten",
               "participants reached with consent to health-data processing", "count"),
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
