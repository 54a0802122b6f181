"""The first schema: record versions, health values, the audit log and decisions.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_CURRENT = sa.text("recorded_to IS NULL")

_SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
)
_POSTGRES_TRIGGERS = (
    "CREATE FUNCTION ag_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION ag_audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION ag_audit_log_append_only()",
)


def upgrade() -> None:
    op.create_table(
        "records",
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
        sa.Column("document", _JSON, nullable=False),
    )
    op.create_index("ix_records_kind_key", "records", ["kind", "key", "recorded_from"])
    op.create_index(
        "ux_records_current",
        "records",
        ["kind", "key"],
        unique=True,
        sqlite_where=_CURRENT,
        postgresql_where=_CURRENT,
    )
    op.create_index("ix_records_pseudonym", "records", ["pseudonym"])
    op.create_index("ix_records_parent", "records", ["parent"])
    op.create_table(
        "health",
        sa.Column(
            "version_id",
            sa.BigInteger,
            sa.ForeignKey("records.version_id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("document", _JSON, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", sa.BigInteger, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("operation", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32)),
        sa.Column("ref", sa.String(255)),
        sa.Column("fields", _JSON),
        sa.Column("detail", _JSON),
    )
    op.create_index("ix_audit_ref", "audit_log", ["ref"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("pseudonym", sa.String(64), nullable=False),
        sa.Column("site_id", sa.String(64)),
        sa.Column("module_id", sa.String(64)),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("evaluated_on", sa.Date, nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("recorded_at", sa.BigInteger, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("document", _JSON, nullable=False),
    )
    op.create_index("ix_decisions_pseudonym", "decisions", ["pseudonym"])
    dialect = op.get_bind().dialect.name
    for statement in _POSTGRES_TRIGGERS if dialect == "postgresql" else _SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_no_change ON audit_log")
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP FUNCTION ag_audit_log_append_only()")
    for table in ("decisions", "audit_log", "health", "records"):
        op.drop_table(table)
