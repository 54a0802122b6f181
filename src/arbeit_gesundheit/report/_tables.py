"""The presentation model of the annual report: columns, rows, tables, charts and sections.

Every exporter (CSV, XLSX, HTML, JSON, FHIR, a plugin's) reads these frozen classes; their
validators make sure a table only holds figures of its columns' kinds (or ``"."`` where a
figure is suppressed). ``_t`` picks the German or English text for the report's language.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal, TypeAlias

from attrs import field, frozen

from ..disclosure import SUPPRESSED
from ..exceptions import InvalidFieldError
from ..model import Language
from ..model import _validators as v

__all__ = [
    "Chart",
    "Column",
    "ColumnKind",
    "ReportSection",
    "ReportTable",
    "Row",
    "RowKind",
    "Value",
    "_t",
]

#: What a column holds: whole counts, per cent (0-100), WHO-5 points, or text.
ColumnKind: TypeAlias = Literal["count", "percent", "points", "text"]
#: How a row reads: a figure row, the total (Insgesamt) or the heading of a breakdown block.
RowKind: TypeAlias = Literal["data", "total", "heading"]
#: A figure of a presentation table: an int (count), a Fraction (per cent or points), a str
#: (text, or :data:`~arbeit_gesundheit.disclosure.SUPPRESSED`) or None (no figure: nothing
#: to divide by).
Value: TypeAlias = int | Fraction | str | None

_KINDS = ("count", "percent", "points", "text")
_ROW_KINDS = ("data", "total", "heading")


def _t(lang: Language, de: str, en: str) -> str:
    return de if lang == "de" else en


def _check_kind(inst: object, attr: Any, value: Any) -> None:
    if value not in _KINDS:
        raise InvalidFieldError(type(inst).__name__, attr.name, " or ".join(_KINDS), value)


def _check_text(inst: object, attr: Any, value: Any) -> None:
    if type(value) is not str:
        raise InvalidFieldError(type(inst).__name__, attr.name, "a text", value)


@frozen
class Column:
    """A column of a :class:`ReportTable`: its heading and what kind of figure it holds."""

    heading: str = field(validator=_check_text)
    kind: ColumnKind = field(default="count", validator=_check_kind)


def _check_value(kind: str, value: object) -> bool:
    if value is None or value == SUPPRESSED:
        return True
    if kind == "count":
        return type(value) is int and value >= 0
    if kind in ("percent", "points"):
        return isinstance(value, Fraction | int | float) and not isinstance(value, bool)
    return type(value) is str


@frozen
class Row:
    """A row: its label (the first column), its kind and one value per column."""

    label: str = field(validator=_check_text)
    cells: tuple[Value, ...] = field(converter=v.to_tuple)
    kind: RowKind = field(default="data")

    @kind.validator
    def _check_row_kind(self, attr: Any, value: object) -> None:
        if value not in _ROW_KINDS:
            raise InvalidFieldError("Row", "kind", " or ".join(_ROW_KINDS), value)


@frozen
class ReportTable:
    """A presentation table shared by the CSV, XLSX, HTML and JSON exporters.

    ``stub`` is the heading of the label column, ``columns`` the figure columns and
    ``rows`` the rows (each with one value per column). Figures are already protected.
    ``sheet`` is a short name (at most 31 characters, for a spreadsheet tab).
    """

    id: str = field(validator=_check_text)
    title: str = field(validator=_check_text)
    stub: str = field(validator=_check_text)
    columns: tuple[Column, ...] = field(converter=v.to_tuple)
    rows: tuple[Row, ...] = field(converter=v.to_tuple)
    sheet: str = field(validator=_check_text)
    note: str | None = None

    @rows.validator
    def _check_rows(self, attr: Any, value: tuple[Row, ...]) -> None:
        for row in value:
            if len(row.cells) != len(self.columns):
                raise InvalidFieldError(
                    "ReportTable", "rows", f"{len(self.columns)} values per row", row
                )
            for column, cell in zip(self.columns, row.cells, strict=True):
                if not _check_value(column.kind, cell):
                    raise InvalidFieldError(
                        "ReportTable", "rows", f"a {column.kind} value or '.'", cell
                    )

    @sheet.validator
    def _check_sheet(self, attr: Any, value: str) -> None:
        if not 1 <= len(value) <= 31 or any(c in value for c in "[]:*?/\\"):
            raise InvalidFieldError("ReportTable", "sheet", "1-31 characters, no []:*?/\\", value)

    def column(self, heading: str) -> int:
        """The index of the column with ``heading``."""
        for i, column in enumerate(self.columns):
            if column.heading == heading:
                return i
        known = ", ".join(c.heading for c in self.columns)
        raise InvalidFieldError("ReportTable", "column", f"one of: {known}", heading)

    def row(self, label: str, *, block: str | None = None) -> Row:
        """The first data or total row called ``label`` (within the block headed ``block``)."""
        current: str | None = None
        for row in self.rows:
            if row.kind == "heading":
                current = row.label
                continue
            if row.label == label and (block is None or current == block):
                return row
        raise InvalidFieldError("ReportTable", "row", "a row label of the table", label)

    def figure_rows(self) -> tuple[Row, ...]:
        """The rows with figures (without block headings)."""
        return tuple(r for r in self.rows if r.kind != "heading")


@frozen
class Chart:
    """A simple bar chart drawn from a protected table (one bar per label).

    ``values`` are the shown figures; a suppressed one is :data:`SUPPRESSED` and draws no
    bar, None (no figure) neither.
    """

    id: str
    title: str
    kind: ColumnKind
    labels: tuple[str, ...] = field(converter=v.to_tuple)
    values: tuple[Value, ...] = field(converter=v.to_tuple)
    source: str = ""


@frozen
class ReportSection:
    """A section of the report (printed on its own page): a heading, tables and charts."""

    id: str
    title: str
    tables: tuple[ReportTable, ...] = field(default=(), converter=v.to_tuple)
    charts: tuple[Chart, ...] = field(default=(), converter=v.to_tuple)
    intro: str | None = None
