"""Spreadsheet import for ABCaktiv: the provider's layout and synthetic sample sheets.

The layout (``import_data/abcaktiv.toml``) maps the course provider's participant list and
attendance workbook. The sample sheets in ``import_data/`` are synthetic: made from the
library's demo cohort (:data:`SAMPLE_SEED`, :data:`SAMPLE_PARTICIPANTS`) with made-up names
and customer numbers. Regenerate them with ``python -m ag_site_gelsenkirchen.imports``.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path
from typing import Final

from arbeit_gesundheit import Dataset
from arbeit_gesundheit.importers import Layout, loads_layout, write_sample_workbook
from arbeit_gesundheit.synthetic import generate_cohort

from .catalogue import MODULES, SITE, SITE_ID

__all__ = [
    "ATTENDANCE_SAMPLE",
    "LAYOUTS",
    "PARTICIPANTS_SAMPLE",
    "SAMPLE_PARTICIPANTS",
    "SAMPLE_SEED",
    "layout",
    "sample_dataset",
    "sample_path",
    "write_samples",
]

SAMPLE_SEED: Final = 2024
SAMPLE_PARTICIPANTS: Final = 40
PARTICIPANTS_SAMPLE: Final = "Teilnehmende_ABCaktiv_2024.xlsx"
ATTENDANCE_SAMPLE: Final = "Anwesenheit_ABCaktiv_2024.xlsx"
_DATA = files(__package__).joinpath("import_data")


def layout() -> Layout:
    """The ``abcaktiv`` layout."""
    return loads_layout(
        _DATA.joinpath("abcaktiv.toml").read_text(encoding="utf-8"), source="abcaktiv.toml"
    )


LAYOUTS: Final = (layout(),)


def sample_path(name: str) -> Path:
    """The path of a shipped sample sheet."""
    return Path(str(_DATA.joinpath(name)))


def sample_dataset() -> Dataset:
    """The synthetic demo data the sample sheets were made from."""
    return generate_cohort(
        seed=SAMPLE_SEED, participants=SAMPLE_PARTICIPANTS, site=SITE, modules=MODULES, year=2024
    )


def write_samples(directory: str | Path) -> list[Path]:
    """Write the two sample workbooks into ``directory`` (replacing them)."""
    data, target = sample_dataset(), Path(directory)
    return [
        write_sample_workbook(data, LAYOUTS[0], "participants", target / PARTICIPANTS_SAMPLE,
                              site_id=SITE_ID, overwrite=True),
        write_sample_workbook(data, LAYOUTS[0], "attendance", target / ATTENDANCE_SAMPLE, site_id=SITE_ID,
                              title="Anwesenheitsliste ABCaktiv (synthetische Beispieldaten)", overwrite=True),
    ]  # fmt: skip


if __name__ == "__main__":  # pragma: no cover
    for written in write_samples(sys.argv[1] if len(sys.argv) > 1 else sample_path(".")):
        print(written)
