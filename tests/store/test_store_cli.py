"""The ``store`` command group: init, import (all or nothing), export, erase-due, audit."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner
from store_data import small_dataset

from arbeit_gesundheit.cli._state import State
from arbeit_gesundheit.cli._store import store_group
from arbeit_gesundheit.jsonl import write_jsonl
from arbeit_gesundheit.store import open_store


@click.group()
@click.pass_context
def _cli(ctx: click.Context) -> None:
    ctx.obj = State("de", None)


_cli.add_command(store_group)


def test_the_store_commands(tmp_path: Path, store_location: str) -> None:
    runner = CliRunner()
    data = write_jsonl(small_dataset(), tmp_path / "daten.jsonl")
    result = runner.invoke(_cli, ["store", "init", store_location])
    assert result.exit_code == 0
    assert "Schemastand 0002" in result.output
    result = runner.invoke(_cli, ["store", "import", store_location, str(data), "--actor", "sb-1"])
    assert result.exit_code == 0, result.output
    assert "participant: 3 neu, 0 geändert, 0 unverändert" in result.output
    bad = tmp_path / "kaputt.jsonl"
    bad.write_text('{"type": "participant", "pseudonym": "X"}\n', encoding="utf-8")
    result = runner.invoke(_cli, ["store", "import", store_location, str(data), str(bad),
                                  "--actor", "sb-1"])  # fmt: skip
    assert result.exit_code != 0
    assert "line 1" in str(result.exception)
    out = tmp_path / "export.jsonl"
    result = runner.invoke(_cli, ["store", "export", store_location, str(out)])
    assert result.exit_code == 0, result.output
    with open_store(store_location) as store:
        assert store.dataset(withhold_withdrawn=False) == small_dataset()
    result = runner.invoke(
        _cli, ["store", "erase-due", store_location, "--on", "2030-01-01", "--actor", "sb-9"]
    )
    assert result.exit_code == 0, result.output
    assert "MS-0001: retention:3y" in result.output
    result = runner.invoke(_cli, ["store", "audit", store_location, "--ref", "MS-0001"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert lines[0].split("\t")[1:5] == ["sb-1", "import", "participant", "MS-0001"]
    assert lines[-1].split("\t")[1:3] == ["sb-9", "erase_health"]
