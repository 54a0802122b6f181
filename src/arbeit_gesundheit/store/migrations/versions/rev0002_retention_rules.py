"""Retention rules (Löschfristen) per site.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_rules",
        sa.Column("site_id", sa.String(64), primary_key=True),
        sa.Column("years", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.BigInteger, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("retention_rules")
