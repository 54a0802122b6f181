"""HL7 FHIR R5 resources and bundles from the library's models.

Needs the optional extra: ``pip install "arbeit_gesundheit[fhir]"`` (it installs
``fhir.resources``, which builds and validates the resources).

- :class:`~arbeit_gesundheit.Site` and :class:`~arbeit_gesundheit.Partner` become
  ``Organization``, catalogue :class:`~arbeit_gesundheit.Module` s ``HealthcareService``
  (:func:`organization`, :func:`healthcare_service`, :func:`catalogue_bundle`);
- activity plans become ``CarePlan`` with ``Goal`` and ``Task`` (one per agreed step), with
  the authorising ``Consent`` — only for participants whose consent allows sharing with the
  recipient on the day (:func:`care_plans_bundle`, which lists everyone left out);
- measure figures become summary ``MeasureReport`` s (:func:`measure_report`).

Every bundle is validated by fhir.resources before it is returned.
"""

from __future__ import annotations

from ..exceptions import FhirValidationError, MissingExtraError

_EXTRA_MODULES = ("fhir", "fhir_core", "pydantic", "pydantic_core")

try:
    from ._bundles import BundleType, bundle_json, to_bundle, validate_bundle
    from ._care_plans import care_plans_bundle
    from ._catalogue import catalogue_bundle, healthcare_service, organization
    from ._common import BASE_URL, FHIR_VERSION, code_system, identifier_system
    from ._consent import Exclusion, ExclusionReason
    from ._measures import MeasureFigure, StratumFigure, measure_report
except ModuleNotFoundError as exc:
    if (exc.name or "").split(".")[0] in _EXTRA_MODULES:
        raise MissingExtraError("arbeit_gesundheit.fhir", "fhir", "fhir.resources") from exc
    raise

__all__ = [
    "BASE_URL",
    "FHIR_VERSION",
    "BundleType",
    "Exclusion",
    "ExclusionReason",
    "FhirValidationError",
    "MeasureFigure",
    "MissingExtraError",
    "StratumFigure",
    "bundle_json",
    "care_plans_bundle",
    "catalogue_bundle",
    "code_system",
    "healthcare_service",
    "identifier_system",
    "measure_report",
    "organization",
    "to_bundle",
    "validate_bundle",
]
