"""The enrolment lifecycle: guarded transitions with a dated history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arbeit_gesundheit import (
    DropoutReason,
    Enrolment,
    EnrolmentStatus,
    converter,
)
from arbeit_gesundheit.exceptions import ArbeitGesundheitError, TransitionError
from arbeit_gesundheit.participation import (
    FINAL_STATES,
    INITIAL_STATES,
    TRANSITIONS,
    allowed_transitions,
)

S = EnrolmentStatus
DAY = date(2025, 3, 3)


def new(status: EnrolmentStatus = S.REFERRED, on: date = DAY) -> Enrolment:
    return Enrolment.create("E1", "P-001", "O1", on, status)


def test_documented_edges() -> None:
    assert dict(TRANSITIONS) == {
        S.REFERRED: {S.REGISTERED, S.WAITLISTED, S.DROPPED},
        S.WAITLISTED: {S.REGISTERED, S.DROPPED},
        S.REGISTERED: {S.ACTIVE, S.NO_SHOW, S.DROPPED},
        S.ACTIVE: {S.COMPLETED, S.DROPPED},
        S.COMPLETED: set(),
        S.DROPPED: set(),
        S.NO_SHOW: set(),
    }
    assert set(TRANSITIONS) == set(EnrolmentStatus)


def test_happy_path_records_a_dated_history() -> None:
    e = new()
    e = e.transition(S.REGISTERED, DAY + timedelta(days=1))
    e = e.transition(S.ACTIVE, DAY + timedelta(days=7))
    e = e.transition(S.COMPLETED, DAY + timedelta(days=70))
    assert e.status is S.COMPLETED
    assert [(c.status, c.on) for c in e.history] == [
        (S.REFERRED, DAY),
        (S.REGISTERED, DAY + timedelta(days=1)),
        (S.ACTIVE, DAY + timedelta(days=7)),
        (S.COMPLETED, DAY + timedelta(days=70)),
    ]
    assert e.enrolled_on == DAY
    assert e.ended_on == DAY + timedelta(days=70)
    assert e.is_final


def test_transition_returns_a_new_record() -> None:
    e = new()
    moved = e.transition(S.WAITLISTED, DAY)
    assert e.status is S.REFERRED
    assert len(e.history) == 1
    assert moved.status is S.WAITLISTED


def test_illegal_transition_names_from_to_and_allowed() -> None:
    e = new(S.REGISTERED)
    with pytest.raises(TransitionError) as caught:
        e.transition(S.COMPLETED, DAY)
    error = caught.value
    assert (error.current, error.target) == ("registered", "completed")
    assert error.allowed == ("active", "dropped", "no_show")
    message = str(error)
    assert "'registered'" in message
    assert "'completed'" in message
    assert "active, dropped, no_show" in message
    assert isinstance(error, ArbeitGesundheitError)


def test_final_state_says_none_allowed() -> None:
    e = new(S.REGISTERED).transition(S.NO_SHOW, DAY)
    with pytest.raises(TransitionError, match="none"):
        e.transition(S.ACTIVE, DAY)


def test_dropped_needs_a_reason() -> None:
    e = new(S.REGISTERED)
    with pytest.raises(TransitionError, match="reason is required"):
        e.transition(S.DROPPED, DAY)
    dropped = e.transition(S.DROPPED, DAY, reason=DropoutReason.ILLNESS)
    assert dropped.dropout_reason is DropoutReason.ILLNESS
    assert dropped.history[-1].reason is DropoutReason.ILLNESS


def test_reason_only_for_drops() -> None:
    with pytest.raises(TransitionError, match="only recorded"):
        new(S.REGISTERED).transition(S.ACTIVE, DAY, reason=DropoutReason.OTHER)


def test_dates_must_not_go_backwards() -> None:
    e = new(S.REGISTERED, DAY)
    with pytest.raises(TransitionError, match="before the last recorded day"):
        e.transition(S.ACTIVE, DAY - timedelta(days=1))
    assert e.transition(S.ACTIVE, DAY).status is S.ACTIVE  # same day is fine


def test_bad_arguments_are_library_errors() -> None:
    e = new(S.REGISTERED)
    with pytest.raises(TransitionError):
        e.transition("active", DAY)  # type: ignore[arg-type]
    with pytest.raises(TransitionError, match="date"):
        e.transition(S.ACTIVE, "2025-03-03")  # type: ignore[arg-type]


@pytest.mark.parametrize("status", [S.ACTIVE, S.COMPLETED, S.DROPPED, S.NO_SHOW])
def test_create_only_in_initial_states(status: EnrolmentStatus) -> None:
    with pytest.raises(TransitionError, match="starts as"):
        new(status)


def test_status_on_and_entered_on() -> None:
    e = new().transition(S.WAITLISTED, DAY + timedelta(days=2))
    e = e.transition(S.REGISTERED, DAY + timedelta(days=5))
    assert e.status_on(DAY - timedelta(days=1)) is None
    assert e.status_on(DAY + timedelta(days=3)) is S.WAITLISTED
    assert e.entered_on(S.WAITLISTED) == DAY + timedelta(days=2)
    assert e.entered_on(S.ACTIVE) is None


# -- properties: random walks through the state machine ------------------------------------


@st.composite
def walks(draw: st.DrawFn) -> tuple[Enrolment, list[tuple[EnrolmentStatus, date]]]:
    """An enrolment created in an initial state and a random walk of legal moves."""
    start = draw(st.sampled_from(sorted(INITIAL_STATES)))
    day = draw(st.dates(date(2020, 1, 1), date(2030, 1, 1)))
    enrolment = Enrolment.create("E1", "P-001", "O1", day, start)
    steps: list[tuple[EnrolmentStatus, date]] = []
    status = start
    while TRANSITIONS[status] and draw(st.booleans()):
        status = draw(st.sampled_from(allowed_transitions(status)))
        day = day + timedelta(days=draw(st.integers(0, 30)))
        steps.append((status, day))
    return enrolment, steps


@given(walks())
def test_legal_walks_succeed_and_history_grows(
    walk: tuple[Enrolment, list[tuple[EnrolmentStatus, date]]],
) -> None:
    enrolment, steps = walk
    for status, day in steps:
        reason = DropoutReason.OTHER if status is S.DROPPED else None
        before = enrolment
        enrolment = enrolment.transition(status, day, reason=reason)
        assert enrolment.history[:-1] == before.history
        assert enrolment.history[-1].status is status
        assert enrolment.history[-1].on == day
    days = [c.on for c in enrolment.history]
    assert days == sorted(days)
    assert enrolment.status is enrolment.history[-1].status
    assert enrolment.is_final is (enrolment.status in FINAL_STATES)
    # the record survives the converter round trip
    assert converter.structure(converter.unstructure(enrolment), Enrolment) == enrolment


@given(walks(), st.sampled_from(list(EnrolmentStatus)))
def test_every_move_outside_the_table_is_refused(
    walk: tuple[Enrolment, list[tuple[EnrolmentStatus, date]]], target: EnrolmentStatus
) -> None:
    enrolment, steps = walk
    for status, day in steps:
        reason = DropoutReason.OTHER if status is S.DROPPED else None
        enrolment = enrolment.transition(status, day, reason=reason)
    last = enrolment.history[-1].on
    reason = DropoutReason.OTHER if target is S.DROPPED else None
    if target in TRANSITIONS[enrolment.status]:
        assert enrolment.transition(target, last, reason=reason).status is target
    else:
        with pytest.raises(TransitionError) as caught:
            enrolment.transition(target, last, reason=reason)
        assert set(caught.value.allowed) == {s.value for s in TRANSITIONS[enrolment.status]}
