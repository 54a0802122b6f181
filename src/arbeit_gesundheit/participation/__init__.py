"""Participation: the enrolment lifecycle and an offering's roster (places and waitlist).

An :class:`Enrolment` (Anmeldung, Teilnahmeplatz) moves through the states of
:data:`TRANSITIONS` with :meth:`Enrolment.transition`, which returns a new record with its
dated history extended. An :class:`OfferingRoster` enforces an offering's capacity, fills
freed places from the waitlist in order, refuses a second open enrolment of the same person
and checks consent to participation and to health-data processing on the day.

Sessions (Kurstermine) skipping public holidays, attendance and the completion rule.
"""

from __future__ import annotations

from ..model import Attendance, Enrolment, StatusChange
from ..model._participation import (
    FINAL_STATES,
    INITIAL_STATES,
    PLACE_HOLDING_STATES,
    TRANSITIONS,
    allowed_transitions,
)
from ._roster import REQUIRED_CONSENTS, OfferingRoster, missing_consents
from ._schedule import (
    AttendanceCount,
    CompletionRule,
    attendance_count,
    attendance_rate,
    custom_sessions,
    is_complete,
    public_holidays,
    weekly_sessions,
)

__all__ = [
    "FINAL_STATES",
    "INITIAL_STATES",
    "PLACE_HOLDING_STATES",
    "REQUIRED_CONSENTS",
    "TRANSITIONS",
    "Attendance",
    "AttendanceCount",
    "CompletionRule",
    "Enrolment",
    "OfferingRoster",
    "StatusChange",
    "allowed_transitions",
    "attendance_count",
    "attendance_rate",
    "custom_sessions",
    "is_complete",
    "missing_consents",
    "public_holidays",
    "weekly_sessions",
]
