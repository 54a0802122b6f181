"""The command group ``store``: a site store's life on the command line.

``init`` creates a store, ``upgrade`` migrates it, ``import`` reads data files into it (all
or nothing), ``export`` writes it back as a data file, ``erase-due`` erases the health data
that are due and ``audit`` lists the audit log. A store is a SQLite file path or a
PostgreSQL URL (``postgresql+psycopg://user@host/db``). Errors go through the entry point's
mapping to exit codes (invalid data or a store error: 1; missing extra: 3).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ._state import CONTEXT, State, parse_date, pass_state

if TYPE_CHECKING:
    from ..model import Dataset

__all__ = ["store_group"]

_STORE = click.argument("store", metavar="STORE")
_ACTOR = click.option(
    "--actor",
    required=True,
    envvar="ARBEIT_GESUNDHEIT_ACTOR",
    help="Kennung der Sachbearbeitung für das Protokoll (kein Name), z. B. sb-4711.",
)


@click.group("store", context_settings=CONTEXT)
def store_group() -> None:
    """Datenhaltung eines Standorts (SQLite-Datei oder PostgreSQL-URL).

    \b
    Beispiel:
      arbeit-gesundheit store init programm.sqlite
      arbeit-gesundheit store import programm.sqlite daten.jsonl --actor sb-4711
    """


@store_group.command("init", context_settings=CONTEXT)
@_STORE
@pass_state
def init(state: State, store: str) -> None:
    """Einen Speicher auf dem neuesten Schemastand anlegen (oder migrieren)."""
    from ..store import init_store  # noqa: PLC0415

    revision = init_store(store)
    click.echo(state.t(f"Speicher {store}: Schemastand {revision}.",
                       f"store {store}: schema revision {revision}."))  # fmt: skip


@store_group.command("upgrade", context_settings=CONTEXT)
@_STORE
@pass_state
def upgrade(state: State, store: str) -> None:
    """Einen Speicher auf den Schemastand dieser Version migrieren."""
    from ..store import upgrade_store  # noqa: PLC0415

    before, after = upgrade_store(store)
    if before == after:
        click.echo(state.t(f"Speicher {store}: schon auf Stand {after}.",
                           f"store {store}: already at revision {after}."))  # fmt: skip
    else:
        click.echo(state.t(f"Speicher {store}: von {before} auf {after} migriert.",
                           f"store {store}: migrated from {before} to {after}."))  # fmt: skip


def _combined(datasets: list[Dataset]) -> Dataset:
    from ..model import Dataset  # noqa: PLC0415

    if len(datasets) == 1:
        return datasets[0]
    names = [a.name for a in Dataset.__attrs_attrs__ if a.name != "format_version"]
    return Dataset(**{n: tuple(r for d in datasets for r in getattr(d, n)) for n in names})  # type: ignore[arg-type]


@store_group.command("import", context_settings=CONTEXT)
@_STORE
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@_ACTOR
@pass_state
def import_(state: State, store: str, files: tuple[Path, ...], actor: str) -> None:
    """Datendateien (JSON oder JSON Lines) einlesen: alles oder nichts.

    Eine fehlerhafte Datei ändert nichts; jeder Fehler wird mit seiner Stelle genannt.
    Unveränderte Datensätze werden nicht erneut geschrieben.
    """
    from ..jsonl import read_data_file  # noqa: PLC0415
    from ..store import open_store  # noqa: PLC0415

    dataset = _combined([read_data_file(f) for f in files])
    with open_store(store) as opened:
        summary = opened.import_dataset(dataset, actor=actor)
    for kind, counts in summary.counts.items():
        click.echo(f"{kind}: " + state.t(
            f"{counts.new} neu, {counts.changed} geändert, {counts.unchanged} unverändert",
            f"{counts.new} new, {counts.changed} changed, {counts.unchanged} unchanged",
        ))  # fmt: skip
    click.echo(state.t(
        f"Eingelesen: {summary.new} neu, {summary.changed} geändert, "
        f"{summary.unchanged} unverändert.",
        f"Imported: {summary.new} new, {summary.changed} changed, {summary.unchanged} unchanged.",
    ), err=True)  # fmt: skip


@store_group.command("export", context_settings=CONTEXT)
@_STORE
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--known-on", default=None, help="Stand vom Ende dieses Tages, JJJJ-MM-TT.")
@click.option("--overwrite", "--force", is_flag=True, help="Bestehende Datei ersetzen.")
@pass_state
def export(state: State, store: str, output: Path, known_on: str | None, overwrite: bool) -> None:
    """Den Speicher als Datendatei schreiben (.jsonl: JSON Lines, sonst JSON)."""
    from ..store import open_store  # noqa: PLC0415

    day = parse_date(state, known_on, "--known-on") if known_on is not None else None
    with open_store(store) as opened:
        path = opened.export_file(output, known_on=day, overwrite=overwrite)
    click.echo(state.t(f"Geschrieben: {path}", f"Written: {path}"), err=True)


@store_group.command("erase-due", context_settings=CONTEXT)
@_STORE
@click.option("--on", "on", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute).")
@_ACTOR
@pass_state
def erase_due(state: State, store: str, on: str | None, actor: str) -> None:
    """Fällige Gesundheitsdaten endgültig löschen (Widerruf, Löschfrist)."""
    from ..store import open_store  # noqa: PLC0415

    day = parse_date(state, on, "--on")
    with open_store(store) as opened:
        summary = opened.erase_due(on=day, actor=actor)
        opened.compact()
    for pseudonym, rule in sorted(summary.erased.items()):
        click.echo(f"{pseudonym}: {rule}")
    click.echo(state.t(f"Gelöscht: Gesundheitsdaten von {len(summary)} Personen.",
                       f"Erased: health data of {len(summary)} people."), err=True)  # fmt: skip


@store_group.command("audit", context_settings=CONTEXT)
@_STORE
@click.option("--ref", default=None, help="Nur dieser Datensatz (Kennung oder Pseudonym).")
@click.option("--actor", "actor", default=None, help="Nur diese Sachbearbeitung.")
@click.option("--limit", type=click.IntRange(1, None), default=None, help="Nur die letzten N.")
@pass_state
def audit(state: State, store: str, ref: str | None, actor: str | None, limit: int | None) -> None:
    """Das Protokoll zeigen: wann, wer, was, welcher Datensatz, welche Felder."""
    from ..store import open_store  # noqa: PLC0415

    with open_store(store) as opened:
        entries = opened.audit(ref=ref, actor=actor)
    if limit is not None:
        entries = entries[-limit:]
    for entry in entries:
        fields = ",".join(entry.fields) or "-"
        click.echo(
            f"{entry.at.isoformat(timespec='seconds')}\t{entry.actor}\t{entry.operation}\t"
            f"{entry.kind or '-'}\t{entry.ref or '-'}\t{fields}"
        )
    if not entries:
        click.echo(state.t("Keine Einträge.", "No entries."), err=True)
