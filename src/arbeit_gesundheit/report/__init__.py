"""The annual report (Jahresbericht) of a site, with small counts protected.

:func:`annual_report` turns a site's data into an :class:`AnnualReport`: sections with
presentation tables (:class:`ReportTable`: title, columns of a kind — count, per cent,
points or text — and rows of figures) and bar charts (:class:`Chart`). Every count is
protected (suppressed below ``min_count`` or rounded) before the report exists, so the
exporters (``html``, ``xlsx``, ``csv``, ``json``, ``fhir`` and plugins' formats) only see
protected figures::

    from arbeit_gesundheit.plugins import registry
    from arbeit_gesundheit.report import annual_report

    site = registry.site("gelsenkirchen")
    report = annual_report("data.jsonl", site=site.site, year=2024,
                           modules=site.modules, partners=site.partners)
    html = registry.exporter("html").export(report, ExportOptions())

The annual review (Entscheider-Treffen, Bilanz): targets per metric against actual figures.

:func:`evaluate_review` takes an :class:`~arbeit_gesundheit.AnnualReview` and a
:class:`~arbeit_gesundheit.metrics.MetricsAggregate` and says for each target whether it was
met (in the metric's direction: for the dropout rate lower is better), adds notes on
successes and needs, and proposes next year's targets.
"""

from __future__ import annotations

from ._annual_report import REPORT_DIMENSIONS, annual_report, build_report, report_breakdowns
from ._document import AnnualReport
from ._format import NO_FIGURE, format_cell
from ._review import ReviewReport, ReviewResult, evaluate_review, propose_next_target
from ._tables import Chart, Column, ColumnKind, ReportSection, ReportTable, Row, RowKind, Value

__all__ = [
    "NO_FIGURE",
    "REPORT_DIMENSIONS",
    "AnnualReport",
    "Chart",
    "Column",
    "ColumnKind",
    "ReportSection",
    "ReportTable",
    "ReviewReport",
    "ReviewResult",
    "Row",
    "RowKind",
    "Value",
    "annual_report",
    "build_report",
    "evaluate_review",
    "format_cell",
    "propose_next_target",
    "report_breakdowns",
]
