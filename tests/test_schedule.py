"""Session planning around public holidays, attendance rates and the completion rule."""

from __future__ import annotations

from datetime import date, time, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arbeit_gesundheit import (
    Attendance,
    AttendanceStatus,
    Enrolment,
    EnrolmentStatus,
    Land,
    Offering,
    Site,
)
from arbeit_gesundheit.exceptions import InvalidFieldError, ScheduleError
from arbeit_gesundheit.participation import (
    CompletionRule,
    attendance_count,
    attendance_rate,
    custom_sessions,
    is_complete,
    public_holidays,
    weekly_sessions,
)

A = AttendanceStatus


def offering(start: date, weeks: int = 12, capacity: int = 15) -> Offering:
    return Offering(
        id="O1",
        module_id="M1",
        starts_on=start,
        ends_on=start + timedelta(weeks=weeks),
        capacity=capacity,
    )


def test_weekly_sessions_skip_land_holidays() -> None:
    # Thursdays from 2025-05-22: Ascension (29 May) everywhere; Corpus Christi (19 June) in NW
    # but not in Thuringia (TH).
    o = offering(date(2025, 5, 22), weeks=8)
    nw = weekly_sessions(o, Land.NW, count=6)
    th = weekly_sessions(o, Land.TH, count=6)
    assert date(2025, 5, 29) not in {s.on for s in nw}
    assert date(2025, 6, 19) not in {s.on for s in nw}
    assert date(2025, 6, 19) in {s.on for s in th}
    assert [s.on for s in nw] == [
        date(2025, 5, 22),
        date(2025, 6, 5),
        date(2025, 6, 12),
        date(2025, 6, 26),
        date(2025, 7, 3),
        date(2025, 7, 10),
    ]
    assert [s.number for s in nw] == [1, 2, 3, 4, 5, 6]


def test_reformation_day_in_thuringia_not_in_nrw() -> None:
    # 31 October 2025 is a Friday
    o = offering(date(2025, 10, 24), weeks=2)
    assert date(2025, 10, 31) not in {s.on for s in weekly_sessions(o, Land.TH)}
    assert date(2025, 10, 31) in {s.on for s in weekly_sessions(o, Land.NW)}


def test_site_gives_the_land_and_options_pass_through() -> None:
    site = Site(id="unstrut-hainich", name="Jobcenter Unstrut-Hainich-Kreis", land=Land.TH)
    o = offering(date(2025, 1, 6), weeks=3)
    sessions = weekly_sessions(o, site, starts_at=time(9, 30), minutes=90)
    assert all(s.starts_at == time(9, 30) and s.minutes == 90 for s in sessions)
    assert all(s.offering_id == "O1" for s in sessions)


def test_too_many_sessions_requested() -> None:
    o = offering(date(2025, 12, 18), weeks=1)  # Thursdays 18 and 25 Dec (Christmas)
    with pytest.raises(ScheduleError, match="only 1 of 3"):
        weekly_sessions(o, Land.BY, count=3)


def test_every_other_week() -> None:
    o = offering(date(2025, 9, 1), weeks=8)
    days = [s.on for s in weekly_sessions(o, Land.NW, every_weeks=2)]
    assert days == [date(2025, 9, 1) + timedelta(weeks=2 * n) for n in range(5)]


def test_custom_sessions() -> None:
    o = offering(date(2025, 4, 14), weeks=3)
    days = [date(2025, 4, 25), date(2025, 4, 14), date(2025, 4, 18)]  # 18 April: Good Friday
    assert [s.on for s in custom_sessions(o, days)] == sorted(days)
    sessions = custom_sessions(o, days, Land.HE)
    assert [(s.number, s.on) for s in sessions] == [(1, date(2025, 4, 14)), (2, date(2025, 4, 25))]
    with pytest.raises(ScheduleError, match="outside"):
        custom_sessions(o, [date(2025, 6, 1)])
    with pytest.raises(ScheduleError, match="twice"):
        custom_sessions(o, [date(2025, 4, 14), date(2025, 4, 14)])


def test_public_holidays_in_german_and_english() -> None:
    de = public_holidays(Land.NW, date(2025, 12, 24), date(2025, 12, 31))
    en = public_holidays(Land.NW, date(2025, 12, 24), date(2025, 12, 31), lang="en")
    assert set(de) == set(en) == {date(2025, 12, 25), date(2025, 12, 26)}
    assert "Weihnacht" in de[date(2025, 12, 25)]
    assert "Christmas" in en[date(2025, 12, 25)]


def test_bad_schedule_arguments() -> None:
    o = offering(date(2025, 1, 6))
    with pytest.raises(ScheduleError):
        weekly_sessions(o, "NW")  # type: ignore[arg-type]
    with pytest.raises(ScheduleError):
        weekly_sessions(o, Land.NW, every_weeks=0)
    with pytest.raises(ScheduleError):
        weekly_sessions("O1", Land.NW)  # type: ignore[arg-type]


@given(
    st.dates(date(2023, 1, 1), date(2030, 12, 31)),
    st.integers(1, 20),
    st.sampled_from(list(Land)),
    st.integers(1, 3),
)
def test_weekly_sessions_properties(start: date, weeks: int, land: Land, every: int) -> None:
    o = offering(start, weeks=weeks)
    closed = holidays.Germany(subdiv=land.value, years=range(start.year, start.year + 2))
    try:
        sessions = weekly_sessions(o, land, every_weeks=every)
    except ScheduleError:
        # only when every candidate day is a holiday
        candidates = [start + timedelta(weeks=every * n) for n in range(weeks // every + 1)]
        assert all(day in closed for day in candidates if day <= o.ends_on)
        return
    days = [s.on for s in sessions]
    assert days == sorted(set(days))
    assert all(o.starts_on <= d <= o.ends_on for d in days)
    assert all(d.weekday() == start.weekday() for d in days)
    assert all((d - start).days % (7 * every) == 0 for d in days)
    assert not any(d in closed for d in days)
    expected = [
        start + timedelta(weeks=every * n)
        for n in range(weeks // every + 1)
        if start + timedelta(weeks=every * n) not in closed
    ]
    assert days == expected
    assert [s.number for s in sessions] == list(range(1, len(sessions) + 1))


# -- attendance and completion ---------------------------------------------------------------


def enrolment(eid: str = "E1") -> Enrolment:
    return Enrolment.create(eid, "P-001", "O1", date(2025, 1, 6), EnrolmentStatus.REGISTERED)


def ten_sessions() -> tuple:
    return weekly_sessions(offering(date(2025, 1, 6), weeks=12), Land.NW, count=10)


def marks(statuses: list[AttendanceStatus], eid: str = "E1") -> list[Attendance]:
    return [
        Attendance(enrolment_id=eid, session_number=n, status=s)
        for n, s in enumerate(statuses, start=1)
    ]


def test_eighty_percent_exactly_completes() -> None:
    sessions = ten_sessions()
    eight = marks([A.PRESENT] * 8 + [A.ABSENT] * 2)
    seven = marks([A.PRESENT] * 7 + [A.ABSENT] * 3)
    assert attendance_rate(enrolment(), sessions, eight) == 0.8
    assert is_complete(enrolment(), sessions, eight)
    assert not is_complete(enrolment(), sessions, seven)


def test_excused_absences_count_only_if_the_rule_says_so() -> None:
    sessions = ten_sessions()
    records = marks([A.PRESENT] * 7 + [A.EXCUSED, A.ABSENT, A.ABSENT])
    assert not is_complete(enrolment(), sessions, records)
    lenient = CompletionRule(excused_counts=True)
    assert is_complete(enrolment(), sessions, records, lenient)
    count = attendance_count(enrolment(), sessions, records)
    assert (count.sessions, count.present, count.excused, count.absent) == (10, 7, 1, 2)


def test_missing_records_count_as_absent_and_others_are_ignored() -> None:
    sessions = ten_sessions()
    records = marks([A.PRESENT] * 5) + marks([A.PRESENT] * 10, eid="E2")
    assert attendance_rate(enrolment(), sessions, records) == 0.5


def test_rules_per_module() -> None:
    sessions = ten_sessions()
    records = marks([A.PRESENT] * 6)
    rules = {"M-short": CompletionRule(min_share=0.6)}
    assert is_complete(enrolment(), sessions, records, rules, module_id="M-short")
    assert not is_complete(enrolment(), sessions, records, rules, module_id="M-other")


def test_as_of_counts_only_sessions_held() -> None:
    sessions = ten_sessions()
    records = marks([A.PRESENT] * 3)
    count = attendance_count(enrolment(), sessions, records, as_of=sessions[2].on)
    assert (count.sessions, count.present) == (3, 3)


def test_attendance_errors() -> None:
    sessions = ten_sessions()
    with pytest.raises(ScheduleError, match="unknown session"):
        attendance_count(enrolment(), sessions, [Attendance("E1", 11, A.PRESENT)])
    with pytest.raises(ScheduleError, match="two attendance"):
        attendance_count(
            enrolment(), sessions, [Attendance("E1", 1, A.PRESENT), Attendance("E1", 1, A.ABSENT)]
        )
    with pytest.raises(ScheduleError, match="no sessions"):
        attendance_count(enrolment(), (), [])
    with pytest.raises(InvalidFieldError):
        CompletionRule(min_share=1.5)
    with pytest.raises(InvalidFieldError):
        CompletionRule(min_share=0)


@given(
    st.lists(st.sampled_from(list(AttendanceStatus)), min_size=1, max_size=30),
    st.integers(1, 100),
    st.booleans(),
)
def test_completion_matches_integer_arithmetic(
    statuses: list[AttendanceStatus], percent: int, excused: bool
) -> None:
    start = date(2025, 1, 6)
    o = offering(start, weeks=len(statuses) + 1)
    sessions = custom_sessions(o, [start + timedelta(days=n) for n in range(len(statuses))])
    rule = CompletionRule(min_share=percent / 100, excused_counts=excused)
    attended = sum(1 for s in statuses if s is A.PRESENT or (excused and s is A.EXCUSED))
    records = marks(statuses)
    assert is_complete(enrolment(), sessions, records, rule) is (
        100 * attended >= percent * len(statuses)
    )
    rate = attendance_rate(enrolment(), sessions, records, rule=rule)
    assert 0.0 <= rate <= 1.0
    assert rate == attended / len(statuses)
