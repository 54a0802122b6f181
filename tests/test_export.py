"""The core exporters of the annual report: CSV, XLSX, HTML, JSON, FHIR, care plans."""

from __future__ import annotations

import csv
import io
import re
import sys
from datetime import date
from fractions import Fraction

import openpyxl
import orjson
import pytest
from fhir.resources.bundle import Bundle

from arbeit_gesundheit import ConsentPurpose, DataCategory, InvalidFieldError
from arbeit_gesundheit.disclosure import SUPPRESSED
from arbeit_gesundheit.exceptions import MissingExtraError
from arbeit_gesundheit.plugins import ExportOptions, ExportScope, PluginManager, get_registry
from arbeit_gesundheit.report import AnnualReport, annual_report
from arbeit_gesundheit.synthetic import default_modules, generate_cohort

YEAR = 2024
MIN_COUNT = 5


@pytest.fixture(scope="module")
def data() -> object:
    return generate_cohort(seed=11, participants=80, modules=default_modules(YEAR), year=YEAR)


@pytest.fixture(scope="module")
def report(data: object) -> AnnualReport:
    site = data.sites[0]  # type: ignore[attr-defined]
    return annual_report(data, site=site, year=YEAR, min_count=MIN_COUNT)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def exporters() -> dict[str, object]:
    manager = PluginManager(entry_points=False, environ={})
    return {e.name: e for e in get_registry(manager).exporters()}


OPTIONS = ExportOptions(min_count=MIN_COUNT)


def shown_counts(report: AnnualReport) -> list[int]:
    found = []
    for table in report.tables():
        for row in table.figure_rows():
            for value, column in zip(row.cells, table.columns, strict=True):
                if column.kind == "count" and isinstance(value, int):
                    found.append(value)
    return found


def test_core_exporters_are_registered(exporters: dict[str, object]) -> None:
    assert {"json", "csv", "xlsx", "html", "fhir", "fhir-careplans", "fhir-catalogue"} <= set(
        exporters
    )
    assert exporters["fhir-careplans"].scope is ExportScope.PERSON_LEVEL  # type: ignore[attr-defined]
    for name in ("csv", "xlsx", "html", "fhir"):
        assert exporters[name].scope is ExportScope.AGGREGATE  # type: ignore[attr-defined]


def test_report_has_small_counts_to_protect(report: AnnualReport) -> None:
    # Guard for the privacy tests below: the cohort must have hidden cells.
    hidden = sum(v == SUPPRESSED for t in report.tables() for r in t.figure_rows() for v in r.cells)
    assert hidden > 0
    assert all(v == 0 or v >= MIN_COUNT for v in shown_counts(report))


# -- CSV ----------------------------------------------------------------------------------------


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def csv_table(rows: list[list[str]], title: str) -> list[list[str]]:
    start = rows.index([title])
    out = []
    for row in rows[start + 1 :]:
        if not row:
            break
        out.append(row)
    return out


def test_csv_opens_as_written(report: AnnualReport, exporters: dict[str, object]) -> None:
    content = exporters["csv"].export(report, OPTIONS)  # type: ignore[attr-defined]
    assert content.startswith(b"\xef\xbb\xbf")
    rows = read_csv(content)
    for table in report.tables():
        body = csv_table(rows, table.title)
        assert body[0] == [table.stub, *(c.heading for c in table.columns)]
        for row, line in zip(table.rows, body[1:], strict=False):
            assert line[0] == row.label
            for value, column, text in zip(row.cells, table.columns, line[1:], strict=True):
                if row.kind == "heading":
                    assert text == ""
                elif value == SUPPRESSED:
                    assert text == "."
                elif column.kind == "count" and isinstance(value, int):
                    assert int(text) == value
                elif isinstance(value, Fraction):
                    assert "," in text or text.isdigit()
                    assert float(text.replace(",", ".")) == pytest.approx(float(value), abs=0.051)


def test_csv_options(report: AnnualReport, exporters: dict[str, object]) -> None:
    exporter = exporters["csv"]
    plain = exporter.export(  # type: ignore[attr-defined]
        report, ExportOptions(min_count=MIN_COUNT, extra={"bom": "false", "decimal_comma": "no"})
    )
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert re.search(rb";\d+\.\d\r\n", plain)
    single = exporter.export(  # type: ignore[attr-defined]
        report, ExportOptions(min_count=MIN_COUNT, extra={"table": "reach"})
    )
    rows = read_csv(single)
    assert rows[0] == [report.table("reach").title]
    with pytest.raises(InvalidFieldError):
        exporter.export(report, ExportOptions(min_count=MIN_COUNT, extra={"bom": "maybe"}))  # type: ignore[attr-defined]


def test_export_refuses_weaker_protection(
    report: AnnualReport, exporters: dict[str, object]
) -> None:
    for name in ("csv", "xlsx", "html", "json"):
        with pytest.raises(InvalidFieldError):
            exporters[name].export(report, ExportOptions(min_count=MIN_COUNT + 1))  # type: ignore[attr-defined]
    with pytest.raises(InvalidFieldError):
        exporters["csv"].export(object(), OPTIONS)  # type: ignore[attr-defined]


# -- XLSX ---------------------------------------------------------------------------------------


def test_xlsx_sheets_formats_and_figures(
    report: AnnualReport, exporters: dict[str, object]
) -> None:
    content = exporters["xlsx"].export(report, OPTIONS)  # type: ignore[attr-defined]
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert len(wb.sheetnames) == len(report.tables()) + 1
    for table, name in zip(report.tables(), wb.sheetnames[1:], strict=True):
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        header = [c.value for c in ws[1]]
        assert header == [table.stub, *(c.heading for c in table.columns)]
        assert all(c.font.bold and c.fill.fgColor.rgb.endswith("DDE4EE") for c in ws[1])
        for r, row in enumerate(table.rows, start=2):
            assert ws.cell(row=r, column=1).value == row.label
            if row.kind == "heading":
                continue
            for c, (value, column) in enumerate(zip(row.cells, table.columns, strict=True), 2):
                cell = ws.cell(row=r, column=c)
                if value == SUPPRESSED:
                    assert cell.value == "."
                    assert cell.alignment.horizontal == "right"
                elif column.kind == "count" and isinstance(value, int):
                    assert cell.value == value
                    assert cell.number_format == "0"
                elif column.kind == "percent" and isinstance(value, Fraction):
                    assert cell.value == pytest.approx(float(value) / 100)
                    assert cell.number_format == "0.0%"


def test_missing_extra_is_a_clear_error(
    report: AnnualReport, exporters: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError) as info:
        exporters["xlsx"].export(report, OPTIONS)  # type: ignore[attr-defined]
    assert info.value.extra == "xlsx"


# -- HTML ---------------------------------------------------------------------------------------


def test_html_is_self_contained(report: AnnualReport, exporters: dict[str, object]) -> None:
    text = exporters["html"].export(report, OPTIONS).decode("utf-8")  # type: ignore[attr-defined]
    assert text.startswith("<!DOCTYPE html>")
    assert '<html lang="de">' in text
    assert "<script" not in text.lower()
    assert not re.search(r"(src|href)=\"(https?:)?//", text)
    assert "url(" not in text
    assert "@import" not in text
    assert "@media print" in text
    assert "page-break-before" in text
    assert text.count("<svg") == len(report.charts())
    for table in report.tables():
        assert f'data-table="{table.id}"' in text
    assert "Überblick" in text
    assert "Insgesamt" in text


# -- JSON ---------------------------------------------------------------------------------------


def test_json_report(report: AnnualReport, exporters: dict[str, object]) -> None:
    document = orjson.loads(exporters["json"].export(report, OPTIONS))  # type: ignore[attr-defined]
    assert document == orjson.loads(orjson.dumps(report.to_document()))


# -- privacy at the exit ------------------------------------------------------------------------


def test_no_small_count_leaves_in_any_format(
    report: AnnualReport, exporters: dict[str, object]
) -> None:
    small = set(range(1, MIN_COUNT))
    # CSV: the count columns of every table
    rows = read_csv(exporters["csv"].export(report, OPTIONS))  # type: ignore[attr-defined]
    for table in report.tables():
        body = csv_table(rows, table.title)[1:]
        for line in body:
            for text, column in zip(line[1:], table.columns, strict=False):
                if column.kind == "count" and text.isdigit():
                    assert int(text) not in small
    # XLSX: every cell with the count format
    wb = openpyxl.load_workbook(io.BytesIO(exporters["xlsx"].export(report, OPTIONS)))  # type: ignore[attr-defined]
    for ws in wb.worksheets[1:]:
        for line in ws.iter_rows(min_row=2):
            for cell in line:
                if cell.number_format == "0" and isinstance(cell.value, int):
                    assert cell.value not in small
    # HTML: count cells and bar values
    html = exporters["html"].export(report, OPTIONS).decode()  # type: ignore[attr-defined]
    for text in re.findall(r'<td class="count">([^<]*)</td>', html):
        assert int(text.replace(".", "")) not in small
    # JSON: count columns
    document = orjson.loads(exporters["json"].export(report, OPTIONS))  # type: ignore[attr-defined]
    for section in document["sections"]:
        for table in section["tables"]:
            kinds = [c["kind"] for c in table["columns"]]
            for row in table["rows"]:
                for kind, value in zip(kinds, row["cells"], strict=True):
                    if kind == "count" and isinstance(value, int):
                        assert value not in small


# -- FHIR ---------------------------------------------------------------------------------------


def test_fhir_measure_reports_validate(report: AnnualReport, exporters: dict[str, object]) -> None:
    bundle_cls = Bundle
    content = exporters["fhir"].export(report, OPTIONS)  # type: ignore[attr-defined]
    bundle = bundle_cls.model_validate_json(content)
    reports = [e.resource for e in bundle.entry]
    assert len(reports) == 7
    assert {r.get_resource_type() for r in reports} == {"MeasureReport"}
    document = orjson.loads(content)
    completion = next(
        e["resource"]
        for e in document["entry"]
        if e["resource"]["measure"].endswith("completion_rate")
    )
    total = report.table("participation").rows[0].cells
    counts = {
        p["code"]["coding"][0]["code"]: p.get("count") for p in completion["group"][0]["population"]
    }
    assert counts["numerator"] == (None if total[2] == SUPPRESSED else total[2])
    assert counts["denominator"] == (None if total[1] == SUPPRESSED else total[1])
    text = content.decode()
    assert "masked" in text  # suppressed strata are marked, not emitted


def test_careplans_only_with_consent(data: object, exporters: dict[str, object]) -> None:
    exporter = exporters["fhir-careplans"]
    partner = data.partners[0].id  # type: ignore[attr-defined]
    on = date(YEAR, 12, 1)
    content, exclusions = exporter.export_with_exclusions(  # type: ignore[attr-defined]
        data, ExportOptions(extra={"recipient": partner}, as_of=on)
    )
    people = {p.pseudonym: p for p in data.participants}  # type: ignore[attr-defined]
    with_plans = {plan.participant for plan in data.plans}  # type: ignore[attr-defined]
    allowed = {
        pseudonym
        for pseudonym in with_plans
        if pseudonym in people
        and people[pseudonym].valid_consent(
            ConsentPurpose.DATA_SHARING, on, recipient=partner, category=DataCategory.ACTIVITY_PLAN
        )
        is not None
    }
    excluded = {e.pseudonym for e in exclusions}
    assert excluded == with_plans - allowed
    assert all(e.reason for e in exclusions)
    text = content.decode()
    for pseudonym in excluded:
        assert pseudonym not in text
    for pseudonym in allowed:
        assert pseudonym in text
    with pytest.raises(InvalidFieldError):
        exporter.export(data, ExportOptions())  # type: ignore[attr-defined]
