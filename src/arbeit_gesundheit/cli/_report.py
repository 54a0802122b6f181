"""The commands that write a file: ``report`` (the annual report) and ``careplans``.

``report`` builds a site's annual report from a data file or from demo data and exports it
in a format of the registry; ``careplans`` exports activity plans as FHIR for one partner,
only for people with consent. Both share the export options, the check for an existing
output file and the atomic write; the report, exporters and synthetic data are imported
inside the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import attrs
import click

from ._state import CONTEXT, EXIT_OUTPUT_EXISTS, Lang, State, parse_date, pass_state

if TYPE_CHECKING:
    from ..exporters import Exporter
    from ..model import Dataset
    from ..plugins import SiteBundle

__all__ = ["careplans", "report"]


@contextmanager
def _stages(state: State, labels: Sequence[str]) -> Iterator[Any]:
    """A progress bar over the stages of a long command (stderr; only on a terminal or
    with ``--progress``). Yields a function to call when a stage starts."""
    if not state.show_progress():
        yield lambda label: None
        return
    names = list(labels)
    current = {"label": names[0] if names else ""}
    bar: Any = click.progressbar(
        length=len(names),
        label=state.t("Jahresbericht", "Annual report"),
        file=sys.stderr,
        show_eta=False,
        item_show_func=lambda _item: current["label"],
    )
    with bar:
        started = [False]

        def stage(label: str) -> None:
            if started[0]:
                bar.update(1)
            started[0] = True
            current["label"] = label
            bar.render_progress()

        yield stage
        bar.update(1)


def _options(state: State, min_count: int, pairs: Sequence[str]) -> Any:
    from ..exporters import ExportOptions  # noqa: PLC0415

    extra: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(
                state.t("KEY=WERT erwartet", "expected KEY=VALUE"), param_hint="--option"
            )
        extra[key.strip()] = value
    return ExportOptions(lang=state.lang, min_count=min_count, extra=extra)


def _exporter(state: State, name: str) -> Exporter:
    from ..exceptions import UnknownIdentifierError  # noqa: PLC0415

    try:
        return state.registry.exporter(name)
    except UnknownIdentifierError as exc:
        known = ", ".join(exc.known)
        raise click.BadParameter(
            state.t(f"unbekanntes Format {name!r} (bekannt: {known})",
                    f"unknown format {name!r} (known: {known})"),
            param_hint="--format",
        ) from exc  # fmt: skip


def _write(state: State, output: str, content: bytes, overwrite: bool) -> None:
    from ..files import write_atomic  # noqa: PLC0415

    if output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return

    def writer(handle: Any) -> None:
        step = 1 << 20
        for start in range(0, len(content), step):
            handle.write(content[start : start + step])

    path = write_atomic(output, writer, overwrite=overwrite)
    click.echo(state.t(f"Geschrieben: {path}", f"Written: {path}"), err=True)


def _demo_jsonl(bundle: SiteBundle, year: int, size: int, directory: str) -> Path:
    from ..synthetic import write_cohort_jsonl  # noqa: PLC0415
    from ._data import demo_seed  # noqa: PLC0415

    path = Path(directory) / f"demo-{bundle.id}-{year}.jsonl"
    return write_cohort_jsonl(
        path,
        seed=demo_seed(bundle.id, year),
        participants=size,
        site=bundle.site,
        modules=bundle.modules,
        year=year,
    )


def _demo_dataset(bundle: SiteBundle, year: int, size: int) -> Dataset:
    from ..synthetic import generate_cohort  # noqa: PLC0415
    from ._data import demo_seed  # noqa: PLC0415

    return generate_cohort(
        seed=demo_seed(bundle.id, year),
        participants=size,
        site=bundle.site,
        modules=bundle.modules,
        year=year,
    )


@click.command(context_settings=CONTEXT)
@click.argument("site")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Berichtsjahr.")
@click.option(
    "--data",
    "data_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Datendatei (JSON oder JSON Lines); ohne: Demodaten des Standorts.",
)
@click.option(
    "--store",
    default=None,
    metavar="STORE",
    help="Datenhaltung (SQLite-Datei oder PostgreSQL-URL) statt einer Datendatei.",
)
@click.option(
    "--known-on",
    "known_on",
    default=None,
    help="Mit --store: Stand der Daten am Ende dieses Tages JJJJ-MM-TT (Standard: heute).",
)
@click.option(
    "--format",
    "format_name",
    default="html",
    show_default=True,
    help="Exportformat (siehe 'formats'): html, xlsx, csv, json, fhir …",
)
@click.option(
    "--output",
    "-o",
    default=None,
    help="Ausgabedatei ('-' für die Standardausgabe); Standard: jahresbericht-SITE-YEAR.<endung>.",
)
@click.option("--overwrite", "--force", is_flag=True, help="Bestehende Datei ersetzen.")
@click.option(
    "--min-count",
    type=click.IntRange(1, 1000),
    default=3,
    show_default=True,
    help="Kleinste ausgewiesene Fallzahl (kleinere werden als '.' gesperrt).",
)
@click.option(
    "--rounding",
    type=click.IntRange(2, 1000),
    default=None,
    help="Statt Sperrung alle Fallzahlen auf Vielfache von N runden.",
)
@click.option(
    "--demo-size",
    type=click.IntRange(1, 1_000_000),
    default=None,
    help="Größe der Demokohorte (Standard: vom Plugin, sonst 500).",
)
@click.option(
    "--option",
    "-O",
    "pairs",
    multiple=True,
    metavar="KEY=VALUE",
    help="Option für das Exportformat, z. B. -O bom=false -O decimal_comma=false.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Fortschritt anzeigen (Standard: nur am Terminal).",
)
@click.option(
    "--lang",
    "report_lang",
    type=click.Choice(["de", "en"]),
    default=None,
    help="Sprache des Berichts (Standard: wie die globale Option --lang).",
)
@pass_state
def report(
    state: State, *, site: str, year: int, data_file: Path | None, store: str | None,
    known_on: str | None, format_name: str, output: str | None, overwrite: bool, min_count: int, rounding: int | None,
    demo_size: int | None, pairs: tuple[str, ...], progress: bool | None,
    report_lang: Lang | None,
) -> None:  # fmt: skip
    """Jahresbericht eines Standorts erstellen (Hauptaufgabe).

    Ohne --data oder --store werden Demodaten des Standorts erzeugt (synthetisch,
    reproduzierbar). Alle Fallzahlen sind gegen Rückschlüsse auf Personen geschützt.
    """
    if data_file is not None and store is not None:
        raise click.UsageError(
            state.t(
                "--data und --store schließen sich aus", "--data and --store exclude each other"
            )
        )
    if known_on is not None and store is None:
        raise click.UsageError(
            state.t("--known-on gilt nur mit --store", "--known-on needs --store")
        )
    known_day = parse_date(state, known_on, "--known-on") if known_on is not None else None
    if progress is not None:
        state.progress = progress
    if report_lang is not None:
        state.lang = report_lang
    bundle = state.site(site)
    exporter = _exporter(state, format_name)
    options = _options(state, min_count, pairs)
    target = output or f"jahresbericht-{bundle.id}-{year}{exporter.suffix}"
    _check_output(state, target, overwrite)
    from ..disclosure import RoundingPolicy  # noqa: PLC0415
    from ..report import AnnualReport, annual_report  # noqa: PLC0415

    policy = RoundingPolicy(base=rounding) if rounding is not None else None
    demo = data_file is None and store is None
    stages = [
        state.t("Demodaten erzeugen", "generating demo data")
        if demo
        else state.t("Daten lesen", "reading data"),
        state.t("Kennzahlen berechnen", "computing metrics"),
        state.t("exportieren", "exporting"),
        state.t("schreiben", "writing"),
    ]
    with _stages(state, stages) as stage, tempfile.TemporaryDirectory(prefix="ag-demo-") as tmp:
        stage(stages[0])
        from ._data import demo_size as plugin_demo_size  # noqa: PLC0415
        from ._data import is_jsonl, load_dataset, load_store_dataset  # noqa: PLC0415

        size = demo_size or plugin_demo_size(bundle)
        source: Any
        if demo:
            source = _demo_jsonl(bundle, year, size, tmp)
        elif store is not None:
            source = load_store_dataset(store, known_on=known_day)
        elif is_jsonl(data_file):  # type: ignore[arg-type]
            source = data_file
        else:
            source = load_dataset(data_file)  # type: ignore[arg-type]
        stage(stages[1])
        annual = annual_report(
            source,
            site=bundle.site,
            year=year,
            lang=state.lang,
            min_count=min_count,
            policy=policy,
            modules=bundle.modules,
            partners=bundle.partners,
        )
        if demo:
            annual = _with_source(annual, state.t(
                f"synthetische Demodaten ({size} Personen)", f"synthetic demo data ({size} people)"
            ))  # fmt: skip
        stage(stages[2])
        if exporter.supports(annual):
            content = _run_exporter(state, exporter, annual, options)
        else:
            content = _export_dataset(
                state,
                exporter=exporter,
                bundle=bundle,
                year=year,
                size=size,
                source=source,
                options=options,
            )
        stage(stages[3])
        _write(state, target, content, overwrite)
    if isinstance(annual, AnnualReport) and not annual.tables()[0].rows[0].cells[0]:
        click.echo(
            state.t(f"Hinweis: keine Teilnahmen für {bundle.id} im Jahr {year}.",
                    f"Note: no enrolments for {bundle.id} in {year}."),
            err=True,
        )  # fmt: skip


def _with_source(annual: Any, text: str) -> Any:
    return attrs.evolve(annual, source=text)


def _export_dataset(
    state: State, *, exporter: Exporter, bundle: SiteBundle, year: int, size: int, source: Any,
    options: Any,
) -> bytes:  # fmt: skip
    """Export with a plugin's format that reads a dataset (aggregate formats only)."""
    from ..model import Dataset  # noqa: PLC0415
    from ._data import load_dataset  # noqa: PLC0415

    if exporter.scope.value != "aggregate":
        raise click.UsageError(
            state.t(
                f"Format {exporter.name!r} ist personenbezogen und gehört nicht in einen "
                "Jahresbericht; für Aktivitätspläne an Partner: 'careplans'.",
                f"format {exporter.name!r} is person-level and not part of an annual report; "
                "for care plans to a partner use 'careplans'.",
            )
        )
    if isinstance(source, Dataset):
        dataset = source
    elif isinstance(source, Path) and source.name.startswith("demo-"):
        dataset = _demo_dataset(bundle, year, size)
    else:
        dataset = load_dataset(source)
    if not exporter.supports(dataset):
        raise click.UsageError(
            state.t(f"Format {exporter.name!r} kann keinen Jahresbericht ausgeben.",
                    f"format {exporter.name!r} cannot export an annual report.")
        )  # fmt: skip
    return _run_exporter(state, exporter, dataset, options)


def _run_exporter(state: State, exporter: Exporter, data: object, options: Any) -> bytes:
    """Run an exporter; an unexpected failure is the plugin's error (exit 3)."""
    from ..exceptions import ArbeitGesundheitError, PluginError  # noqa: PLC0415

    try:
        content = exporter.export(data, options)
    except ArbeitGesundheitError:
        raise
    except Exception as exc:
        origin = state.registry.manager.hooks.exporters()
        plugin = next((i.name for i, e in origin if e.name == exporter.name), exporter.name)
        error = PluginError(
            plugin, f"exporter {exporter.name!r} failed: {type(exc).__name__}: {exc}"
        )
        raise error from exc
    if not isinstance(content, bytes):
        raise PluginError(exporter.name, f"exporter {exporter.name!r} did not return bytes")
    return content


def _check_output(state: State, target: str, overwrite: bool) -> None:
    """Refuse an output path before any work: a directory (usage error, exit 2) or an
    existing file without ``--overwrite`` (exit 4)."""
    if target == "-":
        return
    if os.path.isdir(target):
        raise click.BadParameter(
            state.t(f"{target} ist ein Verzeichnis; bitte einen Dateinamen angeben",
                    f"{target} is a directory; give a file name"),
            param_hint="--output",
        )  # fmt: skip
    if not overwrite and os.path.lexists(target):
        _output_exists(state, target)


def _output_exists(state: State, target: str) -> NoReturn:
    click.echo(
        state.t(
            f"Fehler: {target} existiert bereits; mit --overwrite ersetzen.",
            f"Error: {target} exists already; use --overwrite to replace it.",
        ),
        err=True,
    )
    sys.exit(EXIT_OUTPUT_EXISTS)


@click.command(context_settings=CONTEXT)
@click.argument("site")
@click.option(
    "--data",
    "data_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Datendatei (JSON oder JSON Lines).",
)
@click.option("--recipient", required=True, help="Partner, der die Pläne erhält (ID).")
@click.option("--on", "on", default=None, help="Tag der Übermittlung JJJJ-MM-TT (Standard: heute).")
@click.option("--output", "-o", default=None, help="Ausgabedatei (FHIR-JSON).")
@click.option("--overwrite", "--force", is_flag=True, help="Bestehende Datei ersetzen.")
@pass_state
def careplans(
    state: State, *, site: str, data_file: Path, recipient: str, on: str | None,
    output: str | None, overwrite: bool,
) -> None:  # fmt: skip
    """Aktivitätspläne als FHIR-CarePlans für einen Partner (nur mit Einwilligung).

    Wer keine gültige Einwilligung in die Weitergabe an diesen Partner hat, wird
    ausgelassen und mit Pseudonym und Grund aufgeführt.
    """
    from ..exporters._fhir import CarePlanExporter  # noqa: PLC0415
    from ._data import load_dataset  # noqa: PLC0415

    bundle = state.site(site)
    if recipient not in {p.id for p in bundle.partners}:
        known = ", ".join(p.id for p in bundle.partners)
        raise click.BadParameter(
            state.t(f"unbekannter Partner {recipient!r} (bekannt: {known})",
                    f"unknown partner {recipient!r} (known: {known})"),
            param_hint="--recipient",
        )  # fmt: skip
    day = parse_date(state, on, "--on")
    exporter = state.registry.exporter("fhir-careplans")
    target = output or f"careplans-{bundle.id}-{recipient}-{day.isoformat()}{exporter.suffix}"
    _check_output(state, target, overwrite)
    dataset = load_dataset(data_file)
    options = attrs.evolve(
        _options(state, 3, [f"recipient={recipient}", f"site={bundle.id}"]), as_of=day
    )
    if not isinstance(exporter, CarePlanExporter):
        content = exporter.export(dataset, options)
        exclusions: list[Any] = []
    else:
        content, exclusions = exporter.export_with_exclusions(dataset, options)
    _write(state, target, content, overwrite)
    if exclusions:
        click.echo(state.t("Ausgelassen (Pseudonym: Grund):", "Left out (pseudonym: reason):"),
                   err=True)  # fmt: skip
    for item in exclusions:
        click.echo(f"  {item.pseudonym}: {item.reason}", err=True)
    click.echo(
        state.t(f"{len(exclusions)} Person(en) ohne gültige Einwilligung ausgelassen.",
                f"{len(exclusions)} person(s) without valid consent left out."),
        err=True,
    )  # fmt: skip
