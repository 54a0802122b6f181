"""Reading files with a layout into an :class:`ImportResult`, and handing it to a store."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..exceptions import ImportDataError, ImportProblem
from ..model import Dataset, Module
from ..pseudonym import Pseudonymizer
from ._csv import CSV_IMPORTER
from ._layout import Layout
from ._protocol import Importer, choose_importer, sheet_error
from ._records import Assembler, Catalogue
from ._report import ImportResult
from ._rows import read_table
from ._xlsx import XLSX_IMPORTER

__all__ = ["CORE_IMPORTERS", "import_into_store", "read_files"]

#: The core's importers, in the order they are tried.
CORE_IMPORTERS: tuple[Importer, ...] = (XLSX_IMPORTER, CSV_IMPORTER)


def read_files(
    paths: Iterable[str | os.PathLike[str]],
    layout: Layout,
    *,
    site_id: str,
    modules: Sequence[Module],
    pseudonymizer: Pseudonymizer,
    importers: Sequence[Importer] = CORE_IMPORTERS,
    coaches: Iterable[str] = (),
    known: Dataset | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Read, check and pseudonymise the spreadsheets at ``paths`` with ``layout``.

    Nothing is written: the result holds the validated records of the good rows and every
    problem (this is the dry run). ``modules`` and ``coaches`` are the site's catalogue and
    staff ids (to resolve the module column and check the coach column); ``known`` is what
    the store holds already (for attendance sheets of enrolments imported earlier).
    ``progress(done, expected)`` is called now and then with rows read since the last call
    and rows newly expected (when a sheet of known size starts). A file that cannot be
    read at all (not a spreadsheet, empty, password-protected) raises
    :class:`~arbeit_gesundheit.exceptions.SheetError`.
    """
    # Reading builds many small objects that all live until the end: the cyclic garbage
    # collector would only rescan them over and over (a third of the time on 100,000 rows).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read(
            paths, layout, site_id, modules, pseudonymizer, importers, coaches, known, progress
        )
    finally:
        if enabled:
            gc.enable()


def _read(  # noqa: PLR0917 - the arguments of read_files, passed on
    paths: Iterable[str | os.PathLike[str]],
    layout: Layout,
    site_id: str,
    modules: Sequence[Module],
    pseudonymizer: Pseudonymizer,
    importers: Sequence[Importer],
    coaches: Iterable[str],
    known: Dataset | None,
    progress: Callable[[int, int], None] | None,
) -> ImportResult:
    catalogue = Catalogue(site_id, tuple(modules), frozenset(coaches), known or Dataset())
    assembler = Assembler(layout, catalogue)
    sheet_problems: list[ImportProblem] = []
    notes: list[ImportProblem] = []
    names: list[str] = []
    for raw in paths:
        path = Path(raw)
        names.append(path.name)
        importer = choose_importer(path, importers)
        if importer is None:
            known_suffixes = ", ".join(sorted({s for i in importers for s in i.suffixes}))
            raise sheet_error(path.name, f"unbekanntes Dateiformat; erwartet: {known_suffixes}",
                              f"unknown file format; expected: {known_suffixes}")  # fmt: skip
        if not path.is_file():
            raise sheet_error(path.name, "Datei nicht gefunden", "file not found")
        matched = 0
        tables = importer.read(path, layout)
        for table in tables:
            name = table.sheet if table.sheet is not None else path.stem
            if progress is not None and table.size:
                progress(0, table.size)
            found = read_table(table, layout, pseudonymizer, name, progress)
            if found is None:
                patterns = ", ".join(f'"{p}"' for s in layout.sheets for p in s.sheets)
                notes.append(ImportProblem(
                    table.file, f"Blatt übersprungen: der Name passt zu keinem Blatt der Vorlage ({patterns})",
                    f"sheet skipped: its name matches no sheet of the layout ({patterns})", sheet=table.sheet,
                ))  # fmt: skip
                continue
            matched += 1
            if isinstance(found, ImportProblem):
                sheet_problems.append(found)
                continue
            assembler.add(found)
        if not matched:
            sheet_problems.append(ImportProblem(
                path.name, f"kein Blatt passt zur Vorlage {layout.name!r} (umbenannt?)",
                f"no sheet matches the layout {layout.name!r} (renamed?)",
            ))  # fmt: skip
    dataset = assembler.build()
    row_problems = [p for row in assembler.rows for p in row.problems]
    refused = sum(1 for row in assembler.rows if row.problems)
    return ImportResult(
        dataset=dataset, problems=tuple(sheet_problems + row_problems), notes=tuple(notes),
        files=tuple(names), rows_read=len(assembler.rows), rows_refused=refused,
    )  # fmt: skip


def import_into_store(
    result: ImportResult, store: Any, *, actor: str, skip_bad_rows: bool = False
) -> Any:
    """Write the records of ``result`` to ``store`` (``Store.import_dataset``, one
    transaction); returns the store's summary. Refuses (:class:`ImportDataError`, nothing
    written) when there are problems, unless ``skip_bad_rows``."""
    if not result.dataset.participants and not result.problems and not result.rows_read:
        raise ImportDataError(
            [
                ImportProblem(
                    ", ".join(result.files) or "-",
                    "keine Datenzeilen gefunden",
                    "no data rows found",
                )
            ]
        )
    dataset = result.accepted(skip_bad_rows=skip_bad_rows)
    return store.import_dataset(dataset, actor=actor)
