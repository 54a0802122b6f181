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

import attrs
import orjson

from . import converter
from ._export_csv import CSV_EXPORTER
from ._export_fhir import CAREPLAN_EXPORTER, CATALOGUE_EXPORTER, FHIR_EXPORTER
from ._export_html import HTML_EXPORTER
from ._export_xlsx import XLSX_EXPORTER
from ._exporter import Exporter, ExportOptions, ExportScope
from ._plugin_manager import hookimpl
from ._report import AnnualReport
from ._vocabulary import Language

__all__ = ["CORE_EXPORTERS", "JSON_EXPORTER", "JsonExporter", "ag_exporters"]


def _serializable(data: object) -> bool:
    if isinstance(data, list | tuple):
        return all(_serializable(item) for item in data)
    return attrs.has(type(data)) and type(data).__module__.startswith("arbeit_gesundheit.")


class JsonExporter:
    """The data file as JSON (the format :func:`arbeit_gesundheit.converter.loads` reads),
    or an annual report as JSON (:meth:`~arbeit_gesundheit.report.AnnualReport.to_document`).

    Person-level: a dataset holds one record per participant (by pseudonym). A report holds
    protected figures only.
    """

    name = "json"
    media_type = "application/json"
    suffix = ".json"
    scope = ExportScope.PERSON_LEVEL

    def title(self, lang: Language = "de") -> str:
        return "JSON-Datendatei" if lang == "de" else "JSON data file"

    def supports(self, data: object) -> bool:
        """Any model of the library (a dataset, a site, a list of records, a report)."""
        return isinstance(data, AnnualReport) or _serializable(data)

    def export(self, data: object, options: ExportOptions) -> bytes:
        if isinstance(data, AnnualReport):
            if data.min_count < options.min_count:
                from ._export_common import require_report  # noqa: PLC0415

                require_report("JsonExporter", data, options)  # raises
            return orjson.dumps(data.to_document(), option=orjson.OPT_INDENT_2)
        return converter.dumps(data, indent=True)

    def __repr__(self) -> str:
        return "JsonExporter()"


#: The core's JSON exporter.
JSON_EXPORTER = JsonExporter()

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
