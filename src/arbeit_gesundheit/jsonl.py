"""JSON Lines data files: one record per line, each with a ``"type"`` key.

A data file in JSON Lines holds the same records as a :class:`Dataset` document, one per line,
so national-size files can be written and read as a stream. The first line may be a header
``{"type": "dataset", "format_version": 1, "layout": "by_participant"}``. With the
``by_participant`` layout, every shared record (sites, partners, catalogue, sessions, events,
reviews …) comes before the first participant, and each participant line is followed by that
participant's own records up to the next participant line; readers may then split the file at
participant lines and process the parts in parallel.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from . import converter
from .exceptions import ArbeitGesundheitError, DocumentError, Problem
from .files import write_atomic
from .model import (
    FORMAT_VERSION,
    ActivityPlan,
    AnnualReview,
    Assessment,
    Attendance,
    Coach,
    CooperationAgreement,
    Dataset,
    Enrolment,
    Event,
    Module,
    NeedsAssessment,
    Offering,
    Outcome,
    Participant,
    Partner,
    Referral,
    Session,
    Site,
)

__all__ = [
    "BY_PARTICIPANT",
    "HEADER_TYPE",
    "PERSON_TYPES",
    "RECORD_TYPES",
    "SHARED_TYPES",
    "check_data_file",
    "dataset_records",
    "is_jsonl",
    "iter_lines",
    "load_jsonl",
    "read_data_file",
    "read_jsonl",
    "write_jsonl",
]

#: ``type`` of the optional header line.
HEADER_TYPE = "dataset"
#: Layout name of files whose participants' records follow their participant line.
BY_PARTICIPANT = "by_participant"

#: Record type -> (Dataset field, model class), in the order records are written.
RECORD_TYPES: dict[str, tuple[str, type]] = {
    "site": ("sites", Site),
    "partner": ("partners", Partner),
    "agreement": ("agreements", CooperationAgreement),
    "coach": ("coaches", Coach),
    "module": ("modules", Module),
    "offering": ("offerings", Offering),
    "session": ("sessions", Session),
    "event": ("events", Event),
    "review": ("reviews", AnnualReview),
    "participant": ("participants", Participant),
    "needs_assessment": ("needs_assessments", NeedsAssessment),
    "plan": ("plans", ActivityPlan),
    "referral": ("referrals", Referral),
    "enrolment": ("enrolments", Enrolment),
    "attendance": ("attendances", Attendance),
    "assessment": ("assessments", Assessment),
    "outcome": ("outcomes", Outcome),
}

#: Record types shared by all participants (written before the first participant).
SHARED_TYPES = frozenset(
    {"site", "partner", "agreement", "coach", "module", "offering", "session", "event", "review"}
)
#: Record types that belong to one participant.
PERSON_TYPES = frozenset(RECORD_TYPES) - SHARED_TYPES

_FIELD_TO_TYPE = {field: kind for kind, (field, _cls) in RECORD_TYPES.items()}


def _line_error(lineno: int, message: str) -> DocumentError:
    return DocumentError("JSON Lines file", [Problem(f"line {lineno}", message)])


def _structure_record(lineno: int, record: object) -> object:
    """Turn one parsed line into its model, or raise DocumentError naming the line."""
    if type(record) is not dict:
        raise _line_error(lineno, "expected a JSON object")
    kind = record.get("type")
    entry = RECORD_TYPES.get(kind) if type(kind) is str else None
    if entry is None:
        known = ", ".join(sorted(RECORD_TYPES))
        raise DocumentError(
            "JSON Lines file",
            [
                Problem(
                    f"line {lineno} $.type",
                    f"unknown record type {kind!r}; expected one of {known}",
                )
            ],
        )
    data = dict(record)
    del data["type"]
    try:
        return converter.structure(data, entry[1])
    except DocumentError as exc:
        raise DocumentError(
            "JSON Lines file",
            [Problem(f"line {lineno} {p.path}", p.message) for p in exc.problems],
        ) from exc


def _check_header(lineno: int, record: dict[str, Any]) -> None:
    version = record.get("format_version", FORMAT_VERSION)
    if type(version) is not int or not 1 <= version <= FORMAT_VERSION:
        raise _line_error(
            lineno, f"format_version {version!r} is not supported (1 to {FORMAT_VERSION})"
        )


def iter_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Parsed lines of a JSON Lines file with their line numbers (1-based); blank lines skipped.

    Only JSON syntax is checked here; records are plain dicts.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        raise DocumentError("JSON Lines file", [Problem(str(path), str(exc))]) from exc
    loads = orjson.loads
    try:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = loads(line)
            except orjson.JSONDecodeError as exc:
                raise _line_error(lineno, f"not valid JSON: {exc}") from exc
            if type(record) is not dict:
                raise _line_error(lineno, "expected a JSON object")
            yield lineno, record
    finally:
        handle.close()


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[object]:
    """The records of a JSON Lines data file as models, one at a time.

    The header line, if any, is checked and not yielded. Any problem raises
    :class:`~arbeit_gesundheit.exceptions.DocumentError` with the line number.
    """
    for lineno, record in iter_lines(path):
        if record.get("type") == HEADER_TYPE:
            _check_header(lineno, record)
            continue
        yield _structure_record(lineno, record)


def load_jsonl(path: str | os.PathLike[str]) -> Dataset:
    """Read a whole JSON Lines data file into a :class:`Dataset`."""
    fields: dict[str, list[object]] = {name: [] for name, _cls in RECORD_TYPES.values()}
    type_of = {cls: name for name, cls in RECORD_TYPES.values()}
    for model in read_jsonl(path):
        fields[type_of[type(model)]].append(model)
    return Dataset(**{name: tuple(items) for name, items in fields.items()})  # type: ignore[arg-type]


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


def _open_regular(path: str | os.PathLike[str], what: str) -> BinaryIO:
    """Open a data file for reading; anything but a regular file (a FIFO, a directory, a
    device) is refused instead of blocking or failing late."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise DocumentError(what, [Problem(os.fspath(path), "not a regular file")])
        return open(path, "rb")
    except OSError as exc:
        raise DocumentError(what, [Problem(os.fspath(path), exc.strerror or str(exc))]) from exc


def _all_problems_jsonl(path: str | os.PathLike[str]) -> tuple[Dataset | None, list[Problem]]:
    problems: list[Problem] = []
    fields: dict[str, list[object]] = {name: [] for name, _cls in RECORD_TYPES.values()}
    type_of = {cls: name for name, cls in RECORD_TYPES.values()}
    lines = 0
    with _open_regular(path, "JSON Lines file") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            lines += 1
            try:
                record: Any = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                problems.append(Problem(f"line {lineno}", f"not valid JSON: {exc}"))
                continue
            try:
                if type(record) is dict and record.get("type") == HEADER_TYPE:
                    if lines != 1:
                        raise _line_error(lineno, "the dataset header must be the first line")
                    _check_header(lineno, record)
                    continue
                model = _structure_record(lineno, record)
            except DocumentError as exc:  # the same checks and texts as read_jsonl's
                problems.extend(exc.problems)
                continue
            fields[type_of[type(model)]].append(model)
    if lines == 0:
        problems.append(Problem(os.fspath(path), "empty file: no records"))
    if problems:
        return None, problems
    try:
        return Dataset(**{name: tuple(items) for name, items in fields.items()}), []  # type: ignore[arg-type]
    except ArbeitGesundheitError as exc:
        return None, [Problem("$", str(exc))]


def check_data_file(path: str | os.PathLike[str]) -> tuple[str, Dataset | None, list[Problem]]:
    """Read a JSON or JSON Lines data file and collect every problem, each with its place.

    Returns the file's kind (``"JSON"`` or ``"JSON Lines"``), the dataset (None when there are
    problems) and the problems (``$.participants[3].benefit`` or ``line 12 $.status``). The
    one check behind :func:`read_data_file`, the command line's ``validate`` and the store's
    import, so they always agree.
    """
    if is_jsonl(path):
        try:
            dataset, problems = _all_problems_jsonl(path)
        except DocumentError as exc:
            return "JSON Lines", None, list(exc.problems)
        return "JSON Lines", dataset, problems
    try:
        with _open_regular(path, "data file") as handle:
            content = handle.read()
    except DocumentError as exc:
        return "JSON", None, list(exc.problems)
    try:
        return "JSON", converter.loads(content, Dataset), []
    except DocumentError as exc:
        return "JSON", None, list(exc.problems)


def read_data_file(path: str | os.PathLike[str]) -> Dataset:
    """A JSON or JSON Lines data file as a :class:`Dataset`; any problem raises one
    :class:`~arbeit_gesundheit.exceptions.DocumentError` listing every problem with its place."""
    _kind, dataset, problems = check_data_file(path)
    if dataset is None:
        raise DocumentError(f"data file {os.fspath(path)}", problems)
    return dataset


def dataset_records(dataset: Dataset) -> Iterator[dict[str, Any]]:
    """A dataset's records as JSON-ready dicts with ``"type"``, in the by-participant layout.

    The header comes first, then the shared records, then each participant followed by their
    own records (records of unknown participants come last).
    """
    if not isinstance(dataset, Dataset):
        raise DocumentError(
            "JSON Lines file", [Problem("$", f"expected a Dataset, got {type(dataset).__name__}")]
        )
    unstructure = converter.unstructure
    yield {"type": HEADER_TYPE, "format_version": dataset.format_version, "layout": BY_PARTICIPANT}
    for kind in RECORD_TYPES:
        if kind in SHARED_TYPES:
            for model in getattr(dataset, RECORD_TYPES[kind][0]):
                yield {"type": kind, **unstructure(model)}
    enrolment_owner = {e.id: e.participant for e in dataset.enrolments}
    blocks: dict[str, list[tuple[str, Any]]] = {p.pseudonym: [] for p in dataset.participants}
    orphans: list[tuple[str, Any]] = []
    for kind in RECORD_TYPES:
        if kind in SHARED_TYPES or kind == "participant":
            continue
        for model in getattr(dataset, RECORD_TYPES[kind][0]):
            owner = (
                enrolment_owner.get(model.enrolment_id)
                if kind == "attendance"
                else model.participant
            )
            target = blocks.get(owner, orphans) if owner is not None else orphans
            target.append((kind, model))
    for participant in dataset.participants:
        yield {"type": "participant", **unstructure(participant)}
        for kind, model in blocks[participant.pseudonym]:
            yield {"type": kind, **unstructure(model)}
    for kind, model in orphans:
        yield {"type": kind, **unstructure(model)}


def _writer(records: Iterable[dict[str, Any]]) -> Callable[[BinaryIO], None]:
    def write(handle: BinaryIO) -> None:
        dumps = orjson.dumps
        option = orjson.OPT_APPEND_NEWLINE
        buffer: list[bytes] = []
        for record in records:
            buffer.append(dumps(record, option=option))
            if len(buffer) >= 4096:
                handle.write(b"".join(buffer))
                buffer.clear()
        handle.write(b"".join(buffer))

    return write


def write_jsonl(
    source: Dataset | Iterable[dict[str, Any]],
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
) -> Path:
    """Write a dataset (or JSON-ready records with ``"type"``) as a JSON Lines file.

    Written atomically (never a half-written file); an existing file is replaced only with
    ``overwrite=True``. Returns the path.
    """
    records = dataset_records(source) if isinstance(source, Dataset) else source
    return write_atomic(path, _writer(records), overwrite=overwrite)
