"""Reading single cells: column letters, text, whole numbers, dates and attendance marks.

A cell comes from a reader as it was stored: text (every CSV cell, text cells of a
workbook), a number (Excel keeps whole numbers as floats), a bool, a date or datetime (real
date cells) or ``None``/``""`` for an empty cell. Each function here turns one such value into
what a field needs, or returns None when it cannot; the caller then reports the cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..model import AttendanceStatus

__all__ = [
    "EXCEL_EPOCH",
    "Cell",
    "cell_date",
    "cell_int",
    "cell_text",
    "column_letter",
    "is_empty",
    "normalise_header",
]

#: What a reader hands over for one cell.
Cell = str | int | float | bool | date | datetime | None

#: Day 0 of Excel's serial day numbers (1900 date system, with its leap-year bug folded in).
EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers accepted as dates: 1900-03-01 .. 2099-12-31.
_SERIAL_LOW = (date(1900, 3, 1) - EXCEL_EPOCH).days
_SERIAL_HIGH = (date(2099, 12, 31) - EXCEL_EPOCH).days
_SPACE = re.compile(r"\s+")
_INTEGER_TEXT = re.compile(r"[+-]?\d+(?:[.,]0+)?")


def column_letter(index: int) -> str:
    """The spreadsheet column letters of the 0-based column ``index`` (0 -> ``A``, 27 -> ``AB``)."""
    if index < 0:
        raise ValueError(f"column index must not be negative, got {index}")
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def is_empty(value: Cell) -> bool:
    """Whether a cell holds nothing (None, empty or blank text)."""
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Cell) -> str:
    """The cell as stripped text: whole floats without ``.0``, dates as ``YYYY-MM-DD``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def normalise_header(value: Cell) -> str:
    """A header for matching: text, case-folded, inner white space collapsed."""
    return _SPACE.sub(" ", cell_text(value)).casefold()


def cell_int(value: Cell) -> int | None:
    """A whole number (``1968``, ``1968.0``, ``"1968"``), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        if _INTEGER_TEXT.fullmatch(text):
            return int(re.split(r"[.,]", text)[0])
    return None


def _serial(number: float) -> date | None:
    if not (_SERIAL_LOW <= number <= _SERIAL_HIGH):
        return None
    return EXCEL_EPOCH + timedelta(days=int(number))


def cell_date(value: Cell, formats: Sequence[str], *, serials: bool = True) -> date | None:
    """A day from a date cell, text in one of ``formats`` or (with ``serials``) an Excel
    serial day number stored as a number or as digits; None when it is none of these.

    Two-digit years (``%y``) follow Python's rule: 69-99 are 1969-1999, 00-68 are 2000-2068.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        return _serial(value) if serials else None
    return _text_date(value.strip(), tuple(formats), serials)


@lru_cache(maxsize=8192)
def _text_date(text: str, formats: tuple[str, ...], serials: bool) -> date | None:
    # Sheets repeat the same few dates (session days, consent days): parse each text once.
    if not text:
        return None
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if serials and text.isdigit():
        return _serial(int(text))
    return None


def mark_table(
    present: Sequence[str], excused: Sequence[str], absent: Sequence[str]
) -> dict[str, AttendanceStatus]:
    """The lookup of attendance marks (case-folded) to their status."""
    table: dict[str, AttendanceStatus] = {}
    for marks, status in (
        (present, AttendanceStatus.PRESENT),
        (excused, AttendanceStatus.EXCUSED),
        (absent, AttendanceStatus.ABSENT),
    ):
        for mark in marks:
            table[mark.strip().casefold()] = status
    return table
