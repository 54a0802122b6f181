"""The report document: :class:`AnnualReport`, its sections and its JSON-ready form.

An :class:`AnnualReport` is what the exporters receive; it holds only protected figures
(see ``_protection``). ``to_document`` turns it into plain data for JSON, and ``report_date``
gives the first and last day of the reporting year (for the FHIR exporter).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from attrs import field, frozen

from ..exceptions import InvalidFieldError
from ..model import Language, Site
from ..model import _validators as v
from ._tables import Chart, ReportSection, ReportTable, Value, _t

__all__ = ["AnnualReport", "json_value", "report_date"]


@frozen
class AnnualReport:
    """The annual report of one site for one year, with protected figures only.

    Build it with :func:`annual_report` (or :func:`build_report` from an aggregate). The
    exporters of the formats ``csv``, ``xlsx``, ``html``, ``json`` and ``fhir`` accept it.
    """

    site_id: str
    site_name: str
    year: int
    lang: Language
    min_count: int
    method: str
    sections: tuple[ReportSection, ...] = field(converter=v.to_tuple)
    notes: tuple[str, ...] = field(default=(), converter=v.to_tuple)
    site: Site | None = field(default=None, eq=False, repr=False)
    source: str | None = None

    @property
    def title(self) -> str:
        """The report's title, such as ``Jahresbericht 2024 – Jobcenter Musterstadt``."""
        word = _t(self.lang, "Jahresbericht", "Annual report")
        return f"{word} {self.year} – {self.site_name}"

    def protection(self) -> str:
        """How small counts are protected, for people to read (in the report's language)."""
        kind, _, number = self.method.rpartition(" ")
        if kind.startswith("suppression"):
            return _t(
                self.lang,
                f"Fallzahlen unter {number} gesperrt (.)",
                f"counts below {number} suppressed (.)",
            )
        return _t(
            self.lang, f"Fallzahlen auf Vielfache von {number} gerundet",
            f"counts rounded to multiples of {number}",
        )  # fmt: skip

    def tables(self) -> tuple[ReportTable, ...]:
        """Every table of the report, in order."""
        return tuple(t for s in self.sections for t in s.tables)

    def charts(self) -> tuple[Chart, ...]:
        """Every chart of the report, in order."""
        return tuple(c for s in self.sections for c in s.charts)

    def table(self, table_id: str) -> ReportTable:
        """The table ``table_id`` (such as ``"reach"``)."""
        for table in self.tables():
            if table.id == table_id:
                return table
        known = ", ".join(t.id for t in self.tables())
        raise InvalidFieldError("AnnualReport", "table", f"one of: {known}", table_id)

    def to_document(self) -> dict[str, Any]:
        """The report as JSON-ready data: counts as numbers, ``"."`` where suppressed,
        ``null`` where there is no figure, per cent and points rounded to 4 decimals."""
        return {
            "type": "annual_report",
            "site_id": self.site_id,
            "site_name": self.site_name,
            "year": self.year,
            "lang": self.lang,
            "title": self.title,
            "min_count": self.min_count,
            "method": self.method,
            "source": self.source,
            "notes": list(self.notes),
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "intro": s.intro,
                    "tables": [_table_document(t) for t in s.tables],
                    "charts": [
                        {
                            "id": c.id,
                            "title": c.title,
                            "kind": c.kind,
                            "labels": list(c.labels),
                            "values": [json_value(v) for v in c.values],
                        }
                        for c in s.charts
                    ],
                }
                for s in self.sections
            ],
        }


def json_value(value: Value) -> int | float | str | None:
    """A figure for JSON: counts stay whole, fractions become floats rounded to 4 places."""
    if isinstance(value, Fraction | float):
        return round(float(value), 4)
    return value


def _table_document(table: ReportTable) -> dict[str, Any]:
    return {
        "id": table.id,
        "title": table.title,
        "stub": table.stub,
        "note": table.note,
        "columns": [{"heading": c.heading, "kind": c.kind} for c in table.columns],
        "rows": [
            {"label": r.label, "kind": r.kind, "cells": [json_value(v) for v in r.cells]}
            for r in table.rows
        ],
    }


def report_date(year: int) -> tuple[date, date]:
    """The first and last day of the reporting year."""
    return date(year, 1, 1), date(year, 12, 31)
