"""The listing commands: ``sites``, ``modules``, ``partners``, ``plugins`` and ``formats``.

They show what the installed plugins contribute (sites with their catalogue and partners,
the plugins themselves, the export formats) and change nothing; a plugin that failed to
load makes ``sites``, ``plugins`` and ``formats`` exit with :data:`EXIT_PLUGIN`.
"""

from __future__ import annotations

import sys

import click

from ._state import CONTEXT, EXIT_PLUGIN, State, pass_state

__all__ = ["formats", "modules", "partners", "plugins", "sites"]


@click.command(context_settings=CONTEXT)
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


@click.command(context_settings=CONTEXT)
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


@click.command(context_settings=CONTEXT)
@click.argument("site")
@pass_state
def partners(state: State, site: str) -> None:
    """Netzwerkpartner eines Standorts auflisten."""
    from ..model import label  # noqa: PLC0415

    bundle = state.site(site)
    for partner in bundle.partners:
        where = f", {partner.location}" if partner.location else ""
        click.echo(f"{partner.id:<28} {partner.name} ({label(partner.kind, state.lang)}{where})")


@click.command(context_settings=CONTEXT)
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


@click.command(context_settings=CONTEXT)
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
