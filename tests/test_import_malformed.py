"""Bad input never crashes: every malformed file gives the library's own error or a correct
import (empty, encrypted, merged cells, formulas, dates as text or numbers, renamed sheets,
extra columns, not a spreadsheet, 100,000 rows, and Hypothesis-made sheets)."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from test_import import GOOD, HEADER, read, write_csv

from arbeit_gesundheit import ImportDataError, SheetError
from arbeit_gesundheit.exceptions import ArbeitGesundheitError

ATT_HEADER = ["Kundennummer", "Name", "Vorname", "Kurs", "Modul"]


def _attendance_book(
    path: Path, header: list[object], rows: list[list[object]], title: str = "Anwesenheit Mai"
) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = title
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_empty_files(tmp_path: Path) -> None:
    for name in ("leer.csv", "leer.xlsx"):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(SheetError, match="empty"):
            read([tmp_path / name])


def test_encrypted_workbook_and_not_a_spreadsheet(tmp_path: Path) -> None:
    ole = tmp_path / "Geschuetzt.xlsx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(SheetError, match="password-protected") as caught:
        read([ole])
    assert "kennwortgeschützt" in caught.value.problems[0].message
    (tmp_path / "bild.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "kaputt.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "binär.csv").write_bytes(b"\x00\x01\x02\x03" * 10)
    (tmp_path / "daten.pdf").write_bytes(b"%PDF-1.4")
    for name in ("bild.xlsx", "kaputt.xlsx", "binär.csv", "daten.pdf"):
        with pytest.raises(SheetError) as caught:
            read([tmp_path / name])
        assert caught.value.file == name


def test_renamed_sheet_extra_columns_and_a_title_row(tmp_path: Path) -> None:
    renamed = _attendance_book(tmp_path / "a.xlsx", ATT_HEADER, [], title="Tabelle1")
    result = read([renamed])
    assert not result.ok
    assert "umbenannt" in str(result.problems[0])
    header = ["Bemerkung", *ATT_HEADER, "Telefon", date(2024, 3, 4), "05.03.2024", 45357]
    rows = [["", "K1", "Ackermann", "Anna", "walk-1", "ge-bew-walking", "0170", "x", "E", 1]]
    participants = write_csv(tmp_path / "Teilnehmende.csv", [HEADER, GOOD])
    book = _attendance_book(tmp_path / "b.xlsx", header, rows)
    result = read([participants, book])
    assert result.ok, result.problems
    assert sorted(s.on for s in result.dataset.sessions) == [
        date(2024, 3, 4),
        date(2024, 3, 5),
        date(2024, 3, 6),
    ]
    assert sorted(a.status.value for a in result.dataset.attendances) == [
        "excused",
        "present",
        "present",
    ]


def test_merged_cells_and_formulas(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Anwesenheit"
    ws.append([*ATT_HEADER, "04.03.2024"])
    ws.append(["K1", "Ackermann", "Anna", "walk-1", "ge-bew-walking", '=IF(1,"x","")'])
    ws.append(["K2", "Brinkmann", "Ben", "walk-1", "ge-bew-walking", "x"])
    ws.merge_cells("A3:B3")
    path = tmp_path / "m.xlsx"
    book.save(path)
    result = read([write_csv(tmp_path / "Teilnehmende.csv", [HEADER, GOOD]), path])
    # The uncalculated formula reads as empty; the merged cell keeps its top-left value, and
    # K2 has no enrolment: a problem at that row's course column, never a crash.
    assert [(p.row, p.column) for p in result.problems] == [(3, "D")]


def test_a_hundred_thousand_rows(tmp_path: Path) -> None:
    header = "Kundennummer;Name;Vorname;Geburtsjahr;Rechtskreis;Einwilligung Teilnahme"
    lines = [header] + [
        f"K{n};Name{n};Vorname;{1950 + n % 50};SGB II;01.02.2024" for n in range(100_000)
    ]
    result = read([write_csv(tmp_path / "Teilnehmende_gross.csv", lines)])
    assert result.ok
    assert len(result.dataset.participants) == 100_000


_CELL = st.one_of(
    st.none(),
    st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=12),
    st.integers(-10, 100_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(date(1900, 3, 1), date(2100, 1, 1)),
    st.sampled_from(
        [
            "x",
            "X",
            "e",
            "0",
            "ja",
            "nein",
            "SGB II",
            "abgeschlossen",
            "=1/0",
            "03.05.2024",
            "3.5.24",
        ]
    ),
)
_HEADERS = st.lists(
    st.sampled_from([*ATT_HEADER, "Geburtsjahr", "Rechtskreis", "Status", "Einwilligung Teilnahme",
                     "Angemeldet am", "04.03.2024", "11.03.2024", "", "Notiz"]), min_size=0, max_size=9,
)  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.sampled_from(["Anwesenheit", "Teilnehmende", "Kurs 1", "Tabelle1"]),
    header=_HEADERS,
    rows=st.lists(st.lists(_CELL, max_size=9), max_size=6),
    merge=st.booleans(),
)
def test_malformed_sheets_give_only_library_errors(
    title: str, header: list[object], rows: list[list[object]], merge: bool
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        book = Workbook()
        ws = book.active
        ws.title = title
        ws.append(header)
        for row in rows:
            ws.append([c.isoformat() if isinstance(c, date) and c.year < 1901 else c for c in row])
        if merge and rows:
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
        path = Path(directory) / "sheet.xlsx"
        book.save(path)
        try:
            result = read([path])
        except SheetError:
            return
        except ArbeitGesundheitError as exc:  # pragma: no cover - only SheetError is expected here
            raise AssertionError(f"unexpected {type(exc).__name__}") from exc
        for problem in result.problems:
            assert problem.file == "sheet.xlsx"
            assert problem.message
            assert problem.message_en
        if result.problems:
            with contextlib.suppress(ImportDataError):
                result.accepted()
