"""Connecting to a store: SQLite files by path, PostgreSQL by URL, and the database's errors
turned into the library's.

SQLite connections run in WAL mode with foreign keys on, ``synchronous=NORMAL`` (a commit
survives a crash of the program; an operating-system crash may lose the last commits, never
consistency), ``secure_delete`` (deleted values are overwritten, not left in free pages) and
a busy timeout, so a second writer waits instead of failing. Every write transaction starts
with ``BEGIN IMMEDIATE`` on SQLite and takes a transaction-scoped advisory lock on
PostgreSQL: writers queue up one after the other, readers never wait.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

import orjson
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, make_url

from ..exceptions import (
    StoreAccessError,
    StoreAuditError,
    StoreError,
    StoreNotFoundError,
)

__all__ = [
    "BUSY_TIMEOUT_MS",
    "Clock",
    "connect_engine",
    "database_errors",
    "display_name",
    "microseconds",
    "store_url",
    "utc_now",
]

#: How long a writer waits for another writer's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 30_000
#: Key of PostgreSQL's transaction-scoped advisory lock that serialises the store's writers.
_ADVISORY_LOCK = 0x61675F73  # "ag_s"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

#: A function giving the current time as an aware datetime (injectable for tests).
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The default clock: now, in UTC."""
    return datetime.now(UTC)


def microseconds(moment: datetime) -> int:
    """An aware datetime as microseconds since 1970-01-01 UTC (the store's time stamps)."""
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise StoreError("clock", f"expected an aware datetime, got {moment!r}")
    return (moment - _EPOCH) // _MICROSECOND


def store_url(path_or_url: str | os.PathLike[str]) -> URL:
    """The SQLAlchemy URL of a store: a path means a SQLite file, a URL is used as given
    (``postgresql+psycopg://user@host/db``; a bare ``postgresql://`` means psycopg 3)."""
    text = os.fspath(path_or_url)
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().absolute()))
    try:
        url = make_url(text)
    except sa.exc.ArgumentError as exc:
        raise StoreError(text, f"not a database URL: {exc}") from exc
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            url.render_as_string(hide_password=True),
            "only SQLite files and PostgreSQL servers are supported",
        )
    return url


def display_name(url: URL) -> str:
    """How messages name a store: the file path, or the URL without its password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def _json_serializer(value: Any) -> str:
    return orjson.dumps(value).decode()


def connect_engine(url: URL, *, create: bool) -> sa.Engine:
    """An engine for the store at ``url``; a missing SQLite file is created only with
    ``create`` (else :class:`StoreNotFoundError`)."""
    name = display_name(url)
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if not create and not Path(database).is_file():
            raise StoreNotFoundError(
                name, "no store here; create one with 'arbeit-gesundheit store init'"
            )
        if create and not Path(database).parent.is_dir():
            raise StoreAccessError(name, "the directory does not exist")
        engine = sa.create_engine(
            url,
            json_serializer=_json_serializer,
            json_deserializer=orjson.loads,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = sa.create_engine(
            url,
            json_serializer=_json_serializer,
            json_deserializer=orjson.loads,
            pool_pre_ping=True,
        )
        event.listen(engine, "begin", _postgres_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun in _sqlite_begin
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA cache_size = -65536")
        # A read-only file cannot switch modes: reading still works, writing fails clearly.
        with contextlib.suppress(Exception):
            cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


def _sqlite_begin(connection: sa.Connection) -> None:
    options = connection.get_execution_options()
    if options.get("isolation_level") == "AUTOCOMMIT":
        return  # VACUUM and checkpoints run outside a transaction
    writing = options.get("ag_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _postgres_begin(connection: sa.Connection) -> None:
    if connection.get_execution_options().get("ag_write", False):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_ADVISORY_LOCK})")


def _fail(name: str, exc: BaseException) -> NoReturn:
    text = str(getattr(exc, "orig", None) or exc)
    lowered = text.lower()
    if "append-only" in lowered:
        raise StoreAuditError(name, "the audit log is append-only: rows cannot be changed") from exc
    if "readonly" in lowered or "read-only" in lowered or "read only" in lowered:
        raise StoreAccessError(
            name, "the store is read-only (file or directory not writable): nothing was written"
        ) from exc
    if "disk is full" in lowered or "no space" in lowered or "disk full" in lowered:
        raise StoreAccessError(name, "the disk is full: nothing was written") from exc
    if "locked" in lowered or "busy" in lowered:
        raise StoreAccessError(
            name, f"another writer held the store longer than {BUSY_TIMEOUT_MS // 1000} s"
        ) from exc
    if "unable to open" in lowered or "connection" in lowered or "could not" in lowered:
        raise StoreAccessError(name, f"cannot open the database: {text.strip()}") from exc
    if isinstance(exc, sa.exc.IntegrityError):
        raise StoreError(name, f"the database refused the change: {text.strip()}") from exc
    raise StoreAccessError(name, f"database error: {text.strip()}") from exc


@contextmanager
def database_errors(name: str) -> Iterator[None]:
    """Turn SQLAlchemy's and the drivers' errors into the library's :class:`StoreError` s."""
    try:
        yield
    except StoreError:
        raise
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        _fail(name, exc)


def is_sqlite(engine: sa.Engine) -> bool:
    return engine.dialect.name == "sqlite"
