"""The audit log (Protokoll): who did what to which record, when, and which fields changed.

One row per record written or erased, appended in the same transaction as the change. A row
names the actor (a staff identifier the site system gives, never a name), the operation, the
record kind and key (an identifier or pseudonym) and the *names* of the fields that changed,
never their values. The database refuses UPDATE and DELETE on the log (triggers on SQLite
and PostgreSQL), and the store's API has no way to ask for either.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import sqlalchemy as sa
from attrs import field, frozen

from ..exceptions import InvalidFieldError
from ._bulk import executemany
from ._schema import audit_log

__all__ = [
    "OPERATIONS",
    "AuditEntry",
    "AuditWriter",
    "check_actor",
    "read_audit",
]

#: Operations the log records.
OPERATIONS = frozenset(
    {
        "add",
        "update",
        "import",
        "enrol",
        "transition",
        "attendance",
        "withdraw_consent",
        "close_step",
        "decision",
        "retention_rule",
        "erase_health",
        "erase_person",
    }
)
# A staff identifier: letters, digits and ._:- (like the model's identifiers), no spaces.
_ACTOR = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_dumps = orjson.dumps
_COLUMNS = ("id", "at", "actor", "operation", "kind", "ref", "fields", "detail")


def check_actor(actor: object) -> str:
    """``actor`` if it is a staff identifier (``"sb-4711"``), else :class:`InvalidFieldError`.

    Free text (a name with a space, an e-mail address) is refused: the log must not become a
    register of staff names.
    """
    if type(actor) is not str or _ACTOR.fullmatch(actor) is None:
        raise InvalidFieldError(
            "audit",
            "actor",
            "a staff identifier (letters, digits and . _ : -, no spaces, at most 64)",
            actor,
        )
    return actor


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@frozen
class AuditEntry:
    """One row of the audit log, as :meth:`Store.audit` gives it back."""

    id: int
    at: datetime
    actor: str
    operation: str
    kind: str | None = None
    ref: str | None = None
    fields: tuple[str, ...] = field(default=(), converter=_names)
    detail: dict[str, Any] | None = field(default=None, eq=True, hash=False)


@functools.lru_cache(maxsize=1024)
def _field_names(fields: tuple[str, ...]) -> str:
    """The JSON list of changed field names (sorted); an import repeats a few lists often."""
    return _dumps(sorted(fields)).decode()


class AuditWriter:
    """Collects the rows of one transaction and appends them in one statement."""

    def __init__(self, connection: sa.Connection, at: int, actor: str) -> None:
        self._connection = connection
        self._at = at
        self._actor = check_actor(actor)
        self._rows: list[tuple[Any, ...]] = []

    @property
    def actor(self) -> str:
        return self._actor

    def add(
        self,
        operation: str,
        kind: str | None,
        ref: str | None,
        fields: Sequence[str] = (),
        detail: dict[str, Any] | None = None,
    ) -> None:
        assert operation in OPERATIONS, operation
        self._rows.append(
            (
                self._at,
                self._actor,
                operation,
                kind,
                ref,
                _field_names(tuple(fields)) if fields else None,
                _dumps(detail).decode() if detail is not None else None,
            )
        )

    def __len__(self) -> int:
        return len(self._rows)

    def flush(self) -> None:
        if not self._rows:
            return
        start = self._connection.execute(
            sa.select(sa.func.coalesce(sa.func.max(audit_log.c.id), 0))
        ).scalar_one()
        rows = [(start + offset, *row) for offset, row in enumerate(self._rows, start=1)]
        executemany(
            self._connection, "audit_log", _COLUMNS, rows, json_columns={"fields", "detail"}
        )
        self._rows = []


def _moment(at: int) -> datetime:
    return _EPOCH + timedelta(microseconds=at)


def read_audit(
    connection: sa.Connection,
    *,
    ref: str | None = None,
    actor: str | None = None,
    operation: str | None = None,
    since: datetime | None = None,
) -> tuple[AuditEntry, ...]:
    """Rows of the log, oldest first, optionally for one record, actor, operation or since a
    moment."""
    query = sa.select(audit_log).order_by(audit_log.c.id)
    if ref is not None:
        query = query.where(audit_log.c.ref == ref)
    if actor is not None:
        query = query.where(audit_log.c.actor == actor)
    if operation is not None:
        query = query.where(audit_log.c.operation == operation)
    if since is not None:
        query = query.where(audit_log.c.at >= (since - _EPOCH) // timedelta(microseconds=1))
    return tuple(
        AuditEntry(
            id=row.id,
            at=_moment(row.at),
            actor=row.actor,
            operation=row.operation,
            kind=row.kind,
            ref=row.ref,
            fields=tuple(row.fields or ()),
            detail=row.detail,
        )
        for row in connection.execute(query)
    )
