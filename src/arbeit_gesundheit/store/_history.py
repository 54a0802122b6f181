"""Versions in recording time: writing new versions and reading what was known on a day.

A write never overwrites: a changed record closes its current version (``recorded_to`` = the
transaction's time stamp) and appends a new one; an unchanged record (same digest) writes
nothing. Reading "as known on day D" takes, for every key, the version recorded before the end
of D (midnight after D in the store's time zone, :data:`STORE_TIMEZONE`) and not yet closed
then.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from attrs import frozen

from ._audit import AuditWriter
from ._bulk import executemany
from ._engine import microseconds
from ._records import EncodedRecord, join_document
from ._schema import health, records

__all__ = [
    "STORE_TIMEZONE",
    "Current",
    "WriteCounts",
    "current_versions",
    "end_of_day",
    "iter_documents",
    "write_versions",
]

#: Days (``known_on``) end at midnight in this time zone: the jobcenters' own.
STORE_TIMEZONE = ZoneInfo("Europe/Berlin")
_BATCH = 5_000
_RECORD_COLUMNS = (
    "version_id",
    "kind",
    "key",
    "pseudonym",
    "site_id",
    "parent",
    "day",
    "first_seq",
    "recorded_from",
    "digest",
    "document",
)


def end_of_day(day: date) -> int:
    """The store's time stamp of midnight after ``day`` (the end of ``day``)."""
    midnight = datetime.combine(day + timedelta(days=1), time(), tzinfo=STORE_TIMEZONE)
    return microseconds(midnight)


@frozen
class Current:
    """The current version of one key."""

    version_id: int
    first_seq: int
    digest: str


@frozen
class WriteCounts:
    """How many records of one kind were new, changed and unchanged."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0


def current_versions(
    connection: sa.Connection, kind: str, keys: Iterable[str] | None = None
) -> dict[str, Current]:
    """The current versions of ``kind`` (only those of ``keys`` if given)."""
    base = sa.select(
        records.c.key, records.c.version_id, records.c.first_seq, records.c.digest
    ).where(records.c.kind == kind, records.c.recorded_to.is_(None))
    found: dict[str, Current] = {}
    chunks: Iterable[Sequence[str] | None]
    if keys is None:
        chunks = [None]
    else:
        wanted = list(keys)
        chunks = [wanted[i : i + 500] for i in range(0, len(wanted), 500)]
    for chunk in chunks:
        query = base if chunk is None else base.where(records.c.key.in_(chunk))
        for row in connection.execute(query):
            found[row.key] = Current(row.version_id, row.first_seq, row.digest)
    return found


def _documents(connection: sa.Connection, version_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    query = (
        sa.select(records.c.version_id, records.c.document, health.c.document.label("health"))
        .select_from(records.outerjoin(health, health.c.version_id == records.c.version_id))
        .where(records.c.version_id.in_(version_ids))
    )
    return {
        row.version_id: join_document(row.document, row.health) for row in connection.execute(query)
    }


def _changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


_NEW = {"version": "new"}
_CHANGED = {"version": "changed"}


def _next_version(connection: sa.Connection) -> int:
    latest = connection.execute(
        sa.select(sa.func.coalesce(sa.func.max(records.c.version_id), 0))
    ).scalar_one()
    return int(latest) + 1


def write_versions(
    connection: sa.Connection,
    items: Sequence[EncodedRecord],
    *,
    at: int,
    audit: AuditWriter,
    operation: str,
    current: dict[tuple[str, str], Current] | None = None,
) -> dict[str, WriteCounts]:
    """Write ``items`` as new versions where they are new or changed, with one audit row each.

    ``current`` may give the current versions already looked up (by kind and key); else they
    are looked up here. Returns the counts per kind.
    """
    if current is None:
        current = {}
        by_kind: dict[str, list[str]] = {}
        for item in items:
            by_kind.setdefault(item.kind, []).append(item.key)
        for kind, keys in by_kind.items():
            for key, version in current_versions(connection, kind, keys).items():
                current[(kind, key)] = version
    counts: dict[str, list[int]] = {}
    new_rows: list[tuple[Any, ...]] = []
    health_rows: list[tuple[Any, ...]] = []
    closing: list[dict[str, Any]] = []
    changed: list[tuple[EncodedRecord, int]] = []
    next_id = _next_version(connection)
    sqlite = connection.dialect.name == "sqlite"
    for item in items:
        tally = counts.setdefault(item.kind, [0, 0, 0])
        existing = current.get((item.kind, item.key))
        if existing is not None and existing.digest == item.digest:
            tally[2] += 1
            continue
        version_id = next_id
        next_id += 1
        if existing is None:
            tally[0] += 1
            first_seq = version_id
            audit.add(operation, item.kind, item.key, tuple(item.document), _NEW)
        else:
            tally[1] += 1
            first_seq = existing.first_seq
            closing.append({"old_id": existing.version_id, "closed": at})
            changed.append((item, existing.version_id))
        current[(item.kind, item.key)] = Current(version_id, first_seq, item.digest)
        new_rows.append(
            (
                version_id,
                item.kind,
                item.key,
                item.pseudonym,
                item.site_id,
                item.parent,
                item.day.isoformat() if sqlite and item.day is not None else item.day,
                first_seq,
                at,
                item.digest,
                item.plain_text,
            )
        )
        health_text = item.health_text
        if health_text is not None:
            health_rows.append((version_id, health_text))
    if changed:
        old_documents: dict[int, dict[str, Any]] = {}
        old_ids = [old for _item, old in changed]
        for start in range(0, len(old_ids), 500):
            old_documents.update(_documents(connection, old_ids[start : start + 500]))
        for item, old_id in changed:
            fields = _changed_fields(old_documents.get(old_id, {}), item.document)
            audit.add(operation, item.kind, item.key, fields, _CHANGED)
    if closing:
        statement = (
            records.update()
            .where(records.c.version_id == sa.bindparam("old_id"))
            .values(recorded_to=sa.bindparam("closed"))
        )
        connection.execute(statement, closing)
    executemany(connection, "records", _RECORD_COLUMNS, new_rows, json_columns={"document"})
    executemany(
        connection, "health", ("version_id", "document"), health_rows, json_columns={"document"}
    )
    audit.flush()
    return {kind: WriteCounts(*tally) for kind, tally in counts.items()}


def iter_documents(
    connection: sa.Connection,
    *,
    at: int | None = None,
    kinds: Sequence[str] | None = None,
    pseudonyms: Sequence[str] | None = None,
) -> Iterator[tuple[str, str, str | None, dict[str, Any]]]:
    """(kind, key, pseudonym, document) of every version visible at ``at`` (None: now), in
    the order the records first arrived."""
    query = sa.select(
        records.c.kind,
        records.c.key,
        records.c.pseudonym,
        records.c.document,
        health.c.document.label("health"),
    ).select_from(records.outerjoin(health, health.c.version_id == records.c.version_id))
    if at is None:
        query = query.where(records.c.recorded_to.is_(None))
    else:
        query = query.where(
            records.c.recorded_from < at,
            sa.or_(records.c.recorded_to.is_(None), records.c.recorded_to >= at),
        )
    if kinds is not None:
        query = query.where(records.c.kind.in_(kinds))
    if pseudonyms is not None:
        query = query.where(records.c.pseudonym.in_(pseudonyms))
    query = query.order_by(records.c.first_seq)
    for row in connection.execute(query.execution_options(yield_per=_BATCH)):
        yield row.kind, row.key, row.pseudonym, join_document(row.document, row.health)
