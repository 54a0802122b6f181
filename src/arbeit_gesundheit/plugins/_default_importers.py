"""The core's spreadsheet importers and its standard layout, contributed through the same
hooks as any plugin's: ``xlsx`` (python-calamine) and ``csv`` through ``ag_importers``, the
``standard`` layout for every site through ``ag_import_layouts``."""

from __future__ import annotations

from collections.abc import Iterable

from ..importers import CORE_IMPORTERS, Importer, Layout, standard_layout
from ..model import Site
from ._manager import hookimpl

__all__ = ["ag_import_layouts", "ag_importers"]

_STANDARD: list[Layout] = []


@hookimpl
def ag_importers() -> Iterable[Importer]:
    return list(CORE_IMPORTERS)


@hookimpl
def ag_import_layouts(site: Site) -> Iterable[Layout]:
    if not _STANDARD:
        _STANDARD.append(standard_layout())
    return list(_STANDARD)
