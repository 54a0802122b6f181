"""Participation: places taken in offerings (Teilnahmeplatz) and attendance."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from itertools import pairwise
from types import MappingProxyType

from attrs import Attribute, evolve, field, frozen

from ..exceptions import TransitionError
from . import _validators as v
from ._vocabulary import AttendanceStatus, DropoutReason, EnrolmentStatus

__all__ = [
    "FINAL_STATES",
    "INITIAL_STATES",
    "PLACE_HOLDING_STATES",
    "TRANSITIONS",
    "Attendance",
    "Enrolment",
    "StatusChange",
    "allowed_transitions",
]

_S = EnrolmentStatus

#: The enrolment lifecycle: every state and the states it may move to.
#:
#: * referred -> registered (a place was free), waitlisted (the offering was full) or
#:   dropped (the referral was not taken up; a reason is required);
#: * waitlisted -> registered (a place was freed) or dropped (left the waitlist);
#: * registered -> active (first attendance), no_show (never started) or dropped;
#: * active -> completed or dropped;
#: * completed, dropped and no_show are final.
TRANSITIONS: Mapping[EnrolmentStatus, frozenset[EnrolmentStatus]] = MappingProxyType(
    {
        _S.REFERRED: frozenset({_S.REGISTERED, _S.WAITLISTED, _S.DROPPED}),
        _S.WAITLISTED: frozenset({_S.REGISTERED, _S.DROPPED}),
        _S.REGISTERED: frozenset({_S.ACTIVE, _S.NO_SHOW, _S.DROPPED}),
        _S.ACTIVE: frozenset({_S.COMPLETED, _S.DROPPED}),
        _S.COMPLETED: frozenset(),
        _S.DROPPED: frozenset(),
        _S.NO_SHOW: frozenset(),
    }
)

#: States an enrolment may be created in.
INITIAL_STATES = frozenset({_S.REFERRED, _S.REGISTERED, _S.WAITLISTED})

#: States that take up one of an offering's places (the waitlist does not).
PLACE_HOLDING_STATES = frozenset({_S.REGISTERED, _S.ACTIVE})

#: States an enrolment never leaves.
FINAL_STATES = frozenset({_S.COMPLETED, _S.DROPPED, _S.NO_SHOW})

# Order in which allowed targets are listed in error messages.
_ORDER = {status: n for n, status in enumerate(EnrolmentStatus)}


def allowed_transitions(status: EnrolmentStatus) -> tuple[EnrolmentStatus, ...]:
    """The states ``status`` may move to, in lifecycle order (empty for a final state)."""
    return tuple(sorted(TRANSITIONS[status], key=_ORDER.__getitem__))


@frozen
class StatusChange:
    """One entry in an enrolment's dated history."""

    status: EnrolmentStatus = field(validator=v.member_of(EnrolmentStatus))
    on: date = field(validator=v.a_date)
    reason: DropoutReason | None = field(
        default=None, validator=v.optional_member_of(DropoutReason)
    )


# Built once: the Enrolment validators below run for every record loaded.
_check_changes = v.instances_of(StatusChange)
_check_reason_value = v.optional_member_of(DropoutReason)


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
        _check_changes(self, attr, value)
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
        _check_reason_value(self, attr, value)
        if self.status is EnrolmentStatus.DROPPED and value is None:
            v.fail(self, attr, "a dropout reason for a dropped enrolment", value)
        if self.status is not EnrolmentStatus.DROPPED and value is not None:
            v.fail(self, attr, "no dropout reason unless the enrolment is dropped", value)

    @classmethod
    def create(
        cls,
        id: str,
        participant: str,
        offering_id: str,
        on: date,
        status: EnrolmentStatus = EnrolmentStatus.REFERRED,
    ) -> Enrolment:
        """A new enrolment whose history starts on ``on`` in ``status``.

        ``status`` must be an initial state: referred (default), registered or waitlisted.
        Capacity and consent are the roster's business (:class:`OfferingRoster`).
        """
        if type(status) is not EnrolmentStatus or status not in INITIAL_STATES:
            raise TransitionError(
                id,
                "(new)",
                str(getattr(status, "value", status)),
                sorted(s.value for s in INITIAL_STATES),
                "an enrolment starts as referred, registered or waitlisted",
            )
        return cls(
            id=id,
            participant=participant,
            offering_id=offering_id,
            status=status,
            history=(StatusChange(status=status, on=on),),
        )

    def can_transition(self, to: EnrolmentStatus) -> bool:
        """Whether the lifecycle allows moving from the current state to ``to``."""
        return to in TRANSITIONS[self.status]

    def transition(
        self, to: EnrolmentStatus, on: date, *, reason: DropoutReason | None = None
    ) -> Enrolment:
        """A copy of this enrolment moved to state ``to`` on day ``on``, history appended.

        Raises :class:`TransitionError` when the lifecycle does not allow the move, when
        ``on`` lies before the last recorded day, when a drop has no reason or when a reason
        is given for anything but a drop.
        """
        current = self.status.value
        target = str(getattr(to, "value", to))

        def refuse(why: str = "") -> TransitionError:
            allowed = [s.value for s in allowed_transitions(self.status)]
            return TransitionError(self.id, current, target, allowed, why)

        if type(to) is not EnrolmentStatus or to not in TRANSITIONS[self.status]:
            raise refuse()
        if type(on) is not date:
            raise refuse(f"expected a date (YYYY-MM-DD), got {on!r}")
        if self.history and on < self.history[-1].on:
            raise refuse(f"{on} lies before the last recorded day {self.history[-1].on}")
        if to is EnrolmentStatus.DROPPED:
            if type(reason) is not DropoutReason:
                raise refuse(f"a dropout reason is required, got {reason!r}")
        elif reason is not None:
            raise refuse("a reason is only recorded when an enrolment is dropped")
        return evolve(
            self,
            status=to,
            history=(*self.history, StatusChange(status=to, on=on, reason=reason)),
            dropout_reason=reason,
        )

    @property
    def is_final(self) -> bool:
        """Whether the enrolment has reached completed, dropped or no show."""
        return self.status in FINAL_STATES

    @property
    def holds_place(self) -> bool:
        """Whether the enrolment takes up one of the offering's places (registered, active)."""
        return self.status in PLACE_HOLDING_STATES

    def status_on(self, day: date) -> EnrolmentStatus | None:
        """The state recorded as of ``day`` (the last history entry on or before it)."""
        found: EnrolmentStatus | None = None
        for change in self.history:
            if change.on > day:
                break
            found = change.status
        return found

    def entered_on(self, status: EnrolmentStatus) -> date | None:
        """The last day the enrolment entered ``status``, if it ever did."""
        for change in reversed(self.history):
            if change.status is status:
                return change.on
        return None

    @property
    def enrolled_on(self) -> date | None:
        """The day of the first entry in the history, if any."""
        return self.history[0].on if self.history else None

    @property
    def ended_on(self) -> date | None:
        """The day the enrolment reached a final state, if it has."""
        if self.status in FINAL_STATES and self.history:
            return self.history[-1].on
        return None


@frozen
class Attendance:
    """Attendance of one enrolment at one session (Anwesenheit)."""

    enrolment_id: str = field(validator=v.identifier)
    session_number: int = field(validator=v.integer(1, 1000))
    status: AttendanceStatus = field(validator=v.member_of(AttendanceStatus))
