"""Schema migrations: the Alembic scripts shipped in ``migrations/``, run in code.

No ``alembic.ini`` is needed: :func:`alembic_config` builds the configuration and hands the
open connection to ``migrations/env.py``. The store's revision is Alembic's own
``alembic_version`` table.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ..exceptions import StoreNotFoundError, StoreRevisionError

__all__ = [
    "MIGRATIONS",
    "alembic_config",
    "check_revision",
    "current_revision",
    "head_revision",
    "known_revisions",
    "run_upgrade",
]

#: The folder of the migration scripts (package data).
MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """An Alembic configuration for the shipped scripts, using ``connection`` if given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision this release of the library knows."""
    head = _scripts().get_current_head()
    assert head is not None
    return head


def known_revisions() -> tuple[str, ...]:
    """Every revision this release knows, oldest first."""
    return tuple(reversed([s.revision for s in _scripts().walk_revisions()]))


def current_revision(connection: sa.Connection) -> str | None:
    """The store's revision (None when the database has no store yet)."""
    return MigrationContext.configure(connection).get_current_revision()


def run_upgrade(engine: sa.Engine, name: str, revision: str = "head") -> tuple[str | None, str]:
    """Migrate the database to ``revision`` (the newest by default), in one transaction.

    Returns the revisions before and after. A store newer than the library is refused.
    """
    with engine.connect() as connection:
        before = current_revision(connection)
    if before is not None and before not in known_revisions():
        raise _too_new(name, before)
    with engine.connect() as connection, connection.begin():
        command.upgrade(alembic_config(connection), revision)
        after = current_revision(connection)
    assert after is not None
    return before, after


def _too_new(name: str, revision: str) -> StoreRevisionError:
    return StoreRevisionError(
        name,
        revision,
        head_revision(),
        f"the store has schema revision {revision!r}, newer than this release of "
        f"arbeit_gesundheit knows (up to {head_revision()!r}); upgrade the library",
    )


def check_revision(connection: sa.Connection, name: str) -> str:
    """The store's revision if it is the library's; otherwise the fitting error."""
    revision = current_revision(connection)
    head = head_revision()
    if revision is None:
        raise StoreNotFoundError(
            name, "the database holds no store; create one with 'arbeit-gesundheit store init'"
        )
    if revision == head:
        return revision
    if revision not in known_revisions():
        raise _too_new(name, revision)
    raise StoreRevisionError(
        name,
        revision,
        head,
        f"the store has schema revision {revision!r}, older than this release's {head!r}; "
        "migrate it with 'arbeit-gesundheit store upgrade'",
    )
