"""Export formats: the exporter protocol and the core's formats (one module per format).

An exporter turns a dataset, an annual report or a site's catalogue into bytes of one format
and says whether its output is aggregate or person-level (:class:`ExportScope`). The core's
formats (``json``, ``csv``, ``xlsx``, ``html``, ``fhir``, ``fhir-careplans``,
``fhir-catalogue``) live in this package's private modules and reach callers the way a site's
formats do: through the ``ag_exporters`` hook
(:func:`arbeit_gesundheit.plugins.registry.exporter`). The face stays light on purpose: the
formats import their optional extras only when they export.
"""

from __future__ import annotations

from ._protocol import Exporter, ExportOptions, ExportScope, SiteCatalogue, exporter_problems

__all__ = ["ExportOptions", "ExportScope", "Exporter", "SiteCatalogue", "exporter_problems"]
