"""The hot path of the store: one attendance, one transaction, through the driver's cursor.

Recording attendance after every session is the most frequent write, so it skips SQLAlchemy's
statement building and runs six prepared statements on the driver's own cursor (the same
rows :func:`._history.write_versions` would write: a new version, the old one closed, one
audit row).
"""

from __future__ import annotations

from typing import Any

import orjson

from .. import converter
from ..exceptions import RecordNotFoundError
from ..model import Attendance
from ._bulk import placeholders
from ._records import encode, record_key
from ._transaction import Transaction

__all__ = ["record_attendance_fast"]

_SQL = {
    "owner": "SELECT pseudonym FROM records WHERE kind = 'enrolment' AND key = {m} "
    "AND recorded_to IS NULL",
    "current": "SELECT version_id, first_seq, digest FROM records WHERE kind = 'attendance' "
    "AND key = {m} AND recorded_to IS NULL",
    "next": "SELECT COALESCE(MAX(version_id), 0) + 1 FROM records",
    "close": "UPDATE records SET recorded_to = {m} WHERE version_id = {m}",
    "insert": "INSERT INTO records (version_id, kind, key, pseudonym, site_id, parent, day, "
    "first_seq, recorded_from, digest, document) VALUES ({m}, 'attendance', {m}, {m}, NULL, {m}, "
    "NULL, {m}, {m}, {m}, {j})",
    "audit": "INSERT INTO audit_log (id, at, actor, operation, kind, ref, fields, detail) "
    "SELECT COALESCE(MAX(id), 0) + 1, {m}, {m}, 'attendance', 'attendance', {m}, {j}, {j} "
    "FROM audit_log",
}
_CACHE: dict[str, dict[str, str]] = {}


def _statements(dialect: str, paramstyle: str) -> dict[str, str]:
    key = f"{dialect}:{paramstyle}"
    if key not in _CACHE:
        mark, json_mark = placeholders(dialect, paramstyle)
        _CACHE[key] = {name: sql.format(m=mark, j=json_mark) for name, sql in _SQL.items()}
    return _CACHE[key]


def record_attendance_fast(txn: Transaction, attendance: Attendance) -> None:
    """Write ``attendance`` as a new version (unless unchanged) with its audit row."""
    connection = txn.connection
    sql = _statements(connection.dialect.name, connection.dialect.paramstyle)
    cursor: Any = connection.connection.cursor()
    try:
        cursor.execute(sql["owner"], (attendance.enrolment_id,))
        row = cursor.fetchone()
        if row is None:
            raise RecordNotFoundError(txn.store, "enrolment", attendance.enrolment_id)
        document = converter.unstructure(attendance)
        key = record_key("attendance", document)
        item = encode("attendance", document, key=key, owner=row[0])
        cursor.execute(sql["current"], (key,))
        current = cursor.fetchone()
        if current is not None and current[2] == item.digest:
            return
        cursor.execute(sql["next"])
        version_id = cursor.fetchone()[0]
        if current is None:
            first_seq, fields, detail = version_id, sorted(document), {"version": "new"}
        else:
            cursor.execute(sql["close"], (txn.at, current[0]))
            first_seq, fields, detail = current[1], ["status"], {"version": "changed"}
        cursor.execute(
            sql["insert"],
            (version_id, key, item.pseudonym, item.parent, first_seq, txn.at, item.digest,
             item.plain_text),
        )  # fmt: skip
        cursor.execute(
            sql["audit"],
            (txn.at, txn.audit.actor, key, orjson.dumps(fields).decode(),
             orjson.dumps(detail).decode()),
        )  # fmt: skip
    finally:
        cursor.close()
