"""The core's export formats, contributed through the same hook as any plugin's.

Registered first by the plugin manager (like datasette's ``default_*`` modules), so a site's
plugin sees the core exporters the way it sees every other plugin's: ``json`` (data files
and reports), ``csv``, ``xlsx``, ``html`` and ``fhir`` (the annual report),
``fhir-careplans`` (person-level, with consent) and ``fhir-catalogue``. The formats that
need an optional extra (``xlsx``: openpyxl, ``fhir*``: fhir.resources) import it only when
they export, so listing them costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..exporters import Exporter
from ..exporters._csv import CSV_EXPORTER
from ..exporters._fhir import CAREPLAN_EXPORTER, CATALOGUE_EXPORTER, FHIR_EXPORTER
from ..exporters._html import HTML_EXPORTER
from ..exporters._json import JSON_EXPORTER, JsonExporter
from ..exporters._xlsx import XLSX_EXPORTER
from ._manager import hookimpl

__all__ = ["CORE_EXPORTERS", "JSON_EXPORTER", "JsonExporter", "ag_exporters"]


#: Every exporter of the core, in listing order.
CORE_EXPORTERS: tuple[Exporter, ...] = (
    HTML_EXPORTER,
    XLSX_EXPORTER,
    CSV_EXPORTER,
    JSON_EXPORTER,
    FHIR_EXPORTER,
    CAREPLAN_EXPORTER,
    CATALOGUE_EXPORTER,
)


@hookimpl
def ag_exporters() -> Iterable[Exporter]:
    return list(CORE_EXPORTERS)
