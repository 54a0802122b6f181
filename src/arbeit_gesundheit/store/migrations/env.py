"""Alembic environment of the site store, run in code by :mod:`.._migrations`.

The connection comes from ``config.attributes["connection"]``; no ``alembic.ini`` is read.
"""

from __future__ import annotations

from alembic import context

from arbeit_gesundheit.store._schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
