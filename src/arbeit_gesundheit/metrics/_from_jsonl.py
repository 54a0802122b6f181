"""The JSON Lines fast path: :func:`aggregate_jsonl`, without building models.

Lines are read in blocks and fed to a :class:`~._collector._Collector` (attendance lines, most
of a file, inline). Files in the by-participant layout are split at participant lines and
aggregated in worker processes; the partial aggregates merge exactly. :func:`_worker` is
submitted to the process pool, so it stays a module-level function.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date

import orjson

from ..exceptions import DocumentError, MetricsError, Problem
from ..jsonl import BY_PARTICIPANT, HEADER_TYPE, _structure_record
from ._aggregate import MetricsAggregate, merge
from ._collector import _Collector
from ._counting import _breakdowns, _check_as_of, _check_year, _compute

__all__ = ["aggregate_jsonl"]

_BLOCK = 1 << 22
_PARTICIPANT_PREFIX = b'{"type":"participant"'
_PARALLEL_MIN_BYTES = 16 << 20


def _explain(path: str, start: int, local_line: int, line: bytes, exc: Exception) -> DocumentError:
    """Turn a failure on one line into a DocumentError with the line number and the path."""
    with open(path, "rb") as handle:
        before = handle.read(start).count(b"\n") if start else 0
    lineno = before + local_line
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError as err:
        return DocumentError(
            "JSON Lines file", [Problem(f"line {lineno}", f"not valid JSON: {err}")]
        )
    try:
        _structure_record(lineno, record)
    except DocumentError as err:
        return err
    message = f"{type(exc).__name__}: {exc}" if not isinstance(exc, MetricsError) else str(exc)
    return DocumentError("JSON Lines file", [Problem(f"line {lineno}", message)])


def _blocks(path: str, start: int, end: int | None) -> Iterator[bytes]:
    """The bytes in ``[start, end)`` in blocks of whole lines."""
    with open(path, "rb") as handle:
        handle.seek(start)
        pos = start
        while end is None or pos < end:
            size = _BLOCK if end is None else min(_BLOCK, end - pos)
            block = handle.read(size)
            if not block:
                return
            pos += len(block)
            if not block.endswith(b"\n") and (end is None or pos < end):
                rest = handle.readline()
                pos += len(rest)
                block += rest
            yield block


def _collect(path: str, start: int, end: int | None, collector: _Collector) -> None:
    """Feed the lines in ``[start, end)`` to the collector.

    Attendance lines (most of a file) are handled inline; everything else goes through
    :meth:`_Collector.add_raw`.
    """
    loads = orjson.loads
    add = collector.add_raw
    present = collector.present
    get = present.get
    local = 0
    line = b""
    try:
        for block in _blocks(path, start, end):
            lines = block.split(b"\n")
            if lines[-1] == b"":
                lines.pop()
            for line in lines:
                local += 1
                if not line or line.isspace():
                    continue
                r = loads(line)
                if r["type"] == "attendance":
                    status = r["status"]
                    eid = r["enrolment_id"]
                    if status == "present":
                        present[eid] = get(eid, 0) + 1
                    elif status != "absent" and status != "excused":  # noqa: PLR1714
                        raise ValueError(status)
                    if type(eid) is not str or type(r["session_number"]) is not int:
                        raise TypeError(eid)
                else:
                    add(r)
    except DocumentError:
        raise
    except Exception as exc:
        raise _explain(path, start, local, line, exc) from exc


def _collect_shared(path: str, collector: _Collector) -> int:
    """Feed the lines before the first participant to the collector; returns the byte
    offset of the first participant line (-1: there is none)."""
    loads = orjson.loads
    offset = 0
    local = 0
    line = b""
    try:
        with open(path, "rb") as handle:
            for line in handle:
                local += 1
                if line.startswith(_PARTICIPANT_PREFIX):
                    return offset
                if line.strip():
                    record = loads(line)
                    if record.get("type") == "participant":
                        return offset
                    collector.add_raw(record)
                offset += len(line)
    except DocumentError:
        raise
    except Exception as exc:
        raise _explain(path, 0, local, line, exc) from exc
    return -1


def _worker(  # noqa: PLR0917 - submitted to a process pool
    path: str,
    start: int,
    end: int | None,
    catalogue: dict[str, tuple[int, int, str, str, str, int]] | None,
    breakdowns: tuple[tuple[str, ...], ...],
    year: int | None,
    chunked: bool,
    as_of: date | None = None,
) -> MetricsAggregate:
    collector = _Collector()
    _collect(path, start, end, collector)
    if chunked and (collector.modules or collector.offerings or collector.session_counts):
        raise DocumentError(
            "JSON Lines file",
            [Problem(path, "catalogue records after the first participant, but the header "
                     f"declares the {BY_PARTICIPANT!r} layout")],
        )  # fmt: skip
    resolved = catalogue if catalogue is not None else collector.catalogue()
    try:
        return _compute(collector, resolved, breakdowns, year, as_of)
    except MetricsError as exc:
        if chunked:
            raise DocumentError(
                "JSON Lines file",
                [Problem(path, f"{exc} (records must follow their participant in the "
                         f"{BY_PARTICIPANT!r} layout)")],
            ) from exc  # fmt: skip
        raise


def _header_layout(path: str) -> str | None:
    with open(path, "rb") as handle:
        first = handle.readline()
    try:
        record = orjson.loads(first)
    except orjson.JSONDecodeError:
        return None
    if type(record) is dict and record.get("type") == HEADER_TYPE:
        layout = record.get("layout")
        return layout if type(layout) is str else None
    return None


def _boundaries(path: str, begin: int, size: int, parts: int) -> list[int]:
    """Byte offsets of participant lines splitting ``[begin, size)`` into about ``parts``."""
    cuts = [begin]
    with open(path, "rb") as handle:
        for k in range(1, parts):
            target = begin + (size - begin) * k // parts
            if target <= cuts[-1]:
                continue
            handle.seek(target)
            handle.readline()
            while True:
                pos = handle.tell()
                line = handle.readline()
                if not line:
                    pos = size
                    break
                if line.startswith(_PARTICIPANT_PREFIX):
                    break
                try:
                    if orjson.loads(line).get("type") == "participant":
                        break
                except (orjson.JSONDecodeError, AttributeError):
                    continue
            if pos < size and pos > cuts[-1]:
                cuts.append(pos)
    cuts.append(size)
    return cuts


def aggregate_jsonl(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    by: Sequence[str] | Sequence[Sequence[str]] | str = ("site",),
    workers: int | None = None,
    as_of: date | None = None,
) -> MetricsAggregate:
    """Compute the metrics straight from a JSON Lines data file, without building models.

    Only what the metrics read is checked (cheaply); a problem raises
    :class:`~arbeit_gesundheit.exceptions.DocumentError` with the line number. Files in the
    by-participant layout (as :func:`~arbeit_gesundheit.jsonl.write_jsonl` writes them) are
    split at participant lines and aggregated in ``workers`` processes (default: the number
    of CPUs; small files use one), and the partial aggregates are merged: the merge law
    makes this exact. ``as_of`` is the reference day of the consent rule, as for
    :func:`aggregate`.
    """
    breakdowns = _breakdowns(by)
    chosen = _check_year(year)
    reference = _check_as_of(as_of)
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
    except OSError as exc:
        raise DocumentError("JSON Lines file", [Problem(name, str(exc))]) from exc
    if workers is not None and (type(workers) is not int or workers < 1):
        raise MetricsError(f"workers: expected a whole number of at least 1, got {workers!r}")
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count == 1 or size < _PARALLEL_MIN_BYTES or _header_layout(name) != BY_PARTICIPANT:
        return _worker(name, 0, None, None, breakdowns, chosen, False, reference)
    shared = _Collector()
    begin = _collect_shared(name, shared)
    if begin < 0:  # no participants at all
        return _compute(shared, shared.catalogue(), breakdowns, chosen, reference)
    catalogue = shared.catalogue()
    events_only = _compute(shared, catalogue, breakdowns, chosen, reference)
    cuts = _boundaries(name, begin, size, count)
    with ProcessPoolExecutor(max_workers=min(count, len(cuts) - 1)) as pool:
        futures = [
            pool.submit(_worker, name, a, b, catalogue, breakdowns, chosen, True, reference)
            for a, b in itertools.pairwise(cuts)
        ]
        parts = [f.result() for f in futures]
    return merge(events_only, *parts)
