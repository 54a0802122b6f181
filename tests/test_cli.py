"""The command line, end to end in a subprocess (and a few failure paths in-process)."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import orjson
import pytest
from fhir.resources.bundle import Bundle

from arbeit_gesundheit.cli import EXIT_DATA, EXIT_OUTPUT_EXISTS, EXIT_PLUGIN, EXIT_USAGE, main
from arbeit_gesundheit.disclosure import SUPPRESSED
from arbeit_gesundheit.files import TEMP_SUFFIX
from arbeit_gesundheit.jsonl import load_jsonl
from arbeit_gesundheit.metrics import aggregate_jsonl
from arbeit_gesundheit.plugins import ExportScope, get_plugin_manager, hookimpl, registry
from arbeit_gesundheit.synthetic import write_cohort_jsonl

YEAR = 2024
COMMANDS = ("sites", "modules", "partners", "plugins", "formats", "explain", "validate",
            "report", "careplans")  # fmt: skip


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ARBEIT_GESUNDHEIT_LANG"}
    return subprocess.run(
        [sys.executable, "-m", "arbeit_gesundheit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def site_id() -> str:
    sites = registry.sites()
    assert sites, "no site plugin installed (pip install -r requirements/test.txt)"
    return sites[0].id


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory, site_id: str) -> Path:
    bundle = registry.site(site_id)
    path = tmp_path_factory.mktemp("data") / "cohort.jsonl"
    return write_cohort_jsonl(
        path,
        seed=5,
        participants=120,
        site=bundle.site,
        modules=[m for m in bundle.modules if m.sessions > 1],
        year=YEAR,
    )


def test_help_everywhere() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout
        sub = run(command, "--help")
        assert sub.returncode == 0, sub.stderr
        assert "Usage:" in sub.stdout


def test_startup_imports_nothing_heavy() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "arbeit_gesundheit", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    for heavy in (
        "openpyxl",
        "fhir.resources",
        "hypothesis",
        "holidays",
        "pydantic",
        "sqlalchemy",
        "alembic",
        "python_calamine",
        "importlib.metadata",
    ):
        assert heavy not in imported
    # The layers a command needs are loaded when it runs, not for --help.
    lazy = ("metrics", "report", "plugins", "store", "importers", "exporters", "eligibility")
    loaded = {m for m in imported if m.split(".")[:2][-1] in lazy and m.startswith("arbeit_")}
    assert loaded == set()


def test_listings(site_id: str) -> None:
    bundle = registry.site(site_id)
    sites = run("sites")
    assert sites.returncode == 0
    assert site_id in sites.stdout
    modules = run("modules", site_id)
    assert modules.returncode == 0
    assert all(m.id in modules.stdout for m in bundle.modules)
    partners = run("partners", site_id)
    assert all(p.id in partners.stdout for p in bundle.partners)
    plugins = run("plugins")
    assert "arbeit_gesundheit" in plugins.stdout
    formats = run("formats")
    for name in ("html", "xlsx", "csv", "json", "fhir", "fhir-careplans"):
        assert name in formats.stdout
    assert "Termine" in modules.stdout
    english = run("--lang", "en", "modules", site_id)
    assert "sessions" in english.stdout


def test_usage_errors(site_id: str, tmp_path: Path) -> None:
    assert run("modules", "nowhere").returncode == EXIT_USAGE
    result = run("report", site_id, "--year", "2024", "--format", "docx", cwd=tmp_path)
    assert result.returncode == EXIT_USAGE
    assert "docx" in result.stderr
    assert run("report", site_id).returncode == EXIT_USAGE  # --year missing
    assert run("no-such-command").returncode == EXIT_USAGE
    assert list(tmp_path.iterdir()) == []


def test_report_demo_and_no_overwrite(site_id: str, tmp_path: Path) -> None:
    out = tmp_path / "bericht.html"
    args = ("report", site_id, "--year", "2024", "--demo-size", "60", "--output", str(out))
    first = run(*args)
    assert first.returncode == 0, first.stderr
    content = out.read_bytes()
    assert b"Jahresbericht 2024" in content
    assert b"synthetische Demodaten" in content
    second = run(*args)
    assert second.returncode == EXIT_OUTPUT_EXISTS
    assert "--overwrite" in second.stderr
    assert out.read_bytes() == content
    third = run(*args, "--overwrite", "--lang", "de")
    assert third.returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["bericht.html"]


def test_report_default_name(site_id: str, tmp_path: Path) -> None:
    result = run("report", site_id, "--year", "2024", "--demo-size", "30", "--format", "json",
                 cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = orjson.loads((tmp_path / f"jahresbericht-{site_id}-2024.json").read_bytes())
    assert document["site_id"] == site_id


def test_xlsx_figures_equal_the_metrics(site_id: str, data_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "bericht.xlsx"
    result = run("report", site_id, "--year", "2024", "--data", str(data_file), "--format",
                 "xlsx", "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    figures = aggregate_jsonl(data_file, year=YEAR, by=[("site",)], workers=1)
    total = figures.cell(YEAR, ("site",), (site_id,))
    expected = {
        "Erreichte Teilnehmende": {
            "Erreichte Teilnehmende": total.persons,
            "darunter mit Einwilligung in Gesundheitsdaten": total.persons_health_consent,
            "darunter mit gesundheitlichen Einschränkungen": total.persons_restricted,
            "Anteil mit Einschränkungen (%)": total.value("restriction_share"),
        },
        "Abschluss und Abbruch": {
            "Besetzte Teilnahmeplätze": total.places_filled,
            "Beendete Teilnahmen": total.ended,
            "abgeschlossen": total.enrolments.get("completed", 0),
            "abgebrochen": total.enrolments.get("dropped", 0),
            "Abschlussquote (%)": total.value("completion_rate"),
            "Abbruchquote (%)": total.value("dropout_rate"),
        },
        "Integration": {
            "Personen mit beendeter Teilnahme": total.integration_persons,
            "integriert binnen 12 Monaten": total.integrated_12m,
            "Anteil binnen 12 Monaten (%)": total.value("integration_12m"),
        },
    }
    compared = 0
    for sheet, columns in expected.items():
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        assert ws[2][0].value == "Insgesamt"
        for heading, value in columns.items():
            cell = ws.cell(row=2, column=header.index(heading) + 1).value
            if cell == SUPPRESSED:
                continue
            compared += 1
            if heading.endswith("(%)"):
                assert cell == pytest.approx(float(value) / 100)  # type: ignore[arg-type]
            else:
                assert cell == value
    assert compared >= 9


def test_csv_via_cli(site_id: str, data_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "bericht.csv"
    result = run("report", site_id, "--year", "2024", "--data", str(data_file), "--format",
                 "csv", "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][0].startswith("Jahresbericht 2024")
    header = rows.index(["Merkmal", "Erreichte Teilnehmende",
                         "darunter mit Einwilligung in Gesundheitsdaten",
                         "darunter mit gesundheitlichen Einschränkungen",
                         "Anteil mit Einschränkungen (%)"])  # fmt: skip
    total = rows[header + 1]
    assert total[0] == "Insgesamt"
    figures = aggregate_jsonl(data_file, year=YEAR, by=[("site",)], workers=1)
    assert int(total[1]) == figures.value("reach", year=YEAR, by=("site",), group=(site_id,))


def test_fhir_via_cli_validates(site_id: str, data_file: Path, tmp_path: Path) -> None:
    bundle_cls = Bundle
    out = tmp_path / "bericht.fhir.json"
    result = run("report", site_id, "--year", "2024", "--data", str(data_file), "--format",
                 "fhir", "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    bundle = bundle_cls.model_validate_json(out.read_bytes())
    assert {e.resource.get_resource_type() for e in bundle.entry} == {"MeasureReport"}


def test_careplans_via_cli(site_id: str, data_file: Path, tmp_path: Path) -> None:
    partner = registry.site(site_id).partners[0].id
    out = tmp_path / "plans.json"
    result = run("careplans", site_id, "--data", str(data_file), "--recipient", partner,
                 "--on", "2024-12-01", "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = load_jsonl(data_file)
    left_out = [
        line.strip().split(":")[0] for line in result.stderr.splitlines() if line.startswith("  ")
    ]
    assert left_out
    assert set(left_out) <= {p.pseudonym for p in data.participants}
    text = out.read_text()
    assert all(pseudonym not in text for pseudonym in left_out)
    assert "ohne gültige Einwilligung" in result.stderr


def test_validate_lists_every_problem(tmp_path: Path, data_file: Path) -> None:
    good = run("validate", str(data_file))
    assert good.returncode == 0, good.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"participants": [{"pseudonym": "x", "birth_year": "a"}], "modules": [{}]}')
    result = run("validate", str(bad))
    assert result.returncode == EXIT_DATA
    assert "$.participants[0].birth_year:" in result.stdout
    assert "$.modules[0].id:" in result.stdout
    assert len(result.stdout.splitlines()) >= 5
    lines = data_file.read_text().splitlines()
    broken = tmp_path / "bad.jsonl"
    record = orjson.loads(lines[1])
    record["land"] = "XX"
    broken.write_text("\n".join([lines[0], orjson.dumps(record).decode(), "{oops", *lines[2:5]]))
    result = run("validate", str(broken))
    assert result.returncode == EXIT_DATA
    assert "line 2 $.land:" in result.stdout
    assert "line 3:" in result.stdout


def test_explain_per_criterion(site_id: str, data_file: Path) -> None:
    data = load_jsonl(data_file)
    person = data.participants[0]
    bundle = registry.site(site_id)
    module = bundle.modules[0]
    result = run("explain", site_id, person.pseudonym, "--data", str(data_file), "--module",
                 module.id, "--as-of", "2024-06-01")  # fmt: skip
    assert result.returncode == 0, result.stderr
    decision = bundle.evaluate(person, module.id, date(2024, 6, 1))
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert lines[0] == f"{module.title} [{module.id}]"
    assert lines[1].startswith("Ergebnis zum")
    assert len(decision.results) >= 1
    for criterion in decision.results:
        assert any(criterion.explain("de").strip() in line for line in lines)
    unknown = run("explain", site_id, "nobody", "--data", str(data_file))
    assert unknown.returncode == EXIT_DATA


# -- interruptions and failures -----------------------------------------------------------------


def _no_leftovers(directory: Path) -> None:
    assert [p.name for p in directory.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


def test_interrupted_write_leaves_no_file(
    site_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "bericht.html"

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(SystemExit) as info:
        main(["report", site_id, "--year", "2024", "--demo-size", "20", "-o", str(out)])
    assert info.value.code == 130
    assert not out.exists()
    _no_leftovers(tmp_path)


class _BrokenExporter:
    name = "broken-test"
    media_type = "text/plain"
    suffix = ".txt"
    scope = ExportScope.AGGREGATE

    def title(self, lang: str = "de") -> str:
        return "kaputt"

    def supports(self, data: object) -> bool:
        return True

    def export(self, data: object, options: object) -> bytes:
        raise RuntimeError("disk on fire")


class _BrokenPlugin:
    @hookimpl
    def ag_exporters(self) -> list[object]:
        return [_BrokenExporter()]


@pytest.fixture
def broken_plugin() -> Iterator[None]:
    manager = get_plugin_manager()
    manager.register(_BrokenPlugin(), "broken-test-plugin")
    try:
        yield
    finally:
        manager.unregister("broken-test-plugin")


@pytest.mark.usefixtures("broken_plugin")
def test_failing_exporter_is_a_plugin_error(
    site_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.txt"
    with pytest.raises(SystemExit) as info:
        main(["report", site_id, "--year", "2024", "--demo-size", "20", "--format",
              "broken-test", "-o", str(out)])  # fmt: skip
    assert info.value.code == EXIT_PLUGIN
    assert "broken-test-plugin" in capsys.readouterr().err
    assert not out.exists()
    _no_leftovers(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigint_leaves_no_partial_file(site_id: str, tmp_path: Path) -> None:
    out = tmp_path / "bericht.html"
    process = subprocess.Popen(
        [sys.executable, "-m", "arbeit_gesundheit", "report", site_id, "--year", "2024",
         "--demo-size", "50000", "--progress", "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )  # fmt: skip
    assert process.stderr is not None
    # The progress display names the first stage once the work has started.
    started = process.stderr.read(len("Jahresbericht"))
    assert started == b"Jahresbericht"
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert not out.exists()
    _no_leftovers(tmp_path)


def test_demo_report_in_english_stdout(site_id: str) -> None:
    result = run("--lang", "en", "report", site_id, "--year", "2024", "--demo-size", "25",
                 "--format", "csv", "-o", "-", "-O", "bom=false")  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=";"))
    assert rows[0][0].startswith("Annual report 2024")
