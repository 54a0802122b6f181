"""The site registry: every site the plugins provide, with its merged catalogue and rules.

Built from the hooks through :class:`~arbeit_gesundheit.plugins.Hooks`. Errors are
kept per site: a broken or conflicting plugin makes the sites it touches unusable (getting
one raises the plugin's error) and is listed in :attr:`Registry.problems`, while every other
site keeps working.

Module-level functions use the process-wide plugin manager
(:func:`arbeit_gesundheit.plugins.get_plugin_manager`)::

    from arbeit_gesundheit.plugins import registry

    registry.sites()                      # usable sites, by identifier
    bundle = registry.site("musterstadt")  # SiteBundle: modules, partners, rules, exporters
    registry.problems()                   # plugins that failed, and the sites they broke
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import field, frozen

from ..eligibility import Decision, EligibilityContext, Rule, evaluate
from ..exceptions import PluginConflictError, PluginError, UnknownIdentifierError, UnknownSiteError
from ..exporters import Exporter
from ..instruments import Instrument
from ..model import Coach, CooperationAgreement, Module, Participant, Partner, Site
from ._hooks import Contributions, PluginInfo
from ._manager import PluginManager, get_plugin_manager

if TYPE_CHECKING:
    # Annotations only: the importers are loaded when a plugin's hook is called, so
    # ``import arbeit_gesundheit`` (and the command line's --help) stays light.
    from ..importers import Importer, Layout

__all__ = [
    "ComponentKind",
    "PluginProblem",
    "Registry",
    "SiteBundle",
    "exporter",
    "exporters",
    "get_registry",
    "importer",
    "importers",
    "problems",
    "site",
    "sites",
]

T = TypeVar("T")

#: The kinds of things plugins contribute, as used by :meth:`SiteBundle.origin`.
ComponentKind = Literal[
    "site", "module", "partner", "agreement", "exporter", "instrument", "importer", "layout"
]


def _frozen_mapping(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(value))


@frozen
class PluginProblem:
    """A plugin failure found while building the registry.

    ``site_id`` is the site made unusable by it, or None when the failure concerns no
    particular site (a plugin that failed to load or to list its sites).
    """

    site_id: str | None
    error: PluginError

    @property
    def plugin(self) -> str:
        return self.error.plugin

    def __str__(self) -> str:
        where = f"site {self.site_id!r}: " if self.site_id is not None else ""
        return f"{where}{self.error}"


@frozen
class SiteBundle:
    """One site with everything the plugins contribute to it.

    ``modules``, ``partners``, ``agreements`` and ``coaches`` are merged from all plugins (in registration
    order); ``rules`` maps each module id to the eligibility rules for it; ``layouts`` are the
    site's spreadsheet layouts (``ag_import_layouts``); ``exporters``, ``importers`` and
    ``instruments`` are the ones available everywhere. :meth:`origin` tells which plugin
    contributed an item.
    """

    site: Site
    plugin: PluginInfo
    modules: tuple[Module, ...] = ()
    partners: tuple[Partner, ...] = ()
    agreements: tuple[CooperationAgreement, ...] = ()
    coaches: tuple[Coach, ...] = ()
    rules: Mapping[str, tuple[Rule, ...]] = field(factory=dict, converter=_frozen_mapping)
    exporters: tuple[Exporter, ...] = ()
    importers: tuple[Importer, ...] = ()
    layouts: tuple[Layout, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    origins: Mapping[tuple[str, str], PluginInfo] = field(
        factory=dict, converter=_frozen_mapping, repr=False
    )

    @property
    def id(self) -> str:
        return self.site.id

    def module(self, module_id: str) -> Module:
        """The module ``module_id`` of this site's catalogue."""
        return _lookup("module", module_id, {m.id: m for m in self.modules})

    def partner(self, partner_id: str) -> Partner:
        """The partner ``partner_id`` of this site."""
        return _lookup("partner", partner_id, {p.id: p for p in self.partners})

    def agreement(self, agreement_id: str) -> CooperationAgreement:
        """The cooperation agreement ``agreement_id`` of this site."""
        return _lookup("agreement", agreement_id, {a.id: a for a in self.agreements})

    def coach(self, coach_id: str) -> Coach:
        """The staff member ``coach_id`` of this site."""
        return _lookup("coach", coach_id, {c.id: c for c in self.coaches})

    def exporter(self, name: str) -> Exporter:
        """The exporter called ``name``."""
        return _lookup("exporter", name, {e.name: e for e in self.exporters})

    def importer(self, name: str) -> Importer:
        """The spreadsheet importer called ``name`` (``xlsx``, ``csv`` or a plugin's)."""
        return _lookup("importer", name, {i.name: i for i in self.importers})

    def layout(self, name: str) -> Layout:
        """The spreadsheet layout ``name`` of this site (``standard`` or the site's own)."""
        return _lookup("layout", name, {layout.name: layout for layout in self.layouts})

    def instrument(self, instrument_id: str) -> Instrument:
        """The assessment instrument ``instrument_id``."""
        return _lookup("instrument", instrument_id, {i.id: i for i in self.instruments})

    def rules_for(self, module_id: str) -> tuple[Rule, ...]:
        """The eligibility rules for module ``module_id`` (all must be met)."""
        self.module(module_id)
        return self.rules.get(module_id, ())

    def evaluate(
        self,
        participant: Participant,
        module_id: str,
        as_of: date,
        *,
        enrolled_module_ids: Iterable[str] = (),
    ) -> Decision:
        """Decide whether ``participant`` may enrol in ``module_id`` as of ``as_of``.

        Evaluates all rules for the module (:meth:`rules_for`) with the eligibility engine;
        the decision explains each criterion.
        """
        module = self.module(module_id)
        context = EligibilityContext(
            as_of=as_of,
            site=self.site,
            module=module,
            enrolled_module_ids=frozenset(enrolled_module_ids),
        )
        return evaluate(self.rules.get(module_id, ()), participant, context)

    def origin(self, kind: ComponentKind, identifier: str) -> PluginInfo:
        """The plugin that contributed the ``kind`` called ``identifier``."""
        try:
            return self.origins[(kind, identifier)]
        except KeyError:
            known = [key for k, key in self.origins if k == kind]
            raise UnknownIdentifierError(kind, identifier, known) from None


def _lookup(kind: str, key: str, items: Mapping[str, T]) -> T:
    try:
        return items[key]
    except KeyError:
        raise UnknownIdentifierError(kind, key, items) from None


class _Merge:
    """Merges contributions keyed by identifier, turning duplicates into errors."""

    def __init__(self, kind: str, scope: str = "") -> None:
        self.kind = kind
        self.scope = scope
        self.items: dict[str, Any] = {}
        self.origins: dict[str, PluginInfo] = {}
        self.claims: dict[str, list[PluginInfo]] = {}
        self.errors: list[PluginError] = []

    def add(self, contributions: Contributions[Any], key: str) -> None:
        self.errors.extend(contributions.errors)
        for info, item in contributions:
            ident: str = getattr(item, key)
            claimants = self.claims.setdefault(ident, [])
            claimants.append(info)
            if len(claimants) == 1:
                self.items[ident] = item
                self.origins[ident] = info
            elif len(claimants) == 2:
                self.items.pop(ident, None)
                first = claimants[0]
                where = f" of {self.scope}" if self.scope else ""
                if first.name == info.name:
                    self.errors.append(
                        PluginError(info.name, f"returned {self.kind} {ident!r}{where} twice")
                    )
                else:
                    self.errors.append(
                        PluginConflictError(
                            self.kind, ident, [first.name, info.name], scope=self.scope
                        )
                    )

    def conflicting(self) -> dict[str, list[PluginInfo]]:
        return {key: infos for key, infos in self.claims.items() if len(infos) > 1}


class _State:
    """One build of the registry, for one generation of the plugin manager."""

    def __init__(self, manager: PluginManager) -> None:
        hooks = manager.hooks
        self.problems: list[PluginProblem] = [PluginProblem(None, e) for e in manager.problems]
        # Plugin name -> errors from hooks that are not about one site.
        failed: dict[str, list[PluginError]] = {}

        def note(errors: Iterable[PluginError]) -> None:
            # Failures not tied to one site make every site the plugin contributes to
            # unusable; a site conflict only concerns that site.
            for error in errors:
                if isinstance(error, PluginConflictError) and error.kind == "site":
                    self.problems.append(PluginProblem(error.identifier, error))
                    continue
                self.problems.append(PluginProblem(None, error))
                for name in getattr(error, "plugins", (error.plugin,)):
                    failed.setdefault(name, []).append(error)

        exporters = _Merge("exporter")
        exporters.add(hooks.exporters(), "name")
        note(exporters.errors)
        self.exporters: dict[str, Exporter] = exporters.items
        self.exporter_errors: dict[str, PluginError] = {
            e.identifier: e for e in exporters.errors if isinstance(e, PluginConflictError)
        }
        importers = _Merge("importer")
        importers.add(hooks.importers(), "name")
        note(importers.errors)
        self.importers: dict[str, Importer] = importers.items
        self.importer_errors: dict[str, PluginError] = {
            e.identifier: e for e in importers.errors if isinstance(e, PluginConflictError)
        }
        instruments = _Merge("instrument")
        instruments.add(hooks.instruments(), "id")
        note(instruments.errors)
        self.instruments: dict[str, Instrument] = instruments.items
        self.instrument_errors: dict[str, PluginError] = {
            e.identifier: e for e in instruments.errors if isinstance(e, PluginConflictError)
        }
        self.global_origins: dict[tuple[str, str], PluginInfo] = {}
        self.global_origins.update((("exporter", k), v) for k, v in exporters.origins.items())
        self.global_origins.update((("instrument", k), v) for k, v in instruments.origins.items())
        self.global_origins.update((("importer", k), v) for k, v in importers.origins.items())

        sites = _Merge("site")
        sites.add(hooks.sites(), "id")
        note(sites.errors)
        self.broken: dict[str, list[PluginError]] = {}
        for error in sites.errors:
            if isinstance(error, PluginConflictError) and error.kind == "site":
                self.broken.setdefault(error.identifier, []).append(error)
        for site_id, infos in sites.conflicting().items():
            if site_id not in self.broken:  # one plugin returned the site twice
                error = PluginError(infos[-1].name, f"returned site {site_id!r} twice")
                self.broken[site_id] = [error]
        self.bundles: dict[str, SiteBundle] = {}
        for site_id in sorted(sites.items):
            site: Site = sites.items[site_id]
            result = self._build(manager, site, sites.origins[site_id])
            if isinstance(result, list):
                self.broken[site_id] = result
                self.problems.extend(PluginProblem(site_id, error) for error in result)
                continue
            bundle, contributors = result
            inherited = [e for name in sorted(contributors) for e in failed.get(name, ())]
            if inherited:
                self.broken[site_id] = inherited
            else:
                self.bundles[site_id] = bundle

    def _build(
        self, manager: PluginManager, site: Site, provider: PluginInfo
    ) -> tuple[SiteBundle, set[str]] | list[PluginError]:
        hooks = manager.hooks
        scope = f"site {site.id!r}"
        modules = _Merge("module", scope)
        modules.add(hooks.modules(site), "id")
        partners = _Merge("partner", scope)
        partners.add(hooks.partners(site), "id")
        agreements = _Merge("agreement", scope)
        agreements.add(hooks.agreements(site), "id")
        coaches = _Merge("coach", scope)
        coaches.add(hooks.coaches(site), "id")
        layouts = _Merge("layout", scope)
        layouts.add(hooks.import_layouts(site), "name")
        errors = (
            modules.errors + partners.errors + agreements.errors + coaches.errors + layouts.errors
        )
        contributors = {provider.name}
        rules: dict[str, tuple[Rule, ...]] = {}
        for module in modules.items.values():
            merged = _Merge("rule", f"module {module.id!r} at {scope}")
            contributions = hooks.eligibility_rules(site, module)
            merged.add(contributions, "id")
            errors.extend(merged.errors)
            rules[module.id] = contributions.values()
            contributors.update(info.name for info, _ in contributions)
        if errors:
            return errors
        origins: dict[tuple[str, str], PluginInfo] = {("site", site.id): provider}
        merges = (
            ("module", modules),
            ("partner", partners),
            ("agreement", agreements),
            ("coach", coaches),
            ("layout", layouts),
        )
        for kind, merge in merges:
            origins.update(((kind, key), info) for key, info in merge.origins.items())
            contributors.update(info.name for info in merge.origins.values())
        origins.update(self.global_origins)
        bundle = SiteBundle(
            site=site,
            plugin=provider,
            modules=tuple(modules.items.values()),
            partners=tuple(partners.items.values()),
            agreements=tuple(agreements.items.values()),
            coaches=tuple(coaches.items.values()),
            rules=rules,
            exporters=tuple(self.exporters.values()),
            importers=tuple(self.importers.values()),
            layouts=tuple(layouts.items.values()),
            instruments=tuple(self.instruments.values()),
            origins=origins,
        )
        return bundle, contributors


class Registry:
    """All sites the registered plugins provide, with their merged contributions.

    Always reflects the plugin manager's current plugins (rebuilt after a plugin is
    registered or unregistered). A plugin failure only affects the sites it touches:
    :meth:`sites` lists the usable sites, :attr:`problems` the failures, and :meth:`site`
    raises the failure for a site made unusable by one.
    """

    def __init__(self, manager: PluginManager) -> None:
        self._manager = manager
        self._state: _State | None = None
        self._generation = -1

    @property
    def manager(self) -> PluginManager:
        return self._manager

    def _current(self) -> _State:
        if self._state is None or self._generation != self._manager.generation:
            self._generation = self._manager.generation
            self._state = _State(self._manager)
        return self._state

    def refresh(self) -> None:
        """Forget the cached build (plugins that compute their answers may have changed)."""
        self._state = None

    def sites(self) -> tuple[Site, ...]:
        """The usable sites, ordered by identifier."""
        return tuple(bundle.site for bundle in self._current().bundles.values())

    def site_ids(self, *, include_broken: bool = False) -> tuple[str, ...]:
        """Identifiers of the usable sites (and, if asked, of those made unusable)."""
        state = self._current()
        ids = set(state.bundles)
        if include_broken:
            ids |= set(state.broken)
        return tuple(sorted(ids))

    def site(self, site_id: str) -> SiteBundle:
        """The site ``site_id`` with its catalogue, partners, agreements, rules and exporters.

        Raises :class:`UnknownSiteError` when no plugin provides it, and the plugin's
        :class:`PluginError` (or :class:`PluginConflictError`) when a plugin broke it.
        """
        state = self._current()
        bundle = state.bundles.get(site_id)
        if bundle is not None:
            return bundle
        errors = state.broken.get(site_id)
        if errors:
            raise errors[0]
        raise UnknownSiteError(site_id, state.bundles)

    def __iter__(self) -> Iterator[SiteBundle]:
        return iter(list(self._current().bundles.values()))

    def __contains__(self, site_id: object) -> bool:
        return site_id in self._current().bundles

    @property
    def problems(self) -> tuple[PluginProblem, ...]:
        """Every plugin failure found (load errors, hook errors, conflicts)."""
        return tuple(self._current().problems)

    def exporters(self) -> tuple[Exporter, ...]:
        """The usable export formats (core and plugins)."""
        return tuple(self._current().exporters.values())

    def exporter(self, name: str) -> Exporter:
        """The export format ``name``; raises the conflict if two plugins claim it."""
        state = self._current()
        if name in state.exporter_errors:
            raise state.exporter_errors[name]
        return _lookup("exporter", name, state.exporters)

    def importers(self) -> tuple[Importer, ...]:
        """The usable spreadsheet importers (core and plugins)."""
        return tuple(self._current().importers.values())

    def importer(self, name: str) -> Importer:
        """The spreadsheet importer ``name``; raises the conflict if two plugins claim it."""
        state = self._current()
        if name in state.importer_errors:
            raise state.importer_errors[name]
        return _lookup("importer", name, state.importers)

    def instruments(self) -> tuple[Instrument, ...]:
        """The usable assessment instruments (core and plugins)."""
        return tuple(self._current().instruments.values())

    def instrument(self, instrument_id: str) -> Instrument:
        """The instrument ``instrument_id``; raises the conflict if two plugins claim it."""
        state = self._current()
        if instrument_id in state.instrument_errors:
            raise state.instrument_errors[instrument_id]
        return _lookup("instrument", instrument_id, state.instruments)

    def plugins(self) -> tuple[PluginInfo, ...]:
        """The registered plugins."""
        return self._manager.plugins()

    def __repr__(self) -> str:
        return f"<Registry sites={list(self.site_ids(include_broken=True))}>"


# --- the process-wide registry ----------------------------------------------------------


_REGISTRIES: weakref.WeakKeyDictionary[PluginManager, Registry] = weakref.WeakKeyDictionary()


def get_registry(manager: PluginManager | None = None) -> Registry:
    """The site registry of ``manager`` (default: the process-wide plugin manager).

    One registry per manager; it rebuilds itself whenever plugins are (un)registered.
    """
    pm = get_plugin_manager() if manager is None else manager
    registry = _REGISTRIES.get(pm)
    if registry is None:
        registry = _REGISTRIES[pm] = Registry(pm)
    return registry


def sites() -> tuple[Site, ...]:
    """The usable sites of all installed plugins, ordered by identifier."""
    return get_registry().sites()


def site(site_id: str) -> SiteBundle:
    """The site ``site_id`` with everything plugins contribute to it."""
    return get_registry().site(site_id)


def problems() -> tuple[PluginProblem, ...]:
    """Plugin failures found while building the registry."""
    return get_registry().problems


def exporters() -> tuple[Exporter, ...]:
    """All usable export formats."""
    return get_registry().exporters()


def exporter(name: str) -> Exporter:
    """The export format ``name``."""
    return get_registry().exporter(name)


def importers() -> tuple[Importer, ...]:
    """All usable spreadsheet importers."""
    return get_registry().importers()


def importer(name: str) -> Importer:
    """The spreadsheet importer ``name``."""
    return get_registry().importer(name)
