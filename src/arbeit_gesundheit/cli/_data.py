"""Data handling for the command line: reading and validating data files, demo cohorts.

Imported by the commands when they run (never at start-up), so ``--help`` stays fast.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Any

import orjson

from .. import converter
from ..exceptions import DocumentError, Problem
from ..jsonl import HEADER_TYPE, RECORD_TYPES, load_jsonl
from ..model import Dataset
from ..plugins.registry import SiteBundle

__all__ = [
    "DEFAULT_DEMO_PARTICIPANTS",
    "demo_seed",
    "demo_size",
    "is_jsonl",
    "load_dataset",
    "validate_file",
]

#: Size of a site's demo cohort when its plugin does not declare one.
DEFAULT_DEMO_PARTICIPANTS = 500
#: Module-level attribute a site plugin may set to declare its demo cohort size.

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")


def is_jsonl(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a JSON Lines file (by its suffix, else by its first line)."""
    name = os.fspath(path).lower()
    if name.endswith(_JSONL_SUFFIXES):
        return True
    if name.endswith(".json"):
        return False
    try:
        with open(path, "rb") as handle:
            first = handle.readline()
    except OSError:
        return False
    try:
        record = orjson.loads(first)
    except orjson.JSONDecodeError:
        return False
    return type(record) is dict and "type" in record


def load_dataset(path: str | os.PathLike[str]) -> Dataset:
    """Read a data file (JSON or JSON Lines) into a :class:`Dataset`."""
    if is_jsonl(path):
        return load_jsonl(path)
    try:
        content = Path(path).read_bytes()
    except OSError as exc:
        raise DocumentError(
            "data file", [Problem(os.fspath(path), exc.strerror or str(exc))]
        ) from exc
    return converter.loads(content, Dataset)


def _jsonl_problems(path: str | os.PathLike[str]) -> list[Problem]:
    problems: list[Problem] = []
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        return [Problem(os.fspath(path), exc.strerror or str(exc))]
    with handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"line {lineno}"
            try:
                record: Any = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                problems.append(Problem(where, f"not valid JSON: {exc}"))
                continue
            if type(record) is not dict:
                problems.append(Problem(where, "expected a JSON object"))
                continue
            kind = record.get("type")
            if kind == HEADER_TYPE:
                continue
            entry = RECORD_TYPES.get(kind) if type(kind) is str else None
            if entry is None:
                known = ", ".join(sorted(RECORD_TYPES))
                problems.append(
                    Problem(
                        f"{where} $.type", f"unknown record type {kind!r}; expected one of {known}"
                    )
                )
                continue
            data = {k: v for k, v in record.items() if k != "type"}
            try:
                converter.structure(data, entry[1])
            except DocumentError as exc:
                problems.extend(Problem(f"{where} {p.path}", p.message) for p in exc.problems)
    return problems


def validate_file(path: str | os.PathLike[str]) -> tuple[str, list[Problem]]:
    """Check a data file; returns its kind (``"JSON"`` or ``"JSON Lines"``) and every
    problem found, each with its path (``$.participants[3].benefit`` or
    ``line 12 $.status``)."""
    if is_jsonl(path):
        return "JSON Lines", _jsonl_problems(path)
    try:
        content = Path(path).read_bytes()
    except OSError as exc:
        return "JSON", [Problem(os.fspath(path), exc.strerror or str(exc))]
    try:
        converter.loads(content, Dataset)
    except DocumentError as exc:
        return "JSON", list(exc.problems)
    return "JSON", []


def demo_size(bundle: SiteBundle) -> int:
    """The demo cohort size: the site's ``typical_participants``, else
    :data:`DEFAULT_DEMO_PARTICIPANTS`."""
    return bundle.site.typical_participants or DEFAULT_DEMO_PARTICIPANTS


def demo_seed(site_id: str, year: int) -> int:
    """A fixed seed per site and year, so the demo report is the same every time."""
    return zlib.crc32(f"{site_id}/{year}".encode())
