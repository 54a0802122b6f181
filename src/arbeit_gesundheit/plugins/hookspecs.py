"""The hooks a plugin can implement (pluggy project ``arbeit_gesundheit``).

Every hook is called with keyword arguments only. An implementation may accept fewer
arguments than the specification lists (for example ``ag_eligibility_rules(site)`` without
``module``); new arguments can therefore be added to a hook without breaking plugins.

Hooks that several plugins contribute to return an iterable (or None for "nothing"); the
core collects the results of all plugins, checks each item's type and remembers which
plugin contributed it, so errors name the plugin. Write implementations with
:data:`arbeit_gesundheit.plugins.hookimpl`::

    from arbeit_gesundheit.plugins import hookimpl

    @hookimpl
    def ag_sites():
        return [Site(id="musterstadt", name="Jobcenter Musterstadt", land=Land.NW)]

The documentation of each hook, with its exact signature and an example, is in
``docs/reference/hooks.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

from ..exporters import Exporter
from ..model import Coach, CooperationAgreement, Module, Partner, Site

if TYPE_CHECKING:
    from ..eligibility import Rule
    from ..importers import Importer, Layout
    from ..instruments import Instrument

__all__ = [
    "PROJECT_NAME",
    "ag_agreements",
    "ag_coaches",
    "ag_eligibility_rules",
    "ag_exporters",
    "ag_import_layouts",
    "ag_importers",
    "ag_instruments",
    "ag_modules",
    "ag_partners",
    "ag_sites",
    "hookimpl",
    "hookspec",
]

#: The pluggy project name shared by the hook specifications and implementations.
PROJECT_NAME = "arbeit_gesundheit"

#: Marker for hook specifications (only this module uses it).
hookspec = pluggy.HookspecMarker(PROJECT_NAME)

#: Marker for hook implementations; plugins import it as ``arbeit_gesundheit.hookimpl``.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# --- Sites and their catalogue --------------------------------------------------------------


@hookspec
def ag_sites() -> Iterable[Site] | None:
    """The sites (Standorte) this plugin provides.

    A site identifier may be claimed by one plugin only; two plugins returning the same
    site id are a :class:`~arbeit_gesundheit.exceptions.PluginConflictError`.
    """


@hookspec
def ag_modules(site: Site) -> Iterable[Module] | None:
    """The modules (Module, Kurse) this plugin adds to ``site``'s catalogue.

    Called once for every registered site; return None (or nothing) for sites the plugin
    does not know. Several plugins may add modules to one site; a module id may be used
    only once per site.
    """


@hookspec
def ag_partners(site: Site) -> Iterable[Partner] | None:
    """The partner organisations (Netzwerkpartner) of ``site`` this plugin knows.

    Modules refer to their provider by ``Module.provider_id``; the partner with that id
    should be contributed here.
    """


@hookspec
def ag_agreements(site: Site) -> Iterable[CooperationAgreement] | None:
    """The cooperation agreements (Kooperationsvereinbarungen) of ``site``."""


@hookspec
def ag_coaches(site: Site) -> Iterable[Coach] | None:
    """The staff of ``site`` working with participants (Health Care Coaches,
    Vermittlungsfachkräfte), by internal identifier only, never by name."""


# --- Eligibility ----------------------------------------------------------------------------


@hookspec
def ag_eligibility_rules(site: Site, module: Module) -> Iterable[Rule] | None:
    """The eligibility rules for enrolling in ``module`` at ``site``.

    Called once per module of the site's merged catalogue. A rule that applies to every
    module of the site is returned for every module; an implementation that does not
    accept ``module`` gives exactly that. A person is eligible for a module when all rules
    returned for it (by all plugins) are met.
    """


# --- Formats and instruments ----------------------------------------------------------------


@hookspec
def ag_exporters() -> Iterable[Exporter] | None:
    """Export formats this plugin provides (see :class:`~arbeit_gesundheit.plugins.Exporter`).

    An exporter's ``name`` must be unique across plugins.
    """


@hookspec
def ag_importers() -> Iterable[Importer] | None:
    """Spreadsheet formats this plugin can import (see :class:`~arbeit_gesundheit.importers.Importer`).

    The core contributes ``xlsx`` and ``csv``. An importer's ``name`` must be unique across
    plugins; the ``import`` command picks the importer by the file's suffix.
    """


@hookspec
def ag_import_layouts(site: Site) -> Iterable[Layout] | None:
    """The spreadsheet layouts (column mappings, see :class:`~arbeit_gesundheit.importers.Layout`)
    of ``site``'s own sheets.

    The core contributes its ``standard`` layout to every site. A layout name may be used
    only once per site; return None for sites the plugin does not know.
    """


@hookspec
def ag_instruments() -> Iterable[Instrument] | None:
    """Assessment instruments (questionnaires such as WHO-5) this plugin provides.

    An instrument's ``id`` must be unique across plugins.
    """
