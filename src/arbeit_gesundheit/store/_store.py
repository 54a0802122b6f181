"""The site store: open, read (now or as known on a day), add and import records.

The domain operations (enrol, attendance, consent withdrawal, plan steps, decisions) live in
:mod:`._operations`, erasure in :mod:`._erasure`; both run inside :meth:`Store.writing`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from attrs import field, frozen

from .. import converter
from ..exceptions import StoreError
from ..jsonl import RECORD_TYPES
from ..model import Attendance, Dataset
from ._audit import AuditEntry, AuditWriter, check_actor, read_audit
from ._engine import (
    Clock,
    connect_engine,
    database_errors,
    display_name,
    microseconds,
    store_url,
    utc_now,
)
from ._erasure import StoreErasure
from ._erasure import withhold_withdrawn as _withhold
from ._history import (
    STORE_TIMEZONE,
    Current,
    WriteCounts,
    current_versions,
    end_of_day,
    iter_documents,
    write_versions,
)
from ._migrations import check_revision, current_revision, head_revision, run_upgrade
from ._operations import StoreOperations, load_record, owner_of_enrolments
from ._records import KINDS, EncodedRecord, encode, kind_of, record_key
from ._schema import audit_log
from ._transaction import StoreBase, Transaction

__all__ = [
    "ImportSummary",
    "Store",
    "init_store",
    "open_store",
    "store_revision",
    "upgrade_store",
]

T = TypeVar("T")
_KIND_FIELD = {kind: field_name for kind, (field_name, _cls) in RECORD_TYPES.items()}
_KIND_CLASS = {kind: cls for kind, (_field, cls) in RECORD_TYPES.items()}


def _counts(value: Mapping[str, WriteCounts]) -> Mapping[str, WriteCounts]:
    return {kind: value.get(kind, WriteCounts()) for kind in KINDS if kind in value}


@frozen
class ImportSummary:
    """What an import did, per record kind: new, changed (a new version) and unchanged."""

    counts: Mapping[str, WriteCounts] = field(converter=_counts, hash=False)

    @property
    def new(self) -> int:
        return sum(c.new for c in self.counts.values())

    @property
    def changed(self) -> int:
        return sum(c.changed for c in self.counts.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.counts.values())


def store_revision(path_or_url: str | os.PathLike[str]) -> str | None:
    """The schema revision of the store at ``path_or_url`` (None: no store there yet)."""
    url = store_url(path_or_url)
    engine = connect_engine(url, create=False)
    try:
        with database_errors(display_name(url)), engine.connect() as connection:
            return current_revision(connection)
    finally:
        engine.dispose()


def upgrade_store(
    path_or_url: str | os.PathLike[str], *, revision: str = "head", create: bool = False
) -> tuple[str | None, str]:
    """Migrate the store to ``revision`` (the newest by default); returns (before, after).

    With ``create`` a missing SQLite file is created first.
    """
    url = store_url(path_or_url)
    name = display_name(url)
    engine = connect_engine(url, create=create)
    try:
        with database_errors(name):
            return run_upgrade(engine, name, revision)
    finally:
        engine.dispose()


def init_store(path_or_url: str | os.PathLike[str]) -> str:
    """Create a store at the newest revision (or migrate an existing one); returns it."""
    return upgrade_store(path_or_url, create=True)[1]


def open_store(
    path_or_url: str | os.PathLike[str], *, create: bool = False, clock: Clock | None = None
) -> Store:
    """Open the store at a SQLite path or a PostgreSQL URL.

    ``create`` makes a new store (at the newest revision) where there is none. A store of an
    older revision is refused until migrated (:func:`upgrade_store`), one of a newer revision
    than this library knows always (:class:`~arbeit_gesundheit.exceptions.StoreRevisionError`).
    ``clock`` gives the time stamps of writes (default: now, UTC).
    """
    url = store_url(path_or_url)
    name = display_name(url)
    engine = connect_engine(url, create=create)
    try:
        with database_errors(name):
            if create:
                with engine.connect() as connection:
                    revision = current_revision(connection)
                if revision is None:
                    run_upgrade(engine, name)
            with engine.connect() as connection:
                check_revision(connection, name)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, name, clock or utc_now)


class Store(StoreOperations, StoreErasure, StoreBase):
    """A site's records kept between runs (see the topic page "Site store").

    Use :func:`open_store`. Every write is one transaction with its audit rows; reads give
    the library's frozen models back, equal to what was written.
    """

    def __init__(self, engine: sa.Engine, name: str, clock: Clock) -> None:
        self._engine = engine
        self.name = name
        self._clock = clock

    # -- life ---------------------------------------------------------------------------

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._engine.dialect.name

    @property
    def revision(self) -> str:
        return head_revision()

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.name}>"

    def today(self) -> date:
        """Today by the store's clock, in the store's time zone."""
        return self._clock().astimezone(STORE_TIMEZONE).date()

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def writing(self, actor: str) -> Iterator[Transaction]:
        """One write transaction by ``actor``: all of it is committed, or nothing."""
        actor = check_actor(actor)
        with database_errors(self.name), self._engine.connect() as connection:
            connection.execution_options(ag_write=True)
            with connection.begin():
                moment = self._clock()
                at = microseconds(moment)
                audit = AuditWriter(connection, at, actor)
                day = moment.astimezone(STORE_TIMEZONE).date()
                yield Transaction(connection, at, audit, self.name, day)
                audit.flush()

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """A read transaction (one consistent snapshot)."""
        with (
            database_errors(self.name),
            self._engine.connect() as connection,
            connection.begin(),
        ):
            yield connection

    # -- reading ------------------------------------------------------------------------

    def dataset(self, *, known_on: date | None = None, withhold_withdrawn: bool = True) -> Dataset:
        """The store's records as a :class:`Dataset`: as they are now, or as known at the end
        of ``known_on`` (recording time, so a past report can be reproduced exactly).

        Health data of people who withdrew their consent to health-data processing by that
        day (``known_on``, else today) are left out (see :func:`withhold_withdrawn`); pass
        ``withhold_withdrawn=False`` for everything stored.
        """
        if known_on is not None and type(known_on) is not date:
            raise StoreError(self.name, f"known_on: expected a date, got {known_on!r}")
        at = end_of_day(known_on) if known_on is not None else None
        fields: dict[str, list[Any]] = {name: [] for name in _KIND_FIELD.values()}
        with self.reading() as connection:
            for kind, _key, _owner, document in iter_documents(connection, at=at):
                fields[_KIND_FIELD[kind]].append(document)
        dataset = converter.structure(fields, Dataset)
        if withhold_withdrawn:
            dataset = _withhold(dataset, on=known_on or self.today())
        return dataset

    def get(self, cls: type[T], key: str, *, known_on: date | None = None) -> T:
        """The record of model class ``cls`` with ``key`` (identifier or pseudonym; see
        :func:`record_key`), as now or as known on a day."""
        kind = kind_of_class(cls)
        at = end_of_day(known_on) if known_on is not None else None
        with self.reading() as connection:
            return load_record(connection, self.name, kind, key, cls, at=at)

    def audit(
        self,
        *,
        ref: str | None = None,
        actor: str | None = None,
        operation: str | None = None,
        since: datetime | None = None,
    ) -> tuple[AuditEntry, ...]:
        """The audit log, oldest first (optionally for one record, actor, operation or since
        a moment). There is no way to change it."""
        with self.reading() as connection:
            return read_audit(connection, ref=ref, actor=actor, operation=operation, since=since)

    def audit_count(self) -> int:
        with self.reading() as connection:
            return int(
                connection.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar_one()
            )

    # -- writing ------------------------------------------------------------------------

    def add(self, *models: object, actor: str) -> ImportSummary:
        """Add or update records (a changed record becomes a new version), one transaction."""
        with self.writing(actor) as txn:
            items = _encode_models(txn.connection, models)
            counts = write_versions(
                txn.connection, items, at=txn.at, audit=txn.audit, operation="add"
            )
        return ImportSummary(counts)

    def import_dataset(self, dataset: Dataset, *, actor: str) -> ImportSummary:
        """Import every record of ``dataset`` in one transaction: new records are added,
        changed ones become new versions (the changed field names in the audit log),
        unchanged ones write nothing, so importing the same data twice changes nothing."""
        if not isinstance(dataset, Dataset):
            raise StoreError(self.name, f"expected a Dataset, got {type(dataset).__name__}")
        from ._import import encode_dataset  # noqa: PLC0415

        with self.writing(actor) as txn:
            current: dict[tuple[str, str], Current] = {}
            for kind in KINDS:
                for key, version in current_versions(txn.connection, kind).items():
                    current[(kind, key)] = version
            items = encode_dataset(txn.connection, dataset, erased=_erased_people(txn.connection))
            counts = write_versions(
                txn.connection,
                items,
                at=txn.at,
                audit=txn.audit,
                operation="import",
                current=current,
            )
        return ImportSummary(counts)

    def import_file(self, path: str | os.PathLike[str], *, actor: str) -> ImportSummary:
        """Import a JSON or JSON Lines data file, all or nothing (a bad file changes nothing
        and raises :class:`~arbeit_gesundheit.exceptions.DocumentError` with every problem)."""
        from ..jsonl import read_data_file  # noqa: PLC0415

        return self.import_dataset(read_data_file(path), actor=actor)

    def export_file(
        self,
        path: str | os.PathLike[str],
        *,
        known_on: date | None = None,
        overwrite: bool = False,
    ) -> Path:
        """Write the store's records as a data file (JSON Lines for ``.jsonl``, else JSON),
        atomically; everything stored, as the site's own copy."""
        from ..files import write_atomic  # noqa: PLC0415
        from ..jsonl import write_jsonl  # noqa: PLC0415

        dataset = self.dataset(known_on=known_on, withhold_withdrawn=False)
        if os.fspath(path).lower().endswith((".jsonl", ".ndjson", ".jsonlines")):
            return write_jsonl(dataset, path, overwrite=overwrite)
        return write_atomic(path, converter.dumps(dataset, indent=True), overwrite=overwrite)

    def compact(self) -> None:
        """Reclaim the space of erased data so their bytes leave the files: SQLite checkpoints
        its WAL and runs ``VACUUM``; PostgreSQL runs ``VACUUM FULL`` on the record tables."""
        with database_errors(self.name), self._engine.connect() as raw:
            connection = raw.execution_options(isolation_level="AUTOCOMMIT")
            if self.backend == "sqlite":
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                connection.exec_driver_sql("VACUUM")
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            else:
                connection.exec_driver_sql("VACUUM FULL records, health, decisions")


def kind_of_class(cls: type) -> str:
    for kind, model in _KIND_CLASS.items():
        if model is cls:
            return kind
    raise TypeError(f"not a record class of the store: {cls!r}")


def _erased_people(connection: sa.Connection) -> frozenset[str]:
    query = sa.select(audit_log.c.ref).where(
        audit_log.c.operation.in_(("erase_health", "erase_person"))
    )
    return frozenset(row.ref for row in connection.execute(query) if row.ref)


def _encode_models(connection: sa.Connection, models: Sequence[object]) -> list[EncodedRecord]:
    encoded = []
    pending = [m for m in models if isinstance(m, Attendance)]
    owners = owner_of_enrolments(connection, {m.enrolment_id for m in pending})
    for model in models:
        kind = kind_of(model)
        document = converter.unstructure(model)
        owner = owners.get(document["enrolment_id"]) if kind == "attendance" else None
        encoded.append(encode(kind, document, key=record_key(kind, document), owner=owner))
    return encoded
