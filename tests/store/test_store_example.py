"""``examples/site_store.py`` runs as a script and its store holds what it says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from arbeit_gesundheit.store import open_store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "site_store.py"


def test_the_site_store_example(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), "--output-dir", str(tmp_path), "--size", "200"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    out = result.stdout
    assert "Jahresbericht 2023 (Stand 31.12.2023) nach dem Import 2024 unverändert." in out
    report = tmp_path / "jahresbericht-gelsenkirchen-2024.html"
    assert report.read_bytes().startswith(b"<!DOCTYPE html>") or b"<html" in report.read_bytes()
    erased = int(re.search(r"gelöscht für (\d+) Personen", out).group(1))  # type: ignore[union-attr]
    with open_store(tmp_path / "gelsenkirchen.sqlite") as store:
        tombstones = store.audit(operation="erase_health")
        assert len(tombstones) == erased >= 1
        assert store.audit(operation="withdraw_consent")
