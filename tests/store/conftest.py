"""Fixtures of the store tests: each test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``AG_TEST_POSTGRES_URL`` (``postgresql+psycopg://user@/db?host=/sock``).
Without it the PostgreSQL parameters are skipped, unless ``AG_REQUIRE_POSTGRES=1`` (CI): then a
missing or unreachable server fails the run. Each PostgreSQL test starts from an empty schema.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from arbeit_gesundheit.store import Store, open_store

POSTGRES_URL = os.environ.get("AG_TEST_POSTGRES_URL")
REQUIRE_POSTGRES = os.environ.get("AG_REQUIRE_POSTGRES") == "1"


class FakeClock:
    """A clock that moves one second per reading; ``set`` jumps to a moment (Berlin noon)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2025, 1, 6, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now

    def set(self, day_text: str) -> None:
        self.now = datetime.fromisoformat(day_text + "T11:00:00+00:00")


def _reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()


def _postgres_or_skip() -> str:
    if not POSTGRES_URL:
        if REQUIRE_POSTGRES:
            pytest.fail("AG_REQUIRE_POSTGRES=1 but AG_TEST_POSTGRES_URL is not set")
        pytest.skip("no PostgreSQL server (set AG_TEST_POSTGRES_URL)")
    try:
        _reset_postgres(POSTGRES_URL)
    except sa.exc.OperationalError as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL at AG_TEST_POSTGRES_URL unreachable: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_location(backend: str, tmp_path: Path) -> str:
    """Where a fresh store goes: a SQLite path or the (emptied) PostgreSQL database."""
    if backend == "sqlite":
        return str(tmp_path / "store.sqlite")
    return _postgres_or_skip()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(store_location: str, clock: FakeClock) -> Iterator[Store]:
    opened = open_store(store_location, create=True, clock=clock)
    yield opened
    opened.close()
