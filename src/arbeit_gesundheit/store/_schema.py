"""The store's tables (SQLAlchemy Core), as the newest migration leaves them.

Every record is kept as versions: one row per version in :data:`records` with the record's
JSON document (as the converter writes it) less its health fields, and the health fields in
:data:`health` (one row per version that has any), so erasure can remove health values from
every version without touching the rest. ``recorded_from``/``recorded_to`` are the version's
recording time (transaction time, microseconds since 1970-01-01 UTC); the current version has
no ``recorded_to``. The migrations under ``migrations/versions`` create exactly these tables
(a test compares them).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

__all__ = [
    "AUDIT_GUARD_FUNCTION",
    "JSONType",
    "audit_log",
    "decisions",
    "health",
    "metadata",
    "records",
    "retention_rules",
]

#: The JSON column type: JSON on SQLite, JSONB on PostgreSQL.
JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

#: PostgreSQL function the audit log's triggers call.
AUDIT_GUARD_FUNCTION = "ag_audit_log_append_only"

metadata = sa.MetaData()

records = sa.Table(
    "records",
    metadata,
    sa.Column("version_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("key", sa.String(255), nullable=False),
    sa.Column("pseudonym", sa.String(64)),
    sa.Column("site_id", sa.String(64)),
    sa.Column("parent", sa.String(255)),
    sa.Column("day", sa.Date),
    sa.Column("first_seq", sa.BigInteger, nullable=False),
    sa.Column("recorded_from", sa.BigInteger, nullable=False),
    sa.Column("recorded_to", sa.BigInteger),
    sa.Column("digest", sa.String(32), nullable=False),
    sa.Column("document", JSONType, nullable=False),
    sa.Index("ix_records_kind_key", "kind", "key", "recorded_from"),
    sa.Index(
        "ux_records_current",
        "kind",
        "key",
        unique=True,
        sqlite_where=sa.text("recorded_to IS NULL"),
        postgresql_where=sa.text("recorded_to IS NULL"),
    ),
    sa.Index("ix_records_pseudonym", "pseudonym"),
    sa.Index("ix_records_parent", "parent"),
)

health = sa.Table(
    "health",
    metadata,
    sa.Column(
        "version_id",
        sa.BigInteger,
        sa.ForeignKey("records.version_id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    sa.Column("document", JSONType, nullable=False),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("at", sa.BigInteger, nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("operation", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(32)),
    sa.Column("ref", sa.String(255)),
    sa.Column("fields", JSONType),
    sa.Column("detail", JSONType),
    sa.Index("ix_audit_ref", "ref"),
)

decisions = sa.Table(
    "decisions",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("pseudonym", sa.String(64), nullable=False),
    sa.Column("site_id", sa.String(64)),
    sa.Column("module_id", sa.String(64)),
    sa.Column("as_of", sa.Date, nullable=False),
    sa.Column("evaluated_on", sa.Date, nullable=False),
    sa.Column("verdict", sa.String(16), nullable=False),
    sa.Column("recorded_at", sa.BigInteger, nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("document", JSONType, nullable=False),
    sa.Index("ix_decisions_pseudonym", "pseudonym"),
)

# Revision 2.
retention_rules = sa.Table(
    "retention_rules",
    metadata,
    sa.Column("site_id", sa.String(64), primary_key=True),
    sa.Column("years", sa.Integer, nullable=False),
    sa.Column("recorded_at", sa.BigInteger, nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
)
