"""Opening, creating and migrating stores; the migrations agree with the tables in code."""

from __future__ import annotations

import subprocess
import sys

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from store_data import small_dataset

from arbeit_gesundheit.exceptions import StoreNotFoundError, StoreRevisionError
from arbeit_gesundheit.store import (
    head_revision,
    init_store,
    known_revisions,
    open_store,
    store_revision,
    upgrade_store,
)
from arbeit_gesundheit.store._audit import AuditWriter
from arbeit_gesundheit.store._history import write_versions
from arbeit_gesundheit.store._import import encode_dataset
from arbeit_gesundheit.store._schema import metadata


def test_init_creates_the_newest_revision(store_location: str) -> None:
    assert init_store(store_location) == head_revision()
    assert store_revision(store_location) == head_revision()
    assert known_revisions() == ("0001", "0002")


def test_a_missing_sqlite_store_is_not_created_by_accident(tmp_path: object) -> None:
    target = f"{tmp_path}/nothing.sqlite"
    with pytest.raises(StoreNotFoundError, match="store init"):
        open_store(target)
    assert not (tmp_path / "nothing.sqlite").exists()  # type: ignore[operator]


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: object) -> None:
    store = open_store(f"{tmp_path}/s.sqlite", create=True)
    with store.reading() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    store.close()


def test_the_migrations_create_exactly_the_tables_in_code(store_location: str) -> None:
    init_store(store_location)
    engine = sa.create_engine(
        store_location if "://" in store_location else f"sqlite:///{store_location}"
    )
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def test_a_store_of_revision_1_upgrades_with_nothing_lost(store_location: str) -> None:
    assert upgrade_store(store_location, revision="0001", create=True) == (None, "0001")
    dataset = small_dataset()
    # Write at revision 1 with the same code the store uses (it only touches revision-1 tables).
    url = store_location if "://" in store_location else f"sqlite:///{store_location}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        audit = AuditWriter(connection, 1_700_000_000_000_000, "sb-1")
        write_versions(
            connection, encode_dataset(connection, dataset), at=audit._at, audit=audit,
            operation="import",
        )  # fmt: skip
    engine.dispose()
    with pytest.raises(StoreRevisionError, match="store upgrade") as info:
        open_store(store_location)
    assert info.value.revision == "0001"
    assert upgrade_store(store_location) == ("0001", head_revision())
    with open_store(store_location) as store:
        assert store.dataset(withhold_withdrawn=False) == dataset
        assert store.audit_count() == 8  # one row per record


def test_a_newer_store_is_refused(store_location: str) -> None:
    init_store(store_location)
    url = store_location if "://" in store_location else f"sqlite:///{store_location}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0999'")
    engine.dispose()
    with pytest.raises(StoreRevisionError, match="newer than this release") as info:
        open_store(store_location)
    assert info.value.revision == "0999"
    with pytest.raises(StoreRevisionError, match="newer"):
        upgrade_store(store_location)


def test_without_the_extra_the_store_says_which_extra_to_install() -> None:
    code = (
        "import sys; sys.modules['sqlalchemy'] = None\n"
        "from arbeit_gesundheit.exceptions import MissingExtraError\n"
        "try:\n    import arbeit_gesundheit.store\n"
        "except MissingExtraError as exc:\n    print(exc.extra)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "store"
