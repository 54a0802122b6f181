"""The site store (Datenhaltung): a programme's records kept between runs.

Needs the optional extra: ``pip install "arbeit_gesundheit[store]"`` (SQLAlchemy and
Alembic; ``[postgres]`` adds psycopg for a PostgreSQL server).

A SQLite file by default, the site's PostgreSQL server by URL, one schema for both, migrated
by the Alembic scripts shipped in the package::

    store = open_store("programm.sqlite", create=True)
    store.import_file("daten.jsonl", actor="sb-4711")
    store.enrol("GE-000123", "ge-bewegung-2025-1", date(2025, 3, 3), actor="sb-4711")
    report = annual_report(store.dataset(known_on=date(2024, 12, 31)), site=..., year=2024)

Every write is one transaction with its rows in an append-only audit log (who, when, which
operation, which record, which field names — never values). Records are kept as versions in
recording time, so :meth:`Store.dataset` gives what was known at the end of any day. Health
data are kept apart from the rest, withheld after consent withdrawal and erased for good
under a site's retention rule (:meth:`Store.erase_due`) or on request
(:meth:`Store.erase_person`). See the topic page "Site store".
"""

from __future__ import annotations

from ..exceptions import (
    MissingExtraError,
    RecordNotFoundError,
    StoreAccessError,
    StoreAuditError,
    StoreError,
    StoreNotFoundError,
    StoreRevisionError,
)

try:
    from ._audit import OPERATIONS, AuditEntry, check_actor
    from ._decisions import RecordedDecision, RuleValidity
    from ._engine import BUSY_TIMEOUT_MS, Clock, store_url
    from ._erasure import (
        DEFAULT_RETENTION_YEARS,
        ErasureSummary,
        RetentionRule,
        erasure_due_on,
        withhold_withdrawn,
    )
    from ._history import STORE_TIMEZONE, WriteCounts
    from ._migrations import head_revision, known_revisions
    from ._records import HEALTH_FIELDS, KINDS, WHOLLY_HEALTH, record_key
    from ._store import (
        ImportSummary,
        Store,
        init_store,
        open_store,
        store_revision,
        upgrade_store,
    )
except ModuleNotFoundError as exc:
    if (exc.name or "").split(".")[0] in ("sqlalchemy", "alembic"):
        raise MissingExtraError(
            "arbeit_gesundheit.store", "store", exc.name or "sqlalchemy"
        ) from exc
    raise

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DEFAULT_RETENTION_YEARS",
    "HEALTH_FIELDS",
    "KINDS",
    "OPERATIONS",
    "STORE_TIMEZONE",
    "WHOLLY_HEALTH",
    "AuditEntry",
    "Clock",
    "ErasureSummary",
    "ImportSummary",
    "RecordNotFoundError",
    "RecordedDecision",
    "RetentionRule",
    "RuleValidity",
    "Store",
    "StoreAccessError",
    "StoreAuditError",
    "StoreError",
    "StoreNotFoundError",
    "StoreRevisionError",
    "WriteCounts",
    "check_actor",
    "erasure_due_on",
    "head_revision",
    "init_store",
    "known_revisions",
    "open_store",
    "record_key",
    "store_revision",
    "store_url",
    "upgrade_store",
    "withhold_withdrawn",
]
