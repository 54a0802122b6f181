"""The store's domain operations, each one transaction with its audit rows.

Enrolment goes through :class:`~arbeit_gesundheit.participation.OfferingRoster` (capacity,
waitlist in order, one open enrolment per person, consent on the day); the other operations
use the models' own methods (:meth:`Enrolment.transition`, :meth:`ActivityPlan.update_step`),
so the store accepts exactly the changes the library does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

import attrs
import sqlalchemy as sa

from .. import converter
from ..eligibility import Decision
from ..exceptions import InvalidFieldError, RecordNotFoundError, StoreError
from ..model import (
    ActivityPlan,
    Attendance,
    AttendanceStatus,
    ConsentPurpose,
    DropoutReason,
    Enrolment,
    EnrolmentStatus,
    Offering,
    Participant,
    StepStatus,
)
from ..participation import OfferingRoster
from ._attendance import record_attendance_fast
from ._decisions import RecordedDecision, read_decisions, write_decision
from ._history import write_versions
from ._records import encode, record_key
from ._schema import health, records
from ._transaction import StoreBase, Transaction

__all__ = ["StoreOperations", "load_record", "owner_of_enrolments"]

T = TypeVar("T")


def _visible(at: int | None) -> Any:
    if at is None:
        return records.c.recorded_to.is_(None)
    return sa.and_(
        records.c.recorded_from < at,
        sa.or_(records.c.recorded_to.is_(None), records.c.recorded_to >= at),
    )


def _load_documents(
    connection: sa.Connection, kind: str, condition: Any, at: int | None = None
) -> list[dict[str, Any]]:
    query = (
        sa.select(records.c.document, health.c.document.label("health"))
        .select_from(records.outerjoin(health, health.c.version_id == records.c.version_id))
        .where(records.c.kind == kind, condition, _visible(at))
        .order_by(records.c.first_seq)
    )
    return [{**row.document, **(row.health or {})} for row in connection.execute(query)]


def load_record(
    connection: sa.Connection,
    store: str,
    kind: str,
    key: str,
    cls: type[T],
    *,
    at: int | None = None,
) -> T:
    """The record of ``kind`` with ``key`` as a model (:class:`RecordNotFoundError` if none)."""
    found = _load_documents(connection, kind, records.c.key == key, at)
    if not found:
        raise RecordNotFoundError(store, kind, key)
    return converter.structure(found[0], cls)


def owner_of_enrolments(connection: sa.Connection, ids: Iterable[str]) -> dict[str, str]:
    """The pseudonym of each stored enrolment among ``ids``."""
    wanted = list(ids)
    owners: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        query = sa.select(records.c.key, records.c.pseudonym).where(
            records.c.kind == "enrolment",
            records.c.recorded_to.is_(None),
            records.c.key.in_(wanted[start : start + 500]),
        )
        owners.update({row.key: row.pseudonym for row in connection.execute(query)})
    return owners


def _write(txn: Transaction, operation: str, *models: object) -> None:
    from ._records import kind_of  # noqa: PLC0415

    items = []
    owners = owner_of_enrolments(
        txn.connection, [m.enrolment_id for m in models if isinstance(m, Attendance)]
    )
    for model in models:
        kind = kind_of(model)
        document = converter.unstructure(model)
        owner = owners.get(document["enrolment_id"]) if kind == "attendance" else None
        items.append(encode(kind, document, key=record_key(kind, document), owner=owner))
    write_versions(txn.connection, items, at=txn.at, audit=txn.audit, operation=operation)


class StoreOperations(StoreBase):
    """Enrol, move enrolments, record attendance, withdraw consent, close plan steps and
    record eligibility decisions."""

    def _roster(self, txn: Transaction, offering_id: str) -> OfferingRoster:
        connection = txn.connection
        offering = load_record(connection, self.name, "offering", offering_id, Offering)
        enrolments = [
            converter.structure(d, Enrolment)
            for d in _load_documents(connection, "enrolment", records.c.parent == offering_id)
        ]
        people = {e.participant for e in enrolments}
        participants = [
            converter.structure(d, Participant)
            for d in _load_documents(connection, "participant", records.c.key.in_(sorted(people)))
        ]
        return OfferingRoster.from_records(offering, enrolments, participants)

    def enrol(
        self,
        pseudonym: str,
        offering_id: str,
        on: date,
        *,
        actor: str,
        enrolment_id: str | None = None,
        refer_only: bool = False,
    ) -> Enrolment:
        """Enrol a participant in an offering on ``on``: a place if one is free, else the
        waitlist (``refer_only``: record a referral only). The roster's rules apply."""
        with self.writing(actor) as txn:
            roster = self._roster(txn, offering_id)
            person = load_record(txn.connection, self.name, "participant", pseudonym, Participant)
            if refer_only:
                enrolment = roster.refer(person, on, enrolment_id=enrolment_id)
            else:
                enrolment = roster.enrol(person, on, enrolment_id=enrolment_id)
            taken = {
                row.key
                for row in txn.connection.execute(
                    sa.select(records.c.key).where(
                        records.c.kind == "enrolment", records.c.key == enrolment.id
                    )
                )
            }
            if taken:
                raise StoreError(self.name, f"enrolment id {enrolment.id!r} is already used")
            _write(txn, "enrol", enrolment)
        return enrolment

    def transition(
        self,
        enrolment_id: str,
        to: EnrolmentStatus,
        on: date,
        *,
        actor: str,
        reason: DropoutReason | None = None,
    ) -> tuple[Enrolment, ...]:
        """Move an enrolment to ``to`` on ``on`` through its offering's roster; returns the
        changed enrolment first, then any promoted from the waitlist (all written)."""
        with self.writing(actor) as txn:
            current = load_record(txn.connection, self.name, "enrolment", enrolment_id, Enrolment)
            roster = self._roster(txn, current.offering_id)
            changed = roster.transition(enrolment_id, to, on, reason=reason)
            _write(txn, "transition", *changed)
        return changed

    def record_attendance(
        self, enrolment_id: str, session_number: int, status: AttendanceStatus, *, actor: str
    ) -> Attendance:
        """Record (or correct) the attendance of an enrolment at one session."""
        attendance = Attendance(enrolment_id, session_number, status)
        with self.writing(actor) as txn:
            record_attendance_fast(txn, attendance)
        return attendance

    def withdraw_consent(
        self, pseudonym: str, purpose: ConsentPurpose, on: date, *, actor: str
    ) -> Participant:
        """Record the withdrawal (Widerruf, Art. 7(3) GDPR) of every consent of ``purpose``
        still in force on ``on``. From that day on the person's data of that purpose are no
        longer processed; health data become due for erasure (see :meth:`erase_due`)."""
        if type(purpose) is not ConsentPurpose:
            raise InvalidFieldError("withdraw_consent", "purpose", "a ConsentPurpose", purpose)
        if type(on) is not date:
            raise InvalidFieldError("withdraw_consent", "on", "a date", on)
        with self.writing(actor) as txn:
            person = load_record(txn.connection, self.name, "participant", pseudonym, Participant)
            consents = []
            found = False
            for consent in person.consents:
                if (
                    consent.purpose is purpose
                    and consent.withdrawn_on is None
                    and (consent.expires_on is None or consent.expires_on >= on)
                ):
                    consents.append(attrs.evolve(consent, withdrawn_on=max(on, consent.given_on)))
                    found = True
                else:
                    consents.append(consent)
            if not found:
                raise StoreError(
                    self.name,
                    f"participant {pseudonym}: no consent for {purpose.value} to withdraw",
                )
            changed = attrs.evolve(person, consents=tuple(consents))
            _write(txn, "withdraw_consent", changed)
        return changed

    def close_step(
        self,
        plan_id: str,
        step_id: str,
        on: date,
        *,
        actor: str,
        status: StepStatus = StepStatus.DONE,
    ) -> ActivityPlan:
        """Close a step of an activity plan (done on ``on``, or dropped)."""
        with self.writing(actor) as txn:
            plan = load_record(txn.connection, self.name, "plan", plan_id, ActivityPlan)
            changed = plan.update_step(step_id, status, on if status is StepStatus.DONE else None)
            _write(txn, "close_step", changed)
        return changed

    def record_decision(
        self,
        pseudonym: str,
        decision: Decision,
        *,
        actor: str,
        evaluated_on: date | None = None,
    ) -> RecordedDecision:
        """Keep an eligibility decision with its explanation (German and English) and the
        validity of the rules it used, so it can be shown later exactly as it was made."""
        with self.writing(actor) as txn:
            load_record(txn.connection, self.name, "participant", pseudonym, Participant)
            return write_decision(txn, pseudonym, decision, evaluated_on or txn.day)

    def decisions(self, pseudonym: str) -> tuple[RecordedDecision, ...]:
        """The recorded eligibility decisions of a person, oldest first."""
        with self.reading() as connection:
            return read_decisions(connection, pseudonym)
