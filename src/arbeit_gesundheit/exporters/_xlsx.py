"""XLSX export of the annual report (needs the optional extra ``xlsx``: openpyxl).

A first sheet describes the report (site, year, protection, notes, contents); then one
sheet per table. The header row is bold, filled and frozen; counts have the number format
``0``, per cent ``0.0%`` (stored as shares, so Excel computes with them), WHO-5 points
``0.0``; suppressed figures are the text ``.`` right-aligned, missing ones ``–``.
openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import importlib
import io
import zipfile
from datetime import datetime
from fractions import Fraction
from typing import Any

from ..exceptions import MissingExtraError
from ..model import Language
from ..report import AnnualReport, ReportTable, Row
from ._common import NO_FIGURE, require_report
from ._protocol import ExportOptions, ExportScope

__all__ = ["NUMBER_FORMATS", "XLSX_EXPORTER", "XlsxExporter", "report_workbook"]

#: Excel number formats by column kind.
NUMBER_FORMATS = {"count": "0", "percent": "0.0%", "points": "0.0"}
_HEADER_FILL = "DDE4EE"
_HEADING_FILL = "F2F2F2"


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")  # optional, imported on use
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] != "openpyxl":
            raise
        raise MissingExtraError("the XLSX export", "xlsx", "openpyxl") from exc


def _width(text: str) -> int:
    return max(len(part) for part in text.split("\n")) if text else 0


def _row_values(row: Row, table: ReportTable) -> list[object]:
    values: list[object] = [row.label]
    for value, column in zip(row.cells, table.columns, strict=True):
        if row.kind == "heading":
            values.append(None)
        elif value is None:
            values.append(NO_FIGURE)
        elif isinstance(value, str):
            values.append(value)
        elif column.kind == "percent":
            values.append(float(Fraction(value) / 100))
        elif column.kind == "points":
            values.append(float(value))
        else:
            values.append(value)
    return values


def _fill_table(ws: Any, table: ReportTable, styles: Any) -> None:
    bold = styles.Font(bold=True)
    italic = styles.Font(italic=True)
    header_fill = styles.PatternFill("solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
    heading_fill = styles.PatternFill("solid", start_color=_HEADING_FILL, end_color=_HEADING_FILL)
    right = styles.Alignment(horizontal="right")
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    headings = [table.stub, *(c.heading for c in table.columns)]
    ws.append(headings)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = wrap
    widths = [max(12, _width(table.stub))] + [
        min(max(10, _width(c.heading) // 2 + 2), 28) for c in table.columns
    ]
    for row in table.rows:
        ws.append(_row_values(row, table))
        r = ws.max_row
        widths[0] = min(max(widths[0], _width(row.label) + 2), 70)
        label_cell = ws.cell(row=r, column=1)
        if row.kind == "heading":
            label_cell.font = italic
            for c in range(1, len(headings) + 1):
                ws.cell(row=r, column=c).fill = heading_fill
            continue
        if row.kind == "total":
            for c in range(1, len(headings) + 1):
                ws.cell(row=r, column=c).font = bold
        for c, column in enumerate(table.columns, start=2):
            cell = ws.cell(row=r, column=c)
            if isinstance(cell.value, str):
                cell.alignment = right
            elif column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
    ws.append([])
    ws.append([table.title])
    ws.cell(row=ws.max_row, column=1).font = bold
    if table.note:
        ws.append([table.note])
        ws.cell(row=ws.max_row, column=1).font = italic
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[styles.get_column_letter(i)].width = width
    ws.oddHeader.center.text = table.title
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "1:1"


class _Styles:
    """The openpyxl style classes, looked up once the optional package is imported."""

    def __init__(self) -> None:
        styles = importlib.import_module("openpyxl.styles")
        utils = importlib.import_module("openpyxl.utils")
        self.Font: Any = styles.Font
        self.PatternFill: Any = styles.PatternFill
        self.Alignment: Any = styles.Alignment
        self.get_column_letter: Any = utils.get_column_letter


def report_workbook(report: AnnualReport) -> bytes:
    """The report as an XLSX workbook (bytes)."""
    openpyxl = _openpyxl()
    styles = _Styles()
    de = report.lang == "de"
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "Bericht" if de else "Report"
    info.append([report.title])
    info.cell(row=1, column=1).font = styles.Font(bold=True, size=14)
    info.append([])
    info.append(["Standort" if de else "Site", report.site_name])
    info.append(["Standort-ID" if de else "Site id", report.site_id])
    info.append(["Berichtsjahr" if de else "Year", report.year])
    info.append(["Geheimhaltung" if de else "Disclosure control", report.protection()])
    if report.source:
        info.append(["Datenquelle" if de else "Data source", report.source])
    info.append([])
    for note in report.notes:
        info.append([note])
    info.append([])
    info.append(["Tabellen" if de else "Tables"])
    info.cell(row=info.max_row, column=1).font = styles.Font(bold=True)
    used = {info.title}
    for table in report.tables():
        name = table.sheet
        n = 2
        while name in used:
            suffix = f" ({n})"
            name = table.sheet[: 31 - len(suffix)] + suffix
            n += 1
        used.add(name)
        ws = wb.create_sheet(title=name)
        _fill_table(ws, table, styles)
        info.append([name, table.title])
    info.column_dimensions["A"].width = 34
    info.column_dimensions["B"].width = 80
    return _deterministic_bytes(wb, _report_moment(report))


def _report_moment(report: AnnualReport) -> datetime:
    """The time stamp a report's workbook carries: the last day of its year, never the clock,
    so the same report gives the same bytes on any day and machine."""
    return datetime(report.year, 12, 31, 12, 0, 0)


def _deterministic_bytes(wb: Any, moment: datetime) -> bytes:
    """Save ``wb`` with fixed document properties and zip time stamps (``moment``)."""
    writer_module = importlib.import_module("openpyxl.writer.excel")
    wb.properties.creator = "arbeit_gesundheit"
    wb.properties.lastModifiedBy = "arbeit_gesundheit"
    wb.properties.created = moment
    wb.properties.modified = moment
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        writer_module.ExcelWriter(wb, archive).save()  # wb.save() would stamp "now"
    stamp = moment.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr
            target.writestr(info, source.read(entry))
    return out.getvalue()


class XlsxExporter:
    """The annual report as an Excel workbook, one sheet per table (needs openpyxl)."""

    name = "xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    suffix = ".xlsx"
    scope = ExportScope.AGGREGATE

    def title(self, lang: Language = "de") -> str:
        return "Excel-Arbeitsmappe" if lang == "de" else "Excel workbook"

    def supports(self, data: object) -> bool:
        """An :class:`~arbeit_gesundheit.report.AnnualReport`."""
        return isinstance(data, AnnualReport)

    def export(self, data: object, options: ExportOptions) -> bytes:
        return report_workbook(require_report("XlsxExporter", data, options))

    def __repr__(self) -> str:
        return "XlsxExporter()"


#: The core's XLSX exporter.
XLSX_EXPORTER = XlsxExporter()
