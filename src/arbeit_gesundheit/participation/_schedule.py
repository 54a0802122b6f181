"""Session planning (Kurstermine), attendance and the completion rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, time, timedelta
from fractions import Fraction

import holidays
from attrs import Attribute, field, frozen

from ..exceptions import ScheduleError
from ..model import Attendance, AttendanceStatus, Enrolment, Land, Language, Offering, Session, Site
from ..model import _validators as v

__all__ = [
    "AttendanceCount",
    "CompletionRule",
    "attendance_count",
    "attendance_rate",
    "custom_sessions",
    "is_complete",
    "public_holidays",
    "weekly_sessions",
]


def _land_of(where: Land | Site) -> Land:
    if isinstance(where, Site):
        return where.land
    if type(where) is Land:
        return where
    raise ScheduleError(f"expected a Land or a Site, got {where!r}")


def _check_offering(offering: object) -> Offering:
    if not isinstance(offering, Offering):
        raise ScheduleError(f"expected an Offering, got {offering!r}")
    return offering


def public_holidays(
    where: Land | Site, start: date, end: date, *, lang: Language = "de"
) -> dict[date, str]:
    """The public holidays (Feiertage) of a Land from ``start`` through ``end``, by day.

    Uses the ``holidays`` package with the Land's ISO subdivision code, so Land-specific days
    count (Reformationstag in Thuringia, Fronleichnam in North Rhine-Westphalia, ...).
    """
    land = _land_of(where)
    if type(start) is not date or type(end) is not date or end < start:
        raise ScheduleError(f"expected two dates in order, got {start!r} and {end!r}")
    calendar = holidays.country_holidays(
        "DE",
        subdiv=land.value,
        years=range(start.year, end.year + 1),
        language="de" if lang == "de" else "en_US",
    )
    return {day: str(name) for day, name in sorted(calendar.items()) if start <= day <= end}


def _sessions(
    offering: Offering, days: Iterable[date], starts_at: time | None, minutes: int | None
) -> tuple[Session, ...]:
    return tuple(
        Session(offering_id=offering.id, number=n, on=day, starts_at=starts_at, minutes=minutes)
        for n, day in enumerate(days, start=1)
    )


def weekly_sessions(
    offering: Offering,
    where: Land | Site,
    *,
    count: int | None = None,
    every_weeks: int = 1,
    starts_at: time | None = None,
    minutes: int | None = None,
) -> tuple[Session, ...]:
    """Plan weekly sessions from the offering's first day, skipping public holidays.

    Sessions fall on the weekday of ``offering.starts_on``, every ``every_weeks`` weeks, up to
    ``offering.ends_on``. A week whose day is a public holiday of the Land has no session (the
    series is not shifted to another weekday). With ``count``, the first ``count`` sessions are
    returned and :class:`ScheduleError` says so when fewer fit before the end.
    """
    offering = _check_offering(offering)
    land = _land_of(where)
    if type(every_weeks) is not int or not 1 <= every_weeks <= 52:
        raise ScheduleError(
            f"every_weeks: expected a whole number from 1 to 52, got {every_weeks!r}"
        )
    if count is not None and (type(count) is not int or not 1 <= count <= 1000):
        raise ScheduleError(f"count: expected a whole number from 1 to 1000, got {count!r}")
    closed = public_holidays(land, offering.starts_on, offering.ends_on)
    step = timedelta(weeks=every_weeks)
    days: list[date] = []
    day = offering.starts_on
    while day <= offering.ends_on and (count is None or len(days) < count):
        if day not in closed:
            days.append(day)
        day += step
    if count is not None and len(days) < count:
        raise ScheduleError(
            f"offering {offering.id}: only {len(days)} of {count} weekly sessions fit between "
            f"{offering.starts_on} and {offering.ends_on} outside public holidays in {land.value}"
        )
    if not days:
        raise ScheduleError(f"offering {offering.id}: no session day outside public holidays")
    return _sessions(offering, days, starts_at, minutes)


def custom_sessions(
    offering: Offering,
    days: Iterable[date],
    where: Land | Site | None = None,
    *,
    starts_at: time | None = None,
    minutes: int | None = None,
) -> tuple[Session, ...]:
    """Sessions on the given days, numbered in date order.

    Days must be distinct and within the offering's dates. With ``where`` (a Land or Site),
    days that are public holidays there are left out, as in :func:`weekly_sessions`.
    """
    offering = _check_offering(offering)
    chosen = list(days)
    for day in chosen:
        if type(day) is not date:
            raise ScheduleError(f"expected dates (YYYY-MM-DD), got {day!r}")
        if not offering.starts_on <= day <= offering.ends_on:
            raise ScheduleError(
                f"offering {offering.id}: {day} lies outside "
                f"{offering.starts_on}..{offering.ends_on}"
            )
    if len(set(chosen)) != len(chosen):
        raise ScheduleError(f"offering {offering.id}: a session day is given twice")
    if where is not None:
        closed = public_holidays(where, offering.starts_on, offering.ends_on)
        chosen = [day for day in chosen if day not in closed]
    if not chosen:
        raise ScheduleError(f"offering {offering.id}: no session day left")
    return _sessions(offering, sorted(chosen), starts_at, minutes)


def _check_share(rule: CompletionRule, attr: Attribute[float], value: float) -> None:
    if type(value) not in (float, int) or not 0 < value <= 1:
        v.fail(rule, attr, "a share greater than 0 and at most 1", value)


@frozen
class CompletionRule:
    """When attendance counts as completing a module (Abschlusskriterium).

    Default: present at no less than 80 % of the sessions (the usual condition for
    health-insurer refunds of prevention courses). An excused absence (entschuldigt) does not
    count as attendance unless ``excused_counts`` is set; sessions without an attendance
    record count as absences.
    """

    min_share: float = field(default=0.8, validator=_check_share)
    excused_counts: bool = field(default=False, validator=v.boolean)

    @property
    def exact_share(self) -> Fraction:
        """``min_share`` as an exact fraction (0.8 -> 4/5), so 8 of 10 is exactly enough."""
        return Fraction(repr(self.min_share))


@frozen
class AttendanceCount:
    """How one enrolment attended the sessions of its offering."""

    sessions: int
    present: int
    excused: int
    absent: int

    def attended(self, rule: CompletionRule | None = None) -> int:
        """Sessions counted as attended under ``rule`` (default rule: present only)."""
        rule = rule or CompletionRule()
        return self.present + (self.excused if rule.excused_counts else 0)

    def rate(self, rule: CompletionRule | None = None) -> Fraction:
        """Share of sessions attended, as an exact fraction."""
        return Fraction(self.attended(rule), self.sessions)


def attendance_count(
    enrolment: Enrolment,
    sessions: Iterable[Session],
    attendances: Iterable[Attendance],
    *,
    as_of: date | None = None,
) -> AttendanceCount:
    """Count an enrolment's attendance over its offering's sessions.

    Only sessions of the enrolment's offering count (with ``as_of``, only those held on or
    before that day); attendances of other enrolments are ignored. An attendance for a session
    that does not exist, or two for the same session, raise :class:`ScheduleError`.
    """
    if not isinstance(enrolment, Enrolment):
        raise ScheduleError(f"expected an Enrolment, got {enrolment!r}")
    numbers = {
        s.number
        for s in sessions
        if s.offering_id == enrolment.offering_id and (as_of is None or s.on <= as_of)
    }
    if not numbers:
        raise ScheduleError(f"enrolment {enrolment.id}: its offering has no sessions to count")
    all_numbers = numbers if as_of is None else None
    seen: dict[int, AttendanceStatus] = {}
    for a in attendances:
        if a.enrolment_id != enrolment.id:
            continue
        if a.session_number in seen:
            raise ScheduleError(
                f"enrolment {enrolment.id}: two attendance records for session {a.session_number}"
            )
        if a.session_number not in numbers:
            if all_numbers is not None:
                raise ScheduleError(
                    f"enrolment {enrolment.id}: attendance for unknown session {a.session_number}"
                )
            continue
        seen[a.session_number] = a.status
    present = sum(1 for s in seen.values() if s is AttendanceStatus.PRESENT)
    excused = sum(1 for s in seen.values() if s is AttendanceStatus.EXCUSED)
    return AttendanceCount(
        sessions=len(numbers),
        present=present,
        excused=excused,
        absent=len(numbers) - present - excused,
    )


def attendance_rate(
    enrolment: Enrolment,
    sessions: Iterable[Session],
    attendances: Iterable[Attendance],
    *,
    rule: CompletionRule | None = None,
    as_of: date | None = None,
) -> float:
    """Share of the offering's sessions the enrolment attended (0.0-1.0)."""
    return float(attendance_count(enrolment, sessions, attendances, as_of=as_of).rate(rule))


def is_complete(
    enrolment: Enrolment,
    sessions: Iterable[Session],
    attendances: Iterable[Attendance],
    rule: CompletionRule | Mapping[str, CompletionRule] | None = None,
    *,
    module_id: str | None = None,
) -> bool:
    """Whether the enrolment's attendance meets the completion rule.

    ``rule`` is one rule, or rules by module identifier (then ``module_id`` picks one and a
    module without its own rule uses the default). Exact arithmetic: 8 of 10 sessions meets
    80 %. The enrolment's status is not consulted; this is the attendance criterion only.
    """
    if isinstance(rule, Mapping):
        chosen = rule.get(module_id or "", CompletionRule())
    else:
        chosen = rule or CompletionRule()
    if not isinstance(chosen, CompletionRule):
        raise ScheduleError(f"expected a CompletionRule, got {chosen!r}")
    count = attendance_count(enrolment, sessions, attendances)
    return count.rate(chosen) >= chosen.exact_share
