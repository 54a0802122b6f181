"""One write transaction of the store, and the interface the store's operation mixins use."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date

import sqlalchemy as sa
from attrs import frozen

from ._audit import AuditWriter

__all__ = ["StoreBase", "Transaction"]


@frozen
class Transaction:
    """One write transaction: its connection, time stamp, audit rows and day."""

    connection: sa.Connection
    at: int
    audit: AuditWriter
    store: str
    day: date


class StoreBase:
    """What :class:`Store` gives its operation mixins."""

    name: str

    def writing(self, actor: str) -> AbstractContextManager[Transaction]:
        raise NotImplementedError

    def reading(self) -> AbstractContextManager[sa.Connection]:
        raise NotImplementedError

    def today(self) -> date:
        raise NotImplementedError
