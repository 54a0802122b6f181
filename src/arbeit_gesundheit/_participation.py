"""Participation: places taken in offerings (Teilnahmeplatz) and attendance."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from attrs import Attribute, field, frozen

from . import _validators as v
from ._vocabulary import AttendanceStatus, DropoutReason, EnrolmentStatus

__all__ = ["Attendance", "Enrolment", "StatusChange"]


@frozen
class StatusChange:
    """One entry in an enrolment's dated history."""

    status: EnrolmentStatus = field(validator=v.member_of(EnrolmentStatus))
    on: date = field(validator=v.a_date)
    reason: DropoutReason | None = field(
        default=None, validator=v.optional_member_of(DropoutReason)
    )


@frozen
class Enrolment:
    """A place taken in an offering (Anmeldung), with its dated status history.

    ``status`` is the current state; ``history`` records every state with its day, oldest
    first, and ends with the current state. A dropped enrolment carries a reason.
    """

    id: str = field(validator=v.identifier)
    participant: str = field(validator=v.pseudonym)
    offering_id: str = field(validator=v.identifier)
    status: EnrolmentStatus = field(validator=v.member_of(EnrolmentStatus))
    history: tuple[StatusChange, ...] = field(default=(), converter=v.to_tuple)
    dropout_reason: DropoutReason | None = field(default=None)

    @history.validator
    def _check_history(
        self, attr: Attribute[tuple[StatusChange, ...]], value: tuple[StatusChange, ...]
    ) -> None:
        v.instances_of(StatusChange)(self, attr, value)
        for earlier, later in pairwise(value):
            if later.on < earlier.on:
                v.fail(self, attr, "a history in date order", value)
        if value and value[-1].status is not self.status:
            v.fail(
                self, attr, f"a history ending in the current status {self.status.value!r}", value
            )

    @dropout_reason.validator
    def _check_reason(
        self, attr: Attribute[DropoutReason | None], value: DropoutReason | None
    ) -> None:
        v.optional_member_of(DropoutReason)(self, attr, value)
        if self.status is EnrolmentStatus.DROPPED and value is None:
            v.fail(self, attr, "a dropout reason for a dropped enrolment", value)
        if self.status is not EnrolmentStatus.DROPPED and value is not None:
            v.fail(self, attr, "no dropout reason unless the enrolment is dropped", value)

    @property
    def enrolled_on(self) -> date | None:
        """The day of the first entry in the history, if any."""
        return self.history[0].on if self.history else None

    @property
    def ended_on(self) -> date | None:
        """The day the enrolment reached a final state, if it has."""
        if self.status in _FINAL and self.history:
            return self.history[-1].on
        return None


_FINAL = frozenset({EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED, EnrolmentStatus.NO_SHOW})


@frozen
class Attendance:
    """Attendance of one enrolment at one session (Anwesenheit)."""

    enrolment_id: str = field(validator=v.identifier)
    session_number: int = field(validator=v.integer(1, 1000))
    status: AttendanceStatus = field(validator=v.member_of(AttendanceStatus))
