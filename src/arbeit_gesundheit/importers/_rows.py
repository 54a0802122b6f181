"""From a table to rows of fields: sheet kind, header row, column letters, cell checks.

Every problem is reported at the cell staff see (file, sheet, 1-based row, column letter).
Identifying cells (names, customer number, birth date) are only read to compute the
pseudonym; their content never enters a problem message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from attrs import frozen

from ..exceptions import ImportProblem
from ..model import label
from ..pseudonym import Pseudonymizer
from ._cells import Cell, cell_date, cell_int, cell_text, column_letter, is_empty, normalise_header
from ._layout import FIELDS, IDENTIFYING_FIELDS, VALUE_FIELDS, Layout, SheetLayout
from ._protocol import Table
from ._pseudonymise import identity_key

__all__ = ["HEADER_DE", "Row", "SheetRows", "read_table"]

#: German names of the fields, for messages.
HEADER_DE: dict[str, str] = {
    "customer_number": "Kundennummer", "last_name": "Name", "first_name": "Vorname",
    "birth_date": "Geburtsdatum", "birth_year": "Geburtsjahr", "benefit": "Rechtskreis",
    "course": "Kurs", "module": "Modul", "status": "Status",
}  # fmt: skip
_MAX_ECHO = 40


@frozen
class SheetRows:
    """One sheet's rows, with its layout and (for attendance sheets) its date columns."""

    file: str
    sheet: str | None
    layout: SheetLayout
    rows: Iterator[Row]
    dates: tuple[tuple[int, date], ...]  # (column index, session day)
    size: int | None


class Row:
    """One data row: its place, its cells by field and the problems found in it."""

    __slots__ = ("_cells", "_columns", "_first", "_formats", "_values", "file", "kind",
                 "number", "problems", "pseudonym", "sheet")  # fmt: skip

    def __init__(  # noqa: PLR0917 - one row, built in one place
        self, file: str, sheet: str | None, number: int, cells: Sequence[Cell],
        columns: dict[str, int], first_column: int, layout: Layout, kind: str = "participants",
    ) -> None:  # fmt: skip
        self.kind = kind
        self.file = file
        self.sheet = sheet
        self.number = number
        self._cells = cells
        self._columns = columns
        self._first = first_column
        self._formats = layout.date_formats
        self._values = layout.values
        self.problems: list[ImportProblem] = []
        self.pseudonym: str | None = None

    def letter(self, field: str | int | None) -> str | None:
        if field is None:
            return None
        index = field if isinstance(field, int) else self._columns.get(field)
        return None if index is None else column_letter(index + self._first)

    def problem(self, field: str | int | None, de: str, en: str) -> None:
        self.problems.append(
            ImportProblem(
                self.file, de, en, sheet=self.sheet, row=self.number, column=self.letter(field)
            )
        )

    def has(self, field: str) -> bool:
        return field in self._columns

    def cell(self, index: int) -> Cell:
        return self._cells[index] if index < len(self._cells) else None

    def raw(self, field: str) -> Cell:
        index = self._columns.get(field)
        return None if index is None else self.cell(index)

    def _shown(self, field: str) -> str:
        if field in IDENTIFYING_FIELDS:
            return ""
        text = cell_text(self.raw(field))
        return f' "{text[:_MAX_ECHO]}"' if text else ""

    def _missing(self, field: str, what_de: str, what_en: str) -> None:
        name = HEADER_DE.get(field, field)
        self.problem(
            field,
            f"{name}: {what_de} erwartet, die Zelle ist leer",
            f"{field}: expected {what_en}, the cell is empty",
        )

    def text(self, field: str, *, required: bool = False, limit: int = 500) -> str | None:
        value = self.raw(field)
        if is_empty(value):
            if required:
                self._missing(field, "ein Eintrag", "an entry")
            return None
        text = cell_text(value)
        if len(text) > limit:
            self.problem(
                field, f"höchstens {limit} Zeichen erwartet", f"expected at most {limit} characters"
            )
            return None
        return text

    def day(self, field: str, *, required: bool = False) -> date | None:
        value = self.raw(field)
        if is_empty(value):
            if required:
                self._missing(field, "ein Datum (TT.MM.JJJJ)", "a date (DD.MM.YYYY)")
            return None
        found = cell_date(value, self._formats)
        if found is None:
            self.problem(
                field, f"ein Datum wie 03.05.2024 erwartet{self._shown(field) and ', nicht' + self._shown(field)}",
                f"expected a date such as 03.05.2024{self._shown(field) and ', not' + self._shown(field)}",
            )  # fmt: skip
        return found

    def year(self) -> int | None:
        """The birth year: from ``birth_year`` (a year or a date) or ``birth_date``."""
        for field in ("birth_year", "birth_date"):
            value = self.raw(field)
            if not self.has(field) or is_empty(value):
                continue
            number = cell_int(value)
            if number is not None and 1900 <= number <= 2100:
                return number
            found = cell_date(value, self._formats)
            if found is not None and 1900 <= found.year <= 2100:
                return found.year  # the birth date itself is dropped here
            self.problem(field, "ein Geburtsjahr (JJJJ) oder Geburtsdatum (TT.MM.JJJJ) erwartet",
                         "expected a birth year (YYYY) or birth date (DD.MM.YYYY)")  # fmt: skip
            return None
        self._missing(
            "birth_year" if self.has("birth_year") else "birth_date",
            "ein Geburtsjahr",
            "a birth year",
        )
        return None

    def value(self, field: str, *, required: bool = False) -> Any:
        """A vocabulary member from its value, German or English label or a layout synonym."""
        value = self.raw(field)
        if is_empty(value):
            if required:
                self._missing(field, "ein Eintrag", "an entry")
            return None
        enum = VALUE_FIELDS[field]
        member = lookup_member(enum, cell_text(value), self._values.get(field, {}))
        if member is None:
            allowed = ", ".join(label(m) for m in enum)
            self.problem(field, f"unbekannter Wert{self._shown(field)}; erwartet: {allowed}",
                         f"unknown value{self._shown(field)}; expected: {', '.join(m.value for m in enum)}")  # fmt: skip
        return member

    def values(self, field: str) -> list[Any]:
        """Several vocabulary members, separated by ``,`` or ``;``."""
        text = self.text(field)
        if text is None:
            return []
        enum = VALUE_FIELDS[field]
        found = []
        for part in text.replace(";", ",").split(","):
            if part.strip():
                member = lookup_member(enum, part.strip(), self._values.get(field, {}))
                if member is None:
                    self.problem(
                        field,
                        f'unbekannter Wert "{part.strip()[:_MAX_ECHO]}"',
                        f'unknown value "{part.strip()[:_MAX_ECHO]}"',
                    )
                    return []
                found.append(member)
        return found


def lookup_member(enum: type[StrEnum], text: str, synonyms: Any) -> Any:
    key = text.strip().casefold()
    if key in synonyms:
        return enum(synonyms[key])
    for member in enum:
        if key in (
            member.value.casefold(),
            label(member, "de").casefold(),
            label(member, "en").casefold(),
        ):
            return member
    return None


def _sheet_problem(table: Table, de: str, en: str, row: int | None = None) -> ImportProblem:
    return ImportProblem(table.file, de, en, sheet=table.sheet, row=row)


def _header(
    table: Table, rows: Iterator[Sequence[Cell]], sheet: SheetLayout, layout: Layout
) -> tuple[int, dict[str, int], list[tuple[int, date]]] | ImportProblem:
    lookup = sheet.header_lookup()
    _allowed, required = FIELDS[sheet.kind]
    needed = required | set(sheet.identity)
    for offset in range(layout.header_rows):
        try:
            cells = next(rows)
        except StopIteration:
            break
        columns: dict[str, int] = {}
        dates: list[tuple[int, date]] = []
        for index, cell in enumerate(cells):
            name = lookup.get(normalise_header(cell))
            if name is not None and name not in columns:
                columns[name] = index
            elif name is None and sheet.kind == "attendance" and not is_empty(cell):
                day = cell_date(cell, layout.date_formats)
                if day is not None and day.year >= 2000:
                    dates.append((index, day))
        if needed <= set(columns):
            return table.first_row + offset, columns, dates
    headers = ", ".join(f'"{sheet.columns[f][0]}"' for f in sorted(needed))
    return _sheet_problem(
        table,
        f"keine Kopfzeile gefunden: in den ersten {layout.header_rows} Zeilen erwartet die Spalten {headers}",
        f"no header row found: expected the columns {headers} within the first {layout.header_rows} rows",
    )


def read_table(
    table: Table, layout: Layout, pseudonymizer: Pseudonymizer, sheet_name: str,
    on_rows: Callable[[int, int], None] | None = None,
) -> SheetRows | ImportProblem | None:  # fmt: skip
    """The rows of ``table`` (None: no sheet kind of the layout matches its name)."""
    sheet = layout.sheet_for(sheet_name)
    if sheet is None:
        return None
    rows = iter(table.rows)
    found = _header(table, rows, sheet, layout)
    if isinstance(found, ImportProblem):
        return found
    header_row, columns, dates = found
    if sheet.kind == "attendance" and not dates:
        return _sheet_problem(
            table, "keine Termin-Spalten gefunden: Spaltenköpfe mit dem Datum des Termins erwartet (TT.MM.JJJJ)",
            "no session columns found: expected column headers with the session date (DD.MM.YYYY)", header_row,
        )  # fmt: skip
    seen: dict[date, int] = {}
    for index, day in dates:
        if day in seen:
            return ImportProblem(table.file, f"der Termin {day:%d.%m.%Y} steht zweimal in der Kopfzeile",
                                 f"the session {day:%d.%m.%Y} appears twice in the header row", sheet=table.sheet,
                                 row=header_row, column=column_letter(index + table.first_column))  # fmt: skip
        seen[day] = index
    identity = [columns[f] for f in sheet.identity]
    return SheetRows(
        file=table.file, sheet=table.sheet, layout=sheet,
        rows=_rows(table, rows, header_row, columns, identity, layout, pseudonymizer, on_rows, sheet.kind),
        dates=tuple(dates), size=table.size,
    )  # fmt: skip


def _rows(  # noqa: PLR0917
    table: Table, rows: Iterator[Sequence[Cell]], header_row: int, columns: dict[str, int],
    identity: list[int], layout: Layout, pseudonymizer: Pseudonymizer,
    on_rows: Callable[[int, int], None] | None, kind: str,
) -> Iterator[Row]:  # fmt: skip
    number = header_row
    for cells in rows:
        number += 1
        if on_rows is not None and number % 500 == 0:
            on_rows(500, 0)
        if all(is_empty(c) for c in cells):
            continue
        row = Row(table.file, table.sheet, number, cells, columns, table.first_column, layout, kind)
        parts = [cell_text(row.cell(i)) for i in identity]
        missing = [i for i, part in zip(identity, parts, strict=True) if not part]
        if missing:
            names = {v: k for k, v in columns.items()}
            for index in missing:
                name = HEADER_DE.get(names[index], names[index])
                row.problem(index, f"{name} fehlt: ohne sie lässt sich die Person nicht zuordnen",
                            f"{names[index]} is missing: the person cannot be identified without it")  # fmt: skip
        else:
            row.pseudonym = pseudonymizer(identity_key(parts))
        yield row
