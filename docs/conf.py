"""Sphinx configuration for arbeit_gesundheit (MyST Markdown, API reference from docstrings)."""

from __future__ import annotations

import arbeit_gesundheit

project = "arbeit_gesundheit"
author = "arbeit_gesundheit developers"
copyright = "2026, arbeit_gesundheit developers"
release = arbeit_gesundheit.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
nitpicky = False
exclude_patterns = ["_build"]
html_theme = "alabaster"
language = "en"
