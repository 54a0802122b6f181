"""Seeded generator of plausible synthetic cohorts (implementation of :mod:`.synthetic`).

Records are produced as JSON-ready dicts in the canonical form of the converter (every field,
in field order), as a stream in the by-participant layout, so national-size cohorts can be
written to JSON Lines without holding them in memory. :func:`generate_cohort` structures the
same stream into a :class:`Dataset`. Only :class:`random.Random` with the given seed is used,
and nothing iterates over an unordered set, so the same arguments give the same records.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import holidays

from .. import converter
from ..exceptions import InvalidFieldError
from ..jsonl import BY_PARTICIPANT, HEADER_TYPE, RECORD_TYPES, write_jsonl
from ..model import (
    FORMAT_VERSION,
    Certification,
    Dataset,
    FieldOfAction,
    FundingSource,
    Land,
    Module,
    ModuleFormat,
    RestrictionCategory,
    Site,
)

__all__ = [
    "DEFAULT_YEAR",
    "default_modules",
    "generate_cohort",
    "iter_cohort_records",
    "write_cohort_jsonl",
]

#: Year the generated offerings start in, unless another is asked for.
DEFAULT_YEAR = 2024

Record = dict[str, Any]

# National partners (id, name, kind); sites add their own local partners.
_NATIONAL_PARTNERS: tuple[tuple[str, str, str], ...] = (
    ("aok", "AOK (synthetisch)", "health_insurer"),
    ("tk", "Techniker Krankenkasse (synthetisch)", "health_insurer"),
    ("barmer", "BARMER (synthetisch)", "health_insurer"),
    ("ikk", "IKK classic (synthetisch)", "health_insurer"),
    ("vhs", "Volkshochschule (synthetisch)", "education_provider"),
    ("bildungswerk", "Bildungswerk (synthetisch)", "education_provider"),
    ("drk", "Deutsches Rotes Kreuz (synthetisch)", "welfare_organisation"),
    ("lsb", "Landessportbund (synthetisch)", "sports_federation"),
)
_LOCAL_PARTNERS: tuple[tuple[str, str, str], ...] = (
    ("sportverein", "Sportverein", "sports_club"),
    ("gesundheitsamt", "Gesundheitsamt", "health_office"),
    ("fitness", "Fitnessstudio", "gym"),
    ("beratung", "Psychosoziale Beratungsstelle", "psychosocial_counselling"),
)


def default_modules(year: int = DEFAULT_YEAR) -> tuple[Module, ...]:
    """A plausible catalogue of German offers across the fields of action, with providers.

    Prevention courses carry a ZPP certification valid through the end of ``year + 1``.
    """
    cert_end = date(year + 1, 12, 31)

    def zpp(key: str) -> Certification:
        return Certification(id=f"zpp-{key}", valid_until=cert_end)

    m = FieldOfAction
    course = ModuleFormat.COURSE_SERIES
    gkv = FundingSource.GKV_ALLIANCE
    jc = FundingSource.JOBCENTER
    return (
        Module("rueckenfit", "Rückenfit – Bewegung für einen starken Rücken", m.MOVEMENT, course,
               sessions=12, session_minutes=60, places=12, provider_id="lsb",
               certification=zpp("rueckenfit"), funding=gkv),
        Module("nordic-walking", "Nordic Walking für Einsteiger", m.MOVEMENT, course,
               sessions=12, session_minutes=90, places=15, provider_id="lsb",
               certification=zpp("walking"), funding=gkv),
        Module("bewegt-im-alltag", "Bewegt im Alltag", m.MOVEMENT, course, sessions=16,
               session_minutes=60, places=15, provider_id="lsb", funding=jc),
        Module("gesund-essen", "Gesund essen mit kleinem Budget", m.NUTRITION, course,
               sessions=10, session_minutes=90, places=12, provider_id="aok",
               certification=zpp("essen"), funding=gkv),
        Module("kochwerkstatt", "Kochwerkstatt: frisch und günstig", m.NUTRITION, course,
               sessions=10, session_minutes=120, places=10, provider_id="vhs", funding=jc),
        Module("stressbewaeltigung", "Stressbewältigung und Entspannung", m.STRESS, course,
               sessions=12, session_minutes=90, places=12, provider_id="tk",
               certification=zpp("stress"), funding=gkv),
        Module("pmr", "Progressive Muskelentspannung", m.STRESS, course, sessions=8,
               session_minutes=60, places=15, provider_id="barmer",
               certification=zpp("pmr"), funding=gkv),
        Module("rauchfrei", "Rauchfrei-Programm", m.ADDICTION, course, sessions=8,
               session_minutes=90, places=12, provider_id="ikk",
               certification=zpp("rauchfrei"), funding=gkv),
        Module("psychosoziale-beratung", "Psychosoziale Beratung", m.PSYCHOSOCIAL,
               ModuleFormat.CONSULTATION, sessions=6, session_minutes=60, places=8,
               provider_id="drk", funding=FundingSource.MUNICIPALITY),
        Module("aktiv-coaching", "Aktiv-Coaching: Motivation und Aktivierung", m.MOTIVATION,
               ModuleFormat.COACHING, sessions=20, session_minutes=90, places=12,
               provider_id="bildungswerk", funding=jc),
        Module("resilienz", "Resilienztraining", m.RESILIENCE, course, sessions=12,
               session_minutes=90, places=12, provider_id="tk", funding=gkv),
        Module("familie-bewegt", "Familie in Bewegung", m.FAMILY, course, sessions=10,
               session_minutes=90, places=12, provider_id="lsb", funding=gkv),
        Module("assistierte-vermittlung", "Assistierte Vermittlung", m.ASSISTED_PLACEMENT,
               ModuleFormat.COACHING, sessions=24, session_minutes=60, places=10,
               provider_id="bildungswerk", funding=jc),
    )  # fmt: skip


# How popular each field of action is, and which fields each restriction makes likelier.
_FIELD_WEIGHT: dict[FieldOfAction, float] = {
    FieldOfAction.MOVEMENT: 3.0,
    FieldOfAction.NUTRITION: 2.0,
    FieldOfAction.STRESS: 2.0,
    FieldOfAction.ADDICTION: 0.5,
    FieldOfAction.PSYCHOSOCIAL: 0.8,
    FieldOfAction.MOTIVATION: 1.5,
    FieldOfAction.RESILIENCE: 1.0,
    FieldOfAction.FAMILY: 0.5,
    FieldOfAction.ASSISTED_PLACEMENT: 1.0,
    FieldOfAction.CONSULTATION: 0.5,
}
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
_LANDS = tuple(Land)


def _check_int(name: str, value: object, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise InvalidFieldError(
            "generate_cohort", name, f"a whole number from {low} to {high}", value
        )
    return value


def _synthetic_sites(count: int) -> list[Site]:
    if count == 1:
        return [Site(id="musterstadt", name="Jobcenter Musterstadt (synthetisch)", land=Land.NW,
                     programmes=frozenset({"teamwork"}), district_keys=frozenset({"05999"}))]  # fmt: skip
    return [
        Site(
            id=f"jc-{i:03d}",
            name=f"Jobcenter Musterstadt {i} (synthetisch)",
            land=_LANDS[(i - 1) % len(_LANDS)],
            programmes=frozenset({"teamwork"}),
            district_keys=frozenset({f"{(i * 37) % 99999:05d}"}),
        )
        for i in range(1, count + 1)
    ]


class _Offering:
    __slots__ = ("capacity", "days", "filled", "id", "module", "provider")

    def __init__(
        self, id: str, module: Module, provider: str | None, capacity: int, days: list[date]
    ) -> None:
        self.id = id
        self.module = module
        self.provider = provider
        self.capacity = capacity
        self.days = days
        self.filled = 0


def _iso(day: date) -> str:
    return day.isoformat()


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


class _Generator:
    """Holds the seeded state; :meth:`records` yields every record once, in layout order."""

    def __init__(
        self,
        *,
        seed: int,
        participants: int,
        sites: list[Site],
        modules: tuple[Module, ...],
        year: int,
        enrolments_per_participant: float,
    ) -> None:
        self.rng = random.Random(seed)
        self.participants = participants
        self.sites = sites
        self.modules = modules
        self.year = year
        self.per_person = enrolments_per_participant
        self._holidays: dict[Land, set[date]] = {}
        self.module_weight = [_FIELD_WEIGHT.get(m.field_of_action, 1.0) for m in modules]

    # -- shared records ------------------------------------------------------------------
    def _closed(self, land: Land) -> set[date]:
        days = self._holidays.get(land)
        if days is None:
            calendar = holidays.country_holidays(
                "DE", subdiv=land.value, years=range(self.year, self.year + 2)
            )
            days = self._holidays[land] = set(calendar)
        return days

    def _site_sizes(self) -> list[int]:
        count = len(self.sites)
        base, extra = divmod(self.participants, count)
        return [base + (1 if i < extra else 0) for i in range(count)]

    def _plan_offerings(self, site: Site, people: int) -> dict[str, list[_Offering]]:
        rng = self.rng
        closed = self._closed(site.land)
        total_weight = sum(self.module_weight)
        by_module: dict[str, list[_Offering]] = {}
        jan = date(self.year, 1, 1)
        for module, weight in zip(self.modules, self.module_weight, strict=True):
            capacity = module.places or 12
            demand = people * self.per_person * 0.9 * weight / total_weight
            count = max(1, round(demand / (capacity * 0.85) + 0.5))
            runs = []
            for k in range(1, count + 1):
                start = jan + timedelta(days=7 + rng.randrange(320))
                start -= timedelta(days=start.weekday() % 5)  # a weekday
                days: list[date] = []
                day = start
                while len(days) < module.sessions:
                    if day not in closed:
                        days.append(day)
                    day += timedelta(weeks=1)
                local = rng.random() < 0.3 and module.field_of_action is FieldOfAction.MOVEMENT
                provider = f"{site.id}-sportverein" if local else module.provider_id
                runs.append(
                    _Offering(f"{site.id}-{module.id}-{k:03d}", module, provider, capacity, days)
                )
            by_module[module.id] = runs
        return by_module

    def _shared(self, plans: list[dict[str, list[_Offering]]]) -> Iterator[Record]:
        rng = self.rng
        year = self.year
        for site in self.sites:
            yield {
                "type": "site",
                "id": site.id,
                "name": site.name,
                "land": site.land.value,
                "programmes": sorted(site.programmes),
                "district_keys": sorted(site.district_keys),
                "since": _iso(site.since) if site.since else None,
                "typical_participants": site.typical_participants,
            }
        for pid, name, kind in _NATIONAL_PARTNERS:
            yield {"type": "partner", "id": pid, "name": name, "kind": kind, "location": None}
        for site in self.sites:
            for suffix, name, kind in _LOCAL_PARTNERS:
                yield {"type": "partner", "id": f"{site.id}-{suffix}",
                       "name": f"{name} {site.name.split(' (')[0].removeprefix('Jobcenter ')}",
                       "kind": kind, "location": None}  # fmt: skip
        for site in self.sites:
            insurer = _NATIONAL_PARTNERS[rng.randrange(4)][0]
            start = date(year - 1 - rng.randrange(3), 1, 1)
            renew = rng.random() < 0.5
            yield {
                "type": "agreement",
                "id": f"{site.id}-kv-1",
                "parties": [site.id, insurer, f"{site.id}-sportverein"],
                "valid_from": _iso(start),
                "valid_until": _iso(date(start.year + 2, 12, 31)),
                "funding": "gkv_alliance",
                "renewals": [
                    {"signed_on": _iso(date(start.year + 2, 11, 15)),
                     "valid_until": _iso(date(start.year + 4, 12, 31))}
                ] if renew else [],
                "title": "Kooperationsvereinbarung Gesundheitsförderung",
            }  # fmt: skip
        for site, size in zip(self.sites, self._site_sizes(), strict=True):
            for c in range(1, 3 + size // 400 + 1):
                role = "health_care_coach" if c % 3 else "placement_officer"
                yield {"type": "coach", "id": f"{site.id}-c{c:02d}", "site_id": site.id,
                       "role": role, "trained_for_counselling": c % 2 == 1}  # fmt: skip
        for module in self.modules:
            yield {"type": "module", **converter.unstructure(module)}
        for plan in plans:
            for runs in plan.values():
                for run in runs:
                    yield {"type": "offering", "id": run.id, "module_id": run.module.id,
                           "starts_on": _iso(run.days[0]), "ends_on": _iso(run.days[-1]),
                           "capacity": run.capacity, "location": None,
                           "provider_id": run.provider}  # fmt: skip
        for plan in plans:
            for runs in plan.values():
                for run in runs:
                    minutes = run.module.session_minutes
                    for n, day in enumerate(run.days, start=1):
                        yield {"type": "session", "offering_id": run.id, "number": n,
                               "on": _iso(day), "starts_at": "09:00", "minutes": minutes}  # fmt: skip
        for site in self.sites:
            partners = [p[0] for p in _NATIONAL_PARTNERS] + [
                f"{site.id}-{s[0]}" for s in _LOCAL_PARTNERS
            ]
            for e in range(1, 3 + (rng.random() < 0.3)):
                day = date(year, 3, 1) + timedelta(days=rng.randrange(240))
                digital = e == 3
                chosen = sorted(rng.sample(partners, rng.randint(3, 8)))
                yield {
                    "type": "event",
                    "id": f"{site.id}-gt-{year}-{e}",
                    "site_id": site.id,
                    "title": "Digitale Gesundheitswoche" if digital else "Gesundheitstag",
                    "on": _iso(day),
                    "ends_on": _iso(day + timedelta(days=4)) if digital else None,
                    "format": "digital" if digital else "on_site",
                    "partner_ids": chosen,
                    "visitors": None if rng.random() < 0.1 else rng.randint(40, 400),
                    "activities": ["Rückenscreening", "Ernährungsberatung", "Bewegungsparcours"][
                        : rng.randint(1, 3)
                    ],
                }
        for site, size in zip(self.sites, self._site_sizes(), strict=True):
            yield {
                "type": "review",
                "site_id": site.id,
                "year": year,
                # keys in sorted order, as the converter writes mappings
                "targets": {"completion_rate": 70, "dropout_rate": 20, "integration_12m": 20,
                            "reach": max(1, round(size * 0.85))},
                "notes": [{"kind": "decision", "text": "Ziele im Entscheider-Treffen vereinbart."}],
                "next_targets": {},
            }  # fmt: skip

    # -- one participant -----------------------------------------------------------------
    def _person(  # noqa: PLR0915 - one participant, start to end
        self, site: Site, n: int, offerings: dict[str, list[_Offering]], counter: list[int]
    ) -> Iterator[Record]:
        rng = self.rng
        year = self.year
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
        weights = list(self.module_weight)
        boosted = {f for cat in categories for f in _RESTRICTION_FIELDS.get(cat, ())}
        for i, module in enumerate(self.modules):
            if module.field_of_action in boosted:
                weights[i] *= 3.0
        k = rng.choices((1, 2, 3, 4, 5, 6), (20, 25, 20, 15, 12, 8))[0]
        k = max(1, round(k * self.per_person / 3.0))
        chosen: list[int] = []
        while len(chosen) < min(k, len(self.modules)):
            i = rng.choices(range(len(self.modules)), weights)[0]
            if i not in chosen:
                chosen.append(i)
        runs = [rng.choice(offerings[self.modules[i].id]) for i in chosen]
        runs.sort(key=lambda r: r.days[0])
        first_day = runs[0].days[0]

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
                enrolments.append(self._enrolment(eid, pseudonym, run, history))
                continue
            if run.filled >= run.capacity:
                alternatives = [r for r in offerings[run.module.id] if r.filled < r.capacity]
                if alternatives and rng.random() < 0.7:
                    run = rng.choice(alternatives)
                    registered = run.days[0] - timedelta(days=rng.randint(3, 30))
                else:
                    history = self._prefix(referred, registered)
                    history.append({"status": "waitlisted", "on": _iso(registered), "reason": None})
                    enrolments.append(self._enrolment(eid, pseudonym, run, history))
                    continue
            run.filled += 1
            if rng.random() < 0.08:
                waited = registered - timedelta(days=rng.randint(7, 21))
                history = self._prefix(referred, waited)
                history.append({"status": "waitlisted", "on": _iso(waited), "reason": None})
            else:
                history = self._prefix(referred, registered)
            history.append({"status": "registered", "on": _iso(registered), "reason": None})
            fate = rng.random()
            days = run.days
            if fate < 0.07:
                history.append({"status": "no_show",
                                "on": _iso(days[0] + timedelta(days=rng.randint(0, 7))),
                                "reason": None})  # fmt: skip
                enrolments.append(self._enrolment(eid, pseudonym, run, history))
                continue
            history.append({"status": "active", "on": _iso(days[0]), "reason": None})
            if fate < 0.25 and len(days) > 1:  # one-session offers cannot be left midway
                last = rng.randint(1, len(days) - 1)
                reason = rng.choices(_DROP_REASONS, _DROP_WEIGHTS)[0]
                end = days[last - 1] + timedelta(days=rng.randint(0, 6))
                history.append({"status": "dropped", "on": _iso(end), "reason": reason})
                enrolments.append(self._enrolment(eid, pseudonym, run, history, reason))
                present_p = 0.7
                held = last
                if reason == "took_up_work" and (work_on is None or end < work_on):
                    work_on = end
            else:
                end = days[-1]
                history.append({"status": "completed", "on": _iso(end), "reason": None})
                enrolments.append(self._enrolment(eid, pseudonym, run, history))
                present_p = 0.86 + rng.random() * 0.12
                held = len(days)
                completed_any = True
            started_ends.append(end)
            random_ = rng.random
            for number in range(1, held + 1):
                r = random_()
                status = (
                    "present"
                    if r < present_p
                    else ("excused" if r < present_p + 0.08 else "absent")
                )
                attendances.append({"type": "attendance", "enrolment_id": eid,
                                    "session_number": number, "status": status})  # fmt: skip
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
            yield self._plan(pseudonym, site, n, coach, intake, needs, categories)
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
            yield self._who5(pseudonym, intake + timedelta(days=rng.randint(0, 7)), level)
            if last_end is not None and rng.random() < 0.75:
                gain = rng.gauss(0.35 if completed_any else 0.05, 0.5)
                yield self._who5(pseudonym, last_end + timedelta(days=rng.randint(0, 14)),
                                 level + gain)  # fmt: skip
        if rng.random() < 0.3:
            answers = {
                f"phq4_{i}": min(3, max(0, round(rng.gauss(1.2, 0.9)))) for i in (1, 2, 3, 4)
            }
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

    def _prefix(self, referred: bool, before: date) -> list[Record]:
        if not referred:
            return []
        on = before - timedelta(days=self.rng.randint(3, 14))
        return [{"status": "referred", "on": _iso(on), "reason": None}]

    @staticmethod
    def _enrolment(
        eid: str, pseudonym: str, run: _Offering, history: list[Record], reason: str | None = None
    ) -> Record:
        return {"type": "enrolment", "id": eid, "participant": pseudonym, "offering_id": run.id,
                "status": history[-1]["status"], "history": history,
                "dropout_reason": reason}  # fmt: skip

    def _who5(self, pseudonym: str, on: date, level: float) -> Record:
        gauss = self.rng.gauss
        answers = {f"who5_{i}": min(5, max(0, round(gauss(level, 0.7)))) for i in range(1, 6)}
        return {"type": "assessment", "participant": pseudonym, "instrument": "who5",
                "on": _iso(on), "answers": answers}  # fmt: skip

    def _plan(  # noqa: PLR0917
        self,
        pseudonym: str,
        site: Site,
        n: int,
        coach: str,
        intake: date,
        needs: list[str],
        categories: list[str],
    ) -> Record:
        rng = self.rng
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

    def records(self) -> Iterator[Record]:
        yield {"type": HEADER_TYPE, "format_version": FORMAT_VERSION, "layout": BY_PARTICIPANT}
        sizes = self._site_sizes()
        plans = [self._plan_offerings(s, size) for s, size in zip(self.sites, sizes, strict=True)]
        yield from self._shared(plans)
        for site, size, plan in zip(self.sites, sizes, plans, strict=True):
            counter = [0]
            for n in range(1, size + 1):
                yield from self._person(site, n, plan, counter)


def iter_cohort_records(
    *,
    seed: int,
    participants: int,
    site: Site | None = None,
    sites: int = 1,
    modules: Sequence[Module] | None = None,
    year: int = DEFAULT_YEAR,
    enrolments_per_participant: float = 3.0,
) -> Iterator[Record]:
    """The records of a synthetic cohort as JSON-ready dicts with ``"type"``, as a stream.

    The first record is the header; then come the shared records and each participant with
    their own records (the by-participant layout of :mod:`arbeit_gesundheit.jsonl`).
    Arguments are as for :func:`generate_cohort`.
    """
    _check_int("seed", seed, -(2**63), 2**63)
    _check_int("participants", participants, 1, 50_000_000)
    _check_int("year", year, 2000, 2098)
    _check_int("sites", sites, 1, 10_000)
    if site is not None and not isinstance(site, Site):
        raise InvalidFieldError("generate_cohort", "site", "a Site or nothing", site)
    if type(enrolments_per_participant) not in (int, float) or not (
        0.5 <= enrolments_per_participant <= 6
    ):
        raise InvalidFieldError(
            "generate_cohort", "enrolments_per_participant", "a number from 0.5 to 6",
            enrolments_per_participant,
        )  # fmt: skip
    catalogue = default_modules(year) if modules is None else tuple(modules)
    if not catalogue or not all(isinstance(m, Module) for m in catalogue):
        raise InvalidFieldError(
            "generate_cohort", "modules", "a non-empty sequence of Module", modules
        )
    if len({m.id for m in catalogue}) != len(catalogue):
        raise InvalidFieldError("generate_cohort", "modules", "modules with distinct ids", modules)
    chosen_sites = [site] if site is not None else _synthetic_sites(sites)
    generator = _Generator(
        seed=seed,
        participants=participants,
        sites=chosen_sites,
        modules=catalogue,
        year=year,
        enrolments_per_participant=float(enrolments_per_participant),
    )
    return generator.records()


def generate_cohort(
    *,
    seed: int,
    participants: int,
    site: Site | None = None,
    sites: int = 1,
    modules: Sequence[Module] | None = None,
    year: int = DEFAULT_YEAR,
    enrolments_per_participant: float = 3.0,
) -> Dataset:
    """A plausible synthetic cohort as a :class:`Dataset`; the same arguments give the same data.

    ``participants`` people at ``site`` (or at ``sites`` generated sites), enrolled in
    offerings of ``modules`` (default: :func:`default_modules`) that start in ``year``, with
    attendance, dropouts, WHO-5 before and after, outcomes, needs assessments, activity
    plans, events and partners. For national sizes use :func:`write_cohort_jsonl`.
    """
    fields: dict[str, list[Any]] = {name: [] for name, _cls in RECORD_TYPES.values()}
    records = iter_cohort_records(
        seed=seed,
        participants=participants,
        site=site,
        sites=sites,
        modules=modules,
        year=year,
        enrolments_per_participant=enrolments_per_participant,
    )
    for record in records:
        kind = record.pop("type")
        if kind == HEADER_TYPE:
            continue
        fields[RECORD_TYPES[kind][0]].append(record)
    document = {"format_version": FORMAT_VERSION, **fields}
    return converter.structure(document, Dataset)


def write_cohort_jsonl(
    path: str | os.PathLike[str],
    *,
    seed: int,
    participants: int,
    site: Site | None = None,
    sites: int = 1,
    modules: Sequence[Module] | None = None,
    year: int = DEFAULT_YEAR,
    enrolments_per_participant: float = 3.0,
    overwrite: bool = False,
) -> Path:
    """Write a synthetic cohort straight to a JSON Lines file, without holding it in memory.

    Gives the same file as ``write_jsonl(generate_cohort(...), path)``. Returns the path.
    """
    records = iter_cohort_records(
        seed=seed,
        participants=participants,
        site=site,
        sites=sites,
        modules=modules,
        year=year,
        enrolments_per_participant=enrolments_per_participant,
    )
    return write_jsonl(records, path, overwrite=overwrite)
