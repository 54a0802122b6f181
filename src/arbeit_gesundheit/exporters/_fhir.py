"""FHIR exporters (need the optional extra ``fhir``: fhir.resources), wrapping
:mod:`arbeit_gesundheit.fhir`.

- ``fhir`` (aggregate): the report's proportions as summary ``MeasureReport`` s in one
  collection bundle, with one stratifier per breakdown; figures come from the protected
  tables, a suppressed count is a population without count marked ``masked``.
- ``fhir-careplans`` (person-level): a partner's activity plans as ``CarePlan`` with
  ``Goal``, ``Task`` and the authorising ``Consent``, only for participants with a valid
  consent to sharing with that partner on the day; everyone else is left out and listed
  (by pseudonym, with the reason) by :meth:`CarePlanExporter.export_with_exclusions`.
- ``fhir-catalogue`` (aggregate, no personal data): a site's partners and modules as
  ``Organization`` and ``HealthcareService``.

Every bundle is validated by fhir.resources before it is returned. The FHIR module is
imported only when one of these formats is used.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from ..disclosure import SUPPRESSED
from ..exceptions import InvalidFieldError
from ..model import Dataset, Language
from ..report import AnnualReport, ReportTable, Value
from ..report._document import report_date
from ._common import require_report, str_option
from ._protocol import ExportOptions, ExportScope, SiteCatalogue

__all__ = [
    "CAREPLAN_EXPORTER",
    "CATALOGUE_EXPORTER",
    "FHIR_EXPORTER",
    "MEASURES",
    "CarePlanExporter",
    "CatalogueExporter",
    "FhirMeasureExporter",
    "measure_figures",
]

#: The measures of the ``fhir`` export: (measure id, table, numerator column, denominator
#: column).
MEASURES: tuple[tuple[str, str, int, int], ...] = (
    ("restriction_share", "reach", 1, 0),
    ("completion_rate", "participation", 2, 1),
    ("dropout_rate", "participation", 3, 1),
    ("no_show_rate", "participation", 4, 1),
    ("wellbeing_gain_share", "wellbeing", 2, 0),
    ("integration_6m", "integration", 1, 0),
    ("integration_12m", "integration", 3, 0),
)


def _fhir() -> ModuleType:
    # arbeit_gesundheit.fhir raises MissingExtraError itself when fhir.resources is missing.
    return importlib.import_module("arbeit_gesundheit.fhir")


def _count(value: Value) -> int | None:
    if value is None or value == SUPPRESSED or not isinstance(value, int):
        return None
    return value


def _pair(numerator: Value, denominator: Value) -> tuple[int | None, int | None]:
    n, d = _count(numerator), _count(denominator)
    if n is not None and d is not None and n > d:  # possible only with rounded counts
        n = None
    return n, d


def _strata(table: ReportTable, num: int, den: int) -> list[Any]:
    fhir = _fhir()
    strata = []
    block: str | None = None
    for row in table.rows:
        if row.kind == "heading":
            block = row.label
            continue
        if row.kind == "total" or block is None:
            continue
        n, d = _pair(row.cells[num], row.cells[den])
        strata.append(fhir.StratumFigure(block[:100], row.label[:100], n, d))
    return strata


def measure_figures(report: AnnualReport) -> list[Any]:
    """The report's proportions as :class:`~arbeit_gesundheit.fhir.MeasureFigure` s."""
    fhir = _fhir()
    start, end = report_date(report.year)
    figures = []
    for measure_id, table_id, num, den in MEASURES:
        table = report.table(table_id)
        total = table.rows[0]
        n, d = _pair(total.cells[num], total.cells[den])
        title = f"{table.columns[num].heading} / {table.columns[den].heading}"
        figures.append(
            fhir.MeasureFigure(
                measure_id=measure_id,
                period_start=start,
                period_end=end,
                numerator=n,
                denominator=d,
                strata=_strata(table, num, den),
                title=title[:200],
            )
        )
    return figures


class FhirMeasureExporter:
    """The annual report's proportions as FHIR R5 MeasureReports (needs fhir.resources)."""

    name = "fhir"
    media_type = "application/fhir+json"
    suffix = ".fhir.json"
    scope = ExportScope.AGGREGATE

    def title(self, lang: Language = "de") -> str:
        return "FHIR-Kennzahlenberichte" if lang == "de" else "FHIR measure reports"

    def supports(self, data: object) -> bool:
        """An :class:`~arbeit_gesundheit.report.AnnualReport`."""
        return isinstance(data, AnnualReport)

    def export(self, data: object, options: ExportOptions) -> bytes:
        report = require_report("FhirMeasureExporter", data, options)
        fhir = _fhir()
        reports = [
            fhir.measure_report(figure, reporter=report.site, lang=report.lang)
            for figure in measure_figures(report)
        ]
        bundle = fhir.to_bundle(reports)
        data_bytes: bytes = fhir.bundle_json(bundle, indent=2)
        return data_bytes

    def __repr__(self) -> str:
        return "FhirMeasureExporter()"


class CarePlanExporter:
    """Activity plans for one partner as FHIR CarePlans, only with valid sharing consent.

    Person-level. Consent is checked on :attr:`ExportOptions.as_of` (the day of the
    transfer, default today). Options in :attr:`ExportOptions.extra`: ``recipient`` (the
    partner's identifier, required) and ``site`` (only participants of this site).
    """

    name = "fhir-careplans"
    media_type = "application/fhir+json"
    suffix = ".fhir.json"
    scope = ExportScope.PERSON_LEVEL

    def title(self, lang: Language = "de") -> str:
        return "FHIR-Aktivitätspläne für einen Partner" if lang == "de" else "FHIR care plans"

    def supports(self, data: object) -> bool:
        """A :class:`~arbeit_gesundheit.Dataset`."""
        return isinstance(data, Dataset)

    def export_with_exclusions(
        self, data: object, options: ExportOptions
    ) -> tuple[bytes, list[Any]]:
        """The bundle and the participants left out (:class:`~arbeit_gesundheit.fhir.Exclusion`)."""
        if not isinstance(data, Dataset):
            raise InvalidFieldError("CarePlanExporter", "data", "a Dataset", type(data).__name__)
        recipient = str_option(options, "recipient", None)
        if recipient is None:
            raise InvalidFieldError(
                "CarePlanExporter", "extra['recipient']", "the partner's identifier", None
            )
        site = str_option(options, "site", None)
        participants = [p for p in data.participants if site is None or p.site_id == site]
        wanted = {p.pseudonym for p in participants}
        plans = [p for p in data.plans if site is None or p.participant in wanted]
        fhir = _fhir()
        bundle, exclusions = fhir.care_plans_bundle(
            plans, participants, recipient=recipient, on=options.reference_date(), lang=options.lang
        )
        content: bytes = fhir.bundle_json(bundle, indent=2)
        return content, list(exclusions)

    def export(self, data: object, options: ExportOptions) -> bytes:
        return self.export_with_exclusions(data, options)[0]

    def __repr__(self) -> str:
        return "CarePlanExporter()"


class CatalogueExporter:
    """A site's partners and modules as FHIR Organization and HealthcareService."""

    name = "fhir-catalogue"
    media_type = "application/fhir+json"
    suffix = ".fhir.json"
    scope = ExportScope.AGGREGATE

    def title(self, lang: Language = "de") -> str:
        return "FHIR-Angebotskatalog" if lang == "de" else "FHIR catalogue"

    def supports(self, data: object) -> bool:
        """A site with its catalogue (:class:`~arbeit_gesundheit.plugins.registry.SiteBundle`)."""
        return isinstance(data, SiteCatalogue)

    def export(self, data: object, options: ExportOptions) -> bytes:
        if not isinstance(data, SiteCatalogue):
            raise InvalidFieldError(
                "CatalogueExporter", "data", "a SiteBundle", type(data).__name__
            )
        fhir = _fhir()
        bundle = fhir.catalogue_bundle(
            sites=[data.site], partners=data.partners, modules=data.modules, lang=options.lang
        )
        content: bytes = fhir.bundle_json(bundle, indent=2)
        return content

    def __repr__(self) -> str:
        return "CatalogueExporter()"


#: The core's FHIR exporters.
FHIR_EXPORTER = FhirMeasureExporter()
CAREPLAN_EXPORTER = CarePlanExporter()
CATALOGUE_EXPORTER = CatalogueExporter()
