"""Strategies for participation: status changes, enrolments with valid histories, attendance.

An enrolment's history follows the lifecycle (``TRANSITIONS``) from a state enrolments start
in to its current status, in date order; dropped enrolments carry a reason.
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...model import (
    Attendance,
    AttendanceStatus,
    DropoutReason,
    Enrolment,
    EnrolmentStatus,
    StatusChange,
)
from ...model._participation import INITIAL_STATES, TRANSITIONS
from ._primitives import _day_offsets, _days_after, _or, dates, identifiers
from ._primitives import pseudonyms as _pseudonyms

__all__ = ["attendances", "enrolments", "status_changes"]


@st.composite
def _status_change(
    draw: st.DrawFn,
    *,
    statuses: SearchStrategy[EnrolmentStatus],
    on: SearchStrategy[date],
    reasons: SearchStrategy[DropoutReason | None] | None,
) -> StatusChange:
    status = draw(statuses)
    if reasons is not None:
        reason = draw(reasons)
    elif status is EnrolmentStatus.DROPPED:
        reason = draw(st.sampled_from(DropoutReason))
    else:
        reason = None
    return StatusChange(status=status, on=draw(on), reason=reason)


def status_changes(
    *,
    statuses: SearchStrategy[EnrolmentStatus] | None = None,
    on: SearchStrategy[date] | None = None,
    reasons: SearchStrategy[DropoutReason | None] | None = None,
) -> SearchStrategy[StatusChange]:
    """:class:`~arbeit_gesundheit.StatusChange` values (single history entries).

    Without ``reasons``, a reason is drawn for ``dropped`` entries only.
    """
    return _status_change(
        statuses=_or(statuses, lambda: st.sampled_from(EnrolmentStatus)),
        on=_or(on, dates),
        reasons=reasons,
    )


def _predecessors(status: EnrolmentStatus) -> list[EnrolmentStatus]:
    return [s for s in EnrolmentStatus if status in TRANSITIONS[s]]


@st.composite
def _enrolment(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    participants: SearchStrategy[str],
    offering_ids: SearchStrategy[str],
    statuses: SearchStrategy[EnrolmentStatus],
    enrolled_on: SearchStrategy[date],
    with_history: SearchStrategy[bool],
    step_days: SearchStrategy[int],
    dropout_reasons: SearchStrategy[DropoutReason],
) -> Enrolment:
    status = draw(statuses)
    reason = draw(dropout_reasons) if status is EnrolmentStatus.DROPPED else None
    history = []
    if draw(with_history):
        # Walk the lifecycle backwards from the current status to a state enrolments start in.
        path = [status]
        while path[0] not in INITIAL_STATES or (_predecessors(path[0]) and draw(st.booleans())):
            path.insert(0, draw(st.sampled_from(_predecessors(path[0]))))
        day = draw(enrolled_on)
        for index, entry_status in enumerate(path):
            if index:
                day = _days_after(day, draw(step_days))
            entry_reason = reason if entry_status is EnrolmentStatus.DROPPED else None
            history.append(StatusChange(status=entry_status, on=day, reason=entry_reason))
    return Enrolment(
        id=draw(ids),
        participant=draw(participants),
        offering_id=draw(offering_ids),
        status=status,
        history=history,
        dropout_reason=reason,
    )


def enrolments(
    *,
    ids: SearchStrategy[str] | None = None,
    participants: SearchStrategy[str] | None = None,
    offering_ids: SearchStrategy[str] | None = None,
    statuses: SearchStrategy[EnrolmentStatus] | None = None,
    enrolled_on: SearchStrategy[date] | None = None,
    with_history: SearchStrategy[bool] | None = None,
    step_days: SearchStrategy[int] | None = None,
    dropout_reasons: SearchStrategy[DropoutReason] | None = None,
) -> SearchStrategy[Enrolment]:
    """:class:`~arbeit_gesundheit.Enrolment` values (Teilnahmeplätze) with a valid history.

    ``participants`` draws pseudonyms. When ``with_history`` draws True (mostly, by
    default), the history follows the lifecycle (``arbeit_gesundheit.participation.TRANSITIONS``) from a state
    enrolments start in to the current status, starting on ``enrolled_on`` and advancing
    ``step_days`` (0-60) per entry; otherwise it is empty. Dropped enrolments carry a
    reason from ``dropout_reasons``, others none.
    """
    return _enrolment(
        ids=_or(ids, identifiers),
        participants=_or(participants, _pseudonyms),
        offering_ids=_or(offering_ids, identifiers),
        statuses=_or(statuses, lambda: st.sampled_from(EnrolmentStatus)),
        enrolled_on=_or(enrolled_on, dates),
        with_history=_or(with_history, lambda: st.sampled_from([True, True, True, False])),
        step_days=_or(step_days, lambda: _day_offsets(60)),
        dropout_reasons=_or(dropout_reasons, lambda: st.sampled_from(DropoutReason)),
    )


def attendances(
    *,
    enrolment_ids: SearchStrategy[str] | None = None,
    session_numbers: SearchStrategy[int] | None = None,
    statuses: SearchStrategy[AttendanceStatus] | None = None,
) -> SearchStrategy[Attendance]:
    """:class:`~arbeit_gesundheit.Attendance` values (Anwesenheit)."""
    return st.builds(
        Attendance,
        enrolment_id=_or(enrolment_ids, identifiers),
        session_number=_or(session_numbers, lambda: st.integers(1, 1000)),
        status=_or(statuses, lambda: st.sampled_from(AttendanceStatus)),
    )
