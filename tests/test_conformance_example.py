"""The conformance mixins, run against the example plugin package (tests/example_plugin).

The package must be installed (``pip install -e tests/example_plugin``); this is what a site
plugin author writes in their own test suite.
"""

from __future__ import annotations

from ag_example_site import (
    plugin as plugin_module,  # installed by requirements/test.txt: a missing plugin fails
)

from arbeit_gesundheit.testing.conformance import SitePluginConformance


class TestMusterstadtConformance(SitePluginConformance):
    plugin = plugin_module
    site_ids = ("musterstadt",)


class TestMusterstadtConformanceDefaultSites(SitePluginConformance):
    """Without ``site_ids`` the mixin checks every site the plugin provides."""

    plugin = plugin_module
