"""Participation of one person: enrolments with their status histories, and attendance.

For each offering a person chose: referral, waiting list (when the run is full, or by
chance), registration, then a no-show, a dropout with a reason, or completion, and a
present/excused/absent mark for every session held while enrolled. Dropping out to take up
work is remembered as an outcome for the person.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import NamedTuple

from ..model import Site
from ._offerings import _Offering
from ._state import Record, _iso

__all__ = ["_participate"]

_DROP_REASONS = (
    "took_up_work",
    "illness",
    "lost_motivation",
    "care_duties",
    "moved_away",
    "offer_unsuitable",
    "other",
)
_DROP_WEIGHTS = (25, 22, 20, 10, 5, 10, 8)


class _Participation(NamedTuple):
    """What a person's enrolments leave for the rest of their records."""

    enrolments: list[Record]
    attendances: list[Record]
    started_ends: list[date]
    completed_any: bool
    work_on: date | None


def _participate(  # noqa: PLR0915 - every enrolment, start to end
    rng: random.Random,
    site: Site,
    pseudonym: str,
    runs: list[_Offering],
    *,
    offerings: dict[str, list[_Offering]],
    counter: list[int],
) -> _Participation:
    """Enrol ``pseudonym`` in each of ``runs`` (sorted by start), in order; ``counter`` numbers
    the site's enrolments."""
    enrolments: list[Record] = []
    attendances: list[Record] = []
    started_ends: list[date] = []
    completed_any = False
    work_on: date | None = None
    for planned in runs:
        run = planned
        counter[0] += 1
        eid = f"{site.id}-e{counter[0]:07d}"
        registered = run.days[0] - timedelta(days=rng.randint(3, 30))
        referred = rng.random() < 0.2
        if rng.random() < 0.03:
            history = [{"status": "referred", "on": _iso(registered), "reason": None}]
            enrolments.append(_enrolment(eid, pseudonym, run, history))
            continue
        if run.filled >= run.capacity:
            alternatives = [r for r in offerings[run.module.id] if r.filled < r.capacity]
            if alternatives and rng.random() < 0.7:
                run = rng.choice(alternatives)
                registered = run.days[0] - timedelta(days=rng.randint(3, 30))
            else:
                history = _prefix(rng, referred, registered)
                history.append({"status": "waitlisted", "on": _iso(registered), "reason": None})
                enrolments.append(_enrolment(eid, pseudonym, run, history))
                continue
        run.filled += 1
        if rng.random() < 0.08:
            waited = registered - timedelta(days=rng.randint(7, 21))
            history = _prefix(rng, referred, waited)
            history.append({"status": "waitlisted", "on": _iso(waited), "reason": None})
        else:
            history = _prefix(rng, referred, registered)
        history.append({"status": "registered", "on": _iso(registered), "reason": None})
        fate = rng.random()
        days = run.days
        if fate < 0.07:
            history.append({"status": "no_show",
                            "on": _iso(days[0] + timedelta(days=rng.randint(0, 7))),
                            "reason": None})  # fmt: skip
            enrolments.append(_enrolment(eid, pseudonym, run, history))
            continue
        history.append({"status": "active", "on": _iso(days[0]), "reason": None})
        if fate < 0.25 and len(days) > 1:  # one-session offers cannot be left midway
            last = rng.randint(1, len(days) - 1)
            reason = rng.choices(_DROP_REASONS, _DROP_WEIGHTS)[0]
            end = days[last - 1] + timedelta(days=rng.randint(0, 6))
            history.append({"status": "dropped", "on": _iso(end), "reason": reason})
            enrolments.append(_enrolment(eid, pseudonym, run, history, reason))
            present_p = 0.7
            held = last
            if reason == "took_up_work" and (work_on is None or end < work_on):
                work_on = end
        else:
            end = days[-1]
            history.append({"status": "completed", "on": _iso(end), "reason": None})
            enrolments.append(_enrolment(eid, pseudonym, run, history))
            present_p = 0.86 + rng.random() * 0.12
            held = len(days)
            completed_any = True
        started_ends.append(end)
        random_ = rng.random
        for number in range(1, held + 1):
            r = random_()
            status = (
                "present" if r < present_p else ("excused" if r < present_p + 0.08 else "absent")
            )
            attendances.append({"type": "attendance", "enrolment_id": eid,
                                "session_number": number, "status": status})  # fmt: skip

    return _Participation(enrolments, attendances, started_ends, completed_any, work_on)


def _prefix(rng: random.Random, referred: bool, before: date) -> list[Record]:
    if not referred:
        return []
    on = before - timedelta(days=rng.randint(3, 14))
    return [{"status": "referred", "on": _iso(on), "reason": None}]


def _enrolment(
    eid: str, pseudonym: str, run: _Offering, history: list[Record], reason: str | None = None
) -> Record:
    return {"type": "enrolment", "id": eid, "participant": pseudonym, "offering_id": run.id,
            "status": history[-1]["status"], "history": history,
            "dropout_reason": reason}  # fmt: skip
