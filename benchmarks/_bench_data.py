"""Deterministic synthetic data for the benchmarks: a site's data file as JSON-ready data.

Seeded :mod:`random`, not Hypothesis: every run (and every library in a run) sees exactly the
same document. Sets are written as sorted lists without repetitions, as ``dumps`` writes them.
The document holds only participants and enrolments, the part of a data file the benchmark's
pydantic and msgspec schemas also define.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from arbeit_gesundheit import (
    BenefitType,
    ConsentPurpose,
    DailyWorkCapacity,
    DataCategory,
    DropoutReason,
    EnrolmentStatus,
    Gender,
    LegalBasis,
    RestrictionCategory,
    Severity,
    WorkLimitation,
)

__all__ = ["make_document"]

_SITES = ("gelsenkirchen", "duisburg", "viersen", "ilm-kreis", "unstrut-hainich")
_DISTRICTS = ("05513", "05112", "05166", "16070", "16064", None)
_PARTNERS = ("aok-plus", "tk", "bildungswerk", "ssb-duisburg", "fitx", "gesundheitsamt")
_EPOCH = date(2015, 1, 1)

# Status paths an enrolment can take, oldest first; the last entry is the current status.
_PATHS: tuple[tuple[EnrolmentStatus, ...], ...] = (
    (EnrolmentStatus.REGISTERED, EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED),
    (EnrolmentStatus.REFERRED, EnrolmentStatus.REGISTERED, EnrolmentStatus.ACTIVE),
    (EnrolmentStatus.REGISTERED, EnrolmentStatus.ACTIVE, EnrolmentStatus.DROPPED),
    (EnrolmentStatus.REGISTERED, EnrolmentStatus.NO_SHOW),
    (EnrolmentStatus.WAITLISTED, EnrolmentStatus.REGISTERED),
    (EnrolmentStatus.REFERRED,),
)


def _day(rng: random.Random, start: date = _EPOCH, span: int = 3650) -> date:
    return start + timedelta(days=rng.randrange(span))


def _subset(rng: random.Random, values: list[str], most: int) -> list[str]:
    return sorted(rng.sample(values, rng.randint(0, most)))


def _restriction(rng: random.Random) -> dict[str, Any]:
    work_capacity = None
    if rng.random() < 0.4:
        work_capacity = {
            "daily": rng.choice([*(m.value for m in DailyWorkCapacity), None]),
            "limitations": _subset(rng, [m.value for m in WorkLimitation], 3),
            "assessed_on": _day(rng).isoformat() if rng.random() < 0.7 else None,
        }
    return {
        "category": rng.choice(list(RestrictionCategory)).value,
        "severity": rng.choice([*(m.value for m in Severity), None]),
        "work_capacity": work_capacity,
    }


def _consent(rng: random.Random) -> dict[str, Any]:
    purpose = rng.choice(list(ConsentPurpose))
    given = _day(rng)
    expires = given + timedelta(days=rng.randrange(365, 1100)) if rng.random() < 0.6 else None
    withdrawn = given + timedelta(days=rng.randrange(1, 400)) if rng.random() < 0.1 else None
    recipients = (
        sorted(rng.sample(_PARTNERS, rng.randint(1, 2)))
        if purpose is ConsentPurpose.DATA_SHARING
        else []
    )
    return {
        "purpose": purpose.value,
        "given_on": given.isoformat(),
        "legal_basis": rng.choice(list(LegalBasis)).value,
        "expires_on": expires.isoformat() if expires else None,
        "withdrawn_on": withdrawn.isoformat() if withdrawn else None,
        "data_categories": _subset(rng, [m.value for m in DataCategory], 3),
        "recipients": recipients,
    }


def _participant(rng: random.Random, index: int) -> dict[str, Any]:
    unemployed = _day(rng) if rng.random() < 0.9 else None
    return {
        "pseudonym": f"P-{index:07d}",
        "site_id": rng.choice(_SITES),
        "birth_year": rng.randint(1958, 2006),
        "benefit": rng.choice(list(BenefitType)).value,
        "gender": rng.choice([*(m.value for m in Gender), None]),
        "unemployed_since": unemployed.isoformat() if unemployed else None,
        "district_key": rng.choice(_DISTRICTS),
        "restrictions": [_restriction(rng) for _ in range(rng.randint(0, 3))],
        "consents": [_consent(rng) for _ in range(rng.randint(1, 3))],
    }


def _enrolment(rng: random.Random, number: int, pseudonym: str) -> dict[str, Any]:
    path = rng.choice(_PATHS)
    day = _day(rng)
    history = []
    for status in path:
        reason = (
            rng.choice(list(DropoutReason)).value if status is EnrolmentStatus.DROPPED else None
        )
        history.append({"status": status.value, "on": day.isoformat(), "reason": reason})
        day += timedelta(days=rng.randrange(0, 60))
    return {
        "id": f"E-{number:08d}",
        "participant": pseudonym,
        "offering_id": f"O-{rng.randrange(2000):04d}",
        "status": path[-1].value,
        "history": history,
        "dropout_reason": history[-1]["reason"],
    }


def make_document(participants: int, *, seed: int = 20_260_101) -> dict[str, Any]:
    """A Dataset document with ``participants`` people and about three enrolments each."""
    rng = random.Random(seed)
    people = [_participant(rng, i) for i in range(participants)]
    enrolments = []
    for person in people:
        for _ in range(rng.randint(1, 5)):
            enrolments.append(_enrolment(rng, len(enrolments), person["pseudonym"]))
    return {"format_version": 1, "participants": people, "enrolments": enrolments}
