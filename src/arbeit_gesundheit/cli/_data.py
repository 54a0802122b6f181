"""Data handling for the command line: reading and validating data files, demo cohorts.

Imported by the commands when they run (never at start-up), so ``--help`` stays fast.
"""

from __future__ import annotations

import os
import zlib
from datetime import date

from ..exceptions import Problem
from ..jsonl import check_data_file, is_jsonl, read_data_file
from ..model import Dataset
from ..plugins import SiteBundle

__all__ = [
    "DEFAULT_DEMO_PARTICIPANTS",
    "demo_seed",
    "demo_size",
    "is_jsonl",
    "load_dataset",
    "load_store_dataset",
    "validate_file",
]

#: Size of a site's demo cohort when its plugin does not declare one.
DEFAULT_DEMO_PARTICIPANTS = 500
#: Module-level attribute a site plugin may set to declare its demo cohort size.


def load_dataset(path: str | os.PathLike[str]) -> Dataset:
    """Read a data file (JSON or JSON Lines) into a :class:`Dataset`, every problem named."""
    return read_data_file(path)


def validate_file(path: str | os.PathLike[str]) -> tuple[str, list[Problem]]:
    """Check a data file; returns its kind (``"JSON"`` or ``"JSON Lines"``) and every
    problem found, each with its path (``$.participants[3].benefit`` or
    ``line 12 $.status``)."""
    kind, _dataset, problems = check_data_file(path)
    return kind, problems


def demo_size(bundle: SiteBundle) -> int:
    """The demo cohort size: the site's ``typical_participants``, else
    :data:`DEFAULT_DEMO_PARTICIPANTS`."""
    return bundle.site.typical_participants or DEFAULT_DEMO_PARTICIPANTS


def demo_seed(site_id: str, year: int) -> int:
    """A fixed seed per site and year, so the demo report is the same every time."""
    return zlib.crc32(f"{site_id}/{year}".encode())


def load_store_dataset(store: str, *, known_on: date | None = None) -> Dataset:
    """The records of a site store (as known at the end of ``known_on``) as a :class:`Dataset`."""
    from ..store import open_store  # noqa: PLC0415 - the store extra is optional

    with open_store(store) as opened:
        return opened.dataset(known_on=known_on)
