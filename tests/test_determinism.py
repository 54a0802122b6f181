"""The same report gives the same bytes in every core format, whenever it is exported."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from arbeit_gesundheit.cli import EXIT_USAGE, cli
from arbeit_gesundheit.exporters import ExportOptions
from arbeit_gesundheit.plugins import PluginManager, get_registry
from arbeit_gesundheit.report import annual_report
from arbeit_gesundheit.synthetic import default_modules, generate_cohort

YEAR = 2024
REPORT_FORMATS = ("html", "xlsx", "csv", "json", "fhir")


def test_every_report_format_is_byte_identical_across_runs() -> None:
    data = generate_cohort(seed=5, participants=60, modules=default_modules(YEAR), year=YEAR)
    report = annual_report(data, site=data.sites[0], year=YEAR)
    registry = get_registry(PluginManager(entry_points=False, environ={}))
    options = ExportOptions()
    first = {name: registry.exporter(name).export(report, options) for name in REPORT_FORMATS}
    time.sleep(1.1)  # zip time stamps have a resolution of two seconds, the clock of one
    second = {name: registry.exporter(name).export(report, options) for name in REPORT_FORMATS}
    assert [name for name in REPORT_FORMATS if first[name] != second[name]] == []


def test_the_workbook_carries_the_report_year_not_the_clock() -> None:
    data = generate_cohort(seed=5, participants=30, modules=default_modules(YEAR), year=YEAR)
    report = annual_report(data, site=data.sites[0], year=YEAR)
    registry = get_registry(PluginManager(entry_points=False, environ={}))
    content = registry.exporter("xlsx").export(report, ExportOptions())
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.properties.created is not None
    assert book.properties.created.year == YEAR
    assert book.properties.modified == book.properties.created
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert {entry.date_time[:3] for entry in archive.infolist()} == {(YEAR, 12, 31)}


@pytest.mark.parametrize("overwrite", [[], ["--overwrite"]])
def test_an_output_path_that_is_a_directory_is_named_as_such(
    tmp_path: Path, overwrite: list[str]
) -> None:
    result = CliRunner().invoke(
        cli, ["report", "gelsenkirchen", "--year", str(YEAR), "--output", str(tmp_path), *overwrite]
    )
    assert result.exit_code == EXIT_USAGE
    assert "ist ein Verzeichnis" in result.output
    assert "existiert bereits" not in result.output
