"""Synthetic cohorts (synthetische Daten) for demos, examples, tests and benchmarks.

A seeded generator of plausible records: participants with restrictions and consents, a
catalogue of offers with partners, offerings and sessions, enrolments with status histories,
attendance, WHO-5 before and after, outcomes, needs assessments, activity plans and health
days. The same arguments always give the same data. Nothing here describes a real person.
"""

from __future__ import annotations

from ._catalogue import DEFAULT_YEAR, default_modules
from ._cohort import generate_cohort, iter_cohort_records
from ._writer import write_cohort_jsonl

__all__ = [
    "DEFAULT_YEAR",
    "default_modules",
    "generate_cohort",
    "iter_cohort_records",
    "write_cohort_jsonl",
]
