"""The importer protocol: a reader that turns one file into tables of raw cells."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from attrs import field, frozen

from ..exceptions import ImportProblem, SheetError
from ._cells import Cell
from ._layout import Layout

__all__ = ["Importer", "Table", "importer_problems", "sheet_error"]


@frozen
class Table:
    """One sheet of a workbook (or a whole CSV file) as rows of raw cells.

    ``file`` is the file's name as staff know it, ``sheet`` the sheet's name (None for CSV),
    ``first_row`` the 1-based row number of the first row given and ``first_column`` the
    0-based index of its first column (workbooks may start further in). ``size`` is the
    number of rows when known (for the progress bar).
    """

    file: str
    sheet: str | None
    rows: Iterable[Sequence[Cell]] = field(eq=False, repr=False)
    first_row: int = 1
    first_column: int = 0
    size: int | None = None


@runtime_checkable
class Importer(Protocol):
    """A file format the ``import`` command can read (contributed through ``ag_importers``).

    ``name`` is lowercase and unique across plugins (the core has ``csv`` and ``xlsx``);
    ``suffixes`` are the file suffixes it reads (``(".xlsx", ".xlsm")``), lowercase with dot.
    :meth:`read` yields the file's tables; it raises
    :class:`~arbeit_gesundheit.exceptions.SheetError` when the file cannot be read at all
    (never another exception, and never with a cell's content in the message). What the
    cells mean is the layout's business, not the importer's.
    """

    name: str
    suffixes: tuple[str, ...]

    def title(self, lang: str = "de") -> str:
        """A short title in ``lang`` (``"de"`` or ``"en"``), such as ``"Excel-Arbeitsmappe"``."""
        ...

    def read(self, path: Path, layout: Layout) -> Iterator[Table]:
        """The tables of the file at ``path`` (a workbook's sheets, a CSV file's one table)."""
        ...


def sheet_error(file: str, de: str, en: str, *, sheet: str | None = None) -> SheetError:
    """A :class:`SheetError` for a file (or sheet) that cannot be read."""
    return SheetError(ImportProblem(file=file, message=de, message_en=en, sheet=sheet))


def importer_problems(item: object) -> list[str]:
    """What is wrong with ``item`` as an importer (empty when it is a usable one)."""
    problems: list[str] = []
    name = getattr(item, "name", None)
    if not isinstance(name, str) or not name or name != name.lower() or " " in name:
        problems.append("an importer with a lowercase name without spaces")
    suffixes = getattr(item, "suffixes", None)
    if (
        not isinstance(suffixes, tuple)
        or not suffixes
        or not all(isinstance(s, str) and s.startswith(".") and s == s.lower() for s in suffixes)
    ):
        problems.append("suffixes: a non-empty tuple of lowercase suffixes such as '.xlsx'")
    for method in ("title", "read"):
        if not callable(getattr(item, method, None)):
            problems.append(f"a method {method}()")
    return problems


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def choose_importer(path: Path, importers: Sequence[Importer]) -> Importer | None:
    """The first importer that reads files with ``path``'s suffix."""
    suffix = _suffix(path)
    for importer in importers:
        if suffix in importer.suffixes:
            return importer
    return None
