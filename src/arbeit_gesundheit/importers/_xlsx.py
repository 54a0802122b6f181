"""The core's Excel importer (``.xlsx``, ``.xlsm``), reading with python-calamine.

Formulas give their cached result (a formula never calculated, as written by some tools,
reads as an empty cell); merged cells give their value in the top-left cell only. A file
that is not a workbook, is encrypted (password-protected workbooks are stored as an OLE2
container, not a ZIP archive) or is an old ``.xls`` file gives a
:class:`~arbeit_gesundheit.exceptions.SheetError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..exceptions import MissingExtraError
from ._layout import Layout
from ._protocol import Table, sheet_error

__all__ = ["XLSX_IMPORTER", "XlsxImporter"]

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _calamine() -> Any:
    try:
        import python_calamine  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover - the extra is installed in tests
        raise MissingExtraError("XLSX import", "import", "python-calamine") from exc
    return python_calamine


class XlsxImporter:
    """Reads every worksheet of an Excel workbook as one table (chart sheets are skipped)."""

    name = "xlsx"
    suffixes: tuple[str, ...] = (".xlsx", ".xlsm")

    def title(self, lang: str = "de") -> str:
        return "Excel-Arbeitsmappe (.xlsx)" if lang == "de" else "Excel workbook (.xlsx)"

    def read(self, path: Path, layout: Layout) -> Iterator[Table]:
        file = path.name
        try:
            with path.open("rb") as handle:
                head = handle.read(8)
        except OSError as exc:
            raise sheet_error(
                file,
                f"Datei nicht lesbar ({exc.strerror})",
                f"cannot read the file ({exc.strerror})",
            ) from None
        if not head:
            raise sheet_error(file, "die Datei ist leer", "the file is empty")
        if head.startswith(_OLE2):
            raise sheet_error(
                file,
                "die Arbeitsmappe ist kennwortgeschützt (verschlüsselt) oder eine alte .xls-Datei: "
                "ohne Kennwort als .xlsx speichern",
                "the workbook is password-protected (encrypted) or an old .xls file: "
                "save it as .xlsx without a password",
            )
        if not head.startswith(_ZIP):
            raise sheet_error(
                file, "keine Excel-Arbeitsmappe (.xlsx)", "not an Excel workbook (.xlsx)"
            )
        calamine = _calamine()
        try:
            workbook = calamine.CalamineWorkbook.from_path(str(path))
            names = [m.name for m in workbook.sheets_metadata if str(m.typ).endswith("WorkSheet")]
        except Exception as exc:
            raise _unreadable(file, exc) from None
        if not names:
            raise sheet_error(
                file, "die Arbeitsmappe hat kein Tabellenblatt", "the workbook has no worksheet"
            )
        for name in names:
            try:
                sheet = workbook.get_sheet_by_name(name)
                start = sheet.start or (0, 0)
                rows = sheet.to_python(skip_empty_area=True)
            except Exception as exc:
                raise _unreadable(file, exc, sheet=name) from None
            yield Table(
                file=file, sheet=name, rows=rows, first_row=start[0] + 1,
                first_column=start[1], size=len(rows),
            )  # fmt: skip


def _unreadable(file: str, exc: Exception, *, sheet: str | None = None) -> Exception:
    kind = type(exc).__name__
    if kind == "PasswordError":
        return sheet_error(
            file,
            "die Arbeitsmappe ist kennwortgeschützt: ohne Kennwort speichern",
            "the workbook is password-protected: save it without a password",
            sheet=sheet,
        )
    return sheet_error(
        file,
        f"keine lesbare Excel-Arbeitsmappe ({kind})",
        f"not a readable Excel workbook ({kind})",
        sheet=sheet,
    )


XLSX_IMPORTER = XlsxImporter()
