"""The outcome of reading spreadsheets: the records, every problem, and the file of
refused rows for correction."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path

from attrs import frozen

from ..exceptions import ImportDataError, ImportProblem
from ..files import write_atomic
from ..model import Dataset

__all__ = ["REJECTS_HEADER", "ImportResult", "write_rejects"]

#: Columns of the file of refused rows (``--skip-bad-rows FILE``).
REJECTS_HEADER = ("Datei", "Blatt", "Zeile", "Spalte", "Problem")


@frozen
class ImportResult:
    """What reading the files gave: the validated records of the good rows, every problem
    (with file, sheet, row, column) and the counts.

    ``dataset`` holds only records from rows without problems. ``notes`` are sheets that
    were skipped because no sheet kind of the layout matches their name. Nothing here
    contains a name, customer number or birth date.
    """

    dataset: Dataset
    problems: tuple[ImportProblem, ...] = ()
    notes: tuple[ImportProblem, ...] = ()
    files: tuple[str, ...] = ()
    rows_read: int = 0
    rows_refused: int = 0

    @property
    def ok(self) -> bool:
        """Whether no problem was found (the import may go ahead as a whole)."""
        return not self.problems

    def accepted(self, *, skip_bad_rows: bool = False) -> Dataset:
        """The records to write: all of them when there is no problem; with
        ``skip_bad_rows`` those of the good rows; otherwise :class:`ImportDataError`."""
        if self.problems and not skip_bad_rows:
            raise ImportDataError(self.problems)
        return self.dataset

    def counts(self) -> Mapping[str, int]:
        """Records read, by kind (people, enrolments, attendances, sessions, plans, steps)."""
        d = self.dataset
        return {
            "participants": len(d.participants),
            "enrolments": len(d.enrolments),
            "attendances": len(d.attendances),
            "offerings": len(d.offerings),
            "sessions": len(d.sessions),
            "plans": len(d.plans),
            "steps": sum(len(g.steps) for p in d.plans for g in p.goals),
        }


def rejects_csv(problems: tuple[ImportProblem, ...], lang: str = "de") -> str:
    """The refused rows as CSV text (``;``, for German Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(REJECTS_HEADER)
    for p in problems:
        message = p.message_en if lang == "en" else p.message
        writer.writerow([p.file, p.sheet or "", p.row or "", p.column or "", message])
    return out.getvalue()


def write_rejects(
    result: ImportResult, path: str | Path, *, overwrite: bool = False, lang: str = "de"
) -> Path:
    """Write the problems of ``result`` to a CSV file for correction, atomically.

    One line per problem: file, sheet, row, column (as staff see them) and what was expected.
    The file holds no cell contents from the sheet besides those quoted in a message, and
    never a name, customer number, birth date or pseudonym: staff find the row in their own
    sheet by its number. Written UTF-8 with BOM, so Excel opens it with its umlauts.
    """
    text = "\ufeff" + rejects_csv(result.problems, lang)
    return write_atomic(path, text.encode("utf-8"), overwrite=overwrite)
