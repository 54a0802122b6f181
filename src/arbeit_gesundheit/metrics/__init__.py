"""Outcome metrics (Kennzahlen) that combine across sites without personal data.

:func:`aggregate` turns a :class:`~arbeit_gesundheit.Dataset` (or :func:`aggregate_jsonl` a
JSON Lines file) into a :class:`MetricsAggregate`: exact counts per year and breakdown cell.
Aggregates of cohorts that are disjoint by person merge exactly (``a + b``), so site figures
add up to regional and national ones. Rates are derived at the end; :func:`report_table`
lays a breakdown out as a table with small counts protected. Every figure counts only what
consent allows (the rule is in ``_consents``; :func:`countable` applies it to a dataset for
figures computed elsewhere).
"""

from __future__ import annotations

from ._aggregate import MetricsAggregate, merge
from ._cells import CellCounts
from ._countable import countable
from ._counting import aggregate
from ._definitions import (
    AGE_BANDS,
    DIMENSIONS,
    INTEGRATION_WINDOWS,
    METRICS,
    WELLBEING_GAIN_POINTS,
    Metric,
    age_band,
    dimension_label,
    metric,
    value_label,
)
from ._from_jsonl import aggregate_jsonl
from ._tables import REPORT_METRICS, MetricsTable, format_value, report_table

__all__ = [
    "AGE_BANDS",
    "DIMENSIONS",
    "INTEGRATION_WINDOWS",
    "METRICS",
    "REPORT_METRICS",
    "WELLBEING_GAIN_POINTS",
    "CellCounts",
    "Metric",
    "MetricsAggregate",
    "MetricsTable",
    "age_band",
    "aggregate",
    "aggregate_jsonl",
    "countable",
    "dimension_label",
    "format_value",
    "merge",
    "metric",
    "report_table",
    "value_label",
]
