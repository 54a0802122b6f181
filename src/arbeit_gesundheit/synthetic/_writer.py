"""A synthetic cohort written straight to a JSON Lines file, as it is generated.

The record stream of :func:`iter_cohort_records` goes to :func:`write_jsonl` one record at a
time, so national-size cohorts never sit in memory; the file is the same as writing the
:class:`Dataset` of :func:`generate_cohort`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..jsonl import write_jsonl
from ..model import Module, Site
from ._catalogue import DEFAULT_YEAR
from ._cohort import iter_cohort_records

__all__ = ["write_cohort_jsonl"]


def write_cohort_jsonl(
    path: str | os.PathLike[str],
    *,
    seed: int,
    participants: int,
    site: Site | None = None,
    sites: int = 1,
    modules: Sequence[Module] | None = None,
    year: int = DEFAULT_YEAR,
    enrolments_per_participant: float = 3.0,
    overwrite: bool = False,
) -> Path:
    """Write a synthetic cohort straight to a JSON Lines file, without holding it in memory.

    Gives the same file as ``write_jsonl(generate_cohort(...), path)``. Returns the path.
    """
    records = iter_cohort_records(
        seed=seed,
        participants=participants,
        site=site,
        sites=sites,
        modules=modules,
        year=year,
        enrolments_per_participant=enrolments_per_participant,
    )
    return write_jsonl(records, path, overwrite=overwrite)
