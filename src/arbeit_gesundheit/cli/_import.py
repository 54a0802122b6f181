"""The command ``import``: participant lists, attendance sheets and plan-step lists from Excel
or CSV into a site store, pseudonymised on the way in.

Only click is imported at module level; the importers and the store are imported when the
command runs, so ``--help`` stays fast. The lead adds :data:`import_command` to the group.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ._state import CONTEXT, EXIT_DATA, State, pass_state

if TYPE_CHECKING:
    from ..importers import ImportResult, Layout
    from ..plugins import SiteBundle

__all__ = ["import_command"]

_PROGRESS_MIN_ROWS = 2000


def _layout(state: State, bundle: SiteBundle, name: str) -> Layout:
    from ..exceptions import UnknownIdentifierError  # noqa: PLC0415
    from ..importers import load_layout  # noqa: PLC0415

    if name.endswith(".toml"):
        return load_layout(name)
    try:
        return bundle.layout(name)
    except UnknownIdentifierError:
        known = ", ".join(layout.name for layout in bundle.layouts) or "-"
        raise click.BadParameter(
            state.t(f"unbekannte Vorlage {name!r} (bekannt: {known}, oder eine .toml-Datei)",
                    f"unknown layout {name!r} (known: {known}, or a .toml file)"),
            param_hint="--layout",
        ) from None  # fmt: skip


def _summary(state: State, result: ImportResult) -> list[str]:
    c = result.counts()
    return [
        state.t(
            f"Gelesen: {c['participants']} Personen, {c['enrolments']} Anmeldungen, "
            f"{c['attendances']} Anwesenheiten, {c['offerings']} Kurse mit {c['sessions']} Terminen, "
            f"{c['plans']} Aktivitätspläne ({c['steps']} Schritte) aus {result.rows_read} Zeilen.",
            f"Read: {c['participants']} people, {c['enrolments']} enrolments, "
            f"{c['attendances']} attendances, {c['offerings']} courses with {c['sessions']} sessions, "
            f"{c['plans']} activity plans ({c['steps']} steps) from {result.rows_read} rows.",
        ),
        state.t(
            f"Abgelehnt: {result.rows_refused} Zeilen ({len(result.problems)} Probleme).",
            f"Refused: {result.rows_refused} rows ({len(result.problems)} problems).",
        ),
    ]


def _stored(state: State, summary: Any) -> str:
    return state.t(
        f"Gespeichert: {summary.new} neu, {summary.changed} geändert, {summary.unchanged} unverändert.",
        f"Stored: {summary.new} new, {summary.changed} changed, {summary.unchanged} unchanged.",
    )


@click.command("import", context_settings=CONTEXT)
@click.argument("site")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--layout",
    "layout_name",
    required=True,
    help="Vorlage (Spaltenzuordnung) des Standorts, z. B. 'standard', oder eine .toml-Datei.",
)
@click.option(
    "--store",
    "store_url",
    default=None,
    help="Datenhaltung: SQLite-Datei oder PostgreSQL-URL (nicht nötig mit --dry-run).",
)
@click.option("--dry-run", is_flag=True, help="Nur prüfen, nichts schreiben.")
@click.option(
    "--skip-bad-rows",
    "rejects",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Gute Zeilen übernehmen, fehlerhafte in diese CSV-Datei schreiben (ohne Namen).",
)
@click.option(
    "--overwrite", is_flag=True, help="Eine bestehende Datei für --skip-bad-rows ersetzen."
)
@click.option(
    "--key-file",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Datei mit dem Pseudonym-Schlüssel (sonst ARBEIT_GESUNDHEIT_PSEUDONYM_KEY).",
)
@click.option(
    "--actor", default=None, help="Wer importiert (für das Prüfprotokoll; Standard: Benutzername)."
)
@pass_state
def import_command(
    state: State, *, site: str, files: tuple[Path, ...], layout_name: str, store_url: str | None,
    dry_run: bool, rejects: Path | None, overwrite: bool, key_file: Path | None, actor: str | None,
) -> None:  # fmt: skip
    """Teilnehmendenlisten, Anwesenheitslisten und Aktivitätsplan-Schritte (Excel, CSV) einlesen.

    Namen und Kundennummern werden beim Lesen zum Pseudonym des Standorts und nie
    gespeichert. Ein Fehler in einer Zeile verhindert den ganzen Import (außer mit
    --skip-bad-rows); jeder Fehler wird mit Datei, Blatt, Zeile und Spalte gemeldet.
    """
    from ..importers import (  # noqa: PLC0415
        import_into_store,
        load_key,
        make_pseudonymizer,
        read_files,
        write_rejects,
    )

    if store_url is None and not dry_run:
        raise click.UsageError(
            state.t(
                "--store fehlt (oder --dry-run angeben)", "--store is missing (or pass --dry-run)"
            )
        )
    bundle = state.site(site)
    state.warn_problems()
    layout = _layout(state, bundle, layout_name)
    pseudonymizer = make_pseudonymizer(load_key(key_file), bundle.id, layout.pseudonym_prefix)
    store = None
    if store_url is not None:
        from ..store import open_store  # noqa: PLC0415

        store = open_store(store_url, create=not dry_run)
    try:
        known = store.dataset() if store is not None else None
        result = _read(state, files, lambda progress: read_files(
            files, layout, site_id=bundle.id, modules=bundle.modules, pseudonymizer=pseudonymizer,
            importers=bundle.importers, coaches=[c.id for c in bundle.coaches], known=known, progress=progress,
        ))  # fmt: skip
        for note in result.notes:
            click.echo(state.t("Hinweis: ", "Note: ") + note.text(state.lang), err=True)
        for problem in result.problems:
            click.echo(problem.text(state.lang))
        for line in _summary(state, result):
            click.echo(line, err=True)
        if result.problems and rejects is not None:
            written = write_rejects(result, rejects, overwrite=overwrite, lang=state.lang)
            click.echo(
                state.t(f"Fehlerhafte Zeilen: {written}", f"Refused rows: {written}"), err=True
            )
        if result.problems and rejects is None:
            click.echo(state.t("Nichts übernommen: erst die Fehler beheben (oder --skip-bad-rows).",
                               "Nothing imported: fix the problems first (or --skip-bad-rows)."), err=True)  # fmt: skip
            sys.exit(EXIT_DATA)
        if dry_run or store is None:
            click.echo(
                state.t("Probelauf: nichts geschrieben.", "Dry run: nothing written."), err=True
            )
            return
        summary = import_into_store(
            result, store, actor=actor or _user(), skip_bad_rows=rejects is not None
        )
        click.echo(_stored(state, summary), err=True)
    finally:
        if store is not None:
            store.close()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name in the environment
        return "import"


def _read(state: State, files: tuple[Path, ...], run: Any) -> ImportResult:
    size = sum(f.stat().st_size for f in files if f.is_file())
    if not state.show_progress() or size < 200_000:
        return run(None)  # type: ignore[no-any-return]
    with click.progressbar(
        length=1, label=state.t("Zeilen lesen", "Reading rows"), file=sys.stderr
    ) as bar:

        def progress(done: int, expected: int = 0) -> None:
            if expected:
                bar.length = (bar.length or 0) + expected
            if done:
                bar.update(done)

        result = run(progress)
        bar.update(max((bar.length or 0) - bar.pos, 0))
        return result  # type: ignore[no-any-return]
