"""The command group, its shared state and every command (see the package face)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import attrs
import click

if TYPE_CHECKING:
    from ..exporters import Exporter
    from ..model import Dataset
    from ..plugins.registry import Registry, SiteBundle

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_OUTPUT_EXISTS",
    "EXIT_PLUGIN",
    "EXIT_USAGE",
    "cli",
    "main",
]

#: Exit code: success.
EXIT_OK = 0
#: Exit code: invalid data (validation problems) or another error.
EXIT_DATA = 1
#: Exit code: wrong usage (click's own code for usage errors).
EXIT_USAGE = 2
#: Exit code: a plugin failed or an optional extra is missing.
EXIT_PLUGIN = 3
#: Exit code: the output file exists and ``--overwrite`` was not given.
EXIT_OUTPUT_EXISTS = 4
#: Exit code: interrupted by Ctrl-C (SIGINT).
EXIT_INTERRUPTED = 130

Lang = Literal["de", "en"]
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class State:
    """Options of the command group, passed to every command."""

    def __init__(self, lang: Lang, progress: bool | None) -> None:
        self.lang: Lang = lang
        self.progress = progress
        self._registry: Registry | None = None

    def t(self, de: str, en: str) -> str:
        return de if self.lang == "de" else en

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            from ..plugins import get_registry  # noqa: PLC0415

            self._registry = get_registry()
        return self._registry

    def site(self, site_id: str) -> SiteBundle:
        """The site ``site_id``; an unknown site is a usage error (exit 2)."""
        from ..exceptions import UnknownSiteError  # noqa: PLC0415

        try:
            return self.registry.site(site_id)
        except UnknownSiteError as exc:
            known = ", ".join(exc.known) or "-"
            raise click.BadParameter(
                self.t(f"unbekannter Standort {site_id!r} (bekannt: {known})",
                       f"unknown site {site_id!r} (known: {known})"),
                param_hint="SITE",
            ) from exc  # fmt: skip

    def warn_problems(self) -> None:
        for problem in self.registry.problems:
            click.echo(self.t("Warnung: ", "Warning: ") + str(problem), err=True)

    def show_progress(self) -> bool:
        if self.progress is not None:
            return self.progress
        return sys.stderr.isatty()


pass_state = click.make_pass_decorator(State)


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


@click.group(context_settings=CONTEXT)
@click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    default="de",
    show_default=True,
    envvar="ARBEIT_GESUNDHEIT_LANG",
    help="Sprache der Ausgabe (output language).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Fortschritt anzeigen (Standard: nur am Terminal).",
)
@click.version_option(package_name="arbeit_gesundheit", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, lang: Lang, progress: bool | None) -> None:
    """Gesundheitsförderung für arbeitslose Menschen: Standorte, Angebote, Jahresbericht.

    \b
    Hauptaufgabe – der Jahresbericht eines Standorts (mit Demodaten):
      arbeit-gesundheit report gelsenkirchen --year 2024 --output bericht.html

    Exit-Codes: 0 ok, 1 Datenfehler, 2 Bedienfehler, 3 Plugin-Fehler,
    4 Ausgabedatei existiert, 130 abgebrochen.
    """
    ctx.obj = State(lang, progress)


# -- listings ------------------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@pass_state
def sites(state: State) -> None:
    """Standorte der installierten Plugins auflisten."""
    registry = state.registry
    state.warn_problems()
    found = registry.sites()
    if not found:
        click.echo(state.t("Keine Standorte installiert.", "No sites installed."))
    for site in found:
        bundle = registry.site(site.id)
        counts = state.t(
            f"{len(bundle.modules)} Module, {len(bundle.partners)} Partner",
            f"{len(bundle.modules)} modules, {len(bundle.partners)} partners",
        )
        click.echo(f"{site.id:<18} {site.name} [{site.land.value}] – {counts}")
    broken = set(registry.site_ids(include_broken=True)) - {s.id for s in found}
    for site_id in sorted(broken):
        click.echo(
            f"{site_id:<18} " + state.t("(unbrauchbar, Plugin-Fehler)", "(unusable, plugin error)")
        )
    if broken:
        sys.exit(EXIT_PLUGIN)


@cli.command(context_settings=CONTEXT)
@click.argument("site")
@pass_state
def modules(state: State, site: str) -> None:
    """Angebotskatalog (Module) eines Standorts auflisten."""
    from ..model import label  # noqa: PLC0415

    bundle = state.site(site)
    for module in bundle.modules:
        provider = f" – {module.provider_id}" if module.provider_id else ""
        sessions = state.t(f"{module.sessions} Termine", f"{module.sessions} sessions")
        field_label = label(module.field_of_action, state.lang)
        click.echo(f"{module.id:<28} {module.title} ({field_label}, {sessions}){provider}")


@cli.command(context_settings=CONTEXT)
@click.argument("site")
@pass_state
def partners(state: State, site: str) -> None:
    """Netzwerkpartner eines Standorts auflisten."""
    from ..model import label  # noqa: PLC0415

    bundle = state.site(site)
    for partner in bundle.partners:
        where = f", {partner.location}" if partner.location else ""
        click.echo(f"{partner.id:<28} {partner.name} ({label(partner.kind, state.lang)}{where})")


@cli.command(context_settings=CONTEXT)
@pass_state
def plugins(state: State) -> None:
    """Geladene Plugins mit Paket und Version auflisten."""
    registry = state.registry
    manager = registry.manager
    for info in manager.plugins():
        origin = f"{info.distribution} {info.version or '?'}" if info.distribution else "-"
        kind = state.t("Kern", "core") if info.core else "Plugin"
        click.echo(f"{info.name:<36} {origin:<32} {kind}")
    problems = registry.problems
    for problem in problems:
        click.echo(state.t("Fehler: ", "Error: ") + str(problem), err=True)
    if problems:
        sys.exit(EXIT_PLUGIN)


@cli.command(context_settings=CONTEXT)
@pass_state
def formats(state: State) -> None:
    """Exportformate auflisten (Kern und Plugins)."""
    manager = state.registry.manager
    contributions = manager.hooks.exporters()
    for info, exporter in contributions:
        scope = (
            state.t("personenbezogen", "person-level")
            if exporter.scope.value == "person_level"
            else state.t("aggregiert", "aggregate")
        )
        click.echo(
            f"{exporter.name:<22} {exporter.suffix:<11} {scope:<16} "
            f"{exporter.title(state.lang)} [{info.name}]"
        )
    for error in contributions.errors:
        click.echo(state.t("Fehler: ", "Error: ") + str(error), err=True)
    if contributions.errors:
        sys.exit(EXIT_PLUGIN)


# -- data ---------------------------------------------------------------------------------------


def _parse_date(state: State, value: str | None, name: str) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            state.t("ein Datum JJJJ-MM-TT erwartet", "expected a date YYYY-MM-DD"),
            param_hint=name,
        ) from None


@cli.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_state
def validate(state: State, file: Path) -> None:
    """Eine Datendatei (JSON oder JSON Lines) prüfen; jeder Fehler mit seiner Stelle."""
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


@cli.command(context_settings=CONTEXT)
@click.argument("site")
@click.argument("pseudonym")
@click.option(
    "--data",
    "data_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Datendatei (JSON oder JSON Lines).",
)
@click.option("--module", "module_ids", multiple=True, help="Nur dieses Modul (mehrfach möglich).")
@click.option("--as-of", "as_of", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute).")
@pass_state
def explain(
    state: State, *, site: str, pseudonym: str, data_file: Path, module_ids: tuple[str, ...],
    as_of: str | None,
) -> None:  # fmt: skip
    """Zugang einer Person zu den Modulen eines Standorts erklären (je Kriterium)."""
    from ._data import load_dataset  # noqa: PLC0415

    bundle = state.site(site)
    day = _parse_date(state, as_of, "--as-of")
    for module_id in module_ids:
        if module_id not in {m.id for m in bundle.modules}:
            raise click.BadParameter(
                state.t(f"unbekanntes Modul {module_id!r}", f"unknown module {module_id!r}"),
                param_hint="--module",
            )
    dataset = load_dataset(data_file)
    person = next((p for p in dataset.participants if p.pseudonym == pseudonym), None)
    if person is None:
        click.echo(
            state.t(f"Pseudonym {pseudonym!r} nicht in {data_file}.",
                    f"pseudonym {pseudonym!r} not in {data_file}."),
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


# -- report -------------------------------------------------------------------------------------


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


@cli.command(context_settings=CONTEXT)
@click.argument("site")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Berichtsjahr.")
@click.option(
    "--data",
    "data_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Datendatei (JSON oder JSON Lines); ohne: Demodaten des Standorts.",
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
    state: State, *, site: str, year: int, data_file: Path | None, format_name: str,
    output: str | None, overwrite: bool, min_count: int, rounding: int | None,
    demo_size: int | None, pairs: tuple[str, ...], progress: bool | None,
    report_lang: Lang | None,
) -> None:  # fmt: skip
    """Jahresbericht eines Standorts erstellen (Hauptaufgabe).

    Ohne --data werden Demodaten des Standorts erzeugt (synthetisch, reproduzierbar).
    Alle Fallzahlen sind gegen Rückschlüsse auf Personen geschützt.
    """
    if progress is not None:
        state.progress = progress
    if report_lang is not None:
        state.lang = report_lang
    bundle = state.site(site)
    exporter = _exporter(state, format_name)
    options = _options(state, min_count, pairs)
    target = output or f"jahresbericht-{bundle.id}-{year}{exporter.suffix}"
    if target != "-" and not overwrite and os.path.lexists(target):
        _output_exists(state, target)
    from ..disclosure import RoundingPolicy  # noqa: PLC0415
    from ..report import AnnualReport, annual_report  # noqa: PLC0415

    policy = RoundingPolicy(base=rounding) if rounding is not None else None
    demo = data_file is None
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
        from ._data import is_jsonl, load_dataset  # noqa: PLC0415

        size = demo_size or plugin_demo_size(bundle)
        source: Any
        if demo:
            source = _demo_jsonl(bundle, year, size, tmp)
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
    import attrs  # noqa: PLC0415

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


def _output_exists(state: State, target: str) -> NoReturn:
    click.echo(
        state.t(
            f"Fehler: {target} existiert bereits; mit --overwrite ersetzen.",
            f"Error: {target} exists already; use --overwrite to replace it.",
        ),
        err=True,
    )
    sys.exit(EXIT_OUTPUT_EXISTS)


@cli.command(context_settings=CONTEXT)
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
    day = _parse_date(state, on, "--on")
    exporter = state.registry.exporter("fhir-careplans")
    target = output or f"careplans-{bundle.id}-{recipient}-{day.isoformat()}{exporter.suffix}"
    if target != "-" and not overwrite and os.path.lexists(target):
        _output_exists(state, target)
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


# -- entry point --------------------------------------------------------------------------------


def _fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the command line and exit with its exit code (the console-script entry point)."""
    lang = "en" if os.environ.get("ARBEIT_GESUNDHEIT_LANG") == "en" else "de"
    args = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in args[:-1]:
        lang = "en" if args[args.index("--lang") + 1] == "en" else "de"
    error = "Fehler: " if lang == "de" else "Error: "
    try:
        code = cli.main(args=args, prog_name="arbeit-gesundheit", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        _fail("Abgebrochen." if lang == "de" else "Interrupted.", EXIT_INTERRUPTED)
    except Exception as exc:  # mapped to exit codes below; anything else is a bug
        _handle(exc, error)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _handle(exc: Exception, error: str) -> NoReturn:
    from ..exceptions import (  # noqa: PLC0415
        ArbeitGesundheitError,
        DocumentError,
        MissingExtraError,
        OutputExistsError,
        PluginError,
    )

    if isinstance(exc, OutputExistsError):
        _fail(error + str(exc), EXIT_OUTPUT_EXISTS)
    if isinstance(exc, PluginError | MissingExtraError):
        _fail(error + str(exc), EXIT_PLUGIN)
    if isinstance(exc, DocumentError):
        lines = [f"{error}{exc.what}:"] + [f"  {p}" for p in exc.problems]
        _fail("\n".join(lines), EXIT_DATA)
    if isinstance(exc, ArbeitGesundheitError | OSError):
        _fail(error + str(exc), EXIT_DATA)
    raise exc
