"""Spreadsheet import for the Regionales Präventionszentrum: the coaches' plan-step list.

The layout (``import_data/aktivitaetsplan.toml``) maps one row per agreed step. The sample
sheet in ``import_data/`` is synthetic: made from the library's demo cohort with made-up
names and customer numbers, the demo's coach ids replaced by the site's Health Care Coaches.
Regenerate it with ``python -m ag_site_viersen.imports``.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path
from typing import Final

import attrs

from arbeit_gesundheit import Dataset
from arbeit_gesundheit.importers import Layout, loads_layout, write_sample_workbook
from arbeit_gesundheit.synthetic import generate_cohort

from .catalogue import COACHES, MODULES, SITE, SITE_ID

__all__ = [
    "LAYOUTS",
    "PLAN_SAMPLE",
    "SAMPLE_PARTICIPANTS",
    "SAMPLE_SEED",
    "layout",
    "sample_dataset",
    "sample_path",
    "write_samples",
]

SAMPLE_SEED: Final = 2024
SAMPLE_PARTICIPANTS: Final = 40
PLAN_SAMPLE: Final = "Aktivitaetsplaene_RPZ_2024.xlsx"
_DATA = files(__package__).joinpath("import_data")


def layout() -> Layout:
    """The ``aktivitaetsplan`` layout."""
    text = _DATA.joinpath("aktivitaetsplan.toml").read_text(encoding="utf-8")
    return loads_layout(text, source="aktivitaetsplan.toml")


LAYOUTS: Final = (layout(),)


def sample_path(name: str) -> Path:
    """The path of a shipped sample sheet."""
    return Path(str(_DATA.joinpath(name)))


def sample_dataset() -> Dataset:
    """The synthetic demo data the sample sheet was made from (coaches mapped to the site's)."""
    data = generate_cohort(
        seed=SAMPLE_SEED, participants=SAMPLE_PARTICIPANTS, site=SITE, modules=MODULES, year=2024
    )
    coach_ids = sorted({p.coach_id for p in data.plans})
    mapping = {old: COACHES[n % len(COACHES)].id for n, old in enumerate(coach_ids)}
    plans = tuple(attrs.evolve(p, coach_id=mapping[p.coach_id], reviews=()) for p in data.plans)
    return attrs.evolve(data, plans=plans)


def write_samples(directory: str | Path) -> list[Path]:
    """Write the sample workbook into ``directory`` (replacing it)."""
    target = Path(directory) / PLAN_SAMPLE
    return [
        write_sample_workbook(
            sample_dataset(), LAYOUTS[0], "plan_steps", target, site_id=SITE_ID, overwrite=True
        )
    ]


if __name__ == "__main__":  # pragma: no cover
    for written in write_samples(sys.argv[1] if len(sys.argv) > 1 else sample_path(".")):
        print(written)
