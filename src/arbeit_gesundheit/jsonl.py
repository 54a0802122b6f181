"""JSON Lines data files (one record per line, each with a ``"type"`` key).

See :doc:`/topics/synthetic-data` for the format. :func:`write_jsonl` writes a
:class:`~arbeit_gesundheit.Dataset` in the by-participant layout, :func:`read_jsonl` streams
the records back as models and :func:`load_jsonl` reads a whole file into a dataset.
"""

from __future__ import annotations

from ._jsonl import (
    BY_PARTICIPANT,
    HEADER_TYPE,
    PERSON_TYPES,
    RECORD_TYPES,
    SHARED_TYPES,
    dataset_records,
    iter_lines,
    load_jsonl,
    read_jsonl,
    write_jsonl,
)

__all__ = [
    "BY_PARTICIPANT",
    "HEADER_TYPE",
    "PERSON_TYPES",
    "RECORD_TYPES",
    "SHARED_TYPES",
    "dataset_records",
    "iter_lines",
    "load_jsonl",
    "read_jsonl",
    "write_jsonl",
]
