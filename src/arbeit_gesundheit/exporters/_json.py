"""The core's JSON exporter: data files and annual reports as JSON."""

from __future__ import annotations

import attrs
import orjson

from .. import converter
from ..model import Language
from ..report import AnnualReport
from ._protocol import ExportOptions, ExportScope

__all__ = ["JSON_EXPORTER", "JsonExporter"]


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
                from ..exporters._common import require_report  # noqa: PLC0415

                require_report("JsonExporter", data, options)  # raises
            return orjson.dumps(data.to_document(), option=orjson.OPT_INDENT_2)
        return converter.dumps(data, indent=True)

    def __repr__(self) -> str:
        return "JsonExporter()"


#: The core's JSON exporter.
JSON_EXPORTER = JsonExporter()
