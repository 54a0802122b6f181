"""The core's CSV importer: ``;`` or ``,`` (or tab), UTF-8 with or without BOM or
Windows-1252, as German Excel writes them."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ._layout import Layout
from ._protocol import Table, sheet_error

__all__ = ["CSV_IMPORTER", "CsvImporter", "decode", "detect_delimiter"]

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = ";,\t"


def decode(file: str, data: bytes) -> str:
    """The text of a CSV file: UTF-8 (BOM or not) if it decodes, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise sheet_error(
            file,
            "Zeichenkodierung unbekannt: als CSV (UTF-8 oder Windows-1252) speichern",
            "unknown character encoding: save as CSV (UTF-8 or Windows-1252)",
        ) from None


def detect_delimiter(text: str) -> str:
    """``;``, ``,`` or tab: the one the first lines use most consistently."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    sample = "\n".join(lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        pass
    header = lines[0] if lines else ""
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


class CsvImporter:
    """Reads a CSV file as one table; the file name without suffix serves as its sheet name
    for the layout's ``sheets`` patterns."""

    name = "csv"
    suffixes: tuple[str, ...] = (".csv", ".txt")

    def title(self, lang: str = "de") -> str:
        return "CSV-Datei (; oder ,)" if lang == "de" else "CSV file (; or ,)"

    def read(self, path: Path, layout: Layout) -> Iterator[Table]:
        file = path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise sheet_error(
                file,
                f"Datei nicht lesbar ({exc.strerror})",
                f"cannot read the file ({exc.strerror})",
            ) from None
        if data.startswith((_ZIP, _OLE2)):
            raise sheet_error(
                file,
                "keine CSV-Datei, sondern eine Excel-Datei: mit der Endung .xlsx importieren",
                "not a CSV file but an Excel file: import it with the suffix .xlsx",
            )
        if b"\x00" in data[:8192]:
            raise sheet_error(
                file, "keine Textdatei (keine CSV-Datei)", "not a text file (not a CSV file)"
            )
        text = decode(file, data)
        if not text.strip():
            raise sheet_error(file, "die Datei ist leer", "the file is empty")
        delimiter = detect_delimiter(text)
        lines = text.splitlines()
        reader = csv.reader(lines, delimiter=delimiter)
        yield Table(file=file, sheet=None, rows=_guarded(file, reader), size=len(lines))


def _guarded(file: str, reader: Iterator[list[str]]) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as exc:
        raise sheet_error(
            file,
            f"CSV-Datei fehlerhaft in Zeile {reader.line_num}: {exc}",  # type: ignore[attr-defined]
            f"malformed CSV in line {reader.line_num}: {exc}",  # type: ignore[attr-defined]
        ) from None


CSV_IMPORTER = CsvImporter()
