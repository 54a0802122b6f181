"""Plugins: the ``hookimpl`` marker, the plugin manager and the exporter protocol.

A site's plugin is a module (or object) with functions decorated with :data:`hookimpl`,
named after the hooks in :mod:`arbeit_gesundheit.plugins.hookspecs`, and registered under the
entry-point group ``arbeit_gesundheit``::

    [project.entry-points.arbeit_gesundheit]
    musterstadt = "ag_example_site.plugin"

:func:`get_plugin_manager` finds installed plugins (honouring
``ARBEIT_GESUNDHEIT_BLOCK_PLUGINS``, ``ARBEIT_GESUNDHEIT_PLUGINS`` and
``ARBEIT_GESUNDHEIT_TRACE_PLUGINS``); :func:`get_registry` (module :mod:`arbeit_gesundheit.plugins.registry`) lists the sites.
"""

from __future__ import annotations

from ..exceptions import PluginConflictError, PluginError
from ..exporters import Exporter, ExportOptions, ExportScope, exporter_problems
from ._hooks import Contributions, Hooks, PluginInfo
from ._manager import (
    CORE_PLUGINS,
    ENTRY_POINT_GROUP,
    ENV_ALLOW,
    ENV_BLOCK,
    ENV_TRACE,
    PluginManager,
    get_plugin_manager,
    hookimpl,
)
from ._site_plugin import SitePlugin
from .registry import ComponentKind, PluginProblem, Registry, SiteBundle, get_registry

__all__ = [
    "CORE_PLUGINS",
    "ENTRY_POINT_GROUP",
    "ENV_ALLOW",
    "ENV_BLOCK",
    "ENV_TRACE",
    "ComponentKind",
    "Contributions",
    "ExportOptions",
    "ExportScope",
    "Exporter",
    "Hooks",
    "PluginConflictError",
    "PluginError",
    "PluginInfo",
    "PluginManager",
    "PluginProblem",
    "Registry",
    "SiteBundle",
    "SitePlugin",
    "exporter_problems",
    "get_plugin_manager",
    "get_registry",
    "hookimpl",
]
