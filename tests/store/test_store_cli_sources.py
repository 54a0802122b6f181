"""``report``, ``explain`` and ``validate`` reading from ``--store`` instead of a data file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from arbeit_gesundheit.cli import EXIT_USAGE, cli
from arbeit_gesundheit.converter import dumps
from arbeit_gesundheit.jsonl import write_jsonl
from arbeit_gesundheit.plugins import get_registry
from arbeit_gesundheit.store import open_store
from arbeit_gesundheit.synthetic import generate_cohort

SITE = "gelsenkirchen"
YEAR = 2024


def _demo(tmp_path: Path) -> Path:
    bundle = get_registry().site(SITE)
    data = generate_cohort(
        participants=120, seed=7, year=YEAR, site=bundle.site, modules=bundle.modules
    )
    return write_jsonl(data, tmp_path / "daten.jsonl")


def _report(runner: CliRunner, out: Path, *source: str) -> str:
    args = ["report", SITE, "--year", str(YEAR), "--format", "csv", "-o", str(out), *source]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8-sig")


def test_report_explain_and_validate_read_a_store(tmp_path: Path, store_location: str) -> None:
    runner = CliRunner()
    data_file = _demo(tmp_path)
    with open_store(store_location, create=True) as store:
        store.import_file(data_file, actor="sb-1")
        stored = store.dataset()
        pseudonym = stored.participants[0].pseudonym
    # What the store hands out, written as a data file, gives the same report byte for byte.
    as_file = tmp_path / "aus-dem-speicher.json"
    as_file.write_bytes(dumps(stored))
    from_store = _report(runner, tmp_path / "a.csv", "--store", store_location)
    from_file = _report(runner, tmp_path / "b.csv", "--data", str(as_file))
    assert from_store == from_file
    assert "Insgesamt" in from_store

    # As known before anything was imported: no enrolments at all.
    before = runner.invoke(
        cli,
        ["report", SITE, "--year", str(YEAR), "--format", "csv", "-o", str(tmp_path / "c.csv"),
         "--store", store_location, "--known-on", "2000-01-01"],
    )  # fmt: skip
    assert before.exit_code == 0, before.output
    assert "keine Teilnahmen" in before.output

    explained = runner.invoke(cli, ["explain", SITE, pseudonym, "--store", store_location])
    by_file = runner.invoke(cli, ["explain", SITE, pseudonym, "--data", str(as_file)])
    assert explained.exit_code == 0, explained.output
    assert explained.output == by_file.output

    checked = runner.invoke(cli, ["validate", "--store", store_location])
    assert checked.exit_code == 0, checked.output
    assert "gültig" in checked.output


def test_store_and_data_exclude_each_other(tmp_path: Path, store_location: str) -> None:
    runner = CliRunner()
    data_file = _demo(tmp_path)
    open_store(store_location, create=True).close()
    both = [
        "report",
        SITE,
        "--year",
        str(YEAR),
        "--data",
        str(data_file),
        "--store",
        store_location,
    ]
    assert runner.invoke(cli, both).exit_code == EXIT_USAGE
    known_alone = ["report", SITE, "--year", str(YEAR), "--known-on", date(2024, 1, 1).isoformat()]
    assert runner.invoke(cli, known_alone).exit_code == EXIT_USAGE
    assert runner.invoke(cli, ["validate"]).exit_code == EXIT_USAGE
    assert runner.invoke(cli, ["explain", SITE, "X-1"]).exit_code == EXIT_USAGE
