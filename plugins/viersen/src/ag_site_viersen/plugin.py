"""The Kreis Viersen plugin (Regionales Präventionszentrum): site, catalogue, rules and the
plan-progress export per coach.

The hooks come from :class:`arbeit_gesundheit.plugins.SitePlugin`: each answers only for this
site, so the plugin installs next to other sites' and programmes' plugins. The entry point
names the instance (``ag_site_viersen.plugin:plugin``).
"""

from __future__ import annotations

from collections.abc import Iterable

from arbeit_gesundheit import Site
from arbeit_gesundheit.importers import Layout
from arbeit_gesundheit.plugins import SitePlugin, hookimpl

from .catalogue import AGREEMENTS, COACHES, MODULES, PARTNERS, SITE
from .imports import LAYOUTS
from .progress import PlanProgressExporter
from .rules import rules_for

__all__ = ["ViersenPlugin", "plugin"]


class ViersenPlugin(SitePlugin):
    """The site's hooks, plus its spreadsheet layouts (``ag_import_layouts``)."""

    @hookimpl
    def ag_import_layouts(self, site: Site) -> Iterable[Layout] | None:
        return LAYOUTS if site.id == self.site.id else None


plugin = ViersenPlugin(
    SITE,
    modules=MODULES,
    partners=PARTNERS,
    agreements=AGREEMENTS,
    coaches=COACHES,
    rules=rules_for,
    exporters=[PlanProgressExporter()],
)
