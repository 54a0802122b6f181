"""The Gelsenkirchen plugin (team ABCaktiv): the site, its catalogue, partners and rules.

The hooks come from :class:`arbeit_gesundheit.plugins.SitePlugin`: each answers only for this
site, so the plugin installs next to other sites' and programmes' plugins. The entry point
names the instance (``ag_site_gelsenkirchen.plugin:plugin``).
"""

from __future__ import annotations

from arbeit_gesundheit.plugins import SitePlugin

from .catalogue import AGREEMENTS, COACHES, MODULES, PARTNERS, SITE
from .rules import rules_for

__all__ = ["plugin"]

plugin = SitePlugin(
    SITE,
    modules=MODULES,
    partners=PARTNERS,
    agreements=AGREEMENTS,
    coaches=COACHES,
    rules=rules_for,
)
