"""Import from what sites keep today: participant lists, attendance sheets and plan-step lists
in Excel and CSV, pseudonymised on the way in.

:func:`read_files` reads files with a :class:`Layout` (a declarative TOML column mapping) into
an :class:`ImportResult`: the validated records of the good rows as a
:class:`~arbeit_gesundheit.Dataset` and every problem with its file, sheet, row and column.
Names and customer numbers become the site's keyed pseudonym while reading and are then
dropped. :func:`import_into_store` writes the result to a site store in one transaction.
File formats are :class:`Importer` objects (the core's ``xlsx`` and ``csv``, contributed
through the ``ag_importers`` hook); a site's layouts come through ``ag_import_layouts``.
See ``docs/topics/import.md``.
"""

from __future__ import annotations

from importlib.resources import files

from ._cells import Cell, cell_date, column_letter
from ._csv import CSV_IMPORTER, CsvImporter
from ._layout import (
    DEFAULT_DATE_FORMATS,
    FIELDS,
    IDENTIFYING_FIELDS,
    KINDS,
    Layout,
    Marks,
    SheetKind,
    SheetLayout,
    load_layout,
    loads_layout,
    parse_layout,
)
from ._protocol import Importer, Table, importer_problems
from ._pseudonymise import KEY_ENV, load_key, make_pseudonymizer
from ._records import enrolment_id
from ._report import REJECTS_HEADER, ImportResult, write_rejects
from ._run import CORE_IMPORTERS, import_into_store, read_files
from ._samples import write_sample_workbook
from ._xlsx import XLSX_IMPORTER, XlsxImporter

__all__ = [
    "CORE_IMPORTERS",
    "CSV_IMPORTER",
    "DEFAULT_DATE_FORMATS",
    "FIELDS",
    "IDENTIFYING_FIELDS",
    "KEY_ENV",
    "KINDS",
    "REJECTS_HEADER",
    "XLSX_IMPORTER",
    "Cell",
    "CsvImporter",
    "ImportResult",
    "Importer",
    "Layout",
    "Marks",
    "SheetKind",
    "SheetLayout",
    "Table",
    "XlsxImporter",
    "cell_date",
    "column_letter",
    "enrolment_id",
    "import_into_store",
    "importer_problems",
    "load_key",
    "load_layout",
    "loads_layout",
    "make_pseudonymizer",
    "parse_layout",
    "read_files",
    "standard_layout",
    "write_rejects",
    "write_sample_workbook",
]


def standard_layout() -> Layout:
    """The core's standard layout (``layouts/standard.toml``, shipped with the package)."""
    text = files(__package__).joinpath("layouts", "standard.toml").read_text(encoding="utf-8")
    return loads_layout(text, source="standard.toml")
