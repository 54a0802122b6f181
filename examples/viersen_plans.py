"""Kreis Viersen, Regionales Präventionszentrum: from medical reports to activity plans.

About 1,200 unemployed people in the Kreis Viersen have health restrictions. Medical reports
(Gutachten) with recommendations reach the jobcenter; only their recommendation categories
are kept, never the report. Four Health Care Coaches turn them into individual activity plans
(Aktivitätspläne) with concrete, agreed steps and refer people to the offers of the various
benefit carriers (Leistungsträger). This example builds those plans, the referrals (each
checked against the plugin's rules: a referral to another carrier needs the person's consent
to share data with that partner), the plan progress per coach through the site's exporter
``viersen-plan-progress`` (looked up in the registry; every count protected), and the
overdue steps as of a day.

**All data are synthetic** (seeded, the same on every run). The site, offers, partners and
rules come from the site plugin through the registry; the mapping from recommendation
categories to offers and the four coaches are the plugin's. How steps progress is
illustrative. Run with ``python examples/viersen_plans.py`` (``--output-dir DIR`` also
writes the export as a CSV file).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import attrs
from ag_site_viersen.catalogue import (
    COACHES,
    MODULE_CARRIERS,
    PEOPLE_WITH_RESTRICTIONS,
    RECOMMENDED_MODULES,
)

from arbeit_gesundheit import (
    ActivityPlan,
    BenefitType,
    Carrier,
    Consent,
    ConsentPurpose,
    Dataset,
    Goal,
    HealthRestriction,
    Participant,
    PlanReview,
    Recommendation,
    RecommendationCategory,
    Referral,
    ReferralStatus,
    RestrictionCategory,
    Severity,
    Step,
    StepStatus,
)
from arbeit_gesundheit.disclosure import CountTable, SuppressionPolicy
from arbeit_gesundheit.eligibility import Verdict, format_date
from arbeit_gesundheit.files import write_atomic
from arbeit_gesundheit.metrics import format_value
from arbeit_gesundheit.plugins import ExportOptions
from arbeit_gesundheit.plugins.registry import SiteBundle, get_registry
from arbeit_gesundheit.synthetic import generate_cohort

__all__ = ["PLANS_FROM", "SEED", "STAND", "build_dataset", "main"]

SITE_ID = "viersen"
SEED = 1200
#: The day the plans are looked at (Stichtag).
STAND = date(2024, 3, 31)
#: Plans are drawn up from this day on, until the Stichtag.
PLANS_FROM = date(2023, 1, 2)
#: Share of the 1,200 people who have an activity plan by the Stichtag (illustrative).
_PLAN_SHARE = 0.6
#: Share of people who consent to sharing data with the partners they are referred to.
_SHARING_SHARE = 0.85

#: Which recommendation categories a medical report gives for a restriction category
#: (illustrative; categories only, never diagnoses).
_REPORT_RECOMMENDS: dict[RestrictionCategory, tuple[RecommendationCategory, ...]] = {
    RestrictionCategory.MUSCULOSKELETAL: (
        RecommendationCategory.MORE_EXERCISE,
        RecommendationCategory.PHYSIOTHERAPY,
    ),
    RestrictionCategory.MENTAL: (
        RecommendationCategory.PSYCHOTHERAPY,
        RecommendationCategory.STRESS_MANAGEMENT,
    ),
    RestrictionCategory.METABOLIC: (RecommendationCategory.NUTRITION_CHANGE,),
    RestrictionCategory.CARDIOVASCULAR: (RecommendationCategory.PREVENTION_COURSE,),
    RestrictionCategory.RESPIRATORY: (RecommendationCategory.MORE_EXERCISE,),
    RestrictionCategory.ADDICTION: (RecommendationCategory.ADDICTION_COUNSELLING,),
    RestrictionCategory.NEUROLOGICAL: (RecommendationCategory.MEDICAL_REHABILITATION,),
}
#: Health understood broadly: housing and debts come up in the reports too.
_LIFE_SITUATION = (RecommendationCategory.HOUSING_SUPPORT, RecommendationCategory.DEBT_COUNSELLING)

#: German names for labels the core vocabulary does not carry (see the report to the lead).
_CARRIER_DE = {
    Carrier.HEALTH_INSURANCE: "Krankenversicherung",
    Carrier.PENSION_INSURANCE: "Rentenversicherung",
    Carrier.ACCIDENT_INSURANCE: "Unfallversicherung",
    Carrier.JOBCENTER: "Jobcenter",
    Carrier.EMPLOYMENT_AGENCY: "Agentur für Arbeit",
    Carrier.MUNICIPALITY: "Kommune (§16a SGB II)",
    Carrier.OTHER: "sonstige",
}
_REFERRAL_DE = {
    ReferralStatus.OPEN: "offen",
    ReferralStatus.ACCEPTED: "angenommen",
    ReferralStatus.COMPLETED: "abgeschlossen",
    ReferralStatus.DECLINED: "abgelehnt",
}
_RECOMMENDATION_DE = {
    RecommendationCategory.NUTRITION_CHANGE: "Ernährungsumstellung",
    RecommendationCategory.MORE_EXERCISE: "mehr Bewegung",
    RecommendationCategory.PREVENTION_COURSE: "Präventionskurs",
    RecommendationCategory.PHYSIOTHERAPY: "Physiotherapie",
    RecommendationCategory.PSYCHOTHERAPY: "Psychotherapie",
    RecommendationCategory.ADDICTION_COUNSELLING: "Suchtberatung",
    RecommendationCategory.MEDICAL_REHABILITATION: "medizinische Rehabilitation",
    RecommendationCategory.STRESS_MANAGEMENT: "Stressbewältigung",
    RecommendationCategory.PSYCHOSOCIAL_SUPPORT: "psychosoziale Unterstützung",
    RecommendationCategory.HOUSING_SUPPORT: "Wohnungssicherung",
    RecommendationCategory.DEBT_COUNSELLING: "Schuldnerberatung",
    RecommendationCategory.OTHER: "sonstige",
}
_STEP_DE = {
    StepStatus.OPEN: "offen",
    StepStatus.IN_PROGRESS: "in Arbeit",
    StepStatus.DONE: "erledigt",
    StepStatus.DROPPED: "verworfen",
}
_STEP_TEXTS = (
    "Termin beim Anbieter vereinbaren",
    "Angebot beginnen",
    "Zwischenbilanz mit dem Coach",
)
#: Days after the plan's start each step is due.
_STEP_DAYS = (14, 45, 120)

_POLICY = SuppressionPolicy()


@attrs.frozen
class Built:
    """The synthetic records and the referrals the rules did not allow."""

    data: Dataset
    refused_referrals: int
    refused_example: tuple[str, ...]


def _people(data: Dataset, rng: random.Random) -> list[Participant]:
    """Everyone has a health restriction and is an SGB II customer; most consent to sharing
    data with the partners of their plan (the consent names them later)."""
    categories = list(_REPORT_RECOMMENDS)
    people = []
    for person in data.participants:
        restrictions = person.restrictions or (
            HealthRestriction(rng.choice(categories), Severity.MODERATE),
        )
        benefit = (
            person.benefit
            if person.benefit in (BenefitType.SGB_II, BenefitType.BOTH)
            else BenefitType.SGB_II
        )
        people.append(attrs.evolve(person, restrictions=restrictions, benefit=benefit))
    return people


def _step(rng: random.Random, ident: str, text: str, created: date, due: date) -> Step:
    if due < STAND - timedelta(days=90):
        status = rng.choices(
            (StepStatus.DONE, StepStatus.DROPPED, StepStatus.IN_PROGRESS, StepStatus.OPEN),
            (85, 10, 3, 2),
        )[0]
    elif due < STAND:
        status = rng.choices(
            (StepStatus.DONE, StepStatus.DROPPED, StepStatus.IN_PROGRESS, StepStatus.OPEN),
            (70, 8, 12, 10),
        )[0]
    else:
        status = rng.choices(
            (StepStatus.DONE, StepStatus.IN_PROGRESS, StepStatus.OPEN), (15, 30, 55)
        )[0]
    done_on = None
    if status is StepStatus.DONE:
        done_on = min(STAND, max(created, due - timedelta(days=rng.randint(0, 14))))
    return Step(ident, text, due, status, done_on)


def _report(person: Participant, issued: date, rng: random.Random) -> list[Recommendation]:
    """The recommendation categories of the person's medical report (categories only)."""
    wanted: list[RecommendationCategory] = []
    for category in sorted(person.restriction_categories):
        for rec in _REPORT_RECOMMENDS.get(category, ()):
            if rec not in wanted:
                wanted.append(rec)
    if rng.random() < 0.15:
        wanted.append(rng.choice(_LIFE_SITUATION))
    return [Recommendation(c, issued) for c in wanted or [RecommendationCategory.OTHER]]


@attrs.frozen
class _Planned:
    person: Participant
    plan: ActivityPlan
    referrals: tuple[Referral, ...]
    refused: tuple[tuple[str, ...], ...]


def _plan(bundle: SiteBundle, person: Participant, number: int, rng: random.Random) -> _Planned:
    """One activity plan: a goal per recommended offer, three agreed steps each, and the
    referrals to other carriers the plugin's rules allow."""
    coach = COACHES[number % len(COACHES)]
    # The plan is drawn up after the person consented to take part (at intake).
    intake = min(c.given_on for c in person.consents)
    span = (STAND - PLANS_FROM).days
    created = min(
        STAND - timedelta(days=30),
        max(PLANS_FROM, intake) + timedelta(days=rng.randrange(span // 4)),
    )
    recommendations = _report(person, created - timedelta(days=rng.randint(20, 90)), rng)
    modules: list[str] = []
    for rec in recommendations:
        first = RECOMMENDED_MODULES[rec.category][0]
        if first not in modules:
            modules.append(first)
    partners = sorted({bundle.module(m).provider_id or "" for m in modules} - {"", "vie-jobcenter"})
    if partners and rng.random() < _SHARING_SHARE:
        sharing = Consent(ConsentPurpose.DATA_SHARING, created, recipients=partners)
        person = attrs.evolve(person, consents=(*person.consents, sharing))
    goals = []
    referrals: list[Referral] = []
    refused: list[tuple[str, ...]] = []
    for g, module_id in enumerate(modules, start=1):
        module = bundle.module(module_id)
        steps = tuple(
            _step(rng, f"g{g}s{s}", text, created, created + timedelta(days=days))
            for s, (text, days) in enumerate(zip(_STEP_TEXTS, _STEP_DAYS, strict=True), start=1)
        )
        goals.append(
            Goal(
                f"g{g}",
                module.field_of_action,
                module.title,
                created + timedelta(days=180),
                steps=steps,
            )
        )
        carrier = MODULE_CARRIERS[module_id]
        if carrier is Carrier.JOBCENTER:
            continue
        decision = bundle.evaluate(person, module_id, created)
        if decision.verdict is Verdict.NOT_MET:
            failed = [r.rule_id for r in decision.results if r.verdict is Verdict.NOT_MET]
            if all(f.startswith("viersen.consent_sharing.") for f in failed):
                refused.append(decision.explain())
            else:
                refused.append(())
            continue
        status = rng.choices(tuple(ReferralStatus), (15, 35, 40, 10))[0]
        closed = status in (ReferralStatus.COMPLETED, ReferralStatus.DECLINED)
        referrals.append(
            Referral(
                id=f"vie-r{number:05d}-{g}",
                participant=person.pseudonym,
                carrier=carrier,
                referred_on=created,
                partner_id=module.provider_id,
                offer=module.title,
                status=status,
                closed_on=min(STAND, created + timedelta(days=rng.randint(20, 150)))
                if closed
                else None,
            )
        )
    plan = ActivityPlan(
        id=f"vie-p{number:05d}",
        participant=person.pseudonym,
        coach_id=coach.id,
        created_on=created,
        goals=tuple(goals),
        recommendations=tuple(recommendations),
    ).link_referrals(referrals)
    if created + timedelta(days=90) <= STAND:
        plan = plan.add_review(PlanReview(created + timedelta(days=90), coach.id))
    return _Planned(person, plan, tuple(referrals), tuple(refused))


def build_dataset(seed: int = SEED) -> Built:
    """People, medical-report recommendations, activity plans and referrals (synthetic)."""
    bundle = get_registry().site(SITE_ID)
    rng = random.Random(seed)
    cohort = generate_cohort(
        seed=seed,
        participants=bundle.site.typical_participants or PEOPLE_WITH_RESTRICTIONS,
        site=bundle.site,
        modules=bundle.modules,
        year=PLANS_FROM.year,
    )
    people: list[Participant] = []
    plans: list[ActivityPlan] = []
    referrals: list[Referral] = []
    refused: list[tuple[str, ...]] = []
    for number, person in enumerate(_people(cohort, rng), start=1):
        if rng.random() >= _PLAN_SHARE:
            people.append(person)
            continue
        planned = _plan(bundle, person, number, rng)
        people.append(planned.person)
        plans.append(planned.plan)
        referrals.extend(planned.referrals)
        refused.extend(planned.refused)
    data = Dataset(
        sites=(bundle.site,),
        partners=bundle.partners,
        agreements=bundle.agreements,
        coaches=COACHES,
        modules=bundle.modules,
        participants=tuple(people),
        plans=tuple(plans),
        referrals=tuple(referrals),
    )
    example = next((lines for lines in refused if lines), ())
    return Built(data, len(refused), example)


def _print_rows(rows: Sequence[Sequence[object]]) -> None:
    texts = [
        [format_value(c, "count") if isinstance(c, int) else str(c) for c in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in texts) for i in range(len(texts[0]))]
    for row in texts:
        cells = [
            text.ljust(width) if i == 0 else text.rjust(width)
            for i, (text, width) in enumerate(zip(row, widths, strict=True))
        ]
        print("  " + "  ".join(cells).rstrip())


def _recommendations(data: Dataset) -> None:
    counts = Counter(r.category for plan in data.plans for r in plan.recommendations)
    print("\nEmpfehlungen aus den Gutachten (nur Kategorien, je Aktivitätsplan):")
    for category, n in counts.most_common():
        shown = "." if _POLICY.is_sensitive(n) else format_value(n, "count")
        print(f"  {_RECOMMENDATION_DE[category]}: {shown}")


def _referrals(data: Dataset, built: Built) -> None:
    counts: Counter[tuple[str, str]] = Counter(
        (_CARRIER_DE[r.carrier], _REFERRAL_DE[r.status]) for r in data.referrals
    )
    carriers = [_CARRIER_DE[c] for c in Carrier if any(r.carrier is c for r in data.referrals)]
    table = CountTable.from_counts(
        counts,
        carriers,
        [_REFERRAL_DE[s] for s in ReferralStatus],
        title="Vermittlungen an Leistungsträger nach Stand",
    )
    protected = _POLICY.apply(table)
    print(f"\n{protected.title}:")
    _print_rows(protected.to_rows())
    print(
        f"  nicht vermittelt, weil die Regeln des Plugins es nicht erlauben: "
        f"{format_value(built.refused_referrals, 'count')}"
    )
    if built.refused_example:
        print("  Beispiel einer Prüfung nach den Regeln des Plugins:")
        for line in built.refused_example:
            print(f"    {line}")


def _export(bundle: SiteBundle, data: Dataset, output_dir: Path | None) -> None:
    exporter = get_registry().exporter("viersen-plan-progress")
    origin = bundle.origin("exporter", exporter.name)
    options = ExportOptions(as_of=STAND)
    payload = exporter.export(data, options)
    print(f"\n{exporter.title()} (Export „{exporter.name}“ aus {origin.distribution}):")
    block: list[list[object]] = []
    for row in csv.reader(io.StringIO(payload.decode("utf-8-sig")), delimiter=";"):
        if len(row) > 1:
            block.append([int(c) if c.isdigit() else c for c in row])
            continue
        if block:
            _print_rows(block)
            block = []
        print(row[0] if row else "")
    if block:
        _print_rows(block)
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        path = output_dir / f"viersen-planfortschritt-{STAND.isoformat()}{exporter.suffix}"
        # atomic, and replacing only the file this example itself writes on a re-run
        write_atomic(path, payload, overwrite=True)
        print(f"\nGeschrieben: {path}")


def _overdue(data: Dataset) -> None:
    people = {p.pseudonym: p for p in data.participants}
    overdue = [(step, plan) for plan in data.plans for step in plan.overdue_steps(STAND)]
    print(f"\nÜberfällige Schritte am {format_date(STAND)}: {format_value(len(overdue), 'count')}")
    coach = COACHES[0]
    mine = sorted(
        (item for item in overdue if item[1].coach_id == coach.id),
        key=lambda item: (item[0].due_on, item[1].id, item[0].id),
    )
    allowed = [
        (step, plan)
        for step, plan in mine
        if people[plan.participant].has_consent(ConsentPurpose.HEALTH_DATA_PROCESSING, STAND)
    ]
    print(
        f"Wiedervorlage für {coach.id} (nur Personen mit gültiger Einwilligung zur "
        f"Verarbeitung von Gesundheitsdaten, {len(allowed)} von {len(mine)}), die ältesten fünf:"
    )
    for step, plan in allowed[:5]:
        goal = plan.goal_of(step.id)
        print(
            f"  {plan.participant}: {goal.description} – {step.description} "
            f"(fällig {format_date(step.due_on)}, {_STEP_DE[step.status]})"
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, allow_abbrev=False)
    parser.add_argument("--output-dir", type=Path, default=None)
    args, _unknown = parser.parse_known_args(argv)
    bundle = get_registry().site(SITE_ID)
    print(bundle.site.name)
    print("Alle Daten sind synthetisch (erzeugt mit festem Startwert).")
    print(f"Stand: {format_date(STAND)}")
    built = build_dataset()
    data = built.data
    print(
        f"\nPersonen mit gesundheitlichen Einschränkungen: "
        f"{format_value(len(data.participants), 'count')}; mit Aktivitätsplan: "
        f"{format_value(len(data.plans), 'count')} bei {len(COACHES)} Health Care Coaches"
    )
    _recommendations(data)
    _referrals(data, built)
    _export(bundle, data, args.output_dir)
    _overdue(data)


if __name__ == "__main__":
    main()
