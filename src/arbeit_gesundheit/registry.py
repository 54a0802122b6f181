"""The site registry: the sites installed plugins provide, with catalogue, rules and exporters.

Module-level functions use the process-wide plugin manager
(:func:`arbeit_gesundheit.plugins.get_plugin_manager`)::

    from arbeit_gesundheit import registry

    registry.sites()                      # usable sites, by identifier
    bundle = registry.site("musterstadt")  # SiteBundle: modules, partners, rules, exporters
    registry.problems()                   # plugins that failed, and the sites they broke
"""

from __future__ import annotations

from ._exporter import Exporter
from ._organisation import Site
from ._plugin_manager import get_plugin_manager
from ._registry import ComponentKind, PluginProblem, Registry, SiteBundle
from .exceptions import UnknownIdentifierError, UnknownSiteError

__all__ = [
    "ComponentKind",
    "PluginProblem",
    "Registry",
    "SiteBundle",
    "UnknownIdentifierError",
    "UnknownSiteError",
    "exporter",
    "exporters",
    "get_registry",
    "problems",
    "site",
    "sites",
]


def get_registry() -> Registry:
    """The registry of the process-wide plugin manager."""
    return get_plugin_manager().registry


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
