"""Imports that land in a site store: no name anywhere afterwards, idempotent re-import, a
corrected sheet updates only what changed (in the audit log)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from test_import import KEY, bundle, gelsenkirchen_samples, group, read

import arbeit_gesundheit.store as store_module
from arbeit_gesundheit.importers import KEY_ENV, import_into_store


def _identities(paths: list[Path]) -> set[str]:
    """Every name and customer number in the sample sheets (the privacy test looks for each)."""
    found: set[str] = set()
    for path in paths:
        book = load_workbook(path, read_only=True)
        for ws in book.worksheets:
            rows = ws.iter_rows(values_only=True)
            header = None
            for row in rows:
                if row and "Kundennummer" in row:
                    header = list(row)
                    break
            assert header is not None
            cols = [header.index(h) for h in ("Kundennummer", "Nachname", "Vorname") if h in header]
            for row in rows:
                found.update(str(row[c]) for c in cols if row[c])
    return found


def test_no_name_in_store_log_or_messages(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    samples = gelsenkirchen_samples()
    secrets = _identities(samples)
    assert len(secrets) > 40
    store_path = tmp_path / "programm.sqlite"
    runner = CliRunner(env={KEY_ENV: KEY.decode()})
    result = runner.invoke(group, ["import", "gelsenkirchen", *map(str, samples), "--layout", "abcaktiv",
                                   "--store", str(store_path), "--actor", "sb-1"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Gespeichert: " in result.output
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())  # the SQLite file (and any journal)
    for secret in secrets:
        assert secret.encode() not in raw, "a name or customer number reached the store"
        assert secret not in result.output
        assert secret not in caplog.text


def test_reimport_changes_nothing_and_a_correction_only_what_changed(tmp_path: Path) -> None:
    layout = bundle().layout("abcaktiv")
    samples = gelsenkirchen_samples()
    store = store_module.open_store(tmp_path / "programm.sqlite", create=True)
    try:
        first = import_into_store(read(samples, layout), store, actor="sb-1")
        assert first.new > 0
        assert first.changed == 0
        again = import_into_store(read(samples, layout), store, actor="sb-1")
        assert (again.new, again.changed) == (0, 0)
        assert again.unchanged == first.new
        # A corrected attendance sheet: one mark changed from present to excused.
        corrected = tmp_path / samples[1].name
        book = load_workbook(samples[1])
        ws = book.worksheets[0]
        cell = next(c for row in ws.iter_rows(min_row=3) for c in row[4:] if c.value == "x")
        cell.value = "e"
        book.save(corrected)
        third = import_into_store(read([samples[0], corrected], layout), store, actor="sb-2")
        assert third.new == 0
        assert third.changed == 1
        assert third.counts["attendance"].changed == 1
    finally:
        store.close()
