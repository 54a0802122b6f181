"""Measure figures as summary ``MeasureReport`` s: :class:`MeasureFigure` with its strata.

The figures come in already protected by small-count rules; a withheld count (``None``)
is written as a masked population, never as a number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from attrs import Attribute, field, frozen
from fhir.resources.measurereport import MeasureReport

from ..exceptions import InvalidFieldError
from ..model import Language, Site
from ..model import _validators as v
from ._common import (
    BASE_URL,
    _build,
    _concept,
    _external,
    _organization_ref,
    _text,
    _uuid,
    code_system,
)

__all__ = ["MeasureFigure", "StratumFigure", "measure_report"]


_DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
_MEASURE_POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population"
_MEASURE_SCORING = "http://terminology.hl7.org/CodeSystem/measure-scoring"
_UCUM = "http://unitsofmeasure.org"


def _count_pair(inst: Any, attr: Attribute[Any], numerator: Any, denominator: Any) -> None:
    for value in (numerator, denominator):
        if value is not None and (type(value) is not int or value < 0):
            v.fail(inst, attr, "counts that are whole numbers of at least 0 or None", value)
    if numerator is not None and denominator is not None and numerator > denominator:
        v.fail(inst, attr, "a numerator not above the denominator", (numerator, denominator))


@frozen
class StratumFigure:
    """One stratum of a measure (such as ``gender = female``) with its counts.

    ``None`` stands for a count withheld by small-count protection.
    """

    stratifier: str = field(validator=v.text(100))
    value: str = field(validator=v.text(100))
    numerator: int | None = field(default=None)
    denominator: int | None = field(default=None)

    @denominator.validator
    def _check_counts(self, attr: Attribute[int | None], value: int | None) -> None:
        _count_pair(self, attr, self.numerator, value)


def _to_strata(value: Any) -> tuple[StratumFigure, ...]:
    """Accept ``{stratifier: {value: (numerator, denominator)}}`` or StratumFigures."""
    if isinstance(value, Mapping):
        strata: list[Any] = []
        for stratifier, values in value.items():
            if not isinstance(values, Mapping):
                raise InvalidFieldError(
                    "MeasureFigure", "strata", "a mapping of values to count pairs", values
                )
            for key, pair in values.items():
                if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
                    raise InvalidFieldError(
                        "MeasureFigure", "strata", "(numerator, denominator) pairs", pair
                    )
                strata.append(StratumFigure(stratifier, key, pair[0], pair[1]))
        return tuple(strata)
    return v.to_tuple(value)


@frozen
class MeasureFigure:
    """The figures of one measure for one period: input of :func:`measure_report`.

    ``numerator`` and ``denominator`` are counts of people (``None``: withheld by
    small-count protection); ``strata`` break them down, given as :class:`StratumFigure`
    items or as ``{stratifier: {value: (numerator, denominator)}}``. Counts must already be
    protected: this mapping does not suppress anything itself.
    """

    measure_id: str = field(validator=v.identifier)
    period_start: date = field(validator=v.a_date)
    period_end: date = field(validator=v.not_before("period_start"))
    numerator: int | None = field(default=None)
    denominator: int | None = field(default=None)
    strata: tuple[StratumFigure, ...] = field(
        default=(), converter=_to_strata, validator=v.instances_of(StratumFigure)
    )
    title: str | None = field(default=None, validator=v.optional_text())

    @denominator.validator
    def _check_counts(self, attr: Attribute[int | None], value: int | None) -> None:
        _count_pair(self, attr, self.numerator, value)


def _population(code: str, count: int | None) -> dict[str, Any]:
    population: dict[str, Any] = {"code": _concept(_MEASURE_POPULATION, code)}
    if count is None:
        population["extension"] = [{"url": _DATA_ABSENT, "valueCode": "masked"}]
    else:
        population["count"] = count
    return population


def _score(numerator: int | None, denominator: int | None) -> dict[str, Any] | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    percent = (Decimal(100) * numerator / denominator).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return {"value": percent, "unit": "%", "system": _UCUM, "code": "%"}


def _populations(numerator: int | None, denominator: int | None) -> list[dict[str, Any]]:
    return [_population("denominator", denominator), _population("numerator", numerator)]


def measure_report(
    figure: MeasureFigure, *, reporter: Site | None = None, lang: Language = "de"
) -> MeasureReport:
    """A measure's figures as a summary ``MeasureReport`` (status complete).

    One group with the denominator and numerator populations and the proportion (in
    percent) as score; strata become stratifiers. A withheld count (``None``) is not
    emitted: the population keeps its code, has no ``count`` and carries the
    ``data-absent-reason`` extension with ``masked``, and no score is given where it would
    need that count.
    """
    if not isinstance(figure, MeasureFigure):
        raise InvalidFieldError("measure_report", "figure", "a MeasureFigure", figure)
    if reporter is not None and not isinstance(reporter, Site):
        raise InvalidFieldError("measure_report", "reporter", "a Site or nothing", reporter)
    group: dict[str, Any] = {
        "code": _concept(code_system("measure"), figure.measure_id, figure.title),
        "population": _populations(figure.numerator, figure.denominator),
    }
    score = _score(figure.numerator, figure.denominator)
    if score is not None:
        group["measureScoreQuantity"] = score
    stratifiers: dict[str, list[dict[str, Any]]] = {}
    for stratum in figure.strata:
        entry: dict[str, Any] = {
            "value": {"text": stratum.value},
            "population": _populations(stratum.numerator, stratum.denominator),
        }
        stratum_score = _score(stratum.numerator, stratum.denominator)
        if stratum_score is not None:
            entry["measureScoreQuantity"] = stratum_score
        stratifiers.setdefault(stratum.stratifier, []).append(entry)
    if stratifiers:
        group["stratifier"] = [
            {"code": {"text": name}, "stratum": [_stratum_value(s) for s in items]}
            for name, items in stratifiers.items()
        ]
    period = f"{figure.period_start.isoformat()}/{figure.period_end.isoformat()}"
    site_key = reporter.id if reporter is not None else ""
    data: dict[str, Any] = {
        "id": _uuid("measure-report", f"{figure.measure_id}/{period}/{site_key}"),
        "status": "complete",
        "type": "summary",
        "measure": f"{BASE_URL}/Measure/{figure.measure_id}",
        "period": {"start": figure.period_start, "end": figure.period_end},
        "scoring": _external(
            _MEASURE_SCORING, "proportion", "Proportion", _text("Anteil", "proportion", lang)
        ),
        "group": [group],
    }
    if reporter is not None:
        data["reporter"] = _organization_ref("site-id", reporter.id, reporter.name)
    return cast(MeasureReport, _build(MeasureReport, f"MeasureReport {figure.measure_id}", data))


def _stratum_value(entry: dict[str, Any]) -> dict[str, Any]:
    out = {"valueCodeableConcept": entry["value"], "population": entry["population"]}
    if "measureScoreQuantity" in entry:
        out["measureScoreQuantity"] = entry["measureScoreQuantity"]
    return out
