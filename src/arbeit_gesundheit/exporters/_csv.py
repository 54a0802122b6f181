"""CSV export of the annual report, as German Excel opens it.

One file with every table, one after the other: a title line, the header line, the rows
and an empty line between tables (a *sectioned* file: one download, one attachment, and
Excel opens it directly). ``extra["table"]`` exports a single table instead (for tools
that want one table per file). Options in :attr:`ExportOptions.extra`:

- ``delimiter``: the separator, default ``";"`` (what German Excel expects);
- ``decimal_comma``: ``74,6`` instead of ``74.6`` (default: yes for ``lang="de"``);
- ``bom``: start with a UTF-8 byte-order mark so Excel detects UTF-8 (default: yes);
- ``table``: the identifier of one table to export alone (such as ``"reach"``).

Counts are written as plain whole numbers, per cent and points with one decimal (the
unit is in the column heading), suppressed figures as ``.`` and missing ones as ``–``.
"""

from __future__ import annotations

import csv
import io

from ..exceptions import InvalidFieldError
from ..model import Language
from ..report import AnnualReport, ReportTable
from ._common import bool_option, format_cell, require_report, str_option
from ._protocol import ExportOptions, ExportScope

__all__ = ["CSV_EXPORTER", "CsvExporter", "report_csv"]


def _table_rows(table: ReportTable, lang: Language, decimal_comma: bool) -> list[list[str]]:
    rows = [[table.title], [table.stub, *(c.heading for c in table.columns)]]
    for row in table.rows:
        if row.kind == "heading":
            rows.append([row.label, *("" for _ in table.columns)])
            continue
        rows.append(
            [
                row.label,
                *(
                    format_cell(v, c.kind, lang, decimal_comma=decimal_comma)
                    for v, c in zip(row.cells, table.columns, strict=True)
                ),
            ]
        )
    if table.note:
        rows.append([table.note])
    return rows


def report_csv(
    report: AnnualReport,
    *,
    delimiter: str = ";",
    decimal_comma: bool | None = None,
    bom: bool = True,
    table: str | None = None,
) -> bytes:
    """The report (or its table ``table``) as CSV bytes; see the module notes."""
    if len(delimiter) != 1 or delimiter in '\r\n"':
        raise InvalidFieldError("report_csv", "delimiter", "one character", delimiter)
    comma = report.lang == "de" if decimal_comma is None else decimal_comma
    if comma and delimiter == ",":
        raise InvalidFieldError(
            "report_csv", "delimiter", "not ',' together with a decimal comma", delimiter
        )
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    tables = [report.table(table)] if table is not None else list(report.tables())
    if table is None:
        writer.writerow([report.title])
        for note in report.notes:
            writer.writerow([note])
        writer.writerow([])
    for i, item in enumerate(tables):
        if i:
            writer.writerow([])
        writer.writerows(_table_rows(item, report.lang, comma))
    text = out.getvalue()
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


class CsvExporter:
    """The annual report as CSV (semicolon-separated, UTF-8 with BOM, decimal comma)."""

    name = "csv"
    media_type = "text/csv"
    suffix = ".csv"
    scope = ExportScope.AGGREGATE

    def title(self, lang: Language = "de") -> str:
        return "CSV-Tabellen (Excel)" if lang == "de" else "CSV tables (Excel)"

    def supports(self, data: object) -> bool:
        """An :class:`~arbeit_gesundheit.report.AnnualReport`."""
        return isinstance(data, AnnualReport)

    def export(self, data: object, options: ExportOptions) -> bytes:
        report = require_report("CsvExporter", data, options)
        return report_csv(
            report,
            delimiter=str_option(options, "delimiter", ";") or ";",
            decimal_comma=bool_option(options, "decimal_comma", report.lang == "de"),
            bom=bool_option(options, "bom", True),
            table=str_option(options, "table", None),
        )

    def __repr__(self) -> str:
        return "CsvExporter()"


#: The core's CSV exporter.
CSV_EXPORTER = CsvExporter()
