"""One synthetic participant and every record of theirs, drawn in a fixed order.

Age, gender, benefit and health restrictions (categories, never diagnoses); the modules they
take (restrictions make the matching fields likelier); their enrolments and attendance
(``_participation``); intake, unemployment and consents; then needs assessment, activity
plan, referral, WHO-5 before and after, PHQ-4 and outcomes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from ..model import FieldOfAction, RestrictionCategory, Site
from ._offerings import _Offering
from ._participation import _participate
from ._state import Record, _CohortState, _iso

__all__ = ["_person"]

# Which fields of action each restriction makes likelier.
_RESTRICTION_FIELDS: dict[str, tuple[FieldOfAction, ...]] = {
    "musculoskeletal": (FieldOfAction.MOVEMENT,),
    "mental": (FieldOfAction.STRESS, FieldOfAction.PSYCHOSOCIAL, FieldOfAction.RESILIENCE),
    "metabolic": (FieldOfAction.NUTRITION, FieldOfAction.MOVEMENT),
    "cardiovascular": (FieldOfAction.MOVEMENT, FieldOfAction.NUTRITION, FieldOfAction.STRESS),
    "addiction": (FieldOfAction.ADDICTION, FieldOfAction.PSYCHOSOCIAL),
    "respiratory": (FieldOfAction.MOVEMENT,),
}
_CATEGORIES = [c.value for c in RestrictionCategory]
_CATEGORY_WEIGHTS = [35, 30, 8, 10, 4, 3, 2, 6, 2]
_LIMITATIONS = (
    "no_heavy_lifting",
    "no_prolonged_standing",
    "no_prolonged_sitting",
    "no_overhead_work",
    "no_night_shifts",
    "no_time_pressure",
    "no_customer_contact",
    "no_heights",
)
_INTEGRATION_KINDS = (
    "employment",
    "marginal_employment",
    "vocational_training",
    "further_training",
    "self_employment",
)
_INTEGRATION_WEIGHTS = (45, 25, 10, 17, 3)
_RECOMMENDATION_FOR = {
    "musculoskeletal": "more_exercise",
    "mental": "psychosocial_support",
    "metabolic": "nutrition_change",
    "cardiovascular": "prevention_course",
    "addiction": "addiction_counselling",
}
_GOAL_TEXT = {
    FieldOfAction.MOVEMENT: ("Mehr Bewegung im Alltag", "zweimal pro Woche 30 Minuten gehen"),
    FieldOfAction.NUTRITION: ("Ausgewogener essen", "dreimal pro Woche selbst kochen"),
    FieldOfAction.STRESS: ("Stress besser bewältigen", "eine Entspannungsmethode üben"),
    FieldOfAction.ADDICTION: ("Weniger rauchen", "Rauchfrei-Kurs besuchen"),
    FieldOfAction.PSYCHOSOCIAL: ("Stabilität gewinnen", "Termine der Beratung wahrnehmen"),
    FieldOfAction.MOTIVATION: ("Tagesstruktur aufbauen", "feste Aufstehzeiten einhalten"),
    FieldOfAction.RESILIENCE: ("Eigene Stärken erkennen", "Stärkenprofil erstellen"),
    FieldOfAction.FAMILY: ("Familie aktiv erleben", "gemeinsamen Wochenendausflug planen"),
    FieldOfAction.ASSISTED_PLACEMENT: ("Passende Stelle finden", "fünf Bewerbungen schreiben"),
    FieldOfAction.CONSULTATION: ("Fragen klären", "Sprechstunde besuchen"),
}


def _consent(purpose: str, given: date, basis: str, expires: date | None,
             withdrawn: date | None) -> Record:  # fmt: skip
    return {
        "purpose": purpose,
        "given_on": _iso(given),
        "legal_basis": basis,
        "expires_on": _iso(expires) if expires else None,
        "withdrawn_on": _iso(withdrawn) if withdrawn else None,
        "data_categories": [],
        "recipients": [],
    }


def _person(  # noqa: PLR0915 - one participant, start to end
    state: _CohortState,
    site: Site,
    n: int,
    offerings: dict[str, list[_Offering]],
    counter: list[int],
) -> Iterator[Record]:
    rng = state.rng
    year = state.year
    pseudonym = f"{site.id}-{n:06d}"
    age = int(rng.triangular(18, 64, 50))
    gender = rng.choices(("female", "male", "diverse", "not_stated", None),
                         (470, 500, 5, 10, 15))[0]  # fmt: skip
    benefit = rng.choices(("sgb2", "sgb3", "both", "none"), (72, 18, 7, 3))[0]
    # restrictions
    restrictions: list[Record] = []
    count = rng.choices((0, 1, 2, 3), (35, 40, 18, 7))[0]
    categories: list[str] = []
    while len(categories) < count:
        cat = rng.choices(_CATEGORIES, _CATEGORY_WEIGHTS)[0]
        if cat not in categories:
            categories.append(cat)
    for cat in categories:
        capacity = None
        if rng.random() < 0.3:
            capacity = {
                "daily": rng.choices(("under_3h", "3h_to_6h", "6h_plus"), (1, 4, 5))[0],
                "limitations": sorted(rng.sample(_LIMITATIONS, rng.randint(0, 2))),
                "assessed_on": _iso(date(year - 1, 1, 1) + timedelta(days=rng.randrange(365))),
            }
        restrictions.append({"category": cat,
                             "severity": rng.choices(("mild", "moderate", "serious"), (4, 4, 2))[0],
                             "work_capacity": capacity})  # fmt: skip
    # which modules
    weights = list(state.module_weight)
    boosted = {f for cat in categories for f in _RESTRICTION_FIELDS.get(cat, ())}
    for i, module in enumerate(state.modules):
        if module.field_of_action in boosted:
            weights[i] *= 3.0
    k = rng.choices((1, 2, 3, 4, 5, 6), (20, 25, 20, 15, 12, 8))[0]
    k = max(1, round(k * state.per_person / 3.0))
    chosen: list[int] = []
    while len(chosen) < min(k, len(state.modules)):
        i = rng.choices(range(len(state.modules)), weights)[0]
        if i not in chosen:
            chosen.append(i)
    runs = [rng.choice(offerings[state.modules[i].id]) for i in chosen]
    runs.sort(key=lambda r: r.days[0])
    first_day = runs[0].days[0]

    enrolments, attendances, started_ends, completed_any, work_on = _participate(
        rng, site, pseudonym, runs, offerings=offerings, counter=counter
    )
    last_end = max(started_ends) if started_ends else None
    earliest = min(date.fromisoformat(e["history"][0]["on"]) for e in enrolments)
    intake = min(earliest, first_day) - timedelta(days=rng.randint(7, 40))
    unemployed: str | None
    if rng.random() < 0.05:
        unemployed = None
    elif rng.random() < 0.62:
        unemployed = _iso(intake - timedelta(days=365 + int(rng.expovariate(1 / 900))))
    else:
        unemployed = _iso(intake - timedelta(days=rng.randint(30, 364)))

    # consents, given at intake
    expires = intake + timedelta(days=730) if rng.random() < 0.1 else None
    latest = last_end or first_day
    withdrawn = latest + timedelta(days=rng.randint(1, 90)) if rng.random() < 0.03 else None
    if expires is not None and withdrawn is not None and withdrawn > expires:
        withdrawn = None
    consents = [
        _consent("programme_participation", intake, "gdpr_art_6_1_a", expires, withdrawn),
        _consent("health_data_processing", intake, "gdpr_art_9_2_a", expires, withdrawn),
    ]
    if rng.random() < 0.85:
        consents.append(_consent("evaluation", intake, "gdpr_art_6_1_a", expires, None))
    yield {
        "type": "participant",
        "pseudonym": pseudonym,
        "site_id": site.id,
        "birth_year": year - age,
        "benefit": benefit,
        "gender": gender,
        "unemployed_since": unemployed,
        "district_key": sorted(site.district_keys)[0] if site.district_keys else None,
        "restrictions": restrictions,
        "consents": consents,
    }
    needs = sorted({f.value for f in boosted} | (
        {rng.choice(list(FieldOfAction)).value} if rng.random() < 0.5 else set()))  # fmt: skip
    coach = f"{site.id}-c{rng.randint(1, 3):02d}"
    if rng.random() < 0.6:
        yield {"type": "needs_assessment", "participant": pseudonym, "on": _iso(intake),
               "needs": needs, "coach_id": coach, "office": None}  # fmt: skip
    if rng.random() < 0.2:
        yield _plan(rng, pseudonym, site, n, coach, intake, needs, categories)
    if rng.random() < 0.05:
        yield {"type": "referral", "id": f"{site.id}-r{n:06d}", "participant": pseudonym,
               "carrier": "pension_insurance", "referred_on": _iso(intake + timedelta(days=10)),
               "partner_id": None, "offer": "Medizinische Rehabilitation",
               "status": "accepted", "closed_on": None}  # fmt: skip
    yield from enrolments
    yield from attendances
    # WHO-5 before and after, PHQ-4 at the start for some
    level = rng.gauss(2.4, 0.9) - (0.5 if "mental" in categories else 0.0)
    if rng.random() < 0.85:
        yield _who5(rng, pseudonym, intake + timedelta(days=rng.randint(0, 7)), level)
        if last_end is not None and rng.random() < 0.75:
            gain = rng.gauss(0.35 if completed_any else 0.05, 0.5)
            yield _who5(rng, pseudonym, last_end + timedelta(days=rng.randint(0, 14)),
                        level + gain)  # fmt: skip
    if rng.random() < 0.3:
        answers = {f"phq4_{i}": min(3, max(0, round(rng.gauss(1.2, 0.9)))) for i in (1, 2, 3, 4)}
        yield {"type": "assessment", "participant": pseudonym, "instrument": "phq4",
               "on": _iso(intake), "answers": answers}  # fmt: skip
    # outcomes
    if work_on is not None:
        kind = rng.choices(("employment", "marginal_employment"), (7, 3))[0]
        yield {"type": "outcome", "participant": pseudonym, "kind": kind,
               "on": _iso(work_on), "partner_id": None}  # fmt: skip
    elif last_end is not None and rng.random() < (0.2 if completed_any else 0.08):
        kind = rng.choices(_INTEGRATION_KINDS, _INTEGRATION_WEIGHTS)[0]
        after = int(rng.expovariate(1 / 150))
        yield {"type": "outcome", "participant": pseudonym, "kind": kind,
               "on": _iso(last_end + timedelta(days=after)), "partner_id": None}  # fmt: skip
    if completed_any and last_end is not None and rng.random() < 0.05:
        yield {"type": "outcome", "participant": pseudonym, "kind": "club_membership",
               "on": _iso(last_end + timedelta(days=rng.randint(1, 60))),
               "partner_id": f"{site.id}-sportverein"}  # fmt: skip


def _who5(rng: random.Random, pseudonym: str, on: date, level: float) -> Record:
    gauss = rng.gauss
    answers = {f"who5_{i}": min(5, max(0, round(gauss(level, 0.7)))) for i in range(1, 6)}
    return {"type": "assessment", "participant": pseudonym, "instrument": "who5",
            "on": _iso(on), "answers": answers}  # fmt: skip


def _plan(  # noqa: PLR0917
    rng: random.Random,
    pseudonym: str,
    site: Site,
    n: int,
    coach: str,
    intake: date,
    needs: list[str],
    categories: list[str],
) -> Record:
    goals = []
    fields = needs or [FieldOfAction.MOVEMENT.value]
    for g, value in enumerate(fields[:3], start=1):
        field = FieldOfAction(value)
        title, step_text = _GOAL_TEXT[field]
        steps = []
        for s in range(1, rng.randint(1, 3) + 1):
            due = intake + timedelta(days=30 * s)
            status = rng.choices(("open", "in_progress", "done", "dropped"), (3, 2, 4, 1))[0]
            steps.append({"id": f"s{s}", "description": step_text, "due_on": _iso(due),
                          "status": status,
                          "done_on": _iso(due - timedelta(days=rng.randint(0, 10)))
                          if status == "done" else None})  # fmt: skip
        goals.append({"id": f"g{g}", "field_of_action": value, "description": title,
                      "due_on": _iso(intake + timedelta(days=180)), "target": None,
                      "steps": steps})  # fmt: skip
    recommendations = [
        {"category": _RECOMMENDATION_FOR[c], "issued_on": _iso(intake - timedelta(days=30)),
         "source": "medical_report"}
        for c in categories if c in _RECOMMENDATION_FOR
    ]  # fmt: skip
    reviews = [{"on": _iso(intake + timedelta(days=90 * r)), "coach_id": coach, "note": None}
               for r in range(1, rng.randint(0, 2) + 1)]  # fmt: skip
    return {"type": "plan", "id": f"{site.id}-p{n:06d}", "participant": pseudonym,
            "coach_id": coach, "created_on": _iso(intake), "goals": goals,
            "recommendations": recommendations, "referral_ids": [], "reviews": reviews}  # fmt: skip
