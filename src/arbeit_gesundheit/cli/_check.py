"""The commands that check data: ``validate`` (a data file) and ``explain`` (a person's access).

``validate`` reports every problem of a JSON or JSON Lines file with its path; ``explain``
shows, criterion by criterion, why a person may or may not take a site's modules. Both read
data through :mod:`._data`, imported when they run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..model import Dataset

from ._state import CONTEXT, EXIT_DATA, State, parse_date, pass_state

__all__ = ["explain", "validate"]


_STORE_HELP = "Datenhaltung (SQLite-Datei oder PostgreSQL-URL) statt einer Datendatei."


def _one_source(state: State, file: Path | None, store: str | None, name: str) -> None:
    if (file is None) == (store is None):
        raise click.UsageError(
            state.t(f"genau eines von {name} oder --store angeben",
                    f"give exactly one of {name} or --store")
        )  # fmt: skip


@click.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--store", default=None, metavar="STORE", help=_STORE_HELP)
@pass_state
def validate(state: State, file: Path | None, store: str | None) -> None:
    """Eine Datendatei (JSON oder JSON Lines) oder eine Datenhaltung prüfen.

    Jeder Fehler wird mit seiner Stelle genannt.
    """
    _one_source(state, file, store, "FILE")
    if store is not None:
        from ._data import load_store_dataset  # noqa: PLC0415

        dataset = load_store_dataset(store)
        count = _record_count(dataset)
        click.echo(state.t(f"{store}: gültig ({count} Datensätze).",
                           f"{store}: valid ({count} records)."))  # fmt: skip
        return
    assert file is not None
    from ._data import validate_file  # noqa: PLC0415

    kind, problems = validate_file(file)
    if not problems:
        click.echo(state.t(f"{file}: gültig ({kind}).", f"{file}: valid ({kind})."))
        return
    for problem in problems:
        click.echo(f"{problem.path}: {problem.message}")
    count = len(problems)
    click.echo(
        state.t(f"{file}: {count} Fehler ({kind}).", f"{file}: {count} problem(s) ({kind})."),
        err=True,
    )
    sys.exit(EXIT_DATA)


@click.command(context_settings=CONTEXT)
@click.argument("site")
@click.argument("pseudonym")
@click.option(
    "--data",
    "data_file",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Datendatei (JSON oder JSON Lines).",
)
@click.option("--store", default=None, metavar="STORE", help=_STORE_HELP)
@click.option("--module", "module_ids", multiple=True, help="Nur dieses Modul (mehrfach möglich).")
@click.option("--as-of", "as_of", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute).")
@pass_state
def explain(
    state: State, *, site: str, pseudonym: str, data_file: Path | None, store: str | None,
    module_ids: tuple[str, ...], as_of: str | None,
) -> None:  # fmt: skip
    """Zugang einer Person zu den Modulen eines Standorts erklären (je Kriterium)."""
    from ._data import load_dataset, load_store_dataset  # noqa: PLC0415

    _one_source(state, data_file, store, "--data")
    bundle = state.site(site)
    day = parse_date(state, as_of, "--as-of")
    for module_id in module_ids:
        if module_id not in {m.id for m in bundle.modules}:
            raise click.BadParameter(
                state.t(f"unbekanntes Modul {module_id!r}", f"unknown module {module_id!r}"),
                param_hint="--module",
            )
    dataset = load_dataset(data_file) if data_file is not None else load_store_dataset(store or "")
    source = data_file if data_file is not None else store
    person = next((p for p in dataset.participants if p.pseudonym == pseudonym), None)
    if person is None:
        click.echo(
            state.t(f"Pseudonym {pseudonym!r} nicht in {source}.",
                    f"pseudonym {pseudonym!r} not in {source}."),
            err=True,
        )  # fmt: skip
        sys.exit(EXIT_DATA)
    offerings = {o.id: o.module_id for o in dataset.offerings}
    enrolled = {
        offerings[e.offering_id]
        for e in dataset.enrolments
        if e.participant == pseudonym
        and e.offering_id in offerings
        and e.status.value not in ("dropped", "no_show")
    }
    chosen = [m for m in bundle.modules if not module_ids or m.id in module_ids]
    for i, module in enumerate(chosen):
        if i:
            click.echo("")
        click.echo(f"{module.title} [{module.id}]")
        decision = bundle.evaluate(person, module.id, day, enrolled_module_ids=enrolled)
        for line in decision.explain(state.lang):
            click.echo("  " + line)


def _record_count(dataset: Dataset) -> int:
    """Records of every kind in a dataset."""
    import attrs  # noqa: PLC0415

    total = 0
    for attribute in attrs.fields(type(dataset)):
        value = getattr(dataset, attribute.name)
        if isinstance(value, tuple):
            total += len(value)
    return total
